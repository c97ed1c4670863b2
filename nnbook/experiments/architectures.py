"""An architecture is the wiring of a network: which neurons feed which, organised as layers of an acyclic graph, and what that wiring costs in parameters.

The experiments of chapter 4 (``ch-architectures``): every number the chapter states about
graphs, layer sizes, parameter counts, shapes in the forward pass and the size of modern
convolutional networks is returned by one of these functions, so that the chapter and the
claim ledger assert the same values.  Each is deterministic (randomness only through an
explicit ``seed``) and runs in well under a second.

Shapes: N examples, D inputs, H hidden units, C outputs; ``sizes`` lists the layer widths
[D, H1, ..., C].  Batch first, as everywhere in nnkit: ``X (N, D) @ W (D, H) + b (H,)``.
The drawing helpers at the end (``draw_*``) import matplotlib only when called.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence

import numpy as np

from nnkit import activations, model

# --- graphs: why a network must be acyclic ---------------------------------------------------


@dataclasses.dataclass(frozen=True)
class GraphOrder:
    """Result of ``evaluation_order``: the neurons in an order in which each can be computed.

    order: nodes whose inputs all became available, in the order they did.
    waiting: nodes that never became computable because they wait on each other (a cycle).
    """

    order: tuple[int, ...]
    waiting: tuple[int, ...]

    @property
    def acyclic(self) -> bool:
        return not self.waiting


def evaluation_order(num_nodes: int, edges: Sequence[tuple[int, int]]) -> GraphOrder:
    """Kahn's algorithm: repeatedly compute every node whose inputs are all computed.

    edges: (source, target) pairs, meaning the output of ``source`` is an input of ``target``.
    On an acyclic graph every node is ordered (a topological order); nodes on or behind a
    cycle each wait for another one and are returned in ``waiting``.
    """
    missing = [0] * num_nodes  # how many inputs of each node are not computed yet
    targets: list[list[int]] = [[] for _ in range(num_nodes)]
    for s, t in edges:
        if not (0 <= s < num_nodes and 0 <= t < num_nodes):
            raise ValueError(f"evaluation_order: edge ({s}, {t}) names a node outside 0..{num_nodes - 1}")
        targets[s].append(t)
        missing[t] += 1
    ready = [n for n in range(num_nodes) if missing[n] == 0]
    order = []
    while ready:
        node = ready.pop(0)
        order.append(node)
        for t in targets[node]:
            missing[t] -= 1
            if missing[t] == 0:
                ready.append(t)
    done = set(order)
    return GraphOrder(order=tuple(order), waiting=tuple(n for n in range(num_nodes) if n not in done))


def pull_requests(num_nodes: int, edges: Sequence[tuple[int, int]], node: int, *,
                  limit: int = 1000) -> int:
    """How many value requests computing ``node`` triggers when each node asks its inputs first.

    This is the naive forward pass "to compute a neuron, first compute everything it reads".
    On an acyclic graph the count is finite; on a cycle the requests go round forever, and
    the function stops at ``limit`` and returns ``limit``.  (No memoisation, on purpose.)
    """
    inputs: list[list[int]] = [[] for _ in range(num_nodes)]
    for s, t in edges:
        inputs[t].append(s)
    count = 0
    stack = [node]
    while stack:
        count += 1
        if count >= limit:
            return limit
        stack.extend(inputs[stack.pop()])
    return count


def layered_edges(sizes: Sequence[int]) -> tuple[int, list[tuple[int, int]]]:
    """Nodes and edges of a fully connected layered graph of these layer sizes.

    Nodes are numbered layer by layer (inputs first).  Every node of layer l feeds every
    node of layer l + 1, and no edge joins two nodes of one layer.  Returns (num_nodes, edges).
    """
    starts = np.cumsum([0] + list(sizes))
    edges = [(int(starts[l] + i), int(starts[l + 1] + j))
             for l in range(len(sizes) - 1) for i in range(sizes[l]) for j in range(sizes[l + 1])]
    return int(starts[-1]), edges


# --- sizes: neurons, weights, biases, parameters ------------------------------------------


@dataclasses.dataclass(frozen=True)
class NetworkSize:
    """What a fully connected network of ``sizes`` costs, layer by layer and in total.

    weights_per_layer[l] = sizes[l] * sizes[l + 1]; biases_per_layer[l] = sizes[l + 1].
    The input layer holds no neurons (it only passes the data in), so it has no biases.
    """

    sizes: tuple[int, ...]
    num_layers: int
    num_hidden_layers: int
    neurons: int
    weights_per_layer: tuple[int, ...]
    biases_per_layer: tuple[int, ...]
    weights: int
    biases: int
    params: int


def count_params(sizes: Sequence[int]) -> int:
    """Weights plus biases of a fully connected network with layer widths ``sizes``.

    sum over layers of in * out (weights) + out (biases): [3, 4, 2] -> 12 + 8 + 4 + 2 = 26.
    """
    return int(sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:])))


def network_size(sizes: Sequence[int], *, seed: int = 0) -> NetworkSize:
    """Count neurons, weights, biases and parameters of ``sizes`` with ``nnkit.model.MLP``.

    The counts come from the model's own ``layer_table``, ``num_neurons`` and ``num_params``
    and are checked against the closed-form arithmetic (``count_params``).  The seed only
    fills the weights, which are not read.
    """
    net = model.MLP(list(sizes), activation="sigmoid", rng=np.random.default_rng(seed))
    table = net.layer_table()
    size = NetworkSize(
        sizes=tuple(net.sizes), num_layers=len(table), num_hidden_layers=len(table) - 1,
        neurons=net.num_neurons(),
        weights_per_layer=tuple(int(r["weights"]) for r in table),
        biases_per_layer=tuple(int(r["biases"]) for r in table),
        weights=int(sum(r["weights"] for r in table)), biases=int(sum(r["biases"] for r in table)),
        params=net.num_params())
    if size.params != count_params(sizes) or size.weights + size.biases != size.params:
        raise AssertionError(f"network_size: MLP counts {size} disagree with the arithmetic")
    return size


def growth(d_in: int, d_out: int, *, widths: Sequence[int], depths: Sequence[int]) -> np.ndarray:
    """Parameter counts of [d_in, H, ..., H, d_out] for every depth (rows) and width H (columns).

    depths: numbers of hidden layers.  Returns (len(depths), len(widths)) int64.  With one
    hidden layer the count grows linearly in H; with two or more, H * H weights between
    hidden layers make it grow quadratically.
    """
    return np.array([[count_params([d_in] + [w] * k + [d_out]) for w in widths] for k in depths],
                    dtype=np.int64)


# --- the forward pass of the 3-4-4-1 network ----------------------------------------------


@dataclasses.dataclass(frozen=True)
class ForwardCheck:
    """Shapes and agreements of one batched forward pass (see ``forward_pass``)."""

    shapes: dict
    scores: np.ndarray  # (N, C)
    loop_vs_batch: float  # max |per-example loop - batched matmul|
    note_vs_book: float  # max |note convention W @ x - book convention X @ W|
    mlp_vs_manual: float  # max |MLP.forward - the three explicit lines|


def forward_pass(sizes: Sequence[int] = (3, 4, 4, 1), *, num_examples: int = 5, seed: int = 0) -> ForwardCheck:
    """Run a sigmoid MLP of ``sizes`` three ways and report every shape and the disagreements.

    1. the batched book convention, H = sigmoid(X @ W + b), the last layer without activation;
    2. a loop over the examples one column vector at a time in the note's convention,
       h = sigmoid(W.T @ x + b[:, None]) with the note's W = book W.T of shape (out, in);
    3. ``nnkit.model.MLP.forward`` with the same weights.
    The inputs X (N, D) and weights come from ``np.random.default_rng(seed)``.
    """
    rng = np.random.default_rng(seed)
    net = model.MLP(list(sizes), activation="sigmoid", rng=rng)
    X = rng.standard_normal((num_examples, sizes[0]))
    Ws = [stage[0].params["W"] for stage in net.stages]
    bs = [stage[0].params["b"] for stage in net.stages]
    shapes = {"X": X.shape}
    H = X
    for l, (W, b) in enumerate(zip(Ws, bs), start=1):
        Z = H @ W + b
        H = activations.sigmoid(Z) if l < len(Ws) else Z
        shapes.update({f"W{l}": W.shape, f"b{l}": b.shape, f"W{l}_note": W.T.shape,
                       f"H{l}" if l < len(Ws) else "scores": H.shape})
    scores = H
    columns = []
    for x in X:  # the note's way: one column vector (D, 1) at a time
        h = x[:, None]
        for l, (W, b) in enumerate(zip(Ws, bs), start=1):
            z = W.T @ h + b[:, None]
            h = activations.sigmoid(z) if l < len(Ws) else z
        columns.append(h)
    looped = np.hstack(columns).T  # (C, N) -> (N, C)
    note_vs_book = max(float(np.max(np.abs(X @ W - (W.T @ X.T).T))) for W in Ws[:1])
    return ForwardCheck(shapes=shapes, scores=scores,
                        loop_vs_batch=float(np.max(np.abs(looped - scores))),
                        note_vs_book=note_vs_book,
                        mlp_vs_manual=float(np.max(np.abs(net.forward(X) - scores))))


# --- modern convolutional networks: the order of magnitude -------------------------------


def conv_params(kernel: int, c_in: int, c_out: int, *, groups: int = 1) -> int:
    """Weights plus biases of a conv layer with kernel x kernel filters (no padding details needed).

    Every one of the c_out filters sees kernel * kernel * (c_in / groups) input numbers and
    has one bias; the same filter is reused at every position of the image (weight sharing),
    so the count does not depend on the image size.
    """
    if c_in % groups or c_out % groups:
        raise ValueError(f"conv_params: groups={groups} must divide c_in={c_in} and c_out={c_out}")
    return kernel * kernel * (c_in // groups) * c_out + c_out


def dense_params(d_in: int, d_out: int) -> int:
    """Weights plus biases of a fully connected layer: d_in * d_out + d_out."""
    return d_in * d_out + d_out


# Layer specs: ("conv", kernel, c_in, c_out, groups) or ("fc", d_in, d_out).
# AlexNet as described by Krizhevsky et al. (2012): five conv layers, conv2/4/5 split over two
# GPUs (groups=2), then three fully connected layers; the last conv output is 6 x 6 x 256.
ALEXNET = (
    ("conv", 11, 3, 96, 1), ("conv", 5, 96, 256, 2), ("conv", 3, 256, 384, 1),
    ("conv", 3, 384, 384, 2), ("conv", 3, 384, 256, 2),
    ("fc", 6 * 6 * 256, 4096), ("fc", 4096, 4096), ("fc", 4096, 1000),
)
# VGG-16 (configuration D of Simonyan and Zisserman, 2015): thirteen 3x3 conv layers, three
# fully connected layers; the last conv output is 7 x 7 x 512.
_VGG_CHANNELS = (64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512)
VGG16 = tuple(("conv", 3, c_in, c_out, 1) for c_in, c_out in zip((3,) + _VGG_CHANNELS[:-1], _VGG_CHANNELS)) + (
    ("fc", 7 * 7 * 512, 4096), ("fc", 4096, 4096), ("fc", 4096, 1000),
)
CONVNETS = {"AlexNet": ALEXNET, "VGG-16": VGG16}


@dataclasses.dataclass(frozen=True)
class StackSize:
    """Parameters of a conv net, per weight layer and in total, and how many sit in fc layers."""

    name: str
    num_layers: int
    per_layer: tuple[int, ...]
    kinds: tuple[str, ...]
    params: int
    fc_params: int

    @property
    def fc_share(self) -> float:
        return self.fc_params / self.params


def stack_size(name: str, spec: Sequence[tuple]) -> StackSize:
    """Count a conv net's parameters from its layer spec (see ``ALEXNET`` for the format)."""
    per_layer, kinds = [], []
    for layer in spec:
        if layer[0] == "conv":
            per_layer.append(conv_params(layer[1], layer[2], layer[3], groups=layer[4]))
        elif layer[0] == "fc":
            per_layer.append(dense_params(layer[1], layer[2]))
        else:
            raise ValueError(f"stack_size: unknown layer kind {layer[0]!r} (use 'conv' or 'fc')")
        kinds.append(layer[0])
    fc = sum(p for p, k in zip(per_layer, kinds) if k == "fc")
    return StackSize(name=name, num_layers=len(spec), per_layer=tuple(per_layer), kinds=tuple(kinds),
                     params=int(sum(per_layer)), fc_params=int(fc))


def convnet_sizes() -> dict[str, StackSize]:
    """``stack_size`` of every net in ``CONVNETS``."""
    return {name: stack_size(name, spec) for name, spec in CONVNETS.items()}


# --- drawings (matplotlib is imported only here) -------------------------------------------


def _plt():
    from matplotlib import pyplot as plt
    return plt


def draw_graph(ax, positions: dict, edges: Sequence[tuple], *, labels: dict | None = None,
               highlight: Sequence[tuple] = (), title: str = "", radius: float = 0.22):
    """Draw a directed graph: circles at ``positions`` {node: (x, y)}, an arrow per edge.

    labels: text written inside each circle; highlight: edges drawn thick in vermillion.
    Returns the Axes.
    """
    from matplotlib import patches as mpatches

    from nnkit import plotting

    hot = set(map(tuple, highlight))
    for s, t in edges:
        (x0, y0), (x1, y1) = np.array(positions[s], float), np.array(positions[t], float)
        d = np.array([x1 - x0, y1 - y0])
        d /= np.linalg.norm(d)
        color = plotting.OKABE_ITO["vermillion"] if (s, t) in hot else "0.45"
        ax.add_patch(mpatches.FancyArrowPatch(
            (x0 + radius * d[0], y0 + radius * d[1]), (x1 - radius * d[0], y1 - radius * d[1]),
            arrowstyle="-|>", mutation_scale=12, color=color, linewidth=2.2 if (s, t) in hot else 1.1,
            connectionstyle="arc3,rad=0.18" if (s, t) in hot else "arc3", zorder=1))
    for node, (x, y) in positions.items():
        ax.add_patch(mpatches.Circle((x, y), radius, facecolor=plotting.tint(plotting.OKABE_ITO["blue"], amount=0.6),
                                     edgecolor="black", linewidth=1.0, zorder=2))
        ax.text(x, y, (labels or {}).get(node, str(node)), ha="center", va="center", fontsize=10, zorder=3)
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    ax.set_xlim(min(xs) - 0.6, max(xs) + 0.6)
    ax.set_ylim(min(ys) - 0.9, max(ys) + 0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title, fontsize=11)
    return ax


def draw_matrix(ax, values: np.ndarray, *, x0: float, y0: float, cell: float = 0.5,
                label: str = "", highlight_col: int | None = None, highlight_row: int | None = None,
                face: str = "white", numbers: bool = False):
    """Draw an (r, c) array as a grid of cells with its top-left corner at (x0, y0).

    ``label`` goes under the grid; one column or row can be outlined in vermillion.
    Returns the (width, height) of the drawn grid in data units.
    """
    from matplotlib import patches as mpatches

    from nnkit import plotting

    values = np.atleast_2d(values)
    r, c = values.shape
    for i in range(r):
        for j in range(c):
            ax.add_patch(mpatches.Rectangle((x0 + j * cell, y0 - (i + 1) * cell), cell, cell,
                                            facecolor=face, edgecolor="0.35", linewidth=0.7))
            if numbers:
                ax.text(x0 + (j + 0.5) * cell, y0 - (i + 0.5) * cell, f"{values[i, j]:.2f}",
                        ha="center", va="center", fontsize=7.5)
    hot = plotting.OKABE_ITO["vermillion"]
    if highlight_col is not None:
        ax.add_patch(mpatches.Rectangle((x0 + highlight_col * cell, y0 - r * cell), cell, r * cell,
                                        fill=False, edgecolor=hot, linewidth=2.4, zorder=3))
    if highlight_row is not None:
        ax.add_patch(mpatches.Rectangle((x0, y0 - (highlight_row + 1) * cell), c * cell, cell,
                                        fill=False, edgecolor=hot, linewidth=2.4, zorder=3))
    if label:
        ax.text(x0 + c * cell / 2, y0 - r * cell - 0.15, label, ha="center", va="top", fontsize=10)
    return c * cell, r * cell


def draw_shape_flow(ax, rows: Sequence[dict], *, cell: float = 0.32):
    """The forward pass as shapes: one row per layer, H_prev @ W + b -> f -> H.

    rows: dicts with keys "inp" (name, array), "W" (name, array), "b" (name, array),
    "act" (str, e.g. "sigmoid" or "none"), "out" (name, array), and optionally "first"
    (True for the row whose input is the data X, drawn white; hidden activations are blue).  Every block is drawn with
    one cell per number, so the picture shows exactly the shapes the code produced.
    """
    from nnkit import diagrams

    y = 0.0
    max_x = 0.0
    for row in rows:
        height = max(np.atleast_2d(a).shape[0] for _, a in (row["inp"], row["W"], row["out"])) * cell
        x = 0.0
        in_face = "white" if row.get("first") else diagrams.HIDDEN_FACE
        pieces = [(row["inp"], in_face, "@"), (row["W"], "0.88", "+"), (row["b"], "0.88", None)]
        for (name, arr), face, op in pieces:
            arr2 = np.atleast_2d(arr)
            w, h = draw_matrix(ax, arr2, x0=x, y0=y, cell=cell, face=face,
                               label=f"{name} {tuple(np.shape(arr))}")
            x += w + (0.5 if op else 0.15)
            if op:
                ax.text(x - 0.25, y - min(h, 2 * cell) / 2, op, ha="center", va="center", fontsize=13)
        act = row["act"]
        ax.text(x + 0.35, y - cell / 2, act, ha="center", va="bottom", fontsize=10,
                style="italic")
        ax.annotate("", xy=(x + 0.95, y - cell / 2 - 0.1), xytext=(x - 0.05, y - cell / 2 - 0.1),
                    arrowprops={"arrowstyle": "-|>", "color": "0.3"})
        x += 1.15
        name, arr = row["out"]
        face = diagrams.OUTPUT_FACE if act == "none" else diagrams.HIDDEN_FACE
        w, _ = draw_matrix(ax, np.atleast_2d(arr), x0=x, y0=y, cell=cell, face=face,
                           label=f"{name} {tuple(np.shape(arr))}")
        max_x = max(max_x, x + w)
        y -= height + 0.9
    ax.set_xlim(-0.2, max_x + 0.2)
    ax.set_ylim(y + 0.3, 0.3)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def _natural_size(sizes: Sequence[int], max_units: int) -> tuple[float, float]:
    """The figure size (inches) ``nnkit.diagrams.network`` picks for ``sizes`` on its own."""
    plt = _plt()
    ax = _network(sizes, max_units=max_units)
    size = tuple(float(v) for v in ax.figure.get_size_inches())
    plt.close(ax.figure)
    return size


def _network(sizes, *, ax=None, max_units: int = 8):
    """``nnkit.diagrams.network`` (imported here so that matplotlib loads only when drawing)."""
    from nnkit import diagrams
    return diagrams.network(list(sizes), ax=ax, max_units=max_units)


def diagram_png(sizes: Sequence[int], *, canvas: Sequence[int] | None = None, dpi: float = 80.0,
                max_units: int = 8) -> bytes:
    """PNG bytes of ``nnkit.diagrams.network(sizes)`` (for static demos).

    canvas: the layer sizes whose natural figure size is used for the picture (default
    ``sizes``).  Frames of a demo share one canvas, taken from the largest network with the
    same number of layers, so every frame is drawn at the same scale and has the same size.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from nnkit import plotting

    width, height = _natural_size(canvas if canvas is not None else sizes, max_units)
    with plotting.house_style():
        fig = Figure(figsize=(width, height), dpi=dpi, facecolor="white")
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
        _network(sizes, ax=ax, max_units=max_units)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
    return buf.getvalue()


def diagram_demo(sizes_list: Sequence[Sequence[int]], labels: Sequence[str], *, captions: Sequence[str],
                 description: str, initial: int = 0, dpi: float = 80.0):
    """A kernel-free slider over precomputed network diagrams (``nnbook.static.image_stack``).

    All frames share the canvas of the largest network (by total units), so the picture does
    not jump when the slider moves; the pictures are shown at their own width (diagrams carry
    small text, which the static demos' default 320-pixel frame would shrink).
    """
    from nnbook import static

    largest = max(sizes_list, key=sum)
    pngs = [diagram_png(s, canvas=largest, dpi=dpi) for s in sizes_list]
    return static.image_stack(pngs, list(labels), description=description, captions=list(captions),
                              initial=initial)
