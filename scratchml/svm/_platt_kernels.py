"""Platt scaling and pairwise coupling (LIBSVM's probability estimates), in Numba."""

import numba
import numpy as np


def _log1p_exp_term(f, t):
    # t f + log(1 + exp(-f)) written so that exp never overflows
    if f >= 0:
        return t * f + np.log(1.0 + np.exp(-f))
    return (t - 1.0) * f + np.log(1.0 + np.exp(f))


def sigmoid_train(dec, labels):
    r"""Fit :math:`P(y = 1 \mid f) = 1 / (1 + \exp(A f + B))` by Newton's method (eq. platt).

    Lin, Lin & Weng (2007), Algorithm 1: regularised targets
    :math:`t_+ = (N_+ + 1)/(N_+ + 2)`, :math:`t_- = 1/(N_- + 2)`, Newton
    steps on :math:`(A, B)` with a backtracking line search.

    Parameters
    ----------
    dec : ndarray of shape (l,)
        Cross-validated decision values.
    labels : ndarray of shape (l,)
        +1 / -1.

    Returns
    -------
    A, B : float
    """
    n = dec.shape[0]
    prior1 = 0.0
    prior0 = 0.0
    for i in range(n):
        if labels[i] > 0:
            prior1 += 1
        else:
            prior0 += 1
    min_step, sigma, eps = 1e-10, 1e-12, 1e-5
    hi = (prior1 + 1.0) / (prior1 + 2.0)
    lo = 1.0 / (prior0 + 2.0)
    t = np.empty(n)
    A = 0.0
    B = np.log((prior0 + 1.0) / (prior1 + 1.0))
    fval = 0.0
    for i in range(n):
        t[i] = hi if labels[i] > 0 else lo
        fval += _log1p_exp_term_jit(dec[i] * A + B, t[i])
    for _ in range(100):
        h11 = sigma
        h22 = sigma
        h21 = 0.0
        g1 = 0.0
        g2 = 0.0
        for i in range(n):
            f = dec[i] * A + B
            if f >= 0:
                p = np.exp(-f) / (1.0 + np.exp(-f))
                q = 1.0 / (1.0 + np.exp(-f))
            else:
                p = 1.0 / (1.0 + np.exp(f))
                q = np.exp(f) / (1.0 + np.exp(f))
            d2 = p * q
            h11 += dec[i] * dec[i] * d2
            h22 += d2
            h21 += dec[i] * d2
            d1 = t[i] - p
            g1 += dec[i] * d1
            g2 += d1
        if abs(g1) < eps and abs(g2) < eps:
            break
        det = h11 * h22 - h21 * h21
        dA = -(h22 * g1 - h21 * g2) / det
        dB = -(-h21 * g1 + h11 * g2) / det
        gd = g1 * dA + g2 * dB
        step = 1.0
        while step >= min_step:
            newA = A + step * dA
            newB = B + step * dB
            newf = 0.0
            for i in range(n):
                newf += _log1p_exp_term_jit(dec[i] * newA + newB, t[i])
            if newf < fval + 0.0001 * step * gd:
                A, B, fval = newA, newB, newf
                break
            step /= 2.0
        if step < min_step:
            break
    return A, B


def sigmoid_predict(f, A, B):
    """:math:`1 / (1 + \\exp(A f + B))` without overflow (eq. platt)."""
    fApB = f * A + B
    if fApB >= 0:
        return np.exp(-fApB) / (1.0 + np.exp(-fApB))
    return 1.0 / (1 + np.exp(fApB))


def coupled_probabilities(dec, probA, probB, n_classes):
    r"""Class probabilities from pairwise ones (Wu, Lin & Weng 2004, method 2; eq. svm-coupling).

    Parameters
    ----------
    dec : ndarray of shape (n_samples, n_pairs)
        LIBSVM's pairwise decision values (positive: the first class of the pair).
    probA, probB : ndarrays of shape (n_pairs,)
    n_classes : int

    Returns
    -------
    proba : ndarray of shape (n_samples, n_classes)
    """
    k = n_classes
    out = np.empty((dec.shape[0], k))
    r = np.empty((k, k))
    Q = np.empty((k, k))
    Qp = np.empty(k)
    p = np.empty(k)
    min_prob = 1e-7
    for s in range(dec.shape[0]):
        c = 0
        for i in range(k):
            for j in range(i + 1, k):
                v = sigmoid_predict_jit(dec[s, c], probA[c], probB[c])
                r[i, j] = min(max(v, min_prob), 1 - min_prob)
                r[j, i] = 1 - r[i, j]
                c += 1
        for t in range(k):
            p[t] = 1.0 / k
            Q[t, t] = 0.0
            for j in range(t):
                Q[t, t] += r[j, t] * r[j, t]
                Q[t, j] = Q[j, t]
            for j in range(t + 1, k):
                Q[t, t] += r[j, t] * r[j, t]
                Q[t, j] = -r[j, t] * r[t, j]
        eps = 0.005 / k
        for _ in range(max(100, k)):
            pQp = 0.0
            for t in range(k):
                Qp[t] = 0.0
                for j in range(k):
                    Qp[t] += Q[t, j] * p[j]
                pQp += p[t] * Qp[t]
            max_error = 0.0
            for t in range(k):
                max_error = max(max_error, abs(Qp[t] - pQp))
            if max_error < eps:
                break
            for t in range(k):
                diff = (-Qp[t] + pQp) / Q[t, t]
                p[t] += diff
                pQp = (pQp + diff * (diff * Q[t, t] + 2 * Qp[t])) / (1 + diff) / (1 + diff)
                for j in range(k):
                    Qp[j] = (Qp[j] + diff * Q[t, j]) / (1 + diff)
                    p[j] /= 1 + diff
        out[s] = p
    return out


_log1p_exp_term_jit = numba.njit(cache=True)(_log1p_exp_term)
sigmoid_train_jit = numba.njit(cache=True)(sigmoid_train)
sigmoid_predict_jit = numba.njit(cache=True)(sigmoid_predict)
coupled_probabilities_jit = numba.njit(cache=True)(coupled_probabilities)
