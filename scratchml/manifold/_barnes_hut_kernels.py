"""Numba kernels for Barnes-Hut t-SNE: the quadtree/octree and the approximate gradient.

Plain Python functions first (runnable with ``NUMBA_DISABLE_JIT=1``), compiled
twins at the bottom. Barnes-Hut is for embeddings of dimension d <= 3, so
every coordinate is held in three slots, zero beyond d: the loops over
coordinates then have a fixed length, and the compiler keeps the point, the
cell and the force sums in registers instead of re-reading arrays (a zero
coordinate adds exactly 0.0 to every sum, so 2-D results are unchanged).

The gradient loops over blocks of points in parallel; each point writes only
its own row, and sums across points are taken serially in index order, so the
results are bit-identical for any number of threads.

References
----------
.. [1] L. van der Maaten, "Accelerating t-SNE using tree-based algorithms",
   JMLR 15 (2014), sections 4.1-4.2 (the space-partitioning tree and the
   Barnes-Hut approximation of the repulsive forces, eq. 3-5).
.. [2] J. Barnes and P. Hut, "A hierarchical O(N log N) force-calculation
   algorithm", Nature 324 (1986).
"""

import numba
import numpy as np

from ..utils._numba import serial_twin

__all__ = ["bh_gradient", "build_tree", "tree_workspace"]

_MACHINE_EPSILON = np.finfo(np.double).eps
_MAX_DEPTH = 64
_D_MAX = 3
#: Points per parallel task of the gradient (any value gives the same bits).
_BLOCK = 64
# Columns of node_float: centre of mass (three slots), number of points,
# squared side; one traversal step reads one 40-byte row.
_SIZE, _SQ_WIDTH = 3, 4
# Columns of node_int: the non-empty children of a cell have consecutive
# indices; start/stop (the cell's range of `order`) and depth serve the build.
_FIRST_CHILD, _N_CHILDREN, _START, _STOP, _DEPTH = 0, 1, 2, 3, 4


def tree_workspace(n_samples, capacity):
    """Arrays for :func:`build_tree`, allocated once per fit and refilled every iteration.

    Returns
    -------
    node_float : ndarray of shape (capacity, 5)
        Per cell: centre of mass (zero beyond d), number of points, squared
        side (the :math:`r_{cell}^2` of eq. tsne-bh).
    node_int : ndarray of shape (capacity, 5), int64
        Per cell: first child, number of children (0 for a leaf), range of
        ``order`` holding its points, depth.
    point_leaf : ndarray of shape (n_samples,), int64
        Leaf holding each point (identical points share a leaf).
    order : ndarray of shape (n_samples,), int64
        The points sorted cell by cell (depth first): nearby points are
        adjacent, the order in which the gradient visits them.
    cell : ndarray of shape (capacity, 4)
        Per cell: geometric centre and half side (used while building).
    buf : ndarray of shape (n_samples,), int64
        Scratch space for the sort.
    """
    return (
        np.empty((capacity, _D_MAX + 2)),
        np.empty((capacity, 5), dtype=np.int64),
        np.empty(n_samples, dtype=np.int64),
        np.empty(n_samples, dtype=np.int64),
        np.empty((capacity, _D_MAX + 1)),
        np.empty(n_samples, dtype=np.int64),
    )


def build_tree(Y, node_float, node_int, point_leaf, order, cell, buf):
    """Fill a quadtree (2-D), octree (3-D) or binary tree (1-D) over the rows of Y.

    Cells are split depth first until they hold one point, identical points
    only, or reach depth 64. Centres of mass are then summed bottom-up
    (children always have larger indices than their parent).

    Parameters
    ----------
    Y : ndarray of shape (n_samples, n_components), n_components <= 3
    node_float, node_int, point_leaf, order, cell, buf : ndarrays
        A :func:`tree_workspace`, overwritten.

    Returns
    -------
    n_nodes : int
        Number of cells, or -1 when the workspace is too small (grow it and
        call again).
    """
    n, d = Y.shape
    n_children = 2**d
    cap = node_float.shape[0]
    counts = np.empty(n_children + 1, dtype=np.int64)
    offsets = np.empty(n_children, dtype=np.int64)
    stack = np.empty(n_children * (_MAX_DEPTH + 2), dtype=np.int64)
    for k in range(n):
        order[k] = k

    # Root: a cube around the points, so every cell stays a cube.
    half = 0.0
    for f in range(d):
        lo = Y[0, f]
        hi = Y[0, f]
        for k in range(1, n):
            lo = min(lo, Y[k, f])
            hi = max(hi, Y[k, f])
        cell[0, f] = 0.5 * (lo + hi)
        half = max(half, 0.5 * (hi - lo))
    cell[0, _D_MAX] = half * (1.0 + 1e-3) + 1e-12
    node_int[0, _START], node_int[0, _STOP], node_int[0, _DEPTH] = 0, n, 0
    n_nodes = 1
    stack[0] = 0
    top = 1
    while top > 0:
        top -= 1
        node = stack[top]
        a, b = node_int[node, _START], node_int[node, _STOP]
        side = 2.0 * cell[node, _D_MAX]
        node_float[node, _SIZE] = b - a
        node_float[node, _SQ_WIDTH] = side * side
        node_int[node, _FIRST_CHILD] = -1
        node_int[node, _N_CHILDREN] = 0
        if b - a > 1 and node_int[node, _DEPTH] < _MAX_DEPTH:
            # counting sort of the cell's points by child (bit f: above the centre in f)
            counts[:] = 0
            for k in range(a, b):
                c = 0
                for f in range(d):
                    if Y[order[k], f] > cell[node, f]:
                        c += 1 << f
                counts[c + 1] += 1
            for c in range(n_children):
                counts[c + 1] += counts[c]
            split = True
            for c in range(n_children):
                if counts[c + 1] - counts[c] == b - a:
                    # all points in one child: split on only if they are not all identical
                    split = False
                    for k in range(a + 1, b):
                        for f in range(d):
                            if Y[order[k], f] != Y[order[a], f]:
                                split = True
            if split:
                offsets[:] = counts[:n_children]
                for k in range(a, b):
                    c = 0
                    for f in range(d):
                        if Y[order[k], f] > cell[node, f]:
                            c += 1 << f
                    buf[a + offsets[c]] = order[k]
                    offsets[c] += 1
                for k in range(a, b):
                    order[k] = buf[k]
                node_int[node, _FIRST_CHILD] = n_nodes
                for c in range(n_children):
                    if counts[c + 1] == counts[c]:
                        continue
                    if n_nodes == cap:
                        return -1
                    child = n_nodes
                    n_nodes += 1
                    node_int[node, _N_CHILDREN] += 1
                    quarter = 0.5 * cell[node, _D_MAX]
                    for f in range(d):
                        if (c >> f) & 1:
                            cell[child, f] = cell[node, f] + quarter
                        else:
                            cell[child, f] = cell[node, f] - quarter
                    cell[child, _D_MAX] = quarter
                    node_int[child, _DEPTH] = node_int[node, _DEPTH] + 1
                    node_int[child, _START] = a + counts[c]
                    node_int[child, _STOP] = a + counts[c + 1]
                    stack[top] = child
                    top += 1
                continue
        # a leaf: its points' mean, and every point learns its leaf
        for f in range(_D_MAX):
            node_float[node, f] = 0.0
        for k in range(a, b):
            point_leaf[order[k]] = node
            for f in range(d):
                node_float[node, f] += Y[order[k], f]
        for f in range(d):
            node_float[node, f] /= b - a

    # centres of mass bottom-up: a cell's is the size-weighted mean of its children's
    for node in range(n_nodes - 1, -1, -1):
        first = node_int[node, _FIRST_CHILD]
        if node_int[node, _N_CHILDREN] == 0:
            continue
        for f in range(_D_MAX):
            s = 0.0
            for child in range(first, first + node_int[node, _N_CHILDREN]):
                s += node_float[child, _SIZE] * node_float[child, f]
            node_float[node, f] = s / node_float[node, _SIZE]
    return n_nodes


def _attraction(i, Y3, P, dof):
    r"""Attractive force on point i: :math:`\sum_j p_{ij} w_{ij} (y_i - y_j)` over the edges of P."""
    P_data, P_indices, P_indptr = P
    exponent = (dof + 1.0) / 2.0
    y0, y1, y2 = Y3[i, 0], Y3[i, 1], Y3[i, 2]
    a0 = a1 = a2 = 0.0
    for e in range(P_indptr[i], P_indptr[i + 1]):
        j = P_indices[e]
        t0, t1, t2 = y0 - Y3[j, 0], y1 - Y3[j, 1], y2 - Y3[j, 2]
        w = dof / (dof + (t0 * t0 + t1 * t1 + t2 * t2))  # eq. (tsne-q)
        if dof != 1.0:
            w = w**exponent
        pw = P_data[e] * w
        a0 += pw * t0
        a1 += pw * t1
        a2 += pw * t2
    return a0, a1, a2


def _repulsion(i, Y3, tree, stack, theta2, dof):
    r"""Repulsion on point i before normalisation, :math:`\sum_{cells} N_{cell} w^2 (y_i - y_{cell})`, and :math:`\sum_{cells} N_{cell} w`.

    Depth-first walk of the tree with an explicit ``stack``; a cell that
    passes eq. (tsne-bh), or a leaf, counts as one point at its centre of mass.
    """
    node_float, node_int, point_leaf = tree[0], tree[1], tree[2]
    exponent = (dof + 1.0) / 2.0
    y0, y1, y2 = Y3[i, 0], Y3[i, 1], Y3[i, 2]
    r0 = r1 = r2 = 0.0
    z = 0.0
    stack[0] = 0
    top = 1
    while top > 0:
        top -= 1
        node = stack[top]
        n_kids = node_int[node, _N_CHILDREN]
        if n_kids == 0 and point_leaf[i] == node:
            continue  # no self (or duplicate) interaction
        t0 = y0 - node_float[node, 0]
        t1 = y1 - node_float[node, 1]
        t2 = y2 - node_float[node, 2]
        d2 = t0 * t0 + t1 * t1 + t2 * t2
        # eq. (tsne-bh): r_cell / |y_i - y_cell| < theta, written without a division
        if n_kids == 0 or node_float[node, _SQ_WIDTH] < theta2 * d2:
            w = dof / (dof + d2)  # eq. (tsne-q)
            if dof != 1.0:
                w = w**exponent
            size = node_float[node, _SIZE]
            z += size * w
            mult = size * w * w
            r0 += mult * t0
            r1 += mult * t1
            r2 += mult * t2
        else:
            first = node_int[node, _FIRST_CHILD]
            for c in range(first, first + n_kids):
                stack[top] = c
                top += 1
    return r0, r1, r2, z


def bh_gradient(Y, P, tree, theta, dof, compute_error):
    r"""Barnes-Hut approximation of the KL gradient (eqs. tsne-grad, tsne-bh).

    Attractive forces are summed exactly over the sparse P; repulsive forces
    treat a whole cell as one point at its centre of mass when it looks small
    from :math:`y_i`. Both are computed in one parallel pass over blocks of
    points taken in tree order (neighbouring points walk the same cells).

    Parameters
    ----------
    Y : ndarray of shape (n_samples, n_components), n_components <= 3
    P : tuple of ndarrays (data, indices, indptr)
        Symmetric joint probabilities in CSR form.
    tree : tuple of ndarrays (node_float, node_int, point_leaf, order)
        The first four arrays of a workspace filled by :func:`build_tree` on ``Y``.
    theta, dof : float
    compute_error : bool
        Also return the KL divergence (one more pass over the edges of P).

    Returns
    -------
    kl : float (NaN when not computed)
    grad : ndarray of shape (n_samples, n_components)
    """
    order = tree[3]
    n, d = Y.shape
    # (n_samples, 3), coordinates beyond d are 0. Explicit loops, not array
    # expressions: with parallel=True those would each start the thread pool.
    Y3 = np.empty((n, _D_MAX))
    for i in range(n):
        for f in range(_D_MAX):
            Y3[i, f] = Y[i, f] if f < d else 0.0
    forces = np.empty((n, 2 * _D_MAX + 1))  # attraction, repulsion, share of Z
    n_blocks = (n + _BLOCK - 1) // _BLOCK
    for block in numba.prange(n_blocks):
        stack = np.empty(2**d * (_MAX_DEPTH + 2), dtype=np.int64)  # one per block
        for k in range(block * _BLOCK, min(n, (block + 1) * _BLOCK)):
            i = order[k]
            # The per-point work sits in functions of their own: inside a
            # parallel loop, array accesses compile to much slower code.
            forces[i, 0:3] = _attraction(i, Y3, P, dof)
            forces[i, 3:7] = _repulsion(i, Y3, tree, stack, theta * theta, dof)
    Z = 0.0
    for i in range(n):  # serial sum in index order: thread-count independent
        Z += forces[i, 6]
    Z = max(Z, _MACHINE_EPSILON)
    grad = np.empty((n, d))
    c_grad = 2.0 * (dof + 1.0) / dof
    for i in range(n):
        for f in range(d):
            grad[i, f] = c_grad * (forces[i, f] - forces[i, 3 + f] / Z)  # eq. (tsne-grad)
    kl = np.nan
    if compute_error:
        kl = _kl_divergence(Y3, P, Z, dof)
    return kl, grad


def _kl_divergence(Y3, P, Z, dof):
    """KL divergence (eq. tsne-kl) over the edges of P, given Z: one more pass, only when reported."""
    P_data, P_indices, P_indptr = P
    exponent = (dof + 1.0) / 2.0
    kl = 0.0
    for i in range(Y3.shape[0]):
        for e in range(P_indptr[i], P_indptr[i + 1]):
            j = P_indices[e]
            t0, t1, t2 = Y3[i, 0] - Y3[j, 0], Y3[i, 1] - Y3[j, 1], Y3[i, 2] - Y3[j, 2]
            w = dof / (dof + (t0 * t0 + t1 * t1 + t2 * t2))
            if dof != 1.0:
                w = w**exponent
            p = P_data[e]
            kl += p * np.log(max(p, _MACHINE_EPSILON) / max(w / Z, _MACHINE_EPSILON))
    return kl


# The helpers are compiled first: the kernels call them from compiled code.
_attraction = numba.njit(cache=True)(_attraction)
_repulsion = numba.njit(cache=True)(_repulsion)
_kl_divergence = numba.njit(cache=True)(_kl_divergence)
build_tree_jit = numba.njit(cache=True)(build_tree)
bh_gradient_jit = numba.njit(cache=True, parallel=True)(bh_gradient)
# Serial twin for small problems, where starting and joining the thread pool
# every iteration costs more than the arithmetic (and idle threads spin on a
# busy machine). Each point's row is computed independently and the sums run
# in a fixed order, so the twin gives bit-identical results.
bh_gradient_serial_jit = serial_twin(bh_gradient)
