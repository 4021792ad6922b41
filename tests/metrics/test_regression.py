"""Regression metrics against scikit-learn on hypothesis-generated targets.

Tolerance 1e-12: closed-form weighted means of squared / absolute residuals,
same operations as scikit-learn up to summation order.
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn import metrics as skm

from scratchml import metrics as sm

from ._oracle import assert_same

FUNCS = [
    (sm.mean_squared_error, skm.mean_squared_error),
    (sm.root_mean_squared_error, skm.root_mean_squared_error),
    (sm.mean_absolute_error, skm.mean_absolute_error),
    (sm.explained_variance_score, skm.explained_variance_score),
    (sm.r2_score, skm.r2_score),
]
values = st.sampled_from([-2.0, -0.5, 0.0, 0.0, 1.0, 1.5, 3.25])  # ties and constants common


@st.composite
def regression_pairs(draw):
    n = draw(st.integers(1, 15))
    m = draw(st.integers(1, 3))
    y = np.array(draw(st.lists(st.lists(values, min_size=m, max_size=m), min_size=n, max_size=n)))
    p = np.array(draw(st.lists(st.lists(values, min_size=m, max_size=m), min_size=n, max_size=n)))
    if m == 1 and draw(st.booleans()):
        y, p = y.ravel(), p.ravel()
    w = None
    if draw(st.booleans()):
        w = np.array(draw(st.lists(st.sampled_from([0.5, 1.0, 2.0, 4.0]), min_size=n, max_size=n)))
    return y, p, w


@given(regression_pairs(),
       st.sampled_from(["raw_values", "uniform_average", "variance_weighted", "custom"]))
def test_regression_metrics_match_sklearn(data, multioutput):
    y, p, w = data
    if multioutput == "custom":
        # Custom output weights only make sense (and are validated) for several outputs.
        n_outputs = 1 if y.ndim == 1 else y.shape[1]
        multioutput = np.linspace(1.0, 2.0, n_outputs) if n_outputs > 1 else "uniform_average"
    for ours, theirs in FUNCS:
        assert_same(ours, theirs, y, p, sample_weight=w, multioutput=multioutput)


def test_regression_errors_match_sklearn():
    for ours, theirs in FUNCS:
        assert_same(ours, theirs, [1.0, 2.0], [1.0, 2.0, 3.0])  # lengths
        assert_same(ours, theirs, [[1.0, 2.0]], [[1.0, 2.0, 3.0]])  # outputs
        assert_same(ours, theirs, [1.0, np.nan], [1.0, 2.0])  # NaN
        assert_same(ours, theirs, [1.0, 2.0], [1.0, 2.0], multioutput="nope")
        if ours is not sm.root_mean_squared_error:  # scikit-learn skips this check for RMSE
            assert_same(ours, theirs, [1.0, 2.0], [1.0, 2.0], multioutput=[0.5, 0.5])


def test_r2_single_sample_warns_and_returns_nan():
    assert_same(sm.r2_score, skm.r2_score, [1.0], [2.0])


def test_rmse_is_root_of_mse_per_output():
    rng = np.random.default_rng(0)
    y, p = rng.normal(size=(20, 3)), rng.normal(size=(20, 3))
    np.testing.assert_allclose(
        sm.root_mean_squared_error(y, p, multioutput="raw_values") ** 2,
        sm.mean_squared_error(y, p, multioutput="raw_values"), rtol=1e-14,
    )
    assert sm.mean_squared_error(y, y) == 0.0
    assert sm.explained_variance_score(y, y + 3.0) == pytest.approx(1.0)
