"""A fitted histogram-boosting tree, held in flat arrays a learner can print."""

import numpy as np

from ._predictor_kernels import (
    predict_binned_jit,
    predict_binned_parallel_jit,
    predict_raw_jit,
    predict_raw_parallel_jit,
)

__all__ = ["TreePredictor"]

#: Batches with more rows than this are routed by threads (same result).
PARALLEL_MIN_ROWS = 20_000


class TreePredictor:
    """One regression tree of the ensemble, nodes in depth-first order.

    Attributes
    ----------
    feature : ndarray of shape (n_nodes,), int64
        Split feature (-1 at leaves).
    threshold : ndarray of shape (n_nodes,), float64
        Real-valued threshold: x <= threshold goes left. +inf when the split
        sends all non-missing values left and only the missing ones right.
    is_categorical : ndarray of shape (n_nodes,), bool
        Categorical split: the categories in ``left_bins`` go left.
    left_bins : ndarray of shape (n_nodes, n_bins), bool
        Which bins of the split feature go left; the last column is the
        missing-value bin, i.e. where NaN (and unknown categories) go - learnt,
        or the larger child when training saw no NaN.
    children : ndarray of shape (n_nodes, 2), int64
        (left, right) child ids; -1 at leaves.
    value : ndarray of shape (n_nodes,), float64
        Node value -G/(H + lambda) (eq. hgb-leaf); at leaves already multiplied
        by the learning rate.
    gain : ndarray of shape (n_nodes,), float64
        Split gain (eq. hgb-gain); -1 at leaves.
    n_samples : ndarray of shape (n_nodes,), int64
        Training samples that reached the node.
    """

    def __init__(self, feature, threshold, is_categorical, left_bins, children, value, gain,
                 n_samples):
        self.feature = feature
        self.threshold = threshold
        self.is_categorical = is_categorical
        self.left_bins = left_bins
        self.children = children
        self.value = value
        self.gain = gain
        self.n_samples = n_samples

    def get_n_leaf_nodes(self):
        return int(np.sum(self.children[:, 0] == -1))

    def get_max_depth(self):
        depth = np.zeros(self.value.shape[0], dtype=np.int64)
        for node in range(self.value.shape[0]):  # parents come before children
            if self.children[node, 0] != -1:
                depth[self.children[node]] = depth[node] + 1
        return int(depth.max())

    def add_predict(self, X, X_codes, out):
        """``out += tree(X)`` for real-valued ``X`` (float64, NaN allowed);
        ``X_codes`` holds the bins of the categorical columns."""
        parallel = X.shape[0] > PARALLEL_MIN_ROWS
        kernel = predict_raw_parallel_jit if parallel else predict_raw_jit
        kernel(X, X_codes, self.feature, self.threshold, self.is_categorical, self.left_bins,
               self.children, self.value, out)

    def add_predict_binned(self, X_binned, out):
        """``out += tree(X_binned)`` for binned data."""
        parallel = X_binned.shape[0] > PARALLEL_MIN_ROWS
        kernel = predict_binned_parallel_jit if parallel else predict_binned_jit
        kernel(X_binned, self.feature, self.left_bins, self.children, self.value, out)
