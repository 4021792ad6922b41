"""Over-samplers for imbalanced classes (imbalanced-learn's API)."""

from ._random import RandomOverSampler
from ._smote import SMOTE

__all__ = ["SMOTE", "RandomOverSampler"]
