"""The chapter-7 checkers: the reference answers pass, stubs are "not attempted", and each mistake gets its own message."""

import numpy as np
import pytest

from nnbook.checks import capacity as checks


def stub(*args):
    raise NotImplementedError("not attempted yet")


def _assert(feedback, status, words):
    assert feedback.status == status, str(feedback)
    text = str(feedback)
    assert words in text, text
    assert "Traceback" not in text and "checker itself" not in text, text


# --- Exercise 1 -----------------------------------------------------------------------------

@pytest.mark.parametrize("answer, status, words", [
    ("A", "passed", "creases"),
    (" a ", "passed", "creases"),
    (None, "not attempted", "set `answer`"),
    ("B", "failed", "3-unit network"),
    ("C", "failed", "6-unit network"),
    ("D", "failed", "not one of the options"),
    (20, "failed", "expected a letter in quotes"),
    (["A"], "failed", "expected a letter in quotes"),
    ("twenty", "failed", "not one of the options"),
])
def test_check_pictures(answer, status, words):
    _assert(checks.check_pictures(answer), status, words)


# --- Exercise 2 -----------------------------------------------------------------------------

def l2_reference(W, reg):
    return 0.5 * reg * float(np.sum(W ** 2)), reg * W


def l2_mutating(W, reg):
    loss = 0.5 * reg * float(np.sum(W ** 2))
    W *= reg
    return loss, W


@pytest.mark.parametrize("answer, status, words", [
    (l2_reference, "passed", "dW = reg * W"),
    (stub, "not attempted", "replace the stub"),
    (lambda W, reg: None, "failed", "returned None"),
    (lambda W, reg: 0.5 * reg * np.sum(W ** 2), "failed", "expected a pair"),
    (lambda W, reg: (reg * np.sum(W ** 2), reg * W), "failed", "twice the expected"),
    (lambda W, reg: (0.5 * np.sum(W ** 2), reg * W), "failed", "multiply by the strength reg"),
    (lambda W, reg: (0.5 * reg * np.sum(np.abs(W)), reg * W), "failed", "L1 penalty"),
    (lambda W, reg: (0.5 * reg * W ** 2, reg * W), "failed", "expected a single number"),
    (lambda W, reg: (0.5 * reg * np.sum(W ** 2), 2 * reg * W), "failed", "cancels the 2"),
    (lambda W, reg: (0.5 * reg * np.sum(W ** 2), -reg * W), "failed", "wrong sign"),
    (lambda W, reg: (0.5 * reg * np.sum(W ** 2), W), "failed", "equals W"),
    (lambda W, reg: (0.5 * reg * np.sum(W ** 2), reg * W.sum(axis=0)), "failed", "expected W's shape"),
    (lambda W, reg: ("loss", reg * W), "failed", "expected a number"),
    (lambda W, reg: (1 / 0, W), "failed", "ZeroDivisionError"),
    (l2_mutating, "failed", "modified its argument 1 in place"),
])
def test_check_l2_penalty(answer, status, words):
    _assert(checks.check_l2_penalty(answer), status, words)


# --- Exercise 3 -----------------------------------------------------------------------------

@pytest.mark.parametrize("answer, status, words", [
    (0.95, "passed", "0.95 W"),
    (19 / 20, "passed", "keeps 95%"),
    (np.float64(0.95), "passed", "0.95 W"),
    (None, "not attempted", "set `factor`"),
    (0.05, "failed", "how much is taken away"),
    (1.05, "failed", "downhill"),
    (0.9, "failed", "scales the whole step"),
    (0.5, "failed", "not W itself"),
    (0.975, "failed", "the 1/2 cancels"),
    ("0.95", "failed", "expected a number"),
    (0.7, "failed", "not right"),
])
def test_check_shrink_factor(answer, status, words):
    _assert(checks.check_shrink_factor(answer), status, words)


# --- Exercise 4 -----------------------------------------------------------------------------

def step_in_place(W, dW_data, lr, reg):
    W -= lr * (dW_data + reg * W)
    return W


@pytest.mark.parametrize("answer, status, words", [
    (lambda W, d, lr, reg: W - lr * (d + reg * W), "passed", "shrinks W"),
    (lambda W, d, lr, reg: (1 - lr * reg) * W - lr * d, "passed", "shrinks W"),
    (stub, "not attempted", "replace the stub"),
    (lambda W, d, lr, reg: None, "failed", "returned None"),
    (lambda W, d, lr, reg: W - lr * d, "failed", "ignores reg"),
    (lambda W, d, lr, reg: W + lr * (d + reg * W), "failed", "steps uphill"),
    (lambda W, d, lr, reg: W - (lr * d + reg * W), "failed", "does not multiply the L2 part by lr"),
    (lambda W, d, lr, reg: W - lr * (d + 2 * reg * W), "failed", "2 * reg * W"),
    (step_in_place, "failed", "modified its argument 1 in place"),
    (lambda W, d, lr, reg: (W - lr * (d + reg * W)).ravel(), "failed", "has shape"),
    (lambda W, d, lr, reg: W.T, "failed", "shape"),
    (lambda W, d, lr, reg: W - lr * (d + reg * W) + 1, "failed", "expected"),
])
def test_check_sgd_step(answer, status, words):
    _assert(checks.check_sgd_step(answer), status, words)


# --- Exercise 5 -----------------------------------------------------------------------------

@pytest.mark.parametrize("answer, status, words", [
    ("b", "passed", "local minimum"),
    ("B", "passed", "local minimum"),
    (None, "not attempted", "set `answer`"),
    ("a", "failed", "small networks overfit too"),
    ("c", "failed", "cheaper steps"),
    ("d", "failed", "best held-out accuracy"),
    ("e", "failed", "not one of the options"),
    (2, "failed", "expected a letter in quotes"),
])
def test_check_small_network(answer, status, words):
    _assert(checks.check_small_network(answer), status, words)


# --- Exercise 6 -----------------------------------------------------------------------------

def fake(train_acc, val_acc, test_acc):
    return lambda h, r: {"train_acc": train_acc, "val_acc": val_acc, "test_acc": test_acc}


def test_check_tuning_passes_the_reference_with_real_training():
    _assert(checks.check_tuning(20, 0.03), "passed", "generalises")


@pytest.mark.parametrize("hidden_size, reg, evaluate, status, words", [
    (32, 0.1, fake(0.9, 0.85, 0.86), "passed", "generalises"),
    (None, 0.1, None, "not attempted", "set `hidden_size`"),
    (20, None, None, "not attempted", "set `reg`"),
    (3, 0.0, None, "failed", "at least 20 units"),
    (0, 0.0, None, "failed", "at least one unit"),
    (500, 0.01, None, "failed", "stay at or below 64"),
    (20.5, 0.01, None, "failed", "not a whole number"),
    (20, -0.1, None, "failed", "cannot be negative"),
    (20, "0.1", None, "failed", "expected a number"),
    (20, float("nan"), None, "failed", "finite number"),
    (20, 0.0, fake(1.0, 0.80, 0.78), "failed", "it overfits, so increase reg"),
    (20, 0.005, fake(0.93, 0.82, 0.83), "failed", "between 0.001 and 0.3"),
    (20, 3.0, fake(0.5, 0.5, 0.5), "failed", "one class everywhere"),
    (20, 0.02, fake(0.9, 0.84, 0.80), "failed", "fresh test set is below"),
])
def test_check_tuning_messages(hidden_size, reg, evaluate, status, words):
    _assert(checks.check_tuning(hidden_size, reg, evaluate=evaluate), status, words)
