"""Loss functions of gradient boosting: initial value, negative gradient, leaf line search.

Each loss works on raw predictions F of shape (n_samples, n_trees_per_stage)
and offers ``init_raw`` (F_0), ``neg_gradient`` (the pseudo-residuals the
trees fit), ``leaf_values`` (the per-leaf line search) and ``__call__`` (the
training score, on scikit-learn's scale); the classification losses also
offer ``link`` (probabilities of an ``init`` estimator to raw F_0). Equation
labels refer to the
docstrings of ``GradientBoostingClassifier`` / ``GradientBoostingRegressor``.
"""

import numpy as np

from ..utils._math import expit, logsumexp, softmax


class _SquaredError:
    """L(y, F) = (y - F)^2; the gradient step is the residual, eq. (gb-sq)."""

    def init_raw(self, y, w):
        return np.array([np.average(y, weights=w)])  # the mean minimises eq. (gb-sq)

    def neg_gradient(self, y, F):
        return (y - F[:, 0])[:, None]  # eq. (gb-sq): residuals (half-loss gradient)

    def leaf_values(self, tree_values, leaves, y_k, neg_g, w, K, F_k):
        return tree_values  # the tree's leaf means already minimise the loss

    def __call__(self, y, F, w):
        return np.average((y - F[:, 0]) ** 2, weights=w)


class _BinomialDeviance:
    """Binary log loss with p = expit(F): negative gradient y - p, eq. (gb-logit)."""

    def init_raw(self, y, w):
        p = np.clip(np.average(y, weights=w), np.finfo(float).eps, 1 - np.finfo(float).eps)
        return np.array([np.log(p / (1 - p))])  # log-odds of the weighted prior

    def link(self, p):
        return np.log(p / (1 - p))  # logit: p = expit(F), eq. (gb-logit)

    def neg_gradient(self, y, F):
        return (y - expit(F[:, 0]))[:, None]  # eq. (gb-logit)

    def leaf_values(self, tree_values, leaves, y_k, neg_g, w, K, F_k):
        p = y_k - neg_g
        return _newton_step(leaves, neg_g, p * (1 - p), w, tree_values.shape[0])  # eq. (gb-newton)

    def __call__(self, y, F, w):
        # 2 x mean negative log-likelihood (scikit-learn's "deviance"); logaddexp avoids exp overflow
        return 2 * np.average(np.logaddexp(0, F[:, 0]) - y * F[:, 0], weights=w)


class _MultinomialDeviance:
    """K-class log loss with p = softmax(F): negative gradients y_k - p_k."""

    def init_raw(self, y, w):
        K = int(y.max()) + 1
        eps = np.finfo(float).eps
        p = np.clip(np.bincount(y, weights=w, minlength=K) / w.sum(), eps, 1 - eps)
        return np.log(p) - np.mean(np.log(p))  # symmetric logit of the priors

    def link(self, p):
        # symmetric logit, inverse of softmax up to a constant per row: (n_samples, K)
        log_p = np.log(p)
        return log_p - log_p.mean(axis=1, keepdims=True)

    def neg_gradient(self, y, F):
        Y = np.zeros_like(F)
        Y[np.arange(y.shape[0]), y] = 1.0
        return Y - softmax(F, axis=1)  # eq. (gb-softmax)

    def leaf_values(self, tree_values, leaves, y_k, neg_g, w, K, F_k):
        p = y_k - neg_g
        # (K-1)/K: Friedman (2001), Algorithm 6, kept for parity with scikit-learn
        step = _newton_step(leaves, neg_g, p * (1 - p), w, tree_values.shape[0])
        return (K - 1) / K * step  # eq. (gb-newton)

    def __call__(self, y, F, w):
        return np.average(logsumexp(F, axis=1) - F[np.arange(y.shape[0]), y], weights=w)


def weighted_quantile(values, weights, q):
    """Smallest value whose cumulative weight reaches ``q`` of the total (inverted CDF)."""
    order = np.argsort(values)
    cdf = np.cumsum(weights[order])
    target = q * cdf[-1]
    if target == 0:  # q = 0: the first value with positive weight
        target = np.nextafter(0.0, 1.0)
    idx = min(np.searchsorted(cdf, target), len(values) - 1)
    return values[order[idx]]


class _QuantileLoss:
    """Pinball loss of level q, eq. (gb-pinball); 'absolute_error' is q = 1/2 with |y - F|.

    The leaf values are the weighted q-quantile of the residuals in the leaf
    (the exact line search), and F_0 the q-quantile of y.
    """

    def __init__(self, q, absolute, weighted):
        self.q, self.absolute, self.weighted = q, absolute, weighted

    def init_raw(self, y, w):
        if not self.weighted:  # as scikit-learn's DummyRegressor: interpolated percentile
            return np.array([np.percentile(y, 100 * self.q)])
        return np.array([weighted_quantile(y, w, self.q)])

    def neg_gradient(self, y, F):
        if self.absolute:
            # sign of the residual; +1 at a zero residual, as scikit-learn's gradient
            return np.where(y >= F[:, 0], 1.0, -1.0)[:, None]
        return np.where(y >= F[:, 0], self.q, self.q - 1.0)[:, None]  # eq. (gb-pinball)

    def leaf_values(self, tree_values, leaves, y_k, neg_g, w, K, F_k):
        out = tree_values.copy()  # internal nodes keep the tree's means
        residual = y_k - F_k
        for leaf in np.unique(leaves):
            in_leaf = leaves == leaf
            out[leaf] = weighted_quantile(residual[in_leaf], w[in_leaf], self.q)
        return out

    def __call__(self, y, F, w):
        r = y - F[:, 0]
        if self.absolute:
            return np.average(np.abs(r), weights=w)
        return np.average(np.where(r >= 0, self.q * r, (self.q - 1) * r), weights=w)


class _HuberLoss:
    """Huber loss, eq. (gb-huber), with delta the alpha-quantile of |y - F| at each stage.

    Quadratic for residuals within delta, linear beyond: a squared error that
    does not let outliers dominate. The leaf step is Friedman's (2001,
    Algorithm 4): the leaf's median residual plus the mean of the clipped
    deviations from it.
    """

    def __init__(self, alpha, weighted):
        self.alpha, self.weighted, self.delta = alpha, weighted, None

    def start_stage(self, y, F, w):
        self.delta = weighted_quantile(np.abs(y - F[:, 0]), w, self.alpha)

    def init_raw(self, y, w):
        if not self.weighted:
            return np.array([np.percentile(y, 50)])
        return np.array([weighted_quantile(y, w, 0.5)])

    def neg_gradient(self, y, F):
        r = y - F[:, 0]
        return np.where(np.abs(r) <= self.delta, r, self.delta * np.sign(r))[:, None]

    def leaf_values(self, tree_values, leaves, y_k, neg_g, w, K, F_k):
        out = tree_values.copy()
        residual = y_k - F_k
        for leaf in np.unique(leaves):
            r, w_leaf = residual[leaves == leaf], w[leaves == leaf]
            median = weighted_quantile(r, w_leaf, 0.5)
            d = r - median
            out[leaf] = median + np.average(np.sign(d) * np.minimum(self.delta, np.abs(d)),
                                            weights=w_leaf)
        return out

    def __call__(self, y, F, w):
        a = np.abs(y - F[:, 0])  # eq. (gb-huber)
        return np.average(np.where(a <= self.delta, 0.5 * a**2, self.delta * (a - 0.5 * self.delta)),
                          weights=w)


class _ExponentialLoss:
    """AdaBoost's exponential loss for y in {0, 1}, eq. (gb-exp); F is half the log-odds."""

    def init_raw(self, y, w):
        p = np.clip(np.average(y, weights=w), np.finfo(float).eps, 1 - np.finfo(float).eps)
        return np.array([0.5 * np.log(p / (1 - p))])  # minimiser of eq. (gb-exp)

    def link(self, p):
        return 0.5 * np.log(p / (1 - p))  # half logit: p = expit(2F), eq. (gb-exp)

    def neg_gradient(self, y, F):
        return (y * np.exp(-F[:, 0]) - (1 - y) * np.exp(F[:, 0]))[:, None]

    def leaf_values(self, tree_values, leaves, y_k, neg_g, w, K, F_k):
        # Newton step: the Hessian equals |negative gradient| for this loss
        hessian = np.where(y_k == 0, -neg_g, neg_g)
        return _newton_step(leaves, neg_g, hessian, w, tree_values.shape[0])

    def __call__(self, y, F, w):
        return np.average(y * np.exp(-F[:, 0]) + (1 - y) * np.exp(F[:, 0]), weights=w)


def _newton_step(leaves, neg_g, hessian, w, n_nodes):
    """Per leaf, sum(w * -g) / sum(w * h): one Newton step, eq. (gb-newton).

    A leaf whose Hessian sum vanishes (all p in {0, 1}) gets 0: no step can
    lower the loss there.
    """
    num = np.bincount(leaves, weights=w * neg_g, minlength=n_nodes)
    den = np.bincount(leaves, weights=w * hessian, minlength=n_nodes)
    out = np.zeros(n_nodes)
    ok = np.abs(den) >= 1e-150
    out[ok] = num[ok] / den[ok]
    return out
