"""A plot turns nnkit's numbers (activations, decision regions, training histories, hidden
units) into a figure, in one colour-blind-safe house style.

Every drawing function takes keyword ``ax=None`` (``axes=None`` for several panels), draws
into it and returns the Axes (an array of Axes); with None it makes a new figure whose text
stays legible on a phone.  A ``*Plot`` class holds the artists of one panel, so a widget can
redraw it in place with ``update``/``set_*``; its ``artists`` are the ones that change.
Nothing here calls ``plt.show()``, and importing this module changes no settings: a
notebook's setup cell calls ``plotting.use_house_style()``.

Colours come from the Okabe-Ito palette, each with a named role below; classes differ by
marker shape as well as colour; training points are filled, held-out points hollow.
Shapes: N examples, D = 2 input features, H hidden units, C classes, R grid resolution
(R x R points), M points of a z grid, T recorded steps, L layers.
"""

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib
import numpy as np
from cycler import cycler
from matplotlib import collections as mcollections
from matplotlib import colors as mcolors
from matplotlib import lines as mlines
from matplotlib import patches as mpatches
from matplotlib import pyplot as plt
from matplotlib import transforms as mtransforms
from matplotlib.axes import Axes

from nnkit import activations, validate

# --- palette, roles and house style --------------------------------------------------------

OKABE_ITO = {"black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9",
             "bluish_green": "#009E73", "yellow": "#F0E442", "blue": "#0072B2",
             "vermillion": "#D55E00", "reddish_purple": "#CC79A7"}
_C = OKABE_ITO
# No vermillion among the classes, so a red never sits next to the green; yellow (faint on
# white) comes last.
CLASS_COLORS = tuple(_C[k] for k in ("blue", "orange", "bluish_green", "reddish_purple",
                                     "sky_blue", "yellow"))
CLASS_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
MAX_CLASSES = len(CLASS_MARKERS)  # the most classes a plot tells apart
SERIES_COLORS = tuple(_C[k] for k in ("blue", "orange", "bluish_green", "reddish_purple",
                                      "sky_blue", "vermillion", "black"))  # the colour cycle
SERIES_STYLES = ("-", "--", "-.", ":")  # several lines in one panel differ by style too
TRAIN_COLOR = _C["blue"]          # training data and its curves
VAL_COLOR = _C["orange"]          # held-out (validation) data and its curves
FUNCTION_COLOR = _C["blue"]       # a function f(z)
DERIVATIVE_COLOR = _C["orange"]   # its derivative f'(z)
DEAD_COLOR = _C["black"]          # dead units
SPREAD_COLOR = _C["sky_blue"]     # a band for the range over seeds, behind its mean line
REFERENCE_COLOR = "0.4"           # reference lines: thresholds, axes through zero
SMALL_SLOPE_COLOR = "0.88"        # light band: the derivative is small but not zero
ZERO_SLOPE_COLOR = "0.66"         # darker, hatched band: the derivative is exactly zero
ZERO_SLOPE_HATCH = "////"
# A hidden unit's output: orange negative, white 0, blue positive (as TensorFlow Playground).
RESPONSE_CMAP = mcolors.LinearSegmentedColormap.from_list(
    "nnkit_response", [_C["orange"], "white", _C["blue"]])
PANEL_SIZE = (3.4, 3.0)  # inches; three such panels in a row still read on a 390 px phone

HOUSE_RC = {
    # Opaque white backgrounds keep figures readable when the site is in dark mode.
    "figure.facecolor": "white", "axes.facecolor": "white", "savefig.facecolor": "white",
    "savefig.transparent": False, "font.size": 11.0, "axes.labelsize": 11.0,
    "axes.titlesize": 11.0, "xtick.labelsize": 10.0, "ytick.labelsize": 10.0,
    "legend.fontsize": 10.0, "lines.linewidth": 2.0, "axes.spines.top": False,
    "axes.spines.right": False, "axes.prop_cycle": cycler(color=SERIES_COLORS),
    "image.cmap": "cividis", "figure.dpi": 100.0, "savefig.dpi": 100.0,
}


def use_house_style() -> None:
    """Apply the house style to matplotlib's global settings (once, in a setup cell)."""
    matplotlib.rcParams.update(HOUSE_RC)


def house_style() -> contextlib.AbstractContextManager:
    """Context manager applying the house style only inside a ``with`` block."""
    return matplotlib.rc_context(HOUSE_RC)


def tint(color, *, amount: float = 0.65) -> tuple[float, float, float]:
    """Mix ``color`` with white; ``amount`` 0 keeps the colour, 1 gives white."""
    amount = validate.number("tint", "amount", amount, 0.0, 1.0)
    if not mcolors.is_color_like(color):
        raise ValueError(f"tint: color must be a matplotlib colour like '#0072B2', got {color!r}")
    rgb = np.array(mcolors.to_rgb(color))
    return tuple(float(c) for c in rgb + (1.0 - rgb) * amount)


def class_color(k: int) -> str:
    """Colour of class ``k`` (cycles after len(CLASS_COLORS) classes)."""
    return CLASS_COLORS[validate.whole_number("class_color", "k", k, 0) % len(CLASS_COLORS)]


def class_marker(k: int) -> str:
    """Marker shape of class ``k`` (cycles after len(CLASS_MARKERS) classes)."""
    return CLASS_MARKERS[validate.whole_number("class_marker", "k", k, 0) % MAX_CLASSES]


def panels(k: int, *, ncols: int | None = None, panel_size=PANEL_SIZE) -> np.ndarray:
    """A new figure of ``k`` panels of ``panel_size`` (width, height) inches each.

    At most three to a row unless ``ncols`` says otherwise; unused slots are removed.
    Returns the (k,) Axes (``axes[0].figure`` is the figure).
    """
    k = validate.whole_number("panels", "k", k)
    ncols = min(k, 3) if ncols is None else validate.whole_number("panels", "ncols", ncols)
    width, height = _array("panels", "panel_size", panel_size, (2,))
    if not (np.isfinite([width, height]).all() and width > 0 and height > 0):
        raise ValueError(f"panels: panel_size must be 2 positive inches, got {panel_size!r}")
    nrows = -(-k // ncols)
    _, axes = plt.subplots(nrows, ncols, figsize=(width * ncols, height * nrows),
                           squeeze=False, facecolor="white", layout="constrained")
    for extra in axes.ravel()[k:]:
        extra.remove()
    return axes.ravel()[:k]


# --- argument checks shared by the drawing functions ---------------------------------------


def _points(where, name, X):
    """X as a finite float array (N, 2)."""
    return validate.finite(where, name, validate.matrix(where, name, X, 2))


def _data(where, X, y, X_val, y_val, num_classes=MAX_CLASSES):
    """Checked training points X (N, 2), y (N,) and held-out ones (or None, None)."""
    if (X_val is None) != (y_val is None):
        raise ValueError(f"{where}: give both X_val and y_val, or neither")
    y = validate.labels(where, y, len(_points(where, "X", X)), num_classes)
    if X_val is not None:
        y_val = validate.labels(where, y_val, len(_points(where, "X_val", X_val)), num_classes,
                                 name="y_val")
    return X, y, X_val, y_val


def _axes(where, name, axes, k):
    """axes as a flat (k,) array of matplotlib Axes."""
    flat = np.asarray(axes, dtype=object).ravel()
    if len(flat) != k or not all(isinstance(ax, Axes) for ax in flat):
        raise TypeError(f"{where}: {name} must be {k} matplotlib Axes, got {axes!r}")
    return flat


def _ax(where, ax, size):
    """The given Axes, or the one panel of a new figure of ``size`` inches."""
    return panels(1, panel_size=size)[0] if ax is None else _axes(where, "ax", ax, 1)[0]


def _array(where, name, values, shape):
    """values as a float array of this shape (None: any length), without NaN."""
    arr = validate.real_array(where, name, values).astype(float)
    if arr.ndim != len(shape) or np.isnan(arr).any() or not all(
            s in (None, a) for s, a in zip(shape, arr.shape)):
        want = str(tuple("T" if s is None else s for s in shape)).replace("'", "")
        raise ValueError(f"{where}: {name} must be numbers (no NaN) of shape {want}, "
                         f"got shape {arr.shape}")
    return arr


def _legend_below(ax, handles, ncols):
    """A legend under the x-axis label, clear of the data (constrained layout makes room)."""
    below = mtransforms.offset_copy(ax.transAxes, fig=ax.figure, y=-36, units="points")
    return ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0),
                     bbox_transform=below, ncols=ncols, frameon=False)


# --- activation functions ------------------------------------------------------------------

SATURATION_FRACTION = 0.05  # a "small" slope is below 5% of the largest |f'(z)| on the grid


@dataclass(frozen=True)
class SlopeZones:
    """Intervals (lo, hi) of a z grid where a unit passes little or no gradient back.

    zero: f'(z) == 0 as computed (no gradient: relu for z <= 0); small: 0 < |f'(z)| <
    fraction * max |f'| (a small gradient: leaky relu for z < 0); saturated: both, merged.
    """

    zero: list
    small: list
    saturated: list


def _slope_levels(dfdz, fraction=SATURATION_FRACTION):
    """(M,) int8: 0 a usable slope, 1 small but non-zero, 2 exactly zero."""
    size = np.abs(dfdz)
    return np.where(size == 0, 2, np.where(size < fraction * size.max(), 1, 0)).astype(np.int8)


def _runs(mask):
    """(start, stop) index pairs of the runs of True in a 1-D mask."""
    edges = np.flatnonzero(np.diff(np.r_[0, mask.astype(np.int8), 0]))
    return list(zip(edges[::2], edges[1::2]))


def saturation_zones(z, dfdz, *, fraction: float = SATURATION_FRACTION) -> SlopeZones:
    """Where a unit passes no gradient, or only a small one: a ``SlopeZones``.

    z: (M,) increasing grid; dfdz: (M,) the derivative f'(z) on it; fraction: what counts
    as small, relative to the largest |f'| on the grid.
    """
    where = "saturation_zones"
    z = _array(where, "z", z, (None,))
    dfdz = validate.finite(where, "dfdz", _array(where, "dfdz", dfdz, (len(z),)))
    if len(z) < 2 or not np.all(np.diff(z) > 0):
        raise ValueError(f"{where}: z must be at least 2 finite, strictly increasing values")
    levels = _slope_levels(dfdz, validate.number(where, "fraction", fraction, 0, 1,
                                                  low_open=True, high_open=True))
    zones = [[(float(z[i]), float(z[j - 1])) for i, j in _runs(mask)]
             for mask in (levels == 2, levels == 1, levels > 0)]
    return SlopeZones(*zones)


class ActivationPlot:
    """One activation f(z) (solid) and its derivative f'(z) (dashed) on a fixed z grid.

    With ``shade_saturation`` two bands span the panel's height: light grey where the slope
    is small but not zero (below 5% of its peak: a small gradient still passes), darker and
    hatched where it is exactly zero (no gradient passes).  ``update(name)`` redraws the
    same lines and bands; ``levels`` (M,) then holds 0 (usable), 1 (small) or 2 (zero).
    """

    def __init__(self, *, ax=None, z_min: float = -6.0, z_max: float = 6.0, num: int = 481,
                 shade_saturation: bool = False, legend: bool = True):
        where = "ActivationPlot"
        z_min, z_max = (validate.number(where, n, v)
                        for n, v in (("z_min", z_min), ("z_max", z_max)))
        if not z_min < z_max:
            raise ValueError(f"{where}: need z_min < z_max, got z_min={z_min}, z_max={z_max}")
        self.z = np.linspace(z_min, z_max, validate.whole_number(where, "num", num, 2))
        self.ax = ax = _ax(where, ax, (3.6, 3.0))
        self.levels, self.name = np.zeros(len(self.z), dtype=np.int8), None
        for line in (ax.axhline, ax.axvline):
            line(0.0, color="0.6", linewidth=0.8, zorder=0)
        self.f_line, = ax.plot(self.z, 0 * self.z, color=FUNCTION_COLOR, label="f(z)")
        self.df_line, = ax.plot(self.z, 0 * self.z, color=DERIVATIVE_COLOR, linestyle="--",
                                label="f'(z)")
        # The bands live in (data x, axes y) coordinates, so they always span the full height.
        band = dict(transform=ax.get_xaxis_transform(), zorder=0, linewidth=0,
                    visible=bool(shade_saturation))
        self.small_band = mcollections.PolyCollection([], facecolor=SMALL_SLOPE_COLOR, **band)
        self.zero_band = mcollections.PolyCollection(
            [], facecolor=ZERO_SLOPE_COLOR, edgecolor="0.35", hatch=ZERO_SLOPE_HATCH, **band)
        for collection in (self.small_band, self.zero_band):
            ax.add_collection(collection, autolim=False)
        ax.set_xlim(z_min, z_max)
        ax.set_xlabel("z")
        self.handles = [self.f_line, self.df_line] + [
            mpatches.Patch(facecolor=SMALL_SLOPE_COLOR, label="small gradient (< 5% of peak)"),
            mpatches.Patch(facecolor=ZERO_SLOPE_COLOR, edgecolor="0.35", hatch=ZERO_SLOPE_HATCH,
                           label="no gradient (f' = 0)")] * bool(shade_saturation)
        if legend:
            _legend_below(ax, self.handles, 2)
        self.artists = [self.f_line, self.df_line, self.small_band, self.zero_band]

    def update(self, name: str) -> None:
        """Show activation ``name`` (one of ``activations.NAMES``)."""
        validate.choice("ActivationPlot.update", "name", name, activations.NAMES)
        f, f_grad = activations.get(name)
        fz, dfz = f(self.z), f_grad(self.z)
        self.f_line.set_ydata(fz)
        self.df_line.set_ydata(dfz)
        self.levels = _slope_levels(dfz)
        # Each band runs between the grid midpoints around its points, so neighbours meet.
        mids = np.r_[self.z[0], (self.z[:-1] + self.z[1:]) / 2, self.z[-1]]
        for band, level in ((self.small_band, 1), (self.zero_band, 2)):
            band.set_verts([[(mids[i], 0), (mids[j], 0), (mids[j], 1), (mids[i], 1)]
                            for i, j in _runs(self.levels == level)])
        lo, hi = min(fz.min(), dfz.min(), 0.0), max(fz.max(), dfz.max())
        pad = 0.08 * max(hi - lo, 1e-3)
        self.ax.set_ylim(lo - pad, hi + pad)
        self.ax.set_title(name.replace("_", " "))
        self.name = name


def activations_row(names: Sequence[str] = activations.NAMES, *, axes=None,
                    z_min: float = -6.0, z_max: float = 6.0, shade_saturation: bool = False):
    """Activation functions (one name or several), one ``ActivationPlot`` panel each.

    With ``axes=None`` the panels go at most three to a row and one legend below them all;
    given axes get the legend on the first panel.  Returns the (len(names),) Axes.
    """
    names = [validate.choice("activations_row", "name", n, activations.NAMES) for n in
             ([names] if isinstance(names, str) else names)]
    if not names:
        raise ValueError("activations_row: names must list at least one activation, got none")
    own = axes is None
    axes = _axes("activations_row", "axes", panels(len(names), panel_size=(3.2, 2.6))
                 if own else axes, len(names))
    plots = [ActivationPlot(ax=ax, z_min=z_min, z_max=z_max, shade_saturation=shade_saturation,
                            legend=not own and i == 0) for i, ax in enumerate(axes)]
    for plot, name in zip(plots, names):
        plot.update(name)
    if own:
        axes[0].figure.legend(handles=plots[0].handles, loc="outside lower center",
                              ncols=len(plots[0].handles), frameon=False)
    return axes


# --- decision regions ----------------------------------------------------------------------


def _predictor(where, classifier):
    """The ``predict`` of a model, or ``classifier`` itself if it is a plain callable."""
    return validate.callable_(where, "classifier", getattr(classifier, "predict", classifier),
                              "a model with .predict or a callable X (N, 2) -> labels (N,)")


def square_extent(*Xs, margin: float = 0.15) -> tuple[float, float, float, float]:
    """A square (xmin, xmax, ymin, ymax) box around every point of the (N, 2) arrays Xs.

    None entries are skipped.  The box is the points' bounding box grown by ``margin`` of its
    larger side on each edge.
    """
    margin = validate.number("square_extent", "margin", margin, low=0)
    pts = [_points("square_extent", f"Xs[{i}]", X) for i, X in enumerate(Xs) if X is not None]
    if not pts:
        raise ValueError("square_extent: Xs must hold at least one (N, 2) array of points")
    pts = np.concatenate(pts)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    centre, half = (lo + hi) / 2, max(float((hi - lo).max()), 1e-9) / 2 * (1 + 2 * margin)
    return (float(centre[0] - half), float(centre[0] + half),
            float(centre[1] - half), float(centre[1] + half))


def grid_points(extent, *, resolution: int = 200) -> np.ndarray:
    """The R*R points of an R x R grid over extent, row by row from the bottom: (R*R, 2)."""
    x0, x1, y0, y1 = validate.extent("grid_points", extent)
    R = validate.whole_number("grid_points", "resolution", resolution, 2)
    xx, yy = np.meshgrid(np.linspace(x0, x1, R), np.linspace(y0, y1, R))
    return np.column_stack([xx.ravel(), yy.ravel()])


def decision_grid(classifier, *, extent, resolution: int = 200) -> np.ndarray:
    """Predicted class on an R x R grid over extent: (R, R) int, row 0 at the bottom.

    classifier: a model with ``predict`` or a callable mapping X (N, 2) to labels (N,).
    """
    where = "decision_grid"
    predict = _predictor(where, classifier)
    R = validate.whole_number(where, "resolution", resolution, 2)
    pts = grid_points(validate.extent(where, extent), resolution=R)
    # Predicting in chunks keeps every temporary small: one 40000-row batch allocates arrays
    # of several MB whose page faults (and BLAS threading) made it up to 10 times slower.
    labels = np.concatenate([np.atleast_1d(predict(pts[i:i + 2048]))
                             for i in range(0, len(pts), 2048)])
    if labels.dtype.kind not in "iu" or labels.shape != (R * R,):
        raise TypeError(f"{where}: classifier must return integer labels (N,) for X (N, 2), "
                        f"got {labels.dtype} values of shape {labels.shape}: not a classifier?")
    if labels.min() < 0 or labels.max() >= MAX_CLASSES:
        raise ValueError(f"{where}: classifier must return labels in 0..{MAX_CLASSES - 1}, "
                         f"got {labels.min()}..{labels.max()}")
    return labels.astype(np.int64).reshape(R, R)


class RegionPlot:
    """Decision regions as one image plus data points, updatable in place.

    The regions are an ``imshow`` of an (R, R) label grid, class k always in a light tint of
    class k's colour (``set_regions``); points of class k < num_classes have class k's
    colour and marker, training points filled and held-out points hollow (``set_points``).
    """

    def __init__(self, *, ax=None, extent, num_classes: int, resolution: int = 200,
                 legend: bool = True):
        where = "RegionPlot"
        self.num_classes = validate.whole_number(where, "num_classes", num_classes, 1, MAX_CLASSES)
        self.resolution = R = validate.whole_number(where, "resolution", resolution, 2)
        validate.extent(where, extent)
        self.ax = ax = _ax(where, ax, (3.6, 3.4))
        tints = mcolors.ListedColormap([tint(class_color(k)) for k in range(MAX_CLASSES)])
        self.image = ax.imshow(np.zeros((R, R)), origin="lower", interpolation="nearest",
                               aspect="equal", zorder=0, cmap=tints, vmin=-0.5,
                               vmax=MAX_CLASSES - 0.5)
        classes = range(self.num_classes)
        self.train_points = [ax.scatter([], [], s=24, marker=class_marker(k), zorder=3,
                                        facecolors=class_color(k), edgecolors="black",
                                        linewidths=0.5) for k in classes]
        self.val_points = [ax.scatter([], [], s=26, marker=class_marker(k), zorder=3,
                                      facecolors="none", edgecolors=class_color(k),
                                      linewidths=1.4) for k in classes]
        ax.set_xlabel("x1")
        ax.set_ylabel("x2")
        dot = dict(marker="o", linestyle="none", markeredgecolor="0.3")
        self.legend = _legend_below(ax, [
            mlines.Line2D([], [], markerfacecolor="0.6", label="train", **dot),
            mlines.Line2D([], [], markerfacecolor="none", label="held out", **dot)], 2
        ) if legend else None
        self.artists = [self.image, *self.train_points, *self.val_points]
        self.set_extent(extent)

    def set_extent(self, extent) -> None:
        """Move the grid to a new (xmin, xmax, ymin, ymax) box."""
        self.extent = validate.extent("RegionPlot.set_extent", extent)
        self.image.set_extent(self.extent)
        self.ax.set_xlim(*self.extent[:2])
        self.ax.set_ylim(*self.extent[2:])

    def set_regions(self, labels) -> None:
        """Show a label grid: (R, R) ints, or (R*R,) in ``grid_points`` order."""
        labels = np.asarray(labels)
        if labels.dtype.kind not in "iu" or labels.size != self.resolution ** 2:
            raise ValueError(f"RegionPlot.set_regions: labels must be {self.resolution}**2 "
                             f"integer labels, got {labels.dtype} of shape {labels.shape}")
        self.image.set_data(labels.reshape(self.resolution, self.resolution))

    def set_points(self, X, y, X_val=None, y_val=None) -> None:
        """Draw X (N, 2), y (N,) filled and held-out X_val (M, 2), y_val (M,) hollow."""
        X, y, X_val, y_val = _data("RegionPlot.set_points", X, y, X_val, y_val, self.num_classes)
        for k in range(self.num_classes):
            self.train_points[k].set_offsets(X[y == k])
            self.val_points[k].set_offsets(X[:0] if X_val is None else X_val[y_val == k])
        if self.legend is not None:
            self.legend.set_visible(X_val is not None and len(X_val) > 0)


def decision_regions(classifier, X, y, *, X_val=None, y_val=None, ax=None,
                     resolution: int = 200, extent=None, legend: bool = True):
    """Decision regions of a 2-D classifier with the data on top.

    classifier: a model with ``predict`` or a callable mapping X (N, 2) to labels (N,).
    X (N, 2), y (N,): training points, filled; X_val (M, 2), y_val (M,): held-out points,
    hollow.  The regions are predicted on an R x R grid (R = resolution) over ``extent``
    (default: a square box around all points).
    """
    where = "decision_regions"
    _predictor(where, classifier)
    X, y, X_val, y_val = _data(where, X, y, X_val, y_val)
    extent = square_extent(X, X_val) if extent is None else validate.extent(where, extent)
    validate.whole_number(where, "resolution", resolution, 2)
    grid = decision_grid(classifier, extent=extent, resolution=resolution)
    k = max(int(y.max()), -1 if y_val is None else int(y_val.max())) + 1
    plot = RegionPlot(ax=ax, extent=extent, num_classes=k, resolution=resolution, legend=legend)
    plot.set_regions(grid)
    plot.set_points(X, y, X_val, y_val)
    return plot.ax


def decision_regions_grid(classifiers: Sequence, X, y, *, titles: Sequence[str], X_val=None,
                          y_val=None, ncols: int | None = None, resolution: int = 150,
                          axes=None):
    """Decision regions of K classifiers on the same data and box, one panel each.

    For figures like "3, 6, 20 hidden units".  classifiers: K models or predict callables;
    titles: K panel titles.  Returns the (K,) Axes.
    """
    where = "decision_regions_grid"
    if len(classifiers) == 0 or len(titles) != len(classifiers):
        raise ValueError(f"{where}: need one title per classifier, got {len(classifiers)} "
                         f"classifiers and {len(titles)} titles")
    extent = square_extent(X, X_val)
    axes = _axes(where, "axes", panels(len(titles), ncols=ncols, panel_size=(3.3, 3.3))
                 if axes is None else axes, len(titles))
    for i, (ax, classifier, title) in enumerate(zip(axes, classifiers, titles)):
        decision_regions(classifier, X, y, X_val=X_val, y_val=y_val, ax=ax, extent=extent,
                         resolution=resolution, legend=(i == 0))
        ax.set_title(title)
        if ax.get_subplotspec() is not None and not ax.get_subplotspec().is_first_col():
            ax.set_ylabel("")
    return axes


# --- training: curves, dead units, gradient norms ------------------------------------------


def _round_up(x: float) -> float:
    """The smallest of 1, 1.5, 2, 3, 4, 5, 6, 8 times a power of ten that is >= x (x > 0)."""
    power = 10.0 ** np.floor(np.log10(x))
    return float(next(m * power for m in (1, 1.5, 2, 3, 4, 5, 6, 8, 10)
                      if m * power >= x * (1 - 1e-12)))


class CurvesPlot:
    """Loss and accuracy curves (train solid, held-out dashed) from a ``train.History``.

    axes: (loss panel, accuracy panel), or None for a new figure.  The accuracy panel can
    also carry the fraction of dead ReLUs (dotted, same 0-1 scale).  With ``round_limits``
    the axis limits move in few, round steps, so a widget can reuse its drawn axes.
    """

    def __init__(self, *, axes=None, show_dead: bool = False, round_limits: bool = False):
        axes = panels(2, panel_size=(3.6, 3.0)) if axes is None else axes
        self.axes = self.ax_loss, self.ax_acc = _axes("CurvesPlot", "axes", axes, 2)
        self.round_limits = round_limits
        (self.train_loss, self.val_loss), (self.train_acc, self.val_acc) = (
            [ax.plot([], [], color=c, linestyle=s, label=label)[0] for c, s, label in
             ((TRAIN_COLOR, "-", "train"), (VAL_COLOR, "--", "held out"))] for ax in self.axes)
        self.dead, = self.ax_acc.plot([], [], color=DEAD_COLOR, linestyle=":",
                                      label="dead relus", visible=show_dead)
        for ax, name in ((self.ax_loss, "loss"), (self.ax_acc, "accuracy")):
            ax.set_xlabel("step")
            ax.set_ylabel(name + (" / dead fraction" if show_dead and name != "loss" else ""))
        self.ax_acc.set_ylim(0.0, 1.02)
        self.ax_loss.legend(loc="best", frameon=False)
        self.ax_acc.legend(handles=[self.train_acc, self.val_acc] + [self.dead] * show_dead,
                           loc="best", frameon=False)
        self.artists = [self.train_loss, self.val_loss, self.train_acc, self.val_acc, self.dead]

    def update(self, history, *, dead=None) -> None:
        """Redraw from ``history``; dead: (T,) fractions of dead ReLUs at history.step."""
        where = "CurvesPlot.update"
        validate.has_attributes(where, "history", history, ("step", "train_loss", "train_acc",
                                "val_loss", "val_acc"), "a train.History")
        steps = _array(where, "history.step", history.step, (None,))
        dead = [] if dead is None else _array(where, "dead", dead, (len(steps),))
        if np.ndim(history.train_loss) != 1:
            raise ValueError(f"{where}: history must be one network's, not a stack's; "
                             f"draw each of history.unstack()")
        for line, values in ((self.train_loss, history.train_loss), (self.dead, dead),
                             (self.train_acc, history.train_acc),
                             (self.val_loss, history.val_loss), (self.val_acc, history.val_acc)):
            line.set_data(steps[:len(values)], values)
        right = max(float(steps.max(initial=1.0)), 1.0)
        losses = np.r_[history.train_loss, history.val_loss]
        top = 1.05 * float(losses[np.isfinite(losses)].max(initial=1e-3))
        if self.round_limits:
            right, top = _round_up(right), _round_up(top)
        for ax in self.axes:
            ax.set_xlim(0.0, right)
        self.ax_loss.set_ylim(0.0, top)


def training_curves(history, *, axes=None, dead=None):
    """Loss (left) and accuracy (right) of a ``train.History``; see ``CurvesPlot``.

    dead: optional (T,) fractions of dead ReLUs at ``history.step``.  Returns the (2,) Axes.
    """
    plot = CurvesPlot(axes=axes, show_dead=dead is not None)
    plot.update(history, dead=dead)
    return plot.axes


def dead_fraction(steps, fractions, *, ax=None, label: str | None = None):
    """Fraction of dead ReLUs against training step: steps (T,), fractions (T,).

    Call again with the same ``ax`` and another ``label`` to compare runs.
    """
    steps = _array("dead_fraction", "steps", steps, (None,))
    fractions = _array("dead_fraction", "fractions", fractions, (len(steps),))
    ax = _ax("dead_fraction", ax, (3.6, 3.0))
    ax.plot(steps, fractions, label=label)
    ax.set_ylim(0.0, 1.02)
    ax.set_xlabel("step")
    ax.set_ylabel("fraction of dead relus")
    if label is not None:
        ax.legend(loc="best", frameon=False)
    return ax


class GradientNormPlot:
    """The norm of each layer's weight gradient over training: one line per layer, log scale.

    ``update(steps, norms)`` redraws the same L lines; the y limits move in whole decades
    and the x limit in round steps, so a widget rarely has to redraw the axes.
    """

    def __init__(self, *, ax=None, num_layers: int, labels: Sequence[str] | None = None,
                 legend: bool = True):
        L = validate.whole_number("GradientNormPlot", "num_layers", num_layers)
        labels = [f"layer {i}" for i in range(1, L + 1)] if labels is None else labels
        if isinstance(labels, str) or len(labels) != L:
            raise ValueError(f"GradientNormPlot: labels must be {L} strings, got {labels!r}")
        self.ax = ax = _ax("GradientNormPlot", ax, (3.6, 3.0))
        self.lines = [ax.plot([], [], color=SERIES_COLORS[i % len(SERIES_COLORS)],
                              linestyle=SERIES_STYLES[i % len(SERIES_STYLES)], label=label)[0]
                      for i, label in enumerate(labels)]
        ax.set_yscale("log")
        ax.set_xlabel("step")
        ax.set_ylabel("gradient norm")
        if legend:
            ax.legend(loc="best", frameon=False)
        self.artists = list(self.lines)

    def update(self, steps, norms) -> None:
        """steps (T,); norms (T, L), e.g. the "layer{l}.W" entries of ``train.gradient_norms``.

        A zero norm (a layer that passed no gradient) leaves a gap in its log-scale line.
        """
        where = "GradientNormPlot.update"
        steps = _array(where, "steps", steps, (None,))
        norms = _array(where, "norms", norms, (len(steps), len(self.lines)))
        if np.any(norms < 0):
            raise ValueError(f"{where}: norms must be >= 0, got {norms.min()}")
        shown = np.where(norms > 0, norms, np.nan)
        for line, column in zip(self.lines, shown.T):
            line.set_data(steps, column)
        ok = np.log10(shown[np.isfinite(shown)])
        low, high = (np.floor(ok.min()), np.ceil(ok.max())) if ok.size else (-3.0, 0.0)
        self.ax.set_ylim(10.0 ** low, 10.0 ** max(high, low + 1))
        self.ax.set_xlim(0.0, _round_up(max(float(steps.max(initial=1.0)), 1.0)))


def gradient_norm_curves(steps, norms, *, labels: Sequence[str] | None = None, ax=None):
    """Per-layer gradient norms over training, steps (T,), norms (T, L); see GradientNormPlot."""
    norms = _array("gradient_norm_curves", "norms", norms, (None, None))
    plot = GradientNormPlot(ax=ax, num_layers=norms.shape[1], labels=labels)
    plot.update(steps, norms)
    return plot.ax


# --- hidden units --------------------------------------------------------------------------


def _hidden_width(where, model, layer):
    """The width H of hidden layer ``layer`` (0 = first) of a 2-input MLP, after checks."""
    sizes = validate.has_attributes(where, "model", model, ("sizes", "hidden_outputs"),
                                    "an MLP").sizes
    if sizes[0] != 2 or len(sizes) < 3 or getattr(model, "stack_size", None) is not None:
        raise ValueError(f"{where}: model must be one MLP with D = 2 inputs and a hidden layer, "
                         f"got {model!r}")
    return sizes[validate.whole_number(where, "layer", layer, 0, len(sizes) - 3) + 1]


class HiddenUnitPlot:
    """Each hidden unit's output over the input plane, as small maps (one panel per unit).

    Unit j's panel shows its output on an R x R grid over ``extent`` on its own symmetric
    colour scale (``RESPONSE_CMAP``: white 0, blue positive, orange negative); a unit that
    is 0 everywhere is marked "dead".  ``update(model, layer=...)`` redraws the same images.
    """

    def __init__(self, *, axes=None, extent, num_units: int, resolution: int = 40,
                 ncols: int = 4):
        where = "HiddenUnitPlot"
        self.extent = validate.extent(where, extent)
        self.resolution = R = validate.whole_number(where, "resolution", resolution, 2)
        num_units = validate.whole_number(where, "num_units", num_units)
        ncols = min(validate.whole_number(where, "ncols", ncols), num_units)
        axes = panels(num_units, ncols=ncols, panel_size=(1.7, 1.7)) if axes is None else axes
        self.axes = _axes(where, "axes", axes, num_units)
        self.points = grid_points(self.extent, resolution=R)
        self.images = [ax.imshow(np.zeros((R, R)), origin="lower", extent=self.extent,
                                 cmap=RESPONSE_CMAP, interpolation="nearest") for ax in self.axes]
        self.dead_marks = [ax.text(0.5, 0.5, "dead", transform=ax.transAxes, ha="center",
                                   va="center", visible=False) for ax in self.axes]
        for j, ax in enumerate(self.axes):
            ax.set(xticks=[], yticks=[], title=f"unit {j + 1}")
        self.artists = self.images + self.dead_marks

    def update(self, model, *, layer: int = 0) -> None:
        """Show the first units of hidden layer ``layer`` (0 = first) of ``model``."""
        if _hidden_width("HiddenUnitPlot.update", model, layer) < len(self.images):
            raise ValueError(f"HiddenUnitPlot.update: hidden layer {layer} has fewer units "
                             f"than the {len(self.images)} maps")
        outputs = model.hidden_outputs(self.points)[layer]  # (R*R, H)
        for j, (image, mark) in enumerate(zip(self.images, self.dead_marks)):
            scale = float(np.abs(outputs[:, j]).max())
            image.set_data(outputs[:, j].reshape(self.resolution, self.resolution))
            image.set_clim(-scale or -1.0, scale or 1.0)
            mark.set_visible(scale == 0.0)


def hidden_unit_maps(model, *, extent, layer: int = 0, resolution: int = 40,
                     max_units: int = 16, ncols: int = 4, axes=None):
    """The first min(H, max_units) units of a hidden layer as small maps; see HiddenUnitPlot.

    model: an ``MLP`` on 2-D inputs; layer: which hidden layer (0 = first).
    Returns the (min(H, max_units),) Axes.
    """
    H = _hidden_width("hidden_unit_maps", model, layer)
    max_units = validate.whole_number("hidden_unit_maps", "max_units", max_units)
    plot = HiddenUnitPlot(axes=axes, extent=extent, num_units=min(H, max_units),
                          resolution=resolution, ncols=ncols)
    plot.update(model, layer=layer)
    return plot.axes
