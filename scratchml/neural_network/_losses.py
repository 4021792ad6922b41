r"""Loss functions with their gradients with respect to the predictions.

Notation: :math:`N` samples, :math:`K` outputs per sample, predictions (or
logits) :math:`z` of shape (N, K) (or (N,), read as K = 1), targets :math:`y`.
Each loss defines a per-sample loss :math:`\ell_i` and a reduction:

.. math::
   :label: loss-reduction

   L = \frac1N \sum_i \ell_i \;(\text{'mean'}), \qquad L = \sum_i \ell_i \;(\text{'sum'})

Elementwise losses (MSE, MAE, Huber, binary cross-entropy) average over the
:math:`K` outputs inside :math:`\ell_i`; the categorical cross-entropies sum
over the classes. ``loss.forward(z, y)`` returns :math:`L`;
``loss.backward()`` returns :math:`\partial L / \partial z`.
"""

import numpy as np

from ..utils._math import expit
from ._activations import log_softmax, softmax

__all__ = [
    "BinaryCrossEntropy",
    "CategoricalCrossEntropy",
    "Huber",
    "Loss",
    "MeanAbsoluteError",
    "MeanSquaredError",
    "SparseCategoricalCrossEntropy",
    "get_loss",
]


class Loss:
    """Base class: ``forward(z, y) -> float``, ``backward() -> dL/dz``.

    Parameters
    ----------
    reduction : {'mean', 'sum'}, default='mean'
        Eq. (loss-reduction).

    Raises
    ------
    ValueError
        Unknown reduction; predictions and targets of different shapes.
    """

    def __init__(self, reduction="mean"):
        if reduction not in ("mean", "sum"):
            raise ValueError(f"reduction={reduction!r} must be 'mean' or 'sum'.")
        self.reduction = reduction

    def _scale(self, n_samples):
        return 1.0 / n_samples if self.reduction == "mean" else 1.0

    def __call__(self, z, y):
        return self.forward(z, y)

    def _check(self, z, y):
        z = np.asarray(z)
        y = np.asarray(y, dtype=z.dtype)
        if z.shape != y.shape:
            raise ValueError(f"{type(self).__name__}: predictions of shape {z.shape} and "
                             f"targets of shape {y.shape} differ.")
        return z, y

    def __repr__(self):
        return f"{type(self).__name__}(reduction={self.reduction!r})"


def _n_outputs(z):
    return 1 if z.ndim == 1 else int(np.prod(z.shape[1:]))


class MeanSquaredError(Loss):
    r"""Squared error :math:`\ell_i = \frac1K \sum_k (z_{ik} - y_{ik})^2`.

    .. math::
       :label: mse-grad

       \frac{\partial L}{\partial z_{ik}} = \frac{2 c}{K}(z_{ik} - y_{ik}),
       \quad c = 1/N \text{ ('mean') or } 1 \text{ ('sum')}

    Examples
    --------
    >>> import numpy as np
    >>> float(MeanSquaredError()(np.array([1.0, 2.0]), np.array([1.0, 0.0])))
    2.0
    """

    def forward(self, z, y):
        z, y = self._check(z, y)
        self._r, self._c = z - y, self._scale(z.shape[0]) / _n_outputs(z)
        return self._c * np.sum(self._r**2)

    def backward(self):
        return 2.0 * self._c * self._r  # eq. (mse-grad)


class MeanAbsoluteError(Loss):
    r"""Absolute error :math:`\ell_i = \frac1K \sum_k |z_{ik} - y_{ik}|`; gradient :math:`\frac{c}{K}\operatorname{sign}(z - y)`."""

    def forward(self, z, y):
        z, y = self._check(z, y)
        self._r, self._c = z - y, self._scale(z.shape[0]) / _n_outputs(z)
        return self._c * np.sum(np.abs(self._r))

    def backward(self):
        return self._c * np.sign(self._r)


class Huber(Loss):
    r"""Huber loss (Huber 1964, Ann. Math. Statist. 35(1), eq. 2.3), :math:`r = z - y`:

    .. math::
       :label: huber

       h_\delta(r) = \begin{cases} \tfrac12 r^2 & |r| \le \delta \\
       \delta(|r| - \tfrac12\delta) & |r| > \delta \end{cases}, \qquad
       h'_\delta(r) = \operatorname{clip}(r, -\delta, \delta)

    with :math:`\ell_i = \frac1K\sum_k h_\delta(r_{ik})`.

    Parameters
    ----------
    delta : float > 0, default=1.0
    reduction : {'mean', 'sum'}, default='mean'
    """

    def __init__(self, delta=1.0, reduction="mean"):
        super().__init__(reduction)
        if delta <= 0:
            raise ValueError(f"delta={delta!r} must be > 0.")
        self.delta = delta

    def forward(self, z, y):
        z, y = self._check(z, y)
        r, d = z - y, self.delta
        self._r, self._c = r, self._scale(z.shape[0]) / _n_outputs(z)
        a = np.abs(r)
        return self._c * np.sum(np.where(a <= d, 0.5 * r * r, d * (a - 0.5 * d)))  # eq. (huber)

    def backward(self):
        return self._c * np.clip(self._r, -self.delta, self.delta)


class BinaryCrossEntropy(Loss):
    r"""Binary cross-entropy from logits, :math:`p = \sigma(z)`, targets in [0, 1].

    .. math::
       :label: bce-logits

       -[y \log \sigma(z) + (1-y)\log(1 - \sigma(z))] = \max(z, 0) - z y + \log(1 + e^{-|z|}),
       \qquad \frac{\partial}{\partial z} = \sigma(z) - y

    The right-hand form never exponentiates a positive number and never takes
    the log of a probability that rounded to 0 (the naive form gives ``inf``
    for :math:`|z| \gtrsim 37`). :math:`\ell_i` averages over the K outputs.
    """

    def forward(self, z, y):
        z, y = self._check(z, y)
        self._z, self._y, self._c = z, y, self._scale(z.shape[0]) / _n_outputs(z)
        return self._c * np.sum(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z))))  # eq. (bce-logits)

    def backward(self):
        return self._c * (expit(self._z) - self._y)  # eq. (bce-logits)


class CategoricalCrossEntropy(Loss):
    r"""Cross-entropy between target distributions :math:`y` (one-hot or soft) and softmax of logits.

    .. math::
       :label: cce-logits

       \ell_i = -\sum_k y_{ik} \log \operatorname{softmax}(z_i)_k
              = \Big(\sum_k y_{ik}\Big) \operatorname{LSE}(z_i) - \sum_k y_{ik} z_{ik},
       \qquad \frac{\partial \ell_i}{\partial z_{ik}} = \Big(\sum_j y_{ij}\Big)\operatorname{softmax}(z_i)_k - y_{ik}

    The softmax and the log are fused into a log-softmax (log-sum-exp), so the
    loss is finite for any finite logits (Goodfellow et al., *Deep Learning*,
    §6.2.2.3, eq. 6.33).
    """

    def forward(self, z, y):
        z, y = self._check(z, y)
        self._z, self._y, self._c = z, y, self._scale(z.shape[0])
        return -self._c * np.sum(y * log_softmax(z))  # eq. (cce-logits)

    def backward(self):
        y = self._y
        return self._c * (softmax(self._z) * y.sum(axis=-1, keepdims=True) - y)  # eq. (cce-logits)


class SparseCategoricalCrossEntropy(Loss):
    r"""Eq. (cce-logits) with integer labels :math:`y_i \in \{0, \dots, K-1\}` instead of one-hot rows.

    :math:`\ell_i = \operatorname{LSE}(z_i) - z_{i, y_i}`,
    :math:`\partial \ell_i/\partial z_i = \operatorname{softmax}(z_i) - e_{y_i}`.
    """

    def forward(self, z, y):
        z = np.asarray(z)
        y = np.asarray(y)
        if z.ndim != 2 or y.shape != (z.shape[0],):
            raise ValueError(f"SparseCategoricalCrossEntropy expects logits (N, K) and labels (N,); "
                             f"got {z.shape} and {y.shape}.")
        if y.dtype.kind not in "iu" and np.any(y != np.round(y)):
            raise ValueError("SparseCategoricalCrossEntropy expects integer labels.")
        y = y.astype(np.intp)
        if y.size and (y.min() < 0 or y.max() >= z.shape[1]):
            raise ValueError(f"labels must be in [0, {z.shape[1]}).")
        self._z, self._y, self._c = z, y, self._scale(z.shape[0])
        return -self._c * np.sum(log_softmax(z)[np.arange(z.shape[0]), y])

    def backward(self):
        g = softmax(self._z)
        g[np.arange(g.shape[0]), self._y] -= 1.0
        return self._c * g


_LOSSES = {
    "mse": MeanSquaredError, "mean_squared_error": MeanSquaredError, "squared_error": MeanSquaredError,
    "mae": MeanAbsoluteError, "mean_absolute_error": MeanAbsoluteError, "huber": Huber,
    "binary_crossentropy": BinaryCrossEntropy, "categorical_crossentropy": CategoricalCrossEntropy,
    "sparse_categorical_crossentropy": SparseCategoricalCrossEntropy,
}


def get_loss(loss):
    """A loss object for ``loss`` (a name such as 'mse' or a :class:`Loss` instance).

    Raises
    ------
    ValueError
        For an unknown name.
    """
    if isinstance(loss, Loss):
        return loss
    if loss not in _LOSSES:
        raise ValueError(f"Unknown loss {loss!r}; expected one of {sorted(_LOSSES)}.")
    return _LOSSES[loss]()
