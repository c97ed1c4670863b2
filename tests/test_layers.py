import copy

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from nnkit import activations, gradcheck, layers

FAST = settings(max_examples=30, deadline=None, database=None)
seeds = st.integers(0, 2**32 - 1)
sizes = st.integers(1, 6)


def away_from_kinks(X, gap=1e-3):
    """True when no entry of X is within gap of the kink at 0 (centred differences need it)."""
    return bool(np.all(np.abs(X) > gap))


def maxout_gap(layer, X):
    """Smallest distance between the best and second-best piece, over every (row, unit)."""
    Z = np.sort(X @ layer.params["W"] + layer.params["b"][:, None, :], axis=0)
    return np.inf if layer.pieces == 1 else float(np.min(Z[-1] - Z[-2]))


def no_tiny_entries(*arrays, floor=1e-5):
    """True unless some gradient entry is nonzero but below floor in size.

    A centred difference has an absolute rounding error near 1e-11, so an entry of 1e-10
    cannot be checked to 1e-7 relative error; such draws are skipped, like draws on a kink.
    """
    return all(np.all((a == 0) | (np.abs(a) >= floor)) for a in arrays)


def gradients_ok(layer, X, rng):
    same_dout = copy.deepcopy(rng)  # check_layer draws dout from rng; replay it below
    errors = gradcheck.check_layer(layer, X, rng=rng)
    assert set(errors) == {"X"} | set(layer.params)
    dX = layer.backward(same_dout.standard_normal(layer.forward(X).shape))
    assume(no_tiny_entries(dX, *layer.grads.values()))
    gradcheck.assert_close(errors, tol=1e-7)


@FAST
@given(seed=seeds, N=sizes, D=sizes, H=sizes)
def test_linear_gradients(seed, N, D, H):
    rng = np.random.default_rng(seed)
    layer = layers.Linear(D, H, rng=rng)
    layer.params["b"] = rng.standard_normal(H)
    gradients_ok(layer, rng.standard_normal((N, D)), rng)


@pytest.mark.parametrize("make", [layers.Sigmoid, layers.Tanh, layers.ReLU,
                                  layers.LeakyReLU, lambda: layers.LeakyReLU(0.2),
                                  layers.ELU, lambda: layers.ELU(0.5), layers.GELU, layers.SiLU,
                                  *[lambda n=name: layers.Activation(n)
                                    for name in activations.NAMES]])
@FAST
@given(seed=seeds, N=sizes, H=sizes)
def test_activation_layer_gradients(make, seed, N, H):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((N, H))
    assume(away_from_kinks(X))
    gradients_ok(make(), X, rng)


@FAST
@given(seed=seeds, N=sizes, H=sizes, init_alpha=st.floats(0.0, 1.0))
def test_prelu_gradients(seed, N, H, init_alpha):
    rng = np.random.default_rng(seed)
    layer = layers.PReLU(H, init_alpha=init_alpha)
    X = rng.standard_normal((N, H))
    assume(away_from_kinks(X))
    gradients_ok(layer, X, rng)


@FAST
@given(seed=seeds, N=sizes, D=sizes, H=sizes, pieces=st.integers(1, 4))
def test_maxout_gradients(seed, N, D, H, pieces):
    rng = np.random.default_rng(seed)
    layer = layers.Maxout(D, H, pieces=pieces, rng=rng)
    layer.params["b"] = rng.standard_normal((pieces, H))
    X = rng.standard_normal((N, D))
    assume(maxout_gap(layer, X) > 1e-3)  # a tie between pieces is maxout's kink
    gradients_ok(layer, X, rng)


def test_linear_forward_is_batch_first_affine():
    rng = np.random.default_rng(0)
    layer = layers.Linear(3, 4, rng=rng)
    X = rng.standard_normal((5, 3))
    np.testing.assert_allclose(layer.forward(X), X @ layer.params["W"] + layer.params["b"])
    assert layer.params["W"].shape == (3, 4) and layer.params["b"].shape == (4,)
    np.testing.assert_array_equal(layer.params["b"], 0)
    assert {k: g.shape for k, g in layer.grads.items()} == {"W": (3, 4), "b": (4,)}


def test_grads_have_param_shapes_after_backward():
    rng = np.random.default_rng(1)
    for layer, X in [(layers.Linear(3, 4, rng=rng), rng.standard_normal((5, 3))),
                     (layers.PReLU(4), rng.standard_normal((5, 4))),
                     (layers.Maxout(3, 4, pieces=3, rng=rng), rng.standard_normal((5, 3)))]:
        out = layer.forward(X)
        dX = layer.backward(np.ones_like(out))
        assert dX.shape == X.shape
        assert {k: g.shape for k, g in layer.grads.items()} == {k: p.shape for k, p in layer.params.items()}


@pytest.mark.parametrize("init, std", [("he", np.sqrt(2 / 400)), ("lecun", np.sqrt(1 / 400)),
                                       ("glorot", np.sqrt(2 / (400 + 500))), (0.01, 0.01)])
def test_linear_init_scale(init, std):
    W = layers.Linear(400, 500, rng=np.random.default_rng(0), init=init).params["W"]
    assert abs(W.std() / std - 1) < 0.01 and abs(W.mean()) < 3 * std / np.sqrt(W.size)


@pytest.mark.parametrize("init, std", [("he", np.sqrt(2 / 300)), ("lecun", np.sqrt(1 / 300)),
                                       ("glorot", np.sqrt(2 / (300 + 200)))])
def test_maxout_init_scale_uses_fan_in_and_fan_out(init, std):
    W = layers.Maxout(300, 200, pieces=2, rng=np.random.default_rng(1), init=init).params["W"]
    assert abs(W.std() / std - 1) < 0.01


def test_glorot_equals_lecun_when_fan_in_equals_fan_out():
    a = layers.Linear(50, 50, rng=np.random.default_rng(3), init="glorot").params["W"]
    b = layers.Linear(50, 50, rng=np.random.default_rng(3), init="lecun").params["W"]
    np.testing.assert_allclose(a, b, rtol=1e-15)


def test_same_seed_same_layer():
    a = layers.Maxout(3, 4, rng=np.random.default_rng(7))
    b = layers.Maxout(3, 4, rng=np.random.default_rng(7))
    np.testing.assert_array_equal(a.params["W"], b.params["W"])
    assert a.params["W"].shape == (2, 3, 4) and a.params["b"].shape == (2, 4)


def test_maxout_takes_the_best_piece():
    rng = np.random.default_rng(2)
    layer = layers.Maxout(3, 4, pieces=3, rng=rng)
    X = rng.standard_normal((5, 3))
    pieces = [X @ layer.params["W"][k] + layer.params["b"][k] for k in range(3)]
    np.testing.assert_allclose(layer.forward(X), np.maximum.reduce(pieces))


def test_maxout_with_a_zero_piece_is_relu():
    """Maxout generalises ReLU: with one piece fixed at 0 it computes relu(X @ W + b)."""
    rng = np.random.default_rng(3)
    layer = layers.Maxout(3, 4, rng=rng)
    layer.params["W"][0] = 0.0
    X = rng.standard_normal((6, 3))
    np.testing.assert_allclose(layer.forward(X), activations.relu(X @ layer.params["W"][1]))


def test_prelu_learns_one_slope_per_unit():
    layer = layers.PReLU(2, init_alpha=0.25)
    X = np.array([[-4.0, 2.0], [-2.0, -1.0]])
    np.testing.assert_allclose(layer.forward(X), [[-1.0, 2.0], [-0.5, -0.25]])
    layer.backward(np.ones((2, 2)))
    np.testing.assert_allclose(layer.grads["alpha"], [-6.0, -1.0])


def test_activation_layers_wrap_the_pure_functions():
    X = np.linspace(-3, 3, 12).reshape(3, 4) + 0.01
    named = [layers.Sigmoid(), layers.Tanh(), layers.ReLU(), layers.LeakyReLU(), layers.ELU(),
             layers.GELU(), layers.SiLU()]
    assert [layer.name for layer in named] == list(activations.NAMES)
    for layer, name in [*zip(named, activations.NAMES),
                        *[(layers.Activation(name), name) for name in activations.NAMES]]:
        f, f_grad = activations.get(name)
        np.testing.assert_array_equal(layer.forward(X), f(X))
        np.testing.assert_array_equal(layer.backward(2 * np.ones_like(X)), 2 * f_grad(X))
        assert layer.params == {} and layer.grads == {}


@pytest.mark.parametrize("layer", [layers.Linear(2, 3, rng=np.random.default_rng(0)), layers.Sigmoid(),
                                   layers.Tanh(), layers.ReLU(), layers.LeakyReLU(), layers.ELU(),
                                   layers.PReLU(3), layers.Maxout(2, 3, rng=np.random.default_rng(0)),
                                   layers.GELU(), layers.SiLU(), layers.Activation("elu"),
                                   layers.Dropout(0.5, rng=np.random.default_rng(0)),
                                   layers.GaussianNoise(0.1, rng=np.random.default_rng(0))],
                         ids=repr)
def test_backward_before_forward_is_a_clear_error(layer):
    with pytest.raises(RuntimeError, match=r"backward\(\) called before forward\(\)"):
        layer.backward(np.ones((4, 3)))


def test_num_params_and_repr():
    rng = np.random.default_rng(0)
    assert layers.num_params(layers.Linear(3, 4, rng=rng)) == 16
    assert layers.num_params(layers.Maxout(3, 4, pieces=2, rng=rng)) == 32
    assert layers.num_params(layers.PReLU(5)) == 5
    assert layers.num_params(layers.ReLU()) == 0
    assert repr(layers.Linear(2, 100, rng=rng)) == "Linear(2 -> 100)"
    assert repr(layers.Maxout(2, 100, rng=rng)) == "Maxout(2 -> 100, pieces=2)"
    assert repr(layers.LeakyReLU()) == "LeakyReLU(alpha=0.01)"
    assert repr(layers.PReLU(7)) == "PReLU(7)"
    assert repr(layers.ReLU()) == "ReLU()"


def fresh_layers(seed):
    rng = np.random.default_rng(seed)
    return [layers.Linear(3, 4, rng=rng), layers.ReLU(), layers.GELU(), layers.PReLU(3),
            layers.Maxout(3, 4, pieces=3, rng=rng)]


@pytest.mark.parametrize("index", range(5))
def test_changing_X_in_place_after_forward_does_not_change_the_gradient(index):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((5, 3))
    untouched, changed = fresh_layers(1)[index], fresh_layers(1)[index]
    dout = rng.standard_normal(untouched.forward(X.copy()).shape)
    expected = untouched.backward(dout)
    changed.forward(X)
    X[...] = 100.0  # the caller reuses its buffer before calling backward
    np.testing.assert_array_equal(changed.backward(dout), expected)
    for key in untouched.grads:
        np.testing.assert_array_equal(changed.grads[key], untouched.grads[key])
    assert X.flags.writeable  # forward left the caller's array alone


def test_a_read_only_view_of_a_writeable_array_is_copied_too():
    rng = np.random.default_rng(2)
    base = rng.standard_normal((4, 3))
    view = base[:, :]
    view.flags.writeable = False  # read-only here, yet writeable through base
    layer, reference = layers.Linear(3, 2, rng=np.random.default_rng(3)), layers.Linear(
        3, 2, rng=np.random.default_rng(3))
    dout = np.ones((4, 2))
    reference.forward(base.copy())
    reference.backward(dout)
    layer.forward(view)
    base[...] = 0.0
    layer.backward(dout)
    np.testing.assert_array_equal(layer.grads["W"], reference.grads["W"])


def test_sequential_hands_read_only_arrays_between_layers():
    from nnkit import model

    class Spy:
        params, grads = {}, {}

        def forward(self, X, *, train=False):
            self.seen = X
            return X * 1.0

        def backward(self, dout, *, input_grad=True):
            return dout

    spy = Spy()
    rng = np.random.default_rng(4)
    net = model.Sequential([layers.Linear(2, 3, rng=rng), spy, layers.ReLU(),
                            layers.Linear(3, 2, rng=rng)])
    X = rng.standard_normal((6, 2))
    scores = net.forward(X)
    assert not spy.seen.flags.writeable and spy.seen.base is None  # cached without a copy
    assert X.flags.writeable and scores.flags.writeable  # the caller's arrays stay writeable
    dscores = rng.standard_normal(scores.shape)
    net.backward(dscores)
    expected = net.layers[0].grads["W"].copy()
    X[...] = -7.0
    net.backward(dscores)
    np.testing.assert_array_equal(net.layers[0].grads["W"], expected)


def reseeded_forward(layer, X, seed):
    """forward in training mode with the layer's rng reset first: the same mask or noise each call."""
    def f():
        layer.rng = np.random.default_rng(seed)
        return layer.forward(X, train=True)
    return f


@pytest.mark.parametrize("make", [lambda rng: layers.Dropout(0.3, rng=rng),
                                  lambda rng: layers.Dropout(0.0, rng=rng),
                                  lambda rng: layers.GaussianNoise(0.5, rng=rng)])
@FAST
@given(seed=seeds, N=sizes, H=sizes)
def test_noise_layers_gradients_with_the_mask_fixed(make, seed, N, H):
    rng = np.random.default_rng(seed)
    layer = make(rng)
    X = rng.standard_normal((N, H))
    dout = rng.standard_normal((N, H))
    f = reseeded_forward(layer, X, seed)
    f()
    dX = layer.backward(dout)
    numeric = gradcheck.numerical_gradient_array(f, X, dout)
    assert gradcheck.rel_error(dX, numeric) < 1e-7
    f()
    assert layer.backward(dout, input_grad=False) is None


def test_dropout_train_and_eval():
    rng = np.random.default_rng(5)
    p = 0.25
    layer = layers.Dropout(p, rng=rng)
    X = rng.uniform(1, 2, (400, 500))  # no zeros of its own
    np.testing.assert_array_equal(layer.forward(X), X)  # evaluation: the identity, no rescaling
    dout = rng.standard_normal(X.shape)
    np.testing.assert_array_equal(layer.backward(dout), dout)
    out = layer.forward(X, train=True)
    dropped = out == 0
    assert abs(dropped.mean() - p) < 0.005  # 200,000 draws: the standard error is 0.001
    np.testing.assert_allclose(out[~dropped], X[~dropped] / (1 - p))  # inverted: kept units scaled
    assert abs(out.mean() / X.mean() - 1) < 0.005  # so the expectation is X
    dX = layer.backward(dout)
    np.testing.assert_array_equal(dX == 0, dropped)  # backward uses the same mask
    np.testing.assert_allclose(dX[~dropped], dout[~dropped] / (1 - p))
    again = layers.Dropout(p, rng=np.random.default_rng(5)).forward(X, train=True)
    assert not np.array_equal(again == 0, dropped)  # fresh masks from the rng (it advanced)
    assert repr(layer) == "Dropout(p=0.25)" and layers.num_params(layer) == 0


def test_gaussian_noise_train_and_eval():
    rng = np.random.default_rng(6)
    layer = layers.GaussianNoise(0.3, rng=rng)
    X = rng.standard_normal((500, 400))
    assert layer.forward(X) is X  # evaluation: no noise
    noise = layer.forward(X, train=True) - X
    assert abs(noise.mean()) < 0.003 and abs(noise.std() / 0.3 - 1) < 0.005
    dout = rng.standard_normal(X.shape)
    np.testing.assert_array_equal(layer.backward(dout), dout)
    assert repr(layer) == "GaussianNoise(std=0.3)"
    with pytest.raises(RuntimeError, match=r"GaussianNoise.backward\(\) called before forward"):
        layers.GaussianNoise(0.3, rng=rng).backward(dout)
