r"""AdaBoost: SAMME for classification, AdaBoost.R2 for regression."""

import warnings
from numbers import Integral, Real

import numpy as np

from ..base import BaseEstimator, ClassifierMixin, RegressorMixin, clone
from ..tree import DecisionTreeClassifier, DecisionTreeRegressor
from ..utils._math import softmax
from ..utils.multiclass import check_classification_targets
from ..utils.validation import (
    HasMethods,
    Interval,
    StrOptions,
    check_is_fitted,
    check_random_state,
    check_sample_weight,
    validate_data,
)

__all__ = ["AdaBoostClassifier", "AdaBoostRegressor"]

MAX_INT = np.iinfo(np.int32).max


def _seeded_clone(estimator, rng):
    """Unfitted copy of ``estimator`` with a seed drawn from ``rng`` (if it takes one)."""
    learner = clone(estimator)
    if "random_state" in learner.get_params():
        learner.set_params(random_state=int(rng.randint(MAX_INT)))
    return learner


class BaseWeightBoosting(BaseEstimator):
    """The boosting loop shared by AdaBoost's classifier and regressor."""

    _parameter_constraints = {
        "estimator": [HasMethods(["fit", "predict"]), None],
        "n_estimators": [Interval(Integral, 1, None, closed="left")],
        "learning_rate": [Interval(Real, 0, None, closed="neither")],
        "random_state": ["random_state"],
    }

    def _run_rounds(self, X, y, w):
        """Call ``self._boost`` up to ``n_estimators`` times, renormalising the weights."""
        self.estimators_ = []
        self.estimator_weights_ = np.zeros(self.n_estimators)
        self.estimator_errors_ = np.ones(self.n_estimators)
        rng = check_random_state(self.random_state)
        eps = np.finfo(np.float64).eps
        zero = w == 0.0
        for m in range(self.n_estimators):
            # keep weights strictly positive so later rounds can still raise them
            w = np.clip(w, eps, None)
            w[zero] = 0.0
            w, alpha, err = self._boost(m, X, y, w, rng)
            if alpha is None:  # learner rejected: stop without it
                break
            self.estimator_weights_[m], self.estimator_errors_[m] = alpha, err
            if w is None or m == self.n_estimators - 1:
                break
            total = w.sum()
            if not np.isfinite(total):
                warnings.warn(
                    f"Sample weights have reached infinite values, at iteration {m}, "
                    "causing overflow. Iterations stopped. Try lowering the learning rate.",
                    stacklevel=3,
                )
                break
            if total <= 0:
                break
            w = w / total
        return self

    @property
    def feature_importances_(self):
        """Learner importances averaged with the learner weights."""
        check_is_fitted(self)
        alphas = self.estimator_weights_[: len(self.estimators_)]
        imps = np.array([t.feature_importances_ for t in self.estimators_])
        return alphas @ imps / alphas.sum()


class AdaBoostClassifier(ClassifierMixin, BaseWeightBoosting):
    r"""AdaBoost classifier (SAMME): reweight the samples each weak learner gets wrong.

    Parameters
    ----------
    estimator : classifier, default=None
        Weak learner; must accept ``sample_weight`` in ``fit``. None means
        ``DecisionTreeClassifier(max_depth=1)`` (a stump).
    n_estimators : int, default=50
        Maximum number of boosting rounds; fewer if a learner is perfect.
    learning_rate : float, default=1.0
        Shrinks every learner's weight :math:`\alpha_m`, eq. (samme-alpha).
    random_state : int, RandomState instance or None, default=None
        Draws one seed per weak learner (when it has a ``random_state``).

    Attributes
    ----------
    estimator_ : classifier
        The unfitted template.
    estimators_ : list of classifiers
        Fitted weak learners, in order.
    estimator_weights_ : ndarray of shape (n_estimators,)
        :math:`\alpha_m`; 0 for rounds not run.
    estimator_errors_ : ndarray of shape (n_estimators,)
        Weighted training error :math:`\mathrm{err}_m`; 1 for rounds not run.
    classes_ : ndarray of shape (n_classes,)
    n_classes_ : int
    feature_importances_ : ndarray of shape (n_features,)
        :math:`\alpha`-weighted mean of the learners' importances.
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        If the first weak learner is no better than chance, eq. (samme-chance).

    See Also
    --------
    GradientBoostingClassifier : boosting by functional gradient descent.

    Notes
    -----
    With :math:`K` classes and normalised weights :math:`w_i`, round
    :math:`m` fits :math:`G_m` to the weighted data and computes

    .. math::
       :label: samme-err

       \mathrm{err}_m = \sum_i w_i \, [\, y_i \ne G_m(x_i) \,]

    .. math::
       :label: samme-alpha

       \alpha_m = \eta\Big(\log\frac{1 - \mathrm{err}_m}{\mathrm{err}_m} + \log(K - 1)\Big)

    .. math::
       :label: samme-weights

       w_i \leftarrow w_i \exp\big(\alpha_m [\, y_i \ne G_m(x_i) \,]\big), \text{ then renormalise.}

    This is forward stagewise additive modelling under the multi-class
    exponential loss :math:`\exp(-\frac{1}{K} y^\top f(x))` with the
    symmetric coding :math:`y_k \in \{1, -\frac{1}{K-1}\}`; the
    :math:`\log(K-1)` term makes :math:`\alpha_m > 0` exactly when the
    learner beats chance,

    .. math::
       :label: samme-chance

       \mathrm{err}_m < 1 - 1/K .

    A perfect learner (:math:`\mathrm{err}_m = 0`) stops the boosting with
    weight 1 (its weight would be infinite); a learner at or below chance is
    dropped and stops it. The decision function is the normalised vote

    .. math::
       :label: samme-decision

       f_k(x) = \frac{\sum_m \alpha_m \big([G_m(x) = k] - \frac{1}{K-1}[G_m(x) \ne k]\big)}{\sum_m \alpha_m}

    and ``predict_proba`` is :math:`\mathrm{softmax}(f(x) / (K-1))`.

    References
    ----------
    Zhu, Zou, Rosset & Hastie (2009), "Multi-class AdaBoost", *Statistics and
    Its Interface* 2, 349-360 (Algorithm 2, SAMME), doi:10.4310/SII.2009.v2.n3.a8.
    Freund & Schapire (1997), *J. Comput. Syst. Sci.* 55, 119-139,
    doi:10.1006/jcss.1997.1504.
    Hastie, Tibshirani & Friedman, *ESL* 2nd ed., §10.1 (Algorithm 10.1), §10.4.

    Examples
    --------
    >>> from scratchml.ensemble import AdaBoostClassifier
    >>> X = [[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.0], [4.0, 1.0], [5.0, 0.0]]
    >>> y = [0, 0, 1, 1, 0, 0]
    >>> clf = AdaBoostClassifier(n_estimators=10, random_state=0).fit(X, y)
    >>> clf.score(X, y)
    1.0
    """

    def __init__(self, estimator=None, *, n_estimators=50, learning_rate=1.0, random_state=None):
        self.estimator = estimator
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.random_state = random_state

    def fit(self, X, y, sample_weight=None):
        """Run up to ``n_estimators`` boosting rounds.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Class labels.
        sample_weight : array-like of shape (n_samples,), default=None
            Initial weights (uniform if None); normalised to sum to 1.

        Returns
        -------
        self : AdaBoostClassifier
        """
        self._validate_params()
        X, y = validate_data(self, X, y)
        check_classification_targets(y)
        w = check_sample_weight(sample_weight, X, dtype=np.float64, ensure_non_negative=True)
        w = w / w.sum()
        self.classes_ = np.unique(y)
        self.n_classes_ = len(self.classes_)
        self.estimator_ = (DecisionTreeClassifier(max_depth=1) if self.estimator is None
                           else self.estimator)
        return self._run_rounds(X, y, w)

    def _boost(self, m, X, y, w, rng):
        """One SAMME round: fit, eqs. (samme-err)-(samme-weights).

        Returns (new weights, alpha, err), with new weights None to stop.
        """
        K = self.n_classes_
        learner = _seeded_clone(self.estimator_, rng)
        learner.fit(X, y, sample_weight=w)
        wrong = learner.predict(X) != y
        err = np.average(wrong, weights=w)  # eq. (samme-err)
        self.estimators_.append(learner)
        if err <= 0.0:  # perfect learner: finite weight 1, and stop
            return None, 1.0, 0.0
        if err >= 1.0 - 1.0 / K:  # eq. (samme-chance): no better than chance
            self.estimators_.pop()
            if not self.estimators_:
                raise ValueError(
                    "BaseClassifier in AdaBoostClassifier ensemble is worse than "
                    f"random (weighted error {err:.3f} >= 1 - 1/{K}), ensemble can "
                    "not be fit."
                )
            return None, None, None
        alpha = self.learning_rate * (np.log((1.0 - err) / err) + np.log(K - 1.0))  # eq. (samme-alpha)
        # eq. (samme-weights), in log space; zero-weight rows stay zero
        w = np.exp(np.log(np.where(w > 0, w, 1.0)) + alpha * wrong * (w > 0)) * (w > 0)
        return w, alpha, err

    def _votes(self, learner, alpha, X):
        """One learner's term of eq. (samme-decision): alpha or -alpha/(K-1) per class."""
        K = self.n_classes_
        hit = learner.predict(X)[:, None] == self.classes_[None, :]
        miss = -alpha / (K - 1) if K > 1 else 0.0  # one class: every vote is a hit
        return np.where(hit, alpha, miss)

    def staged_decision_function(self, X):
        """Yield eq. (samme-decision) after each round.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Yields
        ------
        score : ndarray of shape (n_samples, n_classes), or (n_samples,) for two classes
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        total, norm = 0.0, 0.0
        for learner, alpha in zip(self.estimators_, self.estimator_weights_):
            total = total + self._votes(learner, alpha, X)
            norm += alpha
            yield self._finish(total / norm)

    def _finish(self, score):
        if self.n_classes_ == 2:
            return score[:, 1] - score[:, 0]
        return score

    def decision_function(self, X):
        """Normalised weighted vote of the learners, eq. (samme-decision).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        score : ndarray of shape (n_samples, n_classes), or (n_samples,) for two
            classes (positive favours ``classes_[1]``).
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        total = sum(self._votes(t, a, X) for t, a in zip(self.estimators_, self.estimator_weights_))
        return self._finish(total / self.estimator_weights_.sum())

    def _predict_from(self, score):
        if self.n_classes_ == 2:
            return self.classes_[(score > 0).astype(int)]
        return self.classes_[np.argmax(score, axis=1)]

    def predict(self, X):
        """Class with the largest weighted vote.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,)
        """
        return self._predict_from(self.decision_function(X))

    def staged_predict(self, X):
        """Yield the predictions after each boosting round."""
        for score in self.staged_decision_function(X):
            yield self._predict_from(score)

    def _proba_from(self, score):
        K = self.n_classes_
        if K == 2:
            score = np.column_stack([-score, score]) / 2.0
        else:
            score = score / (K - 1)
        return softmax(score, axis=1)

    def predict_proba(self, X):
        """Class probabilities ``softmax(f(x) / (K - 1))`` of eq. (samme-decision).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        proba : ndarray of shape (n_samples, n_classes)
        """
        return self._proba_from(self.decision_function(X))

    def staged_predict_proba(self, X):
        """Yield :meth:`predict_proba` after each boosting round."""
        for score in self.staged_decision_function(X):
            yield self._proba_from(score)

    def staged_score(self, X, y, sample_weight=None):
        """Yield the accuracy after each boosting round."""
        from ..metrics import accuracy_score

        for pred in self.staged_predict(X):
            yield accuracy_score(y, pred, sample_weight=sample_weight)


class AdaBoostRegressor(RegressorMixin, BaseWeightBoosting):
    r"""AdaBoost.R2 regressor: boost regressors fitted on weighted bootstrap samples.

    Parameters
    ----------
    estimator : regressor, default=None
        Weak learner; None means ``DecisionTreeRegressor(max_depth=3)``.
    n_estimators : int, default=50
        Maximum number of rounds.
    learning_rate : float, default=1.0
        Exponent :math:`\eta` on the weight update and factor on
        :math:`\log(1/\beta_m)`.
    loss : {'linear', 'square', 'exponential'}, default='linear'
        How the normalised absolute error becomes the per-sample loss, eq. (r2-loss).
    random_state : int, RandomState instance or None, default=None
        Draws, in each round, the learner's seed and then its bootstrap sample
        (the order scikit-learn uses, so the same seed gives the same rows).

    Attributes
    ----------
    estimator_ : regressor
    estimators_ : list of regressors
    estimator_weights_ : ndarray of shape (n_estimators,)
        :math:`\eta \log(1/\beta_m)`; 0 for rounds not run.
    estimator_errors_ : ndarray of shape (n_estimators,)
        :math:`\bar L_m`; 1 for rounds not run.
    feature_importances_ : ndarray of shape (n_features,)
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Notes
    -----
    Round :math:`m` draws a bootstrap sample with probabilities :math:`w_i`,
    fits :math:`G_m` to it, and scores every training row by its absolute
    error relative to the largest, :math:`e_i = |G_m(x_i) - y_i| / \max_j |G_m(x_j) - y_j|`,

    .. math::
       :label: r2-loss

       L_i = e_i \;(\text{linear}), \quad e_i^2 \;(\text{square}), \quad
       1 - e^{-e_i} \;(\text{exponential}),

    .. math::
       :label: r2-beta

       \bar L_m = \sum_i w_i L_i, \qquad \beta_m = \frac{\bar L_m}{1 - \bar L_m},

    and stops if :math:`\bar L_m \ge 0.5` (a perfect learner,
    :math:`\bar L_m = 0`, stops with weight 1). Otherwise

    .. math::
       :label: r2-weights

       w_i \leftarrow w_i \, \beta_m^{\eta (1 - L_i)}, \text{ then renormalise,}

    so well-predicted rows lose weight. The prediction is the weighted median
    of the learners' predictions with weights :math:`\log(1/\beta_m)`.

    References
    ----------
    Drucker (1997), "Improving regressors using boosting techniques", *ICML*,
    107-115 (AdaBoost.R2, steps 1-7).

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.ensemble import AdaBoostRegressor
    >>> X = np.arange(20.0).reshape(-1, 1)
    >>> y = X.ravel() ** 2
    >>> reg = AdaBoostRegressor(n_estimators=10, random_state=0).fit(X, y)
    >>> bool(reg.score(X, y) > 0.95)
    True
    """

    _parameter_constraints = {
        **BaseWeightBoosting._parameter_constraints,
        "loss": [StrOptions({"linear", "square", "exponential"})],
    }

    def __init__(self, estimator=None, *, n_estimators=50, learning_rate=1.0, loss="linear",
                 random_state=None):
        self.estimator = estimator
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.loss = loss
        self.random_state = random_state

    def fit(self, X, y, sample_weight=None):
        """Run up to ``n_estimators`` AdaBoost.R2 rounds.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        sample_weight : array-like of shape (n_samples,), default=None
            Initial weights (uniform if None); normalised to sum to 1.

        Returns
        -------
        self : AdaBoostRegressor
        """
        self._validate_params()
        X, y = validate_data(self, X, y, y_numeric=True)
        w = check_sample_weight(sample_weight, X, dtype=np.float64, ensure_non_negative=True)
        self.estimator_ = (DecisionTreeRegressor(max_depth=3) if self.estimator is None
                           else self.estimator)
        return self._run_rounds(X, np.asarray(y, dtype=np.float64), w / w.sum())

    def _boost(self, m, X, y, w, rng):
        """One AdaBoost.R2 round, eqs. (r2-loss)-(r2-weights)."""
        learner = _seeded_clone(self.estimator_, rng)
        rows = rng.choice(X.shape[0], size=X.shape[0], replace=True, p=w)
        learner.fit(X[rows], y[rows])
        error = np.abs(learner.predict(X) - y)
        used = w > 0
        e = error[used]
        if e.max() != 0:
            e = e / e.max()
        if self.loss == "square":  # eq. (r2-loss)
            e = e**2
        elif self.loss == "exponential":
            e = 1.0 - np.exp(-e)
        err = np.sum(w[used] * e)  # eq. (r2-beta)
        self.estimators_.append(learner)
        if err <= 0:
            return None, 1.0, 0.0
        if err >= 0.5:
            if len(self.estimators_) > 1:  # keep a lone first learner, as scikit-learn
                self.estimators_.pop()
            return None, None, None
        beta = err / (1.0 - err)  # eq. (r2-beta)
        w = w.copy()
        w[used] *= beta ** ((1.0 - e) * self.learning_rate)  # eq. (r2-weights)
        return w, self.learning_rate * np.log(1.0 / beta), err

    def _median(self, X, limit):
        """Weighted median of the first ``limit`` learners' predictions."""
        P = np.array([t.predict(X) for t in self.estimators_[:limit]]).T  # (n_samples, limit)
        order = np.argsort(P, axis=1)
        cdf = np.cumsum(self.estimator_weights_[order], axis=1)
        at_median = np.argmax(cdf >= 0.5 * cdf[:, -1:], axis=1)
        best = order[np.arange(X.shape[0]), at_median]
        return P[np.arange(X.shape[0]), best]

    def predict(self, X):
        """Weighted median prediction of the learners.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,)
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        return self._median(X, len(self.estimators_))

    def staged_predict(self, X):
        """Yield the prediction after each round."""
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        for limit in range(1, len(self.estimators_) + 1):
            yield self._median(X, limit)
