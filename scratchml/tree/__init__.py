"""Decision trees (CART) grown by Numba kernels into flat arrays."""

from ._classes import DecisionTreeClassifier, DecisionTreeRegressor

__all__ = ["DecisionTreeClassifier", "DecisionTreeRegressor"]
