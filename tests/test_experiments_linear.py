"""Chapter 1's experiments: the shapes, the collapse of two linear layers, and what ReLU buys."""

import numpy as np
import pytest

from nnkit import layers
from nnbook.experiments import linear


def test_linear_shapes_cifar():
    s = linear.linear_shapes(rng=np.random.default_rng(0), num_images=3)
    assert s.image_shape == (32, 32, 3) and s.x_len == 3072
    assert s.W_shape == (3072, 10) and s.W_shape_note == (10, 3072)
    assert s.scores_shape == (3, 10) and s.scores.shape == (3, 10)
    assert s.num_weights == 30720 and s.num_params == 30730


def test_flatten_keeps_pixels_in_order():
    images = linear.random_images(2, rng=np.random.default_rng(1))
    X = linear.flatten(images)
    assert X.shape == (2, 3072)
    np.testing.assert_array_equal(X[1].reshape(32, 32, 3), images[1])


@pytest.mark.parametrize("sizes, params", [((3072, 100, 10), 308310), ((3072, 100, 50, 10), 312860)])
def test_network_shapes(sizes, params):
    s = linear.network_shapes(sizes, rng=np.random.default_rng(2), num_images=4)
    assert s.num_params == params
    assert s.W_shapes == tuple(zip(sizes[:-1], sizes[1:]))
    assert s.W_shapes_note == tuple((b, a) for a, b in zip(sizes[:-1], sizes[1:]))
    assert s.hidden_shapes == tuple((4, h) for h in sizes[1:-1])
    assert s.scores_shape == (4, 10)
    assert all(0.2 < z < 0.8 for z in s.zero_fraction)


def test_collapse_affine_matches_two_layers():
    rng = np.random.default_rng(3)
    W1, b1, W2, b2 = rng.standard_normal((5, 4)), rng.standard_normal(4), rng.standard_normal((4, 3)), rng.standard_normal(3)
    X = rng.standard_normal((7, 5))
    W, b = linear.collapse_affine(W1, b1, W2, b2)
    np.testing.assert_allclose(X @ W + b, (X @ W1 + b1) @ W2 + b2, rtol=1e-12, atol=1e-12)


def test_collapse_demo_is_seeded_and_decisive():
    a = linear.collapse_demo(rng=np.random.default_rng(4))
    b = linear.collapse_demo(rng=np.random.default_rng(4))
    assert a == b
    assert a.linear_error < 1e-12 and a.relu_gap > 0.3
    assert a.stack_params == 308310 and a.collapsed_params == 30730 and a.W_shape == (3072, 10)


def test_best_linear_fit():
    fit = linear.best_linear_fit(rng=np.random.default_rng(2026))
    assert abs(fit.r2_linear_net - 1) < 1e-9
    assert 1 - fit.r2_relu_net > 0.05 and fit.residual_linear_net < 1e-12


def test_relative_difference():
    a = np.array([3.0, 4.0])
    assert linear.relative_difference(a, a) == 0
    assert linear.relative_difference(a, np.zeros(2)) == 1


@pytest.mark.parametrize("dataset", ["xor", "circles"])
def test_relu_beats_linear(dataset):
    f = linear.fit_kinds(dataset, data_seed=2026, model_seed=2027, steps=1500)
    assert f.acc["linear"] < 0.75 and f.acc["two linear layers"] < 0.75
    assert f.acc["ReLU network"] >= 0.95


def test_make_model_and_data_validate():
    with pytest.raises(ValueError, match="kind"):
        linear.make_model("cubic", 3, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="dataset"):
        linear.make_data("moons", seed=0)
    assert isinstance(linear.make_model("linear", 3, rng=np.random.default_rng(0)).layers[0], layers.Linear)


def test_hidden_sweep_small():
    s = linear.hidden_sweep("circles", data_seed=2026, model_seed=2027, hidden_sizes=(1, 8), steps=1500)
    assert s.relu_acc[1] > s.relu_acc[0] and s.relu_acc[1] >= 0.97
    assert max(s.linear_acc) < 0.75


def test_render_regions_gives_pngs():
    s = linear.hidden_sweep("circles", data_seed=1, model_seed=2, hidden_sizes=(2,), steps=10)
    pngs = linear.render_regions(s.relu, s.X, s.y, ["two"], resolution=20)
    assert len(pngs) == 1 and pngs[0][:8] == b"\x89PNG\r\n\x1a\n"
