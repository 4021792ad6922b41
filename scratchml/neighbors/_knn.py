r"""k-nearest-neighbour estimators: ``NearestNeighbors``, ``KNeighborsClassifier``, ``KNeighborsRegressor``.

Notes
-----
Notation: :math:`\mathcal N_k(x)` are the indices of the :math:`k` training
points nearest to a query :math:`x` (distances eq. knn-minkowski), :math:`d_j`
their distances, :math:`C` classes.

Each neighbour votes with a weight

.. math::
   :label: knn-weights

   w_j = 1 \;(\text{uniform}), \qquad w_j = 1 / d_j \;(\text{distance}),

(with 'distance', points at distance 0 take all the weight). The classifier's
class probabilities and prediction are

.. math::
   :label: knn-proba

   \hat p_c(x) = \frac{\sum_{j \in \mathcal N_k(x)} w_j\, [y_j = c]}
                      {\sum_{j \in \mathcal N_k(x)} w_j},
   \qquad \hat y(x) = \operatorname*{arg\,max}_c \hat p_c(x),

with ties in the vote going to the smallest class label (the first maximum),
as in scikit-learn. The regressor predicts the weighted mean

.. math::
   :label: knn-regress

   \hat y(x) = \frac{\sum_{j \in \mathcal N_k(x)} w_j\, y_j}{\sum_{j \in \mathcal N_k(x)} w_j}.

References
----------
T. M. Cover, P. E. Hart, "Nearest neighbor pattern classification", IEEE
Trans. Information Theory 13(1), 1967, doi:10.1109/TIT.1967.1053964.
T. Hastie, R. Tibshirani, J. Friedman, *The Elements of Statistical Learning*,
2nd ed., §2.3.2 (eq. 2.8) and §13.3.
"""

from numbers import Real

import numpy as np

from ..base import ClassifierMixin, RegressorMixin
from ..utils.multiclass import check_classification_targets
from ..utils.validation import Interval, StrOptions, check_is_fitted
from ._base import NeighborsBase, get_weights
from ._params import numba_threads

__all__ = ["KNeighborsClassifier", "KNeighborsRegressor", "NearestNeighbors"]

_PARAMS_DOC = """
    n_neighbors : int, default=5
        Number of neighbours k, ``1 <= k <= n_samples``.
    algorithm : {'auto', 'brute', 'kd_tree', 'ball_tree'}, default='auto'
        'brute' compares every query with every training point, in blocks
        (eq. knn-expand); 'kd_tree' prunes with a KD-tree (eq. knn-bound),
        'ball_tree' with a ball tree (eq. knn-ball);
        'auto' picks the tree when ``n_features <= 15``, ``k < n_samples // 2``
        and the metric allows it, brute force otherwise.
    leaf_size : int, default=30
        Leaf size of the trees.
    p : float, default=2
        Minkowski power, ``p >= 1`` (used when ``metric='minkowski'``).
    metric : {'minkowski', 'euclidean', 'manhattan', 'chebyshev', 'cosine'}, default='minkowski'
        Distance (eq. knn-minkowski); 'cosine' is brute force only.
    metric_params : dict, default=None
        Keyword arguments of the metric; the only one taken is ``{'p': power}``
        with ``metric='minkowski'``, which overrides ``p`` (with
        scikit-learn's ``SyntaxWarning``). Other keys raise a ValueError.
    n_jobs : int, default=None
        Numba threads of a query (-1: all cores; None: Numba's current
        setting, by default all cores, where scikit-learn's None means one
        job). The work is split in fixed blocks of queries, so results never
        depend on it.
    working_memory : float, default=None
        Memory budget of one block of brute-force distances, in MiB; None means
        64 MiB. Not a scikit-learn parameter (scikit-learn has a global
        ``working_memory`` setting instead).
"""


class NearestNeighbors(NeighborsBase):
    __doc__ = f"""Unsupervised nearest-neighbour search: k nearest, or all within a radius.

    Parameters
    ----------{_PARAMS_DOC}    radius : float, default=1.0
        Default radius of :meth:`radius_neighbors` and
        :meth:`radius_neighbors_graph` (distance <= radius).

    Attributes
    ----------
    effective_metric_ : str
        The metric used ('minkowski' with p = 1, 2, inf becomes 'manhattan',
        'euclidean', 'chebyshev').
    effective_metric_params_ : dict
        As scikit-learn's: empty, or ``{{'p': p, 'w': None}}`` for the generic
        Minkowski metric.
    n_samples_fit_ : int
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        ``n_neighbors > n_samples``; 'cosine' with ``algorithm='kd_tree'``;
        invalid parameters (``n_neighbors < 1``, ``p < 1``, ...).

    Examples
    --------
    >>> from scratchml.neighbors import NearestNeighbors
    >>> X = [[0.0], [1.0], [3.0], [3.0]]
    >>> nn = NearestNeighbors(n_neighbors=2).fit(X)
    >>> nn.kneighbors([[2.9]])[1]  # a tie: the same order as scikit-learn
    array([[2, 3]])
    >>> nn.radius_neighbors([[2.9]], radius=1.0, sort_results=True)[1][0]
    array([2, 3])
    >>> nn.radius_neighbors_graph([[0.5]], radius=0.5)
    array([[1., 1., 0., 0.]])
    """

    _parameter_constraints = {
        **NeighborsBase._parameter_constraints,
        "radius": [Interval(Real, 0, None, closed="both")],
    }

    def __init__(
        self, *, n_neighbors=5, radius=1.0, algorithm="auto", leaf_size=30, metric="minkowski",
        p=2, metric_params=None, n_jobs=None, working_memory=None,
    ):
        self.n_neighbors = n_neighbors
        self.radius = radius
        self.algorithm = algorithm
        self.leaf_size = leaf_size
        self.metric = metric
        self.p = p
        self.metric_params = metric_params
        self.n_jobs = n_jobs
        self.working_memory = working_memory

    _classifier = False
    _multi_output_y = True

    def fit(self, X, y=None):
        """Index the training points.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : Ignored

        Returns
        -------
        self : NearestNeighbors
        """
        self._fit(X)
        return self


class KNeighborsClassifier(ClassifierMixin, NeighborsBase):
    __doc__ = f"""Classifier voting among the k nearest training points (eq. knn-proba).

    Parameters
    ----------{_PARAMS_DOC}    weights : {{'uniform', 'distance'}} or callable, default='uniform'
        Vote weights (eq. knn-weights); a callable maps an array of distances
        to an array of weights of the same shape.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    effective_metric_ : str
    effective_metric_params_ : dict
    n_samples_fit_ : int
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        As :class:`NearestNeighbors`, plus a continuous ``y``, or a callable
        ``weights`` that gives all neighbours of a query weight 0.

    Examples
    --------
    >>> from scratchml.neighbors import KNeighborsClassifier
    >>> X = [[0.0], [1.0], [2.0], [3.0]]
    >>> y = [0, 0, 1, 1]
    >>> clf = KNeighborsClassifier(n_neighbors=3).fit(X, y)
    >>> clf.predict([[1.1]])
    array([0])
    >>> clf.predict_proba([[0.9]])
    array([[0.66666667, 0.33333333]])
    """

    _parameter_constraints = {
        **NeighborsBase._parameter_constraints,
        "weights": [StrOptions({"uniform", "distance"}), "callable", None],
    }
    _classifier = True
    _multi_output_y = False

    def __init__(
        self, n_neighbors=5, *, weights="uniform", algorithm="auto", leaf_size=30,
        p=2, metric="minkowski", metric_params=None, n_jobs=None, working_memory=None,
    ):
        self.n_neighbors = n_neighbors
        self.weights = weights
        self.algorithm = algorithm
        self.leaf_size = leaf_size
        self.p = p
        self.metric = metric
        self.metric_params = metric_params
        self.n_jobs = n_jobs
        self.working_memory = working_memory

    def fit(self, X, y):
        """Index the training points and record their labels.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : KNeighborsClassifier
        """
        X, y = self._fit(X, y)
        check_classification_targets(y)
        self.classes_, self._y = np.unique(y, return_inverse=True)
        return self

    def _votes(self, X):
        """Weighted class votes, shape (n_queries, n_classes), summed in neighbour order."""
        check_is_fitted(self)
        if self.weights in (None, "uniform"):
            with numba_threads(self.n_jobs):
                ind = self._kneighbors(
                    X, None, False, sequential=self.effective_metric_ != "cosine"
                )
            w = np.ones(ind.shape)
        else:
            dist, ind = self.kneighbors(X)
            w = get_weights(dist, self.weights)
            if np.any(np.all(w == 0, axis=1)):
                raise ValueError(
                    "weights gave all neighbours of some query weight 0; a callable "
                    "weights must give at least one positive weight per row."
                )
        labels = self._y[ind]
        votes = np.zeros((ind.shape[0], self.classes_.size))
        rows = np.arange(ind.shape[0])
        for j in range(ind.shape[1]):  # O(k) vectorised passes
            votes[rows, labels[:, j]] += w[:, j]
        return votes

    def predict_proba(self, X=None):
        """Class probabilities of eq. (knn-proba).

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features), default=None
            None means the training points, each excluded from its own vote.

        Returns
        -------
        proba : ndarray of shape (n_queries, n_classes)
            Columns in the order of ``classes_``; rows sum to 1.
        """
        votes = self._votes(X)
        return votes / votes.sum(axis=1, keepdims=True)  # eq. (knn-proba)

    def predict(self, X=None):
        """Most voted class; ties go to the smallest label (eq. knn-proba).

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features), default=None

        Returns
        -------
        y : ndarray of shape (n_queries,)
        """
        check_is_fitted(self)
        return self.classes_[np.argmax(self._votes(X), axis=1)]


class KNeighborsRegressor(RegressorMixin, NeighborsBase):
    __doc__ = f"""Regressor averaging the targets of the k nearest training points (eq. knn-regress).

    Parameters
    ----------{_PARAMS_DOC}    weights : {{'uniform', 'distance'}} or callable, default='uniform'
        Weights of eq. (knn-weights).

    Attributes
    ----------
    effective_metric_ : str
    effective_metric_params_ : dict
    n_samples_fit_ : int
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        As :class:`NearestNeighbors`.

    Examples
    --------
    >>> from scratchml.neighbors import KNeighborsRegressor
    >>> X = [[0.0], [1.0], [2.0], [3.0]]
    >>> reg = KNeighborsRegressor(n_neighbors=2).fit(X, [0.0, 0.0, 1.0, 1.0])
    >>> reg.predict([[1.4]])
    array([0.5])
    """

    _parameter_constraints = {
        **NeighborsBase._parameter_constraints,
        "weights": [StrOptions({"uniform", "distance"}), "callable", None],
    }
    _classifier = False
    _multi_output_y = True

    def __init__(
        self, n_neighbors=5, *, weights="uniform", algorithm="auto", leaf_size=30,
        p=2, metric="minkowski", metric_params=None, n_jobs=None, working_memory=None,
    ):
        self.n_neighbors = n_neighbors
        self.weights = weights
        self.algorithm = algorithm
        self.leaf_size = leaf_size
        self.p = p
        self.metric = metric
        self.metric_params = metric_params
        self.n_jobs = n_jobs
        self.working_memory = working_memory

    def _extra_tags(self):
        return {"multi_output": True}

    def fit(self, X, y):
        """Index the training points and store their targets.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)

        Returns
        -------
        self : KNeighborsRegressor
        """
        X, y = self._fit(X, y)
        self._y = y.astype(np.float64)
        return self

    def predict(self, X=None):
        """Weighted mean of the neighbours' targets (eq. knn-regress).

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features), default=None

        Returns
        -------
        y : ndarray of shape (n_queries,) or (n_queries, n_outputs)
        """
        check_is_fitted(self)
        if self.weights in (None, "uniform"):
            ind = self.kneighbors(X, return_distance=False)
            return np.mean(self._y[ind], axis=1)
        dist, ind = self.kneighbors(X)
        w = get_weights(dist, self.weights)
        Y = self._y.reshape(self._y.shape[0], -1)
        denom = np.sum(w, axis=1)
        out = np.empty((ind.shape[0], Y.shape[1]))
        for t in range(Y.shape[1]):
            out[:, t] = np.sum(Y[ind, t] * w, axis=1) / denom  # eq. (knn-regress)
        return out.ravel() if self._y.ndim == 1 else out
