r"""``DateTimeFeatures``: split timestamps into calendar features a model can use.

A raw timestamp is a single ever-increasing number; what predicts sales,
traffic or demand is usually its calendar position: the hour of the day,
the day of the week, the month, whether it is a weekend.
"""

import numpy as np

from ..base import BaseEstimator, TransformerMixin
from ..utils.validation import _is_dataframe, check_array, check_is_fitted, validate_data
from ._base import check_feature_names_in

__all__ = ["DateTimeFeatures"]

FEATURES = ("year", "month", "day_of_month", "day_of_week", "day_of_year", "hour", "minute",
            "is_weekend")


def calendar_features(t, features):
    r"""Calendar features of an array of ``datetime64[ns]`` (NaT gives NaN).

    With d the whole days since 1970-01-01 (a Thursday), the day of the week
    is :math:`(d + 3) \bmod 7` with Monday = 0 (eq. datetime-dow).

    Parameters
    ----------
    t : ndarray of datetime64[ns] of shape (n_samples,)
    features : sequence of str
        Names from ``FEATURES``.

    Returns
    -------
    out : ndarray of float64 of shape (n_samples, len(features))
    """
    nat = np.isnat(t)
    days = t.astype("datetime64[D]")
    months = t.astype("datetime64[M]")
    years = t.astype("datetime64[Y]")
    values = {}
    for name in features:
        if name == "year":
            v = years.astype(np.int64) + 1970
        elif name == "month":
            v = months.astype(np.int64) % 12 + 1
        elif name == "day_of_month":
            v = (days - months.astype("datetime64[D]")).astype(np.int64) + 1
        elif name == "day_of_year":
            v = (days - years.astype("datetime64[D]")).astype(np.int64) + 1
        elif name in ("day_of_week", "is_weekend"):
            dow = np.mod(days.astype(np.int64) + 3, 7)  # eq. (datetime-dow)
            v = dow if name == "day_of_week" else (dow >= 5)
        elif name == "hour":
            v = (t.astype("datetime64[h]") - days).astype(np.int64)
        else:  # minute
            v = (t.astype("datetime64[m]") - t.astype("datetime64[h]")).astype(np.int64)
        values[name] = np.where(nat, np.nan, v.astype(np.float64))
    return np.column_stack([values[name] for name in features])


class DateTimeFeatures(TransformerMixin, BaseEstimator):
    r"""Decompose datetime columns into hour, day of week, day of month, month, is-weekend.

    Parameters
    ----------
    features : list of str or None, default=None
        Which features to extract, in output order, among 'year', 'month',
        'day_of_month', 'day_of_week' (Monday = 0), 'day_of_year', 'hour',
        'minute', 'is_weekend'. None means
        ``['hour', 'day_of_week', 'day_of_month', 'month', 'is_weekend']``.

    Attributes
    ----------
    features_ : list of str
        The features extracted.
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        Unknown feature names; values that cannot be read as dates.

    Notes
    -----
    Accepts ``datetime64`` arrays, pandas datetime columns (time-zone aware
    ones are read in their local time), ISO-8601 strings, and numbers, read
    as POSIX timestamps in seconds. Every input column gives
    ``len(features)`` output columns, named ``<column>_<feature>``; missing
    timestamps (NaT) give NaN.

    .. math::
       :label: datetime-dow

       \text{day\_of\_week} = (d + 3) \bmod 7,

    d being the number of days since Thursday 1970-01-01.

    References
    ----------
    Géron, *Hands-On Machine Learning*, 3rd ed., ch. 2 (feature engineering);
    ISO 8601 for the calendar conventions.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.preprocessing import DateTimeFeatures
    >>> t = np.array([["2024-03-09T14:30"], ["2024-03-11T08:00"]], dtype="datetime64[ns]")
    >>> DateTimeFeatures().fit_transform(t)
    array([[14.,  5.,  9.,  3.,  1.],
           [ 8.,  0., 11.,  3.,  0.]])
    """

    _parameter_constraints = {"features": [list, tuple, None]}

    def __init__(self, features=None):
        self.features = features

    def _extra_tags(self):
        return {"string": True, "preserves_dtype": []}

    def _columns(self, X):
        """Each column as datetime64[ns]."""
        if _is_dataframe(X):
            cols = []
            for j in range(X.shape[1]):
                s = X.iloc[:, j]
                if getattr(s.dtype, "tz", None) is not None:
                    s = s.dt.tz_localize(None)  # keep the wall-clock (local) time
                cols.append(_to_datetime64(check_array(s, ensure_2d=False, dtype=None,
                                                       ensure_all_finite=False)))
            return cols
        X = check_array(X, dtype=None, ensure_all_finite=False)
        return [_to_datetime64(X[:, j]) for j in range(X.shape[1])]

    def fit(self, X, y=None):
        """Check the feature names and that ``X`` can be read as dates.

        Parameters
        ----------
        X : array-like or DataFrame of shape (n_samples, n_features)
        y : None
            Ignored.

        Returns
        -------
        self : DateTimeFeatures
        """
        self._validate_params()
        features = (["hour", "day_of_week", "day_of_month", "month", "is_weekend"]
                    if self.features is None else list(self.features))
        unknown = [f for f in features if f not in FEATURES]
        if unknown or not features:
            raise ValueError(f"features={self.features!r}: unknown {unknown}; choose from {FEATURES}.")
        validate_data(self, X, skip_check_array=True)
        cols = self._columns(X)
        self.n_features_in_ = len(cols)
        self.features_ = features
        return self

    def transform(self, X):
        """Calendar features of every column, column by column.

        Parameters
        ----------
        X : array-like or DataFrame of shape (n_samples, n_features)

        Returns
        -------
        Xt : ndarray of float64 of shape (n_samples, n_features * len(``features_``))
        """
        check_is_fitted(self)
        validate_data(self, X, reset=False, skip_check_array=True)
        cols = self._columns(X)
        if len(cols) != self.n_features_in_:
            raise ValueError(
                f"X has {len(cols)} features, but DateTimeFeatures is expecting "
                f"{self.n_features_in_} features as input."
            )
        return np.hstack([calendar_features(c, self.features_) for c in cols])

    def get_feature_names_out(self, input_features=None):
        """``<column>_<feature>`` for every column and feature.

        Parameters
        ----------
        input_features : array-like of str or None, default=None

        Returns
        -------
        feature_names_out : ndarray of str objects
        """
        check_is_fitted(self)
        names = check_feature_names_in(self, input_features)
        return np.asarray([f"{n}_{f}" for n in names for f in self.features_], dtype=object)


def _to_datetime64(values):
    """One column as datetime64[ns]: dates stay, numbers are POSIX seconds, strings are parsed."""
    if values.dtype.kind == "M":
        return values.astype("datetime64[ns]")
    if values.dtype.kind in "iufb":
        if values.dtype.kind == "f":
            check_array(values.reshape(-1, 1))  # NaN/inf: a clear error, not NaT
        # seconds -> nanoseconds, exact for integers; floats keep their fraction
        ns = np.round(values.astype(np.float64) * 1e9).astype(np.int64)
        return ns.astype("datetime64[ns]")
    if values.dtype.kind == "O":
        try:  # numbers stored as Python objects: timestamps
            return _to_datetime64(values.astype(np.float64))
        except (ValueError, TypeError):
            pass
    try:
        return np.asarray(values, dtype="datetime64[ns]")
    except (ValueError, TypeError) as exc:
        raise ValueError(
            f"X must contain dates (datetime64, ISO-8601 strings or POSIX timestamps): {exc}"
        ) from None
