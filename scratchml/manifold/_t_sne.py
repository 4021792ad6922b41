r"""t-distributed Stochastic Neighbor Embedding (exact and Barnes-Hut)."""

import time
import warnings
from collections import deque
from numbers import Integral, Real

import numpy as np

from ..base import BaseEstimator, TransformerMixin
from ..decomposition import PCA
from ..utils.validation import (
    Interval,
    StrOptions,
    check_random_state,
    validate_data,
)
from ._barnes_hut_kernels import (
    bh_gradient_jit,
    bh_gradient_serial_jit,
    build_tree_jit,
    tree_workspace,
)
from ._t_sne_kernels import (
    binary_search_perplexity_jit,
    gains_momentum_step_jit,
    kl_gradient_exact_jit,
    kl_gradient_exact_serial_jit,
)

__all__ = ["TSNE"]

#: Below this many points the exact gradient runs on one thread (same bits,
#: see _t_sne_kernels): per-iteration thread start-up outweighs the work there.
_PARALLEL_MIN_SAMPLES = 1000
#: From this many points on, Barnes-Hut picks its serial or parallel kernel
#: by measured time (_FasterKernel); below, it runs serially.
_BH_PARALLEL_MIN_SAMPLES = 256

_MACHINE_EPSILON = np.finfo(np.double).eps


def _squared_distances(X):
    """All squared Euclidean distances, shape (n, n), computed as |x|^2 + |y|^2 - 2 x.y.

    One BLAS product; cancellation can leave tiny negatives, clipped to 0,
    and the diagonal is set to exactly 0.
    """
    sq = np.einsum("ij,ij->i", X, X)
    D = sq[:, np.newaxis] + sq[np.newaxis, :] - 2.0 * (X @ X.T)
    np.maximum(D, 0.0, out=D)
    np.fill_diagonal(D, 0.0)
    return D


def _knn_sq_distances(X, n_neighbors, chunk=1024):
    """Exact k nearest neighbours (self excluded) by brute force over row chunks.

    Returns
    -------
    sqdist : ndarray of shape (n_samples, n_neighbors), ascending per row
    indices : ndarray of shape (n_samples, n_neighbors)
    """
    n = X.shape[0]
    sq = np.einsum("ij,ij->i", X, X)
    sqdist = np.empty((n, n_neighbors))
    indices = np.empty((n, n_neighbors), dtype=np.int64)
    for a in range(0, n, chunk):
        b = min(a + chunk, n)
        D = sq[a:b, np.newaxis] + sq[np.newaxis, :] - 2.0 * (X[a:b] @ X.T)
        np.maximum(D, 0.0, out=D)
        D[np.arange(b - a), np.arange(a, b)] = np.inf  # a point is not its own neighbour
        part = np.argpartition(D, n_neighbors - 1, axis=1)[:, :n_neighbors]
        d_part = np.take_along_axis(D, part, axis=1)
        order = np.argsort(d_part, axis=1, kind="stable")
        indices[a:b] = np.take_along_axis(part, order, axis=1)
        sqdist[a:b] = np.take_along_axis(d_part, order, axis=1)
    return sqdist, indices


def _joint_probabilities(sqdist, perplexity):
    r"""Symmetric joint P from all pairwise squared distances (eq. tsne-p), shape (n, n)."""
    cond = binary_search_perplexity_jit(np.ascontiguousarray(sqdist), float(perplexity))
    P = cond + cond.T
    P /= max(P.sum(), _MACHINE_EPSILON)  # eq. (tsne-p)
    P = np.maximum(P, _MACHINE_EPSILON)
    np.fill_diagonal(P, 0.0)
    return P


def _joint_probabilities_nn(sqdist, indices, perplexity):
    """Sparse symmetric P over the k-NN graph, as CSR arrays (data, indices, indptr)."""
    n, k = sqdist.shape
    cond = binary_search_perplexity_jit(np.ascontiguousarray(sqdist), float(perplexity))
    rows = np.repeat(np.arange(n), k)
    cols = indices.ravel()
    vals = cond.ravel()
    # P + P^T: list each entry at (i, j) and at (j, i), then add duplicates
    r = np.concatenate([rows, cols])
    c = np.concatenate([cols, rows])
    v = np.concatenate([vals, vals])
    key = r * n + c
    uniq, inverse = np.unique(key, return_inverse=True)
    data = np.bincount(inverse, weights=v, minlength=uniq.size)
    data /= max(data.sum(), _MACHINE_EPSILON)  # eq. (tsne-p)
    rows_u, cols_u = uniq // n, uniq % n
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows_u, minlength=n), out=indptr[1:])
    return data, cols_u.astype(np.int64), indptr


def _gradient_descent(objective, p, it, max_iter, n_iter_check, n_iter_without_progress,
                      momentum, learning_rate, min_gain, min_grad_norm):
    """Gradient descent with momentum and delta-bar-delta gains (eq. tsne-update).

    ``p`` is updated in place. The objective evaluates the KL divergence only
    on the iterations where it is checked (and the last one). Returns the
    parameters, the last computed KL divergence and the index of the last
    iteration, with scikit-learn's stopping rules.
    """
    update = np.zeros_like(p)
    gains = np.ones_like(p)
    error = np.finfo(float).max
    best_error = np.finfo(float).max
    best_iter = i = it
    for i in range(it, max_iter):
        check_convergence = (i + 1) % n_iter_check == 0
        error_i, grad = objective(p, check_convergence or i == max_iter - 1)
        grad = grad.ravel()  # (n_samples * n_components,), like p
        if check_convergence or i == max_iter - 1:
            error = error_i
        # eq. (tsne-update): grow the gain of a coordinate whose gradient sign
        # flipped against the last step, shrink it otherwise (Jacobs 1988)
        gains_momentum_step_jit(p, grad, update, gains, momentum, learning_rate, min_gain)
        if check_convergence:
            grad_norm = np.linalg.norm(grad)
            if error < best_error:
                best_error = error
                best_iter = i
            elif i - best_iter > n_iter_without_progress:
                break
            if grad_norm <= min_grad_norm:
                break
    return p, error, i


class _FasterKernel:
    """Call whichever of two bit-identical kernels has lately been faster.

    The parallel kernel wakes the thread pool on every call. On a machine
    with more runnable threads than cores that wake-up can take longer than
    the work itself (measured on 500 digits: 0.4 ms a gradient serially,
    7 ms on two threads at load 5.5 on 2 cores), while on an idle machine the
    threads nearly halve the time. Both kernels give the same bits, so the
    choice changes only the speed. Each kernel is timed on its first three
    calls (the first includes compiling); after that the median of each one's
    last three times decides, and the slower one is timed again whenever the
    faster one has run, in total, for ``budget`` times the slower one's
    median, since the load changes (so retrials cost at most about
    1/``budget`` of the run).
    """

    def __init__(self, kernels, budget=20.0):
        self.kernels = kernels
        self.budget = budget
        self.times = [deque(maxlen=3) for _ in kernels]
        self.calls = 0
        self.since_retrial = 0.0

    def __call__(self, *args):
        chosen = False
        if self.calls < 3 * len(self.kernels):
            k = self.calls % len(self.kernels)  # trial
        else:
            medians = [sorted(t)[len(t) // 2] for t in self.times]
            slowest = max(medians)
            if self.since_retrial >= self.budget * slowest:
                k = medians.index(slowest)  # retrial
                self.since_retrial = 0.0
            else:
                k = medians.index(min(medians))
                chosen = True
        self.calls += 1
        start = time.perf_counter()
        out = self.kernels[k](*args)
        elapsed = time.perf_counter() - start
        self.times[k].append(elapsed)
        if chosen:
            self.since_retrial += elapsed
        return out


class _BarnesHutObjective:
    """KL divergence and its Barnes-Hut gradient at ``p``, for a fixed sparse P.

    Keeps one tree workspace for the whole run (rebuilt in place every
    iteration, grown only if a tree ever needs more cells).
    """

    def __init__(self, n_samples, n_components, theta, dof):
        self.shape = (n_samples, n_components)
        self.theta = theta
        self.dof = dof
        self.workspace = tree_workspace(n_samples, 4 * n_samples + 16)
        if n_samples < _BH_PARALLEL_MIN_SAMPLES:
            self.kernel = bh_gradient_serial_jit
        else:
            self.kernel = _FasterKernel([bh_gradient_serial_jit, bh_gradient_jit])

    def __call__(self, p, P, compute_error):
        Y = p.reshape(self.shape)
        while build_tree_jit(Y, *self.workspace) < 0:
            self.workspace = tree_workspace(self.shape[0], 2 * self.workspace[0].shape[0])
        return self.kernel(Y, P, self.workspace[:4], self.theta, self.dof, compute_error)


class TSNE(TransformerMixin, BaseEstimator):
    r"""t-distributed Stochastic Neighbor Embedding.

    Parameters
    ----------
    n_components : int, default=2
        Dimension d of the embedding (at most 3 for 'barnes_hut').
    perplexity : float, default=30.0
        Effective number of neighbours, eq. (tsne-perplexity); must be in
        (0, n_samples).
    early_exaggeration : float, default=12.0
        Factor multiplying P during the first 250 iterations.
    learning_rate : float or 'auto', default='auto'
        'auto' is max(N / early_exaggeration / 4, 50) (Belkina et al. 2019).
    max_iter : int, default=1000
        Total iterations, including the 250 of early exaggeration.
    n_iter_without_progress : int, default=300
        Stop when the KL divergence (checked every 50 iterations) has not
        improved for this many iterations.
    min_grad_norm : float, default=1e-7
        Stop when the gradient norm falls below this.
    metric : {'euclidean', 'precomputed'}, default='euclidean'
        'precomputed': ``X`` is a square matrix of distances (not squared).
    metric_params : dict or None, default=None
        Unused; kept for API compatibility.
    init : {'pca', 'random'} or ndarray of shape (n_samples, n_components), default='pca'
        'pca': the first principal components scaled so column 0 has standard
        deviation 1e-4; 'random': N(0, 1e-4^2) draws.
    verbose : int, default=0
        Unused.
    random_state : int, RandomState instance or None, default=None
        Seeds 'random' init (same draws as scikit-learn) and PCA.
    method : {'barnes_hut', 'exact'}, default='barnes_hut'
        'exact': all pairs, O(N^2); 'barnes_hut': sparse P over the 3 x
        perplexity nearest neighbours and a quadtree/octree for the repulsion,
        O(N log N).
    angle : float, default=0.5
        Barnes-Hut opening angle theta, eq. (tsne-bh).
    n_jobs : int or None, default=None
        Unused; Numba's thread pool is used.

    Attributes
    ----------
    embedding_ : ndarray of shape (n_samples, n_components)
        The embedding Y.
    kl_divergence_ : float
        KL divergence after optimisation, eq. (tsne-kl).
    n_iter_ : int
        Index of the last iteration run (scikit-learn's convention).
    learning_rate_ : float
        The learning rate used.
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        ``perplexity >= n_samples``; 'barnes_hut' with ``n_components > 3``;
        'precomputed' with a non-square or negative X, or with init='pca'.

    Notes
    -----
    Notation: N points :math:`x_i`, embedding :math:`y_i \in \mathbb R^d`,
    squared distances :math:`d_{ij} = \lVert x_i - x_j \rVert^2`. Each point
    gets a Gaussian :math:`p_{j|i} \propto \exp(-\beta_i d_{ij})` whose
    bandwidth is found by bisection so that its perplexity matches the target:

    .. math::
       :label: tsne-perplexity

       H(P_i) = -\sum_j p_{j|i} \log p_{j|i}
              = \log \sum_j e^{-\beta_i d_{ij}} + \beta_i \sum_j p_{j|i} d_{ij}
              = \log \mathrm{Perp}.

    The joint probabilities are symmetrised,

    .. math::
       :label: tsne-p

       p_{ij} = \frac{p_{j|i} + p_{i|j}}{\sum_{k, l} (p_{l|k} + p_{k|l})},

    and the embedding uses a Student-t kernel with :math:`\alpha = \max(d - 1, 1)` degrees of freedom,

    .. math::
       :label: tsne-q

       w_{ij} = \left(1 + \lVert y_i - y_j \rVert^2 / \alpha\right)^{-(\alpha + 1)/2},
       \qquad q_{ij} = \frac{w_{ij}}{Z}, \quad Z = \sum_{k \ne l} w_{kl}.

    t-SNE minimises

    .. math::
       :label: tsne-kl

       C = KL(P \| Q) = \sum_{i \ne j} p_{ij} \log \frac{p_{ij}}{q_{ij}},

    whose gradient splits into attraction along the edges of P and repulsion
    between all pairs:

    .. math::
       :label: tsne-grad

       \frac{\partial C}{\partial y_i} = \frac{2(\alpha + 1)}{\alpha}
       \sum_j (p_{ij} - q_{ij})\, w_{ij}\, (y_i - y_j)

    (for d = 2, :math:`\alpha = 1`, this is the exact gradient
    :math:`4 \sum_j (p_{ij} - q_{ij})(1 + \lVert y_i - y_j \rVert^2)^{-1}(y_i - y_j)`
    of van der Maaten & Hinton, eq. 5; for other d it is scikit-learn's form,
    kept so that both libraries optimise the same thing).

    Barnes-Hut replaces the repulsion of the points in a cell by one point of
    mass :math:`N_{cell}` at its centre of mass when the cell looks small:

    .. math::
       :label: tsne-bh

       \frac{r_{cell}}{\lVert y_i - y_{cell} \rVert} < \theta,

    :math:`r_{cell}` the side of the cell. The optimiser is gradient descent
    with momentum (0.5 for the first 250 iterations, then 0.8) and per-
    coordinate gains (+0.2 when the gradient changes sign, x0.8 otherwise):

    .. math::
       :label: tsne-update

       \Delta^{(t)} = m\, \Delta^{(t-1)} - \eta\, g^{(t)} \odot \nabla C, \qquad y \leftarrow y + \Delta^{(t)}.

    References
    ----------
    L. van der Maaten and G. Hinton, "Visualizing data using t-SNE", JMLR 9,
    2008, eqs. (1)-(5) and §3.4 (early exaggeration, momentum).

    L. van der Maaten, "Accelerating t-SNE using tree-based algorithms", JMLR
    15, 2014, §4 (sparse P over 3u neighbours) and §5 (Barnes-Hut).

    L. van der Maaten, "Learning a parametric embedding by preserving local
    structure", AISTATS 2009 (the degrees of freedom alpha = d - 1).

    A. C. Belkina et al., "Automated optimized parameters for t-SNE",
    Nature Communications 10, 2019, doi:10.1038/s41467-019-13055-y (learning rate).

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.manifold import TSNE
    >>> X = np.array([[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype=float)
    >>> Y = TSNE(n_components=2, perplexity=3, init="random", random_state=0).fit_transform(X)
    >>> Y.shape
    (4, 2)
    """

    _parameter_constraints = {
        "n_components": [Interval(Integral, 1, None, closed="left")],
        "perplexity": [Interval(Real, 0, None, closed="neither")],
        "early_exaggeration": [Interval(Real, 1, None, closed="left")],
        "learning_rate": [StrOptions({"auto"}), Interval(Real, 0, None, closed="neither")],
        "max_iter": [Interval(Integral, 250, None, closed="left")],
        "n_iter_without_progress": [Interval(Integral, -1, None, closed="left")],
        "min_grad_norm": [Interval(Real, 0, None, closed="left")],
        "metric": [StrOptions({"euclidean", "precomputed"})],
        "metric_params": [dict, None],
        "init": [StrOptions({"pca", "random"}), np.ndarray],
        "verbose": [Interval(Integral, 0, None, closed="left"), "boolean"],
        "random_state": ["random_state"],
        "method": [StrOptions({"barnes_hut", "exact"})],
        "angle": [Interval(Real, 0, 1, closed="both")],
        "n_jobs": [None, Integral],
    }

    _EXPLORATION_MAX_ITER = 250
    _N_ITER_CHECK = 50

    def __init__(
        self,
        n_components=2,
        *,
        perplexity=30.0,
        early_exaggeration=12.0,
        learning_rate="auto",
        max_iter=1000,
        n_iter_without_progress=300,
        min_grad_norm=1e-7,
        metric="euclidean",
        metric_params=None,
        init="pca",
        verbose=0,
        random_state=None,
        method="barnes_hut",
        angle=0.5,
        n_jobs=None,
    ):
        self.n_components = n_components
        self.perplexity = perplexity
        self.early_exaggeration = early_exaggeration
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.n_iter_without_progress = n_iter_without_progress
        self.min_grad_norm = min_grad_norm
        self.metric = metric
        self.metric_params = metric_params
        self.init = init
        self.verbose = verbose
        self.random_state = random_state
        self.method = method
        self.angle = angle
        self.n_jobs = n_jobs

    def _check_input(self, X):
        X = validate_data(self, X, dtype=np.float64, ensure_min_samples=2)
        n = X.shape[0]
        if self.perplexity >= n:
            raise ValueError(f"perplexity={self.perplexity} must be less than n_samples={n}")
        if self.method == "barnes_hut" and self.n_components > 3:
            raise ValueError(
                f"n_components={self.n_components} must be <= 3 with method='barnes_hut' "
                "(it relies on a quadtree or octree); use method='exact'."
            )
        if self.metric == "precomputed":
            if isinstance(self.init, str) and self.init == "pca":
                raise ValueError('The parameter init="pca" cannot be used with metric="precomputed".')
            if X.shape[0] != X.shape[1]:
                raise ValueError(f"X should be a square distance matrix, got shape {X.shape}")
            if np.any(X < 0):
                raise ValueError("With metric='precomputed', X should contain non-negative distances.")
        if isinstance(self.init, np.ndarray) and self.init.shape != (n, self.n_components):
            raise ValueError(
                f"init array of shape {self.init.shape} must have shape "
                f"(n_samples, n_components)=({n}, {self.n_components})"
            )
        identical = not X.any() if self.metric == "precomputed" else not np.ptp(X, axis=0).any()
        if identical:
            warnings.warn(
                "All samples are identical (every pairwise distance is 0): there is no "
                "structure to embed, and the points stay together at the initial position.",
                UserWarning, stacklevel=3,
            )
        return X

    def _initial_embedding(self, X, rng):
        n = X.shape[0]
        if isinstance(self.init, np.ndarray):
            return np.array(self.init, dtype=np.float64)
        if self.init == "pca":
            Y = PCA(n_components=self.n_components, random_state=rng).fit_transform(X)
            std = np.std(Y[:, 0])
            # all-identical rows: nothing to scale (and 0/0 would give NaN)
            return Y / std * 1e-4 if std > 0 else Y
        return 1e-4 * rng.standard_normal(size=(n, self.n_components))

    def fit_transform(self, X, y=None):
        """Fit X into an embedded space and return that embedding.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features) or (n_samples, n_samples)
            Samples, or distances when ``metric='precomputed'``.
        y : Ignored

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_components)
        """
        self._validate_params()
        X = self._check_input(X)
        n = X.shape[0]
        rng = check_random_state(self.random_state)
        if self.learning_rate == "auto":
            self.learning_rate_ = max(n / self.early_exaggeration / 4.0, 50.0)
        else:
            self.learning_rate_ = float(self.learning_rate)

        dof = float(max(self.n_components - 1, 1))
        small = n < _PARALLEL_MIN_SAMPLES
        if self.method == "exact":
            sqdist = X**2 if self.metric == "precomputed" else _squared_distances(X)
            P = _joint_probabilities(sqdist, self.perplexity)

            def objective(p, P, compute_error):
                kernel = kl_gradient_exact_serial_jit if small else kl_gradient_exact_jit
                return kernel(p.reshape(n, self.n_components), P, dof, compute_error)
        else:
            k = min(n - 1, int(3.0 * self.perplexity + 1))
            if self.metric == "precomputed":
                D = X.copy()
                np.fill_diagonal(D, np.inf)
                indices = np.argsort(D, axis=1, kind="stable")[:, :k]
                sqdist = np.take_along_axis(D, indices, axis=1) ** 2
            else:
                sqdist, indices = _knn_sq_distances(X, k)
            P = _joint_probabilities_nn(sqdist, indices, self.perplexity)
            objective = _BarnesHutObjective(n, self.n_components, float(self.angle), dof)

        Y = self._initial_embedding(X, rng)
        if not np.all(np.isfinite(Y)):
            warnings.warn("The initial embedding is not finite; results will be meaningless.", stacklevel=2)
        p = np.ascontiguousarray(Y, dtype=np.float64).ravel()

        def run(P_scaled, it, max_iter, momentum, patience):
            return _gradient_descent(
                lambda q, ce: objective(q, P_scaled, ce), p, it, max_iter, self._N_ITER_CHECK,
                patience, momentum, self.learning_rate_, 0.01, self.min_grad_norm,
            )

        exaggerate = self.early_exaggeration
        P_early = P * exaggerate if self.method == "exact" else (P[0] * exaggerate, P[1], P[2])
        # Early exaggeration: clusters form while P is inflated, momentum 0.5
        p, kl, it = run(P_early, 0, self._EXPLORATION_MAX_ITER, 0.5, self._EXPLORATION_MAX_ITER)
        if self.max_iter > self._EXPLORATION_MAX_ITER:
            p, kl, it = run(P, it + 1, self.max_iter, 0.8, self.n_iter_without_progress)
        self.n_iter_ = it
        self.kl_divergence_ = float(kl)
        self.embedding_ = p.reshape(n, self.n_components)
        return self.embedding_

    def fit(self, X, y=None):
        """Fit X into an embedded space (see :meth:`fit_transform`).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features) or (n_samples, n_samples)
        y : Ignored

        Returns
        -------
        self : TSNE
        """
        self.fit_transform(X)
        return self

    @property
    def _n_features_out(self):
        return self.embedding_.shape[1]

    def _extra_tags(self):
        return {"pairwise": self.metric == "precomputed"}
