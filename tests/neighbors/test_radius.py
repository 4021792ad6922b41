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
