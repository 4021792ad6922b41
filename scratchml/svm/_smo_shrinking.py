r"""Shrinking for the SMO solvers (LIBSVM's active set), in Numba.

Every :math:`\min(l, 1000)` iterations the solver sets aside the multipliers
that sit at a bound and whose gradient says they will stay there
(eq. svm-shrink); WSS3 and the gradient update then only loop over the
remaining *active* variables. The inactive gradients are not updated; they
are rebuilt (eq. svm-grad-reconstruct) from :math:`\bar G`, the part of the
gradient due to the multipliers at their upper bound, kept up to date at
every step (eq. svm-gbar). Positions matter: the solver's ``active`` array
lists the variables in LIBSVM's order after its swaps, so ties in the
working-set selection fall as in LIBSVM.

References
----------
C.-C. Chang, C.-J. Lin, "LIBSVM: a library for support vector machines", ACM
TIST 2(3), 2011, doi:10.1145/1961189.1961199 (§5.1 shrinking, §5.2 caching).
T. Joachims, "Making large-scale SVM learning practical", in Advances in
Kernel Methods, MIT Press, 1999, §11.4 (shrinking).
"""

import numba
import numpy as np

from ._kernel_rows import forget_moved_columns_jit, get_row_jit

_FREE, _LOWER, _UPPER = 0, 1, 2  # alpha status codes, as in _smo_kernels


def kkt_bounds(G, y, status, active, n_active):
    r"""m(alpha) and M(alpha) of eq. (svm-stop) over the active set, per label.

    Returns ``(m_pos, M_pos, m_neg, M_neg)``: the max of :math:`-y_t G_t`
    over :math:`I_{up}` and its min over :math:`I_{low}`, among the variables
    with :math:`y_t = +1`, then among those with :math:`y_t = -1`.
    """
    m_pos = -np.inf
    m_neg = -np.inf
    M_pos = np.inf
    M_neg = np.inf
    for k in range(n_active):
        t = active[k]
        v = -y[t] * G[t]
        if y[t] > 0:
            if status[t] != _UPPER:  # t in I_up
                m_pos = max(m_pos, v)
            if status[t] != _LOWER:  # t in I_low
                M_pos = min(M_pos, v)
        else:
            if status[t] != _LOWER:
                m_neg = max(m_neg, v)
            if status[t] != _UPPER:
                M_neg = min(M_neg, v)
    return m_pos, M_pos, m_neg, M_neg


def be_shrunk(t, G, y, status, m, M):
    """True if the bounded multiplier t cannot be part of a violating pair (eq. svm-shrink).

    A multiplier only in :math:`I_{up}` (y = +1 at 0, y = -1 at C) is shrunk
    when :math:`-y_t G_t < M`; one only in :math:`I_{low}` when
    :math:`-y_t G_t > m`. Free multipliers are never shrunk.
    """
    if status[t] == _FREE:
        return False
    v = -y[t] * G[t]
    if (y[t] > 0) == (status[t] == _LOWER):  # in I_up only
        return v < M
    return v > m


def reconstruct_gradient(G, G_bar, p, alpha, status, active, n_active, kern, rows):
    """Rebuild the gradient of the inactive variables, eq. (svm-grad-reconstruct).

    Two loop orders give the same sums (added in the same order); as LIBSVM,
    take the one that needs fewer kernel values: a partial row per inactive
    variable, or a full row per free active one.
    """
    n = G.shape[0]
    if n_active == n:
        return
    cache = rows[0]
    for k in range(n_active, n):
        t = active[k]
        G[t] = G_bar[t] + p[t]  # eq. (svm-grad-reconstruct), bounded part
    n_free = 0
    for k in range(n_active):
        if status[active[k]] == _FREE:
            n_free += 1
    if n_free * n > 2 * n_active * (n - n_active):
        for k in range(n_active, n):
            t = active[k]
            s = get_row_jit(t, n_active, active, kern, rows)
            for q in range(n_active):
                u = active[q]
                if status[u] == _FREE:
                    G[t] += alpha[u] * np.float64(cache[s, u])  # eq. (svm-grad-reconstruct)
    else:
        for q in range(n_active):
            u = active[q]
            if status[u] == _FREE:
                s = get_row_jit(u, n, active, kern, rows)
                for k in range(n_active, n):
                    t = active[k]
                    G[t] += alpha[u] * np.float64(cache[s, t])  # eq. (svm-grad-reconstruct)


def do_shrinking(G, G_bar, p, alpha, y, status, active, n_active, unshrunk, nu_mode, tol,
                 kern, rows):
    """One shrinking pass (LIBSVM's ``do_shrinking``); returns ``(n_active, unshrunk)``.

    The first time the violation falls below 10 tol, the whole gradient is
    rebuilt and every variable made active again ("unshrink"), so that the
    shrinking decisions taken far from the optimum are checked once near it.
    Then each shrinkable variable is swapped with the last active
    non-shrinkable one and the active set ends before it.
    """
    m_pos, M_pos, m_neg, M_neg = kkt_bounds_jit(G, y, status, active, n_active)
    if nu_mode == 0:  # one equality constraint: one m and one M over both labels
        m_pos = m_neg = max(m_pos, m_neg)
        M_pos = M_neg = min(M_pos, M_neg)
    if not unshrunk and max(m_pos - M_pos, m_neg - M_neg) <= 10 * tol:
        unshrunk = True
        reconstruct_gradient_jit(G, G_bar, p, alpha, status, active, n_active, kern, rows)
        n_active = G.shape[0]
    old_size = n_active
    first_moved = old_size
    k = 0
    while k < n_active:
        t = active[k]
        if be_shrunk_jit(t, G, y, status, m_pos if y[t] > 0 else m_neg,
                     M_pos if y[t] > 0 else M_neg):
            n_active -= 1
            while n_active > k:  # find a partner to keep, scanning from the end
                u = active[n_active]
                if not be_shrunk_jit(u, G, y, status, m_pos if y[u] > 0 else m_neg,
                                 M_pos if y[u] > 0 else M_neg):
                    active[k] = u
                    active[n_active] = t
                    first_moved = min(first_moved, k)
                    break
                n_active -= 1
        k += 1
    forget_moved_columns_jit(rows, first_moved, old_size)
    return n_active, unshrunk


def move_G_bar(G_bar, t, C_t, now_upper, active, kern, rows):
    r"""Add (:math:`\alpha_t` reached :math:`C_t`) or remove (it left) :math:`C_t Q_{:,t}` in eq. (svm-gbar)."""
    s = get_row_jit(t, G_bar.shape[0], active, kern, rows)
    cache = rows[0]
    if now_upper:
        for u in range(G_bar.shape[0]):
            G_bar[u] += C_t * np.float64(cache[s, u])  # eq. (svm-gbar)
    else:
        for u in range(G_bar.shape[0]):
            G_bar[u] -= C_t * np.float64(cache[s, u])  # eq. (svm-gbar)


kkt_bounds_jit = numba.njit(cache=True)(kkt_bounds)
be_shrunk_jit = numba.njit(cache=True)(be_shrunk)
reconstruct_gradient_jit = numba.njit(cache=True)(reconstruct_gradient)
do_shrinking_jit = numba.njit(cache=True)(do_shrinking)
move_G_bar_jit = numba.njit(cache=True)(move_G_bar)
