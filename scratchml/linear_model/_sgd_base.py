r"""Shared machinery of the SGD estimators: parameter checks, the epoch loop with
its stopping rules, the validation split, and one-versus-rest classification.

The per-sample update lives in ``_sgd_kernels.py``; the public classes are in
``_stochastic_gradient.py`` and ``_perceptron.py``.
"""

import warnings
from numbers import Integral, Real

import numpy as np

from ..base import BaseEstimator, ClassifierMixin
from ..exceptions import ConvergenceWarning
from ..utils.multiclass import check_classification_targets
from ..utils.validation import (
    Interval,
    StrOptions,
    check_is_fitted,
    check_random_state,
    check_sample_weight,
    validate_data,
)
from ._sgd_kernels import LOSSES, SCHEDULES, loss_and_derivative, sgd_epoch_jit

__all__ = []  # private base classes, imported by _stochastic_gradient.py and _perceptron.py

MAX_INT = np.iinfo(np.int32).max
_GATHER_BYTES = 8 * 2**20  # above this, copy the shuffled rows each epoch (see _run)
_CLASSIFICATION_LOSSES = ("hinge", "log_loss", "modified_huber", "squared_hinge", "perceptron")
_REGRESSION_LOSSES = ("squared_error", "huber", "epsilon_insensitive", "squared_epsilon_insensitive")

_COMMON_CONSTRAINTS = {
    "penalty": [StrOptions({"l2", "l1", "elasticnet"}), None],
    "alpha": [Interval(Real, 0, None, closed="left")],
    "l1_ratio": [Interval(Real, 0, 1, closed="both")],
    "fit_intercept": ["boolean"],
    "max_iter": [Interval(Integral, 1, None, closed="left")],
    "tol": [Interval(Real, None, None, closed="neither"), None],
    "shuffle": ["boolean"],
    "epsilon": [Interval(Real, 0, None, closed="left")],
    "random_state": ["random_state"],
    "learning_rate": [StrOptions(set(SCHEDULES))],
    "eta0": [Interval(Real, 0, None, closed="left")],
    "power_t": [Interval(Real, 0, None, closed="left")],
    "early_stopping": ["boolean"],
    "validation_fraction": [Interval(Real, 0, 1, closed="neither")],
    "n_iter_no_change": [Interval(Integral, 1, None, closed="left")],
    "warm_start": ["boolean"],
    "average": [Interval(Integral, 0, None, closed="left"), "boolean"],
}


class _BaseSGD(BaseEstimator):
    """Shared machinery: parameter checks, the epoch loop, stopping rules."""

    def _check_params(self):
        self._validate_params()
        if self.learning_rate != "optimal" and self.eta0 <= 0:
            raise ValueError(
                f"eta0={self.eta0} must be > 0 with learning_rate={self.learning_rate!r} "
                "(only 'optimal' ignores eta0)."
            )
        if self.learning_rate == "optimal" and self.alpha == 0:
            raise ValueError(
                "alpha=0 is not allowed with learning_rate='optimal': eq. (sgd-optimal) "
                "divides by alpha."
            )

    def _config(self):
        """The kernel's float parameters (see ``sgd_epoch``)."""
        l1_ratio = {"l2": 0.0, "l1": 1.0, "elasticnet": self.l1_ratio, None: -1.0}[self.penalty]
        optimal_init = 0.0
        if self.learning_rate == "optimal":
            # Bottou's heuristic (as scikit-learn): choose t0 so the first step has the
            # size eta that an expected weight of typical norm would need.
            typw = np.sqrt(1.0 / np.sqrt(self.alpha))
            dloss = loss_and_derivative(LOSSES[self._loss_name()], 1.0, -typw, self.epsilon)[1]
            initial_eta0 = typw / max(1.0, dloss)
            optimal_init = 1.0 / (initial_eta0 * self.alpha)
        average = float(int(self.average))  # True -> 1: average from the first step
        return np.array([self.alpha, l1_ratio, self.eta0, self.power_t, self.epsilon,
                         optimal_init, average, float(self.fit_intercept)])

    def _loss_name(self):
        return self.loss

    def _run(self, X, y, sample_weight, params, train_idx, max_iter, seed, check_stop, val_score):
        """Epoch loop for one linear problem; ``params`` holds its state and is updated."""
        rng = np.random.RandomState(seed)
        config = self._config()
        loss_code, schedule = LOSSES[self._loss_name()], SCHEDULES[self.learning_rate]
        state = params["state"]
        state[3] = self.eta0  # every call starts at eta0 ('adaptive' divides it below)
        x_norm2 = np.einsum("ij,ij->i", X, X)
        best, no_improvement = np.inf, 0
        n_iter = 0
        for epoch in range(max_iter):
            if self.shuffle and X.nbytes > _GATHER_BYTES:
                # Gather the shuffled rows into a contiguous copy: the kernel then reads
                # memory sequentially, ~4x faster on large X than jumping between rows.
                perm = rng.permutation(train_idx)
                X_e, n2_e, y_e, sw_e = X[perm], x_norm2[perm], y[perm], sample_weight[perm]
                order = np.arange(perm.size, dtype=np.int64)
            elif self.shuffle:  # small X stays in cache: visit its rows in shuffled order
                X_e, n2_e, y_e, sw_e = X, x_norm2, y, sample_weight
                order = rng.permutation(train_idx)
            else:
                X_e, n2_e, y_e, sw_e, order = X, x_norm2, y, sample_weight, train_idx
            objective = sgd_epoch_jit(X_e, n2_e, y_e, sw_e, order, params["w"], params["avg_w"],
                                      params["q"], state, config, loss_code, schedule)
            n_iter = epoch + 1
            if not (np.isfinite(state[0]) and np.all(np.isfinite(params["w"]))):
                raise ValueError(
                    f"Floating-point under-/overflow occurred at epoch #{n_iter}. Scaling "
                    "input data with StandardScaler or MinMaxScaler might help."
                )
            if not check_stop:
                continue
            if val_score is not None:  # early stopping: higher validation score is better
                current = -val_score(params["w"], state[0])
            else:  # eq. (sgd-objective), averaged over the training rows
                current = objective / max(len(train_idx), 1)
            if self.tol is not None and current > best - self.tol:
                no_improvement += 1
            else:
                no_improvement = 0
            best = min(best, current)
            if no_improvement >= self.n_iter_no_change:
                if self.learning_rate == "adaptive" and state[3] > 1e-6:
                    state[3] /= 5.0  # eq. (sgd-adaptive)
                    no_improvement = 0
                else:
                    break
        return n_iter

    @staticmethod
    def _new_params(n_features, w0=None, b0=0.0):
        w = np.zeros(n_features) if w0 is None else np.array(w0, dtype=np.float64)
        return {"w": w, "avg_w": w.copy(), "q": np.zeros(n_features),
                "state": np.array([b0, b0, 1.0, 0.0, 0.0])}

    def _validation_split(self, n_samples, rng):
        """Boolean mask of the held-out rows for ``early_stopping`` (our own shuffle split)."""
        mask = np.zeros(n_samples, dtype=bool)
        if not self.early_stopping:
            return mask
        n_val = int(np.ceil(self.validation_fraction * n_samples))
        if n_val < 1 or n_val >= n_samples:
            raise ValueError(
                f"validation_fraction={self.validation_fraction} leaves {n_val} validation "
                f"sample(s) out of n_samples={n_samples}; early stopping needs both sets non-empty."
            )
        mask[rng.permutation(n_samples)[:n_val]] = True
        return mask

    def _use_average(self):
        return self.average and self.average <= self.t_ - 1


class _BaseSGDClassifier(ClassifierMixin, _BaseSGD):
    """One-versus-rest SGD classification (binary problems with labels in {-1, +1})."""

    def fit(self, X, y, coef_init=None, intercept_init=None, sample_weight=None):
        """Fit by SGD for ``max_iter`` epochs at most.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,)
            Class labels.
        coef_init : ndarray of shape (n_classes, n_features), default=None
            Starting weights (one row in the binary case).
        intercept_init : ndarray of shape (n_classes,), default=None
            Starting intercepts.
        sample_weight : array-like of shape (n_samples,), default=None
            Non-negative weights (multiply the step of each sample).

        Returns
        -------
        self : estimator
            The fitted estimator.
        """
        self._check_params()
        X, y = validate_data(self, X, y, dtype=[np.float64, np.float32])
        check_classification_targets(y)
        classes = np.unique(y)
        if self.warm_start and hasattr(self, "coef_") and coef_init is None:
            coef_init, intercept_init = self.coef_, self.intercept_
        for name in ("classes_", "_params"):
            if hasattr(self, name):
                delattr(self, name)
        self.t_ = 1.0
        self._fit_batch(X, y, classes, sample_weight, self.max_iter, True, coef_init, intercept_init)
        if self.tol is not None and self.n_iter_ == self.max_iter:
            warnings.warn(
                "Maximum number of iteration reached before convergence. Consider "
                "increasing max_iter to improve the fit.",
                ConvergenceWarning,
                stacklevel=2,
            )
        return self

    def partial_fit(self, X, y, classes=None, sample_weight=None):
        """One epoch of SGD over this batch, continuing from the current state.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            A batch of training data.
        y : array-like of shape (n_samples,)
            Its labels.
        classes : array-like of shape (n_classes,), default=None
            Every class of the whole stream; required on the first call.
        sample_weight : array-like of shape (n_samples,), default=None
            Non-negative weights.

        Returns
        -------
        self : estimator
            The updated estimator.
        """
        first_call = not hasattr(self, "classes_")
        if first_call:
            self._check_params()
            if self.class_weight == "balanced":
                raise ValueError(
                    "class_weight='balanced' is not supported for partial_fit: the class "
                    "frequencies of the whole stream are unknown. Pass a dict instead."
                )
            if classes is None:
                raise ValueError("classes must be passed on the first call to partial_fit.")
            self.t_ = 1.0
        X, y = validate_data(self, X, y, dtype=[np.float64, np.float32], reset=first_call)
        if classes is not None:
            classes = np.unique(classes)
            if not first_call and not np.array_equal(classes, self.classes_):
                raise ValueError(
                    f"classes={classes!r} is not the same as on the first call to "
                    f"partial_fit, was: {self.classes_!r}"
                )
        unseen = np.setdiff1d(np.unique(y), classes if first_call else self.classes_)
        if unseen.size:
            raise ValueError(f"y contains labels {unseen.tolist()} not in classes.")
        self._fit_batch(X, y, classes if first_call else self.classes_, sample_weight, 1,
                        False, None, None)
        return self

    def _fit_batch(self, X, y, classes, sample_weight, max_iter, check_stop, coef_init, intercept_init):
        X = np.ascontiguousarray(X, dtype=np.float64)  # no copy when already C-ordered float64
        n_samples, n_features = X.shape
        if not hasattr(self, "classes_"):
            if classes.size < 2:
                raise ValueError(
                    "The number of classes has to be greater than one; got 1 class: "
                    f"{classes[0].item()!r}"
                )
            self.classes_ = classes
            n_rows = 1 if classes.size == 2 else classes.size
            coef_init = np.zeros((n_rows, n_features)) if coef_init is None else np.reshape(
                np.asarray(coef_init, dtype=np.float64), (n_rows, n_features))
            b0 = np.zeros(n_rows) if intercept_init is None else np.reshape(
                np.asarray(intercept_init, dtype=np.float64), (n_rows,))
            self._params = [self._new_params(n_features, coef_init[k], b0[k]) for k in range(n_rows)]
        sample_weight = check_sample_weight(sample_weight, X, ensure_non_negative=True)
        class_weight = self._expanded_class_weight(y)
        rng = check_random_state(self.random_state)
        val_mask = self._validation_split(n_samples, rng)
        train_idx = np.flatnonzero(~val_mask).astype(np.int64)  # zero-weight rows still decay w, as scikit-learn
        positives = [1] if self.classes_.size == 2 else range(self.classes_.size)
        seeds = rng.randint(MAX_INT, size=len(self._params))
        n_iters = []
        for k, (pos, params) in enumerate(zip(positives, self._params)):
            is_pos = y == self.classes_[pos]
            # log_loss is the half-binomial loss on {0, 1}; the margin losses use {-1, +1}
            y_k = np.where(is_pos, 1.0, 0.0 if self._loss_name() == "log_loss" else -1.0)
            neg_weight = class_weight[0] if self.classes_.size == 2 else 1.0
            sw_k = sample_weight * np.where(is_pos, class_weight[pos], neg_weight)
            params["state"][2] = self.t_  # every one-vs-rest problem starts at the same t
            val_score = None
            if self.early_stopping:
                X_val, y_val = X[val_mask], is_pos[val_mask]

                def val_score(w, b, X_val=X_val, y_val=y_val):
                    return np.mean(((X_val @ w + b) > 0) == y_val)

            n_iters.append(self._run(X, y_k, sw_k, params, train_idx, max_iter, seeds[k],
                                     check_stop, val_score))
        self.n_iter_ = max(n_iters)
        self.t_ += self.n_iter_ * n_samples  # scikit-learn's count (validation rows included)
        use_avg = self._use_average()
        self.coef_ = np.array([p["avg_w"] if use_avg else p["w"] for p in self._params])
        self.intercept_ = np.array([p["state"][1] if use_avg else p["state"][0] for p in self._params])

    def _expanded_class_weight(self, y):
        """Weight per class index: ones, a dict, or 'balanced' N / (K n_k)."""
        n_classes = self.classes_.size
        weights = np.ones(n_classes)
        if self.class_weight == "balanced":
            counts = np.array([np.sum(y == c) for c in self.classes_], dtype=float)
            weights = len(y) / (n_classes * np.maximum(counts, 1))
        elif isinstance(self.class_weight, dict):
            for label, value in self.class_weight.items():
                match = np.flatnonzero(self.classes_ == label)
                if match.size == 0:
                    raise ValueError(f"class_weight label {label!r} is not in classes_.")
                weights[match[0]] = value
        return weights

    def decision_function(self, X):
        """Signed scores :math:`w_k^\\top x + b_k`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        scores : ndarray of shape (n_samples,) or (n_samples, n_classes)
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        scores = X @ self.coef_.T + self.intercept_
        return scores.ravel() if scores.shape[1] == 1 else scores

    def predict(self, X):
        """Class with the largest score (binary: positive score -> ``classes_[1]``).

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

    def _extra_tags(self):
        return {"poor_score": True}
