"""Data for the benchmark cases: bundled real data sets and synthetic ones.

Every case gets its split from here, so scratchml and scikit-learn always see
the same arrays. Splits use a fixed seed; scaling (when asked) uses the
training split's statistics only.
"""

import functools

import numpy as np

from scratchml import datasets

__all__ = ["bundled", "split", "synthetic"]


def split(X, y=None, *, test_size=0.25, seed=0, scale=False):
    """Shuffle and split ``X`` (and ``y``) into train and test parts.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,) or None
    test_size : float in (0, 1)
    seed : int
    scale : bool
        Standardise features with the training mean and standard deviation
        (constant columns are left unscaled).

    Returns
    -------
    X_train, X_test, y_train, y_test : ndarrays (``y_*`` None when ``y`` is None)
    """
    rng = np.random.RandomState(seed)
    order = rng.permutation(X.shape[0])
    n_test = int(round(test_size * X.shape[0]))
    test, train = order[:n_test], order[n_test:]
    X_train, X_test = X[train], X[test]
    if scale:
        mean = X_train.mean(axis=0)
        std = X_train.std(axis=0)
        std[std == 0] = 1.0
        X_train, X_test = (X_train - mean) / std, (X_test - mean) / std
    if y is None:
        return X_train, X_test, None, None
    return X_train, X_test, y[train], y[test]


@functools.cache
def _load(name):
    loader = getattr(datasets, f"load_{name}")
    return loader(return_X_y=True)


def bundled(name, *, scale=False, test_size=0.25, seed=0):
    """Train/test split of a bundled data set ('iris', 'wine', 'breast_cancer', 'digits', 'diabetes')."""
    X, y = _load(name)
    return split(X, y, test_size=test_size, seed=seed, scale=scale)


def synthetic(kind, n_samples, n_features, *, seed=0, test_size=0.25, scale=False, **kwargs):
    """Train/test split of a generated data set.

    Parameters
    ----------
    kind : {'classification', 'regression', 'blobs'}
        Which ``scratchml.datasets.make_*`` generator to call.
    n_samples, n_features : int
    seed : int
    **kwargs : passed to the generator.
    """
    maker = getattr(datasets, f"make_{kind}")
    X, y = maker(n_samples=n_samples, n_features=n_features, random_state=seed, **kwargs)
    return split(X, y, test_size=test_size, seed=seed, scale=scale)
