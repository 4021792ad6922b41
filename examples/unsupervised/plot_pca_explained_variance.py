"""
PCA on digits: how many components?
===================================

Each 8x8 digit image is a point in 64 dimensions, but neighbouring pixels
are strongly correlated, so the images lie close to a much smaller linear
subspace. :class:`~scratchml.decomposition.PCA` finds its directions, ordered
by the variance of the data along them; ``explained_variance_ratio_`` gives
the share of the total variance each component captures.

The bars (left) show those shares, falling quickly: the first component
alone carries about 15 %. The line is their cumulative sum: 21
components keep 90 % of the variance and 29 keep 95 %, out of 64.
Passing a fraction as ``n_components`` (``PCA(n_components=0.95)``) picks
that number automatically. On the right, one digit reconstructed from its
first ``q`` components (the mean image plus ``q`` weighted components,
``inverse_transform``): a handful of components
already gives a recognisable shape, the rest refine it.
"""

import matplotlib.pyplot as plt
import numpy as np

from scratchml.datasets import load_digits
from scratchml.decomposition import PCA

digits = load_digits()
X = digits.data  # (1797, 64)
pca = PCA().fit(X)
ratio = pca.explained_variance_ratio_
cumulative = np.cumsum(ratio)
components = np.arange(1, len(ratio) + 1)

fig = plt.figure(figsize=(14, 5), layout="constrained")
left, right = fig.subfigures(1, 2, width_ratios=[1.4, 1])
ax = left.subplots()
ax.bar(components, ratio, color="tab:blue", label="explained_variance_ratio_")
ax.plot(components, cumulative, color="tab:orange", marker=".",
        label="cumulative explained variance")
for level, style in [(0.90, "--"), (0.95, ":")]:
    q = PCA(n_components=level).fit(X).n_components_  # smallest q reaching the level
    ax.axhline(level, color="grey", linestyle=style, linewidth=1)
    ax.axvline(q, color="grey", linestyle=style, linewidth=1)
    ax.annotate(f"{level:.0%}: {q} components", xy=(q, level), xytext=(q + 6, level - (0.25 if level < 0.95 else 0.12)),
                arrowprops={"arrowstyle": "->"})
ax.set_xlabel("principal component")
ax.set_ylabel("fraction of the total variance")
ax.set_ylim(0, 1.02)
ax.set_title("PCA on the 64-pixel digits")
ax.legend(loc="center right")

image = X[0]
right.suptitle("the first digit rebuilt from q components")
for sub, q in zip(right.subplots(2, 3).ravel(), [1, 2, 5, 10, 20, 64]):
    model = PCA(n_components=q).fit(X)
    restored = model.inverse_transform(model.transform(image[None, :]))[0]
    sub.imshow(restored.reshape(8, 8), cmap="gray_r", vmin=0, vmax=16)
    sub.set_title(f"q = {q}", fontsize=9)
    sub.set_axis_off()
plt.show()
