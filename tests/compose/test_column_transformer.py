"""ColumnTransformer against scikit-learn: column selection, remainder, names."""

import numpy as np
import pandas as pd
import pytest
from sklearn import compose as skc
from sklearn import preprocessing as skp

from scratchml import compose as smc
from scratchml import preprocessing as smp
from scratchml.pipeline import make_pipeline

# every case composes closed-form scalers: equal up to a few ulps
TOL = 1e-12


@pytest.fixture
def X(rng):
    return rng.normal(size=(30, 5)) * [1.0, 3.0, 0.5, 2.0, 7.0] + [0.0, 1.0, 2.0, 3.0, 4.0]


@pytest.fixture
def df(X):
    return pd.DataFrame(X, columns=list("abcde"))


def _as_column(x):
    assert np.ndim(x) == 1  # a scalar column key hands the transformer a 1-D column
    return np.reshape(x, (-1, 1))


def _pair(spec_sm, spec_sk, **kw):
    return smc.ColumnTransformer(spec_sm, **kw), skc.ColumnTransformer(spec_sk, **kw)


@pytest.mark.parametrize(
    "cols",
    [[0, 2], 1, slice(1, 4), np.array([True, False, True, False, False]), [-1],
     lambda X: [0, 3]],
)
@pytest.mark.parametrize("remainder", ["drop", "passthrough", "scaler"])
def test_column_transformer_matches_sklearn_on_arrays(X, cols, remainder):
    rem_sm = smp.MinMaxScaler() if remainder == "scaler" else remainder
    rem_sk = skp.MinMaxScaler() if remainder == "scaler" else remainder
    if isinstance(cols, int):  # scalar key: a 1-D column goes to the transformer
        a, b = _pair([("f", smp.FunctionTransformer(_as_column), cols)],
                     [("f", skp.FunctionTransformer(_as_column), cols)], remainder=rem_sm)
        b.set_params(remainder=rem_sk)
        np.testing.assert_allclose(a.fit_transform(X), b.fit_transform(X), rtol=TOL)
        return
    a, b = _pair([("s", smp.StandardScaler(), cols)], [("s", skp.StandardScaler(), cols)],
                 remainder=rem_sm)
    b.set_params(remainder=rem_sk)
    np.testing.assert_allclose(a.fit_transform(X), b.fit_transform(X), rtol=TOL, atol=TOL)
    np.testing.assert_allclose(a.transform(X[:7]), b.transform(X[:7]), rtol=TOL, atol=TOL)
    np.testing.assert_array_equal(a.get_feature_names_out(), b.get_feature_names_out())
    assert a.output_indices_ == b.output_indices_


def test_column_transformer_dataframe_names_and_label_slices(df):
    a, b = _pair(
        [("num", smp.StandardScaler(), ["a", "c"]), ("mm", smp.MinMaxScaler(), slice("d", "e")),
         ("gone", "drop", "b")],
        [("num", skp.StandardScaler(), ["a", "c"]), ("mm", skp.MinMaxScaler(), slice("d", "e")),
         ("gone", "drop", "b")],
    )
    np.testing.assert_allclose(a.fit_transform(df), b.fit_transform(df), rtol=TOL, atol=TOL)
    np.testing.assert_array_equal(a.get_feature_names_out(), b.get_feature_names_out())
    np.testing.assert_array_equal(a.feature_names_in_, list("abcde"))
    assert set(a.named_transformers_) == {"num", "mm", "gone"}
    assert a.named_transformers_.num.mean_.shape == (2,)


def test_column_transformer_mixed_table_through_one_pipeline():
    table = pd.DataFrame({"age": [20.0, 30.0, 40.0, 50.0], "city": ["x", "y", "x", "z"]})
    ct = smc.make_column_transformer(
        (smp.StandardScaler(), smc.make_column_selector(dtype_include="number")),
        remainder="passthrough", verbose_feature_names_out=False,
    )
    out = ct.fit_transform(table)
    assert out.dtype == object and out.shape == (4, 2)
    np.testing.assert_allclose(out[:, 0].astype(float), smp.StandardScaler().fit_transform(table[["age"]]).ravel())
    assert list(out[:, 1]) == ["x", "y", "x", "z"]
    assert list(ct.get_feature_names_out()) == ["age", "city"]


def test_column_transformer_weights_and_params(X):
    ct = smc.ColumnTransformer([("s", smp.StandardScaler(), [0]), ("m", smp.MinMaxScaler(), [1])],
                               transformer_weights={"m": 3.0})
    out = ct.fit_transform(X)
    np.testing.assert_allclose(out[:, 1], 3 * smp.MinMaxScaler().fit_transform(X[:, [1]]).ravel())
    ct.set_params(s__with_mean=False, m="drop")
    assert ct.transformers[0][1].with_mean is False and ct.transformers[1][1] == "drop"
    assert ct.fit_transform(X).shape == (30, 1)
    assert "s__with_std" in ct.get_params()


def test_column_transformer_does_not_modify_its_transformers(X):
    scaler = smp.StandardScaler()
    ct = smc.ColumnTransformer([("s", scaler, [0, 1])]).fit(X)
    assert not hasattr(scaler, "mean_") and ct.transformers_[0][1] is not scaler


def test_column_transformer_errors(X, df):
    with pytest.raises(ValueError, match="only supported for dataframes"):
        smc.ColumnTransformer([("s", smp.StandardScaler(), ["a"])]).fit(X)
    with pytest.raises(ValueError, match="not a column"):
        smc.ColumnTransformer([("s", smp.StandardScaler(), ["zz"])]).fit(df)
    with pytest.raises(ValueError, match="not unique"):
        smc.ColumnTransformer([("s", smp.StandardScaler(), [0]), ("s", "drop", [1])]).fit(X)
    with pytest.raises(ValueError, match="features, but ColumnTransformer is expecting"):
        smc.ColumnTransformer([("s", smp.StandardScaler(), [0])]).fit(X).transform(X[:, :3])
    ct = smc.ColumnTransformer([("s", smp.StandardScaler(), [0]), ("t", smp.StandardScaler(), [0])],
                               verbose_feature_names_out=False).fit(X)
    with pytest.raises(ValueError, match="are not unique"):
        ct.get_feature_names_out()


def test_column_transformer_in_pipeline_matches_sklearn(df):
    from sklearn.pipeline import make_pipeline as sk_make_pipeline

    a = make_pipeline(smc.ColumnTransformer([("s", smp.StandardScaler(), ["a", "b"])],
                                            remainder="passthrough"), smp.PolynomialFeatures(2))
    b = sk_make_pipeline(skc.ColumnTransformer([("s", skp.StandardScaler(), ["a", "b"])],
                                               remainder="passthrough"), skp.PolynomialFeatures(2))
    np.testing.assert_allclose(a.fit_transform(df), b.fit_transform(df), rtol=TOL, atol=TOL)
    np.testing.assert_array_equal(a.get_feature_names_out(), b.get_feature_names_out())


def test_mixed_table_pipeline_matches_sklearn():
    from sklearn import impute as ski
    from sklearn.pipeline import make_pipeline as sk_make_pipeline

    from scratchml import impute as smi

    rng = np.random.default_rng(3)
    n = 60
    table = pd.DataFrame({
        "age": rng.normal(40, 10, n),
        "income": rng.lognormal(10, 1, n),
        "city": rng.choice(["paris", "rome", "oslo", "lima"], n, p=[0.5, 0.3, 0.15, 0.05]),
        "plan": rng.choice(["a", "b"], n),
    })
    table.loc[rng.random(n) < 0.1, "age"] = np.nan
    num, cat = ["age", "income"], ["city", "plan"]
    a = smc.make_column_transformer(
        (make_pipeline(smi.SimpleImputer(strategy="median"), smp.StandardScaler()), num),
        (smp.OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=5), cat),
    )
    b = skc.make_column_transformer(
        (sk_make_pipeline(ski.SimpleImputer(strategy="median"), skp.StandardScaler()), num),
        (skp.OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=5,
                           sparse_output=False), cat),
    )
    np.testing.assert_allclose(a.fit_transform(table), b.fit_transform(table), rtol=TOL, atol=TOL)
    np.testing.assert_array_equal(a.get_feature_names_out(), b.get_feature_names_out())
    new = table.iloc[:5].copy()
    new.loc[new.index[0], "city"] = "tokyo"  # unknown: goes to the infrequent column
    np.testing.assert_allclose(a.transform(new), b.transform(new), rtol=TOL, atol=TOL)
