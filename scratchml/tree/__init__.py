"""Decision trees (CART) grown by Numba kernels into flat arrays, and their text export."""

from ._classes import DecisionTreeClassifier, DecisionTreeRegressor
from ._export import export_graphviz, export_text, plot_tree

__all__ = [
    "DecisionTreeClassifier",
    "DecisionTreeRegressor",
    "export_graphviz",
    "export_text",
    "plot_tree",
]
