"""IncrementalPCA against scikit-learn and against one-shot PCA."""

import numpy as np
import pytest
from sklearn.decomposition import IncrementalPCA as SkIncrementalPCA

from scratchml.decomposition import PCA, IncrementalPCA


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    return rng.normal(size=(230, 6)) * np.array([6.0, 4.0, 3.0, 2.0, 1.0, 0.5]) + 2.0


@pytest.mark.parametrize("n_components", [None, 3])
@pytest.mark.parametrize("whiten", [False, True])
def test_incremental_pca_matches_sklearn(data, n_components, whiten):
    kw = dict(n_components=n_components, whiten=whiten, batch_size=50)
    ours, ref = IncrementalPCA(**kw).fit(data), SkIncrementalPCA(**kw).fit(data)
    # The same sequence of SVD updates of the same stacked matrices: agreement
    # at rounding level (distinct singular values).
    np.testing.assert_allclose(ours.components_, ref.components_, atol=1e-10)
    np.testing.assert_allclose(ours.explained_variance_, ref.explained_variance_, rtol=1e-10)
    np.testing.assert_allclose(ours.explained_variance_ratio_, ref.explained_variance_ratio_, rtol=1e-10)
    np.testing.assert_allclose(ours.singular_values_, ref.singular_values_, rtol=1e-10)
    np.testing.assert_allclose(ours.mean_, ref.mean_, atol=1e-12)
    np.testing.assert_allclose(ours.var_, ref.var_, rtol=1e-10)
    np.testing.assert_allclose(ours.noise_variance_, ref.noise_variance_, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(ours.transform(data), ref.transform(data), atol=1e-9)
    assert ours.n_samples_seen_ == ref.n_samples_seen_ and ours.batch_size_ == ref.batch_size_


def test_incremental_pca_partial_fit_matches_sklearn(data):
    ours, ref = IncrementalPCA(n_components=3), SkIncrementalPCA(n_components=3)
    for batch in np.array_split(data, 4):
        ours.partial_fit(batch)
        ref.partial_fit(batch)
    np.testing.assert_allclose(ours.components_, ref.components_, atol=1e-10)
    np.testing.assert_allclose(ours.explained_variance_, ref.explained_variance_, rtol=1e-10)


def test_incremental_pca_full_rank_equals_pca(data):
    # keeping every component, the merged SVD is exact: same as one-shot PCA
    ipca = IncrementalPCA(batch_size=40).fit(data)
    pca = PCA(svd_solver="full").fit(data)
    np.testing.assert_allclose(ipca.components_, pca.components_, atol=1e-10)
    np.testing.assert_allclose(ipca.explained_variance_, pca.explained_variance_, rtol=1e-10)
    np.testing.assert_allclose(ipca.var_, data.var(axis=0), rtol=1e-12)


def test_incremental_pca_too_many_components_raise(data):
    with pytest.raises(ValueError, match="n_components=7 must be <= n_features=6"):
        IncrementalPCA(n_components=7).fit(data)
    with pytest.raises(ValueError, match="batch number of samples 2"):
        IncrementalPCA(n_components=3).partial_fit(data[:2])
