"""
The synthetic data generators
=============================

The shapes learners meet first: Gaussian blobs for clustering, two moons and
two circles that no straight line can separate, and the swiss roll, a 2-D
sheet rolled up in 3-D, for manifold learning. For the same ``random_state``
these are the very same arrays scikit-learn's generators return.
"""

import matplotlib.pyplot as plt

from scratchml.datasets import make_blobs, make_circles, make_moons, make_swiss_roll

fig = plt.figure(figsize=(12, 3.2))
panels = [
    ("make_blobs", make_blobs(n_samples=300, centers=4, random_state=0)),
    ("make_moons", make_moons(n_samples=300, noise=0.08, random_state=0)),
    ("make_circles", make_circles(n_samples=300, noise=0.05, factor=0.4, random_state=0)),
]
for i, (title, (X, y)) in enumerate(panels, start=1):
    ax = fig.add_subplot(1, 4, i)
    ax.scatter(X[:, 0], X[:, 1], c=y, s=8, cmap="viridis")
    ax.set_title(title)
    ax.set_aspect("equal", adjustable="datalim")

X, t = make_swiss_roll(n_samples=800, noise=0.3, random_state=0)
ax = fig.add_subplot(1, 4, 4, projection="3d")
ax.scatter(X[:, 0], X[:, 1], X[:, 2], c=t, s=6, cmap="viridis")
ax.set_title("make_swiss_roll")
fig.tight_layout()
plt.show()
