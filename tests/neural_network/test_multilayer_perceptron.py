"""MLPClassifier / MLPRegressor against scikit-learn, finite differences and invariants."""

import warnings

import numpy as np
import pytest
from sklearn import neural_network as sk

from scratchml.exceptions import ConvergenceWarning
from scratchml.neural_network import MLPClassifier, MLPRegressor, gradient_check


def _data(kind, n=53, d=5, seed=0):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n, d))
    score = X @ rng.normal(size=(d, 3))
    if kind == "binary":
        return X, (score[:, 0] > 0).astype(int)
    if kind == "multiclass":
        return X, np.array(["a", "b", "c"])[score.argmax(axis=1)]
    if kind == "multilabel":
        return X, (score > 0).astype(int)
    return X, score[:, 0] + 0.1 * rng.normal(size=n)


def _initial_weights(units, seed=1):
    rng = np.random.RandomState(seed)
    coefs = [rng.uniform(-0.5, 0.5, (a, b)) for a, b in zip(units[:-1], units[1:])]
    intercepts = [rng.uniform(-0.5, 0.5, b) for b in units[1:]]
    return coefs, intercepts


def _fit_from(est, X, y, coefs, intercepts, max_iter):
    """Fit once to create the attributes, copy the given weights in, then warm-start."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        est.set_params(warm_start=True, max_iter=1).fit(X, y)
        est.coefs_ = [c.copy() for c in coefs]
        est.intercepts_ = [b.copy() for b in intercepts]
        est.set_params(max_iter=max_iter).fit(X, y)
    return est


ORACLE_CASES = [
    ("binary", dict(activation="relu", momentum=0.9, nesterovs_momentum=True)),
    ("multiclass", dict(activation="tanh", momentum=0.5, nesterovs_momentum=False, alpha=0.01)),
    ("multiclass", dict(activation="logistic", momentum=0.0, batch_size=10)),
    ("multilabel", dict(activation="relu", batch_size=16, learning_rate="invscaling", learning_rate_init=0.1)),
    ("multiclass", dict(activation="identity", learning_rate="adaptive", tol=10.0, n_iter_no_change=1)),
    ("regression", dict(activation="tanh", momentum=0.9, batch_size=7, alpha=0.1)),
]


@pytest.mark.parametrize("kind,params", ORACLE_CASES)
def test_mlp_sgd_matches_sklearn_weights_after_5_epochs(kind, params):
    X, y = _data(kind)
    n_out = {"binary": 1, "multiclass": 3, "multilabel": 3, "regression": 1}[kind]
    units = [X.shape[1], 6, 4, n_out]
    coefs, intercepts = _initial_weights(units)
    common = dict(hidden_layer_sizes=(6, 4), solver="sgd", shuffle=False, random_state=0,
                  learning_rate_init=params.pop("learning_rate_init", 0.05), **params)
    ours_cls, theirs_cls = (MLPRegressor, sk.MLPRegressor) if kind == "regression" else \
        (MLPClassifier, sk.MLPClassifier)
    ours = _fit_from(ours_cls(**common), X, y, coefs, intercepts, 5)
    theirs = _fit_from(theirs_cls(**common), X, y, coefs, intercepts, 5)
    # Same initial weights, same batches, the same update equations in the
    # same order: only floating-point rounding separates the two (~1e-16);
    # 1e-8 is the bound and any wrong factor shows up at >1e-3.
    for a, b in zip(ours.coefs_ + ours.intercepts_, theirs.coefs_ + theirs.intercepts_):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-8)
    assert ours.n_iter_ == theirs.n_iter_ == 5
    np.testing.assert_allclose(ours.loss_curve_, theirs.loss_curve_, rtol=1e-8)
    if kind == "regression":
        np.testing.assert_allclose(ours.predict(X), theirs.predict(X), atol=1e-8)
    else:
        np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
        np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), atol=1e-8)


def test_mlp_classifier_shuffled_batches_and_seeded_init_match_sklearn():
    # Same seed: scikit-learn's draw order for the initial weights and its
    # shuffling are reproduced, so even shuffle=True runs agree.
    X, y = _data("multiclass", n=80)
    kw = dict(hidden_layer_sizes=(7,), solver="sgd", max_iter=4, random_state=3, learning_rate_init=0.1,
              batch_size=16)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours, theirs = MLPClassifier(**kw).fit(X, y), sk.MLPClassifier(**kw).fit(X, y)
    for a, b in zip(ours.coefs_ + ours.intercepts_, theirs.coefs_ + theirs.intercepts_):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-8)


def test_mlp_partial_fit_matches_fit_epochs():
    X, y = _data("binary")
    kw = dict(hidden_layer_sizes=(5,), solver="sgd", shuffle=False, random_state=0, learning_rate_init=0.1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        full = MLPClassifier(max_iter=3, **kw).fit(X, y)
    inc = MLPClassifier(**kw)
    for _ in range(3):
        inc.partial_fit(X, y, classes=[0, 1])
    for a, b in zip(full.coefs_, inc.coefs_):
        np.testing.assert_allclose(a, b, rtol=1e-12)
    with pytest.raises(ValueError, match="classes must be passed"):
        MLPClassifier().partial_fit(X, y)
    assert not hasattr(MLPClassifier(solver="lbfgs"), "partial_fit")  # stochastic solvers only
    with pytest.raises(ValueError, match="early_stopping"):
        MLPRegressor(early_stopping=True).partial_fit(*_data("regression"))


def test_mlp_regressor_multioutput_gradient_matches_finite_differences():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(9, 4))
    Y = rng.normal(size=(9, 3))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        reg = MLPRegressor(hidden_layer_sizes=(5,), activation="tanh", alpha=0.3, max_iter=1,
                           random_state=0).fit(X, Y)
    layers, loss = reg._layers(), reg._loss()
    value, grads = reg._backprop(X, Y, layers, loss)
    # the reported loss is eq. (mlp-squared-loss) plus the L2 term
    expected = 0.5 * np.mean((reg._forward(X) - Y) ** 2) + 0.15 * sum((W**2).sum() for W in reg.coefs_) / 9
    assert value == pytest.approx(expected, rel=1e-13)
    params = reg.coefs_ + reg.intercepts_
    for p, g in zip(params, grads):
        # central differences in float64: correct gradients land near 1e-9
        err = gradient_check(lambda: reg._backprop(X, Y, layers, loss)[0], p, g.copy())
        assert err < 1e-7


def test_mlp_classifier_multiclass_gradient_matches_finite_differences():
    X, y = _data("multiclass", n=12)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf = MLPClassifier(hidden_layer_sizes=(4, 3), activation="logistic", alpha=0.1, max_iter=1,
                            random_state=0).fit(X, y)
    Y = clf._binarize(y).astype(float)
    layers, loss = clf._layers(), clf._loss()
    _, grads = clf._backprop(X, Y, layers, loss)
    for p, g in zip(clf.coefs_ + clf.intercepts_, grads):
        assert gradient_check(lambda: clf._backprop(X, Y, layers, loss)[0], p, g.copy()) < 1e-7


def test_mlp_nan_loss_names_the_epoch_and_suggests_lower_rate():
    X, y = _data("regression")
    with pytest.raises(ValueError, match=r"epoch \d+.*lower learning_rate_init"):
        with np.errstate(all="ignore"):
            MLPRegressor(solver="sgd", learning_rate_init=1e4, momentum=0.0, random_state=0).fit(X, 1e6 * y)


@pytest.mark.parametrize("params", [
    dict(hidden_layer_sizes=(10, 0)), dict(hidden_layer_sizes=0), dict(learning_rate_init=-0.1),
    dict(activation="swish"), dict(solver="rmsprop"), dict(momentum=1.5), dict(alpha=-1.0),
])
def test_mlp_bad_parameters_raise_value_error(params):
    X, y = _data("binary")
    with pytest.raises(ValueError):
        MLPClassifier(**params).fit(X, y)


def test_mlp_early_stopping_tracks_validation_and_restores_best_weights():
    X, y = _data("multiclass", n=200)
    clf = MLPClassifier(hidden_layer_sizes=(8,), early_stopping=True, n_iter_no_change=3, max_iter=300,
                        learning_rate_init=0.05, random_state=0).fit(X, y)
    assert clf.best_loss_ is None
    assert len(clf.validation_scores_) == clf.n_iter_ < 300
    assert clf.best_validation_score_ == max(clf.validation_scores_)
    assert clf.coefs_ is clf._best_coefs


def test_mlp_float32_preserved_and_probabilities_sum_to_one():
    X, y = _data("multiclass")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf = MLPClassifier(hidden_layer_sizes=(6,), max_iter=5, random_state=0).fit(X.astype(np.float32), y)
    assert clf.coefs_[0].dtype == np.float32
    P = clf.predict_proba(X.astype(np.float32))
    assert P.dtype == np.float32
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=1e-6)
    assert set(clf.predict(X)) <= set(clf.classes_)


def test_mlp_adam_reaches_sklearn_accuracy():
    from sklearn.datasets import load_iris

    X, y = load_iris(return_X_y=True)
    X = (X - X.mean(0)) / X.std(0)
    kw = dict(hidden_layer_sizes=(10,), max_iter=300, learning_rate_init=0.01, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours, theirs = MLPClassifier(**kw).fit(X, y), sk.MLPClassifier(**kw).fit(X, y)
    # Adam's epsilon placement differs (Alg. 1 vs scikit-learn's eps-hat form):
    # trajectories differ slightly, training accuracy should not (iris is easy).
    assert ours.score(X, y) >= theirs.score(X, y) - 0.02


def test_lbfgs_solves_a_convex_quadratic():
    from scratchml.neural_network._lbfgs import lbfgs

    rng = np.random.RandomState(0)
    M = rng.normal(size=(12, 12))
    A = M @ M.T + 12 * np.eye(12)
    b = rng.normal(size=12)
    x, f, n_iter, _, converged = lbfgs(lambda x: (0.5 * x @ A @ x - b @ x, A @ x - b), np.zeros(12),
                                       max_iter=200, gtol=1e-7, ftol=0.0)
    # max|g| <= 1e-7 and lambda_min(A) >= 12: |x - x*|_2 <= |g|_2 / 12 < 1e-7 * sqrt(12) / 12 ~ 3e-8.
    # (A tighter gtol is out of reach of any f-based line search: the decrease
    # in f then drowns in rounding of f itself.)
    assert converged
    np.testing.assert_allclose(x, np.linalg.solve(A, b), atol=3e-8)


def test_mlp_lbfgs_reaches_sklearn_objective():
    from sklearn.datasets import load_iris

    X, y = load_iris(return_X_y=True)
    X = (X - X.mean(0)) / X.std(0)
    kw = dict(solver="lbfgs", hidden_layer_sizes=(6,), alpha=1e-2, max_iter=500, tol=1e-6, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours, theirs = MLPClassifier(**kw).fit(X, y), sk.MLPClassifier(**kw).fit(X, y)
    # Different L-BFGS implementations (line searches, stopping rules) from the
    # same initial weights: objective-level agreement, not weight-level. The
    # alpha = 1e-2 penalty keeps the minimum well defined; 10% covers landing
    # in a slightly different point of the same basin.
    assert ours.loss_ <= 1.1 * theirs.loss_ + 1e-3
    assert ours.score(X, y) >= theirs.score(X, y) - 0.02
    assert not hasattr(ours, "loss_curve_")
    assert not hasattr(ours, "partial_fit")
