r"""Target encoders: ``LabelEncoder``, ``LabelBinarizer`` and ``label_binarize``.

These work on the labels ``y`` (1-D), not on a feature matrix: they turn
arbitrary class labels into the integer codes or the 1-of-K indicator
matrix that a classifier's maths needs.
"""

import numpy as np

from ..base import BaseEstimator, TransformerMixin
from ..utils.multiclass import type_of_target, unique_labels
from ..utils.validation import check_array, check_is_fitted, column_or_1d
from ._encode import check_unknown, encode, unique_values

__all__ = ["LabelBinarizer", "LabelEncoder", "label_binarize"]


class LabelEncoder(TransformerMixin, BaseEstimator):
    r"""Encode class labels as integers :math:`0, \dots, K-1`.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The sorted labels; label ``classes_[k]`` is encoded as k.

    Raises
    ------
    ValueError
        ``transform`` or ``inverse_transform`` meets a label or code not seen in ``fit``.

    Notes
    -----
    .. math::
       :label: label-encode

       z_i = k \quad\text{where } y_i = \text{classes\_}[k].

    References
    ----------
    scikit-learn User Guide, §7.9 "Transforming the prediction target (y)".

    Examples
    --------
    >>> from scratchml.preprocessing import LabelEncoder
    >>> le = LabelEncoder().fit(["paris", "paris", "tokyo", "amsterdam"])
    >>> le.classes_
    array(['amsterdam', 'paris', 'tokyo'], dtype='<U9')
    >>> le.transform(["tokyo", "amsterdam"])
    array([2, 0])
    >>> le.inverse_transform([1])
    array(['paris'], dtype='<U9')
    """

    def _extra_tags(self):
        return {"two_d_array": False, "one_d_labels": True, "preserves_dtype": []}

    def fit(self, y):
        """Record the sorted unique labels.

        Parameters
        ----------
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : LabelEncoder
        """
        y = column_or_1d(y, warn=True)
        self.classes_ = unique_values(y)
        return self

    def fit_transform(self, y):
        """Fit and return the codes of ``y``.

        Parameters
        ----------
        y : array-like of shape (n_samples,)

        Returns
        -------
        y : ndarray of shape (n_samples,)
        """
        return self.fit(y).transform(y)

    def transform(self, y):
        """Codes of the labels (eq. label-encode).

        Parameters
        ----------
        y : array-like of shape (n_samples,)

        Returns
        -------
        y : ndarray of int of shape (n_samples,)
        """
        check_is_fitted(self)
        y = column_or_1d(y, warn=True)
        if len(y) == 0:
            return np.array([], dtype=np.intp)
        diff = check_unknown(y, self.classes_)
        if diff:
            raise ValueError(f"y contains previously unseen labels: {diff}")
        return encode(y, self.classes_)  # eq. (label-encode)

    def inverse_transform(self, y):
        """Labels of the codes.

        Parameters
        ----------
        y : array-like of int of shape (n_samples,)

        Returns
        -------
        y_original : ndarray of shape (n_samples,)
        """
        check_is_fitted(self)
        y = column_or_1d(y, warn=True)
        if len(y) == 0:
            return np.array([], dtype=self.classes_.dtype)
        diff = np.setdiff1d(y, np.arange(len(self.classes_)))
        if len(diff):
            raise ValueError(f"y contains previously unseen labels: {diff}")
        return self.classes_[np.asarray(y, dtype=np.intp)]


def label_binarize(y, *, classes, neg_label=0, pos_label=1, sparse_output=False):
    r"""One-vs-all indicator matrix of labels ``y`` (eq. label-binarize).

    Parameters
    ----------
    y : array-like of shape (n_samples,) or (n_samples, n_classes)
        Labels, or a 0/1 multilabel indicator matrix.
    classes : array-like of shape (n_classes,)
        Column k indicates ``classes[k]``.
    neg_label, pos_label : int, default=0, 1
        Values for "not this class" and "this class".
    sparse_output : bool, default=False
        Must be False (dense only).

    Returns
    -------
    Y : ndarray of int of shape (n_samples, n_classes), or (n_samples, 1) for two classes

    Raises
    ------
    ValueError
        ``neg_label >= pos_label``, multioutput or continuous ``y``, ``sparse_output=True``.
    """
    if sparse_output:
        raise ValueError("sparse_output=True is not supported: scratchml is dense only.")
    if not isinstance(y, list):
        y = check_array(y, input_name="y", ensure_2d=False, dtype=None)
    elif len(y) == 0:
        raise ValueError(f"y has 0 samples: {y!r}")
    if neg_label >= pos_label:
        raise ValueError(f"neg_label={neg_label} must be strictly less than pos_label={pos_label}.")
    pos_switch = pos_label == 0
    if pos_switch:
        pos_label = -neg_label
    y_type = type_of_target(y)
    if "multioutput" in y_type:
        raise ValueError("Multioutput target data is not supported with label binarization")
    if y_type == "unknown":
        raise ValueError("The type of target data is not known")
    classes = np.asarray(classes)
    y = np.asarray(y)
    n_samples, n_classes = y.shape[0], len(classes)
    if y.dtype.kind in "iu":
        classes = classes.astype(y.dtype, copy=False)
    if y_type == "binary":
        if n_classes == 1:
            return np.full((n_samples, 1), neg_label, dtype=int)
        if n_classes >= 3:
            y_type = "multiclass"
    sorted_classes = np.sort(classes)
    if y_type == "multilabel-indicator":
        if n_classes != y.shape[1]:
            raise ValueError(
                f"classes {classes} mismatch with the labels {unique_labels(y)} found in the data"
            )
        Y = np.array(y, dtype=int)
        Y[Y != 0] = pos_label
    elif y_type in ("binary", "multiclass"):
        y = column_or_1d(y)
        Y = np.zeros((n_samples, n_classes), dtype=int)
        seen = np.isin(y, classes)
        # eq. (label-binarize): one pos_label per row, in the column of its class
        Y[np.flatnonzero(seen), np.searchsorted(sorted_classes, y[seen])] = pos_label
    else:
        raise ValueError(f"{y_type} target data is not supported with label binarization")
    if neg_label != 0:
        Y[Y == 0] = neg_label
    if pos_switch:
        Y[Y == pos_label] = 0
    if np.any(classes != sorted_classes):
        Y = Y[:, np.searchsorted(sorted_classes, classes)]
    if y_type == "binary":
        Y = Y[:, -1].reshape(-1, 1)
    return Y


class LabelBinarizer(TransformerMixin, BaseEstimator):
    r"""Binarize labels one-vs-all: column k is "is the label ``classes_[k]``?".

    Parameters
    ----------
    neg_label : int, default=0
        Value for "not this class".
    pos_label : int, default=1
        Value for "this class".
    sparse_output : bool, default=False
        Must be False: scratchml is dense only.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    y_type_ : str
        ``type_of_target`` of the training labels ('binary', 'multiclass',
        'multilabel-indicator').
    sparse_input_ : bool
        Always False.

    Raises
    ------
    ValueError
        Multioutput or continuous targets, ``neg_label >= pos_label``.

    Notes
    -----
    .. math::
       :label: label-binarize

       Y_{ik} = \begin{cases} \text{pos} & y_i = c_k \\ \text{neg} & \text{otherwise}
       \end{cases}

    Two classes give a single column (that of :math:`c_2`). The inverse
    takes the arg-max of each row (multiclass) or thresholds at
    :math:`(\text{pos} + \text{neg}) / 2`.

    References
    ----------
    Bishop, *Pattern Recognition and Machine Learning*, §4.1.1 (1-of-K coding).

    Examples
    --------
    >>> from scratchml.preprocessing import LabelBinarizer
    >>> lb = LabelBinarizer().fit([1, 2, 6, 4, 2])
    >>> lb.transform([1, 6])
    array([[1, 0, 0, 0],
           [0, 0, 0, 1]])
    """

    def __init__(self, *, neg_label=0, pos_label=1, sparse_output=False):
        self.neg_label = neg_label
        self.pos_label = pos_label
        self.sparse_output = sparse_output

    def _extra_tags(self):
        return {"two_d_array": False, "one_d_labels": True, "preserves_dtype": []}

    def fit(self, y):
        """Record the classes and the type of target.

        Parameters
        ----------
        y : array-like of shape (n_samples,) or (n_samples, n_classes)

        Returns
        -------
        self : LabelBinarizer
        """
        if self.neg_label >= self.pos_label:
            raise ValueError(
                f"neg_label={self.neg_label} must be strictly less than pos_label={self.pos_label}."
            )
        if self.sparse_output:
            raise ValueError("sparse_output=True is not supported: scratchml is dense only.")
        self.y_type_ = type_of_target(y, input_name="y")
        if "multioutput" in self.y_type_:
            raise ValueError("Multioutput target data is not supported with label binarization")
        if len(y) == 0:
            raise ValueError(f"y has 0 samples: {y!r}")
        self.sparse_input_ = False
        if self.y_type_ == "multilabel-indicator":
            self.classes_ = np.arange(np.shape(y)[1])  # the columns are the labels
        else:
            self.classes_ = unique_labels(y)
        return self

    def fit_transform(self, y):
        """Fit and binarize ``y``.

        Parameters
        ----------
        y : array-like of shape (n_samples,) or (n_samples, n_classes)

        Returns
        -------
        Y : ndarray of shape (n_samples, n_classes) or (n_samples, 1)
        """
        return self.fit(y).transform(y)

    def transform(self, y):
        """Indicator matrix of ``y`` (eq. label-binarize); unseen labels give all-neg rows.

        Parameters
        ----------
        y : array-like of shape (n_samples,) or (n_samples, n_classes)

        Returns
        -------
        Y : ndarray of shape (n_samples, n_classes) or (n_samples, 1)
        """
        check_is_fitted(self)
        if type_of_target(y).startswith("multilabel") and not self.y_type_.startswith("multilabel"):
            raise ValueError("The object was not fitted with multilabel input.")
        return label_binarize(y, classes=self.classes_, pos_label=self.pos_label,
                              neg_label=self.neg_label)

    def inverse_transform(self, Y, threshold=None):
        """Labels back from the indicator matrix (or from scores).

        Parameters
        ----------
        Y : array-like of shape (n_samples, n_classes) or (n_samples, 1)
        threshold : float, default=None
            For binary/multilabel outputs; None means ``(pos_label + neg_label) / 2``.

        Returns
        -------
        y : ndarray of shape (n_samples,) or (n_samples, n_classes)
        """
        check_is_fitted(self)
        Y = np.asarray(Y)
        if threshold is None:
            threshold = (self.pos_label + self.neg_label) / 2.0
        if self.y_type_ == "multiclass":
            return self.classes_[np.clip(np.argmax(Y, axis=1), 0, len(self.classes_) - 1)]
        if self.y_type_ == "binary" and Y.ndim == 2 and Y.shape[1] > 2:
            raise ValueError(f"output_type='binary', but y.shape = {Y.shape}")
        if self.y_type_ != "binary" and Y.shape[1] != len(self.classes_):
            raise ValueError("The number of class is not equal to the number of dimension of y.")
        above = (Y.astype(np.float64) > threshold).astype(int)
        if self.y_type_ == "binary":
            if above.ndim == 2 and above.shape[1] == 2:
                return self.classes_[above[:, 1]]
            if len(self.classes_) == 1:
                return np.repeat(self.classes_[0], len(above))
            return self.classes_[above.reshape(-1)]
        if self.y_type_ == "multilabel-indicator":
            return above
        raise ValueError(f"{self.y_type_} format is not supported")
