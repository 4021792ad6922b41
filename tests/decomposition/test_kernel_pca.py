"""KernelPCA against scikit-learn, plus invariants and bad input."""

import numpy as np
import pytest
from sklearn.decomposition import KernelPCA as SkKernelPCA

from scratchml.datasets import load_iris
from scratchml.decomposition import PCA, KernelPCA
from scratchml.exceptions import NotFittedError

KERNELS = ["linear", "poly", "rbf", "sigmoid", "cosine"]


@pytest.fixture(scope="module")
def small():
    rng = np.random.default_rng(0)
    return rng.normal(size=(40, 5)), rng.normal(size=(12, 5))


@pytest.fixture(scope="module")
def iris():
    X = load_iris().data
    return X[::2], X[1::2]  # 75 training rows, 75 held-out rows


def _close(ours, ref, rtol=1e-8):
    """Relative agreement, scaled by the largest entry so near-zero entries do not dominate."""
    np.testing.assert_allclose(ours, ref, rtol=rtol, atol=rtol * np.abs(ref).max())


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("data", ["small", "iris"])
def test_kernel_pca_matches_sklearn(kernel, data, request):
    X, X_new = request.getfixturevalue(data)
    # 3 components: the leading eigenvalues are well separated on both sets, so
    # each eigenvector is determined to ~1e-14 / gap; both sides use LAPACK's
    # symmetric eigensolver and the same sign rule, so 1e-8 relative is ample
    # for rounding while any formula slip (centring, scaling, sign) is O(1).
    kw = dict(n_components=3, kernel=kernel, gamma=0.3, degree=2, coef0=0.5)
    ours = KernelPCA(**kw)
    ref = SkKernelPCA(eigen_solver="dense", **kw)
    Z, Z_ref = ours.fit_transform(X), ref.fit_transform(X)
    _close(ours.eigenvalues_, ref.eigenvalues_)
    _close(Z, Z_ref)
    _close(ours.transform(X_new), ref.transform(X_new))


@pytest.mark.parametrize("kernel", ["linear", "rbf", "cosine"])
def test_kernel_pca_default_n_components_matches_sklearn(small, kernel):
    X, X_new = small
    ours, ref = KernelPCA(kernel=kernel).fit(X), SkKernelPCA(kernel=kernel, eigen_solver="dense").fit(X)
    # same PSD clean-up (zeroing below 1e-12 lambda_max) keeps the same number of components
    assert ours.eigenvalues_.shape == ref.eigenvalues_.shape
    _close(ours.eigenvalues_, ref.eigenvalues_)
    # leading 3 components only: the trailing ones have nearly equal tiny
    # eigenvalues, so their eigenvectors are not determined by the matrix
    _close(ours.transform(X_new)[:, :3], ref.transform(X_new)[:, :3])


@pytest.mark.parametrize("kernel", ["linear", "poly", "rbf", "cosine"])
def test_kernel_pca_inverse_transform_matches_sklearn(iris, kernel):
    X, X_new = iris
    kw = dict(n_components=3, kernel=kernel, gamma=0.3, degree=2, alpha=0.1, fit_inverse_transform=True)
    ours, ref = KernelPCA(**kw).fit(X), SkKernelPCA(eigen_solver="dense", **kw).fit(X)
    # one ridge solve on the same kernel of the same projections (equal to ~1e-13,
    # see above); the system is well conditioned for alpha=0.1, so 1e-8 holds
    _close(ours.dual_coef_, ref.dual_coef_)
    _close(ours.inverse_transform(ours.transform(X_new)), ref.inverse_transform(ref.transform(X_new)))


def test_kernel_pca_fit_transform_equals_transform(small):
    X, _ = small
    kpca = KernelPCA(n_components=4, kernel="rbf", gamma=0.2)
    # eq. (kpca-train) and eq. (kpca-project) on the training set are the same
    # quantity computed two ways; differences are rounding only
    np.testing.assert_allclose(kpca.fit_transform(X), kpca.transform(X), atol=1e-10)


def test_kernel_pca_centred_kernel_has_zero_row_sums(small):
    X, _ = small
    kpca = KernelPCA(kernel="rbf").fit(X)
    K_tilde = kpca._center(kpca._get_kernel(X, X))
    np.testing.assert_allclose(K_tilde.sum(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(K_tilde.sum(axis=1), 0, atol=1e-12)


def test_kernel_pca_linear_equals_pca(small):
    X, X_new = small
    # linear-kernel PCA is PCA: same projections up to the sign of each column
    Z = KernelPCA(n_components=3).fit(X).transform(X_new)
    Z_pca = PCA(n_components=3).fit(X).transform(X_new)
    np.testing.assert_allclose(np.abs(Z), np.abs(Z_pca), atol=1e-10)


def test_kernel_pca_precomputed_equals_rbf(small):
    X, X_new = small
    rbf = KernelPCA(n_components=3, kernel="rbf", gamma=0.2).fit(X)
    K = rbf._get_kernel(X)
    pre = KernelPCA(n_components=3, kernel="precomputed").fit(K)
    np.testing.assert_allclose(pre.transform(rbf._get_kernel(X_new, X)), rbf.transform(X_new), atol=1e-12)


def test_kernel_pca_remove_zero_eig():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 3)) @ rng.normal(size=(3, 6))  # rank 3 in 6-D
    kept = KernelPCA(n_components=8, remove_zero_eig=True).fit(X)
    ref = SkKernelPCA(n_components=8, remove_zero_eig=True, eigen_solver="dense").fit(X)
    assert kept.eigenvalues_.shape == ref.eigenvalues_.shape == (3,)
    assert kept.transform(X).shape == (30, 3)
    full = KernelPCA(n_components=8).fit(X)
    assert full.eigenvalues_.shape == (8,)
    np.testing.assert_array_equal(full.eigenvalues_[3:], 0)
    np.testing.assert_array_equal(full.transform(X)[:, 3:], 0)


def test_kernel_pca_float32_preserved(small):
    X, _ = small
    assert KernelPCA(n_components=2, kernel="rbf").fit_transform(X.astype(np.float32)).dtype == np.float32


def test_kernel_pca_n_components_too_large(small):
    X, _ = small
    with pytest.raises(ValueError, match="n_components=41 must be <= n_samples=40"):
        KernelPCA(n_components=41).fit(X)


def test_kernel_pca_bad_kernel(small):
    with pytest.raises(ValueError, match="kernel"):
        KernelPCA(kernel="laplacian").fit(small[0])


def test_kernel_pca_precomputed_not_square(small):
    with pytest.raises(ValueError, match="must be square"):
        KernelPCA(kernel="precomputed").fit(small[0])


def test_kernel_pca_inverse_needs_flag(small):
    kpca = KernelPCA(n_components=2).fit(small[0])
    with pytest.raises(NotFittedError, match="fit_inverse_transform"):
        kpca.inverse_transform(np.zeros((1, 2)))
    with pytest.raises(ValueError, match="precomputed"):
        KernelPCA(kernel="precomputed", fit_inverse_transform=True).fit(np.eye(3))


def test_kernel_pca_non_psd_kernel_raises(small):
    # the sigmoid kernel is not PSD in general: all its eigenvalues reveal it
    with pytest.raises(ValueError, match="significant negative eigenvalues"):
        KernelPCA(kernel="sigmoid").fit(small[0])
