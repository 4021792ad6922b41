r"""Cross-validation: score a model on held-out folds.

Every function here is built on one step, :func:`_fit_and_score`: clone the
estimator, fit it on the training indices of one split and score it on the
test indices. The splits are computed once, up front; the fits are independent
and run through ``joblib.Parallel``, whose results come back in submission
order, so every ``n_jobs`` (and any joblib backend, e.g. Dask or Ray through
``joblib.parallel_config``) gives the same numbers.
"""

import numbers
import time
import traceback
import warnings
from collections import Counter

import numpy as np
from joblib import Parallel, delayed

from ..base import clone, is_classifier
from ..exceptions import FitFailedWarning
from ..utils.multiclass import type_of_target
from ..utils.validation import _num_samples, check_consistent_length, check_random_state
from ._split import KFold, StratifiedKFold, _indexable, _safe_indexing

__all__ = [
    "FitFailedWarning",
    "check_cv",
    "cross_val_predict",
    "cross_val_score",
    "cross_validate",
    "learning_curve",
    "validation_curve",
]


# ---------------------------------------------------------------------------
# Building blocks: the splitter, the scorers, one fit
# ---------------------------------------------------------------------------
_is_classifier = is_classifier


class _CVIterableWrapper:
    """A list of (train, test) pairs seen as a splitter."""

    def __init__(self, cv):
        self.cv = [(np.asarray(train), np.asarray(test)) for train, test in cv]

    def get_n_splits(self, X=None, y=None, groups=None):
        return len(self.cv)

    def split(self, X=None, y=None, groups=None):
        yield from self.cv


def check_cv(cv=5, y=None, *, classifier=False):
    """Turn ``cv`` into a splitter.

    Parameters
    ----------
    cv : int, splitter, iterable of (train, test) pairs or None, default=5
        None means 5. An int K means ``StratifiedKFold(K)`` when ``classifier``
        is True and ``y`` is binary or multiclass, else ``KFold(K)``.
    y : array-like of shape (n_samples,), default=None
        Targets, to decide on stratification.
    classifier : bool, default=False
        Whether the estimator is a classifier.

    Returns
    -------
    cv : object with ``split`` and ``get_n_splits``

    Raises
    ------
    ValueError
        If ``cv`` is none of the above.
    """
    cv = 5 if cv is None else cv
    if isinstance(cv, numbers.Integral) and not isinstance(cv, bool):
        if classifier and y is not None and type_of_target(y) in ("binary", "multiclass"):
            return StratifiedKFold(cv)
        return KFold(cv)
    if hasattr(cv, "split") and not isinstance(cv, str):
        return cv
    if not hasattr(cv, "__iter__") or isinstance(cv, str):
        raise ValueError(
            "Expected cv as an integer, cross-validation object (from "
            f"scratchml.model_selection) or an iterable. Got {cv!r}."
        )
    return _CVIterableWrapper(cv)


def _check_scoring(estimator, scoring):
    """One scorer ``scorer(estimator, X, y) -> float`` from None, a name or a callable."""
    from ..metrics import check_scoring  # lazy: metrics imports nothing from here

    return check_scoring(estimator, scoring=scoring)


def _check_multimetric_scoring(estimator, scoring):
    """Scorers from ``scoring``; returns ``(scorer or dict of scorers, is_multimetric)``."""
    if scoring is None or callable(scoring) or isinstance(scoring, str):
        return _check_scoring(estimator, scoring), False
    if isinstance(scoring, (list, tuple, set)):
        names = list(scoring)
        if not names or len(set(names)) != len(names) or not all(isinstance(n, str) for n in names):
            raise ValueError(
                f"scoring={scoring!r}: a list, tuple or set of scorers must be non-empty "
                "unique strings."
            )
        return {name: _check_scoring(estimator, name) for name in names}, True
    if isinstance(scoring, dict):
        if not scoring or not all(isinstance(k, str) for k in scoring):
            raise ValueError(f"scoring={scoring!r}: a dict of scorers needs non-empty string keys.")
        return {k: _check_scoring(estimator, v) for k, v in scoring.items()}, True
    raise ValueError(
        f"scoring={scoring!r} must be None, a string, a callable, a list/tuple/set of "
        "strings or a dict of name -> scorer."
    )


def _index_params(params, n_samples, indices):
    """Rows ``indices`` of every sample-aligned fit parameter (e.g. sample_weight)."""
    out = {}
    for key, value in (params or {}).items():
        if value is not None and hasattr(value, "__len__") and not isinstance(value, str) \
                and _num_samples(value) == n_samples:
            out[key] = _safe_indexing(value if hasattr(value, "shape") else np.asarray(value),
                                      indices)
        else:
            out[key] = value
    return out


def _score(estimator, X, y, scorer, error_score):
    """Apply a scorer (or a dict of them); failures give ``error_score`` with a warning."""
    if isinstance(scorer, dict):
        return {name: _score(estimator, X, y, s, error_score) for name, s in scorer.items()}
    try:
        score = scorer(estimator, X, y)
    except Exception:
        if isinstance(error_score, str) and error_score == "raise":
            raise
        warnings.warn(
            f"Scoring failed. The score on this train-test partition for these parameters "
            f"will be set to {error_score}. Details: \n{traceback.format_exc()}",
            UserWarning,
            stacklevel=2,
        )
        return error_score
    if hasattr(score, "item"):
        score = score.item()
    if not isinstance(score, numbers.Number):
        raise ValueError(
            f"scoring must return a number, got {score!r} ({type(score)}) instead. "
            f"(scorer={scorer!r})"
        )
    return score


def _fit_and_score(estimator, X, y, *, scorer, train, test, parameters=None, fit_params=None,
                   return_train_score=False, return_estimator=False, error_score=np.nan):
    """Fit ``estimator`` on the rows ``train`` and score it on the rows ``test``.

    Returns
    -------
    result : dict
        ``test_scores`` (float or dict), ``train_scores`` (if asked),
        ``fit_time``, ``score_time``, ``n_test_samples``, ``fit_error``
        (None or the traceback text), ``estimator`` (if asked).
    """
    if parameters is not None:
        estimator = estimator.set_params(**{k: clone(v, safe=False) for k, v in parameters.items()})
    n_samples = _num_samples(X)
    X_train, X_test = _safe_indexing(X, train), _safe_indexing(X, test)
    y_train, y_test = _safe_indexing(y, train), _safe_indexing(y, test)
    fit_params = _index_params(fit_params, n_samples, train)
    result = {"fit_error": None, "n_test_samples": len(test)}
    start = time.perf_counter()
    try:
        if y_train is None:
            estimator.fit(X_train, **fit_params)
        else:
            estimator.fit(X_train, y_train, **fit_params)
    except Exception:
        if isinstance(error_score, str) and error_score == "raise":
            raise
        if not isinstance(error_score, numbers.Number):
            raise ValueError(
                "error_score must be the string 'raise' or a numeric value. (Hint: if "
                "using 'raise', please make sure that it has been spelled correctly.)"
            ) from None
        result["fit_time"] = time.perf_counter() - start
        result["score_time"] = 0.0
        failed = error_score if not isinstance(scorer, dict) else dict.fromkeys(scorer, error_score)
        result["test_scores"] = failed
        if return_train_score:
            result["train_scores"] = failed
        result["fit_error"] = traceback.format_exc()
    else:
        result["fit_time"] = time.perf_counter() - start
        start = time.perf_counter()
        result["test_scores"] = _score(estimator, X_test, y_test, scorer, error_score)
        result["score_time"] = time.perf_counter() - start
        if return_train_score:
            result["train_scores"] = _score(estimator, X_train, y_train, scorer, error_score)
    if return_estimator:
        result["estimator"] = estimator
    return result


def _warn_or_raise_about_fit_failures(results, error_score):
    """Raise if every fit failed; warn (``FitFailedWarning``) if some did."""
    errors = [r["fit_error"] for r in results if r["fit_error"] is not None]
    if not errors:
        return
    n_fits, n_failed = len(results), len(errors)
    summary = "\n".join(
        f"{'-' * 80}\n{count} fits failed with the following error:\n{text}"
        for text, count in Counter(errors).items()
    )
    if n_failed == n_fits:
        raise ValueError(
            f"\nAll the {n_fits} fits failed.\nIt is very likely that your model is "
            "misconfigured.\nYou can try to debug the error by setting error_score='raise'."
            f"\n\nBelow are more details about the failures:\n{summary}"
        )
    warnings.warn(
        f"\n{n_failed} fits failed out of a total of {n_fits}.\nThe score on these "
        f"train-test partitions for these parameters will be set to {error_score}.\nIf "
        "these failures are not expected, you can try to debug them by setting "
        f"error_score='raise'.\n\nBelow are more details about the failures:\n{summary}",
        FitFailedWarning,
        stacklevel=3,
    )


def _scores_by_name(scores, multimetric):
    """List of per-split scores (floats or dicts) -> {name: ndarray of shape (n_splits,)}."""
    if not multimetric:
        return {"score": np.asarray(scores, dtype=float)}
    return {name: np.asarray([s[name] for s in scores], dtype=float) for name in scores[0]}


def _check_X_y(estimator, X, y):
    """Light checks shared by every entry point; the estimator validates the rest."""
    X, y = _indexable(X, y)
    check_consistent_length(X, y)
    if _num_samples(X) == 0:
        raise ValueError(
            "Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required."
        )
    if y is None and hasattr(estimator, "_all_tags") and estimator._all_tags()["requires_y"]:
        raise ValueError(
            f"This {type(estimator).__name__} estimator requires y to be passed, but the "
            "target y is None."
        )
    return X, y


# ---------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------
def cross_validate(estimator, X, y=None, *, groups=None, scoring=None, cv=None, n_jobs=None,
                   verbose=0, params=None, pre_dispatch="2*n_jobs", return_train_score=False,
                   return_estimator=False, return_indices=False, error_score=np.nan):
    r"""Evaluate one or several scores by cross-validation, with fit and score times.

    Parameters
    ----------
    estimator : estimator
        Object with ``fit``; cloned for every split, never fitted itself.
    X : array-like of shape (n_samples, n_features)
        Data (array, list or DataFrame).
    y : array-like of shape (n_samples,) or (n_samples, n_outputs), default=None
        Targets (None for unsupervised estimators).
    groups : None
        Ignored; accepted for API compatibility with the group splitters.
    scoring : str, callable, list, tuple, set, dict or None, default=None
        None: the estimator's ``score``. A string: a scorer name from
        ``scratchml.metrics``. A callable ``scorer(estimator, X, y) -> float``.
        A list/tuple/set of names or a dict name -> scorer for several scores.
    cv : int, splitter, iterable or None, default=None
        See :func:`check_cv` (5-fold, stratified for classifiers).
    n_jobs : int, default=None
        Parallel fits through joblib; results do not depend on it.
    verbose : int, default=0
        joblib verbosity.
    params : dict, default=None
        Extra ``fit`` arguments; sample-aligned ones (``sample_weight``) are
        indexed with each training split.
    pre_dispatch : int or str, default='2*n_jobs'
        joblib's ``pre_dispatch``.
    return_train_score : bool, default=False
        Also score each fitted model on its own training split.
    return_estimator : bool, default=False
        Also return the fitted estimator of each split.
    return_indices : bool, default=False
        Also return the train/test indices of each split.
    error_score : 'raise' or float, default=np.nan
        Score given to a split whose fit fails (with a ``FitFailedWarning``),
        or 'raise' to re-raise the error.

    Returns
    -------
    scores : dict of ndarrays of shape (n_splits,)
        ``test_score`` (or ``test_<name>`` per metric), ``train_score`` /
        ``train_<name>`` if asked, ``fit_time``, ``score_time`` (seconds),
        and ``estimator`` / ``indices`` if asked.

    Raises
    ------
    ValueError
        ``X`` and ``y`` of different lengths; every fit failed; a bad ``cv``
        or ``scoring``.

    Notes
    -----
    With splits :math:`(T_k, V_k)`, k = 1..K, and the model
    :math:`\hat f^{-k}` fitted on :math:`T_k`, the cross-validation estimate of
    a score s is the mean of the fold scores

    .. math:: \mathrm{CV}(s) = \frac{1}{K} \sum_{k=1}^{K} s\bigl(\hat f^{-k}; V_k\bigr)
       :label: cv-estimate

    (ESL eq. 7.48 with folds of equal size); this function returns the K
    terms, their mean is left to the caller.

    References
    ----------
    Hastie, Tibshirani, Friedman, *The Elements of Statistical Learning*, 2nd
    ed., §7.10, eq. (7.48).

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.dummy import DummyRegressor
    >>> from scratchml.model_selection import cross_validate
    >>> X, y = np.zeros((6, 1)), np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    >>> res = cross_validate(DummyRegressor(), X, y, cv=3, return_train_score=True)
    >>> sorted(res)
    ['fit_time', 'score_time', 'test_score', 'train_score']
    >>> res["train_score"]
    array([0., 0., 0.])
    """
    X, y = _check_X_y(estimator, X, y)
    cv = check_cv(cv, y, classifier=_is_classifier(estimator))
    scorers, multimetric = _check_multimetric_scoring(estimator, scoring)
    splits = list(cv.split(X, y, groups))
    parallel = Parallel(n_jobs=n_jobs, verbose=verbose, pre_dispatch=pre_dispatch)
    results = parallel(
        delayed(_fit_and_score)(
            clone(estimator), X, y, scorer=scorers, train=train, test=test,
            fit_params=params, return_train_score=return_train_score,
            return_estimator=return_estimator, error_score=error_score,
        )
        for train, test in splits  # eq. (cv-estimate): one term per split
    )
    _warn_or_raise_about_fit_failures(results, error_score)
    out = {
        "fit_time": np.array([r["fit_time"] for r in results]),
        "score_time": np.array([r["score_time"] for r in results]),
    }
    if return_estimator:
        out["estimator"] = [r["estimator"] for r in results]
    if return_indices:
        out["indices"] = {"train": [s[0] for s in splits], "test": [s[1] for s in splits]}
    for name, values in _scores_by_name([r["test_scores"] for r in results], multimetric).items():
        out[f"test_{name}"] = values
    if return_train_score:
        train = _scores_by_name([r["train_scores"] for r in results], multimetric)
        for name, values in train.items():
            out[f"train_{name}"] = values
    return out


def _fit_and_predict(estimator, X, y, train, test, fit_params, method):
    """Fit on ``train``, return ``method``'s output on ``test`` (one fold of cross_val_predict)."""
    fit_params = _index_params(fit_params, _num_samples(X), train)
    estimator.fit(_safe_indexing(X, train), _safe_indexing(y, train), **fit_params)
    predictions = getattr(estimator, method)(_safe_indexing(X, test))
    if method in ("predict_proba", "predict_log_proba", "decision_function"):
        n_classes = len(np.unique(y))
        predictions = _align_class_columns(predictions, estimator.classes_, n_classes, method)
    return predictions


def _align_class_columns(predictions, fold_classes, n_classes, method):
    """Put a fold's per-class columns at their place among all classes.

    A training fold may miss a rare class; its model then has fewer columns.
    The missing classes get probability 0 (or the lowest float for log
    probabilities and decision values), as in scikit-learn.
    """
    if predictions.ndim == 1 or len(fold_classes) == n_classes:
        return predictions
    warnings.warn(
        f"Number of classes in training fold ({len(fold_classes)}) does not match total "
        f"number of classes ({n_classes}); use stratified folds (StratifiedKFold).",
        RuntimeWarning,
        stacklevel=3,
    )
    fill = 0.0 if method == "predict_proba" else np.finfo(predictions.dtype).min
    out = np.full((predictions.shape[0], n_classes), fill, dtype=predictions.dtype)
    out[:, np.asarray(fold_classes, dtype=int)] = predictions
    return out


def cross_val_predict(estimator, X, y=None, *, groups=None, cv=None, n_jobs=None,
                      params=None, method="predict"):
    """Out-of-fold predictions: each sample predicted by the model that did not see it.

    Parameters
    ----------
    estimator : estimator
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,), default=None
    groups : ignored
        Accepted for scikit-learn compatibility.
    cv : int, splitter or iterable, default=None
        As in :func:`check_cv`; the test folds must partition the samples.
    n_jobs : int, default=None
        Folds in parallel with joblib; results do not depend on it.
    params : dict, default=None
        Fit parameters; sample-aligned ones are split with the data.
    method : {'predict', 'predict_proba', 'predict_log_proba', 'decision_function'}, default='predict'

    Returns
    -------
    predictions : ndarray of shape (n_samples,) or (n_samples, n_classes)
        In the order of ``X``. For the probability and decision methods the
        labels are encoded as 0..K-1 first, so every fold's columns line up.

    Raises
    ------
    ValueError
        If the test folds are not a partition of the samples.

    References
    ----------
    D. H. Wolpert (1992), "Stacked generalization", *Neural Networks* 5(2),
    241-259, doi:10.1016/S0893-6080(05)80023-1 (out-of-fold level-one data).

    Examples
    --------
    >>> from scratchml.datasets import load_iris
    >>> from scratchml.dummy import DummyClassifier
    >>> X, y = load_iris(return_X_y=True)
    >>> cross_val_predict(DummyClassifier(), X, y, cv=3, method="predict_proba").shape
    (150, 3)
    """
    X, y = _indexable(X, y)
    cv = check_cv(cv, y, classifier=is_classifier(estimator))
    splits = list(cv.split(X, y))
    test_indices = np.concatenate([test for _, test in splits])
    if np.sort(test_indices).tolist() != list(range(_num_samples(X))):
        raise ValueError("cross_val_predict only works for partitions: every sample in one test fold.")
    if method in ("predict_proba", "predict_log_proba", "decision_function") and y is not None:
        y = np.unique(np.asarray(y), return_inverse=True)[1]  # labels -> 0..K-1
    predictions = Parallel(n_jobs=n_jobs)(
        delayed(_fit_and_predict)(clone(estimator), X, y, train, test, params, method)
        for train, test in splits
    )
    stacked = np.concatenate([np.asarray(p) for p in predictions])
    order = np.empty_like(test_indices)
    order[test_indices] = np.arange(len(test_indices))  # inverse permutation
    return stacked[order]


def cross_val_score(estimator, X, y=None, *, groups=None, scoring=None, cv=None, n_jobs=None,
                    verbose=0, params=None, pre_dispatch="2*n_jobs", error_score=np.nan):
    """Test score of each cross-validation split (one metric).

    Parameters
    ----------
    estimator, X, y, groups, cv, n_jobs, verbose, params, pre_dispatch, error_score
        As in :func:`cross_validate`.
    scoring : str, callable or None, default=None
        A single scorer; use :func:`cross_validate` for several.

    Returns
    -------
    scores : ndarray of shape (n_splits,)
        The terms of eq. :eq:`cv-estimate`.

    Raises
    ------
    ValueError
        As :func:`cross_validate`.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.dummy import DummyClassifier
    >>> from scratchml.model_selection import cross_val_score
    >>> X, y = np.zeros((8, 1)), np.array([0, 0, 0, 1, 0, 0, 0, 1])
    >>> cross_val_score(DummyClassifier(), X, y, cv=2)
    array([0.75, 0.75])
    """
    if isinstance(scoring, (list, tuple, set, dict)):
        raise ValueError("cross_val_score takes a single scoring; use cross_validate for several.")
    res = cross_validate(estimator, X, y, groups=groups, scoring=scoring, cv=cv, n_jobs=n_jobs,
                         verbose=verbose, params=params, pre_dispatch=pre_dispatch,
                         error_score=error_score)
    return res["test_score"]


def _translate_train_sizes(train_sizes, n_max):
    """Fractions (floats in (0, 1]) or counts (ints in (0, n_max]) -> unique counts."""
    sizes = np.asarray(train_sizes)
    n_ticks = sizes.shape[0]
    lo, hi = np.min(sizes), np.max(sizes)
    if np.issubdtype(sizes.dtype, np.floating):
        if lo <= 0.0 or hi > 1.0:
            raise ValueError(
                "train_sizes has been interpreted as fractions of the maximum number of "
                f"training samples and must be within (0, 1], but is within [{lo:f}, {hi:f}]."
            )
        # Truncation, not rounding, as in scikit-learn; at least one sample.
        sizes = np.clip((sizes * n_max).astype(int), 1, n_max)
    elif lo <= 0 or hi > n_max:
        raise ValueError(
            "train_sizes has been interpreted as absolute numbers of training samples and "
            f"must be within (0, {n_max}], but is within [{lo}, {hi}]."
        )
    sizes = np.unique(sizes)
    if n_ticks > sizes.shape[0]:
        warnings.warn(
            "Removed duplicate entries from 'train_sizes'. Number of ticks will be less "
            f"than the size of 'train_sizes': {sizes.shape[0]} instead of {n_ticks}.",
            RuntimeWarning,
            stacklevel=3,
        )
    return sizes


#: Default ticks of :func:`learning_curve`: 10%, 32.5%, ..., 100% of the training split.
_DEFAULT_TRAIN_SIZES = np.linspace(0.1, 1.0, 5)


def learning_curve(estimator, X, y, *, groups=None, train_sizes=_DEFAULT_TRAIN_SIZES,
                   cv=None, scoring=None, n_jobs=None, pre_dispatch="all", verbose=0,
                   shuffle=False, random_state=None, error_score=np.nan, return_times=False,
                   params=None):
    """Train and test scores for growing training-set sizes.

    For each split and each size m, fit on the first m training indices of
    the split and score on its full test set.

    Parameters
    ----------
    estimator, X, y, groups, cv, scoring, n_jobs, pre_dispatch, verbose, error_score, params
        As in :func:`cross_validate` (one metric).
    train_sizes : array-like of shape (n_ticks,), default=np.linspace(0.1, 1.0, 5)
        Fractions in (0, 1] of the largest training split (truncated, at least
        1) or absolute counts.
    shuffle : bool, default=False
        Permute each training split before taking its prefixes.
    random_state : int, RandomState instance or None, default=None
        Seeds that permutation.
    return_times : bool, default=False
        Also return fit and score times.

    Returns
    -------
    train_sizes_abs : ndarray of shape (n_unique_ticks,)
        Training-set sizes used (duplicates removed).
    train_scores, test_scores : ndarray of shape (n_unique_ticks, n_splits)
    fit_times, score_times : ndarray of shape (n_unique_ticks, n_splits)
        Only if ``return_times``.

    Raises
    ------
    ValueError
        ``train_sizes`` out of range; every fit failed.

    References
    ----------
    Hastie, Tibshirani, Friedman, *ESL*, 2nd ed., §7.10.1, Fig. 7.8 (a learning
    curve: error as a function of training-set size).

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.dummy import DummyRegressor
    >>> from scratchml.model_selection import learning_curve
    >>> X, y = np.zeros((10, 1)), np.arange(10.0)
    >>> sizes, train, test = learning_curve(DummyRegressor(), X, y, cv=2, train_sizes=[2, 5])
    >>> sizes, train.shape
    (array([2, 5]), (2, 2))
    """
    X, y = _check_X_y(estimator, X, y)
    cv = check_cv(cv, y, classifier=_is_classifier(estimator))
    scorer = _check_scoring(estimator, scoring)
    splits = list(cv.split(X, y, groups))
    sizes = _translate_train_sizes(train_sizes, len(splits[0][0]))
    if shuffle:
        rng = check_random_state(random_state)
        splits = [(rng.permutation(train), test) for train, test in splits]
    jobs = [(train[:m], test) for train, test in splits for m in sizes]
    parallel = Parallel(n_jobs=n_jobs, pre_dispatch=pre_dispatch, verbose=verbose)
    results = parallel(
        delayed(_fit_and_score)(clone(estimator), X, y, scorer=scorer, train=train, test=test,
                                fit_params=params, return_train_score=True,
                                error_score=error_score)
        for train, test in jobs
    )
    _warn_or_raise_about_fit_failures(results, error_score)

    def grid(key):  # (n_splits * n_ticks,) -> (n_ticks, n_splits)
        return np.array([r[key] for r in results], dtype=float).reshape(-1, len(sizes)).T

    out = (sizes, grid("train_scores"), grid("test_scores"))
    if return_times:
        out = out + (grid("fit_time"), grid("score_time"))
    return out


def validation_curve(estimator, X, y, *, param_name, param_range, groups=None, cv=None,
                     scoring=None, n_jobs=None, pre_dispatch="all", verbose=0,
                     error_score=np.nan, params=None):
    """Train and test scores of each split as one hyper-parameter varies.

    Parameters
    ----------
    estimator, X, y, groups, cv, scoring, n_jobs, pre_dispatch, verbose, error_score, params
        As in :func:`cross_validate` (one metric).
    param_name : str
        Parameter to vary (``<step>__<name>`` reaches nested estimators).
    param_range : array-like of shape (n_values,)
        Values to try.

    Returns
    -------
    train_scores, test_scores : ndarray of shape (n_values, n_splits)

    Raises
    ------
    ValueError
        An unknown ``param_name``; every fit failed.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.dummy import DummyRegressor
    >>> from scratchml.model_selection import validation_curve
    >>> X, y = np.zeros((6, 1)), np.arange(6.0)
    >>> train, test = validation_curve(DummyRegressor(), X, y, param_name="strategy",
    ...                                param_range=["mean", "median"], cv=3)
    >>> train.shape
    (2, 3)
    """
    X, y = _check_X_y(estimator, X, y)
    cv = check_cv(cv, y, classifier=_is_classifier(estimator))
    scorer = _check_scoring(estimator, scoring)
    splits = list(cv.split(X, y, groups))
    parallel = Parallel(n_jobs=n_jobs, pre_dispatch=pre_dispatch, verbose=verbose)
    # Same order as scikit-learn: the parameter varies fastest.
    results = parallel(
        delayed(_fit_and_score)(clone(estimator), X, y, scorer=scorer, train=train, test=test,
                                parameters={param_name: v}, fit_params=params,
                                return_train_score=True, error_score=error_score)
        for train, test in splits
        for v in param_range
    )
    _warn_or_raise_about_fit_failures(results, error_score)
    n_values = len(param_range)
    train = np.array([r["train_scores"] for r in results], dtype=float).reshape(-1, n_values).T
    test = np.array([r["test_scores"] for r in results], dtype=float).reshape(-1, n_values).T
    return train, test
