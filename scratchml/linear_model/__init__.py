"""Linear models: least squares, ridge, lasso, elastic net, logistic regression."""

from ._coordinate_descent import ElasticNet, Lasso, enet_path, lasso_path
from ._coordinate_descent_cv import ElasticNetCV, LassoCV
from ._least_squares import LinearRegression
from ._logistic import LogisticRegression
from ._perceptron import Perceptron
from ._ridge import Ridge
from ._ridge_cv import RidgeCV
from ._stochastic_gradient import SGDClassifier, SGDRegressor

__all__ = [
    "ElasticNet",
    "ElasticNetCV",
    "Lasso",
    "LassoCV",
    "LinearRegression",
    "LogisticRegression",
    "Perceptron",
    "Ridge",
    "RidgeCV",
    "SGDClassifier",
    "SGDRegressor",
    "enet_path",
    "lasso_path",
]
