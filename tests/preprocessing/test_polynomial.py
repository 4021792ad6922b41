"""PolynomialFeatures and FunctionTransformer against scikit-learn."""

import numpy as np
import pytest
from sklearn import preprocessing as sk

from scratchml import preprocessing as sm


@pytest.mark.parametrize(
    "params",
    [{}, {"degree": 3}, {"interaction_only": True, "degree": 3}, {"include_bias": False},
     {"degree": (2, 3)}, {"degree": (0, 2), "include_bias": False}, {"degree": 0}],
)
def test_polynomial_features_matches_sklearn(rng, params):
    X = rng.normal(size=(15, 3))
    a = sm.PolynomialFeatures(**params).fit(X)
    b = sk.PolynomialFeatures(**params).fit(X)
    np.testing.assert_array_equal(a.powers_, b.powers_)
    assert a.n_output_features_ == b.n_output_features_
    np.testing.assert_array_equal(a.get_feature_names_out(), b.get_feature_names_out())
    np.testing.assert_array_equal(
        a.get_feature_names_out(["u", "v", "w"]), b.get_feature_names_out(["u", "v", "w"])
    )
    # products of the same factors, possibly in a different order: a few ulps
    np.testing.assert_allclose(a.transform(X), b.transform(X), rtol=1e-12, atol=1e-14)


def test_polynomial_features_column_count_is_binomial(rng):
    from math import comb

    X = rng.normal(size=(4, 4))
    assert sm.PolynomialFeatures(3).fit_transform(X).shape[1] == comb(4 + 3, 3)


def test_polynomial_features_empty_output_raises():
    with pytest.raises(ValueError, match="empty output"):
        sm.PolynomialFeatures(0, include_bias=False).fit([[1.0]])
    with pytest.raises(ValueError, match="min_degree <= max_degree"):
        sm.PolynomialFeatures((3, 2)).fit([[1.0]])


def test_function_transformer_applies_func_and_inverse(rng):
    X = np.abs(rng.normal(size=(10, 3)))
    ft = sm.FunctionTransformer(np.log1p, inverse_func=np.expm1, feature_names_out="one-to-one")
    Xt = ft.fit_transform(X)
    np.testing.assert_array_equal(Xt, np.log1p(X))
    np.testing.assert_allclose(ft.inverse_transform(Xt), X, rtol=1e-12)
    assert list(ft.get_feature_names_out()) == ["x0", "x1", "x2"]


def test_function_transformer_warns_when_not_inverse(rng):
    X = rng.normal(size=(10, 2))
    with pytest.warns(UserWarning, match="not strictly inverse"):
        sm.FunctionTransformer(np.exp, inverse_func=np.sqrt).fit(np.abs(X))


def test_function_transformer_kw_args_and_identity(rng):
    X = rng.normal(size=(5, 2))
    np.testing.assert_array_equal(sm.FunctionTransformer().fit_transform(X), X)
    ft = sm.FunctionTransformer(np.round, kw_args={"decimals": 1})
    np.testing.assert_array_equal(ft.transform(X), np.round(X, 1))
    with pytest.raises(AttributeError):
        sm.FunctionTransformer().fit(X).get_feature_names_out()
