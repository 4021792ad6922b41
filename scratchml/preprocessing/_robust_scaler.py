r"""``RobustScaler``: centre on the median, scale by an inter-quantile range."""

import math

import numpy as np

from ..base import BaseEstimator, TransformerMixin
from ..utils.validation import check_is_fitted, validate_data
from ._base import OneToOneFeatureMixin, all_nan_ok, handle_zeros_in_scale

__all__ = ["RobustScaler", "normal_ppf"]

FLOAT_DTYPES = [np.float64, np.float32]


def normal_ppf(p):
    r"""Quantile function :math:`\Phi^{-1}(p)` of the standard normal, for ``0 < p < 1``.

    Acklam's rational approximation (relative error 1.15e-9) refined by one
    Halley step on :math:`\Phi(x) - p`, with :math:`\Phi` from ``math.erfc``,
    which brings it to full double precision.

    Parameters
    ----------
    p : float

    Returns
    -------
    x : float
        ``-inf`` for p = 0 and ``inf`` for p = 1.
    """
    if p <= 0.0:
        return -math.inf
    if p >= 1.0:
        return math.inf
    if p > 0.5:
        # Phi^{-1}(p) = -Phi^{-1}(1 - p); 1 - p is exact here, while Phi(x) - p
        # near p = 1 would cancel catastrophically in the refinement below.
        return -normal_ppf(1.0 - p)
    a = (-3.969683028665376e01, 2.209460984245205e02, -2.759285104469687e02,
         1.383577518672690e02, -3.066479806614716e01, 2.506628277459239e00)
    b = (-5.447609879822406e01, 1.615858368580409e02, -1.556989798598866e02,
         6.680131188771972e01, -1.328068155288572e01)
    c = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e00,
         -2.549732539343734e00, 4.374664141464968e00, 2.938163982698783e00)
    d = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00,
         3.754408661907416e00)
    p_low = 0.02425
    if p < p_low:
        q = math.sqrt(-2 * math.log(p))
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / (
            (((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    elif p <= 1 - p_low:
        q = p - 0.5
        r = q * q
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (
            ((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    else:
        q = math.sqrt(-2 * math.log(1 - p))
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / (
            (((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    for _ in range(2):  # Halley steps: cubic convergence from 1e-9
        e = 0.5 * math.erfc(-x / math.sqrt(2)) - p
        u = e * math.sqrt(2 * math.pi) * math.exp(x * x / 2)
        x = x - u / (1 + x * u / 2)
    return x


class RobustScaler(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    r"""Scale features with statistics that are robust to outliers: median and IQR.

    Parameters
    ----------
    with_centering : bool, default=True
        Subtract the median.
    with_scaling : bool, default=True
        Divide by the inter-quantile range.
    quantile_range : tuple (q_min, q_max), 0 <= q_min <= q_max <= 100, default=(25.0, 75.0)
        Percentiles whose difference is the scale.
    copy : bool, default=True
        Ignored: scratchml never scales in place.
    unit_variance : bool, default=False
        Also divide by :math:`\Phi^{-1}(q_{max}) - \Phi^{-1}(q_{min})`, so that
        normally distributed features end with unit variance.

    Attributes
    ----------
    center_ : ndarray of shape (n_features,) or None
        Per-feature median (None without centring).
    scale_ : ndarray of shape (n_features,) or None
        Per-feature inter-quantile range, 1 where it is zero (None without scaling).
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        For a quantile range outside [0, 100] or with q_min > q_max.

    Notes
    -----
    .. math::
       :label: robust-transform

       z_{ij} = \frac{x_{ij} - \operatorname{median}_i x_{ij}}
                     {Q_j(q_{max}) - Q_j(q_{min})},

    with :math:`Q_j` the empirical quantile with linear interpolation
    (Hyndman and Fan's definition 7, NumPy's default). NaNs are ignored.

    References
    ----------
    R. J. Hyndman, Y. Fan, "Sample quantiles in statistical packages",
    *The American Statistician* 50(4):361-365, 1996, doi:10.2307/2684934 (definition 7).

    Examples
    --------
    >>> from scratchml.preprocessing import RobustScaler
    >>> RobustScaler().fit_transform([[1.0], [2.0], [3.0], [4.0], [100.0]])
    array([[-1. ],
           [-0.5],
           [ 0. ],
           [ 0.5],
           [48.5]])
    """

    _parameter_constraints = {
        "with_centering": ["boolean"],
        "with_scaling": ["boolean"],
        "quantile_range": [tuple],
        "copy": ["boolean"],
        "unit_variance": ["boolean"],
    }

    def __init__(
        self, *, with_centering=True, with_scaling=True, quantile_range=(25.0, 75.0),
        copy=True, unit_variance=False,
    ):
        self.with_centering = with_centering
        self.with_scaling = with_scaling
        self.quantile_range = quantile_range
        self.copy = copy
        self.unit_variance = unit_variance

    def _extra_tags(self):
        return {"allow_nan": True, "preserves_dtype": ["float64", "float32"]}

    def fit(self, X, y=None):
        """Compute the median and the inter-quantile range of each feature.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            NaNs are ignored.
        y : None
            Ignored.

        Returns
        -------
        self : RobustScaler
        """
        self._validate_params()
        X = validate_data(self, X, dtype=FLOAT_DTYPES, ensure_all_finite="allow-nan")
        q_min, q_max = self.quantile_range
        if not 0 <= q_min <= q_max <= 100:
            raise ValueError(f"Invalid quantile range: {self.quantile_range}")
        with all_nan_ok():
            self.center_ = np.nanmedian(X, axis=0) if self.with_centering else None
            if self.with_scaling:
                q = np.nanpercentile(X, self.quantile_range, axis=0)  # (2, n_features), eq. (robust-transform)
                self.scale_ = handle_zeros_in_scale(q[1] - q[0])
                if self.unit_variance:
                    self.scale_ = self.scale_ / (
                        normal_ppf(q_max / 100.0) - normal_ppf(q_min / 100.0)
                    )
            else:
                self.scale_ = None
        return self

    def transform(self, X):
        """Centre and scale ``X`` (eq. robust-transform).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_features)
        """
        check_is_fitted(self)
        X = validate_data(
            self, X, reset=False, dtype=FLOAT_DTYPES, ensure_all_finite="allow-nan"
        )
        Z = X.copy()
        if self.with_centering:
            Z -= self.center_.astype(X.dtype, copy=False)  # eq. (robust-transform)
        if self.with_scaling:
            Z /= self.scale_.astype(X.dtype, copy=False)
        return Z

    def inverse_transform(self, X):
        """Undo the scaling.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_original : ndarray of shape (n_samples, n_features)
        """
        check_is_fitted(self)
        X = validate_data(
            self, X, reset=False, dtype=FLOAT_DTYPES, ensure_all_finite="allow-nan"
        )
        Z = X.copy()
        if self.with_scaling:
            Z *= self.scale_.astype(X.dtype, copy=False)
        if self.with_centering:
            Z += self.center_.astype(X.dtype, copy=False)
        return Z
