"""An architecture figure shows how a network is wired and what the wiring costs.

Chapter 4's pictures: small directed graphs of neurons, network diagrams at their natural size,
the forward pass drawn one cell per number, parameter counts against width and depth and per
layer of two classic convolutional networks, and the frames of the kernel-free width slider.
Every drawing function takes keyword ``ax=None`` (or ``axes=None``), draws with nnkit.plotting's
palette and nnkit.diagrams' faces, and returns the Axes.
"""

import io

import numpy as np
from matplotlib import patches as mpatches
from matplotlib import pyplot as plt
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from nnkit import diagrams, plotting, validate
from nnbook import static
from nnbook.experiments import architectures as experiments
from nnbook.figures import axes_or_panels

HIGHLIGHT_COLOR = plotting.OKABE_ITO["vermillion"]  # edges on a cycle, an outlined column
NODE_FACE = diagrams.HIDDEN_FACE


def _sizes_list(where, sizes_list):
    if not isinstance(sizes_list, (list, tuple)) or not sizes_list:
        raise TypeError(f"{where}: sizes_list must be a non-empty list of layer-size lists, "
                        f"got {sizes_list!r}")
    for i, sizes in enumerate(sizes_list):
        if not isinstance(sizes, (list, tuple)) or len(sizes) < 2:
            raise TypeError(f"{where}: sizes_list[{i}] must be layer sizes like [3, 4, 2], "
                            f"got {sizes!r}")
        for j, s in enumerate(sizes):
            validate.whole_number(where, f"sizes_list[{i}][{j}]", s)
    return [list(s) for s in sizes_list]


# --- graphs ----------------------------------------------------------------------------------


def graph(positions, edges, *, labels=None, highlight=(), title="", ax=None, radius=0.22):
    """A directed graph: a circle at positions[node] = (x, y) for each node, an arrow per edge.

    edges: (source, target) pairs; labels: {node: text} written in the circles (default the
    node number); highlight: edges drawn thick and curved in HIGHLIGHT_COLOR (a cycle).
    """
    where = "graph"
    if not isinstance(positions, dict) or not positions:
        raise TypeError(f"{where}: positions must be a dict {{node: (x, y)}}, got {positions!r}")
    for node, point in positions.items():
        if np.shape(point) != (2,):
            raise ValueError(f"{where}: positions[{node!r}] must be (x, y), got {point!r}")
    for edge in list(edges) + list(highlight):
        if np.shape(edge) != (2,) or any(end not in positions for end in edge):
            raise ValueError(f"{where}: edge {edge!r} must be a (source, target) pair of nodes "
                             f"in positions")
    radius = validate.number(where, "radius", radius, low=0, low_open=True)
    ax = axes_or_panels(where, "ax", ax, 1, (3.6, 3.0))[0]
    hot = {tuple(e) for e in highlight}
    for s, t in edges:
        start, end = np.array(positions[s], float), np.array(positions[t], float)
        d = (end - start) / np.linalg.norm(end - start)
        on_cycle = (s, t) in hot
        ax.add_patch(mpatches.FancyArrowPatch(
            start + radius * d, end - radius * d, arrowstyle="-|>", mutation_scale=12,
            color=HIGHLIGHT_COLOR if on_cycle else diagrams.EDGE_COLOR,
            linewidth=2.2 if on_cycle else 1.1, zorder=1,
            connectionstyle="arc3,rad=0.18" if on_cycle else "arc3"))
    for node, (x, y) in positions.items():
        ax.add_patch(mpatches.Circle((x, y), radius, facecolor=NODE_FACE, edgecolor="black",
                                     linewidth=1.0, zorder=2))
        ax.text(x, y, (labels or {}).get(node, str(node)), ha="center", va="center", zorder=3)
    xs, ys = zip(*positions.values())
    ax.set_xlim(min(xs) - 0.6, max(xs) + 0.6)
    ax.set_ylim(min(ys) - 0.5, max(ys) + 0.5)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title)
    return ax


# --- network diagrams at their natural size ---------------------------------------------------


def _natural_size(sizes, max_units):
    """The figure size (inches) nnkit.diagrams.network picks for ``sizes`` on its own."""
    ax = diagrams.network(sizes, max_units=max_units)
    size = tuple(float(v) for v in ax.figure.get_size_inches())
    plt.close(ax.figure)
    return size


def networks(sizes_list, *, max_units=8, axes=None):
    """Network diagrams of several layer-size lists, one above the other, each at its natural
    scale (the diagrams' text keeps its full size), centred in a figure as wide as the widest.
    """
    where = "networks"
    sizes_list = _sizes_list(where, sizes_list)
    max_units = validate.whole_number(where, "max_units", max_units, minimum=3)
    natural = [_natural_size(s, max_units) for s in sizes_list]
    if axes is None:
        width = max(w for w, _ in natural)
        fig = plt.figure(figsize=(width, sum(h for _, h in natural)), facecolor="white")
        axes, top = [], 1.0
        for w, h in natural:
            height = h / fig.get_size_inches()[1]
            axes.append(fig.add_axes(((1 - w / width) / 2, top - height, w / width, height)))
            top -= height
    axes = axes_or_panels(where, "axes", axes, len(sizes_list), None)
    for ax, sizes in zip(axes, sizes_list):
        diagrams.network(sizes, ax=ax, max_units=max_units)
    return axes


def diagram_png(sizes, *, canvas=None, dpi=80.0, max_units=8):
    """PNG bytes of ``nnkit.diagrams.network(sizes)`` at the natural size of ``canvas``'s diagram.

    canvas: layer sizes whose diagram sets the picture's size (default ``sizes``), so that the
    frames of a demo share one size and scale.
    """
    where = "diagram_png"
    sizes = _sizes_list(where, [sizes])[0]
    canvas = sizes if canvas is None else _sizes_list(where, [canvas])[0]
    dpi = validate.number(where, "dpi", dpi, low=10, high=600)
    max_units = validate.whole_number(where, "max_units", max_units, minimum=3)
    width, height = _natural_size(canvas, max_units)
    with plotting.house_style():
        fig = Figure(figsize=(width, height), dpi=dpi, facecolor="white")
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
        diagrams.network(sizes, ax=ax, max_units=max_units)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
    return buf.getvalue()


def diagram_demo(sizes_list, labels, *, captions, description, initial=0, dpi=80.0):
    """A kernel-free slider over precomputed network diagrams (``nnbook.static.image_stack``).

    Every frame is drawn on the canvas of the largest network (by total units), so the picture
    keeps its size and scale as the slider moves.
    """
    where = "diagram_demo"
    sizes_list = _sizes_list(where, sizes_list)
    for name, values in (("labels", labels), ("captions", captions)):
        if (not isinstance(values, (list, tuple)) or len(values) != len(sizes_list)
                or not all(isinstance(v, str) for v in values)):
            raise TypeError(f"{where}: {name} must be {len(sizes_list)} strings, one per network, "
                            f"got {values!r}")
    largest = max(sizes_list, key=sum)
    pngs = [diagram_png(s, canvas=largest, dpi=dpi) for s in sizes_list]
    return static.image_stack(pngs, list(labels), description=description,
                              captions=list(captions), initial=initial)


# --- the forward pass, one cell per number ---------------------------------------------------


def _grid(ax, values, *, x0, y0, cell, label, face):
    """An (r, c) array as a grid of cells with its top-left corner at (x0, y0); returns (w, h)."""
    r, c = np.atleast_2d(values).shape
    for i in range(r):
        for j in range(c):
            ax.add_patch(mpatches.Rectangle((x0 + j * cell, y0 - (i + 1) * cell), cell, cell,
                                            facecolor=face, edgecolor="0.35", linewidth=0.7))
    ax.text(x0 + c * cell / 2, y0 - r * cell - 0.15, label, ha="center", va="top")
    return c * cell, r * cell


def shape_flow(rows, *, ax=None, cell=0.32):
    """The forward pass as shapes, one row per layer: input @ W + b, through the activation.

    rows: dicts with "inp", "W", "b" and "out" as (name, array) pairs, "act" (a name, or
    "none" for the output layer) and optionally "first" (True when the input is the data X,
    drawn white). Every array is drawn with one cell per number.
    """
    where = "shape_flow"
    keys = ("inp", "W", "b", "act", "out")
    if not isinstance(rows, (list, tuple)) or not rows or not all(
            isinstance(row, dict) and all(k in row for k in keys) for row in rows):
        raise TypeError(f"{where}: rows must be a list of dicts with keys {keys}, got {rows!r}")
    cell = validate.number(where, "cell", cell, low=0, low_open=True)
    ax = axes_or_panels(where, "ax", ax, 1, (7.0, 5.4))[0]
    y, right = 0.0, 0.0
    for row in rows:
        arrays = [np.atleast_2d(row[k][1]) for k in ("inp", "W", "out")]
        height = max(a.shape[0] for a in arrays) * cell
        x = 0.0
        in_face = diagrams.INPUT_FACE if row.get("first") else diagrams.HIDDEN_FACE
        for key, face, op in (("inp", in_face, "@"), ("W", "0.88", "+"), ("b", "0.88", None)):
            name, values = row[key]
            w, h = _grid(ax, values, x0=x, y0=y, cell=cell, face=face,
                         label=f"{name} {tuple(np.shape(values))}")
            x += w + (0.5 if op else 0.15)
            if op:
                ax.text(x - 0.25, y - min(h, 2 * cell) / 2, op, ha="center", va="center",
                        fontsize=13)
        ax.text(x + 0.35, y - cell / 2, row["act"], ha="center", va="bottom", style="italic")
        ax.annotate("", xy=(x + 0.95, y - cell / 2 - 0.1), xytext=(x - 0.05, y - cell / 2 - 0.1),
                    arrowprops={"arrowstyle": "-|>", "color": "0.3"})
        x += 1.15
        name, values = row["out"]
        face = diagrams.OUTPUT_FACE if row["act"] == "none" else diagrams.HIDDEN_FACE
        w, _ = _grid(ax, values, x0=x, y0=y, cell=cell, face=face,
                     label=f"{name} {tuple(np.shape(values))}")
        right = max(right, x + w)
        y -= height + 0.9
    ax.set_xlim(-0.2, right + 0.2)
    ax.set_ylim(y + 0.3, 0.3)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


# --- how the count grows ---------------------------------------------------------------------


def growth_panels(widths, counts, depths, depth_widths, by_depth, *, axes=None):
    """Parameter counts against the width (left, log-log) and the number of hidden layers (right).

    widths (W,), counts (len(depths), W) from experiments.growth with hidden-layer numbers
    depths; depth_widths (K,), by_depth (K, L): counts at L = 1, 2, ... hidden layers.
    """
    where = "growth_panels"
    widths = validate.real_array(where, "widths", widths)
    counts = validate.real_array(where, "counts", counts)
    by_depth = validate.real_array(where, "by_depth", by_depth)
    if not isinstance(depths, (list, tuple)) or counts.shape != (len(depths), len(widths)):
        raise ValueError(f"{where}: counts must have shape (len(depths), len(widths)) = "
                         f"({len(depths) if isinstance(depths, (list, tuple)) else '?'}, "
                         f"{len(widths)}), got {counts.shape}")
    if not isinstance(depth_widths, (list, tuple)) or by_depth.ndim != 2 or \
            len(by_depth) != len(depth_widths):
        raise ValueError(f"{where}: by_depth must have one row per entry of depth_widths, "
                         f"got shape {by_depth.shape}")
    ax_w, ax_d = axes_or_panels(where, "axes", axes, 2, (3.6, 3.2))
    styles = plotting.SERIES_STYLES
    for i, (k, row) in enumerate(zip(depths, counts)):
        ax_w.loglog(widths, row, linestyle=styles[i % len(styles)],
                    color=plotting.SERIES_COLORS[i], label=f"{k} hidden layer{'s' * (k > 1)}")
    ax_w.set_xlabel("hidden-layer width H")
    ax_w.set_ylabel("parameters")
    ax_w.legend(frameon=False)
    layers_axis = np.arange(1, by_depth.shape[1] + 1)
    for i, (w, row) in enumerate(zip(depth_widths, by_depth)):
        ax_d.plot(layers_axis, row, linestyle=styles[i % len(styles)],
                  color=plotting.SERIES_COLORS[i], marker="o", markersize=4, label=f"width {w}")
    ax_d.set_xlabel("number of hidden layers")
    ax_d.set_ylabel("parameters")
    ax_d.legend(frameon=False)
    return np.array([ax_w, ax_d])


def convnet_bars(sizes, *, axes=None):
    """Parameters per weight layer of each conv net, log scale; conv layers blue, fc orange.

    sizes: {name: experiments.StackSize}, one panel per network, sharing the vertical axis.
    """
    where = "convnet_bars"
    if not isinstance(sizes, dict) or not sizes or not all(
            isinstance(s, experiments.StackSize) for s in sizes.values()):
        raise TypeError(f"{where}: sizes must be {{name: StackSize}} as "
                        f"experiments.convnet_sizes returns, got {type(sizes).__name__}")
    if axes is None:
        _, axes = plt.subplots(1, len(sizes), figsize=(7.2, 3.3), layout="constrained",
                               width_ratios=[s.num_layers for s in sizes.values()], sharey=True,
                               facecolor="white")
    axes = axes_or_panels(where, "axes", axes, len(sizes), None)
    colors = {"conv": plotting.OKABE_ITO["blue"], "fc": plotting.OKABE_ITO["orange"]}
    for ax, s in zip(axes, sizes.values()):
        ax.bar(np.arange(1, s.num_layers + 1), s.per_layer, color=[colors[k] for k in s.kinds])
        ax.set_yscale("log")
        ax.set_xlabel(f"weight layer of {s.name}")
        ax.set_xticks(np.arange(1, s.num_layers + 1, 1 if s.num_layers <= 8 else 3))
    axes[0].set_ylabel("parameters")
    axes[0].figure.legend(handles=[mpatches.Patch(color=colors["conv"], label="convolutional"),
                                   mpatches.Patch(color=colors["fc"], label="fully connected")],
                          frameon=False, loc="outside lower center", ncols=2)
    return axes
