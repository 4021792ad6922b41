"""permutation_importance against scikit-learn's, same seed, same shuffles."""

import numpy as np
import pytest
from joblib import parallel_backend
from sklearn import inspection as skinsp
from sklearn.tree import DecisionTreeClassifier

from scratchml.datasets import load_breast_cancer, make_regression
from scratchml.inspection import permutation_importance
from scratchml.linear_model import LinearRegression


@pytest.mark.parametrize(
    "max_samples,n_jobs", [(1.0, None), (0.5, None), (0.005, None), (0.995, None), (60, None), (0.5, 2)]
)
def test_same_importances_as_sklearn(max_samples, n_jobs):
    # The same fitted model scored on the same shuffles (same seed, same draw
    # order, for any n_jobs) gives the same numbers to rounding.
    X, y = load_breast_cancer(return_X_y=True)
    X, y = X[:200], y[:200]
    model = DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y)
    # Threads, not processes: the same parallel code path without paying
    # for starting interpreters in a unit test.
    with parallel_backend("threading"):
        ours = permutation_importance(model, X, y, n_repeats=4, random_state=7,
                                      max_samples=max_samples, n_jobs=n_jobs)
    ref = skinsp.permutation_importance(model, X, y, n_repeats=4, random_state=7,
                                        max_samples=max_samples)
    np.testing.assert_allclose(ours.importances, ref.importances, rtol=0, atol=1e-15)


def test_scoring_and_sample_weight_match_sklearn():
    X, y = make_regression(n_samples=60, n_features=4, noise=5.0, random_state=0)
    w = np.random.default_rng(0).uniform(0.5, 2.0, size=60)
    model = LinearRegression().fit(X, y)
    ours = permutation_importance(model, X, y, scoring="neg_mean_squared_error",
                                  sample_weight=w, random_state=0)
    ref = skinsp.permutation_importance(model, X, y, scoring="neg_mean_squared_error",
                                        sample_weight=w, random_state=0)
    np.testing.assert_allclose(ours.importances, ref.importances, rtol=1e-10)


def test_input_untouched_and_irrelevant_feature_near_zero():
    X, y = make_regression(n_samples=100, n_features=3, n_informative=1, shuffle=False,
                           random_state=1)
    X0 = X.copy()
    r = permutation_importance(LinearRegression().fit(X, y), X, y, n_repeats=10, random_state=0)
    np.testing.assert_array_equal(X, X0)
    assert r.importances_mean[0] > 1.0
    assert np.abs(r.importances_mean[1:]).max() < 0.01


@pytest.mark.parametrize("kwargs,match", [({"n_repeats": 0}, "n_repeats"),
                                          ({"max_samples": 1000}, "max_samples"),
                                          ({"max_samples": 1.5}, "max_samples")])
def test_bad_input(kwargs, match):
    X, y = make_regression(n_samples=20, n_features=2, random_state=0)
    with pytest.raises(ValueError, match=match):
        permutation_importance(LinearRegression().fit(X, y), X, y, **kwargs)
