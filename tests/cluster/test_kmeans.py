"""KMeans against scikit-learn, plus invariants and bad input."""

import warnings

import numpy as np
import pytest
from sklearn.cluster import KMeans as SkKMeans
from sklearn.cluster import kmeans_plusplus as sk_kmeans_plusplus
from sklearn.datasets import load_digits, load_iris, make_blobs

from scratchml.cluster import KMeans, kmeans_plusplus
from scratchml.cluster import _kmeans_kernels as K
from scratchml.exceptions import ConvergenceWarning


@pytest.fixture(scope="module")
def blobs():
    X, _ = make_blobs(n_samples=600, n_features=4, centers=5, cluster_std=2.0, random_state=0)
    return X


@pytest.mark.parametrize("algorithm", ["lloyd", "elkan"])
def test_kmeans_matches_sklearn_explicit_init(blobs, algorithm):
    rng = np.random.default_rng(0)
    init = blobs[rng.choice(len(blobs), 5, replace=False)]
    sw = rng.uniform(0.5, 2.0, len(blobs))
    ours = KMeans(5, init=init, algorithm=algorithm).fit(blobs, sample_weight=sw)
    ref = SkKMeans(5, init=init, algorithm=algorithm).fit(blobs, sample_weight=sw)
    # Same starting centres, same deterministic iterations: only the order of
    # floating-point additions differs, so agreement is at rounding level.
    np.testing.assert_array_equal(ours.labels_, ref.labels_)
    np.testing.assert_allclose(ours.cluster_centers_, ref.cluster_centers_, rtol=0, atol=1e-10)
    np.testing.assert_allclose(ours.inertia_, ref.inertia_, rtol=1e-10)
    assert ours.n_iter_ == ref.n_iter_


def test_kmeans_plusplus_same_draws_as_sklearn(blobs):
    sw = np.random.default_rng(1).uniform(0.5, 2.0, len(blobs))
    ours, idx = kmeans_plusplus(blobs, 7, sample_weight=sw, random_state=3)
    ref, ref_idx = sk_kmeans_plusplus(blobs, 7, sample_weight=sw, random_state=3)
    # The same RandomState calls in the same order pick the same rows; only a
    # rounding-level tie in the cumulative D^2 weights could differ.
    np.testing.assert_array_equal(idx, ref_idx)
    np.testing.assert_array_equal(ours, ref)


@pytest.mark.parametrize("name", ["blobs", "iris", "digits"])
def test_kmeans_inertia_close_to_sklearn_median(name, blobs):
    X = {"blobs": lambda: blobs, "iris": lambda: load_iris().data,
         "digits": lambda: load_digits().data[:600]}[name]()
    ours = [KMeans(8, random_state=s).fit(X).inertia_ for s in range(10)]
    ref = [SkKMeans(8, random_state=s).fit(X).inertia_ for s in range(10)]
    # k-means++ is randomised: compare the median over seeds at the objective
    # level, with the 1% tolerance the issue sets (seed-to-seed spread is larger).
    assert np.median(ours) <= 1.01 * np.median(ref)


def test_kmeans_random_init_n_init_auto_matches_sklearn(blobs):
    ours = KMeans(5, init="random", random_state=0).fit(blobs)
    ref = SkKMeans(5, init="random", random_state=0).fit(blobs)
    # n_init='auto' means 10 runs for 'random'; same draws, same best run.
    np.testing.assert_allclose(ours.inertia_, ref.inertia_, rtol=1e-10)


def test_kmeans_inertia_non_increasing(blobs):
    init = blobs[:5]
    prev = np.inf
    for it in range(1, 8):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            km = KMeans(5, init=init, max_iter=it, tol=0).fit(blobs)
        assert km.inertia_ <= prev + 1e-9
        prev = km.inertia_


def test_kmeans_elkan_equals_lloyd(blobs):
    a = KMeans(5, random_state=0, algorithm="lloyd").fit(blobs)
    b = KMeans(5, random_state=0, algorithm="elkan").fit(blobs)
    np.testing.assert_array_equal(a.labels_, b.labels_)
    np.testing.assert_allclose(a.cluster_centers_, b.cluster_centers_, atol=1e-12)


def test_kmeans_predict_transform_score(blobs):
    km = KMeans(5, random_state=0).fit(blobs)
    np.testing.assert_array_equal(km.predict(blobs), km.labels_)
    D = km.transform(blobs)
    np.testing.assert_array_equal(D.argmin(axis=1), km.labels_)
    np.testing.assert_allclose(-km.score(blobs), km.inertia_, rtol=1e-10)
    np.testing.assert_allclose((D.min(axis=1) ** 2).sum(), km.inertia_, rtol=1e-8)


def test_kmeans_sample_weight_equals_repetition(blobs):
    X = blobs[:100]
    w = np.random.default_rng(0).integers(1, 4, len(X))
    init = X[:3]
    a = KMeans(3, init=init).fit(X, sample_weight=w)
    b = KMeans(3, init=init).fit(np.repeat(X, w, axis=0))
    np.testing.assert_allclose(a.cluster_centers_, b.cluster_centers_, atol=1e-10)
    np.testing.assert_allclose(a.inertia_, b.inertia_, rtol=1e-10)


def test_kmeans_empty_cluster_relocated():
    X = np.array([[0.0], [1.0], [2.0], [10.0], [11.0]])
    init = np.array([[0.0], [1.0], [100.0]])  # the third centre attracts nobody
    ours = KMeans(3, init=init, n_init=1).fit(X)
    ref = SkKMeans(3, init=init, n_init=1).fit(X)
    assert np.isfinite(ours.cluster_centers_).all()
    np.testing.assert_allclose(ours.inertia_, ref.inertia_, rtol=1e-10)
    assert np.unique(ours.labels_).size == 3


def test_kmeans_identical_rows_warn_no_nan():
    X = np.ones((10, 3))
    with pytest.warns(ConvergenceWarning, match="distinct clusters"):
        km = KMeans(3, random_state=0).fit(X)
    assert np.isfinite(km.cluster_centers_).all()
    assert km.inertia_ == 0.0


def test_kmeans_duplicates_fewer_distinct_points_warn():
    X = np.repeat(np.array([[0.0, 0.0], [5.0, 5.0]]), 5, axis=0)
    with pytest.warns(ConvergenceWarning):
        km = KMeans(3, random_state=0).fit(X)
    assert np.isfinite(km.cluster_centers_).all()


def test_kmeans_too_many_clusters_raises():
    with pytest.raises(ValueError, match="n_samples=4 should be >= n_clusters=5"):
        KMeans(5).fit(np.zeros((4, 2)))


def test_kmeans_bad_init_shape_raises(blobs):
    with pytest.raises(ValueError, match="does not match"):
        KMeans(3, init=blobs[:2]).fit(blobs)


def test_kmeans_explicit_init_with_n_init_warns(blobs):
    with pytest.warns(RuntimeWarning, match="only one init"):
        KMeans(3, init=blobs[:3], n_init=5).fit(blobs)


def test_kmeans_float32_preserved(blobs):
    km = KMeans(5, random_state=0).fit(blobs.astype(np.float32))
    assert km.cluster_centers_.dtype == np.float32


def test_kmeans_kernels_python_equals_jit(blobs):
    X = np.ascontiguousarray(blobs[:300])
    C = np.ascontiguousarray(X[:4])
    w = np.linspace(0.5, 1.5, len(X))
    b = K.block_bounds(len(X))
    np.testing.assert_array_equal(b, K.block_bounds_jit(len(X)))
    l1, l2 = np.empty(len(X), np.int32), np.empty(len(X), np.int32)
    d1, d2 = np.empty(len(X)), np.empty(len(X))
    K.lloyd_assign(X, C, b, l1, d1)
    K.lloyd_assign_jit(X, C, b, l2, d2)
    np.testing.assert_array_equal(l1, l2)
    np.testing.assert_allclose(d1, d2, rtol=1e-14)
    l3, d3 = np.empty(len(X), np.int32), np.empty(len(X))
    K.lloyd_assign_serial_jit(X, C, b, l3, d3)  # serial twin: the very same bits
    np.testing.assert_array_equal(l3, l2)
    np.testing.assert_array_equal(d3, d2)
    outs = []
    for f in (K.weighted_sums, K.weighted_sums_jit, K.weighted_sums_serial_jit):
        ps, pw = np.zeros((len(b) - 1, 4, X.shape[1])), np.zeros((len(b) - 1, 4))
        f(X, w, l1, b, ps, pw)
        outs.append((ps, pw))
    np.testing.assert_allclose(outs[0][0], outs[1][0], rtol=1e-14)
    np.testing.assert_allclose(outs[0][1], outs[1][1], rtol=1e-14)
    np.testing.assert_array_equal(outs[1][0], outs[2][0])
    assert np.isclose(K.inertia(X, w, C, l1), K.inertia_jit(X, w, C, l1), rtol=1e-14)
    # Elkan pass from exact bounds equals the exact assignment
    D = np.sqrt(((X[:, None, :] - C[None]) ** 2).sum(-1))
    half = 0.5 * np.sqrt(((C[:, None] - C[None]) ** 2).sum(-1))
    s = np.where(np.eye(4, dtype=bool), np.inf, half).min(axis=1)
    for f in (K.elkan_assign, K.elkan_assign_jit, K.elkan_assign_serial_jit):
        lab = np.zeros(len(X), np.int32)
        up = D[:, 0].copy()
        lo = D.copy()
        f(X, C, half, s, lab, up, lo, b)
        np.testing.assert_array_equal(lab, l1)


def test_kmeans_deterministic_and_input_untouched(blobs):
    X = blobs.copy()
    a = KMeans(5, random_state=42).fit(X)
    b = KMeans(5, random_state=42).fit(X)
    np.testing.assert_array_equal(X, blobs)
    np.testing.assert_array_equal(a.cluster_centers_, b.cluster_centers_)


def test_kmeans_matches_sklearn_parallel_path():
    # 20000 x 10 x 10 crosses _PARALLEL_MIN_WORK: the prange kernels run.
    X, _ = make_blobs(n_samples=20_000, n_features=10, centers=10, random_state=1)
    init = X[:10]
    ours = KMeans(10, init=init).fit(X)
    ref = SkKMeans(10, init=init).fit(X)
    # same deterministic iterations; only the order of float additions differs
    np.testing.assert_array_equal(ours.labels_, ref.labels_)
    np.testing.assert_allclose(ours.cluster_centers_, ref.cluster_centers_, atol=1e-10)
