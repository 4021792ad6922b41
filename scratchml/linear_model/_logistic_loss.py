r"""Penalised logistic and multinomial log-losses with their gradients.

Both take the flat parameter vector L-BFGS works on and return
``(loss, gradient)`` in one pass over ``X`` (the two share the scores
:math:`z = Xw + b`). Weights are pre-normalised to sum to one, so the loss is
scikit-learn's scaled objective, eq. (logreg-objective) divided by
:math:`C S` (same minimiser, tolerances on the same scale).
"""

import numpy as np

from ..utils._math import expit, logsumexp

__all__ = ["binary_loss_grad", "multinomial_loss_grad"]


def binary_loss_grad(w, X, y, sample_weight, l2_reg, fit_intercept):
    r"""Binary log-loss, eq. (logreg-loss), and its gradient, eq. (logreg-grad).

    Parameters
    ----------
    w : ndarray of shape (n_features + fit_intercept,)
        Coefficients, then the intercept.
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
        Labels in {0, 1}.
    sample_weight : ndarray of shape (n_samples,)
        Weights summing to 1.
    l2_reg : float
        :math:`\lambda = 1 / (C S)`; 0 for no penalty.
    fit_intercept : bool

    Returns
    -------
    loss : float
    grad : ndarray of the shape of ``w``
    """
    n_features = X.shape[1]
    coef = w[:n_features]
    z = X @ coef
    if fit_intercept:
        z += w[-1]
    # log(1 + e^z) via logaddexp: the naive form overflows exp for z > 709
    loss = sample_weight @ (np.logaddexp(0.0, z) - y * z) + 0.5 * l2_reg * (coef @ coef)  # eq. (logreg-loss)
    residual = sample_weight * (expit(z) - y)  # s_i (sigma(z_i) - y_i)
    grad = np.empty_like(w)
    grad[:n_features] = X.T @ residual + l2_reg * coef  # eq. (logreg-grad)
    if fit_intercept:
        grad[-1] = residual.sum()
    return loss, grad


def multinomial_loss_grad(w, X, Y, sample_weight, l2_reg, fit_intercept):
    r"""Multinomial (softmax) log-loss, eq. (softmax-loss), and its gradient, eq. (softmax-grad).

    Parameters
    ----------
    w : ndarray of shape (n_classes * (n_features + fit_intercept),)
        Row-major ravel of the (n_classes, n_features [+ 1]) matrix whose last
        column is the intercept.
    X : ndarray of shape (n_samples, n_features)
    Y : ndarray of shape (n_samples, n_classes)
        One-hot labels.
    sample_weight : ndarray of shape (n_samples,)
        Weights summing to 1.
    l2_reg : float
    fit_intercept : bool

    Returns
    -------
    loss : float
    grad : ndarray of the shape of ``w``
    """
    n_features = X.shape[1]
    n_classes = Y.shape[1]
    W = w.reshape(n_classes, -1)  # (n_classes, n_features [+ 1])
    # contiguous copy: a strided view would push matmul off its BLAS fast path
    coef = np.ascontiguousarray(W[:, :n_features])
    Z = X @ coef.T  # (n_samples, n_classes)
    if fit_intercept:
        Z += W[:, -1]
    # One exp pass serves both the log-sum-exp and the softmax. Shifting by the
    # row maximum keeps every exponent <= 0 (no overflow) and one term equal to 1
    # (no log(0)); this is utils._math.logsumexp / softmax, fused.
    z_max = Z.max(axis=1, keepdims=True)
    E = np.exp(Z - z_max)
    total = E.sum(axis=1, keepdims=True)
    lse = (np.log(total) + z_max)[:, 0]
    loss = sample_weight @ (lse - np.sum(Y * Z, axis=1)) + 0.5 * l2_reg * np.sum(coef**2)  # eq. (softmax-loss)
    P = E / total  # softmax
    G = sample_weight[:, None] * (P - Y)  # (n_samples, n_classes)
    grad = np.empty_like(W)
    grad[:, :n_features] = G.T @ X + l2_reg * coef  # eq. (softmax-grad)
    if fit_intercept:
        grad[:, -1] = G.sum(axis=0)
    return loss, grad.ravel()


def binary_hessp(w, X, sample_weight, l2_reg, fit_intercept):
    r"""Hessian-vector product of eq. (logreg-loss) at ``w``, eq. (logreg-hessp).

    Returns a function ``v -> H v`` with
    :math:`H = \tilde X^\top \mathrm{diag}(s_i\sigma_i(1-\sigma_i))\tilde X + \lambda I_w`,
    :math:`\tilde X = [X, 1]` (the intercept is not penalised).

    Parameters
    ----------
    w : ndarray of shape (n_features + fit_intercept,)
    X : ndarray of shape (n_samples, n_features)
    sample_weight : ndarray of shape (n_samples,)
        Weights summing to 1.
    l2_reg : float
    fit_intercept : bool

    Returns
    -------
    hessp : callable
    """
    n_features = X.shape[1]
    z = X @ w[:n_features]
    if fit_intercept:
        z += w[-1]
    sig = expit(z)
    d = sample_weight * sig * (1.0 - sig)  # curvature of each log-loss term

    def hessp(v):
        u = X @ v[:n_features]
        if fit_intercept:
            u += v[-1]
        du = d * u
        out = np.empty_like(v)
        out[:n_features] = X.T @ du + l2_reg * v[:n_features]  # eq. (logreg-hessp)
        if fit_intercept:
            out[-1] = du.sum()
        return out

    return hessp


def multinomial_hessp(w, X, n_classes, sample_weight, l2_reg, fit_intercept):
    r"""Hessian-vector product of eq. (softmax-loss) at ``w``, eq. (softmax-hessp).

    Per sample the Hessian in the scores is :math:`\mathrm{diag}(p_i) - p_i p_i^\top`,
    so with :math:`u_i = V x_i + v_b` the product is
    :math:`\sum_i s_i (p_i \odot u_i - p_i (p_i^\top u_i))\,\tilde x_i^\top + \lambda V`.

    Parameters
    ----------
    w : ndarray of shape (n_classes * (n_features + fit_intercept),)
    X : ndarray of shape (n_samples, n_features)
    n_classes : int
    sample_weight : ndarray of shape (n_samples,)
    l2_reg : float
    fit_intercept : bool

    Returns
    -------
    hessp : callable
    """
    n_features = X.shape[1]
    W = w.reshape(n_classes, -1)
    Z = X @ np.ascontiguousarray(W[:, :n_features]).T
    if fit_intercept:
        Z += W[:, -1]
    P = np.exp(Z - logsumexp(Z, axis=1)[:, None])

    def hessp(v):
        V = v.reshape(n_classes, -1)
        U = X @ np.ascontiguousarray(V[:, :n_features]).T  # (n_samples, n_classes)
        if fit_intercept:
            U += V[:, -1]
        R = sample_weight[:, None] * (P * U - P * np.sum(P * U, axis=1, keepdims=True))
        out = np.empty_like(V)
        out[:, :n_features] = R.T @ X + l2_reg * V[:, :n_features]  # eq. (softmax-hessp)
        if fit_intercept:
            out[:, -1] = R.sum(axis=0)
        return out.ravel()

    return hessp
