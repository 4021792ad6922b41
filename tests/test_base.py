"""The estimator contract: parameters, repr, clone, tags, scikit-learn interop."""

import ast
import pathlib
import pickle
import subprocess
import sys

import numpy as np
import pytest

import scratchml
from scratchml.base import BaseEstimator, ClassifierMixin, clone, is_classifier, is_regressor
from scratchml.dummy import DummyClassifier, DummyRegressor
from scratchml.utils.validation import InvalidParameterError


class Wrapper(BaseEstimator):
    """A minimal meta-estimator, to exercise nested parameters."""

    def __init__(self, estimator=None, level=1):
        self.estimator = estimator
        self.level = level


def test_get_params_deep_and_shallow():
    w = Wrapper(DummyClassifier(strategy="uniform"), level=3)
    assert w.get_params(deep=False) == {"estimator": w.estimator, "level": 3}
    deep = w.get_params()
    assert deep["estimator__strategy"] == "uniform" and deep["level"] == 3


def test_set_params_nested_and_invalid():
    w = Wrapper(DummyClassifier())
    assert w.set_params(estimator__strategy="most_frequent", level=2) is w
    assert w.estimator.strategy == "most_frequent" and w.level == 2
    with pytest.raises(ValueError, match="Invalid parameter 'nope' for estimator Wrapper"):
        w.set_params(nope=1)


def test_repr_shows_only_non_default_parameters():
    assert repr(DummyClassifier()) == "DummyClassifier()"
    assert repr(DummyRegressor(strategy="quantile", quantile=0.2)) == (
        "DummyRegressor(quantile=0.2, strategy='quantile')"
    )


def test_clone_is_unfitted_copy_with_same_params():
    est = DummyClassifier(strategy="stratified", random_state=3).fit([[0.0], [1.0]], [0, 1])
    new = clone(est)
    assert new is not est and new.get_params() == est.get_params()
    assert not hasattr(new, "classes_")
    w = clone(Wrapper(est))
    assert w.estimator is not est and not hasattr(w.estimator, "classes_")
    with pytest.raises(TypeError, match="get_params"):
        clone(object())


def test_init_with_varargs_is_rejected():
    class Bad(BaseEstimator):
        def __init__(self, *args):
            self.args = args

    with pytest.raises(RuntimeError, match="explicitly"):
        Bad().get_params()


def test_parameter_constraints_name_parameter_value_and_allowed():
    with pytest.raises(InvalidParameterError, match=r"'strategy' parameter of DummyClassifier .* Got 'mode'"):
        DummyClassifier(strategy="mode").fit([[0.0]], [0])
    with pytest.raises(ValueError, match=r"'quantile' parameter .* range \[0.0, 1.0\] or None. Got 1.5"):
        DummyRegressor(strategy="quantile", quantile=1.5).fit([[0.0]], [0.0])


def test_pickle_round_trip():
    est = DummyRegressor().fit([[0.0], [1.0]], [1.0, 3.0])
    back = pickle.loads(pickle.dumps(est))
    np.testing.assert_array_equal(back.predict([[5.0]]), [2.0])


def test_is_classifier_is_regressor():
    assert is_classifier(DummyClassifier()) and not is_regressor(DummyClassifier())
    assert is_regressor(DummyRegressor())


def test_mixin_order_tags():
    class Clf(ClassifierMixin, BaseEstimator):
        def _extra_tags(self):
            return {"allow_nan": True}

    tags = Clf()._all_tags()
    assert tags["estimator_type"] == "classifier" and tags["requires_y"] and tags["allow_nan"]


def test_importing_scratchml_does_not_import_sklearn():
    # scikit-learn is only a reference for tests and benchmarks: importing every
    # scratchml module must not load it. (SciPy may be loaded: Numba imports it
    # when it is installed; the source scan below keeps scratchml's own code
    # free of it.)
    code = (
        "import sys; from scratchml.utils import all_estimators; all_estimators(); "
        "import scratchml.datasets, scratchml.metrics; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'sklearn'); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_library_source_imports_neither_sklearn_nor_scipy():
    # The algorithms are the point of the project: no module of the library may
    # import scikit-learn or SciPy, except lazily in utils/_tags.py, which
    # builds scikit-learn's Tags only when scikit-learn itself asks for them.
    root = pathlib.Path(scratchml.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                allowed = path.name == "_tags.py" and name == "sklearn.utils"
                if top in ("sklearn", "scipy") and not allowed:
                    offenders.append(f"{path.relative_to(root)}:{node.lineno} imports {name}")
    assert not offenders, offenders


def test_sklearn_tools_accept_scratchml_estimators():
    from sklearn.base import clone as sk_clone
    from sklearn.model_selection import GridSearchCV, cross_val_score
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    from scratchml.datasets import load_iris

    X, y = load_iris(return_X_y=True)
    assert sk_clone(DummyClassifier(strategy="uniform")).strategy == "uniform"
    pipe = Pipeline([("scale", StandardScaler()), ("clf", DummyClassifier())])
    scores = cross_val_score(pipe, X, y, cv=3)
    assert scores.shape == (3,)
    search = GridSearchCV(pipe, {"clf__strategy": ["prior", "stratified"]}, cv=3).fit(X, y)
    assert search.best_params_["clf__strategy"] in ("prior", "stratified")
