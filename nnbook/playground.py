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

from nnkit import datasets, losses, model, plotting, train
from nnbook import widgets

DATASETS = ("spiral", "circles", "moons", "xor", "blobs", "outliers")
ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "maxout")
LR_CHOICES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REG_CHOICES = (0.0, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3)
BATCH_CHOICES = (None, 8, 16, 32, 64, 128)
MAX_HIDDEN_LAYERS = 4
MAX_UNITS = 64
MAX_CLASSES = 3  # the most classes any playground data set has
MAX_HISTORY = 400  # curve points kept; older points are thinned so memory stays bounded


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



# --- the playground -------------------------------------------------------------------------


class Playground(widgets.FigureWidget):
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

        self.figure = widgets.offscreen_figure(8.4, 4.0, dpi)
        fig = self.figure
        with plotting.house_style():
            ax_regions = fig.add_axes((0.09, 0.12, 0.42, 0.84))
            ax_loss = fig.add_axes((0.60, 0.60, 0.38, 0.36))
            ax_acc = fig.add_axes((0.60, 0.12, 0.38, 0.36))
            self.regions = plotting.RegionPlot(ax=ax_regions, extent=self.run.extent,
                                               num_classes=MAX_CLASSES, resolution=resolution,
                                               legend=False)
            self.curves = plotting.CurvesPlot(axes=(ax_loss, ax_acc), show_dead=True, round_limits=True)
            ax_loss.set_xlabel("")
        c = self.curves
        self._blitter = widgets.Blitter(self.figure, [
            self.regions.image, *self.regions.ax.spines.values(), *self.regions.train_points,
            *self.regions.val_points, c.train_loss, c.val_loss, c.train_acc, c.val_acc, c.dead])
        self._build_controls(fit_on_change)
        self.image = widgets.image_widget(int(8.4 * dpi))
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
                description=f"train to {widgets.percent(self.target_accuracy)} on change"),
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

    def set(self, *, dataset=widgets.KEEP, noise=widgets.KEEP, held_out=widgets.KEEP, hidden_layers=widgets.KEEP, units=widgets.KEEP,
            activation=widgets.KEEP, reg=widgets.KEEP, lr=widgets.KEEP, batch_size=widgets.KEEP, fit_on_change=widgets.KEEP) -> None:
        """Change settings exactly as the controls do (omitted ones are kept), then redraw.

        batch_size=None means full batch.  New data or architecture restart training; with
        ``fit_on_change`` every change retrains from the initial weights to the target accuracy.
        """
        given = {k: v for k, v in dict(dataset=dataset, noise=noise, held_out=held_out,
                                        hidden_layers=hidden_layers, units=units,
                                        activation=activation, reg=reg, lr=lr,
                                        batch_size=batch_size, fit_on_change=fit_on_change).items()
                 if v is not widgets.KEEP}
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
        parts = [f"step {run.steps_done:,}", f"train accuracy {widgets.percent(h.train_acc[-1])}",
                 f"held-out accuracy {widgets.percent(h.val_acc[-1])}"]
        if run.settings.activation == "relu":
            parts.append(f"dead relus {widgets.percent(run.dead[-1])}")
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

