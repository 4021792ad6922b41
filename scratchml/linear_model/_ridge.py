r"""Ridge regression: least squares with an L2 penalty, solved in closed form."""

from numbers import Real

import numpy as np

from ..base import RegressorMixin
from ..utils.validation import Interval, StrOptions, check_sample_weight, validate_data
from ._base import LinearModel, center_data, rescale_data

__all__ = ["Ridge"]


def ridge_cholesky(X, y, alpha):
    r"""Solve eq. (ridge-normal) (or its dual, eq. (ridge-dual), when D > N) by Cholesky.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    alpha : float >= 0

    Returns
    -------
    w : ndarray of shape (n_features,)

    Raises
    ------
    numpy.linalg.LinAlgError
        If the regularised Gram matrix is not positive definite (alpha = 0 on
        rank-deficient data); the caller then falls back to the SVD.
    """
    n_samples, n_features = X.shape
    if n_features > n_samples:
        # eq. (ridge-dual): an N x N system instead of D x D
        K = X @ X.T
        K[np.diag_indices_from(K)] += alpha
        L = np.linalg.cholesky(K)
        a = _cho_solve(L, y)
        return X.T @ a
    # eq. (ridge-normal)
    A = X.T @ X
    A[np.diag_indices_from(A)] += alpha
    L = np.linalg.cholesky(A)
    return _cho_solve(L, X.T @ y)


def _cho_solve(L, b):
    r"""Solve :math:`L L^\top x = b` by forward then back substitution, O(D^2).

    (numpy has no triangular solver; ``numpy.linalg.solve`` would redo an LU
    factorisation, O(D^3), and the explicit inverse would lose accuracy.)
    """
    n = L.shape[0]
    z = np.empty(n)
    for i in range(n):  # L z = b
        z[i] = (b[i] - L[i, :i] @ z[:i]) / L[i, i]
    x = np.empty(n)
    for i in range(n - 1, -1, -1):  # L^T x = z
        x[i] = (z[i] - L[i + 1 :, i] @ x[i + 1 :]) / L[i, i]
    return x


def ridge_svd(X, y, alpha):
    r"""Solve eq. (ridge-svd): shrink each singular direction by :math:`s/(s^2+\alpha)`.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    alpha : float >= 0

    Returns
    -------
    w : ndarray of shape (n_features,)
    """
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    # s / (s^2 + alpha); directions with s = 0 (and alpha = 0) get 0: minimum norm
    cutoff = np.finfo(np.float64).eps * max(X.shape) * (s[0] if s.size else 0.0)
    denom = s**2 + alpha
    d = np.where(s > cutoff, s / np.where(denom > 0, denom, 1.0), 0.0)
    return Vt.T @ (d * (U.T @ y))  # eq. (ridge-svd)


class Ridge(RegressorMixin, LinearModel):
    r"""Linear least squares with L2 regularisation (ridge regression).

    Parameters
    ----------
    alpha : float >= 0 or array-like of shape (n_targets,), default=1.0
        Penalty strength :math:`\alpha` of eq. (ridge-objective); one value
        per target is allowed.
    fit_intercept : bool, default=True
        Fit the (unpenalised) intercept by centring.
    copy_X : bool, default=True
        Kept for scikit-learn compatibility; ``X`` is never modified.
    solver : {'auto', 'cholesky', 'svd'}, default='auto'
        'cholesky': eq. (ridge-normal), or eq. (ridge-dual) when
        n_features > n_samples; falls back to 'svd' if the matrix is singular.
        'svd': eq. (ridge-svd), the most stable. 'auto' is 'cholesky'.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,) or (n_targets, n_features)
        Weights :math:`w` of eq. (ridge-objective).
    intercept_ : float or ndarray of shape (n_targets,)
        :math:`b = \bar y - \bar x^\top w`.
    n_iter_ : None
        Closed forms run no iterations (scikit-learn's attribute, kept for parity).
    solver_ : str
        The solver actually used.
    n_features_in_ : int
        Number of features seen in ``fit``.
    feature_names_in_ : ndarray of shape (``n_features_in_``,)
        Column names, when ``X`` was a DataFrame with string column names.

    Raises
    ------
    ValueError
        Negative ``alpha`` or a number of penalties different from the number
        of targets.

    See Also
    --------
    LinearRegression : alpha = 0.
    Lasso, ElasticNet : L1 and mixed penalties.

    Notes
    -----
    Notation: :math:`N` samples, :math:`D` features, weights :math:`s_i`. The
    objective (a sum, not a mean, as in scikit-learn) is

    .. math::
       :label: ridge-objective

       \min_{w,b} \sum_i s_i (y_i - x_i^\top w - b)^2 + \alpha \|w\|_2^2 .

    After centring and scaling rows by :math:`\sqrt{s_i}` (see
    ``LinearRegression``), setting the gradient to zero gives

    .. math::
       :label: ridge-normal

       (\tilde X^\top \tilde X + \alpha I_D)\, w = \tilde X^\top \tilde y ,

    or equivalently, by the push-through identity,

    .. math::
       :label: ridge-dual

       w = \tilde X^\top (\tilde X \tilde X^\top + \alpha I_N)^{-1} \tilde y ,

    and with the SVD :math:`\tilde X = U \Sigma V^\top`

    .. math::
       :label: ridge-svd

       w = \sum_j v_j \frac{\sigma_j}{\sigma_j^2 + \alpha} u_j^\top \tilde y .

    References
    ----------
    Hastie, Tibshirani, Friedman, *The Elements of Statistical Learning*, 2nd
    ed., §3.4.1, eqs. 3.41-3.47. Hoerl and Kennard (1970), Ridge regression,
    *Technometrics* 12(1), doi:10.1080/00401706.1970.10488634.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.linear_model import Ridge
    >>> X = np.array([[0.0, 0.0], [0.0, 0.0], [1.0, 1.0]])
    >>> reg = Ridge(alpha=1.0).fit(X, [0.0, 0.1, 1.0])
    >>> np.round(reg.coef_, 4)
    array([0.2714, 0.2714])
    """

    _parameter_constraints = {
        "alpha": [Interval(Real, 0, None, closed="left"), "array-like"],
        "fit_intercept": ["boolean"],
        "copy_X": ["boolean"],
        "solver": [StrOptions({"auto", "cholesky", "svd"})],
    }

    def __init__(self, alpha=1.0, *, fit_intercept=True, copy_X=True, solver="auto"):
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.copy_X = copy_X
        self.solver = solver

    def fit(self, X, y, sample_weight=None):
        """Fit ridge regression.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,) or (n_samples, n_targets)
            Targets.
        sample_weight : float or array-like of shape (n_samples,), default=None
            Non-negative weights :math:`s_i`.

        Returns
        -------
        self : Ridge
            The fitted estimator.
        """
        self._validate_params()
        X, y = validate_data(self, X, y, dtype=np.float64, multi_output=True, y_numeric=True)
        y = y.astype(np.float64, copy=False)
        sample_weight = check_sample_weight(sample_weight, X, ensure_non_negative=True)
        Y = y.reshape(-1, 1) if y.ndim == 1 else y
        alpha = np.asarray(self.alpha, dtype=np.float64).ravel()
        if np.any(alpha < 0):
            raise ValueError(f"alpha={self.alpha!r} must be >= 0 (every entry).")
        if alpha.size not in (1, Y.shape[1]):
            raise ValueError(
                "Number of targets and number of penalties do not correspond: "
                f"{Y.shape[1]} != {alpha.size}"
            )
        alpha = np.broadcast_to(alpha, (Y.shape[1],))

        X_c, Y_c, X_offset, y_offset = center_data(X, Y, self.fit_intercept, sample_weight)
        X_c, Y_c = rescale_data(X_c, Y_c, sample_weight)
        self.solver_ = "cholesky" if self.solver == "auto" else self.solver
        coef = np.empty((Y.shape[1], X.shape[1]))
        for k in range(Y.shape[1]):
            if self.solver_ == "cholesky":
                try:
                    coef[k] = ridge_cholesky(X_c, Y_c[:, k], alpha[k])
                    continue
                except np.linalg.LinAlgError:
                    # singular (alpha = 0 on rank-deficient X): the SVD gives the minimum-norm answer
                    self.solver_ = "svd"
            coef[k] = ridge_svd(X_c, Y_c[:, k], alpha[k])
        if y.ndim == 1:
            coef, y_offset = coef[0], y_offset[0]
        self.coef_ = coef
        self._set_intercept(X_offset, y_offset)
        self.n_iter_ = None
        return self
