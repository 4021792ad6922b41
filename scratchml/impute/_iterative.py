r"""``IterativeImputer``: model each feature with missing values from the others, in rounds.

Start from a simple imputation (column means), then repeatedly regress each
incomplete feature on the other features, over the rows where it is
observed, and replace its missing entries by the regression's predictions.
This is the chained-equations idea (MICE) with point predictions; with
``sample_posterior=True`` the predictions are drawn from the regressor's
predictive distribution instead, so several seeds give several plausible
completed data sets (multiple imputation).
"""

import math
import numbers
import warnings
from collections import namedtuple

import numpy as np

from ..base import BaseEstimator, TransformerMixin, clone
from ..exceptions import ConvergenceWarning
from ..preprocessing._base import check_feature_names_in
from ..preprocessing._robust_scaler import normal_ppf
from ..utils.validation import (
    HasMethods,
    Interval,
    StrOptions,
    check_is_fitted,
    check_random_state,
    validate_data,
)
from ._base import SimpleImputer, _IndicatorMixin, check_inputs_dtype, get_mask, is_scalar_nan

__all__ = ["IterativeImputer"]

_ImputerTriplet = namedtuple("_ImputerTriplet", ["feat_idx", "neighbor_feat_idx", "estimator"])


def _normal_cdf(x):
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def truncated_normal_draw(mu, sigma, low, high, rng):
    r"""Draw :math:`x \sim \mathcal N(\mu, \sigma^2)` truncated to ``[low, high]`` by inverse CDF.

    :math:`x = \mu + \sigma\,\Phi^{-1}\big(\Phi(a) + u(\Phi(b) - \Phi(a))\big)` with
    :math:`u \sim U(0, 1)`, :math:`a = (low - \mu)/\sigma`, :math:`b = (high - \mu)/\sigma`.
    """
    u = rng.uniform(size=len(mu))
    out = np.empty(len(mu))
    for i in range(len(mu)):
        lo = _normal_cdf((low - mu[i]) / sigma[i])
        hi = _normal_cdf((high - mu[i]) / sigma[i])
        p = min(max(lo + u[i] * (hi - lo), 1e-300), 1 - 1e-16)
        out[i] = mu[i] + sigma[i] * normal_ppf(p)
    return np.clip(out, low, high)


class IterativeImputer(_IndicatorMixin, TransformerMixin, BaseEstimator):
    r"""Round-robin regression imputation (chained equations).

    Parameters
    ----------
    estimator : estimator or None, default=None
        Regressor cloned for each (round, feature); needs ``fit``/``predict``
        (and ``predict(X, return_std=True)`` for ``sample_posterior``).
        None means :class:`scratchml.linear_model.Ridge` with ``alpha=1``
        (scikit-learn's default is ``BayesianRidge``, which scratchml does not
        have yet: pass one explicitly to reproduce scikit-learn's default).
    missing_values : int or np.nan, default=np.nan
    sample_posterior : bool, default=False
        Draw each imputation from a truncated normal around the prediction
        with the regressor's predictive standard deviation (eq. mice-draw).
    max_iter : int, default=10
        Number of rounds.
    tol : float, default=1e-3
        Stop when the largest change of the imputed matrix (matrix inf-norm)
        falls below ``tol * max|x_observed|`` (not with ``sample_posterior``).
    n_nearest_features : int or None, default=None
        Regress each feature on this many others, drawn with probability
        proportional to their absolute correlation with it.
    initial_strategy : {'mean', 'median', 'most_frequent', 'constant'}, default='mean'
    fill_value : float or None, default=None
        For ``initial_strategy='constant'``.
    imputation_order : {'ascending', 'descending', 'roman', 'arabic', 'random'}, default='ascending'
        Feature order in a round: by fraction missing (ascending/descending),
        left to right, right to left, or shuffled every round.
    skip_complete : bool, default=False
        Skip features with no missing value in ``fit``.
    min_value, max_value : float or array-like of shape (n_features,), default=-inf, inf
        Clip the imputations.
    verbose : int, default=0
        Ignored.
    random_state : int, RandomState instance or None, default=None
        Seeds the 'random' order, ``n_nearest_features`` and posterior draws.
    add_indicator : bool, default=False
    keep_empty_features : bool, default=False

    Attributes
    ----------
    initial_imputer_ : SimpleImputer
    imputation_sequence_ : list of (feat_idx, neighbor_feat_idx, estimator) tuples
        Every fitted regressor in the order it was used.
    n_iter_ : int
        Rounds run.
    n_features_with_missing_ : int
    random_state_ : RandomState
    indicator_ : MissingIndicator or None
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        ``min_value >= max_value`` for some feature; a limit array of the
        wrong length; ``sample_posterior`` with a regressor lacking ``return_std``.

    Notes
    -----
    Let :math:`M` be the missing mask and :math:`X^{(0)}` the initial imputation.
    In round t, for each feature j in the imputation order, with
    :math:`O_j = \{i : M_{ij} = 0\}` and :math:`-j` the other features,

    .. math::
       :label: mice-fit

       f_j^{(t)} = \operatorname{fit}\big(X^{(t)}_{O_j, -j},\ X_{O_j, j}\big), \qquad
       X^{(t)}_{i j} \leftarrow \operatorname{clip}\big(f_j^{(t)}(X^{(t)}_{i, -j})\big)
       \ \ \forall i \notin O_j,

    each update using the latest values of the other features (Gauss-Seidel
    style). With ``sample_posterior`` the update is a draw

    .. math::
       :label: mice-draw

       X^{(t)}_{ij} \sim \mathcal N\big(\mu_{ij}, \sigma_{ij}^2\big)
       \text{ truncated to } [\text{min\_value}_j, \text{max\_value}_j].

    References
    ----------
    S. van Buuren, K. Groothuis-Oudshoorn, "mice: Multivariate Imputation by
    Chained Equations in R", *Journal of Statistical Software* 45(3), 2011,
    doi:10.18637/jss.v045.i03 (§2.2-2.3, the chained-equations algorithm).

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.impute import IterativeImputer
    >>> X = np.array([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0], [np.nan, 8.0], [5.0, np.nan]])
    >>> IterativeImputer(random_state=0).fit_transform(X).round(2)
    array([[1.  , 2.  ],
           [2.  , 4.  ],
           [3.  , 6.  ],
           [4.35, 8.  ],
           [5.  , 8.73]])
    """

    _parameter_constraints = {
        "estimator": [None, HasMethods(["fit", "predict"])],
        "missing_values": [numbers.Real, None],
        "sample_posterior": ["boolean"],
        "max_iter": [Interval(numbers.Integral, 0, None, closed="left")],
        "tol": [Interval(numbers.Real, 0, None, closed="left")],
        "n_nearest_features": [None, Interval(numbers.Integral, 1, None, closed="left")],
        "initial_strategy": [StrOptions({"mean", "median", "most_frequent", "constant"})],
        "fill_value": [numbers.Real, None],
        "imputation_order": [StrOptions({"ascending", "descending", "roman", "arabic", "random"})],
        "skip_complete": ["boolean"],
        "min_value": [numbers.Real, "array-like"],
        "max_value": [numbers.Real, "array-like"],
        "verbose": [numbers.Integral, "boolean"],
        "random_state": ["random_state"],
        "add_indicator": ["boolean"],
        "keep_empty_features": ["boolean"],
    }

    def __init__(
        self, estimator=None, *, missing_values=np.nan, sample_posterior=False, max_iter=10,
        tol=1e-3, n_nearest_features=None, initial_strategy="mean", fill_value=None,
        imputation_order="ascending", skip_complete=False, min_value=-np.inf,
        max_value=np.inf, verbose=0, random_state=None, add_indicator=False,
        keep_empty_features=False,
    ):
        self.estimator = estimator
        self.missing_values = missing_values
        self.sample_posterior = sample_posterior
        self.max_iter = max_iter
        self.tol = tol
        self.n_nearest_features = n_nearest_features
        self.initial_strategy = initial_strategy
        self.fill_value = fill_value
        self.imputation_order = imputation_order
        self.skip_complete = skip_complete
        self.min_value = min_value
        self.max_value = max_value
        self.verbose = verbose
        self.random_state = random_state
        self.add_indicator = add_indicator
        self.keep_empty_features = keep_empty_features

    def _extra_tags(self):
        return {"allow_nan": is_scalar_nan(self.missing_values)}

    # --- steps ----------------------------------------------------------------
    def _initial_imputation(self, X, in_fit):
        finite = "allow-nan" if is_scalar_nan(self.missing_values) else True
        X = validate_data(self, X, reset=in_fit, dtype=[np.float64, np.float32],
                          ensure_all_finite=finite, copy=True)
        check_inputs_dtype(X, self.missing_values)
        full_mask = get_mask(X, self.missing_values)
        mask = full_mask.copy()
        if in_fit:
            self.initial_imputer_ = SimpleImputer(
                missing_values=self.missing_values, strategy=self.initial_strategy,
                fill_value=self.fill_value, keep_empty_features=self.keep_empty_features,
            )
            X_filled = self.initial_imputer_.fit_transform(X)
            self._is_empty_feature = np.all(mask, axis=0)
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # already warned in fit
                X_filled = self.initial_imputer_.transform(X)
        if not self.keep_empty_features:
            X = X[:, ~self._is_empty_feature]
            mask = mask[:, ~self._is_empty_feature]
        else:
            mask[:, self._is_empty_feature] = False
            X[:, self._is_empty_feature] = X_filled[:, self._is_empty_feature]
        return X, X_filled, mask, full_mask

    def _ordered_features(self, mask):
        frac_missing = mask.mean(axis=0)
        if self.skip_complete:
            idx = np.flatnonzero(frac_missing)
        else:
            idx = np.arange(frac_missing.shape[0])
        n_skip = len(frac_missing) - len(idx)
        if self.imputation_order == "roman":
            return idx
        if self.imputation_order == "arabic":
            return idx[::-1]
        if self.imputation_order == "ascending":
            return np.argsort(frac_missing, kind="mergesort")[n_skip:]
        if self.imputation_order == "descending":
            return np.argsort(frac_missing, kind="mergesort")[n_skip:][::-1]
        self.random_state_.shuffle(idx)
        return idx

    def _abs_corr(self, X_filled, tolerance=1e-6):
        """Column-normalised |correlation|: the sampling law of ``n_nearest_features``."""
        n_features = X_filled.shape[1]
        if self.n_nearest_features is None or self.n_nearest_features >= n_features:
            return None
        with np.errstate(invalid="ignore", divide="ignore"):
            C = np.abs(np.corrcoef(X_filled.T))
        C[np.isnan(C)] = tolerance  # constant features: no information, tiny weight
        np.clip(C, tolerance, None, out=C)
        np.fill_diagonal(C, 0)
        return C / C.sum(axis=0)

    def _neighbors(self, n_features, j, corr):
        if corr is not None:
            return self.random_state_.choice(
                np.arange(n_features), self.n_nearest_features, replace=False, p=corr[:, j]
            )
        return np.concatenate((np.arange(j), np.arange(j + 1, n_features)))

    def _impute_one(self, X_filled, mask, j, neighbors, estimator=None):
        """Fit (if no estimator is given) and apply the regression of feature j (eq. mice-fit)."""
        rows_missing = mask[:, j]
        if estimator is None:
            estimator = clone(self._estimator)
            observed = ~rows_missing
            estimator.fit(X_filled[observed][:, neighbors], X_filled[observed, j])
        if not rows_missing.any():
            return estimator
        X_test = X_filled[rows_missing][:, neighbors]
        low, high = self._min_value[j], self._max_value[j]
        if self.sample_posterior:
            mu, sigma = estimator.predict(X_test, return_std=True)
            sigma = np.maximum(sigma, 1e-6)  # a zero std would make the draw degenerate
            values = np.clip(mu, low, high)
            inside = (mu > low) & (mu < high)
            values[inside] = truncated_normal_draw(  # eq. (mice-draw)
                mu[inside], sigma[inside], low, high, self.random_state_)
        else:
            values = np.clip(estimator.predict(X_test), low, high)  # eq. (mice-fit)
        X_filled[rows_missing, j] = values
        return estimator

    def _limit(self, limit, name, n_features):
        if np.isscalar(limit):
            return np.full(n_features, limit, dtype=np.float64)
        limit = np.asarray(limit, dtype=np.float64)
        if limit.shape != (n_features,):
            raise ValueError(
                f"'{name}_value' should be of shape ({n_features},) when an array-like is "
                f"provided. Got {limit.shape}, instead."
            )
        return limit

    # --- public API -------------------------------------------------------------
    def fit_transform(self, X, y=None):
        """Run the imputation rounds on ``X`` and return the completed ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : None
            Ignored.

        Returns
        -------
        X_imputed : ndarray of shape (n_samples, n_features_out)
        """
        self._validate_params()
        self.random_state_ = getattr(self, "random_state_", check_random_state(self.random_state))
        if self.estimator is None:
            from ..linear_model import Ridge

            self._estimator = Ridge(alpha=1.0)
        else:
            self._estimator = clone(self.estimator)
        if self.sample_posterior and not _has_return_std(self._estimator):
            raise ValueError(
                "sample_posterior=True needs an estimator whose predict accepts "
                "return_std=True (e.g. a Bayesian ridge regressor)."
            )
        self.imputation_sequence_ = []
        X, Xt, mask, full_mask = self._initial_imputation(X, in_fit=True)
        self._fit_indicator(full_mask)
        if self.max_iter == 0 or np.all(mask) or Xt.shape[1] == 1:
            self.n_iter_ = 0
            return self._with_indicator(Xt, full_mask)
        n_features = Xt.shape[1]
        self._min_value = self._limit(self.min_value, "min", n_features)
        self._max_value = self._limit(self.max_value, "max", n_features)
        if not np.all(self._max_value > self._min_value):
            raise ValueError("One (or more) features have min_value >= max_value.")
        order = self._ordered_features(mask)
        self.n_features_with_missing_ = len(order)
        corr = self._abs_corr(Xt)
        if not self.sample_posterior:
            Xt_previous = Xt.copy()
            tol = self.tol * np.max(np.abs(X[~mask]))
        for n_iter in range(1, self.max_iter + 1):
            self.n_iter_ = n_iter
            if self.imputation_order == "random":
                order = self._ordered_features(mask)
            for j in order:
                neighbors = self._neighbors(n_features, j, corr)
                est = self._impute_one(Xt, mask, j, neighbors)
                self.imputation_sequence_.append(_ImputerTriplet(j, neighbors, est))
            if not self.sample_posterior:
                # matrix inf-norm (largest absolute row sum) of the change in this round
                change = np.max(np.abs(Xt - Xt_previous).sum(axis=1))
                if change < tol:
                    break
                Xt_previous = Xt.copy()
        else:
            if not self.sample_posterior:
                warnings.warn("[IterativeImputer] Early stopping criterion not reached.",
                              ConvergenceWarning, stacklevel=2)
        Xt[~mask] = X[~mask]
        return self._with_indicator(Xt, full_mask)

    def fit(self, X, y=None):
        """Fit the imputer (runs the rounds on ``X``).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : None
            Ignored.

        Returns
        -------
        self : IterativeImputer
        """
        self.fit_transform(X)
        return self

    def transform(self, X):
        """Replay the fitted regressions, in order, on new data.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_imputed : ndarray of shape (n_samples, n_features_out)
        """
        check_is_fitted(self)
        X, Xt, mask, full_mask = self._initial_imputation(X, in_fit=False)
        if self.n_iter_ == 0 or np.all(mask):
            return self._with_indicator(Xt, full_mask)
        for triplet in self.imputation_sequence_:
            self._impute_one(Xt, mask, triplet.feat_idx, triplet.neighbor_feat_idx,
                             triplet.estimator)
        Xt[~mask] = X[~mask]
        return self._with_indicator(Xt, full_mask)

    def get_feature_names_out(self, input_features=None):
        """Names of the kept columns, then ``missingindicator_<name>``.

        Parameters
        ----------
        input_features : array-like of str or None, default=None

        Returns
        -------
        feature_names_out : ndarray of str objects
        """
        check_is_fitted(self, "n_features_in_")
        names = check_feature_names_in(self, input_features)
        kept = names if self.keep_empty_features else names[~self._is_empty_feature]
        return self._indicator_names(kept, names)


def _has_return_std(estimator):
    import inspect

    try:
        return "return_std" in inspect.signature(estimator.predict).parameters
    except (TypeError, ValueError):
        return False
