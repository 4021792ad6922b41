"""
The learning-rate range test
============================

Smith's range test trains for a few hundred mini-batches while the learning
rate grows exponentially, here from :math:`10^{-5}` to 10, and records the
(smoothed) loss. Plotted against the rate on a log axis it traces a U: on
the left the rate is too small to move the weights and the loss stays flat;
in the middle it falls steeply; on the right the steps overshoot and the
loss blows up, which ends the test. The suggested rate (dashed) is the
minimum divided by ten, a point on the steep descending side that is fast
but still safely stable. The right panel checks the advice: ten epochs of
SGD with momentum at the suggested rate, at a hundredth of it, and at the
rate of the minimum itself. The suggestion learns fastest; a hundredth of it
barely moves; the minimum's rate is already too large to train. That the
minimum is not the rate to use is partly the smoothing: the moving average
lags the raw loss, so the bottom of the curve sits to the right of where the
loss actually stopped falling.
"""

import matplotlib.pyplot as plt
import numpy as np

from scratchml.datasets import load_digits
from scratchml.model_selection import train_test_split
from scratchml.neural_network import SGD, Dense, LRFinder, ReLU, Sequential

data = load_digits()
X = data.data / 16.0
X_train, X_val, y_train, y_val = train_test_split(X, data.target, test_size=0.3,
                                                  stratify=data.target, random_state=0)


def make_net(learning_rate):
    net = Sequential([Dense(32), ReLU(), Dense(10)], input_shape=(64,), random_state=0)
    return net.compile(SGD(learning_rate, momentum=0.9), "sparse_categorical_crossentropy")


finder = LRFinder(make_net(1e-3), start_lr=1e-5, end_lr=10.0, num_iter=200)
finder.range_test(X_train, y_train, batch_size=32)  # the model's weights are restored afterwards
suggested = finder.suggestion()
print(f"loss is smallest at lr={finder.best_lr_:.3g}; suggested lr={suggested:.3g}")

fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))
ax = finder.plot(ax=axes[0])
ax.plot(finder.best_lr_, min(finder.losses_), "o", color="C3",
        label=f"minimum ({finder.best_lr_:.2g})")
i = int(np.argmin(np.abs(np.log(finder.lrs_) - np.log(suggested))))  # nearest rate tried
ax.plot(finder.lrs_[i], finder.losses_[i], "o", color="C2",
        label=f"suggestion = minimum / 10 ({suggested:.2g})")
ax.legend()
ax.set_title("Range test: smoothed loss vs learning rate")

for lr, label in [(suggested / 100, "suggestion / 100"), (suggested, "suggestion"),
                  (finder.best_lr_, "minimum")]:
    history = make_net(lr).fit(X_train, y_train, epochs=10, batch_size=32,
                               validation_data=(X_val, y_val))
    axes[1].plot(range(1, 11), history.history["val_loss"], marker=".",
                 label=f"lr={lr:.2g} ({label})")
axes[1].set_yscale("log")
axes[1].set_xlabel("epoch")
axes[1].set_ylabel("validation loss")
axes[1].set_title("Training with the rates the test points to")
axes[1].legend()
fig.tight_layout()
plt.show()
