"""The training chapter's experiments return the numbers the chapter asserts, every time."""

import numpy as np
import pytest

from nnkit import losses
from nnbook.experiments import training as ex


def test_softmax_example_gives_the_known_gradient():
    out = ex.softmax_example(probs=(0.2, 0.3, 0.5), correct=2)
    assert np.allclose(out["probs"], [0.2, 0.3, 0.5])
    assert np.allclose(out["dscores"], [0.2, 0.3, -0.5], atol=1e-12)
    assert np.isclose(out["loss"], np.log(2))


def test_hinge_example():
    out = ex.hinge_example(scores=(-1.0, 0.5, 1.2), correct=2)
    assert np.isclose(out["loss"], 0.3)
    assert np.allclose(out["margins"], [0.0, 0.3, 0.0])
    assert np.allclose(out["dscores"], [0.0, 1.0, -1.0])


def test_naive_softmax_fails_where_the_stable_one_works():
    out = ex.stability_example(scores=(998.0, 999.0, 1000.0))
    assert np.isnan(out["naive_big"]).all() and np.isnan(out["naive_small"]).all()
    assert np.allclose(out["stable_big"], losses.softmax(np.array([[-2.0, -1.0, 0.0]]))[0])
    assert np.allclose(out["stable_small"], out["stable_big"][::-1])


def test_centred_differences_beat_forward_differences():
    out = ex.difference_errors()
    assert out["centred"].min() < 1e-9 < out["forward"].min()
    # In the truncation regime (large h) the centred error falls like h**2: 100x per decade.
    ratio = out["centred"][0] / out["centred"][1]
    assert 50 < ratio < 200, ratio


def test_gradient_checks_pass_for_correct_code_and_catch_bugs():
    checks = ex.gradient_checks(seed=0)
    for case in ("linear layer", "relu layer", "softmax net", "hinge net"):
        assert max(checks[case].values()) < 1e-7, (case, checks[case])
    assert checks["bug: mean"]["layer1.W"] > 1e-2
    assert checks["bug: bias"]["layer1.b"] > 1e-2
    assert checks["bug: mean"]["layer1.b"] < 1e-7 and checks["bug: bias"]["layer1.W"] < 1e-7


def test_buggy_linear_rejects_unknown_bug():
    with pytest.raises(ValueError, match="bug must be"):
        ex.BuggyLinear(2, 3, rng=np.random.default_rng(0), bug="typo")


@pytest.fixture(scope="module")
def spiral():
    return ex.spiral_experiment(data_seed=0, init_seed=1)


def test_spiral_linear_vs_network(spiral):
    assert 0.40 < spiral.linear_train_acc < 0.65
    assert 0.40 < spiral.linear_val_acc < 0.65
    assert 0.95 < spiral.net_train_acc <= 1.0
    assert 0.93 < spiral.net_val_acc <= 1.0
    assert repr(spiral.net) == "MLP(2 -> 100 relu -> 3)"


def test_spiral_is_reproducible(spiral):
    again = ex.spiral_experiment(data_seed=0, init_seed=1, net_steps=100, snapshot_steps=(0, 100))
    assert again.linear_train_acc == spiral.linear_train_acc
    assert again.net_history.train_loss[:21] == spiral.net_history.train_loss[:21]


def test_spiral_watch_and_snapshots(spiral):
    assert set(spiral.snapshots) == set(ex.SNAPSHOT_STEPS)
    assert all(grid.shape == (100, 100) for grid in spiral.snapshots.values())
    assert spiral.watch_steps[0] == 0 and spiral.watch_steps[-1] == ex.NET_STEPS
    assert all(len(v) == len(spiral.watch_steps) for v in spiral.grad_norms.values())
    assert spiral.grad_norms["layer1.W"][0] > 10 * spiral.grad_norms["layer1.W"][-1]
    steps, pngs, captions = ex.snapshot_pngs(spiral)
    assert steps == sorted(ex.SNAPSHOT_STEPS)
    assert all(png[:8] == b"\x89PNG\r\n\x1a\n" for png in pngs)
    assert len(captions) == len(pngs)


def test_overfit_tiny_reaches_100_percent():
    tiny = ex.overfit_tiny(data_seed=0, init_seed=2)
    assert tiny["train_acc"] == 1.0 and tiny["first_perfect_step"] is not None
    assert tiny["train_loss"] < 0.05
    assert len(np.unique(tiny["X"], axis=0)) == len(tiny["X"])


def test_large_learning_rate_kills_relus():
    watch = ex.learning_rate_watch(lrs=(1.0, 5.0), steps=500)
    assert watch[1.0]["dead"][-1] < 0.05 < 0.5 < watch[5.0]["dead"][-1]
    assert watch[1.0]["train_acc"] > 0.95 > 0.8 > watch[5.0]["train_acc"]
