"""nnkit.plotting: every plot returns its Axes, draws what it claims, reuses its artists, and
stays legible at phone width, in the house style."""

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
from matplotlib import text as mtext  # noqa: E402

from nnkit import activations, datasets, losses, model, plotting, train  # noqa: E402

PHONE_PX = 390  # the narrowest screen a figure must stay readable on
MIN_TEXT_PX = 5.0  # no 2-4 px labels once a figure is shrunk to the phone's width


@pytest.fixture(autouse=True)
def no_show_and_close(monkeypatch):
    def refuse():
        raise AssertionError("nnkit.plotting must never call plt.show()")

    monkeypatch.setattr(plt, "show", refuse)
    yield
    plt.close("all")


def hue_kind(color):
    """"red", "green" or None for a saturated colour (hue in degrees)."""
    h, s, v = colorsys.rgb_to_hsv(*mcolors.to_rgb(color))
    if s < 0.5 or v < 0.3:
        return None
    deg = 360 * h
    return "red" if deg < 20 or deg > 340 else "green" if 75 <= deg <= 150 else None


def assert_lowercase_labels(ax):
    for label in (ax.get_xlabel(), ax.get_ylabel()):
        assert label == label.lower(), f"axis label {label!r} is not lowercase"


def smallest_text_px(fig):
    """The smallest visible text of fig, in pixels, once the figure is shown PHONE_PX wide."""
    fig.canvas.draw()
    sizes = [t.get_fontsize() for t in fig.findobj(mtext.Text)
             if t.get_visible() and t.get_text().strip() and t.get_window_extent().width > 0]
    return min(sizes) / 72 * PHONE_PX / fig.get_size_inches()[0]


def points_under_legend(ax, legend=None):
    """How many drawn data points (line vertices, scatter offsets) the legend box covers."""
    ax.figure.canvas.draw()
    legend = legend or ax.get_legend()
    box = legend.get_window_extent()
    xy = [line.get_transform().transform(line.get_xydata()) for line in ax.get_lines()
          if line.get_visible() and len(line.get_xydata())]
    xy += [c.get_offset_transform().transform(c.get_offsets()) for c in ax.collections
           if len(c.get_offsets())]
    xy = np.concatenate(xy)
    xy = xy[np.isfinite(xy).all(axis=1)]
    return int(np.sum((xy[:, 0] >= box.x0) & (xy[:, 0] <= box.x1) & (xy[:, 1] >= box.y0)
                      & (xy[:, 1] <= box.y1)))


def test_importing_changes_no_settings():
    code = ("import matplotlib; before = dict(matplotlib.rcParams); "
            "from nnkit import plotting, diagrams; from nnbook import widgets, static; "
            "assert dict(matplotlib.rcParams) == before, 'import changed rcParams'")
    subprocess.run([sys.executable, "-c", code], check=True, env=dict(os.environ, MPLBACKEND="Agg"))


def test_house_style_is_opaque_white_okabe_ito_and_10_to_11_pt():
    with matplotlib.rc_context():
        matplotlib.rcParams["figure.facecolor"] = "none"
        plotting.use_house_style()
        assert mcolors.to_rgba(matplotlib.rcParams["figure.facecolor"]) == (1, 1, 1, 1)
        assert mcolors.to_rgba(matplotlib.rcParams["savefig.facecolor"]) == (1, 1, 1, 1)
        assert matplotlib.rcParams["savefig.transparent"] is False
        for key in ("font.size", "axes.labelsize", "xtick.labelsize", "legend.fontsize"):
            assert 10 <= matplotlib.rcParams[key] <= 11, key
        cycle = [c.upper() for c in matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]]
        assert cycle == [c.upper() for c in plotting.SERIES_COLORS]
    with plotting.house_style():
        assert matplotlib.rcParams["axes.spines.top"] is False
    assert matplotlib.rcParams["figure.facecolor"] != "none"  # the context restored the default


def test_palette_roles_come_from_okabe_ito_and_never_put_red_next_to_green():
    okabe = {c.upper() for c in plotting.OKABE_ITO.values()}
    kinds = {hue_kind(c) for c in plotting.CLASS_COLORS}
    assert not {"red", "green"} <= kinds, kinds
    assert {c.upper() for c in plotting.CLASS_COLORS + plotting.SERIES_COLORS} <= okabe
    roles = [plotting.TRAIN_COLOR, plotting.VAL_COLOR, plotting.FUNCTION_COLOR,
             plotting.DERIVATIVE_COLOR, plotting.DEAD_COLOR, plotting.SPREAD_COLOR]
    assert {c.upper() for c in roles} <= okabe
    assert plotting.TRAIN_COLOR != plotting.VAL_COLOR
    assert plotting.FUNCTION_COLOR != plotting.DERIVATIVE_COLOR
    for grey in (plotting.REFERENCE_COLOR, plotting.SMALL_SLOPE_COLOR, plotting.ZERO_SLOPE_COLOR):
        r, g, b = mcolors.to_rgb(grey)
        assert r == g == b, grey  # greys read the same to every eye
    # The two saturation bands differ in lightness, not only in hue, and one is hatched.
    assert mcolors.to_rgb(plotting.SMALL_SLOPE_COLOR)[0] - mcolors.to_rgb(
        plotting.ZERO_SLOPE_COLOR)[0] > 0.15 and plotting.ZERO_SLOPE_HATCH
    assert len(set(plotting.CLASS_COLORS)) == len(plotting.CLASS_COLORS)
    assert len(set(plotting.CLASS_MARKERS)) == plotting.MAX_CLASSES
    assert plotting.class_color(len(plotting.CLASS_COLORS)) == plotting.CLASS_COLORS[0]
    assert plotting.tint("#000000", amount=0.5) == (0.5, 0.5, 0.5)


def test_panels_wrap_at_three_and_remove_empty_slots():
    axes = plotting.panels(5)
    fig = axes[0].figure
    assert len(axes) == 5 and len(fig.axes) == 5
    assert tuple(fig.get_size_inches()) == pytest.approx((3 * plotting.PANEL_SIZE[0],
                                                          2 * plotting.PANEL_SIZE[1]))
    assert {ax.get_subplotspec().colspan.start for ax in axes} == {0, 1, 2}
    axes = plotting.panels(4, ncols=2, panel_size=(2.0, 1.0))
    assert tuple(axes[0].figure.get_size_inches()) == (4.0, 2.0)


# --- activations -------------------------------------------------------------------------


def expected_levels(name, z):
    """What the shading must say for each activation, written from its formula."""
    levels = {"relu": np.where(z <= 0, 2, 0),          # no gradient at all for z <= 0
              "leaky_relu": np.where(z <= 0, 1, 0),    # slope 0.01: small, never zero
              "elu": np.where(z < np.log(0.05), 1, 0)}  # slope exp(z) < 5% of 1
    return levels.get(name)


@pytest.mark.parametrize("name", activations.NAMES)
def test_activation_plot_draws_function_derivative_and_both_bands(name):
    plot = plotting.ActivationPlot(shade_saturation=True)
    plot.update(name)
    ax = plot.ax
    f, f_grad = activations.get(name)
    z = plot.z
    np.testing.assert_allclose(plot.f_line.get_ydata(), f(z))
    np.testing.assert_allclose(plot.df_line.get_ydata(), f_grad(z))
    slope = np.abs(f_grad(z))
    want = np.where(slope == 0, 2, np.where(slope < 0.05 * slope.max(), 1, 0))
    np.testing.assert_array_equal(plot.levels, want)
    if expected_levels(name, z) is not None:
        np.testing.assert_array_equal(plot.levels, expected_levels(name, z))
    # Each band is drawn exactly over its zones (edges halfway to the neighbouring grid point).
    half = (z[1] - z[0]) / 2
    for band, level in ((plot.small_band, 1), (plot.zero_band, 2)):
        spans = sorted((p.vertices[:, 0].min(), p.vertices[:, 0].max()) for p in band.get_paths())
        zones = plotting.saturation_zones(z, f_grad(z))
        want = zones.small if level == 1 else zones.zero
        assert len(spans) == len(want)
        for (lo, hi), (zlo, zhi) in zip(spans, want):
            assert lo == pytest.approx(max(zlo - half, z[0])) and hi == pytest.approx(
                min(zhi + half, z[-1]))
    assert plot.zero_band.get_hatch() and not plot.small_band.get_hatch()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["f(z)", "f'(z)", "small gradient (< 5% of peak)", "no gradient (f' = 0)"]
    assert ax.get_title() == name.replace("_", " ")
    assert_lowercase_labels(ax)
    assert points_under_legend(ax) == 0, f"the legend covers the curves of {name}"


def test_relu_reads_as_no_gradient_and_leaky_relu_as_small_gradient():
    z = np.linspace(-6, 6, 1201)
    relu = plotting.saturation_zones(z, activations.relu_grad(z))
    assert relu.zero == [(-6.0, 0.0)] and relu.small == [] and relu.saturated == [(-6.0, 0.0)]
    leaky = plotting.saturation_zones(z, activations.leaky_relu_grad(z))
    assert leaky.zero == [] and leaky.small == [(-6.0, 0.0)]
    elu = plotting.saturation_zones(z, activations.elu_grad(z))
    assert elu.zero == [] and abs(elu.small[0][1] - np.log(0.05)) < 0.01
    lo, hi = plotting.saturation_zones(z, activations.tanh_grad(z)).saturated
    edge = np.arctanh(np.sqrt(0.95))  # 1 - tanh(z)^2 = 0.05
    assert lo[0] == -6.0 and abs(lo[1] + edge) < 0.02 and abs(hi[0] - edge) < 0.02 and hi[1] == 6.0
    assert plotting.saturation_zones(z, np.ones_like(z)) == plotting.SlopeZones([], [], [])


def test_activation_plot_reuses_its_artists():
    plot = plotting.ActivationPlot(shade_saturation=True)
    artists = (list(plot.ax.lines), list(plot.ax.collections))
    for name in activations.NAMES + activations.NAMES:
        plot.update(name)
    assert (list(plot.ax.lines), list(plot.ax.collections)) == artists
    assert plot.name == activations.NAMES[-1]


def test_activations_row_wraps_with_one_legend_below_and_reads_on_a_phone():
    axes = plotting.activations_row(activations.NAMES, shade_saturation=True)
    fig = axes[0].figure
    assert [ax.get_title() for ax in axes] == [n.replace("_", " ") for n in activations.NAMES]
    assert all(ax.get_legend() is None for ax in axes) and len(fig.legends) == 1
    legend_box = fig.legends[0].get_window_extent(fig.canvas.get_renderer())
    assert legend_box.y1 <= min(ax.get_window_extent().y0 for ax in axes) + 1  # below the data
    assert smallest_text_px(fig) >= MIN_TEXT_PX
    given = plotting.panels(2)
    assert list(plotting.activations_row(["sigmoid", "relu"], axes=given)) == list(given)
    assert given[0].get_legend() is not None and given[1].get_legend() is None
    assert len(plotting.activations_row("relu")) == 1


# --- decision regions ----------------------------------------------------------------------


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
    assert grid[:, 0].max() == 0 and grid[:, -1].min() == 1  # left half class 0, right half 1
    # Training points: filled, in the class colour; held-out: hollow; one marker shape per class.
    filled = [c for c in ax.collections if len(c.get_facecolors()) and len(c.get_offsets())]
    hollow = [c for c in ax.collections if not len(c.get_facecolors()) and len(c.get_offsets())]
    assert sum(len(c.get_offsets()) for c in filled) == 40
    assert sum(len(c.get_offsets()) for c in hollow) == 10
    for k in (0, 1):
        color = mcolors.to_rgba(plotting.class_color(k))
        train_k = [c for c in filled if np.allclose(c.get_facecolors()[0], color)]
        assert len(train_k) == 1 and len(train_k[0].get_offsets()) == int(np.sum(y == k))
    assert len({len(c.get_paths()[0].vertices) for c in filled}) == 2, "marker shapes must differ"
    assert ax.get_legend() is not None
    assert_lowercase_labels(ax)


def test_decision_regions_from_a_model():
    rng = np.random.default_rng(1)
    X, y = datasets.blobs(n=60, num_classes=3, rng=rng)
    net = model.MLP([2, 8, 3], rng=rng)
    ax = plotting.decision_regions(net, X, y, resolution=30)
    points = plotting.grid_points(ax.images[0].get_extent(), resolution=30)
    np.testing.assert_array_equal(ax.images[0].get_array(), net.predict(points).reshape(30, 30))


def test_region_legend_covers_no_point():
    rng = np.random.default_rng(5)
    for make in (datasets.moons, datasets.circles, datasets.xor):
        X, y = make(n=120, rng=rng)
        X_train, y_train, X_val, y_val = datasets.split(X, y, rng=rng)
        ax = plotting.decision_regions(half_plane, X_train, y_train, X_val=X_val, y_val=y_val,
                                       resolution=20)
        assert points_under_legend(ax) == 0, make.__name__


def test_a_function_that_is_not_a_classifier_is_named():
    X = np.zeros((4, 2))
    y = np.zeros(4, dtype=int)
    with pytest.raises(TypeError, match="decision_regions: classifier must be a model"):
        plotting.decision_regions("not a model", X, y)
    with pytest.raises(TypeError, match="not a classifier"):  # scores, not labels
        plotting.decision_regions(lambda P: np.zeros((len(P), 3)), X, y)
    with pytest.raises(TypeError, match="not a classifier"):  # a regression output
        plotting.decision_grid(lambda P: P[:, 0] * 0.5, extent=(0, 1, 0, 1), resolution=4)
    with pytest.raises(ValueError, match="labels in 0..7"):
        plotting.decision_grid(lambda P: np.full(len(P), -1), extent=(0, 1, 0, 1), resolution=4)


def test_decision_regions_grid_shares_one_box_and_wraps():
    rng = np.random.default_rng(2)
    X, y = datasets.moons(n=60, rng=rng)
    nets = [model.MLP([2, h, 2], rng=rng) for h in (3, 6, 20, 40)]
    axes = plotting.decision_regions_grid(nets, X, y, titles=["3", "6", "20", "40"], resolution=20)
    assert [ax.get_title() for ax in axes] == ["3", "6", "20", "40"]
    assert len({tuple(ax.images[0].get_extent()) for ax in axes}) == 1
    assert [ax.get_ylabel() for ax in axes] == ["x2", "", "", "x2"]  # rows of three
    assert smallest_text_px(axes[0].figure) >= MIN_TEXT_PX
    with pytest.raises(ValueError, match="titles"):
        plotting.decision_regions_grid(nets, X, y, titles=["one"])


def test_region_plot_updates_in_place_and_keeps_each_class_colour():
    plot = plotting.RegionPlot(extent=(-1, 1, -1, 1), num_classes=3, resolution=10, legend=False)
    image = plot.image
    rng = np.random.default_rng(3)
    for k in (2, 3, 2):
        plot.set_regions(rng.integers(0, k, (10, 10)))
        plot.set_points(rng.uniform(-1, 1, (8, 2)), rng.integers(0, k, 8))
    plot.set_extent((0, 2, 0, 3))
    assert plot.image is image and len(plot.ax.images) == 1 and plot.ax.get_ylim() == (0, 3)
    assert len(plot.ax.collections) == 6 and plot.artists[0] is image
    for k in range(plotting.MAX_CLASSES):  # label k is drawn in class k's tint, always
        rgb = image.cmap(image.norm(k))[:3]
        assert np.allclose(rgb, plotting.tint(plotting.class_color(k)))


# --- training ------------------------------------------------------------------------------


def trained(hidden=(20,), steps=60):
    rng = np.random.default_rng(3)
    X, y = datasets.spiral(points_per_class=30, rng=rng)
    X_train, y_train, X_val, y_val = datasets.split(X, y, rng=rng)
    net = model.MLP([2, *hidden, 3], rng=rng)
    history = train.train(net, X_train, y_train, lr=0.5, steps=steps, X_val=X_val, y_val=y_val,
                          eval_every=5)
    return net, history, X_train, y_train


def test_training_curves_plot_the_history():
    _, history, _, _ = trained()
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
        assert points_under_legend(ax) == 0
    assert smallest_text_px(ax_loss.figure) >= MIN_TEXT_PX


def test_curves_plot_rounds_limits_for_widgets():
    _, history, _, _ = trained()
    plot = plotting.CurvesPlot(round_limits=True)
    plot.update(history)
    right, top = plot.ax_loss.get_xlim()[1], plot.ax_loss.get_ylim()[1]
    assert right >= history.step[-1] and right in (60, 80) and top >= max(history.train_loss)
    assert plotting._round_up(101) == 150 and plotting._round_up(0.07) == pytest.approx(0.08)
    assert len({plotting._round_up(x) for x in range(1, 1000)}) <= 28


def test_dead_fraction_plots_one_line_per_call():
    ax = plotting.dead_fraction([0, 10, 20], [0.0, 0.1, 0.3], label="lr 1")
    plotting.dead_fraction([0, 10, 20], [0.0, 0.5, 0.9], ax=ax, label="lr 5")
    np.testing.assert_allclose(ax.get_lines()[1].get_ydata(), [0.0, 0.5, 0.9])
    assert ax.get_ylabel() == "fraction of dead relus" and len(ax.get_legend().get_texts()) == 2


def layer_norms(net, X, y):
    train.loss_and_grads(net, X, y, loss_fn=losses.softmax_cross_entropy)
    norms = train.gradient_norms(net)
    return [norms[f"layer{i}.W"] for i in range(1, len(net.sizes))]


def test_gradient_norm_plot_one_line_per_layer_on_a_log_scale():
    net, _, X, y = trained(hidden=(8, 8), steps=1)
    optimizer = train.SGD(0.5)
    steps, norms = [], []
    for step in range(1, 31):
        norms.append(layer_norms(net, X, y))
        optimizer.step(net)
        steps.append(step)
    norms = np.array(norms)
    ax = plotting.gradient_norm_curves(steps, norms)
    assert ax.get_yscale() == "log" and [line.get_label() for line in ax.get_lines()] == [
        "layer 1", "layer 2", "layer 3"]
    for line, column in zip(ax.get_lines(), norms.T):
        np.testing.assert_allclose(line.get_ydata(), column)
    assert len({line.get_linestyle() for line in ax.get_lines()}) == 3  # not colour alone
    low, high = ax.get_ylim()
    assert low <= norms.min() and high >= norms.max()
    assert np.log10(low) == int(np.log10(low)) and np.log10(high) == int(np.log10(high))
    assert_lowercase_labels(ax)
    assert points_under_legend(ax) == 0


def test_gradient_norm_plot_updates_in_place_and_leaves_gaps_for_zeros():
    plot = plotting.GradientNormPlot(num_layers=2, labels=["layer1.W", "layer2.W"])
    lines = list(plot.lines)
    plot.update([1, 2, 3], [[1.0, 0.5], [0.0, 0.2], [0.3, 0.1]])
    assert np.isnan(plot.lines[0].get_ydata()[1]) and plot.ax.get_ylim() == (0.1, 1.0)
    plot.update(np.arange(50), np.full((50, 2), 3.0))
    assert plot.lines == lines and plot.ax.get_lines() == lines and plot.ax.get_ylim() == (1, 10)
    with pytest.raises(ValueError, match=r"norms must be .* shape \(3, 2\), got shape \(3, 3\)"):
        plot.update([1, 2, 3], np.ones((3, 3)))


# --- hidden units --------------------------------------------------------------------------


def test_hidden_unit_maps_show_each_units_output_and_mark_dead_units():
    net, _, _, _ = trained(hidden=(6, 5))
    first = net.layers[0]
    first.params["W"][:, 2] = 0.0
    first.params["b"][2] = -1.0  # unit 3 of the first layer outputs 0 everywhere: dead
    extent = (-1.5, 1.5, -1.5, 1.5)
    axes = plotting.hidden_unit_maps(net, extent=extent, resolution=20, max_units=4)
    assert len(axes) == 4 and [ax.get_title() for ax in axes] == [f"unit {j}" for j in range(1, 5)]
    outputs = net.hidden_outputs(plotting.grid_points(extent, resolution=20))[0]
    for j, ax in enumerate(axes):
        np.testing.assert_allclose(ax.images[0].get_array().ravel(), outputs[:, j])
        dead = [t for t in ax.texts if t.get_text() == "dead"][0]
        assert dead.get_visible() == (j == 2)
        scale = np.abs(outputs[:, j]).max() or 1.0
        assert ax.images[0].get_clim() == (-scale, scale)  # white is always 0
    assert smallest_text_px(axes[0].figure) >= MIN_TEXT_PX
    second = plotting.hidden_unit_maps(net, extent=extent, layer=1, resolution=10)
    assert len(second) == 5


def test_hidden_unit_plot_updates_in_place_as_training_goes_on():
    net, _, X, y = trained(hidden=(8,), steps=1)
    plot = plotting.HiddenUnitPlot(extent=(-1, 1, -1, 1), num_units=8, resolution=16)
    artists = list(plot.artists)
    optimizer = train.SGD(0.5)
    for _ in range(5):
        train.loss_and_grads(net, X, y, loss_fn=losses.softmax_cross_entropy)
        optimizer.step(net)
        plot.update(net)
        outputs = net.hidden_outputs(plot.points)[0]
        np.testing.assert_allclose(plot.images[5].get_array().ravel(), outputs[:, 5])
    assert plot.artists == artists and all(len(ax.images) == 1 for ax in plot.axes)
    with pytest.raises(ValueError, match="fewer units than the 8 maps"):
        plot.update(model.MLP([2, 4, 3], rng=np.random.default_rng(0)))
