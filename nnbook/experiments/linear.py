"""The experiments of chapter 1: a linear classifier's shapes, a two-layer network's shapes, and why the nonlinearity between the layers matters.

Every function takes its randomness as ``rng`` (or makes data from explicit seeds) and returns
numbers in a small dataclass, so the chapter and the claim ledger can assert the same values.
Batch first throughout: X (N, D) @ W (D, H) + b (H,).  Shapes: N examples, D = 3072 input
features for CIFAR-10 (32 x 32 pixels x 3 colour channels), H hidden units, C = 10 classes.
The ``render_*`` helpers at the end draw figures and import matplotlib only when called.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from nnkit import datasets, layers, model, train

CIFAR_CLASSES = ("airplane", "automobile", "bird", "cat", "deer",
                 "dog", "frog", "horse", "ship", "truck")
IMAGE_SHAPE = (32, 32, 3)  # height, width, colour channels of a CIFAR-10 image


def random_images(num_images: int, *, rng: np.random.Generator) -> np.ndarray:
    """Random stand-ins for CIFAR-10 images: (N, 32, 32, 3) pixel values in [0, 1)."""
    return rng.uniform(0.0, 1.0, (num_images,) + IMAGE_SHAPE)


def flatten(images: np.ndarray) -> np.ndarray:
    """Stretch each image (32, 32, 3) into one row: images (N, 32, 32, 3) -> X (N, 3072)."""
    return images.reshape(images.shape[0], -1)


@dataclasses.dataclass(frozen=True)
class LinearShapes:
    """Shapes of a linear classifier s = x W + b on a batch of CIFAR-sized inputs."""

    image_shape: tuple
    x_len: int
    X_shape: tuple
    W_shape: tuple  # the book's (D, C), for X @ W
    W_shape_note: tuple  # the note's (C, D), for W @ x
    b_shape: tuple
    scores_shape: tuple
    images: np.ndarray  # (N, 32, 32, 3) the random images that were scored
    scores: np.ndarray  # (N, C)
    num_weights: int
    num_params: int


def linear_shapes(*, rng: np.random.Generator, num_images: int = 4) -> LinearShapes:
    """Score a batch of random 32 x 32 x 3 images with a randomly initialised linear classifier."""
    images = random_images(num_images, rng=rng)
    X = flatten(images)
    classifier = layers.Linear(X.shape[1], len(CIFAR_CLASSES), rng=rng, init=0.01)
    classifier.params["b"] = 0.01 * rng.standard_normal(len(CIFAR_CLASSES))
    scores = classifier.forward(X)
    W = classifier.params["W"]
    return LinearShapes(image_shape=images.shape[1:], x_len=X.shape[1], X_shape=X.shape,
                        W_shape=W.shape, W_shape_note=W.T.shape, b_shape=classifier.params["b"].shape,
                        scores_shape=scores.shape, images=images, scores=scores, num_weights=W.size,
                        num_params=layers.num_params(classifier))


@dataclasses.dataclass(frozen=True)
class NetworkShapes:
    """Shapes met by a batch on its way through an MLP, and what the MLP costs."""

    sizes: tuple
    X_shape: tuple
    W_shapes: tuple  # (D_l, H_l) per layer, book convention
    W_shapes_note: tuple  # (H_l, D_l) per layer, the note's W @ x convention
    hidden_shapes: tuple  # post-ReLU output of each hidden layer, (N, H_l)
    scores_shape: tuple
    num_params: int
    zero_fraction: tuple  # fraction of exact zeros in each hidden layer's output (ReLU's work)


def network_shapes(sizes=(3072, 100, 10), *, rng: np.random.Generator, num_images: int = 4) -> NetworkShapes:
    """Run random CIFAR-sized images (or random rows when sizes[0] != 3072) through MLP(sizes)."""
    sizes = tuple(int(s) for s in sizes)
    if sizes[0] == int(np.prod(IMAGE_SHAPE)):
        X = flatten(random_images(num_images, rng=rng))
    else:
        X = rng.uniform(0.0, 1.0, (num_images, sizes[0]))
    net = model.MLP(list(sizes), rng=rng)
    hidden = net.hidden_outputs(X)
    scores = net.forward(X)
    table = net.layer_table()
    return NetworkShapes(sizes=sizes, X_shape=X.shape,
                         W_shapes=tuple(row["W_shape"] for row in table),
                         W_shapes_note=tuple(row["W_shape_note"] for row in table),
                         hidden_shapes=tuple(h.shape for h in hidden), scores_shape=scores.shape,
                         num_params=net.num_params(),
                         zero_fraction=tuple(float(np.mean(h == 0)) for h in hidden))


def relative_difference(a: np.ndarray, b: np.ndarray) -> float:
    """||a - b|| / ||a||: how far b is from a, as a fraction of a's size (Frobenius norms)."""
    return float(np.linalg.norm(a - b) / np.linalg.norm(a))


def collapse_affine(W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray):
    """The single affine map equal to two stacked ones: (X @ W1 + b1) @ W2 + b2 = X @ W + b.

    W1 (D, H), b1 (H,), W2 (H, C), b2 (C,) -> W (D, C) = W1 @ W2, b (C,) = b1 @ W2 + b2.
    """
    return W1 @ W2, b1 @ W2 + b2


@dataclasses.dataclass(frozen=True)
class Collapse:
    """How far two stacked layers are from their collapsed single layer, without and with ReLU."""

    stack_params: int  # parameters of Linear(D, H) + Linear(H, C)
    collapsed_params: int  # parameters of the one Linear(D, C) it equals
    W_shape: tuple  # shape of the collapsed W
    linear_error: float  # relative_difference(stacked linear output, collapsed output)
    relu_gap: float  # relative_difference(stacked output with ReLU in between, collapsed output)


def collapse_demo(sizes=(3072, 100, 10), *, rng: np.random.Generator, num_images: int = 50) -> Collapse:
    """Stack Linear(D, H) and Linear(H, C) with random weights and biases and collapse them.

    Without an activation the stack's output equals one Linear(D, C) with W = W1 @ W2 to
    rounding error; with a ReLU in between the same collapsed layer is far off.
    """
    D, H, C = sizes
    first, second = layers.Linear(D, H, rng=rng), layers.Linear(H, C, rng=rng)
    first.params["b"] = rng.standard_normal(H)  # non-zero biases, so they must collapse too
    second.params["b"] = rng.standard_normal(C)
    X = rng.standard_normal((num_images, D))
    stacked = second.forward(first.forward(X))
    stacked_relu = second.forward(np.maximum(0, first.forward(X)))
    W, b = collapse_affine(first.params["W"], first.params["b"], second.params["W"], second.params["b"])
    collapsed = X @ W + b
    return Collapse(stack_params=layers.num_params(first) + layers.num_params(second),
                    collapsed_params=W.size + b.size, W_shape=W.shape,
                    linear_error=relative_difference(stacked, collapsed),
                    relu_gap=relative_difference(stacked_relu, collapsed))


@dataclasses.dataclass(frozen=True)
class BestLinearFit:
    """How well the best affine map of the inputs reproduces a function of 2-D inputs."""

    r2_linear_net: float  # R^2 of the best affine fit to a two-layer net WITHOUT ReLU
    r2_relu_net: float  # ... to the same two layers WITH a ReLU in between
    residual_linear_net: float  # ||residual|| / ||output - its mean|| of the fit WITHOUT ReLU


def best_linear_fit(*, rng: np.random.Generator, hidden: int = 50, resolution: int = 41) -> BestLinearFit:
    """Fit an affine map a.x + c by least squares to a random 2 -> H -> 1 network on a grid.

    Without the ReLU the fit is perfect (R^2 = 1); with it no affine map comes close, so the
    ReLU network computes something no single matrix can.
    """
    first, second = layers.Linear(2, hidden, rng=rng), layers.Linear(hidden, 1, rng=rng)
    first.params["b"] = rng.standard_normal(hidden)
    g = np.linspace(-2, 2, resolution)
    xx, yy = np.meshgrid(g, g)
    X = np.column_stack([xx.ravel(), yy.ravel()])
    design = np.column_stack([X, np.ones(len(X))])

    def fit(target):
        coef, *_ = np.linalg.lstsq(design, target, rcond=None)
        residual = target - design @ coef
        spread = np.linalg.norm(target - target.mean())
        return float(1 - residual.var() / target.var()), float(np.linalg.norm(residual) / spread)

    linear_out = second.forward(first.forward(X))[:, 0]
    relu_out = second.forward(np.maximum(0, first.forward(X)))[:, 0]
    r2_linear, residual_linear = fit(linear_out)
    return BestLinearFit(r2_linear_net=r2_linear, r2_relu_net=fit(relu_out)[0],
                         residual_linear_net=residual_linear)


# --- linear versus nonlinear decision regions -------------------------------------------------

KINDS = ("linear", "two linear layers", "ReLU network")


def make_model(kind: str, hidden: int, *, rng: np.random.Generator):
    """A 2-input, 2-class model: "linear" Linear(2, 2); "two linear layers" Linear(2, H) then
    Linear(H, 2) with nothing in between; "ReLU network" MLP(2 -> H relu -> 2)."""
    if kind == "linear":
        return model.MLP([2, 2], rng=rng)
    if kind == "two linear layers":
        return model.Sequential([layers.Linear(2, hidden, rng=rng), layers.Linear(hidden, 2, rng=rng)])
    if kind == "ReLU network":
        return model.MLP([2, hidden, 2], rng=rng)
    raise ValueError(f"make_model: kind must be one of {KINDS}, got {kind!r}")


def make_data(dataset: str, *, seed: int, n: int = 200):
    """The chapter's 2-D data sets: "xor" (noise 0.1) or "circles" (noise 0.1, factor 0.5)."""
    rng = np.random.default_rng(seed)
    if dataset == "xor":
        return datasets.xor(n=n, noise=0.1, rng=rng)
    if dataset == "circles":
        return datasets.circles(n=n, noise=0.1, factor=0.5, rng=rng)
    raise ValueError(f"make_data: dataset must be 'xor' or 'circles', got {dataset!r}")


@dataclasses.dataclass
class Fits:
    """Three kinds of model trained on one 2-D data set (same data, same budget)."""

    dataset: str
    X: np.ndarray
    y: np.ndarray
    models: dict  # kind -> trained model
    acc: dict  # kind -> training accuracy


def fit_kinds(dataset: str, *, data_seed: int, model_seed: int, hidden: int = 8, steps: int = 1000,
              lr: float = 0.5, kinds=KINDS) -> Fits:
    """Train each kind of model with full-batch SGD (softmax loss) and record its accuracy.

    The two-linear-layer stack is trained with a smaller step (lr / 5): the product of two
    weight matrices makes its effective step larger, and the smaller step keeps it stable.
    """
    X, y = make_data(dataset, seed=data_seed)
    models, acc = {}, {}
    for kind in kinds:
        net = make_model(kind, hidden, rng=np.random.default_rng(model_seed))
        step = lr / 5 if kind == "two linear layers" else lr
        history = train.train(net, X, y, lr=step, steps=steps, eval_every=steps)
        models[kind], acc[kind] = net, history.train_acc[-1]
    return Fits(dataset=dataset, X=X, y=y, models=models, acc=acc)


@dataclasses.dataclass
class Sweep:
    """Training accuracy on one data set as the hidden layer grows, with and without ReLU."""

    dataset: str
    X: np.ndarray
    y: np.ndarray
    hidden_sizes: tuple
    relu: list  # trained ReLU networks, one per hidden size
    linear: list  # trained two-linear-layer stacks, one per hidden size
    relu_acc: list
    linear_acc: list


def hidden_sweep(dataset: str = "circles", *, data_seed: int, model_seed: int,
                 hidden_sizes=(1, 2, 3, 4, 8, 16, 32), steps: int = 1000, lr: float = 0.5) -> Sweep:
    """Train a 2 -> H -> 2 network with and without ReLU for every H in hidden_sizes."""
    X, y = make_data(dataset, seed=data_seed)
    out = Sweep(dataset, X, y, tuple(hidden_sizes), [], [], [], [])
    for h in hidden_sizes:
        for kind, nets, accs, step in (("ReLU network", out.relu, out.relu_acc, lr),
                                       ("two linear layers", out.linear, out.linear_acc, lr / 5)):
            net = make_model(kind, h, rng=np.random.default_rng(model_seed))
            history = train.train(net, X, y, lr=step, steps=steps, eval_every=steps)
            nets.append(net)
            accs.append(history.train_acc[-1])
    return out


# --- figures ----------------------------------------------------------------------------------


def render_regions(classifiers, X, y, titles, *, resolution: int = 100, width: float = 4.0,
                   height: float = 3.2, dpi: float = 80.0) -> list[bytes]:
    """One small PNG of decision regions per classifier, all on the same box and points.

    For kernel-free picture switchers (``nnbook.static.image_stack``); one reused figure.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from nnkit import plotting
    from nnbook import widgets

    extent = plotting.square_extent(X)
    with plotting.house_style():
        fig = Figure(figsize=(width, height), dpi=dpi, facecolor="white")
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.15, 0.15, 0.8, 0.74))
        region = plotting.RegionPlot(ax=ax, extent=extent, num_classes=int(y.max()) + 1,
                                     resolution=resolution, legend=False)
    region.set_points(X, y)
    pngs = []
    for clf, title in zip(classifiers, titles):
        region.set_regions(plotting.decision_grid(clf, extent=extent, resolution=resolution))
        ax.set_title(title, fontsize=10)
        pngs.append(widgets.render_png(fig, colors=64))
    return pngs


def shape_flow(stages, *, ax=None):
    """Draw the shapes a batch takes through a network as a row of boxes, to scale in log size.

    stages: list of (name, shape) such as [("X", (4, 3072)), ("@", None), ("W1", (3072, 100))];
    an array (rows, cols) is a box whose height and width grow with log(rows) and log(cols),
    so a wide, short X and a tall W1 look it; an operation (shape None) is text between boxes
    (it may contain a line break).  Weights and biases (names starting with W or b) are blue,
    data orange.  Returns the Axes.
    """
    from matplotlib import patches as mpatches
    from matplotlib import pyplot as plt

    from nnkit import plotting

    def size(d):
        return 0.5 + 0.55 * np.log10(d)

    if ax is None:
        _, ax = plt.subplots(figsize=(9.6, 3.0), facecolor="white")
    x, top = 0.0, 0.0
    for name, shape in stages:
        if shape is None:
            width = 0.25 + 0.11 * max(len(line) for line in name.split("\n"))
            ax.text(x + width / 2, 0.0, name, ha="center", va="center", fontsize=11, linespacing=1.3)
            x += width
            continue
        height, width = size(shape[0]), size(shape[-1])
        top = max(top, height / 2)
        face = plotting.tint(plotting.OKABE_ITO["blue"] if name.startswith(("W", "b"))
                             else plotting.OKABE_ITO["orange"], amount=0.6)
        ax.add_patch(mpatches.FancyBboxPatch((x, -height / 2), width, height, boxstyle="round,pad=0.03",
                                             facecolor=face, edgecolor="black", linewidth=1.0))
        ax.text(x + width / 2, 0.0, name, ha="center", va="center", fontsize=13)
        ax.text(x + width / 2, -height / 2 - 0.1, " x ".join(f"{d:,}" for d in shape), ha="center",
                va="top", fontsize=10)
        x += width + 0.1
    ax.set_xlim(-0.1, x)
    ax.set_ylim(-top - 0.45, top + 0.1)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax
