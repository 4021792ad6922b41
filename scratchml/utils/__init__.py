"""Utilities: validation, the ``Bunch`` container, estimator discovery."""

import importlib
import inspect
import pkgutil

from .validation import (
    check_array,
    check_consistent_length,
    check_is_fitted,
    check_random_state,
    check_X_y,
)

__all__ = [
    "Bunch",
    "all_estimators",
    "check_X_y",
    "check_array",
    "check_consistent_length",
    "check_is_fitted",
    "check_random_state",
]


class Bunch(dict):
    """A dict whose keys are also attributes: ``data.target`` is ``data["target"]``.

    Examples
    --------
    >>> b = Bunch(a=1)
    >>> b.a, b["a"]
    (1, 1)
    """

    def __init__(self, **kwargs):
        super().__init__(kwargs)

    def __setattr__(self, key, value):
        self[key] = value

    def __dir__(self):
        return list(self.keys())

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None

    def __getstate__(self):
        return dict(self)

    def __setstate__(self, state):
        self.update(state)


_TYPE_FILTERS = {
    "classifier": "ClassifierMixin",
    "regressor": "RegressorMixin",
    "transformer": "TransformerMixin",
    "cluster": "ClusterMixin",
    "outlier_detector": "OutlierMixin",
}


def all_estimators(type_filter=None):
    """List every public scratchml estimator.

    Walks the ``scratchml`` package (skipping private and test modules) and
    collects the public classes derived from :class:`scratchml.base.BaseEstimator`.

    Parameters
    ----------
    type_filter : {'classifier', 'regressor', 'transformer', 'cluster', 'outlier_detector'}
        or list of these, default=None
        Keep only estimators of these kinds.

    Returns
    -------
    estimators : list of (name, class) tuples
        Sorted by name.

    Raises
    ------
    ValueError
        For an unknown ``type_filter``.
    """
    import scratchml
    from scratchml import base

    found = {}
    for info in pkgutil.walk_packages(scratchml.__path__, prefix="scratchml."):
        parts = info.name.split(".")
        if any(p.startswith("_") or p == "tests" for p in parts[1:]):
            continue
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if (
                not name.startswith("_")
                and issubclass(cls, base.BaseEstimator)
                and cls is not base.BaseEstimator
                and cls.__module__.startswith("scratchml.")
                and not inspect.isabstract(cls)
            ):
                found[name] = cls
    estimators = sorted(found.items())
    if type_filter is None:
        return estimators
    filters = [type_filter] if isinstance(type_filter, str) else list(type_filter)
    unknown = [f for f in filters if f not in _TYPE_FILTERS]
    if unknown:
        raise ValueError(
            f"type_filter={unknown!r} is not valid; use None or any of {sorted(_TYPE_FILTERS)}."
        )
    mixins = [getattr(base, _TYPE_FILTERS[f]) for f in filters]
    return [(n, c) for n, c in estimators if any(issubclass(c, m) for m in mixins)]
