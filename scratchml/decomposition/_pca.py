r"""Principal component analysis, with the probabilistic PCA likelihood."""

from math import lgamma, log
from numbers import Integral, Real

import numpy as np

from ..base import BaseEstimator, TransformerMixin
from ..utils._math import svd_flip
from ..utils.validation import (
    Interval,
    StrOptions,
    check_array,
    check_is_fitted,
    check_random_state,
    validate_data,
)
from ._randomized_svd import randomized_svd

__all__ = ["PCA"]


class _RealNotInt(Interval):
    """A real in an interval that is not an integer (so 1 means 1 component, not 100%)."""

    def is_satisfied_by(self, value):
        return not isinstance(value, (Integral, bool)) and super().is_satisfied_by(value)


def _assess_dimension(spectrum, rank, n_samples):
    r"""Log-evidence :math:`\log p(X \mid k)` of rank k under Minka's Laplace approximation (eq. pca-mle)."""
    n_features = spectrum.shape[0]
    eps = 1e-15
    if spectrum[rank - 1] < eps:
        # A numerically zero eigenvalue cannot be a retained one; its log
        # would also poison the sums below.
        return -np.inf
    # p(U): volume of the Stiefel manifold, Minka (2000) eq. (30)
    pu = -rank * log(2.0)
    for i in range(1, rank + 1):
        pu += lgamma((n_features - i + 1) / 2.0) - log(np.pi) * (n_features - i + 1) / 2.0
    pl = -np.sum(np.log(spectrum[:rank])) * n_samples / 2.0
    v = max(eps, np.sum(spectrum[rank:]) / (n_features - rank))  # the noise variance
    pv = -log(v) * n_samples * (n_features - rank) / 2.0
    m = n_features * rank - rank * (rank + 1.0) / 2.0
    pp = log(2.0 * np.pi) * (m + rank) / 2.0
    # log |A_Z|, the Hessian determinant of the Laplace approximation, eq. (31)
    spectrum_ = spectrum.copy()
    spectrum_[rank:] = v
    pa = 0.0
    for i in range(rank):
        for j in range(i + 1, n_features):
            pa += log((spectrum[i] - spectrum[j]) * (1.0 / spectrum_[j] - 1.0 / spectrum_[i])) + log(n_samples)
    return pu + pl + pv + pp - pa / 2.0 - rank * log(n_samples) / 2.0


def _infer_dimension(spectrum, n_samples):
    """Rank in [1, n_features - 1] maximising :func:`_assess_dimension`."""
    ll = np.full(spectrum.shape[0], -np.inf)
    for rank in range(1, spectrum.shape[0]):
        ll[rank] = _assess_dimension(spectrum, rank, n_samples)
    return int(np.argmax(ll))


class PCA(TransformerMixin, BaseEstimator):
    r"""Principal component analysis by exact or randomized SVD.

    Parameters
    ----------
    n_components : int, float in (0, 1), 'mle' or None, default=None
        Components to keep: an int; a fraction of variance to explain (the
        smallest k whose cumulative ratio exceeds it); 'mle' for Minka's
        Bayesian choice (eq. pca-mle); None for ``min(n_samples, n_features)``.
    copy : bool, default=True
        Kept for API compatibility: ``X`` is never modified.
    whiten : bool, default=False
        Scale the projections to unit variance (eq. pca-whiten).
    svd_solver : {'auto', 'full', 'covariance_eigh', 'randomized'}, default='auto'
        'full': LAPACK SVD of the centred data; 'covariance_eigh':
        eigendecomposition of the D x D covariance (fast when N >> D);
        'randomized': Halko et al. (:func:`randomized_svd`); 'auto':
        scikit-learn's rule (covariance_eigh if D <= 1000 and N >= 10 D; else
        full if max(N, D) <= 500 or 'mle'; else randomized if
        1 <= k < 0.8 min(N, D); else full).
    tol : float, default=0.0
        Unused (ARPACK's tolerance in scikit-learn); kept for API compatibility.
    iterated_power : int or 'auto', default='auto'
        Power iterations of the randomized solver.
    n_oversamples : int, default=10
        Extra random directions of the randomized solver.
    power_iteration_normalizer : {'auto', 'QR', 'LU', 'none'}, default='auto'
    random_state : int, RandomState instance or None, default=None
        Seeds the randomized solver.

    Attributes
    ----------
    components_ : ndarray of shape (``n_components_``, n_features)
        Principal axes :math:`V_k^\top`, rows of unit norm, signs fixed by
        ``svd_flip`` (largest-magnitude loading of each component positive).
    explained_variance_ : ndarray of shape (``n_components_``,)
        :math:`\lambda_j = s_j^2 / (N - 1)`, eq. (pca-var).
    explained_variance_ratio_ : ndarray of shape (``n_components_``,)
        :math:`\lambda_j` over the total variance.
    singular_values_ : ndarray of shape (``n_components_``,)
        Singular values :math:`s_j` of the centred data.
    mean_ : ndarray of shape (n_features,)
        Per-feature mean :math:`\bar x`.
    n_components_ : int
        Number of components kept.
    noise_variance_ : float
        :math:`\sigma^2` of probabilistic PCA, eq. (ppca-sigma2).
    n_samples_ : int
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        ``n_components`` larger than ``min(n_samples, n_features)`` (the
        message gives the bound), 'mle' with fewer samples than features, a
        fraction or 'mle' with the randomized solver, or a single sample.

    See Also
    --------
    randomized_svd : the randomized solver on its own.

    Notes
    -----
    Notation: N samples, D features, centred data :math:`X_c = X - \mathbf 1
    \bar x^\top`. The thin SVD

    .. math::
       :label: pca-svd

       X_c = U S V^\top

    gives the principal axes (rows of :math:`V^\top`) and the variances

    .. math::
       :label: pca-var

       \lambda_j = \frac{s_j^2}{N - 1},

    the eigenvalues of the sample covariance :math:`C = X_c^\top X_c / (N-1)`
    (the 'covariance_eigh' route computes :math:`C` and its eigh directly; it
    squares the condition number, so it loses digits for nearly collinear
    data). Projections are :math:`Z = X_c V_k`, whitened as

    .. math::
       :label: pca-whiten

       Z_w = X_c V_k \,\mathrm{diag}(\lambda_1, \dots, \lambda_k)^{-1/2}.

    Probabilistic PCA (Tipping & Bishop 1999) models
    :math:`x \sim \mathcal N(\bar x, W W^\top + \sigma^2 I)`; its maximum
    likelihood noise variance is the mean discarded variance

    .. math::
       :label: ppca-sigma2

       \sigma^2 = \frac{1}{\min(N, D) - k} \sum_{j > k} \lambda_j,

    and each sample's log-likelihood is

    .. math::
       :label: ppca-loglik

       \log p(x) = -\tfrac12 \left[ D \log 2\pi + \log|\Sigma|
                   + (x - \bar x)^\top \Sigma^{-1} (x - \bar x) \right],
       \quad \Sigma = V_k (\Lambda_k - \sigma^2 I) V_k^\top + \sigma^2 I.

    :math:`\Sigma^{-1}` uses the matrix inversion lemma, so only a k x k
    system is solved. 'mle' picks k maximising Minka's Laplace approximation
    of the evidence :math:`p(X \mid k)` (eq. pca-mle, Minka 2000, eq. 30-31).

    References
    ----------
    M. E. Tipping and C. M. Bishop, "Probabilistic principal component
    analysis", JRSS B 61(3), 1999, doi:10.1111/1467-9868.00196, eqs. (7), (8), (15).

    T. P. Minka, "Automatic choice of dimensionality for PCA", NIPS 2000, eqs. (30)-(31).

    N. Halko, P.-G. Martinsson and J. A. Tropp, SIAM Review 53(2), 2011,
    doi:10.1137/090771806.

    C. M. Bishop, *Pattern Recognition and Machine Learning*, 2006, §12.1, §12.2.1, eq. (12.46).

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.decomposition import PCA
    >>> X = np.array([[-1, -1], [-2, -1], [-3, -2], [1, 1], [2, 1], [3, 2]])
    >>> pca = PCA(n_components=2).fit(X)
    >>> np.round(pca.explained_variance_ratio_, 4)
    array([0.9924, 0.0076])
    >>> np.round(pca.singular_values_, 4)
    array([6.3006, 0.5498])
    """

    _parameter_constraints = {
        "n_components": [
            Interval(Integral, 0, None, closed="left"),
            _RealNotInt(Real, 0, 1, closed="neither"),
            StrOptions({"mle"}),
            None,
        ],
        "copy": ["boolean"],
        "whiten": ["boolean"],
        "svd_solver": [StrOptions({"auto", "full", "covariance_eigh", "randomized"})],
        "tol": [Interval(Real, 0, None, closed="left")],
        "iterated_power": [StrOptions({"auto"}), Interval(Integral, 0, None, closed="left")],
        "n_oversamples": [Interval(Integral, 1, None, closed="left")],
        "power_iteration_normalizer": [StrOptions({"auto", "QR", "LU", "none"})],
        "random_state": ["random_state"],
    }

    def __init__(
        self,
        n_components=None,
        *,
        copy=True,
        whiten=False,
        svd_solver="auto",
        tol=0.0,
        iterated_power="auto",
        n_oversamples=10,
        power_iteration_normalizer="auto",
        random_state=None,
    ):
        self.n_components = n_components
        self.copy = copy
        self.whiten = whiten
        self.svd_solver = svd_solver
        self.tol = tol
        self.iterated_power = iterated_power
        self.n_oversamples = n_oversamples
        self.power_iteration_normalizer = power_iteration_normalizer
        self.random_state = random_state

    def fit(self, X, y=None):
        """Fit the model with ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : Ignored

        Returns
        -------
        self : PCA
        """
        self._fit(X)
        return self

    def fit_transform(self, X, y=None):
        """Fit, then return the projections of ``X`` (from U S, without a second product).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : Ignored

        Returns
        -------
        X_new : ndarray of shape (n_samples, ``n_components_``)
        """
        U, S, Xc = self._fit(X)
        if U is None:
            return self._project(Xc)
        U = U[:, : self.n_components_]
        if self.whiten:
            return U * np.sqrt(Xc.shape[0] - 1)  # X_c V S^-1 sqrt(N-1) = U sqrt(N-1)
        return U * S[: self.n_components_]  # X_c V = U S

    def _choose_solver(self, X, n_components):
        if self.svd_solver != "auto":
            return self.svd_solver
        n, d = X.shape
        if d <= 1000 and n >= 10 * d:
            return "covariance_eigh"  # tall and skinny: the D x D covariance is cheap
        if max(n, d) <= 500 or n_components == "mle":
            return "full"
        if 1 <= n_components < 0.8 * min(n, d):
            return "randomized"
        return "full"

    def _fit(self, X):
        self._validate_params()
        X = validate_data(self, X, dtype=[np.float64, np.float32])
        n_samples, n_features = X.shape
        if n_samples < 2:
            raise ValueError(
                f"PCA needs at least 2 samples to estimate variances; got n_samples={n_samples}."
            )
        n_components = min(X.shape) if self.n_components is None else self.n_components
        solver = self._choose_solver(X, n_components)
        self._fit_svd_solver = solver
        bound = min(n_samples, n_features)
        if solver == "randomized":
            if isinstance(n_components, str) or not 1 <= n_components <= bound or (
                isinstance(n_components, Real) and not isinstance(n_components, Integral)
            ):
                raise ValueError(
                    f"n_components={n_components!r} must be an int between 1 and "
                    f"min(n_samples, n_features)={bound} with svd_solver='randomized'"
                )
        elif n_components == "mle":
            if n_samples < n_features:
                raise ValueError("n_components='mle' is only supported if n_samples >= n_features")
        elif not 0 <= n_components <= bound:
            raise ValueError(
                f"n_components={n_components} must be between 0 and "
                f"min(n_samples, n_features)={bound} with svd_solver={solver!r}"
            )

        self.mean_ = X.mean(axis=0)
        Xc = X - self.mean_  # a new array: the caller's X is never modified
        U = None
        if solver == "full":
            U, S, Vt = np.linalg.svd(Xc, full_matrices=False)  # eq. (pca-svd)
            explained_variance = S**2 / (n_samples - 1)  # eq. (pca-var)
        elif solver == "covariance_eigh":
            C = Xc.T @ Xc / (n_samples - 1)
            eigvals, eigvecs = np.linalg.eigh(C)  # ascending order
            eigvals, Vt = eigvals[::-1], eigvecs[:, ::-1].T
            # C is positive semi-definite; eigh may return -1e-17 for a zero
            # eigenvalue, which the square root below would turn into NaN.
            explained_variance = np.maximum(eigvals, 0.0)
            S = np.sqrt(explained_variance * (n_samples - 1))
        else:
            U, S, Vt = randomized_svd(
                Xc, n_components, n_oversamples=self.n_oversamples, n_iter=self.iterated_power,
                power_iteration_normalizer=self.power_iteration_normalizer,
                flip_sign=False, random_state=check_random_state(self.random_state),
            )
            explained_variance = S**2 / (n_samples - 1)
        if U is None:
            _, Vt = svd_flip(np.zeros((0, Vt.shape[0]), dtype=Vt.dtype), Vt, u_based_decision=False)
        else:
            U, Vt = svd_flip(U, Vt, u_based_decision=False)

        total_var = (
            # einsum: the sum of squares without an N x D temporary
            np.einsum("ij,ij->", Xc, Xc) / (n_samples - 1)
            if solver == "randomized"
            else np.sum(explained_variance)
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            # all-identical rows: no variance at all, every ratio is 0 (not 0/0)
            ratio = explained_variance / total_var if total_var > 0 else np.zeros_like(explained_variance)

        if n_components == "mle":
            n_components = _infer_dimension(explained_variance, n_samples)
        elif 0 < n_components < 1.0:
            # smallest k whose cumulative ratio is strictly above the fraction
            n_components = int(np.searchsorted(np.cumsum(ratio), n_components, side="right")) + 1
            n_components = min(n_components, explained_variance.shape[0])
        n_components = int(n_components)

        if n_components < bound:
            if solver == "randomized":
                self.noise_variance_ = float((total_var - explained_variance.sum()) / (bound - n_components))
            else:
                self.noise_variance_ = float(np.mean(explained_variance[n_components:]))  # eq. (ppca-sigma2)
        else:
            self.noise_variance_ = 0.0
        self.n_samples_ = n_samples
        self.n_components_ = n_components
        self.components_ = np.ascontiguousarray(Vt[:n_components])
        self.explained_variance_ = explained_variance[:n_components].copy()
        self.explained_variance_ratio_ = ratio[:n_components].copy()
        self.singular_values_ = S[:n_components].copy()
        return U, S, Xc

    def _project(self, Xc):
        Z = Xc @ self.components_.T
        if self.whiten:
            # eq. (pca-whiten); a numerically zero variance would divide by 0
            scale = np.sqrt(self.explained_variance_)
            scale = np.maximum(scale, np.finfo(scale.dtype).eps)
            Z /= scale
        return Z

    def transform(self, X):
        """Project ``X`` on the principal axes (eq. pca-whiten when ``whiten``).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_new : ndarray of shape (n_samples, ``n_components_``)
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=[np.float64, np.float32])
        return self._project(X - self.mean_)

    def inverse_transform(self, X):
        """Map projections back to the input space: :math:`Z V_k^\\top + \\bar x` (undoing whitening).

        Parameters
        ----------
        X : array-like of shape (n_samples, ``n_components_``)

        Returns
        -------
        X_original : ndarray of shape (n_samples, n_features)
        """
        check_is_fitted(self)
        X = check_array(X, dtype=[np.float64, np.float32])
        components = self.components_
        if self.whiten:
            components = np.sqrt(self.explained_variance_)[:, np.newaxis] * components
        return X @ components + self.mean_

    def _exp_var_diff(self):
        # max(lambda_j - sigma^2, 0): the signal variance along each axis
        return np.maximum(self.explained_variance_ - self.noise_variance_, 0.0)

    def get_covariance(self):
        r"""Model covariance :math:`\Sigma` of eq. (ppca-loglik).

        Returns
        -------
        cov : ndarray of shape (n_features, n_features)
        """
        check_is_fitted(self)
        V = self.components_
        cov = (V.T * self._exp_var_diff()) @ V
        cov[np.diag_indices_from(cov)] += self.noise_variance_
        return cov

    def get_precision(self):
        r""":math:`\Sigma^{-1}` by the matrix inversion lemma (a k x k solve, not a D x D inverse).

        Returns
        -------
        precision : ndarray of shape (n_features, n_features)
        """
        check_is_fitted(self)
        n_features = self.components_.shape[1]
        sigma2 = self.noise_variance_
        if self.n_components_ == 0:
            return np.eye(n_features) / sigma2
        if sigma2 == 0.0:
            return np.linalg.inv(self.get_covariance())
        V = self.components_
        # Woodbury: (sigma2 I + V^T D V)^-1 = I/sigma2 - V^T (D^-1 + V V^T/sigma2)^-1 V / sigma2^2
        with np.errstate(divide="ignore"):
            inner = V @ V.T / sigma2 + np.diag(1.0 / self._exp_var_diff())
        precision = -(V.T @ np.linalg.solve(inner, V)) / sigma2**2
        precision[np.diag_indices_from(precision)] += 1.0 / sigma2
        return precision

    def score_samples(self, X):
        """Log-likelihood of each sample under probabilistic PCA (eq. ppca-loglik).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ll : ndarray of shape (n_samples,)
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=[np.float64, np.float32])
        Xr = X - self.mean_
        precision = self.get_precision()
        sign, logdet = np.linalg.slogdet(precision)
        logdet = logdet if sign > 0 else -np.inf
        ll = -0.5 * np.sum(Xr * (Xr @ precision), axis=1)  # eq. (ppca-loglik)
        ll -= 0.5 * (X.shape[1] * log(2.0 * np.pi) - logdet)
        return ll

    def score(self, X, y=None):
        """Mean log-likelihood of the samples (eq. ppca-loglik).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : Ignored

        Returns
        -------
        ll : float
        """
        return float(np.mean(self.score_samples(X)))

    @property
    def _n_features_out(self):
        return self.components_.shape[0]

    def _extra_tags(self):
        return {"preserves_dtype": ["float64", "float32"]}
