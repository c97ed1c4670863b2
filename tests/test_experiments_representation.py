"""nnbook.experiments.representation: the numbers chapter 6 asserts."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

from nnkit import datasets, model, train  # noqa: E402
from nnbook.experiments import representation  # noqa: E402


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
    from nnbook import approximation
    h = representation.units_for_error(0.1)
    assert h % 2 == 0

    def err(units):
        net = approximation.sigmoid_bump_network(representation.target, -2, 2, units // 2)
        return approximation.max_error(representation.target, net, -2, 2)

    assert err(h) < 0.1 <= err(h - 2)


def test_mlp_agreement_is_exact():
    out = representation.mlp_agreement(10, rng=np.random.default_rng(0))
    assert out["sigmoid"] < 1e-12 and out["relu"] < 1e-12
    assert out["units"] == 20 and out["params"] == 61


def test_width_for_budget():
    assert representation.width_for_budget(1, 300) == 49
    assert representation.mlp_params([2, 14, 14, 3]) == 297
    assert representation.width_for_budget(3, 300) == 10
    with pytest.raises(ValueError):
        representation.width_for_budget(0, 300)


@pytest.mark.parametrize("depth", [1, 3])
def test_train_together_matches_nnkit_train(depth):
    rng = np.random.default_rng(1)
    X, y = datasets.spiral(30, 3, 0.2, rng=rng)
    sizes = [2] + [6] * depth + [3]
    stacked = [model.MLP(sizes, activation="relu", rng=np.random.default_rng(s)) for s in (0, 1)]
    single = [model.MLP(sizes, activation="relu", rng=np.random.default_rng(s)) for s in (0, 1)]
    diverged = representation.train_together(stacked, X, y, lrs=[0.05, 0.2], momentum=0.9, steps=100)
    assert not diverged.any()
    for a, b, lr in zip(stacked, single, (0.05, 0.2)):
        train.train(b, X, y, lr=lr, momentum=0.9, steps=100, eval_every=100)
        for la, lb in zip(a.layers, b.layers):
            for key in la.params:
                np.testing.assert_allclose(la.params[key], lb.params[key], rtol=1e-9, atol=1e-12)


def test_train_together_flags_divergence():
    rng = np.random.default_rng(2)
    X, y = datasets.spiral(20, 3, 0.2, rng=rng)
    nets = [model.MLP([2, 5, 3], activation="relu", rng=np.random.default_rng(s)) for s in (0, 1)]
    diverged = representation.train_together(nets, 1e3 * X, y, lrs=[1e-3, 1e6], momentum=0.9, steps=30)
    assert diverged.tolist() == [False, True]


def test_depth_comparison_is_deterministic_and_complete():
    kwargs = dict(seeds=(0, 1), data_seed=3, depths=(1, 2), budget=120, lrs=(0.05,), steps=60)
    a = representation.depth_comparison(**kwargs)
    b = representation.depth_comparison(**kwargs)
    assert a == b
    assert len(a.runs) == 4 and a.depths == (1, 2) and a.lrs == (0.05,)
    for run in a.runs:
        assert 100 <= run.params <= 140 and 0 <= run.val_acc <= 1 and np.isfinite(run.train_loss)
    assert a.values("train_loss", lr=0.05, depth=1).shape == (2,)


def test_figures_draw():
    errors = representation.approximation_errors((10, 20))
    for draw in (representation.plot_steps, representation.plot_bump,
                 lambda: representation.plot_approximations((4, 8)),
                 lambda: representation.plot_errors(errors)):
        draw()
        plt.close("all")
    pngs, labels, captions, errs = representation.approximation_pictures((2, 8))
    assert len(pngs) == 2 and labels == ["2", "8"] and pngs[0][:4] == b"\x89PNG" and errs[1] < errs[0]


def test_sharpness_has_a_sweet_spot():
    errs = representation.sharpness_errors(40)
    best = min(errs, key=errs.get)
    assert min(errs) < best < max(errs)
    assert errs[80.0] > errs[20.0] > errs[best]
    with pytest.raises(ValueError, match="even"):
        representation.sharpness_errors(7)
    pngs, labels, captions, errors = representation.sharpness_pictures(10, (2.0, 20.0))
    assert labels == ["2", "20"] and len(captions) == 2 and errors.shape == (2,)
