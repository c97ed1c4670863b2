"""Several networks at once: a stack of K MLPs trains exactly as K separate runs do."""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from nnkit import datasets, gradcheck, layers, losses, model, train

FAST = settings(max_examples=25, deadline=None, database=None)
seeds = st.integers(0, 2**32 - 1)


def nets_for(seeds, sizes, activation="relu"):
    return [model.MLP(sizes, activation=activation, rng=np.random.default_rng(s)) for s in seeds]


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    X, y = datasets.spiral(points_per_class=30, rng=rng)
    return datasets.split(X, y, held_out=0.3, rng=rng)


@pytest.mark.parametrize("activation", ["relu", "tanh", "gelu"])
@pytest.mark.parametrize("batch_size", [None, 16])
def test_a_stack_trains_exactly_like_separate_runs(data, activation, batch_size):
    X, y, X_val, y_val = data
    sizes, seeds_ = [2, 8, 6, 3], [3, 1, 4, 1, 5]
    options = dict(lr=0.3, steps=60, momentum=0.9, reg=1e-2, batch_size=batch_size,
                   X_val=X_val, y_val=y_val, eval_every=7)
    separate = []
    for net in nets_for(seeds_, sizes, activation):
        history = train.train(net, X, y, rng=np.random.default_rng(9), **options)
        separate.append((net, history))
    stacked = model.MLP.stack(nets_for(seeds_, sizes, activation))
    history = train.train(stacked, X, y, rng=np.random.default_rng(9), **options)
    assert history.train_loss[0].shape == (len(seeds_),)
    for (net, alone), together, back in zip(separate, history.unstack(), stacked.unstack()):
        for name in ("train_loss", "train_acc", "val_loss", "val_acc"):
            np.testing.assert_allclose(getattr(together, name), getattr(alone, name),
                                       rtol=1e-10, atol=0)
        assert together.step == alone.step
        for (name, a, key), (_, b, _) in zip(net.param_items(), back.param_items()):
            np.testing.assert_allclose(b.params[key], a.params[key], rtol=0, atol=1e-10,
                                       err_msg=name)
        assert train.accuracy(back, X_val, y_val) == train.accuracy(net, X_val, y_val)


def test_stacked_helpers_give_each_networks_own_numbers(data):
    X, y, _, _ = data
    nets = nets_for([7, 8, 9], [2, 10, 10, 3])
    for net in nets:
        net.layers[0].params["b"][:3] = -50.0  # three dead units in the first layer of each
    stacked = model.MLP.stack(nets)
    assert repr(stacked) == "MLP(2 -> 10 relu -> 10 relu -> 3, a stack of 3)"
    assert stacked.predict(X).shape == (3, len(X))
    np.testing.assert_array_equal(train.accuracy(stacked, X, y),
                                  [train.accuracy(net, X, y) for net in nets])
    np.testing.assert_array_equal(train.dead_fraction(stacked, X),
                                  [train.dead_fraction(net, X) for net in nets])
    assert [d.shape for d in train.dead_units(stacked, X)] == [(3, 10), (3, 10)]
    train.loss_and_grads(stacked, X, y, reg=0.1)
    for net in nets:
        train.loss_and_grads(net, X, y, reg=0.1)
    norms = train.gradient_norms(stacked)
    for k, net in enumerate(nets):
        for name, value in train.gradient_norms(net).items():
            assert norms[name][k] == pytest.approx(value, rel=1e-12)
    assert stacked.num_params() == 3 * nets[0].num_params()


def test_stack_and_unstack_copy_the_parameters():
    nets = nets_for([1, 2], [3, 4, 2], "tanh")
    stacked = model.MLP.stack(nets)
    W = stacked.linear_layers()[0].params["W"]
    assert W.shape == (2, 3, 4) and stacked.linear_layers()[0].params["b"].shape == (2, 4)
    np.testing.assert_array_equal(W[1], nets[1].layers[0].params["W"])
    W[...] = 0.0  # the stack owns its arrays
    assert np.abs(nets[1].layers[0].params["W"]).min() > 0
    back = stacked.unstack()
    assert [repr(net) for net in back] == ["MLP(3 -> 4 tanh -> 2)"] * 2
    assert back[0].stack_size is None and np.all(back[0].layers[0].params["W"] == 0)


@pytest.mark.parametrize("nets, error, words", [
    ([], ValueError, r"MLP.stack: nets must be a non-empty list of MLPs, got \[\]"),
    ("nets", ValueError, r"MLP.stack: nets must be a non-empty list of MLPs, got 'nets'"),
    ([model.MLP([2, 3], rng=np.random.default_rng(0)), "net"], TypeError,
     r"MLP.stack: nets\[1\] must be an MLP \(not a stack\), got 'net'"),
    (nets_for([0, 1], [2, 3]) + nets_for([2], [2, 4]), ValueError,
     r"MLP.stack: nets\[2\] must have the sizes and activation of nets\[0\], MLP\(2 -> 3\), "
     r"got MLP\(2 -> 4\)"),
    (nets_for([0], [2, 3, 2], "relu") + nets_for([1], [2, 3, 2], "tanh"), ValueError,
     r"nets\[1\] must have the sizes and activation"),
    (nets_for([0, 1], [2, 3, 2], "maxout"), ValueError,
     r"MLP.stack: the nets' activation must be one of \('sigmoid'.*\), got 'maxout'"),
    (nets_for([0, 1], [2, 3, 2], "prelu"), ValueError, r"got 'prelu'"),
])
def test_stack_refuses_what_it_cannot_stack(nets, error, words):
    with pytest.raises(error, match=words):
        model.MLP.stack(nets)


def test_unstacking_what_is_not_a_stack():
    with pytest.raises(ValueError, match=r"MLP.unstack: this MLP is not a stack"):
        model.MLP([2, 3], rng=np.random.default_rng(0)).unstack()
    with pytest.raises(ValueError, match=r"History.unstack: this history has no \(K,\) rows"):
        train.History().unstack()


@FAST
@given(seed=seeds, K=st.integers(1, 3), N=st.integers(1, 4), D=st.integers(1, 4),
       H=st.integers(1, 4), shared=st.booleans())
def test_stacked_linear_gradients(seed, K, N, D, H, shared):
    rng = np.random.default_rng(seed)
    layer = layers.Linear(D, H, rng=rng)
    layer.params["W"] = rng.standard_normal((K, D, H))
    layer.params["b"] = rng.standard_normal((K, H))
    X = rng.standard_normal((N, D) if shared else (K, N, D))
    out = layer.forward(X)
    assert out.shape == (K, N, H)
    for k in range(K):  # network k computes its own affine map
        np.testing.assert_allclose(out[k], (X if shared else X[k]) @ layer.params["W"][k]
                                   + layer.params["b"][k], rtol=1e-12, atol=1e-12)
    errors = gradcheck.check_layer(layer, X, rng=rng)
    assert set(errors) == {"X", "W", "b"}
    assume(all(np.all(np.abs(g) > 1e-5) for g in layer.grads.values()))
    gradcheck.assert_close(errors, tol=1e-7)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "gelu", "silu", "elu"])
def test_stacked_activation_layer_gradients(name):
    rng = np.random.default_rng(11)
    errors = gradcheck.check_layer(layers.Activation(name), rng.standard_normal((3, 4, 5)),
                                   rng=rng)
    gradcheck.assert_close(errors, tol=1e-7)


@FAST
@given(seed=seeds, K=st.integers(1, 3), N=st.integers(1, 5), C=st.integers(2, 4))
def test_stacked_softmax_cross_entropy_is_the_sum_of_each_networks_loss(seed, K, N, C):
    rng = np.random.default_rng(seed)
    scores, y = rng.standard_normal((K, N, C)), rng.integers(0, C, N)
    loss, dscores = losses.softmax_cross_entropy(scores, y)
    singles = [losses.softmax_cross_entropy(s, y) for s in scores]
    assert loss == pytest.approx(sum(single for single, _ in singles), rel=1e-12)
    for k, (_, d) in enumerate(singles):
        np.testing.assert_array_equal(dscores[k], d)  # each network's gradient is its own
    numeric = gradcheck.numerical_gradient(
        lambda: losses.softmax_cross_entropy(scores, y)[0], scores)
    assume(np.all(np.abs(dscores) > 1e-3))
    assert gradcheck.rel_error(dscores, numeric) < 1e-7


def test_whole_stacked_model_gradients():
    rng = np.random.default_rng(12)
    nets = nets_for([1, 2, 3], [3, 5, 4, 3], "tanh")
    stacked = model.MLP.stack(nets)
    X, y = rng.standard_normal((6, 3)), rng.integers(0, 3, 6)
    errors = gradcheck.check_model(stacked, X, y, loss_fn=losses.softmax_cross_entropy, reg=0.2)
    assert list(errors)[:3] == ["X", "layer1.W", "layer1.b"]
    # The objective adds up three losses, so centred differences carry about three times the
    # rounding error of one network's; a few entries near 1e-4 then resolve to 1e-7 at best.
    gradcheck.assert_close(errors, tol=1e-6)
    train.loss_and_grads(stacked, X, y, reg=0.2)
    for k, net in enumerate(nets):  # and the stacked gradients are each network's own, exactly
        train.loss_and_grads(net, X, y, reg=0.2)
        for (_, a, key), (_, b, _) in zip(net.param_items(), stacked.param_items()):
            np.testing.assert_array_equal(b.grads[key][k], a.grads[key])


def test_a_diverging_stack_says_which_networks_diverged(data):
    X, y, _, _ = data
    nets = nets_for([1, 2, 3], [2, 8, 3])
    nets[1].layers[0].params["W"] *= 1e6  # this one starts far off and blows up first
    with pytest.raises(train.Diverged) as info:
        train.train(model.MLP.stack(nets), X, y, lr=5.0, steps=50, eval_every=1000)
    losses_k = info.value.loss
    assert losses_k.shape == (3,) and np.argmax(losses_k) == 1
    assert not np.isfinite(losses_k[1]) or losses_k[1] > 1e3 * max(1.0, losses_k[0])
