"""SMO for the C-SVM dual with second-order working-set selection (WSS3), in Numba.

The solver follows LIBSVM's ``Solver`` (Chang & Lin 2011, §4-5; Fan, Chen &
Lin 2005) step for step: same working-set rule and tie-breaking (later
position wins on ``>=``), same clipped two-variable update, same shrinking of
the active set (``_smo_shrinking``), same bias, and kernel rows stored in
float32 as LIBSVM stores its ``Qfloat`` rows, so the iterates follow LIBSVM's
closely. Kernel rows live in an LRU cache of at most ``n_slots`` rows.
"""

import numba
import numpy as np

from ._kernel_rows import (  # noqa: F401  (kernel codes re-exported for the estimators)
    LINEAR,
    POLY,
    PRECOMPUTED,
    RBF,
    SIGMOID,
    get_row_jit,
    kernel_value_jit,
    new_row_cache_jit,
    powi_jit,
)
from ._smo_nu_kernels import _rho_nu_jit, select_nu_jit
from ._smo_shrinking import do_shrinking_jit, move_G_bar_jit, reconstruct_gradient_jit

TAU = 1e-12  # LIBSVM's floor for a non-positive curvature a_ij

_FREE, _LOWER, _UPPER = 0, 1, 2


def _status(a, c):
    if a >= c:
        return _UPPER
    if a <= 0.0:
        return _LOWER
    return _FREE


def select_wss3(G, y, status, QD, active, n_active, kern, rows, tol):
    """WSS3 over the active variables: eq. (svm-wss-i), (svm-wss-j) and the stop test (svm-stop).

    Variables are visited in the order ``active[:n_active]``; on equal
    values the later one wins (``>=``), as in LIBSVM.

    Returns
    -------
    i, j : int
    stop : bool
        True when m(alpha) - M(alpha) < tol or no partner j exists.
    """
    # --- working set selection, WSS3: eq. (svm-wss-i) and (svm-wss-j)
    Gmax = -np.inf
    Gmax2 = -np.inf
    i = -1
    for k in range(n_active):
        t = active[k]
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
        si = get_row_jit(i, n_active, active, kern, rows)
        cache = rows[0]
        for k in range(n_active):
            t = active[k]
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
        return -1, -1, True
    return i, j, False


def _select(G, y, status, QD, active, n_active, kern, rows, tol, nu_mode):
    """The working pair: WSS3, or for nu-SVM WSS3 within one label (eq. svm-wss-nu)."""
    if nu_mode > 0:
        return select_nu_jit(G, y, status, QD, active, n_active, kern, rows, tol)
    return select_wss3_jit(G, y, status, QD, active, n_active, kern, rows, tol)


def smo(X, src, y, p, C, alpha, kind, gamma, coef0, degree, tol, max_iter, n_slots, nu_mode,
        shrinking):
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
    shrinking : bool
        Shrink the active set every min(n, 1000) iterations (eq. svm-shrink).

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
    kern = (X, src, x_sq, y, kind, gamma, coef0, degree)
    QD = np.empty(n)
    for i in range(n):
        QD[i] = kernel_value_jit(X, x_sq, src[i], src[i], kind, gamma, coef0, degree)
    rows = new_row_cache_jit(n_slots, n)
    cache = rows[0]
    # The solver works on active[:n_active]; shrinking moves variables behind it.
    active = np.arange(n)
    n_active = n

    alpha = alpha.copy()
    G = p.copy()  # gradient Q alpha + p; -e for eq. (svm-dual) at alpha = 0
    G_bar = np.zeros(n)  # eq. (svm-gbar): the part of G due to multipliers at C
    status = np.empty(n, dtype=np.int64)
    for t in range(n):
        status[t] = _status_jit(alpha[t], C[t])
    for t in range(n):
        if status[t] != _LOWER:
            st = get_row_jit(t, n, active, kern, rows)
            for u in range(n):
                G[u] += alpha[t] * np.float64(cache[st, u])
            if status[t] == _UPPER:
                for u in range(n):
                    G_bar[u] += C[t] * np.float64(cache[st, u])  # eq. (svm-gbar)
    n_iter = 0
    timed_out = 0
    unshrunk = False
    counter = min(n, 1000) + 1
    while True:
        if max_iter != -1 and n_iter >= max_iter:
            timed_out = 1
            break
        # --- shrinking every min(n, 1000) iterations, eq. (svm-shrink)
        counter -= 1
        if counter == 0:
            counter = min(n, 1000)
            if shrinking:
                n_active, unshrunk = do_shrinking_jit(G, G_bar, p, alpha, y, status, active,
                                                      n_active, unshrunk, nu_mode, tol,
                                                      kern, rows)
        i, j, stop = _select_jit(G, y, status, QD, active, n_active, kern, rows, tol, nu_mode)
        if stop:
            # optimal on the active set: rebuild the whole gradient, check all variables
            reconstruct_gradient_jit(G, G_bar, p, alpha, status, active, n_active, kern, rows)
            n_active = n
            i, j, stop = _select_jit(G, y, status, QD, active, n_active, kern, rows, tol,
                                     nu_mode)
            if stop:
                break
            counter = 1  # shrink again at the next iteration
        n_iter += 1
        # --- analytic two-variable step, eq. (svm-step), clipped to the box
        si = get_row_jit(i, n_active, active, kern, rows)
        sj = get_row_jit(j, n_active, active, kern, rows)
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
        for k in range(n_active):  # eq. (svm-grad-update), active variables only
            t = active[k]
            G[t] += np.float64(cache[si, t]) * d_i + np.float64(cache[sj, t]) * d_j
        # --- G_bar bookkeeping, eq. (svm-gbar): only when a multiplier reaches or leaves C
        was_upper_i = status[i] == _UPPER
        was_upper_j = status[j] == _UPPER
        status[i] = _status_jit(alpha[i], Ci)
        status[j] = _status_jit(alpha[j], Cj)
        if was_upper_i != (status[i] == _UPPER):
            move_G_bar_jit(G_bar, i, Ci, status[i] == _UPPER, active, kern, rows)
        if was_upper_j != (status[j] == _UPPER):
            move_G_bar_jit(G_bar, j, Cj, status[j] == _UPPER, active, kern, rows)

    # --- bias, eq. (svm-rho): average over free vectors, else midpoint
    n_free = 0
    ub = np.inf
    lb = -np.inf
    sum_free = 0.0
    for k in range(n_active):  # all variables, unless max_iter stopped a shrunk solve
        t = active[k]
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
        rho, r = _rho_nu_jit(G, y, status, active, n_active)
        if nu_mode == 1:
            # nu-SVC solves a scaled problem: alpha / r is the C-SVM solution with C = 1 / r
            alpha /= r
            rho /= r
    # --- end of the solver
    return alpha, rho, n_iter, timed_out


_status_jit = numba.njit(cache=True)(_status)
select_wss3_jit = numba.njit(cache=True)(select_wss3)
_select_jit = numba.njit(cache=True)(_select)
smo_jit = numba.njit(cache=True)(smo)
