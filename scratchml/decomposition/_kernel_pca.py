r"""Kernel PCA: principal components in a kernel's feature space (Schölkopf et al. 1998)."""

from numbers import Integral, Real

import numpy as np

from ..base import BaseEstimator, TransformerMixin
from ..exceptions import NotFittedError
from ..utils._math import svd_flip
from ..utils.validation import (
    Interval,
    StrOptions,
    check_is_fitted,
    check_random_state,
    validate_data,
)
from ._lanczos import lanczos_eigsh
from ._randomized_svd import randomized_svd

__all__ = ["KernelPCA"]


# --- kernels -----------------------------------------------------------------
def _squared_distances(X, Y, same):
    """||x - y||^2 by the expansion ||x||^2 - 2 x.y + ||y||^2, clipped at 0."""
    xx = np.einsum("ij,ij->i", X, X)[:, np.newaxis]
    yy = np.einsum("ij,ij->i", Y, Y)[np.newaxis, :]
    d2 = xx - 2.0 * (X @ Y.T) + yy
    np.maximum(d2, 0.0, out=d2)  # rounding can make the expansion slightly negative
    if same:
        np.fill_diagonal(d2, 0.0)
    return d2


def _row_normalise(X):
    """Rows divided by their Euclidean norm; all-zero rows stay zero."""
    norms = np.sqrt(np.einsum("ij,ij->i", X, X))
    norms[norms == 0.0] = 1.0
    return X / norms[:, np.newaxis]


def _kernel(X, Y, kernel, gamma, degree, coef0):
    """Gram matrix k(x_i, y_j) of eq. (kpca-kernels), shape (len(X), len(Y))."""
    if kernel == "precomputed":
        return X.copy()
    same = Y is None
    Y = X if same else Y
    if kernel == "linear":
        return X @ Y.T
    if kernel == "poly":
        return (gamma * (X @ Y.T) + coef0) ** degree
    if kernel == "sigmoid":
        return np.tanh(gamma * (X @ Y.T) + coef0)
    if kernel == "rbf":
        return np.exp(-gamma * _squared_distances(X, Y, same))
    Xn = _row_normalise(X)  # 'cosine'
    return Xn @ (Xn if same else _row_normalise(Y)).T


def _clean_eigenvalues(lambdas):
    """Check the spectrum is that of a PSD matrix; zero rounding negatives and tiny values.

    The thresholds are scikit-learn's (``_check_psd_eigenvalues``): a negative
    eigenvalue below -1e-5 λ_max (and below -1e-10) means the kernel is not
    PSD; smaller negatives and positives under 1e-12 λ_max are rounding noise.
    """
    double = lambdas.dtype == np.float64
    lambdas = lambdas.copy()
    max_eig = lambdas.max()
    if max_eig < 0:
        raise ValueError(
            f"All eigenvalues are negative (maximum is {max_eig:g}). Either the kernel "
            "matrix is not PSD, or there was an issue while computing its eigendecomposition."
        )
    min_eig = lambdas.min()
    if min_eig < -(1e-5 if double else 5e-3) * max_eig and min_eig < -(1e-10 if double else 1e-6):
        raise ValueError(
            f"There are significant negative eigenvalues ({-min_eig / max_eig:g} of the "
            "maximum positive). Either the kernel matrix is not PSD, or there was an issue "
            "while computing its eigendecomposition."
        )
    lambdas[lambdas < 0] = 0
    lambdas[(lambdas > 0) & (lambdas < (1e-12 if double else 2e-7) * max_eig)] = 0
    return lambdas


def _randomized_eigsh(M, n_components, n_iter, random_state):
    """Top eigenpairs by modulus of symmetric M from a randomized SVD, eq. (kpca-rsvd).

    scikit-learn's ``_randomized_eigsh(selection='module')``: 10 oversamples,
    no sign flip of the SVD (only the products u_k v_k^T matter here).
    """
    U, s, Vt = randomized_svd(
        M, n_components, n_oversamples=10, n_iter=n_iter, flip_sign=False,
        random_state=random_state,
    )
    # for symmetric M, u_k = sign(lambda_k) v_k, so v_k^T u_k = sign(lambda_k)
    signs = np.sign(np.einsum("ji,ij->j", Vt, U))  # eq. (kpca-rsvd)
    return s * signs, U


class KernelPCA(TransformerMixin, BaseEstimator):
    r"""Kernel principal component analysis.

    PCA of the data mapped by a feature map :math:`\phi` that is known only
    through a kernel :math:`k(x, y) = \langle \phi(x), \phi(y) \rangle`:
    an eigendecomposition of the N × N centred Gram matrix.

    Parameters
    ----------
    n_components : int or None, default=None
        Components to keep, at most n_samples. None keeps every component
        with a positive eigenvalue.
    kernel : {'linear', 'poly', 'rbf', 'sigmoid', 'cosine', 'precomputed'}, default='linear'
        The kernel of eq. (kpca-kernels). With 'precomputed', ``X`` in
        ``fit`` is the square Gram matrix of shape (n_samples, n_samples) and in
        ``transform`` the kernel between new and training samples, of shape
        (n_queries, n_samples).
    gamma : float or None, default=None
        γ of the rbf, poly and sigmoid kernels; None means 1 / n_features.
    degree : float, default=3
        d of the poly kernel.
    coef0 : float, default=1
        c of the poly and sigmoid kernels.
    alpha : float, default=1.0
        Ridge penalty of the pre-image regression, eq. (kpca-preimage).
    fit_inverse_transform : bool, default=False
        Learn the pre-image map so that ``inverse_transform`` is available.
    eigen_solver : {'auto', 'dense', 'arpack', 'randomized'}, default='auto'
        How eq. (kpca-eig) is solved for the k = ``n_components`` largest
        eigenpairs. 'dense': ``numpy.linalg.eigh`` of the whole matrix.
        'arpack': thick-restart Lanczos (:func:`~scratchml.decomposition._lanczos.lanczos_eigsh`),
        a NumPy Lanczos written for scratchml that mirrors ARPACK's start
        vector, basis size and stopping rule but is not ARPACK itself; with
        k = n_samples it falls back to 'dense' (as SciPy's ``eigsh``).
        'randomized': randomized SVD of the centred kernel, eq. (kpca-rsvd).
        'auto': 'arpack' if n_samples > 200 and k < 10, else 'dense'
        (scikit-learn's rule).
    tol : float, default=0
        Relative accuracy of the 'arpack' solver, eq. (lanczos-stop); 0 means
        machine precision.
    max_iter : int or None, default=None
        Maximum number of Lanczos restarts for 'arpack'; None means 10
        n_samples. If exceeded, a ``ConvergenceWarning`` is issued and the
        approximate eigenpairs are kept (scikit-learn's ARPACK raises
        ``ArpackNoConvergence``).
    iterated_power : int >= 0 or 'auto', default='auto'
        Power iterations of the 'randomized' solver; 'auto' is 7 if
        k < 0.1 n_samples, else 4 (as scikit-learn).
    remove_zero_eig : bool, default=False
        Drop components with a zero eigenvalue (always done when
        ``n_components`` is None), so ``transform`` may return fewer columns.
    random_state : int, RandomState instance or None, default=None
        Seeds the 'arpack' start vector (uniform on [-1, 1]) and the Gaussian
        test matrix of 'randomized', drawn as scikit-learn draws them, so an
        integer seed gives the same starting point on both sides. Unused by
        'dense'.
    copy_X : bool, default=True
        If False, ``X_fit_`` references the training array instead of a copy.

    Attributes
    ----------
    eigenvalues_ : ndarray of shape (n_components,)
        Eigenvalues λ_k of the centred kernel matrix, decreasing, eq. (kpca-eig).
    eigenvectors_ : ndarray of shape (n_samples, n_components)
        Unit eigenvectors a_k of the centred kernel matrix; in each the entry
        of largest magnitude is positive (``svd_flip``).
    dual_coef_ : ndarray of shape (n_samples, n_features)
        B of eq. (kpca-preimage); only with ``fit_inverse_transform=True``.
    X_transformed_fit_ : ndarray of shape (n_samples, n_components)
        Projections of the training data, eq. (kpca-train); only with
        ``fit_inverse_transform=True``.
    X_fit_ : ndarray of shape (n_samples, n_features)
        The training data (or Gram matrix), needed by ``transform``.
    gamma_ : float
        The γ used: ``gamma``, or 1 / n_features when ``gamma`` is None.
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        ``n_components`` > n_samples; a non-square precomputed kernel;
        ``fit_inverse_transform``
        with a precomputed kernel; a kernel matrix with significantly
        negative eigenvalues.

    See Also
    --------
    PCA : the linear special case, which also keeps the mean in ``inverse_transform``.

    Notes
    -----
    Notation: N = n_samples, D = n_features, :math:`K_{ij} = k(x_i, x_j)`,
    :math:`\mathbf 1_N` the N × N matrix with all entries 1/N. The kernels are

    .. math::
       :label: kpca-kernels

       k_\text{lin} = x^\top y,\quad
       k_\text{poly} = (\gamma x^\top y + c)^d,\quad
       k_\text{rbf} = e^{-\gamma \lVert x - y \rVert^2},\quad
       k_\text{sig} = \tanh(\gamma x^\top y + c),\quad
       k_\text{cos} = \frac{x^\top y}{\lVert x \rVert \lVert y \rVert}.

    PCA needs centred features :math:`\tilde\phi(x) = \phi(x) - \frac1N
    \sum_i \phi(x_i)`, whose Gram matrix is (Schölkopf et al. 1998, eq. 49)

    .. math::
       :label: kpca-centre

       \tilde K = K - \mathbf 1_N K - K \mathbf 1_N + \mathbf 1_N K \mathbf 1_N .

    The covariance eigenproblem in feature space reduces to (ibid., eq. 14)

    .. math::
       :label: kpca-eig

       \tilde K a_k = \lambda_k a_k, \qquad \lVert a_k \rVert = 1 ,

    and the k-th component, normalised to unit length in feature space, is
    :math:`v_k = \sum_i a_{ik} \tilde\phi(x_i) / \sqrt{\lambda_k}`. A new
    point projects to (ibid., eq. 18)

    .. math::
       :label: kpca-project

       z_k(x) = \frac{1}{\sqrt{\lambda_k}} \sum_i a_{ik} \tilde k(x, x_i),

    with the test kernel centred by the training means,
    :math:`\tilde k(x, x_i) = k(x, x_i) - \bar k(x) - \bar k_i + \bar{\bar k}`.
    On the training set this is simply

    .. math::
       :label: kpca-train

       z_k(x_i) = \sqrt{\lambda_k}\, a_{ik} .

    Only the k = ``n_components`` largest eigenpairs of eq. (kpca-eig) are
    needed. 'dense' computes all N of them (:math:`O(N^3)`). 'arpack' runs
    the thick-restart Lanczos iteration of
    :func:`~scratchml.decomposition._lanczos.lanczos_eigsh` (its eqs.
    lanczos-relation to lanczos-restart), :math:`O(N^2)` per matrix-vector
    product: this is scratchml's own Lanczos, not the ARPACK library
    scikit-learn calls, but it starts from the same vector
    (uniform on [-1, 1] from ``random_state``) and stops on ARPACK's
    criterion, so at convergence both return the same eigenpairs.
    'randomized' takes a randomized SVD (Halko et al. 2011, Algs. 4.4 and
    5.1) of the symmetric :math:`\tilde K`, whose singular values are
    :math:`\lvert\lambda_k\rvert` with :math:`u_k = \operatorname{sign}(\lambda_k)
    v_k`, and recovers the signs as scikit-learn's
    ``_randomized_eigsh(selection='module')``:

    .. math::
       :label: kpca-rsvd

       \tilde K \approx U \Sigma V^\top, \qquad
       \lambda_k = \sigma_k \operatorname{sign}(v_k^\top u_k), \qquad a_k = u_k .

    It selects the k eigenvalues largest in modulus, which for a PSD kernel
    are the k largest. All three solvers then share the clean-up of tiny or
    rounding-negative eigenvalues, the sign rule and the ordering.

    The pre-image map is learned by kernel ridge regression from the
    projections Z back to X (Bakır et al. 2004, §2), with the same kernel
    applied to the projections:

    .. math::
       :label: kpca-preimage

       B = (K_Z + \alpha I)^{-1} X, \qquad \hat x(z) = \sum_i k(z, z_i) B_i .

    As in scikit-learn, the reconstruction does not restore the feature-space
    mean (for the linear kernel it misses the data mean).

    References
    ----------
    B. Schölkopf, A. Smola and K.-R. Müller, "Nonlinear component analysis as
    a kernel eigenvalue problem", Neural Computation 10(5), 1998,
    doi:10.1162/089976698300017467, eqs. (14), (18), appendix A eq. (49).

    G. H. Bakır, J. Weston and B. Schölkopf, "Learning to find pre-images",
    NIPS 16, 2004, pp. 449-456, §2.

    N. Halko, P.-G. Martinsson and J. A. Tropp, "Finding structure with
    randomness", SIAM Review 53(2), 2011, doi:10.1137/090771806, Algs. 4.4
    and 5.1 ('randomized').

    K. Wu and H. Simon, "Thick-restart Lanczos method for large symmetric
    eigenvalue problems", SIAM J. Matrix Anal. Appl. 22(2), 2000,
    doi:10.1137/S0895479898334605, §2 ('arpack').

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.decomposition import KernelPCA
    >>> X = np.random.default_rng(0).normal(size=(50, 4))
    >>> kpca = KernelPCA(n_components=2, kernel="rbf", gamma=0.5)
    >>> kpca.fit_transform(X).shape
    (50, 2)
    >>> bool(np.all(np.diff(kpca.eigenvalues_) <= 0))
    True
    """

    _parameter_constraints = {
        "n_components": [Interval(Integral, 1, None, closed="left"), None],
        "kernel": [StrOptions({"linear", "poly", "rbf", "sigmoid", "cosine", "precomputed"})],
        "gamma": [Interval(Real, 0, None, closed="left"), None],
        "degree": [Interval(Real, 0, None, closed="left")],
        "coef0": [Interval(Real, None, None, closed="neither")],
        "alpha": [Interval(Real, 0, None, closed="left")],
        "fit_inverse_transform": ["boolean"],
        "eigen_solver": [StrOptions({"auto", "dense", "arpack", "randomized"})],
        "tol": [Interval(Real, 0, None, closed="left")],
        "max_iter": [Interval(Integral, 1, None, closed="left"), None],
        "iterated_power": [Interval(Integral, 0, None, closed="left"), StrOptions({"auto"})],
        "remove_zero_eig": ["boolean"],
        "random_state": ["random_state"],
        "copy_X": ["boolean"],
    }

    def __init__(
        self,
        n_components=None,
        *,
        kernel="linear",
        gamma=None,
        degree=3,
        coef0=1,
        alpha=1.0,
        fit_inverse_transform=False,
        eigen_solver="auto",
        tol=0,
        max_iter=None,
        iterated_power="auto",
        remove_zero_eig=False,
        random_state=None,
        copy_X=True,
    ):
        self.n_components = n_components
        self.kernel = kernel
        self.gamma = gamma
        self.degree = degree
        self.coef0 = coef0
        self.alpha = alpha
        self.fit_inverse_transform = fit_inverse_transform
        self.eigen_solver = eigen_solver
        self.tol = tol
        self.max_iter = max_iter
        self.iterated_power = iterated_power
        self.remove_zero_eig = remove_zero_eig
        self.random_state = random_state
        self.copy_X = copy_X

    def _get_kernel(self, X, Y=None):
        return _kernel(X, Y, self.kernel, self.gamma_, self.degree, self.coef0)

    def _center_fit(self, K):
        """Store the training means of K and return K̃, eq. (kpca-centre)."""
        self._K_fit_rows = K.mean(axis=0)  # \bar k_i
        self._K_fit_all = self._K_fit_rows.mean()  # \bar{\bar k}
        return self._center(K)

    def _center(self, K):
        """Centre a (n_queries, N) kernel with the training means, eq. (kpca-centre)."""
        k_rows = K.mean(axis=1)[:, np.newaxis]  # \bar k(x)
        return K - self._K_fit_rows - k_rows + self._K_fit_all  # eq. (kpca-centre)

    def fit(self, X, y=None):
        """Fit the kernel principal components of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data, or the (n_samples, n_samples) Gram matrix when
            ``kernel='precomputed'``.
        y : None
            Ignored.

        Returns
        -------
        self : KernelPCA
        """
        self._validate_params()
        if self.fit_inverse_transform and self.kernel == "precomputed":
            raise ValueError("Cannot fit_inverse_transform with a precomputed kernel.")
        X = validate_data(self, X, dtype=[np.float64, np.float32], copy=self.copy_X)
        n_samples = X.shape[0]
        if self.kernel == "precomputed" and X.shape[1] != n_samples:
            raise ValueError(
                f"A precomputed kernel must be square, got X of shape {X.shape}."
            )
        if self.n_components is not None and self.n_components > n_samples:
            raise ValueError(
                f"n_components={self.n_components} must be <= n_samples={n_samples}."
            )
        self.gamma_ = 1.0 / X.shape[1] if self.gamma is None else self.gamma

        K_tilde = self._center_fit(self._get_kernel(X))  # eq. (kpca-centre)
        k = n_samples if self.n_components is None else self.n_components
        lambdas, A = self._eigh(K_tilde, k)  # eq. (kpca-eig)
        lambdas = _clean_eigenvalues(lambdas)
        A, _ = svd_flip(A, np.zeros((k, 0), dtype=A.dtype))
        order = np.argsort(lambdas)[::-1]
        lambdas, A = lambdas[order], A[:, order]
        if self.remove_zero_eig or self.n_components is None:
            keep = lambdas > 0
            lambdas, A = lambdas[keep], A[:, keep]
        self.eigenvalues_, self.eigenvectors_ = lambdas, A

        if self.fit_inverse_transform:
            self._fit_inverse_transform(self.eigenvectors_ * np.sqrt(self.eigenvalues_), X)
        self.X_fit_ = X
        return self

    def _eigh(self, K_tilde, k):
        """k leading eigenpairs of the centred kernel by ``eigen_solver``, eq. (kpca-eig)."""
        n_samples = K_tilde.shape[0]
        solver = self.eigen_solver
        if solver == "auto":
            solver = "arpack" if n_samples > 200 and k < 10 else "dense"
        if solver == "arpack" and k < n_samples:
            # v0 drawn before anything else from the seed, as scikit-learn
            rng = check_random_state(self.random_state)
            v0 = rng.uniform(-1.0, 1.0, n_samples)
            lambdas, A, _ = lanczos_eigsh(
                K_tilde, k, v0=v0, tol=self.tol, max_iter=self.max_iter, random_state=rng
            )
            return lambdas, A
        if solver == "randomized":
            return _randomized_eigsh(
                K_tilde, k, self.iterated_power, check_random_state(self.random_state)
            )
        lambdas, A = np.linalg.eigh(K_tilde)  # ascending order
        return lambdas[n_samples - k:], A[:, n_samples - k:]

    def _fit_inverse_transform(self, Z, X):
        """Kernel ridge regression from the projections Z to X, eq. (kpca-preimage)."""
        K_Z = self._get_kernel(Z)
        K_Z.flat[:: K_Z.shape[0] + 1] += self.alpha
        self.dual_coef_ = np.linalg.solve(K_Z, X)  # eq. (kpca-preimage)
        self.X_transformed_fit_ = Z

    def fit_transform(self, X, y=None):
        """Fit to ``X`` and return its projections, eq. (kpca-train).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : None
            Ignored.

        Returns
        -------
        Z : ndarray of shape (n_samples, n_components)
        """
        self.fit(X)
        return self.eigenvectors_ * np.sqrt(self.eigenvalues_)  # eq. (kpca-train)

    def transform(self, X):
        """Project ``X`` on the kernel principal components, eq. (kpca-project).

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)
            With ``kernel='precomputed'``: the kernel between ``X`` and the
            training samples, shape (n_queries, n_samples).

        Returns
        -------
        Z : ndarray of shape (n_queries, n_components)
            Components with a zero eigenvalue project to 0.
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=[np.float64, np.float32])
        K_tilde = self._center(self._get_kernel(X, self.X_fit_))  # eq. (kpca-centre)
        nonzero = self.eigenvalues_ > 0
        scaled = np.zeros_like(self.eigenvectors_)
        scaled[:, nonzero] = self.eigenvectors_[:, nonzero] / np.sqrt(self.eigenvalues_[nonzero])
        return K_tilde @ scaled  # eq. (kpca-project)

    def inverse_transform(self, X):
        """Map projections back to input space by the learned pre-image, eq. (kpca-preimage).

        Parameters
        ----------
        X : array-like of shape (n_queries, n_components)

        Returns
        -------
        X_original : ndarray of shape (n_queries, n_features)

        Raises
        ------
        NotFittedError
            If ``fit_inverse_transform`` was False.
        """
        if not self.fit_inverse_transform:
            raise NotFittedError(
                "The fit_inverse_transform parameter was not set to True when "
                "instantiating and hence the inverse transform is not available."
            )
        check_is_fitted(self)
        Z = np.asarray(X, dtype=self.X_transformed_fit_.dtype)
        return self._get_kernel(Z, self.X_transformed_fit_) @ self.dual_coef_  # eq. (kpca-preimage)

    def _extra_tags(self):
        return {"preserves_dtype": ["float64", "float32"], "pairwise": self.kernel == "precomputed"}
