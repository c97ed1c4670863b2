"""A static demo is an interactive picture whose frames are computed when the book is built,
so that its control still works on the website, where no Python kernel runs.

Each demo trains one small network per setting (full batch, the playground's own ``Run``),
renders its decision regions as a small PNG, and returns a ``Demo``: a control (a labelled
range slider, a row of buttons or a menu) over the precomputed pictures, with a caption under
the picture that says the same in words.  A ``Demo`` displays itself as plain HTML plus a small
script (``SCRIPT``), not as an ipywidget, so it needs neither a kernel nor the ipywidgets
manager: it works on the website, in Jupyter, in Colab and in VS Code.  The control is
written disabled and the script enables it, so where scripts never run (an untrusted notebook,
a renderer that strips scripts) the control is visibly inert rather than silently dead.

On the website the book's Sphinx extension takes the pictures out of the page into image files
(loaded when first shown) and serves ``SCRIPT`` once per page instead of once per demo.

``live_playground(frame)`` rebuilds a frame with the live ``playground.Playground`` so tests can
check that the precomputed pictures are what the live code computes for those settings.
Shapes: R grid resolution (the decision-region grid is R x R).
"""

import base64
import dataclasses
import hashlib
import html
import io
import json
from collections.abc import Sequence

import numpy as np
import PIL.Image

from nnbook import playground, widgets
from nnkit import activations, plotting, validate

FRAME_WIDTH, FRAME_HEIGHT, FRAME_DPI = 4.0, 3.2, 80.0  # 320 x 256 pixels per picture
CONTROLS = ("slider", "buttons", "dropdown")
PNG_COLORS = 64  # palette PNGs: about 5 KB per picture instead of 15 KB, no visible loss


@dataclasses.dataclass(frozen=True)
class Frame:
    """One precomputed picture and how it was made.

    The run was ``playground.Run(settings, rng=np.random.default_rng(seed))`` followed by
    ``advance(steps)``; grid (R, R) holds its predicted classes over the frame's box.
    """

    label: str
    settings: playground.Settings
    seed: int
    steps: int
    resolution: int
    grid: np.ndarray
    train_acc: float
    val_acc: float
    png: bytes
    alt: str


def _check_settings(where: str, name: str, settings) -> playground.Settings:
    if not isinstance(settings, playground.Settings):
        raise TypeError(f"{where}: {name} must be a playground.Settings, "
                        f"got {type(settings).__name__}")
    return settings


def _check_png(where: str, name: str, png) -> bytes:
    if not isinstance(png, (bytes, bytearray)) or not bytes(png).startswith(b"\x89PNG"):
        raise TypeError(f"{where}: {name} must be PNG bytes, got {type(png).__name__}")
    return bytes(png)


def _check_text(where: str, name: str, text) -> str:
    if not isinstance(text, str):
        raise TypeError(f"{where}: {name} must be a string, got {type(text).__name__}")
    return text


def _check_list(where: str, name: str, values) -> list:
    if isinstance(values, (str, bytes)) or not isinstance(values, (Sequence, np.ndarray)):
        raise TypeError(f"{where}: {name} must be a list, got {type(values).__name__}")
    if len(values) == 0:
        raise ValueError(f"{where}: {name} must not be empty")
    return list(values)


def _check_training(where: str, rng, steps, resolution) -> tuple[int, int]:
    """Check the arguments every demo shares: rng, steps (>= 0), resolution (>= 2)."""
    validate.generator(where, rng)
    return (validate.whole_number(where, "steps", steps, minimum=0),
            validate.whole_number(where, "resolution", resolution, minimum=2))


def train_run(settings: playground.Settings, *, seed: int, steps: int) -> playground.Run:
    """The playground's run for these settings and seed after ``steps`` training steps."""
    where = "train_run"
    _check_settings(where, "settings", settings)
    seed = validate.whole_number(where, "seed", seed, minimum=0)
    steps = validate.whole_number(where, "steps", steps, minimum=0)
    run = playground.Run(settings, rng=np.random.default_rng(seed))
    run.advance(steps)
    return run


class _FrameRenderer:
    """One small persistent figure, redrawn for every frame of a demo (no figure per frame)."""

    def __init__(self, run: playground.Run, *, resolution: int):
        self.figure = widgets.offscreen_figure(FRAME_WIDTH, FRAME_HEIGHT, FRAME_DPI)
        with plotting.house_style():
            ax = self.figure.add_axes((0.15, 0.15, 0.8, 0.74))
            self.plot = plotting.RegionPlot(ax=ax, extent=run.extent, num_classes=run.num_classes,
                                            resolution=resolution, legend=False)
        self.plot.set_points(run.X_train, run.y_train, run.X_val, run.y_val)

    def render(self, grid: np.ndarray, title: str) -> bytes:
        self.plot.set_regions(grid)
        self.plot.ax.set_title(title, fontsize=10)
        return widgets.render_png(self.figure, colors=PNG_COLORS)


def frames(settings_list: Sequence[playground.Settings], labels: Sequence[str], *,
           rng: np.random.Generator,
           steps: int, resolution: int = 100, title: str = "{label}",
           describe: str = "{label}") -> list[Frame]:
    """Train and render one frame per settings; all frames share one seed drawn from ``rng``.

    The settings must share their data (same dataset, noise, held_out, num_points), so every
    picture shows the same points.  ``title`` (short, drawn above the picture) and
    ``describe`` (for the alt text, "a network with ...") are formatted with {label}; both
    are followed by the training and held-out accuracy.
    """
    where = "frames"
    steps, resolution = _check_training(where, rng, steps, resolution)
    settings_list = _check_list(where, "settings_list", settings_list)
    labels = _check_list(where, "labels", labels)
    for i, settings in enumerate(settings_list):
        _check_settings(where, f"settings_list[{i}]", settings)
    title, describe = _check_text(where, "title", title), _check_text(where, "describe", describe)
    if len(settings_list) != len(labels):
        raise ValueError(f"frames: {len(settings_list)} settings but {len(labels)} labels")
    data = {tuple(getattr(s, f) for f in playground.DATA_FIELDS) for s in settings_list}
    if len(data) != 1:
        raise ValueError(f"frames: every frame must use the same data settings "
                         f"{playground.DATA_FIELDS}, "
                         f"got {sorted(data)}")
    seed = int(rng.integers(2**32))
    out, renderer = [], None
    for settings, label in zip(settings_list, labels):
        run = train_run(settings, seed=seed, steps=steps)
        grid = run.grid(resolution=resolution)
        train_acc, val_acc = run.history.train_acc[-1], run.history.val_acc[-1]
        renderer = renderer or _FrameRenderer(run, resolution=resolution)
        heading = f"{title.format(label=label)}: train {train_acc:.0%}, held out {val_acc:.0%}"
        alt = (f"Decision regions of a network with {describe.format(label=label)} after {steps} "
               f"training steps on the {settings.dataset} data (filled markers: training points, "
               f"hollow: held out): training accuracy {train_acc:.0%}, held-out accuracy "
               f"{val_acc:.0%}.")
        out.append(Frame(label=str(label), settings=settings, seed=seed, steps=steps,
                         resolution=resolution, grid=grid, train_acc=train_acc, val_acc=val_acc,
                         png=renderer.render(grid, heading), alt=alt))
    return out


def img_tag(png: bytes, *, alt: str) -> str:
    """An HTML <img> holding the PNG inline (a data URI), with alt text, at most its own width."""
    png, alt = _check_png("img_tag", "png", png), _check_text("img_tag", "alt", alt)
    width, height = PIL.Image.open(io.BytesIO(png)).size
    return (f'<img src="{data_uri(png)}" alt="{html.escape(alt, quote=True)}" width="{width}" '
            f'height="{height}" style="max-width: 100%; height: auto">')


def data_uri(png: bytes) -> str:
    """The PNG as a data: URI (the website's build turns these into image files)."""
    png = _check_png("data_uri", "png", png)
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


# The demo's behaviour, shared by every demo.  In a notebook it runs from a <script> beside each
# demo; on the website the Sphinx extension serves it once per page as _static/nnkit-demo.js.
# It enables each demo's control and, when the control moves, shows that frame's picture, alt
# text and caption (the caption is a polite live region, so screen readers announce it).
SCRIPT = r"""(function () {
  "use strict";
  function setUp(demo) {
    if (demo.getAttribute("data-ready")) { return; }
    demo.setAttribute("data-ready", "true");
    var frames = JSON.parse(demo.getAttribute("data-frames"));
    var img = demo.querySelector("img");
    var caption = demo.querySelector(".nnkit-demo__caption");
    var value = demo.querySelector("output");
    var range = demo.querySelector("input[type=range]");
    var menu = demo.querySelector("select");
    var buttons = Array.prototype.slice.call(demo.querySelectorAll("button[data-index]"));
    function fetchFrame(i) {
      if (i >= 0 && i < frames.length && !frames[i].fetched) {
        frames[i].fetched = true;
        new Image().src = frames[i].src;
      }
    }
    function show(i) {
      var frame = frames[i];
      img.src = frame.src;
      img.alt = frame.alt;
      caption.textContent = frame.caption;
      if (value) { value.textContent = frame.label; }
      if (range) {
        range.value = String(i);
        range.setAttribute("aria-valuetext", frame.valuetext);
      }
      if (menu) { menu.selectedIndex = i; }
      buttons.forEach(function (b, k) {
        b.setAttribute("aria-pressed", k === i ? "true" : "false");
      });
      fetchFrame(i - 1);
      fetchFrame(i + 1);
    }
    if (range) { range.addEventListener("input", function () { show(Number(range.value)); }); }
    if (menu) { menu.addEventListener("change", function () { show(menu.selectedIndex); }); }
    buttons.forEach(function (b) {
      b.addEventListener("click", function () { show(Number(b.getAttribute("data-index"))); });
    });
    Array.prototype.forEach.call(demo.querySelectorAll("[disabled]"), function (c) {
      c.disabled = false;
    });
    demo.removeAttribute("data-inert");
  }
  function setUpAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".nnkit-demo"), setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
"""


class Demo:
    """A kernel-free picture switcher: a control whose position selects one precomputed picture.

    Built by ``image_stack``; shows itself in a notebook (and on the website) as HTML: a
    ``<div class="nnkit-demo">`` holding the control, the current picture and its caption,
    with every frame listed in its ``data-frames`` attribute.  ``index`` is the frame shown
    first; ``html()`` is the markup, with or without the ``SCRIPT`` that brings it to life.
    """

    def __init__(self, pngs: Sequence[bytes], labels: Sequence[str], *, description: str,
                 captions: Sequence[str] | None = None, control: str = "slider",
                 initial: int = 0, where: str = "Demo"):
        where = _check_text("Demo", "where", where)
        pngs, labels = _check_list(where, "pngs", pngs), _check_list(where, "labels", labels)
        if len(pngs) != len(labels):
            raise ValueError(f"{where}: need as many labels as pictures, got {len(pngs)} "
                             f"pictures and {len(labels)} labels")
        labels = [str(label) for label in labels]
        if len(set(labels)) != len(labels):
            raise ValueError(f"{where}: labels must be distinct, got {labels}")
        captions = ([str(c) for c in _check_list(where, "captions", captions)]
                    if captions is not None else labels)
        if len(captions) != len(pngs):
            raise ValueError(f"{where}: captions: {len(pngs)} pictures but {len(captions)} "
                             f"captions")
        validate.choice(where, "control", control, CONTROLS)
        initial = validate.whole_number(where, "initial", initial, 0, len(pngs) - 1)
        pngs = [_check_png(where, f"pngs[{k}]", png) for k, png in enumerate(pngs)]
        self.pngs, self.labels, self.captions = pngs, labels, captions
        self.description = _check_text(where, "description", description)
        self.control, self.index = control, initial
        digest = hashlib.sha1(json.dumps([description, self.labels, self.captions]).encode())
        for png in self.pngs:
            digest.update(png)
        self.id = "nnkit-demo-" + digest.hexdigest()[:10]

    def __len__(self) -> int:
        return len(self.pngs)

    def valuetext(self, i: int) -> str:
        """What a screen reader says for frame i's position, e.g. "hidden units: 2"."""
        i = validate.whole_number("Demo.valuetext", "i", i, 0, len(self) - 1)
        return f"{self.description}: {self.labels[i]}"

    def _control_html(self) -> str:
        i, n, esc = self.index, len(self), html.escape
        name = f'{self.id}-label'
        label = f'<span id="{name}" class="nnkit-demo__label">{esc(self.description)}</span>'
        if self.control == "slider":
            return (f'<label id="{name}" class="nnkit-demo__label" for="{self.id}-input">'
                    f'{esc(self.description)}</label>'
                    f'<input id="{self.id}-input" type="range" min="0" max="{n - 1}" step="1" '
                    f'value="{i}" aria-valuetext="{esc(self.valuetext(i))}" disabled>'
                    f'<output for="{self.id}-input" aria-hidden="true">'
                    f'{esc(self.labels[i])}</output>')
        if self.control == "dropdown":
            options = "".join(f'<option{" selected" if k == i else ""}>{esc(lab)}</option>'
                              for k, lab in enumerate(self.labels))
            return (f'<label id="{name}" class="nnkit-demo__label" for="{self.id}-input">'
                    f'{esc(self.description)}</label>'
                    f'<select id="{self.id}-input" disabled>{options}</select>')
        buttons = "".join(
            f'<button type="button" data-index="{k}" '
            f'aria-pressed="{"true" if k == i else "false"}" disabled>{esc(lab)}</button>'
            for k, lab in enumerate(self.labels))
        return (f'{label}<span role="group" aria-labelledby="{name}" class="nnkit-demo__buttons">'
                f'{buttons}</span>')

    def html(self, *, script: bool = True) -> str:
        """The demo's HTML; with ``script``, followed by the ``SCRIPT`` that enables it."""
        if not isinstance(script, bool):
            raise TypeError(f"Demo.html: script must be True or False, got {type(script).__name__}")
        i = self.index
        frames = [{"label": lab, "src": data_uri(png), "alt": cap, "caption": cap,
                   "valuetext": self.valuetext(k)}
                  for k, (lab, png, cap) in enumerate(zip(self.labels, self.pngs, self.captions))]
        width, height = PIL.Image.open(io.BytesIO(self.pngs[i])).size
        out = (f'<div class="nnkit-demo" id="{self.id}" data-inert="true" role="group" '
               f'aria-labelledby="{self.id}-label" '
               f'data-frames="{html.escape(json.dumps(frames), quote=True)}">'
               f'<div class="nnkit-demo__control">{self._control_html()}</div>'
               f'<figure class="nnkit-demo__figure" style="margin: 0.4em 0">'
               f'<img src="{frames[i]["src"]}" alt="{html.escape(frames[i]["alt"], quote=True)}" '
               f'width="{width}" height="{height}" style="max-width: 100%; height: auto">'
               f'<figcaption class="nnkit-demo__caption" aria-live="polite" '
               f'style="max-width: 36em; font-size: 0.9em">{html.escape(self.captions[i])}'
               f'</figcaption></figure></div>')
        if script:
            out += f'<script data-nnkit-demo-script="true">{SCRIPT}</script>'
        return out

    def _repr_html_(self) -> str:
        return self.html()

    def __repr__(self) -> str:
        return (f"Demo({self.description!r}: {len(self)} pictures, {self.control}, "
                f"showing {self.labels[self.index]!r})")


def image_stack(pngs: Sequence[bytes], labels: Sequence[str], *, description: str,
                captions: Sequence[str] | None = None, control: str = "slider",
                initial: int = 0) -> Demo:
    """A kernel-free picture switcher: a control whose index selects one of the PNG pictures.

    pngs: K PNG images; labels: K distinct control labels; captions: K texts shown under the
    picture and used as its alt text (default: the labels).  control: "slider" (a range input
    that announces "description: label"), "buttons" (one toggle button per label) or
    "dropdown".  initial: the frame shown first.  Pictures are shown at their own width (at
    most the page's).
    """
    return Demo(pngs, labels, description=description, captions=captions, control=control,
                initial=initial, where="image_stack")


def frames_stack(frame_list: Sequence[Frame], *, description: str, control: str = "slider",
                 initial: int = 0) -> Demo:
    """``image_stack`` of precomputed frames, with their alt texts as captions."""
    frame_list = _check_list("frames_stack", "frame_list", frame_list)
    for i, frame in enumerate(frame_list):
        if not isinstance(frame, Frame):
            raise TypeError(f"frames_stack: frame_list[{i}] must be a static.Frame, "
                            f"got {type(frame).__name__}")
    return Demo([f.png for f in frame_list], [f.label for f in frame_list],
                description=description, captions=[f.alt for f in frame_list],
                control=control, initial=initial, where="frames_stack")


# --- the chapter demos ---------------------------------------------------------------------

CAPACITY_SIZES = (1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20)
REGS = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1)
DEMO_ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "maxout")


def capacity_settings(hidden_size: int, *, reg: float = 0.0) -> playground.Settings:
    """Settings of the capacity demo: 100 points of the 2-class set with 8 outliers, one
    hidden ReLU layer."""
    hidden_size = validate.whole_number("capacity_settings", "hidden_size", hidden_size)
    reg = validate.number("capacity_settings", "reg", reg, low=0.0)
    return playground.Settings(dataset="outliers", num_points=100, noise=0.5,
                               hidden_sizes=(hidden_size,), activation="relu", reg=reg, lr=0.3)


def capacity_frames(*, rng: np.random.Generator, hidden_sizes: Sequence[int] = CAPACITY_SIZES,
                    steps: int = 2000, resolution: int = 100) -> list[Frame]:
    """One frame per hidden-layer size (more units, more wiggly regions that chase the outliers)."""
    where = "capacity_frames"
    steps, resolution = _check_training(where, rng, steps, resolution)
    hidden_sizes = [validate.whole_number(where, f"hidden_sizes[{i}]", h)
                    for i, h in enumerate(_check_list(where, "hidden_sizes", hidden_sizes))]
    return frames([capacity_settings(h) for h in hidden_sizes], [str(h) for h in hidden_sizes],
                  rng=rng, steps=steps, resolution=resolution, title="{label} hidden units",
                  describe="{label} hidden units")


def capacity_demo(*, rng: np.random.Generator, hidden_sizes: Sequence[int] = CAPACITY_SIZES,
                  steps: int = 2000, resolution: int = 100) -> Demo:
    """Slider over hidden-layer sizes switching precomputed decision regions (works without a
    kernel)."""
    where = "capacity_demo"
    _check_training(where, rng, steps, resolution)
    hidden_sizes = [validate.whole_number(where, f"hidden_sizes[{i}]", h)
                    for i, h in enumerate(_check_list(where, "hidden_sizes", hidden_sizes))]
    frame_list = capacity_frames(rng=rng, hidden_sizes=hidden_sizes, steps=steps,
                                 resolution=resolution)
    return frames_stack(frame_list, description="hidden units",
                        initial=min(range(len(frame_list)), key=lambda i: abs(hidden_sizes[i] - 6)))


def regularization_frames(*, rng: np.random.Generator, regs: Sequence[float] = REGS,
                          hidden_size: int = 20, steps: int = 2000,
                          resolution: int = 100) -> list[Frame]:
    """One frame per L2 strength reg for the same 20-unit network (stronger reg, smoother
    regions)."""
    where = "regularization_frames"
    steps, resolution = _check_training(where, rng, steps, resolution)
    regs = [validate.number(where, f"regs[{i}]", r, low=0.0)
            for i, r in enumerate(_check_list(where, "regs", regs))]
    hidden_size = validate.whole_number(where, "hidden_size", hidden_size)
    return frames([capacity_settings(hidden_size, reg=r) for r in regs], [f"{r:g}" for r in regs],
                  rng=rng, steps=steps, resolution=resolution, title="reg {label}",
                  describe=f"{hidden_size} hidden units and L2 strength reg = {{label}}")


def regularization_demo(*, rng: np.random.Generator, regs: Sequence[float] = REGS,
                        hidden_size: int = 20, steps: int = 2000, resolution: int = 100) -> Demo:
    """Slider over L2 strengths switching precomputed decision regions (works without a kernel)."""
    where = "regularization_demo"
    _check_training(where, rng, steps, resolution)
    for i, r in enumerate(_check_list(where, "regs", regs)):
        validate.number(where, f"regs[{i}]", r, low=0.0)
    validate.whole_number(where, "hidden_size", hidden_size)
    frame_list = regularization_frames(rng=rng, regs=regs, hidden_size=hidden_size, steps=steps,
                                       resolution=resolution)
    return frames_stack(frame_list, description="L2 strength reg")


def activation_settings(name: str, *, hidden_size: int = 50) -> playground.Settings:
    """Settings of the activation demo: the 3-class spiral, one hidden layer of ``name`` units."""
    name = validate.choice("activation_settings", "name", name, playground.ACTIVATIONS)
    hidden_size = validate.whole_number("activation_settings", "hidden_size", hidden_size)
    return playground.Settings(dataset="spiral", hidden_sizes=(hidden_size,), activation=name,
                               lr=0.3)


def activation_frames(*, rng: np.random.Generator, names: Sequence[str] = DEMO_ACTIVATIONS,
                      hidden_size: int = 50, steps: int = 300,
                      resolution: int = 100) -> list[Frame]:
    """One frame per activation after the same short training budget (who learns fastest)."""
    where = "activation_frames"
    steps, resolution = _check_training(where, rng, steps, resolution)
    names = [validate.choice(where, f"names[{i}]", n, playground.ACTIVATIONS)
             for i, n in enumerate(_check_list(where, "names", names))]
    hidden_size = validate.whole_number(where, "hidden_size", hidden_size)
    return frames([activation_settings(n, hidden_size=hidden_size) for n in names], list(names),
                  rng=rng, steps=steps, resolution=resolution, title="{label}",
                  describe=f"{hidden_size} {{label}} hidden units")


def activation_demo(*, rng: np.random.Generator, names: Sequence[str] = DEMO_ACTIVATIONS,
                    hidden_size: int = 50, steps: int = 300, resolution: int = 100) -> Demo:
    """Toggle buttons over activations switching precomputed decision regions (works without a
    kernel)."""
    where = "activation_demo"
    _check_training(where, rng, steps, resolution)
    for i, n in enumerate(_check_list(where, "names", names)):
        validate.choice(where, f"names[{i}]", n, playground.ACTIVATIONS)
    validate.whole_number(where, "hidden_size", hidden_size)
    frame_list = activation_frames(rng=rng, names=names, hidden_size=hidden_size, steps=steps,
                                   resolution=resolution)
    return frames_stack(frame_list, description="activation", control="buttons")


def activation_curves_demo(*, names: Sequence[str] = activations.NAMES) -> Demo:
    """Toggle buttons over activation functions switching pictures of f, f' and the saturated zones.

    The kernel-free twin of ``widgets.ActivationExplorer``: each picture is that widget's own
    figure for one function, and each caption its ``describe_activation`` sentence.
    """
    names = [validate.choice("activation_curves_demo", f"names[{i}]", n, activations.NAMES)
             for i, n in enumerate(_check_list("activation_curves_demo", "names", names))]
    explorer = widgets.ActivationExplorer(name=names[0], names=names, dpi=FRAME_DPI)
    pngs, captions = [], []
    for name in names:
        explorer.set(name=name)
        pngs.append(widgets.render_png(explorer.figure, colors=PNG_COLORS))
        captions.append("The function f (solid) and its slope f' (dashed), saturated zones "
                        "shaded grey. "
                        + widgets.describe_activation(name))
    return image_stack(pngs, list(names), description="f", captions=captions, control="buttons")


def live_playground(frame: Frame) -> playground.Playground:
    """The live ``playground.Playground`` with a frame's settings and seed, trained the frame's
    steps.

    Its ``grid()`` is what the live code computes for those settings; tests compare it with
    ``frame.grid``.  (The playground builds uniform hidden layers, as every demo frame has.)
    """
    if not isinstance(frame, Frame):
        raise TypeError(f"live_playground: frame must be a static.Frame, "
                        f"got {type(frame).__name__}")
    s = frame.settings
    if len(set(s.hidden_sizes)) != 1:
        raise ValueError(f"live_playground: the playground needs equal hidden sizes, "
                         f"got {s.hidden_sizes}")
    lab = playground.Playground(
        rng=np.random.default_rng(frame.seed), dataset=s.dataset, noise=s.noise,
        held_out=s.held_out,
        num_points=s.num_points, hidden_sizes=s.hidden_sizes, activation=s.activation,
        reg=s.reg, lr=s.lr, momentum=s.momentum, batch_size=s.batch_size,
        resolution=frame.resolution)
    lab.step(frame.steps)
    return lab
