"""Ranking metrics against scikit-learn on hypothesis-generated scores.

Scores are drawn from a few values so that ties are frequent: ties decide
which thresholds exist and how tied samples enter the curves together.
Tolerance 1e-12: cumulative (weighted) counts and trapezoids, same
operations as scikit-learn up to summation order.
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn import metrics as skm

from scratchml import metrics as sm
from scratchml.exceptions import UndefinedMetricWarning

from ._oracle import assert_same

scores = st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.5, 0.75, 0.9, 1.0])


@st.composite
def binary_scores(draw):
    n = draw(st.integers(1, 25))
    y = np.array(draw(st.lists(st.integers(0, 1), min_size=n, max_size=n)))
    s = np.array(draw(st.lists(scores, min_size=n, max_size=n)))
    w = None
    if draw(st.booleans()):
        w = np.array(draw(st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.0]), min_size=n, max_size=n)))
    return y, s, w


@given(binary_scores(), st.booleans())
def test_roc_curve_matches_sklearn(data, drop_intermediate):
    y, s, w = data
    assert_same(sm.roc_curve, skm.roc_curve, y, s, sample_weight=w,
                drop_intermediate=drop_intermediate)


@given(binary_scores(), st.booleans())
def test_precision_recall_curve_matches_sklearn(data, drop_intermediate):
    y, s, w = data
    assert_same(sm.precision_recall_curve, skm.precision_recall_curve, y, s, sample_weight=w,
                drop_intermediate=drop_intermediate)


@given(binary_scores(), st.sampled_from([None, 0.1, 0.5, 0.8, 1.0]))
def test_roc_auc_score_binary_matches_sklearn(data, max_fpr):
    y, s, w = data
    assert_same(sm.roc_auc_score, skm.roc_auc_score, y, s, sample_weight=w, max_fpr=max_fpr)
    assert_same(sm.average_precision_score, skm.average_precision_score, y, s, sample_weight=w)


@st.composite
def multilabel_scores(draw):
    n = draw(st.integers(2, 15))
    m = draw(st.integers(2, 3))
    Y = np.array(draw(st.lists(st.lists(st.integers(0, 1), min_size=m, max_size=m),
                               min_size=n, max_size=n)))
    S = np.array(draw(st.lists(st.lists(scores, min_size=m, max_size=m), min_size=n, max_size=n)))
    w = None
    if draw(st.booleans()):
        w = np.array(draw(st.lists(st.sampled_from([0.5, 1.0, 2.0]), min_size=n, max_size=n)))
    return Y, S, w


@given(multilabel_scores(), st.sampled_from([None, "micro", "macro", "weighted", "samples"]))
def test_multilabel_roc_auc_and_average_precision_match_sklearn(data, average):
    Y, S, w = data
    assert_same(sm.roc_auc_score, skm.roc_auc_score, Y, S, sample_weight=w, average=average)
    assert_same(sm.average_precision_score, skm.average_precision_score, Y, S,
                sample_weight=w, average=average)


@st.composite
def multiclass_scores(draw):
    k = draw(st.integers(3, 4))
    n = draw(st.integers(k, 20))
    y = np.array(draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)))
    y[:k] = np.arange(k)  # every class present
    raw = np.array(draw(st.lists(st.lists(st.sampled_from([0.5, 1.0, 2.0, 4.0]),
                                          min_size=k, max_size=k), min_size=n, max_size=n)))
    P = raw / raw.sum(axis=1, keepdims=True)
    w = None
    if draw(st.booleans()):
        w = np.array(draw(st.lists(st.sampled_from([0.5, 1.0, 2.0]), min_size=n, max_size=n)))
    return y, P, w


@given(multiclass_scores(), st.sampled_from(["ovr", "ovo"]),
       st.sampled_from([None, "micro", "macro", "weighted"]))
def test_multiclass_roc_auc_matches_sklearn(data, multi_class, average):
    y, P, w = data
    if multi_class == "ovo":
        w = None
    assert_same(sm.roc_auc_score, skm.roc_auc_score, y, P, sample_weight=w,
                multi_class=multi_class, average=average)
    assert_same(sm.average_precision_score, skm.average_precision_score, y, P,
                sample_weight=w, average=average or "macro")


def test_roc_auc_equals_mann_whitney_probability():
    # AUC = P(score_pos > score_neg) + 0.5 P(tie): check against the pair count.
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 40)
    s = rng.integers(0, 5, 40).astype(float)
    pos, neg = s[y == 1], s[y == 0]
    diff = pos[:, None] - neg[None, :]
    expected = ((diff > 0).sum() + 0.5 * (diff == 0).sum()) / diff.size
    assert sm.roc_auc_score(y, s) == pytest.approx(expected, abs=1e-12)


def test_ranking_errors_and_warnings_match_sklearn():
    cases = [
        (sm.roc_auc_score, skm.roc_auc_score, [1, 1, 1], [0.1, 0.5, 0.3], {}),  # one class
        (sm.roc_curve, skm.roc_curve, [0, 0], [0.1, 0.5], {}),  # no positives
        (sm.roc_curve, skm.roc_curve, [1, 1], [0.1, 0.5], {}),  # no negatives
        (sm.roc_curve, skm.roc_curve, [1, 2], [0.1, 0.5], {}),  # labels need pos_label
        (sm.roc_curve, skm.roc_curve, ["a", "b"], [0.1, 0.5], {"pos_label": "b"}),
        (sm.precision_recall_curve, skm.precision_recall_curve, [0, 0], [0.1, 0.5], {}),
        (sm.roc_auc_score, skm.roc_auc_score, [0, 1, 2], np.eye(3), {}),  # multi_class='raise'
        (sm.roc_auc_score, skm.roc_auc_score, [0, 1, 2], np.eye(3) * 2, {"multi_class": "ovr"}),
        (sm.roc_auc_score, skm.roc_auc_score, [0, 1, 2], np.eye(3),
         {"multi_class": "ovr", "max_fpr": 0.5}),
        (sm.roc_auc_score, skm.roc_auc_score, [0, 1, 2], np.eye(3),
         {"multi_class": "ovo", "average": None}),
        (sm.roc_auc_score, skm.roc_auc_score, [0, 1, 2], np.eye(3),
         {"multi_class": "ovr", "labels": [0, 2, 1]}),
        (sm.roc_auc_score, skm.roc_auc_score, [0, 1, 0], [0.2, 0.3, 0.1], {"max_fpr": 0.0}),
        (sm.average_precision_score, skm.average_precision_score, [0, 2], [0.2, 0.3], {}),
        (sm.auc, skm.auc, [0.0, 1.0, 0.5], [0.0, 1.0, 1.0], {}),  # not monotonic
        (sm.auc, skm.auc, [1.0, 0.5, 0.0], [1.0, 1.0, 0.0], {}),  # decreasing
        (sm.auc, skm.auc, [1.0], [1.0], {}),
    ]
    for ours, theirs, a, b, kw in cases:
        assert_same(ours, theirs, a, b, **kw)


def test_single_class_roc_auc_warns_undefined_metric_warning():
    with pytest.warns(UndefinedMetricWarning, match="Only one class"):
        assert np.isnan(sm.roc_auc_score([0, 0], [0.2, 0.4]))
