"""Metrics: classification, regression, ranking and clustering scores, and scorers."""

from ._classification import (
    accuracy_score,
    balanced_accuracy_score,
    confusion_matrix,
    log_loss,
    matthews_corrcoef,
    multilabel_confusion_matrix,
)
from ._clustering import adjusted_rand_score, contingency_matrix, normalized_mutual_info_score
from ._detection import iou, mean_average_precision
from ._precision_recall import (
    classification_report,
    f1_score,
    fbeta_score,
    precision_recall_fscore_support,
    precision_score,
    recall_score,
)
from ._ranking import (
    auc,
    average_precision_score,
    precision_recall_curve,
    roc_auc_score,
    roc_curve,
)
from ._regression import (
    explained_variance_score,
    mean_absolute_error,
    mean_squared_error,
    r2_score,
    root_mean_squared_error,
)
from ._scorer import check_scoring, get_scorer, get_scorer_names, make_scorer
from ._unsupervised import silhouette_samples, silhouette_score, trustworthiness

__all__ = [
    "accuracy_score",
    "adjusted_rand_score",
    "auc",
    "average_precision_score",
    "balanced_accuracy_score",
    "check_scoring",
    "classification_report",
    "confusion_matrix",
    "contingency_matrix",
    "explained_variance_score",
    "f1_score",
    "fbeta_score",
    "get_scorer",
    "get_scorer_names",
    "iou",
    "log_loss",
    "make_scorer",
    "matthews_corrcoef",
    "mean_average_precision",
    "mean_absolute_error",
    "mean_squared_error",
    "multilabel_confusion_matrix",
    "normalized_mutual_info_score",
    "precision_recall_curve",
    "precision_recall_fscore_support",
    "precision_score",
    "r2_score",
    "recall_score",
    "roc_auc_score",
    "roc_curve",
    "root_mean_squared_error",
    "silhouette_samples",
    "silhouette_score",
    "trustworthiness",
]
