r"""Shared fitting code of the multi-layer perceptrons (``MLPClassifier``, ``MLPRegressor``, ``Autoencoder``).

The network is a stack of :class:`Dense` layers with one hidden activation,
trained by mini-batch SGD (with momentum / Nesterov), Adam or full-batch
L-BFGS on the regularised loss below, with the parameters, defaults, draw
order of the random numbers and stopping rules of ``sklearn.neural_network``.
"""

import warnings
from numbers import Integral, Real

import numpy as np

from ..base import BaseEstimator, is_classifier
from ..exceptions import ConvergenceWarning
from ..utils.validation import (
    Interval,
    Options,
    StrOptions,
    check_is_fitted,
    check_random_state,
    validate_data,
)
from ._activations import get_activation
from ._layers import Dense
from ._lbfgs import lbfgs
from ._optimizers import SGD, Adam
from ._regularizers import L2

__all__ = ["BaseMultilayerPerceptron"]


class _AvailableIf:
    """Expose a method only when ``check(self)`` is true (``hasattr`` is False otherwise)."""

    def __init__(self, fn, check):
        self.fn, self.check = fn, check
        self.__doc__ = fn.__doc__

    def __get__(self, obj, owner=None):
        if obj is not None and not self.check(obj):
            raise AttributeError(f"partial_fit is only available for stochastic optimizers. "
                                 f"{obj.solver} is not stochastic.")
        return self.fn if obj is None else self.fn.__get__(obj, owner)


def _stochastic(est):
    return est.solver in ("sgd", "adam")


class BaseMultilayerPerceptron(BaseEstimator):
    r"""Shared fitting code of :class:`MLPClassifier` and :class:`MLPRegressor`.

    Notes
    -----
    Notation: a batch of :math:`n` rows, layers :math:`l = 1..L` with weights
    :math:`W_l`, biases :math:`b_l`, hidden activation :math:`\phi`:

    .. math::
       :label: mlp-forward

       h_0 = x,\qquad a_l = h_{l-1} W_l + b_l,\qquad h_l = \phi(a_l)\ (l < L),\qquad z = a_L

    The output link (identity, logistic, softmax) is fused into the loss
    :math:`\mathcal L(z, y)` (see :mod:`._losses`), so :math:`\partial \mathcal L/\partial z`
    is :math:`(\hat y - y)/n` up to the loss's scaling. The objective of one batch is

    .. math::
       :label: mlp-objective

       J = \mathcal L(z, y) + \frac{\alpha}{2n}\sum_l \lVert W_l \rVert_F^2,\qquad
       \frac{\partial J}{\partial W_l} = h_{l-1}^\top \delta_l + \frac{\alpha}{n} W_l,\quad
       \delta_l = \frac{\partial \mathcal L}{\partial a_l}

    with the :math:`\delta_l` computed by backpropagation (eq. chain-rule),
    which is scikit-learn's objective (its L2 term is also divided by the
    batch size).
    """

    _parameter_constraints = {
        "hidden_layer_sizes": ["array-like", Interval(Integral, 1, None, closed="left")],
        "activation": [StrOptions({"identity", "logistic", "tanh", "relu"})],
        "solver": [StrOptions({"lbfgs", "sgd", "adam"})],
        "alpha": [Interval(Real, 0, None, closed="left")],
        "batch_size": [StrOptions({"auto"}), Interval(Integral, 1, None, closed="left")],
        "learning_rate": [StrOptions({"constant", "invscaling", "adaptive"})],
        "learning_rate_init": [Interval(Real, 0, None, closed="neither")],
        "power_t": [Interval(Real, 0, None, closed="left")],
        "max_iter": [Interval(Integral, 1, None, closed="left")],
        "shuffle": ["boolean"],
        "random_state": ["random_state"],
        "tol": [Interval(Real, 0, None, closed="left")],
        "verbose": ["boolean", Interval(Integral, 0, None, closed="left")],
        "warm_start": ["boolean"],
        "momentum": [Interval(Real, 0, 1, closed="both")],
        "nesterovs_momentum": ["boolean"],
        "early_stopping": ["boolean"],
        "validation_fraction": [Interval(Real, 0, 1, closed="left")],
        "beta_1": [Interval(Real, 0, 1, closed="left")],
        "beta_2": [Interval(Real, 0, 1, closed="left")],
        "epsilon": [Interval(Real, 0, None, closed="neither")],
        "n_iter_no_change": [Interval(Integral, 1, None, closed="left"), Options(Real, {np.inf})],
        "max_fun": [Interval(Integral, 1, None, closed="left")],
    }

    # ------------------------------------------------------------ network
    def _layers(self):
        """Dense/activation layers sharing their arrays with ``coefs_`` / ``intercepts_``."""
        layers = []
        last = len(self.coefs_) - 1
        for i, (W, b) in enumerate(zip(self.coefs_, self.intercepts_)):
            dense = Dense(W.shape[1])
            dense.params = {"W": W, "b": b}  # shared: optimizer updates show in coefs_
            dense.built = True
            dense.compute_input_grad = i > 0
            layers.append(dense)
            if i < last:
                layers.append(get_activation(self._hidden_activation(i)))
        return layers

    def _hidden_activation(self, i):
        """Activation after hidden layer ``i`` (the same for all in an MLP)."""
        return self.activation

    def _forward(self, X, layers=None):
        """Logits :math:`z` of eq. (mlp-forward)."""
        h = X
        for layer in layers if layers is not None else self._layers():
            h = layer.forward(h, training=True)
        return h

    def _init_coef(self, fan_in, fan_out, dtype, rng):
        # Glorot & Bengio (2010) uniform bound, as scikit-learn draws it:
        # factor 6 (eq. 16), 2 for the logistic activation; weights then bias.
        factor = 2.0 if self.activation == "logistic" else 6.0
        bound = np.sqrt(factor / (fan_in + fan_out))
        W = rng.uniform(-bound, bound, (fan_in, fan_out)).astype(dtype, copy=False)
        b = rng.uniform(-bound, bound, fan_out).astype(dtype, copy=False)
        return W, b

    def _hidden_sizes(self):
        sizes = self.hidden_layer_sizes
        sizes = list(sizes) if hasattr(sizes, "__iter__") else [sizes]
        if any(s <= 0 for s in np.asarray(sizes).ravel()) or len(np.shape(sizes)) != 1:
            raise ValueError(f"hidden_layer_sizes must be > 0, got {sizes}.")
        return [int(s) for s in sizes]

    def _initialize(self, Y, layer_units, dtype, rng):
        self.n_iter_ = 0
        self.t_ = 0
        self.n_outputs_ = Y.shape[1]
        self.n_layers_ = len(layer_units)
        self.out_activation_ = self._output_activation()
        self.coefs_, self.intercepts_ = [], []
        for fan_in, fan_out in zip(layer_units[:-1], layer_units[1:]):
            W, b = self._init_coef(fan_in, fan_out, dtype, rng)
            self.coefs_.append(W)
            self.intercepts_.append(b)
        self._best_coefs = [c.copy() for c in self.coefs_]
        self._best_intercepts = [b.copy() for b in self.intercepts_]
        if not _stochastic(self):
            return
        self.loss_curve_ = []
        self._no_improvement_count = 0
        if self.early_stopping:
            self.validation_scores_ = []
            self.best_validation_score_ = -np.inf
            self.best_loss_ = None
        else:
            self.validation_scores_ = None
            self.best_validation_score_ = None
            self.best_loss_ = np.inf

    # ------------------------------------------------------------ backprop
    def _backprop(self, X, Y, layers, loss):
        """Batch objective (eq. mlp-objective) and its gradients, stored in the layers."""
        n = X.shape[0]
        z = self._forward(X, layers)
        value = self._loss_value(loss, z, Y)
        penalty = L2(self.alpha / n)  # eq. (mlp-objective): alpha / (2n) * ||W||^2
        value += sum(penalty.penalty(W) for W in self.coefs_)
        g = self._loss_grad(loss)
        for layer in reversed(layers):
            g = layer.backward(g)
        grads_W, grads_b = [], []
        for layer in layers[::2]:  # the Dense layers
            grads_W.append(layer.grads["W"] + penalty.gradient(layer.params["W"]))  # eq. (mlp-objective)
            grads_b.append(layer.grads["b"])
        return value, grads_W + grads_b

    # ----------------------------------------------------------------- fit
    def _make_optimizer(self):
        if self.solver == "sgd":
            return SGD(self.learning_rate_init, momentum=self.momentum, nesterov=self.nesterovs_momentum)
        return Adam(self.learning_rate_init, beta_1=self.beta_1, beta_2=self.beta_2, epsilon=self.epsilon)

    def _fit(self, X, y, incremental):
        hidden = self._hidden_sizes()
        first_pass = not hasattr(self, "coefs_") or (not self.warm_start and not incremental)
        X, Y = self._validate_input(X, y, incremental, reset=first_pass)
        n_samples, n_features = X.shape
        layer_units = [n_features] + hidden + [Y.shape[1]]
        rng = check_random_state(self.random_state)
        if first_pass:
            self._initialize(Y, layer_units, X.dtype, rng)
        elif [W.shape for W in self.coefs_] != list(zip(layer_units[:-1], layer_units[1:])):
            raise ValueError(f"warm_start / partial_fit: the stored weights have shapes "
                             f"{[W.shape for W in self.coefs_]}, but hidden_layer_sizes={hidden} and the data "
                             f"need {list(zip(layer_units[:-1], layer_units[1:]))}.")
        if self.solver == "lbfgs":
            self._fit_lbfgs(X, Y)
        else:
            if not incremental or not hasattr(self, "_optimizer"):
                self._optimizer = self._make_optimizer()
            if self.early_stopping and incremental:
                raise ValueError("partial_fit does not support early_stopping=True")
            self._fit_stochastic(X, Y, rng, incremental)
        if not all(np.isfinite(w).all() for w in self.coefs_ + self.intercepts_):
            raise ValueError("Solver produced non-finite parameter weights. The input data may contain "
                             "large values and need to be preprocessed.")
        return self

    def _fit_lbfgs(self, X, Y):
        """Full-batch L-BFGS on eq. (mlp-objective), all parameters packed in one vector."""
        layers, loss = self._layers(), self._loss()
        params = self.coefs_ + self.intercepts_
        splits = np.cumsum([p.size for p in params])[:-1]

        def unpack(theta):
            for p, chunk in zip(params, np.split(theta, splits)):
                p[...] = chunk.reshape(p.shape)  # in place: the layers share these arrays

        def fun_grad(theta):
            unpack(theta)
            value, grads = self._backprop(X, Y, layers, loss)
            return value, np.concatenate([g.ravel() for g in grads]).astype(np.float64)

        theta0 = np.concatenate([p.ravel() for p in params]).astype(np.float64)
        with np.errstate(over="ignore", invalid="ignore"):
            theta, f, n_iter, _, converged = lbfgs(fun_grad, theta0, max_iter=self.max_iter,
                                                   max_fun=self.max_fun, gtol=self.tol)
        unpack(theta)
        self.n_iter_ = n_iter
        self.loss_ = float(f)
        if not np.isfinite(self.loss_):
            raise ValueError(f"Training diverged: the loss is {self.loss_} after {n_iter} L-BFGS iterations; "
                             "scale the features.")
        if not converged:
            warnings.warn(f"lbfgs failed to converge after {n_iter} iteration(s): increase the number of "
                          "iterations (max_iter) or scale the data.", ConvergenceWarning, stacklevel=4)

    def _split_validation(self, X, Y, rng):
        from ..model_selection import (
            train_test_split,  # deferred: model_selection imports estimators
        )

        stratify = None  # scikit-learn stratifies single-output classification only
        if is_classifier(self) and self._y_type != "multilabel-indicator":
            stratify = Y[:, 0] if Y.shape[1] == 1 else Y.argmax(axis=1)
        X_tr, X_val, Y_tr, Y_val = train_test_split(X, Y, random_state=rng, test_size=self.validation_fraction,
                                                    stratify=stratify)
        if X_val.shape[0] < 2:
            raise ValueError("The validation set is too small. Increase 'validation_fraction' or the size "
                             "of your dataset.")
        return X_tr, X_val, Y_tr, Y_val

    def _fit_stochastic(self, X, Y, rng, incremental):
        early_stopping = self.early_stopping
        if early_stopping:
            X, X_val, Y, Y_val = self._split_validation(X, Y, rng)
        n = X.shape[0]
        batch_size = min(200, n) if self.batch_size == "auto" else self.batch_size
        if batch_size > n:
            warnings.warn("Got `batch_size` less than 1 or larger than sample size. It is going to be clipped",
                          stacklevel=3)
        batch_size = int(np.clip(batch_size, 1, n))
        layers = self._layers()
        params = self.coefs_ + self.intercepts_
        loss = self._loss()
        opt = self._optimizer
        sample_idx = np.arange(n)
        self.n_iter_ = 0  # counts the epochs of this call, as in scikit-learn
        for _ in range(self.max_iter):
            if self.shuffle:
                # scikit-learn's utils.shuffle: a fresh permutation applied to the previous order
                perm = np.arange(n)
                rng.shuffle(perm)
                sample_idx = sample_idx[perm]
            accumulated = 0.0
            for start in range(0, n, batch_size):
                idx = sample_idx[start:start + batch_size] if self.shuffle else slice(start, start + batch_size)
                X_b, Y_b = X[idx], Y[idx]
                value, grads = self._backprop(X_b, Y_b, layers, loss)
                accumulated += value * X_b.shape[0]
                opt.step(params, grads)
            self.n_iter_ += 1
            self.loss_ = accumulated / n
            if not np.isfinite(self.loss_):
                raise ValueError(
                    f"Training diverged: the loss is {self.loss_} at epoch {self.n_iter_}. Try a lower "
                    f"learning_rate_init (now {self.learning_rate_init}), or scale the features."
                )
            self.t_ += n
            self.loss_curve_.append(self.loss_)
            if self.verbose:
                print(f"Iteration {self.n_iter_}, loss = {self.loss_:.8f}")
            self._update_no_improvement_count(early_stopping, X_val if early_stopping else None,
                                              Y_val if early_stopping else None)
            if self.solver == "sgd" and self.learning_rate == "invscaling":
                opt.learning_rate = self.learning_rate_init / (self.t_ + 1) ** self.power_t
            if self._no_improvement_count > self.n_iter_no_change:
                if self._trigger_stopping(opt):
                    break
                self._no_improvement_count = 0
            if incremental:
                break
            if self.n_iter_ == self.max_iter:
                warnings.warn(f"Stochastic Optimizer: Maximum iterations ({self.max_iter}) reached and the "
                              "optimization hasn't converged yet.", ConvergenceWarning, stacklevel=3)
        if early_stopping:
            self.coefs_, self.intercepts_ = self._best_coefs, self._best_intercepts

    def _trigger_stopping(self, opt):
        """scikit-learn's rule: stop, unless 'adaptive' SGD can still divide its rate by 5."""
        what = "Validation score" if self.early_stopping else "Training loss"
        msg = f"{what} did not improve more than tol={self.tol:f} for {self.n_iter_no_change} consecutive epochs."
        if self.solver != "sgd" or self.learning_rate != "adaptive" or opt.learning_rate <= 1e-6:
            if self.verbose:
                print(msg + " Stopping.")
            return True
        opt.learning_rate /= 5.0
        if self.verbose:
            print(msg + f" Setting learning rate to {opt.learning_rate:f}")
        return False

    def _update_no_improvement_count(self, early_stopping, X_val, Y_val):
        if early_stopping:
            score = self._validation_score(X_val, Y_val)
            self.validation_scores_.append(score)
            if score < self.best_validation_score_ + self.tol:
                self._no_improvement_count += 1
            else:
                self._no_improvement_count = 0
            if score > self.best_validation_score_:
                self.best_validation_score_ = score
                self._best_coefs = [c.copy() for c in self.coefs_]
                self._best_intercepts = [b.copy() for b in self.intercepts_]
        else:
            if self.loss_curve_[-1] > self.best_loss_ - self.tol:
                self._no_improvement_count += 1
            else:
                self._no_improvement_count = 0
            if self.loss_curve_[-1] < self.best_loss_:
                self.best_loss_ = self.loss_curve_[-1]

    def fit(self, X, y):
        """Fit the network to ``(X, y)`` with the chosen stochastic solver.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)

        Returns
        -------
        self : estimator
        """
        self._validate_params()
        return self._fit(X, y, incremental=False)

    def _decision(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=[np.float64, np.float32])
        return self._forward(X)

    def _extra_tags(self):
        return {"preserves_dtype": ["float64", "float32"]}
