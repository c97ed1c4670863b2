"""nnbook.approximation: steps, bumps and hand-built one-hidden-layer networks."""

import numpy as np
import pytest

from nnkit import model
from nnbook import approximation


def f(x):
    return np.sin(3 * x) + 0.3 * x**2


def test_sigmoid_step_center_and_limits():
    x = np.array([-1000.0, 0.5, 1000.0])
    np.testing.assert_allclose(approximation.sigmoid_step(x, 0.5, 20.0), [0.0, 0.5, 1.0], atol=1e-12)
    assert approximation.sigmoid_step(np.zeros((2, 3)), 0.0, 1.0).shape == (2, 3)


def test_relu_step_is_a_ramp_between_its_ends():
    x = np.array([-1.0, 0.25, 0.5, 0.75, 3.0])
    np.testing.assert_allclose(approximation.relu_step(x, 0.5, 0.5), [0.0, 0.0, 0.5, 1.0, 1.0])
    with pytest.raises(ValueError, match="width"):
        approximation.relu_step(x, 0.5, 0.0)


def test_bumps_are_differences_of_steps():
    x = np.linspace(-3, 3, 61)
    np.testing.assert_allclose(approximation.sigmoid_bump(x, -0.5, 1.0, 2.0, 12.0),
                               2.0 * (approximation.sigmoid_step(x, -0.5, 12.0) - approximation.sigmoid_step(x, 1.0, 12.0)))
    np.testing.assert_allclose(approximation.relu_bump(np.array([-2.0, 0.0, 2.0]), -1.0, 1.0, 3.0, 0.2), [0.0, 3.0, 0.0])
    np.testing.assert_array_equal(approximation.indicator_bump(np.array([-0.5, 0.0, 1.0]), -0.5, 1.0, 2.0), [2.0, 2.0, 0.0])


def test_bump_grid_covers_the_interval():
    centers, width = approximation.bump_grid(-2.0, 2.0, 5)
    np.testing.assert_allclose(centers, [-2, -1, 0, 1, 2])
    assert width == 1.0
    centers, width = approximation.bump_grid(0.0, 3.0, 1)
    assert centers.tolist() == [1.5] and width == 3.0
    for bad, error in ((0, ValueError), (2.5, TypeError), (-1, ValueError)):
        with pytest.raises(error, match="n_bumps"):
            approximation.bump_grid(0.0, 1.0, bad)
    with pytest.raises(ValueError, match="lo < hi"):
        approximation.bump_grid(1.0, 0.0, 3)


@pytest.mark.parametrize("n_bumps", [1, 2, 5, 20])
def test_sigmoid_bump_network_shapes_and_error(n_bumps):
    net = approximation.sigmoid_bump_network(f, -2.0, 2.0, n_bumps)
    H = 2 * n_bumps
    assert net.W1.shape == (1, H) and net.b1.shape == (H,) and net.W2.shape == (H, 1) and net.b2.shape == (1,)
    assert net.num_units == H and net.num_params() == 3 * H + 1
    x = np.linspace(-2, 2, 101)
    assert net(x).shape == (101,) and net.hidden(x).shape == (101, H)
    np.testing.assert_allclose(net.contributions(x).sum(axis=1) + net.b2[0], net(x))


def test_errors_shrink_with_more_units():
    sig = [approximation.max_error(f, approximation.sigmoid_bump_network(f, -2, 2, k), -2, 2) for k in (5, 20, 80)]
    ind = [approximation.max_error(f, approximation.IndicatorBumps.fit(f, -2, 2, k), -2, 2) for k in (5, 20, 80)]
    rel = [approximation.max_error(f, approximation.relu_interpolation_network(f, -2, 2, h), -2, 2) for h in (10, 40, 160)]
    for errs in (sig, ind, rel):
        assert errs[0] > errs[1] > errs[2]
    assert rel[2] < sig[2] / 10  # straight segments beat flat treads


def test_relu_interpolation_hits_the_knots():
    net = approximation.relu_interpolation_network(f, -2.0, 2.0, 8)
    knots = np.linspace(-2, 2, 9)
    np.testing.assert_allclose(net(knots), f(knots), atol=1e-12)
    with pytest.raises(ValueError, match="n_units"):
        approximation.relu_interpolation_network(f, -2.0, 2.0, 0)


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_load_into_mlp_gives_the_same_function(activation):
    if activation == "sigmoid":
        net = approximation.sigmoid_bump_network(f, -2.0, 2.0, 7)
    else:
        net = approximation.relu_interpolation_network(f, -2.0, 2.0, 14)
    mlp = model.MLP([1, 14, 1], activation=activation, rng=np.random.default_rng(0))
    assert net.load_into(mlp) is mlp
    x = np.linspace(-2, 2, 301)
    np.testing.assert_allclose(mlp.forward(x.reshape(-1, 1))[:, 0], net(x), rtol=0, atol=1e-12)
    assert mlp.num_params() == net.num_params()


def test_load_into_rejects_mismatched_mlps():
    net = approximation.sigmoid_bump_network(f, -2.0, 2.0, 3)
    with pytest.raises(ValueError, match="sizes"):
        net.load_into(model.MLP([1, 5, 1], activation="sigmoid", rng=np.random.default_rng(0)))
    with pytest.raises(ValueError, match="activation"):
        net.load_into(model.MLP([1, 6, 1], activation="relu", rng=np.random.default_rng(0)))


def test_one_hidden_layer_validates():
    with pytest.raises(ValueError, match="activation"):
        approximation.OneHiddenLayer(np.ones((1, 2)), np.zeros(2), np.ones((2, 1)), np.zeros(1), "tanh")
    with pytest.raises(ValueError, match="W2"):
        approximation.OneHiddenLayer(np.ones((1, 2)), np.zeros(2), np.ones((3, 1)), np.zeros(1), "relu")
    assert repr(approximation.sigmoid_bump_network(f, -2, 2, 2)) == "OneHiddenLayer(1 -> 4 sigmoid -> 1)"


def test_indicator_bumps_are_a_lookup_table():
    table = approximation.IndicatorBumps.fit(f, -2.0, 2.0, 5)
    assert table.num_bumps == 5
    np.testing.assert_allclose(table(table.centers), f(table.centers))
    assert table(np.array([10.0]))[0] == 0.0
