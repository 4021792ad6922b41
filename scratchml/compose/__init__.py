"""Composite transformers for tables with heterogeneous columns."""

from ._column_transformer import ColumnTransformer, make_column_selector, make_column_transformer

__all__ = ["ColumnTransformer", "make_column_selector", "make_column_transformer"]
