r"""
Learning-rate schedules
=======================

Every schedule is a plain callable ``t -> learning rate`` that can be handed
to an optimizer as its ``learning_rate``; here each is simply evaluated over
600 steps. Step decay drops the rate by a factor at fixed intervals. Cosine
annealing with warm restarts (SGDR) follows half a cosine down and jumps back
up, each period twice as long as the last (``T_mult=2``). Linear warm-up
followed by cosine decay starts small, so the first steps from random
weights cannot blow up, the standard recipe for large batches and
transformers. The cyclic schedules bounce between a base and a maximum rate:
'triangular' keeps the amplitude, 'triangular2' halves it every cycle, and
'exp_range' shrinks it by :math:`\gamma^t`. The one-cycle policy makes a
single rise to the maximum over the first 30% of training and a long fall to
far below the start (note the log scale). Bottom right, for comparison, the
classic monotone decays.
"""

import matplotlib.pyplot as plt
import numpy as np

from scratchml.neural_network import (
    CosineAnnealing,
    CyclicLR,
    ExponentialDecay,
    LinearWarmup,
    MultiStepDecay,
    OneCycle,
    StepDecay,
)

steps = np.arange(600)
panels = [
    ("StepDecay(0.1, step_size=150,\ngamma=0.5)", StepDecay(0.1, step_size=150, gamma=0.5)),
    ("CosineAnnealing(0.1, T_max=40, eta_min=1e-3,\nrestarts=True, T_mult=2)",
     CosineAnnealing(0.1, T_max=40, eta_min=1e-3, restarts=True, T_mult=2)),
    ("LinearWarmup(CosineAnnealing(0.1, T_max=540),\nwarmup_steps=60)",
     LinearWarmup(CosineAnnealing(0.1, T_max=540), warmup_steps=60)),
    ("CyclicLR(0.01, 0.1, step_size=75,\nmode='triangular')",
     CyclicLR(0.01, 0.1, step_size=75, mode="triangular")),
    ("CyclicLR(0.01, 0.1, step_size=75,\nmode='triangular2')",
     CyclicLR(0.01, 0.1, step_size=75, mode="triangular2")),
    ("CyclicLR(0.01, 0.1, step_size=75,\nmode='exp_range', gamma=0.996)",
     CyclicLR(0.01, 0.1, step_size=75, mode="exp_range", gamma=0.996)),
]

fig, axes = plt.subplots(3, 3, figsize=(13, 8), sharex=True)
for ax, (title, schedule) in zip(axes.flat, panels):
    ax.plot(steps, [schedule(t) for t in steps])
    ax.set_title(title, fontsize=9)
    ax.set_ylim(bottom=0)

one_cycle = OneCycle(0.1, total_steps=len(steps))
linear_cycle = OneCycle(0.1, total_steps=len(steps), anneal_strategy="linear")
for ax, yscale in zip(axes[2], ["linear", "log"]):
    ax.plot(steps, [one_cycle(t) for t in steps], label="anneal_strategy='cos'")
    ax.plot(steps, [linear_cycle(t) for t in steps], "--", label="'linear' (Smith's original)")
    ax.set_yscale(yscale)
    ax.set_title(f"OneCycle(0.1, total_steps=600)\n{yscale} scale", fontsize=9)
axes[2, 0].legend(fontsize=8)
# For comparison, the smooth decays: exponential, and step decay at chosen milestones.
ax = axes[2, 2]
ax.plot(steps, [ExponentialDecay(0.1, gamma=0.995)(t) for t in steps], label="ExponentialDecay")
ax.plot(steps, [MultiStepDecay(0.1, milestones=[200, 450], gamma=0.3)(t) for t in steps],
        label="MultiStepDecay")
ax.set_title("ExponentialDecay(0.1, gamma=0.995),\nMultiStepDecay(0.1, [200, 450], gamma=0.3)",
             fontsize=9)
ax.set_ylim(bottom=0)
ax.legend(fontsize=8)
for ax in axes[-1]:
    ax.set_xlabel("step")
for ax in axes[:, 0]:
    ax.set_ylabel("learning rate")
fig.tight_layout()
plt.show()
