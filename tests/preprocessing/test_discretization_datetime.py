"""KBinsDiscretizer against scikit-learn; DateTimeFeatures against pandas' .dt accessors."""

import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn import preprocessing as sk

from scratchml import preprocessing as sm
from scratchml.preprocessing._datetime import calendar_features


@pytest.fixture
def X(rng):
    X = rng.normal(size=(150, 3))
    X[:, 2] = np.round(X[:, 2])  # many ties: quantile edges merge
    return X


@pytest.mark.parametrize("strategy", ["uniform", "quantile", "kmeans"])
@pytest.mark.parametrize("encode", ["ordinal", "onehot-dense"])
def test_kbins_discretizer_matches_sklearn(X, strategy, encode):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # narrow bins removed (both libraries)
        a = sm.KBinsDiscretizer(n_bins=[3, 5, 4], strategy=strategy, encode=encode).fit(X)
        b = sk.KBinsDiscretizer(n_bins=[3, 5, 4], strategy=strategy, encode=encode).fit(X)
    np.testing.assert_array_equal(a.n_bins_, b.n_bins_)
    # uniform/quantile: the same linspace/percentile calls, exact; kmeans: the
    # same deterministic Lloyd iterations from the same start, to rounding
    for ea, eb in zip(a.bin_edges_, b.bin_edges_):
        np.testing.assert_allclose(ea, eb, rtol=1e-12, atol=1e-12)
    X_new = np.random.default_rng(1).normal(size=(20, 3)) * 3  # beyond the training range too
    np.testing.assert_array_equal(a.transform(X_new), b.transform(X_new))
    np.testing.assert_allclose(a.inverse_transform(a.transform(X)),
                               b.inverse_transform(b.transform(X)), rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(a.get_feature_names_out(), b.get_feature_names_out())


def test_kbins_discretizer_quantile_bins_hold_equal_counts(rng):
    X = rng.normal(size=(400, 1))
    counts = np.bincount(
        sm.KBinsDiscretizer(4, encode="ordinal").fit_transform(X)[:, 0].astype(int)
    )
    np.testing.assert_array_equal(counts, [100, 100, 100, 100])


def test_kbins_discretizer_subsample_matches_sklearn(X):
    a = sm.KBinsDiscretizer(3, subsample=40, random_state=0).fit(X)
    b = sk.KBinsDiscretizer(3, subsample=40, random_state=0).fit(X)
    for ea, eb in zip(a.bin_edges_, b.bin_edges_):
        np.testing.assert_array_equal(ea, eb)


def test_kbins_discretizer_bad_n_bins(X):
    with pytest.raises(ValueError, match="invalid number of bins at indices 1"):
        sm.KBinsDiscretizer(n_bins=[3, 1, 4]).fit(X)


def test_datetime_features_match_pandas():
    t = pd.Series(pd.date_range("2023-12-29 21:17", periods=300, freq="7h13min"))
    t[5] = pd.NaT
    df = pd.DataFrame({"when": t, "other": t + pd.Timedelta(days=40)})
    feats = ["year", "month", "day_of_month", "day_of_week", "day_of_year", "hour", "minute",
             "is_weekend"]
    est = sm.DateTimeFeatures(features=feats).fit(df)
    out = est.transform(df)
    assert out.shape == (300, 16)
    for c, name in enumerate(["when", "other"]):
        s = df[name].dt
        expected = np.column_stack([s.year, s.month, s.day, s.dayofweek, s.dayofyear, s.hour,
                                    s.minute, s.dayofweek >= 5]).astype(float)
        expected[df[name].isna().to_numpy()] = np.nan
        np.testing.assert_array_equal(out[:, 8 * c:8 * (c + 1)], expected)
    assert est.get_feature_names_out()[:2].tolist() == ["when_year", "when_month"]


def test_datetime_features_inputs_agree():
    stamps = np.array(["1969-12-31T23:59:59", "2000-02-29T12:00", "2024-03-10T00:00"],
                      dtype="datetime64[ns]")
    base = sm.DateTimeFeatures().fit_transform(stamps.reshape(-1, 1))
    seconds = stamps.astype(np.int64) // 10**9
    np.testing.assert_array_equal(sm.DateTimeFeatures().fit_transform(seconds.reshape(-1, 1)), base)
    strings = np.array([[str(s)] for s in stamps], dtype=object)
    np.testing.assert_array_equal(sm.DateTimeFeatures().fit_transform(strings), base)
    # 1969-12-31 was a Wednesday (2), 2024-03-10 a Sunday (6, weekend)
    np.testing.assert_array_equal(base[:, 1], [2, 1, 6])
    np.testing.assert_array_equal(base[:, 4], [0, 0, 1])


def test_datetime_features_errors():
    with pytest.raises(ValueError, match="unknown"):
        sm.DateTimeFeatures(features=["weekday"]).fit(np.zeros((2, 1)))
    with pytest.raises(ValueError, match="must contain dates"):
        sm.DateTimeFeatures().fit(np.array([["not a date"]], dtype=object))


def test_calendar_features_day_of_week_cycles():
    t = np.arange(np.datetime64("2024-01-01"), np.datetime64("2024-01-15")).astype("datetime64[ns]")
    dow = calendar_features(t, ["day_of_week"])[:, 0]
    np.testing.assert_array_equal(dow, np.tile(np.arange(7), 2))  # 2024-01-01 was a Monday
