r"""``LassoCV`` and ``ElasticNetCV``: the penalty chosen by k-fold cross-validation
along the warm-started regularisation path."""

from numbers import Integral, Real

import numpy as np

from ..base import RegressorMixin
from ..utils.validation import HasMethods, Interval, StrOptions, validate_data
from ._base import LinearModel, center_data
from ._coordinate_descent import ElasticNet, _alpha_grid, enet_path

__all__ = ["ElasticNetCV", "LassoCV"]


class _LinearModelCV(RegressorMixin, LinearModel):
    """Shared fit: one path per (l1_ratio, fold), pick the smallest mean test MSE, refit."""

    _parameter_constraints = {
        "eps": [Interval(Real, 0, None, closed="neither")],
        "alphas": [Interval(Integral, 1, None, closed="left"), "array-like"],
        "fit_intercept": ["boolean"],
        "max_iter": [Interval(Integral, 1, None, closed="left")],
        "tol": [Interval(Real, 0, None, closed="left")],
        "cv": [Interval(Integral, 2, None, closed="left"), HasMethods(["split", "get_n_splits"]), "array-like", None],
        "positive": ["boolean"],
        "random_state": ["random_state"],
        "selection": [StrOptions({"cyclic", "random"})],
    }

    def _l1_ratios(self):
        return np.array([1.0])

    def fit(self, X, y):
        r"""Cross-validate the path, then refit at the best (alpha, l1_ratio).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : estimator
        """
        from ..model_selection import check_cv

        self._validate_params()
        X, y = validate_data(self, X, y, dtype=np.float64, y_numeric=True)
        y = y.astype(np.float64, copy=False)
        l1_ratios = self._l1_ratios()
        if np.any((l1_ratios < 0) | (l1_ratios > 1)):
            raise ValueError(f"l1_ratio={l1_ratios.tolist()} must be in [0, 1].")
        ones = np.ones(X.shape[0])
        if isinstance(self.alphas, Integral):
            X_c, y_c, _, _ = center_data(X, y, self.fit_intercept, ones)
            grids = np.array([_alpha_grid(X_c, y_c, r, self.positive, self.eps, self.alphas)
                              for r in l1_ratios])
        else:
            alphas = np.sort(np.asarray(self.alphas, dtype=np.float64).ravel())[::-1]
            if np.any(alphas < 0):
                raise ValueError(f"alphas={self.alphas!r} must all be >= 0.")
            grids = np.tile(alphas, (l1_ratios.size, 1))
        folds = list(check_cv(self.cv).split(X, y))
        params = dict(tol=self.tol, max_iter=self.max_iter, positive=self.positive,
                      random_state=self.random_state, selection=self.selection)
        mse = np.empty((l1_ratios.size, len(folds), grids.shape[1]))
        for r, l1_ratio in enumerate(l1_ratios):
            for f, (train, test) in enumerate(folds):
                X_tr, y_tr, X_off, y_off = center_data(X[train], y[train], self.fit_intercept,
                                                       ones[train])
                _, coefs, _ = enet_path(X_tr, y_tr, l1_ratio=l1_ratio, alphas=grids[r], **params)
                intercepts = y_off - X_off @ coefs  # (n_alphas,)
                residues = X[test] @ coefs + intercepts - y[test][:, None]
                mse[r, f] = np.mean(residues**2, axis=0)  # eq. (enetcv-mse)
        mean_mse = mse.mean(axis=1)  # (n_l1_ratios, n_alphas)
        r_best, a_best = np.unravel_index(np.argmin(mean_mse), mean_mse.shape)  # first minimum
        self.l1_ratio_ = float(l1_ratios[r_best])
        self.alpha_ = float(grids[r_best, a_best])
        self.alphas_ = grids[0] if l1_ratios.size == 1 else grids
        self.mse_path_ = np.squeeze(np.moveaxis(mse, 2, 1))  # (n_l1_ratios, n_alphas, n_folds)
        model = ElasticNet(alpha=self.alpha_, l1_ratio=self.l1_ratio_,
                           fit_intercept=self.fit_intercept, **params).fit(X, y)
        self.coef_, self.intercept_ = model.coef_, model.intercept_
        self.dual_gap_, self.n_iter_ = model.dual_gap_, model.n_iter_
        return self

    def _extra_tags(self):
        return {"multi_output": False}


class LassoCV(_LinearModelCV):
    r"""Lasso with ``alpha`` chosen by k-fold cross-validation along the path.

    For each fold, :func:`lasso_path` is fitted on the training part (centred
    on its own means) over a common grid of alphas, and the test mean squared
    error is recorded:

    .. math::
       :label: enetcv-mse

       \mathrm{MSE}_f(\alpha) = \frac{1}{|T_f|} \sum_{i \in T_f}
       \big(y_i - x_i^\top w_{-f}(\alpha) - b_{-f}(\alpha)\big)^2 .

    ``alpha_`` minimises the mean over folds; the model is then refitted on
    all the data.

    Parameters
    ----------
    eps : float, default=1e-3
        ``alpha_min / alpha_max`` of the generated grid.
    alphas : int or array-like, default=100
        Number of alphas on the grid (from :math:`\alpha_{\max}` of the centred
        data), or the alphas themselves.
    fit_intercept : bool, default=True
    max_iter : int, default=1000
    tol : float, default=1e-4
    cv : int, splitter or None, default=None
        None is 5-fold ``KFold`` (no shuffling).
    positive : bool, default=False
    random_state : int, RandomState instance or None, default=None
    selection : {'cyclic', 'random'}, default='cyclic'

    Attributes
    ----------
    alpha_ : float
    alphas_ : ndarray of shape (n_alphas,)
    mse_path_ : ndarray of shape (n_alphas, n_folds)
    coef_ : ndarray of shape (n_features,)
    intercept_ : float
    dual_gap_ : float
    n_iter_ : int
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    References
    ----------
    Hastie, Tibshirani, Friedman, *ESL* 2nd ed., §7.10 (cross-validation) and
    §3.4.2; Friedman, Hastie, Tibshirani (2010), doi:10.18637/jss.v033.i01, §2.5.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.linear_model import LassoCV
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(60, 5))
    >>> y = X @ np.array([3.0, 0.0, 0.0, -2.0, 0.0]) + 0.1 * rng.normal(size=60)
    >>> reg = LassoCV(cv=3).fit(X, y)
    >>> np.flatnonzero(np.abs(reg.coef_) > 0.1)
    array([0, 3])
    """

    def __init__(self, *, eps=1e-3, alphas=100, fit_intercept=True, max_iter=1000, tol=1e-4,
                 cv=None, positive=False, random_state=None, selection="cyclic"):
        self.eps = eps
        self.alphas = alphas
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol
        self.cv = cv
        self.positive = positive
        self.random_state = random_state
        self.selection = selection


class ElasticNetCV(_LinearModelCV):
    r"""Elastic net with ``alpha`` (and ``l1_ratio``) chosen by k-fold cross-validation.

    As :class:`LassoCV`, over a grid of alphas for each candidate ``l1_ratio``;
    the pair with the smallest mean test error, eq. (enetcv-mse), wins.

    Parameters
    ----------
    l1_ratio : float or array-like of floats in [0, 1], default=0.5
        Candidate L1 shares (an automatic alpha grid needs them > 0).
    eps, alphas, fit_intercept, max_iter, tol, cv, positive, random_state, selection
        As in :class:`LassoCV`.

    Attributes
    ----------
    alpha_ : float
    l1_ratio_ : float
    alphas_ : ndarray of shape (n_alphas,) or (n_l1_ratios, n_alphas)
    mse_path_ : ndarray of shape (n_alphas, n_folds) or (n_l1_ratios, n_alphas, n_folds)
    coef_, intercept_, dual_gap_, n_iter_, n_features_in_, feature_names_in_
        As in :class:`LassoCV`.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.linear_model import ElasticNetCV
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(60, 4))
    >>> reg = ElasticNetCV(l1_ratio=[0.2, 0.9], cv=3).fit(X, X[:, 0] - X[:, 1])
    >>> reg.mse_path_.shape
    (2, 100, 3)
    """

    _parameter_constraints = {
        **_LinearModelCV._parameter_constraints,
        "l1_ratio": [Interval(Real, 0, 1, closed="both"), "array-like"],
    }

    def __init__(self, *, l1_ratio=0.5, eps=1e-3, alphas=100, fit_intercept=True, max_iter=1000,
                 tol=1e-4, cv=None, positive=False, random_state=None, selection="cyclic"):
        self.l1_ratio = l1_ratio
        self.eps = eps
        self.alphas = alphas
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol
        self.cv = cv
        self.positive = positive
        self.random_state = random_state
        self.selection = selection

    def _l1_ratios(self):
        return np.atleast_1d(np.asarray(self.l1_ratio, dtype=np.float64))
