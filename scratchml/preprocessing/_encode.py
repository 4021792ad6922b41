"""Sorted unique values and integer codes for numeric *and* object columns.

NumPy's ``unique``/``searchsorted`` cover numeric columns. Object columns
(strings, or strings mixed with None/NaN) need plain Python: NaN is not equal
to itself, so ``set`` and ``dict`` would treat every NaN as a new value.
Missing values are kept apart and appended after the sorted values, None
before NaN, as scikit-learn does.
"""

import numpy as np

__all__ = ["check_unknown", "encode", "is_scalar_nan", "unique_values"]


def is_scalar_nan(x):
    """True for a float NaN scalar (not for None, strings or arrays)."""
    return bool(isinstance(x, (float, np.floating)) and np.isnan(x))


def _split_missing(values_set):
    missing = {v for v in values_set if v is None or is_scalar_nan(v)}
    has_none = None in missing
    has_nan = any(v is not None for v in missing)
    return values_set - missing, has_none, has_nan


def unique_values(values, *, return_counts=False):
    """Sorted unique values of a 1-D array, missing values last.

    Parameters
    ----------
    values : ndarray of shape (n_samples,)
    return_counts : bool, default=False

    Returns
    -------
    uniques : ndarray of shape (n_unique,)
    counts : ndarray of shape (n_unique,)
        Only when ``return_counts``.

    Raises
    ------
    TypeError
        An object column that mixes strings and numbers (they cannot be sorted).
    """
    if values.dtype == object:
        present, has_none, has_nan = _split_missing(set(values))
        try:
            uniques = sorted(present)
        except TypeError:
            types = sorted(t.__qualname__ for t in {type(v) for v in values})
            raise TypeError(
                "Encoders require their input argument must be uniformly strings or "
                f"numbers. Got {types}"
            ) from None
        uniques += [None] * has_none + [np.nan] * has_nan
        uniques = np.array(uniques, dtype=object)
        return (uniques, count_values(values, uniques)) if return_counts else uniques
    # np.unique sorts NaN last and (NumPy >= 1.21) collapses all NaNs into one
    if return_counts:
        return np.unique(values, return_counts=True)
    return np.unique(values)


def _lookup(uniques):
    table = {}
    nan_code = None
    for i, u in enumerate(uniques):
        if is_scalar_nan(u):
            nan_code = i
        else:
            table[u] = i
    return table, nan_code


def encode(values, uniques):
    """Position of each value in ``uniques`` (which must contain them all).

    Parameters
    ----------
    values : ndarray of shape (n_samples,)
    uniques : ndarray of shape (n_unique,)
        Sorted (numeric) or as returned by :func:`unique_values` (object).

    Returns
    -------
    codes : ndarray of int of shape (n_samples,)
    """
    if values.dtype.kind in "OUS":
        table, nan_code = _lookup(uniques)
        return np.array(
            [nan_code if is_scalar_nan(v) else table[v] for v in values], dtype=np.intp
        ).reshape(len(values))
    return np.searchsorted(uniques, values)


def count_values(values, uniques):
    """How often each entry of ``uniques`` occurs in ``values``."""
    if values.dtype.kind in "OUS":
        table, nan_code = _lookup(uniques)
        counts = np.zeros(len(uniques), dtype=np.int64)
        for v in values:
            code = nan_code if is_scalar_nan(v) else table.get(v)
            if code is not None:
                counts[code] += 1
        return counts
    valid = check_unknown(values, uniques, return_mask=True)[1]
    return np.bincount(encode(values[valid], uniques), minlength=len(uniques))


def check_unknown(values, known, *, return_mask=False):
    """Values of ``values`` that are not in ``known``.

    Parameters
    ----------
    values : ndarray of shape (n_samples,)
    known : ndarray of shape (n_known,)
    return_mask : bool, default=False
        Also return which entries of ``values`` are known.

    Returns
    -------
    diff : list
        The unknown values (each once).
    valid_mask : ndarray of bool of shape (n_samples,)
        Only when ``return_mask``.
    """
    if values.dtype.kind in "OUS" or known.dtype.kind in "OUS":
        table, nan_code = _lookup(known)

        def known_value(v):
            if is_scalar_nan(v):
                return nan_code is not None
            try:
                return v in table
            except TypeError:  # unhashable
                return False

        mask = np.array([known_value(v) for v in values], dtype=bool).reshape(len(values))
        diff_set, has_none, has_nan = _split_missing(set(values[~mask]))
        diff = list(diff_set) + [None] * has_none + [np.nan] * has_nan
    else:
        mask = np.isin(values, known)
        if np.isnan(known).any() if known.dtype.kind == "f" else False:
            mask |= np.isnan(values)
        diff = list(np.unique(values[~mask]))
    return (diff, mask) if return_mask else diff
