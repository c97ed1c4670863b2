"""nnkit.diagrams: network pictures drawn by code, labelled with the model's own parameter counts."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib import collections as mcollections  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

from nnkit import diagrams, model  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def texts(ax):
    return [t.get_text() for t in ax.texts]


def circles_drawn(ax):
    return sum(len(c.get_paths()) for c in ax.collections if isinstance(c, mcollections.PatchCollection))


def edges_drawn(ax):
    return sum(len(c.get_segments()) for c in ax.collections if isinstance(c, mcollections.LineCollection))


@pytest.mark.parametrize("sizes, total", [([3, 4, 2], "20 weights, 6 biases, 26 parameters"),
                                          ([3, 4, 4, 1], "32 weights, 9 biases, 41 parameters")])
def test_network_labels_match_the_model(sizes, total):
    ax = diagrams.network(sizes)
    assert total in texts(ax)
    net = model.MLP(sizes, rng=np.random.default_rng(0))
    assert diagrams.totals(diagrams.layer_table(sizes))["params"] == net.num_params()
    assert circles_drawn(ax) == sum(sizes)
    assert edges_drawn(ax) == sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))
    labels = texts(ax)
    assert any(t.startswith("input layer") for t in labels)
    assert any(t.startswith("output layer") for t in labels)
    for row in net.layer_table():
        counts = "\n".join([diagrams.count_text(row["weights"], "weight"),
                            diagrams.count_text(row["biases"], "bias")])
        assert any(counts in t for t in labels), counts
    assert diagrams.count_text(1, "bias") == "1 bias"
    assert diagrams.count_text(1200, "weight") == "1,200 weights"


def test_network_from_a_maxout_model_counts_every_piece():
    net = model.MLP([2, 5, 3], activation="maxout", rng=np.random.default_rng(0))
    ax = diagrams.network(net)
    assert f"{net.num_params()} parameters" in " ".join(texts(ax))
    assert diagrams.totals(diagrams.layer_table(net))["params"] == net.num_params()


def test_wide_layers_are_elided_but_counted():
    ax = diagrams.network([2, 100, 3], max_units=8)
    assert circles_drawn(ax) == 2 + 7 + 3
    assert "\u22ee" in texts(ax)
    assert any("100 units" in t for t in texts(ax))
    assert "500 weights, 103 biases, 603 parameters" in texts(ax)


def test_network_draws_into_a_given_axes():
    fig, ax = plt.subplots()
    assert diagrams.network([3, 4, 2], ax=ax) is ax
    assert not ax.axison


def test_parse_and_check_sizes():
    assert diagrams.parse_sizes("3, 4, 4, 1") == [3, 4, 4, 1]
    assert diagrams.parse_sizes("3-4-2") == [3, 4, 2]
    assert diagrams.parse_sizes(" 2 100 3 ") == [2, 100, 3]
    with pytest.raises(ValueError, match="whole numbers"):
        diagrams.parse_sizes("3, four, 2")
    with pytest.raises(ValueError, match="at least an input and an output"):
        diagrams.parse_sizes("3")
    with pytest.raises(ValueError, match=">= 1"):
        diagrams.check_sizes([3, 0, 2])


def test_neuron_picture_has_every_part():
    ax = diagrams.neuron(num_inputs=3)
    labels = texts(ax)
    for part in ("$x_0$", "$x_2$", "$w_0$", "$w_2$", "$b$", "$f$", r"$\sum_i w_i x_i + b$"):
        assert part in labels, part
    assert any(t.startswith("$f\\left(") for t in labels)
    assert len(ax.patches) >= 5  # three inputs, the cell body, the activation box
    with pytest.raises(ValueError, match="num_inputs"):
        diagrams.neuron(num_inputs=0)
    assert "$\\sigma$" in texts(diagrams.neuron(f_label="\\sigma"))
