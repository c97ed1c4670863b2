"""Bad input to every public callable of chapter 2's modules (nnbook.experiments.neuron,
nnbook.figures.neuron and the NeuronExplorer widget) raises TypeError or ValueError naming the
call and the argument.

CASES maps "module.callable" to rows (thunk, error, where, name): calling thunk() must raise
``error`` whose message contains ``where + ":"`` and ``name``.
tests/test_bad_input.py runs these rows and fails when a public callable of
the modules has none; result dataclasses, which the modules build
themselves, and methods without arguments are exempt.  (Same design as
tests/test_bad_input_plots.py.)
"""


import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnbook import widgets  # noqa: E402
from nnbook.experiments import neuron as experiments  # noqa: E402
from nnbook.figures import neuron as figures  # noqa: E402

MODULES = {"experiments": experiments, "figures": figures}
RNG = np.random.default_rng
X = np.array([[0.0, 0.0], [1.0, 1.0], [0.5, -1.0], [-1.0, 0.5]])
Y = np.array([0, 1, 1, 0])
DIRECTIONS = experiments.direction_sweep(X, Y, [0, 90])
EXPLORER = widgets.NeuronExplorer(rng=RNG(0), dpi=20)
K = np.arange(5.0)

CASES = {
    "experiments.make_data": [
        (lambda: experiments.make_data(data_seed=-1), ValueError, "make_data", "data_seed"),
        (lambda: experiments.make_data(data_seed=1.0), TypeError, "make_data", "data_seed"),
        (lambda: experiments.make_data(data_seed=0, n=100.5), TypeError, "make_data", "n"),
        (lambda: experiments.make_data(data_seed=0, std=0), ValueError, "make_data", "std"),
        (lambda: experiments.make_data(data_seed=0, held_out=1.0), ValueError, "make_data",
         "held_out"),
        (lambda: experiments.make_data(data_seed=0, n=4, held_out=0.1), ValueError,
         "make_data", "held_out")],
    "experiments.boundary_angle": [
        (lambda: experiments.boundary_angle([0.0, 0.0]), ValueError, "boundary_angle", "w"),
        (lambda: experiments.boundary_angle([1.0, 2.0, 3.0]), ValueError, "boundary_angle", "w"),
        (lambda: experiments.boundary_angle([1 + 1j, 0]), TypeError, "boundary_angle", "w"),
        (lambda: experiments.boundary_angle([np.nan, 1.0]), ValueError, "boundary_angle", "w")],
    "experiments.logistic_vs_svm": [
        (lambda: experiments.logistic_vs_svm(data_seed="a", init_seed=0), TypeError,
         "logistic_vs_svm", "data_seed"),
        (lambda: experiments.logistic_vs_svm(data_seed=0, init_seed=True), TypeError,
         "logistic_vs_svm", "init_seed"),
        (lambda: experiments.logistic_vs_svm(data_seed=0, init_seed=0, lr=-0.1), ValueError,
         "logistic_vs_svm", "lr"),
        (lambda: experiments.logistic_vs_svm(data_seed=0, init_seed=0, steps=0), ValueError,
         "logistic_vs_svm", "steps"),
        (lambda: experiments.logistic_vs_svm(data_seed=0, init_seed=0, reg=np.nan), ValueError,
         "logistic_vs_svm", "reg")],
    "experiments.direction_sweep": [
        (lambda: experiments.direction_sweep(X[:, :1], Y, [0]), ValueError, "direction_sweep",
         "X"),
        (lambda: experiments.direction_sweep(X, Y + 1, [0]), ValueError, "direction_sweep", "y"),
        (lambda: experiments.direction_sweep(X, Y, []), ValueError, "direction_sweep", "angles"),
        (lambda: experiments.direction_sweep(X, Y, ["a"]), TypeError, "direction_sweep",
         "angles"),
        (lambda: experiments.direction_sweep(X, Y, [np.inf]), ValueError, "direction_sweep",
         "angles")],
    "experiments.forgetting": [
        (lambda: experiments.forgetting([1.0, 0.0], lr=0.1, reg=0.1, steps=3), ValueError,
         "forgetting", "w0"),
        (lambda: experiments.forgetting("w", lr=0.1, reg=0.1, steps=3), TypeError, "forgetting",
         "w0"),
        (lambda: experiments.forgetting([1.0], lr=0, reg=0.1, steps=3), ValueError, "forgetting",
         "lr"),
        (lambda: experiments.forgetting([1.0], lr=0.1, reg=-1, steps=3), ValueError,
         "forgetting", "reg"),
        (lambda: experiments.forgetting([1.0], lr=2.0, reg=1.0, steps=3), ValueError,
         "forgetting", "lr * reg"),
        (lambda: experiments.forgetting([1.0], lr=0.1, reg=0.1, steps=2.0), TypeError,
         "forgetting", "steps")],
    "experiments.steps_to_halve": [
        (lambda: experiments.steps_to_halve(1.0, 2.0), ValueError, "steps_to_halve", "lr * reg"),
        (lambda: experiments.steps_to_halve("0.1", 0.1), TypeError, "steps_to_halve", "lr"),
        (lambda: experiments.steps_to_halve(0.1, 10**400), ValueError, "steps_to_halve", "reg")],
    "figures.model_diagram": [
        (lambda: figures.model_diagram(num_inputs=0), ValueError, "model_diagram", "num_inputs"),
        (lambda: figures.model_diagram(num_inputs=7), ValueError, "model_diagram", "num_inputs"),
        (lambda: figures.model_diagram(f_label=3), TypeError, "model_diagram", "f_label"),
        (lambda: figures.model_diagram(ax=[]), TypeError, "model_diagram", "ax")],
    "figures.rate_code": [
        (lambda: figures.rate_code([0.0], [np.ones(1)], [1.0, 2.0], duration=1, max_rate=1),
         ValueError, "rate_code", "counted_rate"),
        (lambda: figures.rate_code([0.0], np.ones((1, 1)), [1.0], duration=1, max_rate=1),
         ValueError, "rate_code", "spike_times"),
        (lambda: figures.rate_code([0.0], [[np.nan]], [1.0], duration=1, max_rate=1),
         ValueError, "rate_code", "spike_times[0]"),
        (lambda: figures.rate_code([0.0], [np.ones(1)], [1.0], duration=0, max_rate=1),
         ValueError, "rate_code", "duration"),
        (lambda: figures.rate_code([0.0], [np.ones(1)], [1.0], duration=1, max_rate=np.inf),
         ValueError, "rate_code", "max_rate"),
        (lambda: figures.rate_code([[0.0]], [np.ones(1)], [1.0], duration=1, max_rate=1),
         ValueError, "rate_code", "z")],
    "figures.half_plane": [
        (lambda: figures.half_plane([1.0], 0.0, X, Y), ValueError, "half_plane", "w"),
        (lambda: figures.half_plane([1.0, 0.0], "b", X, Y), TypeError, "half_plane", "b"),
        (lambda: figures.half_plane([1.0, 0.0], 0.0, X.T, Y), ValueError, "half_plane", "X"),
        (lambda: figures.half_plane([1.0, 0.0], 0.0, X, Y * 2), ValueError, "half_plane", "y"),
        (lambda: figures.half_plane([1.0, 0.0], 0.0, X, Y, resolution=1), ValueError,
         "half_plane", "resolution"),
        (lambda: figures.half_plane([1.0, 0.0], 0.0, X, Y, extent=(0, 0, 0, 1)), ValueError,
         "half_plane", "extent"),
        (lambda: figures.half_plane([1.0, 0.0], 0.0, X, Y, colorbar="yes"), TypeError,
         "half_plane", "colorbar"),
        (lambda: figures.half_plane([1.0, 0.0], 0.0, X, Y, ax="ax"), TypeError, "half_plane",
         "ax")],
    "figures.direction_pngs": [
        (lambda: figures.direction_pngs([0, 90], X, Y), TypeError, "direction_pngs",
         "directions"),
        (lambda: figures.direction_pngs(DIRECTIONS, X, Y.astype(float)), TypeError,
         "direction_pngs", "y"),
        (lambda: figures.direction_pngs(DIRECTIONS, X, Y, dpi=0), ValueError, "direction_pngs",
         "dpi")],
    "figures.loss_curves": [
        (lambda: figures.loss_curves([0.0, 1.0], [1.0, 0.0]), TypeError, "loss_curves",
         "curves"),
        (lambda: figures.loss_curves([0.0, 1.0], {"a": [1.0]}), ValueError, "loss_curves",
         "curves['a']"),
        (lambda: figures.loss_curves([[0.0]], {"a": [1.0]}), ValueError, "loss_curves", "s"),
        (lambda: figures.loss_curves([0.0], {"a": [1.0]}, ax=1), TypeError, "loss_curves",
         "ax")],
    "figures.decay": [
        (lambda: figures.decay(np.ones(3), np.ones(3)), ValueError, "decay", "weights"),
        (lambda: figures.decay(np.ones((3, 2)), np.ones((4, 2))), ValueError, "decay",
         "predicted"),
        (lambda: figures.decay(np.ones((3, 2)), np.ones((3, 2)), every=0), ValueError, "decay",
         "every")],
    "figures.unused_weight": [
        (lambda: figures.unused_weight(K, K[:4], K, K), ValueError, "unused_weight", "unused"),
        (lambda: figures.unused_weight(K, K, K * np.nan, K), ValueError, "unused_weight",
         "used_norm"),
        (lambda: figures.unused_weight(K, K, K, K[:2]), ValueError, "unused_weight",
         "predicted"),
        (lambda: figures.unused_weight(K, K, K, K, every=1.5), TypeError, "unused_weight",
         "every"),
        (lambda: figures.unused_weight([], K, K, K), ValueError, "unused_weight", "steps")],
    "widgets.NeuronExplorer": [
        (lambda: widgets.NeuronExplorer(rng=0), TypeError, "NeuronExplorer", "rng"),
        (lambda: widgets.NeuronExplorer(rng=RNG(0), w1=5), ValueError, "NeuronExplorer", "w1"),
        (lambda: widgets.NeuronExplorer(rng=RNG(0), w2=np.nan), ValueError, "NeuronExplorer",
         "w2"),
        (lambda: widgets.NeuronExplorer(rng=RNG(0), b="0"), TypeError, "NeuronExplorer", "b"),
        (lambda: widgets.NeuronExplorer(rng=RNG(0), num_points=1), ValueError, "NeuronExplorer",
         "num_points"),
        (lambda: widgets.NeuronExplorer(rng=RNG(0), dpi=-1), ValueError, "NeuronExplorer",
         "dpi")],
    "widgets.NeuronExplorer.set": [
        (lambda: EXPLORER.set(w1=np.nan), ValueError, "NeuronExplorer.set", "w1"),
        (lambda: EXPLORER.set(w2=3.5), ValueError, "NeuronExplorer.set", "w2"),
        (lambda: EXPLORER.set(b=None), TypeError, "NeuronExplorer.set", "b")],
    "widgets.NeuronExplorer.output": [
        (lambda: EXPLORER.output(np.ones((2, 3))), ValueError, "NeuronExplorer.output", "X"),
        (lambda: EXPLORER.output([[1.0, 2.0]]), TypeError, "NeuronExplorer.output", "X")],
}


def test_explorer_refuses_nan_without_recursing_and_keeps_its_state():
    explorer = widgets.NeuronExplorer(rng=RNG(1), w1=1.0, w2=-1.0, b=0.5, dpi=20)
    with pytest.raises(ValueError, match="NeuronExplorer.set: w1"):
        explorer.set(w1=float("nan"))
    assert list(explorer.w) == [1.0, -1.0] and explorer.b == 0.5
    assert explorer.sliders["w1"].value == 1.0
