"""The numbers of chapter 2: one neuron as a linear classifier (binary softmax and binary SVM),
the direction of its boundary, and L2 regularisation as gradual forgetting.

A neuron with D = 2 inputs is ``model.MLP([2, 1])``: one Linear(2 -> 1) whose score
s = x . w + b feeds a binary loss (``losses.binary_logistic`` or ``losses.binary_hinge``).
Chapter 2 shows each central computation as a few lines of its own; this module holds the
chapter's data, what the claim ledger re-runs (``logistic_vs_svm``, ``forgetting``) and the
sweep of weight directions behind the chapter's slider.  Every function checks its arguments,
takes its randomness as ``data_seed``/``init_seed`` and returns frozen dataclasses.
Shapes: N examples, D inputs, M held-out examples, A directions, T steps.
"""

import math
from dataclasses import dataclass

import numpy as np

from nnkit import activations, datasets, losses, model, train, validate

LOSSES = {"logistic": losses.binary_logistic, "hinge": losses.binary_hinge}
DATA_ANGLE = 35.0  # degrees: the two clouds are turned by this angle ...
DATA_SHIFT = (1.5, 1.0)  # ... and moved off the origin, so that the bias has work to do


def make_data(*, data_seed, n=200, std=2.0, held_out=0.3):
    """Two overlapping Gaussian clouds (datasets.blobs, 2 classes), turned and shifted, then split.

    Returns X (N, 2), y (N,), X_val (M, 2), y_val (M,) with labels in {0, 1}.
    """
    where = "make_data"
    rng = np.random.default_rng(validate.whole_number(where, "data_seed", data_seed, minimum=0))
    n = validate.whole_number(where, "n", n, minimum=4)
    std = validate.number(where, "std", std, low=0, low_open=True)
    held_out = validate.number(where, "held_out", held_out, low=0, high=1, low_open=True,
                               high_open=True)
    X, y = datasets.blobs(n=n, num_classes=2, std=std, rng=rng)
    c, s = np.cos(np.radians(DATA_ANGLE)), np.sin(np.radians(DATA_ANGLE))
    X = X @ np.array([[c, s], [-s, c]]) + np.array(DATA_SHIFT)
    try:
        return datasets.split(X, y, held_out=held_out, rng=rng)
    except ValueError as err:  # too few points for this held_out: say so as make_data
        raise ValueError(f"{where}: n={n} and held_out={held_out:g} do not split; {err}") from None


def boundary_angle(w):
    """The direction of the line w . x + b = 0 in the plane, in degrees in [0, 180).

    w (2,): the line runs along (-w2, w1), at right angles to w; 0 is the x1 axis and angles
    grow counter-clockwise, so a line rising to the right has an angle below 90.
    """
    w = validate.finite("boundary_angle", "w", validate.real_array("boundary_angle", "w", w))
    if w.shape != (2,) or not np.any(w):
        raise ValueError(f"boundary_angle: w must be a non-zero vector of shape (2,), got {w!r}")
    return float(np.degrees(np.arctan2(w[0], -w[1])) % 180.0)


@dataclass(frozen=True)
class TwoNeurons:
    """The same neuron trained with the logistic loss and with the hinge loss on the same data."""

    models: dict  # "logistic" / "hinge" -> trained MLP([2, 1])
    train_acc: dict  # name -> fraction of the N training points classified correctly
    val_acc: dict  # name -> the same on the M held-out points
    w: dict  # name -> weight vector (2,)
    b: dict  # name -> bias
    angle_deg: float  # angle between the two weight vectors
    agreement: float  # fraction of held-out points both classify the same way
    prob_rule_agrees: bool  # sigmoid(s) > 0.5 exactly where s > 0, on the held-out points


def logistic_vs_svm(*, data_seed, init_seed, lr=0.1, steps=300, reg=1e-3):
    """Train MLP([2, 1]) on make_data(data_seed) once per loss in LOSSES, from one init_seed.

    Full-batch gradient descent for ``steps`` steps with learning rate lr and L2 strength reg.
    """
    where = "logistic_vs_svm"
    data_seed = validate.whole_number(where, "data_seed", data_seed, minimum=0)
    init_seed = validate.whole_number(where, "init_seed", init_seed, minimum=0)
    lr = validate.number(where, "lr", lr, low=0, low_open=True)
    steps = validate.whole_number(where, "steps", steps)
    reg = validate.number(where, "reg", reg, low=0)
    X, y, X_val, y_val = make_data(data_seed=data_seed)
    models, train_acc, val_acc, w, b = {}, {}, {}, {}, {}
    for name, loss_fn in LOSSES.items():
        net = model.MLP([2, 1], rng=np.random.default_rng(init_seed))
        history = train.train(net, X, y, loss_fn=loss_fn, lr=lr, steps=steps, reg=reg,
                              X_val=X_val, y_val=y_val, eval_every=steps)
        models[name], train_acc[name], val_acc[name] = net, history.train_acc[-1], \
            history.val_acc[-1]
        w[name] = net.layers[0].params["W"][:, 0].copy()
        b[name] = float(net.layers[0].params["b"][0])
    cos = w["logistic"] @ w["hinge"] / (np.linalg.norm(w["logistic"]) * np.linalg.norm(w["hinge"]))
    scores = models["logistic"].forward(X_val)[:, 0]
    return TwoNeurons(
        models=models, train_acc=train_acc, val_acc=val_acc, w=w, b=b,
        angle_deg=float(np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))),
        agreement=float(np.mean(models["logistic"].predict(X_val)
                                == models["hinge"].predict(X_val))),
        prob_rule_agrees=bool(np.array_equal(activations.sigmoid(scores) > 0.5, scores > 0)))


@dataclass(frozen=True)
class Directions:
    """Neurons whose weight vectors point in A directions, each boundary through the data's centre.

    Neuron a has w = (cos angle, sin angle) and the bias that puts its line through the mean of
    X; accuracy[a] is the fraction of points on their own class's side (class 1 where
    sigmoid(x . w + b) > 0.5).
    """

    angles: np.ndarray  # (A,) degrees
    w: np.ndarray  # (A, 2)
    b: np.ndarray  # (A,)
    accuracy: np.ndarray  # (A,)


def direction_sweep(X, y, angles):
    """One neuron per angle (degrees) of its weight vector, on X (N, 2), y (N,) in {0, 1}."""
    where = "direction_sweep"
    validate.finite(where, "X", validate.matrix(where, "X", X, 2))
    validate.labels(where, y, X.shape[0], 2)
    angles = validate.finite(where, "angles", validate.real_array(where, "angles", angles))
    if angles.ndim != 1 or angles.size == 0:
        raise ValueError(f"{where}: angles must be a non-empty 1-D list of degrees, "
                         f"got shape {angles.shape}")
    radians = np.radians(angles.astype(float))
    w = np.column_stack([np.cos(radians), np.sin(radians)])
    b = -w @ X.mean(axis=0)
    above = activations.sigmoid(X @ w.T + b) > 0.5  # (N, A)
    accuracy = np.mean(above == (y == 1)[:, None], axis=0)
    return Directions(angles=angles.astype(float), w=w, b=b, accuracy=accuracy)


@dataclass(frozen=True)
class Forgetting:
    """Weights under L2 updates alone (no data gradient), against (1 - lr * reg)^k W_0."""

    lr: float
    reg: float
    weights: np.ndarray  # (T + 1, D): W after 0, 1, ..., T updates
    predicted: np.ndarray  # (T + 1, D): (1 - lr * reg)^k W_0
    max_rel_error: float  # largest |weights - predicted| / |predicted|
    halving_steps: int  # the first k with |W_k| <= |W_0| / 2, or -1 if none within T


def forgetting(w0, *, lr, reg, steps):
    """Apply ``steps`` gradient descent updates whose only gradient is L2's, dW = reg * W.

    w0 (D,) non-zero starting weights; needs 0 < lr * reg < 1.
    """
    where = "forgetting"
    w = validate.finite(where, "w0", validate.real_array(where, "w0", w0)).astype(float)
    if w.ndim != 1 or w.size == 0 or not np.all(w):
        raise ValueError(f"{where}: w0 must be a 1-D array of non-zero weights, got {w0!r}")
    lr, reg = _decay_rates(where, lr, reg)
    steps = validate.whole_number(where, "steps", steps)
    path = [w]
    for _ in range(steps):
        _, dW = losses.l2_penalty(w, reg)
        w = w - lr * dW
        path.append(w)
    weights = np.array(path)
    predicted = (1.0 - lr * reg) ** np.arange(steps + 1)[:, None] * weights[0]
    norms = np.linalg.norm(weights, axis=1)
    halved = np.flatnonzero(norms <= norms[0] / 2)
    return Forgetting(lr=lr, reg=reg, weights=weights, predicted=predicted,
                      max_rel_error=float(np.max(np.abs(weights - predicted) / np.abs(predicted))),
                      halving_steps=int(halved[0]) if halved.size else -1)


def steps_to_halve(lr, reg):
    """The smallest whole k with (1 - lr * reg)^k <= 1/2 (needs 0 < lr * reg < 1)."""
    lr, reg = _decay_rates("steps_to_halve", lr, reg)
    return math.ceil(math.log(0.5) / math.log(1.0 - lr * reg))


def _decay_rates(where, lr, reg):
    """lr > 0 and reg > 0 as floats with 0 < lr * reg < 1, so that each step shrinks W."""
    lr = validate.number(where, "lr", lr, low=0, low_open=True)
    reg = validate.number(where, "reg", reg, low=0, low_open=True)
    if not lr * reg < 1:
        raise ValueError(f"{where}: lr * reg must be below 1 for the weights to shrink "
                         f"towards 0, got lr * reg = {lr * reg:g}")
    return lr, reg
