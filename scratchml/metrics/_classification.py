"""Classification metrics built on the confusion matrix, and the log loss.

Precision, recall, F-scores and the classification report live in
``_precision_recall.py``.
"""

import warnings

import numpy as np

from ..utils.validation import _to_ndarray, check_array, check_consistent_length
from ._base import (
    check_classification_pair,
    check_metric_weight,
    check_targets_pair,
    encode,
    weighted_mean,
)

__all__ = [
    "accuracy_score",
    "balanced_accuracy_score",
    "confusion_matrix",
    "log_loss",
    "matthews_corrcoef",
    "multilabel_confusion_matrix",
]


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


def confusion_matrix(y_true, y_pred, *, labels=None, sample_weight=None, normalize=None):
    r"""Confusion matrix :math:`C`, with true labels on rows and predictions on columns.

    .. math::
       :label: confusion

       C_{jk} = \sum_{i=1}^{N} w_i \,[y_i = \ell_j]\,[\hat y_i = \ell_k]

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted labels (binary or multiclass).
    labels : array-like of shape (n_classes,), default=None
        Row/column order :math:`\ell_1, \dots, \ell_K`; samples whose labels
        are not listed are dropped. Default: the sorted labels present.
    sample_weight : array-like of shape (n_samples,), default=None
        Integer weights give an integer matrix.
    normalize : {'true', 'pred', 'all'}, default=None
        Divide by row sums, column sums or the total; 0/0 becomes 0.

    Returns
    -------
    C : ndarray of shape (n_classes, n_classes)

    Raises
    ------
    ValueError
        Multilabel input, an empty ``labels``, or ``labels`` none of which
        occurs in ``y_true``.

    Warns
    -----
    UserWarning
        When the matrix is 1 x 1 (a single label seen and no ``labels`` given).

    Examples
    --------
    >>> confusion_matrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2])
    array([[2, 0, 0],
           [0, 0, 1],
           [1, 0, 2]])
    """
    if normalize not in (None, "true", "pred", "all"):
        raise ValueError(f"normalize={normalize!r} must be one of 'true', 'pred', 'all' or None.")
    y_type, present, y_true, y_pred, sample_weight = check_classification_pair(
        y_true, y_pred, sample_weight
    )
    if y_type not in ("binary", "multiclass"):
        raise ValueError(f"{y_type} is not supported")
    if labels is None:
        labels = present
    else:
        labels = np.asarray(labels)
        if labels.size == 0:
            raise ValueError("'labels' should contain at least one label.")
        if np.intersect1d(y_true, labels).size == 0:
            raise ValueError("At least one label specified must be in y_true")
    n_labels = labels.size
    if sample_weight is None:
        sample_weight = np.ones(y_true.shape[0], dtype=np.int64)
    true_idx = _label_index(y_true, labels)
    pred_idx = _label_index(y_pred, labels)
    keep = (true_idx < n_labels) & (pred_idx < n_labels)
    dtype = np.int64 if sample_weight.dtype.kind in "biu" else np.float64
    flat = true_idx[keep] * n_labels + pred_idx[keep]  # row-major cell index
    cm = np.bincount(flat, weights=sample_weight[keep], minlength=n_labels * n_labels)  # eq. (confusion)
    # bincount sums in float64; integer weights are exact below 2**53, so cast back.
    cm = cm.reshape(n_labels, n_labels).astype(dtype)
    with np.errstate(all="ignore"):
        if normalize == "true":
            cm = cm / cm.sum(axis=1, keepdims=True)
        elif normalize == "pred":
            cm = cm / cm.sum(axis=0, keepdims=True)
        elif normalize == "all":
            cm = cm / cm.sum()
        cm = np.nan_to_num(cm)
    if cm.shape == (1, 1):
        warnings.warn(
            "A single label was found in 'y_true' and 'y_pred'. For the confusion "
            "matrix to have the correct shape, use the 'labels' parameter to pass "
            "all known labels.",
            UserWarning,
            stacklevel=2,
        )
    return cm


def _label_index(values, labels):
    """Position of each value in ``labels`` (any order); ``len(labels)`` if absent."""
    order = np.argsort(labels, kind="stable")
    sorted_labels = labels[order]
    pos = np.clip(np.searchsorted(sorted_labels, values), 0, labels.shape[0] - 1)
    return np.where(sorted_labels[pos] == values, order[pos], labels.shape[0])


def multilabel_confusion_matrix(
    y_true, y_pred, *, sample_weight=None, labels=None, samplewise=False
):
    r"""One-vs-rest 2 x 2 confusion matrix per label (or per sample).

    Entry ``[k]`` is ``[[tn, fp], [fn, tp]]`` for label :math:`\ell_k`:

    .. math::
       :label: mcm

       tp_k = \sum_i w_i [y_i = \ell_k][\hat y_i = \ell_k], \quad
       fp_k = \sum_i w_i [\hat y_i = \ell_k] - tp_k, \quad
       fn_k = \sum_i w_i [y_i = \ell_k] - tp_k, \quad
       tn_k = \sum_i w_i - tp_k - fp_k - fn_k

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,) or (n_samples, n_labels)
        Labels, or binary indicator matrices (multilabel).
    sample_weight : array-like of shape (n_samples,), default=None
    labels : array-like, default=None
        Labels (or, for multilabel, column indices) to report, in this order.
    samplewise : bool, default=False
        Multilabel only: one matrix per sample instead of per label.

    Returns
    -------
    multi_confusion : ndarray of shape (n_outputs, 2, 2)

    Raises
    ------
    ValueError
        ``samplewise`` for non-multilabel input; multilabel ``labels`` outside
        ``[0, n_labels)``.

    Examples
    --------
    >>> multilabel_confusion_matrix([1, 0, 1], [1, 1, 1])
    array([[[2, 0],
            [1, 0]],
    <BLANKLINE>
           [[0, 1],
            [0, 2]]])
    """
    y_type, present, y_true, y_pred, sample_weight = check_classification_pair(
        y_true, y_pred, sample_weight
    )
    if labels is None:
        labels = present
        n_labels = None
    else:
        labels = np.asarray(labels)
        n_labels = labels.shape[0]
        labels = np.concatenate([labels, np.setdiff1d(present, labels, assume_unique=True)])
    if y_true.ndim == 1:
        if samplewise:
            raise ValueError(
                "Samplewise metrics are not available outside of multilabel classification."
            )
        classes = np.unique(labels)
        t = encode(y_true, classes)
        p = encode(y_pred, classes)
        hit = t == p
        w_hit = None if sample_weight is None else sample_weight[hit]
        if hit.any():
            tp_sum = np.bincount(t[hit], weights=w_hit, minlength=labels.shape[0])  # eq. (mcm)
        else:
            tp_sum = np.zeros(labels.shape[0])
        pred_sum = np.bincount(p, weights=sample_weight, minlength=labels.shape[0])
        true_sum = np.bincount(t, weights=sample_weight, minlength=labels.shape[0])
        order = np.searchsorted(classes, labels[:n_labels])
        tp_sum, true_sum, pred_sum = tp_sum[order], true_sum[order], pred_sum[order]
    else:
        axis = 1 if samplewise else 0
        if labels.shape != present.shape or np.any(labels != present):
            if labels.max() > present.max():
                raise ValueError(
                    "All labels must be in [0, n labels) for multilabel targets. "
                    f"Got {labels.max()} > {present.max()}"
                )
            if labels.min() < 0:
                raise ValueError(
                    "All labels must be in [0, n labels) for multilabel targets. "
                    f"Got {labels.min()} < 0"
                )
        if n_labels is not None:
            y_true = y_true[:, labels[:n_labels]]
            y_pred = y_pred[:, labels[:n_labels]]
        tp_sum = _weighted_count_nonzero(y_true * y_pred, axis, sample_weight)
        pred_sum = _weighted_count_nonzero(y_pred, axis, sample_weight)
        true_sum = _weighted_count_nonzero(y_true, axis, sample_weight)
    fp = pred_sum - tp_sum
    fn = true_sum - tp_sum
    tp = tp_sum
    if sample_weight is not None and samplewise:
        tn = sample_weight * y_true.shape[1] - tp - fp - fn
    elif sample_weight is not None:
        tn = sample_weight.sum() - tp - fp - fn
    elif samplewise:
        tn = y_true.shape[1] - tp - fp - fn
    else:
        tn = y_true.shape[0] - tp - fp - fn
    return np.stack([tn, fp, fn, tp]).T.reshape(-1, 2, 2)


def _weighted_count_nonzero(Y, axis, sample_weight):
    """Number (or total weight) of non-zero entries of indicator matrix ``Y`` along ``axis``."""
    nonzero = (Y != 0).astype(np.int64)
    if sample_weight is None:
        return nonzero.sum(axis=axis)
    if axis == 0:
        return sample_weight @ nonzero
    return nonzero.sum(axis=1) * sample_weight


def matthews_corrcoef(y_true, y_pred, *, sample_weight=None):
    r"""Matthews correlation coefficient (multiclass :math:`R_K` of Gorodkin).

    With :math:`C` the confusion matrix (eq. :eq:`confusion`), :math:`t_k`
    its row sums, :math:`p_k` its column sums, :math:`c` its trace and
    :math:`s` its total:

    .. math::
       :label: mcc

       \mathrm{MCC} = \frac{c\,s - t \cdot p}
                          {\sqrt{(s^2 - p \cdot p)(s^2 - t \cdot t)}}

    Defined as 0 when the denominator is 0 (a constant prediction or target).

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
    sample_weight : array-like of shape (n_samples,), default=None

    Returns
    -------
    mcc : float
        In [-1, 1].

    Raises
    ------
    ValueError
        Multilabel input.

    References
    ----------
    Matthews, B. W. (1975). Biochim. Biophys. Acta 405(2), 442-451.
    Gorodkin, J. (2004). Comparing two K-category assignments by a K-category
    correlation coefficient. Comput. Biol. Chem. 28(5), 367-374, eq. (8).

    Examples
    --------
    >>> round(matthews_corrcoef([1, 1, 1, 0], [1, 0, 1, 1]), 4)
    -0.3333
    """
    y_type, _, y_true, y_pred, sample_weight = check_classification_pair(
        y_true, y_pred, sample_weight
    )
    if y_type not in ("binary", "multiclass"):
        raise ValueError(f"{y_type} is not supported")
    classes = np.unique(np.concatenate([y_true, y_pred]))
    C = confusion_matrix(encode(y_true, classes), encode(y_pred, classes), sample_weight=sample_weight)
    t_sum = C.sum(axis=1, dtype=np.float64)
    p_sum = C.sum(axis=0, dtype=np.float64)
    n_correct = np.trace(C, dtype=np.float64)
    n_samples = p_sum.sum()
    cov_ytyp = n_correct * n_samples - np.dot(t_sum, p_sum)  # eq. (mcc)
    cov_ypyp = n_samples**2 - np.dot(p_sum, p_sum)
    cov_ytyt = n_samples**2 - np.dot(t_sum, t_sum)
    denominator = cov_ypyp * cov_ytyt
    if denominator == 0:
        return 0.0
    return float(cov_ytyp / np.sqrt(denominator))


def balanced_accuracy_score(y_true, y_pred, *, sample_weight=None, adjusted=False):
    r"""Mean of the per-class recalls.

    .. math::
       :label: balanced-accuracy

       \mathrm{BA} = \frac{1}{K} \sum_{k=1}^{K} \frac{C_{kk}}{\sum_j C_{kj}},
       \qquad \mathrm{BA}_{\mathrm{adj}} = \frac{\mathrm{BA} - 1/K}{1 - 1/K}

    over the :math:`K` classes present in ``y_true``.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
    sample_weight : array-like of shape (n_samples,), default=None
    adjusted : bool, default=False
        Rescale so that chance scores 0 and perfect scores 1.

    Returns
    -------
    balanced_accuracy : float

    Warns
    -----
    UserWarning
        When ``y_pred`` holds classes absent from ``y_true`` (they are skipped).

    References
    ----------
    Brodersen, Ong, Stephan & Buhmann (2010). The balanced accuracy and its
    posterior distribution. ICPR, 3121-3124. doi:10.1109/ICPR.2010.764

    Examples
    --------
    >>> balanced_accuracy_score([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1])
    0.625
    """
    C = confusion_matrix(y_true, y_pred, sample_weight=sample_weight)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_class = np.diag(C) / C.sum(axis=1)  # eq. (balanced-accuracy)
    if np.isnan(per_class).any():
        warnings.warn("y_pred contains classes not in y_true", UserWarning, stacklevel=2)
        per_class = per_class[~np.isnan(per_class)]
    score = per_class.mean()
    if adjusted:
        chance = 1 / per_class.shape[0]
        score = (score - chance) / (1 - chance)
    return float(score)


def log_loss(y_true, y_proba, *, normalize=True, sample_weight=None, labels=None):
    r"""Cross-entropy of predicted class probabilities.

    With :math:`T` the one-hot encoding of ``y_true`` over the sorted labels
    and :math:`P` the probabilities clipped to :math:`[\epsilon, 1-\epsilon]`
    (:math:`\epsilon` the machine epsilon, so :math:`\log 0` never occurs):

    .. math::
       :label: log-loss

       L = -\frac{1}{\sum_i w_i} \sum_{i=1}^{N} w_i \sum_{k=1}^{K} T_{ik} \log P_{ik}

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels.
    y_proba : array-like of shape (n_samples, n_classes) or (n_samples,)
        Probabilities, columns in the sorted order of the labels; a 1-D array
        is the probability of the positive (larger) label.
    normalize : bool, default=True
        Mean over samples; if False, the (weighted) sum.
    sample_weight : array-like of shape (n_samples,), default=None
    labels : array-like, default=None
        All labels, when ``y_true`` does not contain them all.

    Returns
    -------
    loss : float

    Raises
    ------
    ValueError
        Probabilities outside [0, 1], a single label, labels missing from
        ``labels``, or a column count different from the number of labels.

    Warns
    -----
    UserWarning
        Rows not summing to one (tolerance :math:`\sqrt{\epsilon}`), or
        ``labels`` not in sorted order.

    References
    ----------
    Bishop, *Pattern Recognition and Machine Learning*, §4.3.4, eq. (4.108).

    Examples
    --------
    >>> round(log_loss(["spam", "ham", "ham", "spam"],
    ...                [[.1, .9], [.9, .1], [.8, .2], [.35, .65]]), 6)
    0.216162
    """
    y_proba = check_array(y_proba, ensure_2d=False, dtype=[np.float64, np.float32], input_name="y_proba")
    if y_proba.max() > 1:
        raise ValueError(f"y_prob contains values greater than 1: {y_proba.max()}")
    if y_proba.min() < 0:
        raise ValueError(f"y_prob contains values lower than 0: {y_proba.min()}")
    y_true = _to_ndarray(y_true, "y_true")
    check_consistent_length(y_proba, y_true, sample_weight)
    sample_weight = check_metric_weight(sample_weight, y_true.shape[0])
    T, classes = _one_hot(y_true, labels)
    if y_proba.ndim == 1:
        y_proba = y_proba[:, None]
    if y_proba.shape[1] == 1:
        y_proba = np.concatenate([1 - y_proba, y_proba], axis=1)
    eps = np.finfo(y_proba.dtype).eps
    if not np.allclose(y_proba.sum(axis=1), 1, rtol=np.sqrt(eps), atol=0):
        warnings.warn(
            "The y_prob values do not sum to one. Make sure to pass probabilities.",
            UserWarning,
            stacklevel=2,
        )
    if classes.shape[0] != y_proba.shape[1]:
        if labels is None:
            raise ValueError(
                "y_true and y_prob contain different number of classes: "
                f"{T.shape[1]} vs {y_proba.shape[1]}. Please provide the true labels "
                f"explicitly through the labels argument. Classes found in y_true: {classes}"
            )
        raise ValueError(
            "The number of classes in labels is different from that in y_prob. "
            f"Classes found in labels: {classes}"
        )
    # Clip so that a confidently wrong 0 costs -log(eps) instead of inf.
    P = np.clip(y_proba, eps, 1 - eps)
    per_sample = -(T.astype(P.dtype) * np.log(P)).sum(axis=1)  # eq. (log-loss)
    if not normalize:
        return float(per_sample.sum() if sample_weight is None else per_sample @ sample_weight)
    return float(np.average(per_sample, weights=sample_weight))


def _one_hot(y_true, labels):
    """One-hot encode ``y_true`` over sorted ``labels`` (two columns for binary)."""
    if labels is not None:
        shown, labels = labels, np.asarray(labels)
        classes = np.unique(labels)
        if classes.shape != labels.shape or np.any(classes != labels):
            warnings.warn(
                f"Labels passed were {shown}. But this function assumes labels are "
                f"ordered lexicographically. Pass the ordered labels={classes.tolist()} "
                "and ensure that the columns of y_prob correspond to this ordering.",
                UserWarning,
                stacklevel=3,
            )
        if not np.isin(y_true, labels).all():
            raise ValueError(
                f"y_true contains values {set(y_true.tolist()) - set(labels.tolist())} "
                f"not belonging to the passed labels {shown}."
            )
    else:
        classes = np.unique(y_true)
    if classes.shape[0] == 1:
        if labels is None:
            raise ValueError(
                f"y_true contains only one label ({classes[0]}). Please provide the list "
                "of all expected class labels explicitly through the labels argument."
            )
        raise ValueError(f"The labels array needs to contain at least two labels, got {classes}.")
    T = (y_true.ravel()[:, None] == classes[None, :]).astype(np.int64)
    return T, classes
