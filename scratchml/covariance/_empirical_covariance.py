r"""Maximum-likelihood covariance and the Mahalanobis distance."""

import numpy as np

from ..base import BaseEstimator
from ..utils.validation import check_array, check_is_fitted, validate_data

__all__ = ["EmpiricalCovariance", "empirical_covariance"]


def empirical_covariance(X, *, assume_centered=False):
    r"""Maximum-likelihood covariance :math:`\frac1N \sum_n (x_n - \bar x)(x_n - \bar x)^\top`.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Data.
    assume_centered : bool, default=False
        If True, use :math:`\frac1N X^\top X` (the mean is taken to be 0).

    Returns
    -------
    covariance : ndarray of shape (n_features, n_features)
        Divides by N, not N - 1 (the Gaussian maximum-likelihood estimate).
    """
    X = check_array(X, ensure_2d=False, dtype=np.float64)
    if X.ndim == 1:
        X = X.reshape(1, -1)
    if assume_centered:
        return X.T @ X / X.shape[0]
    # np.cov centres before multiplying: no cancellation from E[x²] - E[x]².
    return np.atleast_2d(np.cov(X.T, bias=True))


def pinvh(A):
    r"""Pseudo-inverse of a symmetric matrix through its eigen-decomposition.

    Eigenvalues below :math:`\max|\lambda| \cdot D \cdot \epsilon` are treated
    as 0, so a singular covariance (fewer distinct points than features) gives
    a finite pseudo-inverse instead of an overflow from ``inv``.
    """
    s, U = np.linalg.eigh(A)
    cutoff = np.abs(s).max() * A.shape[0] * np.finfo(np.float64).eps
    keep = np.abs(s) > cutoff
    return (U[:, keep] / s[keep]) @ U[:, keep].T


def log_det(A):
    """:math:`\\ln\\det A` of a covariance, -inf when it is not positive definite."""
    sign, value = np.linalg.slogdet(A)
    return value if sign > 0 else -np.inf


def squared_mahalanobis(X, location, precision):
    r""":math:`(x_n - \mu)^\top \Sigma^{-1} (x_n - \mu)` for every row, eq. (mcd-dist)."""
    X_centered = X - location
    return np.sum((X_centered @ precision) * X_centered, axis=1)  # eq. (mcd-dist)


class EmpiricalCovariance(BaseEstimator):
    r"""Maximum-likelihood covariance estimator.

    Parameters
    ----------
    store_precision : bool, default=True
        Store the (pseudo-)inverse covariance ``precision_``.
    assume_centered : bool, default=False
        Take the mean to be 0 instead of estimating it.

    Attributes
    ----------
    location_ : ndarray of shape (n_features,)
        Estimated mean.
    covariance_ : ndarray of shape (n_features, n_features)
        Estimated covariance (divided by N).
    precision_ : ndarray of shape (n_features, n_features) or None
        Pseudo-inverse of ``covariance_`` (None if ``store_precision=False``).
    n_features_in_ : int
        Number of features seen in ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Column names, when ``X`` was a DataFrame with string column names.

    See Also
    --------
    MinCovDet : robust to outliers.

    Notes
    -----
    .. math::
       :label: empcov

       \hat\mu = \frac1N \sum_n x_n, \qquad
       \hat\Sigma = \frac1N \sum_n (x_n - \hat\mu)(x_n - \hat\mu)^\top

    References
    ----------
    Hastie, Tibshirani & Friedman, *ESL* 2nd ed., §4.3 (Gaussian maximum
    likelihood estimates).

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.covariance import EmpiricalCovariance
    >>> X = np.array([[0.0, 0.0], [2.0, 0.0], [0.0, 2.0], [2.0, 2.0]])
    >>> cov = EmpiricalCovariance().fit(X)
    >>> cov.covariance_
    array([[1., 0.],
           [0., 1.]])
    >>> cov.mahalanobis([[1.0, 3.0]])
    array([4.])
    """

    _parameter_constraints = {"store_precision": ["boolean"], "assume_centered": ["boolean"]}

    def __init__(self, *, store_precision=True, assume_centered=False):
        self.store_precision = store_precision
        self.assume_centered = assume_centered

    def _set_covariance(self, covariance):
        self.covariance_ = covariance
        self.precision_ = pinvh(covariance) if self.store_precision else None

    def get_precision(self):
        """The pseudo-inverse of ``covariance_`` (stored or recomputed).

        Returns
        -------
        precision : ndarray of shape (n_features, n_features)
        """
        return self.precision_ if self.store_precision else pinvh(self.covariance_)

    def fit(self, X, y=None):
        """Estimate the mean and covariance, eq. (empcov).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data.
        y : Ignored
            Present for API consistency.

        Returns
        -------
        self : EmpiricalCovariance
            The fitted estimator.
        """
        self._validate_params()
        X = validate_data(self, X, dtype=np.float64)
        self.location_ = np.zeros(X.shape[1]) if self.assume_centered else X.mean(axis=0)
        self._set_covariance(empirical_covariance(X, assume_centered=self.assume_centered))
        return self

    def mahalanobis(self, X):
        """Squared Mahalanobis distance of each row to ``location_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        dist : ndarray of shape (n_samples,)
            :math:`(x - \\mu)^T \\Sigma^{-1} (x - \\mu)`.
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        return squared_mahalanobis(X, self.location_, self.get_precision())

    def score(self, X_test, y=None):
        """Gaussian log-likelihood of ``X_test`` per sample under the fitted model.

        Parameters
        ----------
        X_test : array-like of shape (n_samples, n_features)
        y : Ignored

        Returns
        -------
        res : float
            :math:`-\\frac12 (\\mathrm{tr}(S \\Sigma^{-1}) - \\ln|\\Sigma^{-1}| + D \\ln 2\\pi)`
            with :math:`S` the covariance of ``X_test`` around ``location_``.
        """
        check_is_fitted(self)
        X_test = validate_data(self, X_test, reset=False, dtype=np.float64)
        S = empirical_covariance(X_test - self.location_, assume_centered=True)
        precision = self.get_precision()
        D = precision.shape[0]
        return float((-np.sum(S * precision) + log_det(precision) - D * np.log(2 * np.pi)) / 2)
