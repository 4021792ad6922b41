r"""Limited-memory BFGS with a strong-Wolfe line search (Nocedal & Wright, ch. 3 and 7).

Written for smooth, unconstrained problems ``min_x f(x)`` where one call
returns both the value and the gradient (``fun(x) -> (f, g)``), as the
penalised log-likelihood of ``LogisticRegression`` does.

Labels: eq. (lbfgs-two-loop) is N&W Algorithm 7.4, eq. (lbfgs-gamma) is their
eq. (7.20), eq. (wolfe) are the strong Wolfe conditions (3.7), eq. (cubic)
the cubic interpolation (3.59).
"""

from dataclasses import dataclass

import numpy as np

__all__ = ["LbfgsResult", "line_search_wolfe", "minimize_lbfgs", "two_loop_recursion"]


@dataclass
class LbfgsResult:
    """What :func:`minimize_lbfgs` returns.

    Attributes
    ----------
    x : ndarray
        Final iterate.
    fun : float
        Objective at ``x``.
    grad : ndarray
        Gradient at ``x``.
    n_iter : int
        Iterations (accepted steps).
    n_fev : int
        Objective/gradient evaluations.
    converged : bool
        ``max|grad| <= gtol`` or the relative decrease fell below ``ftol``.
    message : str
        Why the loop stopped.
    """

    x: np.ndarray
    fun: float
    grad: np.ndarray
    n_iter: int
    n_fev: int
    converged: bool
    message: str


def two_loop_recursion(g, S, Y, gamma):
    r"""Return :math:`H_k g` without forming :math:`H_k` (N&W Algorithm 7.4).

    Parameters
    ----------
    g : ndarray of shape (n,)
        Gradient :math:`\nabla f_k`.
    S, Y : lists of ndarray of shape (n,)
        The last :math:`m` pairs :math:`s_i = x_{i+1} - x_i`,
        :math:`y_i = \nabla f_{i+1} - \nabla f_i`, oldest first.
    gamma : float
        Scale of the initial matrix :math:`H_k^0 = \gamma I`, eq. (lbfgs-gamma).

    Returns
    -------
    r : ndarray of shape (n,)
        :math:`H_k g`; the search direction is :math:`-r`.
    """
    # eq. (lbfgs-two-loop)
    q = g.copy()
    rho = [1.0 / (y @ s) for s, y in zip(S, Y)]
    alpha = [0.0] * len(S)
    for i in range(len(S) - 1, -1, -1):  # newest to oldest
        alpha[i] = rho[i] * (S[i] @ q)
        q -= alpha[i] * Y[i]
    r = gamma * q
    for i in range(len(S)):  # oldest to newest
        beta = rho[i] * (Y[i] @ r)
        r += S[i] * (alpha[i] - beta)
    return r
    # end eq. (lbfgs-two-loop)


def _cubic_min(a0, f0, d0, a1, f1, d1):
    r"""Minimiser of the cubic through (a0, f0, d0) and (a1, f1, d1), eq. (cubic); None if it has none."""
    d_1 = d0 + d1 - 3.0 * (f0 - f1) / (a0 - a1)
    disc = d_1 * d_1 - d0 * d1
    if disc < 0.0:
        return None
    d_2 = np.sign(a1 - a0) * np.sqrt(disc)
    denom = d1 - d0 + 2.0 * d_2
    if denom == 0.0:
        return None
    return a1 - (a1 - a0) * (d1 + d_2 - d_1) / denom


def line_search_wolfe(fun, x, f0, g0, p, alpha1, *, c1=1e-4, c2=0.9, max_ls=50):
    r"""Find a step satisfying the strong Wolfe conditions (N&W Algorithms 3.5 and 3.6).

    .. math::
       :label: wolfe

       f(x + \alpha p) \le f(x) + c_1 \alpha \nabla f^\top p, \qquad
       |\nabla f(x + \alpha p)^\top p| \le c_2 |\nabla f^\top p| .

    Parameters
    ----------
    fun : callable
        ``fun(x) -> (f, g)``.
    x : ndarray of shape (n,)
    f0 : float
        ``f(x)``.
    g0 : ndarray of shape (n,)
        Gradient at ``x``.
    p : ndarray of shape (n,)
        A descent direction (``g0 @ p < 0``).
    alpha1 : float
        First trial step.
    c1, c2 : float, default=1e-4, 0.9
        Sufficient-decrease and curvature constants, 0 < c1 < c2 < 1.
    max_ls : int, default=50
        Evaluations at most.

    Returns
    -------
    alpha : float or None
        The step, or None if none was found within ``max_ls`` evaluations.
    f, g : float, ndarray
        Value and gradient at ``x + alpha p`` (of the last trial when failing).
    n_fev : int
        Evaluations used.
    """
    dphi0 = g0 @ p
    n_fev = 0

    def phi(alpha):
        nonlocal n_fev
        n_fev += 1
        f, g = fun(x + alpha * p)
        return f, g, g @ p

    def zoom(lo, f_lo, d_lo, hi, f_hi, d_hi):
        # N&W Algorithm 3.6: [lo, hi] brackets a strong-Wolfe step; lo has the lower value
        g = None
        while n_fev < max_ls:
            a = _cubic_min(lo, f_lo, d_lo, hi, f_hi, d_hi)  # eq. (cubic)
            width = abs(hi - lo)
            if a is None or not (min(lo, hi) + 0.1 * width <= a <= max(lo, hi) - 0.1 * width):
                a = 0.5 * (lo + hi)  # safeguard: bisect when the cubic step leaves the bracket
            f, g, d = phi(a)
            if f > f0 + c1 * a * dphi0 or f >= f_lo:  # eq. (wolfe), sufficient decrease fails
                hi, f_hi, d_hi = a, f, d
            else:
                if abs(d) <= -c2 * dphi0:  # eq. (wolfe), curvature holds
                    return a, f, g
                if d * (hi - lo) >= 0:
                    hi, f_hi, d_hi = lo, f_lo, d_lo
                lo, f_lo, d_lo = a, f, d
            if width < 1e-16 * max(1.0, abs(lo)):
                break
        return None, f_lo, g

    # N&W Algorithm 3.5: grow the step until the Wolfe conditions hold or a bracket appears
    a_prev, f_prev, d_prev = 0.0, f0, dphi0
    a = alpha1
    for i in range(max_ls):
        f, g, d = phi(a)
        if not np.isfinite(f):
            a = 0.5 * (a_prev + a)  # overflowed: step back towards the last good point
            continue
        if f > f0 + c1 * a * dphi0 or (i > 0 and f >= f_prev):
            alpha, f, g = zoom(a_prev, f_prev, d_prev, a, f, d)
            return alpha, f, g, n_fev
        if abs(d) <= -c2 * dphi0:
            return a, f, g, n_fev
        if d >= 0:
            alpha, f, g = zoom(a, f, d, a_prev, f_prev, d_prev)
            return alpha, f, g, n_fev
        a_prev, f_prev, d_prev = a, f, d
        a = 2.0 * a
    return None, f, g, n_fev


_FTOL = 64 * np.finfo(np.float64).eps  # SciPy's factr=64 in units of machine epsilon, as scikit-learn sets it


def minimize_lbfgs(fun, x0, *, max_iter=100, gtol=1e-5, ftol=_FTOL, m=10, max_ls=50):
    r"""Minimise a smooth function with L-BFGS (N&W Algorithm 7.5).

    Parameters
    ----------
    fun : callable
        ``fun(x) -> (f, g)``, value and gradient.
    x0 : ndarray of shape (n,)
        Starting point (not modified).
    max_iter : int, default=100
        Iterations at most.
    gtol : float, default=1e-5
        Stop when :math:`\max_i |\nabla f_i| \le` ``gtol`` (SciPy's ``pgtol``).
    ftol : float, default=64 * machine epsilon
        Stop when :math:`(f_k - f_{k+1}) / \max(|f_k|, |f_{k+1}|, 1) \le` ``ftol``.
    m : int, default=10
        Number of stored correction pairs.
    max_ls : int, default=50
        Line-search evaluations per iteration at most.

    Returns
    -------
    result : LbfgsResult
    """
    x = np.array(x0, dtype=np.float64)
    f, g = fun(x)
    n_fev = 1
    S, Y = [], []
    gamma = 1.0
    message = f"reached max_iter={max_iter}"
    converged = False
    k = 0
    while True:
        if np.max(np.abs(g), initial=0.0) <= gtol:
            converged, message = True, "max|gradient| <= gtol"
            break
        if k >= max_iter:
            break
        p = -two_loop_recursion(g, S, Y, gamma)
        if g @ p >= 0:  # lost descent (rounding): restart from steepest descent
            S, Y, gamma = [], [], 1.0
            p = -g
        # first iteration: scale the unit step by 1/||g|| (H_0 = I knows no scale)
        alpha1 = 1.0 if S else min(1.0, 1.0 / np.linalg.norm(g))
        alpha, f_new, g_new, n_ls = line_search_wolfe(fun, x, f, g, p, alpha1, max_ls=max_ls)
        n_fev += n_ls
        if alpha is None:
            message = "line search could not find a step satisfying the Wolfe conditions"
            break
        s = alpha * p
        x = x + s
        y = g_new - g
        k += 1
        f_old, f, g = f, f_new, g_new
        sy = s @ y
        if sy > np.finfo(float).eps * (y @ y):  # curvature s'y > 0 (guaranteed by Wolfe)
            S.append(s)
            Y.append(y)
            if len(S) > m:
                S.pop(0)
                Y.pop(0)
            gamma = sy / (y @ y)  # eq. (lbfgs-gamma)
        if (f_old - f) / max(abs(f_old), abs(f), 1.0) <= ftol:
            converged, message = True, "relative reduction of f <= ftol"
            break
    return LbfgsResult(x, float(f), g, k, n_fev, converged, message)
