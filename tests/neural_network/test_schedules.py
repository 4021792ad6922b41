"""Schedules against their defining formulas at every step (exact up to rounding: rel 1e-12)."""

import math

import numpy as np
import pytest

from scratchml.neural_network import (
    CosineAnnealing,
    CyclicLR,
    ExponentialDecay,
    LinearWarmup,
    MultiStepDecay,
    OneCycle,
    ReduceLROnPlateau,
    StepDecay,
)


def _values(s, n):
    return np.array([s(t) for t in range(n)])


def test_step_decay_every_step():
    expected = [0.1] * 3 + [0.05] * 3 + [0.025] * 3 + [0.0125]
    np.testing.assert_allclose(_values(StepDecay(0.1, 3, 0.5), 10), expected, rtol=1e-15)


def test_multistep_decay_every_step():
    expected = [1.0, 1.0, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01]
    np.testing.assert_allclose(_values(MultiStepDecay(1.0, [2, 5], 0.1), 8), expected, rtol=1e-12)


def test_exponential_decay_every_step():
    np.testing.assert_allclose(_values(ExponentialDecay(2.0, 0.9), 20), 2.0 * 0.9 ** np.arange(20), rtol=1e-14)


def test_cosine_annealing_every_step_without_restarts():
    s = CosineAnnealing(1.0, T_max=8, eta_min=0.1)
    expected = [0.1 + 0.45 * (1 + math.cos(math.pi * min(t, 8) / 8)) for t in range(12)]
    np.testing.assert_allclose(_values(s, 12), expected, rtol=1e-14)
    assert s(0) == 1.0 and s(8) == pytest.approx(0.1) and s(11) == pytest.approx(0.1)


def test_cosine_warm_restarts_every_step():
    s = CosineAnnealing(1.0, T_max=2, restarts=True, T_mult=2)
    # periods 2, 4, 8 starting at t = 0, 2, 6
    expected = []
    for t in range(14):
        start, T = (0, 2) if t < 2 else (2, 4) if t < 6 else (6, 8)
        expected.append(0.5 * (1 + math.cos(math.pi * (t - start) / T)))
    np.testing.assert_allclose(_values(s, 14), expected, rtol=1e-14, atol=1e-16)
    assert s(2) == 1.0 and s(6) == 1.0  # the restarts


def test_linear_warmup_then_constant():
    np.testing.assert_allclose(_values(LinearWarmup(0.4, 4), 7), [0.0, 0.1, 0.2, 0.3, 0.4, 0.4, 0.4],
                               rtol=1e-15)


def test_linear_warmup_hands_over_to_the_decay_schedule():
    inner = ExponentialDecay(1.0, 0.5)
    s = LinearWarmup(inner, warmup_steps=3, start_learning_rate=0.1)
    expected = [0.1, 0.1 + 0.9 / 3, 0.1 + 1.8 / 3, 1.0, 0.5, 0.25, 0.125]
    np.testing.assert_allclose(_values(s, 7), expected, rtol=1e-15)
    # hand-over: the first post-warm-up value is the inner schedule's first value
    assert s(3) == inner(0)


def test_cyclic_triangular_every_step():
    s = CyclicLR(0.1, 0.5, step_size=2)
    expected = [0.1, 0.3, 0.5, 0.3, 0.1, 0.3, 0.5, 0.3, 0.1]
    np.testing.assert_allclose(_values(s, 9), expected, rtol=1e-14)


def test_cyclic_triangular2_halves_the_amplitude_each_cycle():
    s = CyclicLR(0.1, 0.5, step_size=2, mode="triangular2")
    expected = [0.1, 0.3, 0.5, 0.3, 0.1, 0.2, 0.3, 0.2, 0.1, 0.15, 0.2]
    np.testing.assert_allclose(_values(s, 11), expected, rtol=1e-14)


def test_cyclic_exp_range_every_step():
    s = CyclicLR(0.1, 0.5, step_size=2, mode="exp_range", gamma=0.9)
    tri = np.array([0.0, 0.5, 1.0, 0.5, 0.0, 0.5, 1.0, 0.5])
    np.testing.assert_allclose(_values(s, 8), 0.1 + 0.4 * tri * 0.9 ** np.arange(8), rtol=1e-14)


@pytest.mark.parametrize("strategy", ["cos", "linear"])
def test_one_cycle_every_step(strategy):
    T, max_lr = 10, 1.0
    s = OneCycle(max_lr, T, pct_start=0.3, div_factor=10, final_div_factor=100, anneal_strategy=strategy)
    lo, end, t1 = 0.1, 0.001, 0.3 * T - 1

    def a(u, v, x):
        return v + (u - v) * (1 + math.cos(math.pi * x)) / 2 if strategy == "cos" else u + (v - u) * x

    expected = [a(lo, max_lr, t / t1) if t <= t1 else a(max_lr, end, (t - t1) / (T - 1 - t1)) for t in range(T)]
    np.testing.assert_allclose(_values(s, T), expected, rtol=1e-14)
    assert s(0) == pytest.approx(lo) and s(2) == pytest.approx(max_lr) and s(T - 1) == pytest.approx(end)


def test_reduce_on_plateau_with_patience_and_cooldown():
    s = ReduceLROnPlateau(1.0, factor=0.5, patience=2, cooldown=1, min_lr=0.2)
    metrics = [5, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 3]
    lrs = [s.step(m) for m in metrics]
    # bad epochs t=2,3,4 (3 > patience) -> 0.5; t=5 is cooldown; t=6,7,8 -> 0.25; t=11 improves
    assert lrs == [1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25]
    assert s() == 0.25
    assert [s.step(3) for _ in range(8)][-1] == 0.2  # further plateaus stop at min_lr


@pytest.mark.parametrize("bad", [lambda: StepDecay(-1, 2), lambda: CyclicLR(0.1, 1, 2, mode="sine"),
                                 lambda: OneCycle(1.0, 10, pct_start=1.5), lambda: LinearWarmup(0.1, 0),
                                 lambda: MultiStepDecay(0.1, [5, 2]), lambda: ReduceLROnPlateau(0.1, factor=2)])
def test_bad_schedule_arguments_raise(bad):
    with pytest.raises(ValueError):
        bad()


def test_lr_finder_sweeps_exponentially_finds_the_u_and_restores_the_model():
    from scratchml.neural_network import SGD, Dense, LRFinder, Sequential

    rng = np.random.RandomState(0)
    X = rng.normal(size=(512, 5))
    y = X @ rng.normal(size=(5, 1)) + 0.5 * rng.normal(size=(512, 1))  # noise: a loss floor of 0.25
    net = Sequential([Dense(1)], input_shape=(5,), random_state=0).compile(SGD(0.01), "mse")
    before = [w["W"].copy() for w in net.get_weights()]
    finder = LRFinder(net, start_lr=1e-5, end_lr=100.0, num_iter=100).range_test(X, y, batch_size=32)
    lrs = np.array(finder.lrs_)
    # eq. (lr-sweep): constant ratio between consecutive rates
    np.testing.assert_allclose(lrs[1:] / lrs[:-1], (1e7) ** (1 / 99), rtol=1e-12)
    # Least squares: full-batch gradient descent on the MSE diverges once
    # lr > 2 / lambda_max(2 X^T X / n) (~0.94 here). The test stops soon after,
    # the (lagging) smoothed minimum lies near that edge, the curve is a U and
    # the suggested rate is a stable one.
    stable = 2 / np.linalg.eigvalsh(2 * X.T @ X / len(X)).max()
    assert len(lrs) < 100
    assert 0.1 * stable < finder.best_lr_ < 3 * stable
    assert finder.suggestion() < stable
    assert finder.losses_[0] > min(finder.losses_) < finder.losses_[-1]
    assert finder.suggestion() == pytest.approx(finder.best_lr_ / 10)
    np.testing.assert_array_equal(net.get_weights()[0]["W"], before[0])
    assert net.optimizer.learning_rate == 0.01 and net.optimizer.iterations == 0
