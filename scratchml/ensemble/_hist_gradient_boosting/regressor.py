r"""``HistGradientBoostingRegressor``: histogram gradient boosting for regression."""

from numbers import Real

import numpy as np

from ...base import RegressorMixin
from ...utils.validation import Interval, StrOptions
from .gradient_boosting import BaseHistGradientBoosting
from .loss import LOSSES

__all__ = ["HistGradientBoostingRegressor"]


class HistGradientBoostingRegressor(RegressorMixin, BaseHistGradientBoosting):
    r"""Gradient boosting of leaf-wise regression trees grown on feature histograms.

    Parameters
    ----------
    loss : {'squared_error', 'absolute_error', 'poisson', 'quantile'}, default='squared_error'
        :math:`l(y, F) = (y - F)^2 / 2`; :math:`|y - F|` (leaves refitted to the
        median of their residuals); :math:`e^F - yF`, the Poisson deviance
        with a log link (:math:`F` = log of the predicted mean; needs y >= 0
        with sum(y) > 0); or the pinball loss of eq. (hgb-pinball), which
        estimates the ``quantile``-quantile of y given x (leaves refitted to
        that quantile of their residuals).
    quantile : float, default=None
        The level :math:`q` in (0, 1) of the quantile to estimate when
        ``loss='quantile'`` (required then; ignored otherwise).
    learning_rate : float, default=0.1
        Shrinkage nu of eq. (hgb-update).
    max_iter : int, default=100
        Boosting iterations M (one tree each).
    max_leaf_nodes : int or None, default=31
        Leaves per tree (leaf-wise growth stops there).
    max_depth : int or None, default=None
        Depth limit (edges from the root); None for no limit.
    min_samples_leaf : int, default=20
        Fewest training samples a leaf may hold.
    l2_regularization : float, default=0.0
        lambda of eqs. (hgb-leaf) and (hgb-gain).
    max_features : float in (0, 1], default=1.0
        Share of the features each node may split on: ceil(max_features * D)
        features drawn anew at every node (seeded by ``random_state``, the same
        draws as scikit-learn).
    max_bins : int, default=255
        Bins per feature for non-missing values (at most 255); one more bin
        holds NaN.
    early_stopping : 'auto' or bool, default='auto'
        'auto': on when n_samples > 10 000.
    scoring : 'loss', default='loss'
        Early stopping monitors minus the loss (the only option here).
    validation_fraction : float, int or None, default=0.1
        Held-out share (or count) for early stopping; None: the training loss.
    n_iter_no_change : int, default=10
        Stop when none of the last ``n_iter_no_change`` scores beats the one
        before them by more than ``tol``.
    tol : float, default=1e-7
        Improvement that counts.
    monotonic_cst : array-like of int of shape (n_features,), default=None
        +1: predictions must not decrease with the feature; -1: must not
        increase; 0: free (eq. hgb-monotonic).
    categorical_features : array-like of bool or int, 'from_dtype' or None, default='from_dtype'
        Features holding category codes (integers in [0, max_bins - 1]), as a
        boolean mask or indices. They get one bin per category and subset
        splits (see Notes). 'from_dtype' and None: no categorical feature
        (pandas categorical columns are rejected; encode them first).
    warm_start : bool, default=False
        If True, ``fit`` keeps the trees already fitted (with the baseline,
        the validation split, the bins' seed and the feature-draw generator)
        and adds iterations up to ``max_iter``; a ``max_iter`` below ``n_iter_``
        raises a ``ValueError``. Fitting 50 iterations and then 50 more gives
        the model one fit of 100 gives. If False, every ``fit`` starts afresh.
    random_state : int, RandomState instance or None, default=None
        Seeds the validation split and the binning subsample (above 200 000 rows).

    Attributes
    ----------
    is_categorical_ : ndarray of shape (n_features,), bool, or None
        Mask of the categorical features; None if there are none.
    do_early_stopping_ : bool
        Whether early stopping was used.
    n_iter_ : int
        Iterations performed.
    n_trees_per_iteration_ : int
        Always 1.
    train_score_ : ndarray of shape (``n_iter_`` + 1,)
        Minus the training loss before the first and after every iteration;
        empty without early stopping (as scikit-learn).
    validation_score_ : ndarray of shape (``n_iter_`` + 1,)
        The same on the validation data; empty without validation data.
    n_features_in_ : int
        Number of features seen in ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Column names, when ``X`` was a DataFrame with string column names.

    Raises
    ------
    InvalidParameterError
        A parameter outside its range (e.g. ``max_bins=300``).

    See Also
    --------
    HistGradientBoostingClassifier : the same machinery with the log-loss.

    Notes
    -----
    Notation: N samples, D features, M iterations, x_i a row, g_i and h_i the
    first and second derivatives of the loss in the current prediction.

    Every feature is cut at (up to 254) quantile thresholds. With at most
    ``max_bins`` distinct values, the thresholds are the midpoints between
    them; otherwise the empirical k/B-quantiles, averaging at jumps of the
    empirical CDF :math:`\hat F`:

    .. math:: t_k = \tfrac12\left(\hat F^{-1}(k/B) + \hat F^{-1}((k/B)^+)\right),
              \quad k = 1, \dots, B - 1
       :label: hgb-quantile

    The model is an additive expansion started at the loss-optimal constant
    (the mean for squared error, the median for absolute error):

    .. math:: F_0 = \arg\min_c \sum_i l(y_i, c), \qquad
              F_m(x) = F_{m-1}(x) + \nu f_m(x)
       :label: hgb-update

    (the first part is eq. hgb-baseline; for 'poisson' F is the log of the
    mean and the baseline the log of the mean of y; for 'quantile' the
    :math:`q`-quantile of y). The pinball loss of level :math:`q` and its
    gradient, with :math:`r = y - F`,

    .. math:: l_q(y, F) = \max\big(q\, r,\ (q - 1)\, r\big), \qquad
              g = \begin{cases} -q & y \ge F \\ 1 - q & y < F \end{cases}
       :label: hgb-pinball

    have no curvature (h is set to 1): after a tree is grown, each leaf
    value is replaced by the :math:`q`-quantile of its residuals, the exact
    line search, as for the absolute error.

    Each tree f_m minimises the second-order expansion of the regularised
    loss (Chen & Guestrin 2016, eq. 3)

    .. math:: \tilde{\mathcal L}^{(m)} = \sum_i \left[g_i f(x_i) + \tfrac12 h_i f(x_i)^2\right]
              + \tfrac12 \lambda \sum_j w_j^2
       :label: hgb-taylor

    With G_j, H_j the sums of g_i, h_i over leaf j, the optimal leaf value
    and the resulting objective are (eqs. 5 and 6 of the paper)

    .. math:: w_j^* = -\frac{G_j}{H_j + \lambda}
       :label: hgb-leaf

    .. math:: \tilde{\mathcal L}^* = -\frac12 \sum_j \frac{G_j^2}{H_j + \lambda}
       :label: hgb-obj

    so splitting a leaf into L and R lowers the objective by (eq. 7, twice the
    paper's gain, with gamma = 0)

    .. math:: \text{gain} = \frac{G_L^2}{H_L + \lambda} + \frac{G_R^2}{H_R + \lambda}
              - \frac{(G_L + G_R)^2}{H_L + H_R + \lambda}
       :label: hgb-gain

    G_L, H_L for every threshold come from per-node histograms over bins b of
    feature f,

    .. math:: \mathcal H_{f,b} = \Big(\sum_{i \in \text{node}:\ \text{bin}_f(x_i) = b} g_i,\
              \sum_{i} h_i,\ \sum_{i} 1\Big)
       :label: hgb-hist

    built in O(N_node D), and scanned in O(B D). After a split only the
    smaller child's histogram is built; the larger one is the difference

    .. math:: \mathcal H_{\text{large}} = \mathcal H_{\text{parent}} - \mathcal H_{\text{small}}
       :label: hgb-subtract

    NaN values go to their own bin; each split tries both directions for
    them and keeps the better (Algorithm 3 of the paper). Features that had
    no NaN in training send NaN to the child that received more samples.

    Monotonic constraints (as LightGBM and scikit-learn): a split on a
    feature with constraint +1 is admissible only if :math:`w_L \le w_R`;
    the children then receive the bounds

    .. math:: w \in [\ell, m] \text{ below the left child}, \quad
              w \in [m, u] \text{ below the right child}, \quad
              m = (w_L + w_R) / 2
       :label: hgb-monotonic

    where [l, u] are the parent's bounds and every leaf value (eq. hgb-leaf)
    is clipped to its bounds (mirrored for -1).

    A categorical feature splits its categories into two groups: categories
    with enough Hessian support are sorted by the smoothed leaf value
    G_c / (H_c + 10) and the best prefix of that order, from either end up to
    the middle, is sent left (LightGBM's many-vs-many split; for squared
    error the optimal partition is a prefix of this order, Fisher 1958).
    Categories unseen in training follow NaN.

    Differences from scikit-learn: no interaction constraints, no pandas
    categorical dtype, or scorer other than 'loss'; binning with sample weights drops zero-weight rows
    but uses unweighted quantiles. The gain of the root subtracts the root's
    own term of eq. (hgb-gain) (scikit-learn takes it as 0; the chosen split
    is the same).

    References
    ----------
    T. Chen and C. Guestrin, "XGBoost: A Scalable Tree Boosting System", KDD
    2016, eqs. (2)-(7) and Algorithm 3, doi:10.1145/2939672.2939785.
    G. Ke et al., "LightGBM: A Highly Efficient Gradient Boosting Decision
    Tree", NeurIPS 2017, §2 (histograms, leaf-wise growth, subtraction).
    J. H. Friedman, "Greedy function approximation: a gradient boosting
    machine", Ann. Statist. 29(5), 2001, Algorithm 3 (LAD).

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.ensemble import HistGradientBoostingRegressor
    >>> X = np.arange(200, dtype=float).reshape(-1, 1)
    >>> y = (X[:, 0] > 100).astype(float)
    >>> reg = HistGradientBoostingRegressor(max_iter=50).fit(X, y)
    >>> reg.predict([[10.0], [190.0]]).round(2)
    array([0., 1.])
    """

    _parameter_constraints = {
        **BaseHistGradientBoosting._parameter_constraints,
        "loss": [StrOptions({"squared_error", "absolute_error", "poisson", "quantile"})],
        "quantile": [Interval(Real, 0, 1, closed="both"), None],
    }

    def __init__(self, loss="squared_error", *, quantile=None, learning_rate=0.1, max_iter=100,
                 max_leaf_nodes=31, max_depth=None, min_samples_leaf=20,
                 l2_regularization=0.0, max_features=1.0, max_bins=255, early_stopping="auto",
                 scoring="loss", validation_fraction=0.1, n_iter_no_change=10, tol=1e-7,
                 monotonic_cst=None, categorical_features="from_dtype", warm_start=False,
                 random_state=None):
        self.loss = loss
        self.quantile = quantile
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.max_leaf_nodes = max_leaf_nodes
        self.max_depth = max_depth
        self.min_samples_leaf = min_samples_leaf
        self.l2_regularization = l2_regularization
        self.max_features = max_features
        self.max_bins = max_bins
        self.early_stopping = early_stopping
        self.scoring = scoring
        self.validation_fraction = validation_fraction
        self.n_iter_no_change = n_iter_no_change
        self.tol = tol
        self.monotonic_cst = monotonic_cst
        self.categorical_features = categorical_features
        self.warm_start = warm_start
        self.random_state = random_state

    def _get_loss(self):
        if self.loss != "quantile":
            return LOSSES[self.loss]()
        # the constraint admits [0, 1] and None (as scikit-learn's); the loss
        # needs a level strictly inside, checked here with scikit-learn's messages
        if self.quantile is None:
            raise TypeError("quantile must be an instance of float, not NoneType.")
        if self.quantile <= 0:
            raise ValueError(f"quantile == {self.quantile}, must be > 0.")
        if self.quantile >= 1:
            raise ValueError(f"quantile == {self.quantile}, must be < 1.")
        return LOSSES["quantile"](float(self.quantile))

    def _encode_y(self, y):
        self.n_trees_per_iteration_ = self._n_trees_per_iteration = 1
        if self.loss == "poisson" and not (np.all(y >= 0) and np.sum(y) > 0):
            raise ValueError("loss='poisson' requires non-negative y and sum(y) > 0.")
        return y.astype(np.float64)

    def predict(self, X):
        """Predicted targets F_M(x), eq. (hgb-update) (exp(F_M(x)) for 'poisson').

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            NaN allowed.

        Returns
        -------
        y : ndarray of shape (n_samples,)
        """
        raw = self._raw_predict(X)  # checks the fit first
        return self._loss.inverse_link(raw[:, 0])

    def staged_predict(self, X):
        """Predictions after each iteration.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Yields
        ------
        y : ndarray of shape (n_samples,)
        """
        for raw in self._staged_raw_predict(X):  # checks the fit first
            yield self._loss.inverse_link(raw[:, 0])
