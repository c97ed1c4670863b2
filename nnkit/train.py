"""Training adjusts a model's parameters step by step to lower its loss on the data.

One step: forward pass, loss, backward pass (gradients), then an SGD update of every
parameter. ``train`` repeats that and returns a ``History`` of losses and accuracies.
The objective is the mean data loss plus 0.5 * reg * sum(W**2) over weight matrices.
"""

import math
from dataclasses import dataclass, field

import numpy as np

from nnkit import layers, losses, validate


class Diverged(FloatingPointError):
    """Training produced a NaN or inf loss; ``history`` holds everything recorded before it."""

    def __init__(self, step, loss, lr, history):
        super().__init__(f"training diverged at step {step} (loss={loss}); "
                         f"try a smaller learning rate (lr={lr:g})")
        self.step, self.loss, self.lr, self.history = step, loss, lr, history


@dataclass
class History:
    """Losses and accuracies at the recorded steps; ``step[i]`` counts the updates done so far.

    train_loss is the objective (mean data loss + L2) over the whole training set and
    train_acc the fraction classified correctly; val_loss and val_acc are the same two
    numbers on the held-out set, so the gap between the curves is a gap in data loss.
    """

    step: list = field(default_factory=list)
    train_loss: list = field(default_factory=list)
    train_acc: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    val_acc: list = field(default_factory=list)

    def record(self, step, train_loss, train_acc, val_loss=None, val_acc=None):
        """Append one row; val_loss and val_acc are left out when there is no held-out data."""
        self.step.append(step)
        self.train_loss.append(train_loss)
        self.train_acc.append(train_acc)
        if val_loss is not None:
            self.val_loss.append(val_loss)
            self.val_acc.append(val_acc)

    def final(self):
        """The last recorded values as a dict (val_* only when held-out data was given)."""
        names = ["step", "train_loss", "train_acc"]
        if self.val_loss:
            names += ["val_loss", "val_acc"]
        return {name: getattr(self, name)[-1] for name in names if getattr(self, name)}

    def __len__(self):
        return len(self.step)


class SGD:
    """Stochastic gradient descent: p -= lr * grad, or with momentum v = mu*v - lr*grad; p += v."""

    def __init__(self, lr, momentum=0.0):
        self.lr = validate.number("SGD", "lr", lr, low=0, low_open=True)
        self.momentum = validate.number("SGD", "momentum", momentum,
                                         low=0, high=1, high_open=True)
        self.velocity = {}  # {(layer, key): array shaped like the parameter}, from the first step

    def step(self, model):
        """Update every parameter of model in place from the gradients of the last backward()."""
        for layer in model.layers:
            for key, p in layer.params.items():
                grad = layer.grads[key]
                if self.momentum == 0:
                    p -= self.lr * grad
                else:
                    if (layer, key) not in self.velocity:
                        self.velocity[layer, key] = np.zeros_like(p)
                    v = self.velocity[layer, key]
                    v *= self.momentum
                    v -= self.lr * grad
                    p += v


def loss_and_grads(model, X, y, *, loss_fn, reg=0.0):
    """Forward, loss and backward for X (N, D), y (N,); adds L2 on every weight W (not biases).

    Returns (loss, scores (N, C)); the gradients are left in each layer's grads.
    """
    scores = model.forward(X, train=True)
    loss, dscores = loss_fn(scores, y)
    model.backward(dscores, input_grad=False)  # the data X is not learned: skip its gradient
    for layer in model.layers:
        if "W" in layer.params:  # only weight matrices are regularised, never biases
            penalty, dW = losses.l2_penalty(layer.params["W"], reg)
            loss += penalty
            layer.grads["W"] += dW
    return loss, scores


def _l2_total(model, reg):
    """0.5 * reg * sum(W**2) over every weight matrix of model."""
    return sum(losses.l2_penalty(layer.params["W"], reg)[0]
               for layer in model.layers if "W" in layer.params)


def _evaluate(model, X, y, loss_fn, reg):
    """(objective, accuracy) of model on X (N, D), y (N,) without touching the gradients."""
    scores = model.forward(X)
    loss = loss_fn(scores, y)[0] + _l2_total(model, reg)
    return loss, float(np.mean(model.labels_from_scores(scores) == y))


def _check_data(where, X, y, x_name="X", y_name="y"):
    validate.finite(where, x_name, validate.matrix(where, x_name, X))
    if not isinstance(y, np.ndarray) or y.dtype.kind not in "iu":
        raise TypeError(f"{where}: {y_name} must be a numpy array of integer labels, got "
                        f"{getattr(y, 'dtype', type(y).__name__)}; try {y_name}.astype(int)")
    if y.shape != (X.shape[0],):
        raise ValueError(f"{where}: {y_name} must have shape ({X.shape[0]},), one label per row "
                         f"of {x_name}, got {y.shape}")


def train(model, X, y, *, loss_fn=losses.softmax_cross_entropy, lr, steps, reg=0.0,
          batch_size=None, momentum=0.0, rng=None, X_val=None, y_val=None, eval_every=1,
          callback=None):
    """Train model on X (N, D), y (N,) with SGD for a number of steps; return a History.

    batch_size None uses all N rows every step; otherwise each step draws batch_size rows
    with rng. Every eval_every steps (and after the last) the history records the objective
    and accuracy on the whole training set (and on X_val, y_val if given), then calls
    callback(step, model, history); a callback returning False stops training.
    Raises Diverged if the loss becomes NaN or inf.
    """
    _check_data("train", X, y)
    if (X_val is None) != (y_val is None):
        raise ValueError("train: X_val and y_val must be given together (or neither)")
    if X_val is not None:
        _check_data("train", X_val, y_val, "X_val", "y_val")
    lr = validate.number("train", "lr", lr, low=0, low_open=True)
    momentum = validate.number("train", "momentum", momentum, low=0, high=1, high_open=True)
    steps = validate.whole_number("train", "steps", steps, minimum=0)
    eval_every = validate.whole_number("train", "eval_every", eval_every)
    reg = validate.number("train", "reg", reg, low=0)
    if batch_size is not None:
        batch_size = validate.whole_number("train", "batch_size", batch_size)
        if batch_size > X.shape[0]:
            raise ValueError(
                f"train: batch_size must be at most N = {X.shape[0]}, got {batch_size}")
        if rng is None:
            raise ValueError(f"train: minibatches (batch_size={batch_size}) need "
                             "rng=np.random.default_rng(seed) to draw them")
    if rng is not None:  # also when unused: rng=42 or a RandomState is a mistake worth naming
        validate.generator("train", rng)
    if not callable(loss_fn):
        raise TypeError(f"train: loss_fn must be a function like losses.softmax_cross_entropy, "
                        f"got {type(loss_fn).__name__}")
    if callback is not None and not callable(callback):
        raise TypeError(f"train: callback must be callable, got {type(callback).__name__}")
    optimizer = SGD(lr, momentum)
    history = History()

    def log(step, train_loss=None, train_acc=None):
        """Record the model as it is after `step` updates; False if the callback says stop."""
        if train_loss is None:
            train_loss, train_acc = _evaluate(model, X, y, loss_fn, reg)
        if not math.isfinite(train_loss):
            raise Diverged(step, train_loss, lr, history)
        val = _evaluate(model, X_val, y_val, loss_fn, reg) if X_val is not None else (None, None)
        history.record(step, train_loss, train_acc, *val)
        return callback is None or callback(step, model, history) is not False

    # A diverging run overflows to inf; we stop with Diverged instead of printing warnings.
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(steps):
            if batch_size is None:
                X_batch, y_batch = X, y
            else:
                rows = rng.choice(len(X), size=batch_size, replace=False)
                X_batch, y_batch = X[rows], y[rows]
            loss, scores = loss_and_grads(model, X_batch, y_batch, loss_fn=loss_fn, reg=reg)
            if not math.isfinite(loss):
                raise Diverged(step, loss, lr, history)
            if step % eval_every == 0:
                if batch_size is None:  # this step's forward pass already scored all of X
                    go_on = log(step, loss, float(np.mean(model.labels_from_scores(scores) == y)))
                else:
                    go_on = log(step)
                if not go_on:
                    return history
            optimizer.step(model)
        log(steps)
    return history


def accuracy(model, X, y):
    """Fraction of rows of X (N, D) whose predicted label equals y (N,)."""
    _check_data("accuracy", X, y)
    return float(np.mean(model.predict(X) == y))


def dead_units(model, X):
    """For each ReLU layer, a bool array (H,) marking units whose output is 0 on every row of X."""
    validate.finite("dead_units", "X", validate.matrix("dead_units", "X", X))
    dead = []
    for layer in model.layers:
        X = layer.forward(X)
        if isinstance(layer, layers.Activation) and layer.name == "relu":
            dead.append(np.all(X == 0, axis=0))
    return dead


def dead_fraction(model, X):
    """Fraction of ReLU units (all ReLU layers together) that are 0 on every row of X (N, D).

    0.0 when the model has no ReLU layers.
    """
    dead = dead_units(model, X)
    total = sum(d.size for d in dead)
    return float(sum(d.sum() for d in dead) / total) if total else 0.0


def gradient_norms(model):
    """{name: L2 norm of that parameter's gradient} from the last backward pass."""
    return {name: float(np.linalg.norm(layer.grads[key]))
            for name, layer, key in model.param_items()}
