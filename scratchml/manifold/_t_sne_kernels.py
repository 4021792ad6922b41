"""Numba kernels for t-SNE: perplexity calibration, the exact KL gradient, the update step.

The Barnes-Hut tree and gradient are in ``_barnes_hut_kernels``.

Each kernel is a plain Python function first (importable and runnable with
``NUMBA_DISABLE_JIT=1``); the compiled twins are bound at the bottom. Loops
over points run in parallel (``prange``) only where each point writes its own
output; every sum across points is then taken serially, in index order, so the
results are bit-identical for any number of threads.
"""

import numba
import numpy as np

from ..utils._numba import serial_twin

__all__ = ["binary_search_perplexity", "gains_momentum_step", "kl_gradient_exact"]

_MACHINE_EPSILON = np.finfo(np.double).eps
_PERPLEXITY_TOLERANCE = 1e-5


def binary_search_perplexity(sqdistances, desired_perplexity):
    r"""Row-wise Gaussian bandwidths matching a perplexity (eq. tsne-perplexity).

    Parameters
    ----------
    sqdistances : ndarray of shape (n_samples, n_neighbors)
        Squared distances of each point to its neighbours (all points when
        ``n_neighbors == n_samples``; then the diagonal is ignored).
    desired_perplexity : float

    Returns
    -------
    P : ndarray of shape (n_samples, n_neighbors)
        Conditional probabilities :math:`p_{j|i}`, each row summing to 1.
    """
    n_samples, n_neighbors = sqdistances.shape
    using_neighbors = n_neighbors < n_samples
    desired_entropy = np.log(desired_perplexity)
    P = np.zeros((n_samples, n_neighbors))
    for i in numba.prange(n_samples):
        beta_min = -np.inf
        beta_max = np.inf
        beta = 1.0  # beta = 1 / (2 sigma_i^2)
        for _ in range(100):
            sum_p = 0.0
            for j in range(n_neighbors):
                if j != i or using_neighbors:
                    P[i, j] = np.exp(-sqdistances[i, j] * beta)
                    sum_p += P[i, j]
            if sum_p == 0.0:
                sum_p = 1e-8  # all neighbours infinitely far: avoid log(0) and 0/0
            sum_dp = 0.0
            for j in range(n_neighbors):
                P[i, j] /= sum_p
                sum_dp += sqdistances[i, j] * P[i, j]
            # eq. (tsne-perplexity): H(P_i) = log sum_j e^{-beta d_ij} + beta E[d_ij]
            entropy = np.log(sum_p) + beta * sum_dp
            diff = entropy - desired_entropy
            if abs(diff) <= _PERPLEXITY_TOLERANCE:
                break
            # entropy too high -> bandwidth too wide -> raise beta (and vice versa)
            if diff > 0.0:
                beta_min = beta
                beta = beta * 2.0 if beta_max == np.inf else (beta + beta_max) / 2.0
            else:
                beta_max = beta
                beta = beta / 2.0 if beta_min == -np.inf else (beta + beta_min) / 2.0
    return P


def kl_gradient_exact(Y, P, dof, compute_error):
    r"""KL divergence :math:`KL(P \| Q)` and its gradient, all pairs (eqs. tsne-q, tsne-kl, tsne-grad).

    Parameters
    ----------
    Y : ndarray of shape (n_samples, n_components)
    P : ndarray of shape (n_samples, n_samples)
        Symmetric joint probabilities, zero diagonal.
    dof : float
        Degrees of freedom :math:`\alpha` of the Student-t kernel.
    compute_error : bool

    Returns
    -------
    kl : float (NaN when not computed)
    grad : ndarray of shape (n_samples, n_components)
    """
    n, d = Y.shape
    exponent = (dof + 1.0) / -2.0
    W = np.zeros((n, n))
    row_z = np.zeros(n)
    # eq. (tsne-q): unnormalised kernel w_ij = (1 + |y_i - y_j|^2 / alpha)^(-(alpha+1)/2)
    for i in numba.prange(n):
        s = 0.0
        for j in range(n):
            if j != i:
                d2 = 0.0
                for f in range(d):
                    t = Y[i, f] - Y[j, f]
                    d2 += t * t
                if dof == 1.0:
                    w = 1.0 / (1.0 + d2)  # the usual 2-D case: no pow() needed
                else:
                    w = (1.0 + d2 / dof) ** exponent
                W[i, j] = w
                s += w
        row_z[i] = s
    Z = 0.0
    for i in range(n):  # serial sum in index order: thread-count independent
        Z += row_z[i]
    grad = np.zeros((n, d))
    row_kl = np.zeros(n)
    c = 2.0 * (dof + 1.0) / dof
    for i in numba.prange(n):
        kl_i = 0.0
        for j in range(n):
            if j == i:
                continue
            w = W[i, j]
            q = max(w / Z, _MACHINE_EPSILON)
            if compute_error:
                # eq. (tsne-kl)
                kl_i += P[i, j] * np.log(max(P[i, j], _MACHINE_EPSILON) / q)
            # eq. (tsne-grad): attraction p_ij w_ij minus repulsion q_ij w_ij
            coef = c * (P[i, j] - q) * w
            for f in range(d):
                grad[i, f] += coef * (Y[i, f] - Y[j, f])
        row_kl[i] = kl_i
    kl = np.nan
    if compute_error:
        kl = 0.0
        for i in range(n):
            kl += row_kl[i]
    return kl, grad


def gains_momentum_step(p, grad, update, gains, momentum, learning_rate, min_gain):
    """One step of eq. (tsne-update), in place on ``p``, ``grad``, ``update`` and ``gains``.

    ``grad`` is left multiplied by the gains (its norm is the stopping test).
    """
    for k in range(p.size):
        # delta-bar-delta: the gradient's sign opposes the last step -> larger gain
        if update[k] * grad[k] < 0.0:
            gains[k] += 0.2
        else:
            gains[k] *= 0.8
        gains[k] = max(gains[k], min_gain)
        grad[k] *= gains[k]
        update[k] = momentum * update[k] - learning_rate * grad[k]  # eq. (tsne-update)
        p[k] += update[k]


binary_search_perplexity_jit = numba.njit(cache=True, parallel=True)(binary_search_perplexity)
kl_gradient_exact_jit = numba.njit(cache=True, parallel=True)(kl_gradient_exact)
gains_momentum_step_jit = numba.njit(cache=True)(gains_momentum_step)
# Serial twin for small problems, where starting and joining the thread pool
# every iteration costs more than the arithmetic (and idle threads spin on a
# busy machine). Each point's row is computed independently and the KL terms
# are summed in a fixed order, so the twin gives bit-identical results.
kl_gradient_exact_serial_jit = serial_twin(kl_gradient_exact)
