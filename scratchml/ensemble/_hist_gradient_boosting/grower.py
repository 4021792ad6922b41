"""Leaf-wise (best-first) growth of one tree on gradient/Hessian histograms.

The grower keeps a max-heap of splittable leaves keyed by their best split
gain (eq. hgb-gain) and always splits the leaf whose split lowers the
objective most, until ``max_leaf_nodes`` leaves exist or no admissible split
is left (Shi, 2007, best-first trees; LightGBM's leaf-wise growth). After a
split only the smaller child's histogram is built from its samples; the
larger child's is the parent's minus the sibling's (eq. hgb-subtract).
"""

import heapq
import itertools

import numpy as np

from ._histogram_kernels import (
    SUM_G,
    SUM_H,
    build_histogram_jit,
    build_histogram_parallel_jit,
    subtract_histogram,
)
from ._splitting_kernels import (
    BIN,
    G_LEFT,
    GAIN,
    H_LEFT,
    MISSING_LEFT,
    bounded_value,
    find_node_split_jit,
    node_value,
    split_indices_jit,
    split_indices_parallel_jit,
)
from .predictor import TreePredictor

__all__ = ["TreeGrower"]

#: Nodes with more (samples x features) than this get their histogram built by
#: threads; below it, starting the threads costs more than it saves. Either
#: twin gives bit-identical histograms (one thread per feature, fixed order).
PARALLEL_MIN_WORK = 200_000


class _Node:
    __slots__ = ("sample_indices", "sum_g", "sum_h", "depth", "value", "hist", "split",
                 "left", "right", "is_leaf", "lower", "upper")

    def __init__(self, sample_indices, sum_g, sum_h, depth, value):
        self.sample_indices = sample_indices
        self.sum_g, self.sum_h = sum_g, sum_h
        self.depth, self.value = depth, value
        self.hist = self.split = self.left = self.right = None
        self.is_leaf = False
        self.lower, self.upper = -np.inf, np.inf  # bounds on the children's values

    @property
    def n_samples(self):
        return self.sample_indices.shape[0]


class TreeGrower:
    """Grow one tree on binned data and per-sample gradients/Hessians.

    Parameters
    ----------
    X_binned : ndarray of shape (n_samples, n_features), uint8, Fortran order
    g, h : ndarray of shape (n_samples,), float32
    n_bins : int
        Bins per feature including the missing-value bin (the last one).
    n_bins_non_missing : ndarray of shape (n_features,), int64
    has_missing : ndarray of shape (n_features,), int64
        1 where training data had NaN in the feature.
    monotonic_cst : ndarray of shape (n_features,), int64
        +1 / -1: the tree must increase / decrease with the feature; 0: free.
    is_categorical : ndarray of shape (n_features,), bool
        Features whose bins are unordered categories (subset splits).
    max_leaf_nodes, max_depth : int or None
    min_samples_leaf : int
    l2_regularization : float
        lambda of eqs. (hgb-leaf) and (hgb-gain).
    shrinkage : float
        Learning rate; multiplies the leaf values once the tree is grown.
    max_features : float, default=1.0
        Share of the features each node may split on, ceil(max_features * D)
        drawn anew at every node.
    rng : numpy.random.Generator or None
        Draws those features (needed when ``max_features < 1``).
    min_hessian_to_split : float, default=1e-3
        A child whose Hessians sum below this is not allowed (scikit-learn's
        guard against leaves with almost no curvature, e.g. saturated
        probabilities).
    """

    def __init__(self, X_binned, g, h, *, n_bins, n_bins_non_missing, has_missing,
                 monotonic_cst, is_categorical, max_leaf_nodes, max_depth, min_samples_leaf,
                 l2_regularization, shrinkage, max_features=1.0, rng=None, min_hessian_to_split=1e-3):
        self.X_binned, self.g, self.h = X_binned, g, h
        self.n_bins = n_bins
        self.n_bins_non_missing, self.has_missing = n_bins_non_missing, has_missing
        self.monotonic_cst, self.is_categorical = monotonic_cst, is_categorical
        self.max_leaf_nodes, self.max_depth = max_leaf_nodes, max_depth
        self.min_samples_leaf = min_samples_leaf
        self.l2 = l2_regularization
        self.shrinkage = shrinkage
        self.max_features, self.rng = max_features, rng
        self.min_hessian_to_split = min_hessian_to_split
        self.leaves = []
        self._heap = []
        self._tie = itertools.count()  # equal gains: first pushed, first split

    def _histogram(self, sample_indices):
        hist = np.zeros((self.X_binned.shape[1], self.n_bins, 3))
        parallel = sample_indices.shape[0] * self.X_binned.shape[1] > PARALLEL_MIN_WORK
        kernel = build_histogram_parallel_jit if parallel else build_histogram_jit
        kernel(self.X_binned, sample_indices, self.g[sample_indices], self.h[sample_indices],
               hist)
        return hist

    def grow(self):
        """Grow the tree; return ``self``."""
        all_indices = np.arange(self.X_binned.shape[0], dtype=np.int64)
        hist = self._histogram(all_indices)
        sum_g, sum_h = hist[0, :, SUM_G].sum(), hist[0, :, SUM_H].sum()
        self.root = _Node(all_indices, sum_g, sum_h, 0, node_value(sum_g, sum_h, self.l2))
        if (self.root.n_samples < 2 * self.min_samples_leaf
                or sum_h < self.min_hessian_to_split):
            self._finalize(self.root)
        else:
            self.root.hist = hist
            self._find_split_and_push(self.root)
        while self._heap:
            self._split_next()
        for leaf in self.leaves:
            leaf.value *= self.shrinkage
        return self

    def _finalize(self, node):
        node.is_leaf = True
        node.hist = None
        self.leaves.append(node)

    def _find_split_and_push(self, node):
        best = np.empty((self.X_binned.shape[1], 6))
        left_cat = np.zeros((self.X_binned.shape[1], self.n_bins), dtype=np.bool_)
        stats = np.array([node.n_samples, node.sum_g, node.sum_h, node.value])
        params = np.array([self.l2, self.min_samples_leaf, self.min_hessian_to_split,
                           node.lower, node.upper])
        find_node_split_jit(node.hist, self.n_bins_non_missing, self.has_missing,
                            self.monotonic_cst, self.is_categorical, stats, params, best,
                            left_cat)
        if self.max_features < 1.0:
            # scikit-learn's draw: shuffle a mask with ceil(max_features * D) ones
            n_features = best.shape[0]
            allowed = np.zeros(n_features, dtype=bool)
            allowed[:max(1, int(np.ceil(self.max_features * n_features)))] = True
            self.rng.shuffle(allowed)
            best[~allowed, GAIN] = -1.0
        feature = int(np.argmax(best[:, GAIN]))  # first feature among equal gains
        if best[feature, GAIN] <= 0:
            self._finalize(node)
            return
        if self.is_categorical[feature]:
            left_bins = left_cat[feature]
        else:  # bins up to the threshold bin, and the NaN bin if NaN goes left
            left_bins = np.arange(self.n_bins) <= best[feature, BIN]
            left_bins[-1] = best[feature, MISSING_LEFT] == 1.0
        node.split = (feature, best[feature], left_bins)
        heapq.heappush(self._heap, (-best[feature, GAIN], next(self._tie), node))

    def _split_next(self):
        node = heapq.heappop(self._heap)[2]
        feature, best, left_bins = node.split
        # threads pay off only on large nodes, as for the histograms
        parallel = node.sample_indices.shape[0] > PARALLEL_MIN_WORK // 4
        partition = split_indices_parallel_jit if parallel else split_indices_jit
        left_idx, right_idx = partition(self.X_binned, node.sample_indices, feature, left_bins)
        g_left, h_left = best[G_LEFT], best[H_LEFT]
        g_right, h_right = node.sum_g - g_left, node.sum_h - h_left
        depth = node.depth + 1
        bounds = (self.l2, node.lower, node.upper)
        left = _Node(left_idx, g_left, h_left, depth, bounded_value(g_left, h_left, *bounds))
        right = _Node(right_idx, g_right, h_right, depth, bounded_value(g_right, h_right, *bounds))
        node.left, node.right = left, right
        if not self.has_missing[feature]:
            # no NaN seen in training: send future NaN to the larger child
            left_bins[-1] = left.n_samples > right.n_samples
        node.split = (feature, int(best[BIN]), left_bins, best[GAIN])

        n_leaves = len(self.leaves) + len(self._heap) + 2
        if self.max_leaf_nodes is not None and n_leaves == self.max_leaf_nodes:
            self._finalize(left)
            self._finalize(right)
            while self._heap:
                self._finalize(self._heap.pop()[2])
            return
        if self.max_depth is not None and depth == self.max_depth:
            self._finalize(left)
            self._finalize(right)
            return
        for child in (left, right):
            if child.n_samples < 2 * self.min_samples_leaf:
                self._finalize(child)
        if left.is_leaf and right.is_leaf:
            return
        self._set_children_bounds(node, feature)
        small, large = (left, right) if left.n_samples < right.n_samples else (right, left)
        small.hist = self._histogram(small.sample_indices)
        large.hist = subtract_histogram(node.hist, small.hist)  # eq. (hgb-subtract)
        node.hist = None
        for child in (left, right):
            if not child.is_leaf:
                self._find_split_and_push(child)

    def _set_children_bounds(self, node, feature):
        """Monotonic constraints: a split on a constrained feature puts the
        midpoint of the two children values between everything below them."""
        left, right = node.left, node.right
        for child in (left, right):
            child.lower, child.upper = node.lower, node.upper
        cst = self.monotonic_cst[feature]
        if cst != 0:
            mid = (left.value + right.value) / 2
            low_side, high_side = (left, right) if cst == 1 else (right, left)
            low_side.upper = mid
            high_side.lower = mid

    def make_predictor(self, thresholds):
        """Flatten the grown tree (depth-first) into a :class:`TreePredictor`."""
        nodes = []

        def visit(node):
            nodes.append(node)
            if not node.is_leaf:
                visit(node.left)
                visit(node.right)

        visit(self.root)
        position = {id(node): i for i, node in enumerate(nodes)}
        n = len(nodes)
        feature = np.full(n, -1, dtype=np.int64)
        threshold = np.full(n, np.nan)
        is_categorical = np.zeros(n, dtype=np.bool_)
        left_bins = np.zeros((n, self.n_bins), dtype=np.bool_)
        children = np.full((n, 2), -1, dtype=np.int64)
        value = np.array([node.value for node in nodes])
        gain = np.full(n, -1.0)
        n_samples = np.array([node.n_samples for node in nodes], dtype=np.int64)
        for i, node in enumerate(nodes):
            if node.is_leaf:
                continue
            f, b, left_bins[i], gain[i] = node.split
            feature[i], is_categorical[i] = f, self.is_categorical[f]
            if not is_categorical[i]:
                last = b == self.n_bins_non_missing[f] - 1  # only NaN goes right
                threshold[i] = np.inf if last else thresholds[f][b]
            children[i] = position[id(node.left)], position[id(node.right)]
        return TreePredictor(feature, threshold, is_categorical, left_bins, children, value,
                             gain, n_samples)
