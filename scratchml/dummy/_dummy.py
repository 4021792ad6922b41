"""Baselines that ignore the features: ``DummyClassifier`` and ``DummyRegressor``.

Every benchmark row is read against these: a model that cannot beat "always
predict the most frequent class" or "always predict the mean" has learned
nothing from ``X``.
"""

from numbers import Integral, Real

import numpy as np

from ..base import BaseEstimator, ClassifierMixin, RegressorMixin
from ..utils.multiclass import check_classification_targets
from ..utils.validation import (
    Interval,
    StrOptions,
    check_array,
    check_consistent_length,
    check_is_fitted,
    check_random_state,
    check_sample_weight,
    validate_data,
)

__all__ = ["DummyClassifier", "DummyRegressor"]


def _as_2d_target(y):
    """View ``y`` as (n_samples, n_outputs); 1-D targets become one column."""
    return y.reshape(-1, 1) if y.ndim == 1 else y


class DummyClassifier(ClassifierMixin, BaseEstimator):
    """Classifier that predicts from the class distribution of ``y`` alone.

    Parameters
    ----------
    strategy : {'most_frequent', 'prior', 'stratified', 'uniform', 'constant'}, default='prior'
        * 'most_frequent': always the most frequent class; ``predict_proba`` is
          one-hot on it.
        * 'prior': same predictions; ``predict_proba`` returns the class
          prior (the weighted class frequencies).
        * 'stratified': draws each prediction from the class prior.
        * 'uniform': draws each prediction uniformly among the classes.
        * 'constant': always ``constant``.
    random_state : int, RandomState instance or None, default=None
        Seeds the draws of 'stratified' and 'uniform'. The generator is created
        anew in every ``predict``/``predict_proba`` call, as in scikit-learn,
        so the same seed gives the same draws as scikit-learn.
    constant : int, str or array-like of shape (n_outputs,), default=None
        The label predicted by the 'constant' strategy.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,) or list of such arrays
        Labels seen in ``fit`` (a list with one array per output when ``y`` is 2-D).
    n_classes_ : int or list of int
        Number of labels per output.
    class_prior_ : ndarray of shape (n_classes,) or list of such arrays
        Weighted frequency of each label, :math:`\\pi_k = \\sum_{i: y_i = k} w_i / \\sum_i w_i`.
    n_outputs_ : int
        Number of outputs.
    n_features_in_ : int
        Number of features seen in ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Column names, when ``X`` was a DataFrame with string column names.

    Raises
    ------
    ValueError
        ``strategy='constant'`` without a ``constant``, or a ``constant`` that is
        not a training label; a continuous ``y``.

    See Also
    --------
    DummyRegressor : the regression baseline.

    References
    ----------
    scikit-learn's ``sklearn.dummy.DummyClassifier``, whose parameters and draws
    this mirrors.

    Examples
    --------
    >>> from scratchml.dummy import DummyClassifier
    >>> X = [[0], [0], [0], [0]]
    >>> y = [1, 0, 1, 1]
    >>> clf = DummyClassifier(strategy="most_frequent").fit(X, y)
    >>> clf.predict(X)
    array([1, 1, 1, 1])
    >>> clf.score(X, y)
    0.75
    """

    _parameter_constraints = {
        "strategy": [StrOptions({"most_frequent", "prior", "stratified", "uniform", "constant"})],
        "random_state": ["random_state"],
        "constant": [Integral, str, "array-like", None],
    }

    def __init__(self, *, strategy="prior", random_state=None, constant=None):
        self.strategy = strategy
        self.random_state = random_state
        self.constant = constant

    def _extra_tags(self):
        # 'stratified' and 'uniform' draw random labels by design: predictions
        # on a subset or a permutation of X differ, which the common checks
        # would otherwise (rightly) flag.
        random = self.strategy in ("stratified", "uniform")
        return {"poor_score": True, "multi_output": True, "non_deterministic": random}

    def fit(self, X, y, sample_weight=None):
        """Record the classes of ``y`` and their (weighted) frequencies.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data; only its shape is used, but it is validated as for
            any model (numeric, finite, 2-D).
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            Class labels.
        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights.

        Returns
        -------
        self : DummyClassifier
            The fitted estimator.
        """
        self._validate_params()
        X, y = validate_data(self, X, y, multi_output=True)
        if y.ndim == 2 and y.shape[1] == 1:
            y = y.ravel()
        check_classification_targets(y)
        sample_weight = check_sample_weight(sample_weight, X)
        Y = _as_2d_target(y)
        self.n_outputs_ = Y.shape[1]

        if self.strategy == "constant":
            if self.constant is None:
                raise ValueError(
                    "Constant target value has to be specified when the constant "
                    "strategy is used: pass constant=<label>."
                )
            constant = np.reshape(np.atleast_1d(self.constant), -1)
            if constant.shape[0] != self.n_outputs_:
                raise ValueError(
                    f"Constant target value should have shape ({self.n_outputs_}, 1)."
                )

        classes, n_classes, priors = [], [], []
        for k in range(self.n_outputs_):
            classes_k, y_k = np.unique(Y[:, k], return_inverse=True)
            counts = np.bincount(y_k, weights=sample_weight, minlength=len(classes_k))
            classes.append(classes_k)
            n_classes.append(len(classes_k))
            priors.append(counts / counts.sum())
            if self.strategy == "constant" and not np.any(classes_k == constant[k]):
                raise ValueError(
                    "The constant target value must be present in the training data. "
                    f"You provided constant={self.constant}. Possible values are: "
                    f"{classes_k.tolist()}."
                )
        if self.n_outputs_ == 1:
            self.classes_, self.n_classes_, self.class_prior_ = classes[0], n_classes[0], priors[0]
        else:
            self.classes_, self.n_classes_, self.class_prior_ = classes, n_classes, priors
        self._y_was_1d = y.ndim == 1
        return self

    def _per_output(self):
        if self.n_outputs_ == 1:
            return [self.classes_], [self.n_classes_], [self.class_prior_]
        return self.classes_, self.n_classes_, self.class_prior_

    def predict_proba(self, X):
        """Class probabilities under the chosen strategy.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Only the number of rows is used (after validation).

        Returns
        -------
        P : ndarray of shape (n_samples, n_classes) or list of such arrays
            Rows sum to 1. One array per output when ``y`` was 2-D.
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        n_samples = X.shape[0]
        rng = check_random_state(self.random_state)
        constant = np.reshape(np.atleast_1d(self.constant), -1) if self.constant is not None else None
        P = []
        for k, (classes_k, n_k, prior_k) in enumerate(zip(*self._per_output())):
            if self.strategy == "most_frequent":
                out = np.zeros((n_samples, n_k))
                out[:, prior_k.argmax()] = 1.0
            elif self.strategy == "prior":
                out = np.tile(prior_k, (n_samples, 1))
            elif self.strategy == "stratified":
                # One multinomial draw per row, as scikit-learn draws them, so
                # that the same seed yields the same labels.
                out = rng.multinomial(1, prior_k, size=n_samples).astype(np.float64)
            elif self.strategy == "uniform":
                out = np.full((n_samples, n_k), 1.0 / n_k)
            else:  # constant
                out = np.zeros((n_samples, n_k))
                out[:, classes_k == constant[k]] = 1.0
            P.append(out)
        return P[0] if self.n_outputs_ == 1 else P

    def predict_log_proba(self, X):
        """Logarithm of :meth:`predict_proba` (``-inf`` for impossible classes).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        log_P : ndarray of shape (n_samples, n_classes) or list of such arrays
        """
        P = self.predict_proba(X)
        with np.errstate(divide="ignore"):
            return np.log(P) if self.n_outputs_ == 1 else [np.log(p) for p in P]

    def predict(self, X):
        """Predict labels under the chosen strategy.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Only the number of rows is used (after validation).

        Returns
        -------
        y : ndarray of shape (n_samples,) or (n_samples, n_outputs)
        """
        check_is_fitted(self)
        if self.strategy == "stratified":
            P = self.predict_proba(X)
            P = [P] if self.n_outputs_ == 1 else P
            columns = [c[p.argmax(axis=1)] for c, p in zip(self._per_output()[0], P)]
        else:
            X = validate_data(self, X, reset=False)
            n_samples = X.shape[0]
            rng = check_random_state(self.random_state)
            columns = []
            for k, (classes_k, n_k, prior_k) in enumerate(zip(*self._per_output())):
                if self.strategy in ("most_frequent", "prior"):
                    columns.append(np.repeat(classes_k[prior_k.argmax()], n_samples))
                elif self.strategy == "uniform":
                    columns.append(classes_k[rng.randint(n_k, size=n_samples)])
                else:  # constant
                    value = np.reshape(np.atleast_1d(self.constant), -1)[k]
                    columns.append(np.repeat(classes_k[classes_k == value][0], n_samples))
        y = np.column_stack(columns)
        return y.ravel() if self.n_outputs_ == 1 else y


class DummyRegressor(RegressorMixin, BaseEstimator):
    """Regressor that always predicts one value computed from ``y`` alone.

    Parameters
    ----------
    strategy : {'mean', 'median', 'quantile', 'constant'}, default='mean'
        * 'mean': the (weighted) mean of ``y``; its R² on the training set is 0.
        * 'median': the (weighted) median.
        * 'quantile': the (weighted) ``quantile`` of ``y``.
        * 'constant': ``constant``.
    constant : float or array-like of shape (n_outputs,), default=None
        The value predicted by the 'constant' strategy.
    quantile : float in [0.0, 1.0], default=None
        The quantile predicted by the 'quantile' strategy (0.5 is the median).

    Attributes
    ----------
    constant_ : ndarray of shape (1, n_outputs)
        The value predicted for every sample.
    n_outputs_ : int
        Number of outputs.
    n_features_in_ : int
        Number of features seen in ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Column names, when ``X`` was a DataFrame with string column names.

    Raises
    ------
    ValueError
        'quantile' without ``quantile``; a ``constant`` of the wrong shape.
    TypeError
        'constant' without ``constant``.

    See Also
    --------
    DummyClassifier : the classification baseline.

    Notes
    -----
    Weighted quantiles use the inverted empirical CDF: the smallest value
    :math:`y_{(j)}` whose cumulative weight reaches the fraction :math:`q` of the
    total weight, :math:`\\sum_{i \\le j} w_{(i)} \\ge q \\sum_i w_i`. With
    integer weights this equals repeating each sample :math:`w_i` times.

    References
    ----------
    Hyndman & Fan (1996), "Sample quantiles in statistical packages",
    *The American Statistician* 50(4), definition 1 (inverted CDF).
    doi:10.1080/00031305.1996.10473566

    Examples
    --------
    >>> from scratchml.dummy import DummyRegressor
    >>> X = [[0], [0], [0], [0]]
    >>> y = [1.0, 2.0, 3.0, 10.0]
    >>> DummyRegressor().fit(X, y).predict(X)
    array([4., 4., 4., 4.])
    """

    _parameter_constraints = {
        "strategy": [StrOptions({"mean", "median", "quantile", "constant"})],
        "quantile": [Interval(Real, 0.0, 1.0, closed="both"), None],
        "constant": [Real, "array-like", None],
    }

    def __init__(self, *, strategy="mean", constant=None, quantile=None):
        self.strategy = strategy
        self.constant = constant
        self.quantile = quantile

    def _extra_tags(self):
        return {"poor_score": True, "multi_output": True}

    def fit(self, X, y, sample_weight=None):
        """Compute the constant prediction from ``y``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data; only its shape is used, but it is validated.
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            Target values.
        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights.

        Returns
        -------
        self : DummyRegressor
            The fitted estimator.
        """
        self._validate_params()
        X, y = validate_data(self, X, y, multi_output=True, y_numeric=True)
        check_consistent_length(X, y, sample_weight)
        weights = None if sample_weight is None else check_sample_weight(sample_weight, X)
        Y = _as_2d_target(y.astype(np.float64))
        self.n_outputs_ = Y.shape[1]

        if self.strategy == "mean":
            constant = np.average(Y, axis=0, weights=weights)
        elif self.strategy in ("median", "quantile"):
            if self.strategy == "quantile" and self.quantile is None:
                raise ValueError(
                    "When using strategy='quantile', you have to specify the desired "
                    "quantile in the range [0, 1] with quantile=<float>."
                )
            q = 0.5 if self.strategy == "median" else self.quantile
            if weights is None:
                constant = np.quantile(Y, q, axis=0)
            else:
                constant = np.array([_weighted_quantile(Y[:, k], weights, q) for k in range(self.n_outputs_)])
        else:  # constant
            if self.constant is None:
                raise TypeError(
                    "Constant target value has to be specified when the constant "
                    "strategy is used: pass constant=<value>."
                )
            constant = check_array(
                self.constant, ensure_2d=False, ensure_min_samples=0, input_name="constant"
            ).astype(np.float64)
            if self.n_outputs_ != 1 and constant.reshape(-1).shape[0] != self.n_outputs_:
                raise ValueError(
                    f"Constant target value should have shape ({self.n_outputs_}, 1)."
                )
        self.constant_ = np.reshape(constant, (1, -1))
        return self

    def predict(self, X, return_std=False):
        """Predict ``constant_`` for every sample.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        return_std : bool, default=False
            Also return a standard deviation of zeros (for API compatibility
            with probabilistic regressors).

        Returns
        -------
        y : ndarray of shape (n_samples,) or (n_samples, n_outputs)
        y_std : ndarray of the same shape, only when ``return_std``
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        y = np.tile(self.constant_, (X.shape[0], 1))
        if self.n_outputs_ == 1:
            y = y.ravel()
        return (y, np.zeros_like(y)) if return_std else y


def _weighted_quantile(values, weights, q):
    """Inverted-CDF weighted quantile of a 1-D array (see DummyRegressor Notes)."""
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order])
    threshold = q * cumulative[-1]
    # First position where the running weight reaches the threshold; compare
    # with a relative tolerance so 0.5 * total is not missed by a rounding ulp.
    j = int(np.searchsorted(cumulative, threshold * (1 - 1e-12), side="left"))
    return values[order][min(j, len(values) - 1)]
