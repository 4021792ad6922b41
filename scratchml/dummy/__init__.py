"""Baseline estimators that ignore the features."""

from ._dummy import DummyClassifier, DummyRegressor

__all__ = ["DummyClassifier", "DummyRegressor"]
