"""A widget lets a reader change one setting and see the result at once; this module holds the
book's small chapter widgets and the rendering plumbing every widget shares.

``ActivationExplorer``, ``NeuronExplorer`` and ``ParameterCounter`` each show one idea; the
training playground lives in ``nnbook.playground`` and is built on the same plumbing.  Every
widget class:

* builds without a display (it never uses pyplot: one ``matplotlib.figure.Figure`` on the Agg
  canvas per widget, exposed as ``.figure``), so it can be driven from plain Python and tests;
* has a ``set(...)`` method with the same effect as moving its controls, and shows itself when
  it is the last expression of a notebook cell (``.widget`` is the ipywidgets box);
* reuses its figure and artists on every update (``set_data``, ``set_offsets``, ...) and shows
  the figure as PNG bytes in an ``ipywidgets.Image``.

Display choice: an ``ipywidgets.Image`` fed with PNG bytes rendered from the one persistent
Figure.  It works with the plain Agg backend (no ipympl, no ``%matplotlib widget``), never
leaks figures (pyplot never sees them), and costs one PNG encode per update.  Without a kernel
(the static website) a widget cannot work, so each one also displays a still rendering with
its controls disabled and a note that it needs a kernel (``FigureWidget``), which the website
shows instead; ``nnbook.static`` provides kernel-free versions of the key demos.
"""

import base64
import html
import io
import struct
import zlib
from collections.abc import Sequence

import ipywidgets
import numpy as np
import PIL.Image
from matplotlib import colors as mcolors
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.transforms import IdentityTransform

from nnkit import activations, datasets, diagrams, model, plotting, validate

PNG_COMPRESS_LEVEL = 1  # zlib level for live frames; 6 saves ~14% of bytes at twice the time
MAX_DPI = 600.0  # a figure of a few inches at 600 dpi is already larger than any screen
MAX_INCHES = 40.0


class _Keep:
    """Marker for "leave this setting as it is" in ``set(...)`` methods."""

    def __repr__(self):
        return "KEEP"


KEEP = _Keep()


# --- rendering helpers ----------------------------------------------------------------------


def offscreen_figure(width: float, height: float, dpi: float) -> Figure:
    """A (width x height inch) figure that pyplot does not track, on the Agg canvas.

    Widgets and precomputed demos draw into it and read PNG bytes back (`render_png`), so it is
    never auto-shown by the notebook and never left open in pyplot's figure registry.
    """
    where = "offscreen_figure"
    width = validate.number(where, "width", width, low=0, high=MAX_INCHES, low_open=True)
    height = validate.number(where, "height", height, low=0, high=MAX_INCHES, low_open=True)
    dpi = validate.number(where, "dpi", dpi, low=0, high=MAX_DPI, low_open=True)
    with plotting.house_style():
        fig = Figure(figsize=(width, height), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    return fig


def render_png(fig: Figure, *, colors: int | None = None) -> bytes:
    """Draw ``fig`` and return it as PNG bytes (opaque white background); see ``encode_png``."""
    if not isinstance(fig, Figure):
        raise TypeError(f"render_png: fig must be a matplotlib Figure (see offscreen_figure), "
                        f"got {type(fig).__name__}")
    _check_canvas("render_png", "fig.canvas", fig.canvas)
    _check_colors("render_png", colors)
    with plotting.house_style():
        fig.canvas.draw()
    return encode_png(fig.canvas, colors=colors)


def encode_png(canvas: FigureCanvasAgg, *, colors: int | None = None) -> bytes:
    """PNG bytes of what the Agg canvas holds now.

    colors=None: full RGB with a fast zlib level (for pictures redone every frame); an int:
    reduced to a palette of that many colours, about 3 times smaller (for pictures stored in
    a web page).
    """
    _check_canvas("encode_png", "canvas", canvas)
    _check_colors("encode_png", colors)
    if colors is None:
        return _fast_png(np.asarray(canvas.buffer_rgba())[..., :3])
    width, height = canvas.get_width_height(physical=True)
    rgba = PIL.Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    palette = rgba.convert("RGB").quantize(colors=colors, method=PIL.Image.Quantize.MEDIANCUT,
                                           dither=PIL.Image.Dither.NONE)
    buf = io.BytesIO()
    palette.save(buf, format="png", optimize=True)
    return buf.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _fast_png(rgb: np.ndarray) -> bytes:
    """PNG bytes of an (H, W, 3) uint8 image: every row unfiltered, zlib at PNG_COMPRESS_LEVEL.

    Pillow chooses a filter for each row, which costs more than the compression itself; flat
    plot colours compress as well without one (measured on the playground's 672 x 560 frame:
    9 ms and 70 kB, against 16 ms and 77 kB from Pillow).
    """
    height, width, _ = rgb.shape
    rows = np.empty((height, 1 + 3 * width), np.uint8)
    rows[:, 0] = 0  # filter type 0: the row as it is
    rows[:, 1:] = rgb.reshape(height, 3 * width)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(rows.tobytes(), PNG_COMPRESS_LEVEL))
            + _png_chunk(b"IEND", b""))


def _check_canvas(where: str, name: str, canvas) -> None:
    if not isinstance(canvas, FigureCanvasAgg):
        raise TypeError(f"{where}: {name} must be an Agg canvas (FigureCanvasAgg; "
                        f"offscreen_figure makes one), got {type(canvas).__name__}")


def _check_colors(where: str, colors) -> None:
    if colors is not None:
        validate.whole_number(where, "colors", colors, minimum=2, maximum=256)


class Blitter:
    """Renders a figure whose moving parts are a few artists, redrawing the rest only when needed.

    The ``animated`` artists are left out of a full draw; that draw (axes, ticks, labels,
    legends) is saved and reused for every frame, and each frame draws just the animated
    artists on top of it.  When axis limits change, only the axes whose limits changed are
    painted again, over the area their ticks and labels take before and after, together with
    any axes or figure text that area overlaps; the figure is drawn whole when that would be
    everything, or when an axes was hidden or shown.  A full draw of a figure with text costs
    30-60 ms per axes in Agg; a blitted frame a few ms plus the PNG encoding.
    """

    def __init__(self, figure: Figure, animated: Sequence):
        where = "Blitter"
        if not isinstance(figure, Figure):
            raise TypeError(f"{where}: figure must be a matplotlib Figure, "
                            f"got {type(figure).__name__}")
        _check_canvas(where, "figure.canvas", figure.canvas)
        if not isinstance(animated, (list, tuple)):
            raise TypeError(f"{where}: animated must be a list of the figure's artists, "
                            f"got {type(animated).__name__}")
        for i, artist in enumerate(animated):
            if not isinstance(artist, Artist):
                raise TypeError(f"{where}: animated[{i}] must be a matplotlib artist, "
                                f"got {type(artist).__name__}")
            if artist.axes is None or artist.axes.figure is not figure:
                raise ValueError(f"{where}: animated[{i}] must be drawn in an axes of figure "
                                 f"(a {type(artist).__name__} of another figure, or of none)")
        self.figure = figure
        self.animated = list(animated)
        for artist in self.animated:
            artist.set_animated(True)
        self._background = None
        self._key = None  # the axes and their limits when the background was drawn
        self._boxes = {}  # {axes or figure text: the pixels it covers in that background}

    def png(self) -> bytes:
        """The figure as PNG bytes."""
        canvas = self.figure.canvas
        key = tuple((ax, ax.get_xlim(), ax.get_ylim()) for ax in self.figure.axes)
        if key != self._key:
            with plotting.house_style():
                if not self._repaint_changed(key):
                    canvas.draw()  # everything except the animated artists
                    renderer = canvas.get_renderer()
                    self._boxes = {item: _area(item, renderer)
                                   for item in [*self.figure.axes, *self.figure.texts]}
            self._background = canvas.copy_from_bbox(self.figure.bbox)
            self._key = key
        else:
            canvas.restore_region(self._background)
        for artist in self.animated:
            artist.axes.draw_artist(artist)
        return encode_png(canvas)

    def _repaint_changed(self, key) -> bool:
        """Paint again the axes whose limits changed; False if a full draw is needed instead.

        What is painted again: those axes, and every axes or figure text whose area overlaps
        the area, before or after, of something painted again.  Areas of the rest are as saved.
        """
        if self._key is None or [k[0] for k in key] != [k[0] for k in self._key]:
            return False
        renderer = self.figure.canvas.get_renderer()
        new = {ax: _area(ax, renderer)
               for (ax, *limits), (_, *old) in zip(key, self._key) if limits != old}
        while True:
            covered = [box for item in new for box in (self._boxes[item], new[item])]
            if None in covered:  # an axes hidden or shown again
                return False
            covered = [box.padded(2) for box in covered]  # antialiased edges reach a bit out
            more = [item for item, box in self._boxes.items() if item not in new
                    and box is not None and any(box.overlaps(c) for c in covered)]
            if not more:
                break
            new.update((item, _area(item, renderer)) for item in more)
        if len(new) == len(self._boxes):
            return False
        self.figure.canvas.restore_region(self._background)
        for box in covered:  # first clear every area, then draw: areas may overlap
            blank = Rectangle((box.x0, box.y0), box.width, box.height, edgecolor="none",
                              facecolor=self.figure.get_facecolor(), transform=IdentityTransform())
            blank.set_figure(self.figure)
            blank.draw(renderer)
        order = {artist: i for i, artist in enumerate(self.figure.get_children())}
        for item in sorted(new, key=lambda artist: (artist.get_zorder(), order[artist])):
            item.draw(renderer)  # in a full draw's order; an axes leaves out animated artists
        self._boxes.update(new)
        return True


def _area(item, renderer):
    """The pixels an axes (with its ticks, labels and legends) or a text covers; None if hidden."""
    if isinstance(item, Axes):
        return item.get_tightbbox(renderer)
    return item.get_window_extent(renderer) if item.get_visible() else None


def image_widget(width_px: int) -> ipywidgets.Image:
    """An empty PNG image widget that fills its row, up to ``width_px`` pixels wide."""
    width_px = validate.whole_number("image_widget", "width_px", width_px)
    return ipywidgets.Image(format="png",
                            layout=ipywidgets.Layout(width="100%", max_width=f"{width_px}px"))


class FigureWidget:
    """Shared plumbing: one Figure, one Image showing it, notebook display of ``.widget``.

    Two renderings in one display.  ``_repr_mimebundle_`` returns the live ipywidgets view
    (``application/vnd.jupyter.widget-view+json``, which Jupyter, Colab and VS Code show and a
    kernel drives) and, beside it, a still rendering as ``text/html`` (``static_html()``):

    * a one-line note that the widget runs with a Python kernel, with launch links;
    * every control drawn disabled with its current value (found by walking ``.widget``);
    * the widget's text lines (its ``ipywidgets.HTML`` children) as they are;
    * the current figure as a PNG with alt text (``alt_text()``).

    Front-ends with a widget manager rank the widget view first, so nothing changes there.  The
    website has no kernel: its myst-nb mime priority puts ``text/html`` first for HTML builds,
    so readers meet a still picture and controls that look disabled, never controls that move
    and change nothing.  The launch links are written as ``<a data-nnkit-launch="binder">`` and
    ``"colab"``; the book's Sphinx extension points them at the page's own Binder and Colab
    addresses (the same as its launch buttons).

    A subclass (any new widget, the playground included) gets all this by setting ``.figure``,
    ``.image`` and ``.widget``; it may set ``title`` (the name the note uses) and override
    ``alt_text()`` (what the picture shows).  The static rendering is a pure function of the
    widget's current state, so calling ``set(...)`` before display changes the still picture too.
    """

    figure: Figure
    image: ipywidgets.Image
    widget: ipywidgets.Box
    title: str = ""

    def png(self) -> bytes:
        """The current figure as PNG bytes."""
        return render_png(self.figure)

    def _show(self) -> None:
        self.image.value = self.png()

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude)
        data = dict(bundle[0] if isinstance(bundle, tuple) else bundle or {})
        data["text/html"] = self.static_html()
        return data

    def name(self) -> str:
        """The widget's name in the kernel note: ``title``, else its class name in words."""
        if self.title:
            return self.title
        words, word = [], ""
        for ch in type(self).__name__:
            if ch.isupper() and word:
                words.append(word)
                word = ""
            word += ch.lower()
        return " ".join(words + [word])

    def alt_text(self) -> str:
        """What the still picture shows (its alt text): by default the widget's text lines."""
        lines = [plain_text(child.value) for child in _leaves(self.widget)
                 if isinstance(child, ipywidgets.HTML) and child.value
                 and "<table" not in child.value]
        return " ".join([f"Still picture of the {self.name()}."] + [t for t in lines if t])

    def static_html(self) -> str:
        """The widget as static HTML: kernel note, disabled controls, text lines, picture."""
        note = (f'<p class="nnkit-kernel-widget__note"><strong>Runs with a Python kernel:</strong> '
                f'launch this page on '
                f'<a href="#launch-binder" data-nnkit-launch="binder">Binder</a> or '
                f'<a href="#launch-colab" data-nnkit-launch="colab">Colab</a> to use the '
                f'{html.escape(self.name())}; here it is a still picture, its controls '
                f'disabled.</p>')
        parts = []
        for child in _leaves(self.widget):
            if child is self.image and self.image is not None:
                width, height = PIL.Image.open(io.BytesIO(bytes(child.value))).size
                data = base64.b64encode(bytes(child.value)).decode("ascii")
                src = "data:image/png;base64," + data
                parts.append(f'<img class="nnkit-kernel-widget__picture" src="{src}" '
                             f'alt="{html.escape(self.alt_text(), quote=True)}" width="{width}" '
                             f'height="{height}" style="max-width: 100%; height: auto">')
            elif isinstance(child, ipywidgets.HTML):
                if child.value:
                    parts.append(f'<div class="nnkit-kernel-widget__text">{child.value}</div>')
            else:
                control = static_control(child)
                if control:
                    parts.append(control)
        body = "".join(parts)
        return (f'<div class="nnkit-kernel-widget" data-nnkit-needs-kernel="true" role="group" '
                f'aria-label="{html.escape(self.name(), quote=True)} (needs a Python kernel)">'
                f'{note}<fieldset disabled class="nnkit-kernel-widget__body" '
                f'style="border: 0; padding: 0; margin: 0; min-width: 0">{body}</fieldset></div>')


class KernelOnly(FigureWidget):
    """Any ipywidgets box that needs a kernel, displayed as the book's widgets are: live where a
    kernel runs, and on the website as a still rendering with its controls disabled and the
    kernel note (see ``FigureWidget``).  ``KernelOnly(box, title="preset chooser")``.
    """

    def __init__(self, widget: ipywidgets.Widget, *, title: str):
        if not isinstance(widget, ipywidgets.Widget):
            raise TypeError(f"KernelOnly: widget must be an ipywidgets widget, "
                            f"got {type(widget).__name__}")
        if not isinstance(title, str) or not title.strip():
            raise TypeError(f"KernelOnly: title must be a non-empty str (what the kernel note "
                            f"calls the widget), got {title!r}")
        self.widget, self.title, self.image, self.figure = widget, title, None, None

    def png(self) -> bytes:
        raise TypeError(f"KernelOnly({self.title!r}) has no figure")


def _leaves(widget):
    """The widget and its descendants that are not boxes, in display order."""
    if isinstance(widget, ipywidgets.Box):
        for child in widget.children:
            yield from _leaves(child)
    else:
        yield widget


def plain_text(markup: str) -> str:
    """The text a reader sees in an HTML fragment: tags dropped (each as a space), entities
    decoded, runs of whitespace made one space."""
    if not isinstance(markup, str):
        raise TypeError(f"plain_text: markup must be a str of HTML, got {type(markup).__name__}")
    text, inside = [], False
    for ch in markup:
        if ch == "<":
            inside = True
        elif ch == ">":
            inside = False
            text.append(" ")
        elif not inside:
            text.append(ch)
    return " ".join(html.unescape("".join(text)).split())


def static_control(control) -> str:
    """A disabled HTML twin of one ipywidgets control, showing its current value ("" if none)."""
    if not isinstance(control, ipywidgets.Widget):
        raise TypeError(f"static_control: control must be an ipywidgets widget, "
                        f"got {type(control).__name__}")
    esc = html.escape
    label = esc(getattr(control, "description", "") or "")
    if isinstance(control, ipywidgets.SelectionSlider):
        labels = [str(opt) for opt in control._options_labels]
        i = control.index
        return (f'<label class="nnkit-kernel-widget__control">{label} <input type="range" min="0" '
                f'max="{len(labels) - 1}" value="{i}" aria-valuetext="{esc(labels[i])}" disabled> '
                f'<output>{esc(labels[i])}</output></label>')
    if isinstance(control, (ipywidgets.IntSlider, ipywidgets.FloatSlider)):
        value = control.value
        shown = str(value) if isinstance(value, int) else f"{value:{control.readout_format}}"
        return (f'<label class="nnkit-kernel-widget__control">{label} <input type="range" '
                f'min="{control.min}" max="{control.max}" step="{control.step}" value="{value}" '
                f'aria-valuetext="{esc(shown)}" disabled> <output>{esc(shown)}</output></label>')
    if isinstance(control, ipywidgets.ToggleButtons):
        buttons = "".join(
            f'<button type="button" aria-pressed="{"true" if k == control.index else "false"}" '
            f'disabled>{esc(str(opt))}</button>' for k, opt in enumerate(control._options_labels))
        return (f'<span class="nnkit-kernel-widget__control" role="group" aria-label="{label}">'
                f'{label} {buttons}</span>')
    if isinstance(control, (ipywidgets.Dropdown, ipywidgets.Select)):
        options = "".join(
            f'<option{" selected" if k == control.index else ""}>{esc(str(opt))}</option>'
            for k, opt in enumerate(control._options_labels))
        return (f'<label class="nnkit-kernel-widget__control">{label} <select disabled>{options}'
                f'</select></label>')
    if isinstance(control, ipywidgets.Checkbox):
        checked = " checked" if control.value else ""
        return (f'<label class="nnkit-kernel-widget__control">'
                f'<input type="checkbox"{checked} disabled> {label}</label>')
    if isinstance(control, ipywidgets.Text):
        return (f'<label class="nnkit-kernel-widget__control">{label} <input type="text" '
                f'value="{esc(control.value, quote=True)}" disabled></label>')
    if isinstance(control, ipywidgets.Button):
        return (f'<button type="button" class="nnkit-kernel-widget__control" disabled>'
                f'{esc(control.description)}</button>')
    if isinstance(control, ipywidgets.ValueWidget):
        return (f'<span class="nnkit-kernel-widget__control">{label} '
                f'<output>{esc(str(control.value))}</output></span>')
    return ""


def percent(x: float) -> str:
    """A fraction as a whole percentage: 0.934 -> "93%"."""
    return f"{100 * validate.number('percent', 'x', x):.0f}%"


# --- chapter widgets ------------------------------------------------------------------------


def describe_activation(name: str, *, z_min: float = -6.0, z_max: float = 6.0) -> str:
    """One sentence saying where activation ``name`` passes no gradient (f' exactly 0) and where
    only a small one (|f'| below 5% of its largest value) on [z_min, z_max]."""
    where = "describe_activation"
    f, f_grad = activations.get(validate.choice(where, "name", name, activations.NAMES))
    z_min = validate.number(where, "z_min", z_min)
    z_max = validate.number(where, "z_max", z_max)
    if not z_min < z_max:
        raise ValueError(f"{where}: need z_min < z_max, got z_min={z_min}, z_max={z_max}")
    z = np.linspace(z_min, z_max, 481)
    zones = plotting.saturation_zones(z, f_grad(z))
    peak = float(np.abs(f_grad(z)).max())

    def where_(intervals):
        return " and ".join(
            f"z < {hi:.1f}" if lo <= z_min else f"z > {lo:.1f}" if hi >= z_max
            else f"{lo:.1f} < z < {hi:.1f}" for lo, hi in intervals) or "nowhere in this range"

    return (f"{name.replace('_', ' ')}: largest slope {peak:.2g}; no gradient (slope exactly 0) "
            f"for {where_(zones.zero)}; a small gradient (slope below 5% of the largest, not 0) "
            f"for {where_(zones.small)}.")


class ActivationExplorer(FigureWidget):
    """Choose an activation function; see f(z), f'(z) and where its slope is small or zero.

    The picture is nnkit.plotting's ActivationPlot with both bands: light grey where |f'|
    is below 5% of its largest value on the grid, dark and hatched where f' is exactly 0.
    The buttons are labelled with spaces ("leaky relu") and sized to their text.
    """

    title = "activation explorer"

    def __init__(self, *, name: str = "sigmoid", names: Sequence[str] = activations.NAMES,
                 z_min: float = -6.0, z_max: float = 6.0, dpi: float = 80.0):
        where = "ActivationExplorer"
        if isinstance(names, str) or not isinstance(names, (list, tuple)) or not names:
            raise TypeError(f"{where}: names must be a non-empty list of activation names, "
                            f"got {names!r}")
        names = [validate.choice(where, f"names[{i}]", n, activations.NAMES)
                 for i, n in enumerate(names)]
        for i, n in enumerate(names):
            if n in names[:i]:
                raise ValueError(f"{where}: names[{i}] repeats {n!r}; each name may appear once")
        self.names = tuple(names)
        validate.choice(where, "name", name, self.names)
        z_min = validate.number(where, "z_min", z_min)
        z_max = validate.number(where, "z_max", z_max)
        if not z_min < z_max:
            raise ValueError(f"{where}: need z_min < z_max, got z_min={z_min}, z_max={z_max}")
        dpi = validate.number(where, "dpi", dpi, low=0, high=MAX_DPI, low_open=True)
        self.figure = offscreen_figure(5.0, 3.8, dpi)
        with plotting.house_style():  # room below the axes for the legend of the two bands
            ax = self.figure.add_axes((0.11, 0.30, 0.85, 0.62))
            self.plot = plotting.ActivationPlot(ax=ax, z_min=z_min, z_max=z_max,
                                                shade_saturation=True)
        self.chooser = ipywidgets.ToggleButtons(
            options=[(n.replace("_", " "), n) for n in names], value=name, description="f")
        self.chooser.style.button_width = "auto"
        self.chooser.observe(lambda change: self.set(name=change["new"]), names="value")
        self.image = image_widget(int(5.0 * dpi))
        self.caption = ipywidgets.HTML()
        self.widget = ipywidgets.VBox([self.chooser, self.image, self.caption])
        self.set(name=name)

    def set(self, *, name: str) -> None:
        """Show activation ``name`` (one of the explorer's names)."""
        validate.choice("ActivationExplorer.set", "name", name, self.names)
        self.chooser.value = name  # no-op when the change came from the chooser itself
        if self.plot.name == name:
            return
        self.plot.update(name)
        z = self.plot.z
        text = describe_activation(name, z_min=z[0], z_max=z[-1])
        self.caption.value = f"<p aria-live='polite'>{html.escape(text)}</p>"
        self._show()


class NeuronExplorer(FigureWidget):
    """One sigmoid neuron on 2-D points, with sliders for w1, w2 and b.

    Left: the plane shaded by the neuron's output sigmoid(w1 x1 + w2 x2 + b) (blue near 0,
    orange near 1), the line where it is 0.5 (w . x + b = 0), the weight vector w (which
    points to the side where the output exceeds 0.5), and two classes of points.  Right: the
    sigmoid, with each point placed at its own z = w . x + b.  w1, w2 and b are numbers in
    [-LIMIT, LIMIT], the sliders' range; w defaults to a partly right direction, 45 degrees
    off the one from class 0 to class 1.  rng draws the num_points points.
    """

    title = "neuron explorer"

    LIMIT = 3.0  # the sliders' range is [-LIMIT, LIMIT]
    MAX_POINTS = 2000  # more would hide the plane under the dots

    def __init__(self, *, rng: np.random.Generator, w1: float | None = None,
                 w2: float | None = None, b: float = 0.0, num_points: int = 40,
                 dpi: float = 80.0):
        where = "NeuronExplorer"
        validate.generator(where, rng)
        num_points = validate.whole_number(where, "num_points", num_points, minimum=2,
                                           maximum=self.MAX_POINTS)
        dpi = validate.number(where, "dpi", dpi, low=0, high=MAX_DPI, low_open=True)
        w1, w2 = (None if v is None else self._setting(where, name, v)
                  for name, v in (("w1", w1), ("w2", w2)))
        b = self._setting(where, "b", b)
        X, y = datasets.blobs(n=num_points, num_classes=2, std=2.0, rng=rng)
        X = X - X.mean(axis=0)
        self.X, self.y = 2.0 * X / np.abs(X).max(), y
        if w1 is None or w2 is None:
            d = self.X[y == 1].mean(axis=0) - self.X[y == 0].mean(axis=0)
            angle = np.arctan2(d[1], d[0]) + np.pi / 4
            w1 = round(1.5 * np.cos(angle), 1) if w1 is None else w1
            w2 = round(1.5 * np.sin(angle), 1) if w2 is None else w2
        self.lim = 2.5
        self.figure = offscreen_figure(8.0, 3.6, dpi)
        res = 120
        g = np.linspace(-self.lim, self.lim, res)
        self._gx, self._gy = np.meshgrid(g, g)
        cmap = mcolors.LinearSegmentedColormap.from_list(
            "nnkit_neuron", [plotting.tint(plotting.class_color(0), amount=0.45), "white",
                             plotting.tint(plotting.class_color(1), amount=0.35)])
        with plotting.house_style():
            self._draw_axes(cmap, res)
        slider = dict(min=-self.LIMIT, max=self.LIMIT, step=0.1, continuous_update=True,
                      layout=ipywidgets.Layout(width="260px"))
        self.sliders = {"w1": ipywidgets.FloatSlider(value=w1, description="w1", **slider),
                        "w2": ipywidgets.FloatSlider(value=w2, description="w2", **slider),
                        "b": ipywidgets.FloatSlider(value=b, description="b", **slider)}
        for name, s in self.sliders.items():
            s.observe(lambda change, name=name: self.set(**{name: change["new"]}), names="value")
        self.image = image_widget(int(8.0 * dpi))
        self.caption = ipywidgets.HTML()
        self.widget = ipywidgets.VBox([ipywidgets.HBox(list(self.sliders.values())), self.image,
                                       self.caption])
        self.w = np.array([w1, w2], dtype=float)
        self.b = float(b)
        self._blitter = Blitter(self.figure, [self.background, *self.ax_plane.spines.values(),
                                              self.boundary, self.arrow, *self.plane_points,
                                              *self.sig_points])
        self._draw()

    def _draw_axes(self, cmap, res) -> None:
        """The two panels and every artist that _draw later moves."""
        self.ax_plane = self.figure.add_axes((0.07, 0.14, 0.38, 0.8))
        self.ax_sig = self.figure.add_axes((0.58, 0.14, 0.39, 0.8))
        lim = self.lim
        self.background = self.ax_plane.imshow(np.zeros((res, res)), origin="lower",
                                               extent=(-lim, lim, -lim, lim), cmap=cmap,
                                               vmin=0.0, vmax=1.0, zorder=0)
        self.boundary, = self.ax_plane.plot([], [], color="black", linewidth=1.5,
                                            label="w . x + b = 0")
        self.arrow, = self.ax_plane.plot([], [], color="black", linewidth=2.0, marker=">",
                                         markevery=[1], markersize=7)
        self.sig_points, self.plane_points = [], []
        for k in range(2):
            sel = self.y == k
            dots = dict(s=26, marker=plotting.class_marker(k), c=plotting.class_color(k),
                        edgecolors="black", linewidths=0.5, zorder=3)
            self.plane_points.append(self.ax_plane.scatter(self.X[sel, 0], self.X[sel, 1],
                                                           label=f"class {k}", **dots))
            self.sig_points.append(self.ax_sig.scatter(np.zeros(sel.sum()), np.zeros(sel.sum()),
                                                       **dots))
        self.ax_plane.set(xlim=(-lim, lim), ylim=(-lim, lim), aspect="equal", xlabel="x1",
                          ylabel="x2")
        # The legend sits on the sigmoid panel: the plane's shading is redrawn every frame.
        self.ax_sig.legend(handles=self.plane_points + [self.boundary], loc="upper left",
                           fontsize=8, frameon=False)
        self.z_max = 8.0
        z = np.linspace(-self.z_max, self.z_max, 301)
        self.ax_sig.plot(z, activations.sigmoid(z), color=plotting.FUNCTION_COLOR, zorder=2)
        self.ax_sig.axhline(0.5, color="0.6", linewidth=0.8, zorder=1)
        self.ax_sig.axvline(0.0, color="0.6", linewidth=0.8, zorder=1)
        self.ax_sig.set(xlim=(-self.z_max, self.z_max), ylim=(-0.05, 1.05),
                        xlabel="z = w1 x1 + w2 x2 + b", ylabel="sigmoid(z)")

    def png(self) -> bytes:
        """The current figure as PNG bytes (blitted: only the moving parts are redrawn)."""
        return self._blitter.png()

    def set(self, *, w1=KEEP, w2=KEEP, b=KEEP) -> None:
        """Move the sliders (omitted ones are kept) and redraw; values in [-LIMIT, LIMIT]."""
        new = tuple(old if value is KEEP else self._setting("NeuronExplorer.set", name, value)
                    for name, value, old in (("w1", w1, self.w[0]), ("w2", w2, self.w[1]),
                                             ("b", b, self.b)))
        if new == (self.w[0], self.w[1], self.b):
            return
        self.w[:] = new[:2]
        self.b = new[2]
        for name, value in zip(("w1", "w2", "b"), new):
            self.sliders[name].value = value  # re-enters set() with nothing to do
        self._draw()

    @classmethod
    def _setting(cls, where, name, value):
        """value as a float in the sliders' range, or an error naming where and name."""
        return validate.number(where, name, value, low=-cls.LIMIT, high=cls.LIMIT)

    def output(self, X: np.ndarray) -> np.ndarray:
        """The neuron's output sigmoid(X @ w + b) for X (N, 2): (N,)."""
        X = validate.finite("NeuronExplorer.output", "X",
                            validate.matrix("NeuronExplorer.output", "X", X, 2))
        return activations.sigmoid(X @ self.w + self.b)

    def _correct(self) -> float:
        """Fraction of the points on their own class's side (class 1 where the output > 0.5)."""
        return float(np.mean((self.X @ self.w + self.b > 0) == (self.y == 1)))

    def alt_text(self) -> str:
        """What the picture shows, for the still rendering on the website."""
        w, b = self.w, self.b
        return (f"Still picture of the neuron explorer at w = ({w[0]:.1f}, {w[1]:.1f}), "
                f"b = {b:.1f}. Left: the plane shaded blue to orange by the neuron's output, "
                f"split by the straight line w . x + b = 0, with the weight vector w drawn as "
                f"an arrow and two classes of points; {percent(self._correct())} of them lie "
                f"on their own class's side. Right: the sigmoid curve with each point placed "
                f"at its own z = w . x + b.")

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
        self.caption.value = (
            f"<p aria-live='polite'>w = ({w[0]:.1f}, {w[1]:.1f}), b = {b:.1f}: the output is "
            f"above 0.5 on the side the arrow w points to; {percent(self._correct())} of the "
            f"points lie on their own class's side (class 1 above 0.5).</p>")
        self._show()


class ParameterCounter(FigureWidget):
    """Type layer sizes like "3, 4, 4, 1"; see the network, a table of weight shapes and the totals.

    The table gives each W's shape in both conventions: (in, out) as the book multiplies
    ``X @ W``, and (out, in) as the lecture notes multiply ``W @ x``.
    """

    title = "parameter counter"

    MAX_SIZE = 2000
    MAX_LAYERS = 12

    def __init__(self, *, sizes: str = "3, 4, 4, 1", max_units: int = 8, dpi: float = 100.0):
        where = "ParameterCounter"
        max_units = validate.whole_number(where, "max_units", max_units, minimum=3)
        dpi = validate.number(where, "dpi", dpi, low=10, high=MAX_DPI)
        _check_sizes_type(where, sizes)
        # the starting sizes come from code, not from a reader's typing: refuse bad ones
        if isinstance(sizes, str):
            try:
                self._sizes_list(where, diagrams.parse_sizes(sizes))
            except (TypeError, ValueError) as err:
                raise type(err)(f"{where}: sizes must be layer sizes like '3, 4, 2' ({err})"
                                ) from None
        else:
            self._sizes_list(where, sizes)
        self.figure = offscreen_figure(6.4, 3.8, dpi)
        with plotting.house_style():
            self.ax = self.figure.add_axes((0.0, 0.0, 1.0, 1.0))
        self.max_units = max_units
        self.text = ipywidgets.Text(value=sizes, description="layer sizes", continuous_update=False,
                                    layout=ipywidgets.Layout(width="320px"))
        self.text.observe(lambda change: self.set(sizes=change["new"]), names="value")
        self.image = image_widget(int(6.4 * dpi))
        self.table_html = ipywidgets.HTML()
        self.status_line = ipywidgets.HTML()
        self.widget = ipywidgets.VBox([self.text, self.status_line, self.image, self.table_html])
        self.sizes = None
        self.table = []
        self.set(sizes=sizes)

    def set(self, *, sizes: str | Sequence[int]) -> None:
        """Show the network with these layer sizes (text "3, 4, 2" or a list [3, 4, 2]).

        Text is what a reader types: a mistake in it is shown as an alert under the box. A list
        comes from code, so a size that is not a whole number >= 1 (3.7, True, "4") raises.
        """
        where = "ParameterCounter.set"
        _check_sizes_type(where, sizes)
        if not isinstance(sizes, str):
            sizes = self._sizes_list(where, sizes)
        text = sizes if isinstance(sizes, str) else ", ".join(str(s) for s in sizes)
        self.text.value = text  # no-op when the change came from the text box
        try:
            parsed = (diagrams.parse_sizes(text) if isinstance(sizes, str)
                      else list(model.count_params(sizes).sizes))
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

    @classmethod
    def _sizes_list(cls, where, sizes) -> list:
        """A list of sizes given in code, checked: 2..MAX_LAYERS whole numbers in 1..MAX_SIZE."""
        sizes = [validate.whole_number(where, f"sizes[{i}]", s, maximum=cls.MAX_SIZE)
                 for i, s in enumerate(sizes)]
        if not 2 <= len(sizes) <= cls.MAX_LAYERS:
            raise ValueError(f"{where}: sizes must list 2 to {cls.MAX_LAYERS} layer sizes "
                             f"(an input and an output at least), got {sizes}")
        return sizes

    def alt_text(self) -> str:
        t = self.totals
        return (f"Diagram of a network with layer sizes {', '.join(map(str, self.sizes))}: "
                f"{t['params']:,} parameters ({t['weights']:,} weights and "
                f"{t['biases']:,} biases).")

    @property
    def totals(self) -> dict:
        """{"weights": ..., "biases": ..., "params": ...} of the current network."""
        return diagrams.totals(self.table)


def _check_sizes_type(where: str, sizes) -> None:
    if not isinstance(sizes, (str, list, tuple)):
        raise TypeError(f"{where}: sizes must be text like '3, 4, 2' or a list of layer sizes, "
                        f"got {type(sizes).__name__}")


def _table_html(table: Sequence[dict]) -> str:
    head = ("<tr><th>layer</th><th>in &rarr; out</th><th>W (book: X @ W)</th>"
            "<th>W (notes: W x)</th><th>b</th><th>weights</th><th>biases</th><th>params</th></tr>")
    rows = [
        f"<tr><td>{r['layer']}</td><td>{r['in']} &rarr; {r['out']}</td>"
        f"<td>{_shape(r['W_shape'])}</td><td>{_shape(r['W_shape_note'])}</td>"
        f"<td>{_shape(r['b_shape'])}</td>"
        f"<td>{r['weights']:,}</td><td>{r['biases']:,}</td><td>{r['params']:,}</td></tr>"
        for r in table]
    t = diagrams.totals(table)
    total = (f"<tr><th>total</th><td></td><td></td><td></td><td></td><th>{t['weights']:,}</th>"
             f"<th>{t['biases']:,}</th><th>{t['params']:,}</th></tr>")
    return ("<table style='border-collapse: collapse; text-align: right'>"
            + head + "".join(rows) + total + "</table>")


def _shape(shape) -> str:
    return "(" + ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"
