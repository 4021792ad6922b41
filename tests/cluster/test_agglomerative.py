"""AgglomerativeClustering against scikit-learn, kernel gold tests, bad input."""

import numpy as np
import pytest
from sklearn import cluster as sk

from scratchml.cluster import AgglomerativeClustering
from scratchml.cluster._agglomerative_kernels import (
    AVERAGE,
    COMPLETE,
    EUCLIDEAN,
    WARD,
    condensed_distances,
    condensed_distances_jit,
    mst_single,
    mst_single_jit,
    nn_chain,
    nn_chain_jit,
)

CASES = [
    ("ward", "euclidean"),
    ("complete", "euclidean"),
    ("complete", "manhattan"),
    ("complete", "cosine"),
    ("average", "euclidean"),
    ("average", "manhattan"),
    ("average", "cosine"),
    ("single", "euclidean"),
    ("single", "manhattan"),
    ("single", "cosine"),
]


def _data(n=120, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=4.0, size=(4, 3))
    return centres[rng.integers(0, 4, n)] + rng.normal(size=(n, 3))


@pytest.mark.parametrize("linkage, metric", CASES)
def test_agglomerative_matches_sklearn_tree(linkage, metric):
    # Continuous random data has no tied distances, so the merge order is
    # unique: children_ and labels_ must be identical. Heights come from the
    # same Lance-Williams recurrences; 1e-12 allows the last-bit differences
    # of the cosine distance, computed in a different operation order.
    X = _data()
    ours = AgglomerativeClustering(4, linkage=linkage, metric=metric, compute_distances=True).fit(X)
    ref = sk.AgglomerativeClustering(4, linkage=linkage, metric=metric, compute_distances=True)
    ref.fit(X)
    np.testing.assert_array_equal(ours.children_, ref.children_)
    np.testing.assert_array_equal(ours.labels_, ref.labels_)
    np.testing.assert_allclose(ours.distances_, ref.distances_, rtol=1e-12, atol=1e-12)
    assert ours.n_leaves_ == 120 and ours.n_connected_components_ == 1


@pytest.mark.parametrize("linkage", ["ward", "average", "single"])
def test_agglomerative_matches_sklearn_distance_threshold(linkage):
    X = _data(seed=1)
    ours = AgglomerativeClustering(None, linkage=linkage, distance_threshold=2.0).fit(X)
    ref = sk.AgglomerativeClustering(None, linkage=linkage, distance_threshold=2.0).fit(X)
    assert ours.n_clusters_ == ref.n_clusters_
    np.testing.assert_array_equal(ours.labels_, ref.labels_)


def test_agglomerative_ward_height_is_sse_increase():
    # Invariant: the ward height of a merge is sqrt(2 * increase in SSE).
    X = _data(n=30, seed=2)
    model = AgglomerativeClustering(1, compute_distances=True).fit(X)
    members = {i: [i] for i in range(30)}
    for k, (a, b) in enumerate(model.children_):
        A, B = X[members[a]], X[members[b]]
        inc = len(A) * len(B) / (len(A) + len(B)) * np.sum((A.mean(0) - B.mean(0)) ** 2)
        np.testing.assert_allclose(model.distances_[k], np.sqrt(2 * inc), rtol=1e-10)
        members[30 + k] = members[a] + members[b]


def test_agglomerative_kernels_plain_equal_jit():
    X = _data(n=25, seed=3)
    D = condensed_distances(X, EUCLIDEAN)
    np.testing.assert_array_equal(D, condensed_distances_jit(X, EUCLIDEAN))
    for method in (WARD, COMPLETE, AVERAGE):
        np.testing.assert_array_equal(nn_chain(D.copy(), 25, method), nn_chain_jit(D.copy(), 25, method))
    np.testing.assert_array_equal(mst_single(X, EUCLIDEAN), mst_single_jit(X, EUCLIDEAN))


def test_agglomerative_duplicates_and_identical_rows():
    # Ties everywhere: the partition must still match up to permutation and
    # no height may be NaN.
    X = np.vstack([np.zeros((5, 2)), np.ones((5, 2)), [[5.0, 5.0]] * 3])
    for linkage in ("ward", "complete", "average", "single"):
        model = AgglomerativeClustering(3, linkage=linkage, compute_distances=True).fit(X)
        assert not np.isnan(model.distances_).any()
        assert len(np.unique(model.labels_[:5])) == 1 and len(np.unique(model.labels_)) == 3
    same = AgglomerativeClustering(2, compute_distances=True).fit(np.ones((6, 3)))
    np.testing.assert_array_equal(same.distances_, 0.0)


def test_agglomerative_bad_input():
    X = _data(n=10)
    with pytest.raises(ValueError, match="n_clusters=11 must be <= n_samples=10"):
        AgglomerativeClustering(11).fit(X)
    with pytest.raises(ValueError, match="Exactly one"):
        AgglomerativeClustering(2, distance_threshold=1.0).fit(X)
    with pytest.raises(ValueError, match="Ward"):
        AgglomerativeClustering(2, metric="manhattan").fit(X)
    with pytest.raises(ValueError, match="zero vectors"):
        AgglomerativeClustering(2, linkage="average", metric="cosine").fit(np.vstack([X, 0 * X[:1]]))
