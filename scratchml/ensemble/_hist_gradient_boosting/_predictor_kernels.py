"""Routing samples down a fitted tree held in flat arrays.

A tree is a set of parallel arrays indexed by node (see ``predictor.py``):
``feature``, ``threshold`` (real-valued), ``bin_threshold``,
``missing_go_to_left``, ``left``, ``right``, ``is_leaf``, ``value``. Samples
are independent, so the loop over them may run in parallel (no reduction: the
result does not depend on the thread count).
"""

import numba
import numpy as np


def predict_raw(X, feature, threshold, missing_go_to_left, children, value, out):
    """Add the tree's leaf value for every row of real-valued ``X`` to ``out``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features), float64
    feature : ndarray of shape (n_nodes,), int64
    threshold : ndarray of shape (n_nodes,), float64
        A sample goes left when x <= threshold.
    missing_go_to_left : ndarray of shape (n_nodes,), bool
        Where NaN goes.
    children : ndarray of shape (n_nodes, 2), int64
        (left, right) child ids; -1 marks a leaf.
    value : ndarray of shape (n_nodes,), float64
    out : ndarray of shape (n_samples,), float64
        Incremented in place.
    """
    for i in numba.prange(X.shape[0]):
        node = 0
        while children[node, 0] != -1:
            x = X[i, feature[node]]
            if np.isnan(x):
                go_left = missing_go_to_left[node]
            else:
                go_left = x <= threshold[node]
            node = children[node, 0] if go_left else children[node, 1]
        out[i] += value[node]


def predict_binned(X_binned, feature, bin_threshold, missing_go_to_left, children,
                   value, missing_bin, out):
    """As :func:`predict_raw`, for data already mapped to bins (validation set)."""
    for i in numba.prange(X_binned.shape[0]):
        node = 0
        while children[node, 0] != -1:
            b = X_binned[i, feature[node]]
            if b == missing_bin:
                go_left = missing_go_to_left[node]
            else:
                go_left = b <= bin_threshold[node]
            node = children[node, 0] if go_left else children[node, 1]
        out[i] += value[node]


predict_raw_jit = numba.njit(cache=True)(predict_raw)
predict_binned_jit = numba.njit(cache=True)(predict_binned)
# Threads pay off only for many rows (starting them costs more than a small batch).
predict_raw_parallel_jit = numba.njit(cache=True, parallel=True)(predict_raw)
predict_binned_parallel_jit = numba.njit(cache=True, parallel=True)(predict_binned)
