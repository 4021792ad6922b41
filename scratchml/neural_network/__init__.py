"""Neural networks from first principles: layers with explicit backprop, losses,
initialisers, regularisers, optimizers, schedules, callbacks and the
scikit-learn-compatible ``MLPClassifier`` / ``MLPRegressor``."""

from ._activations import (
    ELU,
    GELU,
    Identity,
    LeakyReLU,
    ReLU,
    Sigmoid,
    SiLU,
    Softmax,
    Softplus,
    Swish,
    Tanh,
    get_activation,
)
from ._autoencoder import Autoencoder
from ._callbacks import Callback, EarlyStopping, History, LearningRateScheduler
from ._gradient_check import (
    check_layer_gradients,
    check_loss_gradient,
    gradient_check,
    numerical_gradient,
)
from ._initializers import (
    get_initializer,
    glorot_normal,
    glorot_uniform,
    he_normal,
    he_uniform,
    lecun_normal,
    lecun_uniform,
    orthogonal,
    zeros,
)
from ._layers import BatchNorm, Dense, Dropout, Embedding, Flatten, Layer, LayerNorm, Reshape
from ._losses import (
    BinaryCrossEntropy,
    CategoricalCrossEntropy,
    Huber,
    Loss,
    MeanAbsoluteError,
    MeanSquaredError,
    SparseCategoricalCrossEntropy,
    get_loss,
)
from ._lr_finder import LRFinder
from ._multilayer_perceptron import MLPClassifier, MLPRegressor
from ._optimizers import (
    SGD,
    Adadelta,
    Adagrad,
    Adam,
    AdamW,
    Nadam,
    Optimizer,
    RMSProp,
    clip_by_global_norm,
    clip_by_value,
    get_optimizer,
)
from ._regularizers import L1, L1L2, L2
from ._schedules import (
    CosineAnnealing,
    CyclicLR,
    ExponentialDecay,
    LinearWarmup,
    MultiStepDecay,
    OneCycle,
    ReduceLROnPlateau,
    StepDecay,
)
from ._sequential import Sequential

__all__ = [
    "ELU", "GELU", "Identity", "LeakyReLU", "ReLU", "SiLU", "Sigmoid", "Softmax", "Softplus", "Swish",
    "Tanh", "get_activation",
    "Callback", "EarlyStopping", "History", "LearningRateScheduler",
    "check_layer_gradients", "check_loss_gradient", "gradient_check", "numerical_gradient",
    "get_initializer", "glorot_normal", "glorot_uniform", "he_normal", "he_uniform", "lecun_normal",
    "lecun_uniform", "orthogonal", "zeros",
    "BatchNorm", "Dense", "Dropout", "Embedding", "Flatten", "Layer", "LayerNorm", "Reshape",
    "BinaryCrossEntropy", "CategoricalCrossEntropy", "Huber", "Loss", "MeanAbsoluteError",
    "MeanSquaredError", "SparseCategoricalCrossEntropy", "get_loss",
    "SGD", "Adadelta", "Adagrad", "Adam", "AdamW", "Nadam", "Optimizer", "RMSProp",
    "clip_by_global_norm", "clip_by_value", "get_optimizer",
    "L1", "L2", "L1L2",
    "CosineAnnealing", "CyclicLR", "ExponentialDecay", "LinearWarmup", "MultiStepDecay", "OneCycle",
    "ReduceLROnPlateau", "StepDecay",
    "Sequential",
    "MLPClassifier", "MLPRegressor", "Autoencoder", "LRFinder",
]
