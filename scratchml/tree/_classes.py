r"""CART decision trees: ``DecisionTreeClassifier``, ``DecisionTreeRegressor``,
and the single randomised trees that Extra-Trees ensembles are built from.

The growing itself (split search and node bookkeeping) is compiled in
``_tree_kernels.py`` / ``_splitter_kernels.py``; this module resolves the
hyper-parameters, encodes the targets, and reads predictions off the fitted
:class:`~scratchml.tree._tree.Tree`.
"""

import numbers
from math import ceil
from numbers import Integral, Real

import numpy as np

from ..base import BaseEstimator, ClassifierMixin, RegressorMixin
from ..utils.multiclass import check_classification_targets
from ..utils.validation import (
    Interval,
    StrOptions,
    check_is_fitted,
    check_random_state,
    check_sample_weight,
    validate_data,
)
from ._splitter_kernels import ABSOLUTE_ERROR, ENTROPY, GINI, POISSON, SQUARED_ERROR
from ._tree import Tree
from ._tree_kernels import TreeParams, build_tree_jit

__all__ = [
    "DecisionTreeClassifier",
    "DecisionTreeRegressor",
]

MAX_INT = np.iinfo(np.int32).max
# friedman_mse ranks single-output splits exactly as squared_error does
# (eq. cart-friedman is W_t times the variance decrease), so, like
# scikit-learn >= 1.9, it is an alias.
CRITERIA = {"gini": GINI, "entropy": ENTROPY, "log_loss": ENTROPY,
            "squared_error": SQUARED_ERROR, "friedman_mse": SQUARED_ERROR, "poisson": POISSON,
            "absolute_error": ABSOLUTE_ERROR}


class RealNotInt(numbers.Real):
    """Floats but not ints, so ``min_samples_leaf=1`` means one sample, not 100 %."""


RealNotInt.register(float)


def compute_class_sample_weight(class_weight, y_encoded, classes):
    """Per-sample weight from ``class_weight`` ('balanced', a dict, or None).

    'balanced' gives class k the weight N / (K * N_k), so every class carries
    the same total weight.
    """
    n_classes = len(classes)
    if class_weight is None:
        return np.ones(y_encoded.shape[0])
    if class_weight == "balanced":
        counts = np.bincount(y_encoded, minlength=n_classes)
        per_class = y_encoded.shape[0] / (n_classes * counts)
    else:
        per_class = np.ones(n_classes)
        for label, weight in class_weight.items():
            match = np.flatnonzero(classes == label)
            if match.size == 0:
                raise ValueError(f"The class label {label!r} in class_weight is not present in y.")
            per_class[match[0]] = weight
    return per_class[y_encoded]


class BaseDecisionTree(BaseEstimator):
    """Shared fit / apply / pruning logic of the CART estimators."""

    _parameter_constraints = {
        "splitter": [StrOptions({"best", "random"})],
        "max_depth": [Interval(Integral, 1, None, closed="left"), None],
        "min_samples_split": [
            Interval(Integral, 2, None, closed="left"),
            Interval(RealNotInt, 0.0, 1.0, closed="right"),
        ],
        "min_samples_leaf": [
            Interval(Integral, 1, None, closed="left"),
            Interval(RealNotInt, 0.0, 1.0, closed="neither"),
        ],
        "min_weight_fraction_leaf": [Interval(Real, 0.0, 0.5, closed="both")],
        "max_features": [
            Interval(Integral, 1, None, closed="left"),
            Interval(RealNotInt, 0.0, 1.0, closed="right"),
            StrOptions({"sqrt", "log2"}),
            None,
        ],
        "random_state": ["random_state"],
        "max_leaf_nodes": [Interval(Integral, 2, None, closed="left"), None],
        "min_impurity_decrease": [Interval(Real, 0.0, None, closed="left")],
        "ccp_alpha": [Interval(Real, 0.0, None, closed="left")],
        "monotonic_cst": ["array-like", None],
    }

    def _resolve_monotonic_cst(self, n_features, n_classes):
        """``monotonic_cst`` as the int8 array the kernel reads (empty if None).

        The kernel constrains ``stats[0] / W``: the mean, or the fraction of
        the *first* class; the user constrains the probability of the second
        (positive) class, so a classifier negates the constraints.
        """
        if self.monotonic_cst is None:
            return np.zeros(0, dtype=np.int8)
        cst = np.asarray(self.monotonic_cst)
        if cst.ndim == 0:  # e.g. a string, which passes the 'array-like' constraint
            raise ValueError(
                "monotonic_cst must be None or an array-like of -1, 0 or 1 with one "
                f"entry per feature, got {self.monotonic_cst!r}."
            )
        if cst.shape[0] != n_features:
            raise ValueError(
                f"monotonic_cst has shape {cst.shape[0]} but the input data X has "
                f"{n_features} features."
            )
        if cst.ndim != 1:
            raise ValueError(f"monotonic_cst must be 1-D, got shape {cst.shape}.")
        if not np.all(np.isin(cst, (-1, 0, 1))):
            raise ValueError(
                "monotonic_cst must be None or an array-like of -1, 0 or 1, but got "
                f"{np.unique(cst)}"
            )
        cst = cst.astype(np.int8)
        if isinstance(self, ClassifierMixin):
            if n_classes > 2:
                raise ValueError(
                    "Monotonicity constraints are not supported with multiclass "
                    "classification"
                )
            cst = -cst  # constraints on p(class 1) = 1 - p(class 0)
        return cst

    def _resolve_params(self, n_samples, n_features, total_weight, n_stats, n_classes):
        """Turn the user's hyper-parameters into the integers the kernel needs."""
        if isinstance(self.min_samples_leaf, Integral):
            min_samples_leaf = self.min_samples_leaf
        else:
            min_samples_leaf = ceil(self.min_samples_leaf * n_samples)
        if isinstance(self.min_samples_split, Integral):
            min_samples_split = self.min_samples_split
        else:
            min_samples_split = max(2, ceil(self.min_samples_split * n_samples))
        min_samples_split = max(min_samples_split, 2 * min_samples_leaf)
        if self.max_features == "sqrt":
            max_features = max(1, int(np.sqrt(n_features)))
        elif self.max_features == "log2":
            max_features = max(1, int(np.log2(n_features)))
        elif self.max_features is None:
            max_features = n_features
        elif isinstance(self.max_features, Integral):
            max_features = self.max_features
        else:
            max_features = max(1, int(self.max_features * n_features))
        if max_features > n_features:
            raise ValueError(
                f"max_features={self.max_features} must be <= n_features={n_features}."
            )
        self.max_features_ = max_features
        return TreeParams(
            criterion=CRITERIA[self.criterion],
            n_stats=n_stats,
            random_splitter=self.splitter == "random",
            max_features=max_features,
            max_depth=MAX_INT if self.max_depth is None else self.max_depth,
            min_samples_split=min_samples_split,
            min_samples_leaf=min_samples_leaf,
            min_weight_leaf=float(self.min_weight_fraction_leaf * total_weight),
            min_impurity_decrease=float(self.min_impurity_decrease),
            max_leaf_nodes=-1 if self.max_leaf_nodes is None else self.max_leaf_nodes,
            monotonic_cst=self._resolve_monotonic_cst(n_features, n_classes),
        )

    def _fit_tree(self, X, y_kernel, sample_weight, n_stats, n_classes, seed=None):
        """Grow ``tree_`` on validated float32 ``X`` and float64 ``y_kernel``."""
        n_samples, n_features = X.shape
        params = self._resolve_params(n_samples, n_features, sample_weight.sum(), n_stats,
                                      n_classes)
        if seed is None:
            seed = check_random_state(self.random_state).randint(1, MAX_INT)
        # Rows with zero weight cannot change any statistic: leave them out, so
        # that every leaf holds positive weight (bootstrap rows drawn 0 times).
        samples = np.flatnonzero(sample_weight > 0)
        nodes_int, nodes_float, value = build_tree_jit(X, y_kernel, sample_weight, samples,
                                                       params, int(seed))
        # with monotonic constraints the kernel already stores class fractions
        normalize = params.criterion <= ENTROPY and params.monotonic_cst.shape[0] == 0
        self.tree_ = Tree(n_features, [n_classes], nodes_int, nodes_float, value,
                          normalize_value=normalize)
        if self.ccp_alpha > 0.0:
            self.tree_ = self.tree_.pruned(self.ccp_alpha)
        return self

    def _extra_tags(self):
        return {"allow_nan": True}  # missing values are searched, see find_split

    def _validate_X_predict(self, X):
        check_is_fitted(self)
        return validate_data(self, X, reset=False, dtype=np.float32, ensure_all_finite="allow-nan")

    def _validate_fit(self, X, y, sample_weight):
        self._validate_params()
        X, y = validate_data(self, X, y, dtype=np.float32, ensure_all_finite="allow-nan",
                             y_numeric=not isinstance(self, ClassifierMixin))
        sample_weight = check_sample_weight(sample_weight, X, dtype=np.float64,
                                            ensure_non_negative=True)
        return X, y, sample_weight

    def apply(self, X):
        """Index of the leaf each sample lands in.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_leaves : ndarray of shape (n_samples,)
            Node ids into the arrays of ``tree_``.
        """
        X = self._validate_X_predict(X)
        return self.tree_.apply(X)

    def decision_path(self, X):
        """Nodes each sample passes through, as a dense 0/1 matrix.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        indicator : ndarray of shape (n_samples, n_nodes)
            ``indicator[i, t] == 1`` iff sample i goes through node t
            (scikit-learn returns the same matrix in sparse CSR form).
        """
        X = self._validate_X_predict(X)
        return self.tree_.decision_path(X)

    def get_depth(self):
        """Depth of the tree: the longest root-to-leaf path (a stump has depth 1)."""
        check_is_fitted(self)
        return self.tree_.max_depth

    def get_n_leaves(self):
        """Number of leaves of the fitted tree."""
        check_is_fitted(self)
        return self.tree_.n_leaves

    @property
    def feature_importances_(self):
        """Normalised mean decrease in impurity per feature, eq. (cart-mdi)."""
        check_is_fitted(self)
        return self.tree_.compute_feature_importances()

    def cost_complexity_pruning_path(self, X, y, sample_weight=None):
        """Effective alphas of minimal cost-complexity pruning, eq. (cart-ccp-g).

        Grows the full tree (``ccp_alpha`` ignored) on ``X, y`` and returns the
        weakest-link sequence.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        ccp_path : dict with keys ``ccp_alphas`` and ``impurities``
            Increasing alphas, and the total leaf impurity of the subtree that
            is optimal for alphas in ``[ccp_alphas[i], ccp_alphas[i + 1])``.
        """
        from ..base import clone

        est = clone(self).set_params(ccp_alpha=0.0).fit(X, y, sample_weight)
        alphas, impurities, _ = est.tree_.pruning_sequence()
        return {"ccp_alphas": alphas, "impurities": impurities}


class DecisionTreeClassifier(ClassifierMixin, BaseDecisionTree):
    r"""CART classification tree.

    Parameters
    ----------
    criterion : {'gini', 'entropy', 'log_loss'}, default='gini'
        Impurity, eq. (cart-gini) or (cart-entropy) ('log_loss' is entropy).
    splitter : {'best', 'random'}, default='best'
        'best' tries every midpoint of every drawn feature; 'random' draws one
        uniform threshold per drawn feature (Extra-Trees).
    max_depth : int, default=None
        Maximum depth; None grows until the other rules stop it.
    min_samples_split : int or float, default=2
        Minimum samples to split a node (a float is a fraction of N, rounded up).
    min_samples_leaf : int or float, default=1
        Minimum samples in each child of a split.
    min_weight_fraction_leaf : float, default=0.0
        Minimum fraction of the total sample weight in each child.
    max_features : int, float, {'sqrt', 'log2'} or None, default=None
        Features drawn (without replacement) at each node; more are drawn
        while all drawn ones are constant on the node.
    random_state : int, RandomState instance or None, default=None
        Seeds the feature draws (and thresholds with ``splitter='random'``).
    max_leaf_nodes : int, default=None
        If set, grow best-first: always split the leaf with the largest
        impurity decrease, until this many leaves.
    min_impurity_decrease : float, default=0.0
        Split only if eq. (cart-gain) is at least this.
    ccp_alpha : float, default=0.0
        Minimal cost-complexity pruning parameter, eq. (cart-ccp).
    class_weight : dict, 'balanced' or None, default=None
        Multiplies each sample's weight by its class's weight; 'balanced' uses
        N / (K N_k).
    monotonic_cst : array-like of int of shape (n_features,), default=None
        Per feature, 1 (the probability of the positive class ``classes_[1]``
        must not decrease as the feature grows), -1 (must not increase) or 0
        (free); eq. (cart-monotonic). Binary classification only; missing
        values are allowed (as in scikit-learn >= 1.9).

    Attributes
    ----------
    tree_ : Tree
        The fitted tree as flat arrays (``children_left``, ``children_right``,
        ``feature``, ``threshold``, ``missing_go_to_left``, ``value``,
        ``impurity``, ``n_node_samples``, ``weighted_n_node_samples``).
    classes_ : ndarray of shape (n_classes,)
    n_classes_ : int
    n_outputs_ : int
        Always 1 (multi-output trees are not implemented).
    max_features_ : int
        Resolved ``max_features``.
    feature_importances_ : ndarray of shape (n_features,)
        Mean decrease in impurity, eq. (cart-mdi), normalised to sum to 1.
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        inf in ``X``; ``max_features`` larger than the number of
        features; a continuous ``y``; negative sample weights;
        ``monotonic_cst`` of the wrong length or with values other than
        -1, 0, 1, or with more than two classes.

    See Also
    --------
    DecisionTreeRegressor : the regression tree.
    scratchml.ensemble.RandomForestClassifier : averages many randomised trees.

    Notes
    -----
    Notation: node :math:`t` holds the samples :math:`S_t` with total weight
    :math:`W_t`; :math:`p_{tk}` is the weighted fraction of class :math:`k`
    in it. The impurities are

    .. math::
       :label: cart-gini

       H_{\mathrm{gini}}(t) = 1 - \sum_k p_{tk}^2

    .. math::
       :label: cart-entropy

       H_{\mathrm{entropy}}(t) = -\sum_k p_{tk} \log_2 p_{tk}

    A split :math:`(j, \theta)` sends :math:`x_j \le \theta` to the left child
    :math:`L`, the rest to :math:`R`; it is chosen to maximise the weighted
    impurity decrease (:math:`W` is the total training weight)

    .. math::
       :label: cart-gain

       \Delta(t) = \frac{W_t}{W}\Big(H(t) - \frac{W_L}{W_t} H(L) - \frac{W_R}{W_t} H(R)\Big)

    over every midpoint :math:`\theta` between consecutive distinct sorted
    values of each drawn feature. The importance of feature :math:`j` sums
    the decreases of the nodes that split on it (Breiman 2001),

    .. math::
       :label: cart-mdi

       \mathrm{MDI}_j \propto \sum_{t: j_t = j} W_t H(t) - W_L H(L) - W_R H(R)

    Minimal cost-complexity pruning keeps the subtree minimising
    :math:`R_\alpha(T) = \sum_{\text{leaves}} \frac{W_t}{W} H(t) + \alpha |T|`
    (eq. cart-ccp); the weakest link is the internal node with the smallest

    .. math::
       :label: cart-ccp-g

       g(t) = \frac{R(t) - R(T_t)}{|T_t| - 1}

    Missing values (NaN in ``X``) are handled as in scikit-learn >= 1.3.
    For a feature with missing values in node :math:`t`, every threshold is
    scored twice, with the missing samples :math:`M_t` added to the right
    child and to the left one,

    .. math::
       :label: cart-missing

       L = \{i \notin M_t : x_{ij} \le \theta\} \cup (M_t \text{ if left}),
       \qquad R = S_t \setminus L,

    plus the split of the present values from the missing ones
    (:math:`\theta = \infty`, missing right); the best of all enters eq.
    (cart-gain) like any other candidate and fixes where missing values go
    at prediction time. A node that saw no missing value sends them to the
    child with more training samples. ``splitter='random'`` draws the side
    of the missing values at random.

    Monotonic constraints (``monotonic_cst``, scikit-learn >= 1.4) act on the
    node value :math:`v_t` (the mean of :math:`y`, its median with
    'absolute_error', the fraction of the positive class for a binary
    classifier). Every node carries bounds :math:`[\ell_t, u_t]`, the root
    :math:`(-\infty, \infty)`. A candidate split on feature :math:`j` with
    constraint :math:`c_j \ne 0` is admissible only if

    .. math::
       :label: cart-monotonic

       \ell_t \le v_L,\, v_R \le u_t \quad\text{and}\quad c_j\,(v_L - v_R) \le 0 ,

    (a split on a free feature is not checked). After a split, with the
    middle value :math:`m_t = (v_L + v_R)/2`, the children inherit

    .. math::
       :label: cart-monotonic-bounds

       [\ell_L, u_L], [\ell_R, u_R] = \begin{cases}
           [\ell_t, m_t],\ [m_t, u_t] & c_j = 1 \\
           [m_t, u_t],\ [\ell_t, m_t] & c_j = -1 \\
           [\ell_t, u_t],\ [\ell_t, u_t] & c_j = 0
       \end{cases}
       \qquad v_t \leftarrow \min(\max(v_t, \ell_t), u_t),

    every node's stored value being clipped to its bounds. Everything left of
    a split on an increasing feature then predicts at most :math:`m_t`,
    everything right of it at least :math:`m_t`, so the prediction is
    monotone in :math:`x_j` whatever the other features. The classifier
    stores :math:`(1 - v_t, v_t)` for the two classes.

    As in scikit-learn, ``X`` is converted to float32, so thresholds are
    midpoints of float32 values. With ``max_features=None`` and no tied split
    gains the tree is the same as scikit-learn's node for node; with ties the
    feature visited first (random order) wins, so trees can differ.

    References
    ----------
    Breiman, Friedman, Olshen & Stone (1984), *Classification and Regression
    Trees*, Wadsworth: ch. 2.4 (splitting rule), ch. 3.3 (minimal
    cost-complexity pruning, eq. 3.8).
    Hastie, Tibshirani & Friedman, *ESL* 2nd ed., section 9.2.3 (eqs. 9.13-9.17).
    Breiman (2001), "Random Forests", *Machine Learning* 45, 5-32,
    doi:10.1023/A:1010933404324 (importances).
    Monotonic constraints (eqs. cart-monotonic, cart-monotonic-bounds): as
    scikit-learn implements ``monotonic_cst`` (version 1.4), the bound
    propagation of LightGBM's basic ``monotone_constraints`` method (Ke et
    al. 2017, "LightGBM", *NeurIPS* 30).

    Examples
    --------
    >>> from scratchml.tree import DecisionTreeClassifier
    >>> X = [[0.0], [1.0], [2.0], [3.0]]
    >>> y = [0, 0, 1, 1]
    >>> clf = DecisionTreeClassifier().fit(X, y)
    >>> float(clf.tree_.threshold[0]), clf.get_depth()
    (1.5, 1)
    >>> clf.predict([[0.2], [2.7]])
    array([0, 1])
    """

    _parameter_constraints = {
        **BaseDecisionTree._parameter_constraints,
        "criterion": [StrOptions({"gini", "entropy", "log_loss"})],
        "class_weight": [dict, StrOptions({"balanced"}), None],
    }

    def __init__(self, *, criterion="gini", splitter="best", max_depth=None,
                 min_samples_split=2, min_samples_leaf=1, min_weight_fraction_leaf=0.0,
                 max_features=None, random_state=None, max_leaf_nodes=None,
                 min_impurity_decrease=0.0, class_weight=None, ccp_alpha=0.0,
                 monotonic_cst=None):
        self.criterion = criterion
        self.splitter = splitter
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_weight_fraction_leaf = min_weight_fraction_leaf
        self.max_features = max_features
        self.random_state = random_state
        self.max_leaf_nodes = max_leaf_nodes
        self.min_impurity_decrease = min_impurity_decrease
        self.class_weight = class_weight
        self.ccp_alpha = ccp_alpha
        self.monotonic_cst = monotonic_cst

    def fit(self, X, y, sample_weight=None):
        """Grow the tree on ``X, y``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data (converted to float32); NaN marks a missing value,
            inf is rejected.
        y : array-like of shape (n_samples,)
            Class labels.
        sample_weight : array-like of shape (n_samples,), default=None
            Non-negative weights; zero-weight rows are ignored.

        Returns
        -------
        self : DecisionTreeClassifier
        """
        X, y, sample_weight = self._validate_fit(X, y, sample_weight)
        return self._fit_encoded(X, y, sample_weight)

    def _fit_encoded(self, X, y, sample_weight, seed=None):
        check_classification_targets(y)
        self.classes_, y_encoded = np.unique(y, return_inverse=True)
        self.n_classes_ = len(self.classes_)
        self.n_outputs_ = 1
        sample_weight = sample_weight * compute_class_sample_weight(
            self.class_weight, y_encoded, self.classes_)
        return self._fit_tree(X, y_encoded.astype(np.float64), sample_weight,
                              self.n_classes_, self.n_classes_, seed)

    def predict_proba(self, X):
        """Class fractions of the leaf each sample lands in.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        proba : ndarray of shape (n_samples, n_classes)
            Weighted class fractions of the training samples in the leaf.
        """
        X = self._validate_X_predict(X)
        return self.tree_.predict(X)[:, 0, :]

    def predict_log_proba(self, X):
        """Logarithm of :meth:`predict_proba` (``-inf`` for absent classes)."""
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    def predict(self, X):
        """Most frequent (weighted) class of each sample's leaf.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,)
        """
        proba = self.predict_proba(X)  # checks fitted first
        return self.classes_[np.argmax(proba, axis=1)]


class DecisionTreeRegressor(RegressorMixin, BaseDecisionTree):
    r"""CART regression tree: a piecewise-constant fit of the target.

    Parameters
    ----------
    criterion : {'squared_error', 'friedman_mse', 'poisson', 'absolute_error'}, default='squared_error'
        'squared_error' uses the node variance, eq. (cart-mse); 'poisson' the
        half Poisson deviance, eq. (cart-poisson), for counts (y >= 0);
        'absolute_error' the mean absolute deviation from the node's weighted
        median, eq. (cart-mae), and leaves predict that median (robust to
        outlying targets; slower: O(n log n) work per feature and node, as
        for the sort, but with a larger constant);
        'friedman_mse' is Friedman's improvement, eq. (cart-friedman), which
        for one output ranks splits exactly as the variance decrease does: an
        alias of 'squared_error', as in scikit-learn >= 1.9.
    splitter : {'best', 'random'}, default='best'
        'best' tries every midpoint of every drawn feature; 'random' draws one
        uniform threshold per drawn feature (Extra-Trees).
    max_depth : int, default=None
        Maximum depth; None grows until the other rules stop it.
    min_samples_split : int or float, default=2
        Minimum samples to split a node (a float is a fraction of N, rounded up).
    min_samples_leaf : int or float, default=1
        Minimum samples in each child of a split.
    min_weight_fraction_leaf : float, default=0.0
        Minimum fraction of the total sample weight in each child.
    max_features : int, float, {'sqrt', 'log2'} or None, default=None
        Features drawn (without replacement) at each node; more are drawn
        while all drawn ones are constant on the node.
    random_state : int, RandomState instance or None, default=None
        Seeds the feature draws (and thresholds with ``splitter='random'``).
    max_leaf_nodes : int, default=None
        If set, grow best-first: always split the leaf with the largest
        impurity decrease, until this many leaves.
    min_impurity_decrease : float, default=0.0
        Split only if eq. (cart-gain) is at least this.
    ccp_alpha : float, default=0.0
        Minimal cost-complexity pruning parameter, eq. (cart-ccp).
    monotonic_cst : array-like of int of shape (n_features,), default=None
        Per feature, 1 (the prediction must not decrease as the feature
        grows), -1 (must not increase) or 0 (free); eq. (cart-monotonic) of
        :class:`DecisionTreeClassifier`. Missing values are allowed.

    Attributes
    ----------
    tree_ : Tree
        The fitted tree; ``value[t, 0, 0]`` is the weighted mean of ``y`` in
        node t (its weighted median, eq. cart-median, with 'absolute_error').
    n_outputs_ : int
        Always 1.
    max_features_ : int
    feature_importances_ : ndarray of shape (n_features,)
        Eq. (cart-mdi) with the node variance as impurity.
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        inf in ``X``, NaN or inf in ``y``; ``max_features`` larger than the
        number of features; negative sample weights; with ``criterion='poisson'``,
        a negative ``y`` or a non-positive sum of ``y``; a bad ``monotonic_cst``.

    See Also
    --------
    DecisionTreeClassifier : splits, gain and pruning are documented there.

    Notes
    -----
    With node mean :math:`\bar y_t`, the impurity is the weighted variance

    .. math::
       :label: cart-mse

       H(t) = \frac{1}{W_t}\sum_{i \in S_t} w_i y_i^2 - \bar y_t^2

    and the split maximises eq. (cart-gain). Friedman's criterion

    .. math::
       :label: cart-friedman

       \Delta_F = \frac{W_L W_R}{W_L + W_R} (\bar y_L - \bar y_R)^2
           = W_t H(t) - W_L H(L) - W_R H(R)

    is the same ranking, so it needs no code of its own. For non-negative
    targets (counts, rates) the Poisson criterion is the mean half deviance

    .. math::
       :label: cart-poisson

       H(t) = \frac{1}{W_t} \sum_{i \in S_t} w_i \, y_i \log\frac{y_i}{\bar y_t}

    and a split leaving a child with :math:`\bar y = 0` is never taken.

    With ``criterion='absolute_error'`` a node predicts its weighted median
    :math:`m_t` and the impurity is the mean absolute deviation from it,

    .. math::
       :label: cart-mae

       H(t) = \frac{1}{W_t} \sum_{i \in S_t} w_i \, |y_i - m_t| .

    With the node's targets sorted, :math:`y_{(1)} \le \dots \le y_{(n)}`, and
    :math:`C_r = \sum_{s \le r} w_{(s)}`, the median is (scikit-learn's
    convention: the usual midpoint of the two middle values for an even count
    of unit weights)

    .. math::
       :label: cart-median

       m_t = \begin{cases}
           \tfrac12 (y_{(r-1)} + y_{(r)}) & \text{if } C_{r-1} = W_t / 2 \\
           y_{(r)} & \text{otherwise}
       \end{cases}, \qquad r = \min\{r : C_r > W_t / 2\}.

    The split search needs eq. (cart-mae) for every prefix and suffix of the
    samples sorted by a feature. Inserting the samples one at a time into a
    Fenwick tree over the ranks of :math:`y` gives the median rank in
    :math:`O(\log n)`, together with the weight :math:`W_<` and weighted sum
    :math:`Y_<` of the targets below it; with :math:`W_\ge, Y_\ge` those of
    the rest,

    .. math::
       :label: cart-mae-pinball

       W_t H(t) = (Y_\ge - m_t W_\ge) + (m_t W_< - Y_<),

    so every candidate of a feature costs :math:`O(\log n)` instead of
    :math:`O(n)`. The split maximises eq. (cart-gain) as for the other
    criteria. Even on continuous data this criterion has tied splits: two
    features isolating the same sample of a small node, and two different
    partitions that put every target on the same side of its child's median
    (eq. cart-mae is then the same signed sum of targets). Ties are broken by
    the feature visited first, so the tree can then differ from
    scikit-learn's; without ties it is the same node for node.

    References
    ----------
    Breiman et al. (1984), *Classification and Regression Trees*, ch. 8.3
    (least squares), ch. 8.11 (least absolute deviation regression).
    Fenwick (1994), "A new data structure for cumulative frequency tables",
    *Software: Practice and Experience* 24(3), 327-336,
    doi:10.1002/spe.4380240306.
    Friedman (2001), "Greedy function approximation: a gradient boosting
    machine", *Ann. Statist.* 29(5), eq. (35), doi:10.1214/aos/1013203451.

    Examples
    --------
    >>> from scratchml.tree import DecisionTreeRegressor
    >>> X = [[0.0], [1.0], [2.0], [3.0]]
    >>> y = [1.0, 1.0, 5.0, 7.0]
    >>> DecisionTreeRegressor(max_depth=1).fit(X, y).predict([[0.5], [3.0]])
    array([1., 6.])
    """

    _parameter_constraints = {
        **BaseDecisionTree._parameter_constraints,
        "criterion": [StrOptions({"squared_error", "friedman_mse", "poisson",
                                  "absolute_error"})],
    }

    def __init__(self, *, criterion="squared_error", splitter="best", max_depth=None,
                 min_samples_split=2, min_samples_leaf=1, min_weight_fraction_leaf=0.0,
                 max_features=None, random_state=None, max_leaf_nodes=None,
                 min_impurity_decrease=0.0, ccp_alpha=0.0, monotonic_cst=None):
        self.criterion = criterion
        self.splitter = splitter
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_weight_fraction_leaf = min_weight_fraction_leaf
        self.max_features = max_features
        self.random_state = random_state
        self.max_leaf_nodes = max_leaf_nodes
        self.min_impurity_decrease = min_impurity_decrease
        self.ccp_alpha = ccp_alpha
        self.monotonic_cst = monotonic_cst

    def fit(self, X, y, sample_weight=None):
        """Grow the tree on ``X, y``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data (converted to float32); NaN marks a missing value,
            inf is rejected.
        y : array-like of shape (n_samples,)
            Targets.
        sample_weight : array-like of shape (n_samples,), default=None
            Non-negative weights; zero-weight rows are ignored.

        Returns
        -------
        self : DecisionTreeRegressor
        """
        X, y, sample_weight = self._validate_fit(X, y, sample_weight)
        return self._fit_encoded(X, y, sample_weight)

    def _fit_encoded(self, X, y, sample_weight, seed=None):
        self.n_outputs_ = 1
        if self.criterion == "poisson":
            if np.any(y < 0):
                raise ValueError(
                    "Some value(s) of y are negative which is not allowed for Poisson "
                    "regression."
                )
            if np.sum(y) <= 0:
                raise ValueError(
                    "Sum of y is not positive which is necessary for Poisson regression."
                )
        # stats: sum w*y, sum w*y^2 (and the node's median for absolute_error)
        n_stats = 3 if self.criterion == "absolute_error" else 2
        return self._fit_tree(X, np.asarray(y, dtype=np.float64), sample_weight, n_stats, 1, seed)

    def predict(self, X):
        """Mean (median with 'absolute_error') training target of each sample's leaf.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,)
        """
        X = self._validate_X_predict(X)
        return self.tree_.predict(X)[:, 0, 0]
