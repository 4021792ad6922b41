"""ROC and precision-recall curve displays."""

from ._base import binary_response, get_ax

__all__ = ["PrecisionRecallDisplay", "RocCurveDisplay"]


class RocCurveDisplay:
    """Draw a ROC curve: true-positive rate against false-positive rate.

    Parameters
    ----------
    fpr, tpr : ndarray of shape (n_thresholds,)
        From :func:`scratchml.metrics.roc_curve`.
    roc_auc : float, default=None
        Area under the curve, shown in the legend.
    name : str, default=None
        Curve label (e.g. the estimator's name).
    pos_label : int, float, bool or str, default=None
        Shown in the axis labels.

    Attributes
    ----------
    line_ : matplotlib Line2D
    chance_level_ : matplotlib Line2D or None
    ax_ : matplotlib Axes
    figure_ : matplotlib Figure

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> d = RocCurveDisplay.from_predictions([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    >>> round(d.roc_auc, 2)
    0.75
    """

    def __init__(self, *, fpr, tpr, roc_auc=None, name=None, pos_label=None):
        self.fpr, self.tpr, self.roc_auc = fpr, tpr, roc_auc
        self.name, self.pos_label = name, pos_label

    def plot(self, ax=None, *, name=None, plot_chance_level=False, **line_kwargs):
        """Draw the curve.

        Parameters
        ----------
        ax : matplotlib Axes, default=None
        name : str, default=None
            Overrides ``self.name`` in the legend.
        plot_chance_level : bool, default=False
            Also draw the diagonal of a random classifier.
        **line_kwargs : passed to ``ax.plot``

        Returns
        -------
        display : RocCurveDisplay
        """
        ax, fig = get_ax(ax)
        name = self.name if name is None else name
        label = name
        if self.roc_auc is not None:
            label = f"{name} (AUC = {self.roc_auc:0.2f})" if name else f"AUC = {self.roc_auc:0.2f}"
        (self.line_,) = ax.plot(self.fpr, self.tpr, label=label, **line_kwargs)
        self.chance_level_ = None
        if plot_chance_level:
            (self.chance_level_,) = ax.plot((0, 1), (0, 1), "k--", label="Chance level (AUC = 0.5)")
        suffix = "" if self.pos_label is None else f" (Positive label: {self.pos_label})"
        ax.set(xlabel="False Positive Rate" + suffix, ylabel="True Positive Rate" + suffix,
               xlim=(-0.01, 1.01), ylim=(-0.01, 1.01), aspect="equal")
        if label or plot_chance_level:
            ax.legend(loc="lower right")
        self.ax_, self.figure_ = ax, fig
        return self

    @classmethod
    def from_predictions(cls, y_true, y_score, *, sample_weight=None, drop_intermediate=True,
                         pos_label=None, name=None, ax=None, plot_chance_level=False, **kwargs):
        """Compute the ROC curve of ``y_score`` against ``y_true`` and draw it.

        Parameters
        ----------
        y_true : array-like of shape (n_samples,)
            Binary labels.
        y_score : array-like of shape (n_samples,)
            Scores of the positive class.
        sample_weight : array-like, default=None
        drop_intermediate : bool, default=True
            Drop thresholds that do not change the curve's shape.
        pos_label : default=None
        name : str, default=None
        ax : matplotlib Axes, default=None
        plot_chance_level : bool, default=False
        **kwargs : passed to ``ax.plot``

        Returns
        -------
        display : RocCurveDisplay
        """
        from ..metrics import auc, roc_curve

        fpr, tpr, _ = roc_curve(y_true, y_score, pos_label=pos_label,
                                sample_weight=sample_weight, drop_intermediate=drop_intermediate)
        display = cls(fpr=fpr, tpr=tpr, roc_auc=auc(fpr, tpr), name=name, pos_label=pos_label)
        return display.plot(ax=ax, plot_chance_level=plot_chance_level, **kwargs)

    @classmethod
    def from_estimator(cls, estimator, X, y, *, response_method="auto", pos_label=None,
                       name=None, **kwargs):
        """Score ``X`` with a fitted binary classifier and draw its ROC curve.

        Parameters
        ----------
        estimator : fitted binary classifier
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        response_method : {'auto', 'predict_proba', 'decision_function'}, default='auto'
        pos_label : default=None
            ``classes_[1]`` when None.
        name : str, default=None
            The estimator's class name when None.
        **kwargs : as in :meth:`from_predictions`

        Returns
        -------
        display : RocCurveDisplay
        """
        y_score, pos_label = binary_response(estimator, X, response_method, pos_label)
        return cls.from_predictions(y, y_score, pos_label=pos_label,
                                    name=name or type(estimator).__name__, **kwargs)


class PrecisionRecallDisplay:
    """Draw a precision-recall curve (a step function, as average precision integrates it).

    Parameters
    ----------
    precision, recall : ndarray of shape (n_thresholds + 1,)
        From :func:`scratchml.metrics.precision_recall_curve`.
    average_precision : float, default=None
        Shown in the legend.
    name : str, default=None
    pos_label : default=None
    prevalence_pos_label : float, default=None
        Fraction of positives: the precision of a random classifier.

    Attributes
    ----------
    line_ : matplotlib Line2D
    chance_level_ : matplotlib Line2D or None
    ax_ : matplotlib Axes
    figure_ : matplotlib Figure

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> d = PrecisionRecallDisplay.from_predictions([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    >>> round(d.average_precision, 3)
    0.833
    """

    def __init__(self, precision, recall, *, average_precision=None, name=None, pos_label=None,
                 prevalence_pos_label=None):
        self.precision, self.recall = precision, recall
        self.average_precision, self.name = average_precision, name
        self.pos_label, self.prevalence_pos_label = pos_label, prevalence_pos_label

    def plot(self, ax=None, *, name=None, plot_chance_level=False, **line_kwargs):
        """Draw the curve.

        Parameters
        ----------
        ax : matplotlib Axes, default=None
        name : str, default=None
        plot_chance_level : bool, default=False
            Also draw the horizontal line at the positive prevalence.
        **line_kwargs : passed to ``ax.plot``

        Returns
        -------
        display : PrecisionRecallDisplay

        Raises
        ------
        ValueError
            ``plot_chance_level`` without ``prevalence_pos_label``.
        """
        ax, fig = get_ax(ax)
        name = self.name if name is None else name
        label = name
        if self.average_precision is not None:
            ap = f"AP = {self.average_precision:0.2f}"
            label = f"{name} ({ap})" if name else ap
        line_kwargs.setdefault("drawstyle", "steps-post")
        (self.line_,) = ax.plot(self.recall, self.precision, label=label, **line_kwargs)
        self.chance_level_ = None
        if plot_chance_level:
            if self.prevalence_pos_label is None:
                raise ValueError("plot_chance_level=True needs prevalence_pos_label.")
            (self.chance_level_,) = ax.plot(
                (0, 1), (self.prevalence_pos_label,) * 2, "k--",
                label=f"Chance level (AP = {self.prevalence_pos_label:0.2f})")
        suffix = "" if self.pos_label is None else f" (Positive label: {self.pos_label})"
        ax.set(xlabel="Recall" + suffix, ylabel="Precision" + suffix, xlim=(-0.01, 1.01),
               ylim=(-0.01, 1.01), aspect="equal")
        if label or plot_chance_level:
            ax.legend(loc="lower left")
        self.ax_, self.figure_ = ax, fig
        return self

    @classmethod
    def from_predictions(cls, y_true, y_score, *, sample_weight=None, drop_intermediate=False,
                         pos_label=None, name=None, ax=None, plot_chance_level=False, **kwargs):
        """Compute the precision-recall curve of ``y_score`` and draw it.

        Parameters
        ----------
        y_true : array-like of shape (n_samples,)
        y_score : array-like of shape (n_samples,)
        sample_weight : array-like, default=None
        drop_intermediate : bool, default=False
        pos_label : default=None
        name : str, default=None
        ax : matplotlib Axes, default=None
        plot_chance_level : bool, default=False
        **kwargs : passed to ``ax.plot``

        Returns
        -------
        display : PrecisionRecallDisplay
        """
        import numpy as np

        from ..metrics import average_precision_score, precision_recall_curve

        precision, recall, _ = precision_recall_curve(
            y_true, y_score, pos_label=pos_label, sample_weight=sample_weight,
            drop_intermediate=drop_intermediate)
        labels = np.unique(y_true)
        pos = pos_label if pos_label is not None else labels[-1]
        ap = average_precision_score(y_true, y_score, pos_label=pos, sample_weight=sample_weight)
        y_true = np.asarray(y_true)
        weights = np.ones(len(y_true)) if sample_weight is None else np.asarray(sample_weight)
        prevalence = float(weights[y_true == pos].sum() / weights.sum())
        display = cls(precision, recall, average_precision=ap, name=name, pos_label=pos_label,
                      prevalence_pos_label=prevalence)
        return display.plot(ax=ax, plot_chance_level=plot_chance_level, **kwargs)

    @classmethod
    def from_estimator(cls, estimator, X, y, *, response_method="auto", pos_label=None,
                       name=None, **kwargs):
        """Score ``X`` with a fitted binary classifier and draw its precision-recall curve.

        Parameters
        ----------
        estimator : fitted binary classifier
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        response_method : {'auto', 'predict_proba', 'decision_function'}, default='auto'
        pos_label : default=None
        name : str, default=None
        **kwargs : as in :meth:`from_predictions`

        Returns
        -------
        display : PrecisionRecallDisplay
        """
        y_score, pos_label = binary_response(estimator, X, response_method, pos_label)
        return cls.from_predictions(y, y_score, pos_label=pos_label,
                                    name=name or type(estimator).__name__, **kwargs)
