r"""``Sequential``: a stack of layers, its backward pass, and a mini-batch training loop.

The forward pass composes the layers, :math:`\hat y = f_L(\cdots f_1(x))`; the
backward pass applies the chain rule in reverse,

.. math::
   :label: chain-rule

   \frac{\partial L}{\partial h_{l-1}} = \frac{\partial L}{\partial h_l}
   \frac{\partial h_l}{\partial h_{l-1}}, \qquad h_0 = x,\ h_L = \hat y

each factor being one layer's :meth:`backward` (Rumelhart, Hinton & Williams
1986; Goodfellow et al., *Deep Learning*, §6.5.6, Alg. 6.2).
"""

import numpy as np

from ..utils.validation import check_random_state
from ._callbacks import History
from ._layers import Layer, ShapeMismatchError
from ._losses import get_loss
from ._optimizers import get_optimizer

__all__ = ["Sequential"]


def _fmt_shape(shape):
    return "(None, " + ", ".join(str(d) for d in shape) + ")" if shape else "(None,)"


class Sequential:
    """A linear stack of layers.

    Parameters
    ----------
    layers : list of Layer
    input_shape : tuple of int, default=None
        Shape of one sample; when given the stack is built at once, so a shape
        mismatch raises here rather than inside a matrix product.
    random_state : int, RandomState or None, default=None
        Seeds the initialisers, dropout masks and shuffling.
    dtype : {np.float64, np.float32}, default=np.float64

    Raises
    ------
    ValueError
        At build time, when a layer cannot take the previous layer's output:
        the message names both layers and both shapes.

    Examples
    --------
    >>> from scratchml.neural_network import Dense, ReLU, Sequential
    >>> net = Sequential([Dense(8), ReLU(), Dense(2)], input_shape=(4,), random_state=0)
    >>> net.n_params
    58
    """

    def __init__(self, layers, *, input_shape=None, random_state=None, dtype=np.float64):
        self.layers = list(layers)
        for i, layer in enumerate(self.layers):
            if not isinstance(layer, Layer):
                raise ValueError(f"layers[{i}]={layer!r} is not a Layer.")
            if layer.name is None:
                layer.name = f"{type(layer).__name__.lower()}_{i}"
        self.random_state = random_state
        self.dtype = np.dtype(dtype)
        self.built = False
        self.loss = None
        self.optimizer = None
        if input_shape is not None:
            self.build(input_shape)

    # ------------------------------------------------------------------ build
    def build(self, input_shape):
        """Build every layer in turn, checking each against its predecessor's output shape."""
        rng = check_random_state(self.random_state)
        self._rng = rng
        shape = tuple(input_shape)
        self.input_shape = shape
        for i, layer in enumerate(self.layers):
            try:
                shape = layer.build(shape, rng, self.dtype)
            except ShapeMismatchError as exc:
                prev = (f"layer {i - 1} {self.layers[i - 1].name!r} ({type(self.layers[i - 1]).__name__}) "
                        "outputs") if i else "the input has"
                raise ValueError(
                    f"Shape mismatch at build time: layer {i} {layer.name!r} ({type(layer).__name__}) "
                    f"{exc}, but {prev} shape {_fmt_shape(shape)}."
                ) from None
        self.output_shape = shape
        self.built = True
        return self

    @property
    def n_params(self):
        """Number of trainable scalars."""
        return sum(layer.n_params for layer in self.layers)

    def summary(self, print_fn=print):
        """Print (and return) a table of layers, output shapes and parameter counts."""
        if not self.built:
            raise ValueError("Build the model first (pass input_shape or call build()).")
        rows = [("Layer (type)", "Output shape", "Params")]
        for layer in self.layers:
            rows.append((f"{layer.name} ({type(layer).__name__})", _fmt_shape(layer.output_shape),
                         str(layer.n_params)))
        widths = [max(len(r[c]) for r in rows) for c in range(3)]
        line = "-" * (sum(widths) + 4)
        out = [line]
        for j, r in enumerate(rows):
            out.append(f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:>{widths[2]}}")
            if j == 0:
                out.append(line)
        out += [line, f"Total params: {self.n_params}"]
        text = "\n".join(out)
        if print_fn is not None:
            print_fn(text)
        return text

    # --------------------------------------------------------------- passes
    def forward(self, x, training=False):
        """Output of the stack for the batch ``x``."""
        if not self.built:
            self.build(np.shape(x)[1:])
        for layer in self.layers:
            x = layer.forward(x, training=training)
        return x

    def backward(self, grad_out):
        """Chain rule (eq. chain-rule) through every layer; returns the input gradient."""
        g = grad_out
        for layer in reversed(self.layers):
            g = layer.backward(g)
        return g

    def parameters(self):
        """List of parameter arrays (the optimizer updates them in place)."""
        return [p for layer in self.layers for p in layer.params.values()]

    def gradients(self):
        """Gradients matching :meth:`parameters`, after :meth:`backward`."""
        return [layer.grads[k] for layer in self.layers for k in layer.params]

    def get_weights(self):
        """Copies of all parameters (and BatchNorm running statistics)."""
        out = []
        for layer in self.layers:
            out.append({k: v.copy() for k, v in layer.params.items()})
            if hasattr(layer, "running_mean"):
                out[-1]["_running"] = (layer.running_mean.copy(), layer.running_var.copy())
        return out

    def set_weights(self, weights):
        """Inverse of :meth:`get_weights` (writes in place)."""
        for layer, w in zip(self.layers, weights):
            for k, v in w.items():
                if k == "_running":
                    layer.running_mean, layer.running_var = v[0].copy(), v[1].copy()
                else:
                    layer.params[k][...] = v

    def regularization_loss(self):
        return sum(layer.regularization_loss() for layer in self.layers)

    # ------------------------------------------------------------- training
    def compile(self, optimizer="adam", loss="mse"):
        """Choose the optimizer and loss (names or instances); returns self."""
        self.optimizer = get_optimizer(optimizer)
        self.loss = get_loss(loss)
        return self

    def train_step(self, X, y):
        """One forward/backward/update on a batch; returns the batch loss (penalties included)."""
        out = self.forward(X, training=True)
        loss = float(self.loss.forward(out, y)) + self.regularization_loss()
        self.backward(self.loss.backward())
        for layer in self.layers:
            layer.add_regularization_gradients()
        self.optimizer.step(self.parameters(), self.gradients())
        return loss

    def evaluate(self, X, y, batch_size=None):
        """Loss (with penalties) on ``(X, y)`` in inference mode."""
        return float(self.loss.forward(self.predict(X, batch_size), y)) + self.regularization_loss()

    def predict(self, X, batch_size=None):
        """Network output in inference mode (dropout off, batch norm on running statistics)."""
        X = np.asarray(X)
        if batch_size is None:
            return self.forward(X, training=False)
        return np.concatenate([self.forward(X[i:i + batch_size]) for i in range(0, len(X), batch_size)])

    def fit(self, X, y, *, epochs=1, batch_size=32, shuffle=True, validation_split=0.0,
            validation_data=None, callbacks=None, verbose=False):
        """Mini-batch training; returns the :class:`History`.

        Parameters
        ----------
        X : ndarray of shape (n_samples, ...)
        y : ndarray of shape (n_samples, ...)
        epochs : int, default=1
        batch_size : int, default=32
        shuffle : bool, default=True
        validation_split : float in [0, 1), default=0.0
            Fraction of the *last* rows held out for validation (before shuffling).
        validation_data : tuple (X_val, y_val), default=None
        callbacks : list of Callback, default=None
        verbose : bool, default=False
            Show a tqdm progress bar per epoch (plain prints if tqdm is missing).

        Raises
        ------
        ValueError
            Not compiled; bad ``validation_split``; a non-finite loss (the message
            names the epoch and suggests a lower learning rate).
        """
        if self.optimizer is None:
            raise ValueError("Call compile(optimizer, loss) before fit().")
        if not (0.0 <= validation_split < 1.0):
            raise ValueError(f"validation_split={validation_split!r} must be in [0, 1).")
        X, y = np.asarray(X), np.asarray(y)
        if validation_data is None and validation_split > 0:
            n_val = int(round(len(X) * validation_split))
            if not (1 <= n_val < len(X)):
                raise ValueError(f"validation_split={validation_split} leaves {n_val} of {len(X)} samples for "
                                 "validation; need at least one sample on each side.")
            X, X_val, y, y_val = X[:-n_val], X[-n_val:], y[:-n_val], y[-n_val:]
            validation_data = (X_val, y_val)
        if not self.built:
            self.build(X.shape[1:])
        history = History()
        callbacks = [history] + list(callbacks or [])
        for cb in callbacks:
            cb.on_train_begin(self)
        rng = self._rng
        n = len(X)
        for epoch in range(epochs):
            for cb in callbacks:
                cb.on_epoch_begin(self, epoch)
            logs = {"lr": self.optimizer.current_learning_rate()}  # the rate this epoch starts with
            order = rng.permutation(n) if shuffle else np.arange(n)
            starts = range(0, n, batch_size)
            if verbose:
                starts = _progress(starts, epoch, epochs)
            total = 0.0
            for s in starts:
                idx = order[s:s + batch_size]
                total += self.train_step(X[idx], y[idx]) * len(idx)
            logs["loss"] = total / n
            if not np.isfinite(logs["loss"]):
                raise ValueError(f"Training diverged: the loss became {logs['loss']} at epoch {epoch + 1}. "
                                 "Try a lower learning rate (or gradient clipping).")
            if validation_data is not None:
                logs["val_loss"] = self.evaluate(*validation_data)
            stop = False
            for cb in callbacks:
                stop = cb.on_epoch_end(self, epoch, logs) or stop
            if stop:
                break
        for cb in callbacks:
            cb.on_train_end(self)
        return history


def _progress(iterable, epoch, epochs):
    try:
        from tqdm.auto import tqdm
    except ImportError:  # tqdm is optional
        print(f"Epoch {epoch + 1}/{epochs}")
        return iterable
    return tqdm(iterable, desc=f"Epoch {epoch + 1}/{epochs}", leave=False)
