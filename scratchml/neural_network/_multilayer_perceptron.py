r"""Multi-layer perceptrons with scikit-learn's interface: ``MLPClassifier``, ``MLPRegressor``.

The fitting machinery (forward pass, backprop, SGD/Adam/L-BFGS loops, early
stopping) lives in :mod:`._mlp_base`; this module adds what differs between
classification and regression: targets, output link and loss, predictions.
"""

import numpy as np

from ..base import ClassifierMixin, RegressorMixin
from ..utils._math import expit
from ..utils.multiclass import check_classification_targets, type_of_target, unique_labels
from ..utils.validation import StrOptions, column_or_1d, validate_data
from ._activations import softmax
from ._losses import BinaryCrossEntropy, CategoricalCrossEntropy, MeanSquaredError
from ._mlp_base import BaseMultilayerPerceptron, _AvailableIf, _stochastic

__all__ = ["MLPClassifier", "MLPRegressor"]


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
    coefs_ : list of ndarray; ``coefs_[l]`` has shape (units[l], units[l+1])
        :math:`W_{l+1}`.
    intercepts_ : list of ndarray; ``intercepts_[l]`` has shape (units[l+1],)
        :math:`b_{l+1}`.
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)
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
