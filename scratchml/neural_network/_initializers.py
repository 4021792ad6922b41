r"""Weight initialisers: the variance of the first forward pass, chosen on purpose.

Notation: a weight matrix :math:`W` of shape (fan_in, fan_out); for shapes
with more axes (embeddings, reshaped kernels) fan_in is the first axis and
fan_out the product of the others.

Every initialiser is a function ``init(shape, rng, dtype=np.float64)`` taking
a ``numpy.random.RandomState`` (from ``check_random_state``), so one
``random_state`` seeds a whole network.
"""

import numpy as np

__all__ = [
    "glorot_normal",
    "glorot_uniform",
    "he_normal",
    "he_uniform",
    "lecun_normal",
    "lecun_uniform",
    "ones",
    "orthogonal",
    "zeros",
    "get_initializer",
]


def _fans(shape):
    """(fan_in, fan_out) of a weight tensor of ``shape``."""
    if len(shape) == 1:
        return shape[0], shape[0]
    return shape[0], int(np.prod(shape[1:]))


def glorot_uniform(shape, rng, dtype=np.float64):
    r"""Glorot/Xavier uniform: :math:`U(-a, a)`, :math:`a = \sqrt{6 / (n_{in} + n_{out})}`.

    Keeps :math:`\mathrm{Var}[W] = 2 / (n_{in} + n_{out})` (Glorot & Bengio
    2010, eq. 16), a compromise between preserving forward and backward
    variance for symmetric activations (tanh).

    Parameters
    ----------
    shape : tuple of int
    rng : numpy.random.RandomState
    dtype : numpy dtype, default=np.float64

    Returns
    -------
    W : ndarray of ``shape``
    """
    fan_in, fan_out = _fans(shape)
    limit = np.sqrt(6.0 / (fan_in + fan_out))  # eq. (glorot-uniform)
    return rng.uniform(-limit, limit, size=shape).astype(dtype, copy=False)


def glorot_normal(shape, rng, dtype=np.float64):
    r"""Glorot/Xavier normal: :math:`N(0, 2 / (n_{in} + n_{out}))` (Glorot & Bengio 2010, eq. 12)."""
    fan_in, fan_out = _fans(shape)
    std = np.sqrt(2.0 / (fan_in + fan_out))
    return (std * rng.standard_normal(size=shape)).astype(dtype, copy=False)


def he_uniform(shape, rng, dtype=np.float64):
    r"""He/Kaiming uniform: :math:`U(-a, a)`, :math:`a = \sqrt{6 / n_{in}}`.

    ReLU zeroes half its inputs, so the variance must be doubled to
    :math:`2 / n_{in}` to keep the forward signal from shrinking (He et al.
    2015, eq. 10).
    """
    fan_in, _ = _fans(shape)
    limit = np.sqrt(6.0 / fan_in)
    return rng.uniform(-limit, limit, size=shape).astype(dtype, copy=False)


def he_normal(shape, rng, dtype=np.float64):
    r"""He/Kaiming normal: :math:`N(0, 2 / n_{in})` (He et al. 2015, eq. 10)."""
    fan_in, _ = _fans(shape)
    return (np.sqrt(2.0 / fan_in) * rng.standard_normal(size=shape)).astype(dtype, copy=False)


def lecun_normal(shape, rng, dtype=np.float64):
    r"""LeCun normal: :math:`N(0, 1 / n_{in})` (LeCun et al. 1998, *Efficient BackProp*, §4.6)."""
    fan_in, _ = _fans(shape)
    return (np.sqrt(1.0 / fan_in) * rng.standard_normal(size=shape)).astype(dtype, copy=False)


def lecun_uniform(shape, rng, dtype=np.float64):
    r"""LeCun uniform: :math:`U(-\sqrt{3 / n_{in}}, \sqrt{3 / n_{in}})`, variance :math:`1 / n_{in}`."""
    fan_in, _ = _fans(shape)
    limit = np.sqrt(3.0 / fan_in)
    return rng.uniform(-limit, limit, size=shape).astype(dtype, copy=False)


def orthogonal(shape, rng, dtype=np.float64, gain=1.0):
    r"""Orthogonal initialisation (Saxe, McClelland & Ganguli 2014, arXiv:1312.6120).

    Draw :math:`A \sim N(0, 1)` of shape (rows, cols), take its QR
    decomposition :math:`A = QR` and return :math:`Q \operatorname{diag}(\operatorname{sign} R_{ii})`
    (the sign fix makes :math:`Q` uniformly distributed over orthogonal matrices,
    Mezzadri 2007). Columns (or rows, if fewer) are orthonormal.
    """
    rows, cols = _fans(shape)
    A = rng.standard_normal(size=(max(rows, cols), min(rows, cols)))
    Q, R = np.linalg.qr(A)  # Q: (max, min) with orthonormal columns
    Q = Q * np.sign(np.diag(R))[np.newaxis, :]
    if rows < cols:
        Q = Q.T  # (rows, cols) with orthonormal rows
    return (gain * Q).reshape(shape).astype(dtype, copy=False)


def zeros(shape, rng=None, dtype=np.float64):
    """All zeros (biases; the shift β of a normalisation layer)."""
    return np.zeros(shape, dtype=dtype)


def ones(shape, rng=None, dtype=np.float64):
    """All ones (the scale γ of a normalisation layer)."""
    return np.ones(shape, dtype=dtype)


_INITIALIZERS = {
    "glorot_uniform": glorot_uniform,
    "xavier_uniform": glorot_uniform,
    "glorot_normal": glorot_normal,
    "xavier_normal": glorot_normal,
    "he_uniform": he_uniform,
    "kaiming_uniform": he_uniform,
    "he_normal": he_normal,
    "kaiming_normal": he_normal,
    "lecun_normal": lecun_normal,
    "lecun_uniform": lecun_uniform,
    "orthogonal": orthogonal,
    "zeros": zeros,
    "ones": ones,
}


def get_initializer(init):
    """Return the initialiser named ``init`` (or ``init`` itself if callable).

    Raises
    ------
    ValueError
        For an unknown name.

    Examples
    --------
    >>> import numpy as np
    >>> W = get_initializer("he_normal")((3, 2), np.random.RandomState(0))
    >>> W.shape
    (3, 2)
    """
    if callable(init):
        return init
    if init not in _INITIALIZERS:
        raise ValueError(f"Unknown initializer {init!r}; expected one of {sorted(_INITIALIZERS)}.")
    return _INITIALIZERS[init]
