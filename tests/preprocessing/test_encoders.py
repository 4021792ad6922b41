"""OneHotEncoder, OrdinalEncoder, LabelEncoder, LabelBinarizer against scikit-learn.

Encoders are exact (integer codes and 0/1 indicators), so every comparison
is array equality.
"""

import numpy as np
import pandas as pd
import pytest
from sklearn import preprocessing as sk

from scratchml import preprocessing as sm


def _assert_same_categories(a, b):
    assert len(a) == len(b)
    for ca, cb in zip(a, b):
        assert ca.dtype == cb.dtype
        # str(): object NaN != NaN, but 'nan' == 'nan'
        assert [str(v) for v in ca] == [str(v) for v in cb]


@pytest.fixture
def X_obj():
    return np.array(
        [["red", 1, "s"], ["blue", 3, "m"], ["red", 2, "s"], ["green", 3, "l"],
         ["red", 1, "m"], ["blue", 3, "s"], ["red", 1, "s"], [None, 2, "s"]],
        dtype=object,
    )


def _ohe_pair(**kw):
    return sm.OneHotEncoder(**kw), sk.OneHotEncoder(sparse_output=False, **kw)


@pytest.mark.parametrize(
    "params",
    [{}, {"drop": "first"}, {"drop": "if_binary"}, {"drop": ["red", 3, "s"]},
     {"min_frequency": 2}, {"min_frequency": 0.3}, {"max_categories": 2},
     {"min_frequency": 2, "drop": "first"}, {"dtype": np.int32}],
)
def test_one_hot_encoder_matches_sklearn(X_obj, params):
    X = X_obj
    a, b = _ohe_pair(**params)
    a.fit(X)
    b.fit(X)
    _assert_same_categories(a.categories_, b.categories_)
    Xa, Xb = a.transform(X), b.transform(X)
    assert Xa.dtype == Xb.dtype
    np.testing.assert_array_equal(Xa, Xb)
    np.testing.assert_array_equal(a.get_feature_names_out(), b.get_feature_names_out())
    np.testing.assert_array_equal(a.drop_idx_, b.drop_idx_)
    inv_a, inv_b = a.inverse_transform(Xa), b.inverse_transform(Xb)
    np.testing.assert_array_equal(inv_a.astype(str), inv_b.astype(str))
    if "min_frequency" in params or "max_categories" in params:
        for ia, ib in zip(a.infrequent_categories_, b.infrequent_categories_):
            assert (ia is None and ib is None) or list(ia) == list(ib)


def test_one_hot_encoder_round_trip_numeric(rng):
    X = rng.integers(0, 4, size=(30, 3)).astype(float)
    enc = sm.OneHotEncoder().fit(X)
    np.testing.assert_array_equal(enc.inverse_transform(enc.transform(X)), X)
    assert np.all(enc.transform(X).sum(axis=1) == 3)  # one indicator per feature


@pytest.mark.parametrize("handle_unknown", ["ignore", "infrequent_if_exist"])
def test_one_hot_encoder_unknown_categories_match_sklearn(X_obj, handle_unknown):
    X_new = np.array([["purple", 7, "s"], ["red", 1, "xl"]], dtype=object)
    a, b = _ohe_pair(handle_unknown=handle_unknown, min_frequency=2)
    np.testing.assert_array_equal(a.fit(X_obj).transform(X_new), b.fit(X_obj).transform(X_new))
    np.testing.assert_array_equal(
        a.inverse_transform(a.transform(X_new)).astype(str),
        b.inverse_transform(b.transform(X_new)).astype(str),
    )


def test_one_hot_encoder_unknown_error_and_sparse_error(X_obj):
    enc = sm.OneHotEncoder().fit(X_obj)
    with pytest.raises(ValueError, match=r"Found unknown categories \['purple'\] in column 0"):
        enc.transform(np.array([["purple", 1, "s"]], dtype=object))
    with pytest.raises(ValueError, match="dense arrays only"):
        sm.OneHotEncoder(sparse_output=True).fit(X_obj)


def test_one_hot_encoder_nan_is_a_category():
    X = np.array([[1.0], [np.nan], [2.0], [np.nan]])
    a, b = _ohe_pair()
    np.testing.assert_array_equal(a.fit_transform(X), b.fit_transform(X))
    np.testing.assert_array_equal(a.get_feature_names_out(), b.get_feature_names_out())


def test_one_hot_encoder_user_categories_and_dataframe():
    df = pd.DataFrame({"city": ["a", "b", "a"], "n": [3, 1, 3]})
    cats = [["c", "b", "a"], [1, 3, 5]]
    a, b = _ohe_pair(categories=cats)
    np.testing.assert_array_equal(a.fit_transform(df), b.fit_transform(df))
    np.testing.assert_array_equal(a.get_feature_names_out(), b.get_feature_names_out())
    with pytest.raises(ValueError, match="during fit"):
        sm.OneHotEncoder(categories=[["a"], [1, 3]]).fit(df)
    with pytest.raises(ValueError, match="Unsorted categories"):
        sm.OneHotEncoder(categories=[["a", "b"], [3, 1]]).fit(df)


def test_one_hot_encoder_mixed_types_raise():
    with pytest.raises(TypeError, match="uniformly strings or numbers"):
        sm.OneHotEncoder().fit(np.array([["a"], [1]], dtype=object))


@pytest.mark.parametrize(
    "params",
    [{}, {"min_frequency": 2}, {"max_categories": 2},
     {"handle_unknown": "use_encoded_value", "unknown_value": -1},
     {"handle_unknown": "use_encoded_value", "unknown_value": np.nan},
     {"encoded_missing_value": -2}],
)
def test_ordinal_encoder_matches_sklearn(X_obj, params):
    X = X_obj.copy()
    X[3, 0] = np.nan  # one missing string value besides the None
    X[7, 0] = np.nan
    a, b = sm.OrdinalEncoder(**params).fit(X), sk.OrdinalEncoder(**params).fit(X)
    _assert_same_categories(a.categories_, b.categories_)
    X_new = X if "unknown_value" not in params else np.vstack(
        [X, np.array([["purple", 9, "xl"]], dtype=object)])
    Xa, Xb = a.transform(X_new), b.transform(X_new)
    np.testing.assert_array_equal(Xa, Xb)
    np.testing.assert_array_equal(
        a.inverse_transform(Xa).astype(str), b.inverse_transform(Xb.copy()).astype(str)
    )
    np.testing.assert_array_equal(a.get_feature_names_out(), b.get_feature_names_out())


def test_ordinal_encoder_errors(X_obj):
    with pytest.raises(TypeError, match="unknown_value should only be set"):
        sm.OrdinalEncoder(unknown_value=-1).fit(X_obj)
    with pytest.raises(ValueError, match="already used for encoding"):
        sm.OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=1).fit(X_obj)
    with pytest.raises(ValueError, match="Found unknown categories"):
        sm.OrdinalEncoder().fit(X_obj).transform(np.array([["x", 1, "s"]], dtype=object))


def test_label_encoder_matches_sklearn():
    y = np.array(["paris", "tokyo", "paris", "amsterdam"])
    a, b = sm.LabelEncoder().fit(y), sk.LabelEncoder().fit(y)
    np.testing.assert_array_equal(a.classes_, b.classes_)
    np.testing.assert_array_equal(a.transform(y), b.transform(y))
    np.testing.assert_array_equal(a.inverse_transform([2, 0]), b.inverse_transform([2, 0]))
    with pytest.raises(ValueError, match="previously unseen labels"):
        a.transform(["rome"])
    with pytest.raises(ValueError, match="previously unseen labels"):
        a.inverse_transform([5])
    assert a.transform([]).shape == (0,)


@pytest.mark.parametrize(
    "y",
    [np.array([1, 2, 6, 4, 2]), np.array(["no", "yes", "no"]), np.array([3, 3, 3]),
     np.array([[1, 0, 1], [0, 1, 0]])],
)
@pytest.mark.parametrize("labels", [(0, 1), (-1, 1), (-2, 0)])
def test_label_binarizer_matches_sklearn(y, labels):
    neg, pos = labels
    a = sm.LabelBinarizer(neg_label=neg, pos_label=pos).fit(y)
    b = sk.LabelBinarizer(neg_label=neg, pos_label=pos).fit(y)
    assert a.y_type_ == b.y_type_
    np.testing.assert_array_equal(a.classes_, b.classes_)
    Ya, Yb = a.transform(y), b.transform(y)
    np.testing.assert_array_equal(Ya, Yb)
    np.testing.assert_array_equal(a.inverse_transform(Ya), b.inverse_transform(Yb))
    np.testing.assert_array_equal(a.inverse_transform(Ya), y)  # round trip


def test_label_binarizer_unseen_label_gives_negative_row():
    lb = sm.LabelBinarizer().fit([0, 1, 2])
    np.testing.assert_array_equal(lb.transform([5]), [[0, 0, 0]])
    np.testing.assert_array_equal(
        sm.label_binarize([1, 6], classes=[1, 2, 4, 6]),
        sk.label_binarize([1, 6], classes=[1, 2, 4, 6]),
    )
