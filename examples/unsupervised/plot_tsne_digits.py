r"""
t-SNE of the digits, coloured by label
======================================

t-SNE places the points in 2-D so that neighbours in the original 64-pixel
space stay neighbours. It turns the distances around every image into
probabilities :math:`p_{j|i}` with a Gaussian whose width is set by the
``perplexity`` (roughly, the number of neighbours that count), matches them
with Student-t similarities :math:`q_{ij}` between the 2-D points, and moves
the points to minimise :math:`\mathrm{KL}(P \,\|\, Q)`. The labels are not
used: colouring by digit afterwards shows that images of the same digit
mostly end up in one tight group. Some digits form more than one group
(the 1s here: there is more than one way to write them), and a few images
land among another digit's group.

To keep the example fast it embeds a random subset of 500 of the 1797
images with ``method='barnes_hut'`` (the default), which approximates the
repulsive forces between far-apart points with a quadtree in
:math:`O(N \log N)` per iteration instead of the exact :math:`O(N^2)`, and
stops after ``max_iter=500`` iterations instead of the default 1000 (the
final KL divergence is almost the same: 0.526 against 0.520).
Distances *between* the groups and the groups' sizes in a t-SNE map carry
little meaning; only the neighbourhoods do. For comparison, the right panel
shows the first two principal components (also t-SNE's initialisation,
``init='pca'``), where the digits overlap heavily.
"""

import matplotlib.pyplot as plt
import numpy as np

from scratchml.datasets import load_digits
from scratchml.decomposition import PCA
from scratchml.manifold import TSNE

digits = load_digits()
rng = np.random.default_rng(0)
subset = rng.choice(len(digits.data), size=500, replace=False)
X, y = digits.data[subset], digits.target[subset]

tsne = TSNE(n_components=2, perplexity=30.0, method="barnes_hut", init="pca",
            max_iter=500, random_state=0)
embedding = tsne.fit_transform(X)
print(f"final KL divergence: {tsne.kl_divergence_:.3f} after {tsne.n_iter_} iterations")
pcs = PCA(n_components=2).fit_transform(X)

fig, axes = plt.subplots(1, 2, figsize=(13, 6))
for ax, Z, title in [(axes[0], embedding, f"t-SNE (perplexity 30), KL = {tsne.kl_divergence_:.2f}"),
                     (axes[1], pcs, "first two principal components")]:
    ax.scatter(Z[:, 0], Z[:, 1], c=y, cmap="tab10", s=12, alpha=0.6)
    for digit in range(10):  # write each digit at the median of its points
        cx, cy = np.median(Z[y == digit], axis=0)
        ax.text(cx, cy, str(digit), fontsize=16, weight="bold", ha="center", va="center",
                bbox={"boxstyle": "round", "fc": "white", "alpha": 0.8})
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])
fig.suptitle("500 handwritten digits (8x8 pixels), coloured by their label")
fig.tight_layout()
plt.show()
