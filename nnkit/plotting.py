"""A plot turns nnkit's numbers (activations, decision regions, training histories) into a
figure, drawn in one colour-blind-safe house style.

Every plotting function takes ``ax=None`` (or ``axes=None``), draws into it, and returns the
Axes; with ``ax=None`` it makes a new figure of a sensible size.  Nothing here calls
``plt.show()`` and importing this module changes no settings: a notebook's setup cell calls
``plotting.use_house_style()``.

The ``*Plot`` classes hold the artists of one panel so that interactive widgets can update
them in place (``set_data``/``set_ydata``/``set_offsets``) instead of drawing a new figure
for every slider move; the plain functions are thin wrappers around them.

Colours come from the Okabe-Ito palette (safe for the common colour-vision deficiencies) and
classes differ by marker shape as well as colour.  Training points are filled, held-out points
hollow.  Shapes: N examples, D = 2 input features, H hidden units, C classes, R grid
resolution (the decision-region grid is R x R).
"""

import contextlib
from collections.abc import Callable, Mapping, Sequence

import matplotlib
import numpy as np
from cycler import cycler
from matplotlib import colors as mcolors
from matplotlib import lines as mlines
from matplotlib import patches as mpatches
from matplotlib import pyplot as plt

from nnkit import activations

# --- palette and house style -------------------------------------------------------------

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

# Class colours in order.  Vermillion is left out so that no plot ever puts a red next to the
# bluish green; yellow comes last because it is faint on white.
CLASS_COLORS = (
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["yellow"],
)
CLASS_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")

TRAIN_COLOR = OKABE_ITO["blue"]
VAL_COLOR = OKABE_ITO["orange"]
DEAD_COLOR = OKABE_ITO["black"]
FUNCTION_COLOR = OKABE_ITO["blue"]
DERIVATIVE_COLOR = OKABE_ITO["orange"]
SATURATION_RGBA = (0.55, 0.55, 0.55, 0.28)
# White (0) to mid grey (largest output): class colours stay visible on top of it.
RESPONSE_CMAP = mcolors.LinearSegmentedColormap.from_list("nnkit_response", ["white", "0.45"])

HOUSE_RC = {
    # Opaque white backgrounds keep figures readable when the site is in dark mode.
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.transparent": False,
    "font.size": 11.0,
    "axes.labelsize": 11.0,
    "axes.titlesize": 11.0,
    "xtick.labelsize": 10.0,
    "ytick.labelsize": 10.0,
    "legend.fontsize": 9.5,
    "lines.linewidth": 2.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": cycler(
        color=[
            OKABE_ITO["blue"],
            OKABE_ITO["orange"],
            OKABE_ITO["bluish_green"],
            OKABE_ITO["reddish_purple"],
            OKABE_ITO["sky_blue"],
            OKABE_ITO["vermillion"],
            OKABE_ITO["black"],
        ]
    ),
    "image.cmap": "cividis",
    "figure.dpi": 100.0,
    "savefig.dpi": 100.0,
}


def use_house_style() -> None:
    """Apply the book's plot style to matplotlib's global settings (call once per notebook).

    Okabe-Ito colour cycle, opaque white figure and axes backgrounds, readable font sizes, no
    top/right spines.  Use ``house_style()`` instead to scope it to a ``with`` block.
    """
    matplotlib.rcParams.update(HOUSE_RC)


def house_style() -> contextlib.AbstractContextManager:
    """Context manager applying the house style only inside a ``with`` block."""
    return matplotlib.rc_context(HOUSE_RC)


def tint(color: str, *, amount: float = 0.65) -> tuple[float, float, float]:
    """Mix ``color`` with white; ``amount`` 0 keeps the colour, 1 gives white."""
    rgb = np.array(mcolors.to_rgb(color))
    return tuple(float(c) for c in rgb + (1.0 - rgb) * amount)


def class_color(k: int) -> str:
    """Colour of class ``k`` (cycles after len(CLASS_COLORS) classes)."""
    return CLASS_COLORS[k % len(CLASS_COLORS)]


def class_marker(k: int) -> str:
    """Marker shape of class ``k`` (cycles after len(CLASS_MARKERS) classes)."""
    return CLASS_MARKERS[k % len(CLASS_MARKERS)]


def region_cmap(num_classes: int) -> mcolors.ListedColormap:
    """Colormap of light class tints for a decision-region image with values 0..C-1."""
    return mcolors.ListedColormap([tint(class_color(k)) for k in range(num_classes)])


def _new_axes(figsize: tuple[float, float]):
    _, ax = plt.subplots(figsize=figsize, facecolor="white")
    return ax


# --- activation functions ------------------------------------------------------------------


def saturation_mask(dfdz: np.ndarray, *, fraction: float = 0.05) -> np.ndarray:
    """Where a unit is saturated: ``|f'(z)| < fraction * max |f'(z)|`` over the given z.

    dfdz: (M,) derivative values on a grid of z.  Returns (M,) bool.
    """
    dfdz = np.abs(np.asarray(dfdz, dtype=float))
    return dfdz < fraction * dfdz.max()


def saturation_zones(z: np.ndarray, dfdz: np.ndarray, *, fraction: float = 0.05):
    """Intervals of z where the unit is saturated (see ``saturation_mask``).

    z, dfdz: (M,) increasing grid and the derivative on it.  Returns a list of (lo, hi).
    """
    z = np.asarray(z, dtype=float)
    mask = saturation_mask(dfdz, fraction=fraction)
    edges = np.flatnonzero(np.diff(np.r_[0, mask.astype(np.int8), 0]))
    return [(float(z[i]), float(z[j - 1])) for i, j in zip(edges[::2], edges[1::2])]


class ActivationPlot:
    """One activation function f(z) with its derivative f'(z) on a fixed z grid, updatable.

    ``update(name)`` switches the function by redrawing the same two lines and the same
    saturation strip (an image spanning the axes height, grey where |f'| < 5% of its max).
    """

    def __init__(self, ax, *, z_min: float = -6.0, z_max: float = 6.0, num: int = 481,
                 derivative: bool = True, shade_saturation: bool = False, legend: bool = True):
        if not z_min < z_max:
            raise ValueError(f"ActivationPlot: need z_min < z_max, got {z_min} and {z_max}")
        self.ax = ax
        self.z = np.linspace(z_min, z_max, num)
        self.derivative = derivative
        self.shade_saturation = shade_saturation
        ax.axhline(0.0, color="0.6", linewidth=0.8, zorder=0)
        ax.axvline(0.0, color="0.6", linewidth=0.8, zorder=0)
        self.f_line, = ax.plot(self.z, np.zeros_like(self.z), color=FUNCTION_COLOR,
                               linestyle="-", label="f(z)")
        self.df_line, = ax.plot(self.z, np.zeros_like(self.z), color=DERIVATIVE_COLOR,
                                linestyle="--", label="f'(z)", visible=derivative)
        # The strip lives in (data x, axes y) coordinates, so it always spans the full height.
        strip_cmap = mcolors.ListedColormap([(1.0, 1.0, 1.0, 0.0), SATURATION_RGBA])
        self.strip = ax.imshow(np.zeros((1, num)), cmap=strip_cmap, vmin=0, vmax=1,
                               extent=(z_min, z_max, 0.0, 1.0), aspect="auto",
                               interpolation="nearest", transform=ax.get_xaxis_transform(),
                               zorder=0, visible=shade_saturation)
        ax.set_xlim(z_min, z_max)
        ax.set_xlabel("z")
        handles = [self.f_line] + ([self.df_line] if derivative else [])
        if shade_saturation:
            handles.append(mpatches.Patch(color=SATURATION_RGBA, label="|f'| < 5% of max"))
        if legend:
            ax.legend(handles=handles, loc="upper left", frameon=False)
        self.name = None

    def update(self, name: str) -> None:
        """Show activation ``name`` (one of ``activations.NAMES``)."""
        f, f_grad = activations.get(name)
        fz, dfz = f(self.z), f_grad(self.z)
        self.f_line.set_ydata(fz)
        self.df_line.set_ydata(dfz)
        self.strip.set_data(saturation_mask(dfz)[None, :].astype(float))
        shown = np.r_[fz, dfz] if self.derivative else fz
        lo, hi = float(shown.min()), float(shown.max())
        pad = 0.08 * max(hi - lo, 1e-3)
        self.ax.set_ylim(min(lo, 0.0) - pad, hi + pad)
        self.ax.set_title(name.replace("_", " "))
        self.name = name


def activation(name: str, *, ax=None, z_min: float = -6.0, z_max: float = 6.0,
               derivative: bool = True, shade_saturation: bool = False, legend: bool = True):
    """Plot activation ``name`` (solid) and its derivative (dashed) for z in [z_min, z_max].

    name: one of ``activations.NAMES``.  With ``shade_saturation`` the z ranges where
    |f'(z)| < 5% of its maximum are shaded grey.  Returns the Axes.
    """
    ax = ax if ax is not None else _new_axes((4.0, 3.0))
    plot = ActivationPlot(ax, z_min=z_min, z_max=z_max, derivative=derivative,
                          shade_saturation=shade_saturation, legend=legend)
    plot.update(name)
    return ax


def activations_row(names: Sequence[str] = activations.NAMES, *, axes=None,
                    z_min: float = -6.0, z_max: float = 6.0, derivative: bool = True,
                    shade_saturation: bool = False):
    """Several activation functions side by side, one panel each (legend on the first).

    Returns the (len(names),) Axes.
    """
    names = list(names)
    if axes is None:
        _, axes = plt.subplots(1, len(names), figsize=(2.9 * len(names), 2.8),
                               facecolor="white", layout="constrained", squeeze=False)
    axes = np.asarray(axes).ravel()
    if len(axes) != len(names):
        raise ValueError(f"activations_row: need {len(names)} axes, got {len(axes)}")
    for i, (ax, name) in enumerate(zip(axes, names)):
        activation(name, ax=ax, z_min=z_min, z_max=z_max, derivative=derivative,
                   shade_saturation=shade_saturation, legend=(i == 0))
    return axes


# --- decision regions ----------------------------------------------------------------------


def predictor(classifier) -> Callable[[np.ndarray], np.ndarray]:
    """The ``predict`` function of a model, or ``classifier`` itself if it is a callable.

    The result maps X (N, 2) to integer labels (N,).
    """
    if hasattr(classifier, "predict"):
        return classifier.predict
    if callable(classifier):
        return classifier
    raise TypeError(f"classifier must be a model with .predict or a callable X -> labels, "
                    f"got {type(classifier).__name__}")


def square_extent(*Xs: np.ndarray, margin: float = 0.15) -> tuple[float, float, float, float]:
    """A square (xmin, xmax, ymin, ymax) box around every point of the given (N, 2) arrays.

    The box is the data's bounding box grown by ``margin`` of its larger side on each edge.
    """
    pts = np.concatenate([np.asarray(X, dtype=float).reshape(-1, 2) for X in Xs if X is not None])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    centre, half = (lo + hi) / 2, max(float((hi - lo).max()), 1e-9) / 2 * (1 + 2 * margin)
    return (float(centre[0] - half), float(centre[0] + half),
            float(centre[1] - half), float(centre[1] + half))


def grid_points(extent: Sequence[float], *, resolution: int = 200) -> np.ndarray:
    """The R*R points of an R x R grid over extent, row by row from the bottom: (R*R, 2)."""
    x0, x1, y0, y1 = extent
    xs, ys = np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution)
    xx, yy = np.meshgrid(xs, ys)
    return np.column_stack([xx.ravel(), yy.ravel()])


def decision_grid(classifier, *, extent: Sequence[float], resolution: int = 200) -> np.ndarray:
    """Predicted class at every point of an R x R grid over extent: (R, R) int, row 0 at the bottom."""
    predict = predictor(classifier)
    pts = grid_points(extent, resolution=resolution)
    # Predicting in chunks keeps every temporary small: one 40000-row batch allocates arrays
    # of several MB whose page faults (and BLAS threading) made it up to 10 times slower.
    chunk = 2048
    labels = np.concatenate([np.asarray(predict(pts[i:i + chunk])).reshape(-1)
                             for i in range(0, len(pts), chunk)])
    return labels.astype(np.int64).reshape(resolution, resolution)


class RegionPlot:
    """Decision regions as one image plus data points, updatable in place.

    The regions are an ``imshow`` of an (R, R) label grid in light class tints, updated with
    ``set_regions`` (``set_data``, no new artists).  Points of class k are drawn with class
    k's colour and marker; training points filled, held-out points hollow (one scatter per
    class and split, updated with ``set_offsets``).
    """

    def __init__(self, ax, *, extent: Sequence[float], num_classes: int,
                 resolution: int = 200, max_classes: int | None = None, legend: bool = True):
        if num_classes < 1:
            raise ValueError(f"RegionPlot: num_classes must be >= 1, got {num_classes}")
        self.ax = ax
        self.resolution = resolution
        self.max_classes = max(max_classes or num_classes, num_classes)
        self.image = ax.imshow(np.zeros((resolution, resolution)), origin="lower",
                               interpolation="nearest", aspect="equal", zorder=0)
        self.train_points, self.val_points = [], []
        for k in range(self.max_classes):
            color, marker = class_color(k), class_marker(k)
            self.train_points.append(ax.scatter(
                np.empty(0), np.empty(0), s=22, marker=marker, facecolors=color,
                edgecolors="black", linewidths=0.5, zorder=3))
            self.val_points.append(ax.scatter(
                np.empty(0), np.empty(0), s=24, marker=marker, facecolors="none",
                edgecolors=color, linewidths=1.4, zorder=3))
        ax.set_xlabel("x1")
        ax.set_ylabel("x2")
        self.legend = None
        if legend:
            handles = [
                mlines.Line2D([], [], linestyle="none", marker="o", markerfacecolor="0.35",
                              markeredgecolor="black", markeredgewidth=0.5, label="train"),
                mlines.Line2D([], [], linestyle="none", marker="o", markerfacecolor="none",
                              markeredgecolor="0.35", markeredgewidth=1.4, label="held out"),
            ]
            self.legend = ax.legend(handles=handles, loc="upper right", fontsize=8,
                                    framealpha=0.85, handletextpad=0.2, borderpad=0.3)
        self.extent = None
        self.num_classes = None
        self.set_extent(extent)
        self.set_classes(num_classes)

    def set_extent(self, extent: Sequence[float]) -> None:
        """Move the grid to a new (xmin, xmax, ymin, ymax) box."""
        self.extent = tuple(float(v) for v in extent)
        self.image.set_extent(self.extent)
        self.ax.set_xlim(self.extent[0], self.extent[1])
        self.ax.set_ylim(self.extent[2], self.extent[3])

    def set_classes(self, num_classes: int) -> None:
        """Switch the region colours to ``num_classes`` classes (at most ``max_classes``)."""
        if not 1 <= num_classes <= self.max_classes:
            raise ValueError(f"RegionPlot.set_classes: num_classes must be in 1..{self.max_classes}, "
                             f"got {num_classes}")
        self.num_classes = num_classes
        self.image.set_cmap(region_cmap(num_classes))
        self.image.set_clim(-0.5, num_classes - 0.5)

    def grid_points(self) -> np.ndarray:
        """The (R*R, 2) points whose labels ``set_regions`` expects, in order."""
        return grid_points(self.extent, resolution=self.resolution)

    def set_regions(self, labels: np.ndarray) -> None:
        """Show a label grid: (R, R) ints (or (R*R,) in ``grid_points`` order)."""
        labels = np.asarray(labels).reshape(self.resolution, self.resolution)
        self.image.set_data(labels)

    def set_points(self, X: np.ndarray, y: np.ndarray, X_val: np.ndarray | None = None,
                   y_val: np.ndarray | None = None) -> None:
        """Draw training points X (N, 2), y (N,) filled and held-out X_val (M, 2), y_val (M,) hollow."""
        for k in range(self.max_classes):
            self.train_points[k].set_offsets(np.asarray(X)[np.asarray(y) == k].reshape(-1, 2))
            if X_val is None:
                self.val_points[k].set_offsets(np.empty((0, 2)))
            else:
                self.val_points[k].set_offsets(np.asarray(X_val)[np.asarray(y_val) == k].reshape(-1, 2))
        if self.legend is not None:
            self.legend.set_visible(X_val is not None and len(X_val) > 0)


def _num_classes(*ys) -> int:
    return int(max(int(np.max(y)) for y in ys if y is not None and len(y))) + 1


def decision_regions(classifier, X: np.ndarray, y: np.ndarray, *, X_val: np.ndarray | None = None,
                     y_val: np.ndarray | None = None, ax=None, resolution: int = 200,
                     extent: Sequence[float] | None = None, num_classes: int | None = None,
                     legend: bool = True):
    """Decision regions of a 2-D classifier with the data on top.

    classifier: a model with ``predict`` or a callable mapping X (N, 2) to labels (N,).
    X (N, 2), y (N,): training points, drawn filled; X_val (M, 2), y_val (M,): held-out
    points, drawn hollow.  The regions are predicted on an R x R grid (R = resolution) over
    ``extent`` (default: a square box around all points).  Returns the Axes.
    """
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"decision_regions: X must have shape (N, 2), got {X.shape}")
    if (X_val is None) != (y_val is None):
        raise ValueError("decision_regions: give both X_val and y_val, or neither")
    ax = ax if ax is not None else _new_axes((4.2, 4.0))
    extent = extent if extent is not None else square_extent(X, X_val)
    grid = decision_grid(classifier, extent=extent, resolution=resolution)
    num_classes = num_classes or max(_num_classes(y, y_val), int(grid.max()) + 1)
    plot = RegionPlot(ax, extent=extent, num_classes=num_classes, resolution=resolution,
                      legend=legend)
    plot.set_regions(grid)
    plot.set_points(X, y, X_val, y_val)
    return ax


def decision_regions_grid(classifiers: Sequence, X: np.ndarray, y: np.ndarray, *,
                          titles: Sequence[str], X_val: np.ndarray | None = None,
                          y_val: np.ndarray | None = None, ncols: int | None = None,
                          resolution: int = 150, axes=None):
    """Decision regions of several classifiers on the same data, one panel each, same box.

    For the "3, 6, 20 hidden neurons" and "reg 0.001, 0.01, 0.1" figures.  classifiers: K
    models or predict callables; titles: K panel titles.  Returns the (K,) Axes.
    """
    if len(titles) != len(classifiers):
        raise ValueError(f"decision_regions_grid: {len(classifiers)} classifiers but {len(titles)} titles")
    k = len(classifiers)
    ncols = ncols or k
    nrows = -(-k // ncols)
    if axes is None:
        fig, axes = plt.subplots(nrows, ncols, figsize=(3.3 * ncols, 3.3 * nrows), squeeze=False,
                                 facecolor="white", layout="constrained")
        for extra in axes.ravel()[k:]:
            extra.set_visible(False)
    axes = np.asarray(axes).ravel()[:k]
    extent = square_extent(X, X_val)
    num_classes = _num_classes(y, y_val)
    for i, (ax, clf, title) in enumerate(zip(axes, classifiers, titles)):
        decision_regions(clf, X, y, X_val=X_val, y_val=y_val, ax=ax, resolution=resolution,
                         extent=extent, num_classes=num_classes, legend=(i == 0))
        ax.set_title(title)
        if i % ncols:
            ax.set_ylabel("")
    return axes


# --- training ------------------------------------------------------------------------------


def round_up(x: float) -> float:
    """The smallest of 1, 1.5, 2, 3, 4, 5, 6, 8 times a power of ten that is >= x (x > 0)."""
    power = 10.0 ** np.floor(np.log10(x))
    for m in (1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        if m * power >= x * (1 - 1e-12):
            return float(m * power)
    return float(10 * power)


def _finite_max(values) -> float:
    arr = np.asarray(values, dtype=float)
    arr = arr[np.isfinite(arr)]
    return float(arr.max()) if arr.size else 1.0


class CurvesPlot:
    """Loss and accuracy curves (train solid, held-out dashed) from a ``train.History``, updatable.

    The accuracy panel can also carry the fraction of dead ReLUs (dotted; same 0-1 scale).
    """

    def __init__(self, ax_loss, ax_acc, *, show_dead: bool = False, round_limits: bool = False):
        self.ax_loss, self.ax_acc = ax_loss, ax_acc
        self.round_limits = round_limits
        self.train_loss, = ax_loss.plot([], [], color=TRAIN_COLOR, linestyle="-", label="train")
        self.val_loss, = ax_loss.plot([], [], color=VAL_COLOR, linestyle="--", label="held out")
        self.train_acc, = ax_acc.plot([], [], color=TRAIN_COLOR, linestyle="-", label="train")
        self.val_acc, = ax_acc.plot([], [], color=VAL_COLOR, linestyle="--", label="held out")
        self.dead, = ax_acc.plot([], [], color=DEAD_COLOR, linestyle=":", label="dead relus",
                                 visible=show_dead)
        ax_loss.set_xlabel("step")
        ax_loss.set_ylabel("loss")
        ax_acc.set_xlabel("step")
        ax_acc.set_ylabel("accuracy" + (" / dead fraction" if show_dead else ""))
        ax_acc.set_ylim(0.0, 1.02)
        ax_loss.legend(loc="upper right", frameon=False)
        handles = [self.train_acc, self.val_acc] + ([self.dead] if show_dead else [])
        ax_acc.legend(handles=handles, loc="center right", frameon=False)

    def update(self, history, *, dead: Sequence[float] | None = None) -> None:
        """Redraw from ``history`` (a ``train.History``); ``dead``: fractions aligned with history.step."""
        steps = np.asarray(history.step, dtype=float)
        self.train_loss.set_data(steps[:len(history.train_loss)], history.train_loss)
        self.train_acc.set_data(steps[:len(history.train_acc)], history.train_acc)
        self.val_loss.set_data(steps[:len(history.val_loss)], history.val_loss)
        self.val_acc.set_data(steps[:len(history.val_acc)], history.val_acc)
        self.dead.set_data((steps[:len(dead)], dead) if dead is not None else ([], []))
        right = max(float(steps[-1]) if steps.size else 1.0, 1.0)
        top = 1.05 * max(_finite_max(history.train_loss),
                         _finite_max(history.val_loss) if len(history.val_loss) else 0.0)
        if self.round_limits:  # limits change rarely, so a widget can reuse its drawn axes
            right, top = round_up(right), round_up(top)
        for ax in (self.ax_loss, self.ax_acc):
            ax.set_xlim(0.0, right)
        self.ax_loss.set_ylim(0.0, top)


def training_curves(history, *, axes=None, dead: Sequence[float] | None = None):
    """Loss (left) and accuracy (right) over training, train solid and held-out dashed.

    history: a ``train.History`` (val curves drawn when it has them).  dead: optional
    fractions of dead ReLUs aligned with ``history.step``, drawn dotted on the accuracy panel.
    Returns the (2,) Axes.
    """
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(8.0, 3.0), facecolor="white", layout="constrained")
    axes = np.asarray(axes).ravel()
    if len(axes) != 2:
        raise ValueError(f"training_curves: need 2 axes (loss, accuracy), got {len(axes)}")
    CurvesPlot(axes[0], axes[1], show_dead=dead is not None).update(history, dead=dead)
    return axes


def dead_fraction(steps: Sequence[int], fractions: Sequence[float], *, ax=None, label: str | None = None):
    """Fraction of dead ReLUs (output 0 on every input) against training step.  Returns the Axes."""
    if len(steps) != len(fractions):
        raise ValueError(f"dead_fraction: {len(steps)} steps but {len(fractions)} fractions")
    ax = ax if ax is not None else _new_axes((4.5, 3.0))
    ax.plot(steps, fractions, label=label)
    ax.set_ylim(0.0, 1.02)
    ax.set_xlabel("step")
    ax.set_ylabel("fraction of dead relus")
    if label is not None:
        ax.legend(frameon=False)
    return ax


def hidden_responses(model, *, extent: Sequence[float], layer: int = 0, resolution: int = 60,
                     max_units: int = 16, X: np.ndarray | None = None, y: np.ndarray | None = None,
                     ncols: int = 4, axes=None):
    """Each hidden unit's output over the input plane, as small multiples.

    model: an ``MLP`` on 2-D inputs; layer: which hidden layer (0 = first).  Unit j's panel
    shows ``model.hidden_outputs(grid)[layer][:, j]`` over an R x R grid (own colour scale;
    a unit that is 0 everywhere is titled "dead").  X (N, 2), y (N,) are drawn on top if
    given.  Returns the (min(H, max_units),) Axes.
    """
    pts = grid_points(extent, resolution=resolution)
    outs = model.hidden_outputs(pts)
    if not 0 <= layer < len(outs):
        raise ValueError(f"hidden_responses: layer must be in 0..{len(outs) - 1}, got {layer}")
    H = outs[layer].shape[1]
    units = min(H, max_units)
    if axes is None:
        nrows = -(-units // ncols)
        _, axes = plt.subplots(nrows, ncols, figsize=(1.9 * ncols, 1.9 * nrows), squeeze=False,
                               facecolor="white", layout="constrained")
        for extra in axes.ravel()[units:]:
            extra.set_visible(False)
    axes = np.asarray(axes).ravel()[:units]
    for j, ax in enumerate(axes):
        resp = outs[layer][:, j].reshape(resolution, resolution)
        dead = bool(np.all(resp == 0))
        ax.imshow(resp, origin="lower", extent=tuple(extent), cmap=RESPONSE_CMAP,
                  interpolation="nearest")
        if X is not None:
            for k in range(_num_classes(y)):
                sel = np.asarray(y) == k
                ax.scatter(X[sel, 0], X[sel, 1], s=5, marker=class_marker(k), c=class_color(k),
                           edgecolors="none")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(f"unit {j + 1}" + (" (dead)" if dead else ""), fontsize=9)
    return axes


def gradient_norms(norms: Mapping[str, float], *, ax=None, log: bool = True, weights_only: bool = False):
    """Bar chart of gradient norms per parameter (e.g. from ``train.gradient_norms(model)``).

    norms: {"layer1.W": 0.3, "layer1.b": 0.1, ...} in layer order; with ``weights_only`` only
    the weight matrices (names ending in ".W"), one bar per layer.  Returns the Axes.
    """
    names = [n for n in norms if not weights_only or n.endswith(".W")]
    values = np.array([norms[n] for n in names], dtype=float)
    ax = ax if ax is not None else _new_axes((max(3.0, 0.7 * len(names) + 1.5), 3.0))
    ax.bar(np.arange(len(names)), values, color=TRAIN_COLOR)
    crowded = len(names) > 4
    ax.set_xticks(np.arange(len(names)), names, rotation=45 if crowded else 0,
                  ha="right" if crowded else "center")
    if log and np.all(values > 0):
        ax.set_yscale("log")
    ax.set_xlabel("parameter")
    ax.set_ylabel("gradient norm")
    return ax
