r"""Learning-rate schedules: ``schedule(t)`` gives the rate at 0-based step (or epoch) ``t``.

A schedule is a plain callable, so it can be handed to any optimizer as its
``learning_rate`` (stepped per update) or evaluated once per epoch by a
training loop. :class:`ReduceLROnPlateau` depends on a monitored metric and
is stepped explicitly with :meth:`ReduceLROnPlateau.step`.
"""

import math

__all__ = ["CosineAnnealing", "CyclicLR", "ExponentialDecay", "LinearWarmup", "MultiStepDecay",
           "OneCycle", "ReduceLROnPlateau", "StepDecay"]


def _check_positive(value, name):
    if not value > 0:
        raise ValueError(f"{name}={value!r} must be > 0.")


class Schedule:
    """Base class: subclasses implement ``__call__(t) -> float``."""

    def __call__(self, t):
        raise NotImplementedError

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in vars(self).items() if not k.startswith("_"))
        return f"{type(self).__name__}({args})"


class StepDecay(Schedule):
    r"""Multiply by :math:`\gamma` every ``step_size`` steps: :math:`\eta_t = \eta_0\,\gamma^{\lfloor t / s \rfloor}`.

    .. math::
       :label: step-decay

       \eta_t = \eta_0 \gamma^{\lfloor t/s \rfloor}

    Parameters
    ----------
    initial_learning_rate : float > 0
    step_size : int > 0
    gamma : float > 0, default=0.1

    Examples
    --------
    >>> s = StepDecay(1.0, step_size=2, gamma=0.5)
    >>> [s(t) for t in range(5)]
    [1.0, 1.0, 0.5, 0.5, 0.25]
    """

    def __init__(self, initial_learning_rate, step_size, gamma=0.1):
        _check_positive(initial_learning_rate, "initial_learning_rate")
        _check_positive(step_size, "step_size")
        _check_positive(gamma, "gamma")
        self.initial_learning_rate = initial_learning_rate
        self.step_size = step_size
        self.gamma = gamma

    def __call__(self, t):
        return self.initial_learning_rate * self.gamma ** (t // self.step_size)  # eq. (step-decay)


class MultiStepDecay(Schedule):
    r"""Multiply by :math:`\gamma` at each milestone: :math:`\eta_t = \eta_0\gamma^{|\{m_i \le t\}|}`.

    Parameters
    ----------
    initial_learning_rate : float > 0
    milestones : increasing sequence of int
    gamma : float > 0, default=0.1
    """

    def __init__(self, initial_learning_rate, milestones, gamma=0.1):
        _check_positive(initial_learning_rate, "initial_learning_rate")
        _check_positive(gamma, "gamma")
        milestones = list(milestones)
        if any(b <= a for a, b in zip(milestones, milestones[1:])):
            raise ValueError(f"milestones={milestones} must be strictly increasing.")
        self.initial_learning_rate = initial_learning_rate
        self.milestones = milestones
        self.gamma = gamma

    def __call__(self, t):
        passed = sum(1 for m in self.milestones if m <= t)
        return self.initial_learning_rate * self.gamma**passed


class ExponentialDecay(Schedule):
    r""":math:`\eta_t = \eta_0\,\gamma^{t}`.

    Parameters
    ----------
    initial_learning_rate : float > 0
    gamma : float > 0
    """

    def __init__(self, initial_learning_rate, gamma):
        _check_positive(initial_learning_rate, "initial_learning_rate")
        _check_positive(gamma, "gamma")
        self.initial_learning_rate = initial_learning_rate
        self.gamma = gamma

    def __call__(self, t):
        return self.initial_learning_rate * self.gamma**t


class CosineAnnealing(Schedule):
    r"""Cosine annealing with optional warm restarts (SGDR; Loshchilov & Hutter 2017, ICLR, arXiv:1608.03983, eq. 5).

    .. math::
       :label: cosine

       \eta_t = \eta_{min} + \tfrac12(\eta_{max} - \eta_{min})
                \Big(1 + \cos\frac{\pi T_{cur}}{T_i}\Big)

    :math:`T_{cur}` counts steps since the last restart; the first period is
    :math:`T_0` = ``T_max`` and each restart multiplies it by ``T_mult``.
    With ``restarts=False``, :math:`\eta` stays at :math:`\eta_{min}` after
    :math:`T_0` steps.

    Parameters
    ----------
    initial_learning_rate : float > 0
        :math:`\eta_{max}`.
    T_max : int > 0
    eta_min : float >= 0, default=0.0
    restarts : bool, default=False
    T_mult : int >= 1, default=1
    """

    def __init__(self, initial_learning_rate, T_max, eta_min=0.0, *, restarts=False, T_mult=1):
        _check_positive(initial_learning_rate, "initial_learning_rate")
        _check_positive(T_max, "T_max")
        if T_mult < 1:
            raise ValueError(f"T_mult={T_mult!r} must be >= 1.")
        self.initial_learning_rate = initial_learning_rate
        self.T_max = T_max
        self.eta_min = eta_min
        self.restarts = restarts
        self.T_mult = T_mult

    def __call__(self, t):
        T_i, T_cur = self.T_max, t
        if not self.restarts:
            T_cur = min(t, T_i)
        else:
            while T_cur >= T_i:  # which period are we in?
                T_cur -= T_i
                T_i *= self.T_mult
        lo, hi = self.eta_min, self.initial_learning_rate
        return lo + 0.5 * (hi - lo) * (1 + math.cos(math.pi * T_cur / T_i))  # eq. (cosine)


class LinearWarmup(Schedule):
    r"""Linear warm-up for ``warmup_steps`` steps, then any schedule (Goyal et al. 2017, arXiv:1706.02677, §2.2).

    .. math::
       :label: warmup

       \eta_t = \begin{cases} \eta_{start} + (\eta^{*}_0 - \eta_{start})\,t / W & t < W \\
                 \eta^{*}_{t - W} & t \ge W \end{cases}

    where :math:`\eta^{*}` is the wrapped schedule (or a constant), so at
    :math:`t = W` the rate is exactly the wrapped schedule's first value and
    the decay starts from there.

    Parameters
    ----------
    schedule : float or callable
        The rate after warm-up: a constant or a schedule (started at step 0
        when warm-up ends).
    warmup_steps : int > 0
    start_learning_rate : float >= 0, default=0.0
    """

    def __init__(self, schedule, warmup_steps, start_learning_rate=0.0):
        _check_positive(warmup_steps, "warmup_steps")
        if start_learning_rate < 0:
            raise ValueError(f"start_learning_rate={start_learning_rate!r} must be >= 0.")
        self.schedule = schedule
        self.warmup_steps = warmup_steps
        self.start_learning_rate = start_learning_rate

    def _after(self, t):
        return float(self.schedule(t)) if callable(self.schedule) else float(self.schedule)

    def __call__(self, t):
        W = self.warmup_steps
        if t < W:
            target = self._after(0)
            return self.start_learning_rate + (target - self.start_learning_rate) * t / W  # eq. (warmup)
        return self._after(t - W)


class CyclicLR(Schedule):
    r"""Cyclical learning rates (Smith 2017, WACV, arXiv:1506.01186, §3.1).

    .. math::
       :label: cyclic

       c = \Big\lfloor 1 + \frac{t}{2s} \Big\rfloor,\quad
       x = \Big|\frac{t}{s} - 2c + 1\Big|,\quad
       \eta_t = \eta_{base} + (\eta_{max} - \eta_{base})\max(0, 1 - x)\,\kappa

    with :math:`\kappa = 1` ('triangular'), :math:`\kappa = 2^{-(c-1)}`
    ('triangular2': the amplitude halves each cycle) or :math:`\kappa = \gamma^t`
    ('exp_range').

    Parameters
    ----------
    base_lr, max_lr : float > 0
    step_size : int > 0
        Half a cycle, :math:`s`.
    mode : {'triangular', 'triangular2', 'exp_range'}, default='triangular'
    gamma : float, default=1.0
        Used by 'exp_range'.
    """

    def __init__(self, base_lr, max_lr, step_size, mode="triangular", gamma=1.0):
        _check_positive(base_lr, "base_lr")
        _check_positive(max_lr, "max_lr")
        _check_positive(step_size, "step_size")
        if mode not in ("triangular", "triangular2", "exp_range"):
            raise ValueError(f"mode={mode!r} must be 'triangular', 'triangular2' or 'exp_range'.")
        self.base_lr = base_lr
        self.max_lr = max_lr
        self.step_size = step_size
        self.mode = mode
        self.gamma = gamma

    def __call__(self, t):
        s = self.step_size
        cycle = math.floor(1 + t / (2 * s))  # eq. (cyclic)
        x = abs(t / s - 2 * cycle + 1)
        if self.mode == "triangular":
            scale = 1.0
        elif self.mode == "triangular2":
            scale = 1.0 / 2 ** (cycle - 1)
        else:
            scale = self.gamma**t
        return self.base_lr + (self.max_lr - self.base_lr) * max(0.0, 1.0 - x) * scale


class OneCycle(Schedule):
    r"""The 1cycle policy (Smith 2018, arXiv:1803.09820, §4.1; Smith & Topin 2017, arXiv:1708.07120).

    Over ``total_steps`` :math:`T`: rise from :math:`\eta_{max}/d` to
    :math:`\eta_{max}` during the first :math:`p T` steps, then fall to
    :math:`\eta_{max}/(d\,d_f)`:

    .. math::
       :label: one-cycle

       \eta_t = \begin{cases}
         a(\eta_{max}/d,\ \eta_{max},\ t / t_1) & t \le t_1 \\
         a(\eta_{max},\ \eta_{max}/(d\,d_f),\ (t - t_1)/(T - 1 - t_1)) & t > t_1
       \end{cases},\qquad t_1 = p\,T - 1

    with :math:`a(u, v, x) = v + (u - v)(1 + \cos \pi x)/2` ('cos') or
    :math:`u + (v - u)x` ('linear', Smith's original).

    Parameters
    ----------
    max_lr : float > 0
    total_steps : int > 1
    pct_start : float in (0, 1), default=0.3
    div_factor : float > 0, default=25.0
        :math:`d`.
    final_div_factor : float > 0, default=1e4
        :math:`d_f`.
    anneal_strategy : {'cos', 'linear'}, default='cos'
    """

    def __init__(self, max_lr, total_steps, pct_start=0.3, div_factor=25.0, final_div_factor=1e4,
                 anneal_strategy="cos"):
        _check_positive(max_lr, "max_lr")
        if total_steps < 2:
            raise ValueError(f"total_steps={total_steps!r} must be >= 2.")
        if not (0 < pct_start < 1):
            raise ValueError(f"pct_start={pct_start!r} must be in (0, 1).")
        if anneal_strategy not in ("cos", "linear"):
            raise ValueError(f"anneal_strategy={anneal_strategy!r} must be 'cos' or 'linear'.")
        self.max_lr = max_lr
        self.total_steps = total_steps
        self.pct_start = pct_start
        self.div_factor = div_factor
        self.final_div_factor = final_div_factor
        self.anneal_strategy = anneal_strategy

    def _anneal(self, u, v, x):
        if self.anneal_strategy == "cos":
            return v + (u - v) * (1 + math.cos(math.pi * x)) / 2
        return u + (v - u) * x

    def __call__(self, t):
        T = self.total_steps
        t = min(t, T - 1)
        lo = self.max_lr / self.div_factor
        end = lo / self.final_div_factor
        t1 = max(self.pct_start * T - 1, 1e-12)  # eq. (one-cycle)
        if t <= t1:
            return self._anneal(lo, self.max_lr, t / t1)
        return self._anneal(self.max_lr, end, (t - t1) / (T - 1 - t1))


class ReduceLROnPlateau:
    """Divide the rate by ``1/factor`` when a monitored metric stops improving.

    After each epoch call :meth:`step` with the metric; once it has failed to
    improve by more than ``min_delta`` for more than ``patience`` consecutive
    calls, the rate is multiplied by ``factor`` (not below ``min_lr``) and
    nothing more happens for ``cooldown`` calls.

    Parameters
    ----------
    initial_learning_rate : float > 0
    mode : {'min', 'max'}, default='min'
    factor : float in (0, 1), default=0.1
    patience : int >= 0, default=10
    min_delta : float >= 0, default=1e-4
    cooldown : int >= 0, default=0
    min_lr : float >= 0, default=0.0

    Examples
    --------
    >>> s = ReduceLROnPlateau(1.0, factor=0.5, patience=1)
    >>> [s.step(v) for v in [3, 2, 2, 2, 2]]
    [1.0, 1.0, 1.0, 0.5, 0.5]
    """

    def __init__(self, initial_learning_rate, *, mode="min", factor=0.1, patience=10, min_delta=1e-4,
                 cooldown=0, min_lr=0.0):
        _check_positive(initial_learning_rate, "initial_learning_rate")
        if mode not in ("min", "max"):
            raise ValueError(f"mode={mode!r} must be 'min' or 'max'.")
        if not (0 < factor < 1):
            raise ValueError(f"factor={factor!r} must be in (0, 1).")
        self.initial_learning_rate = initial_learning_rate
        self.mode = mode
        self.factor = factor
        self.patience = patience
        self.min_delta = min_delta
        self.cooldown = cooldown
        self.min_lr = min_lr
        self.learning_rate = float(initial_learning_rate)
        self._best = math.inf if mode == "min" else -math.inf
        self._bad = 0
        self._cooldown_left = 0

    def __call__(self, t=None):
        return self.learning_rate

    def step(self, metric):
        """Record this epoch's metric; return the (possibly reduced) rate."""
        sign = 1.0 if self.mode == "min" else -1.0
        if sign * metric < sign * self._best - self.min_delta:
            self._best = metric
            self._bad = 0
        else:
            self._bad += 1
        if self._cooldown_left > 0:
            self._cooldown_left -= 1
            self._bad = 0
        if self._bad > self.patience:
            self.learning_rate = max(self.learning_rate * self.factor, self.min_lr)
            self._cooldown_left = self.cooldown
            self._bad = 0
        return self.learning_rate
