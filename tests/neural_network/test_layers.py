"""Finite-difference checks of every layer, activation and loss, plus their invariants.

Tolerance: central differences with h = 1e-6 in float64 have truncation error
O(h^2) ~ 1e-12 and rounding error ~ eps_mach / h ~ 1e-10 relative, so a
correct analytic gradient lands near 1e-9; the issue's bound 1e-7 leaves two
orders of magnitude and still catches any wrong factor or sign (which gives
errors of order 1). Inputs are kept a distance >> h away from kinks (ReLU at
0, |r| = 0 for MAE, |r| = delta for Huber), where central differences are
not valid.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scratchml.neural_network import (
    ELU,
    GELU,
    L1,
    L1L2,
    L2,
    BatchNorm,
    BinaryCrossEntropy,
    CategoricalCrossEntropy,
    Dense,
    Dropout,
    Embedding,
    Flatten,
    Huber,
    LayerNorm,
    LeakyReLU,
    MeanAbsoluteError,
    MeanSquaredError,
    ReLU,
    Reshape,
    Sequential,
    Sigmoid,
    SiLU,
    Softmax,
    Softplus,
    SparseCategoricalCrossEntropy,
    Swish,
    Tanh,
    check_layer_gradients,
    check_loss_gradient,
    get_activation,
    get_initializer,
    get_loss,
    get_optimizer,
    gradient_check,
)

TOL = 1e-7
SETTINGS = settings(max_examples=12, deadline=None, derandomize=True)
shapes = st.tuples(st.integers(2, 5), st.integers(1, 4), st.integers(0, 2**16))


def _away_from_zero(x, margin=0.05):
    """Push entries at least ``margin`` away from 0 (the kink of ReLU-like functions)."""
    return x + margin * np.where(x >= 0, 1.0, -1.0)


def _check(layer, x, g, training=True):
    errors = check_layer_gradients(layer, x, g, training=training)
    assert max(errors.values()) < TOL, errors


@SETTINGS
@given(shapes)
def test_dense_gradients(shape):
    n, d, seed = shape
    rng = np.random.default_rng(seed)
    layer = Dense(3)
    layer.build((d,), np.random.RandomState(seed))
    _check(layer, rng.normal(size=(n, d)), rng.normal(size=(n, 3)))


@SETTINGS
@given(shapes)
def test_dense_gradients_3d_input(shape):
    n, d, seed = shape
    rng = np.random.default_rng(seed)
    layer = Dense(2)
    layer.build((3, d), np.random.RandomState(seed))
    _check(layer, rng.normal(size=(n, 3, d)), rng.normal(size=(n, 3, 2)))


ACTIVATIONS = [ReLU, lambda: LeakyReLU(0.1), ELU, lambda: ELU(0.5), GELU, lambda: GELU("tanh"),
               Sigmoid, Tanh, Softmax, Softplus, SiLU, lambda: Swish(1.7)]


@pytest.mark.parametrize("make", ACTIVATIONS)
@SETTINGS
@given(shape=shapes)
def test_activation_gradients(make, shape):
    n, d, seed = shape
    rng = np.random.default_rng(seed)
    layer = make()
    layer.build((d,))
    # |x| <= 4: beyond, tanh/sigmoid saturate and their derivative (~1e-7)
    # would be compared with rounding noise of the same size
    x = _away_from_zero(np.clip(1.5 * rng.normal(size=(n, d)), -4, 4))
    _check(layer, x, rng.normal(size=(n, d)))


@SETTINGS
@given(shapes, st.booleans())
def test_batchnorm_gradients(shape, training):
    n, d, seed = shape
    # With two rows x_hat = +-1 whatever x is: the true input gradient is
    # O(epsilon) and the relative error would compare rounding noise.
    n += 1
    rng = np.random.default_rng(seed)
    layer = BatchNorm()
    layer.build((d,))
    # |gamma| >= 0.5: a gamma near 0 flattens the output and leaves only noise
    layer.params["gamma"][:] = rng.choice([-1, 1], size=d) * rng.uniform(0.5, 2, size=d)
    layer.params["beta"][:] = rng.normal(size=d)
    layer.running_mean[:] = rng.normal(size=d)
    layer.running_var[:] = rng.uniform(0.5, 2, size=d)
    _check(layer, rng.normal(size=(n, d)) * 3 + 1, rng.normal(size=(n, d)), training=training)


@SETTINGS
@given(shapes)
def test_layernorm_gradients(shape):
    n, d, seed = shape
    d += 2  # one feature normalises to 0, two to +-1: nothing to check
    rng = np.random.default_rng(seed)
    layer = LayerNorm()
    layer.build((d,))
    layer.params["gamma"][:] = rng.choice([-1, 1], size=d) * rng.uniform(0.5, 2, size=d)
    layer.params["beta"][:] = rng.normal(size=d)
    _check(layer, rng.normal(size=(n, d)), rng.normal(size=(n, d)))


@SETTINGS
@given(shapes)
def test_flatten_reshape_gradients(shape):
    n, d, seed = shape
    rng = np.random.default_rng(seed)
    net = Sequential([Flatten(), Dense(6), Reshape((2, 3)), Tanh(), Reshape((-1,))], input_shape=(2, d),
                     random_state=seed)
    assert net.output_shape == (6,)
    _check(net, rng.normal(size=(n, 2, d)), rng.normal(size=(n, 6)))


@SETTINGS
@given(shapes)
def test_embedding_gradients(shape):
    n, d, seed = shape
    rng = np.random.default_rng(seed)
    layer = Embedding(5, 3)
    layer.build((d,), np.random.RandomState(seed))
    idx = rng.integers(0, 5, size=(n, d))  # repeated indices exercise the scatter-add
    g = rng.normal(size=(n, d, 3))
    layer.forward(idx)
    assert layer.backward(g) is None
    analytic = layer.grads["E"].copy()
    err = gradient_check(lambda: float(np.sum(layer.forward(idx) * g)), layer.params["E"], analytic)
    assert err < TOL


@SETTINGS
@given(shapes)
def test_stack_dense_batchnorm_relu_dense_dropout_gradients(shape):
    n, d, seed = shape
    n += 1  # see test_batchnorm_gradients
    d += 1  # one input feature: BN output is sign(W) * standardised x, flat in |W|
    rng = np.random.default_rng(seed)
    # No bias before BatchNorm: BN subtracts the batch mean, so that bias has an
    # exactly-zero gradient and a relative error would compare noise to noise
    # (tested separately below).
    net = Sequential([Dense(5, use_bias=False), BatchNorm(), ReLU(), Dense(3), Dropout(0.4)],
                     input_shape=(d,), random_state=seed)
    net.layers[1].params["gamma"][:] = rng.uniform(0.5, 2, size=5)
    net.layers[1].params["beta"][:] = rng.normal(size=5)
    net.layers[4].fixed_mask = rng.uniform(size=(n, 3)) >= 0.4
    x = rng.normal(size=(n, d))
    # ReLU after BN: keep pre-activations away from the kink at 0 for this draw
    net.forward(x, training=True)
    pre = net.layers[1].forward(net.layers[0].forward(x), training=True)
    if np.min(np.abs(pre)) < 1e-3:
        return
    g = rng.normal(size=(n, 3)) * np.arange(1, 4)  # non-uniform upstream gradient
    _check(net, x, g)


def test_bias_before_batchnorm_has_zero_gradient():
    rng = np.random.default_rng(0)
    net = Sequential([Dense(4), BatchNorm()], input_shape=(3,), random_state=0)
    net.forward(rng.normal(size=(6, 3)), training=True)
    net.backward(rng.normal(size=(6, 4)))
    np.testing.assert_allclose(net.layers[0].grads["b"], 0.0, atol=1e-12)


@pytest.mark.parametrize("reg", [L1(0.3), L2(0.7), L1L2(0.2, 0.5)])
def test_model_loss_with_penalty_gradients(reg):
    rng = np.random.default_rng(1)
    net = Sequential([Dense(4, kernel_regularizer=reg), Tanh(), Dense(2, kernel_regularizer=reg)],
                     input_shape=(3,), random_state=1)
    loss = MeanSquaredError()
    X, y = rng.normal(size=(7, 3)), rng.normal(size=(7, 2))

    def f():
        return float(loss.forward(net.forward(X, training=True), y)) + net.regularization_loss()

    f()
    net.backward(loss.backward())
    for layer in net.layers:
        layer.add_regularization_gradients()
    for layer in (net.layers[0], net.layers[2]):
        W = layer.params["W"]
        assert np.min(np.abs(W)) > 1e-4  # L1 is differentiable away from 0
        assert gradient_check(f, W, layer.grads["W"].copy()) < TOL


def test_l1_penalty_and_gradient_come_from_the_same_norm():
    W = np.array([[1.5, -2.0], [0.25, -0.5]])
    reg = L1(0.1)
    assert reg.penalty(W) == pytest.approx(0.1 * np.abs(W).sum())
    assert gradient_check(lambda: reg.penalty(W), W, reg.gradient(W)) < TOL
    reg2 = L2(0.3)
    assert reg2.penalty(W) == pytest.approx(0.15 * (W**2).sum())
    assert gradient_check(lambda: reg2.penalty(W), W, reg2.gradient(W)) < TOL


# ---------------------------------------------------------------- losses
def _targets(kind, rng, n, k):
    if kind == "regression":
        return rng.normal(size=(n, k))
    if kind == "binary":
        return rng.uniform(size=(n, k))
    p = rng.uniform(size=(n, k))
    return p / p.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("reduction", ["mean", "sum"])
@pytest.mark.parametrize("make,kind", [
    (MeanSquaredError, "regression"), (MeanAbsoluteError, "regression"), (Huber, "regression"),
    (BinaryCrossEntropy, "binary"), (CategoricalCrossEntropy, "proba"),
])
@SETTINGS
@given(shape=shapes)
def test_loss_gradients(make, kind, reduction, shape):
    n, k, seed = shape
    rng = np.random.default_rng(seed)
    y = _targets(kind, rng, n, k)
    r = rng.choice([-1.0, 1.0], size=(n, k)) * rng.choice([rng.uniform(0.05, 0.9), rng.uniform(1.1, 3)],
                                                         size=(n, k))
    z = y + r  # residuals away from 0 (MAE kink) and from +-1 (Huber's delta)
    loss = make(reduction=reduction)
    assert check_loss_gradient(loss, z, y) < TOL


@pytest.mark.parametrize("reduction", ["mean", "sum"])
@SETTINGS
@given(shape=shapes)
def test_sparse_categorical_gradients(reduction, shape):
    n, k, seed = shape
    k += 1
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, k, size=n)
    loss = SparseCategoricalCrossEntropy(reduction=reduction)
    assert check_loss_gradient(loss, 3 * rng.normal(size=(n, k)), labels) < TOL


def test_losses_match_their_definitions():
    z = np.array([[2.0, -1.0, 0.5], [0.1, 0.2, -3.0]])
    labels = np.array([0, 2])
    Y = np.eye(3)[labels]
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    ce = -np.mean(np.log(p[[0, 1], labels]))
    assert CategoricalCrossEntropy()(z, Y) == pytest.approx(ce, rel=1e-14)
    assert SparseCategoricalCrossEntropy()(z, labels) == pytest.approx(ce, rel=1e-14)
    assert SparseCategoricalCrossEntropy(reduction="sum")(z, labels) == pytest.approx(2 * ce, rel=1e-14)
    s = 1 / (1 + np.exp(-z))
    yb = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
    bce = -np.mean(yb * np.log(s) + (1 - yb) * np.log(1 - s))
    assert BinaryCrossEntropy()(z, yb) == pytest.approx(bce, rel=1e-13)
    assert MeanSquaredError()(z, yb) == pytest.approx(np.mean((z - yb) ** 2), rel=1e-14)
    assert MeanAbsoluteError()(z, yb) == pytest.approx(np.mean(np.abs(z - yb)), rel=1e-14)
    r = np.abs(z - yb)
    hub = np.where(r <= 1, 0.5 * r**2, r - 0.5).mean()
    assert Huber()(z, yb) == pytest.approx(hub, rel=1e-14)


def test_losses_and_activations_finite_for_extreme_inputs():
    z = np.array([[1e4, -1e4, 0.0]])
    assert np.isfinite(CategoricalCrossEntropy()(z, np.array([[0.0, 1.0, 0.0]])))
    assert np.isfinite(BinaryCrossEntropy()(z, np.array([[0.0, 1.0, 1.0]])))
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        for act in (Sigmoid(), Softplus(), ELU(), SiLU(), Softmax(), Tanh()):
            act.build((3,))
            out = act.forward(z)
            assert np.all(np.isfinite(out)), type(act).__name__
            assert np.all(np.isfinite(act.backward(np.ones_like(z))))


# ------------------------------------------------------------- invariants
def test_dropout_is_exact_identity_at_inference():
    x = np.random.default_rng(0).normal(size=(5, 4))
    layer = Dropout(0.5, random_state=0)
    layer.build((4,))
    out = layer.forward(x, training=False)
    np.testing.assert_array_equal(out, x)
    np.testing.assert_array_equal(layer.backward(x), x)


def test_dropout_training_scales_survivors_and_keeps_the_mean():
    x = np.ones((200, 500))
    layer = Dropout(0.3, random_state=0)
    layer.build((500,))
    out = layer.forward(x, training=True)
    assert set(np.unique(out)) == {0.0, 1 / 0.7}
    # mean of 1e5 Bernoulli(0.7)/0.7 variables: std = sqrt(0.3/0.7/1e5) ~ 2e-3
    assert abs(out.mean() - 1.0) < 0.01


def test_batchnorm_eval_mode_is_exact_formula_and_running_stats_update():
    rng = np.random.default_rng(0)
    layer = BatchNorm(momentum=0.8, epsilon=1e-3)
    layer.build((3,))
    X = rng.normal(size=(10, 3)) * 2 + 5
    out = layer.forward(X, training=True)
    np.testing.assert_allclose(out.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(out.var(axis=0), X.var(axis=0) / (X.var(axis=0) + 1e-3), rtol=1e-12)
    np.testing.assert_allclose(layer.running_mean, 0.2 * X.mean(axis=0), rtol=1e-14)
    np.testing.assert_allclose(layer.running_var, 0.8 + 0.2 * X.var(axis=0, ddof=1), rtol=1e-14)
    layer.params["gamma"][:] = [1.0, 2.0, 3.0]
    layer.params["beta"][:] = [0.0, -1.0, 1.0]
    Z = rng.normal(size=(4, 3))
    x_hat = (Z - layer.running_mean) / np.sqrt(layer.running_var + 1e-3)
    expected = layer.params["gamma"] * x_hat + layer.params["beta"]
    np.testing.assert_array_equal(layer.forward(Z, training=False), expected)


def test_shape_mismatch_names_both_layers_and_shapes():
    with pytest.raises(ValueError, match=r"layer 2 'out' \(Dense\).*\(None, \.\.\., 7\).*layer 1 'act' "
                                         r"\(ReLU\) outputs shape \(None, 5\)"):
        Sequential([Dense(5), ReLU(name="act"), Dense(2, input_dim=7, name="out")], input_shape=(3,))
    with pytest.raises(ValueError, match=r"Reshape.*cannot reshape 6 values"):
        Sequential([Dense(6), Reshape((4, 2))], input_shape=(3,))


def test_summary_lists_shapes_and_parameter_counts():
    net = Sequential([Dense(8), BatchNorm(), ReLU(), Dense(3)], input_shape=(4,), random_state=0)
    text = net.summary(print_fn=None)
    assert "(None, 8)" in text and "Total params: 83" in text
    assert net.n_params == 4 * 8 + 8 + 16 + 8 * 3 + 3


@pytest.mark.parametrize("bad", [
    lambda: Dropout(1.0), lambda: Dropout(-0.1), lambda: Dense(0), lambda: get_initializer("nope"),
    lambda: MeanSquaredError(reduction="avg"), lambda: L2(-1.0), lambda: BatchNorm(momentum=1.0),
    lambda: get_loss("hinge"), lambda: get_activation("mish"), lambda: get_optimizer("lion"),
])
def test_bad_arguments_raise_value_error(bad):
    with pytest.raises(ValueError):
        bad()


@pytest.mark.parametrize("name,var", [
    ("glorot_uniform", 2 / (300 + 200)), ("glorot_normal", 2 / (300 + 200)), ("he_uniform", 2 / 300),
    ("he_normal", 2 / 300), ("lecun_normal", 1 / 300), ("lecun_uniform", 1 / 300),
])
def test_initializer_variance_and_seeding(name, var):
    init = get_initializer(name)
    W = init((300, 200), np.random.RandomState(0))
    # 60 000 draws: the sample variance is within ~1% of the true one
    assert W.var() == pytest.approx(var, rel=0.03)
    np.testing.assert_array_equal(W, init((300, 200), np.random.RandomState(0)))


def test_orthogonal_initializer_is_orthogonal():
    for shape in [(6, 4), (4, 6)]:
        Q = get_initializer("orthogonal")(shape, np.random.RandomState(0))
        small = Q.T @ Q if shape[0] > shape[1] else Q @ Q.T
        np.testing.assert_allclose(small, np.eye(min(shape)), atol=1e-12)
    np.testing.assert_array_equal(get_initializer("zeros")((2, 3), None), np.zeros((2, 3)))


def test_float32_stays_float32():
    net = Sequential([Dense(4), GELU(), BatchNorm(), Dense(2)], input_shape=(3,), random_state=0,
                     dtype=np.float32)
    out = net.forward(np.ones((5, 3), dtype=np.float32), training=True)
    assert out.dtype == np.float32
    assert net.backward(np.ones((5, 2), dtype=np.float32)).dtype == np.float32
