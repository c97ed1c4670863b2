"""Capacity is the variety of functions a network can fit; these seeded experiments measure how it grows with hidden size and how L2 regularization reins it in.

Chapter 7 (ch-capacity) and the claim ledger run them:

* ``capacity_sweep``: one hidden layer of 3, 6 and 20 ReLU units on a two-class set with a
  few outliers; training and held-out accuracy and how fragmented the decision regions are;
* ``regularization_sweep``: 20 hidden units with L2 strength reg = 0.001, 0.01, 0.1;
* ``seed_spread``: many random initialisations of a small and a large network, and the spread
  of their final training losses;
* ``evaluate_settings``: one quick run for a hidden size and reg (the exercise checker uses it).

Boundary complexity is measured on the R x R grid of predicted classes: ``boundary_fraction``
(share of neighbouring grid cells that disagree) and ``count_regions`` (number of connected
regions of one class).  ``train_many`` trains K networks of the same shape at once (their
weights stacked into (K, ...) arrays), with exactly nnkit's objective and SGD update, so that
dozens of seeds cost little more than one.
Shapes: K networks, N examples, D = 2 inputs, H hidden units, C = 2 classes, R grid size.
"""

import contextlib
import dataclasses
from collections.abc import Sequence

import numpy as np

from nnkit import datasets, model, plotting, train

try:  # threadpoolctl comes with the book; nnkit itself needs only numpy
    from threadpoolctl import threadpool_limits
except ImportError:  # pragma: no cover
    threadpool_limits = None

# The data of the chapter: few training points (so a big network can memorise them) and many
# held-out points (so held-out accuracy is measured precisely).
NUM_POINTS = 300
NUM_OUTLIERS = 18
HELD_OUT = 0.8  # 60 training points, 240 held out
LR = 0.3
MOMENTUM = 0.9
STEPS = 6000
RESOLUTION = 120
DATA_SEED = 3
INIT_SEED = 103


@dataclasses.dataclass(frozen=True)
class Data:
    """A training and a held-out part of one draw: X_* (N, 2) floats, y_* (N,) ints in {0, 1}."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """The square box around the training points (as ``plotting.decision_regions_grid`` draws them)."""
        return plotting.square_extent(self.X_train)


def outlier_data(*, rng: np.random.Generator, num_points: int = NUM_POINTS,
                 num_outliers: int = NUM_OUTLIERS, held_out: float = HELD_OUT) -> Data:
    """``datasets.outliers`` split into a small training part and a large held-out part."""
    X, y = datasets.outliers(n=num_points, num_outliers=num_outliers, rng=rng)
    return Data(*datasets.split(X, y, held_out=held_out, rng=rng))


# --- many networks at once ----------------------------------------------------------------


def _stack(nets: Sequence[model.MLP]) -> list[np.ndarray]:
    """[W1 (K, D, H), b1 (K, H), W2 (K, H, C), b2 (K, C)] copied from K one-hidden-layer MLPs."""
    return [np.stack([net.linear_layers()[l].params[key] for net in nets])
            for l in (0, 1) for key in ("W", "b")]


def train_many(X: np.ndarray, y: np.ndarray, *, hidden_size: int, seeds: Sequence[int],
               lr: float = LR, steps: int = STEPS, reg: float | Sequence[float] = 0.0,
               momentum: float = MOMENTUM) -> tuple[list[model.MLP], np.ndarray]:
    """Train K = len(seeds) networks 2 -> hidden_size relu -> C on X (N, D), y (N,), full batch.

    Network k starts from ``model.MLP([D, hidden_size, C], rng=np.random.default_rng(seeds[k]))``
    and takes ``steps`` SGD steps on softmax cross-entropy plus 0.5 * reg * sum(W**2), exactly
    as ``train.train(..., momentum=momentum)`` would (reg: one strength for all, or K of them); the K networks are updated together as
    stacked arrays.  Returns (the K trained MLPs, their final objectives (K,)).
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    N, D = X.shape
    regs = np.broadcast_to(np.asarray(reg, dtype=float), (len(seeds),))
    C = int(y.max()) + 1
    nets = [model.MLP([D, hidden_size, C], rng=np.random.default_rng(int(s))) for s in seeds]
    params = _stack(nets)
    onehot = np.eye(C)[y]  # (N, C)
    with _one_blas_thread():
        final = _descend(params, X, onehot, regs, lr=lr, steps=steps, momentum=momentum)
    for k, net in enumerate(nets):
        for (l, key), p in zip([(0, "W"), (0, "b"), (1, "W"), (1, "b")], params):
            net.linear_layers()[l].params[key] = p[k].copy()
    return nets, final


def _one_blas_thread():
    """One BLAS thread: for these small matrices, more threads on a shared machine only wait."""
    if threadpool_limits is None:  # pragma: no cover
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def _descend(params, X, onehot, regs, *, lr, steps, momentum):
    """``steps`` SGD(momentum) steps on stacked params (updated in place); final objective (K,)."""
    velocity = [np.zeros_like(p) for p in params]
    for _ in range(int(steps)):
        loss, grads = _objective_and_grads(params, X, onehot, regs)
        for p, v, g in zip(params, velocity, grads):
            if momentum == 0:
                p -= lr * g
            else:
                v *= momentum
                v -= lr * g
                p += v
    return _objective_and_grads(params, X, onehot, regs)[0]


def _objective_and_grads(params, X, onehot, regs):
    """Objective (K,) and gradients of K stacked networks on the same X (N, D), onehot (N, C).

    regs (K,): the L2 strength of each network.
    """
    W1, b1, W2, b2 = params
    reg = regs[:, None, None]
    N = X.shape[0]
    z = np.matmul(X, W1) + b1[:, None, :]  # (K, N, H)
    h = np.maximum(z, 0.0)
    scores = np.matmul(h, W2) + b2[:, None, :]  # (K, N, C)
    scores = scores - scores.max(axis=2, keepdims=True)  # softmax is shift-invariant; no overflow
    exp = np.exp(scores)
    probs = exp / exp.sum(axis=2, keepdims=True)
    data_loss = -np.mean(np.log(np.maximum(np.sum(probs * onehot, axis=2), 1e-300)), axis=1)
    penalty = 0.5 * regs * (np.sum(W1 ** 2, axis=(1, 2)) + np.sum(W2 ** 2, axis=(1, 2)))
    dscores = (probs - onehot) / N  # (K, N, C)
    dW2 = np.matmul(h.transpose(0, 2, 1), dscores) + reg * W2
    db2 = dscores.sum(axis=1)
    dz = np.matmul(dscores, W2.transpose(0, 2, 1)) * (z > 0)
    dW1 = np.matmul(X.T, dz) + reg * W1
    db1 = dz.sum(axis=1)
    return data_loss + penalty, [dW1, db1, dW2, db2]


# --- how complex is a decision region? ----------------------------------------------------


def boundary_fraction(grid: np.ndarray) -> float:
    """Share of horizontally or vertically neighbouring cell pairs of grid (R, R) whose classes differ.

    A straight boundary across an R x R grid gives about 1 / R; every extra island or
    wiggle adds to it.
    """
    grid = np.asarray(grid)
    differ = np.count_nonzero(grid[:, 1:] != grid[:, :-1]) + np.count_nonzero(grid[1:, :] != grid[:-1, :])
    pairs = grid[:, 1:].size + grid[1:, :].size
    return float(differ / pairs)


def count_regions(grid: np.ndarray) -> int:
    """Number of connected regions (4-neighbour) of equal class in grid (R, R)."""
    grid = np.asarray(grid)
    R0, R1 = grid.shape
    parent = np.arange(grid.size)

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    flat = grid.ravel()
    index = np.arange(grid.size).reshape(R0, R1)
    # Union every pair of equal neighbours; only cells next to a boundary need the slow loop.
    pairs = np.concatenate([
        np.column_stack([index[:, :-1].ravel(), index[:, 1:].ravel()]),
        np.column_stack([index[:-1, :].ravel(), index[1:, :].ravel()])])
    pairs = pairs[flat[pairs[:, 0]] == flat[pairs[:, 1]]]
    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return int(sum(1 for i in range(grid.size) if find(i) == i))


# --- the two classic figures: hidden size, then L2 strength -------------------------------


@dataclasses.dataclass(frozen=True)
class Sweep:
    """One trained network per (hidden_size, reg) setting, all on the same data and seed.

    train_acc, val_acc, boundary (``boundary_fraction``), regions (``count_regions``) are
    tuples aligned with ``settings``; grids[i] (R, R) is network i's predicted class over
    ``data.extent``; models[i] is the trained ``model.MLP``.
    """

    settings: tuple[tuple[int, float], ...]
    train_acc: tuple[float, ...]
    val_acc: tuple[float, ...]
    boundary: tuple[float, ...]
    regions: tuple[int, ...]
    objective: tuple[float, ...]
    data: Data = dataclasses.field(repr=False, compare=False)
    models: tuple = dataclasses.field(repr=False, compare=False)
    grids: tuple = dataclasses.field(repr=False, compare=False)

    def index(self, hidden_size: int, reg: float = 0.0) -> int:
        """Position of the (hidden_size, reg) setting."""
        return self.settings.index((hidden_size, reg))

    def row(self, hidden_size: int, reg: float = 0.0) -> dict:
        """The numbers of one setting: train_acc, val_acc, boundary, regions, objective."""
        i = self.index(hidden_size, reg)
        return {"train_acc": self.train_acc[i], "val_acc": self.val_acc[i], "boundary": self.boundary[i],
                "regions": self.regions[i], "objective": self.objective[i]}


def sweep(settings: Sequence[tuple[int, float]], *, data: Data, init_seed: int = INIT_SEED,
          lr: float = LR, steps: int = STEPS, momentum: float = MOMENTUM,
          resolution: int = RESOLUTION) -> Sweep:
    """Train one network per (hidden_size, reg) on data.X_train, all from seed init_seed.

    Networks of equal hidden size start from the same weights (so only reg differs) and are
    trained together by ``train_many``.
    """
    settings = tuple((int(h), float(r)) for h, r in settings)
    trained = {}
    for h in dict.fromkeys(h for h, _ in settings):
        regs = [r for hh, r in settings if hh == h]
        nets, final = train_many(data.X_train, data.y_train, hidden_size=h, seeds=[init_seed] * len(regs),
                                 lr=lr, steps=steps, reg=regs, momentum=momentum)
        trained.update({(h, r): (net, float(f)) for r, net, f in zip(regs, nets, final)})
    models = tuple(trained[s][0] for s in settings)
    grids = tuple(plotting.decision_grid(m, extent=data.extent, resolution=resolution) for m in models)
    return Sweep(settings=settings,
                 train_acc=tuple(train.accuracy(m, data.X_train, data.y_train) for m in models),
                 val_acc=tuple(train.accuracy(m, data.X_val, data.y_val) for m in models),
                 boundary=tuple(boundary_fraction(g) for g in grids),
                 regions=tuple(count_regions(g) for g in grids),
                 objective=tuple(trained[s][1] for s in settings),
                 data=data, models=models, grids=grids)


CAPACITY_SIZES = (3, 6, 20)
REGS = (0.001, 0.01, 0.1)


def capacity_and_regularization(*, data_seed: int = DATA_SEED, init_seed: int = INIT_SEED,
                                hidden_sizes: Sequence[int] = CAPACITY_SIZES, regs: Sequence[float] = REGS,
                                reg_hidden_size: int = 20, steps: int = STEPS,
                                resolution: int = RESOLUTION) -> tuple[Sweep, Sweep]:
    """Both classic figures on one draw of ``outlier_data`` (rng seeded with data_seed).

    Returns (capacity: hidden_sizes with reg 0, regularization: reg_hidden_size units with each
    reg).  The unregularised network of reg_hidden_size units is trained once and reused.
    """
    data = outlier_data(rng=np.random.default_rng(data_seed))
    cap_settings = [(h, 0.0) for h in hidden_sizes]
    reg_settings = [(reg_hidden_size, float(r)) for r in regs]
    both = sweep(cap_settings + [s for s in reg_settings if s not in cap_settings], data=data,
                 init_seed=init_seed, steps=steps, resolution=resolution)
    return _select(both, cap_settings), _select(both, reg_settings)


def _select(result: Sweep, settings) -> Sweep:
    rows = [result.settings.index(s) for s in settings]
    pick = lambda values: tuple(values[i] for i in rows)  # noqa: E731
    return dataclasses.replace(result, settings=tuple(settings), train_acc=pick(result.train_acc),
                               val_acc=pick(result.val_acc), boundary=pick(result.boundary),
                               regions=pick(result.regions), objective=pick(result.objective),
                               models=pick(result.models), grids=pick(result.grids))


# --- small networks are harder to train -------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Spread:
    """Final training objectives of many seeds per hidden size: losses[h] (S,) for h in hidden_sizes."""

    hidden_sizes: tuple[int, ...]
    seeds: tuple[int, ...]
    reg: float
    steps: int
    losses: dict

    def std(self, hidden_size: int) -> float:
        """Standard deviation of the final objectives over the seeds."""
        return float(np.std(self.losses[hidden_size]))

    def range(self, hidden_size: int) -> float:
        """Largest minus smallest final objective over the seeds."""
        return float(np.ptp(self.losses[hidden_size]))

    def distinct(self, hidden_size: int, *, tol: float = 2e-3) -> int:
        """How many distinct final values (values closer than tol count as one)."""
        values = np.sort(self.losses[hidden_size])
        return int(1 + np.count_nonzero(np.diff(values) > tol))


SPREAD_SIZES = (3, 20)
SPREAD_SEEDS = tuple(range(1000, 1040))


def seed_spread(*, data_seed: int = DATA_SEED, seeds: Sequence[int] = SPREAD_SEEDS,
                hidden_sizes: Sequence[int] = SPREAD_SIZES, reg: float = 0.01, steps: int = 1000,
                lr: float = LR) -> Spread:
    """Train one network per seed and hidden size on the chapter's training set; keep final objectives.

    With a little L2 (reg) every size has the same objective to minimise, so the spread of
    final values over seeds shows how much the outcome depends on the initial weights.
    """
    data = outlier_data(rng=np.random.default_rng(data_seed))
    losses = {}
    for h in hidden_sizes:
        _, final = train_many(data.X_train, data.y_train, hidden_size=h, seeds=seeds, lr=lr,
                              steps=steps, reg=reg)
        losses[int(h)] = final
    return Spread(hidden_sizes=tuple(int(h) for h in hidden_sizes), seeds=tuple(int(s) for s in seeds),
                  reg=float(reg), steps=int(steps), losses=losses)


def draw_spread(result: Spread, *, ax=None, rng: np.random.Generator):
    """Strip plot: one dot per seed's final objective, one column per hidden size.  Returns the Axes.

    rng jitters the dots sideways so that equal values stay visible.
    """
    import matplotlib.pyplot as plt

    ax = ax if ax is not None else plt.subplots(figsize=(5.0, 3.4), layout="constrained")[1]
    for i, h in enumerate(result.hidden_sizes):
        values = result.losses[h]
        x = i + rng.uniform(-0.18, 0.18, len(values))
        ax.scatter(x, values, s=22, color=plotting.class_color(i), marker=plotting.class_marker(i),
                   edgecolors="black", linewidths=0.4, zorder=3)
        ax.hlines([values.min(), values.max()], i - 0.3, i + 0.3, color="0.4", linewidth=1.0, zorder=2)
    ax.set_xticks(range(len(result.hidden_sizes)),
                  [f"{h} hidden units" for h in result.hidden_sizes])
    ax.set_xlim(-0.6, len(result.hidden_sizes) - 0.4)
    ax.set_ylabel("final training objective")
    ax.set_xlabel(f"{len(result.seeds)} random initialisations each")
    return ax


def draw_complexity(*sweeps: tuple[Sweep, str], axes=None):
    """Held-out accuracy and boundary fraction of each sweep's settings, as two bar panels.

    sweeps: (result, label format) pairs, e.g. (capacity, "{h} units").  Returns the (2,) Axes.
    """
    import matplotlib.pyplot as plt

    labels, val, boundary, train_acc = [], [], [], []
    for result, fmt in sweeps:
        for (h, r), tr, va, b in zip(result.settings, result.train_acc, result.val_acc, result.boundary):
            labels.append(fmt.format(h=h, reg=f"{r:g}"))
            val.append(va)
            train_acc.append(tr)
            boundary.append(b)
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(9.0, 3.2), layout="constrained")
    x = np.arange(len(labels))
    axes[0].bar(x - 0.2, train_acc, width=0.4, color=plotting.TRAIN_COLOR, label="train")
    axes[0].bar(x + 0.2, val, width=0.4, color=plotting.VAL_COLOR, label="held out")
    axes[0].set_ylim(0.5, 1.0)
    axes[0].set_ylabel("accuracy")
    axes[0].legend(frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2)
    axes[1].bar(x, 100 * np.asarray(boundary), width=0.6, color="0.45")
    axes[1].set_ylabel("neighbour pairs that differ (%)")
    for ax in axes:
        ax.set_xticks(x, labels, rotation=30, ha="right")
    return axes


def draw_creases(net: model.MLP, X: np.ndarray, y: np.ndarray, *, ax=None, title: str = "",
                 resolution: int = RESOLUTION):
    """Decision regions of a one-hidden-layer ReLU net with each hidden unit's crease drawn on top.

    Unit j is zero on one side of the line X @ W1[:, j] + b1[j] = 0 and linear on the other,
    so the scores are linear inside every cell the H lines cut the plane into.  X (N, 2),
    y (N,) are the points drawn.  Returns the Axes.
    """
    ax = plotting.decision_regions(net, X, y, ax=ax, resolution=resolution, legend=False)
    W, b = net.linear_layers()[0].params["W"], net.linear_layers()[0].params["b"]
    x0, x1, y0, y1 = plotting.square_extent(X)
    t = np.linspace(-1.0, 1.0, 2) * 4 * max(x1 - x0, y1 - y0)
    for j in range(W.shape[1]):
        w = W[:, j]
        norm = float(np.hypot(*w))
        if norm < 1e-12:
            continue
        foot = -b[j] * w / norm ** 2  # the point of the line closest to the origin
        along = np.array([-w[1], w[0]]) / norm
        ax.plot(foot[0] + t * along[0], foot[1] + t * along[1], color="0.25", linewidth=0.8,
                linestyle="--", zorder=2)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    if title:
        ax.set_title(title)
    return ax


# --- one quick run for the exercise checker ------------------------------------------------


TEST_SEED = 2026
TEST_POINTS = 1000


def evaluate_settings(hidden_size: int, reg: float, *, data_seed: int = DATA_SEED,
                      init_seed: int = INIT_SEED, steps: int = 3000, test_seed: int | None = TEST_SEED) -> dict:
    """Train one network 2 -> hidden_size relu -> 2 with L2 strength reg; its accuracies.

    Returns {"train_acc", "val_acc"} on the chapter's data draw and, unless test_seed is None,
    "test_acc" on a fresh draw of TEST_POINTS points from the same distribution (the same
    share of outliers) that no tuning has seen.  Takes a second or less.
    """
    data = outlier_data(rng=np.random.default_rng(data_seed))
    (net,), _ = train_many(data.X_train, data.y_train, hidden_size=int(hidden_size), seeds=[init_seed],
                           reg=float(reg), steps=steps)
    result = {"train_acc": train.accuracy(net, data.X_train, data.y_train),
              "val_acc": train.accuracy(net, data.X_val, data.y_val)}
    if test_seed is not None:
        X, y = datasets.outliers(n=TEST_POINTS, num_outliers=round(TEST_POINTS * NUM_OUTLIERS / NUM_POINTS),
                                 rng=np.random.default_rng(test_seed))
        result["test_acc"] = train.accuracy(net, X, y)
    return result
