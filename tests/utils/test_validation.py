"""Validation helpers: each bad input gets a clear error naming the problem."""

import numbers
import warnings

import numpy as np
import pandas as pd
import pytest

from scratchml.dummy import DummyRegressor
from scratchml.exceptions import DataConversionWarning, NotFittedError
from scratchml.utils.validation import (
    Interval,
    StrOptions,
    check_array,
    check_is_fitted,
    check_random_state,
    check_sample_weight,
    check_X_y,
    column_or_1d,
    validate_data,
    validate_parameter_constraints,
)


def test_check_array_accepts_lists_arrays_dataframes():
    np.testing.assert_array_equal(check_array([[1, 2], [3, 4]]), [[1, 2], [3, 4]])
    df = pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 4.0]})
    np.testing.assert_array_equal(check_array(df), df.to_numpy())


@pytest.mark.parametrize(
    "X,match",
    [
        ([[1.0, np.nan]], "contains NaN"),
        ([[1.0, np.inf]], "infinity"),
        (np.empty((0, 3)), r"0 sample\(s\)"),
        (np.empty((3, 0)), r"0 feature\(s\)"),
        ([1.0, 2.0], "Expected 2D array, got 1D array"),
        (3.0, "Expected 2D array, got scalar"),
        (np.zeros((2, 2, 2)), "dim 3"),
        ([["a", 1.0]], "numbers only"),
        ([[1 + 2j, 1.0]], "Complex data not supported"),
    ],
)
def test_check_array_errors(X, match):
    with pytest.raises(ValueError, match=match):
        check_array(X)


def test_check_array_allow_nan_and_dtype_list():
    X = np.array([[1.0, np.nan]], dtype=np.float32)
    out = check_array(X, ensure_all_finite="allow-nan", dtype=[np.float64, np.float32])
    assert out.dtype == np.float32
    assert check_array([[1, 2]], dtype=[np.float64, np.float32]).dtype == np.float64


def test_check_array_copy_never_aliases():
    X = np.ones((3, 2))
    assert not np.shares_memory(check_array(X, copy=True), X)


def test_check_X_y_column_vector_warns_and_lengths_checked():
    with pytest.warns(DataConversionWarning, match="column-vector y"):
        _, y = check_X_y([[0.0], [1.0]], [[0], [1]])
    assert y.shape == (2,)
    with pytest.raises(ValueError, match="inconsistent numbers of samples: \\[3, 2\\]"):
        check_X_y(np.zeros((3, 1)), [0, 1])
    with pytest.raises(ValueError, match="Input y contains NaN"):
        check_X_y([[0.0], [1.0]], [0.0, np.nan])
    with pytest.raises(ValueError, match="requires y"):
        check_X_y([[0.0]], None)


def test_column_or_1d_rejects_matrix():
    with pytest.raises(ValueError, match="1d array"):
        column_or_1d(np.zeros((3, 2)))


def test_validate_data_records_and_checks_features():
    est = DummyRegressor()
    df = pd.DataFrame({"x1": [0.0, 1.0], "x2": [1.0, 2.0]})
    validate_data(est, df)
    assert est.n_features_in_ == 2 and list(est.feature_names_in_) == ["x1", "x2"]
    with pytest.raises(ValueError, match="X has 3 features, but DummyRegressor is expecting 2"):
        with pytest.warns(UserWarning, match="does not have valid feature names"):
            validate_data(est, np.zeros((2, 3)), reset=False)
    with pytest.raises(ValueError, match="feature names should match"):
        validate_data(est, df.rename(columns={"x2": "zz"}), reset=False)
    with pytest.warns(UserWarning, match="does not have valid feature names"):
        validate_data(est, np.zeros((2, 2)), reset=False)


def test_check_is_fitted():
    with pytest.raises(NotFittedError, match="This DummyRegressor instance is not fitted yet"):
        check_is_fitted(DummyRegressor())
    # NotFittedError is both a ValueError and an AttributeError, as in scikit-learn.
    assert issubclass(NotFittedError, ValueError) and issubclass(NotFittedError, AttributeError)
    with pytest.raises(TypeError, match="class"):
        check_is_fitted(DummyRegressor)


def test_not_fitted_error_is_sklearns_too_when_sklearn_is_loaded():
    from sklearn.exceptions import NotFittedError as SkNotFitted

    with pytest.raises(SkNotFitted):
        check_is_fitted(DummyRegressor())


def test_check_random_state_same_stream_as_numpy_legacy():
    a = check_random_state(42).uniform(size=3)
    np.testing.assert_array_equal(a, np.random.RandomState(42).uniform(size=3))
    rs = np.random.RandomState(0)
    assert check_random_state(rs) is rs
    with pytest.raises(ValueError, match="random_state='x'"):
        check_random_state("x")


def test_check_sample_weight():
    X = np.zeros((3, 1))
    np.testing.assert_array_equal(check_sample_weight(None, X), [1.0, 1.0, 1.0])
    np.testing.assert_array_equal(check_sample_weight(2.0, X), [2.0, 2.0, 2.0])
    w = np.array([1.0, 2.0, 3.0])
    out = check_sample_weight(w, X)
    out[0] = 99.0
    assert w[0] == 1.0  # the caller's array is never modified
    with pytest.raises(ValueError, match=r"sample_weight.shape == \(2,\), expected \(3,\)"):
        check_sample_weight([1.0, 2.0], X)
    with pytest.raises(ValueError, match="sums to zero"):
        check_sample_weight([0.0, 0.0, 0.0], X)
    with pytest.raises(ValueError, match="Negative"):
        check_sample_weight([1.0, -1.0, 1.0], X, ensure_non_negative=True)


def test_parameter_constraints():
    constraints = {
        "n_neighbors": [Interval(numbers.Integral, 1, None, closed="left")],
        "weights": [StrOptions({"uniform", "distance"}), "callable"],
    }
    validate_parameter_constraints(constraints, {"n_neighbors": 3, "weights": "uniform"}, "KNN")
    with pytest.raises(ValueError, match=r"'n_neighbors' parameter of KNN must be an int in the range \[1, inf\). Got -2"):
        validate_parameter_constraints(constraints, {"n_neighbors": -2}, "KNN")
    with pytest.raises(ValueError, match="Got True"):
        validate_parameter_constraints(constraints, {"n_neighbors": True}, "KNN")
    with pytest.raises(TypeError, match="'weights' parameter"):
        validate_parameter_constraints(constraints, {"weights": "far"}, "KNN")


def test_array_like_constraint_rejects_strings_as_scikit_learn():
    constraints = {"priors": ["array-like", None]}
    for ok in ([0.5, 0.5], (0.5, 0.5), np.array([0.5, 0.5]), None):
        validate_parameter_constraints(constraints, {"priors": ok}, "GaussianNB")
    for bad in ("ab", 3.0, np.float64(1.0)):
        with pytest.raises((TypeError, ValueError), match="'priors' parameter of GaussianNB"):
            validate_parameter_constraints(constraints, {"priors": bad}, "GaussianNB")


def test_no_warning_when_predicting_with_same_dataframe_columns():
    df = pd.DataFrame({"a": [0.0, 1.0, 2.0]})
    est = DummyRegressor().fit(df, [1.0, 2.0, 3.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        est.predict(df)
