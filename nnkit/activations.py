"""An activation function is applied elementwise after a layer's linear step.

Each function maps a pre-activation array ``z`` of any shape (usually (N, H): N examples,
H hidden units) to an array of the same shape. ``f_grad(z)`` is the derivative f'(z) at the
same z; backpropagation multiplies it elementwise into the upstream gradient.
Where a function has a kink (relu at 0) the derivative there is taken as 0.
``ACTIVATIONS`` maps each name to its pair (f, f_grad); it is the one list of names in nnkit.
"""

import numpy as np

from nnkit import validate


def sigmoid(z):
    """sigmoid(z) = 1 / (1 + exp(-z)), squashing z (any shape) into (0, 1)."""
    z = validate.real_array("sigmoid", "z", z)
    # exp(-|z|) is at most 1, so neither branch can overflow, even for z = -1000.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(z):
    """sigmoid'(z) = sigmoid(z) * (1 - sigmoid(z)); at most 0.25, at z = 0."""
    z = validate.real_array("sigmoid_grad", "z", z)
    # 1 - sigmoid(z) equals sigmoid(-z); computing it that way avoids cancellation for large z.
    return sigmoid(z) * sigmoid(-z)


def tanh(z):
    """tanh(z) = 2 * sigmoid(2z) - 1, squashing z (any shape) into (-1, 1), zero-centred."""
    return np.tanh(validate.real_array("tanh", "z", z))


def tanh_grad(z):
    """tanh'(z) = 1 - tanh(z)**2; at most 1, at z = 0."""
    return 1 - np.tanh(validate.real_array("tanh_grad", "z", z)) ** 2


def relu(z):
    """relu(z) = max(0, z): passes positive inputs, zeroes the rest."""
    return np.maximum(validate.real_array("relu", "z", z), 0)


def relu_grad(z):
    """relu'(z) = 1 where z > 0, else 0 (including at the kink z = 0)."""
    return np.where(validate.real_array("relu_grad", "z", z) > 0, 1.0, 0.0)


def leaky_relu(z, alpha=0.01):
    """leaky_relu(z) = z where z > 0, else alpha * z; alpha may broadcast against z."""
    z = validate.real_array("leaky_relu", "z", z)
    return np.where(z > 0, z, validate.real_array("leaky_relu", "alpha", alpha) * z)


def leaky_relu_grad(z, alpha=0.01):
    """leaky_relu'(z) = 1 where z > 0, else alpha (so negative inputs still pass a gradient)."""
    z = validate.real_array("leaky_relu_grad", "z", z)
    return np.where(z > 0, 1.0, validate.real_array("leaky_relu_grad", "alpha", alpha))


def elu(z, alpha=1.0):
    """elu(z) = z where z > 0, else alpha * (exp(z) - 1), which levels off at -alpha."""
    z = validate.real_array("elu", "z", z)
    alpha = validate.number("elu", "alpha", alpha)
    # exp only ever sees min(z, 0) <= 0, so a large positive z cannot overflow it.
    return np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0)))


def elu_grad(z, alpha=1.0):
    """elu'(z) = 1 where z > 0, else alpha * exp(z)."""
    z = validate.real_array("elu_grad", "z", z)
    alpha = validate.number("elu_grad", "alpha", alpha)
    return np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0)))


# GELU in the tanh approximation of Hendrycks and Gimpel (2016), "Gaussian Error Linear Units":
# gelu(z) = 0.5 z (1 + tanh(u)) with u = sqrt(2 / pi) (z + 0.044715 z**3), the form GPT-2 and
# BERT used. Since 0.5 (1 + tanh(u)) = sigmoid(2u), we write it z * sigmoid(2u): no cancellation
# in 1 + tanh(u) for negative z. Beyond |z| = 50, sigmoid(2u) is exactly 0 or 1 in float64, so
# clipping z there changes nothing and keeps z**3 from overflowing.
_GELU_C, _GELU_A = np.sqrt(2 / np.pi), 0.044715


def gelu(z):
    """gelu(z) = z * P(Z <= z) for a standard normal Z (tanh approximation): a smooth relu."""
    z = validate.real_array("gelu", "z", z)
    zc = np.clip(z, -50, 50)
    return z * sigmoid(2 * _GELU_C * (zc + _GELU_A * zc ** 3))


def gelu_grad(z):
    """gelu'(z) = s + 2 z s (1 - s) * sqrt(2 / pi) (1 + 3 * 0.044715 z**2), s = sigmoid(2u)."""
    z = validate.real_array("gelu_grad", "z", z)
    zc = np.clip(z, -50, 50)  # exact: the second term is 0 beyond |z| = 50
    v = 2 * _GELU_C * (zc + _GELU_A * zc ** 3)
    s = sigmoid(v)
    return s + zc * s * sigmoid(-v) * 2 * _GELU_C * (1 + 3 * _GELU_A * zc ** 2)


def silu(z):
    """silu(z) = z * sigmoid(z) (also called swish): a smooth relu that dips slightly below 0."""
    z = validate.real_array("silu", "z", z)
    return z * sigmoid(z)


def silu_grad(z):
    """silu'(z) = sigmoid(z) * (1 + z * sigmoid(-z)); slightly above 1 for z near 2.4."""
    z = validate.real_array("silu_grad", "z", z)
    # sigmoid(-z) rather than 1 - sigmoid(z): no cancellation, and no inf * 0 for large |z|.
    return sigmoid(z) * (1 + z * sigmoid(-z))


ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_grad),
    "tanh": (tanh, tanh_grad),
    "relu": (relu, relu_grad),
    "leaky_relu": (leaky_relu, leaky_relu_grad),
    "elu": (elu, elu_grad),
    "gelu": (gelu, gelu_grad),
    "silu": (silu, silu_grad),
}
NAMES = tuple(ACTIVATIONS)


def get(name):
    """Return the pair (f, f_grad) for an activation name in NAMES, e.g. get("relu")."""
    return ACTIVATIONS[validate.choice("activations.get", "name", name, NAMES)]
