"""Adversarial tables for the chapter 4 checkers (nnbook.checks.architectures)."""

import math

import numpy as np
import pytest

from adversarial import (crashing, returns_none, right_params, run_right, run_wrong, stub,
                         wrong_params)
from nnkit import activations
from nnbook.checks import architectures as checks

sig = activations.sigmoid


# --- answers ---------------------------------------------------------------------------------

def count_params(sizes):
    return sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))


def count_params_index(sizes):
    total = 0
    for i in range(1, len(sizes)):
        total += sizes[i - 1] * sizes[i] + sizes[i]
    return np.int64(total)


def count_params_pops(sizes):
    total = 0
    while len(sizes) > 1:
        n_in = sizes.pop(0)
        total += n_in * sizes[0] + sizes[0]
    return total


def count_params_copy(sizes):
    sizes = sizes.copy()  # the right answer that a tuple used to break
    return sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))


def forward(X, weights, biases):
    H = X
    for W, b in zip(weights[:-1], biases[:-1]):
        H = sig(H @ W + b)
    return H @ weights[-1] + biases[-1]


def forward_recursive(X, weights, biases):
    if len(weights) == 1:
        return X @ weights[0] + biases[0]
    return forward_recursive(sig(X @ weights[0] + biases[0]), weights[1:], biases[1:])


def forward_sigmoid_out(X, weights, biases):
    return sig(forward(X, weights, biases))


def forward_relu(X, weights, biases):
    H = X
    for W, b in zip(weights[:-1], biases[:-1]):
        H = np.maximum(0, H @ W + b)
    return H @ weights[-1] + biases[-1]


def forward_no_bias(X, weights, biases):
    H = X
    for W in weights[:-1]:
        H = sig(H @ W)
    return H @ weights[-1]


def forward_rows(X, weights, biases):
    return np.array([forward(x[None, :], weights, biases)[0] for x in X])


def forward_in_place(X, weights, biases):
    for b in biases:
        b *= 1.0
    weights[0] += 0.0
    biases.append(None)
    return forward(X, weights, biases[:-1])


def forward_last_hidden_only(X, weights, biases):
    return sig(X @ weights[0] + biases[0]) @ weights[-1] + biases[-1]


def params_formula(D, H, C, L):
    if L == 1:
        return (D + 1) * C
    return (D + 1) * H + (L - 2) * (H + 1) * H + (H + 1) * C


def params_formula_other(D, H, C, L):
    sizes_count = L + 1
    if sizes_count == 2:
        return D * C + C
    return np.int64(D * H + H) + (L - 2) * (H * H + H) + H * C + C


def params_formula_loop(D, H, C, L):
    sizes = [D] + [H] * (L - 1) + [C]
    return count_params(sizes)


def widest(D, C, L, budget):
    def count(H):
        return params_formula(D, H, C, L)
    if count(1) > budget:
        return 0
    low, high = 1, 2
    while count(high) <= budget:
        low, high = high, high * 2
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (mid, high) if count(mid) <= budget else (low, mid)
    return low


def widest_quadratic(D, C, L, budget):
    """Solve a H^2 + b H + c <= budget, then fix the rounding with the exact count."""
    a, b, c = L - 2, D + 1 + (L - 2) + C, C
    if a == 0:
        H = (budget - c) // b
    else:
        H = (math.isqrt(b * b + 4 * a * (budget - c)) - b) // (2 * a)
    while H > 0 and params_formula(D, H, C, L) > budget:
        H -= 1
    while params_formula(D, H + 1, C, L) <= budget:
        H += 1
    return max(H, 0)


def widest_float_only(D, C, L, budget):
    a, b, c = L - 2, D + 1 + (L - 2) + C, C
    if a == 0:
        return int((budget - c) / b)
    return math.floor((-b + math.sqrt(b * b + 4 * a * (budget - c))) / (2 * a) + 1e-9)


def widest_divides_by_zero(D, C, L, budget):
    a, b, c = L - 2, D + 1 + (L - 2) + C, C
    return int((-b + math.sqrt(b * b + 4 * a * (budget - c))) / (2 * a))


RNG = np.random.default_rng(0)


WRONG = {
    checks.check_counts_253: [
        ("inputs as neurons", (10, 25, 8, 33), ["inputs are not neurons"]),
        ("hidden only", (5, 25, 8, 33), ["output neurons count too"]),
        ("first layer only", (8, 10, 8, 33), ["only the first layer"]),
        ("multiplied", (8, 30, 8, 33), ["not multiplied"]),
        ("weights + biases as weights", (8, 33, 8, 33), ["parameter count"]),
        ("inputs with biases", (8, 25, 10, 33), ["inputs have no biases"]),
        ("one bias per layer", (8, 25, 2, 33), ["one bias per neuron"]),
        ("params = weights", (8, 25, 8, 25), ["number of weights"]),
        ("params with input biases", (8, 25, 8, 35), ["inputs have no biases"]),
        ("a string", (8, "25", 8, 33), ["string"]),
        ("a fraction", (8.5, 25, 8, 33), ["not a whole number"]),
        ("a list", ([8], 25, 8, 33), ["list"]),
    ],
    checks.check_counts_4662: [
        ("inputs as neurons", (18, 86, 3), ["inputs are not neurons"]),
        ("hidden only", (12, 86, 3), ["output neurons count too"]),
        ("weights only", (14, 72, 3), ["add the biases"]),
        ("input biases", (14, 90, 3), ["inputs have no biases"]),
        ("no 6 x 6", (14, 50, 3), ["between the two hidden layers"]),
        ("neurons as params", (14, 14, 3), ["number of neurons"]),
        ("counting the input layer", (14, 86, 4), ["input layer is not counted"]),
        ("hidden layers only", (14, 86, 2), ["output layer counts too"]),
        ("a string", (14, 86, "3"), ["string"]),
        ("True", (14, 86, True), ["bool"]),
        ("off by one", (14, 87, 3), ["not right"]),
    ],
    checks.check_count_params: [
        ("weights only", (lambda s: sum(a * b for a, b in zip(s[:-1], s[1:])),), ["only the weights"]),
        ("input biases", (lambda s: count_params(s) + s[0],), ["input layer biases"]),
        ("neurons", (lambda s: sum(s[1:]),), ["number of neurons"]),
        ("no output layer", (lambda s: count_params(s[:-1]),), ["output) layer is missing"]),
        ("no first layer", (lambda s: count_params(s[1:]),), ["first layer"]),
        ("pops the list", (count_params_pops,), ["in place", "`sizes`"]),
        ("a float", (lambda s: float(count_params(s)),), ["a float", "an int"]),
        ("a string", (lambda s: str(count_params(s)),), ["string"]),
        ("no return", (returns_none,), ["return"]),
        ("a crash", (crashing,), ["valueerror"]),
        ("a list of counts", (lambda s: [a * b + b for a, b in zip(s[:-1], s[1:])],), ["list"]),
        ("an average", (lambda s: count_params(s) / 1,), ["float"]),
    ],
    checks.check_mlp_forward: [
        ("sigmoid on the output", (forward_sigmoid_out,), ["output layer too"]),
        ("ReLU hidden", (forward_relu,), ["not relu"]),
        ("no biases", (forward_no_bias,), ["biases are missing"]),
        ("a loop over rows", (forward_rows,), ["once per example"]),
        ("changes the lists", (forward_in_place,), ["in place", "`biases`"]),
        ("only two layers", (forward_last_hidden_only,), ["expected"]),
        ("transposed output", (lambda X, w, b: forward(X, w, b).T,), ["shape"]),
        ("no return", (returns_none,), ["return"]),
        ("a list", (lambda X, w, b: list(forward(X, w, b)),), ["holding arrays"]),
        ("scores and hidden", (lambda X, w, b: (forward(X, w, b), X),), ["one array"]),
        ("a crash", (crashing,), ["valueerror"]),
        ("no activation anywhere", (lambda X, w, b: forward_relu(X, w, b) * 0 + checks.reference_forward(
            X, w, b, hidden=lambda z: z),), ["need the sigmoid"]),
    ],
    checks.check_to_book: [
        ("no transpose", (lambda W, b: (W, b[:, 0]),), ["notes' (out, in)"]),
        ("reshape", (lambda W, b: (W.reshape(W.shape[1], W.shape[0]), b[:, 0]),), ["reshaped"]),
        ("b as a column", (lambda W, b: (W.T, b),), ["flat vector"]),
        ("b as a row", (lambda W, b: (W.T, b.T),), ["flat vector"]),
        ("(b, W)", (lambda W, b: (b[:, 0], W.T),), ["wrong order"]),
        ("W only", (lambda W, b: W.T,), ["expected 2 values"]),
        ("no return", (returns_none,), ["returned none"]),
        ("W as a list", (lambda W, b: (W.T.tolist(), b[:, 0]),), ["numpy array"]),
        ("b negated", (lambda W, b: (W.T, -b[:, 0]),), ["expected"]),
        ("a crash", (crashing,), ["valueerror"]),
        ("three values", (lambda W, b: (W.T, b[:, 0], W),), ["expected 2"]),
    ],
    checks.check_naming: [
        (letter, (letter,), ["not the best answer"]) for letter in "abd"] + [
        ("e", ("e",), ["not one of the letters"]), ("a list", (["c"],), ["brackets"]),
        ("a number", (3,), ["letter"]), ("two letters", ("c d",), ["one letter only"]),
        ("empty", ("",), ["not one of the letters"]), ("True", (True,), ["bool"]),
        ("the count", ("3",), ["just the letter"]), ("a dict", ({"c": 1},), ["dict"]),
    ],
    checks.check_output_activation: [
        (letter, (letter,), ["not the best answer"]) for letter in "bcd"] + [
        ("e", ("z",), ["not one of the letters"]), ("a list", (["a"],), ["brackets"]),
        ("a number", (0,), ["letter"]), ("two letters", ("ab",), ["one letter only"]),
        ("empty", ("  ",), ["not one of the letters"]), ("None in a tuple", ((None,),), ["tuple"]),
        ("a word", ("none",), ["just the letter"]), ("False", (False,), ["bool"]),
    ],
    checks.check_params_formula: [
        ("weights only", (lambda D, H, C, L: D * H + (L - 2) * H * H + H * C if L > 1 else D * C,),
         ["weights only"]),
        ("L hidden layers", (lambda D, H, C, L: (D + 1) * H + (L - 1) * (H + 1) * H + (H + 1) * C,),
         ["l hidden layers"]),
        ("L = 1 not handled", (lambda D, H, C, L: (D + 1) * H + max(L - 2, 0) * (H + 1) * H + (H + 1) * C,),
         ["no hidden layer"]),
        ("middle layers without biases", (lambda D, H, C, L: params_formula(D, H, C, L) - max(L - 2, 0) * H,),
         ["biases too"]),
        ("a loop over layers", (params_formula_loop,), ["once per layer"]),
        ("a float", (lambda D, H, C, L: float(params_formula(D, H, C, L)),), ["float"]),
        ("a string", (lambda D, H, C, L: str(params_formula(D, H, C, L)),), ["string"]),
        ("no return", (returns_none,), ["none"]),
        ("a crash", (crashing,), ["valueerror"]),
        ("inputs counted with biases", (lambda D, H, C, L: params_formula(D, H, C, L) + D,), ["expected"]),
        ("half of it divided", (lambda D, H, C, L: params_formula(D, H, C, L) // 2 * 2 + (L > 1),),
         ["expected"]),
    ],
    checks.check_widest_hidden: [
        ("one too wide", (lambda D, C, L, budget: widest(D, C, L, budget) + 1,), ["over the budget"]),
        ("one too narrow", (lambda D, C, L, budget: max(widest(D, C, L, budget) - 1, 0),),
         ["still fit"]),
        ("floats only", (widest_float_only,), ["still fit", "math.isqrt"]),
        ("a float result", (lambda D, C, L, budget: float(widest(D, C, L, budget)),), ["a float"]),
        ("divides by zero for L = 2", (widest_divides_by_zero,), ["zerodivisionerror"]),
        ("-1 when nothing fits", (lambda D, C, L, budget: widest(D, C, L, budget) or -1,), ["return 0"]),
        ("no biases", (lambda D, C, L, budget: widest(D, C, L, budget + (L - 1) * 10**6),),
         ["over the budget"]),
        ("no return", (returns_none,), ["none"]),
        ("a crash", (crashing,), ["valueerror"]),
        ("a string", (lambda D, C, L, budget: str(widest(D, C, L, budget)),), ["string"]),
        ("half the width", (lambda D, C, L, budget: widest(D, C, L, budget) // 2,), ["still fit"]),
    ],
}

RIGHT = {
    checks.check_counts_253: [("ints", (8, 25, 8, 33)), ("floats, numpy", (8.0, np.int64(25), 8, 33.0))],
    checks.check_counts_4662: [("ints", (14, 86, 3)), ("numpy", (np.int32(14), 86.0, 3))],
    checks.check_count_params: [("zip", (count_params,)), ("index, numpy int", (count_params_index,)),
                                ("a copy first", (count_params_copy,))],
    checks.check_mlp_forward: [("a loop over layers", (forward,)), ("recursion", (forward_recursive,))],
    checks.check_to_book: [("transpose", (lambda W, b: (W.T, b[:, 0]),)),
                           ("swapaxes, ravel, list", (lambda W, b: [np.swapaxes(W, 0, 1), b.ravel()],))],
    checks.check_naming: [("c", ("c",)), ("C", ("C",)), ("spaced", ("  c",))],
    checks.check_output_activation: [("a", ("a",)), ("A", ("A",)), ("(a)", ("(a)",))],
    checks.check_params_formula: [("branches", (params_formula,)), ("numpy int", (params_formula_other,))],
    checks.check_widest_hidden: [("doubling and halving", (widest,)),
                                 ("quadratic, then exact", (widest_quadratic,))],
}


@pytest.mark.parametrize("fn, args, words", wrong_params(WRONG))
def test_wrong_answers_are_named(fn, args, words):
    run_wrong(fn, args, words)


@pytest.mark.parametrize("fn, args", right_params(RIGHT))
def test_right_answers_pass(fn, args):
    run_right(fn, args)


@pytest.mark.parametrize("fn, args", [
    (checks.check_counts_253, (None, None, None, None)), (checks.check_counts_4662, (14, None, 3)),
    (checks.check_count_params, (stub,)), (checks.check_mlp_forward, (stub,)),
    (checks.check_to_book, (stub,)), (checks.check_naming, (None,)),
    (checks.check_output_activation, (None,)), (checks.check_params_formula, (stub,)),
    (checks.check_widest_hidden, (stub,)),
])
def test_stubs_are_not_attempted(fn, args):
    assert fn(*args).status == "not attempted"


def test_the_formula_matches_nnkit_networks():
    from nnkit import model

    for D, H, C, L in [(3, 4, 2, 1), (3, 4, 2, 2), (5, 3, 4, 4), (2, 7, 1, 6)]:
        net = model.MLP([D] + [H] * (L - 1) + [C], rng=np.random.default_rng(0))
        assert net.num_params() == checks.formula_reference(D, H, C, L)
