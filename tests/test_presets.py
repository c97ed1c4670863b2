"""The playground presets of chapter 8 (moved with them from nnbook.experiments.capacity)."""

import dataclasses

import numpy as np
import pytest

from nnbook import playground, presets
from nnbook.experiments import capacity


def test_every_preset_applies_through_the_public_api():
    lab = playground.Playground(rng=np.random.default_rng(0), num_points=presets.PLAYGROUND_POINTS,
                                    resolution=40)
    for p in presets.PRESETS:
        presets.apply_preset(lab, p.name, train_steps=False)
        assert lab.settings == presets.preset_settings(p.name), p.name
        assert lab.run.steps_done == 0
    p = presets.apply_preset(lab, "ch7: 3 hidden units")
    assert lab.run.steps_done == p.steps
    with pytest.raises(ValueError, match="must be one of"):
        presets.preset("no such preset")


def test_preset_run_matches_the_playground():
    name = "ch3: dead relus at a high learning rate"
    run = presets.preset_run(name, rng=np.random.default_rng(5))
    lab = playground.Playground(rng=np.random.default_rng(5), num_points=presets.PLAYGROUND_POINTS,
                                    resolution=40)
    # The same seed gives the same data; apply_preset keeps the playground's first initial weights.
    presets.apply_preset(lab, name)
    np.testing.assert_array_equal(run.X_train, lab.run.X_train)
    assert dataclasses.asdict(run.settings) == dataclasses.asdict(lab.settings)


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_chapter7_presets_show_capacity_on_several_seeds(seed):
    runs = {n: presets.preset_run(n, rng=np.random.default_rng(seed), record_every=3000)
            for n in ("ch7: 3 hidden units", "ch7: 20 hidden units", "ch7: 20 units, reg 0.01")}
    acc = {n: r.history.train_acc[-1] for n, r in runs.items()}
    boundary = {n: capacity.boundary_fraction(r.grid(resolution=80)) for n, r in runs.items()}
    assert acc["ch7: 20 hidden units"] > acc["ch7: 3 hidden units"], acc
    assert boundary["ch7: 20 hidden units"] > boundary["ch7: 20 units, reg 0.01"], boundary
