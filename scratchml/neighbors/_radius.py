r"""``RadiusNeighborsClassifier``: vote among all training points within a fixed radius.

Notes
-----
With :math:`\mathcal N_r(x) = \{j : d(x, y_j) \le r\}` and the weights of
eq. (knn-weights), the class probabilities are

.. math::
   :label: rnn-proba

   \hat p_c(x) = \frac{\sum_{j \in \mathcal N_r(x)} w_j [y_j = c]}{\sum_{j \in \mathcal N_r(x)} w_j}.

The regressor predicts the weighted mean of the targets in the ball,

.. math::
   :label: rnn-regress

   \hat y(x) = \frac{\sum_{j \in \mathcal N_r(x)} w_j\, y_j}{\sum_{j \in \mathcal N_r(x)} w_j},

and NaN (with a warning) for an empty ball.

A query with no training point within :math:`r` is an outlier for the
classifier: it gets
``outlier_label`` (probability 1 on that class if it is a training class, all
zeros otherwise) or, when ``outlier_label=None``, an error.

References
----------
T. Hastie, R. Tibshirani, J. Friedman, *The Elements of Statistical Learning*,
2nd ed., §6.2 (local methods with a fixed window).
"""

import warnings
from numbers import Integral, Real

import numpy as np

from ..base import ClassifierMixin, RegressorMixin
from ..utils.multiclass import check_classification_targets
from ..utils.validation import Interval, StrOptions, check_is_fitted
from ._base import NeighborsBase, get_weights

__all__ = ["RadiusNeighborsClassifier", "RadiusNeighborsRegressor"]


class RadiusNeighborsClassifier(ClassifierMixin, NeighborsBase):
    """Classifier voting among the training points within ``radius`` (eq. rnn-proba).

    Parameters
    ----------
    radius : float, default=1.0
        Points at distance <= radius vote.
    weights : {'uniform', 'distance'} or callable, default='uniform'
    algorithm : {'auto', 'brute', 'kd_tree', 'ball_tree'}, default='auto'
    leaf_size : int, default=30
    p : float, default=2
    metric : {'minkowski', 'euclidean', 'manhattan', 'chebyshev', 'cosine'}, default='minkowski'
    outlier_label : label, 'most_frequent' or None, default=None
        Label of queries with no neighbour within ``radius``; None raises.
    metric_params : dict, default=None
        Only ``{'p': power}`` with 'minkowski' (overrides ``p``).
    n_jobs : int, default=None
        Numba threads of a query (-1: all cores); results never depend on it.
    working_memory : float, default=None
        Brute-force block budget in MiB (None: 64).

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    outlier_label_ : list of one label, or None
    effective_metric_ : str
    effective_metric_params_ : dict
    n_samples_fit_ : int
    n_features_in_ : int

    Raises
    ------
    ValueError
        A query with no neighbour and ``outlier_label=None``; invalid parameters.

    Examples
    --------
    >>> from scratchml.neighbors import RadiusNeighborsClassifier
    >>> X = [[0.0], [1.0], [2.0], [3.0]]
    >>> clf = RadiusNeighborsClassifier(radius=1.0, outlier_label=-1).fit(X, [0, 0, 1, 1])
    >>> clf.predict([[1.5], [9.0]])
    array([ 0, -1])
    """

    _parameter_constraints = {
        **{k: v for k, v in NeighborsBase._parameter_constraints.items() if k != "n_neighbors"},
        "radius": [Interval(Real, 0, None, closed="both")],
        "weights": [StrOptions({"uniform", "distance"}), "callable", None],
        "outlier_label": [Integral, str, "array-like", None],
    }

    def __init__(
        self, radius=1.0, *, weights="uniform", algorithm="auto", leaf_size=30, p=2,
        metric="minkowski", outlier_label=None, metric_params=None, n_jobs=None,
        working_memory=None,
    ):
        self.radius = radius
        self.weights = weights
        self.algorithm = algorithm
        self.leaf_size = leaf_size
        self.p = p
        self.metric = metric
        self.outlier_label = outlier_label
        self.metric_params = metric_params
        self.n_jobs = n_jobs
        self.working_memory = working_memory

    _classifier = True
    _multi_output_y = False

    def fit(self, X, y):
        """Index the training points and record their labels.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : RadiusNeighborsClassifier
        """
        X, y = self._fit(X, y)
        check_classification_targets(y)
        self.classes_, self._y = np.unique(y, return_inverse=True)
        if self.outlier_label is None:
            self.outlier_label_ = None
        elif isinstance(self.outlier_label, str) and self.outlier_label == "most_frequent":
            self.outlier_label_ = [self.classes_[np.bincount(self._y).argmax()]]
        else:
            label = self.outlier_label
            if np.ndim(label) > 0:
                if len(label) != 1:
                    raise ValueError(
                        f"The length of outlier_label: {label} is inconsistent with the "
                        "output length: 1"
                    )
                label = label[0]
            if np.append(self.classes_, label).dtype != self.classes_.dtype:
                raise TypeError(
                    f"The dtype of outlier_label {label!r} is inconsistent with classes "
                    f"{self.classes_} in y."
                )
            self.outlier_label_ = [label]
        return self

    def predict_proba(self, X=None):
        """Class probabilities of eq. (rnn-proba); outliers as described above.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features), default=None

        Returns
        -------
        proba : ndarray of shape (n_queries, n_classes)
        """
        check_is_fitted(self)
        dist, ind = self.radius_neighbors(X)
        n_queries = len(ind)
        is_outlier = np.array([len(i) == 0 for i in ind], dtype=bool)
        outliers = np.flatnonzero(is_outlier)
        if self.outlier_label_ is None and outliers.size > 0:
            raise ValueError(
                f"No neighbors found for test samples {outliers!r}, you can try using a "
                "larger radius, giving a label for outliers, or considering removing "
                "them from your dataset."
            )
        n_classes = self.classes_.size
        proba = np.zeros((n_queries, n_classes))
        for q in np.flatnonzero(~is_outlier):
            if self.weights in (None, "uniform"):
                proba[q] = np.bincount(self._y[ind[q]], minlength=n_classes)
            else:
                w = get_weights(dist[q][None, :], self.weights)[0]
                proba[q] = np.bincount(self._y[ind[q]], w, minlength=n_classes)
        if outliers.size > 0:
            where = np.flatnonzero(self.classes_ == self.outlier_label_[0])
            if where.size == 1:
                proba[outliers, where[0]] = 1.0
            else:
                warnings.warn(
                    f"Outlier label {self.outlier_label_[0]} is not in training classes. "
                    "All class probabilities of outliers will be assigned with 0.",
                    stacklevel=2,
                )
        normaliser = proba.sum(axis=1, keepdims=True)
        normaliser[normaliser == 0.0] = 1.0
        return proba / normaliser  # eq. (rnn-proba)

    def predict(self, X=None):
        """Most probable class; outliers get ``outlier_label``.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features), default=None

        Returns
        -------
        y : ndarray of shape (n_queries,)
        """
        proba = self.predict_proba(X)
        y_pred = self.classes_[proba.argmax(axis=1)]
        zero = np.all(proba == 0, axis=1)
        if zero.any():
            y_pred = y_pred.astype(np.result_type(y_pred, np.asarray(self.outlier_label_)))
            y_pred[zero] = self.outlier_label_[0]
        return y_pred


class RadiusNeighborsRegressor(RegressorMixin, NeighborsBase):
    """Regressor averaging the targets within ``radius`` (eq. rnn-regress).

    Parameters
    ----------
    radius : float, default=1.0
    weights : {'uniform', 'distance'} or callable, default='uniform'
    algorithm : {'auto', 'brute', 'kd_tree', 'ball_tree'}, default='auto'
    leaf_size : int, default=30
    p : float, default=2
    metric : {'minkowski', 'euclidean', 'manhattan', 'chebyshev', 'cosine'}, default='minkowski'
    metric_params : dict, default=None
        Only ``{'p': power}`` with 'minkowski' (overrides ``p``).
    n_jobs : int, default=None
        Numba threads of a query (-1: all cores); results never depend on it.
    working_memory : float, default=None

    Attributes
    ----------
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
    >>> from scratchml.neighbors import RadiusNeighborsRegressor
    >>> X = [[0.0], [1.0], [2.0], [3.0]]
    >>> RadiusNeighborsRegressor(radius=1.0).fit(X, [0.0, 0.0, 1.0, 1.0]).predict([[1.5]])
    array([0.5])
    """

    _parameter_constraints = {
        **{k: v for k, v in NeighborsBase._parameter_constraints.items() if k != "n_neighbors"},
        "radius": [Interval(Real, 0, None, closed="both")],
        "weights": [StrOptions({"uniform", "distance"}), "callable", None],
    }
    _classifier = False
    _multi_output_y = True

    def __init__(
        self, radius=1.0, *, weights="uniform", algorithm="auto", leaf_size=30, p=2,
        metric="minkowski", metric_params=None, n_jobs=None, working_memory=None,
    ):
        self.radius = radius
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
        self : RadiusNeighborsRegressor
        """
        X, y = self._fit(X, y)
        self._y = y.astype(np.float64)
        return self

    def predict(self, X=None):
        """Weighted mean of the targets in each ball; NaN for an empty ball.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features), default=None

        Returns
        -------
        y : ndarray of shape (n_queries,) or (n_queries, n_outputs)
        """
        check_is_fitted(self)
        dist, ind = self.radius_neighbors(X)
        Y = self._y.reshape(self._y.shape[0], -1)
        empty = np.full(Y.shape[1], np.nan)
        rows = []
        for q in range(len(ind)):
            if len(ind[q]) == 0:
                rows.append(empty)
            elif self.weights in (None, "uniform"):
                rows.append(np.mean(Y[ind[q]], axis=0))
            else:
                w = get_weights(dist[q][None, :], self.weights)[0]
                rows.append(np.average(Y[ind[q]], axis=0, weights=w))  # eq. (rnn-regress)
        y_pred = np.array(rows).reshape(len(ind), Y.shape[1])
        if np.any(np.isnan(y_pred)):
            warnings.warn(
                "One or more samples have no neighbors within specified radius; "
                "predicting NaN.",
                stacklevel=2,
            )
        return y_pred.ravel() if self._y.ndim == 1 else y_pred
