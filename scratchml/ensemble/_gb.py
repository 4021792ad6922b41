r"""Gradient tree boosting (Friedman's TreeBoost): ``GradientBoostingClassifier``
and ``GradientBoostingRegressor``.

Each stage fits a regression tree to the negative gradient of the loss at the
current predictions, then replaces every leaf value by a line-search (Newton)
step for that leaf, and adds the tree shrunk by ``learning_rate``.
"""

from numbers import Real

import numpy as np

from ..base import ClassifierMixin, RegressorMixin
from ..dummy import DummyClassifier, DummyRegressor
from ..utils._math import expit, softmax
from ..utils.multiclass import check_classification_targets
from ..utils.validation import (
    HasMethods,
    Interval,
    StrOptions,
)
from ._gb_base import BaseGradientBoosting
from ._gb_losses import (
    _BinomialDeviance,
    _ExponentialLoss,
    _HuberLoss,
    _MultinomialDeviance,
    _QuantileLoss,
    _SquaredError,
)

__all__ = ["GradientBoostingClassifier", "GradientBoostingRegressor"]


class GradientBoostingClassifier(ClassifierMixin, BaseGradientBoosting):
    r"""Gradient boosting for classification with the log loss.

    Parameters
    ----------
    loss : {'log_loss', 'exponential'}, default='log_loss'
        Binomial deviance for two classes, multinomial deviance (one tree per
        class and stage) for more; 'exponential' (two classes only) is
        AdaBoost's loss, eq. (gb-exp).
    learning_rate : float, default=0.1
        Shrinkage :math:`\nu` of eq. (gb-update).
    n_estimators : int, default=100
        Number of boosting stages.
    subsample : float, default=1.0
        Fraction of rows each stage is fitted on (stochastic gradient boosting).
    criterion : {'friedman_mse', 'squared_error'}, default='friedman_mse'
        Split criterion of the regression trees (the two are equivalent).
    min_samples_split, min_samples_leaf, min_weight_fraction_leaf, max_depth, min_impurity_decrease, max_features, max_leaf_nodes, ccp_alpha
        Passed to every regression tree (``max_depth`` defaults to 3).
    init : estimator or 'zero', default=None
        Gives the initial raw prediction :math:`F_0(x)` (eq. gb-init). An
        estimator needs ``fit`` and ``predict_proba``; it is cloned and fitted
        on the (encoded) training labels, and its probabilities, clipped to
        :math:`[\epsilon, 1 - \epsilon]`, are mapped to the raw scale by the
        loss's link. 'zero' starts from :math:`F_0 = 0`. None: the log-odds
        (or centred log-priors) of the weighted class frequencies.
    random_state : int, RandomState instance or None, default=None
        One generator shared, in order, by the subsample masks and the trees.
    warm_start : bool, default=False
        If True, ``fit`` keeps the stages already fitted (and ``init_`` and
        the random generator) and adds stages up to ``n_estimators``; a smaller
        ``n_estimators`` than the stages fitted raises a ``ValueError``. If
        False, every ``fit`` starts afresh.
    validation_fraction : float, default=0.1
        Share of the training data held out for early stopping.
    n_iter_no_change : int, default=None
        If set, stop when the validation loss has not improved by ``tol`` in
        any of the last ``n_iter_no_change`` stages (None: no early stopping).
    tol : float, default=1e-4
        Minimum validation-loss improvement for early stopping.

    Attributes
    ----------
    init_ : estimator or 'zero'
        The fitted initial estimator (a clone of ``init``, or the
        ``DummyClassifier(strategy='prior')`` used when ``init`` is None).
    estimators_ : ndarray of DecisionTreeRegressor of shape (n_estimators, K)
        K = 1 for two classes, else the number of classes.
    train_score_ : ndarray of shape (n_estimators,)
        Deviance on the (in-bag) training rows after each stage.
    oob_improvement_ : ndarray of shape (n_estimators,)
        Decrease of the out-of-bag deviance per stage (``subsample < 1``).
    oob_scores_ : ndarray of shape (n_estimators,)
    oob_score_ : float
    classes_ : ndarray of shape (n_classes,)
    n_classes_ : int
    n_estimators_ : int
        Stages actually fitted (fewer than ``n_estimators`` after early stopping).
    feature_importances_ : ndarray of shape (n_features,)
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        A single class in ``y``; NaN or inf in ``X``.

    See Also
    --------
    GradientBoostingRegressor, AdaBoostClassifier

    Notes
    -----
    Boosting is gradient descent in function space. With model
    :math:`F_m(x) = F_0 + \nu \sum_{s \le m} f_s(x)`:

    .. math::
       :label: gb-model

       F_m(x) = F_{m-1}(x) + \nu f_m(x)

    starting from the ``init`` estimator's probabilities :math:`\hat p(x)`
    mapped through the loss's link :math:`g` (or from a constant),

    .. math::
       :label: gb-init

       F_0(x) = g\big(\hat p(x)\big), \qquad
       g(p) = \log\frac{p}{1 - p} \ \text{(log loss)}, \quad
       g(p)_k = \log p_k - \frac1K \sum_{l} \log p_l \ \text{(K classes)}

    (half the logit for the exponential loss; the identity of ``predict`` for
    regression). Each stage fits a regression tree to the pseudo-residuals

    .. math::
       :label: gb-residual

       r_{im} = -\left.\frac{\partial L(y_i, F)}{\partial F}\right|_{F = F_{m-1}(x_i)}

    which for the binomial deviance with :math:`p = \sigma(F)` is

    .. math::
       :label: gb-logit

       r_i = y_i - p_i

    and for :math:`K` classes with :math:`p = \mathrm{softmax}(F)` is
    :math:`r_{ik} = [y_i = k] - p_{ik}` (eq. gb-softmax). The leaf values are
    then replaced by one Newton step on the loss restricted to the leaf
    :math:`R_j`,

    .. math::
       :label: gb-newton

       \gamma_j = \frac{\sum_{i \in R_j} w_i r_i}{\sum_{i \in R_j} w_i p_i (1 - p_i)}

    (times :math:`(K-1)/K` for :math:`K > 2`), and the update is

    .. math::
       :label: gb-update

       F_m(x_i) = F_{m-1}(x_i) + \nu \gamma_{j(x_i)} .

    :math:`F_0` is the log-odds (two classes) or the centred log-priors of the
    weighted class frequencies. The exponential loss, with :math:`y \in \{0, 1\}`,

    .. math::
       :label: gb-exp

       L(y, F) = y e^{-F} + (1 - y) e^{F}

    is minimised by half the log-odds, so :math:`p = \sigma(2F)`; its
    Hessian equals the absolute negative gradient, which gives the Newton step.

    With ``warm_start=True`` a refit resumes from the current :math:`F_M` on
    the training rows and continues the same random generator, so fitting 50
    stages and then 50 more gives the model one fit of 100 stages gives.
    Unlike scikit-learn, ``init`` is cloned rather than fitted in place, and
    early stopping after a warm start scores the current model (scikit-learn
    restarts its validation predictions from the first stage).

    References
    ----------
    Friedman (2001), "Greedy function approximation: a gradient boosting
    machine", *Ann. Statist.* 29(5), 1189-1232, Algorithms 1, 5 and 6,
    doi:10.1214/aos/1013203451.
    Friedman (2002), "Stochastic gradient boosting", *Comput. Stat. Data Anal.*
    38(4), 367-378, doi:10.1016/S0167-9473(01)00065-2.
    Hastie, Tibshirani & Friedman, *ESL* 2nd ed., §10.10 (Algorithm 10.3).

    Examples
    --------
    >>> from scratchml.ensemble import GradientBoostingClassifier
    >>> X = [[0.0], [1.0], [2.0], [3.0], [4.0], [5.0]]
    >>> y = [0, 0, 0, 1, 1, 1]
    >>> clf = GradientBoostingClassifier(n_estimators=20).fit(X, y)
    >>> clf.predict([[0.5], [4.5]])
    array([0, 1])
    """

    _parameter_constraints = {
        **BaseGradientBoosting._parameter_constraints,
        "loss": [StrOptions({"log_loss", "exponential"})],
        "init": [StrOptions({"zero"}), None, HasMethods(["fit", "predict_proba"])],
    }

    def __init__(self, *, loss="log_loss", learning_rate=0.1, n_estimators=100,
                 subsample=1.0, criterion="friedman_mse", min_samples_split=2,
                 min_samples_leaf=1, min_weight_fraction_leaf=0.0, max_depth=3,
                 min_impurity_decrease=0.0, init=None, random_state=None,
                 max_features=None, max_leaf_nodes=None, warm_start=False,
                 validation_fraction=0.1, n_iter_no_change=None, tol=1e-4, ccp_alpha=0.0):
        self.loss = loss
        self.learning_rate = learning_rate
        self.n_estimators = n_estimators
        self.subsample = subsample
        self.criterion = criterion
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_weight_fraction_leaf = min_weight_fraction_leaf
        self.max_depth = max_depth
        self.min_impurity_decrease = min_impurity_decrease
        self.init = init
        self.random_state = random_state
        self.max_features = max_features
        self.max_leaf_nodes = max_leaf_nodes
        self.warm_start = warm_start
        self.validation_fraction = validation_fraction
        self.n_iter_no_change = n_iter_no_change
        self.tol = tol
        self.ccp_alpha = ccp_alpha

    def fit(self, X, y, sample_weight=None):
        """Fit ``n_estimators`` boosting stages.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data (converted to float32); no NaN or inf.
        y : array-like of shape (n_samples,)
            Class labels (at least two classes).
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        self : GradientBoostingClassifier
        """
        X, y, w = self._validate_fit(X, y, sample_weight, y_numeric=False)
        check_classification_targets(y)
        old_classes = self.classes_ if self._is_fitted() else None
        self.classes_, y_enc = np.unique(y, return_inverse=True)
        if old_classes is not None and not np.array_equal(old_classes, self.classes_):
            raise ValueError(
                f"y has classes {self.classes_.tolist()}, but the warm-started model was "
                f"fitted with classes {old_classes.tolist()}."
            )
        self.n_classes_ = len(self.classes_)
        if self.n_classes_ < 2:
            raise ValueError(
                f"y contains {self.n_classes_} class after sample_weight trimmed classes "
                "with zero weights, while a minimum of 2 classes are required."
            )
        (X, y_enc, w), validation = self._split_validation(X, y_enc, w, stratify=True)
        if len(np.unique(y_enc)) != self.n_classes_:
            raise ValueError(
                "The training data after the early stopping split is missing some "
                "classes. Try using another random seed."
            )
        if self.loss == "exponential" and self.n_classes_ != 2:
            raise ValueError(
                "loss='exponential' is only suitable for a binary classification problem, "
                f"you have n_classes={self.n_classes_}. Please use loss='log_loss' instead."
            )
        prior = DummyClassifier(strategy="prior")
        weighted = sample_weight is not None
        if self.n_classes_ == 2:
            if validation is not None:
                validation = (validation[0], validation[1].astype(np.float64), validation[2])
            loss = _ExponentialLoss() if self.loss == "exponential" else _BinomialDeviance()
            return self._boost(X, y_enc.astype(np.float64), w, loss, 1, validation, prior,
                               weighted)
        return self._boost(X, y_enc, w, _MultinomialDeviance(), self.n_classes_, validation,
                           prior, weighted)

    def _proba(self, F):
        if self.n_classes_ == 2:
            # the exponential loss estimates half the log-odds, eq. (gb-exp)
            p = expit(2.0 * F[:, 0] if self.loss == "exponential" else F[:, 0])
            return np.column_stack([1 - p, p])
        return softmax(F, axis=1)

    def decision_function(self, X):
        """Raw scores :math:`F_M(x)`: log-odds (two classes) or per-class logits.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        score : ndarray of shape (n_samples,) or (n_samples, n_classes)
        """
        F = self._raw_predict(X)
        return F[:, 0] if self.n_classes_ == 2 else F

    def staged_decision_function(self, X):
        """Yield :meth:`decision_function` after each stage."""
        for F in self._staged_raw(X):
            yield F[:, 0] if self.n_classes_ == 2 else F

    def predict_proba(self, X):
        """Class probabilities :math:`\\sigma(F)` or :math:`\\mathrm{softmax}(F)`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        proba : ndarray of shape (n_samples, n_classes)
        """
        return self._proba(self._raw_predict(X))

    def staged_predict_proba(self, X):
        """Yield :meth:`predict_proba` after each stage."""
        for F in self._staged_raw(X):
            yield self._proba(F)

    def predict(self, X):
        """Most probable class.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,)
        """
        proba = self.predict_proba(X)  # checks fitted first
        return self.classes_[np.argmax(proba, axis=1)]

    def staged_predict(self, X):
        """Yield :meth:`predict` after each stage (to watch boosting improve)."""
        for F in self._staged_raw(X):
            yield self.classes_[np.argmax(self._proba(F), axis=1)]


class GradientBoostingRegressor(RegressorMixin, BaseGradientBoosting):
    r"""Gradient boosting for regression: squared, absolute or pinball (quantile) loss.

    Parameters
    ----------
    loss : {'squared_error', 'absolute_error', 'huber', 'quantile'}, default='squared_error'
        'quantile' fits the ``alpha``-quantile of y given x (eq. gb-pinball);
        'huber' is eq. (gb-huber) with delta the ``alpha``-quantile of the
        absolute residuals.
    learning_rate : float, default=0.1
    n_estimators : int, default=100
    subsample : float, default=1.0
    criterion : {'friedman_mse', 'squared_error'}, default='friedman_mse'
    min_samples_split, min_samples_leaf, min_weight_fraction_leaf, max_depth, min_impurity_decrease, max_features, max_leaf_nodes, ccp_alpha
        Passed to every regression tree (``max_depth`` defaults to 3).
    init : estimator or 'zero', default=None
        Gives :math:`F_0(x)` (eq. gb-init): an estimator with ``fit`` and
        ``predict`` (cloned, fitted on the training data, its predictions used
        as they are), or 'zero'. None: the loss's own constant minimiser (mean,
        median or ``alpha``-quantile of ``y``).
    random_state : int, RandomState instance or None, default=None
    warm_start : bool, default=False
        If True, ``fit`` adds stages up to ``n_estimators`` to those already
        fitted (see :class:`GradientBoostingClassifier`).
    validation_fraction : float, default=0.1
        Share of the training data held out for early stopping.
    n_iter_no_change : int, default=None
        If set, stop when the validation loss has not improved by ``tol`` in
        any of the last ``n_iter_no_change`` stages (None: no early stopping).
    tol : float, default=1e-4
        Minimum validation-loss improvement for early stopping.

    Attributes
    ----------
    estimators_ : ndarray of DecisionTreeRegressor of shape (n_estimators, 1)
    train_score_ : ndarray of shape (n_estimators,)
        Mean squared error on the (in-bag) training rows after each stage.
    oob_improvement_, oob_scores_, oob_score_
        As in :class:`GradientBoostingClassifier` (``subsample < 1``).
    init_ : estimator or 'zero'
        The fitted initial estimator: a clone of ``init``, or the
        ``DummyRegressor`` whose constant is :math:`F_0` when ``init`` is None.
    n_estimators_ : int
    feature_importances_ : ndarray of shape (n_features,)
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        NaN or inf in ``X`` or ``y``.

    See Also
    --------
    GradientBoostingClassifier : the equations are documented there.

    Notes
    -----
    For :math:`L = (y - F)^2` the pseudo-residual of eq. (gb-residual) is the
    residual itself (for the half loss),

    .. math::
       :label: gb-sq

       r_i = y_i - F_{m-1}(x_i),

    the leaf means of the fitted tree already solve the line search, and
    :math:`F_0` is the weighted mean of ``y``. For the pinball loss of level
    :math:`q` (``absolute_error`` is :math:`q = 1/2`, up to a factor 2),

    .. math::
       :label: gb-pinball

       L_q(y, F) = \max\big(q (y - F), (q - 1)(y - F)\big), \qquad
       r_i = q - [\, y_i < F_{m-1}(x_i) \,],

    the trees fit these two-valued pseudo-residuals, each leaf value is the
    weighted :math:`q`-quantile of the residuals :math:`y_i - F_{m-1}(x_i)` in
    the leaf (the exact line search), and :math:`F_0` is the
    :math:`q`-quantile of ``y``. The Huber loss with threshold :math:`\delta`
    (the ``alpha``-quantile of :math:`|y - F_{m-1}|`, recomputed each stage)

    .. math::
       :label: gb-huber

       L_\delta(y, F) = \begin{cases} \tfrac12 (y - F)^2 & |y - F| \le \delta \\
       \delta (|y - F| - \delta / 2) & \text{otherwise} \end{cases}

    has pseudo-residuals :math:`r` clipped to :math:`[-\delta, \delta]` and the
    leaf step of Friedman's Algorithm 4 (median residual plus the mean clipped
    deviation from it).

    References
    ----------
    Friedman (2001), *Ann. Statist.* 29(5), Algorithm 2 (LS_Boost),
    Algorithm 3 (LAD_TreeBoost) and Algorithm 4 (M_TreeBoost, Huber),
    doi:10.1214/aos/1013203451.

    Examples
    --------
    >>> from scratchml.ensemble import GradientBoostingRegressor
    >>> X = [[0.0], [1.0], [2.0], [3.0]]
    >>> y = [0.0, 0.0, 1.0, 1.0]
    >>> reg = GradientBoostingRegressor(n_estimators=50, learning_rate=0.5).fit(X, y)
    >>> reg.predict([[0.0], [3.0]]).round(3)
    array([0., 1.])
    """

    _parameter_constraints = {
        **BaseGradientBoosting._parameter_constraints,
        "loss": [StrOptions({"squared_error", "absolute_error", "huber", "quantile"})],
        "alpha": [Interval(Real, 0.0, 1.0, closed="neither")],
        "init": [StrOptions({"zero"}), None, HasMethods(["fit", "predict"])],
    }

    def __init__(self, *, loss="squared_error", learning_rate=0.1, n_estimators=100,
                 subsample=1.0, criterion="friedman_mse", min_samples_split=2,
                 min_samples_leaf=1, min_weight_fraction_leaf=0.0, max_depth=3,
                 min_impurity_decrease=0.0, init=None, random_state=None,
                 max_features=None, alpha=0.9, max_leaf_nodes=None, warm_start=False,
                 validation_fraction=0.1, n_iter_no_change=None, tol=1e-4, ccp_alpha=0.0):
        self.loss = loss
        self.alpha = alpha
        self.learning_rate = learning_rate
        self.n_estimators = n_estimators
        self.subsample = subsample
        self.criterion = criterion
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_weight_fraction_leaf = min_weight_fraction_leaf
        self.max_depth = max_depth
        self.min_impurity_decrease = min_impurity_decrease
        self.init = init
        self.random_state = random_state
        self.max_features = max_features
        self.max_leaf_nodes = max_leaf_nodes
        self.warm_start = warm_start
        self.validation_fraction = validation_fraction
        self.n_iter_no_change = n_iter_no_change
        self.tol = tol
        self.ccp_alpha = ccp_alpha

    def fit(self, X, y, sample_weight=None):
        """Fit ``n_estimators`` boosting stages.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        self : GradientBoostingRegressor
        """
        X, y, w = self._validate_fit(X, y, sample_weight, y_numeric=True)
        y = np.asarray(y, dtype=np.float64)
        (X, y, w), validation = self._split_validation(X, y, w, stratify=False)
        weighted = sample_weight is not None
        if self.loss == "squared_error":
            loss, default_init = _SquaredError(), DummyRegressor(strategy="mean")
        elif self.loss == "huber":
            loss = _HuberLoss(self.alpha, weighted)
            default_init = DummyRegressor(strategy="quantile", quantile=0.5)
        else:
            q = 0.5 if self.loss == "absolute_error" else self.alpha
            loss = _QuantileLoss(q, self.loss == "absolute_error", weighted)
            default_init = DummyRegressor(strategy="quantile", quantile=q)
        self._boost(X, y, w, loss, 1, validation, default_init, weighted)
        if self.init is None:
            self.init_.constant_ = self._raw_init.reshape(1, 1)  # F_0 as the loss defines it
        return self

    def predict(self, X):
        """:math:`F_M(x)` of eq. (gb-model).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,)
        """
        return self._raw_predict(X)[:, 0]

    def staged_predict(self, X):
        """Yield :meth:`predict` after each stage."""
        for F in self._staged_raw(X):
            yield F[:, 0]
