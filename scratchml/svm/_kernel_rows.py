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


def kernel_value(X, x_sq, i, j, kind, gamma, coef0, degree):
    r"""Kernel :math:`K(x_i, x_j)` between two training rows (eq. svm-kernels).

    For 'precomputed', ``X`` is the Gram matrix itself.
    """
    if kind == PRECOMPUTED:
        return X[i, j]
    dot = 0.0
    for f in range(X.shape[1]):
        dot += X[i, f] * X[j, f]
    if kind == LINEAR:
        return dot
    if kind == POLY:
        return powi_jit(gamma * dot + coef0, degree)
    if kind == RBF:
        return np.exp(-gamma * (x_sq[i] + x_sq[j] - 2.0 * dot))
    return np.tanh(gamma * dot + coef0)


def get_row(i, X, src, x_sq, y, kind, gamma, coef0, degree, cache, slot_of, row_of,
            last_used, clock):
    """Row ``Q_i = y_i y_j K(x_src[i], x_src[j])`` for all j, from the LRU cache or computed.

    ``src`` maps each dual variable to its data row (SVR has two variables per
    point). Returns the slot index in ``cache`` holding the row. ``clock`` is
    a one-element counter used as the LRU time stamp.
    """
    clock[0] += 1
    s = slot_of[i]
    if s >= 0:
        last_used[s] = clock[0]
        return s
    s = np.argmin(last_used)  # least recently used (never used: -1)
    if row_of[s] >= 0:
        slot_of[row_of[s]] = -1
    row_of[s] = i
    slot_of[i] = s
    last_used[s] = clock[0]
    for j in range(y.shape[0]):
        k = kernel_value_jit(X, x_sq, src[i], src[j], kind, gamma, coef0, degree)
        cache[s, j] = np.float32(y[i] * y[j] * k)  # eq. (svm-Q), float32 as LIBSVM
    return s


powi_jit = numba.njit(cache=True)(powi)
kernel_value_jit = numba.njit(cache=True)(kernel_value)
get_row_jit = numba.njit(cache=True)(get_row)
