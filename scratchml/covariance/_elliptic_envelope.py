r"""Outlier detection from a robust Gaussian fit: the elliptic envelope."""

from numbers import Real

import numpy as np

from ..base import OutlierMixin
from ..utils.validation import Interval, check_is_fitted
from ._robust_covariance import MinCovDet

__all__ = ["EllipticEnvelope"]


class EllipticEnvelope(OutlierMixin, MinCovDet):
    r"""Flag as outliers the samples far from a robust (MCD) Gaussian fit.

    Parameters
    ----------
    store_precision : bool, default=True
        Store the precision matrix.
    assume_centered : bool, default=False
        Take the location to be 0.
    support_fraction : float in (0, 1], default=None
        h / N for the MCD; None means :math:`\lceil (N + D + 1) / 2 \rceil / N`.
    contamination : float in (0, 0.5], default=0.1
        Expected fraction of outliers: sets the threshold ``offset_``.
    random_state : int, RandomState instance or None, default=None
        Seeds FAST-MCD.

    Attributes
    ----------
    offset_ : float
        Threshold on ``score_samples``, eq. (envelope-offset).
    location_, covariance_, precision_, support_, dist_, raw_location_, raw_covariance_, raw_support_
        As in :class:`MinCovDet`.
    n_features_in_ : int
        Number of features seen in ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Column names, when ``X`` was a DataFrame with string column names.

    See Also
    --------
    MinCovDet : the robust estimate used here.
    scratchml.cluster.KMeansOutlierDetector : distance to the nearest K-Means centre.

    Notes
    -----
    With the reweighted MCD :math:`(T, S)`, the score of a sample is the
    negative squared Mahalanobis distance, and the offset is the
    ``contamination`` quantile of the training scores:

    .. math::
       :label: envelope-score

       s(x) = -(x - T)^\top S^{-1} (x - T)

    .. math::
       :label: envelope-offset

       \text{offset} = Q_{\text{contamination}}\{s(x_n)\}_{n=1}^N

    ``decision_function`` is :math:`s(x) - \text{offset}`; a negative value
    means outlier.

    References
    ----------
    Rousseeuw, P. J. and Van Driessen, K. (1999). A fast algorithm for the
    minimum covariance determinant estimator. *Technometrics* 41(3), 212-223.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.covariance import EllipticEnvelope
    >>> rng = np.random.RandomState(0)
    >>> X = rng.multivariate_normal([0, 0], [[0.8, 0.3], [0.3, 0.4]], size=500)
    >>> env = EllipticEnvelope(random_state=0).fit(X)
    >>> env.predict([[0, 0], [3, 3]])
    array([ 1, -1])
    """

    _parameter_constraints = {
        **MinCovDet._parameter_constraints,
        "contamination": [Interval(Real, 0, 0.5, closed="right")],
    }

    def __init__(self, *, store_precision=True, assume_centered=False, support_fraction=None,
                 contamination=0.1, random_state=None):
        super().__init__(store_precision=store_precision, assume_centered=assume_centered,
                         support_fraction=support_fraction, random_state=random_state)
        self.contamination = contamination

    def fit(self, X, y=None):
        """Fit the MCD and set ``offset_``, eq. (envelope-offset).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data.
        y : Ignored
            Present for API consistency.

        Returns
        -------
        self : EllipticEnvelope
            The fitted estimator.
        """
        super().fit(X)
        self.offset_ = np.percentile(-self.dist_, 100.0 * self.contamination)  # eq. (envelope-offset)
        return self

    def score_samples(self, X):
        """Negative squared Mahalanobis distance, eq. (envelope-score); higher is more normal.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        scores : ndarray of shape (n_samples,)
        """
        check_is_fitted(self)
        return -self.mahalanobis(X)  # eq. (envelope-score)

    def decision_function(self, X):
        """``score_samples(X) - offset_``: negative for outliers.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        decision : ndarray of shape (n_samples,)
        """
        return self.score_samples(X) - self.offset_

    def predict(self, X):
        """+1 for inliers (decision >= 0), -1 for outliers.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        is_inlier : ndarray of shape (n_samples,)
        """
        return np.where(self.decision_function(X) >= 0, 1, -1)

    def score(self, X, y, sample_weight=None):
        """Accuracy of :meth:`predict` against +1/-1 labels ``y``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            True labels, +1 inlier / -1 outlier.
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        score : float
        """
        from ..metrics import accuracy_score

        return accuracy_score(y, self.predict(X), sample_weight=sample_weight)
