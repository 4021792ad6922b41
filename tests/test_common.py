"""Checks every public estimator must pass.

1. scikit-learn's own estimator checks (``parametrize_with_checks``), with the
   exemptions listed once, in ``tests/_common_config.py``.
2. scratchml's contract on top: inputs never modified, clear errors for bad
   input, bit-identical refits under the same ``random_state``, ``fit``
   returns ``self``.
"""

import numpy as np
import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from scratchml.base import clone
from scratchml.exceptions import NotFittedError
from scratchml.utils import all_estimators

from ._common_config import EXPECTED_FAILED_CHECKS, INSTANCE_FACTORIES
from ._toy import fit, toy_data


def _instances():
    out = []
    for name, cls in all_estimators():
        factory = INSTANCE_FACTORIES.get(name, cls)
        out.append(factory())
    return out


INSTANCES = _instances()


def _expected_failed_checks(estimator):
    return EXPECTED_FAILED_CHECKS.get(type(estimator).__name__, {})


def test_all_estimators_found():
    names = [name for name, _ in all_estimators()]
    assert "DummyClassifier" in names and "DummyRegressor" in names
    assert names == sorted(names)


@parametrize_with_checks(INSTANCES, expected_failed_checks=_expected_failed_checks)
def test_sklearn_compatible_estimator(estimator, check):
    # No warning filter here: some checks assert that a warning is raised.
    check(estimator)


_toy_data = toy_data
_fit = fit


_IDS = [type(e).__name__ for e in INSTANCES]


@pytest.mark.parametrize("estimator", INSTANCES, ids=_IDS)
def test_fit_returns_self_and_leaves_input_untouched(estimator):
    est = clone(estimator)
    if not est._all_tags()["two_d_array"]:
        pytest.skip("takes 1-D labels (e.g. LabelEncoder), not a 2-D X")
    X, y = _toy_data(est)
    X_before = X.copy()
    y_before = None if y is None else y.copy()
    assert _fit(est, X, y) is est
    np.testing.assert_array_equal(X, X_before)
    if y is not None:
        np.testing.assert_array_equal(y, y_before)
    for method in ("predict", "transform", "predict_proba", "decision_function", "score_samples"):
        if hasattr(est, method):
            getattr(est, method)(X)
            np.testing.assert_array_equal(X, X_before)
    if hasattr(est, "fit_resample"):
        est.fit_resample(X, y)
        np.testing.assert_array_equal(X, X_before)
        np.testing.assert_array_equal(y, y_before)


@pytest.mark.parametrize("estimator", INSTANCES, ids=_IDS)
def test_bad_input_gets_a_clear_error(estimator):
    est = clone(estimator)
    X, y = _toy_data(est)
    tags = est._all_tags()
    if not tags["two_d_array"]:
        pytest.skip("takes 1-D labels (e.g. LabelEncoder), not a 2-D X")
    if not tags["allow_nan"]:
        X_nan = X.copy()
        X_nan[3, 1] = np.nan
        with pytest.raises(ValueError, match="NaN"):
            _fit(clone(est), X_nan, y)
    X_inf = X.copy()
    X_inf[2, 0] = np.inf
    with pytest.raises(ValueError, match="infinity"):
        _fit(clone(est), X_inf, y)
    with pytest.raises(ValueError, match="0 sample"):
        _fit(clone(est), X[:0], None if y is None else y[:0])
    with pytest.raises(ValueError, match="Expected 2D array"):
        _fit(clone(est), X[:, 0], y)
    if not tags["string"]:  # encoders take strings by design
        X_str = X.astype(object)
        X_str[0, 0] = "abc"
        with pytest.raises(ValueError, match="numbers only"):
            _fit(clone(est), X_str, y)
    if hasattr(est, "predict") and tags["requires_fit"]:
        with pytest.raises(NotFittedError, match="not fitted"):
            clone(est).predict(X)
        _fit(est, X, y)
        if not tags["pairwise"]:
            with pytest.raises(ValueError, match="features, but .* is expecting"):
                est.predict(X[:, :-1])


def _fitted_state(est):
    """Public fitted attributes (names ending in ``_``) that hold numbers, arrays or sub-models."""
    return {
        k: v for k, v in vars(est).items()
        if k.endswith("_") and not k.startswith("_")
        and (isinstance(v, (np.ndarray, float, int, list, tuple)) or hasattr(v, "tree_"))
    }


def _assert_same_state(u, v, key):
    """Bit-identical fitted state, looking inside sub-estimators and tree arrays."""
    if hasattr(u, "get_params") or hasattr(u, "children_left"):  # a fitted model or a tree
        state_u = {**vars(u), **({"tree_": u.tree_} if hasattr(u, "tree_") else {})}
        state_v = {**vars(v), **({"tree_": v.tree_} if hasattr(v, "tree_") else {})}
        for name, value in state_u.items():
            if isinstance(value, np.ndarray) or hasattr(value, "children_left"):
                _assert_same_state(value, state_v[name], f"{key}.{name}")
    elif isinstance(u, (list, tuple)) or (isinstance(u, np.ndarray) and u.dtype == object):
        assert len(u) == len(v), key
        for i, (a, b) in enumerate(zip(np.ravel(np.asarray(u, dtype=object)) if isinstance(u, np.ndarray) else u,
                                       np.ravel(np.asarray(v, dtype=object)) if isinstance(v, np.ndarray) else v)):
            _assert_same_state(a, b, f"{key}[{i}]")
    else:
        np.testing.assert_array_equal(u, v, err_msg=key)


@pytest.mark.parametrize(
    "estimator",
    [e for e in INSTANCES if "random_state" in e.get_params()],
    ids=[type(e).__name__ for e in INSTANCES if "random_state" in e.get_params()],
)
def test_same_random_state_is_bit_identical(estimator):
    X, y = _toy_data(estimator)
    a = _fit(clone(estimator).set_params(random_state=0), X, y)
    b = _fit(clone(estimator).set_params(random_state=0), X, y)
    fa, fb = _fitted_state(a), _fitted_state(b)
    assert fa.keys() == fb.keys()
    for key in fa:
        _assert_same_state(fa[key], fb[key], key)
    if hasattr(a, "predict"):
        np.testing.assert_array_equal(a.predict(X), b.predict(X))
    if hasattr(a, "fit_resample"):
        for u, v in zip(a.fit_resample(X, y), b.fit_resample(X, y)):
            np.testing.assert_array_equal(u, v)


@pytest.mark.parametrize("estimator", INSTANCES, ids=_IDS)
def test_repr_shows_only_changed_parameters(estimator):
    name = type(estimator).__name__
    default = type(estimator)() if name not in INSTANCE_FACTORIES else None
    if default is not None:
        assert repr(default) == f"{name}()"
