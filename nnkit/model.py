"""A model chains layers so that the output of each is the input of the next.

``Sequential(layers)`` runs any list of layers; ``MLP(sizes)`` builds the standard
fully connected network, e.g. sizes [2, 100, 3]: D = 2 inputs, one hidden layer of
H = 100 units, C = 3 class scores. Batch first throughout: X (N, D) -> scores (N, C).
``MLP.stack(nets)`` turns K networks of one shape into one model that computes all K at once
(each parameter gains a leading axis K, scores are (K, N, C)), so that the one trainer trains
them together; ``unstack()`` hands back K separate networks.
"""

from dataclasses import dataclass

import numpy as np

from nnkit import activations, layers, validate


class Sequential:
    """Layers applied in order; ``backward`` visits them in reverse (the chain rule).

    ``layers`` is a plain list: ``net.layers[i] = new_layer`` swaps a layer in. forward, the
    hot path, checks shapes and dtypes but not NaN; predict, train and accuracy check for NaN.
    """

    def __init__(self, layers):
        if not isinstance(layers, (list, tuple)) or not layers:
            raise ValueError(
                f"Sequential: layers must be a non-empty list of layers, got {layers!r}")
        for i, layer in enumerate(layers):
            validate.has_attributes("Sequential", f"layers[{i}]", layer,
                                    ("forward", "backward", "params", "grads"), "a layer")
        self.layers = list(layers)
        self.stack_size = None  # K for a stack of K networks (see MLP.stack)
        self._scores_shape = None

    def forward(self, X, *, train=False):
        """X (N, D) -> scores (N, C); train=True switches on dropout and noise layers."""
        for layer in self.layers[:-1]:
            out = layer.forward(X, train=train)
            if out is not X and out.base is None:
                out.flags.writeable = False  # nobody else holds it: the next layer caches it as is
            X = out
        scores = self.layers[-1].forward(X, train=train)
        self._scores_shape = scores.shape  # what backward's dscores must match
        return scores

    def backward(self, dscores, *, input_grad=True):
        """dscores (N, C) -> dX (N, D); fills every layer's grads, last layer first.

        input_grad=False skips the first layer's dX product and returns None: training never
        needs the gradient of the data.
        """
        if self._scores_shape is None:
            raise RuntimeError(f"{type(self).__name__}.backward() called before forward(); "
                               "call forward(X) first")
        validate.same_shape(type(self).__name__ + ".backward", "dscores", dscores,
                            self._scores_shape)
        # The gradients passed down stay referenced until the next call: freed all at once at
        # the end of a step, their memory would go back to the OS and fault back in on the
        # next step (benchmarks/README.md); kept, the allocator hands the same blocks out again.
        self._passed = [dscores]
        for layer in reversed(self.layers[1:]):
            self._passed.append(layer.backward(self._passed[-1]))
        return self.layers[0].backward(self._passed[-1], input_grad=input_grad)

    def predict(self, X):
        """Predicted labels (N,) int for X (N, D); (K, N) for a stack of K networks."""
        where = type(self).__name__ + ".predict"
        validate.finite(where, "X", validate.matrix(where, "X", X))
        return self.labels_from_scores(self.forward(X))

    @staticmethod
    def labels_from_scores(scores):
        """Labels (N,) int from scores (N, C): argmax, or score > 0 when C == 1; (K, N) stacked."""
        stack = scores.shape[0] if getattr(scores, "ndim", 0) == 3 else None
        validate.matrix("labels_from_scores", "scores", scores, width="C", stack=stack)
        if scores.shape[-1] == 1:
            return (scores[..., 0] > 0).astype(int)
        return scores.argmax(axis=-1)

    def param_items(self):
        """[(name, layer, key), ...] for every parameter, in a stable order; names like "0.W"."""
        return [(f"{i}.{key}", layer, key)
                for i, layer in enumerate(self.layers) for key in layer.params]

    def linear_layers(self):
        """The layers holding a weight matrix "W" (Linear, Maxout), in forward order."""
        return [layer for layer in self.layers if "W" in layer.params]

    def num_params(self):
        """Total number of learnable numbers (weights, biases and any other parameters)."""
        return sum(layers.num_params(layer) for layer in self.layers)

    def __repr__(self):
        return "Sequential(" + ", ".join(repr(layer) for layer in self.layers) + ")"


ACTIVATIONS = activations.NAMES + ("prelu", "maxout")


class MLP(Sequential):
    """Fully connected network: each hidden layer is Linear + activation; the last is Linear.

    sizes [D, H1, ..., C]; activation in ACTIVATIONS. With "maxout" each hidden layer is a
    single Maxout(pieces=2) layer instead. Layer l is the l-th layer with a weight matrix W
    together with the activation after it; parameters are named "layer1.W", "layer1.b", ...
    """

    def __init__(self, sizes, *, activation="relu", rng, init="he"):
        if not isinstance(sizes, (list, tuple)) or len(sizes) < 2:
            raise ValueError(
                f"MLP: sizes must be a list like [D, H, C] with at least 2 entries, got {sizes!r}")
        sizes = [validate.whole_number("MLP", f"sizes[{i}]", s) for i, s in enumerate(sizes)]
        validate.choice("MLP", "activation", activation, ACTIVATIONS)
        validate.generator("MLP", rng)
        stack = []
        for d_in, d_out in zip(sizes[:-2], sizes[1:-1]):  # the hidden layers
            if activation == "maxout":
                stack.append(layers.Maxout(d_in, d_out, pieces=2, rng=rng, init=init))
                continue
            stack.append(layers.Linear(d_in, d_out, rng=rng, init=init))
            stack.append(layers.PReLU(d_out) if activation == "prelu"
                         else layers.Activation(activation))
        stack.append(layers.Linear(sizes[-2], sizes[-1], rng=rng, init=init))
        super().__init__(stack)
        self.sizes, self.activation = sizes, activation

    @classmethod
    def stack(cls, nets):
        """One MLP that computes K networks at once, from a list of K MLPs of one shape.

        Each parameter gets a leading axis K (W (K, D, H), b (K, H)); forward maps X (N, D) to
        scores (K, N, C), and softmax_cross_entropy sums the K mean losses, so train.train
        trains the stack exactly as K separate runs would. Only the elementwise activations
        (activations.NAMES) stack; sizes and activation must agree. ``unstack()`` returns K
        separate MLPs again.
        """
        if not isinstance(nets, (list, tuple)) or not nets:
            raise ValueError(f"MLP.stack: nets must be a non-empty list of MLPs, got {nets!r}")
        first = nets[0]
        for i, net in enumerate(nets):
            if not isinstance(net, MLP) or net.stack_size is not None:
                raise TypeError(f"MLP.stack: nets[{i}] must be an MLP (not a stack), got {net!r}")
            if (net.sizes, net.activation) != (first.sizes, first.activation):
                raise ValueError(f"MLP.stack: nets[{i}] must have the sizes and activation of "
                                 f"nets[0], {first!r}, got {net!r}")
        validate.choice("MLP.stack", "the nets' activation", first.activation, activations.NAMES)
        stacked = cls(first.sizes, activation=first.activation, rng=np.random.default_rng(0),
                      init=0.0)  # zeros, replaced below
        for (_, layer, key), *parts in zip(stacked.param_items(),
                                           *[net.param_items() for net in nets]):
            layer.params[key] = np.stack([part.params[k] for _, part, k in parts])
            layer.grads[key] = np.zeros_like(layer.params[key])
        stacked.stack_size = len(nets)
        return stacked

    def unstack(self):
        """The K networks of a stack as K separate MLPs (copies of their parameters)."""
        if self.stack_size is None:
            raise ValueError("MLP.unstack: this MLP is not a stack; build one with MLP.stack(nets)")
        nets = [MLP(self.sizes, activation=self.activation, rng=np.random.default_rng(0),
                    init=0.0) for _ in range(self.stack_size)]  # zeros, replaced below
        for k, net in enumerate(nets):
            for (_, layer, key), (_, source, _) in zip(net.param_items(), self.param_items()):
                layer.params[key] = source.params[key][k].copy()
        return nets

    def _groups(self):
        """[[the layers of layer 1], [of layer 2], ...]: each group starts at a layer with a W."""
        groups = []
        for layer in self.layers:
            if "W" in layer.params or not groups:
                groups.append([])
            groups[-1].append(layer)
        return groups

    def param_items(self):
        """[(name, layer, key), ...] with names "layer1.W", "layer1.b", ..., in forward order."""
        return [(f"layer{number}.{key}", layer, key)
                for number, group in enumerate(self._groups(), start=1)
                for layer in group for key in layer.params]

    def num_neurons(self):
        """Number of hidden plus output units (inputs are not neurons)."""
        return sum(self.sizes[1:])

    def _hidden_layer_outputs(self, where, X):
        """For each hidden layer, the outputs of its layers for X (N, D), in order."""
        validate.finite(where, "X", validate.matrix(where, "X", X, self.sizes[0]))
        result = []
        for group in self._groups()[:-1]:
            result.append([])
            for layer in group:
                X = layer.forward(X)
                result[-1].append(X)
        return result

    def hidden_outputs(self, X):
        """Post-activation output of each hidden layer for X (N, D): [(N, H1), (N, H2), ...]."""
        return [outs[-1] for outs in self._hidden_layer_outputs("MLP.hidden_outputs", X)]

    def pre_activations(self, X):
        """Input z of each hidden layer's activation for X (N, D): [(N, H1), (N, H2), ...].

        (In a maxout MLP, whose max is its activation, the same as hidden_outputs.)
        """
        return [outs[0] for outs in self._hidden_layer_outputs("MLP.pre_activations", X)]

    def layer_table(self):
        """One dict per layer: shapes in the book's X @ W and the note's W @ x layouts, counts."""
        rows = []
        groups = self._groups()
        for number, group in enumerate(groups, start=1):
            W, b = group[0].params["W"], group[0].params["b"]
            d_in, d_out = self.sizes[number - 1], self.sizes[number]
            pieces = W.shape[:-2]  # () for Linear, (2,) for Maxout
            params = sum(layers.num_params(layer) for layer in group)
            rows.append({
                "layer": f"layer{number}", "in": d_in, "out": d_out,
                "activation": self.activation if number < len(groups) else "none",
                "W_shape": W.shape, "W_shape_note": pieces + (d_out, d_in), "b_shape": b.shape,
                "weights": W.size, "biases": b.size, "other": params - W.size - b.size,
                "params": params,
            })
        return rows

    def summary(self):
        """The layer table as text: one line per layer, then the total; counts right-aligned."""
        keys = ("layer", "in", "out", "activation", "W_shape", "W_shape_note", "b_shape", "params")
        lines = [("layer", "in", "out", "activation", "W (X @ W)", "W (W @ x)", "b", "params")]
        lines += [tuple(str(row[key]) for key in keys) for row in self.layer_table()]
        lines.append(("total", "", "", "", "", "", "", str(self.num_params())))
        widths = [max(len(line[i]) for line in lines) for i in range(len(keys))]
        return "\n".join("  ".join(cell.rjust(w) if i in (1, 2, 7) else cell.ljust(w)
                                   for i, (cell, w) in enumerate(zip(line, widths))).rstrip()
                         for line in lines)

    def __repr__(self):
        hidden = "".join(f" -> {h} {self.activation}" for h in self.sizes[1:-1])
        stack = "" if self.stack_size is None else f", a stack of {self.stack_size}"
        return f"MLP({self.sizes[0]}{hidden} -> {self.sizes[-1]}{stack})"


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
    sizes = tuple(validate.whole_number("count_params", f"sizes[{i}]", s)
                  for i, s in enumerate(sizes))
    weights = tuple(a * b for a, b in zip(sizes[:-1], sizes[1:]))
    return ParamCount(sizes, weights, sizes[1:], sum(weights), sum(sizes[1:]),
                      sum(weights) + sum(sizes[1:]))
