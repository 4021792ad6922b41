"""LogisticRegression against scikit-learn, finite differences of the losses, stability, errors."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn import datasets
from sklearn import linear_model as sk
from sklearn.preprocessing import StandardScaler

from scratchml.exceptions import ConvergenceWarning
from scratchml.linear_model import LogisticRegression
from scratchml.linear_model._logistic_loss import binary_loss_grad, multinomial_loss_grad


def _load(name, n=None):
    X, y = getattr(datasets, f"load_{name}")(return_X_y=True)
    X, y = X[:n], y[:n]
    return StandardScaler().fit_transform(X), y


def objective(est, X, y, C, sample_weight=None):
    """scikit-learn's objective, eq. (logreg-objective): 1/2||W||^2 + C sum_i s_i l_i."""
    sw = np.ones(len(y)) if sample_weight is None else sample_weight
    idx = np.searchsorted(est.classes_, y)
    Z = X @ est.coef_.T + est.intercept_
    if Z.shape[1] == 1:
        z = Z[:, 0]
        loss = np.logaddexp(0.0, z) - (idx == 1) * z
    else:
        m = Z.max(axis=1)
        loss = m + np.log(np.exp(Z - m[:, None]).sum(axis=1)) - Z[np.arange(len(y)), idx]
    penalty = 0.0 if C == np.inf else 0.5 * np.sum(est.coef_**2)
    return penalty + (1.0 if C == np.inf else C) * np.sum(sw * loss)


def _fit_both(X, y, sample_weight=None, **params):
    with warnings.catch_warnings():
        # at tol=1e-10 either side may stop on the relative-decrease test first
        warnings.simplefilter("ignore")
        ours = LogisticRegression(tol=1e-10, max_iter=5000, **params).fit(X, y, sample_weight=sample_weight)
        sk_params = dict(params)
        if sk_params.pop("penalty", "l2") is None:
            sk_params["C"] = np.inf  # scikit-learn >= 1.8 spells "no penalty" C=inf
        ref = sk.LogisticRegression(tol=1e-10, max_iter=5000, **sk_params).fit(
            X, y, sample_weight=sample_weight
        )
    return ours, ref


def _assert_same_solution(ours, ref, X, y, C, sample_weight=None):
    f_ours = objective(ours, X, y, C, sample_weight)
    f_ref = objective(ref, X, y, C, sample_weight)
    # Same strictly convex objective, both solvers run to max|grad| <= 1e-10
    # (or machine-precision stalling): objectives agree far below 1e-6
    # relative; the L2 term makes the minimiser unique, so coefficients agree to 1e-4.
    assert abs(f_ours - f_ref) <= 1e-6 * abs(f_ref)
    scale = max(1.0, np.abs(ref.coef_).max())
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=0, atol=1e-4 * scale)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=0, atol=1e-4 * scale)


@pytest.mark.parametrize("name, n, C", [
    ("breast_cancer", None, 1.0), ("breast_cancer", None, 0.05), ("iris", None, 1.0),
    ("iris", None, 100.0), ("wine", None, 1.0), ("digits", 500, 0.1),
])
def test_logistic_regression_matches_sklearn_on_bundled_data(name, n, C):
    X, y = _load(name, n)
    ours, ref = _fit_both(X, y, C=C)
    _assert_same_solution(ours, ref, X, y, C)
    np.testing.assert_array_equal(ours.predict(X), ref.predict(X))
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-4)


@pytest.mark.parametrize("class_weight", [None, "balanced", {0: 3.0, 2: 0.5}])
@pytest.mark.parametrize("weighted", [False, True])
def test_logistic_regression_weights_match_sklearn(class_weight, weighted):
    X, y = _load("wine")
    sw = np.random.default_rng(0).uniform(0.2, 3.0, len(y)) if weighted else None
    ours, ref = _fit_both(X, y, sample_weight=sw, class_weight=class_weight)
    total_sw = ours._class_weights(np.searchsorted(ours.classes_, y), np.ones(len(y)) if sw is None else sw)
    eff = (np.ones(len(y)) if sw is None else sw) * total_sw[np.searchsorted(ours.classes_, y)]
    _assert_same_solution(ours, ref, X, y, 1.0, eff)


def test_logistic_regression_binary_weighted_without_intercept_matches_sklearn():
    X, y = _load("breast_cancer")
    sw = np.random.default_rng(1).uniform(0.2, 3.0, len(y))
    ours, ref = _fit_both(X, y, sample_weight=sw, fit_intercept=False, C=0.3)
    _assert_same_solution(ours, ref, X, y, 0.3, sw)
    assert np.all(ours.intercept_ == 0)


def test_logistic_regression_no_penalty_matches_sklearn_on_overlapping_classes():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 3))
    y = (X[:, 0] + X[:, 1] + rng.normal(size=200) > 0).astype(int)  # noisy: MLE exists
    ours, ref = _fit_both(X, y, penalty=None)
    _assert_same_solution(ours, ref, X, y, np.inf)


def test_logistic_regression_string_labels_and_shapes():
    X, y = _load("iris")
    labels = np.array(["setosa", "versicolor", "virginica"])[y]
    clf = LogisticRegression().fit(X, labels)
    assert clf.coef_.shape == (3, 4) and clf.intercept_.shape == (3,) and clf.n_iter_.shape == (1,)
    assert set(clf.predict(X)) <= set(labels)
    binary = LogisticRegression().fit(X[y < 2], labels[y < 2])
    assert binary.coef_.shape == (1, 4) and binary.decision_function(X).shape == (150,)


@pytest.mark.parametrize("n_classes", [2, 4])
def test_logistic_regression_probabilities_are_consistent(n_classes):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(80, 3))
    y = rng.integers(0, n_classes, size=80)
    clf = LogisticRegression(C=10.0).fit(X, y)
    P = clf.predict_proba(X)
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(clf.predict_log_proba(X), np.log(P), rtol=1e-10, atol=1e-12)
    np.testing.assert_array_equal(clf.predict(X), clf.classes_[P.argmax(axis=1)])


@pytest.mark.parametrize("loss_grad, n_rows", [(binary_loss_grad, 1), (multinomial_loss_grad, 3)])
@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("shape", [(7, 2), (25, 5)])
@pytest.mark.parametrize("l2_reg", [0.0, 0.3])
def test_logistic_loss_gradient_matches_finite_differences(loss_grad, n_rows, fit_intercept, shape, l2_reg):
    rng = np.random.default_rng(shape[0])
    X = rng.normal(size=shape)
    labels = rng.integers(0, max(n_rows, 2), size=shape[0])
    target = labels.astype(float) if n_rows == 1 else np.eye(n_rows)[labels]
    sw = rng.uniform(0.1, 1.0, shape[0])
    sw /= sw.sum()
    w = rng.normal(size=n_rows * (shape[1] + fit_intercept))
    _, grad = loss_grad(w, X, target, sw, l2_reg, fit_intercept)
    h = 1e-6
    numeric = np.empty_like(w)
    for k in range(w.size):
        e = np.zeros_like(w)
        e[k] = h
        numeric[k] = (loss_grad(w + e, X, target, sw, l2_reg, fit_intercept)[0]
                      - loss_grad(w - e, X, target, sw, l2_reg, fit_intercept)[0]) / (2 * h)
    # central differences: O(h^2) truncation + O(eps/h) rounding ~ 1e-9
    np.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("loss_grad, n_rows", [(binary_loss_grad, 1), (multinomial_loss_grad, 3)])
def test_logistic_loss_is_stable_for_huge_scores(loss_grad, n_rows):
    X = np.array([[1.0], [-1.0], [1.0]])
    labels = np.array([0, 1, 1])
    target = labels.astype(float) if n_rows == 1 else np.eye(n_rows)[labels]
    # rows (coef, intercept): scores of +-1e4 that make some samples badly wrong
    w = np.array([1e4, 0.0]) if n_rows == 1 else np.array([1e4, 0.0, -1e4, 0.0, 0.0, 0.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow / invalid-value warnings
        loss, grad = loss_grad(w, X, target, np.full(3, 1 / 3), 0.0, True)
    assert np.isfinite(loss) and np.all(np.isfinite(grad)) and loss > 1e3


def test_logistic_regression_predictions_stable_for_huge_scores():
    clf = LogisticRegression().fit([[-1.0], [1.0]], [0, 1])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        P = clf.predict_proba([[-1e6], [1e6]])
        logP = clf.predict_log_proba([[-1e6], [1e6]])
    assert np.all(np.isfinite(P)) and np.all(np.isfinite(logP))
    assert logP[0, 1] < -1e4 and logP[1, 0] < -1e4


def test_logistic_regression_separable_without_penalty_warns_and_stays_finite():
    X = np.array([[-2.0, 0.0], [-1.0, 1.0], [1.0, 0.0], [2.0, 1.0]])
    y = np.array([0, 0, 1, 1])
    with pytest.warns(ConvergenceWarning, match="separable"):
        clf = LogisticRegression(penalty=None).fit(X, y)
    assert np.all(np.isfinite(clf.coef_)) and np.all(np.isfinite(clf.intercept_))
    np.testing.assert_array_equal(clf.predict(X), y)


def test_logistic_regression_warns_on_max_iter():
    X, y = _load("breast_cancer")
    with pytest.warns(ConvergenceWarning, match="failed to converge"):
        LogisticRegression(max_iter=2).fit(X, y)


def test_logistic_regression_warm_start_needs_fewer_iterations():
    X, y = _load("wine")
    clf = LogisticRegression(warm_start=True, tol=1e-6, max_iter=1000).fit(X, y)
    first = clf.n_iter_[0]
    clf.fit(X, y)
    assert clf.n_iter_[0] < first


def test_logistic_regression_single_class_error_names_the_class():
    with pytest.raises(ValueError, match="only one class: 'spam'"):
        LogisticRegression().fit([[0.0], [1.0]], ["spam", "spam"])


@pytest.mark.parametrize("params, match", [
    (dict(C=0.0), "'C' parameter"), (dict(C=-1.0), "'C' parameter"),
    (dict(l1_ratio=1.5), "l1_ratio"), (dict(penalty="l1"), "Allowed combinations: solver='lbfgs'"),
    (dict(penalty="elasticnet", l1_ratio=0.5), "Allowed combinations"),
])
def test_logistic_regression_bad_parameters_raise(params, match):
    with pytest.raises(ValueError, match=match):
        LogisticRegression(**params).fit([[0.0], [1.0]], [0, 1])


def test_logistic_regression_unknown_class_weight_label_raises():
    with pytest.raises(ValueError, match="class_weight"):
        LogisticRegression(class_weight={7: 2.0}).fit([[0.0], [1.0]], [0, 1])


def _penalised_objective(est, X, y, C, rho, sample_weight=None):
    """scikit-learn's objective with an elastic-net penalty: rho|W|_1 + (1-rho)/2|W|^2 + C sum s_i l_i."""
    smooth = objective(est, X, y, C, sample_weight) - 0.5 * np.sum(est.coef_**2)
    return rho * np.abs(est.coef_).sum() + 0.5 * (1 - rho) * np.sum(est.coef_**2) + smooth


@pytest.mark.parametrize("name, n, penalty, rho", [
    (name, None, penalty, rho) for name in ("iris", "wine")
    for penalty, rho in (("l1", 1.0), ("elasticnet", 0.5), ("l2", 0.0))
] + [("breast_cancer", 200, "elasticnet", 0.5)])  # breast-cancer l1 needs ~10^4 epochs: too slow here
def test_logistic_regression_saga_matches_sklearn(name, n, penalty, rho):
    X, y = _load(name, n)
    l1_ratio = rho if penalty == "elasticnet" else None
    ours = LogisticRegression(penalty=penalty, l1_ratio=l1_ratio, solver="saga", C=0.5,
                              tol=1e-8, max_iter=20_000, random_state=0).fit(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = sk.LogisticRegression(l1_ratio=rho, solver="saga", C=0.5, tol=1e-8,
                                    max_iter=20_000, random_state=0).fit(X, y)
    f_ours, f_ref = (_penalised_objective(e, X, y, 0.5, rho) for e in (ours, ref))
    # Both run SAGA until an epoch moves the weights by <= 1e-8 relative: the
    # objectives agree far below 1e-6 relative and the (unique, strongly convex
    # along the support) solutions to 1e-4.
    assert abs(f_ours - f_ref) <= 1e-6 * abs(f_ref)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=0, atol=1e-4 * max(1, np.abs(ref.coef_).max()))
    if rho > 0:  # the prox sets coefficients exactly to zero, on the same support
        np.testing.assert_array_equal(ours.coef_ == 0, ref.coef_ == 0)


def test_logistic_regression_saga_agrees_with_lbfgs_on_l2_with_weights():
    X, y = _load("wine")
    sw = np.random.default_rng(0).uniform(0.2, 3.0, len(y))
    kw = dict(C=2.0, class_weight="balanced", max_iter=20_000)
    a = LogisticRegression(solver="saga", tol=1e-9, random_state=0, **kw).fit(X, y, sample_weight=sw)
    b = LogisticRegression(solver="lbfgs", tol=1e-10, **kw).fit(X, y, sample_weight=sw)
    # two different solvers of one strictly convex objective
    np.testing.assert_allclose(a.coef_, b.coef_, atol=1e-4)


def test_logistic_regression_saga_l1_zeroes_coefficients_as_C_shrinks():
    X, y = _load("breast_cancer", 200)
    nnz = [np.count_nonzero(LogisticRegression(penalty="l1", solver="saga", C=C, tol=1e-4,
                                               max_iter=5000, random_state=0).fit(X, y).coef_)
           for C in (0.3, 0.1, 0.01)]
    assert nnz[0] > nnz[1] > nnz[2]


def test_logistic_regression_elasticnet_needs_l1_ratio():
    with pytest.raises(ValueError, match="l1_ratio must be specified"):
        LogisticRegression(penalty="elasticnet", solver="saga", l1_ratio=None).fit(
            [[0.0], [1.0]], [0, 1]
        )


@pytest.mark.parametrize("n_rows", [1, 3])
def test_saga_epoch_plain_equals_jitted(n_rows):
    from scratchml.linear_model import _saga_kernels as kernels

    rng = np.random.default_rng(0)
    X = rng.normal(size=(15, 4))
    y = rng.integers(0, 2 if n_rows == 1 else 3, size=15).astype(float)
    out = []
    for fn in (kernels.saga_epoch, kernels.saga_epoch_jit):
        W, b = np.zeros((n_rows, 4)), np.zeros(n_rows)
        memory, sum_W, sum_b = np.zeros((15, n_rows)), np.zeros((n_rows, 4)), np.zeros(n_rows)
        for _ in range(3):
            fn(X, y, np.ones(15), np.arange(15)[::-1].copy(), W, b, memory, sum_W, sum_b,
               0.1, 0.01, 0.02, True)
        out.append((W, b, memory, sum_W, sum_b))
    for a, b in zip(*out):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("multinomial", [False, True])
@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("shape", [(9, 2), (30, 4)])
def test_logistic_hessian_vector_product_matches_finite_differences(multinomial, fit_intercept, shape):
    from scratchml.linear_model._logistic_loss import binary_hessp, multinomial_hessp

    rng = np.random.default_rng(shape[0] + 7)
    X = rng.normal(size=shape)
    n_rows = 3 if multinomial else 1
    labels = rng.integers(0, 3 if multinomial else 2, size=shape[0])
    target = np.eye(3)[labels] if multinomial else labels.astype(float)
    sw = rng.uniform(0.1, 1.0, shape[0])
    sw /= sw.sum()
    w = rng.normal(size=n_rows * (shape[1] + fit_intercept))
    v = rng.normal(size=w.size)
    if multinomial:
        hv = multinomial_hessp(w, X, 3, sw, 0.2, fit_intercept)(v)
        grad = lambda u: multinomial_loss_grad(u, X, target, sw, 0.2, fit_intercept)[1]  # noqa: E731
    else:
        hv = binary_hessp(w, X, sw, 0.2, fit_intercept)(v)
        grad = lambda u: binary_loss_grad(u, X, target, sw, 0.2, fit_intercept)[1]  # noqa: E731
    h = 1e-5
    numeric = (grad(w + h * v) - grad(w - h * v)) / (2 * h)
    # central difference of the analytic gradient along v: O(h^2) + O(eps/h) ~ 1e-10
    np.testing.assert_allclose(hv, numeric, rtol=1e-6, atol=1e-9)


def test_conjugate_gradient_solves_spd_system():
    from scratchml.linear_model._newton_cg import conjugate_gradient

    rng = np.random.default_rng(0)
    A = rng.normal(size=(6, 6))
    A = A @ A.T + np.eye(6)
    g = rng.normal(size=6)
    p = conjugate_gradient(lambda v: A @ v, g, tol=1e-12)
    np.testing.assert_allclose(A @ p, -g, atol=1e-10)


@pytest.mark.parametrize("name", ["breast_cancer", "iris", "wine"])
def test_logistic_regression_newton_cg_matches_sklearn(name):
    X, y = _load(name)
    ours = LogisticRegression(solver="newton-cg", tol=1e-10, max_iter=200).fit(X, y)
    ref = sk.LogisticRegression(solver="newton-cg", tol=1e-10, max_iter=200).fit(X, y)
    # the same Newton-CG iteration (forcing term, CG stopping, Wolfe steps) on the
    # same objective to max|grad| <= 1e-10: iteration counts and solutions agree
    _assert_same_solution(ours, ref, X, y, 1.0)
    assert ours.n_iter_[0] == ref.n_iter_[0]



@settings(max_examples=25, deadline=None)
@given(n_samples=st.integers(1, 12), n_features=st.integers(1, 5), n_classes=st.integers(2, 4),
       seed=st.integers(0, 2**16), scale=st.sampled_from([0.1, 1.0, 5.0]))
def test_logistic_loss_gradient_finite_differences_any_shape(n_samples, n_features, n_classes, seed, scale):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, n_features))
    labels = rng.integers(0, n_classes, size=n_samples)
    sw = rng.uniform(0.1, 1.0, n_samples)
    sw /= sw.sum()
    if n_classes == 2:
        fn, target, size = binary_loss_grad, labels.astype(float), n_features + 1
    else:
        fn, target, size = multinomial_loss_grad, np.eye(n_classes)[labels], n_classes * (n_features + 1)
    w = scale * rng.normal(size=size)
    _, grad = fn(w, X, target, sw, 0.1, True)
    h = 1e-6
    numeric = np.array([(fn(w + h * e, X, target, sw, 0.1, True)[0]
                         - fn(w - h * e, X, target, sw, 0.1, True)[0]) / (2 * h) for e in np.eye(size)])
    # central differences in float64: truncation O(h^2 * f''') + rounding O(eps * |f| / h)
    np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-7)


def test_logistic_regression_saga_elasticnet_matches_sklearn_on_digits():
    X, y = _load("digits", 300)
    ours = LogisticRegression(penalty="elasticnet", l1_ratio=0.5, solver="saga", C=0.1,
                              tol=1e-7, max_iter=20_000, random_state=0).fit(X, y)
    ref = sk.LogisticRegression(l1_ratio=0.5, solver="saga", C=0.1, tol=1e-7,
                                max_iter=20_000, random_state=0).fit(X, y)
    f_ours, f_ref = (_penalised_objective(e, X, y, 0.1, 0.5) for e in (ours, ref))
    # 10-class softmax with an elastic-net penalty, both run to a 1e-7 relative
    # weight change: objective to 1e-6, coefficients to 1e-4, the same zeros
    assert abs(f_ours - f_ref) <= 1e-6 * abs(f_ref)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=0, atol=1e-4)
    np.testing.assert_array_equal(ours.coef_ == 0, ref.coef_ == 0)
