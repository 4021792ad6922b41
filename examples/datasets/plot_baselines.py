"""
Baselines on the bundled data
=============================

Before any model, ask what a rule that ignores the features would score. On
each bundled classification data set, ``DummyClassifier`` predicts from the
class frequencies alone; a real model earns its keep only by beating these
bars.
"""

import matplotlib.pyplot as plt
import numpy as np

from scratchml.datasets import load_breast_cancer, load_digits, load_iris, load_wine
from scratchml.dummy import DummyClassifier

loaders = {"iris": load_iris, "wine": load_wine, "breast cancer": load_breast_cancer,
           "digits": load_digits}
strategies = ["most_frequent", "stratified", "uniform"]
rng = np.random.RandomState(0)
scores = {s: [] for s in strategies}
for load in loaders.values():
    X, y = load(return_X_y=True)
    order = rng.permutation(len(y))  # shuffle, then hold out a quarter
    test, train = order[: len(y) // 4], order[len(y) // 4:]
    for s in strategies:
        model = DummyClassifier(strategy=s, random_state=0).fit(X[train], y[train])
        scores[s].append(model.score(X[test], y[test]))

x = np.arange(len(loaders))
fig, ax = plt.subplots(figsize=(7, 3.5))
for i, s in enumerate(strategies):
    ax.bar(x + (i - 1) * 0.27, scores[s], width=0.27, label=s)
ax.set_xticks(x, list(loaders))
ax.set_ylabel("test accuracy")
ax.set_title("What ignoring the features scores")
ax.legend()
fig.tight_layout()
plt.show()
