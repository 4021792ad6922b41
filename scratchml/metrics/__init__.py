"""Metrics: classification, regression, clustering and ranking scores."""

from ._classification import accuracy_score
from ._regression import r2_score

__all__ = ["accuracy_score", "r2_score"]
