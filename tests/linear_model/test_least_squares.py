"""LinearRegression: closed form against scikit-learn, gradient descent against the closed form."""

import numpy as np
import pytest
from sklearn import linear_model as sk

from scratchml.exceptions import ConvergenceWarning
from scratchml.linear_model import LinearRegression


def _data(rank_deficient=False, n_targets=None, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(40, 6))
    if rank_deficient:
        X[:, 5] = X[:, 0] - 2.0 * X[:, 1]  # exact linear dependence: rank 5
    shape = (40,) if n_targets is None else (40, n_targets)
    y = rng.normal(size=shape) + 3.0
    return X, y, rng.uniform(0.2, 3.0, size=40)


@pytest.mark.parametrize("rank_deficient", [False, True])
@pytest.mark.parametrize("n_targets", [None, 1, 3])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_linear_regression_matches_sklearn(rank_deficient, n_targets, weighted, fit_intercept):
    X, y, sw = _data(rank_deficient, n_targets)
    sw = sw if weighted else None
    ours = LinearRegression(fit_intercept=fit_intercept).fit(X, y, sample_weight=sw)
    ref = sk.LinearRegression(fit_intercept=fit_intercept).fit(X, y, sample_weight=sw)
    # Same closed form (minimum-norm least squares via an SVD-based LAPACK
    # driver): only rounding separates the two, far below 1e-8 relative.
    scale = np.abs(ref.coef_).max()
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-8, atol=1e-8 * scale)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=1e-8, atol=1e-8 * scale)
    assert np.shape(ours.coef_) == np.shape(ref.coef_)
    assert np.shape(ours.intercept_) == np.shape(ref.intercept_)
    if rank_deficient and not weighted:
        assert ours.rank_ == 5


@pytest.mark.parametrize("rank_deficient", [False, True])
def test_linear_regression_gd_reaches_the_lstsq_solution(rank_deficient):
    X, y, sw = _data(rank_deficient, n_targets=2)
    exact = LinearRegression().fit(X, y, sample_weight=sw)
    gd = LinearRegression(solver="gd", max_iter=20000, tol=1e-12).fit(X, y, sample_weight=sw)
    # GD from w=0 stays in the row space, so it converges to the same
    # minimum-norm solution; with the gradient reduced 1e12-fold the
    # coefficient error is ~cond(X)^2 * 1e-12, far below 1e-8.
    np.testing.assert_allclose(gd.coef_, exact.coef_, rtol=0, atol=1e-8)
    np.testing.assert_allclose(gd.intercept_, exact.intercept_, rtol=0, atol=1e-8)


@pytest.mark.filterwarnings("ignore::scratchml.exceptions.ConvergenceWarning")  # tol=0 never "converges"
def test_linear_regression_gd_loss_curve_non_increasing():
    X, y, _ = _data()
    gd = LinearRegression(solver="gd", max_iter=300, tol=0.0).fit(X, y)
    curve = np.asarray(gd.loss_curve_)
    assert curve.size == gd.n_iter_ + 1 == 301
    # step 1/L guarantees descent (Nesterov, Lectures, eq. 2.1.6); allow rounding
    assert np.all(np.diff(curve) <= 1e-12 * curve[0])
    r = y - X @ gd.coef_ - gd.intercept_
    np.testing.assert_allclose(curve[-1], 0.5 * np.mean((r - r.mean()) ** 2), rtol=1e-10)


def test_linear_regression_gd_warns_when_not_converged():
    X, y, _ = _data()
    with pytest.warns(ConvergenceWarning, match="max_iter=3"):
        LinearRegression(solver="gd", max_iter=3).fit(X, y)


def test_linear_regression_gd_fixed_learning_rate():
    X, y, _ = _data()
    exact = LinearRegression().fit(X, y)
    gd = LinearRegression(solver="gd", learning_rate=0.05, max_iter=20000, tol=1e-12).fit(X, y)
    np.testing.assert_allclose(gd.coef_, exact.coef_, atol=1e-8)


def test_linear_regression_bad_learning_rate_raises():
    X, y, _ = _data()
    with pytest.raises(ValueError, match="learning_rate"):
        LinearRegression(solver="gd", learning_rate=-1.0).fit(X, y)
