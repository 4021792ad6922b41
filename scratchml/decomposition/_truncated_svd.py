r"""Truncated SVD (latent semantic analysis) by the randomized range finder."""

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

__all__ = ["TruncatedSVD"]


class TruncatedSVD(TransformerMixin, BaseEstimator):
    r"""Dimensionality reduction by a truncated SVD of the *uncentred* data.

    Parameters
    ----------
    n_components : int, default=2
        Number of singular triplets k; at most n_features.
    algorithm : {'randomized'}, default='randomized'
        Halko et al.'s randomized SVD (:func:`randomized_svd`). scikit-learn's
        'arpack' is not provided (it wraps the ARPACK Fortran library).
    n_iter : int, default=5
        Power iterations of the range finder (eq. halko-range).
    n_oversamples : int, default=10
        Extra random directions p.
    power_iteration_normalizer : {'auto', 'QR', 'LU', 'none'}, default='auto'
    random_state : int, RandomState instance or None, default=None
        Seeds the Gaussian sketch; same seed, same sketch as scikit-learn.
    tol : float, default=0.0
        Unused (ARPACK's tolerance in scikit-learn).

    Attributes
    ----------
    components_ : ndarray of shape (n_components, n_features)
        Right singular vectors :math:`V_k^\top` (signs by ``svd_flip`` on them).
    explained_variance_ : ndarray of shape (n_components,)
        Variance of each column of the projection :math:`X V_k`.
    explained_variance_ratio_ : ndarray of shape (n_components,)
        The same over the total variance of X.
    singular_values_ : ndarray of shape (n_components,)
        :math:`s_1 \ge \dots \ge s_k`, eq. (tsvd).
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        ``n_components`` > n_features (the message gives the bound); fewer
        than 2 features.

    See Also
    --------
    PCA : the same on centred data.

    Notes
    -----
    Notation: N samples, D features. Unlike PCA the data are not centred, so
    the method keeps sparsity-friendly structure (term-document matrices):

    .. math::
       :label: tsvd

       X \approx U_k \Sigma_k V_k^\top, \qquad Z = X V_k .

    :math:`X V_k` is used for the projection rather than :math:`U_k \Sigma_k`:
    the two differ by the approximation error of the randomized SVD.

    References
    ----------
    N. Halko, P.-G. Martinsson and J. A. Tropp, SIAM Review 53(2), 2011,
    doi:10.1137/090771806, Algorithms 4.4 and 5.1.

    S. Deerwester et al., "Indexing by latent semantic analysis", JASIS 41(6),
    1990 (LSA).

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.decomposition import TruncatedSVD
    >>> X = np.random.default_rng(0).normal(size=(20, 6))
    >>> Z = TruncatedSVD(n_components=2, random_state=0).fit_transform(X)
    >>> Z.shape
    (20, 2)
    """

    _parameter_constraints = {
        "n_components": [Interval(Integral, 1, None, closed="left")],
        "algorithm": [StrOptions({"randomized"})],
        "n_iter": [Interval(Integral, 0, None, closed="left")],
        "n_oversamples": [Interval(Integral, 1, None, closed="left")],
        "power_iteration_normalizer": [StrOptions({"auto", "QR", "LU", "none"})],
        "random_state": ["random_state"],
        "tol": [Interval(Real, 0, None, closed="left")],
    }

    def __init__(
        self,
        n_components=2,
        *,
        algorithm="randomized",
        n_iter=5,
        n_oversamples=10,
        power_iteration_normalizer="auto",
        random_state=None,
        tol=0.0,
    ):
        self.n_components = n_components
        self.algorithm = algorithm
        self.n_iter = n_iter
        self.n_oversamples = n_oversamples
        self.power_iteration_normalizer = power_iteration_normalizer
        self.random_state = random_state
        self.tol = tol

    def fit(self, X, y=None):
        """Fit the model on ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : Ignored

        Returns
        -------
        self : TruncatedSVD
        """
        self.fit_transform(X)
        return self

    def fit_transform(self, X, y=None):
        """Fit the model and return the projection :math:`X V_k` (eq. tsvd).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : Ignored

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_components)
        """
        self._validate_params()
        X = validate_data(self, X, dtype=[np.float64, np.float32], ensure_min_features=2)
        if self.n_components > X.shape[1]:
            raise ValueError(
                f"n_components={self.n_components} must be <= n_features={X.shape[1]}."
            )
        U, S, Vt = randomized_svd(
            X, self.n_components, n_iter=self.n_iter, n_oversamples=self.n_oversamples,
            power_iteration_normalizer=self.power_iteration_normalizer,
            random_state=check_random_state(self.random_state), flip_sign=False,
        )
        _, Vt = svd_flip(U, Vt, u_based_decision=False)
        self.components_ = Vt
        Z = X @ Vt.T  # eq. (tsvd)
        self.explained_variance_ = np.var(Z, axis=0)
        total = np.var(X, axis=0).sum()
        # all-identical rows have no variance: ratios 0 rather than 0/0
        self.explained_variance_ratio_ = (
            self.explained_variance_ / total if total > 0 else np.zeros_like(self.explained_variance_)
        )
        self.singular_values_ = S
        return Z

    def transform(self, X):
        """Project ``X`` on the right singular vectors.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_components)
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=[np.float64, np.float32])
        return X @ self.components_.T

    def inverse_transform(self, X):
        """Map projections back: :math:`Z V_k^\\top`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_components)

        Returns
        -------
        X_original : ndarray of shape (n_samples, n_features)
        """
        check_is_fitted(self)
        X = check_array(X, dtype=[np.float64, np.float32])
        return X @ self.components_

    @property
    def _n_features_out(self):
        return self.components_.shape[0]

    def _extra_tags(self):
        return {"preserves_dtype": ["float64", "float32"]}
