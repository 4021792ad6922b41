r"""Finite-difference checks of analytic gradients (layers, losses, whole models).

Central differences in float64:

.. math::
   :label: central-difference

   \frac{\partial f}{\partial \theta_j} \approx
   \frac{f(\theta + h e_j) - f(\theta - h e_j)}{2h}

have truncation error :math:`O(h^2)` (the :math:`f''` terms cancel) and
rounding error :math:`O(\epsilon_{mach}/h)`; :math:`h = 10^{-6}` balances the
two at about :math:`10^{-10}` relative. The reported error is

.. math::
   :label: grad-rel-error

   \frac{\lVert g_{analytic} - g_{numeric} \rVert_2}
        {\max(\lVert g_{analytic} \rVert_2 + \lVert g_{numeric} \rVert_2, 10^{-300})}

(Goodfellow, Bengio & Courville, *Deep Learning*, §11.5; CS231n notes on
gradient checking).
"""

import numpy as np

__all__ = ["check_layer_gradients", "check_loss_gradient", "gradient_check", "numerical_gradient",
           "relative_error"]


def relative_error(analytic, numeric):
    """Eq. (grad-rel-error); 0 when both gradients are exactly zero."""
    a = np.asarray(analytic, dtype=np.float64).ravel()
    n = np.asarray(numeric, dtype=np.float64).ravel()
    denom = max(np.linalg.norm(a) + np.linalg.norm(n), 1e-300)
    return float(np.linalg.norm(a - n) / denom)


def numerical_gradient(f, x, eps=1e-6):
    """Gradient of the scalar ``f()`` with respect to the array ``x``, by eq. (central-difference).

    ``x`` is perturbed in place, one entry at a time, and restored, so ``f``
    may read it through a closure (e.g. a layer's weight matrix).

    Parameters
    ----------
    f : callable with no arguments returning a float
    x : ndarray of float64, any shape
    eps : float, default=1e-6

    Returns
    -------
    grad : ndarray of the shape of ``x``
    """
    grad = np.zeros(x.shape, dtype=np.float64)
    flat = x.reshape(-1)  # a view: writing to it perturbs x
    gflat = grad.reshape(-1)
    for j in range(flat.size):
        old = flat[j]
        flat[j] = old + eps
        f_plus = f()
        flat[j] = old - eps
        f_minus = f()
        flat[j] = old
        gflat[j] = (f_plus - f_minus) / (2 * eps)  # eq. (central-difference)
    return grad


def gradient_check(f, x, analytic_grad, eps=1e-6):
    """Relative error (eq. grad-rel-error) between ``analytic_grad`` and the numerical gradient of ``f`` at ``x``.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([1.0, -2.0, 3.0])
    >>> gradient_check(lambda: float(np.sum(x ** 3)), x, 3 * x ** 2) < 1e-9
    True
    """
    return relative_error(analytic_grad, numerical_gradient(f, x, eps))


def check_layer_gradients(layer, x, grad_out, *, training=True, eps=1e-6):
    r"""Check a layer's (or a :class:`Sequential`'s) input and parameter gradients.

    Uses the scalar :math:`L = \sum y \odot g` with :math:`y` the layer's output
    and :math:`g` = ``grad_out`` (a non-uniform upstream gradient), whose
    gradient with respect to :math:`y` is exactly :math:`g`.

    Parameters
    ----------
    layer : Layer or Sequential, built, float64 parameters
    x : ndarray of float64, shape (N, ...) matching the layer's input
    grad_out : ndarray of the layer's output shape
    training : bool, default=True
        Mode passed to ``forward``. Layers that draw randomness (Dropout) must
        be made deterministic first (``fixed_mask``).
    eps : float, default=1e-6

    Returns
    -------
    errors : dict
        ``{'x': err}`` plus one entry per parameter (``'W'``, ``'b'`` ... or
        ``'<layer index>.<name>'`` for a Sequential).
    """
    x = np.array(x, dtype=np.float64)
    grad_out = np.asarray(grad_out, dtype=np.float64)

    def f():
        return float(np.sum(layer.forward(x, training=training) * grad_out))

    layer.forward(x, training=training)
    dx = layer.backward(grad_out)
    params, grads = _params_and_grads(layer)
    analytic = {key: g.copy() for key, g in grads.items()}
    errors = {"x": gradient_check(f, x, dx, eps)} if dx is not None else {}
    for key, p in params.items():
        errors[key] = gradient_check(f, p, analytic[key], eps)
    return errors


def _params_and_grads(obj):
    if hasattr(obj, "layers"):
        params, grads = {}, {}
        for i, layer in enumerate(obj.layers):
            for name in layer.params:
                params[f"{i}.{name}"] = layer.params[name]
                grads[f"{i}.{name}"] = layer.grads[name]
        return params, grads
    return dict(obj.params), dict(obj.grads)


def check_loss_gradient(loss, z, y, eps=1e-6):
    """Relative error of ``loss.backward()`` against central differences of ``loss.forward(z, y)`` in ``z``.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.neural_network import MeanSquaredError
    >>> z = np.array([[0.5, -1.0]]); y = np.array([[0.0, 1.0]])
    >>> check_loss_gradient(MeanSquaredError(), z, y) < 1e-7
    True
    """
    z = np.array(z, dtype=np.float64)
    loss.forward(z, y)
    analytic = loss.backward().copy()
    return gradient_check(lambda: float(loss.forward(z, y)), z, analytic, eps)
