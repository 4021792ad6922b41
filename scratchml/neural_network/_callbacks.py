"""Callbacks for :meth:`Sequential.fit`: history, early stopping, learning-rate logging.

A callback may define ``on_train_begin(model)``, ``on_epoch_begin(model,
epoch)``, ``on_epoch_end(model, epoch, logs)`` (return True to stop training)
and ``on_train_end(model)``.
"""

import copy
import math

__all__ = ["Callback", "EarlyStopping", "History", "LearningRateScheduler"]


class Callback:
    """Base class with no-op hooks."""

    def on_train_begin(self, model):
        pass

    def on_epoch_begin(self, model, epoch):
        pass

    def on_epoch_end(self, model, epoch, logs):
        return False

    def on_train_end(self, model):
        pass


class History(Callback):
    """Record every epoch's logs: ``history.history['loss']``, ``['val_loss']``, ``['lr']``.

    Attributes
    ----------
    history : dict of str -> list of float
    epoch : list of int
    """

    def on_train_begin(self, model):
        self.history = {}
        self.epoch = []

    def on_epoch_end(self, model, epoch, logs):
        self.epoch.append(epoch)
        for key, value in logs.items():
            self.history.setdefault(key, []).append(value)
        return False


class EarlyStopping(Callback):
    """Stop when a monitored quantity has stopped improving.

    Parameters
    ----------
    monitor : str, default='val_loss'
        Key of the epoch logs ('loss', 'val_loss', ...).
    patience : int >= 0, default=0
        Epochs without improvement tolerated before stopping.
    min_delta : float >= 0, default=0.0
        Smallest change that counts as an improvement.
    mode : {'min', 'max'}, default='min'
    restore_best_weights : bool, default=False
        Put back the parameters of the best epoch when stopping.

    Attributes
    ----------
    best : float
    best_epoch : int
    stopped_epoch : int or None
    """

    def __init__(self, monitor="val_loss", *, patience=0, min_delta=0.0, mode="min",
                 restore_best_weights=False):
        if mode not in ("min", "max"):
            raise ValueError(f"mode={mode!r} must be 'min' or 'max'.")
        if patience < 0 or min_delta < 0:
            raise ValueError("patience and min_delta must be >= 0.")
        self.monitor = monitor
        self.patience = patience
        self.min_delta = min_delta
        self.mode = mode
        self.restore_best_weights = restore_best_weights

    def on_train_begin(self, model):
        self.best = math.inf if self.mode == "min" else -math.inf
        self.best_epoch = -1
        self.stopped_epoch = None
        self._wait = 0
        self._best_params = None

    def on_epoch_end(self, model, epoch, logs):
        if self.monitor not in logs:
            raise ValueError(f"EarlyStopping monitors {self.monitor!r}, which is not in the logs "
                             f"{sorted(logs)}; pass validation data to monitor 'val_loss'.")
        value = logs[self.monitor]
        sign = 1.0 if self.mode == "min" else -1.0
        if sign * value < sign * self.best - self.min_delta:
            self.best, self.best_epoch, self._wait = value, epoch, 0
            if self.restore_best_weights:
                self._best_params = copy.deepcopy(model.get_weights())
            return False
        self._wait += 1
        if self._wait > self.patience:
            self.stopped_epoch = epoch
            if self.restore_best_weights and self._best_params is not None:
                model.set_weights(self._best_params)
            return True
        return False


class LearningRateScheduler(Callback):
    """Per-epoch learning rates: ``optimizer.learning_rate = schedule(epoch)`` before each epoch.

    With a :class:`ReduceLROnPlateau`, the rate is instead updated after each
    epoch from the monitored log entry.

    Parameters
    ----------
    schedule : callable or ReduceLROnPlateau
        ``epoch -> rate`` (any schedule of :mod:`._schedules`).
    monitor : str, default='val_loss'
        Log entry fed to a ReduceLROnPlateau.
    """

    def __init__(self, schedule, monitor="val_loss"):
        self.schedule = schedule
        self.monitor = monitor

    def _plateau(self):
        return hasattr(self.schedule, "step") and hasattr(self.schedule, "patience")

    def on_train_begin(self, model):
        if self._plateau():
            model.optimizer.learning_rate = self.schedule()

    def on_epoch_begin(self, model, epoch):
        if not self._plateau():
            model.optimizer.learning_rate = float(self.schedule(epoch))

    def on_epoch_end(self, model, epoch, logs):
        if self._plateau():
            if self.monitor not in logs:
                raise ValueError(f"LearningRateScheduler monitors {self.monitor!r}, not in the logs {sorted(logs)}.")
            model.optimizer.learning_rate = self.schedule.step(logs[self.monitor])
        return False
