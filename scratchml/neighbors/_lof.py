r"""``LocalOutlierFactor``: density of a point relative to the density of its neighbours.

Notes
-----
Notation: :math:`N_k(p)` the :math:`k` nearest neighbours of :math:`p`
(excluding :math:`p` itself for training points), :math:`d_k(o)` the distance
from :math:`o` to its own :math:`k`-th neighbour.

The reachability distance smooths distances below the neighbour's own
:math:`k`-distance,

.. math::
   :label: lof-reach

   \operatorname{reach}_k(p, o) = \max\{d_k(o),\ d(p, o)\},

the local reachability density is its inverse mean (scikit-learn adds
:math:`10^{-10}` so that duplicates give a large, finite density),

.. math::
   :label: lof-lrd

   \operatorname{lrd}_k(p) = \Big(\frac{1}{k}\sum_{o \in N_k(p)} \operatorname{reach}_k(p, o) + 10^{-10}\Big)^{-1},

and the local outlier factor compares it with the neighbours' densities:

.. math::
   :label: lof-lof

   \operatorname{LOF}_k(p) = \frac{1}{k} \sum_{o \in N_k(p)} \frac{\operatorname{lrd}_k(o)}{\operatorname{lrd}_k(p)} .

About 1 inside a cluster, well above 1 for a point in a sparser region than its
neighbours. ``negative_outlier_factor_`` is :math:`-\operatorname{LOF}`.

References
----------
M. M. Breunig, H.-P. Kriegel, R. T. Ng, J. Sander, "LOF: identifying
density-based local outliers", SIGMOD 2000, doi:10.1145/342009.335388
(Definitions 4-7).
"""

import warnings
from numbers import Real

import numpy as np

from ..base import OutlierMixin
from ..utils.validation import Interval, StrOptions, check_is_fitted
from ._base import NeighborsBase

__all__ = ["LocalOutlierFactor"]


class LocalOutlierFactor(OutlierMixin, NeighborsBase):
    """Unsupervised outlier detection with the local outlier factor (eq. lof-lof).

    Parameters
    ----------
    n_neighbors : int, default=20
        k; clipped to ``n_samples - 1`` (with a warning) when larger.
    algorithm : {'auto', 'brute', 'kd_tree', 'ball_tree'}, default='auto'
    leaf_size : int, default=30
    metric : {'minkowski', 'euclidean', 'manhattan', 'chebyshev', 'cosine'}, default='minkowski'
    p : float, default=2
    contamination : 'auto' or float in (0, 0.5], default='auto'
        'auto': threshold -1.5 on ``negative_outlier_factor_``; a float: the
        threshold is that percentile of the training scores.
    novelty : bool, default=False
        False: outlier detection on the training set (``fit_predict``). True:
        novelty detection on new data (``predict``, ``decision_function``,
        ``score_samples``).
    metric_params : dict, default=None
        Only ``{'p': power}`` with 'minkowski' (overrides ``p``).
    n_jobs : int, default=None
        Numba threads of the neighbour queries (-1: all cores); results never
        depend on it.
    working_memory : float, default=None
        Brute-force block budget in MiB (None: 64).

    Attributes
    ----------
    negative_outlier_factor_ : ndarray of shape (n_samples,)
        :math:`-\\operatorname{LOF}` of each training point (eq. lof-lof).
    n_neighbors_ : int
    offset_ : float
    effective_metric_ : str
    effective_metric_params_ : dict
    n_samples_fit_ : int
    n_features_in_ : int

    Raises
    ------
    ValueError
        Invalid parameters.

    Examples
    --------
    >>> from scratchml.neighbors import LocalOutlierFactor
    >>> X = [[-1.1], [0.2], [101.1], [0.3]]
    >>> lof = LocalOutlierFactor(n_neighbors=2)
    >>> lof.fit_predict(X)
    array([ 1,  1, -1,  1])
    >>> lof.negative_outlier_factor_.round(4)
    array([ -0.9821,  -1.037 , -73.3697,  -0.9821])
    """

    _parameter_constraints = {
        **NeighborsBase._parameter_constraints,
        "contamination": [StrOptions({"auto"}), Interval(Real, 0, 0.5, closed="right")],
        "novelty": ["boolean"],
    }
    _clip_n_neighbors = True

    def __init__(
        self, n_neighbors=20, *, algorithm="auto", leaf_size=30, metric="minkowski", p=2,
        metric_params=None, contamination="auto", novelty=False, n_jobs=None,
        working_memory=None,
    ):
        self.n_neighbors = n_neighbors
        self.algorithm = algorithm
        self.leaf_size = leaf_size
        self.metric = metric
        self.p = p
        self.metric_params = metric_params
        self.n_jobs = n_jobs
        self.contamination = contamination
        self.novelty = novelty
        self.working_memory = working_memory

    def _extra_tags(self):
        return {"requires_y": False}

    def fit(self, X, y=None):
        """Compute the neighbours, densities and outlier factors of the training points.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : Ignored

        Returns
        -------
        self : LocalOutlierFactor
        """
        self._fit(X)
        n = self.n_samples_fit_
        if self.n_neighbors > n:
            warnings.warn(
                f"n_neighbors ({self.n_neighbors}) is greater than the total number of "
                f"samples ({n}). n_neighbors will be set to (n_samples - 1) for estimation.",
                stacklevel=2,
            )
        self.n_neighbors_ = max(1, min(self.n_neighbors, n - 1))
        if n < 2:
            raise ValueError(f"LocalOutlierFactor needs n_samples >= 2, got n_samples={n}.")
        self._distances_fit_X_, ind = self.kneighbors(n_neighbors=self.n_neighbors_)
        self._lrd = self._local_reachability_density(self._distances_fit_X_, ind)
        self.negative_outlier_factor_ = -np.mean(
            self._lrd[ind] / self._lrd[:, None], axis=1
        )  # eq. (lof-lof)
        if self.contamination == "auto":
            self.offset_ = -1.5  # inliers score about -1
        else:
            self.offset_ = np.percentile(self.negative_outlier_factor_, 100.0 * self.contamination)
        if np.min(self.negative_outlier_factor_) < -1e7 and not self.novelty:
            warnings.warn(
                "Duplicate values are leading to incorrect results. Increase the number "
                "of neighbors for more accurate results.",
                stacklevel=2,
            )
        return self

    def _local_reachability_density(self, distances_X, neighbors_indices):
        """Eq. (lof-lrd) from each query's neighbour distances and indices."""
        dist_k = self._distances_fit_X_[neighbors_indices, self.n_neighbors_ - 1]
        reach = np.maximum(distances_X, dist_k)  # eq. (lof-reach)
        return 1.0 / (np.mean(reach, axis=1) + 1e-10)  # eq. (lof-lrd)

    @property
    def fit_predict(self):
        """Fit, then label the training points: -1 outlier, +1 inlier (novelty=False only)."""
        if self.novelty:
            raise AttributeError(
                "fit_predict is not available when novelty=True. Use novelty=False if "
                "you want to predict on the training set."
            )
        return self._fit_predict

    def _fit_predict(self, X, y=None):
        """Fit, then label the training points: -1 outlier, +1 inlier.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : Ignored

        Returns
        -------
        is_inlier : ndarray of shape (n_samples,)
        """
        self.fit(X)
        is_inlier = np.ones(self.n_samples_fit_, dtype=int)
        is_inlier[self.negative_outlier_factor_ < self.offset_] = -1
        return is_inlier

    def _require_novelty(self, name):
        if not self.novelty:
            raise AttributeError(
                f"{name} is not available when novelty=False, use fit_predict if you want "
                "to predict on training data. Use novelty=True if you want to use LOF "
                "for novelty detection on new unseen data."
            )

    @property
    def score_samples(self):
        """Opposite LOF of new points (novelty=True only); lower is more abnormal."""
        self._require_novelty("score_samples")
        return self._score_samples

    @property
    def decision_function(self):
        """``score_samples(X) - offset_``: negative for outliers (novelty=True only)."""
        self._require_novelty("decision_function")
        return self._decision_function

    @property
    def predict(self):
        """+1 inlier / -1 outlier for new points (novelty=True only)."""
        self._require_novelty("predict")
        return self._predict

    def _score_samples(self, X):
        """Eq. (lof-lof) for new points, against the training neighbourhoods.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        score : ndarray of shape (n_samples,)
        """
        check_is_fitted(self)
        dist, ind = self.kneighbors(X, n_neighbors=self.n_neighbors_)
        X_lrd = self._local_reachability_density(dist, ind)
        return -np.mean(self._lrd[ind] / X_lrd[:, None], axis=1)

    def _decision_function(self, X):
        return self._score_samples(X) - self.offset_

    def _predict(self, X):
        is_inlier = np.ones(self._decision_function(X).shape[0], dtype=int)
        is_inlier[self._decision_function(X) < 0] = -1
        return is_inlier
