r"""``MinMaxScaler``: map each feature's training range onto a target range."""

import numpy as np

from ..base import BaseEstimator, TransformerMixin
from ..utils.validation import check_is_fitted, validate_data
from ._base import OneToOneFeatureMixin, all_nan_ok, handle_zeros_in_scale

__all__ = ["MinMaxScaler"]

FLOAT_DTYPES = [np.float64, np.float32]


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
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

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
        with np.errstate(invalid="ignore"), all_nan_ok():
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
