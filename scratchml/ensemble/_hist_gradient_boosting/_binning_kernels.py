"""Mapping real values to bin indices by binary search (one thread per feature)."""

import numba
import numpy as np
from numba.extending import register_jitable


@register_jitable
def map_column(column, thresholds, missing_bin, out):
    """``out[i]`` = the i with thresholds[i-1] < x <= thresholds[i]; NaN -> ``missing_bin``.

    Parameters
    ----------
    column : ndarray of shape (n_samples,), float64
    thresholds : ndarray of shape (n_thresholds,), increasing
    missing_bin : int
    out : ndarray of shape (n_samples,), uint8
    """
    for i in range(column.shape[0]):
        x = column[i]
        if np.isnan(x):
            out[i] = missing_bin
            continue
        lo, hi = 0, thresholds.shape[0]  # first threshold >= x lies in [lo, hi]
        while lo < hi:
            mid = (lo + hi) // 2
            if thresholds[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        out[i] = lo


def map_to_bins(X, thresholds_flat, offsets, missing_bin, X_binned):
    """Bin every column of ``X`` (Fortran order) into ``X_binned`` (Fortran order).

    Feature ``f``'s thresholds are ``thresholds_flat[offsets[f]:offsets[f + 1]]``.
    """
    for f in numba.prange(X.shape[1]):
        map_column(X[:, f], thresholds_flat[offsets[f]:offsets[f + 1]], missing_bin,
                   X_binned[:, f])


map_to_bins_jit = numba.njit(cache=True, parallel=True)(map_to_bins)
