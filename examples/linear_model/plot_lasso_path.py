r"""
The lasso path on the diabetes data
===================================

Each line is one feature's lasso coefficient as the penalty ``alpha`` shrinks
from :math:`\alpha_{\max}` (left, every coefficient exactly zero) to
:math:`10^{-3}\alpha_{\max}` (right, close to least squares). The features
enter the model one at a time: ``bmi`` and ``s5`` first, the weakest ones
last. Between entries the path is piecewise linear, and a coefficient can
turn back (``s3``, ``sex``) when a correlated feature enters and takes over
part of its share. The path is
computed by coordinate descent with warm starts, so the whole curve costs
little more than one fit.
"""

import matplotlib.pyplot as plt
import numpy as np

from scratchml.datasets import load_diabetes
from scratchml.linear_model import lasso_path
from scratchml.preprocessing import StandardScaler

data = load_diabetes()
# lasso_path fits no intercept: centre the target, standardise the features.
X = StandardScaler().fit_transform(data.data)
y = data.target - data.target.mean()

alphas, coefs, _ = lasso_path(X, y, eps=1e-3, alphas=100)  # coefs: (n_features, n_alphas)

fig, ax = plt.subplots(figsize=(8, 5))
log_alpha = np.log10(alphas)
for name, path in zip(data.feature_names, coefs):
    ax.plot(log_alpha, path, label=name)
    # Label each curve at its smallest-alpha end.
    ax.annotate(name, (log_alpha[-1], path[-1]), xytext=(4, 0), textcoords="offset points",
                va="center", fontsize=8)
# Mark where each feature first becomes non-zero.
entry = [np.argmax(np.abs(path) > 0) for path in coefs]
for i in sorted(set(entry)):
    ax.axvline(log_alpha[i], color="gray", lw=0.5, ls=":")
ax.invert_xaxis()  # strong penalty on the left, weak on the right
ax.axhline(0, color="black", lw=0.5)
ax.set_xlabel(r"$\log_{10}\,\alpha$")
ax.set_ylabel("coefficient (standardised features)")
ax.set_title("Lasso path (dotted lines: a feature enters)")
ax.legend(ncol=2, fontsize=8, loc="lower left")
fig.tight_layout()
plt.show()
