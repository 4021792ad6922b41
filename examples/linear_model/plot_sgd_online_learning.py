"""
Online learning with ``partial_fit``
====================================

Stochastic gradient descent needs only one mini-batch in memory at a time:
``SGDClassifier.partial_fit`` runs one pass of SGD over the batch it is given
and keeps its weights and its step-size counter for the next one. Here the
digits training set arrives as a stream of 25-image batches and the test
accuracy is measured after each. Plain SGD (blue) climbs to about 90% within
a few hundred images but then jumps up and down by several points from one
batch to the next, because each step follows one noisy sample's gradient;
averaging the iterates (orange, ``average=True``, Polyak-Ruppert averaging)
cancels that noise and climbs steadily. The dashed line is the same model
fitted with ``fit`` on the whole training set for many epochs, and the dotted
one a logistic regression solved to convergence: the stream approaches them
after a single look at each image.
"""

import matplotlib.pyplot as plt
import numpy as np

from scratchml.datasets import load_digits
from scratchml.linear_model import LogisticRegression, SGDClassifier
from scratchml.model_selection import train_test_split

data = load_digits()
X = data.data / 16.0  # pixel intensities 0..16 -> [0, 1]: no statistics of the stream needed
X_train, X_test, y_train, y_test = train_test_split(X, data.target, test_size=0.25,
                                                    stratify=data.target, random_state=0)
classes = np.unique(data.target)  # partial_fit must know every class on its first call
batch_size = 25

streams = {
    "SGD": SGDClassifier(loss="log_loss", alpha=1e-3, random_state=0),
    "averaged SGD": SGDClassifier(loss="log_loss", alpha=1e-3, average=True, random_state=0),
}
seen = np.arange(batch_size, len(X_train) + batch_size, batch_size).clip(max=len(X_train))
curves = {name: [] for name in streams}
for start in range(0, len(X_train), batch_size):
    X_batch = X_train[start:start + batch_size]
    y_batch = y_train[start:start + batch_size]
    for name, model in streams.items():
        model.partial_fit(X_batch, y_batch, classes=classes)
        curves[name].append(model.score(X_test, y_test))

batch_sgd = SGDClassifier(loss="log_loss", alpha=1e-3, max_iter=50, tol=None, random_state=0)
batch_sgd.fit(X_train, y_train)
batch_lr = LogisticRegression(C=10.0, max_iter=500).fit(X_train, y_train)

fig, ax = plt.subplots(figsize=(8, 4.5))
for name, acc in curves.items():
    ax.plot(seen, acc, marker=".", label=f"{name}, partial_fit (final {acc[-1]:.3f})")
ax.axhline(batch_sgd.score(X_test, y_test), color="black", ls="--",
           label=f"SGD fit, 50 epochs ({batch_sgd.score(X_test, y_test):.3f})")
ax.axhline(batch_lr.score(X_test, y_test), color="gray", ls=":",
           label=f"LogisticRegression fit ({batch_lr.score(X_test, y_test):.3f})")
ax.set_xlabel("training images seen")
ax.set_ylabel("test accuracy")
ax.set_ylim(0.5, 1.0)
ax.set_title("Digits as a stream of 25-image batches")
ax.legend(loc="lower right")
fig.tight_layout()
plt.show()
