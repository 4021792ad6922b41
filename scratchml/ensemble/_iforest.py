r"""Isolation forest: anomalies are the points that random splits isolate quickly."""

import warnings
from math import ceil, log2
from numbers import Integral, Real

import numpy as np
from joblib import Parallel, delayed

from ..base import BaseEstimator, OutlierMixin
from ..tree import DecisionTreeRegressor
from ..tree._classes import RealNotInt
from ..utils.validation import (
    Interval,
    StrOptions,
    check_is_fitted,
    check_random_state,
    check_sample_weight,
    validate_data,
)
from ._warm_start import n_estimators_to_add

__all__ = ["IsolationForest"]

MAX_INT = np.iinfo(np.int32).max
EULER_GAMMA = 0.5772156649015329


def average_path_length(n):
    r"""c(n), the mean path length of an unsuccessful BST search among n points, eq. (if-c).

    Parameters
    ----------
    n : array-like of int
        Node sizes.

    Returns
    -------
    c : ndarray of float, same shape as ``n``
    """
    n = np.asarray(n, dtype=np.float64)
    out = np.zeros_like(n)
    out[n == 2] = 1.0
    big = n > 2
    # eq. (if-c), with the harmonic number H(i) ~ ln(i) + Euler's gamma
    out[big] = 2.0 * (np.log(n[big] - 1.0) + EULER_GAMMA) - 2.0 * (n[big] - 1.0) / n[big]
    return out


def _grow_isolation_tree(X, seed, n_sub, n_features_sub, bootstrap, max_depth, p):
    """One isolation tree on a random subsample and random feature subset.

    Rows are drawn with probabilities ``p`` (normalised sample weights; None
    for uniform), with replacement if ``bootstrap``.
    """
    rng = np.random.RandomState(seed)
    n, d = X.shape
    features = np.sort(rng.choice(d, n_features_sub, replace=False))
    rows = rng.choice(n, n_sub, replace=bootstrap, p=p)
    counts = np.bincount(rows, minlength=n).astype(np.float64)
    # One random feature and one uniform threshold per node (splitter='random',
    # max_features=1): the criterion never chooses anything, and the random
    # targets only keep every node "impure" so it is split until isolated.
    tree = DecisionTreeRegressor(splitter="random", max_features=1, max_depth=max_depth)
    tree._fit_encoded(np.ascontiguousarray(X[:, features]), rng.uniform(size=n), counts,
                      seed=int(rng.randint(1, MAX_INT)))
    tree.n_features_in_ = n_features_sub
    return tree, features


class IsolationForest(OutlierMixin, BaseEstimator):
    r"""Isolation forest anomaly detector.

    Parameters
    ----------
    n_estimators : int, default=100
        Number of isolation trees.
    max_samples : 'auto', int or float, default='auto'
        Rows per tree, :math:`\psi`: 'auto' is min(256, N); a float is a fraction of N.
    contamination : 'auto' or float in (0, 0.5], default='auto'
        Expected outlier fraction; sets ``offset_``. 'auto' uses -0.5, the
        score of a point with average path length :math:`c(\psi)`.
    max_features : int or float, default=1.0
        Features per tree (drawn without replacement).
    bootstrap : bool, default=False
        Draw each tree's rows with replacement.
    n_jobs : int, default=None
        Trees grown in parallel threads; the result does not depend on it.
    random_state : int, RandomState instance or None, default=None
        Draws one seed per tree up front.
    warm_start : bool, default=False
        Keep the trees of the previous ``fit`` and grow only the
        ``n_estimators - len(estimators_)`` new ones (on the new ``X``); the
        new trees get the seeds a single fit of ``n_estimators`` trees would
        give them, so ``fit`` 10 then 20 trees is one fit of 20 (same data).
        ``offset_`` is recomputed on the new ``X``.

    Attributes
    ----------
    estimators_ : list of DecisionTreeRegressor
        Isolation trees (random splits; their ``value`` is meaningless).
    estimators_features_ : list of ndarray
        Feature subset of each tree.
    max_samples_ : int
        :math:`\psi`.
    offset_ : float
        Threshold on ``score_samples`` below which a point is an outlier.
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        NaN or inf in ``X``; ``max_features`` larger than the number of
        features; ``warm_start=True`` with ``n_estimators`` below
        ``len(estimators_)``.

    Notes
    -----
    Each tree splits a random subsample of :math:`\psi` rows on a random
    feature at a uniform threshold until points are isolated (or the depth
    reaches :math:`\lceil \log_2 \psi \rceil`). Anomalies are few and
    different, so they sit close to the root. A leaf still holding :math:`n`
    points is credited the mean depth of a random binary search tree on them,

    .. math::
       :label: if-c

       c(n) = 2 H(n-1) - \frac{2(n-1)}{n}, \quad c(2) = 1, \; c(1) = 0,

    so the path length of :math:`x` in tree :math:`t` is
    :math:`h_t(x) = \mathrm{depth}_t(x) + c(n_{\mathrm{leaf}})`. The anomaly
    score normalises the mean path length by :math:`c(\psi)`,

    .. math::
       :label: if-score

       s(x) = 2^{-\bar h(x) / c(\psi)} \in (0, 1],

    close to 1 for anomalies, about 0.5 or below for normal points;
    ``score_samples`` returns :math:`-s(x)` (higher is more normal).

    References
    ----------
    Liu, Ting & Zhou (2008), "Isolation Forest", *ICDM*, 413-422 (eqs. 1-2,
    Algorithms 1-3), doi:10.1109/ICDM.2008.17.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.ensemble import IsolationForest
    >>> X = np.r_[np.random.default_rng(0).normal(size=(100, 2)), [[8.0, 8.0]]]
    >>> det = IsolationForest(random_state=0).fit(X)
    >>> int(det.predict(X)[-1]), int(np.argmin(det.score_samples(X)))
    (-1, 100)
    """

    _parameter_constraints = {
        "n_estimators": [Interval(Integral, 1, None, closed="left")],
        "max_samples": [StrOptions({"auto"}), Interval(Integral, 1, None, closed="left"),
                        Interval(RealNotInt, 0, 1, closed="right")],
        "contamination": [StrOptions({"auto"}), Interval(Real, 0, 0.5, closed="right")],
        "max_features": [Interval(Integral, 1, None, closed="left"),
                         Interval(RealNotInt, 0, 1, closed="right")],
        "bootstrap": ["boolean"],
        "n_jobs": [Integral, None],
        "random_state": ["random_state"],
        "warm_start": ["boolean"],
    }

    def __init__(self, *, n_estimators=100, max_samples="auto", contamination="auto",
                 max_features=1.0, bootstrap=False, n_jobs=None, random_state=None,
                 warm_start=False):
        self.n_estimators = n_estimators
        self.max_samples = max_samples
        self.contamination = contamination
        self.max_features = max_features
        self.bootstrap = bootstrap
        self.n_jobs = n_jobs
        self.random_state = random_state
        self.warm_start = warm_start

    def fit(self, X, y=None, sample_weight=None):
        """Grow the isolation trees.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data (converted to float32); no NaN or inf.
        y : Ignored
        sample_weight : array-like of shape (n_samples,), default=None
            Non-negative; rows are drawn into each tree's subsample with
            probability proportional to their weight (zero: never).

        Returns
        -------
        self : IsolationForest
        """
        self._validate_params()
        X = validate_data(self, X, dtype=np.float32)
        w = check_sample_weight(sample_weight, X, dtype=np.float64, ensure_non_negative=True)
        p = None if sample_weight is None else w / w.sum()
        n, d = X.shape
        if self.max_samples == "auto":
            psi = min(256, n)
        elif isinstance(self.max_samples, Integral):
            psi = self.max_samples
            if psi > n:
                warnings.warn(
                    f"max_samples ({psi}) is greater than the total number of samples "
                    f"({n}). max_samples will be set to n_samples for estimation.",
                    UserWarning, stacklevel=2,
                )
                psi = n
        else:
            psi = int(self.max_samples * n)
        psi = max(min(psi, int(np.count_nonzero(w))), 1)  # only positive-weight rows can be drawn
        if isinstance(self.max_features, Integral):
            if self.max_features > d:
                raise ValueError(
                    f"max_features={self.max_features} must be <= n_features={d}."
                )
            n_feat = self.max_features
        else:
            n_feat = max(1, int(self.max_features * d))
        self.max_samples_ = psi
        max_depth = int(ceil(log2(max(psi, 2))))
        self._grow_trees(X, psi, n_feat, max_depth, p)
        if self.contamination == "auto":
            self.offset_ = -0.5  # s = 0.5: mean path length exactly c(psi)
        else:
            self.offset_ = np.percentile(self._scores(X), 100.0 * self.contamination)
        return self

    def _grow_trees(self, X, psi, n_feat, max_depth, p):
        """Grow the trees ``estimators_`` still lacks (all of them unless warm-starting)."""
        def reset():
            self.estimators_, self.estimators_features_ = [], []

        n_more = n_estimators_to_add(self, reset)
        if n_more == 0:
            return
        rng = check_random_state(self.random_state)
        if len(self.estimators_) > 0:
            rng.randint(MAX_INT, size=len(self.estimators_))  # the kept trees' seeds
        seeds = rng.randint(MAX_INT, size=n_more)
        grown = Parallel(n_jobs=self.n_jobs, prefer="threads")(
            delayed(_grow_isolation_tree)(X, int(s), psi, n_feat, self.bootstrap, max_depth, p)
            for s in seeds
        )
        self.estimators_ = self.estimators_ + [t for t, _ in grown]
        self.estimators_features_ = self.estimators_features_ + [f for _, f in grown]

    def _scores(self, X):
        """-s(x) of eq. (if-score) for validated float32 ``X``."""
        path = np.zeros(X.shape[0])
        for tree, features in zip(self.estimators_, self.estimators_features_):
            t = tree.tree_
            leaves = t.apply(np.ascontiguousarray(X[:, features]))
            path += t.node_depth[leaves] + average_path_length(t.n_node_samples[leaves])
        norm = len(self.estimators_) * average_path_length([self.max_samples_])[0]
        if norm == 0.0:  # psi = 1: no tree can split, every point scores 2^0
            return -np.ones(X.shape[0])
        return -(2.0 ** (-path / norm))  # eq. (if-score)

    def score_samples(self, X):
        """Opposite of the anomaly score of eq. (if-score): lower is more abnormal.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        scores : ndarray of shape (n_samples,), in [-1, 0)
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float32)
        return self._scores(X)

    def decision_function(self, X):
        """``score_samples(X) - offset_``: negative for outliers.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        scores : ndarray of shape (n_samples,)
        """
        return self.score_samples(X) - self.offset_

    def predict(self, X):
        """+1 for inliers, -1 for outliers.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        labels : ndarray of shape (n_samples,)
        """
        scores = self.decision_function(X)
        return np.where(scores < 0, -1, 1)
