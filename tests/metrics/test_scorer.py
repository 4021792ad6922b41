"""Scorers against scikit-learn's scorers of the same names."""

import numpy as np
import pytest
from sklearn import metrics as skm
from sklearn.linear_model import LinearRegression, LogisticRegression

from scratchml.dummy import DummyClassifier, DummyRegressor
from scratchml.metrics import (
    average_precision_score,
    check_scoring,
    f1_score,
    get_scorer,
    get_scorer_names,
    log_loss,
    make_scorer,
)

CLASSIFICATION_NAMES = [
    "accuracy", "balanced_accuracy", "f1", "f1_macro", "f1_weighted", "precision",
    "recall", "roc_auc", "neg_log_loss",
]
REGRESSION_NAMES = [
    "r2", "neg_mean_squared_error", "neg_root_mean_squared_error",
    "neg_mean_absolute_error", "explained_variance",
]


def _binary_data():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 3))
    y = (X[:, 0] + 0.8 * rng.normal(size=60) > 0).astype(int)
    return X, y


@pytest.mark.parametrize("name", CLASSIFICATION_NAMES)
def test_get_scorer_matches_sklearn_binary(name):
    # Same fitted estimator, same response method: the metric values must agree
    # to rounding (1e-12).
    X, y = _binary_data()
    clf = LogisticRegression().fit(X, y)
    assert get_scorer(name)(clf, X, y) == pytest.approx(skm.get_scorer(name)(clf, X, y), abs=1e-12)


@pytest.mark.parametrize("name", ["accuracy", "balanced_accuracy", "f1_macro", "f1_weighted",
                                  "neg_log_loss", "roc_auc_ovr", "roc_auc_ovo"])
def test_get_scorer_matches_sklearn_multiclass(name):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(90, 3))
    y = np.argmax(X + 0.7 * rng.normal(size=X.shape), axis=1)
    clf = LogisticRegression().fit(X, y)
    assert get_scorer(name)(clf, X, y) == pytest.approx(skm.get_scorer(name)(clf, X, y), abs=1e-12)


@pytest.mark.parametrize("name", REGRESSION_NAMES)
def test_get_scorer_matches_sklearn_regression(name):
    rng = np.random.default_rng(2)
    X = rng.normal(size=(50, 4))
    y = X @ [1.0, -2.0, 0.5, 0.0] + rng.normal(size=50)
    reg = LinearRegression().fit(X, y)
    assert get_scorer(name)(reg, X, y) == pytest.approx(skm.get_scorer(name)(reg, X, y), abs=1e-12)


def test_get_scorer_roc_auc_uses_pos_label_column_with_string_classes():
    X, y = _binary_data()
    y = np.where(y == 1, "yes", "no")
    clf = LogisticRegression().fit(X, y)
    ours = make_scorer(f1_score, pos_label="no")(clf, X, y)
    theirs = skm.make_scorer(skm.f1_score, pos_label="no")(clf, X, y)
    assert ours == pytest.approx(theirs, abs=1e-12)
    assert get_scorer("roc_auc")(clf, X, y) == pytest.approx(skm.get_scorer("roc_auc")(clf, X, y), abs=1e-12)
    # pos_label = classes_[0]: decision_function is negated, predict_proba takes column 0.
    for method in ("decision_function", "predict_proba"):
        ours = make_scorer(average_precision_score, response_method=method, pos_label="no")
        theirs = skm.make_scorer(skm.average_precision_score, response_method=method, pos_label="no")
        assert ours(clf, X, y) == pytest.approx(theirs(clf, X, y), abs=1e-12)


def test_get_scorer_adjusted_rand_and_sample_weight():
    X, y = _binary_data()
    clf = LogisticRegression().fit(X, y)
    assert get_scorer("adjusted_rand_score")(clf, X, y) == pytest.approx(
        skm.get_scorer("adjusted_rand_score")(clf, X, y), abs=1e-12
    )
    w = np.linspace(0.5, 2.0, y.shape[0])
    assert get_scorer("accuracy")(clf, X, y, sample_weight=w) == pytest.approx(
        skm.accuracy_score(y, clf.predict(X), sample_weight=w), abs=1e-12
    )


def test_get_scorer_names_cover_issue_list_and_copy():
    for name in CLASSIFICATION_NAMES + REGRESSION_NAMES + ["adjusted_rand_score"]:
        assert name in get_scorer_names()
    assert get_scorer("accuracy") is not get_scorer("accuracy")
    with pytest.raises(ValueError, match="not a valid scoring value"):
        get_scorer("nope")
    scorer = make_scorer(f1_score)
    assert get_scorer(scorer) is scorer


def test_check_scoring_none_uses_estimator_score():
    X, y = _binary_data()
    clf = DummyClassifier(strategy="most_frequent").fit(X, y)
    assert check_scoring(clf)(clf, X, y) == clf.score(X, y)
    assert check_scoring(clf, "accuracy")(clf, X, y) == clf.score(X, y)
    reg = DummyRegressor().fit(X, y.astype(float))
    assert check_scoring(reg, None)(reg, X, y) == reg.score(X, y)
    with pytest.raises(TypeError, match="score"):
        check_scoring(object())


def test_make_scorer_greater_is_better_flips_sign_and_validates():
    X, y = _binary_data()
    clf = LogisticRegression().fit(X, y)
    scorer = make_scorer(log_loss, response_method="predict_proba", greater_is_better=False)
    assert scorer(clf, X, y) == pytest.approx(-skm.log_loss(y, clf.predict_proba(X)), abs=1e-12)
    with pytest.raises(ValueError, match="response_method"):
        make_scorer(log_loss, response_method="transform")
