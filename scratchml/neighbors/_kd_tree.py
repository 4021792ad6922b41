r"""``KDTree``: an array-based k-d tree (Bentley 1975) with a pruned depth-first query.

Notes
-----
Notation: :math:`N` training points in :math:`D` dimensions, leaf size
:math:`L`, :math:`k` neighbours.

The tree is complete, with

.. math::
   :label: knn-levels

   n_\text{levels} = 1 + \left\lfloor \log_2 \max\!\left(1, \tfrac{N - 1}{L}\right) \right\rfloor,
   \qquad n_\text{nodes} = 2^{n_\text{levels}} - 1,

so each leaf holds between :math:`L` and :math:`2L` points. A query keeps the
:math:`k` best reduced distances in a max-heap and skips a node when the
distance from the query to the node's bounding box,

.. math::
   :label: knn-bound

   \underline{d}(x, B)^p = \sum_{d=1}^{D} \max(0,\; l_d - x_d,\; x_d - u_d)^p,

exceeds the current :math:`k`-th best (for Chebyshev, the maximum replaces the
sum). Children are visited nearer first, so the heap fills with good
candidates early and most of the tree is pruned in low dimension.

References
----------
J. L. Bentley, "Multidimensional binary search trees used for associative
searching", Communications of the ACM 18(9), 1975, doi:10.1145/361002.361007.
J. H. Friedman, J. L. Bentley, R. A. Finkel, "An algorithm for finding best
matches in logarithmic expected time", ACM TOMS 3(3), 1977,
doi:10.1145/355744.355745.
"""

import numpy as np

from ..utils.validation import check_array
from ._brute_kernels import CHEBYSHEV, EUCLIDEAN, MANHATTAN, MINKOWSKI
from ._kd_tree_kernels import ball_bounds_jit, build_jit, query_jit, query_serial, radius_query_jit

__all__ = ["BallTree", "KDTree"]

#: Metrics the KD-tree can prune with (eq. knn-bound needs a coordinate-wise metric).
KD_TREE_METRICS = ("euclidean", "manhattan", "chebyshev", "minkowski")


def metric_code(metric, p):
    """Map a metric name and Minkowski power to ``(code, power)`` for the kernels."""
    if metric == "minkowski":
        if p == 1:
            return MANHATTAN, 1.0
        if p == 2:
            return EUCLIDEAN, 2.0
        if np.isinf(p):
            return CHEBYSHEV, np.inf
        return MINKOWSKI, float(p)
    return {
        "euclidean": (EUCLIDEAN, 2.0),
        "manhattan": (MANHATTAN, 1.0),
        "chebyshev": (CHEBYSHEV, np.inf),
    }[metric]


def reduced_to_distance(rdist, code, p):
    """Undo the monotone reduction: square root for Euclidean, p-th root for Minkowski."""
    if code == EUCLIDEAN:
        return np.sqrt(rdist)
    if code == MINKOWSKI:
        return rdist ** (1.0 / p)
    return rdist


class KDTree:
    """KD-tree for fast k-nearest-neighbour queries in low dimension.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Training points; copied as float64.
    leaf_size : int, default=40
        Nodes with at most this many points are not split further (leaves hold
        ``leaf_size`` to ``2 * leaf_size`` points, eq. knn-levels).
    metric : {'euclidean', 'manhattan', 'chebyshev', 'minkowski'}, default='minkowski'
    p : float, default=2
        Power of the Minkowski metric, ``p >= 1``.

    Attributes
    ----------
    data : ndarray of shape (n_samples, n_features)
    idx_array : ndarray of shape (n_samples,)
        Training indices ordered so that each node's points are contiguous.
    node_range : ndarray of shape (n_nodes, 2)
    is_leaf : ndarray of shape (n_nodes,)
    node_bounds : ndarray of shape (2, n_nodes, n_features)

    Raises
    ------
    ValueError
        For a metric other than the four above, ``p < 1`` or ``leaf_size < 1``.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.neighbors import KDTree
    >>> X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0], [5.0, 5.0]])
    >>> dist, ind = KDTree(X, leaf_size=1).query([[0.1, 0.1]], k=2)
    >>> ind
    array([[0, 1]])
    >>> np.round(dist, 3)
    array([[0.141, 0.906]])
    """

    def __init__(self, X, leaf_size=40, metric="minkowski", p=2):
        if metric not in KD_TREE_METRICS:
            raise ValueError(
                f"metric={metric!r} is not valid for {type(self).__name__}; use one of "
                f"{KD_TREE_METRICS}."
            )
        if not (isinstance(p, (int, float, np.number)) and p >= 1):
            raise ValueError(
                f"p={p!r} must be >= 1 for {type(self).__name__} (a metric is needed to prune)."
            )
        if int(leaf_size) != leaf_size or leaf_size < 1:
            raise ValueError(f"leaf_size={leaf_size!r} must be an int >= 1.")
        self.data = check_array(X, dtype=np.float64, order="C", copy=True)
        self.leaf_size = int(leaf_size)
        self._code, self._p = metric_code(metric, p)
        self.idx_array, self.node_range, self.is_leaf, self.node_bounds = build_jit(
            self.data, self.leaf_size
        )
        self._centroids, self._radius = np.zeros((1, 1)), np.zeros(1)

    _ball = False

    def query(self, X, k=1, return_distance=True):
        """Find the ``k`` nearest training points of each row of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)
        k : int, default=1
        return_distance : bool, default=True

        Returns
        -------
        dist : ndarray of shape (n_queries, k)
            Distances, ascending; only if ``return_distance``.
        ind : ndarray of shape (n_queries, k)
            Training indices. Ties are resolved as scikit-learn's ``KDTree``
            resolves them (same tree, same visiting order, same heap).

        Raises
        ------
        ValueError
            If ``k`` is not in ``[1, n_samples]`` or ``X`` has the wrong width.
        """
        X = np.ascontiguousarray(check_array(X, dtype=np.float64))
        n = self.data.shape[0]
        if X.shape[1] != self.data.shape[1]:
            raise ValueError(
                f"X has {X.shape[1]} features, but the tree was built on {self.data.shape[1]}."
            )
        if not 1 <= k <= n:
            raise ValueError(f"k={k} must be >= 1 and <= n_samples={n}.")
        kernel = query_jit if X.shape[0] >= 1000 else query_serial
        rdist, ind = kernel(
            self.data, self.idx_array, self.node_range, self.is_leaf, self.node_bounds,
            self._centroids, self._radius, X, int(k), self._code, self._p, self._ball,
        )
        if not return_distance:
            return ind
        return reduced_to_distance(rdist, self._code, self._p), ind

    def query_radius(self, X, r):
        """Training points within distance ``r`` of each row of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)
        r : float
            Radius (points at distance exactly ``r`` are included).

        Returns
        -------
        dist : ndarray of shape (n_queries,), dtype=object
            Arrays of distances.
        ind : ndarray of shape (n_queries,), dtype=object
            Arrays of training indices in the tree's depth-first visiting
            order (scikit-learn's order, so weighted votes sum alike).
        """
        offsets, ind, rd = self._radius_csr(X, r)
        n_queries = offsets.shape[0] - 1
        out_ind = np.empty(n_queries, dtype=object)
        out_dist = np.empty(n_queries, dtype=object)
        for q in range(n_queries):
            seg = slice(offsets[q], offsets[q + 1])
            out_ind[q] = ind[seg]
            out_dist[q] = reduced_to_distance(rd[seg], self._code, self._p)
        return out_dist, out_ind

    def _radius_csr(self, X, r):
        """:meth:`query_radius` as one CSR graph, without per-query arrays.

        Returns ``offsets`` of shape (n_queries + 1,), and ``ind`` and the
        *reduced* distances ``rd`` of shape (offsets[-1],): query q's
        neighbours are ``ind[offsets[q]:offsets[q + 1]]``, in visiting order.
        """
        X = np.ascontiguousarray(check_array(X, dtype=np.float64))
        if self._code == EUCLIDEAN:
            r_red = r * r
        elif self._code == MINKOWSKI:
            r_red = r**self._p
        else:
            r_red = float(r)
        return radius_query_jit(
            self.data, self.idx_array, self.node_range, self.is_leaf, self.node_bounds,
            self._centroids, self._radius, X, r_red, self._code, self._p, self._ball,
        )


class BallTree(KDTree):
    r"""Ball tree: the KD-tree's nodes bounded by balls instead of boxes.

    Each node keeps the centroid :math:`c` of its points and the radius
    :math:`r` of the smallest ball around :math:`c` containing them, and a
    query prunes with

    .. math::
       :label: knn-ball

       \underline{d}(x, B) = \max(0,\; d(x, c) - r),

    valid for any metric (triangle inequality). Balls adapt to the data's
    shape better than axis-aligned boxes in moderate dimension. The nodes
    (splits) are the KD-tree's, as in scikit-learn's ``BinaryTree``, so
    neighbours and ties match scikit-learn's ``BallTree``.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    leaf_size : int, default=40
    metric : {'euclidean', 'manhattan', 'chebyshev', 'minkowski'}, default='minkowski'
    p : float, default=2

    Attributes
    ----------
    centroids : ndarray of shape (n_nodes, n_features)
    radius : ndarray of shape (n_nodes,)

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.neighbors import BallTree
    >>> X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0], [5.0, 5.0]])
    >>> BallTree(X, leaf_size=1).query([[0.1, 0.1]], k=2, return_distance=False)
    array([[0, 1]])
    """

    _ball = True

    def __init__(self, X, leaf_size=40, metric="minkowski", p=2):
        super().__init__(X, leaf_size=leaf_size, metric=metric, p=p)
        self._centroids, self._radius = ball_bounds_jit(
            self.data, self.idx_array, self.node_range, self._code, self._p
        )
        self.centroids, self.radius = self._centroids, self._radius
