"""criterion='absolute_error' (median leaves, mean absolute deviation impurity)."""

import numba
import numpy as np
import pytest
from sklearn import datasets
from sklearn import ensemble as ske
from sklearn import tree as sk

from scratchml.ensemble import ExtraTreesRegressor, RandomForestRegressor
from scratchml.tree import DecisionTreeRegressor
from scratchml.tree._absolute_error_kernels import prefix_absolute_errors, weighted_median
from scratchml.tree._tree_kernels import TreeParams, build_tree, build_tree_jit


def _data():
    # Continuous X and y, and yet the absolute error ties more often than the
    # variance: besides small nodes where two features isolate the same sample,
    # two different partitions tie whenever every target lands in the same
    # half (above / below its child's median) in both, since eq. (cart-mae) is
    # then the same signed sum of targets. This seed and the settings below
    # have no tie (the tests check it on scikit-learn first).
    rng = np.random.default_rng(1)
    X = rng.normal(size=(300, 5))
    y = rng.normal(size=300)
    weights = {
        "none": None,
        "uniform": rng.uniform(0.5, 1.5, 300),
        # integer weights hit the "exactly half the weight below" branch of
        # eq. (cart-median) often
        "integer": rng.integers(1, 4, 300).astype(np.float64),
    }
    return X, y, weights


def _assert_same_tree(ours, theirs):
    assert ours.node_count == theirs.node_count
    np.testing.assert_array_equal(ours.children_left, theirs.children_left)
    np.testing.assert_array_equal(ours.children_right, theirs.children_right)
    np.testing.assert_array_equal(ours.feature, theirs.feature)
    np.testing.assert_array_equal(ours.n_node_samples, theirs.n_node_samples)
    # thresholds: the same float32 midpoints computed in float64
    np.testing.assert_allclose(ours.threshold, theirs.threshold, rtol=0, atol=1e-12)
    # medians are one target or the midpoint of two: bit-identical
    np.testing.assert_array_equal(ours.value, theirs.value)
    # impurities: scikit-learn uses eq. (cart-mae-pinball), we sum |y - m|
    # directly; both are sums of ~300 terms of size ~1, a few ulps apart
    np.testing.assert_allclose(ours.impurity, theirs.impurity, rtol=0, atol=1e-12)
    # total weights are the same sums in another order
    np.testing.assert_allclose(ours.weighted_n_node_samples, theirs.weighted_n_node_samples,
                               rtol=1e-13)


@pytest.mark.parametrize("weighting", ["none", "uniform", "integer"])
@pytest.mark.parametrize("params", [{"min_samples_split": 40}, {"min_samples_leaf": 8},
                                    {"max_leaf_nodes": 15}])
def test_absolute_error_tree_matches_sklearn_node_for_node(weighting, params):
    X, y, weights = _data()
    w = weights[weighting]
    sk_trees = [sk.DecisionTreeRegressor(criterion="absolute_error", random_state=s, **params)
                .fit(X, y, sample_weight=w).tree_ for s in range(4)]
    # precondition: no ties, so scikit-learn itself does not depend on the seed
    for t in sk_trees[1:]:
        np.testing.assert_array_equal(t.feature, sk_trees[0].feature)
    ours = DecisionTreeRegressor(criterion="absolute_error", **params).fit(X, y, sample_weight=w)
    _assert_same_tree(ours.tree_, sk_trees[0])
    ref = sk.DecisionTreeRegressor(criterion="absolute_error", random_state=0, **params)
    ref.fit(X, y, sample_weight=w)
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))
    # MDI sums the node impurities above: equal to rounding
    np.testing.assert_allclose(ours.feature_importances_, ref.feature_importances_,
                               rtol=1e-9, atol=1e-12)


def test_absolute_error_leaves_predict_the_median():
    # unit weights: eq. (cart-median) is numpy's median, midpoint for even counts
    X, y, _ = _data()
    reg = DecisionTreeRegressor(criterion="absolute_error", min_samples_leaf=4).fit(X, y)
    leaves = reg.apply(X)
    for leaf in np.unique(leaves):
        in_leaf = y[leaves == leaf]
        assert reg.tree_.value[leaf, 0, 0] == np.median(in_leaf)
        mad = np.mean(np.abs(in_leaf - np.median(in_leaf)))
        assert reg.tree_.impurity[leaf] == pytest.approx(mad, rel=1e-12)
    assert np.all(np.bincount(leaves)[np.unique(leaves)] >= 4)


def test_absolute_error_is_robust_to_an_outlying_target():
    # one huge target would move a mean leaf to ~2e5, not a median leaf
    # (min_samples_leaf=3 keeps the stump from isolating the outlier)
    X = np.arange(10.0)[:, None]
    y = np.r_[np.zeros(5), np.ones(5)]
    y_out = y.copy()
    y_out[9] = 1e6
    reg = DecisionTreeRegressor(criterion="absolute_error", max_depth=1, min_samples_leaf=3)
    np.testing.assert_array_equal(reg.fit(X, y_out).predict(X), y)
    assert reg.tree_.threshold[0] == 4.5


def test_constant_target_gives_a_single_exact_leaf():
    # |y - m| is summed directly, so a constant node has impurity exactly 0
    X = np.random.default_rng(0).normal(size=(40, 3))
    reg = DecisionTreeRegressor(criterion="absolute_error").fit(X, np.full(40, 1234.5))
    assert reg.tree_.node_count == 1 and reg.tree_.impurity[0] == 0.0
    assert reg.predict(X[:2]).tolist() == [1234.5, 1234.5]


def _gold_prefix_errors(y, w):
    """O(n^2) eq. (cart-median) and eq. (cart-mae) (summed) for every prefix."""
    out = np.empty(len(y))
    for i in range(len(y)):
        ys, ws = y[: i + 1], w[: i + 1]
        order = np.argsort(ys)
        ys, ws = ys[order], ws[order]
        below = np.r_[0.0, np.cumsum(ws)[:-1]]
        r = np.flatnonzero(below + ws > ws.sum() / 2)[0]
        m = (ys[r - 1] + ys[r]) / 2 if r > 0 and below[r] == ws.sum() / 2 else ys[r]
        out[i] = np.sum(ws * np.abs(ys - m))
    return out


@pytest.mark.parametrize("integer_weights", [False, True])
def test_prefix_absolute_errors_match_brute_force_and_compiled_twin(integer_weights):
    rng = np.random.default_rng(0)
    n = 37
    y = rng.normal(size=n)
    w = rng.integers(1, 4, n).astype(float) if integer_weights else rng.uniform(0.1, 2.0, n)
    y_sorted = np.sort(y)
    ranks = np.argsort(np.argsort(y))
    compiled = numba.njit(prefix_absolute_errors)
    for forward in (True, False):
        out, med = np.empty(n), np.empty(n)
        prefix_absolute_errors(ranks, y_sorted, w, forward, np.empty(n + 1), np.empty(n + 1),
                               out, med)
        twin, twin_med = np.empty(n), np.empty(n)
        compiled(ranks, y_sorted, w, forward, np.empty(n + 1), np.empty(n + 1), twin, twin_med)
        np.testing.assert_array_equal(out, twin)
        np.testing.assert_array_equal(med, twin_med)
        # the prefix (suffix) medians are the direct weighted medians, exactly
        for i in range(n):
            part = slice(0, i + 1) if forward else slice(i, n)
            order = np.argsort(y[part])
            assert med[i] == weighted_median(y[part][order], w[part][order])
        gold = _gold_prefix_errors(y, w) if forward else _gold_prefix_errors(y[::-1], w[::-1])[::-1]
        # eq. (cart-mae-pinball) vs the direct sum: rounding of sums of ~37 terms
        np.testing.assert_allclose(out, gold, rtol=1e-12, atol=1e-12)
    # even count of unit weights: the midpoint of the two middle values
    assert weighted_median(np.array([1.0, 2.0, 4.0, 8.0]), np.ones(4)) == 3.0
    assert weighted_median(np.array([1.0, 2.0, 4.0]), np.array([1.0, 1.0, 2.0])) == 3.0
    assert weighted_median(np.array([1.0, 2.0, 4.0]), np.array([1.0, 1.5, 2.0])) == 2.0


def test_absolute_error_kernel_plain_python_equals_compiled():
    X, y, weights = _data()
    X32 = np.ascontiguousarray(X[:60], dtype=np.float32)
    y, w = y[:60], weights["integer"][:60]
    for params in (TreeParams(4, 3, False, 5, 4, 2, 1, 0.0, 0.0, -1),
                   TreeParams(4, 3, True, 3, 100, 2, 2, 0.0, 0.0, 8)):
        plain = build_tree(X32, y, w, np.arange(60), params, 7)
        jitted = build_tree_jit(X32, y, w, np.arange(60), params, 7)
        for a, b in zip(plain, jitted):
            np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("params", [{"max_depth": 3}, {"max_leaf_nodes": 10}])
def test_forest_absolute_error_matches_sklearn_with_all_features(params):
    # Same per-tree seeds and bootstrap rows as scikit-learn; with
    # max_features=None these settings are tie-free for every tree (checked
    # tree by tree while writing the test), so the forests agree to rounding.
    X, y = datasets.load_diabetes(return_X_y=True)
    ours = RandomForestRegressor(5, criterion="absolute_error", max_features=None,
                                 random_state=0, **params).fit(X, y)
    ref = ske.RandomForestRegressor(5, criterion="absolute_error", max_features=None,
                                    random_state=0, **params).fit(X, y)
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), rtol=1e-12)


@pytest.mark.parametrize("ours, theirs", [(RandomForestRegressor, ske.RandomForestRegressor),
                                          (ExtraTreesRegressor, ske.ExtraTreesRegressor)])
def test_forest_absolute_error_test_score_within_one_point_of_sklearn(ours, theirs):
    # Randomised trees from different generators: mean held-out R² over 5
    # seeds may fall short of scikit-learn's by at most 1 point (the issue's
    # bar, about one seed-to-seed standard deviation of these means).
    X, y = datasets.load_diabetes(return_X_y=True)
    order = np.random.RandomState(0).permutation(len(y))
    te, tr = order[:110], order[110:]
    kw = {"criterion": "absolute_error", "max_features": 0.5, "min_samples_leaf": 3}
    a = np.mean([ours(20, random_state=s, **kw).fit(X[tr], y[tr]).score(X[te], y[te])
                 for s in range(5)])
    b = np.mean([theirs(20, random_state=s, **kw).fit(X[tr], y[tr]).score(X[te], y[te])
                 for s in range(5)])
    assert a >= b - 0.01
