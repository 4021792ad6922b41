r"""
AdaBoost's sample weights over the rounds
=========================================

AdaBoost (SAMME) fits each weak learner to a *reweighted* training set:
after round :math:`m` the weight of every point the learner got wrong is
multiplied by :math:`e^{\alpha_m}` and all weights are renormalised,

.. math::

   w_i \leftarrow w_i \exp\big(\alpha_m [\, y_i \ne G_m(x_i) \,]\big), \qquad
   \alpha_m = \log\frac{1 - \mathrm{err}_m}{\mathrm{err}_m} + \log(K - 1).

The fitted :class:`~scratchml.ensemble.AdaBoostClassifier` keeps the
learners (``estimators_``) and their weights (``estimator_weights_``) but,
like scikit-learn's, not the sample weights, so the example replays this
update from those attributes. The replay is checked against the model: the
weighted error of each learner under the replayed weights equals the stored
``estimator_errors_``.

In the panels the area of each point is proportional to its weight before
the given round, and the line is the split of that round's stump. At the
start all points weigh the same; after a few rounds the weight has moved to
the points near the class boundary and to the noisy points on the wrong
side, which the later stumps are forced to attend to. The last panel shows
how concentrated the weight becomes: the share of the total carried by the
10 % heaviest points, and each stump's weighted error, which approaches
chance (0.5) because the reweighting makes each new problem as hard as
possible for the stumps.
"""

import matplotlib.pyplot as plt
import numpy as np

from scratchml.datasets import make_moons
from scratchml.ensemble import AdaBoostClassifier

X, y = make_moons(n_samples=150, noise=0.25, random_state=0)
ada = AdaBoostClassifier(n_estimators=60, random_state=0).fit(X, y)
n_rounds = len(ada.estimators_)

# Replay eq. (samme-weights): weights[m] is what the m-th stump was fitted to.
w = np.full(len(X), 1.0 / len(X))
weights, errors = [], []
for stump, alpha in zip(ada.estimators_, ada.estimator_weights_):
    weights.append(w)
    wrong = stump.predict(X) != y
    errors.append(np.average(wrong, weights=w))
    w = w * np.exp(alpha * wrong)
    w = w / w.sum()
weights, errors = np.array(weights), np.array(errors)
print("replayed errors match estimator_errors_:",
      np.allclose(errors, ada.estimator_errors_[:n_rounds], rtol=1e-10, atol=0))

fig, axes = plt.subplots(1, 5, figsize=(19, 4))
for ax, m in zip(axes, [0, 1, 4, 29]):
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap="RdBu_r", edgecolor="k", linewidth=0.5,
               s=6000 * weights[m])
    # The stump: one split, on feature tree_.feature[0] at tree_.threshold[0].
    tree = ada.estimators_[m].tree_
    if tree.feature[0] == 0:
        ax.axvline(tree.threshold[0], color="black", linestyle="--")
    else:
        ax.axhline(tree.threshold[0], color="black", linestyle="--")
    ax.set_title(f"weights before round {m + 1}\n(stump error {errors[m]:.2f}, "
                 f"alpha {ada.estimator_weights_[m]:.2f})", fontsize=10)
    ax.set_xticks([])
    ax.set_yticks([])

rounds = np.arange(1, n_rounds + 1)
top = int(np.ceil(0.1 * len(X)))
share = np.sort(weights, axis=1)[:, -top:].sum(axis=1)
ax = axes[4]
ax.plot(rounds, share, label="weight share of the 10 % heaviest points")
ax.plot(rounds, errors, label="stump's weighted error")
ax.axhline(0.1, color="grey", linestyle=":", label="uniform weights: 0.1")
ax.axhline(0.5, color="grey", linestyle="--", label="chance: 0.5")
ax.set_xlabel("boosting round")
ax.set_ylim(0, 1)
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
