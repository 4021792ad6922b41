"""Recursive feature elimination (RFE) and its cross-validated variant (RFECV)."""

import warnings
from numbers import Integral, Real

import numpy as np

from ..base import BaseEstimator, clone, is_classifier
from ..utils._available_if import available_if, estimator_has
from ..utils.validation import HasMethods, Interval, check_is_fitted, validate_data
from ._base import SelectorMixin

__all__ = ["RFE", "RFECV"]


def feature_importances(estimator, getter="auto"):
    r"""Importance of each feature of a fitted estimator, as RFE ranks them.

    ``coef_`` is squared (and summed over classes/targets when 2-D),
    :math:`s_j = \sum_k w_{kj}^2`; ``feature_importances_`` is used as is.

    Parameters
    ----------
    estimator : fitted estimator
    getter : 'auto', str or callable, default='auto'
        'auto' uses ``coef_`` if present, else ``feature_importances_``; a
        string names the attribute; a callable is called with the estimator.

    Returns
    -------
    importances : ndarray of shape (n_features,)

    Raises
    ------
    ValueError
        If 'auto' finds neither attribute.
    """
    if callable(getter):
        values = np.asarray(getter(estimator))
    elif getter == "auto":
        if hasattr(estimator, "coef_"):
            values = np.asarray(estimator.coef_)
        elif hasattr(estimator, "feature_importances_"):
            values = np.asarray(estimator.feature_importances_)
        else:
            raise ValueError(
                f"importance_getter='auto' needs an estimator with coef_ or "
                f"feature_importances_; {type(estimator).__name__} has neither."
            )
    else:
        values = np.asarray(getattr(estimator, getter))
    return values ** 2 if values.ndim == 1 else (values ** 2).sum(axis=0)


class RFE(SelectorMixin, BaseEstimator):
    """Recursive feature elimination: refit, drop the weakest features, repeat.

    At each round the estimator is fitted on the surviving features and the
    ``step`` features with the smallest importance (squared ``coef_`` or
    ``feature_importances_``) are removed, until ``n_features_to_select``
    remain.

    Parameters
    ----------
    estimator : estimator with ``fit`` and ``coef_`` or ``feature_importances_``
    n_features_to_select : int, float in (0, 1] or None, default=None
        How many features to keep (a float is a fraction); None keeps half.
    step : int >= 1 or float in (0, 1), default=1
        Features removed per round (a float is a fraction of all features).
    importance_getter : 'auto', str or callable, default='auto'
        See :func:`feature_importances`.

    Attributes
    ----------
    support_ : ndarray of shape (n_features,) of bool
        The kept features.
    ranking_ : ndarray of shape (n_features,) of int
        1 for kept features; larger for features removed earlier.
    n_features_ : int
    estimator_ : estimator
        Fitted on the kept features.
    n_features_in_ : int

    Raises
    ------
    ValueError
        The estimator exposes no importances.

    References
    ----------
    I. Guyon, J. Weston, S. Barnhill & V. Vapnik (2002), "Gene Selection for
    Cancer Classification using Support Vector Machines", *Machine Learning*
    46, 389-422, doi:10.1023/A:1012487302797, §2.6 (the RFE algorithm).

    Examples
    --------
    >>> from scratchml.datasets import make_regression
    >>> from scratchml.linear_model import LinearRegression
    >>> X, y = make_regression(n_samples=50, n_features=6, n_informative=2,
    ...                        shuffle=False, random_state=0)
    >>> RFE(LinearRegression(), n_features_to_select=2).fit(X, y).support_.tolist()
    [True, True, False, False, False, False]
    """

    _parameter_constraints = {
        "estimator": [HasMethods(["fit"])],
        "n_features_to_select": [None, Interval(Real, 0, 1, closed="right"),
                                 Interval(Integral, 0, None, closed="neither")],
        "step": [Interval(Integral, 0, None, closed="neither"),
                 Interval(Real, 0, 1, closed="neither")],
        "importance_getter": [str, "callable"],
    }

    def __init__(self, estimator, *, n_features_to_select=None, step=1, importance_getter="auto"):
        self.estimator = estimator
        self.n_features_to_select = n_features_to_select
        self.step = step
        self.importance_getter = importance_getter

    def _extra_tags(self):
        # RFE predicts with the estimator it wraps: it is of the same kind.
        inner = getattr(self.estimator, "_all_tags", None)
        kind = inner()["estimator_type"] if inner else getattr(self.estimator, "_estimator_type", None)
        # poor_score: by default half the features are dropped, so the common
        # checks' accuracy bar does not apply (scikit-learn tags its RFE so too).
        return {"requires_y": True, "estimator_type": kind, "poor_score": True}

    @property
    def _estimator_type(self):
        return getattr(self.estimator, "_estimator_type", None)

    def fit(self, X, y, **fit_params):
        """Eliminate features until ``n_features_to_select`` remain.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        **fit_params : dict
            Passed to the estimator's ``fit``.

        Returns
        -------
        self : RFE
        """
        self._validate_params()
        X, y = validate_data(self, X, y, ensure_min_features=2, multi_output=True)
        return self._eliminate(X, y, fit_params, score=None)

    def _n_to_select(self, n_features):
        if self.n_features_to_select is None:
            return n_features // 2
        if isinstance(self.n_features_to_select, Integral):
            if self.n_features_to_select > n_features:
                warnings.warn(
                    f"n_features_to_select={self.n_features_to_select} > n_features="
                    f"{n_features}: every feature is kept.",
                    UserWarning,
                    stacklevel=3,
                )
            return self.n_features_to_select
        return int(n_features * self.n_features_to_select)

    def _eliminate(self, X, y, fit_params, score):
        """Run the elimination; ``score(estimator, features)`` is recorded per round if given."""
        n_features = X.shape[1]
        n_keep = self._n_to_select(n_features)
        step = int(max(1, self.step * n_features)) if self.step < 1 else int(self.step)
        support = np.ones(n_features, dtype=bool)
        ranking = np.ones(n_features, dtype=int)
        self._step_scores, self._step_n_features = [], []
        while support.sum() > n_keep:
            features = np.flatnonzero(support)
            est = clone(self.estimator).fit(X[:, features], y, **fit_params)
            if score is not None:
                self._step_n_features.append(len(features))
                self._step_scores.append(score(est, features))
            importances = feature_importances(est, self.importance_getter)
            # Stable sort: among equal importances the earlier feature goes first.
            order = np.argsort(importances, kind="stable")
            n_drop = min(step, support.sum() - n_keep)
            support[features[order[:n_drop]]] = False
            ranking[~support] += 1
        features = np.flatnonzero(support)
        self.estimator_ = clone(self.estimator).fit(X[:, features], y, **fit_params)
        if score is not None:
            self._step_n_features.append(len(features))
            self._step_scores.append(score(self.estimator_, features))
        self.support_, self.ranking_, self.n_features_ = support, ranking, int(support.sum())
        return self

    def _get_support_mask(self):
        check_is_fitted(self)
        return self.support_

    @property
    def classes_(self):
        """Class labels of the fitted estimator."""
        return self.estimator_.classes_

    @available_if(estimator_has("predict", "estimator_", "estimator"))
    def predict(self, X):
        """Predict with ``estimator_`` on the kept features of ``X``."""
        X_kept = self.transform(X)  # checks that RFE is fitted
        return self.estimator_.predict(X_kept)

    @available_if(estimator_has("predict_proba", "estimator_", "estimator"))
    def predict_proba(self, X):
        """Class probabilities from ``estimator_`` on the kept features of ``X``."""
        X_kept = self.transform(X)  # checks that RFE is fitted
        return self.estimator_.predict_proba(X_kept)

    @available_if(estimator_has("decision_function", "estimator_", "estimator"))
    def decision_function(self, X):
        """Decision function of ``estimator_`` on the kept features of ``X``."""
        X_kept = self.transform(X)  # checks that RFE is fitted
        return self.estimator_.decision_function(X_kept)

    @available_if(estimator_has("score", "estimator_", "estimator"))
    def score(self, X, y, **kwargs):
        """``estimator_.score`` on the kept features of ``X``."""
        X_kept = self.transform(X)  # checks that RFE is fitted
        return self.estimator_.score(X_kept, y, **kwargs)


class RFECV(RFE):
    """RFE with the number of features chosen by cross-validation.

    For every fold, RFE runs on the training part and each round's estimator
    is scored on the held-out part; the number of features with the best mean
    score (the smallest such number on ties) is then selected by RFE on all
    the data.

    Parameters
    ----------
    estimator : estimator with ``fit`` and ``coef_`` or ``feature_importances_``
    step : int >= 1 or float in (0, 1), default=1
    min_features_to_select : int >= 1, default=1
    cv : int, splitter or iterable, default=None
        As in :func:`scratchml.model_selection.check_cv` (5 folds; stratified
        for classifiers).
    scoring : str, callable or None, default=None
        As in :func:`scratchml.metrics.check_scoring`.
    importance_getter : 'auto', str or callable, default='auto'

    Attributes
    ----------
    cv_results_ : dict of ndarrays
        ``n_features``, ``mean_test_score``, ``std_test_score`` and
        ``split<k>_test_score``, by increasing number of features.
    support_, ranking_, n_features_, estimator_ :
        As in :class:`RFE`, for the selected number of features.

    References
    ----------
    Guyon et al. (2002), see :class:`RFE`; Hastie, Tibshirani & Friedman,
    *ESL* 2nd ed., §7.10 (cross-validation).

    Examples
    --------
    >>> from scratchml.datasets import make_regression
    >>> from scratchml.linear_model import LinearRegression
    >>> X, y = make_regression(n_samples=60, n_features=5, n_informative=2,
    ...                        noise=1.0, random_state=0)
    >>> rfecv = RFECV(LinearRegression(), cv=3).fit(X, y)
    >>> rfecv.cv_results_["n_features"].tolist()
    [1, 2, 3, 4, 5]
    >>> rfecv.n_features_  # a noise feature helps a little by chance, as in scikit-learn
    3
    """

    _parameter_constraints = {
        **{k: v for k, v in RFE._parameter_constraints.items() if k != "n_features_to_select"},
        "min_features_to_select": [Interval(Integral, 0, None, closed="neither")],
        "cv": [None, Integral, "array-like", HasMethods(["split"])],
        "scoring": [None, str, "callable"],
    }

    def __init__(self, estimator, *, step=1, min_features_to_select=1, cv=None, scoring=None,
                 importance_getter="auto"):
        self.estimator = estimator
        self.step = step
        self.min_features_to_select = min_features_to_select
        self.cv = cv
        self.scoring = scoring
        self.importance_getter = importance_getter

    def fit(self, X, y, **fit_params):
        """Cross-validate the number of features, then run RFE on all the data.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        **fit_params : dict
            Passed to the estimator's ``fit``.

        Returns
        -------
        self : RFECV
        """
        from ..metrics import check_scoring
        from ..model_selection import check_cv

        self._validate_params()
        X, y = validate_data(self, X, y, ensure_min_features=2, multi_output=True)
        cv = check_cv(self.cv, y, classifier=is_classifier(self.estimator))
        scorer = check_scoring(self.estimator, scoring=self.scoring)
        fold_scores = []
        for train, test in cv.split(X, y):
            rfe = RFE(self.estimator, n_features_to_select=self.min_features_to_select,
                      step=self.step, importance_getter=self.importance_getter)
            rfe._eliminate(X[train], y[train], fit_params,
                           score=lambda est, f, t=test: scorer(est, X[t][:, f], y[t]))
            fold_scores.append(rfe._step_scores)
            n_features_per_step = rfe._step_n_features
        scores = np.array(fold_scores)[:, ::-1]  # (n_folds, n_steps), fewest features first
        n_features = np.array(n_features_per_step)[::-1]
        # argmax takes the first best: the smallest number of features on ties
        best = int(n_features[np.argmax(scores.sum(axis=0))])
        final = RFE(self.estimator, n_features_to_select=best, step=self.step,
                    importance_getter=self.importance_getter)
        final._eliminate(X, y, fit_params, score=None)
        self.support_, self.ranking_ = final.support_, final.ranking_
        self.n_features_, self.estimator_ = final.n_features_, final.estimator_
        self.cv_results_ = {
            "n_features": n_features,
            "mean_test_score": scores.mean(axis=0),
            "std_test_score": scores.std(axis=0),
            **{f"split{k}_test_score": s for k, s in enumerate(scores)},
        }
        return self
