"""Chapter 1's experiments: shapes, the collapse of two linear layers, and the hidden-size sweep."""

import numpy as np
import pytest

from nnbook.experiments import linear
from nnkit import datasets, layers, model, train


def test_linear_shapes_cifar():
    s = linear.linear_shapes(rng=np.random.default_rng(0), num_images=3)
    assert s.image_shape == (32, 32, 3) and s.X_shape == (3, 3072)
    assert s.W_shape == (3072, 10) and s.W_shape_note == (10, 3072) and s.b_shape == (10,)
    assert s.scores_shape == (3, 10) == s.scores.shape and s.images.shape == (3, 32, 32, 3)
    assert s.num_weights == 3072 * 10 and s.num_params == 3072 * 10 + 10
    assert np.all((s.images >= 0) & (s.images < 1))


def test_linear_shapes_draws_images_then_weights():
    """The chapter repeats these draws on screen: images first, then Linear's weights."""
    rng = np.random.default_rng(7)
    images = rng.uniform(0, 1, size=(2, 32, 32, 3))
    layer = layers.Linear(3072, 10, rng=rng)
    s = linear.linear_shapes(rng=np.random.default_rng(7), num_images=2)
    np.testing.assert_array_equal(s.images, images)
    np.testing.assert_array_equal(s.scores, layer.forward(images.reshape(2, -1)))


@pytest.mark.parametrize("sizes", [(3072, 100, 10), (5, 4, 3), (1, 1, 1)])
def test_collapse_demo_collapses_without_relu_only(sizes):
    a = linear.collapse_demo(sizes, rng=np.random.default_rng(4), num_images=20)
    b = linear.collapse_demo(sizes, rng=np.random.default_rng(4), num_images=20)
    assert a == b  # seeded
    D, H, C = sizes
    assert a.stack_params == D * H + H + H * C + C and a.collapsed_params == D * C + C
    assert a.W_shape == (D, C) and a.linear_error < 1e-12
    if H > 1:  # with several hidden units, some switch off and the ReLU stack is not affine
        assert a.relu_gap > 0.05


def test_hidden_sweep_stacks_match_separate_runs():
    X, y = datasets.circles(n=60, noise=0.1, factor=0.5, rng=np.random.default_rng(1))
    sweep = linear.hidden_sweep(X, y, hidden_sizes=(1, 6), init_seeds=(3, 4), steps=200, lr=0.5)
    assert sweep.hidden_sizes == (1, 6) and sweep.init_seeds == (3, 4)
    assert sweep.relu_acc.shape == (2, 2) and sweep.linear_acc.shape == (2,)
    for s, h in enumerate(sweep.hidden_sizes):
        for k, seed in enumerate(sweep.init_seeds):
            alone = model.MLP([2, h, 2], rng=np.random.default_rng(seed))
            acc = train.train(alone, X, y, lr=0.5, steps=200).train_acc[-1]
            assert sweep.relu_acc[s, k] == acc  # the stack trains each network as if alone
            assert sweep.relu_nets[s][k].sizes == [2, h, 2]
            assert train.accuracy(sweep.relu_nets[s][k], X, y) == acc
            for trained, stacked in zip(alone.linear_layers(),
                                        sweep.relu_nets[s][k].linear_layers()):
                for name, value in trained.params.items():
                    assert np.allclose(stacked.params[name], value, rtol=1e-9, atol=1e-12)
        assert train.accuracy(sweep.linear_nets[s], X, y) == sweep.linear_acc[s]


def test_hidden_sweep_relu_beats_the_linear_stacks():
    X, y = datasets.circles(n=100, noise=0.1, factor=0.5, rng=np.random.default_rng(2026))
    sweep = linear.hidden_sweep(X, y, hidden_sizes=(1, 8), init_seeds=(2027,), steps=600)
    assert sweep.relu_acc[1, 0] >= 0.95 > sweep.relu_acc[0, 0]
    assert sweep.linear_acc.max() < 0.75  # no straight line separates the circles
