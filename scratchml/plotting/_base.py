"""Helpers shared by the displays: axes creation and the response of a binary classifier."""

import numpy as np


def get_ax(ax):
    """Return ``(ax, figure)``, creating a new figure when ``ax`` is None."""
    import matplotlib.pyplot as plt

    if ax is None:
        fig, ax = plt.subplots()
    return ax, ax.figure


def binary_response(estimator, X, response_method="auto", pos_label=None):
    """Scores of the positive class for ROC / precision-recall curves.

    Parameters
    ----------
    estimator : fitted binary classifier
    X : array-like of shape (n_samples, n_features)
    response_method : {'auto', 'predict_proba', 'decision_function'}, default='auto'
        'auto' tries ``predict_proba`` first, then ``decision_function``.
    pos_label : int, float, bool or str, default=None
        The positive class; ``classes_[1]`` when None.

    Returns
    -------
    y_score : ndarray of shape (n_samples,)
    pos_label : the positive class used

    Raises
    ------
    ValueError
        If the estimator is not a binary classifier, has neither method, or
        ``pos_label`` is not one of its classes.
    """
    classes = getattr(estimator, "classes_", None)
    if classes is None or len(classes) != 2:
        raise ValueError(
            f"{type(estimator).__name__} should be a fitted binary classifier; "
            f"it has classes_={None if classes is None else list(classes)}."
        )
    pos_label = classes[1] if pos_label is None else pos_label
    if pos_label not in list(classes):
        raise ValueError(f"pos_label={pos_label!r} is not a valid label: {list(classes)}.")
    methods = ["predict_proba", "decision_function"] if response_method == "auto" else [response_method]
    for name in methods:
        if hasattr(estimator, name):
            scores = np.asarray(getattr(estimator, name)(X))
            if name == "predict_proba":
                return scores[:, list(classes).index(pos_label)], pos_label
            # decision_function is the score of classes_[1]
            return (scores if pos_label == classes[1] else -scores), pos_label
    raise ValueError(
        f"{type(estimator).__name__} has none of the response methods {methods}."
    )
