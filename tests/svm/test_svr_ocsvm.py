"""SVR and OneClassSVM against scikit-learn's LIBSVM on the same SMO path.

As for SVC: the solver reproduces LIBSVM's step for step, with or without
shrinking, so with the same ``shrinking`` on both sides the iteration counts are
equal and the models agree to the rounding of the dot products (asserted 1e-9).
"""

import numpy as np
import pytest
from sklearn import datasets
from sklearn import svm as sks
from sklearn.metrics.pairwise import pairwise_kernels
from sklearn.preprocessing import StandardScaler

from scratchml.svm import SVR, NuSVR, OneClassSVM


def _diabetes():
    X, y = datasets.load_diabetes(return_X_y=True)
    return StandardScaler().fit_transform(X)[::2], ((y - y.mean()) / y.std())[::2]


@pytest.mark.parametrize("shrinking", [False, True])
@pytest.mark.parametrize("kernel", ["linear", "rbf", "poly", "sigmoid"])
def test_svr_matches_libsvm(kernel, shrinking):
    X, y = _diabetes()
    ours = SVR(kernel=kernel, C=2.0, epsilon=0.2, shrinking=shrinking).fit(X, y)
    ref = sks.SVR(kernel=kernel, C=2.0, epsilon=0.2, shrinking=shrinking).fit(X, y)
    assert ours.n_iter_ == ref.n_iter_
    np.testing.assert_array_equal(ours.support_, ref.support_)
    np.testing.assert_allclose(ours.dual_coef_, ref.dual_coef_, atol=1e-9)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, atol=1e-9)
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), atol=1e-9)


def test_svr_precomputed_equals_linear():
    X, y = _diabetes()
    lin = SVR(kernel="linear").fit(X, y)
    pre = SVR(kernel="precomputed").fit(X @ X.T, y)
    np.testing.assert_allclose(pre.predict(X[:7] @ X.T), lin.predict(X[:7]), atol=1e-9)


@pytest.mark.parametrize("shrinking", [False, True])
@pytest.mark.parametrize("loader", [datasets.load_iris, datasets.load_breast_cancer])
@pytest.mark.parametrize("nu", [0.05, 0.3, 0.9])
@pytest.mark.parametrize("kernel", ["rbf", "linear"])
def test_one_class_svm_matches_libsvm(nu, kernel, loader, shrinking):
    # breast cancer, linear: several thousand iterations, so shrinking acts
    X, _ = loader(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    ours = OneClassSVM(nu=nu, kernel=kernel, shrinking=shrinking).fit(X)
    ref = sks.OneClassSVM(nu=nu, kernel=kernel, shrinking=shrinking).fit(X)
    assert ours.n_iter_ == ref.n_iter_
    atol = 1e-9
    np.testing.assert_array_equal(ours.support_, ref.support_)
    np.testing.assert_allclose(ours.dual_coef_, ref.dual_coef_, atol=atol)
    np.testing.assert_allclose(ours.offset_, ref.offset_, rtol=atol)
    Q = np.vstack([X, X + 3.0])
    # a score is a sum of terms alpha_i K(x_i, x) that can cancel (linear
    # kernel on 30 features): rounding scales with the sum of their sizes
    params = {"gamma": ref._gamma} if kernel == "rbf" else {}
    K = pairwise_kernels(Q, ref.support_vectors_, metric=kernel, **params)
    size = np.maximum(np.abs(K) @ np.abs(ref.dual_coef_[0]), np.abs(ref.offset_[0]))
    assert (np.abs(ours.score_samples(Q) - ref.score_samples(Q)) <= atol * size).all()
    dec = ref.decision_function(Q)
    away = np.abs(dec) > 10 * atol * size
    np.testing.assert_array_equal(ours.predict(Q)[away], ref.predict(Q)[away])


def test_svr_and_ocsvm_bad_input():
    X, y = _diabetes()
    with pytest.raises(ValueError, match="'epsilon' parameter"):
        SVR(epsilon=-1.0).fit(X, y)
    with pytest.raises(ValueError, match="'C' parameter"):
        SVR(C=0).fit(X, y)
    with pytest.raises(ValueError, match="'nu' parameter"):
        OneClassSVM(nu=0.0).fit(X)
    with pytest.raises(ValueError, match="square matrix"):
        OneClassSVM(kernel="precomputed").fit(X)


@pytest.mark.parametrize("shrinking", [False, True])
@pytest.mark.parametrize("kernel", ["linear", "rbf"])
@pytest.mark.parametrize("nu", [0.2, 0.6])
def test_nusvr_matches_libsvm(kernel, nu, shrinking):
    X, y = _diabetes()
    ours = NuSVR(kernel=kernel, nu=nu, C=2.0, shrinking=shrinking).fit(X, y)
    ref = sks.NuSVR(kernel=kernel, nu=nu, C=2.0, shrinking=shrinking).fit(X, y)
    assert ours.n_iter_ == ref.n_iter_  # Solver_NU step for step
    np.testing.assert_array_equal(ours.support_, ref.support_)
    np.testing.assert_allclose(ours.dual_coef_, ref.dual_coef_, atol=1e-9)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, atol=1e-9)
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), atol=1e-9)
