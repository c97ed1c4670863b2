"""The numbers chapter 4 (layered architectures) states, recomputed by nnbook.experiments.architectures."""

import numpy as np
import pytest

from nnkit import diagrams, model
from nnbook.experiments import architectures


def test_acyclic_graph_has_an_evaluation_order_and_a_cycle_does_not():
    dag = [(0, 2), (0, 3), (1, 2), (1, 3), (2, 4), (3, 4)]
    order = architectures.evaluation_order(5, dag)
    assert order.acyclic and order.order == (0, 1, 2, 3, 4)
    cyc = architectures.evaluation_order(5, dag + [(4, 2)])
    assert not cyc.acyclic and cyc.waiting == (2, 4) and cyc.order == (0, 1, 3)


def test_every_order_respects_the_edges():
    num_nodes, edges = architectures.layered_edges([2, 3, 3, 1])
    position = {n: k for k, n in enumerate(architectures.evaluation_order(num_nodes, edges).order)}
    assert all(position[s] < position[t] for s, t in edges)


def test_pull_requests_finish_on_a_dag_and_hit_the_limit_on_a_cycle():
    dag = [(0, 2), (0, 3), (1, 2), (1, 3), (2, 4), (3, 4)]
    assert architectures.pull_requests(5, dag, 4) == 7
    assert architectures.pull_requests(5, dag + [(4, 2)], 4, limit=500) == 500
    assert architectures.pull_requests(1, [], 0) == 1


def test_evaluation_order_rejects_unknown_nodes():
    with pytest.raises(ValueError, match="outside"):
        architectures.evaluation_order(2, [(0, 5)])


def test_layered_edges_are_fully_connected_between_neighbours_only():
    num_nodes, edges = architectures.layered_edges([3, 4, 4, 1])
    assert num_nodes == 12 and len(edges) == 32 == len(set(edges))
    layer = np.repeat(np.arange(4), [3, 4, 4, 1])
    assert all(layer[t] - layer[s] == 1 for s, t in edges)


@pytest.mark.parametrize("sizes, expected", [
    ([3, 4, 2], dict(neurons=6, weights=20, biases=6, params=26, weights_per_layer=(12, 8), num_layers=2)),
    ([3, 4, 4, 1], dict(neurons=9, weights=32, biases=9, params=41, weights_per_layer=(12, 16, 4), num_layers=3)),
    ([2, 1], dict(neurons=1, weights=2, biases=1, params=3, weights_per_layer=(2,), num_layers=1)),
])
def test_network_size_of_the_chapter_examples(sizes, expected):
    size = architectures.network_size(sizes)
    for key, value in expected.items():
        assert getattr(size, key) == value, key
    assert size.num_hidden_layers == len(sizes) - 2


@pytest.mark.parametrize("sizes", [[1, 1], [5, 5, 5, 5], [10, 1, 10], [3072, 100, 10], [7, 3, 9, 2, 4]])
def test_count_params_agrees_with_mlp_and_diagrams(sizes):
    net = model.MLP(sizes, rng=np.random.default_rng(0))
    assert architectures.count_params(sizes) == net.num_params()
    assert diagrams.totals(diagrams.layer_table(sizes))["params"] == net.num_params()


def test_growth_is_linear_with_one_hidden_layer_and_quadratic_with_two():
    counts = architectures.growth(3, 1, widths=[4, 8, 16], depths=[1, 2])
    assert counts.tolist() == [[21, 41, 81], [41, 113, 353]]
    per_layer = np.diff(architectures.growth(3, 1, widths=[64], depths=range(1, 6))[:, 0])
    assert (per_layer == 64 * 64 + 64).all()


def test_forward_pass_shapes_and_agreements():
    check = architectures.forward_pass([3, 4, 4, 1], num_examples=5, seed=4)
    assert check.shapes["X"] == (5, 3) and check.shapes["W1"] == (3, 4) and check.shapes["W1_note"] == (4, 3)
    assert check.shapes["b1"] == (4,) and check.shapes["H1"] == (5, 4) and check.shapes["H2"] == (5, 4)
    assert check.shapes["W3"] == (4, 1) and check.shapes["scores"] == (5, 1)
    assert check.loop_vs_batch < 1e-12 and check.note_vs_book < 1e-12 and check.mlp_vs_manual == 0.0
    again = architectures.forward_pass([3, 4, 4, 1], num_examples=5, seed=4)
    assert np.array_equal(check.scores, again.scores)  # seeded: the same numbers every run


def test_conv_params_and_the_two_classic_convnets():
    assert architectures.conv_params(3, 64, 128) == 3 * 3 * 64 * 128 + 128
    assert architectures.conv_params(5, 96, 256, groups=2) == 5 * 5 * 48 * 256 + 256
    with pytest.raises(ValueError, match="groups"):
        architectures.conv_params(3, 5, 4, groups=2)
    sizes = architectures.convnet_sizes()
    assert sizes["AlexNet"].params == 60_965_224 and sizes["AlexNet"].num_layers == 8
    assert sizes["VGG-16"].params == 138_357_544 and sizes["VGG-16"].num_layers == 16
    for s in sizes.values():  # the notes' order of magnitude: ~1e8 parameters in 10-20 layers (AlexNet: 8)
        assert 5e7 < s.params < 2e8 and 0.8 < s.fc_share < 1.0
    with pytest.raises(ValueError, match="unknown layer kind"):
        architectures.stack_size("x", [("pool", 2)])


def test_drawings_run_and_the_diagram_png_is_a_png():
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    png = architectures.diagram_png([3, 4, 4, 1])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    fig, axes = plt.subplots(1, 2)
    architectures.draw_graph(axes[0], {0: (0, 0), 1: (1, 0)}, [(0, 1)], highlight=[(0, 1)])
    check = architectures.forward_pass()
    X, W = np.zeros((2, 3)), np.zeros((3, 4))
    architectures.draw_shape_flow(axes[1], [{"inp": ("X", X), "W": ("W1", W), "b": ("b1", np.zeros(4)),
                                             "act": "none", "out": ("scores", X @ W), "first": True}])
    assert check.scores.shape == (5, 1)
    plt.close(fig)
