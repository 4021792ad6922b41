"""KernelPCA's 'arpack' and 'randomized' eigensolvers, and the thick-restart Lanczos behind 'arpack'."""

import warnings

import numpy as np
import pytest
from sklearn.decomposition import KernelPCA as SkKernelPCA

from scratchml.datasets import load_digits
from scratchml.decomposition import KernelPCA
from scratchml.decomposition._lanczos import lanczos_eigsh
from scratchml.exceptions import ConvergenceWarning


@pytest.fixture(scope="module")
def digits():
    X = load_digits().data
    return X[:400], X[400:500]  # 400 training rows: > 200, so 'auto' may pick 'arpack'


def _symmetric(eigenvalues, seed=0):
    """A random symmetric matrix with the given spectrum (a random orthogonal basis)."""
    n = len(eigenvalues)
    U, _ = np.linalg.qr(np.random.default_rng(seed).normal(size=(n, n)))
    A = (U * eigenvalues) @ U.T
    return (A + A.T) / 2


def _projector(V):
    return V @ V.T


# --- the Lanczos iteration alone, against numpy.linalg.eigh ------------------
@pytest.mark.parametrize("n, k", [(60, 1), (150, 4), (300, 9)])
def test_lanczos_eigsh_matches_eigh_random_symmetric(n, k):
    rng = np.random.default_rng(n)
    B = rng.normal(size=(n, n))
    A = B + B.T
    w, V = np.linalg.eigh(A)
    vals, vecs, n_iter = lanczos_eigsh(A, k, v0=rng.uniform(-1, 1, n), random_state=0)
    scale = np.abs(w).max()
    # stopping rule: residuals <= eps |theta|; eigenvalue error <= residual and
    # eigh's own error is ~ n eps ||A||: 1e-11 ||A|| leaves a margin of ~100
    np.testing.assert_allclose(vals, w[-k:], rtol=0, atol=1e-11 * scale)
    # the top eigenvalues of a GOE matrix are separated by ~ ||A|| n^{-2/3}, so
    # each eigenvector is determined to ~ eps n^{2/3} (~1e-14): compare up to sign
    signs = np.sign(np.sum(vecs * V[:, -k:], axis=0))
    np.testing.assert_allclose(vecs * signs, V[:, -k:], atol=1e-9)
    np.testing.assert_allclose(vecs.T @ vecs, np.eye(k), atol=1e-12)
    assert n_iter >= 1


def test_lanczos_eigsh_largest_algebraic_not_modulus():
    # -10 is the largest in modulus; 'LA' wants 2, 1.9, ... (ARPACK which='LA')
    lam = np.r_[-10.0, np.linspace(-3.0, 2.0, 99)]
    A = _symmetric(lam)
    vals, vecs, _ = lanczos_eigsh(A, 3, v0=np.random.default_rng(1).uniform(-1, 1, 100))
    np.testing.assert_allclose(vals, np.sort(lam)[-3:], atol=1e-12)
    np.testing.assert_allclose(A @ vecs, vecs * vals, atol=1e-12)


@pytest.mark.parametrize(
    "lam_top",
    [
        [5.0, 5.0, 5.0, 4.0],  # a triple eigenvalue
        [5.0 + 1e-9, 5.0, 5.0 - 1e-9, 4.0],  # a cluster narrower than sqrt(eps)
    ],
    ids=["repeated", "clustered"],
)
def test_lanczos_eigsh_repeated_and_clustered_subspace(lam_top):
    lam = np.r_[lam_top, np.linspace(0.0, 3.0, 196)]
    A = _symmetric(lam, seed=2)
    w, V = np.linalg.eigh(A)
    k = 4
    vals, vecs, _ = lanczos_eigsh(A, k, v0=np.random.default_rng(3).uniform(-1, 1, 200))
    np.testing.assert_allclose(vals, w[-k:], atol=1e-12)
    # vectors inside the cluster are arbitrary (any rotation of the eigenspace);
    # the invariant subspace of the top 4 is not: it is 1/gap = 1 conditioned,
    # so its projector agrees to ~ the residual (1e-15); 1e-10 is loose
    np.testing.assert_allclose(_projector(vecs), _projector(V[:, -k:]), atol=1e-10)


def test_lanczos_eigsh_low_rank_invariant_subspace():
    # rank 6: the Krylov space of v0 becomes invariant after 7 vectors, the
    # iteration must continue from a fresh orthogonal direction (beta_j = 0)
    lam = np.r_[np.linspace(1.0, 6.0, 6), np.zeros(94)]
    A = _symmetric(lam, seed=4)
    vals, vecs, _ = lanczos_eigsh(A, 8, v0=np.random.default_rng(5).uniform(-1, 1, 100), random_state=0)
    np.testing.assert_allclose(vals, np.sort(lam)[-8:], atol=1e-12)
    np.testing.assert_allclose(vecs.T @ vecs, np.eye(8), atol=1e-12)
    np.testing.assert_allclose(A @ vecs, vecs * vals, atol=1e-12)


def test_lanczos_eigsh_float32_stays_float32():
    A = _symmetric(np.linspace(0.0, 1.0, 80), seed=6).astype(np.float32)
    vals, vecs, _ = lanczos_eigsh(A, 3, v0=np.ones(80, dtype=np.float32))
    assert vals.dtype == vecs.dtype == np.float32
    # float32 eps ~ 1.2e-7: eigenvalues to a few eps of ||A|| = 1
    np.testing.assert_allclose(vals, np.linalg.eigvalsh(A.astype(np.float64))[-3:], atol=1e-5)


def test_lanczos_eigsh_warns_when_not_converged():
    A = _symmetric(np.linspace(0.0, 1.0, 300), seed=7)  # no gap: slow convergence
    with pytest.warns(ConvergenceWarning, match="max_iter=1"):
        lanczos_eigsh(A, 5, v0=np.ones(300), max_iter=1)


@pytest.mark.parametrize("k, ncv, match", [(0, None, "k=0"), (10, None, "k=10"), (3, 3, "ncv=3")])
def test_lanczos_eigsh_bad_sizes(k, ncv, match):
    with pytest.raises(ValueError, match=match):
        lanczos_eigsh(np.eye(10), k, v0=np.ones(10), ncv=ncv)


def test_lanczos_eigsh_zero_start_vector():
    with pytest.raises(ValueError, match="v0 must be a nonzero"):
        lanczos_eigsh(np.eye(10), 2, v0=np.zeros(10))


def test_kernel_pca_iterative_solvers_constant_data():
    # a constant X centres to the zero kernel: every Krylov step is an invariant
    # subspace (ARPACK stops with "starting vector is zero"); all eigenvalues 0
    X = np.ones((250, 3))
    for solver in ("arpack", "randomized"):
        kpca = KernelPCA(3, kernel="rbf", eigen_solver=solver, random_state=0).fit(X)
        np.testing.assert_array_equal(kpca.eigenvalues_, 0)
        np.testing.assert_array_equal(kpca.transform(X[:5]), 0)


# --- KernelPCA against scikit-learn --------------------------------------------
KERNELS = [("rbf", dict(gamma=1e-3)), ("linear", {}), ("poly", dict(gamma=1e-3, degree=2)), ("cosine", {})]


@pytest.mark.parametrize("kernel, kw", KERNELS, ids=[k for k, _ in KERNELS])
@pytest.mark.parametrize("n_components", [3, 8])
def test_kernel_pca_arpack_matches_sklearn(digits, kernel, kw, n_components):
    X, X_new = digits
    ours = KernelPCA(n_components, kernel=kernel, eigen_solver="arpack", random_state=0, **kw).fit(X)
    ref = SkKernelPCA(n_components, kernel=kernel, eigen_solver="arpack", random_state=0, **kw).fit(X)
    # both iterations stop at residual <= eps |lambda| (ARPACK's rule, tol=0);
    # the eigenvalue error is then ~ residual^2 / gap + rounding (~1e-15
    # relative measured), so 1e-9 relative is far above both and far below any
    # wrong eigenpair (the leading eigenvalues differ by > 1%)
    np.testing.assert_allclose(ours.eigenvalues_, ref.eigenvalues_, rtol=1e-9)
    # eigenvectors: error ~ residual / relative gap (~1e-15 measured); the shared
    # sign rule must give exactly the same signs, so no sign alignment here
    np.testing.assert_allclose(ours.eigenvectors_, ref.eigenvectors_, atol=1e-7)
    Z, Z_ref = ours.transform(X_new), ref.transform(X_new)
    np.testing.assert_allclose(Z, Z_ref, atol=1e-7 * np.abs(Z_ref).max())


@pytest.mark.parametrize("kernel, kw", KERNELS, ids=[k for k, _ in KERNELS])
@pytest.mark.parametrize("n_components", [3, 8])
def test_kernel_pca_randomized_matches_sklearn(digits, kernel, kw, n_components):
    X, X_new = digits
    kw = dict(kernel=kernel, eigen_solver="randomized", random_state=0, **kw)
    ours, ref = KernelPCA(n_components, **kw).fit(X), SkKernelPCA(n_components, **kw).fit(X)
    # the same Gaussian test matrix (same seed, same draw order), the same
    # power iterations (7, LU-normalised) and the same small SVD: the two
    # computations are the same sequence of LAPACK/BLAS calls, so agreement is
    # to rounding (~1e-14 measured); 1e-10 leaves room for BLAS differences
    np.testing.assert_allclose(ours.eigenvalues_, ref.eigenvalues_, rtol=1e-10)
    np.testing.assert_allclose(ours.eigenvectors_, ref.eigenvectors_, atol=1e-10)
    Z, Z_ref = ours.transform(X_new), ref.transform(X_new)
    np.testing.assert_allclose(Z, Z_ref, atol=1e-10 * np.abs(Z_ref).max())


def test_kernel_pca_randomized_same_draws_as_sklearn(digits):
    X, _ = digits
    kw = dict(n_components=5, kernel="rbf", gamma=1e-3, eigen_solver="randomized", iterated_power=0, random_state=3)
    ours, ref = KernelPCA(**kw).fit(X), SkKernelPCA(**kw).fit(X)
    dense = KernelPCA(n_components=5, kernel="rbf", gamma=1e-3, eigen_solver="dense").fit(X)
    # without power iterations the sketch is far from the true eigenvectors...
    assert np.abs(ref.eigenvectors_ - dense.eigenvectors_).max() > 1e-2
    # ...so agreement with scikit-learn to rounding can only come from the same draws
    np.testing.assert_allclose(ours.eigenvectors_, ref.eigenvectors_, atol=1e-12)
    np.testing.assert_allclose(ours.eigenvalues_, ref.eigenvalues_, rtol=1e-12)


@pytest.mark.parametrize("n_components, expected", [(5, "arpack"), (10, "dense")])
def test_kernel_pca_auto_solver_rule(digits, n_components, expected):
    X, _ = digits
    kw = dict(n_components=n_components, kernel="rbf", gamma=1e-3, random_state=0)
    auto = KernelPCA(eigen_solver="auto", **kw).fit(X)
    explicit = KernelPCA(eigen_solver=expected, **kw).fit(X)
    # scikit-learn's rule (n_samples > 200 and n_components < 10 -> arpack):
    # the same code path gives the same bits
    np.testing.assert_array_equal(auto.eigenvectors_, explicit.eigenvectors_)
    np.testing.assert_array_equal(auto.eigenvalues_, explicit.eigenvalues_)
    small = KernelPCA(eigen_solver="auto", **kw).fit(X[:200])  # n_samples = 200: dense
    np.testing.assert_array_equal(
        small.eigenvectors_, KernelPCA(eigen_solver="dense", **kw).fit(X[:200]).eigenvectors_
    )


def test_kernel_pca_arpack_all_components_falls_back_to_dense():
    X = np.random.default_rng(0).normal(size=(30, 4))
    # k = n_samples is beyond a Krylov method (SciPy's eigsh then calls eigh)
    ours = KernelPCA(kernel="rbf", eigen_solver="arpack").fit(X)
    dense = KernelPCA(kernel="rbf", eigen_solver="dense").fit(X)
    np.testing.assert_array_equal(ours.eigenvalues_, dense.eigenvalues_)


def test_kernel_pca_arpack_rank_deficient_linear_matches_sklearn():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(250, 4)) * [4.0, 3.0, 2.0, 1.0]  # centred linear kernel has rank 4
    kw = dict(n_components=6, eigen_solver="arpack", random_state=0, remove_zero_eig=True)
    ours, ref = KernelPCA(**kw).fit(X), SkKernelPCA(**kw).fit(X)
    # the two zero eigenvalues are removed on both sides (same PSD clean-up); the
    # 4 kept eigenpairs are well separated, same tolerances as above
    assert ours.eigenvalues_.shape == ref.eigenvalues_.shape == (4,)
    np.testing.assert_allclose(ours.eigenvalues_, ref.eigenvalues_, rtol=1e-9)
    np.testing.assert_allclose(ours.eigenvectors_, ref.eigenvectors_, atol=1e-7)


@pytest.mark.parametrize("solver", ["arpack", "randomized"])
def test_kernel_pca_solver_deterministic_and_float32(digits, solver):
    X, _ = digits
    kw = dict(n_components=4, kernel="rbf", gamma=1e-3, eigen_solver=solver, random_state=7)
    a, b = KernelPCA(**kw).fit(X), KernelPCA(**kw).fit(X)
    np.testing.assert_array_equal(a.eigenvectors_, b.eigenvectors_)
    Z32 = KernelPCA(**kw).fit_transform(X.astype(np.float32))
    assert Z32.dtype == np.float32


def test_kernel_pca_arpack_max_iter_warns(digits):
    X, _ = digits
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        KernelPCA(5, kernel="rbf", gamma=1e-3, eigen_solver="arpack", random_state=0).fit(X)
    with pytest.warns(ConvergenceWarning):
        KernelPCA(9, kernel="linear", eigen_solver="arpack", max_iter=1, random_state=0).fit(X)


@pytest.mark.parametrize("value", [-1, 1.5, "full"])
def test_kernel_pca_bad_iterated_power(digits, value):
    with pytest.raises(ValueError, match="iterated_power"):
        KernelPCA(eigen_solver="randomized", iterated_power=value).fit(digits[0])
