"""A depth figure draws what nnbook.experiments.depth measured, in the house style.

Chapter 9's picture: held-out accuracy against the number of hidden layers at a fixed
parameter budget, every data seed's accuracy as a dot and their mean as a line. The function
takes keyword ``ax=None``, draws with nnkit.plotting's palette and returns the Axes.
"""

import numpy as np
from matplotlib.axes import Axes

from nnbook.experiments.depth import DepthSweep
from nnkit import plotting


def depth_accuracy(result: DepthSweep, *, ax=None):
    """Held-out accuracy (%) by hidden layers: a dot per data seed, the mean as a line."""
    if not isinstance(result, DepthSweep):
        raise TypeError(f"depth_accuracy: result must be a depth.DepthSweep, "
                        f"got {type(result).__name__}")
    if ax is None:
        ax = plotting.panels(1)[0]
    elif not isinstance(ax, Axes):
        raise TypeError(f"depth_accuracy: ax must be a matplotlib Axes or None, got {ax!r}")
    depths = np.array(result.depths)
    per_seed = 100 * result.per_data_seed()  # (L, S)
    offsets = np.linspace(-0.12, 0.12, per_seed.shape[1])
    for s in range(per_seed.shape[1]):
        ax.plot(depths + offsets[s], per_seed[:, s], linestyle="none", marker="o",
                markersize=4, color=plotting.SPREAD_COLOR,
                label="one data seed" if s == 0 else None)
    ax.plot(depths, 100 * result.mean(), marker="s", color=plotting.VAL_COLOR,
            label="mean over data seeds")
    ax.set_xticks(depths)
    ax.set_xlabel("hidden layers")
    ax.set_ylabel("held-out accuracy (%)")
    ax.legend(loc="lower left")
    return ax
