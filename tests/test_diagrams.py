"""nnkit.diagrams: network pictures drawn by code, labelled with the model's own counts."""

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
    return sum(len(c.get_paths()) for c in ax.collections
               if isinstance(c, mcollections.PatchCollection))


def edges_drawn(ax):
    return sum(len(c.get_segments()) for c in ax.collections
               if isinstance(c, mcollections.LineCollection))


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
    with pytest.raises(TypeError, match="network: ax must be a matplotlib Axes"):
        diagrams.network([3, 4, 2], ax=fig)


@pytest.mark.parametrize("sizes", [[3, 4, 2], [3, 4, 4, 1], [3072, 100, 10], [3072, 100, 50, 10]])
def test_network_text_reads_on_a_phone(sizes):
    ax = diagrams.network(sizes)
    fig = ax.figure
    fig.canvas.draw()
    smallest = min(t.get_fontsize() for t in ax.texts)
    assert smallest >= 10
    assert smallest / 72 * 390 / fig.get_size_inches()[0] >= 5  # px once shrunk to 390 px


def test_parse_sizes_reads_common_spellings_and_refuses_the_rest():
    for text in ("3, 4, 4, 1", "3-4-4-1", " 3 4 4 1 ", "3 -> 4 -> 4 -> 1", "3,4 4-1"):
        assert diagrams.parse_sizes(text) == [3, 4, 4, 1], text
    for text in ("3, four, 2", "3, -4, 2", "3, 4.5, 2", "3, 0, 2", "3--4", "-3-4", "3, \u00b2, 2"):
        with pytest.raises(ValueError, match="parse_sizes: text must list whole numbers >= 1"):
            diagrams.parse_sizes(text)
    with pytest.raises(ValueError, match="at least an input and an output"):
        diagrams.parse_sizes("3")
    with pytest.raises(TypeError, match="parse_sizes: text must be a string"):
        diagrams.parse_sizes([3, 4, 2])


@pytest.mark.parametrize("bad, error", [([3.7, 4, 2], TypeError), ([3, True, 2], TypeError),
                                        (True, TypeError), ("3, 4, 2", TypeError),
                                        ([3, 0, 2], ValueError), ([3], ValueError)])
def test_sizes_are_refused_not_rounded(bad, error):
    with pytest.raises(error, match=r"network: net must be an MLP or layer sizes; count_params"):
        diagrams.network(bad)
    with pytest.raises(error, match=r"layer_table: net"):
        diagrams.layer_table(bad)


def test_layer_table_of_sizes_matches_the_models_own_table():
    for sizes in ([3, 4, 2], [2, 100, 3], [5, 1], [3072, 100, 50, 10]):
        net = model.MLP(sizes, rng=np.random.default_rng(0))
        mine, theirs = diagrams.layer_table(sizes), net.layer_table()
        assert [{k: row[k] for k in mine[0]} for row in theirs] == mine
        assert diagrams.totals(mine)["params"] == model.count_params(sizes).total
