r"""Histogram-based gradient boosting: ``HistGradientBoostingRegressor`` and ``...Classifier``.

The estimators here only orchestrate: binning (``binning.py``), one tree per
iteration and output (``grower.py``), losses (``loss.py``), early stopping.
"""

from numbers import Integral, Real

import numpy as np

from ...base import BaseEstimator, ClassifierMixin
from ...model_selection import train_test_split
from ...tree._classes import RealNotInt
from ...utils.validation import (
    Interval,
    StrOptions,
    check_is_fitted,
    check_random_state,
    check_sample_weight,
    validate_data,
)
from .binning import fit_bin_thresholds, map_categories, map_to_bins
from .grower import TreeGrower

__all__ = ["BaseHistGradientBoosting"]


class BaseHistGradientBoosting(BaseEstimator):
    """Shared fitting loop; subclasses choose the loss and encode ``y``."""

    _parameter_constraints = {
        "learning_rate": [Interval(Real, 0, None, closed="neither")],
        "max_iter": [Interval(Integral, 1, None, closed="left")],
        "max_leaf_nodes": [Interval(Integral, 2, None, closed="left"), None],
        "max_depth": [Interval(Integral, 1, None, closed="left"), None],
        "min_samples_leaf": [Interval(Integral, 1, None, closed="left")],
        "l2_regularization": [Interval(Real, 0, None, closed="left")],
        "max_bins": [Interval(Integral, 2, 255, closed="both")],
        "early_stopping": [StrOptions({"auto"}), "boolean"],
        "scoring": [StrOptions({"loss"})],
        "validation_fraction": [Interval(RealNotInt, 0, 1, closed="neither"),
                                Interval(Integral, 1, None, closed="left"), None],
        "n_iter_no_change": [Interval(Integral, 1, None, closed="left")],
        "tol": [Interval(Real, 0, None, closed="left")],
        "monotonic_cst": ["array-like", None],
        "max_features": [Interval(RealNotInt, 0, 1, closed="right")],
        "categorical_features": [StrOptions({"from_dtype"}), "array-like", None],
        "random_state": ["random_state"],
        "warm_start": ["boolean"],
    }

    def _extra_tags(self):
        return {"allow_nan": True}

    def fit(self, X, y, sample_weight=None):
        """Fit the boosted trees.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data; NaN marks a missing value.
        y : array-like of shape (n_samples,)
            Targets (regression) or class labels (classification).
        sample_weight : array-like of shape (n_samples,), default=None
            Multiplies each sample's gradient and Hessian.

        Returns
        -------
        self : estimator
            The fitted estimator.
        """
        self._validate_params()
        if any(str(dtype) == "category" for dtype in getattr(X, "dtypes", [])):
            raise ValueError("pandas categorical columns are not supported: encode them as "
                             "integers 0..max_bins-1 and pass categorical_features.")
        warm = self.warm_start and self._is_fitted()
        if warm:
            n_old, old_classes = self.n_features_in_, getattr(self, "classes_", None)
        X, y = validate_data(self, X, y, dtype=[np.float64], ensure_all_finite="allow-nan",
                             y_numeric=not isinstance(self, ClassifierMixin))
        y = self._encode_y(y)
        if warm:
            self._check_warm_start(X, n_old, old_classes)
        if sample_weight is not None:
            sample_weight = check_sample_weight(sample_weight, X, ensure_non_negative=True)
        sample_weight = self._finalize_sample_weight(sample_weight, y)
        if not warm:
            rng = check_random_state(self.random_state)
            # Two draws as scikit-learn makes them: the seed of the validation split
            # and of the binning subsample, then the seed of the per-node feature
            # draws. A warm start keeps both (same split and bins, and the feature
            # draws continue the stream of the first fit).
            self._random_seed = rng.randint(np.iinfo(np.uint32).max, dtype="u8")
            self._feature_rng = np.random.default_rng(
                rng.randint(np.iinfo(np.uint32).max, dtype="u8"))
        seed, feature_rng = self._random_seed, self._feature_rng
        self._loss = self._get_loss()
        n_samples = X.shape[0]
        self.do_early_stopping_ = (n_samples > 10_000 if self.early_stopping == "auto"
                                   else bool(self.early_stopping))
        use_validation = self.do_early_stopping_ and self.validation_fraction is not None
        if use_validation:
            stratify = y if isinstance(self, ClassifierMixin) else None
            arrays = (X, y) if sample_weight is None else (X, y, sample_weight)
            parts = train_test_split(*arrays, test_size=self.validation_fraction,
                                     stratify=stratify, random_state=int(seed))
            X_train, X_val, y_train, y_val = parts[:4]
            sw_train, sw_val = parts[4:] if sample_weight is not None else (None, None)
        else:
            X_train, y_train, sw_train = X, y, sample_weight

        missing_bin = self.max_bins  # bins 0..max_bins-1 for values, the last for NaN
        is_categorical = self._check_categorical_features(X)
        monotonic_cst = self._check_monotonic_cst(X.shape[1])
        if np.any(monotonic_cst[is_categorical] != 0):
            raise ValueError("Categorical features cannot have monotonic constraints.")
        self.is_categorical_ = is_categorical if is_categorical.any() else None
        self._bin_thresholds, n_bins_non_missing = fit_bin_thresholds(
            X_train, self.max_bins, np.random.RandomState(seed), sw_train, is_categorical)
        X_binned = map_to_bins(X_train, self._bin_thresholds, missing_bin, is_categorical)
        has_missing = (X_binned == missing_bin).any(axis=0).astype(np.int64)

        n, K = X_binned.shape[0], self._n_trees_per_iteration
        if not warm:
            self._baseline_prediction = self._loss.baseline(y_train, sw_train)  # eq. (hgb-baseline)
            self._predictors = []
        raw = self._raw_predict_binned(X_binned)  # F_0 (+ the trees kept by a warm start)
        g = np.empty((n, K), dtype=np.float32, order="F")
        h = np.empty((n, K), dtype=np.float32, order="F")
        sw_grad = np.ones(n) if sw_train is None else sw_train
        grower_args = dict(
            n_bins=self.max_bins + 1, n_bins_non_missing=n_bins_non_missing,
            has_missing=has_missing, monotonic_cst=monotonic_cst,
            is_categorical=is_categorical, max_leaf_nodes=self.max_leaf_nodes,
            max_depth=self.max_depth, min_samples_leaf=self.min_samples_leaf,
            l2_regularization=self.l2_regularization, shrinkage=self.learning_rate,
            max_features=self.max_features, rng=feature_rng)
        if use_validation:
            X_binned_val = map_to_bins(X_val, self._bin_thresholds, missing_bin, is_categorical)
            raw_val = self._raw_predict_binned(X_binned_val)
        if warm:
            if self.max_iter < self.n_iter_:
                raise ValueError(f"max_iter={self.max_iter} must be larger than or equal to "
                                 f"n_iter_={self.n_iter_} when warm_start==True")
            # the scores so far continue (early stopping looks back across fits)
            train_score = self.train_score_.tolist()
            validation_score = self.validation_score_.tolist()
        else:
            train_score, validation_score = [], []
            if self.do_early_stopping_:
                self._score(train_score, validation_score, y_train, raw, sw_train,
                            use_validation and (y_val, raw_val, sw_val))

        for _ in range(len(self._predictors), self.max_iter):
            # per-sample terms of eq. (hgb-taylor)
            self._loss.gradient_hessian(y_train, raw, sw_grad, g, h)
            trees = [self._boost_one_tree(X_binned, g[:, k], h[:, k], y_train, sw_train,
                                          raw[:, k], grower_args) for k in range(K)]
            self._predictors.append(trees)
            if self.do_early_stopping_:
                if use_validation:
                    for k, tree in enumerate(trees):
                        tree.add_predict_binned(X_binned_val, raw_val[:, k])
                self._score(train_score, validation_score, y_train, raw, sw_train,
                            use_validation and (y_val, raw_val, sw_val))
                scores = validation_score if use_validation else train_score
                if self._should_stop(scores):
                    break
        self.n_iter_ = len(self._predictors)
        self.train_score_ = np.asarray(train_score)
        self.validation_score_ = np.asarray(validation_score)
        return self

    def _boost_one_tree(self, X_binned, g, h, y, sample_weight, raw_k, grower_args):
        """Grow one tree on (g, h), add it to ``raw_k`` in place, return its predictor."""
        grower = TreeGrower(X_binned, g, h, **grower_args).grow()
        if not self._loss.differentiable:
            # e.g. absolute error: refit each leaf to its residuals' median
            for leaf in grower.leaves:
                idx = leaf.sample_indices
                leaf.value = self.learning_rate * self._loss.leaf_value(
                    y[idx] - raw_k[idx], None if sample_weight is None else sample_weight[idx])
        for leaf in grower.leaves:
            raw_k[leaf.sample_indices] += leaf.value  # eq. (hgb-update)
        return grower.make_predictor(self._bin_thresholds)

    def _finalize_sample_weight(self, sample_weight, y):
        return sample_weight

    def _is_fitted(self):
        return len(getattr(self, "_predictors", [])) > 0

    def _check_warm_start(self, X, n_old, old_classes):
        """A warm start must see the features (and classes) of the first fit."""
        if X.shape[1] != n_old:
            raise ValueError(f"X has {X.shape[1]} features, but {type(self).__name__} was "
                             f"fitted with {n_old} features; warm_start=True needs the same "
                             "features.")
        if old_classes is not None and not np.array_equal(old_classes, self.classes_):
            raise ValueError(f"y has classes {self.classes_.tolist()}, but the warm-started "
                             f"model was fitted with classes {old_classes.tolist()}.")

    def _raw_predict_binned(self, X_binned):
        """F_0 plus the trees fitted so far on binned rows: (n_samples, K), Fortran order."""
        raw = np.zeros((X_binned.shape[0], self._n_trees_per_iteration), order="F")
        raw += self._baseline_prediction
        for trees in getattr(self, "_predictors", []):
            for k, tree in enumerate(trees):
                tree.add_predict_binned(X_binned, raw[:, k])
        return raw

    def _check_categorical_features(self, X):
        """``categorical_features`` as a boolean mask; checks the category codes."""
        n_features = X.shape[1]
        mask = np.zeros(n_features, dtype=bool)
        if self.categorical_features is None or isinstance(self.categorical_features, str):
            return mask
        given = np.asarray(self.categorical_features)
        if given.dtype.kind == "b":
            if given.shape != (n_features,):
                raise ValueError(f"categorical_features set as a boolean mask must have "
                                 f"shape (n_features,), got: {given.shape}")
            mask[:] = given
        elif given.dtype.kind in "iu":
            if given.size and (given.min() < -n_features or given.max() >= n_features):
                raise ValueError("categorical_features set as integer indices must be in "
                                 f"[0, n_features - 1] = [0, {n_features - 1}]")
            mask[given] = True
        else:
            raise ValueError("categorical_features must be None, 'from_dtype', a boolean "
                             "mask or integer indices.")
        for f in np.flatnonzero(mask):
            codes = np.unique(X[~np.isnan(X[:, f]), f])
            if codes.shape[0] > self.max_bins:
                raise ValueError(
                    f"Categorical feature at index {f} is expected to have a cardinality "
                    f"<= {self.max_bins} but actually has a cardinality of {codes.shape[0]}.")
            if codes.size and (codes.min() < 0 or codes.max() >= self.max_bins
                               or np.any(codes != np.floor(codes))):
                raise ValueError(
                    f"Categorical feature at index {f} is expected to be encoded with "
                    f"integer values in [0, {self.max_bins - 1}]; found values in "
                    f"[{codes.min()}, {codes.max()}].")
        return mask

    def _check_monotonic_cst(self, n_features):
        """``monotonic_cst`` as an int64 array of -1/0/+1, one per feature."""
        if self.monotonic_cst is None:
            return np.zeros(n_features, dtype=np.int64)
        if self._n_trees_per_iteration != 1:
            raise ValueError(
                "monotonic constraints are not supported for multiclass classification.")
        cst = np.asarray(self.monotonic_cst)
        if cst.shape != (n_features,):
            raise ValueError(f"monotonic_cst has shape {cst.shape} but the input data X "
                             f"has {n_features} features.")
        if not np.isin(cst, (-1, 0, 1)).all():
            raise ValueError("monotonic_cst must be an array-like of -1, 0 or 1. Observed "
                             f"values: {np.unique(cst).tolist()}.")
        return cst.astype(np.int64)

    def _score(self, train_score, validation_score, y, raw, sw, val):
        """Append -loss on the training (and validation) data, as scikit-learn."""
        train_score.append(-self._loss.loss(y, raw, sw))
        if val:
            y_val, raw_val, sw_val = val
            validation_score.append(-self._loss.loss(y_val, raw_val, sw_val))

    def _should_stop(self, scores):
        """True when none of the last ``n_iter_no_change`` scores beats the one
        before them by more than ``tol``."""
        reference = self.n_iter_no_change + 1
        if len(scores) < reference:
            return False
        return not any(s > scores[-reference] + self.tol for s in scores[-reference + 1:])

    def _validate_X_predict(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=[np.float64],
                          ensure_all_finite="allow-nan")
        X = np.ascontiguousarray(X)
        # bins of the categorical columns (read only at categorical splits)
        X_codes = np.zeros((X.shape[0], X.shape[1] if self.is_categorical_ is not None else 0),
                           dtype=np.uint8)
        if self.is_categorical_ is not None:
            for f in np.flatnonzero(self.is_categorical_):
                X_codes[:, f] = map_categories(X[:, f], self._bin_thresholds[f], self.max_bins)
        return X, X_codes

    def _staged_raw_predict(self, X):
        """Yield the raw predictions (n_samples, K) after each iteration (eq. hgb-update)."""
        X, X_codes = self._validate_X_predict(X)
        raw = np.zeros((self._n_trees_per_iteration, X.shape[0]))  # (K, n_samples)
        raw += self._baseline_prediction[:, None]
        for trees in self._predictors:
            for k, tree in enumerate(trees):
                tree.add_predict(X, X_codes, raw[k])
            yield raw.T.copy()

    def _raw_predict(self, X):
        """Raw predictions F(x) of shape (n_samples, K), eq. (hgb-update)."""
        X, X_codes = self._validate_X_predict(X)
        raw = np.zeros((self._n_trees_per_iteration, X.shape[0]))  # (K, n_samples)
        raw += self._baseline_prediction[:, None]
        for trees in self._predictors:
            for k, tree in enumerate(trees):
                tree.add_predict(X, X_codes, raw[k])
        return raw.T
