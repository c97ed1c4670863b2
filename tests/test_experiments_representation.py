"""nnbook.experiments.representation: the numbers chapter 6 asserts, checked by property."""

import numpy as np
import pytest

from nnkit import model, train
from nnbook import approximation
from nnbook.experiments import representation


def test_approximation_errors_fall_with_the_expected_rates():
    errors = representation.approximation_errors((10, 40, 160))
    for name in ("sigmoid", "indicator", "relu"):
        values = getattr(errors, name)
        assert values[0] > values[1] > values[2]
    assert -1.2 < errors.slope("sigmoid") < -0.85
    assert -2.1 < errors.slope("relu") < -1.9
    with pytest.raises(ValueError, match="even"):
        representation.approximation_errors((3,))


def test_units_for_error_is_the_smallest_even_count():
    h = representation.units_for_error(0.1)
    assert h % 2 == 0

    def err(units):
        net = approximation.sigmoid_bump_network(representation.target, -2, 2, units // 2)
        return approximation.max_error(representation.target, net, -2, 2)

    assert err(h) < 0.1 <= err(h - 2)


def test_sharpness_has_a_sweet_spot():
    errs = representation.sharpness_errors(40)
    best = min(errs, key=errs.get)
    assert min(errs) < best < max(errs)
    assert errs[80.0] > errs[20.0] > errs[best]
    with pytest.raises(ValueError, match="even"):
        representation.sharpness_errors(7)


@pytest.mark.parametrize("depth", [1, 2, 3, 6])
def test_width_for_budget_is_the_nearest_count(depth):
    width = representation.width_for_budget(depth, 300)

    def miss(h):
        return abs(model.count_params([2] + [h] * depth + [3]).total - 300)

    assert miss(width) <= miss(width + 1) and (width == 1 or miss(width) <= miss(width - 1))


def test_width_for_budget_known_values():
    assert representation.width_for_budget(1, 300) == 49  # 6 H + 3 = 297
    assert representation.width_for_budget(3, 300) == 10


def test_spiral_split_has_few_training_and_many_held_out_points():
    a, b = representation.spiral_split(4), representation.spiral_split(4)
    assert np.array_equal(a.X_train, b.X_train) and np.array_equal(a.y_val, b.y_val)
    assert len(a.y_train) == 150 and len(a.y_val) == 3000
    assert np.bincount(a.y_train).tolist() == [50] * 3
    assert np.bincount(a.y_val).tolist() == [1000] * 3
    other = representation.spiral_split(5)
    assert not np.array_equal(a.X_train, other.X_train)


@pytest.fixture(scope="module")
def small_comparison():
    return representation.depth_comparison(data_seeds=(0, 1), init_seeds=(3, 4), depths=(1, 2),
                                           budget=60, lrs=(0.05, 0.3), steps=80,
                                           held_out_per_class=50)


def test_depth_comparison_is_complete_and_deterministic(small_comparison):
    c = small_comparison
    again = representation.depth_comparison(data_seeds=(0, 1), init_seeds=(3, 4), depths=(1, 2),
                                            budget=60, lrs=(0.05, 0.3), steps=80,
                                            held_out_per_class=50)
    assert c == again
    assert len(c.runs) == 2 * 2 * 2 * 2 and c.depths == (1, 2) and c.lrs == (0.05, 0.3)
    assert c.held_out == 150 and c.steps == 80
    for run in c.runs:
        assert run.params == model.count_params([2] + [run.width] * run.depth + [3]).total
        assert 0 <= run.val_acc <= 1 and np.isfinite(run.train_loss) and not run.diverged


def test_each_stacked_run_is_a_separate_training_run(small_comparison):
    """A run of the grid equals training that one network alone with train.train."""
    run = small_comparison.select(lr=0.3, depth=2)[3]  # data seed 1, init seed 4
    assert (run.data_seed, run.init_seed) == (1, 4)
    data = representation.spiral_split(1, held_out_per_class=50)
    net = model.MLP([2, run.width, run.width, 3], rng=np.random.default_rng(4))
    history = train.train(net, data.X_train, data.y_train, lr=0.3, momentum=0.9, steps=80)
    assert run.train_loss == pytest.approx(history.train_loss[-1], rel=1e-9)
    assert run.val_acc == train.accuracy(net, data.X_val, data.y_val)


def test_best_rate_and_gains_follow_their_definitions(small_comparison):
    c = small_comparison
    for d in c.depths:
        medians = {lr: np.median(c.values("train_loss", lr=lr, depth=d)) for lr in c.lrs}
        assert medians[c.best_lr(d)] == min(medians.values())
        assert np.array_equal(c.accuracy(d), c.values("val_acc", lr=c.best_lr(d), depth=d))
    assert np.all(c.gain(1) == 0)
    assert np.allclose(c.gain(2), c.accuracy(2) - c.accuracy(1))


def test_a_diverging_run_is_kept_and_marked():
    c = representation.depth_comparison(data_seeds=(0,), init_seeds=(0, 1), depths=(1,),
                                        budget=60, lrs=(1e6,), steps=20, held_out_per_class=10)
    assert all(r.diverged and r.train_loss == np.inf and r.val_acc == 1 / 3 for r in c.runs)


def test_target_is_the_chapters_function():
    x = np.linspace(-2, 2, 5)
    assert np.allclose(representation.target(x), np.sin(3 * x) + 0.3 * x ** 2)
