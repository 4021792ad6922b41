r"""``ColumnTransformer``: a different transformer for each group of columns.

Real tables mix numbers, categories and dates; each kind needs its own
preparation (scale the numbers, one-hot encode the categories). The column
transformer applies each transformer to its columns and concatenates the
results side by side, so the whole table goes through one fitted object.
"""

import re

import numpy as np

from ..base import BaseEstimator, TransformerMixin, clone
from ..pipeline import _NamedStepsMixin, _tags_of
from ..preprocessing._function_transformer import FunctionTransformer
from ..utils import Bunch
from ..utils.validation import (
    HasMethods,
    StrOptions,
    _is_dataframe,
    check_array,
    check_is_fitted,
    validate_data,
)

__all__ = ["ColumnTransformer", "make_column_selector", "make_column_transformer"]


def _passthrough():
    return FunctionTransformer(accept_sparse=True, check_inverse=False,
                               feature_names_out="one-to-one")


def _column_indices(X, key):
    """Positions of the columns ``key`` selects in ``X`` (int, str, slice, mask, list, callable)."""
    if callable(key):
        key = key(X)
    n_columns = X.shape[1]
    is_df = _is_dataframe(X)
    names = list(X.columns) if is_df else None

    def by_name(name):
        if not is_df:
            raise ValueError(
                "Specifying the columns using strings is only supported for dataframes."
            )
        try:
            return names.index(name)
        except ValueError:
            raise ValueError(f"A given column is not a column of the dataframe: {name!r}") from None

    def position(i):
        if not -n_columns <= i < n_columns:
            raise ValueError(
                f"all features must be in [0, {n_columns - 1}] or [-{n_columns}, 0]; got {i}"
            )
        return range(n_columns)[i]

    if isinstance(key, (int, np.integer)) and not isinstance(key, bool):
        return [position(int(key))]
    if isinstance(key, str):
        return [by_name(key)]
    if isinstance(key, slice):
        if isinstance(key.start, str) or isinstance(key.stop, str):
            start = 0 if key.start is None else by_name(key.start)
            stop = n_columns if key.stop is None else by_name(key.stop) + 1  # label slices include stop
            return list(range(start, stop))
        return list(range(n_columns)[key])
    key = np.asarray(key) if not isinstance(key, list) else key
    if len(key) == 0:
        return []
    arr = np.asarray(key)
    if arr.dtype.kind == "b":
        if arr.shape[0] != n_columns:
            raise ValueError(
                f"A boolean column mask must have length n_features={n_columns}, got {arr.shape[0]}."
            )
        return list(np.flatnonzero(arr))
    if arr.dtype.kind in "iu":
        return [position(int(i)) for i in arr]
    if all(isinstance(k, str) for k in key):
        return [by_name(k) for k in key]
    raise ValueError(
        "No valid specification of the columns. Only a scalar, list or slice of all "
        "integers or all strings, or boolean mask is allowed"
    )


def _is_scalar_key(key):
    return isinstance(key, (str, int, np.integer)) and not isinstance(key, bool)


def _select(X, key, indices):
    """Columns of ``X``: 1-D for a scalar key (as in scikit-learn), else 2-D."""
    if _is_scalar_key(key):
        return X.iloc[:, indices[0]] if _is_dataframe(X) else X[:, indices[0]]
    return X.iloc[:, indices] if _is_dataframe(X) else X[:, indices]


class ColumnTransformer(_NamedStepsMixin, TransformerMixin, BaseEstimator):
    r"""Apply transformers to column subsets and concatenate their outputs.

    Parameters
    ----------
    transformers : list of (name, transformer, columns) tuples
        ``transformer`` is an estimator with ``fit``/``transform``, ``'drop'``
        or ``'passthrough'``. ``columns`` is an int, str (DataFrame column
        name), slice, boolean mask, list of ints or strs, or a callable
        ``columns(X)`` returning one of those.
    remainder : {'drop', 'passthrough'} or estimator, default='drop'
        What happens to the columns no transformer names.
    sparse_threshold : float, default=0.3
        Ignored: scratchml is dense only, the output is always a dense array.
    n_jobs : int or None, default=None
        Ignored: transformers are fitted one after another.
    transformer_weights : dict or None, default=None
        Multiply a transformer's output by ``transformer_weights[name]``.
    verbose : bool, default=False
        Ignored (kept for scikit-learn compatibility).
    verbose_feature_names_out : bool, default=True
        Prefix output names with the transformer name (``'num__age'``).

    Attributes
    ----------
    transformers_ : list of (name, fitted transformer, columns) tuples
        The fitted clones, plus ``('remainder', ..., columns)`` when columns remain.
    named_transformers_ : Bunch
        Fitted transformers by name.
    output_indices_ : dict of str -> slice
        Which output columns came from which transformer.
    sparse_output_ : bool
        Always False.
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        String column keys on a NumPy array, unknown column names, a
        transformer whose output is not 2-D or has a different number of rows.

    Notes
    -----
    With column groups :math:`C_1, \dots, C_K` and transformers :math:`T_k`,

    .. math::
       :label: column-transformer

       \Phi(X) = \big[\, w_1 T_1(X_{:, C_1}) \;\big|\; \cdots \;\big|\;
                 w_K T_K(X_{:, C_K}) \,\big],

    a horizontal concatenation; each :math:`T_k` is a clone fitted on its
    own columns only.

    References
    ----------
    scikit-learn User Guide, §7.1.4 "ColumnTransformer for heterogeneous data".

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.compose import ColumnTransformer
    >>> from scratchml.preprocessing import MinMaxScaler
    >>> X = np.array([[0.0, 1.0, 5.0], [2.0, 3.0, 6.0]])
    >>> ct = ColumnTransformer([("mm", MinMaxScaler(), [0, 1])], remainder="passthrough")
    >>> ct.fit_transform(X)
    array([[0., 0., 5.],
           [1., 1., 6.]])
    >>> ct.get_feature_names_out()
    array(['mm__x0', 'mm__x1', 'remainder__x2'], dtype=object)
    """

    _parameter_constraints = {
        "transformers": [list],
        "remainder": [StrOptions({"drop", "passthrough"}), HasMethods(["fit", "transform"]),
                      HasMethods(["fit_transform", "transform"])],
        "transformer_weights": [dict, None],
        "verbose": ["boolean"],
        "verbose_feature_names_out": ["boolean"],
    }

    def __init__(
        self, transformers, *, remainder="drop", sparse_threshold=0.3, n_jobs=None,
        transformer_weights=None, verbose=False, verbose_feature_names_out=True,
    ):
        self.transformers = transformers
        self.remainder = remainder
        self.sparse_threshold = sparse_threshold
        self.n_jobs = n_jobs
        self.transformer_weights = transformer_weights
        self.verbose = verbose
        self.verbose_feature_names_out = verbose_feature_names_out

    def get_params(self, deep=True):
        """Parameters, and with ``deep`` each transformer's as ``name__param``.

        Parameters
        ----------
        deep : bool, default=True

        Returns
        -------
        params : dict
        """
        return self._get_named_params("transformers", deep)

    def set_params(self, **params):
        """Set parameters; ``name=estimator`` replaces a transformer.

        Parameters
        ----------
        **params : dict

        Returns
        -------
        self : ColumnTransformer
        """
        return self._set_named_params("transformers", **params)

    def _extra_tags(self):
        try:
            steps = [t for _, t, _ in self.transformers] + [self.remainder]
        except (TypeError, ValueError):
            return {}
        steps = [t for t in steps if not isinstance(t, str)]
        return {"allow_nan": all(_tags_of(t)["allow_nan"] for t in steps)}

    @property
    def named_transformers_(self):
        return Bunch(**{name: t for name, t, _ in self.transformers_})

    def _validate_transformers(self):
        names = [t[0] for t in self.transformers]
        self._check_names(names, self.get_params(deep=False))
        for name, t, _ in self.transformers:
            if isinstance(t, str):
                if t not in ("drop", "passthrough"):
                    raise ValueError(
                        f"The transformer {name!r} must be an estimator, 'drop' or "
                        f"'passthrough', got {t!r}."
                    )
            elif not (hasattr(t, "fit") or hasattr(t, "fit_transform")) or not hasattr(t, "transform"):
                raise TypeError(
                    "All estimators should implement fit and transform, or can be 'drop' "
                    f"or 'passthrough' specifiers. {t!r} (type {type(t)}) doesn't."
                )

    @staticmethod
    def _check_X(X):
        if _is_dataframe(X):
            if X.shape[0] < 1:
                raise ValueError(
                    f"Found array with 0 sample(s) (shape={X.shape}) while a minimum of 1 "
                    "is required by ColumnTransformer."
                )
            return X
        # keep strings and NaN: the column transformers decide what they accept
        return check_array(X, dtype=None, ensure_all_finite=False, estimator="ColumnTransformer")

    def _plan(self, X):
        """(name, transformer, key, column indices) for every group, remainder last."""
        plan, used = [], set()
        for name, t, key in self.transformers:
            if callable(key):
                key = key(X)  # resolved once, at fit: transformers_ keeps the result
            idx = _column_indices(X, key)
            used.update(idx)
            plan.append((name, t, key, idx))
        remaining = [j for j in range(X.shape[1]) if j not in used]
        if remaining:
            by_name = _is_dataframe(X) and all(
                isinstance(k, str) or (isinstance(k, list) and k and isinstance(k[0], str))
                for _, _, k in self.transformers
            )
            key = [X.columns[j] for j in remaining] if by_name else remaining
            plan.append(("remainder", self.remainder, key, remaining))
        return plan

    def fit(self, X, y=None, **params):
        """Fit every transformer on its columns.

        Parameters
        ----------
        X : array-like or DataFrame of shape (n_samples, n_features)
        y : array-like of shape (n_samples,), default=None
        **params : dict
            Ignored.

        Returns
        -------
        self : ColumnTransformer
        """
        self.fit_transform(X, y, **params)
        return self

    def fit_transform(self, X, y=None, **params):
        """Fit every transformer on its columns and concatenate the outputs (eq. column-transformer).

        Parameters
        ----------
        X : array-like or DataFrame of shape (n_samples, n_features)
        y : array-like of shape (n_samples,), default=None
        **params : dict
            Ignored.

        Returns
        -------
        X_t : ndarray of shape (n_samples, sum of the transformers' output widths)
        """
        self._validate_params()
        self._validate_transformers()
        X = self._check_X(X)
        validate_data(self, X, skip_check_array=True)
        fitted, outputs, self._input_columns = [], [], {}
        for name, t, key, idx in self._plan(X):
            self._input_columns[name] = idx
            if isinstance(t, str) and t == "drop" or len(idx) == 0:
                fitted.append((name, t, key))
                continue
            est = _passthrough() if isinstance(t, str) else clone(t)
            part = _select(X, key, idx)
            out = est.fit_transform(part, y) if hasattr(est, "fit_transform") else (
                est.fit(part, y).transform(part))
            fitted.append((name, est, key))
            outputs.append((name, self._check_output(name, out, X.shape[0])))
        self.transformers_ = fitted
        self.sparse_output_ = False
        return self._stack(outputs, X.shape[0], record=True)

    def _check_output(self, name, out, n_samples):
        out = np.asarray(out)
        if out.ndim != 2:
            raise ValueError(
                f"The output of the {name!r} transformer should be 2D (numpy array, "
                "or pandas DataFrame)."
            )
        if out.shape[0] != n_samples:
            raise ValueError(
                f"The output of the {name!r} transformer has {out.shape[0]} rows, "
                f"but the input has {n_samples}."
            )
        weights = self.transformer_weights or {}
        return out * weights[name] if name in weights else out

    def _stack(self, outputs, n_rows, record=False):
        if record:
            start, self.output_indices_ = 0, {}
            for name, *_ in self.transformers_:
                self.output_indices_[name] = slice(0, 0)
            for name, out in outputs:
                self.output_indices_[name] = slice(start, start + out.shape[1])
                start += out.shape[1]
            self.output_indices_.setdefault("remainder", slice(0, 0))
        if not outputs:
            return np.zeros((n_rows, 0))
        return np.hstack([out for _, out in outputs])  # eq. (column-transformer)

    def transform(self, X, **params):
        """Transform each column group with its fitted transformer and concatenate.

        Parameters
        ----------
        X : array-like or DataFrame of shape (n_samples, n_features)
        **params : dict
            Ignored.

        Returns
        -------
        X_t : ndarray of shape (n_samples, sum of the transformers' output widths)
        """
        check_is_fitted(self)
        X = self._check_X(X)
        validate_data(self, X, reset=False, skip_check_array=True)
        outputs = []
        for name, est, key in self.transformers_:
            if isinstance(est, str) and est == "drop":
                continue
            idx = _column_indices(X, key)
            if not idx:
                continue
            out = est.transform(_select(X, key, idx))
            outputs.append((name, self._check_output(name, out, X.shape[0])))
        return self._stack(outputs, X.shape[0])

    def get_feature_names_out(self, input_features=None):
        """Output names: each transformer's, prefixed ``'name__'`` if ``verbose_feature_names_out``.

        Parameters
        ----------
        input_features : array-like of str or None, default=None

        Returns
        -------
        feature_names_out : ndarray of str objects

        Raises
        ------
        AttributeError
            If a transformer cannot name its outputs.
        ValueError
            Duplicate names when ``verbose_feature_names_out=False``.
        """
        from ..preprocessing._base import check_feature_names_in

        check_is_fitted(self)
        names_in = check_feature_names_in(self, input_features)
        out = []
        for name, est, _ in self.transformers_:
            if isinstance(est, str) and est == "drop":
                continue
            idx = self._input_columns[name]
            if not idx:
                continue
            if not hasattr(est, "get_feature_names_out"):
                raise AttributeError(
                    f"Transformer {name} (type {type(est).__name__}) does not provide "
                    "get_feature_names_out."
                )
            sub = est.get_feature_names_out(names_in[idx])
            out.extend(f"{name}__{n}" if self.verbose_feature_names_out else n for n in sub)
        if not self.verbose_feature_names_out and len(set(out)) != len(out):
            dup = sorted({n for n in out if out.count(n) > 1})
            raise ValueError(
                f"Output feature names: {dup} are not unique. Please set "
                "verbose_feature_names_out=True to add prefixes to feature names"
            )
        return np.asarray(out, dtype=object)


def make_column_transformer(
    *transformers, remainder="drop", sparse_threshold=0.3, n_jobs=None, verbose=False,
    verbose_feature_names_out=True,
):
    """Build a :class:`ColumnTransformer` from ``(transformer, columns)`` pairs, naming them.

    Parameters
    ----------
    *transformers : tuples (transformer, columns)
    remainder, sparse_threshold, n_jobs, verbose, verbose_feature_names_out
        As in :class:`ColumnTransformer`.

    Returns
    -------
    ct : ColumnTransformer

    Examples
    --------
    >>> from scratchml.compose import make_column_transformer
    >>> from scratchml.preprocessing import StandardScaler
    >>> ct = make_column_transformer((StandardScaler(), [0]), ("drop", [1]))
    >>> [name for name, _, _ in ct.transformers]
    ['standardscaler', 'drop']
    """
    from ..pipeline import _name_estimators

    named = _name_estimators([t for t, _ in transformers])
    return ColumnTransformer(
        [(name, t, cols) for (name, t), (_, cols) in zip(named, transformers)],
        remainder=remainder, sparse_threshold=sparse_threshold, n_jobs=n_jobs,
        verbose=verbose, verbose_feature_names_out=verbose_feature_names_out,
    )


class make_column_selector:
    """Select DataFrame columns by name pattern and/or dtype, for ``ColumnTransformer``.

    Parameters
    ----------
    pattern : str or None, default=None
        Keep names matching this regular expression (``re.search``).
    dtype_include, dtype_exclude : dtype, str or list of these, default=None
        Keep / drop columns of these dtypes (``DataFrame.select_dtypes``).

    Examples
    --------
    >>> import pandas as pd
    >>> from scratchml.compose import make_column_selector
    >>> df = pd.DataFrame({"age": [30, 40], "city": ["a", "b"]})
    >>> make_column_selector(dtype_include="number")(df)
    ['age']
    """

    def __init__(self, pattern=None, *, dtype_include=None, dtype_exclude=None):
        self.pattern = pattern
        self.dtype_include = dtype_include
        self.dtype_exclude = dtype_exclude

    def __call__(self, df):
        if not _is_dataframe(df):
            raise ValueError("make_column_selector can only be applied to pandas dataframes")
        cols = df.iloc[:1]
        if self.dtype_include is not None or self.dtype_exclude is not None:
            cols = cols.select_dtypes(include=self.dtype_include, exclude=self.dtype_exclude)
        names = list(cols.columns)
        if self.pattern is not None:
            names = [n for n in names if re.search(self.pattern, str(n))]
        return names
