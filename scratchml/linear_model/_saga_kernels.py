r"""SAGA epoch kernel for penalised logistic / softmax regression.

Minimises :math:`F(W) = \frac1N\sum_i s_i \ell_i(W) + \lambda_1\|W\|_1 + \frac{\lambda_2}{2}\|W\|_2^2`
(eq. saga-objective in ``LogisticRegression``) with the proximal SAGA step
eq. (saga-step); the intercepts are an unpenalised extra column.
"""

import math

import numba
import numpy as np

__all__ = ["saga_epoch"]


def _score_derivative(z, y, n_classes, out):
    r"""Write :math:`\partial\ell/\partial z` into ``out``: :math:`\sigma(z) - y` (binary,
    one score) or softmax(z) - onehot(y) (multinomial)."""
    if n_classes == 1:
        if z[0] >= 0:
            out[0] = 1.0 / (1.0 + math.exp(-z[0])) - y
        else:
            e = math.exp(z[0])
            out[0] = e / (1.0 + e) - y
        return
    z_max = z[0]
    for k in range(1, n_classes):
        z_max = max(z_max, z[k])
    total = 0.0
    for k in range(n_classes):
        out[k] = math.exp(z[k] - z_max)  # shifted: no overflow
        total += out[k]
    for k in range(n_classes):
        out[k] /= total
    out[int(y)] -= 1.0


def saga_epoch(X, y, sample_weight, order, W, b, memory, sum_W, sum_b, step, l1, l2, fit_intercept):
    r"""One pass of proximal SAGA over the sample indices in ``order``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features), C order
    y : ndarray of shape (n_samples,)
        {0, 1} labels (binary) or class indices (multinomial).
    sample_weight : ndarray of shape (n_samples,)
    order : ndarray of int64
        Samples to visit (drawn uniformly with replacement by the caller).
    W : ndarray of shape (n_rows, n_features)
        Weights (``n_rows`` = 1 binary, K multinomial); updated in place.
    b : ndarray of shape (n_rows,)
        Intercepts; updated in place.
    memory : ndarray of shape (n_samples, n_rows)
        Last derivative :math:`s_i\,\partial\ell_i/\partial z` seen for each sample.
    sum_W : ndarray of shape (n_rows, n_features)
        :math:`\sum_i` memory_i x_i^T (the table of gradients, summed).
    sum_b : ndarray of shape (n_rows,)
        :math:`\sum_i` memory_i.
    step : float
        :math:`\gamma`.
    l1, l2 : float
        :math:`\lambda_1, \lambda_2`.
    fit_intercept : bool
    """
    n_samples, n_features = X.shape
    n_rows = W.shape[0]
    z = np.empty(n_rows)
    g = np.empty(n_rows)
    shrink = 1.0 / (1.0 + step * l2)  # prox of the L2 part
    threshold = step * l1  # prox of the L1 part
    for i in order:
        for k in range(n_rows):
            s = b[k]
            for j in range(n_features):
                s += W[k, j] * X[i, j]
            z[k] = s
        _score_derivative_jit(z, y[i], n_rows, g)
        for k in range(n_rows):
            g[k] *= sample_weight[i]
            delta = g[k] - memory[i, k]  # f_i'(w) - f_i'(phi_i), a scalar per score
            for j in range(n_features):
                # eq. (saga-step): unbiased, variance-reduced gradient, then the prox
                v = W[k, j] - step * (delta * X[i, j] + sum_W[k, j] / n_samples)
                if v > threshold:
                    v -= threshold
                elif v < -threshold:
                    v += threshold
                else:
                    v = 0.0
                W[k, j] = v * shrink
                sum_W[k, j] += delta * X[i, j]
            if fit_intercept:
                b[k] -= step * (delta + sum_b[k] / n_samples)
                sum_b[k] += delta
            memory[i, k] = g[k]


_score_derivative_jit = numba.njit(cache=True)(_score_derivative)
saga_epoch_jit = numba.njit(cache=True)(saga_epoch)
