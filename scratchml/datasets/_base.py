"""Loaders for the bundled real data sets (offline, shipped as package data).

Each file ``data/<name>.csv.gz`` has a header row of feature names and the
target in its last column; floats are stored with 17 significant digits, so
the arrays are bit-identical to scikit-learn's copies (a test checks it).
"""

import gzip
from importlib import resources

import numpy as np

from ..utils import Bunch

__all__ = ["load_breast_cancer", "load_diabetes", "load_digits", "load_iris", "load_wine"]

_TARGET_NAMES = {
    "iris": ["setosa", "versicolor", "virginica"],
    "wine": ["class_0", "class_1", "class_2"],
    "breast_cancer": ["malignant", "benign"],
    "digits": list(range(10)),
}


def _read_csv(name):
    """Return (data, target, feature_names) of ``data/<name>.csv.gz``."""
    with resources.files("scratchml.datasets").joinpath("data", f"{name}.csv.gz").open("rb") as fh:
        text = gzip.decompress(fh.read()).decode("ascii")
    header, _, body = text.partition("\n")
    names = header.split(",")
    table = np.loadtxt(body.splitlines(), delimiter=",", dtype=np.float64, ndmin=2)
    return table[:, :-1].copy(), table[:, -1].copy(), names[:-1]


def _descr(name):
    return resources.files("scratchml.datasets").joinpath("descr", f"{name}.rst").read_text()


def _load(name, *, file=None, return_X_y=False, integer_target=True, descr=None):
    data, target, feature_names = _read_csv(file or name)
    if integer_target:
        target = target.astype(np.int64)
    if return_X_y:
        return data, target
    bunch = Bunch(
        data=data,
        target=target,
        feature_names=feature_names,
        DESCR=_descr(descr or name),
        filename=f"{file or name}.csv.gz",
    )
    if name in _TARGET_NAMES:
        bunch.target_names = np.array(_TARGET_NAMES[name])
    return bunch


_RETURNS = """
    Returns
    -------
    data : Bunch
        ``data`` (ndarray of shape {shape}), ``target`` (ndarray of shape
        ({n},)), ``feature_names`` (list of str), {extra}``DESCR`` (str:
        source, citation, license) and ``filename``.
    (data, target) : tuple of ndarrays
        Instead, when ``return_X_y=True``.
"""


def load_iris(*, return_X_y=False):
    """Load Fisher's iris data: 150 flowers, 4 features, 3 classes.

    Parameters
    ----------
    return_X_y : bool, default=False
        Return ``(data, target)`` instead of a Bunch.
    {returns}
    Examples
    --------
    >>> from scratchml.datasets import load_iris
    >>> iris = load_iris()
    >>> iris.data.shape, iris.target_names.tolist()
    ((150, 4), ['setosa', 'versicolor', 'virginica'])
    """
    return _load("iris", return_X_y=return_X_y)


def load_wine(*, return_X_y=False):
    """Load the UCI wine data: 178 wines, 13 chemical features, 3 cultivars.

    Parameters
    ----------
    return_X_y : bool, default=False
        Return ``(data, target)`` instead of a Bunch.
    {returns}
    Examples
    --------
    >>> from scratchml.datasets import load_wine
    >>> load_wine().data.shape
    (178, 13)
    """
    return _load("wine", return_X_y=return_X_y)


def load_breast_cancer(*, return_X_y=False):
    """Load the Wisconsin diagnostic breast cancer data: 569 samples, 30 features, 2 classes.

    Parameters
    ----------
    return_X_y : bool, default=False
        Return ``(data, target)`` instead of a Bunch.
    {returns}
    Examples
    --------
    >>> from scratchml.datasets import load_breast_cancer
    >>> X, y = load_breast_cancer(return_X_y=True)
    >>> X.shape, int(y.sum())
    ((569, 30), 357)
    """
    return _load("breast_cancer", return_X_y=return_X_y)


def load_digits(*, n_class=10, return_X_y=False):
    """Load the UCI handwritten digits: 1797 8x8 images, 10 classes.

    Parameters
    ----------
    n_class : int in [1, 10], default=10
        Keep only the digits 0 .. n_class-1.
    return_X_y : bool, default=False
        Return ``(data, target)`` instead of a Bunch.
    {returns}
    Raises
    ------
    ValueError
        If ``n_class`` is not in [1, 10].

    Examples
    --------
    >>> from scratchml.datasets import load_digits
    >>> digits = load_digits()
    >>> digits.images.shape
    (1797, 8, 8)
    """
    if not (isinstance(n_class, (int, np.integer)) and 1 <= n_class <= 10):
        raise ValueError(f"n_class={n_class!r} must be an int in [1, 10].")
    bunch = _load("digits")
    keep = bunch.target < n_class
    data, target = bunch.data[keep], bunch.target[keep]
    if return_X_y:
        return data, target
    bunch.data, bunch.target = data, target
    bunch.images = data.reshape(-1, 8, 8)  # (n_samples, height, width)
    bunch.target_names = np.arange(10)
    return bunch


def load_diabetes(*, return_X_y=False, scaled=True):
    """Load the diabetes data of Efron et al. (2004): 442 patients, 10 features, regression.

    Parameters
    ----------
    return_X_y : bool, default=False
        Return ``(data, target)`` instead of a Bunch.
    scaled : bool, default=True
        Centred features scaled to unit Euclidean norm (scikit-learn's
        default); False gives the original measurements.
    {returns}
    Examples
    --------
    >>> from scratchml.datasets import load_diabetes
    >>> X, y = load_diabetes(return_X_y=True)
    >>> X.shape, round(float((X ** 2).sum(axis=0)[0]), 6)
    ((442, 10), 1.0)
    """
    return _load(
        "diabetes",
        file="diabetes" if scaled else "diabetes_raw",
        return_X_y=return_X_y,
        integer_target=False,
    )


for _f, _shape, _n, _extra in [
    (load_iris, "(150, 4)", 150, "``target_names``, "),
    (load_wine, "(178, 13)", 178, "``target_names``, "),
    (load_breast_cancer, "(569, 30)", 569, "``target_names``, "),
    (load_digits, "(n_samples, 64)", "n_samples", "``images`` (ndarray of shape (n_samples, 8, 8)), ``target_names``, "),
    (load_diabetes, "(442, 10)", 442, ""),
]:
    _f.__doc__ = _f.__doc__.replace(
        "{returns}", _RETURNS.format(shape=_shape, n=_n, extra=_extra).strip("\n")[4:] + "\n"
    )
