"""Checks for the exercises of chapter 1 (from linear classifiers to neural networks).

Shapes and parameter counts by hand, a two-layer forward pass, collapsing a stack of linear
layers, why the nonlinearity matters, the local linear map of a ReLU network (why it is
piecewise linear) and XOR by hand. Every case is drawn fresh on each call; common mistakes get
their own message (the note's (out, in) shape, a missing ReLU or bias, b1 not passed through
W2, a mask from the input instead of the pre-activation).
Shapes: N examples, D inputs, H hidden units, C classes; W1 (D, H), b1 (H,), W2 (H, C), b2 (C,).
"""

from __future__ import annotations

import functools

import numpy as np

from nnbook.checks import core

_whole = functools.partial(core.whole_number, example="num_scores = 7",
                           why="shapes and parameter counts are whole numbers")


def _scores(X, W1, b1, W2, b2):
    return np.maximum(0, X @ W1 + b1) @ W2 + b2


def _net(rng, N, D, H, C, scale=1.0):
    return (scale * rng.standard_normal((N, D)), rng.standard_normal((D, H)),
            rng.standard_normal(H), rng.standard_normal((H, C)), rng.standard_normal(C))


# --- Exercise 1.1: shapes by hand ------------------------------------------------------------

IMAGE, HIDDEN, CLASSES = 24 * 24 * 3, 60, 7  # the exercise's network: 1728 -> 60 -> 7


def _missing(**answers):
    absent = [f"`{name}`" for name, value in answers.items() if value is None]
    if absent:
        raise core.NotAttempted(f"set {', '.join(absent)}, then run this cell again")


@core.checker("Exercise 1.1 (shapes by hand)")
def check_shapes(W2_shape, num_scores, num_params):
    """W2 (60, 7) in the book's convention, 7 scores, 104,167 parameters."""
    _missing(W2_shape=W2_shape, num_scores=num_scores, num_params=num_params)
    if isinstance(W2_shape, np.ndarray) and W2_shape.ndim == 1:
        W2_shape = tuple(W2_shape.tolist())
    if not isinstance(W2_shape, (tuple, list)) or len(W2_shape) != 2:
        raise core.CheckFailed(f"`W2_shape` is {core.kind(W2_shape)}; expected a pair like "
                               "(rows, columns)", "a weight matrix has two dimensions: write "
                                                  "`W2_shape = (rows, columns)`")
    shape = tuple(_whole(d, "each entry of `W2_shape`") for d in W2_shape)
    if shape == (CLASSES, HIDDEN):
        raise core.CheckFailed(f"`W2_shape` {shape} is the lecture note's (out, in) shape",
                               f"in the book's batch-first convention H (N, {HIDDEN}) @ W2 gives "
                               f"(N, {CLASSES}), so W2 is (in, out)")
    if shape != (HIDDEN, CLASSES):
        raise core.CheckFailed(f"`W2_shape` {shape} is not right",
                               "W2 reads the hidden values and produces one score per class")
    scores = _whole(num_scores, "`num_scores`")
    if scores != CLASSES:
        raise core.CheckFailed(f"`num_scores` is {scores}, which is not right",
                               "there is one score per class")
    params = _whole(num_params, "`num_params`")
    weights = IMAGE * HIDDEN + HIDDEN * CLASSES
    mistakes = {
        weights: "that counts the weights only; add one bias per hidden unit and one per class",
        IMAGE * CLASSES + CLASSES: "that is a linear classifier on the pixels, with no hidden "
                                   "layer",
        weights + HIDDEN: "the class biases b2 are missing",
        weights + CLASSES: "the hidden biases b1 are missing",
        (24 * 24) * HIDDEN + HIDDEN + HIDDEN * CLASSES + CLASSES: "each pixel has 3 colour "
                                                                  "values: the input has "
                                                                  "24 x 24 x 3 entries",
    }
    if params in mistakes:
        raise core.CheckFailed(f"`num_params` is {params:,}: {mistakes[params]}",
                               "add the sizes of W1, b1, W2 and b2")
    if params != weights + HIDDEN + CLASSES:
        raise core.CheckFailed(f"`num_params` is {params:,}, which is not right",
                               "add the sizes of W1, b1, W2 and b2")
    return (f"W2 is ({HIDDEN}, {CLASSES}), each image gets {CLASSES} scores, and the network "
            f"has {weights + HIDDEN + CLASSES:,} parameters")


# --- Exercise 1.2: a two-layer forward pass --------------------------------------------------


def _forward_cases(rng):
    negative = list(_net(rng, 4, 3, 7, 2))
    negative[0] = -np.abs(negative[0])
    return [("a batch of 5 with D = 4, H = 3, C = 2", _net(rng, 5, 4, 3, 2)),
            ("a batch of one (N = 1)", _net(rng, 1, 6, 5, 3)),
            ("negative inputs", tuple(negative)),
            ("large inputs (|X| ~ 1000)", _net(rng, 3, 5, 4, 4, scale=1000.0)),
            ("an all-zero X (only the biases count)",
             (np.zeros((2, 3)),) + _net(rng, 2, 3, 4, 2)[1:])]


@core.checker("Exercise 1.2 (two_layer_scores)")
def check_two_layer_scores(two_layer_scores):
    """two_layer_scores(X, W1, b1, W2, b2) = max(0, X @ W1 + b1) @ W2 + b2, as one array."""
    rng = core.fresh_rng()
    for label, args in _forward_cases(rng):
        X, W1, b1, W2, b2 = args
        out = core.call(two_layer_scores, *args, inputs=label)
        expected = _scores(*args)
        for wrong, why, hint in (
                ((X @ W1 + b1) @ W2 + b2, "the ReLU is missing",
                 "apply np.maximum(0, ...) to the hidden layer before multiplying by W2"),
                (np.maximum(0, X @ W1) @ W2 + b2, "b1 is left out", "the hidden layer is "
                                                                    "max(0, X @ W1 + b1)"),
                (np.maximum(0, X @ W1 + b1) @ W2, "b2 is left out",
                 "add b2 to the scores, one bias per class"),
                (np.maximum(0, expected), "there is a ReLU on the output layer",
                 "the scores are not passed through the nonlinearity; they may be negative")):
            # (a float32 answer to large inputs is close to both: it is judged right, below)
            if core.close(out, wrong) and core.differ(wrong, expected) and not core.close(
                    out, expected):
                raise core.CheckFailed(f"your scores for {label}: {why}", hint)
        core.compare(out, expected, what="the scores", inputs=label,
                     hint="scores = max(0, X @ W1 + b1) @ W2 + b2, shape (N, C)",
                     shape_hint="the scores have one row per example and one column per class: "
                                "(N, C)")
    core.loop_free(two_layer_scores, lambda n: _net(rng, n, 3, 4, 2), name="two_layer_scores")
    return "your forward pass matches max(0, X @ W1 + b1) @ W2 + b2 on every batch, at once"


# --- Exercise 1.3: collapsing a stack of linear layers ---------------------------------------


def _stack(rng, sizes, scale=1.0):
    weights = [scale * rng.standard_normal((a, b)) for a, b in zip(sizes[:-1], sizes[1:])]
    biases = [rng.standard_normal(b) for b in sizes[1:]]
    return weights, biases


def _collapsed(weights, biases):
    W, b = weights[0], biases[0]
    for W_next, b_next in zip(weights[1:], biases[1:]):
        W, b = W @ W_next, b @ W_next + b_next
    return W, b


@core.checker("Exercise 1.3 (collapse)")
def check_collapse(collapse):
    """collapse(weights, biases) -> (W, b) with X @ W + b equal to the whole linear stack."""
    rng = core.fresh_rng()
    cases = [("two layers, sizes 4-3-2", [4, 3, 2]), ("three layers, sizes 3-5-4-2", [3, 5, 4, 2]),
             ("one layer, sizes 3-2 (nothing to collapse)", [3, 2]),
             ("a one-unit bottleneck, sizes 3-1-4", [3, 1, 4]),
             ("four layers, sizes 2-3-3-3-5", [2, 3, 3, 3, 5])]
    for label, sizes in cases:
        weights, biases = _stack(rng, sizes)
        result = core.call(collapse, weights, biases, inputs=label)
        D, C = sizes[0], sizes[-1]
        W, b = core.unpack(result, ["W", "b"], fn="collapse", inputs=label,
                           looks_like=[core.has_shape((D, C)), core.has_shape((C,))])
        want_W, want_b = _collapsed(weights, biases)
        if core.close(W, want_W.T) and D != C:
            raise core.CheckFailed(f"W for {label} is transposed: shape {np.shape(W)}",
                                   "in the book's layout W maps D inputs to C outputs: (D, C)")
        partial = weights[0]
        for used, W_next in enumerate(weights[1:-1], start=2):
            partial = partial @ W_next
            if core.close(W, partial):
                raise core.CheckFailed(f"W for {label} multiplies only the first {used} of the "
                                       f"{len(weights)} weight matrices",
                                       "loop over every layer, not a fixed two")
        core.compare(W, want_W, what="W", inputs=label,
                     hint="(X @ W1) @ W2 = X @ (W1 @ W2): multiply the weight matrices in order",
                     shape_hint=f"W maps the {D} inputs to the {C} outputs: shape ({D}, {C})")
        if len(sizes) > 2:
            if core.close(b, biases[-1]):
                raise core.CheckFailed(f"b for {label} is just the last bias; the earlier biases "
                                       "are missing", "every bias passes through all the weight "
                                                      "matrices after it")
            same = all(bias.shape == biases[-1].shape for bias in biases)
            if same and core.close(b, sum(biases)):
                raise core.CheckFailed(f"b for {label} adds the biases without passing them "
                                       "through the later weights",
                                       "(X @ W1 + b1) @ W2 + b2 = X @ W1 @ W2 + (b1 @ W2 + b2)")
        core.compare(b, want_b, what="b", inputs=label, shape_hint=f"b has one entry per output: "
                                                                   f"({C},)",
                     hint="collapse one layer at a time: b <- b @ W_next + b_next")
    return "W and b of any linear stack: however many layers, it is one linear layer"


# --- Exercise 1.4: counting a three-layer network --------------------------------------------

DEEP = (IMAGE, 60, 30, CLASSES)  # 1728 -> 60 -> 30 -> 7


def _params(sizes):
    return int(sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:])))


@core.checker("Exercise 1.4 (three layers)")
def check_three_layer_params(num_params):
    """Parameters of 1728 -> 60 -> 30 -> 7: 103,740 + 1,830 + 217 = 105,787."""
    if num_params is None:
        raise core.NotAttempted("set `num_params` to a number, then run this cell again")
    value = _whole(num_params, "`num_params`")
    weights = sum(a * b for a, b in zip(DEEP[:-1], DEEP[1:]))
    mistakes = {weights: "that counts the weights only; add 60 + 30 + 7 biases",
                _params((IMAGE, 60, CLASSES)): "that is the two-layer network of exercise 1.1; "
                                               "the 30-unit layer changes W2 and adds W3",
                weights + 60 + 30: "the 7 output biases are missing",
                weights + sum(DEEP): "the inputs have no biases: one bias per neuron"}
    if value in mistakes:
        raise core.CheckFailed(f"`num_params` is {value:,}, which is not right: {mistakes[value]}",
                               "layer by layer: (inputs x outputs) weights plus one bias per "
                               "output")
    if value != _params(DEEP):
        raise core.CheckFailed(f"`num_params` is {value:,}, which is not right",
                               "layer by layer: (inputs x outputs) weights plus one bias per "
                               "output")
    parts = " + ".join(f"{a * b + b:,}" for a, b in zip(DEEP[:-1], DEEP[1:]))
    return f"{_params(DEEP):,} parameters: {parts}"


# --- Exercise 1.5: why the nonlinearity matters ----------------------------------------------

NONLINEARITY_OPTIONS = {
    "a": "No: the ReLU has no parameters at all; the stack without it has exactly as many "
         "parameters and is still only linear.",
    "b": "No: speed is not the point; the ReLU costs a little time, and removing it would not "
         "make the network any more accurate.",
    "c": "Yes: without it, (X @ W1 + b1) @ W2 + b2 = X @ (W1 @ W2) + (b1 @ W2 + b2), one linear "
         "layer however many are stacked; the ReLU bends the function so the network can draw "
         "boundaries a single line cannot, as on XOR.",
    "d": "No: the scores may be negative (the output layer has no ReLU); the nonlinearity sits "
         "between the layers, not at the end.",
}


@core.checker("Exercise 1.5 (why the nonlinearity)")
def check_nonlinearity(answer):
    """Option c: without the nonlinearity the layers collapse into one linear map."""
    return core.choice(answer, NONLINEARITY_OPTIONS, "c", what="`answer`")


# --- Exercise 1.6: the local linear map of a ReLU network (derivation) -----------------------


def local_map(x, W1, b1, W2, b2):
    """The reference: near x, scores = x @ A + c with the units active at x kept."""
    where = "local_map"
    W1 = core.array_argument(where, "W1", W1, (None, None))
    D, H = W1.shape
    core.array_argument(where, "x", x, (D,))
    core.array_argument(where, "b1", b1, (H,))
    W2 = core.array_argument(where, "W2", W2, (H, None))
    core.array_argument(where, "b2", b2, (W2.shape[1],))
    active = (x @ W1 + b1) > 0
    return (W1 * active) @ W2, (b1 * active) @ W2 + b2


def _generic_point(rng, W1, b1):
    """A point x (D,) whose pre-activations are all at least 0.05 away from 0 (off every kink),
    with some units on and some off, and inputs of both signs where D > 1 (so that the common
    wrong masks give different answers)."""
    for _ in range(1000):
        x = rng.standard_normal(W1.shape[0])
        z = x @ W1 + b1
        mixed = W1.shape[1] == 1 or (z > 0).any() and (z < 0).any()
        signs = W1.shape[0] == 1 or (x > 0).any() and (x < 0).any()
        if np.all(np.abs(z) > 0.05) and mixed and signs:
            return x
    return x


@core.checker("Exercise 1.6 (the local linear map)")
def check_local_linear_map(local_linear_map):
    """local_linear_map(x, W1, b1, W2, b2) -> (A (D, C), c (C,)) with f(x') = x' @ A + c near x."""
    rng = core.fresh_rng()
    cases = []
    for label, (D, H, C) in (("D = 3, H = 6, C = 2", (3, 6, 2)), ("D = 2, H = 5, C = 4", (2, 5, 4)),
                             ("D = 4, H = 1, C = 3 (one hidden unit)", (4, 1, 3))):
        _, W1, b1, W2, b2 = _net(rng, 1, D, H, C)
        cases.append((label, _generic_point(rng, W1, b1), W1, b1, W2, b2))
    _, W1, b1, W2, b2 = _net(rng, 1, 3, 5, 2)
    b1 = np.array([-50.0, 40.0, -60.0, 45.0, -55.0])  # units 0, 2, 4 are off, 1 and 3 on
    cases.append(("a point where some units are off and some on", np.zeros(3) + 0.1,
                  W1 * 0.1, b1, W2, b2))
    for label, x, W1, b1, W2, b2 in cases:
        D, C = W1.shape[0], W2.shape[1]
        result = core.call(local_linear_map, x, W1, b1, W2, b2, inputs=label)
        A, c = core.unpack(result, ["A", "c"], fn="local_linear_map", inputs=label,
                           looks_like=[core.has_shape((D, C)), core.has_shape((C,))])
        want_A, want_c = local_map(x, W1, b1, W2, b2)
        z = x @ W1 + b1
        if core.differ(want_A, W1 @ W2) and core.close(A, W1 @ W2):
            raise core.CheckFailed(f"A for {label} is W1 @ W2: it keeps the units that are off "
                                   "at x", "a unit with x @ W1 + b1 <= 0 outputs 0 near x: drop "
                                           "its column of W1 (its row of W2)")
        if core.differ(want_A, W1 @ W2) and core.close(A, (W1 * (x[:, None] > 0)) @ W2):
            raise core.CheckFailed(f"A for {label} uses the sign of x to choose the units",
                                   "a unit is on when its pre-activation x @ W1 + b1 is > 0")
        if core.differ(want_A, (W1 * (z < 0)) @ W2) and core.close(A, (W1 * (z < 0)) @ W2):
            raise core.CheckFailed(f"A for {label} keeps the units that are off and drops the "
                                   "ones that are on", "keep unit j when x @ W1[:, j] + b1[j] > 0")
        core.compare(A, want_A, what="A", inputs=label,
                     shape_hint=f"A maps the {D} inputs to the {C} scores: shape ({D}, {C})",
                     hint="near x the active units act linearly and the others output 0: "
                          "A = (W1 with the inactive units' columns zeroed) @ W2")
        if core.close(c, b1 @ W2 + b2) and core.differ(want_c, b1 @ W2 + b2):
            raise core.CheckFailed(f"c for {label} passes every hidden bias through W2, also "
                                   "those of units that are off", "only the active units' biases "
                                                                  "reach the scores")
        core.compare(c, want_c, what="c", inputs=label, shape_hint=f"c has one entry per class: "
                                                                   f"({C},)",
                     hint="c = (b1 with the inactive units zeroed) @ W2 + b2")
        x_near = x + 1e-4 * rng.standard_normal(D)
        core.compare(x_near @ np.asarray(A, dtype=float) + c, _scores(x_near, W1, b1, W2, b2),
                     what="x' @ A + c", inputs=f"{label}, at a point x' next to x")
    return ("near any x, the network is x @ A + c: the units that are on at x choose which "
            "linear map; that is why a ReLU network is piecewise linear")


# --- Exercise 1.7: XOR by hand (stretch) -----------------------------------------------------

XOR_POINTS = ((0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0))
XOR_LABELS = (-1.0, 1.0, 1.0, -1.0)  # the sign each score must have
XOR_MARGIN = 0.5


def _typed_array(value, name, shape):
    """A hand-typed array (list or array) of the given shape, or CheckFailed."""
    example = (f"write it as an array: `{name} = np.array([{core.show(value)}])`"
               if shape == (1,) and core.is_number(value) else
               "W1 (2, 2): two inputs, two hidden units; b1 (2,); W2 (2, 1): one score; b2 (1,)")
    return core.typed_array(value, f"`{name}`", shape=shape, example=example)


@core.checker("Exercise 1.7 (XOR by hand)")
def check_xor_weights(W1, b1, W2, b2):
    """max(0, X @ W1 + b1) @ W2 + b2 >= 0.5 at (0, 1), (1, 0); <= -0.5 at (0, 0), (1, 1)."""
    _missing(W1=W1, b1=b1, W2=W2, b2=b2)
    W1 = _typed_array(W1, "W1", (2, 2))
    b1 = _typed_array(b1, "b1", (2,))
    W2 = _typed_array(W2, "W2", (2, 1))
    b2 = _typed_array(b2, "b2", (1,))
    X = np.array(XOR_POINTS)
    t = np.array(XOR_LABELS)
    scores = _scores(X, W1, b1, W2, b2)[:, 0]
    wrong = [i for i in range(4) if scores[i] * t[i] <= 0]
    if len(wrong) == 4:
        raise core.CheckFailed("every point gets the wrong sign: the scores are exactly reversed",
                               "multiply W2 and b2 by -1")
    if wrong:
        points = ", ".join(str(XOR_POINTS[i]).replace(".0", "") for i in wrong)
        got = ", ".join(core.show(scores[i]) for i in wrong)
        raise core.CheckFailed(f"the score has the wrong sign at {points} (scores {got})",
                               "let one hidden unit fire for 'at least one input is on' and the "
                               "other for 'both are on'; the score is the first minus twice the "
                               "second, shifted")
    small = [i for i in range(4) if scores[i] * t[i] < XOR_MARGIN]
    if small:
        i = small[0]
        raise core.CheckFailed(f"the signs are right, but the score at "
                               f"{str(XOR_POINTS[i]).replace('.0', '')} is only "
                               f"{core.show(scores[i])}; the exercise asks for a margin of "
                               f"{XOR_MARGIN}", "scale W2 and b2 up")
    return (f"scores {', '.join(core.show(s) for s in scores)} on (0,0), (0,1), (1,0), (1,1): "
            "XOR, which no linear classifier can do")
