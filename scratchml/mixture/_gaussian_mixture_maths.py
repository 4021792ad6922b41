r"""The maths of a Gaussian mixture: M-step statistics, Cholesky precisions, log-densities.

Equation labels refer to :class:`scratchml.mixture.GaussianMixture`.
"""

import numpy as np

__all__ = []

_ILL_DEFINED = (
    "Fitting the mixture model failed because some components have ill-defined "
    "empirical covariance (for instance caused by singleton or collapsed samples). "
    "Try to decrease the number of components, increase reg_covar, or scale the "
    "input data."
)


def _precision_cholesky(covariances, covariance_type):
    r"""Upper-triangular :math:`U` with :math:`\Sigma^{-1} = U U^\top`.

    With :math:`\Sigma = L L^\top` (Cholesky), :math:`U = L^{-\top}`. Working
    with :math:`U` instead of :math:`\Sigma^{-1}` avoids forming an explicit
    inverse: the Mahalanobis term is :math:`\lVert (x - \mu)^\top U \rVert^2`.
    """
    if covariance_type in ("diag", "spherical"):
        if np.any(covariances <= 0.0):
            raise ValueError(_ILL_DEFINED)
        return 1.0 / np.sqrt(covariances)
    stack = covariances[None] if covariance_type == "tied" else covariances
    out = np.empty_like(stack)
    eye = np.eye(stack.shape[-1])
    for k, cov in enumerate(stack):
        try:
            L = np.linalg.cholesky(cov)
        except np.linalg.LinAlgError:
            raise ValueError(_ILL_DEFINED) from None
        # L^{-1} is lower triangular; tril drops the rounding noise of the
        # pivoted general solve above the diagonal.
        out[k] = np.tril(np.linalg.solve(L, eye)).T
    return out[0] if covariance_type == "tied" else out


def _precision_cholesky_from_precisions(precisions, covariance_type):
    """Upper-triangular :math:`U` with :math:`U U^T` = the given precision.

    Cholesky gives lower factors; reversing rows and columns (the exchange
    matrix :math:`J`) turns :math:`J \\Lambda J = L L^T` into
    :math:`\\Lambda = (J L J)(J L J)^T` with :math:`J L J` upper triangular.
    """
    if covariance_type in ("diag", "spherical"):
        return np.sqrt(precisions)
    stack = precisions[None] if covariance_type == "tied" else precisions
    out = np.array([np.linalg.cholesky(p[::-1, ::-1])[::-1, ::-1] for p in stack])
    return out[0] if covariance_type == "tied" else out


def _estimate_parameters(X, resp, reg_covar, covariance_type):
    r"""M-step statistics: :math:`N_k`, :math:`\mu_k` and the covariances.

    ``resp`` is :math:`\gamma(z_{nk})`, shape (N, K). ``10 * eps`` keeps an
    empty component from dividing by zero (its mean would be NaN).
    """
    n_k = resp.sum(axis=0) + 10 * np.finfo(resp.dtype).eps  # eq. (gmm-nk)
    means = (resp.T @ X) / n_k[:, None]  # eq. (gmm-mean)
    n_features = X.shape[1]
    if covariance_type == "full":
        cov = np.empty((len(n_k), n_features, n_features))
        for k in range(len(n_k)):
            diff = X - means[k]
            cov[k] = (resp[:, k] * diff.T) @ diff / n_k[k]  # eq. (gmm-cov)
            cov[k].flat[:: n_features + 1] += reg_covar
    elif covariance_type == "tied":
        # Sum over k of eq. (gmm-cov) with shared Sigma, using
        # sum_k sum_n g_nk (x-mu_k)(x-mu_k)^T = X^T X - sum_k N_k mu_k mu_k^T.
        cov = (X.T @ X - (n_k * means.T) @ means) / n_k.sum()
        cov.flat[:: n_features + 1] += reg_covar
    else:
        # Diagonal of eq. (gmm-cov): E[x^2] - mu^2 per feature.
        cov = (resp.T @ (X * X)) / n_k[:, None] - means**2 + reg_covar
        if covariance_type == "spherical":
            cov = cov.mean(axis=1)
    return n_k, means, cov


def _log_gaussian_prob(X, means, prec_chol, covariance_type):
    r""":math:`\ln \mathcal{N}(x_n \mid \mu_k, \Sigma_k)`, shape (N, K), eq. (gmm-density)."""
    n_samples, n_features = X.shape
    n_components = means.shape[0]
    if covariance_type in ("full", "tied"):
        U = prec_chol if covariance_type == "full" else np.broadcast_to(
            prec_chol, (n_components, n_features, n_features)
        )
        # log|Sigma^{-1}|^{1/2} = sum log diag(U)
        log_det = np.log(np.diagonal(U, axis1=1, axis2=2)).sum(axis=1)
        maha = np.empty((n_samples, n_components))
        for k in range(n_components):
            y = X @ U[k] - means[k] @ U[k]
            maha[:, k] = np.sum(y * y, axis=1)
    elif covariance_type == "diag":
        log_det = np.log(prec_chol).sum(axis=1)
        prec = prec_chol**2
        maha = (means**2 * prec).sum(axis=1) - 2.0 * X @ (means * prec).T + (X**2) @ prec.T
    else:
        log_det = n_features * np.log(prec_chol)
        prec = prec_chol**2
        maha = (
            (means**2).sum(axis=1) * prec
            - 2.0 * (X @ means.T) * prec
            + np.outer((X**2).sum(axis=1), prec)
        )
    return -0.5 * (n_features * np.log(2 * np.pi) + maha) + log_det  # eq. (gmm-density)
