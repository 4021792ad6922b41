r"""Agglomerative (hierarchical) clustering: ward, complete, average and single linkage."""

import heapq
from numbers import Integral, Real

import numpy as np

from ..base import BaseEstimator, ClusterMixin
from ..utils.validation import Interval, StrOptions, validate_data
from ._agglomerative_kernels import (
    AVERAGE,
    COMPLETE,
    COSINE,
    EUCLIDEAN,
    MANHATTAN,
    WARD,
    condensed_distances_jit,
    mst_single_jit,
    nn_chain_jit,
)

__all__ = ["AgglomerativeClustering", "linkage_tree"]

_METRICS = {
    "euclidean": EUCLIDEAN,
    "l2": EUCLIDEAN,
    "manhattan": MANHATTAN,
    "l1": MANHATTAN,
    "cityblock": MANHATTAN,
    "cosine": COSINE,
}
_METHODS = {"ward": WARD, "complete": COMPLETE, "average": AVERAGE}


def _relabel(merges, n, sort_pair):
    """Rename merge endpoints to cluster ids: leaves 0..n-1, merge k creates n + k.

    ``merges`` rows are (a, b, distance) with a, b *sample* representatives,
    already sorted by distance. A union-find maps each representative to the
    id of the cluster currently containing it.
    """
    parent = np.arange(2 * n - 1)

    def find(a):
        root = a
        while parent[root] != root:
            root = parent[root]
        while parent[a] != root:  # path compression
            parent[a], a = root, parent[a]
        return root

    children = np.empty((n - 1, 2), dtype=np.intp)
    for k in range(n - 1):
        a, b = find(int(merges[k, 0])), find(int(merges[k, 1]))
        children[k] = (min(a, b), max(a, b)) if sort_pair else (a, b)
        parent[a] = parent[b] = n + k
    return children


def linkage_tree(X, *, linkage="ward", metric="euclidean"):
    r"""Full merge tree of ``X``: children and merge heights.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Validated data, n_samples >= 2.
    linkage : {'ward', 'complete', 'average', 'single'}, default='ward'
        Cluster distance, eqs. (agglo-ward) to (agglo-single).
    metric : {'euclidean', 'manhattan', 'cosine'}, default='euclidean'
        Distance between samples (ward needs 'euclidean').

    Returns
    -------
    children : ndarray of shape (n_samples - 1, 2)
        ``children[k]`` are merged into node ``n_samples + k``.
    distances : ndarray of shape (n_samples - 1,)
        Linkage distance of each merge, non-decreasing.
    """
    n = X.shape[0]
    code = _METRICS[metric]
    X = np.ascontiguousarray(X, dtype=np.float64)
    if linkage == "single":
        merges = mst_single_jit(X, code)
    else:
        D = condensed_distances_jit(X, code)
        merges = nn_chain_jit(D, n, _METHODS[linkage])
    # Reducible linkages give merge heights that, once sorted, are the heights
    # of the greedy agglomeration (Müllner, Thm. 3); stable sort keeps ties in
    # discovery order, as SciPy and scikit-learn do.
    merges = merges[np.argsort(merges[:, 2], kind="mergesort")]
    # Row order within a pair is a convention: scikit-learn's own single-linkage
    # path (euclidean/manhattan) keeps (find(a), find(b)); SciPy's, used by
    # scikit-learn for the rest, puts the smaller id first. We follow both.
    sort_pair = linkage != "single" or code == COSINE
    children = _relabel(merges, n, sort_pair=sort_pair)
    return children, merges[:, 2].copy()


def _cut_tree(n_clusters, children, n_leaves):
    """Labels after undoing the last ``n_clusters - 1`` merges.

    Starting from the root, the highest node is repeatedly replaced by its two
    children; clusters are numbered in the order of the resulting heap
    (scikit-learn's numbering).
    """
    nodes = [-(2 * n_leaves - 2)]
    for _ in range(n_clusters - 1):
        left, right = children[-nodes[0] - n_leaves]
        heapq.heappush(nodes, -int(left))
        heapq.heappushpop(nodes, -int(right))
    labels = np.zeros(n_leaves, dtype=np.intp)
    for label, node in enumerate(nodes):
        stack = [-node]
        while stack:
            v = stack.pop()
            if v < n_leaves:
                labels[v] = label
            else:
                stack.extend(children[v - n_leaves])
    return labels


class AgglomerativeClustering(ClusterMixin, BaseEstimator):
    r"""Bottom-up hierarchical clustering.

    Every sample starts as its own cluster; the two closest clusters (under
    the chosen linkage) are merged until one remains. The tree is then cut to
    ``n_clusters`` clusters or at height ``distance_threshold``.

    Parameters
    ----------
    n_clusters : int or None, default=2
        Number of clusters to keep; None when ``distance_threshold`` is given.
    metric : {'euclidean', 'manhattan', 'cosine'}, default='euclidean'
        Distance between samples ('l1', 'l2', 'cityblock' are aliases). Ward
        linkage accepts only 'euclidean'.
    compute_full_tree : 'auto' or bool, default='auto'
        Accepted for compatibility: without a connectivity constraint the full
        tree is always built (as in scikit-learn). Must not be False together
        with ``distance_threshold``.
    linkage : {'ward', 'complete', 'average', 'single'}, default='ward'
        Cluster distance: eqs. (agglo-ward), (agglo-complete), (agglo-average),
        (agglo-single).
    distance_threshold : float, default=None
        Merges at heights >= this are undone; then ``n_clusters`` must be None.
    compute_distances : bool, default=False
        Store ``distances_`` even without ``distance_threshold``.

    Attributes
    ----------
    n_clusters_ : int
        Number of clusters found.
    labels_ : ndarray of shape (n_samples,)
        Cluster of each sample.
    n_leaves_ : int
        Number of leaves (samples).
    n_connected_components_ : int
        Always 1 (no connectivity constraint).
    children_ : ndarray of shape (n_samples - 1, 2)
        ``children_[k]`` are merged into node ``n_samples + k``; nodes below
        ``n_samples`` are samples.
    distances_ : ndarray of shape (n_samples - 1,)
        Merge heights; only with ``distance_threshold`` or ``compute_distances``.
    n_features_in_ : int
        Number of features seen in ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Column names, when ``X`` was a DataFrame with string column names.

    Raises
    ------
    ValueError
        Both or neither of ``n_clusters`` and ``distance_threshold`` set;
        ward with a non-Euclidean metric; ``n_clusters > n_samples``; a zero
        row with the cosine metric.

    See Also
    --------
    DBSCAN : density-based clustering.

    Notes
    -----
    Notation: clusters :math:`I, J, K` of sizes :math:`n_I, n_J, n_K`; after
    merging :math:`I` and :math:`J`, the distance from :math:`I \cup J` to any
    other :math:`K` follows the Lance-Williams recurrences (Müllner 2011, Fig. 2):

    .. math::
       :label: agglo-ward

       d(I\cup J, K) = \sqrt{\frac{(n_I + n_K) d(I,K)^2 + (n_J + n_K) d(J,K)^2
                        - n_K d(I,J)^2}{n_I + n_J + n_K}}

    .. math::
       :label: agglo-complete

       d(I\cup J, K) = \max(d(I,K), d(J,K))

    .. math::
       :label: agglo-average

       d(I\cup J, K) = \frac{n_I d(I,K) + n_J d(J,K)}{n_I + n_J}

    .. math::
       :label: agglo-single

       d(I\cup J, K) = \min(d(I,K), d(J,K))

    Ward's :math:`d(I,J)` is :math:`\sqrt{2 n_I n_J/(n_I+n_J)}\,\lVert \mu_I - \mu_J \rVert`,
    the square root of twice the increase in within-cluster sum of squares.
    These three linkages are *reducible*, so the nearest-neighbour chain finds
    the same tree as the naive greedy algorithm in :math:`O(N^2)` time (after
    the :math:`O(N^2)` matrix). Single linkage is the minimum spanning tree
    (Prim), computed without a matrix.

    References
    ----------
    Müllner, D. (2011). Modern hierarchical, agglomerative clustering
    algorithms. arXiv:1109.2378, Fig. 2 (Lance-Williams formulas), Fig. 4
    (NN-chain), Fig. 6 (MST), Thm. 3.

    Ward, J. H. (1963). Hierarchical grouping to optimize an objective
    function. *JASA* 58(301), 236-244. doi:10.1080/01621459.1963.10500845.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.cluster import AgglomerativeClustering
    >>> X = np.array([[1, 2], [1, 4], [1, 0], [4, 2], [4, 4], [4, 0]])
    >>> AgglomerativeClustering().fit(X).labels_
    array([1, 1, 1, 0, 0, 0])
    """

    _parameter_constraints = {
        "n_clusters": [Interval(Integral, 1, None, closed="left"), None],
        "metric": [StrOptions(set(_METRICS))],
        "compute_full_tree": [StrOptions({"auto"}), "boolean"],
        "linkage": [StrOptions({"ward", "complete", "average", "single"})],
        "distance_threshold": [Interval(Real, 0, None, closed="left"), None],
        "compute_distances": ["boolean"],
    }

    def __init__(
        self,
        n_clusters=2,
        *,
        metric="euclidean",
        compute_full_tree="auto",
        linkage="ward",
        distance_threshold=None,
        compute_distances=False,
    ):
        self.n_clusters = n_clusters
        self.metric = metric
        self.compute_full_tree = compute_full_tree
        self.linkage = linkage
        self.distance_threshold = distance_threshold
        self.compute_distances = compute_distances

    def fit(self, X, y=None):
        """Build the merge tree of ``X`` and cut it.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data, at least 2 samples.
        y : Ignored
            Present for API consistency.

        Returns
        -------
        self : AgglomerativeClustering
            The fitted estimator.
        """
        self._validate_params()
        X = validate_data(self, X, dtype=np.float64, ensure_min_samples=2)
        if (self.n_clusters is None) == (self.distance_threshold is None):
            raise ValueError(
                "Exactly one of n_clusters and distance_threshold has to be set, "
                "and the other needs to be None."
            )
        if self.distance_threshold is not None and self.compute_full_tree is False:
            raise ValueError("compute_full_tree must be True if distance_threshold is set.")
        if self.linkage == "ward" and _METRICS[self.metric] != EUCLIDEAN:
            raise ValueError(
                f"{self.metric} was provided as metric. Ward can only work with "
                "euclidean distances (i.e. 'euclidean' and 'l2')."
            )
        n = X.shape[0]
        if self.n_clusters is not None and self.n_clusters > n:
            raise ValueError(f"n_clusters={self.n_clusters} must be <= n_samples={n}.")
        if self.metric == "cosine" and np.any(~np.any(X, axis=1)):
            raise ValueError("Cosine affinity cannot be used when X contains zero vectors.")

        children, distances = linkage_tree(X, linkage=self.linkage, metric=self.metric)
        self.children_ = children
        self.n_leaves_ = n
        self.n_connected_components_ = 1
        if self.distance_threshold is not None or self.compute_distances:
            self.distances_ = distances
        if self.distance_threshold is not None:
            self.n_clusters_ = int(np.count_nonzero(distances >= self.distance_threshold)) + 1
        else:
            self.n_clusters_ = self.n_clusters
        self.labels_ = _cut_tree(self.n_clusters_, children, n)
        return self
