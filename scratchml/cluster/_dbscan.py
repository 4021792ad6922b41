"""DBSCAN: density-based clustering with noise (Ester, Kriegel, Sander & Xu 1996)."""

from numbers import Integral, Real

import numpy as np

from ..base import BaseEstimator, ClusterMixin
from ..neighbors._params import numba_threads, resolve_p
from ..utils.validation import (
    Interval,
    StrOptions,
    check_sample_weight,
    validate_data,
)
from ._dbscan_graph import (
    _METRICS,
    EUCLIDEAN,
    MINKOWSKI,
    _check_precomputed,
    _gemm_graph,
    _precomputed_graph,
    _sorted_graph,
    _tree_graph,
)
from ._dbscan_kernels import expand_clusters_jit

__all__ = ["DBSCAN"]

#: algorithm='auto' uses the KD-tree for this many features (inclusive), brute
#: force otherwise: measured on 20 000 Gaussian points (about 5-15 neighbours
#: each), the sweep is ~2x faster than the tree in 1-2 dimensions, the tree
#: ~1.4x in 3 and ~2x in 4-6; above 15 the tree prunes little (scikit-learn's
#: bound) and Euclidean brute force switches from the sweep to matrix products
#: (10 000 blobs: on par with the tree in 20-D, 2.5x faster in 50-D; in low
#: dimension the products are memory-bound and lose to both).
_AUTO_TREE_FEATURES = (3, 15)

#: Euclidean brute force uses matrix products from this many features on, the
#: sweep below: on 20 000 blobs the sweep is 15x faster in 2-D, even in 4-D and
#: 2x slower in 6-D.
_GEMM_MIN_FEATURES = 5


class DBSCAN(ClusterMixin, BaseEstimator):
    r"""Density-Based Spatial Clustering of Applications with Noise.

    A sample is a *core* sample when at least ``min_samples`` samples (itself
    included, or that much total ``sample_weight``) lie within ``eps`` of it.
    Clusters are the connected components of core samples linked when within
    ``eps`` of each other, plus the non-core samples within ``eps`` of one of
    their core samples; every other sample is noise (label -1).

    Parameters
    ----------
    eps : float, default=0.5
        Neighbourhood radius :math:`\varepsilon`, > 0.
    min_samples : int, default=5
        ``MinPts``: neighbourhood size (self included) that makes a core sample.
    metric : {'euclidean', 'manhattan', 'chebyshev', 'minkowski', 'precomputed'}, default='euclidean'
        Distance between samples ('l2', 'l1', 'cityblock', 'infinity' are
        aliases). 'precomputed': ``X`` is the square matrix of distances
        between the samples (non-negative; its diagonal is used as given, so
        a sample is its own neighbour when ``X[i, i] <= eps``, normally 0).
    metric_params : dict, default=None
        Keyword arguments of the metric. The only one scratchml's distances
        take is ``{'p': power}`` with ``metric='minkowski'``; it overrides
        ``p`` (with scikit-learn's ``SyntaxWarning`` if ``p`` is also set).
    algorithm : {'auto', 'ball_tree', 'kd_tree', 'brute'}, default='auto'
        How the eps-neighbourhoods are found. 'brute' (no tree): a sweep line
        over the samples sorted by their first coordinate, every candidate
        pair compared exactly (eq. dbscan-neighbourhood); for the Euclidean
        distance with 5 features or more, blocks of matrix products
        propose the candidates instead (each then compared exactly);
        'kd_tree' / 'ball_tree': radius queries of
        :class:`~scratchml.neighbors.KDTree` / :class:`~scratchml.neighbors.BallTree`;
        'auto': the KD-tree for 3 to 15 features, 'brute' otherwise (or
        when ``p < 1``, which the trees cannot prune with). All give the
        same neighbourhoods, hence the same labels. With 'precomputed' only
        'auto' and 'brute' are valid (both read the matrix).
    leaf_size : int, default=30
        Leaf size of the trees (speed only, never the result).
    p : float, default=None
        Power of the Minkowski metric, > 0; None means 2. ``p < 1`` (not a
        metric) needs ``algorithm='brute'`` or 'auto'.
    n_jobs : int, default=None
        Number of Numba threads of the parallel brute-force kernels (-1: all
        cores; None: Numba's current setting, by default all cores, where
        scikit-learn's None means one job). The tree queries run on one
        thread. Results never depend on it: each row of the graph is
        computed independently.

    Attributes
    ----------
    core_sample_indices_ : ndarray of shape (n_core_samples,)
        Indices of the core samples, increasing.
    components_ : ndarray of shape (n_core_samples, n_features)
        The core samples themselves.
    labels_ : ndarray of shape (n_samples,)
        Cluster of each sample, numbered 0, 1, ... in the order of the first
        core sample of each cluster; -1 is noise.
    n_features_in_ : int
        Number of features seen in ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Column names, when ``X`` was a DataFrame with string column names.

    Raises
    ------
    InvalidParameterError
        ``eps <= 0``, ``min_samples < 1``, an unknown metric or algorithm,
        ``p <= 0``, ``leaf_size < 1``.
    ValueError
        With 'precomputed', a matrix that is not square or has negative
        entries, or a tree algorithm; ``metric_params`` other than
        ``{'p': ...}`` with 'minkowski'; a tree with ``p < 1``.

    See Also
    --------
    AgglomerativeClustering : hierarchical clustering.
    KMeans : centroid-based clustering.

    Notes
    -----
    Notation: :math:`N` samples :math:`x_i`, distance :math:`d`.

    .. math::
       :label: dbscan-neighbourhood

       N_\varepsilon(x_i) = \{x_j : d(x_i, x_j) \le \varepsilon\}

    .. math::
       :label: dbscan-core

       x_i \text{ is core} \iff \sum_{x_j \in N_\varepsilon(x_i)} w_j \ge \text{min\_samples}

    A sample :math:`x_j` is *directly density-reachable* from a core
    :math:`x_i` when :math:`x_j \in N_\varepsilon(x_i)`; clusters are the
    maximal sets closed under density-reachability (Ester et al., Def. 2-5),
    found by ``ExpandCluster``: a depth-first search from each unlabelled core
    sample, in index order. A border sample reachable from two clusters keeps
    the first, as in the paper and in scikit-learn.

    Neighbourhoods are found with a sweep over the samples sorted by their
    first coordinate, blocks of matrix products or a tree's radius queries
    (no :math:`N \times N` matrix is formed, except the one given with
    'precomputed'); the graph
    itself takes memory proportional to the total neighbourhood size, which is
    :math:`O(N^2)` in the worst case (a huge ``eps``), as in scikit-learn.

    References
    ----------
    Ester, M., Kriegel, H.-P., Sander, J. and Xu, X. (1996). A density-based
    algorithm for discovering clusters in large spatial databases with noise.
    *Proc. KDD-96*, pp. 226-231, Definitions 1-5 and Fig. 2-3.

    Schubert, E., Sander, J., Ester, M., Kriegel, H.-P. and Xu, X. (2017).
    DBSCAN revisited, revisited. *ACM TODS* 42(3), 19. doi:10.1145/3068335.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.cluster import DBSCAN
    >>> X = np.array([[1, 2], [2, 2], [2, 3], [8, 7], [8, 8], [25, 80]])
    >>> clustering = DBSCAN(eps=3, min_samples=2).fit(X)
    >>> clustering.labels_
    array([ 0,  0,  0,  1,  1, -1])
    """

    _parameter_constraints = {
        "eps": [Interval(Real, 0.0, None, closed="neither")],
        "min_samples": [Interval(Integral, 1, None, closed="left")],
        "metric": [StrOptions(set(_METRICS) | {"precomputed"})],
        "metric_params": [dict, None],
        "algorithm": [StrOptions({"auto", "ball_tree", "kd_tree", "brute"})],
        "leaf_size": [Interval(Integral, 1, None, closed="left")],
        "p": [Interval(Real, 0.0, None, closed="neither"), None],
        "n_jobs": [Integral, None],
    }

    def __init__(
        self, eps=0.5, *, min_samples=5, metric="euclidean", metric_params=None,
        algorithm="auto", leaf_size=30, p=None, n_jobs=None,
    ):
        self.eps = eps
        self.min_samples = min_samples
        self.metric = metric
        self.metric_params = metric_params
        self.algorithm = algorithm
        self.leaf_size = leaf_size
        self.p = p
        self.n_jobs = n_jobs

    def _extra_tags(self):
        return {"pairwise": self.metric == "precomputed"}

    def _graph(self, X):
        """``(order, indptr, indices)``: the eps-graph by the chosen algorithm."""
        with numba_threads(self.n_jobs):  # also rejects n_jobs=0 on every path
            return self._graph_threads(X)

    def _graph_threads(self, X):
        """:meth:`_graph` once the thread count is set: pick the algorithm, build the graph."""
        if self.metric == "precomputed":
            if self.algorithm in ("kd_tree", "ball_tree"):
                raise ValueError(
                    f"algorithm={self.algorithm!r} cannot be used with metric='precomputed': "
                    "a tree needs the points, not their distances. Use algorithm='auto' "
                    "or 'brute'."
                )
            _check_precomputed(X)
            return _precomputed_graph(X, self.eps)
        p = resolve_p(self.metric, self.p, self.metric_params, p_min=0.0)
        # The search runs in float64 whatever the input dtype, so every
        # algorithm compares the same numbers.
        Xf = np.ascontiguousarray(X, dtype=np.float64)
        minkowski_p = 2.0 if p is None else p
        tree_ok = _METRICS[self.metric] != MINKOWSKI or minkowski_p >= 1
        method = self.algorithm
        if method == "auto":
            lo, hi = _AUTO_TREE_FEATURES
            method = "kd_tree" if tree_ok and lo <= X.shape[1] <= hi else "brute"
        elif method != "brute" and not tree_ok:
            raise ValueError(
                f'algorithm="{method}" does not support 0 < p < 1 for the Minkowski '
                'metric. To resolve this problem either set p >= 1 or algorithm="brute".'
            )
        euclidean = _METRICS[self.metric] == EUCLIDEAN or (
            _METRICS[self.metric] == MINKOWSKI and minkowski_p == 2
        )
        if method == "brute" and euclidean and X.shape[1] >= _GEMM_MIN_FEATURES:
            return _gemm_graph(Xf, self.eps)
        if method == "brute":
            return _sorted_graph(Xf, self.eps, self.metric, p)
        return _tree_graph(Xf, self.eps, self.metric, p, method, self.leaf_size)

    def fit(self, X, y=None, sample_weight=None):
        """Find the core samples and the clusters of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features) or (n_samples, n_samples)
            Training data, or the distances between the samples when
            ``metric='precomputed'``.
        y : Ignored
            Present for API consistency.
        sample_weight : array-like of shape (n_samples,), default=None
            Weight of each sample in the core condition eq. (dbscan-core); a
            sample of weight >= ``min_samples`` is core on its own, and a
            negative weight can keep its neighbours from being core (as in
            scikit-learn).

        Returns
        -------
        self : DBSCAN
            The fitted estimator.
        """
        self._validate_params()
        X = validate_data(self, X, dtype=[np.float64, np.float32])
        # nodes of the graph are samples in the order ``order`` (the sweep
        # sorts them; the trees and 'precomputed' keep sample order)
        order, indptr, indices = self._graph(X)
        if sample_weight is None:
            mass = np.diff(indptr)  # eq. (dbscan-core) with unit weights
        else:
            w = check_sample_weight(sample_weight, X, dtype=np.float64)[order]
            rows = np.repeat(np.arange(X.shape[0]), np.diff(indptr))
            mass = np.bincount(rows, weights=w[indices], minlength=X.shape[0])
        is_core_sorted = mass >= self.min_samples  # eq. (dbscan-core)
        # Seeds are tried in sample order (sample i sits at sorted position
        # rank[i]), so clusters are numbered as in scikit-learn.
        rank = np.empty_like(order)
        rank[order] = np.arange(X.shape[0])
        labels_sorted = expand_clusters_jit(is_core_sorted, indptr, indices, rank)
        self.labels_ = labels_sorted[rank].astype(np.intp)
        is_core = is_core_sorted[rank]
        self.core_sample_indices_ = np.flatnonzero(is_core)
        self.components_ = X[self.core_sample_indices_].copy()
        return self

    def fit_predict(self, X, y=None, sample_weight=None):
        """Cluster ``X`` and return ``labels_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features) or (n_samples, n_samples)
            Training data, or distances with ``metric='precomputed'``.
        y : Ignored
            Present for API consistency.
        sample_weight : array-like of shape (n_samples,), default=None
            See :meth:`fit`.

        Returns
        -------
        labels : ndarray of shape (n_samples,)
            Cluster labels; -1 is noise.
        """
        return self.fit(X, sample_weight=sample_weight).labels_
