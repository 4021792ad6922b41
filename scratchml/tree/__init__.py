"""Decision trees (CART) grown by Numba kernels into flat arrays, and their text export."""

from ._classes import DecisionTreeClassifier, DecisionTreeRegressor
from ._export import export_text

__all__ = ["DecisionTreeClassifier", "DecisionTreeRegressor", "export_text"]
