r"""Splitting data: hold-out splits and cross-validation iterators.

Every splitter yields pairs of integer index arrays ``(train, test)``. The
random ones draw from a ``numpy.random.RandomState`` made by
:func:`scratchml.utils.validation.check_random_state`, and in the same order
as scikit-learn, so for the same integer ``random_state`` both libraries give
the very same indices (the tests check this).
"""

import inspect
import numbers
import warnings
from math import ceil, floor

import numpy as np

from ..utils.multiclass import type_of_target
from ..utils.validation import _num_samples, check_consistent_length, check_random_state

__all__ = [
    "KFold",
    "LeaveOneOut",
    "ShuffleSplit",
    "StratifiedKFold",
    "StratifiedShuffleSplit",
    "TimeSeriesSplit",
    "train_test_split",
    "train_val_test_split",
]


def _safe_indexing(array, indices):
    """Rows ``indices`` of an array, list or DataFrame, keeping its type."""
    if array is None:
        return None
    if hasattr(array, "iloc"):
        return array.iloc[indices]
    if hasattr(array, "shape"):
        return array[indices]
    return [array[i] for i in indices]


def _indexable(*arrays):
    """Make each array row-indexable: keep arrays, lists and DataFrames; convert the rest.

    Raises
    ------
    TypeError
        For a sparse matrix (scratchml works on dense arrays only).
    """
    out = []
    for array in arrays:
        if hasattr(array, "toarray") or hasattr(array, "tocsr"):
            raise TypeError(
                "A sparse matrix was passed; scratchml works on dense arrays only and does "
                "not support sparse input. Use X.toarray() first."
            )
        if array is None or hasattr(array, "iloc") or isinstance(array, (np.ndarray, list)):
            out.append(array)
        else:
            out.append(np.asarray(array))
    return out


def _check_n_samples(X):
    n_samples = _num_samples(X)
    if n_samples == 0:
        raise ValueError(
            "Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required."
        )
    return n_samples


class BaseCrossValidator:
    """Base class of the splitters: ``split`` and ``get_n_splits``.

    Subclasses either define ``_iter_test_indices(X, y)`` (the test indices of
    each fold; the training set is the complement) or override ``split``.
    """

    def split(self, X, y=None, groups=None):
        """Generate indices to split data into training and test sets.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data; only its length is used.
        y : array-like of shape (n_samples,), default=None
            Targets (used by the stratified splitters only).
        groups : None
            Ignored; present for API compatibility.

        Yields
        ------
        train : ndarray of shape (n_train,)
            Training indices of the split.
        test : ndarray of shape (n_test,)
            Test indices of the split.
        """
        check_consistent_length(X, y)
        n_samples = _check_n_samples(X)
        indices = np.arange(n_samples)
        for test_index in self._iter_test_indices(X, y):
            test_mask = np.zeros(n_samples, dtype=bool)
            test_mask[test_index] = True
            yield indices[~test_mask], indices[test_mask]

    def __repr__(self):
        names = sorted(
            p for p in inspect.signature(type(self).__init__).parameters if p != "self"
        )
        args = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{type(self).__name__}({args})"


class _BaseKFold(BaseCrossValidator):
    """K folds: checks shared by ``KFold``, ``StratifiedKFold``, ``TimeSeriesSplit``."""

    def __init__(self, n_splits, *, shuffle, random_state):
        # Splitters are not estimators: like scikit-learn's they validate at
        # construction, so a bad ``n_splits`` fails where it is written.
        if not isinstance(n_splits, numbers.Integral) or isinstance(n_splits, bool):
            raise ValueError(
                f"The number of folds must be of Integral type. {n_splits!r} of type "
                f"{type(n_splits)} was passed."
            )
        n_splits = int(n_splits)
        if n_splits <= 1:
            raise ValueError(
                "k-fold cross-validation requires at least one train/test split by "
                f"setting n_splits=2 or more, got n_splits={n_splits}."
            )
        if not isinstance(shuffle, bool):
            raise TypeError(f"shuffle must be True or False; got {shuffle}")
        if not shuffle and random_state is not None:
            raise ValueError(
                "Setting a random_state has no effect since shuffle is False. You should "
                "leave random_state to its default (None), or set shuffle=True."
            )
        self.n_splits = n_splits
        self.shuffle = shuffle
        self.random_state = random_state

    def split(self, X, y=None, groups=None):  # noqa: D102 (documented in the base class)
        n_samples = _check_n_samples(X)
        if self.n_splits > n_samples:
            raise ValueError(
                f"Cannot have number of splits n_splits={self.n_splits} greater than the "
                f"number of samples: n_samples={n_samples}."
            )
        yield from super().split(X, y, groups)

    split.__doc__ = BaseCrossValidator.split.__doc__

    def get_n_splits(self, X=None, y=None, groups=None):
        """Return the number of splits, ``n_splits``.

        Parameters
        ----------
        X, y, groups : object
            Ignored; present for API compatibility.

        Returns
        -------
        n_splits : int
        """
        return self.n_splits


def _fold_sizes(n_samples, n_splits):
    r"""Sizes of ``n_splits`` contiguous folds, the first ``N mod K`` one larger.

    .. math:: |F_k| = \lfloor N / K \rfloor + [k < N \bmod K]
       :label: kfold-sizes
    """
    sizes = np.full(n_splits, n_samples // n_splits, dtype=int)  # eq. (kfold-sizes)
    sizes[: n_samples % n_splits] += 1
    return sizes


class KFold(_BaseKFold):
    r"""K-fold cross-validation: K contiguous folds, each the test set once.

    Parameters
    ----------
    n_splits : int, default=5
        Number of folds K, at least 2.
    shuffle : bool, default=False
        Shuffle the sample order once before cutting it into folds.
    random_state : int, RandomState instance or None, default=None
        Seeds the shuffle; only allowed with ``shuffle=True``.

    Raises
    ------
    ValueError
        ``n_splits < 2``; ``random_state`` set with ``shuffle=False``; in
        ``split``, ``n_splits`` greater than the number of samples.

    See Also
    --------
    StratifiedKFold : folds that keep the class proportions.

    Notes
    -----
    With N samples (after an optional shuffle), fold k holds the next
    :math:`|F_k|` of them, eq. :eq:`kfold-sizes`, so fold sizes differ by at
    most one. Every sample is in exactly one test fold.

    References
    ----------
    Hastie, Tibshirani, Friedman, *The Elements of Statistical Learning*, 2nd
    ed., §7.10.1 (K-fold cross-validation).

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.model_selection import KFold
    >>> for train, test in KFold(n_splits=3).split(np.zeros((5, 1))):
    ...     print(train, test)
    [2 3 4] [0 1]
    [0 1 4] [2 3]
    [0 1 2 3] [4]
    """

    def __init__(self, n_splits=5, *, shuffle=False, random_state=None):
        super().__init__(n_splits, shuffle=shuffle, random_state=random_state)

    def _iter_test_indices(self, X, y=None):
        n_samples = _num_samples(X)
        indices = np.arange(n_samples)
        if self.shuffle:
            check_random_state(self.random_state).shuffle(indices)
        start = 0
        for size in _fold_sizes(n_samples, self.n_splits):
            yield indices[start : start + size]
            start += size


class StratifiedKFold(_BaseKFold):
    r"""K-fold cross-validation whose folds keep the class proportions of ``y``.

    Parameters
    ----------
    n_splits : int, default=5
        Number of folds K, at least 2.
    shuffle : bool, default=False
        Shuffle, within each class, which samples go to which fold.
    random_state : int, RandomState instance or None, default=None
        Seeds the shuffle; only allowed with ``shuffle=True``.

    Raises
    ------
    ValueError
        As :class:`KFold`; also a ``y`` that is not binary or multiclass, or
        ``n_splits`` greater than the size of every class. A ``UserWarning`` is
        emitted when only some class has fewer than ``n_splits`` members.

    Notes
    -----
    Encode the classes in order of first appearance, sort the encoded labels
    and deal them round-robin to the folds: fold k receives the labels at
    positions :math:`k, k + K, k + 2K, \dots` of the sorted sequence, so the
    number of class-c samples in fold k is

    .. math:: a_{kc} = \#\{i \equiv k \pmod K : s_i = c\}
       :label: skfold-allocation

    where :math:`s` is the sorted encoded label vector. Within class c the
    fold labels :math:`(0^{a_{0c}}, 1^{a_{1c}}, \dots)` are then assigned to the
    class's samples in order (or in shuffled order).

    References
    ----------
    Kohavi, R. (1995). A study of cross-validation and bootstrap for accuracy
    estimation and model selection. *IJCAI*, §5 (stratified cross-validation).

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.model_selection import StratifiedKFold
    >>> y = np.array([0, 0, 0, 0, 1, 1])
    >>> for train, test in StratifiedKFold(n_splits=2).split(np.zeros((6, 1)), y):
    ...     print(test)
    [0 1 4]
    [2 3 5]
    """

    def __init__(self, n_splits=5, *, shuffle=False, random_state=None):
        super().__init__(n_splits, shuffle=shuffle, random_state=random_state)

    def _make_test_folds(self, y):
        rng = check_random_state(self.random_state)
        y = np.asarray(y)
        kind = type_of_target(y)
        allowed = ("binary", "multiclass")
        if kind not in allowed:
            raise ValueError(f"Supported target types are: {allowed}. Got {kind!r} instead.")
        y = y.ravel() if y.ndim == 2 and y.shape[1] == 1 else y
        # Class codes in order of first appearance (not in sorted order), as
        # in scikit-learn, so that the folds coincide.
        _, first_index, inverse = np.unique(y, return_index=True, return_inverse=True)
        _, appearance_rank = np.unique(first_index, return_inverse=True)
        y_encoded = appearance_rank[inverse.ravel()]
        n_classes = len(first_index)
        counts = np.bincount(y_encoded)
        if np.all(self.n_splits > counts):
            raise ValueError(
                f"n_splits={self.n_splits} cannot be greater than the number of members "
                "in each class."
            )
        if self.n_splits > counts.min():
            warnings.warn(
                f"The least populated class in y has only {counts.min()} members, which "
                f"is less than n_splits={self.n_splits}.",
                UserWarning,
                stacklevel=3,
            )
        y_sorted = np.sort(y_encoded)
        allocation = np.array(  # eq. (skfold-allocation), shape (n_splits, n_classes)
            [np.bincount(y_sorted[k :: self.n_splits], minlength=n_classes)
             for k in range(self.n_splits)]
        )
        test_folds = np.empty(len(y), dtype=int)
        for c in range(n_classes):
            folds_for_class = np.repeat(np.arange(self.n_splits), allocation[:, c])
            if self.shuffle:
                rng.shuffle(folds_for_class)
            test_folds[y_encoded == c] = folds_for_class
        return test_folds

    def _iter_test_indices(self, X, y=None):
        test_folds = self._make_test_folds(y)
        for k in range(self.n_splits):
            yield np.flatnonzero(test_folds == k)

    def split(self, X, y, groups=None):  # noqa: D102
        if y is None:
            raise ValueError("StratifiedKFold.split needs the class labels y; got y=None.")
        check_consistent_length(X, y)
        yield from super().split(X, y, groups)

    split.__doc__ = BaseCrossValidator.split.__doc__


class TimeSeriesSplit(_BaseKFold):
    r"""Forward-chaining splits for ordered data: always train on the past.

    Parameters
    ----------
    n_splits : int, default=5
        Number of splits, at least 2.
    max_train_size : int, default=None
        Keep at most this many of the most recent samples in a training set.
    test_size : int, default=None
        Test set size; ``n_samples // (n_splits + 1)`` by default.
    gap : int, default=0
        Samples dropped between the end of each training set and its test set.

    Raises
    ------
    ValueError
        In ``split``: more folds than samples, or ``n_splits * test_size + gap``
        not leaving any training sample.

    Notes
    -----
    With test size T, split k (k = 1..K) tests on samples
    :math:`[N - (K - k + 1) T, N - (K - k) T)` and trains on every sample
    before the test block minus the gap G:

    .. math:: \text{train}_k = [0, N - (K - k + 1) T - G)
       :label: tss-train

    References
    ----------
    Hyndman, R. J. and Athanasopoulos, G., *Forecasting: Principles and
    Practice*, 3rd ed., §5.10 (time series cross-validation).

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.model_selection import TimeSeriesSplit
    >>> for train, test in TimeSeriesSplit(n_splits=3).split(np.zeros((6, 1))):
    ...     print(train, test)
    [0 1 2] [3]
    [0 1 2 3] [4]
    [0 1 2 3 4] [5]
    """

    def __init__(self, n_splits=5, *, max_train_size=None, test_size=None, gap=0):
        super().__init__(n_splits, shuffle=False, random_state=None)
        self.max_train_size = max_train_size
        self.test_size = test_size
        self.gap = gap

    def split(self, X, y=None, groups=None):  # noqa: D102
        check_consistent_length(X, y)
        n_samples = _check_n_samples(X)
        n_splits, gap = self.n_splits, self.gap
        n_folds = n_splits + 1
        test_size = self.test_size if self.test_size is not None else n_samples // n_folds
        if n_folds > n_samples:
            raise ValueError(
                f"Cannot have number of folds={n_folds} greater than the number of "
                f"samples={n_samples}."
            )
        if n_samples - gap - test_size * n_splits <= 0:
            raise ValueError(
                f"Too many splits={n_splits} for number of samples={n_samples} with "
                f"test_size={test_size} and gap={gap}."
            )
        indices = np.arange(n_samples)
        for test_start in range(n_samples - n_splits * test_size, n_samples, test_size):
            train_end = test_start - gap  # eq. (tss-train)
            train_start = 0
            if self.max_train_size and self.max_train_size < train_end:
                train_start = train_end - self.max_train_size
            yield indices[train_start:train_end], indices[test_start : test_start + test_size]

    split.__doc__ = BaseCrossValidator.split.__doc__


class LeaveOneOut(BaseCrossValidator):
    """Leave-one-out: N splits, each testing on a single sample.

    Equivalent to ``KFold(n_splits=n_samples)``. Costly for large N; the
    estimate has low bias but can have high variance (ESL §7.10.1).

    Raises
    ------
    ValueError
        With fewer than two samples.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.model_selection import LeaveOneOut
    >>> [test.tolist() for _, test in LeaveOneOut().split(np.zeros((3, 1)))]
    [[0], [1], [2]]
    """

    def _iter_test_indices(self, X, y=None):
        n_samples = _num_samples(X)
        if n_samples <= 1:
            raise ValueError(f"Cannot perform LeaveOneOut with n_samples={n_samples}.")
        return range(n_samples)

    def get_n_splits(self, X, y=None, groups=None):
        """Return the number of samples in ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y, groups : object
            Ignored.

        Returns
        -------
        n_splits : int
        """
        if X is None:
            raise ValueError("The 'X' parameter should not be None.")
        return _num_samples(X)


# ---------------------------------------------------------------------------
# Random splits
# ---------------------------------------------------------------------------
def _validate_shuffle_split(n_samples, test_size, train_size, default_test_size=None):
    r"""Turn (fractional or absolute) sizes into counts ``(n_train, n_test)``.

    A fractional test size rounds up and a fractional train size rounds down:

    .. math:: n_\text{test} = \lceil t N \rceil, \qquad n_\text{train} = \lfloor s N \rfloor
       :label: split-sizes

    and a missing size is the complement of the other.
    """
    if test_size is None and train_size is None:
        test_size = default_test_size
    test_kind = np.asarray(test_size).dtype.kind
    train_kind = np.asarray(train_size).dtype.kind
    for name, size, kind in (("test_size", test_size, test_kind),
                             ("train_size", train_size, train_kind)):
        if (kind == "i" and (size >= n_samples or size <= 0)) or (
            kind == "f" and (size <= 0 or size >= 1)
        ):
            raise ValueError(
                f"{name}={size} should be either positive and smaller than the number "
                f"of samples {n_samples} or a float in the (0, 1) range"
            )
        if size is not None and kind not in ("i", "f"):
            raise ValueError(f"Invalid value for {name}: {size}")
    if train_kind == "f" and test_kind == "f" and train_size + test_size > 1:
        raise ValueError(
            f"The sum of test_size and train_size = {train_size + test_size}, should be in "
            "the (0, 1) range. Reduce test_size and/or train_size."
        )
    n_test = ceil(test_size * n_samples) if test_kind == "f" else test_size  # eq. (split-sizes)
    n_train = floor(train_size * n_samples) if train_kind == "f" else train_size
    if train_size is None:
        n_train = n_samples - n_test
    elif test_size is None:
        n_test = n_samples - n_train
    if n_train + n_test > n_samples:
        raise ValueError(
            f"The sum of train_size and test_size = {int(n_train + n_test)}, should be "
            f"smaller than the number of samples {n_samples}. Reduce test_size and/or "
            "train_size."
        )
    n_train, n_test = int(n_train), int(n_test)
    if n_train == 0:
        raise ValueError(
            f"With n_samples={n_samples}, test_size={test_size} and train_size="
            f"{train_size}, the resulting train set will be empty. Adjust any of the "
            "aforementioned parameters."
        )
    return n_train, n_test


class ShuffleSplit(BaseCrossValidator):
    """Random permutation splits: each split shuffles, then cuts test and train.

    Parameters
    ----------
    n_splits : int, default=10
        Number of re-shuffling and splitting iterations.
    test_size : float or int, default=None
        Fraction in (0, 1) or absolute count of test samples. 0.1 if both sizes
        are None; otherwise the complement of ``train_size``.
    train_size : float or int, default=None
        Fraction or count of training samples; the complement of ``test_size``
        if None.
    random_state : int, RandomState instance or None, default=None
        Seeds the permutations.

    Raises
    ------
    ValueError
        Sizes out of range or adding up to more than the data.

    Notes
    -----
    Test sets of different splits may overlap. Sizes follow eq.
    :eq:`split-sizes`. Each split draws one permutation π of 0..N-1; the test
    set is :math:`\\pi_{1..n_\\text{test}}` and the training set the next
    :math:`n_\\text{train}` entries.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.model_selection import ShuffleSplit
    >>> ss = ShuffleSplit(n_splits=2, test_size=0.25, random_state=0)
    >>> [len(test) for _, test in ss.split(np.zeros((8, 1)))]
    [2, 2]
    """

    _default_test_size = 0.1

    def __init__(self, n_splits=10, *, test_size=None, train_size=None, random_state=None):
        self.n_splits = n_splits
        self.test_size = test_size
        self.train_size = train_size
        self.random_state = random_state

    def split(self, X, y=None, groups=None):  # noqa: D102
        check_consistent_length(X, y)
        n_samples = _check_n_samples(X)
        n_train, n_test = _validate_shuffle_split(
            n_samples, self.test_size, self.train_size, self._default_test_size
        )
        yield from self._iter_indices(n_samples, n_train, n_test, y)

    split.__doc__ = BaseCrossValidator.split.__doc__

    def _iter_indices(self, n_samples, n_train, n_test, y):
        rng = check_random_state(self.random_state)
        for _ in range(self.n_splits):
            permutation = rng.permutation(n_samples)
            yield permutation[n_test : n_test + n_train], permutation[:n_test]

    def get_n_splits(self, X=None, y=None, groups=None):
        """Return ``n_splits``.

        Parameters
        ----------
        X, y, groups : object
            Ignored.

        Returns
        -------
        n_splits : int
        """
        return self.n_splits


def _approximate_mode(class_counts, n_draws, rng):
    r"""Per-class counts of a stratified draw of ``n_draws`` samples.

    Start from the floor of the proportional share and hand the remaining
    draws to the classes with the largest fractional parts, breaking ties at
    random (an approximation of the mode of the multivariate hypergeometric):

    .. math:: m_c = \lfloor n N_c / N \rfloor + [c \text{ among the largest remainders}]
       :label: approx-mode
    """
    continuous = class_counts / class_counts.sum() * n_draws
    floored = np.floor(continuous)
    need_to_add = int(n_draws - floored.sum())
    if need_to_add > 0:
        remainder = continuous - floored
        for value in np.sort(np.unique(remainder))[::-1]:
            (candidates,) = np.nonzero(remainder == value)
            add_now = min(len(candidates), need_to_add)
            chosen = rng.choice(candidates, size=add_now, replace=False)
            floored[chosen] += 1  # eq. (approx-mode)
            need_to_add -= add_now
            if need_to_add == 0:
                break
    return floored.astype(int)


class StratifiedShuffleSplit(ShuffleSplit):
    """Random splits whose train and test sets keep the class proportions of ``y``.

    Parameters
    ----------
    n_splits, test_size, train_size, random_state
        As in :class:`ShuffleSplit`.

    Raises
    ------
    ValueError
        A class with a single member; fewer train or test samples than classes.

    Notes
    -----
    Per split, the class counts of the training set are drawn by eq.
    :eq:`approx-mode` from the class sizes :math:`N_c`, those of the test set
    from what is left; each class is then permuted and cut accordingly, and
    both sets are permuted once more.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.model_selection import StratifiedShuffleSplit
    >>> y = np.array([0] * 6 + [1] * 2)
    >>> sss = StratifiedShuffleSplit(n_splits=1, test_size=0.5, random_state=0)
    >>> train, test = next(sss.split(np.zeros((8, 1)), y))
    >>> np.bincount(y[test]).tolist()
    [3, 1]
    """

    def split(self, X, y, groups=None):  # noqa: D102
        if y is None:
            raise ValueError(
                "StratifiedShuffleSplit.split needs the class labels y; got y=None."
            )
        yield from super().split(X, y, groups)

    split.__doc__ = BaseCrossValidator.split.__doc__

    def _iter_indices(self, n_samples, n_train, n_test, y):
        y = np.asarray(y)
        if y.ndim == 2:
            # Multi-label rows: one class per distinct row.
            y = np.array([" ".join(row.astype("str")) for row in y])
        classes, y_indices, class_counts = np.unique(y, return_inverse=True, return_counts=True)
        y_indices = y_indices.ravel()
        n_classes = classes.shape[0]
        if class_counts.min() < 2:
            raise ValueError(
                "The least populated classes in y have only 1 member, which is too few. "
                "The minimum number of groups for any class cannot be less than 2. "
                f"Classes with too few members are: {classes[class_counts < 2].tolist()}"
            )
        if n_train < n_classes:
            raise ValueError(
                f"The train_size = {n_train} should be greater or equal to the number of "
                f"classes = {n_classes}"
            )
        if n_test < n_classes:
            raise ValueError(
                f"The test_size = {n_test} should be greater or equal to the number of "
                f"classes = {n_classes}"
            )
        # Sample indices of each class, in increasing order.
        class_indices = np.split(np.argsort(y_indices, kind="stable"), np.cumsum(class_counts)[:-1])
        rng = check_random_state(self.random_state)
        for _ in range(self.n_splits):
            n_i = _approximate_mode(class_counts, n_train, rng)
            t_i = _approximate_mode(class_counts - n_i, n_test, rng)
            train, test = [], []
            for c in range(n_classes):
                shuffled = class_indices[c][rng.permutation(class_counts[c])]
                train.extend(shuffled[: n_i[c]])
                test.extend(shuffled[n_i[c] : n_i[c] + t_i[c]])
            yield rng.permutation(train), rng.permutation(test)


# ---------------------------------------------------------------------------
# One-shot hold-out splits
# ---------------------------------------------------------------------------
def train_test_split(*arrays, test_size=None, train_size=None, random_state=None,
                     shuffle=True, stratify=None):
    """Split arrays into random train and test subsets.

    Parameters
    ----------
    *arrays : sequence of array-likes of the same length
        Lists, NumPy arrays or pandas DataFrames/Series; each is returned in
        its own type.
    test_size : float or int, default=None
        Fraction in (0, 1) (rounded up) or absolute number of test samples.
        0.25 if ``train_size`` is also None; else the complement of ``train_size``.
    train_size : float or int, default=None
        Fraction (rounded down) or number of training samples; the complement
        of ``test_size`` if None.
    random_state : int, RandomState instance or None, default=None
        Seeds the shuffle. The same integer gives the same split as
        scikit-learn's ``train_test_split``.
    shuffle : bool, default=True
        If False, the first samples are the training set and the next ones the
        test set.
    stratify : array-like of shape (n_samples,), default=None
        Class labels whose proportions both subsets should keep.

    Returns
    -------
    splitting : list of length 2 * len(arrays)
        ``[a_train, a_test, b_train, b_test, ...]``.

    Raises
    ------
    ValueError
        No array; arrays of different lengths; sizes out of range;
        ``stratify`` with ``shuffle=False``; a class with a single member.

    Notes
    -----
    With shuffling this takes the first split of :class:`ShuffleSplit` (or
    :class:`StratifiedShuffleSplit` when ``stratify`` is given) with the
    sizes of eq. :eq:`split-sizes`.

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.model_selection import train_test_split
    >>> X, y = np.arange(10).reshape(5, 2), np.arange(5)
    >>> X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=0)
    >>> y_train, y_test
    (array([1, 3, 4]), array([2, 0]))
    """
    if not arrays:
        raise ValueError("At least one array required as input")
    arrays = _indexable(*arrays)
    check_consistent_length(*arrays)
    n_samples = _check_n_samples(arrays[0])
    n_train, n_test = _validate_shuffle_split(n_samples, test_size, train_size, 0.25)
    if not shuffle:
        if stratify is not None:
            raise ValueError("Stratified train/test split is not implemented for shuffle=False")
        train = np.arange(n_train)
        test = np.arange(n_train, n_train + n_test)
    else:
        cv_class = ShuffleSplit if stratify is None else StratifiedShuffleSplit
        cv = cv_class(n_splits=1, test_size=n_test, train_size=n_train, random_state=random_state)
        if stratify is not None:
            check_consistent_length(arrays[0], stratify)
        train, test = next(cv.split(arrays[0], stratify))
    out = []
    for array in arrays:
        out.extend([_safe_indexing(array, train), _safe_indexing(array, test)])
    return out


train_test_split.__test__ = False  # not a pytest test despite its name


def train_val_test_split(*arrays, val_size=0.15, test_size=0.15, random_state=None,
                         shuffle=True, stratify=None):
    """Split arrays into train, validation and test subsets (70/15/15 by default).

    The training set fits the model, the validation set chooses its
    hyper-parameters, and the test set, touched once at the end, estimates
    the error of the final choice (ESL §7.2).

    Parameters
    ----------
    *arrays : sequence of array-likes of the same length
    val_size, test_size : float or int, default=0.15
        Fractions of the *whole* data set (rounded up) or absolute counts.
    random_state : int, RandomState instance or None, default=None
        Seeds both shuffles.
    shuffle : bool, default=True
        If False: training, then validation, then test samples in order.
    stratify : array-like of shape (n_samples,), default=None
        Class labels whose proportions all three subsets should keep.

    Returns
    -------
    splitting : list of length 3 * len(arrays)
        ``[a_train, a_val, a_test, b_train, b_val, b_test, ...]``.

    Raises
    ------
    ValueError
        Sizes out of range or leaving no training sample, plus the errors of
        :func:`train_test_split`.

    Notes
    -----
    First the test set is split off with :func:`train_test_split`
    (:math:`n_\\text{test}` by eq. :eq:`split-sizes`), then the validation set
    from the rest, with :math:`n_\\text{val}` counted on the whole data set.

    References
    ----------
    Hastie, Tibshirani, Friedman, *The Elements of Statistical Learning*, 2nd
    ed., §7.2 (train / validation / test).

    Examples
    --------
    >>> import numpy as np
    >>> from scratchml.model_selection import train_val_test_split
    >>> X, y = np.zeros((20, 2)), np.arange(20)
    >>> X_tr, X_val, X_te, y_tr, y_val, y_te = train_val_test_split(X, y, random_state=0)
    >>> len(y_tr), len(y_val), len(y_te)
    (14, 3, 3)
    """
    if not arrays:
        raise ValueError("At least one array required as input")
    check_consistent_length(*arrays)
    n_samples = _check_n_samples(arrays[0])
    _, n_val = _validate_shuffle_split(n_samples, val_size, None)
    _, n_test = _validate_shuffle_split(n_samples, test_size, None)
    if n_val + n_test >= n_samples:
        raise ValueError(
            f"val_size={val_size} and test_size={test_size} take {n_val} + {n_test} of "
            f"the n_samples={n_samples} samples, leaving no training sample."
        )
    extra = [] if stratify is None else [stratify]
    first = train_test_split(*arrays, *extra, test_size=n_test, random_state=random_state,
                             shuffle=shuffle, stratify=stratify)
    rest, tests = first[0::2], first[1::2]
    second = train_test_split(*rest, test_size=n_val, random_state=random_state,
                              shuffle=shuffle, stratify=rest[-1] if extra else None)
    out = []
    for i in range(len(arrays)):
        out.extend([second[2 * i], second[2 * i + 1], tests[i]])
    return out


train_val_test_split.__test__ = False
