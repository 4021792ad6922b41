"""StandardScaler, MinMaxScaler, RobustScaler, Normalizer against scikit-learn."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn import preprocessing as sk

from scratchml import preprocessing as sm
from scratchml.preprocessing._robust_scaler import normal_ppf

# Closed forms computed with the same float64 operations as scikit-learn:
# agreement to 1e-12 (a few ulps of order-one numbers) is the right bar.
TOL = 1e-12


def _data(rng, n=60):
    # different scales and offsets, one constant column, one NaN
    X = rng.normal(size=(n, 5)) * [1.0, 10.0, 1e-3, 0.0, 2.0] + [0.0, 5.0, 1e6, 3.0, -1.0]
    X[4, 1] = np.nan
    return X


@pytest.mark.parametrize("with_mean", [True, False])
@pytest.mark.parametrize("with_std", [True, False])
def test_standard_scaler_matches_sklearn(rng, with_mean, with_std):
    X = _data(rng)
    a = sm.StandardScaler(with_mean=with_mean, with_std=with_std).fit(X)
    b = sk.StandardScaler(with_mean=with_mean, with_std=with_std).fit(X)
    for attr in ("mean_", "var_", "scale_", "n_samples_seen_"):
        va, vb = getattr(a, attr), getattr(b, attr)
        if vb is None:
            assert va is None, attr
        else:
            np.testing.assert_allclose(va, vb, rtol=TOL, atol=0, err_msg=attr)
    np.testing.assert_allclose(a.transform(X), b.transform(X), rtol=TOL, atol=TOL)
    np.testing.assert_allclose(a.inverse_transform(a.transform(X)), X, rtol=1e-12, atol=1e-9)


def test_standard_scaler_constant_column_left_unscaled(rng):
    X = _data(rng)
    scaler = sm.StandardScaler().fit(X)
    assert scaler.scale_[3] == 1.0
    np.testing.assert_array_equal(scaler.transform(X)[:, 3], 0.0)


def test_standard_scaler_partial_fit_matches_sklearn_stream(rng):
    X = _data(rng, n=101)
    a, b = sm.StandardScaler(), sk.StandardScaler()
    for start in range(0, 101, 13):
        a.partial_fit(X[start:start + 13])
        b.partial_fit(X[start:start + 13])
    np.testing.assert_allclose(a.mean_, b.mean_, rtol=TOL)
    np.testing.assert_allclose(a.var_, b.var_, rtol=TOL)
    np.testing.assert_array_equal(a.n_samples_seen_, b.n_samples_seen_)
    # invariant: batches give the one-shot statistics up to rounding. For the
    # column with mean 1e6 and std 1e-3 the rounding of a merge is about
    # eps * |mean| * std ~ 2e-13 in absolute terms, hence atol=1e-12.
    full = sm.StandardScaler().fit(X)
    np.testing.assert_allclose(a.mean_, full.mean_, rtol=1e-12)
    np.testing.assert_allclose(a.var_, full.var_, rtol=1e-12, atol=1e-12)


def test_standard_scaler_sample_weight_matches_sklearn(rng):
    X = _data(rng)
    w = rng.random(X.shape[0])
    a = sm.StandardScaler().fit(X, sample_weight=w)
    b = sk.StandardScaler().fit(X, sample_weight=w)
    np.testing.assert_allclose(a.var_, b.var_, rtol=TOL)
    np.testing.assert_allclose(a.n_samples_seen_, b.n_samples_seen_, rtol=TOL)


def test_standard_scaler_keeps_float32(rng):
    X = rng.normal(size=(10, 2)).astype(np.float32)
    assert sm.StandardScaler().fit_transform(X).dtype == np.float32


@pytest.mark.parametrize("feature_range", [(0, 1), (-3, 2.5)])
@pytest.mark.parametrize("clip", [False, True])
def test_min_max_scaler_matches_sklearn(rng, feature_range, clip):
    X = _data(rng)
    X_new = rng.normal(size=(7, 5)) * 30
    a = sm.MinMaxScaler(feature_range=feature_range, clip=clip).fit(X)
    b = sk.MinMaxScaler(feature_range=feature_range, clip=clip).fit(X)
    for attr in ("min_", "scale_", "data_min_", "data_max_", "data_range_"):
        np.testing.assert_allclose(getattr(a, attr), getattr(b, attr), rtol=TOL, err_msg=attr)
    np.testing.assert_allclose(a.transform(X_new), b.transform(X_new), rtol=TOL, atol=TOL)
    if not clip:
        np.testing.assert_allclose(a.inverse_transform(a.transform(X)), X, rtol=1e-12, atol=1e-9)


def test_min_max_scaler_partial_fit_equals_fit(rng):
    X = _data(rng)
    a = sm.MinMaxScaler().partial_fit(X[:20]).partial_fit(X[20:])
    b = sk.MinMaxScaler().partial_fit(X[:20]).partial_fit(X[20:])
    np.testing.assert_array_equal(a.data_min_, b.data_min_)
    np.testing.assert_array_equal(a.data_max_, b.data_max_)
    assert a.n_samples_seen_ == b.n_samples_seen_ == X.shape[0]


def test_min_max_scaler_bad_range_raises():
    with pytest.raises(ValueError, match="Minimum of desired feature range"):
        sm.MinMaxScaler(feature_range=(1, 0)).fit([[0.0], [1.0]])


@pytest.mark.parametrize(
    "params",
    [{}, {"quantile_range": (10.0, 90.0)}, {"unit_variance": True},
     {"with_centering": False}, {"with_scaling": False}],
)
def test_robust_scaler_matches_sklearn(rng, params):
    X = _data(rng)
    a = sm.RobustScaler(**params).fit(X)
    b = sk.RobustScaler(**params).fit(X)
    np.testing.assert_allclose(a.transform(X), b.transform(X), rtol=TOL, atol=TOL)
    np.testing.assert_allclose(a.inverse_transform(a.transform(X)), X, rtol=1e-12, atol=1e-9)


def test_robust_scaler_bad_quantile_range_raises():
    with pytest.raises(ValueError, match="Invalid quantile range"):
        sm.RobustScaler(quantile_range=(80.0, 20.0)).fit([[0.0], [1.0]])


def test_normal_ppf_matches_scipy():
    from scipy.stats import norm

    p = np.array([1e-12, 1e-3, 0.02, 0.25, 0.5, 0.75, 0.975, 0.999, 1 - 1e-12])
    # Acklam + two Halley steps reaches double precision (a few ulps)
    np.testing.assert_allclose([normal_ppf(v) for v in p], norm.ppf(p), rtol=1e-14, atol=1e-15)


@pytest.mark.parametrize("norm", ["l1", "l2", "max"])
def test_normalizer_matches_sklearn(rng, norm):
    X = rng.normal(size=(20, 4))
    X[3] = 0.0  # a zero row stays zero
    np.testing.assert_allclose(
        sm.Normalizer(norm=norm).fit_transform(X),
        sk.Normalizer(norm=norm).fit_transform(X), rtol=TOL, atol=TOL,
    )
    assert np.all(sm.Normalizer(norm=norm).fit_transform(X)[3] == 0)


def test_scalers_feature_names_out_follow_dataframe_columns():
    import pandas as pd

    df = pd.DataFrame({"a": [1.0, 2.0, 4.0], "b": [0.0, 1.0, 5.0]})
    for est in (sm.StandardScaler(), sm.MinMaxScaler(), sm.RobustScaler(), sm.Normalizer()):
        assert list(est.fit(df).get_feature_names_out()) == ["a", "b"]
    assert list(sm.StandardScaler().fit(df.to_numpy()).get_feature_names_out()) == ["x0", "x1"]

_finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


@given(X=arrays(np.float64, st.tuples(st.integers(2, 12), st.integers(1, 4)), elements=_finite),
       cut=st.integers(1, 11))
def test_scalers_round_trip_and_stream_like_sklearn(X, cut):
    cut = min(cut, X.shape[0] - 1)
    for a in (sm.StandardScaler(), sm.MinMaxScaler(), sm.RobustScaler()):
        a.fit(X)
        # inverse_transform(transform(X)) == X up to rounding relative to the column scale
        scale = np.maximum(np.abs(X).max(axis=0), 1.0)
        np.testing.assert_allclose(a.inverse_transform(a.transform(X)) / scale, X / scale,
                                   rtol=0, atol=1e-9)
    a = sm.StandardScaler().partial_fit(X[:cut]).partial_fit(X[cut:])
    b = sk.StandardScaler().partial_fit(X[:cut]).partial_fit(X[cut:])
    # same Chan et al. merge in the same float64 order as scikit-learn
    np.testing.assert_allclose(a.mean_, b.mean_, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(a.var_, b.var_, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(a.scale_ == 1.0, b.scale_ == 1.0)
