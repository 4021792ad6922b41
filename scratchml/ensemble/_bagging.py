"""Bootstrap aggregating (bagging) of any estimator (Breiman 1996)."""

import inspect
import numbers
import warnings

import numpy as np
from joblib import Parallel, delayed

from ..base import BaseEstimator, ClassifierMixin, RegressorMixin, clone
from ..utils._available_if import available_if, estimator_has
from ..utils._random import sample_without_replacement
from ..utils.multiclass import check_classification_targets
from ..utils.validation import (
    HasMethods,
    Interval,
    check_is_fitted,
    check_random_state,
    check_sample_weight,
    validate_data,
)
from ._warm_start import n_estimators_to_add

__all__ = ["BaggingClassifier", "BaggingRegressor"]

_MAX_INT = np.iinfo(np.int32).max


def _draw(rng, bootstrap, n_population, n_draws):
    """``n_draws`` indices of ``range(n_population)``, with or without replacement."""
    if bootstrap:
        return rng.randint(0, n_population, n_draws)
    return sample_without_replacement(n_population, n_draws, rng)


def _bagging_indices(seed, bootstrap_features, bootstrap, n_features, n_samples,
                     max_features, max_samples, sample_weight=None):
    """Features then samples of one bag, drawn from a generator seeded with ``seed``.

    The order of the draws (features first) is scikit-learn's, so that the same
    ``random_state`` gives the same bags. With ``sample_weight`` rows are drawn
    with probability proportional to their weight.
    """
    rng = check_random_state(seed)
    features = _draw(rng, bootstrap_features, n_features, max_features)
    if sample_weight is None:
        samples = _draw(rng, bootstrap, n_samples, max_samples)
    else:
        samples = rng.choice(n_samples, max_samples, replace=bootstrap,
                             p=sample_weight / sample_weight.sum())
    return features, samples


def _accepts_sample_weight(estimator):
    return "sample_weight" in inspect.signature(estimator.fit).parameters


def _set_random_states(estimator, seed):
    """Give every ``random_state`` parameter (nested too) a draw from ``seed``, in sorted order."""
    rng = check_random_state(seed)
    to_set = {key: rng.randint(_MAX_INT) for key in sorted(estimator.get_params(deep=True))
              if key == "random_state" or key.endswith("__random_state")}
    if to_set:
        estimator.set_params(**to_set)
    return estimator


def _fit_bag(base, X, y, sample_weight, seed, settings):
    """Fit one estimator on one bag; return it with its feature indices."""
    bootstrap_features, bootstrap, max_features, max_samples = settings
    n_samples, n_features = X.shape
    estimator = _set_random_states(clone(base), seed)
    features, samples = _bagging_indices(seed, bootstrap_features, bootstrap, n_features,
                                         n_samples, max_features, max_samples, sample_weight)
    X_bag = X[:, features] if (bootstrap_features or max_features != n_features) else X
    if _accepts_sample_weight(estimator):
        # A bootstrap sample is the data with integer weights: how many times
        # each row was drawn. Cheaper than copying rows, same fit.
        counts = np.bincount(samples, minlength=n_samples).astype(np.float64)
        estimator.fit(X_bag, y, sample_weight=counts)
    else:
        estimator.fit(X_bag[samples], y[samples])
    return estimator, features


class _BaseBagging(BaseEstimator):
    _parameter_constraints = {
        "estimator": [HasMethods(["fit", "predict"]), None],
        "n_estimators": [Interval(numbers.Integral, 1, None, closed="left")],
        "max_samples": [None, Interval(numbers.Integral, 1, None, closed="left"),
                        Interval(numbers.Real, 0, 1, closed="right")],
        "max_features": [Interval(numbers.Integral, 1, None, closed="left"),
                         Interval(numbers.Real, 0, 1, closed="right")],
        "bootstrap": ["boolean"],
        "bootstrap_features": ["boolean"],
        "oob_score": ["boolean"],
        "warm_start": ["boolean"],
        "n_jobs": [None, numbers.Integral],
        "random_state": ["random_state"],
    }

    def __init__(self, estimator=None, n_estimators=10, *, max_samples=None, max_features=1.0,
                 bootstrap=True, bootstrap_features=False, oob_score=False, warm_start=False,
                 n_jobs=None, random_state=None):
        self.estimator = estimator
        self.n_estimators = n_estimators
        self.max_samples = max_samples
        self.max_features = max_features
        self.bootstrap = bootstrap
        self.bootstrap_features = bootstrap_features
        self.oob_score = oob_score
        self.warm_start = warm_start
        self.n_jobs = n_jobs
        self.random_state = random_state

    def _fit_bags(self, X, y, sample_weight):
        n_samples, n_features = X.shape
        if self.max_samples is None:
            max_samples = n_samples  # whatever the weights
        elif isinstance(self.max_samples, numbers.Integral):
            max_samples = self.max_samples
        else:  # a fraction of the (weighted) number of samples
            total = n_samples if sample_weight is None else sample_weight.sum()
            max_samples = max(int(self.max_samples * total), 1)
        if not self.bootstrap and max_samples > n_samples:
            raise ValueError(
                f"max_samples={max_samples} must be <= n_samples={n_samples} to sample "
                "without replacement (bootstrap=False)."
            )
        if isinstance(self.max_features, numbers.Integral):
            max_features = self.max_features
        else:
            max_features = max(1, int(self.max_features * n_features))
        if max_features > n_features:
            raise ValueError(f"max_features={max_features} must be <= n_features={n_features}.")
        if self.oob_score and not self.bootstrap:
            raise ValueError("oob_score=True needs bootstrap=True: without it no sample is out of bag.")
        if self.oob_score and self.warm_start:
            raise ValueError("oob_score=True is not available with warm_start=True.")
        self._max_samples, self._max_features = max_samples, max_features
        self._sample_weight = sample_weight

        def reset():
            self.estimators_, self.estimators_features_, self._seeds = [], [], np.array([], int)

        n_more = n_estimators_to_add(self, reset)
        if n_more == 0:
            return self
        rng = check_random_state(self.random_state)
        if self.warm_start and len(self.estimators_):
            rng.randint(_MAX_INT, size=len(self.estimators_))  # skip the seeds already used
        # Every bag's seed is drawn up front: the bags do not depend on n_jobs.
        seeds = rng.randint(_MAX_INT, size=n_more)
        base = self._base_estimator()
        settings = (self.bootstrap_features, self.bootstrap, max_features, max_samples)
        fitted = Parallel(n_jobs=self.n_jobs, prefer="threads")(
            delayed(_fit_bag)(base, X, y, sample_weight, seed, settings) for seed in seeds
        )
        self.estimators_ += [e for e, _ in fitted]
        self.estimators_features_ += [f for _, f in fitted]
        self._seeds = np.concatenate([self._seeds, seeds])
        if self.oob_score:
            self._set_oob_score(X, y)
        return self

    @property
    def estimators_samples_(self):
        """Row indices drawn for each estimator (regenerated from its seed)."""
        n_samples = self._n_samples
        return [
            _bagging_indices(seed, self.bootstrap_features, self.bootstrap, self.n_features_in_,
                             n_samples, self._max_features, self._max_samples,
                             self._sample_weight)[1]
            for seed in self._seeds
        ]

    def _oob_masks(self):
        for samples in self.estimators_samples_:
            mask = np.ones(self._n_samples, dtype=bool)
            mask[samples] = False
            yield mask

    def _warn_missing_oob(self, counts):
        if (counts == 0).any():
            warnings.warn(
                "Some inputs do not have OOB scores. This probably means too few "
                "estimators were used to compute any reliable oob estimates.",
                UserWarning,
                stacklevel=4,
            )

    def _check(self, X):
        check_is_fitted(self)
        return validate_data(self, X, reset=False)


class BaggingClassifier(ClassifierMixin, _BaseBagging):
    r"""Fit copies of a classifier on bootstrap samples and average their probabilities.

    Each estimator sees ``max_samples`` rows drawn with replacement (and
    optionally ``max_features`` columns); the ensemble averages their class
    probabilities (or their votes, for estimators without ``predict_proba``),
    eq. (bag-avg). Averaging many high-variance models lowers the variance
    while keeping their low bias.

    Parameters
    ----------
    estimator : classifier, default=None
        The model to bag; ``scratchml.tree.DecisionTreeClassifier()`` when None.
    n_estimators : int, default=10
    max_samples : int, float in (0, 1] or None, default=None
        Rows per bag: None draws n_samples; a float is a fraction of the
        number of samples (of the total weight, with ``sample_weight``).
    max_features : int or float in (0, 1], default=1.0
        Columns per bag.
    bootstrap : bool, default=True
        Draw rows with replacement.
    bootstrap_features : bool, default=False
        Draw columns with replacement.
    oob_score : bool, default=False
        Estimate accuracy from each sample's out-of-bag estimators.
    warm_start : bool, default=False
        Keep fitted estimators and add new ones up to ``n_estimators``.
    n_jobs : int, default=None
        Fit bags in parallel (threads); results do not depend on it.
    random_state : int, RandomState instance or None, default=None
        Seeds the bags; the same seed draws scikit-learn's bags.

    Attributes
    ----------
    estimators_ : list of fitted classifiers
    estimators_features_ : list of ndarray
        Columns each estimator was fitted on.
    estimators_samples_ : list of ndarray
        Rows each estimator was fitted on.
    classes_ : ndarray of shape (n_classes,)
    n_classes_ : int
    oob_score_ : float
        Out-of-bag accuracy (only with ``oob_score=True``).
    oob_decision_function_ : ndarray of shape (n_samples, n_classes)
    n_features_in_ : int

    Raises
    ------
    ValueError
        ``oob_score`` without ``bootstrap``; ``max_samples`` / ``max_features``
        larger than the data.

    Notes
    -----
    With :math:`B` bags and :math:`p_b(k \mid x)` the probabilities of the
    estimator fitted on bag :math:`b`:

    .. math::
       :label: bag-avg

       \hat p(k \mid x) = \frac{1}{B} \sum_{b=1}^{B} p_b(k \mid x), \qquad
       \hat y = \arg\max_k \hat p(k \mid x).

    Each sample is out of a bootstrap bag with probability
    :math:`(1 - 1/N)^N \approx e^{-1} \approx 0.368`, which is what the
    out-of-bag estimate uses.

    References
    ----------
    L. Breiman (1996), "Bagging predictors", *Machine Learning* 24, 123-140,
    doi:10.1007/BF00058655. Hastie, Tibshirani & Friedman, *ESL* 2nd ed.,
    §8.7, eq. (8.51).

    Examples
    --------
    >>> from scratchml.datasets import load_iris
    >>> from scratchml.linear_model import LogisticRegression
    >>> X, y = load_iris(return_X_y=True)
    >>> bag = BaggingClassifier(LogisticRegression(), n_estimators=5, random_state=0).fit(X, y)
    >>> len(bag.estimators_), bag.predict_proba(X[:1]).shape
    (5, (1, 3))
    """

    def _base_estimator(self):
        if self.estimator is not None:
            return self.estimator
        from ..tree import DecisionTreeClassifier

        return DecisionTreeClassifier()

    def fit(self, X, y, sample_weight=None):
        """Fit ``n_estimators`` copies of the estimator on bootstrap samples.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            sample_weight : array-like of shape (n_samples,), default=None
            Rows are drawn with probability proportional to their weight.

        Returns
        -------
        self : BaggingClassifier
        """
        self._validate_params()
        X, y = validate_data(self, X, y)
        check_classification_targets(y)
        if sample_weight is not None:
            sample_weight = check_sample_weight(sample_weight, X)
        self.classes_, y_encoded = np.unique(y, return_inverse=True)
        self.n_classes_ = len(self.classes_)
        self._n_samples = X.shape[0]
        return self._fit_bags(X, y_encoded, sample_weight)

    def _proba_of(self, estimator, X_sub):
        """One estimator's class probabilities over all classes (votes if it has no proba)."""
        out = np.zeros((X_sub.shape[0], self.n_classes_))
        fitted = np.asarray(estimator.classes_, dtype=int)  # a bag may miss a class
        if hasattr(estimator, "predict_proba"):
            out[:, fitted] = estimator.predict_proba(X_sub)
        else:
            out[np.arange(X_sub.shape[0]), estimator.predict(X_sub).astype(int)] = 1.0
        return out

    def _set_oob_score(self, X, y):
        totals = np.zeros((X.shape[0], self.n_classes_))
        for est, features, mask in zip(self.estimators_, self.estimators_features_, self._oob_masks()):
            totals[mask] += self._proba_of(est, X[mask][:, features])
        counts = totals.sum(axis=1)
        self._warn_missing_oob(counts)
        with np.errstate(invalid="ignore", divide="ignore"):
            self.oob_decision_function_ = totals / counts[:, None]
        self.oob_score_ = float(np.mean(y == np.argmax(totals, axis=1)))

    def predict_proba(self, X):
        """Mean class probabilities of the estimators, eq. (bag-avg).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        P : ndarray of shape (n_samples, n_classes)
        """
        X = self._check(X)
        total = sum(self._proba_of(e, X[:, f]) for e, f in zip(self.estimators_, self.estimators_features_))
        return total / len(self.estimators_)

    def predict(self, X):
        """The class with the largest mean probability.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,)
        """
        proba = self.predict_proba(X)  # checks that the ensemble is fitted
        return self.classes_[np.argmax(proba, axis=1)]

    @available_if(estimator_has("decision_function", "estimator"))
    def decision_function(self, X):
        """Mean decision function of the estimators.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        scores : ndarray of shape (n_samples,) or (n_samples, n_classes)
        """
        X = self._check(X)
        total = sum(e.decision_function(X[:, f]) for e, f in zip(self.estimators_, self.estimators_features_))
        return total / len(self.estimators_)


class BaggingRegressor(RegressorMixin, _BaseBagging):
    r"""Fit copies of a regressor on bootstrap samples and average their predictions.

    .. math::
       :label: bag-reg

       \hat f(x) = \frac{1}{B} \sum_{b=1}^{B} \hat f_b(x)

    Parameters
    ----------
    estimator : regressor, default=None
        ``scratchml.tree.DecisionTreeRegressor()`` when None.
    n_estimators, max_samples, max_features, bootstrap, bootstrap_features, oob_score,
    warm_start, n_jobs, random_state :
        As in :class:`BaggingClassifier`.

    Attributes
    ----------
    estimators_ : list of fitted regressors
    estimators_features_ : list of ndarray
    estimators_samples_ : list of ndarray
    oob_score_ : float
        Out-of-bag R² (only with ``oob_score=True``).
    oob_prediction_ : ndarray of shape (n_samples,)
    n_features_in_ : int

    References
    ----------
    L. Breiman (1996), "Bagging predictors", *Machine Learning* 24, 123-140.
    Hastie, Tibshirani & Friedman, *ESL* 2nd ed., §8.7.

    Examples
    --------
    >>> from scratchml.datasets import load_diabetes
    >>> from scratchml.linear_model import LinearRegression
    >>> X, y = load_diabetes(return_X_y=True)
    >>> bag = BaggingRegressor(LinearRegression(), n_estimators=5, random_state=0).fit(X, y)
    >>> bag.predict(X[:3]).shape
    (3,)
    """

    def _base_estimator(self):
        if self.estimator is not None:
            return self.estimator
        from ..tree import DecisionTreeRegressor

        return DecisionTreeRegressor()

    def fit(self, X, y, sample_weight=None):
        """Fit ``n_estimators`` copies of the estimator on bootstrap samples.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        self : BaggingRegressor
        """
        self._validate_params()
        X, y = validate_data(self, X, y, y_numeric=True)
        if sample_weight is not None:
            sample_weight = check_sample_weight(sample_weight, X)
        self._n_samples = X.shape[0]
        return self._fit_bags(X, y, sample_weight)

    def _set_oob_score(self, X, y):
        from ..metrics import r2_score

        totals, counts = np.zeros(X.shape[0]), np.zeros(X.shape[0])
        for est, features, mask in zip(self.estimators_, self.estimators_features_, self._oob_masks()):
            totals[mask] += est.predict(X[mask][:, features])
            counts[mask] += 1
        self._warn_missing_oob(counts)
        self.oob_prediction_ = totals / np.maximum(counts, 1)
        self.oob_score_ = float(r2_score(y, self.oob_prediction_))

    def predict(self, X):
        """Mean prediction of the estimators, eq. (bag-reg).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,)
        """
        X = self._check(X)
        total = sum(e.predict(X[:, f]) for e, f in zip(self.estimators_, self.estimators_features_))
        return total / len(self.estimators_)
