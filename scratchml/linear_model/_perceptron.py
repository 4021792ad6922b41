r"""Rosenblatt's perceptron, as SGD on the perceptron loss with a constant step."""

from ..utils.validation import StrOptions
from ._sgd_base import _COMMON_CONSTRAINTS, _BaseSGDClassifier

__all__ = ["Perceptron"]


class Perceptron(_BaseSGDClassifier):
    r"""Rosenblatt's perceptron: SGD on :math:`(-y\,w^\top x)_+` with a constant step.

    ``SGDClassifier(loss='perceptron', learning_rate='constant', eta0=1, penalty=None)``.

    Parameters
    ----------
    penalty : {'l2', 'l1', 'elasticnet'} or None, default=None
    alpha : float, default=1e-4
    l1_ratio : float, default=0.15
    fit_intercept : bool, default=True
    max_iter : int, default=1000
    tol : float or None, default=1e-3
    shuffle : bool, default=True
    eta0 : float, default=1.0
        Constant step size.
    random_state : int, RandomState instance or None, default=0
    early_stopping : bool, default=False
    validation_fraction : float, default=0.1
    n_iter_no_change : int, default=5
    class_weight : dict, 'balanced' or None, default=None
    warm_start : bool, default=False

    Attributes
    ----------
    classes_, coef_, intercept_, n_iter_, t_, n_features_in_, feature_names_in_
        As in :class:`SGDClassifier`.

    References
    ----------
    Rosenblatt (1958), The perceptron, *Psychological Review* 65(6),
    doi:10.1037/h0042519. Bishop, *PRML*, §4.1.7, eqs. 4.54-4.55.

    Examples
    --------
    >>> from scratchml.linear_model import Perceptron
    >>> clf = Perceptron().fit([[0.0, 0.0], [1.0, 1.0], [2.0, 0.0], [3.0, 1.0]], [0, 0, 1, 1])
    >>> clf.predict([[3.0, 0.0]])
    array([1])
    """

    _parameter_constraints = {
        k: v for k, v in {**_COMMON_CONSTRAINTS,
                          "class_weight": [dict, StrOptions({"balanced"}), None]}.items()
        if k not in ("epsilon", "learning_rate", "power_t", "average")
    }
    learning_rate, epsilon, power_t, average = "constant", 0.1, 0.5, False

    def __init__(self, *, penalty=None, alpha=0.0001, l1_ratio=0.15, fit_intercept=True,
                 max_iter=1000, tol=1e-3, shuffle=True, eta0=1.0, random_state=0,
                 early_stopping=False, validation_fraction=0.1, n_iter_no_change=5,
                 class_weight=None, warm_start=False):
        self.penalty = penalty
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol
        self.shuffle = shuffle
        self.eta0 = eta0
        self.random_state = random_state
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.n_iter_no_change = n_iter_no_change
        self.class_weight = class_weight
        self.warm_start = warm_start

    def _loss_name(self):
        return "perceptron"
