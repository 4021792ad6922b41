"""Clustering and embedding metrics against scikit-learn.

ARI and NMI are exact functions of integer contingency counts (1e-12).
Silhouette and trustworthiness use Euclidean distances: ours are computed
from coordinate differences, scikit-learn's from |x|^2 - 2 x.y + |y|^2;
on O(1) random data the two agree to ~1e-15 per distance, so 1e-12 holds
for the averaged silhouette values and trustworthiness ranks do not change.
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn import metrics as skm
from sklearn.manifold import trustworthiness as sk_trustworthiness

from scratchml import metrics as sm
from scratchml.metrics import _unsupervised_kernels as kernels

from ._oracle import assert_same


@st.composite
def labelings(draw):
    n = draw(st.integers(0, 30))
    k1, k2 = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    a = draw(st.lists(st.integers(0, k1 - 1), min_size=n, max_size=n))
    b = draw(st.lists(st.integers(0, k2 - 1), min_size=n, max_size=n))
    return np.array(a, dtype=int), np.array(b, dtype=int)


@given(labelings(), st.sampled_from(["arithmetic", "geometric", "min", "max"]))
def test_ari_and_nmi_match_sklearn(data, average_method):
    a, b = data
    assert_same(sm.adjusted_rand_score, skm.adjusted_rand_score, a, b)
    assert_same(sm.normalized_mutual_info_score, skm.normalized_mutual_info_score, a, b,
                average_method=average_method)


def test_ari_nmi_invariants():
    rng = np.random.default_rng(0)
    a = rng.integers(0, 4, 50)
    relabelled = np.array([3, 0, 2, 1])[a]
    assert sm.adjusted_rand_score(a, relabelled) == 1.0
    assert sm.normalized_mutual_info_score(a, relabelled) == pytest.approx(1.0, abs=1e-12)
    assert sm.adjusted_rand_score(["x", "y"], ["x", "y"]) == 1.0
    with pytest.raises(ValueError, match="1D"):
        sm.adjusted_rand_score([[0, 1]], [[0, 1]])


@st.composite
def clustered_points(draw):
    n = draw(st.integers(3, 30))
    d = draw(st.integers(1, 4))
    k = draw(st.integers(2, min(5, n - 1)))
    seed = draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, k, n)
    labels[:2] = [0, 1]  # at least two clusters
    X = rng.normal(size=(n, d)) + labels[:, None]
    return X, labels


@given(clustered_points())
def test_silhouette_matches_sklearn(data):
    X, labels = data
    assert_same(sm.silhouette_samples, skm.silhouette_samples, X, labels)
    assert_same(sm.silhouette_score, skm.silhouette_score, X, labels)
    D = kernels.pairwise_euclidean(X)
    assert_same(sm.silhouette_samples, skm.silhouette_samples, D, labels, metric="precomputed")


def test_silhouette_sample_size_draws_like_sklearn():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 3))
    labels = rng.integers(0, 3, 60)
    assert_same(sm.silhouette_score, skm.silhouette_score, X, labels, sample_size=25,
                random_state=7)


def test_silhouette_errors_match_sklearn():
    X = np.arange(8.0).reshape(4, 2)
    assert_same(sm.silhouette_samples, skm.silhouette_samples, X, [0, 0, 0, 0])
    assert_same(sm.silhouette_samples, skm.silhouette_samples, X, [0, 1, 2, 3])
    D = np.ones((4, 4))
    assert_same(sm.silhouette_samples, skm.silhouette_samples, D, [0, 0, 1, 1],
                metric="precomputed")


def test_silhouette_singleton_cluster_scores_zero():
    X = np.array([[0.0], [1.0], [5.0], [6.0], [20.0]])
    s = sm.silhouette_samples(X, [0, 0, 1, 1, 2])
    assert s[-1] == 0.0


def test_unsupervised_kernels_plain_equal_jitted():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(15, 3))
    labels = rng.integers(0, 3, 15).astype(np.int64)
    np.testing.assert_array_equal(kernels.cluster_distance_sums(X, labels, 3),
                                  kernels.cluster_distance_sums_jit(X, labels, 3))
    np.testing.assert_array_equal(kernels.pairwise_euclidean(X), kernels.pairwise_euclidean_jit(X))


@pytest.mark.parametrize("n_neighbors", [1, 3, 9])
def test_trustworthiness_matches_sklearn(n_neighbors):
    rng = np.random.default_rng(n_neighbors)
    X = rng.normal(size=(40, 5))
    E = X[:, :2] + 0.3 * rng.normal(size=(40, 2))
    ours = sm.trustworthiness(X, E, n_neighbors=n_neighbors)
    assert ours == pytest.approx(sk_trustworthiness(X, E, n_neighbors=n_neighbors), abs=1e-12)
    D = kernels.pairwise_euclidean(X)
    assert sm.trustworthiness(D, E, n_neighbors=n_neighbors, metric="precomputed") == pytest.approx(
        ours, abs=1e-12
    )
    assert sm.trustworthiness(X, X, n_neighbors=n_neighbors) == 1.0


def test_trustworthiness_too_many_neighbors_raises():
    X = np.random.default_rng(0).normal(size=(10, 2))
    assert_same(sm.trustworthiness, sk_trustworthiness, X, X, n_neighbors=5)


def test_silhouette_handles_more_samples_than_a_small_block():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(300, 4))
    labels = rng.integers(0, 4, 300)
    np.testing.assert_allclose(sm.silhouette_samples(X, labels),
                               skm.silhouette_samples(X, labels), atol=1e-12)
