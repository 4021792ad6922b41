"""TruncatedSVD against scikit-learn."""

import numpy as np
import pytest
from sklearn.decomposition import TruncatedSVD as SkTruncatedSVD

from scratchml.decomposition import TruncatedSVD


@pytest.fixture(scope="module")
def gapped():
    rng = np.random.default_rng(0)
    U, _ = np.linalg.qr(rng.normal(size=(200, 40)))
    V, _ = np.linalg.qr(rng.normal(size=(60, 40)))
    s = np.r_[np.linspace(100, 50, 4), np.linspace(1, 0.1, 36)]
    return (U * s) @ V.T + 0.5  # uncentred on purpose


@pytest.mark.parametrize("normalizer", ["auto", "QR", "LU", "none"])
def test_truncated_svd_matches_sklearn(gapped, normalizer):
    kw = dict(n_components=4, random_state=0, power_iteration_normalizer=normalizer)
    ours, ref = TruncatedSVD(**kw), SkTruncatedSVD(**kw)
    Z, Z_ref = ours.fit_transform(gapped), ref.fit_transform(gapped)
    # Same Gaussian sketch (same seed) and a 50x spectral gap: after 5 power
    # iterations the top-4 subspace is exact to ~1e-10, signs by the same rule.
    np.testing.assert_allclose(ours.components_, ref.components_, atol=1e-8)
    np.testing.assert_allclose(Z, Z_ref, atol=1e-7)
    np.testing.assert_allclose(ours.singular_values_, ref.singular_values_, rtol=1e-9)
    np.testing.assert_allclose(ours.explained_variance_, ref.explained_variance_, rtol=1e-8)
    np.testing.assert_allclose(ours.explained_variance_ratio_, ref.explained_variance_ratio_, rtol=1e-8)
    np.testing.assert_allclose(ours.transform(gapped), Z, atol=1e-10)


def test_truncated_svd_singular_values_match_exact(gapped):
    s_exact = np.linalg.svd(gapped, compute_uv=False)[:4]
    np.testing.assert_allclose(TruncatedSVD(4, random_state=0).fit(gapped).singular_values_,
                               s_exact, rtol=1e-9)


def test_truncated_svd_full_rank_roundtrip():
    X = np.random.default_rng(1).normal(size=(30, 5))
    tsvd = TruncatedSVD(5, random_state=0).fit(X)
    np.testing.assert_allclose(tsvd.inverse_transform(tsvd.transform(X)), X, atol=1e-10)


def test_truncated_svd_too_many_components_gives_bound():
    with pytest.raises(ValueError, match="n_components=7 must be <= n_features=5"):
        TruncatedSVD(7).fit(np.ones((10, 5)))


def test_truncated_svd_identical_rows_no_nan():
    tsvd = TruncatedSVD(2, random_state=0).fit(np.ones((10, 4)))
    assert np.all(np.isfinite(tsvd.explained_variance_ratio_))
    assert np.all(np.isfinite(tsvd.components_))
