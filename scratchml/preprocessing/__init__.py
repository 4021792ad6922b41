"""Preprocessing: scaling, encoding, polynomial and function features."""

from ._datetime import DateTimeFeatures
from ._discretization import KBinsDiscretizer
from ._encoders import OneHotEncoder, OrdinalEncoder
from ._function_transformer import FunctionTransformer
from ._label import LabelBinarizer, LabelEncoder, label_binarize
from ._polynomial import PolynomialFeatures
from ._scalers import MinMaxScaler, Normalizer, RobustScaler, StandardScaler

__all__ = [
    "DateTimeFeatures",
    "FunctionTransformer",
    "KBinsDiscretizer",
    "LabelBinarizer",
    "LabelEncoder",
    "MinMaxScaler",
    "Normalizer",
    "OneHotEncoder",
    "OrdinalEncoder",
    "PolynomialFeatures",
    "RobustScaler",
    "StandardScaler",
    "label_binarize",
]
