"""RidgeCV: exact leave-one-out against scikit-learn and against brute force."""

import numpy as np
import pytest
from sklearn import linear_model as sk

from scratchml.linear_model import Ridge, RidgeCV

ALPHAS = [0.01, 0.3, 1.0, 5.0, 30.0]


def _data(seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(40, 6))
    Y = 2.0 * X[:, :3] + rng.normal(size=(40, 3)) + 1.0
    return X, Y, rng.uniform(0.2, 3.0, size=40)


@pytest.mark.parametrize("alpha_per_target", [False, True])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_ridge_cv_loo_matches_sklearn(alpha_per_target, weighted, fit_intercept):
    X, Y, sw = _data()
    sw = sw if weighted else None
    kw = dict(alphas=ALPHAS, fit_intercept=fit_intercept, store_cv_results=True,
              alpha_per_target=alpha_per_target)
    ours = RidgeCV(**kw).fit(X, Y, sample_weight=sw)
    ref = sk.RidgeCV(**kw).fit(X, Y, sample_weight=sw)
    # closed-form LOO (eq. ridgecv-loo) from an SVD vs scikit-learn's eigendecomposition:
    # the same numbers up to rounding
    np.testing.assert_array_equal(ours.alpha_, ref.alpha_)
    np.testing.assert_allclose(ours.best_score_, ref.best_score_, rtol=1e-10)
    np.testing.assert_allclose(ours.cv_results_, ref.cv_results_, rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=1e-8, atol=1e-12)


def test_ridge_cv_loo_equals_brute_force_refits():
    X, Y, _ = _data(1)
    y = Y[:, 0]
    est = RidgeCV(alphas=[0.7], store_cv_results=True).fit(X, y)
    brute = []
    for i in range(len(y)):
        keep = np.arange(len(y)) != i
        model = Ridge(alpha=0.7).fit(X[keep], y[keep])
        brute.append((y[i] - model.predict(X[i : i + 1])[0]) ** 2)
    np.testing.assert_allclose(est.cv_results_[:, 0], brute, rtol=1e-9)  # exact identity


def test_ridge_cv_kfold_matches_sklearn():
    X, Y, _ = _data(2)
    ours = RidgeCV(alphas=ALPHAS, cv=5).fit(X, Y[:, 1])
    ref = sk.RidgeCV(alphas=ALPHAS, cv=5).fit(X, Y[:, 1])
    # same unshuffled KFold, same closed-form fits, mean R^2: rounding only
    assert ours.alpha_ == ref.alpha_
    np.testing.assert_allclose(ours.best_score_, ref.best_score_, rtol=1e-10)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-8)


def test_ridge_cv_bad_alphas_and_options_raise():
    X, Y, _ = _data()
    with pytest.raises(ValueError, match="alphas"):
        RidgeCV(alphas=[1.0, 0.0]).fit(X, Y)
    with pytest.raises(ValueError, match="cv=None"):
        RidgeCV(cv=3, store_cv_results=True).fit(X, Y)
