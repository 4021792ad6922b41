"""
Anomaly detectors side by side
==============================

Two correlated Gaussian clusters with uniformly scattered outliers planted
around them. Each detector is fitted on all points (without the labels) with
``contamination`` = the planted fraction, and scores every point; the black
line is its decision boundary (``decision_function = 0``), red crosses are
the planted outliers and the title gives the ROC AUC of its score for finding
them.

* ``EllipticEnvelope``: Mahalanobis distance to one robust (MCD) Gaussian. A
  single ellipse cannot follow two clusters, so it covers the gap between them.
* ``KMeansOutlierDetector``: Euclidean distance to the nearest of two K-Means
  centres: follows both clusters, but with circles, ignoring their tilt.
* ``OneClassSVM``: an RBF boundary around the support of the data.
* ``IsolationForest``: how few random axis-aligned splits isolate a point.
* ``LocalOutlierFactor``: the density around a point relative to the density
  around its 20 nearest neighbours (``novelty=True`` so that the boundary can
  be drawn on new points; the AUC uses the training scores
  ``negative_outlier_factor_``).
* ``Autoencoder``: a small network squeezing each point through a 1-unit code
  and back; ``score_samples`` is minus the reconstruction error, so points far
  from the 1-D curve it learns through both clusters score low. It has no
  ``contamination``: its boundary is drawn at the training score exceeded by
  all but the planted fraction of points.
"""

import matplotlib.pyplot as plt
import numpy as np

from scratchml.cluster import KMeansOutlierDetector
from scratchml.covariance import EllipticEnvelope
from scratchml.ensemble import IsolationForest
from scratchml.metrics import roc_auc_score
from scratchml.neighbors import LocalOutlierFactor
from scratchml.neural_network import Autoencoder
from scratchml.svm import OneClassSVM

rng = np.random.RandomState(42)
tilt = np.array([[1.0, 0.6], [0.0, 0.5]])  # correlated clusters
inliers = np.vstack([
    rng.normal(size=(150, 2)) @ tilt + [-2.5, -2.0],
    rng.normal(size=(150, 2)) @ tilt + [2.5, 2.0],
])
outliers = rng.uniform(-7, 7, size=(30, 2))
X = np.vstack([inliers, outliers])
is_outlier = np.r_[np.zeros(len(inliers)), np.ones(len(outliers))]
contamination = len(outliers) / len(X)

detectors = {
    "EllipticEnvelope": EllipticEnvelope(contamination=contamination, random_state=0),
    "KMeansOutlierDetector (k=2)": KMeansOutlierDetector(
        n_clusters=2, contamination=contamination, random_state=0
    ),
    "OneClassSVM (rbf)": OneClassSVM(nu=contamination, gamma=0.2),
    "IsolationForest": IsolationForest(contamination=contamination, random_state=0),
    "LocalOutlierFactor (k=20)": LocalOutlierFactor(
        n_neighbors=20, contamination=contamination, novelty=True
    ),
    "Autoencoder (2-16-1-16-2)": Autoencoder(
        n_components=1, encoder_layer_sizes=(16,), activation="tanh",
        learning_rate_init=0.01, max_iter=500, random_state=0,
    ),
}

xx, yy = np.meshgrid(np.linspace(-8, 8, 200), np.linspace(-8, 8, 200))
grid = np.c_[xx.ravel(), yy.ravel()]
fig, axes = plt.subplots(2, 3, figsize=(12, 8.4))
axes = axes.ravel()
for ax, (name, detector) in zip(axes, detectors.items()):
    detector.fit(X)
    if isinstance(detector, LocalOutlierFactor):
        train_scores = detector.negative_outlier_factor_  # each point without itself
    else:
        train_scores = detector.score_samples(X)
    auc = roc_auc_score(is_outlier, -train_scores)  # low score = outlier
    if isinstance(detector, Autoencoder):
        # no contamination parameter: threshold at the matching training quantile
        offset = np.percentile(train_scores, 100 * contamination)
        Z = (detector.score_samples(grid) - offset).reshape(xx.shape)
    else:
        Z = detector.decision_function(grid).reshape(xx.shape)
    ax.contourf(xx, yy, Z, levels=20, cmap="Blues_r")
    ax.contour(xx, yy, Z, levels=[0.0], colors="k", linewidths=1.5)
    ax.scatter(*inliers.T, s=8, c="white", edgecolors="k", linewidths=0.4)
    ax.scatter(*outliers.T, s=30, c="red", marker="x")
    ax.set_title(f"{name}\nROC AUC = {auc:.3f}", fontsize=10)
    ax.set_xticks([])
    ax.set_yticks([])
fig.tight_layout()
plt.show()
