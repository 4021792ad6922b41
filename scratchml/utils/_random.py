"""Random draws that follow scikit-learn's order, so results match for the same seed."""

import numpy as np

__all__ = ["sample_without_replacement"]


def sample_without_replacement(n_population, n_samples, rng):
    """``n_samples`` distinct integers in [0, n_population), drawn as scikit-learn does.

    Which algorithm runs depends on the ratio r = n_samples / n_population,
    and each consumes the generator differently: for 0.01 < r < 0.99 the
    first entries of a random permutation; for r <= 0.01 rejection of
    repeats; otherwise reservoir sampling (Knuth, TAOCP vol. 2, §3.4.2,
    Algorithm R).
    """
    ratio = n_samples / n_population if n_population else 1.0
    if 0.01 < ratio < 0.99:
        return rng.permutation(n_population)[:n_samples]
    if ratio < 0.2:
        selected, out = set(), []
        for _ in range(n_samples):
            j = rng.randint(n_population)
            while j in selected:  # rejection of an already drawn integer
                j = rng.randint(n_population)
            selected.add(j)
            out.append(j)
        return np.array(out, dtype=int)
    out = np.arange(n_samples)
    for i in range(n_samples, n_population):
        j = rng.randint(0, i + 1)  # keep item i with probability n_samples / (i + 1)
        if j < n_samples:
            out[j] = i
    return out
