"""Gradient/Hessian histograms of a node (the inner loop of histogram boosting).

A node's histogram ``hist`` has shape (n_features, n_bins, 3): for feature
``f`` and bin ``b``, ``hist[f, b]`` holds (sum of g_i, sum of h_i, count) over
the node's samples whose feature ``f`` falls in bin ``b`` (eq. hgb-hist).
Features are independent, so the loop over them runs in parallel; each
feature's sums are accumulated by one thread in sample order, so the result is
bit-identical for any thread count.
"""

import numba

from ...utils._numba import serial_twin

#: Positions of the three sums in the last axis of a histogram.
SUM_G, SUM_H, COUNT = 0, 1, 2


def build_histogram(X_binned, sample_indices, ordered_g, ordered_h, hist):
    """Fill ``hist`` (zero on entry) from the samples of one node.

    Parameters
    ----------
    X_binned : ndarray of shape (n_samples, n_features), dtype uint8, Fortran order
        Bin index of every training value.
    sample_indices : ndarray of shape (n_node,), dtype int64
        Rows of ``X_binned`` that reach the node.
    ordered_g, ordered_h : ndarray of shape (n_node,), dtype float32
        Gradients and Hessians of those rows, already gathered in the same
        order (one gather per node instead of one per feature).
    hist : ndarray of shape (n_features, n_bins, 3), dtype float64
        Output; float64 sums of float32 terms, as LightGBM and scikit-learn do.
    """
    n_node = sample_indices.shape[0]
    for f in numba.prange(X_binned.shape[1]):
        column = X_binned[:, f]
        for k in range(n_node):
            b = column[sample_indices[k]]
            hist[f, b, SUM_G] += ordered_g[k]  # eq. (hgb-hist)
            hist[f, b, SUM_H] += ordered_h[k]
            hist[f, b, COUNT] += 1.0


def subtract_histogram(hist_parent, hist_sibling):
    """Histogram of a child from its parent's and its sibling's (eq. hgb-subtract).

    Building a histogram costs O(n_node * n_features); subtracting costs
    O(n_bins * n_features). The grower therefore builds only the smaller
    child's histogram and derives the larger one from this difference.
    """
    return hist_parent - hist_sibling  # eq. (hgb-subtract)


build_histogram_jit = serial_twin(build_histogram)  # own cache entry, see utils/_numba.py
# Threads pay off only on large nodes; the grower picks this twin above a size.
build_histogram_parallel_jit = numba.njit(cache=True, parallel=True)(build_histogram)

__all__ = ["COUNT", "SUM_G", "SUM_H", "build_histogram", "build_histogram_jit",
           "build_histogram_parallel_jit", "subtract_histogram"]
