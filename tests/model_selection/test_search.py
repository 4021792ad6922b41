"""ParameterGrid/ParameterSampler, GridSearchCV and RandomizedSearchCV against scikit-learn.

Oracle tolerance: exact equality. The candidates come out in the same order
(and, for random search, from the same draws of the same ``RandomState``), the
splits are the same indices and the base estimators are deterministic, so
every per-split score in ``cv_results_`` is the same float, and so are the
means, standard deviations (same formula, same summation order) and ranks.
"""

import warnings

import numpy as np
import pytest
import sklearn.model_selection as sk
from hypothesis import given
from hypothesis import strategies as st
from joblib import parallel_config
from scipy import stats
from sklearn.datasets import load_iris
from sklearn.tree import DecisionTreeClassifier

import scratchml.model_selection as sm
from scratchml.dummy import DummyClassifier, DummyRegressor
from scratchml.utils.validation import InvalidParameterError


@pytest.fixture(scope="module")
def iris():
    return load_iris(return_X_y=True)


def _assert_same_cv_results(ours, theirs):
    assert sorted(ours) == sorted(theirs)
    for key, expected in theirs.items():
        if "time" in key:
            assert ours[key].shape == expected.shape
        elif key == "params":
            assert ours[key] == expected
        else:
            np.testing.assert_array_equal(ours[key], expected, err_msg=key)
            if isinstance(expected, np.ma.MaskedArray):
                np.testing.assert_array_equal(ours[key].mask, expected.mask, err_msg=key)


# --------------------------------------------------------------------------- candidates
def test_parameter_grid_matches_sklearn_order_and_indexing():
    grid = [{"b": [1, 2, 3], "a": ["x", "y"]}, {}, {"c": np.array([0.5, 1.5])}]
    ours, theirs = sm.ParameterGrid(grid), sk.ParameterGrid(grid)
    assert len(ours) == len(theirs) == 9
    assert list(ours) == list(theirs)
    assert [ours[i] for i in range(len(ours))] == list(theirs)
    with pytest.raises(IndexError):
        ours[9]


@pytest.mark.parametrize("bad, error", [
    ({"a": 1}, TypeError), ({"a": []}, ValueError), ({"a": "abc"}, TypeError),
    ([1, 2], TypeError), ({"a": np.zeros((2, 2))}, ValueError),
])
def test_parameter_grid_rejects_bad_grids(bad, error):
    with pytest.raises(error):
        sm.ParameterGrid(bad)


# grid sizes chosen so n_iter/size crosses every sampling regime of scikit-learn:
# <= 0.01 (rejection), (0.01, 0.99) (permutation), >= 0.99 (reservoir).
@given(size=st.sampled_from([2, 3, 7, 50, 150, 400]), n_iter=st.integers(1, 12),
       seed=st.integers(0, 2**31 - 1))
def test_parameter_sampler_matches_sklearn_for_lists(size, n_iter, seed):
    dist = {"a": list(range(size)), "b": ["u"]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # n_iter > grid size: both warn
        assert list(sm.ParameterSampler(dist, n_iter, random_state=seed)) == \
            list(sk.ParameterSampler(dist, n_iter, random_state=seed))


@given(seed=st.integers(0, 2**31 - 1))
def test_parameter_sampler_matches_sklearn_for_distributions(seed):
    dists = [{"a": stats.uniform(0, 1), "b": [1, 2, 3]}, {"c": stats.randint(0, 10)}]
    assert list(sm.ParameterSampler(dists, 6, random_state=seed)) == \
        list(sk.ParameterSampler(dists, 6, random_state=seed))


def test_parameter_sampler_warns_when_grid_is_smaller_than_n_iter():
    with pytest.warns(UserWarning, match="total space of parameters 2 is smaller than n_iter=5"):
        params = list(sm.ParameterSampler({"a": [1, 2]}, 5, random_state=0))
    assert sorted(p["a"] for p in params) == [1, 2]


# --------------------------------------------------------------------------- searches
def test_grid_search_matches_sklearn_with_sklearn_estimator(iris):
    X, y = iris
    grid = [{"max_depth": [1, 2, None], "min_samples_leaf": [1, 10]}, {"criterion": ["entropy"]}]
    est = DecisionTreeClassifier(random_state=0)
    ours = sm.GridSearchCV(est, grid, return_train_score=True).fit(X, y)
    theirs = sk.GridSearchCV(est, grid, return_train_score=True).fit(X, y)
    _assert_same_cv_results(ours.cv_results_, theirs.cv_results_)
    assert ours.best_params_ == theirs.best_params_
    assert ours.best_index_ == theirs.best_index_
    assert ours.best_score_ == theirs.best_score_
    assert ours.n_splits_ == 5 and ours.refit_time_ >= 0
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
    np.testing.assert_array_equal(ours.predict_proba(X), theirs.predict_proba(X))
    np.testing.assert_array_equal(ours.classes_, theirs.classes_)
    assert ours.score(X, y) == theirs.score(X, y)


@pytest.mark.parametrize("est, grid, y_kind", [
    (DummyClassifier(), {"strategy": ["prior", "most_frequent", "stratified"],
                         "random_state": [0, 1]}, "class"),
    (DummyRegressor(), {"strategy": ["mean", "median", "quantile"], "quantile": [0.1, 0.9]},
     "reg"),
])
def test_grid_search_matches_sklearn_with_scratchml_dummies(est, grid, y_kind):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 3))
    y = rng.integers(0, 3, 40) if y_kind == "class" else rng.normal(size=40)
    ours = sm.GridSearchCV(est, grid, cv=4, return_train_score=True).fit(X, y)
    theirs = sk.GridSearchCV(est, grid, cv=4, return_train_score=True).fit(X, y)
    _assert_same_cv_results(ours.cv_results_, theirs.cv_results_)
    assert ours.best_params_ == theirs.best_params_


def test_randomized_search_matches_sklearn(iris):
    X, y = iris
    dists = {"max_depth": [1, 2, 3, 4, None], "min_samples_leaf": stats.randint(1, 20)}
    est = DecisionTreeClassifier(random_state=0)
    kw = {"n_iter": 6, "random_state": 3, "cv": 3}
    ours = sm.RandomizedSearchCV(est, dists, **kw).fit(X, y)
    theirs = sk.RandomizedSearchCV(est, dists, **kw).fit(X, y)
    _assert_same_cv_results(ours.cv_results_, theirs.cv_results_)
    assert ours.best_params_ == theirs.best_params_ and ours.best_score_ == theirs.best_score_


def test_grid_search_multimetric_matches_sklearn(iris):
    X, y = iris
    grid = {"max_depth": [1, 2, 3]}
    est = DecisionTreeClassifier(random_state=0)
    kw = {"scoring": {"acc": "accuracy", "f1": "f1_macro"}, "refit": "f1", "cv": 3}
    ours = sm.GridSearchCV(est, grid, **kw).fit(X, y)
    theirs = sk.GridSearchCV(est, grid, **kw).fit(X, y)
    _assert_same_cv_results(ours.cv_results_, theirs.cv_results_)
    assert ours.best_score_ == theirs.best_score_
    assert ours.score(X, y) == theirs.score(X, y)


def test_grid_search_same_results_for_any_n_jobs(iris):
    X, y = iris
    grid = {"max_depth": [1, 2, 3]}
    est = DecisionTreeClassifier(random_state=0)
    serial = sm.GridSearchCV(est, grid, n_jobs=1).fit(X, y)
    with parallel_config(backend="loky"):
        parallel = sm.GridSearchCV(est, grid, n_jobs=2).fit(X, y)
    for key in ("mean_test_score", "std_test_score", "rank_test_score", "split0_test_score"):
        np.testing.assert_array_equal(serial.cv_results_[key], parallel.cv_results_[key])


def test_grid_search_refit_false_and_callable(iris):
    X, y = iris
    grid = {"max_depth": [1, 3]}
    est = DecisionTreeClassifier(random_state=0)
    no_refit = sm.GridSearchCV(est, grid, refit=False, cv=3).fit(X, y)
    assert not hasattr(no_refit, "best_estimator_")
    assert no_refit.best_params_ == {"max_depth": 3}
    with pytest.raises(AttributeError, match="refit=False"):
        no_refit.predict(X)

    def pick_worst(results):
        return int(np.argmin(results["mean_test_score"]))

    worst = sm.GridSearchCV(est, grid, refit=pick_worst, cv=3).fit(X, y)
    assert worst.best_index_ == 0 and not hasattr(worst, "best_score_")
    assert worst.best_estimator_.max_depth == 1


def test_grid_search_rank_ties_share_the_smallest_rank():
    X = np.zeros((12, 1))
    y = np.array([0, 1, 1] * 4)
    grid = {"strategy": ["prior", "most_frequent", "uniform"], "random_state": [0]}
    ours = sm.GridSearchCV(DummyClassifier(), grid, cv=3).fit(X, y)
    theirs = sk.GridSearchCV(DummyClassifier(), grid, cv=3).fit(X, y)
    np.testing.assert_array_equal(ours.cv_results_["rank_test_score"], [1, 1, 3])
    np.testing.assert_array_equal(theirs.cv_results_["rank_test_score"], [1, 1, 3])
    assert ours.best_index_ == 0  # ties go to the first candidate


def test_grid_search_failed_candidates_rank_last():
    X = np.zeros((12, 1))
    y = np.array([0, 1, 1] * 4)
    grid = {"strategy": ["constant", "prior"]}  # 'constant' without a constant fails
    with pytest.warns(sm.FitFailedWarning), \
            pytest.warns(UserWarning, match="test scores are non-finite"):
        search = sm.GridSearchCV(DummyClassifier(), grid, cv=3).fit(X, y)
    assert np.isnan(search.cv_results_["mean_test_score"][0])
    np.testing.assert_array_equal(search.cv_results_["rank_test_score"], [2, 1])
    assert search.best_params_ == {"strategy": "prior"}


def test_search_methods_follow_the_base_estimator(iris):
    X, y = iris
    reg = sm.GridSearchCV(DummyRegressor(), {"strategy": ["mean"]}, cv=2).fit(X, y.astype(float))
    assert not hasattr(reg, "predict_proba")
    clf = sm.GridSearchCV(DummyClassifier(), {"strategy": ["prior"]}, cv=2)
    assert hasattr(clf, "predict_proba")
    assert clf._estimator_type == "classifier" and reg._estimator_type == "regressor"


def test_search_clear_errors(iris):
    X, y = iris
    with pytest.raises(ValueError, match="parameter refit must be set to a scorer key"):
        sm.GridSearchCV(DummyClassifier(), {"strategy": ["prior"]},
                        scoring=["accuracy", "f1_macro"]).fit(X, y)
    with pytest.raises(InvalidParameterError, match="'cv' parameter of GridSearchCV"):
        sm.GridSearchCV(DummyClassifier(), {"strategy": ["prior"]}, cv=1).fit(X, y)
    with pytest.raises(InvalidParameterError, match="'n_iter' parameter"):
        sm.RandomizedSearchCV(DummyClassifier(), {"strategy": ["prior"]}, n_iter=0).fit(X, y)
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        sm.GridSearchCV(DummyClassifier(), {"strategy": ["prior"]}).fit(X, y[:-1])


def test_grid_search_reaches_into_a_pipeline_and_nests_in_cross_validation(iris):
    from scratchml.pipeline import Pipeline
    from scratchml.preprocessing import StandardScaler

    X, y = iris
    pipe = Pipeline([("scale", StandardScaler()), ("clf", DummyClassifier(random_state=0))])
    grid = {"clf__strategy": ["uniform", "stratified", "prior"]}
    ours = sm.GridSearchCV(pipe, grid, cv=3)
    theirs = sk.GridSearchCV(pipe, grid, cv=3)
    _assert_same_cv_results(ours.fit(X, y).cv_results_, theirs.fit(X, y).cv_results_)
    assert ours.best_estimator_.named_steps["clf"].strategy == ours.best_params_["clf__strategy"]
    # nested cross-validation: the search is itself an estimator
    np.testing.assert_array_equal(sm.cross_val_score(ours, X, y, cv=3),
                                  sk.cross_val_score(theirs, X, y, cv=3))
