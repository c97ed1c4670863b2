"""The pictures of chapter 1, drawn from numbers the chapter computed, with nnkit.plotting.

Each function takes keyword ``ax=None`` (``axes=None`` for several panels), draws into it (a
new figure when None) and returns the Axes; ``region_pngs`` returns PNG pictures for the
kernel-free demos instead.  Colours are the palette's named roles.
Shapes: N points, R x R grid, C classes, H hidden units.
"""

import numpy as np
from matplotlib import patches as mpatches
from matplotlib.axes import Axes

from nnkit import plotting, validate
from nnbook import widgets
from nnbook.figures import axes_or_panels


def _array(where, name, values, ndim):
    """values as a finite float array with ndim dimensions."""
    arr = validate.finite(where, name, validate.real_array(where, name, values)).astype(float)
    if arr.ndim != ndim or arr.size == 0:
        raise ValueError(f"{where}: {name} must be a non-empty {ndim}-D array of numbers, "
                         f"got shape {arr.shape}")
    return arr


def image_and_scores(image, scores, *, class_names, axes=None):
    """An image (left) and its C class scores as bars (right), the highest in orange.

    image (height, width, 3) values in [0, 1]; scores (C,); class_names C strings.
    """
    where = "image_and_scores"
    image = _array(where, "image", image, 3)
    scores = _array(where, "scores", scores, 1)
    if image.shape[-1] != 3 or image.min() < 0 or image.max() > 1:
        raise ValueError(f"{where}: image must be (height, width, 3) values in [0, 1], "
                         f"got shape {image.shape} in [{image.min():g}, {image.max():g}]")
    if isinstance(class_names, str) or len(class_names) != len(scores):
        raise ValueError(f"{where}: class_names must be {len(scores)} strings, one per score, "
                         f"got {class_names!r}")
    ax_img, ax_bar = axes_or_panels(where, "axes", axes, 2, (3.4, 3.0))
    ax_img.imshow(image)
    ax_img.set(xticks=[], yticks=[], xlabel="32 x 32 pixels, 3 channels")
    top = int(np.argmax(scores))
    ax_bar.bar(range(len(scores)), scores, color=[
        plotting.OKABE_ITO["orange"] if c == top else plotting.OKABE_ITO["blue"]
        for c in range(len(scores))])
    ax_bar.axhline(0, color=plotting.REFERENCE_COLOR, linewidth=0.8)
    ax_bar.set_xticks(range(len(scores)), class_names, rotation=60, ha="right")
    ax_bar.set_ylabel("score")
    return np.array([ax_img, ax_bar])


def shape_flow(rows, *, ax=None):
    """The shapes a batch takes through a network, as boxes sized by the log of their shape.

    rows: lists of stages, each row drawn under the previous one; a stage is (name, shape):
    an array (rows, cols) is a box whose height and width grow with log(rows) and log(cols),
    so a wide, short X and a tall W1 look it; an operation (shape None) is text between
    boxes.  Weights and biases (names starting with W or b) are blue, data orange.
    """
    where = "shape_flow"
    if not isinstance(rows, (list, tuple)) or not rows or not all(
            isinstance(row, (list, tuple)) and row for row in rows):
        raise TypeError(f"{where}: rows must be a list of non-empty lists of (name, shape) "
                        f"stages, got {rows!r}")
    for row in rows:
        for stage in row:
            ok = (isinstance(stage, tuple) and len(stage) == 2 and isinstance(stage[0], str)
                  and (stage[1] is None or (isinstance(stage[1], tuple) and stage[1] and all(
                      isinstance(d, (int, np.integer)) and d >= 1 for d in stage[1]))))
            if not ok:
                raise ValueError(f"{where}: each stage of rows must be (name, shape or None), "
                                 f"got {stage!r}")

    def size(d):
        return 0.5 + 0.55 * np.log10(d)

    layout = []  # per row, (x, width, name, shape) of each stage
    heights = [max((size(s[0]) for _, s in row if s is not None), default=0.5) for row in rows]
    width = 0.0
    for row in rows:
        x, placed = 0.0, []
        for name, shape in row:
            w = (0.25 + 0.11 * len(name)) if shape is None else size(shape[-1])
            placed.append((x, w, name, shape))
            x += w + (0.0 if shape is None else 0.1)
        layout.append(placed)
        width = max(width, x)
    if ax is None:
        total = sum(heights) + 0.75 * len(rows)
        ax = plotting.panels(1, panel_size=(0.7 * width + 0.3, 0.7 * total + 0.2))[0]
    elif not isinstance(ax, Axes):
        raise TypeError(f"{where}: ax must be a matplotlib Axes or None, got {type(ax).__name__}")
    y = 0.0
    for placed, height in zip(layout, heights):
        centre = y - height / 2
        for x, w, name, shape in placed:
            if shape is None:
                ax.text(x + w / 2, centre, name, ha="center", va="center", fontsize=11)
                continue
            h = size(shape[0])
            role = "blue" if name.startswith(("W", "b")) else "orange"
            ax.add_patch(mpatches.FancyBboxPatch(
                (x, centre - h / 2), w, h, boxstyle="round,pad=0.03", linewidth=1.0,
                facecolor=plotting.tint(plotting.OKABE_ITO[role], amount=0.6), edgecolor="black"))
            ax.text(x + w / 2, centre, name, ha="center", va="center", fontsize=13)
            ax.text(x + w / 2, centre - h / 2 - 0.08, " x ".join(f"{d:,}" for d in shape),
                    ha="center", va="top", fontsize=10)
        y -= height + 0.75
    ax.set(xlim=(-0.1, width), ylim=(y + 0.4, 0.1), aspect="equal")
    ax.axis("off")
    return ax


def collapse_surfaces(g, surfaces, *, axes=None):
    """Filled contours of functions over the plane, one panel each, titled by their names.

    g (R,) grid coordinates along both axes; surfaces {title: (R, R) values, row 0 at the
    bottom}.  Straight, evenly spaced contour lines mean an affine function.
    """
    where = "collapse_surfaces"
    g = _array(where, "g", g, 1)
    if not isinstance(surfaces, dict) or not surfaces:
        raise TypeError(f"{where}: surfaces must be a non-empty dict {{title: (R, R) array}}, "
                        f"got {type(surfaces).__name__}")
    axes = axes_or_panels(where, "axes", axes, len(surfaces), (3.4, 3.2))
    for ax, (title, values) in zip(axes, surfaces.items()):
        values = _array(where, f"surfaces[{title!r}]", values, 2)
        if values.shape != (len(g), len(g)):
            raise ValueError(f"{where}: surfaces[{title!r}] must have shape ({len(g)}, {len(g)}), "
                             f"got {values.shape}")
        ax.contourf(g, g, values, levels=14, cmap="cividis")
        ax.contour(g, g, values, levels=14, colors="white", linewidths=0.6, linestyles="solid")
        ax.set(title=title, xlabel="x1", ylabel="x2", aspect="equal")
    return axes


def accuracy_sweep(hidden_sizes, relu_acc, linear_acc, *, ax=None):
    """Training accuracy against hidden size: the ReLU networks' range over seeds and mean, and
    the networks without ReLU.

    hidden_sizes (S,); relu_acc (S, K), one column per init seed; linear_acc (S,).
    """
    where = "accuracy_sweep"
    sizes = _array(where, "hidden_sizes", hidden_sizes, 1)
    relu = _array(where, "relu_acc", relu_acc, 2)
    linear = _array(where, "linear_acc", linear_acc, 1)
    if relu.shape[0] != len(sizes) or linear.shape != sizes.shape or np.any(sizes <= 0):
        raise ValueError(f"{where}: need hidden_sizes (S,) > 0, relu_acc (S, K) and linear_acc "
                         f"(S,), got {sizes.shape}, {relu.shape} and {linear.shape}")
    ax = axes_or_panels(where, "ax", ax, 1, (4.8, 3.2))[0]
    k = relu.shape[1]
    ax.fill_between(sizes, relu.min(axis=1), relu.max(axis=1), color=plotting.SPREAD_COLOR,
                    alpha=0.5, linewidth=0, label=f"with relu, range over {k} seeds")
    ax.plot(sizes, relu.mean(axis=1), marker="o", color=plotting.TRAIN_COLOR,
            label="with relu, mean")
    ax.plot(sizes, linear, marker="s", linestyle="--", color=plotting.VAL_COLOR,
            label="without (two linear layers)")
    ax.set_xscale("log", base=2)
    ax.set_xticks(sizes, [f"{s:g}" for s in sizes])
    ax.minorticks_off()
    ax.set(ylim=(0.4, 1.03), xlabel="hidden units", ylabel="training accuracy")
    ax.legend(loc="center right", frameon=False)
    return ax


def hidden_units(net, X, y, *, extent, resolution=60, axes=None):
    """Each hidden unit of a 2 -> H -> 2 MLP over the plane, and how they add up to its decision.

    The first H panels are nnkit.plotting's hidden-unit maps, each titled with the weight by
    which the output layer adds that unit into the score difference s0 - s1 (class 0's lead);
    the last panel shows s0 - s1 itself in the same colours (blue where class 0 wins, orange
    where class 1 does), its zero line (the decision boundary) and the points X (N, 2),
    y (N,).  Two panels to a row up to H = 3, else three.  Returns the (H + 1,) Axes.
    """
    where = "hidden_units"
    sizes = getattr(net, "sizes", None)
    if not hasattr(net, "hidden_outputs") or not isinstance(sizes, list) or len(sizes) != 3 \
            or sizes[0] != 2 or sizes[2] != 2 or getattr(net, "stack_size", None) is not None:
        raise TypeError(f"{where}: net must be an MLP 2 -> H -> 2, got {net!r}")
    H = sizes[1]
    extent = validate.extent(where, extent)
    resolution = validate.whole_number(where, "resolution", resolution, minimum=2)
    X = validate.finite(where, "X", validate.matrix(where, "X", X, 2))
    validate.labels(where, y, X.shape[0], 2)
    if axes is None:
        axes = plotting.panels(H + 1, ncols=2 if H <= 3 else 3, panel_size=(3.0, 3.0))
    axes = axes_or_panels(where, "axes", axes, H + 1, None)
    plotting.hidden_unit_maps(net, extent=extent, resolution=resolution, axes=axes[:H])
    last = net.linear_layers()[-1]
    W2, b2 = last.params["W"], last.params["b"]
    weight = W2[:, 0] - W2[:, 1]  # (H,) how much each unit adds to s0 - s1
    for j, ax in enumerate(axes[:H]):
        ax.set_title(f"unit {j + 1}, weight {weight[j]:+.2f}")
    points = plotting.grid_points(extent, resolution=resolution)
    lead = net.hidden_outputs(points)[0] @ weight + (b2[0] - b2[1])
    image = lead.reshape(resolution, resolution)
    scale = float(np.abs(image).max()) or 1.0
    ax = axes[H]
    ax.imshow(image, origin="lower", extent=extent, cmap=plotting.RESPONSE_CMAP,
              vmin=-scale, vmax=scale, interpolation="nearest")
    ax.contour(np.linspace(*extent[:2], resolution), np.linspace(*extent[2:], resolution),
               image, levels=[0.0], colors="black", linewidths=1.5)
    for k in range(2):
        ax.scatter(*X[y == k].T, s=10, marker=plotting.class_marker(k),
                   color=plotting.class_color(k), edgecolors="black", linewidths=0.3)
    ax.set(xticks=[], yticks=[], title="s0 - s1, the units added up")
    return axes


def region_pngs(classifiers, X, y, titles, *, resolution=100, width=4.0, height=3.2, dpi=80.0):
    """One small PNG of decision regions per classifier, all on the same box and points.

    For the kernel-free picture switchers (``nnbook.static.image_stack``); one figure is
    drawn once and reused.  classifiers: models with ``predict``; X (N, 2), y (N,);
    titles: one per classifier.
    """
    where = "region_pngs"
    X = validate.finite(where, "X", validate.matrix(where, "X", X, 2))
    validate.labels(where, y, X.shape[0], plotting.MAX_CLASSES)
    if not isinstance(classifiers, (list, tuple)) or not classifiers:
        raise TypeError(f"{where}: classifiers must be a non-empty list of models, "
                        f"got {type(classifiers).__name__}")
    for i, classifier in enumerate(classifiers):
        validate.callable_(where, f"classifiers[{i}].predict", getattr(classifier, "predict", None),
                           "the predict method of a model such as model.MLP")
    if isinstance(titles, str) or len(titles) != len(classifiers):
        raise ValueError(f"{where}: titles must be {len(classifiers)} strings, one per "
                         f"classifier, got {titles!r}")
    resolution = validate.whole_number(where, "resolution", resolution, minimum=2)
    for name, value, high in (("width", width, widgets.MAX_INCHES),
                              ("height", height, widgets.MAX_INCHES),
                              ("dpi", dpi, widgets.MAX_DPI)):
        validate.number(where, name, value, low=0, high=high, low_open=True)
    extent = plotting.square_extent(X)
    fig = widgets.offscreen_figure(width, height, dpi)
    with plotting.house_style():
        ax = fig.add_axes((0.15, 0.15, 0.8, 0.74))
        region = plotting.RegionPlot(ax=ax, extent=extent, num_classes=int(y.max()) + 1,
                                     resolution=resolution, legend=False)
    region.set_points(X, y)
    pngs = []
    for classifier, title in zip(classifiers, titles):
        region.set_regions(plotting.decision_grid(classifier, extent=extent,
                                                  resolution=resolution))
        ax.set_title(str(title), fontsize=10)
        pngs.append(widgets.render_png(fig, colors=64))
    return pngs

