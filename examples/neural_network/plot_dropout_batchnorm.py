"""
Dropout and batch normalisation on the digits
=============================================

A network with two hidden layers of 64 ReLU units (about 9 000 weights)
trained on only 400 digit images, so it can memorise them, four ways: plain,
with dropout after each hidden layer, with batch normalisation before each
ReLU, and with both. Each panel shows the training loss (solid) and the
validation loss on 600 held-out images (dashed).

What to look for: the plain network drives its training loss towards zero
while the validation loss stops improving after about ten epochs: the
widening gap between the curves is overfitting. Dropout (each hidden unit zeroed with probability 1/2
during training) keeps the training loss higher, because every batch trains
a random thinned sub-network, and the gap between the two curves narrows.
Batch normalisation rescales every unit's pre-activation to zero mean and
unit variance over the batch; the same learning rate now makes faster
progress, so both losses fall sooner. Note that the training loss is measured
in training mode (dropout on, batch statistics) and the validation loss in
inference mode, which is why a regularised model can score *better* on
validation than on training.
"""

import matplotlib.pyplot as plt

from scratchml.datasets import load_digits
from scratchml.model_selection import train_test_split
from scratchml.neural_network import SGD, BatchNorm, Dense, Dropout, ReLU, Sequential

data = load_digits()
X = data.data / 16.0
X_train, X_rest, y_train, y_rest = train_test_split(X, data.target, train_size=400,
                                                    stratify=data.target, random_state=0)
X_val, y_val = X_rest[:600], y_rest[:600]


def hidden(units, dropout, batch_norm):
    layers = [Dense(units)]
    if batch_norm:
        layers.append(BatchNorm())
    layers.append(ReLU())
    if dropout:
        layers.append(Dropout(0.5))
    return layers


def make_net(dropout, batch_norm):
    layers = hidden(64, dropout, batch_norm) + hidden(64, dropout, batch_norm) + [Dense(10)]
    net = Sequential(layers, input_shape=(64,), random_state=0)
    return net.compile(SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")


variants = {
    "plain": (False, False),
    "dropout 0.5": (True, False),
    "batch norm": (False, True),
    "dropout + batch norm": (True, True),
}
epochs = 30
fig, axes = plt.subplots(1, 4, figsize=(15, 4), sharey=True)
for ax, (name, (dropout, batch_norm)) in zip(axes, variants.items()):
    net = make_net(dropout, batch_norm)
    history = net.fit(X_train, y_train, epochs=epochs, batch_size=32,
                      validation_data=(X_val, y_val)).history
    accuracy = (net.predict(X_val).argmax(axis=1) == y_val).mean()
    ax.plot(range(1, epochs + 1), history["loss"], label="training")
    ax.plot(range(1, epochs + 1), history["val_loss"], "--", label="validation")
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_title(f"{name}\nbest val loss {min(history['val_loss']):.3f}, "
                 f"final val accuracy {accuracy:.3f}", fontsize=10)
axes[0].set_ylabel("cross-entropy")
axes[0].legend()
fig.tight_layout()
plt.show()
