"""EmpiricalCovariance, MinCovDet and EllipticEnvelope against scikit-learn."""

import warnings

import numpy as np
import pytest
from sklearn import covariance as sk
from sklearn.metrics import roc_auc_score

from scratchml.covariance import (
    EllipticEnvelope,
    EmpiricalCovariance,
    MinCovDet,
    empirical_covariance,
)
from scratchml.covariance._robust_covariance import _chi2_ppf, consistency_factor


def _contaminated(n, d, seed=0, frac=0.1):
    rng = np.random.RandomState(seed)
    A = rng.normal(size=(d, d))
    X = rng.normal(size=(n, d)) @ (0.5 * A + np.eye(d))
    n_out = int(frac * n)
    X[:n_out] += rng.uniform(4, 8, size=(n_out, d)) * rng.choice([-1, 1], size=(n_out, d))
    return X, np.r_[-np.ones(n_out), np.ones(n - n_out)]


def test_empirical_covariance_matches_sklearn():
    # Closed form: identical up to the last bits of the pseudo-inverse.
    X, _ = _contaminated(80, 4)
    for centred in (False, True):
        ours = EmpiricalCovariance(assume_centered=centred).fit(X)
        ref = sk.EmpiricalCovariance(assume_centered=centred).fit(X)
        np.testing.assert_allclose(ours.covariance_, ref.covariance_, rtol=1e-12)
        np.testing.assert_allclose(ours.precision_, ref.precision_, rtol=1e-10)
        np.testing.assert_allclose(ours.mahalanobis(X), ref.mahalanobis(X), rtol=1e-10)
        np.testing.assert_allclose(ours.score(X), ref.score(X), rtol=1e-10)
    np.testing.assert_allclose(empirical_covariance(X), sk.empirical_covariance(X), rtol=1e-12)


@pytest.mark.parametrize("dim", [1, 2, 5])
def test_consistency_factor_and_quantile_match_scipy(dim):
    # Our chi2 quantile is a bisection on our incomplete gamma: accurate to a
    # few ulps, so 1e-12 relative.
    from scipy.stats import chi2
    from sklearn.covariance._robust_covariance import _consistency_factor

    np.testing.assert_allclose(_chi2_ppf(0.975, dim), chi2(dim).ppf(0.975), rtol=1e-12)
    for alpha in (0.5, 0.75, 0.975):
        np.testing.assert_allclose(consistency_factor(dim, alpha), _consistency_factor(dim, alpha),
                                   rtol=1e-12)


# (n, d) covering every FAST-MCD branch: exact 1-D, N <= 500, 500 < N < 1500
# (subsets + merged set), N >= 1500 (subsets + merged + full).
@pytest.mark.parametrize("n, d", [(60, 1), (120, 3), (650, 2), (1600, 2)])
def test_min_cov_det_matches_sklearn_same_seed(n, d):
    # Same RandomState draws in the same order (permutations for the random
    # h-subsets and the subset split) and the same C-steps: the supports are
    # identical, so location/covariance agree to rounding (1e-10).
    X, _ = _contaminated(n, d, seed=n)
    ours = MinCovDet(random_state=0).fit(X)
    ref = sk.MinCovDet(random_state=0).fit(X)
    np.testing.assert_array_equal(ours.raw_support_, ref.raw_support_)
    np.testing.assert_array_equal(ours.support_, ref.support_)
    np.testing.assert_allclose(ours.raw_location_, ref.raw_location_, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(ours.raw_covariance_, ref.raw_covariance_, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(ours.location_, ref.location_, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(ours.covariance_, ref.covariance_, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(ours.dist_, ref.dist_, rtol=1e-9)


def test_min_cov_det_support_fraction_and_assume_centered():
    X, _ = _contaminated(200, 3, seed=4)
    for kw in ({"support_fraction": 0.8}, {"assume_centered": True}):
        ours = MinCovDet(random_state=1, **kw).fit(X)
        ref = sk.MinCovDet(random_state=1, **kw).fit(X)
        np.testing.assert_array_equal(ours.support_, ref.support_)
        np.testing.assert_allclose(ours.covariance_, ref.covariance_, rtol=1e-10, atol=1e-12)


def test_min_cov_det_robust_where_empirical_is_not():
    # Invariant: 10% far outliers inflate the empirical covariance but not MCD's.
    rng = np.random.RandomState(0)
    X = rng.normal(size=(300, 2))
    X[:30] = 20 + rng.normal(size=(30, 2))
    mcd = MinCovDet(random_state=0).fit(X)
    assert np.abs(mcd.covariance_ - np.eye(2)).max() < 0.3
    assert not mcd.support_[:30].any()
    assert np.abs(EmpiricalCovariance().fit(X).covariance_).max() > 10


def test_elliptic_envelope_matches_sklearn():
    X, truth = _contaminated(300, 3, seed=7)
    ours = EllipticEnvelope(contamination=0.1, random_state=0).fit(X)
    ref = sk.EllipticEnvelope(contamination=0.1, random_state=0).fit(X)
    np.testing.assert_allclose(ours.offset_, ref.offset_, rtol=1e-10)
    np.testing.assert_allclose(ours.score_samples(X), ref.score_samples(X), rtol=1e-9)
    np.testing.assert_allclose(ours.decision_function(X), ref.decision_function(X),
                               rtol=1e-9, atol=1e-9)
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))
    np.testing.assert_array_equal(ours.fit_predict(X), ref.fit_predict(X))
    assert roc_auc_score(truth, ours.score_samples(X)) > 0.95
    assert ours.score(X, truth) == ref.score(X, truth)


def test_min_cov_det_identical_rows_clear_error():
    X = np.vstack([np.ones((30, 2)), np.random.RandomState(0).normal(size=(5, 2))])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ValueError, match="support_fraction"):
            MinCovDet(random_state=0).fit(X)
