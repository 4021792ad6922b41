"""Precision, recall, F-scores and the classification report."""

import numbers
import warnings

import numpy as np

from ..exceptions import UndefinedMetricWarning
from ..utils.validation import InvalidParameterError
from ._base import check_classification_pair
from ._classification import multilabel_confusion_matrix

__all__ = [
    "classification_report",
    "f1_score",
    "fbeta_score",
    "precision_recall_fscore_support",
    "precision_score",
    "recall_score",
]

_AVERAGES = (None, "micro", "macro", "weighted", "samples")


def _zero_division_value(zero_division):
    """The value an undefined ratio takes: 0 for 'warn', else the given 0, 1 or NaN."""
    if isinstance(zero_division, str) and zero_division == "warn":
        return np.float64(0.0)
    if isinstance(zero_division, str) and zero_division == "nan":
        return np.nan
    if (
        isinstance(zero_division, numbers.Real)
        and not isinstance(zero_division, bool)
        and (zero_division in (0, 1) or np.isnan(zero_division))
    ):
        return np.float64(zero_division)
    raise InvalidParameterError(
        "The 'zero_division' parameter must be a float among {0.0, 1.0, nan} or "
        f"a str among {{'warn', 'nan'}}. Got {zero_division!r} instead."
    )


def _divide(numerator, denominator, metric, modifier, average, warn_for, zero_division):
    """numerator / denominator, with ``zero_division`` where the denominator is 0.

    Warns (``UndefinedMetricWarning``) only for ``zero_division='warn'``.
    """
    mask = denominator == 0
    denominator = np.where(mask, 1.0, denominator).astype(np.float64)
    result = np.asarray(numerator, dtype=np.float64) / denominator
    if not mask.any():
        return result
    result[mask] = _zero_division_value(zero_division)
    if isinstance(zero_division, str) and zero_division == "warn" and metric in warn_for:
        axis0, axis1 = ("label", "sample") if average == "samples" else ("sample", "label")
        where = "due to" if result.shape[0] == 1 else f"in {axis1}s with"
        warnings.warn(
            f"{metric.capitalize()} is ill-defined and being set to 0.0 {where} no "
            f"{modifier} {axis0}s. Use `zero_division` parameter to control this behavior.",
            UndefinedMetricWarning,
            stacklevel=3,
        )
    return result


def _nanaverage(a, weights=None):
    """Weighted mean of the non-NaN entries; all-zero weights fall back to a plain mean."""
    if a.shape[0] == 0:
        return np.nan
    keep = ~np.isnan(a)
    if not keep.any():
        return np.nan
    if weights is None:
        return np.mean(a[keep])
    weights = np.asarray(weights)[keep]
    if weights.sum() == 0:
        return np.mean(a[keep])
    return np.average(a[keep], weights=weights)


def _set_wise_labels(y_true, y_pred, average, labels, pos_label):
    """Validate ``average`` / ``pos_label`` and return the labels to score."""
    if average not in _AVERAGES and average != "binary":
        raise ValueError("average has to be one of " + str(_AVERAGES))
    y_type, present, _, _, _ = check_classification_pair(y_true, y_pred)
    if average == "binary":
        if y_type == "binary":
            if pos_label not in present.tolist() and len(present) >= 2:
                raise ValueError(
                    f"pos_label={pos_label} is not a valid label. It should be one of {present}"
                )
            return [pos_label]
        options = list(_AVERAGES)
        if y_type == "multiclass":
            options.remove("samples")
        raise ValueError(
            f"Target is {y_type} but average='binary'. Please choose another average "
            f"setting, one of {options!r}."
        )
    if pos_label not in (None, 1):
        warnings.warn(
            f"Note that pos_label (set to {pos_label!r}) is ignored when average != 'binary' "
            f"(got {average!r}). You may use labels=[pos_label] to specify a single "
            "positive class.",
            UserWarning,
            stacklevel=3,
        )
    return labels


def precision_recall_fscore_support(
    y_true,
    y_pred,
    *,
    beta=1.0,
    labels=None,
    pos_label=1,
    average=None,
    warn_for=("precision", "recall", "f-score"),
    sample_weight=None,
    zero_division="warn",
):
    r"""Precision, recall, F-beta score and support, per label or averaged.

    From the one-vs-rest counts of eq. :eq:`mcm` (for label :math:`k`, or for
    sample :math:`i` when ``average='samples'``):

    .. math::
       :label: prf

       P_k = \frac{tp_k}{tp_k + fp_k}, \qquad
       R_k = \frac{tp_k}{tp_k + fn_k}, \qquad
       F_{\beta,k} = \frac{(1 + \beta^2)\, tp_k}{(1 + \beta^2)\, tp_k + \beta^2 fn_k + fp_k}

    The F-score is computed from the counts, not from :math:`P_k, R_k`, so it
    stays defined when one of them is not. A ratio with a zero denominator
    takes the value ``zero_division``. Averages: 'micro' sums the counts over
    labels first; 'macro' is the plain mean over labels; 'weighted' weights by
    the support :math:`tp_k + fn_k`; 'samples' is the (sample-weighted) mean
    over samples. NaN entries (``zero_division=np.nan``) are left out of averages.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,) or (n_samples, n_labels)
        Labels, or binary indicator matrices (multilabel).
    beta : float, default=1.0
        Weight of recall relative to precision, :math:`\beta \ge 0`.
    labels : array-like, default=None
        Labels to include (and their order when ``average=None``).
    pos_label : int, float, bool or str, default=1
        The positive class when ``average='binary'``.
    average : {'binary', 'micro', 'macro', 'weighted', 'samples'} or None, default=None
        None returns per-label arrays.
    warn_for : tuple of str, default=('precision', 'recall', 'f-score')
        Which undefined metrics warn.
    sample_weight : array-like of shape (n_samples,), default=None
    zero_division : {'warn', 0.0, 1.0, np.nan}, default='warn'
        Value of an undefined ratio; 'warn' means 0 plus an ``UndefinedMetricWarning``.

    Returns
    -------
    precision, recall, fbeta_score : float or ndarray of shape (n_labels,)
    support : None (averaged) or ndarray of shape (n_labels,)

    Raises
    ------
    ValueError
        Unknown ``average``; ``average='binary'`` on non-binary targets;
        ``pos_label`` not among two present labels; ``beta < 0``.

    References
    ----------
    van Rijsbergen, C. J. (1979). *Information Retrieval*, 2nd ed., ch. 7 (the
    effectiveness measure :math:`E = 1 - F`).
    Manning, Raghavan & Schütze, *Introduction to Information Retrieval*, §8.3,
    eq. (8.5); §13.6 (micro/macro averaging).

    Examples
    --------
    >>> p, r, f, s = precision_recall_fscore_support([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1])
    >>> p, s
    (array([0.66666667, 0.        , 0.        ]), array([2, 2, 2]))
    """
    _zero_division_value(zero_division)
    if not isinstance(beta, numbers.Real) or isinstance(beta, bool) or not beta >= 0:
        raise InvalidParameterError(
            f"The 'beta' parameter must be a float in the range [0.0, inf]. Got {beta!r} instead."
        )
    labels = _set_wise_labels(y_true, y_pred, average, labels, pos_label)
    samplewise = average == "samples"
    MCM = multilabel_confusion_matrix(
        y_true, y_pred, sample_weight=sample_weight, labels=labels, samplewise=samplewise
    )
    tp_sum = MCM[:, 1, 1]
    pred_sum = tp_sum + MCM[:, 0, 1]
    true_sum = tp_sum + MCM[:, 1, 0]
    if average == "micro":
        tp_sum = np.array([tp_sum.sum()])
        pred_sum = np.array([pred_sum.sum()])
        true_sum = np.array([true_sum.sum()])
    beta2 = beta**2
    args = (average, warn_for, zero_division)
    precision = _divide(tp_sum, pred_sum, "precision", "predicted", *args)  # eq. (prf)
    recall = _divide(tp_sum, true_sum, "recall", "true", *args)
    if np.isposinf(beta):
        f_score = recall
    elif beta == 0:
        f_score = precision
    else:
        # (1+b^2) tp / (b^2 (tp+fn) + (tp+fp)) is the same denominator as eq. (prf).
        denominator = beta2 * true_sum.astype(np.float64) + pred_sum.astype(np.float64)
        f_score = _divide(
            (1 + beta2) * tp_sum.astype(np.float64), denominator, "f-score",
            "true nor predicted", *args,
        )
    if average is None:
        return precision, recall, f_score, true_sum
    if average == "weighted":
        weights = true_sum
    elif average == "samples":
        weights = sample_weight
    else:
        weights = None
    precision = float(_nanaverage(precision, weights))
    recall = float(_nanaverage(recall, weights))
    f_score = float(_nanaverage(f_score, weights))
    return precision, recall, f_score, None


def fbeta_score(
    y_true, y_pred, *, beta, labels=None, pos_label=1, average="binary",
    sample_weight=None, zero_division="warn",
):
    r"""F-beta score, eq. :eq:`prf`; see :func:`precision_recall_fscore_support`.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,) or (n_samples, n_labels)
    beta : float
        Recall is deemed ``beta`` times as important as precision.
    labels, pos_label, average, sample_weight, zero_division
        As in :func:`precision_recall_fscore_support` (``average`` defaults to 'binary').

    Returns
    -------
    fbeta : float or ndarray of shape (n_labels,)

    Examples
    --------
    >>> round(fbeta_score([0, 1, 1, 0, 1], [0, 1, 0, 1, 1], beta=2), 6)
    0.666667
    """
    _, _, f, _ = precision_recall_fscore_support(
        y_true, y_pred, beta=beta, labels=labels, pos_label=pos_label, average=average,
        warn_for=("f-score",), sample_weight=sample_weight, zero_division=zero_division,
    )
    return f


def f1_score(
    y_true, y_pred, *, labels=None, pos_label=1, average="binary",
    sample_weight=None, zero_division="warn",
):
    r"""F1 score, the harmonic mean of precision and recall (eq. :eq:`prf`, :math:`\beta = 1`).

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,) or (n_samples, n_labels)
    labels, pos_label, average, sample_weight, zero_division
        As in :func:`precision_recall_fscore_support` (``average`` defaults to 'binary').

    Returns
    -------
    f1 : float or ndarray of shape (n_labels,)

    Examples
    --------
    >>> f1_score([0, 1, 1, 0, 1], [0, 1, 0, 1, 1])
    0.6666666666666666
    """
    return fbeta_score(
        y_true, y_pred, beta=1, labels=labels, pos_label=pos_label, average=average,
        sample_weight=sample_weight, zero_division=zero_division,
    )


def precision_score(
    y_true, y_pred, *, labels=None, pos_label=1, average="binary",
    sample_weight=None, zero_division="warn",
):
    r"""Precision :math:`tp / (tp + fp)`, eq. :eq:`prf`.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,) or (n_samples, n_labels)
    labels, pos_label, average, sample_weight, zero_division
        As in :func:`precision_recall_fscore_support` (``average`` defaults to 'binary').

    Returns
    -------
    precision : float or ndarray of shape (n_labels,)

    Examples
    --------
    >>> precision_score([0, 1, 1, 0], [1, 1, 0, 0])
    0.5
    """
    p, _, _, _ = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, pos_label=pos_label, average=average,
        warn_for=("precision",), sample_weight=sample_weight, zero_division=zero_division,
    )
    return p


def recall_score(
    y_true, y_pred, *, labels=None, pos_label=1, average="binary",
    sample_weight=None, zero_division="warn",
):
    r"""Recall :math:`tp / (tp + fn)`, eq. :eq:`prf`.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,) or (n_samples, n_labels)
    labels, pos_label, average, sample_weight, zero_division
        As in :func:`precision_recall_fscore_support` (``average`` defaults to 'binary').

    Returns
    -------
    recall : float or ndarray of shape (n_labels,)

    Examples
    --------
    >>> recall_score([0, 1, 1, 1], [1, 1, 0, 1])
    0.6666666666666666
    """
    _, r, _, _ = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, pos_label=pos_label, average=average,
        warn_for=("recall",), sample_weight=sample_weight, zero_division=zero_division,
    )
    return r


def classification_report(
    y_true, y_pred, *, labels=None, target_names=None, sample_weight=None,
    digits=2, output_dict=False, zero_division="warn",
):
    """Per-label precision, recall, F1 and support, plus their averages.

    The 'micro avg' row is called 'accuracy' (a single number) when every
    present label is reported and targets are not multilabel, since micro
    precision = micro recall = accuracy then.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,) or (n_samples, n_labels)
    labels : array-like of shape (n_labels,), default=None
    target_names : list of str of shape (n_labels,), default=None
        Display names of ``labels``.
    sample_weight : array-like of shape (n_samples,), default=None
    digits : int, default=2
        Decimals in the text report.
    output_dict : bool, default=False
        Return a nested dict instead of text.
    zero_division : {'warn', 0.0, 1.0, np.nan}, default='warn'

    Returns
    -------
    report : str or dict

    Raises
    ------
    ValueError
        ``target_names`` of the wrong length when ``labels`` is not given.

    Examples
    --------
    >>> print(classification_report([0, 1, 2, 2, 2], [0, 0, 2, 2, 1], zero_division=0))
                  precision    recall  f1-score   support
    <BLANKLINE>
               0       0.50      1.00      0.67         1
               1       0.00      0.00      0.00         1
               2       1.00      0.67      0.80         3
    <BLANKLINE>
        accuracy                           0.60         5
       macro avg       0.50      0.56      0.49         5
    weighted avg       0.70      0.60      0.61         5
    <BLANKLINE>
    """
    y_type, present, y_true, y_pred, sample_weight = check_classification_pair(
        y_true, y_pred, sample_weight
    )
    labels_given = labels is not None
    labels = present if labels is None else np.asarray(labels)
    micro_is_accuracy = y_type in ("multiclass", "binary") and (
        not labels_given or set(labels.tolist()) >= set(present.tolist())
    )
    if target_names is not None and len(labels) != len(target_names):
        if labels_given:
            warnings.warn(
                f"labels size, {len(labels)}, does not match size of target_names, "
                f"{len(target_names)}",
                UserWarning,
                stacklevel=2,
            )
        else:
            raise ValueError(
                f"Number of classes, {len(labels)}, does not match size of target_names, "
                f"{len(target_names)}. Try specifying the labels parameter"
            )
    if target_names is None:
        target_names = [f"{label}" for label in labels]
    headers = ["precision", "recall", "f1-score", "support"]
    kw = dict(labels=labels, sample_weight=sample_weight, zero_division=zero_division)
    p, r, f1, s = precision_recall_fscore_support(y_true, y_pred, average=None, **kw)
    rows = list(zip(target_names, p, r, f1, s))
    averages = ("micro", "macro", "weighted")
    if y_type.startswith("multilabel"):
        averages += ("samples",)
    if output_dict:
        report = {row[0]: dict(zip(headers, [float(v) for v in row[1:]])) for row in rows}
    else:
        width = max(max(len(name) for name in target_names), len("weighted avg"), digits)
        head_fmt = "{:>{width}s} " + " {:>9}" * len(headers)
        text = head_fmt.format("", *headers, width=width) + "\n\n"
        row_fmt = "{:>{width}s} " + " {:>9.{digits}f}" * 3 + " {:>9}\n"
        for row in rows:
            text += row_fmt.format(*row, width=width, digits=digits)
        text += "\n"
    for average in averages:
        heading = "accuracy" if average == "micro" and micro_is_accuracy else average + " avg"
        avg_p, avg_r, avg_f1, _ = precision_recall_fscore_support(
            y_true, y_pred, average=average, **kw
        )
        avg = [avg_p, avg_r, avg_f1, np.sum(s)]
        if output_dict:
            report[heading] = dict(zip(headers, [float(v) for v in avg]))
        elif heading == "accuracy":
            acc_fmt = "{:>{width}s} " + " {:>9.{digits}}" * 2 + " {:>9.{digits}f}" + " {:>9}\n"
            text += acc_fmt.format(heading, "", "", *avg[2:], width=width, digits=digits)
        else:
            text += row_fmt.format(heading, *avg, width=width, digits=digits)
    if output_dict:
        if "accuracy" in report:
            report["accuracy"] = report["accuracy"]["precision"]
        return report
    return text
