"""Training adjusts a model's parameters step by step to lower its loss on the data.

``step`` is one update: forward pass (training mode), loss plus L2, backward pass, descent step.
``train`` repeats it and returns a ``History``. The objective is the mean data loss plus
0.5 * reg * sum(W**2) over the weight matrices ("W"), never the biases. A stack of K networks
(model.MLP.stack) trains exactly as K separate runs would; its History holds (K,) arrays.
"""

import numbers
from dataclasses import dataclass, field

import numpy as np

from nnkit import layers, losses, validate

# Training stops with Diverged when the objective is NaN or inf, or exceeds this many times its
# value at step 0 (or this many times 1, when it started below 1): a run whose loss grew a
# thousandfold is not going to come back, even if numpy can still represent its loss.
DIVERGENCE_FACTOR = 1e3


class Diverged(FloatingPointError):
    """The objective became NaN or inf or grew past DIVERGENCE_FACTOR times its start.

    ``history`` holds everything recorded before; ``step`` and ``loss`` say when and what.
    """

    def __init__(self, step, loss, lr, history):
        validate.whole_number("Diverged", "step", step, minimum=0)
        validate.number("Diverged", "lr", lr)
        super().__init__(f"training diverged at step {step} (loss={loss}); "
                         f"try a smaller learning rate (lr={lr:g})")
        self.step, self.loss, self.lr, self.history = step, loss, lr, history


def _entry(name, value):
    """A recorded value: a number, or a (K,) array (one per network of a stack)."""
    if type(value) is float or isinstance(value, np.ndarray) and value.ndim == 1 or (
            isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))):
        return value
    raise TypeError(f"History.record: {name} must be a number (or a (K,) array for a stack), "
                    f"got {type(value).__name__}")


@dataclass
class History:
    """Losses and accuracies at the recorded steps; ``step[i]`` counts the updates done so far.

    train_loss is the objective (mean data loss + L2) on the whole training set, train_acc the
    fraction classified correctly; val_loss and val_acc are the same on the held-out set.
    """

    step: list = field(default_factory=list, init=False)
    train_loss: list = field(default_factory=list, init=False)
    train_acc: list = field(default_factory=list, init=False)
    val_loss: list = field(default_factory=list, init=False)
    val_acc: list = field(default_factory=list, init=False)

    def record(self, step, train_loss, train_acc, val_loss=None, val_acc=None):
        """Append one row; val_loss and val_acc are left out when there is no held-out data."""
        self.step.append(validate.whole_number("History.record", "step", step, minimum=0))
        self.train_loss.append(_entry("train_loss", train_loss))
        self.train_acc.append(_entry("train_acc", train_acc))
        if (val_loss is None) != (val_acc is None):
            raise ValueError("History.record: val_loss and val_acc must be given together")
        if val_loss is not None:
            self.val_loss.append(_entry("val_loss", val_loss))
            self.val_acc.append(_entry("val_acc", val_acc))

    def final(self):
        """The last recorded values as a dict (val_* only when held-out data was given)."""
        names = ["step", "train_loss", "train_acc"]
        if self.val_loss:
            names += ["val_loss", "val_acc"]
        return {name: getattr(self, name)[-1] for name in names if getattr(self, name)}

    def unstack(self):
        """K Histories of numbers from the History of a stack of K networks, whose rows are (K,)."""
        if not self.train_loss or np.ndim(self.train_loss[0]) != 1:
            raise ValueError("History.unstack: this history has no (K,) rows; "
                             "only the history of a stacked model can be unstacked")
        histories = [History() for _ in self.train_loss[0]]
        for k, history in enumerate(histories):
            for name in ("step", "train_loss", "train_acc", "val_loss", "val_acc"):
                setattr(history, name, [row if name == "step" else float(row[k])
                                        for row in getattr(self, name)])
        return histories

    def __len__(self):
        return len(self.step)


def _check_model(where, model):
    return validate.has_attributes(where, "model", model, ("forward", "backward", "layers"),
                                   "a model such as model.MLP")


class SGD:
    """The update rule p -= lr * grad, or with momentum v = mu*v - lr*grad; p += v.

    Named SGD as in other libraries; it is full-batch gradient descent when every step's
    gradient uses all the training points, and SGD proper on random minibatches.
    """

    def __init__(self, lr, momentum=0.0):
        self.lr = validate.number("SGD", "lr", lr, low=0, low_open=True)
        self.momentum = validate.number("SGD", "momentum", momentum, low=0, high=1, high_open=True)
        self.velocity = {}  # {(layer, key): array shaped like the parameter}, from the first step

    def step(self, model):
        """Update every parameter of model in place from the gradients of the last backward()."""
        for layer in _check_model("SGD.step", model).layers:
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


def loss_and_grads(model, X, y, *, loss_fn=losses.softmax_cross_entropy, reg=0.0):
    """Forward (training mode), loss and backward for X (N, D), y (N,), plus L2 on every W.

    Returns (loss, scores (N, C)); the gradients are left in each layer's grads.
    For a stack of K networks, scores are (K, N, C) and loss is the sum of the K objectives.
    """
    _check_model("loss_and_grads", model)
    validate.callable_("loss_and_grads", "loss_fn", loss_fn)
    return _loss_and_grads(model, X, y, loss_fn, reg)


def _loss_and_grads(model, X, y, loss_fn, reg):
    """loss_and_grads without its argument checks, for train's loop, which checked them once."""
    scores = model.forward(X, train=True)
    loss, dscores = loss_fn(scores, y)
    model.backward(dscores, input_grad=False)  # the data X is not learned: skip its gradient
    for layer in model.layers:
        if "W" in layer.params:  # only weight matrices are regularised, never biases
            penalty, dW = losses.l2_penalty(layer.params["W"], reg)
            loss += penalty
            layer.grads["W"] += dW
    return loss, scores


def step(model, X, y, *, optimizer, loss_fn=losses.softmax_cross_entropy, reg=0.0):
    """One training step on a batch X (N, D), y (N,); returns (loss, scores) before the update.

    Forward in training mode, loss plus L2 on every weight matrix, backward without the
    gradient of X, then optimizer.step(model) (an SGD) updates every parameter in place.
    """
    if not isinstance(optimizer, SGD):
        raise TypeError(f"step: optimizer must be a train.SGD, got {type(optimizer).__name__}")
    loss, scores = loss_and_grads(model, X, y, loss_fn=loss_fn, reg=reg)
    optimizer.step(model)
    return loss, scores


def _objective_and_accuracy(model, scores, y, loss_fn, reg):
    """(objective, accuracy) from scores (N, C); (K,) arrays of both for a stack (K, N, C)."""
    stack = scores.ndim == 3  # each network of a stack: its own data loss and L2 term
    loss = np.array([loss_fn(s, y)[0] for s in scores]) if stack else loss_fn(scores, y)[0]
    for W in (layer.params["W"] for layer in model.layers if "W" in layer.params):
        # in the same order as loss_and_grads, so both give the same float
        loss += (0.5 * reg * (W.reshape(len(W), -1) ** 2).sum(axis=1) if stack
                 else losses.l2_penalty(W, reg)[0])
    correct = np.count_nonzero(model.labels_from_scores(scores) == y, axis=-1) / len(y)
    return loss, (correct if stack else float(correct))


def _evaluate(model, X, y, loss_fn, reg):
    """(objective, accuracy) of model on X (N, D), y (N,), in evaluation mode."""
    return _objective_and_accuracy(model, model.forward(X), y, loss_fn, reg)


def _check_data(where, X, y, x_name="X", y_name="y", cols=None):
    validate.finite(where, x_name, validate.matrix(where, x_name, X, cols))
    validate.labels(where, y, X.shape[0], name=y_name)


def _check_arguments(model, X, y, loss_fn, lr, steps, reg, batch_size, momentum, rng,
                     X_val, y_val, eval_every, callback):
    """train's argument checks; returns (steps, reg, batch_size, eval_every) as numbers."""
    _check_model("train", model)
    _check_data("train", X, y)
    if (X_val is None) != (y_val is None):
        raise ValueError("train: X_val and y_val must be given together (or neither)")
    if X_val is not None:
        _check_data("train", X_val, y_val, "X_val", "y_val", cols=X.shape[1])
    validate.number("train", "lr", lr, low=0, low_open=True)
    validate.number("train", "momentum", momentum, low=0, high=1, high_open=True)
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
    validate.callable_("train", "loss_fn", loss_fn, "a function like losses.softmax_cross_entropy")
    if callback is not None:
        validate.callable_("train", "callback", callback, "callable(step, model, history)")
    return steps, reg, batch_size, eval_every


def train(model, X, y, *, loss_fn=losses.softmax_cross_entropy, lr, steps, reg=0.0,
          batch_size=None, momentum=0.0, rng=None, X_val=None, y_val=None, eval_every=1,
          callback=None):
    """Train model on X (N, D), y (N,) by gradient descent for some steps; return a History.

    batch_size None uses all N rows every step; otherwise each step draws batch_size rows
    with rng. Every eval_every steps (and after the last) the history records the objective
    and accuracy on the whole training set (and on X_val, y_val if given), then calls
    callback(step, model, history); a callback returning False stops training. The callback
    runs after the step's backward pass and before its update: model, gradients and history
    all describe the model after `step` updates. Raises Diverged (see DIVERGENCE_FACTOR).
    """
    steps, reg, batch_size, eval_every = _check_arguments(
        model, X, y, loss_fn, lr, steps, reg, batch_size, momentum, rng, X_val, y_val,
        eval_every, callback)
    optimizer, history = SGD(lr, momentum), History()
    limits = step_limit = np.inf  # DIVERGENCE_FACTOR times the objective at step 0, at least 1
    # When a step sees all of X and no layer is noisy in training, its forward pass scored X.
    reuse = batch_size is None and not any(getattr(layer, "noisy", False) for layer in model.layers)
    X = X.copy()
    X.flags.writeable = False  # so the first layer can cache it as it is, step after step

    def record(t, loss=None, scores=None):
        """Record the model after t updates; False if the callback says stop."""
        nonlocal limits, step_limit
        if scores is None:
            loss, acc = _evaluate(model, X, y, loss_fn, reg)
        elif scores.ndim == 3:  # the step's loss is the sum over the stack: split it up
            loss, acc = _objective_and_accuracy(model, scores, y, loss_fn, reg)
        else:
            acc = np.count_nonzero(model.labels_from_scores(scores) == y) / len(y)
        if not (np.all(loss < limits) if isinstance(loss, np.ndarray) else loss < limits):
            raise Diverged(t, loss, lr, history)  # also when loss is NaN or inf
        if not history.step:
            limits = DIVERGENCE_FACTOR * np.maximum(loss, 1.0)
            step_limit = float(np.sum(limits))  # a stack's K objectives are summed in a step
        val = _evaluate(model, X_val, y_val, loss_fn, reg) if X_val is not None else (None, None)
        history.record(t, loss, acc, *val)
        return callback is None or callback(t, model, history) is not False

    # A diverging run overflows to inf; Diverged says so instead of a page of warnings.
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(steps):
            X_batch, y_batch = X, y
            if batch_size is not None:
                rows = rng.choice(len(X), size=batch_size, replace=False)
                X_batch, y_batch = X[rows], y[rows]
            loss, scores = _loss_and_grads(model, X_batch, y_batch, loss_fn, reg)
            if not loss < step_limit:
                if scores.ndim == 3:  # a stack: report each network's objective, not the sum
                    loss = _objective_and_accuracy(model, scores, y_batch, loss_fn, reg)[0]
                raise Diverged(t, loss, lr, history)
            if t % eval_every == 0 and not (record(t, loss, scores) if reuse else record(t)):
                return history
            optimizer.step(model)  # train.step's update, after the record
        record(steps)
    return history


def accuracy(model, X, y):
    """Fraction of rows of X (N, D) whose predicted label equals y (N,); (K,) for a stack."""
    _check_model("accuracy", model)
    _check_data("accuracy", X, y)
    correct = np.mean(model.predict(X) == y, axis=-1)
    return correct if correct.ndim else float(correct)


def dead_units(model, X):
    """For each ReLU layer, a bool array (H,) marking units whose output is 0 on every row of X.

    Any model with a list of layers works: X (N, D) runs through them in evaluation mode.
    A stack of K networks gives (K, H) arrays.
    """
    _check_model("dead_units", model)
    validate.finite("dead_units", "X", validate.matrix("dead_units", "X", X))
    dead = []
    for layer in model.layers:
        X = layer.forward(X)
        if isinstance(layer, layers.Activation) and layer.name == "relu":
            dead.append(np.all(X == 0, axis=-2))
    return dead


def dead_fraction(model, X):
    """Fraction of ReLU units (all ReLU layers together) that are 0 on every row of X (N, D).

    0.0 when the model has no ReLU layers; a (K,) array for a stack of K networks.
    """
    dead = dead_units(model, X)
    if not dead:
        return 0.0
    fraction = sum(d.sum(axis=-1) for d in dead) / sum(d.shape[-1] for d in dead)
    return fraction if np.ndim(fraction) else float(fraction)


def gradient_norms(model):
    """{name: L2 norm of that parameter's gradient} from the last backward pass.

    For a stack of K networks, each value is a (K,) array: every network's own norm.
    """
    _check_model("gradient_norms", model)
    K = getattr(model, "stack_size", None)
    return {name: float(np.linalg.norm(layer.grads[key])) if K is None
            else np.sqrt(np.sum(layer.grads[key].reshape(K, -1) ** 2, axis=1))
            for name, layer, key in model.param_items()}
