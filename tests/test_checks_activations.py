"""The checkers of chapter 3's exercises: the reference passes, a stub is "not attempted", and
each typical mistake gets its own specific message (never a traceback, never "passed")."""

import numpy as np
import pytest

from nnkit import activations
from nnbook.checks import activations as checks


def stub(*args, **kwargs):
    raise NotImplementedError("not attempted yet")


def assert_feedback(feedback, status, words):
    text = str(feedback)
    assert feedback.status == status, text
    assert words in text, text
    assert "Traceback" not in text
    assert "checker itself" not in text, text


# --- 3.1 sigmoid --------------------------------------------------------------------------


def naive_sigmoid(z):
    return 1 / (1 + np.exp(-z))


def where_sigmoid(z):  # "stable" with np.where, but both branches are computed everywhere
    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))


def mutating_sigmoid(z):
    z *= -1
    e = np.exp(-np.abs(z))
    return np.where(z <= 0, 1 / (1 + e), e / (1 + e))


GOOD_GRAD = activations.sigmoid_grad


@pytest.mark.parametrize("sigmoid, sigmoid_grad, status, words", [
    (activations.sigmoid, activations.sigmoid_grad, "passed", "neither overflows"),
    (stub, stub, "not attempted", "stub"),
    (activations.sigmoid, stub, "not attempted", "stub"),
    (naive_sigmoid, GOOD_GRAD, "failed", "floating-point error"),
    (where_sigmoid, GOOD_GRAD, "failed", "computes both a and b"),
    (lambda z: activations.sigmoid(-z), GOOD_GRAD, "failed", "a sign is flipped"),
    (lambda z: None, GOOD_GRAD, "failed", "is None"),
    (lambda z: activations.sigmoid(z).sum(), GOOD_GRAD, "failed", "shape"),
    (mutating_sigmoid, GOOD_GRAD, "failed", "modified its argument 1 in place"),
    (activations.sigmoid, activations.sigmoid, "failed", "returns sigmoid(z) itself"),
    (activations.sigmoid, lambda z: activations.sigmoid(z) * (1 + activations.sigmoid(z)), "failed", "(1 + sigmoid(z))"),
    (activations.sigmoid, lambda z: -activations.sigmoid_grad(z), "failed", "wrong sign"),
    (activations.sigmoid, lambda z: naive_sigmoid(z) * (1 - naive_sigmoid(z)), "failed", "floating-point error"),
    (activations.sigmoid, lambda z: 1 / 0, "failed", "ZeroDivisionError"),
    (activations.sigmoid, lambda z: 0.25 * np.ones_like(z), "failed", "expected"),
])
def test_sigmoid(sigmoid, sigmoid_grad, status, words):
    assert_feedback(checks.check_sigmoid(sigmoid, sigmoid_grad), status, words)


# --- 3.2 relu -----------------------------------------------------------------------------


def mutating_relu(z):
    z[z < 0] = 0
    return z


@pytest.mark.parametrize("relu, relu_grad, status, words", [
    (activations.relu, activations.relu_grad, "passed", "relu_grad(0) = 0"),
    (stub, activations.relu_grad, "not attempted", "stub"),
    (activations.relu, stub, "not attempted", "stub"),
    (np.abs, activations.relu_grad, "failed", "gives |z|"),
    (lambda z: np.minimum(0, z), activations.relu_grad, "failed", "keeps the negative part"),
    (mutating_relu, activations.relu_grad, "failed", "modified its argument 1 in place"),
    (activations.relu, lambda z: (z >= 0).astype(float), "failed", "gives 1 at z = 0"),
    (activations.relu, activations.relu, "failed", "returns relu(z) itself"),
    (activations.relu, lambda z: (z < 0).astype(float), "failed", "1 on the negative side"),
    (activations.relu, lambda z: 1.0, "failed", "shape"),
    (activations.relu, None, "failed", "not a function"),
])
def test_relu(relu, relu_grad, status, words):
    assert_feedback(checks.check_relu(relu, relu_grad), status, words)


def test_relu_grad_may_return_booleans():
    assert checks.check_relu(activations.relu, lambda z: z > 0).ok


# --- 3.3 leaky relu -----------------------------------------------------------------------


@pytest.mark.parametrize("leaky, leaky_grad, status, words", [
    (activations.leaky_relu, activations.leaky_relu_grad, "passed", "alpha = 0.2"),
    (lambda z, alpha=0.01: np.maximum(z, alpha * z), activations.leaky_relu_grad, "passed", "alpha = 0.2"),
    (stub, stub, "not attempted", "stub"),
    (lambda z, alpha=0.01: activations.leaky_relu(z, 0.01), activations.leaky_relu_grad, "failed", "uses slope 0.01"),
    (lambda z, alpha=0.01: activations.relu(z), activations.leaky_relu_grad, "failed", "ordinary relu"),
    (activations.leaky_relu, lambda z, alpha=0.01: activations.leaky_relu_grad(z, 0.01), "failed", "uses slope 0.01"),
    (activations.leaky_relu, lambda z, alpha=0.01: activations.relu_grad(z), "failed", "0 on the negative side"),
    (activations.leaky_relu, activations.leaky_relu, "failed", "returns the function"),
    (activations.leaky_relu, lambda z: activations.leaky_relu_grad(z), "failed", "TypeError"),
    (activations.leaky_relu, lambda z, alpha=0.01: np.where(z >= 0, 1.0, alpha) * 2, "failed", "expected"),
])
def test_leaky_relu(leaky, leaky_grad, status, words):
    assert_feedback(checks.check_leaky_relu(leaky, leaky_grad), status, words)


# --- 3.4 peaks ----------------------------------------------------------------------------


@pytest.mark.parametrize("s, t, status, words", [
    (0.25, 1.0, "passed", "four times steeper"),
    (0.25, 1, "passed", "four times steeper"),
    (None, None, "not attempted", "set both"),
    (0.25, None, "not attempted", "set both"),
    (0.5, 1.0, "failed", "that is sigmoid(0)"),
    (1.0, 1.0, "failed", "never that steep"),
    (0.3, 1.0, "failed", "not right"),
    (0.25, 0.25, "failed", "the sigmoid's peak"),
    (0.25, 0.5, "failed", "two factors of 2"),
    (0.25, 2.0, "failed", "`tanh_peak` is 2.0"),
    ("0.25", 1.0, "failed", "expected a number"),
    (True, 1.0, "failed", "expected a number"),
])
def test_peaks(s, t, status, words):
    assert_feedback(checks.check_peaks(s, t), status, words)


# --- 3.5 weight gradient ------------------------------------------------------------------


@pytest.mark.parametrize("dw, same, status, words", [
    (np.array([-0.3, -1.05, -0.15]), True, "passed", "one sign"),
    ([-0.3, -1.05, -0.15], np.True_, "passed", "one sign"),
    (None, None, "not attempted", "set both"),
    (np.array([0.2, 0.7, 0.1]), True, "failed", "upstream gradient dL/dz is missing"),
    (np.array([0.3, 1.05, 0.15]), True, "failed", "wrong sign"),
    (np.array([-1.5, -1.5, -1.5]), True, "failed", "repeated"),
    (np.array([-0.3, -1.05]), True, "failed", "shape"),
    (np.array([-0.3, -1.0, -0.15]), True, "failed", "expected -1.05"),
    (np.array([-0.3, -1.05, -0.15]), False, "failed", "`same_sign` is False"),
    (np.array([-0.3, -1.05, -0.15]), "yes", "failed", "True or False"),
])
def test_weight_gradient(dw, same, status, words):
    assert_feedback(checks.check_weight_gradient(dw, same), status, words)


# --- 3.6, 3.7 multiple choice -------------------------------------------------------------


@pytest.mark.parametrize("answer, status, words", [
    ("b", "passed", "exactly 0 wherever z < 0"),
    (None, "not attempted", "can_die"),
    ("a", "failed", "never exactly 0"),
    ("c", "failed", "alpha, not 0"),
    ("d", "failed", "never saturates"),
    ("e", "failed", "not one of the options"),
    (2, "failed", "not one of the options"),
])
def test_can_die(answer, status, words):
    assert_feedback(checks.check_can_die(answer), status, words)


@pytest.mark.parametrize("answer, status, words", [
    ("b", "passed", "tanh(-z) = -tanh(z)"),
    (None, "not attempted", "zero_centred"),
    ("a", "failed", "always positive"),
    ("c", "failed", "never negative"),
    ("d", "failed", "the bias shifts the input"),
    ("B", "failed", "not one of the options"),
])
def test_zero_centred(answer, status, words):
    assert_feedback(checks.check_zero_centred(answer), status, words)


# --- 3.8 learning rate --------------------------------------------------------------------


@pytest.mark.parametrize("lr, status, words", [
    (1.0, "passed", "every seed reached"),
    (2, "passed", "every seed reached"),
    (None, "not attempted", "chosen_lr"),
    (0.05, "failed", "too small to get there"),
    (8.0, "failed", "of the hidden units died"),
    (-1.0, "failed", "positive number"),
    (1e6, "failed", "far too large"),
    ("1.0", "failed", "expected a number"),
    (float("nan"), "failed", "positive number"),
])
def test_learning_rate(lr, status, words):
    assert_feedback(checks.check_learning_rate(lr), status, words)


def test_lr_trial_reports_accuracy_and_dead_fraction():
    acc, dead = checks.lr_trial(1.0, seed=0, steps=50)
    assert 0 <= acc <= 1 and 0 <= dead <= 1
