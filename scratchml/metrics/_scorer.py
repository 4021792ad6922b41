"""Scorers: callables ``scorer(estimator, X, y) -> float`` where greater is better.

Model selection (cross-validation, grid search) compares estimators through a
scorer. A scorer wraps a metric ``score_func(y_true, y_response, **kwargs)``
with the estimator method that produces ``y_response`` and a sign, so that a
loss such as the mean squared error is maximised as its negative
('neg_mean_squared_error').
"""

import copy
import inspect

import numpy as np

from ._classification import accuracy_score, balanced_accuracy_score, log_loss
from ._clustering import adjusted_rand_score
from ._precision_recall import f1_score, precision_score, recall_score
from ._ranking import roc_auc_score
from ._regression import (
    explained_variance_score,
    mean_absolute_error,
    mean_squared_error,
    r2_score,
    root_mean_squared_error,
)

__all__ = ["check_scoring", "get_scorer", "get_scorer_names", "make_scorer"]

_RESPONSE_METHODS = ("predict", "predict_proba", "decision_function")


class _Scorer:
    """``sign * score_func(y_true, response(X), **kwargs)``; built by :func:`make_scorer`."""

    def __init__(self, score_func, sign, kwargs, response_method="predict"):
        self._score_func = score_func
        self._sign = sign
        self._kwargs = kwargs
        self._response_method = response_method

    def __repr__(self):
        sign = "" if self._sign > 0 else ", greater_is_better=False"
        kwargs = "".join(f", {k}={v}" for k, v in self._kwargs.items())
        return (
            f"make_scorer({self._score_func.__name__}{sign}, "
            f"response_method={self._response_method!r}{kwargs})"
        )

    def __call__(self, estimator, X, y_true, sample_weight=None):
        """Score ``estimator`` on ``(X, y_true)``.

        Parameters
        ----------
        estimator : fitted estimator
        X : array-like of shape (n_samples, n_features)
        y_true : array-like of shape (n_samples,) or (n_samples, n_outputs)
        sample_weight : array-like of shape (n_samples,), default=None
            Passed to the metric when given.

        Returns
        -------
        score : float
        """
        pos_label = self._kwargs.get("pos_label", _default_pos_label(self._score_func))
        y_response = _response_values(estimator, X, self._response_method, pos_label)
        kwargs = dict(self._kwargs)
        if sample_weight is not None:
            kwargs["sample_weight"] = sample_weight
        return self._sign * self._score_func(y_true, y_response, **kwargs)


def _default_pos_label(score_func):
    """The default of ``score_func``'s ``pos_label`` parameter, or None."""
    parameter = inspect.signature(score_func).parameters.get("pos_label")
    return None if parameter is None else parameter.default


def _estimator_type(estimator):
    """'classifier', 'regressor', ... from ``_estimator_type`` or scikit-learn tags."""
    kind = getattr(estimator, "_estimator_type", None)
    if kind is None and hasattr(estimator, "__sklearn_tags__"):
        kind = getattr(estimator.__sklearn_tags__(), "estimator_type", None)
    return kind


def _response_values(estimator, X, response_method, pos_label):
    """Call the first available of ``response_method`` on ``estimator``.

    For a binary classifier, ``predict_proba`` is reduced to the column of the
    positive class (``pos_label``, default ``classes_[-1]``) and
    ``decision_function`` is negated when the positive class is ``classes_[0]``.
    """
    methods = (response_method,) if isinstance(response_method, str) else tuple(response_method)
    available = [m for m in methods if hasattr(estimator, m)]
    if not available:
        raise AttributeError(
            f"{type(estimator).__name__} has none of the following attributes: "
            f"{', '.join(methods)}."
        )
    method = available[0]
    y = getattr(estimator, method)(X)
    if _estimator_type(estimator) != "classifier" or method == "predict":
        return y
    classes = np.asarray(estimator.classes_)
    if classes.shape[0] > 2:
        return y
    if pos_label is not None and pos_label not in classes.tolist():
        raise ValueError(f"pos_label={pos_label} is not a valid label: It should be one of {classes}")
    if pos_label is None:
        pos_label = classes[-1]
    if method == "predict_proba":
        if y.shape[1] < 2:
            raise ValueError(
                f"Got predict_proba of shape {y.shape}, but need classifier with two classes."
            )
        return y[:, np.flatnonzero(classes == pos_label)[0]]
    return -y if pos_label == classes[0] else y


def make_scorer(score_func, *, response_method="predict", greater_is_better=True, **kwargs):
    """Wrap a metric into a scorer ``scorer(estimator, X, y) -> float``.

    Parameters
    ----------
    score_func : callable
        ``score_func(y_true, y_response, **kwargs)``.
    response_method : {'predict', 'predict_proba', 'decision_function'} or list of them, default='predict'
        The estimator method giving ``y_response``; with a list, the first one
        the estimator has.
    greater_is_better : bool, default=True
        False for a loss: the scorer returns its negative.
    **kwargs
        Passed to ``score_func``.

    Returns
    -------
    scorer : callable

    Raises
    ------
    ValueError
        Unknown ``response_method``.

    Examples
    --------
    >>> from scratchml.dummy import DummyClassifier
    >>> X, y = [[0], [1], [2], [3]], [0, 1, 1, 1]
    >>> clf = DummyClassifier(strategy="most_frequent").fit(X, y)
    >>> make_scorer(f1_score, average="macro")(clf, X, y)
    0.42857142857142855
    """
    methods = (response_method,) if isinstance(response_method, str) else tuple(response_method)
    if not methods or any(m not in _RESPONSE_METHODS for m in methods):
        raise ValueError(
            f"response_method={response_method!r} must be one of {_RESPONSE_METHODS} "
            "or a list of them."
        )
    if not callable(score_func):
        raise TypeError(f"score_func must be callable, got {score_func!r}.")
    sign = 1 if greater_is_better else -1
    return _Scorer(score_func, sign, kwargs, response_method)


_PROBA_OR_DECISION = ("decision_function", "predict_proba")

_SCORERS = {
    "accuracy": make_scorer(accuracy_score),
    "balanced_accuracy": make_scorer(balanced_accuracy_score),
    "f1": make_scorer(f1_score),
    "f1_macro": make_scorer(f1_score, average="macro", pos_label=None),
    "f1_micro": make_scorer(f1_score, average="micro", pos_label=None),
    "f1_weighted": make_scorer(f1_score, average="weighted", pos_label=None),
    "precision": make_scorer(precision_score),
    "precision_macro": make_scorer(precision_score, average="macro", pos_label=None),
    "precision_weighted": make_scorer(precision_score, average="weighted", pos_label=None),
    "recall": make_scorer(recall_score),
    "recall_macro": make_scorer(recall_score, average="macro", pos_label=None),
    "recall_weighted": make_scorer(recall_score, average="weighted", pos_label=None),
    "roc_auc": make_scorer(roc_auc_score, response_method=_PROBA_OR_DECISION),
    "roc_auc_ovr": make_scorer(roc_auc_score, response_method="predict_proba", multi_class="ovr"),
    "roc_auc_ovo": make_scorer(roc_auc_score, response_method="predict_proba", multi_class="ovo"),
    "neg_log_loss": make_scorer(log_loss, response_method="predict_proba", greater_is_better=False),
    "r2": make_scorer(r2_score),
    "explained_variance": make_scorer(explained_variance_score),
    "neg_mean_squared_error": make_scorer(mean_squared_error, greater_is_better=False),
    "neg_root_mean_squared_error": make_scorer(root_mean_squared_error, greater_is_better=False),
    "neg_mean_absolute_error": make_scorer(mean_absolute_error, greater_is_better=False),
    "adjusted_rand_score": make_scorer(adjusted_rand_score),
}


def get_scorer_names():
    """Sorted names accepted by :func:`get_scorer`.

    Returns
    -------
    names : list of str
    """
    return sorted(_SCORERS)


def get_scorer(scoring):
    """Scorer for a name; a callable (or None) is returned unchanged.

    Parameters
    ----------
    scoring : str, callable or None

    Returns
    -------
    scorer : callable or None
        A fresh copy for a name.

    Raises
    ------
    ValueError
        Unknown name.

    Examples
    --------
    >>> get_scorer("neg_mean_squared_error")
    make_scorer(mean_squared_error, greater_is_better=False, response_method='predict')
    """
    if isinstance(scoring, str):
        try:
            return copy.deepcopy(_SCORERS[scoring])
        except KeyError:
            raise ValueError(
                f"{scoring!r} is not a valid scoring value. Use "
                "scratchml.metrics.get_scorer_names() to get valid options."
            ) from None
    return scoring


class _PassthroughScorer:
    """Scorer that calls ``estimator.score(X, y)`` (``scoring=None``)."""

    def __init__(self, estimator):
        self._estimator = estimator

    def __repr__(self):
        return f"{type(self._estimator).__name__}.score"

    def __call__(self, estimator, X, y_true=None, sample_weight=None):
        if sample_weight is not None:
            return estimator.score(X, y_true, sample_weight=sample_weight)
        return estimator.score(X, y_true)


def check_scoring(estimator=None, scoring=None):
    """Turn ``scoring`` into a scorer ``scorer(estimator, X, y) -> float``.

    Parameters
    ----------
    estimator : estimator, default=None
        Used when ``scoring`` is None: the scorer calls ``estimator.score``.
    scoring : str, callable or None, default=None
        A name from :func:`get_scorer_names`, a scorer callable, or None.

    Returns
    -------
    scorer : callable

    Raises
    ------
    ValueError
        Unknown name.
    TypeError
        ``scoring=None`` and the estimator has no ``score`` method.

    Examples
    --------
    >>> from scratchml.dummy import DummyRegressor
    >>> X, y = [[0], [1], [2]], [1.0, 2.0, 6.0]
    >>> reg = DummyRegressor().fit(X, y)
    >>> check_scoring(reg, "neg_mean_absolute_error")(reg, X, y)
    -2.0
    >>> check_scoring(reg)(reg, X, y)
    0.0
    """
    if isinstance(scoring, str):
        return get_scorer(scoring)
    if callable(scoring):
        return scoring
    if scoring is None:
        if hasattr(estimator, "score"):
            return _PassthroughScorer(estimator)
        raise TypeError(
            "If no scoring is specified, the estimator passed should have a 'score' "
            f"method. The estimator {estimator!r} does not."
        )
    raise ValueError(
        f"scoring is invalid (got {scoring!r}); use a str, a callable or None."
    )
