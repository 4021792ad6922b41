r"""``OrdinalEncoder``: each categorical column becomes the integer code of its category."""

import numbers
from numbers import Integral

import numpy as np

from ..utils.validation import StrOptions, check_array, check_is_fitted
from ._base import OneToOneFeatureMixin
from ._encode import is_scalar_nan
from ._encoders import _INFREQUENT_PARAMS, INFREQUENT, _BaseEncoder

__all__ = ["OrdinalEncoder"]


class OrdinalEncoder(OneToOneFeatureMixin, _BaseEncoder):
    r"""Encode each categorical column as one integer column: the category's rank.

    Parameters
    ----------
    categories : 'auto' or list of array-like, default='auto'
        As in :class:`OneHotEncoder`.
    dtype : numeric type, default=np.float64
        Dtype of the output.
    handle_unknown : {'error', 'use_encoded_value'}, default='error'
        'use_encoded_value' maps unseen categories to ``unknown_value``.
    unknown_value : int, np.nan or None, default=None
        The code of unknown categories; must not be a code of a known one.
    encoded_missing_value : int or np.nan, default=np.nan
        The code of missing values (NaN/None).
    min_frequency, max_categories : default=None
        Group rare categories into one code, as in :class:`OneHotEncoder`.

    Attributes
    ----------
    categories_ : list of ndarray
        Categories of each feature, sorted, missing values last.
    infrequent_categories_ : list of ndarray or None
        Only with ``min_frequency`` or ``max_categories``.
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        Unknown categories with ``handle_unknown='error'``; an ``unknown_value``
        or ``encoded_missing_value`` that collides with a known code.
    TypeError
        ``unknown_value`` set without ``handle_unknown='use_encoded_value'``.

    Notes
    -----
    .. math::
       :label: ordinal

       z_{ij} = k - 1 \quad\text{where } x_{ij} = c_{jk},

    the 0-based position of the value among the sorted categories of column
    j. The order is alphabetical/numerical, not a meaningful ranking unless
    ``categories`` says so.

    References
    ----------
    Géron, *Hands-On Machine Learning*, 3rd ed., ch. 2 "Handling text and
    categorical attributes".

    Examples
    --------
    >>> from scratchml.preprocessing import OrdinalEncoder
    >>> enc = OrdinalEncoder().fit([["low"], ["high"], ["mid"]])
    >>> enc.transform([["mid"], ["low"]])
    array([[2.],
           [1.]])
    >>> enc.inverse_transform([[0.0]])
    array([['high']], dtype=object)
    """

    _parameter_constraints = {
        "categories": [StrOptions({"auto"}), list],
        "dtype": [type, np.dtype],
        "handle_unknown": [StrOptions({"error", "use_encoded_value"})],
        "unknown_value": [Integral, "nan", None],
        "encoded_missing_value": [Integral, "nan"],
        **_INFREQUENT_PARAMS,
    }

    def __init__(
        self, *, categories="auto", dtype=np.float64, handle_unknown="error",
        unknown_value=None, encoded_missing_value=np.nan, min_frequency=None,
        max_categories=None,
    ):
        self.categories = categories
        self.dtype = dtype
        self.handle_unknown = handle_unknown
        self.unknown_value = unknown_value
        self.encoded_missing_value = encoded_missing_value
        self.min_frequency = min_frequency
        self.max_categories = max_categories

    def fit(self, X, y=None):
        """Learn the categories of each feature.

        Parameters
        ----------
        X : array-like or DataFrame of shape (n_samples, n_features)
        y : None
            Ignored.

        Returns
        -------
        self : OrdinalEncoder
        """
        self._validate_params()
        if self.handle_unknown == "use_encoded_value":
            if is_scalar_nan(self.unknown_value):
                if np.dtype(self.dtype).kind != "f":
                    raise ValueError(
                        "When unknown_value is np.nan, the dtype parameter should be a "
                        f"float dtype. Got {self.dtype}."
                    )
            elif not isinstance(self.unknown_value, numbers.Integral):
                raise TypeError(
                    "unknown_value should be an integer or np.nan when handle_unknown is "
                    f"'use_encoded_value', got {self.unknown_value}."
                )
        elif self.unknown_value is not None:
            raise TypeError(
                "unknown_value should only be set when handle_unknown is "
                f"'use_encoded_value', got {self.unknown_value}."
            )
        self._fit(X, self.handle_unknown, ignore_missing_for_infrequent=True)
        cardinalities = [len(c) for c in self.categories_]
        if self._infrequent_enabled:
            for i, idx in enumerate(self._infrequent_indices):
                if idx is not None:
                    cardinalities[i] -= len(idx)
        for i in self._missing_indices:
            cardinalities[i] -= 1
        if self.handle_unknown == "use_encoded_value":
            if any(0 <= self.unknown_value < c for c in cardinalities):
                raise ValueError(
                    f"The used value for unknown_value {self.unknown_value} is one of the "
                    "values already used for encoding the seen categories."
                )
        if self._missing_indices:
            if np.dtype(self.dtype).kind != "f" and is_scalar_nan(self.encoded_missing_value):
                raise ValueError(
                    f"There are missing values in features {list(self._missing_indices)}. "
                    f"For OrdinalEncoder to encode missing values with dtype: {self.dtype}, "
                    "set encoded_missing_value to a non-nan value, or set dtype to a float"
                )
            if not is_scalar_nan(self.encoded_missing_value):
                bad = [i for i in self._missing_indices
                       if 0 <= self.encoded_missing_value < cardinalities[i]]
                if bad:
                    raise ValueError(
                        f"encoded_missing_value ({self.encoded_missing_value}) is already "
                        f"used to encode a known category in features: {bad}"
                    )
        return self

    def transform(self, X):
        """Replace each value by its category code (eq. ordinal).

        Parameters
        ----------
        X : array-like or DataFrame of shape (n_samples, n_features)

        Returns
        -------
        X_out : ndarray of shape (n_samples, n_features)
        """
        check_is_fitted(self, "categories_")
        X_int, X_mask = self._transform(X, self.handle_unknown)
        out = X_int.astype(self.dtype)  # eq. (ordinal)
        for i, missing in self._missing_indices.items():
            out[X_int[:, i] == missing, i] = self.encoded_missing_value
        if self.handle_unknown == "use_encoded_value":
            out[~X_mask] = self.unknown_value
        return out

    def inverse_transform(self, X):
        """Category of each code (None for ``unknown_value``).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_original : ndarray of shape (n_samples, n_features)
        """
        check_is_fitted(self)
        X = check_array(X, ensure_all_finite="allow-nan")
        n_features = len(self.categories_)
        if X.shape[1] != n_features:
            raise ValueError(
                f"Shape of the passed X data is not correct. Expected {n_features} "
                f"columns, got {X.shape[1]}."
            )
        X_tr = np.empty(X.shape, dtype=np.result_type(*[c.dtype for c in self.categories_]))
        unknown, infrequent_rows = {}, {}
        infrequent = getattr(self, "_infrequent_indices", None) if self._infrequent_enabled else None
        for i in range(n_features):
            labels = X[:, i].copy()  # never modify the caller's array
            if i in self._missing_indices:
                labels[_equal(labels, self.encoded_missing_value)] = self._missing_indices[i]
            rows = np.ones(len(labels), dtype=bool)
            cats = self.categories_[i]
            if infrequent is not None and infrequent[i] is not None:
                infrequent_rows[i] = labels == len(cats) - len(infrequent[i])
                rows &= ~infrequent_rows[i]
                keep = np.ones(len(cats), dtype=bool)
                keep[infrequent[i]] = False
                cats = cats[keep]
            if self.handle_unknown == "use_encoded_value":
                unknown[i] = _equal(labels, self.unknown_value)
                rows &= ~unknown[i]
            X_tr[rows, i] = cats[labels[rows].astype(np.int64)]
        if unknown or infrequent_rows:
            X_tr = X_tr.astype(object)
        for i, rows in unknown.items():
            X_tr[rows, i] = None
        for i, rows in infrequent_rows.items():
            X_tr[rows, i] = INFREQUENT
        return X_tr


def _equal(values, target):
    """``values == target``, with NaN equal to NaN."""
    return np.isnan(values) if is_scalar_nan(target) else values == target
