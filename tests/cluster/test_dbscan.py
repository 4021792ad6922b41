"""DBSCAN against scikit-learn, plus kernel gold tests and bad input."""

import numpy as np
import pytest
from sklearn import cluster as sk

from scratchml.cluster import DBSCAN
from scratchml.cluster._dbscan import eps_neighbourhoods
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
