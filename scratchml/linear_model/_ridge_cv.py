r"""``RidgeCV``: ridge regression with the penalty chosen by cross-validation.

With ``cv=None`` every alpha is scored by exact leave-one-out at the cost of
one SVD, using the hat-matrix identity eq. (ridgecv-loo).
"""

from numbers import Integral, Real

import numpy as np

from ..base import RegressorMixin
from ..utils.validation import HasMethods, Interval, check_sample_weight, validate_data
from ._base import LinearModel, center_data, rescale_data
from ._ridge import Ridge, ridge_svd

__all__ = ["RidgeCV"]


def ridge_loo_residuals(U, s, y, q, alpha):
    r"""Leave-one-out residuals of ridge for one alpha, eq. (ridgecv-loo).

    Parameters
    ----------
    U : ndarray of shape (n_samples, k)
        Left singular vectors of the centred, weighted design matrix.
    s : ndarray of shape (k,)
        Its singular values.
    y : ndarray of shape (n_samples, n_targets)
        Centred, weighted targets.
    q : ndarray of shape (n_samples,)
        Unit vector of the (unpenalised) intercept direction, or zeros.
    alpha : float > 0

    Returns
    -------
    looe : ndarray of shape (n_samples, n_targets)
        :math:`(y_i - \hat y_i) / (1 - H_{ii})`.
    """
    shrink = s**2 / (s**2 + alpha)  # eigenvalues of the hat matrix on span(U)
    fitted = U @ (shrink[:, None] * (U.T @ y))  # H y (q'y = 0 after centring)
    leverage = q**2 + (U**2) @ shrink  # diag(H) = q_i^2 + sum_k U_ik^2 s_k^2 / (s_k^2 + alpha)
    return (y - fitted) / (1.0 - leverage)[:, None]  # eq. (ridgecv-loo)


class RidgeCV(RegressorMixin, LinearModel):
    r"""Ridge regression with built-in cross-validation of ``alpha``.

    Parameters
    ----------
    alphas : array-like of shape (n_alphas,), default=(0.1, 1.0, 10.0)
        Candidate penalties, all > 0.
    fit_intercept : bool, default=True
        Fit the unpenalised intercept.
    cv : int, cross-validation generator or None, default=None
        None: efficient leave-one-out, eq. (ridgecv-loo), scored by minus the
        mean squared LOO error. An int or splitter: k-fold (``KFold``) refits
        scored by R², as scikit-learn's grid search does.
    store_cv_results : bool, default=False
        Keep the LOO squared errors (``cv=None`` only).
    alpha_per_target : bool, default=False
        Choose one alpha per target (``cv=None`` only).

    Attributes
    ----------
    alpha_ : float or ndarray of shape (n_targets,)
        Selected penalty.
    best_score_ : float or ndarray of shape (n_targets,)
        Its score (higher is better).
    coef_ : ndarray of shape (n_features,) or (n_targets, n_features)
    intercept_ : float or ndarray of shape (n_targets,)
    cv_results_ : ndarray of shape (n_samples, n_alphas) or (n_samples, n_targets, n_alphas)
        Squared LOO errors, only with ``store_cv_results``.
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        A non-positive alpha; ``store_cv_results`` or ``alpha_per_target``
        with ``cv`` not None.

    Notes
    -----
    Ridge with an unpenalised intercept is a linear smoother:
    :math:`\hat y = H y` with
    :math:`H = q q^\top + U\,\mathrm{diag}\big(\sigma_k^2/(\sigma_k^2 + \alpha)\big)\,U^\top`
    in the rescaled space (:math:`\tilde X = U\Sigma V^\top` the centred,
    :math:`\sqrt{s_i}`-scaled design, :math:`q \propto \sqrt{s}` the intercept
    direction). For any such quadratic penalty, deleting sample :math:`i` and
    refitting gives the residual

    .. math::
       :label: ridgecv-loo

       y_i - \hat y_{-i}(x_i) = \frac{y_i - \hat y_i}{1 - H_{ii}} ,

    so all :math:`N` leave-one-out fits cost one SVD plus :math:`O(ND)` per alpha.

    References
    ----------
    Hastie, Tibshirani, Friedman, *ESL* 2nd ed., §7.10.1, eq. 7.52 (and
    §3.4.1 for the ridge hat matrix). Golub, Heath, Wahba (1979), Generalized
    cross-validation as a method for choosing a good ridge parameter,
    *Technometrics* 21(2), doi:10.1080/00401706.1979.10489751.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.linear_model import RidgeCV
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(40, 3))
    >>> y = X @ np.array([1.0, 2.0, 0.0]) + rng.normal(size=40)
    >>> RidgeCV(alphas=[0.01, 1.0, 100.0]).fit(X, y).alpha_
    1.0
    """

    _parameter_constraints = {
        "alphas": ["array-like", Interval(Real, 0, None, closed="neither")],
        "fit_intercept": ["boolean"],
        "cv": [Interval(Integral, 2, None, closed="left"), HasMethods(["split", "get_n_splits"]), "array-like", None],
        "store_cv_results": ["boolean"],
        "alpha_per_target": ["boolean"],
    }

    def __init__(self, alphas=(0.1, 1.0, 10.0), *, fit_intercept=True, cv=None,
                 store_cv_results=False, alpha_per_target=False):
        self.alphas = alphas
        self.fit_intercept = fit_intercept
        self.cv = cv
        self.store_cv_results = store_cv_results
        self.alpha_per_target = alpha_per_target

    def fit(self, X, y, sample_weight=None):
        """Choose alpha by cross-validation, then refit on all the data.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,) or (n_samples, n_targets)
        sample_weight : array-like of shape (n_samples,), default=None
            Weights of the squared loss (and of the LOO errors, in the
            rescaled space, as scikit-learn).

        Returns
        -------
        self : RidgeCV
        """
        self._validate_params()
        X, y = validate_data(self, X, y, dtype=np.float64, multi_output=True, y_numeric=True)
        y = y.astype(np.float64, copy=False)
        alphas = np.atleast_1d(np.asarray(self.alphas, dtype=np.float64))
        if alphas.ndim != 1 or alphas.size == 0 or np.any(alphas <= 0):
            raise ValueError(f"alphas={self.alphas!r} must be a non-empty list of values > 0.")
        if self.cv is not None:
            if self.store_cv_results or self.alpha_per_target:
                raise ValueError(
                    "store_cv_results and alpha_per_target need cv=None (leave-one-out); "
                    f"got cv={self.cv!r}."
                )
            return self._fit_kfold(X, y, alphas, sample_weight)
        sample_weight = check_sample_weight(sample_weight, X, ensure_non_negative=True)
        Y = y.reshape(-1, 1) if y.ndim == 1 else y
        X_c, Y_c, X_offset, y_offset = center_data(X, Y, self.fit_intercept, sample_weight)
        X_c, Y_c = rescale_data(X_c, Y_c, sample_weight)
        U, s, _ = np.linalg.svd(X_c, full_matrices=False)
        root = np.sqrt(sample_weight)
        q = root / np.linalg.norm(root) if self.fit_intercept else np.zeros(X.shape[0])
        scores, errors = [], []
        for alpha in alphas:
            squared = ridge_loo_residuals(U, s, Y_c, q, alpha) ** 2
            errors.append(squared)
            scores.append(-squared.mean(axis=0) if self.alpha_per_target else -squared.mean())
        scores = np.array(scores)  # (n_alphas,) or (n_alphas, n_targets)
        best = np.argmax(scores, axis=0)  # first maximum: ties go to the earlier alpha
        self.alpha_ = alphas[best]
        self.best_score_ = scores[best] if scores.ndim == 1 else scores[best, np.arange(Y.shape[1])]
        if scores.ndim == 1:
            self.alpha_, self.best_score_ = float(self.alpha_), float(self.best_score_)
        alpha_k = np.broadcast_to(self.alpha_, (Y.shape[1],))
        coef = np.array([ridge_svd(X_c, Y_c[:, k], alpha_k[k]) for k in range(Y.shape[1])])
        if self.store_cv_results:
            stacked = np.stack(errors, axis=-1)  # (n_samples, n_targets, n_alphas)
            self.cv_results_ = stacked[:, 0, :] if y.ndim == 1 else stacked
        if y.ndim == 1:
            coef, y_offset = coef[0], y_offset[0]
        self.coef_ = coef
        self._set_intercept(X_offset, y_offset)
        return self

    def _fit_kfold(self, X, y, alphas, sample_weight):
        from ..model_selection import check_cv

        cv = check_cv(self.cv)
        scores = np.zeros(alphas.size)
        sw = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        for train, test in cv.split(X, y):
            for a, alpha in enumerate(alphas):
                model = Ridge(alpha=alpha, fit_intercept=self.fit_intercept)
                model.fit(X[train], y[train], sample_weight=None if sw is None else sw[train])
                scores[a] += model.score(X[test], y[test]) / cv.get_n_splits(X, y)
        best = int(np.argmax(scores))
        self.alpha_, self.best_score_ = float(alphas[best]), float(scores[best])
        final = Ridge(alpha=self.alpha_, fit_intercept=self.fit_intercept).fit(X, y, sample_weight)
        self.coef_, self.intercept_ = final.coef_, final.intercept_
        return self
