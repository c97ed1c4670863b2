"""nnbook.figures.neuron: chapter 2's picture of one neuron, drawn by code."""

import matplotlib

matplotlib.use("Agg")

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
