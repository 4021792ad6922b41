r"""
Regularisation strength and coefficients: ridge against lasso
=============================================================

The same diabetes features, fitted with ridge (L2 penalty) and lasso (L1
penalty) over a grid of ``alpha``. Ridge shrinks every coefficient smoothly
towards zero but none reaches it: the L2 ball is round, so the penalised
optimum touches it away from the axes. The lasso sets coefficients *exactly*
to zero one after another: the L1 ball has corners on the axes, and the
soft-thresholding update :math:`S(z, \lambda) = \mathrm{sign}(z)\max(|z| -
\lambda, 0)` maps a whole interval of :math:`z` to zero. The bottom row
counts the non-zero coefficients: all ten for ridge at every ``alpha``, a
staircase down to none for the lasso.
"""

import matplotlib.pyplot as plt
import numpy as np

from scratchml.datasets import load_diabetes
from scratchml.linear_model import Lasso, Ridge
from scratchml.preprocessing import StandardScaler

data = load_diabetes()
X = StandardScaler().fit_transform(data.data)
y = data.target

# Ridge's alpha multiplies ||w||^2 against the *sum* of squares, the lasso's
# multiplies ||w||_1 against the *mean* (1/2n): hence the different grids.
ridge_alphas = np.logspace(-2, 5, 40)
lasso_alphas = np.logspace(-2, 2, 40)
ridge_coefs = np.array([Ridge(alpha=a).fit(X, y).coef_ for a in ridge_alphas])
lasso_coefs = np.array([Lasso(alpha=a, max_iter=10_000).fit(X, y).coef_ for a in lasso_alphas])

fig, axes = plt.subplots(2, 2, figsize=(11, 6.5), sharex="col",
                         gridspec_kw={"height_ratios": [3, 1]})
for col, (name, alphas, coefs) in enumerate([("Ridge (L2)", ridge_alphas, ridge_coefs),
                                             ("Lasso (L1)", lasso_alphas, lasso_coefs)]):
    ax = axes[0, col]
    for j, feature in enumerate(data.feature_names):
        ax.plot(alphas, coefs[:, j], label=feature)
    ax.set_xscale("log")
    ax.axhline(0, color="black", lw=0.5)
    ax.set_title(name)
    ax.set_ylabel("coefficient")
    ax = axes[1, col]
    ax.step(alphas, np.sum(coefs != 0, axis=1), where="mid")
    ax.set_ylim(-0.5, 10.5)
    ax.set_xscale("log")
    ax.set_xlabel(r"$\alpha$")
    ax.set_ylabel("non-zero")
axes[0, 1].legend(ncol=2, fontsize=8)
fig.tight_layout()
plt.show()
