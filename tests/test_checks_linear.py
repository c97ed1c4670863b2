"""The chapter 1 exercise checkers: the reference passes, a stub is "not attempted", and each
typical mistake gets its own specific message."""

import numpy as np
import pytest

from nnbook.checks import linear as checks


def stub(*args):
    raise NotImplementedError("not attempted yet")


def two_layer(X, W1, b1, W2, b2):
    return np.maximum(0, X @ W1 + b1) @ W2 + b2


def relu_in_place(X, W1, b1, W2, b2):
    X[X < 0] = 0  # modifies the learner's input
    return np.maximum(0, X @ W1 + b1) @ W2 + b2


def crashing(*args):
    raise ValueError("shapes do not align")


def status(feedback):
    return feedback.status


@pytest.mark.parametrize("args, words", [
    (((100, 10), 10, 308310), "308,310"),
])
def test_shapes_reference_passes(args, words):
    fb = checks.check_shapes(*args)
    assert fb.ok and words in fb.message


@pytest.mark.parametrize("args, state, words", [
    ((None, None, None), "not attempted", "W2_shape"),
    (((10, 100), 10, 308310), "failed", "lecture note's shape"),
    (((100, 10), 100, 308310), "failed", "`num_scores` is 100"),
    (((100, 10), 10, 307200 + 1000), "failed", "weights only"),
    (((100, 10), 10, 30730), "failed", "linear classifier"),
    (((100, 10), "10", 308310), "failed", "expected a whole number"),
    ((100, 10, 308310), "failed", "expected a pair"),
    (((3072, 10), 10, 308310), "failed", "is not right"),
])
def test_shapes_mistakes(args, state, words):
    fb = checks.check_shapes(*args)
    assert fb.status == state and words in fb.message, fb


def test_two_layer_reference_passes():
    assert checks.check_two_layer_scores(two_layer).ok


@pytest.mark.parametrize("fn, state, words", [
    (stub, "not attempted", "stub"),
    (None, "failed", "not a function"),
    (lambda X, W1, b1, W2, b2: None, "failed", "is None"),
    (lambda X, W1, b1, W2, b2: (X @ W1 + b1) @ W2 + b2, "failed", "ReLU is missing"),
    (lambda X, W1, b1, W2, b2: np.maximum(0, X @ W1) @ W2 + b2, "failed", "leave out b1"),
    (lambda X, W1, b1, W2, b2: np.maximum(0, X @ W1 + b1) @ W2, "failed", "leave out b2"),
    (lambda X, W1, b1, W2, b2: np.maximum(0, np.maximum(0, X @ W1 + b1) @ W2 + b2), "failed", "ReLU on the output"),
    (lambda X, W1, b1, W2, b2: two_layer(X, W1, b1, W2, b2).T, "failed", "shape"),
    (relu_in_place, "failed", "modified its argument"),
    (crashing, "failed", "raised ValueError"),
])
def test_two_layer_mistakes(fn, state, words):
    fb = checks.check_two_layer_scores(fn)
    assert fb.status == state and words in fb.message + fb.hint, fb


def test_collapse_reference_passes():
    assert checks.check_collapse(lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2 + b2)).ok


@pytest.mark.parametrize("fn, state, words", [
    (stub, "not attempted", "stub"),
    (lambda W1, b1, W2, b2: None, "failed", "returned None"),
    (lambda W1, b1, W2, b2: W1 @ W2, "failed", "expected a pair"),
    (lambda W1, b1, W2, b2: (W1 @ W2, b2), "failed", "b1 is missing"),
    (lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2), "failed", "b2 is missing"),
    (lambda W1, b1, W2, b2: ((W1 @ W2).T, b1 @ W2 + b2), "failed", "shape"),
    (lambda W1, b1, W2, b2: (W2.T @ W1.T, b1 @ W2 + b2), "failed", "shape"),
    (lambda W1, b1, W2, b2: (W1 @ W2, b1.sum() + b2), "failed", "expected"),
    (crashing, "failed", "raised ValueError"),
])
def test_collapse_mistakes(fn, state, words):
    fb = checks.check_collapse(fn)
    assert fb.status == state and words in fb.message + fb.hint, fb


@pytest.mark.parametrize("value, state, words", [
    (312860, "passed", "312,860"),
    (None, "not attempted", "num_params"),
    (307200 + 5000 + 500, "failed", "weights only"),
    (308310, "failed", "two-layer"),
    (312860 - 10, "failed", "output biases"),
    (312861, "failed", "not right"),
    ("312860", "failed", "whole number"),
    (312860.5, "failed", "not a whole number"),
])
def test_three_layer(value, state, words):
    fb = checks.check_three_layer_params(value)
    assert fb.status == state and words in fb.message, fb


@pytest.mark.parametrize("value, state", [
    ("b", "passed"), (None, "not attempted"), ("a", "failed"), ("c", "failed"), ("d", "failed"), ("e", "failed"),
])
def test_nonlinearity(value, state):
    fb = checks.check_nonlinearity(value)
    assert fb.status == state, fb
    if value in ("a", "c", "d"):
        assert fb.hint == checks.NONLINEARITY_OPTIONS[value]
