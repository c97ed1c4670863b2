"""Chapter 5's experiments (nnbook.experiments.training) hold by property, for several seeds."""

import numpy as np
import pytest

from nnkit import model, train
from nnbook.experiments import training as ex


def test_spiral_data_is_seeded_and_balanced():
    X, y, X_val, y_val = ex.spiral_data(data_seed=3)
    again = ex.spiral_data(data_seed=3)
    assert all(np.array_equal(a, b) for a, b in zip((X, y, X_val, y_val), again))
    assert X.shape == X_val.shape == (300, 2) and np.bincount(y).tolist() == [100] * 3
    assert not np.array_equal(X, X_val)  # two independent draws
    half = ex.spiral_extent(X, X_val)[1]
    assert np.abs(np.concatenate([X, X_val])).max() < half


def test_watch_records_every_call_and_changes_nothing():
    X, y, _, _ = ex.spiral_data(data_seed=0)
    plain = model.MLP([2, 8, 3], rng=np.random.default_rng(5))
    watched_net = model.MLP([2, 8, 3], rng=np.random.default_rng(5))
    watch = ex.Watch(X, extent=(-1, 1, -1, 1), resolution=10, snapshot_steps=(0, 20))
    h1 = train.train(plain, X, y, lr=1.0, steps=20, eval_every=5)
    h2 = train.train(watched_net, X, y, lr=1.0, steps=20, eval_every=5, callback=watch)
    assert h1.train_loss == h2.train_loss  # the callback only looks
    result = watch.result()
    assert result.steps.tolist() == [0, 5, 10, 15, 20] and len(result.dead) == 5
    assert set(result.grad_norms) == {"layer1.W", "layer1.b", "layer2.W", "layer2.b"}
    assert all(v.shape == (5,) and np.all(v >= 0) for v in result.grad_norms.values())
    assert set(result.snapshots) == {0, 20}
    assert result.snapshots[20].shape == (10, 10) and result.snapshots[20].max() < 3


@pytest.fixture(scope="module")
def spiral():
    return ex.spiral_experiment(data_seed=0, init_seed=1)


def test_spiral_experiment_is_the_chapter_recipe_run_plainly(spiral):
    """The ledger's run equals a plain train.train with the chapter's recipe (the Watch only
    looks), so the chapter's on-screen numbers and the ledger's agree (first 300 steps here)."""
    X, y, X_val, y_val = ex.spiral_data(data_seed=0)
    net = model.MLP([2, ex.HIDDEN, 3], rng=np.random.default_rng(1))
    history = train.train(net, X, y, lr=ex.LR, steps=300, reg=ex.REG, X_val=X_val,
                          y_val=y_val, eval_every=5)
    assert history.train_loss == spiral.net_history.train_loss[:len(history)]
    assert history.val_acc == spiral.net_history.val_acc[:len(history)]
    linear = model.MLP([2, 3], rng=np.random.default_rng(1))
    linear_history = train.train(linear, X, y, lr=ex.LR, steps=ex.LINEAR_STEPS, reg=ex.REG,
                                 X_val=X_val, y_val=y_val, eval_every=10)
    assert linear_history.train_acc == spiral.linear_history.train_acc


def test_spiral_linear_vs_network(spiral):
    assert 0.40 < spiral.linear_train_acc < 0.65 and 0.40 < spiral.linear_val_acc < 0.65
    assert 0.95 < spiral.net_train_acc <= 1.0 and 0.93 < spiral.net_val_acc <= 1.0
    assert repr(spiral.net) == "MLP(2 -> 100 relu -> 3)"
    watched = spiral.watched
    assert set(watched.snapshots) == set(ex.SNAPSHOT_STEPS)
    assert watched.grad_norms["layer1.W"][0] > 10 * watched.grad_norms["layer1.W"][-1]
    assert watched.dead.max() < 0.05


def test_the_network_beats_the_linear_classifier_on_another_draw():
    r = ex.spiral_experiment(data_seed=1, init_seed=2, net_steps=600, snapshot_steps=())
    assert r.linear_train_acc < 0.65 < 0.93 < r.net_train_acc


def test_rise_fraction_and_late_spread():
    assert ex.rise_fraction([3, 2, 1]) == 0.0 and ex.rise_fraction([1, 2, 1, 2]) == 2 / 3
    assert ex.late_spread([5, 4, 1, 1, 1, 1, 1, 1], last=0.5) == 0.0
    assert ex.late_spread(np.r_[np.zeros(6), 1, -1]) == pytest.approx(1.0)


def test_minibatches_jitter_and_smaller_batches_jitter_more():
    sweep = ex.batch_sweep(batch_sizes=(None, 30, 10), seeds=(4, 5), steps=1000, eval_every=25)
    assert sweep.losses.shape == (3, 2, 41) and sweep.steps[-1] == 1000
    rises, spreads = sweep.rises(), sweep.spreads()
    assert np.all(rises[0] == 0) and np.all(rises[1:] > 0.25)
    assert np.all(spreads[1] > 5 * spreads[0]) and np.all(spreads[2] > spreads[1])
    assert np.all(sweep.train_acc > 0.85)


def test_minibatch_runs_are_reproducible():
    a = ex.batch_sweep(batch_sizes=(30,), seeds=(7,), steps=50, eval_every=10)
    b = ex.batch_sweep(batch_sizes=(30,), seeds=(7,), steps=50, eval_every=10)
    assert np.array_equal(a.losses, b.losses)


def test_gradient_checks_pass_for_correct_code_and_catch_both_bugs():
    for seed in (0, 1):
        checks = ex.gradient_checks(rng=np.random.default_rng(seed))
        for case in ("linear layer", "relu layer", "softmax net", "hinge net"):
            assert max(checks[case].values()) < 1e-7, (case, checks[case])
        assert checks["bug: mean"]["layer1.W"] > 1e-2 and checks["bug: bias"]["layer1.b"] > 1e-2
        others = [e for name, e in checks["bug: mean"].items() if name != "layer1.W"]
        assert max(others) < 1e-7


def test_bug_sizes_follow_the_formula_and_grow_with_reg():
    sizes = ex.bug_sizes(rng=np.random.default_rng(3), batch_sizes=(2, 3, 16), draws=5)
    assert np.allclose(sizes.mean_bug, [1 / 3, 2 / 4, 15 / 17], atol=1e-6)
    assert sizes.missing_l2.shape == (3, 5) and np.all(sizes.missing_l2 <= 1.0)
    # Per entry the error is reg|W| / (|g + reg W| + |g|) for data gradient g (or 1 once the
    # signs differ): it can only grow with reg, in every network.
    assert np.all(np.diff(sizes.missing_l2, axis=0) >= 0)
    assert sizes.missing_l2.min() > 1e-4  # a bug shows, however small reg is


def test_buggy_linear_rejects_unknown_bug():
    with pytest.raises(ValueError, match="bug"):
        ex.BuggyLinear(2, 3, rng=np.random.default_rng(0), bug="typo")


def test_tiny_rows_avoid_the_origin_and_overfit_tiny_fits_them():
    X, _, _, _ = ex.spiral_data(data_seed=0)
    rows = ex.tiny_rows(X, num_points=40, rng=np.random.default_rng(0))
    assert len(set(rows)) == 40 and np.all(np.linalg.norm(X[rows], axis=1) > 0.05)
    for init_seed in (2, 3):
        tiny = ex.overfit_tiny(data_seed=0, init_seed=init_seed)
        assert tiny.train_acc == 1.0 and tiny.first_perfect_step is not None
        assert tiny.train_loss < 0.05 and len(np.unique(tiny.X, axis=0)) == len(tiny.X)
