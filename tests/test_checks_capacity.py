"""Adversarial tables for the chapter 7 checkers (nnbook.checks.capacity), and the facts the
solution of exercise 7.1 states about its pictures."""

import numpy as np
import pytest

from adversarial import (crashing, returns_none, right_params, run_right, run_wrong, stub,
                         wrong_params)
from nnkit import losses
from nnbook.checks import capacity as checks


# --- answers ---------------------------------------------------------------------------------

def l2(W, reg):
    return 0.5 * reg * float(np.sum(W ** 2)), reg * W


def l2_in_place(W, reg):
    loss = 0.5 * reg * float(np.sum(W ** 2))
    W *= reg
    return loss, W


def step(W, dW, lr, reg):
    return W - lr * (dW + reg * W)


def step_in_place(W, dW, lr, reg):
    W -= lr * (dW + reg * W)
    return W


def shrunk(w, a, reg):
    return a * w / (a + reg)


def dropout(H, p, rng):
    keep = rng.random(H.shape) >= p
    return H * keep / (1 - p)


def dropout_where(H, p, rng):
    u = rng.uniform(size=H.shape)
    return np.where(u < p, 0.0, H / (1.0 - p)).astype(np.float32)


def dropout_variant(kind):
    def variant(H, p, rng):
        mask = rng.random(H.shape) >= p
        if kind == "no rescale":
            return H * mask
        if kind == "times 1 - p":
            return H * mask * (1 - p)
        if kind == "over p":
            return H * mask / p if p else H * mask
        if kind == "keeps p":
            keep = rng.random(H.shape) < p
            return H * keep / p if p else H
        if kind == "global":
            return H * (np.random.random(H.shape) >= p) / (1 - p)
        if kind == "fixed seed":
            local = np.random.default_rng(0)
            return H * (local.random(H.shape) >= p) / (1 - p)
        if kind == "mask":
            return mask.astype(float)
        if kind == "pair":
            return H * mask / (1 - p), mask
        if kind == "by value":
            return np.where(H < np.quantile(H, p), 0.0, H / (1 - p))
        raise AssertionError(kind)
    variant.__name__ = "dropout_" + kind.replace(" ", "_")
    return variant


def dropout_in_place(H, p, rng):
    H *= (rng.random(H.shape) >= p) / (1 - p)
    return H


WRONG = {
    checks.check_pictures: [
        ("A", ("A",), ["not the best answer", "6-unit"]), ("C", ("C",), ["not the best answer", "3-unit"]),
        ("D", ("D",), ["not one of the letters"]), ("a list", (["B"],), ["brackets"]),
        ("a number", (20,), ["letter"]), ("two letters", ("A or B",), ["just the letter"]),
        ("empty", ("",), ["not one of the letters"]), ("True", (True,), ["bool"]),
        ("the size", ("20",), ["just the letter"]), ("a tuple", (("B", "C"),), ["tuple"]),
    ],
    checks.check_l2_penalty: [
        ("no 1/2", (lambda W, reg: (reg * float(np.sum(W ** 2)), reg * W),), ["twice"]),
        ("no reg", (lambda W, reg: (0.5 * float(np.sum(W ** 2)), reg * W),), ["strength reg"]),
        ("L1", (lambda W, reg: (0.5 * reg * float(np.sum(np.abs(W))), reg * W),), ["l1"]),
        ("square of the sum", (lambda W, reg: (0.5 * reg * float(np.sum(W)) ** 2, reg * W),), ["square each"]),
        ("2 reg W", (lambda W, reg: (l2(W, reg)[0], 2 * reg * W),), ["2 * reg * w"]),
        ("sign", (lambda W, reg: (l2(W, reg)[0], -reg * W),), ["wrong sign"]),
        ("dW = W", (lambda W, reg: (l2(W, reg)[0], W),), ["equals w"]),
        ("(dW, loss)", (lambda W, reg: l2(W, reg)[::-1],), ["wrong order"]),
        ("per-entry loss", (lambda W, reg: (0.5 * reg * W ** 2, reg * W),), ["shape"]),
        ("in place", (l2_in_place,), ["in place", "`w`"]),
        ("the loss only", (lambda W, reg: l2(W, reg)[0],), ["expected 2 values"]),
        ("no return", (returns_none,), ["returned none"]),
        ("a crash", (crashing,), ["valueerror"]),
    ],
    checks.check_shrink_factor: [
        ("lr * reg", (0.06,), ["taken away"]), ("uphill", (1.06,), ["downhill"]),
        ("no lr", (0.8,), ["learning rate scales"]), ("lr on W", (0.7,), ["multiplies the gradient"]),
        ("half", (0.97,), ["1/2"]), ("a string", ("0.94",), ["string"]), ("a list", ([0.94],), ["list"]),
        ("True", (True,), ["bool"]), ("NaN", (float("nan"),), ["finite"]), ("the old answer", (0.95,), ["not right"]),
        ("a percentage", (94,), ["not right"]),
    ],
    checks.check_sgd_step: [
        ("no reg", (lambda W, d, lr, reg: W - lr * d,), ["ignores reg"]),
        ("uphill", (lambda W, d, lr, reg: W + lr * (d + reg * W),), ["uphill"]),
        ("L2 without lr", (lambda W, d, lr, reg: W - (lr * d + reg * W),), ["not multiply the l2 part"]),
        ("2 reg", (lambda W, d, lr, reg: W - lr * (d + 2 * reg * W),), ["2 * reg * w"]),
        ("in place", (step_in_place,), ["in place", "`w`"]),
        ("no return", (returns_none,), ["none"]),
        ("a list", (lambda *a: step(*a).tolist(),), ["list"]),
        ("the step only", (lambda W, d, lr, reg: lr * (d + reg * W),), ["expected"]),
        ("a crash", (crashing,), ["valueerror"]),
        ("new W and loss", (lambda *a: (step(*a), 0.0),), ["tuple"]),
        ("transposed", (lambda *a: step(*a).T,), ["shape"]),
    ],
    checks.check_small_network: [
        (letter, (letter,), ["not the best answer"]) for letter in "bcd"] + [
        ("e", ("e",), ["not one of the letters"]), ("a list", (["a"],), ["brackets"]),
        ("a number", (1,), ["letter"]), ("two letters", ("a, b",), ["one letter only"]),
        ("empty", ("",), ["not one of the letters"]), ("True", (True,), ["bool"]),
        ("a word", ("small",), ["just the letter"]), ("bytes", (b"a",), ["letter"]),
    ],
    checks.check_tuning: [
        ("a small network", (3, 0.01), ["large network"]),
        ("too large", (100, 0.01), ["at or below 64"]),
        ("negative reg", (20, -0.01), ["cannot be negative"]),
        ("no reg: overfits", (20, 0.0), ["overfits"]),
        ("huge reg", (20, 10.0), ["one class"]),
        ("a string", ("20", 0.01), ["string"]),
        ("a fraction of a unit", (20.5, 0.01), ["whole number"]),
        ("a list", (20, [0.01]), ["list"]),
        ("True", (True, 0.01), ["bool"]),
        ("NaN", (20, float("nan")), ["finite"]),
        ("zero units", (0, 0.01), ["at least one unit"]),
    ],
    checks.check_shrunk_optimum: [
        ("a = 1", (lambda w, a, reg: w / (1 + reg),), ["curvature"]),
        ("minus reg", (lambda w, a, reg: a * w / (a - reg),), ["away from 0"]),
        ("one step", (lambda w, a, reg: w * (1 - reg),), ["one step of forgetting"]),
        ("what was taken", (lambda w, a, reg: reg * w / (a + reg),), ["taken away"]),
        ("2 reg", (lambda w, a, reg: a * w / (a + 2 * reg),), ["2 reg w"]),
        ("a loop", (lambda w, a, reg: np.array([a.flat[i] * w.flat[i] / (a.flat[i] + reg) for i in range(w.size)]
                                               ).reshape(w.shape),), ["once per entry"]),
        ("a list", (lambda *a: shrunk(*a).tolist(),), ["list"]),
        ("no return", (returns_none,), ["return"]),
        ("a crash", (crashing,), ["valueerror"]),
        ("w_star unchanged", (lambda w, a, reg: w,), ["expected"]),
        ("flattened", (lambda *a: shrunk(*a).ravel(),), ["shape"]),
    ],
    checks.check_dropout_forward: [
        (kind, (dropout_variant(kind),), words) for kind, words in (
            ("no rescale", ["without rescaling"]), ("times 1 - p", ["multiplies the kept units by 1 - p"]),
            ("over p", ["divides by p"]), ("keeps p", ["not of keeping"]),
            ("global", ["global generator"]), ("fixed seed", ["fixed seed"]),
            ("mask", ["expected"]), ("pair", ["one array"]), ("by value", ["different seeds dropped the same units", "not by their values"]))] + [
        ("in place", (dropout_in_place,), ["in place", "`h`"]),
        ("no return", (returns_none,), ["none"]),
        ("a crash", (crashing,), ["valueerror"]),
    ],
}

RIGHT = {
    checks.check_pictures: [("B", ("B",)), ("b", ("b",)), ("spaced", (" B ",))],
    checks.check_l2_penalty: [("reference", (l2,)), ("nnkit, as a list", (lambda W, reg: list(losses.l2_penalty(W, reg)),)),
                              ("float32", (lambda W, reg: (np.float32(0.5 * reg * np.sum(W * W)), (reg * W).astype(np.float32)),))],
    checks.check_shrink_factor: [("0.94", (0.94,)), ("an expression", (1 - 0.3 * 0.2,)), ("numpy", (np.float32(0.94),))],
    checks.check_sgd_step: [("reference", (step,)),
                            ("factored", (lambda W, d, lr, reg: (1 - lr * reg) * W - lr * d,))],
    checks.check_small_network: [("a", ("a",)), ("A", ("A",)), ("(a)", ("(a)",))],
    checks.check_tuning: [("20, 0.03", (20, 0.03)), ("floats, numpy", (20.0, np.float64(0.05)))],
    checks.check_shrunk_optimum: [("formula", (shrunk,)), ("as a fraction", (lambda w, a, reg: w / (1 + reg / a),))],
    checks.check_dropout_forward: [("mask", (dropout,)), ("np.where, float32", (dropout_where,))],
}


@pytest.mark.parametrize("fn, args, words", wrong_params(WRONG))
def test_wrong_answers_are_named(fn, args, words):
    run_wrong(fn, args, words)


@pytest.mark.parametrize("fn, args", right_params(RIGHT))
def test_right_answers_pass(fn, args):
    run_right(fn, args)


@pytest.mark.parametrize("fn, args", [
    (checks.check_pictures, (None,)), (checks.check_l2_penalty, (stub,)),
    (checks.check_shrink_factor, (None,)), (checks.check_sgd_step, (stub,)),
    (checks.check_small_network, (None,)), (checks.check_tuning, (None, 0.01)),
    (checks.check_shrunk_optimum, (stub,)), (checks.check_dropout_forward, (stub,)),
])
def test_stubs_are_not_attempted(fn, args):
    assert fn(*args).status == "not attempted"


def test_the_picture_solution_is_true():
    """The solution says: the 20-unit panel fits every training point, the other two leave
    stray points on the wrong side."""
    acc = checks.picture_accuracies()
    twenty = "ABC"[checks._PANELS.index(20)]
    assert acc[twenty] == 1.0
    assert all(v < 1.0 for k, v in acc.items() if k != twenty)


def test_the_shrunk_optimum_is_the_minimum():
    rng = np.random.default_rng(0)
    w_star, a, reg = rng.normal(size=4), rng.uniform(0.5, 2, 4), 0.7
    w = checks.shrunk_reference(w_star, a, reg)
    grad = a * (w - w_star) + reg * w
    assert np.allclose(grad, 0)
