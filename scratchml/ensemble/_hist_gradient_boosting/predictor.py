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
    bin_threshold : ndarray of shape (n_nodes,), uint8
        The same split in bin units: bin <= bin_threshold goes left.
    missing_go_to_left : ndarray of shape (n_nodes,), bool
        Where NaN goes (learnt, or the larger child when training saw no NaN).
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

    def __init__(self, feature, threshold, bin_threshold, missing_go_to_left, children,
                 value, gain, n_samples):
        self.feature = feature
        self.threshold = threshold
        self.bin_threshold = bin_threshold
        self.missing_go_to_left = missing_go_to_left
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

    def add_predict(self, X, out):
        """``out += tree(X)`` for real-valued ``X`` (float64, NaN allowed)."""
        parallel = X.shape[0] > PARALLEL_MIN_ROWS
        kernel = predict_raw_parallel_jit if parallel else predict_raw_jit
        kernel(X, self.feature, self.threshold, self.missing_go_to_left, self.children,
               self.value, out)

    def add_predict_binned(self, X_binned, missing_bin, out):
        """``out += tree(X_binned)`` for binned data."""
        parallel = X_binned.shape[0] > PARALLEL_MIN_ROWS
        kernel = predict_binned_parallel_jit if parallel else predict_binned_jit
        kernel(X_binned, self.feature, self.bin_threshold, self.missing_go_to_left,
               self.children, self.value, missing_bin, out)
