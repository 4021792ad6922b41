r"""Layers with their forward and backward passes written out.

Every layer maps an input :math:`x` to an output :math:`y = f(x; \theta)` in
:meth:`Layer.forward` and, given the upstream gradient
:math:`g = \partial L / \partial y` of any scalar loss :math:`L`, returns
:math:`\partial L / \partial x` from :meth:`Layer.backward` while storing
:math:`\partial L / \partial \theta` in ``layer.grads`` (the chain rule, one
link at a time). Shapes exclude the batch axis: ``input_shape=(D,)`` means
inputs of shape (batch, D).
"""

from numbers import Integral

import numpy as np

from ._initializers import get_initializer
from ._regularizers import get_regularizer

__all__ = ["BatchNorm", "Dense", "Dropout", "Embedding", "Flatten", "Layer", "LayerNorm", "Reshape"]


class ShapeMismatchError(ValueError):
    """Raised by :meth:`Layer.build` when a layer cannot take the given input shape."""


class Layer:
    """Base class: parameters in ``params``, their gradients in ``grads``.

    Subclasses implement :meth:`build` (allocate parameters for an input
    shape, return the output shape), :meth:`forward` and :meth:`backward`.

    Attributes
    ----------
    params : dict of str -> ndarray
        Trainable parameters, updated in place by the optimizers.
    grads : dict of str -> ndarray
        :math:`\\partial L / \\partial \\theta` from the last :meth:`backward`.
    input_shape, output_shape : tuple of int
        Shapes without the batch axis, set by :meth:`build`.
    """

    def __init__(self, name=None):
        self.name = name
        self.params = {}
        self.grads = {}
        self.built = False
        self.input_shape = None
        self.output_shape = None

    def build(self, input_shape, rng=None, dtype=np.float64):
        """Allocate parameters for inputs of ``input_shape``; return the output shape."""
        self.input_shape = tuple(input_shape)
        self.output_shape = self.compute_output_shape(self.input_shape)
        self.built = True
        return self.output_shape

    def compute_output_shape(self, input_shape):
        """Output shape (no batch axis) for ``input_shape``; identity by default."""
        return tuple(input_shape)

    def forward(self, x, training=False):
        """Output of the layer for the batch ``x``."""
        raise NotImplementedError

    def backward(self, grad_out):
        """Input gradient for the upstream gradient ``grad_out`` of the last forward."""
        raise NotImplementedError

    def regularization_loss(self):
        """Penalty this layer adds to the loss (0 without regulariser)."""
        return 0.0

    def add_regularization_gradients(self):
        """Add the penalty's gradient to ``grads`` (after :meth:`backward`)."""

    @property
    def n_params(self):
        """Number of trainable scalars."""
        return int(sum(p.size for p in self.params.values()))

    def __repr__(self):
        return f"{type(self).__name__}(name={self.name!r})"


def _check_positive_int(value, name):
    if not isinstance(value, Integral) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{name}={value!r} must be a positive integer.")


class Dense(Layer):
    r"""Fully connected layer :math:`y = x W + b`.

    Parameters
    ----------
    units : int
        Output width :math:`K`.
    input_dim : int, default=None
        Expected input width :math:`D`; when given, a mismatch with the
        previous layer raises at build time.
    kernel_initializer : str or callable, default='glorot_uniform'
    bias_initializer : str or callable, default='zeros'
    kernel_regularizer : L1, L2, L1L2 or None, default=None
        Penalty on :math:`W` (eq. l1-penalty / l2-penalty).
    use_bias : bool, default=True
    name : str, default=None

    Notes
    -----
    With :math:`x` of shape (N, D), :math:`W` (D, K), :math:`g = \partial L/\partial y` (N, K):

    .. math::
       :label: dense-forward

       y = x W + \mathbf{1} b^\top

    .. math::
       :label: dense-backward

       \frac{\partial L}{\partial W} = x^\top g, \quad
       \frac{\partial L}{\partial b} = g^\top \mathbf{1}, \quad
       \frac{\partial L}{\partial x} = g W^\top

    Inputs with more axes (N, ..., D) are treated as (N·..., D).

    References
    ----------
    Rumelhart, Hinton & Williams (1986), "Learning representations by
    back-propagating errors", Nature 323, doi:10.1038/323533a0.
    Goodfellow, Bengio & Courville, *Deep Learning* (2016), §6.5.4, Alg. 6.4.

    Examples
    --------
    >>> import numpy as np
    >>> layer = Dense(2)
    >>> layer.build((3,), np.random.RandomState(0))
    (2,)
    >>> layer.forward(np.ones((4, 3))).shape
    (4, 2)
    """

    def __init__(self, units, *, input_dim=None, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, use_bias=True, name=None):
        super().__init__(name)
        _check_positive_int(units, "units")
        if input_dim is not None:
            _check_positive_int(input_dim, "input_dim")
        self.units = units
        self.input_dim = input_dim
        self.kernel_initializer = get_initializer(kernel_initializer)
        self.bias_initializer = get_initializer(bias_initializer)
        self.kernel_regularizer = get_regularizer(kernel_regularizer)
        self.use_bias = use_bias
        # The first layer of a network needs no input gradient: skipping
        # g W^T saves a third of its backward cost (set by MLP estimators).
        self.compute_input_grad = True

    def compute_output_shape(self, input_shape):
        if len(input_shape) == 0:
            raise ShapeMismatchError("expects inputs with at least one feature axis")
        if self.input_dim is not None and input_shape[-1] != self.input_dim:
            raise ShapeMismatchError(f"expects input shape (None, ..., {self.input_dim})")
        return tuple(input_shape[:-1]) + (self.units,)

    def build(self, input_shape, rng=None, dtype=np.float64):
        out = super().build(input_shape, rng, dtype)
        rng = rng if rng is not None else np.random.RandomState()
        D = self.input_shape[-1]
        self.params["W"] = self.kernel_initializer((D, self.units), rng, dtype)
        if self.use_bias:
            self.params["b"] = self.bias_initializer((self.units,), rng, dtype)
        return out

    def forward(self, x, training=False):
        self._x = x
        y = x @ self.params["W"]  # eq. (dense-forward)
        if self.use_bias:
            y += self.params["b"]
        return y

    def backward(self, grad_out):
        x = self._x
        D = x.shape[-1]
        x2 = x.reshape(-1, D)  # (N * ..., D)
        g2 = grad_out.reshape(-1, self.units)  # (N * ..., K)
        self.grads["W"] = x2.T @ g2  # eq. (dense-backward)
        if self.use_bias:
            self.grads["b"] = g2.sum(axis=0)
        if not self.compute_input_grad:
            return None
        return grad_out @ self.params["W"].T

    def regularization_loss(self):
        if self.kernel_regularizer is None:
            return 0.0
        return self.kernel_regularizer.penalty(self.params["W"])

    def add_regularization_gradients(self):
        if self.kernel_regularizer is not None:
            self.grads["W"] = self.grads["W"] + self.kernel_regularizer.gradient(self.params["W"])


class Dropout(Layer):
    r"""Inverted dropout: zero each unit with probability ``rate`` during training.

    Parameters
    ----------
    rate : float in [0, 1)
        Drop probability :math:`p`.
    random_state : int, RandomState or None, default=None
        Seeds the masks; if None the network's generator (set at build) is used.
    name : str, default=None

    Attributes
    ----------
    fixed_mask : ndarray or None
        If set (to an array of 0/1 of the input's shape), used instead of a fresh
        draw: makes the layer deterministic for gradient checks.

    Notes
    -----
    .. math::
       :label: dropout-forward

       m_i \sim \mathrm{Bernoulli}(1 - p), \qquad y = \frac{m \odot x}{1 - p}
       \;\text{(training)}, \qquad y = x \;\text{(inference)}

    Scaling the survivors by :math:`1/(1-p)` keeps :math:`E[y] = x`, so no
    rescaling is needed at inference (Srivastava et al. 2014, JMLR 15, §10;
    they scale the weights at test time instead, which is equivalent).
    The backward pass is :math:`\partial L/\partial x = m \odot g / (1-p)`.

    Raises
    ------
    ValueError
        If ``rate`` is outside [0, 1).
    """

    def __init__(self, rate, *, random_state=None, name=None):
        super().__init__(name)
        if not (0.0 <= rate < 1.0):
            raise ValueError(f"dropout rate={rate!r} must be in [0, 1).")
        self.rate = float(rate)
        self.random_state = random_state
        self.fixed_mask = None
        self._rng = None

    def build(self, input_shape, rng=None, dtype=np.float64):
        if self.random_state is not None or rng is None:
            from ..utils.validation import check_random_state

            self._rng = check_random_state(self.random_state)
        else:
            self._rng = rng
        return super().build(input_shape, rng, dtype)

    def forward(self, x, training=False):
        if not training or self.rate == 0.0:
            self._scale = None
            return x  # identity at inference, exactly
        if self.fixed_mask is not None:
            mask = self.fixed_mask
        else:
            if self._rng is None:
                self.build(x.shape[1:])
            mask = self._rng.uniform(size=x.shape) >= self.rate
        self._scale = (mask / (1.0 - self.rate)).astype(x.dtype)
        return x * self._scale  # eq. (dropout-forward)

    def backward(self, grad_out):
        return grad_out if self._scale is None else grad_out * self._scale


class BatchNorm(Layer):
    r"""Batch normalisation over all axes but the last (the features).

    Parameters
    ----------
    momentum : float in [0, 1), default=0.9
        Weight of the old running statistics in eq. (bn-running).
    epsilon : float, default=1e-5
        Added to the variance *inside* the square root.
    name : str, default=None

    Attributes
    ----------
    params : {'gamma': (D,), 'beta': (D,)}
        Learnable scale and shift.
    running_mean, running_var : ndarray of shape (D,)
        Exponential moving averages used at inference.

    Notes
    -----
    For a batch of :math:`m` rows of :math:`x` (per feature):

    .. math::
       :label: bn-forward

       \mu = \tfrac1m \textstyle\sum_i x_i,\quad
       \sigma^2 = \tfrac1m \textstyle\sum_i (x_i - \mu)^2,\quad
       \hat x_i = \frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}},\quad
       y_i = \gamma \hat x_i + \beta

    .. math::
       :label: bn-running

       \mu_{run} \leftarrow \rho\,\mu_{run} + (1-\rho)\,\mu,\qquad
       \sigma^2_{run} \leftarrow \rho\,\sigma^2_{run} + (1-\rho)\,\tfrac{m}{m-1}\sigma^2

    (the unbiased variance, Ioffe & Szegedy 2015 Alg. 2 step 10). At inference
    :math:`y = \gamma (x - \mu_{run}) / \sqrt{\sigma^2_{run} + \epsilon} + \beta`.
    Backward, with :math:`\hat g_i = \gamma g_i` (the three paths through
    :math:`\hat x`, :math:`\mu` and :math:`\sigma^2` of Ioffe & Szegedy §3 collapse to):

    .. math::
       :label: bn-backward

       \frac{\partial L}{\partial x_i} = \frac{1}{m\sqrt{\sigma^2+\epsilon}}
       \Big(m \hat g_i - \textstyle\sum_j \hat g_j - \hat x_i \sum_j \hat g_j \hat x_j\Big),\quad
       \frac{\partial L}{\partial \gamma} = \textstyle\sum_i g_i \hat x_i,\quad
       \frac{\partial L}{\partial \beta} = \textstyle\sum_i g_i

    References
    ----------
    Ioffe & Szegedy (2015), "Batch Normalization: Accelerating Deep Network
    Training by Reducing Internal Covariate Shift", ICML, arXiv:1502.03167, Alg. 1-2.
    """

    def __init__(self, *, momentum=0.9, epsilon=1e-5, name=None):
        super().__init__(name)
        if not (0.0 <= momentum < 1.0):
            raise ValueError(f"momentum={momentum!r} must be in [0, 1).")
        if epsilon <= 0:
            raise ValueError(f"epsilon={epsilon!r} must be > 0.")
        self.momentum = momentum
        self.epsilon = epsilon

    def build(self, input_shape, rng=None, dtype=np.float64):
        out = super().build(input_shape, rng, dtype)
        if len(self.input_shape) == 0:
            raise ShapeMismatchError("expects inputs with a feature axis")
        D = self.input_shape[-1]
        self.params["gamma"] = np.ones(D, dtype=dtype)
        self.params["beta"] = np.zeros(D, dtype=dtype)
        self.running_mean = np.zeros(D, dtype=dtype)
        self.running_var = np.ones(D, dtype=dtype)
        return out

    def forward(self, x, training=False):
        gamma, beta = self.params["gamma"], self.params["beta"]
        axes = tuple(range(x.ndim - 1))  # every axis but the features
        if training:
            m = int(np.prod([x.shape[a] for a in axes]))
            mu = x.mean(axis=axes)  # eq. (bn-forward)
            var = ((x - mu) ** 2).mean(axis=axes)
            unbiased = var * (m / (m - 1)) if m > 1 else var
            rho = self.momentum
            self.running_mean = rho * self.running_mean + (1 - rho) * mu  # eq. (bn-running)
            self.running_var = rho * self.running_var + (1 - rho) * unbiased
        else:
            mu, var = self.running_mean, self.running_var
        std = np.sqrt(var + self.epsilon)  # epsilon inside the square root
        x_hat = (x - mu) / std
        self._cache = (x_hat, 1.0 / std, training, axes)
        return gamma * x_hat + beta  # eq. (bn-forward)

    def backward(self, grad_out):
        x_hat, inv_std, training, axes = self._cache
        gamma = self.params["gamma"]
        self.grads["gamma"] = (grad_out * x_hat).sum(axis=axes)  # eq. (bn-backward)
        self.grads["beta"] = grad_out.sum(axis=axes)
        g_hat = grad_out * gamma
        if not training:
            return g_hat * inv_std  # running statistics are constants at inference
        m = x_hat.size // x_hat.shape[-1]
        return (inv_std / m) * (m * g_hat - g_hat.sum(axis=axes)
                                - x_hat * (g_hat * x_hat).sum(axis=axes))  # eq. (bn-backward)


class LayerNorm(Layer):
    r"""Layer normalisation: normalise each sample over its last axis.

    Parameters
    ----------
    epsilon : float, default=1e-5
        Added to the variance inside the square root.
    name : str, default=None

    Notes
    -----
    Equations (bn-forward) and (bn-backward) with the sums taken over the
    :math:`D` features of one sample instead of the batch; the statistics are
    the same in training and at inference, so there are no running averages
    (Ba, Kiros & Hinton 2016, arXiv:1607.06450, eq. 4).
    """

    def __init__(self, *, epsilon=1e-5, name=None):
        super().__init__(name)
        if epsilon <= 0:
            raise ValueError(f"epsilon={epsilon!r} must be > 0.")
        self.epsilon = epsilon

    def build(self, input_shape, rng=None, dtype=np.float64):
        out = super().build(input_shape, rng, dtype)
        if len(self.input_shape) == 0:
            raise ShapeMismatchError("expects inputs with a feature axis")
        D = self.input_shape[-1]
        self.params["gamma"] = np.ones(D, dtype=dtype)
        self.params["beta"] = np.zeros(D, dtype=dtype)
        return out

    def forward(self, x, training=False):
        mu = x.mean(axis=-1, keepdims=True)
        var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
        inv_std = 1.0 / np.sqrt(var + self.epsilon)
        x_hat = (x - mu) * inv_std
        self._cache = (x_hat, inv_std)
        return self.params["gamma"] * x_hat + self.params["beta"]

    def backward(self, grad_out):
        x_hat, inv_std = self._cache
        D = x_hat.shape[-1]
        reduce_axes = tuple(range(x_hat.ndim - 1))
        self.grads["gamma"] = (grad_out * x_hat).sum(axis=reduce_axes)
        self.grads["beta"] = grad_out.sum(axis=reduce_axes)
        g_hat = grad_out * self.params["gamma"]
        return (inv_std / D) * (D * g_hat - g_hat.sum(axis=-1, keepdims=True)
                                - x_hat * (g_hat * x_hat).sum(axis=-1, keepdims=True))


class Flatten(Layer):
    """Collapse every axis but the batch: (N, d1, d2, ...) -> (N, d1*d2*...)."""

    def compute_output_shape(self, input_shape):
        return (int(np.prod(input_shape)),)

    def forward(self, x, training=False):
        self._shape = x.shape
        return x.reshape(x.shape[0], -1)

    def backward(self, grad_out):
        return grad_out.reshape(self._shape)


class Reshape(Layer):
    """Reshape each sample to ``target_shape`` (one entry may be -1).

    Raises
    ------
    ValueError
        At build time, if the sizes differ.
    """

    def __init__(self, target_shape, *, name=None):
        super().__init__(name)
        self.target_shape = tuple(int(d) for d in target_shape)
        if sum(d == -1 for d in self.target_shape) > 1:
            raise ValueError(f"target_shape={target_shape} may contain at most one -1.")

    def compute_output_shape(self, input_shape):
        size = int(np.prod(input_shape))
        known = int(np.prod([d for d in self.target_shape if d != -1]))
        shape = self.target_shape
        if -1 in shape:
            if known == 0 or size % known:
                raise ShapeMismatchError(f"cannot reshape {size} values to {shape}")
            shape = tuple(size // known if d == -1 else d for d in shape)
        if int(np.prod(shape)) != size:
            raise ShapeMismatchError(f"cannot reshape {size} values to (None, {', '.join(map(str, shape))})")
        return shape

    def forward(self, x, training=False):
        self._shape = x.shape
        return x.reshape((x.shape[0],) + self.output_shape if self.built
                         else (x.shape[0],) + self.compute_output_shape(x.shape[1:]))

    def backward(self, grad_out):
        return grad_out.reshape(self._shape)


class Embedding(Layer):
    r"""Look-up table: integer index :math:`i` -> row :math:`E_i` of a learnable matrix.

    Parameters
    ----------
    input_dim : int
        Vocabulary size :math:`V` (indices in ``[0, V)``).
    output_dim : int
        Embedding width :math:`K`.
    embeddings_initializer : str or callable, default='glorot_uniform'
    name : str, default=None

    Notes
    -----
    :math:`y_{n} = E_{x_n}` is a product with a one-hot matrix, so
    :math:`\partial L/\partial E_v = \sum_{n: x_n = v} g_n` (a scatter-add);
    indices have no gradient, so :meth:`backward` returns None and an
    Embedding must be the first layer.

    Raises
    ------
    ValueError
        Indices outside ``[0, input_dim)`` or not integers.
    """

    def __init__(self, input_dim, output_dim, *, embeddings_initializer="glorot_uniform", name=None):
        super().__init__(name)
        _check_positive_int(input_dim, "input_dim")
        _check_positive_int(output_dim, "output_dim")
        self.input_dim = input_dim
        self.output_dim = output_dim
        self.embeddings_initializer = get_initializer(embeddings_initializer)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape) + (self.output_dim,)

    def build(self, input_shape, rng=None, dtype=np.float64):
        out = super().build(input_shape, rng, dtype)
        rng = rng if rng is not None else np.random.RandomState()
        self.params["E"] = self.embeddings_initializer((self.input_dim, self.output_dim), rng, dtype)
        return out

    def forward(self, x, training=False):
        x = np.asarray(x)
        if x.dtype.kind not in "iu":
            if x.dtype.kind != "f" or np.any(x != np.round(x)):
                raise ValueError("Embedding expects integer indices.")
            x = x.astype(np.intp)
        if x.size and (x.min() < 0 or x.max() >= self.input_dim):
            raise ValueError(f"Embedding indices must be in [0, {self.input_dim}); got range "
                             f"[{x.min()}, {x.max()}].")
        self._x = x
        return self.params["E"][x]

    def backward(self, grad_out):
        E_grad = np.zeros_like(self.params["E"])
        np.add.at(E_grad, self._x.ravel(), grad_out.reshape(-1, self.output_dim))  # scatter-add
        self.grads["E"] = E_grad
        return None
