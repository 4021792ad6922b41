r"""Linear models fitted by stochastic gradient descent: ``SGDClassifier`` and
``SGDRegressor``, with ``partial_fit`` for streams (``Perceptron`` is in ``_perceptron.py``).

The per-sample update lives in ``_sgd_kernels.py``; the epoch loop, the
stopping rules and one-versus-rest in ``_sgd_base.py``.
"""

import warnings

import numpy as np

from ..base import RegressorMixin
from ..exceptions import ConvergenceWarning
from ..utils._math import expit
from ..utils.validation import (
    StrOptions,
    check_is_fitted,
    check_random_state,
    check_sample_weight,
    validate_data,
)
from ._sgd_base import (
    _CLASSIFICATION_LOSSES,
    _COMMON_CONSTRAINTS,
    _REGRESSION_LOSSES,
    MAX_INT,
    _BaseSGD,
    _BaseSGDClassifier,
)

__all__ = ["SGDClassifier", "SGDRegressor"]


class SGDClassifier(_BaseSGDClassifier):
    r"""Linear classifiers (SVM, logistic regression, ...) fitted by plain SGD.

    Parameters
    ----------
    loss : {'hinge', 'log_loss', 'modified_huber', 'squared_hinge', 'perceptron'}, default='hinge'
        Per-sample loss :math:`L(y, p)`, eq. (sgd-losses).
    penalty : {'l2', 'l1', 'elasticnet'} or None, default='l2'
        Regulariser :math:`R(w)` of eq. (sgd-objective).
    alpha : float >= 0, default=1e-4
        Penalty strength; also sets the 'optimal' learning rate.
    l1_ratio : float in [0, 1], default=0.15
        L1 share for 'elasticnet'.
    fit_intercept : bool, default=True
        Learn an (unpenalised) intercept.
    max_iter : int, default=1000
        Epochs at most (``fit`` only; ``partial_fit`` runs one).
    tol : float or None, default=1e-3
        Stop after ``n_iter_no_change`` epochs whose mean objective (or, with
        early stopping, validation error) did not improve by ``tol``; None never stops early.
    shuffle : bool, default=True
        Reshuffle the rows at every epoch.
    epsilon : float, default=0.1
        Unused by the classification losses (kept for scikit-learn parity).
    random_state : int, RandomState instance or None, default=None
        Seeds the shuffling and the validation split.
    learning_rate : {'constant', 'optimal', 'invscaling', 'adaptive'}, default='optimal'
        Step-size schedule, eqs. (sgd-optimal), (sgd-invscaling), (sgd-adaptive).
    eta0 : float, default=0.01
        Initial step for 'constant', 'invscaling', 'adaptive'.
    power_t : float, default=0.5
        Exponent of 'invscaling'.
    early_stopping : bool, default=False
        Hold out ``validation_fraction`` of the rows and stop on their accuracy.
    validation_fraction : float in (0, 1), default=0.1
    n_iter_no_change : int, default=5
    class_weight : dict, 'balanced' or None, default=None
        Multiplies the step of the samples of each class.
    warm_start : bool, default=False
        Start ``fit`` from the previous solution.
    average : bool or int, default=False
        Return the running average of the iterates (averaged SGD): True from
        the first step, an int from that step on.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    coef_ : ndarray of shape (1, n_features) or (n_classes, n_features)
    intercept_ : ndarray of shape (1,) or (n_classes,)
    n_iter_ : int
        Epochs run (the largest over the one-vs-rest problems).
    t_ : float
        Number of weight updates plus one (scikit-learn's counter).
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        Bad parameters (``eta0 <= 0`` with a non-'optimal' schedule, ...),
        one class only, ``partial_fit`` without ``classes`` on the first call.

    Notes
    -----
    Notation: :math:`N` samples, :math:`D` features, score
    :math:`p = w^\top x + b`, labels :math:`y \in \{-1, +1\}` per
    one-versus-rest problem. SGD minimises

    .. math::
       :label: sgd-objective

       \frac1N \sum_i L(y_i, w^\top x_i + b) + \alpha R(w), \quad
       R(w) = \tfrac{1-\rho}{2}\|w\|_2^2 + \rho\|w\|_1 ,

    one sample at a time, with step :math:`\eta_t`:

    .. math::
       :label: sgd-step

       w \leftarrow (1 - \eta_t\alpha(1-\rho))\, w - \eta_t s_i\,
       \frac{\partial L}{\partial p}(y_i, p_i)\, x_i , \qquad
       b \leftarrow b - \eta_t s_i \frac{\partial L}{\partial p}(y_i, p_i) .

    The losses (:math:`z = yp`, :math:`r = p - y`) are

    .. math::
       :label: sgd-losses

       \text{hinge: } (1 - z)_+,\quad \text{perceptron: } (-z)_+,\quad
       \text{log: } \log(1 + e^{p}) - y p \;(y \in \{0,1\}),\quad
       \text{squared error: } \tfrac12 r^2, \ldots

    The L1 part uses the cumulative truncated gradient: with
    :math:`u_t = \alpha\rho\sum_{k \le t}\eta_k` the penalty every weight could
    have received so far and :math:`q_j` the penalty actually applied,

    .. math::
       :label: sgd-l1

       w_j \leftarrow \max(0, w_j - (u_t + q_j)) \text{ if } w_j > 0, \quad
       \min(0, w_j + (u_t - q_j)) \text{ if } w_j < 0 .

    Schedules:

    .. math::
       :label: sgd-optimal

       \eta_t = \frac{1}{\alpha(t_0 + t - 1)} \quad\text{('optimal')},

    .. math::
       :label: sgd-invscaling

       \eta_t = \frac{\eta_0}{t^{\,\mathrm{power\_t}}} \quad\text{('invscaling')},

    .. math::
       :label: sgd-adaptive

       \eta \leftarrow \eta / 5 \text{ after } n_{\text{no change}}
       \text{ epochs without improvement ('adaptive')} .

    References
    ----------
    Bottou (2010), Large-scale machine learning with stochastic gradient
    descent, *COMPSTAT*, doi:10.1007/978-3-7908-2604-3_16. Tsuruoka, Tsujii,
    Ananiadou (2009), Stochastic gradient descent training for L1-regularized
    log-linear models with cumulative penalty, *ACL*, §3, doi:10.3115/1687878.1687946.
    Polyak and Juditsky (1992), Acceleration of stochastic approximation by
    averaging, doi:10.1137/0330046. Shalev-Shwartz et al. (2011), Pegasos,
    doi:10.1007/s10107-010-0420-4 (the 1/(alpha t) step).

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.linear_model import SGDClassifier
    >>> X = np.array([[-2.0, -1.0], [-1.0, -1.0], [1.0, 1.0], [2.0, 1.0]])
    >>> clf = SGDClassifier(random_state=0).fit(X, [0, 0, 1, 1])
    >>> clf.predict([[-0.8, -1.0], [3.0, 2.0]])
    array([0, 1])
    """

    _parameter_constraints = {
        **_COMMON_CONSTRAINTS,
        "loss": [StrOptions(set(_CLASSIFICATION_LOSSES))],
        "class_weight": [dict, StrOptions({"balanced"}), None],
    }

    def __init__(self, loss="hinge", *, penalty="l2", alpha=0.0001, l1_ratio=0.15,
                 fit_intercept=True, max_iter=1000, tol=1e-3, shuffle=True, epsilon=0.1,
                 random_state=None, learning_rate="optimal", eta0=0.01, power_t=0.5,
                 early_stopping=False, validation_fraction=0.1, n_iter_no_change=5,
                 class_weight=None, warm_start=False, average=False):
        self.loss = loss
        self.penalty = penalty
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol
        self.shuffle = shuffle
        self.epsilon = epsilon
        self.random_state = random_state
        self.learning_rate = learning_rate
        self.eta0 = eta0
        self.power_t = power_t
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.n_iter_no_change = n_iter_no_change
        self.class_weight = class_weight
        self.warm_start = warm_start
        self.average = average

    @property
    def predict_proba(self):
        """Probabilities, for ``loss='log_loss'`` (sigmoid) or 'modified_huber'.

        One-versus-rest scores are mapped to [0, 1] per class and renormalised
        to sum to one (scikit-learn's convention). Other losses have no
        probabilistic model: the attribute then does not exist.

        Returns
        -------
        callable
            ``predict_proba(X) -> ndarray of shape (n_samples, n_classes)``.
        """
        if self.loss not in ("log_loss", "modified_huber"):
            raise AttributeError(
                f"probability estimates are not available for loss={self.loss!r}"
            )
        return self._predict_proba

    def _predict_proba(self, X):
        scores = self.decision_function(X)
        if self.loss == "log_loss":
            P = expit(scores)
        else:
            P = (np.clip(scores, -1.0, 1.0) + 1.0) / 2.0
        if scores.ndim == 1:
            return np.column_stack([1.0 - P, P])
        total = P.sum(axis=1, keepdims=True)
        # rows where every one-vs-rest model says "not me": fall back to uniform
        return np.where(total > 0, P / np.where(total > 0, total, 1.0), 1.0 / P.shape[1])

    @property
    def predict_log_proba(self):
        """Log of :meth:`predict_proba` (same availability)."""
        self.predict_proba  # raises AttributeError for the other losses  # noqa: B018
        return lambda X: np.log(self._predict_proba(X))


class SGDRegressor(RegressorMixin, _BaseSGD):
    r"""Linear regression fitted by plain SGD (squared, Huber or epsilon-insensitive loss).

    Minimises eq. (sgd-objective) of :class:`SGDClassifier` with a regression
    loss :math:`L(y, p)` of the residual :math:`r = p - y`.

    Parameters
    ----------
    loss : {'squared_error', 'huber', 'epsilon_insensitive', 'squared_epsilon_insensitive'}, default='squared_error'
    penalty, alpha, l1_ratio, fit_intercept, max_iter, tol, shuffle, random_state
        As in :class:`SGDClassifier`.
    epsilon : float, default=0.1
        Huber threshold / width of the insensitive tube.
    learning_rate : {'constant', 'optimal', 'invscaling', 'adaptive'}, default='invscaling'
    eta0 : float, default=0.01
    power_t : float, default=0.25
    early_stopping : bool, default=False
        Stop on the R² of a held-out ``validation_fraction`` of the rows.
    validation_fraction, n_iter_no_change, warm_start, average
        As in :class:`SGDClassifier`.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
    intercept_ : ndarray of shape (1,)
    n_iter_ : int
    t_ : float
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    References
    ----------
    Bottou (2010), doi:10.1007/978-3-7908-2604-3_16. Huber (1964), Robust
    estimation of a location parameter, doi:10.1214/aoms/1177703732.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.linear_model import SGDRegressor
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(200, 2))
    >>> reg = SGDRegressor(random_state=0).fit(X, X @ [1.0, -2.0] + 0.5)
    >>> np.round(reg.coef_, 1)
    array([ 1., -2.])
    """

    _parameter_constraints = {
        **_COMMON_CONSTRAINTS,
        "loss": [StrOptions(set(_REGRESSION_LOSSES))],
    }

    def __init__(self, loss="squared_error", *, penalty="l2", alpha=0.0001, l1_ratio=0.15,
                 fit_intercept=True, max_iter=1000, tol=1e-3, shuffle=True, epsilon=0.1,
                 random_state=None, learning_rate="invscaling", eta0=0.01, power_t=0.25,
                 early_stopping=False, validation_fraction=0.1, n_iter_no_change=5,
                 warm_start=False, average=False):
        self.loss = loss
        self.penalty = penalty
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol
        self.shuffle = shuffle
        self.epsilon = epsilon
        self.random_state = random_state
        self.learning_rate = learning_rate
        self.eta0 = eta0
        self.power_t = power_t
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.n_iter_no_change = n_iter_no_change
        self.warm_start = warm_start
        self.average = average

    def fit(self, X, y, coef_init=None, intercept_init=None, sample_weight=None):
        """Fit by SGD for ``max_iter`` epochs at most.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        coef_init : ndarray of shape (n_features,), default=None
        intercept_init : float or ndarray of shape (1,), default=None
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        self : SGDRegressor
        """
        self._check_params()
        X, y = validate_data(self, X, y, dtype=[np.float64, np.float32], y_numeric=True)
        if self.warm_start and hasattr(self, "coef_") and coef_init is None:
            coef_init, intercept_init = self.coef_, self.intercept_
        if hasattr(self, "_params"):
            del self._params
        self.t_ = 1.0
        self._fit_batch(X, y, sample_weight, self.max_iter, True, coef_init, intercept_init)
        if self.tol is not None and self.n_iter_ == self.max_iter:
            warnings.warn(
                "Maximum number of iteration reached before convergence. Consider "
                "increasing max_iter to improve the fit.",
                ConvergenceWarning,
                stacklevel=2,
            )
        return self

    def partial_fit(self, X, y, sample_weight=None):
        """One epoch of SGD over this batch, continuing from the current state.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        self : SGDRegressor
        """
        first_call = not hasattr(self, "_params")
        if first_call:
            self._check_params()
            self.t_ = 1.0
        X, y = validate_data(self, X, y, dtype=[np.float64, np.float32], y_numeric=True,
                             reset=first_call)
        self._fit_batch(X, y, sample_weight, 1, False, None, None)
        return self

    def _fit_batch(self, X, y, sample_weight, max_iter, check_stop, coef_init, intercept_init):
        X = np.ascontiguousarray(X, dtype=np.float64)  # no copy when already C-ordered float64
        n_samples, n_features = X.shape
        y = y.astype(np.float64)
        if not hasattr(self, "_params"):
            b0 = 0.0 if intercept_init is None else float(np.ravel(intercept_init)[0])
            self._params = self._new_params(n_features, coef_init, b0)
        sample_weight = check_sample_weight(sample_weight, X, ensure_non_negative=True)
        rng = check_random_state(self.random_state)
        val_mask = self._validation_split(n_samples, rng)
        train_idx = np.flatnonzero(~val_mask).astype(np.int64)  # zero-weight rows still decay w, as scikit-learn
        val_score = None
        if self.early_stopping:
            X_val, y_val = X[val_mask], y[val_mask]

            def val_score(w, b):
                residual = y_val - X_val @ w - b
                return 1.0 - residual @ residual / max(np.sum((y_val - y_val.mean()) ** 2), 1e-300)

        params = self._params
        params["state"][2] = self.t_
        seed = rng.randint(MAX_INT)
        self.n_iter_ = self._run(X, y, sample_weight, params, train_idx, max_iter, seed,
                                 check_stop, val_score)
        self.t_ += self.n_iter_ * n_samples
        use_avg = self._use_average()
        self.coef_ = (params["avg_w"] if use_avg else params["w"]).copy()
        self.intercept_ = np.array([params["state"][1] if use_avg else params["state"][0]])

    def predict(self, X):
        """Predict :math:`w^\\top x + b`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        return X @ self.coef_ + self.intercept_[0]
