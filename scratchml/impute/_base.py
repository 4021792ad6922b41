r"""``SimpleImputer`` and ``MissingIndicator``: fill each column with one statistic.

The simplest repair of missing data: replace each missing entry of column j
by a statistic of the observed entries of column j (their mean, median or
mode, or a constant). The fact that a value was missing can itself be
predictive, so the imputers can append the missingness mask as extra 0/1
columns (``add_indicator``).
"""

import numbers
import warnings
from collections import Counter

import numpy as np

from ..base import BaseEstimator, TransformerMixin
from ..preprocessing._base import check_feature_names_in
from ..utils.validation import StrOptions, check_is_fitted, validate_data

__all__ = ["MissingIndicator", "SimpleImputer"]


def is_scalar_nan(x):
    """True for a float NaN scalar."""
    return bool(isinstance(x, (float, np.floating)) and np.isnan(x))


def get_mask(X, missing_values):
    """Boolean mask of the entries of ``X`` equal to ``missing_values`` (NaN-aware)."""
    if is_scalar_nan(missing_values):
        if X.dtype.kind == "f":
            return np.isnan(X)
        if X.dtype.kind in "iu":
            return np.zeros(X.shape, dtype=bool)
        return X != X  # object arrays: NaN is the only value not equal to itself
    return X == missing_values


def check_inputs_dtype(X, missing_values):
    if X.dtype.kind in "iuf" and not isinstance(missing_values, numbers.Real):
        raise ValueError(
            "'X' and 'missing_values' types are expected to be both numerical. Got "
            f"X.dtype={X.dtype} and type(missing_values)={type(missing_values)}."
        )


def most_frequent(values):
    """Most frequent value; the smallest among ties; NaN for an empty column."""
    if values.size == 0:
        return np.nan
    if values.dtype == object:
        counts = Counter(values)
        top = max(counts.values())
        return min(v for v, c in counts.items() if c == top)
    uniques, counts = np.unique(values, return_counts=True)
    return uniques[np.argmax(counts)]  # argmax: first (smallest) of the tied values


class MissingIndicator(TransformerMixin, BaseEstimator):
    r"""Binary mask of the missing entries: :math:`m_{ij} = \mathbb{1}[x_{ij} \text{ missing}]`.

    Parameters
    ----------
    missing_values : int, float, str, np.nan or None, default=np.nan
        The placeholder for a missing value.
    features : {'missing-only', 'all'}, default='missing-only'
        Indicate only the columns that had missing values in ``fit``, or all.
    sparse : bool or 'auto', default='auto'
        Must not be True: scratchml returns dense boolean arrays.
    error_on_new : bool, default=True
        Raise if ``transform`` finds missing values in a column that had none
        in ``fit`` (only with 'missing-only').

    Attributes
    ----------
    features_ : ndarray of shape (n_indicated_features,)
        Columns that get an indicator.
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        New missing columns with ``error_on_new``; ``sparse=True``.

    References
    ----------
    Little, Rubin, *Statistical Analysis with Missing Data*, 3rd ed., §1.3
    (the missingness indicator matrix M).

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.impute import MissingIndicator
    >>> X = np.array([[np.nan, 1.0, 3.0], [4.0, 0.0, np.nan], [8.0, 1.0, 0.0]])
    >>> MissingIndicator().fit_transform(X)
    array([[ True, False],
           [False,  True],
           [False, False]])
    """

    _parameter_constraints = {
        "missing_values": [numbers.Real, numbers.Integral, str, None],
        "features": [StrOptions({"missing-only", "all"})],
        "sparse": ["boolean", StrOptions({"auto"})],
        "error_on_new": ["boolean"],
    }

    def __init__(self, *, missing_values=np.nan, features="missing-only", sparse="auto",
                 error_on_new=True):
        self.missing_values = missing_values
        self.features = features
        self.sparse = sparse
        self.error_on_new = error_on_new

    def _extra_tags(self):
        return {"allow_nan": is_scalar_nan(self.missing_values), "string": True,
                "preserves_dtype": []}

    def _validate_input(self, X, reset):
        X = validate_data(
            self, X, reset=reset, dtype=None,
            ensure_all_finite="allow-nan" if is_scalar_nan(self.missing_values) else True,
        )
        check_inputs_dtype(X, self.missing_values)
        if X.dtype.kind not in "iufO":
            raise ValueError(
                f"MissingIndicator does not support data with dtype {X.dtype}. Please "
                "provide either a numeric array (with a floating point or integer dtype) "
                "or categorical data represented either as an array with integer dtype "
                "or an array of string values with an object dtype."
            )
        return X

    def _mask_and_features(self, X):
        mask = get_mask(X, self.missing_values)
        features = (np.arange(X.shape[1]) if self.features == "all"
                    else np.flatnonzero(mask.sum(axis=0)))
        return mask, features

    def _fit_mask(self, mask):
        """Fit from a precomputed mask (used by the imputers' ``add_indicator``)."""
        self._n_features = mask.shape[1]
        self.features_ = (np.arange(mask.shape[1]) if self.features == "all"
                          else np.flatnonzero(mask.sum(axis=0)))
        return self

    def fit(self, X, y=None):
        """Find the columns with missing values.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : None
            Ignored.

        Returns
        -------
        self : MissingIndicator
        """
        self._validate_params()
        if self.sparse is True:
            raise ValueError("sparse=True is not supported: scratchml is dense only.")
        X = self._validate_input(X, reset=True)
        self._n_features = X.shape[1]
        self.features_ = self._mask_and_features(X)[1]
        return self

    def _transform_mask(self, mask):
        if self.features == "missing-only":
            new = np.setdiff1d(np.flatnonzero(mask.sum(axis=0)), self.features_)
            if self.error_on_new and new.size > 0:
                raise ValueError(
                    f"The features {new} have missing values in transform but have no "
                    "missing values in fit."
                )
            if self.features_.size < self._n_features:
                mask = mask[:, self.features_]
        return mask

    def transform(self, X):
        """Missingness mask of the indicated columns.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        Xt : ndarray of bool of shape (n_samples, n_indicated_features)
        """
        check_is_fitted(self)
        X = self._validate_input(X, reset=False)
        return self._transform_mask(get_mask(X, self.missing_values))

    def get_feature_names_out(self, input_features=None):
        """``missingindicator_<name>`` for each indicated column.

        Parameters
        ----------
        input_features : array-like of str or None, default=None

        Returns
        -------
        feature_names_out : ndarray of str objects
        """
        check_is_fitted(self, "n_features_in_")
        names = check_feature_names_in(self, input_features)
        return np.asarray([f"missingindicator_{n}" for n in names[self.features_]], dtype=object)


class _IndicatorMixin:
    """``add_indicator`` support shared by the imputers."""

    def _fit_indicator(self, mask):
        self.indicator_ = (
            MissingIndicator(missing_values=self.missing_values, error_on_new=False)._fit_mask(mask)
            if self.add_indicator else None
        )
        if self.indicator_ is not None:
            self.indicator_.n_features_in_ = mask.shape[1]

    def _with_indicator(self, X_imputed, mask):
        if not self.add_indicator:
            return X_imputed
        return np.hstack([X_imputed, self.indicator_._transform_mask(mask)])

    def _indicator_names(self, names, input_features):
        if not self.add_indicator:
            return names
        extra = [f"missingindicator_{n}" for n in input_features[self.indicator_.features_]]
        return np.concatenate([np.asarray(names, dtype=object), np.asarray(extra, dtype=object)])


class SimpleImputer(_IndicatorMixin, TransformerMixin, BaseEstimator):
    r"""Replace missing values by a per-column statistic.

    Parameters
    ----------
    missing_values : int, float, str, np.nan or None, default=np.nan
        The placeholder for a missing value.
    strategy : {'mean', 'median', 'most_frequent', 'constant'} or callable, default='mean'
        The statistic of eq. (simple-impute); a callable gets the observed
        values of one column and returns the fill value.
    fill_value : str or number, default=None
        For 'constant': the fill value (None means 0 for numbers,
        ``'missing_value'`` for strings).
    copy : bool, default=True
        Ignored: the input is never modified.
    add_indicator : bool, default=False
        Append the :class:`MissingIndicator` columns.
    keep_empty_features : bool, default=False
        Keep columns with no observed value (filled with 0, or ``fill_value``)
        instead of dropping them.

    Attributes
    ----------
    statistics_ : ndarray of shape (n_features,)
        Fill value of each column (NaN for an all-missing column, which
        ``transform`` drops unless ``keep_empty_features``).
    indicator_ : MissingIndicator or None
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        'mean'/'median' on non-numeric data; a ``fill_value`` that cannot be
        cast to the data's dtype; mismatched ``missing_values`` and data types.

    Notes
    -----
    With :math:`O_j` the observed rows of column j,

    .. math::
       :label: simple-impute

       \hat x_{ij} = s_j \ \text{ for missing } x_{ij}, \qquad
       s_j \in \Big\{\tfrac{1}{|O_j|}\textstyle\sum_{i \in O_j} x_{ij},\
       \operatorname{median}_{i \in O_j} x_{ij},\ \operatorname{mode}_{i \in O_j} x_{ij},\ c\Big\}.

    Mean imputation keeps the column mean but shrinks its variance and its
    correlations; it is a baseline, not a model of the missing data.

    References
    ----------
    Little, Rubin, *Statistical Analysis with Missing Data*, 3rd ed., §4.2.1
    (unconditional mean imputation).

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.impute import SimpleImputer
    >>> SimpleImputer(strategy="mean").fit_transform([[np.nan, 2.0], [6.0, np.nan], [7.0, 6.0]])
    array([[6.5, 2. ],
           [6. , 4. ],
           [7. , 6. ]])
    """

    _parameter_constraints = {
        "missing_values": [numbers.Real, numbers.Integral, str, None],
        "strategy": [StrOptions({"mean", "median", "most_frequent", "constant"}), "callable"],
        "fill_value": [numbers.Real, numbers.Integral, str, None, np.generic],
        "copy": ["boolean"],
        "add_indicator": ["boolean"],
        "keep_empty_features": ["boolean"],
    }

    def __init__(self, *, missing_values=np.nan, strategy="mean", fill_value=None, copy=True,
                 add_indicator=False, keep_empty_features=False):
        self.missing_values = missing_values
        self.strategy = strategy
        self.fill_value = fill_value
        self.copy = copy
        self.add_indicator = add_indicator
        self.keep_empty_features = keep_empty_features

    def _extra_tags(self):
        return {"allow_nan": is_scalar_nan(self.missing_values),
                "string": self.strategy in ("most_frequent", "constant"),
                "preserves_dtype": []}

    def _validate_input(self, X, in_fit):
        if self.strategy in ("most_frequent", "constant"):
            is_str_list = isinstance(X, list) and any(isinstance(v, str) for row in X for v in row)
            dtype = object if is_str_list else None
        else:
            dtype = [np.float64, np.float32]
        if not in_fit and self._fit_dtype.kind == "O":
            dtype = self._fit_dtype
        finite = "allow-nan" if is_scalar_nan(self.missing_values) else True
        try:
            X = validate_data(self, X, reset=in_fit, dtype=dtype, ensure_all_finite=finite)
        except ValueError as exc:
            if "could not convert" in str(exc):
                raise ValueError(
                    f"Cannot use {self.strategy} strategy with non-numeric data, X must "
                    f"contain numbers only:\n{exc}"
                ) from None
            raise
        if in_fit:
            self._fit_dtype = X.dtype
        check_inputs_dtype(X, self.missing_values)
        if X.dtype.kind not in "iufO":
            raise ValueError(
                f"SimpleImputer does not support data with dtype {X.dtype}. Please provide "
                "either a numeric array (with a floating point or integer dtype) or "
                "categorical data represented either as an array with integer dtype or "
                "an array of string values with an object dtype."
            )
        if self.strategy == "constant":
            if in_fit and self.fill_value is not None:
                fill_dtype = np.asarray(self.fill_value).dtype if isinstance(
                    self.fill_value, np.generic) else type(self.fill_value)
                if not np.can_cast(fill_dtype, X.dtype, casting="same_kind"):
                    raise ValueError(
                        f"fill_value={self.fill_value!r} (of type {type(self.fill_value)!r}) "
                        f"cannot be cast to the input data that is {X.dtype!r}."
                    )
            elif not in_fit and not np.can_cast(self._fill_dtype, X.dtype, casting="same_kind"):
                raise ValueError(
                    f"The dtype of the filling value (i.e. {self._fill_dtype!r}) cannot be "
                    f"cast to the input data that is {X.dtype!r}."
                )
        return X

    def fit(self, X, y=None):
        """Compute the fill value of each column (eq. simple-impute).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : None
            Ignored.

        Returns
        -------
        self : SimpleImputer
        """
        self._validate_params()
        X = self._validate_input(X, in_fit=True)
        if self.fill_value is None:
            fill_value = 0 if X.dtype.kind in "iuf" else "missing_value"
        else:
            fill_value = self.fill_value
        self._fill_dtype = X.dtype
        mask = get_mask(X, self.missing_values)
        self._fit_indicator(mask)
        n_observed = (~mask).sum(axis=0)
        empty = n_observed == 0
        if self.strategy == "constant":
            stats = np.full(X.shape[1], fill_value, dtype=object)
            if not self.keep_empty_features:
                stats[empty] = np.nan
            self.statistics_ = stats
            return self
        if self.strategy == "mean":
            with np.errstate(invalid="ignore", divide="ignore"):
                stats = np.where(mask, 0, X).sum(axis=0) / n_observed  # eq. (simple-impute)
        elif self.strategy == "median":
            stats = np.array([
                np.median(X[~mask[:, j], j]) if not empty[j] else np.nan
                for j in range(X.shape[1])
            ])
        else:
            columns = [X[~mask[:, j], j] for j in range(X.shape[1])]
            if self.strategy == "most_frequent":
                values = [most_frequent(c) for c in columns]
            else:
                values = [self.strategy(c) for c in columns]
            stats = np.empty(X.shape[1], dtype=object if X.dtype.kind == "O" else np.float64)
            stats[:] = values
        if self.keep_empty_features:
            stats[empty] = 0
        elif self.strategy in ("mean", "median"):
            stats[empty] = np.nan
        self.statistics_ = stats
        return self

    def _valid_columns(self):
        if self.keep_empty_features:
            return np.arange(len(self.statistics_))
        return np.flatnonzero(~get_mask(self.statistics_, np.nan))

    def transform(self, X):
        """Fill the missing entries of each column with its statistic.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_imputed : ndarray of shape (n_samples, n_features_out)
            All-missing training columns are dropped (unless
            ``keep_empty_features``); indicator columns come last.
        """
        check_is_fitted(self)
        X = self._validate_input(X, in_fit=False)
        mask = get_mask(X, self.missing_values)
        valid = self._valid_columns()
        if valid.size < X.shape[1]:
            invalid = np.setdiff1d(np.arange(X.shape[1]), valid)
            if hasattr(self, "feature_names_in_"):
                invalid = self.feature_names_in_[invalid]
            warnings.warn(
                f"Skipping features without any observed values: {invalid}. At least one "
                f"non-missing value is needed for imputation with strategy='{self.strategy}'.",
                UserWarning,
                stacklevel=2,
            )
        out = X[:, valid].copy()  # never fill the caller's array
        fill = self.statistics_[valid].astype(self._fill_dtype, copy=False)
        rows, cols = np.nonzero(mask[:, valid])
        out[rows, cols] = fill[cols]
        return self._with_indicator(out, mask)

    def inverse_transform(self, X):
        """Put the missing values back where the indicator columns say (needs ``add_indicator``).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features_out)

        Returns
        -------
        X_original : ndarray of shape (n_samples, ``n_features_in_``)
        """
        check_is_fitted(self)
        if not self.add_indicator:
            raise ValueError(
                "'inverse_transform' works only when 'SimpleImputer' is instantiated with "
                f"'add_indicator=True'. Got 'add_indicator={self.add_indicator}' instead."
            )
        X = np.asarray(X)
        n_ind = len(self.indicator_.features_)
        imputed = X[:, : X.shape[1] - n_ind]
        ind_mask = X[:, X.shape[1] - n_ind:].astype(bool)
        n_features = len(self.statistics_)
        full_mask = np.zeros((X.shape[0], n_features), dtype=bool)
        full_mask[:, self.indicator_.features_] = ind_mask
        original = np.zeros((X.shape[0], n_features), dtype=imputed.dtype)
        original[:, self._valid_columns()] = imputed
        original[full_mask] = self.missing_values
        return original

    def get_feature_names_out(self, input_features=None):
        """Names of the kept columns, then ``missingindicator_<name>``.

        Parameters
        ----------
        input_features : array-like of str or None, default=None

        Returns
        -------
        feature_names_out : ndarray of str objects
        """
        check_is_fitted(self, "n_features_in_")
        names = check_feature_names_in(self, input_features)
        return self._indicator_names(names[self._valid_columns()], names)
