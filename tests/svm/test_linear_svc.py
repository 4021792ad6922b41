"""LinearSVC: objective-level oracle against scikit-learn's LIBLINEAR, kernel twin, bad input.

Both solve the same strictly convex (squared hinge) or convex (hinge) primal by
dual coordinate descent, but visit coordinates in different random orders and
LIBLINEAR shrinks, so iterates differ: agreement is asserted on the primal
objective and on predictions, and on the weights only when both run to a tight
tolerance (the squared-hinge optimum is unique).
"""

import warnings

import numpy as np
import pytest
from sklearn import datasets
from sklearn import svm as sks
from sklearn.preprocessing import StandardScaler

from scratchml.svm import LinearSVC, LinearSVR
from scratchml.svm import _dual_cd_kernels as dk


def _scaled(loader):
    X, y = loader(return_X_y=True)
    return StandardScaler().fit_transform(X), y


def _primal(est, X, y, C, loss):
    """Eq. (lsvm-primal) summed over the one-vs-rest problems, bias regularised."""
    total = 0.0
    for k in range(est.coef_.shape[0]):
        positive = est.classes_[1] if est.coef_.shape[0] == 1 else est.classes_[k]
        y_pm = np.where(y == positive, 1.0, -1.0)
        w, b = est.coef_[k], est.intercept_[k]
        slack = np.maximum(0.0, 1.0 - y_pm * (X @ w + b))
        total += 0.5 * (w @ w + b * b) + C * np.sum(slack ** (2 if loss == "squared_hinge" else 1))
    return total


@pytest.mark.parametrize("loader", [datasets.load_iris, datasets.load_wine,
                                    datasets.load_breast_cancer])
@pytest.mark.parametrize("loss", ["hinge", "squared_hinge"])
def test_linear_svc_objective_matches_liblinear(loader, loss):
    X, y = _scaled(loader)
    ours = LinearSVC(loss=loss, random_state=0).fit(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # LIBLINEAR may stop at max_iter here
        ref = sks.LinearSVC(loss=loss, dual=True, random_state=0).fit(X, y)
    # Both stop when the projected gradient is flat to tol=1e-4 (or at 1000
    # epochs): the primal objectives then agree to ~1e-4 relative; 1e-3 leaves
    # room for LIBLINEAR's early stops on the hinge loss.
    f, f_ref = _primal(ours, X, y, 1.0, loss), _primal(ref, X, y, 1.0, loss)
    assert abs(f - f_ref) <= 1e-3 * f_ref
    margin = np.abs(ref.decision_function(X)).reshape(len(X), -1).min(axis=1)
    away = margin > 1e-2
    np.testing.assert_array_equal(ours.predict(X)[away], ref.predict(X)[away])


def test_linear_svc_squared_hinge_reaches_liblinears_optimum():
    X, y = _scaled(datasets.load_breast_cancer)
    ours = LinearSVC(tol=1e-9, max_iter=20000, random_state=0).fit(X, y)
    ref = sks.LinearSVC(tol=1e-9, max_iter=20000, dual=True, random_state=0).fit(X, y)
    # unique optimum of a strictly convex primal, both solved to 1e-9
    np.testing.assert_allclose(ours.coef_, ref.coef_, atol=1e-6)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, atol=1e-6)


@pytest.mark.parametrize("class_weight", ["balanced", {0: 3.0, 1: 0.5}])
@pytest.mark.parametrize("loader", [datasets.load_iris, datasets.load_breast_cancer])
def test_linear_svc_class_weight_reaches_liblinears_optimum(loader, class_weight):
    X, y = _scaled(loader)
    kw = dict(class_weight=class_weight, tol=1e-9, max_iter=20000, random_state=0)
    ours = LinearSVC(**kw).fit(X, y)
    ref = sks.LinearSVC(dual=True, **kw).fit(X, y)
    # same weighted strictly convex problems, both solved to 1e-9
    np.testing.assert_allclose(ours.coef_, ref.coef_, atol=1e-5)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, atol=1e-5)


def test_linear_svc_binary_sign_convention():
    X, y = _scaled(datasets.load_breast_cancer)
    labels = np.array(["neg", "pos"])[y]
    est = LinearSVC(random_state=0).fit(X, labels)
    assert est.coef_.shape == (1, X.shape[1]) and est.intercept_.shape == (1,)
    scores = est.decision_function(X)
    np.testing.assert_array_equal(est.predict(X), np.where(scores > 0, "pos", "neg"))


def test_dual_cd_plain_equals_jitted():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 3))
    y = np.where(X[:, 0] > 0, 1.0, -1.0)
    for squared in (False, True):
        C = np.full(30, 1.0)
        a = dk.dual_cd(X, y, C, squared, 1e-4, 50, 7)
        b = dk.dual_cd_jit(X, y, C, squared, 1e-4, 50, 7)
        np.testing.assert_array_equal(a[0], b[0])
        assert a[1:] == b[1:]


def test_linear_svc_bad_input_gives_clear_errors():
    X, y = _scaled(datasets.load_iris)
    with pytest.raises(ValueError, match="'C' parameter"):
        LinearSVC(C=0.0).fit(X, y)
    with pytest.raises(ValueError, match="at least 2 classes"):
        LinearSVC().fit(X, np.zeros(len(X)))
    with pytest.raises(ValueError, match="dual=False"):
        LinearSVC(dual=False).fit(X, y)
    with pytest.warns(Warning, match="failed to converge"):
        LinearSVC(max_iter=1, random_state=0).fit(X, y)


def _svr_primal(est, X, y, C, eps, loss):
    slack = np.maximum(0.0, np.abs(y - X @ est.coef_ - est.intercept_[0]) - eps)
    q = 1 if loss == "epsilon_insensitive" else 2
    return 0.5 * (est.coef_ @ est.coef_ + est.intercept_[0] ** 2) + C * np.sum(slack**q)


@pytest.mark.parametrize("loss", ["epsilon_insensitive", "squared_epsilon_insensitive"])
@pytest.mark.parametrize("epsilon", [0.0, 0.3])
def test_linear_svr_objective_matches_liblinear(loss, epsilon):
    X, y = datasets.load_diabetes(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    y = (y - y.mean()) / y.std()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # both may stop at max_iter on the L1 loss
        ours = LinearSVR(loss=loss, epsilon=epsilon, random_state=0).fit(X, y)
        ref = sks.LinearSVR(loss=loss, epsilon=epsilon, dual=True, random_state=0).fit(X, y)
    # same convex problem, both stopped by the same relative rule (tol=1e-4)
    # or at 1000 epochs: primal objectives within 1e-3 relative
    f, f_ref = _svr_primal(ours, X, y, 1.0, epsilon, loss), _svr_primal(ref, X, y, 1.0, epsilon, loss)
    assert abs(f - f_ref) <= 1e-3 * f_ref
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), atol=0.05)


def test_linear_svr_squared_loss_reaches_liblinears_optimum():
    X, y = datasets.load_diabetes(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    y = (y - y.mean()) / y.std()
    kw = dict(loss="squared_epsilon_insensitive", epsilon=0.1, tol=1e-10, max_iter=50000,
              random_state=0)
    ours = LinearSVR(**kw).fit(X, y)
    ref = sks.LinearSVR(dual=True, **kw).fit(X, y)
    # strictly convex: unique optimum, both solved to a 1e-10 relative violation
    np.testing.assert_allclose(ours.coef_, ref.coef_, atol=1e-6)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, atol=1e-6)


def test_dual_cd_svr_plain_equals_jitted():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 3))
    y = X @ np.array([1.0, -2.0, 0.5]) + 0.1 * rng.normal(size=30)
    for squared in (False, True):
        a = dk.dual_cd_svr(X, y, 1.0, 0.1, squared, 1e-4, 50, 3)
        b = dk.dual_cd_svr_jit(X, y, 1.0, 0.1, squared, 1e-4, 50, 3)
        np.testing.assert_array_equal(a[0], b[0])
        assert a[1:] == b[1:]
