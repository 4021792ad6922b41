r"""The fitted tree as flat arrays, and what can be read off it.

A learner can print every array: node ``t`` tests ``X[:, feature[t]] <=
threshold[t]`` and sends the sample to ``children_left[t]`` if true,
``children_right[t]`` otherwise; a missing value (NaN) goes left iff
``missing_go_to_left[t]``. Leaves have ``children_left[t] == -1``.
"""

import numpy as np

from ._tree_kernels import TREE_LEAF, apply_tree_jit, decision_path_dense_jit

__all__ = ["Tree"]


class Tree:
    """Array representation of a binary decision tree (scikit-learn's ``tree_``).

    Parameters
    ----------
    n_features : int
        Number of features of the training data.
    n_classes : ndarray of shape (1,)
        Number of classes (1 for regression).
    nodes_int, nodes_float, value : ndarrays
        What the builder in ``_tree_kernels`` returns.
    normalize_value : bool
        Store class fractions instead of weighted class counts in ``value``
        (what scikit-learn >= 1.4 does for classifiers).

    Attributes
    ----------
    node_count : int
    n_outputs : int
        Always 1.
    children_left, children_right : ndarray of shape (node_count,)
        Child ids; -1 at leaves.
    feature : ndarray of shape (node_count,)
        Feature tested at each split node; -2 at leaves.
    threshold : ndarray of shape (node_count,)
        Split threshold; -2 at leaves.
    missing_go_to_left : ndarray of shape (node_count,) of uint8
        1 where missing values go to the left child: the side the split
        search chose when the node had missing values in training, else the
        child with more training samples.
    value : ndarray of shape (node_count, 1, n_classes)
        Class fractions (classification) or mean target (regression) per node.
    impurity : ndarray of shape (node_count,)
        Criterion value at each node.
    n_node_samples : ndarray of shape (node_count,)
        Training samples (with positive weight) reaching each node.
    weighted_n_node_samples : ndarray of shape (node_count,)
        Their total weight.
    max_depth : int
        Depth of the deepest leaf (the root has depth 0).
    node_depth : ndarray of shape (node_count,)
        Depth of every node (not a scikit-learn attribute).
    n_leaves : int
    """

    def __init__(self, n_features, n_classes, nodes_int, nodes_float, value, normalize_value):
        self.n_features = n_features
        self.n_classes = np.asarray(n_classes, dtype=np.intp)
        self.n_outputs = 1
        self.children_left = np.ascontiguousarray(nodes_int[:, 0])
        self.children_right = np.ascontiguousarray(nodes_int[:, 1])
        self.feature = np.ascontiguousarray(nodes_int[:, 2])
        self.n_node_samples = np.ascontiguousarray(nodes_int[:, 3])
        self.missing_go_to_left = nodes_int[:, 4].astype(np.uint8)
        self.threshold = np.ascontiguousarray(nodes_float[:, 0])
        self.impurity = np.ascontiguousarray(nodes_float[:, 1])
        self.weighted_n_node_samples = np.ascontiguousarray(nodes_float[:, 2])
        if normalize_value:
            value = value / value.sum(axis=1, keepdims=True)
        self.value = value[:, np.newaxis, :]  # (node_count, n_outputs=1, n_classes)
        self.node_count = nodes_int.shape[0]
        self._set_depth()

    def _set_depth(self):
        depth = np.zeros(self.node_count, dtype=np.intp)
        for t in range(self.node_count):  # parents precede children in both builders
            if self.children_left[t] != TREE_LEAF:
                depth[self.children_left[t]] = depth[t] + 1
                depth[self.children_right[t]] = depth[t] + 1
        self.node_depth = depth  # root = 0
        self.max_depth = int(depth.max())
        self.n_leaves = int(np.sum(self.children_left == TREE_LEAF))

    def _arrays(self):
        return (self.children_left, self.children_right, self.feature, self.threshold,
                self.missing_go_to_left)

    def apply(self, X):
        """Leaf id of each row of ``X`` (float32, validated), shape (n_samples,)."""
        return apply_tree_jit(X, *self._arrays())

    def predict(self, X):
        """``value`` of the leaf of each row, shape (n_samples, 1, n_classes)."""
        return self.value[self.apply(X)]

    def decision_path(self, X):
        """Dense 0/1 indicator (n_samples, node_count) of the nodes each row visits."""
        return decision_path_dense_jit(X, *self._arrays())

    def compute_feature_importances(self, normalize=True):
        r"""Mean decrease in impurity of each feature, eq. (cart-mdi).

        Returns
        -------
        importances : ndarray of shape (n_features,)
            Summing to 1 when ``normalize`` and the tree has a split.
        """
        importances = np.zeros(self.n_features)
        w, imp = self.weighted_n_node_samples, self.impurity
        for t in np.flatnonzero(self.children_left != TREE_LEAF):
            left, right = self.children_left[t], self.children_right[t]
            # eq. (cart-mdi)
            importances[self.feature[t]] += w[t] * imp[t] - w[left] * imp[left] - w[right] * imp[right]
        importances /= w[0]
        total = importances.sum()
        if normalize and total > 0.0:
            importances /= total
        return importances

    # --- minimal cost-complexity pruning (Breiman et al. 1984, ch. 3.3) -------
    def pruning_sequence(self, ccp_alpha=np.inf):
        r"""Weakest-link pruning up to ``ccp_alpha``, eq. (cart-ccp-g).

        Repeatedly collapses the internal node with the smallest :math:`g(t)`
        (the first such node on ties) until :math:`g > \alpha`.

        Returns
        -------
        ccp_alphas : ndarray
            Effective alpha of each pruning step (starting with 0).
        impurities : ndarray
            Total leaf risk :math:`\sum_{leaves} W_t H(t) / W` after each step.
        make_leaf : ndarray of shape (node_count,) of bool
            Nodes turned into leaves.
        """
        left, right = self.children_left, self.children_right
        internal = left != TREE_LEAF
        parent = np.full(self.node_count, -1)
        parent[left[internal]] = np.flatnonzero(internal)
        parent[right[internal]] = np.flatnonzero(internal)
        # R(t): risk of node t as a leaf; R(T_t): summed risk of its leaves
        r_node = self.weighted_n_node_samples / self.weighted_n_node_samples[0] * self.impurity
        r_branch = r_node.copy()
        n_leaves = np.ones(self.node_count, dtype=np.intp)
        for t in np.flatnonzero(internal)[::-1]:  # children have larger ids than parents
            r_branch[t] = r_branch[left[t]] + r_branch[right[t]]
            n_leaves[t] = n_leaves[left[t]] + n_leaves[right[t]]
        candidate = internal.copy()
        make_leaf = np.zeros(self.node_count, dtype=bool)
        alphas, impurities = [0.0], [r_branch[0]]
        while candidate[0]:
            nodes = np.flatnonzero(candidate)
            g = (r_node[nodes] - r_branch[nodes]) / (n_leaves[nodes] - 1)  # eq. (cart-ccp-g)
            t = nodes[np.argmin(g)]
            alpha = g.min()
            if alpha > ccp_alpha:
                break
            stack = [t]  # the subtree below t leaves the tree
            while stack:
                u = stack.pop()
                candidate[u] = False
                if internal[u]:
                    stack += [left[u], right[u]]
            make_leaf[t] = True
            diff, removed = r_node[t] - r_branch[t], n_leaves[t] - 1
            u = t
            while u >= 0:
                r_branch[u] += diff
                n_leaves[u] -= removed
                u = parent[u]
            alphas.append(alpha)
            impurities.append(r_branch[0])
        return np.array(alphas), np.array(impurities), make_leaf

    def _preorder(self, leaf):
        """Nodes still in the tree when the nodes in ``leaf`` are leaves, in pre-order."""
        order, stack = [], [0]
        while stack:
            t = stack.pop()
            order.append(t)
            if not leaf[t]:
                stack += [self.children_right[t], self.children_left[t]]  # left popped first
        return np.array(order, dtype=np.intp)

    def pruned(self, ccp_alpha):
        """A new tree without the subtrees weakest-link pruning removes at ``ccp_alpha``.

        Nodes are renumbered in pre-order (as scikit-learn rebuilds a pruned
        tree), which keeps the ids of a depth-first tree and renumbers a
        best-first one.
        """
        _, _, make_leaf = self.pruning_sequence(ccp_alpha)
        leaf_all = make_leaf | (self.children_left == TREE_LEAF)
        nodes = self._preorder(leaf_all)
        new_id = np.full(self.node_count, TREE_LEAF)
        new_id[nodes] = np.arange(nodes.size)  # parents still precede children
        leaf = leaf_all[nodes]
        nodes_int = np.column_stack([
            np.where(leaf, TREE_LEAF, new_id[self.children_left[nodes]]),
            np.where(leaf, TREE_LEAF, new_id[self.children_right[nodes]]),
            np.where(leaf, -2, self.feature[nodes]),
            self.n_node_samples[nodes],
            np.where(leaf, 0, self.missing_go_to_left[nodes]),
        ])
        nodes_float = np.column_stack([
            np.where(leaf, -2.0, self.threshold[nodes]),
            self.impurity[nodes],
            self.weighted_n_node_samples[nodes],
        ])
        return Tree(self.n_features, self.n_classes, nodes_int, nodes_float,
                    self.value[nodes, 0, :], normalize_value=False)
