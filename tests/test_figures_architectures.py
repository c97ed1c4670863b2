"""Chapter 4's figure functions draw, return their Axes and label axes in lowercase."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

from nnbook.experiments import architectures as ex  # noqa: E402
from nnbook.figures import architectures as fig  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def labels_lowercase(axes):
    for ax in np.ravel(axes):
        assert isinstance(ax, Axes)
        for label in (ax.get_xlabel(), ax.get_ylabel()):
            assert label == "" or label[0].islower(), label


def test_graph_draws_every_edge_and_node():
    positions = {0: (0, 0), 1: (1, 0), 2: (2, 1)}
    ax = fig.graph(positions, [(0, 1), (1, 2), (2, 1)], highlight=[(2, 1)], labels={0: "a"})
    assert len(ax.patches) == 3 + 3  # three arrows, three circles
    assert [t.get_text() for t in ax.texts] == ["a", "1", "2"]


def test_networks_keep_their_natural_size_one_above_the_other():
    axes = fig.networks([[3, 4, 2], [3, 4, 4, 1]])
    labels_lowercase(axes)
    top, bottom = (ax.get_position() for ax in axes)
    assert top.y0 >= bottom.y1 - 1e-9 and bottom.width == pytest.approx(1.0)
    texts = [t.get_text() for t in axes[1].texts]
    assert "32 weights, 9 biases, 41 parameters" in texts


def test_diagram_pngs_share_the_canvas_of_the_largest():
    small = fig.diagram_png([3, 1, 1, 1], canvas=[3, 8, 8, 1], dpi=40)
    large = fig.diagram_png([3, 8, 8, 1], dpi=40)
    assert small[:8] == PNG == large[:8]
    from PIL import Image
    import io
    assert Image.open(io.BytesIO(small)).size == Image.open(io.BytesIO(large)).size
    demo = fig.diagram_demo([[3, 1, 1, 1], [3, 2, 2, 1]], ["1", "2"], captions=["a", "b"],
                            description="width", dpi=30)
    assert demo is not None


def test_shape_flow_draws_one_cell_per_number():
    X, W, b = np.zeros((2, 3)), np.zeros((3, 4)), np.zeros(4)
    ax = fig.shape_flow([{"inp": ("X", X), "W": ("W1", W), "b": ("b1", b), "act": "none",
                          "out": ("scores", X @ W), "first": True}])
    cells = [p for p in ax.patches if type(p).__name__ == "Rectangle"]
    assert len(cells) == X.size + W.size + b.size + (X @ W).size


def test_growth_panels_and_convnet_bars():
    widths, depths = [1, 2, 4, 8], [1, 2]
    counts = ex.growth(3, 1, widths=widths, depths=depths)
    by_depth = ex.growth(3, 1, widths=[4, 8], depths=range(1, 4)).T
    axes = fig.growth_panels(widths, counts, depths, [4, 8], by_depth)
    labels_lowercase(axes)
    assert len(axes[0].lines) == 2 and len(axes[1].lines) == 2
    bars = fig.convnet_bars(ex.convnet_sizes())
    labels_lowercase(bars)
    assert [len(ax.patches) for ax in bars] == [8, 16]
