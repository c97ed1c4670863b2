"""A neuron takes a weighted sum of its inputs, adds a bias and applies an activation function.

``Neuron`` is the book's one-unit model, output = f(sum_i w_i x_i + b) with f the sigmoid
by default. A layer of many neurons is ``nnkit.layers.Linear`` followed by an activation; a
single neuron is the same computation with one output, kept here as a readable object.
Shapes: D inputs; a batch has N rows.
"""

import numpy as np

from nnkit import activations, validate


def _real(where, name, values):
    """values as a finite float array; complex numbers, text, NaN and inf are refused."""
    return validate.finite(where, name, validate.real_array(where, name, values).astype(float))


class Neuron:
    """One neuron with weights (D,), a bias and an elementwise activation (sigmoid by default)."""

    def __init__(self, weights, bias, *, activation=activations.sigmoid):
        self.weights = _real("Neuron", "weights", weights)
        if self.weights.ndim != 1 or self.weights.size == 0:
            raise ValueError(f"Neuron: weights must be a non-empty 1-D array (D,), "
                             f"got shape {self.weights.shape}")
        self.bias = validate.number("Neuron", "bias", bias)
        self.activation = validate.callable_("Neuron", "activation", activation,
                                             "a function of z such as activations.sigmoid")

    def _inputs(self, where, name, inputs, ndim):
        inputs = _real(where, name, inputs)
        if inputs.ndim != ndim or inputs.shape[-1] != self.weights.size:
            want = f"({self.weights.size},)" if ndim == 1 else f"(N, {self.weights.size})"
            raise ValueError(f"{where}: {name} must have shape {want}, got {inputs.shape}")
        return inputs

    def forward(self, inputs):
        """The firing rate for one input vector: inputs (D,) -> float."""
        inputs = self._inputs("Neuron.forward", "inputs", inputs, 1)
        cell_body_sum = float(np.dot(self.weights, inputs)) + self.bias
        return float(self.activation(cell_body_sum))

    def forward_batch(self, X):
        """The firing rates for a batch, computed at once: X (N, D) -> (N,)."""
        X = self._inputs("Neuron.forward_batch", "X", X, 2)
        return self.activation(X @ self.weights + self.bias)

    def __repr__(self):
        name = getattr(self.activation, "__name__", "f")
        return f"Neuron({self.weights.size} inputs, {name})"
