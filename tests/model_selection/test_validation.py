"""cross_validate, cross_val_score, learning_curve, validation_curve against scikit-learn.

Oracle tolerance: exact equality of the scores. Both libraries split with the
same indices (tested in test_split.py), fit the same deterministic estimator
(a scikit-learn tree with a fixed seed, or scratchml's Dummy baselines) on the
same rows and score with the same metric, so every fold score is the same
floating-point number.
"""

import warnings

import numpy as np
import pytest
import sklearn.model_selection as sk
from joblib import parallel_config
from sklearn.datasets import load_diabetes, load_iris
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

import scratchml.model_selection as sm
from scratchml.dummy import DummyClassifier, DummyRegressor


@pytest.fixture(scope="module")
def iris():
    return load_iris(return_X_y=True)


@pytest.fixture(scope="module")
def diabetes():
    X, y = load_diabetes(return_X_y=True)
    return X[:120], y[:120]


@pytest.mark.parametrize("make", [
    lambda: DecisionTreeClassifier(max_depth=2, random_state=0),
    lambda: DummyClassifier(strategy="stratified", random_state=0),
])
def test_cross_validate_matches_sklearn(iris, make):
    X, y = iris
    ours = sm.cross_validate(make(), X, y, return_train_score=True)
    theirs = sk.cross_validate(make(), X, y, return_train_score=True)
    assert sorted(ours) == sorted(theirs)
    np.testing.assert_array_equal(ours["test_score"], theirs["test_score"])
    np.testing.assert_array_equal(ours["train_score"], theirs["train_score"])
    assert ours["fit_time"].shape == ours["score_time"].shape == (5,)
    assert np.all(ours["fit_time"] >= 0)


def test_cross_validate_multiple_scoring_matches_sklearn(iris):
    X, y = iris
    est = DecisionTreeClassifier(max_depth=2, random_state=0)
    scoring = ["accuracy", "f1_macro"]
    cv = sk.KFold(4, shuffle=True, random_state=0)
    ours = sm.cross_validate(est, X, y, scoring=scoring, cv=cv, return_train_score=True)
    theirs = sk.cross_validate(est, X, y, scoring=scoring, cv=cv, return_train_score=True)
    assert sorted(ours) == sorted(theirs)
    for key in ("test_accuracy", "test_f1_macro", "train_accuracy", "train_f1_macro"):
        np.testing.assert_array_equal(ours[key], theirs[key], err_msg=key)


def test_cross_validate_dict_of_callables_and_estimators_and_indices(diabetes):
    X, y = diabetes

    def neg_mae(est, X, y):
        return -np.mean(np.abs(est.predict(X) - y))

    res = sm.cross_validate(DummyRegressor(), X, y, cv=3, scoring={"mae": neg_mae},
                            return_estimator=True, return_indices=True)
    assert len(res["estimator"]) == 3 and all(hasattr(e, "constant_") for e in res["estimator"])
    for est, test, score in zip(res["estimator"], res["indices"]["test"], res["test_mae"]):
        assert score == neg_mae(est, X[test], y[test])


def test_cross_val_score_stratifies_classifiers_by_default(iris):
    # Iris is sorted by class: plain KFold would test on unseen classes
    # (accuracy 0), stratified folds keep the 1/3 proportions.
    X, y = iris
    ours = sm.cross_val_score(DummyClassifier(strategy="most_frequent"), X, y)
    np.testing.assert_array_equal(ours, sk.cross_val_score(DummyClassifier(strategy="most_frequent"), X, y))
    np.testing.assert_allclose(ours, 1 / 3)


def test_cross_val_score_regressor_uses_kfold_and_string_scoring(diabetes):
    X, y = diabetes
    est = DecisionTreeRegressor(max_depth=3, random_state=0)
    ours = sm.cross_val_score(est, X, y, cv=4, scoring="neg_mean_squared_error")
    theirs = sk.cross_val_score(est, X, y, cv=4, scoring="neg_mean_squared_error")
    np.testing.assert_array_equal(ours, theirs)


def test_cross_validate_same_results_for_any_n_jobs(iris):
    X, y = iris
    est = DecisionTreeClassifier(max_depth=3, random_state=0)
    serial = sm.cross_val_score(est, X, y, n_jobs=1)
    with parallel_config(backend="threading"):
        threaded = sm.cross_val_score(est, X, y, n_jobs=2)
    np.testing.assert_array_equal(serial, threaded)


def test_cross_validate_accepts_iterable_cv(iris):
    X, y = iris
    splits = list(sk.ShuffleSplit(3, test_size=0.2, random_state=0).split(X))
    est = DecisionTreeClassifier(max_depth=1, random_state=0)
    np.testing.assert_array_equal(sm.cross_val_score(est, X, y, cv=splits),
                                  sk.cross_val_score(est, X, y, cv=splits))


def test_cross_validate_sample_weight_is_split_with_the_data():
    X = np.zeros((8, 1))
    y = np.array([0.0, 10.0] * 4)
    w = np.array([1.0, 3.0] * 4)
    ours = sm.cross_val_score(DummyRegressor(), X, y, cv=2, params={"sample_weight": w},
                              scoring="neg_mean_absolute_error")
    theirs = sk.cross_val_score(DummyRegressor(), X, y, cv=2, params={"sample_weight": w},
                                scoring="neg_mean_absolute_error")
    np.testing.assert_array_equal(ours, theirs)
    assert ours[0] == -5.0  # weighted mean 7.5: |0 - 7.5| and |10 - 7.5| average to 5


def test_cross_validate_failed_fits_get_error_score_with_warning():
    X = np.zeros((12, 1))
    y = np.array([0, 1] * 6)
    # 'constant' without a constant: every fit fails.
    with pytest.raises(ValueError, match="All the 3 fits failed"):
        sm.cross_val_score(DummyClassifier(strategy="constant"), X, y, cv=3)
    with pytest.raises(ValueError, match="Constant target value has to be specified"):
        sm.cross_val_score(DummyClassifier(strategy="constant"), X, y, cv=3, error_score="raise")
    # Fails only on the folds whose training labels lack the constant 1.
    y_bad = np.array([1, 1, 1, 1] + [0] * 8)
    with pytest.warns(sm.FitFailedWarning, match="1 fits failed out of a total of 3"):
        scores = sm.cross_val_score(DummyClassifier(strategy="constant", constant=1), X, y_bad,
                                    cv=sm.KFold(3), error_score=-1.0)
    assert scores[0] == -1.0 and scores[1] >= 0


def test_cross_validate_clear_errors():
    X = np.zeros((10, 1))
    with pytest.raises(ValueError, match="inconsistent numbers of samples: \\[10, 9\\]"):
        sm.cross_val_score(DummyRegressor(), X, np.zeros(9))
    with pytest.raises(ValueError, match="Expected cv as an integer"):
        sm.cross_val_score(DummyRegressor(), X, np.zeros(10), cv="five")
    with pytest.raises(ValueError, match="requires y to be passed"):
        sm.cross_val_score(DummyRegressor(), X, None)
    with pytest.raises(ValueError, match="not a valid scoring"):
        sm.cross_val_score(DummyRegressor(), X, np.zeros(10), scoring="nope")
    with pytest.raises(ValueError, match="n_splits=20 greater than the number of samples"):
        sm.cross_val_score(DummyRegressor(), X, np.zeros(10), cv=20)


def test_check_cv_picks_the_default_splitter():
    y_class = np.array([0, 1] * 5)
    assert isinstance(sm.check_cv(3, y_class, classifier=True), sm.StratifiedKFold)
    assert isinstance(sm.check_cv(3, y_class, classifier=False), sm.KFold)
    assert isinstance(sm.check_cv(None, np.linspace(0, 1, 10), classifier=True), sm.KFold)
    assert sm.check_cv(None).get_n_splits() == 5
    splitter = sm.ShuffleSplit(2)
    assert sm.check_cv(splitter) is splitter


@pytest.mark.parametrize("kwargs", [
    {"train_sizes": [0.2, 0.5, 1.0]},
    {"train_sizes": [10, 40, 80], "shuffle": True, "random_state": 0},
])
def test_learning_curve_matches_sklearn(iris, kwargs):
    X, y = iris
    est = DecisionTreeClassifier(max_depth=3, random_state=0)
    ours = sm.learning_curve(est, X, y, cv=4, return_times=True, **kwargs)
    theirs = sk.learning_curve(est, X, y, cv=4, return_times=True, **kwargs)
    for a, b in zip(ours[:3], theirs[:3]):
        np.testing.assert_array_equal(a, b)
    assert ours[3].shape == ours[4].shape == ours[1].shape


def test_learning_curve_rejects_bad_sizes_and_warns_on_duplicates(iris):
    X, y = iris
    with pytest.raises(ValueError, match="must be within \\(0, 1\\]"):
        sm.learning_curve(DummyClassifier(), X, y, train_sizes=[0.0, 0.5])
    with pytest.raises(ValueError, match="must be within \\(0, 120\\]"):
        sm.learning_curve(DummyClassifier(), X, y, train_sizes=[10, 500])
    with pytest.warns(RuntimeWarning, match="Removed duplicate entries"):
        sizes, _, _ = sm.learning_curve(DummyClassifier(), X, y, train_sizes=[0.5, 0.501])
    assert sizes.tolist() == [60]


def test_validation_curve_matches_sklearn(iris):
    X, y = iris
    est = DecisionTreeClassifier(random_state=0)
    kw = {"param_name": "max_depth", "param_range": [1, 2, 4], "cv": 3}
    ours = sm.validation_curve(est, X, y, **kw)
    theirs = sk.validation_curve(est, X, y, **kw)
    assert ours[0].shape == (3, 3)
    for a, b in zip(ours, theirs):
        np.testing.assert_array_equal(a, b)


def test_validation_curve_leaves_estimator_and_inputs_untouched(iris):
    X, y = iris
    X0, y0 = X.copy(), y.copy()
    est = DummyClassifier()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sm.validation_curve(est, X, y, param_name="strategy",
                            param_range=["prior", "most_frequent"], cv=3)
    assert est.strategy == "prior" and not hasattr(est, "classes_")
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)
