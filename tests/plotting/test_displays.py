"""Displays draw what scikit-learn's displays draw, computed by scratchml's metrics."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from sklearn import metrics as skm
from sklearn.model_selection import learning_curve as sk_learning_curve

from scratchml.datasets import load_breast_cancer, load_iris
from scratchml.linear_model import LogisticRegression
from scratchml.pipeline import make_pipeline
from scratchml.plotting import (
    ConfusionMatrixDisplay,
    DecisionBoundaryDisplay,
    LearningCurveDisplay,
    PrecisionRecallDisplay,
    RocCurveDisplay,
    ValidationCurveDisplay,
    plot_learning_curve,
    plot_validation_curve,
)
from scratchml.preprocessing import StandardScaler


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def binary_model():
    X, y = load_breast_cancer(return_X_y=True)
    model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X[::2], y[::2])
    return model, X[1::2], y[1::2]


@pytest.mark.parametrize("normalize", [None, "true", "all"])
def test_confusion_matrix_display_same_matrix_as_sklearn(normalize):
    X, y = load_iris(return_X_y=True)
    model = LogisticRegression().fit(X, y)
    ours = ConfusionMatrixDisplay.from_estimator(model, X, y, normalize=normalize)
    ref = skm.ConfusionMatrixDisplay.from_predictions(y, model.predict(X), normalize=normalize)
    # Same counts from the same predictions; normalised values to rounding.
    np.testing.assert_allclose(ours.confusion_matrix, ref.confusion_matrix, rtol=1e-12)
    assert ours.text_.shape == (3, 3) and ours.im_ is not None
    assert [t.get_text() for t in ours.ax_.get_xticklabels()] == ["0", "1", "2"]


def test_roc_display_same_curve_as_sklearn(binary_model):
    model, X, y = binary_model
    ours = RocCurveDisplay.from_estimator(model, X, y, plot_chance_level=True)
    score = model.predict_proba(X)[:, 1]
    fpr, tpr, _ = skm.roc_curve(y, score)
    np.testing.assert_allclose(ours.fpr, fpr, rtol=1e-12)
    np.testing.assert_allclose(ours.tpr, tpr, rtol=1e-12)
    assert ours.roc_auc == pytest.approx(skm.roc_auc_score(y, score), rel=1e-12)
    assert "AUC" in ours.line_.get_label() and ours.chance_level_ is not None


def test_precision_recall_display_same_curve_as_sklearn(binary_model):
    model, X, y = binary_model
    ours = PrecisionRecallDisplay.from_estimator(model, X, y, plot_chance_level=True)
    score = model.predict_proba(X)[:, 1]
    p, r, _ = skm.precision_recall_curve(y, score)
    np.testing.assert_allclose(ours.precision, p, rtol=1e-12)
    np.testing.assert_allclose(ours.recall, r, rtol=1e-12)
    assert ours.average_precision == pytest.approx(skm.average_precision_score(y, score), rel=1e-12)
    assert ours.prevalence_pos_label == pytest.approx(y.mean())
    assert ours.line_.get_drawstyle() == "steps-post"


def test_roc_display_needs_binary_classifier():
    X, y = load_iris(return_X_y=True)
    with pytest.raises(ValueError, match="binary classifier"):
        RocCurveDisplay.from_estimator(LogisticRegression().fit(X, y), X, y)


def test_learning_curve_display_matches_sklearn_learning_curve():
    from sklearn.linear_model import LogisticRegression as SkLR

    X, y = load_iris(return_X_y=True)
    ours = LearningCurveDisplay.from_estimator(SkLR(max_iter=500), X, y, cv=3,
                                               train_sizes=[0.3, 0.6, 1.0])
    sizes, train, test = sk_learning_curve(SkLR(max_iter=500), X, y, cv=3,
                                           train_sizes=[0.3, 0.6, 1.0])
    np.testing.assert_array_equal(ours.train_sizes, sizes)
    np.testing.assert_allclose(ours.test_scores, test, rtol=1e-12)
    assert len(ours.lines_) == 2 and ours.ax_.get_xlabel().startswith("Number of samples")


def test_validation_curve_display_uses_log_axis_for_wide_ranges():
    X, y = load_iris(return_X_y=True)
    disp = plot_validation_curve(LogisticRegression(), X, y, param_name="C",
                                 param_range=[1e-3, 1e-1, 10.0], cv=3)
    assert isinstance(disp, ValidationCurveDisplay)
    assert disp.ax_.get_xscale() == "log" and disp.test_scores.shape == (3, 3)
    # Strong regularisation (C = 1e-3) underfits: lower validation score.
    assert disp.test_scores[0].mean() < disp.test_scores[-1].mean()


def test_plot_learning_curve_shortcut_and_bad_score_type():
    X, y = load_iris(return_X_y=True)
    disp = plot_learning_curve(LogisticRegression(), X, y, cv=3, train_sizes=[0.5, 1.0])
    with pytest.raises(ValueError, match="score_type"):
        disp.plot(score_type="validation")


def test_decision_boundary_display():
    X, y = load_iris(return_X_y=True)
    X2 = X[:, :2]
    model = LogisticRegression().fit(X2, y)
    disp = DecisionBoundaryDisplay.from_estimator(model, X2, response_method="predict",
                                                  grid_resolution=30)
    assert disp.response.shape == (30, 30)
    assert set(np.unique(disp.response)) <= {0, 1, 2}
    with pytest.raises(ValueError, match="multiclass"):
        DecisionBoundaryDisplay.from_estimator(model, X2, response_method="predict_proba")
    with pytest.raises(ValueError, match="exactly 2 features"):
        DecisionBoundaryDisplay.from_estimator(LogisticRegression().fit(X, y), X)
