"""
Training curves of the optimizers
=================================

The same small network (64 pixels, 32 ReLU units, 10 logits) trained on the
digits with each optimizer, from the *same* initial weights and with the
*same* sequence of mini-batches, so only the update rule differs. Each uses a
learning rate in its usual range (adaptive methods take smaller ones).

What to look for: plain SGD is by far the slowest; momentum and Nesterov
reach its final loss within three epochs by accumulating a velocity along
the directions the gradients agree on. Adagrad starts as fast but then
flattens out: its per-coordinate step keeps shrinking as squared gradients
pile up in its denominator. RMSProp, Adam and Nadam divide by a *running
average* of squared gradients instead, so their steps do not die out, and
they track the momentum methods. AdamW is Adam plus decoupled weight decay,
which pulls the weights towards zero and keeps its training loss above
Adam's. On validation accuracy (right) every method but plain SGD ends up
within a point of the others: on a problem this small the optimizer mostly
changes *how fast* you get there.
"""

import matplotlib.pyplot as plt

from scratchml.datasets import load_digits
from scratchml.model_selection import train_test_split
from scratchml.neural_network import (
    SGD,
    Adagrad,
    Adam,
    AdamW,
    Callback,
    Dense,
    Nadam,
    ReLU,
    RMSProp,
    Sequential,
)

data = load_digits()
X = data.data / 16.0
X_train, X_val, y_train, y_val = train_test_split(X, data.target, test_size=0.3,
                                                  stratify=data.target, random_state=0)

optimizers = {
    "SGD": SGD(learning_rate=0.05),
    "SGD + momentum": SGD(learning_rate=0.05, momentum=0.9),
    "SGD + Nesterov": SGD(learning_rate=0.05, momentum=0.9, nesterov=True),
    "Adagrad": Adagrad(learning_rate=0.05),
    "RMSProp": RMSProp(learning_rate=0.005),
    "Adam": Adam(learning_rate=0.005),
    # AdamW's weight_decay is the paper's lambda: each step shrinks the weights by
    # lambda * theta, *not* scaled by the learning rate (PyTorch's value is lambda / lr).
    "AdamW": AdamW(learning_rate=0.005, weight_decay=1e-3),
    "Nadam": Nadam(learning_rate=0.005),
}


class ValAccuracy(Callback):
    """Record the validation accuracy after each epoch."""

    def __init__(self):
        self.accuracy = []

    def on_epoch_end(self, model, epoch, logs):
        self.accuracy.append((model.predict(X_val).argmax(axis=1) == y_val).mean())


def make_net():
    # random_state fixes both the initial weights and the shuffling order.
    return Sequential([Dense(32), ReLU(), Dense(10)], input_shape=(64,), random_state=0)


initial_weights = make_net().get_weights()
epochs = 25
fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))
for name, optimizer in optimizers.items():
    net = make_net()
    net.set_weights(initial_weights)  # identical start (already so by the seed; made explicit)
    net.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy")
    val = ValAccuracy()
    history = net.fit(X_train, y_train, epochs=epochs, batch_size=32,
                      validation_data=(X_val, y_val), callbacks=[val])
    style = "--" if name.startswith(("SGD", "Adagrad")) else "-"
    axes[0].plot(range(1, epochs + 1), history.history["loss"], style, label=name)
    axes[1].plot(range(1, epochs + 1), val.accuracy, style, label=name)

axes[0].set_yscale("log")
axes[0].set_xlabel("epoch")
axes[0].set_ylabel("training loss (cross-entropy)")
axes[0].set_title("Training loss, same start, same batches")
axes[1].set_xlabel("epoch")
axes[1].set_ylabel("validation accuracy")
axes[1].set_ylim(0.8, 1.0)
axes[1].set_title("Validation accuracy")
axes[1].legend(fontsize=8, loc="lower right")
fig.tight_layout()
plt.show()
