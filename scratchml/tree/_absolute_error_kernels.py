r"""Numba kernels for ``criterion='absolute_error'``: weighted medians and the
absolute errors of every prefix and suffix of a sorted feature.

The median is not a sufficient statistic that can be updated in O(1) when a
sample moves from the right child to the left one, so the split search first
computes, for one feature, the absolute error of every left child (prefix of
the samples sorted by the feature) and every right child (suffix), then
compares the candidates. Each prefix is found by inserting the samples one by
one into a Fenwick tree (binary indexed tree) over the *ranks of y* in the
node, holding prefix sums of :math:`w` and :math:`w y`: the weighted median is
found by descending the tree to the rank where the cumulative weight crosses
half of the total, and the absolute error around it follows from the prefix
sums, eq. (cart-mae-pinball). Insertion and search are O(log n), so one
feature costs O(n log n) instead of the O(n^2) of recomputing every prefix.

Conventions shared with ``_splitter_kernels``: ``y`` and ``w`` are float64,
every weight is positive (zero-weight rows never reach the builder).

Weighted median (scikit-learn's convention): with the values sorted, the
median is the first value whose cumulative weight exceeds half of the total;
if the cumulative weight of the values before it is *exactly* half, the
median is the midpoint of that value and the previous one (the usual average
of the two middle values for an even count of unit weights).

References
----------
.. [1] L. Breiman, J. Friedman, R. Olshen and C. Stone, *Classification and
   Regression Trees*, Wadsworth 1984, section 8.11 (least absolute deviation
   regression trees: median leaves).
.. [2] P. M. Fenwick, "A new data structure for cumulative frequency tables",
   Software: Practice and Experience 24(3), 1994 (the binary indexed tree).
"""

import numpy as np
from numba.extending import register_jitable

from ._splitter_kernels import is_candidate, monotonic_ok, record_split


@register_jitable
def weighted_median(ys, ws):
    """Weighted median of ``ys`` (sorted increasingly) with positive weights ``ws``, eq. (cart-median)."""
    total = 0.0
    for i in range(ws.shape[0]):  # a plain loop: np.sum sums pairwise in NumPy, not in Numba
        total += ws[i]
    half = 0.5 * total
    below = 0.0  # cumulative weight of ys[:i]
    for i in range(ys.shape[0]):
        if below + ws[i] > half:  # eq. (cart-median): the first r with C_r > W / 2
            if below == half and i > 0:  # the weight splits exactly between i-1 and i
                return 0.5 * (ys[i - 1] + ys[i])
            return ys[i]
        below += ws[i]
    return ys[ys.shape[0] - 1]  # not reached with positive weights


@register_jitable
def median_and_mean_absolute_error(ys, ws):
    r"""Median :math:`m` and :math:`\frac{1}{W}\sum_i w_i |y_i - m|`, eq. (cart-mae).

    ``ys`` sorted increasingly. The deviations are summed directly (not by
    eq. cart-mae-pinball), so a node whose targets are all equal has
    impurity exactly 0 and is never split on rounding noise.
    """
    median = weighted_median(ys, ws)
    total, w_total = 0.0, 0.0
    for i in range(ys.shape[0]):
        total += ws[i] * abs(ys[i] - median)  # eq. (cart-mae)
        w_total += ws[i]
    return median, total / w_total


@register_jitable
def rank_targets(y, w, samples, start, end):
    """Sort the targets of the rows ``samples[start:end]``.

    Returns (order, y_sorted, w_sorted, rank): ``order[r]`` is the position
    (0-based, within the node) of the r-th smallest target, ``y_sorted`` and
    ``w_sorted`` the targets and weights in that order, and ``rank[i]`` the
    rank of the target at position i (the inverse permutation of ``order``).
    """
    m = end - start
    y_node = np.empty(m)
    for i in range(m):
        y_node[i] = y[samples[start + i]]
    order = np.argsort(y_node)
    y_sorted, w_sorted = np.empty(m), np.empty(m)
    rank = np.empty(m, dtype=np.int64)
    for r in range(m):
        y_sorted[r] = y_node[order[r]]
        w_sorted[r] = w[samples[start + order[r]]]
        rank[order[r]] = r
    return order, y_sorted, w_sorted, rank


@register_jitable
def node_median_and_impurity(y, w, samples, start, end):
    """Weighted median and eq. (cart-mae) of the rows ``samples[start:end]``."""
    _, y_sorted, w_sorted, _ = rank_targets(y, w, samples, start, end)
    return median_and_mean_absolute_error(y_sorted, w_sorted)


@register_jitable
def fenwick_add(tree_w, tree_wy, rank, y_r, w_r):
    """Add weight ``w_r`` and ``w_r * y_r`` at 0-based ``rank`` of a Fenwick tree.

    ``tree_w[k]`` (1-based k) holds the sum over the ranks k - lowbit(k) .. k - 1.
    """
    wy = w_r * y_r
    k = rank + 1
    while k < tree_w.shape[0]:
        tree_w[k] += w_r
        tree_wy[k] += wy
        k += k & -k  # next node whose range covers this rank


@register_jitable
def fenwick_descend(tree_w, tree_wy, top_bit, target, inclusive):
    """Largest k whose prefix weight P(k) (ranks 0 .. k-1) is <= ``target``
    (``inclusive``) or < ``target`` (not ``inclusive``), by binary lifting.

    Returns (k, P(k), prefix sum of w*y up to k, target - P(k)).
    """
    k, w_below, wy_below = 0, 0.0, 0.0
    bit = top_bit
    while bit > 0:
        nxt = k + bit
        if nxt < tree_w.shape[0]:
            node_w = tree_w[nxt]
            if node_w < target or (inclusive and node_w == target):
                target -= node_w
                k = nxt
                w_below += node_w
                wy_below += tree_wy[nxt]
        bit >>= 1
    return k, w_below, wy_below, target


@register_jitable
def prefix_absolute_errors(ranks, y_sorted, ws, forward, tree_w, tree_wy, out, medians):
    r"""Absolute error around the weighted median of every prefix (``forward``)
    or suffix of the samples, in the order given.

    ``ranks[i]`` is the rank of sample i's target in the node, so that
    ``y_sorted[ranks[i]]`` is its target; ``ws[i]`` its weight. Afterwards
    ``out[i]`` is the summed absolute error of samples 0..i (forward) or
    i..n-1 (backward), and ``medians[i]`` its weighted median (what a
    monotonic constraint compares). ``tree_w`` and ``tree_wy`` (length n + 1)
    are work buffers.
    """
    n = ranks.shape[0]
    tree_w[:] = 0.0
    tree_wy[:] = 0.0
    top_bit = 1
    while top_bit * 2 <= n:
        top_bit *= 2
    w_total, wy_total = 0.0, 0.0
    for step in range(n):
        i = step if forward else n - 1 - step
        r = ranks[i]
        fenwick_add(tree_w, tree_wy, r, y_sorted[r], ws[i])
        w_total += ws[i]
        wy_total += ws[i] * y_sorted[r]
        half = 0.5 * w_total
        # rank k of the median, eq. (cart-median): the first whose cumulative
        # weight exceeds half
        k, w_below, wy_below, rest = fenwick_descend(tree_w, tree_wy, top_bit, half, True)
        median = y_sorted[k]
        if rest == 0.0:  # the ranks below k weigh exactly half: average with the previous one
            k_prev = fenwick_descend(tree_w, tree_wy, top_bit, half, False)[0]
            median = (y_sorted[k_prev] + y_sorted[k]) / 2.0
        medians[i] = median
        w_above = w_total - w_below
        wy_above = wy_total - wy_below
        # eq. (cart-mae-pinball): targets at or above the median, then below it
        out[i] = (wy_above - median * w_above) + (median * w_below - wy_below)


@register_jitable
def sweep_feature_absolute_error(xs, ws, ranks, y_sorted, w_node, min_leaf, min_weight_leaf,
                                 best, cst, lower, upper):
    """``sweep_feature`` for ``absolute_error``: the best threshold of one feature.

    ``xs``, ``ws`` and ``ranks`` are the node's feature values, weights and
    target ranks in increasing order of the feature (missing values after
    or before the others, as in ``sweep_feature``). The absolute errors of
    all left children (prefixes) and right children (suffixes) are computed
    first, in O(n log n); then every candidate costs O(1). ``best`` is
    ``[proxy, position, threshold]``, overwritten only by a strictly better
    candidate, so the first of tied candidates wins. With ``cst != 0`` the
    children's medians must satisfy eq. (cart-monotonic).
    """
    m = xs.shape[0]
    tree_w, tree_wy = np.empty(m + 1), np.empty(m + 1)
    ae_left, ae_right = np.empty(m), np.empty(m)
    med_left, med_right = np.empty(m), np.empty(m)
    prefix_absolute_errors(ranks, y_sorted, ws, True, tree_w, tree_wy, ae_left, med_left)
    prefix_absolute_errors(ranks, y_sorted, ws, False, tree_w, tree_wy, ae_right, med_right)
    w_left = 0.0
    found = False
    for j in range(1, m):  # j samples go left
        w_left += ws[j - 1]
        if not is_candidate(xs, j):
            continue
        if j < min_leaf or m - j < min_leaf:
            continue
        w_right = w_node - w_left
        if w_left < min_weight_leaf or w_right < min_weight_leaf:
            continue
        if cst != 0 and not monotonic_ok(med_left[j - 1], med_right[j], cst, lower, upper):
            continue
        # -W_R H(R) - W_L H(L) with H of eq. (cart-mae): the gain of eq.
        # (cart-gain) up to terms that are the same for every candidate
        proxy = -w_right * (ae_right[j] / w_right) - w_left * (ae_left[j - 1] / w_left)
        if proxy > best[0]:
            record_split(best, proxy, xs, j)
            found = True
    return found


@register_jitable
def random_split_proxy(xf, threshold, missing_left, order, y_sorted, w_sorted, n_left,
                       w_left, w_right):
    """Proxy gain of one random threshold (Extra-Trees) for ``absolute_error``.

    ``xf`` holds the node's values of the feature by position (missing ones
    go left iff ``missing_left``), ``order``,
    ``y_sorted``, ``w_sorted`` come from :func:`rank_targets`. Walking the
    targets in sorted order and dealing them to the two children keeps each
    child sorted, so both medians cost O(n) without another sort.

    Returns (proxy, median of the left child, median of the right child).
    """
    m = xf.shape[0]
    ys_left, ws_left = np.empty(n_left), np.empty(n_left)
    ys_right, ws_right = np.empty(m - n_left), np.empty(m - n_left)
    a, b = 0, 0
    for r in range(m):
        x = xf[order[r]]
        if x <= threshold or (missing_left and np.isnan(x)):
            ys_left[a], ws_left[a] = y_sorted[r], w_sorted[r]
            a += 1
        else:
            ys_right[b], ws_right[b] = y_sorted[r], w_sorted[r]
            b += 1
    med_left, imp_left = median_and_mean_absolute_error(ys_left, ws_left)
    med_right, imp_right = median_and_mean_absolute_error(ys_right, ws_right)
    return -w_right * imp_right - w_left * imp_left, med_left, med_right
