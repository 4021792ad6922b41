"""Matrix decompositions: principal component analysis and its solvers."""

from ._incremental_pca import IncrementalPCA
from ._kernel_pca import KernelPCA
from ._pca import PCA
from ._randomized_svd import randomized_range_finder, randomized_svd
from ._truncated_svd import TruncatedSVD

__all__ = ["IncrementalPCA", "KernelPCA", "PCA", "TruncatedSVD", "randomized_range_finder", "randomized_svd"]
