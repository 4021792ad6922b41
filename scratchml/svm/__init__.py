"""Support vector machines: the kernel SVC dual solved by SMO with second-order working sets."""

from ._svc import SVC

__all__ = ["SVC"]
