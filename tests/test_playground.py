"""nnbook.playground trains through nnkit's trainer, speaks the book's vocabulary, and its
presets say honestly how they differ from the figures they are close to."""

import inspect
import re

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnbook import playground, presets  # noqa: E402
from nnbook.experiments import capacity, rectifiers  # noqa: E402
from nnkit import train  # noqa: E402


def small_run(**changes):
    settings = playground.Settings(num_points=60, hidden_sizes=(4,), **changes)
    return playground.Run(settings, rng=np.random.default_rng(0))


def test_run_steps_are_nnkit_train_steps(monkeypatch):
    calls = []
    real = train.step

    def spy(model, X, y, **kwargs):
        calls.append((len(X), kwargs["optimizer"], kwargs["reg"]))
        return real(model, X, y, **kwargs)

    monkeypatch.setattr(train, "step", spy)
    run = small_run(reg=0.01)
    run.advance(5)
    assert len(calls) == 5 and run.steps_done == 5
    assert all(n == len(run.y_train) and opt is run.optimizer and reg == 0.01
               for n, opt, reg in calls)  # full batch: every training point
    calls.clear()
    run.configure(playground.Settings(num_points=60, hidden_sizes=(4,), reg=0.01, batch_size=8))
    run.advance(3)
    assert [n for n, _, _ in calls] == [8, 8, 8]  # minibatch SGD: 8 random points a step


def test_run_matches_a_loop_of_train_step():
    run, by_hand = small_run(), small_run()
    optimizer = train.SGD(by_hand.settings.lr, momentum=by_hand.settings.momentum)
    for _ in range(30):
        train.step(by_hand.model, by_hand.X_train, by_hand.y_train, optimizer=optimizer,
                   reg=by_hand.settings.reg)
    run.advance(30)
    for (_, a, key), (_, b, _) in zip(run.model.param_items(), by_hand.model.param_items()):
        np.testing.assert_array_equal(a.params[key], b.params[key])


def test_vocabulary_is_hidden_sizes_and_rng():
    for fn in (playground.Playground.__init__, playground.Playground.set):
        names = set(inspect.signature(fn).parameters)
        assert "hidden_sizes" in names and not names & {"hidden_layers", "units"}, fn
    for p in presets.PRESETS:
        assert "hidden_sizes" in p.settings and not {"hidden_layers", "units"} & set(p.settings)
    assert "rng" in inspect.signature(playground.Run).parameters
    lab = playground.Playground(rng=np.random.default_rng(0), hidden_sizes=(6, 6),
                                resolution=10, dpi=20)
    assert lab.settings.hidden_sizes == (6, 6) and lab.model.sizes[1:3] == [6, 6]


def test_batch_menu_names_minibatch_sgd_and_shows_on_the_still_page():
    lab = playground.Playground(rng=np.random.default_rng(0), resolution=10, dpi=20)
    labels = [label for label, _ in lab.controls["batch_size"].options]
    assert labels[0] == "full batch" and all("minibatch SGD" in x for x in labels[1:])
    page = lab.static_html()
    menu = re.search(r"batch size <select disabled>(.*?)</select>", page).group(1)
    assert "<option selected>full batch</option>" in menu
    assert menu.count("<option") == len(labels)


def test_presets_train_a_picture_worth_showing():
    lab = playground.Playground(rng=np.random.default_rng(0), num_points=presets.PLAYGROUND_POINTS,
                                resolution=20, dpi=20)
    p = presets.apply_preset(lab, "ch3: relu on the spiral")
    h = lab.history
    assert h.step[-1] == p.steps and len(h) > 20  # curves, not two points joined by a line
    assert h.train_acc[-1] > h.train_acc[0]
    assert f"after {p.steps:,} steps" in lab.alt_text()
    assert len(lab.run.grad_norms) == len(h)


def test_presets_say_how_they_differ_from_their_figures():
    sweep = inspect.signature(rectifiers.lr_sweep).parameters["lrs"].default
    for p in presets.PRESETS:
        s = presets.preset_settings(p.name)
        run = presets.preset_run(p.name, rng=np.random.default_rng(0), steps=0)
        assert s.num_points == presets.PLAYGROUND_POINTS
        assert f"{presets.PLAYGROUND_POINTS}" in p.differs
        assert f"{s.held_out:.0%} held out" in p.differs
        if p.name.startswith("ch7"):
            outliers = round(s.noise * s.num_points / 6)  # as playground.make_data draws them
            assert f"with {outliers} outliers" in p.differs and f"{p.steps:,} steps" in p.differs
            assert (f"{capacity.NUM_POINTS} points with {capacity.NUM_OUTLIERS} outliers, "
                    f"{capacity.HELD_OUT:.0%} held out, {capacity.STEPS:,} steps") in p.differs
            assert s.momentum == capacity.MOMENTUM and s.lr == capacity.LR
            assert len(run.y_train) + len(run.y_val) == s.num_points
        else:
            assert s.batch_size is None and s.momentum == 0.0  # full-batch gradient descent
            assert min(sweep) <= s.lr <= max(sweep)
            sizes = "-".join(map(str, (2, *s.hidden_sizes, 3)))
            if p.figure != "fig-activations-saturation":
                assert f"learning rate, {s.lr:g} (" in p.differs
            assert sizes in ("2-50-50-3", "2-50-3")


def test_the_dead_unit_comparison_changes_one_thing():
    name = "ch3: dead relus at a high learning rate"
    dead = presets.preset_run(name, rng=np.random.default_rng(1), record_every=50)
    s = presets.preset_settings(name)
    calm = playground.Run(playground.Settings(**{**s.__dict__, "lr": 1.0}),
                          rng=np.random.default_rng(1))
    calm.advance(dead.steps_done)
    np.testing.assert_array_equal(dead.X_train, calm.X_train)
    assert dead.init_seed == calm.init_seed
    assert dead.dead[-1] > calm.dead[-1] + 0.2


def test_a_frozen_playground_is_not_refused_silently():
    lab = playground.Playground(rng=np.random.default_rng(0), resolution=10, dpi=20)
    with pytest.raises(ValueError, match="Playground.set: reg"):
        lab.set(reg=float("nan"))
    assert lab.settings.reg == 0.001
