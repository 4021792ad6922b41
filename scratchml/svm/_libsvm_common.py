"""Pieces shared by the LIBSVM-style estimators: kernel codes and values, gamma, cache size, RNG."""

import numpy as np

from ._smo_kernels import LINEAR, POLY, PRECOMPUTED, RBF, SIGMOID

__all__ = ["KERNELS", "LibsvmRandom", "gamma_value", "kernel_matrix", "n_cache_slots"]

KERNELS = {"linear": LINEAR, "poly": POLY, "rbf": RBF, "sigmoid": SIGMOID,
           "precomputed": PRECOMPUTED}


def kernel_matrix(X, Y, kernel, gamma, coef0, degree):
    """Kernel values between the rows of ``X`` and of ``Y`` (eq. svm-kernels), dense."""
    if kernel == "precomputed":
        return X
    dot = X @ Y.T
    if kernel == "linear":
        return dot
    if kernel == "poly":
        return (gamma * dot + coef0) ** degree
    if kernel == "sigmoid":
        return np.tanh(gamma * dot + coef0)
    sq = np.einsum("ij,ij->i", X, X)[:, None] - 2.0 * dot + np.einsum("ij,ij->i", Y, Y)[None, :]
    return np.exp(-gamma * np.maximum(sq, 0.0))  # clip: cancellation can make sq < 0


def gamma_value(gamma, X):
    """``gamma='scale'``: 1 / (n_features * X.var()) (1 if X is constant); 'auto': 1 / n_features."""
    if gamma == "scale":
        var = X.var()
        return 1.0 / (X.shape[1] * var) if var != 0 else 1.0
    if gamma == "auto":
        return 1.0 / X.shape[1]
    return float(gamma)


class LibsvmRandom:
    """LIBSVM's shuffling generator as scikit-learn builds it: MT19937 + Lemire bound.

    ``std::mt19937`` seeded with an integer is NumPy's legacy ``RandomState``
    seeding, and full-range 32-bit draws are its raw outputs, so the
    cross-validation folds of ``probability=True`` are scikit-learn's.
    """

    def __init__(self, seed):
        self.seed = seed
        self.reset()

    def reset(self):
        """Re-seed, as LIBSVM does each time it trains a model."""
        self._state = np.random.RandomState(self.seed)

    def _next(self):
        return int(self._state.randint(0, 2**32, dtype=np.uint32))

    def bounded(self, n):
        """Uniform integer in [0, n) by Lemire's multiply-shift with rejection."""
        m = self._next() * n
        low = m & 0xFFFFFFFF
        if low < n:
            t = (-n) % 2**32
            if t >= n:
                t -= n
                if t >= n:
                    t %= n
            while low < t:
                m = self._next() * n
                low = m & 0xFFFFFFFF
        return m >> 32


def n_cache_slots(cache_size, n):
    """Kernel rows of n float32 values that fit in ``cache_size`` MB (at least 2)."""
    return int(max(2, min(n, cache_size * 2**20 // (4 * n))))
