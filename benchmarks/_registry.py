"""The benchmark registry: every estimator family registers its cases here.

A family adds a file ``benchmarks/bench_<family>.py`` that calls
:func:`register` once per case at import time; ``python -m benchmarks``
imports every ``bench_*.py`` file it finds, so adding an estimator never means
editing the runner.

Example (``benchmarks/bench_dummy.py``)::

    from benchmarks._registry import Case, register
    from benchmarks._data import bundled

    register(Case(
        name="DummyClassifier(prior)",
        family="dummy",
        dataset="iris",
        data=lambda: bundled("iris"),
        scratch=lambda: scratchml.dummy.DummyClassifier(),
        reference=lambda: sklearn.dummy.DummyClassifier(),
        metric="accuracy",
        tolerance=0.0,
    ))
"""

from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["CASES", "Case", "register"]

#: Quality metrics a case can name. Both sides are scored with scikit-learn's
#: implementation, so a bug in a scratchml metric cannot flatter scratchml.
METRICS = {
    "accuracy": ("predict", "higher"),
    "r2": ("predict", "higher"),
    "adjusted_rand": ("fit_predict", "higher"),
    "trustworthiness": ("fit_transform", "higher"),
    "reconstruction_r2": ("transform", "higher"),
    "roc_auc_outlier": ("score_samples", "higher"),
    "inertia": ("fit", "lower"),
    "kl_divergence": ("fit", "lower"),
    "pinball_loss": ("predict", "lower"),  # at the estimator's own ``quantile``
}


@dataclass
class Case:
    """One row of the comparison table.

    Parameters
    ----------
    name : str
        Row label, usually the estimator with its distinguishing parameters.
    family : str
        Group name (the ``bench_<family>.py`` file); ``--only`` matches it too.
    dataset : str
        Data label, e.g. ``"iris"`` or ``"blobs 100000x20"``.
    data : callable
        Returns ``(X_train, X_test, y_train, y_test)``; ``y_*`` may be None.
        Called once per case; both libraries get the very same arrays.
    scratch, reference : callable
        Return a new, unfitted scratchml / scikit-learn estimator with the same
        hyper-parameters.
    metric : str
        A key of ``METRICS``: how quality is measured on the test split.
    tolerance : float
        How far scratchml's quality may fall short of scikit-learn's (in the
        metric's units, in the metric's bad direction) before the run fails.
        State why in ``note``.
    note : str
        Why this tolerance is right (deterministic twin -> 0; randomised ->
        seed-to-seed spread; ...).
    size : {'quick', 'full'}
        'quick' rows run by default; 'full' rows only with ``--full``.
    repeats : int
        Timed repetitions (median reported) after the first, untimed-for-speed call.
    measure_memory : bool
        Also record peak Python-heap memory of fit+predict (tracemalloc).
    """

    name: str
    family: str
    dataset: str
    data: Callable
    scratch: Callable
    reference: Callable
    metric: str
    tolerance: float
    note: str = ""
    size: str = "quick"
    repeats: int = 3
    measure_memory: bool = False
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.metric not in METRICS:
            raise ValueError(f"metric={self.metric!r} is not one of {sorted(METRICS)}")
        if self.size not in ("quick", "full"):
            raise ValueError(f"size={self.size!r} must be 'quick' or 'full'")


CASES: list = []


def register(case):
    """Add ``case`` to the registry and return it."""
    CASES.append(case)
    return case
