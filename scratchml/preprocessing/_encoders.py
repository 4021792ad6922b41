r"""Categorical encoders: ``OneHotEncoder`` and ``OrdinalEncoder``.

Both learn the categories of each column (sorted; missing values last), then
map each value to its category code. ``OneHotEncoder`` spreads the code of
column j over :math:`K_j` indicator columns; ``OrdinalEncoder`` keeps it as a
single number. Rare categories can be grouped into one "infrequent" category.
"""

import numbers
import warnings
from numbers import Integral, Real

import numpy as np

from ..base import BaseEstimator, TransformerMixin
from ..utils.validation import (
    Interval,
    StrOptions,
    _is_dataframe,
    check_array,
    check_is_fitted,
    validate_data,
)
from ._base import check_feature_names_in
from ._encode import check_unknown, count_values, encode, is_scalar_nan, unique_values

__all__ = ["OneHotEncoder"]

INFREQUENT = "infrequent_sklearn"  # scikit-learn's label, kept for interchangeable output


class _BaseEncoder(TransformerMixin, BaseEstimator):
    """Category learning, unknown handling and infrequent grouping shared by both encoders."""

    def _extra_tags(self):
        return {"allow_nan": True, "string": True, "categorical": True, "preserves_dtype": []}

    @staticmethod
    def _check_X(X):
        """Columns of ``X`` as a list of 1-D arrays, each keeping its own dtype."""
        if not _is_dataframe(X):
            X_arr = check_array(X, dtype=None, ensure_all_finite="allow-nan")
            if not hasattr(X, "dtype") and X_arr.dtype.kind in "US":
                # a list mixing strings and numbers: keep each Python value as it is
                # (NumPy would turn 1 into '1'), and fixed-width strings could truncate
                X_arr = check_array(np.array(X, dtype=object), dtype=None,
                                    ensure_all_finite="allow-nan")
            return [X_arr[:, j] for j in range(X_arr.shape[1])], X_arr.shape
        if X.shape[0] < 1:
            raise ValueError(f"Found array with 0 sample(s) (shape={X.shape}) while a minimum of 1 is required.")
        cols = [
            check_array(X.iloc[:, j], ensure_2d=False, dtype=None, ensure_all_finite="allow-nan")
            for j in range(X.shape[1])
        ]
        return cols, X.shape

    def _fit(self, X, handle_unknown, ignore_missing_for_infrequent=False):
        self._infrequent_enabled = (
            self.max_categories is not None and self.max_categories >= 1
        ) or self.min_frequency is not None
        validate_data(self, X, skip_check_array=True)
        columns, (n_samples, n_features) = self._check_X(X)
        self.n_features_in_ = n_features
        if not (isinstance(self.categories, str) and self.categories == "auto"):
            if len(self.categories) != n_features:
                raise ValueError(
                    "Shape mismatch: if categories is an array, it has to be of shape "
                    "(n_features,)."
                )
        self.categories_, counts = [], []
        for i, Xi in enumerate(columns):
            if isinstance(self.categories, str):
                cats, count = unique_values(Xi, return_counts=True)
            else:
                cats = self._user_categories(Xi, i)
                if handle_unknown == "error":
                    diff = check_unknown(Xi, cats)
                    if diff:
                        raise ValueError(f"Found unknown categories {diff} in column {i} during fit")
                count = count_values(Xi, cats)
            self.categories_.append(cats)
            counts.append(count)
        self._missing_indices = {}
        if ignore_missing_for_infrequent:
            for i, cats in enumerate(self.categories_):
                if len(cats) and is_scalar_nan(cats[-1]):
                    self._missing_indices[i] = len(cats) - 1
        if self._infrequent_enabled:
            self._fit_infrequent(n_samples, counts)

    def _user_categories(self, Xi, i):
        dtype = object if Xi.dtype.kind in "US" else Xi.dtype
        cats = np.array(self.categories[i], dtype=dtype)
        if any(is_scalar_nan(c) for c in cats[:-1]):
            raise ValueError(
                f"Nan should be the last element in user provided categories, see "
                f"categories {cats} in column #{i}"
            )
        if cats.size != len(unique_values(cats)):
            raise ValueError(f"In column {i}, the predefined categories contain duplicate elements.")
        if Xi.dtype.kind not in "OUS":
            stop = -1 if cats.size and np.isnan(cats[-1]) else None
            if np.any(np.sort(cats)[:stop] != cats[:stop]):
                raise ValueError("Unsorted categories are not supported for numerical categories")
        return cats

    # --- infrequent categories ----------------------------------------------
    def _identify_infrequent(self, count, n_samples):
        r"""Indices of the categories grouped as infrequent (eq. infrequent)."""
        if isinstance(self.min_frequency, numbers.Integral):
            infrequent = count < self.min_frequency  # eq. (infrequent)
        elif isinstance(self.min_frequency, numbers.Real):
            infrequent = count < n_samples * self.min_frequency
        else:
            infrequent = np.zeros(count.shape[0], dtype=bool)
        n_out = count.size - infrequent.sum() + 1  # +1: the infrequent output itself
        if self.max_categories is not None and self.max_categories < n_out:
            n_frequent = self.max_categories - 1
            if n_frequent == 0:
                infrequent[:] = True
            else:
                # stable sort: among equal counts the earlier (smaller) category stays frequent
                infrequent[np.argsort(count, kind="mergesort")[:-n_frequent]] = True
        idx = np.flatnonzero(infrequent)
        return idx if idx.size else None

    def _fit_infrequent(self, n_samples, counts):
        counts = [
            np.delete(c, self._missing_indices[i]) if i in self._missing_indices else c
            for i, c in enumerate(counts)
        ]
        self._infrequent_indices = [self._identify_infrequent(c, n_samples) for c in counts]
        # code of category k -> code after grouping (all infrequent share the last code)
        self._default_to_infrequent = []
        for i, infrequent in enumerate(self._infrequent_indices):
            if infrequent is None:
                self._default_to_infrequent.append(None)
                continue
            n_cats = len(self.categories_[i]) - (i in self._missing_indices)
            mapping = np.empty(n_cats, dtype=np.int64)
            n_frequent = n_cats - infrequent.size
            mapping[infrequent] = n_frequent
            mapping[np.setdiff1d(np.arange(n_cats), infrequent)] = np.arange(n_frequent)
            self._default_to_infrequent.append(mapping)

    @property
    def infrequent_categories_(self):
        """list of ndarray or None: the categories grouped as infrequent, per feature."""
        if not getattr(self, "_infrequent_enabled", False):
            raise AttributeError("infrequent_categories_ needs min_frequency or max_categories")
        return [
            None if idx is None else cats[idx]
            for cats, idx in zip(self.categories_, self._infrequent_indices)
        ]

    # --- transform ----------------------------------------------------------
    def _transform(self, X, handle_unknown, warn_on_unknown=False):
        """Integer codes (n_samples, n_features) and a mask of the known entries."""
        columns, (n_samples, n_features) = self._check_X(X)
        validate_data(self, X, reset=False, skip_check_array=True)
        X_int = np.zeros((n_samples, n_features), dtype=np.intp)
        X_mask = np.ones((n_samples, n_features), dtype=bool)
        with_unknown = []
        for i, Xi in enumerate(columns):
            diff, valid = check_unknown(Xi, self.categories_[i], return_mask=True)
            if not valid.all():
                if handle_unknown == "error":
                    raise ValueError(f"Found unknown categories {diff} in column {i} during transform")
                with_unknown.append(i)
                X_mask[:, i] = valid
                Xi = Xi.astype(object) if Xi.dtype.kind in "US" else Xi.copy()
                Xi[~valid] = self.categories_[i][0]  # placeholder; masked out below
            X_int[:, i] = encode(Xi, self.categories_[i])
        if with_unknown and warn_on_unknown:
            fate = ("encoded as the infrequent category" if handle_unknown == "infrequent_if_exist"
                    else "encoded as all zeros")
            warnings.warn(
                f"Found unknown categories in columns {with_unknown} during transform. "
                f"These unknown categories will be {fate}",
                UserWarning,
                stacklevel=3,
            )
        self._map_infrequent(X_int, X_mask)
        return X_int, X_mask

    def _map_infrequent(self, X_int, X_mask):
        if not self._infrequent_enabled:
            return
        for i, infrequent in enumerate(self._infrequent_indices):
            if infrequent is None:
                continue
            X_int[~X_mask[:, i], i] = infrequent[0]
            if self.handle_unknown in ("infrequent_if_exist", "warn"):
                X_mask[:, i] = True  # unknowns join the infrequent category
        for i, mapping in enumerate(self._default_to_infrequent):
            if mapping is None:
                continue
            rows = (X_int[:, i] != self._missing_indices[i]) if i in self._missing_indices else slice(None)
            X_int[rows, i] = mapping[X_int[rows, i]]


_INFREQUENT_PARAMS = {
    "min_frequency": [Interval(Integral, 1, None, closed="left"),
                      Interval(Real, 0, 1, closed="neither"), None],
    "max_categories": [Interval(Integral, 1, None, closed="left"), None],
}


class OneHotEncoder(_BaseEncoder):
    r"""Encode each categorical column as one indicator column per category.

    Parameters
    ----------
    categories : 'auto' or list of array-like, default='auto'
        'auto' learns the sorted unique values of each column; a list gives
        the categories of column j in ``categories[j]`` (sorted if numeric).
    drop : {'first', 'if_binary'}, array-like of shape (n_features,) or None, default=None
        Drop one indicator per feature (to avoid the collinear "dummy
        variable trap" in unpenalised linear models): the first category,
        only for two-category features, or the named category.
    sparse_output : bool, default=False
        scratchml is dense only: True raises a ``ValueError``. (scikit-learn's
        default is True and returns a SciPy sparse matrix.)
    dtype : numeric type, default=np.float64
        Dtype of the output.
    handle_unknown : {'error', 'ignore', 'infrequent_if_exist', 'warn'}, default='error'
        What a category unseen in ``fit`` becomes in ``transform``: an error;
        an all-zero row block; the infrequent category if the feature has one
        (else all zeros); 'warn' is 'infrequent_if_exist' with a warning.
    min_frequency : int, float or None, default=None
        Categories seen fewer than ``min_frequency`` times (or in less than
        that fraction of the samples) are grouped as infrequent.
    max_categories : int or None, default=None
        At most this many output columns per feature, the infrequent one included.
    feature_name_combiner : 'concat' or callable, default='concat'
        Output name of (feature, category): ``f"{feature}_{category}"`` or
        ``feature_name_combiner(feature, category)``.

    Attributes
    ----------
    categories_ : list of ndarray
        Categories of each feature, sorted, missing values last.
    drop_idx_ : ndarray of object of shape (n_features,) or None
        Index into ``categories_[j]`` of the dropped category (None: none dropped).
    infrequent_categories_ : list of ndarray or None
        Only with ``min_frequency`` or ``max_categories``.
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        Unknown categories with ``handle_unknown='error'``; ``sparse_output=True``;
        a ``drop`` category not seen in ``fit`` or infrequent.
    TypeError
        A column mixing strings and numbers.

    Notes
    -----
    Feature j with categories :math:`c_{j1} < \dots < c_{jK_j}` becomes

    .. math::
       :label: onehot

       z_{i,(j,k)} = \mathbb{1}[x_{ij} = c_{jk}], \qquad k = 1, \dots, K_j,

    so each row has exactly one 1 per feature (none for an ignored unknown,
    none for the dropped category). With ``min_frequency`` m, the categories

    .. math::
       :label: infrequent

       \{c_{jk} : n_{jk} < m\}

    (counts :math:`n_{jk}` in the training data) share one output column;
    ``max_categories`` further keeps only the most frequent ones.

    References
    ----------
    Hastie, Tibshirani, Friedman, *The Elements of Statistical Learning*,
    2nd ed., §2.3.1 (dummy variables for qualitative inputs); Géron,
    *Hands-On Machine Learning*, 3rd ed., ch. 2 "One-hot encoding".

    Examples
    --------
    >>> from scratchml.preprocessing import OneHotEncoder
    >>> enc = OneHotEncoder(handle_unknown="ignore").fit([["red", 1], ["blue", 3], ["red", 2]])
    >>> enc.categories_
    [array(['blue', 'red'], dtype=object), array([1, 2, 3], dtype=object)]
    >>> enc.transform([["blue", 2], ["green", 1]])
    array([[1., 0., 0., 1., 0.],
           [0., 0., 1., 0., 0.]])
    >>> enc.get_feature_names_out(["color", "size"])
    array(['color_blue', 'color_red', 'size_1', 'size_2', 'size_3'], dtype=object)
    """

    _parameter_constraints = {
        "categories": [StrOptions({"auto"}), list],
        "drop": [StrOptions({"first", "if_binary"}), "array-like", None],
        "sparse_output": ["boolean"],
        "dtype": [type, np.dtype],
        "handle_unknown": [StrOptions({"error", "ignore", "infrequent_if_exist", "warn"})],
        "feature_name_combiner": [StrOptions({"concat"}), "callable"],
        **_INFREQUENT_PARAMS,
    }

    def __init__(
        self, *, categories="auto", drop=None, sparse_output=False, dtype=np.float64,
        handle_unknown="error", min_frequency=None, max_categories=None,
        feature_name_combiner="concat",
    ):
        self.categories = categories
        self.drop = drop
        self.sparse_output = sparse_output
        self.dtype = dtype
        self.handle_unknown = handle_unknown
        self.min_frequency = min_frequency
        self.max_categories = max_categories
        self.feature_name_combiner = feature_name_combiner

    def fit(self, X, y=None):
        """Learn the categories of each feature (and the infrequent and dropped ones).

        Parameters
        ----------
        X : array-like or DataFrame of shape (n_samples, n_features)
            Strings, numbers or objects; NaN/None are categories of their own.
        y : None
            Ignored.

        Returns
        -------
        self : OneHotEncoder
        """
        self._validate_params()
        if self.sparse_output:
            raise ValueError(
                "sparse_output=True is not supported: scratchml works on dense arrays "
                "only. Use OneHotEncoder(sparse_output=False)."
            )
        self._fit(X, self.handle_unknown)
        self._set_drop_idx()
        self._n_features_outs = self._compute_n_features_outs()
        return self

    def _set_drop_idx(self):
        if self.drop is None:
            after = None
        elif isinstance(self.drop, str) and self.drop == "first":
            after = np.zeros(len(self.categories_), dtype=object)
        elif isinstance(self.drop, str):  # if_binary
            n_out = [len(c) for c in self.categories_]
            if self._infrequent_enabled:
                for i, idx in enumerate(self._infrequent_indices):
                    if idx is not None:
                        n_out[i] -= idx.size - 1
            after = np.array([0 if n == 2 else None for n in n_out], dtype=object)
        else:
            drop = np.asarray(self.drop, dtype=object)
            if len(drop) != len(self.categories_):
                raise ValueError(
                    f"`drop` should have length equal to the number of features "
                    f"({len(self.categories_)}), got {len(drop)}"
                )
            missing, indices = [], []
            for i, (value, cats) in enumerate(zip(drop, self.categories_)):
                if is_scalar_nan(value):
                    found = [len(cats) - 1] if len(cats) and is_scalar_nan(cats[-1]) else []
                else:
                    found = list(np.flatnonzero(cats == value))
                if not found:
                    missing.append((i, value))
                else:
                    indices.append(self._drop_idx_to_infrequent(i, found[0]))
            if missing:
                raise ValueError(
                    "The following categories were supposed to be dropped, but were not "
                    "found in the training data.\n"
                    + "\n".join(f"Category: {c}, Feature: {v}" for c, v in missing)
                )
            after = np.array(indices, dtype=object)
        self._drop_after_grouping = after
        if not self._infrequent_enabled or after is None:
            self.drop_idx_ = after
            return
        original = []
        for i, d in enumerate(after):
            mapping = self._default_to_infrequent[i]
            original.append(d if d is None or mapping is None else np.flatnonzero(mapping == d)[0])
        self.drop_idx_ = np.asarray(original, dtype=object)

    def _drop_idx_to_infrequent(self, i, drop_idx):
        if not self._infrequent_enabled or self._default_to_infrequent[i] is None:
            return drop_idx
        if drop_idx in self._infrequent_indices[i]:
            raise ValueError(
                f"Unable to drop category {self.categories_[i][drop_idx]!r} from feature "
                f"{i} because it is infrequent"
            )
        return self._default_to_infrequent[i][drop_idx]

    def _compute_n_features_outs(self):
        out = [len(c) for c in self.categories_]
        if self._drop_after_grouping is not None:
            for i, d in enumerate(self._drop_after_grouping):
                out[i] -= d is not None
        if self._infrequent_enabled:
            for i, idx in enumerate(self._infrequent_indices):
                if idx is not None:
                    out[i] -= idx.size - 1
        return out

    def _output_categories(self, i, remove_dropped=True):
        """Category label of each output column of feature i."""
        cats = self.categories_[i]
        if self._infrequent_enabled and self._default_to_infrequent[i] is not None:
            mapping = self._default_to_infrequent[i]
            cats = np.concatenate((cats[mapping < mapping.max()], np.array([INFREQUENT], dtype=object)))
        if remove_dropped:
            cats = self._remove_dropped(cats, i)
        return cats

    def _remove_dropped(self, cats, i):
        if self._drop_after_grouping is not None and self._drop_after_grouping[i] is not None:
            return np.delete(cats, self._drop_after_grouping[i])
        return cats

    def transform(self, X):
        """One-hot encode ``X`` (eq. onehot).

        Parameters
        ----------
        X : array-like or DataFrame of shape (n_samples, n_features)

        Returns
        -------
        X_out : ndarray of shape (n_samples, n_encoded_features)
            Dense, of dtype ``self.dtype``.
        """
        check_is_fitted(self)
        if self.handle_unknown == "warn":
            warn, handle_unknown = True, "infrequent_if_exist"
        else:
            warn = self.drop is not None and self.handle_unknown in ("ignore", "infrequent_if_exist")
            handle_unknown = self.handle_unknown
        X_int, X_mask = self._transform(X, handle_unknown, warn_on_unknown=warn)
        if self._drop_after_grouping is not None:
            to_drop = np.array(
                [len(c) if d is None else d for d, c in zip(self._drop_after_grouping, self.categories_)]
            )
            X_mask &= X_int != to_drop
            X_int = X_int - (X_int > to_drop)  # later categories shift left by one
        offsets = np.cumsum([0] + self._n_features_outs)
        out = np.zeros((X_int.shape[0], offsets[-1]), dtype=self.dtype)
        rows, feats = np.nonzero(X_mask)
        out[rows, X_int[rows, feats] + offsets[feats]] = 1  # eq. (onehot)
        return out

    def inverse_transform(self, X):
        """Category of each feature from its indicator block (argmax of the block).

        An all-zero block is the dropped category, or None for an ignored unknown.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_encoded_features)

        Returns
        -------
        X_original : ndarray of shape (n_samples, n_features)

        Raises
        ------
        ValueError
            Wrong number of columns, or an all-zero block that nothing explains.
        """
        check_is_fitted(self)
        X = check_array(X)
        n_out = int(np.sum(self._n_features_outs))
        if X.shape[1] != n_out:
            raise ValueError(
                f"Shape of the passed X data is not correct. Expected {n_out} columns, "
                f"got {X.shape[1]}."
            )
        n_features = len(self.categories_)
        full = [self._output_categories(i, remove_dropped=False) for i in range(n_features)]
        X_tr = np.empty((X.shape[0], n_features), dtype=np.result_type(*[c.dtype for c in full]))
        infrequent = self._infrequent_indices if self._infrequent_enabled else [None] * n_features
        unknown_rows, j = {}, 0
        for i in range(n_features):
            kept = self._remove_dropped(full[i], i)
            k = kept.shape[0]
            if k == 0:
                X_tr[:, i] = self.categories_[i][self._drop_after_grouping[i]]
                continue
            block = X[:, j:j + k]
            X_tr[:, i] = kept[block.argmax(axis=1)]
            zero = block.sum(axis=1) == 0
            dropped = self._drop_after_grouping is not None and self._drop_after_grouping[i] is not None
            if self.handle_unknown == "ignore" or (
                self.handle_unknown in ("infrequent_if_exist", "warn") and infrequent[i] is None
            ):
                if zero.any():
                    if dropped:
                        X_tr[zero, i] = self.categories_[i][self._drop_after_grouping[i]]
                    else:
                        unknown_rows[i] = zero
            elif zero.any():
                if not dropped:
                    raise ValueError(
                        f"Samples {np.flatnonzero(zero)} can not be inverted when drop=None "
                        "and handle_unknown='error' because they contain all zeros"
                    )
                X_tr[zero, i] = full[i][self._drop_after_grouping[i]]
            j += k
        if unknown_rows:
            X_tr = X_tr.astype(object)
            for i, rows in unknown_rows.items():
                X_tr[rows, i] = None
        return X_tr

    def get_feature_names_out(self, input_features=None):
        """``feature_category`` names, ``feature_infrequent_sklearn`` for the grouped ones.

        Parameters
        ----------
        input_features : array-like of str or None, default=None

        Returns
        -------
        feature_names_out : ndarray of str objects of shape (n_encoded_features,)
        """
        check_is_fitted(self)
        names = check_feature_names_in(self, input_features)
        combine = self.feature_name_combiner
        if combine == "concat":
            def combine(feature, category):
                return f"{feature}_{category}"
        out = []
        for i in range(len(self.categories_)):
            for cat in self._output_categories(i):
                name = combine(names[i], cat)
                if not isinstance(name, str):
                    raise TypeError(
                        f"When `feature_name_combiner` is a callable, it should return a "
                        f"Python string. Got {type(name)} instead."
                    )
                out.append(name)
        return np.array(out, dtype=object)
