r"""``SVC``: the kernel C-support vector classifier trained by SMO with WSS3.

Notes
-----
Notation: :math:`l` training points :math:`x_i` with labels
:math:`y_i \in \{-1, +1\}`, kernel :math:`K`, :math:`Q_{ij} = y_i y_j K(x_i, x_j)`,
:math:`e` the vector of ones.

The soft-margin primal :math:`\min \tfrac12\|w\|^2 + C \sum_i \xi_i` subject to
:math:`y_i (w^\top \phi(x_i) + b) \ge 1 - \xi_i`, :math:`\xi_i \ge 0` has the
Lagrangian dual

.. math::
   :label: svm-dual

   \min_\alpha f(\alpha) = \tfrac12 \alpha^\top Q \alpha - e^\top \alpha
   \quad \text{s.t.} \quad 0 \le \alpha_i \le C_i, \quad y^\top \alpha = 0,

with :math:`C_i = C \cdot \text{class\_weight}[y_i]` and

.. math::
   :label: svm-Q

   Q_{ij} = y_i y_j K(x_i, x_j).

The kernels are

.. math::
   :label: svm-kernels

   x^\top x', \quad (\gamma x^\top x' + r)^d, \quad
   \exp(-\gamma \|x - x'\|^2), \quad \tanh(\gamma x^\top x' + r).

KKT conditions. With :math:`G = \nabla f(\alpha) = Q\alpha - e`, let
:math:`I_{up} = \{t : \alpha_t < C_t, y_t = 1 \text{ or } \alpha_t > 0, y_t = -1\}`
and :math:`I_{low} = \{t : \alpha_t < C_t, y_t = -1 \text{ or } \alpha_t > 0, y_t = 1\}`.
:math:`\alpha` is optimal iff :math:`m(\alpha) \le M(\alpha)`, and SMO stops at

.. math::
   :label: svm-stop

   m(\alpha) - M(\alpha) = \max_{t \in I_{up}} -y_t G_t - \min_{t \in I_{low}} -y_t G_t < \text{tol}.

Working set selection WSS3 (Fan, Chen & Lin 2005, Algorithm 1) picks the
maximal violator and then the partner that maximises the second-order
decrease of :math:`f`:

.. math::
   :label: svm-wss-i

   i = \arg\max_{t \in I_{up}} -y_t G_t,

.. math::
   :label: svm-wss-j

   j = \arg\min_{t \in I_{low},\, -y_t G_t < -y_i G_i}
       -\frac{b_{it}^2}{a_{it}}, \quad
   b_{it} = -y_i G_i + y_t G_t,\;
   a_{it} = K_{ii} + K_{tt} - 2K_{it}\ (\text{or } \tau = 10^{-12} \text{ if } \le 0).

Only :math:`\alpha_i, \alpha_j` move; keeping :math:`y^\top\alpha = 0` leaves
one free direction, and the exact minimiser along it,

.. math::
   :label: svm-step

   \alpha_i \leftarrow \alpha_i + y_i \frac{b_{ij}}{a_{ij}}, \quad
   \alpha_j \leftarrow \alpha_j - y_j \frac{b_{ij}}{a_{ij}},

is clipped back into the box. The gradient is kept up to date with two kernel
rows,

.. math::
   :label: svm-grad-update

   G \leftarrow G + Q_{:,i}\,\Delta\alpha_i + Q_{:,j}\,\Delta\alpha_j.

The bias :math:`b = -\rho` comes from the free vectors, for which the KKT
conditions give :math:`y_t G_t = \rho` exactly:

.. math::
   :label: svm-rho

   \rho = \frac{1}{|F|}\sum_{t \in F} y_t G_t, \quad
   F = \{t : 0 < \alpha_t < C_t\}

(the midpoint of the feasible interval when :math:`F` is empty).

Shrinking (``shrinking=True``; Joachims 1999, LIBSVM §5.1). Every
:math:`\min(l, 1000)` iterations the multipliers at a bound that can be in no
violating pair,

.. math::
   :label: svm-shrink

   \bigl(t \in I_{up} \setminus I_{low},\ -y_t G_t < M(\alpha)\bigr)
   \ \text{or}\
   \bigl(t \in I_{low} \setminus I_{up},\ -y_t G_t > m(\alpha)\bigr),

leave the active set; WSS3 and eq. (svm-grad-update) then run over the
active variables only. The gradient of the others is rebuilt, when the
violation first drops below 10 tol and before the final stopping test, from

.. math::
   :label: svm-gbar

   \bar G_t = \sum_{u:\, \alpha_u = C_u} C_u Q_{tu},

kept up to date whenever a multiplier reaches or leaves its bound, as

.. math::
   :label: svm-grad-reconstruct

   G_t = \bar G_t + p_t + \sum_{u \text{ free}} \alpha_u Q_{tu}.

The decision
function is :math:`f(x) = \sum_i y_i \alpha_i K(x_i, x) - \rho`. With
:math:`c > 2` classes, one such machine is trained for each pair (one-vs-one).

With ``probability=True`` each pair's decision values, cross-validated over 5
folds, are mapped to probabilities by Platt's sigmoid fitted by regularised
maximum likelihood (Lin, Lin & Weng 2007),

.. math::
   :label: platt

   P(y = 1 \mid f) = \frac{1}{1 + \exp(A f + B)},

and the pairwise probabilities :math:`r_{ij}` are coupled into class
probabilities by Wu, Lin & Weng's method 2,

.. math::
   :label: svm-coupling

   \min_p \sum_i \sum_{j \ne i} (r_{ji} p_i - r_{ij} p_j)^2
   \quad \text{s.t.} \quad \sum_i p_i = 1.

References
----------
R.-E. Fan, P.-H. Chen, C.-J. Lin, "Working set selection using second order
information for training support vector machines", JMLR 6, 2005, 1889-1918
(Algorithm 1 and eq. (13)).
C.-C. Chang, C.-J. Lin, "LIBSVM: a library for support vector machines", ACM
TIST 2(3), 2011, doi:10.1145/1961189.1961199 (§4.1: stopping, bias; §5.1-5.2:
shrinking, caching; §7: one-vs-one).
T. Joachims, "Making large-scale SVM learning practical", in Advances in
Kernel Methods: Support Vector Learning, MIT Press, 1999, 169-184.
J. C. Platt, "Sequential minimal optimization", MSR-TR-98-14, 1998.
J. C. Platt, "Probabilistic outputs for support vector machines", in Advances
in Large Margin Classifiers, MIT Press, 2000; H.-T. Lin, C.-J. Lin, R. C. Weng,
"A note on Platt's probabilistic outputs for support vector machines", Machine
Learning 68, 2007, doi:10.1007/s10994-007-5018-6 (Algorithm 1).
T.-F. Wu, C.-J. Lin, R. C. Weng, "Probability estimates for multi-class
classification by pairwise coupling", JMLR 5, 2004, 975-1005 (method 2, eq. (21)).
"""

from numbers import Integral, Real

import numpy as np

from ..base import BaseEstimator, ClassifierMixin
from ..exceptions import ConvergenceWarning
from ..utils.multiclass import check_classification_targets
from ..utils.validation import (
    Interval,
    StrOptions,
    check_is_fitted,
    check_random_state,
    validate_data,
)
from ._libsvm_common import KERNELS, LibsvmRandom, gamma_value, kernel_matrix, n_cache_slots
from ._platt_kernels import coupled_probabilities_jit, sigmoid_train_jit
from ._smo_kernels import PRECOMPUTED, smo_jit

__all__ = ["SVC"]

class SVC(ClassifierMixin, BaseEstimator):
    """C-support vector classifier (LIBSVM's C-SVC), solved by SMO with WSS3.

    Parameters
    ----------
    C : float, default=1.0
        Box bound of eq. (svm-dual); ``C > 0``. Smaller means more regularised.
    kernel : {'linear', 'poly', 'rbf', 'sigmoid', 'precomputed'}, default='rbf'
        Eq. (svm-kernels); 'precomputed' takes the Gram matrix as ``X``.
    degree : int, default=3
        Degree d of 'poly'.
    gamma : {'scale', 'auto'} or float, default='scale'
        'scale': 1 / (n_features * X.var()); 'auto': 1 / n_features; a float >= 0.
    coef0 : float, default=0.0
        r in 'poly' and 'sigmoid'.
    shrinking : bool, default=True
        Every min(n, 1000) iterations, set aside the multipliers at a bound
        that cannot be in a violating pair (eq. svm-shrink), as LIBSVM does;
        the stopping test is always rechecked over all variables. Faster on
        large problems; same steps as scikit-learn with the same setting.
    tol : float, default=1e-3
        Stopping tolerance of eq. (svm-stop).
    cache_size : float, default=200
        Kernel-row cache, in MB (LRU; kernel rows are float32).
    class_weight : dict or 'balanced', default=None
        Multiplies C per class; 'balanced' uses n_samples / (n_classes * count).
    max_iter : int, default=-1
        SMO iterations per pairwise problem; -1 for no limit.
    decision_function_shape : {'ovo', 'ovr'}, default='ovr'
        'ovo': one column per pair (i, j), i < j, positive for class i.
        'ovr': per-class votes plus a bounded confidence, as scikit-learn.
    break_ties : bool, default=False
        With 'ovr' and more than 2 classes, predict the argmax of the
        decision function instead of the plain vote.
    probability : bool, default=False
        Also fit Platt's sigmoid (eq. platt) on 5-fold cross-validated
        decision values of each pairwise machine, enabling ``predict_proba``.
        Five extra trainings per pair.
    random_state : int, RandomState instance or None, default=None
        Seeds the cross-validation shuffle of ``probability=True`` (one
        integer is drawn from it at every ``fit``, as in scikit-learn).

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    class_weight_ : ndarray of shape (n_classes,)
    support_ : ndarray of shape (n_SV,)
        Indices of the support vectors, grouped by class.
    support_vectors_ : ndarray of shape (n_SV, n_features)
    n_support_ : ndarray of shape (n_classes,)
    dual_coef_ : ndarray of shape (n_classes - 1, n_SV)
        :math:`y_i \\alpha_i` of each support vector in each of its pairwise
        machines, laid out as LIBSVM does.
    intercept_ : ndarray of shape (n_classes * (n_classes - 1) / 2,)
        :math:`-\\rho` per pair (sign flipped for 2 classes, as scikit-learn).
    n_iter_ : ndarray of shape (n_classes * (n_classes - 1) / 2,)
    probA_, probB_ : ndarray of shape (n_classes * (n_classes - 1) / 2,)
        Platt's A and B per pair (empty unless ``probability=True``).
    fit_status_ : int
        0 if every problem converged, 1 if one stopped at ``max_iter``.
    shape_fit_ : tuple
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        ``C <= 0``, ``gamma < 0``, an unknown kernel (parameter errors name the
        parameter), a single class, a non-square precomputed kernel.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.svm import SVC
    >>> X = np.array([[-2.0, 0.0], [-1.0, 1.0], [1.0, -1.0], [2.0, 0.0]])
    >>> y = np.array([0, 0, 1, 1])
    >>> clf = SVC(kernel="linear").fit(X, y)
    >>> clf.predict([[-3.0, 0.5], [3.0, 0.0]])
    array([0, 1])
    >>> clf.support_
    array([1, 2], dtype=int32)
    """

    _parameter_constraints = {
        "C": [Interval(Real, 0.0, None, closed="neither")],
        "kernel": [StrOptions(set(KERNELS))],
        "degree": [Interval(Integral, 0, None, closed="left")],
        "gamma": [StrOptions({"scale", "auto"}), Interval(Real, 0.0, None, closed="left")],
        "coef0": [Real],
        "shrinking": ["boolean"],
        "tol": [Interval(Real, 0.0, None, closed="neither")],
        "cache_size": [Interval(Real, 0, None, closed="neither")],
        "class_weight": [StrOptions({"balanced"}), dict, None],
        "max_iter": [Interval(Integral, -1, None, closed="left")],
        "decision_function_shape": [StrOptions({"ovo", "ovr"})],
        "break_ties": ["boolean"],
        "probability": ["boolean"],
        "random_state": ["random_state"],
    }

    def __init__(
        self, *, C=1.0, kernel="rbf", degree=3, gamma="scale", coef0=0.0, shrinking=True,
        tol=1e-3, cache_size=200, class_weight=None, max_iter=-1,
        decision_function_shape="ovr", break_ties=False, probability=False, random_state=None,
    ):
        self.C = C
        self.kernel = kernel
        self.degree = degree
        self.gamma = gamma
        self.coef0 = coef0
        self.shrinking = shrinking
        self.tol = tol
        self.cache_size = cache_size
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.decision_function_shape = decision_function_shape
        self.break_ties = break_ties
        self.probability = probability
        self.random_state = random_state

    def _extra_tags(self):
        return {"pairwise": self.kernel == "precomputed"}

    def _class_weights(self, y_enc, n_classes):
        if self.class_weight is None:
            return np.ones(n_classes)
        if self.class_weight == "balanced":
            return len(y_enc) / (n_classes * np.bincount(y_enc, minlength=n_classes))
        w = np.ones(n_classes)
        for label, value in self.class_weight.items():
            where = np.flatnonzero(self.classes_ == label)
            if where.size == 0:
                raise ValueError(
                    f"class_weight has label {label!r}, which is not a class of y "
                    f"({self.classes_.tolist()})."
                )
            w[where[0]] = value
        return w

    def fit(self, X, y):
        """Train one SMO machine per pair of classes.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features) or (n_samples, n_samples)
            Training data, or the Gram matrix for ``kernel='precomputed'``.
        y : array-like of shape (n_samples,)
            Class labels (at least two classes).

        Returns
        -------
        self : SVC
        """
        self._validate_params()
        X, y = validate_data(self, X, y, dtype=np.float64, order="C")
        n = X.shape[0]
        if self.kernel == "precomputed" and X.shape[0] != X.shape[1]:
            raise ValueError(
                f"Precomputed matrix must be a square matrix. Input is a "
                f"{X.shape[0]}x{X.shape[1]} matrix."
            )
        check_classification_targets(y)
        self.classes_, y_enc = np.unique(y, return_inverse=True)
        n_classes = len(self.classes_)
        if n_classes < 2:
            raise ValueError(
                f"The number of classes has to be greater than one; got {n_classes} class."
            )
        self.class_weight_ = self._class_weights(y_enc, n_classes)
        seed = check_random_state(self.random_state).randint(np.iinfo("i").max)
        rng = LibsvmRandom(int(seed)) if self.probability else None
        prob_a, prob_b = [], []
        self._gamma = gamma_value(self.gamma, X)

        # LIBSVM's layout: samples grouped by class (stable), pairs (i, j), i < j,
        # class i labelled +1 and listed first.
        order = np.argsort(y_enc, kind="stable")
        count = np.bincount(y_enc, minlength=n_classes)
        self._check_class_counts(count)
        start = np.concatenate([[0], np.cumsum(count)[:-1]])
        nonzero = np.zeros(n, dtype=bool)  # over the grouped order
        coefs, rho, n_iter, status = [], [], [], 0
        for i in range(n_classes):
            for j in range(i + 1, n_classes):
                pos = np.concatenate([np.arange(start[i], start[i] + count[i]),
                                      np.arange(start[j], start[j] + count[j])])
                rows = order[pos]
                y_sub = np.where(np.arange(len(rows)) < count[i], 1.0, -1.0)
                C_sub = self.C * np.where(y_sub > 0, self.class_weight_[i], self.class_weight_[j])
                if rng is not None:
                    a, b = self._platt_pair(X, rows, y_sub, C_sub, rng)
                    prob_a.append(a)
                    prob_b.append(b)
                alpha, r, it, st = self._solve_pair(X, rows, y_sub, C_sub)
                alpha = alpha * y_sub  # LIBSVM's sv_coef: y_i alpha_i
                nonzero[pos[alpha != 0]] = True
                coefs.append((pos, alpha))
                rho.append(r)
                n_iter.append(it)
                status = max(status, st)
        if status:
            import warnings

            warnings.warn(
                "Solver terminated early (max_iter=%d). Consider pre-processing your "
                "data with StandardScaler or MinMaxScaler." % self.max_iter,
                ConvergenceWarning,
                stacklevel=2,
            )
        self._assemble(X, order, start, count, nonzero, coefs)
        rho = np.asarray(rho)
        self._rho = rho
        self.intercept_ = np.where(rho != 0, -rho, 0.0)
        self.n_iter_ = np.asarray(n_iter, dtype=np.int32)
        self.probA_ = np.asarray(prob_a)
        self.probB_ = np.asarray(prob_b)
        self.fit_status_ = status
        self.shape_fit_ = X.shape
        if n_classes == 2:  # scikit-learn's convention: positive means classes_[1]
            self.intercept_ = -self.intercept_
            self.dual_coef_ = -self.dual_coef_
        return self

    def _check_class_counts(self, count):
        """Hook for data-dependent checks on the class sizes (none for C-SVC)."""

    def _pair_problem(self, y_pm, C_pm):
        """Linear term, bounds, start point and solver flavour of one pairwise dual.

        C-SVC: eq. (svm-dual), p = -e, alpha = 0.
        """
        n_sub = len(y_pm)
        return -np.ones(n_sub), C_pm, np.zeros(n_sub), 0

    def _solve_pair(self, X, rows, y_pm, C_pm):
        """SMO on the two-class problem over ``rows``: (alpha, rho, n_iter, status)."""
        kind = KERNELS[self.kernel]
        X_sub = X[np.ix_(rows, rows)] if kind == PRECOMPUTED else X[rows]
        n_sub = len(rows)
        p, C, alpha0, nu_mode = self._pair_problem(y_pm, C_pm)
        return smo_jit(
            np.ascontiguousarray(X_sub), np.arange(n_sub), y_pm, p, C, alpha0, kind,
            self._gamma, float(self.coef0), int(self.degree), float(self.tol),
            int(self.max_iter), n_cache_slots(self.cache_size, n_sub), nu_mode,
            bool(self.shrinking),
        )

    def _binary_machine(self, X, rows, y_pm, C_pm):
        """Train one two-class machine; return (support rows, coefficients, rho)."""
        alpha, rho, _, _ = self._solve_pair(X, rows, y_pm, C_pm)
        keep = alpha != 0
        return rows[keep], (alpha * y_pm)[keep], rho

    def _platt_pair(self, X, rows, y_sub, C_sub, rng):
        """Platt's (A, B) for one pair from 5-fold cross-validated decision values.

        LIBSVM's procedure: shuffle with its generator, train on 4/5 with the
        labels sorted (-1 first), score the held-out fifth, re-seed after
        each training (LIBSVM's train re-seeds), then fit eq. (platt).
        """
        n_sub = len(rows)
        perm = np.arange(n_sub)
        for t in range(n_sub):
            j = t + rng.bounded(n_sub - t)
            perm[t], perm[j] = perm[j], perm[t]
        dec = np.empty(n_sub)
        for fold in range(5):
            begin, end = fold * n_sub // 5, (fold + 1) * n_sub // 5
            train = np.concatenate([perm[:begin], perm[end:]])
            held = perm[begin:end]
            n_pos = int(np.sum(y_sub[train] > 0))
            n_neg = len(train) - n_pos
            if n_pos == 0 or n_neg == 0:
                dec[held] = 0.0 if len(train) == 0 else (1.0 if n_neg == 0 else -1.0)
                continue
            train = np.concatenate([train[y_sub[train] < 0], train[y_sub[train] > 0]])
            y_pm = np.where(y_sub[train] < 0, 1.0, -1.0)  # label -1 comes first
            sv, coef, rho = self._binary_machine(X, rows[train], y_pm, C_sub[train])
            rng.reset()
            if self.kernel == "precomputed":
                K = X[np.ix_(rows[held], sv)]
            else:
                K = kernel_matrix(X[rows[held]], X[sv], self.kernel, self._gamma,
                                  self.coef0, self.degree)
            dec[held] = -(K @ coef - rho)  # sign: positive means label +1
        return sigmoid_train_jit(dec, y_sub)

    @property
    def predict_proba(self):
        """Class probabilities (only with ``probability=True``); see :meth:`_predict_proba`."""
        self._check_proba()
        return self._predict_proba

    @property
    def predict_log_proba(self):
        """Log class probabilities (only with ``probability=True``)."""
        self._check_proba()
        return self._predict_log_proba

    def _check_proba(self):
        if not self.probability:
            raise AttributeError("predict_proba is not available when probability=False")

    def _predict_proba(self, X):
        """Class probabilities by Platt scaling and pairwise coupling (eq. svm-coupling).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        proba : ndarray of shape (n_samples, n_classes)
            Columns in the order of ``classes_``. Can disagree with
            ``predict``, which votes (as in scikit-learn).

        Raises
        ------
        AttributeError
            If the model was not fitted with ``probability=True``.
        """
        check_is_fitted(self)
        if self.probA_.size == 0:
            raise AttributeError(
                "predict_proba is not available: the model was fitted with probability=False"
            )
        dec = self._ovo_decision(X)
        return coupled_probabilities_jit(dec, self.probA_, self.probB_, len(self.classes_))

    def _predict_log_proba(self, X):
        """Logarithm of :meth:`predict_proba`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        log_proba : ndarray of shape (n_samples, n_classes)
        """
        return np.log(self._predict_proba(X))

    def _assemble(self, X, order, start, count, nonzero, coefs):
        """Support vectors and LIBSVM's ``sv_coef`` layout from the pairwise solutions."""
        n_classes = len(self.classes_)
        sv_pos = np.flatnonzero(nonzero)  # positions in the grouped order
        self.support_ = order[sv_pos].astype(np.int32)
        self.n_support_ = np.array(
            [nonzero[start[c]:start[c] + count[c]].sum() for c in range(n_classes)],
            dtype=np.int32,
        )
        column = np.full(len(nonzero), -1)
        column[sv_pos] = np.arange(len(sv_pos))
        dual = np.zeros((n_classes - 1, len(sv_pos)))
        p = 0
        for i in range(n_classes):
            for j in range(i + 1, n_classes):
                pos, alpha = coefs[p]
                in_i = np.arange(len(pos)) < count[i]
                keep = nonzero[pos]
                # coefficients of class i's vectors go to row j - 1, of class j's to row i
                dual[j - 1, column[pos[in_i & keep]]] = alpha[in_i & keep]
                dual[i, column[pos[~in_i & keep]]] = alpha[~in_i & keep]
                p += 1
        self.dual_coef_ = dual
        self._sv_dual = dual
        if self.kernel == "precomputed":
            self.support_vectors_ = np.empty((0, 0))
        else:
            self.support_vectors_ = X[self.support_]

    def _ovo_decision(self, X):
        """LIBSVM's pairwise values f_ij(x), shape (n_samples, n_pairs); > 0 means class i."""
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64, order="C")
        if self.kernel == "precomputed":
            if X.shape[1] != self.shape_fit_[0]:
                raise ValueError(
                    f"X.shape[1] = {X.shape[1]} should be equal to {self.shape_fit_[0]}, "
                    "the number of samples at training time"
                )
            K = X[:, self.support_]
        else:
            K = kernel_matrix(X, self.support_vectors_, self.kernel, self._gamma,
                              self.coef0, self.degree)
        dual = self.dual_coef_ if len(self.classes_) > 2 else -self.dual_coef_
        bounds = np.concatenate([[0], np.cumsum(self.n_support_)])
        n_classes = len(self.classes_)
        out = np.empty((X.shape[0], n_classes * (n_classes - 1) // 2))
        p = 0
        for i in range(n_classes):
            for j in range(i + 1, n_classes):
                si = slice(bounds[i], bounds[i + 1])
                sj = slice(bounds[j], bounds[j + 1])
                out[:, p] = K[:, si] @ dual[j - 1, si] + K[:, sj] @ dual[i, sj] - self._rho[p]
                p += 1
        return out

    def decision_function(self, X):
        """Signed distance-like scores.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        dec : ndarray of shape (n_samples,) for 2 classes, else
            (n_samples, n_classes) for 'ovr' or (n_samples, n_pairs) for 'ovo'.
        """
        dec = self._ovo_decision(X)
        n_classes = len(self.classes_)
        if n_classes == 2:
            return -dec.ravel()
        if self.decision_function_shape == "ovo":
            return dec
        return _ovr_from_ovo(dec < 0, -dec, n_classes)

    def predict(self, X):
        """One-vs-one vote; ties go to the smallest class index (as LIBSVM).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,)
        """
        n_classes = len(self.classes_) if hasattr(self, "classes_") else 0
        if self.break_ties and self.decision_function_shape == "ovr" and n_classes > 2:
            return self.classes_[np.argmax(self.decision_function(X), axis=1)]
        dec = self._ovo_decision(X)
        votes = np.zeros((dec.shape[0], n_classes), dtype=np.int64)
        p = 0
        for i in range(n_classes):
            for j in range(i + 1, n_classes):
                votes[:, i] += dec[:, p] > 0
                votes[:, j] += ~(dec[:, p] > 0)
                p += 1
        return self.classes_[np.argmax(votes, axis=1)]


def _ovr_from_ovo(predictions, confidences, n_classes):
    """Votes plus a confidence squashed into (-1/3, 1/3), so it only breaks ties."""
    votes = np.zeros((predictions.shape[0], n_classes))
    total = np.zeros((predictions.shape[0], n_classes))
    k = 0
    for i in range(n_classes):
        for j in range(i + 1, n_classes):
            total[:, i] -= confidences[:, k]
            total[:, j] += confidences[:, k]
            votes[predictions[:, k] == 0, i] += 1
            votes[predictions[:, k] == 1, j] += 1
            k += 1
    return votes + total / (3 * (np.abs(total) + 1))

