"""Support vector machines: kernel SVC by SMO with second-order working sets; LinearSVC by dual coordinate descent."""

from ._linear_svc import LinearSVC
from ._svc import SVC

__all__ = ["LinearSVC", "SVC"]
