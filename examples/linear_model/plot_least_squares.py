r"""
Least squares three ways
========================

Ordinary least squares on the (standardised) diabetes data, solved three
ways that must agree. The normal equations :math:`X^\top X w = X^\top y`
solved directly, the SVD route ``LinearRegression(solver='lstsq')`` (stable
even when :math:`X^\top X` is ill-conditioned, because it never forms it),
and batch gradient descent ``solver='gd'`` with the step :math:`1/L`. The
left panel shows gradient descent's objective falling to the least-squares
optimum (log scale of the excess over it): a steep first drop while the
high-curvature directions are fitted, then a straight line, the signature
of linear convergence, whose slope is set by the condition number of
:math:`X^\top X` (printed below): the worse conditioned, the flatter. The right panel puts the three
coefficient vectors side by side: the bars coincide.
"""

import matplotlib.pyplot as plt
import numpy as np

from scratchml.datasets import load_diabetes
from scratchml.linear_model import LinearRegression
from scratchml.preprocessing import StandardScaler

data = load_diabetes()
X = StandardScaler().fit_transform(data.data)
y = data.target

# 1. Normal equations, on centred data so the intercept drops out.
Xc, yc = X - X.mean(axis=0), y - y.mean()
w_normal = np.linalg.solve(Xc.T @ Xc, Xc.T @ yc)
# 2. SVD-based least squares.
lstsq = LinearRegression(solver="lstsq").fit(X, y)
# 3. Batch gradient descent with the step 1/L.
gd = LinearRegression(solver="gd", max_iter=20_000, tol=1e-8).fit(X, y)

optimum = 0.5 * np.mean((y - lstsq.predict(X)) ** 2)  # the objective gd minimises
excess = np.array(gd.loss_curve_) - optimum
print(f"condition number of X^T X: {np.linalg.cond(Xc.T @ Xc):.0f}")
print(f"gradient descent iterations: {len(gd.loss_curve_) - 1}")
print(f"max |w_gd - w_lstsq|     = {np.max(np.abs(gd.coef_ - lstsq.coef_)):.2e}")
print(f"max |w_normal - w_lstsq| = {np.max(np.abs(w_normal - lstsq.coef_)):.2e}")

fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))
ax = axes[0]
ax.semilogy(np.arange(len(excess)), np.maximum(excess, 1e-12))
ax.set_xlabel("gradient-descent iteration")
ax.set_ylabel("objective - least-squares optimum")
ax.set_title(f"solver='gd': {len(excess) - 1} iterations to tol=1e-8")

ax = axes[1]
pos = np.arange(X.shape[1])
width = 0.27
ax.bar(pos - width, w_normal, width, label="normal equations")
ax.bar(pos, lstsq.coef_, width, label="solver='lstsq' (SVD)")
ax.bar(pos + width, gd.coef_, width, label="solver='gd'")
ax.set_xticks(pos, data.feature_names)
ax.axhline(0, color="black", lw=0.5)
ax.set_ylabel("coefficient")
ax.set_title("The same coefficients")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
