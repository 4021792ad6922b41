r"""Gaussian mixture model fitted by expectation-maximisation (Bishop, PRML §9.2)."""

import warnings
from numbers import Integral, Real

import numpy as np

from ..base import BaseEstimator
from ..exceptions import ConvergenceWarning
from ..utils._math import logsumexp
from ..utils.validation import (
    Interval,
    StrOptions,
    check_array,
    check_is_fitted,
    check_random_state,
    validate_data,
)
from ._gaussian_mixture_maths import (
    _estimate_parameters,
    _log_gaussian_prob,
    _precision_cholesky,
    _precision_cholesky_from_precisions,
)

__all__ = ["GaussianMixture"]

class GaussianMixture(BaseEstimator):
    r"""Gaussian mixture model, parameters by maximum likelihood via EM.

    Parameters
    ----------
    n_components : int, default=1
        Number of mixture components K; must be <= n_samples.
    covariance_type : {'full', 'tied', 'diag', 'spherical'}, default='full'
        'full': one general covariance per component; 'tied': one shared by
        all; 'diag': one diagonal per component; 'spherical': one variance per
        component.
    tol : float, default=1e-3
        Convergence threshold on the change of the lower bound (mean
        log-likelihood per sample) between iterations.
    reg_covar : float, default=1e-6
        Added to the diagonal of every covariance, so it stays positive definite.
    max_iter : int, default=100
        EM iterations per initialisation.
    n_init : int, default=1
        Initialisations; the best lower bound wins.
    init_params : {'kmeans', 'k-means++', 'random', 'random_from_data'}, default='kmeans'
        Initial responsibilities: one-hot on KMeans labels (one k-means++ run),
        one-hot on k-means++ centres, uniform random rows normalised to 1, or
        one-hot on K distinct random samples.
    weights_init : array-like of shape (n_components,), default=None
        Initial mixing weights :math:`\pi_k`.
    means_init : array-like of shape (n_components, n_features), default=None
        Initial means.
    precisions_init : array-like, default=None
        Initial precisions (inverse covariances), shaped as ``precisions_``.
    random_state : int, RandomState instance or None, default=None
        Seeds the initialisation and :meth:`sample`.
    warm_start : bool, default=False
        Start ``fit`` from the previous solution (then ``n_init`` is 1).
    verbose : int, default=0
        Unused; kept for API compatibility.
    verbose_interval : int, default=10
        Unused; kept for API compatibility.

    Attributes
    ----------
    weights_ : ndarray of shape (n_components,)
        Mixing weights :math:`\pi_k`, eq. (gmm-weight).
    means_ : ndarray of shape (n_components, n_features)
        Means :math:`\mu_k`, eq. (gmm-mean).
    covariances_ : ndarray
        :math:`\Sigma_k`, eq. (gmm-cov): (K, D, D) full, (D, D) tied, (K, D)
        diag, (K,) spherical.
    precisions_ : ndarray
        Inverses of ``covariances_``, same shapes.
    precisions_cholesky_ : ndarray
        Upper-triangular :math:`U_k` with :math:`U_k U_k^\top = \Sigma_k^{-1}`.
    converged_ : bool
        Whether the best initialisation met ``tol``.
    n_iter_ : int
        EM iterations of the best initialisation.
    lower_bound_ : float
        Mean log-likelihood per sample, eq. (gmm-loglik) / N, of the best run.
    lower_bounds_ : list of float
        That value after every iteration of the best run.
    n_features_in_ : int
        Number of features seen in ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Column names, when ``X`` was a DataFrame with string column names.

    Raises
    ------
    ValueError
        ``n_components > n_samples``; initial parameters of the wrong shape,
        weights not summing to 1, precisions not positive definite; a
        covariance that is not positive definite during EM.

    See Also
    --------
    KMeans : the hard-assignment, equal-spherical-covariance limit of EM.

    Notes
    -----
    Notation: N samples :math:`x_n`, K components, D features; :math:`\gamma(z_{nk})`
    is the responsibility of component k for sample n.

    .. math::
       :label: gmm-density

       \ln \mathcal N(x \mid \mu, \Sigma) = -\tfrac12\big(D \ln 2\pi
       + (x-\mu)^\top \Sigma^{-1} (x-\mu)\big) - \tfrac12 \ln|\Sigma|

    E-step (PRML eq. 9.23):

    .. math::
       :label: gmm-resp

       \gamma(z_{nk}) = \frac{\pi_k \mathcal N(x_n \mid \mu_k, \Sigma_k)}
       {\sum_j \pi_j \mathcal N(x_n \mid \mu_j, \Sigma_j)}

    M-step (PRML eqs. 9.24-9.27):

    .. math::
       :label: gmm-nk

       N_k = \sum_n \gamma(z_{nk})

    .. math::
       :label: gmm-mean

       \mu_k = \frac{1}{N_k} \sum_n \gamma(z_{nk})\, x_n

    .. math::
       :label: gmm-cov

       \Sigma_k = \frac{1}{N_k} \sum_n \gamma(z_{nk}) (x_n - \mu_k)(x_n - \mu_k)^\top
       + \text{reg\_covar}\, I

    .. math::
       :label: gmm-weight

       \pi_k = N_k / N

    Log-likelihood, monitored for convergence (PRML eq. 9.28):

    .. math::
       :label: gmm-loglik

       \ln p(X) = \sum_n \ln \sum_k \pi_k \mathcal N(x_n \mid \mu_k, \Sigma_k)

    The E-step works in log space (``logsumexp``): the densities themselves
    underflow to 0 far from every component, which would give 0/0 in eq.
    (gmm-resp).

    References
    ----------
    Bishop, C. M. (2006). *Pattern Recognition and Machine Learning*,
    §9.2.2, eqs. 9.23-9.28 (EM for Gaussian mixtures).

    Dempster, A. P., Laird, N. M. and Rubin, D. B. (1977). Maximum likelihood
    from incomplete data via the EM algorithm. *JRSS B* 39(1), 1-38.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.mixture import GaussianMixture
    >>> X = np.array([[1, 2], [1, 4], [1, 0], [10, 2], [10, 4], [10, 0]])
    >>> gm = GaussianMixture(n_components=2, random_state=0).fit(X)
    >>> gm.means_[np.argsort(gm.means_[:, 0])]
    array([[ 1.,  2.],
           [10.,  2.]])
    """

    _parameter_constraints = {
        "n_components": [Interval(Integral, 1, None, closed="left")],
        "covariance_type": [StrOptions({"full", "tied", "diag", "spherical"})],
        "tol": [Interval(Real, 0.0, None, closed="left")],
        "reg_covar": [Interval(Real, 0.0, None, closed="left")],
        "max_iter": [Interval(Integral, 0, None, closed="left")],
        "n_init": [Interval(Integral, 1, None, closed="left")],
        "init_params": [StrOptions({"kmeans", "random", "random_from_data", "k-means++"})],
        "weights_init": ["array-like", None],
        "means_init": ["array-like", None],
        "precisions_init": ["array-like", None],
        "random_state": ["random_state"],
        "warm_start": ["boolean"],
        "verbose": [Interval(Integral, 0, None, closed="left"), "boolean"],
        "verbose_interval": [Interval(Integral, 1, None, closed="left")],
    }

    def __init__(
        self,
        n_components=1,
        *,
        covariance_type="full",
        tol=1e-3,
        reg_covar=1e-6,
        max_iter=100,
        n_init=1,
        init_params="kmeans",
        weights_init=None,
        means_init=None,
        precisions_init=None,
        random_state=None,
        warm_start=False,
        verbose=0,
        verbose_interval=10,
    ):
        self.n_components = n_components
        self.covariance_type = covariance_type
        self.tol = tol
        self.reg_covar = reg_covar
        self.max_iter = max_iter
        self.n_init = n_init
        self.init_params = init_params
        self.weights_init = weights_init
        self.means_init = means_init
        self.precisions_init = precisions_init
        self.random_state = random_state
        self.warm_start = warm_start
        self.verbose = verbose
        self.verbose_interval = verbose_interval

    def _extra_tags(self):
        return {"estimator_type": "density_estimator", "preserves_dtype": []}

    # --- user-supplied initial parameters ------------------------------------
    def _checked_inits(self, n_features):
        K, kind = self.n_components, self.covariance_type
        weights = means = precisions = None
        if self.weights_init is not None:
            weights = check_array(self.weights_init, ensure_2d=False, dtype=np.float64,
                                  input_name="weights_init")
            if weights.shape != (K,):
                raise ValueError(f"weights_init must have shape ({K},), got {weights.shape}.")
            if weights.min() < 0 or weights.max() > 1:
                raise ValueError("The parameter 'weights' should be in the range [0, 1].")
            if not np.allclose(weights.sum(), 1.0, rtol=0, atol=1e-6):
                raise ValueError(
                    f"The parameter 'weights' should be normalized, but got "
                    f"sum(weights) = {weights.sum():.5f}"
                )
        if self.means_init is not None:
            means = check_array(self.means_init, dtype=np.float64, input_name="means_init")
            if means.shape != (K, n_features):
                raise ValueError(
                    f"means_init must have shape ({K}, {n_features}), got {means.shape}."
                )
        if self.precisions_init is not None:
            shape = {"full": (K, n_features, n_features), "tied": (n_features, n_features),
                     "diag": (K, n_features), "spherical": (K,)}[kind]
            precisions = check_array(self.precisions_init, ensure_2d=False, allow_nd=True,
                                     dtype=np.float64, input_name="precisions_init")
            if precisions.shape != shape:
                raise ValueError(
                    f"precisions_init must have shape {shape} for covariance_type="
                    f"'{kind}', got {precisions.shape}."
                )
            if kind in ("diag", "spherical"):
                if np.any(precisions <= 0):
                    raise ValueError(f"'{kind} precision' should be positive")
            else:
                for P in precisions.reshape(-1, n_features, n_features):
                    if not np.allclose(P, P.T) or np.linalg.eigvalsh(P).min() <= 0:
                        raise ValueError(
                            f"'{kind} precision' should be symmetric, positive-definite"
                        )
        return weights, means, precisions

    def _initialize(self, X, rng, inits):
        n, K = X.shape[0], self.n_components
        weights_init, means_init, precisions_init = inits
        cov = None
        if weights_init is None or means_init is None or precisions_init is None:
            if self.init_params == "kmeans":
                from ..cluster import KMeans

                labels = KMeans(K, n_init=1, random_state=rng).fit(X).labels_
                resp = np.zeros((n, K))
                resp[np.arange(n), labels] = 1.0
            elif self.init_params == "random":
                resp = rng.uniform(size=(n, K))
                resp /= resp.sum(axis=1, keepdims=True)
            elif self.init_params == "random_from_data":
                resp = np.zeros((n, K))
                resp[rng.choice(n, size=K, replace=False), np.arange(K)] = 1.0
            else:
                from ..cluster import kmeans_plusplus

                _, idx = kmeans_plusplus(X, K, random_state=rng)
                resp = np.zeros((n, K))
                resp[idx, np.arange(K)] = 1.0
            n_k, means, cov = _estimate_parameters(X, resp, self.reg_covar, self.covariance_type)
            weights = n_k / n
        self.weights_ = weights if weights_init is None else weights_init
        self.means_ = means if means_init is None else means_init
        if precisions_init is None:
            self.covariances_ = cov
            self.precisions_cholesky_ = _precision_cholesky(cov, self.covariance_type)
        else:
            self.precisions_cholesky_ = _precision_cholesky_from_precisions(
                precisions_init, self.covariance_type
            )

    # --- EM -------------------------------------------------------------------
    def _e_step(self, X):
        """Mean log-likelihood per sample and log-responsibilities, eq. (gmm-resp)."""
        weighted = _log_gaussian_prob(X, self.means_, self.precisions_cholesky_,
                                      self.covariance_type) + np.log(self.weights_)
        log_norm = logsumexp(weighted, axis=1)  # eq. (gmm-loglik), per sample
        with np.errstate(under="ignore"):
            log_resp = weighted - log_norm[:, None]  # eq. (gmm-resp) in log space
        return log_norm.mean(), log_resp

    def _m_step(self, X, log_resp):
        n_k, self.means_, self.covariances_ = _estimate_parameters(
            X, np.exp(log_resp), self.reg_covar, self.covariance_type
        )
        self.weights_ = n_k / n_k.sum()  # eq. (gmm-weight)
        self.precisions_cholesky_ = _precision_cholesky(self.covariances_, self.covariance_type)

    def _get_state(self):
        # covariances_ is unset only when precisions_init was given and max_iter=0.
        cov = getattr(self, "covariances_", None)
        return (self.weights_, self.means_, cov, self.precisions_cholesky_)

    def fit(self, X, y=None):
        """Estimate the parameters by EM; see :meth:`fit_predict`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data.
        y : Ignored
            Present for API consistency.

        Returns
        -------
        self : GaussianMixture
            The fitted estimator.
        """
        self.fit_predict(X, y)
        return self

    def fit_predict(self, X, y=None):
        """Fit by EM (``n_init`` starts, best lower bound kept), then label ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data.
        y : Ignored
            Present for API consistency.

        Returns
        -------
        labels : ndarray of shape (n_samples,)
            Most responsible component of each sample, after a final E-step
            (so ``fit_predict(X)`` equals ``fit(X).predict(X)``).
        """
        self._validate_params()
        X = validate_data(self, X, dtype=np.float64, ensure_min_samples=2)
        n = X.shape[0]
        if self.n_components > n:
            raise ValueError(f"n_components={self.n_components} must be <= n_samples={n}.")
        inits = self._checked_inits(X.shape[1])
        do_init = not (self.warm_start and hasattr(self, "converged_"))
        n_init = self.n_init if do_init else 1
        rng = check_random_state(self.random_state)
        best_bound, best = -np.inf, None
        for _ in range(n_init):
            if do_init:
                self._initialize(X, rng, inits)
            bound = -np.inf if do_init else self.lower_bound_
            bounds, converged, n_iter = [], False, 0
            while n_iter < self.max_iter and not converged:
                n_iter += 1
                previous = bound
                bound, log_resp = self._e_step(X)
                self._m_step(X, log_resp)
                bounds.append(bound)
                converged = abs(bound - previous) < self.tol
            if best is None or bound > best_bound:
                best_bound, best = bound, (self._get_state(), n_iter, bounds, converged)
        state, self.n_iter_, self.lower_bounds_, self.converged_ = best
        self.weights_, self.means_, self.covariances_, self.precisions_cholesky_ = state
        self.lower_bound_ = best_bound
        if not self.converged_ and self.max_iter > 0:
            warnings.warn(
                "Best performing initialization did not converge. Try different init "
                "parameters, or increase max_iter, tol, or check for degenerate data.",
                ConvergenceWarning,
                stacklevel=2,
            )
        U = self.precisions_cholesky_
        if self.covariance_type == "full":
            self.precisions_ = U @ np.transpose(U, (0, 2, 1))
        elif self.covariance_type == "tied":
            self.precisions_ = U @ U.T
        else:
            self.precisions_ = U**2
        _, log_resp = self._e_step(X)
        return log_resp.argmax(axis=1)

    # --- inference ------------------------------------------------------------
    def _weighted_log_prob(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        return _log_gaussian_prob(X, self.means_, self.precisions_cholesky_,
                                  self.covariance_type) + np.log(self.weights_)

    def score_samples(self, X):
        """Log-density :math:`\\ln p(x_n)` of each sample, eq. (gmm-loglik) per term.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        log_prob : ndarray of shape (n_samples,)
        """
        return logsumexp(self._weighted_log_prob(X), axis=1)

    def score(self, X, y=None):
        """Mean log-likelihood per sample.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : Ignored

        Returns
        -------
        log_likelihood : float
        """
        return float(self.score_samples(X).mean())

    def predict_proba(self, X):
        """Responsibilities :math:`\\gamma(z_{nk})`, eq. (gmm-resp).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        resp : ndarray of shape (n_samples, n_components)
            Rows sum to 1.
        """
        weighted = self._weighted_log_prob(X)
        return np.exp(weighted - logsumexp(weighted, axis=1)[:, None])

    def predict(self, X):
        """Most responsible component of each sample.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        labels : ndarray of shape (n_samples,)
        """
        return self._weighted_log_prob(X).argmax(axis=1)

    def _n_parameters(self):
        K, D = self.means_.shape
        cov = {"full": K * D * (D + 1) / 2, "diag": K * D, "tied": D * (D + 1) / 2,
               "spherical": K}[self.covariance_type]
        return int(cov + K * D + K - 1)

    def bic(self, X):
        """Bayesian information criterion, :math:`-2 \\ln p(X) + p \\ln N` (lower is better).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        bic : float
        """
        n = np.asarray(X).shape[0]
        return -2 * self.score(X) * n + self._n_parameters() * np.log(n)

    def aic(self, X):
        """Akaike information criterion, :math:`-2 \\ln p(X) + 2 p` (lower is better).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        aic : float
        """
        return -2 * self.score(X) * np.asarray(X).shape[0] + 2 * self._n_parameters()

    def sample(self, n_samples=1):
        """Draw samples from the fitted mixture (scikit-learn's draw order).

        Parameters
        ----------
        n_samples : int, default=1

        Returns
        -------
        X : ndarray of shape (n_samples, n_features)
        y : ndarray of shape (n_samples,)
            Component of each draw, grouped by component.
        """
        check_is_fitted(self)
        if n_samples < 1:
            raise ValueError(f"n_samples={n_samples} must be >= 1.")
        rng = check_random_state(self.random_state)
        counts = rng.multinomial(n_samples, self.weights_)
        D = self.means_.shape[1]
        parts = []
        for k, (mean, count) in enumerate(zip(self.means_, counts)):
            if self.covariance_type in ("full", "tied"):
                cov = self.covariances_[k] if self.covariance_type == "full" else self.covariances_
                parts.append(rng.multivariate_normal(mean, cov, int(count)))
            else:
                parts.append(mean + rng.standard_normal(size=(count, D))
                             * np.sqrt(self.covariances_[k]))
        y = np.concatenate([np.full(int(c), k, dtype=np.int64) for k, c in enumerate(counts)])
        return np.vstack(parts), y
