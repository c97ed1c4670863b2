"""A rectifier passes positive inputs through unchanged and squashes or drops the negative ones.

The experiments of chapter 3's second page (ReLU and its relatives): how many full-batch
gradient descent steps ReLU and tanh networks need to reach a training-accuracy target, how
many ReLU units die as the learning rate grows, where PReLU's learned slopes end up, and
how often a maxout piece stops learning. Every network trains on the 300-point spiral
(datasets.spiral) through nnkit's trainer; several seeds train at once as one stacked model
(model.MLP.stack). Each function returns a frozen dataclass of numbers (drawing lives in
nnbook.figures.activations). Shapes: N examples, H hidden units, R learning rates, S seeds.
"""

from __future__ import annotations

import contextlib
import dataclasses

import numpy as np

from nnkit import activations, datasets, layers, model, train, validate
from nnbook.experiments import _args

try:  # threadpoolctl is installed with the book; nnkit itself needs only numpy
    from threadpoolctl import threadpool_limits
except ImportError:  # pragma: no cover
    threadpool_limits = None


def _one_blas_thread():
    """One BLAS thread inside the block: for these small matrices more threads on a shared
    machine are many times slower, never faster (a no-op without threadpoolctl)."""
    if threadpool_limits is None:  # pragma: no cover
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def _spiral(where, data_seed):
    """The book's running example, X (300, 2) and y (300,), drawn with data_seed."""
    seed = validate.whole_number(where, "data_seed", data_seed, minimum=0)
    return datasets.spiral(rng=np.random.default_rng(seed))


# --- learning-rate sweeps: steps to a target, dead units -----------------------------------


@dataclasses.dataclass(frozen=True)
class LearningRateSweep:
    """Full-batch gradient descent runs of one network shape at several learning rates.

    The network is MLP([2, *hidden_sizes, 3], activation, init=init) seeded with
    init_seeds[s], trained for steps steps at lrs[r]. reached (R, S): the step at which the
    training accuracy first reached target (NaN if it did not); acc (R, S): the final
    training accuracy; dead (R, S): the final share of hidden ReLUs that output 0 on every
    training point (0 for other activations); diverged (R, S): the run blew up (acc and dead
    are NaN then). nets (R,): the trained network of the first seed (None if it diverged).
    The data is datasets.spiral drawn with data_seed.
    """

    activation: str
    hidden_sizes: tuple
    init: object
    lrs: tuple
    init_seeds: tuple
    data_seed: int
    steps: int
    target: float
    reached: np.ndarray
    acc: np.ndarray
    dead: np.ndarray
    diverged: np.ndarray
    nets: tuple

    def median_steps(self) -> np.ndarray:
        """(R,) median over seeds of the steps to the target; a run that missed counts as inf."""
        return np.median(np.where(np.isnan(self.reached), np.inf, self.reached), axis=1)

    def best_lr(self) -> float:
        """The learning rate with the fewest median steps (the smaller one on a tie)."""
        return self.lrs[int(np.argmin(self.median_steps()))]

    def best_median(self) -> float:
        """The median steps to the target at the best learning rate."""
        return float(self.median_steps().min())

    def mean_dead(self) -> np.ndarray:
        """(R,) mean over seeds of the final dead share (NaN where every run diverged)."""
        dead = np.where(self.diverged, np.nan, self.dead)
        with np.errstate(invalid="ignore"):
            return np.array([np.nan if np.isnan(row).all() else np.nanmean(row) for row in dead])

    def first_lr_killing(self, share: float) -> float | None:
        """The smallest learning rate whose mean dead share exceeds share (None if none does)."""
        share = validate.number("LearningRateSweep.first_lr_killing", "share", share, 0, 1)
        return next((lr for lr, d in zip(self.lrs, self.mean_dead()) if d > share), None)


def _train_stack(nets, X, y, *, lr, steps, target):
    """Train nets (one shape) together; (reached, acc, dead, diverged, first net or None).

    A stack stops as a whole when one of its networks blows up, so then each network is
    trained again on its own, which tells the diverging ones from the others.
    """
    stack = model.MLP.stack(nets)
    reached = np.full(len(nets), np.nan)

    def watch(step, net, history):
        newly = np.isnan(reached) & (np.asarray(history.train_acc[-1]) >= target)
        reached[newly] = step

    try:
        history = train.train(stack, X, y, lr=lr, steps=steps, callback=watch)
    except train.Diverged:
        if len(nets) == 1:
            nan = np.full(1, np.nan)
            return nan, nan, nan, np.ones(1, dtype=bool), None
        parts = [_train_stack([net], X, y, lr=lr, steps=steps, target=target) for net in nets]
        return (*(np.concatenate([p[i] for p in parts]) for i in range(4)), parts[0][4])
    acc = np.asarray(history.train_acc[-1], dtype=float)
    dead = np.broadcast_to(train.dead_fraction(stack, X), acc.shape)  # 0.0 without ReLUs
    return reached, acc, dead, np.zeros(len(nets), dtype=bool), stack.unstack()[0]


def lr_sweep(*, activation: str = "relu", hidden_sizes=(50,), lrs=(0.5, 1.0, 2.0, 3.0, 4.0, 6.0),
             init_seeds=(0, 1, 2, 3, 4), steps: int = 200, target: float = 0.95,
             init="he", data_seed: int = 0) -> LearningRateSweep:
    """Train MLP([2, *hidden_sizes, 3]) on the spiral at every learning rate and seed.

    Each learning rate trains the S seeds' networks as one stack through train.train (full
    batch, no L2), recording the training accuracy after every step.
    """
    where = "lr_sweep"
    validate.choice(where, "activation", activation, activations.NAMES)
    hidden_sizes = _args.whole_numbers(where, "hidden_sizes", hidden_sizes, minimum=1)
    lrs = _args.numbers(where, "lrs", lrs)
    init_seeds = _args.whole_numbers(where, "init_seeds", init_seeds)
    steps = validate.whole_number(where, "steps", steps)
    target = validate.number(where, "target", target, 0, 1, low_open=True)
    init = _args.init_scheme(where, "init", init)
    data_seed = validate.whole_number(where, "data_seed", data_seed, minimum=0)
    X, y = _spiral(where, data_seed)
    shape = (len(lrs), len(init_seeds))
    reached, acc, dead = np.full(shape, np.nan), np.full(shape, np.nan), np.full(shape, np.nan)
    diverged, nets = np.zeros(shape, dtype=bool), []
    with _one_blas_thread():
        for r, lr in enumerate(lrs):
            fresh = [model.MLP([2, *hidden_sizes, 3], activation=activation,
                               rng=np.random.default_rng(seed), init=init) for seed in init_seeds]
            reached[r], acc[r], dead[r], diverged[r], first = _train_stack(
                fresh, X, y, lr=lr, steps=steps, target=target)
            nets.append(first)
    return LearningRateSweep(activation, hidden_sizes, init, lrs, init_seeds, data_seed, steps,
                             target,
                             reached, acc, dead, diverged, tuple(nets))


# --- PReLU: learned slopes -----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class PReLUSlopes:
    """A 2-H-3 PReLU network after training, next to the same network with ReLU units.

    alphas (H,): each hidden unit's learned negative-side slope, all started at init_alpha;
    prelu_acc, relu_acc: final training accuracies of the PReLU and the ReLU network (same
    init_seed, so the same initial weights, and the same learning rate and steps).
    """

    hidden: int
    lr: float
    steps: int
    init_alpha: float
    alphas: np.ndarray
    prelu_acc: float
    relu_acc: float


def prelu_slopes(*, hidden: int = 50, lr: float = 1.0, steps: int = 500, init_seed: int = 0,
                 data_seed: int = 0) -> PReLUSlopes:
    """Train MLP([2, hidden, 3]) with PReLU and with ReLU units on the spiral, full batch."""
    where = "prelu_slopes"
    hidden = validate.whole_number(where, "hidden", hidden)
    lr = validate.number(where, "lr", lr, low=0, low_open=True)
    steps = validate.whole_number(where, "steps", steps)
    init_seed = validate.whole_number(where, "init_seed", init_seed, minimum=0)
    X, y = _spiral(where, data_seed)
    acc = {}
    with _one_blas_thread():
        for activation in ("prelu", "relu"):
            net = model.MLP([2, hidden, 3], activation=activation,
                            rng=np.random.default_rng(init_seed))
            if activation == "prelu":
                prelu = next(layer for layer in net.layers if isinstance(layer, layers.PReLU))
                init_alpha = float(prelu.params["alpha"][0])
            history = train.train(net, X, y, lr=lr, steps=steps, eval_every=steps)
            acc[activation] = float(history.train_acc[-1])
    return PReLUSlopes(hidden, lr, steps, init_alpha, prelu.params["alpha"].copy(),
                       acc["prelu"], acc["relu"])


# --- maxout: pieces that never win ---------------------------------------------------------


def idle_pieces(maxout: layers.Maxout, X) -> np.ndarray:
    """(pieces, H) bool: which piece of which unit wins on no row of X (N, D).

    Maxout.backward sends the gradient only to the winning piece, so an idle piece gets no
    gradient from this data: it has stopped learning.
    """
    validate.has_attributes("idle_pieces", "maxout", maxout, ("params", "pieces"),
                            "a layers.Maxout")
    validate.finite("idle_pieces", "X", validate.matrix("idle_pieces", "X", X,
                                                        maxout.in_features))
    Z = X @ maxout.params["W"] + maxout.params["b"][:, None, :]  # (pieces, N, H)
    winner = Z.argmax(axis=0)  # (N, H), as Maxout.forward chooses
    return np.stack([~(winner == k).any(axis=0) for k in range(maxout.pieces)])


@dataclasses.dataclass(frozen=True)
class MaxoutPieces:
    """Maxout networks (two pieces per unit) after training, per learning rate and seed.

    idle (R, S): share of the hidden units that have a piece winning on no training point;
    acc (R, S): final training accuracy (NaN where the run diverged). idle_at_init (S,): the
    same share before training.
    """

    hidden: int
    lrs: tuple
    init_seeds: tuple
    steps: int
    idle_at_init: np.ndarray
    idle: np.ndarray
    acc: np.ndarray


def maxout_pieces(*, hidden: int = 50, lrs=(1.0, 3.0), init_seeds=(0, 1, 2), steps: int = 200,
                  data_seed: int = 0) -> MaxoutPieces:
    """Train MLP([2, hidden, 3], "maxout") on the spiral; count units with an idle piece."""
    where = "maxout_pieces"
    hidden = validate.whole_number(where, "hidden", hidden)
    lrs = _args.numbers(where, "lrs", lrs)
    init_seeds = _args.whole_numbers(where, "init_seeds", init_seeds)
    steps = validate.whole_number(where, "steps", steps)
    X, y = _spiral(where, data_seed)
    idle = np.full((len(lrs), len(init_seeds)), np.nan)
    acc = np.full_like(idle, np.nan)
    at_init = np.zeros(len(init_seeds))
    with _one_blas_thread():
        for s, seed in enumerate(init_seeds):
            for r, lr in enumerate(lrs):
                net = model.MLP([2, hidden, 3], activation="maxout",
                                rng=np.random.default_rng(seed))
                if r == 0:
                    at_init[s] = idle_pieces(net.layers[0], X).any(axis=0).mean()
                try:
                    history = train.train(net, X, y, lr=lr, steps=steps, eval_every=steps)
                except train.Diverged:
                    continue
                idle[r, s] = idle_pieces(net.layers[0], X).any(axis=0).mean()
                acc[r, s] = history.train_acc[-1]
    return MaxoutPieces(hidden, lrs, init_seeds, steps, at_init, idle, acc)


# --- one network per activation, same budget -----------------------------------------------

COMPARED = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "silu", "prelu", "maxout")


@dataclasses.dataclass(frozen=True)
class ActivationComparison:
    """One MLP([2, hidden, 3]) per activation name, trained alike on the same split spiral.

    Every network starts from init_seed (He initialisation, the MLP default) and takes steps
    full-batch gradient descent steps at learning rate lr on X_train (N, 2), y_train (N,);
    train_acc[name] and val_acc[name] are its final accuracies on the training and the
    held-out points X_val, y_val; nets[name] is the trained network.
    """

    names: tuple
    hidden: int
    lr: float
    steps: int
    X_train: np.ndarray
    y_train: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    train_acc: dict
    val_acc: dict
    nets: dict


def activation_comparison(*, names=COMPARED, hidden: int = 50, lr: float = 1.0, steps: int = 300,
                          held_out: float = 0.3, init_seed: int = 0,
                          data_seed: int = 0) -> ActivationComparison:
    """Train one network per name in model.ACTIVATIONS on the spiral, split by datasets.split."""
    where = "activation_comparison"
    if isinstance(names, str) or not isinstance(names, (tuple, list)) or not names:
        raise TypeError(f"{where}: names must be a non-empty tuple of names from "
                        f"model.ACTIVATIONS, got {names!r}")
    names = tuple(validate.choice(where, f"names[{i}]", n, model.ACTIVATIONS)
                  for i, n in enumerate(names))
    hidden = validate.whole_number(where, "hidden", hidden)
    lr = validate.number(where, "lr", lr, low=0, low_open=True)
    steps = validate.whole_number(where, "steps", steps)
    init_seed = validate.whole_number(where, "init_seed", init_seed, minimum=0)
    X, y = _spiral(where, data_seed)
    X_train, y_train, X_val, y_val = datasets.split(
        X, y, held_out=validate.number(where, "held_out", held_out, 0, 1, low_open=True,
                                       high_open=True),
        rng=np.random.default_rng(data_seed))
    train_acc, val_acc, nets = {}, {}, {}
    with _one_blas_thread():
        for name in names:
            net = model.MLP([2, hidden, 3], activation=name,
                            rng=np.random.default_rng(init_seed))
            history = train.train(net, X_train, y_train, lr=lr, steps=steps, X_val=X_val,
                                  y_val=y_val, eval_every=steps)
            train_acc[name], val_acc[name] = history.train_acc[-1], history.val_acc[-1]
            nets[name] = net
    return ActivationComparison(names, hidden, lr, steps, X_train, y_train, X_val, y_val,
                                train_acc, val_acc, nets)
