"""Numba kernels for K-Means: the assignment step, the centre sums, Elkan's bounded step.

Each kernel is a plain NumPy/Python function first (readable, steppable,
importable with ``NUMBA_DISABLE_JIT=1``); the compiled twins are bound at the
bottom of the module.

Determinism under threads: the samples are cut into ``n_blocks`` contiguous
blocks that depend on ``n_samples`` only (never on the number of threads).
Each block accumulates its own partial centre sums; the partial sums are then
added in block order. The result is therefore bit-identical for any thread
count, including one.
"""

import numba
import numpy as np

from ..utils._numba import serial_twin

__all__ = [
    "block_bounds",
    "elkan_assign",
    "inertia",
    "lloyd_assign",
    "weighted_sums",
]

#: Samples per block; up to ``_MAX_BLOCKS`` blocks, so the partial sums cost at
#: most ``_MAX_BLOCKS * n_clusters * n_features`` floats of memory.
_BLOCK = 256
_MAX_BLOCKS = 64


def block_bounds(n_samples):
    """Start offsets of the fixed sample blocks (length ``n_blocks + 1``).

    The block layout depends on ``n_samples`` only, which is what makes the
    parallel reductions reproducible for any number of threads.
    """
    n_blocks = min(max((n_samples + _BLOCK - 1) // _BLOCK, 1), _MAX_BLOCKS)
    size = (n_samples + n_blocks - 1) // n_blocks
    bounds = np.empty(n_blocks + 1, dtype=np.int64)
    for b in range(n_blocks + 1):
        bounds[b] = min(b * size, n_samples)
    return bounds


def lloyd_assign(X, centers, bounds, labels, min_dist_sq):
    """Assign each sample to its nearest centre (Lloyd's E-step, eq. kmeans-assign).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features), C-contiguous float
    centers : ndarray of shape (n_clusters, n_features)
    bounds : ndarray of shape (n_blocks + 1,), int64, from :func:`block_bounds`
    labels : ndarray of shape (n_samples,), int32, written in place
    min_dist_sq : ndarray of shape (n_samples,), written in place
        Squared distance of each sample to its centre.

    Ties go to the lowest centre index (strict ``<``), as in scikit-learn.
    """
    n_features = X.shape[1]
    n_clusters = centers.shape[0]
    # Centres as columns: the innermost loop below then runs over contiguous
    # memory and the compiler can update several distances at once. Each
    # distance is still summed over the features in order 0, 1, ..., so the
    # result is the same as one centre at a time.
    centers_T = np.ascontiguousarray(centers.T)
    for b in numba.prange(bounds.shape[0] - 1):
        d = np.empty(n_clusters)  # squared distances of one sample to every centre
        for i in range(bounds[b], bounds[b + 1]):
            # eq. (kmeans-assign)
            d[:] = 0.0
            for f in range(n_features):
                x_f = X[i, f]
                for j in range(n_clusters):
                    t = x_f - centers_T[f, j]
                    d[j] += t * t
            best = 0
            best_d = np.inf
            for j in range(n_clusters):
                if d[j] < best_d:
                    best_d = d[j]
                    best = j
            # end eq. (kmeans-assign)
            labels[i] = best
            min_dist_sq[i] = best_d


def weighted_sums(X, sample_weight, labels, bounds, partial_sums, partial_weights):
    r"""Per-block, per-cluster sums :math:`\sum_{i \in C_k} w_i x_i` and weights (eq. kmeans-update).

    Parameters
    ----------
    partial_sums : ndarray of shape (n_blocks, n_clusters, n_features), zeroed, written in place
    partial_weights : ndarray of shape (n_blocks, n_clusters), zeroed, written in place

    The caller adds the blocks up in block order (``partial_sums.sum(axis=0)``),
    so the totals do not depend on how the blocks were spread over threads.
    """
    n_features = X.shape[1]
    for b in numba.prange(bounds.shape[0] - 1):
        # Views of this block's accumulators: indexing partial_sums[b, k, f]
        # directly inside prange compiles to a loop ~20x slower (Numba 0.68).
        sums_b = partial_sums[b]
        weights_b = partial_weights[b]
        for i in range(bounds[b], bounds[b + 1]):
            k = labels[i]
            w = sample_weight[i]
            weights_b[k] += w
            for f in range(n_features):
                sums_b[k, f] += w * X[i, f]


def inertia(X, sample_weight, centers, labels):
    """Weighted inertia :math:`\\sum_i w_i \\lVert x_i - c_{l_i} \\rVert^2` (eq. kmeans-inertia), serial."""
    total = 0.0
    for i in range(X.shape[0]):
        d = 0.0
        for f in range(X.shape[1]):
            t = X[i, f] - centers[labels[i], f]
            d += t * t
        total += sample_weight[i] * d
    return total


def elkan_assign(X, centers, center_half_dist, s, labels, upper, lower, bounds):
    """One Elkan assignment pass with triangle-inequality pruning (eq. elkan-bounds).

    ``upper[i]`` bounds the distance from sample i to its centre from above,
    ``lower[i, j]`` the distance to centre j from below. A distance is
    computed only when the bounds cannot rule centre j out:
    ``d(x, c_a) <= d(c_a, c_j) / 2`` implies ``d(x, c_j) >= d(x, c_a)``.

    Parameters
    ----------
    center_half_dist : ndarray of shape (n_clusters, n_clusters)
        Half the distances between centres.
    s : ndarray of shape (n_clusters,)
        Half the distance of each centre to its nearest other centre.
    labels, upper, lower : updated in place.
    """
    n_clusters = centers.shape[0]
    n_features = X.shape[1]
    for b in numba.prange(bounds.shape[0] - 1):
        for i in range(bounds[b], bounds[b + 1]):
            a = labels[i]
            u = upper[i]
            # eq. (elkan-bounds)
            if u <= s[a]:
                continue
            tight = False
            for j in range(n_clusters):
                if j == a or u <= lower[i, j] or u <= center_half_dist[a, j]:
                    continue
                if not tight:
                    d = 0.0
                    for f in range(n_features):
                        t = X[i, f] - centers[a, f]
                        d += t * t
                    u = np.sqrt(d)
                    lower[i, a] = u
                    tight = True
                    if u <= lower[i, j] or u <= center_half_dist[a, j]:
                        continue
                d = 0.0
                for f in range(n_features):
                    t = X[i, f] - centers[j, f]
                    d += t * t
                d = np.sqrt(d)
                lower[i, j] = d
                if d < u:
                    a = j
                    u = d
            # end eq. (elkan-bounds)
            labels[i] = a
            upper[i] = u


block_bounds_jit = numba.njit(cache=True)(block_bounds)
lloyd_assign_jit = numba.njit(cache=True, parallel=True)(lloyd_assign)
weighted_sums_jit = numba.njit(cache=True, parallel=True)(weighted_sums)
# Serial twins for small inputs, where starting the thread pool costs more
# than the work; same loops in the same order, so the same bits.
lloyd_assign_serial_jit = serial_twin(lloyd_assign)  # own cache entry, see utils/_numba.py
weighted_sums_serial_jit = serial_twin(weighted_sums)  # own cache entry, see utils/_numba.py
inertia_jit = numba.njit(cache=True)(inertia)
elkan_assign_jit = numba.njit(cache=True, parallel=True)(elkan_assign)
elkan_assign_serial_jit = serial_twin(elkan_assign)  # own cache entry, see utils/_numba.py


def minibatch_update(X, sample_weight, centers_old, centers_new, weight_sums, labels):
    r"""Online centre update of one mini-batch (eq. minibatch-update), in place.

    Each centre becomes the weighted mean of everything it has absorbed so far:
    :math:`\mu_k \leftarrow (W_k \mu_k + \sum_{i \in B_k} w_i x_i) / (W_k + \sum_{i \in B_k} w_i)`,
    with :math:`W_k` (``weight_sums``) the weight absorbed before this batch.
    The sums run in sample order, as scikit-learn's, so the result is the
    same to the last bit given the same labels.
    """
    n_clusters, n_features = centers_old.shape
    wsum = np.zeros(n_clusters, dtype=centers_old.dtype)
    for i in range(X.shape[0]):
        wsum[labels[i]] += sample_weight[i]
    for k in range(n_clusters):
        for f in range(n_features):
            if wsum[k] > 0:
                centers_new[k, f] = centers_old[k, f] * weight_sums[k]  # undo the last mean
            else:
                centers_new[k, f] = centers_old[k, f]
    # eq. (minibatch-update)
    for i in range(X.shape[0]):
        k = labels[i]
        for f in range(n_features):
            centers_new[k, f] += X[i, f] * sample_weight[i]
    for k in range(n_clusters):
        if wsum[k] > 0:
            weight_sums[k] += wsum[k]
            alpha = 1.0 / weight_sums[k]
            for f in range(n_features):
                centers_new[k, f] *= alpha
    # end eq. (minibatch-update)


minibatch_update_jit = numba.njit(cache=True)(minibatch_update)
