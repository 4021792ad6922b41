r"""Mini-batch K-Means (Sculley 2010): online centre updates from random batches."""

from numbers import Integral, Real

import numpy as np

from ..utils.validation import (
    Interval,
    check_array,
    check_random_state,
    check_sample_weight,
    validate_data,
)
from ._kmeans import KMeans, _kernels, _kmeans_plusplus
from ._kmeans_kernels import block_bounds_jit, minibatch_update_jit

__all__ = ["MiniBatchKMeans"]


class MiniBatchKMeans(KMeans):
    r"""K-Means fitted by stochastic mini-batch updates, with ``partial_fit`` for streams.

    Parameters
    ----------
    n_clusters : int, default=8
    init : {'k-means++', 'random'} or array-like of shape (n_clusters, n_features), default='k-means++'
        Seeding, run on ``init_size`` random rows.
    max_iter : int, default=100
        Passes over the data: ``max_iter * n_samples // batch_size`` steps.
    batch_size : int, default=1024
        Rows per mini-batch (drawn with replacement, probability proportional
        to the sample weights).
    verbose : int, default=0
        Unused.
    compute_labels : bool, default=True
        Compute ``labels_`` and ``inertia_`` on the full data after fitting.
    random_state : int, RandomState instance or None, default=None
        Seeds initialisation, batches and reassignments; same draws as scikit-learn.
    tol : float, default=0.0
        Stop when the squared centre change of a step is <= ``tol`` times the
        mean feature variance (0 disables it).
    max_no_improvement : int or None, default=10
        Stop after this many steps without improvement of the smoothed batch
        inertia (eq. minibatch-ewa); None disables it.
    init_size : int or None, default=None
        Rows used for seeding; None means ``3 * batch_size`` (at least
        ``3 * n_clusters``).
    n_init : 'auto' or int, default='auto'
        Seedings tried (the best on a held-out random sample is kept); 'auto'
        is 1 for 'k-means++' and an array, 3 for 'random'.
    reassignment_ratio : float, default=0.01
        Centres whose absorbed weight is below this fraction of the largest
        are moved to random batch rows (dead-centre revival).

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (n_clusters, n_features)
    labels_ : ndarray of shape (n_samples,), int32
        Only when ``compute_labels``.
    inertia_ : float
        Inertia on the full data when ``compute_labels``, else the smoothed
        batch inertia times the total weight.
    n_iter_ : int
        Passes over the data.
    n_steps_ : int
        Mini-batches processed.
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    See Also
    --------
    KMeans : the batch algorithm; ``predict``, ``transform`` and ``score`` are
        inherited from it.

    Notes
    -----
    Notation: centre :math:`\mu_k` has absorbed weight :math:`W_k`; a batch
    :math:`B` is labelled by eq. (kmeans-assign) and each centre moves to the
    mean of everything it has absorbed,

    .. math::
       :label: minibatch-update

       \mu_k \leftarrow \frac{W_k \mu_k + \sum_{i \in B, l_i = k} w_i x_i}{W_k + \sum_{i \in B, l_i = k} w_i},

    a gradient step with per-centre learning rate :math:`1/W_k` (Sculley
    2010, Algorithm 1). Convergence is monitored on an exponentially weighted
    average of the batch inertia per sample,

    .. math::
       :label: minibatch-ewa

       \bar J \leftarrow (1 - \alpha) \bar J + \alpha J_B / |B|, \qquad \alpha = \min(2 |B| / (N + 1), 1).

    References
    ----------
    D. Sculley, "Web-scale k-means clustering", WWW 2010,
    doi:10.1145/1772690.1772862, Algorithm 1.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.cluster import MiniBatchKMeans
    >>> X = np.array([[1, 2], [1, 4], [1, 0], [4, 2], [4, 0], [4, 4],
    ...               [4, 5], [0, 1], [2, 2], [3, 2], [5, 5], [1, -1]], dtype=float)
    >>> km = MiniBatchKMeans(n_clusters=2, batch_size=6, random_state=0, n_init="auto").fit(X)
    >>> km.cluster_centers_.shape
    (2, 2)
    """

    _parameter_constraints = {
        **{k: v for k, v in KMeans._parameter_constraints.items() if k not in ("copy_x", "algorithm")},
        "batch_size": [Interval(Integral, 1, None, closed="left")],
        "compute_labels": ["boolean"],
        "max_no_improvement": [Interval(Integral, 0, None, closed="left"), None],
        "init_size": [Interval(Integral, 1, None, closed="left"), None],
        "reassignment_ratio": [Interval(Real, 0, None, closed="left")],
    }

    def __init__(
        self,
        n_clusters=8,
        *,
        init="k-means++",
        max_iter=100,
        batch_size=1024,
        verbose=0,
        compute_labels=True,
        random_state=None,
        tol=0.0,
        max_no_improvement=10,
        init_size=None,
        n_init="auto",
        reassignment_ratio=0.01,
    ):
        self.n_clusters = n_clusters
        self.init = init
        self.max_iter = max_iter
        self.batch_size = batch_size
        self.verbose = verbose
        self.compute_labels = compute_labels
        self.random_state = random_state
        self.tol = tol
        self.max_no_improvement = max_no_improvement
        self.init_size = init_size
        self.n_init = n_init
        self.reassignment_ratio = reassignment_ratio

    # --- helpers ---------------------------------------------------------------
    def _setup(self, X):
        """Data-dependent settings, as scikit-learn's _check_params_vs_input."""
        if X.shape[0] < self.n_clusters:
            raise ValueError(f"n_samples={X.shape[0]} should be >= n_clusters={self.n_clusters}.")
        self._tol = float(np.mean(np.var(X, axis=0))) * self.tol  # eq. (kmeans-tol)
        init_is_array = not isinstance(self.init, str)
        n_init = self.n_init
        if n_init == "auto":
            n_init = 3 if (not init_is_array and self.init == "random") else 1
        self._n_init = 1 if init_is_array else n_init
        self._batch_size = min(self.batch_size, X.shape[0])
        init_size = self.init_size
        if init_size is None:
            init_size = max(3 * self._batch_size, 3 * self.n_clusters)
        elif init_size < self.n_clusters:
            init_size = 3 * self.n_clusters
        self._init_size = min(init_size, X.shape[0])

    def _init_centroids(self, X, rng, sample_weight):
        if not isinstance(self.init, str):
            init = check_array(self.init, dtype=X.dtype, copy=True, order="C", input_name="init")
            if init.shape != (self.n_clusters, X.shape[1]):
                raise ValueError(
                    f"The shape of the initial centers {init.shape} does not match "
                    f"(n_clusters, n_features)=({self.n_clusters}, {X.shape[1]})."
                )
        n = X.shape[0]
        if self._init_size < n:
            idx = rng.randint(0, n, self._init_size)
            X, sample_weight = X[idx], sample_weight[idx]
        if not isinstance(self.init, str):
            return init
        if self.init == "k-means++":
            return _kmeans_plusplus(X, self.n_clusters, rng, sample_weight)[0]
        seeds = rng.choice(X.shape[0], size=self.n_clusters, replace=False,
                           p=sample_weight / sample_weight.sum())
        return X[seeds].copy()

    def _labels_inertia(self, X, sample_weight, centers):
        labels = np.empty(X.shape[0], dtype=np.int32)
        d2 = np.empty(X.shape[0], dtype=X.dtype)
        _kernels(X, centers.shape[0])[0](X, centers, block_bounds_jit(X.shape[0]), labels, d2)
        return labels, float(d2 @ sample_weight)

    def _step(self, X, sample_weight, centers, centers_new, rng):
        """One mini-batch step: label, update (eq. minibatch-update), revive dead centres."""
        # Decide on reassignment before the counts absorb this batch, as
        # scikit-learn does: empty centres, or every 10 * n_clusters samples.
        self._n_since_last_reassign += self._batch_size
        reassign = (self._counts == 0).any() or self._n_since_last_reassign >= 10 * self.n_clusters
        if reassign:
            self._n_since_last_reassign = 0
        labels, inertia = self._labels_inertia(X, sample_weight, centers)
        minibatch_update_jit(X, sample_weight, centers, centers_new, self._counts, labels)
        if reassign and self.reassignment_ratio > 0:
            to_reassign = self._counts < self.reassignment_ratio * self._counts.max()
            if to_reassign.sum() > 0.5 * X.shape[0]:
                # never move more than half the batch size of centres at once
                to_reassign[np.argsort(self._counts)[int(0.5 * X.shape[0]):]] = False
            n_reassign = int(to_reassign.sum())
            if n_reassign:
                rows = rng.choice(X.shape[0], replace=False, size=n_reassign)
                centers_new[to_reassign] = X[rows]
            self._counts[to_reassign] = np.min(self._counts[~to_reassign])
        return inertia

    def _converged(self, step, n_samples, centers_squared_diff, batch_inertia):
        batch_inertia /= self._batch_size
        if step == 0:
            return False
        if self._ewa_inertia is None:
            self._ewa_inertia = batch_inertia
        else:
            alpha = min(self._batch_size * 2.0 / (n_samples + 1), 1.0)
            self._ewa_inertia = self._ewa_inertia * (1 - alpha) + batch_inertia * alpha  # eq. (minibatch-ewa)
        if self._tol > 0.0 and centers_squared_diff <= self._tol:
            return True
        if self._ewa_inertia_min is None or self._ewa_inertia < self._ewa_inertia_min:
            self._no_improvement = 0
            self._ewa_inertia_min = self._ewa_inertia
        else:
            self._no_improvement += 1
        return self.max_no_improvement is not None and self._no_improvement >= self.max_no_improvement

    # --- public API ------------------------------------------------------------
    def fit(self, X, y=None, sample_weight=None):
        """Compute the centres by mini-batch steps.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : Ignored
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        self : MiniBatchKMeans
        """
        self._validate_params()
        X = validate_data(self, X, dtype=[np.float64, np.float32], order="C")
        self._setup(X)
        rng = check_random_state(self.random_state)
        sample_weight = check_sample_weight(sample_weight, X, dtype=X.dtype, ensure_non_negative=True)
        n_samples = X.shape[0]
        valid = rng.randint(0, n_samples, self._init_size)
        best = None
        for _ in range(self._n_init):
            centers = self._init_centroids(X, rng, sample_weight)
            _, inertia = self._labels_inertia(X[valid], sample_weight[valid], centers)
            if best is None or inertia < best[1]:
                best = (centers, inertia)
        centers = np.ascontiguousarray(best[0])
        centers_new = np.empty_like(centers)
        self._counts = np.zeros(self.n_clusters, dtype=X.dtype)
        self._ewa_inertia = self._ewa_inertia_min = None
        self._no_improvement = self._n_since_last_reassign = 0
        n_steps = (self.max_iter * n_samples) // self._batch_size
        p = sample_weight / sample_weight.sum()
        unit_weight = np.ones(self._batch_size, dtype=X.dtype)
        i = -1
        for i in range(n_steps):
            batch = rng.choice(n_samples, self._batch_size, p=p, replace=True)
            batch_inertia = self._step(X[batch], unit_weight, centers, centers_new, rng)
            diff = float(np.sum((centers_new - centers) ** 2)) if self._tol > 0.0 else 0.0
            centers, centers_new = centers_new, centers
            if self._converged(i, n_samples, diff, batch_inertia):
                break
        self.cluster_centers_ = centers
        self.n_steps_ = i + 1
        self.n_iter_ = int(np.ceil((i + 1) * self._batch_size / n_samples))
        if self.compute_labels:
            self.labels_, self.inertia_ = self._labels_inertia(X, sample_weight, centers)
        else:
            self.inertia_ = self._ewa_inertia * float(sample_weight.sum())
        return self

    def partial_fit(self, X, y=None, sample_weight=None):
        """Update the centres with one batch (online clustering).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : Ignored
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        self : MiniBatchKMeans
        """
        has_centers = hasattr(self, "cluster_centers_")
        if not has_centers:
            self._validate_params()
        X = validate_data(self, X, dtype=[np.float64, np.float32], order="C", reset=not has_centers)
        self._random_state = getattr(self, "_random_state", check_random_state(self.random_state))
        sample_weight = check_sample_weight(sample_weight, X, dtype=X.dtype, ensure_non_negative=True)
        self.n_steps_ = getattr(self, "n_steps_", 0)
        if not has_centers:
            self._setup(X)
            self.cluster_centers_ = np.ascontiguousarray(
                self._init_centroids(X, self._random_state, sample_weight))
            self._counts = np.zeros(self.n_clusters, dtype=X.dtype)
            self._n_since_last_reassign = 0
        # the batch is the whole X; old centres are a copy, new ones in place
        self._step(X, sample_weight, self.cluster_centers_.copy(), self.cluster_centers_,
                   self._random_state)
        if self.compute_labels:
            self.labels_, self.inertia_ = self._labels_inertia(X, sample_weight, self.cluster_centers_)
        self.n_steps_ += 1
        return self
