"""Kernel values and LIBSVM's cached kernel rows for the SMO solvers, in Numba."""

import numba
import numpy as np

LINEAR, POLY, RBF, SIGMOID, PRECOMPUTED = 0, 1, 2, 3, 4


def powi(base, times):
    """``base ** times`` for an integer ``times >= 0`` by repeated squaring (LIBSVM's ``powi``)."""
    tmp = base
    ret = 1.0
    t = times
    while t > 0:
        if t % 2 == 1:
            ret *= tmp
        tmp = tmp * tmp
        t //= 2
    return ret


def kernel_from_dot(dot, sq_i, sq_j, kind, gamma, coef0, degree):
    r"""Kernel value from :math:`x_i^\top x_j` (and :math:`\|x_i\|^2, \|x_j\|^2` for rbf), eq. (svm-kernels)."""
    if kind == LINEAR:
        return dot
    if kind == POLY:
        return powi_jit(gamma * dot + coef0, degree)
    if kind == RBF:
        return np.exp(-gamma * (sq_i + sq_j - 2.0 * dot))
    return np.tanh(gamma * dot + coef0)


def kernel_value(X, x_sq, i, j, kind, gamma, coef0, degree):
    r"""Kernel :math:`K(x_i, x_j)` between two training rows (eq. svm-kernels).

    For 'precomputed', ``X`` is the Gram matrix itself.
    """
    if kind == PRECOMPUTED:
        return X[i, j]
    dot = 0.0
    for f in range(X.shape[1]):
        dot += X[i, f] * X[j, f]
    return kernel_from_dot_jit(dot, x_sq[i], x_sq[j], kind, gamma, coef0, degree)


def fill_row(row, i, targets, kern):
    """``row[t] = Q_it`` for the variables t in ``targets`` (eq. svm-Q), as float32.

    The same sums as :func:`kernel_value`, feature by feature in the same
    order, so the same bits; but four targets at a time. One dot product is
    a chain of dependent additions, each waiting for the previous one; four
    independent chains (in four scalars, which stay in registers) keep the
    floating-point unit busy: 1.5x faster for 20 features, 2.5x for 64.
    """
    X, src, x_sq, y, kind, gamma, coef0, degree = kern
    a = src[i]
    m = targets.shape[0]
    if kind == PRECOMPUTED:
        for k in range(m):
            t = targets[k]
            row[t] = np.float32(y[i] * y[t] * X[a, src[t]])
        return
    for k0 in range(0, m, 4):
        # data rows of the next four targets (the last block repeats its last one)
        c0 = src[targets[k0]]
        c1 = src[targets[min(k0 + 1, m - 1)]]
        c2 = src[targets[min(k0 + 2, m - 1)]]
        c3 = src[targets[min(k0 + 3, m - 1)]]
        d0 = d1 = d2 = d3 = 0.0
        for f in range(X.shape[1]):
            x_af = X[a, f]
            d0 += x_af * X[c0, f]
            d1 += x_af * X[c1, f]
            d2 += x_af * X[c2, f]
            d3 += x_af * X[c3, f]
        for q, dot in enumerate((d0, d1, d2, d3)):
            if k0 + q == m:
                break
            t = targets[k0 + q]
            value = kernel_from_dot_jit(dot, x_sq[a], x_sq[src[t]], kind, gamma, coef0, degree)
            row[t] = np.float32(y[i] * y[t] * value)  # float32 as LIBSVM's Qfloat


def new_row_cache(n_slots, n):
    """An empty LRU cache of ``n_slots`` kernel rows over ``n`` dual variables.

    Returns the tuple ``(cache, slot_of, row_of, last_used, filled, clock)``:
    ``cache[s, t]`` holds :math:`Q_{it}` for the variable ``i = row_of[s]``
    (``slot_of[i] = s``), ``last_used`` and the one-element ``clock`` give
    the LRU order, and ``filled[s]`` says how much of the row is computed:
    the columns of the variables at the first ``filled[s]`` positions of the
    solver's ``active`` ordering (LIBSVM computes a row only as far as the
    active set reaches, Chang & Lin 2011, §5.2).
    """
    cache = np.empty((n_slots, n), dtype=np.float32)
    slot_of = np.full(n, -1, dtype=np.int64)
    row_of = np.full(n_slots, -1, dtype=np.int64)
    last_used = np.full(n_slots, -1, dtype=np.int64)
    filled = np.zeros(n_slots, dtype=np.int64)
    clock = np.zeros(1, dtype=np.int64)
    return cache, slot_of, row_of, last_used, filled, clock


def get_row(i, length, active, kern, rows):
    """Row ``Q_i = y_i y_t K(x_src[i], x_src[t])``, at least for the t in ``active[:length]``.

    ``kern = (X, src, x_sq, y, kind, gamma, coef0, degree)``: ``src`` maps
    each dual variable to its data row (SVR has two variables per point).
    ``rows`` is a cache from :func:`new_row_cache`; a cached row is only
    extended, from ``filled`` to ``length`` positions. Returns the slot index
    in the cache holding the row.
    """
    cache, slot_of, row_of, last_used, filled, clock = rows
    clock[0] += 1
    s = slot_of[i]
    if s < 0:
        s = np.argmin(last_used)  # least recently used (never used: -1)
        if row_of[s] >= 0:
            slot_of[row_of[s]] = -1
        row_of[s] = i
        slot_of[i] = s
        filled[s] = 0
    last_used[s] = clock[0]
    if length > filled[s]:
        fill_row_jit(cache[s], i, active[filled[s]:length], kern)
        filled[s] = length
    return s


def forget_moved_columns(rows, first_moved, old_size):
    """Shorten the cached rows that the reordering of ``active`` made stale.

    Shrinking swapped positions ``first_moved <= a < b < old_size`` of
    ``active``. A row filled to at least ``old_size`` positions still covers
    the same set of variables; a shorter one is only trusted up to
    ``first_moved`` (LIBSVM swaps the cached columns instead, same effect).
    """
    filled = rows[4]
    for s in range(filled.shape[0]):
        if first_moved < filled[s] < old_size:
            filled[s] = first_moved


powi_jit = numba.njit(cache=True)(powi)
kernel_from_dot_jit = numba.njit(cache=True)(kernel_from_dot)
kernel_value_jit = numba.njit(cache=True)(kernel_value)
fill_row_jit = numba.njit(cache=True)(fill_row)
new_row_cache_jit = numba.njit(cache=True)(new_row_cache)
get_row_jit = numba.njit(cache=True)(get_row)
forget_moved_columns_jit = numba.njit(cache=True)(forget_moved_columns)
