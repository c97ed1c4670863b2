"""Checks for the exercises of chapter 2 (the neuron): a neuron's forward pass, the binary logistic loss and its gradient, the hinge loss, L2 forgetting by hand, which loss gives probabilities, and training a neuron to a target accuracy.

Each checker runs the learner's answer on several inputs including edge cases (negative and
large scores, a batch of one) and returns a ``Feedback`` that says "passed" only when nothing
failed.  Common mistakes get their own message: no bias, no sigmoid, a sum instead of a mean,
a gradient not divided by N or with the wrong sign, labels {0, 1} used where the hinge needs
{-1, +1}, an overflow for large scores.  Shapes: N examples, D inputs; scores (N,), y (N,).
"""

from __future__ import annotations

import math
import warnings

import numpy as np

from nnkit import activations, datasets
from nnbook.checks import core


def _sigmoid(z):
    return activations.sigmoid(z)


def _logistic(scores, y):
    loss = float(np.mean(np.logaddexp(0, scores) - y * scores))  # log(1 + e^s) - y s, stable
    return loss, (_sigmoid(scores) - y) / len(scores)


def _hinge(scores, y):
    t = 2 * y - 1
    return float(np.mean(np.maximum(0, 1 - t * scores)))


def _quiet_call(fn, *args, inputs):
    """core.call with numpy's overflow warnings silenced (the values are checked instead)."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        return core.call(fn, *args, inputs=inputs)


def _pair(result, name, inputs):
    if result is None:
        raise core.CheckFailed(f"`{name}` returned None for {inputs}", "return the pair `loss, dscores`")
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise core.CheckFailed(f"`{name}` returned {type(result).__name__} for {inputs}; expected a pair (loss, dscores)",
                               "end with `return loss, dscores`")
    return result


def _scalar(value, what, inputs):
    if value is None:
        raise core.CheckFailed(f"{what} for {inputs} is None", "did you forget a `return` statement?")
    arr = np.asarray(value, dtype=float) if not isinstance(value, str) else None
    if arr is None or arr.size != 1:
        shape = None if arr is None else arr.shape
        raise core.CheckFailed(f"{what} for {inputs} has shape {shape}; expected one number",
                               "average the per-example losses with np.mean to get a single float")
    return float(arr.reshape(()))


# --- Exercise 2.1: a neuron's forward pass ------------------------------------------------


@core.checker("Exercise 2.1 (neuron_forward)")
def check_forward(neuron_forward):
    """neuron_forward(X, w, b) = sigmoid(X @ w + b): X (N, D), w (D,), b float -> (N,)."""
    rng = np.random.default_rng(301)
    cases = [("X (4, 3), w (3,), b = 0.5", (rng.standard_normal((4, 3)), rng.standard_normal(3), 0.5)),
             ("a batch of one, X (1, 2)", (rng.standard_normal((1, 2)), rng.standard_normal(2), -1.0)),
             ("one input, D = 1", (rng.standard_normal((5, 1)), np.array([2.0]), 0.0)),
             ("negative b = -3", (rng.standard_normal((3, 4)), rng.standard_normal(4), -3.0)),
             ("large sums, |X @ w| ~ 1000", (np.array([[1000.0, 0.0], [-1000.0, 0.0], [0.0, 2.0]]),
                                              np.array([1.0, 0.5]), 0.0))]
    for label, (X, w, b) in cases:
        out = _quiet_call(neuron_forward, X, w, b, inputs=label)
        expected = _sigmoid(X @ w + b)
        if out is not None and np.shape(out) == expected.shape:
            arr = np.asarray(out, dtype=float)
            if b != 0 and np.allclose(arr, _sigmoid(X @ w)) and not np.allclose(arr, expected):
                raise core.CheckFailed(f"your output for {label} ignores the bias b",
                                       "the cell body adds the bias: sigmoid(X @ w + b)")
            if np.allclose(arr, X @ w + b) and not np.allclose(arr, expected):
                raise core.CheckFailed(f"your output for {label} is the weighted sum itself, without the sigmoid",
                                       "pass X @ w + b through 1 / (1 + exp(-z)) (or activations.sigmoid)")
            if np.allclose(arr, 1 - expected) and not np.allclose(arr, expected):
                raise core.CheckFailed(f"your output for {label} is 1 - sigmoid(...): a sign is flipped",
                                       "sigmoid(z) = 1 / (1 + exp(-z)): note the minus sign")
        if out is not None and np.shape(out) == (len(X), 1):
            raise core.CheckFailed(f"your output for {label} has shape {np.shape(out)}; expected ({len(X)},)",
                                   "w is a vector (D,), so X @ w has shape (N,); don't reshape w into a column")
        core.compare(out, expected, what="the neuron's output", inputs=label,
                     hint="one firing rate per row of X: sigmoid(X @ w + b), shape (N,)")
    return "your neuron computes sigmoid(X @ w + b) for every row, even for large sums"


# --- Exercise 2.2: the binary logistic loss and its gradient -------------------------------


@core.checker("Exercise 2.2 (logistic_loss)")
def check_logistic_loss(logistic_loss):
    """logistic_loss(scores, y) -> (mean cross-entropy, dscores = (sigmoid(s) - y) / N)."""
    rng = np.random.default_rng(302)
    cases = [("scores [2, -1, 0.5, 0], y [1, 0, 0, 1]", np.array([2.0, -1.0, 0.5, 0.0]), np.array([1, 0, 0, 1])),
             ("a batch of one, scores [0.3], y [1]", np.array([0.3]), np.array([1])),
             ("8 random scores", rng.standard_normal(8) * 3, rng.integers(0, 2, 8)),
             ("large scores [1000, -1000, 30], y [0, 1, 1]", np.array([1000.0, -1000.0, 30.0]), np.array([0, 1, 1]))]
    for label, s, y in cases:
        result = _pair(_quiet_call(logistic_loss, s, y, inputs=label), "logistic_loss", label)
        loss, dscores = result
        expected_loss, expected_d = _logistic(s, y)
        value = _scalar(loss, "the loss", label)
        if not math.isfinite(value):
            raise core.CheckFailed(f"the loss for {label} is {value}; expected {expected_loss:.6g}",
                                   "log(sigmoid(s)) overflows or hits log(0) for large |s|; use "
                                   "-log sigmoid(s) = np.logaddexp(0, -s), which never overflows")
        n = len(s)
        if n > 1 and np.isclose(value, expected_loss * n) and not np.isclose(value, expected_loss):
            raise core.CheckFailed(f"the loss for {label} is {value:.6g}, the sum over examples; expected the mean "
                                   f"{expected_loss:.6g}", "divide by N (np.mean instead of np.sum)")
        if not np.isclose(value, expected_loss, rtol=1e-6, atol=1e-9):
            raise core.CheckFailed(f"the loss for {label} is {value:.6g}; expected {expected_loss:.6g}",
                                   "loss = mean of -[y log sigmoid(s) + (1 - y) log(1 - sigmoid(s))]")
        if dscores is not None and np.shape(dscores) == expected_d.shape:
            d = np.asarray(dscores, dtype=float)
            if n > 1 and np.allclose(d, expected_d * n) and not np.allclose(d, expected_d):
                raise core.CheckFailed(f"dscores for {label} is N times too large",
                                       "the loss is a mean, so its gradient is (sigmoid(s) - y) / N")
            if np.allclose(d, -expected_d) and not np.allclose(d, expected_d):
                raise core.CheckFailed(f"dscores for {label} has the wrong sign",
                                       "the gradient is (sigmoid(s) - y) / N: it is positive where the "
                                       "probability is too high")
            if np.allclose(d, _sigmoid(s) * (1 - _sigmoid(s)) / n) and not np.allclose(d, expected_d):
                raise core.CheckFailed(f"dscores for {label} is sigmoid'(s) / N, the derivative of the sigmoid alone",
                                       "differentiate the whole loss: the log cancels sigmoid', leaving sigmoid(s) - y")
        core.compare(dscores, expected_d, what="dscores", inputs=label,
                     hint="dscores = (sigmoid(s) - y) / N, one entry per score")
    return "your loss and gradient match, and stay finite for scores of +-1000"


# --- Exercise 2.3: the hinge loss ---------------------------------------------------------


@core.checker("Exercise 2.3 (hinge_loss)")
def check_hinge_loss(hinge_loss):
    """hinge_loss(scores, y) = mean of max(0, 1 - t s) with t = 2y - 1."""
    rng = np.random.default_rng(303)
    cases = [("scores [2, -1, 0.5, 0], y [1, 0, 0, 1]", np.array([2.0, -1.0, 0.5, 0.0]), np.array([1, 0, 0, 1])),
             ("a batch of one, scores [-0.5], y [1]", np.array([-0.5]), np.array([1])),
             ("every point beyond the margin", np.array([3.0, -2.0, 1.5]), np.array([1, 0, 1])),
             ("10 random scores", rng.standard_normal(10) * 2, rng.integers(0, 2, 10)),
             ("large scores [1000, -1000], y [0, 0]", np.array([1000.0, -1000.0]), np.array([0, 0]))]
    for label, s, y in cases:
        value = _scalar(_quiet_call(hinge_loss, s, y, inputs=label), "the loss", label)
        expected = _hinge(s, y)
        n = len(s)
        wrong_t = float(np.mean(np.maximum(0, 1 - y * s)))
        if np.isclose(value, wrong_t) and not np.isclose(value, expected):
            raise core.CheckFailed(f"the loss for {label} is {value:.6g}, what you get using the labels y in {{0, 1}} "
                                   f"as the sign; expected {expected:.6g}",
                                   "turn the labels into signs first: t = 2 * y - 1 is +1 for class 1 and -1 for class 0")
        if n > 1 and np.isclose(value, expected * n) and not np.isclose(value, expected):
            raise core.CheckFailed(f"the loss for {label} is {value:.6g}, the sum; expected the mean {expected:.6g}",
                                   "divide by N (np.mean instead of np.sum)")
        no_margin = float(np.mean(np.maximum(0, -(2 * y - 1) * s)))
        if np.isclose(value, no_margin) and not np.isclose(value, expected):
            raise core.CheckFailed(f"the loss for {label} is {value:.6g}, without the margin of 1; expected {expected:.6g}",
                                   "the hinge is max(0, 1 - t * s): a point must clear the boundary by 1 to cost nothing")
        if np.isclose(value, float(np.mean(1 - (2 * y - 1) * s))) and not np.isclose(value, expected):
            raise core.CheckFailed(f"the loss for {label} is {value:.6g}, without the max(0, .); expected {expected:.6g}",
                                   "points beyond the margin cost 0, not a negative amount: use np.maximum(0, ...)")
        if not np.isclose(value, expected, rtol=1e-6, atol=1e-9):
            raise core.CheckFailed(f"the loss for {label} is {value:.6g}; expected {expected:.6g}",
                                   "loss = mean over examples of max(0, 1 - t * s) with t = 2y - 1")
    return "your hinge loss matches on every input, including points beyond the margin"


# --- Exercise 2.4: how long until L2 halves a weight ---------------------------------------

HALVING_LR, HALVING_REG = 0.1, 0.05


@core.checker("Exercise 2.4 (halving steps)")
def check_halving_steps(steps):
    """Smallest whole k with (1 - 0.1 * 0.05)^k <= 1/2: k = 139."""
    if steps is None:
        raise core.NotAttempted("set `steps` to a whole number, then run this cell again")
    if isinstance(steps, bool) or not isinstance(steps, (int, float, np.integer, np.floating)):
        raise core.CheckFailed(f"`steps` is {steps!r} ({type(steps).__name__}); expected a whole number",
                               "write the number itself, for example `steps = 42`")
    factor = 1 - HALVING_LR * HALVING_REG
    exact = math.log(0.5) / math.log(factor)
    answer = math.ceil(exact)
    if not float(steps).is_integer():
        raise core.CheckFailed(f"`steps` is {steps!r}, not a whole number of steps",
                               f"the exact solution of (1 - lr*reg)^k = 1/2 is {exact:.2f}; round it the right way")
    k = int(steps)
    if k == answer - 1:
        raise core.CheckFailed(f"after {k} steps the weight is still {factor ** k:.4f} of its start, above one half",
                               "round the exact solution up, not down")
    if k == answer + 1:
        raise core.CheckFailed(f"after {k - 1} steps the weight is already {factor ** (k - 1):.4f} of its start",
                               "the question asks for the first step at which it is at most half")
    if k == math.ceil(math.log(0.5) / math.log(1 - HALVING_REG)) or k == math.ceil(math.log(0.5) / math.log(1 - HALVING_LR)):
        raise core.CheckFailed(f"`steps` = {k} uses only one of lr and reg",
                               "each step multiplies the weight by 1 - lr * reg")
    if k != answer:
        raise core.CheckFailed(f"after {k} steps the weight is {factor ** k:.4f} of its start; "
                               "that is not the first step at which it is at most one half",
                               "solve (1 - lr * reg)^k <= 1/2 for k with logarithms")
    return f"{answer} steps: (1 - {HALVING_LR} * {HALVING_REG})^{answer} = {factor ** answer:.4f} <= 0.5 < {factor ** (answer - 1):.4f}"


# --- Exercise 2.5: which loss gives probabilities? -----------------------------------------

PROBABILITY_OPTIONS = {
    "a": "Yes: with the cross-entropy loss the neuron's sigmoid(w . x + b) is trained to be P(y = 1 | x), "
         "so it says how sure the neuron is, and 1 - sigmoid(...) is P(y = 0 | x).",
    "b": "No: the hinge loss only asks the score to clear the margin; any score above 1 is equally good, so the "
         "size of the score carries no probability and need not lie in (0, 1).",
    "c": "No: only one of them does; the hinge loss is zero for every score beyond the margin, so nothing "
         "calibrates its scores as probabilities.",
    "d": "No: the logistic neuron's output is trained as a probability (its loss is the negative log of it).",
}


@core.checker("Exercise 2.5 (which loss gives probabilities)")
def check_probabilities(answer):
    """Option a: the logistic (binary softmax) neuron."""
    return core.choice(answer, PROBABILITY_OPTIONS, "a", what="`answer`")


# --- Exercise 2.6: train a neuron to 95% ----------------------------------------------------

TARGET = 0.95
TRAIN_SEED = 7


def exercise_data():
    """The data of Exercise 2.6: X_train (140, 2), y_train, X_val (60, 2), y_val, labels in {0, 1}.

    Two Gaussian clouds (std 1.5) turned by 35 degrees and moved off the origin, as in chapter 2.
    """
    rng = np.random.default_rng(TRAIN_SEED)
    X, y = datasets.blobs(n=200, num_classes=2, std=1.5, rng=rng)
    c, s = np.cos(np.deg2rad(35.0)), np.sin(np.deg2rad(35.0))
    X = X @ np.array([[c, s], [-s, c]]) + np.array([1.5, 1.0])
    return datasets.split(X, y, held_out=0.3, rng=rng)


@core.checker("Exercise 2.6 (train a neuron)")
def check_train(train_my_neuron):
    """train_my_neuron(X_train, y_train) -> (w (2,), b): held-out accuracy >= 95%."""
    X, y, X_val, y_val = exercise_data()
    result = _quiet_call(train_my_neuron, X, y, inputs="the exercise's training data")
    if result is None:
        raise core.CheckFailed("`train_my_neuron` returned None", "return the pair `w, b`")
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise core.CheckFailed(f"`train_my_neuron` returned {type(result).__name__}; expected a pair (w, b)",
                               "end with `return w, b`")
    w, b = result
    try:
        w = np.asarray(w, dtype=float).reshape(-1)
        b = float(np.asarray(b, dtype=float).reshape(()))
    except (TypeError, ValueError):
        raise core.CheckFailed("w must be 2 numbers and b one number",
                               "return w as an array of shape (2,) and b as a float") from None
    if w.shape != (2,):
        raise core.CheckFailed(f"w has {w.size} entries; expected 2 (one per input)",
                               "return w as an array of shape (2,) and b as a float")
    if not (np.all(np.isfinite(w)) and math.isfinite(b)):
        raise core.CheckFailed(f"w = {w} and b = {b} are not all finite", "a smaller learning rate keeps training stable")
    val_acc = float(np.mean((X_val @ w + b > 0) == (y_val == 1)))
    train_acc = float(np.mean((X @ w + b > 0) == (y == 1)))
    if val_acc < 1 - TARGET and 1 - val_acc >= TARGET:
        raise core.CheckFailed(f"held-out accuracy is {val_acc:.1%}: the neuron predicts the classes the wrong way round",
                               "class 1 is where w . x + b > 0; check the sign of your gradient step (w -= lr * dw)")
    if val_acc < TARGET:
        raise core.CheckFailed(f"held-out accuracy is {val_acc:.1%} (training {train_acc:.1%}); the target is {TARGET:.0%}",
                               "train longer, or try a larger learning rate; the bias matters too because the "
                               "data is not centred at the origin")
    return f"held-out accuracy {val_acc:.1%} (training {train_acc:.1%}), at least {TARGET:.0%}"
