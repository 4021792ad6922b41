"""DBSCAN against scikit-learn, plus kernel gold tests and bad input."""

import numpy as np
import pytest
from sklearn import cluster as sk

from scratchml.cluster import DBSCAN
from scratchml.cluster._dbscan_graph import eps_neighbourhoods
from scratchml.cluster._dbscan_kernels import expand_clusters, expand_clusters_jit
from scratchml.utils.validation import InvalidParameterError


def _blobs_with_noise(n=300, seed=0):
    rng = np.random.default_rng(seed)
    centres = np.array([[0.0, 0.0], [3.0, 3.0], [0.0, 4.0]])
    X = np.vstack([c + 0.4 * rng.normal(size=(n // 3, 2)) for c in centres])
    return np.vstack([X, rng.uniform(-2, 6, size=(30, 2))])


@pytest.mark.parametrize(
    "metric, p", [("euclidean", None), ("manhattan", None), ("chebyshev", None), ("minkowski", 3)]
)
def test_dbscan_matches_sklearn_labels(metric, p):
    # Neighbourhoods are decided by the same comparisons (reduced distance vs
    # reduced eps) and clusters are numbered by their first core sample in
    # both libraries, so labels must be identical, not only up to permutation.
    X = _blobs_with_noise()
    ours = DBSCAN(eps=0.3, min_samples=5, metric=metric, p=p).fit(X)
    ref = sk.DBSCAN(eps=0.3, min_samples=5, metric=metric, p=p).fit(X)
    np.testing.assert_array_equal(ours.labels_, ref.labels_)
    np.testing.assert_array_equal(ours.core_sample_indices_, ref.core_sample_indices_)
    np.testing.assert_array_equal(ours.components_, ref.components_)
    assert (ours.labels_ == -1).any() and ours.labels_.max() >= 2


def test_dbscan_matches_sklearn_sample_weight():
    # Weighted core condition: same sums of the same weights -> exact.
    X = _blobs_with_noise(seed=1)
    w = np.random.default_rng(1).uniform(0.2, 3.0, size=X.shape[0])
    ours = DBSCAN(eps=0.25, min_samples=4).fit(X, sample_weight=w)
    ref = sk.DBSCAN(eps=0.25, min_samples=4).fit(X, sample_weight=w)
    np.testing.assert_array_equal(ours.labels_, ref.labels_)


def test_dbscan_neighbourhoods_match_brute_force():
    # Gold: the sweep-line graph equals the full distance matrix thresholded.
    X = np.random.default_rng(2).normal(size=(80, 3))
    indptr, indices = eps_neighbourhoods(X, 0.7)
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(-1))
    for i in range(X.shape[0]):
        np.testing.assert_array_equal(
            np.sort(indices[indptr[i] : indptr[i + 1]]), np.flatnonzero(D[i] <= 0.7)
        )


def test_dbscan_expand_plain_equals_jit():
    X = _blobs_with_noise(n=60, seed=3)
    indptr, indices = eps_neighbourhoods(X, 0.4)
    is_core = np.diff(indptr) >= 4
    visit = np.arange(X.shape[0])
    np.testing.assert_array_equal(
        expand_clusters(is_core, indptr, indices, visit),
        expand_clusters_jit(is_core, indptr, indices, visit),
    )


def test_dbscan_neighbour_kernels_plain_equal_jit():
    from scratchml.cluster._dbscan_kernels import (
        MANHATTAN,
        neighbour_counts,
        neighbour_counts_serial_jit,
    )

    Xs = np.sort(np.random.default_rng(4).normal(size=(50, 2)), axis=0)
    first = np.ascontiguousarray(Xs[:, 0])
    args = (Xs, first, MANHATTAN, 2.0, 0.5, 0.5)
    np.testing.assert_array_equal(neighbour_counts(*args), neighbour_counts_serial_jit(*args))


def test_dbscan_border_point_keeps_first_cluster():
    # x=2 is within eps of the core samples of both clusters but is not core.
    X = np.array([[0.0], [0.5], [1.0], [2.0], [3.0], [3.5], [4.0]])
    labels = DBSCAN(eps=1.0, min_samples=3).fit_predict(X)
    np.testing.assert_array_equal(labels, sk.DBSCAN(eps=1.0, min_samples=3).fit_predict(X))
    assert labels[3] == 0


@pytest.mark.parametrize("eps", [0, -1.0])
def test_dbscan_rejects_non_positive_eps(eps):
    with pytest.raises(InvalidParameterError, match="eps"):
        DBSCAN(eps=eps).fit(np.zeros((5, 2)))


def test_dbscan_identical_rows_and_duplicates():
    X = np.ones((10, 2))
    model = DBSCAN(eps=0.1, min_samples=3).fit(X)
    np.testing.assert_array_equal(model.labels_, np.zeros(10))
    X2 = np.vstack([X, [[5.0, 5.0]]])
    np.testing.assert_array_equal(
        DBSCAN(eps=0.1, min_samples=3).fit_predict(X2),
        sk.DBSCAN(eps=0.1, min_samples=3).fit_predict(X2),
    )


def test_dbscan_all_noise_and_input_untouched():
    X = np.arange(10.0).reshape(5, 2) * 10
    X0 = X.copy()
    model = DBSCAN(eps=0.5, min_samples=2).fit(X)
    np.testing.assert_array_equal(model.labels_, -np.ones(5))
    assert model.components_.shape == (0, 2)
    np.testing.assert_array_equal(X, X0)


# --- scikit-learn's remaining parameters ------------------------------------


def test_dbscan_default_params_match_sklearn():
    assert DBSCAN().get_params() == sk.DBSCAN().get_params()


def _pairwise(X):
    return np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(-1))


def test_dbscan_matches_sklearn_precomputed():
    # Both libraries threshold the very same matrix with the same comparison
    # (D <= eps), so labels, cores and components_ (rows of D) are identical.
    X = _blobs_with_noise(seed=5)
    D = _pairwise(X)
    w = np.random.default_rng(5).integers(1, 4, size=X.shape[0]) / 2.0
    for weights in (None, w):
        ours = DBSCAN(eps=0.3, min_samples=5, metric="precomputed").fit(D, sample_weight=weights)
        ref = sk.DBSCAN(eps=0.3, min_samples=5, metric="precomputed").fit(D, sample_weight=weights)
        np.testing.assert_array_equal(ours.labels_, ref.labels_)
        np.testing.assert_array_equal(ours.core_sample_indices_, ref.core_sample_indices_)
        np.testing.assert_array_equal(ours.components_, ref.components_)
    # and the same clustering as from the points themselves
    np.testing.assert_array_equal(
        DBSCAN(eps=0.3, min_samples=5, metric="precomputed").fit_predict(D),
        DBSCAN(eps=0.3, min_samples=5).fit_predict(X),
    )
    assert DBSCAN(metric="precomputed").__sklearn_tags__().input_tags.pairwise
    assert not DBSCAN().__sklearn_tags__().input_tags.pairwise


def test_dbscan_precomputed_rejects_bad_matrices():
    D = _pairwise(np.random.default_rng(6).normal(size=(6, 2)))
    with pytest.raises(ValueError, match="must be square. Input is a 6x4 matrix"):
        DBSCAN(metric="precomputed").fit(D[:, :4])
    bad = D.copy()
    bad[1, 2] = -0.5
    with pytest.raises(ValueError, match=r"Negative values .* found X\[1, 2\]=-0.5"):
        DBSCAN(metric="precomputed").fit(bad)
    for algorithm in ("kd_tree", "ball_tree"):  # scikit-learn refuses these too
        with pytest.raises(ValueError, match="cannot be used with metric='precomputed'"):
            DBSCAN(metric="precomputed", algorithm=algorithm).fit(D)
    D0 = D.copy()
    DBSCAN(metric="precomputed", algorithm="brute").fit(D)
    np.testing.assert_array_equal(D, D0)


@pytest.mark.parametrize(
    "metric, p",
    [("euclidean", None), ("manhattan", None), ("chebyshev", None), ("minkowski", 3),
     ("minkowski", np.inf)],
)
def test_dbscan_algorithms_give_identical_labels(metric, p):
    # The sweep and both trees compare the same reduced distance (same sum,
    # same feature order) with the same reduced eps, so they find the same
    # neighbourhoods: labels are identical for every algorithm and leaf size,
    # and equal to scikit-learn's. Weights are multiples of 1/2, so the
    # weighted core sums are exact in any summation order.
    rng = np.random.default_rng(7)
    X = np.vstack([rng.normal(size=(120, 3)), 3 + 0.5 * rng.normal(size=(80, 3))])
    w = rng.integers(1, 5, size=X.shape[0]) / 2.0
    # scikit-learn's DBSCAN rejects p=inf; ours takes it as the Chebyshev limit
    ref_kw = dict(metric="chebyshev") if p == np.inf else dict(metric=metric, p=p)
    ref = sk.DBSCAN(eps=0.6, min_samples=6, **ref_kw).fit(X, sample_weight=w)
    assert ref.labels_.max() >= 1 and (ref.labels_ == -1).any()
    for algorithm in ("auto", "brute", "kd_tree", "ball_tree"):
        for leaf_size in (1, 7, 30):
            ours = DBSCAN(
                eps=0.6, min_samples=6, metric=metric, p=p, algorithm=algorithm,
                leaf_size=leaf_size,
            ).fit(X, sample_weight=w)
            np.testing.assert_array_equal(ours.labels_, ref.labels_)
            np.testing.assert_array_equal(ours.core_sample_indices_, ref.core_sample_indices_)


def test_dbscan_tree_graph_equals_sweep_graph():
    # Gold: the tree's neighbourhoods are the sweep's, as sets.
    from scratchml.cluster._dbscan_graph import _sorted_graph, _tree_graph

    X = np.random.default_rng(8).normal(size=(150, 4))
    order, ip_s, ix_s = _sorted_graph(X, 0.9, "euclidean", None)
    for tree in ("kd_tree", "ball_tree"):
        _, ip_t, ix_t = _tree_graph(X, 0.9, "euclidean", None, tree, 5)
        for s in range(X.shape[0]):
            i = order[s]
            np.testing.assert_array_equal(
                np.sort(order[ix_s[ip_s[s]:ip_s[s + 1]]]), np.sort(ix_t[ip_t[i]:ip_t[i + 1]])
            )


def test_dbscan_metric_params_p_matches_sklearn():
    # metric_params={'p': 3} is the Minkowski power, exactly as p=3.
    X = _blobs_with_noise(seed=9)
    kw = dict(eps=0.3, min_samples=5, metric="minkowski", metric_params={"p": 3})
    ours = DBSCAN(**kw).fit(X)
    np.testing.assert_array_equal(ours.labels_, sk.DBSCAN(**kw).fit(X).labels_)
    np.testing.assert_array_equal(
        ours.labels_, DBSCAN(eps=0.3, min_samples=5, metric="minkowski", p=3).fit(X).labels_
    )
    # p given twice: metric_params wins, with scikit-learn's warning
    with pytest.warns(SyntaxWarning, match="Parameter p is found in metric_params"):
        both = DBSCAN(p=1, **kw).fit(X)
    np.testing.assert_array_equal(both.labels_, ours.labels_)


@pytest.mark.parametrize(
    "kw, match",
    [
        (dict(metric="minkowski", metric_params={"w": [1.0, 2.0]}), "only key"),
        (dict(metric="euclidean", metric_params={"p": 3}), "only metric='minkowski'"),
        (dict(metric="minkowski", metric_params={"p": 0}), r"metric_params\['p'\]=0 must be"),
        (dict(metric="minkowski", metric_params={"p": "3"}), r"must be a number > 0"),
        (dict(metric="minkowski", p=0.5, algorithm="kd_tree"), "does not support 0 < p < 1"),
        (dict(metric="minkowski", p=0.5, algorithm="ball_tree"), "does not support 0 < p < 1"),
    ],
)
def test_dbscan_rejects_bad_metric_settings(kw, match):
    with pytest.raises(ValueError, match=match):
        DBSCAN(**kw).fit(_blobs_with_noise(n=30))


def test_dbscan_p_below_one_brute_matches_sklearn():
    # 0 < p < 1 is not a metric: the trees cannot prune, the sweep can (each
    # coordinate difference is still bounded by the "distance"); 'auto' uses it.
    X = _blobs_with_noise(seed=10)
    with pytest.warns(UserWarning, match="Mind that for 0 < p < 1"):
        ref = sk.DBSCAN(eps=0.6, min_samples=5, metric="minkowski", p=0.5).fit(X)
    for algorithm in ("auto", "brute"):
        ours = DBSCAN(eps=0.6, min_samples=5, metric="minkowski", p=0.5, algorithm=algorithm)
        np.testing.assert_array_equal(ours.fit(X).labels_, ref.labels_)


def test_dbscan_n_jobs_does_not_change_labels():
    # Above 5000 samples the sweep runs its parallel kernels; every row is
    # computed independently, so the thread count cannot change the graph.
    rng = np.random.default_rng(11)
    X = rng.normal(size=(5200, 2))
    labels = [DBSCAN(eps=0.05, min_samples=4, n_jobs=n).fit(X).labels_ for n in (None, 1, -1)]
    np.testing.assert_array_equal(labels[0], labels[1])
    np.testing.assert_array_equal(labels[0], labels[2])
    with pytest.raises(ValueError, match="n_jobs=0 is not valid"):
        DBSCAN(n_jobs=0).fit(X[:20])
    with pytest.raises(ValueError, match="n_jobs=0 is not valid"):
        DBSCAN(n_jobs=0, metric="precomputed").fit(np.zeros((3, 3)))


def test_dbscan_float32_same_as_float64():
    # the neighbourhood search runs in float64 for every algorithm
    X = _blobs_with_noise(seed=12).astype(np.float32)
    for algorithm in ("brute", "kd_tree"):
        a = DBSCAN(eps=0.3, algorithm=algorithm).fit(X)
        b = DBSCAN(eps=0.3, algorithm=algorithm).fit(X.astype(np.float64))
        np.testing.assert_array_equal(a.labels_, b.labels_)
        assert a.components_.dtype == np.float32


def _graph_sets(order, indptr, indices):
    """Neighbourhood of each sample as a sorted array, whatever the node order."""
    sets = [None] * len(order)
    for s, i in enumerate(order):
        sets[i] = np.sort(order[indices[indptr[s]:indptr[s + 1]]])
    return sets


@pytest.mark.parametrize("case", ["gaussian", "far_from_origin", "integer_grid"])
def test_dbscan_gemm_graph_equals_sweep_graph(case):
    # Gold: the matrix-product candidates, each re-tested exactly, give the
    # sweep's neighbourhoods exactly — also far from the origin (where
    # eq. knn-expand cancels badly; the data are centred for the candidates)
    # and on a grid where many pairs sit exactly at distance eps.
    from scratchml.cluster._dbscan_graph import _gemm_graph, _sorted_graph

    rng = np.random.default_rng(13)
    if case == "gaussian":
        X, eps = rng.normal(size=(300, 20)), 5.0
    elif case == "far_from_origin":
        X, eps = 1e6 + rng.normal(size=(300, 17)), 4.5
    else:
        X, eps = rng.integers(0, 3, size=(300, 17)).astype(float), 3.0
    gemm = _graph_sets(*_gemm_graph(X, eps))
    sweep = _graph_sets(*_sorted_graph(X, eps, "euclidean", None))
    assert np.mean([len(s) for s in sweep]) > 3
    for a, b in zip(gemm, sweep):
        np.testing.assert_array_equal(a, b)


def test_dbscan_gemm_kernel_plain_equals_jit_and_gold():
    # Ten rows with ~20 neighbours each overflow the initial buffer (40), so
    # the doubling runs too; gold: the thresholded exact distances.
    from scratchml.cluster import _dbscan_kernels as kern

    rng = np.random.default_rng(14)
    X = rng.normal(size=(60, 18))
    sq = np.einsum("ij,ij->i", X, X)
    XY = X[5:15] @ X.T
    bounds = np.full(10, 36.0 + 1e-9)
    counts, ind = kern.gemm_block(XY, sq, 5, bounds, X, 36.0)
    counts_jit, ind_jit = kern.gemm_block_jit(XY, sq, 5, bounds, X, 36.0)
    np.testing.assert_array_equal(counts, counts_jit)
    np.testing.assert_array_equal(ind, ind_jit)
    assert ind.size > 40
    D2 = ((X[5:15, None, :] - X[None, :, :]) ** 2).sum(-1)
    ptr = np.concatenate([[0], np.cumsum(counts)])
    for r in range(10):
        np.testing.assert_array_equal(ind[ptr[r]:ptr[r + 1]], np.flatnonzero(D2[r] <= 36.0))


def test_dbscan_high_dimension_algorithms_match_sklearn(monkeypatch):
    # 18 features: 'brute' and 'auto' take the matrix-product path, the trees
    # their radius queries; all must give scikit-learn's labels exactly.
    rng = np.random.default_rng(15)
    X = np.vstack([rng.normal(size=(150, 18)), 2.5 + rng.normal(size=(100, 18))])
    ref = sk.DBSCAN(eps=4.5, min_samples=5).fit(X)
    assert ref.labels_.max() >= 1 and (ref.labels_ == -1).any()
    for algorithm in ("auto", "brute", "kd_tree", "ball_tree"):
        ours = DBSCAN(eps=4.5, min_samples=5, algorithm=algorithm).fit(X)
        np.testing.assert_array_equal(ours.labels_, ref.labels_)
    # one or two worker threads, several blocks: the same graph
    from scratchml.cluster import _dbscan_graph

    monkeypatch.setattr(_dbscan_graph, "WORKING_MEMORY_MIB", 0.05)  # about 10 rows per block
    for n_jobs in (1, 2):
        ours = DBSCAN(eps=4.5, min_samples=5, algorithm="brute", n_jobs=n_jobs).fit(X)
        np.testing.assert_array_equal(ours.labels_, ref.labels_)
