import subprocess
import sys

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from nnkit import gradcheck, layers, losses, model, train

FAST = settings(max_examples=25, deadline=None, database=None)


@pytest.fixture
def rng():
    return np.random.default_rng(0)


def distance_to_kinks(net, X):
    """Smallest distance of any hidden pre-activation (or maxout runner-up) from a kink."""
    gaps = [np.inf]
    if net.activation in ("relu", "leaky_relu", "prelu", "elu"):
        gaps += [np.abs(z).min() for z in net.pre_activations(X)]
    if net.activation == "maxout":
        inputs = [X] + net.hidden_outputs(X)
        for layer, H in zip(net.linear_layers(), inputs):
            if isinstance(layer, layers.Maxout):
                Z = np.sort(H @ layer.params["W"] + layer.params["b"][:, None, :], axis=0)
                gaps.append((Z[-1] - Z[-2]).min())
    return float(min(gaps))


def resolvable(arrays, floor=3e-3):
    """True when every gradient entry is big enough for a centred difference to check.

    With h = 1e-5 the difference of a loss near 1 carries ~1e-11 of rounding error plus
    h**2 / 6 * |third derivative| of truncation error, and a chain of tanh or sigmoid layers
    can make that derivative of order 10: up to ~1e-10 in all, so an entry below a few 1e-3 cannot be
    checked to 1e-7 relative error (one draw gave layer1.W 1.5e-7 with a floor of 1e-3).
    Such draws are skipped, like kinks.
    An exact 0 (a dead unit) is fine when nothing downstream moves: both sides agree exactly.
    """
    return all(np.all((a == 0) | (np.abs(a) >= floor)) for a in arrays)


def all_gradients(net, X, y, loss_fn, reg):
    """[dX, then every parameter's gradient of loss + L2], as check_model will compare them."""
    dX = net.backward(loss_fn(net.forward(X), y)[1])
    train.loss_and_grads(net, X, y, loss_fn=loss_fn, reg=reg)
    return [dX] + [layer.grads[key] for _, layer, key in net.param_items()]


def random_mlp(seed, sizes, activation):
    rng = np.random.default_rng(seed)
    net = model.MLP(sizes, activation=activation, rng=rng)
    for _, layer, key in net.param_items():
        if key == "b":  # nonzero biases, so a unit fed only zeros is not sitting on its kink
            layer.params[key][...] = rng.uniform(-0.5, 0.5, layer.params[key].shape)
    return net, rng


@pytest.mark.parametrize("activation", model.ACTIVATIONS)
@FAST
@given(seed=st.integers(0, 2**32 - 1), hidden=st.lists(st.integers(1, 5), min_size=0, max_size=3),
       D=st.integers(1, 4), C=st.integers(2, 4), N=st.integers(1, 5), reg=st.sampled_from([0.0, 0.3]))
def test_whole_model_gradients(activation, seed, hidden, D, C, N, reg):
    net, rng = random_mlp(seed, [D, *hidden, C], activation)
    X = rng.standard_normal((N, D))
    y = rng.integers(0, C, N)
    gradients = all_gradients(net, X, y, losses.softmax_cross_entropy, reg)
    assume(distance_to_kinks(net, X) > 1e-3)
    assume(resolvable(gradients))
    errors = gradcheck.check_model(net, X, y, loss_fn=losses.softmax_cross_entropy, reg=reg)
    assert set(errors) == {"X"} | {name for name, _, _ in net.param_items()}
    gradcheck.assert_close(errors, tol=1e-7)


@pytest.mark.parametrize("loss_fn", [losses.multiclass_hinge, losses.binary_logistic, losses.binary_hinge])
@pytest.mark.parametrize("activation", ["relu", "tanh", "maxout", "prelu"])
@FAST
@given(seed=st.integers(0, 2**32 - 1), H=st.integers(1, 5), N=st.integers(1, 5))
def test_model_gradients_with_other_losses(loss_fn, activation, seed, H, N):
    binary = loss_fn in (losses.binary_logistic, losses.binary_hinge)
    if loss_fn is not losses.binary_logistic:
        # A hinge's dscores are multiples of 1/N, so with several rows a bias gradient (a sum
        # over rows) can cancel to an exact 0 that the loss's rounding does not reproduce.
        N = 1
    net, rng = random_mlp(seed, [2, H, 1 if binary else 3], activation)
    X = rng.standard_normal((N, 2))
    y = rng.integers(0, 2 if binary else 3, N)
    scores = net.forward(X)
    assume(distance_to_kinks(net, X) > 1e-3)
    if loss_fn is losses.multiclass_hinge:  # the hinge's own kink: a margin at exactly 0
        assume(np.abs(scores - scores[np.arange(N), y][:, None] + 1.0).min() > 1e-3)
    if loss_fn is losses.binary_hinge:
        assume(np.abs(1.0 - (2 * y - 1) * scores[:, 0]).min() > 1e-3)
    assume(resolvable(all_gradients(net, X, y, loss_fn, reg=0.1)))
    gradcheck.assert_close(gradcheck.check_model(net, X, y, loss_fn=loss_fn, reg=0.1), tol=1e-7)


def test_param_counts_match_the_note(rng):
    assert model.MLP([3, 4, 2], rng=rng).num_params() == 26
    assert model.MLP([3, 4, 4, 1], rng=rng).num_params() == 41
    assert model.MLP([3, 4, 2], rng=rng).num_neurons() == 6
    assert model.MLP([3, 4, 4, 1], rng=rng).num_neurons() == 9
    assert model.MLP([2, 100, 3], rng=rng).num_params() == 603
    assert model.MLP([3, 4, 2], activation="maxout", rng=rng).num_params() == 2 * 16 + 10
    assert model.MLP([3, 4, 2], activation="prelu", rng=rng).num_params() == 26 + 4


def test_repr(rng):
    assert repr(model.MLP([2, 100, 3], rng=rng)) == "MLP(2 -> 100 relu -> 3)"
    assert repr(model.MLP([3, 4, 4, 1], activation="tanh", rng=rng)) == "MLP(3 -> 4 tanh -> 4 tanh -> 1)"
    assert repr(model.MLP([2, 3], rng=rng)) == "MLP(2 -> 3)"
    assert repr(model.Sequential([layers.Linear(2, 3, rng=rng), layers.ReLU()])) == \
        "Sequential(Linear(2 -> 3), ReLU())"


def test_layer_table_in_both_conventions(rng):
    net = model.MLP([3, 4, 4, 1], rng=rng)
    table = net.layer_table()
    assert [row["layer"] for row in table] == ["layer1", "layer2", "layer3"]
    first = table[0]
    assert (first["in"], first["out"], first["W_shape"], first["W_shape_note"], first["b_shape"]) == \
        (3, 4, (3, 4), (4, 3), (4,))
    assert (first["weights"], first["biases"], first["params"]) == (12, 4, 16)
    assert table[-1]["W_shape"] == (4, 1) and table[-1]["W_shape_note"] == (1, 4)
    assert sum(row["params"] for row in table) == 41
    assert [row["activation"] for row in table] == ["relu", "relu", "none"]
    maxout = model.MLP([3, 4, 2], activation="maxout", rng=rng).layer_table()[0]
    assert maxout["W_shape"] == (2, 3, 4) and maxout["W_shape_note"] == (2, 4, 3) and maxout["b_shape"] == (2, 4)
    prelu = model.MLP([3, 4, 2], activation="prelu", rng=rng).layer_table()[0]
    assert (prelu["weights"], prelu["biases"], prelu["other"], prelu["params"]) == (12, 4, 4, 20)


def test_summary_lists_every_layer_and_the_total(rng):
    text = model.MLP([3, 4, 4, 1], rng=rng).summary()
    lines = text.splitlines()
    assert len(lines) == 5 and lines[0].split()[0] == "layer"
    assert "(3, 4)" in lines[1] and "(4, 3)" in lines[1] and lines[-1].split() == ["total", "41"]


def test_param_items_are_named_and_ordered(rng):
    names = [name for name, _, _ in model.MLP([3, 4, 4, 1], activation="prelu", rng=rng).param_items()]
    assert names == ["layer1.W", "layer1.b", "layer1.alpha", "layer2.W", "layer2.b", "layer2.alpha",
                     "layer3.W", "layer3.b"]
    seq = model.Sequential([layers.Linear(2, 3, rng=rng), layers.ReLU(), layers.Linear(3, 1, rng=rng)])
    assert [name for name, _, _ in seq.param_items()] == ["0.W", "0.b", "2.W", "2.b"]


def test_structure_attributes_and_hidden_outputs(rng):
    net = model.MLP([2, 5, 4, 3], activation="tanh", rng=rng)
    assert net.sizes == [2, 5, 4, 3] and net.activation == "tanh"
    assert [getattr(layer, "name", type(layer).__name__) for layer in net.layers] == \
        ["Linear", "tanh", "Linear", "tanh", "Linear"]
    X = rng.standard_normal((7, 2))
    h1, h2 = net.hidden_outputs(X)
    assert h1.shape == (7, 5) and h2.shape == (7, 4)
    np.testing.assert_allclose(h1, np.tanh(X @ net.layers[0].params["W"] + net.layers[0].params["b"]))
    assert [type(layer).__name__ for layer in model.MLP([2, 5, 3], activation="maxout", rng=rng).layers] == \
        ["Maxout", "Linear"]


def test_forward_backward_predict(rng):
    net = model.MLP([2, 6, 3], rng=rng)
    X = rng.standard_normal((8, 2))
    scores = net.forward(X)
    assert scores.shape == (8, 3)
    np.testing.assert_array_equal(net.predict(X), scores.argmax(axis=1))
    dX = net.backward(np.ones((8, 3)))
    assert dX.shape == (8, 2)
    binary = model.MLP([2, 6, 1], rng=rng)
    np.testing.assert_array_equal(binary.predict(X), (binary.forward(X)[:, 0] > 0).astype(int))


def test_same_seed_same_model():
    a = model.MLP([2, 8, 3], rng=np.random.default_rng(5))
    b = model.MLP([2, 8, 3], rng=np.random.default_rng(5))
    X = np.random.default_rng(6).standard_normal((4, 2))
    np.testing.assert_array_equal(a.forward(X), b.forward(X))


def test_importing_nnkit_has_no_side_effects():
    code = (
        "import sys, numpy as np\n"
        "before = (np.get_printoptions(), np.random.get_state()[1].copy())\n"
        "import nnkit, nnkit.activations, nnkit.layers, nnkit.losses, nnkit.model, nnkit.train\n"
        "import nnkit.datasets, nnkit.gradcheck\n"
        "after = (np.get_printoptions(), np.random.get_state()[1])\n"
        "assert before[0] == after[0] and (before[1] == after[1]).all()\n"
        "assert 'matplotlib' not in sys.modules, 'importing the core pulled in matplotlib'\n"
        "print(nnkit.__version__)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("activation", ["relu", "maxout", "prelu"])
def test_input_grad_false_fills_the_same_grads_and_skips_dX(activation, rng):
    net = model.MLP([3, 5, 4, 2], activation=activation, rng=rng)
    X = rng.standard_normal((6, 3))
    dscores = rng.standard_normal((6, 2))
    net.forward(X)
    assert net.backward(dscores).shape == X.shape
    full = {name: layer.grads[key].copy() for name, layer, key in net.param_items()}
    assert net.backward(dscores, input_grad=False) is None
    for name, layer, key in net.param_items():
        np.testing.assert_array_equal(layer.grads[key], full[name])
