"""Covariance estimation: empirical, robust (Minimum Covariance Determinant), outlier detection."""

from ._elliptic_envelope import EllipticEnvelope
from ._empirical_covariance import EmpiricalCovariance, empirical_covariance
from ._robust_covariance import MinCovDet, fast_mcd

__all__ = ["EllipticEnvelope", "EmpiricalCovariance", "MinCovDet", "empirical_covariance", "fast_mcd"]
