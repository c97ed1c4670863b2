"""A preset is a named set of playground settings close to one figure of the book.

Chapter 8 (ch-playground) lists ``PRESETS``, applies one to a live ``playground.Playground``
with ``apply_preset`` (or the ``preset_chooser`` dropdown), and trains the same settings without
controls with ``preset_run``.  No preset reproduces its figure exactly: the playground trains
one network on its own small draw of the data so that a preset trains in seconds, and each
preset says in ``differs`` what it changes from the figure's setting.
"""

import dataclasses
import inspect

import numpy as np

from nnbook.experiments import capacity, rectifiers
from nnkit import train, validate


@dataclasses.dataclass(frozen=True)
class Preset:
    """Playground settings close to one figure of the book.

    settings: keyword arguments of ``playground.Playground.set``; momentum: the SGD momentum
    (the playground has no control for it, so ``apply_preset`` sets it on the run);
    steps: how many steps to train; figure: the label of the figure it is close to;
    differs: how its setting differs from that figure's; look_for: what to look at (a
    prompt, not a promise: what the reader sees depends on the seed).  Every
    preset expects a playground built with ``num_points=PLAYGROUND_POINTS``.
    """

    name: str
    figure: str
    settings: dict
    momentum: float
    steps: int
    differs: str
    look_for: str


RECORDS = 60  # curve points recorded while apply_preset trains
PLAYGROUND_POINTS = 100  # the presets are tuned for a playground built with num_points=100
_OUTLIERS = dict(dataset="outliers", noise=0.5, held_out=0.3, activation="relu", lr=0.3,
                 batch_size=None)
_SPIRAL = dict(dataset="spiral", noise=0.2, held_out=0.3, reg=0.0, batch_size=None)
_SWEEP = inspect.signature(rectifiers.lr_sweep).parameters["lrs"].default  # chapter 3's rates
_SMALL_OUTLIERS = (f"{PLAYGROUND_POINTS} points with {round(0.5 * PLAYGROUND_POINTS / 6)} "
                   f"outliers, 30% held out, 3,000 steps, where the figure has "
                   f"{capacity.NUM_POINTS} points with {capacity.NUM_OUTLIERS} outliers, "
                   f"{capacity.HELD_OUT:.0%} held out, {capacity.STEPS:,} steps")
_SMALL_SPIRAL = f"the playground's {PLAYGROUND_POINTS}-point spiral with 30% held out, one seed"
_IN_SWEEP = f"the figure sweeps learning rates from {min(_SWEEP):g} to {max(_SWEEP):g}"

PRESETS = (
    Preset("ch3: relu on the spiral", "fig-activations-relu-tanh",
           dict(_SPIRAL, hidden_sizes=(50, 50), activation="relu", lr=1.0), 0.0, 80,
           f"one learning rate, 1 ({_IN_SWEEP}), on {_SMALL_SPIRAL}",
           "the step at which the training accuracy passes 95%"),
    Preset("ch3: tanh on the spiral", "fig-activations-relu-tanh",
           dict(_SPIRAL, hidden_sizes=(50, 50), activation="tanh", lr=1.0), 0.0, 80,
           f"one learning rate, 1 ({_IN_SWEEP}), on {_SMALL_SPIRAL}",
           "how far tanh gets in the same 80 steps as relu, and how many more steps it "
           "needs (press step)"),
    Preset("ch3: sigmoid on the spiral", "fig-activations-saturation",
           dict(_SPIRAL, hidden_sizes=(50, 50), activation="sigmoid", lr=1.0), 0.0, 80,
           "the figure is one backward pass through sigmoid units; this preset trains a "
           f"2-50-50-3 sigmoid network to show what small gradients do, on {_SMALL_SPIRAL}",
           "how fast the training accuracy rises, against relu and tanh"),
    Preset("ch3: dead relus at a high learning rate", "fig-activations-dead",
           dict(_SPIRAL, hidden_sizes=(50,), activation="relu", lr=5.0), 0.0, 200,
           f"one learning rate, 5 ({_IN_SWEEP}), for its 2-50-3 network, on {_SMALL_SPIRAL}",
           "the dotted dead-relu curve and the unit maps marked dead"),
    Preset("ch7: 3 hidden units", "fig-capacity-sizes",
           dict(_OUTLIERS, hidden_sizes=(3,), reg=0.0), 0.9, 3000, _SMALL_OUTLIERS,
           "which outliers end on the wrong side of the boundary"),
    Preset("ch7: 6 hidden units", "fig-capacity-sizes",
           dict(_OUTLIERS, hidden_sizes=(6,), reg=0.0), 0.9, 3000, _SMALL_OUTLIERS,
           "where the boundary bends towards the outliers"),
    Preset("ch7: 20 hidden units", "fig-capacity-sizes",
           dict(_OUTLIERS, hidden_sizes=(20,), reg=0.0), 0.9, 3000, _SMALL_OUTLIERS,
           "the gap between the training and held-out curves"),
    Preset("ch7: 20 units, reg 0.001", "fig-capacity-reg",
           dict(_OUTLIERS, hidden_sizes=(20,), reg=0.001), 0.9, 3000, _SMALL_OUTLIERS,
           "the boundary against 20 units without reg"),
    Preset("ch7: 20 units, reg 0.01", "fig-capacity-reg",
           dict(_OUTLIERS, hidden_sizes=(20,), reg=0.01), 0.9, 3000, _SMALL_OUTLIERS,
           "the boundary against reg 0.001 and reg 0.1"),
    Preset("ch7: 20 units, reg 0.1", "fig-capacity-reg",
           dict(_OUTLIERS, hidden_sizes=(20,), reg=0.1), 0.9, 3000, _SMALL_OUTLIERS,
           "the boundary against 3 hidden units without reg"),
)


def preset(name: str) -> Preset:
    """The preset called ``name`` (ValueError listing the names otherwise)."""
    for p in PRESETS:
        if p.name == name:
            return p
    raise ValueError(f"preset: name must be one of {[p.name for p in PRESETS]}, got {name!r}")


def apply_preset(lab, name: str, *, train_steps: bool = True) -> Preset:
    """Put a ``playground.Playground`` in the preset's settings, restart it and (by default) train.

    Uses only the playground's public API: ``set(...)`` for the controls, then the run's
    ``configure`` (for the momentum, which has no control), ``restart`` and ``advance`` (the
    curves get ``RECORDS`` points, as if the reader had pressed play), then ``redraw``.
    """
    from nnbook import playground

    if not isinstance(lab, playground.Playground):
        raise TypeError(f"apply_preset: lab must be a playground.Playground, "
                        f"got {type(lab).__name__}")
    p = preset(name)
    if not isinstance(train_steps, bool):
        raise TypeError(f"apply_preset: train_steps must be True or False, "
                        f"got {type(train_steps).__name__}")
    lab.pause()
    lab.set(**p.settings)
    run = lab.run
    if run.settings.momentum != p.momentum:
        run.configure(dataclasses.replace(run.settings, momentum=p.momentum))
    run.restart()
    if train_steps:  # in RECORDS chunks, so the curves have points to draw, then one redraw
        chunk = max(1, p.steps // RECORDS)
        while run.steps_done < p.steps and run.diverged is None:
            try:
                run.advance(min(chunk, p.steps - run.steps_done))
            except train.Diverged:
                pass  # the status line says so
    lab.redraw()
    return p


def preset_chooser(lab):
    """A dropdown plus an "apply" button that put ``lab`` in a preset (needs a kernel)."""
    import ipywidgets

    from nnbook import playground, widgets

    if not isinstance(lab, playground.Playground):
        raise TypeError(f"preset_chooser: lab must be a playground.Playground, "
                        f"got {type(lab).__name__}")
    names = [p.name for p in PRESETS]
    chooser = ipywidgets.Dropdown(options=names, value=names[0], description="preset",
                                  layout=ipywidgets.Layout(width="380px"))
    button = ipywidgets.Button(description="apply and train", icon="play")
    note = ipywidgets.HTML()

    def go(_=None):
        p = apply_preset(lab, chooser.value)
        note.value = (f"<p aria-live='polite'>{p.name}: trained {p.steps:,} steps. "
                      f"Look at {p.look_for}.</p>")

    button.on_click(go)
    # on the website: a still rendering that says it needs a kernel
    return widgets.KernelOnly(ipywidgets.VBox([ipywidgets.HBox([chooser, button]), note]),
                              title="preset chooser")


def preset_settings(name: str, *, num_points: int = PLAYGROUND_POINTS):
    """The ``playground.Settings`` a playground built with ``num_points`` has after
    ``apply_preset(name)``."""
    from nnbook import playground

    p = preset(name)
    num_points = validate.whole_number("preset_settings", "num_points", num_points, minimum=20)
    return playground.Settings(num_points=num_points, momentum=p.momentum, **p.settings)


def preset_run(name: str, *, rng: np.random.Generator, num_points: int = PLAYGROUND_POINTS,
               steps: int | None = None, record_every: int = 100):
    """A ``playground.Run`` (the playground without its controls) in a preset, trained its steps.

    The curves are recorded every ``record_every`` steps, as the playground records them
    once per frame.  Returns the run (its model, data and history are public attributes).
    """
    from nnbook import playground

    where = "preset_run"
    p = preset(name)
    validate.generator(where, rng)
    num_points = validate.whole_number(where, "num_points", num_points, minimum=20)
    total = p.steps if steps is None else validate.whole_number(where, "steps", steps, minimum=0)
    record_every = validate.whole_number(where, "record_every", record_every)
    run = playground.Run(preset_settings(name, num_points=num_points), rng=rng)
    while run.steps_done < total:
        run.advance(min(record_every, total - run.steps_done))
    return run
