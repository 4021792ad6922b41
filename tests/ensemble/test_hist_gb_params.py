"""Histogram boosting's pinball (quantile) loss and ``warm_start`` against scikit-learn."""

import numpy as np
import pytest
from sklearn import datasets as skd
from sklearn import ensemble as ske

from scratchml.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from scratchml.utils._param_validation import InvalidParameterError

# Training-loss curves recorded with early stopping on the training data and
# a patience longer than the run (as in test_hist_gradient_boosting.py).
CURVE = dict(early_stopping=True, validation_fraction=None, n_iter_no_change=1000,
             max_iter=20, max_leaf_nodes=4)


def _with_nan(X, rate=0.2, seed=0):
    X = X.copy()
    X[np.random.default_rng(seed).random(X.shape) < rate] = np.nan
    return X


@pytest.mark.parametrize("q", [0.1, 0.5, 0.8])
def test_hist_gradient_boosting_quantile_matches_sklearn(q):
    # Same bins; the gradients -q / 1 - q are the same float32 numbers and the
    # Hessians are constant, so the trees are the same (as for absolute_error);
    # the baseline (np.percentile of y) and each leaf's refit (np.percentile of
    # its residuals) are the same computation: identical up to the order of the
    # final loss reduction (~1e-16 relative; exact equality is observed).
    X, y = skd.load_diabetes(return_X_y=True)
    X = _with_nan(X)
    ours = HistGradientBoostingRegressor(loss="quantile", quantile=q, **CURVE).fit(X, y)
    ref = ske.HistGradientBoostingRegressor(loss="quantile", quantile=q, **CURVE).fit(X, y)
    assert ours._baseline_prediction[0] == ref._baseline_prediction.item()
    np.testing.assert_allclose(ours.train_score_, ref.train_score_, rtol=1e-12)
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("q", [0.2, 0.9])
def test_hist_gradient_boosting_quantile_weighted_matches_sklearn(q):
    # <= 255 distinct values per feature, so scikit-learn's weighted binning
    # gives the same bins as ours; weights multiply g and h in float64 before
    # the float32 rounding, and baseline and leaves use the weighted inverted
    # CDF (the weighted_quantile tested against scikit-learn's
    # _weighted_percentile in test_boosting.py): the same trees, 1e-12.
    rng = np.random.default_rng(0)
    X = np.round(rng.normal(size=(400, 3)), 1)
    y = X[:, 0] + rng.standard_t(3, size=400)
    sw = rng.uniform(0.5, 2.0, size=400)
    ours = HistGradientBoostingRegressor(loss="quantile", quantile=q, **CURVE)
    ref = ske.HistGradientBoostingRegressor(loss="quantile", quantile=q, **CURVE)
    ours.fit(X, y, sample_weight=sw)
    ref.fit(X, y, sample_weight=sw)
    np.testing.assert_allclose(ours.train_score_, ref.train_score_, rtol=1e-12)
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), rtol=1e-10, atol=1e-10)


def test_hist_gradient_boosting_quantile_covers_its_level():
    # The fitted q-quantile leaves about a share q of the training targets at
    # or below it (a leaf's refit puts exactly that share of its residuals
    # <= 0 before shrinkage); 0.05 allows for the learning-rate shrinkage
    # after 100 iterations on 1000 samples.
    rng = np.random.default_rng(0)
    X = rng.uniform(-2, 2, size=(1000, 2))
    y = X[:, 0] + (1 + np.abs(X[:, 1])) * rng.normal(size=1000)
    low = HistGradientBoostingRegressor(loss="quantile", quantile=0.1).fit(X, y).predict(X)
    high = HistGradientBoostingRegressor(loss="quantile", quantile=0.9).fit(X, y).predict(X)
    assert np.mean(y <= low) == pytest.approx(0.1, abs=0.05)
    assert np.mean(y <= high) == pytest.approx(0.9, abs=0.05)
    assert np.all(low < high)


def test_hist_gradient_boosting_quantile_errors_as_sklearn():
    X, y = skd.load_diabetes(return_X_y=True)
    for cls in (HistGradientBoostingRegressor, ske.HistGradientBoostingRegressor):
        with pytest.raises(TypeError, match="quantile must be an instance of float"):
            cls(loss="quantile").fit(X, y)
        with pytest.raises(ValueError, match="quantile == 0, must be > 0"):
            cls(loss="quantile", quantile=0).fit(X, y)
        with pytest.raises(ValueError, match="quantile == 1, must be < 1"):
            cls(loss="quantile", quantile=1).fit(X, y)
    with pytest.raises(InvalidParameterError, match="quantile"):
        HistGradientBoostingRegressor(loss="quantile", quantile=1.5).fit(X, y)
    # quantile is ignored by the other losses, as in scikit-learn
    HistGradientBoostingRegressor(quantile=0.3, max_iter=2).fit(X, y)


def _warm(est, X, y, first, total):
    est.set_params(warm_start=True, max_iter=first).fit(X, y)
    return est.set_params(max_iter=total).fit(X, y)


WARM_CASES = [
    ("diabetes", {}),
    ("diabetes", {"max_features": 0.5, "random_state": 0}),  # per-node feature draws
    ("diabetes", dict(CURVE, loss="absolute_error")),  # leaf refits, score history
    ("iris", {}),  # multinomial: 3 trees per iteration
    ("iris", {"max_features": 0.5, "random_state": 0}),
]


@pytest.mark.parametrize("name, params", WARM_CASES)
def test_hist_gradient_boosting_warm_start_equals_one_fit_and_sklearn(name, params):
    # A warm start keeps the baseline, the seeds (same bins) and the
    # feature-draw generator, and recomputes F on the binned training rows
    # with the trees it has: the same numbers as after those iterations of one
    # fit, so 20 + 20 iterations are bit-identical to one fit of 40.
    # scikit-learn's warm start does the same, and the trees are the same as
    # scikit-learn's (see test_hist_gradient_boosting.py): 1e-10 as there.
    X, y = getattr(skd, f"load_{name}")(return_X_y=True)
    if name == "diabetes":
        X = _with_nan(X)
        ours, theirs = HistGradientBoostingRegressor, ske.HistGradientBoostingRegressor
    else:
        ours, theirs = HistGradientBoostingClassifier, ske.HistGradientBoostingClassifier
    # small trees keep the test fast; the bookkeeping tested does not depend on size
    params = {"max_leaf_nodes": 8, **{k: v for k, v in params.items() if k != "max_iter"}}
    a = _warm(ours(**params), X, y, 20, 40)
    b = ours(**params, max_iter=40).fit(X, y)
    ref = _warm(theirs(**params), X, y, 20, 40)
    out = a.predict(X) if name == "diabetes" else a.predict_proba(X)
    expected = ref.predict(X) if name == "diabetes" else ref.predict_proba(X)
    np.testing.assert_array_equal(out, b.predict(X) if name == "diabetes" else b.predict_proba(X))
    np.testing.assert_array_equal(a.train_score_, b.train_score_)
    assert a.n_iter_ == ref.n_iter_ == 40
    np.testing.assert_allclose(out, expected, rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(a.train_score_, ref.train_score_, rtol=1e-12)


def test_hist_gradient_boosting_warm_start_after_early_stopping_as_sklearn():
    # Early stopping halts the first fit; the warm start keeps the score
    # history, adds one iteration and stops again when the look-back over the
    # whole history still shows no improvement, exactly as scikit-learn
    # (same validation split from the kept seed, same scores to 1e-12).
    X, y = skd.load_diabetes(return_X_y=True)
    params = {"early_stopping": True, "n_iter_no_change": 3, "random_state": 0}
    a = _warm(HistGradientBoostingRegressor(**params), X, y, 20, 40)
    ref = _warm(ske.HistGradientBoostingRegressor(**params), X, y, 20, 40)
    assert a.n_iter_ == ref.n_iter_ < 40
    np.testing.assert_allclose(a.validation_score_, ref.validation_score_, rtol=1e-12)
    np.testing.assert_allclose(a.predict(X), ref.predict(X), rtol=1e-10)


def test_hist_gradient_boosting_warm_start_errors_and_refit():
    X, y = skd.load_diabetes(return_X_y=True)
    est = HistGradientBoostingRegressor(max_iter=10, warm_start=True).fit(X, y)
    before = est.predict(X)
    est.fit(X, y)  # same max_iter: nothing to add
    np.testing.assert_array_equal(est.predict(X), before)
    assert est.n_iter_ == 10
    msg = "max_iter=5 must be larger than or equal to n_iter_=10 when warm_start==True"
    for model in (est, ske.HistGradientBoostingRegressor(max_iter=10, warm_start=True).fit(X, y)):
        with pytest.raises(ValueError, match=msg):  # scikit-learn's message
            model.set_params(max_iter=5).fit(X, y)
    with pytest.raises(ValueError, match="warm_start=True needs the same features"):
        est.set_params(max_iter=20).fit(X[:, :4], y)
    # warm_start=False forgets the trees: a refit equals a fresh model
    est.set_params(warm_start=False, max_iter=5).fit(X, y)
    fresh = HistGradientBoostingRegressor(max_iter=5).fit(X, y)
    np.testing.assert_array_equal(est.predict(X), fresh.predict(X))
    assert est.n_iter_ == 5
    Xi, yi = skd.load_iris(return_X_y=True)
    clf = HistGradientBoostingClassifier(max_iter=3, warm_start=True).fit(Xi, yi)
    with pytest.raises(ValueError, match="fitted with classes"):
        clf.set_params(max_iter=6).fit(Xi[yi > 0], yi[yi > 0])
