"""nnbook.figures.neuron: chapter 2's picture of one neuron, drawn by code, and its figures."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

from nnbook.figures import neuron  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def texts(ax):
    return [t.get_text() for t in ax.texts]


def test_model_diagram_has_every_part():
    ax = neuron.model_diagram(num_inputs=3)
    labels = texts(ax)
    for part in ("$x_0$", "$x_2$", "$w_0$", "$w_2$", "$b$", "$f$", r"$\sum_i w_i x_i + b$"):
        assert part in labels, part
    assert any(t.startswith("$f\\left(") for t in labels)
    assert len(ax.patches) >= 5  # three inputs, the cell body, the activation box
    with pytest.raises(ValueError, match="num_inputs"):
        neuron.model_diagram(num_inputs=0)
    with pytest.raises(ValueError, match="num_inputs"):
        neuron.model_diagram(num_inputs=7)
    assert "$\\sigma$" in texts(neuron.model_diagram(f_label="\\sigma"))
    with pytest.raises(TypeError, match="model_diagram: f_label must be a string"):
        neuron.model_diagram(f_label=3)
    with pytest.raises(TypeError, match="model_diagram: ax must be a matplotlib Axes"):
        neuron.model_diagram(ax=[])
    fig, ax = plt.subplots()
    assert neuron.model_diagram(ax=ax) is ax


# --- the figures drawn from chapter 2's numbers ----------------------------------------------

def labels_lowercase(ax):
    for text in (ax.get_xlabel(), ax.get_ylabel()):
        assert text == text.lower(), text


def test_rate_code():
    z = np.array([-1.0, 0.0, 1.0])
    axes = neuron.rate_code(z, [np.array([0.5]), np.array([]), np.array([0.1, 0.2])],
                            np.array([0.5, 0.0, 1.0]), duration=2.0, max_rate=100)
    assert len(axes) == 2
    for ax in axes:
        labels_lowercase(ax)


def test_half_plane_marks_the_line_and_w():
    X = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, -1.0]])
    ax = neuron.half_plane(np.array([1.0, -1.0]), 0.5, X, np.array([0, 1, 1]))
    assert "w" in texts(ax) and len(ax.images) == 1
    assert ax.get_xlabel() == "x1" and ax.get_ylabel() == "x2"


def test_direction_pngs():
    from nnbook.experiments import neuron as experiments
    X, y, _, _ = experiments.make_data(data_seed=0, n=20)
    before = plt.get_fignums()
    pngs = neuron.direction_pngs(experiments.direction_sweep(X, y, [0, 180]), X, y, dpi=30)
    assert len(pngs) == 2 and all(p.startswith(b"\x89PNG") for p in pngs)
    assert plt.get_fignums() == before


def test_loss_curves_decay_and_unused_weight():
    s = np.linspace(-1, 2, 7)
    ax = neuron.loss_curves(s, {"hinge": np.maximum(0, 1 - s)})
    assert ax.get_legend_handles_labels()[1] == ["hinge"]
    k = np.arange(11)
    path = 0.9 ** k[:, None] * np.array([1.0, -2.0])
    ax = neuron.decay(path, path, every=5)
    assert len(ax.lines) == 5 and ax.get_legend() is not None  # 2 weights, 2 dot rows, 0 line
    ax = neuron.unused_weight(k, 0.9 ** k, 1 - 0.5 ** k, 0.9 ** k, every=5)
    assert len(ax.lines) == 3
    for ax in plt.gcf().axes:
        labels_lowercase(ax)
