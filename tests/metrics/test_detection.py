"""Box IoU and detection mAP: hand-computed worked example and invariants.

No reference implementation is installed (pycocotools/torchmetrics), so the
values are checked against the example worked out by hand in
docs/algorithms/metrics.rst, against brute-force geometry, and against
properties that must hold for any detector.
"""

import numpy as np
import pytest

from scratchml.metrics import iou, mean_average_precision

GTS = [
    {"boxes": [[0, 0, 10, 10], [20, 20, 30, 30]], "labels": [0, 0]},
    {"boxes": [[0, 0, 10, 10]], "labels": [0]},
]
DETS = [
    {"boxes": [[0, 0, 10, 10], [1, 0, 11, 10], [20, 20, 30, 32]],
     "scores": [0.9, 0.7, 0.6], "labels": [0, 0, 0]},
    {"boxes": [[5, 0, 15, 10]], "scores": [0.8], "labels": [0]},
]


def test_iou_matches_pixel_count():
    # Integer boxes: IoU = shared unit cells / cells in either box.
    rng = np.random.default_rng(0)
    corners = rng.integers(0, 12, size=(20, 4))
    boxes = np.column_stack([np.minimum(corners[:, 0], corners[:, 2]), np.minimum(corners[:, 1], corners[:, 3]),
                             np.maximum(corners[:, 0], corners[:, 2]), np.maximum(corners[:, 1], corners[:, 3])])
    grid = np.zeros((20, 12, 12), dtype=bool)
    for k, (x1, y1, x2, y2) in enumerate(boxes):
        grid[k, x1:x2, y1:y2] = True
    inter = (grid[:, None] & grid[None, :]).sum(axis=(2, 3))
    union = (grid[:, None] | grid[None, :]).sum(axis=(2, 3))
    expected = np.where(union > 0, inter / np.maximum(union, 1), 0.0)
    np.testing.assert_allclose(iou(boxes, boxes), expected, atol=1e-15)


def test_iou_errors():
    with pytest.raises(ValueError, match="shape"):
        iou([[0, 0, 1]], [[0, 0, 1, 1]])
    with pytest.raises(ValueError, match="x2 >= x1"):
        iou([[2, 0, 1, 1]], [[0, 0, 1, 1]])


@pytest.mark.parametrize("interpolation", ["all_point", "11_point", "101_point"])
def test_map_worked_example_at_iou_half(interpolation):
    # docs/algorithms/metrics.rst: recall (1/3, 1/3, 1/3, 2/3), precision (1, 1/2, 1/3, 1/2).
    assert mean_average_precision(DETS, GTS, interpolation=interpolation) == pytest.approx(0.5, abs=1e-15)


def test_map_worked_example_coco():
    # 7 thresholds (0.50..0.80) give 0.5; at 0.85, 0.90, 0.95 only d1 matches: 34/101.
    value = mean_average_precision(DETS, GTS, iou_thresholds=np.linspace(0.5, 0.95, 10),
                                   interpolation="101_point")
    assert value == pytest.approx((7 * 0.5 + 3 * 34 / 101) / 10, abs=1e-15)


def test_map_perfect_detector_and_no_detections():
    perfect = [{"boxes": g["boxes"], "scores": np.ones(len(g["labels"])), "labels": g["labels"]}
               for g in GTS]
    for interpolation in ["all_point", "11_point", "101_point"]:
        assert mean_average_precision(perfect, GTS, interpolation=interpolation) == 1.0
    empty = [{"boxes": np.zeros((0, 4)), "scores": [], "labels": []} for _ in GTS]
    assert mean_average_precision(empty, GTS) == 0.0


def test_map_per_class_and_invariance_to_image_order():
    gts = GTS + [{"boxes": [[0, 0, 5, 5]], "labels": [3]}]
    dets = DETS + [{"boxes": [[0, 0, 5, 4]], "scores": [0.5], "labels": [3]}]
    value, per_class = mean_average_precision(dets, gts, return_per_class=True)
    assert per_class == {0: pytest.approx(0.5), 3: 1.0}
    assert value == pytest.approx(0.75)
    assert mean_average_precision(dets[::-1], gts[::-1]) == pytest.approx(value, abs=1e-15)


def test_map_errors():
    with pytest.raises(ValueError, match="images"):
        mean_average_precision(DETS[:1], GTS)
    with pytest.raises(ValueError, match="interpolation"):
        mean_average_precision(DETS, GTS, interpolation="7_point")
    with pytest.raises(ValueError, match="iou_thresholds"):
        mean_average_precision(DETS, GTS, iou_thresholds=1.5)
