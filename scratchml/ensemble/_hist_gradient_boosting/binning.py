"""Quantile binning: every feature mapped to at most ``max_bins`` integer bins.

Split finding then scans at most ``max_bins`` candidate thresholds per feature
instead of every distinct value, and the gradient statistics of a node fit in
a small histogram (Ke et al., 2017, §2; Chen & Guestrin, 2016, §3.3).
"""

import numpy as np

from ._binning_kernels import map_to_bins_jit

__all__ = ["bin_thresholds", "fit_bin_thresholds", "map_categories", "map_to_bins"]

#: Largest finite threshold: +inf is kept for "all non-missing values go left".
ALMOST_INF = 1e300
#: Rows used to find the thresholds; above it a random subsample is binned.
SUBSAMPLE = 200_000


def bin_thresholds(column, max_bins):
    r"""Increasing thresholds that cut one feature into at most ``max_bins`` bins.

    Parameters
    ----------
    column : ndarray of shape (n_samples,)
        One feature; NaN values are ignored (they get their own bin).
    max_bins : int
        Maximum number of bins for the non-missing values.

    Returns
    -------
    thresholds : ndarray of shape (n_bins_non_missing - 1,)
        Value x falls in bin i when thresholds[i-1] < x <= thresholds[i].
        With at most ``max_bins`` distinct values, the midpoints between
        consecutive distinct values (every distinct value its own bin);
        otherwise the (k / max_bins)-quantiles, k = 1..max_bins-1, with the
        averaged inverted CDF (eq. hgb-quantile), duplicates removed.
    """
    # Sort once: np.unique and np.percentile below are then cheap on sorted data.
    column = np.sort(column[~np.isnan(column)])
    distinct = column[np.concatenate(([True], column[1:] != column[:-1]))]
    if distinct.shape[0] <= 1:
        return np.empty(0)
    if distinct.shape[0] <= max_bins:
        thresholds = (distinct[:-1] + distinct[1:]) / 2
    else:
        percentiles = np.linspace(0, 100, num=max_bins + 1)[1:-1]
        # eq. (hgb-quantile): at a jump of the empirical CDF take the average of
        # the two order statistics, so ties fall on one side of the threshold.
        thresholds = np.unique(
            np.percentile(column, percentiles, method="averaged_inverted_cdf"))
    return np.minimum(thresholds, ALMOST_INF)


def fit_bin_thresholds(X, max_bins, rng, sample_weight=None, is_categorical=None):
    """Thresholds of every feature, from at most ``SUBSAMPLE`` rows of ``X``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    max_bins : int
    rng : numpy.random.RandomState
        Draws the subsample (with replacement, as scikit-learn) when
        n_samples > 200 000.
    sample_weight : ndarray of shape (n_samples,) or None
        Rows of zero weight are left out of the thresholds.
    is_categorical : ndarray of shape (n_features,), bool, or None
        For these features the "thresholds" are the sorted categories seen
        (one bin each).

    Returns
    -------
    thresholds : list of n_features ndarrays
    n_bins_non_missing : ndarray of shape (n_features,), dtype int64
    """
    if X.shape[0] > SUBSAMPLE:
        X = X[rng.choice(X.shape[0], SUBSAMPLE, replace=True)]
    elif sample_weight is not None:
        X = X[sample_weight != 0]
    X = np.asfortranarray(X)  # contiguous columns
    if is_categorical is None:
        is_categorical = np.zeros(X.shape[1], dtype=bool)
    thresholds = [np.unique(X[~np.isnan(X[:, f]), f]) if is_categorical[f]
                  else bin_thresholds(X[:, f], max_bins) for f in range(X.shape[1])]
    n_bins_non_missing = np.array([t.shape[0] + (not cat) for t, cat in
                                   zip(thresholds, is_categorical)], dtype=np.int64)
    return thresholds, n_bins_non_missing


def map_categories(column, categories, missing_bin):
    """Bin of each category: its rank among the training ``categories``;
    NaN and categories not seen in training go to ``missing_bin``."""
    code = np.searchsorted(categories, column)
    known = code < categories.shape[0]
    known[known] = categories[code[known]] == column[known]
    return np.where(known, code, missing_bin).astype(np.uint8)


def map_to_bins(X, thresholds, missing_bin, is_categorical=None):
    """Bin index of every value; NaN goes to ``missing_bin``.

    Categorical features (``is_categorical``) go through :func:`map_categories`.

    Returns
    -------
    X_binned : ndarray of shape (n_samples, n_features), dtype uint8, Fortran order
        Column-major, because histograms are built one feature at a time.
    """
    X_binned = np.empty(X.shape, dtype=np.uint8, order="F")
    offsets = np.cumsum([0] + [t.shape[0] for t in thresholds]).astype(np.int64)
    thresholds_flat = np.concatenate([np.empty(0)] + list(thresholds))
    # contiguous columns: a strided search is several times slower
    map_to_bins_jit(np.asfortranarray(X, dtype=np.float64), thresholds_flat, offsets,
                    missing_bin, X_binned)
    if is_categorical is not None:
        for f in np.flatnonzero(is_categorical):
            X_binned[:, f] = map_categories(X[:, f], thresholds[f], missing_bin)
    return X_binned
