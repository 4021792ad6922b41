"""Preprocessing: scaling, encoding, polynomial and function features."""

from ._function_transformer import FunctionTransformer
from ._polynomial import PolynomialFeatures
from ._scalers import MinMaxScaler, Normalizer, RobustScaler, StandardScaler

__all__ = [
    "FunctionTransformer",
    "MinMaxScaler",
    "Normalizer",
    "PolynomialFeatures",
    "RobustScaler",
    "StandardScaler",
]
