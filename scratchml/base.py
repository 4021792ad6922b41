"""The estimator contract: ``BaseEstimator``, the mixins and ``clone``.

Every scratchml model follows scikit-learn's contract, so it can be read side
by side with scikit-learn and dropped into scikit-learn's own tools
(``Pipeline``, ``GridSearchCV``, ``cross_val_score``, ``check_estimator``):

* ``__init__`` stores its keyword arguments unchanged and does nothing else;
* ``get_params`` / ``set_params`` are derived from the ``__init__`` signature;
* ``fit`` validates the parameters (``_validate_params``), then the data,
  sets the fitted attributes (names ending in ``_``) and returns ``self``.

scikit-learn is never imported at import time. When scikit-learn asks an
estimator for its tags (``__sklearn_tags__``) we import it lazily and translate
our own plain-dict tags (``_all_tags``) into its ``Tags`` dataclass.
"""

import copy
import inspect

import numpy as np

from .utils._tags import DEFAULT_TAGS

__all__ = [
    "BaseEstimator",
    "ClassifierMixin",
    "ClusterMixin",
    "OutlierMixin",
    "RegressorMixin",
    "SamplerMixin",
    "TransformerMixin",
    "clone",
    "is_classifier",
    "is_regressor",
]

def clone(estimator, *, safe=True):
    """Return an unfitted copy of ``estimator`` with the same parameters.

    Parameters
    ----------
    estimator : estimator, or list, tuple or set of estimators
        What to copy. Parameters that are themselves estimators are cloned
        recursively; other parameters are deep-copied.
    safe : bool, default=True
        If False, objects that are not estimators are deep-copied instead of
        raising.

    Returns
    -------
    estimator : object
        A new object of the same class, built from ``get_params(deep=False)``,
        with no fitted attributes.

    Raises
    ------
    TypeError
        If ``estimator`` has no ``get_params`` and ``safe`` is True.
    """
    if isinstance(estimator, (list, tuple, set, frozenset)):
        return type(estimator)(clone(e, safe=safe) for e in estimator)
    if not hasattr(estimator, "get_params") or isinstance(estimator, type):
        if not safe:
            return copy.deepcopy(estimator)
        raise TypeError(
            f"Cannot clone object {estimator!r} (type {type(estimator).__name__}): "
            "it does not implement get_params, so it is not an estimator."
        )
    params = estimator.get_params(deep=False)
    new_params = {name: clone(value, safe=False) for name, value in params.items()}
    return type(estimator)(**new_params)


class BaseEstimator:
    """Base class for all scratchml estimators.

    Subclasses list every parameter explicitly in ``__init__`` (no
    ``*args``/``**kwargs``) and store each under the same name, unchanged.
    Parameter checks live in the class-level dict ``_parameter_constraints``
    (see :func:`scratchml.utils.validation.validate_parameter_constraints`) and
    run at the top of ``fit`` through :meth:`_validate_params`.
    """

    _parameter_constraints: dict = {}

    @classmethod
    def _get_param_names(cls):
        init = cls.__init__
        if init is object.__init__:
            return []
        signature = inspect.signature(init)
        names = []
        for p in signature.parameters.values():
            if p.name == "self":
                continue
            if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                raise RuntimeError(
                    f"{cls.__name__}.__init__ must list its parameters explicitly; "
                    f"found {p} in its signature."
                )
            names.append(p.name)
        return sorted(names)

    def get_params(self, deep=True):
        """Get the parameters of this estimator.

        Parameters
        ----------
        deep : bool, default=True
            If True, also return the parameters of sub-estimators, as
            ``<component>__<parameter>``.

        Returns
        -------
        params : dict
            Parameter names mapped to their values.
        """
        out = {}
        for name in self._get_param_names():
            value = getattr(self, name)
            if deep and hasattr(value, "get_params") and not isinstance(value, type):
                for sub_name, sub_value in value.get_params(deep=True).items():
                    out[f"{name}__{sub_name}"] = sub_value
            out[name] = value
        return out

    def set_params(self, **params):
        """Set the parameters of this estimator.

        Nested parameters use ``<component>__<parameter>``, so that one call can
        reach into a pipeline step or a meta-estimator's base estimator.

        Parameters
        ----------
        **params : dict
            Estimator parameters.

        Returns
        -------
        self : estimator instance

        Raises
        ------
        ValueError
            If a name is not a parameter of this estimator.
        """
        if not params:
            return self
        valid = self.get_params(deep=True)
        nested = {}
        for key, value in params.items():
            name, delim, sub_key = key.partition("__")
            if name not in valid:
                raise ValueError(
                    f"Invalid parameter {name!r} for estimator {type(self).__name__}. "
                    f"Valid parameters are: {sorted(self._get_param_names())!r}."
                )
            if delim:
                nested.setdefault(name, {})[sub_key] = value
            else:
                setattr(self, name, value)
                valid[name] = value
        for name, sub_params in nested.items():
            valid[name].set_params(**sub_params)
        return self

    def __repr__(self):
        defaults = {
            name: p.default
            for name, p in inspect.signature(type(self).__init__).parameters.items()
            if name != "self"
        }
        shown = []
        for name in self._get_param_names():
            value = getattr(self, name)
            if not _same_value(value, defaults.get(name, inspect.Parameter.empty)):
                shown.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(shown)})"

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_scratchml_version"] = _version()
        return state

    def __setstate__(self, state):
        state = dict(state)
        state.pop("_scratchml_version", None)
        self.__dict__.update(state)

    # --- parameter validation -------------------------------------------------
    def _validate_params(self):
        """Check every parameter against ``_parameter_constraints``."""
        from .utils.validation import validate_parameter_constraints

        validate_parameter_constraints(
            self._parameter_constraints,
            self.get_params(deep=False),
            caller_name=type(self).__name__,
        )

    # --- tags -----------------------------------------------------------------
    def _extra_tags(self):
        return {}

    def _all_tags(self):
        """Collect the tags of the class and its bases, most derived last."""
        tags = dict(DEFAULT_TAGS)
        for klass in reversed(type(self).__mro__):
            more = vars(klass).get("_extra_tags")
            if more is not None:
                tags.update(more(self))
        return tags

    def __sklearn_tags__(self):
        """Our tags as scikit-learn's ``Tags`` (scikit-learn imported only now)."""
        from .utils._tags import to_sklearn_tags

        return to_sklearn_tags(self._all_tags())


class ClassifierMixin:
    """Mixin for classifiers: ``score`` is the mean accuracy."""

    _estimator_type = "classifier"

    def _extra_tags(self):
        return {"estimator_type": "classifier", "requires_y": True}

    def score(self, X, y, sample_weight=None):
        """Return the mean accuracy on the given test data and labels.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Test samples.
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            True labels for ``X``.
        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights.

        Returns
        -------
        score : float
            Fraction of correctly classified samples, in [0, 1].
        """
        from .metrics import accuracy_score

        return accuracy_score(y, self.predict(X), sample_weight=sample_weight)


class RegressorMixin:
    """Mixin for regressors: ``score`` is the coefficient of determination R²."""

    _estimator_type = "regressor"

    def _extra_tags(self):
        return {"estimator_type": "regressor", "requires_y": True}

    def score(self, X, y, sample_weight=None):
        r"""Return the coefficient of determination R² of the prediction.

        .. math:: R^2 = 1 - \frac{\sum_i (y_i - \hat y_i)^2}{\sum_i (y_i - \bar y)^2}

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Test samples.
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            True values for ``X``.
        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights.

        Returns
        -------
        score : float
            R² of ``self.predict(X)`` against ``y`` (1 is perfect; a model that
            always predicts the mean of ``y`` scores 0).
        """
        from .metrics import r2_score

        return r2_score(y, self.predict(X), sample_weight=sample_weight)


class TransformerMixin:
    """Mixin for transformers: ``fit_transform`` (and ``set_output`` is not provided)."""

    def _extra_tags(self):
        return {"transformer": True}

    def fit_transform(self, X, y=None, **fit_params):
        """Fit to ``X`` (and ``y``), then return the transformed ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Input samples.
        y : array-like of shape (n_samples,), default=None
            Targets, for supervised transformations.
        **fit_params : dict
            Extra arguments passed to ``fit``.

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_features_new)
            Transformed array.
        """
        if y is None:
            return self.fit(X, **fit_params).transform(X)
        return self.fit(X, y, **fit_params).transform(X)


class ClusterMixin:
    """Mixin for clusterers: ``fit_predict`` returns ``labels_``."""

    _estimator_type = "clusterer"

    def _extra_tags(self):
        return {"estimator_type": "clusterer", "preserves_dtype": []}

    def fit_predict(self, X, y=None, **kwargs):
        """Cluster ``X`` and return the cluster label of each sample.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Input samples.
        y : Ignored
            Present for API consistency.
        **kwargs : dict
            Extra arguments passed to ``fit``.

        Returns
        -------
        labels : ndarray of shape (n_samples,)
            Cluster labels.
        """
        self.fit(X, **kwargs)
        return self.labels_


class OutlierMixin:
    """Mixin for outlier detectors: ``fit_predict`` returns +1 (inlier) / -1 (outlier)."""

    _estimator_type = "outlier_detector"

    def _extra_tags(self):
        return {"estimator_type": "outlier_detector"}

    def fit_predict(self, X, y=None, **kwargs):
        """Fit to ``X`` and return +1 for inliers and -1 for outliers.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Input samples.
        y : Ignored
            Present for API consistency.
        **kwargs : dict
            Extra arguments passed to ``fit``.

        Returns
        -------
        y : ndarray of shape (n_samples,)
            +1 for inliers, -1 for outliers.
        """
        return self.fit(X, **kwargs).predict(X)


class SamplerMixin:
    """Mixin for resamplers (imbalanced-learn's API): ``fit_resample`` returns new ``X, y``.

    Subclasses set ``_sampling_type`` ('over-sampling' or 'under-sampling') and
    implement ``_fit_resample(X, y)``; ``fit`` only validates and computes
    ``sampling_strategy_``. A sampler-aware ``Pipeline`` calls ``fit_resample``
    while fitting and skips the sampler when predicting.
    """

    _estimator_type = "sampler"

    def _extra_tags(self):
        return {"estimator_type": "sampler", "requires_y": True}

    def fit(self, X, y):
        """Validate ``X``, ``y`` and compute ``sampling_strategy_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Class labels.

        Returns
        -------
        self : sampler
        """
        self._check_X_y_and_strategy(X, y)
        return self

    def fit_resample(self, X, y):
        """Resample ``X`` and ``y`` to the class counts ``sampling_strategy`` asks for.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Class labels.

        Returns
        -------
        X_resampled : ndarray of shape (n_samples_new, n_features)
        y_resampled : ndarray of shape (n_samples_new,)
        """
        X, y = self._check_X_y_and_strategy(X, y)
        return self._fit_resample(X, y)

    def _check_X_y_and_strategy(self, X, y):
        from .utils._sampling import check_sampling_strategy
        from .utils.multiclass import check_classification_targets
        from .utils.validation import validate_data

        self._validate_params()
        X, y = validate_data(self, X, y)
        check_classification_targets(y)
        self.sampling_strategy_ = check_sampling_strategy(
            self.sampling_strategy, y, self._sampling_type
        )
        return X, y


def _estimator_kind(estimator):
    """'classifier', 'regressor', ... of any estimator, scratchml's or scikit-learn's.

    Ours answer from their own tags (no scikit-learn import); older
    estimators from ``_estimator_type``; scikit-learn >= 1.6 estimators, which
    dropped that attribute, from ``__sklearn_tags__``.
    """
    if hasattr(estimator, "_all_tags"):
        return estimator._all_tags()["estimator_type"]
    kind = getattr(estimator, "_estimator_type", None)
    if kind is None and hasattr(estimator, "__sklearn_tags__"):
        try:
            kind = estimator.__sklearn_tags__().estimator_type
        except Exception:  # a third-party estimator with broken tags
            kind = None
    return kind


def is_classifier(estimator):
    """Return True if ``estimator`` is a classifier (scratchml's or scikit-learn's)."""
    return _estimator_kind(estimator) == "classifier"


def is_regressor(estimator):
    """Return True if ``estimator`` is a regressor (scratchml's or scikit-learn's)."""
    return _estimator_kind(estimator) == "regressor"


def _same_value(a, b):
    """Whether parameter value ``a`` equals default ``b`` (for ``__repr__``)."""
    if a is b:
        return True
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return False
    if isinstance(a, float) and isinstance(b, float) and np.isnan(a) and np.isnan(b):
        return True
    try:
        return type(a) is type(b) and bool(a == b)
    except Exception:  # comparison not defined (e.g. estimators)
        return False


def _version():
    from . import __version__

    return __version__
