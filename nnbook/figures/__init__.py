"""The book's own figures: they draw the numbers that nnbook.experiments computes.

One module per chapter topic (``nnbook.figures.activations`` draws chapter 3's experiments, and
so on), in nnkit.plotting's house style. Every drawing function takes keyword ``ax=None``
(``axes=None`` for several panels) and returns the Axes. Pictures that any user of nnkit wants
(decision regions, curves, network diagrams) live in nnkit; a picture made for one page lives here.
"""

import numpy as np
from matplotlib.axes import Axes

from nnkit import plotting


def axes_or_panels(where: str, name: str, axes, k: int, panel_size, *, ncols: int | None = None):
    """The argument ``name`` (``ax`` or ``axes``) of ``where`` as a flat (k,) array of Axes.

    None draws k new panels of ``panel_size`` (width, height) inches (``ncols`` to a row, see
    nnkit.plotting.panels); anything but k matplotlib Axes is a TypeError naming the argument.
    """
    if axes is None:
        return plotting.panels(k, ncols=ncols, panel_size=panel_size)
    flat = np.asarray(axes, dtype=object).ravel()
    if len(flat) != k or not all(isinstance(ax, Axes) for ax in flat):
        raise TypeError(f"{where}: {name} must be {k} matplotlib Axes or None, got {axes!r}")
    return flat
