"""warm_start of the random forests, extra trees and IsolationForest against
scikit-learn, plus the equal-to-one-fit invariant and the errors/warnings."""

import numpy as np
import pytest
from sklearn import datasets
from sklearn import ensemble as sk
from sklearn.metrics import roc_auc_score

from scratchml.ensemble import (
    ExtraTreesClassifier,
    ExtraTreesRegressor,
    IsolationForest,
    RandomForestClassifier,
    RandomForestRegressor,
)

# 10-20 trees leave a few rows in every bootstrap sample; the warning is
# expected (tests/ensemble/test_forest.py tests it)
pytestmark = pytest.mark.filterwarnings("ignore:Some inputs do not have OOB scores")


def _split(name):
    X, y = getattr(datasets, f"load_{name}")(return_X_y=True)
    order = np.random.RandomState(0).permutation(len(y))
    n_test = len(y) // 4
    te, tr = order[:n_test], order[n_test:]
    return X[tr], X[te], y[tr], y[te]


FORESTS = [
    (RandomForestClassifier, "breast_cancer", {}),
    (ExtraTreesClassifier, "breast_cancer", {"bootstrap": True}),
    (RandomForestRegressor, "diabetes", {"max_features": 0.5}),
    (ExtraTreesRegressor, "diabetes", {"bootstrap": True}),
]


def _outputs(model, X):
    if hasattr(model, "predict_proba"):
        return model.predict_proba(X), model.oob_decision_function_
    return model.predict(X), model.oob_prediction_


@pytest.mark.parametrize("cls, name, params", FORESTS)
def test_warm_start_10_then_20_is_one_fit_of_20(cls, name, params):
    # the 10 new trees get the seeds 10..19 of the random_state's stream,
    # exactly those one fit of 20 trees gives them: same forest, bit for bit,
    # and the out-of-bag estimate is recomputed over all 20 trees
    Xtr, Xte, ytr, _ = _split(name)
    kw = dict(random_state=3, max_depth=4, oob_score=True, **params)
    warm = cls(10, warm_start=True, **kw).fit(Xtr, ytr)
    first = list(warm.estimators_)
    warm.set_params(n_estimators=20).fit(Xtr, ytr)
    assert warm.estimators_[:10] == first  # the same tree objects, kept
    once = cls(20, **kw).fit(Xtr, ytr)
    for a, b in zip(warm.estimators_, once.estimators_):
        np.testing.assert_array_equal(a.tree_.threshold, b.tree_.threshold)
    for a, b in zip(_outputs(warm, Xte), _outputs(once, Xte)):
        np.testing.assert_array_equal(a, b)
    assert warm.oob_score_ == once.oob_score_
    np.testing.assert_array_equal(warm.feature_importances_, once.feature_importances_)


def test_warm_started_forest_regressor_matches_sklearns_warm_start():
    # max_features=None, max_depth=3 on diabetes: every tree is the same CART
    # tree as scikit-learn's (same per-tree seeds, same bootstrap rows, no
    # tied splits; tests/ensemble/test_forest.py), so the warm-started
    # forests agree to the rounding of leaf means
    X, y = datasets.load_diabetes(return_X_y=True)
    kw = dict(max_features=None, max_depth=3, random_state=0, oob_score=True)
    ours = RandomForestRegressor(5, warm_start=True, **kw).fit(X, y)
    ref = sk.RandomForestRegressor(5, warm_start=True, **kw).fit(X, y)
    ours.set_params(n_estimators=12).fit(X, y)
    ref.set_params(n_estimators=12).fit(X, y)
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), rtol=1e-12)
    # out-of-bag: the same rows out of bag of the same trees
    np.testing.assert_allclose(ours.oob_prediction_, ref.oob_prediction_, rtol=1e-12)
    assert ours.oob_score_ == pytest.approx(ref.oob_score_, rel=1e-12)


@pytest.mark.parametrize("name, ours_cls, ref_cls", [
    ("breast_cancer", RandomForestClassifier, sk.RandomForestClassifier),
    ("breast_cancer", ExtraTreesClassifier, sk.ExtraTreesClassifier),
    ("diabetes", RandomForestRegressor, sk.RandomForestRegressor),
    ("diabetes", ExtraTreesRegressor, sk.ExtraTreesRegressor),
])
def test_warm_started_forests_score_like_sklearns(name, ours_cls, ref_cls):
    # random feature draws / thresholds come from another generator (and
    # fully grown trees tie), so only the quality compares: mean held-out
    # accuracy / R² over 5 seeds within 1 point of scikit-learn's
    # (tests/ensemble/test_forest.py's bar, about the seed-to-seed spread of
    # such means)
    Xtr, Xte, ytr, yte = _split(name)

    def score(cls, seed):
        model = cls(15, warm_start=True, random_state=seed).fit(Xtr, ytr)
        return model.set_params(n_estimators=30).fit(Xtr, ytr).score(Xte, yte)

    a = np.mean([score(ours_cls, s) for s in range(5)])
    b = np.mean([score(ref_cls, s) for s in range(5)])
    assert a >= b - 0.01


def test_warm_start_errors_warnings_and_oob_recomputation():
    Xtr, _, ytr, _ = _split("iris")
    clf = RandomForestClassifier(8, warm_start=True, random_state=0).fit(Xtr, ytr)
    with pytest.raises(ValueError, match=r"n_estimators=5 must be larger or equal to "
                                         r"len\(estimators_\)=8 when warm_start==True"):
        clf.set_params(n_estimators=5).fit(Xtr, ytr)
    trees = list(clf.estimators_)
    with pytest.warns(UserWarning, match="without increasing n_estimators does not fit new"):
        clf.set_params(n_estimators=8).fit(Xtr, ytr)
    assert clf.estimators_ == trees
    # no tree added, but no OOB estimate yet: it is computed (as scikit-learn does)
    with pytest.warns(UserWarning, match="without increasing"):
        clf.set_params(oob_score=True).fit(Xtr, ytr)
    assert clf.estimators_ == trees
    fresh = RandomForestClassifier(8, oob_score=True, random_state=0).fit(Xtr, ytr)
    assert clf.oob_score_ == fresh.oob_score_
    # warm_start=False grows a new forest
    clf.set_params(warm_start=False, n_estimators=8).fit(Xtr, ytr)
    assert all(a is not b for a, b in zip(clf.estimators_, trees))
    with pytest.warns(UserWarning, match="not recommended for warm_start"):
        RandomForestClassifier(3, warm_start=True, class_weight="balanced").fit(Xtr, ytr)


def test_isolation_forest_warm_start_is_one_fit_and_ranks_like_sklearn():
    rng = np.random.default_rng(0)
    X = np.r_[rng.normal(size=(300, 2)), rng.uniform(-6, 6, size=(15, 2))]
    y = np.r_[np.zeros(300), np.ones(15)]
    warm = IsolationForest(n_estimators=10, warm_start=True, random_state=0).fit(X)
    warm.set_params(n_estimators=20).fit(X)
    once = IsolationForest(n_estimators=20, random_state=0).fit(X)
    np.testing.assert_array_equal(warm.score_samples(X), once.score_samples(X))
    # scikit-learn's warm-started forest: different random splits, so the
    # ranking quality compares (the bar: ROC AUC within 0.02)
    ref = sk.IsolationForest(n_estimators=10, warm_start=True, random_state=0).fit(X)
    ref.set_params(n_estimators=20).fit(X)
    assert len(warm.estimators_) == len(ref.estimators_) == 20
    assert roc_auc_score(y, -warm.score_samples(X)) >= roc_auc_score(y, -ref.score_samples(X)) - 0.02
    with pytest.raises(ValueError, match="must be larger or equal to len"):
        warm.set_params(n_estimators=5).fit(X)
    with pytest.warns(UserWarning, match="without increasing n_estimators"):
        warm.set_params(n_estimators=20, contamination=0.05).fit(X)
    assert len(warm.estimators_) == 20
    assert np.mean(warm.predict(X) == -1) == pytest.approx(0.05, abs=0.01)  # offset_ refitted
