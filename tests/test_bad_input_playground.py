"""Bad input to every public callable of the playground's modules (nnbook.playground,
nnbook.static and nnbook.presets) raises TypeError or ValueError naming the call and the argument.

CASES maps "module.callable" (or "module.Class.method") to rows (thunk, error, where, name), as in
tests/test_bad_input_training.py; ``test_every_public_callable_has_a_row`` enumerates the modules,
so a new public function without a row fails.
"""

import dataclasses
import functools
import inspect
import math

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

from nnbook import playground, presets, static  # noqa: E402

MODULES = {"playground": playground, "static": static, "presets": presets}
RNG = np.random.default_rng(0)
SMALL = playground.Settings(num_points=30, hidden_sizes=(3,))
PNG = b"\x89PNG\r\n\x1a\n"


@functools.cache
def lab():
    return playground.Playground(rng=np.random.default_rng(0), num_points=30,
                                 hidden_sizes=(3,), resolution=8, dpi=20)


def run():
    return playground.Run(SMALL, rng=np.random.default_rng(0))


@functools.cache
def demo():
    png = lab().png()
    return static.image_stack([png, png], ["a", "b"], description="x")


def settings(**changes):
    return lambda: playground.Settings(**changes)


def fake_frame():
    return static.Frame(label="a", settings=SMALL, seed=0, steps=0, resolution=2,
                        grid=np.zeros((2, 2), int), train_acc=0.5, val_acc=0.5, png=PNG, alt="a")


CASES = {
    "playground.Settings": [
        (settings(num_points=math.nan), TypeError, "Settings", "num_points"),
        (settings(num_points=100.5), TypeError, "Settings", "num_points"),
        (settings(num_points=10), ValueError, "Settings", "num_points"),
        (settings(hidden_sizes=(2.7,)), TypeError, "Settings", "hidden_sizes[0]"),
        (settings(hidden_sizes=()), ValueError, "Settings", "hidden_sizes"),
        (settings(hidden_sizes=50), TypeError, "Settings", "hidden_sizes"),
        (settings(hidden_sizes=(4, 0)), ValueError, "Settings", "hidden_sizes[1]"),
        (settings(lr=math.inf), ValueError, "Settings", "lr"),
        (settings(lr=0.0), ValueError, "Settings", "lr"),
        (settings(reg=math.nan), ValueError, "Settings", "reg"),
        (settings(reg=-0.1), ValueError, "Settings", "reg"),
        (settings(batch_size=2.5), TypeError, "Settings", "batch_size"),
        (settings(batch_size=0), ValueError, "Settings", "batch_size"),
        (settings(momentum=1.0), ValueError, "Settings", "momentum"),
        (settings(noise=math.nan), ValueError, "Settings", "noise"),
        (settings(held_out=0.0), ValueError, "Settings", "held_out"),
        (settings(dataset="mnist"), ValueError, "Settings", "dataset"),
        (settings(activation="swish"), ValueError, "Settings", "activation")],
    "playground.make_data": [
        (lambda: playground.make_data({"dataset": "spiral"}, rng=RNG), TypeError, "make_data",
         "settings"),
        (lambda: playground.make_data(SMALL, rng=0), TypeError, "make_data", "rng")],
    "playground.make_model": [
        (lambda: playground.make_model(SMALL, 2.0, rng=RNG), TypeError, "make_model",
         "num_classes"),
        (lambda: playground.make_model(SMALL, 7, rng=RNG), ValueError, "make_model",
         "num_classes"),
        (lambda: playground.make_model(SMALL, 2, rng=None), TypeError, "make_model", "rng")],
    "playground.Run": [
        (lambda: playground.Run(SMALL, rng=np.random.RandomState(0)), TypeError, "Run", "rng"),
        (lambda: playground.Run(dataclasses.asdict(SMALL), rng=RNG), TypeError, "Run",
         "settings")],
    "playground.Run.configure": [
        (lambda: run().configure({"lr": 0.1}), TypeError, "Run.configure", "settings")],
    "playground.Run.advance": [
        (lambda: run().advance(-1), ValueError, "Run.advance", "steps"),
        (lambda: run().advance(2.5), TypeError, "Run.advance", "steps"),
        (lambda: run().advance(True), TypeError, "Run.advance", "steps")],
    "playground.Run.fit": [
        (lambda: run().fit(target_accuracy=2.0), ValueError, "Run.fit", "target_accuracy"),
        (lambda: run().fit(max_steps=-5), ValueError, "Run.fit", "max_steps"),
        (lambda: run().fit(check_every=0), ValueError, "Run.fit", "check_every")],
    "playground.Run.grid": [
        (lambda: run().grid(resolution=1), ValueError, "Run.grid", "resolution"),
        (lambda: run().grid(resolution=20.0), TypeError, "Run.grid", "resolution")],
    "playground.Playground": [
        (lambda: playground.Playground(rng=0), TypeError, "Playground", "rng"),
        (lambda: playground.Playground(rng=RNG, steps_per_frame=0), ValueError, "Playground",
         "steps_per_frame"),
        (lambda: playground.Playground(rng=RNG, target_accuracy=2.0), ValueError, "Playground",
         "target_accuracy"),
        (lambda: playground.Playground(rng=RNG, max_play_steps=1.5), TypeError, "Playground",
         "max_play_steps"),
        (lambda: playground.Playground(rng=RNG, resolution=1), ValueError, "Playground",
         "resolution"),
        (lambda: playground.Playground(rng=RNG, dpi=math.nan), ValueError, "Playground", "dpi"),
        (lambda: playground.Playground(rng=RNG, hidden_sizes=(8, 4)), ValueError, "Playground",
         "hidden_sizes"),
        (lambda: playground.Playground(rng=RNG, lr=math.inf), ValueError, "Playground", "lr"),
        (lambda: playground.Playground(rng=RNG, fit_on_change="yes"), TypeError, "Playground",
         "fit_on_change")],
    "playground.Playground.set": [
        (lambda: lab().set(reg=math.nan), ValueError, "Playground.set", "reg"),
        (lambda: lab().set(lr=-1.0), ValueError, "Playground.set", "lr"),
        (lambda: lab().set(hidden_sizes=(2.7,)), TypeError, "Playground.set", "hidden_sizes[0]"),
        (lambda: lab().set(hidden_sizes=(3, 5)), ValueError, "Playground.set", "hidden_sizes"),
        (lambda: lab().set(batch_size=2.5), TypeError, "Playground.set", "batch_size"),
        (lambda: lab().set(noise=5.0), ValueError, "Playground.set", "noise"),
        (lambda: lab().set(dataset="mnist"), ValueError, "Playground.set", "dataset"),
        (lambda: lab().set(fit_on_change=1), TypeError, "Playground.set", "fit_on_change")],
    "playground.Playground.step": [
        (lambda: lab().step(0), ValueError, "Playground.step", "n"),
        (lambda: lab().step(2.5), TypeError, "Playground.step", "n")],
    "playground.Playground.fit": [
        (lambda: lab().fit(max_steps=0), ValueError, "Playground.fit", "max_steps")],
    "static.train_run": [
        (lambda: static.train_run("spiral", seed=0, steps=1), TypeError, "train_run",
         "settings"),
        (lambda: static.train_run(SMALL, seed=-1, steps=1), ValueError, "train_run", "seed"),
        (lambda: static.train_run(SMALL, seed=0, steps=1.5), TypeError, "train_run", "steps")],
    "static.frames": [
        (lambda: static.frames([SMALL], ["a"], rng=0, steps=1), TypeError, "frames", "rng"),
        (lambda: static.frames([SMALL], ["a"], rng=RNG, steps=-1), ValueError, "frames",
         "steps"),
        (lambda: static.frames([SMALL], ["a"], rng=RNG, steps=1, resolution=1), ValueError,
         "frames", "resolution"),
        (lambda: static.frames(["spiral"], ["a"], rng=RNG, steps=1), TypeError, "frames",
         "settings_list[0]"),
        (lambda: static.frames([], [], rng=RNG, steps=1), ValueError, "frames",
         "settings_list"),
        (lambda: static.frames([SMALL], ["a"], rng=RNG, steps=1, title=3), TypeError, "frames",
         "title")],
    "static.img_tag": [
        (lambda: static.img_tag("x.png", alt="a"), TypeError, "img_tag", "png"),
        (lambda: static.img_tag(PNG, alt=None), TypeError, "img_tag", "alt")],
    "static.data_uri": [
        (lambda: static.data_uri(b"GIF89a"), TypeError, "data_uri", "png")],
    "static.Demo": [
        (lambda: static.Demo([PNG], ["a"], description="x", control="knob"), ValueError, "Demo",
         "control"),
        (lambda: static.Demo([PNG], ["a"], description="x", initial=1), ValueError, "Demo",
         "initial"),
        (lambda: static.Demo([PNG], ["a"], description=None), TypeError, "Demo",
         "description")],
    "static.Demo.valuetext": [
        (lambda: demo().valuetext(2), ValueError, "Demo.valuetext", "i"),
        (lambda: demo().valuetext(0.5), TypeError, "Demo.valuetext", "i")],
    "static.Demo.html": [
        (lambda: demo().html(script="yes"), TypeError, "Demo.html", "script")],
    "static.image_stack": [
        (lambda: static.image_stack([PNG, PNG], ["a"], description="x"), ValueError,
         "image_stack", "labels"),
        (lambda: static.image_stack([PNG, PNG], ["a", "a"], description="x"), ValueError,
         "image_stack", "labels"),
        (lambda: static.image_stack(["not a png"], ["a"], description="x"), TypeError,
         "image_stack", "pngs[0]"),
        (lambda: static.image_stack([PNG], ["a"], description="x", captions=["a", "b"]),
         ValueError, "image_stack", "captions"),
        (lambda: static.image_stack([PNG], ["a"], description="x", initial=0.0), TypeError,
         "image_stack", "initial"),
        (lambda: static.image_stack([], [], description="x"), ValueError, "image_stack",
         "pngs")],
    "static.frames_stack": [
        (lambda: static.frames_stack([PNG], description="x"), TypeError, "frames_stack",
         "frame_list[0]"),
        (lambda: static.frames_stack([fake_frame()], description="x", control="knob"),
         ValueError, "frames_stack", "control")],
    "static.capacity_settings": [
        (lambda: static.capacity_settings(2.5), TypeError, "capacity_settings", "hidden_size"),
        (lambda: static.capacity_settings(4, reg=math.nan), ValueError, "capacity_settings",
         "reg")],
    "static.capacity_frames": [
        (lambda: static.capacity_frames(rng=None), TypeError, "capacity_frames", "rng"),
        (lambda: static.capacity_frames(rng=RNG, hidden_sizes=(3, 0)), ValueError,
         "capacity_frames", "hidden_sizes[1]")],
    "static.capacity_demo": [
        (lambda: static.capacity_demo(rng=RNG, steps=-1), ValueError, "capacity_demo", "steps"),
        (lambda: static.capacity_demo(rng=RNG, hidden_sizes=(1.5,)), TypeError,
         "capacity_demo", "hidden_sizes[0]")],
    "static.regularization_frames": [
        (lambda: static.regularization_frames(rng=RNG, regs=(0.0, math.nan)), ValueError,
         "regularization_frames", "regs[1]"),
        (lambda: static.regularization_frames(rng=RNG, hidden_size=0), ValueError,
         "regularization_frames", "hidden_size")],
    "static.regularization_demo": [
        (lambda: static.regularization_demo(rng=RNG, resolution=1.5), TypeError,
         "regularization_demo", "resolution"),
        (lambda: static.regularization_demo(rng=RNG, regs=(-1.0,)), ValueError,
         "regularization_demo", "regs[0]")],
    "static.activation_settings": [
        (lambda: static.activation_settings("swish"), ValueError, "activation_settings", "name"),
        (lambda: static.activation_settings("relu", hidden_size=-3), ValueError,
         "activation_settings", "hidden_size")],
    "static.activation_frames": [
        (lambda: static.activation_frames(rng=RNG, names=("relu", "swish")), ValueError,
         "activation_frames", "names[1]"),
        (lambda: static.activation_frames(rng="0"), TypeError, "activation_frames", "rng")],
    "static.activation_demo": [
        (lambda: static.activation_demo(rng=RNG, names="relu"), TypeError, "activation_demo",
         "names"),
        (lambda: static.activation_demo(rng=RNG, hidden_size=2.0), TypeError,
         "activation_demo", "hidden_size")],
    "static.activation_curves_demo": [
        (lambda: static.activation_curves_demo(names=("relu", "swish")), ValueError,
         "activation_curves_demo", "names[1]"),
        (lambda: static.activation_curves_demo(names=()), ValueError,
         "activation_curves_demo", "names")],
    "static.live_playground": [
        (lambda: static.live_playground(SMALL), TypeError, "live_playground", "frame")],
    "presets.preset": [
        (lambda: presets.preset("no such preset"), ValueError, "preset", "name")],
    "presets.apply_preset": [
        (lambda: presets.apply_preset(run(), presets.PRESETS[0].name), TypeError,
         "apply_preset", "lab"),
        (lambda: presets.apply_preset(lab(), "nope"), ValueError, "preset", "name"),
        (lambda: presets.apply_preset(lab(), presets.PRESETS[0].name, train_steps=3),
         TypeError, "apply_preset", "train_steps")],
    "presets.preset_chooser": [
        (lambda: presets.preset_chooser(None), TypeError, "preset_chooser", "lab")],
    "presets.preset_settings": [
        (lambda: presets.preset_settings(presets.PRESETS[0].name, num_points=10.5), TypeError,
         "preset_settings", "num_points")],
    "presets.preset_run": [
        (lambda: presets.preset_run(presets.PRESETS[0].name, rng=0), TypeError, "preset_run",
         "rng"),
        (lambda: presets.preset_run(presets.PRESETS[0].name, rng=RNG, steps=-1), ValueError,
         "preset_run", "steps"),
        (lambda: presets.preset_run(presets.PRESETS[0].name, rng=RNG, record_every=0),
         ValueError, "preset_run", "record_every")],
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
                found += [(f"{prefix}.{name}.{m}", f) for m, f in vars(obj).items()
                          if inspect.isfunction(f) and not m.startswith("_")]
    return found


def takes_arguments(obj):
    if inspect.isclass(obj) and dataclasses.is_dataclass(obj):
        return False  # a record of settings or results (Settings has rows all the same)
    return any(p != "self" for p in inspect.signature(obj).parameters)


def test_every_public_callable_has_a_row():
    missing = [name for name, obj in public_callables()
               if takes_arguments(obj) and name not in CASES]
    assert not missing, f"add bad-input rows for {missing}"
    exempt = sorted(name for name, obj in public_callables() if not takes_arguments(obj))
    assert exempt == sorted([
        "playground.Playground.alt_text", "playground.Playground.pause",
        "playground.Playground.play", "playground.Playground.png",
        "playground.Playground.redraw", "playground.Playground.reset",
        "playground.Playground.grid", "playground.Run.dead_fraction",
        "playground.Run.record", "playground.Run.reset", "playground.Run.restart",
        "playground.Settings", "presets.Preset", "static.Frame"])


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


def test_a_refused_setting_leaves_the_playground_and_its_controls_as_they_were():
    pg = lab()
    before = (pg.settings, [c.value for c in pg.controls.values()],
              list(pg.controls["reg"].options))
    with pytest.raises(ValueError, match="Playground.set: reg"):
        pg.set(lr=0.1, reg=math.nan)
    assert (pg.settings, [c.value for c in pg.controls.values()],
            list(pg.controls["reg"].options)) == before
    assert not any(isinstance(v, float) and math.isnan(v) for v in pg.controls["reg"].options)
