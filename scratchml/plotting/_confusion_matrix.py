"""Confusion matrix display."""

import numpy as np

from ._base import get_ax

__all__ = ["ConfusionMatrixDisplay"]


class ConfusionMatrixDisplay:
    """Draw a confusion matrix as a heat map with the counts written in the cells.

    Rows are true labels, columns predicted labels (row i, column j counts the
    samples of class i predicted as j), as in :func:`scratchml.metrics.confusion_matrix`.

    Parameters
    ----------
    confusion_matrix : ndarray of shape (n_classes, n_classes)
    display_labels : array-like of shape (n_classes,), default=None
        Tick labels; ``0 .. n_classes-1`` when None.

    Attributes
    ----------
    im_ : matplotlib AxesImage
    text_ : ndarray of shape (n_classes, n_classes) of matplotlib Text, or None
    ax_ : matplotlib Axes
    figure_ : matplotlib Figure

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> disp = ConfusionMatrixDisplay.from_predictions([0, 1, 1, 0], [0, 1, 0, 0])
    >>> disp.confusion_matrix.tolist()
    [[2, 0], [1, 1]]
    """

    def __init__(self, confusion_matrix, *, display_labels=None):
        self.confusion_matrix = confusion_matrix
        self.display_labels = display_labels

    def plot(self, *, include_values=True, cmap="viridis", xticks_rotation="horizontal",
             values_format=None, ax=None, colorbar=True):
        """Draw the matrix.

        Parameters
        ----------
        include_values : bool, default=True
            Write each count in its cell.
        cmap : str or matplotlib Colormap, default='viridis'
        xticks_rotation : {'vertical', 'horizontal'} or float, default='horizontal'
        values_format : str, default=None
            Format of the cell values ('d' for counts, '.2g' otherwise).
        ax : matplotlib Axes, default=None
            Where to draw; a new figure when None.
        colorbar : bool, default=True

        Returns
        -------
        display : ConfusionMatrixDisplay
        """
        ax, fig = get_ax(ax)
        cm = np.asarray(self.confusion_matrix)
        n = cm.shape[0]
        self.im_ = ax.imshow(cm, interpolation="nearest", cmap=cmap)
        self.text_ = None
        if include_values:
            self.text_ = np.empty_like(cm, dtype=object)
            # Light text on dark cells and dark text on light ones.
            cmap_min, cmap_max = self.im_.cmap(0), self.im_.cmap(1.0)
            threshold = (cm.max() + cm.min()) / 2.0
            fmt = values_format or ("d" if np.issubdtype(cm.dtype, np.integer) else ".2g")
            for i in range(n):
                for j in range(n):
                    color = cmap_max if cm[i, j] < threshold else cmap_min
                    self.text_[i, j] = ax.text(j, i, format(cm[i, j], fmt), ha="center",
                                               va="center", color=color)
        labels = np.arange(n) if self.display_labels is None else self.display_labels
        if colorbar:
            fig.colorbar(self.im_, ax=ax)
        ax.set(xticks=np.arange(n), yticks=np.arange(n), xticklabels=labels,
               yticklabels=labels, ylabel="True label", xlabel="Predicted label")
        ax.set_ylim((n - 0.5, -0.5))
        ax.tick_params(axis="x", labelrotation=xticks_rotation if xticks_rotation != "horizontal" else 0)
        self.ax_, self.figure_ = ax, fig
        return self

    @classmethod
    def from_predictions(cls, y_true, y_pred, *, labels=None, sample_weight=None, normalize=None,
                         display_labels=None, ax=None, **plot_kwargs):
        """Compute the confusion matrix of ``y_pred`` against ``y_true`` and draw it.

        Parameters
        ----------
        y_true, y_pred : array-like of shape (n_samples,)
        labels : array-like, default=None
            Order of the classes (all labels present when None).
        sample_weight : array-like of shape (n_samples,), default=None
        normalize : {'true', 'pred', 'all'} or None, default=None
            Divide by row sums, column sums or the total.
        display_labels : array-like, default=None
            Tick labels; the labels themselves when None.
        ax : matplotlib Axes, default=None
        **plot_kwargs : passed to :meth:`plot`

        Returns
        -------
        display : ConfusionMatrixDisplay
        """
        from ..metrics import confusion_matrix
        from ..utils.multiclass import unique_labels

        cm = confusion_matrix(y_true, y_pred, labels=labels, sample_weight=sample_weight,
                              normalize=normalize)
        if display_labels is None:
            display_labels = unique_labels(y_true, y_pred) if labels is None else labels
        return cls(cm, display_labels=display_labels).plot(ax=ax, **plot_kwargs)

    @classmethod
    def from_estimator(cls, estimator, X, y, **kwargs):
        """Predict ``X`` with a fitted classifier and draw the confusion matrix against ``y``.

        Parameters
        ----------
        estimator : fitted classifier
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        **kwargs : as in :meth:`from_predictions`

        Returns
        -------
        display : ConfusionMatrixDisplay
        """
        return cls.from_predictions(y, estimator.predict(X), **kwargs)
