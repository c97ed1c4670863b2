"""A neuron takes a weighted sum of its inputs, adds a bias and passes the result through an activation function.

``Neuron`` is the book's one-unit model, output = f(sum_i w_i x_i + b) with f the sigmoid
by default.  A layer of many neurons is ``nnkit.layers.Linear`` followed by an activation; a
single neuron is the same computation with one output, kept here as a readable object.
Shapes: D inputs; a batch has N rows.
"""

import numpy as np

from nnkit import activations


class Neuron:
    """One neuron with weights (D,), a bias and an elementwise activation (sigmoid by default)."""

    def __init__(self, weights, bias, *, activation=activations.sigmoid):
        weights = np.asarray(weights, dtype=float)
        if weights.ndim != 1 or weights.size == 0:
            raise ValueError(f"Neuron: weights must be a non-empty 1-D array (D,), got shape {weights.shape}")
        if not callable(activation):
            raise TypeError(f"Neuron: activation must be a function of z, got {type(activation).__name__}")
        self.weights = weights
        self.bias = float(bias)
        self.activation = activation

    def _inputs(self, where, inputs, ndim):
        inputs = np.asarray(inputs, dtype=float)
        if inputs.ndim != ndim or inputs.shape[-1] != self.weights.size:
            want = f"({self.weights.size},)" if ndim == 1 else f"(N, {self.weights.size})"
            raise ValueError(f"Neuron.{where}: inputs must have shape {want}, got {inputs.shape}")
        return inputs

    def forward(self, inputs):
        """The firing rate for one input vector: inputs (D,) -> float."""
        inputs = self._inputs("forward", inputs, 1)
        cell_body_sum = float(np.dot(self.weights, inputs)) + self.bias
        return float(self.activation(cell_body_sum))

    def forward_batch(self, X):
        """The firing rates for a batch, computed at once: X (N, D) -> (N,)."""
        X = self._inputs("forward_batch", X, 2)
        return self.activation(X @ self.weights + self.bias)

    def __repr__(self):
        name = getattr(self.activation, "__name__", "f")
        return f"Neuron({self.weights.size} inputs, {name})"
