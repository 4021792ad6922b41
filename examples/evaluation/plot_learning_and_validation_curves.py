"""
Learning and validation curves
==============================

Two diagnostics from the roadmap's "improving a model" step. The learning
curve shows whether more data would help (the validation score still rising)
or whether the model is too simple (both scores low and close). The validation
curve shows how one hyper-parameter, here the inverse regularisation strength
``C`` of a logistic regression, moves the model from underfitting to
overfitting.
"""

import matplotlib.pyplot as plt
import numpy as np

from scratchml.datasets import load_digits
from scratchml.linear_model import LogisticRegression
from scratchml.pipeline import make_pipeline
from scratchml.plotting import plot_learning_curve, plot_validation_curve
from scratchml.preprocessing import StandardScaler

X, y = load_digits(return_X_y=True)
model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=300))

fig, axes = plt.subplots(1, 2, figsize=(11, 4))
plot_learning_curve(model, X, y, cv=3, train_sizes=np.linspace(0.1, 1.0, 5), ax=axes[0],
                    score_name="accuracy")
axes[0].set_title("Learning curve")
plot_validation_curve(model, X, y, param_name="logisticregression__C",
                      param_range=np.logspace(-4, 1, 6), cv=3, ax=axes[1], score_name="accuracy")
axes[1].set_title("Validation curve")
fig.tight_layout()
plt.show()
