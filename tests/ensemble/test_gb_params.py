"""Gradient boosting's ``warm_start`` and ``init`` against scikit-learn, plus invariants."""

import numpy as np
import pytest
from sklearn import datasets
from sklearn import dummy as sk_dummy
from sklearn import ensemble as sk

from scratchml.dummy import DummyClassifier, DummyRegressor
from scratchml.ensemble import GradientBoostingClassifier, GradientBoostingRegressor
from scratchml.linear_model import LinearRegression, LogisticRegression
from scratchml.neighbors import KNeighborsRegressor


def _load(name):
    return getattr(datasets, f"load_{name}")(return_X_y=True)


def _weights(n):
    # continuous random weights break the tied split gains of two-valued
    # residuals (see tests/ensemble/test_boosting.py)
    return np.random.default_rng(0).uniform(0.5, 1.5, n)


def _synthetic(n_classes=None):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 4))
    y = X[:, 0] + np.sin(2 * X[:, 1]) + 0.5 * rng.normal(size=300)
    if n_classes is not None:
        y = np.digitize(y, np.quantile(y, np.linspace(0, 1, n_classes + 1)[1:-1]))
    return X, y, rng.uniform(0.5, 1.5, 300)


def _raw(est, X):
    return est.decision_function(X) if hasattr(est, "decision_function") else est.predict(X)


def _warm(est, X, y, w, n_first, n_total):
    est.set_params(warm_start=True, n_estimators=n_first).fit(X, y, w)
    return est.set_params(n_estimators=n_total).fit(X, y, w)


@pytest.mark.parametrize("name", ["diabetes", "breast_cancer", "iris"])
def test_gradient_boosting_warm_start_equals_one_fit_and_sklearn(name):
    # Deterministic stages (subsample=1): resuming after 25 stages redoes
    # nothing and continues from the same raw predictions F_25, so the model
    # is bit-identical to one fit of 50 stages. scikit-learn's warm start does
    # the same; with tie-free stages (weights for classification, continuous
    # residuals for regression) both are the same arithmetic: 1e-9 covers the
    # accumulated rounding (~1e-15 observed).
    X, y = _load(name)
    reg = name == "diabetes"
    ours, theirs = ((GradientBoostingRegressor, sk.GradientBoostingRegressor) if reg
                    else (GradientBoostingClassifier, sk.GradientBoostingClassifier))
    w = None if reg else _weights(len(y))
    a = _warm(ours(random_state=0), X, y, w, 25, 50)
    b = ours(n_estimators=50, random_state=0).fit(X, y, w)
    ref = _warm(theirs(random_state=0), X, y, w, 25, 50)
    np.testing.assert_array_equal(_raw(a, X), _raw(b, X))
    np.testing.assert_array_equal(a.train_score_, b.train_score_)
    assert a.estimators_.shape[0] == a.n_estimators_ == 50
    np.testing.assert_allclose(_raw(a, X), _raw(ref, X), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(a.train_score_, ref.train_score_, rtol=1e-9)


@pytest.mark.parametrize("n_classes", [None, 2, 3])
def test_gradient_boosting_warm_start_subsample_same_stream_as_sklearn(n_classes):
    # The generator is kept between fits, so the second fit draws the masks
    # (and tree seeds) that stages 26..50 of one fit would draw: identical to
    # one fit. Our masks are scikit-learn's for the same draws, and on this
    # continuous data with min_samples_leaf=5 no in-bag split gains tie, so the
    # warm-started models are scikit-learn's up to rounding (1e-9, ~1e-15 seen),
    # out-of-bag scores included.
    X, y, w = _synthetic(n_classes)
    kw = {"subsample": 0.5, "min_samples_leaf": 5, "random_state": 0}
    ours, theirs = ((GradientBoostingRegressor, sk.GradientBoostingRegressor) if n_classes is None
                    else (GradientBoostingClassifier, sk.GradientBoostingClassifier))
    a = _warm(ours(**kw), X, y, w, 25, 50)
    b = ours(n_estimators=50, **kw).fit(X, y, w)
    ref = _warm(theirs(**kw), X, y, w, 25, 50)
    np.testing.assert_array_equal(_raw(a, X), _raw(b, X))
    np.testing.assert_array_equal(a.oob_scores_, b.oob_scores_)
    np.testing.assert_allclose(_raw(a, X), _raw(ref, X), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(a.oob_scores_, ref.oob_scores_, rtol=1e-9)
    np.testing.assert_allclose(a.oob_improvement_, ref.oob_improvement_, rtol=1e-9, atol=1e-12)
    assert a.oob_score_ == a.oob_scores_[-1]


def test_gradient_boosting_warm_start_errors_and_no_op():
    X, y = _load("diabetes")
    est = GradientBoostingRegressor(n_estimators=10, warm_start=True).fit(X, y)
    ref = sk.GradientBoostingRegressor(n_estimators=10, warm_start=True).fit(X, y)
    before = est.predict(X)
    est.fit(X, y)  # same n_estimators: nothing to add
    np.testing.assert_array_equal(est.predict(X), before)
    # scikit-learn reports n_estimators_=11 here (an off-by-one); we report 10
    assert est.n_estimators_ == est.estimators_.shape[0] == 10
    msg = "n_estimators=5 must be larger or equal to estimators_.shape[0]=10 when warm_start==True"
    with pytest.raises(ValueError, match=msg.replace("[", r"\[").replace("]", r"\]")):
        est.set_params(n_estimators=5).fit(X, y)
    with pytest.raises(ValueError, match=msg.replace("[", r"\[").replace("]", r"\]")):
        ref.set_params(n_estimators=5).fit(X, y)  # the same message as scikit-learn
    with pytest.raises(ValueError, match="warm_start=True needs the same features"):
        est.set_params(n_estimators=20).fit(X[:, :3], y)
    # warm_start=False forgets the stages: a refit equals a fresh model
    est = GradientBoostingRegressor(n_estimators=10, random_state=0, warm_start=True).fit(X, y)
    est.set_params(warm_start=False, n_estimators=5).fit(X, y)
    fresh = GradientBoostingRegressor(n_estimators=5, random_state=0).fit(X, y)
    np.testing.assert_array_equal(est.predict(X), fresh.predict(X))
    Xi, yi = _load("iris")
    clf = GradientBoostingClassifier(n_estimators=3, warm_start=True).fit(Xi, yi)
    with pytest.raises(ValueError, match="fitted with classes"):
        clf.set_params(n_estimators=6).fit(Xi[yi > 0], yi[yi > 0])


@pytest.mark.parametrize("loss", ["squared_error", "huber", "quantile"])
@pytest.mark.parametrize("init", ["zero", "linear", "dummy"])
def test_gradient_boosting_regressor_init_matches_sklearn(loss, init):
    # scikit-learn is given the same (scratchml) init estimator, so both start
    # from the same F_0(x) and every later stage is the same arithmetic: 1e-9
    # covers the rounding (~1e-16 seen). Weighted data keeps the pinball
    # residuals tie-free. The pinball residuals take two values, so nodes
    # become pure; whether a pure node's rounding-noise variance (1e-16) still
    # allows a split differs from scikit-learn's tree after ~10 stages (a tree
    # matter, see test_boosting.py, not init's): the quantile loss is compared
    # over its first 8 stages. absolute_error has the same noise sooner.
    X, y = _load("diabetes")
    w = _weights(len(y))
    ours_init = {"zero": "zero", "linear": LinearRegression(),
                 "dummy": DummyRegressor(strategy="median")}[init]
    theirs_init = {"zero": "zero", "linear": LinearRegression(),
                   "dummy": DummyRegressor(strategy="median")}[init]
    kw = {"loss": loss, "n_estimators": 8 if loss == "quantile" else 30, "random_state": 0}
    a = GradientBoostingRegressor(init=ours_init, **kw).fit(X, y, w)
    b = sk.GradientBoostingRegressor(init=theirs_init, **kw).fit(X, y, w)
    np.testing.assert_allclose(a.predict(X), b.predict(X), rtol=1e-9)
    np.testing.assert_allclose(a.train_score_, b.train_score_, rtol=1e-9)
    assert ours_init == "zero" or not hasattr(ours_init, "n_features_in_")  # cloned, not fitted
    if init == "zero":
        assert a.init_ == "zero"
        np.testing.assert_allclose(next(a.staged_predict(X[:3])),
                                   0.1 * a.estimators_[0, 0].predict(X[:3]))


def test_gradient_boosting_regressor_init_with_sklearns_linear_model():
    # With scikit-learn's own LinearRegression as its init: scikit-learn fits
    # it on float32 X in float32 arithmetic (ours solves in float64), so F_0
    # differs by float32 rounding, ~1e-7 relative, and the trees fitted to the
    # residuals inherit that: rtol 1e-5 is float32 precision with a margin.
    from sklearn.linear_model import LinearRegression as SkLinearRegression

    X, y = _load("diabetes")
    a = GradientBoostingRegressor(init=LinearRegression(), n_estimators=30,
                                  random_state=0).fit(X, y)
    b = sk.GradientBoostingRegressor(init=SkLinearRegression(), n_estimators=30,
                                     random_state=0).fit(X, y)
    np.testing.assert_allclose(a.predict(X), b.predict(X), rtol=1e-5)
    # and the init helps: it starts from the linear fit, not the mean
    first = next(a.staged_predict(X))
    assert np.mean((first - y) ** 2) < np.mean((y - y.mean()) ** 2)


@pytest.mark.parametrize("name, loss", [("breast_cancer", "log_loss"),
                                        ("breast_cancer", "exponential"),
                                        ("iris", "log_loss")])
@pytest.mark.parametrize("init", ["zero", "dummy", "logistic"])
def test_gradient_boosting_classifier_init_matches_sklearn(name, loss, init):
    # predict_proba of the init estimator -> clip to [eps, 1 - eps] -> the
    # loss's link (logit, half logit, symmetric multinomial logit) gives F_0.
    # scikit-learn gets the same scratchml init estimator: same F_0, then the
    # same tie-free weighted stages, so 1e-9 covers the rounding (~1e-14 seen).
    X, y = _load(name)
    w = _weights(len(y))

    def make():
        return {"zero": "zero", "dummy": DummyClassifier(strategy="prior"),
                "logistic": LogisticRegression(max_iter=1000)}[init]

    kw = {"loss": loss, "n_estimators": 30, "random_state": 0}
    a = GradientBoostingClassifier(init=make(), **kw).fit(X, y, w)
    b = sk.GradientBoostingClassifier(init=make(), **kw).fit(X, y, w)
    np.testing.assert_allclose(a.decision_function(X), b.decision_function(X), rtol=1e-9,
                               atol=1e-12)
    np.testing.assert_allclose(a.predict_proba(X), b.predict_proba(X), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(a.train_score_, b.train_score_, rtol=1e-9)
    np.testing.assert_allclose(np.sum(a.predict_proba(X), axis=1), 1.0)


def test_gradient_boosting_classifier_init_with_sklearns_dummy():
    # scikit-learn's DummyClassifier casts the weights to X's float32, so its
    # priors carry float32 rounding (~1e-8 relative, 2e-9 on F_0 here); ours
    # are float64. The stages add no new difference: atol 1e-7 on the raw scores.
    X, y = _load("breast_cancer")
    w = _weights(len(y))
    a = GradientBoostingClassifier(init=DummyClassifier(), n_estimators=20,
                                   random_state=0).fit(X, y, w)
    b = sk.GradientBoostingClassifier(init=sk_dummy.DummyClassifier(), n_estimators=20,
                                      random_state=0).fit(X, y, w)
    np.testing.assert_allclose(a.decision_function(X), b.decision_function(X), atol=1e-7)


def test_gradient_boosting_init_errors_and_warm_start_keeps_init():
    X, y = _load("diabetes")
    msg = "The initial estimator KNeighborsRegressor does not support sample weights."
    with pytest.raises(ValueError, match=msg):
        GradientBoostingRegressor(init=KNeighborsRegressor()).fit(X, y, np.ones(len(y)))
    # without weights it is fine (scikit-learn calls fit(X, y) then too)
    GradientBoostingRegressor(init=KNeighborsRegressor(), n_estimators=2).fit(X, y)
    with pytest.raises(ValueError, match="init"):
        GradientBoostingRegressor(init="one").fit(X, y)
    with pytest.raises(ValueError, match="init"):
        GradientBoostingClassifier(init=LinearRegression()).fit(X, y > 150)  # no predict_proba
    # a warm start does not refit init: the same init_ object before and after
    est = GradientBoostingRegressor(init=LinearRegression(), n_estimators=5,
                                    warm_start=True).fit(X, y)
    first_init = est.init_
    est.set_params(n_estimators=10).fit(X, y)
    assert est.init_ is first_init and est.estimators_.shape[0] == 10


def test_gradient_boosting_warm_start_after_early_stopping_continues():
    # Early stopping halts the first fit; a warm start resumes from the
    # current model (its validation loss included) and every per-stage array
    # stays aligned with the stages. scikit-learn is not the oracle here: it
    # restarts its validation predictions from the first stage (see Notes).
    X, y = _load("diabetes")
    est = GradientBoostingRegressor(n_estimators=300, n_iter_no_change=3, learning_rate=0.3,
                                    random_state=0, warm_start=True).fit(X, y)
    first = est.n_estimators_
    assert first < 300
    # the same validation split; a fresh patience window of 3 stages
    est.set_params(n_estimators=400).fit(X, y)
    assert first + 3 <= est.n_estimators_ < 400
    assert est.estimators_.shape[0] == est.train_score_.shape[0] == est.n_estimators_
    # the stages kept are the first fit's: its staged predictions are a prefix
    fresh = GradientBoostingRegressor(n_estimators=300, n_iter_no_change=3, learning_rate=0.3,
                                      random_state=0).fit(X, y)
    np.testing.assert_array_equal(list(est.staged_predict(X[:5]))[first - 1],
                                  fresh.predict(X[:5]))
