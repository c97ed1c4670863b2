"""nnkit.neuron: weights, bias and inputs are real, finite and named when they are not."""

import numpy as np
import pytest

from nnkit import activations, neuron


def test_forward_is_the_weighted_sum_through_the_activation():
    cell = neuron.Neuron(np.array([2, -1]), 0.5, activation=activations.tanh)
    assert cell.weights.dtype == np.float64 and cell.bias == 0.5
    assert cell.forward([1.0, 3.0]) == pytest.approx(np.tanh(2 - 3 + 0.5))
    np.testing.assert_allclose(cell.forward_batch(np.array([[1.0, 3.0], [0.0, 0.0]])),
                               np.tanh([-0.5, 0.5]))


@pytest.mark.parametrize("make, error, words", [
    (lambda: neuron.Neuron(np.array([1 + 2j, 0.5]), 0.0), TypeError,
     r"^Neuron: weights must hold real numbers \(int or float\), got dtype complex128"),
    (lambda: neuron.Neuron(["a", "b"], 0.0), TypeError, r"^Neuron: weights must hold real"),
    (lambda: neuron.Neuron([], 0.0), ValueError,
     r"^Neuron: weights must be a non-empty 1-D array \(D,\), got shape \(0,\)"),
    (lambda: neuron.Neuron([1.0, np.nan], 0.0), ValueError,
     r"^Neuron: weights must not contain NaN or inf, found nan at index \(1,\)"),
    (lambda: neuron.Neuron([1.0], 1j), TypeError, r"^Neuron: bias must be a number, got complex"),
    (lambda: neuron.Neuron([1.0], np.inf), ValueError, r"^Neuron: bias must be a finite number"),
    (lambda: neuron.Neuron([1.0], [0.0]), TypeError, r"^Neuron: bias must be a number, got list"),
    (lambda: neuron.Neuron([1.0], 0.0).forward([2j]), TypeError,
     r"^Neuron.forward: inputs must hold real numbers"),
    (lambda: neuron.Neuron([1.0], 0.0).forward([[1.0]]), ValueError,
     r"^Neuron.forward: inputs must have shape \(1,\), got \(1, 1\)"),
    (lambda: neuron.Neuron([1.0], 0.0).forward([np.inf]), ValueError,
     r"^Neuron.forward: inputs must not contain NaN or inf"),
    (lambda: neuron.Neuron([1.0, 2.0], 0.0).forward_batch(np.ones((3, 3))), ValueError,
     r"^Neuron.forward_batch: X must have shape \(N, 2\), got \(3, 3\)"),
])
def test_bad_weights_bias_and_inputs_are_named(make, error, words):
    with pytest.raises(error, match=words):
        make()
