"""Matplotlib displays for evaluating models (imported lazily: matplotlib loads on first use)."""

from ._confusion_matrix import ConfusionMatrixDisplay
from ._curves import PrecisionRecallDisplay, RocCurveDisplay
from ._learning_curves import (
    DecisionBoundaryDisplay,
    LearningCurveDisplay,
    ValidationCurveDisplay,
    plot_learning_curve,
    plot_validation_curve,
)

__all__ = [
    "ConfusionMatrixDisplay",
    "DecisionBoundaryDisplay",
    "LearningCurveDisplay",
    "PrecisionRecallDisplay",
    "RocCurveDisplay",
    "ValidationCurveDisplay",
    "plot_learning_curve",
    "plot_validation_curve",
]
