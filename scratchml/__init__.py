"""scratchml: classic machine learning written from scratch in NumPy and Numba.

Every estimator follows scikit-learn's API (``fit``/``predict``/``transform``,
``get_params``/``set_params``, trailing-underscore fitted attributes) and is
tested against scikit-learn's outputs. Import from the subpackages, as with
scikit-learn::

    from scratchml.dummy import DummyClassifier
    from scratchml.datasets import load_iris
"""

__version__ = "0.1.0"

__all__ = [
    "base",
    "cluster",
    "compose",
    "covariance",
    "datasets",
    "decomposition",
    "dummy",
    "ensemble",
    "exceptions",
    "feature_selection",
    "impute",
    "inspection",
    "linear_model",
    "manifold",
    "metrics",
    "mixture",
    "model_selection",
    "neighbors",
    "neural_network",
    "over_sampling",
    "pipeline",
    "plotting",
    "preprocessing",
    "svm",
    "tree",
    "under_sampling",
    "utils",
]
