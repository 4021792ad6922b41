r"""``LinearSVC``: the linear SVM solved by dual coordinate descent (Hsieh et al. 2008).

Notes
-----
Notation: :math:`n` points :math:`x_i` (augmented with a constant
``intercept_scaling`` feature when ``fit_intercept``), labels
:math:`y_i \in \{-1, +1\}`.

The primal, with hinge (L1) or squared-hinge (L2) loss,

.. math::
   :label: lsvm-primal

   \min_w \tfrac12 w^\top w + C \sum_i \max(0, 1 - y_i w^\top x_i)^q, \quad q \in \{1, 2\},

has the dual

.. math::
   :label: lsvm-dual

   \min_\alpha \tfrac12 \alpha^\top \bar Q \alpha - e^\top \alpha
   \quad \text{s.t.} \quad 0 \le \alpha_i \le U,
   \qquad \bar Q = Q + D,\ Q_{ij} = y_i y_j x_i^\top x_j,

with :math:`U = C, D = 0` for the hinge and :math:`U = \infty, D_{ii} = 1/(2C)`
for the squared hinge. There is no equality constraint (the bias is a
feature), so single coordinates can move. Keeping :math:`w = \sum_i y_i
\alpha_i x_i` makes each partial derivative :math:`O(D)`:

.. math::
   :label: lsvm-grad

   G_i = y_i w^\top x_i - 1 + D_{ii} \alpha_i,

and the exact one-variable minimiser, projected on the box, is

.. math::
   :label: lsvm-step

   \alpha_i \leftarrow \min(\max(\alpha_i - G_i / \bar Q_{ii}, 0), U).

An epoch visits the coordinates in a random order; the solver stops when the
projected gradient (:math:`\min(G_i, 0)` at :math:`\alpha_i = 0`,
:math:`\max(G_i, 0)` at :math:`U`, :math:`G_i` inside) is flat to the
tolerance:

.. math::
   :label: lsvm-stop

   \max_i PG_i - \min_i PG_i \le \text{tol}.

More than two classes: one-vs-rest, one problem per class.

References
----------
C.-J. Hsieh, K.-W. Chang, C.-J. Lin, S. S. Keerthi, S. Sundararajan, "A dual
coordinate descent method for large-scale linear SVM", ICML 2008,
doi:10.1145/1390156.1390208 (Algorithm 1, eqs. (4)-(9)).
R.-E. Fan et al., "LIBLINEAR: a library for large linear classification", JMLR
9, 2008, 1871-1874.
"""

import warnings
from numbers import Integral, Real

import numpy as np

from ..base import BaseEstimator, ClassifierMixin, RegressorMixin
from ..exceptions import ConvergenceWarning
from ..utils.multiclass import check_classification_targets
from ..utils.validation import (
    Interval,
    StrOptions,
    check_is_fitted,
    check_random_state,
    validate_data,
)
from ._dual_cd_kernels import dual_cd_jit, dual_cd_svr_jit

__all__ = ["LinearSVC", "LinearSVR"]


class LinearSVC(ClassifierMixin, BaseEstimator):
    """Linear support vector classifier (L2 penalty), trained by dual coordinate descent.

    Parameters
    ----------
    penalty : {'l2'}, default='l2'
    loss : {'hinge', 'squared_hinge'}, default='squared_hinge'
        q = 1 or 2 in eq. (lsvm-primal).
    dual : 'auto' or True, default='auto'
        The dual (eq. lsvm-dual) is always solved; the primal optimum is
        unique, so this gives the same model as scikit-learn's primal solver
        up to the tolerance. ``dual=False`` raises.
    tol : float, default=1e-4
        Tolerance of eq. (lsvm-stop).
    C : float, default=1.0
        Loss weight, ``C > 0``.
    multi_class : {'ovr'}, default='ovr'
    fit_intercept : bool, default=True
        Append a constant feature ``intercept_scaling`` (its weight is
        regularised, as in LIBLINEAR).
    intercept_scaling : float, default=1.0
    class_weight : dict or 'balanced', default=None
        Multiplies C for the points of a class. As LIBLINEAR: with two classes
        each class gets its own weight; with more, problem k weights class k's
        points and leaves the rest at C.
    random_state : int, RandomState instance or None, default=None
        Seeds the visiting order of the coordinates.
    max_iter : int, default=1000
        Maximal number of epochs.

    Attributes
    ----------
    coef_ : ndarray of shape (1, n_features) or (n_classes, n_features)
    intercept_ : ndarray of shape (1,) or (n_classes,)
    classes_ : ndarray of shape (n_classes,)
    n_iter_ : int
        Largest number of epochs over the one-vs-rest problems.
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        ``C <= 0``, a single class, ``dual=False``.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.svm import LinearSVC
    >>> X = np.array([[-2.0, 0.0], [-1.0, 1.0], [1.0, -1.0], [2.0, 0.0]])
    >>> clf = LinearSVC(random_state=0).fit(X, [0, 0, 1, 1])
    >>> clf.predict([[-3.0, 0.5], [3.0, 0.0]])
    array([0, 1])
    """

    _parameter_constraints = {
        "penalty": [StrOptions({"l2"})],
        "loss": [StrOptions({"hinge", "squared_hinge"})],
        "dual": [StrOptions({"auto"}), "boolean"],
        "tol": [Interval(Real, 0.0, None, closed="neither")],
        "C": [Interval(Real, 0.0, None, closed="neither")],
        "multi_class": [StrOptions({"ovr"})],
        "fit_intercept": ["boolean"],
        "intercept_scaling": [Interval(Real, 0, None, closed="neither")],
        "class_weight": [StrOptions({"balanced"}), dict, None],
        "random_state": ["random_state"],
        "max_iter": [Interval(Integral, 0, None, closed="left")],
    }

    def __init__(
        self, penalty="l2", loss="squared_hinge", *, dual="auto", tol=1e-4, C=1.0,
        multi_class="ovr", fit_intercept=True, intercept_scaling=1.0, class_weight=None,
        random_state=None, max_iter=1000,
    ):
        self.penalty = penalty
        self.loss = loss
        self.dual = dual
        self.tol = tol
        self.C = C
        self.multi_class = multi_class
        self.fit_intercept = fit_intercept
        self.intercept_scaling = intercept_scaling
        self.class_weight = class_weight
        self.random_state = random_state
        self.max_iter = max_iter

    def fit(self, X, y):
        """Solve one dual problem per class (one for two classes).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : LinearSVC
        """
        self._validate_params()
        if self.dual is False:
            raise ValueError(
                "dual=False (the primal Newton solver) is not implemented; use "
                "dual='auto' or True: the dual gives the same unique optimum."
            )
        X, y = validate_data(self, X, y, dtype=np.float64, order="C")
        check_classification_targets(y)
        self.classes_, y_enc = np.unique(y, return_inverse=True)
        n_classes = len(self.classes_)
        if n_classes < 2:
            raise ValueError(
                f"This solver needs samples of at least 2 classes in the data, but the "
                f"data contains only one class: {self.classes_[0]!r}."
            )
        rng = check_random_state(self.random_state)
        Xa = X
        if self.fit_intercept:
            Xa = np.hstack([X, np.full((X.shape[0], 1), float(self.intercept_scaling))])
        cw = np.ones(n_classes)
        if self.class_weight == "balanced":
            cw = len(y_enc) / (n_classes * np.bincount(y_enc, minlength=n_classes))
        elif isinstance(self.class_weight, dict):
            for label, value in self.class_weight.items():
                where = np.flatnonzero(self.classes_ == label)
                if where.size == 0:
                    raise ValueError(f"class_weight has label {label!r}, which is not a class of y.")
                cw[where[0]] = value
        targets = [1] if n_classes == 2 else range(n_classes)
        W, n_iter, converged = [], 0, True
        for k in targets:
            y_pm = np.where(y_enc == k, 1.0, -1.0)
            negative_weight = cw[0] if n_classes == 2 else 1.0
            C_i = self.C * np.where(y_pm > 0, cw[k], negative_weight)
            seed = int(rng.randint(np.iinfo(np.int32).max))
            w, it, ok = dual_cd_jit(
                Xa, y_pm, C_i, self.loss == "squared_hinge", float(self.tol),
                int(self.max_iter), seed,
            )
            W.append(w)
            n_iter = max(n_iter, it)
            converged = converged and ok
        if not converged:
            warnings.warn(
                "Liblinear failed to converge, increase the number of iterations.",
                ConvergenceWarning,
                stacklevel=2,
            )
        W = np.array(W)
        if self.fit_intercept:
            self.coef_ = W[:, :-1].copy()
            self.intercept_ = W[:, -1] * self.intercept_scaling
        else:
            self.coef_ = W
            self.intercept_ = np.zeros(W.shape[0])
        self.n_iter_ = n_iter
        return self

    def decision_function(self, X):
        """Scores :math:`w^\\top x + b`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        scores : ndarray of shape (n_samples,) or (n_samples, n_classes)
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64, order="C")
        scores = X @ self.coef_.T + self.intercept_
        return scores.ravel() if scores.shape[1] == 1 else scores

    def predict(self, X):
        """Class with the largest score (positive score: ``classes_[1]`` for two classes).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,)
        """
        scores = self.decision_function(X)
        if scores.ndim == 1:
            return self.classes_[(scores > 0).astype(int)]
        return self.classes_[np.argmax(scores, axis=1)]


class LinearSVR(RegressorMixin, BaseEstimator):
    r"""Linear support vector regression (L2 penalty) by dual coordinate descent.

    Minimises :math:`\tfrac12 w^\top w + C \sum_i \max(0, |y_i - w^\top x_i| - \varepsilon)^q`
    (bias as an extra regularised feature), :math:`q = 1` or 2, through its dual

    .. math::
       :label: lsvr-dual

       \min_\beta \tfrac12 \beta^\top (Q + \lambda I) \beta - y^\top \beta
       + \varepsilon \|\beta\|_1, \quad -U \le \beta_i \le U,

    with :math:`Q_{ij} = x_i^\top x_j` and :math:`\lambda = 0, U = C` (L1 loss)
    or :math:`\lambda = 1/(2C), U = \infty` (L2 loss). Each coordinate step
    minimises the one-dimensional piecewise quadratic exactly, using

    .. math::
       :label: lsvr-grad

       G_i = w^\top x_i - y_i + \lambda \beta_i,

    .. math::
       :label: lsvr-step

       \beta_i \leftarrow \Pi_{[-U, U]}\Big(\beta_i -
       \begin{cases} (G_i + \varepsilon)/H_i & G_i + \varepsilon < H_i \beta_i \\
                     (G_i - \varepsilon)/H_i & G_i - \varepsilon > H_i \beta_i \\
                     \beta_i & \text{otherwise} \end{cases}\Big),
       \quad H_i = Q_{ii} + \lambda .

    Parameters
    ----------
    epsilon : float, default=0.0
    tol : float, default=1e-4
        Relative decrease of the summed KKT violation that stops the solver.
    C : float, default=1.0
    loss : {'epsilon_insensitive', 'squared_epsilon_insensitive'}, default='epsilon_insensitive'
    fit_intercept : bool, default=True
    intercept_scaling : float, default=1.0
    dual : 'auto' or True, default='auto'
        The dual is always solved; ``dual=False`` raises.
    random_state : int, RandomState instance or None, default=None
    max_iter : int, default=1000

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
    intercept_ : ndarray of shape (1,)
    n_iter_ : int
    n_features_in_ : int

    Raises
    ------
    ValueError
        ``C <= 0``, ``epsilon < 0``, ``dual=False``.

    References
    ----------
    C.-H. Ho, C.-J. Lin, "Large-scale linear support vector regression", JMLR 13,
    2012, 3323-3348 (Algorithm 2).

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.svm import LinearSVR
    >>> X = np.arange(10.0).reshape(-1, 1)
    >>> reg = LinearSVR(C=10.0, random_state=0, max_iter=10000).fit(X, 2 * X.ravel() + 1)
    >>> np.round(reg.predict([[4.5]]), 1)
    array([10.])
    """

    _parameter_constraints = {
        "epsilon": [Real],
        "tol": [Interval(Real, 0.0, None, closed="neither")],
        "C": [Interval(Real, 0.0, None, closed="neither")],
        "loss": [StrOptions({"epsilon_insensitive", "squared_epsilon_insensitive"})],
        "fit_intercept": ["boolean"],
        "intercept_scaling": [Interval(Real, 0, None, closed="neither")],
        "dual": [StrOptions({"auto"}), "boolean"],
        "random_state": ["random_state"],
        "max_iter": [Interval(Integral, 0, None, closed="left")],
    }

    def __init__(
        self, *, epsilon=0.0, tol=1e-4, C=1.0, loss="epsilon_insensitive", fit_intercept=True,
        intercept_scaling=1.0, dual="auto", random_state=None, max_iter=1000,
    ):
        self.epsilon = epsilon
        self.tol = tol
        self.C = C
        self.loss = loss
        self.fit_intercept = fit_intercept
        self.intercept_scaling = intercept_scaling
        self.dual = dual
        self.random_state = random_state
        self.max_iter = max_iter

    def fit(self, X, y):
        """Solve eq. (lsvr-dual).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : LinearSVR
        """
        self._validate_params()
        if self.dual is False:
            raise ValueError(
                "dual=False (the primal Newton solver) is not implemented; use "
                "dual='auto' or True: the dual gives the same optimum."
            )
        if self.epsilon < 0:
            raise ValueError(f"epsilon={self.epsilon} must be >= 0.")
        X, y = validate_data(self, X, y, dtype=np.float64, order="C", y_numeric=True)
        seed = int(check_random_state(self.random_state).randint(np.iinfo(np.int32).max))
        Xa = X
        if self.fit_intercept:
            Xa = np.hstack([X, np.full((X.shape[0], 1), float(self.intercept_scaling))])
        w, n_iter, ok = dual_cd_svr_jit(
            Xa, y.astype(np.float64), float(self.C), float(self.epsilon),
            self.loss == "squared_epsilon_insensitive", float(self.tol), int(self.max_iter), seed,
        )
        if not ok:
            warnings.warn(
                "Liblinear failed to converge, increase the number of iterations.",
                ConvergenceWarning,
                stacklevel=2,
            )
        if self.fit_intercept:
            self.coef_ = w[:-1].copy()
            self.intercept_ = np.array([w[-1] * self.intercept_scaling])
        else:
            self.coef_ = w
            self.intercept_ = np.array([0.0])
        self.n_iter_ = n_iter
        return self

    def predict(self, X):
        """:math:`w^\\top x + b`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,)
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64, order="C")
        return X @ self.coef_ + self.intercept_[0]
