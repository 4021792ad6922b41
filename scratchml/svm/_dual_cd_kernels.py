"""Dual coordinate descent for the linear SVM (Hsieh et al., ICML 2008, Algorithm 1), in Numba."""

import numba
import numpy as np


def _next_random(state):
    # xorshift64*: a small deterministic generator for the visiting order,
    # seeded from the estimator's random_state (state is a 1-element array)
    x = state[0]
    x ^= x >> np.uint64(12)
    x ^= x << np.uint64(25)
    x ^= x >> np.uint64(27)
    state[0] = x
    return x * np.uint64(2685821657736338717)


def dual_cd(X, y, C, squared, tol, max_iter, seed):
    r"""Solve the L1- or L2-loss linear SVM dual by coordinate descent.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Rows already augmented with the intercept column if any.
    y : ndarray of shape (n_samples,)
        Labels in {-1, +1}.
    C : ndarray of shape (n_samples,)
        Loss weight of each point (C times its class weight).
    squared : bool
        True for the squared hinge (L2 loss), False for the hinge (L1 loss).
    tol : float
        Stop when the spread of the projected gradient over an epoch,
        max PG - min PG, is at most ``tol`` (eq. lsvm-stop).
    max_iter : int
        Maximal number of epochs.
    seed : int
        Seeds the random visiting order.

    Returns
    -------
    w : ndarray of shape (n_features,)
    n_iter : int
        Epochs run.
    converged : bool
    """
    n, d = X.shape
    U = np.empty(n)  # box of eq. (lsvm-dual)
    D = np.empty(n)
    for i in range(n):
        U[i] = np.inf if squared else C[i]
        D[i] = 0.5 / C[i] if squared else 0.0
    alpha = np.zeros(n)
    w = np.zeros(d)
    Qbar = np.empty(n)
    for i in range(n):
        Qbar[i] = D[i]
        for f in range(d):
            Qbar[i] += X[i, f] * X[i, f]
    order = np.arange(n)
    state = np.array([np.uint64(seed) * np.uint64(2654435761) + np.uint64(1)])
    n_iter = 0
    converged = False
    while n_iter < max_iter:
        n_iter += 1
        for i in range(n - 1):  # random permutation (Fisher-Yates)
            j = i + np.int64(_next_random_jit(state) % np.uint64(n - i))
            order[i], order[j] = order[j], order[i]
        pg_max = -np.inf
        pg_min = np.inf
        for s in range(n):
            i = order[s]
            wx = 0.0
            for f in range(d):
                wx += w[f] * X[i, f]
            G = y[i] * wx - 1.0 + D[i] * alpha[i]  # eq. (lsvm-grad)
            if alpha[i] == 0.0:
                PG = min(G, 0.0)
            elif alpha[i] == U[i]:
                PG = max(G, 0.0)
            else:
                PG = G
            pg_max = max(pg_max, PG)
            pg_min = min(pg_min, PG)
            if abs(PG) > 1e-12:
                old = alpha[i]
                alpha[i] = min(max(old - G / Qbar[i], 0.0), U[i])  # eq. (lsvm-step)
                step = (alpha[i] - old) * y[i]
                for f in range(d):
                    w[f] += step * X[i, f]  # keeps w = sum_i y_i alpha_i x_i
        if pg_max - pg_min <= tol:  # eq. (lsvm-stop)
            converged = True
            break
    return w, n_iter, converged


def dual_cd_svr(X, y, C, epsilon, squared, tol, max_iter, seed):
    r"""Solve the L1- or L2-loss linear SVR dual by coordinate descent (Ho & Lin 2012).

    One variable :math:`\beta_i = \alpha_i - \alpha_i^*` per point, box
    :math:`[-U, U]`, :math:`w = \sum_i \beta_i x_i` (eq. lsvr-dual).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    C, epsilon : float
    squared : bool
        True for the squared epsilon-insensitive loss.
    tol : float
        Stop when the summed violation falls below ``tol`` times its value
        after the first epoch (LIBLINEAR's relative rule).
    max_iter : int
    seed : int

    Returns
    -------
    w : ndarray of shape (n_features,)
    n_iter : int
    converged : bool
    """
    n, d = X.shape
    lam = 0.5 / C if squared else 0.0
    U = np.inf if squared else C
    beta = np.zeros(n)
    w = np.zeros(d)
    QD = np.empty(n)
    for i in range(n):
        QD[i] = 0.0
        for f in range(d):
            QD[i] += X[i, f] * X[i, f]
    order = np.arange(n)
    state = np.array([np.uint64(seed) * np.uint64(2654435761) + np.uint64(1)])
    n_iter = 0
    converged = False
    norm_init = 0.0
    while n_iter < max_iter:
        for i in range(n - 1):
            j = i + np.int64(_next_random_jit(state) % np.uint64(n - i))
            order[i], order[j] = order[j], order[i]
        norm = 0.0
        for s in range(n):
            i = order[s]
            wx = 0.0
            for f in range(d):
                wx += w[f] * X[i, f]
            G = -y[i] + lam * beta[i] + wx  # eq. (lsvr-grad)
            H = QD[i] + lam
            Gp = G + epsilon
            Gn = G - epsilon
            if beta[i] == 0.0:
                violation = -Gp if Gp < 0 else (Gn if Gn > 0 else 0.0)
            elif beta[i] >= U:
                violation = Gp if Gp > 0 else 0.0
            elif beta[i] <= -U:
                violation = -Gn if Gn < 0 else 0.0
            elif beta[i] > 0:
                violation = abs(Gp)
            else:
                violation = abs(Gn)
            norm += violation
            # Newton step on the piecewise quadratic (eq. lsvr-step)
            if Gp < H * beta[i]:
                step = -Gp / H
            elif Gn > H * beta[i]:
                step = -Gn / H
            else:
                step = -beta[i]
            if abs(step) < 1e-12:
                continue
            old = beta[i]
            beta[i] = min(max(old + step, -U), U)
            delta = beta[i] - old
            if delta != 0.0:
                for f in range(d):
                    w[f] += delta * X[i, f]
        if n_iter == 0:
            norm_init = norm
        n_iter += 1
        if norm <= tol * norm_init:
            converged = True
            break
    return w, n_iter, converged


_next_random_jit = numba.njit(cache=True)(_next_random)
dual_cd_jit = numba.njit(cache=True)(dual_cd)
dual_cd_svr_jit = numba.njit(cache=True)(dual_cd_svr)
