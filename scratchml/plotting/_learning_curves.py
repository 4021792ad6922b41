"""Learning-curve, validation-curve and decision-boundary displays."""

import numpy as np

from ._base import get_ax

__all__ = [
    "DecisionBoundaryDisplay",
    "LearningCurveDisplay",
    "ValidationCurveDisplay",
    "plot_learning_curve",
    "plot_validation_curve",
]


_TRAIN_SIZES = (0.1, 0.325, 0.55, 0.775, 1.0)  # np.linspace(0.1, 1.0, 5), scikit-learn's default


def _band(ax, x, scores, label, std_display_style):
    """Mean over folds as a line, +/- one standard deviation as a band."""
    mean, std = scores.mean(axis=1), scores.std(axis=1)
    (line,) = ax.plot(x, mean, "o-", label=label)
    band = None
    if std_display_style == "fill_between":
        band = ax.fill_between(x, mean - std, mean + std, alpha=0.2, color=line.get_color())
    elif std_display_style == "errorbar":
        band = ax.errorbar(x, mean, yerr=std, fmt="none", color=line.get_color())
    return line, band


class _CurveDisplay:
    """Train and test scores over a varying quantity (training size or a parameter)."""

    _xlabel = ""

    def plot(self, ax=None, *, negate_score=False, score_name=None, score_type="both",
             std_display_style="fill_between"):
        """Draw the mean train and/or test score with a one-standard-deviation band.

        Parameters
        ----------
        ax : matplotlib Axes, default=None
        negate_score : bool, default=False
            Plot -score (e.g. to show a 'neg_mean_squared_error' as an error).
        score_name : str, default=None
            y-axis label; ``self.score_name`` or 'Score' when None.
        score_type : {'train', 'test', 'both'}, default='both'
        std_display_style : {'fill_between', 'errorbar'} or None, default='fill_between'

        Returns
        -------
        display : the display itself

        Raises
        ------
        ValueError
            Unknown ``score_type`` or ``std_display_style``.
        """
        if score_type not in ("train", "test", "both"):
            raise ValueError(f"score_type={score_type!r} must be 'train', 'test' or 'both'.")
        if std_display_style not in ("fill_between", "errorbar", None):
            raise ValueError(
                f"std_display_style={std_display_style!r} must be 'fill_between', 'errorbar' or None."
            )
        ax, fig = get_ax(ax)
        sign = -1.0 if negate_score else 1.0
        self.lines_, self.bands_ = [], []
        if score_type in ("train", "both"):
            line, band = _band(ax, self._x, sign * np.asarray(self.train_scores), "Train", std_display_style)
            self.lines_.append(line)
            self.bands_.append(band)
        if score_type in ("test", "both"):
            line, band = _band(ax, self._x, sign * np.asarray(self.test_scores), "Test", std_display_style)
            self.lines_.append(line)
            self.bands_.append(band)
        ax.set_xlabel(self._xlabel)
        ax.set_ylabel(score_name or self.score_name or "Score")
        ax.legend()
        self.ax_, self.figure_ = ax, fig
        return self


class LearningCurveDisplay(_CurveDisplay):
    """Train and validation score as the training set grows (bias vs variance at a glance).

    Parameters
    ----------
    train_sizes : ndarray of shape (n_ticks,)
        Absolute training sizes.
    train_scores, test_scores : ndarray of shape (n_ticks, n_cv_folds)
    score_name : str, default=None

    Attributes
    ----------
    lines_ : list of matplotlib Line2D
    bands_ : list of matplotlib artists (or None)
    ax_ : matplotlib Axes
    figure_ : matplotlib Figure
    """

    _xlabel = "Number of samples in the training set"

    def __init__(self, *, train_sizes, train_scores, test_scores, score_name=None):
        self.train_sizes, self.train_scores, self.test_scores = train_sizes, train_scores, test_scores
        self.score_name = score_name

    @property
    def _x(self):
        return self.train_sizes

    @classmethod
    def from_estimator(cls, estimator, X, y, *, train_sizes=_TRAIN_SIZES, cv=None,
                       scoring=None, n_jobs=None, shuffle=False, random_state=None,
                       ax=None, score_name=None, **plot_kwargs):
        """Run :func:`scratchml.model_selection.learning_curve` and draw it.

        Parameters
        ----------
        estimator : estimator
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        train_sizes : array-like, default=(0.1, 0.325, 0.55, 0.775, 1.0)
            Fractions (floats) or counts (ints) of the training folds.
        cv, scoring, n_jobs, shuffle, random_state :
            As in :func:`scratchml.model_selection.learning_curve`.
        ax : matplotlib Axes, default=None
        score_name : str, default=None
        **plot_kwargs : passed to :meth:`plot`

        Returns
        -------
        display : LearningCurveDisplay
        """
        from ..model_selection import learning_curve

        sizes, train, test = learning_curve(estimator, X, y, train_sizes=train_sizes, cv=cv,
                                            scoring=scoring, n_jobs=n_jobs, shuffle=shuffle,
                                            random_state=random_state)
        name = score_name or (scoring if isinstance(scoring, str) else None)
        display = cls(train_sizes=sizes, train_scores=train, test_scores=test, score_name=name)
        return display.plot(ax=ax, **plot_kwargs)


class ValidationCurveDisplay(_CurveDisplay):
    """Train and validation score as one hyper-parameter varies (under- vs over-fitting).

    Parameters
    ----------
    param_name : str
    param_range : array-like of shape (n_values,)
    train_scores, test_scores : ndarray of shape (n_values, n_cv_folds)
    score_name : str, default=None

    Attributes
    ----------
    lines_ : list of matplotlib Line2D
    bands_ : list of matplotlib artists (or None)
    ax_ : matplotlib Axes
    figure_ : matplotlib Figure
    """

    def __init__(self, *, param_name, param_range, train_scores, test_scores, score_name=None):
        self.param_name, self.param_range = param_name, param_range
        self.train_scores, self.test_scores = train_scores, test_scores
        self.score_name = score_name

    @property
    def _x(self):
        return np.asarray(self.param_range)

    @property
    def _xlabel(self):
        return self.param_name

    def plot(self, ax=None, **kwargs):  # noqa: D102 - documented on the base class
        display = super().plot(ax=ax, **kwargs)
        values = np.asarray(self.param_range, dtype=float)
        if values.min() > 0 and values.max() / values.min() > 100:
            display.ax_.set_xscale("log")  # a grid spanning decades reads better on a log axis
        return display

    plot.__doc__ = _CurveDisplay.plot.__doc__

    @classmethod
    def from_estimator(cls, estimator, X, y, *, param_name, param_range, cv=None, scoring=None,
                       n_jobs=None, ax=None, score_name=None, **plot_kwargs):
        """Run :func:`scratchml.model_selection.validation_curve` and draw it.

        Parameters
        ----------
        estimator : estimator
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        param_name : str
            Parameter to vary (``step__param`` for pipelines).
        param_range : array-like
            Its values.
        cv, scoring, n_jobs : as in :func:`scratchml.model_selection.validation_curve`
        ax : matplotlib Axes, default=None
        score_name : str, default=None
        **plot_kwargs : passed to :meth:`plot`

        Returns
        -------
        display : ValidationCurveDisplay
        """
        from ..model_selection import validation_curve

        train, test = validation_curve(estimator, X, y, param_name=param_name,
                                       param_range=param_range, cv=cv, scoring=scoring,
                                       n_jobs=n_jobs)
        name = score_name or (scoring if isinstance(scoring, str) else None)
        display = cls(param_name=param_name, param_range=param_range, train_scores=train,
                      test_scores=test, score_name=name)
        return display.plot(ax=ax, **plot_kwargs)


def plot_learning_curve(estimator, X, y, **kwargs):
    """Shortcut for :meth:`LearningCurveDisplay.from_estimator`.

    Parameters
    ----------
    estimator : estimator
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    **kwargs : as in :meth:`LearningCurveDisplay.from_estimator`

    Returns
    -------
    display : LearningCurveDisplay
    """
    return LearningCurveDisplay.from_estimator(estimator, X, y, **kwargs)


def plot_validation_curve(estimator, X, y, *, param_name, param_range, **kwargs):
    """Shortcut for :meth:`ValidationCurveDisplay.from_estimator`.

    Parameters
    ----------
    estimator : estimator
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    param_name : str
    param_range : array-like
    **kwargs : as in :meth:`ValidationCurveDisplay.from_estimator`

    Returns
    -------
    display : ValidationCurveDisplay
    """
    return ValidationCurveDisplay.from_estimator(estimator, X, y, param_name=param_name,
                                                 param_range=param_range, **kwargs)


class DecisionBoundaryDisplay:
    """A fitted model's decisions over a 2-D grid, for models with two input features.

    Parameters
    ----------
    xx0, xx1 : ndarray of shape (grid_resolution, grid_resolution)
        The grid (as from ``np.meshgrid``).
    response : ndarray of shape (grid_resolution, grid_resolution)
        The model's prediction, probability or decision value at each point.
    xlabel, ylabel : str, default=None

    Attributes
    ----------
    surface_ : matplotlib QuadContourSet or QuadMesh
    ax_ : matplotlib Axes
    figure_ : matplotlib Figure

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from scratchml.dummy import DummyClassifier
    >>> X, y = np.array([[0.0, 0.0], [1.0, 1.0]]), np.array([0, 1])
    >>> d = DecisionBoundaryDisplay.from_estimator(DummyClassifier().fit(X, y), X, grid_resolution=5)
    >>> d.response.shape
    (5, 5)
    """

    def __init__(self, *, xx0, xx1, response, xlabel=None, ylabel=None):
        self.xx0, self.xx1, self.response = xx0, xx1, response
        self.xlabel, self.ylabel = xlabel, ylabel

    def plot(self, plot_method="contourf", ax=None, xlabel=None, ylabel=None, **kwargs):
        """Draw the decision surface.

        Parameters
        ----------
        plot_method : {'contourf', 'contour', 'pcolormesh'}, default='contourf'
        ax : matplotlib Axes, default=None
        xlabel, ylabel : str, default=None
        **kwargs : passed to the matplotlib method

        Returns
        -------
        display : DecisionBoundaryDisplay
        """
        if plot_method not in ("contourf", "contour", "pcolormesh"):
            raise ValueError(
                f"plot_method={plot_method!r} must be 'contourf', 'contour' or 'pcolormesh'."
            )
        ax, fig = get_ax(ax)
        if plot_method != "contour":
            kwargs.setdefault("alpha", 0.5)  # keep the data points drawn on top visible
        self.surface_ = getattr(ax, plot_method)(self.xx0, self.xx1, self.response, **kwargs)
        ax.set_xlabel(xlabel or self.xlabel or "")
        ax.set_ylabel(ylabel or self.ylabel or "")
        self.ax_, self.figure_ = ax, fig
        return self

    @classmethod
    def from_estimator(cls, estimator, X, *, grid_resolution=100, eps=1.0,
                       response_method="auto", plot_method="contourf", ax=None,
                       xlabel=None, ylabel=None, **kwargs):
        """Evaluate a fitted 2-feature model on a grid covering ``X`` and draw it.

        Parameters
        ----------
        estimator : fitted estimator with two input features
        X : array-like of shape (n_samples, 2)
            Sets the extent of the grid.
        grid_resolution : int, default=100
            Points per axis.
        eps : float, default=1.0
            Margin added around the data's range.
        response_method : {'auto', 'predict', 'predict_proba', 'decision_function'}, default='auto'
            'auto' tries decision_function, then predict_proba, then predict.
            For binary ``predict_proba`` the positive class's column is drawn.
        plot_method : {'contourf', 'contour', 'pcolormesh'}, default='contourf'
        ax : matplotlib Axes, default=None
        xlabel, ylabel : str, default=None
        **kwargs : passed to the matplotlib method

        Returns
        -------
        display : DecisionBoundaryDisplay

        Raises
        ------
        ValueError
            ``X`` without exactly two columns, or a multiclass probability or
            decision output (draw ``predict`` instead).
        """
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[1] != 2:
            raise ValueError(f"X must have exactly 2 features to draw a boundary; got shape {X.shape}.")
        lo, hi = X.min(axis=0) - eps, X.max(axis=0) + eps
        xx0, xx1 = np.meshgrid(np.linspace(lo[0], hi[0], grid_resolution),
                               np.linspace(lo[1], hi[1], grid_resolution))
        grid = np.column_stack([xx0.ravel(), xx1.ravel()])  # (grid_resolution**2, 2)
        methods = (["decision_function", "predict_proba", "predict"]
                   if response_method == "auto" else [response_method])
        for name in methods:
            if hasattr(estimator, name):
                response = np.asarray(getattr(estimator, name)(grid))
                break
        else:
            raise ValueError(f"{type(estimator).__name__} has none of {methods}.")
        if response.ndim == 2:
            if response.shape[1] != 2:
                raise ValueError(
                    f"{name} returned {response.shape[1]} columns (multiclass); use "
                    "response_method='predict' to draw the predicted class."
                )
            response = response[:, 1]
        if response.dtype.kind not in "fiub":  # string class labels: draw their index
            response = np.unique(response, return_inverse=True)[1]
        display = cls(xx0=xx0, xx1=xx1, response=response.reshape(xx0.shape),
                      xlabel=xlabel, ylabel=ylabel)
        return display.plot(plot_method=plot_method, ax=ax, **kwargs)
