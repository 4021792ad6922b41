"""What kind of target is this? ``type_of_target`` and friends."""

import numpy as np

from .validation import _to_ndarray

__all__ = ["check_classification_targets", "type_of_target", "unique_labels"]

_CLASSIFICATION_TYPES = {"binary", "multiclass", "multiclass-multioutput", "multilabel-indicator"}


def type_of_target(y, input_name="y"):
    """Name the kind of target ``y`` holds, with scikit-learn's vocabulary.

    Parameters
    ----------
    y : array-like of shape (n_samples,) or (n_samples, n_outputs)
    input_name : str, default='y'

    Returns
    -------
    target_type : str
        'continuous', 'continuous-multioutput', 'binary', 'multiclass',
        'multiclass-multioutput', 'multilabel-indicator' or 'unknown'.

    Examples
    --------
    >>> type_of_target([0.5, 1.5])
    'continuous'
    >>> type_of_target(["a", "b", "a"])
    'binary'
    >>> type_of_target([[0, 1], [1, 1]])
    'multilabel-indicator'
    """
    y = _to_ndarray(y, input_name)
    if y.ndim > 2 or (y.dtype.kind == "O" and y.size and not isinstance(y.flat[0], (str, int, float, np.generic))):
        return "unknown"
    if y.ndim == 2 and y.shape[1] == 0:
        return "unknown"
    if y.ndim == 0:
        return "unknown"
    if y.ndim == 2 and y.shape[1] > 1 and y.dtype.kind in "biuf" and y.size:
        if np.isin(np.unique(y), [0, 1]).all():
            return "multilabel-indicator"
    suffix = "-multioutput" if (y.ndim == 2 and y.shape[1] > 1) else ""
    if y.dtype.kind == "f":
        if not np.isfinite(y).all():
            raise ValueError(f"Input {input_name} contains NaN or infinity.")
        if np.any(y != np.round(y)):
            return "continuous" + suffix
    if y.dtype.kind == "c":
        return "continuous" + suffix
    if suffix or np.unique(y).size > 2:
        return "multiclass" + suffix
    return "binary"


def check_classification_targets(y):
    """Raise ``ValueError`` if ``y`` is not a classification target (e.g. continuous).

    Parameters
    ----------
    y : array-like

    Raises
    ------
    ValueError
        ``Unknown label type: continuous ...``.
    """
    kind = type_of_target(y)
    if kind not in _CLASSIFICATION_TYPES:
        raise ValueError(
            f"Unknown label type: {kind}. Maybe you are trying to fit a classifier, "
            "which expects discrete classes on a regression target with continuous values."
        )


def unique_labels(*ys):
    """Sorted union of the labels in ``ys``.

    Parameters
    ----------
    *ys : array-likes

    Returns
    -------
    labels : ndarray of shape (n_unique_labels,)

    Raises
    ------
    ValueError
        If the arrays mix strings and numbers.
    """
    arrays = [np.asarray(_to_ndarray(y, "y")).ravel() for y in ys]
    kinds = {"str" if a.dtype.kind in "UO" and a.size and isinstance(a[0], str) else "num" for a in arrays if a.size}
    if len(kinds) > 1:
        raise ValueError("Mix of label input types (string and number)")
    return np.unique(np.concatenate(arrays)) if arrays else np.array([])
