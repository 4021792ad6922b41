r"""Multi-layer perceptrons with scikit-learn's interface: ``MLPClassifier``, ``MLPRegressor``.

The network is a stack of :class:`Dense` layers with one hidden activation,
trained by mini-batch SGD (with momentum / Nesterov) or Adam on the
regularised loss below, with the parameters, defaults, draw order of the
random numbers and stopping rules of ``sklearn.neural_network``.
"""

import warnings
from numbers import Integral, Real

import numpy as np

from ..base import BaseEstimator, ClassifierMixin, RegressorMixin, is_classifier
from ..exceptions import ConvergenceWarning
from ..utils._math import expit
from ..utils.multiclass import check_classification_targets, type_of_target, unique_labels
from ..utils.validation import (
    Interval,
    Options,
    StrOptions,
    check_is_fitted,
    check_random_state,
    column_or_1d,
    validate_data,
)
from ._activations import get_activation, softmax
from ._layers import Dense
from ._lbfgs import lbfgs
from ._losses import BinaryCrossEntropy, CategoricalCrossEntropy, MeanSquaredError
from ._optimizers import SGD, Adam
from ._regularizers import L2

__all__ = ["MLPClassifier", "MLPRegressor"]


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


class MLPClassifier(ClassifierMixin, BaseMultilayerPerceptron):
    r"""Multi-layer perceptron classifier trained on the log-loss.

    Parameters
    ----------
    hidden_layer_sizes : array-like of shape (n_layers - 2,), default=(100,)
        Width of each hidden layer; every entry must be > 0.
    activation : {'identity', 'logistic', 'tanh', 'relu'}, default='relu'
        Hidden activation :math:`\phi` of eq. (mlp-forward).
    solver : {'lbfgs', 'sgd', 'adam'}, default='adam'
        'sgd': eq. (sgd)/(momentum)/(nesterov) of :class:`SGD`; 'adam': :class:`Adam`
        (Kingma & Ba Alg. 1); 'lbfgs': full-batch L-BFGS (Nocedal & Wright Alg. 7.4
        with a strong-Wolfe line search), stopping when :math:`\max|g| \le` ``tol``.
    alpha : float >= 0, default=1e-4
        L2 strength of eq. (mlp-objective).
    batch_size : int or 'auto', default='auto'
        ``min(200, n_samples)`` for 'auto'.
    learning_rate : {'constant', 'invscaling', 'adaptive'}, default='constant'
        SGD only. 'invscaling': :math:`\eta = \eta_0 / (t + 1)^{p}` after each
        epoch, :math:`t` the number of samples seen; 'adaptive': divide
        :math:`\eta` by 5 each time ``n_iter_no_change`` epochs fail to improve.
    learning_rate_init : float > 0, default=1e-3
    power_t : float >= 0, default=0.5
    max_iter : int, default=200
        Maximum number of epochs.
    shuffle : bool, default=True
    random_state : int, RandomState instance or None, default=None
        Seeds the initial weights (drawn in scikit-learn's order), the
        shuffles and the early-stopping split.
    tol : float, default=1e-4
    verbose : bool, default=False
    warm_start : bool, default=False
        Start from the current ``coefs_``/``intercepts_`` (a new optimizer state).
    momentum : float in [0, 1], default=0.9
    nesterovs_momentum : bool, default=True
    early_stopping : bool, default=False
        Hold out ``validation_fraction`` (stratified) and stop on validation accuracy;
        the best weights are restored.
    validation_fraction : float, default=0.1
    beta_1, beta_2 : float in [0, 1), default=0.9, 0.999
    epsilon : float > 0, default=1e-8
    n_iter_no_change : int, default=10
    max_fun : int, default=15000
        Maximum number of loss evaluations of 'lbfgs'.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    loss_ : float
        Loss (eq. mlp-objective, averaged over the last epoch's batches).
    best_loss_ : float or None
        Smallest ``loss_`` seen (None with early stopping).
    loss_curve_ : list of float, one per epoch
    validation_scores_ : list of float or None
        Accuracy on the held-out set per epoch (early stopping only).
    best_validation_score_ : float or None
    t_ : int
        Number of training samples seen.
    coefs_ : list of ndarray, coefs_[l] of shape (units_l, units_{l+1})
        :math:`W_{l+1}`.
    intercepts_ : list of ndarray, intercepts_[l] of shape (units_{l+1},)
        :math:`b_{l+1}`.
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (n_features_in_,)
    n_iter_ : int
        Epochs run.
    n_layers_ : int
    n_outputs_ : int
    out_activation_ : {'logistic', 'softmax'}

    Raises
    ------
    ValueError
        ``hidden_layer_sizes`` with a zero, a negative learning rate or an
        unknown activation (parameter validation); a loss that becomes NaN or
        infinite (the message names the epoch and suggests a lower
        ``learning_rate_init``).

    See Also
    --------
    MLPRegressor : the same network with a squared loss.

    Notes
    -----
    Binary and multi-label targets use a sigmoid output with the binary
    cross-entropy summed over outputs (eq. bce-logits); multiclass targets a
    softmax output with the categorical cross-entropy (eq. cce-logits). Both
    are computed from the logits, so :math:`\partial\mathcal L/\partial z = (\hat y - y)/n`
    exactly as scikit-learn's delta, while the loss value stays finite where
    scikit-learn clips probabilities.

    References
    ----------
    Rumelhart, Hinton & Williams (1986), Nature 323, 533-536, doi:10.1038/323533a0.
    Glorot & Bengio (2010), AISTATS, eq. 16. Kingma & Ba (2015), arXiv:1412.6980.
    scikit-learn's ``sklearn.neural_network.MLPClassifier``, whose interface this mirrors.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.neural_network import MLPClassifier
    >>> X = np.array([[0., 0.], [0., 1.], [1., 0.], [1., 1.]] * 10)
    >>> y = np.array([0, 1, 1, 0] * 10)
    >>> clf = MLPClassifier(hidden_layer_sizes=(8,), solver="adam", learning_rate_init=0.05,
    ...                     max_iter=300, random_state=0).fit(X, y)
    >>> clf.predict([[0., 1.], [1., 1.]])
    array([1, 0])
    """

    def __init__(self, hidden_layer_sizes=(100,), activation="relu", *, solver="adam", alpha=0.0001,
                 batch_size="auto", learning_rate="constant", learning_rate_init=0.001, power_t=0.5,
                 max_iter=200, shuffle=True, random_state=None, tol=1e-4, verbose=False, warm_start=False,
                 momentum=0.9, nesterovs_momentum=True, early_stopping=False, validation_fraction=0.1,
                 beta_1=0.9, beta_2=0.999, epsilon=1e-8, n_iter_no_change=10, max_fun=15000):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.solver = solver
        self.alpha = alpha
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.learning_rate_init = learning_rate_init
        self.power_t = power_t
        self.max_iter = max_iter
        self.shuffle = shuffle
        self.random_state = random_state
        self.tol = tol
        self.verbose = verbose
        self.warm_start = warm_start
        self.momentum = momentum
        self.nesterovs_momentum = nesterovs_momentum
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.n_iter_no_change = n_iter_no_change
        self.max_fun = max_fun

    def _extra_tags(self):
        return {"multi_label": True}

    def _output_activation(self):
        return "softmax" if self._y_type == "multiclass" else "logistic"

    def _validate_input(self, X, y, incremental, reset):
        X, y = validate_data(self, X, y, multi_output=True, dtype=[np.float64, np.float32], reset=reset)
        if y.ndim == 2 and y.shape[1] == 1:
            y = column_or_1d(y, warn=True)
        check_classification_targets(y)
        if not hasattr(self, "classes_") or (not self.warm_start and not incremental):
            self._y_type = type_of_target(y)
            self.classes_ = unique_labels(y)
        else:
            classes = unique_labels(y)
            if self.warm_start and set(classes) != set(self.classes_):
                raise ValueError("warm_start can only be used where `y` has the same classes as in the "
                                 f"previous call to fit. Previously got {self.classes_}, `y` has {classes}")
            if not self.warm_start and len(np.setdiff1d(classes, self.classes_)):
                raise ValueError(f"`y` has classes not in `self.classes_`. `self.classes_` has "
                                 f"{self.classes_}. 'y' has {classes}.")
        return X, self._binarize(y).astype(X.dtype, copy=False)

    def _binarize(self, y):
        """Targets as the network sees them: (n, 1) for binary, one-hot (n, K) for multiclass."""
        if self._y_type == "multilabel-indicator":
            return np.asarray(y)
        if len(self.classes_) <= 2:
            return (y == self.classes_[-1]).reshape(-1, 1) if len(self.classes_) == 2 \
                else np.zeros((len(y), 1))
        return (y[:, None] == self.classes_[None, :])

    def _loss(self):
        return CategoricalCrossEntropy() if self._y_type == "multiclass" else BinaryCrossEntropy()

    def _loss_value(self, loss, z, Y):
        # Binary CE averages over outputs; scikit-learn sums them (multi-label): scale by K.
        scale = 1 if isinstance(loss, CategoricalCrossEntropy) else Y.shape[1]
        self._loss_scale = scale
        return scale * float(loss.forward(z, Y))  # eq. (bce-logits) / (cce-logits)

    def _loss_grad(self, loss):
        g = loss.backward()
        return g * self._loss_scale if self._loss_scale != 1 else g

    def _validation_score(self, X, Y):
        pred = self._predict_from_logits(self._forward(X))
        truth = self._predict_from_binarized(Y)
        return float(np.mean(np.all(pred == truth, axis=1) if pred.ndim == 2 else pred == truth))

    def _predict_from_binarized(self, Y):
        if self._y_type == "multilabel-indicator":
            return Y.astype(int)
        if Y.shape[1] == 1:
            return self.classes_[(Y[:, 0] > 0.5).astype(int)]
        return self.classes_[Y.argmax(axis=1)]

    def _predict_from_logits(self, z):
        if self.out_activation_ == "softmax":
            return self.classes_[z.argmax(axis=1)]
        p = expit(z)
        if self._y_type == "multilabel-indicator":
            return (p > 0.5).astype(int)
        return self.classes_[(p[:, 0] > 0.5).astype(int)] if len(self.classes_) > 1 \
            else np.repeat(self.classes_, len(p))

    def predict(self, X):
        """Predicted labels.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,) or (n_samples, n_outputs) for multi-label
        """
        return self._predict_from_logits(self._decision(X))

    def predict_proba(self, X):
        """Class probabilities: softmax of the logits, or sigmoid (binary: ``[1 - p, p]``).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        P : ndarray of shape (n_samples, n_classes)
        """
        z = self._decision(X)
        if self.out_activation_ == "softmax":
            return softmax(z)
        p = expit(z)
        if self._y_type == "multilabel-indicator":
            return p
        return np.hstack([1 - p, p])

    def predict_log_proba(self, X):
        """Logarithm of :meth:`predict_proba`."""
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    def _partial_fit(self, X, y, classes=None):
        """One epoch over ``(X, y)``; ``classes`` is required on the first call.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        classes : array-like of shape (n_classes,), default=None

        Returns
        -------
        self : MLPClassifier
        """
        self._validate_params()
        if not hasattr(self, "classes_"):
            if classes is None:
                raise ValueError("classes must be passed on the first call to partial_fit.")
            y_arr = np.asarray(y)
            self._y_type = "multilabel-indicator" if y_arr.ndim == 2 and y_arr.shape[1] > 1 else \
                ("multiclass" if len(np.unique(classes)) > 2 else "binary")
            self.classes_ = np.unique(classes)
        elif classes is not None and not np.array_equal(np.unique(classes), self.classes_):
            raise ValueError(f"`classes={classes}` is not the same as on last call to partial_fit, "
                             f"was: {self.classes_}")
        return self._fit(X, y, incremental=True)

    partial_fit = _AvailableIf(_partial_fit, _stochastic)


class MLPRegressor(RegressorMixin, BaseMultilayerPerceptron):
    r"""Multi-layer perceptron regressor trained on the squared error.

    Parameters
    ----------
    loss : {'squared_error'}, default='squared_error'
    hidden_layer_sizes, activation, solver, alpha, batch_size, learning_rate,
    learning_rate_init, power_t, max_iter, shuffle, random_state, tol,
    verbose, warm_start, momentum, nesterovs_momentum, early_stopping,
    validation_fraction, beta_1, beta_2, epsilon, n_iter_no_change, max_fun :
        As in :class:`MLPClassifier`; early stopping monitors the validation
        :math:`R^2`.

    Attributes
    ----------
    loss_, best_loss_, loss_curve_, validation_scores_, best_validation_score_,
    t_, coefs_, intercepts_, n_features_in_, feature_names_in_, n_iter_,
    n_layers_, n_outputs_ :
        As in :class:`MLPClassifier`.
    out_activation_ : 'identity'

    Raises
    ------
    ValueError
        As in :class:`MLPClassifier`.

    Notes
    -----
    With :math:`K` outputs the loss is

    .. math::
       :label: mlp-squared-loss

       \mathcal L = \frac{1}{2nK}\sum_{i,k}(z_{ik} - y_{ik})^2,\qquad
       \frac{\partial\mathcal L}{\partial z_{ik}} = \frac{z_{ik} - y_{ik}}{nK}

    scikit-learn's loss is the same but its gradient omits the :math:`1/K`
    (it is :math:`K` times too large with several outputs); scratchml uses
    the gradient of the loss it reports, checked by finite differences.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.neural_network import MLPRegressor
    >>> X = np.linspace(-1, 1, 40).reshape(-1, 1)
    >>> reg = MLPRegressor(hidden_layer_sizes=(16,), learning_rate_init=0.01, max_iter=500,
    ...                    random_state=0).fit(X, 2 * X.ravel())
    >>> bool(reg.score(X, 2 * X.ravel()) > 0.95)
    True
    """

    _parameter_constraints = {**BaseMultilayerPerceptron._parameter_constraints,
                              "loss": [StrOptions({"squared_error"})]}

    def __init__(self, loss="squared_error", hidden_layer_sizes=(100,), activation="relu", *, solver="adam",
                 alpha=0.0001, batch_size="auto", learning_rate="constant", learning_rate_init=0.001,
                 power_t=0.5, max_iter=200, shuffle=True, random_state=None, tol=1e-4, verbose=False,
                 warm_start=False, momentum=0.9, nesterovs_momentum=True, early_stopping=False,
                 validation_fraction=0.1, beta_1=0.9, beta_2=0.999, epsilon=1e-8, n_iter_no_change=10,
                 max_fun=15000):
        self.loss = loss
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.solver = solver
        self.alpha = alpha
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.learning_rate_init = learning_rate_init
        self.power_t = power_t
        self.max_iter = max_iter
        self.shuffle = shuffle
        self.random_state = random_state
        self.tol = tol
        self.verbose = verbose
        self.warm_start = warm_start
        self.momentum = momentum
        self.nesterovs_momentum = nesterovs_momentum
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.n_iter_no_change = n_iter_no_change
        self.max_fun = max_fun

    def _output_activation(self):
        return "identity"

    def _validate_input(self, X, y, incremental, reset):
        X, y = validate_data(self, X, y, multi_output=True, y_numeric=True, dtype=[np.float64, np.float32],
                             reset=reset)
        if y.ndim == 2 and y.shape[1] == 1:
            y = column_or_1d(y, warn=True)
        Y = y.reshape(-1, 1) if y.ndim == 1 else y
        return X, Y.astype(X.dtype, copy=False)

    def _loss(self):
        return MeanSquaredError()

    def _loss_value(self, loss, z, Y):
        return 0.5 * float(loss.forward(z, Y))  # eq. (mlp-squared-loss)

    def _loss_grad(self, loss):
        return 0.5 * loss.backward()  # eq. (mlp-squared-loss): (z - y) / (n K)

    def _validation_score(self, X, Y):
        pred = self._forward(X)
        ss_res = ((Y - pred) ** 2).sum(axis=0)
        ss_tot = ((Y - Y.mean(axis=0)) ** 2).sum(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            r2 = np.where(ss_tot > 0, 1 - ss_res / ss_tot, np.where(ss_res == 0, 1.0, 0.0))
        return float(np.mean(r2))

    def predict(self, X):
        """Predicted targets.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,) or (n_samples, n_outputs)
        """
        z = self._decision(X)
        return z.ravel() if self.n_outputs_ == 1 else z

    def _partial_fit(self, X, y):
        """One epoch over ``(X, y)``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)

        Returns
        -------
        self : MLPRegressor
        """
        self._validate_params()
        return self._fit(X, y, incremental=True)

    partial_fit = _AvailableIf(_partial_fit, _stochastic)
