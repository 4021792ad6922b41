"""Numba kernel for the LU normaliser of the randomized range finder.

Plain function first (importable with ``NUMBA_DISABLE_JIT=1``), compiled twin
bound at the bottom.
"""

import numba
import numpy as np

__all__ = ["lu_permuted_l"]


def lu_permuted_l(A):
    """Return P L of the partial-pivoting factorisation P L U = A, A of shape (m, n).

    Doolittle elimination column by column; rows are swapped in a private
    copy and the permutation undone at the end, so the result is P L, of shape
    (m, min(m, n)) and unit lower-trapezoidal up to the row order: what
    SciPy's ``lu(A, permute_l=True)[0]`` returns.
    """
    m, n = A.shape
    k = min(m, n)
    L = A.copy()
    perm = np.arange(m)
    for j in range(k):
        p = j
        best = abs(L[j, j])
        for i in range(j + 1, m):
            if abs(L[i, j]) > best:
                best = abs(L[i, j])
                p = i
        if p != j:
            for c in range(n):
                t = L[j, c]
                L[j, c] = L[p, c]
                L[p, c] = t
            t2 = perm[j]
            perm[j] = perm[p]
            perm[p] = t2
        pivot = L[j, j]
        if pivot != 0.0:
            for i in range(j + 1, m):
                f = L[i, j] / pivot
                L[i, j] = f
                for c in range(j + 1, n):
                    L[i, c] -= f * L[j, c]
    out = np.zeros((m, k), dtype=L.dtype)
    for i in range(m):
        for c in range(min(i, k)):
            out[perm[i], c] = L[i, c]
        if i < k:
            out[perm[i], i] = 1.0
    return out


lu_permuted_l_jit = numba.njit(cache=True)(lu_permuted_l)
