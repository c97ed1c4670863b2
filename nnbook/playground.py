"""The playground trains a small network on 2-D data while the reader watches its decision
regions, loss and accuracy curves, dead units and parameter count change.

It is a TensorFlow-Playground-style trainer built from nnkit's parts.  ``Run`` is the part with
no user interface (data, model, optimizer, history); ``Playground`` adds the controls and the
live figure (rendered with ``nnbook.widgets``' plumbing, so it follows the same rules: no pyplot,
one reused figure, a ``set(...)`` method equivalent to the controls).  ``nnbook.static`` trains
its precomputed frames with the same ``Run``, so they match what the live playground computes.
Shapes: N examples, D = 2 inputs, H hidden units, C classes, R grid resolution.
"""

import asyncio
import dataclasses
import html
import time
from collections.abc import Sequence

import ipywidgets
import numpy as np
from matplotlib import ticker

from nnkit import datasets, losses, model, plotting, train, validate
from nnbook import widgets

DATASETS = ("spiral", "circles", "moons", "xor", "blobs", "outliers")
ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "maxout")
LR_CHOICES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REG_CHOICES = (0.0, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3)
BATCH_CHOICES = (None, 8, 16, 32, 64, 128)  # None: full batch
FULL_BATCH = 0  # the batch-size menu's value for full batch
MAX_HIDDEN_LAYERS = 4
MAX_UNITS = 64
MAX_CLASSES = 3  # the most classes any playground data set has
MAX_HISTORY = 400  # curve points kept; older points are thinned so memory stays bounded


# --- the run: data, model, optimizer and history, with no user interface --------------------


def _check_sizes(where: str, hidden_sizes) -> tuple[int, ...]:
    """hidden_sizes as a tuple of whole numbers >= 1, e.g. (50,) or (8, 8)."""
    if isinstance(hidden_sizes, (str, bytes)) or not isinstance(hidden_sizes, Sequence) \
            and not isinstance(hidden_sizes, np.ndarray):
        raise TypeError(f"{where}: hidden_sizes must be a tuple of layer sizes like (50,) or "
                        f"(8, 8), got {type(hidden_sizes).__name__}")
    if len(hidden_sizes) == 0:
        raise ValueError(f"{where}: hidden_sizes must name at least one hidden layer, like "
                         f"(50,), got {tuple(hidden_sizes)!r}")
    return tuple(validate.whole_number(where, f"hidden_sizes[{i}]", h)
                 for i, h in enumerate(hidden_sizes))


def _check_batch(where: str, batch_size) -> int | None:
    """None (full batch) or a whole number >= 1."""
    return None if batch_size is None else validate.whole_number(where, "batch_size", batch_size)


# One check per setting: (where, value) -> the value, normalised; used by Settings and by
# Playground.set, so that each error names the call the reader made.
_CHECKS = {
    "dataset": lambda where, v: validate.choice(where, "dataset", v, DATASETS),
    "noise": lambda where, v: validate.number(where, "noise", v, 0.0, 2.0),
    "held_out": lambda where, v: validate.number(where, "held_out", v, 0.0, 0.9,
                                                 low_open=True, high_open=True),
    "num_points": lambda where, v: validate.whole_number(where, "num_points", v, minimum=20),
    "hidden_sizes": _check_sizes,
    "activation": lambda where, v: validate.choice(where, "activation", v, ACTIVATIONS),
    "reg": lambda where, v: validate.number(where, "reg", v, low=0.0),
    "lr": lambda where, v: validate.number(where, "lr", v, low=0.0, low_open=True),
    "momentum": lambda where, v: validate.number(where, "momentum", v, 0.0, 1.0, high_open=True),
    "batch_size": _check_batch,
}


@dataclasses.dataclass(frozen=True)
class Settings:
    """Everything a playground run depends on except randomness.

    noise: one knob for every data set, scaled so that the default 0.2 draws each set with
    its ``nnkit.datasets`` default: spiral angle jitter ``noise``; circles, moons and xor
    coordinate noise ``noise / 2``; blobs spread ``std = 5 * noise``; outliers
    ``num_outliers = round(noise * num_points / 6)``.
    held_out: share of the points kept out of training.  hidden_sizes: e.g. (50,) or (8, 8).
    reg: L2 strength lambda.  lr, momentum: of SGD.  batch_size: None means full-batch
    gradient descent (every step uses every training point); a number means minibatch SGD
    (every step uses that many training points drawn at random).
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
        for name, check in _CHECKS.items():
            object.__setattr__(self, name, check("Settings", getattr(self, name)))


DATA_FIELDS = ("dataset", "noise", "held_out", "num_points")
MODEL_FIELDS = ("hidden_sizes", "activation")
OPTIMIZER_FIELDS = ("lr", "momentum")


def _check_settings(where: str, settings) -> Settings:
    if not isinstance(settings, Settings):
        raise TypeError(f"{where}: settings must be a playground.Settings, "
                        f"got {type(settings).__name__}")
    return settings


def make_data(settings: Settings, *, rng: np.random.Generator):
    """Draw the data set and split it: (X_train (N, 2), y_train (N,), X_val (M, 2), y_val (M,)).

    Points are scaled by one factor so that every coordinate lies in [-1, 1], which lets one
    learning rate suit every data set.
    """
    _check_settings("make_data", settings)
    validate.generator("make_data", rng)
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
    _check_settings("make_model", settings)
    num_classes = validate.whole_number("make_model", "num_classes", num_classes, 2, MAX_CLASSES)
    validate.generator("make_model", rng)
    return model.MLP([2, *settings.hidden_sizes, num_classes], activation=settings.activation,
                     rng=rng)


class Run:
    """One playground training run: data, model, SGD optimizer and history, with no user interface.

    Randomness: ``rng`` gives two seeds at construction, ``data_seed`` for the data and
    ``init_seed`` for the initial weights, and later draws the minibatches and the new seed of
    ``reset()``.  So a run with the same settings and the same ``rng`` state is reproducible,
    and changing a setting keeps the same data draw and the same initial weights (only
    ``reset`` re-draws the weights).

    Training: every step is one ``train.step`` of nnkit's trainer on the model with the run's
    ``train.SGD`` optimizer, on the whole training set (full-batch gradient descent) or on a
    random minibatch of ``batch_size`` points (minibatch SGD).

    Curves: after every ``advance`` call the objective (softmax cross-entropy plus the L2
    term, as ``train.train`` records it) and the accuracy on the training and on the held-out
    points are appended to ``history`` (a ``train.History``), the fraction of dead ReLUs to
    ``dead``, and the norm of each layer's weight gradient of the full-batch objective (from
    ``train.gradient_norms``) to ``grad_norms`` (one tuple per record, one entry per layer).
    """

    def __init__(self, settings: Settings, *, rng: np.random.Generator):
        self.settings = _check_settings("Run", settings)
        self.rng = validate.generator("Run", rng)
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
        self.grad_norms = []
        self.diverged = None
        self.record()

    def reset(self) -> None:
        """Draw new initial weights (a new seed from ``rng``) and restart."""
        self.init_seed = int(self.rng.integers(2**32))
        self.restart()

    def configure(self, settings: Settings) -> str:
        """Switch to new settings; returns what was rebuilt: "data", "model", "optimizer" or "".

        New data or a new architecture restart training (same seeds); a new learning rate or
        momentum keeps the weights; reg and batch size apply from the next step.
        """
        old, self.settings = self.settings, _check_settings("Run.configure", settings)
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
        """Take ``steps`` training steps (``train.step``), then record the curves once.

        Raises ``train.Diverged`` (and remembers its message in ``.diverged``) when the loss
        stops being finite; the model is then unusable until ``restart``/``reset``.
        """
        steps = validate.whole_number("Run.advance", "steps", steps, minimum=0)
        if self.diverged is not None:
            raise RuntimeError(f"Run.advance: {self.diverged}; call restart() or reset() first")
        s = self.settings
        N = len(self.y_train)
        for _ in range(steps):
            if s.batch_size is None or s.batch_size >= N:
                Xb, yb = self.X_train, self.y_train
            else:
                rows = self.rng.choice(N, size=s.batch_size, replace=False)
                Xb, yb = self.X_train[rows], self.y_train[rows]
            # A diverging run overflows to inf; it is caught below rather than warned about.
            with np.errstate(over="ignore", invalid="ignore"):
                loss, _ = train.step(self.model, Xb, yb, optimizer=self.optimizer, reg=s.reg)
            if not np.isfinite(loss):
                err = train.Diverged(self.steps_done, loss, s.lr, self.history)
                self.diverged = str(err)
                raise err
            self.steps_done += 1
        self.record()

    def record(self) -> None:
        """Append the current losses, accuracies, dead-ReLU fraction and gradient norms."""
        h = self.history
        penalty = sum(losses.l2_penalty(layer.params[key], self.settings.reg)[0]
                      for _, layer, key in self.model.param_items() if key == "W")
        row = []
        for X, y in ((self.X_train, self.y_train), (self.X_val, self.y_val)):
            # huge weights just before divergence overflow quietly
            with np.errstate(over="ignore", invalid="ignore"):
                scores = self.model.forward(X)
                loss = losses.softmax_cross_entropy(scores, y)[0] + penalty
            row += [loss, float(np.mean(self.model.labels_from_scores(scores) == y))]
        h.record(self.steps_done, *row)
        self.dead.append(self.dead_fraction())
        with np.errstate(over="ignore", invalid="ignore"):
            train.loss_and_grads(self.model, self.X_train, self.y_train, reg=self.settings.reg)
        norms = [v for name, v in train.gradient_norms(self.model).items() if name.endswith(".W")]
        self.grad_norms.append(tuple(v if np.isfinite(v) else 0.0 for v in norms))
        if len(h.step) > MAX_HISTORY:
            for values in (h.step, h.train_loss, h.train_acc, h.val_loss, h.val_acc, self.dead,
                           self.grad_norms):
                values[:] = values[-1::-2][::-1]  # keep every other point, always the last

    def dead_fraction(self) -> float:
        """Fraction of hidden ReLU units that output 0 on every training point (0 for other
        activations)."""
        if self.settings.activation != "relu":
            return 0.0
        return float(train.dead_fraction(self.model, self.X_train))

    def fit(self, *, target_accuracy: float = 0.95, max_steps: int = 3000,
            check_every: int = 25) -> bool:
        """Train until the training accuracy reaches ``target_accuracy``, or ``max_steps`` more
        steps.

        Returns True if the target was reached.  Raises ``train.Diverged`` like ``advance``.
        """
        where = "Run.fit"
        target_accuracy = validate.number(where, "target_accuracy", target_accuracy, 0.0, 1.0,
                                          low_open=True)
        max_steps = validate.whole_number(where, "max_steps", max_steps, minimum=0)
        check_every = validate.whole_number(where, "check_every", check_every)
        start = self.steps_done
        while self.steps_done - start < max_steps:
            if self.history.train_acc[-1] >= target_accuracy:
                return True
            self.advance(min(check_every, max_steps - (self.steps_done - start)))
        return self.history.train_acc[-1] >= target_accuracy

    def grid(self, *, resolution: int = 200) -> np.ndarray:
        """Predicted class on an R x R grid over ``extent``: (R, R) int, row 0 at the bottom."""
        resolution = validate.whole_number("Run.grid", "resolution", resolution, minimum=2)
        return plotting.decision_grid(self.model, extent=self.extent, resolution=resolution)


# --- the playground -------------------------------------------------------------------------


class Playground(widgets.FigureWidget):
    """Train a small network on 2-D data and watch its decision regions and curves change.

    Controls: data set, noise, held-out share; hidden layers (1-4) and units per layer (1-64),
    which make ``hidden_sizes``; activation; learning rate; L2 strength reg; batch size
    (full batch, or minibatch SGD); play, pause, step and reset buttons; "train to target on
    change" (retrain to ``target_accuracy`` training accuracy after every change, as in the
    chapter demos).  The figure shows, top, the decision regions (train points filled,
    held-out hollow) and the loss and accuracy curves (train solid, held-out dashed; for ReLU
    nets the fraction of dead units dotted); bottom, each hidden unit's output over the input
    plane (the first ``MAX_MAPS`` units of the first hidden layer, as small maps) and the norm
    of each layer's weight gradient over training.  Text lines give the model, its parameter
    count and the status (including "training diverged ..." instead of NaN pictures).

    From Python: ``set(...)`` (same effect as the controls), ``step(n)``, ``fit()``, ``reset()``,
    ``play()``/``pause()`` (need a running event loop, as in Jupyter).  Play runs training in
    chunks of ``steps_per_frame`` steps from an asyncio task on the kernel's event loop, so
    button clicks are handled between frames; it pauses by itself after ``max_play_steps``.
    The controls build equal hidden layers, so ``hidden_sizes`` must have equal entries.
    """

    title = "playground"

    MAX_MAPS = 8  # hidden-unit maps shown (the first units of the first hidden layer)

    def __init__(self, *, rng: np.random.Generator, dataset: str = "spiral", noise: float = 0.2,
                 held_out: float = 0.3, num_points: int = 300,
                 hidden_sizes: tuple[int, ...] = (50,), activation: str = "relu",
                 reg: float = 0.001, lr: float = 0.3, momentum: float = 0.9,
                 batch_size: int | None = None, fit_on_change: bool = False,
                 target_accuracy: float = 0.95, steps_per_frame: int = 20,
                 max_play_steps: int = 10000, resolution: int = 200, dpi: float = 80.0):
        where = "Playground"
        validate.generator(where, rng)
        given = dict(dataset=dataset, noise=noise, held_out=held_out, num_points=num_points,
                     hidden_sizes=hidden_sizes, activation=activation, reg=reg, lr=lr,
                     momentum=momentum, batch_size=batch_size)
        given = {name: _CHECKS[name](where, value) for name, value in given.items()}
        _check_equal_sizes(where, given["hidden_sizes"])
        fit_on_change = _check_flag(where, "fit_on_change", fit_on_change)
        self.target_accuracy = validate.number(where, "target_accuracy", target_accuracy,
                                               0.0, 1.0, low_open=True)
        self.steps_per_frame = validate.whole_number(where, "steps_per_frame", steps_per_frame)
        self.max_play_steps = validate.whole_number(where, "max_play_steps", max_play_steps)
        self.resolution = validate.whole_number(where, "resolution", resolution, minimum=2)
        dpi = validate.number(where, "dpi", dpi, low=10.0, high=600.0)
        self.run = Run(Settings(**given), rng=rng)
        self._task = None
        self._playing = False
        self._syncing = False

        self.figure = widgets.offscreen_figure(8.4, 7.0, dpi)
        fig = self.figure
        with plotting.house_style():
            ax_regions = fig.add_axes((0.08, 0.52, 0.42, 0.45))
            ax_loss = fig.add_axes((0.60, 0.77, 0.38, 0.20))
            ax_acc = fig.add_axes((0.60, 0.52, 0.38, 0.20))
            self.regions = plotting.RegionPlot(ax=ax_regions, extent=self.run.extent,
                                               num_classes=MAX_CLASSES,
                                               resolution=self.resolution, legend=False)
            self.curves = plotting.CurvesPlot(axes=(ax_loss, ax_acc), show_dead=True,
                                              round_limits=True)
            ax_loss.set_xlabel("")
            fig.text(0.02, 0.425, "hidden units (first layer): output over the input plane",
                     fontsize=9)
            self.map_axes = [fig.add_axes((0.02 + 0.12 * (j % 4), 0.225 - 0.2 * (j // 4),
                                           0.1, 0.1 * 8.4 / 7.0))
                             for j in range(self.MAX_MAPS)]
            self.ax_grad = fig.add_axes((0.60, 0.07, 0.27, 0.30))
        self._watch_key = None
        self._rebuild_watch()
        self._build_controls(fit_on_change)
        self.image = widgets.image_widget(int(8.4 * dpi))
        self.widget = ipywidgets.VBox([self._controls, self._buttons, self.model_line,
                                       self.status_line, self.image])
        self._points_stale = True
        if fit_on_change:
            self._fit_quietly()
        self.redraw()

    def _rebuild_watch(self) -> None:
        """New hidden-unit maps and gradient-norm lines when the architecture or data changed.

        Training frames reuse them (``set_data``); only a new architecture or a new data set
        (new extent) replaces their artists, and the blitter with them.
        """
        run = self.run
        k = min(run.model.sizes[1], self.MAX_MAPS)
        key = (run.extent, k, len(run.model.sizes))  # a wider layer reuses the same k maps
        if key == self._watch_key:
            return
        self._watch_key = key
        for artist in getattr(self, "_watch_artists", []):
            artist.remove()
        with plotting.house_style():
            for j, ax in enumerate(self.map_axes):
                ax.set_visible(j < k)
            self.unit_maps = plotting.HiddenUnitPlot(axes=self.map_axes[:k], extent=run.extent,
                                                     num_units=k, resolution=24)
            for ax in self.map_axes[:k]:
                ax.title.set_fontsize(8)
            self.ax_grad.clear()
            L = len(run.model.sizes) - 1
            self.grad_plot = plotting.GradientNormPlot(
                ax=self.ax_grad, num_layers=L, legend=False,
                labels=[f"layer {i}" for i in range(1, L)] + ["output"])
            self.ax_grad.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
                                fontsize=8)
            # plain tick labels (0.01, 0.1, 1) and no minor ticks: a full repaint of log
            # ticks in mathtext costs more than the rest of the figure
            self.ax_grad.yaxis.set_minor_locator(ticker.NullLocator())
            self.ax_grad.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:g}"))
        self._watch_artists = list(self.unit_maps.artists)
        c = self.curves
        self._blitter = widgets.Blitter(self.figure, [
            self.regions.image, *self.regions.ax.spines.values(), *self.regions.train_points,
            *self.regions.val_points, c.train_loss, c.val_loss, c.train_acc, c.val_acc, c.dead,
            *self.unit_maps.artists, *self.grad_plot.lines])

    # controls ---------------------------------------------------------------------------

    def _build_controls(self, fit_on_change: bool) -> None:
        s = self.run.settings
        style = {"description_width": "90px"}
        wide = ipywidgets.Layout(width="300px")
        self.controls = {
            "dataset": ipywidgets.Dropdown(options=DATASETS, value=s.dataset, description="data",
                                           style=style, layout=wide),
            "noise": ipywidgets.FloatSlider(value=s.noise, min=0.0, max=max(0.5, s.noise),
                                            step=0.05,
                                            description="noise", style=style, layout=wide,
                                            continuous_update=False),
            "held_out": ipywidgets.FloatSlider(value=s.held_out, min=min(0.1, s.held_out),
                                               max=max(0.6, s.held_out), step=0.05,
                                               description="held out", style=style, layout=wide,
                                               continuous_update=False),
            "depth": ipywidgets.IntSlider(value=len(s.hidden_sizes), min=1,
                                          max=max(MAX_HIDDEN_LAYERS, len(s.hidden_sizes)),
                                          description="hidden layers",
                                          style=style, layout=wide, continuous_update=False),
            "width": ipywidgets.IntSlider(value=s.hidden_sizes[0], min=1,
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
            # The menu's values are whole numbers, FULL_BATCH (0) for full batch: a Dropdown
            # whose value is None shows no selection at all.
            "batch_size": ipywidgets.Dropdown(
                options=_batch_options(BATCH_CHOICES, s.batch_size),
                value=_batch_value(s.batch_size), description="batch size", style=style,
                layout=wide),
            "fit_on_change": ipywidgets.Checkbox(
                value=fit_on_change, indent=False,
                description=f"train to {widgets.percent(self.target_accuracy)} on change"),
        }
        for control in self.controls.values():
            control.observe(self._on_control, names="value")
        c = self.controls
        self._controls = ipywidgets.HBox([
            ipywidgets.VBox([c["dataset"], c["noise"], c["held_out"]]),
            ipywidgets.VBox([c["depth"], c["width"], c["activation"]]),
            ipywidgets.VBox([c["lr"], c["reg"], c["batch_size"]]),
        ], layout=ipywidgets.Layout(flex_flow="row wrap"))
        self.buttons = {
            "play": ipywidgets.Button(description="play", icon="play",
                                      tooltip="train continuously"),
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
        if name == "batch_size":
            self.set(batch_size=None if change["new"] == FULL_BATCH else change["new"])
        elif name in ("depth", "width"):
            depth, width = self.controls["depth"].value, self.controls["width"].value
            self.set(hidden_sizes=(width,) * depth)
        else:
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
        return widgets.plain_text(self.status_line.value)

    def set(self, *, dataset=widgets.KEEP, noise=widgets.KEEP, held_out=widgets.KEEP,
            hidden_sizes=widgets.KEEP, activation=widgets.KEEP, reg=widgets.KEEP,
            lr=widgets.KEEP, batch_size=widgets.KEEP, fit_on_change=widgets.KEEP) -> None:
        """Change settings exactly as the controls do (omitted ones are kept), then redraw.

        hidden_sizes: equal sizes such as (50,) or (8, 8) (the controls build equal layers);
        batch_size=None means full batch.  New data or architecture restart training; with
        ``fit_on_change`` every change retrains from the initial weights to the target
        accuracy.  Every value is checked before anything changes, so a refused value leaves
        the playground and its controls as they were.
        """
        where = "Playground.set"
        given = {k: v for k, v in dict(dataset=dataset, noise=noise, held_out=held_out,
                                        hidden_sizes=hidden_sizes, activation=activation,
                                        reg=reg, lr=lr, batch_size=batch_size).items()
                 if v is not widgets.KEEP}
        fields = {name: _CHECKS[name](where, value) for name, value in given.items()}
        if "hidden_sizes" in fields:
            _check_equal_sizes(where, fields["hidden_sizes"])
        if fit_on_change is not widgets.KEEP:
            fit_on_change = _check_flag(where, "fit_on_change", fit_on_change)
        new = dataclasses.replace(self.run.settings, **fields)
        values = dict(fields)
        if "hidden_sizes" in values:
            sizes = values.pop("hidden_sizes")
            values.update(depth=len(sizes), width=sizes[0])
        if fit_on_change is not widgets.KEEP:
            values["fit_on_change"] = fit_on_change
        self._syncing = True
        try:
            for name, value in values.items():
                control = self.controls[name]
                if isinstance(control, ipywidgets.SelectionSlider) and value not in control.options:
                    control.options = _with_value(control.options, value)
                if name == "batch_size":
                    old = [None if v == FULL_BATCH else v for _, v in control.options]
                    control.options = _batch_options(old, value)
                    value = _batch_value(value)
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
        n = validate.whole_number("Playground.step", "n", n)
        if self.run.diverged is None:
            try:
                self.run.advance(n)
            except train.Diverged:
                self._playing = False
        self.redraw()

    def fit(self, *, max_steps: int = 3000) -> bool:
        """Train until the training accuracy reaches ``target_accuracy`` (or max_steps), redraw."""
        max_steps = validate.whole_number("Playground.fit", "max_steps", max_steps)
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
        """Start training continuously in the background (needs a running event loop, as in
        Jupyter)."""
        if self._playing:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise RuntimeError("Playground.play() needs a running asyncio event loop, as in "
                               "Jupyter; "
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
        """Update regions, points, curves, unit maps, gradient norms and text; refresh the image."""
        run = self.run
        self._rebuild_watch()
        if self._points_stale:
            self.regions.set_extent(run.extent)
            self.regions.set_points(run.X_train, run.y_train, run.X_val, run.y_val)
            self._points_stale = False
        if run.diverged is None:
            self.regions.set_regions(self.grid())
            self.unit_maps.update(run.model)
            self.grad_plot.update(run.history.step, run.grad_norms)
        relu = run.settings.activation == "relu"
        self.curves.update(run.history, dead=run.dead if relu else None)
        self.model_line.value = (f"<code>{html.escape(repr(run.model))}</code> &middot; "
                                 f"{run.model.num_params():,} parameters &middot; "
                                 f"points: filled = train, hollow = held out")
        self._update_status()
        self._show()

    def alt_text(self) -> str:
        """What the still picture shows (the website's rendering of the playground)."""
        run, h = self.run, self.run.history
        s = run.settings
        batch = ("full-batch gradient descent" if s.batch_size is None
                 else f"minibatch SGD with batches of {s.batch_size}")
        return (f"Still picture of the playground after {run.steps_done:,} steps of {batch} "
                f"on the {s.dataset} data, network {run.model!r}: training accuracy "
                f"{widgets.percent(h.train_acc[-1])}, held-out accuracy "
                f"{widgets.percent(h.val_acc[-1])}. Top left, the decision regions with the "
                f"points; top right, the loss and accuracy curves; bottom left, small maps of "
                f"the first {len(self.unit_maps.images)} hidden units' outputs over the input "
                f"plane; bottom right, the norm of each layer's weight gradient over training.")

    def _update_status(self) -> None:
        run = self.run
        if run.diverged is not None:
            self.status_line.value = (f"<span role='alert'><b>{html.escape(run.diverged)}</b> "
                                      f"&mdash; press reset</span>")
            return
        h = run.history
        parts = [f"step {run.steps_done:,}", f"train accuracy {widgets.percent(h.train_acc[-1])}",
                 f"held-out accuracy {widgets.percent(h.val_acc[-1])}"]
        if run.settings.activation == "relu":
            parts.append(f"dead relus {widgets.percent(run.dead[-1])}")
        if self._playing:
            parts.append("playing")
        self.status_line.value = " &middot; ".join(parts)


def _batch_value(batch_size: int | None) -> int:
    return FULL_BATCH if batch_size is None else batch_size


def _batch_options(choices: Sequence, batch_size: int | None) -> list[tuple[str, int]]:
    """The batch-size menu: (words, value) for choices plus batch_size; full batch first."""
    return [("full batch" if b is None else f"{b} (minibatch SGD)", _batch_value(b))
            for b in _with_value(choices, batch_size)]


def _check_flag(where: str, name: str, value) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{where}: {name} must be True or False, got {type(value).__name__}")
    return bool(value)


def _check_equal_sizes(where: str, sizes: tuple[int, ...]) -> None:
    if len(set(sizes)) != 1:
        raise ValueError(f"{where}: hidden_sizes must be equal sizes such as (8, 8) (the "
                         f"controls build layers of one width), got {sizes}")


def _with_value(options: Sequence, value) -> tuple:
    """``options`` plus ``value`` if missing, sorted (None first) so sliders stay monotone."""
    opts = list(options)
    if value not in opts:
        opts.append(value)
    return tuple(sorted(opts, key=lambda v: (v is not None, v if v is not None else 0)))
