"""Exceptions and warnings raised by scratchml.

The class names match scikit-learn's so that code (and scikit-learn's own
estimator checks) written against one library reads the same with the other.
"""

__all__ = [
    "ConvergenceWarning",
    "DataConversionWarning",
    "FitFailedWarning",
    "NotFittedError",
    "UndefinedMetricWarning",
]


class NotFittedError(ValueError, AttributeError):
    """Raised when an estimator is used before ``fit``.

    It subclasses both :class:`ValueError` and :class:`AttributeError`, as
    scikit-learn's does, so ``except ValueError`` and ``hasattr`` checks keep
    working.

    Examples
    --------
    >>> from scratchml.dummy import DummyClassifier
    >>> try:
    ...     DummyClassifier().predict([[1.0]])
    ... except NotFittedError as exc:
    ...     print(exc)  # doctest: +ELLIPSIS
    This DummyClassifier instance is not fitted yet. Call 'fit' ...
    """


class ConvergenceWarning(UserWarning):
    """An iterative solver stopped at ``max_iter`` before meeting ``tol``."""


class DataConversionWarning(UserWarning):
    """Input was converted in a way the user may not expect (e.g. a column-vector y)."""


class FitFailedWarning(RuntimeWarning):
    """Some fits of a cross-validation failed; their scores are ``error_score``."""


class UndefinedMetricWarning(UserWarning):
    """A metric is ill-defined for the given input (e.g. precision with no positive predictions)."""
