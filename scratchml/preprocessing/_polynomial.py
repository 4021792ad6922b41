r"""``PolynomialFeatures``: all monomials of the features up to a given degree."""

from itertools import chain, combinations, combinations_with_replacement
from numbers import Integral

import numpy as np

from ..base import BaseEstimator, TransformerMixin
from ..utils.validation import Interval, StrOptions, check_is_fitted, validate_data
from ._base import check_feature_names_in

__all__ = ["PolynomialFeatures"]


class PolynomialFeatures(TransformerMixin, BaseEstimator):
    r"""Generate polynomial and interaction features.

    Parameters
    ----------
    degree : int or tuple (min_degree, max_degree), default=2
        Keep the monomials whose total degree :math:`|p|` lies in
        ``[min_degree, max_degree]`` (an int d means ``(0, d)``).
    interaction_only : bool, default=False
        Only products of distinct features (every :math:`p_j \le 1`).
    include_bias : bool, default=True
        Include the degree-0 column of ones.
    order : {'C', 'F'}, default='C'
        Memory layout of the output.

    Attributes
    ----------
    powers_ : ndarray of shape (``n_output_features_``, ``n_features_in_``)
        Row k is the exponent vector :math:`p^{(k)}` of output column k.
    n_output_features_ : int
        Number of monomials, eq. (poly-count) for ``degree=d``.
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        For a degree tuple with ``min_degree > max_degree`` or an empty output.

    Notes
    -----
    N samples, D features. Output column k is the monomial

    .. math::
       :label: poly-monomial

       \phi_k(x) = \prod_{j=1}^{D} x_j^{p^{(k)}_j},

    ordered by degree, then lexicographically over the multisets of feature
    indices (``itertools.combinations_with_replacement``). For
    ``degree=d`` with the bias there are

    .. math::
       :label: poly-count

       \binom{D + d}{d}

    columns. Each monomial of degree m is its degree m - 1 prefix times one
    more feature, so every column costs one multiplication.

    References
    ----------
    Hastie, Tibshirani, Friedman, *The Elements of Statistical Learning*,
    2nd ed., §5.1 (basis expansions, polynomial terms).

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.preprocessing import PolynomialFeatures
    >>> poly = PolynomialFeatures(2).fit(np.array([[2.0, 3.0]]))
    >>> poly.transform(np.array([[2.0, 3.0]]))
    array([[1., 2., 3., 4., 6., 9.]])
    >>> poly.get_feature_names_out()
    array(['1', 'x0', 'x1', 'x0^2', 'x0 x1', 'x1^2'], dtype=object)
    """

    _parameter_constraints = {
        "degree": [Interval(Integral, 0, None, closed="left"), tuple],
        "interaction_only": ["boolean"],
        "include_bias": ["boolean"],
        "order": [StrOptions({"C", "F"})],
    }

    def __init__(self, degree=2, *, interaction_only=False, include_bias=True, order="C"):
        self.degree = degree
        self.interaction_only = interaction_only
        self.include_bias = include_bias
        self.order = order

    def _extra_tags(self):
        return {"preserves_dtype": ["float64", "float32"]}

    def _degree_range(self):
        if isinstance(self.degree, tuple):
            if len(self.degree) != 2 or not all(
                isinstance(d, Integral) and not isinstance(d, bool) and d >= 0
                for d in self.degree
            ) or self.degree[0] > self.degree[1]:
                raise ValueError(
                    "degree=(min_degree, max_degree) must be non-negative integers that "
                    f"fulfil min_degree <= max_degree, got {self.degree}."
                )
            return self.degree
        return 0, self.degree

    def _combinations(self, n_features):
        """Index multisets of the monomials, in output order (eq. poly-monomial)."""
        min_degree, max_degree = self._degree_range()
        comb = combinations if self.interaction_only else combinations_with_replacement
        start = max(1, min_degree)
        combos = chain.from_iterable(comb(range(n_features), m) for m in range(start, max_degree + 1))
        if self.include_bias:
            combos = chain([()], combos)
        return list(combos)

    def fit(self, X, y=None):
        """Enumerate the monomials for the number of features of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : None
            Ignored.

        Returns
        -------
        self : PolynomialFeatures
        """
        self._validate_params()
        if self.order not in ("C", "F"):
            raise ValueError(f"order={self.order!r} must be 'C' or 'F'.")
        min_degree, max_degree = self._degree_range()
        if max_degree == 0 and not self.include_bias:
            raise ValueError(
                "Setting degree to zero and include_bias to False would result in "
                "an empty output array."
            )
        X = validate_data(self, X, dtype=[np.float64, np.float32])
        n_features = X.shape[1]
        self._combos = self._combinations(n_features)
        self.powers_ = np.vstack(
            [np.bincount(np.asarray(c, dtype=np.intp), minlength=n_features) for c in self._combos]
        )
        self.n_output_features_ = len(self._combos)
        return self

    def transform(self, X):
        """Evaluate every monomial on ``X`` (eq. poly-monomial).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        XP : ndarray of shape (n_samples, ``n_output_features_``)
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=[np.float64, np.float32])
        XP = np.empty((X.shape[0], self.n_output_features_), dtype=X.dtype, order=self.order)
        column_of = {}  # index multiset -> its output column (or a scratch copy)
        for k, combo in enumerate(self._combos):
            if len(combo) == 0:
                XP[:, k] = 1.0
            elif len(combo) == 1:
                XP[:, k] = X[:, combo[0]]
            else:
                prefix = combo[:-1]
                # a prefix is itself an output column unless min_degree dropped it
                left = XP[:, column_of[prefix]] if prefix in column_of else _product(X, prefix)
                XP[:, k] = left * X[:, combo[-1]]  # eq. (poly-monomial)
            column_of[combo] = k
        return XP

    def get_feature_names_out(self, input_features=None):
        """Names such as ``'x0^2'`` and ``'x0 x1'`` (``'1'`` for the bias).

        Parameters
        ----------
        input_features : array-like of str or None, default=None

        Returns
        -------
        feature_names_out : ndarray of str objects of shape (``n_output_features_``,)
        """
        check_is_fitted(self)
        names = check_feature_names_in(self, input_features)
        out = []
        for row in self.powers_:
            (idx,) = np.nonzero(row)
            if len(idx) == 0:
                out.append("1")
                continue
            out.append(" ".join(
                names[j] if row[j] == 1 else f"{names[j]}^{row[j]}" for j in idx
            ))
        return np.asarray(out, dtype=object)


def _product(X, combo):
    """Product of the columns ``combo`` of ``X``, left to right."""
    out = X[:, combo[0]].copy()
    for j in combo[1:]:
        out *= X[:, j]
    return out
