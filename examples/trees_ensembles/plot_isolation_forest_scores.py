r"""
Anomaly scores of an isolation forest
=====================================

An isolation tree splits a random subsample on a random feature at a random
threshold, again and again, until every point is alone. Points in sparse
regions are isolated after few splits, so a short path from the root means
"anomalous". :class:`~scratchml.ensemble.IsolationForest` averages the path
length :math:`\bar h(x)` over its trees and maps it to the anomaly score

.. math::

   s(x) = 2^{-\bar h(x) / c(\psi)} \in (0, 1],

where :math:`c(\psi)` is the average path length in a tree grown on
:math:`\psi` points (``max_samples``). ``score_samples`` returns
:math:`-s(x)`; the maps below show :math:`s(x)` itself (dark = anomalous)
on a 2-D set of two Gaussian clusters with a few scattered points.

With a single tree (left) the score is blocky: axis-aligned rectangles, and
a point's score depends on the luck of one sequence of random cuts. Averaging
over 10 and then 100 trees smooths the map into contours that follow the
density of the data. The white line is :math:`s(x) = 0.5`, the threshold
used with ``contamination='auto'`` (``decision_function = 0``); the titles
give how many of the 15 scattered points (crosses) fall outside it, and how
many cluster points do: the threshold also cuts off the thin fringes of the
clusters, and a single tree cuts off whole chunks of them.
"""

import matplotlib.pyplot as plt
import numpy as np

from scratchml.ensemble import IsolationForest

rng = np.random.default_rng(0)
X_inliers = np.vstack([
    rng.normal([-2.0, -1.0], [0.6, 0.6], size=(150, 2)),
    rng.normal([2.0, 1.5], [0.9, 0.5], size=(150, 2)),
])
X_scattered = rng.uniform(-5.0, 5.0, size=(15, 2))
X = np.vstack([X_inliers, X_scattered])

xx0, xx1 = np.meshgrid(np.linspace(-6, 6, 150), np.linspace(-6, 6, 150))
grid = np.column_stack([xx0.ravel(), xx1.ravel()])

fig, axes = plt.subplots(1, 3, figsize=(16, 5.2), sharey=True, layout="constrained")
for ax, n_trees in zip(axes, [1, 10, 100]):
    forest = IsolationForest(n_estimators=n_trees, random_state=0).fit(X)
    s = -forest.score_samples(grid).reshape(xx0.shape)  # anomaly score s(x)
    surface = ax.contourf(xx0, xx1, s, levels=np.linspace(0.3, 0.9, 13), cmap="magma_r",
                          extend="both")
    ax.contour(xx0, xx1, forest.decision_function(grid).reshape(xx0.shape), levels=[0],
               colors="white", linewidths=2)
    ax.scatter(X_inliers[:, 0], X_inliers[:, 1], c="tab:cyan", edgecolor="k", s=12)
    ax.scatter(X_scattered[:, 0], X_scattered[:, 1], c="tab:red", marker="x", s=50)
    flagged = np.sum(forest.predict(X_scattered) == -1)
    in_clusters = np.mean(forest.predict(X_inliers) == -1)
    ax.set_title(f"n_estimators={n_trees}\nflagged: {flagged} of 15 scattered, "
                 f"{in_clusters:.0%} of cluster points", fontsize=10)
    ax.set_xlabel("x1")
axes[0].set_ylabel("x2")
fig.colorbar(surface, ax=axes, label="anomaly score s(x)")
plt.show()
