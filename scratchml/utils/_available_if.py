"""``available_if``: a method that exists only when a condition holds.

Meta-estimators (RFE, search, pipelines) offer ``predict_proba`` only if the
estimator they wrap has it, so ``hasattr(meta, "predict_proba")`` tells the
truth, as scikit-learn's tools expect.
"""

import functools

__all__ = ["available_if"]


class _AvailableIfDescriptor:
    def __init__(self, fn, check):
        self.fn = fn
        self.check = check
        functools.update_wrapper(self, fn)

    def __get__(self, obj, owner=None):
        if obj is None:
            return self.fn  # the class attribute: keeps the docstring for Sphinx
        if not self.check(obj):
            raise AttributeError(
                f"This {type(obj).__name__} has no attribute {self.fn.__name__!r}: "
                "the estimator it wraps does not provide it."
            )
        return self.fn.__get__(obj, owner)  # a bound method, as if defined plainly


def available_if(check):
    """Decorate a method so it exists only when ``check(self)`` is true.

    Parameters
    ----------
    check : callable
        ``check(self) -> bool``.

    Returns
    -------
    decorator : callable

    Examples
    --------
    >>> class Wrapper:
    ...     def __init__(self, inner):
    ...         self.inner = inner
    ...     @available_if(lambda self: hasattr(self.inner, "upper"))
    ...     def shout(self):
    ...         return self.inner.upper()
    >>> hasattr(Wrapper("hi"), "shout"), hasattr(Wrapper(3), "shout")
    (True, False)
    """
    return lambda fn: _AvailableIfDescriptor(fn, check)


def estimator_has(attr, *names):
    """``check`` for :func:`available_if`: the fitted (or else the unfitted) estimator has ``attr``.

    Parameters
    ----------
    attr : str
        Method name.
    *names : str
        Attributes of the meta-estimator to look in, in order, e.g.
        ``"estimator_", "estimator"``.
    """

    def check(self):
        for name in names:
            inner = getattr(self, name, None)
            if inner is not None:
                return hasattr(inner, attr)
        return False

    return check
