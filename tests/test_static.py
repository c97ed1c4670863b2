"""nnbook.static: kernel-free demos whose precomputed frames match what the live code computes."""

import base64
import io

import matplotlib

matplotlib.use("Agg")

import ipywidgets  # noqa: E402
import numpy as np  # noqa: E402
import PIL.Image  # noqa: E402
import pytest  # noqa: E402

from nnbook import playground, static  # noqa: E402


def fake_png(color):
    buf = io.BytesIO()
    PIL.Image.new("RGB", (4, 3), color).save(buf, format="png")
    return buf.getvalue()


def parts(box):
    chooser, pictures, captions = box.children
    return chooser, pictures, captions


@pytest.mark.parametrize("control, kind", [("slider", ipywidgets.SelectionSlider),
                                           ("buttons", ipywidgets.ToggleButtons),
                                           ("dropdown", ipywidgets.Dropdown)])
def test_image_stack_links_the_control_to_the_pictures(control, kind):
    pngs = [fake_png(c) for c in ("red", "white", "blue")]
    box = static.image_stack(pngs, ["a", "b", "c"], description="pick", control=control,
                             captions=["first picture", "second picture", "third picture"], initial=1)
    assert isinstance(box, ipywidgets.VBox) and "nnkit-static-demo" in box._dom_classes
    chooser, pictures, captions = parts(box)
    assert isinstance(chooser, kind) and chooser.index == 1
    assert isinstance(pictures, ipywidgets.Stack) and pictures.selected_index == 1
    alts = ["first picture", "second picture", "third picture"]
    for png, picture, alt in zip(pngs, pictures.children, alts):
        assert isinstance(picture, ipywidgets.HTML)
        assert f'src="data:image/png;base64,{base64.b64encode(png).decode()}"' in picture.value
        assert f'alt="{alt}"' in picture.value
    assert "second picture" in captions.children[1].value and captions.selected_index == 1
    # The browser link (works without a kernel): control.index -> each stack's selected_index.
    linked = {(link.source[0], link.source[1], link.target[0], link.target[1]) for link in box.links}
    assert linked == {(chooser, "index", pictures, "selected_index"),
                      (chooser, "index", captions, "selected_index")}
    assert all(isinstance(link, ipywidgets.widgets.widget_link.Link) for link in box.links)
    chooser.index = 2  # the Python side follows too
    assert pictures.selected_index == 2 and captions.selected_index == 2


def test_image_stack_rejects_bad_input():
    png = fake_png("white")
    with pytest.raises(ValueError, match="as many labels"):
        static.image_stack([png, png], ["a"], description="x")
    with pytest.raises(ValueError, match="distinct"):
        static.image_stack([png, png], ["a", "a"], description="x")
    with pytest.raises(ValueError, match="control"):
        static.image_stack([png], ["a"], description="x", control="knob")


@pytest.fixture(scope="module")
def capacity():
    return static.capacity_frames(rng=np.random.default_rng(0), hidden_sizes=(2, 12), steps=300,
                                  resolution=40)


def test_precomputed_frames_match_the_live_playground(capacity):
    for frame in capacity:
        live = static.live_playground(frame)
        np.testing.assert_array_equal(live.grid(), frame.grid)
        assert live.history.train_acc[-1] == frame.train_acc
        assert repr(live.model) == f"MLP(2 -> {frame.label} relu -> 2)"
        again = static.train_run(frame.settings, seed=frame.seed, steps=frame.steps)
        np.testing.assert_array_equal(again.grid(resolution=frame.resolution), frame.grid)


def test_frames_are_small_described_pictures(capacity):
    for frame in capacity:
        image = PIL.Image.open(io.BytesIO(frame.png))
        assert image.size == (320, 256)
        assert len(frame.png) < 12_000
        assert f"{frame.label} hidden units" in frame.alt and "held-out accuracy" in frame.alt
    assert capacity[0].png != capacity[1].png
    assert capacity[0].seed == capacity[1].seed  # same data, same seed: only the size differs


def test_the_three_demos_build():
    rng = np.random.default_rng(1)
    demos = [static.capacity_demo(rng=rng, hidden_sizes=(1, 6, 20), steps=50, resolution=30),
             static.regularization_demo(rng=rng, regs=(0.0, 0.1), steps=50, resolution=30),
             static.activation_demo(rng=rng, names=("sigmoid", "relu", "maxout"), steps=50, resolution=30)]
    for box, n in zip(demos, (3, 2, 3)):
        chooser, pictures, captions = parts(box)
        assert len(pictures.children) == len(captions.children) == n
        assert "nnkit-static-demo" in box._dom_classes
    assert demos[0].children[0].value == "6"  # the capacity slider starts in the middle
    assert isinstance(demos[2].children[0], ipywidgets.ToggleButtons)
    assert list(demos[1].children[0].options) == ["0", "0.1"]


def test_activation_curves_demo_shows_each_function():
    box = static.activation_curves_demo(names=("sigmoid", "tanh", "relu"))
    chooser, pictures, captions = parts(box)
    assert list(chooser.options) == ["sigmoid", "tanh", "relu"]
    assert len({p.value for p in pictures.children}) == 3
    assert "tanh: largest slope 1" in captions.children[1].value


def test_frames_need_one_data_set():
    settings = [playground.Settings(dataset="spiral"), playground.Settings(dataset="moons")]
    with pytest.raises(ValueError, match="same data"):
        static.frames(settings, ["a", "b"], rng=np.random.default_rng(0), steps=1)
