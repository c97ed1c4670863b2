"""nnbook.figures.linear: chapter 1's figures draw, label axes in lowercase and return Axes."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

from nnbook.figures import linear as figures  # noqa: E402
from nnkit import datasets, model, plotting  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def labels_lowercase(ax):
    for text in (ax.get_xlabel(), ax.get_ylabel()):
        assert text == text.lower(), text


def test_image_and_scores():
    rng = np.random.default_rng(0)
    axes = figures.image_and_scores(rng.uniform(size=(32, 32, 3)), np.array([0.1, -0.2, 0.5]),
                                    class_names=["a", "b", "c"])
    assert len(axes) == 2 and all(isinstance(ax, Axes) for ax in axes)
    bars = axes[1].patches
    assert len(bars) == 3 and bars[2].get_facecolor() != bars[0].get_facecolor()  # the top one
    for ax in axes:
        labels_lowercase(ax)


def test_shape_flow_draws_one_box_per_array():
    ax = figures.shape_flow([[("X", (4, 3072)), ("@", None), ("W1", (3072, 100))],
                             [("A", (4, 100))]])
    assert isinstance(ax, Axes) and len(ax.patches) == 3
    texts = [t.get_text() for t in ax.texts]
    assert "4 x 3,072" in texts and "@" in texts and "W1" in texts


def test_collapse_surfaces():
    g = np.linspace(-1, 1, 5)
    flat = np.add.outer(g, g)
    axes = figures.collapse_surfaces(g, {"flat": flat, "bent": np.abs(flat)})
    assert [ax.get_title() for ax in axes] == ["flat", "bent"]
    for ax in axes:
        labels_lowercase(ax)


def test_accuracy_sweep():
    ax = figures.accuracy_sweep([1, 2, 4], np.array([[0.5, 0.6], [0.8, 0.9], [1.0, 1.0]]),
                                [0.55, 0.55, 0.55])
    assert isinstance(ax, Axes) and len(ax.lines) == 2 and len(ax.collections) == 1
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [0.55, 0.85, 1.0])  # the mean over seeds
    labels_lowercase(ax)


def test_hidden_units_adds_a_sum_panel():
    X, y = datasets.circles(n=40, rng=np.random.default_rng(1))
    net = model.MLP([2, 3, 2], rng=np.random.default_rng(2))
    axes = figures.hidden_units(net, X, y, extent=plotting.square_extent(X), resolution=12)
    assert len(axes) == 4 and axes[0].get_title().startswith("unit 1, weight ")
    assert axes[-1].get_title().startswith("s0 - s1")
    W2 = net.layers[-1].params["W"]
    assert axes[1].get_title().endswith(f"{W2[1, 0] - W2[1, 1]:+.2f}")


def test_region_pngs():
    X, y = datasets.circles(n=30, rng=np.random.default_rng(3))
    nets = [model.MLP([2, 2, 2], rng=np.random.default_rng(k)) for k in range(2)]
    figures_before = plt.get_fignums()
    pngs = figures.region_pngs(nets, X, y, ["one", "two"], resolution=10)
    assert len(pngs) == 2 and all(p.startswith(PNG) for p in pngs) and pngs[0] != pngs[1]
    assert plt.get_fignums() == figures_before  # drawn off pyplot's books
