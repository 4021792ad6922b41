"""Regression metrics."""

import numpy as np

from ._base import check_targets_pair

__all__ = ["r2_score"]


def r2_score(y_true, y_pred, *, sample_weight=None, multioutput="uniform_average"):
    r"""Coefficient of determination.

    .. math:: R^2 = 1 - \frac{\sum_i w_i (y_i - \hat y_i)^2}{\sum_i w_i (y_i - \bar y_w)^2}

    When ``y_true`` is constant the denominator is 0: the score is 1.0 for a
    perfect prediction and 0.0 otherwise, as in scikit-learn
    (``force_finite=True``).

    Parameters
    ----------
    y_true : array-like of shape (n_samples,) or (n_samples, n_outputs)
    y_pred : array-like of the same shape
    sample_weight : array-like of shape (n_samples,), default=None
    multioutput : {'uniform_average', 'variance_weighted', 'raw_values'}, default='uniform_average'
        How to combine the outputs' scores.

    Returns
    -------
    score : float or ndarray of shape (n_outputs,)

    Raises
    ------
    ValueError
        Inputs of different shapes, fewer than two samples, or an unknown
        ``multioutput``.

    References
    ----------
    Hastie, Tibshirani & Friedman, *ESL* 2nd ed., §3.2 (residual and total sum of squares).

    Examples
    --------
    >>> r2_score([3.0, -0.5, 2.0, 7.0], [2.5, 0.0, 2.0, 8.0])
    0.9486081370449679
    """
    if multioutput not in ("uniform_average", "variance_weighted", "raw_values"):
        raise ValueError(
            f"multioutput={multioutput!r} is not valid; use 'uniform_average', "
            "'variance_weighted' or 'raw_values'."
        )
    y_true, y_pred, sample_weight = check_targets_pair(y_true, y_pred, sample_weight)
    if y_true.shape[0] < 2:
        raise ValueError("R^2 score is not well-defined with less than two samples.")
    y_true = y_true.astype(np.float64).reshape(y_true.shape[0], -1)
    y_pred = y_pred.astype(np.float64).reshape(y_pred.shape[0], -1)
    w = np.ones(y_true.shape[0]) if sample_weight is None else sample_weight
    numerator = w @ (y_true - y_pred) ** 2
    y_bar = (w @ y_true) / w.sum()
    denominator = w @ (y_true - y_bar) ** 2
    ok = denominator != 0
    scores = np.where(numerator == 0, 1.0, 0.0)
    scores[ok] = 1.0 - numerator[ok] / denominator[ok]
    if multioutput == "raw_values":
        return scores
    if multioutput == "variance_weighted" and denominator.sum() != 0:
        return float(np.average(scores, weights=denominator))
    return float(scores.mean())
