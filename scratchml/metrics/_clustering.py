"""Clustering metrics against reference labels: adjusted Rand index, normalised mutual information."""

import warnings

import numpy as np

from ..utils.multiclass import type_of_target
from ..utils.validation import check_array, check_consistent_length

__all__ = ["adjusted_rand_score", "contingency_matrix", "normalized_mutual_info_score"]


def _check_clusterings(labels_true, labels_pred):
    """Both labelings as 1-D arrays of the same length (warns on continuous values)."""
    labels_true = check_array(
        labels_true, ensure_2d=False, ensure_min_samples=0, dtype=None, input_name="labels_true"
    )
    labels_pred = check_array(
        labels_pred, ensure_2d=False, ensure_min_samples=0, dtype=None, input_name="labels_pred"
    )
    type_true, type_pred = type_of_target(labels_true), type_of_target(labels_pred)
    if "continuous" in (type_pred, type_true):
        warnings.warn(
            "Clustering metrics expects discrete values but received "
            f"{type_true} values for label, and {type_pred} values for target",
            UserWarning,
            stacklevel=3,
        )
    if labels_true.ndim != 1:
        raise ValueError(f"labels_true must be 1D: shape is {labels_true.shape!r}")
    if labels_pred.ndim != 1:
        raise ValueError(f"labels_pred must be 1D: shape is {labels_pred.shape!r}")
    check_consistent_length(labels_true, labels_pred)
    return labels_true, labels_pred


def contingency_matrix(labels_true, labels_pred):
    r"""Counts :math:`n_{ck}` of samples in true class :math:`c` and cluster :math:`k`.

    Parameters
    ----------
    labels_true, labels_pred : array-like of shape (n_samples,)

    Returns
    -------
    contingency : ndarray of shape (n_classes, n_clusters), dtype int64
        Rows and columns in sorted label order.

    Examples
    --------
    >>> contingency_matrix([0, 0, 1, 1], [1, 1, 1, 0])
    array([[0, 2],
           [1, 1]])
    """
    labels_true, labels_pred = _check_clusterings(labels_true, labels_pred)
    classes, class_idx = np.unique(labels_true, return_inverse=True)
    clusters, cluster_idx = np.unique(labels_pred, return_inverse=True)
    C = np.zeros((classes.shape[0], clusters.shape[0]), dtype=np.int64)
    np.add.at(C, (class_idx, cluster_idx), 1)
    return C


def adjusted_rand_score(labels_true, labels_pred):
    r"""Rand index adjusted for chance (Hubert & Arabie).

    Over the :math:`\binom{N}{2}` pairs of samples, let :math:`a` count pairs
    together in both labelings, :math:`d` pairs apart in both, :math:`b, c`
    the disagreements. The pair counts follow from the contingency table
    :math:`n_{ck}` with row sums :math:`a_c` and column sums :math:`b_k`
    (counted here over ordered pairs, which doubles each term and cancels):

    .. math::
       :label: ari

       \mathrm{ARI} = \frac{2 (a d - b c)}{(a + c)(c + d) + (a + b)(b + d)}

    which equals the familiar :math:`(\mathrm{RI} - E[\mathrm{RI}]) / (\max \mathrm{RI} - E[\mathrm{RI}])`.
    Identical partitions (no disagreeing pair) score 1.

    Parameters
    ----------
    labels_true, labels_pred : array-like of shape (n_samples,)

    Returns
    -------
    ari : float
        1 for identical partitions, about 0 for random ones, can be negative.

    References
    ----------
    Hubert, L. & Arabie, P. (1985). Comparing partitions. Journal of
    Classification 2, 193-218, eq. (5). doi:10.1007/BF01908075
    Steinley, D. (2004). Properties of the Hubert-Arabie adjusted Rand index.
    Psychological Methods 9(3), 386-396 (the 2x2 pair form).

    Examples
    --------
    >>> adjusted_rand_score([0, 0, 1, 1], [1, 1, 0, 0])
    1.0
    >>> round(adjusted_rand_score([0, 0, 1, 2], [0, 0, 1, 1]), 6)
    0.571429
    """
    C = contingency_matrix(labels_true, labels_pred)
    n = int(C.sum())
    row, col = C.sum(axis=1), C.sum(axis=0)
    sum_squares = int((C**2).sum())
    a = sum_squares - n  # ordered pairs together in both
    b = int((C @ col).sum()) - sum_squares  # together in pred only
    c = int((C.T @ row).sum()) - sum_squares  # together in true only
    d = n**2 - b - c - sum_squares  # apart in both
    if b == 0 and c == 0:
        return 1.0
    return 2.0 * (a * d - c * b) / ((a + c) * (c + d) + (a + b) * (b + d))  # eq. (ari)


def _entropy(counts):
    """Entropy (nats) of the distribution given by positive ``counts``."""
    if counts.size == 1:
        return 0.0
    total = counts.sum()
    return float(-np.sum((counts / total) * (np.log(counts) - np.log(total))))


def normalized_mutual_info_score(labels_true, labels_pred, *, average_method="arithmetic"):
    r"""Mutual information normalised by a mean of the two entropies.

    With :math:`p_{ck} = n_{ck}/N` and marginals :math:`p_c, p_k`:

    .. math::
       :label: nmi

       I(U, V) = \sum_{c,k} p_{ck} \log\frac{p_{ck}}{p_c\, p_k}, \qquad
       \mathrm{NMI} = \frac{I(U, V)}{\mathrm{mean}(H(U), H(V))}

    Parameters
    ----------
    labels_true, labels_pred : array-like of shape (n_samples,)
    average_method : {'arithmetic', 'geometric', 'min', 'max'}, default='arithmetic'

    Returns
    -------
    nmi : float
        In [0, 1]; 1 for a single cluster in both labelings.

    References
    ----------
    Vinh, N. X., Epps, J. & Bailey, J. (2010). Information theoretic measures
    for clusterings comparison. JMLR 11, 2837-2854, Table 2.

    Examples
    --------
    >>> normalized_mutual_info_score([0, 0, 1, 1], [1, 1, 0, 0])
    1.0
    """
    if average_method not in ("arithmetic", "geometric", "min", "max"):
        raise ValueError("'average_method' must be 'min', 'geometric', 'arithmetic', or 'max'")
    labels_true, labels_pred = _check_clusterings(labels_true, labels_pred)
    n_classes = np.unique(labels_true).shape[0]
    n_clusters = np.unique(labels_pred).shape[0]
    if n_classes == n_clusters == 1 or n_classes == n_clusters == 0:
        return 1.0
    C = contingency_matrix(labels_true, labels_pred).astype(np.float64)
    row, col = C.sum(axis=1), C.sum(axis=0)
    if row.size == 1 or col.size == 1:
        return 0.0
    nzx, nzy = np.nonzero(C)
    n_ck = C[nzx, nzy]
    total = C.sum()
    p_ck = n_ck / total
    # log(p_ck / (p_c p_k)) = log n_ck - log N - log(n_c n_k) + 2 log N, in counts to avoid underflow.
    outer = row[nzx].astype(np.int64) * col[nzy].astype(np.int64)
    log_outer = -np.log(outer) + np.log(row.sum()) + np.log(col.sum())
    mi = p_ck * (np.log(n_ck) - np.log(total)) + p_ck * log_outer  # eq. (nmi)
    mi = np.where(np.abs(mi) < np.finfo(mi.dtype).eps, 0.0, mi)
    mi = float(np.clip(mi.sum(), 0.0, None))
    if mi == 0:
        return 0.0
    h_true, h_pred = _entropy(row), _entropy(col)
    if average_method == "min":
        normalizer = min(h_true, h_pred)
    elif average_method == "geometric":
        normalizer = np.sqrt(h_true * h_pred)
    elif average_method == "arithmetic":
        normalizer = np.mean([h_true, h_pred])
    else:
        normalizer = max(h_true, h_pred)
    return float(mi / normalizer)
