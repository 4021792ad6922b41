r"""Randomized truncated SVD (Halko, Martinsson & Tropp 2011).

Notation: :math:`A` is :math:`m \times n`, we want its top :math:`k` singular
triplets, sample :math:`\ell = k + p` random directions (:math:`p` the
oversampling) and run :math:`q` power iterations.
"""

import numpy as np

from ..utils._math import svd_flip
from ..utils.validation import check_random_state
from ._randomized_svd_kernels import lu_permuted_l_jit

__all__ = ["randomized_range_finder", "randomized_svd"]


def _normalize(Y, method):
    if method == "QR":
        return np.linalg.qr(Y)[0]
    if method == "LU":
        # P L spans the range of Y (U is invertible for full column rank) and
        # is well conditioned, at half the cost of a QR factorisation.
        return lu_permuted_l_jit(np.ascontiguousarray(Y))
    return Y


def randomized_range_finder(A, *, size, n_iter, power_iteration_normalizer="auto", random_state=None):
    r"""Orthonormal basis Q whose range approximates the range of A (Halko et al., Alg. 4.4).

    Parameters
    ----------
    A : ndarray of shape (m, n)
    size : int
        Number of columns :math:`\ell` of Q.
    n_iter : int
        Number of power iterations :math:`q`.
    power_iteration_normalizer : {'auto', 'QR', 'LU', 'none'}, default='auto'
        How to re-normalise between power iterations ('auto': 'none' if
        ``n_iter <= 2`` else 'LU', as scikit-learn).
    random_state : int, RandomState instance or None

    Returns
    -------
    Q : ndarray of shape (m, size), orthonormal columns

    Notes
    -----
    With a Gaussian test matrix :math:`\Omega \in \mathbb{R}^{n \times \ell}`,

    .. math::
       :label: halko-range

       Y = (A A^\top)^q A \Omega, \qquad Q R = Y.

    The power iterations raise the singular values to the power
    :math:`2q + 1`, so the basis captures the top-:math:`k` subspace much
    better when the spectrum decays slowly. Normalising after each product
    (LU or QR) keeps the columns from collapsing onto the top singular vector
    in floating point.
    """
    rng = check_random_state(random_state)
    # Same draw as scikit-learn for the same seed (n x size standard normals).
    Q = rng.normal(size=(A.shape[1], size)).astype(A.dtype, copy=False)
    if power_iteration_normalizer == "auto":
        power_iteration_normalizer = "none" if n_iter <= 2 else "LU"
    # eq. (halko-range)
    for _ in range(n_iter):
        Q = _normalize(A @ Q, power_iteration_normalizer)
        Q = _normalize(A.T @ Q, power_iteration_normalizer)
    Q, _ = np.linalg.qr(A @ Q)
    # end eq. (halko-range)
    return Q


def randomized_svd(
    M,
    n_components,
    *,
    n_oversamples=10,
    n_iter="auto",
    power_iteration_normalizer="auto",
    transpose="auto",
    flip_sign=True,
    random_state=None,
):
    r"""Truncated SVD by random projection (Halko et al. 2011, Algorithms 4.4 and 5.1).

    Parameters
    ----------
    M : ndarray of shape (m, n)
    n_components : int
        Number of singular triplets k.
    n_oversamples : int, default=10
        Extra random directions p; the sketch has k + p columns.
    n_iter : int or 'auto', default='auto'
        Power iterations; 'auto' is 7 if k < 0.1 min(m, n), else 4.
    power_iteration_normalizer : {'auto', 'QR', 'LU', 'none'}, default='auto'
    transpose : bool or 'auto', default='auto'
        Work on :math:`M^\top` (cheaper when m < n); 'auto' does so when m < n.
    flip_sign : bool, default=True
        Apply :func:`scratchml.utils._math.svd_flip` (u-based).
    random_state : int, RandomState instance or None

    Returns
    -------
    U : ndarray of shape (m, k)
    s : ndarray of shape (k,)
    Vt : ndarray of shape (k, n)

    Notes
    -----
    Given the basis Q of eq. (halko-range), the small matrix

    .. math::
       :label: halko-svd

       B = Q^\top M = \hat U \Sigma V^\top, \qquad U = Q \hat U

    gives the approximate SVD :math:`M \approx U \Sigma V^\top` at the cost of
    an SVD of an :math:`\ell \times n` matrix.

    References
    ----------
    N. Halko, P.-G. Martinsson and J. A. Tropp, "Finding structure with
    randomness: probabilistic algorithms for constructing approximate matrix
    decompositions", SIAM Review 53(2), 2011, doi:10.1137/090771806,
    Algorithms 4.3, 4.4 and 5.1.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> M = rng.normal(size=(50, 3)) @ rng.normal(size=(3, 40))
    >>> U, s, Vt = randomized_svd(M, 3, random_state=0)
    >>> bool(np.allclose(U * s @ Vt, M))
    True
    """
    random_state = check_random_state(random_state)
    n_random = n_components + n_oversamples
    m, n = M.shape
    if n_iter == "auto":
        n_iter = 7 if n_components < 0.1 * min(m, n) else 4
    if transpose == "auto":
        transpose = m < n
    if transpose:
        M = M.T
    Q = randomized_range_finder(
        M, size=n_random, n_iter=n_iter,
        power_iteration_normalizer=power_iteration_normalizer, random_state=random_state,
    )
    B = Q.T @ M  # eq. (halko-svd)
    U_hat, s, Vt = np.linalg.svd(B, full_matrices=False)
    U = Q @ U_hat
    if flip_sign:
        U, Vt = svd_flip(U, Vt, u_based_decision=not transpose)
    if transpose:
        return Vt[:n_components].T, s[:n_components], U[:, :n_components].T
    return U[:, :n_components], s[:n_components], Vt[:n_components]
