"""k-NN: oracle tests against scikit-learn (indices, distances, ties), kernels, bad input.

Tie data: points on a small integer grid with many duplicates. All arithmetic
on small integers (and half-integers) is exact in float64, so scikit-learn and
scratchml compute *identical* distances and any disagreement in indices is a
disagreement in tie-breaking, not in rounding.

scikit-learn's brute force resolves exact ties by the order in which its
threads push candidates (split by queries, or by blocks of training points
with per-thread heaps merged after); scratchml reproduces both orders, so the
tests compare with scikit-learn's default calls, with few and many queries.
"""

import numpy as np
import pytest
from sklearn import datasets
from sklearn import neighbors as skn
from sklearn.preprocessing import StandardScaler
from sklearn.utils._sorting import _py_simultaneous_sort

from scratchml.neighbors import (
    BallTree,
    KDTree,
    KNeighborsClassifier,
    KNeighborsRegressor,
    NearestNeighbors,
)
from scratchml.neighbors import _brute_kernels as bk
from scratchml.neighbors import _heap_kernels as hk
from scratchml.neighbors import _kd_tree_kernels as kk
from scratchml.neighbors._base import _sklearn_n_threads

METRICS = ["euclidean", "manhattan", "chebyshev", "minkowski"]


def _grid(n_train=120, n_query=200, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 4, size=(n_train, 3)).astype(float)
    X[-10:] = X[0]  # a point with 11 copies
    Q = rng.integers(0, 9, size=(n_query, 3)) / 2.0 - 0.5
    y = rng.integers(0, 3, size=n_train)
    return X, Q, y


def _sk_params(metric):
    return {"metric": metric, "p": 3} if metric == "minkowski" else {"metric": metric}


@pytest.mark.parametrize("algorithm", ["brute", "kd_tree", "ball_tree"])
@pytest.mark.parametrize("metric", METRICS)
def test_nearest_neighbors_matches_sklearn_with_ties(algorithm, metric):
    X, Q, _ = _grid()
    params = dict(n_neighbors=7, algorithm=algorithm, leaf_size=4, **_sk_params(metric))
    ours = NearestNeighbors(**params).fit(X)
    ref = skn.NearestNeighbors(**params).fit(X)
    d, i = ours.kneighbors(Q)
    d_ref, i_ref = ref.kneighbors(Q)
    np.testing.assert_array_equal(i, i_ref)  # exact: same candidates, same ties
    # Integer data: both sides compute the same reduced distances exactly; the
    # final root (sqrt / cube root) is the same libm call.
    np.testing.assert_allclose(d, d_ref, rtol=1e-14, atol=0)


def test_nearest_neighbors_cosine_matches_sklearn():
    X, Q, _ = _grid()
    ours = NearestNeighbors(n_neighbors=5, metric="cosine").fit(X + 1)
    ref = skn.NearestNeighbors(n_neighbors=5, metric="cosine").fit(X + 1)
    d, i = ours.kneighbors(Q + 1)
    d_ref, i_ref = ref.kneighbors(Q + 1)
    np.testing.assert_array_equal(i, i_ref)
    # same normalise-then-multiply sequence of NumPy calls: equal to rounding
    np.testing.assert_allclose(d, d_ref, rtol=0, atol=1e-15)


@pytest.mark.parametrize("algorithm", ["brute", "kd_tree", "ball_tree"])
@pytest.mark.parametrize("metric", METRICS)
def test_kneighbors_on_training_set_drops_self_like_sklearn(metric, algorithm):
    X, _, _ = _grid()  # a point with 11 copies > k + 1: self may be missing
    params = dict(n_neighbors=4, algorithm=algorithm, leaf_size=3, **_sk_params(metric))
    ours = NearestNeighbors(**params).fit(X)
    ref = skn.NearestNeighbors(**params).fit(X)
    np.testing.assert_array_equal(ours.kneighbors()[1], ref.kneighbors()[1])


@pytest.mark.parametrize("n_query", [1, 5, 699])
def test_brute_few_queries_many_blocks_matches_sklearn(n_query):
    # 700 training points = 3 blocks of 256 over scikit-learn's threads: with
    # few queries it merges per-thread heaps, which changes the tie order
    rng = np.random.default_rng(3)
    X = rng.integers(0, 3, size=(700, 2)).astype(float)
    Q = rng.integers(0, 5, size=(n_query, 2)) / 2.0 - 0.5
    ours = NearestNeighbors(n_neighbors=9, algorithm="brute").fit(X)
    ref = skn.NearestNeighbors(n_neighbors=9, algorithm="brute").fit(X)
    np.testing.assert_array_equal(ours.kneighbors(Q)[1], ref.kneighbors(Q)[1])


def test_thread_count_is_sklearns():
    from sklearn.utils._openmp_helpers import _openmp_effective_n_threads

    assert _sklearn_n_threads() == _openmp_effective_n_threads()


def test_balltree_bounds_match_sklearn():
    rng = np.random.default_rng(2)
    X = rng.integers(0, 5, size=(300, 3)).astype(float)
    for metric, p in (("euclidean", 2), ("minkowski", 3)):
        ours = BallTree(X, leaf_size=4, metric=metric, p=p)
        ref = skn.BallTree(X, leaf_size=4, metric=metric, **({"p": p} if p != 2 else {}))
        _, idx_ref, node_ref, bounds_ref = ref.get_arrays()
        np.testing.assert_array_equal(ours.idx_array, idx_ref)
        np.testing.assert_allclose(ours.centroids, bounds_ref[0], rtol=1e-15)
        np.testing.assert_allclose(ours.radius, node_ref["radius"], rtol=1e-14)


def test_kdtree_layout_matches_sklearn():
    rng = np.random.default_rng(1)
    X = rng.integers(0, 5, size=(700, 2)).astype(float)  # heavy ties in the split coordinate
    ours = KDTree(X, leaf_size=5)
    idx_ref, node_ref = skn.KDTree(X, leaf_size=5).get_arrays()[1:3]
    np.testing.assert_array_equal(ours.idx_array, idx_ref)
    np.testing.assert_array_equal(ours.is_leaf, node_ref["is_leaf"].astype(bool))
    np.testing.assert_array_equal(ours.node_range[:, 0], node_ref["idx_start"])


@pytest.mark.parametrize("weights", ["uniform", "distance", lambda d: np.exp(-d)])
@pytest.mark.parametrize("algorithm", ["brute", "kd_tree", "ball_tree"])
def test_classifier_matches_sklearn_with_vote_ties(weights, algorithm):
    X, Q, y = _grid()
    Q = np.vstack([Q, X[:20]])  # queries at distance 0 exercise the 1/0 rule
    params = dict(n_neighbors=4, weights=weights, algorithm=algorithm)
    ours = KNeighborsClassifier(**params).fit(X, y)
    ref = skn.KNeighborsClassifier(**params).fit(X, y)
    # votes are sums of the same weights in the same order: exact
    np.testing.assert_array_equal(ours.predict(Q), ref.predict(Q))
    np.testing.assert_allclose(ours.predict_proba(Q), ref.predict_proba(Q), rtol=1e-15)


@pytest.mark.parametrize("weights", ["uniform", "distance"])
def test_regressor_matches_sklearn(weights):
    X, Q, y = _grid()
    Y = np.column_stack([y * 1.5, np.sin(y)])
    for target in (Y[:, 0], Y):
        ours = KNeighborsRegressor(n_neighbors=5, weights=weights).fit(X, target)
        ref = skn.KNeighborsRegressor(n_neighbors=5, weights=weights).fit(X, target)
        # same neighbours, same NumPy reductions: equal up to rounding
        np.testing.assert_allclose(ours.predict(Q), ref.predict(Q), rtol=1e-14)


@pytest.mark.parametrize("loader", [datasets.load_iris, datasets.load_wine,
                                    datasets.load_breast_cancer])
@pytest.mark.parametrize("algorithm", ["brute", "kd_tree"])
def test_classifier_matches_sklearn_on_real_data(loader, algorithm):
    X, y = loader(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    # more queries than training points: scikit-learn's sequential tie order
    # (iris has exact duplicate rows)
    X_train, X_test, y_train = X[::2], X, y[::2]
    ours = KNeighborsClassifier(n_neighbors=5, algorithm=algorithm).fit(X_train, y_train)
    ref = skn.KNeighborsClassifier(n_neighbors=5, algorithm=algorithm).fit(X_train, y_train)
    np.testing.assert_array_equal(ours.kneighbors(X_test)[1], ref.kneighbors(X_test)[1])
    np.testing.assert_array_equal(ours.predict(X_test), ref.predict(X_test))
    # scikit-learn's brute distances come from the expansion, with absolute
    # error ~ sqrt(eps * ||x||^2) ~ 1e-7 at distance 0 (a test point that is
    # a training point); ours are recomputed directly and are exactly 0 there.
    d, d_ref = ours.kneighbors(X_test)[0], ref.kneighbors(X_test)[0]
    np.testing.assert_allclose(d, d_ref, rtol=1e-10, atol=1e-6)
    np.testing.assert_array_equal(d[::2, 0], 0.0)


@pytest.mark.parametrize("mode", ["connectivity", "distance"])
def test_kneighbors_graph_matches_sklearn(mode):
    X, Q, _ = _grid(n_train=40, n_query=60)
    X[-10:] += 0.25  # no zero distances: a dense 0 would be ambiguous
    ours = NearestNeighbors(n_neighbors=3).fit(X)
    ref = skn.NearestNeighbors(n_neighbors=3).fit(X)
    np.testing.assert_allclose(ours.kneighbors_graph(Q, mode=mode),
                               ref.kneighbors_graph(Q, mode=mode).toarray(), rtol=1e-14)


def test_brute_is_independent_of_working_memory():
    rng = np.random.default_rng(0)
    X, Q = rng.normal(size=(300, 6)), rng.normal(size=(50, 6))
    big = NearestNeighbors(n_neighbors=3, algorithm="brute").fit(X).kneighbors(Q)
    tiny = NearestNeighbors(n_neighbors=3, algorithm="brute", working_memory=1e-3).fit(X)
    assert tiny._chunk_rows() == 1  # one query per block
    small = tiny.kneighbors(Q)
    np.testing.assert_array_equal(small[1], big[1])
    np.testing.assert_array_equal(small[0], big[0])


def test_brute_worker_threads_give_identical_neighbours():
    # Blocks of 256 queries go to worker threads (2 000 queries x 1 500
    # points is above the parallel threshold); on an integer grid ties are
    # everywhere, so any change in a heap's push order would show. One
    # worker and two must give the same bits, and scikit-learn's indices.
    import numba

    rng = np.random.default_rng(0)
    X = rng.integers(0, 4, size=(1500, 3)).astype(float)
    Q = rng.integers(0, 4, size=(2000, 3)).astype(float)
    nn = NearestNeighbors(n_neighbors=7, algorithm="brute").fit(X)
    before = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        one = nn.kneighbors(Q)
        numba.set_num_threads(min(2, numba.config.NUMBA_NUM_THREADS))
        two = nn.kneighbors(Q)
    finally:
        numba.set_num_threads(before)
    np.testing.assert_array_equal(one[1], two[1])
    np.testing.assert_array_equal(one[0], two[0])
    ref = skn.NearestNeighbors(n_neighbors=7, algorithm="brute").fit(X).kneighbors(Q)
    np.testing.assert_array_equal(two[1], ref[1])


def test_brute_distance_exact_for_near_duplicates():
    # ||x||^2 ~ 2e12: the expansion alone has an absolute error ~ eps * 2e12
    # = 4e-4 on the squared distance, more than the 1e-6 it should be. The
    # ranking (as scikit-learn's) may list the two in either order, but the
    # returned distances are recomputed directly.
    X = np.array([[1e6, 1e6], [1e6 + 1e-3, 1e6], [0.0, 0.0]])
    d, i = NearestNeighbors(n_neighbors=2, algorithm="brute").fit(X).kneighbors(X[:1])
    assert sorted(i[0]) == [0, 1]
    # 1e6 + 1e-3 is stored to within 1.2e-10, hence rtol 1e-6 on 1e-3
    np.testing.assert_allclose(d[0][np.argsort(i[0])], [0.0, 1e-3], rtol=1e-6, atol=0)


def test_simultaneous_sort_matches_sklearn():
    rng = np.random.default_rng(0)
    for n in (1, 2, 3, 15, 16, 40, 200):
        values = rng.integers(0, 6, size=n).astype(float)  # many ties
        ours_v, ours_i = values.copy(), np.arange(n, dtype=np.int64)
        ref_v, ref_i = values.copy(), np.arange(n, dtype=np.intp)
        hk.simultaneous_sort_jit(ours_v, ours_i)
        _py_simultaneous_sort(ref_v, ref_i, n, use_three_way_partition=False)
        np.testing.assert_array_equal(ours_i, ref_i)
        plain_v, plain_i = values.copy(), np.arange(n, dtype=np.int64)
        hk.simultaneous_sort(plain_v, plain_i)
        np.testing.assert_array_equal(plain_i, ours_i)


def test_plain_kernels_equal_jitted():
    rng = np.random.default_rng(0)
    X = rng.integers(0, 3, size=(30, 2)).astype(float)
    Q = rng.normal(size=(5, 2))
    for code, p, merge in ((bk.EUCLIDEAN, 2.0, False), (bk.CHEBYSHEV, np.inf, True),
                           (bk.MINKOWSKI, 3.0, True)):
        bounds = np.array([0, 7, 30])
        a = bk.topk_direct(Q, X, 4, code, p, bounds, merge)
        b = bk.topk_direct_jit(Q, X, 4, code, p, bounds, merge)
        np.testing.assert_array_equal(a[1], b[1])
        np.testing.assert_array_equal(a[0], b[0])
    XY, xs, ys = Q @ X.T, (Q**2).sum(1), (X**2).sum(1)
    bounds = np.array([0, 30])
    np.testing.assert_array_equal(bk.topk_sqeuclidean(XY, xs, ys, 4, bounds, False)[1],
                                  bk.topk_sqeuclidean_jit(XY, xs, ys, 4, bounds, False)[1])
    tree = kk.build(X, 3)
    tree_jit = kk.build_jit(X, 3)
    for a, b in zip(tree, tree_jit):
        np.testing.assert_array_equal(a, b)
    balls = kk.ball_bounds(X, tree[0], tree[1], bk.EUCLIDEAN, 2.0)
    for b_plain, b_jit in zip(balls, kk.ball_bounds_jit(X, tree[0], tree[1], bk.EUCLIDEAN, 2.0)):
        np.testing.assert_array_equal(b_plain, b_jit)
    for ball in (False, True):
        a = kk.query(X, *tree, *balls, Q, 4, bk.EUCLIDEAN, 2.0, ball)
        b = kk.query_jit(X, *tree, *balls, Q, 4, bk.EUCLIDEAN, 2.0, ball)
        np.testing.assert_array_equal(a[1], b[1])


def test_serial_twins_equal_parallel_kernels():
    rng = np.random.default_rng(1)
    X = rng.integers(0, 3, size=(200, 3)).astype(float)
    Q = rng.integers(0, 5, size=(50, 3)) / 2.0
    bounds = np.array([0, 80, 200])
    for merge in (False, True):
        a = bk.topk_direct_jit(Q, X, 5, bk.MANHATTAN, 1.0, bounds, merge)
        b = bk.topk_direct_serial(Q, X, 5, bk.MANHATTAN, 1.0, bounds, merge)
        np.testing.assert_array_equal(a[1], b[1])
        XY, xs, ys = Q @ X.T, (Q**2).sum(1), (X**2).sum(1)
        a = bk.topk_sqeuclidean_jit(XY, xs, ys, 5, bounds, merge)
        b = bk.topk_sqeuclidean_serial(XY, xs, ys, 5, bounds, merge)
        np.testing.assert_array_equal(a[1], b[1])
    tree = kk.build_jit(X, 4)
    balls = kk.ball_bounds_jit(X, tree[0], tree[1], bk.EUCLIDEAN, 2.0)
    a = kk.query_jit(X, *tree, *balls, Q, 5, bk.EUCLIDEAN, 2.0, False)
    b = kk.query_serial(X, *tree, *balls, Q, 5, bk.EUCLIDEAN, 2.0, False)
    np.testing.assert_array_equal(a[1], b[1])


def test_nth_element_partitions():
    rng = np.random.default_rng(0)
    data = rng.integers(0, 4, size=(101, 1)).astype(float)
    idx = np.arange(101)
    kk.nth_element_jit(data, 0, idx, 0, 50, 101)
    key = data[idx, 0] * 1000 + idx  # the (value, index) order
    assert np.all(key[:50] < key[50]) and np.all(key[51:] > key[50])
    assert sorted(idx) == list(range(101))


def test_bad_input_gives_clear_errors():
    X, _, y = _grid(n_train=10)
    with pytest.raises(ValueError, match="n_neighbors=11 must be <= n_samples=10"):
        KNeighborsClassifier(n_neighbors=11).fit(X, y)
    with pytest.raises(ValueError, match="'n_neighbors' parameter"):
        KNeighborsClassifier(n_neighbors=0).fit(X, y)
    with pytest.raises(ValueError, match="'p' parameter"):
        NearestNeighbors(p=0.5).fit(X)
    with pytest.raises(ValueError, match="metric='cosine' cannot be used with algorithm='kd_tree'"):
        NearestNeighbors(metric="cosine", algorithm="kd_tree").fit(X)
    with pytest.raises(ValueError, match="'metric' parameter"):
        NearestNeighbors(metric="hamming").fit(X)
    nn = NearestNeighbors(n_neighbors=2).fit(X)
    with pytest.raises(ValueError, match="n_neighbors=10 must be < n_samples_fit=10"):
        nn.kneighbors(n_neighbors=10)
    with pytest.raises(ValueError, match="n_neighbors=0 must be an int >= 1"):
        nn.kneighbors(X, n_neighbors=0)
    with pytest.raises(ValueError, match="mode="):
        nn.kneighbors_graph(X, mode="weights")
    zero = KNeighborsClassifier(n_neighbors=2, weights=lambda d: np.zeros_like(d)).fit(X, y)
    with pytest.raises(ValueError, match="weight 0"):
        zero.predict(X)
