"""KD-tree kernels: array-based construction and pruned depth-first k-NN query.

The tree is a complete binary tree stored in arrays (node ``i`` has children
``2i+1`` and ``2i+2``), as in scikit-learn's ``BinaryTree``: each node owns a
contiguous slice ``idx_array[start:end]`` of the permuted training indices and
an axis-aligned bounding box. A node is split at the median of its widest
dimension, so every leaf holds between ``leaf_size`` and ``2 * leaf_size``
points (eq. knn-levels).
"""

import numba
import numpy as np
from numba import prange

from ..utils._numba import serial_twin
from ._brute_kernels import CHEBYSHEV, EUCLIDEAN, MINKOWSKI, reduced_distance_jit
from ._heap_kernels import heap_push_jit, simultaneous_sort_jit

#: Queries per parallel task of :func:`query` (a fixed partition: same bits for any thread count).
QUERY_BLOCK = 64


def _less(data, dim, a, b):
    # Strict total order (value, index): ties in the split coordinate are
    # broken by index, so which points go left does not depend on the
    # selection algorithm.
    va = data[a, dim]
    vb = data[b, dim]
    return va < vb or (va == vb and a < b)


def _median_to_first(data, dim, idx, result, a, b, c):
    if _less_jit(data, dim, idx[a], idx[b]):
        if _less_jit(data, dim, idx[b], idx[c]):
            m = b
        elif _less_jit(data, dim, idx[a], idx[c]):
            m = c
        else:
            m = a
    elif _less_jit(data, dim, idx[a], idx[c]):
        m = a
    elif _less_jit(data, dim, idx[b], idx[c]):
        m = c
    else:
        m = b
    idx[result], idx[m] = idx[m], idx[result]


def nth_element(data, dim, idx, first, nth, last):
    """Partially sort ``idx[first:last]`` so that position ``nth`` holds its order statistic.

    Afterwards every index left of ``nth`` compares below it and every index
    right of it compares above it, under the order of :func:`_less`. This is
    introselect (Musser 1997) written step for step like the C++ standard
    library's ``std::nth_element`` (GNU libstdc++), which scikit-learn uses:
    the *order* of the points inside each half (and so the order in which a
    leaf is scanned, which decides ties) is then the same as scikit-learn's.
    """
    if first == last or nth == last:
        return
    depth = 2 * int(np.log2(last - first))
    while last - first > 3:
        if depth == 0:
            # libstdc++ falls back to a heap selection here; a full insertion
            # sort of the piece gives the same split (not the same order
            # inside it). It needs about 2 log2(n) bad pivots in a row.
            break
        depth -= 1
        mid = first + (last - first) // 2
        _median_to_first_jit(data, dim, idx, first, first + 1, mid, last - 1)
        lo = first + 1
        hi = last
        while True:
            while _less_jit(data, dim, idx[lo], idx[first]):
                lo += 1
            hi -= 1
            while _less_jit(data, dim, idx[first], idx[hi]):
                hi -= 1
            if not lo < hi:
                break
            idx[lo], idx[hi] = idx[hi], idx[lo]
            lo += 1
        if lo <= nth:
            first = lo
        else:
            last = lo
    # insertion sort of what is left (libstdc++'s __insertion_sort)
    for i in range(first + 1, last):
        v = idx[i]
        if _less_jit(data, dim, v, idx[first]):
            for j in range(i, first, -1):
                idx[j] = idx[j - 1]
            idx[first] = v
        else:
            j = i
            while _less_jit(data, dim, v, idx[j - 1]):
                idx[j] = idx[j - 1]
                j -= 1
            idx[j] = v


def build(data, leaf_size):
    """Build the tree.

    Parameters
    ----------
    data : ndarray of shape (n_samples, n_features)
    leaf_size : int

    Returns
    -------
    idx_array : ndarray of shape (n_samples,)
        Training indices, permuted so that each node's points are contiguous.
    node_range : ndarray of shape (n_nodes, 2)
        ``[start, end)`` of each node in ``idx_array``.
    is_leaf : ndarray of shape (n_nodes,)
    bounds : ndarray of shape (2, n_nodes, n_features)
        Lower and upper corner of each node's bounding box.
    """
    n, n_features = data.shape
    n_levels = int(np.log2(max(1.0, (n - 1) / leaf_size)) + 1)  # eq. (knn-levels)
    n_nodes = 2**n_levels - 1
    idx_array = np.arange(n)
    node_range = np.zeros((n_nodes, 2), dtype=np.int64)
    is_leaf = np.zeros(n_nodes, dtype=np.bool_)
    bounds = np.empty((2, n_nodes, n_features))
    node_range[0, 1] = n
    # Parents come before children in array order, so one pass builds it.
    for node in range(n_nodes):
        start, end = node_range[node, 0], node_range[node, 1]
        for f in range(n_features):
            lo = np.inf
            hi = -np.inf
            for i in range(start, end):
                lo = min(lo, data[idx_array[i], f])
                hi = max(hi, data[idx_array[i], f])
            bounds[0, node, f] = lo
            bounds[1, node, f] = hi
        if 2 * node + 1 >= n_nodes or end - start < 2:
            is_leaf[node] = True
            continue
        # split on the dimension of largest spread (first one on ties)
        split_dim = 0
        max_spread = 0.0
        for f in range(n_features):
            spread = bounds[1, node, f] - bounds[0, node, f]
            if spread > max_spread:
                max_spread = spread
                split_dim = f
        mid = start + (end - start) // 2
        nth_element_jit(data, split_dim, idx_array, start, mid, end)
        node_range[2 * node + 1, 0], node_range[2 * node + 1, 1] = start, mid
        node_range[2 * node + 2, 0], node_range[2 * node + 2, 1] = mid, end
    return idx_array, node_range, is_leaf, bounds


def min_reduced_distance(pt, bounds, node, metric, p):
    r"""Lower bound on the reduced distance from ``pt`` to any point of ``node`` (eq. knn-bound)."""
    d = 0.0
    for f in range(pt.shape[0]):
        below = bounds[0, node, f] - pt[f]
        above = pt[f] - bounds[1, node, f]
        # x + |x| = 2 max(x, 0): the gap to the box along f, 0 inside it
        gap = 0.5 * ((below + abs(below)) + (above + abs(above)))
        if metric == CHEBYSHEV:
            d = max(d, gap)  # eq. (knn-bound), Chebyshev
        elif metric == EUCLIDEAN:
            d += gap * gap  # eq. (knn-bound); a product, not pow(gap, 2.0): same bits, faster
        else:
            d += gap**p  # eq. (knn-bound)
    return d


def ball_bounds(data, idx_array, node_range, metric, p):
    """Centroid and radius of every node: the ball tree's bounds (eq. knn-ball).

    The ball tree shares the KD-tree's nodes (same splits, scikit-learn's
    ``BinaryTree``); only the bound differs.

    Returns
    -------
    centroids : ndarray of shape (n_nodes, n_features)
    radius : ndarray of shape (n_nodes,)
        Largest distance from the centroid to a point of the node.
    """
    n_nodes = node_range.shape[0]
    n_features = data.shape[1]
    centroids = np.zeros((n_nodes, n_features))
    radius = np.zeros(n_nodes)
    for node in range(n_nodes):
        start, end = node_range[node, 0], node_range[node, 1]
        for i in range(start, end):
            for f in range(n_features):
                centroids[node, f] += data[idx_array[i], f]
        for f in range(n_features):
            centroids[node, f] /= end - start
        r = 0.0
        for i in range(start, end):
            r = max(r, reduced_distance_jit(centroids[node], data[idx_array[i]], metric, p))
        radius[node] = _root_jit(r, metric, p)
    return centroids, radius


def _root(r, metric, p):
    # reduced distance -> distance
    if metric == EUCLIDEAN:
        return np.sqrt(r)
    if metric == MINKOWSKI:
        return r ** (1.0 / p)
    return r


def min_reduced_distance_ball(pt, centroids, radius, node, metric, p):
    """Lower bound on the reduced distance from ``pt`` to the ball of ``node`` (eq. knn-ball)."""
    d = _root_jit(reduced_distance_jit(pt, centroids[node], metric, p), metric, p)
    gap = max(0.0, d - radius[node])  # eq. (knn-ball)
    if metric == EUCLIDEAN:
        return gap * gap
    if metric == MINKOWSKI:
        return gap**p
    return gap


def _node_bound(pt, bounds, centroids, radius, node, metric, p, ball):
    if ball:
        return min_reduced_distance_ball_jit(pt, centroids, radius, node, metric, p)
    return min_reduced_distance_jit(pt, bounds, node, metric, p)


def query(data, idx_array, node_range, is_leaf, bounds, centroids, radius, X, k, metric, p,
          ball):
    """k nearest neighbours of each row of ``X``: depth-first, nearer child first, pruned.

    Parameters
    ----------
    data, idx_array, node_range, is_leaf, bounds
        The tree, as returned by :func:`build`.
    X : ndarray of shape (n_queries, n_features)
    k : int
    metric : int
        Metric code (see :mod:`._brute_kernels`).
    p : float
        Power of the reduced distance (2 Euclidean, 1 Manhattan, p Minkowski).
    centroids, radius : ndarrays
        Ball bounds from :func:`ball_bounds` (ignored unless ``ball``).
    ball : bool
        Prune with eq. (knn-ball) instead of the boxes (a ball tree).

    Returns
    -------
    rdist, ind : ndarrays of shape (n_queries, k)
        Reduced distances ascending and training indices.
    """
    n_queries, n_features = X.shape
    n_nodes = is_leaf.shape[0]
    rdist = np.full((n_queries, k), np.inf)
    ind = np.zeros((n_queries, k), dtype=np.int64)
    # Fixed blocks of queries, one stack per block (not one allocation per
    # query); queries are independent, so any thread count gives the same bits.
    n_blocks = (n_queries + QUERY_BLOCK - 1) // QUERY_BLOCK
    for b in prange(n_blocks):
        stack_node = np.empty(n_nodes + 1, dtype=np.int64)
        stack_lb = np.empty(n_nodes + 1)
        for q in range(b * QUERY_BLOCK, min(n_queries, (b + 1) * QUERY_BLOCK)):
            pt = X[q]
            heap_d = rdist[q]
            heap_i = ind[q]
            # Explicit stack in place of recursion: a node's bound is tested
            # against the heap when the node is visited, as in the recursive form.
            stack_node[0] = 0
            stack_lb[0] = _node_bound_jit(pt, bounds, centroids, radius, 0, metric, p, ball)
            top = 1
            while top > 0:
                top -= 1
                node = stack_node[top]
                if stack_lb[top] > heap_d[0]:
                    continue  # the whole box is farther than the k-th best: prune
                if is_leaf[node]:
                    for i in range(node_range[node, 0], node_range[node, 1]):
                        j = idx_array[i]
                        if metric == EUCLIDEAN:
                            # eq. (knn-minkowski) squared, inline: the hot loop
                            d = 0.0
                            for f in range(n_features):
                                t = pt[f] - data[j, f]
                                d += t * t
                        else:
                            d = reduced_distance_jit(pt, data[j], metric, p)
                        heap_push_jit(heap_d, heap_i, d, j)
                    continue
                left = 2 * node + 1
                lb_left = _node_bound_jit(
                    pt, bounds, centroids, radius, left, metric, p, ball)
                lb_right = _node_bound_jit(
                    pt, bounds, centroids, radius, left + 1, metric, p, ball)
                # push the farther child first so that the nearer is visited first
                if lb_left <= lb_right:
                    stack_node[top], stack_lb[top] = left + 1, lb_right
                    stack_node[top + 1], stack_lb[top + 1] = left, lb_left
                else:
                    stack_node[top], stack_lb[top] = left, lb_left
                    stack_node[top + 1], stack_lb[top + 1] = left + 1, lb_right
                top += 2
            simultaneous_sort_jit(heap_d, heap_i)
    return rdist, ind


def radius_query(data, idx_array, node_range, is_leaf, bounds, centroids, radius, X,
                 r_reduced, metric, p, ball):
    """Training points within a radius of each query: pruned depth-first search, one pass.

    Query q's neighbours are written to ``ind[offsets[q]:offsets[q + 1]]``
    (their reduced distances to ``rd``) in visiting order: children left
    before right, as scikit-learn's ``query_radius``. The output arrays grow
    by doubling, so the tree is walked once per query (a count pass followed
    by a fill pass would walk it twice).

    Parameters
    ----------
    data, idx_array, node_range, is_leaf, bounds, centroids, radius
        The tree (see :func:`query`).
    X : ndarray of shape (n_queries, n_features)
    r_reduced : float
        The radius as a reduced distance (squared for Euclidean); a point is
        in when its reduced distance is <= ``r_reduced``.
    metric : int
    p : float
    ball : bool

    Returns
    -------
    offsets : ndarray of shape (n_queries + 1,)
    ind : ndarray of shape (offsets[-1],)
    rd : ndarray of shape (offsets[-1],)
    """
    n_queries = X.shape[0]
    offsets = np.zeros(n_queries + 1, dtype=np.int64)
    cap = max(16, n_queries)
    ind = np.empty(cap, dtype=np.int64)
    rd = np.empty(cap)
    stack = np.empty(is_leaf.shape[0] + 1, dtype=np.int64)
    pos = 0
    for q in range(n_queries):
        pt = X[q]
        stack[0] = 0
        top = 1
        while top > 0:
            top -= 1
            node = stack[top]
            if _node_bound_jit(pt, bounds, centroids, radius, node, metric, p, ball) > r_reduced:
                continue  # the whole node is farther than the radius
            if is_leaf[node]:
                for i in range(node_range[node, 0], node_range[node, 1]):
                    j = idx_array[i]
                    if metric == EUCLIDEAN:
                        # eq. (knn-minkowski) squared, inline: the hot loop
                        d = 0.0
                        for f in range(pt.shape[0]):
                            t = pt[f] - data[j, f]
                            d += t * t
                    else:
                        d = reduced_distance_jit(pt, data[j], metric, p)
                    if d <= r_reduced:
                        if pos == cap:  # full: double (amortised O(1) per point)
                            cap *= 2
                            grown_ind = np.empty(cap, dtype=np.int64)
                            grown_ind[:pos] = ind[:pos]
                            ind = grown_ind
                            grown_rd = np.empty(cap)
                            grown_rd[:pos] = rd[:pos]
                            rd = grown_rd
                        ind[pos] = j
                        rd[pos] = d
                        pos += 1
                continue
            stack[top] = 2 * node + 2
            stack[top + 1] = 2 * node + 1
            top += 2
        offsets[q + 1] = pos
    return offsets, ind[:pos].copy(), rd[:pos].copy()


_less_jit = numba.njit(cache=True)(_less)
_median_to_first_jit = numba.njit(cache=True)(_median_to_first)
nth_element_jit = numba.njit(cache=True)(nth_element)
build_jit = numba.njit(cache=True)(build)
min_reduced_distance_jit = numba.njit(cache=True)(min_reduced_distance)
_root_jit = numba.njit(cache=True)(_root)
ball_bounds_jit = numba.njit(cache=True)(ball_bounds)
min_reduced_distance_ball_jit = numba.njit(cache=True)(min_reduced_distance_ball)
_node_bound_jit = numba.njit(cache=True)(_node_bound)
query_jit = numba.njit(cache=True, parallel=True)(query)
query_serial = serial_twin(query)  # own cache entry, see utils/_numba.py
radius_query_jit = numba.njit(cache=True)(radius_query)  # for few queries: no thread-pool wake-up
