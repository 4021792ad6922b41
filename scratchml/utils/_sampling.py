"""How many samples of each class a resampler adds or keeps (``sampling_strategy``).

The conventions are imbalanced-learn's, so that a learner can move between the
two libraries: for over-sampling the dict maps a class to the number of
samples to *generate*; for under-sampling, to the number of samples to *keep*.
"""

from numbers import Real

import numpy as np

from .multiclass import type_of_target

__all__ = ["check_sampling_strategy"]

_STRINGS = ("minority", "majority", "not minority", "not majority", "all", "auto")


def _class_counts(y):
    classes, counts = np.unique(y, return_counts=True)
    return {c: int(n) for c, n in zip(classes.tolist(), counts)}


def _from_string(strategy, counts, sampling_type):
    n_max, n_min = max(counts.values()), min(counts.values())
    # First class reaching the max / min count, as imbalanced-learn picks it.
    majority = max(counts, key=counts.get)
    minority = min(counts, key=counts.get)
    if strategy == "auto":
        strategy = "not majority" if sampling_type == "over-sampling" else "not minority"
    if sampling_type == "over-sampling":
        if strategy == "majority":
            raise ValueError("sampling_strategy='majority' cannot be used with an over-sampler.")
        keep = {
            "minority": lambda c: c == minority,
            "not minority": lambda c: c != minority,
            "not majority": lambda c: c != majority,
            "all": lambda c: True,
        }[strategy]
        # generate up to the majority count
        return {c: n_max - n for c, n in counts.items() if keep(c)}
    if strategy == "minority":
        raise ValueError("sampling_strategy='minority' cannot be used with an under-sampler.")
    keep = {
        "majority": lambda c: c == majority,
        "not minority": lambda c: c != minority,
        "not majority": lambda c: c != majority,
        "all": lambda c: True,
    }[strategy]
    # keep down to the minority count
    return {c: n_min for c in counts if keep(c)}


def _from_dict(strategy, counts, sampling_type):
    unknown = set(strategy) - set(counts)
    if unknown:
        raise ValueError(f"sampling_strategy names classes {sorted(unknown)} not present in y.")
    if any(n < 0 for n in strategy.values()):
        raise ValueError(f"sampling_strategy={strategy} has a negative number of samples.")
    out = {}
    for c, n in strategy.items():
        if sampling_type == "over-sampling":
            if n < counts[c]:
                raise ValueError(
                    f"Over-sampling cannot shrink class {c!r}: it has {counts[c]} samples "
                    f"and sampling_strategy asks for {n}."
                )
            out[c] = n - counts[c]
        else:
            if n > counts[c]:
                raise ValueError(
                    f"Under-sampling cannot grow class {c!r}: it has {counts[c]} samples "
                    f"and sampling_strategy asks for {n}."
                )
            out[c] = n
    return out


def _from_float(ratio, y, counts, sampling_type):
    if type_of_target(y) != "binary":
        raise ValueError(
            "sampling_strategy can be a float only for a binary target; use a dict "
            "for more classes."
        )
    if not 0 < ratio <= 1:
        raise ValueError(f"sampling_strategy={ratio} must be in (0, 1] when it is a float.")
    n_max, n_min = max(counts.values()), min(counts.values())
    majority = max(counts, key=counts.get)
    minority = min(counts, key=counts.get)
    if sampling_type == "over-sampling":
        # minority / majority = ratio after resampling
        out = {c: int(n_max * ratio - n) for c, n in counts.items() if c != majority}
        if any(n <= 0 for n in out.values()):
            raise ValueError(
                f"sampling_strategy={ratio} would remove minority samples while "
                "over-sampling; increase the ratio."
            )
        return out
    out = {c: int(n_min / ratio) for c in counts if c != minority}
    if any(n > counts[c] for c, n in out.items()):
        raise ValueError(
            f"sampling_strategy={ratio} would add majority samples while "
            "under-sampling; increase the ratio."
        )
    return out


def check_sampling_strategy(sampling_strategy, y, sampling_type):
    """Turn ``sampling_strategy`` into a dict {class: number of samples}, sorted by class.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable
        * float in (0, 1] (binary ``y`` only): the ratio minority / majority
          wanted after resampling.
        * 'minority', 'majority', 'not minority', 'not majority', 'all',
          'auto' ('not majority' when over-sampling, 'not minority' when
          under-sampling): which classes to resample, to the majority count
          (over) or the minority count (under).
        * dict: class -> number of samples wanted after resampling.
        * callable: ``f(y) -> dict`` as above.
    y : ndarray of shape (n_samples,)
    sampling_type : {'over-sampling', 'under-sampling'}

    Returns
    -------
    strategy : dict
        Over-sampling: class -> number of samples to generate.
        Under-sampling: class -> number of samples to keep.

    Raises
    ------
    ValueError
        One class only, unknown strings or classes, impossible counts.
    """
    counts = _class_counts(y)
    if len(counts) < 2:
        raise ValueError(
            f"y needs more than one class to be resampled; found only {list(counts)}."
        )
    if isinstance(sampling_strategy, str):
        if sampling_strategy not in _STRINGS:
            raise ValueError(
                f"sampling_strategy={sampling_strategy!r} is not one of {list(_STRINGS)}."
            )
        out = _from_string(sampling_strategy, counts, sampling_type)
    elif isinstance(sampling_strategy, dict):
        out = _from_dict(sampling_strategy, counts, sampling_type)
    elif isinstance(sampling_strategy, Real) and not isinstance(sampling_strategy, bool):
        out = _from_float(float(sampling_strategy), y, counts, sampling_type)
    elif callable(sampling_strategy):
        out = _from_dict(sampling_strategy(y), counts, sampling_type)
    else:
        raise ValueError(
            f"sampling_strategy={sampling_strategy!r} must be a float, a str, a dict or a callable."
        )
    return dict(sorted(out.items()))
