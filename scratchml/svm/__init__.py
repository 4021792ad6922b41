"""Support vector machines: SVC/SVR/OneClassSVM by SMO with second-order working sets; LinearSVC/LinearSVR by dual coordinate descent."""

from ._linear_svc import LinearSVC, LinearSVR
from ._nusvc import NuSVC
from ._svc import SVC
from ._svr import SVR, NuSVR, OneClassSVM

__all__ = ["SVC", "SVR", "LinearSVC", "LinearSVR", "NuSVC", "NuSVR", "OneClassSVM"]
