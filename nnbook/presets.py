"""A preset is a named set of playground settings that recreates one figure of the book.

Chapter 8 (ch-playground) lists ``PRESETS``, applies one to a live ``playground.Playground``
with ``apply_preset`` (or the ``preset_chooser`` dropdown), and trains the same settings without
controls with ``preset_run``.  Moved unchanged from ``nnbook.experiments.capacity``.
"""

import dataclasses

import numpy as np


# --- playground presets (chapter 8) --------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Preset:
    """Playground settings that recreate one figure of the book.

    settings: keyword arguments of ``playground.Playground.set``; momentum: the SGD momentum
    (the playground has no control for it, so ``apply_preset`` sets it on the run);
    steps: how many steps to train to see the figure; figure: the label of the figure or
    chapter it recreates; look_for: what to watch.  The outlier presets use the settings of
    ``static.capacity_settings`` (100 points, noise 0.5: 8 outliers), so they expect a
    playground built with ``num_points=PLAYGROUND_POINTS``.
    """

    name: str
    figure: str
    settings: dict
    momentum: float
    steps: int
    look_for: str


PLAYGROUND_POINTS = 100  # the presets are tuned for a playground built with num_points=100
_OUTLIERS = dict(dataset="outliers", noise=0.5, held_out=0.3, hidden_layers=1, activation="relu",
                 lr=0.3, batch_size=None)
_SPIRAL = dict(dataset="spiral", noise=0.2, held_out=0.3, reg=0.0, batch_size=None)

PRESETS = (
    Preset("ch3: relu on the spiral", "fig-activations-relu-tanh",
           dict(_SPIRAL, hidden_layers=2, units=50, activation="relu", lr=1.0), 0.0, 80,
           "relu usually passes 95% training accuracy within these 80 steps"),
    Preset("ch3: tanh on the spiral", "fig-activations-relu-tanh",
           dict(_SPIRAL, hidden_layers=2, units=50, activation="tanh", lr=1.0), 0.0, 80,
           "with the same 80 steps tanh is usually still below 95%: press step to see how many more it needs"),
    Preset("ch3: sigmoid on the spiral", "fig-activations-saturation",
           dict(_SPIRAL, hidden_layers=2, units=50, activation="sigmoid", lr=1.0), 0.0, 80,
           "saturating units learn slowly: the loss curve stays nearly flat"),
    Preset("ch3: dead relus at a high learning rate", "fig-activations-dead",
           dict(_SPIRAL, hidden_layers=1, units=50, activation="relu", lr=5.0), 0.0, 300,
           "the dotted dead-relu curve climbs and the regions stop improving"),
    Preset("ch7: 3 hidden units", "fig-capacity-sizes",
           dict(_OUTLIERS, units=3, reg=0.0), 0.9, 3000,
           "broad strokes: the outliers are left on the wrong side"),
    Preset("ch7: 6 hidden units", "fig-capacity-sizes",
           dict(_OUTLIERS, units=6, reg=0.0), 0.9, 3000,
           "a few bends appear as the boundary reaches for outliers"),
    Preset("ch7: 20 hidden units", "fig-capacity-sizes",
           dict(_OUTLIERS, units=20, reg=0.0), 0.9, 3000,
           "training accuracy climbs toward 100% while the held-out curve sags"),
    Preset("ch7: 20 units, reg 0.001", "fig-capacity-reg",
           dict(_OUTLIERS, units=20, reg=0.001), 0.9, 3000,
           "still wiggly: this much L2 barely restrains the network"),
    Preset("ch7: 20 units, reg 0.01", "fig-capacity-reg",
           dict(_OUTLIERS, units=20, reg=0.01), 0.9, 3000,
           "the islands around outliers disappear"),
    Preset("ch7: 20 units, reg 0.1", "fig-capacity-reg",
           dict(_OUTLIERS, units=20, reg=0.1), 0.9, 3000,
           "a nearly straight boundary: strong L2 makes the large net act like a small one"),
)


def preset(name: str) -> Preset:
    """The preset called ``name`` (ValueError listing the names otherwise)."""
    for p in PRESETS:
        if p.name == name:
            return p
    raise ValueError(f"preset: unknown name {name!r}; choose one of {[p.name for p in PRESETS]}")


def apply_preset(lab, name: str, *, train_steps: bool = True) -> Preset:
    """Put a ``playground.Playground`` in the preset's settings, restart it and (by default) train.

    Uses only the playground's public API: ``set(...)`` for the controls, then the run's
    ``configure`` (for the momentum, which has no control) and ``restart``, then ``step``.
    """
    p = preset(name)
    lab.pause()
    lab.set(**p.settings)
    run = lab.run
    if run.settings.momentum != p.momentum:
        run.configure(dataclasses.replace(run.settings, momentum=p.momentum))
    run.restart()
    if train_steps:
        lab.step(p.steps)
    else:
        lab.redraw()
    return p


def preset_chooser(lab):
    """A dropdown plus an "apply" button that put ``playground`` in a preset (needs a kernel)."""
    import ipywidgets

    names = [p.name for p in PRESETS]
    chooser = ipywidgets.Dropdown(options=names, value=names[0], description="preset",
                                  layout=ipywidgets.Layout(width="380px"))
    button = ipywidgets.Button(description="apply and train", icon="play")
    note = ipywidgets.HTML()

    def go(_=None):
        p = apply_preset(lab, chooser.value)
        note.value = f"<p aria-live='polite'>{p.name}: after {p.steps} steps, {p.look_for}.</p>"

    button.on_click(go)
    from nnbook import widgets  # on the website: a still rendering that says it needs a kernel

    return widgets.KernelOnly(ipywidgets.VBox([ipywidgets.HBox([chooser, button]), note]),
                              title="preset chooser")


def preset_settings(name: str, *, num_points: int = PLAYGROUND_POINTS):
    """The ``playground.Settings`` a playground built with ``num_points`` has after ``apply_preset(name)``."""
    from nnbook import playground

    p = preset(name)
    s = dict(p.settings)
    hidden = (int(s.pop("units")),) * int(s.pop("hidden_layers"))
    return playground.Settings(num_points=num_points, hidden_sizes=hidden, momentum=p.momentum, **s)


def preset_run(name: str, *, rng: np.random.Generator, num_points: int = PLAYGROUND_POINTS,
               steps: int | None = None, record_every: int = 100):
    """A ``playground.Run`` (the playground without its controls) in a preset, trained its steps.

    The curves are recorded every ``record_every`` steps, as the playground records them
    once per frame.  Returns the run (its model, data and history are public attributes).
    """
    from nnbook import playground

    run = playground.Run(preset_settings(name, num_points=num_points), rng=rng)
    total = preset(name).steps if steps is None else int(steps)
    while run.steps_done < total:
        run.advance(min(record_every, total - run.steps_done))
    return run
