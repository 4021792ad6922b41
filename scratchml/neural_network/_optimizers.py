r"""First-order optimizers, each update written as its paper writes it.

Notation: parameters :math:`\theta`, gradient :math:`g_t = \nabla_\theta L(\theta_{t-1})`
at step :math:`t = 1, 2, \dots`, learning rate :math:`\eta` (or :math:`\alpha`
where the paper calls it so). Every optimizer updates a list of parameter
arrays in place: ``opt.step(params, grads)``. ``learning_rate`` may be a float
or a schedule (a callable ``step -> rate``, see :mod:`._schedules`), evaluated
at the 0-based step count before each update.

Gradient clipping (Pascanu, Mikolov & Bengio 2013, arXiv:1211.5063, Alg. 1)
is applied to the gradients before any update:

.. math::
   :label: clip-norm

   \hat g = g \cdot \min\Big(1, \frac{c}{\lVert g \rVert_2}\Big), \qquad
   \lVert g \rVert_2 = \Big(\textstyle\sum_{\text{all params}} \lVert g_p \rVert^2\Big)^{1/2}
"""

import numpy as np

__all__ = ["SGD", "Adadelta", "Adagrad", "Adam", "AdamW", "Nadam", "Optimizer", "RMSProp",
           "clip_by_global_norm", "clip_by_value", "get_optimizer"]


def clip_by_value(grads, clipvalue):
    """Clip every gradient entry to ``[-clipvalue, clipvalue]`` (new arrays)."""
    return [np.clip(g, -clipvalue, clipvalue) for g in grads]


def clip_by_global_norm(grads, clipnorm):
    """Rescale all gradients together so their joint L2 norm is at most ``clipnorm`` (eq. clip-norm)."""
    norm = np.sqrt(sum(float(np.sum(g * g)) for g in grads))
    if norm <= clipnorm:
        return list(grads)
    return [g * (clipnorm / norm) for g in grads]  # eq. (clip-norm)


class Optimizer:
    """Base class: learning rate (or schedule), clipping, per-parameter state.

    Parameters
    ----------
    learning_rate : float > 0 or callable
        A constant, or a schedule ``step -> rate``.
    clipvalue : float > 0, default=None
        Clip each gradient entry to ``[-clipvalue, clipvalue]``.
    clipnorm : float > 0, default=None
        Rescale the gradients so their global norm is at most ``clipnorm``.

    Attributes
    ----------
    iterations : int
        Number of updates done (the paper's :math:`t` after the update).

    Raises
    ------
    ValueError
        Non-positive learning rate or clipping threshold.
    """

    def __init__(self, learning_rate, *, clipvalue=None, clipnorm=None):
        if not callable(learning_rate) and not learning_rate > 0:
            raise ValueError(f"learning_rate={learning_rate!r} must be > 0.")
        for name, value in (("clipvalue", clipvalue), ("clipnorm", clipnorm)):
            if value is not None and not value > 0:
                raise ValueError(f"{name}={value!r} must be > 0.")
        self.learning_rate = learning_rate
        self.clipvalue = clipvalue
        self.clipnorm = clipnorm
        self.iterations = 0
        self._state = None

    def current_learning_rate(self):
        """Rate used by the next update."""
        lr = self.learning_rate
        return float(lr(self.iterations)) if callable(lr) else float(lr)

    def _slots(self, params, n):
        """``n`` lists of zero arrays shaped like ``params`` (created on the first step)."""
        if self._state is None:
            self._state = [[np.zeros_like(p) for p in params] for _ in range(n)]
        return self._state

    def step(self, params, grads):
        """Update every array of ``params`` in place from ``grads``."""
        if self.clipvalue is not None:
            grads = clip_by_value(grads, self.clipvalue)
        if self.clipnorm is not None:
            grads = clip_by_global_norm(grads, self.clipnorm)
        lr = self.current_learning_rate()
        self.iterations += 1
        self._update(params, grads, lr, self.iterations)

    def _update(self, params, grads, lr, t):
        raise NotImplementedError

    def reset(self):
        """Forget the step count and all moment estimates."""
        self.iterations = 0
        self._state = None


class SGD(Optimizer):
    r"""Stochastic gradient descent, optionally with (Nesterov) momentum and decoupled weight decay.

    Parameters
    ----------
    learning_rate : float or callable, default=0.01
    momentum : float in [0, 1], default=0.0
        :math:`\mu`.
    nesterov : bool, default=False
    weight_decay : float >= 0, default=0.0
        Decoupled decay :math:`\lambda` (SGDW, Loshchilov & Hutter 2019 Alg. 1 line 9).
    clipvalue, clipnorm : float, default=None

    Notes
    -----
    .. math::
       :label: sgd

       \theta_t = \theta_{t-1} - \eta g_t

    .. math::
       :label: momentum

       v_t = \mu v_{t-1} - \eta g_t, \qquad \theta_t = \theta_{t-1} + v_t

    .. math::
       :label: nesterov

       v_t = \mu v_{t-1} - \eta g_t, \qquad \theta_t = \theta_{t-1} + \mu v_t - \eta g_t

    Eq. (momentum) is Polyak's heavy ball as written by Sutskever et al. (2013,
    ICML, eq. 1-2); eq. (nesterov) is Nesterov's accelerated gradient
    rewritten in the current parameters (Bengio, Boulanger-Lewandowski &
    Pascanu 2013, arXiv:1212.0901, eq. 7), the form scikit-learn uses. With
    weight decay, :math:`\theta_t \mathrel{-}= \eta_t\lambda\theta_{t-1}` is
    applied apart from the gradient, where :math:`\eta_t` is the schedule
    multiplier (rate at step t over rate at step 0; 1 for a constant rate), as
    in SGDW and as in :class:`AdamW`: ``weight_decay`` means the same in both.
    PyTorch multiplies the decay by the learning rate instead.
    """

    def __init__(self, learning_rate=0.01, *, momentum=0.0, nesterov=False, weight_decay=0.0,
                 clipvalue=None, clipnorm=None):
        super().__init__(learning_rate, clipvalue=clipvalue, clipnorm=clipnorm)
        if not (0.0 <= momentum <= 1.0):
            raise ValueError(f"momentum={momentum!r} must be in [0, 1].")
        if weight_decay < 0:
            raise ValueError(f"weight_decay={weight_decay!r} must be >= 0.")
        self.momentum = momentum
        self.nesterov = nesterov
        self.weight_decay = weight_decay

    def _update(self, params, grads, lr, t):
        mu = self.momentum
        alpha = float(self.learning_rate(0)) if callable(self.learning_rate) else float(self.learning_rate)
        eta = lr / alpha  # schedule multiplier eta_t
        (velocities,) = self._slots(params, 1)
        for p, g, v in zip(params, grads, velocities):
            decay = eta * self.weight_decay * p if self.weight_decay else None
            if mu == 0.0:
                p -= lr * g  # eq. (sgd)
            else:
                v *= mu
                v -= lr * g  # eq. (momentum), first half
                if self.nesterov:
                    p += mu * v - lr * g  # eq. (nesterov)
                else:
                    p += v  # eq. (momentum)
            if decay is not None:
                p -= decay


class Adagrad(Optimizer):
    r"""AdaGrad (Duchi, Hazan & Singer 2011, JMLR 12, diagonal version, §1.1 / eq. 20).

    .. math::
       :label: adagrad

       G_t = G_{t-1} + g_t^2, \qquad \theta_t = \theta_{t-1} - \frac{\eta}{\sqrt{G_t} + \epsilon} g_t

    Parameters
    ----------
    learning_rate : float or callable, default=0.01
    epsilon : float, default=1e-8
        Guards the division while :math:`G_t` is still 0.
    clipvalue, clipnorm : float, default=None
    """

    def __init__(self, learning_rate=0.01, *, epsilon=1e-8, clipvalue=None, clipnorm=None):
        super().__init__(learning_rate, clipvalue=clipvalue, clipnorm=clipnorm)
        self.epsilon = epsilon

    def _update(self, params, grads, lr, t):
        (G_all,) = self._slots(params, 1)
        for p, g, G in zip(params, grads, G_all):
            G += g * g  # eq. (adagrad)
            p -= lr * g / (np.sqrt(G) + self.epsilon)


class RMSProp(Optimizer):
    r"""RMSProp (Tieleman & Hinton 2012, *Neural Networks for Machine Learning*, lecture 6.5).

    .. math::
       :label: rmsprop

       s_t = \rho s_{t-1} + (1 - \rho) g_t^2, \qquad
       \theta_t = \theta_{t-1} - \frac{\eta}{\sqrt{s_t} + \epsilon} g_t

    Parameters
    ----------
    learning_rate : float or callable, default=0.001
    rho : float in [0, 1), default=0.9
    epsilon : float, default=1e-8
    clipvalue, clipnorm : float, default=None
    """

    def __init__(self, learning_rate=0.001, *, rho=0.9, epsilon=1e-8, clipvalue=None, clipnorm=None):
        super().__init__(learning_rate, clipvalue=clipvalue, clipnorm=clipnorm)
        if not (0.0 <= rho < 1.0):
            raise ValueError(f"rho={rho!r} must be in [0, 1).")
        self.rho = rho
        self.epsilon = epsilon

    def _update(self, params, grads, lr, t):
        (s_all,) = self._slots(params, 1)
        rho = self.rho
        for p, g, s in zip(params, grads, s_all):
            s *= rho
            s += (1 - rho) * g * g  # eq. (rmsprop)
            p -= lr * g / (np.sqrt(s) + self.epsilon)


class Adadelta(Optimizer):
    r"""ADADELTA (Zeiler 2012, arXiv:1212.5701, Algorithm 1).

    .. math::
       :label: adadelta

       E[g^2]_t = \rho E[g^2]_{t-1} + (1-\rho) g_t^2,\quad
       \Delta\theta_t = -\frac{\sqrt{E[\Delta\theta^2]_{t-1} + \epsilon}}{\sqrt{E[g^2]_t + \epsilon}} g_t,\quad
       E[\Delta\theta^2]_t = \rho E[\Delta\theta^2]_{t-1} + (1-\rho)\Delta\theta_t^2,\quad
       \theta_t = \theta_{t-1} + \eta\,\Delta\theta_t

    The paper has no learning rate (:math:`\eta = 1`, the default); :math:`\epsilon`
    sits inside both RMS terms as in the paper (eq. 9).

    Parameters
    ----------
    learning_rate : float or callable, default=1.0
    rho : float in [0, 1), default=0.95
    epsilon : float, default=1e-6
    clipvalue, clipnorm : float, default=None
    """

    def __init__(self, learning_rate=1.0, *, rho=0.95, epsilon=1e-6, clipvalue=None, clipnorm=None):
        super().__init__(learning_rate, clipvalue=clipvalue, clipnorm=clipnorm)
        if not (0.0 <= rho < 1.0):
            raise ValueError(f"rho={rho!r} must be in [0, 1).")
        self.rho = rho
        self.epsilon = epsilon

    def _update(self, params, grads, lr, t):
        Eg2_all, Edx2_all = self._slots(params, 2)
        rho, eps = self.rho, self.epsilon
        for p, g, Eg2, Edx2 in zip(params, grads, Eg2_all, Edx2_all):
            Eg2 *= rho
            Eg2 += (1 - rho) * g * g  # eq. (adadelta)
            delta = -np.sqrt(Edx2 + eps) / np.sqrt(Eg2 + eps) * g
            Edx2 *= rho
            Edx2 += (1 - rho) * delta * delta
            p += lr * delta


class Adam(Optimizer):
    r"""Adam (Kingma & Ba 2015, arXiv:1412.6980, Algorithm 1).

    .. math::
       :label: adam

       m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t,\quad
       v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2,\quad
       \hat m_t = \frac{m_t}{1 - \beta_1^t},\quad
       \hat v_t = \frac{v_t}{1 - \beta_2^t},\quad
       \theta_t = \theta_{t-1} - \alpha\frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon}

    :math:`\epsilon` is added *outside* the square root of :math:`\hat v_t`,
    exactly as in Algorithm 1. (scikit-learn uses the paper's §2 "efficient"
    variant, which folds the bias corrections into :math:`\alpha` and so
    applies :math:`\epsilon` to the uncorrected :math:`\sqrt{v_t}`; the two
    differ only while :math:`\sqrt{\hat v_t}` is comparable to :math:`\epsilon`.)

    Parameters
    ----------
    learning_rate : float or callable, default=0.001
        :math:`\alpha`.
    beta_1, beta_2 : float in [0, 1), default=0.9, 0.999
    epsilon : float, default=1e-8
    clipvalue, clipnorm : float, default=None
    """

    def __init__(self, learning_rate=0.001, *, beta_1=0.9, beta_2=0.999, epsilon=1e-8,
                 clipvalue=None, clipnorm=None):
        super().__init__(learning_rate, clipvalue=clipvalue, clipnorm=clipnorm)
        for name, b in (("beta_1", beta_1), ("beta_2", beta_2)):
            if not (0.0 <= b < 1.0):
                raise ValueError(f"{name}={b!r} must be in [0, 1).")
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon

    def _adam_direction(self, m, v, g, t):
        """Update the moments in place (eq. adam) and return m_hat / (sqrt(v_hat) + eps)."""
        b1, b2 = self.beta_1, self.beta_2
        m *= b1
        m += (1 - b1) * g  # eq. (adam)
        v *= b2
        v += (1 - b2) * (g * g)
        m_hat = m / (1 - b1**t)
        v_hat = v / (1 - b2**t)
        return m_hat / (np.sqrt(v_hat) + self.epsilon)

    def _update(self, params, grads, lr, t):
        m_all, v_all = self._slots(params, 2)
        for p, g, m, v in zip(params, grads, m_all, v_all):
            p -= lr * self._adam_direction(m, v, g, t)  # eq. (adam)


class AdamW(Adam):
    r"""Adam with decoupled weight decay (Loshchilov & Hutter 2019, ICLR, arXiv:1711.05101, Algorithm 2).

    .. math::
       :label: adamw

       \theta_t = \theta_{t-1} - \eta_t\Big(\alpha \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon}
                   + \lambda \theta_{t-1}\Big)

    with :math:`\hat m_t, \hat v_t` of eq. (adam) computed from the loss
    gradient alone (the decay never enters the moments). :math:`\alpha` is
    ``learning_rate`` at step 0 and :math:`\eta_t` the schedule multiplier
    (rate at step t over rate at step 0; 1 for a constant rate). PyTorch's
    ``weight_decay`` multiplies :math:`\lambda` by the learning rate instead:
    its value is this :math:`\lambda` divided by :math:`\alpha`.

    Parameters
    ----------
    learning_rate : float or callable, default=0.001
    weight_decay : float >= 0, default=1e-4
        :math:`\lambda`.
    beta_1, beta_2, epsilon, clipvalue, clipnorm : as in :class:`Adam`
    """

    def __init__(self, learning_rate=0.001, *, weight_decay=1e-4, beta_1=0.9, beta_2=0.999,
                 epsilon=1e-8, clipvalue=None, clipnorm=None):
        super().__init__(learning_rate, beta_1=beta_1, beta_2=beta_2, epsilon=epsilon,
                         clipvalue=clipvalue, clipnorm=clipnorm)
        if weight_decay < 0:
            raise ValueError(f"weight_decay={weight_decay!r} must be >= 0.")
        self.weight_decay = weight_decay

    def _update(self, params, grads, lr, t):
        alpha = float(self.learning_rate(0)) if callable(self.learning_rate) else float(self.learning_rate)
        eta = lr / alpha  # schedule multiplier eta_t
        m_all, v_all = self._slots(params, 2)
        for p, g, m, v in zip(params, grads, m_all, v_all):
            step = alpha * self._adam_direction(m, v, g, t) + self.weight_decay * p
            p -= eta * step  # eq. (adamw)


class Nadam(Adam):
    r"""Nesterov-accelerated Adam (Dozat 2016, ICLR workshop, "Incorporating Nesterov Momentum into Adam", Algorithm 2).

    With a constant momentum :math:`\mu = \beta_1` and :math:`\nu = \beta_2`:

    .. math::
       :label: nadam

       \hat g_t = \frac{g_t}{1 - \mu^t},\quad
       m_t = \mu m_{t-1} + (1-\mu) g_t,\quad
       \hat m_t = \frac{m_t}{1 - \mu^{t+1}},\quad
       n_t = \nu n_{t-1} + (1-\nu) g_t^2,\quad
       \hat n_t = \frac{n_t}{1 - \nu^t}

    .. math::
       :label: nadam-step

       \bar m_t = (1-\mu)\hat g_t + \mu \hat m_t,\qquad
       \theta_t = \theta_{t-1} - \alpha\frac{\bar m_t}{\sqrt{\hat n_t} + \epsilon}

    (Dozat's warming momentum schedule :math:`\mu_t` is not used: with it
    constant, every product :math:`\prod_i \mu_i` becomes :math:`\mu^t`.)

    Parameters
    ----------
    learning_rate : float or callable, default=0.002
    beta_1, beta_2, epsilon, clipvalue, clipnorm : as in :class:`Adam`
    """

    def __init__(self, learning_rate=0.002, *, beta_1=0.9, beta_2=0.999, epsilon=1e-8,
                 clipvalue=None, clipnorm=None):
        super().__init__(learning_rate, beta_1=beta_1, beta_2=beta_2, epsilon=epsilon,
                         clipvalue=clipvalue, clipnorm=clipnorm)

    def _update(self, params, grads, lr, t):
        mu, nu = self.beta_1, self.beta_2
        m_all, n_all = self._slots(params, 2)
        for p, g, m, n in zip(params, grads, m_all, n_all):
            g_hat = g / (1 - mu**t)  # eq. (nadam)
            m *= mu
            m += (1 - mu) * g
            m_hat = m / (1 - mu ** (t + 1))
            n *= nu
            n += (1 - nu) * (g * g)
            n_hat = n / (1 - nu**t)
            m_bar = (1 - mu) * g_hat + mu * m_hat  # eq. (nadam-step)
            p -= lr * m_bar / (np.sqrt(n_hat) + self.epsilon)


_OPTIMIZERS = {"sgd": SGD, "adagrad": Adagrad, "rmsprop": RMSProp, "adadelta": Adadelta,
               "adam": Adam, "adamw": AdamW, "nadam": Nadam}


def get_optimizer(opt):
    """An optimizer for ``opt`` (a name with default settings, or an instance).

    Raises
    ------
    ValueError
        For an unknown name.
    """
    if isinstance(opt, Optimizer):
        return opt
    if opt not in _OPTIMIZERS:
        raise ValueError(f"Unknown optimizer {opt!r}; expected one of {sorted(_OPTIMIZERS)}.")
    return _OPTIMIZERS[opt]()
