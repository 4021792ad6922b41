"""MiniBatchKMeans against scikit-learn: same draws, same updates."""

import numpy as np
import pytest
from sklearn.cluster import MiniBatchKMeans as SkMiniBatchKMeans
from sklearn.datasets import make_blobs

from scratchml.cluster import MiniBatchKMeans
from scratchml.cluster import _kmeans_kernels as K


@pytest.fixture(scope="module")
def blobs():
    X, _ = make_blobs(n_samples=1500, n_features=4, centers=5, random_state=0)
    return X


@pytest.mark.parametrize("kw", [
    dict(),
    dict(init="random"),
    dict(batch_size=64, tol=1e-3),
    dict(n_clusters=15, batch_size=32),  # dead-centre reassignments happen
    dict(compute_labels=False),
])
def test_minibatch_kmeans_matches_sklearn(blobs, kw):
    kw = {"n_clusters": 5, "random_state": 0, **kw}
    sw = np.random.default_rng(0).uniform(0.5, 2.0, len(blobs))
    ours = MiniBatchKMeans(**kw).fit(blobs, sample_weight=sw)
    ref = SkMiniBatchKMeans(**kw).fit(blobs, sample_weight=sw)
    # Same RandomState draws in the same order (init rows, validation rows,
    # batches, reassignments) and the same update arithmetic in the same
    # order: agreement at rounding level, labels identical.
    np.testing.assert_allclose(ours.cluster_centers_, ref.cluster_centers_, atol=1e-10)
    np.testing.assert_allclose(ours.inertia_, ref.inertia_, rtol=1e-10)
    assert ours.n_steps_ == ref.n_steps_ and ours.n_iter_ == ref.n_iter_
    if kw.get("compute_labels", True):
        np.testing.assert_array_equal(ours.labels_, ref.labels_)


def test_minibatch_kmeans_partial_fit_matches_sklearn(blobs):
    ours, ref = MiniBatchKMeans(5, random_state=0), SkMiniBatchKMeans(5, random_state=0)
    for chunk in np.array_split(blobs, 6):
        ours.partial_fit(chunk)
        ref.partial_fit(chunk)
    np.testing.assert_allclose(ours.cluster_centers_, ref.cluster_centers_, atol=1e-10)
    np.testing.assert_array_equal(ours.predict(blobs), ref.predict(blobs))
    assert ours.n_steps_ == ref.n_steps_


def test_minibatch_update_python_equals_jit(blobs):
    X = np.ascontiguousarray(blobs[:200])
    w = np.linspace(0.5, 1.5, 200)
    C = np.ascontiguousarray(X[:4])
    labels = np.arange(200, dtype=np.int32) % 3  # cluster 3 gets nothing
    outs = []
    for f in (K.minibatch_update, K.minibatch_update_jit):
        new, counts = np.empty_like(C), np.array([1.0, 2.0, 0.0, 5.0])
        f(X, w, C, new, counts, labels)
        outs.append((new, counts))
    np.testing.assert_array_equal(outs[0][0], outs[1][0])
    np.testing.assert_array_equal(outs[0][1], outs[1][1])
    np.testing.assert_array_equal(outs[0][0][3], C[3])  # empty cluster unchanged
    # cluster 2 had no weight before: its new centre is its batch mean
    m = labels == 2
    np.testing.assert_allclose(outs[0][0][2], (w[m, None] * X[m]).sum(0) / w[m].sum(), rtol=1e-12)


def test_minibatch_kmeans_too_many_clusters_raises():
    with pytest.raises(ValueError, match="n_samples=3 should be >= n_clusters=4"):
        MiniBatchKMeans(4).fit(np.zeros((3, 2)))
