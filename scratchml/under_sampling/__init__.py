"""Under-samplers for imbalanced classes (imbalanced-learn's API)."""

from ._random import RandomUnderSampler

__all__ = ["RandomUnderSampler"]
