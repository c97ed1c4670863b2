"""nnbook.figures.representation and nnbook.figures.capacity: every figure draws, labels its
axes in lowercase and returns its Axes."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

from nnkit import layers, model  # noqa: E402
from nnbook import approximation  # noqa: E402
from nnbook.experiments import capacity, representation  # noqa: E402
from nnbook.figures import capacity as capacity_figures  # noqa: E402
from nnbook.figures import representation as representation_figures  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _check(axes, k):
    axes = np.atleast_1d(np.asarray(axes, dtype=object))
    assert len(axes) == k and all(isinstance(ax, Axes) for ax in axes)
    for ax in axes:
        for label in (ax.get_xlabel(), ax.get_ylabel()):
            assert label == label.lower() or "$" in label, label
    return axes


@pytest.fixture(scope="module")
def data():
    return capacity.outlier_data(rng=np.random.default_rng(3))


@pytest.fixture(scope="module")
def nets(data):
    small, _ = capacity.train_seeds(data, hidden_size=3, init_seeds=[1], steps=30)
    large, _ = capacity.train_seeds(data, hidden_size=7, init_seeds=[1], steps=30)
    return small[0], large[0]


def test_representation_figures():
    _check(representation_figures.steps(), 2)
    _check(representation_figures.bump(), 1)
    _check(representation_figures.approximation_panel(8), 1)
    _check(representation_figures.approximations((4, 8)), 2)
    _check(representation_figures.errors(representation.approximation_errors((10, 20))), 1)
    net = approximation.sigmoid_bump_network(representation.target, -2, 2, 3)
    _check(representation_figures.unit_responses(net), 2)


def test_figures_draw_into_given_axes():
    axes = plt.subplots(1, 2)[1]
    assert list(representation_figures.steps(axes=axes)) == list(axes)
    ax = plt.subplots()[1]
    assert representation_figures.bump(ax=ax) is ax


def test_pictures_are_pngs_with_captions():
    pngs, labels, captions = representation_figures.approximation_pictures((2, 8))
    assert labels == ["2", "8"] and all(p[:4] == b"\x89PNG" for p in pngs)
    assert "8 units (4 bumps)" in captions[1] and pngs[0] != pngs[1]
    pngs, labels, captions = representation_figures.sharpness_pictures(10, (2.0, 20.0))
    assert labels == ["2", "20"] and len(pngs) == len(captions) == 2
    assert plt.get_fignums() == []  # offscreen: nothing left open in pyplot


def test_capacity_figures(data, nets):
    small, large = nets
    _check(capacity_figures.creases(small, data.X_train, data.y_train, title="3 units"), 1)
    _check(capacity_figures.complexity(["a", "b"], [1.0, 0.9], [0.8, 0.85], [0.01, 0.005]), 2)
    maps = capacity_figures.unit_maps(small, large, extent=data.extent)
    assert len(maps) == 3 + 7 and all(isinstance(ax, Axes) for ax in maps)
    spread = capacity.seed_spread(seeds=range(3), steps=20)
    _check(capacity_figures.spread(spread, rng=np.random.default_rng(0)), 1)

    def build(method, rng):
        return model.Sequential([layers.Linear(2, 4, rng=rng), layers.ReLU(),
                                 layers.Linear(4, 2, rng=rng)])

    result = capacity.regularizer_comparison(build, {"none": 0.0, "L2": 0.1}, data_seeds=(0, 1),
                                             init_seeds=(0, 1), steps=20)
    ax = _check(capacity_figures.regularizers(result), 1)[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["none", "L2"]
