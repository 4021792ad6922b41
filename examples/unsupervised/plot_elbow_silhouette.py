r"""
Choosing the number of clusters: elbow and silhouette
=====================================================

K-Means needs the number of clusters ``k`` up front. Two common heuristics,
on 500 points drawn from 4 Gaussian blobs (left, coloured by the
clustering the silhouette picks):

* **Elbow** (middle): the inertia (``inertia_``, the sum of squared distances
  of the points to their centre) always decreases as ``k`` grows (with
  ``k = n_samples`` it is zero), so its minimum says nothing. One looks
  instead for the "elbow", where adding a cluster stops paying off: here the
  curve drops steeply up to ``k = 4`` and flattens after it.
* **Silhouette** (right): for each point, :math:`s_i = (b_i - a_i) /
  \max(a_i, b_i)` compares the mean distance :math:`a_i` to the points of
  its own cluster with the mean distance :math:`b_i` to the points of the
  nearest other cluster; :func:`~scratchml.metrics.silhouette_score`
  averages it. It is high when clusters are compact and well apart, and it
  does have a maximum: here at ``k = 4``.

Both are heuristics: on data without clear blobs the elbow is vague, and
the silhouette favours convex, well-separated clusters; when two blobs lie
much closer to each other than to the rest (try ``random_state=1``) it
prefers to merge them and peaks at a smaller ``k``.
"""

import matplotlib.pyplot as plt
import numpy as np

from scratchml.cluster import KMeans
from scratchml.datasets import make_blobs
from scratchml.metrics import silhouette_score

X, _ = make_blobs(n_samples=500, centers=4, cluster_std=1.0, random_state=6)
ks = np.arange(2, 11)
inertias, silhouettes = [], []
for k in ks:
    km = KMeans(n_clusters=k, n_init=5, random_state=0).fit(X)
    inertias.append(km.inertia_)
    silhouettes.append(silhouette_score(X, km.labels_))
best = ks[int(np.argmax(silhouettes))]

fig, (ax_data, ax_elbow, ax_sil) = plt.subplots(1, 3, figsize=(15, 4.3))
labels = KMeans(n_clusters=best, n_init=5, random_state=0).fit_predict(X)
ax_data.scatter(X[:, 0], X[:, 1], c=labels, cmap="tab10", s=8)
ax_data.set_title(f"the data, clustered with k = {best}")
ax_elbow.plot(ks, inertias, "o-")
ax_elbow.set_xlabel("number of clusters k")
ax_elbow.set_ylabel("inertia")
ax_elbow.set_title("elbow: inertia vs k")
ax_sil.plot(ks, silhouettes, "o-", color="tab:orange")
ax_sil.axvline(best, color="grey", linestyle="--", label=f"maximum at k = {best}")
ax_sil.set_xlabel("number of clusters k")
ax_sil.set_ylabel("mean silhouette coefficient")
ax_sil.set_title("silhouette_score vs k")
ax_sil.legend()
for ax in (ax_elbow, ax_sil):
    ax.grid(alpha=0.3)
fig.tight_layout()
plt.show()
