"""
Decision boundaries of k-nearest neighbours for several k
=========================================================

The k-nearest-neighbours classifier predicts the majority class among the
``k`` training points closest to a query. Here it is fitted on two of the
iris measurements (sepal length and width, three species), and the shading
shows the class it predicts at every point of the plane.

With ``k = 1`` every training point owns its own cell (the boundary is the
Voronoi diagram of the data): it gets every training point right except
the few that share their measurements with a flower of another species,
and the boundary is jagged, with islands around single points. As ``k``
grows the vote averages over larger neighbourhoods and the boundary smooths
out; at ``k = 50`` it starts to ignore the genuine structure. Training
accuracy falls steadily with ``k`` while test accuracy (triangles) peaks in
between: ``k`` trades variance for bias.
"""

import matplotlib.pyplot as plt

from scratchml.datasets import load_iris
from scratchml.model_selection import train_test_split
from scratchml.neighbors import KNeighborsClassifier
from scratchml.plotting import DecisionBoundaryDisplay

iris = load_iris()
X, y = iris.data[:, :2], iris.target  # sepal length, sepal width
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y,
                                                    random_state=0)

fig, axes = plt.subplots(1, 4, figsize=(16, 4.2), sharey=True)
for ax, k in zip(axes, [1, 5, 15, 50]):
    knn = KNeighborsClassifier(n_neighbors=k).fit(X_train, y_train)
    # Three classes: draw the predicted label (probabilities would need one map per class).
    DecisionBoundaryDisplay.from_estimator(
        knn, X, response_method="predict", plot_method="pcolormesh", eps=0.3,
        grid_resolution=200, cmap="viridis", shading="auto", ax=ax,
        xlabel=iris.feature_names[0], ylabel=iris.feature_names[1] if k == 1 else None,
    )
    ax.scatter(X_train[:, 0], X_train[:, 1], c=y_train, cmap="viridis", edgecolor="k", s=20)
    ax.scatter(X_test[:, 0], X_test[:, 1], c=y_test, cmap="viridis", edgecolor="k", s=35,
               marker="^")
    ax.set_title(f"k = {k}\ntrain acc. {knn.score(X_train, y_train):.2f}, "
                 f"test acc. {knn.score(X_test, y_test):.2f}")
fig.tight_layout()
plt.show()
