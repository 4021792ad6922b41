r"""
Decision boundary of a logistic regression
==========================================

Logistic regression is a linear classifier: the probability
:math:`\sigma(w^\top x + b)` is constant along lines, so its decision
boundary (probability 1/2) is a straight line. On the two moons (left) that
line cannot follow the curved classes and some points fall on the wrong
side. Expanding the two inputs into all degree-3 polynomial terms first
(right) keeps the model linear in its *features* but lets the boundary bend
around the moons. The shading is the predicted probability of the red class
(class 1); the black line is the boundary where it equals 1/2.
"""

import matplotlib.pyplot as plt

from scratchml.datasets import make_moons
from scratchml.linear_model import LogisticRegression
from scratchml.model_selection import train_test_split
from scratchml.pipeline import make_pipeline
from scratchml.plotting import DecisionBoundaryDisplay
from scratchml.preprocessing import PolynomialFeatures, StandardScaler

X, y = make_moons(n_samples=300, noise=0.2, random_state=0)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y,
                                                    random_state=0)
models = {
    "linear features": make_pipeline(StandardScaler(), LogisticRegression()),
    "degree-3 polynomial features": make_pipeline(
        PolynomialFeatures(degree=3), StandardScaler(), LogisticRegression(C=10.0, max_iter=1000)
    ),
}

fig, axes = plt.subplots(1, 2, figsize=(11, 4.5))
for ax, (name, model) in zip(axes, models.items()):
    model.fit(X_train, y_train)
    disp = DecisionBoundaryDisplay.from_estimator(
        model, X, response_method="predict_proba", eps=0.5, cmap="RdYlBu_r", ax=ax,
        xlabel="x1", ylabel="x2", vmin=0, vmax=1,
    )
    # The boundary itself: the level set p = 1/2.
    ax.contour(disp.xx0, disp.xx1, disp.response, levels=[0.5], colors="black")
    ax.scatter(X_train[:, 0], X_train[:, 1], c=y_train, cmap="RdYlBu_r", edgecolor="k", s=20)
    ax.scatter(X_test[:, 0], X_test[:, 1], c=y_test, cmap="RdYlBu_r", edgecolor="k", s=30,
               marker="^")
    ax.set_title(f"{name}\ntest accuracy {model.score(X_test, y_test):.2f} (triangles: test)")
fig.tight_layout()
plt.show()
