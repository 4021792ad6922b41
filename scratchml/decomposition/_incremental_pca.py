r"""Incremental PCA: principal components from mini-batches (Ross et al. 2008)."""

from numbers import Integral

import numpy as np

from ..base import TransformerMixin
from ..utils._math import svd_flip
from ..utils.validation import Interval, validate_data
from ._pca import PCA

__all__ = ["IncrementalPCA"]


def _incremental_mean_and_var(X, last_mean, last_variance, last_count):
    r"""Merge a batch into running column means and variances (eq. ipca-merge).

    Chan, Golub & LeVeque's pairwise update: the unnormalised variances add up
    plus a term for the distance between the two means, which avoids the
    catastrophic cancellation of :math:`E[x^2] - E[x]^2`.

    Returns
    -------
    mean, variance : ndarrays of shape (n_features,)
    count : int
    """
    n = X.shape[0]
    new_sum = X.sum(axis=0)
    count = last_count + n
    last_sum = last_mean * last_count
    mean = (last_sum + new_sum) / count
    centred = X - new_sum / n
    # the correction term removes the rounding error of the batch mean
    new_m2 = (centred**2).sum(axis=0) - centred.sum(axis=0) ** 2 / n
    if last_count == 0:
        return mean, new_m2 / count, count
    # eq. (ipca-merge): M2 = M2_a + M2_b + (n_a n_b / n) (mean_a - mean_b)^2
    m2 = last_variance * last_count + new_m2 + (last_count / n) / count * (last_sum * n / last_count - new_sum) ** 2
    return mean, m2 / count, count


def _gen_batches(n, batch_size, min_batch_size):
    """Slices of ``batch_size`` rows; a short tail below ``min_batch_size`` joins the last batch."""
    start = 0
    for _ in range(n // batch_size):
        end = start + batch_size
        if end + min_batch_size > n:
            continue
        yield slice(start, end)
        start = end
    if start < n:
        yield slice(start, n)


class IncrementalPCA(PCA):
    r"""PCA fitted batch by batch, in memory proportional to the batch.

    Parameters
    ----------
    n_components : int or None, default=None
        Components to keep; None keeps ``min(batch rows, n_features)``.
    whiten : bool, default=False
        Scale the projections to unit variance.
    copy : bool, default=True
        Kept for API compatibility: ``X`` is never modified.
    batch_size : int or None, default=None
        Rows per batch in ``fit``; None means ``5 * n_features``.

    Attributes
    ----------
    components_ : ndarray of shape (``n_components_``, n_features)
    explained_variance_ : ndarray of shape (``n_components_``,)
    explained_variance_ratio_ : ndarray of shape (``n_components_``,)
    singular_values_ : ndarray of shape (``n_components_``,)
    mean_ : ndarray of shape (n_features,)
    var_ : ndarray of shape (n_features,)
        Running per-feature variance (eq. ipca-merge).
    noise_variance_ : float
    n_components_ : int
    n_samples_seen_ : int
    batch_size_ : int
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        ``n_components`` > n_features, or > the rows of the first batch.

    See Also
    --------
    PCA : the one-shot version; ``transform``, ``inverse_transform``,
        ``score_samples`` and ``get_covariance`` are inherited from it.

    Notes
    -----
    Notation: after :math:`m` samples the model keeps :math:`\Sigma_k
    V_k^\top`, the mean :math:`\mu_m` and the per-feature variance. A new
    batch :math:`B` (:math:`n` rows, mean :math:`\mu_B`) is merged by one SVD
    of a :math:`(k + n + 1) \times D` matrix:

    .. math::
       :label: ipca-update

       \begin{bmatrix} \Sigma_k V_k^\top \\ B - \mathbf 1 \mu_B^\top \\
       \sqrt{m n / (m + n)}\, (\mu_m - \mu_B)^\top \end{bmatrix}
       = U' \Sigma' V'^\top ,

    the last row accounting for the shift of the mean (Ross et al. 2008,
    §3.1). The column statistics are merged by

    .. math::
       :label: ipca-merge

       M_2 = M_{2,a} + M_{2,b} + \frac{n_a n_b}{n_a + n_b} (\mu_a - \mu_b)^2 ,

    (Chan, Golub & LeVeque 1982). With one batch this is exactly PCA.

    References
    ----------
    D. A. Ross, J. Lim, R.-S. Lin and M.-H. Yang, "Incremental learning for
    robust visual tracking", IJCV 77, 2008, doi:10.1007/s11263-007-0075-7, §3.1.

    T. F. Chan, G. H. Golub and R. J. LeVeque, "Updating formulae and a
    pairwise algorithm for computing sample variances", COMPSTAT 1982.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.decomposition import IncrementalPCA
    >>> X = np.random.default_rng(0).normal(size=(100, 5))
    >>> ipca = IncrementalPCA(n_components=2, batch_size=30).fit(X)
    >>> ipca.transform(X).shape
    (100, 2)
    """

    _parameter_constraints = {
        "n_components": [Interval(Integral, 1, None, closed="left"), None],
        "whiten": ["boolean"],
        "copy": ["boolean"],
        "batch_size": [Interval(Integral, 1, None, closed="left"), None],
    }

    def __init__(self, n_components=None, *, whiten=False, copy=True, batch_size=None):
        self.n_components = n_components
        self.whiten = whiten
        self.copy = copy
        self.batch_size = batch_size

    fit_transform = TransformerMixin.fit_transform

    def fit(self, X, y=None):
        """Fit on ``X`` in batches of ``batch_size_`` rows.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : Ignored

        Returns
        -------
        self : IncrementalPCA
        """
        self._validate_params()
        X = validate_data(self, X, dtype=[np.float64, np.float32])
        self.components_ = None
        self.n_samples_seen_ = 0
        self.mean_ = 0.0
        self.var_ = 0.0
        self.batch_size_ = 5 * X.shape[1] if self.batch_size is None else self.batch_size
        for batch in _gen_batches(X.shape[0], self.batch_size_, self.n_components or 0):
            self._partial_fit(X[batch], first_pass=False)
        return self

    def partial_fit(self, X, y=None, check_input=True):
        """Merge one batch into the model (eq. ipca-update).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : Ignored
        check_input : bool, default=True
            Validate ``X``.

        Returns
        -------
        self : IncrementalPCA
        """
        first_pass = not hasattr(self, "components_")
        if first_pass:
            self._validate_params()
        if check_input:
            X = validate_data(self, X, dtype=[np.float64, np.float32], reset=first_pass)
        if first_pass:
            self.components_ = None
            self.n_samples_seen_ = 0
            self.mean_ = 0.0
            self.var_ = 0.0
        return self._partial_fit(X, first_pass)

    def _partial_fit(self, X, first_pass):
        n_samples, n_features = X.shape
        if self.n_components is None:
            self.n_components_ = (
                min(n_samples, n_features) if self.components_ is None else self.components_.shape[0]
            )
        elif self.n_components > n_features:
            raise ValueError(
                f"n_components={self.n_components} must be <= n_features={n_features} "
                "for IncrementalPCA"
            )
        elif self.n_components > n_samples and first_pass:
            raise ValueError(
                f"n_components={self.n_components} must be less or equal to the batch "
                f"number of samples {n_samples} for the first partial_fit call."
            )
        else:
            self.n_components_ = self.n_components
        if self.components_ is not None and self.components_.shape[0] != self.n_components_:
            raise ValueError(
                f"Number of components changed from {self.components_.shape[0]} to "
                f"{self.n_components_} between calls to partial_fit; set n_components."
            )

        m = self.n_samples_seen_
        mean, var, count = _incremental_mean_and_var(X, self.mean_, self.var_, m)
        if m == 0:
            stacked = X - mean
        else:
            batch_mean = X.mean(axis=0)
            # eq. (ipca-update): the old components, the centred batch, the mean shift
            # a Python float keeps float32 data in float32 (np.float64 would upcast)
            mean_correction = float(np.sqrt(m / count * n_samples)) * (self.mean_ - batch_mean)
            stacked = np.vstack((
                self.singular_values_[:, np.newaxis] * self.components_,
                X - batch_mean,
                mean_correction,
            ))
        U, S, Vt = np.linalg.svd(stacked, full_matrices=False)
        U, Vt = svd_flip(U, Vt, u_based_decision=False)
        explained_variance = S**2 / (count - 1)
        total = np.sum(var * count)
        ratio = S**2 / total if total > 0 else np.zeros_like(S)  # no variance: 0, not 0/0

        k = self.n_components_
        self.n_samples_seen_ = count
        self.components_ = Vt[:k]
        self.singular_values_ = S[:k]
        self.mean_ = mean
        self.var_ = var
        self.explained_variance_ = explained_variance[:k]
        self.explained_variance_ratio_ = ratio[:k]
        if k not in (n_samples, n_features) and explained_variance.size > k:
            self.noise_variance_ = float(explained_variance[k:].mean())
        else:
            self.noise_variance_ = 0.0
        return self
