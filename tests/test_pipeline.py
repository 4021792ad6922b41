"""Pipeline and make_pipeline: delegation, parameters, slicing, names."""

import numpy as np
import pytest
from sklearn import pipeline as skpipe
from sklearn import preprocessing as skpre
from sklearn.linear_model import LogisticRegression

from scratchml.dummy import DummyClassifier, DummyRegressor
from scratchml.pipeline import Pipeline, make_pipeline
from scratchml.preprocessing import MinMaxScaler, PolynomialFeatures, StandardScaler


@pytest.fixture
def data(rng):
    X = rng.normal(size=(40, 3)) * [1.0, 5.0, 0.1] + [0.0, 2.0, -1.0]
    y = (X[:, 0] > 0).astype(int)
    return X, y


def test_pipeline_transform_matches_sklearn(data):
    X, _ = data
    a = Pipeline([("poly", PolynomialFeatures(2)), ("scale", StandardScaler())]).fit(X)
    b = skpipe.Pipeline([("poly", skpre.PolynomialFeatures(2)), ("scale", skpre.StandardScaler())]).fit(X)
    # two closed-form steps composed: same float64 operations, a few ulps
    np.testing.assert_allclose(a.transform(X), b.transform(X), rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(a.get_feature_names_out(), b.get_feature_names_out())


def test_pipeline_fits_each_step_on_previous_output(data):
    X, y = data
    pipe = Pipeline([("scale", StandardScaler()), ("mm", MinMaxScaler()), ("clf", DummyClassifier())])
    pipe.fit(X, y)
    Z = StandardScaler().fit_transform(X)
    np.testing.assert_array_equal(pipe["mm"].data_min_, Z.min(axis=0))
    np.testing.assert_array_equal(pipe.predict(X), DummyClassifier().fit(Z, y).predict(Z))
    np.testing.assert_array_equal(pipe.predict_proba(X), pipe["clf"].predict_proba(Z))
    assert pipe.score(X, y) == pipe["clf"].score(Z, y)
    np.testing.assert_array_equal(pipe.classes_, [0, 1])
    assert pipe.n_features_in_ == 3


def test_pipeline_with_sklearn_final_step(data):
    X, y = data
    a = Pipeline([("scale", StandardScaler()), ("clf", LogisticRegression())]).fit(X, y)
    b = skpipe.Pipeline([("scale", skpre.StandardScaler()), ("clf", LogisticRegression())]).fit(X, y)
    # identical scaled input to the same solver: identical model up to rounding
    np.testing.assert_allclose(a.predict_proba(X), b.predict_proba(X), rtol=1e-10)
    np.testing.assert_allclose(a.decision_function(X), b.decision_function(X), rtol=1e-10, atol=1e-12)


def test_pipeline_params_and_set_params(data):
    X, y = data
    pipe = Pipeline([("scale", StandardScaler()), ("clf", DummyClassifier())])
    params = pipe.get_params()
    assert params["scale"] is pipe["scale"] and params["scale__with_mean"] is True
    pipe.set_params(scale__with_mean=False, clf__strategy="most_frequent")
    assert pipe["scale"].with_mean is False and pipe["clf"].strategy == "most_frequent"
    pipe.set_params(scale="passthrough")
    assert pipe.steps[0] == ("scale", "passthrough")
    pipe.fit(X, y)
    with pytest.raises(ValueError, match="Invalid parameter"):
        pipe.set_params(nope=1)


def test_pipeline_getitem_slicing_and_named_steps(data):
    X, _ = data
    scale, poly = StandardScaler(), PolynomialFeatures()
    pipe = Pipeline([("scale", scale), ("poly", poly), ("last", MinMaxScaler())]).fit(X)
    assert pipe[0] is scale and pipe["poly"] is poly and pipe.named_steps.poly is poly
    sub = pipe[:2]
    assert isinstance(sub, Pipeline) and len(sub) == 2 and sub[1] is poly
    np.testing.assert_array_equal(sub.transform(X), poly.transform(scale.transform(X)))
    # slices share the fitted steps: composing them is the whole pipeline
    np.testing.assert_array_equal(pipe[2:].transform(sub.transform(X)), pipe.transform(X))


def test_pipeline_passthrough_and_none_steps(data):
    X, y = data
    pipe = Pipeline([("a", None), ("scale", StandardScaler()), ("b", "passthrough")]).fit(X)
    np.testing.assert_allclose(pipe.transform(X), StandardScaler().fit_transform(X))
    np.testing.assert_allclose(pipe.inverse_transform(pipe.transform(X)), X, rtol=1e-12, atol=1e-12)
    assert Pipeline([("only", "passthrough")]).fit(X).transform(X) is X


def test_pipeline_methods_follow_final_step(data):
    pipe = Pipeline([("scale", StandardScaler()), ("reg", DummyRegressor())])
    assert hasattr(pipe, "predict") and not hasattr(pipe, "predict_proba")
    assert not hasattr(pipe, "transform")
    assert hasattr(Pipeline([("s", StandardScaler())]), "transform")


def test_pipeline_fit_params_routed_by_step_name(data):
    X, y = data
    w = np.where(y == 1, 10.0, 1.0)
    pipe = Pipeline([("scale", StandardScaler()), ("clf", DummyClassifier())])
    pipe.fit(X, y, clf__sample_weight=w)
    ref = DummyClassifier().fit(X, y, sample_weight=w)
    np.testing.assert_allclose(pipe["clf"].class_prior_, ref.class_prior_)
    with pytest.raises(ValueError, match="stepname__parameter"):
        pipe.fit(X, y, sample_weight=w)


def test_pipeline_bad_steps_raise(data):
    X, y = data
    with pytest.raises(TypeError, match="intermediate steps"):
        Pipeline([("clf", DummyClassifier()), ("scale", StandardScaler())]).fit(X, y)
    with pytest.raises(ValueError, match="not unique"):
        Pipeline([("a", StandardScaler()), ("a", DummyClassifier())]).fit(X, y)
    with pytest.raises(ValueError, match="__"):
        Pipeline([("a__b", StandardScaler()), ("c", DummyClassifier())]).fit(X, y)
    with pytest.raises(ValueError, match="empty"):
        Pipeline([]).fit(X, y)


def test_make_pipeline_names_like_sklearn():
    a = make_pipeline(StandardScaler(), StandardScaler(), "passthrough", DummyClassifier())
    b = skpipe.make_pipeline(skpre.StandardScaler(), skpre.StandardScaler(), "passthrough",
                             DummyClassifier())
    assert [n for n, _ in a.steps] == [n for n, _ in b.steps]


def test_pipeline_works_in_sklearn_cross_validation(data):
    from sklearn.model_selection import cross_val_score

    X, y = data
    scores = cross_val_score(make_pipeline(StandardScaler(), DummyClassifier()), X, y, cv=3)
    assert scores.shape == (3,)


def test_pipeline_grid_search_over_step_params(data):
    from sklearn.model_selection import GridSearchCV

    X, y = data
    pipe = Pipeline([("poly", PolynomialFeatures()), ("scale", StandardScaler()),
                     ("clf", LogisticRegression())])
    search = GridSearchCV(pipe, {"poly__degree": [1, 2], "scale": [StandardScaler(), "passthrough"]},
                          cv=3).fit(X, y)
    assert search.best_params_["poly__degree"] in (1, 2)
    assert len(search.cv_results_["params"]) == 4


class _DuplicateMinority:
    """A minimal resampler: repeats every minority-class row once (fit only)."""

    def fit_resample(self, X, y):
        minority = y == np.argmin(np.bincount(y))
        return np.vstack([X, X[minority]]), np.concatenate([y, y[minority]])

    def get_params(self, deep=True):
        return {}


def test_pipeline_resampler_step_acts_in_fit_only(rng):
    X = rng.normal(size=(30, 2))
    y = np.array([0] * 24 + [1] * 6)
    pipe = Pipeline([("resample", _DuplicateMinority()), ("scale", StandardScaler()),
                     ("clf", DummyClassifier(strategy="prior"))]).fit(X, y)
    # the scaler and the model saw 36 rows with 12 of class 1 ...
    assert pipe["scale"].n_samples_seen_ == 36
    np.testing.assert_allclose(pipe["clf"].class_prior_, [24 / 36, 12 / 36])
    # ... while predict leaves the 30 test rows alone
    assert pipe.predict_proba(X).shape == (30, 2)
    np.testing.assert_allclose(pipe[:-1].transform(X), pipe["scale"].transform(X))


def test_pipeline_with_scratchml_smote_step(rng):
    from scratchml.over_sampling import SMOTE

    X = rng.normal(size=(60, 3))
    y = np.array([0] * 48 + [1] * 12)
    X[y == 1] += 2.0
    pipe = Pipeline([("smote", SMOTE(random_state=0)), ("scale", StandardScaler()),
                     ("clf", DummyClassifier())]).fit(X, y)
    np.testing.assert_allclose(pipe["clf"].class_prior_, [0.5, 0.5])  # balanced by SMOTE
    assert pipe["scale"].n_samples_seen_ == 96
    assert pipe.predict(X).shape == (60,)


def test_feature_union_matches_sklearn(data):
    from scratchml.pipeline import FeatureUnion, make_union

    X, _ = data
    a = FeatureUnion([("std", StandardScaler()), ("poly", PolynomialFeatures(2)),
                      ("raw", "passthrough"), ("gone", "drop")],
                     transformer_weights={"std": 2.0})
    b = skpipe.FeatureUnion([("std", skpre.StandardScaler()), ("poly", skpre.PolynomialFeatures(2)),
                             ("raw", "passthrough"), ("gone", "drop")],
                            transformer_weights={"std": 2.0})
    # closed-form transformers side by side: equal to a few ulps
    np.testing.assert_allclose(a.fit_transform(X), b.fit_transform(X), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(a.transform(X[:5]), b.transform(X[:5]), rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(a.get_feature_names_out(), b.get_feature_names_out())
    a.set_params(std__with_mean=False, poly="drop")
    assert a.fit_transform(X).shape == (40, 6)
    names = [n for n, _ in make_union(StandardScaler(), MinMaxScaler()).transformer_list]
    assert names == ["standardscaler", "minmaxscaler"]
    with pytest.raises(ValueError, match="are not unique"):
        FeatureUnion([("a", StandardScaler()), ("b", MinMaxScaler())],
                     verbose_feature_names_out=False).fit(X).get_feature_names_out()
