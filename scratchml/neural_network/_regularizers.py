r"""Weight penalties added to the loss: L1, L2 and both (elastic net).

Each penalty gives its value :math:`\Omega(W)` *and* its gradient
:math:`\partial \Omega / \partial W` from the same norm, in one place, so the
two cannot drift apart (a known bug in peer projects: an L1 loss term paired
with an L2 gradient).

.. math::
   :label: l2-penalty

   \Omega_2(W) = \tfrac{\lambda}{2} \lVert W \rVert_F^2, \qquad
   \nabla \Omega_2 = \lambda W

.. math::
   :label: l1-penalty

   \Omega_1(W) = \lambda \lVert W \rVert_1 = \lambda \sum_{ij} |W_{ij}|, \qquad
   \nabla \Omega_1 = \lambda \operatorname{sign}(W)

(the subgradient 0 is used at :math:`W_{ij} = 0`). Goodfellow, Bengio &
Courville, *Deep Learning* (2016), §7.1.1 eq. 7.1 and §7.1.2 eq. 7.20.
"""

import numpy as np

__all__ = ["L1", "L1L2", "L2", "get_regularizer"]


class L1L2:
    r"""Elastic-net penalty :math:`\lambda_1 \lVert W \rVert_1 + \tfrac{\lambda_2}{2}\lVert W \rVert_F^2`.

    Parameters
    ----------
    l1 : float, default=0.0
        Strength :math:`\lambda_1 \ge 0` of eq. (l1-penalty).
    l2 : float, default=0.0
        Strength :math:`\lambda_2 \ge 0` of eq. (l2-penalty).

    Raises
    ------
    ValueError
        If a strength is negative.

    Examples
    --------
    >>> import numpy as np
    >>> reg = L1L2(l1=0.1, l2=1.0)
    >>> W = np.array([[1.0, -2.0]])
    >>> float(reg.penalty(W))
    2.8
    >>> reg.gradient(W)
    array([[ 1.1, -2.1]])
    """

    def __init__(self, l1=0.0, l2=0.0):
        if l1 < 0 or l2 < 0:
            raise ValueError(f"Regularisation strengths must be >= 0, got l1={l1}, l2={l2}.")
        self.l1 = float(l1)
        self.l2 = float(l2)

    def penalty(self, W):
        """Value :math:`\\Omega(W)` added to the loss."""
        out = 0.0
        if self.l1:
            out += self.l1 * np.sum(np.abs(W))  # eq. (l1-penalty)
        if self.l2:
            out += 0.5 * self.l2 * np.sum(W * W)  # eq. (l2-penalty)
        return out

    def gradient(self, W):
        """Gradient :math:`\\partial \\Omega / \\partial W`, same shape as ``W``."""
        out = np.zeros_like(W)
        if self.l1:
            out += self.l1 * np.sign(W)  # eq. (l1-penalty)
        if self.l2:
            out += self.l2 * W  # eq. (l2-penalty)
        return out

    def __repr__(self):
        return f"{type(self).__name__}(l1={self.l1}, l2={self.l2})"


class L1(L1L2):
    """Lasso penalty :math:`\\lambda \\lVert W \\rVert_1` (eq. l1-penalty)."""

    def __init__(self, l1=0.01):
        super().__init__(l1=l1, l2=0.0)


class L2(L1L2):
    """Ridge penalty :math:`\\tfrac{\\lambda}{2} \\lVert W \\rVert_F^2` (eq. l2-penalty)."""

    def __init__(self, l2=0.01):
        super().__init__(l1=0.0, l2=l2)


def get_regularizer(reg):
    """``None`` or a penalty object, passed through; anything else is a ``ValueError``."""
    if reg is None or isinstance(reg, L1L2):
        return reg
    raise ValueError(f"Unknown regularizer {reg!r}; pass an L1, L2 or L1L2 instance or None.")
