"""Print a fitted tree as indented text (``export_text``), as scikit-learn does."""

import numpy as np

from ..utils.validation import check_is_fitted
from ._tree_kernels import TREE_LEAF

__all__ = ["export_text"]


def _subtree_depth(tree, node):
    """Number of levels of the subtree rooted at ``node`` (a leaf has 1)."""
    if tree.children_left[node] == TREE_LEAF:
        return 1
    return 1 + max(_subtree_depth(tree, tree.children_left[node]),
                   _subtree_depth(tree, tree.children_right[node]))


def export_text(decision_tree, *, feature_names=None, class_names=None, max_depth=10,
                spacing=3, decimals=2, show_weights=False):
    """Describe every split and leaf of a fitted tree, one line each.

    Parameters
    ----------
    decision_tree : DecisionTreeClassifier or DecisionTreeRegressor
        A fitted tree.
    feature_names : list of str of length n_features, default=None
        Names of the features; ``feature_<j>`` if None.
    class_names : list of str, default=None
        Names of the classes in ``classes_`` order; ``classes_`` if None.
    max_depth : int, default=10
        Deeper branches are summarised as "truncated branch of depth d".
    spacing : int, default=3
        Width of one indentation level.
    decimals : int, default=2
        Digits of thresholds and values.
    show_weights : bool, default=False
        Also print the weighted class counts of each classification leaf.

    Returns
    -------
    report : str
        ``|--- feature <= threshold`` lines for the left branches, ``>`` for
        the right ones, and ``class: c`` or ``value: [v]`` at the leaves.

    Raises
    ------
    ValueError
        Wrong number of feature or class names.

    Examples
    --------
    >>> from scratchml.tree import DecisionTreeClassifier, export_text
    >>> clf = DecisionTreeClassifier().fit([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1])
    >>> print(export_text(clf, feature_names=["x"]))
    |--- x <= 1.50
    |   |--- class: 0
    |--- x >  1.50
    |   |--- class: 1
    <BLANKLINE>
    """
    check_is_fitted(decision_tree, "tree_")
    tree = decision_tree.tree_
    is_classifier = hasattr(decision_tree, "classes_")
    if feature_names is not None and len(feature_names) != tree.n_features:
        raise ValueError(
            f"feature_names must contain {tree.n_features} elements, got {len(feature_names)}"
        )
    if is_classifier:
        if class_names is None:
            class_names = decision_tree.classes_
        elif len(class_names) != len(decision_tree.classes_):
            raise ValueError(
                f"When `class_names` is an array, it should contain as many items as "
                f"`decision_tree.classes_`. Got {len(class_names)} while the tree was "
                f"fitted with {len(decision_tree.classes_)} classes."
            )
    names = (feature_names if feature_names is not None
             else [f"feature_{j}" for j in range(tree.n_features)])
    lines = []

    def fmt(v):
        return f"{v:.{decimals}f}"

    def leaf(node, indent):
        value = tree.value[node, 0]
        if is_classifier:
            text = f" class: {class_names[int(np.argmax(value))]}"
            if show_weights:
                counts = value * tree.weighted_n_node_samples[node]
                text = " weights: [" + ", ".join(fmt(c) for c in counts) + "]" + text
            lines.append(indent + text)
        else:
            lines.append(indent + " value: [" + ", ".join(fmt(v) for v in value) + "]")

    def recurse(node, depth):
        indent = ("|" + " " * spacing) * depth
        indent = indent[:-spacing] + "-" * spacing
        if depth > max_depth + 1:
            d = _subtree_depth(tree, node)
            if d == 1:
                leaf(node, indent)
            else:
                lines.append(f"{indent} truncated branch of depth {d}")
            return
        if tree.children_left[node] == TREE_LEAF:
            leaf(node, indent)
            return
        name, threshold = names[tree.feature[node]], fmt(tree.threshold[node])
        lines.append(f"{indent} {name} <= {threshold}")
        recurse(tree.children_left[node], depth + 1)
        lines.append(f"{indent} {name} >  {threshold}")
        recurse(tree.children_right[node], depth + 1)

    recurse(0, 1)
    return "\n".join(lines) + "\n"
