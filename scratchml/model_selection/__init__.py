"""Model selection: splitting data, cross-validation and hyper-parameter search."""

from ._split import (
    KFold,
    LeaveOneOut,
    ShuffleSplit,
    StratifiedKFold,
    StratifiedShuffleSplit,
    TimeSeriesSplit,
    train_test_split,
    train_val_test_split,
)

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
