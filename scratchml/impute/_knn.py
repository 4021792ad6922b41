r"""``KNNImputer``: fill a missing entry with the mean of its nearest neighbours' values.

Distances between rows with holes use only the coordinates both rows have
(the "nan-Euclidean" distance, rescaled to the full dimension), so rows with
different missing patterns can still be compared.
"""

import numbers

import numpy as np

from ..base import BaseEstimator, TransformerMixin
from ..preprocessing._base import check_feature_names_in
from ..utils.validation import Interval, StrOptions, check_is_fitted, validate_data
from ._base import _IndicatorMixin, get_mask, is_scalar_nan

__all__ = ["KNNImputer", "nan_euclidean_distances"]


def nan_euclidean_distances(X, Y, missing_values=np.nan):
    r"""Euclidean distances that ignore the coordinates missing in either row (eq. nan-euclidean).

    Parameters
    ----------
    X : ndarray of shape (n_samples_X, n_features)
    Y : ndarray of shape (n_samples_Y, n_features)
    missing_values : float, default=np.nan

    Returns
    -------
    D : ndarray of shape (n_samples_X, n_samples_Y)
        NaN where two rows share no observed coordinate.
    """
    missing_X = get_mask(X, missing_values)
    missing_Y = get_mask(Y, missing_values)
    X = np.where(missing_X, 0.0, X)
    Y = np.where(missing_Y, 0.0, Y)
    XX, YY = X * X, Y * Y
    # squared distance over the coordinates present in both rows, via
    # |x|^2 + |y|^2 - 2 x.y (one matrix product) minus the squares of
    # coordinates present in one row only
    D = -2.0 * (X @ Y.T)
    D += np.einsum("ij,ij->i", X, X)[:, None]
    D += np.einsum("ij,ij->i", Y, Y)[None, :]
    np.maximum(D, 0, out=D)
    D -= XX @ missing_Y.T
    D -= missing_X @ YY.T
    np.clip(D, 0, None, out=D)  # rounding can leave tiny negatives
    present = (~missing_X).astype(np.float64) @ (~missing_Y).T.astype(np.float64)
    D[present == 0] = np.nan
    np.maximum(1, present, out=present)
    D /= present
    D *= X.shape[1]  # eq. (nan-euclidean): rescale to all D coordinates
    return np.sqrt(D)


class KNNImputer(_IndicatorMixin, TransformerMixin, BaseEstimator):
    r"""Impute each missing entry from the k nearest training rows that have that feature.

    Parameters
    ----------
    missing_values : int, float or np.nan, default=np.nan
        The placeholder for a missing value.
    n_neighbors : int, default=5
        Number of donors k.
    weights : {'uniform', 'distance'} or callable, default='uniform'
        Donor weights in eq. (knn-impute): equal, inverse distance, or
        ``weights(distances)``.
    metric : {'nan_euclidean'}, default='nan_euclidean'
        Only the nan-Euclidean distance is implemented.
    copy : bool, default=True
        Ignored: the input is never modified.
    add_indicator : bool, default=False
        Append the missingness indicator columns.
    keep_empty_features : bool, default=False
        Keep all-missing training columns (filled with 0) instead of dropping them.

    Attributes
    ----------
    indicator_ : MissingIndicator or None
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        For a metric other than 'nan_euclidean'.

    Notes
    -----
    For rows x, y with coordinates :math:`P` observed in both (D features),

    .. math::
       :label: nan-euclidean

       d(x, y) = \sqrt{\frac{D}{|P|} \sum_{j \in P} (x_j - y_j)^2 } .

    A missing :math:`x_{ij}` is imputed from the set :math:`N_k(i, j)` of the k
    training rows nearest to row i among those that observe feature j:

    .. math::
       :label: knn-impute

       \hat x_{ij} = \frac{\sum_{n \in N_k(i,j)} w_n x_{nj}}{\sum_{n \in N_k(i,j)} w_n},
       \qquad w_n = 1 \ \text{or}\ 1 / d(x_i, x_n).

    If row i shares no coordinate with any donor, the column mean is used.

    References
    ----------
    O. Troyanskaya et al., "Missing value estimation methods for DNA
    microarrays", *Bioinformatics* 17(6):520-525, 2001,
    doi:10.1093/bioinformatics/17.6.520 (KNNimpute). J. K. Dixon, "Pattern
    recognition with partly missing data", *IEEE Trans. SMC* 9(10):617-621,
    1979, doi:10.1109/TSMC.1979.4310090 (the rescaled distance).

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.impute import KNNImputer
    >>> X = [[1, 2, np.nan], [3, 4, 3], [np.nan, 6, 5], [8, 8, 7]]
    >>> KNNImputer(n_neighbors=2).fit_transform(X)
    array([[1. , 2. , 4. ],
           [3. , 4. , 3. ],
           [5.5, 6. , 5. ],
           [8. , 8. , 7. ]])
    """

    _parameter_constraints = {
        "missing_values": [numbers.Real, None],
        "n_neighbors": [Interval(numbers.Integral, 1, None, closed="left")],
        "weights": [StrOptions({"uniform", "distance"}), "callable"],
        "metric": [StrOptions({"nan_euclidean"})],
        "copy": ["boolean"],
        "add_indicator": ["boolean"],
        "keep_empty_features": ["boolean"],
    }

    def __init__(self, *, missing_values=np.nan, n_neighbors=5, weights="uniform",
                 metric="nan_euclidean", copy=True, add_indicator=False,
                 keep_empty_features=False):
        self.missing_values = missing_values
        self.n_neighbors = n_neighbors
        self.weights = weights
        self.metric = metric
        self.copy = copy
        self.add_indicator = add_indicator
        self.keep_empty_features = keep_empty_features

    def _extra_tags(self):
        return {"allow_nan": is_scalar_nan(self.missing_values)}

    def _validate(self, X, reset):
        finite = "allow-nan" if is_scalar_nan(self.missing_values) else True
        return validate_data(self, X, reset=reset, dtype=[np.float64, np.float32],
                             ensure_all_finite=finite)

    def fit(self, X, y=None):
        """Store the training rows (the donors).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : None
            Ignored.

        Returns
        -------
        self : KNNImputer
        """
        self._validate_params()
        X = self._validate(X, reset=True)
        self._fit_X = X.copy()
        self._mask_fit_X = get_mask(self._fit_X, self.missing_values)
        self._valid_mask = ~np.all(self._mask_fit_X, axis=0)
        self._fit_indicator(self._mask_fit_X)
        return self

    def _weights(self, dist):
        if self.weights == "uniform":
            w = np.ones_like(dist)
        elif self.weights == "distance":
            with np.errstate(divide="ignore"):
                w = 1.0 / dist
            exact = np.isinf(w)
            rows = exact.any(axis=1)
            w[rows] = exact[rows]  # a donor at distance 0 takes all the weight
        else:
            w = np.asarray(self.weights(dist), dtype=np.float64)
        w[np.isnan(w) | np.isnan(dist)] = 0.0
        return w

    def _impute_column(self, dist, donor_values):
        """Weighted mean of the k nearest donors per row (eq. knn-impute)."""
        k = min(self.n_neighbors, dist.shape[1])
        # argpartition: the k smallest distances without a full sort
        nearest = np.argpartition(dist, k - 1, axis=1)[:, :k]
        d = np.take_along_axis(dist, nearest, axis=1)
        w = self._weights(d)
        v = donor_values[nearest]
        return (v * w).sum(axis=1) / w.sum(axis=1)  # eq. (knn-impute)

    def transform(self, X):
        """Impute the missing entries of ``X`` from the training rows.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_imputed : ndarray of shape (n_samples, n_features_out)
        """
        check_is_fitted(self)
        X = self._validate(X, reset=False)
        mask = get_mask(X, self.missing_values)
        valid = np.ones(X.shape[1], dtype=bool) if self.keep_empty_features else self._valid_mask
        out = X.copy()
        rows_missing = np.flatnonzero(mask[:, valid].any(axis=1))
        if rows_missing.size:
            dist = nan_euclidean_distances(X[rows_missing], self._fit_X, self.missing_values)
            position = {r: i for i, r in enumerate(rows_missing)}
            for j in np.flatnonzero(self._valid_mask):
                receivers = rows_missing[mask[rows_missing, j]]
                if receivers.size == 0:
                    continue
                donors = np.flatnonzero(~self._mask_fit_X[:, j])
                d = dist[[position[r] for r in receivers]][:, donors]
                no_overlap = np.isnan(d).all(axis=1)
                if no_overlap.any():  # nothing to compare with: the column mean
                    out[receivers[no_overlap], j] = self._fit_X[donors, j].mean()
                if (~no_overlap).any():
                    out[receivers[~no_overlap], j] = self._impute_column(
                        d[~no_overlap], self._fit_X[donors, j]
                    )
        if self.keep_empty_features:
            out[:, ~self._valid_mask] = 0
        else:
            out = out[:, valid]
        return self._with_indicator(out, mask)

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
        kept = names if self.keep_empty_features else names[self._valid_mask]
        return self._indicator_names(kept, names)
