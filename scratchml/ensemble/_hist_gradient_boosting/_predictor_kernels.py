"""Routing samples down a fitted tree held in flat arrays.

A tree is a set of parallel arrays indexed by node (see ``predictor.py``):
``feature``, ``threshold`` (real-valued), ``is_categorical``, ``left_bins``
(which bins of the split feature go left; its last column is the
missing-value bin), ``children`` and ``value``. Samples are independent, so
the loop over them may run in parallel (no reduction: the result does not
depend on the thread count).
"""

import numba
import numpy as np

from ...utils._numba import serial_twin


def predict_raw(X, X_codes, feature, threshold, is_categorical, left_bins, children, value,
                out):
    """Add the tree's leaf value for every row of real-valued ``X`` to ``out``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features), float64
    X_codes : ndarray of shape (n_samples, n_features), uint8
        Bin of each categorical value (unknown categories and NaN: the
        missing-value bin); read for categorical splits only.
    feature : ndarray of shape (n_nodes,), int64
    threshold : ndarray of shape (n_nodes,), float64
        Numerical split: x <= threshold goes left, NaN as the missing bin.
    is_categorical : ndarray of shape (n_nodes,), bool
    left_bins : ndarray of shape (n_nodes, n_bins), bool
    children : ndarray of shape (n_nodes, 2), int64
        (left, right) child ids; -1 marks a leaf.
    value : ndarray of shape (n_nodes,), float64
    out : ndarray of shape (n_samples,), float64
        Incremented in place.
    """
    missing_bin = left_bins.shape[1] - 1
    for i in numba.prange(X.shape[0]):
        node = 0
        while children[node, 0] != -1:
            f = feature[node]
            if is_categorical[node]:
                go_left = left_bins[node, X_codes[i, f]]
            elif np.isnan(X[i, f]):
                go_left = left_bins[node, missing_bin]
            else:
                go_left = X[i, f] <= threshold[node]
            node = children[node, 0] if go_left else children[node, 1]
        out[i] += value[node]


def predict_binned(X_binned, feature, left_bins, children, value, out):
    """As :func:`predict_raw`, for data already mapped to bins (validation set)."""
    for i in numba.prange(X_binned.shape[0]):
        node = 0
        while children[node, 0] != -1:
            go_left = left_bins[node, X_binned[i, feature[node]]]
            node = children[node, 0] if go_left else children[node, 1]
        out[i] += value[node]


predict_raw_jit = serial_twin(predict_raw)  # own cache entry, see utils/_numba.py
predict_binned_jit = serial_twin(predict_binned)  # own cache entry, see utils/_numba.py
# Threads pay off only for many rows (starting them costs more than a small batch).
predict_raw_parallel_jit = numba.njit(cache=True, parallel=True)(predict_raw)
predict_binned_parallel_jit = numba.njit(cache=True, parallel=True)(predict_binned)
