r"""A dense autoencoder: ``transform`` to the code layer, ``inverse_transform`` back, reconstruction error.

The network :math:`x \mapsto f_{dec}(f_{enc}(x))` mirrors the encoder widths
around a linear code layer of ``n_components`` units and is trained, with the
machinery of :class:`MLPRegressor`, to reproduce its input.
"""

from numbers import Integral

import numpy as np

from ..base import TransformerMixin
from ..utils.validation import Interval, check_is_fitted, validate_data
from ._mlp_base import BaseMultilayerPerceptron
from ._multilayer_perceptron import MLPRegressor

__all__ = ["Autoencoder"]


class Autoencoder(TransformerMixin, BaseMultilayerPerceptron):
    r"""Dense autoencoder with a linear bottleneck.

    Parameters
    ----------
    n_components : int, default=2
        Width :math:`C` of the code layer.
    encoder_layer_sizes : array-like of int, default=(64,)
        Hidden widths of the encoder; the decoder uses them in reverse.
    activation : {'identity', 'logistic', 'tanh', 'relu'}, default='relu'
        Activation of the encoder and decoder hidden layers (the code layer
        and the output are linear).
    solver, alpha, batch_size, learning_rate, learning_rate_init, power_t,
    max_iter, shuffle, random_state, tol, verbose, warm_start, momentum,
    nesterovs_momentum, early_stopping, validation_fraction, beta_1, beta_2,
    epsilon, n_iter_no_change, max_fun :
        As in :class:`MLPRegressor`.

    Attributes
    ----------
    coefs_, intercepts_, loss_, best_loss_, loss_curve_, validation_scores_,
    best_validation_score_, n_iter_, n_layers_, n_outputs_, t_ :
        As in :class:`MLPRegressor`.
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Notes
    -----
    With encoder :math:`e` (layers up to and including the code layer) and
    decoder :math:`d`, the model minimises eq. (mlp-squared-loss) with the
    input as target,

    .. math::
       :label: ae-loss

       \mathcal L = \frac{1}{2nD}\sum_i \lVert d(e(x_i)) - x_i \rVert^2
                    + \frac{\alpha}{2n}\sum_l \lVert W_l \rVert_F^2

    and :meth:`score_samples` returns minus the per-sample reconstruction
    error :math:`\frac1D\lVert d(e(x)) - x\rVert^2`, so that, as for
    scikit-learn's outlier detectors, lower means more anomalous. With
    identity activations and no penalty the code spans the principal
    subspace (Baldi & Hornik 1989).

    References
    ----------
    Hinton & Salakhutdinov (2006), "Reducing the Dimensionality of Data with
    Neural Networks", Science 313, doi:10.1126/science.1127647.
    Baldi & Hornik (1989), Neural Networks 2(1), doi:10.1016/0893-6080(89)90014-2.
    Goodfellow, Bengio & Courville, *Deep Learning* (2016), §14.1.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.neural_network import Autoencoder
    >>> rng = np.random.RandomState(0)
    >>> X = rng.normal(size=(200, 2)) @ rng.normal(size=(2, 6))
    >>> ae = Autoencoder(n_components=2, encoder_layer_sizes=(16,), activation="identity",
    ...                  learning_rate_init=0.01, max_iter=300, random_state=0).fit(X)
    >>> ae.transform(X).shape
    (200, 2)
    >>> bool(np.mean((ae.inverse_transform(ae.transform(X)) - X) ** 2) < 0.05 * X.var())
    True
    """

    _parameter_constraints = {
        **{k: v for k, v in BaseMultilayerPerceptron._parameter_constraints.items()
           if k != "hidden_layer_sizes"},
        "n_components": [Interval(Integral, 1, None, closed="left")],
        "encoder_layer_sizes": ["array-like"],
    }

    def __init__(self, n_components=2, encoder_layer_sizes=(64,), activation="relu", *, solver="adam",
                 alpha=0.0001, batch_size="auto", learning_rate="constant", learning_rate_init=0.001,
                 power_t=0.5, max_iter=200, shuffle=True, random_state=None, tol=1e-4, verbose=False,
                 warm_start=False, momentum=0.9, nesterovs_momentum=True, early_stopping=False,
                 validation_fraction=0.1, beta_1=0.9, beta_2=0.999, epsilon=1e-8, n_iter_no_change=10,
                 max_fun=15000):
        self.n_components = n_components
        self.encoder_layer_sizes = encoder_layer_sizes
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

    def _hidden_sizes(self):
        enc = list(self.encoder_layer_sizes)
        if any(int(s) <= 0 for s in enc) or np.ndim(enc) != 1:
            raise ValueError(f"encoder_layer_sizes must be > 0, got {enc}.")
        enc = [int(s) for s in enc]
        return enc + [int(self.n_components)] + enc[::-1]

    def _code_index(self):
        return len(list(self.encoder_layer_sizes))

    def _hidden_activation(self, i):
        return "identity" if i == self._code_index() else self.activation

    def _output_activation(self):
        return "identity"

    def _validate_input(self, X, y, incremental, reset):
        X = validate_data(self, X, dtype=[np.float64, np.float32], reset=reset)
        return X, X

    _loss = MLPRegressor._loss
    _loss_value = MLPRegressor._loss_value
    _loss_grad = MLPRegressor._loss_grad
    _validation_score = MLPRegressor._validation_score

    def fit(self, X, y=None):
        """Train the network to reproduce ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        self : Autoencoder
        """
        self._validate_params()
        return self._fit(X, None, incremental=False)

    def _run(self, H, layers):
        for layer in layers:
            H = layer.forward(H)
        return H

    def transform(self, X):
        """Code-layer activations :math:`e(x)`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        Z : ndarray of shape (n_samples, n_components)
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=[np.float64, np.float32])
        layers = self._layers()
        return self._run(X, layers[:2 * self._code_index() + 1])  # Dense/activation pairs up to the code

    def inverse_transform(self, Z):
        """Decode codes back to the input space, :math:`d(z)`.

        Parameters
        ----------
        Z : array-like of shape (n_samples, n_components)

        Returns
        -------
        X_rec : ndarray of shape (n_samples, n_features)

        Raises
        ------
        ValueError
            If ``Z`` does not have ``n_components`` columns.
        """
        check_is_fitted(self)
        Z = np.asarray(Z, dtype=self.coefs_[0].dtype)
        if Z.ndim != 2 or Z.shape[1] != self.n_components:
            raise ValueError(f"Z has shape {Z.shape}; expected (n_samples, {self.n_components}).")
        layers = self._layers()
        return self._run(Z, layers[2 * self._code_index() + 2:])  # skip the code layer's identity

    def score_samples(self, X):
        """Minus the mean squared reconstruction error of each sample (lower = more anomalous).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        scores : ndarray of shape (n_samples,)
        """
        X = self._check_X(X)
        return -np.mean((self._forward(X) - X) ** 2, axis=1)  # eq. (ae-loss), per sample

    def _check_X(self, X):
        check_is_fitted(self)
        return validate_data(self, X, reset=False, dtype=[np.float64, np.float32])
