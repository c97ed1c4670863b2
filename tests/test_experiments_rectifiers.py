"""The experiments of chapter 3's second page (rectifiers) compute what the page asserts."""

import numpy as np
import pytest

from nnbook.experiments import rectifiers
from nnkit import datasets, layers, model, train

X, Y = datasets.spiral(rng=np.random.default_rng(0))


def test_a_sweep_is_the_separate_runs_of_its_seeds():
    sweep = rectifiers.lr_sweep(hidden_sizes=(8,), lrs=(1.0,), init_seeds=(0, 1), steps=40,
                                target=0.5)
    for s, seed in enumerate((0, 1)):
        net = model.MLP([2, 8, 3], rng=np.random.default_rng(seed))
        history = train.train(net, X, Y, lr=1.0, steps=40)
        reached = next((t for t, a in zip(history.step, history.train_acc) if a >= 0.5), np.nan)
        assert np.array_equal(sweep.reached[0, s], reached, equal_nan=True)
        assert np.isclose(sweep.acc[0, s], history.train_acc[-1])
        assert sweep.dead[0, s] == train.dead_fraction(net, X)
    first = sweep.nets[0]
    net = model.MLP([2, 8, 3], rng=np.random.default_rng(0))
    train.train(net, X, Y, lr=1.0, steps=40)
    np.testing.assert_allclose(first.layers[0].params["W"], net.layers[0].params["W"])


def test_large_learning_rates_kill_relus():
    sweep = rectifiers.lr_sweep(hidden_sizes=(30,), lrs=(1.0, 8.0), init_seeds=(0, 1), steps=150)
    assert sweep.dead.shape == (2, 2) and not sweep.diverged.any()
    assert sweep.mean_dead()[0] < 0.1 < 0.5 < sweep.mean_dead()[1]
    assert sweep.first_lr_killing(0.4) == 8.0 and sweep.first_lr_killing(0.99) is None
    assert sweep.acc[1].mean() < sweep.acc[0].mean()


def test_best_lr_prefers_fewer_median_steps_and_counts_misses_as_slowest():
    sweep = rectifiers.lr_sweep(hidden_sizes=(20,), lrs=(0.01, 1.0), init_seeds=(0,), steps=60,
                                target=0.6)
    assert np.isnan(sweep.reached[0, 0]) and not np.isnan(sweep.reached[1, 0])
    assert sweep.median_steps()[0] == np.inf and sweep.best_lr() == 1.0
    assert sweep.best_median() == sweep.reached[1, 0]


def test_tanh_units_have_no_dead_fraction():
    sweep = rectifiers.lr_sweep(activation="tanh", hidden_sizes=(6,), lrs=(0.5,), init_seeds=(0, 1),
                                steps=5, init="lecun")
    assert np.all(sweep.dead == 0) and sweep.init == "lecun"


def test_a_diverging_network_is_told_apart_from_the_others_in_its_stack():
    sweep = rectifiers.lr_sweep(hidden_sizes=(50, 50), lrs=(8.0,), init_seeds=(0, 1, 2, 3, 4),
                                steps=60)
    assert sweep.diverged.any() and not sweep.diverged.all(), sweep.diverged
    alive = ~sweep.diverged[0]
    assert np.isnan(sweep.acc[0][~alive]).all() and np.isfinite(sweep.acc[0][alive]).all()
    assert np.isnan(sweep.mean_dead()).sum() == 0


def test_prelu_slopes_move_away_from_their_start():
    r = rectifiers.prelu_slopes(hidden=20, steps=200)
    assert r.alphas.shape == (20,) and r.init_alpha == 0.25
    assert np.ptp(r.alphas) > 0.1 and 0.5 < r.prelu_acc <= 1 and 0.5 < r.relu_acc <= 1


def test_idle_pieces_are_the_ones_that_never_win():
    unit = layers.Maxout(2, 3, pieces=2, rng=np.random.default_rng(0))
    unit.params["b"][1, 0] = -100.0  # unit 0's second piece can never win on these points
    unit.params["b"][0, 1] = -100.0  # unit 1's first piece neither
    idle = rectifiers.idle_pieces(unit, X)
    assert idle.shape == (2, 3)
    assert idle[1, 0] and idle[0, 1] and not idle[0, 0] and not idle[1, 1]
    unit.forward(X)
    unit.backward(np.ones((len(X), 3)))
    assert np.all(unit.grads["W"][1, :, 0] == 0) and np.all(unit.grads["W"][0, :, 1] == 0)


def test_maxout_pieces_counts_units_with_an_idle_piece():
    r = rectifiers.maxout_pieces(hidden=10, lrs=(1.0,), init_seeds=(0,), steps=20)
    assert r.idle.shape == (1, 1) and 0 <= r.idle[0, 0] <= 1 and r.idle_at_init[0] == 0
    assert 0 < r.acc[0, 0] <= 1


def test_activation_comparison_trains_every_name_alike():
    r = rectifiers.activation_comparison(names=("relu", "leaky_relu", "maxout"), hidden=10,
                                         steps=30)
    assert set(r.train_acc) == set(r.val_acc) == set(r.nets) == {"relu", "leaky_relu", "maxout"}
    assert len(r.X_train) == 210 and len(r.X_val) == 90
    net = model.MLP([2, 10, 3], activation="relu", rng=np.random.default_rng(0))
    train.train(net, r.X_train, r.y_train, lr=1.0, steps=30)
    np.testing.assert_array_equal(net.predict(r.X_val), r.nets["relu"].predict(r.X_val))


def test_results_are_frozen():
    r = rectifiers.prelu_slopes(hidden=3, steps=2)
    with pytest.raises(AttributeError):
        r.lr = 2.0
