"""``SelectorMixin``: transform by keeping the columns of a boolean support mask."""

import warnings

import numpy as np

from ..base import TransformerMixin
from ..utils.validation import check_is_fitted, validate_data

__all__ = ["SelectorMixin"]


class SelectorMixin(TransformerMixin):
    """Transformer that keeps a subset of the input features.

    Subclasses implement ``_get_support_mask()`` returning a boolean array of
    shape (``n_features_in_``,).
    """

    def get_support(self, indices=False):
        """Which features are kept.

        Parameters
        ----------
        indices : bool, default=False
            Return integer positions instead of a boolean mask.

        Returns
        -------
        support : ndarray of shape (``n_features_in_``,) of bool, or (n_kept,) of int
        """
        mask = self._get_support_mask()
        return np.flatnonzero(mask) if indices else mask

    def transform(self, X):
        """Keep the selected columns of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, ``n_features_in_``)

        Returns
        -------
        X_selected : ndarray of shape (n_samples, n_kept)
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, ensure_all_finite=not self._all_tags()["allow_nan"]
                          or "allow-nan")
        mask = self.get_support()
        if not mask.any():
            warnings.warn(
                "No features were selected: either the data is too noisy or the "
                "selection test too strict.",
                UserWarning,
                stacklevel=2,
            )
        return X[:, mask]

    def inverse_transform(self, X):
        """Put the kept columns back in place, with zeros for the removed ones.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_kept)

        Returns
        -------
        X_full : ndarray of shape (n_samples, ``n_features_in_``)

        Raises
        ------
        ValueError
            If ``X`` does not have one column per kept feature.
        """
        check_is_fitted(self)
        X = np.asarray(X)
        mask = self.get_support()
        if X.ndim != 2 or X.shape[1] != mask.sum():
            raise ValueError(f"X has shape {X.shape}; expected (n_samples, {int(mask.sum())}).")
        out = np.zeros((X.shape[0], mask.size), dtype=X.dtype)
        out[:, mask] = X
        return out

    def get_feature_names_out(self, input_features=None):
        """Names of the kept features.

        Parameters
        ----------
        input_features : array-like of str, default=None
            Input names; defaults to ``feature_names_in_`` or ``x0, x1, ...``.

        Returns
        -------
        names : ndarray of str of shape (n_kept,)
        """
        check_is_fitted(self)
        if input_features is None:
            input_features = getattr(
                self, "feature_names_in_", [f"x{i}" for i in range(self.n_features_in_)]
            )
        input_features = np.asarray(input_features, dtype=object)
        if len(input_features) != self.n_features_in_:
            raise ValueError(
                f"input_features has {len(input_features)} names, expected {self.n_features_in_}."
            )
        return input_features[self.get_support()]
