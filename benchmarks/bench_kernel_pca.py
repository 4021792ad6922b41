"""KernelPCA row: rbf kernel PCA with learned pre-images on a digits subset."""

from sklearn import decomposition as sk_decomposition

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
