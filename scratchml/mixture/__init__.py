"""Mixture models: densities as weighted sums of simple components."""

from ._gaussian_mixture import GaussianMixture

__all__ = ["GaussianMixture"]
