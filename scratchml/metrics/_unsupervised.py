"""Label-free quality measures: silhouette coefficient and trustworthiness."""

import numbers

import numpy as np

from ..utils.validation import check_array, check_random_state, check_X_y
from ._unsupervised_kernels import cluster_distance_sums_jit, pairwise_euclidean_jit

__all__ = ["silhouette_samples", "silhouette_score", "trustworthiness"]


def _check_metric(metric):
    if metric not in ("euclidean", "precomputed"):
        raise ValueError(f"metric={metric!r} is not supported; use 'euclidean' or 'precomputed'.")


def silhouette_samples(X, labels, *, metric="euclidean"):
    r"""Silhouette coefficient of each sample.

    Notation: :math:`N` samples in :math:`K` clusters, :math:`C_i` the cluster
    of sample :math:`i`, :math:`d` the Euclidean distance.

    .. math::
       :label: silhouette

       a_i = \frac{1}{|C_i| - 1} \sum_{j \in C_i} d(x_i, x_j), \qquad
       b_i = \min_{C \ne C_i} \frac{1}{|C|} \sum_{j \in C} d(x_i, x_j), \qquad
       s_i = \frac{b_i - a_i}{\max(a_i, b_i)}

    A sample alone in its cluster gets :math:`s_i = 0`.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features), or (n_samples, n_samples) if precomputed
    labels : array-like of shape (n_samples,)
        Cluster labels; between 2 and n_samples - 1 distinct values.
    metric : {'euclidean', 'precomputed'}, default='euclidean'

    Returns
    -------
    silhouette : ndarray of shape (n_samples,)
        In [-1, 1].

    Raises
    ------
    ValueError
        Fewer than 2 or more than n_samples - 1 labels; a precomputed matrix
        with a non-zero diagonal.

    References
    ----------
    Rousseeuw, P. J. (1987). Silhouettes: a graphical aid to the interpretation
    and validation of cluster analysis. J. Comput. Appl. Math. 20, 53-65,
    §2. doi:10.1016/0377-0427(87)90125-7

    Examples
    --------
    >>> X = [[0.0], [1.0], [10.0], [11.0]]
    >>> silhouette_samples(X, [0, 0, 1, 1]).round(4)
    array([0.9048, 0.8947, 0.8947, 0.9048])
    """
    _check_metric(metric)
    X, labels = check_X_y(X, labels, dtype=np.float64)
    if metric == "precomputed" and np.any(np.abs(np.diag(X)) > np.finfo(X.dtype).eps * 100):
        raise ValueError(
            "The precomputed distance matrix contains non-zero elements on the diagonal. "
            "Use np.fill_diagonal(X, 0)."
        )
    classes, labels = np.unique(labels, return_inverse=True)
    n_samples, n_clusters = labels.shape[0], classes.shape[0]
    if not 1 < n_clusters < n_samples:
        raise ValueError(
            f"Number of labels is {n_clusters}. Valid values are 2 to n_samples - 1 (inclusive)"
        )
    labels = labels.astype(np.int64)
    counts = np.bincount(labels, minlength=n_clusters)
    if metric == "precomputed":
        sums = X @ (labels[:, None] == np.arange(n_clusters)[None, :]).astype(np.float64)
    else:
        sums = cluster_distance_sums_jit(np.ascontiguousarray(X), labels, n_clusters)
    rows = np.arange(n_samples)
    intra = sums[rows, labels]
    mean_to = sums / counts  # mean distance to every cluster
    mean_to[rows, labels] = np.inf
    b = mean_to.min(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        a = intra / (counts[labels] - 1)  # singleton clusters: 0/0 = NaN, set to 0 below
        s = (b - a) / np.maximum(a, b)  # eq. (silhouette)
    return np.nan_to_num(s)


def silhouette_score(X, labels, *, metric="euclidean", sample_size=None, random_state=None):
    r"""Mean silhouette coefficient :math:`\frac{1}{N}\sum_i s_i` (eq. :eq:`silhouette`).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features), or (n_samples, n_samples) if precomputed
    labels : array-like of shape (n_samples,)
    metric : {'euclidean', 'precomputed'}, default='euclidean'
    sample_size : int, default=None
        Score a random subset of this size (drawn as scikit-learn does,
        ``RandomState(random_state).permutation(n)[:sample_size]``).
    random_state : int, RandomState or None, default=None

    Returns
    -------
    score : float

    Examples
    --------
    >>> round(silhouette_score([[0.0], [1.0], [10.0], [11.0]], [0, 0, 1, 1]), 4)
    0.8997
    """
    if sample_size is not None:
        X, labels = check_X_y(X, labels, dtype=np.float64)
        indices = check_random_state(random_state).permutation(X.shape[0])[:sample_size]
        if metric == "precomputed":
            X = X[indices][:, indices]
        else:
            X = X[indices]
        labels = labels[indices]
    return float(np.mean(silhouette_samples(X, labels, metric=metric)))


def trustworthiness(X, X_embedded, *, n_neighbors=5, metric="euclidean"):
    r"""How well an embedding keeps local neighbourhoods: penalises intruders.

    Let :math:`U_k(i)` be the :math:`k` nearest neighbours of sample :math:`i`
    in the embedding that are not among its :math:`k` nearest in the input
    space, and :math:`r(i, j)` the rank of :math:`j` among the input-space
    neighbours of :math:`i` (1 = nearest):

    .. math::
       :label: trustworthiness

       T(k) = 1 - \frac{2}{N k (2N - 3k - 1)} \sum_{i=1}^{N} \sum_{j \in U_k(i)} (r(i, j) - k)

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features), or (n_samples, n_samples) if precomputed
    X_embedded : array-like of shape (n_samples, n_components)
    n_neighbors : int, default=5
        Must be less than n_samples / 2.
    metric : {'euclidean', 'precomputed'}, default='euclidean'
        For ``X`` only; the embedding always uses Euclidean distances.

    Returns
    -------
    trustworthiness : float
        In [0, 1].

    Raises
    ------
    ValueError
        ``n_neighbors >= n_samples / 2``.

    References
    ----------
    Venna, J. & Kaski, S. (2001). Neighborhood preservation in nonlinear
    projection methods: an experimental study. ICANN 2001, LNCS 2130,
    485-491, eq. (1). doi:10.1007/3-540-44668-0_68

    Examples
    --------
    >>> import numpy as np
    >>> X = np.arange(24.0).reshape(12, 2) ** 1.5
    >>> trustworthiness(X, X[:, :1], n_neighbors=3)
    1.0
    """
    _check_metric(metric)
    X = check_array(X, dtype=np.float64)
    X_embedded = check_array(X_embedded, dtype=np.float64, input_name="X_embedded")
    n_samples = X.shape[0]
    if not isinstance(n_neighbors, numbers.Integral) or n_neighbors < 1:
        raise ValueError(f"n_neighbors={n_neighbors!r} must be a positive integer.")
    if n_neighbors >= n_samples / 2:
        raise ValueError(
            f"n_neighbors ({n_neighbors}) should be less than n_samples / 2 ({n_samples / 2})"
        )
    dist_X = X.copy() if metric == "precomputed" else pairwise_euclidean_jit(np.ascontiguousarray(X))
    np.fill_diagonal(dist_X, np.inf)  # a sample is not its own neighbour
    ind_X = np.argsort(dist_X, axis=1, kind="stable")
    dist_E = pairwise_euclidean_jit(np.ascontiguousarray(X_embedded))
    np.fill_diagonal(dist_E, np.inf)
    ind_E = np.argsort(dist_E, axis=1, kind="stable")[:, :n_neighbors]
    # rank[i, j] = position (1-based) of j among the input-space neighbours of i.
    rank = np.zeros((n_samples, n_samples), dtype=np.int64)
    rows = np.arange(n_samples)[:, None]
    rank[rows, ind_X] = np.arange(1, n_samples + 1)
    excess = rank[rows, ind_E] - n_neighbors
    t = np.sum(excess[excess > 0])
    scale = 2.0 / (n_samples * n_neighbors * (2.0 * n_samples - 3.0 * n_neighbors - 1.0))
    return float(1.0 - t * scale)  # eq. (trustworthiness)
