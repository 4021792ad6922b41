r"""Limited-memory BFGS with a strong-Wolfe line search (Nocedal & Wright, *Numerical Optimization*, 2nd ed.).

The search direction :math:`d_k = -H_k g_k` applies the inverse-Hessian
approximation built from the last :math:`m` pairs
:math:`s_i = x_{i+1} - x_i`, :math:`y_i = g_{i+1} - g_i` by the two-loop
recursion (Alg. 7.4) with the initial scaling

.. math::
   :label: nn-lbfgs-gamma

   H_k^0 = \gamma_k I,\qquad \gamma_k = \frac{s_{k-1}^\top y_{k-1}}{y_{k-1}^\top y_{k-1}}

(eq. 7.20). The step length satisfies the strong Wolfe conditions

.. math::
   :label: strong-wolfe

   f(x + \alpha d) \le f(x) + c_1\alpha g^\top d,\qquad |g(x + \alpha d)^\top d| \le c_2 |g^\top d|

(eq. 3.7), found by bracketing and zooming (Alg. 3.5 and 3.6).
"""

from collections import deque

import numpy as np

__all__ = ["lbfgs"]


def _cubic_min(a, fa, ga, b, fb, gb):
    """Minimiser of the cubic interpolating f and f' at a and b (N&W eq. 3.59), or None."""
    d1 = ga + gb - 3 * (fa - fb) / (a - b)
    disc = d1 * d1 - ga * gb
    if disc < 0:
        return None
    d2 = np.sign(b - a) * np.sqrt(disc)
    denom = gb - ga + 2 * d2
    if denom == 0:
        return None
    return b - (b - a) * (gb + d2 - d1) / denom


def _zoom(phi, lo, hi, f0, g0, c1, c2, max_eval):
    """N&W Alg. 3.6: shrink [lo, hi] (tuples (alpha, f, g)) until a strong-Wolfe step is found."""
    for _ in range(max_eval):
        a = _cubic_min(*lo, *hi)
        left, right = min(lo[0], hi[0]), max(lo[0], hi[0])
        margin = 0.1 * (right - left)
        if a is None or not (left + margin <= a <= right - margin):
            a = 0.5 * (lo[0] + hi[0])  # bisection when interpolation is unreliable
        fa, ga, extra = phi(a)
        if fa > f0 + c1 * a * g0 or fa >= lo[1]:
            hi = (a, fa, ga)
        else:
            if abs(ga) <= -c2 * g0:
                return a, fa, extra
            if ga * (hi[0] - lo[0]) >= 0:
                hi = lo
            lo = (a, fa, ga)
    return lo[0], lo[1], None


def _line_search(phi, f0, g0, alpha1, c1=1e-4, c2=0.9, max_eval=20):
    """N&W Alg. 3.5: a step satisfying eq. (strong-wolfe); returns (alpha, f, extra) or extra None on failure."""
    prev = (0.0, f0, g0)
    a = alpha1
    for i in range(max_eval):
        fa, ga, extra = phi(a)
        if fa > f0 + c1 * a * g0 or (i > 0 and fa >= prev[1]):
            return _zoom(phi, prev, (a, fa, ga), f0, g0, c1, c2, max_eval)
        if abs(ga) <= -c2 * g0:
            return a, fa, extra
        if ga >= 0:
            return _zoom(phi, (a, fa, ga), prev, f0, g0, c1, c2, max_eval)
        prev = (a, fa, ga)
        a *= 2.0
    return prev[0], prev[1], None


def lbfgs(fun_grad, x0, *, m=10, max_iter=100, max_fun=15000, gtol=1e-5, ftol=2.220446049250313e-09):
    """Minimise ``fun_grad(x) -> (f, g)`` from ``x0``.

    Parameters
    ----------
    fun_grad : callable
        Returns the objective and its gradient (float64 array) at ``x``.
    x0 : ndarray of shape (n,)
    m : int, default=10
        Number of stored correction pairs.
    max_iter : int, default=100
    max_fun : int, default=15000
        Maximum number of ``fun_grad`` calls.
    gtol : float, default=1e-5
        Stop when :math:`\\max_i |g_i| \\le` ``gtol``.
    ftol : float, default=2.2e-9
        Stop when the relative decrease :math:`(f_k - f_{k+1}) / \\max(|f_k|, |f_{k+1}|, 1)` is at most ``ftol``
        (scipy's L-BFGS-B default, ``factr=1e7`` times machine epsilon).

    Returns
    -------
    x : ndarray
    f : float
    n_iter : int
    n_fun : int
    converged : bool

    Examples
    --------
    >>> import numpy as np
    >>> def rosen(x):
    ...     f = (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2
    ...     g = np.array([-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2), 200 * (x[1] - x[0] ** 2)])
    ...     return f, g
    >>> x, f, *_ = lbfgs(rosen, np.array([-1.2, 1.0]), max_iter=200, gtol=1e-10)
    >>> np.round(x, 6)
    array([1., 1.])
    """
    x = np.array(x0, dtype=np.float64)
    f, g = fun_grad(x)
    n_fun = 1
    pairs = deque(maxlen=m)
    for it in range(max_iter):
        if np.max(np.abs(g)) <= gtol:
            return x, f, it, n_fun, True
        # two-loop recursion, N&W Alg. 7.4
        q = g.copy()
        alphas = []
        for s, y, rho in reversed(pairs):
            a = rho * (s @ q)
            q -= a * y
            alphas.append(a)
        if pairs:
            s, y, _ = pairs[-1]
            gamma = (s @ y) / (y @ y)  # eq. (nn-lbfgs-gamma)
        else:
            gamma = 1.0 / max(np.linalg.norm(g), 1e-300)  # first step of length 1 along -g
        r = gamma * q
        for (s, y, rho), a in zip(pairs, reversed(alphas)):
            b = rho * (y @ r)
            r += s * (a - b)
        d = -r
        slope = g @ d
        if slope >= 0:  # not a descent direction (rounding): restart from steepest descent
            pairs.clear()
            d = -g / max(np.linalg.norm(g), 1e-300)
            slope = g @ d

        n_evals = [0]

        def phi(alpha, x=x, d=d, n_evals=n_evals):
            n_evals[0] += 1
            fa, ga = fun_grad(x + alpha * d)
            return fa, ga @ d, ga

        alpha, f_new, g_new = _line_search(phi, f, slope, 1.0)
        n_fun += n_evals[0]
        if g_new is None:  # line search failed: no further progress possible
            return x, f, it, n_fun, False
        x_new = x + alpha * d
        s, y = x_new - x, g_new - g
        sy = s @ y
        if sy > 1e-10 * (y @ y):  # keep H positive definite (curvature condition)
            pairs.append((s, y, 1.0 / sy))
        converged = (f - f_new) / max(abs(f), abs(f_new), 1.0) <= ftol
        x, f, g = x_new, f_new, g_new
        if converged:
            return x, f, it + 1, n_fun, True
        if n_fun >= max_fun:
            return x, f, it + 1, n_fun, False
    return x, f, max_iter, n_fun, np.max(np.abs(g)) <= gtol
