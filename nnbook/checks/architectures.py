"""Checks for the exercises of chapter 4 (layered architectures): counting neurons and parameters, a batched forward pass, translating the notes' weight layout, and naming.

Each checker takes the learner's answer (numbers, a function or an option letter), runs it on
several inputs including edge cases, and returns a ``Feedback`` that says "passed" only when
nothing failed.  Common mistakes get their own message: counting the inputs as neurons,
forgetting the biases, an activation on the output layer, reshaping instead of transposing.
Shapes: N examples, D inputs, H hidden units, C outputs; weights[l] (n_l, n_{l+1}) in the
book's ``X @ W`` layout, biases[l] (n_{l+1},).
"""

from __future__ import annotations

import functools

import numpy as np

from nnkit import activations
from nnbook.checks import core

# --- helpers -------------------------------------------------------------------------------


def _neurons(sizes):
    return int(sum(sizes[1:]))


def _weights(sizes):
    return int(sum(a * b for a, b in zip(sizes[:-1], sizes[1:])))


def _params(sizes):
    return _weights(sizes) + _neurons(sizes)


def _name(sizes):
    return "-".join(str(s) for s in sizes)



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
                               "weights: sum of (inputs x outputs) over the layers; biases and neurons: "
                               "sum of the layer sizes without the input layer")


def _missing(**answers):
    absent = [name for name, value in answers.items() if value is None]
    if absent:
        raise core.NotAttempted(f"set {', '.join(f'`{a}`' for a in absent)} to a number, then run this cell again")


# --- Exercise 1: counting the 2-5-3 network by hand --------------------------------------


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


# --- Exercise 2: the 4-6-6-2 network -------------------------------------------------------


@core.checker("Exercise 4.2 (counting 4-6-6-2)")
def check_counts_4662(neurons, params, num_layers):
    """neurons, params and the N of "N-layer network" for 4-6-6-2: 14, 86, 3."""
    sizes = [4, 6, 6, 2]
    _missing(neurons_4662=neurons, params_4662=params, num_layers_4662=num_layers)
    _count(neurons, _neurons(sizes), "`neurons_4662`",
           {sum(sizes): "the 4 inputs are not neurons",
            12: "the 2 output neurons count too"})
    _count(params, _params(sizes), "`params_4662`",
           {_weights(sizes): "that is the number of weights (4 x 6 + 6 x 6 + 6 x 2 = 72); add the biases",
            _weights(sizes) + sum(sizes): "the inputs have no biases",
            4 * 6 + 6 * 2 + _neurons(sizes): "the 6 x 6 weights between the two hidden layers are missing",
            _neurons(sizes): "that is the number of neurons"})
    _count(num_layers, len(sizes) - 1, "`num_layers_4662`",
           {len(sizes): "the input layer is not counted in an N-layer network",
            2: "the output layer counts too: only the input layer is left out"})
    return "14 neurons, 72 weights + 14 biases = 86 parameters, a three-layer network"


# --- Exercise 3: count_params(sizes) -------------------------------------------------------

COUNT_CASES = ([3, 4, 2], [3, 4, 4, 1], [2, 1], [1, 1], [10, 1, 10], [5, 5, 5, 5, 5, 5],
               [3072, 100, 10], [784, 1000, 1000, 1000, 10])


@core.checker("Exercise 4.3 (count_params)")
def check_count_params(count_params):
    """count_params(sizes) -> int, weights plus biases, on small, single-layer and large nets."""
    for sizes in COUNT_CASES:
        given = list(sizes)
        result = core.call(count_params, given, name="count_params", inputs=f"sizes = {sizes}")
        if given != list(sizes):
            raise core.CheckFailed(f"`count_params` changed its argument: sizes = {sizes} became {given}",
                                   "read the list, do not modify it (no pop, append or item assignment)")
        if result is None:
            raise core.CheckFailed(f"`count_params({sizes})` returned None", "did you forget a `return` statement?")
        value = _integer(result, f"`count_params({sizes})`")
        expected = _params(sizes)
        if value == expected:
            continue
        why = {
            _weights(sizes): "that is only the weights; add one bias per neuron",
            _weights(sizes) + sum(sizes): "that gives the input layer biases too; the inputs have none",
            _neurons(sizes): "that is the number of neurons",
            _params(sizes[:-1]) if len(sizes) > 2 else -1: "the last (output) layer is missing from your sum",
            _params(sizes[1:]) if len(sizes) > 2 else -1: "the first layer (inputs to first neurons) is missing",
        }.get(value, "")
        raise core.CheckFailed(f"`count_params({sizes})` is {value}; expected {expected}" + (f": {why}" if why else ""),
                               "loop over consecutive pairs (n_in, n_out) of sizes and add n_in * n_out + n_out")
    single = core.call(count_params, (3, 4, 2), name="count_params", inputs="the tuple (3, 4, 2)")
    if single is None or _integer(single, "`count_params((3, 4, 2))`") != 26:
        raise core.CheckFailed(f"`count_params((3, 4, 2))` is {single!r}; expected 26 (the same as for the list)",
                               "index or zip the sizes; do not rely on list-only methods")
    return f"correct on {len(COUNT_CASES) + 1} networks, from 1-1 to 784-1000-1000-1000-10"


# --- Exercise 4: mlp_forward(X, weights, biases) -------------------------------------------


def reference_forward(X, weights, biases, *, hidden=activations.sigmoid, output=None):
    """The reference (and, with other arguments, some wrong variants) of ``mlp_forward``."""
    H = X
    for l, (W, b) in enumerate(zip(weights, biases)):
        Z = H @ W + b
        last = l == len(weights) - 1
        H = (output(Z) if output else Z) if last else hidden(Z)
    return H


def _network(sizes, *, seed, scale=1.0):
    rng = np.random.default_rng(seed)
    weights = [rng.standard_normal((a, b)) * scale for a, b in zip(sizes[:-1], sizes[1:])]
    biases = [rng.standard_normal(b) for b in sizes[1:]]
    return weights, biases


def forward_cases():
    """(description, X, weights, biases) on which ``check_mlp_forward`` runs the learner's code."""
    rng = np.random.default_rng(404)
    cases = []
    for sizes, n, scale, x_scale, what in (
            ([3, 4, 4, 1], 5, 1.0, 1.0, "the 3-4-4-1 network on a batch of 5"),
            ([3, 4, 4, 1], 1, 1.0, 1.0, "the 3-4-4-1 network on a batch of one"),
            ([2, 5, 3], 7, 1.0, -3.0, "a 2-5-3 network on negative inputs"),
            ([3, 2], 4, 1.0, 1.0, "a single-layer 3-2 network (no hidden layer, so no activation at all)"),
            ([4, 6, 6, 2], 6, 1.0, 0.0, "a 4-6-6-2 network on all-zero inputs"),
            ([2, 3, 3, 3, 1], 3, 10.0, 30.0, "a four-layer net with large weights and inputs (saturated sigmoids)")):
        weights, biases = _network(sizes, seed=int(rng.integers(10**6)), scale=scale)
        X = np.abs(rng.standard_normal((n, sizes[0]))) * x_scale if x_scale < 0 else rng.standard_normal((n, sizes[0])) * x_scale
        cases.append((what, X, weights, biases))
    return cases


FORWARD_MISTAKES = (
    (dict(output=activations.sigmoid), "you applied the sigmoid to the output layer too; the output layer has no activation"),
    (dict(hidden=activations.relu), "the hidden layers should use the sigmoid, not ReLU"),
    (dict(hidden=lambda z: z), "the hidden layers need the sigmoid activation"),
)


@core.checker("Exercise 4.4 (mlp_forward)")
def check_mlp_forward(mlp_forward):
    """mlp_forward(X (N, D), weights, biases) -> scores (N, C): sigmoid hidden layers, linear output."""
    for what, X, weights, biases in forward_cases():
        w_copies, b_copies = [W.copy() for W in weights], [b.copy() for b in biases]
        w_list, b_list = list(weights), list(biases)
        result = core.call(mlp_forward, X, w_list, b_list, name="mlp_forward", inputs=what)
        if len(w_list) != len(weights) or len(b_list) != len(biases) or not all(
                np.array_equal(a, c) for a, c in zip(w_list + b_list, w_copies + b_copies)):
            raise core.CheckFailed(f"`mlp_forward` on {what} modified the weights or biases it was given",
                                   "compute new arrays (`H @ W + b`) instead of changing W or b in place")
        expected = reference_forward(X, weights, biases)
        if result is not None and np.shape(result) == expected.shape:
            for kwargs, why in FORWARD_MISTAKES:
                wrong = reference_forward(X, weights, biases, **kwargs)
                if not np.allclose(wrong, expected) and np.allclose(np.asarray(result, dtype=float), wrong):
                    raise core.CheckFailed(f"on {what}: {why}", "hidden: H = sigmoid(H @ W + b); last layer: scores = H @ W + b")
            no_bias = reference_forward(X, weights, [np.zeros_like(b) for b in biases])
            if np.allclose(np.asarray(result, dtype=float), no_bias) and not np.allclose(no_bias, expected):
                raise core.CheckFailed(f"on {what}: the biases are missing", "add b after every matrix product")
        core.compare(result, expected, what="the output", inputs=what,
                     hint="one matrix product per layer: H = sigmoid(H @ W + b) for hidden layers, "
                          "then scores = H @ W + b with no activation; the result has shape (N, C)")
    return "sigmoid hidden layers and a linear output, correct on batches of one to seven, single-layer and saturated nets"


# --- Exercise 5: from the notes' layout to the book's --------------------------------------


def translate_cases():
    """(description, W_note (out, in), b_note (out, 1)) pairs for ``check_to_book``."""
    rng = np.random.default_rng(405)
    return [(f"W_note of shape {(o, i)}", rng.standard_normal((o, i)), rng.standard_normal((o, 1)))
            for o, i in ((4, 3), (1, 4), (3, 3), (2, 5), (3, 1))]


@core.checker("Exercise 4.5 (to_book)")
def check_to_book(to_book):
    """to_book(W_note (out, in), b_note (out, 1)) -> (W (in, out), b (out,))."""
    for what, W_note, b_note in translate_cases():
        result = core.call(to_book, W_note, b_note, name="to_book", inputs=what)
        if result is None:
            raise core.CheckFailed(f"`to_book` on {what} returned None", "return the pair `W, b`")
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            raise core.CheckFailed(f"`to_book` on {what} returned a {type(result).__name__}; expected a pair (W, b)",
                                   "end with `return W, b`")
        W, b = (np.asarray(r, dtype=float) if r is not None else None for r in result)
        out, inp = W_note.shape
        if W is None or b is None:
            raise core.CheckFailed(f"`to_book` on {what} returned None for W or b", "return both arrays")
        if W.shape == W_note.shape and out != inp:
            raise core.CheckFailed(f"on {what}, your W has shape {W.shape}, the notes' (out, in) layout; "
                                   f"the book's W has shape (in, out) = {(inp, out)}", "transpose it: `W_note.T`")
        if W.shape == (inp, out) and not np.allclose(W, W_note.T) and np.allclose(W, W_note.reshape(inp, out)):
            raise core.CheckFailed(f"on {what}, W has the right shape but you reshaped instead of transposing: "
                                   "reshape keeps the numbers in memory order, so the weights of different neurons get mixed",
                                   "use `W_note.T`; neuron j's weights must move from row j to column j")
        core.compare(W, W_note.T, what="W", inputs=what, hint="W is the transpose of W_note: W[i, j] == W_note[j, i]")
        if b.shape == (out, 1) or b.shape == (1, out):
            raise core.CheckFailed(f"on {what}, b has shape {b.shape}; the book's bias is a flat vector of shape {(out,)}",
                                   "flatten it: `b_note[:, 0]` or `b_note.reshape(-1)`")
        core.compare(b, b_note[:, 0], what="b", inputs=what, hint="b holds the same numbers as b_note, as a flat (out,) vector")
        X = np.random.default_rng(0).standard_normal((3, inp))
        core.compare(X @ W + b, (W_note @ X.T + b_note).T, what="X @ W + b", inputs=what)
    return "W = W_note.T and b = b_note[:, 0]: X @ W + b equals (W_note @ X.T + b_note).T"


# --- Exercises 6 and 7: naming and the output layer ----------------------------------------

def _choice(answer, options, correct, what):
    """``core.choice`` for single-letter options, also for answers that are not strings."""
    if answer is not None and not isinstance(answer, str):
        raise core.CheckFailed(f"{what} is {answer!r} ({type(answer).__name__}), which is not one of the options "
                               f"{sorted(options)}", 'write the letter in quotes, for example `"a"`')
    return core.choice(answer, options, correct, what=what)


NAMING_OPTIONS = {
    "a": "Right: an N-layer network counts the layers that contain neurons, so a three-layer network has "
         "two hidden layers and one output layer (like 3-4-4-1); the input layer is not counted.",
    "b": "Not quite: the input layer is not counted, because it holds no neurons (no weights, no biases). "
         "Input, one hidden and one output layer is a two-layer network.",
    "c": "No: the output layer counts as one of the layers, so three hidden layers plus the output make a "
         "four-layer network.",
    "d": "No: the output layer usually has no activation, yet it is counted; the name counts layers of "
         "neurons, not activation functions.",
}


@core.checker("Exercise 4.6 (what a three-layer network counts)")
def check_naming(answer):
    """Multiple choice: the correct option is "a"."""
    return _choice(answer, NAMING_OPTIONS, "a", "`answer_naming`")


OUTPUT_OPTIONS = {
    "a": "No: a sigmoid would squash every score into (0, 1), so the network could not output a price of "
         "250 or a score of -3; the loss (softmax, hinge) or the regression target wants raw real numbers.",
    "b": "Right: the output layer usually has no activation. Its outputs are scores or real values of any "
         "sign and size, which the loss function reads directly.",
    "c": "No: a ReLU would make every negative score 0, and a unit stuck below zero would output 0 for every "
         "input; scores should be free to take any real value.",
    "d": "No: hidden layers need the activation so that the layers do not collapse into one linear map; the "
         "output layer is the exception, since its values are the scores themselves.",
}


@core.checker("Exercise 4.7 (the output layer)")
def check_output_activation(answer):
    """Multiple choice: the correct option is "b"."""
    return _choice(answer, OUTPUT_OPTIONS, "b", "`answer_output`")
