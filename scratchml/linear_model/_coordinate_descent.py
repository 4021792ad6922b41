r"""Lasso and elastic net by cyclic coordinate descent: ``Lasso``, ``ElasticNet``,
``lasso_path``, ``enet_path``.

The inner loop lives in ``_cd_kernels.py`` (Numba). This module prepares the
data (centring, sample weights), converts the per-sample objective into the
kernel's unnormalised one and walks the regularisation path with warm starts.
"""

import warnings
from numbers import Integral, Real

import numpy as np

from ..base import RegressorMixin
from ..exceptions import ConvergenceWarning
from ..utils.validation import (
    Interval,
    StrOptions,
    check_array,
    check_random_state,
    check_sample_weight,
    validate_data,
)
from ._base import LinearModel, center_data, rescale_data
from ._cd_kernels import enet_coordinate_descent_jit

__all__ = ["ElasticNet", "Lasso", "enet_path", "lasso_path"]

_NOT_CONVERGED = (
    "Objective did not converge. You might want to increase the number of "
    "iterations (max_iter), check the scale of the features or consider "
    "increasing regularisation (alpha)."
)


def _alpha_grid(X, y, l1_ratio, positive, eps, n_alphas):
    r"""Log-spaced grid from :math:`\alpha_{\max}` (eq. enet-alpha-max) down to ``eps`` times it."""
    Xy = X.T @ y
    n_samples = X.shape[0]
    top = max(0.0, Xy.max()) if positive else np.abs(Xy).max()
    alpha_max = top / (n_samples * l1_ratio)  # eq. (enet-alpha-max)
    if alpha_max <= np.finfo(np.float64).resolution:
        return np.full(n_alphas, np.finfo(np.float64).resolution)
    return np.geomspace(alpha_max, alpha_max * eps, num=n_alphas)


def enet_path(
    X,
    y,
    *,
    l1_ratio=0.5,
    eps=1e-3,
    alphas=100,
    coef_init=None,
    return_n_iter=False,
    positive=False,
    tol=1e-4,
    max_iter=1000,
    random_state=None,
    selection="cyclic",
):
    r"""Elastic-net coefficients along a decreasing grid of ``alpha``, with warm starts.

    Solves eq. (enet-objective) for each alpha, starting each problem from the
    previous solution. No intercept is fitted: centre ``X`` and ``y`` first if
    you need one.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Training data.
    y : array-like of shape (n_samples,)
        Target.
    l1_ratio : float in (0, 1], default=0.5
        Mix :math:`\rho` between L1 (1) and L2 (0) penalties.
    eps : float > 0, default=1e-3
        ``alpha_min / alpha_max`` when the grid is generated.
    alphas : int or array-like of shape (n_alphas,), default=100
        An int: that many values log-spaced from :math:`\alpha_{\max}`
        (eq. enet-alpha-max, the smallest alpha with all coefficients zero).
        An array: these values (sorted in decreasing order).
    coef_init : array-like of shape (n_features,), default=None
        Starting point of the first problem (zeros by default).
    return_n_iter : bool, default=False
        Also return the number of passes per alpha.
    positive : bool, default=False
        Force coefficients to be non-negative.
    tol, max_iter, random_state, selection
        As in :class:`ElasticNet`.

    Returns
    -------
    alphas : ndarray of shape (n_alphas,)
        Decreasing penalties.
    coefs : ndarray of shape (n_features, n_alphas)
        Solutions.
    dual_gaps : ndarray of shape (n_alphas,)
        Duality gaps at the end of each problem, divided by n_samples.
    n_iters : list of int
        Only when ``return_n_iter``.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.linear_model import lasso_path
    >>> X = np.array([[1.0, 2.0], [2.0, 3.0], [3.0, 4.0], [4.0, 4.0]])
    >>> alphas, coefs, _ = lasso_path(X, np.array([1.0, 2.0, 3.0, 3.5]), alphas=[5.0, 0.1])
    >>> coefs.shape
    (2, 2)
    """
    X = check_array(X, dtype=np.float64, order="F")
    y = check_array(y, dtype=np.float64, ensure_2d=False, input_name="y")
    if y.ndim != 1:
        raise ValueError(f"y must be 1-D in enet_path, got shape {y.shape}.")
    if X.shape[0] != y.shape[0]:
        raise ValueError(
            f"X and y have inconsistent numbers of samples: {X.shape[0]} != {y.shape[0]}"
        )
    _check_l1_ratio(l1_ratio)
    if isinstance(alphas, Integral) and not isinstance(alphas, bool):
        if l1_ratio == 0:
            raise ValueError("Automatic alpha grid generation is not supported for l1_ratio=0.")
        alphas = _alpha_grid(X, y, l1_ratio, positive, eps, int(alphas))
    else:
        alphas = np.sort(np.asarray(alphas, dtype=np.float64).ravel())[::-1]
    w = np.zeros(X.shape[1]) if coef_init is None else np.array(coef_init, dtype=np.float64)
    rng = check_random_state(random_state)
    coefs = np.empty((X.shape[1], alphas.size))
    dual_gaps = np.empty(alphas.size)
    n_iters = []
    for k, alpha in enumerate(alphas):
        gap, n_iter = _enet_solve(X, y, w, alpha, l1_ratio, tol, max_iter, positive, rng, selection)
        coefs[:, k] = w
        dual_gaps[k] = gap
        n_iters.append(n_iter)
    if return_n_iter:
        return alphas, coefs, dual_gaps, n_iters
    return alphas, coefs, dual_gaps


def lasso_path(X, y, *, eps=1e-3, alphas=100, **params):
    r"""Lasso coefficients along a grid of ``alpha``: :func:`enet_path` with ``l1_ratio=1``.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    eps : float, default=1e-3
    alphas : int or array-like, default=100
    **params : dict
        Other keyword arguments of :func:`enet_path`.

    Returns
    -------
    alphas, coefs, dual_gaps[, n_iters]
        As in :func:`enet_path`.
    """
    return enet_path(X, y, l1_ratio=1.0, eps=eps, alphas=alphas, **params)


def _check_l1_ratio(l1_ratio):
    if not (isinstance(l1_ratio, Real) and 0.0 <= l1_ratio <= 1.0):
        raise ValueError(f"l1_ratio={l1_ratio!r} must be in [0, 1].")


def _enet_solve(X, y, w, alpha, l1_ratio, tol, max_iter, positive, rng, selection):
    """One elastic-net problem on prepared data; ``w`` is updated in place."""
    n_samples = X.shape[0]
    # The kernel minimises N times eq. (enet-objective): scale both penalties by N.
    l1_reg = alpha * l1_ratio * n_samples
    l2_reg = alpha * (1.0 - l1_ratio) * n_samples
    seed = int(rng.randint(1, 2**31 - 1))  # one draw per problem, used only by 'random'
    gap, tol_scaled, n_iter, converged = enet_coordinate_descent_jit(
        w, l1_reg, l2_reg, X, y, max_iter, tol, selection == "random", seed, positive
    )
    if not converged:
        warnings.warn(
            f"{_NOT_CONVERGED} Duality gap: {gap:.6e}, tolerance: {tol_scaled:.3e}",
            ConvergenceWarning,
            stacklevel=3,
        )
    return gap / n_samples, n_iter


class ElasticNet(RegressorMixin, LinearModel):
    r"""Linear regression with combined L1 and L2 penalties, fitted by coordinate descent.

    Parameters
    ----------
    alpha : float >= 0, default=1.0
        Overall penalty strength :math:`\alpha` of eq. (enet-objective).
    l1_ratio : float in [0, 1], default=0.5
        Mix :math:`\rho`: 1 is the lasso, 0 a ridge penalty.
    fit_intercept : bool, default=True
        Fit the (unpenalised) intercept by centring.
    max_iter : int, default=1000
        Passes over the coordinates at most.
    copy_X : bool, default=True
        Kept for scikit-learn compatibility; ``X`` is never modified.
    tol : float, default=1e-4
        Stop when the duality gap (eq. enet-gap, of the unnormalised
        objective) is at most ``tol * ||y_c||^2``, as scikit-learn does.
    warm_start : bool, default=False
        Start from the previous ``coef_`` instead of zeros.
    positive : bool, default=False
        Force the coefficients to be non-negative.
    random_state : int, RandomState instance or None, default=None
        Seeds the coordinate order when ``selection='random'``.
    selection : {'cyclic', 'random'}, default='cyclic'
        Visit coordinates in order, or draw one at random at every step (our
        own xorshift stream: same seed, same result, but not scikit-learn's draws).

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,) or (n_targets, n_features)
        Weights :math:`w`.
    intercept_ : float or ndarray of shape (n_targets,)
        :math:`b = \bar y - \bar x^\top w`.
    n_iter_ : int or list of int
        Coordinate-descent passes (one per target for 2-D ``y``).
    dual_gap_ : float or ndarray of shape (n_targets,)
        Final duality gap, divided by n_samples (scikit-learn's scale).
    n_features_in_ : int
        Number of features seen in ``fit``.
    feature_names_in_ : ndarray of shape (``n_features_in_``,)
        Column names, when ``X`` was a DataFrame with string column names.

    Raises
    ------
    ValueError
        ``alpha < 0`` or ``l1_ratio`` outside [0, 1] (named in the message).

    See Also
    --------
    Lasso : ``l1_ratio=1``.
    enet_path : the whole regularisation path.

    Notes
    -----
    Notation: :math:`N` samples, :math:`D` features; with sample weights the
    rows are scaled as in ``LinearRegression`` after the weights are
    normalised to sum to :math:`N` (the objective is a weighted mean). The
    objective is

    .. math::
       :label: enet-objective

       \min_w \frac{1}{2N}\|y - Xw\|_2^2 + \alpha\rho\|w\|_1
              + \frac{\alpha(1-\rho)}{2}\|w\|_2^2 .

    Minimising over the single coordinate :math:`w_j` with the others fixed
    has a closed form. With the partial residual
    :math:`r^{(j)} = y - \sum_{k \ne j} x_k w_k` and
    :math:`z_j = x_j^\top r^{(j)}`, the subgradient condition
    :math:`0 \in -z_j + (\|x_j\|^2 + N\alpha(1-\rho)) w_j + N\alpha\rho\,\partial|w_j|`
    is solved by

    .. math::
       :label: enet-update

       w_j \leftarrow \frac{S(z_j,\; N\alpha\rho)}{\|x_j\|^2 + N\alpha(1-\rho)},

    where the soft-thresholding operator is

    .. math::
       :label: enet-soft

       S(z, \gamma) = \mathrm{sign}(z)\,(|z| - \gamma)_+ .

    Whenever :math:`|z_j| \le N\alpha\rho` the coordinate is exactly zero: this
    is how the L1 penalty produces sparse models. Convergence is certified by
    the duality gap of the unnormalised objective :math:`P(w) = N \times`
    (enet-objective). With :math:`\ell_1 = N\alpha\rho`,
    :math:`\ell_2 = N\alpha(1-\rho)` and residual :math:`R = y - Xw`, the
    dual point :math:`v = sR` with :math:`s = \min(1, \ell_1 / \|X^\top R - \ell_2 w\|_\infty)`
    is feasible and

    .. math::
       :label: enet-gap

       G = \tfrac12(\|R\|^2 + \ell_2\|w\|^2)(1 + s^2) + \ell_1\|w\|_1 - s\,R^\top y
       \;\ge\; P(w) - P(w^\star) \ge 0 .

    The largest useful penalty (all coefficients zero) is

    .. math::
       :label: enet-alpha-max

       \alpha_{\max} = \frac{\|X^\top y\|_\infty}{N\rho} .

    References
    ----------
    Friedman, Hastie, Tibshirani (2010), Regularization paths for generalized
    linear models via coordinate descent, *J. Stat. Softw.* 33(1), eqs. 5-6,
    doi:10.18637/jss.v033.i01. Hastie, Tibshirani, Friedman, *ESL* 2nd ed.,
    §3.4.2-3.4.3 and §3.8.6. Fercoq, Gramfort, Salmon (2015), Mind the duality
    gap: safer rules for the lasso, arXiv:1505.03410 (the dual point of eq. enet-gap).
    Zou and Hastie (2005), Regularization and variable selection via the
    elastic net, doi:10.1111/j.1467-9868.2005.00503.x.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.linear_model import ElasticNet
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(50, 3))
    >>> y = X @ np.array([2.0, 0.0, -1.0]) + 0.5
    >>> reg = ElasticNet(alpha=0.1, l1_ratio=0.7).fit(X, y)
    >>> np.round(reg.coef_, 2)
    array([ 1.87,  0.  , -0.84])
    """

    _parameter_constraints = {
        "alpha": [Interval(Real, 0, None, closed="left")],
        "l1_ratio": [Interval(Real, 0, 1, closed="both")],
        "fit_intercept": ["boolean"],
        "max_iter": [Interval(Integral, 1, None, closed="left")],
        "copy_X": ["boolean"],
        "tol": [Interval(Real, 0, None, closed="left")],
        "warm_start": ["boolean"],
        "positive": ["boolean"],
        "random_state": ["random_state"],
        "selection": [StrOptions({"cyclic", "random"})],
    }

    def __init__(
        self,
        alpha=1.0,
        *,
        l1_ratio=0.5,
        fit_intercept=True,
        max_iter=1000,
        copy_X=True,
        tol=1e-4,
        warm_start=False,
        positive=False,
        random_state=None,
        selection="cyclic",
    ):
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.copy_X = copy_X
        self.tol = tol
        self.warm_start = warm_start
        self.positive = positive
        self.random_state = random_state
        self.selection = selection

    def fit(self, X, y, sample_weight=None):
        """Fit the model by coordinate descent.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,) or (n_samples, n_targets)
            Targets (each column is fitted separately).
        sample_weight : float or array-like of shape (n_samples,), default=None
            Non-negative weights.

        Returns
        -------
        self : ElasticNet
            The fitted estimator.
        """
        self._validate_params()
        X, y = validate_data(self, X, y, dtype=np.float64, multi_output=True, y_numeric=True)
        y = y.astype(np.float64, copy=False)
        if self.alpha == 0:
            warnings.warn(
                "With alpha=0, this algorithm does not converge well. You are advised "
                "to use the LinearRegression estimator.",
                UserWarning,
                stacklevel=2,
            )
        n_samples = X.shape[0]
        sample_weight = check_sample_weight(sample_weight, X, ensure_non_negative=True)
        # the objective is a weighted mean: normalise the weights to sum to N
        sample_weight = sample_weight * (n_samples / sample_weight.sum())
        Y = y.reshape(-1, 1) if y.ndim == 1 else y
        # Fortran order: the kernel reads one column at a time
        X_c, Y_c, X_offset, y_offset = center_data(X, Y, self.fit_intercept, sample_weight, order="F")
        X_c, Y_c = rescale_data(X_c, Y_c, sample_weight)
        X_c = np.asfortranarray(X_c)  # no copy unless the weights rescaled it

        n_targets = Y.shape[1]
        if self.warm_start and hasattr(self, "coef_"):
            coef = np.array(self.coef_, dtype=np.float64).reshape(n_targets, X.shape[1])
        else:
            coef = np.zeros((n_targets, X.shape[1]))
        rng = check_random_state(self.random_state)
        gaps, n_iters = np.empty(n_targets), []
        for k in range(n_targets):
            w = np.ascontiguousarray(coef[k])
            y_k = np.ascontiguousarray(Y_c[:, k])
            gaps[k], n_iter = _enet_solve(
                X_c, y_k, w, self.alpha, self.l1_ratio, self.tol, self.max_iter,
                self.positive, rng, self.selection,
            )
            coef[k] = w
            n_iters.append(n_iter)
        if y.ndim == 1:
            self.coef_, self.dual_gap_, self.n_iter_ = coef[0], gaps[0], n_iters[0]
            y_offset = y_offset[0]
        else:
            self.coef_, self.dual_gap_, self.n_iter_ = coef, gaps, n_iters
        self._set_intercept(X_offset, y_offset)
        return self


class Lasso(ElasticNet):
    r"""Linear regression with an L1 penalty (the lasso), fitted by coordinate descent.

    :class:`ElasticNet` with ``l1_ratio=1``: the objective is

    .. math::
       :label: lasso-objective

       \min_w \frac{1}{2N}\|y - Xw\|_2^2 + \alpha\|w\|_1 .

    Parameters
    ----------
    alpha : float >= 0, default=1.0
        Penalty strength.
    fit_intercept, max_iter, copy_X, tol, warm_start, positive, random_state, selection
        As in :class:`ElasticNet`.

    Attributes
    ----------
    coef_, intercept_, n_iter_, dual_gap_, n_features_in_, feature_names_in_
        As in :class:`ElasticNet`.

    See Also
    --------
    lasso_path : the whole regularisation path.

    References
    ----------
    Tibshirani (1996), Regression shrinkage and selection via the lasso,
    *J. R. Stat. Soc. B* 58(1), doi:10.1111/j.2517-6161.1996.tb02080.x.
    Hastie, Tibshirani, Friedman, *ESL* 2nd ed., §3.4.2, eq. 3.51-3.52.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.linear_model import Lasso
    >>> reg = Lasso(alpha=0.1).fit([[0, 0], [1, 1], [2, 2]], [0, 1, 2])
    >>> np.round(reg.coef_, 2), round(float(reg.intercept_), 2)
    (array([0.85, 0.  ]), 0.15)
    """

    _parameter_constraints = {
        k: v for k, v in ElasticNet._parameter_constraints.items() if k != "l1_ratio"
    }

    def __init__(
        self,
        alpha=1.0,
        *,
        fit_intercept=True,
        max_iter=1000,
        copy_X=True,
        tol=1e-4,
        warm_start=False,
        positive=False,
        random_state=None,
        selection="cyclic",
    ):
        super().__init__(
            alpha=alpha,
            l1_ratio=1.0,
            fit_intercept=fit_intercept,
            max_iter=max_iter,
            copy_X=copy_X,
            tol=tol,
            warm_start=warm_start,
            positive=positive,
            random_state=random_state,
            selection=selection,
        )
