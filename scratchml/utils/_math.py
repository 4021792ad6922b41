r"""Numerically stable building blocks shared by many algorithms.

Each function says what the naive formula would do wrong; these are the lines
learners copy into their own code, so they must be right for every input.
"""

import numpy as np

__all__ = ["expit", "log_expit", "logsumexp", "softmax", "svd_flip"]


def expit(z):
    r"""Logistic sigmoid :math:`\sigma(z) = 1 / (1 + e^{-z})`, stable for any ``z``.

    The naive ``1 / (1 + np.exp(-z))`` overflows ``exp`` for z < -709 (a
    warning and an ``inf`` in the denominator). We only ever exponentiate a
    non-positive number: for z >= 0 use 1 / (1 + e^{-z}); for z < 0 use
    e^{z} / (1 + e^{z}).

    Parameters
    ----------
    z : array-like of any shape

    Returns
    -------
    s : ndarray of the same shape as ``z``, values in [0, 1]

    Examples
    --------
    >>> expit(np.array([-1e4, 0.0, 1e4]))
    array([0. , 0.5, 1. ])
    """
    z = np.asarray(z, dtype=np.result_type(z, np.float64) if np.asarray(z).dtype != np.float32 else np.float32)
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)).astype(z.dtype, copy=False)


def log_expit(z):
    r""":math:`\log \sigma(z) = -\log(1 + e^{-z})`, stable for any ``z``.

    ``np.log(expit(z))`` returns ``-inf`` once ``expit`` underflows to 0 (z <
    -745); ``-np.logaddexp(0, -z)`` stays exact.

    Parameters
    ----------
    z : array-like of any shape

    Returns
    -------
    out : ndarray of the same shape, values <= 0
    """
    z = np.asarray(z, dtype=np.float64)
    return -np.logaddexp(0.0, -z)


def logsumexp(a, axis=None, keepdims=False):
    r""":math:`\log \sum_j e^{a_j}` without overflow.

    Subtracting the maximum first makes every exponent <= 0, so ``exp`` cannot
    overflow, and at least one term equals 1, so the sum cannot underflow to 0.

    Parameters
    ----------
    a : array-like
    axis : int or None, default=None
    keepdims : bool, default=False

    Returns
    -------
    out : ndarray or float
    """
    a = np.asarray(a, dtype=np.float64)
    a_max = np.max(a, axis=axis, keepdims=True)
    a_max = np.where(np.isfinite(a_max), a_max, 0.0)  # all -inf row: log(0) = -inf, not NaN
    with np.errstate(divide="ignore"):
        out = np.log(np.sum(np.exp(a - a_max), axis=axis, keepdims=True)) + a_max
    if not keepdims:
        out = np.squeeze(out, axis=axis) if axis is not None else out.reshape(())[()]
    return out


def softmax(Z, axis=-1):
    r"""Softmax :math:`e^{z_k} / \sum_j e^{z_j}` along ``axis``, stable for any scores.

    The naive version overflows ``exp`` for scores above ~709; subtracting the
    row maximum leaves the result unchanged (it cancels in the ratio) and keeps
    every exponent <= 0.

    Parameters
    ----------
    Z : array-like of shape (n_samples, n_classes)
    axis : int, default=-1

    Returns
    -------
    P : ndarray of the same shape, each slice along ``axis`` sums to 1
    """
    Z = np.asarray(Z, dtype=np.float64)
    E = np.exp(Z - np.max(Z, axis=axis, keepdims=True))
    return E / np.sum(E, axis=axis, keepdims=True)


def svd_flip(u, v, u_based_decision=True):
    """Fix the signs of singular vectors so SVD results are deterministic.

    An SVD is unique only up to the sign of each pair (u_k, v_k). Following
    scikit-learn, the entry of largest magnitude in each column of ``u`` (or,
    with ``u_based_decision=False``, each row of ``v``) is made positive.

    Parameters
    ----------
    u : ndarray of shape (n_samples, k)
    v : ndarray of shape (k, n_features)
    u_based_decision : bool, default=True

    Returns
    -------
    u, v : ndarrays of the same shapes, new arrays with flipped signs
    """
    if u_based_decision:
        rows = np.argmax(np.abs(u), axis=0)
        signs = np.sign(u[rows, np.arange(u.shape[1])])
    else:
        cols = np.argmax(np.abs(v), axis=1)
        signs = np.sign(v[np.arange(v.shape[0]), cols])
    signs[signs == 0] = 1.0
    return u * signs[np.newaxis, :], v * signs[:, np.newaxis]
