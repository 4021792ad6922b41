"""Brute-force k-nearest-neighbour kernels: per-row top-k over one chunk of queries.

Each query row scans the training points in index order and pushes every
reduced distance onto its own bounded max-heap (:mod:`._heap_kernels`), then
sorts the k survivors. Rows are independent, so ``prange`` over rows gives
bit-identical results whatever the thread count.
"""

import numba
import numpy as np
from numba import prange

from ..utils._numba import serial_twin
from ._heap_kernels import heap_push_jit, simultaneous_sort_jit

# Metric codes shared with the KD-tree kernels; p is passed alongside.
EUCLIDEAN, MANHATTAN, CHEBYSHEV, MINKOWSKI = 0, 1, 2, 3


DBL_MAX = np.finfo(np.float64).max


def select_row(drow, bounds, merge, out_v, out_i):
    """Top-k of one row of reduced distances, into ``out_v`` / ``out_i`` (sorted).

    Parameters
    ----------
    drow : ndarray of shape (n_train,)
        Reduced distances of one query to every training point.
    bounds : ndarray of shape (n_segments + 1,)
        Segment boundaries over the training indices.
    merge : bool
        False: one heap fed in index order. True: one heap per segment (each
        fed in index order), then each segment heap's entries, in array
        order, pushed into a fresh heap, segment after segment. The second
        form reproduces scikit-learn's 'parallel_on_Y' strategy, where each
        thread owns a range of training chunks; exact ties then resolve
        differently, so both are needed to agree with it.
    out_v, out_i : ndarrays of shape (k,)
        Output heap, overwritten.
    """
    k = out_v.shape[0]
    out_v[:] = DBL_MAX
    out_i[:] = 0
    if not merge:
        for j in range(drow.shape[0]):
            heap_push_jit(out_v, out_i, drow[j], j)
    else:
        out_i[:] = -1
        seg_v = np.empty(k)
        seg_i = np.empty(k, dtype=np.int64)
        for s in range(bounds.shape[0] - 1):
            seg_v[:] = DBL_MAX
            seg_i[:] = -1
            for j in range(bounds[s], bounds[s + 1]):
                heap_push_jit(seg_v, seg_i, drow[j], j)
            for c in range(k):
                heap_push_jit(out_v, out_i, seg_v[c], seg_i[c])
    simultaneous_sort_jit(out_v, out_i)


def topk_sqeuclidean(XY, x_sq, y_sq, k, bounds, merge):
    r"""Top-k of the squared distances expanded as in eq. (knn-expand).

    Parameters
    ----------
    XY : ndarray of shape (n_chunk, n_train)
        Inner products :math:`x_i^\top y_j` (one matrix product per chunk).
    x_sq : ndarray of shape (n_chunk,)
        :math:`\|x_i\|^2`.
    y_sq : ndarray of shape (n_train,)
        :math:`\|y_j\|^2`.
    k : int
    bounds, merge
        Push order, see :func:`select_row`.

    Returns
    -------
    rdist : ndarray of shape (n_chunk, k)
        Squared distances of the k nearest, ascending (ties as scikit-learn).
    ind : ndarray of shape (n_chunk, k)
        Their training indices.
    """
    n_chunk, n_train = XY.shape
    rdist = np.empty((n_chunk, k))
    ind = np.empty((n_chunk, k), dtype=np.int64)
    for i in prange(n_chunk):
        drow = np.empty(n_train)
        for j in range(n_train):
            # eq. (knn-expand); the sum can cancel to a tiny negative number
            # when x_i ~ y_j, and a negative squared distance would give NaN
            # under the square root: clip at 0.
            drow[j] = max(0.0, x_sq[i] + (-2.0 * XY[i, j]) + y_sq[j])
        select_row_jit(drow, bounds, merge, rdist[i], ind[i])
    return rdist, ind


def push_sqeuclidean_block(XY, x_sq, y_sq, y_start, rdist, ind):
    """Feed one block of training points to every query's heap (eq. knn-expand).

    The blocked form of :func:`topk_sqeuclidean` with one heap per query fed
    in index order across blocks: the product ``XY`` of a (rows x block)
    tile stays in cache instead of streaming a (rows x n_train) matrix
    through memory. Sort the heaps with :func:`sort_rows` after the last block.

    Parameters
    ----------
    XY : ndarray of shape (n_rows, n_block)
    x_sq : ndarray of shape (n_rows,)
    y_sq : ndarray of shape (n_block,)
    y_start : int
        Training index of the block's first point.
    rdist, ind : ndarrays of shape (n_rows, k)
        Heaps, updated in place (start from ``DBL_MAX`` / 0).
    """
    n_rows, n_block = XY.shape
    for i in prange(n_rows):
        for j in range(n_block):
            d = max(0.0, x_sq[i] + (-2.0 * XY[i, j]) + y_sq[j])  # eq. (knn-expand), clipped
            heap_push_jit(rdist[i], ind[i], d, y_start + j)


def sort_rows(rdist, ind):
    """Sort every heap row ascending (scikit-learn's introsort, so ties match)."""
    for i in prange(rdist.shape[0]):
        simultaneous_sort_jit(rdist[i], ind[i])


def reduced_distance(x, y, metric, p):
    r"""Reduced distance: a monotone transform of the distance that is cheaper to compute.

    Squared Euclidean for ``EUCLIDEAN``, :math:`\sum_d |x_d - y_d|^p` for
    ``MINKOWSKI`` (eq. knn-minkowski without the root), the distance itself for
    ``MANHATTAN`` and ``CHEBYSHEV``.
    """
    d = 0.0
    # one loop per metric: the branch stays out of the hot loop
    if metric == EUCLIDEAN:
        for f in range(x.shape[0]):
            t = x[f] - y[f]
            d += t * t
    elif metric == MANHATTAN:
        for f in range(x.shape[0]):
            d += abs(x[f] - y[f])
    elif metric == CHEBYSHEV:
        for f in range(x.shape[0]):
            d = max(d, abs(x[f] - y[f]))
    else:
        for f in range(x.shape[0]):
            d += abs(x[f] - y[f]) ** p
    return d


def topk_direct(X, Y, k, metric, p, bounds, merge):
    """Top-k by reduced distance computed pair by pair (Manhattan, Chebyshev, Minkowski).

    Parameters
    ----------
    X : ndarray of shape (n_chunk, n_features)
    Y : ndarray of shape (n_train, n_features)
    k : int
    metric : int
        One of the metric codes.
    p : float
        Minkowski power (used by ``MINKOWSKI`` only).
    bounds, merge
        Push order, see :func:`select_row`.

    Returns
    -------
    rdist, ind : ndarrays of shape (n_chunk, k)
        Reduced distances ascending and training indices.
    """
    n_chunk = X.shape[0]
    n_train = Y.shape[0]
    rdist = np.empty((n_chunk, k))
    ind = np.empty((n_chunk, k), dtype=np.int64)
    for i in prange(n_chunk):
        drow = np.empty(n_train)
        for j in range(n_train):
            drow[j] = reduced_distance_jit(X[i], Y[j], metric, p)
        select_row_jit(drow, bounds, merge, rdist[i], ind[i])
    return rdist, ind


def pairwise_reduced(X, Y, metric, p):
    """Reduced distances of every row of ``X`` to every row of ``Y``, shape (n_x, n_y)."""
    out = np.empty((X.shape[0], Y.shape[0]))
    for i in range(X.shape[0]):
        for j in range(Y.shape[0]):
            out[i, j] = reduced_distance_jit(X[i], Y[j], metric, p)
    return out


def exact_sqeuclidean(X, Y, ind):
    """Squared distances recomputed as sums of squared differences for the chosen pairs.

    The expansion of eq. (knn-expand) loses about ``eps * ||x||^2`` absolutely,
    so two near-identical points can come out at distance 1e-8 instead of 0.
    Recomputing ``sum (x - y)^2`` for the k selected pairs only costs O(k D)
    per query and is exact to rounding.
    """
    n, k = ind.shape
    out = np.empty((n, k))
    for i in prange(n):
        for c in range(k):
            out[i, c] = reduced_distance_jit(X[i], Y[ind[i, c]], EUCLIDEAN, 2.0)
    return out


reduced_distance_jit = numba.njit(cache=True)(reduced_distance)
select_row_jit = numba.njit(cache=True)(select_row)
topk_sqeuclidean_jit = numba.njit(cache=True, parallel=True)(topk_sqeuclidean)
topk_direct_jit = numba.njit(cache=True, parallel=True)(topk_direct)
# Serial twins for small inputs: waking the thread pool costs more than the
# work itself there (and much more on a loaded machine). Same results.
topk_sqeuclidean_serial = serial_twin(topk_sqeuclidean)  # own cache entry, see utils/_numba.py
topk_direct_serial = serial_twin(topk_direct)  # own cache entry, see utils/_numba.py

#: Below this many distance evaluations, the serial twins are used.
PARALLEL_MIN_WORK = 2_000_000
# nogil: the estimator runs blocks of queries in worker threads (see _base.py).
push_sqeuclidean_block_jit = numba.njit(cache=True, nogil=True)(push_sqeuclidean_block)
sort_rows_jit = numba.njit(cache=True, nogil=True)(sort_rows)
exact_sqeuclidean_jit = numba.njit(cache=True)(exact_sqeuclidean)
pairwise_reduced_jit = numba.njit(cache=True)(pairwise_reduced)
