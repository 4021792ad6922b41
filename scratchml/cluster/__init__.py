"""Clustering: group samples without labels."""

from ._dbscan import DBSCAN
from ._kmeans import KMeans, kmeans_plusplus

__all__ = ["DBSCAN", "KMeans", "kmeans_plusplus"]
