"""Input checks shared by the metrics."""

import numpy as np

from ..utils.multiclass import type_of_target, unique_labels
from ..utils.validation import (
    _to_ndarray,
    check_consistent_length,
    check_sample_weight,
    column_or_1d,
)


def check_targets_pair(y_true, y_pred, sample_weight=None):
    """Validate a (y_true, y_pred) pair of the same length.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,) or (n_samples, n_outputs)
    sample_weight : array-like of shape (n_samples,), default=None

    Returns
    -------
    y_true, y_pred : ndarrays
    sample_weight : ndarray of shape (n_samples,) or None

    Raises
    ------
    ValueError
        Different lengths or shapes, or an empty input.
    """
    y_true = _to_ndarray(y_true, "y_true")
    y_pred = _to_ndarray(y_pred, "y_pred")
    check_consistent_length(y_true, y_pred, sample_weight)
    if y_true.shape[0] == 0:
        raise ValueError("Found empty input: y_true and y_pred have 0 samples.")
    if y_true.ndim == 2 and y_true.shape[1] == 1:
        y_true = y_true.ravel()
    if y_pred.ndim == 2 and y_pred.shape[1] == 1:
        y_pred = y_pred.ravel()
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true has shape {y_true.shape} but y_pred has shape {y_pred.shape}."
        )
    if sample_weight is not None:
        sample_weight = check_sample_weight(sample_weight, y_true)
    return y_true, y_pred, sample_weight


def weighted_mean(values, sample_weight):
    """Mean of ``values`` over axis 0, weighted when ``sample_weight`` is given."""
    return np.average(values, axis=0, weights=sample_weight)


def check_metric_weight(sample_weight, n_samples):
    """Validate ``sample_weight`` for a metric, keeping an integer dtype integer.

    scikit-learn's metrics keep integer weights integer (a weighted confusion
    matrix of integer weights is an integer matrix), unlike estimators.

    Parameters
    ----------
    sample_weight : array-like of shape (n_samples,) or None
    n_samples : int

    Returns
    -------
    sample_weight : ndarray of shape (n_samples,) or None

    Raises
    ------
    ValueError
        Wrong shape, or NaN / inf weights.
    """
    if sample_weight is None:
        return None
    sample_weight = np.asarray(sample_weight)
    if sample_weight.dtype.kind not in "biuf":
        sample_weight = sample_weight.astype(np.float64)
    if sample_weight.ndim != 1:
        raise ValueError("Sample weights must be 1D array or scalar")
    if sample_weight.shape[0] != n_samples:
        raise ValueError(
            f"sample_weight.shape == {sample_weight.shape}, expected {(n_samples,)}!"
        )
    if sample_weight.dtype.kind == "f" and not np.isfinite(sample_weight).all():
        raise ValueError("Input sample_weight contains NaN or infinity.")
    return sample_weight


def check_classification_pair(y_true, y_pred, sample_weight=None):
    """Check that ``y_true`` and ``y_pred`` describe the same classification task.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,) or (n_samples, n_labels)
        Labels, or binary indicator matrices for multilabel targets.
    sample_weight : array-like of shape (n_samples,), default=None

    Returns
    -------
    y_type : {'binary', 'multiclass', 'multilabel-indicator'}
    labels : ndarray
        Sorted labels present in either input (column indices for multilabel).
    y_true, y_pred : ndarray
        1-D for binary/multiclass, 2-D indicator matrices for multilabel.
    sample_weight : ndarray of shape (n_samples,) or None

    Raises
    ------
    ValueError
        Inconsistent lengths, empty input, a mix of target types, continuous
        or multi-output targets, a mix of string and number labels.
    """
    y_true = _to_ndarray(y_true, "y_true")
    y_pred = _to_ndarray(y_pred, "y_pred")
    check_consistent_length(y_true, y_pred, sample_weight)
    type_true = type_of_target(y_true, input_name="y_true")
    type_pred = type_of_target(y_pred, input_name="y_pred")
    if y_true.shape[0] < 1:
        raise ValueError(
            "Found empty input array (e.g., `y_true` or `y_pred`) while a minimum "
            "of 1 sample is required."
        )
    sample_weight = check_metric_weight(sample_weight, y_true.shape[0])
    types = {type_true, type_pred}
    if types == {"binary", "multiclass"}:
        types = {"multiclass"}
    if len(types) > 1:
        raise ValueError(
            f"Classification metrics can't handle a mix of {type_true} and {type_pred} targets"
        )
    y_type = types.pop()
    if y_type not in ("binary", "multiclass", "multilabel-indicator"):
        raise ValueError(f"{y_type} is not supported")
    if y_type == "multilabel-indicator":
        if y_true.shape[1] != y_pred.shape[1]:
            raise ValueError(
                "Multi-label binary indicator input with different numbers of labels"
            )
        return y_type, np.arange(y_true.shape[1]), y_true, y_pred, sample_weight
    y_true = column_or_1d(y_true, input_name="y_true")
    y_pred = column_or_1d(y_pred, input_name="y_pred")
    labels = unique_labels(y_true, y_pred)
    if y_type == "binary" and labels.shape[0] > 2:
        y_type = "multiclass"
    return y_type, labels, y_true, y_pred, sample_weight


def encode(values, classes):
    """Index of each of ``values`` in the sorted array ``classes``."""
    return np.searchsorted(classes, values)
