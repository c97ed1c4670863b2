"""Adversarial tables for the chapter 3 checkers (nnbook.checks.activations)."""

import math

import numpy as np
import pytest

from adversarial import (crashing, returns_none, right_params, run_right, run_wrong, stub,
                         wrong_params)
from nnkit import activations
from nnbook.checks import activations as checks

sig, sig_grad = activations.sigmoid, activations.sigmoid_grad
relu, relu_grad = activations.relu, activations.relu_grad
leaky, leaky_grad = activations.leaky_relu, activations.leaky_relu_grad


# --- answers ---------------------------------------------------------------------------------

def stable_sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_by_tanh(z):
    return (0.5 * (1 + np.tanh(z / 2))).astype(np.float32)


def naive_sigmoid(z):
    return 1 / (1 + np.exp(-z))


def where_sigmoid(z):
    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))


def ratio_sigmoid(z):
    return np.exp(z) / (1 + np.exp(z))


def in_place_sigmoid(z):
    z *= -1
    return stable_sigmoid(-z)


def grad_with_naive(z):
    s = naive_sigmoid(z)
    return s * (1 - s)


def in_place_relu(z):
    z[z < 0] = 0
    return z


def np_max_relu(z):
    return np.max(0, z)


def python_max_relu(z):
    return max(0, z)


def in_place_leaky(z, alpha=0.01):
    z[z < 0] *= alpha
    return z


def prelu(dout, z, alpha):
    return dout * np.where(z > 0, 1.0, alpha), (dout * np.minimum(z, 0)).sum(axis=0)


def prelu_einsum(dout, z, alpha):
    negative = z < 0
    return dout * leaky_grad(z, alpha), np.einsum("nh,nh->h", dout, z * negative)


def prelu_loop(dout, z, alpha):
    dz = np.zeros_like(z)
    dalpha = np.zeros(z.shape[1])
    for n in range(z.shape[0]):
        dz[n] = dout[n] * np.where(z[n] > 0, 1.0, alpha)
        dalpha += dout[n] * np.minimum(z[n], 0)
    return dz, dalpha


def maxout(X, W1, b1, W2, b2, dout):
    first = (X @ W1 + b1) > (X @ W2 + b2)
    d1, d2 = dout * first, dout * ~first
    return X.T @ d1, d1.sum(axis=0), X.T @ d2, d2.sum(axis=0)


def maxout_stacked(X, W1, b1, W2, b2, dout):
    Z = np.stack([X @ W1 + b1, X @ W2 + b2])  # (2, N, H)
    dZ = dout * (Z.argmax(axis=0) == np.arange(2)[:, None, None])
    dW = np.einsum("nd,knh->kdh", X, dZ)
    db = dZ.sum(axis=1)
    return [dW[0], db[0], dW[1], db[1]]


def maxout_loop(X, W1, b1, W2, b2, dout):
    grads = [np.zeros_like(W1), np.zeros_like(b1), np.zeros_like(W2), np.zeros_like(b2)]
    for x, d in zip(X, dout):
        first = (x @ W1 + b1) > (x @ W2 + b2)
        grads[0] += np.outer(x, d * first)
        grads[1] += d * first
        grads[2] += np.outer(x, d * ~first)
        grads[3] += d * ~first
    return tuple(grads)


def _maxout_variant(kind):
    def variant(X, W1, b1, W2, b2, dout):
        g = maxout(X, W1, b1, W2, b2, dout)
        if kind == "both":
            return X.T @ dout, dout.sum(0), X.T @ dout, dout.sum(0)
        if kind == "losing":
            return maxout(X, W2, b2, W1, b1, dout)
        if kind == "relu":
            m1, m2 = X @ W1 + b1 > 0, X @ W2 + b2 > 0
            return X.T @ (dout * m1), (dout * m1).sum(0), X.T @ (dout * m2), (dout * m2).sum(0)
        if kind == "transposed":
            return g[0].T, g[1], g[2].T, g[3]
        if kind == "mean":
            return tuple(v / len(X) for v in g)
        if kind == "order":
            return g[0], g[2], g[1], g[3]
        if kind == "three":
            return g[:3]
        if kind == "lists":
            return tuple(v.tolist() for v in g)
        raise AssertionError(kind)
    variant.__name__ = f"maxout_{kind}"
    return variant


WRONG = {
    checks.check_sigmoid: [
        ("the naive formula overflows", (naive_sigmoid, sig_grad), ["overflows", "exp(-|z|)"]),
        ("np.where evaluates both branches", (where_sigmoid, sig_grad), ["overflows", "both"]),
        ("e^z / (1 + e^z)", (ratio_sigmoid, sig_grad), ["overflows"]),
        ("1 - sigmoid", (lambda z: 1 - stable_sigmoid(z), sig_grad), ["sign is flipped"]),
        ("the function as its derivative", (stable_sigmoid, stable_sigmoid), ["itself"]),
        ("1 + sigmoid", (stable_sigmoid, lambda z: sig(z) * (1 + sig(z))), ["1 + sigmoid"]),
        ("negative derivative", (stable_sigmoid, lambda z: -sig_grad(z)), ["wrong sign"]),
        ("np.vectorize", (np.vectorize(lambda v: float(stable_sigmoid(v))), sig_grad),
         ["once per entry"]),
        ("a list", (lambda z: stable_sigmoid(z).tolist(), sig_grad), ["list", "numpy array"]),
        ("changes z", (in_place_sigmoid, sig_grad), ["in place", "`z`"]),
        ("two arrays", (lambda z: (stable_sigmoid(z), 1 - stable_sigmoid(z)), sig_grad),
         ["holding arrays"]),
        ("math.exp", (lambda z: 1 / (1 + math.exp(-z)), sig_grad), ["typeerror"]),
        ("the derivative through the naive sigmoid", (stable_sigmoid, grad_with_naive),
         ["overflows"]),
        ("no return", (returns_none, sig_grad), ["return"]),
    ],
    checks.check_relu: [
        ("absolute value", (np.abs, relu_grad), ["|z|"]),
        ("minimum", (lambda z: np.minimum(0, z), relu_grad), ["negative part"]),
        ("in place", (in_place_relu, relu_grad), ["in place"]),
        ("np.max(0, z)", (np_max_relu, relu_grad), ["np.maximum"]),
        ("Python's max", (python_max_relu, relu_grad), ["np.maximum"]),
        ("1 at z = 0", (relu, lambda z: (z >= 0).astype(float)), ["1 at z = 0"]),
        ("booleans", (relu, lambda z: z > 0), ["booleans", "astype(float)"]),
        ("relu as its derivative", (relu, relu), ["itself"]),
        ("inverted", (relu, lambda z: (z < 0).astype(float)), ["negative side"]),
        ("a comprehension", (lambda z: np.array([max(0.0, v) for v in z.ravel()]).reshape(z.shape),
                             relu_grad), ["once per entry"]),
        ("a list", (lambda z: relu(z).tolist(), relu_grad), ["list"]),
        ("np.sign", (relu, np.sign), ["expected"]),
        ("a crash", (crashing, relu_grad), ["valueerror"]),
    ],
    checks.check_leaky_relu: [
        ("a fixed 0.01", (lambda z, alpha=0.01: leaky(z, 0.01), leaky_grad), ["fixed 0.01"]),
        ("a plain relu", (lambda z, alpha=0.01: relu(z), leaky_grad), ["ordinary relu"]),
        ("a fixed 0.01 in the derivative", (leaky, lambda z, alpha=0.01: leaky_grad(z, 0.01)),
         ["fixed 0.01"]),
        ("relu's derivative", (leaky, lambda z, alpha=0.01: relu_grad(z)), ["like relu's"]),
        ("the function as its derivative", (leaky, leaky), ["not its derivative"]),
        ("in place", (in_place_leaky, leaky_grad), ["in place"]),
        ("a comprehension", (lambda z, alpha=0.01: np.array([v if v > 0 else alpha * v for v in z.ravel()]
                                                            ).reshape(z.shape), leaky_grad),
         ["once per entry"]),
        ("a list", (leaky, lambda z, alpha=0.01: leaky_grad(z, alpha).tolist()), ["list"]),
        ("the leak on the wrong side", (lambda z, alpha=0.01: np.where(z > 0, alpha * z, z), leaky_grad),
         ["expected"]),
        ("1 at z = 0", (leaky, lambda z, alpha=0.01: np.where(z >= 0, 1.0, alpha)), ["expected"]),
        ("a crash", (leaky, crashing), ["valueerror"]),
        ("no return", (leaky, returns_none), ["return"]),
    ],
    checks.check_slopes: [
        ("sigmoid's value", (0.75, 0.64), ["value of the function"]),
        ("the peak", (0.25, 0.64), ["largest slope"]),
        ("1 + sigmoid", (0.75 * 1.75, 0.64), ["1 - sigmoid(z)"]),
        ("sigmoid squared", (0.5625, 0.64), ["sigmoid(z)^2"]),
        ("tanh's value", (0.1875, 0.6), ["tanh(ln 2) itself"]),
        ("tanh's peak", (0.1875, 1.0), ["largest slope"]),
        ("no factor 4", (0.1875, 0.16), ["two factors of 2"]),
        ("one factor 2", (0.1875, 0.32), ["two factors of 2"]),
        ("1 + tanh^2", (0.1875, 1.36), ["1 - tanh(z)^2"]),
        ("not squared", (0.1875, 0.4), ["squared"]),
        ("a string", ("0.1875", 0.64), ["string"]),
        ("a list", (0.1875, [0.64]), ["list"]),
        ("NaN", (float("nan"), 0.64), ["finite"]),
        ("True", (True, 0.64), ["bool"]),
    ],
    checks.check_weight_gradient: [
        ("x itself", (np.array([0.2, 0.7, 0.1]), True), ["upstream gradient"]),
        ("flipped", (np.array([0.3, 1.05, 0.15]), True), ["wrong sign"]),
        ("dz repeated", (np.full(3, -1.5), True), ["repeated"]),
        ("divided", (np.array([0.2, 0.7, 0.1]) / -1.5, True), ["divides"]),
        ("two numbers", (np.array([-0.3, -1.05]), True), ["shape", "three numbers"]),
        ("a number", (-0.3, True), ["the number -0.3", "three numbers"]),
        ("strings", (["-0.3", "-1.05", "-0.15"], True), ["string"]),
        ("same_sign False", (np.array([-0.3, -1.05, -0.15]), False), ["same_sign", "positive"]),
        ("same_sign as a string", (np.array([-0.3, -1.05, -0.15]), "True"), ["true or false"]),
        ("same_sign as 1", (np.array([-0.3, -1.05, -0.15]), 1), ["true or false"]),
        ("a NaN", (np.array([-0.3, np.nan, -0.15]), True), ["nan"]),
        ("ragged", ([-0.3, [-1.05], -0.15], True), ["not a grid"]),
        ("a typo", (np.array([-0.3, -1.5, -0.15]), True), ["expected"]),
    ],
    checks.check_can_die: [
        (letter, (letter,), ["not the best answer"]) for letter in "abc"] + [
        ("e", ("e",), ["not one of the letters"]), ("a list", (["d"],), ["brackets"]),
        ("a number", (4,), ["letter"]), ("two letters", ("b and d",), ["just the letter"]),
        ("empty", (" ",), ["not one of the letters"]), ("None in a list", ([None],), ["list"]),
        ("the unit's name", ("relu",), ["just the letter"]), ("bytes", (b"d",), ["letter"]),
    ],
    checks.check_zero_centred: [
        (letter, (letter,), ["not the best answer"]) for letter in "bcd"] + [
        ("e", ("e",), ["not one of the letters"]), ("a list", (["a"],), ["brackets"]),
        ("a number", (1,), ["letter"]), ("two letters", ("a,b",), ["one letter only"]),
        ("empty", ("",), ["not one of the letters"]), ("a float", (0.0,), ["letter"]),
        ("the function's name", ("tanh",), ["just the letter"]), ("True", (True,), ["bool"]),
    ],
    checks.check_learning_rate: [
        ("too small", (0.01,), ["too small to get there"]),
        ("a bit small", (0.1,), ["too small to get there"]),
        ("units die", (5.0,), ["died"]),
        ("the loss blows up", (30.0,), ["diverged"]),
        ("negative", (-1.0,), ["positive"]),
        ("zero", (0,), ["positive"]),
        ("huge", (1000.0,), ["far too large"]),
        ("a string", ("1.0",), ["string"]),
        ("a list", ([1.0],), ["list"]),
        ("True", (True,), ["bool"]),
        ("NaN", (float("nan"),), ["finite"]),
        ("infinity", (float("inf"),), ["finite"]),
    ],
    checks.check_prelu_backward: [
        ("relu's dz", (lambda d, z, a: (d * (z > 0), prelu(d, z, a)[1]),), ["like relu's"]),
        ("no dout", (lambda d, z, a: (np.where(z > 0, 1.0, a) * np.ones_like(d), prelu(d, z, a)[1]),),
         ["leaves out dout"]),
        ("dalpha per example", (lambda d, z, a: (prelu(d, z, a)[0], d * np.minimum(z, 0)),),
         ["one entry per example"]),
        ("summed over units", (lambda d, z, a: (prelu(d, z, a)[0], (d * np.minimum(z, 0)).sum(1)),),
         ["summed over the units"]),
        ("positive side too", (lambda d, z, a: (prelu(d, z, a)[0], (d * z).sum(0)),), ["positive side"]),
        ("a mean", (lambda d, z, a: (prelu(d, z, a)[0], (d * np.minimum(z, 0)).mean(0)),),
         ["mean over the examples"]),
        ("sign", (lambda d, z, a: (prelu(d, z, a)[0], -prelu(d, z, a)[1]),), ["wrong sign"]),
        ("alpha for z", (lambda d, z, a: (prelu(d, z, a)[0], (d * a * (z <= 0)).sum(0)),),
         ["instead of z"]),
        ("(dalpha, dz)", (lambda d, z, a: prelu(d, z, a)[::-1],), ["wrong order"]),
        ("a loop", (prelu_loop,), ["once per example"]),
        ("dz only", (lambda d, z, a: prelu(d, z, a)[0],), ["expected 2 values"]),
        ("dz as a list", (lambda d, z, a: (prelu(d, z, a)[0].tolist(), prelu(d, z, a)[1]),),
         ["numpy array"]),
        ("no return", (returns_none,), ["returned none"]),
    ],
    checks.check_maxout_backward: [
        (kind, (_maxout_variant(kind),), words) for kind, words in (
            ("both", ["both pieces"]), ("losing", ["losing piece"]), ("relu", ["like a relu"]),
            ("transposed", ["transposed"]), ("mean", ["divided by n"]), ("order", ["wrong order"]),
            ("three", ["expected 4"]), ("lists", ["numpy array"]))] + [
        ("a loop", (maxout_loop,), ["once per example"]),
        ("no return", (returns_none,), ["returned none"]),
        ("a crash", (crashing,), ["valueerror"]),
    ],
}

RIGHT = {
    checks.check_sigmoid: [("stable, derivative reused", (stable_sigmoid, lambda z: sig(z) * (1 - sig(z)))),
                           ("tanh form, float32", (sigmoid_by_tanh, sig_grad)),
                           ("nnkit", (sig, sig_grad))],
    checks.check_relu: [("np.maximum", (relu, relu_grad)),
                        ("mask multiply, ints", (lambda z: z * (z > 0), lambda z: (z > 0).astype(int))),
                        ("np.where", (lambda z: np.where(z > 0, z, 0.0), lambda z: np.where(z > 0, 1.0, 0.0)))],
    checks.check_leaky_relu: [("np.where", (leaky, leaky_grad)),
                              ("np.maximum", (lambda z, alpha=0.01: np.maximum(z, alpha * z),
                                              lambda z, alpha=0.01: 1.0 * (z > 0) + alpha * (z <= 0)))],
    checks.check_slopes: [("decimals", (0.1875, 0.64)), ("fractions", (3 / 16, 16 / 25)),
                          ("numpy", (np.float64(0.1875), np.float32(0.64)))],
    checks.check_weight_gradient: [("array", (np.array([-0.3, -1.05, -0.15]), True)),
                                   ("list, numpy bool", ([-0.3, -1.05, -0.15], np.True_)),
                                   ("tuple", ((-0.3, -1.05, -0.15), True))],
    checks.check_can_die: [("d", ("d",)), ("D", ("D",)), ("spaced", (" d ",))],
    checks.check_zero_centred: [("a", ("a",)), ("A", ("A",)), ("a.", ("a.",))],
    checks.check_learning_rate: [("1", (1.0,)), ("2, an int", (2,))],
    checks.check_prelu_backward: [("reference", (prelu,)), ("einsum", (prelu_einsum,))],
    checks.check_maxout_backward: [("masks", (maxout,)), ("stacked pieces, a list", (maxout_stacked,))],
}


@pytest.mark.parametrize("fn, args, words", wrong_params(WRONG))
def test_wrong_answers_are_named(fn, args, words):
    run_wrong(fn, args, words)


@pytest.mark.parametrize("fn, args", right_params(RIGHT))
def test_right_answers_pass(fn, args):
    run_right(fn, args)


@pytest.mark.parametrize("fn, args", [
    (checks.check_sigmoid, (stub, stub)), (checks.check_sigmoid, (stable_sigmoid, stub)),
    (checks.check_relu, (stub, stub)), (checks.check_leaky_relu, (stub, stub)),
    (checks.check_slopes, (None, None)), (checks.check_weight_gradient, (None, None)),
    (checks.check_can_die, (None,)), (checks.check_zero_centred, (None,)),
    (checks.check_learning_rate, (None,)), (checks.check_prelu_backward, (stub,)),
    (checks.check_maxout_backward, (stub,)),
])
def test_stubs_are_not_attempted(fn, args):
    assert fn(*args).status == "not attempted"


def test_a_finished_derivative_whose_function_is_a_stub_is_told_so():
    def sigmoid(z):
        raise NotImplementedError("not attempted yet")

    def sigmoid_grad(z):
        s = sigmoid(z)
        return s * (1 - s)

    feedback = checks.check_sigmoid(stable_sigmoid, sigmoid_grad)
    assert feedback.status == "failed" and "calls `sigmoid`, which is still the stub" in feedback.message


def test_the_checker_keeps_no_state_a_learner_can_damage():
    """Issue 15: an in-place ReLU used to damage shared test arrays, after which an overflowing
    sigmoid passed. Now every call gets fresh copies, so the order of checks does not matter."""
    assert checks.check_relu(in_place_relu, relu_grad).status == "failed"
    assert checks.check_sigmoid(naive_sigmoid, sig_grad).status == "failed"
    assert checks.check_sigmoid(stable_sigmoid, sig_grad).ok


def test_the_helper_loop_of_exercise_3_8_does_not_contain_the_answer():
    import json
    from pathlib import Path

    source = Path(__file__).resolve().parent.parent / "exercises" / "ex03_activations.ipynb"
    cells = json.loads(source.read_text(encoding="utf-8"))["cells"]
    loop = next("".join(c["source"]) for c in cells if "lr_trial" in "".join(c["source"])
                and c["cell_type"] == "code")
    tried = [float(v) for v in loop.split("in (", 1)[1].split(")", 1)[0].split(",")]
    assert tried and not any(checks.check_learning_rate(lr).ok for lr in tried), tried
