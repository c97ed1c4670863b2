"""Bad input to every public callable of nnbook.approximation, nnbook.experiments.representation
and nnbook.figures.representation raises TypeError or ValueError naming the call and the
argument.

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

from nnbook import approximation  # noqa: E402
from nnbook.experiments import representation  # noqa: E402
from nnbook.figures import representation as figures  # noqa: E402
from nnkit import model  # noqa: E402

A, R, F = approximation, representation, figures
MODULES = {"approximation": A, "representation": R, "figures": F}
X = np.linspace(-1.0, 1.0, 5)
NET = A.sigmoid_bump_network(np.sin, -1.0, 1.0, 2)  # OneHiddenLayer with H = 4


def f(x):
    return np.sin(x)


CASES = {
    "approximation.sigmoid_step": [
        (lambda: A.sigmoid_step("x", 0.0, 1.0), TypeError, "sigmoid_step", "x"),
        (lambda: A.sigmoid_step(X, np.nan, 1.0), ValueError, "sigmoid_step", "center"),
        (lambda: A.sigmoid_step(X, 0.0, None), TypeError, "sigmoid_step", "steepness")],
    "approximation.relu_step": [
        (lambda: A.relu_step(X, 0.0, 0.0), ValueError, "relu_step", "width"),
        (lambda: A.relu_step([True], 0.0, 1.0), TypeError, "relu_step", "x")],
    "approximation.sigmoid_bump": [
        (lambda: A.sigmoid_bump(X, 0.0, 1.0, np.inf, 5.0), ValueError, "sigmoid_bump", "height"),
        (lambda: A.sigmoid_bump(X, "0", 1.0, 1.0, 5.0), TypeError, "sigmoid_bump", "left")],
    "approximation.relu_bump": [
        (lambda: A.relu_bump(X, 0.0, 1.0, 1.0, -1.0), ValueError, "relu_bump", "width"),
        (lambda: A.relu_bump(X, 0.0, None, 1.0, 0.1), TypeError, "relu_bump", "right")],
    "approximation.indicator_bump": [
        (lambda: A.indicator_bump(X, None, 1.0, 1.0), TypeError, "indicator_bump", "left"),
        (lambda: A.indicator_bump("abc", 0.0, 1.0, 1.0), TypeError, "indicator_bump", "x")],
    "approximation.max_error": [
        (lambda: A.max_error(3, f, 0, 1), TypeError, "max_error", "f"),
        (lambda: A.max_error(f, f, 1, 0), ValueError, "max_error", "lo"),
        (lambda: A.max_error(f, f, 0, 1, num_points=1), ValueError, "max_error", "num_points")],
    "approximation.bump_grid": [
        (lambda: A.bump_grid(0.0, 1.0, 0), ValueError, "bump_grid", "n_bumps"),
        (lambda: A.bump_grid(0.0, 1.0, 2.5), TypeError, "bump_grid", "n_bumps"),
        (lambda: A.bump_grid(1.0, 1.0, 3), ValueError, "bump_grid", "lo")],
    "approximation.OneHiddenLayer": [
        (lambda: A.OneHiddenLayer(NET.W1, NET.b1, NET.W2, NET.b2, "tanh"), ValueError,
         "OneHiddenLayer", "activation"),
        (lambda: A.OneHiddenLayer(NET.W1, NET.b1, NET.W2[:2], NET.b2, "relu"), ValueError,
         "OneHiddenLayer", "W2"),
        (lambda: A.OneHiddenLayer(np.ones((1, 4), int), NET.b1, NET.W2, NET.b2, "relu"),
         TypeError, "OneHiddenLayer", "W1")],
    "approximation.OneHiddenLayer.hidden": [
        (lambda: NET.hidden("abc"), TypeError, "OneHiddenLayer.hidden", "x")],
    "approximation.OneHiddenLayer.contributions": [
        (lambda: NET.contributions(None), TypeError, "OneHiddenLayer.contributions", "x")],
    "approximation.OneHiddenLayer.load_into": [
        (lambda: NET.load_into(3), TypeError, "OneHiddenLayer.load_into", "mlp"),
        (lambda: NET.load_into(model.MLP([1, 5, 1], activation="sigmoid",
                                         rng=np.random.default_rng(0))),
         ValueError, "OneHiddenLayer.load_into", "mlp")],
    "approximation.sigmoid_bump_network": [
        (lambda: A.sigmoid_bump_network(None, -1, 1, 3), TypeError, "sigmoid_bump_network",
         "f"),
        (lambda: A.sigmoid_bump_network(f, -1, 1, 0), ValueError, "sigmoid_bump_network",
         "n_bumps"),
        (lambda: A.sigmoid_bump_network(f, -1, 1, 3, sharpness=0), ValueError,
         "sigmoid_bump_network", "sharpness")],
    "approximation.relu_interpolation_network": [
        (lambda: A.relu_interpolation_network(f, -1, 1, 0), ValueError,
         "relu_interpolation_network", "n_units"),
        (lambda: A.relu_interpolation_network(f, 1, -1, 3), ValueError,
         "relu_interpolation_network", "lo")],
    "approximation.IndicatorBumps": [
        (lambda: A.IndicatorBumps(np.zeros(2), np.zeros(3), 1.0), ValueError, "IndicatorBumps",
         "centers"),
        (lambda: A.IndicatorBumps(np.zeros(2), np.zeros(2), 0.0), ValueError, "IndicatorBumps",
         "width")],
    "approximation.IndicatorBumps.fit": [
        (lambda: A.IndicatorBumps.fit(1, -1, 1, 3), TypeError, "IndicatorBumps.fit", "f"),
        (lambda: A.IndicatorBumps.fit(f, -1, 1, -3), ValueError, "IndicatorBumps.fit",
         "n_bumps")],
    "representation.target": [
        (lambda: R.target("x"), TypeError, "target", "x")],
    "representation.ApproximationErrors.slope": [
        (lambda: R.approximation_errors((10, 20)).slope("tanh"), ValueError,
         "ApproximationErrors.slope", "name")],
    "representation.approximation_errors": [
        (lambda: R.approximation_errors((3,)), ValueError, "approximation_errors", "units[0]"),
        (lambda: R.approximation_errors("10"), TypeError, "approximation_errors", "units"),
        (lambda: R.approximation_errors((10,), sharpness=-1), ValueError,
         "approximation_errors", "sharpness")],
    "representation.sharpness_errors": [
        (lambda: R.sharpness_errors(7), ValueError, "sharpness_errors", "units"),
        (lambda: R.sharpness_errors(10, []), TypeError, "sharpness_errors", "sharpnesses")],
    "representation.units_for_error": [
        (lambda: R.units_for_error(0), ValueError, "units_for_error", "eps"),
        (lambda: R.units_for_error(1e-6, max_units=8), ValueError, "units_for_error",
         "max_units")],
    "figures.steps": [
        (lambda: F.steps(steepnesses=[]), TypeError, "steps", "steepnesses"),
        (lambda: F.steps(center="a"), TypeError, "steps", "center"),
        (lambda: F.steps(axes=plt.subplots()[1]), TypeError, "steps", "axes")],
    "figures.bump": [
        (lambda: F.bump(left=1.0, right=0.0), ValueError, "bump", "left"),
        (lambda: F.bump(steepness=0), ValueError, "bump", "steepness"),
        (lambda: F.bump(ax="ax"), TypeError, "bump", "ax")],
    "figures.approximation_panel": [
        (lambda: F.approximation_panel(3), ValueError, "approximation_panel", "units"),
        (lambda: F.approximation_panel(4, sharpness=-1), ValueError, "approximation_panel",
         "sharpness")],
    "figures.approximations": [
        (lambda: F.approximations("10"), TypeError, "approximations", "units"),
        (lambda: F.approximations((4, 8), axes=plt.subplots()[1]), TypeError, "approximations",
         "axes")],
    "figures.errors": [
        (lambda: F.errors(None), TypeError, "errors", "result")],
    "figures.unit_responses": [
        (lambda: F.unit_responses(None), TypeError, "unit_responses", "net")],
    "figures.approximation_pictures": [
        (lambda: F.approximation_pictures([3]), ValueError, "approximation_pictures",
         "units[0]"),
        (lambda: F.approximation_pictures(4), TypeError, "approximation_pictures", "units"),
        (lambda: F.approximation_pictures([4], sharpness=0), ValueError,
         "approximation_pictures", "sharpness")],
    "figures.sharpness_pictures": [
        (lambda: F.sharpness_pictures(5), ValueError, "sharpness_pictures", "units"),
        (lambda: F.sharpness_pictures(4, "ab"), TypeError, "sharpness_pictures",
         "sharpnesses")],
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
    assert exempt == ["approximation.OneHiddenLayer.num_params",
                      "representation.ApproximationErrors"], exempt


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
