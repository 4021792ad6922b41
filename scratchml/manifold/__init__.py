"""Manifold learning: non-linear embeddings for visualisation."""

from ._t_sne import TSNE

__all__ = ["TSNE"]
