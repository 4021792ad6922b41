"""GaussianMixture against scikit-learn, EM invariants and bad input."""

import warnings

import numpy as np
import pytest
from sklearn import mixture as sk

from scratchml.exceptions import ConvergenceWarning
from scratchml.mixture import GaussianMixture

TYPES = ["full", "tied", "diag", "spherical"]


def _data(seed=0):
    rng = np.random.default_rng(seed)
    return np.vstack([
        rng.normal(size=(60, 3)),
        0.5 * rng.normal(size=(60, 3)) + 3.0,
        rng.normal(size=(50, 3)) + [0.0, 4.0, 0.0],
    ])


def _explicit_init(X, covariance_type):
    rng = np.random.default_rng(1)
    means = X[rng.choice(X.shape[0], 3, replace=False)]
    precisions = {
        "full": np.stack([np.eye(3) * s for s in (1.0, 2.0, 0.5)]),
        "tied": np.eye(3) + 0.1,
        "diag": np.array([[1.0, 2.0, 0.5]] * 3),
        "spherical": np.array([1.0, 2.0, 0.5]),
    }[covariance_type]
    return dict(weights_init=[0.3, 0.3, 0.4], means_init=means, precisions_init=precisions)


@pytest.mark.parametrize("covariance_type", TYPES)
def test_gaussian_mixture_matches_sklearn_from_same_init(covariance_type):
    # Same start, same EM updates: the runs are the same sequence of closed
    # forms, so they differ only by rounding; after 30 iterations that is far
    # below 1e-6 relative on the log-likelihood and 1e-6 on the parameters
    # (the brief's agreement level for an iterative method).
    X = _data()
    kw = dict(covariance_type=covariance_type, tol=0.0, max_iter=30, **_explicit_init(X, covariance_type))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tol=0 never "converges"
        ours = GaussianMixture(3, **kw).fit(X)
        ref = sk.GaussianMixture(3, **kw).fit(X)
    assert ours.n_iter_ == ref.n_iter_ == 30
    np.testing.assert_allclose(ours.lower_bound_, ref.lower_bound_, rtol=1e-6)
    for name in ("weights_", "means_", "covariances_", "precisions_", "precisions_cholesky_"):
        np.testing.assert_allclose(getattr(ours, name), getattr(ref, name), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(ours.score_samples(X), ref.score_samples(X), rtol=1e-6)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-6)
    np.testing.assert_allclose(ours.bic(X), ref.bic(X), rtol=1e-6)
    np.testing.assert_allclose(ours.aic(X), ref.aic(X), rtol=1e-6)


@pytest.mark.parametrize("init_params", ["kmeans", "k-means++", "random", "random_from_data"])
def test_gaussian_mixture_matches_sklearn_seeded_init(init_params):
    # The initial responsibilities use the RandomState draws in scikit-learn's
    # order (our KMeans reproduces its k-means++), so the whole fit agrees.
    X = _data(seed=2)
    ours = GaussianMixture(3, init_params=init_params, random_state=0).fit(X)
    ref = sk.GaussianMixture(3, init_params=init_params, random_state=0).fit(X)
    assert ours.n_iter_ == ref.n_iter_
    np.testing.assert_allclose(ours.lower_bound_, ref.lower_bound_, rtol=1e-6)
    np.testing.assert_allclose(ours.means_, ref.means_, rtol=1e-6, atol=1e-8)
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))


@pytest.mark.parametrize("covariance_type", TYPES)
def test_gaussian_mixture_loglik_non_decreasing(covariance_type):
    # EM never decreases the likelihood (PRML §9.4); reg_covar=0 keeps it pure EM.
    X = _data(seed=3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        gm = GaussianMixture(3, covariance_type=covariance_type, reg_covar=0.0, tol=0.0,
                             max_iter=25, init_params="random", random_state=0).fit(X)
        labels = gm.fit_predict(X)
    assert np.all(np.diff(gm.lower_bounds_) >= -1e-12)
    proba = gm.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_array_equal(labels, gm.predict(X))


def test_gaussian_mixture_sample_matches_sklearn():
    X = _data()
    ours = GaussianMixture(3, covariance_type="diag", random_state=0).fit(X)
    ref = sk.GaussianMixture(3, covariance_type="diag", random_state=0).fit(X)
    Xs, ys = ours.sample(50)
    Xr, yr = ref.sample(50)
    np.testing.assert_array_equal(ys, yr)
    np.testing.assert_allclose(Xs, Xr, rtol=1e-8)


def test_gaussian_mixture_warm_start_continues():
    X = _data()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        gm = GaussianMixture(3, max_iter=2, warm_start=True, random_state=0, tol=0.0).fit(X)
        first = gm.lower_bound_
        gm.fit(X)
    assert gm.lower_bound_ >= first


def test_gaussian_mixture_bad_input():
    X = _data()
    with pytest.raises(ValueError, match="n_components=5 must be <= n_samples=4"):
        GaussianMixture(5).fit(X[:4])
    with pytest.raises(ValueError, match="normalized"):
        GaussianMixture(3, weights_init=[0.5, 0.5, 0.5]).fit(X)
    with pytest.raises(ValueError, match="means_init"):
        GaussianMixture(3, means_init=np.zeros((2, 3))).fit(X)
    with pytest.raises(ValueError, match="positive-definite"):
        GaussianMixture(3, precisions_init=-np.stack([np.eye(3)] * 3)).fit(X)


def test_gaussian_mixture_identical_rows_finite():
    # All rows equal: reg_covar keeps every covariance positive definite.
    X = np.ones((20, 2))
    gm = GaussianMixture(2, random_state=0).fit(np.vstack([X, X + 1]))
    assert np.isfinite(gm.means_).all() and np.isfinite(gm.lower_bound_)
    # Fewer distinct points than components: a warning, never NaN.
    with pytest.warns(ConvergenceWarning, match="distinct clusters"):
        gm = GaussianMixture(3, random_state=0).fit(np.vstack([X, X + 1]))
    assert np.isfinite(gm.means_).all() and np.isfinite(gm.weights_).all()
    gm = GaussianMixture(1).fit(X)
    np.testing.assert_allclose(gm.covariances_[0], 1e-6 * np.eye(2), rtol=1e-9, atol=1e-20)
