"""Shrinking in the SMO solvers: gold NumPy checks of its pieces and invariants of the result.

The oracle tests (same ``n_iter_`` and model as scikit-learn with
``shrinking=True``) are in test_svc.py and test_svr_ocsvm.py; here the pieces
are checked against their definitions, and a shrunk solve against the
stopping rule recomputed from scratch.
"""

import numpy as np
import pytest
from sklearn import datasets
from sklearn.metrics.pairwise import rbf_kernel

from scratchml.svm import SVC, SVR
from scratchml.svm import _kernel_rows as kr
from scratchml.svm import _smo_shrinking as sh

_FREE, _LOWER, _UPPER = 0, 1, 2


def _state(n=40, p_free=0.4, seed=0):
    """A random SMO state: data, labels, box, alpha with all three statuses, and a gradient.

    The gradient is that of a nearly optimal point: :math:`-y_t G_t` within
    0.1 of 0 for free variables, spread over [-2, 2] for bounded ones, so
    that some of them (not all) are shrinkable.
    """
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    y = np.where(rng.random(n) < 0.5, 1.0, -1.0)
    C = rng.uniform(0.5, 2.0, size=n)
    u = rng.random(n)
    alpha = np.where(u < p_free, rng.uniform(0.1, 0.9, size=n) * C,
                     np.where(u < (1 + p_free) / 2, 0.0, C))
    status = np.where(alpha >= C, _UPPER, np.where(alpha <= 0, _LOWER, _FREE))
    v = np.where(status == _FREE, rng.uniform(-0.1, 0.1, size=n), rng.uniform(-2, 2, size=n))
    G = -y * v
    kern = (X, np.arange(n), np.einsum("ij,ij->i", X, X), y, kr.RBF, 0.5, 0.0, 3)
    return rng, X, y, C, alpha, status, G, kern


def _Q32(X, y, gamma=0.5):
    # the solver's kernel rows are float32, as LIBSVM's
    return (np.outer(y, y) * rbf_kernel(X, gamma=gamma)).astype(np.float32).astype(np.float64)


def test_kkt_bounds_and_be_shrunk_follow_their_definitions():
    rng, X, y, C, alpha, status, G, kern = _state()
    active = rng.permutation(len(y))
    v = -y * G
    up = ((y > 0) & (status != _UPPER)) | ((y < 0) & (status != _LOWER))  # I_up
    low = ((y > 0) & (status != _LOWER)) | ((y < 0) & (status != _UPPER))  # I_low
    m_pos, M_pos, m_neg, M_neg = sh.kkt_bounds(G, y, status, active, len(y))
    assert m_pos == v[up & (y > 0)].max() and m_neg == v[up & (y < 0)].max()
    assert M_pos == v[low & (y > 0)].min() and M_neg == v[low & (y < 0)].min()
    m, M = max(m_pos, m_neg), min(M_pos, M_neg)
    # eq. (svm-shrink): bounded, and on the side of the gap it cannot cross
    expected = (up & ~low & (v < M)) | (low & ~up & (v > m))
    got = np.array([sh.be_shrunk(t, G, y, status, m, M) for t in range(len(y))])
    np.testing.assert_array_equal(got, expected)
    assert not got[status == _FREE].any()


@pytest.mark.parametrize("nu_mode", [0, 1])
def test_do_shrinking_keeps_exactly_the_unshrinkable(nu_mode):
    rng, X, y, C, alpha, status, G, kern = _state()
    n = len(y)
    active = rng.permutation(n)
    order_before = active.copy()
    n_before = 30  # variables active[30:] were shrunk earlier
    rows = kr.new_row_cache(4, n)
    bounds = sh.kkt_bounds(G, y, status, active, n_before)
    n_active, unshrunk = sh.do_shrinking(G, np.zeros(n), np.zeros(n), alpha, y, status, active,
                                         n_before, True, nu_mode, 1e-3, kern, rows)
    assert unshrunk  # already unshrunk once: no reconstruction, no reactivation
    np.testing.assert_array_equal(np.sort(active), np.arange(n))  # still a permutation
    np.testing.assert_array_equal(active[n_before:], order_before[n_before:])
    if nu_mode == 0:
        m_pos = m_neg = max(bounds[0], bounds[2])
        M_pos = M_neg = min(bounds[1], bounds[3])
    else:
        m_pos, M_pos, m_neg, M_neg = bounds
    keep = [t for t in order_before[:n_before]
            if not sh.be_shrunk(t, G, y, status, m_pos if y[t] > 0 else m_neg,
                                M_pos if y[t] > 0 else M_neg)]
    assert 0 < len(keep) < n_before
    assert sorted(active[:n_active]) == sorted(keep)


@pytest.mark.parametrize("p_free, n_active", [(0.6, 36), (0.1, 20)])
def test_reconstruct_gradient_equals_full_gradient(p_free, n_active):
    # many free variables: the loop over inactive rows; few: the loop over
    # free rows (LIBSVM's cost rule picks the one needing fewer kernel values)
    rng, X, y, C, alpha, status, _, kern = _state(p_free=p_free)
    n = len(y)
    Q = _Q32(X, y)
    p = -np.ones(n)
    G_full = Q @ alpha + p
    G_bar = Q[:, status == _UPPER] @ C[status == _UPPER]  # eq. (svm-gbar)
    # shrunk variables are always at a bound: free ones first, then a shuffle
    free = np.flatnonzero(status == _FREE)
    active = np.concatenate([rng.permutation(free),
                             rng.permutation(np.flatnonzero(status != _FREE))])
    assert len(free) <= n_active
    rows_of_inactive = len(free) * n > 2 * n_active * (n - n_active)
    assert rows_of_inactive == (p_free > 0.5)
    G = G_full.copy()
    G[active[n_active:]] = np.nan  # stale gradients of the shrunk variables
    rows = kr.new_row_cache(3, n)
    sh.reconstruct_gradient(G, G_bar, p, alpha, status, active, n_active, kern, rows)
    # same float32 rows, sums in another order: rounding only
    np.testing.assert_allclose(G, G_full, rtol=0, atol=1e-12)


def test_shrunk_solution_meets_the_stopping_rule_recomputed_from_scratch():
    # 3000 iterations with shrinking, unshrinking and gradient reconstruction;
    # the final m(alpha) - M(alpha) over ALL variables, from a fresh float64
    # gradient (same float32 kernel values), must be below tol as the solver
    # claims: a wrong G_bar or reconstruction would show here.
    X, y_cls = datasets.make_classification(600, 8, flip_y=0.2, random_state=0)
    clf = SVC(C=10.0, tol=1e-3).fit(X, y_cls)
    assert clf.n_iter_[0] > 1000
    y = np.where(y_cls == clf.classes_[1], 1.0, -1.0)
    alpha = np.zeros(len(y))
    alpha[clf.support_] = np.abs(clf.dual_coef_[0])
    G = _Q32(X, y, clf._gamma) @ alpha - 1.0
    at_C, at_0 = alpha >= 10.0, alpha <= 0.0
    up = ((y > 0) & ~at_C) | ((y < 0) & ~at_0)
    low = ((y > 0) & ~at_0) | ((y < 0) & ~at_C)
    gap = (-y * G)[up].max() - (-y * G)[low].min()
    assert gap < 1e-3 * (1 + 1e-6)


@pytest.mark.parametrize("C", [1.0, 10.0])
def test_svc_shrinking_on_and_off_agree_within_tolerance(C):
    # Both runs stop with a KKT spread below tol = 1e-3. With C = 1 shrinking
    # does not change the path (identical); with C = 10 it does, and two
    # tol-optimal points of this well-conditioned rbf problem give decision
    # values within a few tol of each other (measured 5e-4): we allow 10 tol.
    X, y = datasets.make_classification(600, 8, flip_y=0.2, random_state=0)
    on = SVC(C=C, shrinking=True).fit(X, y)
    off = SVC(C=C, shrinking=False).fit(X, y)
    np.testing.assert_allclose(on.decision_function(X), off.decision_function(X),
                               rtol=0, atol=1e-2)
    if C == 1.0:
        np.testing.assert_array_equal(on.n_iter_, off.n_iter_)
        np.testing.assert_array_equal(on.dual_coef_, off.dual_coef_)
    else:
        assert (on.n_iter_ != off.n_iter_).all()  # the paths do differ


def test_svr_shrinking_on_and_off_agree_within_tolerance():
    # same argument as for SVC: 5208 vs 5262 iterations, two tol-optimal
    # points (measured 6e-4 apart in prediction, targets of unit scale)
    X, y = datasets.make_regression(600, 8, noise=20.0, random_state=0)
    y = y / y.std()
    on = SVR(C=10.0, shrinking=True).fit(X, y)
    off = SVR(C=10.0, shrinking=False).fit(X, y)
    assert on.n_iter_ != off.n_iter_  # the paths do differ
    np.testing.assert_allclose(on.predict(X), off.predict(X), rtol=0, atol=1e-2)


@pytest.mark.parametrize("kind", [kr.LINEAR, kr.POLY, kr.RBF, kr.SIGMOID, kr.PRECOMPUTED])
def test_fill_row_equals_kernel_value(kind):
    # four targets at a time, same sums in the same order: the same bits
    # as one kernel_value per pair, for any target order and any remainder
    rng = np.random.default_rng(0)
    X = rng.normal(size=(23, 7))
    if kind == kr.PRECOMPUTED:
        X = X @ X.T
    n = 2 * len(X)  # SVR-like: two variables per data row
    src = np.concatenate([np.arange(len(X)), np.arange(len(X))])
    y = np.where(rng.random(n) < 0.5, 1.0, -1.0)
    x_sq = np.einsum("ij,ij->i", X, X)
    kern = (X, src, x_sq, y, kind, 0.3, 0.5, 3)
    targets = rng.permutation(n)[:37]
    for i in (0, 30):
        row = np.full(n, np.nan, dtype=np.float32)
        kr.fill_row(row, i, targets, kern)
        expected = [np.float32(y[i] * y[t] * kr.kernel_value(X, x_sq, src[i], src[t], kind,
                                                             0.3, 0.5, 3)) for t in targets]
        np.testing.assert_array_equal(row[targets], expected)
        assert np.isnan(np.delete(row, targets)).all()  # nothing else written
