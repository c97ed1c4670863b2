"""Checks for the exercises of chapter 1 (from linear classifiers to neural networks): shapes by hand, a two-layer forward pass, collapsing two linear layers, and why the nonlinearity matters.

Each checker takes the learner's answer (numbers, a function or an option letter), runs it on
several inputs including edge cases, and returns a ``Feedback`` that says "passed" only when
nothing failed.  Common mistakes get their own message: the note's (out, in) shape instead of
the book's (in, out), a missing ReLU, a missing bias, forgetting that b1 passes through W2.
Shapes: N examples, D inputs, H hidden units, C classes; W1 (D, H), b1 (H,), W2 (H, C), b2 (C,).
"""

from __future__ import annotations

import functools

import numpy as np

from nnbook.checks import core

# --- helpers -------------------------------------------------------------------------------

_whole = functools.partial(core.whole_number, example="num_scores = 7",
                           why="shapes and parameter counts are whole numbers")



def _reference_scores(X, W1, b1, W2, b2):
    return np.maximum(0, X @ W1 + b1) @ W2 + b2


def _case(rng, N, D, H, C, scale=1.0):
    return (scale * rng.standard_normal((N, D)), rng.standard_normal((D, H)), rng.standard_normal(H),
            rng.standard_normal((H, C)), rng.standard_normal(C))


# --- Exercise 1.1: shapes by hand ---------------------------------------------------------


@core.checker("Exercise 1.1 (shapes by hand)")
def check_shapes(W2_shape, num_scores, num_params):
    """W2's shape in the book's convention (100, 10), 10 scores, 308,310 parameters."""
    missing = [name for name, value in (("W2_shape", W2_shape), ("num_scores", num_scores),
                                        ("num_params", num_params)) if value is None]
    if missing:
        raise core.NotAttempted(f"set {', '.join(f'`{m}`' for m in missing)}, then run this cell again")
    if not isinstance(W2_shape, (tuple, list)) or len(W2_shape) != 2:
        raise core.CheckFailed(f"`W2_shape` is {W2_shape!r}; expected a pair like (rows, columns)",
                               "a weight matrix has two dimensions: write `W2_shape = (rows, columns)`")
    shape = tuple(_whole(d, "each entry of `W2_shape`") for d in W2_shape)
    if shape == (10, 100):
        raise core.CheckFailed("`W2_shape` (10, 100) is the lecture note's shape for W2 @ h",
                               "in the book's batch-first convention H (N, 100) @ W2 gives (N, 10), so W2 is (in, out)")
    if shape != (100, 10):
        raise core.CheckFailed(f"`W2_shape` {shape} is not right",
                               "W2 reads the 100 hidden values and produces one score per class")
    scores = _whole(num_scores, "`num_scores`")
    if scores != 10:
        raise core.CheckFailed(f"`num_scores` is {scores}, which is not right",
                               "there is one score per CIFAR-10 class")
    params = _whole(num_params, "`num_params`")
    if params == 3072 * 100 + 100 * 10:
        raise core.CheckFailed(f"`num_params` is {params:,}: that counts the weights only",
                               "add one bias per hidden unit and one per class")
    if params == 3072 * 10 + 10:
        raise core.CheckFailed(f"`num_params` is {params:,}: that is the linear classifier",
                               "count W1 (3072 x 100), b1, W2 (100 x 10) and b2")
    if params != 308310:
        raise core.CheckFailed(f"`num_params` is {params:,}, which is not right",
                               "add the sizes of W1, b1, W2 and b2")
    return "W2 is (100, 10), each image gets 10 scores, and the network has 308,310 parameters"


# --- Exercise 1.2: a two-layer forward pass ----------------------------------------------


@core.checker("Exercise 1.2 (two_layer_scores)")
def check_two_layer_scores(two_layer_scores):
    """two_layer_scores(X, W1, b1, W2, b2) = max(0, X @ W1 + b1) @ W2 + b2."""
    rng = np.random.default_rng(101)
    cases = [("a batch of 5 with D = 4, H = 3, C = 2", _case(rng, 5, 4, 3, 2)),
             ("a batch of one (N = 1)", _case(rng, 1, 6, 5, 3)),
             ("negative inputs (X = -|X|)", tuple([-np.abs(a) if i == 0 else a
                                                   for i, a in enumerate(_case(rng, 4, 3, 7, 2))])),
             ("large inputs (|X| ~ 1000)", _case(rng, 3, 5, 4, 4, scale=1000.0)),
             ("all-zero X (only the biases count)", (np.zeros((2, 3)),) + _case(rng, 2, 3, 4, 2)[1:])]
    for label, args in cases:
        X, W1, b1, W2, b2 = args
        out = core.call(two_layer_scores, *args, inputs=label)
        expected = _reference_scores(*args)
        if out is not None and np.shape(out) == expected.shape:
            out_arr = np.asarray(out, dtype=float)
            if np.allclose(out_arr, (X @ W1 + b1) @ W2 + b2) and not np.allclose(out_arr, expected):
                raise core.CheckFailed(f"your scores for {label} equal (X @ W1 + b1) @ W2 + b2: the ReLU is missing",
                                       "apply np.maximum(0, ...) to the hidden layer before multiplying by W2")
            if np.allclose(out_arr, np.maximum(0, X @ W1) @ W2 + b2) and not np.allclose(out_arr, expected):
                raise core.CheckFailed(f"your scores for {label} leave out b1",
                                       "the hidden layer is max(0, X @ W1 + b1)")
            if np.allclose(out_arr, np.maximum(0, X @ W1 + b1) @ W2) and not np.allclose(out_arr, expected):
                raise core.CheckFailed(f"your scores for {label} leave out b2",
                                       "add b2 to the scores, one bias per class")
            if np.allclose(out_arr, np.maximum(0, expected)) and not np.allclose(out_arr, expected):
                raise core.CheckFailed(f"your scores for {label} have a ReLU on the output layer",
                                       "the scores are not passed through the nonlinearity; they may be negative")
        core.compare(out, expected, what="the scores", inputs=label,
                     hint="scores = max(0, X @ W1 + b1) @ W2 + b2, shape (N, C)")
    return "your two-layer forward pass matches max(0, X @ W1 + b1) @ W2 + b2 on every input"


# --- Exercise 1.3: collapsing two linear layers -------------------------------------------


@core.checker("Exercise 1.3 (collapse)")
def check_collapse(collapse):
    """collapse(W1, b1, W2, b2) -> (W, b) with W = W1 @ W2 and b = b1 @ W2 + b2."""
    rng = np.random.default_rng(202)
    cases = [("D = 4, H = 3, C = 2", _case(rng, 1, 4, 3, 2)[1:]),
             ("H = 1 (a one-unit bottleneck)", _case(rng, 1, 3, 1, 2)[1:]),
             ("C = 1 (one output)", _case(rng, 1, 5, 4, 1)[1:]),
             ("negative weights", tuple(-np.abs(a) for a in _case(rng, 1, 3, 4, 3)[1:]))]
    for label, (W1, b1, W2, b2) in cases:
        result = core.call(collapse, W1, b1, W2, b2, inputs=label)
        if result is None:
            raise core.CheckFailed(f"`collapse` returned None for {label}", "return the pair `W, b`")
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            raise core.CheckFailed(f"`collapse` returned {type(result).__name__} for {label}; expected a pair (W, b)",
                                   "end with `return W, b`")
        W, b = result
        core.compare(W, W1 @ W2, what="W", inputs=label,
                     hint="(X @ W1) @ W2 = X @ (W1 @ W2), so W = W1 @ W2 with shape (D, C)")
        b_arr = None if b is None else np.asarray(b, dtype=float)
        if b_arr is not None and b_arr.shape == b2.shape and not np.allclose(b_arr, b1 @ W2 + b2):
            if np.allclose(b_arr, b2):
                raise core.CheckFailed(f"b for {label} is just b2; b1 is missing",
                                       "b1 also goes through W2: (X @ W1 + b1) @ W2 = X @ W1 @ W2 + b1 @ W2")
            if np.allclose(b_arr, b1 @ W2):
                raise core.CheckFailed(f"b for {label} is b1 @ W2; b2 is missing", "add b2 after multiplying")
        core.compare(b, b1 @ W2 + b2, what="b", inputs=label, hint="b = b1 @ W2 + b2, shape (C,)")
    return "W = W1 @ W2 and b = b1 @ W2 + b2: two linear layers are one linear layer"


# --- Exercise 1.4: counting a three-layer network -----------------------------------------


@core.checker("Exercise 1.4 (three layers)")
def check_three_layer_params(num_params):
    """Parameters of 3072 -> 100 -> 50 -> 10: 307,300 + 5,050 + 510 = 312,860."""
    if num_params is None:
        raise core.NotAttempted("set `num_params` to a number, then run this cell again")
    value = _whole(num_params, "`num_params`")
    mistakes = {3072 * 100 + 100 * 50 + 50 * 10: "that counts the weights only; add 100 + 50 + 10 biases",
                308310: "that is the two-layer network; the 50-unit layer adds 100 x 50 + 50 and changes W3",
                3072 * 100 + 100 + 100 * 50 + 50 + 50 * 10: "the 10 output biases are missing"}
    if value in mistakes:
        raise core.CheckFailed(f"`num_params` is {value:,}, which is not right: {mistakes[value]}",
                               "layer by layer: (inputs x outputs) weights plus one bias per output")
    if value != 312860:
        raise core.CheckFailed(f"`num_params` is {value:,}, which is not right",
                               "layer by layer: (inputs x outputs) weights plus one bias per output")
    return "312,860 parameters: 307,300 + 5,050 + 510"


# --- Exercise 1.5: why the nonlinearity matters -------------------------------------------

NONLINEARITY_OPTIONS = {
    "a": "No: the ReLU has no parameters, so it adds nothing to the parameter count; the stack without it "
         "has just as many parameters and is still only linear.",
    "b": "Yes: without it, (X @ W1 + b1) @ W2 + b2 = X @ (W1 @ W2) + (b1 @ W2 + b2), one linear layer, "
         "however many matrices are stacked; the ReLU bends the function so the network can draw "
         "boundaries a single line cannot, as on XOR.",
    "c": "No: speed is not the point; the ReLU is cheap, but removing it would make the network faster "
         "and no less accurate only if the network were no better than linear anyway.",
    "d": "No: the scores may be negative (the output layer has no ReLU); the nonlinearity sits between "
         "the layers, not at the end.",
}


@core.checker("Exercise 1.5 (why the nonlinearity)")
def check_nonlinearity(answer):
    """Option b: without the nonlinearity the layers collapse into one linear map."""
    return core.choice(answer, NONLINEARITY_OPTIONS, "b", what="`answer`")
