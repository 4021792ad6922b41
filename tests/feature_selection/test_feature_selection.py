"""Feature selection against scikit-learn: scores, p-values, supports, rankings."""

import numpy as np
import pytest
from sklearn import feature_selection as skfs
from sklearn import linear_model as sklm

from scratchml import feature_selection as fs
from scratchml import linear_model as lm
from scratchml.datasets import load_digits, load_iris, load_wine, make_regression


def _data(kind, seed=0):
    rng = np.random.default_rng(seed)
    if kind == "iris":
        return load_iris(return_X_y=True)
    if kind == "wine":
        return load_wine(return_X_y=True)
    X = rng.normal(size=(60, 7)) * rng.uniform(0.1, 10, size=7) + rng.uniform(-5, 5, size=7)
    y = (X[:, 0] / 3 + rng.normal(size=60) > 0).astype(int) + (X[:, 2] > 0)
    return X, y


@pytest.mark.parametrize("kind", ["iris", "wine", "random"])
def test_f_classif_matches_sklearn(kind):
    X, y = _data(kind)
    f, p = fs.f_classif(X, y)
    f_ref, p_ref = skfs.f_classif(X, y)
    # scikit-learn sums x^2 in one pass and subtracts; we centre first. The two
    # agree to the cancellation error of the one-pass form, ~1e-12 here.
    np.testing.assert_allclose(f, f_ref, rtol=1e-10)
    # Our incomplete beta is accurate to ~1e-12 relative (lgamma's rounding).
    np.testing.assert_allclose(p, p_ref, rtol=1e-9, atol=1e-300)


@pytest.mark.parametrize("center", [True, False])
def test_f_regression_and_r_regression_match_sklearn(center):
    X, y = make_regression(n_samples=50, n_features=6, n_informative=3, noise=20.0, random_state=0)
    np.testing.assert_allclose(fs.r_regression(X, y, center=center),
                               skfs.r_regression(X, y, center=center), rtol=1e-12, atol=1e-15)
    f, p = fs.f_regression(X, y, center=center)
    f_ref, p_ref = skfs.f_regression(X, y, center=center)
    np.testing.assert_allclose(f, f_ref, rtol=1e-10)
    np.testing.assert_allclose(p, p_ref, rtol=1e-9, atol=1e-300)


def test_f_regression_constant_feature_scores_zero():
    # A constant feature carries no information: r = 0, F = 0, p = 1. (We
    # centre before taking norms; scikit-learn's one-pass norm can cancel to
    # exactly 0 here and return r = inf, so this case is not compared.)
    X, y = make_regression(n_samples=50, n_features=3, random_state=0)
    X[:, 2] = 3.0
    r = fs.r_regression(X, y)
    f, p = fs.f_regression(X, y)
    assert r[2] == 0.0 and f[2] == 0.0 and p[2] == 1.0


def test_f_regression_perfect_correlation_is_finite():
    X = np.arange(10.0).reshape(-1, 1)
    f, p = fs.f_regression(X, 2 * X.ravel() + 1)
    assert f[0] == np.finfo(np.float64).max and p[0] == 0.0


def test_chi2_matches_sklearn_on_digits():
    X, y = load_digits(return_X_y=True)
    s, p = fs.chi2(X, y)
    s_ref, p_ref = skfs.chi2(X, y)
    # Columns that are all zero give 0/0 = NaN in both.
    np.testing.assert_allclose(s, s_ref, rtol=1e-10, equal_nan=True)
    np.testing.assert_allclose(p, p_ref, rtol=1e-9, atol=1e-300, equal_nan=True)


def test_chi2_rejects_negative_values():
    with pytest.raises(ValueError, match="non-negative"):
        fs.chi2([[1.0, -1.0], [0.0, 2.0]], [0, 1])


@pytest.mark.parametrize("k", [0, 1, 3, "all"])
@pytest.mark.parametrize("score", ["f_classif", "chi2"])
def test_select_k_best_same_support_as_sklearn(k, score):
    X, y = load_wine(return_X_y=True)
    ours = fs.SelectKBest(getattr(fs, score), k=k).fit(X, y)
    ref = skfs.SelectKBest(getattr(skfs, score), k=k).fit(X, y)
    np.testing.assert_array_equal(ours.get_support(), ref.get_support())
    np.testing.assert_array_equal(ours.transform(X), ref.transform(X))


def test_select_k_best_ties_broken_like_sklearn():
    X = np.tile(np.arange(8.0), (5, 1)).T  # five identical columns: equal scores
    y = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    ours = fs.SelectKBest(fs.f_classif, k=2).fit(X, y).get_support()
    ref = skfs.SelectKBest(skfs.f_classif, k=2).fit(X, y).get_support()
    np.testing.assert_array_equal(ours, ref)


def test_select_k_best_warns_when_k_too_large():
    X, y = load_iris(return_X_y=True)
    with pytest.warns(UserWarning, match="k=9 is greater than n_features=4"):
        fs.SelectKBest(k=9).fit(X, y)


@pytest.mark.parametrize("threshold", [0.0, 0.2, 1.0])
def test_variance_threshold_matches_sklearn(threshold):
    X, _ = load_iris(return_X_y=True)
    X = np.column_stack([X, np.full(len(X), 0.1), X[:, 0] * 1e-3])
    X[3, 1] = np.nan  # NaN is ignored in the variance
    ours = fs.VarianceThreshold(threshold).fit(X)
    ref = skfs.VarianceThreshold(threshold).fit(X)
    np.testing.assert_allclose(ours.variances_, ref.variances_, rtol=1e-12)
    np.testing.assert_array_equal(ours.get_support(), ref.get_support())


def test_variance_threshold_errors_when_nothing_passes():
    with pytest.raises(ValueError, match="No feature in X meets the variance threshold 0.00000"):
        fs.VarianceThreshold().fit([[1.0, 2.0], [1.0, 2.0]])
    with pytest.raises(ValueError, match="only one sample"):
        fs.VarianceThreshold().fit([[1.0, 2.0]])


def test_selector_inverse_transform_and_feature_names():
    X, y = load_iris(return_X_y=True)
    sel = fs.SelectKBest(k=2).fit(X, y)
    back = sel.inverse_transform(sel.transform(X))
    np.testing.assert_array_equal(back[:, sel.get_support()], X[:, sel.get_support()])
    assert (back[:, ~sel.get_support()] == 0).all()
    assert sel.get_feature_names_out().tolist() == ["x2", "x3"]


@pytest.mark.parametrize("step", [1, 2, 0.3])
@pytest.mark.parametrize("n_select", [None, 3, 0.5])
def test_rfe_same_ranking_as_sklearn(step, n_select):
    # LinearRegression is a closed form equal to scikit-learn's to ~1e-10, far
    # smaller than the gaps between these coefficients: same order, same ranking.
    X, y = make_regression(n_samples=80, n_features=9, n_informative=5, noise=5.0, random_state=1)
    ours = fs.RFE(lm.LinearRegression(), n_features_to_select=n_select, step=step).fit(X, y)
    ref = skfs.RFE(sklm.LinearRegression(), n_features_to_select=n_select, step=step).fit(X, y)
    np.testing.assert_array_equal(ours.ranking_, ref.ranking_)
    np.testing.assert_array_equal(ours.support_, ref.support_)
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), rtol=1e-8)


def test_rfecv_same_cv_results_as_sklearn():
    X, y = make_regression(n_samples=90, n_features=6, n_informative=3, noise=10.0, random_state=2)
    ours = fs.RFECV(lm.LinearRegression(), cv=4).fit(X, y)
    ref = skfs.RFECV(sklm.LinearRegression(), cv=4).fit(X, y)
    # Same folds (KFold without shuffle), closed-form fits: R^2 to 1e-9.
    np.testing.assert_array_equal(ours.cv_results_["n_features"], ref.cv_results_["n_features"])
    np.testing.assert_allclose(ours.cv_results_["mean_test_score"],
                               ref.cv_results_["mean_test_score"], rtol=1e-9)
    assert ours.n_features_ == ref.n_features_
    np.testing.assert_array_equal(ours.support_, ref.support_)


def test_rfe_needs_importances():
    from scratchml.dummy import DummyRegressor

    X, y = make_regression(n_samples=20, n_features=4, random_state=0)
    with pytest.raises(ValueError, match="coef_ or feature_importances_"):
        fs.RFE(DummyRegressor()).fit(X, y)


def test_rfe_offers_only_what_its_estimator_has():
    assert hasattr(fs.RFE(lm.LogisticRegression()), "predict_proba")
    assert not hasattr(fs.RFE(lm.LinearRegression()), "predict_proba")
