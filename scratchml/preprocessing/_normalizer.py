r"""``Normalizer``: rescale each sample (row) to unit norm."""

import numpy as np

from ..base import BaseEstimator, TransformerMixin
from ..utils.validation import StrOptions, validate_data
from ._base import OneToOneFeatureMixin, handle_zeros_in_scale

__all__ = ["Normalizer"]

FLOAT_DTYPES = [np.float64, np.float32]


class Normalizer(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    r"""Rescale each sample (row) to unit norm.

    Parameters
    ----------
    norm : {'l1', 'l2', 'max'}, default='l2'
        The norm of eq. (normalize).
    copy : bool, default=True
        Ignored: scratchml never normalises in place.

    Attributes
    ----------
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Notes
    -----
    .. math::
       :label: normalize

       z_i = x_i / \lVert x_i \rVert, \qquad
       \lVert x \rVert \in \{\textstyle\sum_j |x_j|,\ \sqrt{\sum_j x_j^2},\ \max_j |x_j|\};

    rows of norm zero are left unchanged. Stateless: ``fit`` only records the
    number of features.

    References
    ----------
    Manning, Raghavan, Schütze, *Introduction to Information Retrieval*, §6.3.1
    (length normalisation for the cosine similarity).

    Examples
    --------
    >>> from scratchml.preprocessing import Normalizer
    >>> Normalizer().fit_transform([[3.0, 4.0], [0.0, 0.0]])
    array([[0.6, 0.8],
           [0. , 0. ]])
    """

    _parameter_constraints = {"norm": [StrOptions({"l1", "l2", "max"})], "copy": ["boolean"]}

    def __init__(self, norm="l2", *, copy=True):
        self.norm = norm
        self.copy = copy

    def _extra_tags(self):
        return {"requires_fit": False, "preserves_dtype": ["float64", "float32"]}

    def fit(self, X, y=None):
        """Validate ``X`` and record its number of features.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : None
            Ignored.

        Returns
        -------
        self : Normalizer
        """
        self._validate_params()
        validate_data(self, X, dtype=FLOAT_DTYPES)
        return self

    def transform(self, X, copy=None):
        """Divide each row by its norm (eq. normalize).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        copy : bool, default=None
            Ignored: a new array is always returned.

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_features)
        """
        X = validate_data(self, X, reset=False, dtype=FLOAT_DTYPES)
        if self.norm == "l1":
            norms = np.sum(np.abs(X), axis=1)
        elif self.norm == "l2":
            # einsum forms sum x^2 without the (N, D) temporary of X**2
            norms = np.sqrt(np.einsum("ij,ij->i", X, X))
        else:
            norms = np.max(np.abs(X), axis=1)
        return X / handle_zeros_in_scale(norms)[:, None]  # eq. (normalize)
