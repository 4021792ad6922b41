r"""Univariate feature scores (ANOVA F, correlation F, chi-squared) and SelectKBest.

Each score function returns ``(scores, p_values)`` of shape (n_features,);
the p-values come from the F and chi-squared tails in
:mod:`scratchml.utils._special`.
"""

import warnings
from numbers import Integral

import numpy as np

from ..base import BaseEstimator
from ..utils._special import chi2_sf, f_sf
from ..utils.validation import (
    Interval,
    StrOptions,
    check_array,
    check_consistent_length,
    check_is_fitted,
    check_X_y,
    column_or_1d,
    validate_data,
)
from ._base import SelectorMixin

__all__ = ["SelectKBest", "chi2", "f_classif", "f_regression", "r_regression"]


def f_classif(X, y):
    r"""One-way ANOVA F statistic of each feature against the class labels.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
        Class labels (at least two classes).

    Returns
    -------
    f_statistic : ndarray of shape (n_features,)
        Eq. (anova-f); NaN (0/0) or inf for constant features, with a warning.
    p_values : ndarray of shape (n_features,)
        :math:`P(F_{K-1, N-K} > f)`.

    Raises
    ------
    ValueError
        Fewer than two classes, or bad ``X``/``y``.

    Notes
    -----
    With :math:`K` classes of sizes :math:`N_k`, class means :math:`\bar x_k`
    and overall mean :math:`\bar x` (per feature):

    .. math::
       :label: anova-f

       F = \frac{\sum_k N_k (\bar x_k - \bar x)^2 / (K - 1)}
                {\sum_k \sum_{i \in k} (x_i - \bar x_k)^2 / (N - K)} .

    The sums of squares are computed around the means (two passes), not with
    the one-pass :math:`\sum x^2 - (\sum x)^2 / N` form, which cancels
    catastrophically for features with a large mean.

    References
    ----------
    D. C. Montgomery, *Design and Analysis of Experiments*, 8th ed., §3.3.1
    (the fixed-effects ANOVA table).

    Examples
    --------
    >>> f, p = f_classif([[1.0], [2.0], [10.0], [11.0]], [0, 0, 1, 1])
    >>> float(f[0]), bool(p[0] < 0.01)
    (162.0, True)
    """
    X, y = check_X_y(X, y, dtype=np.float64)
    classes, y_idx = np.unique(y, return_inverse=True)
    K, N = len(classes), X.shape[0]
    if K < 2:
        raise ValueError(
            f"f_classif needs at least two classes in y; found one class: {classes.tolist()}."
        )
    if N <= K:
        raise ValueError(f"f_classif needs more samples ({N}) than classes ({K}).")
    counts = np.bincount(y_idx).astype(np.float64)
    means = np.zeros((K, X.shape[1]))
    np.add.at(means, y_idx, X)
    means /= counts[:, None]
    grand = X.mean(axis=0)
    ss_between = counts @ (means - grand) ** 2
    ss_within = ((X - means[y_idx]) ** 2).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        f = (ss_between / (K - 1)) / (ss_within / (N - K))  # eq. (anova-f)
    constant = np.flatnonzero(ss_within == 0)
    if constant.size:
        warnings.warn(f"Features {constant} are constant.", UserWarning, stacklevel=2)
    return f, f_sf(f, K - 1, N - K)


def r_regression(X, y, *, center=True, force_finite=True):
    r"""Pearson correlation of each feature with the target.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    center : bool, default=True
        Centre ``X`` and ``y`` first (the usual correlation); False gives the
        cosine of the angle between the raw vectors.
    force_finite : bool, default=True
        Replace the NaN of a constant feature or target by 0.

    Returns
    -------
    r : ndarray of shape (n_features,)
        :math:`r_j = \frac{(x_j - \bar x_j)^\top (y - \bar y)}{\|x_j - \bar x_j\| \, \|y - \bar y\|}`.
    """
    X, y = check_X_y(X, y, dtype=np.float64, y_numeric=True)
    if center:
        X = X - X.mean(axis=0)
        y = y - y.mean()
    with np.errstate(divide="ignore", invalid="ignore"):
        r = (y @ X) / np.linalg.norm(X, axis=0) / np.linalg.norm(y)
    if force_finite:
        r[np.isnan(r)] = 0.0
    return r


def f_regression(X, y, *, center=True, force_finite=True):
    r"""F statistic of a one-feature linear regression of ``y`` on each feature.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    center : bool, default=True
        Include an intercept (degrees of freedom N - 2) or not (N - 1).
    force_finite : bool, default=True
        Perfectly (anti-)correlated features get the largest float instead of
        inf; constant ones get F = 0 and p = 1 instead of NaN.

    Returns
    -------
    f_statistic : ndarray of shape (n_features,)
        Eq. (f-reg).
    p_values : ndarray of shape (n_features,)

    Notes
    -----
    With the correlation :math:`r` of :func:`r_regression` and
    :math:`\nu = N - 2` (centred) degrees of freedom:

    .. math::
       :label: f-reg

       F = \frac{r^2}{1 - r^2} \, \nu .

    References
    ----------
    Hastie, Tibshirani & Friedman, *ESL* 2nd ed., §3.2, eq. (3.13) (the F
    statistic for dropping a group of coefficients, here one).

    Examples
    --------
    >>> f, p = f_regression([[1.0], [2.0], [3.0], [4.5]], [1.0, 2.1, 2.9, 4.6])
    >>> bool(f[0] > 100 and p[0] < 0.01)
    True
    """
    r = r_regression(X, y, center=center, force_finite=force_finite)
    nu = np.asarray(y).shape[0] - (2 if center else 1)
    r2 = r ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        f = r2 / (1.0 - r2) * nu  # eq. (f-reg)
    p = f_sf(f, 1, nu)
    if force_finite:
        p[np.isinf(f)] = 0.0
        f[np.isinf(f)] = np.finfo(f.dtype).max
        nan = np.isnan(f)
        f[nan], p[nan] = 0.0, 1.0
    return f, p


def chi2(X, y):
    r"""Chi-squared statistic of each non-negative feature against the classes.

    Treats each feature as counts (e.g. word frequencies) and compares the
    count observed in each class with the count expected if the feature were
    independent of the class.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Non-negative values (counts, frequencies, booleans).
    y : array-like of shape (n_samples,)
        Class labels.

    Returns
    -------
    chi2 : ndarray of shape (n_features,)
        Eq. (chi2-stat).
    p_values : ndarray of shape (n_features,)
        :math:`P(\chi^2_{K-1} > \chi^2)`.

    Raises
    ------
    ValueError
        If ``X`` has negative entries.

    Notes
    -----
    With :math:`O_{kj} = \sum_{i \in k} x_{ij}` and
    :math:`E_{kj} = \frac{N_k}{N} \sum_i x_{ij}`:

    .. math::
       :label: chi2-stat

       \chi^2_j = \sum_k \frac{(O_{kj} - E_{kj})^2}{E_{kj}} .

    A binary ``y`` gives two rows (both classes), as in scikit-learn.

    References
    ----------
    C. D. Manning, P. Raghavan & H. Schütze (2008), *Introduction to
    Information Retrieval*, §13.5.2 (chi-squared feature selection).

    Examples
    --------
    >>> s, p = chi2([[3, 0], [4, 1], [0, 3], [1, 4]], [0, 0, 1, 1])
    >>> [round(float(v), 3) for v in s]
    [4.5, 4.5]
    """
    X = check_array(X, dtype=[np.float64, np.float32])
    y = column_or_1d(y)
    check_consistent_length(X, y)
    if np.any(X < 0):
        raise ValueError("Input X must be non-negative.")
    classes, y_idx = np.unique(y, return_inverse=True)
    Y = np.zeros((len(y), len(classes)))
    Y[np.arange(len(y)), y_idx] = 1.0  # one-hot, (n_samples, n_classes)
    observed = Y.T @ X  # (n_classes, n_features)
    expected = np.outer(Y.mean(axis=0), X.sum(axis=0))
    with np.errstate(invalid="ignore", divide="ignore"):
        stat = ((observed - expected) ** 2 / expected).sum(axis=0)  # eq. (chi2-stat)
    return stat, chi2_sf(stat, len(classes) - 1)


class SelectKBest(SelectorMixin, BaseEstimator):
    """Keep the ``k`` features with the highest univariate scores.

    Parameters
    ----------
    score_func : callable, default=f_classif
        ``score_func(X, y) -> (scores, p_values)`` or ``-> scores``:
        :func:`f_classif`, :func:`f_regression`, :func:`chi2`, ...
    k : int >= 0 or 'all', default=10
        Number of features to keep.

    Attributes
    ----------
    scores_ : ndarray of shape (n_features,)
    pvalues_ : ndarray of shape (n_features,) or None
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (`n_features_in_`,)

    Notes
    -----
    Ties are broken as in scikit-learn: a stable sort of the scores keeps the
    later of two equal features; NaN scores rank last.

    References
    ----------
    I. Guyon & A. Elisseeff (2003), "An Introduction to Variable and Feature
    Selection", *JMLR* 3, 1157-1182, §2.

    Examples
    --------
    >>> from scratchml.datasets import load_iris
    >>> X, y = load_iris(return_X_y=True)
    >>> SelectKBest(f_classif, k=2).fit(X, y).get_support(indices=True).tolist()
    [2, 3]
    """

    _parameter_constraints = {
        "score_func": ["callable"],
        "k": [StrOptions({"all"}), Interval(Integral, 0, None, closed="left")],
    }

    def __init__(self, score_func=f_classif, *, k=10):
        self.score_func = score_func
        self.k = k

    def _extra_tags(self):
        return {"requires_y": True}

    def fit(self, X, y):
        """Score every feature with ``score_func``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : SelectKBest
        """
        self._validate_params()
        X, y = validate_data(self, X, y, dtype=np.float64)
        if self.k != "all" and self.k > X.shape[1]:
            warnings.warn(
                f"k={self.k} is greater than n_features={X.shape[1]}. All the features "
                "will be returned.",
                UserWarning,
                stacklevel=2,
            )
        result = self.score_func(X, y)
        if isinstance(result, (list, tuple)):
            self.scores_, self.pvalues_ = (np.asarray(r) for r in result)
        else:
            self.scores_, self.pvalues_ = np.asarray(result), None
        return self

    def _get_support_mask(self):
        check_is_fitted(self)
        if self.k == "all":
            return np.ones(self.scores_.shape, dtype=bool)
        scores = np.where(np.isnan(self.scores_), np.finfo(np.float64).min, self.scores_)
        mask = np.zeros(scores.shape, dtype=bool)
        if self.k > 0:
            mask[np.argsort(scores, kind="stable")[-self.k:]] = True
        return mask
