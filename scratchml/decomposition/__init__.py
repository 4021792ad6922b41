"""Matrix decompositions: principal component analysis and its solvers."""

from ._pca import PCA
from ._randomized_svd import randomized_range_finder, randomized_svd

__all__ = ["PCA", "randomized_range_finder", "randomized_svd"]
