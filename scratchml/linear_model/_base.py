r"""Shared pieces of the linear models: centring, weighting, prediction.

Every least-squares model here (ordinary, ridge, lasso, elastic net) fits the
intercept the same way: centre ``X`` and ``y`` on their (weighted) means, solve
for the slopes without an intercept, then recover it as
:math:`b = \bar y - \bar x^\top w`. The unpenalised intercept is exactly the
value that makes the residuals have weighted mean zero, so centring first is
not an approximation (ESL 2nd ed., §3.4.1, the remark after eq. 3.41).

Sample weights enter a squared loss :math:`\sum_i s_i (y_i - x_i^\top w)^2`
as an ordinary least-squares problem on rows multiplied by
:math:`\sqrt{s_i}`, so every solver only ever sees unweighted data.
"""

import numpy as np

from ..base import BaseEstimator
from ..utils.validation import check_is_fitted, validate_data

__all__ = ["LinearModel", "center_data", "rescale_data"]


def center_data(X, y, fit_intercept, sample_weight, order="K"):
    r"""Centre ``X`` and ``y`` on their weighted means (new arrays; inputs untouched).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,) or (n_samples, n_targets)
    fit_intercept : bool
        When False nothing is centred and the offsets are zero.
    sample_weight : ndarray of shape (n_samples,)
    order : {'K', 'C', 'F'}, default='K'
        Memory layout of the returned ``X_c`` ('F' for column-wise solvers).

    Returns
    -------
    X_c : ndarray of shape (n_samples, n_features)
    y_c : ndarray of the shape of ``y``
    X_offset : ndarray of shape (n_features,)
        :math:`\bar x = \sum_i s_i x_i / \sum_i s_i`.
    y_offset : float or ndarray of shape (n_targets,)
    """
    X_c = np.array(X, dtype=np.float64, order=order)  # the one copy; centred in place below
    y_c = np.array(y, dtype=np.float64)
    if not fit_intercept:
        y_offset = np.zeros(y.shape[1]) if y.ndim == 2 else 0.0
        return X_c, y_c, np.zeros(X.shape[1]), y_offset
    total = sample_weight.sum()
    X_offset = sample_weight @ X / total
    y_offset = sample_weight @ y / total
    X_c -= X_offset
    y_c -= y_offset
    return X_c, y_c, X_offset, y_offset


def rescale_data(X, y, sample_weight):
    r"""Multiply each row by :math:`\sqrt{s_i}`: weighted squares become plain squares.

    Returns new arrays, or ``X`` and ``y`` themselves when every weight is 1.
    """
    if np.all(sample_weight == 1.0):
        return X, y
    root = np.sqrt(sample_weight)
    if y.ndim == 2:
        return X * root[:, None], y * root[:, None]
    return X * root[:, None], y * root


class LinearModel(BaseEstimator):
    r"""Prediction :math:`\hat y = X w + b` shared by the linear regressors.

    Subclasses set ``coef_`` of shape (n_features,) or (n_targets, n_features)
    and ``intercept_`` (a float or an array of shape (n_targets,)).
    """

    def _decision_function(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=[np.float64, np.float32])
        return X @ self.coef_.T + self.intercept_

    def predict(self, X):
        """Predict with the fitted linear model.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Samples.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,) or (n_samples, n_targets)
            :math:`X w + b`.
        """
        return self._decision_function(X)

    def _set_intercept(self, X_offset, y_offset):
        """Recover :math:`b = \\bar y - \\bar x^\\top w` from the centred fit (0.0 without intercept)."""
        if not self.fit_intercept:
            self.intercept_ = 0.0  # scikit-learn's convention, whatever the number of targets
            return
        self.intercept_ = y_offset - X_offset @ self.coef_.T

    def _extra_tags(self):
        return {"multi_output": True}
