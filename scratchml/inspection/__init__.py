"""Model inspection: which features a fitted model relies on."""

from ._permutation_importance import permutation_importance

__all__ = ["permutation_importance"]
