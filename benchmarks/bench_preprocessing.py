"""Preprocessing inside pipelines: scaler/encoder/imputer + a model, against scikit-learn."""

import numpy as np
from sklearn import dummy as sk_dummy
from sklearn import impute as sk_impute
from sklearn import linear_model as sk_linear
from sklearn import pipeline as sk_pipeline
from sklearn import preprocessing as sk_pre

from benchmarks._data import bundled, synthetic
from benchmarks._registry import Case, register
from scratchml import dummy as sm_dummy
from scratchml import impute as sm_impute
from scratchml import linear_model as sm_linear
from scratchml import pipeline as sm_pipeline
from scratchml import preprocessing as sm_pre

EXACT = "closed-form preprocessing + a deterministic baseline: identical predictions"
LBFGS = ("identical scaled features (to ~1e-15) into the same L-BFGS objective: the "
         "solutions differ by ~tol, which can flip at most a borderline prediction")


def _with_holes(data, fraction=0.1, seed=0):
    """Knock out a fixed random 10% of the training and test entries."""
    X_train, X_test, y_train, y_test = data
    rng = np.random.RandomState(seed)
    X_train, X_test = X_train.copy(), X_test.copy()
    X_train[rng.random_sample(X_train.shape) < fraction] = np.nan
    X_test[rng.random_sample(X_test.shape) < fraction] = np.nan
    return X_train, X_test, y_train, y_test


register(Case(
    name="Pipeline(StandardScaler, DummyClassifier)", family="preprocessing",
    dataset="breast_cancer", data=lambda: bundled("breast_cancer"),
    scratch=lambda: sm_pipeline.make_pipeline(sm_pre.StandardScaler(), sm_dummy.DummyClassifier()),
    reference=lambda: sk_pipeline.make_pipeline(sk_pre.StandardScaler(), sk_dummy.DummyClassifier()),
    metric="accuracy", tolerance=0.0, note=EXACT,
))
register(Case(
    name="Pipeline(StandardScaler, LogisticRegression)", family="preprocessing",
    dataset="breast_cancer", data=lambda: bundled("breast_cancer"),
    scratch=lambda: sm_pipeline.make_pipeline(sm_pre.StandardScaler(), sm_linear.LogisticRegression()),
    reference=lambda: sk_pipeline.make_pipeline(sk_pre.StandardScaler(), sk_linear.LogisticRegression()),
    metric="accuracy", tolerance=0.01, note=LBFGS,
))
register(Case(
    name="Pipeline(SimpleImputer, StandardScaler, LogisticRegression)", family="preprocessing",
    dataset="breast_cancer 10% missing", data=lambda: _with_holes(bundled("breast_cancer")),
    scratch=lambda: sm_pipeline.make_pipeline(
        sm_impute.SimpleImputer(add_indicator=True), sm_pre.StandardScaler(),
        sm_linear.LogisticRegression()),
    reference=lambda: sk_pipeline.make_pipeline(
        sk_impute.SimpleImputer(add_indicator=True), sk_pre.StandardScaler(),
        sk_linear.LogisticRegression()),
    metric="accuracy", tolerance=0.01, note=LBFGS,
))
register(Case(
    name="Pipeline(KNNImputer(5), StandardScaler, Ridge)", family="preprocessing",
    dataset="diabetes 10% missing", data=lambda: _with_holes(bundled("diabetes")),
    scratch=lambda: sm_pipeline.make_pipeline(
        sm_impute.KNNImputer(), sm_pre.StandardScaler(), sm_linear.Ridge()),
    reference=lambda: sk_pipeline.make_pipeline(
        sk_impute.KNNImputer(), sk_pre.StandardScaler(), sk_linear.Ridge()),
    metric="r2", tolerance=1e-9,
    note="KNN imputation is exact against scikit-learn; Ridge is a closed form",
))
register(Case(
    name="Pipeline(PolynomialFeatures(2), StandardScaler, Ridge)", family="preprocessing",
    dataset="regression 20000x20", data=lambda: synthetic("regression", 20_000, 20),
    scratch=lambda: sm_pipeline.make_pipeline(
        sm_pre.PolynomialFeatures(2), sm_pre.StandardScaler(), sm_linear.Ridge()),
    reference=lambda: sk_pipeline.make_pipeline(
        sk_pre.PolynomialFeatures(2), sk_pre.StandardScaler(), sk_linear.Ridge()),
    metric="r2", tolerance=1e-9, note="closed forms all the way: identical up to rounding",
))
register(Case(
    name="Pipeline(KNNImputer(5), Ridge)", family="preprocessing",
    dataset="regression 5000x20 10% missing",
    data=lambda: _with_holes(synthetic("regression", 5_000, 20)),
    scratch=lambda: sm_pipeline.make_pipeline(sm_impute.KNNImputer(), sm_linear.Ridge()),
    reference=lambda: sk_pipeline.make_pipeline(sk_impute.KNNImputer(), sk_linear.Ridge()),
    metric="r2", tolerance=1e-9, note="exact imputation, closed-form model", size="full",
))
