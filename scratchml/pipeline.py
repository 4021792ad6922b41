"""``Pipeline`` and ``make_pipeline``: chain transformers and a final estimator.

A pipeline is function composition. Fitting it fits each step on the output
of the previous one, so every statistic (a scaler's mean, an imputer's
median) is learnt from the training data only: cross-validating the whole
pipeline keeps test folds out of the preprocessing, which fitting the scaler
once on all data would leak into the scores.
"""

import time
from collections import Counter

import numpy as np

from .base import BaseEstimator, TransformerMixin
from .utils import Bunch
from .utils._available_if import available_if
from .utils.validation import check_is_fitted

__all__ = ["FeatureUnion", "Pipeline", "make_pipeline", "make_union"]


def _is_passthrough(step):
    return step is None or (isinstance(step, str) and step == "passthrough")


def _is_sampler(step):
    """A resampler (``fit_resample``, no ``transform``): active in fit, skipped at predict."""
    return hasattr(step, "fit_resample") and not hasattr(step, "transform")


def _skip_at_predict(step):
    return _is_passthrough(step) or _is_sampler(step)


def _tags_of(estimator):
    """Our plain-dict tags of a step (a scikit-learn step only gets the defaults)."""
    if hasattr(estimator, "_all_tags"):
        return estimator._all_tags()
    return BaseEstimator()._all_tags()  # the defaults


def _final_has(method):
    """Availability check: the final step implements ``method`` ('passthrough' can transform)."""

    def check(pipe):
        last = pipe._final_estimator
        if _is_passthrough(last):
            return method == "transform"
        return hasattr(last, method)

    return check


class _NamedStepsMixin:
    """``get_params``/``set_params`` that reach into a list of named estimators."""

    def _get_named_params(self, attr, deep):
        out = super().get_params(deep=False)
        if not deep:
            return out
        estimators = getattr(self, attr)
        try:
            pairs = [(item[0], item[1]) for item in estimators]
        except (TypeError, IndexError):
            return out
        for name, est in pairs:
            out[name] = est
            if hasattr(est, "get_params") and not isinstance(est, type):
                for key, value in est.get_params(deep=True).items():
                    out[f"{name}__{key}"] = value
        return out

    def _set_named_params(self, attr, **params):
        if attr in params:
            setattr(self, attr, params.pop(attr))
        items = getattr(self, attr)
        names = []
        try:
            names = [item[0] for item in items]
        except (TypeError, IndexError):
            pass
        for name in list(params):
            if "__" not in name and name in names:
                value = params.pop(name)
                new = list(items)
                for i, item in enumerate(new):
                    if item[0] == name:
                        new[i] = (name, value, *item[2:])
                setattr(self, attr, new)
                items = new
        BaseEstimator.set_params(self, **params)
        return self

    @staticmethod
    def _check_names(names, params):
        if len(set(names)) != len(names):
            raise ValueError(f"Names provided are not unique: {list(names)!r}")
        clash = set(names) & set(params)
        if clash:
            raise ValueError(
                f"Estimator names conflict with constructor arguments: {sorted(clash)!r}"
            )
        bad = [n for n in names if "__" in n]
        if bad:
            raise ValueError(f"Estimator names must not contain __: got {bad!r}")


class Pipeline(_NamedStepsMixin, BaseEstimator):
    r"""Chain of transformers ending with any estimator.

    Parameters
    ----------
    steps : list of (name, estimator) tuples
        Every step but the last must implement ``fit`` and ``transform``, or
        ``fit_resample`` (a resampler), or be ``'passthrough'``/None, which
        skips it; the last needs only ``fit``.
    memory : None, default=None
        Caching of fitted transformers is not implemented; only None is accepted.
    verbose : bool, default=False
        Print the time each step took to fit.

    Attributes
    ----------
    named_steps : Bunch
        Steps by name: ``pipe.named_steps.scale`` is ``pipe["scale"]``.
    classes_ : ndarray of shape (n_classes,)
        The final classifier's classes.
    n_features_in_ : int
        Input features of the first step.
    feature_names_in_ : ndarray of shape (``n_features_in_``,)
        The first step's, when it was fitted on a DataFrame.

    Raises
    ------
    ValueError
        Empty or non-unique step names, names with ``__``.
    TypeError
        An intermediate step without ``fit``/``transform``, a final step
        without ``fit``.

    Notes
    -----
    For transformers :math:`T_1,\dots,T_{K-1}` and final estimator :math:`f`,

    .. math::
       :label: pipeline-compose

       \text{pipe}(X) = f\big(T_{K-1}(\cdots T_1(X))\big),

    where each :math:`T_k` is fitted on :math:`T_{k-1}(\cdots T_1(X_{train}))`.
    Steps are fitted in place (not cloned), as in scikit-learn, so
    ``pipe["scale"].mean_`` is available after ``pipe.fit``.

    An intermediate step with ``fit_resample`` and no ``transform`` (a
    resampler such as :class:`scratchml.over_sampling.SMOTE`) resamples the
    training rows and targets passed to the later steps during ``fit`` and
    is skipped by ``predict``/``transform``, as in imbalanced-learn's pipeline:
    synthetic samples are made from training folds only and never at test time.

    References
    ----------
    Buitinck et al., "API design for machine learning software: experiences
    from the scikit-learn project", ECML PKDD Workshop, 2013, arXiv:1309.0238, §3.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.pipeline import Pipeline
    >>> from scratchml.preprocessing import StandardScaler
    >>> from scratchml.dummy import DummyClassifier
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> y = np.array([0, 0, 1, 1])
    >>> pipe = Pipeline([("scale", StandardScaler()), ("clf", DummyClassifier())]).fit(X, y)
    >>> pipe["scale"].mean_
    array([1.5])
    >>> pipe.score(X, y)
    0.5
    """

    def __init__(self, steps, *, memory=None, verbose=False):
        self.steps = steps
        self.memory = memory
        self.verbose = verbose

    # --- parameters ---------------------------------------------------------
    def get_params(self, deep=True):
        """Parameters of the pipeline and, if ``deep``, of every step (``name__param``).

        Parameters
        ----------
        deep : bool, default=True

        Returns
        -------
        params : dict
        """
        return self._get_named_params("steps", deep)

    def set_params(self, **params):
        """Set parameters: ``name=estimator`` replaces a step, ``name__param`` sets inside it.

        Parameters
        ----------
        **params : dict

        Returns
        -------
        self : Pipeline
        """
        return self._set_named_params("steps", **params)

    # --- steps ----------------------------------------------------------------
    def _validate_steps(self):
        if self.memory is not None:
            raise ValueError("memory caching is not implemented in scratchml: use memory=None.")
        if not isinstance(self.steps, (list, tuple)) or not self.steps:
            raise ValueError("The pipeline is empty. Please add steps.")
        names = [s[0] for s in self.steps]
        self._check_names(names, self.get_params(deep=False))
        for name, t in self.steps[:-1]:
            if _skip_at_predict(t):
                continue
            if not (hasattr(t, "fit") or hasattr(t, "fit_transform")) or not hasattr(t, "transform"):
                raise TypeError(
                    "All intermediate steps should be transformers and implement fit and "
                    f"transform or be the string 'passthrough'. {t!r} (type {type(t)}) "
                    f"doesn't (step {name!r})."
                )
        last = self.steps[-1][1]
        if not _is_passthrough(last) and not hasattr(last, "fit"):
            raise TypeError(
                "Last step of Pipeline should implement fit or be the string "
                f"'passthrough'. {last!r} (type {type(last)}) doesn't"
            )

    def __len__(self):
        return len(self.steps)

    def __getitem__(self, ind):
        """``pipe[i]``/``pipe["name"]`` is a step; ``pipe[a:b]`` a sub-pipeline (same objects)."""
        if isinstance(ind, slice):
            if ind.step not in (1, None):
                raise ValueError("Pipeline slicing only supports a step of 1")
            return type(self)(self.steps[ind], memory=self.memory, verbose=self.verbose)
        if isinstance(ind, str):
            return self.named_steps[ind]
        return self.steps[ind][1]

    @property
    def named_steps(self):
        return Bunch(**dict((name, est) for name, est, *_ in self.steps))

    @property
    def _final_estimator(self):
        est = self.steps[-1][1]
        return "passthrough" if est is None else est

    @property
    def _estimator_type(self):
        return getattr(self._final_estimator, "_estimator_type", None)

    @property
    def classes_(self):
        return self.steps[-1][1].classes_

    @property
    def n_features_in_(self):
        return self.steps[0][1].n_features_in_

    @property
    def feature_names_in_(self):
        return self.steps[0][1].feature_names_in_

    def __sklearn_is_fitted__(self):
        last = self._final_estimator
        if _is_passthrough(last):
            last = next((s for _, s in reversed(self.steps) if not _is_passthrough(s)), None)
            if last is None:
                return True
        try:
            check_is_fitted(last)
            return True
        except Exception:  # NotFittedError from us or from scikit-learn
            return False

    def _extra_tags(self):
        try:
            first, last = self.steps[0][1], self.steps[-1][1]
        except (TypeError, IndexError):
            return {}
        tags = {}
        if not _is_passthrough(first):
            tags["pairwise"] = _tags_of(first)["pairwise"]
        if not _is_passthrough(last):
            t = _tags_of(last)
            for key in ("estimator_type", "multi_output", "poor_score", "multi_class",
                        "multi_label", "transformer", "preserves_dtype"):
                tags[key] = t[key]
        return tags

    # --- fitting --------------------------------------------------------------
    def _split_params(self, params):
        per_step = {name: {} for name, *_ in self.steps}
        for key, value in params.items():
            step, delim, param = key.partition("__")
            if not delim or step not in per_step:
                raise ValueError(
                    "Pipeline.fit does not accept the {key!r} parameter. Pass parameters "
                    "to a step as 'stepname__parameter', e.g. 'clf__sample_weight'."
                    .replace("{key!r}", repr(key))
                )
            per_step[step][param] = value
        return per_step

    def _log(self, idx, name, start):
        if self.verbose:
            total = time.perf_counter() - start
            print(f"[Pipeline] ({idx + 1} of {len(self.steps)}) Processing {name}, "
                  f"total={total:5.1f}s")

    def _fit_transforms(self, X, y, per_step):
        """Fit steps 0..K-2 in place; return the transformed ``X`` and ``y`` (eq. pipeline-compose).

        A resampler step (``fit_resample``, e.g. SMOTE) changes the training
        rows *and* targets seen by the later steps; it is skipped at predict time.
        """
        Xt = X
        for idx, (name, t) in enumerate(self.steps[:-1]):
            if _is_passthrough(t):
                continue
            start = time.perf_counter()
            params = per_step.get(name, {})
            if _is_sampler(t):
                Xt, y = t.fit_resample(Xt, y, **params)
            elif hasattr(t, "fit_transform"):
                Xt = t.fit_transform(Xt, y, **params)  # eq. (pipeline-compose)
            else:
                Xt = t.fit(Xt, y, **params).transform(Xt)
            self._log(idx, name, start)
        return Xt, y

    def fit(self, X, y=None, **params):
        """Fit every transformer in turn, then the final estimator on their output.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Input of the first step.
        y : array-like of shape (n_samples,), default=None
            Targets, passed to every step's ``fit``.
        **params : dict
            ``stepname__parameter`` fit parameters, e.g. ``clf__sample_weight``.

        Returns
        -------
        self : Pipeline
        """
        self._validate_steps()
        per_step = self._split_params(params)
        Xt, yt = self._fit_transforms(X, y, per_step)
        name, last = self.steps[-1]
        if not _is_passthrough(last):
            start = time.perf_counter()
            last.fit(Xt, yt, **per_step.get(name, {}))
            self._log(len(self.steps) - 1, name, start)
        return self

    def _can_fit_transform(self):
        last = self._final_estimator
        return _is_passthrough(last) or hasattr(last, "transform") or hasattr(last, "fit_transform")

    @available_if(_can_fit_transform)
    def fit_transform(self, X, y=None, **params):
        """Fit the pipeline and return the output of the last transformer.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,), default=None
        **params : dict
            ``stepname__parameter`` fit parameters.

        Returns
        -------
        Xt : ndarray of shape (n_samples, n_transformed_features)
        """
        self._validate_steps()
        per_step = self._split_params(params)
        Xt, yt = self._fit_transforms(X, y, per_step)
        name, last = self.steps[-1]
        if _is_passthrough(last):
            return Xt
        p = per_step.get(name, {})
        if hasattr(last, "fit_transform"):
            return last.fit_transform(Xt, yt, **p)
        return last.fit(Xt, yt, **p).transform(Xt)

    def _transform_all_but_last(self, X):
        Xt = X
        for _, t in self.steps[:-1]:
            if not _skip_at_predict(t):
                Xt = t.transform(Xt)
        return Xt

    @available_if(_final_has("predict"))
    def predict(self, X, **params):
        """Transform ``X`` through the steps and return the final estimator's prediction.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        **params : dict
            Passed to the final ``predict`` (e.g. ``return_std``).

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
        """
        check_is_fitted(self)
        return self.steps[-1][1].predict(self._transform_all_but_last(X), **params)

    @available_if(_final_has("fit_predict"))
    def fit_predict(self, X, y=None, **params):
        """Fit the transformers, then ``fit_predict`` the final estimator.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,), default=None
        **params : dict
            ``stepname__parameter`` fit parameters.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
        """
        self._validate_steps()
        per_step = self._split_params(params)
        Xt, yt = self._fit_transforms(X, y, per_step)
        name, last = self.steps[-1]
        return last.fit_predict(Xt, yt, **per_step.get(name, {}))

    @available_if(_final_has("predict_proba"))
    def predict_proba(self, X, **params):
        """Final estimator's ``predict_proba`` on the transformed ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        **params : dict

        Returns
        -------
        proba : ndarray of shape (n_samples, n_classes)
        """
        check_is_fitted(self)
        return self.steps[-1][1].predict_proba(self._transform_all_but_last(X), **params)

    @available_if(_final_has("predict_log_proba"))
    def predict_log_proba(self, X, **params):
        """Final estimator's ``predict_log_proba`` on the transformed ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        **params : dict

        Returns
        -------
        log_proba : ndarray of shape (n_samples, n_classes)
        """
        check_is_fitted(self)
        return self.steps[-1][1].predict_log_proba(self._transform_all_but_last(X), **params)

    @available_if(_final_has("decision_function"))
    def decision_function(self, X):
        """Final estimator's ``decision_function`` on the transformed ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        scores : ndarray of shape (n_samples,) or (n_samples, n_classes)
        """
        check_is_fitted(self)
        return self.steps[-1][1].decision_function(self._transform_all_but_last(X))

    @available_if(_final_has("score_samples"))
    def score_samples(self, X):
        """Final estimator's ``score_samples`` on the transformed ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        scores : ndarray of shape (n_samples,)
        """
        check_is_fitted(self)
        return self.steps[-1][1].score_samples(self._transform_all_but_last(X))

    @available_if(_final_has("transform"))
    def transform(self, X):
        """Apply every transformer, the last step included.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        Xt : ndarray of shape (n_samples, n_transformed_features)
        """
        check_is_fitted(self)
        Xt = X
        for _, t in self.steps:
            if not _skip_at_predict(t):
                Xt = t.transform(Xt)
        return Xt

    def _all_can_inverse(self):
        return all(
            _skip_at_predict(t) or hasattr(t, "inverse_transform") for _, t in self.steps
        )

    @available_if(_all_can_inverse)
    def inverse_transform(self, X):
        """Apply every step's ``inverse_transform``, last step first.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_transformed_features)

        Returns
        -------
        X_original : ndarray of shape (n_samples, n_features)
        """
        check_is_fitted(self)
        Xt = X
        for _, t in reversed(self.steps):
            if not _skip_at_predict(t):
                Xt = t.inverse_transform(Xt)
        return Xt

    @available_if(_final_has("score"))
    def score(self, X, y=None, sample_weight=None, **params):
        """Transform ``X`` and return the final estimator's ``score``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,), default=None
        sample_weight : array-like of shape (n_samples,), default=None
            Passed to the final ``score`` when given.
        **params : dict

        Returns
        -------
        score : float
        """
        check_is_fitted(self)
        Xt = self._transform_all_but_last(X)
        if sample_weight is not None:
            params["sample_weight"] = sample_weight
        return self.steps[-1][1].score(Xt, y, **params)

    def get_feature_names_out(self, input_features=None):
        """Feature names after the last transformer, chaining each step's names.

        Parameters
        ----------
        input_features : array-like of str or None, default=None

        Returns
        -------
        feature_names_out : ndarray of str objects

        Raises
        ------
        AttributeError
            If a step does not provide ``get_feature_names_out``.
        """
        names = input_features
        for _, t in self.steps:
            if _skip_at_predict(t):
                continue
            if not hasattr(t, "get_feature_names_out"):
                raise AttributeError(
                    f"Estimator {t!r} does not provide get_feature_names_out. Did you mean "
                    "to call pipeline[:-1].get_feature_names_out()?"
                )
            names = t.get_feature_names_out(names)
        return np.asarray(names, dtype=object)


def _name_estimators(estimators):
    """Lower-cased class names, with -1, -2, ... appended to repeated ones."""
    names = [
        est if isinstance(est, str) else type(est).__name__.lower() for est in estimators
    ]
    counts = {k: v for k, v in Counter(names).items() if v > 1}
    for i in reversed(range(len(estimators))):
        if names[i] in counts:
            name = names[i]
            names[i] = f"{name}-{counts[name]}"
            counts[name] -= 1
    return list(zip(names, estimators))


def make_pipeline(*steps, memory=None, verbose=False):
    """Build a :class:`Pipeline`, naming each step after its lower-cased class.

    Parameters
    ----------
    *steps : estimators
    memory : None, default=None
    verbose : bool, default=False

    Returns
    -------
    p : Pipeline

    Examples
    --------
    >>> from scratchml.pipeline import make_pipeline
    >>> from scratchml.preprocessing import StandardScaler
    >>> from scratchml.dummy import DummyClassifier
    >>> make_pipeline(StandardScaler(), DummyClassifier()).named_steps.keys()
    dict_keys(['standardscaler', 'dummyclassifier'])
    """
    return Pipeline(_name_estimators(steps), memory=memory, verbose=verbose)


class FeatureUnion(_NamedStepsMixin, TransformerMixin, BaseEstimator):
    r"""Apply several transformers to the same input and concatenate their outputs.

    Parameters
    ----------
    transformer_list : list of (name, transformer) tuples
        Each transformer sees all of ``X``; ``'drop'`` removes one and
        ``'passthrough'`` copies ``X`` through unchanged.
    n_jobs : int or None, default=None
        Ignored: the transformers are fitted one after another.
    transformer_weights : dict or None, default=None
        Multiply a transformer's output by ``transformer_weights[name]``.
    verbose : bool, default=False
        Ignored.
    verbose_feature_names_out : bool, default=True
        Prefix output names with the transformer name.

    Attributes
    ----------
    named_transformers : Bunch
        Transformers by name.
    n_features_in_ : int
        Input features of the first transformer.
    feature_names_in_ : ndarray of shape (``n_features_in_``,)

    Raises
    ------
    ValueError
        Non-unique names, or duplicate output names without prefixes.
    TypeError
        A transformer without ``fit``/``transform``.

    Notes
    -----
    .. math::
       :label: feature-union

       \Phi(X) = \big[\, w_1 T_1(X) \;\big|\; \cdots \;\big|\; w_K T_K(X) \,\big]

    Like :class:`Pipeline`, the transformers are fitted in place.

    References
    ----------
    Buitinck et al., "API design for machine learning software", 2013,
    arXiv:1309.0238, §3 (feature unions).

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.pipeline import FeatureUnion
    >>> from scratchml.preprocessing import MinMaxScaler, StandardScaler
    >>> union = FeatureUnion([("mm", MinMaxScaler()), ("std", StandardScaler())])
    >>> union.fit_transform(np.array([[0.0], [2.0]]))
    array([[ 0., -1.],
           [ 1.,  1.]])
    >>> union.get_feature_names_out()
    array(['mm__x0', 'std__x0'], dtype=object)
    """

    def __init__(self, transformer_list, *, n_jobs=None, transformer_weights=None,
                 verbose=False, verbose_feature_names_out=True):
        self.transformer_list = transformer_list
        self.n_jobs = n_jobs
        self.transformer_weights = transformer_weights
        self.verbose = verbose
        self.verbose_feature_names_out = verbose_feature_names_out

    def get_params(self, deep=True):
        """Parameters, and with ``deep`` each transformer's as ``name__param``.

        Parameters
        ----------
        deep : bool, default=True

        Returns
        -------
        params : dict
        """
        return self._get_named_params("transformer_list", deep)

    def set_params(self, **params):
        """Set parameters; ``name=transformer`` replaces a transformer.

        Parameters
        ----------
        **params : dict

        Returns
        -------
        self : FeatureUnion
        """
        return self._set_named_params("transformer_list", **params)

    @property
    def named_transformers(self):
        return Bunch(**dict(self.transformer_list))

    @property
    def n_features_in_(self):
        return next(t for _, t in self.transformer_list if not isinstance(t, str)).n_features_in_

    @property
    def feature_names_in_(self):
        return next(t for _, t in self.transformer_list
                    if not isinstance(t, str)).feature_names_in_

    def __sklearn_is_fitted__(self):
        for _, t in self.transformer_list:
            if isinstance(t, str):
                continue
            try:
                check_is_fitted(t)
            except Exception:  # NotFittedError from us or from scikit-learn
                return False
        return True

    def _extra_tags(self):
        try:
            steps = [t for _, t in self.transformer_list if not isinstance(t, str)]
        except (TypeError, ValueError):
            return {}
        return {"allow_nan": bool(steps) and all(_tags_of(t)["allow_nan"] for t in steps)}

    def _validate(self):
        names = [name for name, _ in self.transformer_list]
        self._check_names(names, self.get_params(deep=False))
        for name, t in self.transformer_list:
            if isinstance(t, str):
                if t not in ("drop", "passthrough"):
                    raise ValueError(f"{name!r}: {t!r} must be a transformer, 'drop' or 'passthrough'.")
            elif not (hasattr(t, "fit") or hasattr(t, "fit_transform")) or not hasattr(t, "transform"):
                raise TypeError(
                    "All estimators should implement fit and transform. "
                    f"{t!r} (type {type(t)}) doesn't"
                )

    def _active(self):
        """The (name, transformer) pairs that produce output ('drop' removed)."""
        return [(name, t) for name, t in self.transformer_list
                if not (isinstance(t, str) and t == "drop")]

    def _stack(self, outputs, n_rows):
        weights = self.transformer_weights or {}
        blocks = [np.asarray(out) * weights[name] if name in weights else np.asarray(out)
                  for name, out in outputs]
        return np.hstack(blocks) if blocks else np.zeros((n_rows, 0))  # eq. (feature-union)

    def fit(self, X, y=None, **params):
        """Fit every transformer on ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,), default=None
        **params : dict
            Ignored.

        Returns
        -------
        self : FeatureUnion
        """
        self.fit_transform(X, y)
        return self

    def fit_transform(self, X, y=None, **params):
        """Fit every transformer and concatenate their outputs (eq. feature-union).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,), default=None
        **params : dict
            Ignored.

        Returns
        -------
        X_t : ndarray of shape (n_samples, sum of the output widths)
        """
        self._validate()
        outputs = []
        for name, t in self._active():
            if isinstance(t, str):  # passthrough
                outputs.append((name, X))
            elif hasattr(t, "fit_transform"):
                outputs.append((name, t.fit_transform(X, y)))
            else:
                outputs.append((name, t.fit(X, y).transform(X)))
        return self._stack(outputs, _n_rows(X))

    def transform(self, X):
        """Transform ``X`` with every fitted transformer and concatenate.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_t : ndarray of shape (n_samples, sum of the output widths)
        """
        outputs = [(name, X if isinstance(t, str) else t.transform(X))
                   for name, t in self._active()]
        return self._stack(outputs, _n_rows(X))

    def get_feature_names_out(self, input_features=None):
        """Each transformer's names, prefixed ``'name__'`` if ``verbose_feature_names_out``.

        Parameters
        ----------
        input_features : array-like of str or None, default=None

        Returns
        -------
        feature_names_out : ndarray of str objects

        Raises
        ------
        ValueError
            Duplicate names when ``verbose_feature_names_out=False``.
        """
        from .preprocessing._base import check_feature_names_in

        out = []
        for name, t in self._active():
            if isinstance(t, str):
                sub = check_feature_names_in(self, input_features)
            else:
                if not hasattr(t, "get_feature_names_out"):
                    raise AttributeError(
                        f"Transformer {name} (type {type(t).__name__}) does not provide "
                        "get_feature_names_out."
                    )
                sub = t.get_feature_names_out(input_features)
            out.extend(f"{name}__{n}" if self.verbose_feature_names_out else n for n in sub)
        if not self.verbose_feature_names_out and len(set(out)) != len(out):
            dup = sorted({n for n in out if out.count(n) > 1})
            raise ValueError(
                f"Output feature names: {dup} are not unique. Please set "
                "verbose_feature_names_out=True to add prefixes to feature names"
            )
        return np.asarray(out, dtype=object)


def _n_rows(X):
    return X.shape[0] if hasattr(X, "shape") else np.asarray(X).shape[0]


def make_union(*transformers, n_jobs=None, verbose=False):
    """Build a :class:`FeatureUnion`, naming each transformer after its lower-cased class.

    Parameters
    ----------
    *transformers : transformers
    n_jobs : int or None, default=None
    verbose : bool, default=False

    Returns
    -------
    f : FeatureUnion

    Examples
    --------
    >>> from scratchml.pipeline import make_union
    >>> from scratchml.preprocessing import MinMaxScaler, StandardScaler
    >>> [name for name, _ in make_union(StandardScaler(), MinMaxScaler()).transformer_list]
    ['standardscaler', 'minmaxscaler']
    """
    return FeatureUnion(_name_estimators(transformers), n_jobs=n_jobs, verbose=verbose)

