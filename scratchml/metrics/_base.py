"""Input checks shared by the metrics."""

import numpy as np

from ..utils.validation import _to_ndarray, check_consistent_length, check_sample_weight


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
