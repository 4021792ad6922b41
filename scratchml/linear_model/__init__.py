"""Linear models: least squares, ridge, lasso, elastic net, logistic regression."""

from ._coordinate_descent import ElasticNet, Lasso, enet_path, lasso_path
from ._least_squares import LinearRegression
from ._logistic import LogisticRegression
from ._ridge import Ridge
from ._stochastic_gradient import Perceptron, SGDClassifier, SGDRegressor

__all__ = [
    "ElasticNet",
    "Lasso",
    "LinearRegression",
    "LogisticRegression",
    "Perceptron",
    "Ridge",
    "SGDClassifier",
    "SGDRegressor",
    "enet_path",
    "lasso_path",
]
