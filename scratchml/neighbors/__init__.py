"""Nearest neighbours: brute force in memory-bounded blocks, a KD-tree, and LOF."""

from ._kd_tree import KDTree
from ._knn import KNeighborsClassifier, KNeighborsRegressor, NearestNeighbors
from ._lof import LocalOutlierFactor

__all__ = [
    "KDTree",
    "KNeighborsClassifier",
    "KNeighborsRegressor",
    "LocalOutlierFactor",
    "NearestNeighbors",
]
