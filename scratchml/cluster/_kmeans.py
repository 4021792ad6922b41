r"""K-Means clustering: k-means++ seeding, then Lloyd's or Elkan's iterations."""

import warnings
from numbers import Integral, Real

import numpy as np

from ..base import BaseEstimator, ClusterMixin, TransformerMixin
from ..exceptions import ConvergenceWarning
from ..utils.validation import (
    Interval,
    InvalidParameterError,
    StrOptions,
    check_array,
    check_is_fitted,
    check_random_state,
    check_sample_weight,
    validate_data,
)
from ._kmeans_kernels import (
    block_bounds_jit,
    elkan_assign_jit,
    elkan_assign_serial_jit,
    inertia_jit,
    lloyd_assign_jit,
    lloyd_assign_serial_jit,
    weighted_sums_jit,
    weighted_sums_serial_jit,
)

#: Below this many samples x clusters x features per pass, the serial twins run
#: (identical results; the thread pool would cost more than the arithmetic).
_PARALLEL_MIN_WORK = 2_000_000


def _kernels(X, n_clusters):
    """The (Lloyd assign, sums, Elkan assign) kernels to use for data of this size."""
    if X.shape[0] * n_clusters * X.shape[1] < _PARALLEL_MIN_WORK:
        return lloyd_assign_serial_jit, weighted_sums_serial_jit, elkan_assign_serial_jit
    return lloyd_assign_jit, weighted_sums_jit, elkan_assign_jit

__all__ = ["KMeans", "kmeans_plusplus"]


def _sq_distances(A, B, B_sq_norms):
    """Squared distances between the rows of A and B, shape (len(A), len(B)).

    Expanded as ||a||^2 - 2 a.b + ||b||^2 so one matrix product does the work;
    cancellation can make tiny distances slightly negative, so clip at 0.
    """
    D = -2.0 * (A @ B.T)
    D += np.einsum("ij,ij->i", A, A)[:, np.newaxis]
    D += B_sq_norms[np.newaxis, :]
    np.maximum(D, 0.0, out=D)
    return D


def kmeans_plusplus(X, n_clusters, *, sample_weight=None, random_state=None, n_local_trials=None):
    r"""Greedy k-means++ seeding (D² sampling with local trials, eq. kmeans-pp).

    The first centre is a sample drawn with probability proportional to its
    weight; each next centre is the best of ``n_local_trials`` candidates
    drawn with probability proportional to :math:`w_i D(x_i)^2`, "best"
    meaning the one that lowers the potential (the inertia against the centres
    chosen so far) the most. The random draws are made in the same order as
    scikit-learn's, so one integer seed picks the same centres in both.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    n_clusters : int
    sample_weight : array-like of shape (n_samples,), default=None
    random_state : int, RandomState instance or None, default=None
    n_local_trials : int, default=None
        Candidates per centre; ``2 + int(log(n_clusters))`` when None.

    Returns
    -------
    centers : ndarray of shape (n_clusters, n_features)
    indices : ndarray of shape (n_clusters,)
        Row of ``X`` chosen as each centre.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 0.0], [0.1, 0.0], [10.0, 10.0], [10.1, 10.0]])
    >>> centers, indices = kmeans_plusplus(X, 2, random_state=0)
    >>> sorted(np.round(centers[:, 0]).tolist())
    [0.0, 10.0]
    """
    X = check_array(X, dtype=[np.float64, np.float32])
    sample_weight = check_sample_weight(sample_weight, X, ensure_non_negative=True)
    if X.shape[0] < n_clusters:
        raise ValueError(f"n_samples={X.shape[0]} should be >= n_clusters={n_clusters}.")
    return _kmeans_plusplus(X, n_clusters, check_random_state(random_state), sample_weight, n_local_trials)


def _kmeans_plusplus(X, n_clusters, rng, sample_weight, n_local_trials=None):
    n_samples, n_features = X.shape
    if n_local_trials is None:
        # Arthur & Vassilvitskii's greedy variant: O(log k) trials per centre.
        n_local_trials = 2 + int(np.log(n_clusters))
    x_sq_norms = np.einsum("ij,ij->i", X, X)
    centers = np.empty((n_clusters, n_features), dtype=X.dtype)
    indices = np.full(n_clusters, -1, dtype=np.intp)

    first = rng.choice(n_samples, p=sample_weight / sample_weight.sum())
    centers[0] = X[first]
    indices[0] = first
    closest_dist_sq = _sq_distances(X[[first]], X, x_sq_norms)[0]
    potential = closest_dist_sq @ sample_weight
    for c in range(1, n_clusters):
        # eq. (kmeans-pp): draw candidates with probability w_i D(x_i)^2 / potential
        rand_vals = rng.uniform(size=n_local_trials) * potential
        candidates = np.searchsorted(np.cumsum(sample_weight * closest_dist_sq), rand_vals)
        np.clip(candidates, None, n_samples - 1, out=candidates)  # rounding at the top end
        dist_to_candidates = _sq_distances(X[candidates], X, x_sq_norms)
        np.minimum(closest_dist_sq, dist_to_candidates, out=dist_to_candidates)
        candidate_pots = dist_to_candidates @ sample_weight
        best = int(np.argmin(candidate_pots))
        potential = candidate_pots[best]
        closest_dist_sq = dist_to_candidates[best]
        centers[c] = X[candidates[best]]
        indices[c] = candidates[best]
    return centers, indices


def _update_centers(X, sample_weight, labels, centers_old, bounds):
    """M-step (eq. kmeans-update), moving the farthest points into empty clusters."""
    n_clusters = centers_old.shape[0]
    n_blocks = bounds.shape[0] - 1
    partial_sums = np.zeros((n_blocks, n_clusters, X.shape[1]), dtype=X.dtype)
    partial_weights = np.zeros((n_blocks, n_clusters), dtype=X.dtype)
    _kernels(X, n_clusters)[1](X, sample_weight, labels, bounds, partial_sums, partial_weights)
    # Blocks added in block order (numpy reduces axis 0 sequentially): the same
    # totals for any thread count.
    sums, weights = partial_sums.sum(axis=0), partial_weights.sum(axis=0)
    empty = np.flatnonzero(weights == 0)
    if empty.size:
        # An empty cluster has no mean. As scikit-learn does, give it the
        # sample farthest from its own centre (which leaves that sample's old
        # cluster). Ties broken by the lowest index (stable sort).
        dist_sq = ((X - centers_old[labels]) ** 2).sum(axis=1)
        far = np.argsort(-dist_sq, kind="stable")[: empty.size]
        for new_k, i in zip(empty, far):
            old_k = labels[i]
            w = sample_weight[i]
            sums[old_k] -= w * X[i]
            weights[old_k] -= w
            sums[new_k] = w * X[i]
            weights[new_k] = w
    nonzero = weights > 0
    # eq. (kmeans-update); a cluster whose weight is still 0 (only zero-weight
    # samples) keeps its zero sum rather than dividing 0 by 0.
    sums[nonzero] /= weights[nonzero, np.newaxis]
    return sums


def _kmeans_single(X, sample_weight, centers_init, max_iter, tol, algorithm):
    """One run of Lloyd's (or Elkan's) iterations from ``centers_init``.

    Returns labels, inertia, centres and the number of iterations, with
    scikit-learn's convergence rule: stop when the labels do not change
    ("strict" convergence) or when the squared centre shift is <= ``tol``.
    """
    n_samples = X.shape[0]
    bounds = block_bounds_jit(n_samples)
    centers = np.ascontiguousarray(centers_init, dtype=X.dtype)
    labels = np.full(n_samples, -1, dtype=np.int32)
    labels_old = labels.copy()
    min_dist_sq = np.empty(n_samples, dtype=X.dtype)
    elkan = algorithm == "elkan"
    if elkan:
        lower = np.sqrt(_sq_distances(X, centers, np.einsum("ij,ij->i", centers, centers)))
        labels[:] = np.argmin(lower, axis=1)
        upper = lower[np.arange(n_samples), labels].copy()

    def assign(centers):
        if not elkan:
            _kernels(X, centers.shape[0])[0](X, centers, bounds, labels, min_dist_sq)
            return
        half = 0.5 * np.sqrt(_sq_distances(centers, centers, np.einsum("ij,ij->i", centers, centers)))
        np.fill_diagonal(half, np.inf)
        s = half.min(axis=1)
        np.fill_diagonal(half, 0.0)
        _kernels(X, centers.shape[0])[2](X, centers, half, s, labels, upper, lower, bounds)

    strict = False
    n_iter = 0
    while n_iter < max_iter:
        n_iter += 1
        assign(centers)
        centers_new = _update_centers(X, sample_weight, labels, centers, bounds)
        shift = np.sqrt(((centers_new - centers) ** 2).sum(axis=1))
        if elkan:
            upper += shift[labels]  # triangle inequality: d(x, c') <= d(x, c) + d(c, c')
            lower -= shift[np.newaxis, :]
            np.maximum(lower, 0.0, out=lower)
        centers = centers_new
        if np.array_equal(labels, labels_old):
            strict = True
            break
        if (shift**2).sum() <= tol:
            break
        labels_old[:] = labels
    if not strict:
        # The centres moved after the last assignment: reassign so that the
        # labels returned belong to the centres returned.
        assign(centers)
    inertia = inertia_jit(X, sample_weight, centers, labels)  # eq. (kmeans-inertia)
    return labels, inertia, centers, n_iter


def _is_same_clustering(labels1, labels2, n_clusters):
    """Whether labels1 maps onto labels2 by a relabelling."""
    pairs = np.unique(labels1.astype(np.int64) * n_clusters + labels2)
    return np.unique(pairs // n_clusters).size == pairs.size


class KMeans(ClusterMixin, TransformerMixin, BaseEstimator):
    r"""K-Means clustering by Lloyd's or Elkan's algorithm, seeded by k-means++.

    Parameters
    ----------
    n_clusters : int, default=8
        Number of clusters K; must be <= n_samples.
    init : {'k-means++', 'random'} or array-like of shape (n_clusters, n_features), default='k-means++'
        'k-means++': greedy D² seeding (:func:`kmeans_plusplus`); 'random':
        K distinct samples drawn with probability proportional to their
        weight; an array: these initial centres (then ``n_init`` is 1).
    n_init : 'auto' or int, default='auto'
        Number of seeded runs; the run with the lowest inertia is kept.
        'auto' means 1 for 'k-means++' and an array, 10 for 'random'.
    max_iter : int, default=300
        Maximum iterations per run.
    tol : float, default=1e-4
        Convergence threshold on the squared centre shift, relative to the
        mean feature variance of ``X`` (eq. kmeans-tol).
    verbose : int, default=0
        Unused; kept for API compatibility.
    random_state : int, RandomState instance or None, default=None
        Seeds the initialisation; same seed, same draws as scikit-learn.
    copy_x : bool, default=True
        Unused: ``X`` is never modified (the centred copy is always private).
    algorithm : {'lloyd', 'elkan'}, default='lloyd'
        'elkan' skips distance computations ruled out by the triangle
        inequality; it returns the same clustering as 'lloyd'.

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (n_clusters, n_features)
        Centres :math:`\mu_k` of eq. (kmeans-update).
    labels_ : ndarray of shape (n_samples,), int32
        Cluster of each training sample.
    inertia_ : float
        Weighted sum of squared distances to the closest centre, eq. (kmeans-inertia).
    n_iter_ : int
        Iterations run by the kept run.
    n_features_in_ : int
        Number of features seen in ``fit``.
    feature_names_in_ : ndarray of shape (``n_features_in_``,)
        Column names, when ``X`` was a DataFrame with string column names.

    Raises
    ------
    ValueError
        ``n_clusters`` > n_samples, or an ``init`` array of the wrong shape.

    Warns
    -----
    ConvergenceWarning
        When fewer distinct clusters than ``n_clusters`` are found (duplicate points).

    See Also
    --------
    kmeans_plusplus : the seeding on its own.

    Notes
    -----
    Notation: N samples :math:`x_i` with weights :math:`w_i`, D features, K
    centres :math:`\mu_k`, labels :math:`l_i`. K-Means minimises the inertia

    .. math::
       :label: kmeans-inertia

       J(\mu, l) = \sum_{i=1}^N w_i \lVert x_i - \mu_{l_i} \rVert^2

    by coordinate descent: the assignment step minimises over the labels with
    the centres fixed,

    .. math::
       :label: kmeans-assign

       l_i \leftarrow \arg\min_k \lVert x_i - \mu_k \rVert^2,

    and the update step over the centres with the labels fixed,

    .. math::
       :label: kmeans-update

       \mu_k \leftarrow \frac{\sum_{i: l_i = k} w_i x_i}{\sum_{i: l_i = k} w_i}.

    Neither step can increase :math:`J`, so it converges in finitely many
    steps to a local minimum. Runs stop when the labels repeat or when

    .. math::
       :label: kmeans-tol

       \sum_k \lVert \mu_k^{new} - \mu_k \rVert^2 \le \mathrm{tol} \cdot \frac{1}{D}\sum_d \mathrm{Var}(x_{\cdot d}).

    k-means++ (Arthur & Vassilvitskii 2007) draws each new centre with
    probability

    .. math::
       :label: kmeans-pp

       p(x_i) = \frac{w_i D(x_i)^2}{\sum_j w_j D(x_j)^2},

    :math:`D(x)` the distance to the nearest centre chosen so far; the expected
    inertia is then within :math:`O(\log K)` of the optimum. Elkan (2003)
    keeps an upper bound :math:`u_i \ge d(x_i, \mu_{l_i})` and lower bounds
    :math:`\ell_{ik} \le d(x_i, \mu_k)`; centre k is skipped whenever

    .. math::
       :label: elkan-bounds

       u_i \le \ell_{ik} \quad\text{or}\quad u_i \le \tfrac12 d(\mu_{l_i}, \mu_k).

    The data are centred before fitting (distances are unchanged, rounding
    errors smaller), as in scikit-learn.

    References
    ----------
    S. P. Lloyd, "Least squares quantization in PCM", IEEE Trans. Inf. Theory
    28(2), 1982, doi:10.1109/TIT.1982.1056489.

    D. Arthur and S. Vassilvitskii, "k-means++: the advantages of careful
    seeding", SODA 2007, §2.2 (D² weighting) and Theorem 3.1.

    C. Elkan, "Using the triangle inequality to accelerate k-means", ICML 2003,
    Lemmas 1 and 2.

    C. M. Bishop, *Pattern Recognition and Machine Learning*, 2006, §9.1,
    eqs. (9.1), (9.2), (9.4).

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.cluster import KMeans
    >>> X = np.array([[1, 2], [1, 4], [1, 0], [10, 2], [10, 4], [10, 0]])
    >>> km = KMeans(n_clusters=2, random_state=0).fit(X)
    >>> sorted(km.cluster_centers_.tolist())
    [[1.0, 2.0], [10.0, 2.0]]
    >>> bool(km.predict([[0, 0]])[0] == km.labels_[0])
    True
    """

    _parameter_constraints = {
        "n_clusters": [Interval(Integral, 1, None, closed="left")],
        "init": [StrOptions({"k-means++", "random"}), "array-like"],
        "n_init": [StrOptions({"auto"}), Interval(Integral, 1, None, closed="left")],
        "max_iter": [Interval(Integral, 1, None, closed="left")],
        "tol": [Interval(Real, 0, None, closed="left")],
        "verbose": [Interval(Integral, 0, None, closed="left"), "boolean"],
        "random_state": ["random_state"],
        "copy_x": ["boolean"],
        "algorithm": [StrOptions({"lloyd", "elkan"})],
    }

    def __init__(
        self,
        n_clusters=8,
        *,
        init="k-means++",
        n_init="auto",
        max_iter=300,
        tol=1e-4,
        verbose=0,
        random_state=None,
        copy_x=True,
        algorithm="lloyd",
    ):
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.verbose = verbose
        self.random_state = random_state
        self.copy_x = copy_x
        self.algorithm = algorithm

    def fit(self, X, y=None, sample_weight=None):
        """Compute the K-Means clustering.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training samples.
        y : Ignored
        sample_weight : array-like of shape (n_samples,), default=None
            Non-negative weights; unused by an explicit ``init`` array.

        Returns
        -------
        self : KMeans
        """
        self._validate_params()
        if isinstance(self.init, str) and self.init not in ("k-means++", "random"):
            # "array-like" accepts any object with a length, strings included.
            raise InvalidParameterError(
                "The 'init' parameter of KMeans must be a str among {'k-means++', 'random'} "
                f"or an array-like. Got {self.init!r} instead."
            )
        X = validate_data(self, X, dtype=[np.float64, np.float32], order="C")
        n_samples = X.shape[0]
        if n_samples < self.n_clusters:
            raise ValueError(f"n_samples={n_samples} should be >= n_clusters={self.n_clusters}.")
        sample_weight = check_sample_weight(sample_weight, X, dtype=X.dtype, ensure_non_negative=True)
        rng = check_random_state(self.random_state)
        tol = float(np.mean(np.var(X, axis=0))) * self.tol  # eq. (kmeans-tol)

        init_is_array = not isinstance(self.init, str)
        n_init = self.n_init
        if n_init == "auto":
            n_init = 10 if (not init_is_array and self.init == "random") else 1
        if init_is_array:
            init = check_array(self.init, dtype=X.dtype, copy=True, order="C", input_name="init")
            if init.shape != (self.n_clusters, X.shape[1]):
                raise ValueError(
                    f"The shape of the initial centers {init.shape} does not match "
                    f"(n_clusters, n_features)=({self.n_clusters}, {X.shape[1]})."
                )
            if n_init != 1:
                warnings.warn(
                    "Explicit initial center position passed: performing only one init "
                    f"in KMeans instead of n_init={n_init}.",
                    RuntimeWarning,
                    stacklevel=2,
                )
                n_init = 1

        X_mean = X.mean(axis=0)
        Xc = X - X_mean  # a private centred copy: the caller's X is never touched
        best = None
        for _ in range(n_init):
            if init_is_array:
                centers = init - X_mean
            elif self.init == "k-means++":
                centers, _ = _kmeans_plusplus(Xc, self.n_clusters, rng, sample_weight)
            else:
                seeds = rng.choice(
                    n_samples, size=self.n_clusters, replace=False,
                    p=sample_weight / sample_weight.sum(),
                )
                centers = Xc[seeds]
            run = _kmeans_single(Xc, sample_weight, centers, self.max_iter, tol, self.algorithm)
            if best is None or (
                run[1] < best[1] and not _is_same_clustering(run[0], best[0], self.n_clusters)
            ):
                best = run
        labels, inertia, centers, n_iter = best

        distinct = np.unique(labels).size
        if distinct < self.n_clusters:
            warnings.warn(
                f"Number of distinct clusters ({distinct}) found smaller than "
                f"n_clusters ({self.n_clusters}). Possibly due to duplicate points in X.",
                ConvergenceWarning,
                stacklevel=2,
            )
        self.cluster_centers_ = centers + X_mean
        self.labels_ = labels
        self.inertia_ = float(inertia)
        self.n_iter_ = n_iter
        return self

    def _check_test_data(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=[np.float64, np.float32], order="C")
        return X, np.ascontiguousarray(self.cluster_centers_, dtype=X.dtype)

    def _labels_dist(self, X, centers):
        labels = np.empty(X.shape[0], dtype=np.int32)
        min_dist_sq = np.empty(X.shape[0], dtype=X.dtype)
        _kernels(X, centers.shape[0])[0](X, centers, block_bounds_jit(X.shape[0]), labels, min_dist_sq)
        return labels, min_dist_sq

    def predict(self, X):
        """Index of the closest centre for each sample (eq. kmeans-assign).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        labels : ndarray of shape (n_samples,), int32
        """
        X, centers = self._check_test_data(X)
        return self._labels_dist(X, centers)[0]

    def transform(self, X):
        """Euclidean distance of each sample to each centre.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_clusters)
        """
        X, centers = self._check_test_data(X)
        return np.sqrt(_sq_distances(X, centers, np.einsum("ij,ij->i", centers, centers)))

    def fit_transform(self, X, y=None, sample_weight=None):
        """Fit, then return the distances of ``X`` to the centres.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : Ignored
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_clusters)
        """
        return self.fit(X, sample_weight=sample_weight).transform(X)

    def score(self, X, y=None, sample_weight=None):
        """Opposite of the inertia of ``X`` against the fitted centres (eq. kmeans-inertia).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : Ignored
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        score : float
            :math:`-J`; higher is better.
        """
        X, centers = self._check_test_data(X)
        sample_weight = check_sample_weight(sample_weight, X, dtype=X.dtype)
        labels, min_dist_sq = self._labels_dist(X, centers)
        return -float(min_dist_sq @ sample_weight)

    @property
    def _n_features_out(self):
        return self.cluster_centers_.shape[0]
