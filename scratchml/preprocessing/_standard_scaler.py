r"""``StandardScaler``: remove the mean, divide by the standard deviation; streams by batches.

NaNs are ignored when the statistics are estimated and kept as NaN by
``transform``, so the scaler can sit before an imputer in a pipeline.
"""

import numpy as np

from ..base import BaseEstimator, TransformerMixin
from ..utils.validation import check_is_fitted, check_sample_weight, validate_data
from ._base import OneToOneFeatureMixin, handle_zeros_in_scale

__all__ = ["StandardScaler", "incremental_mean_and_var", "is_constant_feature"]

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
    feature_names_in_ : ndarray of shape (``n_features_in_``,)
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
