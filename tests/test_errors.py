"""Every bad input gets its own error naming the argument, what was expected and what arrived."""

import numpy as np
import pytest

from nnkit import activations, datasets, gradcheck, layers, losses, model, train

rng = np.random.default_rng(0)
X5x2 = rng.standard_normal((5, 2))
y5 = np.array([0, 1, 2, 0, 1])
net = model.MLP([2, 4, 3], rng=np.random.default_rng(1))
with_nan = X5x2.copy()
with_nan[1, 0] = np.nan
scores4x3 = rng.standard_normal((4, 3))


def backward_with(layer, X, dout):
    layer.forward(X)
    return layer.backward(dout)


CASES = [
    # activations
    (lambda: activations.get("swish"), ValueError,
     r"activations.get: name must be one of \('sigmoid', 'tanh', 'relu', 'leaky_relu', 'elu', 'gelu', 'silu'\), got 'swish'"),
    # layers: constructors
    (lambda: layers.Linear(0, 3, rng=rng), ValueError, r"Linear: in_features must be a positive integer, got 0"),
    (lambda: layers.Linear(2, -1, rng=rng), ValueError, r"Linear: out_features must be a positive integer, got -1"),
    (lambda: layers.Linear(2.5, 3, rng=rng), TypeError, r"Linear: in_features must be a whole number \(int\), got float 2.5"),
    (lambda: layers.Linear(2, 3, rng=42), TypeError,
     r"Linear: rng must be a numpy Generator such as np.random.default_rng\(0\), got int"),
    (lambda: layers.Linear(2, 3, rng=rng, init="xavier"), ValueError,
     r"Linear: init must be one of \('he', 'lecun', 'glorot'\) or a float std, got 'xavier'"),
    (lambda: layers.Maxout(2, 3, rng=rng, init="He"), ValueError,
     r"Maxout: init must be one of \('he', 'lecun', 'glorot'\) or a float std, got 'He'"),
    (lambda: layers.Linear(2, 3, rng=rng, init=-0.1), ValueError, r"Linear: init must be a finite number >= 0, got -0.1"),
    (lambda: layers.Maxout(2, 3, pieces=0, rng=rng), ValueError, r"Maxout: pieces must be a positive integer, got 0"),
    (lambda: layers.PReLU(0), ValueError, r"PReLU: num_units must be a positive integer, got 0"),
    (lambda: layers.LeakyReLU(alpha=-0.1), ValueError, r"LeakyReLU: alpha must be a finite number >= 0, got -0.1"),
    # layers: forward and backward
    (lambda: layers.Linear(3, 4, rng=rng).forward(np.ones((5, 4))), ValueError,
     r"Linear.forward: X must have shape \(N, 3\), got \(5, 4\)"),
    (lambda: layers.Linear(3, 4, rng=rng).forward(np.ones(3)), ValueError,
     r"Linear.forward: X must have shape \(N, 3\), got \(3,\)"),
    (lambda: layers.Linear(2, 4, rng=rng).forward([[1.0, 2.0]]), TypeError,
     r"Linear.forward: X must be a numpy array, got list; try np.asarray\(X, dtype=float\)"),
    (lambda: layers.Linear(2, 4, rng=rng).forward(np.ones((5, 2), dtype=int)), TypeError,
     r"Linear.forward: X must be a float array, got dtype int64; try X.astype\(float\)"),
    (lambda: layers.Linear(2, 4, rng=rng).forward(np.ones((0, 2))), ValueError,
     r"Linear.forward: X must have at least one row and one column, got shape \(0, 2\)"),
    (lambda: backward_with(layers.Linear(2, 4, rng=rng), X5x2, np.ones((5, 3))), ValueError,
     r"Linear.backward: dout must have shape \(5, 4\) like the forward output, got \(5, 3\)"),
    (lambda: backward_with(layers.ReLU(), X5x2, np.ones((4, 2))), ValueError,
     r"ReLU.backward: dout must have shape \(5, 2\) like the forward output, got \(4, 2\)"),
    (lambda: backward_with(layers.Tanh(), X5x2, np.ones((5, 2), dtype=int)), TypeError,
     r"Tanh.backward: dout must be a float array, got dtype int64"),
    (lambda: layers.Sigmoid().forward("x"), TypeError, r"Sigmoid.forward: X must be a numpy array, got str"),
    (lambda: layers.PReLU(3).forward(np.ones((5, 4))), ValueError, r"PReLU.forward: X must have shape \(N, 3\), got \(5, 4\)"),
    (lambda: layers.Maxout(3, 2, rng=rng).forward(X5x2), ValueError,
     r"Maxout.forward: X must have shape \(N, 3\), got \(5, 2\)"),
    # losses
    (lambda: losses.softmax_cross_entropy(scores4x3, np.array([0.0, 1, 2, 1])), TypeError,
     r"softmax_cross_entropy: y must hold integer class labels, got dtype float64; try y.astype\(int\)"),
    (lambda: losses.softmax_cross_entropy(scores4x3, np.array([0, 1, 2])), ValueError,
     r"softmax_cross_entropy: y must have shape \(4,\), one label per row, got \(3,\)"),
    (lambda: losses.softmax_cross_entropy(scores4x3, np.array([0, 1, 3, 1])), ValueError,
     r"softmax_cross_entropy: y values must be class labels in 0..2 \(3 classes\), got 3"),
    (lambda: losses.multiclass_hinge(scores4x3, np.array([0, -1, 2, 1])), ValueError,
     r"multiclass_hinge: y values must be class labels in 0..2 \(3 classes\), got -1"),
    (lambda: losses.softmax_cross_entropy(np.ones(4), np.zeros(4, dtype=int)), ValueError,
     r"softmax_cross_entropy: scores must have shape \(N, C\), got \(4,\)"),
    (lambda: losses.softmax(np.ones((2, 3), dtype=np.int32)), TypeError,
     r"softmax: scores must be a float array, got dtype int32"),
    (lambda: losses.multiclass_hinge(scores4x3, np.array([0, 1, 2, 1]), margin=-1), ValueError,
     r"multiclass_hinge: margin must be a finite number >= 0, got -1.0"),
    (lambda: losses.binary_logistic(scores4x3, np.array([0, 1, 0, 1])), ValueError,
     r"binary_logistic: scores must have shape \(N,\) or \(N, 1\), got \(4, 3\)"),
    (lambda: losses.binary_hinge(np.ones(3), np.array([0, 2, 1])), ValueError,
     r"binary_hinge: y values must be class labels in 0..1 \(2 classes\), got 2"),
    (lambda: losses.binary_logistic(np.ones(3), [0, 1, 1]), TypeError,
     r"binary_logistic: y must be a numpy array of integer labels, got list"),
    (lambda: losses.l2_penalty(np.ones((2, 2)), -1), ValueError, r"l2_penalty: reg must be a finite number >= 0, got -1.0"),
    (lambda: losses.l2_penalty(np.ones((2, 2)), float("nan")), ValueError,
     r"l2_penalty: reg must be a finite number >= 0, got nan"),
    (lambda: losses.l2_penalty(np.ones((2, 2)), "0.1"), TypeError, r"l2_penalty: reg must be a number, got str '0.1'"),
    # model
    (lambda: model.MLP([2], rng=rng), ValueError, r"MLP: sizes must be a list like \[D, H, C\] with at least 2 entries, got \[2\]"),
    (lambda: model.MLP([2, 0, 3], rng=rng), ValueError, r"MLP: sizes\[1\] must be a positive integer, got 0"),
    (lambda: model.MLP([2, 3.0], rng=rng), TypeError, r"MLP: sizes\[1\] must be a whole number \(int\), got float 3.0"),
    (lambda: model.MLP([2, 4, 3], activation="swish", rng=rng), ValueError,
     r"MLP: activation must be one of \('sigmoid', .*'prelu', 'maxout'\), got 'swish'"),
    (lambda: model.MLP([2, 4, 3], rng=None), TypeError, r"MLP: rng must be a numpy Generator"),
    (lambda: net.forward(np.ones((5, 3))), ValueError, r"Linear.forward: X must have shape \(N, 2\), got \(5, 3\)"),
    (lambda: net.predict(with_nan), ValueError, r"MLP.predict: X must not contain NaN or inf, found nan at index \(1, 0\)"),
    (lambda: net.hidden_outputs(np.ones((5, 3))), ValueError,
     r"MLP.hidden_outputs: X must have shape \(N, 2\), got \(5, 3\)"),
    (lambda: net.hidden_outputs(with_nan), ValueError,
     r"MLP.hidden_outputs: X must not contain NaN or inf, found nan at index \(1, 0\)"),
    (lambda: model.Sequential([]), ValueError, r"Sequential: layers must be a non-empty list of layers, got \[\]"),
    (lambda: model.Sequential([layers.ReLU(), "relu"]), TypeError,
     r"Sequential: layers\[1\] must be a layer \(with forward, backward, params, grads\), got str"),
    # train
    (lambda: train.train(net, X5x2, y5, lr=0, steps=1), ValueError, r"train: lr must be a finite number > 0, got 0.0"),
    (lambda: train.train(net, X5x2, y5, lr=0.1, steps=-1), ValueError, r"train: steps must be an integer >= 0, got -1"),
    (lambda: train.train(net, X5x2, y5, lr=0.1, steps=1, momentum=1.0), ValueError,
     r"train: momentum must be a finite number in \[0, 1\), got 1.0"),
    (lambda: train.train(net, X5x2, y5, lr=0.1, steps=1, reg=-0.5), ValueError,
     r"train: reg must be a finite number >= 0, got -0.5"),
    (lambda: train.train(net, X5x2, y5, lr=0.1, steps=1, eval_every=0), ValueError,
     r"train: eval_every must be a positive integer, got 0"),
    (lambda: train.train(net, X5x2, y5, lr=0.1, steps=1, batch_size=2), ValueError,
     r"train: minibatches \(batch_size=2\) need rng=np.random.default_rng\(seed\)"),
    (lambda: train.train(net, X5x2, y5, lr=0.1, steps=1, batch_size=6, rng=rng), ValueError,
     r"train: batch_size must be at most N = 5, got 6"),
    (lambda: train.train(net, with_nan, y5, lr=0.1, steps=1), ValueError,
     r"train: X must not contain NaN or inf, found nan at index \(1, 0\)"),
    (lambda: train.train(net, X5x2, y5.astype(float), lr=0.1, steps=1), TypeError,
     r"train: y must hold integer class labels, got dtype float64; try y.astype\(int\)"),
    (lambda: train.train(net, X5x2, y5[:4], lr=0.1, steps=1), ValueError,
     r"train: y must have shape \(5,\), one label per row, got \(4,\)"),
    (lambda: train.train(net, X5x2, y5, lr=0.1, steps=1, X_val=X5x2), ValueError,
     r"train: X_val and y_val must be given together \(or neither\)"),
    (lambda: train.train(net, X5x2, y5, lr=0.1, steps=1, X_val=X5x2, y_val=y5[:3]), ValueError,
     r"train: y_val must have shape \(5,\), one label per row, got \(3,\)"),
    (lambda: train.train(net, X5x2, np.array([0, 1, 2, 3, 1]), lr=0.1, steps=1), ValueError,
     r"softmax_cross_entropy: y values must be class labels in 0..2 \(3 classes\), got 3"),
    (lambda: train.train(net, X5x2, y5, lr=0.1, steps=1, callback=True), TypeError,
     r"train: callback must be callable\(step, model, history\), got bool"),
    (lambda: train.train(net, X5x2, y5, loss_fn="softmax", lr=0.1, steps=1), TypeError,
     r"train: loss_fn must be a function like losses.softmax_cross_entropy, got str"),
    (lambda: train.SGD(-1.0), ValueError, r"SGD: lr must be a finite number > 0, got -1.0"),
    (lambda: train.accuracy(net, with_nan, y5), ValueError, r"accuracy: X must not contain NaN or inf"),
    (lambda: train.dead_fraction(net, np.ones((5, 3))), ValueError, r"Linear.forward: X must have shape \(N, 2\), got \(5, 3\)"),
    # datasets
    (lambda: datasets.spiral(points_per_class=0, rng=rng), ValueError,
     r"spiral: points_per_class must be a positive integer, got 0"),
    (lambda: datasets.spiral(rng=0), TypeError, r"spiral: rng must be a numpy Generator"),
    (lambda: datasets.spiral(noise=-1, rng=rng), ValueError, r"spiral: noise must be a finite number >= 0, got -1.0"),
    (lambda: datasets.circles(factor=1.5, rng=rng), ValueError, r"circles: factor must be a finite number in \(0, 1\), got 1.5"),
    (lambda: datasets.moons(n=1, rng=rng), ValueError, r"moons: n must be an integer >= 2, got 1"),
    (lambda: datasets.blobs(n=2, num_classes=3, rng=rng), ValueError, r"blobs: n must be at least num_classes = 3, got 2"),
    (lambda: datasets.outliers(n=20, num_outliers=30, rng=rng), ValueError,
     r"outliers: num_outliers must be at most n - 2 = 18, got 30"),
    (lambda: datasets.split(X5x2, y5, held_out=1.0, rng=rng), ValueError,
     r"split: held_out must be a finite number in \(0, 1\), got 1.0"),
    (lambda: datasets.split(with_nan, y5, rng=rng), ValueError,
     r"split: X must not contain NaN or inf, found nan at index \(1, 0\)"),
    (lambda: datasets.split(X5x2, y5[:4], rng=rng), ValueError, r"split: y must have shape \(5,\), one label per row, got \(4,\)"),
    # gradcheck
    (lambda: gradcheck.numerical_gradient(lambda: 0.0, np.ones(3, dtype=int)), TypeError,
     r"numerical_gradient: x must be a float array, got dtype int64"),
    (lambda: gradcheck.numerical_gradient(lambda: 0.0, np.ones(3), h=0), ValueError,
     r"numerical_gradient: h must be a finite number > 0, got 0.0"),
    (lambda: gradcheck.rel_error(np.ones(3), np.ones(4)), ValueError,
     r"rel_error: a and b must have the same shape, got \(3,\) and \(4,\)"),
    (lambda: gradcheck.check_layer(layers.ReLU(), X5x2, rng=None), TypeError,
     r"check_layer: rng must be a numpy Generator such as np.random.default_rng\(0\), got NoneType"),
]


@pytest.mark.parametrize("call, error, message", CASES, ids=[m[:60] for _, _, m in CASES])
def test_bad_input_gets_a_specific_error(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_labels_out_of_range_are_reported_before_any_update():
    before = [p.copy() for p in (layer.params[key] for _, layer, key in net.param_items())]
    with pytest.raises(ValueError, match="got 3"):
        train.train(net, X5x2, np.array([0, 1, 2, 3, 1]), lr=0.1, steps=5)
    after = [layer.params[key] for _, layer, key in net.param_items()]
    assert all(np.array_equal(a, b) for a, b in zip(before, after))
