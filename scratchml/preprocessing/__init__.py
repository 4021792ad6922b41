"""Preprocessing: scaling, encoding, polynomial and function features."""

from ._datetime import DateTimeFeatures
from ._discretization import KBinsDiscretizer
from ._encoders import OneHotEncoder
from ._function_transformer import FunctionTransformer
from ._label import LabelBinarizer, LabelEncoder, label_binarize
from ._min_max_scaler import MinMaxScaler
from ._normalizer import Normalizer
from ._ordinal_encoder import OrdinalEncoder
from ._polynomial import PolynomialFeatures
from ._robust_scaler import RobustScaler
from ._standard_scaler import StandardScaler

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
