r"""Minimum Covariance Determinant by FAST-MCD (Rousseeuw & Van Driessen 1999)."""

import warnings
from numbers import Real

import numpy as np

from ..utils._special import chi2_sf
from ..utils.validation import Interval, check_array, check_random_state, validate_data
from ._empirical_covariance import (
    EmpiricalCovariance,
    empirical_covariance,
    log_det,
    pinvh,
    squared_mahalanobis,
)

__all__ = ["MinCovDet", "fast_mcd"]


def _chi2_cdf(x, k):
    return 1.0 - float(chi2_sf(x, k))


def _chi2_ppf(alpha, k):
    """Quantile of the chi-squared distribution by bisection (cdf is monotone)."""
    lo, hi = 0.0, max(2.0 * k, 1.0)
    while _chi2_cdf(hi, k) < alpha:
        lo, hi = hi, 2.0 * hi
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if mid in (lo, hi):
            break  # adjacent doubles: converged to machine precision
        if _chi2_cdf(mid, k) < alpha:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def consistency_factor(n_features, alpha):
    r"""Factor making the covariance of the :math:`\alpha` most central Gaussian points unbiased.

    Eq. (mcd-consistency) (Croux & Haesbroeck 1999, eq. 4.2).
    """
    q_alpha = _chi2_ppf(alpha, n_features)
    return alpha / _chi2_cdf(q_alpha, n_features + 2)  # eq. (mcd-consistency)


def _c_steps(X, n_support, rng, n_iter, initial=None):
    """Concentration steps from a random h-subset or from ``initial = (location, covariance)``.

    Each C-step keeps the h points of smallest Mahalanobis distance to the
    current estimate, eq. (mcd-cstep); Rousseeuw & Van Driessen's Theorem 1
    says the determinant never increases, so iterate while it decreases.

    Returns
    -------
    location, covariance, log_det, support (bool mask), dist
    """
    n_samples = X.shape[0]
    if initial is None:
        support_idx = rng.permutation(n_samples)[:n_support]
    else:
        precision = pinvh(initial[1])
        dist = squared_mahalanobis(X, initial[0], precision)
        support_idx = np.argpartition(dist, n_support - 1)[:n_support]  # eq. (mcd-cstep)
    location = X[support_idx].mean(axis=0)
    covariance = empirical_covariance(X[support_idx])
    det = log_det(covariance)
    if np.isinf(det):
        precision = pinvh(covariance)
    previous_det = np.inf
    previous = None
    dist = None
    remaining = n_iter
    while det < previous_det and remaining > 0 and not np.isinf(det):
        previous = (location, covariance, det, support_idx, dist)
        previous_det = det
        precision = pinvh(covariance)
        dist = squared_mahalanobis(X, location, precision)
        support_idx = np.argpartition(dist, n_support - 1)[:n_support]  # eq. (mcd-cstep)
        location = X[support_idx].mean(axis=0)
        covariance = empirical_covariance(X[support_idx])
        det = log_det(covariance)
        remaining -= 1
    previous_dist = dist
    dist = squared_mahalanobis(X, location, precision)
    result = (location, covariance, det, support_idx, dist)
    if not np.isinf(det) and not np.allclose(det, previous_det) and det > previous_det:
        warnings.warn(
            f"Determinant has increased; this should not happen: log(det) > "
            f"log(previous_det) ({det:.15f} > {previous_det:.15f}). You may want to try "
            f"with a higher value of support_fraction (current value: "
            f"{n_support / n_samples:.3f}).",
            RuntimeWarning,
            stacklevel=3,
        )
        if remaining > 0:
            result = previous[:4] + (previous_dist,)
    location, covariance, det, support_idx, dist = result
    support = np.bincount(support_idx, minlength=n_samples).astype(bool)
    return location, covariance, det, support, dist


def _select_candidates(X, n_support, trials, select, rng, n_iter=30):
    """Run C-steps from ``trials`` random subsets (int) or initial estimates (tuple); keep the best."""
    if isinstance(trials, tuple):
        runs = [
            _c_steps(X, n_support, rng, n_iter, initial=(loc, cov))
            for loc, cov in zip(*trials)
        ]
    else:
        runs = [_c_steps(X, n_support, rng, n_iter) for _ in range(trials)]
    locations, covariances, dets, supports, dists = zip(*runs)
    best = np.argsort(dets)[:select]
    return (np.asarray(locations)[best], np.asarray(covariances)[best],
            np.asarray(supports)[best], np.asarray(dists)[best])


def fast_mcd(X, support_fraction=None, random_state=None):
    r"""Raw MCD estimate by FAST-MCD: the h-subset with the smallest covariance determinant.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Data, at least 2 samples.
    support_fraction : float in (0, 1], default=None
        h / N; None means :math:`h = \lceil (N + D + 1) / 2 \rceil` (the
        maximal breakdown point).
    random_state : int, RandomState instance or None, default=None
        Seeds the random h-subsets (same draws as scikit-learn).

    Returns
    -------
    location : ndarray of shape (n_features,)
    covariance : ndarray of shape (n_features, n_features)
        Raw (uncorrected) covariance of the best h-subset.
    support : ndarray of shape (n_samples,), bool
    dist : ndarray of shape (n_samples,)
        Squared Mahalanobis distances to the raw estimate.
    """
    rng = check_random_state(random_state)
    X = check_array(X, ensure_min_samples=2, dtype=np.float64)
    n_samples, n_features = X.shape
    if support_fraction is None:
        n_support = min(int(np.ceil(0.5 * (n_samples + n_features + 1))), n_samples)
    else:
        n_support = int(support_fraction * n_samples)

    if n_features == 1:
        # Exact in 1-D: the shortest interval holding h sorted points (Rousseeuw 1984).
        if n_support < n_samples:
            x_sorted = np.sort(X.ravel())
            widths = x_sorted[n_support:] - x_sorted[: n_samples - n_support]
            starts = np.flatnonzero(widths == widths.min())
            location = 0.5 * (x_sorted[n_support + starts] + x_sorted[starts]).mean()
            support = np.zeros(n_samples, dtype=bool)
            X_centered = X - location
            support[np.argsort(np.abs(X_centered.ravel()))[:n_support]] = True
            covariance = np.array([[np.var(X[support])]])
            location = np.array([location])
        else:
            support = np.ones(n_samples, dtype=bool)
            covariance = np.array([[np.var(X)]])
            location = np.array([np.mean(X)])
        return location, covariance, support, squared_mahalanobis(X, location, pinvh(covariance))

    if n_samples > 500:
        # Large N: nested subsets of ~300 points, then a merged set of <= 1500
        # (Rousseeuw & Van Driessen, §3.3), with scikit-learn's sizes.
        n_subsets = n_samples // 300
        n_per_subset = n_samples // n_subsets
        shuffle = rng.permutation(n_samples)
        h_subset = int(np.ceil(n_per_subset * (n_support / float(n_samples))))
        n_trials = max(10, 500 // n_subsets)
        n_best_sub = 10
        locs = np.zeros((n_subsets * n_best_sub, n_features))
        covs = np.zeros((n_subsets * n_best_sub, n_features, n_features))
        for i in range(n_subsets):
            subset = X[shuffle[i * n_per_subset : (i + 1) * n_per_subset]]
            best_l, best_c, _, _ = _select_candidates(subset, h_subset, n_trials, n_best_sub,
                                                      rng, n_iter=2)
            locs[i * n_best_sub : (i + 1) * n_best_sub] = best_l
            covs[i * n_best_sub : (i + 1) * n_best_sub] = best_c
        n_merged = min(1500, n_samples)
        h_merged = int(np.ceil(n_merged * (n_support / float(n_samples))))
        n_best_merged = 10 if n_samples > 1500 else 1
        selection = rng.permutation(n_samples)[:n_merged]
        locs, covs, supports, dists = _select_candidates(X[selection], h_merged, (locs, covs),
                                                         n_best_merged, rng)
        if n_samples < 1500:
            support = np.zeros(n_samples, dtype=bool)
            dist = np.zeros(n_samples)
            support[selection] = supports[0]
            dist[selection] = dists[0]
            return locs[0], covs[0], support, dist
        locs, covs, supports, dists = _select_candidates(X, n_support, (locs, covs), 1, rng)
        return locs[0], covs[0], supports[0], dists[0]

    # Small N: 30 random starts, two C-steps each; the 10 best iterated to convergence.
    locs, covs, _, _ = _select_candidates(X, n_support, 30, 10, rng, n_iter=2)
    locs, covs, supports, dists = _select_candidates(X, n_support, (locs, covs), 1, rng)
    return locs[0], covs[0], supports[0], dists[0]


class MinCovDet(EmpiricalCovariance):
    r"""Minimum Covariance Determinant: a robust estimate of location and scatter.

    The raw MCD is the mean and covariance of the h samples whose covariance
    has the smallest determinant; it is then rescaled for consistency at the
    Gaussian and re-weighted (one-step reweighted MCD).

    Parameters
    ----------
    store_precision : bool, default=True
        Store the (pseudo-)inverse covariance ``precision_``.
    assume_centered : bool, default=False
        Take the location to be 0; the raw covariance is then that of the
        support around 0.
    support_fraction : float in (0, 1], default=None
        h / N; None means :math:`h = \lceil (N + D + 1) / 2 \rceil`.
    random_state : int, RandomState instance or None, default=None
        Seeds the random h-subsets of FAST-MCD (same draws as scikit-learn).

    Attributes
    ----------
    raw_location_ : ndarray of shape (n_features,)
        Raw MCD location :math:`T_0`.
    raw_covariance_ : ndarray of shape (n_features, n_features)
        Raw MCD covariance :math:`S_0` (before the consistency factor).
    raw_support_ : ndarray of shape (n_samples,), bool
        The h-subset of the raw estimate.
    location_ : ndarray of shape (n_features,)
        Reweighted location, eq. (mcd-reweight).
    covariance_ : ndarray of shape (n_features, n_features)
        Reweighted, consistency-corrected covariance, eq. (mcd-reweight).
    precision_ : ndarray of shape (n_features, n_features) or None
        Pseudo-inverse of ``covariance_``.
    support_ : ndarray of shape (n_samples,), bool
        Samples kept by the reweighting step.
    dist_ : ndarray of shape (n_samples,)
        Squared Mahalanobis distances of the training samples to the final estimate.
    n_features_in_ : int
        Number of features seen in ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Column names, when ``X`` was a DataFrame with string column names.

    Raises
    ------
    ValueError
        The raw covariance of the support is 0 (too many identical rows for
        the support size).

    See Also
    --------
    EllipticEnvelope : outlier detection from this estimate.
    EmpiricalCovariance : the non-robust estimate.

    Notes
    -----
    Notation: N samples, D features, h = support size.

    .. math::
       :label: mcd-dist

       d^2(x; T, S) = (x - T)^\top S^{-1} (x - T)

    C-step (Rousseeuw & Van Driessen 1999, Theorem 1): from :math:`(T_1, S_1)`
    computed on :math:`H_1`, take

    .. math::
       :label: mcd-cstep

       H_2 = \{h \text{ samples with smallest } d^2(x; T_1, S_1)\}
       \;\Rightarrow\; \det S_2 \le \det S_1

    Consistency factor for the covariance of the :math:`\alpha` fraction of a
    Gaussian sample closest to the centre (:math:`\chi^2_D` quantile
    :math:`q_\alpha`; Croux & Haesbroeck 1999):

    .. math::
       :label: mcd-consistency

       c_\alpha = \frac{\alpha}{F_{\chi^2_{D+2}}(q_\alpha)}

    The raw distances are divided by :math:`c_{h/N}`; samples with
    :math:`d^2 < \chi^2_{D, 0.975}` are kept and

    .. math::
       :label: mcd-reweight

       T_1 = \text{mean of kept}, \qquad
       S_1 = c_{0.975}\, \text{cov of kept}

    References
    ----------
    Rousseeuw, P. J. and Van Driessen, K. (1999). A fast algorithm for the
    minimum covariance determinant estimator. *Technometrics* 41(3), 212-223.
    doi:10.1080/00401706.1999.10485670. (Theorem 1, §3.)

    Croux, C. and Haesbroeck, G. (1999). Influence function and efficiency of
    the minimum covariance determinant scatter matrix estimator. *J.
    Multivariate Analysis* 71(2), 161-190, eq. 4.2.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.covariance import MinCovDet
    >>> rng = np.random.RandomState(0)
    >>> X = rng.multivariate_normal([0, 0], [[0.8, 0.3], [0.3, 0.4]], size=500)
    >>> mcd = MinCovDet(random_state=0).fit(X)
    >>> np.round(mcd.covariance_, 2)
    array([[0.81, 0.27],
           [0.27, 0.33]])
    """

    _parameter_constraints = {
        **EmpiricalCovariance._parameter_constraints,
        "support_fraction": [Interval(Real, 0, 1, closed="right"), None],
        "random_state": ["random_state"],
    }

    def __init__(self, *, store_precision=True, assume_centered=False, support_fraction=None,
                 random_state=None):
        self.store_precision = store_precision
        self.assume_centered = assume_centered
        self.support_fraction = support_fraction
        self.random_state = random_state

    def fit(self, X, y=None):
        """Fit the raw MCD by FAST-MCD, then correct and reweight it.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data, at least 2 samples.
        y : Ignored
            Present for API consistency.

        Returns
        -------
        self : MinCovDet
            The fitted estimator.
        """
        self._validate_params()
        X = validate_data(self, X, dtype=np.float64, ensure_min_samples=2)
        rng = check_random_state(self.random_state)
        n_samples, n_features = X.shape
        if (np.linalg.svd(X.T @ X, compute_uv=False) > 1e-8).sum() != n_features:
            warnings.warn("The covariance matrix associated to your dataset is not full rank",
                          stacklevel=2)
        location, covariance, support, dist = fast_mcd(X, self.support_fraction, rng)
        if self.assume_centered:
            location = np.zeros(n_features)
            covariance = empirical_covariance(X[support], assume_centered=True)
            dist = squared_mahalanobis(X, location, pinvh(covariance))
        self.raw_location_ = location
        self.raw_covariance_ = covariance
        self.raw_support_ = support
        self.location_, self.support_, self.dist_ = location, support, dist
        self.correct_covariance(X)
        self.reweight_covariance(X)
        return self

    def correct_covariance(self, data):
        """Rescale the raw distances by the consistency factor, eq. (mcd-consistency).

        Parameters
        ----------
        data : array-like of shape (n_samples, n_features)
            The training data (unused; kept for scikit-learn's signature).

        Returns
        -------
        covariance_corrected : ndarray of shape (n_features, n_features)
            :math:`c_{h/N} S_0`.
        """
        n_samples = len(self.dist_)
        n_support = int(np.sum(self.support_))
        if n_support < n_samples and np.allclose(self.raw_covariance_, 0):
            raise ValueError(
                "The covariance matrix of the support data is equal to 0, try to "
                "increase support_fraction"
            )
        factor = consistency_factor(self.raw_covariance_.shape[0], n_support / n_samples)
        self.dist_ = self.dist_ / factor
        return self.raw_covariance_ * factor

    def reweight_covariance(self, data):
        """One reweighting step, eq. (mcd-reweight) (Rousseeuw & Van Driessen, §2).

        Parameters
        ----------
        data : array-like of shape (n_samples, n_features)
            The training data.

        Returns
        -------
        location_reweighted : ndarray of shape (n_features,)
        covariance_reweighted : ndarray of shape (n_features, n_features)
            Before the consistency factor.
        support_reweighted : ndarray of shape (n_samples,), bool
        """
        n_samples, n_features = data.shape
        keep = self.dist_ < _chi2_ppf(0.975, n_features)
        location = np.zeros(n_features) if self.assume_centered else data[keep].mean(axis=0)
        covariance = empirical_covariance(data[keep], assume_centered=self.assume_centered)
        # eq. (mcd-reweight)
        self._set_covariance(covariance * consistency_factor(n_features, 0.975))
        self.location_ = location
        self.support_ = keep.copy()
        self.dist_ = squared_mahalanobis(data, location, self.get_precision())
        return location, covariance, keep
