r"""Coordinate-descent kernels for the elastic net (Lasso is l2_reg = 0).

The kernel minimises the *unnormalised* primal used by scikit-learn's solver,

    P(w) = 1/2 ||y - X w||^2 + l1_reg ||w||_1 + l2_reg / 2 ||w||^2,

so callers pass ``l1_reg = N alpha rho`` and ``l2_reg = N alpha (1 - rho)``.
``X`` must be Fortran-ordered float64 (columns contiguous); ``w`` is updated
in place. Equation labels refer to ``docs/algorithms/ridge_lasso.rst`` and the
``ElasticNet`` docstring.
"""

import numba
import numpy as np

__all__ = ["enet_coordinate_descent", "enet_duality_gap", "soft_threshold"]


def soft_threshold(z, gamma):
    r""":math:`S(z, \gamma) = \mathrm{sign}(z)\max(|z| - \gamma, 0)` -- eq. (enet-soft)."""
    if z > gamma:
        return z - gamma
    if z < -gamma:
        return z + gamma
    return 0.0


def column_dot(X, j, v):
    r""":math:`x_j^\top v` with four running sums.

    A single running sum makes every addition wait for the previous one; four
    independent sums keep the floating-point units busy (~3x faster here). The
    summation order is fixed, so results are still deterministic.
    """
    n = X.shape[0]
    s0 = s1 = s2 = s3 = 0.0
    i = 0
    while i + 4 <= n:
        s0 += X[i, j] * v[i]
        s1 += X[i + 1, j] * v[i + 1]
        s2 += X[i + 2, j] * v[i + 2]
        s3 += X[i + 3, j] * v[i + 3]
        i += 4
    while i < n:
        s0 += X[i, j] * v[i]
        i += 1
    return (s0 + s1) + (s2 + s3)


def _xorshift(state):
    """One step of Marsaglia's xorshift32 on an int in [1, 2**32).

    Our own generator gives the same stream jitted or not (numba's
    ``np.random`` is a separate state from NumPy's, and library code must not
    seed NumPy's global generator). Masks keep the value in 32 bits.
    """
    state = (state ^ (state << 13)) & 0xFFFFFFFF
    state = state ^ (state >> 17)
    state = (state ^ (state << 5)) & 0xFFFFFFFF
    return state


def enet_duality_gap(w, l1_reg, l2_reg, X, y, R, XtA, positive):
    r"""Duality gap G(w, v) of eq. (enet-gap); fills ``XtA`` with :math:`X^\top R - \beta w`.

    Returns ``(gap, dual_norm_XtA)``.
    """
    n_samples, n_features = X.shape
    R_norm2 = 0.0
    Ry = 0.0
    for i in range(n_samples):
        R_norm2 += R[i] * R[i]
        Ry += R[i] * y[i]
    w_norm2 = 0.0
    w_l1 = 0.0
    dual_norm = 0.0
    for j in range(n_features):
        XtA[j] = column_dot_jit(X, j, R) - l2_reg * w[j]
        w_norm2 += w[j] * w[j]
        w_l1 += abs(w[j])
        if l1_reg == 0.0:
            dual_norm += XtA[j] * XtA[j]  # ||X^T R - beta w||_2^2 (formulation B)
        elif positive:
            dual_norm = max(dual_norm, XtA[j])
        else:
            dual_norm = max(dual_norm, abs(XtA[j]))
    if l1_reg == 0.0:
        if l2_reg == 0.0:
            # least squares has no dual gap; use the first-order condition ||X^T R||^2
            return dual_norm, dual_norm
        # ridge: dual D(v) = -1/2||v||^2 + y'v - 1/(2 beta) ||X^T v||^2 at v = R
        gap = R_norm2 + 0.5 * l2_reg * w_norm2 - Ry + dual_norm / (2.0 * l2_reg)
        return gap, dual_norm
    # eq. (enet-gap): rescale the residual into the dual feasible set ||X^T v||_inf <= l1_reg
    scale = l1_reg / dual_norm if dual_norm > l1_reg else 1.0
    primal = 0.5 * (R_norm2 + l2_reg * w_norm2) + l1_reg * w_l1
    dual = -0.5 * scale * scale * (R_norm2 + l2_reg * w_norm2) + scale * Ry
    return primal - dual, dual_norm


def enet_coordinate_descent(w, l1_reg, l2_reg, X, y, max_iter, tol, random, seed, positive):
    r"""Cyclic (or random) coordinate descent with soft-thresholding, eq. (enet-update).

    Parameters
    ----------
    w : ndarray of shape (n_features,)
        Starting point, overwritten with the solution.
    l1_reg, l2_reg : float
        :math:`N\alpha\rho` and :math:`N\alpha(1-\rho)`.
    X : ndarray of shape (n_samples, n_features), Fortran order
    y : ndarray of shape (n_samples,)
    max_iter : int
        Passes over the coordinates at most.
    tol : float
        Stop when the duality gap is <= ``tol * ||y||^2``; the gap is only
        computed once the largest update of a pass is <= ``tol`` times the
        largest coefficient (scikit-learn's rule).
    random : bool
        Draw coordinates uniformly at random (with replacement) instead of cycling.
    seed : int
        Non-zero 32-bit seed of the xorshift stream used when ``random``.
    positive : bool
        Constrain :math:`w \ge 0`.

    Returns
    -------
    gap : float
        Final duality gap (unnormalised primal).
    tol_scaled : float
        ``tol * ||y||^2``.
    n_iter : int
        Passes run.
    converged : bool
    """
    n_samples, n_features = X.shape
    norm2_cols = np.zeros(n_features)
    R = y.copy()
    for j in range(n_features):
        norm2_cols[j] = column_dot_jit(X, j, X[:, j])
        for i in range(n_samples):
            R[i] -= X[i, j] * w[j]  # R = y - X w
    y_norm2 = 0.0
    for i in range(n_samples):
        y_norm2 += y[i] * y[i]
    tol_scaled = tol * y_norm2
    XtA = np.empty(n_features)
    gap, _ = enet_duality_gap_jit(w, l1_reg, l2_reg, X, y, R, XtA, positive)
    if gap <= tol_scaled:
        return gap, tol_scaled, 0, True
    state = seed
    for n_iter in range(max_iter):
        w_max = 0.0
        d_w_max = 0.0
        for f in range(n_features):
            if random:
                state = _xorshift_jit(state)
                j = state % n_features
            else:
                j = f
            if norm2_cols[j] == 0.0:
                continue
            w_j = w[j]
            # rho_j = X_j^T (R + w_j X_j): the correlation of X_j with the partial residual
            rho = column_dot_jit(X, j, R) + w_j * norm2_cols[j]
            if positive and rho < 0.0:
                new = 0.0
            else:
                new = soft_threshold_jit(rho, l1_reg) / (norm2_cols[j] + l2_reg)  # eq. (enet-update)
            w[j] = new
            if new != w_j:
                delta = w_j - new
                for i in range(n_samples):
                    R[i] += delta * X[i, j]
            d_w_max = max(d_w_max, abs(new - w_j))
            w_max = max(w_max, abs(new))
        if w_max == 0.0 or d_w_max / w_max <= tol or n_iter == max_iter - 1:
            gap, _ = enet_duality_gap_jit(w, l1_reg, l2_reg, X, y, R, XtA, positive)
            if gap <= tol_scaled:
                return gap, tol_scaled, n_iter + 1, True
    return gap, tol_scaled, max_iter, False


soft_threshold_jit = numba.njit(cache=True)(soft_threshold)
column_dot_jit = numba.njit(cache=True)(column_dot)
_xorshift_jit = numba.njit(cache=True)(_xorshift)
enet_duality_gap_jit = numba.njit(cache=True)(enet_duality_gap)
enet_coordinate_descent_jit = numba.njit(cache=True)(enet_coordinate_descent)
# The helpers are called through their compiled twins (a jitted function can
# only call jitted functions); under NUMBA_DISABLE_JIT=1 these are the plain ones.
