"""RadiusNeighborsClassifier and radius_neighbors against scikit-learn.

Integer-grid data with half-integer queries and radius 1.5: every distance and
the squared radius are exact in float64, so membership in the ball is decided
identically on both sides, and the lists come in scikit-learn's order (index
order for brute force, the trees' visiting order otherwise), so even the
weighted vote sums round the same: exact equality is asserted.
"""

import numpy as np
import pytest
from sklearn import neighbors as skn

from scratchml.neighbors import (
    BallTree,
    KDTree,
    NearestNeighbors,
    RadiusNeighborsClassifier,
    RadiusNeighborsRegressor,
)


def _grid():
    rng = np.random.default_rng(0)
    X = rng.integers(0, 4, size=(150, 3)).astype(float)
    y = rng.integers(0, 3, size=150)
    Q = rng.integers(-2, 10, size=(100, 3)) / 2.0  # some far away: outliers
    return X, y, Q


def _params(metric):
    return {"metric": metric, "p": 3} if metric == "minkowski" else {"metric": metric}


@pytest.mark.parametrize("algorithm", ["brute", "kd_tree", "ball_tree"])
@pytest.mark.parametrize("weights", ["uniform", "distance"])
@pytest.mark.parametrize("metric", ["euclidean", "manhattan", "chebyshev", "minkowski"])
def test_radius_classifier_matches_sklearn(algorithm, weights, metric):
    X, y, Q = _grid()
    kw = dict(radius=1.5, weights=weights, algorithm=algorithm, outlier_label=1, **_params(metric))
    ours = RadiusNeighborsClassifier(**kw).fit(X, y)
    ref = skn.RadiusNeighborsClassifier(**kw).fit(X, y)
    np.testing.assert_array_equal(ours.predict_proba(Q), ref.predict_proba(Q))
    np.testing.assert_array_equal(ours.predict(Q), ref.predict(Q))


@pytest.mark.parametrize("algorithm", ["brute", "kd_tree", "ball_tree"])
def test_radius_neighbors_matches_sklearn(algorithm):
    X, _, Q = _grid()
    ours = NearestNeighbors(algorithm=algorithm).fit(X)
    ref = skn.NearestNeighbors(algorithm=algorithm).fit(X)
    for query in (Q, None):  # None: the training set, each point without itself
        d, i = ours.radius_neighbors(query, radius=1.5, sort_results=True)
        d_ref, i_ref = ref.radius_neighbors(query, radius=1.5, sort_results=True)
        for a, b, da, db in zip(i, i_ref, d, d_ref):
            np.testing.assert_array_equal(np.sort(a), np.sort(b))
            np.testing.assert_allclose(da, db, rtol=1e-15)


def test_radius_classifier_outliers():
    X, y, Q = _grid()
    with pytest.raises(ValueError, match="No neighbors found for test samples"):
        RadiusNeighborsClassifier(radius=1.5).fit(X, y).predict(Q)
    frequent = RadiusNeighborsClassifier(radius=1.5, outlier_label="most_frequent").fit(X, y)
    assert frequent.outlier_label_ == [np.bincount(y).argmax()]
    with pytest.warns(UserWarning, match="not in training classes"):
        other = RadiusNeighborsClassifier(radius=1.5, outlier_label=7).fit(X, y)
        pred = other.predict(Q)
    far = np.array([len(i) == 0 for i in other.radius_neighbors(Q)[1]])
    assert far.any() and (pred[far] == 7).all()
    with pytest.raises(ValueError, match="'radius' parameter"):
        RadiusNeighborsClassifier(radius=-1.0).fit(X, y)


@pytest.mark.parametrize("algorithm", ["brute", "kd_tree", "ball_tree"])
@pytest.mark.parametrize("weights", ["uniform", "distance"])
def test_radius_regressor_matches_sklearn(algorithm, weights):
    X, y, Q = _grid()
    Y = np.column_stack([y * 1.5, np.sin(y)])
    kw = dict(radius=1.5, weights=weights, algorithm=algorithm)
    for target in (Y[:, 0], Y):
        ours = RadiusNeighborsRegressor(**kw).fit(X, target)
        ref = skn.RadiusNeighborsRegressor(**kw).fit(X, target)
        with pytest.warns(UserWarning, match="no neighbors within specified radius"):
            pred = ours.predict(Q)
        with pytest.warns(UserWarning):
            pred_ref = ref.predict(Q)
        # same balls, same order, same np.mean / np.average: equal (NaN where empty)
        np.testing.assert_allclose(pred, pred_ref, rtol=1e-15)


# --- NearestNeighbors(radius=...), radius_neighbors_graph --------------------

_METRICS = [("euclidean", {}), ("manhattan", {}), ("chebyshev", {}), ("minkowski", {"p": 3})]


def _cases():
    for algorithm in ("brute", "kd_tree", "ball_tree"):
        for metric, extra in _METRICS:
            yield algorithm, metric, extra
    yield "brute", "cosine", {}


@pytest.mark.parametrize("algorithm, metric, extra", list(_cases()))
def test_nearest_neighbors_radius_neighbors_matches_sklearn_exactly(algorithm, metric, extra):
    # Grid data: every distance and the radius are exact (see module
    # docstring), and the lists come in scikit-learn's order (index order for
    # brute force, the trees' visiting order), sorted with scikit-learn's own
    # introsort on the same keys: same arrays, in the same order, ties included.
    X, _, Q = _grid()
    kw = dict(radius=1.5, algorithm=algorithm, metric=metric, **extra)
    ours = NearestNeighbors(**kw).fit(X)  # the constructor's radius is the default
    ref = skn.NearestNeighbors(**kw).fit(X)
    for query in (Q, None):
        for sort_results in (False, True):
            d, i = ours.radius_neighbors(query, sort_results=sort_results)
            d_ref, i_ref = ref.radius_neighbors(query, sort_results=sort_results)
            assert d.dtype == object and i.dtype == object and len(i) == len(i_ref)
            for a, b, da, db in zip(i, i_ref, d, d_ref):
                np.testing.assert_array_equal(a, b)
                np.testing.assert_array_equal(da, db)
        i_only = ours.radius_neighbors(query, return_distance=False)
        for a, b in zip(i_only, ref.radius_neighbors(query, return_distance=False)):
            np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("algorithm", ["brute", "kd_tree", "ball_tree"])
@pytest.mark.parametrize("metric, extra", _METRICS)
def test_nearest_neighbors_radius_neighbors_matches_sklearn_random(algorithm, metric, extra):
    # Continuous data: the same neighbour lists in the same order. Distances:
    # scikit-learn's brute Euclidean returns the square root of the expanded
    # eq. (knn-expand), off by about eps * (|x|^2 + |y|^2) ~ 1e-14 here in the
    # square, i.e. < 1e-14 / (2 d) < 1e-12 for neighbours at d > 0.01
    # (asserted), where ours recomputes sum (x - y)^2; Minkowski's p-th root
    # may differ by an ulp. Everything else is computed the same way.
    rng = np.random.default_rng(1)
    X, Q = rng.normal(size=(300, 4)), rng.normal(size=(80, 4))
    kw = dict(radius=1.2, algorithm=algorithm, metric=metric, **extra)
    ours, ref = NearestNeighbors(**kw).fit(X), skn.NearestNeighbors(**kw).fit(X)
    for query in (Q, None):
        d, i = ours.radius_neighbors(query, sort_results=True)
        d_ref, i_ref = ref.radius_neighbors(query, sort_results=True)
        assert min(x.min() for x in d if len(x)) > 0.01
        for a, b, da, db in zip(i, i_ref, d, d_ref):
            np.testing.assert_array_equal(a, b)
            np.testing.assert_allclose(da, db, rtol=1e-14, atol=1e-12)


@pytest.mark.parametrize("algorithm, metric, extra", list(_cases()))
def test_radius_neighbors_graph_matches_sklearn(algorithm, metric, extra):
    # Dense array (no SciPy in scratchml) equal to scikit-learn's sparse
    # graph .toarray(); grid data, so exact (see above).
    X, _, Q = _grid()
    kw = dict(radius=1.5, algorithm=algorithm, metric=metric, **extra)
    ours, ref = NearestNeighbors(**kw).fit(X), skn.NearestNeighbors(**kw).fit(X)
    for query in (Q, None):
        for mode in ("connectivity", "distance"):
            A = ours.radius_neighbors_graph(query, mode=mode)
            assert isinstance(A, np.ndarray) and A.shape == (len(Q) if query is not None
                                                              else len(X), len(X))
            np.testing.assert_array_equal(A, ref.radius_neighbors_graph(query, mode=mode).toarray())
    # another radius, given at query time, and the estimators sharing the code
    np.testing.assert_array_equal(
        ours.radius_neighbors_graph(Q, radius=0.9, sort_results=True),
        ref.radius_neighbors_graph(Q, radius=0.9).toarray(),
    )
    clf = RadiusNeighborsClassifier(**kw).fit(X, _grid()[1])
    np.testing.assert_array_equal(
        clf.radius_neighbors_graph(Q), ref.radius_neighbors_graph(Q).toarray()
    )


def test_radius_neighbors_bad_arguments():
    X, _, Q = _grid()
    nn = NearestNeighbors().fit(X)
    with pytest.raises(ValueError, match="return_distance must be True if sort_results"):
        nn.radius_neighbors(Q, return_distance=False, sort_results=True)
    with pytest.raises(ValueError, match="mode='foo' is not valid"):
        nn.radius_neighbors_graph(Q, mode="foo")
    with pytest.raises(ValueError, match="'radius' parameter"):
        NearestNeighbors(radius=-0.5).fit(X)
    assert NearestNeighbors().radius == skn.NearestNeighbors().radius == 1.0
    from scratchml.neighbors import KNeighborsClassifier

    knn = KNeighborsClassifier().fit(X, _grid()[1])
    with pytest.raises(ValueError, match="has no default radius"):
        knn.radius_neighbors(Q)
    np.testing.assert_array_equal(knn.radius_neighbors_graph(Q, radius=1.5),
                                  nn.radius_neighbors_graph(Q, radius=1.5))


@pytest.mark.parametrize("tree", [KDTree, BallTree])
def test_radius_query_plain_equals_jit_and_gold(tree):
    # Gold: the thresholded distance matrix. Three queries with ~100
    # neighbours each overflow the initial buffer (16 entries), so the
    # doubling is exercised too.
    from scratchml.neighbors import _kd_tree_kernels as kk

    rng = np.random.default_rng(3)
    X, Q = rng.normal(size=(200, 2)), rng.normal(size=(3, 2))
    t = tree(X, leaf_size=5)
    args = (t.data, t.idx_array, t.node_range, t.is_leaf, t.node_bounds, t._centroids,
            t._radius, Q, 1.0, t._code, t._p, t._ball)
    jit, plain = kk.radius_query_jit(*args), kk.radius_query(*args)
    for a, b in zip(jit, plain):
        np.testing.assert_array_equal(a, b)
    offsets, ind, rd = jit
    D2 = ((Q[:, None, :] - X[None, :, :]) ** 2).sum(-1)
    assert offsets[-1] > 16
    for q in range(len(Q)):
        seg = slice(offsets[q], offsets[q + 1])
        np.testing.assert_array_equal(np.sort(ind[seg]), np.flatnonzero(D2[q] <= 1.0))
        np.testing.assert_allclose(rd[seg], D2[q, ind[seg]], rtol=1e-15)
