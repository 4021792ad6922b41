r"""The learning-rate range test (Smith 2017, arXiv:1506.01186, §3.3).

Train for a few hundred mini-batches while the rate grows exponentially from
``start_lr`` to ``end_lr``; record the loss, smoothed; stop once it diverges.
The loss-versus-rate curve is U-shaped on a log axis: too small a rate learns
nothing, too large diverges; a good rate sits on the descending side, a
little left of the minimum.

.. math::
   :label: lr-sweep

   \eta_i = \eta_{start}\Big(\frac{\eta_{end}}{\eta_{start}}\Big)^{i/(M-1)},\qquad i = 0..M-1

.. math::
   :label: lr-smoothing

   a_i = \beta a_{i-1} + (1-\beta)L_i,\qquad \bar L_i = \frac{a_i}{1-\beta^{i+1}}

(an exponential moving average with Adam-style bias correction).
"""

import copy

import numpy as np

__all__ = ["LRFinder"]


class LRFinder:
    """Learning-rate range test for a compiled :class:`Sequential`.

    Parameters
    ----------
    model : Sequential
        Compiled (``model.compile(optimizer, loss)``). Its weights and
        optimizer state are restored after the test.
    start_lr : float > 0, default=1e-7
    end_lr : float > start_lr, default=10.0
    num_iter : int >= 2, default=200
        Number :math:`M` of mini-batches in the sweep.
    beta : float in [0, 1), default=0.98
        Smoothing of eq. (lr-smoothing).
    diverge_threshold : float > 1, default=4.0
        Stop when the smoothed loss exceeds this multiple of the best one.

    Attributes
    ----------
    lrs_ : list of float
    losses_ : list of float
        Smoothed losses, one per rate tried.
    best_lr_ : float
        Rate at the smallest smoothed loss.

    Raises
    ------
    ValueError
        Bad rates or iteration count; a model that is not compiled.

    References
    ----------
    Smith (2017), "Cyclical Learning Rates for Training Neural Networks",
    WACV, arXiv:1506.01186, §3.3.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.neural_network import SGD, Dense, LRFinder, Sequential
    >>> rng = np.random.RandomState(0)
    >>> X = rng.normal(size=(256, 4)); y = X @ np.array([[1.0], [-2.0], [0.5], [0.0]])
    >>> net = Sequential([Dense(1)], input_shape=(4,), random_state=0).compile(SGD(0.1), "mse")
    >>> finder = LRFinder(net, start_lr=1e-4, end_lr=10, num_iter=60).range_test(X, y, batch_size=32)
    >>> 1e-4 < finder.suggestion() < 10
    True
    """

    def __init__(self, model, *, start_lr=1e-7, end_lr=10.0, num_iter=200, beta=0.98, diverge_threshold=4.0):
        if not (0 < start_lr < end_lr):
            raise ValueError(f"Need 0 < start_lr < end_lr, got start_lr={start_lr}, end_lr={end_lr}.")
        if num_iter < 2:
            raise ValueError(f"num_iter={num_iter} must be >= 2.")
        if not (0 <= beta < 1):
            raise ValueError(f"beta={beta} must be in [0, 1).")
        if getattr(model, "optimizer", None) is None:
            raise ValueError("Compile the model (model.compile(optimizer, loss)) before the range test.")
        self.model = model
        self.start_lr = start_lr
        self.end_lr = end_lr
        self.num_iter = num_iter
        self.beta = beta
        self.diverge_threshold = diverge_threshold

    def range_test(self, X, y, *, batch_size=32, random_state=0):
        """Run the sweep (eq. lr-sweep) on mini-batches of ``(X, y)``; returns self.

        The data are cycled (reshuffled each pass) if ``num_iter`` batches
        need more than one pass.
        """
        model, opt = self.model, self.model.optimizer
        X, y = np.asarray(X), np.asarray(y)
        if not model.built:
            model.build(X.shape[1:])
        saved_weights = model.get_weights()
        saved_opt = (opt.learning_rate, opt.iterations, copy.deepcopy(opt._state))
        rng = np.random.RandomState(random_state)
        ratio = self.end_lr / self.start_lr
        self.lrs_, self.losses_ = [], []
        avg, best = 0.0, np.inf
        order, pos = rng.permutation(len(X)), 0
        try:
            for i in range(self.num_iter):
                lr = self.start_lr * ratio ** (i / (self.num_iter - 1))  # eq. (lr-sweep)
                opt.learning_rate = lr
                if pos + batch_size > len(X):
                    order, pos = rng.permutation(len(X)), 0
                idx = order[pos:pos + batch_size]
                pos += batch_size
                with np.errstate(all="ignore"):
                    loss = model.train_step(X[idx], y[idx])
                avg = self.beta * avg + (1 - self.beta) * loss  # eq. (lr-smoothing)
                smoothed = avg / (1 - self.beta ** (i + 1))
                if not np.isfinite(smoothed):
                    break
                self.lrs_.append(lr)
                self.losses_.append(smoothed)
                best = min(best, smoothed)
                if smoothed > self.diverge_threshold * best:
                    break  # diverged: the right arm of the U is enough
        finally:
            model.set_weights(saved_weights)
            opt.learning_rate, opt.iterations, opt._state = saved_opt
        self.best_lr_ = self.lrs_[int(np.argmin(self.losses_))]
        return self

    def suggestion(self, factor=10.0):
        """A rate just left of the minimum: ``best_lr_ / factor`` (the "minimum / 10" rule)."""
        return self.best_lr_ / factor

    def plot(self, ax=None):
        """Smoothed loss against the rate on a log axis (the U-curve); returns the matplotlib axes."""
        import matplotlib.pyplot as plt  # optional dependency, only for plotting

        if ax is None:
            _, ax = plt.subplots()
        ax.plot(self.lrs_, self.losses_)
        ax.set_xscale("log")
        ax.axvline(self.suggestion(), linestyle="--", color="gray", label="suggestion")
        ax.set_xlabel("learning rate")
        ax.set_ylabel("smoothed loss")
        ax.legend()
        return ax
