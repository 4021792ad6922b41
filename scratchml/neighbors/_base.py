r"""What every k-nearest-neighbour estimator shares: fitting the index and querying it.

Notes
-----
Notation: :math:`N` training points :math:`y_j`, :math:`M` queries
:math:`x_i`, :math:`D` features, :math:`k` neighbours.

The Minkowski family of distances,

.. math::
   :label: knn-minkowski

   d_p(x, y) = \Big(\sum_{d=1}^{D} |x_d - y_d|^p\Big)^{1/p}, \qquad p \ge 1,

gives Manhattan (:math:`p = 1`), Euclidean (:math:`p = 2`) and Chebyshev
(:math:`p \to \infty`, :math:`\max_d |x_d - y_d|`). Searches rank by the
*reduced* distance :math:`d_p^p` (no root), which orders points the same way.
The cosine distance is :math:`1 - x^\top y / (\|x\|\,\|y\|)`.

Brute force computes the squared Euclidean distances of a block of queries to
all training points with one matrix product,

.. math::
   :label: knn-expand

   \|x_i - y_j\|^2 = \|x_i\|^2 - 2\, x_i^\top y_j + \|y_j\|^2,

which runs at matrix-multiply speed but cancels catastrophically when
:math:`x_i \approx y_j` (two numbers of size :math:`\|x\|^2` subtract to
nearly 0, leaving an absolute error of about :math:`\varepsilon \|x\|^2`,
possibly negative). The kernels clip negatives to 0 for the ranking and, for
the :math:`k` selected pairs only, recompute :math:`\sum_d (x_d - y_d)^2`
directly, so the returned distances are exact to rounding. The *ranking* is
the one of eq. (knn-expand), as in scikit-learn, so both libraries return the
same indices in the same order; the price is that two candidates whose
distances differ by less than about :math:`\varepsilon \|x\|^2` may be listed
in either order (centre data far from the origin to make this negligible).

The queries are processed in blocks of :math:`B` rows, with :math:`B` chosen so
that the :math:`B \times N` float64 block of eq. (knn-expand) fits in
``working_memory`` MiB (default 64): peak memory is then bounded whatever
:math:`M`.

References
----------
T. Hastie, R. Tibshirani, J. Friedman, *The Elements of Statistical Learning*,
2nd ed., §13.3 (k-nearest-neighbour classifiers).
"""

import os
from concurrent.futures import ThreadPoolExecutor
from numbers import Integral, Real

import numba
import numpy as np
from threadpoolctl import threadpool_limits

from ..base import BaseEstimator
from ..utils.validation import (
    Interval,
    StrOptions,
    check_is_fitted,
    validate_data,
)
from ._brute_kernels import (
    MINKOWSKI,
    PARALLEL_MIN_WORK,
    exact_sqeuclidean_jit,
    pairwise_reduced_jit,
    push_sqeuclidean_block_jit,
    sort_rows_jit,
    topk_direct_jit,
    topk_direct_serial,
    topk_sqeuclidean_jit,
    topk_sqeuclidean_serial,
)
from ._heap_kernels import simultaneous_sort_jit
from ._kd_tree import KD_TREE_METRICS, BallTree, KDTree, metric_code, reduced_to_distance
from ._params import numba_threads, resolve_p

#: Default memory budget of one block of brute-force distances, in MiB.
WORKING_MEMORY_MIB = 64

#: Brute-force tile of eq. (knn-expand): queries x training points (4 MiB of float64).
_TILE_ROWS, _TILE_COLS = 256, 2048

#: scikit-learn's block size (rows) in its pairwise-distance reductions.
_SKLEARN_CHUNK = 256


def _physical_cores():
    """Number of distinct (package, core) pairs in /proc/cpuinfo, or None."""
    try:
        with open("/proc/cpuinfo") as f:
            text = f.read()
    except OSError:
        return None
    cores, phys = set(), None
    for line in text.splitlines():
        key, _, value = line.partition(":")
        key = key.strip()
        if key == "physical id":
            phys = value.strip()
        elif key == "core id":
            cores.add((phys, value.strip()))
    return len(cores) or None


def _sklearn_n_threads():
    """The OpenMP thread count scikit-learn would use (physical cores, or OMP_NUM_THREADS)."""
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    env = os.environ.get("OMP_NUM_THREADS", "").split(",")[0]
    if env.isdigit() and int(env) > 0:
        return int(env)
    return max(1, min(available or 1, _physical_cores() or available or 1))


def push_order(n_queries, n_train, sequential):
    """Segments in which scikit-learn's brute force feeds its heaps (see ``select_row``).

    scikit-learn splits the work over threads either by queries (each query's
    heap is fed all training points in index order) or, when there are few
    queries, by blocks of 256 training points, one contiguous range of blocks
    per thread (OpenMP static schedule), merging the per-thread heaps after.
    Only exact ties are affected; reproducing it keeps indices identical.
    """
    n_threads = _sklearn_n_threads()
    if sequential or n_train < n_queries or 4 * _SKLEARN_CHUNK * n_threads < n_queries:
        return np.array([0, n_train], dtype=np.int64), False
    size = min(n_train, _SKLEARN_CHUNK)
    n_chunks = -(-n_train // size)
    threads = min(n_chunks, n_threads)
    q, r = divmod(n_chunks, threads)
    first_chunk = np.array([t * q + min(t, r) for t in range(threads + 1)], dtype=np.int64)
    return np.minimum(first_chunk * size, n_train), True


def get_weights(dist, weights):
    r"""Turn neighbour distances into voting weights.

    ``'uniform'`` (or None) gives None (all equal); ``'distance'`` gives
    :math:`w = 1/d` (eq. knn-weights), except that a query at distance 0 from
    some training points gives weight 1 to those and 0 to the others (they
    would otherwise get :math:`1/0`); a callable is applied to ``dist``.
    """
    if weights in (None, "uniform"):
        return None
    if weights == "distance":
        with np.errstate(divide="ignore"):
            w = 1.0 / dist  # eq. (knn-weights)
        inf_mask = np.isinf(w)
        inf_row = np.any(inf_mask, axis=1)
        w[inf_row] = inf_mask[inf_row]
        return w
    return weights(dist)


class NeighborsBase(BaseEstimator):
    """Shared ``fit``, ``kneighbors(_graph)`` and ``radius_neighbors(_graph)`` of the estimators.

    ``metric_params`` may carry the Minkowski power (``{'p': ...}``, see
    :func:`resolve_p`); ``n_jobs`` sets the Numba threads of a query
    (:func:`numba_threads`) and never changes a result.
    """

    _parameter_constraints = {
        "n_neighbors": [Interval(Integral, 1, None, closed="left")],
        "algorithm": [StrOptions({"auto", "brute", "kd_tree", "ball_tree"})],
        "leaf_size": [Interval(Integral, 1, None, closed="left")],
        "metric": [StrOptions({"euclidean", "manhattan", "chebyshev", "minkowski", "cosine"})],
        "p": [Interval(Real, 1, None, closed="left")],
        "working_memory": [Interval(Real, 0, None, closed="neither"), None],
        "metric_params": [dict, None],
        "n_jobs": [Integral, None],
    }

    def _fit(self, X, y=None):
        self._validate_params()
        # no order="C" here: that always copies; ascontiguousarray copies only
        # when needed (the data are never written to)
        if not self._all_tags()["requires_y"]:
            X = validate_data(self, X, dtype=np.float64)
        else:
            X, y = validate_data(
                self, X, y, dtype=np.float64,
                multi_output=self._multi_output_y, y_numeric=not self._classifier,
            )
        X = np.ascontiguousarray(X)
        n_samples, n_features = X.shape
        k = getattr(self, "n_neighbors", None)
        if k is not None and k > n_samples and not getattr(self, "_clip_n_neighbors", False):
            raise ValueError(
                f"n_neighbors={self.n_neighbors} must be <= n_samples={n_samples}."
            )
        # the Minkowski power, from metric_params when given there
        self._effective_p = resolve_p(self.metric, self.p, self.metric_params)
        self.effective_metric_params_ = dict(self.metric_params or {})
        if self.metric == "minkowski":
            # p = 1, 2, inf have faster special cases (and other tie-breaking
            # arithmetic), as in scikit-learn
            p = self.effective_metric_params_.pop("p", self._effective_p)
            special = {1: "manhattan", 2: "euclidean"}
            self.effective_metric_ = special.get(p, "chebyshev" if np.isinf(p) else "minkowski")
            if self.effective_metric_ == "minkowski":
                # scikit-learn's record of the generic (unweighted) Minkowski metric
                self.effective_metric_params_.update(p=p, w=None)
        else:
            self.effective_metric_ = self.metric

        method = self.algorithm
        if method in ("kd_tree", "ball_tree") and self.metric not in KD_TREE_METRICS:
            raise ValueError(
                f"metric={self.metric!r} cannot be used with algorithm={method!r}: the "
                f"trees prune with bounds valid for {KD_TREE_METRICS}. "
                "Use algorithm='brute'."
            )
        if method == "auto":
            # A tree pays off in low dimension with few neighbours (same rule
            # as scikit-learn); otherwise brute force.
            if (
                n_features > 15
                or (k is not None and k >= n_samples // 2)
                or self.metric not in KD_TREE_METRICS
            ):
                method = "brute"
            else:
                method = "kd_tree"
        self._fit_method = method
        self._fit_X = X
        self.n_samples_fit_ = n_samples
        if method in ("kd_tree", "ball_tree"):
            tree = KDTree if method == "kd_tree" else BallTree
            self._tree = tree(
                X, leaf_size=self.leaf_size, metric=self.metric, p=self._effective_p
            )
        else:
            self._tree = None
            self._fit_X_sq = np.einsum("ij,ij->i", X, X)
        return X, y

    def _budget_bytes(self):
        budget = WORKING_MEMORY_MIB if self.working_memory is None else self.working_memory
        return budget * 2**20

    def _chunk_rows(self):
        return max(1, int(self._budget_bytes() // (8 * self.n_samples_fit_)))

    def _blocked_sqeuclidean(self, Xc, k):
        """Indices of the k nearest by eq. (knn-expand), in cache-sized tiles.

        Tiles of at most ``_TILE_ROWS`` queries x ``_TILE_COLS`` training points
        (4 MiB, or less if ``working_memory`` is smaller): the tile is still in
        cache when the heaps read it back, which halves the time of 32 MiB
        tiles streamed through memory. Each query's heap is fed the training
        points in index order across tiles.

        Blocks of queries are independent, so they are shared among
        ``numba.get_num_threads()`` worker threads, each doing its own matrix
        products with a single-threaded BLAS (scikit-learn's 'parallel_on_X'
        strategy). Every row's heap still sees the same points in the same
        order: results do not depend on the thread count.
        """
        Y, y_sq = self._fit_X, self._fit_X_sq
        n_block = min(Y.shape[0], _TILE_COLS)
        n_rows = int(max(1, min(_TILE_ROWS, self._budget_bytes() // (8 * n_block))))
        rdist = np.full((Xc.shape[0], k), np.finfo(np.float64).max)
        ind = np.zeros((Xc.shape[0], k), dtype=np.int64)

        def search_block(r0):
            Xr = Xc[r0:r0 + n_rows]
            x_sq = np.einsum("ij,ij->i", Xr, Xr)
            for y0 in range(0, Y.shape[0], n_block):
                XY = Xr @ Y[y0:y0 + n_block].T  # (rows, block) tile
                push_sqeuclidean_block_jit(
                    XY, x_sq, y_sq[y0:y0 + n_block], y0,
                    rdist[r0:r0 + n_rows], ind[r0:r0 + n_rows],
                )
            sort_rows_jit(rdist[r0:r0 + n_rows], ind[r0:r0 + n_rows])

        starts = range(0, Xc.shape[0], n_rows)
        n_workers = min(numba.get_num_threads(), len(starts))
        if n_workers > 1 and Xc.shape[0] * Y.shape[0] >= PARALLEL_MIN_WORK:
            # One BLAS thread per worker: BLAS threads of their own would
            # compete with the workers for the same cores (and spin between
            # calls), which costs far more than it gives on small tiles.
            with threadpool_limits(1, user_api="blas"), ThreadPoolExecutor(n_workers) as pool:
                list(pool.map(search_block, starts))
        else:
            for r0 in starts:
                search_block(r0)
        return ind

    def _brute(self, X, k, query_is_train, sequential):
        """Brute-force search in blocks of queries bounded by ``working_memory``."""
        Y = self._fit_X
        bounds, merge = push_order(X.shape[0], Y.shape[0], sequential)
        metric = self.effective_metric_
        dist = np.empty((X.shape[0], k))
        ind = np.empty((X.shape[0], k), dtype=np.intp)
        if metric == "euclidean" and not merge:
            # already tiled within working_memory: no blocks of queries needed
            ind[:] = self._blocked_sqeuclidean(X, k)
            dist[:] = np.sqrt(exact_sqeuclidean_jit(X, Y, ind))
            return dist, ind
        step = self._chunk_rows()
        for start in range(0, X.shape[0], step):
            rows = slice(start, min(start + step, X.shape[0]))
            Xc = X[rows]
            if metric == "cosine":
                dist[rows], ind[rows] = _cosine_topk(Xc, Y, k, start if query_is_train else None)
            elif metric == "euclidean":
                XY = Xc @ Y.T  # (chunk, n_train): the only large temporary
                x_sq = np.einsum("ij,ij->i", Xc, Xc)
                kernel = topk_sqeuclidean_jit if XY.size >= PARALLEL_MIN_WORK else (
                    topk_sqeuclidean_serial
                )
                _, ind[rows] = kernel(
                    XY, x_sq, self._fit_X_sq, k, bounds, merge
                )
                del XY
                # exact distances of the k chosen, in the order chosen
                dist[rows] = np.sqrt(exact_sqeuclidean_jit(Xc, Y, ind[rows]))
            else:
                code, p = metric_code(metric, self._effective_p)
                big = Xc.shape[0] * Y.shape[0] >= PARALLEL_MIN_WORK
                kernel = topk_direct_jit if big else topk_direct_serial
                rdist, ind[rows] = kernel(Xc, Y, k, code, p, bounds, merge)
                dist[rows] = reduced_to_distance(rdist, code, p)
        return dist, ind

    def kneighbors(self, X=None, n_neighbors=None, return_distance=True):
        """Find the k nearest training points of each query.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features), default=None
            Queries. None means the training points, each excluded from its
            own neighbours.
        n_neighbors : int, default=None
            Defaults to the constructor's ``n_neighbors``.
        return_distance : bool, default=True

        Returns
        -------
        neigh_dist : ndarray of shape (n_queries, n_neighbors)
            Distances, ascending; only if ``return_distance``.
        neigh_ind : ndarray of shape (n_queries, n_neighbors)
            Training indices. Equal distances are resolved as scikit-learn
            resolves them (see the module notes of ``_heap_kernels``).

        Raises
        ------
        ValueError
            If ``n_neighbors`` is < 1 or larger than the training set.
        """
        with numba_threads(self.n_jobs):
            return self._kneighbors(X, n_neighbors, return_distance, sequential=False)

    def _kneighbors(self, X, n_neighbors, return_distance, sequential):
        # sequential=True: the push order of scikit-learn's classifier (its
        # class-mode reduction always splits the work by queries)
        check_is_fitted(self)
        k = self.n_neighbors if n_neighbors is None else n_neighbors
        if not isinstance(k, Integral) or isinstance(k, bool) or k < 1:
            raise ValueError(f"n_neighbors={k!r} must be an int >= 1.")
        query_is_train = X is None
        if query_is_train:
            X = self._fit_X
            k += 1  # the point itself comes back too and is removed below
        else:
            X = np.ascontiguousarray(validate_data(self, X, reset=False, dtype=np.float64))
        n_fit = self.n_samples_fit_
        if k > n_fit:
            bound = "<" if query_is_train else "<="
            raise ValueError(
                f"n_neighbors={k - query_is_train} must be {bound} n_samples_fit={n_fit} "
                f"(n_samples = {X.shape[0]})."
            )
        if self._fit_method in ("kd_tree", "ball_tree"):
            dist, ind = self._tree.query(X, k)
        else:
            dist, ind = self._brute(X, k, query_is_train, sequential)
        if query_is_train:
            dist, ind = _drop_self(dist, ind)
        return (dist, ind) if return_distance else ind

    def radius_neighbors(self, X=None, radius=None, return_distance=True, sort_results=False):
        """Training points within ``radius`` of each query (distance <= radius).

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features), default=None
            None means the training points, each excluded from its own list.
        radius : float, default=None
            Defaults to the constructor's ``radius``.
        return_distance : bool, default=True
        sort_results : bool, default=False
            Sort each list by distance (stable); otherwise the order is the
            training index (brute force) or the tree's visiting order.

        Returns
        -------
        neigh_dist : ndarray of shape (n_queries,), dtype=object
            Arrays of distances; only if ``return_distance``.
        neigh_ind : ndarray of shape (n_queries,), dtype=object
            Arrays of training indices.

        Raises
        ------
        ValueError
            ``sort_results=True`` with ``return_distance=False``.
        """
        with numba_threads(self.n_jobs):
            return self._radius_neighbors(X, radius, return_distance, sort_results)

    def _radius_neighbors(self, X, radius, return_distance, sort_results):
        check_is_fitted(self)
        if sort_results and not return_distance:
            raise ValueError("return_distance must be True if sort_results is True.")
        r = getattr(self, "radius", None) if radius is None else radius
        if r is None:
            raise ValueError(
                f"radius=None: {type(self).__name__} has no default radius, pass one."
            )
        query_is_train = X is None
        if query_is_train:
            X = self._fit_X
        else:
            X = np.ascontiguousarray(validate_data(self, X, reset=False, dtype=np.float64))
        if self._fit_method in ("kd_tree", "ball_tree"):
            dist, ind = self._tree.query_radius(X, r)
            if sort_results:
                # scikit-learn's trees sort each list in visiting order with
                # the same introsort: tied distances come out in its order
                for q in range(X.shape[0]):
                    simultaneous_sort_jit(dist[q], ind[q])
        else:
            dist, ind = self._brute_radius(X, r, query_is_train, sort_results)
        if query_is_train:
            # remove each point from its own list, after sorting (as scikit-learn)
            for q in range(X.shape[0]):
                keep = ind[q] != q
                ind[q], dist[q] = ind[q][keep], dist[q][keep]
        return (dist, ind) if return_distance else ind

    def _brute_radius(self, X, r, query_is_train, sort_results=False):
        """Brute-force radius search in blocks bounded by ``working_memory``.

        Each list is in training-index order or, with ``sort_results``,
        sorted as scikit-learn sorts it: its introsort on the reduced
        distances of the list in index order (a stable sort for 'cosine').
        """
        Y = self._fit_X
        dist = np.empty(X.shape[0], dtype=object)
        ind = np.empty(X.shape[0], dtype=object)
        step = self._chunk_rows()
        metric = self.effective_metric_
        for start in range(0, X.shape[0], step):
            Xc = X[start:start + step]
            if metric == "euclidean":
                x_sq = np.einsum("ij,ij->i", Xc, Xc)
                # eq. (knn-expand), clipped at 0 against cancellation
                D = np.maximum(x_sq[:, None] + (-2.0 * (Xc @ Y.T)) + self._fit_X_sq, 0.0)
                bound = r * r
            elif metric == "cosine":
                D = _cosine_block(Xc, Y, start if query_is_train else None)
                bound = r
            else:
                code, p = metric_code(metric, self._effective_p)
                D = pairwise_reduced_jit(Xc, Y, code, p)
                bound = r**p if code == MINKOWSKI else r  # radius as a reduced distance
            for i in range(Xc.shape[0]):
                sel = np.flatnonzero(D[i] <= bound)
                if sort_results and metric == "cosine":
                    sel = sel[np.argsort(D[i, sel], kind="mergesort")]
                elif sort_results:
                    simultaneous_sort_jit(D[i, sel], sel)
                if metric == "euclidean":
                    d = np.sqrt(((Y[sel] - Xc[i]) ** 2).sum(axis=1))  # exact for the chosen
                elif metric == "cosine":
                    d = D[i, sel]
                else:
                    d = reduced_to_distance(D[i, sel], code, p)
                ind[start + i], dist[start + i] = sel, d
        return dist, ind

    def kneighbors_graph(self, X=None, n_neighbors=None, mode="connectivity"):
        """Dense k-neighbour graph: row i marks the neighbours of query i.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features), default=None
            As in :meth:`kneighbors`.
        n_neighbors : int, default=None
        mode : {'connectivity', 'distance'}, default='connectivity'
            Entries are 1 or the distance. With 'distance', a neighbour at
            distance 0 (a duplicate) is indistinguishable from a non-neighbour
            in this dense form (scikit-learn returns a sparse matrix that keeps
            the explicit 0).

        Returns
        -------
        A : ndarray of shape (n_queries, n_samples_fit)
        """
        if mode not in ("connectivity", "distance"):
            raise ValueError(
                f"mode={mode!r} is not valid; use 'connectivity' or 'distance'."
            )
        dist, ind = self.kneighbors(X, n_neighbors, return_distance=True)
        A = np.zeros((ind.shape[0], self.n_samples_fit_))
        rows = np.arange(ind.shape[0])[:, None]
        A[rows, ind] = 1.0 if mode == "connectivity" else dist
        return A


    def radius_neighbors_graph(self, X=None, radius=None, mode="connectivity",
                               sort_results=False):
        """Dense radius-neighbour graph: row i marks the training points within ``radius`` of query i.

        scratchml has no sparse matrices (no SciPy), so, like
        :meth:`kneighbors_graph`, this returns a dense array equal to
        scikit-learn's sparse result's ``.toarray()``.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features), default=None
            As in :meth:`radius_neighbors` (None: the training points, each
            without itself).
        radius : float, default=None
            Defaults to the constructor's ``radius``.
        mode : {'connectivity', 'distance'}, default='connectivity'
            Entries are 1 or the distance. With 'distance', a neighbour at
            distance 0 (a duplicate) is indistinguishable from a non-neighbour
            in this dense form (scikit-learn's sparse matrix keeps the
            explicit 0); use :meth:`radius_neighbors` to tell them apart.
        sort_results : bool, default=False
            Accepted for scikit-learn's signature; it orders the stored
            entries of a sparse matrix, which a dense array does not have.

        Returns
        -------
        A : ndarray of shape (n_queries, n_samples_fit)

        Raises
        ------
        ValueError
            An unknown ``mode``.
        """
        if mode not in ("connectivity", "distance"):
            raise ValueError(
                f"mode={mode!r} is not valid; use 'connectivity' or 'distance'."
            )
        dist, ind = self.radius_neighbors(X, radius, return_distance=True)
        A = np.zeros((ind.shape[0], self.n_samples_fit_))
        counts = np.fromiter((len(i) for i in ind), dtype=np.intp, count=ind.shape[0])
        rows = np.repeat(np.arange(ind.shape[0]), counts)
        cols = np.concatenate(list(ind)) if ind.shape[0] else np.empty(0, np.intp)
        A[rows, cols.astype(np.intp)] = 1.0 if mode == "connectivity" else (
            np.concatenate(list(dist))
        )
        return A


def _drop_self(dist, ind):
    """Remove each training point from its own neighbour list (scikit-learn's rule).

    If a point has more duplicates than neighbours it may not be in its own
    list; then the first neighbour (a duplicate at distance 0) is dropped.
    """
    n, k = ind.shape
    keep = ind != np.arange(n)[:, None]
    missing = np.all(keep, axis=1)
    keep[missing, 0] = False
    return dist[keep].reshape(n, k - 1), ind[keep].reshape(n, k - 1)


def _cosine_block(X, Y, diag_offset):
    """Cosine distances of a block of queries to all training points, in [0, 2]."""
    def normalise(A):
        norms = np.sqrt(np.einsum("ij,ij->i", A, A))
        norms[norms < 10 * np.finfo(np.float64).eps] = 1.0  # zero vectors stay 0
        return A / norms[:, None]

    Yn = normalise(Y)
    if diag_offset == 0 and X.shape[0] == Y.shape[0]:
        # the whole training set against itself: A @ A.T lets NumPy use the
        # symmetric product (syrk), as scikit-learn's does, so near-ties round
        # the same way
        D = 1.0 - Yn @ Yn.T
    else:
        D = 1.0 - normalise(X) @ Yn.T
    np.clip(D, 0.0, 2.0, out=D)  # rounding can leave 1 - cos slightly outside [0, 2]
    if diag_offset is not None:
        rows = np.arange(X.shape[0])
        D[rows, rows + diag_offset] = 0.0  # a point is at distance 0 from itself
    return D


def _cosine_topk(X, Y, k, diag_offset):
    """Cosine distances of a block, then the k smallest by ``argpartition``.

    Follows scikit-learn's generic brute-force path (which it uses for
    cosine), including ``np.argpartition`` + ``np.argsort`` for the selection,
    so ties come out the same.
    """
    D = _cosine_block(X, Y, diag_offset)
    rows = np.arange(X.shape[0])[:, None]
    ind = np.argpartition(D, k - 1, axis=1)[:, :k]
    ind = ind[rows, np.argsort(D[rows, ind])]
    return D[rows, ind], ind
