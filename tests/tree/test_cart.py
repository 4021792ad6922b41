"""CART against scikit-learn, kernel twins, invariants and bad input."""

import os
import subprocess
import sys

import numpy as np
import pytest
from sklearn import datasets
from sklearn import tree as sk

from scratchml.tree import DecisionTreeClassifier, DecisionTreeRegressor
from scratchml.tree._tree_kernels import TreeParams, build_tree, build_tree_jit


def _load(name, weighted=False):
    X, y = getattr(datasets, f"load_{name}")(return_X_y=True)
    w = np.random.default_rng(0).uniform(0.5, 1.5, y.shape[0]) if weighted else None
    return X, y, w


def _assert_same_tree(ours, theirs):
    assert ours.node_count == theirs.node_count
    np.testing.assert_array_equal(ours.children_left, theirs.children_left)
    np.testing.assert_array_equal(ours.children_right, theirs.children_right)
    np.testing.assert_array_equal(ours.feature, theirs.feature)
    np.testing.assert_array_equal(ours.n_node_samples, theirs.n_node_samples)
    # thresholds are the same float32 midpoints computed in float64: exact up to 1e-12
    np.testing.assert_allclose(ours.threshold, theirs.threshold, rtol=0, atol=1e-12)
    # impurities/values are sums over the same samples in a different order:
    # equal up to a few ulps of their magnitude
    np.testing.assert_allclose(ours.impurity, theirs.impurity, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(ours.value, theirs.value, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(ours.weighted_n_node_samples, theirs.weighted_n_node_samples,
                               rtol=1e-12)


# Settings in which scikit-learn grows the same tree for every random_state,
# i.e. no two candidate splits tie (scikit-learn visits features in a random
# order even with max_features=None, so a tie would be broken by the seed).
# Classification trees on these data sets tie almost everywhere when unweighted
# (e.g. several features isolate the same single sample), hence the random
# weights in the classification rows.
TIE_FREE = [
    ("wine", False, DecisionTreeClassifier, sk.DecisionTreeClassifier, {"max_depth": 2}),
    ("breast_cancer", True, DecisionTreeClassifier, sk.DecisionTreeClassifier, {"max_depth": 3}),
    ("breast_cancer", True, DecisionTreeClassifier, sk.DecisionTreeClassifier,
     {"min_impurity_decrease": 0.01}),
    ("diabetes", False, DecisionTreeRegressor, sk.DecisionTreeRegressor, {"max_depth": 3}),
    ("diabetes", False, DecisionTreeRegressor, sk.DecisionTreeRegressor, {"min_samples_leaf": 5}),
    ("diabetes", False, DecisionTreeRegressor, sk.DecisionTreeRegressor, {"max_leaf_nodes": 10}),
    ("diabetes", False, DecisionTreeRegressor, sk.DecisionTreeRegressor,
     {"criterion": "poisson", "max_depth": 3}),
    ("diabetes", False, DecisionTreeRegressor, sk.DecisionTreeRegressor,
     {"criterion": "poisson", "min_samples_leaf": 5}),
]


@pytest.mark.parametrize("name, weighted, ours, theirs, params", TIE_FREE)
def test_tree_matches_sklearn_node_for_node(name, weighted, ours, theirs, params):
    X, y, w = _load(name, weighted)
    sk_trees = [theirs(random_state=s, **params).fit(X, y, sample_weight=w).tree_
                for s in range(3)]
    # precondition: no ties, so scikit-learn itself does not depend on the seed
    for t in sk_trees[1:]:
        np.testing.assert_array_equal(t.feature, sk_trees[0].feature)
    tree = ours(random_state=0, **params).fit(X, y, sample_weight=w)
    _assert_same_tree(tree.tree_, sk_trees[0])
    ref = theirs(random_state=0, **params).fit(X, y, sample_weight=w)
    np.testing.assert_array_equal(tree.predict(X), ref.predict(X))
    np.testing.assert_array_equal(tree.apply(X), ref.apply(X))
    # MDI is a sum of the (identical) node impurities: equal to rounding
    np.testing.assert_allclose(tree.feature_importances_, ref.feature_importances_,
                               rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(tree.decision_path(X), ref.decision_path(X).toarray())
    assert tree.get_depth() == ref.get_depth() and tree.get_n_leaves() == ref.get_n_leaves()


@pytest.mark.parametrize("criterion", ["gini", "entropy"])
@pytest.mark.parametrize("name", ["iris", "wine", "breast_cancer"])
def test_classifier_root_gain_matches_sklearn_with_ties(name, criterion):
    # With tied gains the chosen feature may differ, but the best gain cannot:
    # the root's children have the same weighted impurity as scikit-learn's.
    X, y, _ = _load(name)
    ours = DecisionTreeClassifier(criterion=criterion, max_depth=1).fit(X, y).tree_
    ref = sk.DecisionTreeClassifier(criterion=criterion, max_depth=1, random_state=0).fit(X, y).tree_

    def children_impurity(t):
        w = t.weighted_n_node_samples
        return (w[1] * t.impurity[1] + w[2] * t.impurity[2]) / w[0]

    np.testing.assert_allclose(children_impurity(ours), children_impurity(ref), rtol=1e-12)


def test_pruning_path_and_pruned_tree_match_sklearn():
    X, y, _ = _load("diabetes")
    params = {"min_samples_leaf": 5, "random_state": 0}  # tie-free, see TIE_FREE
    path = DecisionTreeRegressor(**params).cost_complexity_pruning_path(X, y)
    ref = sk.DecisionTreeRegressor(**params).cost_complexity_pruning_path(X, y)
    # the same weakest-link sequence on identical trees: the alphas and risks are
    # differences of identical node risks (~1e3), exact up to rounding
    np.testing.assert_allclose(path["ccp_alphas"], ref.ccp_alphas, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(path["impurities"], ref.impurities, rtol=1e-12)
    alpha = ref.ccp_alphas[len(ref.ccp_alphas) // 2] * 1.0001
    ours = DecisionTreeRegressor(ccp_alpha=alpha, **params).fit(X, y)
    theirs = sk.DecisionTreeRegressor(ccp_alpha=alpha, **params).fit(X, y)
    _assert_same_tree(ours.tree_, theirs.tree_)


def test_random_splitter_test_score_close_to_sklearn():
    # Thresholds are random draws from different generators: compare held-out
    # accuracy averaged over 5 seeds; 0.03 is about one standard error of the
    # seed-to-seed spread of a single extra-tree on 143 test samples.
    X, y, _ = _load("breast_cancer")
    rng = np.random.RandomState(0)
    order = rng.permutation(len(y))
    tr, te = order[:426], order[426:]
    ours = np.mean([DecisionTreeClassifier(splitter="random", random_state=s)
                    .fit(X[tr], y[tr]).score(X[te], y[te]) for s in range(5)])
    ref = np.mean([sk.DecisionTreeClassifier(splitter="random", random_state=s)
                   .fit(X[tr], y[tr]).score(X[te], y[te]) for s in range(5)])
    assert ours >= ref - 0.03


def test_max_features_and_max_leaf_nodes_are_respected():
    X, y, _ = _load("breast_cancer")
    clf = DecisionTreeClassifier(max_features="sqrt", max_leaf_nodes=7, random_state=0).fit(X, y)
    assert clf.max_features_ == 5 and clf.get_n_leaves() == 7
    leaves = clf.tree_.children_left == -1
    assert np.all(clf.tree_.n_node_samples[leaves] >= 1)
    # refit under the same seed is bit-identical; another seed draws other features
    again = DecisionTreeClassifier(max_features="sqrt", max_leaf_nodes=7, random_state=0).fit(X, y)
    np.testing.assert_array_equal(clf.tree_.threshold, again.tree_.threshold)


def test_min_samples_leaf_and_weight_fraction_hold_in_every_leaf():
    X, y, w = _load("wine", weighted=True)
    clf = DecisionTreeClassifier(min_samples_leaf=7, min_weight_fraction_leaf=0.05).fit(X, y, w)
    t = clf.tree_
    leaves = t.children_left == -1
    assert t.n_node_samples[leaves].min() >= 7
    assert t.weighted_n_node_samples[leaves].min() >= 0.05 * w.sum() - 1e-12


def test_predict_proba_rows_sum_to_one_and_class_weight_shifts_them():
    X, y, _ = _load("iris")
    clf = DecisionTreeClassifier(max_depth=2, class_weight={0: 1, 1: 5, 2: 1}).fit(X, y)
    P = clf.predict_proba(X)
    np.testing.assert_allclose(P.sum(axis=1), 1.0)
    ref = sk.DecisionTreeClassifier(max_depth=2, class_weight={0: 1, 1: 5, 2: 1},
                                    random_state=0).fit(X, y)
    # at depth 2 the tied root splits (petal length / width) give the same partition
    np.testing.assert_allclose(P, ref.predict_proba(X), rtol=1e-12)


def test_kernel_plain_python_equals_compiled():
    X, y, _ = _load("iris")
    X32 = np.ascontiguousarray(X[::3], dtype=np.float32)
    y = y[::3].astype(np.float64)
    w = np.random.default_rng(0).uniform(0.5, 1.5, y.shape[0])
    for params in (TreeParams(0, 3, False, 2, 4, 2, 1, 0.0, 0.0, -1),
                   TreeParams(1, 3, True, 4, 100, 2, 2, 0.0, 0.0, 5)):
        plain = build_tree(X32, y, w, np.arange(y.shape[0]), params, 7)
        jitted = build_tree_jit(X32, y, w, np.arange(y.shape[0]), params, 7)
        for a, b in zip(plain, jitted):
            np.testing.assert_array_equal(a, b)
    # regression criteria (variance, Poisson deviance) on a count target
    counts = np.round(X32[:, 2].astype(np.float64))
    for criterion in (2, 3):
        params = TreeParams(criterion, 2, False, 4, 3, 2, 1, 0.0, 0.0, -1)
        plain = build_tree(X32, counts, w, np.arange(counts.shape[0]), params, 3)
        jitted = build_tree_jit(X32, counts, w, np.arange(counts.shape[0]), params, 3)
        for a, b in zip(plain, jitted):
            np.testing.assert_array_equal(a, b)


def test_kernels_run_with_jit_disabled():
    code = (
        "import numpy as np; from scratchml.tree import DecisionTreeRegressor as R;"
        "X = np.random.default_rng(0).normal(size=(30, 3));"
        "m = R(max_depth=3).fit(X, X[:, 0]); print(m.get_n_leaves())"
    )
    env = dict(os.environ, NUMBA_DISABLE_JIT="1")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "8"


# --- bad input ----------------------------------------------------------------
def test_constant_feature_single_class_and_identical_rows():
    rng = np.random.default_rng(0)
    X = np.column_stack([np.ones(20), rng.normal(size=20)])
    y = (X[:, 1] > 0).astype(int)
    clf = DecisionTreeClassifier().fit(X, y)
    assert np.all(clf.tree_.feature[clf.tree_.feature >= 0] == 1)
    assert clf.feature_importances_[0] == 0.0
    one = DecisionTreeClassifier().fit(X, np.zeros(20, dtype=int))
    assert one.tree_.node_count == 1 and np.all(one.predict(X) == 0)
    same = DecisionTreeRegressor().fit(np.ones((10, 3)), np.arange(10.0))
    assert same.tree_.node_count == 1 and np.allclose(same.predict(np.ones((2, 3))), 4.5)
    np.testing.assert_array_equal(same.feature_importances_, np.zeros(3))


def test_bad_parameters_and_data_give_clear_errors():
    X, y, _ = _load("iris")
    with pytest.raises(ValueError, match="max_depth"):
        DecisionTreeClassifier(max_depth=0).fit(X, y)
    with pytest.raises(ValueError, match="max_features=9 must be <= n_features=4"):
        DecisionTreeClassifier(max_features=9).fit(X, y)
    X_inf = X.copy()
    X_inf[0, 0] = np.inf  # NaN is a missing value (tests/tree/test_missing_values.py)
    with pytest.raises(ValueError, match="infinity"):
        DecisionTreeClassifier().fit(X_inf, y)
    # a leaf must hold more than half the data: the root cannot be split
    big = DecisionTreeClassifier(min_samples_leaf=76).fit(X, y)
    assert big.tree_.node_count == 1
    with pytest.raises(ValueError, match="continuous"):
        DecisionTreeClassifier().fit(X, X[:, 0])


@pytest.mark.parametrize("max_depth_print", [10, 1])
def test_export_text_matches_sklearn(max_depth_print):
    # the tie-free trees of TIE_FREE: same nodes, so the same text
    from sklearn.tree import export_text as sk_export_text

    from scratchml.tree import export_text

    X, y, w = _load("breast_cancer", weighted=True)
    names = list(datasets.load_breast_cancer().feature_names)
    ours = DecisionTreeClassifier(max_depth=3).fit(X, y, w)
    ref = sk.DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y, w)
    kwargs = {"feature_names": names, "max_depth": max_depth_print, "show_weights": True}
    assert export_text(ours, **kwargs) == sk_export_text(ref, **kwargs)
    X, y, _ = _load("diabetes")
    reg = DecisionTreeRegressor(max_depth=3).fit(X, y)
    ref = sk.DecisionTreeRegressor(max_depth=3, random_state=0).fit(X, y)
    assert export_text(reg, max_depth=max_depth_print) == sk_export_text(ref, max_depth=max_depth_print)


def test_export_graphviz_and_plot_tree_describe_every_node():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from scratchml.tree import export_graphviz, plot_tree

    X, y, _ = _load("iris")
    clf = DecisionTreeClassifier(max_depth=2).fit(X, y)
    dot = export_graphviz(clf, feature_names=["sl", "sw", "pl", "pw"])
    n = clf.tree_.node_count
    assert dot.startswith("digraph Tree {") and dot.endswith("}")
    assert sum(" [label=" in line for line in dot.splitlines()) == n
    assert sum(" -> " in line for line in dot.splitlines()) == n - 1
    assert "samples = 150" in dot and "value = [50, 50, 50]" in dot
    fig, ax = plt.subplots()
    boxes = plot_tree(clf, ax=ax)
    assert len(boxes) == n and "samples = 150" in boxes[0].get_text()
    plt.close(fig)
    reg = DecisionTreeRegressor(max_depth=1).fit(X, X[:, 0])
    assert "squared_error = " in export_graphviz(reg)


def test_poisson_criterion_rejects_negative_targets_and_fits_counts():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 3))
    y = rng.poisson(np.exp(X[:, 0]))
    reg = DecisionTreeRegressor(criterion="poisson", max_depth=3).fit(X, y)
    ref = sk.DecisionTreeRegressor(criterion="poisson", max_depth=3, random_state=0).fit(X, y)
    # continuous X, integer counts: no tied gains at depth 3, same tree
    np.testing.assert_allclose(reg.predict(X), ref.predict(X), rtol=1e-12)
    assert np.all(reg.tree_.value[:, 0, 0] > 0)  # no zero-mean child is ever created
    with pytest.raises(ValueError, match="negative"):
        DecisionTreeRegressor(criterion="poisson").fit(X, y - 5.0)
    with pytest.raises(ValueError, match="not positive"):
        DecisionTreeRegressor(criterion="poisson").fit(X, np.zeros(200))
