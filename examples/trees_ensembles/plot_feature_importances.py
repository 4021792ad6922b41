"""
Feature importances on breast cancer: impurity (MDI) vs permutation
===================================================================

Two ways to ask a random forest which of the 30 breast-cancer measurements
it relies on.

* **Mean decrease in impurity** (MDI, ``feature_importances_``, left): the
  Gini decrease brought by every split on a feature, summed over all trees
  and normalised. It is free (computed while fitting) but measured on the
  *training* data, and it favours features with many distinct values.
* **Permutation importance** (right,
  :func:`~scratchml.inspection.permutation_importance`): the drop in
  *test* accuracy when one column is shuffled, breaking its link with the
  diagnosis. The bars show the mean over 10 shuffles, the whiskers their
  standard deviation.

The two rankings disagree. Many measurements are near copies of each other
(radius, perimeter and area; "worst" and "mean" versions): the forest
spreads its splits among them, so each gets a share of the MDI, but
shuffling any one of them costs almost nothing because its copies still
carry the information. Small or even negative permutation importances
therefore do not mean a feature is useless, only that the model can do
without it *given the others*.
"""

import matplotlib.pyplot as plt
import numpy as np

from scratchml.datasets import load_breast_cancer
from scratchml.ensemble import RandomForestClassifier
from scratchml.inspection import permutation_importance
from scratchml.model_selection import train_test_split

data = load_breast_cancer()
names = np.asarray(data.feature_names)
X_train, X_test, y_train, y_test = train_test_split(data.data, data.target, test_size=0.3,
                                                    stratify=data.target, random_state=0)
forest = RandomForestClassifier(n_estimators=100, random_state=0).fit(X_train, y_train)
print(f"test accuracy: {forest.score(X_test, y_test):.3f}")

mdi = forest.feature_importances_
perm = permutation_importance(forest, X_test, y_test, n_repeats=10, random_state=0)

top = np.argsort(mdi)[-12:]  # the 12 features with the largest MDI, smallest first
fig, (ax_mdi, ax_perm) = plt.subplots(1, 2, figsize=(12, 5.5), sharey=True)
ax_mdi.barh(names[top], mdi[top], color="tab:blue")
ax_mdi.set_xlabel("mean decrease in Gini impurity (training data)")
ax_mdi.set_title("RandomForestClassifier.feature_importances_ (MDI)")
ax_perm.barh(names[top], perm.importances_mean[top], xerr=perm.importances_std[top],
             color="tab:orange")
ax_perm.axvline(0, color="black", linewidth=0.8)
ax_perm.set_xlabel("drop in test accuracy when shuffled")
ax_perm.set_title("permutation_importance (test data, 10 repeats)")
fig.tight_layout()
plt.show()
