"""
A decision tree on iris, printed and drawn
==========================================

A classification tree asks one yes/no question per internal node, "is
feature j <= threshold?", chosen greedily to make the two children as pure
as possible (lowest weighted Gini impurity). Fitted on the four iris
measurements with ``max_depth=3``, the first split alone isolates every
setosa (petal length below about 2.5 cm); the next ones separate versicolor
from virginica by petal width and length.

:func:`~scratchml.tree.export_text` prints the rules, one line per split and
leaf; :func:`~scratchml.tree.plot_tree` draws the same tree, each box giving
the question, the node's Gini impurity, its number of training samples and
the class counts. The printed ``feature_importances_`` are the total
impurity decrease each feature brought, normalised to sum to one: the sepal
measurements are never used.
"""

import matplotlib.pyplot as plt

from scratchml.datasets import load_iris
from scratchml.tree import DecisionTreeClassifier, export_text, plot_tree

iris = load_iris()
tree = DecisionTreeClassifier(max_depth=3, random_state=0).fit(iris.data, iris.target)

print(export_text(tree, feature_names=list(iris.feature_names),
                  class_names=list(iris.target_names), show_weights=True))
print(f"training accuracy: {tree.score(iris.data, iris.target):.3f}")
for name, importance in zip(iris.feature_names, tree.feature_importances_):
    print(f"importance of {name:<18}: {importance:.3f}")

fig, ax = plt.subplots(figsize=(13, 6))
boxes = plot_tree(tree, feature_names=list(iris.feature_names),
                  class_names=list(iris.target_names), decimals=2, ax=ax, fontsize=9)
# Each arrow starts at the centre of its parent's box: draw parents above
# their children so that the (white) boxes hide the arrow tails.
for box, depth in zip(boxes, tree.tree_.node_depth):
    box.set_zorder(10 - depth)
fig.suptitle(f"DecisionTreeClassifier(max_depth=3) on iris: {tree.get_n_leaves()} leaves")
fig.subplots_adjust(top=0.85, bottom=0.08)
plt.show()
