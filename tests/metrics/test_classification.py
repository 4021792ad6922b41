"""Classification metrics against scikit-learn on hypothesis-generated labels.

Tolerance 1e-12: every metric here is a ratio of (weighted) counts, computed
in the same order of operations as scikit-learn up to float summation order.
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn import metrics as skm

from scratchml import metrics as sm
from scratchml.exceptions import UndefinedMetricWarning

from ._oracle import assert_close, assert_same

AVERAGES = [None, "binary", "micro", "macro", "weighted"]
ZERO_DIVISION = ["warn", 0.0, 1.0, np.nan]


@st.composite
def label_pairs(draw, max_classes=4, weights=True):
    """(y_true, y_pred, sample_weight): small label sets make ties, single classes,
    all-zero predictions and absent labels common."""
    n = draw(st.integers(1, 25))
    k = draw(st.integers(1, max_classes))
    labels = st.integers(0, k - 1)
    y_true = np.array(draw(st.lists(labels, min_size=n, max_size=n)))
    if draw(st.booleans()):
        y_pred = np.zeros(n, dtype=int)  # all-zero predictions
    else:
        y_pred = np.array(draw(st.lists(labels, min_size=n, max_size=n)))
    w = None
    if weights and draw(st.booleans()):
        w = np.array(draw(st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.5, 3.0]), min_size=n, max_size=n)))
        if w.sum() == 0:
            w[0] = 1.0
    return y_true, y_pred, w


@st.composite
def multilabel_pairs(draw):
    n = draw(st.integers(1, 12))
    m = draw(st.integers(2, 4))
    cell = st.integers(0, 1)
    Y = np.array(draw(st.lists(st.lists(cell, min_size=m, max_size=m), min_size=n, max_size=n)))
    P = np.array(draw(st.lists(st.lists(cell, min_size=m, max_size=m), min_size=n, max_size=n)))
    w = None
    if draw(st.booleans()):
        w = np.array(draw(st.lists(st.sampled_from([0.5, 1.0, 2.0]), min_size=n, max_size=n)))
    return Y, P, w


@given(label_pairs(), st.sampled_from(AVERAGES), st.sampled_from(ZERO_DIVISION),
       st.sampled_from([1, 0]), st.sampled_from([0.0, 0.5, 1.0, 2.0]))
def test_precision_recall_fscore_support_matches_sklearn(data, average, zero_division, pos_label, beta):
    y_true, y_pred, w = data
    kw = dict(average=average, zero_division=zero_division, pos_label=pos_label, sample_weight=w)
    assert_same(sm.precision_recall_fscore_support, skm.precision_recall_fscore_support,
                y_true, y_pred, beta=beta, **kw)
    for ours, theirs in [(sm.precision_score, skm.precision_score),
                         (sm.recall_score, skm.recall_score), (sm.f1_score, skm.f1_score)]:
        assert_same(ours, theirs, y_true, y_pred, **kw)
    assert_same(sm.fbeta_score, skm.fbeta_score, y_true, y_pred, beta=beta, **kw)


@given(label_pairs(), st.sampled_from([None, [2, 0], [1], [0, 1, 2, 3, 5]]),
       st.sampled_from(["macro", "weighted", "micro", None]))
def test_precision_recall_fscore_support_labels_match_sklearn(data, labels, average):
    y_true, y_pred, w = data
    assert_same(sm.precision_recall_fscore_support, skm.precision_recall_fscore_support,
                y_true, y_pred, labels=labels, average=average, sample_weight=w)


@given(multilabel_pairs(), st.sampled_from([None, "micro", "macro", "weighted", "samples"]),
       st.sampled_from(ZERO_DIVISION), st.sampled_from([None, [1, 0], [1]]))
def test_precision_recall_fscore_support_multilabel_matches_sklearn(data, average, zero_division,
                                                                    labels):
    Y, P, w = data
    assert_same(sm.precision_recall_fscore_support, skm.precision_recall_fscore_support,
                Y, P, average=average, zero_division=zero_division, sample_weight=w, labels=labels)
    assert_same(sm.multilabel_confusion_matrix, skm.multilabel_confusion_matrix, Y, P,
                sample_weight=w, samplewise=average == "samples")


@pytest.mark.filterwarnings("ignore:A single label was found")
@given(label_pairs(), st.sampled_from([None, "true", "pred", "all"]),
       st.sampled_from([None, [0, 1], [3, 1, 0], [7]]))
def test_confusion_matrix_matches_sklearn(data, normalize, labels):
    y_true, y_pred, w = data
    cm = assert_same(sm.confusion_matrix, skm.confusion_matrix, y_true, y_pred,
                     labels=labels, sample_weight=w, normalize=normalize)
    if cm is not None and normalize is None:
        ref = skm.confusion_matrix(y_true, y_pred, labels=labels, sample_weight=w)
        assert cm.dtype.kind == ref.dtype.kind  # integer counts stay integer


def test_confusion_matrix_integer_weights_stay_integer():
    cm = sm.confusion_matrix([0, 1, 1], [0, 1, 0], sample_weight=np.array([2, 3, 4]))
    assert cm.dtype == np.int64 and cm.tolist() == [[2, 0], [4, 3]]


@given(label_pairs(), st.sampled_from([None, [0, 2], [3, 1, 0]]))
def test_multilabel_confusion_matrix_multiclass_matches_sklearn(data, labels):
    y_true, y_pred, w = data
    assert_same(sm.multilabel_confusion_matrix, skm.multilabel_confusion_matrix,
                y_true, y_pred, sample_weight=w, labels=labels)


@given(label_pairs())
def test_matthews_and_balanced_accuracy_match_sklearn(data):
    y_true, y_pred, w = data
    assert_same(sm.matthews_corrcoef, skm.matthews_corrcoef, y_true, y_pred, sample_weight=w)
    for adjusted in (False, True):
        assert_same(sm.balanced_accuracy_score, skm.balanced_accuracy_score, y_true, y_pred,
                    sample_weight=w, adjusted=adjusted)
    assert_same(sm.accuracy_score, skm.accuracy_score, y_true, y_pred, sample_weight=w)


@given(label_pairs(max_classes=3), st.booleans(), st.sampled_from(["warn", 0.0, 1.0]),
       st.sampled_from([None, [0, 1, 2], [2, 1]]), st.integers(1, 4))
def test_classification_report_matches_sklearn(data, output_dict, zero_division, labels, digits):
    y_true, y_pred, w = data
    assert_same(sm.classification_report, skm.classification_report, y_true, y_pred,
                labels=labels, sample_weight=w, output_dict=output_dict,
                zero_division=zero_division, digits=digits)


def test_classification_report_multilabel_and_target_names_match_sklearn():
    Y = np.array([[1, 0, 1], [0, 1, 0], [1, 1, 0], [0, 0, 1]])
    P = np.array([[1, 0, 0], [0, 1, 1], [1, 0, 0], [0, 0, 1]])
    for output_dict in (False, True):
        assert_close(
            sm.classification_report(Y, P, target_names=["a", "b", "c"], output_dict=output_dict),
            skm.classification_report(Y, P, target_names=["a", "b", "c"], output_dict=output_dict),
        )
    with pytest.raises(ValueError, match="target_names"):
        sm.classification_report([0, 1], [0, 1], target_names=["a", "b", "c"])


@st.composite
def proba_pairs(draw):
    n = draw(st.integers(2, 20))
    k = draw(st.integers(2, 4))
    y = np.array(draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)))
    raw = np.array(draw(st.lists(st.lists(st.sampled_from([0.0, 0.1, 0.5, 1.0, 3.0]),
                                          min_size=k, max_size=k), min_size=n, max_size=n)))
    raw[raw.sum(axis=1) == 0, 0] = 1.0
    P = raw / raw.sum(axis=1, keepdims=True)
    w = None
    if draw(st.booleans()):
        w = np.array(draw(st.lists(st.sampled_from([0.5, 1.0, 2.0]), min_size=n, max_size=n)))
    return y, P, w, k


@given(proba_pairs(), st.booleans(), st.booleans())
def test_log_loss_matches_sklearn(data, normalize, pass_labels):
    y, P, w, k = data
    labels = list(range(k)) if pass_labels else None
    assert_same(sm.log_loss, skm.log_loss, y, P, normalize=normalize, sample_weight=w, labels=labels)
    if k == 2:  # 1-D probability of the positive class
        assert_same(sm.log_loss, skm.log_loss, y, P[:, 1], sample_weight=w, labels=labels)


def test_log_loss_errors_and_warnings_match_sklearn():
    for y, P, kw in [
        ([0, 0], [[0.5, 0.5], [0.4, 0.6]], {}),  # one label only
        ([0, 1], [[0.5, 0.7], [0.4, 0.6]], {}),  # rows not summing to 1
        ([0, 1], [[1.5, -0.5], [0.4, 0.6]], {}),  # outside [0, 1]
        ([0, 1, 2], [[0.5, 0.5], [0.4, 0.6], [0.2, 0.8]], {}),  # column count
        (["b", "a"], [[0.5, 0.5], [0.4, 0.6]], {"labels": ["b", "a"]}),  # unsorted labels
        ([0, 3], [[0.5, 0.5], [0.4, 0.6]], {"labels": [0, 1]}),  # label not declared
    ]:
        assert_same(sm.log_loss, skm.log_loss, y, P, **kw)


def test_undefined_precision_warns_undefined_metric_warning():
    with pytest.warns(UndefinedMetricWarning, match="Precision is ill-defined"):
        assert sm.precision_score([0, 1, 1], [0, 0, 0]) == 0.0
    with pytest.warns(UndefinedMetricWarning, match="Recall is ill-defined"):
        assert sm.recall_score([0, 0], [0, 1]) == 0.0


def test_error_cases_match_sklearn():
    cases = [
        (sm.f1_score, skm.f1_score, [0, 1, 2], [0, 1, 1], {}),  # multiclass with binary average
        (sm.f1_score, skm.f1_score, [0, 1], [0, 1], {"pos_label": 3}),  # invalid pos_label
        (sm.f1_score, skm.f1_score, [0, 1], [0, 1], {"average": "nope"}),
        (sm.f1_score, skm.f1_score, [0, 1], [0, 1], {"zero_division": 3}),
        (sm.f1_score, skm.f1_score, [0, 1], [0.5, 1.2], {}),  # continuous predictions
        (sm.f1_score, skm.f1_score, [0, 1], [0, 1, 1], {}),  # lengths differ
        (sm.f1_score, skm.f1_score, [0, 2], [0, 2], {"average": "macro", "pos_label": 2}),
        (sm.f1_score, skm.f1_score, [0, 1], [0, 1], {"average": "samples"}),
        (sm.confusion_matrix, skm.confusion_matrix, [0, 1], [0, 1], {"labels": []}),
        (sm.confusion_matrix, skm.confusion_matrix, [0, 1], [0, 1], {"labels": [5]}),
        (sm.confusion_matrix, skm.confusion_matrix, [0, 0], [0, 0], {}),  # 1x1 warning
        (sm.balanced_accuracy_score, skm.balanced_accuracy_score, [0, 0, 1], [0, 2, 1], {}),
        (sm.f1_score, skm.f1_score, [0, "a"], [0, "a"], {}),  # mixed label types
        (sm.multilabel_confusion_matrix, skm.multilabel_confusion_matrix,
         np.eye(3, dtype=int), np.eye(3, dtype=int), {"labels": [0, 5]}),
    ]
    for ours, theirs, y_true, y_pred, kw in cases:
        assert_same(ours, theirs, np.asarray(y_true, dtype=object if "a" in y_true else None),
                    y_pred, **kw)


def test_string_labels_match_sklearn():
    y_true = np.array(["cat", "dog", "dog", "bird", "cat"])
    y_pred = np.array(["cat", "cat", "dog", "bird", "bird"])
    for average in [None, "macro", "weighted", "micro"]:
        assert_same(sm.precision_recall_fscore_support, skm.precision_recall_fscore_support,
                    y_true, y_pred, average=average)
    assert_same(sm.f1_score, skm.f1_score, y_true == "cat", y_pred == "cat", pos_label=True)
    assert_same(sm.confusion_matrix, skm.confusion_matrix, y_true, y_pred, labels=["dog", "cat"])
    assert_same(sm.matthews_corrcoef, skm.matthews_corrcoef, y_true, y_pred)
    assert_same(sm.classification_report, skm.classification_report, y_true, y_pred)
