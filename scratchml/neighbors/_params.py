"""What the neighbour searches take beyond the metric's name: ``metric_params`` and ``n_jobs``.

Shared by the estimators of :mod:`scratchml.neighbors` and by
:class:`scratchml.cluster.DBSCAN`, so both read these two parameters the same
way (scikit-learn's way).
"""

import warnings
from contextlib import contextmanager
from numbers import Real

import numba
import numpy as np

__all__ = ["numba_threads", "resolve_p"]


def resolve_p(metric, p, metric_params, *, p_min=1.0):
    """The Minkowski power after ``metric_params``, resolved as scikit-learn resolves it.

    scikit-learn passes ``metric_params`` to the distance function as keyword
    arguments; the only one our distances take is the Minkowski power ``p``.
    ``metric_params['p']`` overrides the constructor's ``p`` (with scikit-learn's
    ``SyntaxWarning`` when that ``p`` is not None) and is valid only with
    ``metric='minkowski'``.

    Parameters
    ----------
    metric : str
    p : float or None
        The constructor's ``p``.
    metric_params : dict or None
    p_min : float, default=1.0
        Smallest allowed power (inclusive when 1; DBSCAN passes 0, exclusive).

    Returns
    -------
    p : float or None

    Raises
    ------
    ValueError
        A key other than ``'p'``, ``'p'`` with another metric than
        'minkowski', or a power that is not a number above ``p_min``.
    """
    if not metric_params:
        return p
    unknown = sorted(set(metric_params) - {"p"}, key=str)
    if unknown:
        raise ValueError(
            f"metric_params={metric_params!r} is not supported: the only key scratchml's "
            f"distances take is 'p' (the Minkowski power), got {unknown}."
        )
    if metric != "minkowski":
        raise ValueError(
            f"metric_params={metric_params!r} sets the Minkowski power, which only "
            f"metric='minkowski' takes; got metric={metric!r}."
        )
    if p is not None:
        warnings.warn(
            "Parameter p is found in metric_params. The corresponding parameter from "
            "__init__ is ignored.",
            SyntaxWarning,
            stacklevel=3,
        )
    value = metric_params["p"]
    ok = isinstance(value, Real) and not isinstance(value, bool) and not np.isnan(value)
    if not ok or value < p_min or (p_min == 0 and value == 0):
        bound = "> 0" if p_min == 0 else f">= {p_min:g}"
        raise ValueError(f"metric_params['p']={value!r} must be a number {bound}.")
    return value


@contextmanager
def numba_threads(n_jobs):
    """Run the block with ``n_jobs`` Numba threads (None: leave the current setting).

    Negative values count back from the number of threads Numba was started
    with (-1: all of them), as scikit-learn's ``n_jobs``. The parallel
    kernels split their work in fixed chunks, so results do not depend on it.
    """
    if n_jobs is None:
        yield
        return
    n_max = numba.config.NUMBA_NUM_THREADS
    if n_jobs == 0:
        raise ValueError("n_jobs=0 is not valid: use None, a positive int or -1 (all cores).")
    n = min(n_max, n_jobs) if n_jobs > 0 else max(1, n_max + 1 + n_jobs)
    previous = numba.get_num_threads()
    numba.set_num_threads(n)
    try:
        yield
    finally:
        numba.set_num_threads(previous)
