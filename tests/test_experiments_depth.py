"""The depth experiment: budgets, data, the one training path, and the sweep's bookkeeping."""

import numpy as np
import pytest

from nnbook.experiments import depth
from nnbook.figures import depth as figures
from nnkit import model, train


@pytest.mark.parametrize("num_hidden", range(1, 7))
def test_the_width_is_the_closest_to_the_budget(num_hidden):
    width = depth.width_for_budget(num_hidden, 400)

    def gap(w):
        return abs(model.count_params([2, *[w] * num_hidden, 3]).total - 400)

    assert all(gap(width) <= gap(w) for w in range(1, 200))
    assert gap(width) <= 0.05 * 400


def test_every_default_depth_has_about_the_same_count():
    counts = [model.count_params([2, *[depth.width_for_budget(d)] * d, 3]).total
              for d in depth.DEPTHS]
    assert max(counts) - min(counts) <= 0.1 * depth.BUDGET, counts


def test_depth_data_splits_per_class_and_depends_on_the_seed():
    X, y, X_val, y_val = depth.depth_data(data_seed=3, num_train=20, num_val=50)
    assert X.shape == (60, 2) and X_val.shape == (150, 2)
    assert np.bincount(y).tolist() == [20] * 3 and np.bincount(y_val).tolist() == [50] * 3
    again = depth.depth_data(data_seed=3, num_train=20, num_val=50)
    other = depth.depth_data(data_seed=4, num_train=20, num_val=50)
    assert np.array_equal(again[0], X) and not np.array_equal(other[0], X)


def test_train_depth_trains_each_init_seed_as_a_lone_network_would():
    X, y, X_val, y_val = depth.depth_data(data_seed=1, num_train=30, num_val=40)
    acc, val = depth.train_depth(X, y, X_val, y_val, depth=2, width=6, init_seeds=(7, 8),
                                 steps=30)
    for k, seed in enumerate((7, 8)):
        net = model.MLP([2, 6, 6, 3], rng=np.random.default_rng(seed))
        train.train(net, X, y, lr=depth.LR, momentum=depth.MOMENTUM, steps=30, eval_every=30)
        assert acc[k] == pytest.approx(train.accuracy(net, X, y))
        assert val[k] == pytest.approx(train.accuracy(net, X_val, y_val))


@pytest.fixture(scope="module")
def small():
    return depth.depth_sweep(depths=(1, 2), budget=100, data_seeds=(0, 1), init_seeds=(5, 6),
                             num_train=30, num_val=60, steps=60)


def test_the_sweep_records_every_network(small):
    assert small.val_acc.shape == small.train_acc.shape == (2, 2, 2)
    assert np.all((small.val_acc >= 0) & (small.val_acc <= 1))
    assert small.widths == (depth.width_for_budget(1, 100), depth.width_for_budget(2, 100))
    X, y, X_val, y_val = depth.depth_data(data_seed=1, num_train=30, num_val=60)
    _, val = depth.train_depth(X, y, X_val, y_val, depth=2, width=small.widths[1],
                               init_seeds=(5, 6), steps=60)
    assert np.array_equal(val, small.val_acc[1, 1])  # cell (depth 2, data seed 1)


def test_the_summaries_agree_with_the_raw_numbers(small):
    per_seed = small.val_acc.mean(axis=2)
    assert np.allclose(small.per_data_seed(), per_seed)
    assert np.allclose(small.mean(), per_seed.mean(axis=1))
    low, high = small.spread()
    assert np.all(low <= small.mean()) and np.all(small.mean() <= high)
    assert np.allclose(small.gain_over(2, 1), per_seed[1] - per_seed[0])
    assert small.failed().shape == (2,)
    p = np.median(small.val_acc, axis=(1, 2))
    assert small.standard_error() == pytest.approx(np.sqrt(p * (1 - p) / 180).max())


def test_the_figure_draws_and_labels(small):
    ax = figures.depth_accuracy(small)
    assert ax.get_xlabel() == ax.get_xlabel().lower() != ""
    assert ax.get_ylabel() == ax.get_ylabel().lower() != ""
    assert len(ax.lines) == 2 + 1  # a dot series per data seed and the mean line
    import matplotlib.pyplot as plt
    plt.close(ax.figure)
