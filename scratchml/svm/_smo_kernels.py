"""SMO for the C-SVM dual with second-order working-set selection (WSS3), in Numba.

The solver follows LIBSVM's ``Solver`` (Chang & Lin 2011, §4; Fan, Chen & Lin
2005) step for step, without shrinking: same working-set rule and tie-breaking
(later index wins on ``>=``), same clipped two-variable update, same bias,
and kernel rows stored in float32 as LIBSVM stores its ``Qfloat`` rows, so the
iterates follow LIBSVM's closely. Kernel rows live in an LRU cache of at most
``n_slots`` rows.
"""

import numba
import numpy as np

LINEAR, POLY, RBF, SIGMOID, PRECOMPUTED = 0, 1, 2, 3, 4
TAU = 1e-12  # LIBSVM's floor for a non-positive curvature a_ij

_FREE, _LOWER, _UPPER = 0, 1, 2


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


def _status(a, c):
    if a >= c:
        return _UPPER
    if a <= 0.0:
        return _LOWER
    return _FREE


def smo(X, src, y, p, C, alpha, kind, gamma, coef0, degree, tol, max_iter, n_slots, nu_mode):
    r"""Solve :math:`\min \tfrac12 \alpha^\top Q \alpha + p^\top \alpha`, :math:`0 \le \alpha \le C`, :math:`y^\top \alpha = \Delta`.

    LIBSVM's general form: C-SVC is :math:`p = -e` (eq. svm-dual), epsilon-SVR
    doubles the variables, one-class SVM has :math:`p = 0` and a non-zero
    start; :math:`\Delta = y^\top \alpha_0` is kept by every step.

    Parameters
    ----------
    X : ndarray of shape (n_rows, n_features), or the Gram matrix for 'precomputed'
    src : ndarray of shape (n,)
        Data row of each of the n dual variables.
    y : ndarray of shape (n,)
        +1 / -1 signs (float64).
    p : ndarray of shape (n,)
        Linear term.
    C : ndarray of shape (n,)
        Upper bound of each multiplier.
    alpha : ndarray of shape (n,)
        Feasible starting point; a copy is optimised.
    kind : int
        Kernel code.
    gamma, coef0 : float
    degree : int
    tol : float
        Stop when the maximal KKT violation m(alpha) - M(alpha) < tol (eq. svm-stop).
    max_iter : int
        -1 for no limit.
    n_slots : int
        Number of kernel rows the cache may hold (>= 2).
    nu_mode : int
        0: LIBSVM's ``Solver`` (C-SVC, SVR, one-class). 1 or 2: ``Solver_NU``,
        working pairs of equal labels and the offsets of eq. (svm-rho-nu);
        1 (nu-SVC) also rescales the result by 1/r, 2 (nu-SVR) does not.

    Returns
    -------
    alpha : ndarray of shape (n,)
        The optimal multipliers (unsigned).
    rho : float
        Minus the bias, eq. (svm-rho).
    n_iter : int
    status : int
        0 converged, 1 stopped at ``max_iter``.
    """
    n = y.shape[0]
    x_sq = np.zeros(X.shape[0])
    if kind == RBF:
        for i in range(X.shape[0]):
            for f in range(X.shape[1]):
                x_sq[i] += X[i, f] * X[i, f]
    QD = np.empty(n)
    for i in range(n):
        QD[i] = kernel_value_jit(X, x_sq, src[i], src[i], kind, gamma, coef0, degree)
    cache = np.empty((n_slots, n), dtype=np.float32)
    slot_of = np.full(n, -1, dtype=np.int64)
    row_of = np.full(n_slots, -1, dtype=np.int64)
    last_used = np.full(n_slots, -1, dtype=np.int64)
    clock = np.zeros(1, dtype=np.int64)

    alpha = alpha.copy()
    G = p.copy()  # gradient Q alpha + p; -e for eq. (svm-dual) at alpha = 0
    status = np.empty(n, dtype=np.int64)
    for t in range(n):
        status[t] = _status_jit(alpha[t], C[t])
        if alpha[t] > 0:
            st = get_row_jit(t, X, src, x_sq, y, kind, gamma, coef0, degree,
                             cache, slot_of, row_of, last_used, clock)
            for u in range(n):
                G[u] += alpha[t] * np.float64(cache[st, u])
    n_iter = 0
    timed_out = 0
    while True:
        if max_iter != -1 and n_iter >= max_iter:
            timed_out = 1
            break
        if nu_mode > 0:  # nu-SVM: the pair must share a label (eq. svm-wss-nu)
            i, j, stop = select_nu_jit(G, y, status, QD, X, src, x_sq, kind, gamma, coef0,
                                       degree, cache, slot_of, row_of, last_used, clock,
                                       tol)
            if stop:
                break
            n_iter += 1
        else:
            # --- working set selection, WSS3: eq. (svm-wss-i) and (svm-wss-j)
            Gmax = -np.inf
            Gmax2 = -np.inf
            i = -1
            for t in range(n):
                if y[t] > 0:
                    if status[t] != _UPPER and -G[t] >= Gmax:
                        Gmax = -G[t]
                        i = t
                elif status[t] != _LOWER and G[t] >= Gmax:
                    Gmax = G[t]
                    i = t
            j = -1
            obj_min = np.inf
            if i != -1:
                si = get_row_jit(i, X, src, x_sq, y, kind, gamma, coef0, degree,
                                 cache, slot_of, row_of, last_used, clock)
                for t in range(n):
                    if y[t] > 0:
                        if status[t] == _LOWER:
                            continue
                        grad_diff = Gmax + G[t]
                        if G[t] >= Gmax2:
                            Gmax2 = G[t]
                        quad = QD[i] + QD[t] - 2.0 * y[i] * cache[si, t]
                    else:
                        if status[t] == _UPPER:
                            continue
                        grad_diff = Gmax - G[t]
                        if -G[t] >= Gmax2:
                            Gmax2 = -G[t]
                        quad = QD[i] + QD[t] + 2.0 * y[i] * cache[si, t]
                    if grad_diff > 0:
                        obj = -(grad_diff * grad_diff) / (quad if quad > 0 else TAU)
                        if obj <= obj_min:
                            j = t
                            obj_min = obj
            if Gmax + Gmax2 < tol or j == -1:  # eq. (svm-stop)
                break
            n_iter += 1
        # --- analytic two-variable step, eq. (svm-step), clipped to the box
        si = get_row_jit(i, X, src, x_sq, y, kind, gamma, coef0, degree,
                         cache, slot_of, row_of, last_used, clock)
        sj = get_row_jit(j, X, src, x_sq, y, kind, gamma, coef0, degree,
                         cache, slot_of, row_of, last_used, clock)
        Ci, Cj = C[i], C[j]
        old_i, old_j = alpha[i], alpha[j]
        if y[i] != y[j]:
            quad = QD[i] + QD[j] + 2.0 * cache[si, j]
            if quad <= 0:
                quad = TAU
            delta = (-G[i] - G[j]) / quad
            diff = alpha[i] - alpha[j]
            alpha[i] += delta
            alpha[j] += delta
            if diff > 0:
                if alpha[j] < 0:
                    alpha[j] = 0.0
                    alpha[i] = diff
            elif alpha[i] < 0:
                alpha[i] = 0.0
                alpha[j] = -diff
            if diff > Ci - Cj:
                if alpha[i] > Ci:
                    alpha[i] = Ci
                    alpha[j] = Ci - diff
            elif alpha[j] > Cj:
                alpha[j] = Cj
                alpha[i] = Cj + diff
        else:
            quad = QD[i] + QD[j] - 2.0 * cache[si, j]
            if quad <= 0:
                quad = TAU
            delta = (G[i] - G[j]) / quad
            total = alpha[i] + alpha[j]
            alpha[i] -= delta
            alpha[j] += delta
            if total > Ci:
                if alpha[i] > Ci:
                    alpha[i] = Ci
                    alpha[j] = total - Ci
            elif alpha[j] < 0:
                alpha[j] = 0.0
                alpha[i] = total
            if total > Cj:
                if alpha[j] > Cj:
                    alpha[j] = Cj
                    alpha[i] = total - Cj
            elif alpha[i] < 0:
                alpha[i] = 0.0
                alpha[j] = total
        d_i = alpha[i] - old_i
        d_j = alpha[j] - old_j
        for t in range(n):  # eq. (svm-grad-update)
            G[t] += np.float64(cache[si, t]) * d_i + np.float64(cache[sj, t]) * d_j
        status[i] = _status_jit(alpha[i], Ci)
        status[j] = _status_jit(alpha[j], Cj)

    # --- bias, eq. (svm-rho): average over free vectors, else midpoint
    n_free = 0
    ub = np.inf
    lb = -np.inf
    sum_free = 0.0
    for t in range(n):
        yG = y[t] * G[t]
        if status[t] == _UPPER:
            if y[t] < 0:
                ub = min(ub, yG)
            else:
                lb = max(lb, yG)
        elif status[t] == _LOWER:
            if y[t] > 0:
                ub = min(ub, yG)
            else:
                lb = max(lb, yG)
        else:
            n_free += 1
            sum_free += yG
    rho = sum_free / n_free if n_free > 0 else (ub + lb) / 2.0
    if nu_mode > 0:
        rho, r = _rho_nu_jit(G, y, status)
        if nu_mode == 1:
            # nu-SVC solves a scaled problem: alpha / r is the C-SVM solution with C = 1 / r
            alpha /= r
            rho /= r
    # --- end of the solver
    return alpha, rho, n_iter, timed_out


def select_nu(G, y, status, QD, X, src, x_sq, kind, gamma, coef0, degree, cache, slot_of,
              row_of, last_used, clock, tol):
    """WSS3 restricted to pairs with equal labels (LIBSVM's ``Solver_NU``).

    The nu-SVM dual has two equality constraints (one per label), so a step
    may only move two multipliers of the same label; the maximal violator is
    sought separately among the positives and the negatives.

    Returns
    -------
    i, j : int
    stop : bool
        True when the largest violation over both labels is below ``tol``.
    """
    n = y.shape[0]
    gmax_p = -np.inf
    gmax_p2 = -np.inf
    ip = -1
    gmax_n = -np.inf
    gmax_n2 = -np.inf
    i_n = -1
    for t in range(n):
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
        sp = get_row_jit(ip, X, src, x_sq, y, kind, gamma, coef0, degree,
                         cache, slot_of, row_of, last_used, clock)
    if i_n != -1:
        sn = get_row_jit(i_n, X, src, x_sq, y, kind, gamma, coef0, degree,
                         cache, slot_of, row_of, last_used, clock)
        if ip != -1:  # the second fetch may not evict the first (LRU, >= 2 slots)
            sp = slot_of[ip]
    j = -1
    obj_min = np.inf
    for t in range(n):
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


def _rho_nu(G, y, status):
    r"""nu-SVM offsets: :math:`\rho = (r_1 - r_2)/2`, :math:`r = (r_1 + r_2)/2` (eq. svm-rho-nu)."""
    n_free1 = 0
    n_free2 = 0
    ub1 = np.inf
    ub2 = np.inf
    lb1 = -np.inf
    lb2 = -np.inf
    sum1 = 0.0
    sum2 = 0.0
    for t in range(y.shape[0]):
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


powi_jit = numba.njit(cache=True)(powi)
kernel_value_jit = numba.njit(cache=True)(kernel_value)
get_row_jit = numba.njit(cache=True)(get_row)
_status_jit = numba.njit(cache=True)(_status)
select_nu_jit = numba.njit(cache=True)(select_nu)
_rho_nu_jit = numba.njit(cache=True)(_rho_nu)
smo_jit = numba.njit(cache=True)(smo)
