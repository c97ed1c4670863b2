"""Adversarial tables for the chapter 1 checkers (nnbook.checks.linear): wrong answers of the
kinds learners write are rejected with a message naming the mistake; right answers written
differently pass; stubs are "not attempted"."""

import functools

import numpy as np
import pytest

from adversarial import (crashing, returns_none, right_params, run_right, run_wrong, stub,
                         wrong_params)
from nnbook.checks import linear as checks


# --- answers ---------------------------------------------------------------------------------

def two_layer(X, W1, b1, W2, b2):
    return np.maximum(0, X @ W1 + b1) @ W2 + b2


def two_layer_in_place(X, W1, b1, W2, b2):
    X[X < 0] = 0
    return np.maximum(0, X @ W1 + b1) @ W2 + b2


def two_layer_loop(X, W1, b1, W2, b2):
    return np.array([np.maximum(0, x @ W1 + b1) @ W2 + b2 for x in X])


def two_layer_np_max(X, W1, b1, W2, b2):
    return np.max(0, X @ W1 + b1) @ W2 + b2


def two_layer_python_max(X, W1, b1, W2, b2):
    return max(0, X @ W1 + b1) @ W2 + b2


def collapse_loop(weights, biases):
    W, b = weights[0], biases[0]
    for W_next, b_next in zip(weights[1:], biases[1:]):
        W, b = W @ W_next, b @ W_next + b_next
    return W, b


def collapse_reduce(weights, biases):
    return list(functools.reduce(lambda acc, layer: (acc[0] @ layer[0], acc[1] @ layer[0] + layer[1]),
                                 zip(weights[1:], biases[1:]), (weights[0], biases[0])))


def collapse_updated_W(weights, biases):
    W, b = weights[0], biases[0]
    for W_next, b_next in zip(weights[1:], biases[1:]):
        W = W @ W_next
        b = b @ W_next.T.T @ np.eye(W_next.shape[1]) * 0 + b_next  # forgets b @ W_next
    return W, b


def collapse_pops(weights, biases):
    W, b = weights.pop(0), biases.pop(0)
    for W_next, b_next in zip(weights, biases):
        W, b = W @ W_next, b @ W_next + b_next
    return W, b


def collapse_sum_biases(weights, biases):
    W = functools.reduce(np.matmul, weights)
    return W, sum(biases)


def collapse_reversed(weights, biases):
    W = weights[0]
    for W_next in weights[1:]:
        W = W_next @ W
    return W, biases[-1]


def local_map(x, W1, b1, W2, b2):
    on = (x @ W1 + b1) > 0
    return (W1 * on) @ W2, (b1 * on) @ W2 + b2


def local_map_indexing(x, W1, b1, W2, b2):
    on = np.flatnonzero(x @ W1 + b1 > 0)
    return W1[:, on] @ W2[on], b1[on] @ W2[on] + b2


def local_map_diag(x, W1, b1, W2, b2):
    D = np.diag((x @ W1 + b1 > 0).astype(float))
    return [W1 @ D @ W2, b1 @ D @ W2 + b2]


XOR = (np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([0.0, -1.0]), np.array([[2.0], [-4.0]]),
       np.array([-1.0]))
XOR_OTHER = ([[1, -1], [-1, 1]], [0, 0], [[2], [2]], [-1])

WRONG = {
    checks.check_shapes: [
        ("the note's (out, in) shape", ((7, 60), 7, 104167), ["lecture note"]),
        ("one score per hidden unit", ((60, 7), 60, 104167), ["num_scores", "one score per class"]),
        ("weights only", ((60, 7), 7, 104100), ["weights only"]),
        ("a linear classifier", ((60, 7), 7, 12103), ["linear classifier"]),
        ("b2 forgotten", ((60, 7), 7, 104160), ["class biases"]),
        ("b1 forgotten", ((60, 7), 7, 104107), ["hidden biases"]),
        ("one value per pixel", ((60, 7), 7, 576 * 60 + 60 + 60 * 7 + 7), ["3 colour"]),
        ("a string count", ((60, 7), 7, "104167"), ["string", "expected a number"]),
        ("the shape as a string", ("(60, 7)", 7, 104167), ["pair"]),
        ("three dimensions", ((60, 7, 1), 7, 104167), ["pair"]),
        ("a fractional shape", ((60.5, 7), 7, 104167), ["not a whole number"]),
        ("a fractional count", ((60, 7), 7, 104167.5), ["not a whole number"]),
        ("the score count in a list", ((60, 7), [7], 104167), ["list", "expected a number"]),
        ("True for a count", ((60, 7), True, 104167), ["bool"]),
    ],
    checks.check_two_layer_scores: [
        ("no ReLU", (lambda X, W1, b1, W2, b2: (X @ W1 + b1) @ W2 + b2,), ["relu is missing"]),
        ("no b1", (lambda X, W1, b1, W2, b2: np.maximum(0, X @ W1) @ W2 + b2,), ["b1"]),
        ("no b2", (lambda X, W1, b1, W2, b2: np.maximum(0, X @ W1 + b1) @ W2,), ["b2"]),
        ("a ReLU on the scores", (lambda *a: np.maximum(0, two_layer(*a)),), ["relu on the output"]),
        ("transposed scores", (lambda *a: two_layer(*a).T,), ["shape", "(N, C)"]),
        ("changes X", (two_layer_in_place,), ["in place", "`X`"]),
        ("no return", (returns_none,), ["return"]),
        ("a list of rows", (lambda *a: list(two_layer(*a)),), ["holding arrays"]),
        ("a loop over examples", (two_layer_loop,), ["once per example"]),
        ("np.max(0, z)", (two_layer_np_max,), ["np.maximum", "two_layer_np_max", "line"]),
        ("Python's max", (two_layer_python_max,), ["np.maximum"]),
        ("scores and hidden values", (lambda *a: (two_layer(*a), a[0]),), ["one array"]),
        ("sigmoid hidden units", (lambda X, W1, b1, W2, b2: 1 / (1 + np.exp(-(X @ W1 + b1))) @ W2 + b2,),
         ["expected"]),
        ("a crash", (crashing,), ["valueerror", "something broke"]),
    ],
    checks.check_collapse: [
        ("last bias only", (lambda w, b: (functools.reduce(np.matmul, w), b[-1]),), ["earlier biases"]),
        ("biases added up", (collapse_sum_biases,), ["broadcast", "sum(biases)"]),
        ("W transposed", (lambda w, b: (collapse_loop(w, b)[0].T, collapse_loop(w, b)[1]),),
         ["transposed"]),
        ("(b, W)", (lambda w, b: collapse_loop(w, b)[::-1],), ["wrong order"]),
        ("W only", (lambda w, b: collapse_loop(w, b)[0],), ["expected 2 values"]),
        ("no return", (returns_none,), ["returned none"]),
        ("forgets b @ W_next", (collapse_updated_W,), ["earlier biases"]),
        ("multiplies in reverse", (collapse_reversed,), ["valueerror", "shapes"]),
        ("pops the lists", (collapse_pops,), ["in place", "`weights`"]),
        ("only two layers", (lambda w, b: (w[0] @ w[1], b[0] @ w[1] + b[1]),), ["only the first 2 of the 3"]),
        ("no bias at all", (lambda w, b: (functools.reduce(np.matmul, w), np.zeros(w[-1].shape[1])),),
         ["expected"]),
        ("a crash", (crashing,), ["valueerror"]),
    ],
    checks.check_three_layer_params: [
        ("weights only", (sum(a * b for a, b in [(1728, 60), (60, 30), (30, 7)]),), ["weights only"]),
        ("the two-layer count", (104167,), ["two-layer"]),
        ("no output biases", (105787 - 7,), ["output biases"]),
        ("input biases too", (105787 + 1728,), ["inputs have no biases"]),
        ("off by one", (105788,), ["not right"]),
        ("a string", ("105787",), ["string"]),
        ("a fraction", (105787.5,), ["not a whole number"]),
        ("a list", ([105787],), ["list"]),
        ("True", (True,), ["bool"]),
        ("the chapter's CIFAR network", (312860,), ["not right"]),
        ("infinity", (float("inf"),), ["finite"]),
    ],
    checks.check_nonlinearity: [
        ("a", ("a",), ["not the best answer", "no parameters"]),
        ("b", ("b",), ["not the best answer"]),
        ("d", ("d",), ["not the best answer", "negative"]),
        ("a letter that is no option", ("e",), ["not one of the letters"]),
        ("in a list", (["c"],), ["list", 'answer = "c"']),
        ("a number", (3,), ["number", "letter"]),
        ("empty", ("",), ["not one of the letters"]),
        ("two letters", ("c, d",), ["one letter only"]),
        ("True", (True,), ["bool"]),
        ("a tuple", (("c",),), ["tuple", "brackets"]),
        ("the option's words", ("collapse",), ["just the letter"]),
    ],
    checks.check_local_linear_map: [
        ("no mask", (lambda x, W1, b1, W2, b2: (W1 @ W2, b1 @ W2 + b2),), ["units that are off"]),
        ("mask from the sign of x", (lambda x, W1, b1, W2, b2: ((W1 * (x[:, None] > 0)) @ W2,
                                                                local_map(x, W1, b1, W2, b2)[1]),),
         ["sign of x"]),
        ("inverted mask", (lambda x, W1, b1, W2, b2: ((W1 * ((x @ W1 + b1) < 0)) @ W2, b2),),
         ["drops the ones that are on"]),
        ("A transposed", (lambda *a: (local_map(*a)[0].T, local_map(*a)[1]),), ["shape"]),
        ("c unmasked", (lambda x, W1, b1, W2, b2: (local_map(x, W1, b1, W2, b2)[0], b1 @ W2 + b2),),
         ["units that are off"]),
        ("c without b2", (lambda x, W1, b1, W2, b2: (local_map(x, W1, b1, W2, b2)[0],
                                                     local_map(x, W1, b1, W2, b2)[1] - b2),),
         ["expected"]),
        ("(c, A)", (lambda *a: local_map(*a)[::-1],), ["wrong order"]),
        ("A only", (lambda *a: local_map(*a)[0],), ["expected 2 values"]),
        ("lists", (lambda *a: (local_map(*a)[0].tolist(), local_map(*a)[1]),), ["numpy array"]),
        ("the scores", (lambda x, W1, b1, W2, b2: (two_layer(x, W1, b1, W2, b2), b2),), ["shape"]),
        ("no return", (returns_none,), ["returned none"]),
        ("a crash", (crashing,), ["valueerror"]),
    ],
    checks.check_xor_weights: [
        ("all zeros", (np.zeros((2, 2)), np.zeros(2), np.zeros((2, 1)), np.zeros(1)), ["wrong sign"]),
        ("reversed", (XOR[0], XOR[1], -XOR[2], -XOR[3]), ["exactly reversed"]),
        ("margin too small", (XOR[0], XOR[1], XOR[2] / 4, XOR[3] / 4), ["margin"]),
        ("W1 of one column", (np.ones((2, 1)), XOR[1], XOR[2], XOR[3]), ["shape", "(2, 2)"]),
        ("W2 flat", (XOR[0], XOR[1], XOR[2].ravel(), XOR[3]), ["reshape"]),
        ("strings", (XOR[0], XOR[1], XOR[2], ["-1"]), ["string"]),
        ("three of four", (XOR[0], np.array([0.0, -1.0]), np.array([[2.0], [-1.0]]), XOR[3]),
         ["wrong sign at (1, 1)"]),
        ("a NaN", (np.array([[np.nan, 1.0], [1.0, 1.0]]), XOR[1], XOR[2], XOR[3]), ["nan"]),
        ("objects", (np.array([[1, 1], [1, "1"]], dtype=object), XOR[1], XOR[2], XOR[3]),
         ["python objects"]),
        ("b2 as a number", (XOR[0], XOR[1], XOR[2], -1.0), ["shape"]),
        ("ragged rows", ([[1, 1], [1]], XOR[1], XOR[2], XOR[3]), ["not a grid"]),
        ("booleans", (XOR[0] > 0, XOR[1], XOR[2], XOR[3]), ["booleans"]),
    ],
}

RIGHT = {
    checks.check_shapes: [
        ("ints", ((60, 7), 7, 104167)),
        ("a list and floats", ([60, 7], 7.0, 104167.0)),
        ("numpy values", (np.array([60, 7]), np.int64(7), np.int64(104167))),
        ("an expression", ((60, 7), 7, 1728 * 60 + 60 + 60 * 7 + 7)),
    ],
    checks.check_two_layer_scores: [
        ("reference", (two_layer,)),
        ("np.where and float32", (lambda X, W1, b1, W2, b2: (np.where(X @ W1 + b1 > 0, X @ W1 + b1, 0)
                                                             @ W2 + b2).astype(np.float32),)),
        ("clip", (lambda X, W1, b1, W2, b2: (X @ W1 + b1).clip(min=0) @ W2 + b2,)),
    ],
    checks.check_collapse: [
        ("a loop", (collapse_loop,)),
        ("reduce, as a list", (collapse_reduce,)),
    ],
    checks.check_three_layer_params: [
        ("int", (105787,)), ("float", (105787.0,)), ("numpy int", (np.int64(105787),)),
    ],
    checks.check_nonlinearity: [("c", ("c",)), ("upper case, spaces", (" C ",)), ("(c)", ("(c)",))],
    checks.check_local_linear_map: [
        ("mask multiply", (local_map,)), ("indexing", (local_map_indexing,)),
        ("diagonal matrix, list", (local_map_diag,)),
    ],
    checks.check_xor_weights: [("arrays", XOR), ("nested lists", XOR_OTHER)],
}


@pytest.mark.parametrize("fn, args, words", wrong_params(WRONG))
def test_wrong_answers_are_named(fn, args, words):
    run_wrong(fn, args, words)


@pytest.mark.parametrize("fn, args", right_params(RIGHT))
def test_right_answers_pass(fn, args):
    run_right(fn, args)


@pytest.mark.parametrize("fn, args", [
    (checks.check_shapes, (None, None, None)), (checks.check_shapes, ((60, 7), None, 104167)),
    (checks.check_two_layer_scores, (stub,)), (checks.check_collapse, (stub,)),
    (checks.check_three_layer_params, (None,)), (checks.check_nonlinearity, (None,)),
    (checks.check_local_linear_map, (stub,)), (checks.check_xor_weights, (None, None, None, None)),
])
def test_stubs_are_not_attempted(fn, args):
    assert fn(*args).status == "not attempted"


def test_the_exercise_numbers_are_not_the_chapter_numbers():
    """Chapter 1 counts the 3072-100-10 and 3072-100-50-10 networks; the exercises must not."""
    assert checks.IMAGE != 3072 and 104167 not in (308310, 312860)
    assert checks.check_shapes((60, 7), 7, 104167).ok and checks.check_three_layer_params(105787).ok
