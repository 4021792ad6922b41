"""Imputation of missing values."""

from ._base import MissingIndicator, SimpleImputer
from ._iterative import IterativeImputer
from ._knn import KNNImputer

__all__ = ["IterativeImputer", "KNNImputer", "MissingIndicator", "SimpleImputer"]
