"""Every chapter-5 checker passes the reference, says "not attempted" to the stub, and names each mistake."""

import numpy as np
import pytest

from nnkit import layers, losses
from nnbook.checks import training as checks


def stub(*args):
    raise NotImplementedError("not attempted yet")


def assert_feedback(feedback, status, words):
    text = str(feedback)
    assert feedback.status == status, text
    assert words in text, text
    assert "Traceback" not in text


# --- 5.1 softmax cross-entropy ---------------------------------------------------------------

def softmax_ref(scores, y):
    N = scores.shape[0]
    shifted = scores - scores.max(axis=1, keepdims=True)
    log_sums = np.log(np.exp(shifted).sum(axis=1))
    loss = np.mean(log_sums - shifted[np.arange(N), y])
    dscores = np.exp(shifted - log_sums[:, None])
    dscores[np.arange(N), y] -= 1
    return float(loss), dscores / N


def softmax_naive(scores, y):
    N = scores.shape[0]
    p = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    d = p.copy()
    d[np.arange(N), y] -= 1
    return float(-np.mean(np.log(p[np.arange(N), y]))), d / N


def softmax_sum(scores, y):
    loss, d = softmax_ref(scores, y)
    return loss * len(y), d


def softmax_per_example(scores, y):
    N = scores.shape[0]
    loss, d = softmax_ref(scores, y)
    return -np.log(losses.softmax(scores)[np.arange(N), y]), d


def softmax_not_divided(scores, y):
    loss, d = softmax_ref(scores, y)
    return loss, d * len(y)


def softmax_no_minus_one(scores, y):
    loss, _ = softmax_ref(scores, y)
    return loss, losses.softmax(scores) / len(y)


def softmax_flipped(scores, y):
    loss, d = softmax_ref(scores, y)
    return loss, -d


def softmax_mutating(scores, y):
    scores -= scores.max(axis=1, keepdims=True)
    return softmax_ref(scores, y)


@pytest.mark.parametrize("answer, status, words", [
    (softmax_ref, "passed", "loss and dscores match"),
    (lambda s, y: losses.softmax_cross_entropy(s, y), "passed", "loss and dscores match"),
    (stub, "not attempted", "replace the stub"),
    (lambda s, y: None, "failed", "returned None"),
    (lambda s, y: softmax_ref(s, y)[0], "failed", "expected a tuple (loss, dscores)"),
    (softmax_naive, "failed", "subtract each row's max"),
    (softmax_sum, "failed", "the sum over the batch"),
    (softmax_per_example, "failed", "one loss per example"),
    (softmax_not_divided, "failed", "N = 2 times too large"),
    (softmax_no_minus_one, "failed", "the -1 at the correct class is missing"),
    (softmax_flipped, "failed", "wrong sign"),
    (lambda s, y: (softmax_ref(s, y)[0], softmax_ref(s, y)[1].T), "failed", "has shape (3, 2)"),
    (softmax_mutating, "failed", "modified its argument 1 in place"),
    (lambda s, y: 1 / 0, "failed", "ZeroDivisionError"),
    (lambda s, y: (-softmax_ref(s, y)[0], softmax_ref(s, y)[1]), "failed", "the sign is flipped"),
])
def test_softmax_checker(answer, status, words):
    assert_feedback(checks.check_softmax_cross_entropy(answer), status, words)


# --- 5.2 linear backward ----------------------------------------------------------------------

def linear_ref(X, W, dout):
    return dout @ W.T, X.T @ dout, dout.sum(axis=0)


@pytest.mark.parametrize("answer, status, words", [
    (linear_ref, "passed", "dX, dW and db are right"),
    (stub, "not attempted", "replace the stub"),
    (lambda X, W, d: (d @ W.T, X.T @ d), "failed", "expected a tuple (dX, dW, db)"),
    (lambda X, W, d: (X.T @ d, d @ W.T, d.sum(0)), "failed", "seem to be swapped"),
    (lambda X, W, d: (d @ W.T, d.T @ X, d.sum(0)), "failed", "the transpose of W's shape"),
    (lambda X, W, d: (d @ W.T, X.T @ d / len(X), d.sum(0)), "failed", "is divided by N = 4"),
    (lambda X, W, d: (d @ W.T, X.T @ d, d.sum(1)), "failed", "one number per example"),
    (lambda X, W, d: (d @ W.T, X.T @ d, d.sum(0, keepdims=True)), "failed", "expected (5,), the shape of b"),
    (lambda X, W, d: (d @ W.T, X.T @ d, d.mean(0)), "failed", "the mean of dout"),
    (lambda X, W, d: (d @ W, X.T @ d, d.sum(0)), "failed", "raised ValueError"),
    (lambda X, W, d: (d @ W.T * 2, X.T @ d, d.sum(0)), "failed", "dX for X (4, 3)"),
    (lambda X, W, d: (None, X.T @ d, d.sum(0)), "failed", "dX for X (4, 3), W (3, 5), dout (4, 5) is None"),
])
def test_linear_checker(answer, status, words):
    assert_feedback(checks.check_linear_backward(answer), status, words)


def test_linear_checker_accepts_nnkit_layer():
    def via_layer(X, W, dout):
        layer = layers.Linear(W.shape[0], W.shape[1], rng=np.random.default_rng(0))
        layer.params["W"] = W
        layer.forward(X)
        dX = layer.backward(dout)
        return dX, layer.grads["W"], layer.grads["b"]
    assert checks.check_linear_backward(via_layer).ok


# --- 5.3 relu backward ------------------------------------------------------------------------

@pytest.mark.parametrize("answer, status, words", [
    (lambda dout, z: dout * (z > 0), "passed", "dz is right"),
    (lambda dout, z: np.where(z > 0, dout, 0.0), "passed", "dz is right"),
    (stub, "not attempted", "replace the stub"),
    (lambda dout, z: None, "failed", "is None"),
    (lambda dout, z: dout * (z >= 0), "failed", "at z = 0"),
    (lambda dout, z: dout * np.maximum(z, 0), "failed", "multiplies dout by relu(z)"),
    (lambda dout, z: (z > 0).astype(float), "failed", "without dout"),
    (lambda dout, z: dout, "failed", "returns dout unchanged"),
    (lambda dout, z: dout * (z < 0), "failed", "the mask is inverted"),
    (lambda dout, z: (dout * (z > 0))[0], "failed", "has shape (5,)"),
    (lambda dout, z: dout * (z > 0.01), "failed", "expected"),
])
def test_relu_checker(answer, status, words):
    assert_feedback(checks.check_relu_backward(answer), status, words)


def test_relu_checker_catches_mutation():
    def mutating(dout, z):
        dout[z <= 0] = 0
        return dout
    assert_feedback(checks.check_relu_backward(mutating), "failed", "in place")


# --- 5.4 by hand ------------------------------------------------------------------------------

RIGHT = [[0.05, -0.2, 0.15], [0.25, 0.125, -0.375]]


@pytest.mark.parametrize("answer, status, words", [
    (RIGHT, "passed", "right"),
    (np.array(RIGHT), "passed", "right"),
    (None, "not attempted", "set dscores_by_hand"),
    ("0.05, -0.2", "failed", "not a list of numbers"),
    ([0.05, -0.2, 0.15], "failed", "expected (2, 3)"),
    ([[0.1, -0.4, 0.3], [0.5, 0.25, -0.75]], "failed", "divide every entry by N = 2"),
    ([[0.1, 0.6, 0.3], [0.5, 0.25, 0.25]], "failed", "the -1 at the correct class is missing"),
    ([[-0.05, 0.2, -0.15], [-0.25, -0.125, 0.375]], "failed", "signs are flipped"),
    ([[0.05, 0.3, -0.35], [0.25, -0.375, 0.125]], "failed", "the -1 sits at classes [2, 1]"),
    ([[0.05, -0.2, 0.15], [0.25, 0.125, -0.3]], "failed", "entry (1, 2)"),
])
def test_by_hand_checker(answer, status, words):
    assert_feedback(checks.check_dscores_by_hand(answer), status, words)


# --- 5.5 numerical gradient -------------------------------------------------------------------

def centred(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[i] += h
        xm[i] -= h
        grad[i] = (f(xp) - f(xm)) / (2 * h)
    return grad


def forward_diff(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        xp = x.copy()
        xp[i] += h
        grad[i] = (f(xp) - f(x.copy())) / h
    return grad


def not_restored(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        x[i] += h
        fp = f(x)
        x[i] -= 2 * h
        grad[i] = (fp - f(x)) / (2 * h)
    return grad


def in_place_restored(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        fp = f(x)
        x[i] = old - h
        fm = f(x)
        x[i] = old
        grad[i] = (fp - fm) / (2 * h)
    return grad


@pytest.mark.parametrize("answer, status, words", [
    (centred, "passed", "centred differences match"),
    (in_place_restored, "passed", "centred differences match"),
    (stub, "not attempted", "replace the stub"),
    (lambda f, x, h: None, "failed", "returned None"),
    (forward_diff, "failed", "one-sided difference"),
    (lambda f, x, h: centred(f, x, h) * 2, "failed", "twice the true gradient"),
    (lambda f, x, h: centred(f, x, h) / 2, "failed", "half the true gradient"),
    (lambda f, x, h: centred(f, x, h).ravel()[None, :], "failed", "expected (2, 2)"),
    (not_restored, "failed", "in place"),
    (lambda f, x, h: centred(f, x, 1e-1), "failed", "the numerical gradient for f(x) = sum(x**3)"),
])
def test_numerical_gradient_checker(answer, status, words):
    assert_feedback(checks.check_numerical_gradient(answer), status, words)


# --- 5.6 multiple choice ----------------------------------------------------------------------

@pytest.mark.parametrize("answer, status, words", [
    ("b", "passed", "almost certainly a bug"),
    (" B ", "passed", "almost certainly a bug"),
    (None, "not attempted", "set your answer"),
    ("a", "failed", "five orders of magnitude"),
    ("c", "failed", "factor of 100"),
    ("d", "failed", "truncation error"),
    ("e", "failed", "not one of the options"),
    (2, "failed", "not one of the options"),
])
def test_relative_error_checker(answer, status, words):
    assert_feedback(checks.check_relative_error_meaning(answer), status, words)


# --- 5.7 the spiral ---------------------------------------------------------------------------

@pytest.mark.parametrize("args, status, words", [
    ((100, 1.0, 1000), "passed", "training accuracy"),
    ((None, None, None), "not attempted", "set hidden_size"),
    ((100, None, 1000), "not attempted", "set lr"),
    ((100, 1.0, None), "not attempted", "set steps"),
    (("100", 1.0, 1000), "failed", "expected a whole number"),
    ((100, 1.0, 10 ** 6), "failed", "allows 1 to 5000"),
    ((100, -1.0, 1000), "failed", "positive number"),
    ((100, 1.0, 20), "failed", "train for more steps"),
    ((2, 1.0, 1000), "failed", "a few hidden units"),
    ((100, 0.001, 1000), "failed", "learning rate is small"),
    ((100, 100.0, 300), "failed", "training diverged"),  # the loss grows a thousandfold
    ((100, 5.0, 300), "failed", "dead"),
])
def test_spiral_checker(args, status, words):
    assert_feedback(checks.check_spiral_training(*args), status, words)
