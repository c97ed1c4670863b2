"""nnkit.plotting: every plot returns its Axes and draws what it claims, in the house style."""

import colorsys
import os
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib import colors as mcolors  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

from nnkit import activations, datasets, losses, model, plotting, train  # noqa: E402


@pytest.fixture(autouse=True)
def no_show_and_close(monkeypatch):
    def refuse():
        raise AssertionError("nnkit.plotting must never call plt.show()")

    monkeypatch.setattr(plt, "show", refuse)
    yield
    plt.close("all")


def hue_kind(color):
    """"red", "green" or None for a saturated colour (hue in degrees)."""
    r, g, b = mcolors.to_rgb(color)
    h, s, v = colorsys.rgb_to_hsv(r, g, b)
    if s < 0.5 or v < 0.3:
        return None
    deg = 360 * h
    if deg < 20 or deg > 340:
        return "red"
    if 75 <= deg <= 150:
        return "green"
    return None


def assert_lowercase_labels(ax):
    for label in (ax.get_xlabel(), ax.get_ylabel()):
        assert label == label.lower(), f"axis label {label!r} is not lowercase"


def test_importing_changes_no_settings():
    code = ("import matplotlib; before = dict(matplotlib.rcParams); "
            "from nnkit import plotting, diagrams; from nnbook import widgets, static; "
            "assert dict(matplotlib.rcParams) == before, 'import changed rcParams'")
    subprocess.run([sys.executable, "-c", code], check=True, env=dict(os.environ, MPLBACKEND="Agg"))


def test_house_style_is_opaque_white_and_okabe_ito():
    with matplotlib.rc_context():
        matplotlib.rcParams["figure.facecolor"] = "none"
        plotting.use_house_style()
        assert mcolors.to_rgba(matplotlib.rcParams["figure.facecolor"]) == (1, 1, 1, 1)
        assert mcolors.to_rgba(matplotlib.rcParams["savefig.facecolor"]) == (1, 1, 1, 1)
        assert matplotlib.rcParams["savefig.transparent"] is False
        assert matplotlib.rcParams["font.size"] >= 10
        cycle = [c.upper() for c in matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]]
        assert set(cycle) <= set(plotting.OKABE_ITO.values())
    with plotting.house_style():
        assert matplotlib.rcParams["axes.spines.top"] is False
    assert matplotlib.rcParams["figure.facecolor"] != "none"  # the context restored the default


def test_palette_never_puts_red_next_to_green():
    kinds = {hue_kind(c) for c in plotting.CLASS_COLORS}
    assert not {"red", "green"} <= kinds, kinds
    assert set(c.upper() for c in plotting.CLASS_COLORS) <= set(plotting.OKABE_ITO.values())
    assert len(set(plotting.CLASS_COLORS)) == len(plotting.CLASS_COLORS)
    assert len(set(plotting.CLASS_MARKERS)) == len(plotting.CLASS_MARKERS)


@pytest.mark.parametrize("name", activations.NAMES)
def test_activation_draws_function_derivative_and_saturation(name):
    ax = plotting.activation(name, shade_saturation=True)
    assert isinstance(ax, matplotlib.axes.Axes)
    f, f_grad = activations.get(name)
    lines = {line.get_label(): line for line in ax.get_lines()}
    z = lines["f(z)"].get_xdata()
    np.testing.assert_allclose(lines["f(z)"].get_ydata(), f(z))
    np.testing.assert_allclose(lines["f'(z)"].get_ydata(), f_grad(z))
    strip = ax.images[0].get_array()[0]
    np.testing.assert_array_equal(strip.astype(bool), np.abs(f_grad(z)) < 0.05 * np.abs(f_grad(z)).max())
    assert ax.get_title() == name.replace("_", " ")
    assert_lowercase_labels(ax)


def test_saturation_zones_match_the_derivatives():
    z = np.linspace(-6, 6, 1201)
    assert plotting.saturation_zones(z, activations.relu_grad(z)) == [(-6.0, 0.0)]
    lo, hi = plotting.saturation_zones(z, activations.tanh_grad(z))
    edge = np.arctanh(np.sqrt(0.95))  # 1 - tanh(z)^2 = 0.05
    assert lo[0] == -6.0 and abs(lo[1] + edge) < 0.02 and abs(hi[0] - edge) < 0.02 and hi[1] == 6.0
    assert plotting.saturation_zones(z, np.ones_like(z)) == []


def test_activations_row_one_panel_per_name():
    axes = plotting.activations_row(("sigmoid", "tanh", "relu"))
    assert [ax.get_title() for ax in axes] == ["sigmoid", "tanh", "relu"]
    assert axes[0].get_legend() is not None and axes[1].get_legend() is None
    with pytest.raises(ValueError, match="need 2 axes"):
        plotting.activations_row(("sigmoid", "tanh"), axes=[axes[0]])


def half_plane(X):
    return (X[:, 0] > 0).astype(int)


def test_decision_regions_from_a_callable_draws_grid_and_points():
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, (40, 2))
    y = half_plane(X)
    X_val = rng.uniform(-1, 1, (10, 2))
    y_val = half_plane(X_val)
    ax = plotting.decision_regions(half_plane, X, y, X_val=X_val, y_val=y_val, resolution=50)
    grid = ax.images[0].get_array()
    assert grid.shape == (50, 50)
    expected = plotting.decision_grid(half_plane, extent=ax.images[0].get_extent(), resolution=50)
    np.testing.assert_array_equal(grid, expected)
    assert grid[:, 0].max() == 0 and grid[:, -1].min() == 1  # left half class 0, right half class 1
    # Training points: filled, in the class colour; held-out: hollow; one marker shape per class.
    filled = [c for c in ax.collections if len(c.get_facecolors()) and len(c.get_offsets())]
    hollow = [c for c in ax.collections if not len(c.get_facecolors()) and len(c.get_offsets())]
    assert sum(len(c.get_offsets()) for c in filled) == 40
    assert sum(len(c.get_offsets()) for c in hollow) == 10
    for k in (0, 1):
        color = mcolors.to_rgba(plotting.class_color(k))
        train_k = [c for c in filled if np.allclose(c.get_facecolors()[0], color)]
        assert len(train_k) == 1 and len(train_k[0].get_offsets()) == int(np.sum(y == k))
    shapes = {len(c.get_paths()[0].vertices) for c in filled}
    assert len(shapes) == 2, "the two classes must differ in marker shape"
    assert ax.get_legend() is not None
    assert_lowercase_labels(ax)


def test_decision_regions_from_a_model_and_bad_input():
    rng = np.random.default_rng(1)
    X, y = datasets.blobs(n=60, num_classes=3, rng=rng)
    net = model.MLP([2, 8, 3], rng=rng)
    ax = plotting.decision_regions(net, X, y, resolution=30)
    points = plotting.grid_points(ax.images[0].get_extent(), resolution=30)
    np.testing.assert_array_equal(ax.images[0].get_array(), net.predict(points).reshape(30, 30))
    with pytest.raises(TypeError, match="predict"):
        plotting.decision_regions("not a model", X, y)
    with pytest.raises(ValueError, match=r"\(N, 2\)"):
        plotting.decision_regions(net, X[:, :1], y)


def test_decision_regions_grid_shares_one_box():
    rng = np.random.default_rng(2)
    X, y = datasets.moons(n=60, rng=rng)
    nets = [model.MLP([2, h, 2], rng=rng) for h in (3, 6, 20)]
    axes = plotting.decision_regions_grid(nets, X, y, titles=["3 neurons", "6 neurons", "20 neurons"],
                                          resolution=20)
    assert [ax.get_title() for ax in axes] == ["3 neurons", "6 neurons", "20 neurons"]
    assert len({tuple(ax.images[0].get_extent()) for ax in axes}) == 1
    with pytest.raises(ValueError, match="titles"):
        plotting.decision_regions_grid(nets, X, y, titles=["one"])


def trained_history():
    rng = np.random.default_rng(3)
    X, y = datasets.spiral(points_per_class=30, rng=rng)
    X_train, y_train, X_val, y_val = datasets.split(X, y, rng=rng)
    net = model.MLP([2, 20, 3], rng=rng)
    history = train.train(net, X_train, y_train, lr=0.5, steps=60, X_val=X_val, y_val=y_val, eval_every=5)
    return net, history, X_train


def test_training_curves_plot_the_history():
    _, history, _ = trained_history()
    dead = [0.1] * len(history)
    ax_loss, ax_acc = plotting.training_curves(history, dead=dead)
    loss_lines = {line.get_label(): line for line in ax_loss.get_lines()}
    acc_lines = {line.get_label(): line for line in ax_acc.get_lines()}
    np.testing.assert_allclose(loss_lines["train"].get_ydata(), history.train_loss)
    np.testing.assert_allclose(loss_lines["held out"].get_ydata(), history.val_loss)
    np.testing.assert_allclose(acc_lines["train"].get_ydata(), history.train_acc)
    np.testing.assert_allclose(acc_lines["held out"].get_xdata(), history.step)
    np.testing.assert_allclose(acc_lines["dead relus"].get_ydata(), dead)
    assert loss_lines["train"].get_linestyle() != loss_lines["held out"].get_linestyle()
    assert ax_loss.get_ylabel() == "loss" and ax_acc.get_ylim()[0] == 0.0
    for ax in (ax_loss, ax_acc):
        assert_lowercase_labels(ax)


def test_dead_fraction_hidden_responses_and_gradient_norms():
    net, history, X_train = trained_history()
    ax = plotting.dead_fraction([0, 10, 20], [0.0, 0.1, 0.3])
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), [0.0, 0.1, 0.3])
    assert ax.get_ylabel() == "fraction of dead relus"
    axes = plotting.hidden_responses(net, extent=(-1, 1, -1, 1), resolution=20, max_units=6)
    assert len(axes) == 6 and all(a.images for a in axes)
    points = plotting.grid_points((-1, 1, -1, 1), resolution=20)
    np.testing.assert_allclose(axes[2].images[0].get_array().ravel(), net.hidden_outputs(points)[0][:, 2])
    train.loss_and_grads(net, X_train, np.zeros(len(X_train), dtype=int),
                         loss_fn=losses.softmax_cross_entropy)
    norms = train.gradient_norms(net)
    ax = plotting.gradient_norms(norms)
    assert len(ax.patches) == len(norms)
    assert [t.get_text() for t in ax.get_xticklabels()] == list(norms)
    ax = plotting.gradient_norms(norms, weights_only=True)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["layer1.W", "layer2.W"]
    assert_lowercase_labels(ax)


def test_round_up_gives_few_distinct_limits():
    assert plotting.round_up(1.0) == 1.0
    assert plotting.round_up(101) == 150
    assert plotting.round_up(0.07) == pytest.approx(0.08)
    assert len({plotting.round_up(x) for x in range(1, 1000)}) <= 28
