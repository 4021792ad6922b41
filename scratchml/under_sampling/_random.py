"""Random under-sampling: keep a random subset of the larger classes."""

from numbers import Real

import numpy as np

from ..base import BaseEstimator, SamplerMixin
from ..utils.validation import Interval, check_random_state

__all__ = ["RandomUnderSampler"]


class RandomUnderSampler(SamplerMixin, BaseEstimator):
    """Under-sample classes by keeping a random subset of their samples.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default='auto'
        How many samples to keep per class ('auto': every class but the
        minority down to the minority count).
    random_state : int, RandomState instance or None, default=None
        Seeds the draws; the same seed keeps imbalanced-learn's samples.
    replacement : bool, default=False
        Draw the kept samples with replacement.

    Attributes
    ----------
    sampling_strategy_ : dict
        Class -> number of samples kept.
    sample_indices_ : ndarray of shape (n_samples_new,)
        Rows of ``X`` kept, class by class in sorted class order.
    n_features_in_ : int

    Raises
    ------
    ValueError
        One class only, or an impossible ``sampling_strategy``.

    References
    ----------
    H. He & E. A. Garcia (2009), "Learning from Imbalanced Data", *IEEE TKDE*
    21(9), 1263-1284, doi:10.1109/TKDE.2008.239, §3.1.1 (random
    under-sampling).

    Examples
    --------
    >>> import numpy as np
    >>> X = np.arange(10.0).reshape(-1, 1); y = np.array([0] * 8 + [1] * 2)
    >>> X_res, y_res = RandomUnderSampler(random_state=0).fit_resample(X, y)
    >>> np.bincount(y_res).tolist()
    [2, 2]
    """

    _sampling_type = "under-sampling"
    _parameter_constraints = {
        "sampling_strategy": [Interval(Real, 0, 1, closed="right"), str, dict, "callable"],
        "random_state": ["random_state"],
        "replacement": ["boolean"],
    }

    def __init__(self, *, sampling_strategy="auto", random_state=None, replacement=False):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.replacement = replacement

    def _fit_resample(self, X, y):
        rng = check_random_state(self.random_state)
        kept = []
        for c in np.unique(y):
            members = np.flatnonzero(y == c)
            if c in self.sampling_strategy_:
                positions = rng.choice(
                    len(members), size=self.sampling_strategy_[c], replace=self.replacement
                )
                members = members[positions]
            kept.append(members)
        self.sample_indices_ = np.concatenate(kept)
        return X[self.sample_indices_], y[self.sample_indices_]
