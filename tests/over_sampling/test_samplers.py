"""Over- and under-samplers against imbalanced-learn, plus SMOTE's geometry."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn import over_sampling as imb_over
from imblearn import under_sampling as imb_under

from scratchml.datasets import make_classification
from scratchml.over_sampling import SMOTE, RandomOverSampler
from scratchml.under_sampling import RandomUnderSampler


def _imbalanced(seed=0, n_classes=3):
    weights = [0.7, 0.2] if n_classes == 3 else [0.85]
    return make_classification(n_samples=200, n_features=5, n_informative=3, n_classes=n_classes,
                               weights=weights, flip_y=0.0, random_state=seed)


PAIRS = [
    (RandomOverSampler, imb_over.RandomOverSampler, {}),
    (RandomOverSampler, imb_over.RandomOverSampler, {"shrinkage": 0.7}),
    (RandomOverSampler, imb_over.RandomOverSampler, {"sampling_strategy": "all"}),
    (RandomUnderSampler, imb_under.RandomUnderSampler, {}),
    (RandomUnderSampler, imb_under.RandomUnderSampler, {"replacement": True}),
    (RandomUnderSampler, imb_under.RandomUnderSampler, {"sampling_strategy": "not majority"}),
    (SMOTE, imb_over.SMOTE, {}),
    (SMOTE, imb_over.SMOTE, {"k_neighbors": 2, "sampling_strategy": "minority"}),
]


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("ours,ref,kwargs", PAIRS)
def test_samplers_identical_to_imbalanced_learn(ours, ref, kwargs, seed):
    # Same seed, same draw order: the resampled arrays are equal. SMOTE's new
    # points are x_i + lam * (x_nn - x_i) computed in the same order, so even
    # they agree to the last bit; 1e-12 only allows for a BLAS-free rounding
    # difference in the neighbour search not changing any neighbour.
    X, y = _imbalanced(seed)
    X_a, y_a = ours(random_state=seed, **kwargs).fit_resample(X, y)
    X_b, y_b = ref(random_state=seed, **kwargs).fit_resample(X, y)
    np.testing.assert_array_equal(y_a, y_b)
    np.testing.assert_allclose(X_a, X_b, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(
    "strategy,sampler,expected",
    [
        ("auto", RandomOverSampler, {0: 140, 1: 140, 2: 140}),
        ({1: 50, 2: 60}, RandomOverSampler, {0: 140, 1: 50, 2: 60}),
        ("auto", RandomUnderSampler, {0: 20, 1: 20, 2: 20}),
        ({0: 30}, RandomUnderSampler, {0: 30, 1: 40, 2: 20}),
        (lambda y: {0: 100}, RandomUnderSampler, {0: 100, 1: 40, 2: 20}),
    ],
)
def test_class_counts_match_the_strategy(strategy, sampler, expected):
    X, y = _imbalanced()
    assert np.bincount(y).tolist() == [140, 40, 20]
    _, y_res = sampler(sampling_strategy=strategy, random_state=0).fit_resample(X, y)
    assert dict(enumerate(np.bincount(y_res).tolist())) == expected


def test_float_strategy_binary():
    X, y = _imbalanced(n_classes=2)
    n_major = np.bincount(y).max()
    _, y_res = RandomOverSampler(sampling_strategy=0.5, random_state=0).fit_resample(X, y)
    assert np.bincount(y_res).min() == int(n_major * 0.5)
    with pytest.raises(ValueError, match="binary"):
        RandomOverSampler(sampling_strategy=0.5).fit_resample(*_imbalanced())


@settings(max_examples=15)
@given(seed=st.integers(0, 10_000), k=st.integers(1, 6))
def test_smote_points_lie_on_segments_to_minority_neighbours(seed, k):
    # Property from Chawla et al. (2002), §4.2: every synthetic point is
    # x_i + lam (x_nn - x_i) with lam in [0, 1) and x_nn one of the k nearest
    # same-class neighbours of x_i (k nearest found here by brute force).
    X, y = _imbalanced(seed % 50, n_classes=2)
    sm = SMOTE(k_neighbors=k, random_state=seed)
    X_res, y_res = sm.fit_resample(X, y)
    minority = np.argmin(np.bincount(y))
    X_min = X[y == minority]
    D = ((X_min[:, None, :] - X_min[None, :, :]) ** 2).sum(-1)
    np.fill_diagonal(D, np.inf)
    knn = np.argsort(D, axis=1, kind="stable")[:, :k]
    np.testing.assert_array_equal(np.sort(sm.nn_indices_[minority], axis=1), np.sort(knn, axis=1))
    new = X_res[len(X):]
    assert (y_res[len(X):] == minority).all()
    for x_new in new:
        found = False
        for i in range(len(X_min)):
            d = X_min[knn[i]] - X_min[i]  # (k, n_features) segment directions
            lam = ((x_new - X_min[i]) @ d.T) / np.maximum((d * d).sum(1), 1e-300)
            on = np.abs(X_min[i] + lam[:, None] * d - x_new).max(axis=1) < 1e-9
            if np.any(on & (lam >= -1e-12) & (lam < 1 + 1e-12)):
                found = True
                break
        assert found


def test_smote_neighbour_sets_match_imbalanced_learn():
    X, y = _imbalanced(3)
    ours = SMOTE(k_neighbors=4, random_state=0).fit(X, y)
    ours.fit_resample(X, y)
    ref = imb_over.SMOTE(k_neighbors=4, random_state=0)
    ref.fit_resample(X, y)
    for c in ours.nn_indices_:
        X_c = X[y == c]
        ref_nn = ref.nn_k_.fit(X_c).kneighbors(X_c, return_distance=False)[:, 1:]
        np.testing.assert_array_equal(ours.nn_indices_[c], ref_nn)


def test_inputs_untouched_and_original_rows_first():
    X, y = _imbalanced()
    X0, y0 = X.copy(), y.copy()
    X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)
    np.testing.assert_array_equal(X_res[: len(X)], X)
    np.testing.assert_array_equal(y_res[: len(y)], y)


@pytest.mark.parametrize(
    "sampler,X_y,match",
    [
        (SMOTE(k_neighbors=30), None, "k_neighbors=30 must be < the number of samples"),
        (RandomOverSampler(sampling_strategy="majority"), None, "over-sampler"),
        (RandomUnderSampler(sampling_strategy="minority"), None, "under-sampler"),
        (RandomOverSampler(sampling_strategy={0: 5}), None, "cannot shrink class 0"),
        (RandomUnderSampler(sampling_strategy={2: 500}), None, "cannot grow class 2"),
        (RandomOverSampler(sampling_strategy={7: 5}), None, r"classes \[7\] not present"),
        (RandomOverSampler(), (np.zeros((5, 2)), np.zeros(5)), "more than one class"),
        (RandomOverSampler(), (np.zeros((5, 2)), np.linspace(0, 1, 5)), "Unknown label type"),
        (RandomOverSampler(sampling_strategy="most"), None, "is not one of"),
        (RandomOverSampler(shrinkage={0: 1.0}), None, "no factor"),
    ],
)
def test_bad_input(sampler, X_y, match):
    X, y = _imbalanced() if X_y is None else X_y
    with pytest.raises(ValueError, match=match):
        sampler.fit_resample(X, y)
