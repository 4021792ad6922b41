"""Numba kernels for DBSCAN: eps-neighbourhoods by a sweep line or matrix products, and cluster expansion.

The samples are first sorted by their first coordinate ("sorted space"). The
neighbourhood graph is stored in CSR form (``indptr``, ``indices``) over sorted
positions: row ``i`` lists, in increasing order, every ``j`` with
``dist(x_i, x_j) <= eps`` (``i`` itself included, as in Ester et al. and
scikit-learn). It is built in two passes over the rows (count, then fill), so
the only memory beyond the output is O(1) per row: no N x N distance matrix
is ever formed. :func:`gemm_block` scans one block of matrix products for
candidates instead and re-tests each with the sweep's exact :func:`_within`.
"""

import numba
import numpy as np

from ..utils._numba import serial_twin

# Metric codes; the estimator maps names to these before calling a kernel.
EUCLIDEAN, MANHATTAN, CHEBYSHEV, MINKOWSKI = 0, 1, 2, 3


def _within(X, i, j, metric, p, radius):
    """True when ``dist(X[i], X[j]) <= eps``; ``radius`` is eps in the metric's "reduced" form.

    The reduced form avoids a root per pair: squared Euclidean against eps²,
    sum |d|^p against eps^p (the comparison is monotone, so equivalent). The
    sum stops as soon as it exceeds ``radius`` (every term is >= 0).
    Rows are passed by index: slicing ``X[i]`` would build a view per pair.
    """
    acc = 0.0
    for k in range(X.shape[1]):
        d = abs(X[i, k] - X[j, k])
        if metric == EUCLIDEAN:
            acc += d * d
        elif metric == MANHATTAN:
            acc += d
        elif metric == CHEBYSHEV:
            acc = max(acc, d)
        else:
            acc += d**p
        if acc > radius:
            return False
    return True  # eq. (dbscan-neighbourhood): x_j is in N_eps(x_i)


def _window(sorted_first, x0, eps):
    """Positions ``lo:hi`` in ``sorted_first`` of values within eps of ``x0``.

    Every metric here bounds each coordinate difference by the distance, so a
    neighbour of ``x`` must have its first coordinate within eps of ``x0``. The
    window is widened by a relative 1e-9 so rounding in ``x0 ± eps`` cannot
    drop a borderline neighbour; candidates are then tested exactly.
    """
    slack = eps + 1e-9 * (abs(x0) + eps)
    lo = np.searchsorted(sorted_first, x0 - slack, side="left")
    hi = np.searchsorted(sorted_first, x0 + slack, side="right")
    return lo, hi


def neighbour_counts(Xs, first, metric, p, eps, radius):
    """Number of eps-neighbours (self included) of every row of ``Xs``.

    ``Xs`` is the data sorted by its first coordinate and ``first`` that
    (contiguous) column: only the rows in the window of :func:`_window` are
    compared, and they are adjacent in memory (a sweep line; for
    low-dimensional data this cuts the N² pairs to about N times the strip
    population).
    """
    n = Xs.shape[0]
    counts = np.zeros(n, dtype=np.int64)
    for i in numba.prange(n):
        lo, hi = _window(first, first[i], eps)
        c = 0
        for t in range(lo, hi):
            if _within(Xs, i, t, metric, p, radius):
                c += 1
        counts[i] = c
    return counts


def neighbour_fill(Xs, first, metric, p, eps, radius, indptr, indices):
    """Write the eps-neighbours of row ``i`` into ``indices[indptr[i]:indptr[i + 1]]``.

    Positions are rows of ``Xs`` (sorted space), increasing within a row.
    """
    n = Xs.shape[0]
    for i in numba.prange(n):
        lo, hi = _window(first, first[i], eps)
        pos = indptr[i]
        for t in range(lo, hi):
            if _within(Xs, i, t, metric, p, radius):
                indices[pos] = t
                pos += 1


def gemm_block(XY, sq, start, bounds, X, radius):
    """Eps-neighbours of rows ``start, start + 1, ...`` from one block of products, in one pass.

    ``XY[r, j]`` is the product of centred rows ``start + r`` and ``j``,
    ``sq`` their squared norms, ``bounds[r]`` the widened squared radius of
    row ``start + r`` (see ``_gemm_graph``). A candidate is kept only if
    :func:`_within` (on the raw data ``X``: the sweep's exact test) accepts it.

    Returns
    -------
    counts : ndarray of shape (n_rows,)
    indices : ndarray of shape (counts.sum(),)
        The neighbours of each row in turn, increasing within a row; the
        buffer grows by doubling, so the block is scanned once.
    """
    n_rows, n = XY.shape
    counts = np.zeros(n_rows, dtype=np.int64)
    row = np.empty(n, dtype=np.int64)  # one row's neighbours
    out = np.empty(max(16, 4 * n_rows), dtype=np.int64)
    pos = 0
    for r in range(n_rows):
        i = start + r
        # eq. (knn-expand) on centred data against the widened bound, with
        # the row's constants hoisted: the scan is the hot loop, kept free of
        # the output's bookkeeping
        bound = bounds[r] - sq[i]
        c = 0
        for j in range(n):
            if sq[j] - 2.0 * XY[r, j] <= bound and _within(X, i, j, EUCLIDEAN, 2.0, radius):
                row[c] = j
                c += 1
        if pos + c > out.shape[0]:  # full: double (amortised O(1) per neighbour)
            grown = np.empty(max(2 * out.shape[0], pos + c), dtype=np.int64)
            grown[:pos] = out[:pos]
            out = grown
        out[pos:pos + c] = row[:c]
        pos += c
        counts[r] = c
    return counts, out[:pos].copy()


def expand_clusters(is_core, indptr, indices, visit):
    """Label density-connected components (Ester et al. 1996, ``ExpandCluster``).

    Nodes are tried as seeds in the order ``visit``; each unlabelled core node
    starts a new cluster, grown by depth-first search through core nodes.
    Border nodes (non-core, within eps of a core) take the label of the first
    cluster that reaches them and are not expanded. Unreached nodes stay -1
    (noise). With ``visit`` = the nodes of samples 0, 1, 2, ..., clusters are
    numbered in the order of their first core sample: scikit-learn's numbering.
    """
    n = is_core.shape[0]
    labels = np.full(n, -1, dtype=np.int64)
    stack = np.empty(n, dtype=np.int64)  # a node is pushed at most once
    label = 0
    for i in visit:
        if labels[i] != -1 or not is_core[i]:
            continue
        labels[i] = label
        top = 0
        stack[top] = i
        top += 1
        while top > 0:
            top -= 1
            q = stack[top]
            if not is_core[q]:
                continue
            for pos in range(indptr[q], indptr[q + 1]):
                v = indices[pos]
                if labels[v] == -1:
                    # labelled on push, so each node enters the stack once
                    labels[v] = label
                    stack[top] = v
                    top += 1
        label += 1
    return labels


# Helpers are rebound to their compiled versions so the kernels can call them.
_within = numba.njit(cache=True)(_within)
_window = numba.njit(cache=True)(_window)

# Rows are independent (each writes only its own count / its own slice of
# ``indices``), so the parallel loops give bit-identical results.
neighbour_counts_jit = numba.njit(cache=True, parallel=True)(neighbour_counts)
neighbour_fill_jit = numba.njit(cache=True, parallel=True)(neighbour_fill)
# Serial twins: waking the thread pool costs more than the whole search on
# small inputs, so the estimator uses these below a size threshold.
neighbour_counts_serial_jit = serial_twin(neighbour_counts)  # own cache entry, see utils/_numba.py
neighbour_fill_serial_jit = serial_twin(neighbour_fill)  # own cache entry, see utils/_numba.py
expand_clusters_jit = numba.njit(cache=True)(expand_clusters)
# nogil: ``_gemm_graph`` runs blocks in worker threads, each block its own output
gemm_block_jit = numba.njit(cache=True, nogil=True)(gemm_block)
