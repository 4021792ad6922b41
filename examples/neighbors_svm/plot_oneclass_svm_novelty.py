r"""
Novelty detection with a one-class SVM
======================================

Novelty detection learns what "normal" looks like from clean data only, then
flags new points that do not fit. A ``OneClassSVM`` with an RBF kernel
separates the training data from the origin of the feature space with
maximum margin; in the input plane its frontier ``decision_function = 0``
(black line) is a closed curve around the regions where the training points
lie. The shading shows the decision function: positive inside (normal),
negative outside (novel).

``nu`` bounds the fraction of training points strictly outside the frontier
from above (and the fraction of support vectors from below): with
``nu = 0.05`` about 5 % of the clean training points (white) fall outside.
The support vectors that lie *on* the frontier have a decision value of zero
only up to the solver's tolerance (``tol=1e-3``), so ``predict`` puts some of
them just outside; with many of them (right) the count printed in the title
exceeds ``nu`` (scikit-learn gives the same counts on this data). New regular
points (green) are mostly inside, and the abnormal ones (red), drawn
uniformly over the square, are mostly outside. A larger ``gamma`` (right)
makes the kernel narrower, so the frontier hugs the training data more
tightly and starts to reject new regular points too.
"""

import matplotlib.pyplot as plt
import numpy as np

from scratchml.plotting import DecisionBoundaryDisplay
from scratchml.svm import OneClassSVM

rng = np.random.default_rng(0)
centres = np.array([[2.0, 2.0], [-2.0, -2.0]])
X_train = np.vstack([c + 0.4 * rng.standard_normal((100, 2)) for c in centres])
X_new = np.vstack([c + 0.4 * rng.standard_normal((20, 2)) for c in centres])
X_outliers = rng.uniform(-4.5, 4.5, size=(20, 2))

fig, axes = plt.subplots(1, 2, figsize=(11, 5))
for ax, gamma in zip(axes, [0.5, 5.0]):
    ocsvm = OneClassSVM(kernel="rbf", nu=0.05, gamma=gamma).fit(X_train)
    disp = DecisionBoundaryDisplay.from_estimator(
        ocsvm, np.vstack([X_train, X_outliers]), response_method="decision_function",
        eps=0.5, grid_resolution=200, cmap="Blues_r", levels=15, ax=ax,
        xlabel="x1", ylabel="x2",
    )
    ax.contour(disp.xx0, disp.xx1, disp.response, levels=[0], colors="black", linewidths=2)
    ax.scatter(X_train[:, 0], X_train[:, 1], c="white", edgecolor="k", s=20,
               label="training (normal)")
    ax.scatter(X_new[:, 0], X_new[:, 1], c="tab:green", edgecolor="k", s=30,
               label="new, regular")
    ax.scatter(X_outliers[:, 0], X_outliers[:, 1], c="tab:red", edgecolor="k", s=30,
               label="new, abnormal")
    # predict: +1 inside the frontier, -1 outside.
    err_train = np.mean(ocsvm.predict(X_train) == -1)
    err_new = np.mean(ocsvm.predict(X_new) == -1)
    caught = np.mean(ocsvm.predict(X_outliers) == -1)
    ax.set_title(f"nu = 0.05, gamma = {gamma}: {len(ocsvm.support_)} support vectors\n"
                 f"flagged: {err_train:.0%} of training, {err_new:.0%} of new regular, "
                 f"{caught:.0%} of abnormal", fontsize=10)
    ax.legend(loc="upper left", fontsize=8)
fig.tight_layout()
plt.show()
