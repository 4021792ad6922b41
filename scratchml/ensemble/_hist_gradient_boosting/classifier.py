r"""``HistGradientBoostingClassifier``: histogram gradient boosting with the log-loss."""

import numpy as np

from ...base import ClassifierMixin
from ...tree._classes import compute_class_sample_weight
from ...utils.multiclass import check_classification_targets
from ...utils.validation import StrOptions
from .gradient_boosting import BaseHistGradientBoosting
from .loss import HalfBinomialLoss, HalfMultinomialLoss

__all__ = ["HistGradientBoostingClassifier"]


class HistGradientBoostingClassifier(ClassifierMixin, BaseHistGradientBoosting):
    r"""Histogram gradient boosting for classification (binary or multinomial log-loss).

    Parameters
    ----------
    loss : {'log_loss'}, default='log_loss'
        Binary: l(y, F) = log(1 + e^F) - yF, one tree per iteration.
        K > 2 classes: l(y, F) = log sum_k e^{F_k} - F_y, K trees per iteration.
    learning_rate, max_iter, max_leaf_nodes, max_depth, min_samples_leaf, l2_regularization, max_features, max_bins, early_stopping, scoring, validation_fraction, n_iter_no_change, tol, monotonic_cst, categorical_features, warm_start, random_state
        As in :class:`HistGradientBoostingRegressor` (the validation split is
        stratified; monotonic constraints apply to the log-odds, binary only).
    class_weight : dict, 'balanced' or None, default=None
        Multiplies the sample weights of each class; 'balanced' gives class k
        the weight N / (K N_k).

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        Sorted class labels.
    n_trees_per_iteration_ : int
        1 for two classes, else n_classes.
    is_categorical_, do_early_stopping_, n_iter_, train_score_, validation_score_, n_features_in_, feature_names_in_
        As in :class:`HistGradientBoostingRegressor`; scores are minus the
        mean log-loss.

    Raises
    ------
    ValueError
        ``y`` with fewer than two classes, or continuous; ``monotonic_cst``
        with more than two classes.

    See Also
    --------
    HistGradientBoostingRegressor : the maths (eqs. hgb-quantile to hgb-subtract).

    Notes
    -----
    Binary: g_i = p_i - y_i, h_i = p_i (1 - p_i) with p_i = sigma(F(x_i)); the
    baseline (eq. hgb-baseline) is the log-odds of the positive rate.
    Multinomial: K trees per iteration, tree k fitted to
    g_ik = p_ik - [y_i = k], h_ik = p_ik (1 - p_ik), p = softmax(F); baseline
    the centred log-priors log pi_k - mean_j log pi_j. The diagonal Hessian
    is the usual approximation (Friedman, 2001, §4.6; Chen & Guestrin, 2016).

    References
    ----------
    T. Chen and C. Guestrin, "XGBoost: A Scalable Tree Boosting System", KDD
    2016, doi:10.1145/2939672.2939785.
    J. H. Friedman, "Greedy function approximation: a gradient boosting
    machine", Ann. Statist. 29(5), 2001, §4.5-4.6.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.ensemble import HistGradientBoostingClassifier
    >>> X = np.arange(200, dtype=float).reshape(-1, 1)
    >>> y = (X[:, 0] > 100).astype(int)
    >>> clf = HistGradientBoostingClassifier(max_iter=20).fit(X, y)
    >>> clf.predict([[10.0], [190.0]])
    array([0, 1])
    """

    _parameter_constraints = {
        **BaseHistGradientBoosting._parameter_constraints,
        "loss": [StrOptions({"log_loss"})],
        "class_weight": [dict, StrOptions({"balanced"}), None],
    }

    def __init__(self, loss="log_loss", *, learning_rate=0.1, max_iter=100,
                 max_leaf_nodes=31, max_depth=None, min_samples_leaf=20,
                 l2_regularization=0.0, max_features=1.0, max_bins=255, early_stopping="auto",
                 scoring="loss", validation_fraction=0.1, n_iter_no_change=10, tol=1e-7,
                 monotonic_cst=None, categorical_features="from_dtype", class_weight=None,
                 warm_start=False, random_state=None):
        self.loss = loss
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.max_leaf_nodes = max_leaf_nodes
        self.max_depth = max_depth
        self.min_samples_leaf = min_samples_leaf
        self.l2_regularization = l2_regularization
        self.max_features = max_features
        self.max_bins = max_bins
        self.early_stopping = early_stopping
        self.scoring = scoring
        self.validation_fraction = validation_fraction
        self.n_iter_no_change = n_iter_no_change
        self.tol = tol
        self.monotonic_cst = monotonic_cst
        self.categorical_features = categorical_features
        self.class_weight = class_weight
        self.warm_start = warm_start
        self.random_state = random_state

    def _encode_y(self, y):
        check_classification_targets(y)
        self.classes_, encoded = np.unique(y, return_inverse=True)
        n_classes = self.classes_.shape[0]
        if n_classes < 2:
            raise ValueError(
                f"y contains {n_classes} class; HistGradientBoostingClassifier needs "
                "samples of at least 2 classes.")
        self.n_trees_per_iteration_ = self._n_trees_per_iteration = (
            1 if n_classes == 2 else n_classes)
        return encoded.astype(np.float64)

    def _finalize_sample_weight(self, sample_weight, y):
        """Fold ``class_weight`` into the sample weights."""
        if self.class_weight is None:
            return sample_weight
        per_sample = compute_class_sample_weight(self.class_weight, y.astype(np.int64),
                                                 self.classes_)
        return per_sample if sample_weight is None else sample_weight * per_sample

    def _get_loss(self):
        if self.classes_.shape[0] == 2:
            return HalfBinomialLoss()
        return HalfMultinomialLoss(self.classes_.shape[0])

    def decision_function(self, X):
        """Raw scores F(x): log-odds (binary) or one score per class.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        scores : ndarray of shape (n_samples,) or (n_samples, n_classes)
        """
        raw = self._raw_predict(X)
        return raw[:, 0].copy() if raw.shape[1] == 1 else raw

    def predict_proba(self, X):
        """Class probabilities sigma(F) or softmax(F).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        proba : ndarray of shape (n_samples, n_classes)
        """
        raw = self._raw_predict(X)  # checks the fit first
        return self._loss.predict_proba(raw)

    def predict(self, X):
        """Most probable class.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,)
        """
        proba = self.predict_proba(X)  # checks the fit first
        return self.classes_[np.argmax(proba, axis=1)]

    def staged_predict_proba(self, X):
        """Class probabilities after each iteration.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Yields
        ------
        proba : ndarray of shape (n_samples, n_classes)
        """
        for raw in self._staged_raw_predict(X):  # checks the fit first
            yield self._loss.predict_proba(raw)

    def staged_decision_function(self, X):
        """Raw scores after each iteration.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Yields
        ------
        scores : ndarray of shape (n_samples,) or (n_samples, n_classes)
        """
        for raw in self._staged_raw_predict(X):
            yield raw[:, 0] if raw.shape[1] == 1 else raw

    def staged_predict(self, X):
        """Predicted classes after each iteration.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Yields
        ------
        y : ndarray of shape (n_samples,)
        """
        for proba in self.staged_predict_proba(X):
            yield self.classes_[np.argmax(proba, axis=1)]
