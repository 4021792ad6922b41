"""Missing values (NaN in X) in CART and forests, against scikit-learn >= 1.3."""

import numpy as np
import pytest
from sklearn import ensemble as ske
from sklearn import tree as sk

from scratchml.ensemble import ExtraTreesRegressor, RandomForestRegressor
from scratchml.tree import DecisionTreeClassifier, DecisionTreeRegressor
from scratchml.tree._tree_kernels import TreeParams, build_tree, build_tree_jit


def _data(seed):
    """Continuous data with 15 % of the values missing, and a feature that is
    constant where present (only "missing vs the rest" can split on it)."""
    rng = np.random.default_rng(seed)
    n = 300
    X = rng.normal(size=(n, 5))
    y = X[:, 0] + X[:, 1] + rng.normal(size=n)
    X[rng.uniform(size=(n, 5)) < 0.15] = np.nan
    X[:, 4] = np.where(rng.uniform(size=n) < 0.3, np.nan, 1.0)
    y[np.isnan(X[:, 4])] += 1.0  # missingness carries signal
    w = rng.uniform(0.5, 1.5, n)
    return X, y, w


def _assert_same_tree(ours, theirs):
    assert ours.node_count == theirs.node_count
    np.testing.assert_array_equal(ours.children_left, theirs.children_left)
    np.testing.assert_array_equal(ours.feature, theirs.feature)
    np.testing.assert_array_equal(ours.n_node_samples, theirs.n_node_samples)
    # the same float32 midpoints in float64 (and inf for "missing vs the rest")
    np.testing.assert_allclose(ours.threshold, theirs.threshold, rtol=0, atol=1e-12)
    internal = theirs.children_left >= 0  # scikit-learn leaves keep an unused flag
    np.testing.assert_array_equal(ours.missing_go_to_left[internal],
                                  theirs.missing_go_to_left[internal])
    # sums over the same samples in another order: a few ulps of values ~1-10
    np.testing.assert_allclose(ours.impurity, theirs.impurity, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(ours.value, theirs.value, rtol=1e-10, atol=1e-12)


# Tie-free settings (scikit-learn gives the same tree for every seed, checked
# first): regression with three criteria, classification with sample weights.
CASES = [
    (1, DecisionTreeRegressor, sk.DecisionTreeRegressor, {"max_depth": 3}),
    (1, DecisionTreeRegressor, sk.DecisionTreeRegressor, {"max_leaf_nodes": 12}),
    (2, DecisionTreeRegressor, sk.DecisionTreeRegressor, {"min_samples_leaf": 10}),
    (1, DecisionTreeRegressor, sk.DecisionTreeRegressor,
     {"criterion": "absolute_error", "min_samples_leaf": 10}),
    (2, DecisionTreeRegressor, sk.DecisionTreeRegressor,
     {"criterion": "poisson", "max_depth": 3}),
    (2, DecisionTreeClassifier, sk.DecisionTreeClassifier, {"max_depth": 3}),
    (2, DecisionTreeClassifier, sk.DecisionTreeClassifier,
     {"criterion": "entropy", "max_depth": 3}),
]


@pytest.mark.parametrize("seed, ours, theirs, params", CASES)
def test_tree_with_missing_values_matches_sklearn_node_for_node(seed, ours, theirs, params):
    X, y, w = _data(seed)
    if ours is DecisionTreeClassifier:
        y = (y > 0.5).astype(int)
    elif params.get("criterion") == "poisson":
        y = np.abs(y)
    sk_trees = [theirs(random_state=s, **params).fit(X, y, w).tree_ for s in range(3)]
    for t in sk_trees[1:]:  # precondition: no tied gains
        np.testing.assert_array_equal(t.feature, sk_trees[0].feature)
    est = ours(**params).fit(X, y, w)
    _assert_same_tree(est.tree_, sk_trees[0])
    ref = theirs(random_state=0, **params).fit(X, y, w)
    X_test, _, _ = _data(seed + 10)
    np.testing.assert_array_equal(est.apply(X_test), ref.apply(X_test))
    np.testing.assert_array_equal(est.decision_path(X_test), ref.decision_path(X_test).toarray())
    np.testing.assert_allclose(est.predict(X_test), ref.predict(X_test), rtol=1e-12)


def test_missing_versus_present_split_has_infinite_threshold():
    # feature 4 is 1.0 or missing and y depends on nothing else: the root cuts
    # "present (<= inf) left, missing right", exactly as scikit-learn does
    X, _, _ = _data(1)
    y = np.isnan(X[:, 4]) + np.random.default_rng(0).normal(scale=0.1, size=X.shape[0])
    reg = DecisionTreeRegressor(max_depth=1).fit(X, y)
    ref = sk.DecisionTreeRegressor(max_depth=1, random_state=0).fit(X, y)
    _assert_same_tree(reg.tree_, ref.tree_)
    assert reg.tree_.feature[0] == 4 and reg.tree_.threshold[0] == np.inf
    assert reg.tree_.missing_go_to_left[0] == 0


def test_unseen_missing_values_follow_the_larger_child():
    # trained without NaN: at predict time a NaN goes to the child that held
    # more training samples, as in scikit-learn
    X, y, _ = _data(1)
    X = np.nan_to_num(X, nan=0.5)
    reg = DecisionTreeRegressor(max_depth=3).fit(X, y)
    ref = sk.DecisionTreeRegressor(max_depth=3, random_state=0).fit(X, y)
    _assert_same_tree(reg.tree_, ref.tree_)
    t = reg.tree_
    internal = t.children_left >= 0
    larger_left = t.n_node_samples[t.children_left[internal]] > t.n_node_samples[
        t.children_right[internal]]
    np.testing.assert_array_equal(t.missing_go_to_left[internal], larger_left)
    X_nan = np.full((3, 5), np.nan)
    X_nan[1, 0] = -2.0
    # leaf means of the same samples summed in another order
    np.testing.assert_allclose(reg.predict(X_nan), ref.predict(X_nan), rtol=1e-12)
    np.testing.assert_array_equal(reg.apply(X_nan), ref.apply(X_nan))


def test_random_splitter_sends_missing_values_to_one_side():
    X, y, _ = _data(3)
    reg = DecisionTreeRegressor(splitter="random", min_samples_leaf=5, random_state=0).fit(X, y)
    t = reg.tree_
    leaves = reg.apply(X)
    assert np.all(np.bincount(leaves)[np.unique(leaves)] >= 5)
    for node in np.flatnonzero(t.children_left >= 0):  # each node's NaN rows take one branch
        rows = reg.decision_path(X)[:, node] == 1
        missing = rows & np.isnan(X[:, t.feature[node]])
        child = t.children_left[node] if t.missing_go_to_left[node] else t.children_right[node]
        assert np.all(reg.decision_path(X)[missing, child] == 1)


def test_forest_with_missing_values_matches_sklearn_with_all_features():
    # same bootstrap rows and tie-free trees (max_features=None): same forest
    X, y, _ = _data(1)
    ours = RandomForestRegressor(5, max_features=None, max_depth=3, random_state=0).fit(X, y)
    ref = ske.RandomForestRegressor(5, max_features=None, max_depth=3, random_state=0).fit(X, y)
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), rtol=1e-12)
    et = ExtraTreesRegressor(10, random_state=0).fit(X, y)
    assert np.all(np.isfinite(et.predict(X)))


def test_all_missing_feature_is_never_split_and_inf_still_errors():
    X, y, _ = _data(1)
    X[:, 2] = np.nan
    reg = DecisionTreeRegressor(random_state=0).fit(X, y)
    assert 2 not in reg.tree_.feature
    only_nan = DecisionTreeRegressor().fit(np.full((10, 2), np.nan), np.arange(10.0))
    assert only_nan.tree_.node_count == 1
    X[0, 0] = np.inf
    with pytest.raises(ValueError, match="infinity"):
        DecisionTreeRegressor().fit(X, y)
    with pytest.raises(ValueError, match="infinity"):
        RandomForestRegressor(3).fit(X, y)


def test_kernel_with_missing_values_plain_python_equals_compiled():
    X, y, w = _data(4)
    X32 = np.ascontiguousarray(X[:80], dtype=np.float32)
    y, w = y[:80], w[:80]
    for criterion, splitter in ((2, False), (2, True), (4, False)):
        params = TreeParams(criterion, 3, splitter, 5, 4, 2, 1, 0.0, 0.0, -1)
        plain = build_tree(X32, y, w, np.arange(80), params, 5)
        jitted = build_tree_jit(X32, y, w, np.arange(80), params, 5)
        for a, b in zip(plain, jitted):
            np.testing.assert_array_equal(a, b)


def test_pruned_tree_keeps_the_missing_value_routes():
    X, y, w = _data(1)
    params = {"max_leaf_nodes": 12, "random_state": 0}  # tie-free, see CASES
    path = sk.DecisionTreeRegressor(**params).cost_complexity_pruning_path(X, y, w)
    alpha = path.ccp_alphas[len(path.ccp_alphas) // 2] * 1.0001
    ours = DecisionTreeRegressor(ccp_alpha=alpha, **params).fit(X, y, w)
    ref = sk.DecisionTreeRegressor(ccp_alpha=alpha, **params).fit(X, y, w)
    _assert_same_tree(ours.tree_, ref.tree_)
    np.testing.assert_array_equal(ours.apply(X), ref.apply(X))
