"""Nearest neighbours: brute force in memory-bounded blocks, a KD-tree and a ball tree, and LOF."""

from ._kd_tree import BallTree, KDTree
from ._knn import KNeighborsClassifier, KNeighborsRegressor, NearestNeighbors
from ._lof import LocalOutlierFactor
from ._radius import RadiusNeighborsClassifier, RadiusNeighborsRegressor

__all__ = [
    "BallTree",
    "KDTree",
    "KNeighborsClassifier",
    "KNeighborsRegressor",
    "LocalOutlierFactor",
    "NearestNeighbors",
    "RadiusNeighborsClassifier",
    "RadiusNeighborsRegressor",
]
