"""
Confusion matrix, ROC and precision-recall curves
=================================================

A logistic regression on the (scaled) breast cancer data, judged on a
held-out quarter of the data three ways: which classes it confuses, how its
true-positive rate trades against its false-positive rate as the threshold
moves, and how precision trades against recall.
"""

import matplotlib.pyplot as plt

from scratchml.datasets import load_breast_cancer
from scratchml.linear_model import LogisticRegression
from scratchml.model_selection import train_test_split
from scratchml.pipeline import make_pipeline
from scratchml.plotting import ConfusionMatrixDisplay, PrecisionRecallDisplay, RocCurveDisplay
from scratchml.preprocessing import StandardScaler

data = load_breast_cancer()
X_train, X_test, y_train, y_test = train_test_split(
    data.data, data.target, test_size=0.25, stratify=data.target, random_state=0
)
model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X_train, y_train)

fig, axes = plt.subplots(1, 3, figsize=(13, 4))
ConfusionMatrixDisplay.from_estimator(model, X_test, y_test, ax=axes[0], colorbar=False,
                                      display_labels=data.target_names)
RocCurveDisplay.from_estimator(model, X_test, y_test, ax=axes[1], plot_chance_level=True)
PrecisionRecallDisplay.from_estimator(model, X_test, y_test, ax=axes[2], plot_chance_level=True)
fig.tight_layout()
plt.show()
