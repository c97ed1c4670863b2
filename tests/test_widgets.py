"""nnbook.widgets: built without a display, driven from Python, reusing one figure and bounded memory."""

import asyncio
import concurrent.futures
import gc
import io
import tracemalloc

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import PIL.Image  # noqa: E402
import pytest  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from nnkit import activations, model, plotting, train  # noqa: E402
from nnbook import playground, widgets  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n"


def in_fresh_thread(fn):
    """fn() in a new thread, which has no event loop of its own whatever else this test process
    runs (the browser tests' Playwright keeps one running in the main thread)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(fn).result()


@pytest.fixture
def lab():
    return playground.Playground(rng=np.random.default_rng(0), resolution=40, dpi=50)


def test_playground_builds_headless_and_shows_a_png(lab):
    before = plt.get_fignums()
    pg = playground.Playground(rng=np.random.default_rng(1), resolution=40, dpi=50)
    assert isinstance(pg.figure, Figure)
    assert plt.get_fignums() == before, "widgets must not create pyplot figures"
    assert bytes(pg.image.value).startswith(PNG)
    assert "MLP(2 -&gt; 50 relu -&gt; 3)" in pg.model_line.value
    assert f"{pg.model.num_params():,} parameters" in pg.model_line.value
    assert pg.status.startswith("step 0")
    assert "text/plain" in pg._repr_mimebundle_()


def test_step_trains_and_updates_the_same_artists(lab):
    pg = lab
    image, png = pg.regions.image, pg.image.value
    pg.step(50)
    assert pg.run.steps_done == 50 and pg.history.step[-1] == 50
    assert pg.history.train_acc[-1] > pg.history.train_acc[0]
    assert pg.regions.image is image and len(pg.regions.ax.images) == 1
    assert pg.image.value != png
    np.testing.assert_array_equal(pg.regions.image.get_array(), pg.grid())
    expected = plotting.decision_grid(pg.model, extent=pg.run.extent, resolution=40)
    np.testing.assert_array_equal(pg.grid(), expected)
    np.testing.assert_allclose(pg.curves.train_acc.get_ydata(), pg.history.train_acc)


def test_unit_maps_and_gradient_norms_follow_training(lab):
    pg = lab
    images, lines = list(pg.unit_maps.images), list(pg.grad_plot.lines)
    pg.step(30)
    pg.step(30)
    assert pg.unit_maps.images == images and pg.grad_plot.lines == lines  # reused artists
    assert len(images) == pg.MAX_MAPS  # 50 units: the first MAX_MAPS are mapped
    hidden = pg.model.hidden_outputs(pg.unit_maps.points)[0]
    for j, image in enumerate(images):
        np.testing.assert_allclose(image.get_array().ravel(), hidden[:, j])
    # one gradient norm per weight layer at every recorded step, of the full-batch objective
    assert len(pg.run.grad_norms) == len(pg.history) == 3
    train.loss_and_grads(pg.model, pg.run.X_train, pg.run.y_train, reg=pg.settings.reg)
    now = [v for k, v in train.gradient_norms(pg.model).items() if k.endswith(".W")]
    np.testing.assert_allclose(pg.run.grad_norms[-1], now)
    for line, column in zip(lines, np.array(pg.run.grad_norms).T):
        np.testing.assert_allclose(line.get_ydata(), column)
    pg.set(hidden_sizes=(3, 3, 3))  # a new architecture: three maps, four gradient lines
    assert len(pg.unit_maps.images) == 3 and len(pg.grad_plot.lines) == 4
    assert [ax.get_visible() for ax in pg.map_axes] == [True] * 3 + [False] * (pg.MAX_MAPS - 3)
    assert sum(len(ax.images) for ax in pg.map_axes) == 3  # the old maps were removed


def test_changing_a_control_rebuilds_and_redraws(lab):
    pg = lab
    pg.step(20)
    pg.controls["width"].value = 7  # as a reader moving the slider
    assert repr(pg.model) == "MLP(2 -> 7 relu -> 3)" and pg.run.steps_done == 0
    assert "7 relu -&gt; 3" in pg.model_line.value
    pg.set(hidden_sizes=(7, 7), activation="tanh")
    assert repr(pg.model) == "MLP(2 -> 7 tanh -> 7 tanh -> 3)"
    assert pg.controls["depth"].value == 2 and pg.controls["activation"].value == "tanh"
    pg.set(dataset="circles")
    assert pg.run.num_classes == 2 and pg.model.sizes[-1] == 2
    points = sum(len(c.get_offsets()) for c in pg.regions.train_points + pg.regions.val_points)
    assert points == len(pg.run.y_train) + len(pg.run.y_val)
    pg.step(10)
    pg.set(lr=0.1)  # a new learning rate keeps the weights and the curves
    assert pg.run.steps_done == 10 and pg.run.optimizer.lr == 0.1
    pg.set(batch_size=16)
    pg.step(5)
    assert pg.run.steps_done == 15
    pg.set(hidden_sizes=(100, 100))  # beyond the slider: the slider grows rather than clamping
    assert pg.controls["width"].value == 100 and pg.model.sizes[1:3] == [100, 100]
    pg.set(batch_size=20)  # not in the menu: the menu grows, named as minibatch SGD
    assert pg.controls["batch_size"].label == "20 (minibatch SGD)"
    pg.controls["batch_size"].value = playground.FULL_BATCH  # as a reader choosing "full batch"
    assert pg.settings.batch_size is None and pg.controls["batch_size"].label == "full batch"
    with pytest.raises(ValueError, match="dataset"):
        pg.set(dataset="mnist")


def test_fit_on_change_retrains_to_the_target():
    pg = playground.Playground(rng=np.random.default_rng(2), fit_on_change=True, resolution=40, dpi=50)
    assert pg.history.train_acc[-1] >= 0.95
    pg.controls["width"].value = 30
    assert repr(pg.model) == "MLP(2 -> 30 relu -> 3)"
    assert pg.history.train_acc[-1] >= 0.95 and pg.run.steps_done > 0


def test_same_settings_same_seed_same_pictures():
    a = playground.Playground(rng=np.random.default_rng(3), hidden_sizes=(10,), resolution=40, dpi=50)
    b = playground.Playground(rng=np.random.default_rng(3), hidden_sizes=(10,), resolution=40, dpi=50)
    a.step(30)
    b.step(10)
    b.step(20)  # chunking does not change full-batch training
    np.testing.assert_array_equal(a.grid(), b.grid())
    a.reset()
    assert a.run.steps_done == 0 and a.run.init_seed != b.run.init_seed


def test_diverging_run_says_so_instead_of_drawing_nans(lab):
    pg = lab
    pg.step(20)
    regions = pg.regions.image.get_array().copy()
    pg.set(lr=10.0, reg=1.0)  # one step multiplies W by about (1 - lr*reg) = -9
    for _ in range(20):
        pg.step(50)
    assert pg.run.diverged is not None
    assert "training diverged at step" in pg.status and "smaller learning rate" in pg.status
    assert np.isfinite(pg.regions.image.get_array()).all()
    assert pg.regions.image.get_array().shape == regions.shape
    assert all(np.isfinite(line.get_ydata()).any() for line in (pg.curves.train_loss,))
    pg.step(10)  # stays put, no exception
    pg.reset()
    assert pg.run.diverged is None and pg.status.startswith("step 0")


def test_play_and_pause_run_on_the_event_loop(lab):
    pg = lab
    pg.steps_per_frame = 5
    with pytest.raises(RuntimeError, match="event loop"):
        in_fresh_thread(pg.play)

    async def drive():
        pg.play()
        assert pg.playing
        await asyncio.sleep(0.3)
        pg.buttons["pause"].click()
        await asyncio.sleep(0.1)

    in_fresh_thread(lambda: asyncio.run(drive()))
    assert not pg.playing and pg.run.steps_done >= 5
    done = pg.run.steps_done
    pg.buttons["step"].click()
    assert pg.run.steps_done == done + 5


def test_play_stops_after_its_step_budget(lab):
    pg = lab
    pg.steps_per_frame, pg.max_play_steps = 10, 30

    async def drive():
        pg.play()
        for _ in range(100):
            await asyncio.sleep(0.02)
            if not pg.playing:
                break

    in_fresh_thread(lambda: asyncio.run(drive()))
    assert not pg.playing and pg.run.steps_done == 30


def test_history_is_thinned_so_it_stays_bounded():
    run = playground.Run(playground.Settings(hidden_sizes=(5,)), rng=np.random.default_rng(4))
    for _ in range(playground.MAX_HISTORY + 50):
        run.advance(1)
    h = run.history
    assert len(h) <= playground.MAX_HISTORY and h.step[-1] == run.steps_done
    assert len(h.train_loss) == len(h.val_acc) == len(run.dead) == len(h)
    assert h.step == sorted(h.step)


def test_activation_explorer():
    ex = widgets.ActivationExplorer(name="sigmoid", dpi=50)
    assert bytes(ex.image.value).startswith(PNG)
    ex.chooser.value = "relu"
    z = ex.plot.z
    np.testing.assert_allclose(ex.plot.f_line.get_ydata(), activations.relu(z))
    np.testing.assert_allclose(ex.plot.df_line.get_ydata(), activations.relu_grad(z))
    np.testing.assert_array_equal(ex.plot.levels == 2, z <= 0)  # slope exactly 0
    assert "relu" in ex.caption.value and "z &lt; 0.0" in ex.caption.value
    ex.set(name="tanh")
    assert ex.chooser.value == "tanh" and "2.2" in ex.caption.value


def test_neuron_explorer():
    ex = widgets.NeuronExplorer(rng=np.random.default_rng(5), w1=1.0, w2=0.0, b=0.0, dpi=50)
    ex.sliders["b"].value = -1.0
    assert ex.b == -1.0
    np.testing.assert_allclose(ex.output(np.array([[1.0, 5.0]])), [0.5])
    x_line = ex.boundary.get_xdata()
    np.testing.assert_allclose(x_line, 1.0)  # w . x + b = 0 is the line x1 = 1
    expected = activations.sigmoid(1.0 * ex._gx - 1.0)
    np.testing.assert_allclose(ex.background.get_array(), expected)
    ex.set(w2=2.0)
    assert ex.sliders["w2"].value == 2.0
    z = ex.X @ ex.w + ex.b
    offsets = np.concatenate([p.get_offsets() for p in ex.sig_points])
    np.testing.assert_allclose(np.sort(offsets[:, 0]), np.sort(np.clip(z, -8, 8)))
    assert "w = (1.0, 2.0), b = -1.0" in ex.caption.value
    ex.set(w1=0.0, w2=0.0)
    assert len(ex.boundary.get_xdata()) == 0


def test_parameter_counter():
    pc = widgets.ParameterCounter(sizes="3, 4, 2", dpi=50)
    assert pc.totals == {"weights": 20, "biases": 6, "params": 26}
    pc.text.value = "3, 4, 4, 1"
    assert pc.totals["params"] == 41 == model.MLP([3, 4, 4, 1], rng=np.random.default_rng(0)).num_params()
    assert "32 weights, 9 biases, 41 parameters" in [t.get_text() for t in pc.ax.texts]
    assert "(3, 4)" in pc.table_html.value and "(4, 3)" in pc.table_html.value  # both conventions
    assert "<th>41</th>" in pc.table_html.value
    pc.set(sizes="3, oops")
    assert "whole numbers" in pc.status_line.value and pc.sizes == [3, 4, 4, 1]
    pc.set(sizes="2, 100000, 3")  # typed by a reader: an alert, the picture kept
    assert "at most" in pc.status_line.value and pc.sizes == [3, 4, 4, 1]
    with pytest.raises(ValueError, match=r"ParameterCounter.set: sizes\[1\] must be"):
        pc.set(sizes=[2, 100000, 3])  # given in code: an error (issue 16)
    assert pc.sizes == [3, 4, 4, 1] and pc.text.value == "2, 100000, 3"  # the typed text
    pc.set(sizes=[2, 3])
    assert pc.status_line.value == "" and pc.totals["params"] == 9


def test_memory_stays_flat_over_hundreds_of_updates():
    """120 slider moves and 120 training frames: no new figures, little memory growth.

    A frame that kept even one 40 x 40 map (12.8 kB) would grow the heap by 1.5 MB here; the
    caches that settle in the first frames stay well under the 300 kB allowed (110 kB measured).
    """
    pg = playground.Playground(rng=np.random.default_rng(6), resolution=40, dpi=40)
    ne = widgets.NeuronExplorer(rng=np.random.default_rng(7), dpi=40)
    figures = plt.get_fignums()
    pg.step(200)  # past the early steps, where every frame moves the curves' axis limits
    for _ in range(playground.MAX_HISTORY):  # curves at their bounded length (thinned since)
        pg.run.advance(1)
    tracemalloc.start()
    try:
        for i in range(10):  # warm up matplotlib's caches, and let every buffer be replaced once
            pg.step(1)
            ne.set(w1=-2.0 + 0.1 * i)
        gc.collect()
        start = tracemalloc.get_traced_memory()[0]
        for i in range(120):  # 120 slider moves and 120 training frames
            ne.set(w1=-2.0 + 0.1 * (i % 40), b=0.1 * (i % 7))
            pg.step(1)
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()
    assert plt.get_fignums() == figures
    assert len(pg.figure.axes) == 3 + pg.MAX_MAPS + 1 and len(pg.regions.ax.images) == 1
    assert all(len(ax.images) == 1 for ax in pg.map_axes) and len(pg.ax_grad.lines) == 2
    assert len(ne.ax_plane.lines) == 2 and len(ne.ax_plane.images) == 1
    # The curves keep at most MAX_HISTORY points (thinned beyond that); anything more is a leak.
    assert grown < 300_000, f"memory grew by {grown:,} bytes over 120 slider moves and 120 frames"


def test_settings_validate():
    with pytest.raises(ValueError, match="activation"):
        playground.Settings(activation="swish")
    with pytest.raises(ValueError, match="hidden_sizes"):
        playground.Settings(hidden_sizes=())
    with pytest.raises(ValueError, match="batch_size"):
        playground.Settings(batch_size=0)
    assert playground.Settings(hidden_sizes=[4, 4]).hidden_sizes == (4, 4)
    assert isinstance(playground.Settings(), playground.Settings)
    assert issubclass(train.Diverged, FloatingPointError)


# --- rendering: the PNG writer and the blitter's partial repaints --------------------------


def pixels(png):
    return np.asarray(PIL.Image.open(io.BytesIO(png)).convert("RGB"))


def test_encode_png_holds_exactly_the_canvas_pixels():
    fig = widgets.offscreen_figure(3.0, 2.0, 50)
    ax = fig.add_axes((0.15, 0.2, 0.8, 0.7))
    ax.imshow(np.random.default_rng(0).random((7, 9)), cmap="cividis")  # every pixel differs
    ax.set_title("noise")
    fig.canvas.draw()
    png = widgets.encode_png(fig.canvas)
    assert png.startswith(PNG)
    canvas_rgb = np.asarray(fig.canvas.buffer_rgba())[..., :3]
    np.testing.assert_array_equal(pixels(png), canvas_rgb)
    assert pixels(png).shape == (100, 150, 3)


def two_panels():
    """A figure with two panels (an animated line in each) and a text under the left one."""
    fig = widgets.offscreen_figure(6.0, 3.0, 60)
    axes = [fig.add_axes((0.1 + 0.48 * i, 0.25, 0.38, 0.65)) for i in range(2)]
    lines = [ax.plot([0, 1, 2], [0, i + 1, 0])[0] for i, ax in enumerate(axes)]
    for ax in axes:
        ax.set_xlabel("step")
        ax.set_ylabel("loss")
    fig.text(0.1, 0.02, "a caption below the left panel")
    return fig, axes, lines


def blitted_panels(monkeypatch):
    """two_panels() after a first frame of their Blitter; full_draws counts canvas.draw calls."""
    fig, axes, lines = two_panels()
    blitter = widgets.Blitter(fig, lines)
    blitter.png()
    full_draws = []
    draw = fig.canvas.draw
    monkeypatch.setattr(fig.canvas, "draw", lambda: full_draws.append(1) or draw())
    return fig, axes, lines, blitter, full_draws


def test_blitter_repaints_only_the_changed_axes_with_the_pixels_of_a_full_draw(monkeypatch):
    fig, axes, lines, blitter, full_draws = blitted_panels(monkeypatch)
    for top in (3.0, 1000.0, 2.5):  # new limits for the right panel only, wider tick labels too
        lines[1].set_ydata([0, top, 0])
        axes[1].set_ylim(0, top)
        repainted = blitter.png()
        assert not full_draws, "a change of one panel's limits must not redraw the figure"
        fresh = widgets.Blitter(fig, lines).png()  # a full draw of the same state
        np.testing.assert_array_equal(pixels(repainted), pixels(fresh))
        full_draws.clear()
        blitter.png()  # nothing changed since: the saved background serves again
        assert not full_draws


def test_blitter_repaints_what_overlaps_and_draws_all_when_an_axes_is_hidden(monkeypatch):
    fig, axes, lines, blitter, full_draws = blitted_panels(monkeypatch)
    axes[0].set_ylim(-5, 5)  # the left panel's area reaches the caption: both are redrawn
    lines[0].set_ydata([-4, 4, -4])
    repainted = blitter.png()
    assert not full_draws
    np.testing.assert_array_equal(pixels(repainted), pixels(widgets.Blitter(fig, lines).png()))
    full_draws.clear()  # (the reference above was a full draw)
    for ax in axes:  # both panels change: both are painted again, the caption stays
        ax.set_xlim(0, 4)
    repainted = blitter.png()
    assert not full_draws
    np.testing.assert_array_equal(pixels(repainted), pixels(widgets.Blitter(fig, lines).png()))
    full_draws.clear()
    axes[1].set_visible(False)  # a panel hidden as its limits change: a full draw
    axes[1].set_xlim(0, 5)
    repainted = blitter.png()
    assert full_draws == [1]
    np.testing.assert_array_equal(pixels(repainted), pixels(widgets.Blitter(fig, lines).png()))
