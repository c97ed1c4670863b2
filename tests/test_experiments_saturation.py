"""The experiments of chapter 3's first page (saturating units) compute what the page asserts."""

import numpy as np
import pytest

from nnbook.experiments import saturation
from nnkit import activations, datasets, model, plotting, train


def test_saturation_rule_is_the_plots():
    assert saturation.SATURATION_FRACTION == plotting.SATURATION_FRACTION


def test_large_weights_saturate_and_small_weights_shrink_the_gradient():
    r = saturation.sigmoid_saturation(init_stds=(0.1, 3.0, 10.0), depth=4, width=30,
                                      init_seeds=(0,))
    assert r.saturated.shape == (3, 4) and r.grad_norms.shape == (3, 5)
    deep = r.saturated[:, 1:].mean(axis=1)
    assert deep[0] == 0 and deep[1] > 0.5 and deep[2] > deep[1]
    ratios = r.first_to_last()
    assert ratios[0] < 1e-2 < ratios[2]
    assert np.all(np.diff(np.log(r.grad_norms[0])) > 0)  # small weights: smaller each layer down


def test_sigmoid_saturation_is_one_backward_pass_per_seed():
    r = saturation.sigmoid_saturation(init_stds=(2.0,), depth=2, width=8, init_seeds=(4, 5))
    X, y = datasets.spiral(rng=np.random.default_rng(0))
    shares, logs = [], []
    for seed in (4, 5):
        net = model.MLP([2, 8, 8, 3], activation="sigmoid", rng=np.random.default_rng(seed),
                        init=2.0)
        train.loss_and_grads(net, X, y)
        shares.append([np.mean(activations.sigmoid_grad(z) < 0.0125)
                       for z in net.pre_activations(X)])
        logs.append(np.log([v for k, v in train.gradient_norms(net).items() if k.endswith(".W")]))
    np.testing.assert_allclose(r.saturated[0], np.mean(shares, axis=0))
    np.testing.assert_allclose(r.grad_norms[0], np.exp(np.mean(logs, axis=0)))


def test_one_example_never_mixes_signs_and_centred_inputs_usually_do():
    r = saturation.sign_mixing(rng=np.random.default_rng(0), batch_sizes=(1, 4, 64), trials=400)
    assert r.mixed[0] == 0 and 0.25 < r.mixed[1] < 0.7 and 0.25 < r.mixed[2] < 0.7
    assert np.all(r.mixed_centred > 0.8)
    assert abs(r.mixed_centred[0] - (1 - 2 / 32)) < 0.05  # one example, 5 inputs: 1 - 2 / 2**5


def test_zigzag_positive_inputs_always_move_both_weights_the_same_way():
    zz = saturation.zigzag(lrs=(1.0, 2.0))
    assert all(zz.same_sign["positive", lr] == 1.0 for lr in zz.lrs)
    assert zz.same_sign["centred", 1.0] < 0.8
    assert zz.best("centred")[1] < zz.best("positive")[1]
    moves = np.diff(zz.paths["positive", 1.0], axis=0)
    assert np.all(np.sign(moves[:, 0]) == np.sign(moves[:, 1]))
    assert zz.detour("positive", 1.0) > zz.detour("centred", 1.0) >= 1.0


def test_zigzag_paths_follow_the_update_rule():
    zz = saturation.zigzag(lrs=(0.5,), max_steps=30)
    X, order = saturation.zigzag_inputs(max_steps=30)
    w = np.zeros(2)
    for k, expected in enumerate(zz.paths["positive", 0.5][1:]):
        x = X[order[k, 0]]
        w = w - 0.5 * (x @ w - x @ zz.w_star) * x
        np.testing.assert_allclose(w, expected)
    rows = order[0]  # the first batch of 16 gives the first batched step
    grad = (X[rows] @ np.zeros(2) - X[rows] @ zz.w_star) @ X[rows] / len(rows)
    np.testing.assert_allclose(zz.paths["positive, batch", 0.5][1], -0.5 * grad)


def test_zigzag_stops_a_run_that_blows_up():
    zz = saturation.zigzag(lrs=(50.0,), max_steps=50)
    assert zz.best("positive") == (None, None)
    assert np.all(np.isfinite(zz.paths["positive", 50.0]))


def test_output_offsets_measure_mean_spread_and_conditioning():
    r = saturation.output_offsets(("sigmoid", "tanh", "relu"), rng=np.random.default_rng(1),
                                  num_points=4000, width=20)
    assert abs(r.mean["sigmoid"] - 0.5) < 0.01 and abs(r.mean["tanh"]) < 0.01
    assert abs(r.mean["relu"] - 1 / np.sqrt(2 * np.pi)) < 0.02  # E[max(0, z)] for z ~ N(0, 1)
    assert r.condition["tanh"] < 2 < r.condition["relu"] < r.condition["sigmoid"]
    for name in ("sigmoid", "relu"):  # about 1 + H m^2 / s^2
        estimate = 1 + 20 * r.mean[name] ** 2 / r.std[name] ** 2
        assert abs(estimate / r.condition[name] - 1) < 0.25


def test_init_scales_he_keeps_relu_steady_and_lecun_halves_its_variance():
    r = saturation.init_scales(names=("relu",), inits=("he", "lecun", "glorot", 0.01), depth=6,
                               width=40, num_points=500)
    he, lecun = r.std["relu", "he"], r.std["relu", "lecun"]
    assert he.max() / he.min() < 1.6
    assert abs((lecun[-1] / lecun[0]) ** (1 / 5) - 2 ** -0.5) < 0.08
    np.testing.assert_array_equal(r.std["relu", "glorot"], lecun)  # fan-in = fan-out
    assert r.std["relu", 0.01][-1] < 1e-3
    assert np.all(r.saturated["relu", "he"] == 0)  # relu's slope is never small but not zero


def test_init_scales_counts_saturated_tanh_units():
    r = saturation.init_scales(names=("tanh",), inits=(3.0, "lecun"), depth=3, width=30,
                               num_points=300)
    assert np.all(r.saturated["tanh", 3.0] > 0.5) and np.all(r.saturated["tanh", "lecun"] < 0.1)


@pytest.mark.parametrize("call", [
    lambda: saturation.sigmoid_saturation(init_stds=(1.0,), depth=1, width=2, init_seeds=(0,)),
    lambda: saturation.sign_mixing(rng=np.random.default_rng(3), batch_sizes=(2,), trials=20),
    lambda: saturation.zigzag(lrs=(1.0,), max_steps=20),
    lambda: saturation.output_offsets(("relu",), rng=np.random.default_rng(3), num_points=50,
                                      width=3),
    lambda: saturation.init_scales(names=("relu",), inits=("he",), depth=2, width=4,
                                   num_points=20),
])
def test_results_are_frozen_and_reproducible(call):
    a, b = call(), call()
    with pytest.raises(AttributeError):
        a.__setattr__(next(iter(a.__dataclass_fields__)), None)
    for field in a.__dataclass_fields__:
        x, y = getattr(a, field), getattr(b, field)
        if isinstance(x, dict):
            assert x.keys() == y.keys() and all(np.array_equal(x[k], y[k]) for k in x)
        else:
            assert np.array_equal(x, y), field
