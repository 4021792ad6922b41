"""Shared test settings."""

import os

import matplotlib
import numpy as np
import pytest
from hypothesis import HealthCheck, settings

matplotlib.use("Agg")  # tests never open a window

# Numba compile times vary a lot on a shared 2-core machine: no per-example
# deadline. Keep the example counts modest so the whole suite stays fast.
settings.register_profile(
    "scratchml",
    deadline=None,
    max_examples=int(os.environ.get("SCRATCHML_HYPOTHESIS_EXAMPLES", "40")),
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("scratchml")


@pytest.fixture
def rng():
    """A fresh, seeded generator for each test (never the global NumPy seed)."""
    return np.random.default_rng(0)
