"""Chapter 3's activation explorer: readable labels, both kinds of zone in its sentence, checked
arguments (the FigureWidget plumbing it stands on is tested in tests/test_widgets.py)."""

import numpy as np

from nnbook import widgets
from nnkit import activations


def test_buttons_read_as_words_and_fit_their_text():
    ex = widgets.ActivationExplorer(name="leaky_relu", dpi=30)
    labels = [label for label, _ in ex.chooser.options]
    assert "leaky relu" in labels and not any("_" in label for label in labels)
    assert ex.chooser.value == "leaky_relu" and ex.chooser.style.button_width == "auto"
    assert ex.names == activations.NAMES


def test_the_sentence_tells_zero_from_small_slopes():
    relu = widgets.describe_activation("relu")
    assert "no gradient (slope exactly 0) for z < 0.0" in relu
    assert "small gradient" in relu and relu.endswith("nowhere in this range.")
    leaky = widgets.describe_activation("leaky_relu")
    assert "(slope exactly 0) for nowhere in this range" in leaky
    assert "not 0) for z < 0.0." in leaky
    tanh = widgets.describe_activation("tanh", z_min=-3.0, z_max=3.0)
    assert "z < -2.2 and z > 2.2" in tanh


def test_set_changes_the_picture_and_the_sentence():
    ex = widgets.ActivationExplorer(name="sigmoid", names=("sigmoid", "silu"), dpi=30)
    before = bytes(ex.image.value)
    ex.set(name="silu")
    z = ex.plot.z
    np.testing.assert_allclose(ex.plot.f_line.get_ydata(), activations.silu(z))
    assert bytes(ex.image.value) != before and "silu" in ex.caption.value
    assert ex.chooser.value == "silu"
