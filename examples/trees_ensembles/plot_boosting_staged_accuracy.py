"""
Boosting, round by round: training vs test accuracy
===================================================

A boosted ensemble is built one weak learner at a time, so its prediction
after every round can be read off a single fitted model with
``staged_predict``. The curves below give the accuracy after each round on
the training data and on held-out test data, for gradient boosting (depth-3
regression trees fitted to the gradient of the log-loss, shrunk by
``learning_rate=0.1``) and AdaBoost (SAMME, decision stumps reweighted
towards the points still misclassified), on a noisy 2-feature problem (two
moons with ``noise=0.35``, so no model can be perfect).

Gradient boosting's depth-3 trees drive the training accuracy to 100 %
after about 120 rounds: they end up memorising the noise. Its test accuracy
levels off after a few dozen rounds and then drifts slightly down; the gap
between the two curves is the generalisation gap, and the round with the
best test accuracy (marked) is roughly what early stopping on a validation
set would pick. AdaBoost's stumps each look at one feature, so the ensemble
is a sum of a function of ``x1`` and a function of ``x2``; that cannot
follow the interlocking moons, and both of its curves flatten early with a
smaller gap. Its jagged curves show single rounds moving many predictions at
once: with ``learning_rate=1.0`` each stump gets its full SAMME weight.
"""

import matplotlib.pyplot as plt
import numpy as np

from scratchml.datasets import make_moons
from scratchml.ensemble import AdaBoostClassifier, GradientBoostingClassifier
from scratchml.metrics import accuracy_score
from scratchml.model_selection import train_test_split

X, y = make_moons(n_samples=600, noise=0.35, random_state=0)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, stratify=y,
                                                    random_state=0)
models = {
    "GradientBoostingClassifier(max_depth=3, learning_rate=0.1)":
        GradientBoostingClassifier(n_estimators=300, max_depth=3, learning_rate=0.1,
                                   random_state=0),
    "AdaBoostClassifier(stumps, learning_rate=1.0)":
        AdaBoostClassifier(n_estimators=300, learning_rate=1.0, random_state=0),
}

fig, axes = plt.subplots(1, 2, figsize=(12, 4.5), sharey=True)
for ax, (name, model) in zip(axes, models.items()):
    model.fit(X_train, y_train)
    train_acc = [accuracy_score(y_train, p) for p in model.staged_predict(X_train)]
    test_acc = [accuracy_score(y_test, p) for p in model.staged_predict(X_test)]
    rounds = np.arange(1, len(train_acc) + 1)
    best = int(np.argmax(test_acc))
    ax.plot(rounds, train_acc, label="training")
    ax.plot(rounds, test_acc, label="test")
    ax.plot(rounds[best], test_acc[best], "ko",
            label=f"best test: {test_acc[best]:.3f} after {rounds[best]} rounds")
    ax.set_xlabel("boosting round")
    ax.set_title(name, fontsize=10)
    ax.legend(loc="lower right")
    ax.grid(alpha=0.3)
axes[0].set_ylabel("accuracy")
fig.tight_layout()
plt.show()
