"""Our L-BFGS: two-loop recursion against the explicit BFGS matrix, Wolfe steps, Rosenbrock."""

import numpy as np
import pytest

from scratchml.linear_model._lbfgs import line_search_wolfe, minimize_lbfgs, two_loop_recursion


def rosenbrock(x):
    f = np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2)
    g = np.zeros_like(x)
    g[:-1] = -400.0 * x[:-1] * (x[1:] - x[:-1] ** 2) - 2.0 * (1 - x[:-1])
    g[1:] += 200.0 * (x[1:] - x[:-1] ** 2)
    return f, g


def test_two_loop_recursion_equals_explicit_bfgs_inverse_update():
    rng = np.random.default_rng(0)
    n, m = 6, 4
    A = rng.normal(size=(n, n))
    A = A @ A.T + n * np.eye(n)  # SPD: y = A s gives s'y > 0
    S = [rng.normal(size=n) for _ in range(m)]
    Y = [A @ s for s in S]
    gamma = 0.7
    H = gamma * np.eye(n)
    for s, y in zip(S, Y):  # N&W eq. (6.17), applied oldest first
        rho = 1.0 / (y @ s)
        V = np.eye(n) - rho * np.outer(y, s)
        H = V.T @ H @ V + rho * np.outer(s, s)
    g = rng.normal(size=n)
    np.testing.assert_allclose(two_loop_recursion(g, S, Y, gamma), H @ g, rtol=1e-10)


@pytest.mark.parametrize("start", [[-1.2, 1.0], [2.0, -1.0], [0.0, 0.0]])
@pytest.mark.parametrize("alpha1", [1.0, 1e-3, 50.0])
def test_line_search_step_satisfies_strong_wolfe(start, alpha1):
    x = np.array(start)
    f0, g0 = rosenbrock(x)
    p = -g0
    c1, c2 = 1e-4, 0.9
    alpha, f, g, _ = line_search_wolfe(rosenbrock, x, f0, g0, p, alpha1, c1=c1, c2=c2)
    assert alpha is not None and alpha > 0
    assert f <= f0 + c1 * alpha * (g0 @ p)
    assert abs(g @ p) <= c2 * abs(g0 @ p)
    f_check, g_check = rosenbrock(x + alpha * p)
    assert f == f_check and np.array_equal(g, g_check)


def test_lbfgs_minimises_rosenbrock():
    res = minimize_lbfgs(rosenbrock, np.array([-1.2, 1.0, -0.5, 0.8]), max_iter=500, gtol=1e-8)
    assert res.converged
    np.testing.assert_allclose(res.x, np.ones(4), atol=1e-6)


def test_lbfgs_solves_a_quadratic_exactly_and_leaves_x0_untouched():
    rng = np.random.default_rng(1)
    A = rng.normal(size=(8, 8))
    A = A @ A.T + np.eye(8)
    b = rng.normal(size=8)
    x0 = np.zeros(8)
    res = minimize_lbfgs(lambda x: (0.5 * x @ A @ x - b @ x, A @ x - b), x0, gtol=1e-10, max_iter=200)
    np.testing.assert_allclose(res.x, np.linalg.solve(A, b), atol=1e-8)
    assert np.all(x0 == 0)


def test_lbfgs_reports_max_iter():
    res = minimize_lbfgs(rosenbrock, np.array([-1.2, 1.0]), max_iter=3)
    assert not res.converged and res.n_iter == 3 and "max_iter" in res.message
