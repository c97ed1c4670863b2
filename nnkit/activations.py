"""An activation function is applied elementwise after a layer's linear step.

Each function maps a pre-activation array ``z`` of any shape (usually (N, H): N examples,
H hidden units) to an array of the same shape. ``f_grad(z)`` is the derivative f'(z) at the
same z; backpropagation multiplies it elementwise into the upstream gradient.
Where a function has a kink (relu at 0) the derivative there is taken as 0.
"""

import numpy as np

NAMES = ("sigmoid", "tanh", "relu", "leaky_relu", "elu")


def sigmoid(z):
    """sigmoid(z) = 1 / (1 + exp(-z)), squashing z (any shape) into (0, 1)."""
    z = np.asarray(z)
    # exp(-|z|) is at most 1, so neither branch can overflow, even for z = -1000.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(z):
    """sigmoid'(z) = sigmoid(z) * (1 - sigmoid(z)); at most 0.25, at z = 0."""
    # 1 - sigmoid(z) equals sigmoid(-z); computing it that way avoids cancellation for large z.
    return sigmoid(z) * sigmoid(-np.asarray(z))


def tanh(z):
    """tanh(z) = 2 * sigmoid(2z) - 1, squashing z (any shape) into (-1, 1), zero-centred."""
    return np.tanh(z)


def tanh_grad(z):
    """tanh'(z) = 1 - tanh(z)**2; at most 1, at z = 0."""
    return 1 - np.tanh(z) ** 2


def relu(z):
    """relu(z) = max(0, z): passes positive inputs, zeroes the rest."""
    return np.maximum(z, 0)


def relu_grad(z):
    """relu'(z) = 1 where z > 0, else 0 (including at the kink z = 0)."""
    return np.where(np.asarray(z) > 0, 1.0, 0.0)


def leaky_relu(z, alpha=0.01):
    """leaky_relu(z) = z where z > 0, else alpha * z; alpha may broadcast against z."""
    z = np.asarray(z)
    return np.where(z > 0, z, alpha * z)


def leaky_relu_grad(z, alpha=0.01):
    """leaky_relu'(z) = 1 where z > 0, else alpha (so negative inputs still pass a gradient)."""
    return np.where(np.asarray(z) > 0, 1.0, alpha)


def elu(z, alpha=1.0):
    """elu(z) = z where z > 0, else alpha * (exp(z) - 1), which levels off at -alpha."""
    z = np.asarray(z)
    # exp only ever sees min(z, 0) <= 0, so a large positive z cannot overflow it.
    return np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0)))


def elu_grad(z, alpha=1.0):
    """elu'(z) = 1 where z > 0, else alpha * exp(z)."""
    z = np.asarray(z)
    return np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0)))


def get(name):
    """Return the pair (f, f_grad) for an activation name in NAMES, e.g. get("relu")."""
    functions = {
        "sigmoid": (sigmoid, sigmoid_grad),
        "tanh": (tanh, tanh_grad),
        "relu": (relu, relu_grad),
        "leaky_relu": (leaky_relu, leaky_relu_grad),
        "elu": (elu, elu_grad),
    }
    if name not in functions:
        raise ValueError(f"activations.get: name must be one of {NAMES}, got {name!r}")
    return functions[name]
