"""metric_params and n_jobs on every neighbour estimator, against scikit-learn.

``metric_params={'p': 3}`` is the Minkowski power: the same distances and the
same code path as ``p=3``, so results equal scikit-learn's given the same
``metric_params`` exactly where the ``p=3`` tests of test_knn / test_radius /
test_lof are exact (the same neighbours; probabilities and targets from the
same sums). ``n_jobs`` only sets the Numba threads: the work is split in fixed
blocks, so results are bit-identical for any value.
"""

import warnings

import numpy as np
import pytest
from sklearn import neighbors as skn

from scratchml import neighbors as smn

ESTIMATORS = [
    "NearestNeighbors", "KNeighborsClassifier", "KNeighborsRegressor",
    "RadiusNeighborsClassifier", "RadiusNeighborsRegressor", "LocalOutlierFactor",
]


def _data():
    rng = np.random.default_rng(0)
    X = rng.integers(0, 5, size=(120, 3)).astype(float)  # grid: exact distances
    y = rng.integers(0, 3, size=120)
    Q = rng.integers(0, 9, size=(40, 3)) / 2.0
    return X, y, Q


def _outputs(est, X, y, Q):
    """What each estimator computes, for comparison."""
    name = type(est).__name__
    if name == "LocalOutlierFactor":
        return [est.fit(X).negative_outlier_factor_]
    if name == "NearestNeighbors":
        est.fit(X)
        return [*est.kneighbors(Q), est.radius_neighbors_graph(Q, radius=1.5, mode="distance")]
    if name.endswith("Classifier"):
        est.fit(X, y)
        return [est.predict_proba(Q), est.predict(Q)]
    return [est.fit(X, y * 1.5).predict(Q)]


def _kw(name):
    return {"radius": 2.0, "outlier_label": 0} if name == "RadiusNeighborsClassifier" else (
        {"radius": 2.0} if name == "RadiusNeighborsRegressor" else {}
    )


@pytest.mark.parametrize("name", ESTIMATORS)
def test_neighbors_default_params_match_sklearn(name):
    ours = getattr(smn, name)().get_params()
    assert ours.pop("working_memory") is None  # scratchml's only extra parameter
    assert ours == getattr(skn, name)().get_params()


@pytest.mark.parametrize("algorithm", ["brute", "kd_tree", "ball_tree"])
@pytest.mark.parametrize("name", ESTIMATORS)
def test_neighbors_metric_params_p_matches_sklearn(name, algorithm):
    X, y, Q = _data()
    kw = dict(_kw(name), algorithm=algorithm, metric_params={"p": 3})
    # scikit-learn warns that metric_params' p overrides the default p=2; so do we
    with pytest.warns(SyntaxWarning, match="Parameter p is found in metric_params"):
        ours = _outputs(getattr(smn, name)(**kw), X, y, Q)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        ref = _outputs(getattr(skn, name)(**kw), X, y, Q)
        if name == "NearestNeighbors":
            ref[-1] = ref[-1].toarray()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        same = _outputs(getattr(smn, name)(**_kw(name), algorithm=algorithm, p=3), X, y, Q)
    for a, b, c in zip(ours, ref, same):
        np.testing.assert_array_equal(a, c)  # exactly p=3
        if name == "LocalOutlierFactor":
            # the brief's LOF tolerance: lrd means of equal reach distances
            np.testing.assert_allclose(a, b, rtol=1e-10)
        else:
            np.testing.assert_array_equal(a, b)


def test_neighbors_metric_params_p_special_values():
    # metric_params p = 1 / 2 become Manhattan / Euclidean, as in scikit-learn
    X, _, _ = _data()
    for p, metric in ((1, "manhattan"), (2, "euclidean"), (np.inf, "chebyshev"), (1.5, "minkowski")):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SyntaxWarning)
            ours = smn.NearestNeighbors(metric_params={"p": p}).fit(X)
            ref = skn.NearestNeighbors(metric_params={"p": p}).fit(X)
        assert ours.effective_metric_ == ref.effective_metric_ == metric
        assert ours.effective_metric_params_ == ref.effective_metric_params_


@pytest.mark.parametrize("name", ESTIMATORS)
@pytest.mark.parametrize(
    "kw, match",
    [
        (dict(metric_params={"w": np.ones(3)}), "the only key"),
        (dict(metric="euclidean", metric_params={"p": 3}), "only metric='minkowski' takes"),
        (dict(metric_params={"p": 0.5}), r"metric_params\['p'\]=0.5 must be a number >= 1"),
        (dict(metric_params=[("p", 3)]), "'metric_params' parameter"),
    ],
)
def test_neighbors_rejects_bad_metric_params(name, kw, match):
    X, y, _ = _data()
    est = getattr(smn, name)(**_kw(name), **kw)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        with pytest.raises(ValueError, match=match):
            est.fit(X) if name in ("NearestNeighbors", "LocalOutlierFactor") else est.fit(X, y)


@pytest.mark.parametrize("algorithm", ["brute", "kd_tree"])
def test_neighbors_n_jobs_does_not_change_results(algorithm):
    # Large enough for the parallel kernels (>= 2e6 brute-force distances,
    # >= 1000 tree queries) and the worker threads of the Euclidean brute force.
    rng = np.random.default_rng(2)
    X, Q = rng.normal(size=(2100, 3)), rng.normal(size=(1100, 3))
    y = rng.integers(0, 3, size=2100)
    results = []
    for n_jobs in (None, 1, 2, -1):
        clf = smn.KNeighborsClassifier(n_neighbors=4, algorithm=algorithm, n_jobs=n_jobs).fit(X, y)
        nn = smn.NearestNeighbors(radius=0.2, algorithm=algorithm, n_jobs=n_jobs).fit(X)
        results.append([clf.predict_proba(Q), *clf.kneighbors(Q), nn.radius_neighbors_graph(Q)])
    for other in results[1:]:
        for a, b in zip(results[0], other):
            np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match="n_jobs=0 is not valid"):
        smn.NearestNeighbors(n_jobs=0).fit(X).kneighbors(Q[:2])
