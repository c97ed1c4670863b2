"""Checks for the exercises of chapter 4 (layered architectures).

Counting neurons and parameters by hand and in code, a batched forward pass, translating the
notes' weight layout, naming, the parameter count of an L-layer network as a formula, and the
widest hidden layer that fits a parameter budget.
Every case is drawn fresh on each call; common mistakes get their own message: counting the
inputs as neurons, forgetting the biases, an activation on the output layer, reshaping instead
of transposing, one hidden layer too many, a float where a count is asked, a loop where a
formula is asked.
Shapes: N examples, D inputs, H hidden units, C outputs; weights[l] (n_l, n_{l+1}) in the
book's ``X @ W`` layout, biases[l] (n_{l+1},).
"""

from __future__ import annotations

import functools

import numpy as np

from nnkit import activations, validate
from nnbook.checks import core


def _neurons(sizes):
    return int(sum(sizes[1:]))


def _weights(sizes):
    return int(sum(a * b for a, b in zip(sizes[:-1], sizes[1:])))


def _params(sizes):
    return _weights(sizes) + _neurons(sizes)


_integer = functools.partial(core.whole_number, example="neurons = 7",
                             why="counts of neurons, weights and parameters are whole numbers")


def _count(answer, expected, what, mistakes: dict):
    """Check one hand-entered count; ``mistakes`` maps a known wrong value to its explanation."""
    value = _integer(answer, what)
    if value != expected:
        for wrong, why in mistakes.items():
            if value == wrong:
                raise core.CheckFailed(f"{what} is {value}, which is not right: {why}",
                                       "go back to the counting section of the chapter")
        raise core.CheckFailed(f"{what} is {value}, which is not right",
                               "weights: sum of (inputs x outputs) over the layers; biases and "
                               "neurons: sum of the layer sizes without the input layer")


def _missing(**answers):
    absent = [f"`{name}`" for name, value in answers.items() if value is None]
    if absent:
        raise core.NotAttempted(f"set {', '.join(absent)} to a number, then run this cell again")


def _int_result(value, what, inputs=""):
    """A count returned by learner code: an int (Python or numpy), validated before use."""
    where = f" for {inputs}" if inputs else ""
    if value is None:
        raise core.CheckFailed(f"{what}{where} is None", "did you forget a `return` statement?")
    if isinstance(value, (bool, np.bool_)):
        raise core.CheckFailed(f"{what}{where} is {bool(value)}; expected a whole number")
    if isinstance(value, (float, np.floating)):
        whole = float(value).is_integer()
        raise core.CheckFailed(f"{what}{where} is {core.show(value)}, a float; expected an int",
                               "a count is an int: use // for division, or int(...) once the "
                               "value is exact" if whole else
                               "a count is a whole number; something divided where it should "
                               "not, or rounded too early")
    if not isinstance(value, (int, np.integer)):
        raise core.CheckFailed(f"{what}{where} is {core.kind(value)}; expected a whole number "
                               "(an int)", "return the count itself")
    return int(value)


# --- Exercise 4.1: counting the 2-5-3 network by hand ----------------------------------------


@core.checker("Exercise 4.1 (counting 2-5-3)")
def check_counts_253(neurons, weights, biases, params):
    """neurons, weights, biases, params of the 2-5-3 network: 8, 25, 8, 33."""
    sizes = [2, 5, 3]
    _missing(neurons=neurons, weights=weights, biases=biases, params=params)
    _count(neurons, _neurons(sizes), "`neurons`",
           {sum(sizes): "the 2 inputs are not neurons (the input layer only holds the data)",
            5: "the output neurons count too, not only the hidden ones"})
    _count(weights, _weights(sizes), "`weights`",
           {10: "that is only the first layer (2 x 5); add the 5 x 3 weights of the output layer",
            15: "that is only the output layer (5 x 3); add the 2 x 5 weights of the hidden layer",
            30: "the layers are not multiplied together: add 2 x 5 and 5 x 3",
            10 + 15 + 8: "that is the parameter count; weights are only the edges"})
    _count(biases, _neurons(sizes), "`biases`",
           {sum(sizes): "the inputs have no biases: one bias per neuron",
            1: "every neuron has its own bias, not one per network",
            2: "one bias per neuron, not one per layer"})
    _count(params, _params(sizes), "`params`",
           {_weights(sizes): "that is the number of weights; add the biases",
            _weights(sizes) + sum(sizes): "the inputs have no biases",
            _neurons(sizes): "that is the number of neurons; parameters are weights plus biases"})
    return "8 neurons, 2 x 5 + 5 x 3 = 25 weights, 8 biases, 33 parameters"


# --- Exercise 4.2: the 4-6-6-2 network -------------------------------------------------------


@core.checker("Exercise 4.2 (counting 4-6-6-2)")
def check_counts_4662(neurons, params, num_layers):
    """neurons, params and the N of "N-layer network" for 4-6-6-2: 14, 86, 3."""
    sizes = [4, 6, 6, 2]
    _missing(neurons_4662=neurons, params_4662=params, num_layers_4662=num_layers)
    _count(neurons, _neurons(sizes), "`neurons_4662`",
           {sum(sizes): "the 4 inputs are not neurons", 12: "the 2 output neurons count too"})
    _count(params, _params(sizes), "`params_4662`",
           {_weights(sizes): "that is the number of weights (4 x 6 + 6 x 6 + 6 x 2 = 72); add "
                             "the biases",
            _weights(sizes) + sum(sizes): "the inputs have no biases",
            4 * 6 + 6 * 2 + _neurons(sizes): "the 6 x 6 weights between the two hidden layers "
                                             "are missing",
            _neurons(sizes): "that is the number of neurons"})
    _count(num_layers, len(sizes) - 1, "`num_layers_4662`",
           {len(sizes): "the input layer is not counted in an N-layer network",
            2: "the output layer counts too: only the input layer is left out"})
    return "14 neurons, 72 weights + 14 biases = 86 parameters, a three-layer network"


# --- Exercise 4.3: count_params(sizes) -------------------------------------------------------


def _count_cases(rng):
    fixed = [[3, 4, 2], [3, 4, 4, 1], [2, 1], [1, 1], [10, 1, 10], [5, 5, 5, 5, 5, 5],
             [784, 1000, 1000, 1000, 10]]
    drawn = [list(map(int, rng.integers(1, 300, int(rng.integers(2, 7))))) for _ in range(3)]
    return fixed + drawn


@core.checker("Exercise 4.3 (count_params)")
def check_count_params(count_params):
    """count_params(sizes) -> int, weights plus biases, on small, single-layer and large nets."""
    rng = core.fresh_rng()
    cases = _count_cases(rng)
    for sizes in cases:
        inputs = f"sizes = {sizes}"
        result = core.call(count_params, list(sizes), name="count_params", inputs=inputs)
        value = _int_result(result, f"`count_params({sizes})`")
        expected = _params(sizes)
        if value == expected:
            continue
        why = {
            _weights(sizes): "that is only the weights; add one bias per neuron",
            _weights(sizes) + sum(sizes): "that gives the input layer biases too; the inputs "
                                          "have none",
            _neurons(sizes): "that is the number of neurons",
            _params(sizes[:-1]) if len(sizes) > 2 else -1: "the last (output) layer is missing "
                                                           "from your sum",
            _params(sizes[1:]) if len(sizes) > 2 else -1: "the first layer (inputs to first "
                                                          "neurons) is missing",
        }.get(value, "")
        raise core.CheckFailed(f"`count_params({sizes})` is {value}; expected {expected}"
                               + (f": {why}" if why else ""),
                               "loop over consecutive pairs (n_in, n_out) of sizes and add "
                               "n_in * n_out + n_out")
    return f"correct on {len(cases)} networks, from 1-1 to 784-1000-1000-1000-10"


# --- Exercise 4.4: mlp_forward(X, weights, biases) -------------------------------------------


def reference_forward(X, weights, biases, *, hidden=activations.sigmoid, output=None):
    """The reference (and, with other arguments, some wrong variants) of ``mlp_forward``."""
    where = "reference_forward"
    width = core.array_argument(where, "X", X, (None, None)).shape[1]
    if not isinstance(weights, (list, tuple)) or not weights:
        raise TypeError(f"{where}: weights must be a non-empty list of arrays, got {weights!r}")
    if not isinstance(biases, (list, tuple)) or len(biases) != len(weights):
        raise ValueError(f"{where}: biases must be a list of one bias per weight matrix "
                         f"({len(weights)}), got {core.kind(biases)}")
    for i, (W, b) in enumerate(zip(weights, biases)):
        width = core.array_argument(where, f"weights[{i}]", W, (width, None)).shape[1]
        core.array_argument(where, f"biases[{i}]", b, (width,))
    validate.callable_(where, "hidden", hidden)
    core.optional_function(where, "output", output)
    H = X
    for index, (W, b) in enumerate(zip(weights, biases)):
        Z = H @ W + b
        last = index == len(weights) - 1
        H = (output(Z) if output else Z) if last else hidden(Z)
    return H


def _network(sizes, rng, scale=1.0):
    weights = [rng.standard_normal((a, b)) * scale for a, b in zip(sizes[:-1], sizes[1:])]
    biases = [rng.standard_normal(b) for b in sizes[1:]]
    return weights, biases


def _forward_cases(rng):
    """(description, X, weights, biases) on which ``check_mlp_forward`` runs the learner's code."""
    cases = []
    for sizes, n, scale, x_scale, what in (
            ([3, 4, 4, 1], 5, 1.0, 1.0, "the 3-4-4-1 network on a batch of 5"),
            ([3, 4, 4, 1], 1, 1.0, 1.0, "the 3-4-4-1 network on a batch of one"),
            ([2, 5, 3], 7, 1.0, -3.0, "a 2-5-3 network on negative inputs"),
            ([3, 2], 4, 1.0, 1.0, "a single-layer 3-2 network (no hidden layer, no activation)"),
            ([4, 6, 6, 2], 6, 1.0, 0.0, "a 4-6-6-2 network on all-zero inputs"),
            ([2, 3, 3, 3, 1], 3, 10.0, 30.0, "a four-layer net with large weights and inputs")):
        weights, biases = _network(sizes, rng, scale)
        X = rng.standard_normal((n, sizes[0])) * abs(x_scale)
        if x_scale < 0:
            X = -np.abs(X)
        cases.append((what, X, weights, biases))
    return cases


FORWARD_MISTAKES = (
    (dict(output=activations.sigmoid), "you applied the sigmoid to the output layer too; the "
                                       "output layer has no activation"),
    (dict(hidden=activations.relu), "the hidden layers should use the sigmoid, not ReLU"),
    (dict(hidden=lambda z: z), "the hidden layers need the sigmoid activation"),
)


@core.checker("Exercise 4.4 (mlp_forward)")
def check_mlp_forward(mlp_forward):
    """mlp_forward(X (N, D), weights, biases) -> scores (N, C): sigmoid hidden, linear output."""
    rng = core.fresh_rng()
    for what, X, weights, biases in _forward_cases(rng):
        with np.errstate(over="ignore"):
            result = core.call(mlp_forward, X, weights, biases, name="mlp_forward", inputs=what)
        expected = reference_forward(X, weights, biases)
        with np.errstate(over="ignore"):
            for kwargs, why in FORWARD_MISTAKES:
                wrong = reference_forward(X, weights, biases, **kwargs)
                if core.differ(wrong, expected) and core.close(result, wrong):
                    raise core.CheckFailed(f"on {what}: {why}", "hidden: H = sigmoid(H @ W + b); "
                                                                "last layer: scores = H @ W + b")
        no_bias = reference_forward(X, weights, [np.zeros_like(b) for b in biases])
        if core.close(result, no_bias) and core.differ(no_bias, expected):
            raise core.CheckFailed(f"on {what}: the biases are missing",
                                   "add b after every matrix product")
        core.compare(result, expected, what="the output", inputs=what,
                     hint="one matrix product per layer: H = sigmoid(H @ W + b) for hidden layers, "
                          "then scores = H @ W + b with no activation; the result has shape (N, C)")
    core.loop_free(mlp_forward, lambda n: (rng.standard_normal((n, 3)),) + _network([3, 4, 2], rng),
                   name="mlp_forward")
    return ("sigmoid hidden layers and a linear output, on whole batches, single-layer and "
            "saturated nets included")


# --- Exercise 4.5: from the notes' layout to the book's --------------------------------------


def _translate_cases(rng):
    """(description, W_note (out, in), b_note (out, 1)) pairs for ``check_to_book``."""
    return [(f"W_note of shape {(o, i)}", rng.standard_normal((o, i)), rng.standard_normal((o, 1)))
            for o, i in ((4, 3), (1, 4), (3, 3), (2, 5), (3, 1))]


@core.checker("Exercise 4.5 (to_book)")
def check_to_book(to_book):
    """to_book(W_note (out, in), b_note (out, 1)) -> (W (in, out), b (out,))."""
    rng = core.fresh_rng()
    for what, W_note, b_note in _translate_cases(rng):
        out, inp = W_note.shape
        result = core.call(to_book, W_note, b_note, name="to_book", inputs=what)
        W, b = core.unpack(result, ["W", "b"], fn="to_book", inputs=what,
                           looks_like=[core.has_shape((inp, out)), core.has_shape((out,))]
                           if inp != 1 else None)
        W = core.array_result(W, what="W", inputs=what)
        if W.shape == W_note.shape and out != inp:
            raise core.CheckFailed(f"on {what}, your W has shape {W.shape}, the notes' (out, in) "
                                   f"layout; the book's W has shape (in, out) = {(inp, out)}",
                                   "transpose it: `W_note.T`")
        if W.shape == (inp, out) and core.differ(W, W_note.T) and np.allclose(
                W, W_note.reshape(inp, out)):
            raise core.CheckFailed(f"on {what}, W has the right shape but you reshaped instead of "
                                   "transposing: reshape keeps the numbers in memory order, so "
                                   "the weights of different neurons get mixed",
                                   "use `W_note.T`; neuron j's weights must move from row j to "
                                   "column j")
        core.compare(W, W_note.T, what="W", inputs=what,
                     hint="W is the transpose of W_note: W[i, j] == W_note[j, i]")
        if isinstance(b, np.ndarray) and b.shape in ((out, 1), (1, out)) and out > 1:
            raise core.CheckFailed(f"on {what}, b has shape {b.shape}; the book's bias is a flat "
                                   f"vector of shape {(out,)}", "flatten it: `b_note[:, 0]` or "
                                                                "`b_note.reshape(-1)`")
        core.compare(b, b_note[:, 0], what="b", inputs=what,
                     hint="b holds the same numbers as b_note, as a flat (out,) vector")
    return "W = W_note.T and b = b_note[:, 0]: X @ W + b equals (W_note @ X.T + b_note).T"


# --- Exercises 4.6 and 4.7: naming and the output layer --------------------------------------

NAMING_OPTIONS = {
    "a": "Not quite: the input layer is not counted, because it holds no neurons (no weights, "
         "no biases). Input, one hidden and one output layer is a two-layer network.",
    "b": "No: the output layer counts as one of the layers, so three hidden layers plus the "
         "output make a four-layer network.",
    "c": "Right: an N-layer network counts the layers that contain neurons, so a three-layer "
         "network has two hidden layers and one output layer (like 3-4-4-1); the input layer "
         "is not counted.",
    "d": "No: the output layer usually has no activation, yet it is counted; the name counts "
         "layers of neurons, not activation functions.",
}


@core.checker("Exercise 4.6 (what a three-layer network counts)")
def check_naming(answer):
    """Multiple choice: the correct option is "c"."""
    return core.choice(answer, NAMING_OPTIONS, "c", what="`answer_naming`")


OUTPUT_OPTIONS = {
    "a": "Right: the output layer usually has no activation. Its outputs are scores or real "
         "values of any sign and size, which the loss function reads directly.",
    "b": "No: a sigmoid would squash every score into (0, 1), so the network could not output "
         "a price of 250 or a score of -3; the loss wants raw real numbers.",
    "c": "No: a ReLU would make every negative score 0, and a unit stuck below zero would output "
         "0 for every input; scores should be free to take any real value.",
    "d": "No: hidden layers need the activation so that the layers do not collapse into one "
         "linear map; the output layer is the exception, since its values are the scores.",
}


@core.checker("Exercise 4.7 (the output layer)")
def check_output_activation(answer):
    """Multiple choice: the correct option is "a"."""
    return core.choice(answer, OUTPUT_OPTIONS, "a", what="`answer_output`")


# --- Exercise 4.8: the parameter count as a formula (derivation) -----------------------------


def formula_reference(D, H, C, L):
    """Parameters of an L-layer network: L - 1 hidden layers of H units, then C outputs."""
    D, H, C, L = (validate.whole_number("formula_reference", name, value)
                  for name, value in (("D", D), ("H", H), ("C", C), ("L", L)))
    if L == 1:
        return (D + 1) * C
    return (D + 1) * H + (L - 2) * (H + 1) * H + (H + 1) * C


@core.checker("Exercise 4.8 (params_formula)")
def check_params_formula(params_formula):
    """params_formula(D, H, C, L) -> int, in closed form (no loop over the layers)."""
    rng = core.fresh_rng()
    cases = [(3, 4, 2, 2), (3, 4, 1, 3), (2, 5, 3, 1), (1, 1, 1, 1), (784, 1000, 10, 4)]
    cases += [tuple(int(v) for v in (rng.integers(1, 500), rng.integers(1, 500),
                                      rng.integers(1, 50), rng.integers(2, 12))) for _ in range(4)]
    cases += [(10, 100, 10, 1_000_000)]
    for D, H, C, L in cases:
        inputs = f"D = {D}, H = {H}, C = {C}, L = {L}"
        result = core.call(params_formula, D, H, C, L, name="params_formula", inputs=inputs)
        value = _int_result(result, "your count", inputs)
        expected = formula_reference(D, H, C, L)
        if value == expected:
            continue
        hidden_too_many = (D + 1) * H + (L - 1) * (H + 1) * H + (H + 1) * C
        mistakes = {
            D * H + (L - 2) * H * H + H * C if L > 1 else D * C: "that counts the weights only; "
                                                                 "every layer adds one bias per "
                                                                 "unit",
            hidden_too_many if L > 1 else -1: "that has L hidden layers; an L-layer network has "
                                              "L - 1 hidden layers and the output layer",
            (D + 1) * H + (H + 1) * C if L == 1 else -1: "with L = 1 there is no hidden layer at "
                                                         "all: the inputs go straight to the C "
                                                         "outputs",
            (D + 1) * H + (L - 2) * H * H + (H + 1) * C if L > 2 else -1: "the hidden-to-hidden "
                                                                          "layers have biases "
                                                                          "too",
        }
        why = mistakes.get(value, "")
        raise core.CheckFailed(f"your count for {inputs} is {value:,}; expected {expected:,}"
                               + (f": {why}" if why else ""),
                               "first layer (D + 1) H, each of the L - 2 middle layers (H + 1) H, "
                               "output layer (H + 1) C; a one-layer network is (D + 1) C")
    core.loop_free(params_formula, lambda n: (3, 4, 2, n), name="params_formula", per="layer",
                   what="networks of 3 and 40 layers",
                   hint="the exercise asks for a formula: the L - 2 middle layers are all alike, "
                        "so multiply instead of adding them up one by one")
    return ("(D + 1) H + (L - 2)(H + 1) H + (H + 1) C, and (D + 1) C for one layer: the count "
            "grows linearly with depth and quadratically with width")


# --- Exercise 4.9: the widest hidden layer in a budget (stretch) -----------------------------


def _widest_reference(D, C, L, budget):
    """Largest H >= 1 with formula_reference(D, H, C, L) <= budget, or 0 if even H = 1 is over."""
    if formula_reference(D, 1, C, L) > budget:
        return 0
    low, high = 1, 2
    while formula_reference(D, high, C, L) <= budget:
        low, high = high, 2 * high
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (mid, high) if formula_reference(D, mid, C, L) <= budget else (low, mid)
    return low


@core.checker("Exercise 4.9 (widest_hidden)")
def check_widest_hidden(widest_hidden):
    """widest_hidden(D, C, L, budget) -> the largest H that fits, an int (0 if none fits)."""
    rng = core.fresh_rng()
    cases = [(2, 3, 2, 1000), (3072, 10, 3, 500_000), (10, 10, 4, 10**14), (2, 2, 3, 5),
             (784, 10, 2, 784 * 10 + 10),
             (10, 10, 3, formula_reference(10, 10**17 + 12345, 10, 3))]  # beyond float precision
    for _ in range(3):
        D, C, L = (int(v) for v in (rng.integers(1, 800), rng.integers(1, 20), rng.integers(2, 7)))
        H = int(rng.integers(1, 3000))
        exact = formula_reference(D, H, C, L)
        cases += [(D, C, L, exact), (D, C, L, exact - 1)]  # on the boundary, and just below it
    for D, C, L, budget in cases:
        inputs = f"D = {D}, C = {C}, L = {L}, budget = {budget:,}"
        result = core.call(widest_hidden, D, C, L, budget, name="widest_hidden", inputs=inputs)
        value = _int_result(result, "your width", inputs)
        expected = _widest_reference(D, C, L, budget)
        if value == expected:
            continue
        if value > expected:
            over = formula_reference(D, value, C, L)
            raise core.CheckFailed(f"your width for {inputs} is {value:,}, but that network has "
                                   f"{over:,} parameters, over the budget",
                                   "round down, and check the answer with the exact integer "
                                   "count: floating-point square roots can be off by one")
        if value < 0:
            raise core.CheckFailed(f"your width for {inputs} is {value}; expected {expected}",
                                   "when not even one hidden unit fits, return 0")
        hint = ("above 2**53 (about 9e15) floats cannot hold every whole number: solve with "
                "integers (math.isqrt, //) and confirm with the exact count"
                if expected > 2**53 else
                "find the largest H, not just one that fits; for L = 2 the count is linear in "
                "H, for L >= 3 it is quadratic")
        raise core.CheckFailed(f"your width for {inputs} is {value:,}; {expected:,} hidden units "
                               f"still fit ({formula_reference(D, expected, C, L):,} parameters)",
                               hint)
    return ("the widest layer for every budget, exact on the boundary: the count is linear in H "
            "for two layers and quadratic from three on")
