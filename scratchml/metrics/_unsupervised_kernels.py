"""Numba kernels for the silhouette coefficient and trustworthiness."""

import numba
import numpy as np


def cluster_distance_sums(X, labels, n_clusters):
    """Sum of Euclidean distances from every sample to the members of each cluster.

    Loops over the N (N - 1) / 2 pairs once, so memory is O(N K) instead of
    the O(N^2) of a full distance matrix. The difference is squared
    coordinate by coordinate (not ``|x|^2 - 2 x.y + |y|^2``, which cancels
    catastrophically for nearby points).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features), float64, C-contiguous
    labels : ndarray of shape (n_samples,), int64 in [0, n_clusters)
    n_clusters : int

    Returns
    -------
    sums : ndarray of shape (n_samples, n_clusters)
        ``sums[i, k] = sum over j in cluster k of ||x_i - x_j||``.
    """
    n_samples, n_features = X.shape
    sums = np.zeros((n_samples, n_clusters))
    for i in range(n_samples):
        for j in range(i + 1, n_samples):
            squared = 0.0
            for f in range(n_features):
                diff = X[i, f] - X[j, f]
                squared += diff * diff
            distance = np.sqrt(squared)
            sums[i, labels[j]] += distance
            sums[j, labels[i]] += distance
    return sums


def pairwise_euclidean(X):
    """Full (N, N) matrix of Euclidean distances, by coordinate differences.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features), float64, C-contiguous

    Returns
    -------
    D : ndarray of shape (n_samples, n_samples)
    """
    n_samples, n_features = X.shape
    D = np.zeros((n_samples, n_samples))
    for i in range(n_samples):
        for j in range(i + 1, n_samples):
            squared = 0.0
            for f in range(n_features):
                diff = X[i, f] - X[j, f]
                squared += diff * diff
            D[i, j] = np.sqrt(squared)
            D[j, i] = D[i, j]
    return D


cluster_distance_sums_jit = numba.njit(cache=True)(cluster_distance_sums)
pairwise_euclidean_jit = numba.njit(cache=True)(pairwise_euclidean)
