"""Bad input to every public callable of chapter 1's modules (nnbook.experiments.linear and
nnbook.figures.linear) raises TypeError or ValueError naming the call and the argument.

CASES maps "module.callable" to rows (thunk, error, where, name): calling thunk() must raise
``error`` whose message contains ``where + ":"`` and ``name``.
tests/test_bad_input.py runs these rows and fails when a public callable of
the modules has none; only result dataclasses, which the modules build themselves, are
exempt.  (Same design as tests/test_bad_input_plots.py.)
"""


import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

from nnkit import model  # noqa: E402
from nnbook.experiments import linear as experiments  # noqa: E402
from nnbook.figures import linear as figures  # noqa: E402

MODULES = {"experiments": experiments, "figures": figures}
RNG = np.random.default_rng
X = np.array([[0.0, 0.0], [1.0, 1.0], [0.5, -1.0], [-1.0, 0.5]])
Y = np.array([0, 1, 1, 0])
NET = model.MLP([2, 3, 2], rng=RNG(0))
EXTENT = (-1.0, 1.0, -1.0, 1.0)

CASES = {
    "experiments.linear_shapes": [
        (lambda: experiments.linear_shapes(rng=42), TypeError, "linear_shapes", "rng"),
        (lambda: experiments.linear_shapes(rng=RNG(0), num_images=2.5), TypeError,
         "linear_shapes", "num_images"),
        (lambda: experiments.linear_shapes(rng=RNG(0), num_images=0), ValueError,
         "linear_shapes", "num_images")],
    "experiments.collapse_demo": [
        (lambda: experiments.collapse_demo(rng=np.random.RandomState(0)), TypeError,
         "collapse_demo", "rng"),
        (lambda: experiments.collapse_demo((3, 4), rng=RNG(0)), ValueError, "collapse_demo",
         "sizes"),
        (lambda: experiments.collapse_demo((3, 4.5, 2), rng=RNG(0)), TypeError, "collapse_demo",
         "sizes[1]"),
        (lambda: experiments.collapse_demo((3, True, 2), rng=RNG(0)), TypeError,
         "collapse_demo", "sizes[1]"),
        (lambda: experiments.collapse_demo(rng=RNG(0), num_images=-1), ValueError,
         "collapse_demo", "num_images")],
    "experiments.hidden_sweep": [
        (lambda: experiments.hidden_sweep(X.tolist(), Y), TypeError, "hidden_sweep", "X"),
        (lambda: experiments.hidden_sweep(X * np.nan, Y), ValueError, "hidden_sweep", "X"),
        (lambda: experiments.hidden_sweep(X, Y[:3]), ValueError, "hidden_sweep", "y"),
        (lambda: experiments.hidden_sweep(X, Y.astype(float)), TypeError, "hidden_sweep", "y"),
        (lambda: experiments.hidden_sweep(X, Y, hidden_sizes=3), TypeError, "hidden_sweep",
         "hidden_sizes"),
        (lambda: experiments.hidden_sweep(X, Y, hidden_sizes=(2, 0)), ValueError,
         "hidden_sweep", "hidden_sizes[1]"),
        (lambda: experiments.hidden_sweep(X, Y, init_seeds=(1.5,)), TypeError, "hidden_sweep",
         "init_seeds[0]"),
        (lambda: experiments.hidden_sweep(X, Y, init_seeds=()), TypeError, "hidden_sweep",
         "init_seeds"),
        (lambda: experiments.hidden_sweep(X, Y, steps=0), ValueError, "hidden_sweep", "steps"),
        (lambda: experiments.hidden_sweep(X, Y, lr=float("inf")), ValueError, "hidden_sweep",
         "lr"),
        (lambda: experiments.hidden_sweep(X, Y, lr=0), ValueError, "hidden_sweep", "lr")],
    "figures.image_and_scores": [
        (lambda: figures.image_and_scores(np.ones((4, 4)), np.ones(2), class_names="ab"),
         ValueError, "image_and_scores", "image"),
        (lambda: figures.image_and_scores(2 * np.ones((4, 4, 3)), np.ones(2),
                                          class_names=["a", "b"]), ValueError,
         "image_and_scores", "image"),
        (lambda: figures.image_and_scores(np.ones((4, 4, 3)), [1, np.nan],
                                          class_names=["a", "b"]), ValueError,
         "image_and_scores", "scores"),
        (lambda: figures.image_and_scores(np.ones((4, 4, 3)), np.ones(2), class_names=["a"]),
         ValueError, "image_and_scores", "class_names"),
        (lambda: figures.image_and_scores(np.ones((4, 4, 3)), np.ones(2),
                                          class_names=["a", "b"], axes=["ax"]), TypeError,
         "image_and_scores", "axes")],
    "figures.shape_flow": [
        (lambda: figures.shape_flow("X"), TypeError, "shape_flow", "rows"),
        (lambda: figures.shape_flow([[("X", (4, 0))]]), ValueError, "shape_flow", "rows"),
        (lambda: figures.shape_flow([[("X", (4, 2.5))]]), ValueError, "shape_flow", "rows"),
        (lambda: figures.shape_flow([[("X", (4, 2))]], ax="ax"), TypeError, "shape_flow", "ax")],
    "figures.collapse_surfaces": [
        (lambda: figures.collapse_surfaces([[0, 1]], {"a": np.ones((2, 2))}), ValueError,
         "collapse_surfaces", "g"),
        (lambda: figures.collapse_surfaces([0, 1], [np.ones((2, 2))]), TypeError,
         "collapse_surfaces", "surfaces"),
        (lambda: figures.collapse_surfaces([0, 1], {"a": np.ones((3, 3))}), ValueError,
         "collapse_surfaces", "surfaces['a']"),
        (lambda: figures.collapse_surfaces([0, 1], {"a": np.ones((2, 2))}, axes=[1, 2]),
         TypeError, "collapse_surfaces", "axes")],
    "figures.accuracy_sweep": [
        (lambda: figures.accuracy_sweep([1, 2], np.ones(2), [0.5, 0.5]), ValueError,
         "accuracy_sweep", "relu_acc"),
        (lambda: figures.accuracy_sweep([1, 2], np.ones((3, 2)), [0.5, 0.5]), ValueError,
         "accuracy_sweep", "relu_acc"),
        (lambda: figures.accuracy_sweep(["a", "b"], np.ones((2, 2)), [0.5, 0.5]), TypeError,
         "accuracy_sweep", "hidden_sizes"),
        (lambda: figures.accuracy_sweep([1, 2], np.ones((2, 2)), [0.5, np.inf]), ValueError,
         "accuracy_sweep", "linear_acc"),
        (lambda: figures.accuracy_sweep([1, 2], np.ones((2, 2)), [0.5, 0.5], ax=3), TypeError,
         "accuracy_sweep", "ax")],
    "figures.hidden_units": [
        (lambda: figures.hidden_units(model.MLP([2, 2], rng=RNG(0)), X, Y, extent=EXTENT),
         TypeError, "hidden_units", "net"),
        (lambda: figures.hidden_units(NET, X, Y, extent=(1, -1, -1, 1)), ValueError,
         "hidden_units", "extent"),
        (lambda: figures.hidden_units(NET, X, Y, extent=EXTENT, resolution=1), ValueError,
         "hidden_units", "resolution"),
        (lambda: figures.hidden_units(NET, X[:, :1], Y, extent=EXTENT), ValueError,
         "hidden_units", "X"),
        (lambda: figures.hidden_units(NET, X, Y + 1, extent=EXTENT), ValueError,
         "hidden_units", "y"),
        (lambda: figures.hidden_units(NET, X, Y, extent=EXTENT, axes=[None] * 4), TypeError,
         "hidden_units", "axes")],
    "figures.region_pngs": [
        (lambda: figures.region_pngs([NET], X[:, :1], Y, ["a"]), ValueError, "region_pngs", "X"),
        (lambda: figures.region_pngs([NET], X, Y.astype(float), ["a"]), TypeError,
         "region_pngs", "y"),
        (lambda: figures.region_pngs(NET, X, Y, ["a"]), TypeError, "region_pngs",
         "classifiers"),
        (lambda: figures.region_pngs(["net"], X, Y, ["a"]), TypeError, "region_pngs",
         "classifiers[0]"),
        (lambda: figures.region_pngs([NET], X, Y, "a"), ValueError, "region_pngs", "titles"),
        (lambda: figures.region_pngs([NET], X, Y, ["a"], resolution=1.5), TypeError,
         "region_pngs", "resolution"),
        (lambda: figures.region_pngs([NET], X, Y, ["a"], width=0), ValueError, "region_pngs",
         "width"),
        (lambda: figures.region_pngs([NET], X, Y, ["a"], dpi=np.nan), ValueError,
         "region_pngs", "dpi")],
}
