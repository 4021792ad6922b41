"""Feature selection: variance filter, univariate scores, recursive elimination."""

from ._base import SelectorMixin
from ._rfe import RFE, RFECV
from ._univariate_selection import SelectKBest, chi2, f_classif, f_regression, r_regression
from ._variance_threshold import VarianceThreshold

__all__ = [
    "RFE",
    "RFECV",
    "SelectKBest",
    "SelectorMixin",
    "VarianceThreshold",
    "chi2",
    "f_classif",
    "f_regression",
    "r_regression",
]
