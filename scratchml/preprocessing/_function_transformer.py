"""``FunctionTransformer``: wrap any function of ``X`` as a pipeline step."""

import warnings

import numpy as np

from ..base import BaseEstimator, TransformerMixin
from ..utils.validation import StrOptions, check_array, validate_data
from ._base import check_feature_names_in

__all__ = ["FunctionTransformer"]


class FunctionTransformer(TransformerMixin, BaseEstimator):
    r"""Apply a user-given function (and optionally its inverse) as a transformer.

    Parameters
    ----------
    func : callable or None, default=None
        ``func(X, **kw_args)`` computes the output; None is the identity.
    inverse_func : callable or None, default=None
        ``inverse_func(X, **inv_kw_args)`` for ``inverse_transform``; None is
        the identity.
    validate : bool, default=False
        Validate ``X`` (2-D, numeric, finite) before calling ``func``.
        Otherwise ``X`` is passed through untouched (a DataFrame stays a DataFrame).
    accept_sparse : bool, default=False
        Kept for scikit-learn compatibility; scratchml is dense only.
    check_inverse : bool, default=True
        At ``fit``, check on every ``max(1, N // 100)``-th row that
        ``inverse_func(func(X)) == X`` and warn otherwise.
    feature_names_out : callable, 'one-to-one' or None, default=None
        How ``get_feature_names_out`` names the outputs: the input names
        ('one-to-one'), or ``feature_names_out(self, input_features)``.
    kw_args, inv_kw_args : dict or None, default=None
        Extra keyword arguments of ``func`` / ``inverse_func``.

    Attributes
    ----------
    n_features_in_ : int
        Only when ``X`` had a ``shape`` or ``validate=True``.
    feature_names_in_ : ndarray of shape (``n_features_in_``,)
        Only when ``X`` was a DataFrame with string column names.

    Raises
    ------
    ValueError
        ``check_inverse`` with non-numeric ``X``.

    Notes
    -----
    Stateless: the output is :math:`f(X)` whatever data ``fit`` saw, so the
    transformer needs no fitting (``transform`` works right away).

    References
    ----------
    scikit-learn User Guide, §7.3.8 "Custom transformers".

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.preprocessing import FunctionTransformer
    >>> log = FunctionTransformer(np.log1p, inverse_func=np.expm1)
    >>> log.fit_transform(np.array([[0.0, 1.0], [2.0, 3.0]]))
    array([[0.        , 0.69314718],
           [1.09861229, 1.38629436]])
    """

    _parameter_constraints = {
        "func": ["callable", None],
        "inverse_func": ["callable", None],
        "validate": ["boolean"],
        "accept_sparse": ["boolean"],
        "check_inverse": ["boolean"],
        "feature_names_out": ["callable", StrOptions({"one-to-one"}), None],
        "kw_args": [dict, None],
        "inv_kw_args": [dict, None],
    }

    def __init__(
        self, func=None, inverse_func=None, *, validate=False, accept_sparse=False,
        check_inverse=True, feature_names_out=None, kw_args=None, inv_kw_args=None,
    ):
        self.func = func
        self.inverse_func = inverse_func
        self.validate = validate
        self.accept_sparse = accept_sparse
        self.check_inverse = check_inverse
        self.feature_names_out = feature_names_out
        self.kw_args = kw_args
        self.inv_kw_args = inv_kw_args

    def _extra_tags(self):
        return {"requires_fit": False, "allow_nan": not self.validate, "string": not self.validate}

    def __sklearn_is_fitted__(self):
        return True  # stateless

    def fit(self, X, y=None):
        """Validate ``X`` if asked and check that ``inverse_func`` undoes ``func``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features), or anything ``func``
            accepts when ``validate=False``
        y : None
            Ignored.

        Returns
        -------
        self : FunctionTransformer
        """
        self._validate_params()
        X = validate_data(self, X, skip_check_array=not self.validate)
        if self.check_inverse and self.func is not None and self.inverse_func is not None:
            self._check_inverse_transform(X)
        return self

    def _check_inverse_transform(self, X):
        rows = slice(None, None, max(1, X.shape[0] // 100))
        X_sub = X.iloc[rows] if hasattr(X, "iloc") else X[rows]
        dtypes = list(X.dtypes) if hasattr(X, "dtypes") else [np.asarray(X).dtype]
        if not all(isinstance(d, np.dtype) and np.issubdtype(d, np.number) for d in dtypes):
            raise ValueError(
                "'check_inverse' is only supported when all the elements in `X` is numerical."
            )
        round_trip = self.inverse_transform(self.transform(X_sub))
        if not np.allclose(np.asarray(X_sub), np.asarray(round_trip)):
            warnings.warn(
                "The provided functions are not strictly inverse of each other. If you "
                "are sure you want to proceed regardless, set 'check_inverse=False'.",
                UserWarning,
                stacklevel=3,
            )

    def transform(self, X):
        """Return ``func(X, **kw_args)``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_out : array-like of shape (n_samples, n_features_out)
        """
        if self.validate:
            X = validate_data(self, X, reset=False)
        return self._apply(X, self.func, self.kw_args)

    def inverse_transform(self, X):
        """Return ``inverse_func(X, **inv_kw_args)``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features_out)

        Returns
        -------
        X_original : array-like of shape (n_samples, n_features)
        """
        if self.validate:
            X = check_array(X)
        return self._apply(X, self.inverse_func, self.inv_kw_args)

    @staticmethod
    def _apply(X, func, kw_args):
        if func is None:
            return X
        return func(X, **(kw_args or {}))

    def get_feature_names_out(self, input_features=None):
        """Output feature names, as ``feature_names_out`` says.

        Parameters
        ----------
        input_features : array-like of str or None, default=None

        Returns
        -------
        feature_names_out : ndarray of str objects

        Raises
        ------
        AttributeError
            When ``feature_names_out`` is None (the output names are unknown).
        """
        if self.feature_names_out is None:
            raise AttributeError(
                "This 'FunctionTransformer' has no attribute 'get_feature_names_out': "
                "set feature_names_out='one-to-one' or a callable."
            )
        if hasattr(self, "n_features_in_") or input_features is not None:
            input_features = check_feature_names_in(self, input_features)
        if self.feature_names_out == "one-to-one":
            names = input_features
        else:
            names = self.feature_names_out(self, input_features)
        return np.asarray(names, dtype=object)
