"""Adversarial tables for the chapter 2 checkers (nnbook.checks.neuron), and the bar of the
training exercise measured against untrained and random weights."""

import numpy as np
import pytest

from adversarial import (crashing, returns_none, right_params, run_right, run_wrong, stub,
                         wrong_params)
from nnkit import activations, losses
from nnbook.checks import neuron as checks

sig = activations.sigmoid


# --- answers ---------------------------------------------------------------------------------

def forward_clips(X, w, b):
    X[X > 100] = 100
    return sig(X @ w + b)


def forward_loop(X, w, b):
    return np.array([sig(x @ w + b) for x in X])


def logistic(s, t):
    m = t * s
    return float(np.mean(np.logaddexp(0, -m))), -t * sig(-m) / len(s)


def logistic_via_y(s, t):
    y = (t + 1) / 2
    loss = np.mean(np.logaddexp(0, s) - y * s)
    return loss, (sig(s) - y) / len(s)


def logistic_stable_by_hand(s, t):
    m = (t * s).astype(np.float32)
    loss = np.mean(np.log1p(np.exp(-np.abs(m))) + np.maximum(-m, 0))
    return loss, (-t * sig(-m) / len(s)).astype(np.float32)


def logistic_naive(s, t):
    return float(np.mean(np.log(1 + np.exp(-t * s)))), -t * sig(-t * s) / len(s)


def logistic_loop(s, t):
    losses_, grads = [], []
    for si, ti in zip(s, t):
        losses_.append(np.logaddexp(0, -ti * si))
        grads.append(-ti * sig(-ti * si) / len(s))
    return float(np.mean(losses_)), np.array(grads)


def hinge(s, y):
    return float(np.mean(np.maximum(0, 1 - (2 * y - 1) * s)))


def hinge_loop(s, y):
    total = 0.0
    for si, yi in zip(s, y):
        total += max(0.0, 1 - (1 if yi == 1 else -1) * si)
    return total / len(s)


def train_gd(X, y):
    w, b = np.zeros(2), 0.0
    for _ in range(500):
        _, d = losses.binary_logistic(X @ w + b, y)
        w, b = w - 0.5 * (X.T @ d), b - 0.5 * d.sum()
    return w, b


def train_means(X, y):
    """No gradient descent: the boundary halfway between the two class means, across their
    difference (right for two round clouds of the same size)."""
    m1, m0 = X[y == 1].mean(axis=0), X[y == 0].mean(axis=0)
    w = m1 - m0
    return w, float(-w @ (m1 + m0) / 2)


def train_my_loss(X, y):
    w, b = np.zeros(2), np.float32(0.0)
    for _ in range(300):
        p = sig(X @ w + b)
        w = w - 1.0 * X.T @ (p - y) / len(y)
        b = b - 1.0 * np.mean(p - y)
    return [w, b]


def train_gradient_once(X, y):
    w, b = np.zeros(2), 0.0
    _, d = losses.binary_logistic(X @ w + b, y)
    for _ in range(500):
        w, b = w - 0.5 * (X.T @ d), b - 0.5 * d.sum()
    return w, b


def train_no_bias(X, y):
    w = np.zeros(2)
    for _ in range(500):
        _, d = losses.binary_logistic(X @ w, y)
        w = w - 0.5 * (X.T @ d)
    return w, 0.0


def train_ascent(X, y):
    w, b = np.zeros(2), 0.0
    for _ in range(200):
        _, d = losses.binary_logistic(X @ w + b, y)
        w, b = w + 0.5 * (X.T @ d), b + 0.5 * d.sum()
    return w, b


def train_exploding(X, y):
    w, b = np.ones(2), 1.0
    for _ in range(2000):
        w, b = w * 1e10, b * 1e10
    return w, b


def hinge_grad(s, y):
    t = 2 * y - 1
    return -t * (1 - t * s > 0) / len(s)


def weight_after(k, w0, g, lr, reg):
    if reg == 0:
        return w0 - k * lr * g
    a = (1 - lr * reg) ** k
    return a * w0 - g * (1 - a) / reg


def weight_after_fixed_point(k, w0, g, lr, reg):
    if reg == 0:
        return float(w0 - k * lr * g)
    star = -g / reg
    return float(np.power(1 - lr * reg, k) * (w0 - star) + star)


def weight_after_loop(k, w0, g, lr, reg):
    w = w0
    for _ in range(k):
        w = w - lr * (g + reg * w)
    return w


def weight_after_no_reg_case(k, w0, g, lr, reg):
    a = (1 - lr * reg) ** k
    return a * w0 - g * (1 - a) / reg


def weight_after_numpy_no_reg_case(k, w0, g, lr, reg):
    a = np.float64(1 - lr * reg) ** k
    return a * w0 - g * (1 - a) / np.float64(reg)


RNG = np.random.default_rng(0)
W_PASTED, B_PASTED = train_gd(*checks.exercise_data(123)[:2])


WRONG = {
    checks.check_forward: [
        ("no bias", (lambda X, w, b: sig(X @ w),), ["ignores the bias"]),
        ("no sigmoid", (lambda X, w, b: X @ w + b,), ["without the sigmoid"]),
        ("flipped", (lambda X, w, b: sig(-(X @ w + b)),), ["sign is flipped"]),
        ("w as a column", (lambda X, w, b: sig(X @ w.reshape(-1, 1) + b),), ["don't reshape"]),
        ("one number", (lambda X, w, b: sig((X * w).sum() + b),), ["shape ()", "expected (4,)"]),
        ("clips X in place", (forward_clips,), ["in place", "`X`"]),
        ("a loop over rows", (forward_loop,), ["once per example"]),
        ("a list", (lambda X, w, b: list(sig(X @ w + b)),), ["list", "numpy array"]),
        ("no return", (returns_none,), ["return"]),
        ("a crash", (crashing,), ["valueerror"]),
        ("tanh", (lambda X, w, b: np.tanh(X @ w + b),), ["expected"]),
        ("output and sum", (lambda X, w, b: (sig(X @ w + b), X @ w + b),), ["one array"]),
        ("booleans", (lambda X, w, b: X @ w + b > 0,), ["booleans"]),
    ],
    checks.check_logistic_loss: [
        ("the {0, 1} loss with signs", (lambda s, t: (float(np.mean(np.logaddexp(0, s) - t * s)),
                                                      logistic(s, t)[1]),), ["{0, 1} formula"]),
        ("a sum", (lambda s, t: (logistic(s, t)[0] * len(s), logistic(s, t)[1]),), ["sum over"]),
        ("t s flipped", (lambda s, t: (float(np.mean(np.logaddexp(0, t * s))),
                                       logistic(s, t)[1]),), ["sign of t s is flipped"]),
        ("gradient not divided by N", (lambda s, t: (logistic(s, t)[0], logistic(s, t)[1] * len(s)),),
         ["n times"]),
        ("gradient sign", (lambda s, t: (logistic(s, t)[0], -logistic(s, t)[1]),), ["wrong sign"]),
        ("sigmoid(t s)", (lambda s, t: (logistic(s, t)[0], -t * sig(t * s) / len(s)),),
         ["instead of sigmoid(-t s)"]),
        ("the {0, 1} gradient", (lambda s, t: (logistic(s, t)[0], (sig(s) - t) / len(s)),),
         ["{0, 1} gradient"]),
        ("(dscores, loss)", (lambda s, t: logistic(s, t)[::-1],), ["wrong order"]),
        ("the loss in a (1,) array", (lambda s, t: (np.array([logistic(s, t)[0]]), logistic(s, t)[1]),),
         ["holding one number"]),
        ("overflow", (logistic_naive,), ["logaddexp"]),
        ("a loop over examples", (logistic_loop,), ["once per example"]),
        ("the loss only", (lambda s, t: logistic(s, t)[0],), ["expected 2 values"]),
        ("dscores as a list", (lambda s, t: (logistic(s, t)[0], list(logistic(s, t)[1])),),
         ["numpy array"]),
        ("no return", (returns_none,), ["returned none"]),
        ("the per-example losses", (lambda s, t: (np.logaddexp(0, -t * s), logistic(s, t)[1]),),
         ["expected one number"]),
    ],
    checks.check_hinge_loss: [
        ("y as the sign", (lambda s, y: float(np.mean(np.maximum(0, 1 - y * s))),), ["labels y in {0, 1}"]),
        ("a sum", (lambda s, y: hinge(s, y) * len(s),), ["sum, not the mean"]),
        ("no margin", (lambda s, y: float(np.mean(np.maximum(0, -(2 * y - 1) * s))),), ["margin of 1"]),
        ("no max", (lambda s, y: float(np.mean(1 - (2 * y - 1) * s)),), ["max(0, .)"]),
        ("loss and gradient", (lambda s, y: (hinge(s, y), hinge_grad(s, y)),), ["one number"]),
        ("per example", (lambda s, y: np.maximum(0, 1 - (2 * y - 1) * s),), ["has shape"]),
        ("a list", (lambda s, y: [hinge(s, y)],), ["list"]),
        ("no return", (returns_none,), ["none", "return"]),
        ("a crash", (crashing,), ["valueerror"]),
        ("a (1,) array", (lambda s, y: np.array([hinge(s, y)]),), ["holding one number"]),
        ("a string", (lambda s, y: str(hinge(s, y)),), ["string"]),
        ("margin 0.5", (lambda s, y: float(np.mean(np.maximum(0, 0.5 - (2 * y - 1) * s))),),
         ["expected"]),
    ],
    checks.check_halving_steps: [
        ("rounded down", (138,), ["round the exact solution up"]),
        ("one too many", (140,), ["already"]),
        ("reg only", (14,), ["only one of lr and reg"]),
        ("lr only", (7,), ["only one of lr and reg"]),
        ("the exact solution", (138.3,), ["not a whole number"]),
        ("a string", ("139",), ["string"]),
        ("a list", ([139],), ["list"]),
        ("True", (True,), ["bool"]),
        ("zero", (0,), ["not the first step"]),
        ("negative", (-139,), ["not the first step"]),
        ("NaN", (float("nan"),), ["finite"]),
    ],
    checks.check_probabilities: [
        (letter, (letter,), ["not the best answer"]) for letter in "acd"] + [
        ("e", ("e",), ["not one of the letters"]), ("a list", (["b"],), ["brackets"]),
        ("a number", (2,), ["letter"]), ("two letters", ("a/b",), ["one letter only"]),
        ("empty", ("",), ["not one of the letters"]), ("True", (True,), ["bool"]),
        ("a set", ({"b"},), ["set", "brackets"]), ("a word", ("logistic",), ["just the letter"]),
    ],
    checks.check_train: [
        ("weights pasted from a scratch run", (lambda X, y: (W_PASTED.copy(), B_PASTED),),
         ["held-out accuracy"]),
        ("the gradient computed once", (train_gradient_once,), ["held-out accuracy"]),
        ("the bias never trained", (train_no_bias,), ["bias matters"]),
        ("untrained", (lambda X, y: (np.zeros(2), 0.0),), ["held-out accuracy"]),
        ("the boundary's sides swapped", (lambda X, y: tuple(-v for v in train_gd(X, y)),),
         ["wrong way round"]),
        ("gradient ascent", (train_ascent,), ["held-out accuracy"]),
        ("(b, w)", (lambda X, y: train_gd(X, y)[::-1],), ["wrong order"]),
        ("w only", (lambda X, y: train_gd(X, y)[0],), ["expected 2 values"]),
        ("w as a column", (lambda X, y: (train_gd(X, y)[0].reshape(2, 1), train_gd(X, y)[1]),),
         ["shape (2, 1)"]),
        ("w as a list", (lambda X, y: (list(train_gd(X, y)[0]), train_gd(X, y)[1]),), ["numpy array"]),
        ("b in a (1,) array", (lambda X, y: (train_gd(X, y)[0], np.array([train_gd(X, y)[1]])),),
         ["holding one number"]),
        ("overflowing weights", (train_exploding,), ["overflowed"]),
        ("two steps", (lambda X, y: (-0.01 * X.T @ (0.5 - y) / len(y), 0.0),), ["held-out accuracy"]),
        ("no return", (returns_none,), ["returned none"]),
        ("a crash", (crashing,), ["valueerror"]),
    ],
    checks.check_hinge_grad: [
        ("N times", (lambda s, y: hinge_grad(s, y) * len(s),), ["n times"]),
        ("sign", (lambda s, y: -hinge_grad(s, y),), ["wrong sign"]),
        ("y as the sign", (lambda s, y: -y * (1 - y * s > 0) / len(s),), ["y in {0, 1}"]),
        ("never switches off", (lambda s, y: -(2 * y - 1) / len(s) * np.ones(len(s)),),
         ["does not switch off"]),
        (">= at the margin", (lambda s, y: -(2 * y - 1) * (1 - (2 * y - 1) * s >= 0) / len(s),),
         ["exactly on the margin"]),
        ("a loop", (lambda s, y: np.array([hinge_grad(np.array([v]), np.array([c]))[0] / len(s)
                                           for v, c in zip(s, y)]),), ["once per example"]),
        ("a list", (lambda s, y: hinge_grad(s, y).tolist(),), ["numpy array"]),
        ("no return", (returns_none,), ["return"]),
        ("a crash", (crashing,), ["valueerror"]),
        ("the loss", (lambda s, y: hinge(s, y),), ["expected an array"]),
        ("a column", (lambda s, y: hinge_grad(s, y)[:, None],), ["shape"]),
        ("booleans", (lambda s, y: 1 - (2 * y - 1) * s > 0,), ["booleans"]),
    ],
    checks.check_weight_after: [
        ("lr twice", (lambda k, w0, g, lr, reg: (1 - lr * reg) ** k * w0 - lr * g * (1 - (1 - lr * reg) ** k) / reg
                      if reg else w0 - k * lr * g,), ["one factor lr too many"]),
        ("pushes uphill", (lambda k, w0, g, lr, reg: weight_after(k, w0, -g, lr, reg),), ["wrong way"]),
        ("one step too many", (lambda k, w0, g, lr, reg: weight_after(k + 1, w0, g, lr, reg),),
         ["one step too many"]),
        ("one step too few", (lambda k, w0, g, lr, reg: weight_after(max(k - 1, 0), w0, g, lr, reg),),
         ["one step too few"]),
        ("pushes do not decay", (lambda k, w0, g, lr, reg: (1 - lr * reg) ** k * w0 - k * lr * g,),
         ["without decaying"]),
        ("a loop over steps", (weight_after_loop,), ["once per step"]),
        ("divides by reg = 0", (weight_after_no_reg_case,), ["reg = 0", "separately"]),
        ("NaN at reg = 0", (weight_after_numpy_no_reg_case,), ["finite", "reg = 0"]),
        ("a list", (lambda *a: [weight_after(*a)],), ["list"]),
        ("a string", (lambda *a: str(weight_after(*a)),), ["string"]),
        ("no return", (returns_none,), ["none"]),
        ("a crash", (crashing,), ["valueerror"]),
        ("w0 never decays", (lambda k, w0, g, lr, reg: weight_after(k, 0.0, g, lr, reg) + w0,),
         ["expected"]),
    ],
}

RIGHT = {
    checks.check_forward: [
        ("activations.sigmoid", (lambda X, w, b: sig(X @ w + b),)),
        ("the naive formula (overflow warnings, right values)",
         (lambda X, w, b: 1 / (1 + np.exp(-(X @ w + b))),)),
        ("through tanh, in float32", (lambda X, w, b: (0.5 * (1 + np.tanh((X @ w + b) / 2))).astype(np.float32),)),
    ],
    checks.check_logistic_loss: [
        ("signs", (logistic,)), ("through y in {0, 1}", (logistic_via_y,)),
        ("by hand, float32", (logistic_stable_by_hand,)),
    ],
    checks.check_hinge_loss: [
        ("reference", (hinge,)), ("a loop", (hinge_loop,)),
        ("nnkit", (lambda s, y: losses.binary_hinge(s, y)[0],)),
    ],
    checks.check_halving_steps: [("int", (139,)), ("float", (139.0,)), ("numpy", (np.int64(139),))],
    checks.check_probabilities: [("b", ("b",)), ("B", ("B",)), ("spaces", (" b ",))],
    checks.check_train: [
        ("gradient descent", (train_gd,)), ("class means", (train_means,)),
        ("own loss, list, float32 bias", (train_my_loss,)),
    ],
    checks.check_hinge_grad: [
        ("reference", (hinge_grad,)),
        ("np.where", (lambda s, y: np.where((2 * y - 1) * s < 1, -(2 * y - 1), 0) / len(s),)),
        ("nnkit", (lambda s, y: losses.binary_hinge(s, y)[1],)),
    ],
    checks.check_weight_after: [("closed form", (weight_after,)),
                                ("fixed point", (weight_after_fixed_point,))],
}


@pytest.mark.parametrize("fn, args, words", wrong_params(WRONG))
def test_wrong_answers_are_named(fn, args, words):
    run_wrong(fn, args, words)


@pytest.mark.parametrize("fn, args", right_params(RIGHT))
def test_right_answers_pass(fn, args):
    run_right(fn, args)


@pytest.mark.parametrize("fn, args", [
    (checks.check_forward, (stub,)), (checks.check_logistic_loss, (stub,)),
    (checks.check_hinge_loss, (stub,)), (checks.check_halving_steps, (None,)),
    (checks.check_probabilities, (None,)), (checks.check_train, (stub,)),
    (checks.check_hinge_grad, (stub,)), (checks.check_weight_after, (stub,)),
])
def test_stubs_are_not_attempted(fn, args):
    assert fn(*args).status == "not attempted"


def test_the_training_bar_is_out_of_reach_of_random_and_untrained_weights():
    """The bar (90% held out on every draw) against what needs no training: over 200 draws,
    the 99th percentile of random directions through the origin (either sign), random
    directions through the data's centre, and all-zero weights; and the reference solution's
    worst draw clears it with room. Measured: origin p99 0.62, zero weights at most 0.54, the
    centre line clears 0.9 on 29% of draws (all five: about 0.2%), the reference at least 0.93."""
    rng = np.random.default_rng(2024)
    origin, centre, worst = [], [], 1.0
    for _ in range(200):
        X, y, X_val, y_val = checks.exercise_data(int(rng.integers(2**32)))
        angle = rng.uniform(0, 2 * np.pi)
        w = np.array([np.cos(angle), np.sin(angle)])
        origin.append(max(checks.neuron_accuracy(s * w, 0.0, X_val, y_val) for s in (1, -1)))
        mid = X.mean(axis=0)
        centre.append(checks.neuron_accuracy(w, -w @ mid, X_val, y_val))
        assert checks.neuron_accuracy(np.zeros(2), 0.0, X_val, y_val) < 0.6
        worst = min(worst, checks.neuron_accuracy(*train_gd(X, y), X_val, y_val))
    assert np.percentile(origin, 99) < 0.65 < checks.TARGET
    # A random line through the data's centre (which already uses the data) passes one draw
    # now and then, but all of a check's draws less than once in a hundred tries.
    assert np.mean(np.array(centre) >= checks.TARGET) ** checks.DRAWS < 0.01
    assert worst >= checks.TARGET + 0.03, worst


def test_two_checks_of_the_same_answer_see_different_data():
    seen = []

    def spy(X, y):
        seen.append(X.copy())
        return train_gd(X, y)

    assert checks.check_train(spy).ok and checks.check_train(spy).ok
    assert len(seen) == 2 * checks.DRAWS and not np.array_equal(seen[0], seen[checks.DRAWS])
