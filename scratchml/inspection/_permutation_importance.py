"""Permutation feature importance (Breiman 2001; Fisher, Rudin & Dominici 2019)."""

import numbers

import numpy as np
from joblib import Parallel, delayed

from ..utils import Bunch
from ..utils._random import sample_without_replacement
from ..utils.validation import check_array, check_random_state

__all__ = ["permutation_importance"]


def _score(scorer, estimator, X, y, sample_weight):
    if sample_weight is None:
        return scorer(estimator, X, y)
    return scorer(estimator, X, y, sample_weight=sample_weight)


def _permuted_scores(estimator, X, y, sample_weight, column, seed, n_repeats, scorer, max_samples):
    """Scores of ``estimator`` after shuffling ``column``, ``n_repeats`` times."""
    rng = check_random_state(seed)  # one fresh generator per column: same for any n_jobs
    if max_samples < X.shape[0]:
        rows = sample_without_replacement(X.shape[0], max_samples, rng)
        X_perm, y = X[rows], y[rows]
        sample_weight = None if sample_weight is None else sample_weight[rows]
    else:
        X_perm = X.copy()  # never shuffle the caller's array
    order = np.arange(X_perm.shape[0])
    scores = []
    for _ in range(n_repeats):
        # The permutation is applied to the already permuted index, as in
        # scikit-learn, so the same seed gives the same scores.
        rng.shuffle(order)
        X_perm[:, column] = X_perm[order, column]
        scores.append(_score(scorer, estimator, X_perm, y, sample_weight))
    return np.array(scores)


def permutation_importance(estimator, X, y, *, scoring=None, n_repeats=5, n_jobs=None,
                           random_state=None, sample_weight=None, max_samples=1.0):
    r"""How much a fitted model's score drops when one feature is shuffled.

    Shuffling column :math:`j` breaks its link with the target while keeping
    its distribution; the drop in score, averaged over ``n_repeats`` shuffles,
    eq. (perm-imp), measures how much the model relies on that feature. Use
    held-out data: on training data it measures what the model memorised.

    Parameters
    ----------
    estimator : fitted estimator
    X : array-like of shape (n_samples, n_features)
        Data to score on (NaN allowed if the estimator accepts it).
    y : array-like of shape (n_samples,) or None
    scoring : str, callable or None, default=None
        As in :func:`scratchml.metrics.check_scoring` (None: ``estimator.score``).
    n_repeats : int >= 1, default=5
        Shuffles per feature.
    n_jobs : int or None, default=None
        Features in parallel with joblib; results do not depend on it.
    random_state : int, RandomState instance or None, default=None
        One seed is drawn from it, and each feature's generator is made from
        that seed, in scikit-learn's order: the same seed gives scikit-learn's
        shuffles.
    sample_weight : array-like of shape (n_samples,), default=None
        Passed to the scorer.
    max_samples : int or float in (0, 1], default=1.0
        Rows used per feature (drawn without replacement).

    Returns
    -------
    result : Bunch
        ``importances`` (ndarray of shape (n_features, n_repeats)),
        ``importances_mean`` and ``importances_std`` (shape (n_features,)).

    Raises
    ------
    ValueError
        ``n_repeats < 1`` or ``max_samples`` larger than ``n_samples``.

    Notes
    -----
    With baseline score :math:`s` and the score :math:`s_{j,r}` after the
    :math:`r`-th shuffle of column :math:`j`:

    .. math::
       :label: perm-imp

       I_j = s - \frac{1}{R} \sum_{r=1}^{R} s_{j,r} .

    References
    ----------
    L. Breiman (2001), "Random Forests", *Machine Learning* 45, 5-32,
    doi:10.1023/A:1010933404324, §10. A. Fisher, C. Rudin & F. Dominici (2019),
    "All Models are Wrong, but Many are Useful", *JMLR* 20(177), eq. 3.2
    (model reliance).

    Examples
    --------
    >>> from scratchml.datasets import make_regression
    >>> from scratchml.linear_model import LinearRegression
    >>> X, y = make_regression(n_samples=80, n_features=3, n_informative=1,
    ...                        shuffle=False, random_state=0)
    >>> model = LinearRegression().fit(X, y)
    >>> r = permutation_importance(model, X, y, n_repeats=3, random_state=0)
    >>> int(r.importances_mean.argmax())
    0
    """
    if not isinstance(n_repeats, numbers.Integral) or n_repeats < 1:
        raise ValueError(f"n_repeats={n_repeats!r} must be an int >= 1.")
    X = check_array(X, ensure_all_finite="allow-nan", dtype=None)
    y = None if y is None else np.asarray(y)
    sample_weight = None if sample_weight is None else np.asarray(sample_weight)
    rng = check_random_state(random_state)
    seed = rng.randint(np.iinfo(np.int32).max + 1)
    if isinstance(max_samples, numbers.Integral) and not isinstance(max_samples, bool):
        if not 1 <= max_samples <= X.shape[0]:
            raise ValueError(f"max_samples={max_samples} must be in [1, n_samples={X.shape[0]}].")
    elif isinstance(max_samples, numbers.Real) and 0 < max_samples <= 1:
        max_samples = int(max_samples * X.shape[0])
    else:
        raise ValueError(f"max_samples={max_samples!r} must be an int or a float in (0, 1].")

    from ..metrics import check_scoring

    scorer = check_scoring(estimator, scoring=scoring)
    baseline = _score(scorer, estimator, X, y, sample_weight)
    scores = Parallel(n_jobs=n_jobs)(
        delayed(_permuted_scores)(estimator, X, y, sample_weight, j, seed, n_repeats, scorer,
                                  max_samples)
        for j in range(X.shape[1])
    )
    importances = baseline - np.array(scores)  # eq. (perm-imp), (n_features, n_repeats)
    return Bunch(
        importances_mean=importances.mean(axis=1),
        importances_std=importances.std(axis=1),
        importances=importances,
    )
