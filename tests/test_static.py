"""nnbook.static: kernel-free demos whose precomputed frames match what the live code computes."""

import base64
import html
import io
import json
import re

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import PIL.Image  # noqa: E402
import pytest  # noqa: E402

from nnbook import playground, static  # noqa: E402


def fake_png(color):
    buf = io.BytesIO()
    PIL.Image.new("RGB", (4, 3), color).save(buf, format="png")
    return buf.getvalue()


def frames_of(demo):
    """The frames the demo's HTML carries (what its script switches between)."""
    match = re.search(r'data-frames="([^"]*)"', demo.html())
    return json.loads(html.unescape(match.group(1)))


@pytest.mark.parametrize("control, element", [("slider", '<input id="{id}-input" type="range"'),
                                              ("buttons", '<button type="button" data-index="2"'),
                                              ("dropdown", '<select id="{id}-input"')])
def test_image_stack_is_html_whose_frames_are_every_picture(control, element):
    pngs = [fake_png(c) for c in ("red", "white", "blue")]
    demo = static.image_stack(pngs, ["a", "b", "c"], description="pick", control=control,
                              captions=["first picture", "second picture", "third picture"], initial=1)
    assert isinstance(demo, static.Demo) and len(demo) == 3
    page = demo._repr_html_()
    assert page.startswith(f'<div class="nnkit-demo" id="{demo.id}"')
    assert element.format(id=demo.id) in page
    frames = frames_of(demo)
    assert [f["label"] for f in frames] == ["a", "b", "c"]
    assert [f["alt"] for f in frames] == ["first picture", "second picture", "third picture"]
    for png, frame in zip(pngs, frames):
        assert frame["src"] == f"data:image/png;base64,{base64.b64encode(png).decode()}"
    # The picture shown first is frame 1, with its alt text and caption.
    shown = re.search(r'<figure[^>]*><img src="([^"]*)" alt="([^"]*)"', page)
    assert shown.groups() == (frames[1]["src"], "second picture")
    assert ">second picture</figcaption>" in page
    # Until the script runs the control is disabled; the script is what enables it.
    assert " disabled" in page and static.SCRIPT in page
    assert static.SCRIPT not in demo.html(script=False)


def test_slider_announces_the_value_not_the_position():
    demo = static.image_stack([fake_png("red"), fake_png("blue")], ["2", "8"], description="hidden units")
    assert 'aria-valuetext="hidden units: 2"' in demo.html()
    assert frames_of(demo)[1]["valuetext"] == "hidden units: 8"
    assert '<label id="' + demo.id + '-label" class="nnkit-demo__label" for="' + demo.id + '-input">' \
        in demo.html()


def test_demo_ids_are_stable_and_distinct():
    a = static.image_stack([fake_png("red")], ["x"], description="d")
    b = static.image_stack([fake_png("red")], ["x"], description="d")
    c = static.image_stack([fake_png("blue")], ["x"], description="d")
    assert a.id == b.id != c.id


def test_image_stack_rejects_bad_input():
    png = fake_png("white")
    with pytest.raises(ValueError, match="as many labels"):
        static.image_stack([png, png], ["a"], description="x")
    with pytest.raises(ValueError, match="distinct"):
        static.image_stack([png, png], ["a", "a"], description="x")
    with pytest.raises(ValueError, match="control"):
        static.image_stack([png], ["a"], description="x", control="knob")
    with pytest.raises(TypeError, match=r"pngs\[0\] must be PNG bytes"):
        static.image_stack(["not a png"], ["a"], description="x")


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
    for demo, n in zip(demos, (3, 2, 3)):
        assert isinstance(demo, static.Demo) and len(frames_of(demo)) == n
    assert demos[0].labels[demos[0].index] == "6"  # the capacity slider starts in the middle
    assert demos[2].control == "buttons"
    assert demos[1].labels == ["0", "0.1"]


def test_activation_curves_demo_shows_each_function():
    demo = static.activation_curves_demo(names=("sigmoid", "tanh", "relu"))
    frames = frames_of(demo)
    assert [f["label"] for f in frames] == ["sigmoid", "tanh", "relu"]
    assert len({f["src"] for f in frames}) == 3
    assert "tanh: largest slope 1" in frames[1]["caption"]


def test_frames_need_one_data_set():
    settings = [playground.Settings(dataset="spiral"), playground.Settings(dataset="moons")]
    with pytest.raises(ValueError, match="same data"):
        static.frames(settings, ["a", "b"], rng=np.random.default_rng(0), steps=1)
