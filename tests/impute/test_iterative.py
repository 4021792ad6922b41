"""IterativeImputer: same estimator and order as scikit-learn give the same values."""

import warnings

import numpy as np
import pytest
from sklearn.experimental import enable_iterative_imputer  # noqa: F401
from sklearn.impute import IterativeImputer as SkIterativeImputer
from sklearn.linear_model import BayesianRidge
from sklearn.linear_model import Ridge as SkRidge

from scratchml.impute import IterativeImputer
from scratchml.impute._iterative import truncated_normal_draw
from scratchml.linear_model import Ridge


@pytest.fixture
def data(rng):
    X = rng.normal(size=(80, 5))
    X[:, 1] += 2 * X[:, 0]
    X[:, 4] = X[:, 2] - X[:, 3]
    X[rng.random(X.shape) < 0.2] = np.nan
    X_new = rng.normal(size=(15, 5))
    X_new[rng.random(X_new.shape) < 0.2] = np.nan
    return X, X_new


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
@pytest.mark.filterwarnings("ignore::scratchml.exceptions.ConvergenceWarning")
@pytest.mark.parametrize(
    "params",
    [{}, {"imputation_order": "random", "random_state": 0},
     {"n_nearest_features": 2, "random_state": 1},
     {"imputation_order": "descending", "skip_complete": True, "min_value": -1.0, "max_value": 1.0},
     {"imputation_order": "roman", "initial_strategy": "median", "max_iter": 3},
     {"imputation_order": "arabic", "add_indicator": True, "tol": 1e-1}],
)
def test_iterative_imputer_matches_sklearn_with_same_ridge(data, params):
    X, X_new = data
    a = IterativeImputer(Ridge(alpha=1.0), **params)
    b = SkIterativeImputer(SkRidge(alpha=1.0), **params)
    # identical regressions (closed-form ridge) in the same order and the same
    # random draws: the chain repeats scikit-learn's to rounding; after up to
    # 10 rounds of feeding predictions back in, 1e-10 leaves a wide margin
    np.testing.assert_allclose(a.fit_transform(X), b.fit_transform(X), rtol=1e-10, atol=1e-10)
    assert a.n_iter_ == b.n_iter_
    np.testing.assert_allclose(a.transform(X_new), b.transform(X_new), rtol=1e-10, atol=1e-10)
    assert len(a.imputation_sequence_) == len(b.imputation_sequence_)
    for ta, tb in zip(a.imputation_sequence_, b.imputation_sequence_):
        assert ta.feat_idx == tb.feat_idx
        np.testing.assert_array_equal(ta.neighbor_feat_idx, tb.neighbor_feat_idx)
    np.testing.assert_array_equal(a.get_feature_names_out(), b.get_feature_names_out())


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
@pytest.mark.filterwarnings("ignore::scratchml.exceptions.ConvergenceWarning")
def test_iterative_imputer_with_bayesian_ridge_matches_sklearn_default(data):
    X, X_new = data
    a = IterativeImputer(BayesianRidge()).fit(X)
    b = SkIterativeImputer().fit(X)  # scikit-learn's default regressor
    # BayesianRidge is iterative, but it is the very same (scikit-learn) object
    # on identical inputs: agreement to rounding
    np.testing.assert_allclose(a.transform(X_new), b.transform(X_new), rtol=1e-10, atol=1e-10)


def test_iterative_imputer_keeps_observed_values_and_fills_all(data):
    X, _ = data
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = IterativeImputer(max_iter=5).fit_transform(X)
    assert not np.isnan(out).any()
    observed = ~np.isnan(X)
    np.testing.assert_array_equal(out[observed], X[observed])


def test_iterative_imputer_recovers_a_linear_relation(rng):
    X = rng.normal(size=(200, 2))
    X[:, 1] = 3 * X[:, 0] + 1
    X_missing = X.copy()
    X_missing[:20, 1] = np.nan
    out = IterativeImputer(Ridge(alpha=1e-8), max_iter=3).fit_transform(X_missing)
    # an exact linear relation and a negligible penalty: the imputations are
    # the relation's values up to the ridge bias ~ alpha
    np.testing.assert_allclose(out[:20, 1], X[:20, 1], atol=1e-6)


def test_iterative_imputer_sample_posterior_draws(data):
    X, _ = data
    a = IterativeImputer(BayesianRidge(), sample_posterior=True, max_iter=2, random_state=0)
    b = IterativeImputer(BayesianRidge(), sample_posterior=True, max_iter=2, random_state=1)
    A, B = a.fit_transform(X), b.fit_transform(X)
    missing = np.isnan(X)
    assert not np.allclose(A[missing], B[missing])  # two seeds: two imputations
    np.testing.assert_array_equal(A[~missing], X[~missing])
    np.testing.assert_array_equal(
        A, IterativeImputer(BayesianRidge(), sample_posterior=True, max_iter=2,
                            random_state=0).fit_transform(X))
    with pytest.raises(ValueError, match="return_std"):
        IterativeImputer(Ridge(), sample_posterior=True).fit(X)


def test_truncated_normal_draw_stays_in_bounds_and_matches_moments():
    from scipy.stats import truncnorm

    rng = np.random.RandomState(0)
    n = 20000
    x = truncated_normal_draw(np.zeros(n), np.ones(n), -0.5, 2.0, rng)
    assert x.min() >= -0.5 and x.max() <= 2.0
    # Monte Carlo: the sample mean is within ~4 standard errors of the true mean
    true = truncnorm(-0.5, 2.0)
    assert abs(x.mean() - true.mean()) < 4 * true.std() / np.sqrt(n)


def test_iterative_imputer_bad_limits(data):
    X, _ = data
    with pytest.raises(ValueError, match="min_value >= max_value"):
        IterativeImputer(min_value=1.0, max_value=0.0).fit(X)
