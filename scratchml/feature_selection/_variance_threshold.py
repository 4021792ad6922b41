"""Remove features whose variance is below a threshold."""

import warnings
from numbers import Real

import numpy as np

from ..base import BaseEstimator
from ..utils.validation import Interval, check_is_fitted, validate_data
from ._base import SelectorMixin

__all__ = ["VarianceThreshold"]


class VarianceThreshold(SelectorMixin, BaseEstimator):
    r"""Drop every feature whose variance is not above ``threshold``.

    Unsupervised: ``y`` is ignored. With the default ``threshold=0`` it drops
    constant columns.

    Parameters
    ----------
    threshold : float >= 0, default=0.0
        Keep features with variance strictly greater than this.

    Attributes
    ----------
    variances_ : ndarray of shape (n_features,)
        Population variance of each feature, eq. (var-thresh); NaN entries are
        ignored.
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (`n_features_in_`,)

    Raises
    ------
    ValueError
        If no feature passes the threshold.

    Notes
    -----
    .. math::
       :label: var-thresh

       \sigma_j^2 = \frac{1}{N} \sum_i (x_{ij} - \bar x_j)^2 .

    With ``threshold=0`` a constant column can get a variance of about
    :math:`10^{-33}` instead of 0 from rounding; the peak-to-peak range, which
    is exactly 0 for a constant column, is used as a second opinion.

    References
    ----------
    I. Guyon & A. Elisseeff (2003), "An Introduction to Variable and Feature
    Selection", *JMLR* 3, 1157-1182, §2 (variable ranking).

    Examples
    --------
    >>> X = [[0, 2, 0, 3], [0, 1, 4, 3], [0, 1, 1, 3]]
    >>> VarianceThreshold().fit_transform(X)
    array([[2, 0],
           [1, 4],
           [1, 1]])
    """

    _parameter_constraints = {"threshold": [Interval(Real, 0, None, closed="left")]}

    def __init__(self, threshold=0.0):
        self.threshold = threshold

    def _extra_tags(self):
        return {"allow_nan": True, "requires_y": False}

    def fit(self, X, y=None):
        """Compute the variance of each feature.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            NaN entries are ignored.
        y : Ignored

        Returns
        -------
        self : VarianceThreshold
        """
        self._validate_params()
        X = validate_data(self, X, ensure_all_finite="allow-nan", dtype=np.float64)
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN column: keep NaN
            self.variances_ = np.nanvar(X, axis=0)  # eq. (var-thresh)
            if self.threshold == 0:
                ptp = np.nanmax(X, axis=0) - np.nanmin(X, axis=0)
                self.variances_ = np.fmin(self.variances_, ptp)
        if np.all(~np.isfinite(self.variances_) | (self.variances_ <= self.threshold)):
            message = f"No feature in X meets the variance threshold {self.threshold:.5f}"
            if X.shape[0] == 1:
                message += " (X contains only one sample)"
            raise ValueError(message)
        return self

    def _get_support_mask(self):
        check_is_fitted(self)
        return self.variances_ > self.threshold
