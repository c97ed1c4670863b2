"""Bad input to every public callable of chapter 5's modules (nnbook.experiments.training and
nnbook.figures.training) raises TypeError or ValueError naming the call and the argument.

CASES maps "module.callable" (or "module.Class.method") to rows (thunk, error, where, name), as in
tests/test_bad_input_plots.py.
tests/test_bad_input.py runs these rows and fails when a public callable of the modules has
none.
"""

import dataclasses

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

from nnkit import train  # noqa: E402
from nnbook.experiments import training as experiments  # noqa: E402
from nnbook.figures import training as figures  # noqa: E402

MODULES = {"experiments": experiments, "figures": figures}
RNG = np.random.default_rng(0)
X = np.array([[0.0, 1.0], [0.5, -0.5], [1.0, 0.0]])
Y = np.array([0, 1, 2])
HISTORY = train.History()
HISTORY.record(0, 1.0, 0.3)
HISTORY.record(5, 0.5, 0.6)
WATCHED = experiments.Watched(steps=np.array([0, 5]), grad_norms={"layer1.W": np.ones(2)},
                              dead=np.zeros(2), snapshots={}, extent=None)


def buggy():
    layer = experiments.BuggyLinear(2, 3, rng=np.random.default_rng(0))
    layer.forward(X)
    return layer


def sweep():
    return experiments.batch_sweep(batch_sizes=(3,), seeds=(1,), steps=4, eval_every=2)


CASES = {
    "experiments.spiral_data": [
        (lambda: experiments.spiral_data(data_seed=-1), ValueError, "spiral_data", "data_seed"),
        (lambda: experiments.spiral_data(data_seed=1.5), TypeError, "spiral_data", "data_seed")],
    "experiments.spiral_extent": [
        (lambda: experiments.spiral_extent(X[:, :1], X), ValueError, "spiral_extent", "X"),
        (lambda: experiments.spiral_extent(X, np.full((2, 2), np.nan)), ValueError,
         "spiral_extent", "X_val")],
    "experiments.Watch": [
        (lambda: experiments.Watch([[0.0, 1.0]]), TypeError, "Watch", "X"),
        (lambda: experiments.Watch(X, snapshot_steps=(5, 0), extent=(0, 1, 0, 1)), ValueError,
         "Watch", "snapshot_steps"),
        (lambda: experiments.Watch(X, snapshot_steps=(0,)), ValueError, "Watch", "extent"),
        (lambda: experiments.Watch(X, extent=(1, 0, 0, 1)), ValueError, "Watch", "extent"),
        (lambda: experiments.Watch(X, extent=(0, 1, 0, np.inf)), ValueError, "Watch", "extent"),
        (lambda: experiments.Watch(X, resolution=1), ValueError, "Watch", "resolution")],
    "experiments.spiral_experiment": [
        (lambda: experiments.spiral_experiment(init_seed=None), TypeError, "spiral_experiment",
         "init_seed"),
        (lambda: experiments.spiral_experiment(net_steps=0), ValueError, "spiral_experiment",
         "net_steps"),
        (lambda: experiments.spiral_experiment(data_seed=True), TypeError, "spiral_experiment",
         "data_seed"),
        (lambda: experiments.spiral_experiment(net_steps=5, snapshot_steps=(7,)), ValueError,
         "spiral_experiment", "snapshot_steps")],
    "experiments.rise_fraction": [
        (lambda: experiments.rise_fraction([1.0]), ValueError, "rise_fraction", "losses"),
        (lambda: experiments.rise_fraction(["a", "b"]), TypeError, "rise_fraction", "losses")],
    "experiments.late_spread": [
        (lambda: experiments.late_spread([1.0, 2.0, 3.0], last=0), ValueError, "late_spread",
         "last"),
        (lambda: experiments.late_spread([1.0, 2.0, 3.0]), ValueError, "late_spread", "losses")],
    "experiments.BatchSweep.spreads": [
        (lambda: sweep().spreads(last=1.5), ValueError, "late_spread", "last")],
    "experiments.batch_sweep": [
        (lambda: experiments.batch_sweep(batch_sizes=(301,)), ValueError, "batch_sweep",
         "batch_sizes[0]"),
        (lambda: experiments.batch_sweep(batch_sizes=30), TypeError, "batch_sweep",
         "batch_sizes"),
        (lambda: experiments.batch_sweep(seeds=()), TypeError, "batch_sweep", "seeds"),
        (lambda: experiments.batch_sweep(seeds=(1.5,)), TypeError, "batch_sweep", "seeds[0]"),
        (lambda: experiments.batch_sweep(steps=0), ValueError, "batch_sweep", "steps"),
        (lambda: experiments.batch_sweep(lr=-1), ValueError, "batch_sweep", "lr"),
        (lambda: experiments.batch_sweep(data_seed=-2), ValueError, "batch_sweep", "data_seed")],
    "experiments.BuggyLinear": [
        (lambda: experiments.BuggyLinear(2, 3, rng=RNG, bug="typo"), ValueError, "BuggyLinear",
         "bug"),
        (lambda: experiments.BuggyLinear(2, 3, rng=42), TypeError, "Linear", "rng")],
    "experiments.BuggyLinear.backward": [
        (lambda: buggy().backward(np.ones((3, 4))), ValueError, "Linear.backward", "dout")],
    "experiments.gradient_checks": [
        (lambda: experiments.gradient_checks(rng=0), TypeError, "gradient_checks", "rng"),
        (lambda: experiments.gradient_checks(rng=RNG, num_points=0), ValueError,
         "gradient_checks", "num_points"),
        (lambda: experiments.gradient_checks(rng=RNG, hidden=2.0), TypeError, "gradient_checks",
         "hidden"),
        (lambda: experiments.gradient_checks(rng=RNG, reg=-0.1), ValueError, "gradient_checks",
         "reg")],
    "experiments.bug_sizes": [
        (lambda: experiments.bug_sizes(rng=None), TypeError, "bug_sizes", "rng"),
        (lambda: experiments.bug_sizes(rng=RNG, batch_sizes=(0,)), ValueError, "bug_sizes",
         "batch_sizes[0]"),
        (lambda: experiments.bug_sizes(rng=RNG, regs=(0.0,)), ValueError, "bug_sizes",
         "regs[0]"),
        (lambda: experiments.bug_sizes(rng=RNG, regs=0.1), TypeError, "bug_sizes", "regs"),
        (lambda: experiments.bug_sizes(rng=RNG, draws=0), ValueError, "bug_sizes", "draws")],
    "experiments.tiny_rows": [
        (lambda: experiments.tiny_rows(X, num_points=4, rng=RNG), ValueError, "tiny_rows",
         "num_points"),
        (lambda: experiments.tiny_rows(X, num_points=2, rng=1), TypeError, "tiny_rows", "rng"),
        (lambda: experiments.tiny_rows(X.astype(int), num_points=2, rng=RNG), TypeError,
         "tiny_rows", "X")],
    "experiments.overfit_tiny": [
        (lambda: experiments.overfit_tiny(num_points=10_000), ValueError, "tiny_rows",
         "num_points"),
        (lambda: experiments.overfit_tiny(hidden=0), ValueError, "overfit_tiny", "hidden"),
        (lambda: experiments.overfit_tiny(lr=np.nan), ValueError, "overfit_tiny", "lr"),
        (lambda: experiments.overfit_tiny(steps=2.5), TypeError, "overfit_tiny", "steps"),
        (lambda: experiments.overfit_tiny(init_seed=-1), ValueError, "overfit_tiny",
         "init_seed")],
    "figures.loss_shapes": [
        (lambda: figures.loss_shapes(wrong_scores=()), TypeError, "loss_shapes", "wrong_scores"),
        (lambda: figures.loss_shapes(wrong_scores=(np.nan,)), ValueError, "loss_shapes",
         "wrong_scores[0]"),
        (lambda: figures.loss_shapes(score_range=(4, -3)), ValueError, "loss_shapes",
         "score_range"),
        (lambda: figures.loss_shapes(ax="ax"), TypeError, "loss_shapes", "ax")],
    "figures.difference_errors": [
        (lambda: figures.difference_errors([1e-1, 0.0], [1, 1], [1, 1]), ValueError,
         "difference_errors", "h"),
        (lambda: figures.difference_errors([1e-1, 1e-2], [1, 1, 1], [1, 1]), ValueError,
         "difference_errors", "forward"),
        (lambda: figures.difference_errors([1e-1, 1e-2], [1, 1], ["a", "b"]), TypeError,
         "difference_errors", "centred")],
    "figures.gradcheck_bars": [
        (lambda: figures.gradcheck_bars({"softmax net": {}}), TypeError, "gradcheck_bars",
         "checks"),
        (lambda: figures.gradcheck_bars({c: {"X": -1.0} for c in figures.GRADCHECK_CASES}),
         ValueError, "gradcheck_bars", "checks")],
    "figures.batch_curves": [
        (lambda: figures.batch_curves([1, 2], HISTORY, batch_size=3, num_points=9), TypeError,
         "batch_curves", "full"),
        (lambda: figures.batch_curves(HISTORY, train.History(), batch_size=3, num_points=9),
         TypeError, "batch_curves", "minibatch"),
        (lambda: figures.batch_curves(HISTORY, HISTORY, batch_size=10, num_points=9),
         ValueError, "batch_curves", "batch_size"),
        (lambda: figures.batch_curves(HISTORY, HISTORY, batch_size=3, num_points=0),
         ValueError, "batch_curves", "num_points")],
    "figures.watch_panels": [
        (lambda: figures.watch_panels({1.0: "run"}), TypeError, "watch_panels", "runs"),
        (lambda: figures.watch_panels({1.0: WATCHED}, max_step=-5), ValueError, "watch_panels",
         "max_step"),
        (lambda: figures.watch_panels({1.0: WATCHED}, axes=plt.subplots()[1]), TypeError,
         "watch_panels", "axes")],
    "figures.overfit": [
        (lambda: figures.overfit({"X": X}, extent=(0, 1, 0, 1)), TypeError, "overfit", "tiny")],
    "figures.snapshot_frames": [
        (lambda: figures.snapshot_frames(HISTORY, WATCHED, X, Y), TypeError, "snapshot_frames",
         "watched"),
        (lambda: figures.snapshot_frames(
            HISTORY, dataclasses.replace(WATCHED, snapshots={3: np.zeros((2, 2), int)},
                                         extent=(0, 1, 0, 1)), X, Y), ValueError,
         "snapshot_frames", "history"),
        (lambda: figures.snapshot_frames(None, WATCHED, X, Y), TypeError, "snapshot_frames",
         "history")],
}
