r"""Stage-wise fitting shared by ``GradientBoostingClassifier`` and ``GradientBoostingRegressor``.

``BaseGradientBoosting`` holds the boosting loop (Friedman's TreeBoost), the
initial prediction (``init``), resuming a fitted model (``warm_start``),
staged prediction and the feature importances. Equation labels refer to the
docstrings of the two estimators in ``_gb.py``.
"""

from inspect import signature
from numbers import Integral, Real

import numpy as np

from ..base import BaseEstimator, ClassifierMixin, clone
from ..tree import DecisionTreeRegressor
from ..tree._classes import RealNotInt
from ..utils.validation import (
    Interval,
    StrOptions,
    check_is_fitted,
    check_random_state,
    check_sample_weight,
    validate_data,
)
from ._gb_kernels import selection_sample_mask_jit


class BaseGradientBoosting(BaseEstimator):
    """Stage-wise fitting, staged prediction and importances shared by both estimators."""

    _parameter_constraints = {
        "learning_rate": [Interval(Real, 0.0, None, closed="left")],
        "n_estimators": [Interval(Integral, 1, None, closed="left")],
        "subsample": [Interval(Real, 0.0, 1.0, closed="right")],
        "criterion": [StrOptions({"friedman_mse", "squared_error"})],
        "max_depth": [Interval(Integral, 1, None, closed="left"), None],
        "min_samples_split": [Interval(Integral, 2, None, closed="left"),
                              Interval(RealNotInt, 0.0, 1.0, closed="right")],
        "min_samples_leaf": [Interval(Integral, 1, None, closed="left"),
                             Interval(RealNotInt, 0.0, 1.0, closed="neither")],
        "min_weight_fraction_leaf": [Interval(Real, 0.0, 0.5, closed="both")],
        "min_impurity_decrease": [Interval(Real, 0.0, None, closed="left")],
        "max_features": [Interval(Integral, 1, None, closed="left"),
                         Interval(RealNotInt, 0.0, 1.0, closed="right"),
                         StrOptions({"sqrt", "log2"}), None],
        "max_leaf_nodes": [Interval(Integral, 2, None, closed="left"), None],
        "random_state": ["random_state"],
        "ccp_alpha": [Interval(Real, 0.0, None, closed="left")],
        "validation_fraction": [Interval(Real, 0.0, 1.0, closed="neither")],
        "n_iter_no_change": [Interval(Integral, 1, None, closed="left"), None],
        "tol": [Interval(Real, 0.0, None, closed="left")],
        "warm_start": ["boolean"],
    }

    def _stage_tree(self, rng):
        return DecisionTreeRegressor(
            criterion=self.criterion, max_depth=self.max_depth,
            min_samples_split=self.min_samples_split, min_samples_leaf=self.min_samples_leaf,
            min_weight_fraction_leaf=self.min_weight_fraction_leaf,
            min_impurity_decrease=self.min_impurity_decrease, max_features=self.max_features,
            max_leaf_nodes=self.max_leaf_nodes, ccp_alpha=self.ccp_alpha, random_state=rng,
        )

    def _split_validation(self, X, y, w, stratify):
        """Hold out ``validation_fraction`` for early stopping (the split scikit-learn makes)."""
        if self.n_iter_no_change is None:
            return (X, y, w), None
        from ..model_selection import train_test_split

        X, X_val, y, y_val, w, w_val = train_test_split(
            X, y, w, random_state=self.random_state, test_size=self.validation_fraction,
            stratify=y if stratify else None,
        )
        return (X, y, w), (X_val, y_val, w_val)

    def _is_fitted(self):
        return len(getattr(self, "estimators_", [])) > 0

    def _init_state(self, X, y, w, loss, K, default_init, weighted):
        """Fit ``init`` (``default_init`` when None) and return F_0 on the training rows.

        The default dummy and 'zero' give a constant :math:`F_0` (the loss's
        own minimiser, or 0) kept in ``_raw_init``; an ``init`` estimator is
        cloned, fitted on the same rows (with ``sample_weight`` when the user
        passed one) and its predictions mapped to the raw scale by the loss's
        link, as scikit-learn does.
        """
        self._loss = loss
        if isinstance(self, ClassifierMixin):
            y = y.astype(np.intp)  # the encoded labels 0..K-1, whatever the loss's dtype
        if self.init is None:
            self.init_ = default_init.fit(X, y, sample_weight=w)
            self._raw_init = loss.init_raw(y, w)
        elif isinstance(self.init, str):  # 'zero'
            self.init_ = "zero"
            self._raw_init = np.zeros(K)
        else:
            self.init_ = clone(self.init)
            self._raw_init = None
            if not weighted:
                self.init_.fit(X, y)
            elif "sample_weight" not in signature(self.init_.fit).parameters:
                raise ValueError(
                    f"The initial estimator {type(self.init_).__name__} does not support "
                    "sample weights."
                )
            else:
                self.init_.fit(X, y, sample_weight=w)
        return self._init_raw(X)

    def _init_raw(self, X):
        """F_0(x) of eq. (gb-model) for validated rows X: shape (n_samples, K)."""
        if self._raw_init is not None:
            return np.tile(self._raw_init, (X.shape[0], 1))
        if isinstance(self, ClassifierMixin):
            p = self.init_.predict_proba(X)
            if self.n_classes_ == 2:
                p = p[:, 1]  # probability of the positive class
            eps = np.finfo(np.float64).eps
            # clipped so that the link (a logit) stays finite
            raw = self._loss.link(np.clip(np.asarray(p, dtype=np.float64), eps, 1 - eps))  # eq. (gb-init)
        else:
            raw = np.asarray(self.init_.predict(X), dtype=np.float64)
        return raw.reshape(X.shape[0], -1)

    def _start_or_resume(self, X, y, w, loss, K, default_init, weighted):
        """F on the training rows and the first stage to fit (> 0 on a warm start)."""
        n_old = self.estimators_.shape[0] if self._is_fitted() else 0
        if n_old == 0:  # a fresh fit (``fit`` cleared the state unless warm_start)
            F = self._init_state(X, y, w, loss, K, default_init, weighted)
            # one generator for the whole ensemble, kept so that a warm start
            # continues its stream: 50 + 50 stages draw what 100 stages draw
            self._rng = check_random_state(self.random_state)
            self.estimators_ = np.empty((self.n_estimators, K), dtype=object)
            self.train_score_ = np.zeros(self.n_estimators)
            if self.subsample < 1.0:
                self.oob_improvement_ = np.zeros(self.n_estimators)
                self.oob_scores_ = np.zeros(self.n_estimators)
            return F, 0
        if self.n_estimators < n_old:
            raise ValueError(
                f"n_estimators={self.n_estimators} must be larger or equal to "
                f"estimators_.shape[0]={n_old} when warm_start==True"
            )
        self._loss = loss
        F = self._raw_from_stages(X, self.estimators_)  # the current model on X
        pad = self.n_estimators - n_old
        self.estimators_ = np.concatenate([self.estimators_, np.empty((pad, K), dtype=object)])
        self.train_score_ = np.concatenate([self.train_score_, np.zeros(pad)])
        if self.subsample < 1.0 or hasattr(self, "oob_improvement_"):
            old_imp = getattr(self, "oob_improvement_", np.zeros(n_old))
            old_scores = getattr(self, "oob_scores_", np.zeros(n_old))
            self.oob_improvement_ = np.concatenate([old_imp, np.zeros(pad)])
            self.oob_scores_ = np.concatenate([old_scores, np.zeros(pad)])
        return F, n_old

    def _boost(self, X, y, w, loss, K, validation, default_init, weighted):
        """Fit stages up to ``n_estimators`` of ``K`` trees; y is encoded (classes) or float.

        A warm start resumes after the stages already fitted. With
        ``validation`` (X_val, y_val, w_val), stop once the validation loss
        has not improved by ``tol`` on any of the last ``n_iter_no_change``
        stages.
        """
        n = X.shape[0]
        F, begin = self._start_or_resume(X, y, w, loss, K, default_init, weighted)  # (n, K)
        rng = self._rng
        do_oob = self.subsample < 1.0
        n_inbag = max(1, int(self.subsample * n))
        mask = np.ones(n, dtype=bool)
        if do_oob and begin > 0:
            previous = self.oob_scores_[begin - 1]
        if validation is not None:
            X_val, y_val, w_val = validation
            # on a warm start, the current model's validation predictions (scikit-learn
            # restarts them from stage 0, which compares the wrong models)
            F_val = self._raw_from_stages(X_val, self.estimators_[:begin])
            history = np.full(self.n_iter_no_change, np.inf)
        n_stages = self.n_estimators
        for m in range(begin, self.n_estimators):
            if do_oob:
                # same uniform draws, same rows as scikit-learn for the same seed
                mask = selection_sample_mask_jit(rng.uniform(size=n), n_inbag)
                if m == 0:
                    previous = loss(y[~mask], F[~mask], w[~mask])
            if hasattr(loss, "start_stage"):  # Huber: delta from the current residuals
                loss.start_stage(y, F, w)
            neg_g = loss.neg_gradient(y, F)  # eq. (gb-residual), at the stage's start
            w_stage = w * mask
            for k in range(K):
                tree = self._stage_tree(rng)
                tree._fit_encoded(X, neg_g[:, k], w_stage)
                tree.n_features_in_ = X.shape[1]
                leaves = tree.tree_.apply(X)
                y_k = (y == k).astype(np.float64) if K > 1 else y
                inbag = leaves[mask]
                values = loss.leaf_values(tree.tree_.value[:, 0, 0], inbag, y_k[mask],
                                          neg_g[mask, k], w[mask], K, F[mask, k])
                tree.tree_.value[:, 0, 0] = values  # eq. (gb-newton)
                F[:, k] += self.learning_rate * values[leaves]  # eq. (gb-update)
                self.estimators_[m, k] = tree
            self.train_score_[m] = loss(y[mask], F[mask], w[mask])
            if do_oob:
                self.oob_scores_[m] = loss(y[~mask], F[~mask], w[~mask])
                self.oob_improvement_[m] = previous - self.oob_scores_[m]
                previous = self.oob_scores_[m]
            if validation is not None:
                for k in range(K):
                    F_val[:, k] += self.learning_rate * self.estimators_[m, k].tree_.predict(
                        X_val)[:, 0, 0]
                val_loss = loss(y_val, F_val, w_val)
                if not np.any(val_loss + self.tol < history):
                    n_stages = m + 1  # no improvement in n_iter_no_change stages
                    break
                history[m % history.shape[0]] = val_loss
        self.n_estimators_ = n_stages
        self.estimators_ = self.estimators_[:n_stages]
        self.train_score_ = self.train_score_[:n_stages]
        if hasattr(self, "oob_improvement_"):
            self.oob_improvement_ = self.oob_improvement_[:n_stages]
            self.oob_scores_ = self.oob_scores_[:n_stages]
            self.oob_score_ = self.oob_scores_[-1]
        return self

    def _raw_from_stages(self, X, stages):
        """F_0 plus the shrunk trees of ``stages`` on validated rows X, eq. (gb-model)."""
        F = self._init_raw(X)
        for stage in stages:
            for k, tree in enumerate(stage):
                F[:, k] += self.learning_rate * tree.tree_.predict(X)[:, 0, 0]
        return F

    def _staged_raw(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float32)
        F = self._init_raw(X)
        for stage in self.estimators_:
            for k, tree in enumerate(stage):
                F[:, k] += self.learning_rate * tree.tree_.predict(X)[:, 0, 0]  # eq. (gb-model)
            yield F.copy()

    def _raw_predict(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float32)
        return self._raw_from_stages(X, self.estimators_)

    @property
    def feature_importances_(self):
        """Mean over stages of the trees' unnormalised MDI, normalised to sum to 1."""
        check_is_fitted(self)
        imps = [t.tree_.compute_feature_importances(normalize=False)
                for stage in self.estimators_ for t in stage if t.tree_.node_count > 1]
        if not imps:
            return np.zeros(self.n_features_in_)
        mean = np.mean(imps, axis=0)
        return mean / mean.sum()

    def _validate_fit(self, X, y, sample_weight, y_numeric):
        self._validate_params()
        if not self.warm_start:
            self._clear_state()
        n_old = self.n_features_in_ if self._is_fitted() else None
        X, y = validate_data(self, X, y, dtype=np.float32, y_numeric=y_numeric)
        if n_old is not None and X.shape[1] != n_old:
            raise ValueError(
                f"X has {X.shape[1]} features, but {type(self).__name__} was fitted with "
                f"{n_old} features; warm_start=True needs the same features."
            )
        w = check_sample_weight(sample_weight, X, dtype=np.float64, ensure_non_negative=True)
        return X, y, w

    def _clear_state(self):
        """Forget the fitted stages: the next fit starts from ``init`` again."""
        for name in ("estimators_", "train_score_", "oob_improvement_", "oob_scores_",
                     "oob_score_", "init_", "_rng"):
            if hasattr(self, name):
                delattr(self, name)
