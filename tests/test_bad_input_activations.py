"""Bad input to every public callable of chapter 3's nnbook modules raises TypeError or ValueError
naming the call and the argument: nnbook.experiments.saturation and .rectifiers,
nnbook.figures.activations, and the activation explorer in nnbook.widgets.

CASES maps "module.callable" (or "module.Class.method") to rows (thunk, error, where, name):
calling thunk() must raise ``error`` whose message contains ``where + ":"`` and ``name``.
tests/test_bad_input.py runs these rows and fails when a public callable of
the modules has none; callables that take no argument and the result dataclasses that the
experiments build themselves are exempt. (The design of tests/test_bad_input_plots.py.)
"""


import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

from nnkit import layers  # noqa: E402
from nnbook import widgets  # noqa: E402
from nnbook.experiments import rectifiers, saturation  # noqa: E402
from nnbook.figures import activations as figures  # noqa: E402

MODULES = {"saturation": saturation, "rectifiers": rectifiers, "figures": figures}
WIDGETS = ["widgets.describe_activation", "widgets.ActivationExplorer",
           "widgets.ActivationExplorer.set"]  # the parts of nnbook.widgets that chapter 3 owns
RNG = np.random.default_rng(0)
ZZ = saturation.zigzag(lrs=(1.0,), max_steps=5)
RELU = rectifiers.lr_sweep(hidden_sizes=(3,), lrs=(1.0,), init_seeds=(0,), steps=2)
TANH = rectifiers.lr_sweep(activation="tanh", hidden_sizes=(3,), lrs=(1.0,), init_seeds=(0,),
                           steps=2, init="lecun")
SATURATION = saturation.sigmoid_saturation(init_stds=(1.0,), depth=1, width=2, init_seeds=(0,))
COMPARISON = rectifiers.activation_comparison(names=("relu",), hidden=2, steps=1)
MAXOUT = layers.Maxout(2, 3, rng=np.random.default_rng(0))


def explorer():
    return widgets.ActivationExplorer(name="relu", names=("relu", "tanh"), dpi=20)


CASES = {
    "saturation.sigmoid_saturation": [
        (lambda: saturation.sigmoid_saturation(init_stds=(0.0,)), ValueError,
         "sigmoid_saturation", "init_stds[0]"),
        (lambda: saturation.sigmoid_saturation(depth=2.5), TypeError, "sigmoid_saturation",
         "depth"),
        (lambda: saturation.sigmoid_saturation(init_seeds=()), TypeError, "sigmoid_saturation",
         "init_seeds"),
        (lambda: saturation.sigmoid_saturation(data_seed=-1), ValueError, "sigmoid_saturation",
         "data_seed")],
    "saturation.sign_mixing": [
        (lambda: saturation.sign_mixing(rng=42), TypeError, "sign_mixing", "rng"),
        (lambda: saturation.sign_mixing(rng=RNG, batch_sizes=(0,)), ValueError, "sign_mixing",
         "batch_sizes[0]"),
        (lambda: saturation.sign_mixing(rng=RNG, trials=0), ValueError, "sign_mixing",
         "trials")],
    "saturation.zigzag_inputs": [
        (lambda: saturation.zigzag_inputs(n=0), ValueError, "zigzag_inputs", "n"),
        (lambda: saturation.zigzag_inputs(data_seed=1.5), TypeError, "zigzag_inputs",
         "data_seed")],
    "saturation.zigzag": [
        (lambda: saturation.zigzag(lrs=(np.nan,)), ValueError, "zigzag", "lrs[0]"),
        (lambda: saturation.zigzag(tol=0), ValueError, "zigzag", "tol"),
        (lambda: saturation.zigzag(max_steps=True), TypeError, "zigzag", "max_steps"),
        (lambda: saturation.zigzag(data_seed=-2), ValueError, "zigzag", "data_seed")],
    "saturation.Zigzag.best": [
        (lambda: ZZ.best("diagonal"), ValueError, "Zigzag.best", "run")],
    "saturation.Zigzag.detour": [
        (lambda: ZZ.detour("positive", 7.0), ValueError, "Zigzag.detour", "lr"),
        (lambda: ZZ.detour("sideways", 1.0), ValueError, "Zigzag.detour", "run")],
    "saturation.output_offsets": [
        (lambda: saturation.output_offsets("relu", rng=RNG), TypeError, "output_offsets",
         "names"),
        (lambda: saturation.output_offsets(("swish",), rng=RNG), ValueError, "output_offsets",
         "names[0]"),
        (lambda: saturation.output_offsets(rng=None), TypeError, "output_offsets", "rng"),
        (lambda: saturation.output_offsets(rng=RNG, width=10, num_points=3), ValueError,
         "output_offsets", "num_points")],
    "saturation.init_scales": [
        (lambda: saturation.init_scales(inits=("xavier",)), ValueError, "init_scales",
         "inits[0]"),
        (lambda: saturation.init_scales(inits=(-1.0,)), ValueError, "init_scales", "inits[0]"),
        (lambda: saturation.init_scales(inits="he"), TypeError, "init_scales", "inits"),
        (lambda: saturation.init_scales(names=()), TypeError, "init_scales", "names"),
        (lambda: saturation.init_scales(depth=0), ValueError, "init_scales", "depth")],
    "rectifiers.lr_sweep": [
        (lambda: rectifiers.lr_sweep(activation="swish"), ValueError, "lr_sweep", "activation"),
        (lambda: rectifiers.lr_sweep(hidden_sizes=(0,)), ValueError, "lr_sweep",
         "hidden_sizes[0]"),
        (lambda: rectifiers.lr_sweep(lrs=(-1.0,)), ValueError, "lr_sweep", "lrs[0]"),
        (lambda: rectifiers.lr_sweep(target=1.5), ValueError, "lr_sweep", "target"),
        (lambda: rectifiers.lr_sweep(init="xavier"), ValueError, "lr_sweep", "init"),
        (lambda: rectifiers.lr_sweep(steps=0), ValueError, "lr_sweep", "steps"),
        (lambda: rectifiers.lr_sweep(data_seed="0"), TypeError, "lr_sweep", "data_seed")],
    "rectifiers.LearningRateSweep.first_lr_killing": [
        (lambda: RELU.first_lr_killing(2.0), ValueError, "LearningRateSweep.first_lr_killing",
         "share")],
    "rectifiers.prelu_slopes": [
        (lambda: rectifiers.prelu_slopes(hidden=0), ValueError, "prelu_slopes", "hidden"),
        (lambda: rectifiers.prelu_slopes(lr=0), ValueError, "prelu_slopes", "lr"),
        (lambda: rectifiers.prelu_slopes(init_seed=-1), ValueError, "prelu_slopes",
         "init_seed")],
    "rectifiers.idle_pieces": [
        (lambda: rectifiers.idle_pieces("maxout", np.zeros((3, 2))), TypeError, "idle_pieces",
         "maxout"),
        (lambda: rectifiers.idle_pieces(MAXOUT, np.zeros((3, 5))), ValueError, "idle_pieces",
         "X"),
        (lambda: rectifiers.idle_pieces(MAXOUT, np.full((3, 2), np.nan)), ValueError,
         "idle_pieces", "X")],
    "rectifiers.maxout_pieces": [
        (lambda: rectifiers.maxout_pieces(lrs=[]), TypeError, "maxout_pieces", "lrs"),
        (lambda: rectifiers.maxout_pieces(init_seeds=(1.5,)), TypeError, "maxout_pieces",
         "init_seeds[0]"),
        (lambda: rectifiers.maxout_pieces(steps=-3), ValueError, "maxout_pieces", "steps")],
    "rectifiers.activation_comparison": [
        (lambda: rectifiers.activation_comparison(names=("nope",)), ValueError,
         "activation_comparison", "names[0]"),
        (lambda: rectifiers.activation_comparison(names="relu"), TypeError,
         "activation_comparison", "names"),
        (lambda: rectifiers.activation_comparison(held_out=1.0), ValueError,
         "activation_comparison", "held_out"),
        (lambda: rectifiers.activation_comparison(lr=np.inf), ValueError,
         "activation_comparison", "lr")],
    "figures.saturation_panels": [
        (lambda: figures.saturation_panels("result"), TypeError, "saturation_panels", "result"),
        (lambda: figures.saturation_panels(SATURATION, axes=plt.subplots()[1]), TypeError,
         "saturation_panels", "axes")],
    "figures.zigzag_paths": [
        (lambda: figures.zigzag_paths(ZZ, lr=2.0), ValueError, "zigzag_paths", "lr"),
        (lambda: figures.zigzag_paths(ZZ, lr=1.0, max_drawn=0), ValueError, "zigzag_paths",
         "max_drawn"),
        (lambda: figures.zigzag_paths(SATURATION, lr=1.0), TypeError, "zigzag_paths",
         "result")],
    "figures.init_scale_panels": [
        (lambda: figures.init_scale_panels(None), TypeError, "init_scale_panels", "result")],
    "figures.sweep_label": [
        (lambda: figures.sweep_label(3), TypeError, "sweep_label", "sweep")],
    "figures.steps_to_target": [
        (lambda: figures.steps_to_target(RELU), TypeError, "steps_to_target", "sweeps"),
        (lambda: figures.steps_to_target([1]), TypeError, "steps_to_target", "sweeps[0]"),
        (lambda: figures.steps_to_target([RELU], ax="axes"), TypeError, "steps_to_target",
         "ax")],
    "figures.dead_panels": [
        (lambda: figures.dead_panels([RELU], reference=2.0), ValueError, "dead_panels",
         "reference"),
        (lambda: figures.dead_panels([]), TypeError, "dead_panels", "sweeps")],
    "figures.prelu_bars": [
        (lambda: figures.prelu_bars(RELU), TypeError, "prelu_bars", "result")],
    "figures.activation_pictures": [
        (lambda: figures.activation_pictures(COMPARISON, resolution=1), ValueError,
         "activation_pictures", "resolution"),
        (lambda: figures.activation_pictures(COMPARISON, dpi=0), ValueError,
         "activation_pictures", "dpi"),
        (lambda: figures.activation_pictures(RELU), TypeError, "activation_pictures", "result")],
    "figures.dead_pictures": [
        (lambda: figures.dead_pictures(TANH), ValueError, "dead_pictures", "sweep"),
        (lambda: figures.dead_pictures(RELU, resolution=1.5), TypeError, "dead_pictures",
         "resolution")],
    "widgets.describe_activation": [
        (lambda: widgets.describe_activation("swish"), ValueError, "describe_activation",
         "name"),
        (lambda: widgets.describe_activation("relu", z_min=1.0, z_max=0.0), ValueError,
         "describe_activation", "z_min"),
        (lambda: widgets.describe_activation("relu", z_max=np.inf), ValueError,
         "describe_activation", "z_max")],
    "widgets.ActivationExplorer": [
        (lambda: widgets.ActivationExplorer(name="swish"), ValueError, "ActivationExplorer",
         "name"),
        (lambda: widgets.ActivationExplorer(names="relu"), TypeError, "ActivationExplorer",
         "names"),
        (lambda: widgets.ActivationExplorer(names=("relu", "nope"), name="relu"), ValueError,
         "ActivationExplorer", "names[1]"),
        (lambda: widgets.ActivationExplorer(name="tanh", names=("relu",)), ValueError,
         "ActivationExplorer", "name"),
        (lambda: widgets.ActivationExplorer(dpi=0), ValueError, "ActivationExplorer", "dpi")],
    "widgets.ActivationExplorer.set": [
        (lambda: explorer().set(name="elu"), ValueError, "ActivationExplorer.set", "name")],
}
