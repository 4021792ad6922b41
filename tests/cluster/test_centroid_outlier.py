"""KMeansOutlierDetector: planted outliers, the threshold and its KMeans."""

import numpy as np
import pytest
from sklearn.cluster import KMeans as SkKMeans
from sklearn.metrics import roc_auc_score

from scratchml.cluster import KMeansOutlierDetector


def _planted(seed=0):
    rng = np.random.RandomState(seed)
    inliers = np.vstack([rng.normal(c, 0.5, size=(100, 2)) for c in ([0, 0], [5, 0], [0, 5])])
    outliers = rng.uniform(-4, 9, size=(200, 2))
    # keep only planted points at least 2.5 away from every blob centre
    far = np.min([np.linalg.norm(outliers - c, axis=1) for c in ([0, 0], [5, 0], [0, 5])], 0) > 2.5
    outliers = outliers[far][:20]
    X = np.vstack([inliers, outliers])
    y = np.r_[np.ones(len(inliers)), -np.ones(len(outliers))]
    return X, y


def test_kmeans_outlier_detector_finds_planted_outliers():
    # Planted points are >= 2.5 (5 sigma) from every blob: a near-perfect ranking.
    X, y = _planted()
    det = KMeansOutlierDetector(n_clusters=3, contamination=20 / 320, random_state=0).fit(X)
    assert roc_auc_score(y, det.score_samples(X)) > 0.99
    assert np.mean(det.predict(X) == y) > 0.97


def test_kmeans_outlier_detector_score_is_distance_to_sklearn_centres():
    # Oracle: same seed, same k-means++ draws -> same centres as scikit-learn's
    # KMeans (closed-form distances after that: 1e-10).
    X, _ = _planted(1)
    det = KMeansOutlierDetector(n_clusters=3, random_state=0).fit(X)
    ref = SkKMeans(3, random_state=0).fit(X)
    expected = -ref.transform(X).min(axis=1)
    np.testing.assert_allclose(det.score_samples(X), expected, rtol=1e-10)


@pytest.mark.parametrize("contamination", [0.05, 0.1, 0.3])
def test_kmeans_outlier_detector_contamination_sets_fraction(contamination):
    X, _ = _planted(2)
    det = KMeansOutlierDetector(n_clusters=3, contamination=contamination, random_state=0)
    labels = det.fit_predict(X)
    assert abs(np.mean(labels == -1) - contamination) <= 1 / len(X)
    np.testing.assert_array_equal(labels, np.where(det.decision_function(X) >= 0, 1, -1))


def test_kmeans_outlier_detector_bad_input():
    with pytest.raises(ValueError, match="n_clusters"):
        KMeansOutlierDetector(n_clusters=10).fit(np.zeros((5, 2)) + np.arange(5)[:, None])
    with pytest.raises(ValueError, match="contamination"):
        KMeansOutlierDetector(contamination=0.7).fit(np.zeros((5, 2)))
