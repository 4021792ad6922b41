"""Numba kernels for agglomerative clustering (Müllner 2011, arXiv:1109.2378).

* :func:`condensed_distances`: the N(N-1)/2 pairwise distances, row-major
  upper triangle (``condensed_index``).
* :func:`nn_chain`: the nearest-neighbour-chain algorithm (Müllner, Fig. 4,
  ``NN-CHAIN-LINKAGE``) with the Lance-Williams update of the distances; exact
  for the *reducible* linkages ward, complete and average.
* :func:`mst_single`: Prim's minimum spanning tree computed from the data
  (Müllner, Fig. 6, ``MST-LINKAGE-CORE``): single linkage without a matrix.
"""

import numba
import numpy as np

EUCLIDEAN, MANHATTAN, COSINE = 0, 1, 2
WARD, COMPLETE, AVERAGE = 0, 1, 2


def condensed_index(n, i, j):
    """Position of the pair (i, j), i != j, in the condensed distance vector."""
    if i > j:
        i, j = j, i
    return n * i - (i * (i + 1)) // 2 + (j - i - 1)


def pair_distance(x, y, metric):
    """Euclidean, Manhattan (L1) or cosine (1 - cos angle) distance of two rows."""
    if metric == COSINE:
        dot = 0.0
        nx = 0.0
        ny = 0.0
        for k in range(x.shape[0]):
            dot += x[k] * y[k]
            nx += x[k] * x[k]
            ny += y[k] * y[k]
        return max(1.0 - dot / (np.sqrt(nx) * np.sqrt(ny)), 0.0)
    acc = 0.0
    for k in range(x.shape[0]):
        d = x[k] - y[k]
        acc += d * d if metric == EUCLIDEAN else abs(d)
    return np.sqrt(acc) if metric == EUCLIDEAN else acc


def condensed_distances(X, metric):
    """All pairwise distances, d(0,1), d(0,2), ..., d(n-2,n-1)."""
    n = X.shape[0]
    D = np.empty(n * (n - 1) // 2)
    for i in range(n - 1):
        base = condensed_index(n, i, i + 1)
        for j in range(i + 1, n):
            D[base + j - i - 1] = pair_distance(X[i], X[j], metric)
    return D


def lance_williams(d_xi, d_yi, d_xy, n_x, n_y, n_i, method):
    """Distance from the merged cluster x ∪ y to cluster i (Müllner, Fig. 2)."""
    if method == COMPLETE:
        return max(d_xi, d_yi)  # eq. (agglo-complete)
    if method == AVERAGE:
        return (n_x * d_xi + n_y * d_yi) / (n_x + n_y)  # eq. (agglo-average)
    # eq. (agglo-ward); clipped at 0 because rounding could make the
    # (mathematically non-negative) radicand slightly negative -> NaN.
    t = 1.0 / (n_x + n_y + n_i)
    r = (n_i + n_x) * t * d_xi * d_xi + (n_i + n_y) * t * d_yi * d_yi - n_i * t * d_xy * d_xy
    return np.sqrt(max(r, 0.0))


def nn_chain(D, n, method):
    """Nearest-neighbour chain: merges (x, y, distance) in the order found.

    ``D`` (condensed, modified in place: pass a copy) holds the current
    cluster distances; the merged cluster takes the slot of the larger index
    ``y``. Ties prefer the previous chain element, then the smallest index,
    which is the convention of Müllner's ``fastcluster`` and SciPy.
    """
    Z = np.empty((n - 1, 3))
    size = np.ones(n, dtype=np.int64)
    chain = np.empty(n, dtype=np.int64)
    length = 0
    for k in range(n - 1):
        if length == 0:
            for i in range(n):
                if size[i] > 0:
                    chain[0] = i
                    break
            length = 1
        while True:
            x = chain[length - 1]
            y = -1
            best = np.inf
            if length > 1:
                y = chain[length - 2]
                best = D[condensed_index(n, x, y)]
            for i in range(n):
                if size[i] == 0 or i == x:
                    continue
                d = D[condensed_index(n, x, i)]
                if d < best:
                    best = d
                    y = i
            if length > 1 and y == chain[length - 2]:
                break  # x and y are reciprocal nearest neighbours
            chain[length] = y
            length += 1
        length -= 2
        if x > y:
            x, y = y, x
        n_x = size[x]
        n_y = size[y]
        Z[k, 0] = x
        Z[k, 1] = y
        Z[k, 2] = best
        size[x] = 0
        size[y] = n_x + n_y
        for i in range(n):
            if size[i] == 0 or i == y:
                continue
            iy = condensed_index(n, i, y)
            D[iy] = lance_williams(D[condensed_index(n, i, x)], D[iy], best, n_x, n_y, size[i], method)
    return Z


def mst_single(X, metric):
    """Prim's minimum spanning tree from sample 0, edges in the order added."""
    n = X.shape[0]
    Z = np.empty((n - 1, 3))
    in_tree = np.zeros(n, dtype=np.bool_)
    nearest = np.full(n, np.inf)  # distance from each sample to the tree
    current = 0
    for k in range(n - 1):
        in_tree[current] = True
        best = np.inf
        new = 0
        for j in range(n):
            if in_tree[j]:
                continue
            d = pair_distance(X[current], X[j], metric)
            if d < nearest[j]:
                nearest[j] = d
            if nearest[j] < best:
                best = nearest[j]
                new = j
        Z[k, 0] = current
        Z[k, 1] = new
        Z[k, 2] = best
        current = new
    return Z


# Helpers are rebound to compiled versions so the compiled kernels can call them.
condensed_index = numba.njit(cache=True)(condensed_index)
pair_distance = numba.njit(cache=True)(pair_distance)
lance_williams = numba.njit(cache=True)(lance_williams)

condensed_distances_jit = numba.njit(cache=True)(condensed_distances)
nn_chain_jit = numba.njit(cache=True)(nn_chain)
mst_single_jit = numba.njit(cache=True)(mst_single)
