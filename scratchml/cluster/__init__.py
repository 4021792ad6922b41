"""Clustering: group samples without labels."""

from ._agglomerative import AgglomerativeClustering
from ._dbscan import DBSCAN
from ._kmeans import KMeans, kmeans_plusplus

__all__ = ["AgglomerativeClustering", "DBSCAN", "KMeans", "kmeans_plusplus"]
