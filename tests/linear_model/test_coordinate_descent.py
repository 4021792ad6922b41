"""Lasso / ElasticNet / paths against scikit-learn; the CD kernel against its plain twin."""

import numpy as np
import pytest
from sklearn import datasets
from sklearn import linear_model as sk

from scratchml.exceptions import ConvergenceWarning
from scratchml.linear_model import ElasticNet, Lasso, enet_path, lasso_path
from scratchml.linear_model import _cd_kernels as kernels

DIABETES = datasets.load_diabetes(return_X_y=True)


def _random_problem(seed=0, n_samples=60, n_features=15):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, n_features))
    w = np.zeros(n_features)
    w[:4] = [3.0, -2.0, 1.5, 0.5]
    y = X @ w + 0.5 * rng.normal(size=n_samples) + 2.0
    return X, y, rng.uniform(0.2, 3.0, size=n_samples)


def enet_objective(coef, intercept, X, y, alpha, l1_ratio, sample_weight=None):
    """Eq. (enet-objective) with a weighted mean of the squared residuals (scikit-learn's)."""
    sw = np.ones(len(y)) if sample_weight is None else sample_weight
    r = y - X @ coef - intercept
    return (0.5 * np.sum(sw * r**2) / sw.sum() + alpha * l1_ratio * np.abs(coef).sum()
            + 0.5 * alpha * (1 - l1_ratio) * coef @ coef)


CASES = [
    ("diabetes", 0.1, 1.0), ("diabetes", 0.01, 0.5), ("diabetes", 0.001, 0.9),
    ("random", 0.05, 1.0), ("random", 0.2, 0.3),
]


@pytest.mark.parametrize("data, alpha, l1_ratio", CASES)
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("positive", [False, True])
def test_elastic_net_matches_sklearn(data, alpha, l1_ratio, weighted, positive):
    X, y = DIABETES if data == "diabetes" else _random_problem()[:2]
    sw = np.random.default_rng(1).uniform(0.2, 3.0, len(y)) if weighted else None
    params = dict(alpha=alpha, l1_ratio=l1_ratio, tol=1e-10, max_iter=100_000, positive=positive)
    ours = ElasticNet(**params).fit(X, y, sample_weight=sw)
    ref = sk.ElasticNet(**params).fit(X, y, sample_weight=sw)
    f_ours = enet_objective(ours.coef_, ours.intercept_, X, y, alpha, l1_ratio, sw)
    f_ref = enet_objective(ref.coef_, ref.intercept_, X, y, alpha, l1_ratio, sw)
    # Both stop on a duality gap <= 1e-10 * ||y_c||^2, which bounds the
    # objective suboptimality far below 1e-6 relative; the objective is
    # strongly convex along the active set here, so coefficients agree to 1e-4.
    assert abs(f_ours - f_ref) <= 1e-6 * abs(f_ref)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-4, atol=1e-4 * np.abs(ref.coef_).max())
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=1e-4, atol=1e-4)
    if positive:
        assert np.all(ours.coef_ >= 0)


def test_lasso_matches_sklearn_without_intercept_and_multi_target():
    X, y, _ = _random_problem()
    Y = np.column_stack([y, -0.5 * y + 1.0])
    ours = Lasso(alpha=0.1, fit_intercept=False, tol=1e-10, max_iter=10_000).fit(X, Y)
    ref = sk.Lasso(alpha=0.1, fit_intercept=False, tol=1e-10, max_iter=10_000).fit(X, Y)
    # same tight duality gap as above
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-4, atol=1e-6)
    assert ours.intercept_ == ref.intercept_ == 0.0
    assert len(ours.n_iter_) == 2 and ours.dual_gap_.shape == (2,)


def test_lasso_default_tol_n_iter_and_dual_gap_match_sklearn():
    X, y = DIABETES
    ours, ref = Lasso(alpha=0.05).fit(X, y), sk.Lasso(alpha=0.05).fit(X, y)
    # Same updates in the same order and the same stopping rule: the same
    # number of passes, and gaps equal up to rounding of the residual.
    assert ours.n_iter_ == ref.n_iter_
    np.testing.assert_allclose(ours.dual_gap_, ref.dual_gap_, rtol=1e-3, atol=1e-10)
    assert ours.dual_gap_ <= 1e-4 * np.sum((y - y.mean()) ** 2) / len(y)


def test_lasso_path_entry_order_on_diabetes_matches_sklearn_and_efron():
    X, y = DIABETES
    _, coefs, _ = lasso_path(X, y, alphas=200, eps=1e-4)
    _, ref_coefs, _ = sk.lasso_path(X, y, alphas=200, eps=1e-4)

    def entry_order(c):
        first = [np.flatnonzero(row)[0] if np.any(row) else c.shape[1] for row in c]
        return list(np.argsort(first, kind="stable"))

    assert entry_order(coefs) == entry_order(ref_coefs)
    # Efron et al. (2004), LARS, Table 1 / Fig. 1: bmi, s5 (ltg), bp, s3 (hdl),
    # sex, s6 (glu), s1 (tc), s4 (tch), s2 (ldl), age (0-based column indices).
    assert entry_order(coefs) == [2, 8, 3, 6, 1, 9, 4, 7, 5, 0]


def test_enet_path_matches_sklearn():
    X, y, _ = _random_problem()
    X = X - X.mean(axis=0)
    y = y - y.mean()
    alphas, coefs, gaps = enet_path(X, y, l1_ratio=0.7, alphas=20, tol=1e-10)
    ref_alphas, ref_coefs, _ = sk.enet_path(X, y, l1_ratio=0.7, alphas=20, tol=1e-10)
    np.testing.assert_allclose(alphas, ref_alphas, rtol=1e-12)  # same closed-form grid
    np.testing.assert_allclose(coefs, ref_coefs, rtol=1e-4, atol=1e-6)  # tight gap, see above
    assert coefs.shape == (X.shape[1], 20) and np.all(gaps >= -1e-12)
    assert np.all(coefs[:, 0] == 0)  # alpha_max zeroes every coefficient


def test_lasso_warm_start_needs_fewer_passes():
    X, y = DIABETES
    est = Lasso(alpha=0.01, tol=1e-8, warm_start=True).fit(X, y)
    first = est.n_iter_
    est.fit(X, y)
    assert est.n_iter_ < first


def test_lasso_random_selection_is_deterministic_and_agrees_with_cyclic():
    X, y = DIABETES
    a = Lasso(alpha=0.01, selection="random", random_state=0, tol=1e-10, max_iter=10_000).fit(X, y)
    b = Lasso(alpha=0.01, selection="random", random_state=0, tol=1e-10, max_iter=10_000).fit(X, y)
    c = Lasso(alpha=0.01, tol=1e-10, max_iter=10_000).fit(X, y)
    np.testing.assert_array_equal(a.coef_, b.coef_)
    np.testing.assert_allclose(a.coef_, c.coef_, rtol=1e-4, atol=1e-3)  # same optimum, tight gap


def test_lasso_warns_when_not_converged():
    X, y = DIABETES
    with pytest.warns(ConvergenceWarning, match="Duality gap"):
        Lasso(alpha=0.001, max_iter=1).fit(X, y)


@pytest.mark.parametrize("params, match", [
    (dict(alpha=-0.1), "alpha"), (dict(l1_ratio=1.5), "l1_ratio"), (dict(l1_ratio=-0.1), "l1_ratio"),
])
def test_elastic_net_bad_parameters_raise(params, match):
    X, y = DIABETES
    with pytest.raises(ValueError, match=match):
        ElasticNet(**params).fit(X, y)


def test_soft_threshold_values():
    st = kernels.soft_threshold
    assert st(3.0, 1.0) == 2.0 and st(-3.0, 1.0) == -2.0 and st(0.5, 1.0) == 0.0 and st(-1.0, 1.0) == 0.0


@pytest.mark.parametrize("random", [False, True])
@pytest.mark.parametrize("l2_reg", [0.0, 3.0])
def test_cd_kernel_plain_equals_jitted(random, l2_reg):
    X, y, _ = _random_problem(n_samples=20, n_features=6)
    X = np.asfortranarray(X)
    results = []
    for fn in (kernels.enet_coordinate_descent, kernels.enet_coordinate_descent_jit):
        w = np.zeros(6)
        out = fn(w, 5.0, l2_reg, X, y, 50, 1e-8, random, 12345, False)
        results.append((w, out))
    np.testing.assert_array_equal(results[0][0], results[1][0])
    assert results[0][1][2:] == results[1][1][2:]


def test_cd_kernel_gap_is_zero_at_the_optimum_and_bounds_suboptimality():
    X, y, _ = _random_problem(n_samples=30, n_features=5)
    X = np.asfortranarray(X)
    w = np.zeros(5)
    kernels.enet_coordinate_descent_jit(w, 2.0, 0.5, X, y, 10_000, 1e-14, False, 1, False)
    R, XtA = y - X @ w, np.empty(5)
    gap, _ = kernels.enet_duality_gap(w, 2.0, 0.5, X, y, R, XtA, False)
    assert 0 <= gap <= 1e-12 * (y @ y)
    w0 = np.zeros(5)  # at w = 0 the gap is an upper bound on P(0) - P(w*)
    gap0, _ = kernels.enet_duality_gap(w0, 2.0, 0.5, X, y, y.copy(), XtA, False)

    def primal(v):
        return 0.5 * np.sum((y - X @ v) ** 2) + 2.0 * np.abs(v).sum() + 0.25 * v @ v

    assert gap0 >= primal(w0) - primal(w) - 1e-9


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_lasso_cv_matches_sklearn(fit_intercept):
    from scratchml.linear_model import LassoCV

    X, y = DIABETES
    ours = LassoCV(tol=1e-8, cv=3, fit_intercept=fit_intercept).fit(X, y)
    ref = sk.LassoCV(tol=1e-8, cv=3, fit_intercept=fit_intercept).fit(X, y)
    # same closed-form grid, same folds, each path solved to a tight gap:
    # the fold errors agree to ~1e-10 and the same alpha wins
    np.testing.assert_allclose(ours.alphas_, ref.alphas_, rtol=1e-12)
    np.testing.assert_allclose(ours.mse_path_, ref.mse_path_, rtol=1e-6)
    assert ours.alpha_ == pytest.approx(ref.alpha_, rel=1e-12)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-4, atol=1e-4)


def test_elastic_net_cv_picks_the_same_l1_ratio_and_alpha_as_sklearn():
    from scratchml.linear_model import ElasticNetCV

    X, y = DIABETES
    kw = dict(l1_ratio=[0.1, 0.5, 0.9], tol=1e-8, cv=3, alphas=30)
    ours, ref = ElasticNetCV(**kw).fit(X, y), sk.ElasticNetCV(**kw).fit(X, y)
    assert ours.mse_path_.shape == ref.mse_path_.shape == (3, 30, 3)
    np.testing.assert_allclose(ours.mse_path_, ref.mse_path_, rtol=1e-6)  # tight gaps, as above
    assert ours.l1_ratio_ == ref.l1_ratio_
    assert ours.alpha_ == pytest.approx(ref.alpha_, rel=1e-12)  # same grid point (last-ulp rounding)


def test_column_dot_matches_numpy_and_its_twin():
    rng = np.random.default_rng(0)
    for n in (1, 3, 4, 7, 33):
        X = np.asfortranarray(rng.normal(size=(n, 3)))
        v = rng.normal(size=n)
        plain = kernels.column_dot(X, 1, v)
        assert plain == kernels.column_dot_jit(X, 1, v)  # same fixed summation order
        assert plain == pytest.approx(X[:, 1] @ v, rel=1e-13, abs=1e-13)
