"""A layer is one step of a network that maps a batch X (N, D) forward and its gradient backward.

Every layer has ``params`` and ``grads`` (dicts of arrays with the same keys and shapes),
``forward(X, *, train=False) -> out``, which caches what backward needs (read-only, copied if
someone could still write into X), and ``backward(dout, *, input_grad=True) -> dX``, which
fills ``grads`` and returns the gradient for the layer below, or None if input_grad is False.
``train`` matters only to Dropout and GaussianNoise. Batch first: X (N, D) @ W (D, H) + b (H,).
Parameters named "W" are weights (L2 regularisation applies to them); "b" and "alpha" are not.
"""

import functools

import numpy as np

from nnkit import activations, validate

INITS = ("he", "lecun", "glorot")  # the named schemes; a float is a std used as it is


def _init_std(where, init, in_features, out_features):
    """Standard deviation of the initial weights for fan-in D and fan-out H.

    "he" sqrt(2 / D) (He et al. 2015: keeps the size of ReLU outputs steady from layer to
    layer), "lecun" sqrt(1 / D) (LeCun et al. 1998: keeps the size of the pre-activations
    steady while units are near-linear, as tanh is near 0), "glorot" sqrt(2 / (D + H)) (Glorot
    and Bengio 2010: a compromise between the forward and the backward pass).
    """
    if init == "he":
        return np.sqrt(2.0 / in_features)
    if init == "lecun":
        return np.sqrt(1.0 / in_features)
    if init == "glorot":
        return np.sqrt(2.0 / (in_features + out_features))
    if isinstance(init, str):
        raise ValueError(f"{where}: init must be one of {INITS} or a float std, got {init!r}")
    return validate.number(where, "init", init, low=0)


def _frozen(X):
    """X itself if nothing can write into it, else a read-only copy: what forward caches."""
    if X.flags.writeable or X.base is not None:
        X = X.copy()
        X.flags.writeable = False
    return X


def _forward_done(layer, cache):
    """Return cache, or raise a clear error if backward() comes before any forward() call."""
    if cache is None:
        raise RuntimeError(f"{type(layer).__name__}.backward() called before forward(); "
                           "call forward(X) first")
    return cache


def num_params(layer):
    """Number of learnable numbers in a layer: the sum of its parameter array sizes."""
    validate.has_attributes("num_params", "layer", layer, ("params",), "a layer")
    return sum(p.size for p in layer.params.values())


class Linear:
    """Fully connected layer: out (N, H) = X (N, D) @ W (D, H) + b (H,).

    init sets the std of the initial weights: "he" (the default), "lecun", "glorot" (see
    INITS) or a number; b starts at 0.
    Stacked (see model.MLP.stack), W (K, D, H) and b (K, H) hold the layers of K networks; X is
    (N, D), shared by all K, or (K, N, D), and out is (K, N, H). ``.mT``, the transpose of the
    last two axes, lets the same lines serve both layouts.
    """

    def __init__(self, in_features, out_features, *, rng, init="he"):
        self.in_features = validate.whole_number("Linear", "in_features", in_features)
        self.out_features = validate.whole_number("Linear", "out_features", out_features)
        validate.generator("Linear", rng)
        std = _init_std("Linear", init, in_features, out_features)
        self.init = init
        self.params = {"W": std * rng.standard_normal((in_features, out_features)),
                       "b": np.zeros(out_features)}
        self.grads = {key: np.zeros_like(p) for key, p in self.params.items()}
        self._X = None

    def forward(self, X, *, train=False):
        """X (N, D) -> out (N, H); stacked, X (N, D) or (K, N, D) -> out (K, N, H)."""
        W, b = self.params["W"], self.params["b"]
        validate.matrix("Linear.forward", "X", X, self.in_features,
                        stack=W.shape[0] if W.ndim == 3 else None)
        self._X = _frozen(X)
        out = X @ W
        out += b if b.ndim == 1 else b[:, None, :]  # in place: no second (N, H) temporary
        self._out_shape = out.shape
        return out

    def backward(self, dout, *, input_grad=True):
        """dout (N, H) -> dX (N, D), or None if not input_grad; fills grads W (D, H), b (H,)."""
        X = _forward_done(self, self._X)
        validate.same_shape("Linear.backward", "dout", dout, self._out_shape)
        self.grads["W"] = X.mT @ dout
        self.grads["b"] = dout.sum(axis=-2)
        if not input_grad:
            return None
        dX = dout @ self.params["W"].mT
        return dX.sum(axis=0) if dX.ndim > X.ndim else dX  # a shared X fed all K networks

    def __repr__(self):
        return f"Linear({self.in_features} -> {self.out_features})"


class Activation:
    """Elementwise activation layer for a name in activations.NAMES: out = f(X), dX = dout * f'(X).

    X has any shape: (N, H), or (K, N, H) stacked. The subclasses below fill in the name.
    """

    def __init__(self, name):
        self.name = validate.choice("Activation", "name", name, activations.NAMES)
        self._f, self._f_grad = activations.get(name)
        self.params, self.grads = {}, {}
        self._where = type(self).__name__  # for error messages, e.g. "ReLU.forward: ..."
        self._cache = None

    def forward(self, X, *, train=False):
        """X (N, H) -> out (N, H), elementwise."""
        validate.float_array(self._where + ".forward", "X", X)
        # What backward needs: X, or for ReLU only where X > 0 (a bool array, 1/8 the memory).
        self._cache = X > 0 if self.name == "relu" else _frozen(X)
        return self._f(X)

    def backward(self, dout, *, input_grad=True):
        """dout (N, H) -> dX (N, H) = dout * f'(X), or None if not input_grad."""
        cache = _forward_done(self, self._cache)
        validate.same_shape(self._where + ".backward", "dout", dout, cache.shape)
        if not input_grad:
            return None
        return dout * (cache if self.name == "relu" else self._f_grad(cache))

    def __repr__(self):
        return f"Activation({self.name!r})" if type(self) is Activation else f"{self._where}()"


class Sigmoid(Activation):
    def __init__(self):
        super().__init__("sigmoid")


class Tanh(Activation):
    def __init__(self):
        super().__init__("tanh")


class ReLU(Activation):
    def __init__(self):
        super().__init__("relu")


class GELU(Activation):
    def __init__(self):
        super().__init__("gelu")


class SiLU(Activation):
    def __init__(self):
        super().__init__("silu")


class LeakyReLU(Activation):
    def __init__(self, alpha=0.01):
        super().__init__("leaky_relu")
        self.alpha = validate.number("LeakyReLU", "alpha", alpha, low=0)
        self._f = functools.partial(activations.leaky_relu, alpha=self.alpha)
        self._f_grad = functools.partial(activations.leaky_relu_grad, alpha=self.alpha)

    def __repr__(self):
        return f"LeakyReLU(alpha={self.alpha:g})"


class ELU(Activation):
    def __init__(self, alpha=1.0):
        super().__init__("elu")
        self.alpha = validate.number("ELU", "alpha", alpha, low=0)
        self._f = functools.partial(activations.elu, alpha=self.alpha)
        self._f_grad = functools.partial(activations.elu_grad, alpha=self.alpha)

    def __repr__(self):
        return f"ELU(alpha={self.alpha:g})"


class PReLU:
    """Leaky ReLU whose negative slope is learned, one per unit: params alpha (H,)."""

    def __init__(self, num_units, init_alpha=0.25):
        self.num_units = validate.whole_number("PReLU", "num_units", num_units)
        alpha = validate.number("PReLU", "init_alpha", init_alpha, low=0)
        self.params = {"alpha": np.full(num_units, alpha)}
        self.grads = {"alpha": np.zeros(num_units)}
        self._X = None

    def forward(self, X, *, train=False):
        """X (N, H) -> out (N, H) = X where X > 0, else alpha * X."""
        validate.matrix("PReLU.forward", "X", X, self.num_units)
        self._X = _frozen(X)
        return activations.leaky_relu(X, self.params["alpha"])

    def backward(self, dout, *, input_grad=True):
        """dout (N, H) -> dX (N, H), or None if not input_grad; fills grads alpha (H,)."""
        X = _forward_done(self, self._X)
        validate.same_shape("PReLU.backward", "dout", dout, X.shape)
        # d out / d alpha is X where X <= 0 (the negative side), else 0.
        self.grads["alpha"] = (dout * np.minimum(X, 0)).sum(axis=0)
        if not input_grad:
            return None
        return dout * activations.leaky_relu_grad(X, self.params["alpha"])

    def __repr__(self):
        return f"PReLU({self.num_units})"


class Maxout:
    """Maxout unit: out (N, H) = max over k of X @ W[k] + b[k], W (pieces, D, H), b (pieces, H)."""

    def __init__(self, in_features, out_features, pieces=2, *, rng, init="he"):
        self.in_features = validate.whole_number("Maxout", "in_features", in_features)
        self.out_features = validate.whole_number("Maxout", "out_features", out_features)
        self.pieces = validate.whole_number("Maxout", "pieces", pieces)
        validate.generator("Maxout", rng)
        std = _init_std("Maxout", init, in_features, out_features)
        self.init = init
        self.params = {"W": std * rng.standard_normal((pieces, in_features, out_features)),
                       "b": np.zeros((pieces, out_features))}
        self.grads = {key: np.zeros_like(p) for key, p in self.params.items()}
        self._cache = None

    def forward(self, X, *, train=False):
        """X (N, D) -> out (N, H)."""
        validate.matrix("Maxout.forward", "X", X, self.in_features)
        Z = X @ self.params["W"] + self.params["b"][:, None, :]  # (pieces, N, H)
        winner = Z.argmax(axis=0)  # (N, H): which piece is the max for each unit
        self._cache = (_frozen(X), winner)
        return Z.max(axis=0)

    def backward(self, dout, *, input_grad=True):
        """dout (N, H) -> dX (N, D), or None; the gradient flows only through the winning piece."""
        X, winner = _forward_done(self, self._cache)
        validate.same_shape("Maxout.backward", "dout", dout, winner.shape)
        pieces = np.arange(self.pieces)[:, None, None]
        dZ = dout * (winner == pieces)  # (pieces, N, H), zero for the losing pieces
        self.grads["W"] = X.T @ dZ  # (pieces, D, H)
        self.grads["b"] = dZ.sum(axis=1)
        if not input_grad:
            return None
        return (dZ @ self.params["W"].mT).sum(axis=0)

    def __repr__(self):
        return f"Maxout({self.in_features} -> {self.out_features}, pieces={self.pieces})"


class Dropout:
    """Inverted dropout: in training, zero each input with probability p, scale the rest by 1/(1-p).

    The expected output is then X, so evaluation (train=False) passes X through unchanged.
    """

    noisy = True  # differs in training: train.train records the data in a pass of its own

    def __init__(self, p, *, rng):
        self.p = validate.number("Dropout", "p", p, low=0, high=1, high_open=True)
        self.rng = validate.generator("Dropout", rng)
        self.params, self.grads = {}, {}
        self._shape = None

    def forward(self, X, *, train=False):
        """X (N, H) -> out (N, H): X * mask in training, where mask is 0 or 1/(1-p); else X."""
        self._shape = validate.float_array("Dropout.forward", "X", X).shape
        self._mask = (self.rng.random(X.shape) >= self.p) / (1 - self.p) if train else 1.0
        return X * self._mask if train else X

    def backward(self, dout, *, input_grad=True):
        """dout (N, H) -> dX (N, H) = dout * mask, or None if not input_grad."""
        validate.same_shape("Dropout.backward", "dout", dout, _forward_done(self, self._shape))
        return dout * self._mask if input_grad else None

    def __repr__(self):
        return f"Dropout(p={self.p:g})"


class GaussianNoise:
    """Input noise: out = X + std * (standard normal noise) in training, else X; dX = dout."""

    noisy = True

    def __init__(self, std, *, rng):
        self.std = validate.number("GaussianNoise", "std", std, low=0)
        self.rng = validate.generator("GaussianNoise", rng)
        self.params, self.grads = {}, {}
        self._shape = None

    def forward(self, X, *, train=False):
        """X (N, D) -> out (N, D), with fresh noise added only when train is True."""
        self._shape = validate.float_array("GaussianNoise.forward", "X", X).shape
        return X + self.std * self.rng.standard_normal(X.shape) if train else X

    def backward(self, dout, *, input_grad=True):
        """dout (N, D) -> dX (N, D) = dout, or None if not input_grad."""
        validate.same_shape("GaussianNoise.backward", "dout", dout,
                            _forward_done(self, self._shape))
        return dout if input_grad else None

    def __repr__(self):
        return f"GaussianNoise(std={self.std:g})"
