"""The warm-start bookkeeping shared by the bagging-style ensembles.

Forests, IsolationForest and Bagging grow ``n_estimators`` independent
members. With ``warm_start=True`` a new ``fit`` keeps the members already in
``estimators_`` and grows only the missing ones, as scikit-learn does.
"""

import warnings

__all__ = ["n_estimators_to_add"]


def n_estimators_to_add(ensemble, reset):
    """How many members this fit grows; calls ``reset()`` unless warm-starting.

    Parameters
    ----------
    ensemble : estimator
        Has ``n_estimators``, ``warm_start`` and, once fitted, ``estimators_``.
    reset : callable
        Empties the fitted lists (``estimators_`` and what goes with it); called
        on a cold start or on the first fit.

    Returns
    -------
    n_more : int
        ``n_estimators - len(estimators_)`` (0: nothing to grow, with
        scikit-learn's warning).

    Raises
    ------
    ValueError
        If ``n_estimators`` is below the number of members already grown.
    """
    if not ensemble.warm_start or not hasattr(ensemble, "estimators_"):
        reset()
    n_more = ensemble.n_estimators - len(ensemble.estimators_)
    if n_more < 0:
        raise ValueError(
            f"n_estimators={ensemble.n_estimators} must be larger or equal to "
            f"len(estimators_)={len(ensemble.estimators_)} when warm_start==True"
        )
    if n_more == 0:
        warnings.warn("Warm-start fitting without increasing n_estimators does not "
                      "fit new trees.", UserWarning, stacklevel=4)
    return n_more
