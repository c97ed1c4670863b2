"""The chapter 2 exercise checkers: the reference passes, a stub is "not attempted", and each
typical mistake gets its own specific message."""

import numpy as np
import pytest

from nnkit import activations, losses
from nnbook.checks import neuron as checks


def stub(*args):
    raise NotImplementedError("not attempted yet")


def crashing(*args):
    raise ValueError("boom")


def sig(z):
    return activations.sigmoid(z)


def naive_logistic(s, y):
    p = 1 / (1 + np.exp(-s))
    return float(np.mean(-y * np.log(p) - (1 - y) * np.log(1 - p))), (p - y) / len(s)


def good_logistic(s, y):
    return float(np.mean(np.logaddexp(0, s) - y * s)), (sig(s) - y) / len(s)


def clipping_forward(X, w, b):
    X[X > 100] = 100  # modifies its input
    return sig(X @ w + b)


# --- 2.1 -------------------------------------------------------------------------------------

def test_forward_reference_passes():
    assert checks.check_forward(lambda X, w, b: sig(X @ w + b)).ok
    assert checks.check_forward(lambda X, w, b: 1 / (1 + np.exp(-(X @ w + b)))).ok  # warns, right values


@pytest.mark.parametrize("fn, state, words", [
    (stub, "not attempted", "stub"),
    (lambda X, w, b: None, "failed", "is None"),
    (lambda X, w, b: sig(X @ w), "failed", "ignores the bias"),
    (lambda X, w, b: X @ w + b, "failed", "without the sigmoid"),
    (lambda X, w, b: sig(-(X @ w + b)), "failed", "sign is flipped"),
    (lambda X, w, b: sig(X @ w.reshape(-1, 1) + b), "failed", "don't reshape w"),
    (lambda X, w, b: sig((X * w).sum() + b), "failed", "shape"),
    (clipping_forward, "failed", "modified its argument"),
    (crashing, "failed", "raised ValueError"),
])
def test_forward_mistakes(fn, state, words):
    fb = checks.check_forward(fn)
    assert fb.status == state and words in fb.message + fb.hint, fb


# --- 2.2 -------------------------------------------------------------------------------------

def test_logistic_reference_passes():
    assert checks.check_logistic_loss(good_logistic).ok
    assert checks.check_logistic_loss(losses.binary_logistic).ok


@pytest.mark.parametrize("fn, state, words", [
    (stub, "not attempted", "stub"),
    (lambda s, y: None, "failed", "returned None"),
    (lambda s, y: good_logistic(s, y)[0], "failed", "expected a pair"),
    (naive_logistic, "failed", "logaddexp"),
    (lambda s, y: (good_logistic(s, y)[0] * len(s), good_logistic(s, y)[1]), "failed", "the sum over examples"),
    (lambda s, y: (good_logistic(s, y)[0], good_logistic(s, y)[1] * len(s)), "failed", "N times too large"),
    (lambda s, y: (good_logistic(s, y)[0], -good_logistic(s, y)[1]), "failed", "wrong sign"),
    (lambda s, y: (good_logistic(s, y)[0], sig(s) * (1 - sig(s)) / len(s)), "failed", "derivative of the sigmoid"),
    (lambda s, y: (np.logaddexp(0, s) - y * s, (sig(s) - y) / len(s)), "failed", "expected one number"),
    (lambda s, y: (good_logistic(s, y)[0] + 0.1, good_logistic(s, y)[1]), "failed", "the loss for"),
    (crashing, "failed", "raised ValueError"),
])
def test_logistic_mistakes(fn, state, words):
    fb = checks.check_logistic_loss(fn)
    assert fb.status == state and words in fb.message + fb.hint, fb


# --- 2.3 -------------------------------------------------------------------------------------

def test_hinge_reference_passes():
    assert checks.check_hinge_loss(lambda s, y: float(np.mean(np.maximum(0, 1 - (2 * y - 1) * s)))).ok
    assert checks.check_hinge_loss(lambda s, y: losses.binary_hinge(s, y)[0]).ok


@pytest.mark.parametrize("fn, state, words", [
    (stub, "not attempted", "stub"),
    (lambda s, y: None, "failed", "is None"),
    (lambda s, y: np.mean(np.maximum(0, 1 - y * s)), "failed", "labels y in {0, 1}"),
    (lambda s, y: np.sum(np.maximum(0, 1 - (2 * y - 1) * s)), "failed", "the sum"),
    (lambda s, y: np.mean(np.maximum(0, -(2 * y - 1) * s)), "failed", "without the margin"),
    (lambda s, y: np.mean(1 - (2 * y - 1) * s), "failed", "without the max"),
    (lambda s, y: np.maximum(0, 1 - (2 * y - 1) * s), "failed", "expected one number"),
    (crashing, "failed", "raised ValueError"),
])
def test_hinge_mistakes(fn, state, words):
    fb = checks.check_hinge_loss(fn)
    assert fb.status == state and words in fb.message + fb.hint, fb


# --- 2.4 -------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, state, words", [
    (139, "passed", "139 steps"),
    (139.0, "passed", "139 steps"),
    (None, "not attempted", "steps"),
    (138, "failed", "above one half"),
    (140, "failed", "already"),
    (138.3, "failed", "not a whole number"),
    (14, "failed", "only one of lr and reg"),
    (693, "failed", "not the first step"),
    ("139", "failed", "expected a whole number"),
])
def test_halving(value, state, words):
    fb = checks.check_halving_steps(value)
    assert fb.status == state and words in fb.message + fb.hint, fb


# --- 2.5 -------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, state", [
    ("a", "passed"), (None, "not attempted"), ("b", "failed"), ("c", "failed"), ("d", "failed"), ("z", "failed"),
])
def test_probabilities(value, state):
    fb = checks.check_probabilities(value)
    assert fb.status == state, fb
    if value in ("b", "c", "d"):
        assert fb.hint == checks.PROBABILITY_OPTIONS[value]


# --- 2.6 -------------------------------------------------------------------------------------

def gd(X, y, lr=0.5, steps=500, sign=1.0):
    w, b = np.zeros(2), 0.0
    for _ in range(steps):
        _, ds = losses.binary_logistic(X @ w + b, y)
        w, b = w - sign * lr * (X.T @ ds), b - sign * lr * ds.sum()
    return w, b


def test_train_reference_passes():
    fb = checks.check_train(gd)
    assert fb.ok and "held-out accuracy" in fb.message


@pytest.mark.parametrize("fn, state, words", [
    (stub, "not attempted", "stub"),
    (lambda X, y: None, "failed", "returned None"),
    (lambda X, y: np.zeros(2), "failed", "expected a pair"),
    (lambda X, y: (np.zeros(3), 0.0), "failed", "expected 2"),
    (lambda X, y: (np.array([np.nan, 1.0]), 0.0), "failed", "not all finite"),
    (lambda X, y: tuple(-np.asarray(v) for v in gd(X, y)), "failed", "wrong way round"),
    (lambda X, y: (np.array([0.0, 1.0]), 0.0), "failed", "the target is 95%"),
    (crashing, "failed", "raised ValueError"),
])
def test_train_mistakes(fn, state, words):
    fb = checks.check_train(fn)
    assert fb.status == state and words in fb.message + fb.hint, fb


def test_exercise_data_is_fixed():
    a, b = checks.exercise_data(), checks.exercise_data()
    assert all(np.array_equal(u, v) for u, v in zip(a, b))
    assert a[0].shape == (140, 2) and a[2].shape == (60, 2)
