"""Clustering: group samples without labels."""

from ._agglomerative import AgglomerativeClustering
from ._centroid_outlier import KMeansOutlierDetector
from ._dbscan import DBSCAN
from ._kmeans import KMeans, kmeans_plusplus

__all__ = ["AgglomerativeClustering", "DBSCAN", "KMeans", "KMeansOutlierDetector", "kmeans_plusplus"]
