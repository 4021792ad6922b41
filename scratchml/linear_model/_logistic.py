r"""Logistic (binary) and softmax (multinomial) regression fitted by our own L-BFGS."""

import warnings
from numbers import Integral, Real

import numpy as np

from ..base import BaseEstimator, ClassifierMixin
from ..exceptions import ConvergenceWarning
from ..utils._math import expit, log_expit, logsumexp, softmax
from ..utils.multiclass import check_classification_targets
from ..utils.validation import (
    Interval,
    StrOptions,
    check_is_fitted,
    check_random_state,
    check_sample_weight,
    validate_data,
)
from ._lbfgs import minimize_lbfgs
from ._logistic_loss import (
    binary_hessp,
    binary_loss_grad,
    multinomial_hessp,
    multinomial_loss_grad,
)
from ._newton_cg import minimize_newton_cg
from ._saga_kernels import saga_epoch_jit

__all__ = ["LogisticRegression"]

# solver -> penalties it can minimise
_SOLVER_PENALTIES = {
    "lbfgs": ("l2", None),
    "newton-cg": ("l2", None),
    "saga": ("l2", "l1", "elasticnet", None),
}


def _allowed_pairs():
    return "; ".join(
        f"solver={s!r} with penalty in {list(p)}" for s, p in _SOLVER_PENALTIES.items()
    )


class LogisticRegression(ClassifierMixin, BaseEstimator):
    r"""Logistic regression: binary (sigmoid) or multinomial (softmax), L2 or no penalty.

    Parameters
    ----------
    penalty : {'l2', 'l1', 'elasticnet', None}, default='l2'
        Regulariser of eq. (logreg-objective) (the intercept is never
        penalised); None fits the plain maximum-likelihood model. 'l1' and
        'elasticnet' need ``solver='saga'``; an unsupported pair raises a
        ``ValueError`` listing the allowed (solver, penalty) combinations.
    C : float > 0, default=1.0
        Inverse penalty strength (scikit-learn's convention, eq. logreg-objective).
        ``C=np.inf`` means no penalty.
    l1_ratio : float in [0, 1] or None, default=0.0
        Elastic-net mixing :math:`\rho`, used with ``penalty='elasticnet'``
        (0 is pure L2, 1 pure L1). The default is scikit-learn 1.9's.
    tol : float >= 0, default=1e-4
        'lbfgs' stops when the largest absolute gradient entry of the scaled
        objective (eq. logreg-objective divided by :math:`C S`) is <= ``tol``;
        'saga' when an epoch changes the weights by at most ``tol`` times
        their largest magnitude (scikit-learn's rules).
    fit_intercept : bool, default=True
        Fit the unpenalised intercept(s).
    class_weight : dict, 'balanced' or None, default=None
        Multiplies the sample weights by a weight per class; 'balanced' uses
        :math:`S / (K S_k)` with :math:`S_k` the total weight of class k.
    random_state : int, RandomState instance or None, default=None
        Seeds the sample draws of 'saga'; 'lbfgs' is deterministic.
    solver : {'lbfgs', 'newton-cg', 'saga'}, default='lbfgs'
        'lbfgs': our L-BFGS (N&W Algorithm 7.5) with a strong-Wolfe line
        search, for 'l2' or None. 'newton-cg': line-search Newton-CG (N&W
        Algorithm 7.1) on Hessian-vector products, eqs. (logreg-hessp),
        (softmax-hessp), for 'l2' or None. 'saga': proximal SAGA, eq.
        (saga-step), for every penalty.
    max_iter : int, default=100
        L-BFGS iterations, or SAGA epochs, at most.
    warm_start : bool, default=False
        Start from the previous ``coef_``/``intercept_`` when shapes match.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        Sorted labels seen in ``fit``.
    coef_ : ndarray of shape (1, n_features) or (n_classes, n_features)
        Weights; one row (for ``classes_[1]``) in the binary case.
    intercept_ : ndarray of shape (1,) or (n_classes,)
        Intercepts (zeros when ``fit_intercept=False``).
    n_iter_ : ndarray of shape (1,)
        L-BFGS iterations or SAGA epochs run.
    n_features_in_ : int
        Number of features seen in ``fit``.
    feature_names_in_ : ndarray of shape (``n_features_in_``,)
        Column names, when ``X`` was a DataFrame with string column names.

    Raises
    ------
    ValueError
        ``C <= 0``, ``l1_ratio`` outside [0, 1], an unsupported (solver,
        penalty) pair, or ``y`` with a single class (named in the message).

    Warns
    -----
    ConvergenceWarning
        L-BFGS stopped before meeting ``tol``; or, without a penalty, the
        training data are linearly separable, so the maximum-likelihood
        estimate does not exist (the returned coefficients are finite but
        depend on ``tol`` and ``max_iter``).

    Notes
    -----
    Notation: :math:`N` samples, :math:`D` features, :math:`K` classes,
    weights :math:`s_i` (times class weights), :math:`S = \sum_i s_i`. For two
    classes, with :math:`y_i \in \{0, 1\}` and :math:`z_i = x_i^\top w + b`,

    .. math::
       :label: logreg-model

       P(y = 1 \mid x) = \sigma(z) = \frac{1}{1 + e^{-z}} ,

    and the fitted weights minimise scikit-learn's objective

    .. math::
       :label: logreg-objective

       \frac12\|w\|^2 + C \sum_i s_i\, \ell_i(w, b),

    where the negative log-likelihood of one sample is

    .. math::
       :label: logreg-loss

       \ell_i = \log(1 + e^{z_i}) - y_i z_i .

    We minimise eq. (logreg-objective) divided by :math:`CS` (same
    minimiser), whose gradient is

    .. math::
       :label: logreg-grad

       \nabla_w = \frac1S \sum_i s_i (\sigma(z_i) - y_i)\, x_i + \frac{w}{CS},
       \qquad \nabla_b = \frac1S \sum_i s_i (\sigma(z_i) - y_i) .

    For :math:`K > 2` classes, :math:`z_{ik} = x_i^\top w_k + b_k` and
    :math:`p_{ik} = e^{z_{ik}} / \sum_j e^{z_{ij}}` (softmax), with

    .. math::
       :label: softmax-loss

       \ell_i = \log \sum_k e^{z_{ik}} - z_{i y_i} ,

    .. math::
       :label: softmax-grad

       \nabla_{w_k} = \frac1S \sum_i s_i (p_{ik} - [y_i = k])\, x_i + \frac{w_k}{CS} .

    The objective is convex; its Hessian acts on a direction
    :math:`v = (v_w, v_b)` as

    .. math::
       :label: logreg-hessp

       H v = \frac1S \tilde X^\top \mathrm{diag}\big(s_i \sigma_i (1 - \sigma_i)\big)
             \tilde X v + \frac{1}{CS}(v_w, 0),
       \qquad \tilde X = [X, \mathbf 1],

    and for softmax, with :math:`u_i = V x_i + v_b`,

    .. math::
       :label: softmax-hessp

       H v = \frac1S \sum_i s_i \big(p_i \odot u_i - p_i\,(p_i^\top u_i)\big)\,\tilde x_i^\top
             + \frac{1}{CS}(V, 0) ,

    so L-BFGS (or Newton-CG) converges to the unique (penalised) minimiser.

    With an L1 part the objective is not differentiable; 'saga' minimises the
    same objective, scaled by :math:`1/(CN)`,

    .. math::
       :label: saga-objective

       F(W) = \frac1N \sum_i s_i \ell_i(W) + \lambda_1 \|W\|_1
              + \frac{\lambda_2}{2}\|W\|_2^2, \quad
       \lambda_1 = \frac{\rho}{CN}, \; \lambda_2 = \frac{1-\rho}{CN},

    keeping the last gradient :math:`g_i` of every sample. For a sample
    :math:`j` drawn uniformly,

    .. math::
       :label: saga-step

       W \leftarrow \mathrm{prox}_{\gamma}\Big(W - \gamma\big[\nabla f_j(W) - g_j
       + \tfrac1N \textstyle\sum_i g_i\big]\Big), \quad
       \mathrm{prox}_\gamma(v) = \frac{\mathrm{sign}(v)(|v| - \gamma\lambda_1)_+}{1 + \gamma\lambda_2},

    an unbiased gradient estimate whose variance vanishes at the optimum, so a
    constant step :math:`\gamma` converges (Defazio et al. 2014).

    References
    ----------
    Hastie, Tibshirani, Friedman, *The Elements of Statistical Learning*, 2nd
    ed., §4.4.1, eqs. 4.18-4.21. Bishop, *Pattern Recognition and Machine
    Learning*, §4.3.2 (eq. 4.91) and §4.3.4 (eqs. 4.104-4.109). Nocedal and
    Wright, *Numerical Optimization*, 2nd ed., Algorithms 3.5, 3.6, 7.4, 7.5.
    Defazio, Bach, Lacoste-Julien (2014), SAGA: a fast incremental gradient
    method with support for non-strongly convex composite objectives, *NIPS*,
    arXiv:1407.0202.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.linear_model import LogisticRegression
    >>> X = np.array([[-2.0], [-1.0], [1.0], [2.0]])
    >>> clf = LogisticRegression().fit(X, [0, 0, 1, 1])
    >>> clf.predict([[-3.0], [3.0]])
    array([0, 1])
    >>> np.round(clf.predict_proba([[0.0]]), 3)
    array([[0.5, 0.5]])
    """

    _parameter_constraints = {
        "penalty": [StrOptions({"l1", "l2", "elasticnet"}), None],
        "C": [Interval(Real, 0, None, closed="neither")],
        "l1_ratio": [Interval(Real, 0, 1, closed="both"), None],
        "tol": [Interval(Real, 0, None, closed="left")],
        "fit_intercept": ["boolean"],
        "class_weight": [dict, StrOptions({"balanced"}), None],
        "random_state": ["random_state"],
        "solver": [StrOptions({"lbfgs", "newton-cg", "saga"})],
        "max_iter": [Interval(Integral, 0, None, closed="left")],
        "warm_start": ["boolean"],
    }

    def __init__(
        self,
        penalty="l2",
        *,
        C=1.0,
        l1_ratio=0.0,
        tol=1e-4,
        fit_intercept=True,
        class_weight=None,
        random_state=None,
        solver="lbfgs",
        max_iter=100,
        warm_start=False,
    ):
        self.penalty = penalty
        self.C = C
        self.l1_ratio = l1_ratio
        self.tol = tol
        self.fit_intercept = fit_intercept
        self.class_weight = class_weight
        self.random_state = random_state
        self.solver = solver
        self.max_iter = max_iter
        self.warm_start = warm_start

    def fit(self, X, y, sample_weight=None):
        """Fit the model by minimising eq. (logreg-objective) with L-BFGS.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,)
            Class labels (at least two distinct values).
        sample_weight : array-like of shape (n_samples,), default=None
            Non-negative weights :math:`s_i`.

        Returns
        -------
        self : LogisticRegression
            The fitted estimator.
        """
        self._validate_params()
        if self.penalty not in _SOLVER_PENALTIES[self.solver]:
            raise ValueError(
                f"Solver {self.solver!r} does not support penalty={self.penalty!r}. "
                f"Allowed combinations: {_allowed_pairs()}."
            )
        if self.penalty == "elasticnet" and self.l1_ratio is None:
            raise ValueError(
                "l1_ratio must be specified (a float in [0, 1]) when penalty='elasticnet'."
            )
        X, y = validate_data(self, X, y, dtype=np.float64)
        check_classification_targets(y)
        self.classes_, y_idx = np.unique(y, return_inverse=True)
        n_classes = self.classes_.size
        if n_classes < 2:
            raise ValueError(
                "This solver needs samples of at least 2 classes in the data, but the "
                f"data contains only one class: {self.classes_[0].item()!r}"
            )
        sample_weight = check_sample_weight(sample_weight, X, ensure_non_negative=True)
        sample_weight = sample_weight * self._class_weights(y_idx, sample_weight)[y_idx]
        total = sample_weight.sum()
        unpenalised = self.penalty is None or self.C == np.inf
        l2_reg = 0.0 if unpenalised else 1.0 / (self.C * total)
        sw = sample_weight / total

        n_features = X.shape[1]
        n_params = n_features + int(self.fit_intercept)
        if n_classes == 2:
            target, loss_grad, n_rows = (y_idx == 1).astype(np.float64), binary_loss_grad, 1
        else:
            target = np.eye(n_classes)[y_idx]  # one-hot (n_samples, n_classes)
            loss_grad, n_rows = multinomial_loss_grad, n_classes
        w0 = np.zeros((n_rows, n_params))
        if self.warm_start and getattr(self, "coef_", None) is not None:
            if self.coef_.shape == (n_rows, n_features):
                w0[:, :n_features] = self.coef_
                if self.fit_intercept:
                    w0[:, -1] = self.intercept_

        if self.solver == "saga":
            W, n_iter, converged = self._fit_saga(X, y_idx, sample_weight, w0, n_classes)
            message = "max relative weight change > tol"
        else:
            def fun(w):
                return loss_grad(w, X, target, sw, l2_reg, self.fit_intercept)

            if self.solver == "newton-cg":
                def hess_at(w):
                    if n_classes == 2:
                        return binary_hessp(w, X, sw, l2_reg, self.fit_intercept)
                    return multinomial_hessp(w, X, n_classes, sw, l2_reg, self.fit_intercept)

                result = minimize_newton_cg(fun, hess_at, w0.ravel(), max_iter=self.max_iter,
                                            gtol=self.tol)
            else:
                result = minimize_lbfgs(fun, w0.ravel(), max_iter=self.max_iter, gtol=self.tol)
            W, n_iter, converged = result.x.reshape(n_rows, n_params), result.n_iter, result.converged
            message = f"{result.message}; max|gradient| = {np.max(np.abs(result.grad)):.3e}"
        if not converged:
            warnings.warn(
                f"{self.solver} failed to converge after {n_iter} iteration(s) "
                f"({message}, tol = {self.tol}). Increase max_iter or scale the data.",
                ConvergenceWarning,
                stacklevel=2,
            )
        self.coef_ = W[:, :n_features].copy()
        self.intercept_ = W[:, -1].copy() if self.fit_intercept else np.zeros(n_rows)
        self.n_iter_ = np.array([n_iter], dtype=np.int32)
        if unpenalised and np.all(self.predict(X)[sample_weight > 0] == y[sample_weight > 0]):
            warnings.warn(
                "The training data are linearly separable and no penalty is used: the "
                "maximum-likelihood coefficients are infinite. The finite coefficients "
                "returned depend on tol and max_iter; use penalty='l2' for a unique solution.",
                ConvergenceWarning,
                stacklevel=2,
            )
        return self

    def _fit_saga(self, X, y_idx, sample_weight, w0, n_classes):
        """Proximal SAGA epochs (eq. saga-step) until the relative weight change is <= tol."""
        n_samples, n_features = X.shape
        n_rows = w0.shape[0]
        W = np.ascontiguousarray(w0[:, :n_features])
        b = w0[:, -1].copy() if self.fit_intercept else np.zeros(n_rows)
        y = (y_idx == 1).astype(np.float64) if n_classes == 2 else y_idx.astype(np.float64)
        rho = {"l1": 1.0, "elasticnet": self.l1_ratio, "l2": 0.0}.get(self.penalty, 0.0)
        strength = 0.0 if (self.penalty is None or self.C == np.inf) else 1.0 / (self.C * n_samples)
        l1, l2 = rho * strength, (1.0 - rho) * strength  # eq. (saga-objective)
        # Lipschitz constant of one weighted loss term: sigma' <= 1/4, softmax Hessian <= 1/2
        curvature = 0.25 if n_classes == 2 else 0.5
        row_norm2 = np.max(np.einsum("ij,ij->i", X, X) + self.fit_intercept)
        lipschitz = curvature * row_norm2 * sample_weight.max() + l2
        step = 1.0 / (2.0 * lipschitz + min(2.0 * n_samples * l2, lipschitz))  # Defazio et al. §2
        memory = np.zeros((n_samples, n_rows))
        sum_W, sum_b = np.zeros_like(W), np.zeros(n_rows)
        X = np.ascontiguousarray(X)
        rng = check_random_state(self.random_state)
        for epoch in range(self.max_iter):
            before = np.column_stack([W, b])
            order = rng.randint(0, n_samples, size=n_samples).astype(np.int64)
            saga_epoch_jit(X, y, sample_weight, order, W, b, memory, sum_W, sum_b, step, l1, l2,
                           self.fit_intercept)
            after = np.column_stack([W, b])
            if not np.all(np.isfinite(after)):
                raise ValueError("SAGA diverged (non-finite weights); scale the features.")
            change = np.max(np.abs(after - before)) / max(np.max(np.abs(after)), 1e-300)
            if change <= self.tol:
                return after, epoch + 1, True
        return np.column_stack([W, b]), self.max_iter, False

    def _class_weights(self, y_idx, sample_weight):
        """Weight per class index: ones, 'balanced' S / (K S_k), or the user's dict."""
        n_classes = self.classes_.size
        if self.class_weight is None:
            return np.ones(n_classes)
        if self.class_weight == "balanced":
            per_class = np.bincount(y_idx, weights=sample_weight, minlength=n_classes)
            return per_class.sum() / (n_classes * per_class)
        weights = np.ones(n_classes)
        for label, value in self.class_weight.items():
            match = np.flatnonzero(self.classes_ == label)
            if match.size == 0:
                raise ValueError(
                    f"class_weight has the label {label!r}, which is not in "
                    f"classes_={self.classes_.tolist()}."
                )
            weights[match[0]] = value
        return weights

    def decision_function(self, X):
        """Scores :math:`z = Xw + b`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        scores : ndarray of shape (n_samples,) or (n_samples, n_classes)
            Binary: the log-odds of ``classes_[1]``.
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        scores = X @ self.coef_.T + self.intercept_
        return scores.ravel() if scores.shape[1] == 1 else scores

    def predict(self, X):
        """Most probable class of each sample.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
        """
        scores = self.decision_function(X)
        if scores.ndim == 1:
            return self.classes_[(scores > 0).astype(int)]
        return self.classes_[np.argmax(scores, axis=1)]

    def predict_proba(self, X):
        """Class probabilities, eq. (logreg-model) or the softmax.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        P : ndarray of shape (n_samples, n_classes)
            Rows sum to 1; columns follow ``classes_``.
        """
        scores = self.decision_function(X)
        if scores.ndim == 1:
            p = expit(scores)
            return np.column_stack([1.0 - p, p])
        return softmax(scores, axis=1)

    def predict_log_proba(self, X):
        """Log class probabilities, computed without ``log(predict_proba)`` underflow.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        log_P : ndarray of shape (n_samples, n_classes)
        """
        scores = self.decision_function(X)
        if scores.ndim == 1:
            # log(1 - sigma(z)) = log sigma(-z)
            return np.column_stack([log_expit(-scores), log_expit(scores)])
        return scores - logsumexp(scores, axis=1, keepdims=True)
