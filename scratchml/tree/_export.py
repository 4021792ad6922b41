"""Show a fitted tree: indented text (as scikit-learn prints it), DOT text, matplotlib."""

import numpy as np

from ..utils.validation import check_is_fitted
from ._tree_kernels import TREE_LEAF

__all__ = ["export_graphviz", "export_text", "plot_tree"]


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


def _node_text(decision_tree, node, feature_names, class_names, decimals, criterion_name):
    """The lines describing one node: its test (if any), impurity, size and value."""
    tree = decision_tree.tree_
    lines = []
    if tree.children_left[node] != TREE_LEAF:
        name = (feature_names[tree.feature[node]] if feature_names is not None
                else f"x[{tree.feature[node]}]")
        lines.append(f"{name} <= {tree.threshold[node]:.{decimals}f}")
    lines.append(f"{criterion_name} = {tree.impurity[node]:.{decimals}f}")
    lines.append(f"samples = {tree.n_node_samples[node]}")
    value = tree.value[node, 0]
    if hasattr(decision_tree, "classes_"):
        counts = value * tree.weighted_n_node_samples[node]
        lines.append("value = [" + ", ".join(f"{c:.{decimals}g}" for c in counts) + "]")
        names = class_names if class_names is not None else decision_tree.classes_
        lines.append(f"class = {names[int(np.argmax(value))]}")
    else:
        lines.append(f"value = {value[0]:.{decimals}f}")
    return lines


def export_graphviz(decision_tree, *, feature_names=None, class_names=None, decimals=3):
    r"""The fitted tree in Graphviz DOT text (render with ``dot -Tpng``).

    Parameters
    ----------
    decision_tree : DecisionTreeClassifier or DecisionTreeRegressor
        A fitted tree.
    feature_names : list of str, default=None
        Names of the features; ``x[j]`` if None.
    class_names : list of str, default=None
        Names of the classes; ``classes_`` if None.
    decimals : int, default=3
        Digits of thresholds and impurities.

    Returns
    -------
    dot : str
        One ``id [label=...]`` line per node and one ``parent -> child`` line
        per edge; the left edge of the root is labelled True (``x <= t``).

    Examples
    --------
    >>> from scratchml.tree import DecisionTreeClassifier, export_graphviz
    >>> clf = DecisionTreeClassifier().fit([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1])
    >>> print(export_graphviz(clf).splitlines()[3])
    0 [label="x[0] <= 1.500\ngini = 0.500\nsamples = 4\nvalue = [2, 2]\nclass = 0"] ;
    """
    check_is_fitted(decision_tree, "tree_")
    tree = decision_tree.tree_
    criterion = getattr(decision_tree, "criterion", "impurity")
    out = ["digraph Tree {", 'node [shape=box, fontname="helvetica"] ;',
           'edge [fontname="helvetica"] ;']
    for node in range(tree.node_count):
        label = "\\n".join(_node_text(decision_tree, node, feature_names, class_names,
                                      decimals, criterion))
        out.append(f'{node} [label="{label}"] ;')
    for node in range(tree.node_count):
        if tree.children_left[node] == TREE_LEAF:
            continue
        for child, text in ((tree.children_left[node], "True"),
                            (tree.children_right[node], "False")):
            head = f' [labeldistance=2.5, headlabel="{text}"]' if node == 0 else ""
            out.append(f"{node} -> {child}{head} ;")
    out.append("}")
    return "\n".join(out)


def plot_tree(decision_tree, *, feature_names=None, class_names=None, decimals=3, ax=None,
              fontsize=8):
    """Draw the fitted tree with matplotlib: one box per node, leaves spread evenly.

    Parameters
    ----------
    decision_tree : DecisionTreeClassifier or DecisionTreeRegressor
        A fitted tree.
    feature_names, class_names : list of str, default=None
        As in :func:`export_graphviz`.
    decimals : int, default=3
    ax : matplotlib Axes, default=None
        Where to draw; the current axes if None.
    fontsize : int, default=8

    Returns
    -------
    annotations : list of matplotlib.text.Annotation
        One per node, in node-id order.
    """
    import matplotlib.pyplot as plt

    check_is_fitted(decision_tree, "tree_")
    tree = decision_tree.tree_
    ax = plt.gca() if ax is None else ax
    criterion = getattr(decision_tree, "criterion", "impurity")
    # x: leaves at 0, 1, 2, ... in left-to-right order, parents centred over
    # their children; y: depth (root on top)
    x = np.zeros(tree.node_count)
    next_leaf = [0.0]

    def place(node):
        if tree.children_left[node] == TREE_LEAF:
            x[node] = next_leaf[0]
            next_leaf[0] += 1.0
        else:
            place(tree.children_left[node])
            place(tree.children_right[node])
            x[node] = (x[tree.children_left[node]] + x[tree.children_right[node]]) / 2

    place(0)
    width, depth = max(next_leaf[0] - 1.0, 1.0), max(tree.max_depth, 1)
    xy = np.column_stack([x / width, 1.0 - tree.node_depth / depth])
    boxes = []
    for node in range(tree.node_count):
        label = "\n".join(_node_text(decision_tree, node, feature_names, class_names,
                                     decimals, criterion))
        parent = np.flatnonzero((tree.children_left == node) | (tree.children_right == node))
        kwargs = {}
        if parent.size:
            kwargs = {"xytext": xy[node], "xy": xy[parent[0]], "textcoords": "axes fraction",
                      "arrowprops": {"arrowstyle": "<-"}}
        else:
            kwargs = {"xy": xy[node]}
        boxes.append(ax.annotate(label, xycoords="axes fraction", ha="center", va="center",
                                 fontsize=fontsize, bbox={"boxstyle": "round", "fc": "w"},
                                 **kwargs))
    ax.set_axis_off()
    return boxes
