"""``NuSVC``: the nu formulation of the support vector classifier, on LIBSVM's ``Solver_NU``."""

from numbers import Real

import numpy as np

from ..utils.validation import Interval
from ._svc import SVC

__all__ = ["NuSVC"]


class NuSVC(SVC):
    r"""nu-support vector classifier: C replaced by nu in (0, 1] (Schölkopf et al. 2000).

    Per pair of classes, the dual

    .. math::
       :label: nusvm-dual

       \min_\alpha \tfrac12 \alpha^\top Q \alpha \quad \text{s.t.} \quad
       0 \le \alpha_i \le 1,\ y^\top\alpha = 0,\ e^\top\alpha = \nu l

    has one equality constraint per label, so SMO only pairs multipliers of
    equal labels (eq. svm-wss-nu) and the offsets come from the free vectors
    of each label separately,

    .. math::
       :label: svm-rho-nu

       \rho = \frac{r_+ - r_-}{2}, \qquad r = \frac{r_+ + r_-}{2},

    after which :math:`\alpha / r` and :math:`\rho / r` are the C-SVM
    solution with :math:`C = 1/r`. :math:`\nu` bounds the fraction of margin
    errors from above and of support vectors from below. The pair's
    working set rule (eq. svm-wss-nu) is WSS3 restricted to one label at a time.

    Parameters
    ----------
    nu : float, default=0.5
        In (0, 1]; must be feasible for every pair: nu (n1 + n2) / 2 <= min(n1, n2).
    kernel, degree, gamma, coef0, shrinking, tol, cache_size, class_weight, max_iter,
    decision_function_shape, break_ties, probability, random_state
        As in :class:`SVC`. ``class_weight`` is recorded but, as in LIBSVM,
        does not change the nu problem.

    Attributes
    ----------
    As :class:`SVC`.

    Raises
    ------
    ValueError
        ``specified nu is infeasible``; the errors of :class:`SVC`.

    References
    ----------
    B. Schölkopf, A. J. Smola, R. C. Williamson, P. L. Bartlett, "New support
    vector algorithms", Neural Computation 12(5), 2000,
    doi:10.1162/089976600300015565. C.-C. Chang, C.-J. Lin, "Training nu-support
    vector classifiers: theory and algorithms", Neural Computation 13(9), 2001.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.svm import NuSVC
    >>> X = np.array([[-2.0, 0.0], [-1.0, 1.0], [1.0, -1.0], [2.0, 0.0]])
    >>> NuSVC(kernel="linear", nu=0.5).fit(X, [0, 0, 1, 1]).predict([[-3.0, 0.0], [3.0, 0.0]])
    array([0, 1])
    """

    _parameter_constraints = {
        **{k: v for k, v in SVC._parameter_constraints.items() if k != "C"},
        "nu": [Interval(Real, 0.0, 1.0, closed="right")],
    }

    def __init__(
        self, *, nu=0.5, kernel="rbf", degree=3, gamma="scale", coef0=0.0, shrinking=True,
        probability=False, tol=1e-3, cache_size=200, class_weight=None, max_iter=-1,
        decision_function_shape="ovr", break_ties=False, random_state=None,
    ):
        self.nu = nu
        self.kernel = kernel
        self.degree = degree
        self.gamma = gamma
        self.coef0 = coef0
        self.shrinking = shrinking
        self.probability = probability
        self.tol = tol
        self.cache_size = cache_size
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.decision_function_shape = decision_function_shape
        self.break_ties = break_ties
        self.random_state = random_state

    C = 1.0  # the pairwise C of the Platt sub-models; the nu problem ignores it

    def _check_class_counts(self, count):
        """nu must leave room for both classes of every pair (LIBSVM's check)."""
        for a in range(len(count)):
            for b in range(a + 1, len(count)):
                n1, n2 = count[a], count[b]
                if self.nu * (n1 + n2) / 2 > min(n1, n2):
                    raise ValueError(
                        f"specified nu is infeasible: nu={self.nu} needs nu * (n1 + n2) / 2 "
                        f"<= min(n1, n2) for classes of sizes {n1} and {n2}."
                    )

    def _pair_problem(self, y_pm, C_pm):
        """nu-SVC: p = 0, bounds 1, LIBSVM's feasible start with e^T alpha = nu l."""
        n_sub = len(y_pm)
        nu_l = 0.0
        for _ in range(n_sub):
            nu_l += self.nu  # accumulated as LIBSVM does (the last bit matters)
        remaining = {1.0: nu_l / 2, -1.0: nu_l / 2}
        alpha0 = np.zeros(n_sub)
        for t in range(n_sub):
            alpha0[t] = min(1.0, remaining[y_pm[t]])
            remaining[y_pm[t]] -= alpha0[t]
        return np.zeros(n_sub), np.ones(n_sub), alpha0, 1
