"""KernelPCA rows: rbf kernel PCA with learned pre-images on a digits subset (dense
solver), and the 'arpack' and 'randomized' solvers on 2 000 digits-like samples."""

import numpy as np
from sklearn import decomposition as sk_decomposition
from sklearn.datasets import load_digits
from sklearn.neighbors import KNeighborsClassifier

from benchmarks._data import bundled
from benchmarks._registry import Case, register
from scratchml import decomposition

FAMILY = "kernel_pca"
KW = dict(n_components=20, kernel="rbf", gamma=1e-3, alpha=0.1, fit_inverse_transform=True)


def _digits_subset():
    X_train, X_test, y_train, y_test = bundled("digits")
    return X_train[:800], X_test[:300], y_train[:800], y_test[:300]


register(Case(
    name="KernelPCA(n=20, rbf)", family=FAMILY, dataset="digits 800+300",
    data=_digits_subset,
    scratch=lambda: decomposition.KernelPCA(eigen_solver="dense", **KW),
    # scikit-learn pinned to its dense solver too: the same eigenproblem both sides
    reference=lambda: sk_decomposition.KernelPCA(eigen_solver="dense", **KW),
    metric="reconstruction_r2", tolerance=1e-9,
    note="same dense symmetric eigenproblem, sign rule and ridge solve: equal to rounding",
))


# --- the iterative eigensolvers: 5 leading components of a 2 000 x 2 000 kernel ---
def _digits_like(n_train=2000, n_test=500, seed=0):
    """Digits resampled with replacement plus N(0, 0.5^2) pixel noise (no duplicate rows)."""
    X, y = load_digits(return_X_y=True)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(X), n_train + n_test)
    X_new = X[idx] + rng.normal(scale=0.5, size=(len(idx), X.shape[1]))
    return X_new[:n_train], X_new[n_train:], y[idx[:n_train]], y[idx[n_train:]]


def _one_nn_accuracy(est, X_train, X_test, y_train, y_test):
    """Accuracy of a 1-nearest-neighbour classifier in the kernel-PCA embedding."""
    knn = KNeighborsClassifier(n_neighbors=1).fit(est.transform(X_train), y_train)
    return knn.score(est.transform(X_test), y_test)


SOLVER_KW = dict(n_components=5, kernel="rbf", gamma=1e-3, random_state=0)
for solver, why in [
    ("arpack", "scratchml's thick-restart Lanczos vs ARPACK, both to residual <= eps |lambda|"),
    ("randomized", "same Gaussian sketch and power iterations as scikit-learn"),
]:
    register(Case(
        name=f"KernelPCA(n=5, rbf, {solver})", family=FAMILY, dataset="digits-like 2000+500",
        data=_digits_like,
        scratch=lambda solver=solver: decomposition.KernelPCA(eigen_solver=solver, **SOLVER_KW),
        reference=lambda solver=solver: sk_decomposition.KernelPCA(eigen_solver=solver, **SOLVER_KW),
        metric="accuracy", tolerance=0.002,
        note=f"1-NN accuracy in the 5-D embedding; {why}: same eigenvectors to ~1e-14, "
             "so equal accuracy (0.002 = one test point, for a rounding-level distance tie)",
        extra={"score": _one_nn_accuracy, "predict": lambda est, X: est.transform(X)},
    ))
