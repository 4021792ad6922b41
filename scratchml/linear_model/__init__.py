"""Linear models: least squares, ridge, lasso, elastic net, logistic regression."""

from ._coordinate_descent import ElasticNet, Lasso, enet_path, lasso_path
from ._least_squares import LinearRegression
from ._logistic import LogisticRegression
from ._ridge import Ridge

__all__ = [
    "ElasticNet",
    "Lasso",
    "LinearRegression",
    "LogisticRegression",
    "Ridge",
    "enet_path",
    "lasso_path",
]
