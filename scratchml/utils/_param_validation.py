"""Declarative parameter constraints, checked at the top of every ``fit``.

An estimator lists, per parameter, what is allowed::

    _parameter_constraints = {
        "alpha": [Interval(Real, 0, None, closed="left")],
        "solver": [StrOptions({"auto", "svd", "cholesky"})],
        "random_state": ["random_state"],
    }

and :func:`validate_parameter_constraints` raises one message that names the
parameter, the value and what is allowed.
"""

import numbers

import numpy as np

__all__ = [
    "HasMethods",
    "Interval",
    "InvalidParameterError",
    "Options",
    "StrOptions",
    "validate_parameter_constraints",
]


class InvalidParameterError(ValueError, TypeError):
    """A constructor parameter has a value or type that is not allowed.

    Subclasses both ``ValueError`` and ``TypeError`` as scikit-learn's does.
    """


class Interval:
    """Numbers of a given type in an interval.

    Parameters
    ----------
    type : numbers.Integral or numbers.Real
    left, right : float or None
        Bounds; None is unbounded.
    closed : {'left', 'right', 'both', 'neither'}, default='both'

    Examples
    --------
    >>> Interval(numbers.Real, 0, 1, closed="both").is_satisfied_by(0.5)
    True
    """

    def __init__(self, type, left, right, *, closed="both"):
        self.type = type
        self.left = left
        self.right = right
        self.closed = closed

    def is_satisfied_by(self, value):
        if isinstance(value, bool) or not isinstance(value, self.type):
            return False
        if isinstance(value, float) and np.isnan(value):
            return False
        if self.left is not None:
            if value < self.left or (value == self.left and self.closed in ("right", "neither")):
                return False
        if self.right is not None:
            if value > self.right or (value == self.right and self.closed in ("left", "neither")):
                return False
        return True

    def __str__(self):
        kind = "an int" if self.type is numbers.Integral else "a float"
        lo = "-inf" if self.left is None else self.left
        hi = "inf" if self.right is None else self.right
        lb = "[" if self.closed in ("left", "both") and self.left is not None else "("
        rb = "]" if self.closed in ("right", "both") and self.right is not None else ")"
        return f"{kind} in the range {lb}{lo}, {hi}{rb}"


class Options:
    """One of a fixed set of values of a given type."""

    def __init__(self, type, options):
        self.type = type
        self.options = set(options)

    def is_satisfied_by(self, value):
        return isinstance(value, self.type) and value in self.options

    def __str__(self):
        return f"a {self.type.__name__} among {sorted(self.options, key=str)}"


class StrOptions(Options):
    """One of a fixed set of strings."""

    def __init__(self, options):
        super().__init__(str, options)


class HasMethods:
    """An object that has all the named methods (e.g. an estimator with ``fit``)."""

    def __init__(self, methods):
        self.methods = [methods] if isinstance(methods, str) else list(methods)

    def is_satisfied_by(self, value):
        return all(callable(getattr(value, m, None)) for m in self.methods)

    def __str__(self):
        return f"an object implementing {', '.join(repr(m) for m in self.methods)}"


def _satisfies(constraint, value):
    if constraint is None:
        return value is None
    if isinstance(constraint, str):
        if constraint == "array-like":
            # as scikit-learn: a sequence or array, but not a scalar such as a str
            return (hasattr(value, "__len__") or hasattr(value, "shape")
                    or hasattr(value, "__array__")) and not np.isscalar(value)
        if constraint == "random_state":
            return value is None or isinstance(value, np.random.RandomState) or (
                isinstance(value, numbers.Integral) and not isinstance(value, bool)
                and 0 <= value < 2**32
            )
        if constraint == "boolean":
            return isinstance(value, (bool, np.bool_))
        if constraint == "callable":
            return callable(value)
        if constraint == "nan":
            return isinstance(value, float) and np.isnan(value)
        raise ValueError(f"Unknown constraint {constraint!r}")
    if isinstance(constraint, type):
        if constraint in (numbers.Integral, numbers.Real, int, float) and isinstance(value, bool):
            return False
        return isinstance(value, constraint)
    return constraint.is_satisfied_by(value)


def _describe(constraint):
    if constraint is None:
        return "None"
    if isinstance(constraint, str):
        return {
            "array-like": "an array-like",
            "random_state": "an int in [0, 2**32 - 1], a RandomState instance or None",
            "boolean": "a bool",
            "callable": "a callable",
            "nan": "nan",
        }[constraint]
    if isinstance(constraint, type):
        return f"an instance of {constraint.__name__!r}"
    return str(constraint)


def validate_parameter_constraints(constraints, params, caller_name):
    """Check each parameter against its list of allowed constraints.

    Parameters
    ----------
    constraints : dict
        Parameter name -> list of constraints; the value must satisfy at
        least one. A constraint is None, a type, one of the strings
        'array-like', 'random_state', 'boolean', 'callable', 'nan', or an
        :class:`Interval`, :class:`Options`/:class:`StrOptions` or
        :class:`HasMethods`. Parameters missing from the dict are not checked.
    params : dict
        Parameter name -> value, e.g. ``estimator.get_params(deep=False)``.
    caller_name : str
        Named in the message.

    Raises
    ------
    InvalidParameterError
        ``The 'alpha' parameter of Ridge must be a float in the range [0, inf).
        Got -1 instead.``
    """
    for name, value in params.items():
        allowed = constraints.get(name)
        if allowed is None:
            continue
        if any(_satisfies(c, value) for c in allowed):
            continue
        descriptions = [_describe(c) for c in allowed]
        if len(descriptions) > 1:
            text = f"{', '.join(descriptions[:-1])} or {descriptions[-1]}"
        else:
            text = descriptions[0]
        raise InvalidParameterError(
            f"The {name!r} parameter of {caller_name} must be {text}. Got {value!r} instead."
        )
