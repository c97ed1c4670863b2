"""Chapter 5's figure functions draw, return their Axes and label axes in lowercase."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

from nnkit import model, train  # noqa: E402
from nnbook.experiments import training as ex  # noqa: E402
from nnbook.figures import training as fig  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def small_run():
    X, y, X_val, y_val = ex.spiral_data(data_seed=0)
    watch = ex.Watch(X, extent=ex.spiral_extent(X, X_val), resolution=12,
                     snapshot_steps=(0, 10, 20))
    net = model.MLP([2, 12, 3], rng=np.random.default_rng(0))
    history = train.train(net, X, y, lr=1.0, steps=20, X_val=X_val, y_val=y_val, eval_every=5,
                          callback=watch)
    return X, y, history, watch.result()


def labels_lowercase(axes):
    for ax in np.ravel(axes):
        assert isinstance(ax, Axes)
        for label in (ax.get_xlabel(), ax.get_ylabel()):
            assert label == "" or label[0].islower(), label


def test_loss_shapes_and_difference_errors():
    ax = fig.loss_shapes()
    labels_lowercase(ax)
    assert len(ax.lines) == 3  # two losses and the margin line
    h = 10.0 ** -np.arange(1, 6)
    ax = fig.difference_errors(h, h, h ** 2)
    labels_lowercase(ax)
    assert ax.get_xscale() == ax.get_yscale() == "log"


def test_gradcheck_bars_draw_one_bar_per_case_and_parameter():
    checks = ex.gradient_checks(rng=np.random.default_rng(0))
    ax = fig.gradcheck_bars(checks)
    labels_lowercase(ax)
    assert len(ax.patches) == 3 * len(checks["softmax net"])


def test_batch_curves_put_the_minibatch_run_on_the_epoch_axis(small_run):
    _, _, history, _ = small_run
    axes = fig.batch_curves(history, history, batch_size=30, num_points=300)
    labels_lowercase(axes)
    full, minibatch = axes[1].lines
    assert np.allclose(minibatch.get_xdata(), full.get_xdata() * 30 / 300)


def test_watch_panels_and_overfit(small_run):
    _, _, _, watched = small_run
    axes = fig.watch_panels({1.0: watched, 5.0: watched}, max_step=10)
    labels_lowercase(axes)
    assert len(axes[0].lines) == 4 and max(axes[0].lines[0].get_xdata()) == 10
    tiny = ex.overfit_tiny(steps=20)
    axes = fig.overfit(tiny, extent=(-1, 1, -1, 1))
    labels_lowercase(axes)


def test_snapshot_frames_are_pngs_with_captions(small_run):
    X, y, history, watched = small_run
    steps, pngs, captions = fig.snapshot_frames(history, watched, X, y)
    assert steps == [0, 10, 20] and len(captions) == 3
    assert all(png[:8] == b"\x89PNG\r\n\x1a\n" for png in pngs)
    assert plt.get_fignums() == []  # drawn off-screen, no pyplot figure left behind
