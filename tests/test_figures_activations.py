"""Chapter 3's figures draw from the experiments' results: they return their Axes, label them in
lower case, keep legends off the data and render the demo frames as PNG."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

from nnbook.experiments import rectifiers, saturation  # noqa: E402
from nnbook.figures import activations as figures  # noqa: E402

PNG = b"\x89PNG"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def labels_lowercase(axes):
    for ax in np.atleast_1d(axes):
        for text in (ax.get_xlabel(), ax.get_ylabel()):
            assert text == text.lower(), text
        assert ax.get_xlabel(), "every panel has an x label"


def legend_outside(axes):
    """Every legend of the figure sits below the panels, not on top of them."""
    ax = np.atleast_1d(axes)[0]
    fig = ax.figure
    fig.canvas.draw()
    legends = fig.legends + [a.get_legend() for a in fig.axes if a.get_legend() is not None]
    assert legends
    bottom = min(a.get_window_extent().y0 for a in fig.axes)
    for legend in legends:
        assert legend.get_window_extent().y1 <= bottom + 1


SWEEP = rectifiers.lr_sweep(hidden_sizes=(6,), lrs=(1.0, 8.0), init_seeds=(0, 1), steps=20)
TANH = rectifiers.lr_sweep(activation="tanh", hidden_sizes=(6,), lrs=(1.0,), init_seeds=(0, 1),
                           steps=20, init="lecun")


@pytest.mark.parametrize("draw, count", [
    (lambda: figures.saturation_panels(saturation.sigmoid_saturation(
        init_stds=(0.1, 3.0), depth=2, width=6, init_seeds=(0,))), 2),
    (lambda: figures.zigzag_paths(saturation.zigzag(lrs=(1.0,)), lr=1.0), 1),
    (lambda: figures.init_scale_panels(saturation.init_scales(
        names=("relu", "tanh"), inits=("he", "lecun", "glorot"), depth=2, width=5,
        num_points=20)), 2),
    (lambda: figures.steps_to_target([SWEEP, TANH]), 1),
    (lambda: figures.dead_panels([SWEEP]), 2),
    (lambda: figures.prelu_bars(rectifiers.prelu_slopes(hidden=5, steps=5)), 1),
])
def test_figures_draw_label_and_return_axes(draw, count):
    axes = draw()
    flat = np.atleast_1d(axes)
    assert len(flat) == count and all(isinstance(ax, Axes) for ax in flat)
    labels_lowercase(flat)
    legend_outside(flat)
    assert all(ax.has_data() for ax in flat)


def test_figures_draw_into_given_axes():
    _, axes = plt.subplots(1, 2)
    assert figures.dead_panels([SWEEP], axes=axes)[0] is axes[0]
    _, ax = plt.subplots()
    assert figures.prelu_bars(rectifiers.prelu_slopes(hidden=3, steps=2), ax=ax) is ax


def test_identical_init_lines_share_one_legend_entry():
    axes = figures.init_scale_panels(saturation.init_scales(
        names=("relu",), inits=("lecun", "glorot", "he"), depth=2, width=5, num_points=20))
    texts = [t.get_text() for t in axes[0].figure.legends[0].get_texts()]
    assert texts == ["lecun = glorot", "he"]


def test_not_reached_runs_sit_above_the_cap():
    ax = figures.steps_to_target([TANH])
    assert "not\nreached" in [t.get_text() for t in ax.get_yticklabels()]


def test_demo_frames_are_pngs():
    comparison = rectifiers.activation_comparison(names=("relu", "prelu", "maxout"), hidden=5,
                                                  steps=3)
    pngs = figures.activation_pictures(comparison, resolution=20, dpi=40)
    assert len(pngs) == 3 and all(p.startswith(PNG) for p in pngs) and len(set(pngs)) == 3
    pngs, captions = figures.dead_pictures(SWEEP, resolution=20, dpi=40)
    assert len(pngs) == len(captions) == 2 and all(p.startswith(PNG) for p in pngs)
    assert "Learning rate 8" in captions[1] and "full-batch gradient descent" in captions[1]


def test_sweep_label_names_the_shape():
    assert figures.sweep_label(SWEEP) == "relu 2-6-3"
