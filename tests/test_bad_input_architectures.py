"""Bad input to every public callable of chapter 4's modules (nnbook.experiments.architectures,
nnbook.figures.architectures and the ParameterCounter widget) raises TypeError or ValueError
naming the call and the argument.

CASES maps "module.callable" (or "module.Class.method") to rows (thunk, error, where, name), as in
tests/test_bad_input_plots.py; ``test_every_public_callable_has_a_row`` enumerates the modules,
so a new public function without a row fails.
"""

import dataclasses
import inspect

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

from nnbook import widgets  # noqa: E402
from nnbook.experiments import architectures as experiments  # noqa: E402
from nnbook.figures import architectures as figures  # noqa: E402

MODULES = {"experiments": experiments, "figures": figures}
POSITIONS = {0: (0, 0), 1: (1, 0)}
ROW = {"inp": ("X", np.zeros((2, 3))), "W": ("W", np.zeros((3, 1))), "b": ("b", np.zeros(1)),
       "act": "none", "out": ("scores", np.zeros((2, 1)))}


def counter():
    return widgets.ParameterCounter(sizes="3, 2", dpi=20)


CASES = {
    "experiments.growth": [
        (lambda: experiments.growth(3.5, 1, widths=[2], depths=[1]), TypeError, "growth", "d_in"),
        (lambda: experiments.growth(3, 0, widths=[2], depths=[1]), ValueError, "growth", "d_out"),
        (lambda: experiments.growth(3, 1, widths=[2, 0], depths=[1]), ValueError, "growth",
         "widths[1]"),
        (lambda: experiments.growth(3, 1, widths=5, depths=[1]), TypeError, "growth", "widths"),
        (lambda: experiments.growth(3, 1, widths=[2], depths=[-1]), ValueError, "growth",
         "depths[0]")],
    "experiments.doubling_ratios": [
        (lambda: experiments.doubling_ratios(3, 1, widths=[]), TypeError, "doubling_ratios",
         "widths"),
        (lambda: experiments.doubling_ratios(3, 1, widths=[4], depth=0), ValueError,
         "doubling_ratios", "depth")],
    "experiments.conv_params": [
        (lambda: experiments.conv_params(3.0, 1, 1), TypeError, "conv_params", "kernel"),
        (lambda: experiments.conv_params(3, 0, 1), ValueError, "conv_params", "c_in"),
        (lambda: experiments.conv_params(3, 4, 6, groups=4), ValueError, "conv_params",
         "groups")],
    "experiments.dense_params": [
        (lambda: experiments.dense_params(True, 3), TypeError, "dense_params", "d_in"),
        (lambda: experiments.dense_params(3, -3), ValueError, "dense_params", "d_out")],
    "experiments.stack_size": [
        (lambda: experiments.stack_size(3, experiments.ALEXNET), TypeError, "stack_size", "name"),
        (lambda: experiments.stack_size("x", []), TypeError, "stack_size", "spec"),
        (lambda: experiments.stack_size("x", [("pool", 2)]), ValueError, "stack_size",
         "spec[0]"),
        (lambda: experiments.stack_size("x", [("fc", 2.5, 3)]), TypeError, "dense_params",
         "d_in")],
    "figures.graph": [
        (lambda: figures.graph([(0, 0)], []), TypeError, "graph", "positions"),
        (lambda: figures.graph({0: (0, 0, 0)}, []), ValueError, "graph", "positions[0]"),
        (lambda: figures.graph(POSITIONS, [(0, 5)]), ValueError, "graph", "edge"),
        (lambda: figures.graph(POSITIONS, [(0, 1)], radius=0), ValueError, "graph", "radius"),
        (lambda: figures.graph(POSITIONS, [(0, 1)], ax="ax"), TypeError, "graph", "ax")],
    "figures.networks": [
        (lambda: figures.networks([3, 4, 2]), TypeError, "networks", "sizes_list[0]"),
        (lambda: figures.networks([[3, 0, 2]]), ValueError, "networks", "sizes_list[0][1]"),
        (lambda: figures.networks([[3, 2]], max_units=2), ValueError, "networks", "max_units"),
        (lambda: figures.networks([[3, 2]], axes=[]), TypeError, "networks", "axes")],
    "figures.diagram_png": [
        (lambda: figures.diagram_png([3, 2.5]), TypeError, "diagram_png", "sizes_list[0][1]"),
        (lambda: figures.diagram_png([3, 2], dpi=0), ValueError, "diagram_png", "dpi"),
        (lambda: figures.diagram_png([3, 2], canvas="big"), TypeError, "diagram_png",
         "sizes_list[0]")],
    "figures.diagram_demo": [
        (lambda: figures.diagram_demo([[3, 2]], ["a", "b"], captions=["c"], description="d"),
         TypeError, "diagram_demo", "labels"),
        (lambda: figures.diagram_demo([[3, 2]], ["a"], captions=[1], description="d"),
         TypeError, "diagram_demo", "captions"),
        (lambda: figures.diagram_demo([], [], captions=[], description="d"), TypeError,
         "diagram_demo", "sizes_list")],
    "figures.shape_flow": [
        (lambda: figures.shape_flow([{"inp": None}]), TypeError, "shape_flow", "rows"),
        (lambda: figures.shape_flow([ROW], cell=-1), ValueError, "shape_flow", "cell")],
    "figures.growth_panels": [
        (lambda: figures.growth_panels([1, 2], [[1, 2, 3]], [1], [4], [[1, 2]]), ValueError,
         "growth_panels", "counts"),
        (lambda: figures.growth_panels([1, 2], [[1, 2]], [1], [4, 8], [[1, 2]]), ValueError,
         "growth_panels", "by_depth"),
        (lambda: figures.growth_panels(["a"], [[1]], [1], [4], [[1]]), TypeError,
         "growth_panels", "widths")],
    "figures.convnet_bars": [
        (lambda: figures.convnet_bars({"x": 3}), TypeError, "convnet_bars", "sizes"),
        (lambda: figures.convnet_bars(experiments.convnet_sizes(), axes=plt.subplots()[1]),
         TypeError, "convnet_bars", "axes")],
    "widgets.ParameterCounter": [
        (lambda: widgets.ParameterCounter(sizes=42), TypeError, "ParameterCounter", "sizes"),
        (lambda: widgets.ParameterCounter(sizes="3, x"), ValueError, "ParameterCounter",
         "sizes"),
        (lambda: widgets.ParameterCounter(sizes=[3, 2.5]), TypeError, "ParameterCounter",
         "sizes"),
        (lambda: widgets.ParameterCounter(max_units=2.0), TypeError, "ParameterCounter",
         "max_units"),
        (lambda: widgets.ParameterCounter(dpi=np.nan), ValueError, "ParameterCounter", "dpi")],
    "widgets.ParameterCounter.set": [
        (lambda: counter().set(sizes=None), TypeError, "ParameterCounter.set", "sizes"),
        (lambda: counter().set(sizes=3), TypeError, "ParameterCounter.set", "sizes")],
}


def public_callables():
    """"module.name" and "module.Class.method" for every public callable of MODULES, and the
    ParameterCounter widget (the other widgets belong to other chapters)."""
    found = [("widgets.ParameterCounter", widgets.ParameterCounter)]
    found += [(f"widgets.ParameterCounter.{m}", f)
              for m, f in vars(widgets.ParameterCounter).items()
              if inspect.isfunction(f) and not m.startswith("_")]
    for prefix, module in MODULES.items():
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(obj):
                found.append((f"{prefix}.{name}", obj))
            elif inspect.isclass(obj):
                found.append((f"{prefix}.{name}", obj))
                found += [(f"{prefix}.{name}.{m}", f) for m, f in vars(obj).items()
                          if inspect.isfunction(f) and not m.startswith("_")]
    return found


def takes_arguments(obj):
    if inspect.isclass(obj) and dataclasses.is_dataclass(obj):
        return False  # a result the module builds itself
    return any(p != "self" for p in inspect.signature(obj).parameters)


def test_every_public_callable_has_a_row():
    missing = [name for name, obj in public_callables()
               if takes_arguments(obj) and name not in CASES]
    assert not missing, f"add bad-input rows for {missing}"
    exempt = sorted(name for name, obj in public_callables() if not takes_arguments(obj))
    assert exempt == ["experiments.StackSize", "experiments.convnet_sizes",
                      "widgets.ParameterCounter.alt_text"]


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
