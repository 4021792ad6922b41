"""Best split of a node from its histogram, and the partition of its samples.

For every feature the bins are scanned once left to right (missing values go
to the right child) and, if the feature had missing values in training, once
right to left (missing values go to the left child): Algorithm 3 of Chen &
Guestrin (2016), "sparsity-aware split finding". Every candidate is scored by
the second-order gain, eq. (hgb-gain).

``best[f]`` receives, for feature ``f``:
(gain, bin_idx, missing_go_to_left, G_left, H_left, n_left); gain -1 means
"no admissible split". The helpers are ``register_jitable``: plain Python
functions that Numba compiles inline when a compiled kernel calls them.
"""

import numba
import numpy as np
from numba.extending import register_jitable

from ...utils._numba import serial_twin
from ._histogram_kernels import COUNT, SUM_G, SUM_H

GAIN, BIN, MISSING_LEFT, G_LEFT, H_LEFT, N_LEFT = 0, 1, 2, 3, 4, 5


@register_jitable
def node_value(sum_g, sum_h, l2_regularization):
    """Optimal leaf weight w* = -G / (H + lambda), eq. (hgb-leaf).

    The 1e-15 keeps a node whose Hessians sum to zero (lambda = 0) finite.
    """
    return -sum_g / (sum_h + l2_regularization + 1e-15)  # eq. (hgb-leaf)


@register_jitable
def bounded_value(sum_g, sum_h, l2_regularization, lower, upper):
    """eq. (hgb-leaf) clipped to [lower, upper], the bounds monotonic constraints
    put on a node (-inf, +inf without constraints)."""
    return min(max(node_value(sum_g, sum_h, l2_regularization), lower), upper)


@register_jitable
def split_gain(g_left, h_left, g_right, h_right, loss_parent, params, monotonic):
    """Decrease of the second-order objective when a leaf is split, eq. (hgb-gain).

    A leaf with sums (G, H) and value w contributes G * w to the objective
    (eq. hgb-obj with w = w*, dropping the factor 1/2 common to all terms),
    so the gain is the parent's term minus the two children's. A split whose
    children values break the feature's monotonic constraint (+1: left <=
    right, -1: left >= right) gets gain -1: not admissible.
    """
    l2, lower, upper = params[0], params[3], params[4]
    value_left = bounded_value(g_left, h_left, l2, lower, upper)
    value_right = bounded_value(g_right, h_right, l2, lower, upper)
    if (monotonic == 1 and value_left > value_right) or (
            monotonic == -1 and value_left < value_right):
        return -1.0
    return loss_parent - g_left * value_left - g_right * value_right  # eq. (hgb-gain)


@register_jitable
def _scan_feature(hist_f, n_bins_non_missing, has_missing, monotonic, node, params, best_f):
    """Both scans of one feature; writes the best candidate into ``best_f``."""
    n_node, sum_g, sum_h, value = node[0], node[1], node[2], node[3]
    min_samples_leaf, min_hessian = params[1], params[2]
    loss_parent = sum_g * value  # eq. (hgb-obj)
    best_f[GAIN] = -1.0
    # Left to right: bins 0..b go left, the rest and the missing bin go right.
    # With missing values the last candidate (b = n_bins_non_missing - 1) sends
    # exactly the missing values right.
    g_left = h_left = n_left = 0.0
    for b in range(n_bins_non_missing - 1 + has_missing):
        g_left += hist_f[b, SUM_G]
        h_left += hist_f[b, SUM_H]
        n_left += hist_f[b, COUNT]
        if n_left < min_samples_leaf or h_left < min_hessian:
            continue
        if n_node - n_left < min_samples_leaf or sum_h - h_left < min_hessian:
            break
        gain = split_gain(g_left, h_left, sum_g - g_left, sum_h - h_left, loss_parent,
                          params, monotonic)
        if gain > best_f[GAIN] and gain > 0.0:
            best_f[GAIN], best_f[BIN], best_f[MISSING_LEFT] = gain, b, 0.0
            best_f[G_LEFT], best_f[H_LEFT], best_f[N_LEFT] = g_left, h_left, n_left
    if not has_missing:
        return
    # Right to left: bins b+1..last go right, bins 0..b and the missing bin left.
    g_right = h_right = n_right = 0.0
    for b in range(n_bins_non_missing - 2, -1, -1):
        g_right += hist_f[b + 1, SUM_G]
        h_right += hist_f[b + 1, SUM_H]
        n_right += hist_f[b + 1, COUNT]
        if n_right < min_samples_leaf or h_right < min_hessian:
            continue
        if n_node - n_right < min_samples_leaf or sum_h - h_right < min_hessian:
            break
        gain = split_gain(sum_g - g_right, sum_h - h_right, g_right, h_right, loss_parent,
                          params, monotonic)
        if gain > best_f[GAIN] and gain > 0.0:
            best_f[GAIN], best_f[BIN], best_f[MISSING_LEFT] = gain, b, 1.0
            best_f[G_LEFT], best_f[H_LEFT] = sum_g - g_right, sum_h - h_right
            best_f[N_LEFT] = n_node - n_right


#: A category enters the categorical split search only with this much Hessian
#: support (scaled to a sample count) - scikit-learn's and LightGBM's guard
#: against splitting off categories seen a handful of times.
MIN_CAT_SUPPORT = 10.0


@register_jitable
def _scan_categorical(hist_f, n_bins_non_missing, has_missing, node, params, best_f, left_f):
    """Best subset split of a categorical feature; its left categories go to ``left_f``.

    Categories (bins, NaN being one more) are sorted by G_b / (H_b + 10), a
    smoothed leaf value; the optimal two-group partition of a convex loss is
    then a prefix of that order (Fisher 1958 for squared error; LightGBM's
    many-vs-many split). Prefixes are scanned from both ends, each up to the
    middle, with the gain of eq. (hgb-gain).
    """
    n_node, sum_g, sum_h, value = node[0], node[1], node[2], node[3]
    min_samples_leaf, min_hessian = params[1], params[2]
    missing_bin = hist_f.shape[0] - 1
    support_factor = n_node / sum_h  # Hessian -> sample-count scale
    bins = np.empty(n_bins_non_missing + 1, dtype=np.int64)
    ratio = np.empty(n_bins_non_missing + 1)
    n_used = 0
    for k in range(n_bins_non_missing + has_missing):
        b = k if k < n_bins_non_missing else missing_bin
        if hist_f[b, SUM_H] * support_factor >= MIN_CAT_SUPPORT:
            bins[n_used] = b
            ratio[n_used] = hist_f[b, SUM_G] / (hist_f[b, SUM_H] + MIN_CAT_SUPPORT)
            n_used += 1
    best_f[GAIN] = -1.0
    left_f[:] = False
    if n_used <= 1:
        return
    sorted_bins = bins[:n_used][np.argsort(ratio[:n_used], kind="mergesort")]
    loss_parent = sum_g * value  # eq. (hgb-obj)
    best_i, best_direction = -1, 1
    for direction in (1, -1):
        middle = (n_used + 1) // 2 if direction == 1 else (n_used + 1) // 2 - 1
        g_left = h_left = n_left = 0.0
        for i in range(middle):
            b = sorted_bins[i] if direction == 1 else sorted_bins[n_used - 1 - i]
            g_left += hist_f[b, SUM_G]
            h_left += hist_f[b, SUM_H]
            n_left += hist_f[b, COUNT]
            if n_left < min_samples_leaf or h_left < min_hessian:
                continue
            if n_node - n_left < min_samples_leaf or sum_h - h_left < min_hessian:
                break
            gain = split_gain(g_left, h_left, sum_g - g_left, sum_h - h_left, loss_parent,
                              params, 0)
            if gain > best_f[GAIN] and gain > 0.0:
                best_f[GAIN], best_f[BIN] = gain, 0.0
                best_f[G_LEFT], best_f[H_LEFT], best_f[N_LEFT] = g_left, h_left, n_left
                best_i, best_direction = i, direction
    for i in range(best_i + 1):
        left_f[sorted_bins[i] if best_direction == 1 else sorted_bins[n_used - 1 - i]] = True
    best_f[MISSING_LEFT] = 1.0 if left_f[missing_bin] else 0.0


def find_node_split(hist, n_bins_non_missing, has_missing, monotonic_cst, is_categorical,
                    node, params, best, left_cat):
    """Best candidate per feature (``prange``: features are independent).

    Parameters
    ----------
    hist : ndarray of shape (n_features, n_bins, 3)
    n_bins_non_missing : ndarray of shape (n_features,), dtype int64
    has_missing : ndarray of shape (n_features,), dtype int64 (0 or 1)
    monotonic_cst : ndarray of shape (n_features,), dtype int64
        -1, 0 or +1 per feature.
    is_categorical : ndarray of shape (n_features,), bool
    node : ndarray of shape (4,)
        (n_samples, G, H, value) of the node.
    params : ndarray of shape (5,)
        (l2_regularization, min_samples_leaf, min_hessian_to_split, lower,
        upper); lower/upper bound the children values.
    best : ndarray of shape (n_features, 6)
        Output, one row per feature (see the module docstring).
    left_cat : ndarray of shape (n_features, n_bins), bool
        Output for categorical features: the bins sent left.
    """
    for f in numba.prange(hist.shape[0]):
        if is_categorical[f]:
            _scan_categorical(hist[f], n_bins_non_missing[f], has_missing[f], node, params,
                              best[f], left_cat[f])
        else:
            _scan_feature(hist[f], n_bins_non_missing[f], has_missing[f], monotonic_cst[f],
                          node, params, best[f])


#: Samples per block of :func:`split_indices` (the blocks depend on n only).
SPLIT_BLOCK = 16384


def split_indices(X_binned, sample_indices, feature, left_bins):
    """Stable partition of a node's samples into (left, right).

    ``left_bins[b]`` says whether bin ``b`` of the split feature goes left: bins
    <= the threshold bin for a numerical split (plus the missing-value bin if
    NaN goes left), the chosen categories for a categorical one.

    The samples are cut into fixed blocks. Each block counts its left-going
    samples; a running sum of those counts tells every block where its
    samples start in ``left`` and in ``right``; then each block copies its
    samples there in order. Blocks are independent in both passes (``prange``),
    and the result is the plain stable partition whoever runs which block.
    """
    n = sample_indices.shape[0]
    n_blocks = max(1, (n + SPLIT_BLOCK - 1) // SPLIT_BLOCK)
    goes_left = np.empty(n, dtype=np.bool_)
    left_before = np.zeros(n_blocks + 1, dtype=np.int64)  # block b's count, at b + 1
    for b in numba.prange(n_blocks):
        count = 0
        for k in range(b * SPLIT_BLOCK, min((b + 1) * SPLIT_BLOCK, n)):
            goes_left[k] = left_bins[X_binned[sample_indices[k], feature]]
            count += goes_left[k]
        left_before[b + 1] = count
    for b in range(n_blocks):
        left_before[b + 1] += left_before[b]  # now: left samples in blocks before b
    n_left = left_before[n_blocks]
    left = np.empty(n_left, dtype=np.int64)
    right = np.empty(n - n_left, dtype=np.int64)
    for b in numba.prange(n_blocks):
        start = b * SPLIT_BLOCK
        i_left = left_before[b]
        i_right = start - left_before[b]  # right samples in blocks before b
        for k in range(start, min(start + SPLIT_BLOCK, n)):
            if goes_left[k]:
                left[i_left] = sample_indices[k]
                i_left += 1
            else:
                right[i_right] = sample_indices[k]
                i_right += 1
    return left, right


find_node_split_jit = numba.njit(cache=True)(find_node_split)
split_indices_jit = serial_twin(split_indices)  # own cache entry, see utils/_numba.py
split_indices_parallel_jit = numba.njit(cache=True, parallel=True)(split_indices)
