"""Nearest neighbours: brute force in memory-bounded blocks and a KD-tree."""

from ._kd_tree import KDTree
from ._knn import KNeighborsClassifier, KNeighborsRegressor, NearestNeighbors

__all__ = ["KDTree", "KNeighborsClassifier", "KNeighborsRegressor", "NearestNeighbors"]
