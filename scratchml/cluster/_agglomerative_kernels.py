"""Numba kernels for agglomerative clustering (Müllner 2011, arXiv:1109.2378).

* :func:`condensed_distances`: the N(N-1)/2 pairwise distances, row-major
  upper triangle (``condensed_index``), one row at a time by :func:`distances_from`.
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


def pair_distance(X, i, j, metric):
    """Euclidean, Manhattan (L1) or cosine (1 - cos angle) distance of rows i and j.

    Rows are passed by index (slicing ``X[i]`` would build a view per pair)
    and the metric branch sits outside the feature loop, so it vectorises.
    """
    acc = 0.0
    if metric == EUCLIDEAN:
        for k in range(X.shape[1]):
            d = X[i, k] - X[j, k]
            acc += d * d
        return np.sqrt(acc)
    if metric == MANHATTAN:
        for k in range(X.shape[1]):
            acc += abs(X[i, k] - X[j, k])
        return acc
    nx = 0.0
    ny = 0.0
    for k in range(X.shape[1]):
        acc += X[i, k] * X[j, k]
        nx += X[i, k] * X[i, k]
        ny += X[j, k] * X[j, k]
    return max(1.0 - acc / (np.sqrt(nx) * np.sqrt(ny)), 0.0)


def distances_from(X, XT, i, start, metric, out):
    """``out[j] = d(x_i, x_j)`` for j >= ``start``.

    For Euclidean and Manhattan the loop runs over features outside and
    samples inside, reading the transposed data ``XT`` (D, N): the inner loop
    is then independent across j and vectorises, while each distance is still
    summed over k = 0, 1, ..., D-1 in order (bit-identical to the plain loop).
    """
    n = X.shape[0]
    if metric == COSINE:
        for j in range(start, n):
            out[j] = pair_distance(X, i, j, metric)
        return
    # Work on the tail views so the inner loops start at 0: with a variable
    # start index LLVM does not vectorise them (measured 2.5x slower).
    tail = out[start:]
    m = n - start
    for j in range(m):
        tail[j] = 0.0
    for k in range(X.shape[1]):
        xik = X[i, k]
        row = XT[k, start:]
        if metric == EUCLIDEAN:
            for j in range(m):
                d = xik - row[j]
                tail[j] += d * d
        else:
            for j in range(m):
                tail[j] += abs(xik - row[j])
    if metric == EUCLIDEAN:
        for j in range(m):
            tail[j] = np.sqrt(tail[j])


def condensed_distances(X, metric):
    """All pairwise distances, d(0,1), d(0,2), ..., d(n-2,n-1)."""
    n = X.shape[0]
    XT = np.ascontiguousarray(X.T)
    D = np.empty(n * (n - 1) // 2)
    buf = np.empty(n)
    for i in range(n - 1):
        distances_from(X, XT, i, i + 1, metric, buf)
        base = condensed_index(n, i, i + 1)
        for j in range(i + 1, n):
            D[base + j - i - 1] = buf[j]
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
    XT = np.ascontiguousarray(X.T)
    Z = np.empty((n - 1, 3))
    in_tree = np.zeros(n, dtype=np.bool_)
    nearest = np.full(n, np.inf)  # distance from each sample to the tree
    buf = np.empty(n)
    current = 0
    for k in range(n - 1):
        in_tree[current] = True
        distances_from(X, XT, current, 0, metric, buf)
        best = np.inf
        new = 0
        for j in range(n):
            if in_tree[j]:
                continue
            if buf[j] < nearest[j]:
                nearest[j] = buf[j]
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
distances_from = numba.njit(cache=True)(distances_from)
lance_williams = numba.njit(cache=True)(lance_williams)

condensed_distances_jit = numba.njit(cache=True)(condensed_distances)
nn_chain_jit = numba.njit(cache=True)(nn_chain)
mst_single_jit = numba.njit(cache=True)(mst_single)
