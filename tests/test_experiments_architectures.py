"""The counts behind chapter 4 (nnbook.experiments.architectures) hold by property."""

import numpy as np
import pytest

from nnkit import model
from nnbook.experiments import architectures as ex


def test_growth_agrees_with_mlp_and_count_params():
    widths, depths = [1, 3, 8], [0, 1, 2, 4]
    counts = ex.growth(3, 2, widths=widths, depths=depths)
    assert counts.shape == (4, 3) and counts.dtype == np.int64
    rng = np.random.default_rng(0)
    for row, k in zip(counts, depths):
        for count, w in zip(row, widths):
            assert count == model.MLP([3] + [w] * k + [2], rng=rng).num_params()
    assert np.all(counts[0] == counts[0, 0])  # no hidden layer: the width plays no part


def test_growth_is_linear_with_one_hidden_layer_and_adds_the_same_per_layer():
    widths = np.arange(1, 50)
    one, two = ex.growth(3, 1, widths=widths, depths=[1, 2])
    assert np.all(np.diff(one, 2) == 0)  # linear in H: second differences vanish
    assert np.all(np.diff(two, 2) == 2)  # quadratic: H**2 has second difference 2
    per_layer = np.diff(ex.growth(3, 1, widths=[64], depths=range(1, 7))[:, 0])
    assert np.all(per_layer == 64 * 64 + 64)


def test_doubling_ratios_climb_towards_four_with_two_hidden_layers():
    widths = list(range(1, 3000, 7))
    ratios = ex.doubling_ratios(3, 1, widths=widths)
    counts = {w: model.count_params([3, w, w, 1]).total for w in (4, 8, 16)}
    assert np.allclose(ex.doubling_ratios(3, 1, widths=[4, 8]),
                       [counts[8] / counts[4], counts[16] / counts[8]])
    assert np.all(np.diff(ratios) > 0) and ratios.max() < 4 < ratios.max() + 0.01
    one_layer = ex.doubling_ratios(3, 1, widths=widths, depth=1)
    assert one_layer.max() < 2 < one_layer.max() + 0.01  # linear growth: doubling tends to 2


def test_conv_and_dense_counts():
    assert ex.conv_params(3, 64, 128) == 3 * 3 * 64 * 128 + 128
    assert ex.conv_params(5, 96, 256, groups=2) == 5 * 5 * 48 * 256 + 256
    assert ex.dense_params(10, 3) == 33 == model.count_params([10, 3]).total
    with pytest.raises(ValueError, match="groups"):
        ex.conv_params(3, 5, 4, groups=2)


def test_the_two_classic_convnets_match_their_published_sizes():
    sizes = ex.convnet_sizes()
    # VGG-16's published count (Simonyan and Zisserman 2015, configuration D: 138 million);
    # AlexNet's paper says "60 million".
    assert sizes["VGG-16"].params == 138_357_544 and sizes["VGG-16"].num_layers == 16
    assert 60e6 < sizes["AlexNet"].params < 62e6 and sizes["AlexNet"].num_layers == 8
    for s in sizes.values():
        assert sum(s.per_layer) == s.params and len(s.kinds) == s.num_layers
        assert s.fc_params == sum(p for p, k in zip(s.per_layer, s.kinds) if k == "fc")
        assert 0.8 < s.fc_share < 1.0


def test_stack_size_of_a_small_spec():
    small = ex.stack_size("toy", [("conv", 3, 1, 2, 1), ("fc", 8, 2)])
    assert small.per_layer == (3 * 3 * 1 * 2 + 2, 8 * 2 + 2) and small.fc_params == 18
    assert small.kinds == ("conv", "fc") and small.fc_share == 18 / small.params
