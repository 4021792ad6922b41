"""Brute-force k-nearest-neighbour kernels: per-row top-k over one chunk of queries.

Each query row scans the training points in index order and pushes every
reduced distance onto its own bounded max-heap (:mod:`._heap_kernels`), then
sorts the k survivors. Rows are independent, so ``prange`` over rows gives
bit-identical results whatever the thread count.
"""

import numba
import numpy as np
from numba import prange

from ._heap_kernels import heap_push_jit, simultaneous_sort_jit

# Metric codes shared with the KD-tree kernels; p is passed alongside.
EUCLIDEAN, MANHATTAN, CHEBYSHEV, MINKOWSKI = 0, 1, 2, 3


def topk_sqeuclidean(XY, x_sq, y_sq, k):
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

    Returns
    -------
    rdist : ndarray of shape (n_chunk, k)
        Squared distances of the k nearest, ascending (ties as scikit-learn).
    ind : ndarray of shape (n_chunk, k)
        Their training indices.
    """
    n_chunk, n_train = XY.shape
    rdist = np.full((n_chunk, k), np.inf)
    ind = np.zeros((n_chunk, k), dtype=np.int64)
    for i in prange(n_chunk):
        for j in range(n_train):
            # eq. (knn-expand); the sum can cancel to a tiny negative number
            # when x_i ~ y_j, and a negative squared distance would give NaN
            # under the square root: clip at 0.
            d = x_sq[i] + (-2.0 * XY[i, j]) + y_sq[j]
            if d < 0.0:
                d = 0.0
            heap_push_jit(rdist[i], ind[i], d, j)
        simultaneous_sort_jit(rdist[i], ind[i])
    return rdist, ind


def reduced_distance(x, y, metric, p):
    r"""Reduced distance: a monotone transform of the distance that is cheaper to compute.

    Squared Euclidean for ``EUCLIDEAN``, :math:`\sum_d |x_d - y_d|^p` for
    ``MINKOWSKI`` (eq. knn-minkowski without the root), the distance itself for
    ``MANHATTAN`` and ``CHEBYSHEV``.
    """
    d = 0.0
    for f in range(x.shape[0]):
        t = abs(x[f] - y[f])
        if metric == EUCLIDEAN:
            d += t * t
        elif metric == MANHATTAN:
            d += t
        elif metric == CHEBYSHEV:
            d = max(d, t)
        else:
            d += t**p
    return d


def topk_direct(X, Y, k, metric, p):
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

    Returns
    -------
    rdist, ind : ndarrays of shape (n_chunk, k)
        Reduced distances ascending and training indices.
    """
    n_chunk = X.shape[0]
    n_train = Y.shape[0]
    rdist = np.full((n_chunk, k), np.inf)
    ind = np.zeros((n_chunk, k), dtype=np.int64)
    for i in prange(n_chunk):
        for j in range(n_train):
            d = reduced_distance_jit(X[i], Y[j], metric, p)
            heap_push_jit(rdist[i], ind[i], d, j)
        simultaneous_sort_jit(rdist[i], ind[i])
    return rdist, ind


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
topk_sqeuclidean_jit = numba.njit(cache=True, parallel=True)(topk_sqeuclidean)
topk_direct_jit = numba.njit(cache=True, parallel=True)(topk_direct)
exact_sqeuclidean_jit = numba.njit(cache=True, parallel=True)(exact_sqeuclidean)
