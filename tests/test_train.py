import warnings

import numpy as np
import pytest

from nnkit import datasets, gradcheck, layers, losses, model, train


@pytest.fixture(scope="module")
def spiral():
    return datasets.spiral(rng=np.random.default_rng(0))


def test_relu_net_learns_the_spiral_and_a_linear_classifier_cannot(spiral):
    X, y = spiral
    net = model.MLP([2, 100, 3], rng=np.random.default_rng(1))
    history = train.train(net, X, y, lr=1.0, reg=1e-3, steps=2000, eval_every=100)
    assert train.accuracy(net, X, y) >= 0.97
    assert history.final()["train_acc"] == train.accuracy(net, X, y)
    linear = model.MLP([2, 3], rng=np.random.default_rng(1))
    train.train(linear, X, y, lr=1.0, reg=1e-3, steps=500, eval_every=100)
    assert 0.40 <= train.accuracy(linear, X, y) <= 0.60


def test_initial_loss_is_log_num_classes(spiral):
    X, y = spiral
    net = model.MLP([2, 100, 3], rng=np.random.default_rng(2), init=0.01)
    history = train.train(net, X, y, lr=1.0, steps=1)
    assert history.train_loss[0] == pytest.approx(np.log(3), abs=1e-3)


def test_small_net_overfits_20_points():
    rng = np.random.default_rng(3)
    X, y = datasets.outliers(n=20, num_outliers=2, rng=rng)  # two points inside the other class
    net = model.MLP([2, 20, 20, 2], rng=rng)
    train.train(net, X, y, lr=0.3, steps=1500, momentum=0.9, eval_every=500)
    assert train.accuracy(net, X, y) == 1.0


def test_history_records_every_eval_every_steps_and_the_end(spiral):
    X, y = spiral
    X_tr, y_tr, X_val, y_val = datasets.split(X, y, rng=np.random.default_rng(4))
    net = model.MLP([2, 20, 3], rng=np.random.default_rng(5))
    history = train.train(net, X_tr, y_tr, lr=0.5, steps=25, eval_every=10, X_val=X_val, y_val=y_val)
    assert history.step == [0, 10, 20, 25] and len(history) == 4
    for values in (history.train_loss, history.train_acc, history.val_loss, history.val_acc):
        assert len(values) == 4 and all(isinstance(v, float) for v in values)
    final = history.final()
    assert set(final) == {"step", "train_loss", "train_acc", "val_loss", "val_acc"}
    assert final["val_acc"] == train.accuracy(net, X_val, y_val)
    no_val = train.train(net, X_tr, y_tr, lr=0.5, steps=3)
    assert no_val.val_loss == [] and set(no_val.final()) == {"step", "train_loss", "train_acc"}


def test_recorded_loss_includes_the_l2_term(spiral):
    X, y = spiral
    net = model.MLP([2, 10, 3], rng=np.random.default_rng(6))
    history = train.train(net, X, y, lr=0.1, steps=0, reg=0.5)
    data_loss, _ = losses.softmax_cross_entropy(net.forward(X), y)
    penalty = 0.25 * sum(np.sum(layer.params["W"] ** 2) for layer in net.layers if "W" in layer.params)
    assert history.step == [0] and history.train_loss[0] == pytest.approx(data_loss + penalty)


def test_same_seed_same_history(spiral):
    X, y = spiral
    runs = []
    for _ in range(2):
        net = model.MLP([2, 16, 3], rng=np.random.default_rng(7))
        runs.append(train.train(net, X, y, lr=0.5, steps=30, batch_size=32, momentum=0.9,
                                rng=np.random.default_rng(8)))
    assert runs[0] == runs[1]


def test_callback_sees_each_record_and_can_stop(spiral):
    X, y = spiral
    seen = []

    def callback(step, net, history):
        seen.append((step, len(history)))
        return step < 20

    history = train.train(model.MLP([2, 8, 3], rng=np.random.default_rng(9)), X, y, lr=0.5,
                          steps=100, eval_every=10, callback=callback)
    assert seen == [(0, 1), (10, 2), (20, 3)] and history.step == [0, 10, 20]


def test_divergence_stops_with_advice_and_no_warnings(spiral):
    X, y = spiral
    net = model.MLP([2, 50, 3], rng=np.random.default_rng(10))
    # The log-space softmax keeps the loss finite far past sensible learning rates (it grows
    # like the scores); an absurd step size is what overflows it.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(train.Diverged, match=r"diverged at step \d+ \(loss=(inf|nan)\); "
                                                 r"try a smaller learning rate \(lr=1e\+200\)") as info:
            train.train(net, X, y, lr=1e200, steps=100)
    assert isinstance(info.value, FloatingPointError)
    assert len(info.value.history) == info.value.step >= 1
    assert all(np.isfinite(info.value.history.train_loss))


def test_loss_and_grads_match_numerical_gradients_with_l2_on_weights_only():
    rng = np.random.default_rng(11)
    net = model.MLP([3, 4, 3], activation="tanh", rng=rng)
    X, y = rng.standard_normal((5, 3)), np.array([0, 1, 2, 1, 0])
    loss, scores = train.loss_and_grads(net, X, y, loss_fn=losses.softmax_cross_entropy, reg=0.7)
    data_loss, _ = losses.softmax_cross_entropy(scores, y)
    weights = [layer.params["W"] for layer in net.layers if "W" in layer.params]
    assert loss == pytest.approx(data_loss + 0.35 * sum(np.sum(W ** 2) for W in weights))
    for name, layer, key in net.param_items():
        def f():
            return train.loss_and_grads(net, X, y, loss_fn=losses.softmax_cross_entropy, reg=0.7)[0]

        analytic = layer.grads[key].copy()
        assert gradcheck.rel_error(analytic, gradcheck.numerical_gradient(f, layer.params[key])) < 1e-7, name
        train.loss_and_grads(net, X, y, loss_fn=losses.softmax_cross_entropy, reg=0.7)


def test_sgd_step_and_momentum():
    rng = np.random.default_rng(12)
    net = model.MLP([2, 3], rng=rng)
    W = net.layers[0].params["W"]
    start = W.copy()
    net.layers[0].grads["W"] = np.ones_like(W)
    net.layers[0].grads["b"] = np.ones(3)
    train.SGD(0.1).step(net)
    np.testing.assert_allclose(W, start - 0.1)
    sgd = train.SGD(0.1, momentum=0.9)
    sgd.step(net)  # v = -0.1
    sgd.step(net)  # v = 0.9 * -0.1 - 0.1 = -0.19
    np.testing.assert_allclose(W, start - 0.1 - 0.1 - 0.19)
    assert net.layers[0].params["W"] is W  # updated in place


def test_minibatches_learn_too(spiral):
    X, y = spiral
    net = model.MLP([2, 100, 3], rng=np.random.default_rng(13))
    train.train(net, X, y, lr=0.5, steps=1500, batch_size=64, momentum=0.9, reg=1e-3,
                rng=np.random.default_rng(14), eval_every=500)
    assert train.accuracy(net, X, y) >= 0.9


def test_dead_units_and_fraction():
    rng = np.random.default_rng(15)
    net = model.MLP([2, 4, 6, 3], rng=rng)
    net.layers[0].params["b"][:2] = -100.0  # two of four units in layer 1 never fire
    X = rng.uniform(-1, 1, (50, 2))
    dead1, dead2 = train.dead_units(net, X)
    assert dead1.dtype == bool and dead1.shape == (4,) and dead2.shape == (6,)
    np.testing.assert_array_equal(dead1, [True, True, False, False])
    assert train.dead_fraction(net, X) == pytest.approx((2 + dead2.sum()) / 10)
    assert train.dead_fraction(model.MLP([2, 4, 3], activation="tanh", rng=rng), X) == 0.0


def test_gradient_norms_after_backward():
    rng = np.random.default_rng(16)
    net = model.MLP([2, 4, 3], rng=rng)
    X, y = rng.standard_normal((6, 2)), rng.integers(0, 3, 6)
    train.loss_and_grads(net, X, y, loss_fn=losses.softmax_cross_entropy)
    norms = train.gradient_norms(net)
    assert list(norms) == ["layer1.W", "layer1.b", "layer2.W", "layer2.b"]
    assert norms["layer2.b"] == pytest.approx(np.linalg.norm(net.layers[2].grads["b"]))


def test_binary_classifier_with_one_output():
    rng = np.random.default_rng(17)
    X, y = datasets.circles(n=200, noise=0.05, rng=rng)
    net = model.MLP([2, 20, 1], rng=rng)
    train.train(net, X, y, loss_fn=losses.binary_logistic, lr=1.0, steps=1000, eval_every=1000)
    assert train.accuracy(net, X, y) >= 0.95


def test_history_is_a_plain_record():
    history = train.History()
    history.record(0, 1.5, 0.25)
    history.record(5, 1.0, 0.5, 1.2, 0.4)
    assert len(history) == 2 and history.final() == {"step": 5, "train_loss": 1.0, "train_acc": 0.5,
                                                     "val_loss": 1.2, "val_acc": 0.4}
    assert layers.num_params(layers.PReLU(3)) == 3


def test_step_is_loss_and_grads_then_the_update():
    rng = np.random.default_rng(18)
    X, y = rng.standard_normal((6, 2)), rng.integers(0, 3, 6)
    a, b = (model.MLP([2, 5, 3], rng=np.random.default_rng(19)) for _ in range(2))
    loss, scores = train.step(a, X, y, optimizer=train.SGD(0.5, momentum=0.9), reg=0.1)
    expected_loss, expected_scores = train.loss_and_grads(b, X, y, reg=0.1)
    train.SGD(0.5, momentum=0.9).step(b)
    assert loss == expected_loss
    np.testing.assert_array_equal(scores, expected_scores)
    for (_, la, key), (_, lb, _) in zip(a.param_items(), b.param_items()):
        np.testing.assert_array_equal(la.params[key], lb.params[key])
    with pytest.raises(TypeError, match=r"step: optimizer must be a train.SGD, got float"):
        train.step(a, X, y, optimizer=0.5)


def scripted_loss(values):
    """A loss function that returns the given values in turn (and a zero gradient)."""
    values = iter(values)

    def loss_fn(scores, y):
        return next(values), np.zeros_like(scores)
    return loss_fn


@pytest.mark.parametrize("start", [0.5, 5.0])
def test_divergence_when_the_loss_grows_a_thousandfold(start):
    X, y = np.ones((4, 2)), np.array([0, 1, 0, 1])
    limit = 1e3 * max(start, 1.0)
    net = model.MLP([2, 2], rng=np.random.default_rng(20))
    history = train.train(net, X, y, loss_fn=scripted_loss([start, 0.99 * limit, 0.9 * limit]),
                          lr=0.1, steps=2, eval_every=5)
    assert history.train_loss == [start, 0.9 * limit]  # just below the limit: no alarm
    with pytest.raises(train.Diverged, match=r"diverged at step 2 \(loss=") as info:
        train.train(net, X, y, loss_fn=scripted_loss([start, 0.99 * limit, 1.01 * limit]),
                    lr=0.1, steps=5, eval_every=5)
    assert info.value.loss == 1.01 * limit and info.value.history.train_loss == [start]


def test_divergence_at_a_huge_learning_rate_with_a_finite_loss(spiral):
    """The issue's example: at lr 1e6 the loss stays finite but grows far beyond its start."""
    X, y = spiral
    net = model.MLP([2, 50, 3], rng=np.random.default_rng(10))
    with pytest.raises(train.Diverged, match=r"try a smaller learning rate \(lr=1e\+06\)") as info:
        train.train(net, X, y, lr=1e6, steps=100, eval_every=10)
    first = info.value.history.train_loss[0]
    assert np.isfinite(info.value.loss) and info.value.loss > 1e3 * first


def test_dropout_trains_in_training_mode_and_records_in_evaluation_mode(spiral):
    X, y = spiral
    rng = np.random.default_rng(21)
    net = model.Sequential([layers.Linear(2, 50, rng=rng), layers.ReLU(),
                            layers.Dropout(0.5, rng=rng), layers.Linear(50, 3, rng=rng)])
    history = train.train(net, X, y, lr=0.5, steps=20, eval_every=10)
    loss, acc = losses.softmax_cross_entropy(net.forward(X), y)[0], train.accuracy(net, X, y)
    assert history.train_loss[-1] == pytest.approx(loss, rel=1e-12)
    assert history.train_acc[-1] == acc
    # A step's own loss is computed with dropout on: different from the recorded one.
    step_loss, _ = train.loss_and_grads(net, X, y)
    assert step_loss != pytest.approx(loss, rel=1e-6)
