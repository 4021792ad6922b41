r"""``SVR`` (epsilon-insensitive) and ``OneClassSVM`` (nu formulation) on the SMO solver.

Notes
-----
Notation as in :mod:`._svc`: :math:`l` points, kernel :math:`K`.

Epsilon-SVR fits :math:`f(x) = w^\top\phi(x) + b` ignoring errors below
:math:`\varepsilon`. Its dual has two multipliers per point,
:math:`\alpha, \alpha^*`, and is LIBSVM's general problem with :math:`2l`
variables, signs :math:`s = (e, -e)` and linear term
:math:`p = (\varepsilon e - y, \varepsilon e + y)`:

.. math::
   :label: svr-dual

   \min_{\alpha, \alpha^*} \tfrac12 (\alpha - \alpha^*)^\top K (\alpha - \alpha^*)
   + \varepsilon e^\top (\alpha + \alpha^*) - y^\top (\alpha - \alpha^*),
   \quad 0 \le \alpha, \alpha^* \le C,\ e^\top(\alpha - \alpha^*) = 0,

with prediction :math:`f(x) = \sum_i (\alpha_i - \alpha_i^*) K(x_i, x) - \rho`.

The one-class SVM (Schölkopf et al.) separates the data from the origin in
feature space with at most a fraction :math:`\nu` of outliers:

.. math::
   :label: ocsvm-dual

   \min_\alpha \tfrac12 \alpha^\top K \alpha
   \quad \text{s.t.} \quad 0 \le \alpha_i \le 1,\ e^\top \alpha = \nu l,

started, as LIBSVM does, from the first :math:`\lfloor \nu l \rfloor` multipliers
at 1 and the next at the remainder. A point is an inlier when
:math:`\sum_i \alpha_i K(x_i, x) - \rho > 0`.

References
----------
A. J. Smola, B. Schölkopf, "A tutorial on support vector regression",
Statistics and Computing 14, 2004, doi:10.1023/B:STCO.0000035301.49549.88.
B. Schölkopf, J. C. Platt, J. Shawe-Taylor, A. J. Smola, R. C. Williamson,
"Estimating the support of a high-dimensional distribution", Neural
Computation 13(7), 2001, doi:10.1162/089976601750264965.
C.-C. Chang, C.-J. Lin, "LIBSVM", ACM TIST 2(3), 2011, §2.3-2.4.
"""

import warnings
from numbers import Integral, Real

import numpy as np

from ..base import BaseEstimator, OutlierMixin, RegressorMixin
from ..exceptions import ConvergenceWarning
from ..utils.validation import Interval, StrOptions, check_is_fitted, validate_data
from ._libsvm_common import KERNELS, gamma_value, kernel_matrix, n_cache_slots
from ._smo_kernels import smo_jit

__all__ = ["NuSVR", "OneClassSVM", "SVR"]

_COMMON = {
    "kernel": [StrOptions(set(KERNELS))],
    "degree": [Interval(Integral, 0, None, closed="left")],
    "gamma": [StrOptions({"scale", "auto"}), Interval(Real, 0.0, None, closed="left")],
    "coef0": [Real],
    "tol": [Interval(Real, 0.0, None, closed="neither")],
    "shrinking": ["boolean"],
    "cache_size": [Interval(Real, 0, None, closed="neither")],
    "max_iter": [Interval(Integral, -1, None, closed="left")],
}


class _KernelMachine(BaseEstimator):
    """Shared fitting plumbing of the single-problem LIBSVM variants."""

    def _extra_tags(self):
        return {"pairwise": self.kernel == "precomputed"}

    def _check_X(self, X, reset):
        X = validate_data(self, X, reset=reset, dtype=np.float64, order="C")
        if reset and self.kernel == "precomputed" and X.shape[0] != X.shape[1]:
            raise ValueError(
                f"Precomputed matrix must be a square matrix. Input is a "
                f"{X.shape[0]}x{X.shape[1]} matrix."
            )
        return X

    def _solve(self, X, src, y, p, C, alpha0, nu_mode=0):
        self._gamma = gamma_value(self.gamma, X)
        alpha, rho, n_iter, status = smo_jit(
            X, src, y, p, C, alpha0, KERNELS[self.kernel], self._gamma, float(self.coef0),
            int(self.degree), float(self.tol), int(self.max_iter),
            n_cache_slots(self.cache_size, len(y)), nu_mode, bool(self.shrinking),
        )
        if status:
            warnings.warn(
                "Solver terminated early (max_iter=%d). Consider pre-processing your "
                "data with StandardScaler or MinMaxScaler." % self.max_iter,
                ConvergenceWarning,
                stacklevel=3,
            )
        self.n_iter_ = n_iter
        self.fit_status_ = status
        self.shape_fit_ = X.shape
        return alpha, rho

    def _store(self, X, coef, rho):
        self.support_ = np.flatnonzero(coef != 0).astype(np.int32)
        self.dual_coef_ = coef[self.support_][None, :]
        self.support_vectors_ = (
            np.empty((0, 0)) if self.kernel == "precomputed" else X[self.support_]
        )
        self.intercept_ = np.array([-rho if rho != 0 else 0.0])
        self._rho = rho

    def _raw_decision(self, X):
        """:math:`\\sum_i c_i K(x_i, x) - \\rho` for each row of ``X``."""
        check_is_fitted(self)
        X = self._check_X(X, reset=False)
        if self.kernel == "precomputed":
            K = X[:, self.support_]
        else:
            K = kernel_matrix(X, self.support_vectors_, self.kernel, self._gamma,
                              self.coef0, self.degree)
        return K @ self.dual_coef_[0] - self._rho


class SVR(RegressorMixin, _KernelMachine):
    """Epsilon-support vector regression (LIBSVM's epsilon-SVR), solved by SMO with WSS3.

    Parameters
    ----------
    kernel : {'linear', 'poly', 'rbf', 'sigmoid', 'precomputed'}, default='rbf'
    degree : int, default=3
    gamma : {'scale', 'auto'} or float, default='scale'
    coef0 : float, default=0.0
    tol : float, default=1e-3
    C : float, default=1.0
        Box bound of eq. (svr-dual), ``C > 0``.
    epsilon : float, default=0.1
        Width of the insensitive tube, ``>= 0``.
    shrinking : bool, default=True
        Shrink the active set as LIBSVM does (eq. svm-shrink of :class:`SVC`).
    cache_size : float, default=200
        Kernel-row cache in MB.
    max_iter : int, default=-1

    Attributes
    ----------
    support_ : ndarray of shape (n_SV,)
    support_vectors_ : ndarray of shape (n_SV, n_features)
    dual_coef_ : ndarray of shape (1, n_SV)
        :math:`\\alpha_i - \\alpha_i^*`.
    intercept_ : ndarray of shape (1,)
    n_iter_ : int
    fit_status_ : int
    shape_fit_ : tuple
    n_features_in_ : int

    Raises
    ------
    ValueError
        Invalid parameters, a non-square precomputed kernel.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.svm import SVR
    >>> X = np.arange(10.0).reshape(-1, 1)
    >>> reg = SVR(kernel="linear", C=10.0, epsilon=0.1).fit(X, 2 * X.ravel() + 1)
    >>> np.round(reg.predict([[4.5]]), 1)
    array([10.])
    """

    _parameter_constraints = {
        **_COMMON,
        "C": [Interval(Real, 0.0, None, closed="neither")],
        "epsilon": [Interval(Real, 0.0, None, closed="left")],
    }

    def __init__(
        self, *, kernel="rbf", degree=3, gamma="scale", coef0=0.0, tol=1e-3, C=1.0,
        epsilon=0.1, shrinking=True, cache_size=200, max_iter=-1,
    ):
        self.kernel = kernel
        self.degree = degree
        self.gamma = gamma
        self.coef0 = coef0
        self.tol = tol
        self.C = C
        self.epsilon = epsilon
        self.shrinking = shrinking
        self.cache_size = cache_size
        self.max_iter = max_iter

    def fit(self, X, y):
        """Solve eq. (svr-dual).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features) or (n_samples, n_samples)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : SVR
        """
        self._validate_params()
        X, y = validate_data(self, X, y, dtype=np.float64, order="C", y_numeric=True)
        X = self._check_X(X, reset=False)
        y = y.astype(np.float64)
        n = X.shape[0]
        src = np.concatenate([np.arange(n), np.arange(n)])  # alpha and alpha* share x_i
        s = np.concatenate([np.ones(n), -np.ones(n)])
        p = np.concatenate([self.epsilon - y, self.epsilon + y])  # eq. (svr-dual)
        alpha, rho = self._solve(X, src, s, p, np.full(2 * n, float(self.C)), np.zeros(2 * n))
        self._store(X, alpha[:n] - alpha[n:], rho)
        self.n_support_ = np.array([0, 0], dtype=np.int32)
        return self

    def predict(self, X):
        """:math:`f(x) = \\sum_i (\\alpha_i - \\alpha_i^*) K(x_i, x) - \\rho`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,)
        """
        return self._raw_decision(X)


class OneClassSVM(OutlierMixin, _KernelMachine):
    """Unsupervised outlier detection with the nu one-class SVM (eq. ocsvm-dual).

    Parameters
    ----------
    kernel : {'linear', 'poly', 'rbf', 'sigmoid', 'precomputed'}, default='rbf'
    degree : int, default=3
    gamma : {'scale', 'auto'} or float, default='scale'
    coef0 : float, default=0.0
    tol : float, default=1e-3
    nu : float, default=0.5
        Upper bound on the fraction of training outliers and lower bound on
        the fraction of support vectors, in (0, 1].
    shrinking : bool, default=True
        Shrink the active set as LIBSVM does (eq. svm-shrink of :class:`SVC`).
    cache_size : float, default=200
    max_iter : int, default=-1

    Attributes
    ----------
    support_ : ndarray of shape (n_SV,)
    support_vectors_ : ndarray of shape (n_SV, n_features)
    dual_coef_ : ndarray of shape (1, n_SV)
    intercept_ : ndarray of shape (1,)
        :math:`-\\rho`.
    offset_ : ndarray of shape (1,)
        :math:`\\rho`: ``decision_function = score_samples - offset_``.
    n_iter_ : int
    fit_status_ : int
    shape_fit_ : tuple
    n_features_in_ : int

    Raises
    ------
    ValueError
        Invalid parameters (``nu`` outside (0, 1]), a non-square precomputed kernel.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.svm import OneClassSVM
    >>> X = np.array([[0.0], [0.1], [0.2], [0.15], [5.0]])
    >>> OneClassSVM(gamma=1.0, nu=0.2).fit(X).predict([[0.1], [6.0]])
    array([ 1, -1])
    """

    _parameter_constraints = {
        **_COMMON,
        "nu": [Interval(Real, 0.0, 1.0, closed="right")],
    }

    def __init__(
        self, *, kernel="rbf", degree=3, gamma="scale", coef0=0.0, tol=1e-3, nu=0.5,
        shrinking=True, cache_size=200, max_iter=-1,
    ):
        self.kernel = kernel
        self.degree = degree
        self.gamma = gamma
        self.coef0 = coef0
        self.tol = tol
        self.nu = nu
        self.shrinking = shrinking
        self.cache_size = cache_size
        self.max_iter = max_iter

    def fit(self, X, y=None):
        """Solve eq. (ocsvm-dual).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features) or (n_samples, n_samples)
        y : Ignored

        Returns
        -------
        self : OneClassSVM
        """
        self._validate_params()
        X = self._check_X(X, reset=True)
        n = X.shape[0]
        alpha0 = np.zeros(n)
        # LIBSVM's feasible start e^T alpha = nu l, with nu l accumulated term
        # by term as LIBSVM does (45.000000000000014 for nu=0.3, l=150): the
        # last bit decides whether one more multiplier starts non-zero
        remaining = 0.0
        for _ in range(n):
            remaining += self.nu
        i = 0
        while remaining > 0:
            alpha0[i] = min(1.0, remaining)
            remaining -= alpha0[i]
            i += 1
        alpha, rho = self._solve(X, np.arange(n), np.ones(n), np.zeros(n), np.ones(n), alpha0)
        self._store(X, alpha, rho)
        self.offset_ = -self.intercept_
        return self

    def decision_function(self, X):
        """Signed score, positive for inliers: :math:`\\sum_i \\alpha_i K(x_i, x) - \\rho`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        dec : ndarray of shape (n_samples,)
        """
        return self._raw_decision(X)

    def score_samples(self, X):
        """Raw score :math:`\\sum_i \\alpha_i K(x_i, x)`; lower is more abnormal.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        score : ndarray of shape (n_samples,)
        """
        return self.decision_function(X) + self.offset_

    def predict(self, X):
        """+1 for inliers, -1 for outliers.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,)
        """
        return np.where(self.decision_function(X) > 0, 1, -1)


class NuSVR(RegressorMixin, _KernelMachine):
    r"""nu-support vector regression: nu sets the fraction of support vectors, epsilon is learnt.

    LIBSVM's nu-SVR: the epsilon-SVR dual (eq. svr-dual) with the epsilon term
    replaced by the constraint :math:`e^\top(\alpha + \alpha^*) = C \nu l`,
    solved by ``Solver_NU`` (same-label working pairs, eq. svm-wss-nu); the
    tube width comes out as :math:`-r` (eq. svm-rho-nu).

    Parameters
    ----------
    nu : float, default=0.5
        In (0, 1].
    C : float, default=1.0
    kernel, degree, gamma, coef0, shrinking, tol, cache_size, max_iter
        As in :class:`SVR`.

    Attributes
    ----------
    As :class:`SVR`.

    Raises
    ------
    ValueError
        Invalid parameters.

    References
    ----------
    B. Schölkopf, A. J. Smola, R. C. Williamson, P. L. Bartlett, "New support
    vector algorithms", Neural Computation 12(5), 2000, §3.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.svm import NuSVR
    >>> X = np.arange(10.0).reshape(-1, 1)
    >>> reg = NuSVR(kernel="linear", C=10.0, nu=0.5).fit(X, 2 * X.ravel() + 1)
    >>> np.round(reg.predict([[4.5]]), 1)
    array([10.])
    """

    _parameter_constraints = {
        **_COMMON,
        "C": [Interval(Real, 0.0, None, closed="neither")],
        "nu": [Interval(Real, 0.0, 1.0, closed="right")],
    }

    def __init__(
        self, *, nu=0.5, C=1.0, kernel="rbf", degree=3, gamma="scale", coef0=0.0,
        shrinking=True, tol=1e-3, cache_size=200, max_iter=-1,
    ):
        self.nu = nu
        self.C = C
        self.kernel = kernel
        self.degree = degree
        self.gamma = gamma
        self.coef0 = coef0
        self.shrinking = shrinking
        self.tol = tol
        self.cache_size = cache_size
        self.max_iter = max_iter

    def fit(self, X, y):
        """Solve the nu-SVR dual.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features) or (n_samples, n_samples)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : NuSVR
        """
        self._validate_params()
        X, y = validate_data(self, X, y, dtype=np.float64, order="C", y_numeric=True)
        X = self._check_X(X, reset=False)
        y = y.astype(np.float64)  # the linear term must be float (int y would truncate G)
        n = X.shape[0]
        C = float(self.C)
        total = 0.0
        for _ in range(n):
            total += C * self.nu  # accumulated as LIBSVM does
        total /= 2
        alpha0 = np.zeros(2 * n)
        for i in range(n):  # LIBSVM's feasible start, alpha_i = alpha*_i
            alpha0[i] = alpha0[i + n] = min(total, C)
            total -= alpha0[i]
        src = np.concatenate([np.arange(n), np.arange(n)])
        s = np.concatenate([np.ones(n), -np.ones(n)])
        p = np.concatenate([-y, y])
        alpha, rho = self._solve(X, src, s, p, np.full(2 * n, C), alpha0, nu_mode=2)
        self._store(X, alpha[:n] - alpha[n:], rho)
        self.n_support_ = np.array([0, 0], dtype=np.int32)
        return self

    def predict(self, X):
        """:math:`f(x) = \\sum_i (\\alpha_i - \\alpha_i^*) K(x_i, x) - \\rho`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,)
        """
        return self._raw_decision(X)
