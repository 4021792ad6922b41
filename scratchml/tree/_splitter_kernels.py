"""Numba kernels for CART: node impurities and the search for one node's split.

Every helper here is ``register_jitable``: a plain Python function when called
from Python (readable, steppable, runs under ``NUMBA_DISABLE_JIT=1``) and
compiled inline when the tree builder in ``_tree_kernels.py`` is compiled.

Conventions shared with the builder:

* ``X`` is float32 (as in scikit-learn: thresholds are midpoints between
  float32 values, computed in float64);
* ``y`` is float64: class index for classification, target for regression;
* a node's sufficient statistics ``stats`` are the weighted class counts
  (classification, length K) or ``[sum w*y, sum w*y^2]`` (regression; with
  ``absolute_error`` a third entry holds the node's weighted median, which
  ``_absolute_error_kernels`` computes, since no O(1) update gives it);
* ``samples[start:end]`` are the rows that reach the node;
* missing values (NaN in ``X``) are searched as scikit-learn does: a
  sweep sees the node's sorted non-missing values followed by the missing
  ones (they go right), then, if there are any, preceded by them (they go
  left); ``best = [proxy, position, threshold, missing_go_to_left]``.
"""

import numpy as np
from numba.extending import register_jitable

# Criterion codes (the estimator maps the user's string to one of these).
GINI, ENTROPY, SQUARED_ERROR, POISSON, ABSOLUTE_ERROR = 0, 1, 2, 3, 4
EPSILON = np.finfo(np.float64).eps
# Two feature values closer than this are treated as equal (scikit-learn's
# FEATURE_THRESHOLD): no threshold is ever placed between them.
FEATURE_THRESHOLD = 1e-7
RAND_R_MAX = 0x7FFFFFFF


@register_jitable
def rand_int(low, high, state):
    """Draw an integer in [low, high) from a 32-bit xorshift generator.

    The state lives in ``state[0]`` (an int64 array), so the same seed gives
    the same draws in Python and in compiled code; masking keeps it in 32 bits.
    """
    s = state[0]
    s ^= (s << 13) & 0xFFFFFFFF
    s ^= s >> 17
    s ^= (s << 5) & 0xFFFFFFFF
    state[0] = s
    return low + (s % (RAND_R_MAX + 1)) % (high - low)


@register_jitable
def rand_uniform(low, high, state):
    """Draw a float in [low, high) from the same generator."""
    r = rand_int(0, RAND_R_MAX, state)
    return low + (high - low) * (r / RAND_R_MAX)


@register_jitable
def add_sample(stats, y_i, w_i, criterion):
    """Add sample (y_i, w_i) to the sufficient statistics of a node."""
    if criterion <= ENTROPY:
        stats[int(y_i)] += w_i
    else:
        stats[0] += w_i * y_i
        stats[1] += w_i * y_i * y_i


@register_jitable
def impurity(stats, w, criterion):
    r"""Impurity of a node with statistics ``stats`` and total weight ``w``."""
    out = 0.0
    if criterion == GINI:
        # eq. (cart-gini)
        out = 1.0
        for k in range(stats.shape[0]):
            p_k = stats[k] / w
            out -= p_k * p_k
    elif criterion == ENTROPY:
        # eq. (cart-entropy), in bits as scikit-learn reports it
        for k in range(stats.shape[0]):
            if stats[k] > 0.0:
                p_k = stats[k] / w
                out -= p_k * np.log(p_k) / np.log(2.0)
    else:
        # eq. (cart-mse): E[y^2] - E[y]^2
        mean = stats[0] / w
        out = stats[1] / w - mean * mean
    return out


@register_jitable
def proxy_gain(left, right, w_left, w_right, criterion):
    """A quantity that orders the candidate splits of one node as the gain does.

    The gain of eq. (cart-gain) minus terms that do not depend on the split:
    cheaper to evaluate, and the same proxies scikit-learn compares, so ties
    break the same way.
    """
    if criterion <= ENTROPY:
        return -w_left * impurity(left, w_left, criterion) - w_right * impurity(
            right, w_right, criterion
        )
    if criterion == POISSON:
        # -W_l H(L) - W_r H(R) of eq. (cart-poisson) without sum w y log y
        if left[0] <= EPSILON or right[0] <= EPSILON:
            return -np.inf  # a child with zero mean has infinite deviance
        return left[0] * np.log(left[0] / w_left) + right[0] * np.log(right[0] / w_right)
    # -w_l*mse_l - w_r*mse_r without the sum of y^2, which is constant
    return left[0] * left[0] / w_left + right[0] * right[0] / w_right


@register_jitable
def poisson_deviance(y, w, samples, start, end, y_sum, w_total):
    r"""Half Poisson deviance of ``samples[start:end]`` around their mean, eq. (cart-poisson)."""
    if y_sum <= EPSILON:
        return np.inf
    mean = y_sum / w_total
    out = 0.0
    for i in range(start, end):
        y_i = y[samples[i]]
        if y_i > 0.0:  # y log(y / mean) -> 0 as y -> 0
            out += w[samples[i]] * y_i * np.log(y_i / mean)
    return out / w_total


@register_jitable
def gain(imp_node, imp_left, imp_right, w_node, w_left, w_right, w_root):
    """Weighted impurity decrease of a split, eq. (cart-gain)."""
    return (w_node / w_root) * (
        imp_node - w_right / w_node * imp_right - w_left / w_node * imp_left
    )


@register_jitable
def monotonic_ok(v_left, v_right, cst, lower, upper):
    r"""Whether children values ``v_left``, ``v_right`` may follow a split on a
    feature with constraint ``cst`` in a node bounded by ``[lower, upper]``,
    eq. (cart-monotonic): both values in the bounds, and ordered as ``cst`` says.
    """
    in_bounds = v_left >= lower and v_right >= lower and v_left <= upper and v_right <= upper
    return in_bounds and (v_left - v_right) * cst <= 0  # eq. (cart-monotonic)


@register_jitable
def sweep_feature(xs, ys, ws, node_stats, w_node, min_leaf, min_weight_leaf, criterion, best,
                  cst, lower, upper):
    """Scan the sorted values of one feature for its best threshold.

    ``xs`` are the node's values of the feature in increasing order (with
    the missing ones after or before them, see the module docstring), ``ys``
    and ``ws`` the targets and weights in the same order. Running statistics of
    the left child make each candidate O(K) instead of O(N K). ``best`` is
    overwritten when a candidate beats it strictly, so the first of tied
    candidates wins. With ``cst != 0`` a candidate whose children's values
    (``stats[0] / W``) break eq. (cart-monotonic) is skipped.
    """
    m = xs.shape[0]
    left = np.zeros_like(node_stats)
    right = np.empty_like(node_stats)
    w_left = 0.0
    found = False
    for j in range(1, m):  # j samples go left
        add_sample(left, ys[j - 1], ws[j - 1], criterion)
        w_left += ws[j - 1]
        if not is_candidate(xs, j):
            continue
        if j < min_leaf or m - j < min_leaf:
            continue
        w_right = w_node - w_left
        if w_left < min_weight_leaf or w_right < min_weight_leaf:
            continue
        for k in range(node_stats.shape[0]):
            right[k] = node_stats[k] - left[k]
        if cst != 0 and not monotonic_ok(left[0] / w_left, right[0] / w_right, cst, lower, upper):
            continue
        proxy = proxy_gain(left, right, w_left, w_right, criterion)
        if proxy > best[0]:
            record_split(best, proxy, xs, j)
            found = True
    return found


@register_jitable
def is_candidate(xs, j):
    """Whether a sweep may cut between positions j - 1 and j of ``xs``.

    Not inside the block of missing values (the left child would hold only
    missing values, or the cut lies past the last non-missing value), not
    between values closer than ``FEATURE_THRESHOLD``. NaN compares false, so
    the cut after the last non-missing value, with every missing value to
    its right, is a candidate.
    """
    return not np.isnan(xs[j - 1]) and not xs[j] <= xs[j - 1] + FEATURE_THRESHOLD


@register_jitable
def record_split(best, proxy, xs, j):
    """Store the cut before position ``j`` of a sweep over ``xs`` in ``best``."""
    m = xs.shape[0]
    best[0] = proxy
    best[1] = j
    if np.isnan(xs[j]):
        best[2] = np.inf  # non-missing left, missing right: NaN <= inf is false
    else:
        best[2] = midpoint(xs[j - 1], xs[j])
    if np.isnan(xs[0]):
        best[3] = 1.0  # second sweep: the missing values went left
    elif np.isnan(xs[m - 1]):
        best[3] = 0.0
    else:
        # no missing value in this node: unseen ones will follow the larger child
        best[3] = 1.0 if j > m - j else 0.0


@register_jitable
def midpoint(lo, hi):
    """Threshold between consecutive distinct values ``lo < hi`` of a feature.

    If rounding puts the midpoint on the upper value (or overflows), the lower
    value keeps both sides non-empty.
    """
    threshold = lo / 2.0 + hi / 2.0
    if threshold == hi or np.isinf(threshold):
        threshold = lo
    return threshold


@register_jitable
def partition(X, samples, start, end, feature, threshold, missing_left):
    """Reorder ``samples[start:end]`` so rows with X[:, feature] <= threshold come first.

    Missing values (NaN) go left iff ``missing_left``. Returns the position
    of the first row of the right child.
    """
    i, j = start, end - 1
    while i <= j:
        x = X[samples[i], feature]
        if x <= threshold or (missing_left and np.isnan(x)):
            i += 1
        else:
            samples[i], samples[j] = samples[j], samples[i]
            j -= 1
    return i
