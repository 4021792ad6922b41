"""Histogram-based gradient boosting (LightGBM / XGBoost style).

Modules, in the order the algorithm uses them: ``binning`` (quantile bins,
a bin for NaN), ``_histogram_kernels`` (gradient/Hessian histograms),
``_splitting_kernels`` (second-order split gain), ``grower`` (leaf-wise
growth with histogram subtraction), ``predictor`` and ``_predictor_kernels``
(flat trees), ``loss``, and the estimators in ``gradient_boosting``,
``regressor`` and ``classifier``.
"""

from .classifier import HistGradientBoostingClassifier
from .regressor import HistGradientBoostingRegressor

__all__ = ["HistGradientBoostingClassifier", "HistGradientBoostingRegressor"]
