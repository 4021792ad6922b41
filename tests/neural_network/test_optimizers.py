"""Each optimizer against its published update, written out by hand for 10 steps.

The quadratic f(theta) = sum_i a_i theta_i^2 / 2 - b_i theta_i has gradient
a * theta - b. The reference below is plain scalar Python (``math``), one
coordinate at a time, transcribing the paper's equations; the optimizer
works on NumPy arrays. Both do the same floating-point operations up to
ordering, so they agree to ~1e-15 relative; rtol=1e-12 leaves room for
reordering while any wrong constant, power of t or misplaced epsilon shows
up at 1e-3 or more.
"""

import math

import numpy as np
import pytest

from scratchml.neural_network import (
    SGD,
    Adadelta,
    Adagrad,
    Adam,
    AdamW,
    Nadam,
    RMSProp,
    StepDecay,
    clip_by_global_norm,
    clip_by_value,
)

A = [1.0, 10.0]
B = [1.0, -2.0]
THETA0 = [0.5, -0.3]
STEPS = 10


def _grad(theta):
    return [a * th - b for a, th, b in zip(A, theta, B)]


def _run(optimizer):
    theta = np.array(THETA0)
    path = []
    for _ in range(STEPS):
        g = np.array(A) * theta - np.array(B)
        optimizer.step([theta], [g])
        path.append(theta.copy())
    return np.array(path)


def _hand(update):
    """Apply ``update(i, theta_i, g_i, state_i, t) -> theta_i`` coordinate-wise for 10 steps."""
    theta = list(THETA0)
    states = [dict() for _ in theta]
    path = []
    for t in range(1, STEPS + 1):
        g = _grad(theta)
        theta = [update(th, gi, st, t) for th, gi, st in zip(theta, g, states)]
        path.append(list(theta))
    return np.array(path)


def _check(optimizer, update):
    np.testing.assert_allclose(_run(optimizer), _hand(update), rtol=1e-12, atol=1e-15)


def test_sgd_matches_hand_updates():
    _check(SGD(0.05), lambda th, g, s, t: th - 0.05 * g)


def test_momentum_matches_hand_updates():
    def update(th, g, s, t):  # Sutskever et al. 2013, eq. 1-2
        s["v"] = 0.9 * s.get("v", 0.0) - 0.05 * g
        return th + s["v"]

    _check(SGD(0.05, momentum=0.9), update)


def test_nesterov_matches_hand_updates():
    def update(th, g, s, t):  # Bengio et al. 2013, eq. 7
        s["v"] = 0.9 * s.get("v", 0.0) - 0.05 * g
        return th + 0.9 * s["v"] - 0.05 * g

    _check(SGD(0.05, momentum=0.9, nesterov=True), update)


def test_sgd_decoupled_weight_decay_matches_hand_updates():
    # SGDW (Loshchilov & Hutter 2019, Alg. 1 line 9): the decay is scaled by
    # the schedule multiplier eta_t (1 at a constant rate), not by the rate.
    def update(th, g, s, t):
        s["v"] = 0.5 * s.get("v", 0.0) - 0.05 * g
        return th + s["v"] - 1.0 * 0.1 * th

    _check(SGD(0.05, momentum=0.5, weight_decay=0.1), update)


def test_adagrad_matches_hand_updates():
    def update(th, g, s, t):  # Duchi et al. 2011
        s["G"] = s.get("G", 0.0) + g * g
        return th - 0.1 * g / (math.sqrt(s["G"]) + 1e-8)

    _check(Adagrad(0.1), update)


def test_rmsprop_matches_hand_updates():
    def update(th, g, s, t):  # Tieleman & Hinton 2012
        s["s"] = 0.9 * s.get("s", 0.0) + 0.1 * g * g
        return th - 0.01 * g / (math.sqrt(s["s"]) + 1e-8)

    _check(RMSProp(0.01, rho=0.9), update)


def test_adadelta_matches_hand_updates():
    def update(th, g, s, t):  # Zeiler 2012, Algorithm 1
        rho, eps = 0.95, 1e-6
        s["Eg2"] = rho * s.get("Eg2", 0.0) + (1 - rho) * g * g
        dx = -math.sqrt(s.get("Edx2", 0.0) + eps) / math.sqrt(s["Eg2"] + eps) * g
        s["Edx2"] = rho * s.get("Edx2", 0.0) + (1 - rho) * dx * dx
        return th + dx

    _check(Adadelta(), update)


def _adam_hand(alpha, b1=0.9, b2=0.999, eps=1e-8, wd=0.0):
    def update(th, g, s, t):  # Kingma & Ba 2015, Algorithm 1 (+ Loshchilov & Hutter Alg. 2)
        s["m"] = b1 * s.get("m", 0.0) + (1 - b1) * g
        s["v"] = b2 * s.get("v", 0.0) + (1 - b2) * g * g
        m_hat = s["m"] / (1 - b1**t)
        v_hat = s["v"] / (1 - b2**t)
        return th - (alpha * m_hat / (math.sqrt(v_hat) + eps) + wd * th)

    return update


def test_adam_matches_algorithm_1():
    _check(Adam(0.1), _adam_hand(0.1))


def test_adam_epsilon_is_outside_the_square_root():
    # A large epsilon makes the placement visible: eps inside sqrt(v_hat + eps)
    # would give a different first step.
    opt = Adam(0.1, epsilon=0.5)
    theta = np.array([0.0])
    opt.step([theta], [np.array([2.0])])
    # t = 1: m_hat = g, v_hat = g^2 -> step = alpha * g / (|g| + eps)
    assert theta[0] == pytest.approx(-0.1 * 2.0 / (2.0 + 0.5), rel=1e-15)


def test_adamw_matches_algorithm_2():
    _check(AdamW(0.1, weight_decay=0.01), _adam_hand(0.1, wd=0.01))


def test_nadam_matches_dozat_algorithm_2():
    def update(th, g, s, t):  # Dozat 2016, Algorithm 2 with constant mu
        mu, nu, alpha, eps = 0.9, 0.999, 0.05, 1e-8
        g_hat = g / (1 - mu**t)
        s["m"] = mu * s.get("m", 0.0) + (1 - mu) * g
        m_hat = s["m"] / (1 - mu ** (t + 1))
        s["n"] = nu * s.get("n", 0.0) + (1 - nu) * g * g
        n_hat = s["n"] / (1 - nu**t)
        m_bar = (1 - mu) * g_hat + mu * m_hat
        return th - alpha * m_bar / (math.sqrt(n_hat) + eps)

    _check(Nadam(0.05), update)


def test_optimizer_with_schedule_uses_rate_at_each_step():
    sched = StepDecay(0.1, step_size=3, gamma=0.5)
    _check(SGD(sched), lambda th, g, s, t: th - sched(t - 1) * g)


def test_adamw_schedule_multiplier_scales_the_decay_too():
    sched = StepDecay(0.1, step_size=4, gamma=0.5)
    inner = _adam_hand(1.0, wd=0.0)

    def update(th, g, s, t):
        eta = sched(t - 1) / 0.1
        step = (th - inner(th, g, s, t)) * 0.1 + 0.01 * th  # alpha * direction + lambda * theta
        return th - eta * step

    np.testing.assert_allclose(_run(AdamW(sched, weight_decay=0.01)), _hand(update), rtol=1e-11)


@pytest.mark.parametrize("make", [lambda: SGD(0.05), lambda: SGD(0.05, momentum=0.9, nesterov=True),
                                  lambda: Adagrad(0.05), lambda: RMSProp(0.05), Adadelta,
                                  lambda: Adam(0.05), lambda: AdamW(0.05), lambda: Nadam(0.05)])
def test_optimizers_decrease_the_quadratic(make):
    opt = make()
    theta = np.array(THETA0)

    def f(th):
        return 0.5 * np.sum(np.array(A) * th**2) - np.sum(np.array(B) * th)

    start = f(theta)
    for _ in range(200):
        opt.step([theta], [np.array(A) * theta - np.array(B)])
    assert f(theta) < start


def test_gradient_clipping():
    grads = [np.array([3.0, -4.0]), np.array([12.0])]  # global norm 13
    clipped = clip_by_global_norm(grads, 6.5)
    np.testing.assert_allclose(clipped[0], [1.5, -2.0])
    np.testing.assert_allclose(clipped[1], [6.0])
    assert clip_by_global_norm(grads, 20.0)[1] is grads[1]
    np.testing.assert_array_equal(clip_by_value(grads, 3.5)[0], [3.0, -3.5])
    theta = np.zeros(2)
    SGD(1.0, clipnorm=1.0).step([theta], [np.array([3.0, 4.0])])
    np.testing.assert_allclose(theta, [-0.6, -0.8])


@pytest.mark.parametrize("bad", [lambda: SGD(-0.1), lambda: SGD(0.0), lambda: Adam(beta_1=1.0),
                                 lambda: SGD(0.1, momentum=1.5), lambda: SGD(0.1, clipnorm=0)])
def test_bad_optimizer_arguments_raise(bad):
    with pytest.raises(ValueError):
        bad()
