r"""
SVM margins and support vectors on two moons
============================================

A support vector classifier looks for the boundary with the widest margin.
Its decision function :math:`f(x) = \sum_i \alpha_i y_i K(x_i, x) + b` is
drawn as contours: the solid line :math:`f = 0` is the decision boundary and
the dashed lines :math:`f = \pm 1` are the edges of the margin. The circled
points are the ``support_vectors_``, the training points with
:math:`\alpha_i > 0`: those on or inside the margin, or on the wrong side.
Only they enter :math:`f`; moving any other point (without crossing the
margin) leaves the model unchanged.

With a linear kernel (left) the boundary must be a straight line; on the
interlocking moons many points end up inside the margin, so a large share of
the data becomes support vectors. The RBF kernel (right) bends the boundary
around the moons with a narrower band and fewer support vectors.
"""

import matplotlib.pyplot as plt

from scratchml.datasets import make_moons
from scratchml.plotting import DecisionBoundaryDisplay
from scratchml.svm import SVC

X, y = make_moons(n_samples=200, noise=0.15, random_state=0)
models = {
    "linear kernel, C = 1": SVC(kernel="linear", C=1.0),
    "RBF kernel, C = 1, gamma = 1": SVC(kernel="rbf", C=1.0, gamma=1.0),
}

fig, axes = plt.subplots(1, 2, figsize=(11, 4.8))
for ax, (name, svm) in zip(axes, models.items()):
    svm.fit(X, y)
    disp = DecisionBoundaryDisplay.from_estimator(
        svm, X, response_method="decision_function", eps=0.5, cmap="RdBu_r", ax=ax,
        xlabel="x1", ylabel="x2", levels=20, vmin=-3, vmax=3,
    )
    # The boundary f = 0 and the margin edges f = -1 and f = +1.
    ax.contour(disp.xx0, disp.xx1, disp.response, levels=[-1, 0, 1], colors="black",
               linestyles=["--", "-", "--"])
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap="RdBu_r", edgecolor="k", s=20)
    sv = svm.support_vectors_
    ax.scatter(sv[:, 0], sv[:, 1], s=110, facecolors="none", edgecolors="black",
               linewidths=1.2, label="support vectors")
    ax.legend(loc="lower left")
    ax.set_title(f"{name}\n{len(sv)} support vectors of {len(X)} points, "
                 f"training accuracy {svm.score(X, y):.2f}")
fig.tight_layout()
plt.show()
