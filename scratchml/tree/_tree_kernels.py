"""Numba kernels that grow a CART tree into flat arrays and route samples down it.

The tree is grown entirely in compiled code (no Python call per node).  A
node's record is split over three arrays so the builders stay short:

* ``nodes_int[i]``   = (children_left, children_right, feature, n_node_samples,
  missing_go_to_left)
* ``nodes_float[i]`` = (threshold, impurity, weighted_n_node_samples)
* ``value[i]``       = weighted class counts (classification), or the mean
  (regression; the weighted median with ``absolute_error``); with monotonic
  constraints, the class fractions, and every value clipped to the bounds
  the node inherited, eq. (cart-monotonic-bounds)

Leaves have ``children_left == children_right == -1`` and ``feature ==
threshold == -2``, scikit-learn's markers. ``params`` is a :class:`TreeParams`
named tuple of resolved hyper-parameters; ``state`` the RNG state of
``_splitter_kernels.rand_int``.
"""

from collections import namedtuple

import numba
import numpy as np
from numba.extending import register_jitable

from ._absolute_error_kernels import (
    node_median_and_impurity,
    random_split_proxy,
    rank_targets,
    sweep_feature_absolute_error,
)
from ._splitter_kernels import (
    ABSOLUTE_ERROR,
    ENTROPY,
    FEATURE_THRESHOLD,
    POISSON,
    add_sample,
    gain,
    impurity,
    monotonic_ok,
    partition,
    poisson_deviance,
    proxy_gain,
    rand_int,
    rand_uniform,
    sweep_feature,
)

TREE_LEAF, TREE_UNDEFINED = -1, -2
EPSILON = np.finfo(np.float64).eps

TreeParams = namedtuple(
    "TreeParams",
    [
        "criterion",  # int code, see _splitter_kernels
        "n_stats",  # K classes, or 2 for regression
        "random_splitter",  # bool: Extra-Trees thresholds instead of the best
        "max_features",  # features drawn per node
        "max_depth",
        "min_samples_split",
        "min_samples_leaf",
        "min_weight_leaf",  # float
        "min_impurity_decrease",  # float
        "max_leaf_nodes",  # -1: depth-first growth; else best-first
        # int8 per feature (-1, 0, 1) on stats[0] / W (negated by classifiers);
        # empty: no monotonic constraints (node values are then not clipped)
        "monotonic_cst",
    ],
    defaults=(np.zeros(0, dtype=np.int8),),
)


@register_jitable
def find_split(X, y, w, samples, start, end, stats, w_node, imp_node, w_root, params, features, state,
               lower, upper):
    """Best split of ``samples[start:end]`` over randomly drawn features.

    Features are drawn without replacement (partial Fisher-Yates shuffle of
    ``features``) until ``max_features`` have been visited and at least one
    was not constant on the node. With ``random_splitter`` each feature gets
    one uniform threshold (Extra-Trees), otherwise every midpoint is tried.
    A feature with missing values (NaN) in the node is swept twice, with the
    missing values right, then left (``_splitter_kernels``); the random
    splitter sends them to a side drawn at random. On success the samples
    are partitioned at the chosen threshold. A split on a feature with a
    monotonic constraint must satisfy eq. (cart-monotonic) within the
    node's bounds ``[lower, upper]``.

    Returns
    -------
    (feature, threshold, pos, improvement, impurity_left, impurity_right,
    missing_go_to_left, middle); ``pos == end`` when no admissible split
    exists; ``middle`` is the mean of the two children's values, eq.
    (cart-monotonic-bounds).
    """
    m = end - start
    crit = params.criterion
    best = np.array([-np.inf, 0.0, 0.0, 0.0])  # proxy, position, threshold, missing left
    best_feature = -1
    n_visited, found_varying, f_i = 0, False, features.shape[0]
    # work buffers, allocated once per node rather than once per feature
    xf = np.empty(m, dtype=np.float32)  # the node's values of one feature
    packed = np.empty(m, dtype=np.int64)
    xs, ys, ws = np.empty(m), np.empty(m), np.empty(m)
    mae = crit == ABSOLUTE_ERROR
    # absolute_error compares medians: the node's targets sorted once, with
    # the rank of each position's target (empty arrays for other criteria)
    y_order, y_sorted, w_sorted, y_rank = rank_targets(y, w, samples, start,
                                                       end if mae else start)
    ranks = np.empty(m if mae else 0, dtype=np.int64)
    constrained = params.monotonic_cst.shape[0] > 0
    while f_i > 0 and (n_visited < params.max_features or not found_varying):
        j = rand_int(0, f_i, state)
        f_i -= 1
        features[j], features[f_i] = features[f_i], features[j]
        f = features[f_i]
        n_visited += 1
        for i in range(m):
            xf[i] = X[samples[start + i], f]
        lo, hi, n_missing = nan_min_max(xf)
        # constant: all values missing, or all equal and none missing (equal
        # values plus missing ones still allow "missing vs the rest")
        if n_missing == m or (hi <= lo + FEATURE_THRESHOLD and n_missing == 0):
            continue
        found_varying = True
        cst = params.monotonic_cst[f] if constrained else 0
        if params.random_splitter:
            threshold = rand_uniform(lo, hi, state)
            missing_left = n_missing > 0 and rand_int(0, 2, state) == 1
            if threshold == hi:
                threshold = lo
            left = np.zeros_like(stats)
            w_left, n_left = 0.0, 0
            for i in range(m):
                if xf[i] <= threshold or (missing_left and np.isnan(xf[i])):
                    s = samples[start + i]
                    add_sample(left, y[s], w[s], crit)
                    w_left += w[s]
                    n_left += 1
            w_right = w_node - w_left
            if n_left < params.min_samples_leaf or m - n_left < params.min_samples_leaf:
                continue
            if w_left < params.min_weight_leaf or w_right < params.min_weight_leaf:
                continue
            if mae:
                proxy, v_left, v_right = random_split_proxy(
                    xf, threshold, missing_left, y_order, y_sorted, w_sorted, n_left,
                    w_left, w_right)
            else:
                proxy = proxy_gain(left, stats - left, w_left, w_right, crit)
                v_left, v_right = left[0] / w_left, (stats[0] - left[0]) / w_right
            if cst != 0 and not monotonic_ok(v_left, v_right, cst, lower, upper):
                continue
            if proxy > best[0]:
                best[0], best[1], best[2], best_feature = proxy, n_left, threshold, f
                # without missing values here, unseen ones follow the larger child
                if n_missing > 0:
                    best[3] = 1.0 if missing_left else 0.0
                else:
                    best[3] = 1.0 if n_left > m - n_left else 0.0
        else:
            n_present = sort_positions(xf, packed)
            for i in range(m):  # node's values, targets and weights in sorted order
                j = packed[i] & 0x7FFFFFFF
                s = samples[start + j]
                xs[i], ys[i], ws[i] = xf[j], y[s], w[s]
                if mae:
                    ranks[i] = y_rank[j]
            # first sweep with the missing values (if any) right, then left
            for sweep in range(1 if n_missing == 0 else 2):
                if sweep == 1:  # the missing values' entries move to the front
                    xs = missing_first(xs, n_present)
                    ys = missing_first(ys, n_present)
                    ws = missing_first(ws, n_present)
                    if mae:
                        ranks = missing_first(ranks, n_present)
                if mae:
                    found = sweep_feature_absolute_error(xs, ws, ranks, y_sorted, w_node,
                                                         params.min_samples_leaf,
                                                         params.min_weight_leaf, best,
                                                         cst, lower, upper)
                else:
                    found = sweep_feature(xs, ys, ws, stats, w_node, params.min_samples_leaf,
                                          params.min_weight_leaf, crit, best, cst, lower, upper)
                if found:
                    best_feature = f
    if best_feature < 0:
        return -1, 0.0, end, 0.0, 0.0, 0.0, False, 0.0
    missing_left = best[3] > 0.5
    pos = partition(X, samples, start, end, best_feature, best[2], missing_left)
    left = np.zeros_like(stats)
    w_left = 0.0
    for i in range(start, pos):
        add_sample(left, y[samples[i]], w[samples[i]], crit)
        w_left += w[samples[i]]
    right = stats - left
    w_right = w_node - w_left
    if crit <= ENTROPY:
        # class counts of the right child summed directly: stats - left leaves
        # rounding residue (~1e-16) for a class absent from a weighted child,
        # and then a pure child's impurity can exceed EPSILON and get split
        right[:] = 0.0
        w_right = 0.0
        for i in range(pos, end):
            add_sample(right, y[samples[i]], w[samples[i]], crit)
            w_right += w[samples[i]]
    imp_left = impurity(left, w_left, crit)
    imp_right = impurity(right, w_right, crit)
    # eq. (cart-monotonic-bounds): the children's mean value, where a
    # constrained split puts the bound between its children
    middle = left[0] / (2.0 * w_left) + right[0] / (2.0 * w_right)
    if crit == POISSON:
        imp_left = poisson_deviance(y, w, samples, start, pos, left[0], w_left)
        imp_right = poisson_deviance(y, w, samples, pos, end, right[0], w_right)
    elif mae:
        med_left, imp_left = node_median_and_impurity(y, w, samples, start, pos)
        med_right, imp_right = node_median_and_impurity(y, w, samples, pos, end)
        middle = (med_left + med_right) / 2.0  # eq. (cart-monotonic-bounds) with medians
    elif crit > ENTROPY:
        # E[y^2] - E[y]^2 cancels catastrophically when y is (nearly) constant
        # in a child, leaving rounding noise that can exceed the purity
        # threshold; two passes (mean, then squared deviations) give 0 there.
        imp_left = variance(y, w, samples, start, pos, w_left)
        imp_right = variance(y, w, samples, pos, end, w_right)
    improvement = gain(imp_node, imp_left, imp_right, w_node, w_left, w_right, w_root)
    return best_feature, best[2], pos, improvement, imp_left, imp_right, missing_left, middle


@register_jitable
def nan_min_max(xf):
    """Smallest and largest non-missing value (as float64) and the number of NaN."""
    lo, hi, n_missing = np.inf, -np.inf, 0
    for i in range(xf.shape[0]):
        x = np.float64(xf[i])
        if np.isnan(x):
            n_missing += 1
        else:
            lo = min(lo, x)
            hi = max(hi, x)
    return lo, hi, n_missing


@register_jitable
def sort_positions(xf, packed):
    """Fill ``packed`` with the positions of ``xf`` in increasing order of value,
    positions of missing values (NaN) last. Returns the number of non-missing values.

    Sorts (value, position) pairs packed into one int64 each: an
    order-preserving 32-bit key of the float32 value (flip all bits of
    negatives, the sign bit of the rest) above 31 bits of position (read
    them back with ``& 0x7FFFFFFF``). Sorting integers in place beats an
    indirect argsort by ~2x.
    """
    bits = xf.view(np.uint32)  # the same memory, read as IEEE-754 bit patterns
    n_present = 0
    for i in range(xf.shape[0]):
        if not np.isnan(xf[i]):
            b = bits[i]
            key = (b ^ 0xFFFFFFFF) if b & 0x80000000 else (b | 0x80000000)
            packed[n_present] = (np.int64(key) << 31) | i
            n_present += 1
    packed[:n_present].sort()
    k = n_present
    for i in range(xf.shape[0]):
        if np.isnan(xf[i]):
            packed[k] = i
            k += 1
    return n_present


@register_jitable
def missing_first(a, n_present):
    """``a`` with its trailing block (the missing values' entries) moved to the front."""
    return np.concatenate((a[n_present:], a[:n_present]))


@register_jitable
def variance(y, w, samples, start, end, w_total):
    """Weighted variance of y over ``samples[start:end]``, eq. (cart-mse), in two passes."""
    mean = 0.0
    for i in range(start, end):
        mean += w[samples[i]] * y[samples[i]]
    mean /= w_total
    out = 0.0
    for i in range(start, end):
        d = y[samples[i]] - mean
        out += w[samples[i]] * d * d
    return out / w_total


@register_jitable
def evaluate_node(X, y, w, samples, start, end, depth, imp, w_root, params, features, state,
                  lower, upper):
    """Statistics of a node, whether it is a leaf, and its split if not.

    ``imp < 0`` means "compute the impurity" (the root); children inherit the
    impurity their parent's split computed; ``[lower, upper]`` are the bounds
    of eq. (cart-monotonic-bounds). Returns (stats, w_node, imp, is_leaf,
    feature, threshold, pos, improvement, imp_left, imp_right,
    missing_go_to_left, middle).
    """
    stats = np.zeros(params.n_stats)
    w_node = 0.0
    for i in range(start, end):
        add_sample(stats, y[samples[i]], w[samples[i]], params.criterion)
        w_node += w[samples[i]]
    if params.criterion == ABSOLUTE_ERROR:
        median, mae = node_median_and_impurity(y, w, samples, start, end)
        stats[2] = median  # the node's value, see write_node
        if imp < 0.0:
            imp = mae
    elif imp < 0.0:
        if params.criterion == POISSON:
            imp = poisson_deviance(y, w, samples, start, end, stats[0], w_node)
        else:
            imp = impurity(stats, w_node, params.criterion)
    n_node = end - start
    is_leaf = (
        depth >= params.max_depth
        or n_node < params.min_samples_split
        or n_node < 2 * params.min_samples_leaf
        or w_node < 2 * params.min_weight_leaf
        or imp <= EPSILON
    )
    split = (-1, 0.0, end, 0.0, 0.0, 0.0, False, 0.0)
    if not is_leaf:
        split = find_split(X, y, w, samples, start, end, stats, w_node, imp, w_root,
                           params, features, state, lower, upper)
        is_leaf = split[2] >= end or split[3] + EPSILON < params.min_impurity_decrease
    return (stats, w_node, imp, is_leaf) + split


@register_jitable
def write_node(nodes_int, nodes_float, value, node, parent, is_left, ev, params, lower, upper):
    """Store the evaluated node ``ev`` as row ``node`` and link it to ``parent``.

    With monotonic constraints the node's value is clipped to its bounds
    ``[lower, upper]``, eq. (cart-monotonic-bounds) (a binary classifier
    stores the class fractions, ``(p_0, 1 - p_0)``, clipping ``p_0``).
    """
    criterion = params.criterion
    stats, w_node, imp, is_leaf, feature, threshold, pos, _, _, _, missing_left, _ = ev
    if parent >= 0:
        nodes_int[parent, 0 if is_left else 1] = node
    nodes_int[node, 0] = TREE_LEAF
    nodes_int[node, 1] = TREE_LEAF
    nodes_int[node, 2] = TREE_UNDEFINED if is_leaf else feature
    nodes_float[node, 0] = TREE_UNDEFINED if is_leaf else threshold
    nodes_int[node, 4] = 0 if is_leaf else missing_left
    nodes_float[node, 1] = imp
    nodes_float[node, 2] = w_node
    if params.monotonic_cst.shape[0] > 0:
        v = stats[2] if criterion == ABSOLUTE_ERROR else stats[0] / w_node
        v = min(max(v, lower), upper)  # eq. (cart-monotonic-bounds)
        value[node, 0] = v
        if criterion <= ENTROPY and value.shape[1] > 1:
            value[node, 1] = 1.0 - v
    elif criterion <= ENTROPY:
        value[node, :] = stats
    elif criterion == ABSOLUTE_ERROR:
        value[node, 0] = stats[2]  # weighted median, set by evaluate_node
    else:
        value[node, 0] = stats[0] / w_node


@register_jitable
def child_bounds(lower, upper, middle, cst):
    """Bounds (left_lower, left_upper, right_lower, right_upper) of the children
    of a split on a feature with constraint ``cst``, eq. (cart-monotonic-bounds)."""
    if cst == 1:
        return lower, middle, middle, upper
    if cst == -1:
        return middle, upper, lower, middle
    return lower, upper, lower, upper


@register_jitable
def grow_depth_first(X, y, w, samples, params, features, state, w_root, nodes_int, nodes_float, value):
    """Grow with a stack: pop a node, evaluate it, push right then left child.

    Node ids are therefore pre-order (a left child is its parent's id + 1), as
    in scikit-learn's ``DepthFirstTreeBuilder``. Returns the node count.
    """
    n = samples.shape[0]
    stack_int = np.empty((n + 1, 5), dtype=np.int64)  # start, end, depth, parent, is_left
    # impurity computed by the parent's split, and the bounds of eq. (cart-monotonic-bounds)
    stack_float = np.empty((n + 1, 3))
    stack_int[0] = (0, n, 0, -1, 0)
    stack_float[0] = (-1.0, -np.inf, np.inf)
    constrained = params.monotonic_cst.shape[0] > 0
    n_open, node_count = 1, 0
    while n_open > 0:
        n_open -= 1
        start, end, depth, parent, is_left = stack_int[n_open]
        imp, lower, upper = stack_float[n_open]
        ev = evaluate_node(X, y, w, samples, start, end, depth, imp,
                           w_root, params, features, state, lower, upper)
        node = node_count
        node_count += 1
        write_node(nodes_int, nodes_float, value, node, parent, is_left == 1, ev, params,
                   lower, upper)
        nodes_int[node, 3] = end - start
        if not ev[3]:
            pos = ev[6]
            cst = params.monotonic_cst[ev[4]] if constrained else 0
            lo_l, up_l, lo_r, up_r = child_bounds(lower, upper, ev[11], cst)
            stack_int[n_open] = (pos, end, depth + 1, node, 0)
            stack_float[n_open] = (ev[9], lo_r, up_r)
            stack_int[n_open + 1] = (start, pos, depth + 1, node, 1)
            stack_float[n_open + 1] = (ev[8], lo_l, up_l)
            n_open += 2
    return node_count


@register_jitable
def grow_best_first(X, y, w, samples, params, features, state, w_root, nodes_int, nodes_float, value):
    """Grow leaf-wise: always split the open node whose split gains most.

    Each node is evaluated (and its split found) when it is created; the open
    list holds (node, start, end, depth, pos) and (imp_left, imp_right, gain,
    lower, upper, middle), the last three for eq. (cart-monotonic-bounds).
    Growth stops after ``max_leaf_nodes - 1`` splits. Returns the node count.
    """
    n = samples.shape[0]
    open_int = np.empty((nodes_int.shape[0], 5), dtype=np.int64)
    open_float = np.empty((nodes_int.shape[0], 6))
    ev = evaluate_node(X, y, w, samples, 0, n, 0, -1.0, w_root, params, features, state,
                       -np.inf, np.inf)
    write_node(nodes_int, nodes_float, value, 0, -1, False, ev, params, -np.inf, np.inf)
    nodes_int[0, 3] = n
    open_int[0] = (0, 0, n, 0, ev[6])
    open_float[0] = (ev[8], ev[9], -np.inf if ev[3] else ev[7], -np.inf, np.inf, ev[11])
    constrained = params.monotonic_cst.shape[0] > 0
    n_open, node_count = 1, 1
    splits_left = params.max_leaf_nodes - 1
    while n_open > 0:
        k = np.argmax(open_float[:n_open, 2])
        node, start, end, depth, pos = open_int[k]
        imp_left, imp_right, node_gain, lower, upper, middle = open_float[k]
        n_open -= 1
        open_int[k] = open_int[n_open]
        open_float[k] = open_float[n_open]
        if node_gain == -np.inf or splits_left <= 0:
            nodes_int[node, 2] = TREE_UNDEFINED
            nodes_int[node, 4] = 0
            nodes_float[node, 0] = TREE_UNDEFINED
            continue
        splits_left -= 1
        cst = params.monotonic_cst[nodes_int[node, 2]] if constrained else 0
        bounds = child_bounds(lower, upper, middle, cst)
        for side in range(2):
            c_start, c_end, c_imp = (start, pos, imp_left) if side == 0 else (pos, end, imp_right)
            c_lower, c_upper = bounds[2 * side], bounds[2 * side + 1]
            ev = evaluate_node(X, y, w, samples, c_start, c_end, depth + 1, c_imp,
                               w_root, params, features, state, c_lower, c_upper)
            write_node(nodes_int, nodes_float, value, node_count, node, side == 0, ev,
                       params, c_lower, c_upper)
            nodes_int[node_count, 3] = c_end - c_start
            open_int[n_open] = (node_count, c_start, c_end, depth + 1, ev[6])
            open_float[n_open] = (ev[8], ev[9], -np.inf if ev[3] else ev[7],
                                  c_lower, c_upper, ev[11])
            n_open += 1
            node_count += 1
    return node_count


def build_tree(X, y, w, samples, params, seed):
    """Grow a tree on the rows ``samples`` (all with positive weight).

    Depth-first when ``params.max_leaf_nodes < 0``, best-first otherwise.

    Returns
    -------
    nodes_int, nodes_float, value : arrays trimmed to the number of nodes.
    """
    samples = samples.copy()  # reordered as nodes are split
    n = samples.shape[0]
    capacity = 2 * n - 1  # a binary tree with at most n non-empty leaves
    nodes_int = np.empty((capacity, 5), dtype=np.int64)
    nodes_float = np.empty((capacity, 3))
    value = np.zeros((capacity, params.n_stats if params.criterion <= ENTROPY else 1))
    features = np.arange(X.shape[1])
    state = np.array([seed], dtype=np.int64)
    w_root = 0.0
    for i in range(n):
        w_root += w[samples[i]]
    args = (X, y, w, samples, params, features, state, w_root, nodes_int, nodes_float, value)
    if params.max_leaf_nodes > 0:
        node_count = grow_best_first(*args)
    else:
        node_count = grow_depth_first(*args)
    return nodes_int[:node_count].copy(), nodes_float[:node_count].copy(), value[:node_count].copy()


@register_jitable
def goes_left(x, node, threshold, missing_go_to_left):
    """Whether value ``x`` of the node's feature goes to the left child."""
    if np.isnan(x):
        return missing_go_to_left[node] != 0
    return x <= threshold[node]


def apply_tree(X, children_left, children_right, feature, threshold, missing_go_to_left):
    """Leaf reached by each row of ``X``: go left when ``x[feature] <= threshold``
    (a missing value goes where ``missing_go_to_left`` says)."""
    out = np.empty(X.shape[0], dtype=np.int64)
    for i in range(X.shape[0]):
        node = 0
        while children_left[node] != TREE_LEAF:
            if goes_left(X[i, feature[node]], node, threshold, missing_go_to_left):
                node = children_left[node]
            else:
                node = children_right[node]
        out[i] = node
    return out


def decision_path_dense(X, children_left, children_right, feature, threshold, missing_go_to_left):
    """Indicator (n_samples, n_nodes): entry (i, t) is 1 when row i passes node t."""
    out = np.zeros((X.shape[0], children_left.shape[0]), dtype=np.int64)
    for i in range(X.shape[0]):
        node = 0
        out[i, 0] = 1
        while children_left[node] != TREE_LEAF:
            if goes_left(X[i, feature[node]], node, threshold, missing_go_to_left):
                node = children_left[node]
            else:
                node = children_right[node]
            out[i, node] = 1
    return out


# nogil: the builder touches only arrays, so forests can grow trees in threads.
build_tree_jit = numba.njit(cache=True, nogil=True)(build_tree)
apply_tree_jit = numba.njit(cache=True)(apply_tree)
decision_path_dense_jit = numba.njit(cache=True)(decision_path_dense)
