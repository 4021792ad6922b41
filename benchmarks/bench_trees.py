"""Tree rows: CART and forests on the bundled data, then the issue's fit-time sizes."""

import numpy as np
from sklearn import ensemble as ske
from sklearn import tree as skt

from benchmarks._data import bundled, synthetic
from benchmarks._registry import Case, register
from scratchml import ensemble as sme
from scratchml import tree as smt

TIES = ("deterministic CART, but tied split gains are broken by scikit-learn's random "
        "feature order: the trees can differ, so held-out accuracy may differ by a few "
        "test samples")
FOREST = ("randomised (other feature/threshold draws), one seed: scikit-learn's own test score "
          "spans 0.02 over seeds 0-9 (ExtraTrees, breast_cancer: 0.951-0.972), hence 0.03")

for dataset in ("iris", "wine", "breast_cancer", "digits"):
    register(Case(
        name="DecisionTreeClassifier()", family="trees", dataset=dataset,
        data=lambda d=dataset: bundled(d),
        scratch=lambda: smt.DecisionTreeClassifier(random_state=0),
        reference=lambda: skt.DecisionTreeClassifier(random_state=0),
        metric="accuracy", tolerance=0.05, note=TIES,
    ))
    for name in ("RandomForestClassifier", "ExtraTreesClassifier"):
        register(Case(
            name=f"{name}(100)", family="trees", dataset=dataset,
            data=lambda d=dataset: bundled(d),
            scratch=lambda n=name: getattr(sme, n)(random_state=0),
            reference=lambda n=name: getattr(ske, n)(random_state=0),
            metric="accuracy", tolerance=0.03, note=FOREST,
        ))
register(Case(
    name="DecisionTreeRegressor(max_depth=3)", family="trees", dataset="diabetes",
    data=lambda: bundled("diabetes"),
    scratch=lambda: smt.DecisionTreeRegressor(max_depth=3, random_state=0),
    reference=lambda: skt.DecisionTreeRegressor(max_depth=3, random_state=0),
    metric="r2", tolerance=1e-12,
    note="no tied gains at depth <= 3: the same tree node for node, identical predictions",
))
register(Case(
    name="DecisionTreeRegressor(absolute_error, max_depth=3)", family="trees",
    dataset="diabetes",
    data=lambda: bundled("diabetes"),
    scratch=lambda: smt.DecisionTreeRegressor(criterion="absolute_error", max_depth=3,
                                              random_state=0),
    reference=lambda: skt.DecisionTreeRegressor(criterion="absolute_error", max_depth=3,
                                                random_state=0),
    metric="r2", tolerance=1e-12,
    note="median leaves; no tied gains at depth <= 3 on this split: the same tree node for "
         "node, identical predictions",
))
# diabetes column 2 is the body-mass index: risk may only grow with it
MONOTONIC_BMI = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
register(Case(
    name="DecisionTreeRegressor(monotonic_cst=+bmi, max_depth=3)", family="trees",
    dataset="diabetes",
    data=lambda: bundled("diabetes"),
    scratch=lambda: smt.DecisionTreeRegressor(max_depth=3, monotonic_cst=MONOTONIC_BMI,
                                              random_state=0),
    reference=lambda: skt.DecisionTreeRegressor(max_depth=3, monotonic_cst=MONOTONIC_BMI,
                                                random_state=0),
    metric="r2", tolerance=1e-12,
    note="the same split rejections and clipped values as scikit-learn (node-for-node tests); "
         "no tied gains at depth <= 3 on this split (at depth 4 a 4-sample node has two "
         "features isolating the same sample): identical predictions",
))
for name in ("RandomForestRegressor", "ExtraTreesRegressor"):
    register(Case(
        name=f"{name}(100)", family="trees", dataset="diabetes",
        data=lambda: bundled("diabetes"),
        scratch=lambda n=name: getattr(sme, n)(random_state=0),
        reference=lambda n=name: getattr(ske, n)(random_state=0),
        metric="r2", tolerance=0.03, note=FOREST,
    ))

# The performance rows (fit on 50 000 x 20 and 20 000 x 20 training rows;
# the 75/25 split keeps the rest for scoring).
register(Case(
    name="DecisionTreeClassifier()", family="trees", dataset="classification 50000 x 20",
    data=lambda: synthetic("classification", 66_667, 20, n_informative=10),
    scratch=lambda: smt.DecisionTreeClassifier(random_state=0),
    reference=lambda: skt.DecisionTreeClassifier(random_state=0),
    metric="accuracy", tolerance=0.01, repeats=2,
    note="fully grown trees on noisy labels: ties and near-ties make the trees differ a "
         "little; 0.01 is well above the accuracy spread of scikit-learn over seeds",
))
register(Case(
    name="RandomForestClassifier(100)", family="trees", dataset="classification 20000 x 20",
    data=lambda: synthetic("classification", 26_667, 20, n_informative=10),
    scratch=lambda: sme.RandomForestClassifier(100, random_state=0),
    reference=lambda: ske.RandomForestClassifier(100, random_state=0),
    metric="accuracy", tolerance=0.01, size="full", repeats=1,
    note="randomised; 0.01 is the issue's bar (about two seed-to-seed standard deviations)",
))

# The "--full run shows fit time as n grows from 10 000 to 200 000":
# one row per training size (the 75/25 split keeps the rest for scoring), so
# the table shows both libraries' fit times growing side by side (CART is
# O(D N log^2 N) for balanced trees: ~2.3x per doubling of N at these sizes).
# The forest is kept at 10 trees so the sweep stays a few minutes long.
SWEEP = "fit-time n-sweep: "
for n_train in (10_000, 20_000, 50_000, 100_000, 200_000):
    register(Case(
        name="DecisionTreeClassifier() n-sweep", family="trees",
        dataset=f"classification {n_train} x 20",
        data=lambda n=n_train: synthetic("classification", n * 4 // 3, 20, n_informative=10),
        scratch=lambda: smt.DecisionTreeClassifier(random_state=0),
        reference=lambda: skt.DecisionTreeClassifier(random_state=0),
        metric="accuracy", tolerance=0.01, size="full", repeats=1,
        note=SWEEP + "fully grown trees on noisy labels; ties and near-ties make the trees "
             "differ a little, 0.01 is well above scikit-learn's accuracy spread over seeds",
    ))
    register(Case(
        name="RandomForestClassifier(10) n-sweep", family="trees",
        dataset=f"classification {n_train} x 20",
        data=lambda n=n_train: synthetic("classification", n * 4 // 3, 20, n_informative=10),
        scratch=lambda: sme.RandomForestClassifier(10, random_state=0),
        reference=lambda: ske.RandomForestClassifier(10, random_state=0),
        metric="accuracy", tolerance=0.01, size="full", repeats=1,
        note=SWEEP + "randomised (other feature draws, same bootstrap rows); 0.01 is the "
             "issue's bar",
    ))

# Boosting. AdaBoost's stumps and exact gradient boosting are deterministic;
# the only way to differ from scikit-learn is a tied split broken differently.
for dataset in ("iris", "wine", "breast_cancer", "digits"):
    register(Case(
        name="AdaBoostClassifier(50 stumps)", family="trees", dataset=dataset,
        data=lambda d=dataset: bundled(d),
        scratch=lambda: sme.AdaBoostClassifier(random_state=0),
        reference=lambda: ske.AdaBoostClassifier(random_state=0),
        metric="accuracy", tolerance=0.0,
        note="same stumps, weights and votes as scikit-learn (tied stumps give the same "
             "partition): identical predictions",
    ))
    register(Case(
        name="GradientBoostingClassifier(100)", family="trees", dataset=dataset,
        data=lambda d=dataset: bundled(d),
        scratch=lambda: sme.GradientBoostingClassifier(random_state=0),
        reference=lambda: ske.GradientBoostingClassifier(random_state=0),
        metric="accuracy", tolerance=0.03,
        note="deterministic, but early-stage residuals take few values so split gains tie "
             "and scikit-learn breaks ties by its random feature order; 0.03 allows a few "
             "test samples (tie-free weighted data agrees to 1e-15 in tests/ensemble)",
    ))
register(Case(
    name="GradientBoostingRegressor(100)", family="trees", dataset="diabetes",
    data=lambda: bundled("diabetes"),
    scratch=lambda: sme.GradientBoostingRegressor(random_state=0),
    reference=lambda: ske.GradientBoostingRegressor(random_state=0),
    metric="r2", tolerance=0.02,
    note="same stages unless two features isolate the same sample (a tie); 0.02 R²",
))


def _with_missing(name, fraction=0.1, seed=0):
    """A bundled split with ``fraction`` of the training and test values set to NaN."""
    X_train, X_test, y_train, y_test = bundled(name)
    rng = np.random.default_rng(seed)
    X_train, X_test = X_train.copy(), X_test.copy()
    X_train[rng.random(X_train.shape) < fraction] = np.nan
    X_test[rng.random(X_test.shape) < fraction] = np.nan
    return X_train, X_test, y_train, y_test


register(Case(
    name="DecisionTreeClassifier(max_depth=3), 10% NaN", family="trees",
    dataset="breast_cancer",
    data=lambda: _with_missing("breast_cancer"),
    scratch=lambda: smt.DecisionTreeClassifier(max_depth=3, random_state=0),
    reference=lambda: skt.DecisionTreeClassifier(max_depth=3, random_state=0),
    metric="accuracy", tolerance=0.0,
    note="missing values routed as scikit-learn >= 1.3 does (each threshold tried with the "
         "NaNs left and right): the same tree, identical predictions",
))


class _WarmStarted:
    """Fit ``model`` with half its ``n_estimators``, then warm-start to all of them."""

    def __init__(self, model):
        self.model = model

    def fit(self, X, y):
        n = self.model.get_params()["n_estimators"]
        self.model.set_params(warm_start=True, n_estimators=n // 2).fit(X, y)
        self.model.set_params(n_estimators=n).fit(X, y)
        return self

    def predict(self, X):
        return self.model.predict(X)


register(Case(
    name="GradientBoostingRegressor(50 -> 100, warm_start)", family="trees",
    dataset="diabetes",
    data=lambda: bundled("diabetes"),
    scratch=lambda: _WarmStarted(sme.GradientBoostingRegressor(random_state=0)),
    reference=lambda: _WarmStarted(ske.GradientBoostingRegressor(random_state=0)),
    metric="r2", tolerance=0.02,
    note="50 stages then 50 more equal one fit of 100 (tested bit for bit); 0.02 R² as the "
         "cold-fit row, for a tie of two features isolating the same sample",
))
register(Case(
    name="GradientBoostingRegressor(init='zero', max_depth=2)", family="trees",
    dataset="diabetes",
    data=lambda: bundled("diabetes"),
    scratch=lambda: sme.GradientBoostingRegressor(init="zero", max_depth=2, random_state=0),
    reference=lambda: ske.GradientBoostingRegressor(init="zero", max_depth=2, random_state=0),
    metric="r2", tolerance=0.02,
    note="boosting from F_0 = 0 instead of the mean; 0.02 R² as the default-init row",
))
register(Case(
    name="GradientBoostingClassifier(100)", family="trees", dataset="classification 20000 x 20",
    data=lambda: synthetic("classification", 26_667, 20, n_informative=10),
    scratch=lambda: sme.GradientBoostingClassifier(random_state=0),
    reference=lambda: ske.GradientBoostingClassifier(random_state=0),
    metric="accuracy", tolerance=0.01, size="full", repeats=1,
    note="exact (non-histogram) boosting, 100 stages of depth-3 trees: same model up to ties",
))


# Isolation forest: ranking quality of planted outliers (the bar: ROC AUC
# within 0.02 of scikit-learn's; the trees are random, so only the ranking compares).
def _planted_outliers(n_inliers, n_features, seed=0):
    import numpy as np

    from benchmarks._data import split

    rng = np.random.RandomState(seed)
    inliers = rng.normal(size=(n_inliers, n_features))
    outliers = rng.uniform(-4, 4, size=(n_inliers // 20, n_features))
    X = np.r_[inliers, outliers]
    y = np.r_[np.zeros(len(inliers)), np.ones(len(outliers))]
    return split(X, y, seed=seed)


def _breast_cancer_outliers():
    # benign tumours as the normal class, 20 malignant ones planted as anomalies
    import numpy as np

    from benchmarks._data import split
    from scratchml.datasets import load_breast_cancer

    X, y = load_breast_cancer(return_X_y=True)
    malignant = np.flatnonzero(y == 0)[:20]
    keep = np.r_[np.flatnonzero(y == 1), malignant]
    return split(X[keep], (y[keep] == 0).astype(float))


IFOREST = "random isolation trees from another generator: ROC AUC within 0.02 (issue's bar)"
register(Case(
    name="IsolationForest(100)", family="trees", dataset="planted outliers 2000 x 10",
    data=lambda: _planted_outliers(2000, 10),
    scratch=lambda: sme.IsolationForest(random_state=0),
    reference=lambda: ske.IsolationForest(random_state=0),
    metric="roc_auc_outlier", tolerance=0.02, note=IFOREST,
))
register(Case(
    name="IsolationForest(100)", family="trees", dataset="breast_cancer (malignant = outlier)",
    data=_breast_cancer_outliers,
    scratch=lambda: sme.IsolationForest(random_state=0),
    reference=lambda: ske.IsolationForest(random_state=0),
    metric="roc_auc_outlier", tolerance=0.02, note=IFOREST,
))
