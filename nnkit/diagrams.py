"""A network diagram draws a fully connected net as layers of circles joined by every weight,
labelled with what each layer costs in parameters.

Everything is drawn by code into a matplotlib Axes (no image files).  The counts come from
``model.count_params(sizes)`` for a list of sizes and from ``MLP.layer_table()`` for a
model, so a diagram never disagrees with ``MLP.num_params()``.  Shapes: D inputs, H hidden
units, C outputs; ``sizes`` lists them, e.g. [3, 4, 4, 1].
"""

import re
from collections.abc import Sequence

import numpy as np
from matplotlib import collections as mcollections
from matplotlib import patches as mpatches
from matplotlib import pyplot as plt
from matplotlib.axes import Axes

from nnkit import model as nnmodel
from nnkit import plotting, validate

INPUT_FACE = "white"
HIDDEN_FACE = plotting.tint(plotting.OKABE_ITO["blue"], amount=0.55)
OUTPUT_FACE = plotting.tint(plotting.OKABE_ITO["orange"], amount=0.45)
EDGE_COLOR = "0.55"
FONT_SIZE = 10.0  # points, for the layer labels
INCH_PER_UNIT = 0.5  # drawing scale of network() when it makes its own figure


def parse_sizes(text: str) -> list[int]:
    """Layer sizes from text such as "3, 4, 4, 1", "3-4-2", "3 -> 4 -> 2" or "3 4 2"."""
    if not isinstance(text, str):
        raise TypeError(f"parse_sizes: text must be a string like '3, 4, 2', "
                        f"got {type(text).__name__}")
    parts = [p for p in re.split(r"[\s,]+|->|(?<=\d)-(?=\d)", text) if p]
    for part in parts:
        if not re.fullmatch(r"[0-9]+", part) or int(part) < 1:
            raise ValueError(f"parse_sizes: text must list whole numbers >= 1 separated by "
                             f"commas, such as '3, 4, 2'; got {part!r} in {text!r}")
    if len(parts) < 2:
        raise ValueError(f"parse_sizes: text needs at least an input and an output size, "
                         f"got {text!r}")
    return [int(p) for p in parts]


def layer_table(net) -> list[dict]:
    """One dict per weight layer: layer, in, out, W_shape (book, X @ W), W_shape_note
    (note, W @ x), b_shape, weights, biases, params.

    net: an ``MLP`` (its own table, which also counts maxout's pieces) or a list of sizes
    (counted by ``model.count_params``).
    """
    return _table("layer_table", net)


def _table(where, net):
    if isinstance(net, nnmodel.MLP):
        return net.layer_table()
    try:
        count = nnmodel.count_params(net)
    except (TypeError, ValueError) as err:
        raise type(err)(f"{where}: net must be an MLP or layer sizes; {err}") from None
    return [{"layer": f"layer{i}", "in": d, "out": h, "W_shape": (d, h), "W_shape_note": (h, d),
             "b_shape": (h,), "weights": w, "biases": b, "params": w + b}
            for i, (d, h, w, b) in enumerate(zip(count.sizes[:-1], count.sizes[1:],
                                                 count.weights, count.biases), start=1)]


def totals(table: Sequence[dict]) -> dict:
    """Total weights, biases and params over the rows of ``layer_table``."""
    return _totals("totals", table)


def _totals(where, table):
    keys = ("weights", "biases", "params")
    if not (isinstance(table, (list, tuple)) and table and all(
            isinstance(row, dict) and all(k in row for k in keys) for row in table)):
        raise TypeError(f"{where}: table must be the rows of layer_table(...), got {table!r}")
    return {key: int(sum(row[key] for row in table)) for key in keys}


def count_text(n: int, noun: str) -> str:
    """"1 bias", "6 biases", "1,234 weights": a count with its noun, singular or plural."""
    n = validate.whole_number("count_text", "n", n, minimum=0)
    if not isinstance(noun, str):
        raise TypeError(f"count_text: noun must be a string, got {type(noun).__name__}")
    return f"{n:,} {noun if n == 1 else {'bias': 'biases'}.get(noun, noun + 's')}"


def totals_text(table: Sequence[dict]) -> str:
    """"20 weights, 6 biases, 26 parameters" for the rows of ``layer_table``."""
    t = _totals("totals_text", table)
    return ", ".join(count_text(t[key], noun) for key, noun in
                     (("weights", "weight"), ("biases", "bias"), ("params", "parameter")))


def _unit_positions(n: int, max_units: int) -> tuple[np.ndarray, float | None]:
    """Heights of the drawn units of an n-unit layer, and where the ellipsis goes (or None)."""
    slots = (np.arange(min(n, max_units)) - (min(n, max_units) - 1) / 2)[::-1]
    if n <= max_units:
        return slots, None
    top = max_units // 2  # one slot, just below the upper half, holds the ellipsis
    return np.r_[slots[:top], slots[top + 1:]], float(slots[top])


def network(net, *, ax=None, max_units: int = 8, show_counts: bool = True,
            radius: float = 0.22, layer_gap: float = 2.4):
    """Draw a fully connected network from an ``MLP`` or a list of sizes such as [3, 4, 2].

    Every unit is a circle (inputs white, hidden blue, outputs orange) and every weight a
    line.  Layers wider than ``max_units`` show ``max_units - 1`` units and a vertical
    ellipsis (the counts stay exact).  With ``show_counts`` each layer is labelled with its
    weights and biases and the total is written underneath, e.g. for [3, 4, 2]
    "20 weights, 6 biases, 26 parameters".  Returns the Axes.
    """
    table = _table("network", net)
    max_units = validate.whole_number("network", "max_units", max_units, minimum=3)
    radius = validate.number("network", "radius", radius, low=0, low_open=True)
    layer_gap = validate.number("network", "layer_gap", layer_gap, low=4 * radius, low_open=True)
    sizes = [table[0]["in"]] + [row["out"] for row in table]
    last = len(sizes) - 1
    layout = [_unit_positions(n, max_units) for n in sizes]
    lowest = min(float(ys.min()) for ys, _ in layout)
    highest = max(float(ys.max()) for ys, _ in layout)
    # Layout in data units; one data unit is drawn as INCH_PER_UNIT inches in our own figure.
    line_h = FONT_SIZE * 1.35 / 72 / INCH_PER_UNIT
    label_y = lowest - radius - 0.3
    total_y = label_y - (4 if show_counts else 2) * line_h - 0.25
    left, right = -layer_gap / 2, last * layer_gap + layer_gap / 2
    bottom, top = total_y - 2 * line_h * show_counts, highest + radius + 0.25
    if ax is None:
        fig = plt.figure(figsize=((right - left) * INCH_PER_UNIT, (top - bottom) * INCH_PER_UNIT),
                         facecolor="white")
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    if not isinstance(ax, Axes):
        raise TypeError(f"network: ax must be a matplotlib Axes or None, got {type(ax).__name__}")
    # In a smaller given Axes the drawing shrinks, so the text must shrink with it.
    box, (fig_w, fig_h) = ax.get_position(), ax.get_figure().get_size_inches()
    scale = min(box.width * fig_w / (right - left), box.height * fig_h / (top - bottom))
    font = FONT_SIZE * min(1.0, scale / INCH_PER_UNIT)
    points = [np.column_stack([np.full(len(ys), i * layer_gap), ys])
              for i, (ys, _) in enumerate(layout)]
    ax.add_collection(mcollections.LineCollection(
        [(a, b) for p, q in zip(points[:-1], points[1:]) for a in p for b in q],
        colors=EDGE_COLOR, linewidths=0.8, zorder=1))
    for i, (pos, (_, gap), n) in enumerate(zip(points, layout, sizes)):
        face = INPUT_FACE if i == 0 else OUTPUT_FACE if i == last else HIDDEN_FACE
        ax.add_collection(mcollections.PatchCollection(
            [mpatches.Circle(tuple(p), radius) for p in pos], facecolors=face,
            edgecolors="black", linewidths=1.0, zorder=2))
        if gap is not None:
            ax.text(i * layer_gap, gap, "\u22ee", ha="center", va="center", fontsize=1.4 * font)
        name = "input layer" if i == 0 else "output layer" if i == last else f"hidden layer {i}"
        lines = [name, count_text(n, "unit")]
        if show_counts and i > 0:
            lines += [count_text(table[i - 1]["weights"], "weight"),
                      count_text(table[i - 1]["biases"], "bias")]
        ax.text(i * layer_gap, label_y, "\n".join(lines), ha="center", va="top", fontsize=font,
                linespacing=1.35)
    if show_counts:
        ax.text(last * layer_gap / 2, total_y, totals_text(table), ha="center", va="top",
                fontsize=font, fontweight="bold")
    ax.set(xlim=(left, right), ylim=(bottom, top), aspect="equal")
    ax.axis("off")
    return ax
