"""Bagging, voting and stacking against scikit-learn with the same base estimators.

The base estimators are scikit-learn's own on both sides (or scratchml
closed forms), so any difference would come from the meta-estimator: bag
draws, vote counting, out-of-fold stacking. Those are deterministic given the
seed, hence exact equality.
"""

import warnings

import numpy as np
import pytest
from sklearn import ensemble as ske
from sklearn.linear_model import LinearRegression as SkOLS
from sklearn.linear_model import LogisticRegression as SkLR
from sklearn.linear_model import Ridge as SkRidge
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from scratchml.datasets import load_breast_cancer, load_diabetes, load_iris
from scratchml.ensemble import (
    BaggingClassifier,
    BaggingRegressor,
    StackingClassifier,
    StackingRegressor,
    VotingClassifier,
    VotingRegressor,
)


def _scaled(X):
    return (X - X.mean(axis=0)) / X.std(axis=0)  # lbfgs converges in a few steps


IRIS = (_scaled(load_iris(return_X_y=True)[0]), load_iris(return_X_y=True)[1])
DIABETES = load_diabetes(return_X_y=True)
CLASSIFIERS = [("lr", SkLR()), ("tree", DecisionTreeClassifier(max_depth=2, random_state=0)),
               ("nb", GaussianNB())]


@pytest.mark.parametrize("base", [DecisionTreeClassifier(max_depth=3), KNeighborsClassifier(3)])
@pytest.mark.parametrize("kwargs", [{}, {"max_samples": 0.5, "max_features": 0.5,
                                         "bootstrap_features": True},
                                    {"bootstrap": False, "max_samples": 0.7},
                                    {"oob_score": True, "n_estimators": 15}])
def test_bagging_classifier_same_bags_and_probabilities_as_sklearn(base, kwargs):
    X, y = IRIS
    ours = BaggingClassifier(base, random_state=3, **kwargs).fit(X, y)
    ref = ske.BaggingClassifier(base, random_state=3, **kwargs).fit(X, y)
    for a, b in zip(ours.estimators_samples_, ref.estimators_samples_):
        np.testing.assert_array_equal(a, b)
    for a, b in zip(ours.estimators_features_, ref.estimators_features_):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(ours.predict_proba(X), ref.predict_proba(X))
    if kwargs.get("oob_score"):
        assert ours.oob_score_ == ref.oob_score_
        np.testing.assert_allclose(ours.oob_decision_function_, ref.oob_decision_function_)


def test_bagging_with_sample_weight_and_regressor_oob_match_sklearn():
    X, y = IRIS
    w = np.random.default_rng(0).uniform(0.1, 2.0, len(y))
    ours = BaggingClassifier(DecisionTreeClassifier(max_depth=3), random_state=1).fit(X, y, sample_weight=w)
    ref = ske.BaggingClassifier(DecisionTreeClassifier(max_depth=3), random_state=1).fit(X, y, sample_weight=w)
    np.testing.assert_array_equal(ours.predict_proba(X), ref.predict_proba(X))
    X, y = DIABETES
    ours = BaggingRegressor(DecisionTreeRegressor(max_depth=4), n_estimators=15, oob_score=True,
                            random_state=0).fit(X, y)
    ref = ske.BaggingRegressor(DecisionTreeRegressor(max_depth=4), n_estimators=15, oob_score=True,
                               random_state=0).fit(X, y)
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))
    assert ours.oob_score_ == pytest.approx(ref.oob_score_, rel=1e-12)


def test_bagging_same_result_for_any_n_jobs_and_warm_start():
    X, y = IRIS
    one = BaggingClassifier(DecisionTreeClassifier(), n_estimators=8, random_state=0).fit(X, y)
    two = BaggingClassifier(DecisionTreeClassifier(), n_estimators=8, random_state=0, n_jobs=2).fit(X, y)
    np.testing.assert_array_equal(one.predict_proba(X), two.predict_proba(X))
    warm = BaggingClassifier(DecisionTreeClassifier(), n_estimators=4, random_state=0, warm_start=True)
    warm.fit(X, y).set_params(n_estimators=8).fit(X, y)
    np.testing.assert_array_equal(warm.predict_proba(X), one.predict_proba(X))


def test_bagging_oob_needs_bootstrap_and_warns_without_votes():
    X, y = IRIS
    with pytest.raises(ValueError, match="oob_score=True needs bootstrap=True"):
        BaggingClassifier(oob_score=True, bootstrap=False).fit(X, y)
    with pytest.warns(UserWarning, match="do not have OOB scores"):
        BaggingClassifier(DecisionTreeClassifier(), n_estimators=2, oob_score=True,
                          random_state=0).fit(X, y)


@pytest.mark.parametrize("voting", ["hard", "soft"])
@pytest.mark.parametrize("weights", [None, [1, 2, 1]])
def test_voting_classifier_matches_sklearn(voting, weights):
    X, y = IRIS
    y_str = np.array(["setosa", "versicolor", "virginica"])[y]  # string labels round-trip
    ours = VotingClassifier(CLASSIFIERS, voting=voting, weights=weights).fit(X, y_str)
    ref = ske.VotingClassifier(CLASSIFIERS, voting=voting, weights=weights).fit(X, y_str)
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))
    np.testing.assert_allclose(ours.transform(X), ref.transform(X), rtol=1e-14)
    assert hasattr(ours, "predict_proba") == (voting == "soft")


def test_voting_drop_and_named_estimators():
    X, y = IRIS
    vote = VotingClassifier(CLASSIFIERS, voting="soft").set_params(tree="drop").fit(X, y)
    assert list(vote.named_estimators_) == ["lr", "nb"] and len(vote.estimators_) == 2
    assert vote.get_params()["lr__C"] == 1.0
    with pytest.raises(ValueError, match="Number of weights"):
        VotingClassifier(CLASSIFIERS, weights=[1, 2]).fit(X, y)


def test_voting_regressor_matches_sklearn():
    X, y = DIABETES
    est = [("ols", SkOLS()), ("tree", DecisionTreeRegressor(max_depth=3, random_state=0))]
    ours = VotingRegressor(est, weights=[2, 1]).fit(X, y)
    ref = ske.VotingRegressor(est, weights=[2, 1]).fit(X, y)
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), rtol=1e-14)


@pytest.mark.parametrize("stack_method", ["auto", "predict"])
@pytest.mark.parametrize("passthrough", [False, True])
@pytest.mark.parametrize("data", ["iris", "breast_cancer"])
def test_stacking_classifier_same_meta_features_as_sklearn(stack_method, passthrough, data):
    X, y = IRIS if data == "iris" else load_breast_cancer(return_X_y=True)
    X = _scaled(X)
    final = SkLR()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = StackingClassifier(CLASSIFIERS, final, cv=3, stack_method=stack_method,
                                  passthrough=passthrough).fit(X, y)
        ref = ske.StackingClassifier(CLASSIFIERS, final, cv=3, stack_method=stack_method,
                                     passthrough=passthrough).fit(X, y)
    np.testing.assert_array_equal(ours.transform(X), ref.transform(X))
    np.testing.assert_array_equal(ours.predict_proba(X), ref.predict_proba(X))
    assert ours.stack_method_ == ref.stack_method_


def test_stacking_regressor_matches_sklearn():
    X, y = DIABETES
    est = [("ols", SkOLS()), ("tree", DecisionTreeRegressor(max_depth=3, random_state=0))]
    ours = StackingRegressor(est, final_estimator=SkRidge(), cv=4).fit(X, y)
    ref = ske.StackingRegressor(est, final_estimator=SkRidge(), cv=4).fit(X, y)
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), rtol=1e-12)


def test_stacking_bad_stack_method():
    X, y = IRIS
    with pytest.raises(ValueError, match="has no 'decision_function'"):
        StackingClassifier(CLASSIFIERS, stack_method="decision_function").fit(X, y)
