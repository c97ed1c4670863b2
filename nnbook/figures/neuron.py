"""The pictures of chapter 2: the mathematical model of one neuron, drawn by code, and the
figures drawn from the numbers the chapter computes (the rate code, a neuron's half-plane,
the two losses, L2 decay).

In the model picture, inputs x_i arrive along edges weighted w_i at the cell body, which adds
the products and the bias b; the activation f turns the sum into the neuron's output.  The
colours are those of ``nnkit.diagrams`` (inputs white, the cell body like a hidden unit, f
like an output).
"""

import numpy as np
from matplotlib import colors as mcolors
from matplotlib import patches as mpatches
from matplotlib import transforms as mtransforms
from matplotlib.axes import Axes

from nnkit import activations, diagrams, plotting, validate
from nnbook import widgets
from nnbook.figures import axes_or_panels


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


# --- chapter 2's figures drawn from the numbers the chapter computed ------------------------
# Every function takes keyword ``ax=None`` (``axes=None`` for several panels), draws into it
# (a new figure when None) and returns the Axes; ``direction_pngs`` returns PNG pictures for
# the kernel-free demo instead.  Shapes: N points, K spike trains, T steps, D weights.


def _array(where, name, values, ndim, length=None):
    """values as a finite float array with ndim dimensions (and this first length)."""
    arr = validate.finite(where, name, validate.real_array(where, name, values)).astype(float)
    if arr.ndim != ndim or arr.size == 0 or (length is not None and len(arr) != length):
        want = f"{ndim}-D" + ("" if length is None else f" with {length} rows")
        raise ValueError(f"{where}: {name} must be a non-empty {want} array of numbers, "
                         f"got shape {arr.shape}")
    return arr


def _points(where, X, y):
    X = validate.finite(where, "X", validate.matrix(where, "X", X, 2))
    return X, validate.labels(where, y, X.shape[0], 2)


def _legend_below(ax, *, ncols):
    """A legend under the axes, clear of the data (constrained layout makes room for it)."""
    below = mtransforms.offset_copy(ax.transAxes, fig=ax.figure, y=-36, units="points")
    return ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=below,
                     ncols=ncols, frameon=False)


def _output_cmap():
    """Blue (output near 0, class 0's side) through white (0.5) to orange (near 1, class 1)."""
    return mcolors.LinearSegmentedColormap.from_list(
        "neuron_output", [plotting.tint(plotting.class_color(0), amount=0.45), "white",
                          plotting.tint(plotting.class_color(1), amount=0.35)])


def rate_code(z, spike_times, counted_rate, *, duration, max_rate, axes=None):
    """Spike trains as rows of ticks (left) and the rate counted from each against the model's
    rate max_rate * sigmoid(z) (right).

    z (K,) summed inputs; spike_times K arrays of times in [0, duration); counted_rate (K,).
    """
    where = "rate_code"
    z = _array(where, "z", z, 1)
    counted = _array(where, "counted_rate", counted_rate, 1, len(z))
    duration = validate.number(where, "duration", duration, low=0, low_open=True)
    max_rate = validate.number(where, "max_rate", max_rate, low=0, low_open=True)
    if isinstance(spike_times, np.ndarray) or len(spike_times) != len(z):
        raise ValueError(f"{where}: spike_times must be a list of {len(z)} arrays of times, "
                         f"one per z")
    ax_raster, ax_rate = axes_or_panels(where, "axes", axes, 2, (3.6, 3.2))
    for k, times in enumerate(spike_times):
        times = _array(where, f"spike_times[{k}]", times, 1) if len(times) else np.zeros(0)
        ax_raster.vlines(times, k - 0.35, k + 0.35, color=plotting.TRAIN_COLOR, linewidth=0.9)
    ax_raster.set_yticks(range(len(z)), [f"{v:g}" for v in z])
    ax_raster.set(xlim=(0, duration), xlabel="time (s)", ylabel="summed input z")
    fine = np.linspace(z.min() - 1, z.max() + 1, 201)
    ax_rate.plot(fine, max_rate * activations.sigmoid(fine), color=plotting.FUNCTION_COLOR,
                 label=f"model: {max_rate:g} sigmoid(z)")
    ax_rate.plot(z, counted, "s", color=plotting.VAL_COLOR, label="counted from spikes")
    ax_rate.set(xlabel="summed input z", ylabel="firing rate (spikes/s)")
    ax_rate.legend(loc="upper left", frameon=False)
    return np.array([ax_raster, ax_rate])


def half_plane(w, b, X, y, *, ax=None, extent=None, resolution=150, colorbar=True):
    """A neuron's output sigmoid(x . w + b) over the plane, its 0.5 line, w as an arrow, and
    the points X (N, 2), y (N,) in {0, 1}.  w (2,), b a number."""
    where = "half_plane"
    w = _array(where, "w", w, 1, 2)
    b = validate.number(where, "b", b)
    X, y = _points(where, X, y)
    resolution = validate.whole_number(where, "resolution", resolution, minimum=2)
    if not isinstance(colorbar, bool):
        raise TypeError(f"{where}: colorbar must be True or False, got {colorbar!r}")
    extent = (plotting.square_extent(X, margin=0.05) if extent is None
              else validate.extent(where, extent))
    pts = plotting.grid_points(extent, resolution=resolution)
    out = activations.sigmoid(pts @ w + b).reshape(resolution, resolution)
    ax = axes_or_panels(where, "ax", ax, 1, (4.6, 4.0))[0]
    image = ax.imshow(out, origin="lower", extent=extent, cmap=_output_cmap(), vmin=0, vmax=1,
                      interpolation="bilinear", zorder=0)
    g0 = np.linspace(extent[0], extent[1], resolution)
    g1 = np.linspace(extent[2], extent[3], resolution)
    ax.contour(g0, g1, out, levels=[0.5], colors="black", linewidths=1.5, zorder=1)
    for k in range(2):
        ax.scatter(*X[y == k].T, s=20, marker=plotting.class_marker(k), zorder=3,
                   color=plotting.class_color(k), edgecolors="black", linewidths=0.5,
                   label=f"class {k}")
    norm = float(np.linalg.norm(w))
    if norm > 1e-12:
        centre = np.array([(extent[0] + extent[1]) / 2, (extent[2] + extent[3]) / 2])
        foot = centre - (centre @ w + b) / norm**2 * w  # the point of the line nearest the centre
        length = 0.18 * (extent[1] - extent[0])
        ax.annotate("", xy=tuple(foot + length * w / norm), xytext=tuple(foot), zorder=4,
                    arrowprops=dict(arrowstyle="-|>", color="black", linewidth=2.0))
        ax.text(*(foot + 1.2 * length * w / norm), "w", fontsize=12, ha="center", va="center",
                zorder=4)
    ax.set(xlim=extent[:2], ylim=extent[2:], aspect="equal", xlabel="x1", ylabel="x2")
    if colorbar:
        ax.figure.colorbar(image, ax=ax, label="output sigmoid(w . x + b)", shrink=0.85)
    return ax


def direction_pngs(directions, X, y, *, width=4.0, height=3.4, dpi=80.0):
    """One PNG per neuron of an experiments.neuron.Directions: its half-plane picture with the
    points X (N, 2), y (N,), titled with the angle of w and the share of points on their side."""
    where = "direction_pngs"
    if not all(hasattr(directions, a) for a in ("angles", "w", "b", "accuracy")):
        raise TypeError(f"{where}: directions must be an experiments.neuron.Directions, "
                        f"got {type(directions).__name__}")
    X, y = _points(where, X, y)
    for name, value, high in (("width", width, widgets.MAX_INCHES),
                              ("height", height, widgets.MAX_INCHES),
                              ("dpi", dpi, widgets.MAX_DPI)):
        validate.number(where, name, value, low=0, high=high, low_open=True)
    extent = plotting.square_extent(X, margin=0.05)
    pngs = []
    for angle, w, b, accuracy in zip(directions.angles, directions.w, directions.b,
                                     directions.accuracy):
        fig = widgets.offscreen_figure(width, height, dpi)
        with plotting.house_style():
            ax = fig.add_axes((0.14, 0.14, 0.82, 0.76))
            half_plane(w, b, X, y, ax=ax, extent=extent, resolution=100, colorbar=False)
            ax.set_title(f"w at {angle:.0f} degrees: {accuracy:.0%} on their side", fontsize=10)
        pngs.append(widgets.render_png(fig, colors=64))
    return pngs


def loss_curves(s, curves, *, ax=None):
    """The loss one class-1 point contributes against its score: s (M,), curves {name: (M,)}."""
    where = "loss_curves"
    s = _array(where, "s", s, 1)
    if not isinstance(curves, dict) or not curves:
        raise TypeError(f"{where}: curves must be a non-empty dict {{name: (M,) losses}}, "
                        f"got {type(curves).__name__}")
    ax = axes_or_panels(where, "ax", ax, 1, (4.8, 3.2))[0]
    for i, (name, values) in enumerate(curves.items()):
        ax.plot(s, _array(where, f"curves[{name!r}]", values, 1, len(s)), label=name,
                linestyle=plotting.SERIES_STYLES[i % len(plotting.SERIES_STYLES)])
    ax.axvline(0, color=plotting.REFERENCE_COLOR, linewidth=0.8)
    ax.set(xlabel="score s of a class-1 point", ylabel="loss")
    ax.legend(loc="upper right", frameon=False)
    return ax


def decay(weights, predicted, *, every=100, ax=None):
    """Weights under L2 updates alone: weights (T + 1, D) as lines, and every ``every``-th
    row of predicted (T + 1, D), the geometric law (1 - lr reg)^k w0, as black dots."""
    where = "decay"
    weights = _array(where, "weights", weights, 2)
    predicted = _array(where, "predicted", predicted, 2, len(weights))
    every = validate.whole_number(where, "every", every)
    ax = axes_or_panels(where, "ax", ax, 1, (3.6, 3.2))[0]
    k = np.arange(len(weights))
    for i in range(weights.shape[1]):
        ax.plot(k, weights[:, i], label=f"w{i + 1}",
                linestyle=plotting.SERIES_STYLES[i % len(plotting.SERIES_STYLES)])
        ax.plot(k[::every], predicted[::every, i], "o", color="black", markersize=3.5,
                label="(1 - lr reg)^k w0" if i == 0 else None)
    ax.axhline(0, color=plotting.REFERENCE_COLOR, linewidth=0.8)
    ax.set(xlabel="step k (L2 gradient only)", ylabel="weight")
    _legend_below(ax, ncols=2)
    return ax


def unused_weight(steps, unused, used_norm, predicted, *, every=40, ax=None):
    """Training with an always-zero input: its weight (T,) with the geometric law predicted
    (T,) as black dots, and the length (T,) of the weights that see data, against steps (T,)."""
    where = "unused_weight"
    steps = _array(where, "steps", steps, 1)
    unused = _array(where, "unused", unused, 1, len(steps))
    used_norm = _array(where, "used_norm", used_norm, 1, len(steps))
    predicted = _array(where, "predicted", predicted, 1, len(steps))
    every = validate.whole_number(where, "every", every)
    ax = axes_or_panels(where, "ax", ax, 1, (3.6, 3.2))[0]
    ax.plot(steps, unused, label="unused input's weight")
    ax.plot(steps, used_norm, linestyle="--", label="length of the used weights")
    ax.plot(steps[::every], predicted[::every], "o", color="black", markersize=3.5,
            label="(1 - lr reg)^k")
    ax.set(xlabel="training step k", ylabel="value")
    _legend_below(ax, ncols=1)
    return ax
