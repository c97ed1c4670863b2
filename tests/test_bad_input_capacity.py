"""Bad input to every public callable of nnbook.experiments.capacity and nnbook.figures.capacity
raises TypeError or ValueError naming the call and the argument.

CASES maps "module.callable" (or "module.Class.method") to rows (thunk, error, where, name):
calling thunk() must raise ``error`` whose message contains ``where + ":"`` and ``name``.
``test_every_public_callable_has_a_row`` enumerates the modules, so a new public function
without a row fails here; only result dataclasses that nnbook builds itself are exempt.
(The same design as tests/test_bad_input_plots.py.)
"""

import dataclasses
import inspect

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

from nnkit import layers, model  # noqa: E402
from nnbook.experiments import capacity  # noqa: E402
from nnbook.figures import capacity as figures  # noqa: E402

C, F = capacity, figures
MODULES = {"capacity": C, "figures": F}
RNG = np.random.default_rng(0)
DATA = C.outlier_data(rng=np.random.default_rng(0))
NET = model.MLP([2, 3, 2], rng=np.random.default_rng(0))
GRID = np.zeros((4, 4), dtype=int)


def sweep():
    """A one-setting Sweep built by hand (no training)."""
    return C.Sweep(settings=((3, 0.0),), train_acc=(0.9,), val_acc=(0.8,), boundary=(0.01,),
                   regions=(2,), objective=(0.3,), data=DATA, models=(NET,), grids=(GRID,))


def comparison():
    acc = {"none": np.array([0.8, 0.7]), "L2": np.array([0.85, 0.8])}
    return C.RegularizerComparison(methods=("none", "L2"), regs=(0.0, 0.01), data_seeds=(0, 1),
                                   init_seeds=(5, 6), steps=10, train_acc=acc, val_acc=acc)


def spread():
    losses = {3: np.array([0.3, 0.35]), 20: np.array([0.31, 0.31])}
    return C.Spread(hidden_sizes=(3, 20), seeds=(0, 1), reg=0.01, steps=10, losses=losses,
                    late_change={3: np.zeros(2), 20: np.zeros(2)}, late_steps=2)


def build(method, rng):
    return model.Sequential([layers.Linear(2, 3, rng=rng), layers.ReLU(),
                             layers.Linear(3, 2, rng=rng)])


CASES = {
    "capacity.outlier_data": [
        (lambda: C.outlier_data(rng=3), TypeError, "outlier_data", "rng"),
        (lambda: C.outlier_data(rng=RNG, num_points=1), ValueError, "outlier_data",
         "num_points"),
        (lambda: C.outlier_data(rng=RNG, num_points=10, num_outliers=9), ValueError,
         "outlier_data", "num_outliers"),
        (lambda: C.outlier_data(rng=RNG, held_out=1.0), ValueError, "outlier_data", "held_out")],
    "capacity.train_seeds": [
        (lambda: C.train_seeds(None, hidden_size=3, init_seeds=[0]), TypeError, "train_seeds",
         "data"),
        (lambda: C.train_seeds(DATA, hidden_size=0, init_seeds=[0]), ValueError, "train_seeds",
         "hidden_size"),
        (lambda: C.train_seeds(DATA, hidden_size=3, init_seeds=[]), TypeError, "train_seeds",
         "init_seeds"),
        (lambda: C.train_seeds(DATA, hidden_size=3, init_seeds=[0], reg=-1), ValueError,
         "train_seeds", "reg"),
        (lambda: C.train_seeds(DATA, hidden_size=3, init_seeds=[0], lr=0), ValueError,
         "train_seeds", "lr"),
        (lambda: C.train_seeds(DATA, hidden_size=3, init_seeds=[0], steps=2.5), TypeError,
         "train_seeds", "steps"),
        (lambda: C.train_seeds(DATA, hidden_size=3, init_seeds=[0], momentum=1.0), ValueError,
         "train_seeds", "momentum"),
        (lambda: C.train_seeds(DATA, hidden_size=3, init_seeds=[0], eval_every=0), ValueError,
         "train_seeds", "eval_every")],
    "capacity.boundary_fraction": [
        (lambda: C.boundary_fraction(np.zeros(5, int)), ValueError, "boundary_fraction", "grid"),
        (lambda: C.boundary_fraction(np.zeros((3, 3))), ValueError, "boundary_fraction", "grid"),
        (lambda: C.boundary_fraction([["a"]]), TypeError, "boundary_fraction", "grid")],
    "capacity.count_regions": [
        (lambda: C.count_regions(np.zeros((1, 5), int)), ValueError, "count_regions", "grid")],
    "capacity.Sweep.index": [
        (lambda: sweep().index(6), ValueError, "Sweep.index", "hidden_size")],
    "capacity.Sweep.row": [
        (lambda: sweep().row(3, 0.5), ValueError, "Sweep.index", "reg")],
    "capacity.sweep": [
        (lambda: C.sweep([], data=DATA), TypeError, "sweep", "settings"),
        (lambda: C.sweep([(3,)], data=DATA), TypeError, "sweep", "settings[0]"),
        (lambda: C.sweep([(3, -1.0)], data=DATA), ValueError, "sweep", "settings[0][1]"),
        (lambda: C.sweep([(3, 0.0)], data="data"), TypeError, "sweep", "data"),
        (lambda: C.sweep([(3, 0.0)], data=DATA, resolution=1), ValueError, "sweep",
         "resolution")],
    "capacity.capacity_and_regularization": [
        (lambda: C.capacity_and_regularization(data_seed=-1), ValueError,
         "capacity_and_regularization", "data_seed"),
        (lambda: C.capacity_and_regularization(hidden_sizes=[0]), ValueError,
         "capacity_and_regularization", "hidden_sizes[0]"),
        (lambda: C.capacity_and_regularization(regs="0.1"), TypeError,
         "capacity_and_regularization", "regs"),
        (lambda: C.capacity_and_regularization(reg_hidden_size=0), ValueError,
         "capacity_and_regularization", "reg_hidden_size")],
    "capacity.RegularizerComparison.mean": [
        (lambda: comparison().mean("dropout"), ValueError, "RegularizerComparison.mean",
         "method")],
    "capacity.RegularizerComparison.std": [
        (lambda: comparison().std(None), ValueError, "RegularizerComparison.std", "method")],
    "capacity.RegularizerComparison.gain": [
        (lambda: comparison().gain("L2", "nothing"), ValueError, "RegularizerComparison.gain",
         "baseline")],
    "capacity.regularizer_comparison": [
        (lambda: C.regularizer_comparison(3, {"none": 0.0}, data_seeds=[0], init_seeds=[0]),
         TypeError, "regularizer_comparison", "build"),
        (lambda: C.regularizer_comparison(build, [], data_seeds=[0], init_seeds=[0]),
         TypeError, "regularizer_comparison", "methods"),
        (lambda: C.regularizer_comparison(build, {1: 0.0}, data_seeds=[0], init_seeds=[0]),
         TypeError, "regularizer_comparison", "methods"),
        (lambda: C.regularizer_comparison(build, {"L2": -1}, data_seeds=[0], init_seeds=[0]),
         ValueError, "regularizer_comparison", "methods['L2']"),
        (lambda: C.regularizer_comparison(build, {"L2": 0.1}, data_seeds=[0, 1],
                                          init_seeds=[0]),
         ValueError, "regularizer_comparison", "init_seeds"),
        (lambda: C.regularizer_comparison(lambda m, rng: "net", {"L2": 0.1}, data_seeds=[0],
                                          init_seeds=[0], steps=1),
         TypeError, "regularizer_comparison", "build(...)")],
    "capacity.Spread.std": [
        (lambda: spread().std(6), ValueError, "Spread.std", "hidden_size")],
    "capacity.Spread.range": [
        (lambda: spread().range("3"), ValueError, "Spread.range", "hidden_size")],
    "capacity.Spread.distinct": [
        (lambda: spread().distinct(3, tol=-1.0), ValueError, "Spread.distinct", "tol"),
        (lambda: spread().distinct(4), ValueError, "Spread.distinct", "hidden_size")],
    "capacity.seed_spread": [
        (lambda: C.seed_spread(steps=4), ValueError, "seed_spread", "steps"),
        (lambda: C.seed_spread(seeds=[]), TypeError, "seed_spread", "seeds"),
        (lambda: C.seed_spread(hidden_sizes=[0]), ValueError, "seed_spread", "hidden_sizes[0]"),
        (lambda: C.seed_spread(reg=-0.1), ValueError, "seed_spread", "reg")],
    "capacity.evaluate_settings": [
        (lambda: C.evaluate_settings(0, 0.0), ValueError, "evaluate_settings", "hidden_size"),
        (lambda: C.evaluate_settings(20, np.nan), ValueError, "evaluate_settings", "reg"),
        (lambda: C.evaluate_settings(20, 0.1, test_seed=-1), ValueError, "evaluate_settings",
         "test_seed")],
    "figures.creases": [
        (lambda: F.creases(None, DATA.X_train, DATA.y_train), TypeError, "creases", "net"),
        (lambda: F.creases(model.MLP([2, 3, 3, 2], rng=RNG), DATA.X_train, DATA.y_train),
         ValueError, "creases", "net"),
        (lambda: F.creases(NET, DATA.X_train, DATA.y_train, title=3), TypeError, "creases",
         "title")],
    "figures.complexity": [
        (lambda: F.complexity("ab", [1], [1], [0]), TypeError, "complexity", "labels"),
        (lambda: F.complexity(["a"], [1, 1], [1], [0]), ValueError, "complexity", "train_acc"),
        (lambda: F.complexity(["a"], [1], [1.5], [0]), ValueError, "complexity", "val_acc")],
    "figures.regularizers": [
        (lambda: F.regularizers(None), TypeError, "regularizers", "result")],
    "figures.spread": [
        (lambda: F.spread(None, rng=RNG), TypeError, "spread", "result"),
        (lambda: F.spread(spread(), rng=3), TypeError, "spread", "rng")],
    "figures.unit_maps": [
        (lambda: F.unit_maps(None, NET, extent=(-1, 1, -1, 1)), TypeError, "unit_maps",
         "small"),
        (lambda: F.unit_maps(NET, model.MLP([3, 4, 2], rng=RNG), extent=(-1, 1, -1, 1)),
         ValueError, "unit_maps", "large"),
        (lambda: F.unit_maps(NET, NET, extent=(-1, 1, -1, 1), ncols=0), ValueError,
         "unit_maps", "ncols")],
}


def public_callables():
    """"module.name" and "module.Class.method" for every public callable of MODULES."""
    found = []
    for prefix, module in MODULES.items():
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(obj):
                found.append((f"{prefix}.{name}", obj))
            elif inspect.isclass(obj):
                found.append((f"{prefix}.{name}", obj))
                found += [(f"{prefix}.{name}.{m}", getattr(obj, m))
                          for m, attr in vars(obj).items() if not m.startswith("_") and (
                              inspect.isfunction(attr)
                              or isinstance(attr, (classmethod, staticmethod)))]
    return found


def takes_arguments(obj):
    if inspect.isclass(obj) and dataclasses.is_dataclass(obj):
        return "__post_init__" in vars(obj)  # a result built by nnbook, unless it checks input
    return any(p not in ("self", "cls") for p in inspect.signature(obj).parameters)


def test_every_public_callable_has_a_row():
    missing = [name for name, obj in public_callables()
               if takes_arguments(obj) and name not in CASES]
    assert not missing, f"add bad-input rows for {missing}"
    exempt = sorted(name for name, obj in public_callables() if not takes_arguments(obj))
    assert exempt == ["capacity.Data", "capacity.RegularizerComparison", "capacity.Spread",
                      "capacity.Sweep"], exempt


@pytest.mark.parametrize("thunk, error, where, name",
                         [row for rows in CASES.values() for row in rows],
                         ids=[f"{key}-{i}" for key, rows in CASES.items()
                              for i in range(len(rows))])
def test_bad_input_names_the_call_and_the_argument(thunk, error, where, name):
    try:
        with pytest.raises(error) as info:
            thunk()
    finally:
        plt.close("all")
    message = str(info.value)
    assert f"{where}:" in message, f"{message!r} does not name the call {where}"
    assert name in message, f"{message!r} does not name the argument {name}"
