"""Small data sets fitted by the contract tests (shared by several test files)."""

import numpy as np


def toy_data(estimator, n_samples=40, n_features=4):
    """A tiny, seeded problem suited to ``estimator``'s kind: (X, y or None)."""
    rng = np.random.RandomState(0)
    X = rng.normal(size=(n_samples, n_features))
    tags = estimator._all_tags()
    if tags["positive_only"]:
        X = np.abs(X)
    if tags["estimator_type"] == "classifier":
        y = (X[:, 0] + 0.3 * rng.normal(size=n_samples) > 0).astype(int)
    elif tags["estimator_type"] == "sampler":
        y = (np.arange(n_samples) < n_samples // 4).astype(int)  # imbalanced 1:3
    elif tags["estimator_type"] is None and tags["requires_y"]:
        y = (X[:, 0] > 0).astype(int)  # supervised transformers: class labels
    elif tags["estimator_type"] == "regressor" or tags["requires_y"]:
        y = X @ np.arange(1.0, n_features + 1) + 0.1 * rng.normal(size=n_samples)
    else:
        y = None
    return X, y


def fit(estimator, X, y):
    return estimator.fit(X) if y is None else estimator.fit(X, y)


def outputs(estimator, X):
    """Every inference output the fitted estimator offers on ``X``, by method name."""
    out = {}
    for method in ("predict", "predict_proba", "decision_function", "transform", "score_samples"):
        if hasattr(estimator, method):
            try:
                out[method] = np.asarray(getattr(estimator, method)(X), dtype=np.float64)
            except (AttributeError, NotImplementedError):
                pass
    if hasattr(estimator, "fit_resample"):
        X_res, y_res = estimator.fit_resample(X, toy_data(estimator)[1])
        out["fit_resample.X"], out["fit_resample.y"] = X_res.astype(np.float64), y_res.astype(np.float64)
    for name in ("labels_", "embedding_", "coef_", "cluster_centers_", "components_"):
        value = getattr(estimator, name, None)
        if isinstance(value, np.ndarray) and value.dtype.kind in "fiub":
            out[name] = value.astype(np.float64)
    return out
