"""Helpers shared by the preprocessing transformers: feature names and zero scales."""

import warnings

import numpy as np

__all__ = ["OneToOneFeatureMixin", "all_nan_ok", "check_feature_names_in", "handle_zeros_in_scale"]


def check_feature_names_in(estimator, input_features=None, *, generate_names=True):
    """Input feature names for ``get_feature_names_out``.

    Parameters
    ----------
    estimator : fitted estimator
    input_features : array-like of str or None
        None uses ``feature_names_in_`` if the estimator was fitted on a
        DataFrame, else ``x0, x1, ...``.
    generate_names : bool, default=True
        Whether to invent ``x0, x1, ...`` when no names are known.

    Returns
    -------
    names : ndarray of str objects of shape (``n_features_in_``,) or None

    Raises
    ------
    ValueError
        If ``input_features`` disagrees with the names or count seen in ``fit``.
    """
    fitted = getattr(estimator, "feature_names_in_", None)
    n_features = getattr(estimator, "n_features_in_", None)
    if input_features is not None:
        input_features = np.asarray(input_features, dtype=object)
        if fitted is not None and not np.array_equal(fitted, input_features):
            raise ValueError("input_features is not equal to feature_names_in_")
        if n_features is not None and len(input_features) != n_features:
            raise ValueError(
                f"input_features should have length equal to number of features "
                f"({n_features}), got {len(input_features)}"
            )
        return input_features
    if fitted is not None:
        return fitted
    if not generate_names:
        return None
    if n_features is None:
        raise ValueError("Unable to generate feature names without n_features_in_")
    return np.asarray([f"x{i}" for i in range(n_features)], dtype=object)


class OneToOneFeatureMixin:
    """``get_feature_names_out`` for transformers whose output column j is input column j."""

    def get_feature_names_out(self, input_features=None):
        """Output feature names: the input names, unchanged.

        Parameters
        ----------
        input_features : array-like of str or None, default=None
            Input feature names; None uses ``feature_names_in_`` or ``x0, x1, ...``.

        Returns
        -------
        feature_names_out : ndarray of str objects of shape (``n_features_in_``,)
        """
        from ..utils.validation import check_is_fitted

        check_is_fitted(self, "n_features_in_")
        return check_feature_names_in(self, input_features)


def handle_zeros_in_scale(scale, constant_mask=None):
    """Replace (near-)zero scales by 1, so constant features are left unscaled.

    Dividing by a standard deviation or range of ~1e-17 would blow rounding
    noise up to order-one values; a constant feature is left as is instead.

    Parameters
    ----------
    scale : ndarray of shape (n_features,)
    constant_mask : ndarray of bool of shape (n_features,) or None
        Which scales to replace; None means ``scale < 10 * eps``.

    Returns
    -------
    scale : ndarray of shape (n_features,)
        A new array.
    """
    scale = np.array(scale, dtype=np.result_type(scale, np.float32), copy=True)
    if constant_mask is None:
        constant_mask = scale < 10 * np.finfo(scale.dtype).eps
    scale[constant_mask] = 1.0
    return scale


class all_nan_ok:
    """Silence NumPy's 'All-NaN slice' RuntimeWarning (an all-NaN column stays NaN)."""

    def __enter__(self):
        self._ctx = warnings.catch_warnings()
        self._ctx.__enter__()
        warnings.filterwarnings("ignore", message="All-NaN (slice|axis) encountered")
        return self

    def __exit__(self, *exc):
        return self._ctx.__exit__(*exc)
