"""SMOTE: synthetic minority samples interpolated between minority neighbours."""

from numbers import Integral, Real

import numpy as np

from ..base import BaseEstimator, SamplerMixin
from ..utils.validation import Interval, check_random_state

__all__ = ["SMOTE"]


class SMOTE(SamplerMixin, BaseEstimator):
    r"""Synthetic Minority Over-sampling TEchnique (Chawla et al., 2002).

    For each class to over-sample, the :math:`k` nearest neighbours of every
    sample *within that class* are found; each new sample picks a random
    (sample, neighbour) pair and a random point on the segment between them,
    eq. (smote-interp).

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default='auto'
        How many samples to generate per class ('auto': every class but the
        majority up to the majority count).
    random_state : int, RandomState instance or None, default=None
        Seeds the draws. As in imbalanced-learn, a new generator is made from
        it for each class, so the same seed gives imbalanced-learn's samples.
    k_neighbors : int >= 1, default=5
        Number of same-class neighbours to interpolate towards. Each resampled
        class needs more than ``k_neighbors`` samples.

    Attributes
    ----------
    sampling_strategy_ : dict
        Class -> number of samples generated.
    nn_indices_ : dict
        Class -> ndarray of shape (n_class_samples, k_neighbors): positions
        (within the class) of each sample's neighbours; the segment end points.
    n_features_in_ : int

    Raises
    ------
    ValueError
        A class to over-sample with ``k_neighbors`` or fewer samples.

    Notes
    -----
    For a minority sample :math:`x_i`, one of its :math:`k` minority
    neighbours :math:`x_{nn}` and :math:`\lambda \sim U[0, 1)`:

    .. math::
       :label: smote-interp

       x_{\text{new}} = x_i + \lambda \, (x_{nn} - x_i).

    Every synthetic point therefore lies on a segment between two minority
    samples that are neighbours.

    References
    ----------
    N. V. Chawla, K. W. Bowyer, L. O. Hall & W. P. Kegelmeyer (2002), "SMOTE:
    Synthetic Minority Over-sampling Technique", *JAIR* 16, 321-357,
    doi:10.1613/jair.953, §4.2 (the algorithm's pseudo-code).

    Examples
    --------
    >>> from scratchml.datasets import make_classification
    >>> X, y = make_classification(n_samples=100, weights=[0.9], random_state=0)
    >>> X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
    >>> np.bincount(y_res).tolist()
    [90, 90]
    """

    _sampling_type = "over-sampling"
    _parameter_constraints = {
        "sampling_strategy": [Interval(Real, 0, 1, closed="right"), str, dict, "callable"],
        "random_state": ["random_state"],
        "k_neighbors": [Interval(Integral, 1, None, closed="left")],
    }

    def __init__(self, *, sampling_strategy="auto", random_state=None, k_neighbors=5):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors

    def _fit_resample(self, X, y):
        from ..neighbors import NearestNeighbors

        X = X.astype(np.float64, copy=False)
        X_parts, y_parts = [X], [y]
        self.nn_indices_ = {}
        for c, n_new in self.sampling_strategy_.items():
            if n_new == 0:
                continue
            X_c = X[y == c]
            if X_c.shape[0] <= self.k_neighbors:
                raise ValueError(
                    f"k_neighbors={self.k_neighbors} must be < the number of samples "
                    f"of class {c!r} ({X_c.shape[0]}): SMOTE interpolates between a "
                    "sample and its neighbours of the same class."
                )
            # k + 1 neighbours, then drop the first: the sample itself.
            nn = NearestNeighbors(n_neighbors=self.k_neighbors + 1).fit(X_c)
            neighbors = nn.kneighbors(X_c, return_distance=False)[:, 1:]
            self.nn_indices_[c] = neighbors
            # A fresh generator per class, as imbalanced-learn draws them.
            rng = check_random_state(self.random_state)
            pick = rng.randint(low=0, high=neighbors.size, size=n_new)
            lam = rng.uniform(size=n_new)[:, np.newaxis]
            rows, cols = np.divmod(pick, neighbors.shape[1])
            X_i, X_nn = X_c[rows], X_c[neighbors[rows, cols]]
            X_parts.append(X_i + lam * (X_nn - X_i))  # eq. (smote-interp)
            y_parts.append(np.full(n_new, c, dtype=y.dtype))
        return np.vstack(X_parts), np.concatenate(y_parts)
