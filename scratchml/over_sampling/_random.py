"""Random over-sampling: repeat minority samples (optionally with a smoothed bootstrap)."""

from numbers import Real

import numpy as np

from ..base import BaseEstimator, SamplerMixin
from ..utils.validation import Interval, check_random_state

__all__ = ["RandomOverSampler"]

_STRATEGY = [Interval(Real, 0, 1, closed="right"), str, dict, "callable"]


class RandomOverSampler(SamplerMixin, BaseEstimator):
    r"""Over-sample classes by drawing their samples again, with replacement.

    For each class to over-sample, ``sampling_strategy_[c]`` indices are drawn
    uniformly with replacement from that class and appended. With
    ``shrinkage`` the copies are jittered (a smoothed bootstrap): Gaussian
    noise whose scale per feature is the class standard deviation times the
    rule-of-thumb bandwidth of eq. (ros-bandwidth).

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default='auto'
        How many samples to add per class; see
        :func:`scratchml.utils._sampling.check_sampling_strategy` ('auto'
        brings every class but the majority up to the majority count).
    random_state : int, RandomState instance or None, default=None
        Seeds the draws; the same seed gives imbalanced-learn's indices.
    shrinkage : float >= 0, dict {class: float} or None, default=None
        Scale of the smoothed-bootstrap noise; None repeats samples exactly.

    Attributes
    ----------
    sampling_strategy_ : dict
        Class -> number of samples generated.
    sample_indices_ : ndarray of shape (n_samples_new,)
        Row of ``X`` each output row comes from.
    shrinkage_ : dict or None
        Class -> shrinkage used.
    n_features_in_ : int

    Raises
    ------
    ValueError
        One class only; impossible ``sampling_strategy``; ``shrinkage`` missing a class.

    Notes
    -----
    Smoothed bootstrap (Silverman's rule for a Gaussian kernel in :math:`D`
    dimensions), with :math:`N` the number of samples:

    .. math::
       :label: ros-bandwidth

       h = \left(\frac{4}{(D + 2) N}\right)^{1/(D + 4)}, \qquad
       x_{\text{new}} = x_i + \text{shrinkage} \cdot h \cdot \sigma_c \odot z,
       \quad z \sim N(0, I_D).

    References
    ----------
    B. W. Silverman (1986), *Density Estimation for Statistics and Data
    Analysis*, §4.3.2, eq. (4.14). G. Menardi & N. Torelli (2014), "Training
    and assessing classification rules with imbalanced data", *Data Mining and
    Knowledge Discovery* 28, 92-122, doi:10.1007/s10618-012-0295-5 (ROSE).

    Examples
    --------
    >>> import numpy as np
    >>> X = np.arange(10.0).reshape(-1, 1); y = np.array([0] * 8 + [1] * 2)
    >>> X_res, y_res = RandomOverSampler(random_state=0).fit_resample(X, y)
    >>> np.bincount(y_res).tolist()
    [8, 8]
    """

    _sampling_type = "over-sampling"
    _parameter_constraints = {
        "sampling_strategy": _STRATEGY,
        "random_state": ["random_state"],
        "shrinkage": [Interval(Real, 0, None, closed="left"), dict, None],
    }

    def __init__(self, *, sampling_strategy="auto", random_state=None, shrinkage=None):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.shrinkage = shrinkage

    def _fit_resample(self, X, y):
        rng = check_random_state(self.random_state)
        if isinstance(self.shrinkage, Real):
            self.shrinkage_ = {c: float(self.shrinkage) for c in self.sampling_strategy_}
        else:
            self.shrinkage_ = self.shrinkage
        if self.shrinkage_ is not None:
            missing = set(self.sampling_strategy_) - set(self.shrinkage_)
            if missing:
                raise ValueError(f"shrinkage has no factor for the resampled classes {sorted(missing)}.")
            negative = {c: s for c, s in self.shrinkage_.items() if s < 0}
            if negative:
                raise ValueError(f"shrinkage factors must be >= 0; got {negative}.")

        n_samples, n_features = X.shape
        X_parts, y_parts = [X], [y]
        indices = [np.arange(n_samples)]
        for c, n_new in self.sampling_strategy_.items():
            members = np.flatnonzero(y == c)
            drawn = rng.choice(members, size=n_new, replace=True)
            indices.append(drawn)
            if self.shrinkage_ is None:
                X_parts.append(X[drawn])
            else:
                h = (4.0 / ((n_features + 2) * n_samples)) ** (1.0 / (n_features + 4))  # eq. (ros-bandwidth)
                scale = self.shrinkage_[c] * h * X[members].std(axis=0)
                X_parts.append(X[drawn] + rng.randn(n_new, n_features) * scale)
            y_parts.append(y[drawn])
        self.sample_indices_ = np.concatenate(indices)
        return np.vstack(X_parts), np.concatenate(y_parts)
