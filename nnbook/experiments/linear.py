"""The numbers of chapter 1: a linear classifier's shapes, two linear layers that are one, and
training accuracy as the hidden layer grows.

Chapter 1 shows each central computation as a few lines of its own; this module holds what the
claim ledger re-runs (``linear_shapes``, ``collapse_demo``) and the sweep over hidden sizes
(``hidden_sweep``, several init seeds trained at once as a stack through nnkit's trainer).
Every function checks its arguments, takes its randomness as an explicit ``rng`` or as
``init_seeds``, and returns a frozen dataclass; nothing here draws.
Batch first throughout: X (N, D) @ W (D, H) + b (H,).  Shapes: N examples, D inputs
(3072 = 32 x 32 x 3 for a CIFAR-10 image), H hidden units, C classes, S hidden sizes,
K init seeds.
"""

from dataclasses import dataclass

import numpy as np

from nnkit import layers, model, train, validate

CIFAR_CLASSES = ("airplane", "automobile", "bird", "cat", "deer",
                 "dog", "frog", "horse", "ship", "truck")
IMAGE_SHAPE = (32, 32, 3)  # height, width, colour channels of a CIFAR-10 image


@dataclass(frozen=True)
class LinearShapes:
    """A linear classifier S = X W + b scoring random CIFAR-sized images, shape by shape."""

    image_shape: tuple  # (32, 32, 3)
    x_len: int  # D = 3072: the numbers in one image, one row of X
    X_shape: tuple  # (N, D): the images flattened into rows
    W_shape: tuple  # (D, C), the book's layout (X @ W)
    W_shape_note: tuple  # (C, D), the lecture note's layout (W @ x)
    b_shape: tuple  # (C,)
    scores_shape: tuple  # (N, C)
    images: np.ndarray  # (N, 32, 32, 3) pixel values in [0, 1)
    scores: np.ndarray  # (N, C)
    num_weights: int
    num_params: int


def linear_shapes(*, rng, num_images=4):
    """Score num_images random 32 x 32 x 3 images with an untrained layers.Linear(3072, 10).

    rng draws the images first, then the layer's weights (He initialisation, zero biases).
    """
    validate.generator("linear_shapes", rng)
    num_images = validate.whole_number("linear_shapes", "num_images", num_images)
    images = rng.uniform(0.0, 1.0, (num_images,) + IMAGE_SHAPE)
    X = images.reshape(num_images, -1)  # each image becomes one row of D = 3072 numbers
    classifier = layers.Linear(X.shape[1], len(CIFAR_CLASSES), rng=rng)
    scores = classifier.forward(X)
    W, b = classifier.params["W"], classifier.params["b"]
    return LinearShapes(image_shape=images.shape[1:], x_len=X.shape[1], X_shape=X.shape,
                        W_shape=W.shape, W_shape_note=W.T.shape, b_shape=b.shape,
                        scores_shape=scores.shape, images=images, scores=scores,
                        num_weights=W.size,
                        num_params=layers.num_params(classifier))


@dataclass(frozen=True)
class Collapse:
    """Two stacked linear layers against the one layer they collapse into."""

    stack_params: int  # parameters of Linear(D, H) and Linear(H, C) together
    collapsed_params: int  # parameters of the one Linear(D, C) that computes the same
    W_shape: tuple  # (D, C), the collapsed W = W1 @ W2
    linear_error: float  # ||stack - collapsed|| / ||stack||: rounding error only
    relu_gap: float  # the same with a ReLU between the stacked layers: far from 0


def collapse_demo(sizes=(3072, 100, 10), *, rng, num_images=50):
    """Collapse Linear(D, H) then Linear(H, C), random weights and biases, into one Linear(D, C).

    sizes (D, H, C).  W = W1 @ W2 and b = b1 @ W2 + b2 reproduce the stack on num_images
    random inputs to rounding error; with a ReLU between the layers they do not.
    """
    where = "collapse_demo"
    validate.generator(where, rng)
    if not isinstance(sizes, (list, tuple)) or len(sizes) != 3:
        raise ValueError(f"{where}: sizes must be three layer widths (D, H, C), got {sizes!r}")
    D, H, C = (validate.whole_number(where, f"sizes[{i}]", s) for i, s in enumerate(sizes))
    num_images = validate.whole_number(where, "num_images", num_images)
    first, second = layers.Linear(D, H, rng=rng), layers.Linear(H, C, rng=rng)
    W1, W2 = first.params["W"], second.params["W"]
    b1, b2 = rng.standard_normal(H), rng.standard_normal(C)  # non-zero: they must collapse too
    X = rng.standard_normal((num_images, D))
    stacked = (X @ W1 + b1) @ W2 + b2
    with_relu = np.maximum(0, X @ W1 + b1) @ W2 + b2
    W, b = W1 @ W2, b1 @ W2 + b2
    collapsed = X @ W + b

    def gap(a):
        return float(np.linalg.norm(a - collapsed) / np.linalg.norm(a))

    return Collapse(stack_params=W1.size + H + W2.size + C, collapsed_params=W.size + b.size,
                    W_shape=W.shape, linear_error=gap(stacked), relu_gap=gap(with_relu))


@dataclass(frozen=True)
class Sweep:
    """Training accuracy on one data set as the hidden layer grows, with and without a ReLU.

    relu_nets[s][k] is the D -> hidden_sizes[s] relu -> C network trained from init_seeds[k];
    linear_nets[s] the same two layers without the ReLU, from init_seeds[0].
    """

    hidden_sizes: tuple  # (S,)
    init_seeds: tuple  # (K,)
    relu_acc: np.ndarray  # (S, K) final training accuracy of each ReLU network
    linear_acc: np.ndarray  # (S,) final training accuracy of each linear stack
    relu_nets: tuple  # S tuples of K trained MLPs
    linear_nets: tuple  # S trained Sequential([Linear, Linear])


def hidden_sweep(X, y, *, hidden_sizes=(1, 2, 3, 4, 8, 16, 32), init_seeds=(0,), steps=1000,
                 lr=0.5):
    """Train D -> H -> C networks on X (N, D), y (N,) for every H in hidden_sizes.

    For each H the K = len(init_seeds) ReLU networks, one per init seed, train together as one
    stack (model.MLP.stack) through train.train; the stack of two Linear layers without an
    activation trains from init_seeds[0].  Full-batch gradient descent, softmax loss, no L2.
    """
    where = "hidden_sweep"
    validate.finite(where, "X", validate.matrix(where, "X", X))
    validate.labels(where, y, X.shape[0])
    sizes = _whole_tuple(where, "hidden_sizes", hidden_sizes, minimum=1)
    seeds = _whole_tuple(where, "init_seeds", init_seeds, minimum=0)
    steps = validate.whole_number(where, "steps", steps)
    lr = validate.number(where, "lr", lr, low=0, low_open=True)
    D, C = X.shape[1], int(y.max()) + 1
    relu_acc, linear_acc, relu_nets, linear_nets = [], [], [], []
    for h in sizes:
        nets = [model.MLP([D, h, C], rng=np.random.default_rng(seed)) for seed in seeds]
        stack = model.MLP.stack(nets)
        history = train.train(stack, X, y, lr=lr, steps=steps, eval_every=steps)
        relu_acc.append(np.asarray(history.train_acc[-1], dtype=float))
        relu_nets.append(tuple(stack.unstack()))
        rng = np.random.default_rng(seeds[0])
        linear = model.Sequential([layers.Linear(D, h, rng=rng), layers.Linear(h, C, rng=rng)])
        linear_acc.append(train.train(linear, X, y, lr=lr, steps=steps,
                                      eval_every=steps).train_acc[-1])
        linear_nets.append(linear)
    return Sweep(hidden_sizes=sizes, init_seeds=seeds, relu_acc=np.array(relu_acc),
                 linear_acc=np.array(linear_acc), relu_nets=tuple(relu_nets),
                 linear_nets=tuple(linear_nets))


def _whole_tuple(where, name, values, *, minimum):
    """values as a non-empty tuple of whole numbers >= minimum."""
    if not isinstance(values, (list, tuple)) or not values:
        raise TypeError(f"{where}: {name} must be a non-empty list or tuple of whole numbers, "
                        f"got {values!r}")
    return tuple(validate.whole_number(where, f"{name}[{i}]", v, minimum=minimum)
                 for i, v in enumerate(values))
