"""Classification metrics."""

import numpy as np

from ._base import check_targets_pair, weighted_mean

__all__ = ["accuracy_score"]


def accuracy_score(y_true, y_pred, *, normalize=True, sample_weight=None):
    r"""Fraction (or count) of samples whose predicted label equals the true one.

    .. math:: \mathrm{accuracy} = \frac{1}{N} \sum_{i=1}^{N} [\hat y_i = y_i]

    For 2-D (multi-output or multilabel) targets a sample counts as correct
    only when every output is right (subset accuracy), as in scikit-learn.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,) or (n_samples, n_outputs)
        True labels.
    y_pred : array-like of the same shape
        Predicted labels.
    normalize : bool, default=True
        Return the fraction; if False, the (weighted) number of correct samples.
    sample_weight : array-like of shape (n_samples,), default=None

    Returns
    -------
    score : float

    Raises
    ------
    ValueError
        Inputs of different lengths or shapes, or empty inputs.

    Examples
    --------
    >>> accuracy_score([0, 1, 2, 3], [0, 2, 1, 3])
    0.5
    """
    y_true, y_pred, sample_weight = check_targets_pair(y_true, y_pred, sample_weight)
    correct = y_true == y_pred
    if correct.ndim == 2:
        correct = correct.all(axis=1)
    correct = correct.astype(np.float64)
    if not normalize:
        return float(correct.sum() if sample_weight is None else correct @ sample_weight)
    return float(weighted_mean(correct, sample_weight))
