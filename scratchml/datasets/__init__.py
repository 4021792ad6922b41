"""Bundled real data sets (offline) and synthetic data generators."""

from ._base import load_breast_cancer, load_diabetes, load_digits, load_iris, load_wine
from ._samples_generator import (
    make_blobs,
    make_circles,
    make_classification,
    make_moons,
    make_regression,
    make_swiss_roll,
)

__all__ = [
    "load_breast_cancer",
    "load_diabetes",
    "load_digits",
    "load_iris",
    "load_wine",
    "make_blobs",
    "make_circles",
    "make_classification",
    "make_moons",
    "make_regression",
    "make_swiss_roll",
]
