"""Voting ensembles: combine already different models by majority vote or averaging."""

import numpy as np
from joblib import Parallel, delayed

from ..base import BaseEstimator, ClassifierMixin, RegressorMixin, TransformerMixin, clone
from ..pipeline import _NamedStepsMixin
from ..utils import Bunch
from ..utils._available_if import available_if
from ..utils.multiclass import check_classification_targets
from ..utils.validation import StrOptions, check_is_fitted, check_sample_weight, validate_data

__all__ = ["VotingClassifier", "VotingRegressor"]


def _fit_one(estimator, X, y, sample_weight):
    if sample_weight is None:
        return estimator.fit(X, y)
    return estimator.fit(X, y, sample_weight=sample_weight)


class _BaseVoting(_NamedStepsMixin, TransformerMixin, BaseEstimator):
    """Fitting and parameter plumbing shared by both voting ensembles."""

    def _extra_tags(self):
        return {"requires_y": True}

    def _named(self):
        """The (name, estimator) pairs, or [] while ``estimators`` is not a list of pairs."""
        try:
            return [(n, e) for n, e in self.estimators]
        except (TypeError, ValueError):
            return []

    def get_params(self, deep=True):
        """Parameters, including each named estimator as ``<name>`` and ``<name>__<param>``.

        Parameters
        ----------
        deep : bool, default=True

        Returns
        -------
        params : dict
        """
        return self._get_named_params("estimators", deep)

    def set_params(self, **params):
        """Set parameters; ``<name>=estimator`` replaces a named estimator.

        Parameters
        ----------
        **params : dict

        Returns
        -------
        self : estimator
        """
        return self._set_named_params("estimators", **params)

    def _validate_estimators(self):
        if not self.estimators:
            raise ValueError("estimators must be a non-empty list of (name, estimator) pairs.")
        names = [n for n, _ in self.estimators]
        if len(set(names)) != len(names):
            raise ValueError(f"Names in estimators must be unique; got {names}.")
        bad = [n for n in names if "__" in n]
        if bad:
            raise ValueError(f"Estimator names must not contain '__': {bad}.")
        active = [(n, e) for n, e in self.estimators if e != "drop"]
        if not active:
            raise ValueError("All estimators are 'drop'; at least one is required.")
        if self.weights is not None and len(self.weights) != len(self.estimators):
            raise ValueError(
                f"Number of weights ({len(self.weights)}) does not match the number of "
                f"estimators ({len(self.estimators)})."
            )
        return active

    @property
    def _active_weights(self):
        if self.weights is None:
            return None
        return np.array([w for (_, e), w in zip(self.estimators, self.weights) if e != "drop"],
                        dtype=np.float64)

    def _fit_all(self, X, y, sample_weight):
        active = self._validate_estimators()
        if sample_weight is not None:
            sample_weight = check_sample_weight(sample_weight, X)
        self.estimators_ = Parallel(n_jobs=self.n_jobs)(
            delayed(_fit_one)(clone(est), X, y, sample_weight) for _, est in active
        )
        self.named_estimators_ = Bunch(**{n: e for (n, _), e in zip(active, self.estimators_)})
        return self


class VotingClassifier(ClassifierMixin, _BaseVoting):
    r"""Combine classifiers by majority vote ('hard') or averaged probabilities ('soft').

    Parameters
    ----------
    estimators : list of (str, estimator) pairs
        The classifiers; an estimator may be 'drop' to leave it out.
    voting : {'hard', 'soft'}, default='hard'
        'hard': the (weighted) most frequent predicted label, eq. (vote-hard);
        'soft': the label of the largest (weighted) mean probability,
        eq. (vote-soft) (every estimator needs ``predict_proba``).
    weights : array-like of shape (n_estimators,), default=None
        Weight of each estimator's vote or probabilities.
    n_jobs : int, default=None
        Fit the estimators in parallel (joblib).
    flatten_transform : bool, default=True
        With soft voting, ``transform`` returns (n_samples, n_estimators *
        n_classes) instead of (n_estimators, n_samples, n_classes).

    Attributes
    ----------
    estimators_ : list of fitted estimators (the non-dropped ones)
    named_estimators_ : Bunch
        The fitted estimators by name.
    classes_ : ndarray of shape (n_classes,)
    n_features_in_ : int

    Notes
    -----
    With estimators :math:`m = 1..M`, weights :math:`w_m` and labels encoded as
    :math:`0..K-1`:

    .. math::
       :label: vote-hard

       \hat y = \arg\max_k \sum_m w_m [\hat y_m = k]

    .. math::
       :label: vote-soft

       \hat y = \arg\max_k \frac{\sum_m w_m p_{mk}}{\sum_m w_m}

    Ties go to the smallest label, as ``argmax`` picks the first maximum.

    References
    ----------
    L. I. Kuncheva (2014), *Combining Pattern Classifiers*, 2nd ed., §4.2
    (majority vote) and §5.2 (averaging). Hastie, Tibshirani & Friedman,
    *ESL* 2nd ed., §8.8 (model averaging).

    Examples
    --------
    >>> from scratchml.datasets import load_iris
    >>> from scratchml.dummy import DummyClassifier
    >>> from scratchml.linear_model import LogisticRegression
    >>> X, y = load_iris(return_X_y=True)
    >>> vote = VotingClassifier([("lr", LogisticRegression()),
    ...                          ("prior", DummyClassifier())], voting="soft").fit(X, y)
    >>> round(vote.score(X, y), 2)
    0.97
    """

    _parameter_constraints = {
        "estimators": [list],
        "voting": [StrOptions({"hard", "soft"})],
        "weights": ["array-like", None],
        "n_jobs": [None, int],
        "flatten_transform": ["boolean"],
    }

    def __init__(self, estimators, *, voting="hard", weights=None, n_jobs=None,
                 flatten_transform=True):
        self.estimators = estimators
        self.voting = voting
        self.weights = weights
        self.n_jobs = n_jobs
        self.flatten_transform = flatten_transform

    def fit(self, X, y, sample_weight=None):
        """Fit every estimator on ``X`` and the encoded labels.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        sample_weight : array-like of shape (n_samples,), default=None
            Passed to every estimator's ``fit``.

        Returns
        -------
        self : VotingClassifier
        """
        self._validate_params()
        X, y = validate_data(self, X, y)
        check_classification_targets(y)
        # Labels -> 0..K-1 so that votes and probability columns line up.
        self.classes_, y_encoded = np.unique(y, return_inverse=True)
        return self._fit_all(X, y_encoded, sample_weight)

    def _check(self, X):
        check_is_fitted(self)
        return validate_data(self, X, reset=False)

    def predict(self, X):
        """Predict by majority vote or by the largest mean probability.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,)
        """
        X = self._check(X)
        if self.voting == "soft":
            return self.classes_[np.argmax(self._mean_proba(X), axis=1)]
        votes = np.column_stack([e.predict(X) for e in self.estimators_]).astype(int)
        w = self._active_weights
        counts = np.zeros((X.shape[0], len(self.classes_)))
        for m in range(votes.shape[1]):  # eq. (vote-hard)
            counts[np.arange(X.shape[0]), votes[:, m]] += 1.0 if w is None else w[m]
        return self.classes_[np.argmax(counts, axis=1)]

    def _mean_proba(self, X):
        probas = np.array([e.predict_proba(X) for e in self.estimators_])
        return np.average(probas, axis=0, weights=self._active_weights)  # eq. (vote-soft)

    def _soft(self):
        return self.voting == "soft"

    @available_if(_soft)
    def predict_proba(self, X):
        """Weighted mean of the estimators' class probabilities (soft voting only).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        P : ndarray of shape (n_samples, n_classes)
        """
        return self._mean_proba(self._check(X))

    def transform(self, X):
        """Each estimator's probabilities (soft) or predicted labels (hard).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        out : ndarray
            Soft: (n_samples, n_estimators * n_classes) if ``flatten_transform``
            else (n_estimators, n_samples, n_classes). Hard: (n_samples,
            n_estimators) of encoded labels.
        """
        X = self._check(X)
        if self.voting == "soft":
            probas = np.array([e.predict_proba(X) for e in self.estimators_])
            return np.hstack(probas) if self.flatten_transform else probas
        return np.column_stack([e.predict(X) for e in self.estimators_])


class VotingRegressor(RegressorMixin, _BaseVoting):
    r"""Average the predictions of several regressors.

    .. math::
       :label: vote-reg

       \hat y = \frac{\sum_m w_m \hat y_m}{\sum_m w_m}

    Parameters
    ----------
    estimators : list of (str, estimator) pairs
        The regressors; an estimator may be 'drop'.
    weights : array-like of shape (n_estimators,), default=None
    n_jobs : int, default=None

    Attributes
    ----------
    estimators_ : list of fitted estimators
    named_estimators_ : Bunch
    n_features_in_ : int

    References
    ----------
    Hastie, Tibshirani & Friedman, *ESL* 2nd ed., §8.8 (model averaging).

    Examples
    --------
    >>> from scratchml.datasets import load_diabetes
    >>> from scratchml.linear_model import LinearRegression, Ridge
    >>> X, y = load_diabetes(return_X_y=True)
    >>> vote = VotingRegressor([("ols", LinearRegression()), ("ridge", Ridge())]).fit(X, y)
    >>> vote.predict(X[:2]).shape
    (2,)
    """

    _parameter_constraints = {
        "estimators": [list],
        "weights": ["array-like", None],
        "n_jobs": [None, int],
    }

    def __init__(self, estimators, *, weights=None, n_jobs=None):
        self.estimators = estimators
        self.weights = weights
        self.n_jobs = n_jobs

    def fit(self, X, y, sample_weight=None):
        """Fit every estimator.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        self : VotingRegressor
        """
        self._validate_params()
        X, y = validate_data(self, X, y, y_numeric=True)
        return self._fit_all(X, y, sample_weight)

    def predict(self, X):
        """Weighted mean of the estimators' predictions.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,)
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        return np.average(self.transform(X), axis=1, weights=self._active_weights)  # eq. (vote-reg)

    def transform(self, X):
        """Each estimator's predictions.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        predictions : ndarray of shape (n_samples, n_estimators)
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        return np.column_stack([e.predict(X) for e in self.estimators_])
