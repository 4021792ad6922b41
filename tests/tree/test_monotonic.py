"""Monotonic constraints (``monotonic_cst``) of CART trees and forests against
scikit-learn, plus the monotonicity invariant and bad input."""

import numpy as np
import pytest
from sklearn import datasets
from sklearn import ensemble as ske
from sklearn import tree as sk

from scratchml.ensemble import (
    ExtraTreesClassifier,
    ExtraTreesRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
)
from scratchml.tree import DecisionTreeClassifier, DecisionTreeRegressor
from scratchml.tree._tree_kernels import TreeParams, build_tree, build_tree_jit

CST = [1, -1, 0, 1]


def _data(seed, n=300, nan_fraction=0.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 4))
    y = X[:, 0] - 0.5 * X[:, 1] + 0.3 * X[:, 2] + rng.normal(size=n)
    if nan_fraction:
        X[rng.uniform(size=X.shape) < nan_fraction] = np.nan
    return X, y


def _target(criterion, y_raw):
    if criterion in ("gini", "entropy"):
        return (y_raw > 0).astype(int)
    return np.exp(y_raw / 3) if criterion == "poisson" else y_raw


def _assert_same_tree(ours, theirs):
    assert ours.node_count == theirs.node_count
    for name in ("children_left", "children_right", "feature", "n_node_samples"):
        np.testing.assert_array_equal(getattr(ours, name), getattr(theirs, name))
    inner = ours.children_left >= 0  # scikit-learn's best-first leaves keep a stale flag
    np.testing.assert_array_equal(ours.missing_go_to_left[inner], theirs.missing_go_to_left[inner])
    # thresholds: the same float32 midpoints computed in float64
    np.testing.assert_allclose(ours.threshold, theirs.threshold, rtol=0, atol=1e-12)
    # impurities, clipped values and the bounds they are clipped to are sums
    # over the same samples in another order: equal up to a few ulps
    np.testing.assert_allclose(ours.impurity, theirs.impurity, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(ours.value, theirs.value, rtol=1e-10, atol=1e-12)


GROWTH = [{"min_samples_leaf": 10}, {"max_leaf_nodes": 12}, {"max_depth": 4}]


@pytest.mark.parametrize("params", GROWTH)
@pytest.mark.parametrize("criterion",
                         ["squared_error", "poisson", "absolute_error", "gini", "entropy"])
def test_constrained_tree_matches_sklearn_node_for_node(criterion, params):
    # Continuous data, weighted for the classifiers (unit weights tie class
    # counts); data seed 5 is one where scikit-learn itself grows the same
    # tree for every random_state (checked below), i.e. no tied candidates
    # (ties: different partitions with equal gain in small nodes, or
    # scikit-learn splitting a weighted pure node on a 1e-15 rounding
    # residue of its impurity).
    X, y_raw = _data(5)
    y = _target(criterion, y_raw)
    classifier = criterion in ("gini", "entropy")
    w = np.random.default_rng(105).uniform(0.5, 1.5, y.shape[0]) if classifier else None
    ours_cls, ref_cls = ((DecisionTreeClassifier, sk.DecisionTreeClassifier) if classifier
                         else (DecisionTreeRegressor, sk.DecisionTreeRegressor))
    refs = [ref_cls(criterion=criterion, monotonic_cst=CST, random_state=s, **params)
            .fit(X, y, sample_weight=w) for s in range(4)]
    for r in refs[1:]:  # precondition: no ties
        np.testing.assert_array_equal(r.tree_.feature, refs[0].tree_.feature)
        np.testing.assert_array_equal(r.tree_.threshold, refs[0].tree_.threshold)
    ours = ours_cls(criterion=criterion, monotonic_cst=CST, random_state=0, **params)
    ours.fit(X, y, sample_weight=w)
    _assert_same_tree(ours.tree_, refs[0].tree_)
    # the constraint changed the tree (otherwise this test would not test it)
    free = ref_cls(criterion=criterion, random_state=0, **params).fit(X, y, sample_weight=w)
    assert (free.tree_.node_count != ours.tree_.node_count
            or not np.allclose(free.tree_.value, ours.tree_.value))
    if classifier:
        np.testing.assert_allclose(ours.predict_proba(X), refs[0].predict_proba(X),
                                   rtol=1e-10, atol=1e-12)
    else:
        np.testing.assert_allclose(ours.predict(X), refs[0].predict(X), rtol=1e-10)


@pytest.mark.parametrize("criterion", ["squared_error", "poisson"])
def test_constrained_tree_with_missing_values_matches_sklearn(criterion):
    # scikit-learn >= 1.9 accepts NaN with monotonic_cst: the missing values
    # are swept right then left, and each candidate is checked as any other
    X, y_raw = _data(1, nan_fraction=0.1)
    X = X[:, :3]
    y = _target(criterion, y_raw)
    for params in ({"min_samples_leaf": 10}, {"max_leaf_nodes": 10}):
        ref = sk.DecisionTreeRegressor(criterion=criterion, monotonic_cst=CST[:3],
                                       random_state=0, **params).fit(X, y)
        ours = DecisionTreeRegressor(criterion=criterion, monotonic_cst=CST[:3],
                                     **params).fit(X, y)
        _assert_same_tree(ours.tree_, ref.tree_)


@pytest.mark.parametrize("params", [{"max_depth": 3}, {"max_leaf_nodes": 10}])
def test_constrained_forest_regressor_matches_sklearn(params):
    # max_features=None: every tree is the constrained CART tree of its
    # bootstrap sample (same rows as scikit-learn's), tie-free at these sizes
    X, y = datasets.load_diabetes(return_X_y=True)
    cst = [0, 0, 1, 1, 0, 0, -1, 0, 1, 0]
    ours = RandomForestRegressor(5, max_features=None, monotonic_cst=cst, random_state=0,
                                 **params).fit(X, y)
    ref = ske.RandomForestRegressor(5, max_features=None, monotonic_cst=cst, random_state=0,
                                    **params).fit(X, y)
    # leaf means and their average: rounding only
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), rtol=1e-12)


def test_pruned_constrained_trees_match_sklearn():
    # pruning collapses branches into their (clipped) node values, as there
    X, y_raw = _data(5)
    w = np.random.default_rng(105).uniform(0.5, 1.5, y_raw.shape[0])
    for ours_cls, ref_cls, y, alpha in (
            (DecisionTreeRegressor, sk.DecisionTreeRegressor, y_raw, 0.01),
            (DecisionTreeClassifier, sk.DecisionTreeClassifier, y_raw > 0, 0.002)):
        kw = dict(monotonic_cst=CST, min_samples_leaf=10, ccp_alpha=alpha, random_state=0)
        ours = ours_cls(**kw).fit(X, y, sample_weight=w)
        ref = ref_cls(**kw).fit(X, y, sample_weight=w)
        assert 1 < ours.tree_.node_count < ours_cls(**{**kw, "ccp_alpha": 0.0}).fit(
            X, y, sample_weight=w).tree_.node_count
        _assert_same_tree(ours.tree_, ref.tree_)


def _assert_monotone(predict, X, cst, n_grid=60):
    """Predictions along a grid of each constrained feature, others fixed."""
    rng = np.random.default_rng(1)
    base = X[rng.choice(X.shape[0], 15, replace=False)]
    for j, c in enumerate(cst):
        if c == 0:
            continue
        grid = np.linspace(np.nanmin(X[:, j]) - 0.5, np.nanmax(X[:, j]) + 0.5, n_grid)
        Z = np.repeat(base, n_grid, axis=0)
        Z[:, j] = np.tile(grid, base.shape[0])
        Z = np.nan_to_num(Z)  # the base rows' other features: no NaN
        pred = predict(Z).reshape(base.shape[0], n_grid)
        # exact: clipped values compare exactly, no rounding in between
        assert np.all(c * np.diff(pred, axis=1) >= 0.0)


REGRESSORS = [
    lambda: DecisionTreeRegressor(monotonic_cst=CST),
    lambda: DecisionTreeRegressor(monotonic_cst=CST, criterion="absolute_error", max_depth=6),
    lambda: DecisionTreeRegressor(monotonic_cst=CST, criterion="poisson", max_leaf_nodes=20),
    lambda: DecisionTreeRegressor(monotonic_cst=CST, splitter="random", random_state=0),
    lambda: RandomForestRegressor(10, monotonic_cst=CST, random_state=0, max_features=2),
    lambda: ExtraTreesRegressor(10, monotonic_cst=CST, random_state=0),
]
CLASSIFIERS = [
    lambda: DecisionTreeClassifier(monotonic_cst=CST),
    lambda: DecisionTreeClassifier(monotonic_cst=CST, criterion="entropy", max_leaf_nodes=20),
    lambda: DecisionTreeClassifier(monotonic_cst=CST, splitter="random", random_state=0),
    lambda: RandomForestClassifier(10, monotonic_cst=CST, random_state=0),
    lambda: ExtraTreesClassifier(10, monotonic_cst=CST, random_state=0),
]


@pytest.mark.parametrize("make", REGRESSORS)
@pytest.mark.parametrize("nan_fraction", [0.0, 0.05])
def test_regressor_predictions_are_monotone_along_constrained_features(make, nan_fraction):
    X, y = _data(2, n=200, nan_fraction=nan_fraction)
    y = np.exp(y / 3)  # positive, for poisson
    _assert_monotone(make().fit(X, y).predict, X, CST)


@pytest.mark.parametrize("make", CLASSIFIERS)
def test_classifier_positive_probability_is_monotone(make):
    # the constraint is on p(classes_[1]), as in scikit-learn
    X, y = _data(3, n=200)
    labels = np.where(y > 0, "yes", "no")  # classes_ = ['no', 'yes']
    model = make().fit(X, labels)
    _assert_monotone(lambda Z: model.predict_proba(Z)[:, 1], X, CST)
    np.testing.assert_allclose(model.predict_proba(X).sum(axis=1), 1.0, rtol=1e-12)


def test_all_zero_constraints_change_nothing():
    X, y = _data(4)
    a = DecisionTreeRegressor(monotonic_cst=[0, 0, 0, 0], max_depth=5, random_state=0).fit(X, y)
    b = DecisionTreeRegressor(max_depth=5, random_state=0).fit(X, y)
    np.testing.assert_array_equal(a.tree_.value, b.tree_.value)
    c = DecisionTreeClassifier(monotonic_cst=[0, 0, 0, 0], max_depth=5, random_state=0)
    c.fit(X, y > 0)
    d = DecisionTreeClassifier(max_depth=5, random_state=0).fit(X, y > 0)
    np.testing.assert_array_equal(c.tree_.feature, d.tree_.feature)
    # p1 is stored as 1 - p0 (as scikit-learn does) instead of n1 / n: rounding
    np.testing.assert_allclose(c.tree_.value, d.tree_.value, rtol=0, atol=1e-15)


def test_kernel_plain_python_equals_compiled_with_constraints():
    X, y = _data(6, n=80, nan_fraction=0.05)
    X32 = np.ascontiguousarray(X, dtype=np.float32)
    w = np.random.default_rng(0).uniform(0.5, 1.5, 80)
    cst = np.array(CST, dtype=np.int8)
    for criterion, yk, n_stats in ((2, y, 2), (4, y, 3), (0, (y > 0).astype(float), 2)):
        for random_splitter, max_leaf in ((False, -1), (True, -1), (False, 9)):
            params = TreeParams(criterion, n_stats, random_splitter, 4, 100, 2, 3, 0.0, 0.0,
                                max_leaf, -cst if criterion == 0 else cst)
            plain = build_tree(X32, yk, w, np.arange(80), params, 11)
            compiled = build_tree_jit(X32, yk, w, np.arange(80), params, 11)
            for a, b in zip(plain, compiled):
                np.testing.assert_array_equal(a, b)


def test_bad_monotonic_cst_raise_sklearns_errors():
    X, y = _data(0, n=40)
    with pytest.raises(ValueError, match="monotonic_cst has shape 3 but the input data X has 4"):
        DecisionTreeRegressor(monotonic_cst=[1, 0, 0]).fit(X, y)
    with pytest.raises(ValueError, match=r"monotonic_cst must be None or an array-like of -1, 0 "
                                         r"or 1, but got \[-2  0  1\]"):
        DecisionTreeRegressor(monotonic_cst=[1, 0, 0, -2]).fit(X, y)
    with pytest.raises(ValueError, match="not supported with multiclass classification"):
        DecisionTreeClassifier(monotonic_cst=CST).fit(X, np.arange(40) % 3)
    with pytest.raises(ValueError, match="not supported with multiclass classification"):
        RandomForestClassifier(3, monotonic_cst=CST).fit(X, np.arange(40) % 3)
    with pytest.raises(ValueError, match="monotonic_cst"):
        DecisionTreeRegressor(monotonic_cst="increasing").fit(X, y)
