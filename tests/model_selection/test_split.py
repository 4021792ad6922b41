"""Splitters and hold-out splits: same indices as scikit-learn, invariants, errors.

Oracle tolerance: none. Index arrays are integers drawn from the same
``RandomState`` stream in the same order, so they must be *equal*, element for
element and in the same order.
"""

import warnings

import numpy as np
import pandas as pd
import pytest
import sklearn.model_selection as sk
from hypothesis import given
from hypothesis import strategies as st

import scratchml.model_selection as sm

SEEDS = st.integers(0, 2**31 - 1)


def _assert_same_splits(ours, theirs):
    ours, theirs = list(ours), list(theirs)
    assert len(ours) == len(theirs)
    for (tr_a, te_a), (tr_b, te_b) in zip(ours, theirs):
        np.testing.assert_array_equal(tr_a, tr_b)
        np.testing.assert_array_equal(te_a, te_b)


def _labels(data, n, n_classes):
    return np.array(data.draw(st.lists(st.integers(0, n_classes - 1), min_size=n, max_size=n)))


@given(n=st.integers(2, 60), n_splits=st.integers(2, 10), shuffle=st.booleans(), seed=SEEDS)
def test_kfold_matches_sklearn_indices(n, n_splits, shuffle, seed):
    n_splits = min(n_splits, n)
    rs = seed if shuffle else None
    X = np.zeros((n, 2))
    _assert_same_splits(
        sm.KFold(n_splits, shuffle=shuffle, random_state=rs).split(X),
        sk.KFold(n_splits, shuffle=shuffle, random_state=rs).split(X),
    )


@given(data=st.data(), n=st.integers(4, 60), n_classes=st.integers(2, 4),
       n_splits=st.integers(2, 5), shuffle=st.booleans(), seed=SEEDS)
def test_stratified_kfold_matches_sklearn_indices(data, n, n_classes, n_splits, shuffle, seed):
    y = _labels(data, n, n_classes)
    X = np.zeros((n, 1))
    rs = seed if shuffle else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # rare classes: both libraries warn
        try:
            expected = list(sk.StratifiedKFold(n_splits, shuffle=shuffle, random_state=rs).split(X, y))
        except ValueError as exc:
            with pytest.raises(ValueError, match=str(exc)[:40]):
                list(sm.StratifiedKFold(n_splits, shuffle=shuffle, random_state=rs).split(X, y))
            return
        ours = list(sm.StratifiedKFold(n_splits, shuffle=shuffle, random_state=rs).split(X, y))
    _assert_same_splits(ours, expected)


@given(n=st.integers(3, 80), frac=st.floats(0.05, 0.9), use_int=st.booleans(), seed=SEEDS)
def test_shuffle_split_matches_sklearn_indices(n, frac, use_int, seed):
    test_size = max(1, min(n - 1, int(frac * n))) if use_int else frac
    X = np.zeros((n, 1))
    try:
        expected = list(sk.ShuffleSplit(4, test_size=test_size, random_state=seed).split(X))
    except ValueError:  # e.g. a train set rounded down to nothing: ours must refuse too
        with pytest.raises(ValueError):
            list(sm.ShuffleSplit(4, test_size=test_size, random_state=seed).split(X))
        return
    _assert_same_splits(sm.ShuffleSplit(4, test_size=test_size, random_state=seed).split(X),
                        expected)


@given(data=st.data(), n=st.integers(6, 80), n_classes=st.integers(2, 3),
       frac=st.floats(0.2, 0.8), seed=SEEDS)
def test_stratified_shuffle_split_matches_sklearn_indices(data, n, n_classes, frac, seed):
    y = _labels(data, n, n_classes)
    X = np.zeros((n, 1))
    kwargs = {"n_splits": 3, "test_size": frac, "random_state": seed}
    try:
        expected = list(sk.StratifiedShuffleSplit(**kwargs).split(X, y))
    except ValueError as exc:
        with pytest.raises(ValueError, match=str(exc)[:30]):
            list(sm.StratifiedShuffleSplit(**kwargs).split(X, y))
        return
    _assert_same_splits(sm.StratifiedShuffleSplit(**kwargs).split(X, y), expected)


@given(data=st.data(), n=st.integers(6, 60), test_size=st.sampled_from([0.2, 0.33, 0.5, 3]),
       stratify=st.booleans(), seed=SEEDS)
def test_train_test_split_matches_sklearn(data, n, test_size, stratify, seed):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(n, 3))
    y = _labels(data, n, 2)
    strat = y if stratify else None
    try:
        expected = sk.train_test_split(X, y, test_size=test_size, random_state=seed, stratify=strat)
    except ValueError as exc:
        with pytest.raises(ValueError, match=str(exc)[:30]):
            sm.train_test_split(X, y, test_size=test_size, random_state=seed, stratify=strat)
        return
    ours = sm.train_test_split(X, y, test_size=test_size, random_state=seed, stratify=strat)
    for a, b in zip(ours, expected):
        np.testing.assert_array_equal(a, b)


def test_train_test_split_keeps_input_types_and_train_size():
    X = pd.DataFrame({"a": np.arange(10.0), "b": np.arange(10.0) ** 2})
    y = list(range(10))
    ours = sm.train_test_split(X, y, train_size=6, random_state=3)
    theirs = sk.train_test_split(X, y, train_size=6, random_state=3)
    assert isinstance(ours[0], pd.DataFrame) and isinstance(ours[2], list)
    pd.testing.assert_frame_equal(ours[0], theirs[0])
    assert ours[2] == theirs[2] and ours[3] == theirs[3]


def test_train_test_split_no_shuffle_takes_head_and_tail():
    X = np.arange(10)
    train, test = sm.train_test_split(X, shuffle=False, test_size=0.3)
    np.testing.assert_array_equal(train, np.arange(7))
    np.testing.assert_array_equal(test, np.arange(7, 10))


@pytest.mark.parametrize("kwargs", [
    {}, {"n_splits": 3, "gap": 2}, {"n_splits": 4, "test_size": 3},
    {"n_splits": 3, "max_train_size": 5},
])
def test_time_series_split_matches_sklearn(kwargs):
    X = np.zeros((23, 1))
    _assert_same_splits(sm.TimeSeriesSplit(**kwargs).split(X), sk.TimeSeriesSplit(**kwargs).split(X))


def test_time_series_split_trains_on_the_past_only():
    for train, test in sm.TimeSeriesSplit(n_splits=4, gap=1).split(np.zeros((20, 1))):
        assert train.max() + 1 < test.min()


def test_leave_one_out_matches_sklearn():
    X = np.zeros((7, 2))
    _assert_same_splits(sm.LeaveOneOut().split(X), sk.LeaveOneOut().split(X))
    assert sm.LeaveOneOut().get_n_splits(X) == 7


@pytest.mark.parametrize("splitter", [
    sm.KFold(4, shuffle=True, random_state=0), sm.StratifiedKFold(3), sm.LeaveOneOut(),
])
def test_kfold_family_test_folds_partition_the_samples(splitter):
    y = np.array([0, 1] * 9)
    X = np.zeros((18, 1))
    seen = []
    for train, test in splitter.split(X, y):
        assert np.intersect1d(train, test).size == 0
        assert train.size + test.size == 18
        seen.extend(test)
    np.testing.assert_array_equal(np.sort(seen), np.arange(18))


def test_stratified_kfold_keeps_class_proportions():
    y = np.array([0] * 30 + [1] * 10)
    for _, test in sm.StratifiedKFold(5, shuffle=True, random_state=0).split(np.zeros((40, 1)), y):
        assert np.bincount(y[test]).tolist() == [6, 2]


def test_train_val_test_split_default_is_70_15_15_and_disjoint():
    X = np.arange(200).reshape(100, 2)
    y = np.arange(100)
    X_tr, X_val, X_te, y_tr, y_val, y_te = sm.train_val_test_split(X, y, random_state=0)
    assert (len(y_tr), len(y_val), len(y_te)) == (70, 15, 15)
    np.testing.assert_array_equal(np.sort(np.concatenate([y_tr, y_val, y_te])), y)
    np.testing.assert_array_equal(X_tr[:, 0] // 2, y_tr)  # rows stay aligned


@given(n=st.integers(5, 80), val=st.floats(0.05, 0.4), test=st.floats(0.05, 0.4),
       seed=SEEDS)
def test_train_val_test_split_partitions_the_samples(n, val, test, seed):
    y = np.arange(n)
    try:
        y_tr, y_val, y_te = sm.train_val_test_split(y, val_size=val, test_size=test,
                                                    random_state=seed)
    except ValueError:  # rounding up both sizes left no training sample
        assert np.ceil(val * n) + np.ceil(test * n) >= n
        return
    assert (len(y_val), len(y_te)) == (np.ceil(val * n), np.ceil(test * n))  # eq. (split-sizes)
    np.testing.assert_array_equal(np.sort(np.concatenate([y_tr, y_val, y_te])), y)


def test_train_val_test_split_stratified_keeps_proportions():
    y = np.array([0] * 60 + [1] * 40)
    X = np.zeros((100, 1))
    _, _, _, y_tr, y_val, y_te = sm.train_val_test_split(
        X, y, val_size=0.2, test_size=0.2, stratify=y, random_state=1)
    assert np.bincount(y_tr).tolist() == [36, 24]
    assert np.bincount(y_val).tolist() == [12, 8]
    assert np.bincount(y_te).tolist() == [12, 8]


def test_train_val_test_split_rejects_sizes_leaving_no_training_data():
    with pytest.raises(ValueError, match="leaving no training sample"):
        sm.train_val_test_split(np.zeros((10, 1)), val_size=0.5, test_size=0.5)


def test_splits_leave_inputs_untouched():
    X = np.arange(20.0).reshape(10, 2)
    y = np.array([0, 1] * 5)
    X0, y0 = X.copy(), y.copy()
    sm.train_test_split(X, y, stratify=y, random_state=0)
    list(sm.StratifiedKFold(2, shuffle=True, random_state=0).split(X, y))
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)


# --------------------------------------------------------------------------- errors
@pytest.mark.parametrize("test_size", [0.0, 1.0, 1.5, -0.2, 0, 10, 11])
def test_train_test_split_rejects_test_size_out_of_range(test_size):
    with pytest.raises(ValueError, match="test_size=.* should be either positive"):
        sm.train_test_split(np.zeros((10, 1)), test_size=test_size)


def test_train_test_split_rejects_sizes_summing_past_one():
    with pytest.raises(ValueError, match="sum of test_size and train_size"):
        sm.train_test_split(np.zeros((10, 1)), test_size=0.6, train_size=0.6)


def test_train_test_split_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match="inconsistent numbers of samples: \\[10, 9\\]"):
        sm.train_test_split(np.zeros((10, 1)), np.zeros(9))


def test_train_test_split_rejects_stratify_without_shuffle():
    with pytest.raises(ValueError, match="not implemented for shuffle=False"):
        sm.train_test_split(np.zeros((10, 1)), shuffle=False, stratify=np.zeros(10))


def test_stratified_split_rejects_a_single_member_class():
    y = np.array([0, 0, 0, 0, 1])
    with pytest.raises(ValueError, match="least populated classes in y have only 1 member"):
        sm.train_test_split(np.zeros((5, 1)), y, stratify=y, random_state=0)


def test_kfold_rejects_more_splits_than_samples():
    with pytest.raises(ValueError, match="n_splits=5 greater than the number of samples: n_samples=3"):
        list(sm.KFold(5).split(np.zeros((3, 1))))


@pytest.mark.parametrize("n_splits", [1, 0, -2])
def test_kfold_rejects_fewer_than_two_splits(n_splits):
    with pytest.raises(ValueError, match=f"got n_splits={n_splits}"):
        sm.KFold(n_splits)


def test_kfold_rejects_random_state_without_shuffle():
    with pytest.raises(ValueError, match="no effect since shuffle is False"):
        sm.KFold(3, random_state=0)


def test_stratified_kfold_rare_class_warns_like_sklearn():
    y = np.array([0] * 10 + [1] * 2)
    X = np.zeros((12, 1))
    with pytest.warns(UserWarning, match="only 2 members, which is less than n_splits=3"):
        list(sm.StratifiedKFold(3).split(X, y))


def test_stratified_kfold_rejects_folds_larger_than_every_class():
    y = np.array([0, 0, 1, 1])
    with pytest.raises(ValueError, match="n_splits=3 cannot be greater than the number of members"):
        list(sm.StratifiedKFold(3).split(np.zeros((4, 1)), y))


def test_stratified_kfold_rejects_continuous_target():
    with pytest.raises(ValueError, match="Supported target types"):
        list(sm.StratifiedKFold(2).split(np.zeros((4, 1)), [0.1, 0.2, 0.3, 0.4]))


def test_time_series_split_rejects_too_many_splits():
    with pytest.raises(ValueError, match="Cannot have number of folds=6 greater"):
        list(sm.TimeSeriesSplit(5).split(np.zeros((5, 1))))


def test_leave_one_out_rejects_a_single_sample():
    with pytest.raises(ValueError, match="n_samples=1"):
        list(sm.LeaveOneOut().split(np.zeros((1, 1))))


def test_splitters_reject_sparse_input():
    scipy_sparse = pytest.importorskip("scipy.sparse")
    with pytest.raises(TypeError, match="sparse"):
        sm.train_test_split(scipy_sparse.csr_matrix(np.eye(4)))


def test_splitter_repr_lists_parameters():
    assert repr(sm.KFold(3)) == "KFold(n_splits=3, random_state=None, shuffle=False)"
