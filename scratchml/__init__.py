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
    "datasets",
    "dummy",
    "exceptions",
    "metrics",
    "utils",
]
