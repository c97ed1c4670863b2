"""A training experiment runs nnkit's trainer under a fixed recipe and keeps the numbers it watched.

The experiments of chapter 5 (``ch-training``): the spiral network watched while it learns
(gradient norms, dead ReLUs, decision regions), minibatch SGD against full-batch gradient
descent over several seeds and batch sizes, what a gradient check reports for deliberate bugs,
and the overfitting sanity check. Everything trains through
``nnkit.train.train``; the data come from a ``data_seed``, the weights from an ``init_seed``
and minibatches from a ``batch_seed``, so every run is reproducible. Results are frozen
dataclasses; ``nnbook.figures.training`` draws them. Shapes: N examples, D = 2 inputs,
H hidden units, C = 3 classes, T recorded steps, R grid resolution (R x R points).
"""

import dataclasses

import numpy as np

from nnkit import datasets, gradcheck, layers, losses, model, train, validate

# The chapter's recipe for the 3-arm spiral, the setting of the CS231n case study: 100 points
# per class, full-batch gradient descent with learning rate 1 and L2 strength 1e-3.
POINTS_PER_CLASS = 100
NUM_CLASSES = 3
HIDDEN = 100
LR = 1.0
REG = 1e-3
LINEAR_STEPS = 200
NET_STEPS = 2000
SNAPSHOT_STEPS = (0, 5, 10, 20, 40, 80, 150, 300, 600, 1000, 2000)


def _seed(where, name, value):
    return validate.whole_number(where, name, value, minimum=0)


def _steps(where, name, values):
    """A tuple of whole numbers >= 0 (recorded steps), in increasing order."""
    if not isinstance(values, (list, tuple)):
        raise TypeError(f"{where}: {name} must be a tuple of steps, got {type(values).__name__}")
    values = tuple(validate.whole_number(where, f"{name}[{i}]", v, minimum=0)
                   for i, v in enumerate(values))
    if list(values) != sorted(set(values)):
        raise ValueError(f"{where}: {name} must be increasing, got {values}")
    return values


def spiral_data(*, data_seed):
    """The training spiral and a held-out spiral: two independent draws of 3 x 100 points.

    Both come from ``np.random.default_rng(data_seed)``, training set first.
    Returns (X (300, 2), y (300,), X_val (300, 2), y_val (300,)).
    """
    rng = np.random.default_rng(_seed("spiral_data", "data_seed", data_seed))
    X, y = datasets.spiral(POINTS_PER_CLASS, NUM_CLASSES, rng=rng)
    X_val, y_val = datasets.spiral(POINTS_PER_CLASS, NUM_CLASSES, rng=rng)
    return X, y, X_val, y_val


def spiral_extent(X, X_val):
    """The square box (xmin, xmax, ymin, ymax) the chapter draws the spiral in: 8% margin."""
    X = validate.finite("spiral_extent", "X", validate.matrix("spiral_extent", "X", X, 2))
    X_val = validate.finite("spiral_extent", "X_val",
                            validate.matrix("spiral_extent", "X_val", X_val, 2))
    half = 1.08 * float(np.abs(np.concatenate([X, X_val])).max())
    return (-half, half, -half, half)


# --- watching a run -------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Watched:
    """What a ``Watch`` recorded: at each of T steps, every parameter's gradient norm and the
    fraction of dead ReLUs; at the snapshot steps, the decision grid (R, R)."""

    steps: np.ndarray  # (T,)
    grad_norms: dict  # {"layer1.W": (T,), ...}
    dead: np.ndarray  # (T,)
    snapshots: dict  # {step: (R, R) int}
    extent: tuple | None


class Watch:
    """A ``train.train`` callback that records what a practitioner watches while a net trains.

    At every call (every ``eval_every`` steps of train.train, after that step's backward pass)
    it stores ``train.gradient_norms(model)`` and ``train.dead_fraction(model, X)`` for X (N, D),
    and at ``snapshot_steps`` the model's decision grid (R, R) over ``extent``.
    ``result()`` returns them as a ``Watched``. It never stops training.
    """

    def __init__(self, X, *, extent=None, resolution=100, snapshot_steps=()):
        self.X = validate.finite("Watch", "X", validate.matrix("Watch", "X", X))
        self.snapshot_steps = _steps("Watch", "snapshot_steps", snapshot_steps)
        self.resolution = validate.whole_number("Watch", "resolution", resolution, minimum=2)
        if self.snapshot_steps and extent is None:
            raise ValueError("Watch: snapshot_steps need an extent (xmin, xmax, ymin, ymax)")
        self.extent = None
        self._grid = None
        if extent is not None:
            self.extent = x0, x1, y0, y1 = validate.extent("Watch", extent)
            xx, yy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
            self._grid = np.column_stack([xx.ravel(), yy.ravel()])
        self._steps, self._dead, self._norms, self._snapshots = [], [], {}, {}

    def __call__(self, step, net, history):
        self._steps.append(step)
        for name, value in train.gradient_norms(net).items():
            self._norms.setdefault(name, []).append(value)
        self._dead.append(train.dead_fraction(net, self.X))
        if step in self.snapshot_steps:
            labels = net.predict(self._grid)
            self._snapshots[step] = labels.reshape(self.resolution, self.resolution)
        return True

    def result(self):
        """The recorded numbers as a frozen ``Watched``."""
        return Watched(steps=np.array(self._steps), dead=np.array(self._dead),
                       grad_norms={k: np.array(v) for k, v in self._norms.items()},
                       snapshots=dict(self._snapshots), extent=self.extent)


# --- the spiral ------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class SpiralResult:
    """The linear softmax classifier and the 2 -> H ReLU -> 3 network trained on the spiral."""

    linear: model.MLP
    net: model.MLP
    linear_history: train.History
    net_history: train.History
    watched: Watched
    data: tuple  # (X, y, X_val, y_val)

    @property
    def linear_train_acc(self):
        return self.linear_history.train_acc[-1]

    @property
    def linear_val_acc(self):
        return self.linear_history.val_acc[-1]

    @property
    def net_train_acc(self):
        return self.net_history.train_acc[-1]

    @property
    def net_val_acc(self):
        return self.net_history.val_acc[-1]


def spiral_experiment(*, data_seed=0, init_seed=1, net_steps=NET_STEPS,
                      snapshot_steps=SNAPSHOT_STEPS, resolution=100):
    """Chapter 5's spiral run: the recipe's linear classifier and network, the network watched.

    The linear model MLP([2, 3]) trains LINEAR_STEPS steps, the network MLP([2, HIDDEN, 3])
    net_steps steps, both full batch with LR and REG, each from
    ``np.random.default_rng(init_seed)``; the history records every 10 (linear) and 5 steps
    (network), and a ``Watch`` records the network at every one of those steps.
    """
    where = "spiral_experiment"
    data_seed = _seed(where, "data_seed", data_seed)
    init_seed = _seed(where, "init_seed", init_seed)
    net_steps = validate.whole_number(where, "net_steps", net_steps)
    resolution = validate.whole_number(where, "resolution", resolution, minimum=2)
    snapshot_steps = _steps(where, "snapshot_steps", snapshot_steps)
    if any(s % 5 or s > net_steps for s in snapshot_steps):
        raise ValueError(f"{where}: snapshot_steps must be recorded steps (multiples of 5 up to "
                         f"net_steps = {net_steps}), got {snapshot_steps}")
    X, y, X_val, y_val = spiral_data(data_seed=data_seed)
    linear = model.MLP([2, NUM_CLASSES], rng=np.random.default_rng(init_seed))
    linear_history = train.train(linear, X, y, lr=LR, steps=LINEAR_STEPS, reg=REG,
                                 X_val=X_val, y_val=y_val, eval_every=10)
    net = model.MLP([2, HIDDEN, NUM_CLASSES], rng=np.random.default_rng(init_seed))
    watch = Watch(X, extent=spiral_extent(X, X_val), resolution=resolution,
                  snapshot_steps=snapshot_steps)
    net_history = train.train(net, X, y, lr=LR, steps=net_steps, reg=REG, X_val=X_val,
                              y_val=y_val, eval_every=5, callback=watch)
    return SpiralResult(linear=linear, net=net, linear_history=linear_history,
                        net_history=net_history, watched=watch.result(),
                        data=(X, y, X_val, y_val))


# --- minibatch SGD against full-batch gradient descent ---------------------------------------


def rise_fraction(losses_):
    """Fraction of consecutive recorded values (T,) where the loss went up: 0 for a steady fall."""
    values = validate.real_array("rise_fraction", "losses", losses_)
    if values.ndim != 1 or len(values) < 2:
        raise ValueError(f"rise_fraction: losses must be a 1-D sequence of at least 2 values, "
                         f"got shape {values.shape}")
    return float(np.mean(np.diff(values) > 0))


def late_spread(losses_, *, last=0.25):
    """Standard deviation of the last fraction ``last`` of recorded losses (T,): the jitter left
    once the curve has flattened."""
    values = validate.real_array("late_spread", "losses", losses_)
    last = validate.number("late_spread", "last", last, low=0, high=1, low_open=True)
    if values.ndim != 1 or round(last * len(values)) < 2:
        raise ValueError(f"late_spread: losses must be 1-D with at least 2 values in the last "
                         f"{last:g} of them, got shape {values.shape}")
    return float(np.std(values[-round(last * len(values)):]))


@dataclasses.dataclass(frozen=True)
class BatchSweep:
    """Training objective (on all N training points) of the spiral network per batch size and seed.

    losses[i, s] is the (T,) curve for batch_sizes[i] (None: full batch) and seeds[s], recorded
    at steps (T,); seed s set the initial weights and, for minibatches, the batch draws.
    """

    batch_sizes: tuple
    seeds: tuple
    steps: np.ndarray  # (T,)
    losses: np.ndarray  # (len(batch_sizes), len(seeds), T)
    train_acc: np.ndarray  # (len(batch_sizes), len(seeds)) at the last step

    def rises(self):
        """(len(batch_sizes), len(seeds)) fractions of recorded intervals where the loss rose."""
        return np.array([[rise_fraction(c) for c in row] for row in self.losses])

    def spreads(self, *, last=0.25):
        """(len(batch_sizes), len(seeds)) jitter of the loss over the last part of training."""
        return np.array([[late_spread(c, last=last) for c in row] for row in self.losses])


def batch_sweep(*, batch_sizes=(30, 10), seeds=(1, 2, 3), data_seed=0, steps=1000,
                eval_every=20, lr=LR):
    """Train the spiral network with each batch size and seed; record the full training objective.

    batch_sizes: whole numbers up to N, or None for full-batch gradient descent. For seed s the
    weights come from ``default_rng(s)`` and the minibatches from ``default_rng(1000 + s)``.
    """
    where = "batch_sweep"
    if not isinstance(batch_sizes, (list, tuple)) or not batch_sizes:
        raise TypeError(f"{where}: batch_sizes must be a non-empty tuple, got {batch_sizes!r}")
    if not isinstance(seeds, (list, tuple)) or not seeds:
        raise TypeError(f"{where}: seeds must be a non-empty tuple, got {seeds!r}")
    seeds = tuple(_seed(where, f"seeds[{i}]", s) for i, s in enumerate(seeds))
    X, y, _, _ = spiral_data(data_seed=_seed(where, "data_seed", data_seed))
    batch_sizes = tuple(None if b is None else validate.whole_number(
        where, f"batch_sizes[{i}]", b, maximum=len(X)) for i, b in enumerate(batch_sizes))
    steps = validate.whole_number(where, "steps", steps)
    eval_every = validate.whole_number(where, "eval_every", eval_every)
    lr = validate.number(where, "lr", lr, low=0, low_open=True)
    curves, accs = [], []
    for batch_size in batch_sizes:
        nets = [model.MLP([2, HIDDEN, NUM_CLASSES], rng=np.random.default_rng(s)) for s in seeds]
        if batch_size is None:  # no batch draws: the seeds' networks train together, as a stack
            histories = train.train(model.MLP.stack(nets), X, y, lr=lr, steps=steps, reg=REG,
                                    eval_every=eval_every).unstack()
        else:
            histories = [train.train(net, X, y, lr=lr, steps=steps, reg=REG,
                                     batch_size=batch_size, rng=np.random.default_rng(1000 + s),
                                     eval_every=eval_every) for net, s in zip(nets, seeds)]
        curves.append([h.train_loss for h in histories])
        accs.append([h.train_acc[-1] for h in histories])
        recorded = histories[0].step
    return BatchSweep(batch_sizes=batch_sizes, seeds=seeds, steps=np.array(recorded),
                      losses=np.array(curves), train_acc=np.array(accs))


# --- gradient checks --------------------------------------------------------------------------


class BuggyLinear(layers.Linear):
    """A Linear layer with a deliberate bug in backward, to see what a gradient check reports.

    bug "mean": dW is divided by N once more (the loss already averaged over the batch);
    bug "bias": db sums dout over the wrong axis and is forced into shape (H,), so every entry
    is the same number.
    """

    def __init__(self, in_features, out_features, *, rng, bug="mean"):
        super().__init__(in_features, out_features, rng=rng)
        self.bug = validate.choice("BuggyLinear", "bug", bug, ("mean", "bias"))

    def backward(self, dout, *, input_grad=True):
        dX = super().backward(dout, input_grad=input_grad)
        if self.bug == "mean":
            self.grads["W"] = self.grads["W"] / dout.shape[0]
        else:
            self.grads["b"] = np.full(self.out_features, dout.sum(axis=1).mean())
        return dX


def _check_points(where, num_points, rng):
    num_points = validate.whole_number(where, "num_points", num_points)
    validate.generator(where, rng)
    return rng.standard_normal((num_points, 2)), rng.integers(0, NUM_CLASSES, num_points)


def _with_bug(net, bug, rng):
    """net with its first Linear layer replaced by a BuggyLinear holding the same parameters."""
    buggy = BuggyLinear(2, net.sizes[1], rng=rng, bug=bug)
    buggy.params = net.layers[0].params
    net.layers[0] = buggy
    return net


def gradient_checks(*, rng, num_points=8, hidden=10, reg=0.01):
    """Relative errors of analytic against numerical gradients, correct and with two bugs.

    Checks a Linear and a ReLU layer alone (gradcheck.check_layer), then a 2 -> hidden ReLU ->
    3 network with L2 strength reg under softmax cross-entropy and under the multiclass hinge
    loss (gradcheck.check_model), then that network with each BuggyLinear bug as its first
    layer. All data and weights come from rng. Returns {case: {parameter: relative error}}.
    """
    where = "gradient_checks"
    X, y = _check_points(where, num_points, rng)
    hidden = validate.whole_number(where, "hidden", hidden)
    reg = validate.number(where, "reg", reg, low=0)
    results = {
        "linear layer": gradcheck.check_layer(layers.Linear(2, hidden, rng=rng), X, rng=rng),
        # Inputs kept away from 0, where relu has a kink and the numerical gradient is unreliable.
        "relu layer": gradcheck.check_layer(layers.ReLU(), np.sign(X) * (0.1 + np.abs(X)),
                                            rng=rng),
    }
    init_seed = int(rng.integers(2**32))
    for name, loss_fn in (("softmax net", losses.softmax_cross_entropy),
                          ("hinge net", losses.multiclass_hinge)):
        net = model.MLP([2, hidden, NUM_CLASSES], rng=np.random.default_rng(init_seed))
        results[name] = gradcheck.check_model(net, X, y, loss_fn=loss_fn, reg=reg)
    for bug in ("mean", "bias"):
        net = model.MLP([2, hidden, NUM_CLASSES], rng=np.random.default_rng(init_seed))
        results[f"bug: {bug}"] = gradcheck.check_model(
            _with_bug(net, bug, rng), X, y, loss_fn=losses.softmax_cross_entropy, reg=reg)
    return results


@dataclasses.dataclass(frozen=True)
class BugSizes:
    """How large a gradient check's relative error is for two bugs, as the batch or reg varies.

    mean_bug[i]: the error on layer1.W of the divided-by-N-again bug with batch_sizes[i]
    examples (no L2). missing_l2[j, k]: the error on layer1.W when the backward pass leaves out
    the L2 gradient reg * W, for regs[j] and the k-th of ``draws`` random networks and batches.
    """

    batch_sizes: tuple
    mean_bug: np.ndarray  # (len(batch_sizes),)
    regs: tuple
    missing_l2: np.ndarray  # (len(regs), draws)


def _missing_l2_error(net, X, y, reg):
    """rel_error on layer1.W of a backward pass without the L2 gradient, at L2 strength reg."""
    W = net.layers[0].params["W"]

    def objective():
        penalty = sum(np.sum(layer.params["W"] ** 2) for layer in net.linear_layers())
        return losses.softmax_cross_entropy(net.forward(X), y)[0] + 0.5 * reg * penalty

    numerical = gradcheck.numerical_gradient(objective, W)
    net.backward(losses.softmax_cross_entropy(net.forward(X), y)[1])  # no reg * W: the bug
    return gradcheck.rel_error(net.layers[0].grads["W"], numerical)


def bug_sizes(*, rng, batch_sizes=(2, 4, 8, 32), regs=(1e-3, 1e-2, 1e-1), draws=10, hidden=10,
              num_points=8):
    """Relative errors of two gradient bugs: dW divided by N again, for each batch size N, and
    the L2 gradient left out, for each reg and ``draws`` networks of num_points examples."""
    where = "bug_sizes"
    validate.generator(where, rng)
    if not isinstance(batch_sizes, (list, tuple)) or not batch_sizes:
        raise TypeError(f"{where}: batch_sizes must be a non-empty tuple, got {batch_sizes!r}")
    if not isinstance(regs, (list, tuple)) or not regs:
        raise TypeError(f"{where}: regs must be a non-empty tuple, got {regs!r}")
    batch_sizes = tuple(validate.whole_number(where, f"batch_sizes[{i}]", n)
                        for i, n in enumerate(batch_sizes))
    regs = tuple(validate.number(where, f"regs[{i}]", r, low=0, low_open=True)
                 for i, r in enumerate(regs))
    draws = validate.whole_number(where, "draws", draws)
    hidden = validate.whole_number(where, "hidden", hidden)
    num_points = validate.whole_number(where, "num_points", num_points)
    mean_bug = []
    for n in batch_sizes:
        X, y = _check_points(where, n, rng)
        net = _with_bug(model.MLP([2, hidden, NUM_CLASSES], rng=rng), "mean", rng)
        errors = gradcheck.check_model(net, X, y, loss_fn=losses.softmax_cross_entropy)
        mean_bug.append(errors["layer1.W"])
    missing = np.zeros((len(regs), draws))
    for k in range(draws):
        X, y = _check_points(where, num_points, rng)
        net = model.MLP([2, hidden, NUM_CLASSES], rng=rng)
        for j, reg in enumerate(regs):
            missing[j, k] = _missing_l2_error(net, X, y, reg)
    return BugSizes(batch_sizes=batch_sizes, mean_bug=np.array(mean_bug), regs=regs,
                    missing_l2=missing)


# --- the sanity check -------------------------------------------------------------------------


def tiny_rows(X, *, num_points, rng):
    """num_points row indices of X (N, 2), sorted, never one of the arms' shared start points.

    Every arm of the spiral starts at the origin, so points within 0.05 of it are left out:
    identical points with different labels cannot all be fitted.
    """
    X = validate.finite("tiny_rows", "X", validate.matrix("tiny_rows", "X", X, 2))
    num_points = validate.whole_number("tiny_rows", "num_points", num_points)
    validate.generator("tiny_rows", rng)
    usable = np.flatnonzero(np.linalg.norm(X, axis=1) > 0.05)
    if num_points > len(usable):
        raise ValueError(f"tiny_rows: num_points must be at most {len(usable)} (the points away "
                         f"from the origin), got {num_points}")
    return np.sort(rng.choice(usable, size=num_points, replace=False))


@dataclasses.dataclass(frozen=True)
class TinyResult:
    """The network fitted to a tiny subset X (n, 2), y (n,) of the spiral."""

    X: np.ndarray
    y: np.ndarray
    net: model.MLP
    history: train.History

    @property
    def first_perfect_step(self):
        """The first recorded step with 100% training accuracy, or None."""
        return next((s for s, a in zip(self.history.step, self.history.train_acc) if a == 1.0),
                    None)

    @property
    def train_acc(self):
        return self.history.train_acc[-1]

    @property
    def train_loss(self):
        return self.history.train_loss[-1]


def overfit_tiny(*, data_seed=0, init_seed=2, num_points=15, hidden=50, lr=1.0, steps=1000):
    """The sanity check: a 2 -> hidden ReLU -> 3 net fits num_points spiral points perfectly.

    The rows come from ``tiny_rows`` with ``default_rng(init_seed)``, which then also draws
    the weights; no L2, full batch, recorded every 5 steps.
    """
    where = "overfit_tiny"
    rng = np.random.default_rng(_seed(where, "init_seed", init_seed))
    hidden = validate.whole_number(where, "hidden", hidden)
    lr = validate.number(where, "lr", lr, low=0, low_open=True)
    steps = validate.whole_number(where, "steps", steps)
    num_points = validate.whole_number(where, "num_points", num_points)
    X, y, _, _ = spiral_data(data_seed=_seed(where, "data_seed", data_seed))
    rows = tiny_rows(X, num_points=num_points, rng=rng)
    net = model.MLP([2, hidden, NUM_CLASSES], rng=rng)
    history = train.train(net, X[rows], y[rows], lr=lr, steps=steps, eval_every=5)
    return TinyResult(X=X[rows], y=y[rows], net=net, history=history)
