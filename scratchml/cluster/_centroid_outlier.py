r"""Anomaly detection by distance to the nearest K-Means centre."""

from numbers import Integral, Real

import numpy as np

from ..base import BaseEstimator, OutlierMixin
from ..utils.validation import Interval, StrOptions, check_is_fitted, validate_data
from ._kmeans import KMeans

__all__ = ["KMeansOutlierDetector"]


class KMeansOutlierDetector(OutlierMixin, BaseEstimator):
    r"""Outlier detector scoring each sample by its distance to the nearest K-Means centre.

    K-Means summarises the bulk of the data by K centres; a sample far from
    every centre is unlike the bulk. The score is the negative Euclidean
    distance to the nearest centre and the threshold is the
    ``contamination`` quantile of the training scores. scikit-learn has no
    such estimator; the name follows its ``<Method><Task>`` pattern
    (``IsolationForest``, ``LocalOutlierFactor``) and says what is fitted.

    Parameters
    ----------
    n_clusters : int, default=8
        Number of centres K; must be <= n_samples.
    contamination : float in (0, 0.5], default=0.1
        Expected fraction of outliers in the training data: sets ``offset_``.
    init : {'k-means++', 'random'} or array-like of shape (n_clusters, n_features), default='k-means++'
        Passed to :class:`KMeans`.
    n_init : 'auto' or int, default='auto'
        Passed to :class:`KMeans`.
    max_iter : int, default=300
        Passed to :class:`KMeans`.
    tol : float, default=1e-4
        Passed to :class:`KMeans`.
    random_state : int, RandomState instance or None, default=None
        Seeds K-Means.

    Attributes
    ----------
    kmeans_ : KMeans
        The fitted clustering.
    cluster_centers_ : ndarray of shape (n_clusters, n_features)
        Its centres :math:`\mu_k`.
    offset_ : float
        Threshold on ``score_samples``, eq. (centroid-offset).
    n_iter_ : int
        K-Means iterations of the best run.
    n_features_in_ : int
        Number of features seen in ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Column names, when ``X`` was a DataFrame with string column names.

    Raises
    ------
    ValueError
        ``n_clusters > n_samples`` (from :class:`KMeans`).

    See Also
    --------
    scratchml.covariance.EllipticEnvelope : Mahalanobis distance to a robust Gaussian fit.

    Notes
    -----
    .. math::
       :label: centroid-score

       s(x) = -\min_k \lVert x - \mu_k \rVert_2

    .. math::
       :label: centroid-offset

       \text{offset} = Q_{\text{contamination}}\{s(x_n)\}_{n=1}^N

    A sample is an outlier when :math:`s(x) < \text{offset}`. The score uses
    one global scale: clusters of very different spread are better served by
    :class:`~scratchml.covariance.EllipticEnvelope` (one cluster) or a
    density method. Outliers in the training data also pull centres towards
    themselves (or take a centre of their own when K is large), so K should be
    small relative to the number of expected outliers' groups.

    References
    ----------
    Chandola, V., Banerjee, A. and Kumar, V. (2009). Anomaly detection: a
    survey. *ACM Computing Surveys* 41(3), 15, §6.2 (clustering-based
    techniques: distance to the closest cluster centroid).
    doi:10.1145/1541880.1541882.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.cluster import KMeansOutlierDetector
    >>> rng = np.random.RandomState(0)
    >>> X = np.vstack([rng.normal(0, 0.5, (50, 2)), rng.normal(5, 0.5, (50, 2))])
    >>> det = KMeansOutlierDetector(n_clusters=2, contamination=0.05, random_state=0).fit(X)
    >>> det.predict([[0.0, 0.0], [5.0, 5.0], [2.5, 10.0]])
    array([ 1,  1, -1])
    """

    _parameter_constraints = {
        "n_clusters": [Interval(Integral, 1, None, closed="left")],
        "contamination": [Interval(Real, 0, 0.5, closed="right")],
        "init": [StrOptions({"k-means++", "random"}), "array-like"],
        "n_init": [StrOptions({"auto"}), Interval(Integral, 1, None, closed="left")],
        "max_iter": [Interval(Integral, 1, None, closed="left")],
        "tol": [Interval(Real, 0, None, closed="left")],
        "random_state": ["random_state"],
    }

    def __init__(self, n_clusters=8, *, contamination=0.1, init="k-means++", n_init="auto",
                 max_iter=300, tol=1e-4, random_state=None):
        self.n_clusters = n_clusters
        self.contamination = contamination
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def fit(self, X, y=None):
        """Fit K-Means and set ``offset_`` from the training scores.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data.
        y : Ignored
            Present for API consistency.

        Returns
        -------
        self : KMeansOutlierDetector
            The fitted estimator.
        """
        self._validate_params()
        X = validate_data(self, X, dtype=[np.float64, np.float32])
        self.kmeans_ = KMeans(self.n_clusters, init=self.init, n_init=self.n_init,
                              max_iter=self.max_iter, tol=self.tol,
                              random_state=self.random_state).fit(X)
        self.cluster_centers_ = self.kmeans_.cluster_centers_
        self.n_iter_ = self.kmeans_.n_iter_
        # eq. (centroid-offset)
        self.offset_ = float(np.percentile(self._scores(X), 100.0 * self.contamination))
        return self

    def _scores(self, X):
        return -self.kmeans_.transform(X).min(axis=1)  # eq. (centroid-score)

    def score_samples(self, X):
        """Negative distance to the nearest centre, eq. (centroid-score); higher is more normal.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        scores : ndarray of shape (n_samples,)
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=[np.float64, np.float32])
        return self._scores(X)

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
