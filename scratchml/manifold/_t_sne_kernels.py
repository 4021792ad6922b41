"""Numba kernels for t-SNE: perplexity calibration, the exact KL gradient, Barnes-Hut.

Each kernel is a plain Python function first (importable and runnable with
``NUMBA_DISABLE_JIT=1``); the compiled twins are bound at the bottom. Loops
over points run in parallel (``prange``) only where each point writes its own
output; every sum across points is then taken serially, in index order, so the
results are bit-identical for any number of threads.
"""

import numba
import numpy as np

__all__ = [
    "binary_search_perplexity",
    "bh_gradient",
    "build_tree",
    "gains_momentum_step",
    "kl_gradient_exact",
    "tree_workspace",
]

_MACHINE_EPSILON = np.finfo(np.double).eps
_PERPLEXITY_TOLERANCE = 1e-5
_MAX_DEPTH = 64
#: Points per parallel task of the Barnes-Hut gradient (any value gives the same bits).
_BLOCK = 64


def binary_search_perplexity(sqdistances, desired_perplexity):
    r"""Row-wise Gaussian bandwidths matching a perplexity (eq. tsne-perplexity).

    Parameters
    ----------
    sqdistances : ndarray of shape (n_samples, n_neighbors)
        Squared distances of each point to its neighbours (all points when
        ``n_neighbors == n_samples``; then the diagonal is ignored).
    desired_perplexity : float

    Returns
    -------
    P : ndarray of shape (n_samples, n_neighbors)
        Conditional probabilities :math:`p_{j|i}`, each row summing to 1.
    """
    n_samples, n_neighbors = sqdistances.shape
    using_neighbors = n_neighbors < n_samples
    desired_entropy = np.log(desired_perplexity)
    P = np.zeros((n_samples, n_neighbors))
    for i in numba.prange(n_samples):
        beta_min = -np.inf
        beta_max = np.inf
        beta = 1.0  # beta = 1 / (2 sigma_i^2)
        for _ in range(100):
            sum_p = 0.0
            for j in range(n_neighbors):
                if j != i or using_neighbors:
                    P[i, j] = np.exp(-sqdistances[i, j] * beta)
                    sum_p += P[i, j]
            if sum_p == 0.0:
                sum_p = 1e-8  # all neighbours infinitely far: avoid log(0) and 0/0
            sum_dp = 0.0
            for j in range(n_neighbors):
                P[i, j] /= sum_p
                sum_dp += sqdistances[i, j] * P[i, j]
            # eq. (tsne-perplexity): H(P_i) = log sum_j e^{-beta d_ij} + beta E[d_ij]
            entropy = np.log(sum_p) + beta * sum_dp
            diff = entropy - desired_entropy
            if abs(diff) <= _PERPLEXITY_TOLERANCE:
                break
            # entropy too high -> bandwidth too wide -> raise beta (and vice versa)
            if diff > 0.0:
                beta_min = beta
                beta = beta * 2.0 if beta_max == np.inf else (beta + beta_max) / 2.0
            else:
                beta_max = beta
                beta = beta / 2.0 if beta_min == -np.inf else (beta + beta_min) / 2.0
    return P


def kl_gradient_exact(Y, P, dof, compute_error):
    r"""KL divergence :math:`KL(P \| Q)` and its gradient, all pairs (eqs. tsne-q, tsne-kl, tsne-grad).

    Parameters
    ----------
    Y : ndarray of shape (n_samples, n_components)
    P : ndarray of shape (n_samples, n_samples)
        Symmetric joint probabilities, zero diagonal.
    dof : float
        Degrees of freedom :math:`\alpha` of the Student-t kernel.
    compute_error : bool

    Returns
    -------
    kl : float (NaN when not computed)
    grad : ndarray of shape (n_samples, n_components)
    """
    n, d = Y.shape
    exponent = (dof + 1.0) / -2.0
    W = np.zeros((n, n))
    row_z = np.zeros(n)
    # eq. (tsne-q): unnormalised kernel w_ij = (1 + |y_i - y_j|^2 / alpha)^(-(alpha+1)/2)
    for i in numba.prange(n):
        s = 0.0
        for j in range(n):
            if j != i:
                d2 = 0.0
                for f in range(d):
                    t = Y[i, f] - Y[j, f]
                    d2 += t * t
                if dof == 1.0:
                    w = 1.0 / (1.0 + d2)  # the usual 2-D case: no pow() needed
                else:
                    w = (1.0 + d2 / dof) ** exponent
                W[i, j] = w
                s += w
        row_z[i] = s
    Z = 0.0
    for i in range(n):  # serial sum in index order: thread-count independent
        Z += row_z[i]
    grad = np.zeros((n, d))
    row_kl = np.zeros(n)
    c = 2.0 * (dof + 1.0) / dof
    for i in numba.prange(n):
        kl_i = 0.0
        for j in range(n):
            if j == i:
                continue
            w = W[i, j]
            q = max(w / Z, _MACHINE_EPSILON)
            if compute_error:
                # eq. (tsne-kl)
                kl_i += P[i, j] * np.log(max(P[i, j], _MACHINE_EPSILON) / q)
            # eq. (tsne-grad): attraction p_ij w_ij minus repulsion q_ij w_ij
            coef = c * (P[i, j] - q) * w
            for f in range(d):
                grad[i, f] += coef * (Y[i, f] - Y[j, f])
        row_kl[i] = kl_i
    kl = np.nan
    if compute_error:
        kl = 0.0
        for i in range(n):
            kl += row_kl[i]
    return kl, grad


# Columns of the node arrays. Float: centre of mass (n_components columns),
# then the point count and the squared cell side, so one traversal step reads
# one short row. Int: the children of a node are stored next to each other.
_FIRST_CHILD, _N_CHILDREN, _START, _STOP, _DEPTH = 0, 1, 2, 3, 4


def tree_workspace(n_samples, n_components, capacity):
    """Arrays for :func:`build_tree`, allocated once and reused every iteration.

    Returns
    -------
    node_float : ndarray of shape (capacity, n_components + 2)
        Per cell: centre of mass, number of points, squared side (the
        :math:`r_{cell}^2` of eq. tsne-bh).
    node_int : ndarray of shape (capacity, 5), int64
        Per cell: first child, number of children (0 for a leaf), and for the
        build the range of ``order`` holding its points and its depth.
    point_leaf : ndarray of shape (n_samples,), int64
        Leaf holding each point (identical points share a leaf).
    cell : ndarray of shape (capacity, n_components + 1)
        Per cell: geometric centre and half side (used while building).
    order, buf : ndarrays of shape (n_samples,), int64
        Points sorted cell by cell, and scratch space for that sort.
    """
    return (
        np.empty((capacity, n_components + 2)),
        np.empty((capacity, 5), dtype=np.int64),
        np.empty(n_samples, dtype=np.int64),
        np.empty((capacity, n_components + 1)),
        np.empty(n_samples, dtype=np.int64),
        np.empty(n_samples, dtype=np.int64),
    )


def build_tree(Y, node_float, node_int, point_leaf, cell, order, buf):
    """Fill a quadtree (2-D) or octree (3-D) over the rows of Y into a workspace.

    Cells are split depth first; the non-empty children of a cell get
    consecutive indices, so a traversal reads neighbouring rows.

    Parameters
    ----------
    Y : ndarray of shape (n_samples, n_components)
    node_float, node_int, point_leaf, cell, order, buf : ndarrays
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
    cell[0, d] = half * (1.0 + 1e-3) + 1e-12
    node_int[0, _START], node_int[0, _STOP], node_int[0, _DEPTH] = 0, n, 0
    n_nodes = 1
    stack[0] = 0
    top = 1
    while top > 0:
        top -= 1
        node = stack[top]
        a, b = node_int[node, _START], node_int[node, _STOP]
        node_float[node, d] = b - a
        side = 2.0 * cell[node, d]
        node_float[node, d + 1] = side * side
        node_int[node, _FIRST_CHILD] = -1
        node_int[node, _N_CHILDREN] = 0
        identical = True
        for f in range(d):
            s = 0.0
            first = Y[order[a], f]
            for k in range(a, b):
                y = Y[order[k], f]
                s += y
                if y != first:
                    identical = False
            node_float[node, f] = s / (b - a)
        if b - a == 1 or identical or node_int[node, _DEPTH] >= _MAX_DEPTH:
            for k in range(a, b):
                point_leaf[order[k]] = node
            continue
        # counting sort of the cell's points by child quadrant (bit f: above the centre in f)
        counts[:] = 0
        for k in range(a, b):
            c = 0
            for f in range(d):
                if Y[order[k], f] > cell[node, f]:
                    c += 1 << f
            counts[c + 1] += 1
        for c in range(n_children):
            counts[c + 1] += counts[c]
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
            quarter = 0.5 * cell[node, d]
            for f in range(d):
                if (c >> f) & 1:
                    cell[child, f] = cell[node, f] + quarter
                else:
                    cell[child, f] = cell[node, f] - quarter
            cell[child, d] = quarter
            node_int[child, _DEPTH] = node_int[node, _DEPTH] + 1
            node_int[child, _START] = a + counts[c]
            node_int[child, _STOP] = a + counts[c + 1]
            stack[top] = child
            top += 1
    return n_nodes


def bh_gradient(Y, P_data, P_indices, P_indptr, node_float, node_int, point_leaf,
                theta, dof, compute_error):
    r"""Barnes-Hut approximation of the KL gradient (eqs. tsne-grad, tsne-bh).

    Attractive forces are summed exactly over the sparse P (CSR arrays);
    repulsive forces treat a whole cell as one point at its centre of mass
    when it looks small from :math:`y_i`. Both are computed in one parallel
    pass over fixed blocks of points (each point writes only its own row);
    :math:`Z` and the KL divergence are then summed serially in index order.

    Parameters
    ----------
    Y : ndarray of shape (n_samples, n_components)
    P_data, P_indices, P_indptr : ndarrays
        Symmetric joint probabilities in CSR form.
    node_float, node_int, point_leaf : ndarrays
        A tree filled by :func:`build_tree` on ``Y``.
    theta, dof : float
    compute_error : bool

    Returns
    -------
    kl : float (NaN when not computed)
    grad : ndarray of shape (n_samples, n_components)
    """
    n, d = Y.shape
    n_children = 2**d
    theta2 = theta * theta
    exponent = (dof + 1.0) / 2.0
    pos = np.empty((n, d))
    neg = np.empty((n, d))
    z_i = np.empty(n)
    n_blocks = (n + _BLOCK - 1) // _BLOCK
    for block in numba.prange(n_blocks):
        # one stack per block of points, not per point
        stack = np.empty(n_children * (_MAX_DEPTH + 2), dtype=np.int64)
        for i in range(block * _BLOCK, min(n, (block + 1) * _BLOCK)):
            # eq. (tsne-grad), attraction: sum_j p_ij w_ij (y_i - y_j) over the k-NN graph
            for f in range(d):
                pos[i, f] = 0.0
            for k in range(P_indptr[i], P_indptr[i + 1]):
                j = P_indices[k]
                d2 = 0.0
                for f in range(d):
                    t = Y[i, f] - Y[j, f]
                    d2 += t * t
                w = dof / (dof + d2)
                if dof != 1.0:
                    w = w**exponent
                pw = P_data[k] * w
                for f in range(d):
                    pos[i, f] += pw * (Y[i, f] - Y[j, f])
            # repulsion: depth-first walk of the tree
            for f in range(d):
                neg[i, f] = 0.0
            z = 0.0
            stack[0] = 0
            top = 1
            while top > 0:
                top -= 1
                node = stack[top]
                n_kids = node_int[node, _N_CHILDREN]
                if n_kids == 0 and point_leaf[i] == node:
                    continue  # no self (or duplicate) interaction
                d2 = 0.0
                for f in range(d):
                    t = Y[i, f] - node_float[node, f]
                    d2 += t * t
                # eq. (tsne-bh): r_cell / |y_i - y_cell| < theta, written without a division
                if n_kids == 0 or node_float[node, d + 1] < theta2 * d2:
                    q = dof / (dof + d2)
                    if dof != 1.0:
                        q = q**exponent
                    size = node_float[node, d]
                    z += size * q
                    mult = size * q * q
                    for f in range(d):
                        neg[i, f] += mult * (Y[i, f] - node_float[node, f])
                else:
                    first = node_int[node, _FIRST_CHILD]
                    for c in range(first, first + n_kids):
                        stack[top] = c
                        top += 1
            z_i[i] = z
    Z = 0.0
    for i in range(n):  # serial sum in index order: thread-count independent
        Z += z_i[i]
    Z = max(Z, _MACHINE_EPSILON)
    grad = np.empty((n, d))
    c_grad = 2.0 * (dof + 1.0) / dof
    for i in range(n):
        for f in range(d):
            grad[i, f] = c_grad * (pos[i, f] - neg[i, f] / Z)  # eq. (tsne-grad)
    kl = np.nan
    if compute_error:  # only when reported: one more pass over the edges of P
        kl_i = np.empty(n)
        for i in numba.prange(n):
            kl_sum = 0.0
            for k in range(P_indptr[i], P_indptr[i + 1]):
                j = P_indices[k]
                p = P_data[k]
                d2 = 0.0
                for f in range(d):
                    t = Y[i, f] - Y[j, f]
                    d2 += t * t
                w = dof / (dof + d2)
                if dof != 1.0:
                    w = w**exponent
                # eq. (tsne-kl)
                kl_sum += p * np.log(max(p, _MACHINE_EPSILON) / max(w / Z, _MACHINE_EPSILON))
            kl_i[i] = kl_sum
        kl = 0.0
        for i in range(n):
            kl += kl_i[i]
    return kl, grad


def gains_momentum_step(p, grad, update, gains, momentum, learning_rate, min_gain):
    """One step of eq. (tsne-update), in place on ``p``, ``grad``, ``update`` and ``gains``.

    ``grad`` is left multiplied by the gains (its norm is the stopping test).
    """
    for k in range(p.size):
        # delta-bar-delta: the gradient's sign opposes the last step -> larger gain
        if update[k] * grad[k] < 0.0:
            gains[k] += 0.2
        else:
            gains[k] *= 0.8
        gains[k] = max(gains[k], min_gain)
        grad[k] *= gains[k]
        update[k] = momentum * update[k] - learning_rate * grad[k]  # eq. (tsne-update)
        p[k] += update[k]


binary_search_perplexity_jit = numba.njit(cache=True, parallel=True)(binary_search_perplexity)
kl_gradient_exact_jit = numba.njit(cache=True, parallel=True)(kl_gradient_exact)
build_tree_jit = numba.njit(cache=True)(build_tree)
bh_gradient_jit = numba.njit(cache=True, parallel=True)(bh_gradient)
gains_momentum_step_jit = numba.njit(cache=True)(gains_momentum_step)
# Serial twins for small problems, where starting and joining the thread pool
# every iteration costs more than the arithmetic (and idle threads spin on a
# busy machine). Each point's row is computed independently and the KL terms
# are summed in a fixed order, so the twins give bit-identical results.
kl_gradient_exact_serial_jit = numba.njit(cache=True)(kl_gradient_exact)
bh_gradient_serial_jit = numba.njit(cache=True)(bh_gradient)
