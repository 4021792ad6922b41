r"""Stochastic-gradient kernels: the per-sample losses and one epoch of updates.

The labels ``(sgd-...)`` refer to the ``SGDClassifier`` docstring and
``docs/algorithms/sgd.rst``. Classification losses take ``y`` in {-1, +1}
(``log_loss``: in {0, 1}, as scikit-learn's half-binomial loss); ``p`` is
the score :math:`w^\top x + b`.
"""

import math

import numba

__all__ = ["LOSSES", "SCHEDULES", "loss_and_derivative", "sgd_epoch"]

#: loss name -> code used inside the kernel
LOSSES = {
    "hinge": 0, "log_loss": 1, "modified_huber": 2, "squared_hinge": 3, "perceptron": 4,
    "squared_error": 5, "huber": 6, "epsilon_insensitive": 7, "squared_epsilon_insensitive": 8,
}
#: learning-rate schedule name -> code
SCHEDULES = {"constant": 0, "optimal": 1, "invscaling": 2, "adaptive": 3}

MAX_DLOSS = 1e12  # clip the derivative as scikit-learn does, so one outlier cannot overflow w


def loss_and_derivative(code, y, p, epsilon):
    r"""Value and derivative :math:`\partial L / \partial p` of loss ``code`` -- eq. (sgd-losses)."""
    if code == 0 or code == 4:  # hinge (margin 1) / perceptron (margin 0)
        margin = 1.0 if code == 0 else 0.0
        z = p * y
        if z <= margin:
            return margin - z, -y
        return 0.0, 0.0
    if code == 1:  # log_loss, y in {0, 1}: log(1 + e^p) - y p, stable for any p
        if p > 0:
            loss = p + math.log1p(math.exp(-p)) - y * p
            sig = 1.0 / (1.0 + math.exp(-p))
        else:
            e = math.exp(p)
            loss = math.log1p(e) - y * p
            sig = e / (1.0 + e)
        return loss, sig - y
    if code == 2:  # modified Huber
        z = p * y
        if z >= 1.0:
            return 0.0, 0.0
        if z >= -1.0:
            return (1.0 - z) * (1.0 - z), -2.0 * (1.0 - z) * y
        return -4.0 * z, -4.0 * y
    if code == 3:  # squared hinge
        z = 1.0 - p * y
        if z > 0.0:
            return z * z, -2.0 * y * z
        return 0.0, 0.0
    r = p - y
    if code == 5:  # half squared error
        return 0.5 * r * r, r
    if code == 6:  # Huber with threshold epsilon
        if abs(r) <= epsilon:
            return 0.5 * r * r, r
        return epsilon * (abs(r) - 0.5 * epsilon), epsilon if r > 0 else -epsilon
    excess = abs(r) - epsilon
    if code == 7:  # epsilon-insensitive
        if excess > 0.0:
            return excess, 1.0 if r > 0 else -1.0
        return 0.0, 0.0
    if excess > 0.0:  # squared epsilon-insensitive
        return excess * excess, 2.0 * excess if r > 0 else -2.0 * excess
    return 0.0, 0.0


def sgd_epoch(X, x_norm2, y, sample_weight, order, w, avg_w, q, state, config, loss_code, schedule):
    r"""One pass of plain (optionally averaged) SGD over the rows in ``order``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features), C order
    x_norm2 : ndarray of shape (n_samples,)
        Squared row norms :math:`\|x_i\|^2`, to update :math:`\|w\|^2` without a pass over w.
    y : ndarray of shape (n_samples,)
    sample_weight : ndarray of shape (n_samples,)
        Sample weight times class weight.
    order : ndarray of int64
        Rows to visit, in this order (validation rows left out).
    w, avg_w : ndarray of shape (n_features,)
        Weights and their running average; updated in place.
    q : ndarray of shape (n_features,)
        Cumulative L1 penalty actually applied to each weight (Tsuruoka et al.).
    state : ndarray of shape (5,)
        ``[intercept, avg_intercept, t, eta, u]``, updated in place; ``u`` is
        the total L1 penalty every weight could have received.
    config : ndarray of shape (8,)
        ``[alpha, l1_ratio, eta0, power_t, epsilon, optimal_init, average, fit_intercept]``;
        ``l1_ratio`` < 0 means no penalty.
    loss_code : int
        A value of ``LOSSES``.
    schedule : int
        A value of ``SCHEDULES``.

    Returns
    -------
    objective : float
        Sum over the visited rows of loss + penalty, eq. (sgd-objective),
        each term evaluated before that row's update (scikit-learn's bookkeeping).
    """
    alpha, l1_ratio, eta0, power_t = config[0], config[1], config[2], config[3]
    epsilon, optimal_init, average, fit_intercept = config[4], config[5], config[6], config[7]
    penalised = l1_ratio >= 0.0
    n_features = X.shape[1]
    intercept, avg_intercept, t, eta, u = state[0], state[1], state[2], state[3], state[4]
    w_norm2 = 0.0
    w_l1 = 0.0
    for j in range(n_features):
        w_norm2 += w[j] * w[j]
        w_l1 += abs(w[j])
    objective = 0.0
    for i in order:
        p = intercept
        for j in range(n_features):
            p += w[j] * X[i, j]
        if schedule == 1:
            eta = 1.0 / (alpha * (optimal_init + t - 1.0))  # eq. (sgd-optimal)
        elif schedule == 2:
            eta = eta0 / t**power_t  # eq. (sgd-invscaling)
        loss, dloss = loss_and_derivative_jit(loss_code, y[i], p, epsilon)
        objective += loss
        if penalised:
            objective += alpha * ((1.0 - l1_ratio) * 0.5 * w_norm2 + l1_ratio * w_l1)
        dloss = min(max(dloss, -MAX_DLOSS), MAX_DLOSS)
        update = -eta * dloss * sample_weight[i]  # eq. (sgd-step)
        # weight decay from the L2 part; never a negative factor when eta * alpha is large
        decay = max(0.0, 1.0 - (1.0 - l1_ratio) * eta * alpha) if penalised else 1.0
        # ||d w + u x||^2 = d^2 ||w||^2 + 2 d u (w.x) + u^2 ||x||^2, with w.x = p - b already
        # known: no reduction over w in the update loop below, which then vectorises
        w_norm2 = (decay * decay * w_norm2 + 2.0 * decay * update * (p - intercept)
                   + update * update * x_norm2[i])
        for j in range(n_features):
            w[j] = decay * w[j] + update * X[i, j]  # eq. (sgd-step)
        if fit_intercept:
            intercept += update
        if 0 < average <= t:
            # running mean of the iterates since step `average` (Polyak-Ruppert)
            k = t - average + 1.0
            for j in range(n_features):
                avg_w[j] += (w[j] - avg_w[j]) / k
            avg_intercept += (intercept - avg_intercept) / k
        if penalised and l1_ratio > 0.0:
            # eq. (sgd-l1): clip towards 0 by the penalty not yet applied, never across 0
            u += l1_ratio * eta * alpha
            w_norm2 = 0.0
            w_l1 = 0.0
            for j in range(n_features):
                z = w[j]
                if z > 0.0:
                    w[j] = max(0.0, z - (u + q[j]))
                elif z < 0.0:
                    w[j] = min(0.0, z + (u - q[j]))
                q[j] += w[j] - z
                w_norm2 += w[j] * w[j]
                w_l1 += abs(w[j])
        t += 1.0
    state[0], state[1], state[2], state[3], state[4] = intercept, avg_intercept, t, eta, u
    return objective


loss_and_derivative_jit = numba.njit(cache=True)(loss_and_derivative)
sgd_epoch_jit = numba.njit(cache=True)(sgd_epoch)
# sgd_epoch calls the compiled loss (a jitted function can only call jitted
# ones); under NUMBA_DISABLE_JIT=1 both names are the plain functions.
