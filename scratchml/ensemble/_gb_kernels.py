"""Numba kernel for gradient boosting: the subsample mask of each stage."""

import numba
import numpy as np


def selection_sample_mask(u, n_inbag):
    """Choose exactly ``n_inbag`` of ``len(u)`` rows without replacement, in order.

    Knuth's selection sampling (TAOCP vol. 2, 3rd ed., section 3.4.2,
    Algorithm S): row i is taken with probability (still needed) / (still
    left), decided by the uniform draw ``u[i]``. One pass, no sort, and the
    same rows scikit-learn takes for the same uniform draws.
    """
    n = u.shape[0]
    mask = np.zeros(n, dtype=np.bool_)
    taken = 0
    for i in range(n):
        if u[i] * (n - i) < n_inbag - taken:
            mask[i] = True
            taken += 1
    return mask


selection_sample_mask_jit = numba.njit(cache=True)(selection_sample_mask)
