"""Stacked generalisation: a final model learns from the out-of-fold outputs of base models."""

import copy

import numpy as np

from ..base import ClassifierMixin, RegressorMixin, clone, is_classifier
from ..utils._available_if import available_if, estimator_has
from ..utils.multiclass import check_classification_targets
from ..utils.validation import (
    HasMethods,
    StrOptions,
    check_is_fitted,
    check_sample_weight,
    validate_data,
)
from ._voting import _BaseVoting

__all__ = ["StackingClassifier", "StackingRegressor"]


class _BaseStacking(_BaseVoting):
    """Level-one data from cross-validated predictions, then the final estimator."""

    weights = None  # the (name, estimator) checks of voting apply; stacking has no weights

    def _stack_methods(self, active):
        if not is_classifier(self):
            return ["predict"] * len(active)
        methods = []
        for name, est in active:
            if self.stack_method == "auto":
                for m in ("predict_proba", "decision_function", "predict"):
                    if hasattr(est, m):
                        methods.append(m)
                        break
            elif hasattr(est, self.stack_method):
                methods.append(self.stack_method)
            else:
                raise ValueError(
                    f"Estimator {name!r} has no {self.stack_method!r}: choose stack_method "
                    "'auto' or one that every estimator implements."
                )
        return methods

    def _meta_features(self, X, predictions):
        """Stack each model's outputs as columns (eq. stack-meta), plus X if passthrough."""
        columns = []
        for method, pred in zip(self.stack_method_, predictions):
            pred = np.asarray(pred, dtype=np.float64)
            if pred.ndim == 1:
                pred = pred.reshape(-1, 1)
            elif method == "predict_proba" and pred.shape[1] == 2:
                pred = pred[:, 1:]  # binary: p(0) = 1 - p(1) adds nothing
            columns.append(pred)
        if self.passthrough:
            columns.append(X)
        return np.hstack(columns)

    def _fit_stack(self, X, y, sample_weight):
        from ..model_selection import check_cv, cross_val_predict

        if sample_weight is not None:
            sample_weight = check_sample_weight(sample_weight, X)
        self._fit_all(X, y, sample_weight)  # estimators_ on all the data, for predict time
        active = [(n, e) for n, e in self.estimators if e != "drop"]
        self.stack_method_ = self._stack_methods(active)
        cv = copy.deepcopy(check_cv(self.cv, y, classifier=is_classifier(self)))
        if getattr(cv, "shuffle", False) and getattr(cv, "random_state", 0) is None:
            # One fixed shuffle for every base model, so their out-of-fold
            # outputs come from the same folds (as in scikit-learn).
            cv.random_state = np.random.RandomState()
        params = None if sample_weight is None else {"sample_weight": sample_weight}
        predictions = [
            cross_val_predict(clone(est), X, y, cv=cv, method=method, n_jobs=self.n_jobs,
                              params=params)
            for (_, est), method in zip(active, self.stack_method_)
        ]
        X_meta = self._meta_features(X, predictions)
        default = self._default_final_estimator()
        self.final_estimator_ = clone(default if self.final_estimator is None else self.final_estimator)
        if sample_weight is None:
            self.final_estimator_.fit(X_meta, y)
        else:
            self.final_estimator_.fit(X_meta, y, sample_weight=sample_weight)
        return self

    def transform(self, X):
        """The level-one features: each base model's outputs on ``X`` (plus ``X`` if passthrough).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_meta : ndarray of shape (n_samples, n_meta_features)
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        predictions = [getattr(e, m)(X) for e, m in zip(self.estimators_, self.stack_method_)]
        return self._meta_features(X, predictions)


_STACK_CONSTRAINTS = {
    "estimators": [list],
    "final_estimator": [None, HasMethods(["fit"])],
    "cv": [None, int, "array-like", HasMethods(["split"])],
    "n_jobs": [None, int],
    "passthrough": ["boolean"],
}


class StackingClassifier(ClassifierMixin, _BaseStacking):
    r"""Stacked generalisation for classification (Wolpert 1992).

    The base classifiers' out-of-fold outputs (probabilities, decision values
    or labels, found by cross-validation so that no sample is predicted by a
    model that saw it) become the features of a final classifier.

    Parameters
    ----------
    estimators : list of (str, estimator) pairs
        Base classifiers; 'drop' leaves one out.
    final_estimator : classifier, default=None
        Learns from the stacked outputs; ``LogisticRegression()`` when None.
    cv : int, splitter or iterable, default=None
        Folds for the out-of-fold outputs (5, stratified, when None).
    stack_method : {'auto', 'predict_proba', 'decision_function', 'predict'}, default='auto'
        Which output of each base model to stack; 'auto' takes the first of
        predict_proba, decision_function, predict that the model has.
    n_jobs : int, default=None
    passthrough : bool, default=False
        Also give the original features to the final estimator.

    Attributes
    ----------
    estimators_ : list of fitted base classifiers (fitted on all the data)
    named_estimators_ : Bunch
    final_estimator_ : fitted final classifier
    stack_method_ : list of str
    classes_ : ndarray of shape (n_classes,)
    n_features_in_ : int

    Notes
    -----
    With :math:`\hat f_m^{(-k(i))}` the model :math:`m` fitted without the fold
    :math:`k(i)` that holds sample :math:`i`, the level-one features are

    .. math::
       :label: stack-meta

       z_i = \left(\hat f_1^{(-k(i))}(x_i), \dots, \hat f_M^{(-k(i))}(x_i)\right),

    and the final model is fitted on :math:`(z_i, y_i)`. For binary problems
    only :math:`p(y = 1)` of each model is kept.

    References
    ----------
    D. H. Wolpert (1992), "Stacked generalization", *Neural Networks* 5(2),
    241-259, doi:10.1016/S0893-6080(05)80023-1. Hastie, Tibshirani &
    Friedman, *ESL* 2nd ed., §8.8, eq. (8.59).

    Examples
    --------
    >>> from scratchml.datasets import load_iris
    >>> from scratchml.dummy import DummyClassifier
    >>> from scratchml.linear_model import LogisticRegression
    >>> X, y = load_iris(return_X_y=True)
    >>> stack = StackingClassifier([("lr", LogisticRegression()), ("prior", DummyClassifier())],
    ...                            cv=3).fit(X, y)
    >>> stack.transform(X[:2]).shape
    (2, 6)
    """

    _parameter_constraints = {
        **_STACK_CONSTRAINTS,
        "stack_method": [StrOptions({"auto", "predict_proba", "decision_function", "predict"})],
    }

    def __init__(self, estimators, final_estimator=None, *, cv=None, stack_method="auto",
                 n_jobs=None, passthrough=False):
        self.estimators = estimators
        self.final_estimator = final_estimator
        self.cv = cv
        self.stack_method = stack_method
        self.n_jobs = n_jobs
        self.passthrough = passthrough

    def _default_final_estimator(self):
        from ..linear_model import LogisticRegression

        return LogisticRegression()

    def fit(self, X, y, sample_weight=None):
        """Fit the base classifiers, their out-of-fold outputs, then the final classifier.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        sample_weight : array-like of shape (n_samples,), default=None
            Passed to every ``fit``.

        Returns
        -------
        self : StackingClassifier
        """
        self._validate_params()
        X, y = validate_data(self, X, y)
        check_classification_targets(y)
        self.classes_, y_encoded = np.unique(y, return_inverse=True)
        return self._fit_stack(X, y_encoded, sample_weight)

    def predict(self, X):
        """Predict with the final classifier on the stacked outputs.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,)
        """
        X_meta = self.transform(X)  # checks that the stack is fitted
        return self.classes_[self.final_estimator_.predict(X_meta).astype(int)]

    @available_if(estimator_has("predict_proba", "final_estimator_", "final_estimator"))
    def predict_proba(self, X):
        """Class probabilities from the final classifier.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        P : ndarray of shape (n_samples, n_classes)
        """
        X_meta = self.transform(X)
        return self.final_estimator_.predict_proba(X_meta)

    @available_if(estimator_has("decision_function", "final_estimator_", "final_estimator"))
    def decision_function(self, X):
        """Decision values of the final classifier.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        scores : ndarray of shape (n_samples,) or (n_samples, n_classes)
        """
        X_meta = self.transform(X)
        return self.final_estimator_.decision_function(X_meta)


class StackingRegressor(RegressorMixin, _BaseStacking):
    """Stacked generalisation for regression (Wolpert 1992; Breiman 1996).

    Parameters
    ----------
    estimators : list of (str, estimator) pairs
    final_estimator : regressor, default=None
        ``RidgeCV()`` when None.
    cv : int, splitter or iterable, default=None
    n_jobs : int, default=None
    passthrough : bool, default=False

    Attributes
    ----------
    estimators_ : list of fitted base regressors
    named_estimators_ : Bunch
    final_estimator_ : fitted final regressor
    stack_method_ : list of str
    n_features_in_ : int

    References
    ----------
    L. Breiman (1996), "Stacked regressions", *Machine Learning* 24, 49-64,
    doi:10.1007/BF00117832. Wolpert (1992), see :class:`StackingClassifier`.

    Examples
    --------
    >>> from scratchml.datasets import load_diabetes
    >>> from scratchml.dummy import DummyRegressor
    >>> from scratchml.linear_model import LinearRegression
    >>> X, y = load_diabetes(return_X_y=True)
    >>> stack = StackingRegressor([("ols", LinearRegression()), ("mean", DummyRegressor())],
    ...                           cv=3).fit(X, y)
    >>> stack.transform(X[:2]).shape
    (2, 2)
    """

    _parameter_constraints = dict(_STACK_CONSTRAINTS)
    stack_method = "predict"

    def __init__(self, estimators, final_estimator=None, *, cv=None, n_jobs=None,
                 passthrough=False):
        self.estimators = estimators
        self.final_estimator = final_estimator
        self.cv = cv
        self.n_jobs = n_jobs
        self.passthrough = passthrough

    def _default_final_estimator(self):
        from ..linear_model import RidgeCV

        return RidgeCV()

    def fit(self, X, y, sample_weight=None):
        """Fit the base regressors, their out-of-fold predictions, then the final regressor.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        self : StackingRegressor
        """
        self._validate_params()
        X, y = validate_data(self, X, y, y_numeric=True)
        return self._fit_stack(X, y, sample_weight)

    def predict(self, X):
        """Predict with the final regressor on the stacked predictions.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,)
        """
        X_meta = self.transform(X)  # checks that the stack is fitted
        return self.final_estimator_.predict(X_meta)
