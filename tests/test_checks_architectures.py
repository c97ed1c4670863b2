"""Every checker of chapter 4's exercises: the reference passes, the stub is "not attempted",
and typical wrong answers each fail with a message that says what is wrong."""

import numpy as np
import pytest

from nnkit import activations
from nnbook.checks import architectures as checks


def status(feedback):
    return feedback.status


def failed_with(feedback, *fragments):
    assert feedback.status == "failed", feedback
    text = (feedback.message + " " + feedback.hint).lower()
    for fragment in fragments:
        assert fragment.lower() in text, (fragment, str(feedback))


def stub(*args):
    raise NotImplementedError("not attempted yet")


# --- Exercise 1 ---------------------------------------------------------------------------

def test_counts_253_reference_and_stub():
    assert checks.check_counts_253(8, 25, 8, 33).ok
    assert checks.check_counts_253(8.0, np.int64(25), 8, 33).ok
    assert status(checks.check_counts_253(None, None, None, None)) == "not attempted"
    fb = checks.check_counts_253(8, None, 8, 33)
    assert status(fb) == "not attempted" and "`weights`" in fb.message


@pytest.mark.parametrize("answers, fragments", [
    ((10, 25, 8, 33), ["`neurons`", "inputs are not neurons"]),
    ((8, 10, 8, 33), ["`weights`", "only the first layer"]),
    ((8, 30, 8, 33), ["`weights`", "not multiplied together"]),
    ((8, 25, 10, 33), ["`biases`", "inputs have no biases"]),
    ((8, 25, 8, 25), ["`params`", "add the biases"]),
    ((8, 25, 8, 35), ["`params`", "inputs have no biases"]),
    ((8, 25, 8, 34), ["`params` is 34"]),
    (("8", 25, 8, 33), ["expected a whole number"]),
    ((8.5, 25, 8, 33), ["not a whole number"]),
    ((True, 25, 8, 33), ["expected a whole number"]),
])
def test_counts_253_wrong_answers(answers, fragments):
    failed_with(checks.check_counts_253(*answers), *fragments)


# --- Exercise 2 ---------------------------------------------------------------------------

def test_counts_4662_reference_and_stub():
    assert checks.check_counts_4662(14, 86, 3).ok
    fb = checks.check_counts_4662(None, None, None)
    assert status(fb) == "not attempted" and "`neurons_4662`" in fb.message


@pytest.mark.parametrize("answers, fragments", [
    ((18, 86, 3), ["inputs are not neurons"]),
    ((12, 86, 3), ["output neurons count too"]),
    ((14, 72, 3), ["number of weights", "add the biases"]),
    ((14, 90, 3), ["inputs have no biases"]),
    ((14, 50, 3), ["6 x 6 weights"]),
    ((14, 86, 4), ["input layer is not counted"]),
    ((14, 86, 2), ["output layer counts too"]),
    ((14, 86, [3]), ["expected a whole number"]),
])
def test_counts_4662_wrong_answers(answers, fragments):
    failed_with(checks.check_counts_4662(*answers), *fragments)


# --- Exercise 3 ---------------------------------------------------------------------------

def count_params_reference(sizes):
    return sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))


def test_count_params_reference_and_stub():
    assert checks.check_count_params(count_params_reference).ok
    assert status(checks.check_count_params(stub)) == "not attempted"


def weights_only(sizes):
    return sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))


def input_biases(sizes):
    return weights_only(sizes) + sum(sizes)


def neurons_only(sizes):
    return sum(sizes[1:])


def missing_last_layer(sizes):
    return sum(a * b + b for a, b in zip(sizes[:-2], sizes[1:-1]))


def mutates(sizes):
    total = count_params_reference(sizes)
    sizes.pop()
    return total


def returns_none(sizes):
    count_params_reference(sizes)


def crashes(sizes):
    return sizes[10]


def list_only(sizes):
    sizes = sizes.copy()  # tuples have no .copy()
    return count_params_reference(sizes)


def float_off(sizes):
    return count_params_reference(sizes) + 0.5


@pytest.mark.parametrize("fn, fragments", [
    (weights_only, ["only the weights"]),
    (input_biases, ["input layer biases"]),
    (neurons_only, ["number of neurons"]),
    (missing_last_layer, ["last (output) layer is missing"]),
    (mutates, ["changed its argument"]),
    (returns_none, ["returned none"]),
    (crashes, ["indexerror"]),
    (list_only, ["tuple", "attributeerror"]),
    (float_off, ["not a whole number"]),
])
def test_count_params_wrong_answers(fn, fragments):
    failed_with(checks.check_count_params(fn), *fragments)


# --- Exercise 4 ---------------------------------------------------------------------------

def mlp_forward_reference(X, weights, biases):
    H = X
    for W, b in zip(weights[:-1], biases[:-1]):
        H = activations.sigmoid(H @ W + b)
    return H @ weights[-1] + biases[-1]


def test_mlp_forward_reference_and_stub():
    assert checks.check_mlp_forward(mlp_forward_reference).ok
    assert status(checks.check_mlp_forward(stub)) == "not attempted"


def sigmoid_everywhere(X, weights, biases):
    H = X
    for W, b in zip(weights, biases):
        H = activations.sigmoid(H @ W + b)
    return H


def relu_hidden(X, weights, biases):
    H = X
    for W, b in zip(weights[:-1], biases[:-1]):
        H = activations.relu(H @ W + b)
    return H @ weights[-1] + biases[-1]


def no_bias(X, weights, biases):
    H = X
    for W in weights[:-1]:
        H = activations.sigmoid(H @ W)
    return H @ weights[-1]


def note_convention(X, weights, biases):
    H = X.T
    for W, b in zip(weights[:-1], biases[:-1]):
        H = activations.sigmoid(W @ H + b)
    return (weights[-1] @ H + biases[-1]).T


def first_layer_only(X, weights, biases):
    return activations.sigmoid(X @ weights[0] + biases[0])


def flattened(X, weights, biases):
    return mlp_forward_reference(X, weights, biases).ravel()


def in_place(X, weights, biases):
    weights[0] *= 1.0
    biases[0] += 1.0
    return mlp_forward_reference(X, weights, biases)


def linear_hidden(X, weights, biases):
    H = X
    for W, b in zip(weights, biases):
        H = H @ W + b
    return H


@pytest.mark.parametrize("fn, fragments", [
    (sigmoid_everywhere, ["output layer too", "no activation"]),
    (relu_hidden, ["not relu"]),
    (linear_hidden, ["need the sigmoid"]),
    (no_bias, ["biases are missing"]),
    (note_convention, ["raised valueerror"]),
    (first_layer_only, ["shape"]),
    (flattened, ["shape", "(n, c)"]),
    (in_place, ["modified the weights or biases"]),
])
def test_mlp_forward_wrong_answers(fn, fragments):
    failed_with(checks.check_mlp_forward(fn), *fragments)


def test_mlp_forward_cases_cover_a_single_layer_net_and_a_batch_of_one():
    cases = checks.forward_cases()
    assert any(len(w) == 1 for _, _, w, _ in cases)
    assert any(X.shape[0] == 1 for _, X, _, _ in cases)
    assert any((X < 0).all() for _, X, _, _ in cases) and any((X == 0).all() for _, X, _, _ in cases)


# --- Exercise 5 ---------------------------------------------------------------------------

def to_book_reference(W_note, b_note):
    return W_note.T, b_note[:, 0]


def test_to_book_reference_and_stub():
    assert checks.check_to_book(to_book_reference).ok
    assert checks.check_to_book(lambda W, b: (W.T.copy(), b.reshape(-1))).ok
    assert status(checks.check_to_book(stub)) == "not attempted"


@pytest.mark.parametrize("fn, fragments", [
    (lambda W, b: (W, b[:, 0]), ["notes' (out, in) layout", "transpose"]),
    (lambda W, b: (W.reshape(W.shape[1], W.shape[0]), b[:, 0]), ["reshaped instead of transposing"]),
    (lambda W, b: (W.T, b), ["flat vector"]),
    (lambda W, b: (W.T, b.T), ["flat vector"]),
    (lambda W, b: W.T, ["expected a pair"]),
    (lambda W, b: None, ["returned none"]),
    (lambda W, b: (W.T, -b[:, 0]), ["b", "expected"]),
    (lambda W, b: (W.T * 2, b[:, 0]), ["w", "transpose of w_note"]),
])
def test_to_book_wrong_answers(fn, fragments):
    failed_with(checks.check_to_book(fn), *fragments)


# --- Exercises 6 and 7 --------------------------------------------------------------------

def test_naming_choice():
    assert checks.check_naming("a").ok
    assert status(checks.check_naming(None)) == "not attempted"
    failed_with(checks.check_naming("b"), "input layer is not counted")
    failed_with(checks.check_naming("c"), "four-layer")
    failed_with(checks.check_naming("d"), "activation")
    failed_with(checks.check_naming("e"), "not one of the options")
    failed_with(checks.check_naming(3), "not one of the options")


def test_output_activation_choice():
    assert checks.check_output_activation("b").ok
    assert status(checks.check_output_activation(None)) == "not attempted"
    failed_with(checks.check_output_activation("a"), "squash")
    failed_with(checks.check_output_activation("c"), "negative")
    failed_with(checks.check_output_activation("d"), "collapse")
    failed_with(checks.check_output_activation("B"), "not one of the options")
    failed_with(checks.check_output_activation(["b"]), "not one of the options")
