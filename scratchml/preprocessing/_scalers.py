r"""Feature scaling: ``StandardScaler``, ``MinMaxScaler``, ``RobustScaler``, ``Normalizer``.

Each scaler is an affine map per feature, :math:`z = (x - c) / s`, that differs
only in how the centre :math:`c` and scale :math:`s` are estimated (mean and
standard deviation, minimum and range, median and inter-quantile range);
``Normalizer`` instead rescales each *sample* to unit norm.

NaNs are ignored when the statistics are estimated and kept as NaN by
``transform``, so the scalers can sit before an imputer in a pipeline.
"""

import math

import numpy as np

from ..base import BaseEstimator, TransformerMixin
from ..utils.validation import (
    StrOptions,
    check_is_fitted,
    check_sample_weight,
    validate_data,
)
from ._base import OneToOneFeatureMixin, handle_zeros_in_scale

__all__ = ["MinMaxScaler", "Normalizer", "RobustScaler", "StandardScaler", "normal_ppf"]

FLOAT_DTYPES = [np.float64, np.float32]


def incremental_mean_and_var(X, last_mean, last_variance, last_count, sample_weight=None):
    r"""Merge the mean and variance of a new batch into running statistics.

    Chan, Golub and LeVeque's pairwise update (eq. chan-mean, chan-var of the
    :class:`StandardScaler` notes). The new batch's own sum of squares uses
    the *corrected two-pass* formula, which subtracts the rounding error of
    the batch mean instead of the catastrophic-cancellation prone
    :math:`\sum x^2 - (\sum x)^2 / n`. NaNs are skipped.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    last_mean, last_variance : float or ndarray of shape (n_features,)
        Statistics so far; ``last_variance`` None skips the variance.
    last_count : ndarray of shape (n_features,)
        Number (or total weight) of non-NaN samples so far, per feature.
    sample_weight : ndarray of shape (n_samples,) or None

    Returns
    -------
    mean, variance, count : ndarrays of shape (n_features,)
        ``variance`` is None when ``last_variance`` is.
    """
    last_count = np.asarray(last_count, dtype=np.float64)
    last_sum = last_mean * last_count
    nan_mask = np.isnan(X)
    if sample_weight is None:
        new_sum = np.nansum(X, axis=0, dtype=np.float64)
        new_count = X.shape[0] - np.sum(nan_mask, axis=0, dtype=np.float64)
    else:
        new_sum = sample_weight @ np.where(nan_mask, 0, X).astype(np.float64)
        new_count = np.sum(sample_weight[:, None] * ~nan_mask, axis=0, dtype=np.float64)
    count = last_count + new_count
    mean = (last_sum + new_sum) / count  # eq. (chan-mean)
    if last_variance is None:
        return mean, None, count

    with np.errstate(divide="ignore", invalid="ignore"):
        T = new_sum / new_count  # the batch mean
    temp = X - T
    if sample_weight is None:
        correction = np.nansum(temp, axis=0, dtype=np.float64)
        new_ss = np.nansum(temp**2, axis=0, dtype=np.float64)
    else:
        correction = sample_weight @ np.where(nan_mask, 0, temp).astype(np.float64)
        new_ss = sample_weight @ np.where(nan_mask, 0, temp**2).astype(np.float64)
    # corrected two-pass: the correction is the rounding error of T (zero in exact arithmetic)
    new_ss = new_ss - correction**2 / new_count
    last_ss = last_variance * last_count
    with np.errstate(divide="ignore", invalid="ignore"):
        last_over_new = last_count / new_count
        # eq. (chan-var): M2 = M2_a + M2_b + n_a n_b / n (mean_a - mean_b)^2, written with sums
        ss = last_ss + new_ss + last_over_new / count * (last_sum / last_over_new - new_sum) ** 2
    first = last_count == 0
    ss[first] = new_ss[first]
    return mean, ss / count, count


def is_constant_feature(var, mean, n_samples):
    r"""Whether a computed variance is within rounding error of zero.

    The bound is the error of the corrected two-pass algorithm (Chan et al.,
    1983, §3): :math:`|\hat\sigma^2 - \sigma^2| \le N\epsilon\sigma^2 + (N\bar x\epsilon)^2`.
    """
    eps = np.finfo(np.float64).eps
    return var <= n_samples * eps * var + (n_samples * mean * eps) ** 2


class StandardScaler(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    r"""Standardise features: remove the mean and divide by the standard deviation.

    Parameters
    ----------
    copy : bool, default=True
        Kept for scikit-learn compatibility; scratchml never scales in place,
        so the input is never modified whatever its value.
    with_mean : bool, default=True
        Subtract :math:`\mu_j` (eq. std-transform).
    with_std : bool, default=True
        Divide by :math:`\sigma_j`.

    Attributes
    ----------
    scale_ : ndarray of shape (n_features,) or None
        :math:`\sigma_j`, with 1 for (near-)constant features, so they are left
        unscaled. None when ``with_std=False``.
    mean_ : ndarray of shape (n_features,) or None
        :math:`\mu_j`. None when both ``with_mean`` and ``with_std`` are False.
    var_ : ndarray of shape (n_features,) or None
        Population variance :math:`\sigma_j^2` (divided by N, not N - 1).
        None when ``with_std=False``.
    n_samples_seen_ : float or ndarray of shape (n_features,)
        Samples (or total sample weight) seen per feature, as a float like
        scikit-learn's; a scalar when every feature saw the same count.
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (n_features_in_,)
        Only when ``X`` was a DataFrame with string column names.

    Notes
    -----
    N samples, D features. Per feature j, over the non-NaN values,

    .. math::
       :label: std-transform

       z_{ij} = \frac{x_{ij} - \mu_j}{\sigma_j}, \qquad
       \mu_j = \frac1N \sum_i x_{ij}, \quad
       \sigma_j^2 = \frac1N \sum_i (x_{ij} - \mu_j)^2 .

    ``partial_fit`` merges a batch b (size :math:`n_b`, sum :math:`S_b`, sum of
    squared deviations :math:`M_b`) into the running statistics a:

    .. math::
       :label: chan-mean

       n = n_a + n_b, \qquad \mu = \frac{S_a + S_b}{n}

    .. math::
       :label: chan-var

       M = M_a + M_b + \frac{n_a}{n_b\, n}\Big(\frac{n_b}{n_a} S_a - S_b\Big)^2,
       \qquad \sigma^2 = M / n,

    so fitting in batches gives the same ``mean_``/``var_`` as one ``fit``
    (up to rounding), without storing the data.

    References
    ----------
    T. F. Chan, G. H. Golub, R. J. LeVeque, "Algorithms for computing the
    sample variance: analysis and recommendations", *The American
    Statistician* 37(3):242-247, 1983, doi:10.1080/00031305.1983.10483115
    (eq. 2.1 for the pairwise update, §3 for the corrected two-pass sum).

    Examples
    --------
    >>> from scratchml.preprocessing import StandardScaler
    >>> X = [[0.0, 0.0], [0.0, 0.0], [1.0, 1.0], [1.0, 1.0]]
    >>> scaler = StandardScaler().fit(X)
    >>> scaler.mean_
    array([0.5, 0.5])
    >>> scaler.transform([[2.0, 2.0]])
    array([[3., 3.]])
    """

    _parameter_constraints = {
        "copy": ["boolean"],
        "with_mean": ["boolean"],
        "with_std": ["boolean"],
    }

    def __init__(self, *, copy=True, with_mean=True, with_std=True):
        self.copy = copy
        self.with_mean = with_mean
        self.with_std = with_std

    def _extra_tags(self):
        return {"allow_nan": True, "preserves_dtype": ["float64", "float32"]}

    def _reset(self):
        for name in ("scale_", "n_samples_seen_", "mean_", "var_"):
            self.__dict__.pop(name, None)

    def fit(self, X, y=None, sample_weight=None):
        """Compute the mean and standard deviation of each feature.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data; NaNs are ignored.
        y : None
            Ignored.
        sample_weight : array-like of shape (n_samples,), default=None
            Weights of the samples in the mean and variance.

        Returns
        -------
        self : StandardScaler
        """
        self._reset()
        return self.partial_fit(X, y, sample_weight)

    def partial_fit(self, X, y=None, sample_weight=None):
        """Update the running mean and variance with a batch (eq. chan-mean, chan-var).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            A batch; NaNs are ignored.
        y : None
            Ignored.
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        self : StandardScaler
        """
        self._validate_params()
        first = not hasattr(self, "n_samples_seen_")
        X = validate_data(
            self, X, reset=first, dtype=FLOAT_DTYPES, ensure_all_finite="allow-nan"
        )
        if sample_weight is not None:
            sample_weight = check_sample_weight(sample_weight, X, dtype=X.dtype)
        n_features = X.shape[1]
        if first:
            # scikit-learn counts in float64 except when nothing but counting is done
            counting_only = not (self.with_mean or self.with_std) and sample_weight is None
            self.n_samples_seen_ = np.zeros(
                n_features, dtype=np.int64 if counting_only else np.float64
            )
            self.mean_ = 0.0
            self.var_ = 0.0 if self.with_std else None
        elif np.ndim(self.n_samples_seen_) == 0:
            self.n_samples_seen_ = np.repeat(self.n_samples_seen_, n_features)

        if not self.with_mean and not self.with_std:
            self.mean_ = None
            self.var_ = None
            self.n_samples_seen_ = self.n_samples_seen_ + X.shape[0] - np.isnan(X).sum(axis=0)
        else:
            self.mean_, self.var_, self.n_samples_seen_ = incremental_mean_and_var(
                X, self.mean_, self.var_, self.n_samples_seen_, sample_weight
            )
        if np.max(self.n_samples_seen_) == np.min(self.n_samples_seen_):
            self.n_samples_seen_ = self.n_samples_seen_[0]

        if self.with_std:
            constant = is_constant_feature(self.var_, self.mean_, self.n_samples_seen_)
            self.scale_ = handle_zeros_in_scale(np.sqrt(self.var_), constant_mask=constant)
        else:
            self.scale_ = None
        return self

    def transform(self, X, copy=None):
        """Standardise ``X`` with the fitted statistics (eq. std-transform).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        copy : bool, default=None
            Ignored: a new array is always returned.

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_features)
        """
        check_is_fitted(self)
        X = validate_data(
            self, X, reset=False, dtype=FLOAT_DTYPES, ensure_all_finite="allow-nan"
        )
        Z = X.copy()
        if self.with_mean:
            Z -= self.mean_.astype(X.dtype, copy=False)  # eq. (std-transform)
        if self.with_std:
            Z /= self.scale_.astype(X.dtype, copy=False)
        return Z

    def inverse_transform(self, X, copy=None):
        """Undo the scaling: :math:`x = z\\sigma + \\mu`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        copy : bool, default=None
            Ignored: a new array is always returned.

        Returns
        -------
        X_original : ndarray of shape (n_samples, n_features)
        """
        check_is_fitted(self)
        X = validate_data(
            self, X, reset=False, dtype=FLOAT_DTYPES, ensure_all_finite="allow-nan"
        )
        Z = X.copy()
        if self.with_std:
            Z *= self.scale_.astype(X.dtype, copy=False)
        if self.with_mean:
            Z += self.mean_.astype(X.dtype, copy=False)
        return Z


class MinMaxScaler(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    r"""Scale each feature to a given range, by default [0, 1].

    Parameters
    ----------
    feature_range : tuple (min, max), default=(0, 1)
        Target range :math:`[a, b]`; needs :math:`a < b`.
    copy : bool, default=True
        Ignored: scratchml never scales in place.
    clip : bool, default=False
        Clip transformed values of unseen data to ``feature_range``.

    Attributes
    ----------
    min_ : ndarray of shape (n_features,)
        Offset :math:`a - \min_j s_j` of eq. (minmax).
    scale_ : ndarray of shape (n_features,)
        :math:`s_j` of eq. (minmax).
    data_min_, data_max_, data_range_ : ndarray of shape (n_features,)
        Per-feature minimum, maximum and their difference over everything seen.
    n_samples_seen_ : int
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (n_features_in_,)

    Raises
    ------
    ValueError
        If ``feature_range[0] >= feature_range[1]``.

    Notes
    -----
    .. math::
       :label: minmax

       z_{ij} = x_{ij} s_j + a - \min_i x_{ij}\, s_j, \qquad
       s_j = \frac{b - a}{\max_i x_{ij} - \min_i x_{ij}},

    with a zero range replaced by 1 (constant features map to :math:`a`).
    ``partial_fit`` only needs the running minimum and maximum.

    References
    ----------
    Géron, *Hands-On Machine Learning*, 3rd ed., ch. 2, "Feature Scaling and
    Transformation".

    Examples
    --------
    >>> from scratchml.preprocessing import MinMaxScaler
    >>> MinMaxScaler().fit_transform([[-1.0, 2.0], [-0.5, 6.0], [0.0, 10.0]])
    array([[0. , 0. ],
           [0.5, 0.5],
           [1. , 1. ]])
    """

    _parameter_constraints = {
        "feature_range": [tuple],
        "copy": ["boolean"],
        "clip": ["boolean"],
    }

    def __init__(self, feature_range=(0, 1), *, copy=True, clip=False):
        self.feature_range = feature_range
        self.copy = copy
        self.clip = clip

    def _extra_tags(self):
        return {"allow_nan": True, "preserves_dtype": ["float64", "float32"]}

    def fit(self, X, y=None):
        """Compute the per-feature minimum and maximum.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            NaNs are ignored.
        y : None
            Ignored.

        Returns
        -------
        self : MinMaxScaler
        """
        for name in ("scale_", "min_", "n_samples_seen_", "data_min_", "data_max_", "data_range_"):
            self.__dict__.pop(name, None)
        return self.partial_fit(X, y)

    def partial_fit(self, X, y=None):
        """Update the running minimum and maximum with a batch.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : None
            Ignored.

        Returns
        -------
        self : MinMaxScaler
        """
        self._validate_params()
        low, high = self.feature_range
        if low >= high:
            raise ValueError(
                "Minimum of desired feature range must be smaller than maximum. "
                f"Got {self.feature_range}."
            )
        first = not hasattr(self, "n_samples_seen_")
        X = validate_data(
            self, X, reset=first, dtype=FLOAT_DTYPES, ensure_all_finite="allow-nan"
        )
        with np.errstate(invalid="ignore"), _all_nan_ok():
            data_min = np.nanmin(X, axis=0)
            data_max = np.nanmax(X, axis=0)
        if first:
            self.n_samples_seen_ = X.shape[0]
        else:
            data_min = np.minimum(self.data_min_, data_min)
            data_max = np.maximum(self.data_max_, data_max)
            self.n_samples_seen_ += X.shape[0]
        data_range = data_max - data_min
        self.scale_ = (high - low) / handle_zeros_in_scale(data_range)  # eq. (minmax)
        self.min_ = low - data_min * self.scale_
        self.data_min_, self.data_max_, self.data_range_ = data_min, data_max, data_range
        return self

    def transform(self, X):
        """Scale ``X`` into ``feature_range`` (eq. minmax).

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
        Z = X * self.scale_.astype(X.dtype, copy=False)
        Z += self.min_.astype(X.dtype, copy=False)
        if self.clip:
            np.clip(Z, self.feature_range[0], self.feature_range[1], out=Z)
        return Z

    def inverse_transform(self, X):
        """Undo the scaling: :math:`x = (z - \\text{min\\_}) / s`.

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
        Z = X - self.min_.astype(X.dtype, copy=False)
        Z /= self.scale_.astype(X.dtype, copy=False)
        return Z


class _all_nan_ok:
    """Silence NumPy's 'All-NaN slice' RuntimeWarning (an all-NaN column stays NaN)."""

    def __enter__(self):
        import warnings

        self._ctx = warnings.catch_warnings()
        self._ctx.__enter__()
        warnings.filterwarnings("ignore", message="All-NaN (slice|axis) encountered")
        return self

    def __exit__(self, *exc):
        return self._ctx.__exit__(*exc)


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
    feature_names_in_ : ndarray of shape (n_features_in_,)

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
        with _all_nan_ok():
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


class Normalizer(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    r"""Rescale each sample (row) to unit norm.

    Parameters
    ----------
    norm : {'l1', 'l2', 'max'}, default='l2'
        The norm of eq. (normalize).
    copy : bool, default=True
        Ignored: scratchml never normalises in place.

    Attributes
    ----------
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (n_features_in_,)

    Notes
    -----
    .. math::
       :label: normalize

       z_i = x_i / \lVert x_i \rVert, \qquad
       \lVert x \rVert \in \{\textstyle\sum_j |x_j|,\ \sqrt{\sum_j x_j^2},\ \max_j |x_j|\};

    rows of norm zero are left unchanged. Stateless: ``fit`` only records the
    number of features.

    References
    ----------
    Manning, Raghavan, Schütze, *Introduction to Information Retrieval*, §6.3.1
    (length normalisation for the cosine similarity).

    Examples
    --------
    >>> from scratchml.preprocessing import Normalizer
    >>> Normalizer().fit_transform([[3.0, 4.0], [0.0, 0.0]])
    array([[0.6, 0.8],
           [0. , 0. ]])
    """

    _parameter_constraints = {"norm": [StrOptions({"l1", "l2", "max"})], "copy": ["boolean"]}

    def __init__(self, norm="l2", *, copy=True):
        self.norm = norm
        self.copy = copy

    def _extra_tags(self):
        return {"requires_fit": False, "preserves_dtype": ["float64", "float32"]}

    def fit(self, X, y=None):
        """Validate ``X`` and record its number of features.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : None
            Ignored.

        Returns
        -------
        self : Normalizer
        """
        self._validate_params()
        validate_data(self, X, dtype=FLOAT_DTYPES)
        return self

    def transform(self, X, copy=None):
        """Divide each row by its norm (eq. normalize).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        copy : bool, default=None
            Ignored: a new array is always returned.

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_features)
        """
        X = validate_data(self, X, reset=False, dtype=FLOAT_DTYPES)
        if self.norm == "l1":
            norms = np.sum(np.abs(X), axis=1)
        elif self.norm == "l2":
            # einsum forms sum x^2 without the (N, D) temporary of X**2
            norms = np.sqrt(np.einsum("ij,ij->i", X, X))
        else:
            norms = np.max(np.abs(X), axis=1)
        return X / handle_zeros_in_scale(norms)[:, None]  # eq. (normalize)

