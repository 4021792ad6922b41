r"""``KBinsDiscretizer``: cut each continuous feature into intervals (bins)."""

import warnings
from numbers import Integral

import numpy as np

from ..base import BaseEstimator, TransformerMixin
from ..utils.validation import (
    Interval,
    StrOptions,
    check_array,
    check_is_fitted,
    check_random_state,
    validate_data,
)
from ._base import check_feature_names_in
from ._encoders import OneHotEncoder

__all__ = ["KBinsDiscretizer"]

_QUANTILE_METHODS = {
    "inverted_cdf", "averaged_inverted_cdf", "closest_observation",
    "interpolated_inverted_cdf", "hazen", "weibull", "linear", "median_unbiased",
    "normal_unbiased",
}


class KBinsDiscretizer(TransformerMixin, BaseEstimator):
    r"""Bin continuous features into intervals.

    Parameters
    ----------
    n_bins : int or array-like of shape (n_features,), default=5
        Number of bins per feature (at least 2).
    encode : {'onehot', 'onehot-dense', 'ordinal'}, default='onehot'
        Bin index as one indicator column per bin, or as one integer column.
        scratchml is dense only: 'onehot' returns a dense array like
        'onehot-dense' (scikit-learn's 'onehot' returns a sparse matrix).
    strategy : {'uniform', 'quantile', 'kmeans'}, default='quantile'
        Equal widths, equal counts, or boundaries halfway between the
        centres of a 1-D k-means.
    quantile_method : str, default='averaged_inverted_cdf'
        ``np.percentile`` method of the 'quantile' strategy.
    dtype : {np.float32, np.float64} or None, default=None
        Output dtype; None keeps the input's float dtype.
    subsample : int or None, default=200000
        Fit on this many rows drawn with replacement when there are more.
    random_state : int, RandomState instance or None, default=None
        Seeds the subsampling (and nothing else).

    Attributes
    ----------
    bin_edges_ : ndarray of object of shape (n_features,)
        Bin boundaries :math:`e_{j0} < \dots < e_{jK_j}` of each feature.
    n_bins_ : ndarray of int of shape (n_features,)
        Bins per feature (fewer than asked when bins were too narrow).
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        ``n_bins`` < 2 or of the wrong length.

    Notes
    -----
    .. math::
       :label: kbins-index

       b_{ij} = \#\{k \in 1..K_j - 1 : e_{jk} \le x_{ij}\},

    the index of the bin containing :math:`x_{ij}` (values beyond the
    training range fall into the first or last bin). The edges are

    .. math::
       :label: kbins-edges

       e_{jk} = \min_j + \tfrac{k}{K}(\max_j - \min_j) \ \text{(uniform)}, \qquad
       e_{jk} = Q_j(k / K) \ \text{(quantile)},

    and for 'kmeans' the midpoints between consecutive sorted centres of a
    1-D k-means started from the uniform bin centres. Quantile and k-means
    edges closer than 1e-8 are merged. ``inverse_transform`` maps a bin to
    its centre, :math:`(e_{j,b} + e_{j,b+1})/2`.

    References
    ----------
    J. Dougherty, R. Kohavi, M. Sahami, "Supervised and unsupervised
    discretization of continuous features", *ICML* 1995, §2 (equal-width and
    equal-frequency binning).

    Examples
    --------
    >>> from scratchml.preprocessing import KBinsDiscretizer
    >>> X = [[-2.0, 1.0], [-1.0, 2.0], [0.0, 3.0], [1.0, 4.0]]
    >>> est = KBinsDiscretizer(n_bins=3, encode="ordinal", strategy="uniform").fit(X)
    >>> est.transform(X)
    array([[0., 0.],
           [1., 1.],
           [2., 2.],
           [2., 2.]])
    """

    _parameter_constraints = {
        "n_bins": [Interval(Integral, 2, None, closed="left"), "array-like"],
        "encode": [StrOptions({"onehot", "onehot-dense", "ordinal"})],
        "strategy": [StrOptions({"uniform", "quantile", "kmeans"})],
        "quantile_method": [StrOptions(_QUANTILE_METHODS)],
        "dtype": [type, None],
        "subsample": [Interval(Integral, 1, None, closed="left"), None],
        "random_state": ["random_state"],
    }

    def __init__(self, n_bins=5, *, encode="onehot", strategy="quantile",
                 quantile_method="averaged_inverted_cdf", dtype=None, subsample=200_000,
                 random_state=None):
        self.n_bins = n_bins
        self.encode = encode
        self.strategy = strategy
        self.quantile_method = quantile_method
        self.dtype = dtype
        self.subsample = subsample
        self.random_state = random_state

    def _extra_tags(self):
        return {"preserves_dtype": ["float64", "float32"] if self.dtype is None else []}

    def _validate_n_bins(self, n_features):
        if isinstance(self.n_bins, Integral):
            return np.full(n_features, self.n_bins, dtype=int)
        n_bins = check_array(self.n_bins, dtype=int, copy=True, ensure_2d=False)
        if n_bins.ndim > 1 or n_bins.shape[0] != n_features:
            raise ValueError("n_bins must be a scalar or array of shape (n_features,).")
        bad = np.flatnonzero((n_bins < 2) | (n_bins != np.asarray(self.n_bins)))
        if bad.size:
            raise ValueError(
                f"KBinsDiscretizer received an invalid number of bins at indices "
                f"{', '.join(str(i) for i in bad)}. Number of bins must be at least 2, "
                "and must be an int."
            )
        return n_bins

    def fit(self, X, y=None):
        """Compute the bin edges of each feature (eq. kbins-edges).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : None
            Ignored.

        Returns
        -------
        self : KBinsDiscretizer
        """
        self._validate_params()
        if self.dtype not in (None, np.float64, np.float32):
            raise ValueError(f"dtype={self.dtype!r} must be np.float32, np.float64 or None.")
        X = validate_data(self, X, dtype="numeric")
        out_dtype = self.dtype if self.dtype is not None else X.dtype
        n_samples, n_features = X.shape
        if self.subsample is not None and n_samples > self.subsample:
            # scikit-learn's resample(replace=True): the same draws for the same seed
            rows = check_random_state(self.random_state).randint(0, n_samples, size=self.subsample)
            X = X[rows]
        n_bins = self._validate_n_bins(n_features)
        edges = np.zeros(n_features, dtype=object)
        for j in range(n_features):
            column = X[:, j]
            lo, hi = column.min(), column.max()
            if lo == hi:
                warnings.warn(f"Feature {j} is constant and will be replaced with 0.",
                              UserWarning, stacklevel=2)
                n_bins[j] = 1
                edges[j] = np.array([-np.inf, np.inf])
                continue
            if self.strategy == "uniform":
                edges[j] = np.linspace(lo, hi, n_bins[j] + 1)  # eq. (kbins-edges)
            elif self.strategy == "quantile":
                levels = np.linspace(0, 100, n_bins[j] + 1)
                edges[j] = np.asarray(np.percentile(column, levels, method=self.quantile_method),
                                      dtype=np.float64)
            else:
                edges[j] = self._kmeans_edges(column, lo, hi, n_bins[j])
            if self.strategy in ("quantile", "kmeans"):
                keep = np.ediff1d(edges[j], to_begin=np.inf) > 1e-8  # merge near-duplicate edges
                edges[j] = edges[j][keep]
                if len(edges[j]) - 1 != n_bins[j]:
                    warnings.warn(
                        f"Bins whose width are too small (i.e., <= 1e-8) in feature {j} are "
                        "removed. Consider decreasing the number of bins.",
                        UserWarning, stacklevel=2,
                    )
                    n_bins[j] = len(edges[j]) - 1
        self.bin_edges_ = edges
        self.n_bins_ = n_bins
        if self.encode != "ordinal":
            self._encoder = OneHotEncoder(
                categories=[np.arange(k) for k in self.n_bins_], dtype=out_dtype
            ).fit(np.zeros((1, n_features)))
        return self

    @staticmethod
    def _kmeans_edges(column, lo, hi, k):
        from ..cluster import KMeans

        uniform = np.linspace(lo, hi, k + 1)
        init = ((uniform[1:] + uniform[:-1]) * 0.5)[:, None]
        centers = KMeans(n_clusters=k, init=init, n_init=1).fit(column[:, None]).cluster_centers_[:, 0]
        centers.sort()
        return np.r_[lo, (centers[1:] + centers[:-1]) * 0.5, hi]

    def transform(self, X):
        """Bin index of each value (eq. kbins-index), one-hot encoded unless 'ordinal'.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        Xt : ndarray of shape (n_samples, n_features) or (n_samples, sum(``n_bins_``))
        """
        check_is_fitted(self)
        dtype = [np.float64, np.float32] if self.dtype is None else self.dtype
        X = validate_data(self, X, reset=False, dtype=dtype)
        Xt = np.empty_like(X)
        for j in range(X.shape[1]):
            # inner edges only: values outside the training range go to the end bins
            Xt[:, j] = np.searchsorted(self.bin_edges_[j][1:-1], X[:, j], side="right")  # eq. (kbins-index)
        if self.encode == "ordinal":
            return Xt
        return self._encoder.transform(Xt).astype(Xt.dtype, copy=False)

    def inverse_transform(self, X):
        """Centre of each bin.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features) or (n_samples, sum(``n_bins_``))

        Returns
        -------
        X_original : ndarray of shape (n_samples, n_features)
        """
        check_is_fitted(self)
        if self.encode != "ordinal":
            X = self._encoder.inverse_transform(X)
        X = check_array(X, copy=True, dtype=[np.float64, np.float32])
        n_features = self.n_bins_.shape[0]
        if X.shape[1] != n_features:
            raise ValueError(
                f"Incorrect number of features. Expecting {n_features}, received {X.shape[1]}."
            )
        for j in range(n_features):
            e = self.bin_edges_[j]
            X[:, j] = ((e[1:] + e[:-1]) * 0.5)[X[:, j].astype(np.int64)]
        return X

    def get_feature_names_out(self, input_features=None):
        """Input names ('ordinal') or ``feature_bin`` names (one-hot).

        Parameters
        ----------
        input_features : array-like of str or None, default=None

        Returns
        -------
        feature_names_out : ndarray of str objects
        """
        check_is_fitted(self, "n_features_in_")
        names = check_feature_names_in(self, input_features)
        if hasattr(self, "_encoder"):
            return self._encoder.get_feature_names_out(names)
        return names
