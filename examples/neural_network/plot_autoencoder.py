"""
An autoencoder's 2-D code and its anomaly scores
================================================

An :class:`~scratchml.neural_network.Autoencoder` squeezes each 64-pixel
digit through a bottleneck of two linear units and learns to rebuild the
image from those two numbers alone. It never sees the labels, yet its code
(left, one point per held-out digit, coloured by the true label) groups the
digits by class: to reconstruct well from two numbers the network must spend
them on what varies most between images, which is mostly which digit it is.
Digits with distinctive shapes (0, 2, 4, 6) get regions of their own; with
only two numbers the others still overlap near the middle.

The reconstruction error then serves as an anomaly score: an image unlike
the training data is rebuilt poorly. ``score_samples`` returns minus the mean
squared error per image, so lower means more anomalous. The middle panel
compares the scores of held-out digits with those of "digits" whose pixels
were randomly shuffled (same ink, no shape): the two histograms barely
overlap. On the right, the held-out digits the model finds most anomalous,
above their reconstructions.
"""

import matplotlib.pyplot as plt
import numpy as np

from scratchml.datasets import load_digits
from scratchml.model_selection import train_test_split
from scratchml.neural_network import Autoencoder

data = load_digits()
X = data.data / 16.0
X_train, X_test, y_train, y_test = train_test_split(X, data.target, test_size=0.3,
                                                    stratify=data.target, random_state=0)

ae = Autoencoder(n_components=2, encoder_layer_sizes=(64, 32), learning_rate_init=0.002,
                 batch_size=64, max_iter=400, random_state=0)
ae.fit(X_train)
print(f"stopped after {ae.n_iter_} epochs, training loss {ae.loss_:.4f}")
codes = ae.transform(X_test)

rng = np.random.default_rng(0)
X_shuffled = np.array([rng.permutation(x) for x in X_test])  # each image's pixels shuffled
scores_test = ae.score_samples(X_test)
scores_shuffled = ae.score_samples(X_shuffled)

fig = plt.figure(figsize=(15, 4.8))
grid = fig.add_gridspec(2, 7, width_ratios=[2.4, 0.2, 2.4, 0.3, 1, 1, 1])

ax = fig.add_subplot(grid[:, 0])
points = ax.scatter(codes[:, 0], codes[:, 1], c=y_test, cmap="tab10", s=10)
for digit in range(10):  # the label at the centre of each class's cloud
    cx, cy = np.median(codes[y_test == digit], axis=0)
    ax.text(cx, cy, str(digit), fontsize=14, weight="bold", ha="center", va="center",
            bbox={"facecolor": "white", "alpha": 0.7, "edgecolor": "none"})
ax.set_xlabel("code unit 1")
ax.set_ylabel("code unit 2")
ax.set_title(f"2-D code of {len(X_test)} held-out digits")

ax = fig.add_subplot(grid[:, 2])
bins = np.linspace(min(scores_test.min(), scores_shuffled.min()), 0, 40)
ax.hist(scores_test, bins=bins, alpha=0.7, label="held-out digits")
ax.hist(scores_shuffled, bins=bins, alpha=0.7, label="pixel-shuffled digits")
ax.set_xlabel("score_samples (minus reconstruction MSE)")
ax.set_ylabel("images")
ax.set_title("Anomaly scores")
ax.legend()

worst = np.argsort(scores_test)[:3]  # lowest scores: the most anomalous held-out digits
reconstructed = ae.inverse_transform(codes[worst])
for j, i in enumerate(worst):
    for row, image in enumerate([X_test[i], reconstructed[j]]):
        ax = fig.add_subplot(grid[row, 4 + j])
        ax.imshow(image.reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
        ax.set_xticks([])
        ax.set_yticks([])
        if row == 0:
            ax.set_title(f"label {y_test[i]}\nscore {scores_test[i]:.3f}", fontsize=9)
    if j == 0:
        fig.axes[-2].set_ylabel("image")
        fig.axes[-1].set_ylabel("reconstruction")
fig.tight_layout()
plt.show()
