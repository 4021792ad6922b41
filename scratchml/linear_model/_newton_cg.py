r"""Line-search Newton-CG (Nocedal & Wright, Algorithm 7.1) using Hessian-vector products.

Newton's step solves :math:`H_k p = -g_k`; conjugate gradients solve it
approximately with only products :math:`H_k v`, never forming :math:`H_k`.
"""

import numpy as np

from ._lbfgs import LbfgsResult, line_search_wolfe

__all__ = ["conjugate_gradient", "minimize_newton_cg"]


def conjugate_gradient(hessp, g, tol, max_inner=200):
    r"""Approximately solve :math:`Hp = -g` by CG (N&W Algorithm 7.1, inner loop).

    Stops when the residual is below ``tol`` (in L1 norm, as scikit-learn) or
    when a direction of non-positive curvature appears, in which case the
    current iterate (or :math:`-g` at the first step) is returned.

    Parameters
    ----------
    hessp : callable
        ``v -> H v``.
    g : ndarray of shape (n,)
    tol : float
    max_inner : int, default=200

    Returns
    -------
    p : ndarray of shape (n,)
        A descent direction.
    """
    p = np.zeros_like(g)
    r = g.copy()  # residual H p + g at p = 0
    d = -r
    rr = r @ r
    for i in range(max_inner):
        if np.abs(r).sum() <= tol:
            break
        Hd = hessp(d)
        curvature = d @ Hd
        if curvature <= 0:  # H not positive definite along d: stop (N&W eq. 7.2 branch)
            return -g if i == 0 else p
        alpha = rr / curvature
        p = p + alpha * d
        r = r + alpha * Hd
        rr_new = r @ r
        d = -r + (rr_new / rr) * d
        rr = rr_new
    return p


def minimize_newton_cg(fun, hess_at, x0, *, max_iter=100, gtol=1e-4, max_inner=200):
    r"""Minimise a smooth convex function by line-search Newton-CG.

    Parameters
    ----------
    fun : callable
        ``fun(x) -> (f, g)``.
    hess_at : callable
        ``hess_at(x) -> hessp``, the Hessian-vector product at ``x``.
    x0 : ndarray of shape (n,)
    max_iter : int, default=100
        Newton iterations at most.
    gtol : float, default=1e-4
        Stop when :math:`\max_i|g_i| \le` ``gtol``.
    max_inner : int, default=200
        CG iterations per Newton step at most.

    Returns
    -------
    result : LbfgsResult
        Same fields as :func:`scratchml.linear_model._lbfgs.minimize_lbfgs`.
    """
    x = np.array(x0, dtype=np.float64)
    f, g = fun(x)
    n_fev = 1
    for k in range(max_iter):
        if np.max(np.abs(g), initial=0.0) <= gtol:
            return LbfgsResult(x, float(f), g, k, n_fev, True, "max|gradient| <= gtol")
        g_l1 = np.abs(g).sum()
        forcing = min(0.5, np.sqrt(g_l1)) * g_l1  # superlinear forcing sequence (N&W eq. 7.3)
        p = conjugate_gradient(hess_at(x), g, forcing, max_inner)
        alpha, f_new, g_new, n_ls = line_search_wolfe(fun, x, f, g, p, 1.0)
        n_fev += n_ls
        if alpha is None:
            return LbfgsResult(x, float(f), g, k, n_fev, False, "line search failed")
        x = x + alpha * p
        f, g = f_new, g_new
    converged = np.max(np.abs(g), initial=0.0) <= gtol
    return LbfgsResult(x, float(f), g, max_iter, n_fev, converged, f"reached max_iter={max_iter}")
