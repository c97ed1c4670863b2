"""Bad input to every public callable of nnbook.claims, nnbook.experiments.depth and
nnbook.figures.depth raises TypeError or ValueError naming the call and the argument.

CASES maps "module.callable" (or "module.Class.method") to rows (thunk, error, where, name), the
design of tests/test_bad_input_plots.py. tests/test_bad_input.py runs these rows and fails when
a public callable of the modules has none.
"""


import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

from nnbook import claims  # noqa: E402
from nnbook.experiments import depth  # noqa: E402
from nnbook.figures import depth as figures  # noqa: E402

MODULES = {"claims": claims, "depth": depth, "figures": figures}
X = np.array([[0.0, 0.0], [1.0, 1.0], [0.5, -1.0]])
Y = np.array([0, 1, 2])
SWEEP = depth.DepthSweep((1, 2), (3, 2), (21, 20), (0,), (1,), 1, 0.1, 0.9, 1,
                         np.full((2, 1, 1), 0.9), np.full((2, 1, 1), 0.8))
TEXT = dict(statement="s", source="src", says="says", criterion="c", expected="e",
            chapter="ch-ledger", section="The ledger")


def train_depth(**changes):
    args = dict(X=X, y=Y, X_val=X, y_val=Y, depth=1, width=2, steps=1) | changes
    data = [args.pop(name) for name in ("X", "y", "X_val", "y_val")]
    return lambda: depth.train_depth(*data, **args)  # the same bad call however often it runs


CASES = {
    "claims.verdict": [
        (lambda: claims.verdict("yes", True), TypeError, "verdict", "as_stated"),
        (lambda: claims.verdict(True, False), ValueError, "verdict", "direction")],
    "claims.claim": [
        (lambda: claims.claim(key="", **TEXT), TypeError, "claim", "key"),
        (lambda: claims.claim(key="cifar-shapes", **TEXT), ValueError, "claim", "key"),
        (lambda: claims.claim(key="new", **(TEXT | {"criterion": None})), TypeError, "claim",
         "criterion"),
        (lambda: claims.claim(key="new", **TEXT)(42), TypeError, "claim", "experiment")],
    "claims.not_checkable": [
        (lambda: claims.not_checkable(key="brain-counts", statement="s", source="s", says="s",
                                      why="w", chapter="c", section="s"), ValueError,
         "not_checkable", "key"),
        (lambda: claims.not_checkable(key="new", statement="s", source="s", says="s", why=3,
                                      chapter="c", section="s"), TypeError, "not_checkable",
         "criterion")],
    "claims.slug": [(lambda: claims.slug(3), TypeError, "slug", "heading")],
    "claims.time_activations": [
        (lambda: claims.time_activations(rng=42), TypeError, "time_activations", "rng"),
        (lambda: claims.time_activations(("relu", "swish"), rng=np.random.default_rng(0)),
         ValueError, "time_activations", "names"),
        (lambda: claims.time_activations("relu", rng=np.random.default_rng(0)), TypeError,
         "time_activations", "names"),
        (lambda: claims.time_activations(size=0, rng=np.random.default_rng(0)), ValueError,
         "time_activations", "size"),
        (lambda: claims.time_activations(repeats=2.5, rng=np.random.default_rng(0)), TypeError,
         "time_activations", "repeats")],
    "claims.run_all": [
        (lambda: claims.run_all(["no-such-claim"]), ValueError, "run_all", "keys"),
        (lambda: claims.run_all("tanh-sigmoid"), TypeError, "run_all", "keys")],
    "claims.keys": [
        (lambda: claims.keys(chapters="ch-neuron"), TypeError, "keys", "chapters"),
        (lambda: claims.keys(chapters=("ch-nowhere",)), ValueError, "keys", "chapters")],
    "depth.width_for_budget": [
        (lambda: depth.width_for_budget(0), ValueError, "width_for_budget", "depth"),
        (lambda: depth.width_for_budget(2, 1.5), TypeError, "width_for_budget", "budget"),
        (lambda: depth.width_for_budget(2, D=0), ValueError, "width_for_budget", "D")],
    "depth.depth_data": [
        (lambda: depth.depth_data(data_seed=-1), ValueError, "depth_data", "data_seed"),
        (lambda: depth.depth_data(data_seed=0, num_train=1), ValueError, "depth_data",
         "num_train"),
        (lambda: depth.depth_data(data_seed=0, num_val=2.0), TypeError, "depth_data",
         "num_val")],
    "depth.train_depth": [
        (train_depth(X=[[0, 0]]), TypeError, "train_depth", "X"),
        (train_depth(y=np.array([0, 1])), ValueError, "train_depth", "y"),
        (train_depth(X_val=np.ones((3, 3))), ValueError, "train_depth", "X_val"),
        (train_depth(depth=0), ValueError, "train_depth", "depth"),
        (train_depth(width=1.5), TypeError, "train_depth", "width"),
        (train_depth(init_seeds=()), TypeError, "train_depth", "init_seeds"),
        (train_depth(lr=0), ValueError, "train_depth", "lr"),
        (train_depth(momentum=1), ValueError, "train_depth", "momentum")],
    "depth.depth_sweep": [
        (lambda: depth.depth_sweep(depths=(0, 1)), ValueError, "depth_sweep", "depths[0]"),
        (lambda: depth.depth_sweep(budget=-3), ValueError, "depth_sweep", "budget"),
        (lambda: depth.depth_sweep(data_seeds=3), TypeError, "depth_sweep", "data_seeds"),
        (lambda: depth.depth_sweep(steps=0), ValueError, "depth_sweep", "steps")],
    "depth.DepthSweep.gain_over": [
        (lambda: SWEEP.gain_over(7, 1), ValueError, "DepthSweep.gain_over", "depth"),
        (lambda: SWEEP.gain_over(2, "one"), ValueError, "DepthSweep.gain_over", "reference")],
    "figures.depth_accuracy": [
        (lambda: figures.depth_accuracy({"mean": 1}), TypeError, "depth_accuracy", "result"),
        (lambda: figures.depth_accuracy(SWEEP, ax="ax"), TypeError, "depth_accuracy", "ax")],
}
