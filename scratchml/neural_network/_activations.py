r"""Activation layers, each with its derivative, stable for every finite input.

Each activation :math:`y = \phi(x)` acts elementwise (Softmax: along the last
axis); :meth:`backward` returns :math:`g \odot \phi'(x)` for the upstream
gradient :math:`g`. Inputs of float32 stay float32.
"""

import math

import numpy as np

from ..utils._math import expit
from ._layers import Layer

__all__ = [
    "ELU",
    "GELU",
    "Identity",
    "LeakyReLU",
    "ReLU",
    "SiLU",
    "Sigmoid",
    "Softmax",
    "Softplus",
    "Swish",
    "Tanh",
    "get_activation",
    "log_softmax",
    "softmax",
]


def softmax(z):
    r"""Softmax along the last axis, dtype-preserving.

    Subtracting the row maximum cancels in the ratio and keeps every exponent
    <= 0, so ``exp`` cannot overflow (the naive form overflows above ~709).
    """
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def log_softmax(z):
    r""":math:`z_k - \log\sum_j e^{z_j}` along the last axis, without forming the softmax.

    ``np.log(softmax(z))`` returns ``-inf`` once a probability underflows to 0;
    the log-sum-exp form stays finite for every finite score.
    """
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


class _Activation(Layer):
    """Elementwise activation: no parameters, output shape = input shape."""

    def __init__(self, name=None):
        super().__init__(name)


class Identity(_Activation):
    r""":math:`\phi(x) = x` (a linear bottleneck; scikit-learn's ``'identity'``)."""

    def forward(self, x, training=False):
        return x

    def backward(self, grad_out):
        return grad_out


class ReLU(_Activation):
    r"""Rectified linear unit :math:`\phi(x) = \max(0, x)`, :math:`\phi'(x) = [x > 0]`.

    The derivative at 0 is taken as 0 (as scikit-learn does). Nair & Hinton
    (2010), ICML.

    Examples
    --------
    >>> import numpy as np
    >>> ReLU().forward(np.array([-1.0, 2.0]))
    array([0., 2.])
    """

    def forward(self, x, training=False):
        self._mask = x > 0
        return np.where(self._mask, x, 0).astype(x.dtype, copy=False)

    def backward(self, grad_out):
        return grad_out * self._mask


class LeakyReLU(_Activation):
    r""":math:`\phi(x) = x` for :math:`x > 0`, :math:`\alpha x` otherwise (Maas et al. 2013).

    Parameters
    ----------
    alpha : float, default=0.01
        Slope for negative inputs.
    """

    def __init__(self, alpha=0.01, *, name=None):
        super().__init__(name)
        self.alpha = alpha

    def forward(self, x, training=False):
        self._x = x
        return np.where(x > 0, x, self.alpha * x)

    def backward(self, grad_out):
        return grad_out * np.where(self._x > 0, 1.0, self.alpha).astype(grad_out.dtype, copy=False)


class ELU(_Activation):
    r""":math:`\phi(x) = x` for :math:`x > 0`, :math:`\alpha(e^x - 1)` otherwise (Clevert et al. 2016, arXiv:1511.07289, eq. 15).

    :math:`\phi'(x) = 1` for :math:`x > 0`, :math:`\phi(x) + \alpha` otherwise.
    ``expm1`` is evaluated at :math:`\min(x, 0)` only: ``exp`` of a large positive
    input would overflow (and warn) although that branch is discarded, and
    ``expm1`` keeps full precision near 0 where ``exp(x) - 1`` cancels.
    """

    def __init__(self, alpha=1.0, *, name=None):
        super().__init__(name)
        self.alpha = alpha

    def forward(self, x, training=False):
        self._x = x
        neg = self.alpha * np.expm1(np.minimum(x, 0))
        self._neg = neg
        return np.where(x > 0, x, neg)

    def backward(self, grad_out):
        return grad_out * np.where(self._x > 0, 1.0, self._neg + self.alpha)


_erf = np.frompyfunc(math.erf, 1, 1)


class GELU(_Activation):
    r"""Gaussian error linear unit :math:`\phi(x) = x\,\Phi(x)` (Hendrycks & Gimpel 2016, arXiv:1606.08415, §2).

    :math:`\Phi(x) = \tfrac12(1 + \operatorname{erf}(x/\sqrt2))`,
    :math:`\phi'(x) = \Phi(x) + x\,\varphi(x)` with :math:`\varphi` the standard
    normal density. ``approximate='tanh'`` uses the paper's
    :math:`\tfrac12 x(1 + \tanh(\sqrt{2/\pi}(x + 0.044715 x^3)))`.
    """

    def __init__(self, approximate="none", *, name=None):
        super().__init__(name)
        if approximate not in ("none", "tanh"):
            raise ValueError(f"approximate={approximate!r} must be 'none' or 'tanh'.")
        self.approximate = approximate

    def forward(self, x, training=False):
        self._x = x
        if self.approximate == "tanh":
            c = math.sqrt(2.0 / math.pi)  # a Python float keeps float32 inputs float32
            self._t = np.tanh(c * (x + 0.044715 * x**3))
            return 0.5 * x * (1.0 + self._t)
        self._Phi = (0.5 * (1.0 + _erf(x / math.sqrt(2.0)).astype(np.float64))).astype(x.dtype, copy=False)
        return x * self._Phi

    def backward(self, grad_out):
        x = self._x
        if self.approximate == "tanh":
            c = math.sqrt(2.0 / math.pi)  # a Python float keeps float32 inputs float32
            dt = (1.0 - self._t**2) * c * (1.0 + 3 * 0.044715 * x**2)
            return grad_out * (0.5 * (1.0 + self._t) + 0.5 * x * dt)
        phi = np.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)
        return grad_out * (self._Phi + x * phi)


class Sigmoid(_Activation):
    r"""Logistic :math:`\sigma(x) = 1/(1 + e^{-x})`, :math:`\sigma' = \sigma(1 - \sigma)`.

    Uses :func:`scratchml.utils._math.expit`, which never exponentiates a
    positive number (the naive form overflows for :math:`x < -709`).
    """

    def forward(self, x, training=False):
        self._y = expit(x)
        return self._y

    def backward(self, grad_out):
        return grad_out * self._y * (1.0 - self._y)


class Tanh(_Activation):
    r""":math:`\tanh(x)`, :math:`\tanh' = 1 - \tanh^2` (``np.tanh`` saturates cleanly to ±1)."""

    def forward(self, x, training=False):
        self._y = np.tanh(x)
        return self._y

    def backward(self, grad_out):
        return grad_out * (1.0 - self._y**2)


class Softmax(_Activation):
    r"""Softmax along the last axis.

    The Jacobian is :math:`\partial y_k / \partial x_j = y_k(\delta_{kj} - y_j)`,
    so :math:`\partial L/\partial x = y \odot (g - \langle g, y\rangle)` without
    forming the :math:`K \times K` matrix. For classification prefer a
    cross-entropy loss *from logits*, which fuses the two stably.
    """

    def forward(self, x, training=False):
        self._y = softmax(x)
        return self._y

    def backward(self, grad_out):
        y = self._y
        return y * (grad_out - (grad_out * y).sum(axis=-1, keepdims=True))


class Softplus(_Activation):
    r""":math:`\log(1 + e^x)`, computed as ``logaddexp(0, x)``; derivative :math:`\sigma(x)`.

    The naive ``log(1 + exp(x))`` overflows for :math:`x > 709` and loses all
    digits for :math:`x < -37` (``1 + e^x`` rounds to 1).
    """

    def forward(self, x, training=False):
        self._x = x
        return np.logaddexp(0, x).astype(x.dtype, copy=False)

    def backward(self, grad_out):
        return grad_out * expit(self._x)


class Swish(_Activation):
    r"""Swish :math:`x\,\sigma(\beta x)` (Ramachandran, Zoph & Le 2017, arXiv:1710.05941); SiLU for :math:`\beta = 1`.

    :math:`\phi'(x) = \sigma(\beta x) + \beta x\,\sigma(\beta x)(1 - \sigma(\beta x))`.
    """

    def __init__(self, beta=1.0, *, name=None):
        super().__init__(name)
        self.beta = beta

    def forward(self, x, training=False):
        self._x = x
        self._s = expit(self.beta * x)
        return x * self._s

    def backward(self, grad_out):
        s = self._s
        return grad_out * (s + self.beta * self._x * s * (1.0 - s))


class SiLU(Swish):
    r"""Sigmoid linear unit :math:`x\,\sigma(x)` (Elfwing, Uchibe & Doya 2018, arXiv:1702.03118): Swish with β = 1."""

    def __init__(self, *, name=None):
        super().__init__(1.0, name=name)


_ACTIVATIONS = {
    "identity": Identity, "linear": Identity, "relu": ReLU, "leaky_relu": LeakyReLU,
    "elu": ELU, "gelu": GELU, "sigmoid": Sigmoid, "logistic": Sigmoid, "tanh": Tanh,
    "softmax": Softmax, "softplus": Softplus, "swish": Swish, "silu": SiLU,
}


def get_activation(name):
    """A new activation layer for ``name`` (e.g. 'relu', 'logistic', 'tanh').

    Raises
    ------
    ValueError
        For an unknown name.

    Examples
    --------
    >>> get_activation("relu")
    ReLU(name=None)
    """
    if isinstance(name, Layer):
        return name
    if name not in _ACTIVATIONS:
        raise ValueError(f"Unknown activation {name!r}; expected one of {sorted(_ACTIVATIONS)}.")
    return _ACTIVATIONS[name]()
