"""k-nearest-neighbour rows: bundled data, then the issue's brute-force and KD-tree sizes."""

from sklearn import neighbors as sk

from benchmarks._data import bundled, synthetic
from benchmarks._registry import Case, register
from scratchml import neighbors as sm

SAME = "same neighbours (ties as scikit-learn): identical predictions"

for dataset in ("iris", "wine", "breast_cancer", "digits"):
    for algorithm in ("brute", "kd_tree"):
        register(Case(
            name=f"KNeighborsClassifier(k=5, {algorithm})", family="neighbors",
            dataset=f"{dataset} (scaled)",
            data=lambda d=dataset: bundled(d, scale=True),
            scratch=lambda a=algorithm: sm.KNeighborsClassifier(n_neighbors=5, algorithm=a),
            reference=lambda a=algorithm: sk.KNeighborsClassifier(n_neighbors=5, algorithm=a),
            metric="accuracy", tolerance=0.0, note=SAME,
        ))
for dataset in ("iris", "wine"):
    register(Case(
        name="RadiusNeighborsClassifier(r=2, distance)", family="neighbors",
        dataset=f"{dataset} (scaled)", data=lambda d=dataset: bundled(d, scale=True),
        scratch=lambda: sm.RadiusNeighborsClassifier(
            radius=2.0, weights="distance", outlier_label="most_frequent"),
        reference=lambda: sk.RadiusNeighborsClassifier(
            radius=2.0, weights="distance", outlier_label="most_frequent"),
        metric="accuracy", tolerance=0.0, note="same balls, same order of the votes",
    ))
register(Case(
    name="KNeighborsRegressor(k=5, distance)", family="neighbors", dataset="diabetes",
    data=lambda: bundled("diabetes", scale=True),
    scratch=lambda: sm.KNeighborsRegressor(n_neighbors=5, weights="distance"),
    reference=lambda: sk.KNeighborsRegressor(n_neighbors=5, weights="distance"),
    metric="r2", tolerance=1e-12, note="same neighbours and weights: equal up to rounding",
))


def _novelty():
    """Train on benign breast-cancer cases only; test on a mix, malignant = outlier."""
    X_tr, X_te, y_tr, y_te = bundled("breast_cancer", scale=True)
    return X_tr[y_tr == 1], X_te, None, (y_te == 0).astype(int)


register(Case(
    name="LocalOutlierFactor(novelty)", family="neighbors",
    dataset="breast_cancer benign vs malignant", data=_novelty,
    scratch=lambda: sm.LocalOutlierFactor(novelty=True),
    reference=lambda: sk.LocalOutlierFactor(novelty=True),
    metric="roc_auc_outlier", tolerance=1e-9, note="same neighbours: scores equal to rounding",
))
# Issue's performance rows. 25 000 x 50 split 80/20: 20 000 indexed, 5 000 queries.
register(Case(
    name="KNeighborsClassifier(k=5, brute)", family="neighbors",
    dataset="classification 20000+5000 x 50",
    data=lambda: synthetic("classification", 25_000, 50, test_size=0.2, n_informative=10),
    scratch=lambda: sm.KNeighborsClassifier(n_neighbors=5, algorithm="brute"),
    reference=lambda: sk.KNeighborsClassifier(n_neighbors=5, algorithm="brute"),
    metric="accuracy", tolerance=0.0, measure_memory=True, repeats=2,
    note=SAME + "; peak memory bounded by working_memory=64 MiB blocks",
))
register(Case(
    name="KNeighborsClassifier(k=5, kd_tree)", family="neighbors",
    dataset="classification 100000 x 3",
    data=lambda: synthetic("classification", 100_000, 3, n_informative=3, n_redundant=0),
    scratch=lambda: sm.KNeighborsClassifier(n_neighbors=5, algorithm="kd_tree"),
    reference=lambda: sk.KNeighborsClassifier(n_neighbors=5, algorithm="kd_tree"),
    metric="accuracy", tolerance=0.0, repeats=2, note=SAME,
))
