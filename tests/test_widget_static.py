"""nnbook.widgets' two renderings: the live widget for Jupyter, a still one for the website."""

import base64
import html
import io
import re

import matplotlib

matplotlib.use("Agg")

import ipywidgets  # noqa: E402
import numpy as np  # noqa: E402
import PIL.Image  # noqa: E402
import pytest  # noqa: E402

from nnbook import playground, widgets  # noqa: E402

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def still(widget) -> str:
    bundle = widget._repr_mimebundle_()
    assert WIDGET_VIEW in bundle, "the live widget view must stay in the bundle (Jupyter shows it)"
    return bundle["text/html"]


def test_neuron_explorer_still_shows_its_current_state():
    explorer = widgets.NeuronExplorer(rng=np.random.default_rng(0))
    explorer.set(w1=1.5, w2=-0.5, b=0.3)
    page = still(explorer)
    assert 'data-nnkit-needs-kernel="true"' in page
    assert 'data-nnkit-launch="binder"' in page and 'data-nnkit-launch="colab"' in page
    # Every control is drawn, disabled, with its current value.
    ranges = re.findall(r'<label class="nnkit-kernel-widget__control">(\w+) <input type="range"'
                        r'[^>]* value="([-\d.]+)"[^>]* disabled> <output>([-\d.]+)</output>', page)
    assert [(name, float(v)) for name, v, _ in ranges] == [("w1", 1.5), ("w2", -0.5), ("b", 0.3)]
    assert "<fieldset disabled" in page
    # The picture is the current figure, with alt text saying what it shows.
    src = re.search(r'<img class="nnkit-kernel-widget__picture" src="data:image/png;base64,([^"]+)"', page)
    assert base64.b64decode(src.group(1)) == bytes(explorer.image.value)
    alt = html.unescape(re.search(r'alt="([^"]*)"', page).group(1))
    assert "w = (1.5, -0.5), b = 0.3" in alt


def test_activation_explorer_and_counter_still():
    activation = widgets.ActivationExplorer(name="tanh")
    page = still(activation)
    assert '<button type="button" aria-pressed="true" disabled>tanh</button>' in page
    assert "tanh: largest slope 1" in html.unescape(page)
    counter = widgets.ParameterCounter(sizes="3, 4, 1")
    page = still(counter)
    assert 'value="3, 4, 1" disabled' in page
    assert 'alt="Diagram of a network with layer sizes 3, 4, 1: 21 parameters (16 weights and 5 biases)."' in page
    width, _ = PIL.Image.open(io.BytesIO(bytes(counter.image.value))).size
    assert f'width="{width}"' in page


def test_playground_still_lists_every_control_disabled():
    lab = playground.Playground(rng=np.random.default_rng(0), resolution=20, dpi=40)
    page = still(lab)
    for name in ("data", "noise", "held out", "hidden layers", "units/layer", "activation",
                 "learning rate", "L2 reg", "batch size"):
        assert f'<label class="nnkit-kernel-widget__control">{name} ' in page, name
    assert page.count("<button type=\"button\" class=\"nnkit-kernel-widget__control\" disabled>") == 4
    live = re.findall(r"<(?:input|select|button)(?![^>]*\bdisabled\b)[^>]*>", page)
    assert not live, f"controls that look live: {live}"
    assert "runs with a python kernel" in page.lower()


def test_kernel_only_wraps_any_box():
    box = ipywidgets.VBox([ipywidgets.Dropdown(options=["a", "b"], value="b", description="pick"),
                           ipywidgets.Button(description="go")])
    wrapped = widgets.KernelOnly(box, title="chooser")
    page = still(wrapped)
    assert "<option selected>b</option>" in page and ">go</button>" in page
    assert 'aria-label="chooser (needs a Python kernel)"' in page
    with pytest.raises(TypeError, match="must be an ipywidgets widget"):
        widgets.KernelOnly("not a widget", title="x")
