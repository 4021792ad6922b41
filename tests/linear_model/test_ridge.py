"""Ridge: closed forms against scikit-learn's."""

import numpy as np
import pytest
from sklearn import linear_model as sk

from scratchml.linear_model import LinearRegression, Ridge
from scratchml.linear_model._ridge import _cho_solve


def _data(n_samples, n_features, n_targets=None, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, n_features))
    shape = (n_samples,) if n_targets is None else (n_samples, n_targets)
    return X, rng.normal(size=shape) - 1.0, rng.uniform(0.2, 3.0, size=n_samples)


@pytest.mark.parametrize("solver", ["auto", "cholesky", "svd"])
@pytest.mark.parametrize("shape", [(40, 6), (12, 30)])  # tall, and wide (dual Cholesky)
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_ridge_matches_sklearn(solver, shape, weighted, fit_intercept):
    X, y, sw = _data(*shape, n_targets=3)
    sw = sw if weighted else None
    alpha = [0.1, 1.0, 10.0]  # one penalty per target
    ours = Ridge(alpha=alpha, solver=solver, fit_intercept=fit_intercept).fit(X, y, sample_weight=sw)
    ref = sk.Ridge(alpha=alpha, solver=solver, fit_intercept=fit_intercept).fit(X, y, sample_weight=sw)
    # Closed form on a well-conditioned (alpha > 0) system: rounding only.
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=1e-8, atol=1e-10)


def test_ridge_single_target_shapes_match_sklearn():
    X, y, _ = _data(30, 4)
    ours, ref = Ridge(alpha=2.0).fit(X, y), sk.Ridge(alpha=2.0).fit(X, y)
    assert ours.coef_.shape == ref.coef_.shape and np.ndim(ours.intercept_) == np.ndim(ref.intercept_)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-8)


def test_ridge_cholesky_equals_svd():
    X, y, sw = _data(25, 8, n_targets=2)
    a = Ridge(alpha=0.5, solver="cholesky").fit(X, y, sample_weight=sw)
    b = Ridge(alpha=0.5, solver="svd").fit(X, y, sample_weight=sw)
    np.testing.assert_allclose(a.coef_, b.coef_, rtol=1e-10, atol=1e-12)


def test_ridge_alpha_zero_rank_deficient_is_minimum_norm_least_squares():
    X, y, _ = _data(30, 5)
    X[:, 4] = X[:, 0] + X[:, 1]
    ridge = Ridge(alpha=0.0).fit(X, y)
    assert ridge.solver_ == "svd"  # Cholesky of a singular matrix fails: fall back
    ols = LinearRegression().fit(X, y)
    np.testing.assert_allclose(ridge.coef_, ols.coef_, rtol=1e-8, atol=1e-10)


def test_ridge_cho_solve_matches_numpy_solve():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(7, 7))
    A = A @ A.T + np.eye(7)
    b = rng.normal(size=7)
    x = _cho_solve(np.linalg.cholesky(A), b)
    np.testing.assert_allclose(x, np.linalg.solve(A, b), rtol=1e-12)


def test_ridge_negative_alpha_raises():
    X, y, _ = _data(10, 3)
    with pytest.raises(ValueError, match="alpha"):
        Ridge(alpha=-1.0).fit(X, y)
    with pytest.raises(ValueError, match="alpha"):
        Ridge(alpha=[1.0, -1.0]).fit(X, np.column_stack([y, y]))


def test_ridge_alpha_count_must_match_targets():
    X, y, _ = _data(10, 3, n_targets=2)
    with pytest.raises(ValueError, match="Number of targets and number of penalties"):
        Ridge(alpha=[1.0, 2.0, 3.0]).fit(X, y)


def test_ridge_shrinks_towards_zero_as_alpha_grows():
    X, y, _ = _data(30, 4)
    norms = [np.linalg.norm(Ridge(alpha=a).fit(X, y).coef_) for a in [0.0, 1.0, 10.0, 100.0]]
    assert np.all(np.diff(norms) < 0)
