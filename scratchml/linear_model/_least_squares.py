r"""Ordinary least squares: ``LinearRegression``.

Two routes to the same minimiser, so a learner can watch them agree:
``solver='lstsq'`` (the SVD-based LAPACK driver behind ``numpy.linalg.lstsq``,
stable and minimum-norm on rank-deficient ``X``) and ``solver='gd'`` (batch
gradient descent with a fixed step, recording ``loss_curve_``).
"""

import warnings
from numbers import Integral, Real

import numpy as np

from ..base import RegressorMixin
from ..exceptions import ConvergenceWarning
from ..utils.validation import Interval, StrOptions, check_sample_weight, validate_data
from ._base import LinearModel, center_data, rescale_data

__all__ = ["LinearRegression"]


class LinearRegression(RegressorMixin, LinearModel):
    r"""Ordinary least squares linear regression.

    Minimises the (weighted) residual sum of squares, eq. (ols-objective).

    Parameters
    ----------
    fit_intercept : bool, default=True
        Fit the intercept :math:`b` (by centring, see Notes). If False the
        model passes through the origin.
    copy_X : bool, default=True
        Kept for scikit-learn compatibility; ``X`` is never modified either way.
    solver : {'lstsq', 'gd'}, default='lstsq'
        'lstsq': ``numpy.linalg.lstsq`` (SVD; never the explicit inverse).
        'gd': batch gradient descent on the mean objective, eq. (ols-gd); only
        this solver reads ``learning_rate``, ``max_iter`` and ``tol``.
    learning_rate : 'auto' or float > 0, default='auto'
        Gradient-descent step :math:`\eta`. 'auto' is :math:`1/L`, where
        :math:`L = \sigma_{\max}(\tilde X)^2 / S` is the Lipschitz constant of
        the gradient (largest Hessian eigenvalue): the largest step that is
        guaranteed to decrease the objective at every iteration.
    max_iter : int, default=1000
        Gradient-descent iterations at most ('gd' only).
    tol : float, default=1e-6
        'gd' stops when :math:`\|\nabla J(w_t)\|_2 \le \mathrm{tol}\,\|\nabla J(0)\|_2`.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,) or (n_targets, n_features)
        Slopes :math:`w` (one row per target when ``y`` is 2-D).
    intercept_ : float or ndarray of shape (n_targets,)
        :math:`b = \bar y - \bar x^\top w`; 0 when ``fit_intercept=False``.
    rank_ : int
        Rank of the centred, weighted ``X`` ('lstsq' only).
    singular_ : ndarray of shape (min(n_samples, n_features),)
        Its singular values ('lstsq' only).
    loss_curve_ : list of float
        Objective (ols-gd) at every gradient-descent iterate, starting at
        :math:`w_0 = 0` ('gd' only).
    n_iter_ : int
        Gradient-descent iterations run; 1 for 'lstsq' (one direct solve).
    n_features_in_ : int
        Number of features seen in ``fit``.
    feature_names_in_ : ndarray of shape (``n_features_in_``,)
        Column names, when ``X`` was a DataFrame with string column names.

    Raises
    ------
    ValueError
        Bad parameter values (named in the message), or bad ``X``/``y``.

    See Also
    --------
    Ridge : least squares with an L2 penalty.

    Notes
    -----
    Notation: :math:`N` samples, :math:`D` features, weights :math:`s_i`
    (all 1 by default), :math:`S = \sum_i s_i`. The objective is

    .. math::
       :label: ols-objective

       \min_{w, b} \sum_{i=1}^N s_i (y_i - x_i^\top w - b)^2 .

    With :math:`\tilde X`, :math:`\tilde y` the data centred on their
    weighted means and rows scaled by :math:`\sqrt{s_i}`, the slopes solve
    the least-squares problem :math:`\min_w \|\tilde y - \tilde X w\|^2`,
    whose minimum-norm solution is

    .. math::
       :label: ols-pinv

       w = \tilde X^{+} \tilde y = V \Sigma^{+} U^\top \tilde y .

    LAPACK computes it from the SVD :math:`\tilde X = U \Sigma V^\top`; the
    normal equations :math:`\tilde X^\top \tilde X w = \tilde X^\top \tilde y`
    would square the condition number. Gradient descent minimises the mean
    objective instead, with the same minimiser:

    .. math::
       :label: ols-gd

       J(w) = \frac{1}{2S}\|\tilde y - \tilde X w\|^2, \quad
       \nabla J(w) = -\frac{1}{S}\tilde X^\top(\tilde y - \tilde X w), \quad
       w_{t+1} = w_t - \eta \nabla J(w_t).

    Started at :math:`w_0 = 0`, every iterate lies in the row space of
    :math:`\tilde X`, so on rank-deficient data GD also converges to the
    minimum-norm solution (ols-pinv).

    References
    ----------
    Hastie, Tibshirani, Friedman, *The Elements of Statistical Learning*, 2nd
    ed., §3.2, eqs. 3.1-3.6. Golub and Van Loan, *Matrix Computations*, 4th ed.,
    §5.5 (rank-deficient least squares via the SVD). Nesterov, *Lectures on
    Convex Optimization*, 2nd ed., §2.1.5 (gradient method with step 1/L).

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.linear_model import LinearRegression
    >>> X = np.array([[1.0, 1.0], [1.0, 2.0], [2.0, 2.0], [2.0, 3.0]])
    >>> y = X @ np.array([1.0, 2.0]) + 3.0
    >>> reg = LinearRegression().fit(X, y)
    >>> np.round(reg.coef_, 6), round(float(reg.intercept_), 6)
    (array([1., 2.]), 3.0)
    >>> gd = LinearRegression(solver="gd", max_iter=5000, tol=1e-10).fit(X, y)
    >>> np.round(gd.coef_, 6)
    array([1., 2.])
    """

    _parameter_constraints = {
        "fit_intercept": ["boolean"],
        "copy_X": ["boolean"],
        "solver": [StrOptions({"lstsq", "gd"})],
        "learning_rate": [StrOptions({"auto"}), Interval(Real, 0, None, closed="neither")],
        "max_iter": [Interval(Integral, 1, None, closed="left")],
        "tol": [Interval(Real, 0, None, closed="left")],
    }

    def __init__(
        self,
        *,
        fit_intercept=True,
        copy_X=True,
        solver="lstsq",
        learning_rate="auto",
        max_iter=1000,
        tol=1e-6,
    ):
        self.fit_intercept = fit_intercept
        self.copy_X = copy_X
        self.solver = solver
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.tol = tol

    def fit(self, X, y, sample_weight=None):
        """Fit the least-squares model.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,) or (n_samples, n_targets)
            Targets.
        sample_weight : array-like of shape (n_samples,), default=None
            Non-negative weights :math:`s_i` of eq. (ols-objective).

        Returns
        -------
        self : LinearRegression
            The fitted estimator.
        """
        self._validate_params()
        X, y = validate_data(self, X, y, dtype=np.float64, multi_output=True, y_numeric=True)
        y = y.astype(np.float64, copy=False)
        sample_weight = check_sample_weight(sample_weight, X, ensure_non_negative=True)
        X_c, y_c, X_offset, y_offset = center_data(X, y, self.fit_intercept, sample_weight)
        X_c, y_c = rescale_data(X_c, y_c, sample_weight)

        if self.solver == "lstsq":
            # eq. (ols-pinv); rcond=None: singular values below eps * max(N, D) * s_max are zero
            coef, _, self.rank_, self.singular_ = np.linalg.lstsq(X_c, y_c, rcond=None)
            self.n_iter_ = 1
        else:
            coef = self._gradient_descent(X_c, y_c, sample_weight.sum())
        self.coef_ = coef.T
        self._set_intercept(X_offset, y_offset)
        return self

    def _gradient_descent(self, X, y, total_weight):
        """Batch gradient descent on eq. (ols-gd) from w = 0; returns (D,) or (D, K)."""
        if self.learning_rate == "auto":
            # L = sigma_max^2 / S; the SVD here is for clarity, a few power iterations would do.
            lipschitz = np.linalg.norm(X, ord=2) ** 2 / total_weight
            eta = 1.0 / lipschitz if lipschitz > 0 else 1.0
        else:
            eta = self.learning_rate
        w = np.zeros((X.shape[1],) + y.shape[1:])
        residual = y.copy()
        grad = -X.T @ residual / total_weight  # eq. (ols-gd)
        grad0_norm = np.linalg.norm(grad)
        self.loss_curve_ = [0.5 * np.sum(residual**2) / total_weight]
        self.n_iter_ = 0
        for _ in range(self.max_iter):
            if np.linalg.norm(grad) <= self.tol * grad0_norm:
                break
            w -= eta * grad  # eq. (ols-gd)
            residual = y - X @ w
            grad = -X.T @ residual / total_weight
            self.loss_curve_.append(0.5 * np.sum(residual**2) / total_weight)
            self.n_iter_ += 1
        else:
            if np.linalg.norm(grad) > self.tol * grad0_norm:
                warnings.warn(
                    f"Gradient descent did not converge in max_iter={self.max_iter} "
                    f"iterations (gradient norm {np.linalg.norm(grad):.3e} > "
                    f"tol * initial = {self.tol * grad0_norm:.3e}). Increase max_iter "
                    "or scale the features.",
                    ConvergenceWarning,
                    stacklevel=3,
                )
        return w
