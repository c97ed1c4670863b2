"""The picture of chapter 2: the mathematical model of one neuron, drawn by code.

Inputs x_i arrive along edges weighted w_i at the cell body, which adds the products and the
bias b; the activation f turns the sum into the neuron's output.  The colours are those of
``nnkit.diagrams`` (inputs white, the cell body like a hidden unit, f like an output).
"""

import numpy as np
from matplotlib import patches as mpatches
from matplotlib.axes import Axes

from nnkit import diagrams, plotting, validate


def model_diagram(*, num_inputs: int = 3, ax=None, f_label: str = "f"):
    """The single-neuron picture: inputs x_i, weights w_i, the sum plus bias, activation f.

    Input circles on the left, one weighted edge each into the cell body that computes
    sum_i w_i x_i + b (the bias enters from below), then f and the output
    f(sum_i w_i x_i + b).  ``f_label`` names the activation in TeX (e.g. r"\\sigma").
    """
    validate.whole_number("model_diagram", "num_inputs", num_inputs, 1, 6)
    if not isinstance(f_label, str):
        raise TypeError(f"model_diagram: f_label must be a string, "
                        f"got {type(f_label).__name__}")
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"model_diagram: ax must be a matplotlib Axes or None, "
                        f"got {type(ax).__name__}")
    ax = plotting.panels(1, panel_size=(8.0, 3.6))[0] if ax is None else ax
    body, body_r, act, out_end = np.array([3.3, 0.0]), 1.0, np.array([5.7, 0.0]), 9.2
    arrow = dict(arrowstyle="-|>", color="0.3", linewidth=1.2)
    weight = dict(fontsize=12, color=plotting.OKABE_ITO["blue"])
    for i, y in enumerate(np.linspace(1.3, -1.3, num_inputs) if num_inputs > 1 else [0.0]):
        start = np.array([0.0, y])
        direction = (body - start) / np.linalg.norm(body - start)
        ax.add_patch(mpatches.Circle(tuple(start), 0.28, facecolor=diagrams.INPUT_FACE,
                                     edgecolor="black", zorder=2))
        ax.text(*start, f"$x_{i}$", ha="center", va="center", fontsize=12, zorder=3)
        ax.annotate("", xy=tuple(body - direction * body_r), xytext=tuple(start + direction * 0.28),
                    arrowprops=arrow)
        mid = start + direction * 1.1
        ax.text(mid[0], mid[1] + 0.17, f"$w_{i}$", ha="center", va="bottom", **weight)
    ax.add_patch(mpatches.Circle(tuple(body), body_r, facecolor=diagrams.HIDDEN_FACE,
                                 edgecolor="black", linewidth=1.2, zorder=2))
    ax.text(*body, r"$\sum_i w_i x_i + b$", ha="center", va="center", fontsize=11, zorder=3)
    ax.annotate("", xy=(body[0], -body_r), xytext=(body[0], -body_r - 0.8), arrowprops=arrow)
    ax.text(body[0] + 0.12, -body_r - 0.6, "$b$", ha="left", va="center", **weight)
    ax.add_patch(mpatches.FancyBboxPatch(tuple(act - 0.35), 0.7, 0.7, boxstyle="round,pad=0.05",
                                         facecolor=diagrams.OUTPUT_FACE, edgecolor="black",
                                         linewidth=1.2, zorder=2))
    ax.text(*act, f"${f_label}$", ha="center", va="center", fontsize=13, zorder=3)
    ax.annotate("", xy=(act[0] - 0.42, 0.0), xytext=(body[0] + body_r, 0.0), arrowprops=arrow)
    ax.annotate("", xy=(out_end, 0.0), xytext=(act[0] + 0.42, 0.0), arrowprops=arrow)
    middle = (act[0] + out_end) / 2 + 0.2
    ax.text(middle, 0.15, rf"${f_label}\left(\sum_i w_i x_i + b\right)$", ha="center",
            va="bottom", fontsize=11)
    for x, y, text, va in ((middle, -0.18, "output", "top"), (body[0], body_r + 0.12,
                           "cell body", "bottom"), (act[0], -0.55, "activation", "top"),
                           (0.0, -1.9 if num_inputs > 1 else -0.6, "inputs", "top")):
        ax.text(x, y, text, ha="center", va=va, fontsize=diagrams.FONT_SIZE)
    ax.set(xlim=(-0.6, out_end + 0.2), ylim=(-2.3, 1.8), aspect="equal")
    ax.axis("off")
    return ax
