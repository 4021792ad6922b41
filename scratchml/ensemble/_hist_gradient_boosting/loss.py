r"""Losses of histogram gradient boosting: value, gradient, Hessian, baseline.

Each loss works on raw predictions ``raw`` of shape (n_samples, K) (K = 1
except for the multinomial loss, K = n_classes) and writes float32 gradients
g and Hessians h of shape (n_samples, K), the per-sample terms of eq.
(hgb-taylor), already multiplied by the sample weights ``sw`` (1.0 when
unweighted) in float64 before the one rounding to float32. The constants follow scikit-learn's "half" losses, so the
reported ``train_score_`` values are directly comparable.
"""

import numpy as np

from ...utils._math import expit, logsumexp, softmax
from .._gb_losses import weighted_quantile

__all__ = ["LOSSES"]


def _weighted_median(values, sample_weight):
    if sample_weight is None:
        return np.median(values)
    order = np.argsort(values, kind="stable")
    cum = np.cumsum(sample_weight[order])
    return values[order][np.searchsorted(cum, 0.5 * cum[-1])]


class HalfSquaredError:
    """l(y, F) = (y - F)^2 / 2; g = F - y, h = 1; baseline the (weighted) mean."""

    differentiable = True

    def inverse_link(self, raw):
        return raw

    def baseline(self, y, sample_weight):
        return np.array([np.average(y, weights=sample_weight)])

    def gradient_hessian(self, y, raw, sw, g, h):
        g[:, 0] = sw * (raw[:, 0] - y)
        h[:, 0] = sw

    def loss(self, y, raw, sample_weight):
        return np.average(0.5 * (y - raw[:, 0]) ** 2, weights=sample_weight)


class AbsoluteError:
    """l(y, F) = |y - F|; g = sign(F - y), h = 1; leaves refitted to the median.

    The gradient carries no curvature, so after a tree is grown on (g, h)
    each leaf value is replaced by the median of the residuals y - F of its
    samples (Friedman, 2001, Algorithm 3, LAD_TreeBoost).
    """

    differentiable = False

    def inverse_link(self, raw):
        return raw

    def baseline(self, y, sample_weight):
        return np.array([_weighted_median(y, sample_weight)])

    def gradient_hessian(self, y, raw, sw, g, h):
        g[:, 0] = sw * np.where(raw[:, 0] > y, 1.0, -1.0)
        h[:, 0] = sw

    def loss(self, y, raw, sample_weight):
        return np.average(np.abs(y - raw[:, 0]), weights=sample_weight)

    def leaf_value(self, residuals, sample_weight):
        return _weighted_median(residuals, sample_weight)


class PinballLoss:
    r"""Pinball loss of level q, eq. (hgb-pinball); g = -q or 1 - q, h = 1.

    Like the absolute error (q = 1/2, up to a factor 2) it has no curvature:
    the trees are grown on (g, h = 1) and each leaf value is then replaced
    by the q-quantile of the residuals y - F of its samples (the exact line
    search, Friedman 2001, §4.3). The baseline is the q-quantile of y.
    Quantiles as scikit-learn takes them: ``np.percentile`` (linear
    interpolation) unweighted, the weighted inverted CDF with weights.
    """

    differentiable = False

    def __init__(self, quantile):
        self.quantile = quantile

    def inverse_link(self, raw):
        return raw

    def _quantile(self, values, sample_weight):
        # the minimiser of eq. (hgb-pinball) over a constant
        if sample_weight is None:
            return np.percentile(values, 100 * self.quantile)
        return weighted_quantile(values, sample_weight, self.quantile)

    def baseline(self, y, sample_weight):
        return np.array([self._quantile(y, sample_weight)])  # eq. (hgb-baseline)

    def gradient_hessian(self, y, raw, sw, g, h):
        # gradient of eq. (hgb-pinball): -q at or above the prediction, 1 - q below; h = 1
        g[:, 0] = sw * np.where(y >= raw[:, 0], -self.quantile, 1.0 - self.quantile)
        h[:, 0] = sw

    def loss(self, y, raw, sample_weight):
        r = y - raw[:, 0]  # eq. (hgb-pinball)
        return np.average(np.where(r >= 0, self.quantile * r, (self.quantile - 1.0) * r),
                          weights=sample_weight)

    def leaf_value(self, residuals, sample_weight):
        return self._quantile(residuals, sample_weight)


class HalfBinomialLoss:
    """l(y, F) = log(1 + e^F) - y F; g = p - y, h = p (1 - p), p = expit(F)."""

    differentiable = True

    def baseline(self, y, sample_weight):
        # log-odds of the (clipped) positive rate: a constant model's optimum
        eps = 10 * np.finfo(np.float64).eps
        p = np.clip(np.average(y, weights=sample_weight), eps, 1 - eps)
        return np.array([np.log(p / (1 - p))])

    def gradient_hessian(self, y, raw, sw, g, h):
        p = expit(raw[:, 0])
        g[:, 0] = sw * (p - y)
        h[:, 0] = sw * (p * (1 - p))

    def loss(self, y, raw, sample_weight):
        # logaddexp(0, F) = log(1 + e^F) without overflow for large F
        return np.average(np.logaddexp(0, raw[:, 0]) - y * raw[:, 0], weights=sample_weight)

    def predict_proba(self, raw):
        p = expit(raw[:, 0])
        return np.column_stack([1 - p, p])


class HalfMultinomialLoss:
    """l(y, F) = logsumexp(F) - F_y; g_k = p_k - [y = k], h_k = p_k (1 - p_k)."""

    differentiable = True

    def __init__(self, n_classes):
        self.n_classes = n_classes

    def baseline(self, y, sample_weight):
        eps = 10 * np.finfo(np.float64).eps
        onehot = y[:, None] == np.arange(self.n_classes)
        p = np.clip(np.average(onehot, axis=0, weights=sample_weight), eps, 1 - eps)
        # symmetric log-priors: centred so the K raw scores sum to zero
        return np.log(p) - np.log(p).mean()

    def gradient_hessian(self, y, raw, sw, g, h):
        p = softmax(raw, axis=1)
        g[:] = sw[:, None] * (p - (y[:, None] == np.arange(self.n_classes)))
        h[:] = sw[:, None] * (p * (1 - p))

    def loss(self, y, raw, sample_weight):
        true_raw = raw[np.arange(raw.shape[0]), y.astype(np.int64)]
        return np.average(logsumexp(raw, axis=1) - true_raw, weights=sample_weight)

    def predict_proba(self, raw):
        return softmax(raw, axis=1)


class HalfPoissonLoss:
    """l(y, F) = e^F - y F (log link, constant terms dropped); g = e^F - y, h = e^F.

    F is the log of the predicted mean; the baseline is the log of the
    (weighted) mean of y.
    """

    differentiable = True

    def baseline(self, y, sample_weight):
        eps = 10 * np.finfo(np.float64).eps
        return np.array([np.log(max(np.average(y, weights=sample_weight), eps))])

    def gradient_hessian(self, y, raw, sw, g, h):
        mu = np.exp(raw[:, 0])
        g[:, 0] = sw * (mu - y)
        h[:, 0] = sw * mu

    def loss(self, y, raw, sample_weight):
        return np.average(np.exp(raw[:, 0]) - y * raw[:, 0], weights=sample_weight)

    def inverse_link(self, raw):
        return np.exp(raw)


LOSSES = {
    "squared_error": HalfSquaredError,
    "absolute_error": AbsoluteError,
    "poisson": HalfPoissonLoss,
    "quantile": PinballLoss,
}
