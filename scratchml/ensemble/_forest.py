r"""Random forests and extremely randomised trees.

``RandomForestClassifier`` / ``RandomForestRegressor`` average CART trees grown
on bootstrap samples with a random subset of features per node;
``ExtraTreesClassifier`` / ``ExtraTreesRegressor`` draw the thresholds at random
too and, by default, use the whole training set for every tree.
"""

import warnings
from numbers import Integral

import numpy as np
from joblib import Parallel, delayed

from ..base import BaseEstimator, ClassifierMixin, RegressorMixin
from ..metrics import accuracy_score, r2_score
from ..tree import DecisionTreeClassifier, DecisionTreeRegressor
from ..tree._classes import RealNotInt, compute_class_sample_weight
from ..utils.multiclass import check_classification_targets
from ..utils.validation import (
    Interval,
    StrOptions,
    check_is_fitted,
    check_random_state,
    check_sample_weight,
    validate_data,
)
from ._warm_start import n_estimators_to_add

__all__ = [
    "ExtraTreesClassifier",
    "ExtraTreesRegressor",
    "RandomForestClassifier",
    "RandomForestRegressor",
]

MAX_INT = np.iinfo(np.int32).max


def bootstrap_counts(seed, n_samples, n_draws, p=None):
    """How many times each row is drawn in a bootstrap sample of size ``n_draws``.

    Rows are drawn with replacement, uniformly, or with probabilities ``p``
    (the normalised sample weights). The draws are those scikit-learn makes
    for the same per-tree seed (``randint``, or ``choice`` with ``p``).
    """
    rng = np.random.RandomState(seed)
    if p is None:
        indices = rng.randint(0, n_samples, n_draws)
    else:
        indices = rng.choice(n_samples, n_draws, replace=True, p=p)
    return np.bincount(indices, minlength=n_samples)


def _grow_one(tree, X, y, sample_weight, seed, n_draws, p, class_weight):
    """Fit one tree of the forest; the only randomness is ``seed``.

    ``n_draws == 0`` means no bootstrap: the tree sees ``sample_weight``.
    With a bootstrap the weights act through ``p`` and the tree sees the
    draw counts, eq. (rf-bootstrap).
    """
    weight = sample_weight
    if n_draws > 0:
        counts = bootstrap_counts(seed, X.shape[0], n_draws, p)
        weight = counts.astype(np.float64)  # eq. (rf-bootstrap)
        if class_weight == "balanced_subsample":
            labels = y.astype(np.intp)
            drawn = np.bincount(labels, weights=counts)
            present = drawn > 0
            per_class = np.zeros(drawn.shape[0])
            per_class[present] = counts.sum() / (present.sum() * drawn[present])
            weight = weight * per_class[labels]
    tree._fit_encoded(X, y, weight, seed=seed)
    tree.n_features_in_ = X.shape[1]
    return tree


class BaseForest(BaseEstimator):
    """Shared fit / OOB / importance logic of the tree ensembles."""

    _parameter_constraints = {
        "n_estimators": [Interval(Integral, 1, None, closed="left")],
        "bootstrap": ["boolean"],
        "oob_score": ["boolean"],
        "warm_start": ["boolean"],
        "n_jobs": [Integral, None],
        "random_state": ["random_state"],
        "max_samples": [
            None,
            Interval(RealNotInt, 0.0, 1.0, closed="right"),
            Interval(Integral, 1, None, closed="left"),
        ],
        **{k: v for k, v in DecisionTreeClassifier._parameter_constraints.items()
           if k not in ("criterion", "class_weight", "splitter", "random_state")},
    }
    _tree_params = ("criterion", "max_depth", "min_samples_split", "min_samples_leaf",
                    "min_weight_fraction_leaf", "max_features", "max_leaf_nodes",
                    "min_impurity_decrease", "ccp_alpha", "monotonic_cst")

    def _make_tree(self, seed):
        params = {name: getattr(self, name) for name in self._tree_params}
        return self._tree_class(splitter=self._splitter, random_state=seed, **params)

    def _n_draws(self, n_samples):
        if self.max_samples is None:
            return n_samples
        if isinstance(self.max_samples, Integral):
            if self.max_samples > n_samples:
                raise ValueError(
                    f"max_samples={self.max_samples} must be <= n_samples={n_samples}."
                )
            return self.max_samples
        return max(round(n_samples * self.max_samples), 1)

    def _fit_forest(self, X, y_kernel, sample_weight):
        if self.oob_score and not self.bootstrap:
            raise ValueError("Out of bag estimation only available if bootstrap=True")
        n_samples = X.shape[0]
        n_draws = self._n_draws(n_samples) if self.bootstrap else 0
        # With a bootstrap, weights are sampling probabilities (scikit-learn >= 1.8)
        uniform = np.all(sample_weight == sample_weight[0])
        p = None if uniform else sample_weight / sample_weight.sum()
        def reset():
            self.estimators_, self._seeds = [], np.array([], dtype=np.int64)

        n_more = n_estimators_to_add(self, reset)
        if n_more > 0:
            # One seed per tree, drawn up front in tree order (as scikit-learn does):
            # tree i only ever sees seeds[i], so any n_jobs gives the same forest.
            # A warm start first skips the seeds of the trees it keeps, so B trees
            # then B' more are the forest one fit of B + B' trees grows.
            rng = check_random_state(self.random_state)
            if len(self.estimators_) > 0:
                rng.randint(MAX_INT, size=len(self.estimators_))
            seeds = rng.randint(MAX_INT, size=n_more)
            class_weight = getattr(self, "class_weight", None)
            # Numba kernels release the GIL (nogil), so threads run trees in parallel
            # without copying X to worker processes.
            self.estimators_ = self.estimators_ + Parallel(n_jobs=self.n_jobs, prefer="threads")(
                delayed(_grow_one)(self._make_tree(int(s)), X, y_kernel, sample_weight, int(s),
                                   n_draws, p, class_weight)
                for s in seeds
            )
            self._seeds = np.concatenate([self._seeds, seeds])
        self._n_draws_fit, self._p_fit = n_draws, p
        self.estimator_ = self._make_tree(None)
        # The out-of-bag estimate is recomputed (over all trees, on this fit's
        # data) whenever trees were added, as in scikit-learn.
        if self.oob_score and (n_more > 0 or not hasattr(self, "oob_score_")):
            self._set_oob(X, y_kernel)
        return self

    def _oob_sum(self, X, predict_leaf_values):
        """Sum of out-of-bag predictions and vote counts per sample, eq. (rf-oob)."""
        n_samples = X.shape[0]
        total, votes = None, np.zeros(n_samples)
        for seed, tree in zip(self._seeds, self.estimators_):
            oob = bootstrap_counts(int(seed), n_samples, self._n_draws_fit, self._p_fit) == 0
            pred = predict_leaf_values(tree, X[oob])
            if total is None:
                total = np.zeros((n_samples,) + pred.shape[1:])
            total[oob] += pred
            votes[oob] += 1
        if np.any(votes == 0):
            warnings.warn(
                "Some inputs do not have OOB scores. This probably means too few "
                "trees were used to compute any reliable OOB estimates.",
                UserWarning,
                stacklevel=3,
            )
        votes[votes == 0] = 1  # those samples keep a zero prediction, as in scikit-learn
        return total, votes

    @property
    def feature_importances_(self):
        """Mean over trees of each tree's normalised MDI, eq. (rf-mdi), renormalised."""
        check_is_fitted(self)
        per_tree = [t.tree_.compute_feature_importances() for t in self.estimators_
                    if t.tree_.node_count > 1]
        if not per_tree:
            return np.zeros(self.n_features_in_)
        mean = np.mean(per_tree, axis=0)  # eq. (rf-mdi)
        return mean / mean.sum()

    def _extra_tags(self):
        return {"allow_nan": True}  # the trees search missing values (NaN)

    def _validate_X_predict(self, X):
        check_is_fitted(self)
        return validate_data(self, X, reset=False, dtype=np.float32, ensure_all_finite="allow-nan")

    def apply(self, X):
        """Leaf index of each sample in each tree.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_leaves : ndarray of shape (n_samples, n_estimators)
        """
        X = self._validate_X_predict(X)
        return np.column_stack([t.tree_.apply(X) for t in self.estimators_])


class RandomForestClassifier(ClassifierMixin, BaseForest):
    r"""Random forest classifier: bagged CART trees with random feature subsets.

    Parameters
    ----------
    n_estimators : int, default=100
        Number of trees.
    criterion : {'gini', 'entropy', 'log_loss'}, default='gini'
    max_features : {'sqrt', 'log2'}, int, float or None, default='sqrt'
        Features drawn at each node of each tree.
    max_depth, min_samples_split, min_samples_leaf, min_weight_fraction_leaf, max_leaf_nodes, min_impurity_decrease, ccp_alpha
        Passed to every tree; see :class:`~scratchml.tree.DecisionTreeClassifier`.
    bootstrap : bool, default=True
        Grow each tree on a bootstrap sample (rows drawn with replacement).
    oob_score : bool, default=False
        Score every training row with the trees that did not draw it, eq. (rf-oob).
        Needs ``bootstrap=True``.
    n_jobs : int, default=None
        Trees grown in parallel threads (joblib); the result does not depend on it.
    random_state : int, RandomState instance or None, default=None
        Draws one seed per tree up front; a tree's seed fixes its bootstrap
        sample (the same rows scikit-learn draws for that seed) and its
        feature draws.
    warm_start : bool, default=False
        Keep the trees of the previous ``fit`` and grow only the
        ``n_estimators - len(estimators_)`` new ones (on the new data). The
        seeds of the kept trees are skipped, so fitting 10 then 20 trees on
        the same data gives the forest of one fit of 20, bit for bit. The
        out-of-bag attributes are recomputed over all trees when trees were
        added. A smaller ``n_estimators`` raises; the same one warns and
        grows nothing.
    class_weight : dict, 'balanced', 'balanced_subsample' or None, default=None
        'balanced_subsample' recomputes the balanced weights on each bootstrap
        sample. With ``warm_start`` the presets weigh each fit's data on its
        own (a warning says so).
    max_samples : int or float, default=None
        Bootstrap sample size (a float is a fraction of N); None means N.
    monotonic_cst : array-like of int of shape (n_features,), default=None
        Per feature, 1 (increasing), -1 (decreasing) or 0 (free): a
        monotonic constraint on the probability of the positive class
        (``classes_[1]``), eq. (cart-monotonic), enforced in every tree and
        hence in their average. Binary classification only.

    Attributes
    ----------
    estimators_ : list of DecisionTreeClassifier
        The fitted trees (trained on integer-encoded labels).
    estimator_ : DecisionTreeClassifier
        The unfitted template.
    classes_ : ndarray of shape (n_classes,)
    n_classes_ : int
    n_outputs_ : int
        Always 1.
    feature_importances_ : ndarray of shape (n_features,)
        Eq. (rf-mdi).
    oob_score_ : float
        Accuracy of the out-of-bag predictions (``oob_score=True``).
    oob_decision_function_ : ndarray of shape (n_samples, n_classes)
        Mean out-of-bag class probabilities.
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        ``oob_score=True`` with ``bootstrap=False``; ``max_samples`` larger
        than N; inf in ``X`` (NaN is a missing value, handled by the trees);
        ``warm_start=True`` with ``n_estimators < len(estimators_)``;
        ``monotonic_cst`` of the wrong length, with values other than
        -1, 0, 1, or with more than two classes.

    See Also
    --------
    ExtraTreesClassifier : random thresholds, no bootstrap.

    Notes
    -----
    Tree :math:`b = 1..B` is grown on the weights

    .. math::
       :label: rf-bootstrap

       w^{(b)}_i = c_{bi}, \qquad (c_{b1}, \dots, c_{bN}) \sim
       \mathrm{Multinomial}\big(n_{\mathrm{draws}}; \; w_1 / W, \dots, w_N / W\big)

    the number of times row :math:`i` was drawn into its bootstrap sample (rows
    drawn in proportion to their sample weight, as in scikit-learn >= 1.8),
    each node choosing among ``max_features`` random features. The forest
    averages the trees' leaf class fractions,

    .. math::
       :label: rf-predict

       \hat p(k \mid x) = \frac{1}{B} \sum_{b=1}^{B} \hat p_b(k \mid x)

    Averaging B identically distributed trees of variance :math:`\sigma^2` and
    pairwise correlation :math:`\rho` leaves the variance
    :math:`\rho\sigma^2 + (1-\rho)\sigma^2/B` (ESL eq. 15.1); the random
    features lower :math:`\rho`. The out-of-bag estimate of row :math:`i`
    averages only the trees with :math:`c_{bi} = 0`,

    .. math::
       :label: rf-oob

       \hat p_{\mathrm{oob}}(k \mid x_i) = \frac{1}{|\{b: c_{bi}=0\}|}
       \sum_{b: c_{bi} = 0} \hat p_b(k \mid x_i)

    and the importances average each tree's normalised MDI (eq. cart-mdi),

    .. math::
       :label: rf-mdi

       \mathrm{imp}_j \propto \frac{1}{B} \sum_b \mathrm{MDI}_j^{(b)}

    References
    ----------
    Breiman (2001), "Random Forests", *Machine Learning* 45, 5-32,
    doi:10.1023/A:1010933404324.
    Hastie, Tibshirani & Friedman, *ESL* 2nd ed., ch. 15 (Algorithm 15.1, eq. 15.1).

    Examples
    --------
    >>> from scratchml.ensemble import RandomForestClassifier
    >>> X = [[0.0], [1.0], [2.0], [3.0], [4.0], [5.0]]
    >>> y = [0, 0, 0, 1, 1, 1]
    >>> clf = RandomForestClassifier(n_estimators=10, random_state=0).fit(X, y)
    >>> clf.predict([[0.5], [4.5]])
    array([0, 1])
    """

    _parameter_constraints = {
        **BaseForest._parameter_constraints,
        "criterion": [StrOptions({"gini", "entropy", "log_loss"})],
        "class_weight": [dict, StrOptions({"balanced", "balanced_subsample"}), None],
    }
    _tree_class = DecisionTreeClassifier
    _splitter = "best"

    def __init__(self, n_estimators=100, *, criterion="gini", max_depth=None,
                 min_samples_split=2, min_samples_leaf=1, min_weight_fraction_leaf=0.0,
                 max_features="sqrt", max_leaf_nodes=None, min_impurity_decrease=0.0,
                 bootstrap=True, oob_score=False, n_jobs=None, random_state=None,
                 warm_start=False, class_weight=None, ccp_alpha=0.0, max_samples=None,
                 monotonic_cst=None):
        self.n_estimators = n_estimators
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_weight_fraction_leaf = min_weight_fraction_leaf
        self.max_features = max_features
        self.max_leaf_nodes = max_leaf_nodes
        self.min_impurity_decrease = min_impurity_decrease
        self.bootstrap = bootstrap
        self.oob_score = oob_score
        self.n_jobs = n_jobs
        self.random_state = random_state
        self.warm_start = warm_start
        self.class_weight = class_weight
        self.ccp_alpha = ccp_alpha
        self.max_samples = max_samples
        self.monotonic_cst = monotonic_cst

    def fit(self, X, y, sample_weight=None):
        """Grow ``n_estimators`` trees.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data (converted to float32); NaN marks a missing value
            (handled by the trees, see :class:`~scratchml.tree.DecisionTreeClassifier`).
        y : array-like of shape (n_samples,)
            Class labels.
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        self : RandomForestClassifier
        """
        self._validate_params()
        X, y = validate_data(self, X, y, dtype=np.float32, ensure_all_finite="allow-nan")
        check_classification_targets(y)
        sample_weight = check_sample_weight(sample_weight, X, dtype=np.float64,
                                            ensure_non_negative=True)
        self.classes_, y_encoded = np.unique(y, return_inverse=True)
        self.n_classes_ = len(self.classes_)
        self.n_outputs_ = 1
        if self.warm_start and self.class_weight in ("balanced", "balanced_subsample"):
            warnings.warn(
                'class_weight presets "balanced" or "balanced_subsample" are not '
                "recommended for warm_start if the fitted data differs from the full "
                "dataset: the class frequencies of each fit's data set the weights.",
                UserWarning, stacklevel=2,
            )
        if self.class_weight not in (None, "balanced_subsample"):
            sample_weight = sample_weight * compute_class_sample_weight(
                self.class_weight, y_encoded, self.classes_)
        return self._fit_forest(X, y_encoded.astype(np.float64), sample_weight)

    def _set_oob(self, X, y_encoded):
        total, votes = self._oob_sum(X, lambda tree, Xs: tree.tree_.predict(Xs)[:, 0, :])
        self.oob_decision_function_ = total / votes[:, None]  # eq. (rf-oob)
        self.oob_score_ = accuracy_score(y_encoded, self.oob_decision_function_.argmax(axis=1))

    def predict_proba(self, X):
        """Mean of the trees' class fractions, eq. (rf-predict).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        proba : ndarray of shape (n_samples, n_classes)
        """
        X = self._validate_X_predict(X)
        proba = np.zeros((X.shape[0], self.n_classes_))
        for tree in self.estimators_:  # summed in tree order: same result for any n_jobs
            proba += tree.tree_.predict(X)[:, 0, :]
        return proba / len(self.estimators_)  # eq. (rf-predict)

    def predict_log_proba(self, X):
        """Logarithm of :meth:`predict_proba`."""
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    def predict(self, X):
        """Class with the highest mean probability.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,)
        """
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]


class RandomForestRegressor(RegressorMixin, BaseForest):
    r"""Random forest regressor: the mean of bagged CART regression trees.

    Parameters
    ----------
    n_estimators : int, default=100
        Number of trees.
    criterion : {'squared_error', 'friedman_mse', 'poisson', 'absolute_error'}, default='squared_error'
        Impurity of every tree: the node variance, the half Poisson deviance,
        or the mean absolute deviation from the node median (leaves then
        predict medians); see :class:`~scratchml.tree.DecisionTreeRegressor`.
    max_features : {'sqrt', 'log2'}, int, float or None, default=1.0
        Features drawn at each node (1.0: all of them, i.e. plain bagging).
    max_depth, min_samples_split, min_samples_leaf, min_weight_fraction_leaf, max_leaf_nodes, min_impurity_decrease, ccp_alpha
        Passed to every tree; see :class:`~scratchml.tree.DecisionTreeRegressor`.
    bootstrap : bool, default=True
        Grow each tree on a bootstrap sample.
    oob_score : bool, default=False
        R² of the out-of-bag predictions, eq. (rf-oob). Needs ``bootstrap=True``.
    n_jobs : int, default=None
        Trees grown in parallel threads; the result does not depend on it.
    random_state : int, RandomState instance or None, default=None
        Draws one seed per tree up front.
    warm_start : bool, default=False
        Keep the fitted trees and add ``n_estimators - len(estimators_)`` new
        ones; see :class:`RandomForestClassifier`.
    max_samples : int or float, default=None
        Bootstrap sample size; None means N.
    monotonic_cst : array-like of int of shape (n_features,), default=None
        Per feature, 1 (increasing), -1 (decreasing) or 0 (free): a
        monotonic constraint on the prediction, eq. (cart-monotonic),
        enforced in every tree and hence in their mean.

    Attributes
    ----------
    estimators_ : list of DecisionTreeRegressor
    estimator_ : DecisionTreeRegressor
    n_outputs_ : int
    feature_importances_ : ndarray of shape (n_features,)
    oob_score_ : float
    oob_prediction_ : ndarray of shape (n_samples,)
    n_features_in_ : int
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        ``oob_score=True`` with ``bootstrap=False``; ``max_samples`` larger than N;
        inf in ``X`` (NaN is a missing value, handled by the trees);
        ``warm_start=True`` with ``n_estimators < len(estimators_)``; a bad
        ``monotonic_cst``.

    See Also
    --------
    RandomForestClassifier : the equations are documented there.

    Notes
    -----
    The prediction is :math:`\hat y(x) = \frac{1}{B}\sum_b \hat y_b(x)`, the
    regression form of eq. (rf-predict).

    References
    ----------
    Breiman (2001), "Random Forests", *Machine Learning* 45, 5-32.

    Examples
    --------
    >>> from scratchml.ensemble import RandomForestRegressor
    >>> X = [[0.0], [1.0], [2.0], [3.0]]
    >>> y = [0.0, 0.0, 1.0, 1.0]
    >>> RandomForestRegressor(n_estimators=5, bootstrap=False).fit(X, y).predict([[0.0]])
    array([0.])
    """

    _parameter_constraints = {
        **BaseForest._parameter_constraints,
        "criterion": [StrOptions({"squared_error", "friedman_mse", "poisson",
                                  "absolute_error"})],
    }
    _tree_class = DecisionTreeRegressor
    _splitter = "best"

    def __init__(self, n_estimators=100, *, criterion="squared_error", max_depth=None,
                 min_samples_split=2, min_samples_leaf=1, min_weight_fraction_leaf=0.0,
                 max_features=1.0, max_leaf_nodes=None, min_impurity_decrease=0.0,
                 bootstrap=True, oob_score=False, n_jobs=None, random_state=None,
                 warm_start=False, ccp_alpha=0.0, max_samples=None, monotonic_cst=None):
        self.n_estimators = n_estimators
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_weight_fraction_leaf = min_weight_fraction_leaf
        self.max_features = max_features
        self.max_leaf_nodes = max_leaf_nodes
        self.min_impurity_decrease = min_impurity_decrease
        self.bootstrap = bootstrap
        self.oob_score = oob_score
        self.n_jobs = n_jobs
        self.random_state = random_state
        self.warm_start = warm_start
        self.ccp_alpha = ccp_alpha
        self.max_samples = max_samples
        self.monotonic_cst = monotonic_cst

    def fit(self, X, y, sample_weight=None):
        """Grow ``n_estimators`` regression trees.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        self : RandomForestRegressor
        """
        self._validate_params()
        X, y = validate_data(self, X, y, dtype=np.float32, ensure_all_finite="allow-nan",
                             y_numeric=True)
        sample_weight = check_sample_weight(sample_weight, X, dtype=np.float64,
                                            ensure_non_negative=True)
        self.n_outputs_ = 1
        return self._fit_forest(X, np.asarray(y, dtype=np.float64), sample_weight)

    def _set_oob(self, X, y):
        total, votes = self._oob_sum(X, lambda tree, Xs: tree.tree_.predict(Xs)[:, 0, 0])
        self.oob_prediction_ = total / votes  # eq. (rf-oob)
        self.oob_score_ = r2_score(y, self.oob_prediction_)

    def predict(self, X):
        """Mean of the trees' predictions.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,)
        """
        X = self._validate_X_predict(X)
        out = np.zeros(X.shape[0])
        for tree in self.estimators_:
            out += tree.tree_.predict(X)[:, 0, 0]
        return out / len(self.estimators_)


class ExtraTreesClassifier(RandomForestClassifier):
    r"""Extremely randomised trees: one random threshold per drawn feature.

    Same parameters and attributes as :class:`RandomForestClassifier`, except
    that ``bootstrap`` defaults to False (every tree sees all rows) and each
    node draws, for each of ``max_features`` features, one threshold
    uniformly between the feature's minimum and maximum in the node, keeping
    the best of those (eq. cart-gain).

    Notes
    -----
    Randomising the cut points decorrelates the trees further than random
    feature subsets alone, and skips the sort of each node's values, so a tree
    costs :math:`O(N D' \log N)` less than CART's sort-based search.

    References
    ----------
    Geurts, Ernst & Wehenkel (2006), "Extremely randomized trees", *Machine
    Learning* 63, 3-42 (Algorithm 2), doi:10.1007/s10994-006-6226-1.

    Examples
    --------
    >>> from scratchml.ensemble import ExtraTreesClassifier
    >>> X = [[0.0], [1.0], [2.0], [3.0], [4.0], [5.0]]
    >>> y = [0, 0, 0, 1, 1, 1]
    >>> ExtraTreesClassifier(n_estimators=10, random_state=0).fit(X, y).predict([[0.2], [4.8]])
    array([0, 1])
    """

    _splitter = "random"

    def __init__(self, n_estimators=100, *, criterion="gini", max_depth=None,
                 min_samples_split=2, min_samples_leaf=1, min_weight_fraction_leaf=0.0,
                 max_features="sqrt", max_leaf_nodes=None, min_impurity_decrease=0.0,
                 bootstrap=False, oob_score=False, n_jobs=None, random_state=None,
                 warm_start=False, class_weight=None, ccp_alpha=0.0, max_samples=None,
                 monotonic_cst=None):
        super().__init__(
            n_estimators, criterion=criterion, max_depth=max_depth,
            min_samples_split=min_samples_split, min_samples_leaf=min_samples_leaf,
            min_weight_fraction_leaf=min_weight_fraction_leaf, max_features=max_features,
            max_leaf_nodes=max_leaf_nodes, min_impurity_decrease=min_impurity_decrease,
            bootstrap=bootstrap, oob_score=oob_score, n_jobs=n_jobs,
            random_state=random_state, warm_start=warm_start, class_weight=class_weight,
            ccp_alpha=ccp_alpha, max_samples=max_samples, monotonic_cst=monotonic_cst,
        )


class ExtraTreesRegressor(RandomForestRegressor):
    r"""Extremely randomised regression trees (see :class:`ExtraTreesClassifier`).

    Same parameters and attributes as :class:`RandomForestRegressor`, with
    ``bootstrap=False`` by default and random thresholds.

    References
    ----------
    Geurts, Ernst & Wehenkel (2006), "Extremely randomized trees", *Machine
    Learning* 63, 3-42, doi:10.1007/s10994-006-6226-1.

    Examples
    --------
    >>> from scratchml.ensemble import ExtraTreesRegressor
    >>> X = [[0.0], [1.0], [2.0], [3.0]]
    >>> y = [0.0, 0.0, 1.0, 1.0]
    >>> ExtraTreesRegressor(n_estimators=5, random_state=0).fit(X, y).predict([[0.0], [3.0]])
    array([0., 1.])
    """

    _splitter = "random"

    def __init__(self, n_estimators=100, *, criterion="squared_error", max_depth=None,
                 min_samples_split=2, min_samples_leaf=1, min_weight_fraction_leaf=0.0,
                 max_features=1.0, max_leaf_nodes=None, min_impurity_decrease=0.0,
                 bootstrap=False, oob_score=False, n_jobs=None, random_state=None,
                 warm_start=False, ccp_alpha=0.0, max_samples=None, monotonic_cst=None):
        super().__init__(
            n_estimators, criterion=criterion, max_depth=max_depth,
            min_samples_split=min_samples_split, min_samples_leaf=min_samples_leaf,
            min_weight_fraction_leaf=min_weight_fraction_leaf, max_features=max_features,
            max_leaf_nodes=max_leaf_nodes, min_impurity_decrease=min_impurity_decrease,
            bootstrap=bootstrap, oob_score=oob_score, n_jobs=n_jobs,
            random_state=random_state, warm_start=warm_start, ccp_alpha=ccp_alpha,
            max_samples=max_samples, monotonic_cst=monotonic_cst,
        )
