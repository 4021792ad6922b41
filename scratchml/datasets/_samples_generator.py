"""Synthetic data generators.

For the same integer ``random_state``, ``make_blobs``, ``make_regression``,
``make_moons``, ``make_circles`` and ``make_swiss_roll`` draw their random
numbers in the same order as scikit-learn's and so return the very same
arrays (a test checks it). ``make_classification`` follows the same
construction (Guyon 2003) but picks its hypercube vertices in its own,
simpler way, so its values differ from scikit-learn's for the same seed.
"""

import numbers

import numpy as np

from ..utils.validation import check_random_state

__all__ = [
    "make_blobs",
    "make_circles",
    "make_classification",
    "make_moons",
    "make_regression",
    "make_swiss_roll",
]


def _check_positive_int(name, value, minimum=1):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{name}={value!r} must be an int >= {minimum}.")


def _check_non_negative(name, value):
    if value is not None and (isinstance(value, bool) or not isinstance(value, numbers.Real) or value < 0):
        raise ValueError(f"{name}={value!r} must be a non-negative number.")


def make_blobs(
    n_samples=100,
    n_features=2,
    *,
    centers=None,
    cluster_std=1.0,
    center_box=(-10.0, 10.0),
    shuffle=True,
    random_state=None,
    return_centers=False,
):
    """Isotropic Gaussian blobs for clustering.

    Parameters
    ----------
    n_samples : int or array-like of int, default=100
        Total number of points, split as evenly as possible among the centres,
        or the number of points of each centre.
    n_features : int, default=2
        Number of features (ignored when ``centers`` is an array).
    centers : int or array-like of shape (n_centers, n_features), default=None
        Number of centres (drawn uniformly in ``center_box``; 3 when None and
        ``n_samples`` is an int) or their coordinates.
    cluster_std : float or array-like of shape (n_centers,), default=1.0
        Standard deviation of each blob.
    center_box : tuple of float (min, max), default=(-10.0, 10.0)
        Box from which random centres are drawn.
    shuffle : bool, default=True
        Shuffle the samples.
    random_state : int, RandomState instance or None, default=None
    return_centers : bool, default=False
        Also return the centres.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
        Index of each point's blob.
    centers : ndarray of shape (n_centers, n_features)
        Only when ``return_centers``.

    Raises
    ------
    ValueError
        Non-positive sizes, negative ``cluster_std``, or lengths of
        ``n_samples`` / ``cluster_std`` that do not match the centres.

    Examples
    --------
    >>> X, y = make_blobs(n_samples=10, centers=2, random_state=0)
    >>> X.shape, sorted(set(y.tolist()))
    ((10, 2), [0, 1])
    """
    rng = check_random_state(random_state)
    _check_positive_int("n_features", n_features)
    if isinstance(n_samples, numbers.Integral):
        _check_positive_int("n_samples", n_samples)
        if centers is None:
            centers = 3
        if isinstance(centers, numbers.Integral):
            _check_positive_int("centers", centers)
            centers = rng.uniform(center_box[0], center_box[1], size=(centers, n_features))
        else:
            centers = np.asarray(centers, dtype=np.float64)
        n_per_center = np.full(len(centers), n_samples // len(centers))
        n_per_center[: n_samples % len(centers)] += 1  # spread the remainder
    else:
        n_per_center = np.asarray(n_samples)
        if centers is None:
            centers = rng.uniform(center_box[0], center_box[1], size=(len(n_per_center), n_features))
        centers = np.asarray(centers, dtype=np.float64)
        if len(centers) != len(n_per_center):
            raise ValueError(
                f"len(n_samples)={len(n_per_center)} does not match the number of "
                f"centers={len(centers)}."
            )
    if centers.ndim != 2:
        raise ValueError(f"centers must be 2-D (n_centers, n_features); got shape {centers.shape}.")
    if np.ndim(cluster_std) == 0:
        _check_non_negative("cluster_std", cluster_std)
        cluster_std = np.full(len(centers), float(cluster_std))
    elif len(cluster_std) != len(centers):
        raise ValueError(
            f"len(cluster_std)={len(cluster_std)} does not match the number of centers={len(centers)}."
        )
    parts_X, parts_y = [], []
    for k, (n_k, std_k) in enumerate(zip(n_per_center, cluster_std)):
        # x ~ N(center_k, std_k^2 I), drawn blob by blob as scikit-learn does
        parts_X.append(rng.normal(loc=centers[k], scale=std_k, size=(n_k, centers.shape[1])))
        parts_y.append(np.full(n_k, k, dtype=np.int64))
    X, y = np.concatenate(parts_X), np.concatenate(parts_y)
    if shuffle:
        order = rng.permutation(len(y))
        X, y = X[order], y[order]
    return (X, y, centers) if return_centers else (X, y)


def make_classification(
    n_samples=100,
    n_features=20,
    *,
    n_informative=2,
    n_redundant=2,
    n_repeated=0,
    n_classes=2,
    n_clusters_per_class=2,
    weights=None,
    flip_y=0.01,
    class_sep=1.0,
    hypercube=True,
    shift=0.0,
    scale=1.0,
    shuffle=True,
    random_state=None,
):
    """Random n-class classification problem (Guyon's MADELON construction).

    Each class is a mixture of ``n_clusters_per_class`` Gaussian clusters
    centred on vertices of a hypercube of side ``2 * class_sep`` in the
    ``n_informative``-dimensional subspace, each with a random covariance.
    Redundant features are random linear combinations of the informative ones,
    repeated features are copies, the rest is noise; ``flip_y`` of the labels
    are then reassigned at random.

    Parameters
    ----------
    n_samples : int, default=100
    n_features : int, default=20
        Total features: informative + redundant + repeated + noise.
    n_informative, n_redundant, n_repeated : int, default=2, 2, 0
    n_classes : int, default=2
    n_clusters_per_class : int, default=2
    weights : array-like of shape (n_classes,) or (n_classes - 1,), default=None
        Class proportions (the last one is inferred when one is missing).
    flip_y : float, default=0.01
        Fraction of labels reassigned at random (label noise).
    class_sep : float, default=1.0
        Half the hypercube side: larger makes the problem easier.
    hypercube : bool, default=True
        Centres on vertices (True) or on a random polytope (False).
    shift, scale : float or None, default=0.0, 1.0
        Shift then scale every feature; None draws them at random.
    shuffle : bool, default=True
        Shuffle samples and features.
    random_state : int, RandomState instance or None, default=None

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)

    Raises
    ------
    ValueError
        When the feature counts do not add up, or there are more clusters
        than hypercube vertices (``n_classes * n_clusters_per_class > 2**n_informative``).

    References
    ----------
    I. Guyon (2003), "Design of experiments for the NIPS 2003 variable
    selection benchmark".

    Examples
    --------
    >>> X, y = make_classification(n_samples=50, n_features=5, random_state=0)
    >>> X.shape, sorted(set(y.tolist()))
    ((50, 5), [0, 1])
    """
    for name, value in [("n_samples", n_samples), ("n_features", n_features),
                        ("n_classes", n_classes), ("n_clusters_per_class", n_clusters_per_class)]:
        _check_positive_int(name, value)
    for name, value in [("n_informative", n_informative), ("n_redundant", n_redundant),
                        ("n_repeated", n_repeated)]:
        _check_positive_int(name, value, minimum=0)
    if n_informative + n_redundant + n_repeated > n_features:
        raise ValueError(
            f"n_informative + n_redundant + n_repeated = "
            f"{n_informative + n_redundant + n_repeated} must be <= n_features={n_features}."
        )
    n_clusters = n_classes * n_clusters_per_class
    if n_informative < np.log2(n_clusters):
        raise ValueError(
            f"n_classes({n_classes}) * n_clusters_per_class({n_clusters_per_class}) must be "
            f"<= 2**n_informative({n_informative})={2 ** n_informative}."
        )
    _check_non_negative("flip_y", flip_y)
    rng = check_random_state(random_state)
    if weights is None:
        weights = np.full(n_classes, 1.0 / n_classes)
    else:
        weights = np.asarray(weights, dtype=np.float64)
        if len(weights) == n_classes - 1:
            weights = np.append(weights, 1.0 - weights.sum())
        if len(weights) != n_classes:
            raise ValueError(f"len(weights)={len(weights)} must be n_classes or n_classes - 1.")

    n_per_cluster = [int(n_samples * weights[k % n_classes] / n_clusters_per_class)
                     for k in range(n_clusters)]
    for i in range(n_samples - sum(n_per_cluster)):
        n_per_cluster[i % n_clusters] += 1

    # Distinct hypercube vertices: draw distinct integers and read their bits.
    vertex_ids = rng.choice(2 ** n_informative, size=n_clusters, replace=False) if n_informative < 63 \
        else rng.randint(0, 2, size=(n_clusters, n_informative))
    if np.ndim(vertex_ids) == 1:
        bits = (vertex_ids[:, None] >> np.arange(n_informative)[None, :]) & 1
    else:
        bits = vertex_ids
    centroids = (2.0 * bits - 1.0) * class_sep  # vertices of [-class_sep, class_sep]^d
    if not hypercube:
        centroids = centroids * rng.uniform(size=(n_clusters, 1)) * rng.uniform(size=(1, n_informative))

    n_random = n_features - n_informative - n_redundant - n_repeated
    X = np.zeros((n_samples, n_features))
    y = np.zeros(n_samples, dtype=np.int64)
    X[:, :n_informative] = rng.standard_normal(size=(n_samples, n_informative))
    stop = 0
    for k, centroid in enumerate(centroids):
        start, stop = stop, stop + n_per_cluster[k]
        y[start:stop] = k % n_classes
        A = 2.0 * rng.uniform(size=(n_informative, n_informative)) - 1.0  # random covariance
        X[start:stop, :n_informative] = X[start:stop, :n_informative] @ A + centroid
    if n_redundant:
        B = 2.0 * rng.uniform(size=(n_informative, n_redundant)) - 1.0
        X[:, n_informative:n_informative + n_redundant] = X[:, :n_informative] @ B
    n_used = n_informative + n_redundant
    if n_repeated:
        source = ((n_used - 1) * rng.uniform(size=n_repeated) + 0.5).astype(np.intp)
        X[:, n_used:n_used + n_repeated] = X[:, source]
    if n_random:
        X[:, n_features - n_random:] = rng.standard_normal(size=(n_samples, n_random))
    flip = rng.uniform(size=n_samples) < flip_y
    y[flip] = rng.randint(n_classes, size=int(flip.sum()))
    if shift is None:
        shift = (2.0 * rng.uniform(size=n_features) - 1.0) * class_sep
    if scale is None:
        scale = 1.0 + 100.0 * rng.uniform(size=n_features)
    X = (X + shift) * scale
    if shuffle:
        order = rng.permutation(n_samples)
        X, y = X[order], y[order]
        X = X[:, rng.permutation(n_features)]
    return X, y


def make_regression(
    n_samples=100,
    n_features=100,
    *,
    n_informative=10,
    n_targets=1,
    bias=0.0,
    noise=0.0,
    shuffle=True,
    coef=False,
    random_state=None,
):
    """Random linear regression problem :math:`y = X w + b + \\varepsilon`.

    ``X`` is standard normal; only ``n_informative`` coefficients of ``w`` are
    non-zero, drawn uniformly in [0, 100); :math:`\\varepsilon \\sim N(0, \\mathrm{noise}^2)`.

    Parameters
    ----------
    n_samples : int, default=100
    n_features : int, default=100
    n_informative : int, default=10
        Number of non-zero coefficients (capped at ``n_features``).
    n_targets : int, default=1
    bias : float, default=0.0
    noise : float, default=0.0
        Standard deviation of the Gaussian noise.
    shuffle : bool, default=True
        Shuffle samples and features.
    coef : bool, default=False
        Also return the true coefficients.
    random_state : int, RandomState instance or None, default=None

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,) or (n_samples, n_targets)
    coef : ndarray of shape (n_features,) or (n_features, n_targets)
        Only when ``coef=True``.

    Raises
    ------
    ValueError
        Non-positive sizes or negative noise.

    Examples
    --------
    >>> X, y, w = make_regression(n_samples=20, n_features=3, n_informative=2, coef=True, random_state=0)
    >>> bool(abs(X @ w - y).max() < 1e-9)
    True
    """
    _check_positive_int("n_samples", n_samples)
    _check_positive_int("n_features", n_features)
    _check_positive_int("n_targets", n_targets)
    _check_positive_int("n_informative", n_informative, minimum=0)
    _check_non_negative("noise", noise)
    n_informative = min(n_features, n_informative)
    rng = check_random_state(random_state)
    X = rng.standard_normal(size=(n_samples, n_features))
    w = np.zeros((n_features, n_targets))
    w[:n_informative] = 100.0 * rng.uniform(size=(n_informative, n_targets))
    y = X @ w + bias
    if noise > 0.0:
        y = y + rng.normal(scale=noise, size=y.shape)
    if shuffle:
        order = rng.permutation(n_samples)
        X, y = X[order], y[order]
        features = rng.permutation(n_features)
        X, w = X[:, features], w[features]
    y = np.squeeze(y)
    return (X, y, np.squeeze(w)) if coef else (X, y)


def _two_arcs(n_samples, shuffle, noise, rng, arcs):
    """Points on two parametric curves, labelled 0 and 1, then shuffled and noised."""
    if isinstance(n_samples, numbers.Integral):
        _check_positive_int("n_samples", n_samples)
        n_out, n_in = n_samples // 2, n_samples - n_samples // 2
    else:
        try:
            n_out, n_in = n_samples
        except (TypeError, ValueError):
            raise ValueError("n_samples must be an int or a pair (n_outer, n_inner).") from None
    _check_non_negative("noise", noise)
    outer, inner = arcs(n_out, n_in)
    X = np.vstack([outer, inner])
    y = np.concatenate([np.zeros(n_out, dtype=np.int64), np.ones(n_in, dtype=np.int64)])
    if shuffle:
        order = rng.permutation(len(y))
        X, y = X[order], y[order]
    if noise is not None:
        X = X + rng.normal(scale=noise, size=X.shape)
    return X, y


def make_moons(n_samples=100, *, shuffle=True, noise=None, random_state=None):
    """Two interleaving half circles: a binary problem no straight line separates.

    Parameters
    ----------
    n_samples : int or tuple of two ints, default=100
        Total points, or (points of the upper moon, points of the lower moon).
    shuffle : bool, default=True
    noise : float or None, default=None
        Standard deviation of Gaussian noise added to every coordinate.
    random_state : int, RandomState instance or None, default=None

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,)
        0 for the upper moon, 1 for the lower one.

    Raises
    ------
    ValueError
        Invalid ``n_samples`` or negative ``noise``.

    Examples
    --------
    >>> X, y = make_moons(n_samples=6, shuffle=False)
    >>> y.tolist()
    [0, 0, 0, 1, 1, 1]
    """
    rng = check_random_state(random_state)

    def arcs(n_out, n_in):
        t_out, t_in = np.linspace(0, np.pi, n_out), np.linspace(0, np.pi, n_in)
        outer = np.column_stack([np.cos(t_out), np.sin(t_out)])
        inner = np.column_stack([1 - np.cos(t_in), 1 - np.sin(t_in) - 0.5])
        return outer, inner

    return _two_arcs(n_samples, shuffle, noise, rng, arcs)


def make_circles(n_samples=100, *, shuffle=True, noise=None, random_state=None, factor=0.8):
    """A small circle inside a large one: a binary problem for non-linear models.

    Parameters
    ----------
    n_samples : int or tuple of two ints, default=100
        Total points, or (outer, inner) counts.
    shuffle : bool, default=True
    noise : float or None, default=None
        Standard deviation of Gaussian noise.
    random_state : int, RandomState instance or None, default=None
    factor : float in [0, 1), default=0.8
        Radius of the inner circle relative to the outer one.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,)
        0 for the outer circle, 1 for the inner one.

    Raises
    ------
    ValueError
        Invalid ``n_samples``, negative ``noise`` or ``factor`` outside [0, 1).

    Examples
    --------
    >>> X, y = make_circles(n_samples=8, shuffle=False, factor=0.5)
    >>> float(abs(X[y == 1]).max())
    0.5
    """
    if not (isinstance(factor, numbers.Real) and 0 <= factor < 1):
        raise ValueError(f"factor={factor!r} must be in [0, 1).")
    rng = check_random_state(random_state)

    def arcs(n_out, n_in):
        # endpoint=False: the first and last point of a circle would coincide
        t_out = np.linspace(0, 2 * np.pi, n_out, endpoint=False)
        t_in = np.linspace(0, 2 * np.pi, n_in, endpoint=False)
        outer = np.column_stack([np.cos(t_out), np.sin(t_out)])
        inner = np.column_stack([np.cos(t_in) * factor, np.sin(t_in) * factor])
        return outer, inner

    return _two_arcs(n_samples, shuffle, noise, rng, arcs)


def make_swiss_roll(n_samples=100, *, noise=0.0, random_state=None, hole=False):
    """Points on a rolled-up 2-D sheet in 3-D, for manifold learning.

    :math:`t \\sim U(1.5\\pi, 4.5\\pi)`, height :math:`h \\sim U(0, 21)`;
    the point is :math:`(t \\cos t, h, t \\sin t)`.

    Parameters
    ----------
    n_samples : int, default=100
    noise : float, default=0.0
        Standard deviation of Gaussian noise.
    random_state : int, RandomState instance or None, default=None
    hole : bool, default=False
        Leave out the central patch of the sheet.

    Returns
    -------
    X : ndarray of shape (n_samples, 3)
    t : ndarray of shape (n_samples,)
        Position along the roll (the intrinsic coordinate).

    Raises
    ------
    ValueError
        Non-positive ``n_samples`` or negative ``noise``.

    Examples
    --------
    >>> X, t = make_swiss_roll(n_samples=5, random_state=0)
    >>> X.shape
    (5, 3)
    """
    _check_positive_int("n_samples", n_samples)
    _check_non_negative("noise", noise)
    rng = check_random_state(random_state)
    if not hole:
        t = 1.5 * np.pi * (1 + 2 * rng.uniform(size=n_samples))
        h = 21 * rng.uniform(size=n_samples)
    else:
        # the 3x3 grid of patches of the sheet, without the centre one
        corners = np.array([[np.pi * (1.5 + i), j * 7] for i in range(3) for j in range(3)])
        corners = np.delete(corners, 4, axis=0)
        which = rng.choice(8, n_samples)
        offsets = rng.uniform(size=(2, n_samples)) * np.array([[np.pi], [7]])
        t, h = corners[which].T + offsets
    X = np.vstack([t * np.cos(t), h, t * np.sin(t)])  # (3, n_samples)
    X = X + noise * rng.standard_normal(size=(3, n_samples))
    return X.T, t
