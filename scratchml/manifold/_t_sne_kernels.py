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
    "kl_gradient_exact",
]

_MACHINE_EPSILON = np.finfo(np.double).eps
_PERPLEXITY_TOLERANCE = 1e-5
_MAX_DEPTH = 64


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


def _grow(arr, new_rows):
    out = np.empty((new_rows,) + arr.shape[1:], dtype=arr.dtype)
    out[: arr.shape[0]] = arr
    return out


def build_tree(Y):
    """Space-partitioning tree (quadtree in 2-D, octree in 3-D) over the rows of Y.

    Returns
    -------
    children : ndarray of shape (n_nodes, 2**n_components), int64 (-1: none)
    com : ndarray of shape (n_nodes, n_components)
        Centre of mass of the points in each cell.
    count : ndarray of shape (n_nodes,), int64
        Number of points in each cell.
    sq_width : ndarray of shape (n_nodes,)
        Squared largest side of each cell (the r_cell^2 of eq. tsne-bh).
    point_leaf : ndarray of shape (n_samples,), int64
        Leaf holding each point (identical points share a leaf).
    """
    n, d = Y.shape
    n_children = 2**d
    cap = 4 * n + 16
    children = np.full((cap, n_children), -1, dtype=np.int64)
    com = np.zeros((cap, d))
    count = np.zeros(cap, dtype=np.int64)
    sq_width = np.zeros(cap)
    lo = np.zeros((cap, d))
    hi = np.zeros((cap, d))
    depth = np.zeros(cap, dtype=np.int64)
    start = np.zeros(cap, dtype=np.int64)
    stop = np.zeros(cap, dtype=np.int64)
    point_leaf = np.zeros(n, dtype=np.int64)
    order = np.arange(n)
    buf = np.empty(n, dtype=np.int64)
    code = np.empty(n, dtype=np.int64)

    # Root: a cube around the points, so every cell stays a cube.
    mins = np.empty(d)
    maxs = np.empty(d)
    for f in range(d):
        mins[f] = Y[:, f].min()
        maxs[f] = Y[:, f].max()
    half = 0.5 * (maxs - mins).max() * (1.0 + 1e-3) + 1e-12
    for f in range(d):
        mid = 0.5 * (mins[f] + maxs[f])
        lo[0, f] = mid - half
        hi[0, f] = mid + half
    start[0], stop[0] = 0, n
    n_nodes = 1
    stack = np.empty(n_children * (_MAX_DEPTH + 2), dtype=np.int64)
    top = 0
    stack[0] = 0
    top = 1
    while top > 0:
        top -= 1
        node = stack[top]
        a, b = start[node], stop[node]
        count[node] = b - a
        w = 0.0
        for f in range(d):
            w = max(w, hi[node, f] - lo[node, f])
        sq_width[node] = w * w
        identical = True
        for f in range(d):
            s = 0.0
            for k in range(a, b):
                s += Y[order[k], f]
                if Y[order[k], f] != Y[order[a], f]:
                    identical = False
            com[node, f] = s / (b - a)
        if b - a == 1 or identical or depth[node] >= _MAX_DEPTH:
            for k in range(a, b):
                point_leaf[order[k]] = node
            continue
        # counting sort of the cell's points by child quadrant
        counts = np.zeros(n_children + 1, dtype=np.int64)
        for k in range(a, b):
            c = 0
            for f in range(d):
                if Y[order[k], f] > 0.5 * (lo[node, f] + hi[node, f]):
                    c += 1 << f
            code[k] = c
            counts[c + 1] += 1
        for c in range(n_children):
            counts[c + 1] += counts[c]
        offsets = counts[:n_children].copy()
        for k in range(a, b):
            buf[a + offsets[code[k]]] = order[k]
            offsets[code[k]] += 1
        for k in range(a, b):
            order[k] = buf[k]
        for c in range(n_children):
            if counts[c + 1] == counts[c]:
                continue
            if n_nodes == cap:
                cap *= 2
                children = _grow(children, cap)
                children[n_nodes:] = -1
                com, count, sq_width = _grow(com, cap), _grow(count, cap), _grow(sq_width, cap)
                lo, hi, depth = _grow(lo, cap), _grow(hi, cap), _grow(depth, cap)
                start, stop = _grow(start, cap), _grow(stop, cap)
            child = n_nodes
            n_nodes += 1
            children[node, c] = child
            for f in range(d):
                mid = 0.5 * (lo[node, f] + hi[node, f])
                if (c >> f) & 1:
                    lo[child, f], hi[child, f] = mid, hi[node, f]
                else:
                    lo[child, f], hi[child, f] = lo[node, f], mid
            depth[child] = depth[node] + 1
            start[child] = a + counts[c]
            stop[child] = a + counts[c + 1]
            stack[top] = child
            top += 1
    return children[:n_nodes], com[:n_nodes], count[:n_nodes], sq_width[:n_nodes], point_leaf


def bh_gradient(Y, P_data, P_indices, P_indptr, children, com, count, sq_width, point_leaf,
                theta, dof, compute_error):
    r"""Barnes-Hut approximation of the KL gradient (eqs. tsne-grad, tsne-bh).

    Attractive forces are summed exactly over the sparse P (CSR arrays);
    repulsive forces treat a whole cell as one point at its centre of mass
    when it looks small from :math:`y_i`.

    Returns
    -------
    kl : float (NaN when not computed)
    grad : ndarray of shape (n_samples, n_components)
    """
    n, d = Y.shape
    n_children = children.shape[1]
    theta2 = theta * theta
    exponent = (dof + 1.0) / 2.0
    neg = np.zeros((n, d))
    z_i = np.zeros(n)
    for i in numba.prange(n):
        stack = np.empty(n_children * (_MAX_DEPTH + 2), dtype=np.int64)
        diff = np.empty(d)
        stack[0] = 0
        top = 1
        z = 0.0
        while top > 0:
            top -= 1
            node = stack[top]
            is_leaf = True
            for c in range(n_children):
                if children[node, c] != -1:
                    is_leaf = False
            if is_leaf and point_leaf[i] == node:
                continue  # no self (or duplicate) interaction
            d2 = 0.0
            for f in range(d):
                diff[f] = Y[i, f] - com[node, f]
                d2 += diff[f] * diff[f]
            # eq. (tsne-bh): r_cell / |y_i - y_cell| < theta, written without a division
            if is_leaf or sq_width[node] < theta2 * d2:
                q = dof / (dof + d2)
                if dof != 1.0:
                    q = q**exponent
                z += count[node] * q
                mult = count[node] * q * q
                for f in range(d):
                    neg[i, f] += mult * diff[f]
            else:
                for c in range(n_children):
                    if children[node, c] != -1:
                        stack[top] = children[node, c]
                        top += 1
        z_i[i] = z
    Z = 0.0
    for i in range(n):
        Z += z_i[i]
    Z = max(Z, _MACHINE_EPSILON)
    grad = np.zeros((n, d))
    kl_i = np.zeros(n)
    c_grad = 2.0 * (dof + 1.0) / dof
    for i in numba.prange(n):
        kl = 0.0
        for k in range(P_indptr[i], P_indptr[i + 1]):
            j = P_indices[k]
            p = P_data[k]
            d2 = 0.0
            for f in range(d):
                t = Y[i, f] - Y[j, f]
                d2 += t * t
            q = dof / (dof + d2)
            if dof != 1.0:
                q = q**exponent
            if compute_error:
                kl += p * np.log(max(p, _MACHINE_EPSILON) / max(q / Z, _MACHINE_EPSILON))
            for f in range(d):
                grad[i, f] += p * q * (Y[i, f] - Y[j, f])
        for f in range(d):
            grad[i, f] = c_grad * (grad[i, f] - neg[i, f] / Z)
        kl_i[i] = kl
    kl_total = np.nan
    if compute_error:
        kl_total = 0.0
        for i in range(n):
            kl_total += kl_i[i]
    return kl_total, grad


binary_search_perplexity_jit = numba.njit(cache=True, parallel=True)(binary_search_perplexity)
kl_gradient_exact_jit = numba.njit(cache=True, parallel=True)(kl_gradient_exact)
_grow = numba.njit(cache=True)(_grow)
build_tree_jit = numba.njit(cache=True)(build_tree)
bh_gradient_jit = numba.njit(cache=True, parallel=True)(bh_gradient)
# Serial twins for small problems, where starting and joining the thread pool
# every iteration costs more than the arithmetic (and idle threads spin on a
# busy machine). Each point's row is computed independently and the KL terms
# are summed in a fixed order, so the twins give bit-identical results.
kl_gradient_exact_serial_jit = numba.njit(cache=True)(kl_gradient_exact)
bh_gradient_serial_jit = numba.njit(cache=True)(bh_gradient)
