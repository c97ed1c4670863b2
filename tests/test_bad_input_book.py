"""Bad-input rows for the book's shared machinery: the widget plumbing of nnbook.widgets (the
chapter widgets' rows live with their chapters), nnbook.glue, and the argument checks that the
experiments share (nnbook.experiments._args); and a few rows that a hostile sweep over the
chapter 2-5 experiments added (errors that named a helper instead of the call).

Rows only: tests/test_bad_input.py reads CASES (keyed "prefix.callable", the prefixes being
MODULES), runs every row and fails when a public callable has none. A row is (thunk, error,
where, name): calling thunk() raises ``error`` whose message names the call ``where`` and the
argument ``name``.
"""

import ipywidgets
import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from nnkit import model  # noqa: E402
from nnbook import (  # noqa: E402
    figures,  # noqa: E402
    glue,
    widgets,
)
from nnbook.experiments import _args, rectifiers  # noqa: E402
from nnbook.experiments import neuron as neuron_experiments  # noqa: E402
from nnbook.experiments import training as training_experiments  # noqa: E402
from nnbook.figures import activations as activation_figures  # noqa: E402
from nnbook.figures import linear as linear_figures  # noqa: E402
from nnbook.figures import neuron as neuron_figures  # noqa: E402

MODULES = {"widgets": widgets, "glue": glue, "_args": _args, "training": training_experiments,
           "linear_figures": linear_figures, "neuron_figures": neuron_figures,
           "activation_figures": activation_figures, "figures": figures}
X = np.array([[0.0, 0.0], [1.0, 1.0], [0.5, -1.0], [-1.0, 0.5]])
Y = np.array([0, 1, 1, 0])


def net():
    return model.MLP([2, 3, 2], rng=np.random.default_rng(0))


def figure():
    return widgets.offscreen_figure(1.0, 1.0, 20.0)


def line_of_another_figure():
    other = figure()
    line, = other.add_subplot().plot([0, 1], [0, 1])
    return line


CASES = {
    "figures.axes_or_panels": [
        (lambda: figures.axes_or_panels("draw", "axes", [1, 2], 2, (3.0, 3.0)), TypeError,
         "draw", "axes"),
        (lambda: figures.axes_or_panels("draw", "ax", figure().subplots(1, 2), 1, (3.0, 3.0)),
         TypeError, "draw", "ax"),
        (lambda: figures.axes_or_panels("draw", "axes", None, 0, (3.0, 3.0)), ValueError,
         "panels", "k")],
    "widgets.offscreen_figure": [
        (lambda: widgets.offscreen_figure(0, 3.0, 80.0), ValueError, "offscreen_figure",
         "width"),
        (lambda: widgets.offscreen_figure(4.0, np.nan, 80.0), ValueError, "offscreen_figure",
         "height"),
        (lambda: widgets.offscreen_figure("4", 3.0, 80.0), TypeError, "offscreen_figure",
         "width"),
        (lambda: widgets.offscreen_figure(4.0, 3.0, -1), ValueError, "offscreen_figure", "dpi"),
        (lambda: widgets.offscreen_figure(4.0, 3.0, 1e6), ValueError, "offscreen_figure", "dpi")],
    "widgets.render_png": [
        (lambda: widgets.render_png(None), TypeError, "render_png", "fig"),
        (lambda: widgets.render_png(Figure()), TypeError, "render_png", "fig.canvas"),
        (lambda: widgets.render_png(figure(), colors=3.5), TypeError, "render_png", "colors"),
        (lambda: widgets.render_png(figure(), colors=True), TypeError, "render_png", "colors"),
        (lambda: widgets.render_png(figure(), colors=300), ValueError, "render_png", "colors")],
    "widgets.encode_png": [
        (lambda: widgets.encode_png(figure()), TypeError, "encode_png", "canvas"),
        (lambda: widgets.encode_png(figure().canvas, colors=1), ValueError, "encode_png",
         "colors")],
    "widgets.Blitter": [
        (lambda: widgets.Blitter(None, []), TypeError, "Blitter", "figure"),
        (lambda: widgets.Blitter(figure(), None), TypeError, "Blitter", "animated"),
        (lambda: widgets.Blitter(figure(), ["line"]), TypeError, "Blitter", "animated[0]"),
        (lambda: widgets.Blitter(figure(), [line_of_another_figure()]), ValueError, "Blitter",
         "animated[0]")],
    "widgets.image_widget": [
        (lambda: widgets.image_widget(0), ValueError, "image_widget", "width_px"),
        (lambda: widgets.image_widget(320.5), TypeError, "image_widget", "width_px"),
        (lambda: widgets.image_widget("320"), TypeError, "image_widget", "width_px")],
    "widgets.KernelOnly": [
        (lambda: widgets.KernelOnly("box", title="chooser"), TypeError, "KernelOnly", "widget"),
        (lambda: widgets.KernelOnly(ipywidgets.VBox([]), title=None), TypeError, "KernelOnly",
         "title"),
        (lambda: widgets.KernelOnly(ipywidgets.VBox([]), title=" "), TypeError, "KernelOnly",
         "title")],
    "widgets.static_control": [
        (lambda: widgets.static_control(None), TypeError, "static_control", "control"),
        (lambda: widgets.static_control("slider"), TypeError, "static_control", "control")],
    "widgets.percent": [
        (lambda: widgets.percent(np.nan), ValueError, "percent", "x"),
        (lambda: widgets.percent(np.inf), ValueError, "percent", "x"),
        (lambda: widgets.percent("0.5"), TypeError, "percent", "x"),
        (lambda: widgets.percent(None), TypeError, "percent", "x")],
    "widgets.plain_text": [
        (lambda: widgets.plain_text(None), TypeError, "plain_text", "markup"),
        (lambda: widgets.plain_text(b"<b>1</b>"), TypeError, "plain_text", "markup")],
    "widgets.ActivationExplorer": [
        (lambda: widgets.ActivationExplorer(names=("relu", "relu"), name="relu", dpi=20),
         ValueError, "ActivationExplorer", "names[1]"),
        (lambda: widgets.ActivationExplorer(z_min=np.nan, dpi=20), ValueError,
         "ActivationExplorer", "z_min"),
        (lambda: widgets.ActivationExplorer(z_min=3.0, z_max=1.0, dpi=20), ValueError,
         "ActivationExplorer", "z_min"),
        (lambda: widgets.ActivationExplorer(dpi=1e5), ValueError, "ActivationExplorer", "dpi")],
    "widgets.NeuronExplorer": [
        (lambda: widgets.NeuronExplorer(rng=np.random.default_rng(0), num_points=10**7),
         ValueError, "NeuronExplorer", "num_points"),
        (lambda: widgets.NeuronExplorer(rng=np.random.default_rng(0), dpi=1e6), ValueError,
         "NeuronExplorer", "dpi")],
    "widgets.ParameterCounter": [
        (lambda: widgets.ParameterCounter(sizes=[3.7, 4, 2], dpi=20), TypeError,
         "ParameterCounter", "sizes[0]"),
        (lambda: widgets.ParameterCounter(sizes=[3, 5000], dpi=20), ValueError,
         "ParameterCounter", "sizes[1]")],
    "widgets.ParameterCounter.set": [
        (lambda: widgets.ParameterCounter(dpi=20).set(sizes=[3.7, 4, 2]), TypeError,
         "ParameterCounter.set", "sizes[0]"),
        (lambda: widgets.ParameterCounter(dpi=20).set(sizes=[3, True, 2]), TypeError,
         "ParameterCounter.set", "sizes[1]"),
        (lambda: widgets.ParameterCounter(dpi=20).set(sizes=[3, "4"]), TypeError,
         "ParameterCounter.set", "sizes[1]"),
        (lambda: widgets.ParameterCounter(dpi=20).set(sizes=[3]), ValueError,
         "ParameterCounter.set", "sizes")],
    "glue.glue": [
        (lambda: glue.glue(3, "text"), TypeError, "glue", "name"),
        (lambda: glue.glue("ch1 accuracy", "text"), ValueError, "glue", "name"),
        (lambda: glue.glue("ch1_accuracy", 0.934), TypeError, "glue", "value"),
        (lambda: glue.glue("ch1_accuracy", True), TypeError, "glue", "value"),
        (lambda: glue.glue("ch1_accuracy", None), TypeError, "glue", "value")],
    "_args.whole_numbers": [
        (lambda: _args.whole_numbers("sweep", "seeds", ()), TypeError, "sweep", "seeds"),
        (lambda: _args.whole_numbers("sweep", "seeds", 3), TypeError, "sweep", "seeds"),
        (lambda: _args.whole_numbers("sweep", "seeds", (0, 1.5)), TypeError, "sweep",
         "seeds[1]"),
        (lambda: _args.whole_numbers("sweep", "seeds", (0, True)), TypeError, "sweep",
         "seeds[1]"),
        (lambda: _args.whole_numbers("sweep", "sizes", (3, 0), minimum=1), ValueError, "sweep",
         "sizes[1]")],
    "_args.numbers": [
        (lambda: _args.numbers("sweep", "lrs", []), TypeError, "sweep", "lrs"),
        (lambda: _args.numbers("sweep", "lrs", (0.1, np.nan)), ValueError, "sweep", "lrs[1]"),
        (lambda: _args.numbers("sweep", "lrs", (0.1, 0.0)), ValueError, "sweep", "lrs[1]"),
        (lambda: _args.numbers("sweep", "lrs", (1j,)), TypeError, "sweep", "lrs[0]")],
    "_args.names": [
        (lambda: _args.names("sweep", "relu"), TypeError, "sweep", "names"),
        (lambda: _args.names("sweep", ("relu", "swish")), ValueError, "sweep", "names[1]"),
        (lambda: _args.names("sweep", ("relu", None)), ValueError, "sweep", "names[1]")],
    "_args.init_scheme": [
        (lambda: _args.init_scheme("sweep", "init", "glorot?"), ValueError, "sweep", "init"),
        (lambda: _args.init_scheme("sweep", "init", -0.1), ValueError, "sweep", "init"),
        (lambda: _args.init_scheme("sweep", "init", None), TypeError, "sweep", "init")],
    "training.spiral_experiment": [
        (lambda: training_experiments.spiral_experiment(resolution=3.7), TypeError,
         "spiral_experiment", "resolution"),
        (lambda: training_experiments.spiral_experiment(resolution=1), ValueError,
         "spiral_experiment", "resolution")],
    "training.overfit_tiny": [
        (lambda: training_experiments.overfit_tiny(num_points=True), TypeError, "overfit_tiny",
         "num_points"),
        (lambda: training_experiments.overfit_tiny(num_points=0), ValueError, "overfit_tiny",
         "num_points")],
    "linear_figures.region_pngs": [
        (lambda: linear_figures.region_pngs([net()], X, Y, ["a"], dpi=1e6), ValueError,
         "region_pngs", "dpi"),
        (lambda: linear_figures.region_pngs([net()], X, Y, ["a"], width=100.0), ValueError,
         "region_pngs", "width")],
    "neuron_figures.direction_pngs": [
        (lambda: neuron_figures.direction_pngs(neuron_experiments.direction_sweep(X, Y, [0]), X,
                                               Y, height=np.inf), ValueError, "direction_pngs",
         "height")],
    "activation_figures.activation_pictures": [
        (lambda: activation_figures.activation_pictures(
            rectifiers.activation_comparison(names=("relu",), hidden=2, steps=1), dpi=1e6),
         ValueError, "activation_pictures", "dpi")],
}
