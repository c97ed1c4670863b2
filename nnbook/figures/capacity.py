"""The pictures of chapter 7 (capacity and regularization), drawn from the results of
``nnbook.experiments.capacity``: the creases of a ReLU layer, how fragmented the regions of
each network are, the regularizers compared over data draws, the spread of final objectives
over seeds, and the hidden units of a small and a large network.

Every function takes keyword ``ax=None`` (``axes=None`` for several panels), draws with
nnkit.plotting's palette and returns the Axes.
"""

import numpy as np
from matplotlib import pyplot as plt
from matplotlib import ticker as mticker
from matplotlib.axes import Axes

from nnkit import plotting, validate
from nnbook.experiments import capacity


def _axes(where, name, axes, k, panel_size):
    """axes as k Axes: given ones checked, or k new panels of panel_size inches."""
    if axes is None:
        return plotting.panels(k, panel_size=panel_size)
    flat = np.asarray(axes, dtype=object).ravel()
    if len(flat) != k or not all(isinstance(ax, Axes) for ax in flat):
        raise TypeError(f"{where}: {name} must be {k} matplotlib Axes or None, got {axes!r}")
    return flat


def _one_hidden_layer(where, net, name="net"):
    """net if it is a 2-input MLP with one hidden layer of ReLU units."""
    sizes = getattr(net, "sizes", None)
    if not (hasattr(net, "linear_layers") and isinstance(sizes, (list, tuple))):
        raise TypeError(f"{where}: {name} must be an nnkit model.MLP, got {type(net).__name__}")
    if len(sizes) != 3 or sizes[0] != 2 or getattr(net, "activation", None) != "relu":
        raise ValueError(f"{where}: {name} must be an MLP([2, H, C]) with relu units, "
                         f"got {net!r}")
    return net


def creases(net, X, y, *, ax=None, title: str = "", resolution: int = capacity.RESOLUTION):
    """Decision regions of a one-hidden-layer ReLU net with each hidden unit's crease on top.

    Unit j is zero on one side of the line X @ W1[:, j] + b1[j] = 0 and linear on the other,
    so the scores are linear inside every cell the H lines cut the plane into.  X (N, 2),
    y (N,) are the points drawn.  Returns the Axes.
    """
    where = "creases"
    net = _one_hidden_layer(where, net)
    if not isinstance(title, str):
        raise TypeError(f"{where}: title must be a string, got {type(title).__name__}")
    ax = _axes(where, "ax", ax, 1, (3.6, 3.4))[0]
    plotting.decision_regions(net, X, y, ax=ax, resolution=resolution, legend=False)
    first = net.linear_layers()[0]
    W, b = first.params["W"], first.params["b"]
    x0, x1, y0, y1 = plotting.square_extent(X)
    t = np.linspace(-1.0, 1.0, 2) * 4 * max(x1 - x0, y1 - y0)
    for j in range(W.shape[1]):
        w = W[:, j]
        norm = float(np.hypot(*w))
        if norm < 1e-12:
            continue
        foot = -b[j] * w / norm ** 2  # the point of the line closest to the origin
        along = np.array([-w[1], w[0]]) / norm
        ax.plot(foot[0] + t * along[0], foot[1] + t * along[1], color=plotting.REFERENCE_COLOR,
                linewidth=0.8, linestyle="--", zorder=2)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    if title:
        ax.set_title(title)
    return ax


def complexity(labels, train_acc, val_acc, boundary, *, axes=None):
    """Training and held-out accuracy (top) and boundary fraction (bottom) of M networks.

    labels: M names such as "20 units, reg 0.01"; train_acc, val_acc, boundary: M numbers
    in [0, 1] (boundary: ``capacity.boundary_fraction`` of each network's grid).  Returns the
    (2,) Axes, one above the other so that the labels stay readable.
    """
    where = "complexity"
    if isinstance(labels, str) or not isinstance(labels, (list, tuple)) or not labels or \
            not all(isinstance(label, str) for label in labels):
        raise TypeError(f"{where}: labels must be a non-empty list of strings, got {labels!r}")
    columns = {}
    for name, values in (("train_acc", train_acc), ("val_acc", val_acc),
                         ("boundary", boundary)):
        values = validate.real_array(where, name, values).astype(float)
        if values.shape != (len(labels),) or np.any(~(values >= 0) | (values > 1)):
            raise ValueError(f"{where}: {name} must be {len(labels)} numbers in [0, 1], one per "
                             f"label, got {values!r}")
        columns[name] = values
    axes = plotting.panels(2, ncols=1, panel_size=(6.4, 2.6)) if axes is None else \
        _axes(where, "axes", axes, 2, (6.4, 2.6))
    x = np.arange(len(labels))
    axes[0].bar(x - 0.2, columns["train_acc"], width=0.4, color=plotting.TRAIN_COLOR,
                label="train")
    axes[0].bar(x + 0.2, columns["val_acc"], width=0.4, color=plotting.VAL_COLOR, hatch="//",
                edgecolor="white", label="held out")
    axes[0].set_ylim(0.5, 1.0)
    axes[0].set_ylabel("accuracy")
    axes[0].yaxis.set_major_formatter(mticker.PercentFormatter(1.0, decimals=0))
    axes[0].legend(frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2)
    axes[1].bar(x, 100 * columns["boundary"], width=0.6, color=plotting.REFERENCE_COLOR)
    axes[1].set_ylabel("neighbours that differ (%)")
    axes[0].set_xticks(x, [""] * len(labels))
    axes[1].set_xticks(x, labels, rotation=20, ha="right")
    axes[1].set_xlabel("network")
    return axes


def regularizers(result, *, ax=None):
    """Held-out accuracy of each method over the data draws: one dot per draw, draws of the
    same seed joined by a faint line, and each method's mean with whiskers of one standard
    deviation.  Returns the Axes."""
    where = "regularizers"
    if not isinstance(result, capacity.RegularizerComparison):
        raise TypeError(f"{where}: result must be a capacity.RegularizerComparison, "
                        f"got {type(result).__name__}")
    ax = _axes(where, "ax", ax, 1, (5.6, 3.4))[0]
    x = np.arange(len(result.methods))
    values = np.array([result.val_acc[m] for m in result.methods])  # (methods, S)
    ax.plot(x, values, color=plotting.SMALL_SLOPE_COLOR, linewidth=0.8, zorder=1)
    for i in range(len(result.methods)):
        ax.scatter(np.full(values.shape[1], x[i] - 0.08), values[i], s=20, zorder=3,
                   color=plotting.class_color(i), marker=plotting.class_marker(i),
                   edgecolors="black", linewidths=0.4)
        ax.errorbar(x[i] + 0.15, values[i].mean(), yerr=values[i].std(), fmt="_",
                    markersize=14, capsize=3, color=plotting.OKABE_ITO["black"], zorder=4)
    ax.set_xticks(x, result.methods)
    ax.set_xlim(-0.5, len(x) - 0.5)
    ax.set_ylabel("held-out accuracy")
    ax.yaxis.set_major_formatter(mticker.PercentFormatter(1.0, decimals=0))
    ax.set_xlabel(f"regularizer ({len(result.data_seeds)} data draws each)")
    return ax


def spread(result, *, ax=None, rng: np.random.Generator):
    """Strip plot: one dot per seed's final objective, one column per hidden size.

    rng jitters the dots sideways so that equal values stay visible.  Returns the Axes.
    """
    where = "spread"
    if not isinstance(result, capacity.Spread):
        raise TypeError(f"{where}: result must be a capacity.Spread, "
                        f"got {type(result).__name__}")
    validate.generator(where, rng)
    ax = _axes(where, "ax", ax, 1, (5.0, 3.4))[0]
    for i, h in enumerate(result.hidden_sizes):
        values = result.losses[h]
        x = i + rng.uniform(-0.18, 0.18, len(values))
        ax.scatter(x, values, s=22, color=plotting.class_color(i),
                   marker=plotting.class_marker(i), edgecolors="black", linewidths=0.4,
                   zorder=3)
        ax.hlines([values.min(), values.max()], i - 0.3, i + 0.3,
                  color=plotting.REFERENCE_COLOR, linewidth=1.0, zorder=2)
    ax.set_xticks(range(len(result.hidden_sizes)),
                  [f"{h} hidden units" for h in result.hidden_sizes])
    ax.set_xlim(-0.6, len(result.hidden_sizes) - 0.4)
    ax.set_ylabel("final training objective")
    ax.set_xlabel(f"{len(result.seeds)} random initialisations each")
    return ax


def unit_maps(small, large, *, extent, ncols: int = 5):
    """Every hidden unit's output over the input plane, for a small and a large one-hidden-layer
    network (``plotting.hidden_unit_maps``), one group of maps above the other.

    Returns the Axes of all maps, the small network's first.
    """
    where = "unit_maps"
    small = _one_hidden_layer(where, small, "small")
    large = _one_hidden_layer(where, large, "large")
    ncols = validate.whole_number(where, "ncols", ncols)
    groups = [(small, f"{small.sizes[1]} hidden units"), (large, f"{large.sizes[1]} hidden units")]
    rows = [-(-net.sizes[1] // ncols) for net, _ in groups]
    fig = plt.figure(figsize=(1.45 * ncols, 1.55 * sum(rows) + 0.7), layout="constrained",
                     facecolor="white")
    subfigs = fig.subfigures(2, 1, height_ratios=rows)
    axes = []
    for subfig, (net, title), nrows in zip(subfigs, groups, rows):
        grid = subfig.subplots(nrows, ncols, squeeze=False).ravel()
        units = net.sizes[1]
        for extra in grid[units:]:
            extra.remove()
        plotting.hidden_unit_maps(net, extent=extent, max_units=units, axes=grid[:units])
        subfig.suptitle(title)
        axes += list(grid[:units])
    return np.array(axes, dtype=object)
