"""Regression metrics."""

import warnings

import numpy as np

from ..exceptions import UndefinedMetricWarning
from ..utils.validation import check_array, check_consistent_length
from ._base import check_metric_weight

__all__ = [
    "explained_variance_score",
    "mean_absolute_error",
    "mean_squared_error",
    "r2_score",
    "root_mean_squared_error",
]

_MULTIOUTPUT = ("raw_values", "uniform_average", "variance_weighted")


def _check_reg_targets(y_true, y_pred, sample_weight, multioutput, allowed):
    """Validate a regression (y_true, y_pred) pair; return 2-D float arrays.

    ``multioutput`` is one of ``allowed`` or an array of one weight per output.
    """
    if isinstance(multioutput, str):
        if multioutput not in allowed:
            raise ValueError(
                f"Allowed 'multioutput' string values are {allowed}. "
                f"You provided multioutput={multioutput!r}"
            )
    check_consistent_length(y_true, y_pred, sample_weight)
    y_true = check_array(y_true, ensure_2d=False, dtype=np.float64, input_name="y_true")
    y_pred = check_array(y_pred, ensure_2d=False, dtype=np.float64, input_name="y_pred")
    sample_weight = check_metric_weight(sample_weight, y_true.shape[0])
    if sample_weight is not None:
        sample_weight = sample_weight.astype(np.float64)
    y_true = y_true.reshape(y_true.shape[0], -1)
    y_pred = y_pred.reshape(y_pred.shape[0], -1)
    if y_true.shape[1] != y_pred.shape[1]:
        raise ValueError(
            "y_true and y_pred have different number of output "
            f"({y_true.shape[1]}!={y_pred.shape[1]})"
        )
    if not isinstance(multioutput, str):
        multioutput = check_array(multioutput, ensure_2d=False, input_name="multioutput")
        if y_true.shape[1] == 1:
            raise ValueError("Custom weights are useful only in multi-output cases.")
        if multioutput.shape[0] != y_true.shape[1]:
            raise ValueError(
                f"There must be equally many custom weights ({multioutput.shape[0]}) "
                f"as outputs ({y_true.shape[1]})."
            )
    return y_true, y_pred, sample_weight, multioutput


def _combine_outputs(per_output, multioutput):
    """'raw_values' -> the array; 'uniform_average' -> mean; an array -> weighted mean."""
    if isinstance(multioutput, str):
        if multioutput == "raw_values":
            return per_output
        multioutput = None
    return float(np.average(per_output, weights=multioutput))


def mean_squared_error(y_true, y_pred, *, sample_weight=None, multioutput="uniform_average"):
    r"""Mean squared error, per output then averaged.

    .. math::
       :label: mse

       \mathrm{MSE}_j = \frac{\sum_i w_i (y_{ij} - \hat y_{ij})^2}{\sum_i w_i}

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,) or (n_samples, n_outputs)
    sample_weight : array-like of shape (n_samples,), default=None
    multioutput : {'raw_values', 'uniform_average'} or array-like of shape (n_outputs,), default='uniform_average'
        Per-output values, their mean, or their weighted mean.

    Returns
    -------
    loss : float or ndarray of shape (n_outputs,)

    Raises
    ------
    ValueError
        Inconsistent lengths or output counts, NaN/inf, bad ``multioutput``.

    Examples
    --------
    >>> mean_squared_error([3, -0.5, 2, 7], [2.5, 0.0, 2, 8])
    0.375
    """
    y_true, y_pred, w, multioutput = _check_reg_targets(
        y_true, y_pred, sample_weight, multioutput, _MULTIOUTPUT[:2]
    )
    per_output = np.average((y_true - y_pred) ** 2, axis=0, weights=w)  # eq. (mse)
    return _combine_outputs(per_output, multioutput)


def root_mean_squared_error(
    y_true, y_pred, *, sample_weight=None, multioutput="uniform_average"
):
    r"""Square root of eq. :eq:`mse`, taken per output before averaging outputs.

    .. math::
       :label: rmse

       \mathrm{RMSE}_j = \sqrt{\mathrm{MSE}_j}

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,) or (n_samples, n_outputs)
    sample_weight : array-like of shape (n_samples,), default=None
    multioutput : {'raw_values', 'uniform_average'} or array-like of shape (n_outputs,), default='uniform_average'

    Returns
    -------
    loss : float or ndarray of shape (n_outputs,)

    Examples
    --------
    >>> root_mean_squared_error([3, -0.5, 2, 7], [2.5, 0.0, 2, 8])
    0.6123724356957945
    """
    y_true, y_pred, w, multioutput = _check_reg_targets(
        y_true, y_pred, sample_weight, multioutput, _MULTIOUTPUT[:2]
    )
    per_output = np.sqrt(np.average((y_true - y_pred) ** 2, axis=0, weights=w))  # eq. (rmse)
    return _combine_outputs(per_output, multioutput)


def mean_absolute_error(y_true, y_pred, *, sample_weight=None, multioutput="uniform_average"):
    r"""Mean absolute error, per output then averaged.

    .. math::
       :label: mae

       \mathrm{MAE}_j = \frac{\sum_i w_i |y_{ij} - \hat y_{ij}|}{\sum_i w_i}

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,) or (n_samples, n_outputs)
    sample_weight : array-like of shape (n_samples,), default=None
    multioutput : {'raw_values', 'uniform_average'} or array-like of shape (n_outputs,), default='uniform_average'

    Returns
    -------
    loss : float or ndarray of shape (n_outputs,)

    Examples
    --------
    >>> mean_absolute_error([3, -0.5, 2, 7], [2.5, 0.0, 2, 8])
    0.5
    """
    y_true, y_pred, w, multioutput = _check_reg_targets(
        y_true, y_pred, sample_weight, multioutput, _MULTIOUTPUT[:2]
    )
    per_output = np.average(np.abs(y_true - y_pred), axis=0, weights=w)  # eq. (mae)
    return _combine_outputs(per_output, multioutput)


def _explained_fraction(numerator, denominator, multioutput):
    r"""Per-output :math:`1 - \mathrm{num}/\mathrm{den}`, kept finite, then combined.

    A constant target (den = 0) scores 1 for a perfect fit and 0 otherwise
    (scikit-learn's ``force_finite=True``) instead of NaN / -inf.
    """
    valid = (denominator != 0) & (numerator != 0)
    scores = np.ones(numerator.shape[0])
    scores[valid] = 1 - numerator[valid] / denominator[valid]
    scores[(numerator != 0) & (denominator == 0)] = 0.0
    if isinstance(multioutput, str):
        if multioutput == "raw_values":
            return scores
        if multioutput == "uniform_average":
            multioutput = None
        else:  # variance_weighted: weight each output by its total variance
            multioutput = denominator if np.any(denominator != 0) else None
    return float(np.average(scores, weights=multioutput))


def r2_score(y_true, y_pred, *, sample_weight=None, multioutput="uniform_average"):
    r"""Coefficient of determination.

    .. math::
       :label: r2

       R^2_j = 1 - \frac{\sum_i w_i (y_{ij} - \hat y_{ij})^2}{\sum_i w_i (y_{ij} - \bar y_j)^2},
       \qquad \bar y_j = \frac{\sum_i w_i y_{ij}}{\sum_i w_i}

    When ``y_true`` is constant the denominator is 0: the score is 1.0 for a
    perfect prediction and 0.0 otherwise, as in scikit-learn
    (``force_finite=True``).

    Parameters
    ----------
    y_true : array-like of shape (n_samples,) or (n_samples, n_outputs)
    y_pred : array-like of the same shape
    sample_weight : array-like of shape (n_samples,), default=None
    multioutput : {'uniform_average', 'variance_weighted', 'raw_values'} or array-like, default='uniform_average'
        How to combine the outputs' scores; 'variance_weighted' weights each
        output by the denominator of eq. :eq:`r2`.

    Returns
    -------
    score : float or ndarray of shape (n_outputs,)
        NaN (with an ``UndefinedMetricWarning``) for fewer than two samples.

    Raises
    ------
    ValueError
        Inputs of different shapes or an unknown ``multioutput``.

    References
    ----------
    Hastie, Tibshirani & Friedman, *ESL* 2nd ed., §3.2 (residual and total sum of squares).

    Examples
    --------
    >>> r2_score([3.0, -0.5, 2.0, 7.0], [2.5, 0.0, 2.0, 8.0])
    0.9486081370449679
    """
    y_true, y_pred, w, multioutput = _check_reg_targets(
        y_true, y_pred, sample_weight, multioutput, _MULTIOUTPUT
    )
    if y_true.shape[0] < 2:
        warnings.warn(
            "R^2 score is not well-defined with less than two samples.",
            UndefinedMetricWarning,
            stacklevel=2,
        )
        return float("nan")
    w = np.ones(y_true.shape[0]) if w is None else w
    numerator = w @ (y_true - y_pred) ** 2  # eq. (r2)
    y_bar = np.average(y_true, axis=0, weights=w)
    denominator = w @ (y_true - y_bar) ** 2
    return _explained_fraction(numerator, denominator, multioutput)


def explained_variance_score(
    y_true, y_pred, *, sample_weight=None, multioutput="uniform_average"
):
    r"""Explained variance: :math:`R^2` with the mean residual forgiven.

    .. math::
       :label: explained-variance

       \mathrm{EV}_j = 1 - \frac{\mathrm{Var}_w(y_j - \hat y_j)}{\mathrm{Var}_w(y_j)}

    with weighted (biased) variances. A constant offset in the prediction
    does not lower EV, unlike :math:`R^2` (eq. :eq:`r2`).

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,) or (n_samples, n_outputs)
    sample_weight : array-like of shape (n_samples,), default=None
    multioutput : {'raw_values', 'uniform_average', 'variance_weighted'} or array-like, default='uniform_average'

    Returns
    -------
    score : float or ndarray of shape (n_outputs,)

    Examples
    --------
    >>> explained_variance_score([3, -0.5, 2, 7], [2.5, 0.0, 2, 8])
    0.9571734475374732
    """
    y_true, y_pred, w, multioutput = _check_reg_targets(
        y_true, y_pred, sample_weight, multioutput, _MULTIOUTPUT
    )
    residual = y_true - y_pred
    residual_mean = np.average(residual, axis=0, weights=w)
    numerator = np.average((residual - residual_mean) ** 2, axis=0, weights=w)  # eq. (explained-variance)
    y_mean = np.average(y_true, axis=0, weights=w)
    denominator = np.average((y_true - y_mean) ** 2, axis=0, weights=w)
    return _explained_fraction(numerator, denominator, multioutput)
