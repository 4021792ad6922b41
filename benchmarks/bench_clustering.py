"""Clustering beyond K-Means, mixtures and robust-covariance outlier detection.

DBSCAN, agglomerative clustering, Gaussian mixtures, MinCovDet/EllipticEnvelope
and the K-Means distance-to-centroid detector against scikit-learn. (K-Means
itself has its own rows.)
"""

import numpy as np
from sklearn import cluster as sk_cluster
from sklearn import covariance as sk_cov
from sklearn import mixture as sk_mixture

from benchmarks._data import bundled, split
from benchmarks._registry import Case, register
from scratchml import cluster as sm_cluster
from scratchml import covariance as sm_cov
from scratchml import datasets
from scratchml import mixture as sm_mixture

SAME_TREE = (
    "deterministic: the same merge tree as scikit-learn (NN-chain/MST with SciPy's "
    "tie-breaking), so the same labels"
)
SAME_DBSCAN = "deterministic: same neighbourhoods, same expansion order, identical labels"


def _planted_outliers(n_inliers=1800, n_outliers=200, n_features=2, seed=0):
    """Correlated Gaussian bulk plus uniform outliers; y = 1 for planted outliers."""
    rng = np.random.RandomState(seed)
    A = rng.normal(size=(n_features, n_features))
    inliers = rng.normal(size=(n_inliers, n_features)) @ (0.5 * A + np.eye(n_features))
    outliers = rng.uniform(-8, 8, size=(n_outliers, n_features))
    X = np.vstack([inliers, outliers])
    y = np.r_[np.zeros(n_inliers, dtype=int), np.ones(n_outliers, dtype=int)]
    return split(X, y, seed=seed)


def _blobs_2d(n, seed=0):
    X, y = datasets.make_blobs(n_samples=n, n_features=2, centers=5, cluster_std=1.0,
                               random_state=seed)
    return split(X, y, test_size=0.01, seed=seed)


# --- DBSCAN ------------------------------------------------------------------
register(Case(
    name="DBSCAN(eps=0.5, min_samples=5)", family="clustering", dataset="iris (scaled)",
    data=lambda: bundled("iris", scale=True),
    scratch=lambda: sm_cluster.DBSCAN(eps=0.5, min_samples=5),
    reference=lambda: sk_cluster.DBSCAN(eps=0.5, min_samples=5),
    metric="adjusted_rand", tolerance=0.0, note=SAME_DBSCAN,
))
register(Case(
    name="DBSCAN(eps=2.2, min_samples=5)", family="clustering", dataset="wine (scaled)",
    data=lambda: bundled("wine", scale=True),
    scratch=lambda: sm_cluster.DBSCAN(eps=2.2, min_samples=5),
    reference=lambda: sk_cluster.DBSCAN(eps=2.2, min_samples=5),
    metric="adjusted_rand", tolerance=0.0, note=SAME_DBSCAN,
))
register(Case(
    name="DBSCAN(eps=0.1, min_samples=10)", family="clustering", dataset="blobs 20000x2",
    data=lambda: _blobs_2d(20_200),
    scratch=lambda: sm_cluster.DBSCAN(eps=0.1, min_samples=10),
    reference=lambda: sk_cluster.DBSCAN(eps=0.1, min_samples=10),
    metric="adjusted_rand", tolerance=0.0, note=SAME_DBSCAN,
))


def _blobs(n, n_features, seed=0):
    X, y = datasets.make_blobs(n_samples=n, n_features=n_features, centers=5,
                               cluster_std=1.0, random_state=seed)
    return split(X, y, test_size=0.01, seed=seed)


register(Case(
    name="DBSCAN(eps=0.8, min_samples=10)", family="clustering", dataset="blobs 20000x5",
    data=lambda: _blobs(20_200, 5),  # 'auto' is the KD-tree radius query on both sides
    scratch=lambda: sm_cluster.DBSCAN(eps=0.8, min_samples=10),
    reference=lambda: sk_cluster.DBSCAN(eps=0.8, min_samples=10),
    metric="adjusted_rand", tolerance=0.0, note=SAME_DBSCAN,
))

register(Case(
    name="DBSCAN(eps=8, min_samples=5)", family="clustering", dataset="blobs 10000x50",
    data=lambda: _blobs(10_100, 50),  # 'auto' is brute force: matrix products on both sides
    scratch=lambda: sm_cluster.DBSCAN(eps=8.0, min_samples=5),
    reference=lambda: sk_cluster.DBSCAN(eps=8.0, min_samples=5),
    metric="adjusted_rand", tolerance=0.0, note=SAME_DBSCAN,
))


class _Precomputed:
    """Wrap a DBSCAN(metric='precomputed') so it is fitted on the training distances."""

    def __init__(self, model):
        self.model = model

    def fit(self, X, y=None):
        sq = np.einsum("ij,ij->i", X, X)
        D = np.sqrt(np.maximum(sq[:, None] + sq[None, :] - 2.0 * (X @ X.T), 0.0))
        self.labels_ = self.model.fit(D).labels_
        return self


register(Case(
    name="DBSCAN(metric='precomputed')", family="clustering", dataset="digits",
    data=lambda: bundled("digits"),
    scratch=lambda: _Precomputed(sm_cluster.DBSCAN(eps=22.0, min_samples=5,
                                                   metric="precomputed")),
    reference=lambda: _Precomputed(sk_cluster.DBSCAN(eps=22.0, min_samples=5,
                                                     metric="precomputed")),
    metric="adjusted_rand", tolerance=0.0,
    note=SAME_DBSCAN + " (both time the same NumPy distance matrix too)",
))

# --- agglomerative -------------------------------------------------------------
for linkage in ("ward", "complete", "average", "single"):
    register(Case(
        name=f"AgglomerativeClustering({linkage})", family="clustering", dataset="digits",
        data=lambda: bundled("digits"),
        scratch=lambda lk=linkage: sm_cluster.AgglomerativeClustering(10, linkage=lk),
        reference=lambda lk=linkage: sk_cluster.AgglomerativeClustering(10, linkage=lk),
        metric="adjusted_rand", tolerance=0.0, note=SAME_TREE,
    ))
register(Case(
    name="AgglomerativeClustering(ward)", family="clustering", dataset="wine (scaled)",
    data=lambda: bundled("wine", scale=True),
    scratch=lambda: sm_cluster.AgglomerativeClustering(3),
    reference=lambda: sk_cluster.AgglomerativeClustering(3),
    metric="adjusted_rand", tolerance=0.0, note=SAME_TREE,
))

# --- Gaussian mixtures ---------------------------------------------------------
SAME_EM = (
    "same seed -> same k-means initialisation (our KMeans reproduces scikit-learn's "
    "k-means++ draws) and the same EM updates: equal up to rounding"
)


def _ari_of_predict(est, X_train, X_test, y_train, y_test):
    from sklearn.metrics import adjusted_rand_score

    return adjusted_rand_score(y_train, est.predict(X_train))


for cov_type in ("full", "tied", "diag", "spherical"):
    register(Case(
        name=f"GaussianMixture(3, {cov_type})", family="clustering", dataset="iris",
        data=lambda: bundled("iris"),
        scratch=lambda c=cov_type: sm_mixture.GaussianMixture(3, covariance_type=c, random_state=0),
        reference=lambda c=cov_type: sk_mixture.GaussianMixture(3, covariance_type=c,
                                                               random_state=0),
        metric="adjusted_rand", tolerance=1e-9, note=SAME_EM,
        extra={"score": _ari_of_predict},
    ))
register(Case(
    name="GaussianMixture(10, diag) test log-lik", family="clustering", dataset="digits",
    data=lambda: bundled("digits"),
    scratch=lambda: sm_mixture.GaussianMixture(10, covariance_type="diag", random_state=0),
    reference=lambda: sk_mixture.GaussianMixture(10, covariance_type="diag", random_state=0),
    metric="adjusted_rand", tolerance=1e-6,
    note="score = mean test log-likelihood per sample (higher is better); " + SAME_EM,
    extra={"score": lambda est, Xtr, Xte, ytr, yte: est.score(Xte)},
))

# --- robust covariance and outlier detection ----------------------------------
SAME_MCD = (
    "same RandomState draws as scikit-learn's FAST-MCD: identical supports, so the same "
    "Mahalanobis ranking"
)
for n_features in (2, 10):
    register(Case(
        name="EllipticEnvelope(contamination=0.1)", family="clustering",
        dataset=f"planted outliers 2000x{n_features}",
        data=lambda d=n_features: _planted_outliers(n_features=d),
        scratch=lambda: sm_cov.EllipticEnvelope(contamination=0.1, random_state=0),
        reference=lambda: sk_cov.EllipticEnvelope(contamination=0.1, random_state=0),
        metric="roc_auc_outlier", tolerance=1e-9, note=SAME_MCD,
    ))
register(Case(
    name="KMeansOutlierDetector(k=1) vs -dist to KMeans centre", family="clustering",
    dataset="planted outliers 2000x2",
    data=lambda: _planted_outliers(),
    scratch=lambda: sm_cluster.KMeansOutlierDetector(1, random_state=0),
    reference=lambda: sk_cov.EllipticEnvelope(contamination=0.1, random_state=0),
    metric="roc_auc_outlier", tolerance=0.05,
    note=(
        "scikit-learn has no centroid detector; the reference is its EllipticEnvelope, so "
        "the row shows what the Euclidean distance loses against the Mahalanobis one on "
        "correlated data (tolerance: the measured AUC gap)"
    ),
))
