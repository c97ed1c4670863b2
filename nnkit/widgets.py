"""An interactive widget lets a reader change one setting of a network (data, size,
activation, regularization, learning rate) and see the result immediately.

``Playground`` is a small TensorFlow-Playground-style trainer for 2-D classification; the
chapter widgets ``ActivationExplorer``, ``NeuronExplorer`` and ``ParameterCounter`` each show
one idea.  Every widget class:

* builds without a display (it never uses pyplot: one ``matplotlib.figure.Figure`` on the Agg
  canvas per widget, exposed as ``.figure``), so it can be driven from plain Python and tests;
* has a ``set(...)`` method with the same effect as moving its controls, and shows itself when
  it is the last expression of a notebook cell (``.widget`` is the ipywidgets box);
* reuses its figure and artists on every update (``set_data``, ``set_offsets``, ...) and shows
  the figure as PNG bytes in an ``ipywidgets.Image``.

Display choice: an ``ipywidgets.Image`` fed with PNG bytes rendered from the one persistent
Figure.  It works with the plain Agg backend (no ipympl, no ``%matplotlib widget``), never
leaks figures (pyplot never sees them), and costs one PNG encode per update.  Without a kernel
(the static website) these widgets freeze at their saved state; ``nnkit.static`` provides
kernel-free versions of the key demos.

``Run`` is the part of the playground with no user interface (data, model, optimizer, history);
``nnkit.static`` uses the same class, so its precomputed pictures match the live ones.
Shapes: N examples, D = 2 inputs, H hidden units, C classes, R grid resolution.
"""

import asyncio
import dataclasses
import html
import io
import time
from collections.abc import Sequence

import ipywidgets
import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from nnkit import activations, datasets, diagrams, losses, model, plotting, train

DATASETS = ("spiral", "circles", "moons", "xor", "blobs", "outliers")
ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "maxout")
LR_CHOICES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REG_CHOICES = (0.0, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3)
BATCH_CHOICES = (None, 8, 16, 32, 64, 128)
MAX_HIDDEN_LAYERS = 4
MAX_UNITS = 64
MAX_CLASSES = 3  # the most classes any playground data set has
MAX_HISTORY = 400  # curve points kept; older points are thinned so memory stays bounded
PNG_COMPRESS_LEVEL = 1  # encoding time is mostly filtering; higher levels save ~2% of bytes


class _Keep:
    """Marker for "leave this setting as it is" in ``set(...)`` methods."""

    def __repr__(self):
        return "KEEP"


KEEP = _Keep()


# --- the run: data, model, optimizer and history, with no user interface --------------------


@dataclasses.dataclass(frozen=True)
class Settings:
    """Everything a playground run depends on except randomness.

    noise: one knob for every data set, scaled so that the default 0.2 draws each set with
    its ``nnkit.datasets`` default: spiral angle jitter ``noise``; circles, moons and xor
    coordinate noise ``noise / 2``; blobs spread ``std = 5 * noise``; outliers
    ``num_outliers = round(noise * num_points / 6)``.
    held_out: share of the points kept out of training.  hidden_sizes: e.g. (50,) or (8, 8).
    reg: L2 strength lambda.  batch_size: None means full batch.
    """

    dataset: str = "spiral"
    noise: float = 0.2
    held_out: float = 0.3
    num_points: int = 300
    hidden_sizes: tuple[int, ...] = (50,)
    activation: str = "relu"
    reg: float = 0.001
    lr: float = 0.3
    momentum: float = 0.9
    batch_size: int | None = None

    def __post_init__(self):
        if self.dataset not in DATASETS:
            raise ValueError(f"Settings: dataset must be one of {DATASETS}, got {self.dataset!r}")
        if self.activation not in ACTIVATIONS:
            raise ValueError(f"Settings: activation must be one of {ACTIVATIONS}, got {self.activation!r}")
        if not 0.0 <= self.noise <= 2.0:
            raise ValueError(f"Settings: noise must be in [0, 2], got {self.noise}")
        if not 0.0 < self.held_out < 0.9:
            raise ValueError(f"Settings: held_out must be in (0, 0.9), got {self.held_out}")
        if self.num_points < 20:
            raise ValueError(f"Settings: num_points must be >= 20, got {self.num_points}")
        sizes = tuple(int(h) for h in self.hidden_sizes)
        if not sizes or min(sizes) < 1:
            raise ValueError(f"Settings: hidden_sizes must be positive sizes like (50,), "
                             f"got {self.hidden_sizes!r}")
        object.__setattr__(self, "hidden_sizes", sizes)
        if not self.lr > 0:
            raise ValueError(f"Settings: lr must be > 0, got {self.lr}")
        if self.reg < 0:
            raise ValueError(f"Settings: reg must be >= 0, got {self.reg}")
        if not 0.0 <= self.momentum < 1.0:
            raise ValueError(f"Settings: momentum must be in [0, 1), got {self.momentum}")
        if self.batch_size is not None and self.batch_size < 1:
            raise ValueError(f"Settings: batch_size must be None (full batch) or >= 1, got {self.batch_size}")


DATA_FIELDS = ("dataset", "noise", "held_out", "num_points")
MODEL_FIELDS = ("hidden_sizes", "activation")
OPTIMIZER_FIELDS = ("lr", "momentum")


def make_data(settings: Settings, *, rng: np.random.Generator):
    """Draw the data set and split it: (X_train (N, 2), y_train (N,), X_val (M, 2), y_val (M,)).

    Points are scaled by one factor so that every coordinate lies in [-1, 1], which lets one
    learning rate suit every data set.
    """
    name, n, noise = settings.dataset, settings.num_points, settings.noise
    if name == "spiral":
        X, y = datasets.spiral(points_per_class=n // 3, num_classes=3, noise=noise, rng=rng)
    elif name == "circles":
        X, y = datasets.circles(n=n, noise=noise / 2, rng=rng)
    elif name == "moons":
        X, y = datasets.moons(n=n, noise=noise / 2, rng=rng)
    elif name == "xor":
        X, y = datasets.xor(n=n, noise=noise / 2, rng=rng)
    elif name == "blobs":
        X, y = datasets.blobs(n=n, num_classes=3, std=5.0 * noise, rng=rng)
    else:
        X, y = datasets.outliers(n=n, num_outliers=int(round(noise * n / 6)), rng=rng)
    X = X / np.abs(X).max()
    return datasets.split(X, y, held_out=settings.held_out, rng=rng)


def make_model(settings: Settings, num_classes: int, *, rng: np.random.Generator) -> model.MLP:
    """The MLP 2 -> hidden_sizes -> num_classes with the settings' activation."""
    return model.MLP([2, *settings.hidden_sizes, num_classes], activation=settings.activation, rng=rng)


class Run:
    """One playground training run: data, model, SGD optimizer and history, with no user interface.

    Randomness: ``rng`` gives two seeds at construction, one for the data and one for the
    initial weights, and later draws the minibatches and the new seed of ``reset()``.  So a
    run with the same settings and the same ``rng`` state is reproducible, and changing a
    setting keeps the same data draw and the same initial weights (only ``reset`` re-draws
    the weights).

    Curves: after every ``advance`` call the objective (softmax cross-entropy plus the L2
    term, as ``train.train`` records it) and the accuracy on the training and on the held-out
    points are appended to ``history`` (a ``train.History``), and the fraction of dead ReLUs
    to ``dead``.
    """

    def __init__(self, settings: Settings, *, rng: np.random.Generator):
        self.settings = settings
        self.rng = rng
        self.data_seed = int(rng.integers(2**32))
        self.init_seed = int(rng.integers(2**32))
        self._make_data()
        self.restart()

    def _make_data(self) -> None:
        self.X_train, self.y_train, self.X_val, self.y_val = make_data(
            self.settings, rng=np.random.default_rng(self.data_seed))
        self.num_classes = int(max(self.y_train.max(), self.y_val.max())) + 1
        self.extent = plotting.square_extent(self.X_train, self.X_val, margin=0.08)

    def restart(self) -> None:
        """Rebuild the model from the current initial-weight seed and clear the history."""
        self.model = make_model(self.settings, self.num_classes,
                                rng=np.random.default_rng(self.init_seed))
        self.optimizer = train.SGD(self.settings.lr, momentum=self.settings.momentum)
        self.steps_done = 0
        self.history = train.History()
        self.dead = []
        self.diverged = None
        self.record()

    def reset(self) -> None:
        """Draw new initial weights (a new seed from ``rng``) and restart."""
        self.init_seed = int(self.rng.integers(2**32))
        self.restart()

    def configure(self, settings: Settings) -> str:
        """Switch to new settings; returns what had to be rebuilt: "data", "model", "optimizer" or "".

        New data or a new architecture restart training (same seeds); a new learning rate or
        momentum keeps the weights; reg and batch size apply from the next step.
        """
        old, self.settings = self.settings, settings
        changed = {f.name for f in dataclasses.fields(Settings)
                   if getattr(old, f.name) != getattr(settings, f.name)}
        if changed & set(DATA_FIELDS):
            self._make_data()
            self.restart()
            return "data"
        if changed & set(MODEL_FIELDS):
            self.restart()
            return "model"
        if self.diverged is not None:  # the weights are NaN: any change starts afresh
            self.restart()
            return "model"
        if changed & set(OPTIMIZER_FIELDS):
            self.optimizer = train.SGD(settings.lr, momentum=settings.momentum)
            return "optimizer"
        return ""

    def advance(self, steps: int) -> None:
        """Take ``steps`` SGD steps, then record the curves once.

        Raises ``train.Diverged`` (and remembers its message in ``.diverged``) when the loss
        stops being finite; the model is then unusable until ``restart``/``reset``.
        """
        if self.diverged is not None:
            raise RuntimeError(f"Run.advance: {self.diverged}; call restart() or reset() first")
        s = self.settings
        N = len(self.y_train)
        for _ in range(int(steps)):
            if s.batch_size is None or s.batch_size >= N:
                Xb, yb = self.X_train, self.y_train
            else:
                rows = self.rng.choice(N, size=s.batch_size, replace=False)
                Xb, yb = self.X_train[rows], self.y_train[rows]
            # A diverging run overflows to inf; it is caught below rather than warned about.
            with np.errstate(over="ignore", invalid="ignore"):
                loss, _ = train.loss_and_grads(self.model, Xb, yb,
                                               loss_fn=losses.softmax_cross_entropy, reg=s.reg)
            if not np.isfinite(loss):
                err = train.Diverged(self.steps_done, loss, s.lr, self.history)
                self.diverged = str(err)
                raise err
            self.optimizer.step(self.model)
            self.steps_done += 1
        self.record()

    def record(self) -> None:
        """Append the current losses, accuracies and dead-ReLU fraction to the curves."""
        h = self.history
        penalty = sum(losses.l2_penalty(layer.params[key], self.settings.reg)[0]
                      for _, layer, key in self.model.param_items() if key == "W")
        row = []
        for X, y in ((self.X_train, self.y_train), (self.X_val, self.y_val)):
            with np.errstate(over="ignore", invalid="ignore"):  # huge weights just before divergence
                scores = self.model.forward(X)
                loss = losses.softmax_cross_entropy(scores, y)[0] + penalty
            row += [loss, float(np.mean(self.model.labels_from_scores(scores) == y))]
        h.record(self.steps_done, *row)
        self.dead.append(self.dead_fraction())
        if len(h.step) > MAX_HISTORY:
            for values in (h.step, h.train_loss, h.train_acc, h.val_loss, h.val_acc, self.dead):
                values[:] = values[-1::-2][::-1]  # keep every other point, always the last

    def dead_fraction(self) -> float:
        """Fraction of hidden ReLU units that output 0 on every training point (0 for other activations)."""
        if self.settings.activation != "relu":
            return 0.0
        return float(train.dead_fraction(self.model, self.X_train))

    def fit(self, *, target_accuracy: float = 0.95, max_steps: int = 3000, check_every: int = 25) -> bool:
        """Train until the training accuracy reaches ``target_accuracy`` or ``max_steps`` more steps.

        Returns True if the target was reached.  Raises ``train.Diverged`` like ``advance``.
        """
        start = self.steps_done
        while self.steps_done - start < max_steps:
            if self.history.train_acc[-1] >= target_accuracy:
                return True
            self.advance(min(check_every, max_steps - (self.steps_done - start)))
        return self.history.train_acc[-1] >= target_accuracy

    def grid(self, *, resolution: int = 200) -> np.ndarray:
        """Predicted class on an R x R grid over ``extent``: (R, R) int, row 0 at the bottom."""
        return plotting.decision_grid(self.model, extent=self.extent, resolution=resolution)


# --- rendering helpers ----------------------------------------------------------------------


def offscreen_figure(width: float, height: float, dpi: float) -> Figure:
    """A (width x height inch) figure that pyplot does not track, on the Agg canvas.

    Widgets and precomputed demos draw into it and read PNG bytes back (`render_png`), so it is
    never auto-shown by the notebook and never left open in pyplot's figure registry.
    """
    with plotting.house_style():
        fig = Figure(figsize=(width, height), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    return fig


def render_png(fig: Figure, *, colors: int | None = None) -> bytes:
    """Draw ``fig`` and return it as PNG bytes (opaque white background); see ``encode_png``."""
    with plotting.house_style():
        fig.canvas.draw()
    return encode_png(fig.canvas, colors=colors)


def encode_png(canvas: FigureCanvasAgg, *, colors: int | None = None) -> bytes:
    """PNG bytes of what the Agg canvas holds now.

    colors=None: full RGB with a fast zlib level (for pictures redone every frame); an int:
    reduced to a palette of that many colours, about 3 times smaller (for pictures stored in
    a web page).
    """
    width, height = canvas.get_width_height(physical=True)
    rgba = PIL.Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    rgb = rgba.convert("RGB")
    buf = io.BytesIO()
    if colors is None:
        rgb.save(buf, format="png", compress_level=PNG_COMPRESS_LEVEL)
    else:
        palette = rgb.quantize(colors=colors, method=PIL.Image.Quantize.MEDIANCUT,
                               dither=PIL.Image.Dither.NONE)
        palette.save(buf, format="png", optimize=True)
    return buf.getvalue()


class Blitter:
    """Renders a figure whose moving parts are a few artists, redrawing the rest only when needed.

    The ``animated`` artists are left out of a full draw; that draw (axes, ticks, labels,
    legends) is saved and reused for every frame until an axis limit changes, and each frame
    draws just the animated artists on top of it.  A full draw of a figure with text costs
    30-60 ms in Agg; a blitted frame a few ms plus the PNG encoding.
    """

    def __init__(self, figure: Figure, animated: Sequence):
        self.figure = figure
        self.animated = list(animated)
        for artist in self.animated:
            artist.set_animated(True)
        self._background = None
        self._key = None

    def png(self) -> bytes:
        """The figure as PNG bytes."""
        canvas = self.figure.canvas
        key = tuple((ax.get_xlim(), ax.get_ylim()) for ax in self.figure.axes)
        if key != self._key:
            with plotting.house_style():
                canvas.draw()  # everything except the animated artists
            self._background = canvas.copy_from_bbox(self.figure.bbox)
            self._key = key
        else:
            canvas.restore_region(self._background)
        for artist in self.animated:
            artist.axes.draw_artist(artist)
        return encode_png(canvas)


def _image(width_px: int) -> ipywidgets.Image:
    return ipywidgets.Image(format="png", layout=ipywidgets.Layout(width="100%", max_width=f"{width_px}px"))


class _FigureWidget:
    """Shared plumbing: one Figure, one Image showing it, notebook display of ``.widget``."""

    figure: Figure
    image: ipywidgets.Image
    widget: ipywidgets.Box

    def png(self) -> bytes:
        """The current figure as PNG bytes."""
        return render_png(self.figure)

    def _show(self) -> None:
        self.image.value = self.png()

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.widget._repr_mimebundle_(include=include, exclude=exclude)


def _percent(x: float) -> str:
    return f"{100 * x:.0f}%"


# --- the playground -------------------------------------------------------------------------


class Playground(_FigureWidget):
    """Train a small network on 2-D data and watch its decision regions and curves change.

    Controls: data set, noise, held-out share; hidden layers (1-4) and units per layer (1-64);
    activation; learning rate; L2 strength reg; batch size; play, pause, step and reset
    buttons; "train to target on change" (retrain to ``target_accuracy`` training accuracy
    after every change, as in the chapter demos).  The figure shows decision regions (train
    points filled, held-out hollow), loss and accuracy curves (train solid, held-out dashed)
    and, for ReLU nets, the fraction of dead units; text lines give the model, its parameter
    count and the status (including "training diverged ..." instead of NaN pictures).

    From Python: ``set(...)`` (same effect as the controls), ``step(n)``, ``fit()``, ``reset()``,
    ``play()``/``pause()`` (need a running event loop, as in Jupyter).  Play runs training in
    chunks of ``steps_per_frame`` steps from an asyncio task on the kernel's event loop, so
    button clicks are handled between frames; it pauses by itself after ``max_play_steps``.
    """

    def __init__(self, *, rng: np.random.Generator, dataset: str = "spiral", noise: float = 0.2,
                 held_out: float = 0.3, num_points: int = 300, hidden_layers: int = 1,
                 units: int = 50, activation: str = "relu", reg: float = 0.001, lr: float = 0.3,
                 momentum: float = 0.9, batch_size: int | None = None,
                 fit_on_change: bool = False, target_accuracy: float = 0.95,
                 steps_per_frame: int = 20, max_play_steps: int = 10000, resolution: int = 200,
                 dpi: float = 80.0):
        settings = Settings(dataset=dataset, noise=noise, held_out=held_out, num_points=num_points,
                            hidden_sizes=(units,) * hidden_layers, activation=activation,
                            reg=reg, lr=lr, momentum=momentum, batch_size=batch_size)
        self.run = Run(settings, rng=rng)
        self.resolution = resolution
        self.steps_per_frame = steps_per_frame
        self.max_play_steps = max_play_steps
        self.target_accuracy = target_accuracy
        self._task = None
        self._playing = False
        self._syncing = False

        self.figure = offscreen_figure(8.4, 4.0, dpi)
        fig = self.figure
        with plotting.house_style():
            ax_regions = fig.add_axes((0.09, 0.12, 0.42, 0.84))
            ax_loss = fig.add_axes((0.60, 0.60, 0.38, 0.36))
            ax_acc = fig.add_axes((0.60, 0.12, 0.38, 0.36))
            self.regions = plotting.RegionPlot(ax_regions, extent=self.run.extent,
                                               num_classes=self.run.num_classes,
                                               resolution=resolution, max_classes=MAX_CLASSES,
                                               legend=False)
            self.curves = plotting.CurvesPlot(ax_loss, ax_acc, show_dead=True, round_limits=True)
            ax_loss.set_xlabel("")
        c = self.curves
        self._blitter = Blitter(self.figure, [
            self.regions.image, *self.regions.ax.spines.values(), *self.regions.train_points,
            *self.regions.val_points, c.train_loss, c.val_loss, c.train_acc, c.val_acc, c.dead])
        self._build_controls(fit_on_change)
        self.image = _image(int(8.4 * dpi))
        self.widget = ipywidgets.VBox([self._controls, self._buttons, self.model_line,
                                       self.status_line, self.image])
        self._points_stale = True
        if fit_on_change:
            self._fit_quietly()
        self.redraw()

    # controls ---------------------------------------------------------------------------

    def _build_controls(self, fit_on_change: bool) -> None:
        s = self.run.settings
        style = {"description_width": "90px"}
        wide = ipywidgets.Layout(width="300px")
        self.controls = {
            "dataset": ipywidgets.Dropdown(options=DATASETS, value=s.dataset, description="data",
                                           style=style, layout=wide),
            "noise": ipywidgets.FloatSlider(value=s.noise, min=0.0, max=max(0.5, s.noise), step=0.05,
                                            description="noise", style=style, layout=wide,
                                            continuous_update=False),
            "held_out": ipywidgets.FloatSlider(value=s.held_out, min=min(0.1, s.held_out),
                                               max=max(0.6, s.held_out), step=0.05,
                                               description="held out", style=style, layout=wide,
                                               continuous_update=False),
            "hidden_layers": ipywidgets.IntSlider(value=len(s.hidden_sizes), min=1,
                                                  max=max(MAX_HIDDEN_LAYERS, len(s.hidden_sizes)),
                                                  description="hidden layers",
                                                  style=style, layout=wide, continuous_update=False),
            "units": ipywidgets.IntSlider(value=s.hidden_sizes[0], min=1,
                                          max=max(MAX_UNITS, s.hidden_sizes[0]),
                                          description="units/layer", style=style, layout=wide,
                                          continuous_update=False),
            "activation": ipywidgets.Dropdown(options=ACTIVATIONS, value=s.activation,
                                              description="activation", style=style, layout=wide),
            "lr": ipywidgets.SelectionSlider(options=_with_value(LR_CHOICES, s.lr), value=s.lr,
                                             description="learning rate", style=style, layout=wide,
                                             continuous_update=False),
            "reg": ipywidgets.SelectionSlider(options=_with_value(REG_CHOICES, s.reg), value=s.reg,
                                              description="L2 reg", style=style, layout=wide,
                                              continuous_update=False),
            "batch_size": ipywidgets.Dropdown(
                options=[("full batch" if b is None else str(b), b)
                         for b in _with_value(BATCH_CHOICES, s.batch_size)],
                value=s.batch_size, description="batch size", style=style, layout=wide),
            "fit_on_change": ipywidgets.Checkbox(
                value=fit_on_change, indent=False,
                description=f"train to {_percent(self.target_accuracy)} on change"),
        }
        for name, control in self.controls.items():
            control.observe(self._on_control, names="value")
        c = self.controls
        self._controls = ipywidgets.HBox([
            ipywidgets.VBox([c["dataset"], c["noise"], c["held_out"]]),
            ipywidgets.VBox([c["hidden_layers"], c["units"], c["activation"]]),
            ipywidgets.VBox([c["lr"], c["reg"], c["batch_size"]]),
        ], layout=ipywidgets.Layout(flex_flow="row wrap"))
        self.buttons = {
            "play": ipywidgets.Button(description="play", icon="play", tooltip="train continuously"),
            "pause": ipywidgets.Button(description="pause", icon="pause", tooltip="stop training"),
            "step": ipywidgets.Button(description="step", icon="step-forward",
                                      tooltip=f"train {self.steps_per_frame} steps"),
            "reset": ipywidgets.Button(description="reset", icon="refresh",
                                       tooltip="new random initial weights"),
        }
        narrow = ipywidgets.Layout(width="90px")
        for button in self.buttons.values():
            button.layout = narrow
        self.buttons["play"].on_click(lambda _: self.play())
        self.buttons["pause"].on_click(lambda _: self.pause())
        self.buttons["step"].on_click(lambda _: self.step(self.steps_per_frame))
        self.buttons["reset"].on_click(lambda _: self.reset())
        self._buttons = ipywidgets.HBox(list(self.buttons.values()) + [c["fit_on_change"]])
        self.model_line = ipywidgets.HTML()
        self.status_line = ipywidgets.HTML()

    def _on_control(self, change) -> None:
        if self._syncing:
            return
        name = next(k for k, v in self.controls.items() if v is change["owner"])
        self.set(**{name: change["new"]})

    @property
    def settings(self) -> Settings:
        """The current ``Settings`` of the run."""
        return self.run.settings

    @property
    def model(self) -> model.MLP:
        """The network being trained."""
        return self.run.model

    @property
    def history(self) -> train.History:
        """Curves so far (one point per frame)."""
        return self.run.history

    @property
    def playing(self) -> bool:
        """True while play is running."""
        return self._playing

    @property
    def status(self) -> str:
        """The status line as plain text."""
        return html.unescape(_strip_tags(self.status_line.value))

    def set(self, *, dataset=KEEP, noise=KEEP, held_out=KEEP, hidden_layers=KEEP, units=KEEP,
            activation=KEEP, reg=KEEP, lr=KEEP, batch_size=KEEP, fit_on_change=KEEP) -> None:
        """Change settings exactly as the controls do (omitted ones are kept), then redraw.

        batch_size=None means full batch.  New data or architecture restart training; with
        ``fit_on_change`` every change retrains from the initial weights to the target accuracy.
        """
        given = {k: v for k, v in dict(dataset=dataset, noise=noise, held_out=held_out,
                                        hidden_layers=hidden_layers, units=units,
                                        activation=activation, reg=reg, lr=lr,
                                        batch_size=batch_size, fit_on_change=fit_on_change).items()
                 if v is not KEEP}
        old = self.run.settings
        layers_ = int(given.get("hidden_layers", len(old.hidden_sizes)))
        units_ = int(given.get("units", old.hidden_sizes[0]))
        fields = {k: v for k, v in given.items() if k in {f.name for f in dataclasses.fields(Settings)}}
        new = dataclasses.replace(old, hidden_sizes=(units_,) * layers_, **fields)
        self._syncing = True
        try:
            for name, value in given.items():
                control = self.controls[name]
                if isinstance(control, ipywidgets.SelectionSlider) and value not in control.options:
                    control.options = _with_value(control.options, value)
                if isinstance(control, (ipywidgets.IntSlider, ipywidgets.FloatSlider)):
                    control.max, control.min = max(control.max, value), min(control.min, value)
                control.value = value
        finally:
            self._syncing = False
        rebuilt = self.run.configure(new)
        if self.controls["fit_on_change"].value and (rebuilt or fields):
            self.run.restart()
            self._fit_quietly()
        self._points_stale = self._points_stale or rebuilt == "data"
        self.redraw()

    # training -----------------------------------------------------------------------------

    def _fit_quietly(self, *, max_steps: int = 3000) -> None:
        try:
            self.run.fit(target_accuracy=self.target_accuracy, max_steps=max_steps)
        except train.Diverged:
            pass

    def step(self, n: int = 1) -> None:
        """Train ``n`` steps and redraw (a diverging run stops and says so in the status line)."""
        if self.run.diverged is None:
            try:
                self.run.advance(n)
            except train.Diverged:
                self._playing = False
        self.redraw()

    def fit(self, *, max_steps: int = 3000) -> bool:
        """Train until the training accuracy reaches ``target_accuracy`` (or max_steps), redraw."""
        self._fit_quietly(max_steps=max_steps)
        self.redraw()
        return self.run.diverged is None and self.run.history.train_acc[-1] >= self.target_accuracy

    def reset(self) -> None:
        """New random initial weights, empty curves, redraw (keeps playing if playing)."""
        self.run.reset()
        if self.controls["fit_on_change"].value:
            self._fit_quietly()
        self.redraw()

    def play(self) -> None:
        """Start training continuously in the background (needs a running event loop, e.g. Jupyter)."""
        if self._playing:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise RuntimeError("Playground.play() needs a running asyncio event loop, as in Jupyter; "
                               "in a script call step(n) instead") from None
        self._playing = True
        self._task = loop.create_task(self._play_loop())
        self._update_status()

    def pause(self) -> None:
        """Stop training after the current frame."""
        self._playing = False
        self._update_status()

    async def _play_loop(self) -> None:
        start = self.run.steps_done
        try:
            while self._playing and self.run.steps_done - start < self.max_play_steps:
                t0 = time.perf_counter()
                self.step(self.steps_per_frame)
                # Yield to the event loop so clicks and slider moves are handled between frames.
                await asyncio.sleep(max(0.005, 1 / 20 - (time.perf_counter() - t0)))
        finally:
            self._playing = False
            self._task = None
            self._update_status()

    # drawing ------------------------------------------------------------------------------

    def png(self) -> bytes:
        """The current figure as PNG bytes (blitted onto the saved background when possible)."""
        return self._blitter.png()

    def grid(self) -> np.ndarray:
        """Predicted class on the R x R region grid: (R, R) int (what the picture shows)."""
        return self.run.grid(resolution=self.resolution)

    def redraw(self) -> None:
        """Update regions, points, curves and text from the run, and refresh the image."""
        run = self.run
        if self._points_stale:
            self.regions.set_extent(run.extent)
            self.regions.set_classes(run.num_classes)
            self.regions.set_points(run.X_train, run.y_train, run.X_val, run.y_val)
            self._points_stale = False
        if run.diverged is None:
            self.regions.set_regions(self.grid())
        self.curves.update(run.history, dead=run.dead if run.settings.activation == "relu" else None)
        self.model_line.value = (f"<code>{html.escape(repr(run.model))}</code> &middot; "
                                 f"{run.model.num_params():,} parameters &middot; "
                                 f"points: filled = train, hollow = held out")
        self._update_status()
        self._show()

    def _update_status(self) -> None:
        run = self.run
        if run.diverged is not None:
            self.status_line.value = (f"<span role='alert'><b>{html.escape(run.diverged)}</b> "
                                      f"&mdash; press reset</span>")
            return
        h = run.history
        parts = [f"step {run.steps_done:,}", f"train accuracy {_percent(h.train_acc[-1])}",
                 f"held-out accuracy {_percent(h.val_acc[-1])}"]
        if run.settings.activation == "relu":
            parts.append(f"dead relus {_percent(run.dead[-1])}")
        if self._playing:
            parts.append("playing")
        self.status_line.value = " &middot; ".join(parts)


def _with_value(options: Sequence, value) -> tuple:
    """``options`` plus ``value`` if missing, sorted (None first) so sliders stay monotone."""
    opts = list(options)
    if value not in opts:
        opts.append(value)
    return tuple(sorted(opts, key=lambda v: (v is not None, v if v is not None else 0)))


def _strip_tags(text: str) -> str:
    out, inside = [], False
    for ch in text:
        if ch == "<":
            inside = True
        elif ch == ">":
            inside = False
        elif not inside:
            out.append(ch)
    return "".join(out)


# --- chapter widgets ------------------------------------------------------------------------


def describe_activation(name: str, *, z_min: float = -6.0, z_max: float = 6.0) -> str:
    """One sentence saying where activation ``name`` saturates (|f'| < 5% of its max) on [z_min, z_max]."""
    f, f_grad = activations.get(name)
    z = np.linspace(z_min, z_max, 481)
    zones = plotting.saturation_zones(z, f_grad(z))
    peak = float(np.abs(f_grad(z)).max())
    where = " and ".join(
        f"z < {hi:.1f}" if lo <= z_min else f"z > {lo:.1f}" if hi >= z_max else f"{lo:.1f} < z < {hi:.1f}"
        for lo, hi in zones) or "nowhere in this range"
    return (f"{name.replace('_', ' ')}: largest slope {peak:.2g}; saturated "
            f"(slope below 5% of that) for {where}.")


class ActivationExplorer(_FigureWidget):
    """Choose an activation function; see f(z), f'(z) and the saturated zones (|f'| < 5% of max) shaded."""

    def __init__(self, *, name: str = "sigmoid", names: Sequence[str] = activations.NAMES,
                 z_min: float = -6.0, z_max: float = 6.0, dpi: float = 80.0):
        self.figure = offscreen_figure(5.0, 3.2, dpi)
        with plotting.house_style():
            ax = self.figure.add_axes((0.11, 0.15, 0.85, 0.76))
            self.plot = plotting.ActivationPlot(ax, z_min=z_min, z_max=z_max, shade_saturation=True)
        self.chooser = ipywidgets.ToggleButtons(options=list(names), value=name, description="f")
        self.chooser.style.button_width = "80px"
        self.chooser.observe(lambda change: self.set(name=change["new"]), names="value")
        self.image = _image(int(5.0 * dpi))
        self.caption = ipywidgets.HTML()
        self.widget = ipywidgets.VBox([self.chooser, self.image, self.caption])
        self.set(name=name)

    def set(self, *, name: str) -> None:
        """Show activation ``name`` (one of ``activations.NAMES``)."""
        self.chooser.value = name  # no-op when the change came from the chooser itself
        if self.plot.name == name:
            return
        self.plot.update(name)
        z = self.plot.z
        text = describe_activation(name, z_min=z[0], z_max=z[-1])
        self.caption.value = f"<p aria-live='polite'>{html.escape(text)}</p>"
        self._show()


class NeuronExplorer(_FigureWidget):
    """One sigmoid neuron on 2-D points: sliders for w1, w2, b (w defaults to a partly right direction).

    Left: the plane shaded by the neuron's output sigmoid(w1 x1 + w2 x2 + b) (blue near 0,
    orange near 1), the line where it is 0.5 (w . x + b = 0), the weight vector w (which
    points to the side where the output exceeds 0.5), and two classes of points.  Right: the
    sigmoid, with each point placed at its own z = w . x + b.
    """

    def __init__(self, *, rng: np.random.Generator, w1: float | None = None, w2: float | None = None,
                 b: float = 0.0, num_points: int = 40, dpi: float = 80.0):
        X, y = datasets.blobs(n=num_points, num_classes=2, std=2.0, rng=rng)
        X = X - X.mean(axis=0)
        self.X, self.y = 2.0 * X / np.abs(X).max(), y
        if w1 is None or w2 is None:
            # Start 45 degrees off the direction from class 0 to class 1: partly right, to explore.
            d = self.X[y == 1].mean(axis=0) - self.X[y == 0].mean(axis=0)
            angle = np.arctan2(d[1], d[0]) + np.pi / 4
            w1 = round(1.5 * np.cos(angle), 1) if w1 is None else w1
            w2 = round(1.5 * np.sin(angle), 1) if w2 is None else w2
        self.lim = 2.5
        self.figure = offscreen_figure(8.0, 3.6, dpi)
        res = 120
        g = np.linspace(-self.lim, self.lim, res)
        self._gx, self._gy = np.meshgrid(g, g)
        cmap = plotting.mcolors.LinearSegmentedColormap.from_list(
            "nnkit_neuron", [plotting.tint(plotting.class_color(0), amount=0.45), "white",
                             plotting.tint(plotting.class_color(1), amount=0.35)])
        with plotting.house_style():
            self.ax_plane = self.figure.add_axes((0.07, 0.14, 0.38, 0.8))
            self.ax_sig = self.figure.add_axes((0.58, 0.14, 0.39, 0.8))
            extent = (-self.lim, self.lim, -self.lim, self.lim)
            self.background = self.ax_plane.imshow(np.zeros((res, res)), origin="lower", extent=extent,
                                                   cmap=cmap, vmin=0.0, vmax=1.0, zorder=0)
            self.boundary, = self.ax_plane.plot([], [], color="black", linewidth=1.5,
                                                label="w . x + b = 0")
            self.arrow, = self.ax_plane.plot([], [], color="black", linewidth=2.0, marker=">",
                                             markevery=[1], markersize=7)
            self.sig_points, self.plane_points = [], []
            for k in range(2):
                sel = self.y == k
                self.plane_points.append(self.ax_plane.scatter(self.X[sel, 0], self.X[sel, 1], s=26,
                                      marker=plotting.class_marker(k), c=plotting.class_color(k),
                                      edgecolors="black", linewidths=0.5, zorder=3,
                                      label=f"class {k}"))
                self.sig_points.append(self.ax_sig.scatter(
                    np.zeros(sel.sum()), np.zeros(sel.sum()), s=26, marker=plotting.class_marker(k),
                    c=plotting.class_color(k), edgecolors="black", linewidths=0.5, zorder=3))
            self.ax_plane.set_xlim(-self.lim, self.lim)
            self.ax_plane.set_ylim(-self.lim, self.lim)
            self.ax_plane.set_aspect("equal")
            self.ax_plane.set_xlabel("x1")
            self.ax_plane.set_ylabel("x2")
            # The legend sits on the sigmoid panel: the plane's shading is redrawn every frame.
            self.ax_sig.legend(handles=self.plane_points + [self.boundary], loc="upper left",
                               fontsize=8, frameon=False)
            self.z_max = 8.0
            z = np.linspace(-self.z_max, self.z_max, 301)
            self.ax_sig.plot(z, activations.sigmoid(z), color=plotting.FUNCTION_COLOR, zorder=2)
            self.ax_sig.axhline(0.5, color="0.6", linewidth=0.8, zorder=1)
            self.ax_sig.axvline(0.0, color="0.6", linewidth=0.8, zorder=1)
            self.ax_sig.set_xlim(-self.z_max, self.z_max)
            self.ax_sig.set_ylim(-0.05, 1.05)
            self.ax_sig.set_xlabel("z = w1 x1 + w2 x2 + b")
            self.ax_sig.set_ylabel("sigmoid(z)")
        slider = dict(min=-3.0, max=3.0, step=0.1, continuous_update=True,
                      layout=ipywidgets.Layout(width="260px"))
        self.sliders = {"w1": ipywidgets.FloatSlider(value=w1, description="w1", **slider),
                        "w2": ipywidgets.FloatSlider(value=w2, description="w2", **slider),
                        "b": ipywidgets.FloatSlider(value=b, description="b", **slider)}
        for name, s in self.sliders.items():
            s.observe(lambda change, name=name: self.set(**{name: change["new"]}), names="value")
        self.image = _image(int(8.0 * dpi))
        self.caption = ipywidgets.HTML()
        self.widget = ipywidgets.VBox([ipywidgets.HBox(list(self.sliders.values())), self.image,
                                       self.caption])
        self.w = np.array([w1, w2], dtype=float)
        self.b = float(b)
        self._blitter = Blitter(self.figure, [self.background, *self.ax_plane.spines.values(),
                                              self.boundary, self.arrow, *self.plane_points,
                                              *self.sig_points])
        self._draw()

    def png(self) -> bytes:
        """The current figure as PNG bytes (blitted: only the moving parts are redrawn)."""
        return self._blitter.png()

    def set(self, *, w1=KEEP, w2=KEEP, b=KEEP) -> None:
        """Move the sliders (omitted ones are kept) and redraw."""
        new = (self.w[0] if w1 is KEEP else float(w1), self.w[1] if w2 is KEEP else float(w2),
               self.b if b is KEEP else float(b))
        if new == (self.w[0], self.w[1], self.b):
            return
        self.w[:] = new[:2]
        self.b = new[2]
        for name, value in zip(("w1", "w2", "b"), new):
            self.sliders[name].value = value  # re-enters set() with nothing to do
        self._draw()

    def output(self, X: np.ndarray) -> np.ndarray:
        """The neuron's output sigmoid(X @ w + b) for X (N, 2): (N,)."""
        return activations.sigmoid(X @ self.w + self.b)

    def _draw(self) -> None:
        w, b, lim = self.w, self.b, self.lim
        self.background.set_data(activations.sigmoid(w[0] * self._gx + w[1] * self._gy + b))
        norm = float(np.hypot(*w))
        if norm > 1e-9:
            foot = -b * w / norm**2  # the point of the line w . x + b = 0 closest to the origin
            along = np.array([-w[1], w[0]]) / norm
            ends = foot + np.outer([-4 * lim, 4 * lim], along)
            self.boundary.set_data(ends[:, 0], ends[:, 1])
            tip = foot + 0.8 * w / norm
            self.arrow.set_data([foot[0], tip[0]], [foot[1], tip[1]])
        else:
            self.boundary.set_data([], [])
            self.arrow.set_data([], [])
        z = self.X @ w + b
        for k in range(2):
            zk = np.clip(z[self.y == k], -self.z_max, self.z_max)
            self.sig_points[k].set_offsets(np.column_stack([zk, activations.sigmoid(zk)]))
        correct = float(np.mean((z > 0) == (self.y == 1)))
        self.caption.value = (
            f"<p aria-live='polite'>w = ({w[0]:.1f}, {w[1]:.1f}), b = {b:.1f}: the output is above "
            f"0.5 on the side the arrow w points to; {_percent(correct)} of the points lie on "
            f"their own class's side (class 1 above 0.5).</p>")
        self._show()


class ParameterCounter(_FigureWidget):
    """Type layer sizes like "3, 4, 4, 1"; see the network, a table of weight shapes and the totals.

    The table gives each W's shape in both conventions: (in, out) as the book multiplies
    ``X @ W``, and (out, in) as the lecture notes multiply ``W @ x``.
    """

    MAX_SIZE = 2000
    MAX_LAYERS = 12

    def __init__(self, *, sizes: str = "3, 4, 4, 1", max_units: int = 8, dpi: float = 100.0):
        self.figure = offscreen_figure(6.4, 3.8, dpi)
        with plotting.house_style():
            self.ax = self.figure.add_axes((0.0, 0.0, 1.0, 1.0))
        self.max_units = max_units
        self.text = ipywidgets.Text(value=sizes, description="layer sizes", continuous_update=False,
                                    layout=ipywidgets.Layout(width="320px"))
        self.text.observe(lambda change: self.set(sizes=change["new"]), names="value")
        self.image = _image(int(6.4 * dpi))
        self.table_html = ipywidgets.HTML()
        self.status_line = ipywidgets.HTML()
        self.widget = ipywidgets.VBox([self.text, self.status_line, self.image, self.table_html])
        self.sizes = None
        self.table = []
        self.set(sizes=sizes)

    def set(self, *, sizes: str | Sequence[int]) -> None:
        """Show the network with these layer sizes (text "3, 4, 2" or a list [3, 4, 2])."""
        text = sizes if isinstance(sizes, str) else ", ".join(str(s) for s in sizes)
        self.text.value = text  # no-op when the change came from the text box
        try:
            parsed = diagrams.parse_sizes(text) if isinstance(sizes, str) else diagrams.check_sizes(sizes)
            if len(parsed) > self.MAX_LAYERS or max(parsed) > self.MAX_SIZE:
                raise ValueError(f"this counter draws at most {self.MAX_LAYERS} layers of at most "
                                 f"{self.MAX_SIZE:,} units, got {parsed}")
        except (TypeError, ValueError) as err:
            self.status_line.value = f"<span role='alert'>{html.escape(str(err))}</span>"
            return
        if parsed == self.sizes:
            self.status_line.value = ""
            return
        self.sizes = parsed
        self.table = diagrams.layer_table(parsed)
        self.status_line.value = ""
        self.ax.clear()
        with plotting.house_style():
            diagrams.network(parsed, ax=self.ax, max_units=self.max_units)
        self.table_html.value = _table_html(self.table)
        self._show()

    @property
    def totals(self) -> dict:
        """{"weights": ..., "biases": ..., "params": ...} of the current network."""
        return diagrams.totals(self.table)


def _table_html(table: Sequence[dict]) -> str:
    head = ("<tr><th>layer</th><th>in &rarr; out</th><th>W (book: X @ W)</th>"
            "<th>W (notes: W x)</th><th>b</th><th>weights</th><th>biases</th><th>params</th></tr>")
    rows = [
        f"<tr><td>{r['layer']}</td><td>{r['in']} &rarr; {r['out']}</td>"
        f"<td>{_shape(r['W_shape'])}</td><td>{_shape(r['W_shape_note'])}</td><td>{_shape(r['b_shape'])}</td>"
        f"<td>{r['weights']:,}</td><td>{r['biases']:,}</td><td>{r['params']:,}</td></tr>"
        for r in table]
    t = diagrams.totals(table)
    total = (f"<tr><th>total</th><td></td><td></td><td></td><td></td><th>{t['weights']:,}</th>"
             f"<th>{t['biases']:,}</th><th>{t['params']:,}</th></tr>")
    return ("<table style='border-collapse: collapse; text-align: right'>"
            + head + "".join(rows) + total + "</table>")


def _shape(shape) -> str:
    return "(" + ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"
