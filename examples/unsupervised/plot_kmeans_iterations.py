r"""
K-Means, one Lloyd iteration at a time
======================================

Lloyd's algorithm alternates two steps, each of which can only lower the
inertia :math:`\sum_i \lVert x_i - \mu_{c(i)} \rVert^2` (the sum of squared
distances of the points to their centre):

1. **assign** every point to its nearest centre,
2. **update** every centre to the mean of the points assigned to it.

Each panel shows one iteration started from the centres found by the
previous one: points are coloured by the assignment of step 1, the hollow
markers are the centres before the iteration and the arrows lead to the
means of step 2. The example runs ``KMeans(max_iter=1)`` with ``init`` set
to the previous centres, so every fit performs exactly one iteration; the
assignment is written out with NumPy to show step 1.

The initial centres were chosen badly on purpose: the four leftmost points.
The centres still migrate within a few iterations to one blob each and then
stop moving (last panel): K-Means has converged when the assignment no
longer changes, as the update then returns the same means. With a worse
start it can also stop in a poor local minimum (on this data, starting from
the four points nearest the middle of one of the blobs can end at an
inertia of 669 instead of 370), which is why ``KMeans`` seeds with
k-means++ by default and why ``n_init > 1`` restarts keep the best of
several runs.
"""

import matplotlib.pyplot as plt
import numpy as np

from scratchml.cluster import KMeans
from scratchml.datasets import make_blobs

X, _ = make_blobs(n_samples=300, centers=4, cluster_std=0.8, random_state=0)
# A bad start: the four leftmost points, all on the same side of the data.
centers = X[np.argsort(X[:, 0])[:4]]

fig, axes = plt.subplots(2, 3, figsize=(13, 8.5), sharex=True, sharey=True)
for t, ax in enumerate(axes.ravel(), start=1):
    # Step 1, assign: index of the nearest centre of every point.
    sq_dist = ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)
    labels = np.argmin(sq_dist, axis=1)
    inertia = sq_dist[np.arange(len(X)), labels].sum()
    # Step 2, update (inside KMeans): one Lloyd iteration from these centres.
    km = KMeans(n_clusters=4, init=centers, n_init=1, max_iter=1).fit(X)
    new_centers = km.cluster_centers_

    ax.scatter(X[:, 0], X[:, 1], c=labels, cmap="tab10", vmin=0, vmax=9, s=10, alpha=0.7)
    ax.scatter(centers[:, 0], centers[:, 1], s=160, facecolors="none", edgecolors="black",
               linewidths=2, label="centres before")
    ax.scatter(new_centers[:, 0], new_centers[:, 1], s=160, c=np.arange(4), cmap="tab10",
               vmin=0, vmax=9, marker="*", edgecolors="black", label="means (new centres)")
    for old, new in zip(centers, new_centers):
        if np.linalg.norm(new - old) > 1e-9:
            ax.annotate("", xy=new, xytext=old, arrowprops={"arrowstyle": "->", "lw": 1.5})
    moved = np.linalg.norm(new_centers - centers, axis=1).max()
    ax.set_title(f"iteration {t}: inertia before update {inertia:.0f}\n"
                 f"largest centre move {moved:.2f}", fontsize=10)
    centers = new_centers
axes[0, 0].legend(loc="lower left", fontsize=8)
fig.tight_layout()
plt.show()
