"""Object-detection metrics: box IoU and mean average precision (VOC and COCO styles)."""

import numpy as np

__all__ = ["iou", "mean_average_precision"]

_INTERPOLATIONS = ("all_point", "11_point", "101_point")


def _check_boxes(boxes, name):
    boxes = np.asarray(boxes, dtype=np.float64)
    if boxes.size == 0:
        return boxes.reshape(0, 4)
    if boxes.ndim != 2 or boxes.shape[1] != 4:
        raise ValueError(f"{name} must have shape (n_boxes, 4) as (x1, y1, x2, y2); got {boxes.shape}.")
    if not np.isfinite(boxes).all():
        raise ValueError(f"{name} contains NaN or infinity.")
    if np.any(boxes[:, 2] < boxes[:, 0]) or np.any(boxes[:, 3] < boxes[:, 1]):
        raise ValueError(f"{name} must satisfy x2 >= x1 and y2 >= y1.")
    return boxes


def iou(boxes_a, boxes_b):
    r"""Intersection over union of every pair of axis-aligned boxes.

    For boxes :math:`A = (x_1, y_1, x_2, y_2)` and :math:`B` in continuous
    coordinates (area :math:`(x_2 - x_1)(y_2 - y_1)`, no "+1" pixel convention):

    .. math::
       :label: box-iou

       \mathrm{IoU}(A, B) = \frac{|A \cap B|}{|A| + |B| - |A \cap B|}, \qquad
       |A \cap B| = [\min(x_2^A, x_2^B) - \max(x_1^A, x_1^B)]_+ \,
                    [\min(y_2^A, y_2^B) - \max(y_1^A, y_1^B)]_+

    Parameters
    ----------
    boxes_a : array-like of shape (n_a, 4)
    boxes_b : array-like of shape (n_b, 4)
        Corners ``(x1, y1, x2, y2)`` with ``x2 >= x1`` and ``y2 >= y1``.

    Returns
    -------
    iou : ndarray of shape (n_a, n_b)
        In [0, 1]; 0 where the union is empty (two degenerate boxes).

    Raises
    ------
    ValueError
        Wrong shape, NaN/inf, or inverted corners.

    Examples
    --------
    >>> iou([[0, 0, 10, 10]], [[5, 0, 15, 10], [0, 0, 10, 10]]).round(4)
    array([[0.3333, 1.    ]])
    """
    A = _check_boxes(boxes_a, "boxes_a")
    B = _check_boxes(boxes_b, "boxes_b")
    area_a = (A[:, 2] - A[:, 0]) * (A[:, 3] - A[:, 1])
    area_b = (B[:, 2] - B[:, 0]) * (B[:, 3] - B[:, 1])
    # (n_a, n_b) overlap widths and heights, clipped at 0 for disjoint boxes.
    w = np.clip(np.minimum(A[:, None, 2], B[None, :, 2]) - np.maximum(A[:, None, 0], B[None, :, 0]), 0, None)
    h = np.clip(np.minimum(A[:, None, 3], B[None, :, 3]) - np.maximum(A[:, None, 1], B[None, :, 1]), 0, None)
    inter = w * h
    union = area_a[:, None] + area_b[None, :] - inter
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(union > 0, inter / union, 0.0)  # eq. (box-iou)


def _match(detections, ground_truths, label, threshold):
    """Greedy matching of one class's detections, highest score first.

    Returns the scores and TP flags of all detections of ``label`` and the
    number of ground-truth boxes of ``label``. A detection is a true positive
    when the not-yet-matched ground truth of its image with the highest IoU
    has IoU >= ``threshold``; that ground truth is then used up, so a second
    detection of the same object is a false positive.
    """
    scores, flags, n_gt = [], [], 0
    for det, gt in zip(detections, ground_truths):
        gt_boxes = _check_boxes(gt["boxes"], "ground truth boxes")[np.asarray(gt["labels"]) == label]
        n_gt += gt_boxes.shape[0]
        keep = np.asarray(det["labels"]) == label
        det_boxes = _check_boxes(det["boxes"], "detection boxes")[keep]
        det_scores = np.asarray(det["scores"], dtype=np.float64)[keep]
        order = np.argsort(-det_scores, kind="stable")
        overlaps = iou(det_boxes[order], gt_boxes)
        used = np.zeros(gt_boxes.shape[0], dtype=bool)
        for row in range(order.shape[0]):
            candidates = np.where(used, -1.0, overlaps[row])
            best = int(np.argmax(candidates)) if candidates.size else -1
            hit = best >= 0 and candidates[best] >= threshold
            if hit:
                used[best] = True
            flags.append(hit)
            scores.append(det_scores[order[row]])
    return np.asarray(scores, dtype=np.float64), np.asarray(flags, dtype=bool), n_gt


def _average_precision(tp, n_gt, interpolation):
    r"""AP from TP flags sorted by decreasing score (eqs. (ap-all), (ap-11), (ap-101))."""
    tp_cum = np.cumsum(tp)
    fp_cum = np.cumsum(~tp)
    recall = tp_cum / n_gt
    precision = tp_cum / np.maximum(tp_cum + fp_cum, np.finfo(np.float64).tiny)
    if interpolation == "11_point":
        points = np.linspace(0.0, 1.0, 11)
        return float(np.mean([precision[recall >= t].max() if np.any(recall >= t) else 0.0
                              for t in points]))  # eq. (ap-11)
    # Precision envelope: the best precision at this recall or any higher one.
    envelope = np.maximum.accumulate(precision[::-1])[::-1] if precision.size else precision
    if interpolation == "101_point":
        points = np.linspace(0.0, 1.0, 101)
        idx = np.searchsorted(recall, points, side="left")  # first n with r_n >= r
        reached = idx < recall.shape[0]
        q = np.zeros(points.shape[0])
        q[reached] = envelope[idx[reached]]
        return float(np.mean(q))  # eq. (ap-101)
    r = np.concatenate([[0.0], recall])
    p = np.concatenate([envelope, [0.0]])
    return float(np.sum((r[1:] - r[:-1]) * p[:-1]))  # eq. (ap-all)


def mean_average_precision(
    detections, ground_truths, *, iou_thresholds=0.5, interpolation="all_point",
    return_per_class=False,
):
    r"""Mean average precision of an object detector over classes and IoU thresholds.

    For each class and IoU threshold :math:`t`, detections from all images are
    ranked by score and matched greedily (each ground-truth box at most once,
    IoU :math:`\ge t`, eq. :eq:`box-iou`), giving precision :math:`p_n` and
    recall :math:`r_n` after the :math:`n`-th detection. With the precision
    envelope :math:`\tilde p(r) = \max_{r_n \ge r} p_n`:

    .. math::
       :label: ap-all

       \mathrm{AP}_{\mathrm{all}} = \sum_n (r_n - r_{n-1})\,\tilde p(r_n)
       \quad \text{(VOC 2010+, every recall step)}

    .. math::
       :label: ap-11

       \mathrm{AP}_{11} = \frac{1}{11}\sum_{r \in \{0, 0.1, \dots, 1\}} \tilde p(r)
       \quad \text{(VOC 2007)}

    .. math::
       :label: ap-101

       \mathrm{AP}_{101} = \frac{1}{101}\sum_{r \in \{0, 0.01, \dots, 1\}} \tilde p(r)
       \quad \text{(COCO)}

    where :math:`\tilde p(r) = 0` beyond the highest recall reached. mAP is
    the mean over classes that have ground truth, then over thresholds. COCO
    "AP" is ``iou_thresholds=np.linspace(0.5, 0.95, 10)`` with
    ``interpolation='101_point'``.

    Parameters
    ----------
    detections : list of dict, one per image
        ``{"boxes": (n, 4) array, "scores": (n,) array, "labels": (n,) array}``.
    ground_truths : list of dict, one per image (same order)
        ``{"boxes": (m, 4) array, "labels": (m,) array}``.
    iou_thresholds : float or array-like of float in (0, 1], default=0.5
    interpolation : {'all_point', '11_point', '101_point'}, default='all_point'
    return_per_class : bool, default=False
        Also return a dict ``{label: AP averaged over thresholds}``.

    Returns
    -------
    map : float
        NaN when no class has a ground-truth box.
    per_class : dict
        Only when ``return_per_class=True``.

    Raises
    ------
    ValueError
        Different numbers of images, bad boxes, thresholds outside (0, 1],
        unknown ``interpolation``.

    Notes
    -----
    Matching follows the COCO evaluation (the highest-IoU *unmatched* ground
    truth); the VOC devkit instead takes the highest-IoU ground truth overall
    and counts the detection as a duplicate if it is taken, which can differ
    when two ground truths overlap one detection. "Difficult"/"crowd" flags
    are not supported.

    References
    ----------
    Everingham, M. et al. (2010). The PASCAL Visual Object Classes (VOC)
    challenge. IJCV 88, 303-338, §4.2 (11-point AP). doi:10.1007/s11263-009-0275-4
    Lin, T.-Y. et al. (2014). Microsoft COCO: common objects in context. ECCV,
    arXiv:1405.0312 (AP over IoU 0.50:0.05:0.95, 101 recall points).

    Examples
    --------
    >>> gts = [{"boxes": [[0, 0, 10, 10]], "labels": [1]}]
    >>> dets = [{"boxes": [[0, 0, 10, 10], [50, 50, 60, 60]], "scores": [0.9, 0.8], "labels": [1, 1]}]
    >>> mean_average_precision(dets, gts)
    1.0
    """
    if interpolation not in _INTERPOLATIONS:
        raise ValueError(f"interpolation={interpolation!r} must be one of {_INTERPOLATIONS}.")
    if len(detections) != len(ground_truths):
        raise ValueError(
            f"detections has {len(detections)} images but ground_truths has {len(ground_truths)}."
        )
    thresholds = np.atleast_1d(np.asarray(iou_thresholds, dtype=np.float64))
    if thresholds.size == 0 or np.any((thresholds <= 0) | (thresholds > 1)):
        raise ValueError(f"iou_thresholds={iou_thresholds!r} must lie in (0, 1].")
    labels = set()
    for gt in ground_truths:
        labels.update(np.asarray(gt["labels"]).tolist())
    per_class = {}
    for label in sorted(labels):
        aps = []
        for t in thresholds:
            scores, tp, n_gt = _match(detections, ground_truths, label, t)
            order = np.argsort(-scores, kind="stable")  # rank across images
            aps.append(_average_precision(tp[order], n_gt, interpolation))
        per_class[label] = float(np.mean(aps))
    value = float(np.mean(list(per_class.values()))) if per_class else float("nan")
    if return_per_class:
        return value, per_class
    return value
