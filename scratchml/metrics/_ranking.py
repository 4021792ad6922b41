"""Ranking metrics: ROC and precision-recall curves, their areas."""

import numbers
import warnings
from itertools import combinations

import numpy as np

from ..exceptions import UndefinedMetricWarning
from ..utils.multiclass import type_of_target
from ..utils.validation import (
    _to_ndarray,
    check_array,
    check_consistent_length,
    column_or_1d,
)
from ._base import check_metric_weight

__all__ = [
    "auc",
    "average_precision_score",
    "precision_recall_curve",
    "roc_auc_score",
    "roc_curve",
]


def auc(x, y):
    r"""Area under the piecewise-linear curve through the points (x, y), by the trapezoidal rule.

    .. math::
       :label: trapezoid

       A = \sum_{m=1}^{M-1} (x_{m+1} - x_m) \frac{y_m + y_{m+1}}{2}

    Parameters
    ----------
    x : array-like of shape (n_points,)
        Monotonic (increasing or decreasing) abscissae.
    y : array-like of shape (n_points,)

    Returns
    -------
    area : float

    Raises
    ------
    ValueError
        Fewer than 2 points, or ``x`` not monotonic.

    Examples
    --------
    >>> auc([0.0, 0.5, 1.0], [0.0, 1.0, 1.0])
    0.75
    """
    check_consistent_length(x, y)
    x = column_or_1d(x, input_name="x")
    y = column_or_1d(y, input_name="y")
    if x.shape[0] < 2:
        raise ValueError(
            "At least 2 points are needed to compute area under curve, but "
            f"x.shape = {x.shape[0]}"
        )
    dx = np.diff(x)
    direction = 1
    if np.any(dx < 0):
        if np.all(dx <= 0):
            direction = -1
        else:
            raise ValueError(f"x is neither increasing nor decreasing : {x}.")
    return float(direction * np.sum(dx * (y[1:] + y[:-1]) / 2.0))  # eq. (trapezoid)


def _pos_label(pos_label, y_true):
    """Default ``pos_label`` to 1 only when labels are {0, 1} or {-1, 1} (or a subset)."""
    if pos_label is not None:
        return pos_label
    classes = np.unique(y_true)
    ok_sets = ([0, 1], [-1, 1], [0], [-1], [1])
    if classes.dtype.kind in "OUS" or not any(
        classes.shape[0] == len(s) and np.all(classes == s) for s in ok_sets
    ):
        shown = ", ".join(repr(c) for c in classes.tolist())
        raise ValueError(
            f"y_true takes value in {{{shown}}} and pos_label is not specified: either "
            "make y_true take value in {0, 1} or {-1, 1} or pass pos_label explicitly."
        )
    return 1


def _counts_at_thresholds(y_true, y_score, pos_label=None, sample_weight=None):
    r"""(Weighted) false and true positive counts when thresholding at each distinct score.

    Sorting scores in decreasing order, predicting positive for the top
    :math:`m` samples gives cumulative counts; only the last index of each
    run of tied scores is a valid threshold, so tied samples enter together:

    .. math::
       :label: counts-at-thresholds

       tp(\tau) = \sum_i w_i [y_i = 1][s_i \ge \tau], \qquad
       fp(\tau) = \sum_i w_i [y_i = 0][s_i \ge \tau]

    Returns
    -------
    fps, tps : ndarray of shape (n_thresholds,)
    thresholds : ndarray of shape (n_thresholds,)
        Distinct scores, decreasing.
    """
    y_true = _to_ndarray(y_true, "y_true")
    y_type = type_of_target(y_true, input_name="y_true")
    if not (y_type == "binary" or (y_type == "multiclass" and pos_label is not None)):
        raise ValueError(f"{y_type} format is not supported")
    check_consistent_length(y_true, y_score, sample_weight)
    pos_label = _pos_label(pos_label, y_true)
    y_true = column_or_1d(y_true) == pos_label
    y_score = column_or_1d(y_score, input_name="y_score")
    if y_score.dtype.kind in "fc" and not np.isfinite(y_score).all():
        raise ValueError("Input y_score contains NaN or infinity.")
    weight = check_metric_weight(sample_weight, y_true.shape[0])
    if weight is not None:
        if not np.any(weight):
            raise ValueError("Sample weights must contain at least one non-zero number.")
        keep = weight != 0  # zero-weight samples would add spurious thresholds
        y_true, y_score, weight = y_true[keep], y_score[keep], weight[keep]
    # Stable sort in decreasing order (tied samples keep their input order).
    n = y_score.shape[0]
    order = n - 1 - np.argsort(y_score[::-1], kind="stable")[::-1]
    y_score = y_score[order]
    y_true = y_true[order].astype(np.float64)
    distinct = np.nonzero(np.diff(y_score))[0]
    threshold_idx = np.concatenate([distinct, [n - 1 if weight is None else y_true.shape[0] - 1]])
    if weight is None:
        tps = np.cumsum(y_true)[threshold_idx]  # eq. (counts-at-thresholds)
        fps = 1 + threshold_idx.astype(np.float64) - tps
    else:
        weight = weight[order].astype(np.float64)
        tps = np.cumsum(y_true * weight)[threshold_idx]
        fps = np.cumsum((1 - y_true) * weight)[threshold_idx]
    return fps, tps, y_score[threshold_idx]


def roc_curve(y_true, y_score, *, pos_label=None, sample_weight=None, drop_intermediate=True):
    r"""Receiver operating characteristic: FPR and TPR at each distinct score threshold.

    From eq. :eq:`metrics-counts`, with :math:`P` and :math:`N` the
    total (weighted) positives and negatives:

    .. math::
       :label: roc

       \mathrm{TPR}(\tau) = tp(\tau) / P, \qquad \mathrm{FPR}(\tau) = fp(\tau) / N

    A point :math:`(0, 0)` with threshold :math:`+\infty` is prepended.
    ``drop_intermediate`` removes points collinear on a horizontal or
    vertical segment (their second difference is 0); the area is unchanged.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Binary labels.
    y_score : array-like of shape (n_samples,)
        Scores, higher meaning more likely positive.
    pos_label : int, float, bool or str, default=None
        Default 1 when labels are {0, 1} or {-1, 1}.
    sample_weight : array-like of shape (n_samples,), default=None
    drop_intermediate : bool, default=True

    Returns
    -------
    fpr, tpr : ndarray of shape (n_thresholds,)
    thresholds : ndarray of shape (n_thresholds,)
        Decreasing; ``thresholds[0] = inf``.

    Raises
    ------
    ValueError
        Non-binary ``y_true`` without ``pos_label``; labels outside {0,1},{-1,1}
        without ``pos_label``.

    Warns
    -----
    UndefinedMetricWarning
        No negatives (FPR is NaN) or no positives (TPR is NaN).

    References
    ----------
    Fawcett, T. (2006). An introduction to ROC analysis. Pattern Recognition
    Letters 27(8), 861-874, Algorithm 1. doi:10.1016/j.patrec.2005.10.010

    Examples
    --------
    >>> fpr, tpr, thr = roc_curve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    >>> fpr, tpr
    (array([0. , 0. , 0.5, 0.5, 1. ]), array([0. , 0.5, 0.5, 1. , 1. ]))
    """
    fps, tps, thresholds = _counts_at_thresholds(y_true, y_score, pos_label, sample_weight)
    if drop_intermediate and fps.shape[0] > 2:
        keep = np.concatenate(
            [[True], np.logical_or(np.diff(fps, 2), np.diff(tps, 2)), [True]]
        )
        fps, tps, thresholds = fps[keep], tps[keep], thresholds[keep]
    tps = np.concatenate([[0.0], tps])
    fps = np.concatenate([[0.0], fps])
    thresholds = np.concatenate([[np.inf], thresholds.astype(np.float64)])
    if fps[-1] <= 0:
        warnings.warn(
            "No negative samples in y_true, false positive value should be meaningless",
            UndefinedMetricWarning,
            stacklevel=2,
        )
        fpr = np.full(fps.shape, np.nan)
    else:
        fpr = fps / fps[-1]  # eq. (roc)
    if tps[-1] <= 0:
        warnings.warn(
            "No positive samples in y_true, true positive value should be meaningless",
            UndefinedMetricWarning,
            stacklevel=2,
        )
        tpr = np.full(tps.shape, np.nan)
    else:
        tpr = tps / tps[-1]
    return fpr, tpr, thresholds


def precision_recall_curve(
    y_true, y_score, *, pos_label=None, sample_weight=None, drop_intermediate=False
):
    r"""Precision and recall at each distinct score threshold.

    .. math::
       :label: pr-curve

       \mathrm{precision}(\tau) = \frac{tp(\tau)}{tp(\tau) + fp(\tau)}, \qquad
       \mathrm{recall}(\tau) = \frac{tp(\tau)}{P}

    Returned in order of increasing threshold, with a final point
    (precision 1, recall 0) that has no threshold.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
    y_score : array-like of shape (n_samples,)
    pos_label : int, float, bool or str, default=None
    sample_weight : array-like of shape (n_samples,), default=None
    drop_intermediate : bool, default=False
        Drop thresholds where recall does not change on either side.

    Returns
    -------
    precision, recall : ndarray of shape (n_thresholds + 1,)
    thresholds : ndarray of shape (n_thresholds,)

    Warns
    -----
    UserWarning
        No positive in ``y_true``: recall is set to 1 everywhere.

    Examples
    --------
    >>> p, r, t = precision_recall_curve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    >>> p, r
    (array([0.5       , 0.66666667, 0.5       , 1.        , 1.        ]), array([1. , 1. , 0.5, 0.5, 0. ]))
    """
    fps, tps, thresholds = _counts_at_thresholds(y_true, y_score, pos_label, sample_weight)
    if drop_intermediate and fps.shape[0] > 2:
        keep = np.concatenate(
            [[True], np.logical_or(np.diff(tps[:-1]), np.diff(tps[1:])), [True]]
        )
        fps, tps, thresholds = fps[keep], tps[keep], thresholds[keep]
    ps = tps + fps
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(ps != 0, tps / ps, 0.0)  # eq. (pr-curve)
    if tps[-1] == 0:
        warnings.warn(
            "No positive class found in y_true, recall is set to one for all thresholds.",
            UserWarning,
            stacklevel=2,
        )
        recall = np.ones(tps.shape)
    else:
        recall = tps / tps[-1]
    return (
        np.concatenate([precision[::-1], [1.0]]),
        np.concatenate([recall[::-1], [0.0]]),
        thresholds[::-1],
    )


def _average_binary_score(binary_metric, y_true, y_score, average, sample_weight=None):
    """Apply a binary metric per label (or per sample) of a multilabel target and average."""
    if average not in (None, "micro", "macro", "weighted", "samples"):
        raise ValueError(
            "average has to be one of (None, 'micro', 'macro', 'weighted', 'samples')"
        )
    y_type = type_of_target(y_true)
    if y_type not in ("binary", "multilabel-indicator"):
        raise ValueError(f"{y_type} format is not supported")
    if y_type == "binary":
        return binary_metric(y_true, y_score, sample_weight=sample_weight)
    check_consistent_length(y_true, y_score, sample_weight)
    y_true = check_array(y_true, input_name="y_true")
    y_score = check_array(y_score, input_name="y_score")
    axis = 1  # the axis indexing the scores that get averaged
    score_weight, average_weight = sample_weight, None
    if average == "micro":
        if score_weight is not None:
            score_weight = np.repeat(score_weight, y_true.shape[1])
        y_true, y_score = y_true.ravel(), y_score.ravel()
    elif average == "weighted":
        if score_weight is not None:
            average_weight = (y_true * np.reshape(score_weight, (-1, 1))).sum(axis=0)
        else:
            average_weight = y_true.sum(axis=0)
        if np.isclose(average_weight.sum(), 0):
            return 0
    elif average == "samples":
        average_weight, score_weight = score_weight, None
        axis = 0
    y_true = y_true.reshape(y_true.shape[0], -1)
    y_score = y_score.reshape(y_score.shape[0], -1)
    scores = np.zeros(y_score.shape[axis])
    for c in range(scores.shape[0]):
        y_true_c = np.take(y_true, c, axis=axis)
        y_score_c = np.take(y_score, c, axis=axis)
        scores[c] = binary_metric(y_true_c, y_score_c, sample_weight=score_weight)
    if average is None:
        return scores
    if average_weight is not None:
        scores[average_weight == 0] = 0
    return float(np.average(scores, weights=average_weight))


def _binary_roc_auc(y_true, y_score, sample_weight=None, max_fpr=None):
    r"""Area under one ROC curve, or its McClish-standardised part up to ``max_fpr``.

    .. math::
       :label: mcclish

       \mathrm{pAUC}_{std} = \frac{1}{2}\left(1 + \frac{\mathrm{pAUC} - a_{min}}{a_{max} - a_{min}}\right),
       \qquad a_{min} = \tfrac{1}{2} f_{max}^2, \quad a_{max} = f_{max}
    """
    if np.unique(y_true).shape[0] != 2:
        warnings.warn(
            "Only one class is present in y_true. ROC AUC score is not defined in that case.",
            UndefinedMetricWarning,
            stacklevel=3,
        )
        return np.nan
    fpr, tpr, _ = roc_curve(y_true, y_score, sample_weight=sample_weight)
    if max_fpr is None or max_fpr == 1:
        return auc(fpr, tpr)
    if max_fpr <= 0 or max_fpr > 1:
        raise ValueError(f"Expected max_fpr in range (0, 1], got: {max_fpr!r}")
    # Close the partial curve with a point at FPR = max_fpr, linearly interpolated.
    stop = np.searchsorted(fpr, max_fpr, "right")
    tpr_stop = np.interp(max_fpr, fpr[stop - 1 : stop + 1], tpr[stop - 1 : stop + 1])
    partial = auc(np.append(fpr[:stop], max_fpr), np.append(tpr[:stop], tpr_stop))
    min_area = 0.5 * max_fpr**2
    max_area = max_fpr
    return 0.5 * (1 + (partial - min_area) / (max_area - min_area))  # eq. (mcclish)


def roc_auc_score(
    y_true, y_score, *, average="macro", sample_weight=None, max_fpr=None,
    multi_class="raise", labels=None,
):
    r"""Area under the ROC curve (eq. :eq:`trapezoid` over eq. :eq:`roc`).

    The AUC equals the probability that a random positive scores above a
    random negative, ties counting one half (Mann-Whitney U / (PN)).
    Multiclass: 'ovr' averages the one-vs-rest AUCs of each class (weighted
    by prevalence for 'weighted'); 'ovo' averages over pairs of classes
    :math:`(j, k)` the mean of :math:`A(j|k)` and :math:`A(k|j)`
    (Hand & Till 2001, eq. (7)), weighted by pair prevalence for 'weighted'.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,) or (n_samples, n_labels)
        Binary, multiclass labels or a multilabel indicator matrix.
    y_score : array-like of shape (n_samples,) or (n_samples, n_classes)
        Binary: the score of the larger label. Multiclass: probabilities
        (rows summing to 1), columns in sorted label order.
    average : {'micro', 'macro', 'samples', 'weighted'} or None, default='macro'
    sample_weight : array-like of shape (n_samples,), default=None
        Not supported for 'ovo'.
    max_fpr : float in (0, 1], default=None
        Binary only: standardised partial AUC over FPR in [0, max_fpr], eq. :eq:`metrics-mcclish`.
    multi_class : {'raise', 'ovr', 'ovo'}, default='raise'
    labels : array-like of shape (n_classes,), default=None
        Multiclass only: the sorted labels indexing the columns of ``y_score``.

    Returns
    -------
    auc : float, or ndarray of shape (n_labels,) for ``average=None``
        NaN (with an ``UndefinedMetricWarning``) when a binary problem has one class.

    Raises
    ------
    ValueError
        ``multi_class='raise'`` on multiclass input, ``max_fpr`` with
        multiclass input, scores not summing to 1, label/column mismatches.

    References
    ----------
    Fawcett, T. (2006). Pattern Recognition Letters 27(8), 861-874.
    Hand, D. J. & Till, R. J. (2001). A simple generalisation of the area under
    the ROC curve for multiple class classification problems. Machine
    Learning 45, 171-186. doi:10.1023/A:1010920819831
    McClish, D. K. (1989). Analyzing a portion of the ROC curve. Medical
    Decision Making 9(3), 190-195, eq. (6).

    Examples
    --------
    >>> roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    0.75
    """
    y_true = _to_ndarray(y_true, "y_true")
    y_type = type_of_target(y_true, input_name="y_true")
    y_score = check_array(y_score, ensure_2d=False, input_name="y_score")
    if max_fpr is not None and (
        not isinstance(max_fpr, numbers.Real) or not 0 < max_fpr <= 1
    ):
        raise ValueError(f"Expected max_fpr in range (0, 1], got: {max_fpr!r}")
    if multi_class not in ("raise", "ovr", "ovo"):
        raise ValueError(f"multi_class={multi_class!r} must be one of 'raise', 'ovr', 'ovo'.")
    if sample_weight is not None:
        sample_weight = column_or_1d(sample_weight, input_name="sample_weight")
    if y_type == "multiclass" or (y_type == "binary" and y_score.ndim == 2 and y_score.shape[1] > 2):
        if max_fpr is not None and max_fpr != 1.0:
            raise ValueError(
                "Partial AUC computation not available in multiclass setting, 'max_fpr' "
                f"must be set to `None`, received `max_fpr={max_fpr}` instead"
            )
        if multi_class == "raise":
            raise ValueError("multi_class must be in ('ovo', 'ovr')")
        return _multiclass_roc_auc(y_true, y_score, labels, multi_class, average, sample_weight)

    def binary_metric(t, s, sample_weight=None):
        return _binary_roc_auc(t, s, sample_weight=sample_weight, max_fpr=max_fpr)

    if y_type == "binary":
        y_true = column_or_1d(y_true)
        classes = np.unique(y_true)
        # Positive = the larger label; a single class present gives no positives.
        y_true = (y_true == classes[-1]) & (classes.shape[0] == 2)
        y_true = y_true.astype(np.int64)
    return _average_binary_score(binary_metric, y_true, y_score, average, sample_weight)


def _multiclass_roc_auc(y_true, y_score, labels, multi_class, average, sample_weight):
    """One-vs-rest or one-vs-one ROC AUC of a multiclass problem."""
    if y_score.ndim != 2:
        raise ValueError(
            "`y_score` needs to be of shape `(n_samples, n_classes)`, since `y_true` "
            f"contains multiple classes. Got `y_score.shape={y_score.shape}`."
        )
    if not np.allclose(1, y_score.sum(axis=1)):
        raise ValueError(
            "Target scores need to be probabilities for multiclass roc_auc, i.e. they "
            "should sum up to 1.0 over classes"
        )
    options = ("macro", "weighted", None)
    if multi_class == "ovr":
        options = ("micro",) + options
    if average not in options:
        raise ValueError(f"average must be one of {options} for multiclass problems")
    if average is None and multi_class == "ovo":
        raise NotImplementedError("average=None is not implemented for multi_class='ovo'.")
    y_true = column_or_1d(y_true)
    if labels is not None:
        labels = column_or_1d(labels, input_name="labels")
        classes = np.unique(labels)
        if len(classes) != len(labels):
            raise ValueError("Parameter 'labels' must be unique")
        if not np.array_equal(classes, labels):
            raise ValueError("Parameter 'labels' must be ordered")
        if len(classes) != y_score.shape[1]:
            raise ValueError(
                f"Number of given labels, {len(classes)}, not equal to the number of "
                f"columns in 'y_score', {y_score.shape[1]}"
            )
        if len(np.setdiff1d(y_true, classes)):
            raise ValueError("'y_true' contains labels not in parameter 'labels'")
    else:
        classes = np.unique(y_true)
        if len(classes) != y_score.shape[1]:
            raise ValueError(
                "Number of classes in y_true not equal to the number of columns in 'y_score'"
            )
    if multi_class == "ovr":
        Y = (y_true[:, None] == classes[None, :]).astype(np.int64)
        return _average_binary_score(_binary_roc_auc, Y, y_score, average, sample_weight)
    if sample_weight is not None:
        raise ValueError(
            "sample_weight is not supported for multiclass one-vs-one ROC AUC, "
            "'sample_weight' must be None in this case."
        )
    y_enc = np.searchsorted(classes, y_true)
    present = np.unique(y_enc)
    pair_scores, prevalence = [], []
    for a, b in combinations(present, 2):
        a_mask, b_mask = y_enc == a, y_enc == b
        ab = a_mask | b_mask
        prevalence.append(np.average(ab))
        a_auc = _binary_roc_auc(a_mask[ab], y_score[ab, a])
        b_auc = _binary_roc_auc(b_mask[ab], y_score[ab, b])
        pair_scores.append((a_auc + b_auc) / 2)  # Hand & Till (2001), eq. (7)
    weights = prevalence if average == "weighted" else None
    return float(np.average(pair_scores, weights=weights))


def average_precision_score(y_true, y_score, *, average="macro", pos_label=1, sample_weight=None):
    r"""Average precision: the step-wise (not interpolated) area under the PR curve.

    With precision :math:`P_n` and recall :math:`R_n` at the :math:`n`-th
    threshold (eq. :eq:`pr-curve`):

    .. math::
       :label: average-precision

       \mathrm{AP} = \sum_n (R_n - R_{n-1}) P_n

    Multiclass targets are binarised one-vs-rest and averaged like
    multilabel ones.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,) or (n_samples, n_labels)
    y_score : array-like of shape (n_samples,) or (n_samples, n_classes)
    average : {'micro', 'samples', 'weighted', 'macro'} or None, default='macro'
    pos_label : int, float, bool or str, default=1
        Binary only.
    sample_weight : array-like of shape (n_samples,), default=None

    Returns
    -------
    average_precision : float or ndarray

    Raises
    ------
    ValueError
        ``pos_label`` not among two present labels; ``pos_label != 1`` for
        multiclass/multilabel; ``y_score`` shape mismatch.

    References
    ----------
    Manning, Raghavan & Schütze, *Introduction to Information Retrieval*,
    §8.4 (average precision).

    Examples
    --------
    >>> round(average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 6)
    0.833333
    """
    y_true = _to_ndarray(y_true, "y_true")
    y_score = _to_ndarray(y_score, "y_score")
    if sample_weight is not None:
        sample_weight = column_or_1d(sample_weight, input_name="sample_weight")
    y_type = type_of_target(y_true, input_name="y_true")
    present = np.unique(y_true)
    if y_type == "binary":
        if present.shape[0] == 2 and pos_label not in present.tolist():
            raise ValueError(
                f"pos_label={pos_label} is not a valid label. It should be one of {present}"
            )
    elif y_type == "multilabel-indicator" and pos_label != 1:
        raise ValueError(
            "Parameter pos_label is fixed to 1 for multilabel-indicator y_true. Do not set "
            "pos_label or set pos_label to 1."
        )
    elif y_type == "multiclass":
        if pos_label != 1:
            raise ValueError(
                "Parameter pos_label is fixed to 1 for multiclass y_true. Do not set "
                "pos_label or set pos_label to 1."
            )
        y_true = (column_or_1d(y_true)[:, None] == present[None, :]).astype(np.int64)
        if y_score.shape != y_true.shape:
            raise ValueError(
                "`y_score` needs to be of shape `(n_samples, n_classes)`, since `y_true` "
                f"contains multiple classes. Got `y_score.shape={y_score.shape}`."
            )

    def binary_ap(t, s, sample_weight=None):
        precision, recall, _ = precision_recall_curve(
            t, s, pos_label=pos_label, sample_weight=sample_weight
        )
        # recall decreases along the returned arrays, hence the minus sign.
        return float(max(0.0, -np.sum(np.diff(recall) * precision[:-1])))  # eq. (average-precision)

    return _average_binary_score(binary_ap, y_true, y_score, average, sample_weight)
