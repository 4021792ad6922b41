"""Clustering: group samples without labels."""

from ._agglomerative import AgglomerativeClustering
from ._centroid_outlier import KMeansOutlierDetector
from ._dbscan import DBSCAN
from ._kmeans import KMeans, kmeans_plusplus
from ._minibatch_kmeans import MiniBatchKMeans

__all__ = [
    "AgglomerativeClustering",
    "DBSCAN",
    "KMeans",
    "KMeansOutlierDetector",
    "MiniBatchKMeans",
    "kmeans_plusplus",
]
