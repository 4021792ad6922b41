"""HistGradientBoostingRegressor / Classifier against scikit-learn, plus kernels and invariants."""

import numpy as np
import pytest
from sklearn import datasets as skd
from sklearn import ensemble as ske
from sklearn.ensemble._hist_gradient_boosting.binning import _BinMapper

from scratchml.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from scratchml.ensemble._hist_gradient_boosting import (
    _binning_kernels,
    _histogram_kernels,
    _predictor_kernels,
    _splitting_kernels,
)
from scratchml.ensemble._hist_gradient_boosting.binning import fit_bin_thresholds, map_to_bins
from scratchml.utils._param_validation import InvalidParameterError

# Training-loss curves are recorded with early stopping on the training data
# and a patience longer than the run: train_score_ holds -loss after every
# iteration, on both sides.
CURVE = dict(early_stopping=True, validation_fraction=None, n_iter_no_change=1000,
             max_iter=20, max_leaf_nodes=4)


def _with_nan(X, rate=0.2, seed=0):
    X = X.copy()
    X[np.random.default_rng(seed).random(X.shape) < rate] = np.nan
    return X


def _split(X, y):
    n_train = int(0.75 * X.shape[0])
    order = np.random.default_rng(0).permutation(X.shape[0])
    return X[order[:n_train]], X[order[n_train:]], y[order[:n_train]], y[order[n_train:]]


def test_binning_matches_sklearn_bin_mapper():
    rng = np.random.default_rng(0)
    X = np.column_stack([
        rng.normal(size=600),                      # many distinct values: quantiles
        rng.integers(0, 5, size=600).astype(float),  # few distinct values: midpoints
        np.round(rng.exponential(size=600), 1),    # ties at the quantiles
        np.full(600, 3.0),                         # constant: no threshold
    ])
    X = _with_nan(X, rate=0.1)
    for max_bins in (255, 16):
        mapper = _BinMapper(n_bins=max_bins + 1).fit(X)
        ours, n_bins_non_missing = fit_bin_thresholds(X, max_bins, np.random.RandomState(0))
        # Same data, same quantile definition (averaged inverted CDF): the
        # thresholds are the very same floats.
        for f in range(X.shape[1]):
            np.testing.assert_array_equal(ours[f], mapper.bin_thresholds_[f])
        np.testing.assert_array_equal(n_bins_non_missing, mapper.n_bins_non_missing_)
        np.testing.assert_array_equal(map_to_bins(X, ours, max_bins), mapper.transform(X))


def test_binning_kernel_plain_equals_jit_and_searchsorted():
    rng = np.random.default_rng(0)
    X = np.asfortranarray(_with_nan(np.round(rng.normal(size=(300, 3)), 1)))
    thresholds = [np.array([-1.0, 0.0, 0.05, 1.0]), np.empty(0), np.array([0.5])]
    offsets = np.array([0, 4, 4, 5])
    flat = np.concatenate(thresholds)
    plain = np.empty(X.shape, dtype=np.uint8, order="F")
    jit = np.empty(X.shape, dtype=np.uint8, order="F")
    _binning_kernels.map_to_bins(X, flat, offsets, 9, plain)
    _binning_kernels.map_to_bins_jit(X, flat, offsets, 9, jit)
    np.testing.assert_array_equal(plain, jit)
    for f, t in enumerate(thresholds):  # gold: searchsorted(side='left'), NaN -> 9
        gold = np.where(np.isnan(X[:, f]), 9, np.searchsorted(t, X[:, f], side="left"))
        np.testing.assert_array_equal(plain[:, f], gold)


@pytest.mark.parametrize("loss", ["squared_error", "absolute_error"])
def test_hist_gradient_boosting_regressor_matches_sklearn_loss_curve(loss):
    X, y = skd.load_diabetes(return_X_y=True)
    X = _with_nan(X)  # also exercises the learnt NaN directions
    ours = HistGradientBoostingRegressor(loss=loss, **CURVE).fit(X, y)
    ref = ske.HistGradientBoostingRegressor(loss=loss, **CURVE).fit(X, y)
    # Identical bins, the same float32 gradients summed in float64 in the same
    # order and the same split rules give the same trees; only the final mean
    # of the loss is reduced in another order (rounding, ~1e-16 relative).
    np.testing.assert_allclose(ours.train_score_, ref.train_score_, rtol=1e-12)
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), rtol=1e-10, atol=1e-10)


def test_hist_gradient_boosting_poisson_and_weights_match_sklearn():
    rng = np.random.default_rng(0)
    # at most 255 distinct values per feature: scikit-learn's weighted
    # quantiles (not implemented here) are then not used, the bins are equal
    X = np.round(rng.normal(size=(400, 3)), 1)
    y = rng.poisson(np.exp(0.5 * X[:, 0] + 0.3 * X[:, 1]))
    sw = rng.uniform(0.5, 2.0, size=400)
    ours = HistGradientBoostingRegressor(loss="poisson", **CURVE).fit(X, y, sample_weight=sw)
    ref = ske.HistGradientBoostingRegressor(loss="poisson", **CURVE).fit(X, y, sample_weight=sw)
    # weights multiply g and h in float64 before the float32 rounding, as in
    # scikit-learn: the same trees (1e-12 as in the loss-curve test)
    np.testing.assert_allclose(ours.train_score_, ref.train_score_, rtol=1e-12)
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), rtol=1e-10)
    assert np.all(ours.predict(X) > 0)  # exp of the log-mean
    y_cls = rng.integers(0, 3, size=400)
    for class_weight in ("balanced", {0: 2.0, 2: 0.5}):
        params = dict(CURVE, class_weight=class_weight)
        clf = HistGradientBoostingClassifier(**params).fit(X, y_cls, sample_weight=sw)
        ref_clf = ske.HistGradientBoostingClassifier(**params).fit(X, y_cls, sample_weight=sw)
        np.testing.assert_allclose(clf.train_score_, ref_clf.train_score_, rtol=1e-12)
    with pytest.raises(ValueError, match="non-negative y"):
        HistGradientBoostingRegressor(loss="poisson").fit(X, -np.ones(400))


def test_hist_gradient_boosting_max_features_matches_sklearn_draws():
    X, y = skd.load_diabetes(return_X_y=True)
    params = dict(CURVE, max_features=0.5, random_state=3)
    ours = HistGradientBoostingRegressor(**params).fit(X, y)
    ref = ske.HistGradientBoostingRegressor(**params).fit(X, y)
    # The per-node feature masks come from the same seed and the same
    # Generator.shuffle calls in the same order, so the trees are the same.
    np.testing.assert_allclose(ours.train_score_, ref.train_score_, rtol=1e-12)
    other = HistGradientBoostingRegressor(**dict(params, random_state=4)).fit(X, y)
    assert not np.allclose(other.train_score_, ours.train_score_)


@pytest.mark.parametrize("load", [skd.load_breast_cancer, skd.load_iris])
def test_hist_gradient_boosting_classifier_matches_sklearn_loss_curve(load):
    X, y = load(return_X_y=True)
    ours = HistGradientBoostingClassifier(**CURVE).fit(X, y)
    ref = ske.HistGradientBoostingClassifier(**CURVE).fit(X, y)
    # Same trees (see the regressor test); probabilities pass through expit /
    # softmax, whose last-bit rounding may differ: 1e-10.
    np.testing.assert_allclose(ours.train_score_, ref.train_score_, rtol=1e-10)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-10)
    np.testing.assert_allclose(ours.decision_function(X), ref.decision_function(X),
                               atol=1e-9)


@pytest.mark.parametrize("load", [skd.load_breast_cancer, skd.load_diabetes])
def test_hist_gradient_boosting_matches_sklearn_test_score(load):
    X, y = load(return_X_y=True)
    X_train, X_test, y_train, y_test = _split(X, y)
    classify = load is skd.load_breast_cancer
    ours_cls = HistGradientBoostingClassifier if classify else HistGradientBoostingRegressor
    ref_cls = ske.HistGradientBoostingClassifier if classify else ske.HistGradientBoostingRegressor
    params = dict(max_iter=30, early_stopping=False)
    ours = ours_cls(**params).fit(X_train, y_train).score(X_test, y_test)
    ref = ref_cls(**params).fit(X_train, y_train).score(X_test, y_test)
    # The bar is one point; the trees are the same, so the scores
    # agree far more closely than that.
    assert abs(ours - ref) < 0.01


def test_hist_gradient_boosting_early_stopping_matches_sklearn_n_iter():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(400, 5))
    y = X[:, 0] + 0.5 * rng.normal(size=400)
    params = dict(early_stopping=True, validation_fraction=None, n_iter_no_change=3,
                  tol=1e-2, max_iter=200)
    ours = HistGradientBoostingRegressor(**params).fit(X, y)
    ref = ske.HistGradientBoostingRegressor(**params).fit(X, y)
    # Scores on the training data are the same floats (see the curve test),
    # so the stopping rule fires at the same iteration.
    assert ours.n_iter_ == ref.n_iter_ < 200
    assert ours.train_score_.shape == (ours.n_iter_ + 1,)


def test_hist_gradient_boosting_validation_split_matches_sklearn():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(600, 4))
    y = (X[:, 0] + rng.normal(size=600) > 0).astype(int)
    params = dict(early_stopping=True, n_iter_no_change=5, random_state=0)
    clf = HistGradientBoostingClassifier(**params).fit(X, y)
    ref = ske.HistGradientBoostingClassifier(**params).fit(X, y)
    # The seed is drawn as scikit-learn draws it and scratchml's stratified
    # train_test_split makes the same draws, so the validation rows, the
    # scores (1e-12, see the loss-curve test) and the stopping point agree.
    assert clf.do_early_stopping_ and clf.n_iter_ == ref.n_iter_ < 100
    np.testing.assert_allclose(clf.validation_score_, ref.validation_score_, rtol=1e-12)
    assert clf.validation_score_.shape == clf.train_score_.shape == (clf.n_iter_ + 1,)


def test_hist_gradient_boosting_staged_and_proba_invariants():
    X, y = skd.load_iris(return_X_y=True)
    clf = HistGradientBoostingClassifier(max_iter=10, early_stopping=False).fit(X, y)
    proba = clf.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    stages = list(clf.staged_predict_proba(X))
    assert len(stages) == clf.n_iter_ == 10
    np.testing.assert_allclose(stages[-1], proba)
    np.testing.assert_array_equal(list(clf.staged_predict(X))[-1], clf.predict(X))
    reg = HistGradientBoostingRegressor(max_iter=10).fit(X, y.astype(float))
    np.testing.assert_allclose(list(reg.staged_predict(X))[-1], reg.predict(X))


def test_hist_gradient_boosting_nan_goes_to_learnt_side():
    # y depends only on whether x is missing: one split must isolate NaN.
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 1))
    X[:100] = np.nan
    y = np.where(np.isnan(X[:, 0]), 5.0, 0.0)
    reg = HistGradientBoostingRegressor(max_iter=50, max_leaf_nodes=2).fit(X, y)
    pred = reg.predict([[np.nan], [0.0], [3.0]])
    assert pred[0] > 4.9 and abs(pred[1]) < 0.1 and abs(pred[2]) < 0.1


def test_hist_gradient_boosting_degenerate_data():
    X = np.ones((50, 3))
    y = np.arange(50, dtype=float)
    reg = HistGradientBoostingRegressor(max_iter=5).fit(X, y)  # constant features: no split
    np.testing.assert_allclose(reg.predict(X), y.mean())
    rng = np.random.default_rng(0)
    X = np.column_stack([np.full(80, 2.0), rng.normal(size=80)])
    y = (X[:, 1] > 0).astype(int)
    assert HistGradientBoostingClassifier(max_iter=20).fit(X, y).score(X, y) > 0.95
    with pytest.raises(ValueError, match="at least 2 classes"):
        HistGradientBoostingClassifier().fit(X, np.zeros(80))
    with pytest.raises(InvalidParameterError, match="max_bins"):
        HistGradientBoostingRegressor(max_bins=300).fit(X, y)
    # min_samples_leaf above half the data: the root stays a leaf
    big = HistGradientBoostingRegressor(min_samples_leaf=50, max_iter=3).fit(X, y)
    assert all(t[0].get_n_leaf_nodes() == 1 for t in big._predictors)


@pytest.mark.parametrize("cst", [1, -1])
def test_hist_gradient_boosting_monotonic_cst_matches_sklearn(cst):
    rng = np.random.default_rng(0)
    X = rng.uniform(size=(500, 2))
    y = np.sin(6 * X[:, 0]) + X[:, 0] + 0.3 * X[:, 1] + 0.2 * rng.normal(size=500)
    params = dict(CURVE, monotonic_cst=[cst, 0], max_leaf_nodes=8)
    ours = HistGradientBoostingRegressor(**params).fit(X, y)
    ref = ske.HistGradientBoostingRegressor(**params).fit(X, y)
    # Same admissibility rule and bounds as scikit-learn: the same trees (see
    # the loss-curve test for why 1e-12).
    np.testing.assert_allclose(ours.train_score_, ref.train_score_, rtol=1e-12)
    grid = np.column_stack([np.linspace(0, 1, 200), np.full(200, 0.5)])
    pred = ours.predict(grid)
    np.testing.assert_allclose(pred, ref.predict(grid), atol=1e-10)
    assert np.all(cst * np.diff(pred) >= -1e-12)  # the constraint holds


def test_hist_gradient_boosting_monotonic_cst_errors():
    X, y = skd.load_iris(return_X_y=True)
    with pytest.raises(ValueError, match="multiclass"):
        HistGradientBoostingClassifier(monotonic_cst=[1, 0, 0, 0]).fit(X, y)
    with pytest.raises(ValueError, match="has 4 features"):
        HistGradientBoostingRegressor(monotonic_cst=[1, 0]).fit(X, y)
    with pytest.raises(ValueError, match="-1, 0 or 1"):
        HistGradientBoostingRegressor(monotonic_cst=[2, 0, 0, 0]).fit(X, y)


def _categorical_data(n=1000, seed=0):
    rng = np.random.default_rng(seed)
    cat = rng.integers(0, 12, size=n).astype(float)
    x1 = rng.normal(size=n)
    y = 2 * rng.normal(size=12)[cat.astype(int)] + x1 + 0.3 * rng.normal(size=n)
    X = np.column_stack([cat, x1])
    X[rng.random(n) < 0.1, 0] = np.nan
    return X, y


@pytest.mark.parametrize("mask", [[0], [True, False]])
def test_hist_gradient_boosting_categorical_matches_sklearn(mask):
    X, y = _categorical_data()
    params = dict(CURVE, max_leaf_nodes=8, categorical_features=mask)
    ours = HistGradientBoostingRegressor(**params).fit(X, y)
    ref = ske.HistGradientBoostingRegressor(**params).fit(X, y)
    # Same category order (no ties in the smoothed values here) and the same
    # gains: the same trees, see the loss-curve test for 1e-12.
    np.testing.assert_allclose(ours.train_score_, ref.train_score_, rtol=1e-12)
    X_new = X.copy()
    X_new[:20, 0] = 40.0  # categories never seen: they follow NaN, as in scikit-learn
    np.testing.assert_allclose(ours.predict(X_new), ref.predict(X_new), atol=1e-10)
    clf = HistGradientBoostingClassifier(**params).fit(X, y > 0)
    ref_clf = ske.HistGradientBoostingClassifier(**params).fit(X, y > 0)
    np.testing.assert_allclose(clf.predict_proba(X_new), ref_clf.predict_proba(X_new),
                               atol=1e-10)
    np.testing.assert_array_equal(ours.is_categorical_, [True, False])


def test_hist_gradient_boosting_categorical_errors():
    X, y = _categorical_data(n=200)
    bad = X.copy()
    bad[0, 0] = 1.5
    with pytest.raises(ValueError, match="integer values"):
        HistGradientBoostingRegressor(categorical_features=[0]).fit(bad, y)
    bad[0, 0] = 300.0
    with pytest.raises(ValueError, match="integer values"):
        HistGradientBoostingRegressor(categorical_features=[0]).fit(bad, y)
    with pytest.raises(ValueError, match="monotonic"):
        HistGradientBoostingRegressor(categorical_features=[0], monotonic_cst=[1, 0]).fit(X, y)
    with pytest.raises(ValueError, match="boolean mask"):
        HistGradientBoostingRegressor(categorical_features=[True]).fit(X, y)
    with pytest.raises(ValueError, match="integer indices"):
        HistGradientBoostingRegressor(categorical_features=[5]).fit(X, y)


def test_hist_gradient_boosting_input_untouched():
    X = _with_nan(np.random.default_rng(0).normal(size=(60, 3)))
    y = np.arange(60, dtype=float)
    X0, y0 = X.copy(), y.copy()
    HistGradientBoostingRegressor(max_iter=3).fit(X, y).predict(X)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)


def _node_data(seed=0, n=200, n_features=3, n_bins=8):
    rng = np.random.default_rng(seed)
    X_binned = np.asfortranarray(rng.integers(0, n_bins, size=(n, n_features)).astype(np.uint8))
    g = rng.normal(size=n).astype(np.float32)
    h = rng.uniform(0.1, 1.0, size=n).astype(np.float32)
    return X_binned, g, h


def test_histogram_kernel_matches_numpy_and_subtraction():
    X_binned, g, h = _node_data()
    idx = np.arange(0, 200, 3, dtype=np.int64)
    for kernel in (_histogram_kernels.build_histogram, _histogram_kernels.build_histogram_jit,
                   _histogram_kernels.build_histogram_parallel_jit):
        hist = np.zeros((3, 9, 3))
        kernel(X_binned, idx, g[idx], h[idx], hist)
        for f in range(3):  # gold: bincount
            np.testing.assert_allclose(hist[f, :, 0], np.bincount(
                X_binned[idx, f], weights=g[idx].astype(float), minlength=9), atol=1e-12)
            np.testing.assert_array_equal(hist[f, :, 2], np.bincount(X_binned[idx, f],
                                                                     minlength=9))
    parent, small = np.zeros((3, 9, 3)), np.zeros((3, 9, 3))
    all_idx, rest = np.arange(200, dtype=np.int64), np.setdiff1d(np.arange(200), idx)
    _histogram_kernels.build_histogram_jit(X_binned, all_idx, g, h, parent)
    _histogram_kernels.build_histogram_jit(X_binned, idx, g[idx], h[idx], small)
    large = np.zeros((3, 9, 3))
    _histogram_kernels.build_histogram_jit(X_binned, rest, g[rest], h[rest], large)
    np.testing.assert_allclose(_histogram_kernels.subtract_histogram(parent, small), large,
                               atol=1e-10)


def test_split_kernel_plain_equals_jit_and_brute_force():
    X_binned, g, h = _node_data(seed=1)
    X_binned[::7, 1] = 8  # missing-value bin of feature 1
    hist = np.zeros((3, 9, 3))
    _histogram_kernels.build_histogram(X_binned, np.arange(200), g, h, hist)
    n_bins_non_missing = np.array([8, 8, 8])
    has_missing = np.array([0, 1, 0])
    params = np.array([1.0, 5.0, 1e-3, -np.inf, np.inf])
    G, H = hist[0, :, 0].sum(), hist[0, :, 1].sum()
    node = np.array([200.0, G, H, -G / (H + 1.0)])
    free = np.zeros(3, dtype=np.int64)
    for is_cat in (np.zeros(3, dtype=bool), np.array([False, True, True])):
        plain, jit = np.empty((3, 6)), np.empty((3, 6))
        cat_plain, cat_jit = np.zeros((3, 9), dtype=bool), np.zeros((3, 9), dtype=bool)
        _splitting_kernels.find_node_split(hist, n_bins_non_missing, has_missing, free, is_cat,
                                           node, params, plain, cat_plain)
        _splitting_kernels.find_node_split_jit(hist, n_bins_non_missing, has_missing, free,
                                               is_cat, node, params, jit, cat_jit)
        np.testing.assert_array_equal(plain, jit)
        np.testing.assert_array_equal(cat_plain, cat_jit)
    _splitting_kernels.find_node_split(hist, n_bins_non_missing, has_missing, free,
                                       np.zeros(3, dtype=bool), node, params, plain, cat_plain)
    # brute force over every threshold and NaN direction, eq. (hgb-gain)
    lam = 1.0
    for f in range(3):
        best = -1.0
        for b in range(8):
            for nan_left in ((False, True) if has_missing[f] else (False,)):
                left = (X_binned[:, f] <= b) | (nan_left & (X_binned[:, f] == 8))
                if left.sum() < 5 or (~left).sum() < 5:
                    continue
                gl, hl = g[left].astype(float).sum(), h[left].astype(float).sum()
                gr, hr = G - gl, H - hl
                best = max(best, gl**2 / (hl + lam) + gr**2 / (hr + lam) - G**2 / (H + lam))
        np.testing.assert_allclose(plain[f, 0], best, rtol=1e-9)


def test_predictor_kernels_plain_equals_jit():
    X, y = skd.load_diabetes(return_X_y=True)
    X = _with_nan(X[:100])
    reg = HistGradientBoostingRegressor(max_iter=2).fit(X, y[:100])
    tree = reg._predictors[1][0]
    codes = np.zeros((0, 0), dtype=np.uint8)
    args = (codes, tree.feature, tree.threshold, tree.is_categorical, tree.left_bins,
            tree.children, tree.value)
    a, b, c = np.zeros(100), np.zeros(100), np.zeros(100)
    _predictor_kernels.predict_raw(X, *args, a)
    _predictor_kernels.predict_raw_jit(X, *args, b)
    _predictor_kernels.predict_raw_parallel_jit(X, *args, c)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(a, c)
    # binned routing agrees with real-valued routing on the training data
    d = np.zeros(100)
    X_binned = map_to_bins(X, reg._bin_thresholds, reg.max_bins)
    _predictor_kernels.predict_binned_jit(X_binned, tree.feature, tree.left_bins,
                                          tree.children, tree.value, d)
    np.testing.assert_array_equal(a, d)


def test_split_indices_blocks_give_the_stable_partition():
    # Three blocks and a partial one: the plain function, the serial and the
    # parallel twins must all return the plain stable partition (numpy's
    # boolean masks keep the order), for a node holding a shuffled subset.
    from scratchml.ensemble._hist_gradient_boosting import _splitting_kernels as sk_

    rng = np.random.default_rng(0)
    n_rows = 3 * sk_.SPLIT_BLOCK + 123
    X_binned = np.asfortranarray(rng.integers(0, 10, size=(n_rows + 50, 2)).astype(np.uint8))
    sample_indices = rng.permutation(n_rows + 50)[:n_rows].astype(np.int64)
    left_bins = np.zeros(256, dtype=bool)
    left_bins[[1, 4, 7]] = True
    goes_left = left_bins[X_binned[sample_indices, 1]]
    gold = sample_indices[goes_left], sample_indices[~goes_left]
    for kernel in (sk_.split_indices, sk_.split_indices_jit, sk_.split_indices_parallel_jit):
        left, right = kernel(X_binned, sample_indices, 1, left_bins)
        np.testing.assert_array_equal(left, gold[0])
        np.testing.assert_array_equal(right, gold[1])
