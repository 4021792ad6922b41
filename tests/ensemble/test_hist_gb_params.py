"""HistGradientBoostingRegressor's pinball (quantile) loss against scikit-learn."""

import numpy as np
import pytest
from sklearn import datasets as skd
from sklearn import ensemble as ske

from scratchml.ensemble import HistGradientBoostingRegressor
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
