"""The capacity experiments of chapter 7, checked by property (no numbers copied from a run)."""

import numpy as np
import pytest

from nnkit import layers, model, train
from nnbook.experiments import capacity


@pytest.fixture(scope="module")
def data():
    return capacity.outlier_data(rng=np.random.default_rng(capacity.DATA_SEED))


def _same_params(a, b, atol=1e-10):
    for (name, la, ka), (_, lb, kb) in zip(a.param_items(), b.param_items()):
        np.testing.assert_allclose(la.params[ka], lb.params[kb], atol=atol, err_msg=name)


def test_outlier_data_has_a_small_training_part(data):
    assert (len(data.y_train), len(data.y_val)) == (60, 240)
    assert set(np.unique(data.y_train)) == {0, 1}
    x0, x1, y0, y1 = data.extent
    assert x1 - x0 == pytest.approx(y1 - y0)


@pytest.mark.parametrize("reg, momentum", [(0.0, 0.0), (0.01, 0.9)])
def test_train_seeds_takes_exactly_the_steps_of_one_network_alone(data, reg, momentum):
    (net, other), history = capacity.train_seeds(data, hidden_size=7, init_seeds=[11, 12],
                                                 lr=0.3, steps=200, reg=reg, momentum=momentum)
    for trained, seed, final in zip((net, other), (11, 12), history.train_loss[-1]):
        reference = model.MLP([2, 7, 2], rng=np.random.default_rng(seed))
        alone = train.train(reference, data.X_train, data.y_train, lr=0.3, steps=200, reg=reg,
                            momentum=momentum)
        _same_params(trained, reference)
        assert final == pytest.approx(alone.final()["train_loss"], rel=1e-9)


def test_boundary_fraction_of_simple_grids():
    R = 10
    assert capacity.boundary_fraction(np.zeros((R, R), dtype=int)) == 0.0
    half = np.zeros((R, R), dtype=int)
    half[:, R // 2:] = 1  # one straight vertical boundary: R differing pairs of 2 R (R - 1)
    assert capacity.boundary_fraction(half) == pytest.approx(1 / (2 * (R - 1)))
    checker = np.indices((R, R)).sum(axis=0) % 2
    assert capacity.boundary_fraction(checker) == 1.0


def test_count_regions_uses_four_neighbours():
    grid = np.zeros((6, 6), dtype=int)
    assert capacity.count_regions(grid) == 1
    grid[1, 1] = grid[4, 4] = 1  # two islands
    assert capacity.count_regions(grid) == 3
    grid[2, 2] = 1  # touches the first island only diagonally: a fourth region
    assert capacity.count_regions(grid) == 4
    grid[1, 2] = 1  # now joined to the first island
    assert capacity.count_regions(grid) == 3
    assert capacity.count_regions(np.indices((3, 3)).sum(axis=0) % 2) == 9


def test_the_chapter_claims():
    cap, reg = capacity.capacity_and_regularization()
    r3, r6, r20 = (cap.row(h) for h in (3, 6, 20))
    assert r20["train_acc"] == 1.0 and r3["train_acc"] < 0.95
    assert r3["val_acc"] > r20["val_acc"] > r6["val_acc"]
    assert r20["boundary"] > r6["boundary"] > r3["boundary"]
    assert r3["regions"] == 2 < r20["regions"]
    rows = [reg.row(20, r) for r in capacity.REGS]
    assert rows[0]["boundary"] > rows[1]["boundary"] > rows[2]["boundary"]
    assert r20["val_acc"] < rows[0]["val_acc"] < rows[1]["val_acc"] < rows[2]["val_acc"]
    assert rows[1]["regions"] == rows[2]["regions"] == 2
    with pytest.raises(ValueError, match="Sweep.index"):
        cap.row(7)


@pytest.mark.parametrize("data_seed", [0, 1, 2, 4, 5, 6])
def test_the_ordering_holds_on_other_draws(data_seed):
    data = capacity.outlier_data(rng=np.random.default_rng(data_seed))
    result = capacity.sweep([(3, 0.0), (20, 0.0), (20, 0.001), (20, 0.1)], data=data,
                            init_seed=data_seed + 100, resolution=60)
    r3, r20 = result.row(3), result.row(20)
    assert r20["train_acc"] > r3["train_acc"], (r3, r20)
    assert r3["val_acc"] > r20["val_acc"], (r3, r20)
    assert r20["boundary"] > r3["boundary"], (r3, r20)
    strong = result.row(20, 0.1)
    assert strong["boundary"] < result.row(20, 0.001)["boundary"]
    assert strong["val_acc"] > r20["val_acc"]


def test_small_networks_spread_more_over_seeds_and_stay_where_they_stop():
    spread = capacity.seed_spread()
    assert spread.std(3) > 3 * spread.std(20)
    assert spread.range(3) > 3 * spread.range(20)
    assert spread.distinct(3) > spread.distinct(20)
    assert np.median(spread.losses[3]) > np.median(spread.losses[20]) + 0.01
    assert spread.late_steps == 200 and max(c.max() for c in spread.late_change.values()) < 5e-4
    # Three times as many steps: the small networks' clumps stay where they are (chapter 7).
    longer = capacity.seed_spread(steps=3 * spread.steps, hidden_sizes=(3,))
    assert np.max(np.abs(longer.losses[3] - spread.losses[3])) < 1e-3
    assert longer.distinct(3) == spread.distinct(3)


def _build(method, rng):
    drop = [layers.Dropout(0.5, rng=rng)] if method == "dropout" else []
    return model.Sequential([layers.Linear(2, 8, rng=rng), layers.ReLU()] + drop
                            + [layers.Linear(8, 2, rng=rng)])


def test_regularizer_comparison_trains_each_method_on_each_draw():
    methods = {"none": 0.0, "L2": 0.05, "dropout": 0.0}
    result = capacity.regularizer_comparison(_build, methods, data_seeds=(0, 1),
                                             init_seeds=(7, 8), steps=60)
    assert result.methods == ("none", "L2", "dropout") and result.regs == (0.0, 0.05, 0.0)
    again = capacity.regularizer_comparison(_build, methods, data_seeds=(0, 1),
                                            init_seeds=(7, 8), steps=60)
    assert all(np.array_equal(again.val_acc[m], result.val_acc[m]) for m in methods)
    for s, (data_seed, init_seed) in enumerate(zip((0, 1), (7, 8))):
        data = capacity.outlier_data(rng=np.random.default_rng(data_seed))
        net = model.MLP([2, 8, 2], rng=np.random.default_rng(init_seed))
        train.train(net, data.X_train, data.y_train, lr=capacity.LR, steps=60, reg=0.05,
                    momentum=capacity.MOMENTUM)
        assert result.val_acc["L2"][s] == train.accuracy(net, data.X_val, data.y_val)
    assert np.allclose(result.gain("L2", "none"), result.val_acc["L2"] - result.val_acc["none"])
    assert result.mean("dropout") == pytest.approx(result.val_acc["dropout"].mean())
    with pytest.raises(ValueError, match="init_seeds"):
        capacity.regularizer_comparison(_build, methods, data_seeds=(0, 1), init_seeds=(7,))


def test_evaluate_settings_regularization_helps():
    plain = capacity.evaluate_settings(20, 0.0)
    regular = capacity.evaluate_settings(20, 0.1)
    assert 0.5 < plain["val_acc"] < regular["val_acc"] <= 1.0
    assert plain["train_acc"] > regular["train_acc"]
