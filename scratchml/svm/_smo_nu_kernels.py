"""LIBSVM's ``Solver_NU`` pieces (nu-SVC, nu-SVR): same-label working sets and offsets, in Numba."""

import numba
import numpy as np

from ._kernel_rows import get_row_jit

TAU = 1e-12  # LIBSVM's floor for a non-positive curvature a_ij
_FREE, _LOWER, _UPPER = 0, 1, 2  # alpha status codes, as in _smo_kernels


def select_nu(G, y, status, QD, active, n_active, kern, rows, tol):
    """WSS3 restricted to pairs with equal labels (LIBSVM's ``Solver_NU``).

    The nu-SVM dual has two equality constraints (one per label), so a step
    may only move two multipliers of the same label; the maximal violator is
    sought separately among the positives and the negatives. Only the
    variables ``active[:n_active]`` are looked at, in that order (ties go to
    the later position, as in LIBSVM).

    Returns
    -------
    i, j : int
    stop : bool
        True when the largest violation over both labels is below ``tol``.
    """
    cache, slot_of = rows[0], rows[1]
    gmax_p = -np.inf
    gmax_p2 = -np.inf
    ip = -1
    gmax_n = -np.inf
    gmax_n2 = -np.inf
    i_n = -1
    for k in range(n_active):
        t = active[k]
        if y[t] > 0:
            if status[t] != _UPPER and -G[t] >= gmax_p:
                gmax_p = -G[t]
                ip = t
        elif status[t] != _LOWER and G[t] >= gmax_n:
            gmax_n = G[t]
            i_n = t
    sp = -1
    sn = -1
    if ip != -1:
        sp = get_row_jit(ip, n_active, active, kern, rows)
    if i_n != -1:
        sn = get_row_jit(i_n, n_active, active, kern, rows)
        if ip != -1:  # the second fetch may not evict the first (LRU, >= 2 slots)
            sp = slot_of[ip]
    j = -1
    obj_min = np.inf
    for k in range(n_active):
        t = active[k]
        if y[t] > 0:
            if status[t] == _LOWER:
                continue
            grad_diff = gmax_p + G[t]
            if G[t] >= gmax_p2:
                gmax_p2 = G[t]
            if grad_diff > 0:
                quad = QD[ip] + QD[t] - 2.0 * cache[sp, t]
                obj = -(grad_diff * grad_diff) / (quad if quad > 0 else TAU)
                if obj <= obj_min:
                    j = t
                    obj_min = obj
        else:
            if status[t] == _UPPER:
                continue
            grad_diff = gmax_n - G[t]
            if -G[t] >= gmax_n2:
                gmax_n2 = -G[t]
            if grad_diff > 0:
                quad = QD[i_n] + QD[t] - 2.0 * cache[sn, t]
                obj = -(grad_diff * grad_diff) / (quad if quad > 0 else TAU)
                if obj <= obj_min:
                    j = t
                    obj_min = obj
    if max(gmax_p + gmax_p2, gmax_n + gmax_n2) < tol or j == -1:
        return -1, -1, True
    i = ip if y[j] > 0 else i_n
    return i, j, False


def _rho_nu(G, y, status, active, n_active):
    r"""nu-SVM offsets: :math:`\rho = (r_1 - r_2)/2`, :math:`r = (r_1 + r_2)/2` (eq. svm-rho-nu)."""
    n_free1 = 0
    n_free2 = 0
    ub1 = np.inf
    ub2 = np.inf
    lb1 = -np.inf
    lb2 = -np.inf
    sum1 = 0.0
    sum2 = 0.0
    for k in range(n_active):
        t = active[k]
        if y[t] > 0:
            if status[t] == _UPPER:
                lb1 = max(lb1, G[t])
            elif status[t] == _LOWER:
                ub1 = min(ub1, G[t])
            else:
                n_free1 += 1
                sum1 += G[t]
        elif status[t] == _UPPER:
            lb2 = max(lb2, G[t])
        elif status[t] == _LOWER:
            ub2 = min(ub2, G[t])
        else:
            n_free2 += 1
            sum2 += G[t]
    r1 = sum1 / n_free1 if n_free1 > 0 else (ub1 + lb1) / 2
    r2 = sum2 / n_free2 if n_free2 > 0 else (ub2 + lb2) / 2
    return (r1 - r2) / 2, (r1 + r2) / 2


select_nu_jit = numba.njit(cache=True)(select_nu)
_rho_nu_jit = numba.njit(cache=True)(_rho_nu)
