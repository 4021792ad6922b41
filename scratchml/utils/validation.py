"""Input and parameter validation shared by every estimator.

Everything a user passes in goes through one of these helpers before it can
reach a Numba kernel, so a mistake surfaces as a ``ValueError`` /
``TypeError`` / ``NotFittedError`` that names the problem, never as a NaN, a
silent wrong answer or a Numba typing traceback.

The function names and messages follow scikit-learn's (``check_array``,
``check_X_y``, ``validate_data``, ``check_is_fitted`` ...), so scikit-learn's
estimator checks, which match on some of these messages, accept scratchml's
estimators.
"""

import numbers
import sys
import warnings

import numpy as np

from ..exceptions import DataConversionWarning, NotFittedError
from ._param_validation import (  # re-exported: estimators import them from here
    HasMethods,
    Interval,
    InvalidParameterError,
    Options,
    StrOptions,
    validate_parameter_constraints,
)

__all__ = [
    "HasMethods",
    "Interval",
    "InvalidParameterError",
    "Options",
    "StrOptions",
    "check_X_y",
    "check_array",
    "check_consistent_length",
    "check_is_fitted",
    "check_random_state",
    "check_sample_weight",
    "column_or_1d",
    "validate_data",
    "validate_parameter_constraints",
]


# ---------------------------------------------------------------------------
# Arrays
# ---------------------------------------------------------------------------
def _is_dataframe(X):
    return hasattr(X, "columns") and hasattr(X, "dtypes") and hasattr(X, "iloc")


def _feature_names(X):
    """Column names of a DataFrame as an object array, or None.

    Only all-string column names count, as in scikit-learn: integer column
    labels are positions, not names.
    """
    if not _is_dataframe(X):
        return None
    names = np.asarray(X.columns, dtype=object)
    if len(names) and all(isinstance(n, str) for n in names):
        return names
    if any(isinstance(n, str) for n in names):
        raise TypeError(
            "Feature names are only supported if all input features have string "
            f"names, but your input has {sorted({type(n).__name__ for n in names})} "
            "as feature name / column name types."
        )
    return None


def _to_ndarray(array, input_name):
    """Convert lists, DataFrames and Series to a NumPy array without copying needlessly."""
    if _is_dataframe(array) or hasattr(array, "to_numpy"):
        dtypes = getattr(array, "dtypes", None)
        if dtypes is not None and not hasattr(dtypes, "kind"):  # DataFrame
            kinds = {getattr(dt, "kind", "O") for dt in dtypes}
            if kinds <= {"f", "i", "u", "b"}:
                return array.to_numpy(dtype=np.result_type(*dtypes) if len(dtypes) else None)
        return array.to_numpy()
    if hasattr(array, "toarray") or hasattr(array, "tocsr"):
        raise TypeError(
            f"{input_name} is a sparse matrix; scratchml works on dense arrays only. "
            f"Use {input_name}.toarray() first."
        )
    return np.asarray(array)


def check_array(
    array,
    *,
    dtype="numeric",
    ensure_2d=True,
    allow_nd=False,
    ensure_all_finite=True,
    ensure_min_samples=1,
    ensure_min_features=1,
    copy=False,
    order=None,
    input_name="X",
    estimator=None,
):
    """Validate an input array and convert it to a NumPy ``ndarray``.

    Parameters
    ----------
    array : array-like
        Lists, NumPy arrays and pandas DataFrames/Series are accepted.
    dtype : 'numeric', dtype, list of dtypes or None, default='numeric'
        'numeric' keeps numeric dtypes and converts object arrays to float64;
        a list keeps the input dtype if it is in the list and converts to the
        first entry otherwise; None keeps the dtype unchanged.
    ensure_2d : bool, default=True
        Raise if the result is not 2-D.
    allow_nd : bool, default=False
        Allow more than two dimensions.
    ensure_all_finite : bool or 'allow-nan', default=True
        Reject NaN and inf (True), only inf ('allow-nan') or nothing (False).
    ensure_min_samples, ensure_min_features : int, default=1
        Minimum number of rows / columns.
    copy : bool, default=False
        Always return a new array, so the caller may modify it freely.
    order : {'C', 'F'} or None, default=None
        Memory layout of the result.
    input_name : str, default='X'
        Name of the argument, used in error messages.
    estimator : estimator instance or str, default=None
        Named in error messages.

    Returns
    -------
    array : ndarray
        The validated array.

    Raises
    ------
    ValueError
        Wrong number of dimensions, too few samples/features, complex values,
        strings that are not numbers, NaN or inf where not allowed.
    TypeError
        Sparse input, or objects that cannot be converted to numbers.
    """
    who = "" if estimator is None else (
        f" by {estimator if isinstance(estimator, str) else type(estimator).__name__}"
    )
    original = array
    array = _to_ndarray(array, input_name)
    if np.iscomplexobj(array):
        shown = np.array2string(array, threshold=6, edgeitems=2)
        raise ValueError(f"Complex data not supported\n{shown}\n")

    if dtype is not None:
        kind = array.dtype.kind
        if isinstance(dtype, str) and dtype == "numeric":
            target = np.float64 if kind in "OUSb" else None
        elif isinstance(dtype, (list, tuple)):
            target = None if array.dtype in [np.dtype(d) for d in dtype] else dtype[0]
        else:
            target = dtype
        if target is not None:
            array = _convert_to_numeric(array, target, input_name)
    if order is not None or copy:
        array = np.array(array, order=order or "K", copy=True)
    elif array is original:
        array = np.asarray(array)

    if ensure_2d:
        shown = np.array2string(array, threshold=6, edgeitems=3)  # never dump a huge array
        if array.ndim == 0:
            raise ValueError(
                f"Expected 2D array, got scalar array instead:\narray={shown}.\n"
                "Reshape your data either using array.reshape(-1, 1) if your data has "
                "a single feature or array.reshape(1, -1) if it contains a single sample."
            )
        if array.ndim == 1:
            raise ValueError(
                f"Expected 2D array, got 1D array instead:\narray={shown}.\n"
                "Reshape your data either using array.reshape(-1, 1) if your data has "
                "a single feature or array.reshape(1, -1) if it contains a single sample."
            )
    if not allow_nd and array.ndim >= 3:
        raise ValueError(f"Found array with dim {array.ndim}{who}. Expected <= 2.")

    if ensure_all_finite and array.dtype.kind in "fc":
        _assert_all_finite(array, allow_nan=ensure_all_finite == "allow-nan", input_name=input_name)

    if ensure_min_samples > 0 and array.ndim >= 1:
        n_samples = array.shape[0]
        if n_samples < ensure_min_samples:
            raise ValueError(
                f"Found array with {n_samples} sample(s) (shape={array.shape}) while a "
                f"minimum of {ensure_min_samples} is required{who}."
            )
    if ensure_min_features > 0 and array.ndim == 2:
        n_features = array.shape[1]
        if n_features < ensure_min_features:
            raise ValueError(
                f"Found array with {n_features} feature(s) (shape={array.shape}) while a "
                f"minimum of {ensure_min_features} is required{who}."
            )
    return array


def _convert_to_numeric(array, target, input_name):
    try:
        return array.astype(target)
    except ValueError as exc:  # e.g. "could not convert string to float: 'abc'"
        raise ValueError(
            f"{input_name} must contain numbers only, but {exc}. Encode categorical "
            "columns as numbers first."
        ) from None


def _assert_all_finite(array, *, allow_nan=False, input_name="X"):
    # Summing first is a cheap test: the sum is finite iff every entry is
    # (barring overflow, which the slow path below then sorts out).
    with np.errstate(over="ignore", invalid="ignore"):
        if np.isfinite(array.sum()):
            return
    has_nan = bool(np.isnan(array).any())
    if has_nan and not allow_nan:
        raise ValueError(
            f"Input {input_name} contains NaN. Impute or drop missing values first "
            "(e.g. with an imputer) or use an estimator that accepts NaN."
        )
    if np.isinf(array).any():
        raise ValueError(
            f"Input {input_name} contains infinity or a value too large for "
            f"{array.dtype!r}."
        )


def column_or_1d(y, *, dtype=None, warn=False, input_name="y"):
    """Ravel a column vector ``y`` of shape (n, 1) to shape (n,).

    Parameters
    ----------
    y : array-like of shape (n_samples,) or (n_samples, 1)
    dtype : dtype, default=None
    warn : bool, default=False
        Emit a :class:`DataConversionWarning` when a column vector is raveled.
    input_name : str, default='y'

    Returns
    -------
    y : ndarray of shape (n_samples,)

    Raises
    ------
    ValueError
        If ``y`` has any other shape.
    """
    y = _to_ndarray(y, input_name)
    if dtype is not None:
        y = y.astype(dtype)
    if y.ndim == 1:
        return y
    if y.ndim == 2 and y.shape[1] == 1:
        if warn:
            warnings.warn(
                "A column-vector y was passed when a 1d array was expected. Please "
                "change the shape of y to (n_samples, ), for example using ravel().",
                DataConversionWarning,
                stacklevel=3,
            )
        return y.ravel()
    raise ValueError(
        f"{input_name} should be a 1d array, got an array of shape {y.shape} instead."
    )


def check_consistent_length(*arrays):
    """Raise ``ValueError`` unless all non-None arrays have the same first dimension."""
    lengths = [_num_samples(a) for a in arrays if a is not None]
    if len(set(lengths)) > 1:
        raise ValueError(
            f"Found input variables with inconsistent numbers of samples: {lengths}"
        )


def _num_samples(x):
    if hasattr(x, "shape") and len(x.shape) > 0:
        return int(x.shape[0])
    if hasattr(x, "__len__"):
        return len(x)
    if hasattr(x, "__array__"):
        return _num_samples(np.asarray(x))
    raise TypeError(f"Expected a sequence or array-like, got {type(x).__name__}.")


def check_X_y(
    X,
    y,
    *,
    dtype="numeric",
    ensure_all_finite=True,
    multi_output=False,
    y_numeric=False,
    ensure_min_samples=1,
    ensure_min_features=1,
    copy=False,
    order=None,
    estimator=None,
):
    """Validate ``X`` and ``y`` together.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,) or (n_samples, n_outputs)
    dtype, ensure_all_finite, ensure_min_samples, ensure_min_features, copy, order, estimator
        As in :func:`check_array` (they apply to ``X``).
    multi_output : bool, default=False
        Allow a 2-D ``y``. Otherwise a column vector is raveled with a
        :class:`DataConversionWarning` and other 2-D shapes raise.
    y_numeric : bool, default=False
        Convert an object ``y`` to float64 (for regressors).

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,) or (n_samples, n_outputs)

    Raises
    ------
    ValueError
        If ``y`` is None, has NaN/inf, or its length differs from ``X``'s.
    """
    if y is None:
        name = "estimator" if estimator is None else type(estimator).__name__
        raise ValueError(f"{name} requires y to be passed, but the target y is None.")
    X = check_array(
        X,
        dtype=dtype,
        ensure_all_finite=ensure_all_finite,
        ensure_min_samples=ensure_min_samples,
        ensure_min_features=ensure_min_features,
        copy=copy,
        order=order,
        estimator=estimator,
    )
    y = _check_y(y, multi_output=multi_output, y_numeric=y_numeric)
    check_consistent_length(X, y)
    return X, y


def _check_y(y, *, multi_output=False, y_numeric=False):
    if multi_output:
        y = check_array(
            y, dtype=None, ensure_2d=False, ensure_min_features=0, input_name="y"
        )
        if y.dtype.kind == "O" and y_numeric:
            y = y.astype(np.float64)
    else:
        y = column_or_1d(y, warn=True)
    if y.dtype.kind == "O" and y_numeric:
        y = _convert_to_numeric(y, np.float64, "y")
    if y.dtype.kind in "fc":
        _assert_all_finite(y, input_name="y")
    elif y.dtype.kind == "O":
        for value in y.ravel():
            if value is None or (isinstance(value, float) and not np.isfinite(value)):
                raise ValueError("Input y contains NaN or None.")
    if y.ndim >= 1 and y.shape[0] == 0:
        raise ValueError("Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required.")
    return y


def validate_data(
    estimator,
    X="no_validation",
    y="no_validation",
    *,
    reset=True,
    skip_check_array=False,
    **check_params,
):
    """Validate ``X`` (and ``y``) for an estimator and record or check its input shape.

    At ``fit`` time (``reset=True``) this sets ``n_features_in_`` and, for a
    DataFrame with string column names, ``feature_names_in_``. Afterwards
    (``reset=False``) it checks that ``X`` has the same number of features and
    the same names as during ``fit``.

    Parameters
    ----------
    estimator : estimator instance
    X : array-like of shape (n_samples, n_features) or 'no_validation'
    y : array-like of shape (n_samples,), None or 'no_validation'
        If None and the estimator requires ``y``, a ``ValueError`` is raised.
    reset : bool, default=True
        True in ``fit``, False in ``predict``/``transform``/``score``.
    skip_check_array : bool, default=False
        Only record/check feature names and counts.
    **check_params : dict
        Passed on to :func:`check_array` or :func:`check_X_y`.

    Returns
    -------
    X, or (X, y) when ``y`` is validated too.

    Raises
    ------
    ValueError
        From :func:`check_array`, or when the number or the names of the
        features differ from those seen in ``fit``.
    """
    _check_feature_names(estimator, X, reset=reset)
    no_y = isinstance(y, str) and y == "no_validation"
    if y is None and estimator._all_tags().get("requires_y", False):
        raise ValueError(
            f"This {type(estimator).__name__} estimator requires y to be passed, "
            "but the target y is None."
        )
    if skip_check_array:
        out = X if (no_y or y is None) else (X, y)
    elif no_y or y is None:
        out = check_array(X, estimator=estimator, **check_params)
    else:
        out = check_X_y(X, y, estimator=estimator, **check_params)
    X_checked = out[0] if isinstance(out, tuple) else out
    if hasattr(X_checked, "shape") and len(X_checked.shape) >= 2:
        _check_n_features(estimator, X_checked, reset=reset)
    return out


def _check_n_features(estimator, X, *, reset):
    n_features = X.shape[1]
    if reset:
        estimator.n_features_in_ = n_features
        return
    expected = getattr(estimator, "n_features_in_", None)
    if expected is not None and n_features != expected:
        raise ValueError(
            f"X has {n_features} features, but {type(estimator).__name__} is "
            f"expecting {expected} features as input."
        )


def _check_feature_names(estimator, X, *, reset):
    if isinstance(X, str) and X == "no_validation":
        return
    names = _feature_names(X)
    if reset:
        if names is not None:
            estimator.feature_names_in_ = names
        elif hasattr(estimator, "feature_names_in_"):
            del estimator.feature_names_in_
        return
    fitted = getattr(estimator, "feature_names_in_", None)
    name = type(estimator).__name__
    if fitted is None and names is None:
        return
    if fitted is not None and names is None:
        warnings.warn(
            f"X does not have valid feature names, but {name} was fitted with feature names",
            UserWarning,
            stacklevel=3,
        )
        return
    if fitted is None:
        warnings.warn(
            f"X has feature names, but {name} was fitted without feature names",
            UserWarning,
            stacklevel=3,
        )
        return
    if len(fitted) != len(names) or np.any(fitted != names):
        unseen = sorted(set(names) - set(fitted))
        missing = sorted(set(fitted) - set(names))
        detail = []
        if unseen:
            detail.append(f"Feature names unseen at fit time: {unseen}")
        if missing:
            detail.append(f"Feature names seen at fit time, yet now missing: {missing}")
        if not detail:
            detail.append("Feature names must be in the same order as they were in fit.")
        raise ValueError(
            "The feature names should match those that were passed during fit.\n"
            + "\n".join(detail)
        )


def check_sample_weight(
    sample_weight, X, *, dtype=None, ensure_non_negative=False, allow_zero_sum=False
):
    """Validate ``sample_weight`` and return it as a float array of shape (n_samples,).

    Parameters
    ----------
    sample_weight : None, float or array-like of shape (n_samples,)
        None means unit weights; a scalar is repeated.
    X : ndarray of shape (n_samples, n_features)
    dtype : dtype, default=None
        float64 unless ``X`` is float32.
    ensure_non_negative : bool, default=False
        Raise if any weight is negative.
    allow_zero_sum : bool, default=False
        Accept weights that sum to zero (most estimators cannot: they divide by the sum).

    Returns
    -------
    sample_weight : ndarray of shape (n_samples,)
        A new array (the caller's is never modified).

    Raises
    ------
    ValueError
        Wrong shape, NaN/inf, negative weights or an all-zero sum when not allowed.
    """
    n_samples = _num_samples(X)
    if dtype is None:
        dtype = X.dtype if getattr(X, "dtype", None) == np.float32 else np.float64
    if sample_weight is None:
        return np.ones(n_samples, dtype=dtype)
    if isinstance(sample_weight, numbers.Number):
        return np.full(n_samples, sample_weight, dtype=dtype)
    sample_weight = check_array(
        sample_weight, dtype=dtype, ensure_2d=False, input_name="sample_weight", copy=True
    )
    if sample_weight.ndim != 1:
        raise ValueError("Sample weights must be 1D array or scalar")
    if sample_weight.shape != (n_samples,):
        raise ValueError(
            f"sample_weight.shape == {sample_weight.shape}, expected {(n_samples,)}!"
        )
    if ensure_non_negative and np.any(sample_weight < 0):
        raise ValueError("Negative values in data passed to `sample_weight`")
    if not allow_zero_sum and sample_weight.sum() == 0:
        raise ValueError(
            "sample_weight sums to zero: at least one sample must have a positive weight."
        )
    return sample_weight


# ---------------------------------------------------------------------------
# Fitted state and randomness
# ---------------------------------------------------------------------------
def check_is_fitted(estimator, attributes=None, *, msg=None):
    """Raise :class:`NotFittedError` if ``estimator`` has not been fitted.

    An estimator is fitted when it has an attribute whose name ends with an
    underscore (and does not start with one), or the named ``attributes``.

    Parameters
    ----------
    estimator : estimator instance
    attributes : str or list of str, default=None
        Attributes that must all exist.
    msg : str, default=None
        Custom message; ``%(name)s`` is replaced by the class name.

    Raises
    ------
    TypeError
        If ``estimator`` is a class or has no ``fit`` method.
    NotFittedError
        If it is not fitted.
    """
    if isinstance(estimator, type):
        raise TypeError(f"{estimator} is a class, not an instance.")
    if not hasattr(estimator, "fit"):
        raise TypeError(f"{estimator!r} is not an estimator instance.")
    if msg is None:
        msg = (
            "This %(name)s instance is not fitted yet. Call 'fit' with appropriate "
            "arguments before using this estimator."
        )
    if attributes is not None:
        if isinstance(attributes, str):
            attributes = [attributes]
        fitted = all(hasattr(estimator, a) for a in attributes)
    elif hasattr(estimator, "__sklearn_is_fitted__"):
        fitted = estimator.__sklearn_is_fitted__()
    else:
        fitted = any(
            k.endswith("_") and not k.startswith("__") for k in vars(estimator)
        )
    if not fitted:
        raise _not_fitted_error_class()(msg % {"name": type(estimator).__name__})


_SKLEARN_COMPATIBLE_NOT_FITTED = None


def _not_fitted_error_class():
    """Our NotFittedError, also a scikit-learn NotFittedError when scikit-learn is loaded.

    scikit-learn's tools (``check_estimator``, ``cross_validate`` error
    handling) catch *their* ``NotFittedError``. We never import scikit-learn
    ourselves; but if the user already has, we raise a subclass of both, so
    ``except scratchml.exceptions.NotFittedError`` and
    ``except sklearn.exceptions.NotFittedError`` both catch it.
    """
    global _SKLEARN_COMPATIBLE_NOT_FITTED
    sklearn_exceptions = sys.modules.get("sklearn.exceptions")
    if sklearn_exceptions is None:
        return NotFittedError
    if _SKLEARN_COMPATIBLE_NOT_FITTED is None:
        _SKLEARN_COMPATIBLE_NOT_FITTED = type(
            "NotFittedError",
            (NotFittedError, sklearn_exceptions.NotFittedError),
            {"__module__": "scratchml.exceptions"},
        )
    return _SKLEARN_COMPATIBLE_NOT_FITTED


def check_random_state(seed):
    """Turn ``seed`` into a ``numpy.random.RandomState``.

    The legacy Mersenne-Twister generator is used (not ``default_rng``) so
    that, for the same integer seed, scratchml draws the same numbers as
    scikit-learn: shuffles, splits and initialisations can be compared one to
    one.

    Parameters
    ----------
    seed : None, int, or numpy.random.RandomState
        None uses NumPy's global RandomState (not reproducible); an int seeds
        a new generator; a RandomState is returned as is.

    Returns
    -------
    rng : numpy.random.RandomState

    Raises
    ------
    ValueError
        For any other value.
    """
    if seed is None or seed is np.random:
        return np.random.mtrand._rand
    if isinstance(seed, numbers.Integral) and not isinstance(seed, bool):
        return np.random.RandomState(int(seed))
    if isinstance(seed, np.random.RandomState):
        return seed
    raise ValueError(
        f"random_state={seed!r} cannot be used to seed a numpy.random.RandomState "
        "instance; pass None, an int or a RandomState."
    )
