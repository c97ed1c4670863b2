"""A network diagram draws a fully connected net as layers of circles joined by every weight,
labelled with what each layer costs in parameters.

Everything is drawn by code into a matplotlib Axes (no image files).  The parameter counts
come from ``nnkit.model.MLP.layer_table()``, the same arithmetic the model itself uses, so a
diagram can never disagree with ``MLP.num_params()``.  Shapes: D inputs, H hidden units,
C outputs; ``sizes`` lists them, e.g. [3, 4, 4, 1].
"""

from collections.abc import Sequence

import numpy as np
from matplotlib import collections as mcollections
from matplotlib import patches as mpatches
from matplotlib import pyplot as plt

from nnkit import model as nnmodel
from nnkit import plotting

INPUT_FACE = "white"
HIDDEN_FACE = plotting.tint(plotting.OKABE_ITO["blue"], amount=0.55)
OUTPUT_FACE = plotting.tint(plotting.OKABE_ITO["orange"], amount=0.45)
EDGE_COLOR = "0.55"
INCH_PER_UNIT = 0.5  # drawing scale of network() when it makes its own figure


def check_sizes(sizes: Sequence[int]) -> list[int]:
    """Validate layer sizes like [3, 4, 4, 1]: at least two positive integers.  Returns a list."""
    try:
        sizes = [int(s) for s in sizes]
    except (TypeError, ValueError):
        raise TypeError(f"sizes must be a sequence of integers like [3, 4, 2], got {sizes!r}") from None
    if len(sizes) < 2:
        raise ValueError(f"sizes needs at least an input and an output size, got {sizes}")
    if min(sizes) < 1:
        raise ValueError(f"every layer size must be >= 1, got {sizes}")
    return sizes


def parse_sizes(text: str) -> list[int]:
    """Read layer sizes from text such as "3, 4, 4, 1" or "3-4-2" or "3 4 2"."""
    parts = [p for p in text.replace(",", " ").replace("-", " ").replace(">", " ").split() if p]
    try:
        sizes = [int(p) for p in parts]
    except ValueError:
        raise ValueError(f"layer sizes must be whole numbers separated by commas, got {text!r}") from None
    return check_sizes(sizes)


def layer_table(net) -> list[dict]:
    """Per-layer rows (keys: layer, in, out, W_shape, W_shape_note, b_shape, weights, biases, params).

    net: an ``MLP`` (its own table) or a list of sizes (the table of a ReLU ``MLP`` of
    those sizes).  One row per weight layer.
    """
    if isinstance(net, nnmodel.MLP):
        return net.layer_table()
    sizes = check_sizes(net)
    # Only the shapes are read; a fixed local generator keeps even these throwaway weights reproducible.
    return nnmodel.MLP(sizes, rng=np.random.default_rng(0)).layer_table()


def totals(table: Sequence[dict]) -> dict:
    """Total weights, biases and params over the rows of ``layer_table``."""
    return {key: int(sum(row[key] for row in table)) for key in ("weights", "biases", "params")}


def count_text(n: int, noun: str) -> str:
    """"1 bias", "6 biases", "1,234 weights": a count with its noun, singular or plural."""
    plural = {"bias": "biases"}.get(noun, noun + "s")
    return f"{n:,} {noun if n == 1 else plural}"


def totals_text(table: Sequence[dict]) -> str:
    """"20 weights, 6 biases, 26 parameters" for the rows of ``layer_table``."""
    t = totals(table)
    return ", ".join(count_text(t[key], noun) for key, noun in
                     (("weights", "weight"), ("biases", "bias"), ("params", "parameter")))


def _unit_positions(n: int, max_units: int) -> tuple[np.ndarray, float | None]:
    """Vertical positions of the drawn units of an n-unit layer, and where the ellipsis goes."""
    if n <= max_units:
        return (np.arange(n) - (n - 1) / 2)[::-1], None
    shown = max_units - 1  # one slot is taken by the ellipsis
    top = shown // 2 + shown % 2
    slots = np.arange(max_units) - (max_units - 1) / 2
    slots = slots[::-1]
    ys = np.r_[slots[:top], slots[top + 1:]]
    return ys, float(slots[top])


def network(net, *, ax=None, max_units: int = 8, show_counts: bool = True,
            radius: float = 0.22, layer_gap: float = 2.4):
    """Draw a fully connected network from an ``MLP`` or a list of sizes such as [3, 4, 2].

    Every unit is a circle (inputs white, hidden blue, outputs orange) and every weight a
    line.  Layers wider than ``max_units`` show ``max_units - 1`` units and a vertical
    ellipsis (the counts stay exact).  With ``show_counts`` each layer is labelled with its
    weights and biases and the total is written underneath, e.g. for [3, 4, 2]
    "20 weights, 6 biases, 26 parameters".  Returns the Axes.
    """
    table = layer_table(net)
    sizes = [table[0]["in"]] + [row["out"] for row in table]
    if max_units < 3:
        raise ValueError(f"network: max_units must be >= 3, got {max_units}")
    num_layers = len(sizes)
    positions, ellipses = [], []
    for i, n in enumerate(sizes):
        ys, gap = _unit_positions(n, max_units)
        positions.append(np.column_stack([np.full(len(ys), i * layer_gap), ys]))
        ellipses.append(gap)
    lowest = min(float(p[:, 1].min()) for p in positions)
    highest = max(float(p[:, 1].max()) for p in positions)
    # Layout in data units; one data unit is drawn as INCH_PER_UNIT inches when we make the figure.
    line_h = 9 * 1.35 / 72 / INCH_PER_UNIT
    label_y = lowest - radius - 0.3
    label_lines = 4 if show_counts else 2
    total_y = label_y - label_lines * line_h - 0.25
    bottom = total_y - (2 * line_h if show_counts else 0.0)
    left, right = -layer_gap / 2, (num_layers - 1) * layer_gap + layer_gap / 2
    top = highest + radius + 0.25
    if ax is None:
        fig = plt.figure(figsize=((right - left) * INCH_PER_UNIT, (top - bottom) * INCH_PER_UNIT),
                         facecolor="white")
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    # In a smaller given Axes the drawing shrinks, so the text must shrink with it.
    box = ax.get_position()
    fig_w, fig_h = ax.get_figure().get_size_inches()
    scale = min(box.width * fig_w / (right - left), box.height * fig_h / (top - bottom))
    shrink = min(1.0, scale / INCH_PER_UNIT)

    segments = [np.array([a, b]) for left_pos, right_pos in zip(positions[:-1], positions[1:])
                for a in left_pos for b in right_pos]
    ax.add_collection(mcollections.LineCollection(segments, colors=EDGE_COLOR, linewidths=0.8,
                                                  zorder=1))
    for i, pos in enumerate(positions):
        face = INPUT_FACE if i == 0 else OUTPUT_FACE if i == num_layers - 1 else HIDDEN_FACE
        circles = [mpatches.Circle(tuple(p), radius) for p in pos]
        ax.add_collection(mcollections.PatchCollection(circles, facecolors=face, edgecolors="black",
                                                       linewidths=1.0, zorder=2))
        if ellipses[i] is not None:
            ax.text(i * layer_gap, ellipses[i], "\u22ee", ha="center", va="center",
                    fontsize=14 * shrink, zorder=3)
    for i, n in enumerate(sizes):
        name = "input layer" if i == 0 else "output layer" if i == num_layers - 1 else f"hidden layer {i}"
        lines = [name, count_text(n, "unit")]
        if show_counts and i > 0:
            row = table[i - 1]
            lines.append(count_text(row["weights"], "weight"))
            lines.append(count_text(row["biases"], "bias"))
        ax.text(i * layer_gap, label_y, "\n".join(lines), ha="center", va="top",
                fontsize=9 * shrink, linespacing=1.35)
    if show_counts:
        ax.text((num_layers - 1) * layer_gap / 2, total_y, totals_text(table), ha="center",
                va="top", fontsize=10 * shrink, fontweight="bold")
    ax.set_xlim(left, right)
    ax.set_ylim(bottom, top)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def neuron(*, num_inputs: int = 3, ax=None, f_label: str = "f"):
    """The single-neuron picture: inputs x_i, weights w_i, the sum plus bias, activation f, output.

    Drawn by code: input circles on the left, one weighted edge each into the cell body that
    computes sum_i w_i x_i + b (the bias enters from below), then f and the output
    f(sum_i w_i x_i + b).  ``f_label`` names the activation (e.g. r"\\sigma").  Returns the Axes.
    """
    if not 1 <= num_inputs <= 6:
        raise ValueError(f"neuron: num_inputs must be in 1..6, got {num_inputs}")
    ax = ax if ax is not None else plt.subplots(figsize=(8.0, 3.6), facecolor="white")[1]
    body, body_r = np.array([3.3, 0.0]), 1.0
    act = np.array([5.7, 0.0])
    out_end = 9.2
    arrow = dict(arrowstyle="-|>", color="0.3", linewidth=1.2)
    ys = np.linspace(1.3, -1.3, num_inputs) if num_inputs > 1 else np.zeros(1)
    for i, y in enumerate(ys):
        start = np.array([0.0, y])
        direction = (body - start) / np.linalg.norm(body - start)
        ax.add_patch(mpatches.Circle(tuple(start), 0.28, facecolor=INPUT_FACE, edgecolor="black",
                                     zorder=2))
        ax.text(*start, f"$x_{i}$", ha="center", va="center", fontsize=12, zorder=3)
        ax.annotate("", xy=tuple(body - direction * body_r), xytext=tuple(start + direction * 0.28),
                    arrowprops=arrow)
        mid = start + direction * 1.1
        ax.text(mid[0], mid[1] + 0.17, f"$w_{i}$", ha="center", va="bottom", fontsize=11,
                color=plotting.OKABE_ITO["blue"])
    ax.add_patch(mpatches.Circle(tuple(body), body_r, facecolor=HIDDEN_FACE, edgecolor="black",
                                 linewidth=1.2, zorder=2))
    ax.text(*body, r"$\sum_i w_i x_i + b$", ha="center", va="center", fontsize=11, zorder=3)
    ax.annotate("", xy=(body[0], body[1] - body_r), xytext=(body[0], body[1] - body_r - 0.8),
                arrowprops=arrow)
    ax.text(body[0] + 0.12, body[1] - body_r - 0.6, "$b$", ha="left", va="center", fontsize=12,
            color=plotting.OKABE_ITO["blue"])
    ax.add_patch(mpatches.FancyBboxPatch((act[0] - 0.35, act[1] - 0.35), 0.7, 0.7,
                                         boxstyle="round,pad=0.05", facecolor=OUTPUT_FACE,
                                         edgecolor="black", linewidth=1.2, zorder=2))
    ax.text(*act, f"${f_label}$", ha="center", va="center", fontsize=13, zorder=3)
    ax.annotate("", xy=(act[0] - 0.42, 0.0), xytext=(body[0] + body_r, 0.0), arrowprops=arrow)
    ax.annotate("", xy=(out_end, 0.0), xytext=(act[0] + 0.42, 0.0), arrowprops=arrow)
    ax.text((act[0] + out_end) / 2 + 0.2, 0.15, rf"${f_label}\left(\sum_i w_i x_i + b\right)$",
            ha="center", va="bottom", fontsize=11)
    ax.text((act[0] + out_end) / 2 + 0.2, -0.18, "output", ha="center", va="top", fontsize=10)
    ax.text(0.0, -1.9 if num_inputs > 1 else -0.6, "inputs", ha="center", va="top", fontsize=10)
    ax.text(body[0], body[1] + body_r + 0.12, "cell body", ha="center", va="bottom", fontsize=10)
    ax.text(act[0], act[1] - 0.55, "activation", ha="center", va="top", fontsize=10)
    ax.set_xlim(-0.6, out_end + 0.2)
    ax.set_ylim(-2.3, 1.8)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax
