r"""Thick-restart Lanczos for the largest eigenpairs of a symmetric matrix.

Notation: :math:`A` is a real symmetric :math:`n \times n` matrix, we want its
:math:`k` algebraically largest eigenpairs, the Krylov basis has
:math:`m` (``ncv``) vectors :math:`q_1, \dots, q_m`, stored as the rows of
``Q``.
"""

import warnings

import numpy as np

from ..exceptions import ConvergenceWarning
from ..utils.validation import check_random_state

__all__ = ["lanczos_eigsh"]

# Daniel, Gragg, Kaufman & Stewart (1976): a Gram-Schmidt pass that keeps more
# than 1/sqrt(2) of the norm has left w orthogonal to working precision.
_DGKS = 0.717


def _orthogonalise(Q, w):
    """Project the rows of Q out of w, twice if needed (DGKS); eq. (lanczos-three-term).

    Returns the corrected w, the coefficients removed and whether w was found
    to lie (to rounding) in the span of Q.
    """
    w_norm = np.linalg.norm(w)
    h = Q @ w
    w = w - Q.T @ h  # classical Gram-Schmidt against the whole basis
    r_norm = np.linalg.norm(w)
    for _ in range(2):
        if r_norm > _DGKS * w_norm:
            return w, h, False
        c = Q @ w  # re-orthogonalisation: rounding left w slightly in span(Q)
        w = w - Q.T @ c
        h = h + c
        w_norm, r_norm = r_norm, np.linalg.norm(w)
    # two corrections still cancelled most of w: A q_j lies in span(Q)
    return w, h, r_norm <= _DGKS * w_norm


def _random_orthogonal(Q, rng, dtype):
    """A unit vector orthogonal to the rows of Q, from uniform(-1, 1) draws (as ARPACK)."""
    r = rng.uniform(-1.0, 1.0, Q.shape[1]).astype(dtype, copy=False)
    for _ in range(3):
        r = r - Q.T @ (Q @ r)
        r = r / np.linalg.norm(r)
    return r


def _extend(A, Q, T, start, m, rng):
    """Lanczos steps j = start, ..., m-1 with full re-orthogonalisation.

    On entry ``Q[:start+1]`` are orthonormal and ``T[:start+1, :start+1]`` holds
    the projection (minus its last diagonal entry). On exit eq.
    (lanczos-relation) holds with ``Q[m]`` the unit residual direction.
    Returns :math:`\\beta_m`.
    """
    for j in range(start, m):
        w, h, in_span = _orthogonalise(Q[: j + 1], A @ Q[j])
        T[j, j] = h[j]  # alpha_j = q_j^T A q_j, eq. (lanczos-three-term)
        beta = 0.0 if in_span else np.linalg.norm(w)  # eq. (lanczos-three-term)
        if j + 1 == m:
            Q[m] = w / beta if beta > 0 else 0.0
            return beta
        if in_span:
            # invariant subspace found: continue from a fresh direction
            # orthogonal to it, uncoupled from the current block (beta_j = 0)
            Q[j + 1] = _random_orthogonal(Q[: j + 1], rng, Q.dtype)
        else:
            Q[j + 1] = w / beta
        T[j, j + 1] = T[j + 1, j] = beta
    return 0.0


def lanczos_eigsh(A, k, *, v0, tol=0.0, max_iter=None, ncv=None, random_state=None):
    r"""The k largest eigenpairs of a symmetric matrix by thick-restart Lanczos.

    A NumPy counterpart of ARPACK's symmetric driver with ``which='LA'``
    (what ``scipy.sparse.linalg.eigsh`` calls for scikit-learn): the same
    starting vector, basis size, iteration budget and stopping rule, but the
    restarts are thick restarts (Wu & Simon 2000) rather than ARPACK's
    implicit QR shifts (Lehoucq & Sorensen 1996). The two keep the same Krylov
    subspace after a restart, so both converge to the same eigenpairs.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        Symmetric matrix (only ``A @ q`` products are used); float64 or float32.
    k : int
        Number of eigenpairs, ``1 <= k < n``.
    v0 : ndarray of shape (n,)
        Starting vector (nonzero); scikit-learn draws it uniform on [-1, 1].
    tol : float, default=0
        Relative accuracy of eq. (lanczos-stop); 0 means machine epsilon.
    max_iter : int or None, default=None
        Maximum number of restarts; None means 10 n (ARPACK's default in SciPy).
    ncv : int or None, default=None
        Basis size m; None means ``min(n, max(2k + 1, 20))`` as SciPy.
    random_state : int, RandomState instance or None, default=None
        Only used to draw a new direction when the Krylov space becomes
        invariant (a rank-deficient A).

    Returns
    -------
    eigenvalues : ndarray of shape (k,)
        The k largest eigenvalues, in ascending order (as ``eigsh``).
    eigenvectors : ndarray of shape (n, k)
        Orthonormal eigenvectors, column i for ``eigenvalues[i]``.
    n_iter : int
        Number of restarts performed (1 if the first basis sufficed).

    Raises
    ------
    ValueError
        If ``k`` is not in [1, n), ``ncv`` not in (k, n], or ``v0`` is zero.

    Warns
    -----
    ConvergenceWarning
        If eq. (lanczos-stop) still fails after ``max_iter`` restarts; the
        current Ritz pairs are returned.

    Notes
    -----
    **Lanczos relation.** From :math:`q_1 = v_0 / \lVert v_0 \rVert`, each step
    orthogonalises :math:`A q_j` against the basis (Golub & Van Loan §10.1.2):

    .. math::
       :label: lanczos-three-term

       \beta_j q_{j+1} = A q_j - \alpha_j q_j - \beta_{j-1} q_{j-1},
       \qquad \alpha_j = q_j^\top A q_j ,

    so that after m steps, with :math:`T_m = Q_m^\top A Q_m` symmetric
    tridiagonal (arrowhead-plus-tridiagonal after a restart),

    .. math::
       :label: lanczos-relation

       A Q_m = Q_m T_m + \beta_m q_{m+1} e_m^\top .

    In floating point the three-term recurrence loses orthogonality as Ritz
    values converge (Paige 1976), producing spurious copies of eigenvalues;
    here every new vector is orthogonalised against the whole basis, twice
    when the first pass cancels more than :math:`1 - 1/\sqrt2` of its norm
    (Daniel et al. 1976, the test ARPACK uses). A vector that survives no
    correction means the Krylov space is invariant: a random vector
    orthogonal to it continues the basis with :math:`\beta_j = 0`.

    **Rayleigh-Ritz.** With :math:`T_m = Y \Theta Y^\top`
    (``numpy.linalg.eigh``), the Ritz pairs :math:`(\theta_i, Q_m y_i)` have
    residuals, by eq. (lanczos-relation) (Saad 2011, §6.3.3),

    .. math::
       :label: lanczos-ritz

       \lVert A Q_m y_i - \theta_i Q_m y_i \rVert = \beta_m \lvert e_m^\top y_i \rvert .

    **Stopping rule.** As ARPACK (``dsconv``), the k largest Ritz pairs have
    converged when, with :math:`\epsilon` the tolerance (machine epsilon for
    ``tol=0``) and :math:`u` the machine epsilon,

    .. math::
       :label: lanczos-stop

       \beta_m \lvert e_m^\top y_i \rvert \le \epsilon \max(u^{2/3}, \lvert \theta_i \rvert) .

    **Thick restart.** Otherwise keep the :math:`\ell = k + \lfloor (m-k)/2
    \rfloor` largest Ritz vectors and the residual direction (Wu & Simon 2000,
    eq. 2.4): with :math:`s_i = \beta_m e_m^\top y_i`,

    .. math::
       :label: lanczos-restart

       \hat Q_{\ell+1} = [Q_m y_1, \dots, Q_m y_\ell,\; q_{m+1}], \qquad
       \hat T_{\ell+1} = \begin{pmatrix} \Theta_\ell & s \\ s^\top & \alpha_{\ell+1} \end{pmatrix},

    which satisfies eq. (lanczos-relation) again, so the Lanczos steps resume
    from :math:`q_{m+1}` up to m vectors. The kept space is the Krylov space
    that ARPACK's implicit restart with the discarded Ritz values as exact
    shifts would keep (Morgan 1996; Wu & Simon 2000, §3).

    A single-vector Krylov method sees, in exact arithmetic, one direction of
    each eigenspace of v0; further copies of a repeated eigenvalue enter only
    through rounding (as with ARPACK), so ask for a few more eigenpairs than
    the multiplicity when eigenvalues may repeat.

    Cost per restart: :math:`m - \ell` products with A plus :math:`O(n m^2)`
    for re-orthogonalisation; memory :math:`O(n m)`.

    References
    ----------
    G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., Johns
    Hopkins, 2013, §10.1 (Lanczos), §10.3.1 (full re-orthogonalisation).

    Y. Saad, *Numerical Methods for Large Eigenvalue Problems*, 2nd ed., SIAM,
    2011, ch. 6 (§6.3 Lanczos, §6.3.3 residual estimate, eq. 6.18).

    K. Wu and H. Simon, "Thick-restart Lanczos method for large symmetric
    eigenvalue problems", SIAM J. Matrix Anal. Appl. 22(2), 2000, pp. 602-616,
    doi:10.1137/S0895479898334605, §2 (eqs. 2.1-2.4).

    R. B. Lehoucq and D. C. Sorensen, "Deflation techniques for an implicitly
    restarted Arnoldi iteration", SIAM J. Matrix Anal. Appl. 17(4), 1996,
    doi:10.1137/S0895479895281484 (ARPACK's restart, for comparison).

    J. W. Daniel, W. B. Gragg, L. Kaufman and G. W. Stewart,
    "Reorthogonalization and stable algorithms for updating the Gram-Schmidt
    QR factorization", Math. Comp. 30(136), 1976, pp. 772-795.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> B = rng.normal(size=(100, 100))
    >>> A = B + B.T
    >>> vals, vecs = lanczos_eigsh(A, 3, v0=rng.uniform(-1, 1, 100))[:2]
    >>> bool(np.allclose(vals, np.linalg.eigvalsh(A)[-3:]))
    True
    >>> bool(np.allclose(A @ vecs, vecs * vals))
    True
    """
    A = np.asarray(A)
    n = A.shape[0]
    if not 1 <= k < n:
        raise ValueError(f"k={k} must be >= 1 and < n={n}.")
    m = min(n, max(2 * k + 1, 20)) if ncv is None else ncv
    if not k < m <= n:
        raise ValueError(f"ncv={m} must be > k={k} and <= n={n}.")
    max_iter = 10 * n if max_iter is None else max_iter
    rng = check_random_state(random_state)
    dtype = A.dtype
    u = np.finfo(dtype).eps
    eps = u if tol == 0 else tol

    Q = np.zeros((m + 1, n), dtype=dtype)  # rows q_1 .. q_{m+1}
    T = np.zeros((m, m), dtype=dtype)  # T_m of eq. (lanczos-relation)
    v0_norm = np.linalg.norm(v0)
    if not v0_norm > 0:
        raise ValueError("v0 must be a nonzero, finite vector.")
    Q[0] = v0 / v0_norm
    start = 0
    # restart loop: start
    for n_iter in range(1, max_iter + 1):
        beta = _extend(A, Q, T, start, m, rng)  # eq. (lanczos-relation)
        theta, Y = np.linalg.eigh(T)
        theta, Y = theta[::-1], Y[:, ::-1]  # largest first
        s = beta * Y[m - 1]  # signed residual norms, eq. (lanczos-ritz)
        # eq. (lanczos-stop)
        if np.all(np.abs(s[:k]) <= eps * np.maximum(u ** (2 / 3), np.abs(theta[:k]))):
            break
        if n_iter == max_iter:
            warnings.warn(
                f"Lanczos did not converge in max_iter={max_iter} restarts; "
                "the eigenpairs returned are approximate.",
                ConvergenceWarning,
                stacklevel=2,
            )
            break
        # thick restart, eq. (lanczos-restart)
        ell = k + (m - k) // 2
        Q[:ell] = Y[:, :ell].T @ Q[:m]
        Q[ell] = Q[m]
        T[:] = 0.0
        T[np.arange(ell), np.arange(ell)] = theta[:ell]
        T[:ell, ell] = T[ell, :ell] = s[:ell]
        start = ell
    # restart loop: end
    X = Q[:m].T @ Y[:, :k]  # Ritz vectors Q_m y_i
    return theta[:k][::-1].copy(), X[:, ::-1].copy(), n_iter
