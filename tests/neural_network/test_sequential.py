"""Sequential's training loop: history, callbacks, validation, divergence, float32."""

import numpy as np
import pytest

from scratchml.neural_network import (
    SGD,
    Adam,
    BatchNorm,
    Dense,
    Dropout,
    EarlyStopping,
    LearningRateScheduler,
    ReduceLROnPlateau,
    ReLU,
    Sequential,
    StepDecay,
)


def _regression(n=120, seed=0):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n, 4))
    return X, X @ rng.normal(size=(4, 2)) + 0.1 * rng.normal(size=(n, 2))


def _net(seed=0, dtype=np.float64):
    return Sequential([Dense(16), BatchNorm(), ReLU(), Dropout(0.1), Dense(2)], input_shape=(4,),
                      random_state=seed, dtype=dtype)


def test_fit_decreases_loss_and_records_history():
    X, y = _regression()
    net = _net().compile(Adam(0.01), "mse")
    hist = net.fit(X, y, epochs=30, batch_size=16, validation_split=0.25)
    assert len(hist.history["loss"]) == 30 and len(hist.history["val_loss"]) == 30
    assert hist.history["loss"][-1] < 0.5 * hist.history["loss"][0]
    assert net.evaluate(X[-30:], y[-30:]) == pytest.approx(hist.history["val_loss"][-1], rel=1e-12)


def test_fit_is_deterministic_under_random_state():
    X, y = _regression()
    runs = []
    for _ in range(2):
        net = _net(seed=3).compile(SGD(0.05, momentum=0.9), "huber")
        net.fit(X, y, epochs=3, batch_size=10)
        runs.append(net.predict(X))
    np.testing.assert_array_equal(runs[0], runs[1])


def test_early_stopping_restores_best_weights():
    X, y = _regression()
    X_val, y_val = X[:20], y[:20] + 5.0  # a validation set the model cannot fit: val loss soon rises
    net = _net().compile(Adam(0.05), "mse")
    stopper = EarlyStopping(patience=2, restore_best_weights=True)
    hist = net.fit(X, y, epochs=100, batch_size=16, validation_data=(X_val, y_val), callbacks=[stopper])
    assert stopper.stopped_epoch is not None and len(hist.history["loss"]) < 100
    assert stopper.stopped_epoch == stopper.best_epoch + 3
    assert net.evaluate(X_val, y_val) == pytest.approx(min(hist.history["val_loss"]), rel=1e-10)


def test_per_epoch_schedule_and_plateau_callbacks_set_the_rate():
    X, y = _regression()
    net = _net().compile(SGD(1.0), "mse")
    hist = net.fit(X, y, epochs=5, callbacks=[LearningRateScheduler(StepDecay(0.1, 2, 0.5))])
    assert hist.history["lr"] == [0.1, 0.1, 0.05, 0.05, 0.025]
    net = _net().compile(SGD(1.0), "mse")
    plateau = ReduceLROnPlateau(0.01, factor=0.5, patience=0, min_delta=1e9)  # never "improves"
    hist = net.fit(X, y, epochs=3, validation_split=0.2, callbacks=[LearningRateScheduler(plateau)])
    assert hist.history["lr"] == [0.01, 0.01, 0.005]


def test_divergence_names_the_epoch_and_suggests_a_lower_rate():
    X, y = _regression()
    net = Sequential([Dense(8), Dense(2)], input_shape=(4,), random_state=0).compile(SGD(50.0), "mse")
    with np.errstate(all="ignore"), pytest.raises(ValueError, match=r"epoch \d+.*lower learning rate"):
        net.fit(X, 1e3 * y, epochs=50)


def test_fit_in_float32():
    X, y = _regression()
    net = _net(dtype=np.float32).compile(Adam(0.01), "mse")
    net.fit(X.astype(np.float32), y.astype(np.float32), epochs=2)
    assert net.predict(X.astype(np.float32)).dtype == np.float32


def test_fit_requires_compile_and_valid_split():
    X, y = _regression()
    with pytest.raises(ValueError, match="compile"):
        _net().fit(X, y)
    with pytest.raises(ValueError, match="validation_split"):
        _net().compile().fit(X, y, validation_split=1.0)
    with pytest.raises(ValueError, match="at least one sample"):
        _net().compile().fit(X[:3], y[:3], validation_split=0.1)
