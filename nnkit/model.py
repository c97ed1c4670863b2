"""A model chains layers so that the output of each is the input of the next.

``Sequential(layers)`` runs any list of layers; ``MLP(sizes)`` builds the standard
fully connected network, e.g. sizes [2, 100, 3]: D = 2 inputs, one hidden layer of
H = 100 units, C = 3 class scores. Batch first throughout: X (N, D) -> scores (N, C).
"""

from dataclasses import dataclass

from nnkit import _validate, activations, layers


class Sequential:
    """Layers applied in order; ``backward`` visits them in reverse (the chain rule).

    forward checks shapes and dtypes but, being the hot path, not NaN; predict, train and
    accuracy check their data for NaN and inf once.
    """

    def __init__(self, layers):
        self.layers = list(layers)
        if not self.layers:
            raise ValueError("Sequential: layers must be a non-empty list of layers, got []")
        for i, layer in enumerate(self.layers):
            if not all(hasattr(layer, a) for a in ("forward", "backward", "params", "grads")):
                raise TypeError(
                    f"Sequential: layers[{i}] must have forward, backward, params and grads, "
                    f"got {type(layer).__name__}"
                )
        self.douts = []  # filled by backward()

    def forward(self, X):
        """X (N, D) -> scores (N, C)."""
        for layer in self.layers:
            X = layer.forward(X)
        return X

    def backward(self, dscores):
        """dscores (N, C) -> dX (N, D); fills every layer's grads.

        Also keeps douts[i], the gradient that reached layers[i] from above (same shape as
        that layer's output), to show how gradients shrink or grow on their way down.
        """
        return self.layers[0].backward(self._backward_to_first_layer(dscores))

    def backward_params(self, dscores):
        """Fill every layer's grads from dscores (N, C), like backward, but skip dX.

        Training never needs dX (the data is not learned); skipping it saves the first
        layer's (N, H) @ (H, D) product.
        """
        dout = self._backward_to_first_layer(dscores)
        first = self.layers[0]
        if hasattr(first, "backward_params"):
            first.backward_params(dout)
        else:
            first.backward(dout)

    def _backward_to_first_layer(self, dscores):
        """Run backward through layers[1:] (last to first), recording douts; return douts[0]."""
        if len(self.douts) != len(self.layers):
            self.douts = [None] * len(self.layers)
        dout = dscores
        for i in range(len(self.layers) - 1, 0, -1):
            self.douts[i] = dout
            dout = self.layers[i].backward(dout)
        self.douts[0] = dout
        return dout

    def predict(self, X):
        """Predicted labels (N,) int for X (N, D)."""
        _validate.finite("predict", "X", _validate.matrix("predict", "X", X))
        return self.labels_from_scores(self.forward(X))

    @staticmethod
    def labels_from_scores(scores):
        """Predicted labels (N,) int from scores (N, C): argmax, or score > 0 when C == 1."""
        if scores.shape[1] == 1:
            return (scores[:, 0] > 0).astype(int)
        return scores.argmax(axis=1)

    def param_items(self):
        """[(name, layer, key), ...] for every parameter, in a stable order; names like "0.W"."""
        return [(f"{i}.{key}", layer, key)
                for i, layer in enumerate(self.layers) for key in layer.params]

    def num_params(self):
        """Total number of learnable numbers (weights, biases and any other parameters)."""
        return sum(layers.num_params(layer) for layer in self.layers)

    def __repr__(self):
        return "Sequential(" + ", ".join(repr(layer) for layer in self.layers) + ")"


ACTIVATIONS = activations.NAMES + ("prelu", "maxout")


def _activation_layer(name, num_units):
    """The activation layer for a hidden layer of num_units units (maxout is built elsewhere)."""
    if name == "prelu":
        return layers.PReLU(num_units)
    return {"sigmoid": layers.Sigmoid, "tanh": layers.Tanh, "relu": layers.ReLU,
            "leaky_relu": layers.LeakyReLU, "elu": layers.ELU}[name]()


class MLP(Sequential):
    """Fully connected network: each hidden layer is Linear + activation; the last is Linear.

    sizes [D, H1, ..., C]; activation in ACTIVATIONS. With "maxout" each hidden layer is a
    single Maxout(pieces=2) layer instead. Parameter names are "layer1.W", "layer1.b", ...
    """

    def __init__(self, sizes, *, activation="relu", rng, init="he"):
        if not isinstance(sizes, (list, tuple)) or len(sizes) < 2:
            raise ValueError(
                f"MLP: sizes must be a list like [D, H, C] with at least 2 entries, got {sizes!r}")
        for i, size in enumerate(sizes):
            _validate.positive_int("MLP", f"sizes[{i}]", size)
        if activation not in ACTIVATIONS:
            raise ValueError(f"MLP: activation must be one of {ACTIVATIONS}, got {activation!r}")
        _validate.generator("MLP", rng)
        self.sizes = [int(s) for s in sizes]
        self.activation = activation
        # stages[l] holds the layers of layer l + 1: [Linear, activation], [Maxout] or [Linear].
        self.stages = []
        for l, (d_in, d_out) in enumerate(zip(self.sizes[:-1], self.sizes[1:])):
            if l == len(self.sizes) - 2:
                self.stages.append([layers.Linear(d_in, d_out, rng=rng, init=init)])
            elif activation == "maxout":
                self.stages.append([layers.Maxout(d_in, d_out, pieces=2, rng=rng, init=init)])
            else:
                self.stages.append([layers.Linear(d_in, d_out, rng=rng, init=init),
                                    _activation_layer(activation, d_out)])
        super().__init__([layer for stage in self.stages for layer in stage])

    def param_items(self):
        """[(name, layer, key), ...] with names "layer1.W", "layer1.b", ..., in forward order."""
        return [(f"layer{l}.{key}", layer, key)
                for l, stage in enumerate(self.stages, start=1)
                for layer in stage for key in layer.params]

    def num_neurons(self):
        """Number of hidden plus output units (inputs are not neurons)."""
        return sum(self.sizes[1:])

    def hidden_outputs(self, X):
        """Post-activation output of each hidden layer for X (N, D): [(N, H1), (N, H2), ...]."""
        _validate.matrix("MLP.hidden_outputs", "X", X, self.sizes[0])
        _validate.finite("MLP.hidden_outputs", "X", X)
        outputs = []
        for stage in self.stages[:-1]:
            for layer in stage:
                X = layer.forward(X)
            outputs.append(X)
        return outputs

    def layer_table(self):
        """One dict per layer: shapes in the book's X @ W and the note's W @ x layouts, counts."""
        rows = []
        for l, stage in enumerate(self.stages, start=1):
            W, b = stage[0].params["W"], stage[0].params["b"]
            d_in, d_out = self.sizes[l - 1], self.sizes[l]
            pieces = W.shape[:-2]  # () for Linear, (2,) for Maxout
            params = sum(layers.num_params(layer) for layer in stage)
            rows.append({
                "layer": f"layer{l}", "in": d_in, "out": d_out,
                "activation": self.activation if l < len(self.stages) else "none",
                "W_shape": W.shape, "W_shape_note": pieces + (d_out, d_in), "b_shape": b.shape,
                "weights": W.size, "biases": b.size, "other": params - W.size - b.size,
                "params": params,
            })
        return rows

    def summary(self):
        """The layer table as text, with a total row."""
        header = ("layer", "in", "out", "activation", "W (X @ W)", "W (W @ x)", "b", "params")
        lines = [header]
        for row in self.layer_table():
            lines.append((row["layer"], row["in"], row["out"], row["activation"], row["W_shape"],
                          row["W_shape_note"], row["b_shape"], row["params"]))
        lines.append(("total", "", "", "", "", "", "", self.num_params()))
        text = [[str(cell) for cell in line] for line in lines]
        widths = [max(len(line[i]) for line in text) for i in range(len(header))]
        counts = (1, 2, 7)  # columns of numbers are right-aligned
        out = []
        for line in text:
            cells = [cell.rjust(w) if i in counts else cell.ljust(w)
                     for i, (cell, w) in enumerate(zip(line, widths))]
            out.append("  ".join(cells).rstrip())
        return "\n".join(out)

    def __repr__(self):
        hidden = "".join(f" -> {h} {self.activation}" for h in self.sizes[1:-1])
        return f"MLP({self.sizes[0]}{hidden} -> {self.sizes[-1]})"


@dataclass(frozen=True)
class ParamCount:
    """The parameters of a fully connected net, per weight layer (L of them) and in total."""

    sizes: tuple  # (L + 1,) layer widths, inputs first
    weights: tuple  # (L,) in * out for each weight layer
    biases: tuple  # (L,) out for each weight layer
    total_weights: int
    total_biases: int
    total: int


def count_params(sizes):
    """Count by formula the weights and biases of a fully connected net with these layer widths.

    Layer l maps sizes[l-1] inputs to sizes[l] units: sizes[l-1] * sizes[l] weights and
    sizes[l] biases. [3, 4, 2] -> weights (12, 8), biases (4, 2), 26 in total; [3, 4, 4, 1]
    -> 41. sizes: a list or tuple of at least two whole numbers >= 1 (3.7 and True are
    refused, not rounded). Returns a ParamCount; ``MLP(sizes).num_params()`` is its total.
    """
    if not isinstance(sizes, (list, tuple)):
        raise TypeError(f"count_params: sizes must be a list or tuple of layer widths like "
                        f"[3, 4, 2], got {type(sizes).__name__} {sizes!r}")
    if len(sizes) < 2:
        raise ValueError(f"count_params: sizes needs at least an input and an output width, "
                         f"got {list(sizes)}")
    sizes = tuple(_validate.positive_int("count_params", f"sizes[{i}]", s)
                  for i, s in enumerate(sizes))
    weights = tuple(a * b for a, b in zip(sizes[:-1], sizes[1:]))
    return ParamCount(sizes, weights, sizes[1:], sum(weights), sum(sizes[1:]),
                      sum(weights) + sum(sizes[1:]))
