"""DBSCAN's eps-neighbourhood graph, four ways: a sweep line, matrix products, a tree, a given matrix.

Each builder returns ``(order, indptr, indices)``: a CSR graph whose node ``s``
is sample ``order[s]`` (the sweep sorts the samples; the others keep sample
order), row ``s`` listing the nodes within eps of it, itself included. All
decide membership with the same exact comparison, so they give the same
neighbourhoods (see ``tests/cluster/test_dbscan.py``).
"""

from concurrent.futures import ThreadPoolExecutor

import numba
import numpy as np
from threadpoolctl import threadpool_limits

from ..neighbors import BallTree, KDTree
from ..neighbors._base import WORKING_MEMORY_MIB
from ._dbscan_kernels import (
    CHEBYSHEV,
    EUCLIDEAN,
    MANHATTAN,
    MINKOWSKI,
    gemm_block_jit,
    neighbour_counts_jit,
    neighbour_counts_serial_jit,
    neighbour_fill_jit,
    neighbour_fill_serial_jit,
)

__all__ = ["eps_neighbourhoods"]

# Below this many samples the parallel kernels lose to their thread start-up.
_PARALLEL_MIN_SAMPLES = 5000

_METRICS = {
    "euclidean": EUCLIDEAN,
    "l2": EUCLIDEAN,
    "manhattan": MANHATTAN,
    "cityblock": MANHATTAN,
    "l1": MANHATTAN,
    "chebyshev": CHEBYSHEV,
    "infinity": CHEBYSHEV,
    "minkowski": MINKOWSKI,
}

#: The trees' name of each metric code.
_TREE_METRIC = {EUCLIDEAN: "euclidean", MANHATTAN: "manhattan", CHEBYSHEV: "chebyshev",
                MINKOWSKI: "minkowski"}

def _sorted_graph(X, eps, metric, p):
    """Eps-graph over the samples sorted by their first coordinate.

    Returns ``order`` (sorted position -> sample) and the CSR ``indptr``,
    ``indices`` over sorted positions.
    """
    code = _METRICS[metric]
    p = 2.0 if p is None else float(p)
    if code == MINKOWSKI:
        # d**inf is 0 or inf: p = inf is the Chebyshev distance, p = 1, 2 the cheaper forms
        code = {1.0: MANHATTAN, 2.0: EUCLIDEAN, np.inf: CHEBYSHEV}.get(p, MINKOWSKI)
    # Compare "reduced" distances: squared Euclidean against eps², etc.
    radius = {EUCLIDEAN: eps**2, MANHATTAN: eps, CHEBYSHEV: eps, MINKOWSKI: eps**p}[code]
    order = np.argsort(X[:, 0], kind="stable")
    Xs = np.ascontiguousarray(X[order])  # candidates become adjacent in memory
    first = np.ascontiguousarray(Xs[:, 0])
    args = (Xs, first, code, p, float(eps), float(radius))
    parallel = X.shape[0] >= _PARALLEL_MIN_SAMPLES
    counts = (neighbour_counts_jit if parallel else neighbour_counts_serial_jit)(*args)
    indptr = np.zeros(X.shape[0] + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    indices = np.empty(indptr[-1], dtype=np.int64)
    (neighbour_fill_jit if parallel else neighbour_fill_serial_jit)(*args, indptr, indices)
    return order, indptr, indices


def eps_neighbourhoods(X, eps, metric="euclidean", p=None):
    r"""Eps-neighbourhoods of every row of ``X``, as a CSR graph over sample indices.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Validated, finite data.
    eps : float
        Radius, > 0.
    metric : {'euclidean', 'manhattan', 'chebyshev', 'minkowski'}, default='euclidean'
        Distance; 'l2', 'l1', 'cityblock' and 'infinity' are aliases.
    p : float, default=None
        Power of the Minkowski distance (None means 2); ignored by the others.

    Returns
    -------
    indptr : ndarray of shape (n_samples + 1,)
    indices : ndarray of shape (indptr[-1],)
        ``indices[indptr[i]:indptr[i + 1]]`` is :math:`N_\varepsilon(x_i)`
        of eq. (dbscan-neighbourhood), ``i`` included, in sweep order.
    """
    order, indptr_s, indices_s = _sorted_graph(X, eps, metric, p)
    counts = np.empty(X.shape[0], dtype=np.int64)
    counts[order] = np.diff(indptr_s)
    indptr = np.zeros(X.shape[0] + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    # sorted row s holds sample order[s]: move each row's block to its sample
    rows_by_sample = np.argsort(order, kind="stable")
    starts = indptr_s[rows_by_sample]
    gather = np.concatenate(
        [np.arange(a, a + c) for a, c in zip(starts, counts)]
    ) if X.shape[0] else np.empty(0, dtype=np.int64)
    return indptr, order[indices_s[gather]]


def _gemm_graph(X, eps):
    r"""Euclidean eps-graph (CSR over sample indices) by blocks of matrix products.

    Squared distances by eq. (knn-expand) of the k-NN page,
    :math:`\|x_i\|^2 - 2 x_i^\top x_j + \|x_j\|^2`, run at matrix-multiply
    speed but cancel: the result is off by up to about
    :math:`(2D + 4)\,u\,(\|x_i\|^2 + \|x_j\|^2)` (unit roundoff :math:`u`),
    and the exact sum :math:`\sum_d (x_{id} - x_{jd})^2` that decides
    membership is itself off by :math:`D u` relative. So the products only
    *select candidates*, with a margin 16 times that bound, on centred data
    (which keeps the norms, hence the margin, small); each candidate is then
    tested exactly by the sweep's own test. The graph is therefore exactly the
    sweep's and the trees'. Blocks of rows keep the temporary within
    ``WORKING_MEMORY_MIB``.
    """
    n, d = X.shape
    Xc = X - X.mean(axis=0)  # for the candidate search only
    sq = np.einsum("ij,ij->i", Xc, Xc)
    u = np.finfo(np.float64).eps / 2
    # the margin also covers the rounding of the centring (4 u per coordinate)
    margin = 16.0 * (2 * d + 8) * u * (sq + sq.max())
    radius = eps**2
    n_workers = numba.get_num_threads()
    step = max(1, int(WORKING_MEMORY_MIB * 2**20 // (8 * n * n_workers)))
    starts = range(0, n, step)

    def block(start):
        stop = min(n, start + step)
        XY = Xc[start:stop] @ Xc.T  # (rows, n): the only large temporary
        return gemm_block_jit(XY, sq, start, radius + margin[start:stop], X, radius)

    if n_workers > 1 and len(starts) > 1:
        # Blocks are independent: worker threads with a single-threaded BLAS
        # each (a threaded BLAS inside every product would fight the workers
        # for the cores); results are collected in block order, so they do
        # not depend on the thread count.
        with threadpool_limits(1, user_api="blas"), ThreadPoolExecutor(n_workers) as pool:
            results = list(pool.map(block, starts))
    else:
        results = [block(start) for start in starts]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.concatenate([c for c, _ in results]), out=indptr[1:])
    return np.arange(n), indptr, np.concatenate([ind for _, ind in results])


def _tree_graph(X, eps, metric, p, tree, leaf_size):
    """Eps-graph (CSR over sample indices) from a KD-tree or ball-tree radius query.

    The tree compares the same reduced distances, summed in the same feature
    order, against the same reduced radius as :func:`_sorted_graph`, so the
    neighbourhoods are identical; only their order within a row differs
    (which ``expand_clusters`` does not depend on).
    """
    code = _METRICS[metric]
    p = 2.0 if p is None else float(p)
    tree = (KDTree if tree == "kd_tree" else BallTree)(
        X, leaf_size=leaf_size, metric=_TREE_METRIC[code], p=p
    )
    indptr, indices, _ = tree._radius_csr(X, eps)
    return np.arange(X.shape[0]), indptr, indices


def _precomputed_graph(D, eps):
    """Eps-graph of a distance matrix: row i lists every j with ``D[i, j] <= eps``.

    The comparison is NumPy's (``eps`` in the dtype of ``D``), as scikit-learn's.
    """
    rows, cols = np.nonzero(D <= eps)  # row-major: rows ascending
    indptr = np.zeros(D.shape[0] + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=D.shape[0]), out=indptr[1:])
    return np.arange(D.shape[0]), indptr, cols.astype(np.int64)


def _check_precomputed(D):
    """A precomputed distance matrix must be square and non-negative."""
    if D.shape[0] != D.shape[1]:
        raise ValueError(
            f"Precomputed matrix must be square. Input is a {D.shape[0]}x{D.shape[1]} "
            "matrix (metric='precomputed' takes the n_samples x n_samples distances)."
        )
    if D.size and D.min() < 0:
        i, j = np.unravel_index(np.argmin(D), D.shape)
        raise ValueError(
            "Negative values in data passed to X: a precomputed distance matrix must be "
            f"non-negative, found X[{i}, {j}]={float(D[i, j])!r}."
        )
