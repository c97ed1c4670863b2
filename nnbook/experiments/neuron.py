"""The experiments of chapter 2: one neuron trained as a binary softmax (logistic) classifier and as a binary SVM, and L2 regularisation seen as gradual forgetting.

A single neuron with D = 2 inputs is ``model.MLP([2, 1])``: one Linear(2 -> 1) whose score
s = x . w + b feeds a binary loss (``losses.binary_logistic`` or ``losses.binary_hinge``).
Every function takes explicit seeds or an ``rng`` and returns numbers in a small dataclass.
Shapes: N examples, D inputs.  The ``draw_*``/``render_*`` helpers import matplotlib only when
called.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from nnkit import activations, datasets, losses, model, train

LOSSES = {"logistic": losses.binary_logistic, "hinge": losses.binary_hinge}
DATA_ANGLE = np.deg2rad(35.0)  # the two clouds are turned by this angle ...
DATA_SHIFT = np.array([1.5, 1.0])  # ... and moved off the origin, so the bias has work to do


def make_data(*, seed: int, n: int = 200, std: float = 2.0, held_out: float = 0.3):
    """Two overlapping Gaussian clouds (``datasets.blobs`` with 2 classes), turned and shifted.

    Returns X_train (N, 2), y_train (N,), X_val (M, 2), y_val (M,) with labels in {0, 1}.
    """
    rng = np.random.default_rng(seed)
    X, y = datasets.blobs(n=n, num_classes=2, std=std, rng=rng)
    c, s = np.cos(DATA_ANGLE), np.sin(DATA_ANGLE)
    X = X @ np.array([[c, s], [-s, c]]) + DATA_SHIFT
    return datasets.split(X, y, held_out=held_out, rng=rng)


def train_neuron(X, y, *, loss: str, rng: np.random.Generator, lr: float = 0.1, steps: int = 300,
                 reg: float = 1e-3, X_val=None, y_val=None):
    """Train one neuron MLP([D, 1]) with full-batch SGD on X (N, D), y (N,) in {0, 1}.

    loss: "logistic" (binary softmax, cross-entropy on sigmoid(s)) or "hinge" (binary SVM).
    Returns (model, history).
    """
    if loss not in LOSSES:
        raise ValueError(f"train_neuron: loss must be one of {tuple(LOSSES)}, got {loss!r}")
    neuron = model.MLP([X.shape[1], 1], rng=rng)
    history = train.train(neuron, X, y, loss_fn=LOSSES[loss], lr=lr, steps=steps, reg=reg,
                          X_val=X_val, y_val=y_val, eval_every=steps)
    return neuron, history


def weights_of(neuron) -> tuple[np.ndarray, float]:
    """The weight vector (D,) and bias of a one-neuron MLP."""
    layer = neuron.layers[0]
    return layer.params["W"][:, 0].copy(), float(layer.params["b"][0])


@dataclasses.dataclass
class TwoNeurons:
    """The same neuron trained with the logistic loss and with the hinge loss on the same data."""

    X: np.ndarray
    y: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    models: dict  # "logistic" / "hinge" -> trained MLP([2, 1])
    train_acc: dict
    val_acc: dict
    w: dict  # (2,) weight vectors
    b: dict  # biases
    angle_deg: float  # angle between the two weight vectors
    agreement: float  # fraction of held-out points both classify the same way
    prob_rule_agrees: bool  # sigmoid(s) > 0.5 exactly where s > 0 (the logistic prediction rule)


def logistic_vs_svm(*, data_seed: int, model_seed: int, lr: float = 0.1, steps: int = 300,
                    reg: float = 1e-3) -> TwoNeurons:
    """Train one neuron as binary softmax and one as binary SVM (same data, same start)."""
    X, y, X_val, y_val = make_data(seed=data_seed)
    models, train_acc, val_acc, w, b = {}, {}, {}, {}, {}
    for name in LOSSES:
        net, history = train_neuron(X, y, loss=name, rng=np.random.default_rng(model_seed), lr=lr,
                                    steps=steps, reg=reg, X_val=X_val, y_val=y_val)
        models[name] = net
        train_acc[name], val_acc[name] = history.train_acc[-1], history.val_acc[-1]
        w[name], b[name] = weights_of(net)
    cos = w["logistic"] @ w["hinge"] / (np.linalg.norm(w["logistic"]) * np.linalg.norm(w["hinge"]))
    scores = models["logistic"].forward(X_val)[:, 0]
    return TwoNeurons(
        X=X, y=y, X_val=X_val, y_val=y_val, models=models, train_acc=train_acc, val_acc=val_acc,
        w=w, b=b, angle_deg=float(np.degrees(np.arccos(np.clip(cos, -1, 1)))),
        agreement=float(np.mean(models["logistic"].predict(X_val) == models["hinge"].predict(X_val))),
        prob_rule_agrees=bool(np.array_equal(activations.sigmoid(scores) > 0.5, scores > 0)))


def per_example_losses(margins: np.ndarray) -> dict:
    """Each loss for a positive example (y = 1) with score s, over an array of scores (M,).

    Computed one example at a time with nnkit.losses, so the curves are the book's losses.
    """
    one = np.ones(1, dtype=int)
    return {name: np.array([fn(np.array([s]), one)[0] for s in margins]) for name, fn in LOSSES.items()}


# --- the rate code -------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class RateCode:
    """Random spike trains whose rate is max_rate * sigmoid(z), and the rates counted from them."""

    z: np.ndarray  # (K,) summed inputs
    spikes: list  # K arrays of spike times in [0, duration)
    counted_rate: np.ndarray  # (K,) spikes per second counted in each train
    model_rate: np.ndarray  # (K,) max_rate * sigmoid(z)
    duration: float


def rate_code(z, *, rng: np.random.Generator, max_rate: float = 100.0, duration: float = 2.0) -> RateCode:
    """Poisson spike trains (independent spikes at a constant rate) for each summed input z.

    The spike times themselves are random; only their rate carries the signal, which is the
    one thing the neuron model keeps (its activation function gives the rate).
    """
    z = np.asarray(z, dtype=float)
    rates = max_rate * activations.sigmoid(z)
    spikes = [np.sort(rng.uniform(0.0, duration, rng.poisson(r * duration))) for r in rates]
    counted = np.array([len(t) / duration for t in spikes])
    return RateCode(z=z, spikes=spikes, counted_rate=counted, model_rate=rates, duration=duration)


# --- regularization as gradual forgetting ------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Forgetting:
    """Weights under L2 updates alone (no data gradient): W_k = (1 - lr * reg)^k W_0."""

    lr: float
    reg: float
    weights: np.ndarray  # (steps + 1, D): W after 0, 1, ..., steps updates
    predicted: np.ndarray  # (steps + 1, D): (1 - lr * reg)^k W_0
    max_rel_error: float
    halving_steps: int  # first k with |W_k| <= |W_0| / 2


def steps_to_halve(lr: float, reg: float) -> int:
    """Smallest whole k with (1 - lr * reg)^k <= 1/2 (requires 0 < lr * reg < 1)."""
    factor = 1.0 - lr * reg
    if not 0.0 < factor < 1.0:
        raise ValueError(f"steps_to_halve: need 0 < lr * reg < 1, got lr * reg = {lr * reg}")
    return math.ceil(math.log(0.5) / math.log(factor))


def forgetting(w0, *, lr: float, reg: float, steps: int) -> Forgetting:
    """Apply ``steps`` SGD updates whose only gradient is the L2 term's dW = reg * W."""
    w = np.array(w0, dtype=float)
    history = [w.copy()]
    for _ in range(steps):
        _, dW = losses.l2_penalty(w, reg)
        w = w - lr * dW
        history.append(w.copy())
    weights = np.array(history)
    predicted = (1.0 - lr * reg) ** np.arange(steps + 1)[:, None] * np.asarray(w0, dtype=float)
    norms = np.linalg.norm(weights, axis=1)
    halved = np.nonzero(norms <= norms[0] / 2)[0]
    return Forgetting(lr=lr, reg=reg, weights=weights, predicted=predicted,
                      max_rel_error=float(np.max(np.abs(weights - predicted) / np.abs(predicted))),
                      halving_steps=int(halved[0]) if halved.size else -1)


@dataclasses.dataclass(frozen=True)
class UnusedInput:
    """A neuron trained on [x1, x2, 0]: the third weight never gets a data gradient."""

    steps: np.ndarray  # (K,)
    unused: np.ndarray  # (K,) the third weight at each step
    predicted: np.ndarray  # (K,) (1 - lr * reg)^k * w3_0
    used_norm: np.ndarray  # (K,) norm of the two weights that see data
    max_rel_error: float
    train_acc: float


def unused_input(*, data_seed: int, model_seed: int, lr: float = 0.1, reg: float = 0.05,
                 steps: int = 400, w3_start: float = 1.0) -> UnusedInput:
    """Train a logistic neuron on the chapter's data with a third, always-zero input.

    The data gradient on the third weight is exactly 0, so while the other two weights learn,
    it decays geometrically: the neuron forgets a synapse that no input ever uses.
    """
    X, y, _, _ = make_data(seed=data_seed)
    X3 = np.column_stack([X, np.zeros(len(X))])
    neuron = model.MLP([3, 1], rng=np.random.default_rng(model_seed))
    neuron.layers[0].params["W"][2, 0] = w3_start
    record = []

    def watch(step, net, history):
        W = net.layers[0].params["W"][:, 0]
        record.append((step, W[2], float(np.linalg.norm(W[:2]))))

    history = train.train(neuron, X3, y, loss_fn=losses.binary_logistic, lr=lr, steps=steps, reg=reg,
                          callback=watch)
    k, unused, used = (np.array(v) for v in zip(*record))
    predicted = w3_start * (1.0 - lr * reg) ** k
    return UnusedInput(steps=k, unused=unused, predicted=predicted, used_norm=used,
                       max_rel_error=float(np.max(np.abs(unused - predicted) / np.abs(predicted))),
                       train_acc=history.train_acc[-1])


# --- figures ----------------------------------------------------------------------------------


def draw_half_plane(w, b, X, y, *, ax, extent=None, resolution: int = 150):
    """A neuron's output sigmoid(x . w + b) over the plane, its 0.5 line, w as an arrow, and the data.

    w (2,), b float, X (N, 2), y (N,) in {0, 1}.  Returns the Axes.
    """
    from nnkit import plotting

    from matplotlib import colors as mcolors

    w = np.asarray(w, dtype=float)
    extent = extent if extent is not None else plotting.square_extent(X, margin=0.05)
    pts = plotting.grid_points(extent, resolution=resolution)
    out = activations.sigmoid(pts @ w + b).reshape(resolution, resolution)
    cmap = mcolors.LinearSegmentedColormap.from_list(
        "neuron_output", [plotting.tint(plotting.class_color(0), amount=0.45), "white",
                          plotting.tint(plotting.class_color(1), amount=0.35)])
    image = ax.imshow(out, origin="lower", extent=extent, cmap=cmap, vmin=0, vmax=1,
                      interpolation="bilinear", zorder=0)
    xs = np.linspace(extent[0], extent[1], resolution)
    ys = np.linspace(extent[2], extent[3], resolution)
    ax.contour(xs, ys, out, levels=[0.5], colors="black", linewidths=1.5, zorder=1)
    for k in range(2):
        sel = y == k
        ax.scatter(X[sel, 0], X[sel, 1], s=20, marker=plotting.class_marker(k), c=plotting.class_color(k),
                   edgecolors="black", linewidths=0.5, zorder=3, label=f"class {k}")
    norm = float(np.linalg.norm(w))
    if norm > 1e-12:
        centre = np.array([(extent[0] + extent[1]) / 2, (extent[2] + extent[3]) / 2])
        foot = centre - (centre @ w + b) / norm**2 * w  # the point of the 0.5 line nearest the centre
        length = 0.18 * (extent[1] - extent[0])
        ax.annotate("", xy=tuple(foot + length * w / norm), xytext=tuple(foot),
                    arrowprops=dict(arrowstyle="-|>", color="black", linewidth=2.0), zorder=4)
        ax.text(*(foot + 1.15 * length * w / norm), "w", fontsize=12, ha="center", va="center", zorder=4)
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_aspect("equal")
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    return image


def direction_frames(X, y, angles_deg, *, length: float = 1.0) -> list[dict]:
    """Neurons whose weight vector points at each angle, boundary through the data's centre.

    Returns one dict per angle: angle, w (2,), b, accuracy (fraction of points on their own
    class's side, class 1 where sigmoid(x . w + b) > 0.5).
    """
    centre = X.mean(axis=0)
    out = []
    for angle in angles_deg:
        w = length * np.array([np.cos(np.deg2rad(angle)), np.sin(np.deg2rad(angle))])
        b = float(-centre @ w)
        acc = float(np.mean((activations.sigmoid(X @ w + b) > 0.5) == (y == 1)))
        out.append({"angle": float(angle), "w": w, "b": b, "accuracy": acc})
    return out


def render_direction_frames(frames: list[dict], X, y, *, width: float = 4.0, height: float = 3.4,
                            dpi: float = 80.0) -> list[bytes]:
    """One PNG per frame of ``direction_frames`` (half-plane picture titled with the accuracy)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from nnkit import plotting
    from nnbook import widgets

    extent = plotting.square_extent(X, margin=0.05)
    pngs = []
    for frame in frames:
        with plotting.house_style():
            fig = Figure(figsize=(width, height), dpi=dpi, facecolor="white")
            FigureCanvasAgg(fig)
            ax = fig.add_axes((0.14, 0.14, 0.82, 0.76))
            draw_half_plane(frame["w"], frame["b"], X, y, ax=ax, extent=extent, resolution=100)
            ax.set_title(f"w at {frame['angle']:.0f} degrees: {frame['accuracy']:.0%} on their side",
                         fontsize=10)
        pngs.append(widgets.render_png(fig, colors=64))
    return pngs
