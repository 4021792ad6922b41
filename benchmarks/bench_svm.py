"""Support vector machine rows: bundled data, then the issue's SVC rbf sizes."""

from sklearn import svm as sk

from benchmarks._data import bundled, synthetic
from benchmarks._registry import Case, register
from scratchml import svm as sm

SAME = ("LIBSVM's solver step for step, shrinking included (default shrinking=True on "
        "both sides): same support vectors, decision values within 1e-9, identical predictions")

for dataset in ("iris", "wine", "breast_cancer", "digits"):
    for kernel in ("linear", "rbf"):
        register(Case(
            name=f"SVC({kernel})", family="svm", dataset=f"{dataset} (scaled)",
            data=lambda d=dataset: bundled(d, scale=True),
            scratch=lambda k=kernel: sm.SVC(kernel=k),
            reference=lambda k=kernel: sk.SVC(kernel=k),
            metric="accuracy", tolerance=0.0, note=SAME,
        ))
for dataset in ("iris", "wine", "breast_cancer"):
    register(Case(
        name="NuSVC(rbf, nu=0.3)", family="svm", dataset=f"{dataset} (scaled)",
        data=lambda d=dataset: bundled(d, scale=True),
        scratch=lambda: sm.NuSVC(nu=0.3), reference=lambda: sk.NuSVC(nu=0.3),
        metric="accuracy", tolerance=0.0, note=SAME,
    ))
for dataset in ("iris", "wine", "breast_cancer", "digits"):
    register(Case(
        name="LinearSVC", family="svm", dataset=f"{dataset} (scaled)",
        data=lambda d=dataset: bundled(d, scale=True),
        scratch=lambda: sm.LinearSVC(random_state=0),
        reference=lambda: sk.LinearSVC(random_state=0),
        metric="accuracy", tolerance=0.02,
        note="same convex objective to tol=1e-4 by different solvers/visiting "
             "orders: a point or two near the boundary may flip",
    ))
register(Case(
    name="NuSVR(rbf, nu=0.5)", family="svm", dataset="diabetes (scaled)",
    data=lambda: bundled("diabetes", scale=True),
    scratch=lambda: sm.NuSVR(C=100.0), reference=lambda: sk.NuSVR(C=100.0),
    metric="r2", tolerance=1e-6, note="same Solver_NU path as LIBSVM, shrinking included",
))
register(Case(
    name="LinearSVR", family="svm", dataset="diabetes (scaled)",
    data=lambda: bundled("diabetes", scale=True),
    scratch=lambda: sm.LinearSVR(C=10.0, random_state=0, max_iter=5000),
    reference=lambda: sk.LinearSVR(C=10.0, random_state=0, max_iter=5000),
    metric="r2", tolerance=0.01, note="same convex objective by dual CD with different orders",
))
register(Case(
    name="SVR(rbf)", family="svm", dataset="diabetes (scaled)",
    data=lambda: bundled("diabetes", scale=True),
    scratch=lambda: sm.SVR(C=100.0, epsilon=5.0), reference=lambda: sk.SVR(C=100.0, epsilon=5.0),
    metric="r2", tolerance=1e-6,
    note="same SMO path as LIBSVM, shrinking included: predictions to ~1e-12",
))


def _novelty():
    """Train on benign breast-cancer cases only; test on a mix, malignant = outlier."""
    X_tr, X_te, y_tr, y_te = bundled("breast_cancer", scale=True)
    return X_tr[y_tr == 1], X_te, None, (y_te == 0).astype(int)


register(Case(
    name="OneClassSVM(nu=0.1)", family="svm", dataset="breast_cancer benign vs malignant",
    data=_novelty,
    scratch=lambda: sm.OneClassSVM(nu=0.1), reference=lambda: sk.OneClassSVM(nu=0.1),
    metric="roc_auc_outlier", tolerance=1e-9, note="same SMO path as LIBSVM, shrinking included",
))
# Issue's performance rows: 5 000 x 20 split 75/25 keeps 3 750 for training,
# so the data set has 6 667 rows to train on 5 000.
register(Case(
    name="SVC(rbf)", family="svm", dataset="classification 5000 x 20",
    data=lambda: synthetic("classification", 6_667, 20, scale=True),
    scratch=lambda: sm.SVC(kernel="rbf"), reference=lambda: sk.SVC(kernel="rbf"),
    metric="accuracy", tolerance=0.0, repeats=1,
    note="same SMO path as LIBSVM with shrinking (same n_iter_): identical predictions",
))
for n in (1_000, 2_000, 5_000, 10_000):
    register(Case(
        name="SVC(rbf) growth", family="svm", dataset=f"classification {n} x 20",
        data=lambda n=n: synthetic("classification", int(n / 0.75) + 1, 20, scale=True),
        scratch=lambda: sm.SVC(kernel="rbf"), reference=lambda: sk.SVC(kernel="rbf"),
        metric="accuracy", tolerance=0.0, repeats=1, size="full",
        note="fit time growth from 1 000 to 10 000 samples",
    ))
