r"""Hyper-parameter search by cross-validation: ``GridSearchCV``, ``RandomizedSearchCV``.

Both score every candidate parameter setting on the same cross-validation
splits with :func:`~scratchml.model_selection._validation._fit_and_score`,
rank the candidates by their mean test score, and refit the best one on all
the data. ``ParameterGrid`` and ``ParameterSampler`` enumerate / draw the
candidates in the same order, and with the same random draws, as
scikit-learn's.
"""

import numbers
import time
import warnings
from collections.abc import Iterable, Mapping, Sequence
from functools import reduce
from itertools import product
from operator import mul

import numpy as np
from joblib import Parallel, delayed

from ..base import BaseEstimator, clone
from ..utils._available_if import available_if, estimator_has
from ..utils._random import sample_without_replacement
from ..utils.validation import (
    HasMethods,
    Interval,
    StrOptions,
    check_is_fitted,
    check_random_state,
)
from ._validation import (
    _check_multimetric_scoring,
    _check_X_y,
    _fit_and_score,
    _is_classifier,
    _warn_or_raise_about_fit_failures,
    check_cv,
)

__all__ = ["GridSearchCV", "ParameterGrid", "ParameterSampler", "RandomizedSearchCV"]


class ParameterGrid:
    """Every combination of the parameter values of a grid (or of a list of grids).

    Parameters
    ----------
    param_grid : dict of str -> sequence, or list of such dicts
        Each dict is a grid; its combinations are enumerated with the keys in
        sorted order and the last key varying fastest.

    Raises
    ------
    TypeError, ValueError
        A grid that is not a dict, or a value that is not a non-empty sequence.

    Examples
    --------
    >>> from scratchml.model_selection import ParameterGrid
    >>> list(ParameterGrid({"b": [1, 2], "a": ["x"]}))
    [{'a': 'x', 'b': 1}, {'a': 'x', 'b': 2}]
    >>> len(ParameterGrid([{"a": [1, 2]}, {"c": [0, 1, 2]}]))
    5
    """

    def __init__(self, param_grid):
        if not isinstance(param_grid, (Mapping, Iterable)):
            raise TypeError(
                f"Parameter grid should be a dict or a list, got: {param_grid!r} of type "
                f"{type(param_grid).__name__}"
            )
        if isinstance(param_grid, Mapping):
            param_grid = [param_grid]
        for grid in param_grid:
            if not isinstance(grid, dict):
                raise TypeError(f"Parameter grid is not a dict ({grid!r})")
            for key, value in grid.items():
                if isinstance(value, np.ndarray) and value.ndim > 1:
                    raise ValueError(
                        f"Parameter array for {key!r} should be one-dimensional, got: "
                        f"{value!r} with shape {value.shape}"
                    )
                if isinstance(value, str) or not isinstance(value, (np.ndarray, Sequence)):
                    raise TypeError(
                        f"Parameter grid for parameter {key!r} needs to be a list or a numpy "
                        f"array, but got {value!r} (of type {type(value).__name__}) instead. "
                        "Single values need to be wrapped in a list with one element."
                    )
                if len(value) == 0:
                    raise ValueError(
                        f"Parameter grid for parameter {key!r} need to be a non-empty "
                        f"sequence, got: {value!r}"
                    )
        self.param_grid = param_grid

    def __iter__(self):
        for grid in self.param_grid:
            items = sorted(grid.items())
            if not items:
                yield {}
                continue
            keys, values = zip(*items)
            for combination in product(*values):
                yield dict(zip(keys, combination))

    def __len__(self):
        return sum(reduce(mul, (len(v) for v in grid.values()), 1) for grid in self.param_grid)

    def __getitem__(self, ind):
        """The ``ind``-th combination, without enumerating the ones before it."""
        for grid in self.param_grid:
            if not grid:
                if ind == 0:
                    return {}
                ind -= 1
                continue
            keys, values = zip(*sorted(grid.items())[::-1])  # last key varies fastest
            sizes = [len(v) for v in values]
            total = reduce(mul, sizes, 1)
            if ind >= total:
                ind -= total
                continue
            out = {}
            for key, value, size in zip(keys, values, sizes):
                ind, offset = divmod(ind, size)  # mixed-radix digits of ind
                out[key] = value[offset]
            return out
        raise IndexError("ParameterGrid index out of range")


class ParameterSampler:
    """``n_iter`` parameter settings drawn at random from lists or distributions.

    Parameters
    ----------
    param_distributions : dict or list of dicts
        Parameter name -> list of values (drawn uniformly) or an object with
        an ``rvs(random_state=...)`` method (e.g. a ``scipy.stats``
        distribution). With a list of dicts, each draw first picks a dict.
    n_iter : int
        Number of settings. If every value is a list, settings are drawn
        without replacement from the grid, and ``n_iter`` is capped at the
        grid size (with a warning).
    random_state : int, RandomState instance or None, default=None
        Seeds the draws; the same integer gives the same settings as
        scikit-learn's ``ParameterSampler``.

    Raises
    ------
    TypeError
        A distribution that is neither a list nor has ``rvs``.

    Examples
    --------
    >>> from scratchml.model_selection import ParameterSampler
    >>> list(ParameterSampler({"a": [1, 2, 3]}, n_iter=2, random_state=0))
    [{'a': 3}, {'a': 2}]
    """

    def __init__(self, param_distributions, n_iter, *, random_state=None):
        if not isinstance(param_distributions, (Mapping, Iterable)):
            raise TypeError(
                "Parameter distribution is not a dict or a list, got: "
                f"{param_distributions!r} of type {type(param_distributions).__name__}"
            )
        if isinstance(param_distributions, Mapping):
            param_distributions = [param_distributions]
        for dist in param_distributions:
            if not isinstance(dist, dict):
                raise TypeError(f"Parameter distribution is not a dict ({dist!r})")
            for key, value in dist.items():
                if not isinstance(value, Iterable) and not hasattr(value, "rvs"):
                    raise TypeError(
                        f"Parameter grid for parameter {key!r} is not iterable or a "
                        f"distribution (value={value})"
                    )
        self.n_iter = n_iter
        self.random_state = random_state
        self.param_distributions = param_distributions

    def _is_all_lists(self):
        return all(
            not hasattr(v, "rvs") for dist in self.param_distributions for v in dist.values()
        )

    def __iter__(self):
        rng = check_random_state(self.random_state)
        if self._is_all_lists():
            grid = ParameterGrid(self.param_distributions)
            n_iter = len(self)
            if len(grid) < self.n_iter:
                warnings.warn(
                    f"The total space of parameters {len(grid)} is smaller than "
                    f"n_iter={self.n_iter}. Running {len(grid)} iterations. For exhaustive "
                    "searches, use GridSearchCV.",
                    UserWarning,
                    stacklevel=2,
                )
            for i in sample_without_replacement(len(grid), n_iter, rng):
                yield grid[i]
            return
        for _ in range(self.n_iter):
            # rng.choice over the dicts consumes the same draw as over their indices.
            dist = self.param_distributions[rng.choice(len(self.param_distributions))]
            params = {}
            for key, value in sorted(dist.items()):
                if hasattr(value, "rvs"):
                    params[key] = value.rvs(random_state=rng)
                else:
                    params[key] = value[rng.randint(len(value))]
            yield params

    def __len__(self):
        if self._is_all_lists():
            return min(self.n_iter, len(ParameterGrid(self.param_distributions)))
        return self.n_iter


def _delegate_to_best(name):
    """A method calling ``best_estimator_.<name>``, present only if that estimator has it."""

    def method(self, X):
        self._check_refitted(name)
        return getattr(self.best_estimator_, name)(X)

    method.__name__ = method.__qualname__ = name
    method.__doc__ = f"""Call ``{name}`` of ``best_estimator_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        result : ndarray
            What ``best_estimator_.{name}(X)`` returns.
        """
    return available_if(estimator_has(name, "best_estimator_", "estimator"))(method)


def _rank_min(values):
    """Rank 1 for the largest value; ties share the smallest rank ('min' ranking)."""
    return 1 + (values[None, :] > values[:, None]).sum(axis=1).astype(np.int32)


class BaseSearchCV(BaseEstimator):
    """Shared machinery of the searches; subclasses say which candidates to try."""

    _parameter_constraints = {
        "estimator": [HasMethods(["fit"])],
        "scoring": [str, "callable", list, tuple, set, dict, None],
        "n_jobs": [numbers.Integral, None],
        "refit": ["boolean", str, "callable"],
        "cv": [Interval(numbers.Integral, 2, None), HasMethods(["split", "get_n_splits"]),
               HasMethods(["__iter__"]), None],
        "verbose": [numbers.Integral, "boolean"],
        "pre_dispatch": [numbers.Integral, str],
        "error_score": [StrOptions({"raise"}), numbers.Real],
        "return_train_score": ["boolean"],
    }

    def _extra_tags(self):
        inner = self.estimator
        tags = dict(inner._all_tags()) if hasattr(inner, "_all_tags") else {}
        if not tags:
            tags["estimator_type"] = "classifier" if _is_classifier(inner) else None
        tags.pop("transformer", None)  # mixin-free: the search is not itself a transformer
        return tags

    @property
    def _estimator_type(self):
        kind = getattr(self.estimator, "_estimator_type", None)
        return "classifier" if kind is None and _is_classifier(self.estimator) else kind

    @property
    def classes_(self):
        """Class labels of ``best_estimator_`` (classifiers only)."""
        self._check_refitted("classes_")
        return self.best_estimator_.classes_

    @property
    def n_features_in_(self):
        """Number of features seen by ``best_estimator_``."""
        try:
            check_is_fitted(self)
        except Exception as exc:
            raise AttributeError(
                f"{type(self).__name__} object has no n_features_in_ attribute."
            ) from exc
        return self.best_estimator_.n_features_in_

    @property
    def refit_time_(self):
        """Seconds spent refitting ``best_estimator_`` on the whole data."""
        self._check_refitted("refit_time_")
        return self._refit_time

    def _check_refitted(self, method_name):
        if not self.refit:
            raise AttributeError(
                f"This {type(self).__name__} instance was initialized with refit=False. "
                f"{method_name} is available only after refitting on the best parameters. "
                "You can refit an estimator manually using the best_params_ attribute."
            )
        check_is_fitted(self)

    predict = _delegate_to_best("predict")
    predict_proba = _delegate_to_best("predict_proba")
    predict_log_proba = _delegate_to_best("predict_log_proba")
    decision_function = _delegate_to_best("decision_function")
    score_samples = _delegate_to_best("score_samples")
    transform = _delegate_to_best("transform")
    inverse_transform = _delegate_to_best("inverse_transform")

    def score(self, X, y=None):
        """Score ``best_estimator_`` on ``X`` with the refit scorer.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,), default=None

        Returns
        -------
        score : float
        """
        self._check_refitted("score")
        scorer = self.scorer_[self.refit] if self.multimetric_ else self.scorer_
        return scorer(self.best_estimator_, X, y)

    def _check_refit_for_multimetric(self, scorers):
        if not (self.refit is False or callable(self.refit)
                or (isinstance(self.refit, str) and self.refit in scorers)):
            raise ValueError(
                "For multi-metric scoring, the parameter refit must be set to a scorer key "
                "or a callable to refit an estimator with the best parameter setting on the "
                "whole data and make the best_* attributes available for that metric. If "
                f"this is not needed, refit should be set to False explicitly. {self.refit!r} "
                "was passed."
            )

    def fit(self, X, y=None, **params):
        r"""Score every candidate on every split; refit the best on all the data.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,) or (n_samples, n_outputs), default=None
            Targets.
        **params : dict
            Extra ``fit`` arguments of the estimator (sample-aligned ones are
            split with the data).

        Returns
        -------
        self : object
            The fitted search.

        Raises
        ------
        ValueError
            No candidate or no split; ``refit`` not naming one of several
            scorers; every fit failed.
        """
        self._validate_params()
        X, y = _check_X_y(self.estimator, X, y)
        scorers, multimetric = _check_multimetric_scoring(self.estimator, self.scoring)
        if multimetric:
            self._check_refit_for_multimetric(scorers)
            refit_metric = self.refit
        else:
            refit_metric = "score"
        cv = check_cv(self.cv, y, classifier=_is_classifier(self.estimator))
        base = clone(self.estimator)
        candidates = list(self._candidate_params())
        splits = list(cv.split(X, y))
        n_splits = len(splits)
        parallel = Parallel(n_jobs=self.n_jobs, pre_dispatch=self.pre_dispatch,
                            verbose=self.verbose)
        out = parallel(
            delayed(_fit_and_score)(
                clone(base), X, y, scorer=scorers, train=train, test=test, parameters=params_,
                fit_params=params, return_train_score=self.return_train_score,
                error_score=self.error_score,
            )
            for params_ in candidates
            for train, test in splits
        )
        if len(out) < 1:
            raise ValueError(
                "No fits were performed. Was the CV iterator empty? Were there no candidates?"
            )
        _warn_or_raise_about_fit_failures(out, self.error_score)
        results = self._format_results(candidates, n_splits, out, multimetric)

        if self.refit or not multimetric:
            self.best_index_ = self._select_best_index(results, refit_metric)
            if not callable(self.refit):
                self.best_score_ = results[f"mean_test_{refit_metric}"][self.best_index_]
            self.best_params_ = results["params"][self.best_index_]
        if self.refit:
            self.best_estimator_ = clone(base).set_params(
                **{k: clone(v, safe=False) for k, v in self.best_params_.items()}
            )
            start = time.perf_counter()
            if y is None:
                self.best_estimator_.fit(X, **params)
            else:
                self.best_estimator_.fit(X, y, **params)
            # Kept out of the instance dict: a timing is not part of the fitted
            # state, so two fits with the same seed stay bit-identical.
            self._refit_time = time.perf_counter() - start
            if hasattr(self.best_estimator_, "feature_names_in_"):
                self.feature_names_in_ = self.best_estimator_.feature_names_in_
        self.scorer_ = scorers
        self.cv_results_ = results
        self.n_splits_ = n_splits
        self.multimetric_ = multimetric
        return self

    def _select_best_index(self, results, refit_metric):
        if callable(self.refit):
            best = self.refit(results)
            if not isinstance(best, numbers.Integral):
                raise TypeError("best_index_ returned is not an integer")
            if best < 0 or best >= len(results["params"]):
                raise IndexError("best_index_ index out of range")
            return best
        return int(results[f"rank_test_{refit_metric}"].argmin())  # eq. (grid-argmax)

    def _format_results(self, candidates, n_splits, out, multimetric):
        r"""``cv_results_``: per-split scores, their mean, std and rank, times, params.

        For candidate c with split scores :math:`s_{c1}, \dots, s_{cK}`:

        .. math:: \bar s_c = \frac1K \sum_k s_{ck}, \qquad
                  \sigma_c = \sqrt{\frac1K \sum_k (s_{ck} - \bar s_c)^2}
           :label: search-mean-std

        and the rank is 1 + the number of candidates with a strictly larger
        mean (NaN means rank last).
        """
        n_candidates = len(candidates)
        results = {}

        def store(key, values, splits=False, rank=False):
            array = np.asarray(values, dtype=np.float64).reshape(n_candidates, n_splits)
            if splits:
                for k in range(n_splits):
                    results[f"split{k}_{key}"] = array[:, k]
            means = array.mean(axis=1)  # eq. (search-mean-std)
            results[f"mean_{key}"] = means
            results[f"std_{key}"] = np.sqrt(((array - means[:, None]) ** 2).mean(axis=1))
            if key.startswith(("train_", "test_")) and not np.all(np.isfinite(means)):
                warnings.warn(f"One or more of the {key.split('_')[0]} scores are non-finite: "
                              f"{means}", UserWarning, stacklevel=4)
            if rank:
                if np.isnan(means).all():
                    results[f"rank_{key}"] = np.ones(n_candidates, dtype=np.int32)
                else:
                    filled = np.where(np.isnan(means), np.nanmin(means) - 1, means)
                    results[f"rank_{key}"] = _rank_min(filled)

        store("fit_time", [r["fit_time"] for r in out])
        store("score_time", [r["score_time"] for r in out])
        for name, array in _param_masked_arrays(candidates):
            results[name] = array
        results["params"] = candidates
        for kind in ("test", "train") if self.return_train_score else ("test",):
            scores = [r[f"{kind}_scores"] for r in out]
            names = list(scores[0]) if multimetric else ["score"]
            for name in names:
                values = [s[name] for s in scores] if multimetric else scores
                store(f"{kind}_{name}", values, splits=True, rank=kind == "test")
        return results


def _param_masked_arrays(candidates):
    """One masked array ``param_<name>`` per parameter, masked where a candidate lacks it."""
    by_name = {}
    for index, params in enumerate(candidates):
        for name, value in params.items():
            by_name.setdefault(f"param_{name}", {})[index] = value
    for key, values in by_name.items():
        try:
            arr = np.array(list(values.values()))
            dtype = arr.dtype if arr.dtype.kind != "U" and arr.ndim == 1 else object
        except ValueError:  # ragged values, e.g. [[1], [2, 3]]
            dtype = object
        masked = np.ma.MaskedArray(np.empty(len(candidates), dtype=dtype), mask=True)
        for index, value in values.items():
            masked[index] = value  # setting a value unmasks it
        yield key, masked


class GridSearchCV(BaseSearchCV):
    r"""Exhaustive search over a grid of parameter values, scored by cross-validation.

    Parameters
    ----------
    estimator : estimator
        Cloned for every fit.
    param_grid : dict or list of dicts
        Parameter name -> list of values; see :class:`ParameterGrid`.
    scoring : str, callable, list, tuple, set, dict or None, default=None
        As in :func:`~scratchml.model_selection.cross_validate`.
    n_jobs : int, default=None
        joblib workers; results are the same for every value.
    refit : bool, str or callable, default=True
        Refit the best candidate on all the data (``best_estimator_``). With
        several scorers, the name of the one that picks the best; a callable
        ``refit(cv_results_) -> best_index_`` picks it itself.
    cv : int, splitter, iterable or None, default=None
        5-fold by default, stratified for classifiers.
    verbose : int, default=0
        joblib verbosity.
    pre_dispatch : int or str, default='2*n_jobs'
        joblib's ``pre_dispatch``.
    error_score : 'raise' or float, default=np.nan
        Score of a failed fit.
    return_train_score : bool, default=False
        Also record training scores in ``cv_results_``.

    Attributes
    ----------
    cv_results_ : dict of ndarrays
        ``split<k>_test_score``, ``mean_test_score``, ``std_test_score``,
        ``rank_test_score`` (``<score>`` is ``score`` or each scorer's name),
        the same for train scores if asked, ``mean_fit_time``,
        ``std_fit_time``, ``mean_score_time``, ``std_score_time``,
        ``param_<name>`` (masked arrays) and ``params`` (list of dicts).
    best_estimator_ : estimator
        Refit on all the data (only if ``refit``).
    best_score_ : float
        Mean test score of the best candidate (not with a callable ``refit``).
    best_params_ : dict
        Parameters of the best candidate.
    best_index_ : int
        Its index in ``cv_results_``.
    scorer_ : callable or dict
        Scorer(s) used.
    n_splits_ : int
        Number of cross-validation splits.
    refit_time_ : float
        Seconds spent refitting (only if ``refit``).
    multimetric_ : bool
        Whether several scorers were used.

    Raises
    ------
    ValueError
        See :meth:`BaseSearchCV.fit`.

    Notes
    -----
    The best candidate maximises the cross-validation estimate, eq.
    :eq:`cv-estimate`, over the grid :math:`\Theta`:

    .. math:: \hat\theta = \arg\max_{\theta \in \Theta} \bar s_\theta
       :label: grid-argmax

    ties going to the first candidate in grid order. The maximum is an
    optimistically biased estimate of the chosen model's score; use an outer
    split (nested cross-validation) to report it.

    References
    ----------
    Hastie, Tibshirani, Friedman, *ESL*, 2nd ed., §7.10.
    Cawley, G. C. and Talbot, N. L. C. (2010). On over-fitting in model
    selection and subsequent selection bias in performance evaluation. *JMLR*
    11, 2079-2107.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.dummy import DummyClassifier
    >>> from scratchml.model_selection import GridSearchCV
    >>> X, y = np.zeros((12, 1)), np.array([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1])
    >>> grid = {"strategy": ["most_frequent", "constant"], "constant": [1]}
    >>> search = GridSearchCV(DummyClassifier(), grid, cv=3).fit(X, y)
    >>> search.best_params_
    {'constant': 1, 'strategy': 'most_frequent'}
    >>> search.cv_results_["rank_test_score"]
    array([1, 2], dtype=int32)
    """

    _parameter_constraints = {
        **BaseSearchCV._parameter_constraints,
        "param_grid": [dict, list],
    }

    def __init__(self, estimator, param_grid, *, scoring=None, n_jobs=None, refit=True,
                 cv=None, verbose=0, pre_dispatch="2*n_jobs", error_score=np.nan,
                 return_train_score=False):
        self.estimator = estimator
        self.param_grid = param_grid
        self.scoring = scoring
        self.n_jobs = n_jobs
        self.refit = refit
        self.cv = cv
        self.verbose = verbose
        self.pre_dispatch = pre_dispatch
        self.error_score = error_score
        self.return_train_score = return_train_score

    def _candidate_params(self):
        return ParameterGrid(self.param_grid)


class RandomizedSearchCV(BaseSearchCV):
    """Search over ``n_iter`` parameter settings drawn at random, scored by cross-validation.

    Parameters
    ----------
    estimator : estimator
        Cloned for every fit.
    param_distributions : dict or list of dicts
        Lists (drawn uniformly) or objects with ``rvs``; see
        :class:`ParameterSampler`.
    n_iter : int, default=10
        Number of settings tried.
    random_state : int, RandomState instance or None, default=None
        Seeds the draws of the settings (not the splits).
    scoring, n_jobs, refit, cv, verbose, pre_dispatch, error_score, return_train_score
        As in :class:`GridSearchCV`.

    Attributes
    ----------
    cv_results_, best_estimator_, best_score_, best_params_, best_index_, scorer_, n_splits_, refit_time_, multimetric_
        As in :class:`GridSearchCV`.

    Raises
    ------
    ValueError
        See :meth:`BaseSearchCV.fit`.

    Notes
    -----
    For a budget of n settings, random search finds a setting in the top
    fraction q of the space with probability :math:`1 - (1 - q)^n` whatever
    the number of unimportant parameters, which is why it beats a grid of the
    same size when few parameters matter (Bergstra and Bengio, 2012, §2).

    References
    ----------
    Bergstra, J. and Bengio, Y. (2012). Random search for hyper-parameter
    optimization. *JMLR* 13, 281-305.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.dummy import DummyRegressor
    >>> from scratchml.model_selection import RandomizedSearchCV
    >>> X, y = np.zeros((9, 1)), np.arange(9.0)
    >>> search = RandomizedSearchCV(DummyRegressor(), {"strategy": ["mean", "median"]},
    ...                             n_iter=2, cv=3, random_state=0).fit(X, y)
    >>> len(search.cv_results_["params"])
    2
    """

    _parameter_constraints = {
        **BaseSearchCV._parameter_constraints,
        "param_distributions": [dict, list],
        "n_iter": [Interval(numbers.Integral, 1, None)],
        "random_state": ["random_state"],
    }

    def __init__(self, estimator, param_distributions, *, n_iter=10, scoring=None, n_jobs=None,
                 refit=True, cv=None, verbose=0, pre_dispatch="2*n_jobs", random_state=None,
                 error_score=np.nan, return_train_score=False):
        self.estimator = estimator
        self.param_distributions = param_distributions
        self.n_iter = n_iter
        self.scoring = scoring
        self.n_jobs = n_jobs
        self.refit = refit
        self.cv = cv
        self.verbose = verbose
        self.pre_dispatch = pre_dispatch
        self.random_state = random_state
        self.error_score = error_score
        self.return_train_score = return_train_score

    def _candidate_params(self):
        return ParameterSampler(self.param_distributions, self.n_iter,
                                random_state=self.random_state)
