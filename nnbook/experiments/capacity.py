"""Capacity is the variety of functions a network can fit; these seeded experiments measure how
it grows with the hidden size and how regularization reins it in.

Chapter 7 (ch-capacity), its exercises and the claim ledger run them; nnbook.figures.capacity
draws their results.  Every network trains through nnkit's trainer (``train.train``); several
initial seeds of one shape train at once as one ``model.MLP.stack``, one stack per L2 strength.

* ``outlier_data``: the chapter's two-class set with a few outliers, 60 training points and 240
  held out;
* ``sweep`` and ``capacity_and_regularization``: one hidden layer of 3, 6 and 20 ReLU units,
  then 20 units with L2 strength reg = 0.001, 0.01, 0.1 (the two classic figures);
* ``regularizer_comparison``: the 20-unit network with no regularizer, L2, dropout or input
  noise, over several data draws (held-out accuracy with its spread);
* ``seed_spread``: many initial seeds of a small and a large network, the spread of their final
  objectives and how small the gradient is where they stop;
* ``evaluate_settings``: one quick run for a hidden size and reg (exercise 7.6's checker).

How fragmented a decision region is gets measured on the R x R grid of predicted classes:
``boundary_fraction`` (share of neighbouring grid cells that disagree) and ``count_regions``
(connected regions of one class).
Shapes: K networks, N examples, D = 2 inputs, H hidden units, C = 2 classes, R grid size.
"""

import dataclasses
from collections.abc import Callable, Sequence

import numpy as np

from nnkit import datasets, model, plotting, train, validate

# The data of the chapter: few training points (so a big network can memorise them) and many
# held-out points (so held-out accuracy is measured precisely).
NUM_POINTS = 300
NUM_OUTLIERS = 18
HELD_OUT = 0.8  # 60 training points, 240 held out
LR = 0.3
MOMENTUM = 0.9
STEPS = 1500
RESOLUTION = 120
DATA_SEED = 3
INIT_SEED = 103
CAPACITY_SIZES = (3, 6, 20)
REGS = (0.001, 0.01, 0.1)


def _seeds(where, name, seeds, minimum=0):
    """seeds as a non-empty tuple of whole numbers >= minimum."""
    if isinstance(seeds, (str, bytes)) or not isinstance(seeds, (Sequence, range)) or not seeds:
        raise TypeError(f"{where}: {name} must be a non-empty list of whole numbers, "
                        f"got {seeds!r}")
    return tuple(validate.whole_number(where, f"{name}[{i}]", s, minimum=minimum)
                 for i, s in enumerate(seeds))


def _training(where, lr, steps, momentum):
    """Checked (lr, steps, momentum) of full-batch gradient descent."""
    return (validate.number(where, "lr", lr, low=0, low_open=True),
            validate.whole_number(where, "steps", steps),
            validate.number(where, "momentum", momentum, low=0, high=1, high_open=True))


@dataclasses.dataclass(frozen=True)
class Data:
    """A training and a held-out part of one draw: X_* (N, 2) floats, y_* (N,) ints in {0, 1}."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """The square box around the training points, as the chapter's region plots draw it."""
        return plotting.square_extent(self.X_train)


def outlier_data(*, rng: np.random.Generator, num_points: int = NUM_POINTS,
                 num_outliers: int = NUM_OUTLIERS, held_out: float = HELD_OUT) -> Data:
    """``datasets.outliers`` split into a small training part and a large held-out part."""
    where = "outlier_data"
    validate.generator(where, rng)
    num_points = validate.whole_number(where, "num_points", num_points, minimum=2)
    num_outliers = validate.whole_number(where, "num_outliers", num_outliers, minimum=0,
                                         maximum=num_points - 2)
    held_out = validate.number(where, "held_out", held_out, low=0, high=1, low_open=True,
                               high_open=True)
    X, y = datasets.outliers(n=num_points, num_outliers=num_outliers, rng=rng)
    return Data(*datasets.split(X, y, held_out=held_out, rng=rng))


def _data(where, data):
    if not isinstance(data, Data):
        raise TypeError(f"{where}: data must be a capacity.Data (from outlier_data), "
                        f"got {type(data).__name__}")
    return data


def train_seeds(data: Data, *, hidden_size: int, init_seeds: Sequence[int], reg: float = 0.0,
                lr: float = LR, steps: int = STEPS, momentum: float = MOMENTUM,
                eval_every: int | None = None):
    """Train K = len(init_seeds) networks 2 -> hidden_size relu -> 2 on data's training part.

    Network k starts as ``model.MLP([2, hidden_size, 2], rng=rng_k)`` with
    rng_k = np.random.default_rng(init_seeds[k]); all K train together as one
    ``model.MLP.stack`` with ``train.train`` (full batch, SGD with momentum, L2 strength reg),
    exactly as K separate runs would.  Returns (the K trained MLPs, the stack's
    ``train.History``, recorded every eval_every steps (default: at the start and the end),
    whose rows hold the K networks' objectives and accuracies).
    """
    where = "train_seeds"
    data = _data(where, data)
    hidden_size = validate.whole_number(where, "hidden_size", hidden_size)
    seeds = _seeds(where, "init_seeds", init_seeds)
    reg = validate.number(where, "reg", reg, low=0)
    lr, steps, momentum = _training(where, lr, steps, momentum)
    eval_every = steps if eval_every is None else validate.whole_number(where, "eval_every",
                                                                        eval_every)
    nets = [model.MLP([2, hidden_size, 2], rng=np.random.default_rng(s)) for s in seeds]
    stack = model.MLP.stack(nets)
    history = train.train(stack, data.X_train, data.y_train, lr=lr, steps=steps, reg=reg,
                          momentum=momentum, eval_every=eval_every)
    return stack.unstack(), history


# --- how complex is a decision region? ----------------------------------------------------


def _grid(where, grid):
    grid = validate.real_array(where, "grid", grid)
    if grid.ndim != 2 or min(grid.shape) < 2 or grid.dtype.kind not in "iu":
        raise ValueError(f"{where}: grid must be a 2-D array (R, R) of integer class labels with "
                         f"R >= 2, got {grid.dtype} of shape {grid.shape}")
    return grid


def boundary_fraction(grid: np.ndarray) -> float:
    """Share of horizontally or vertically neighbouring cells of grid (R, R) whose classes differ.

    A straight boundary across an R x R grid gives about 1 / R; every extra island or
    wiggle adds to it.
    """
    grid = _grid("boundary_fraction", grid)
    differ = (np.count_nonzero(grid[:, 1:] != grid[:, :-1])
              + np.count_nonzero(grid[1:, :] != grid[:-1, :]))
    pairs = grid[:, 1:].size + grid[1:, :].size
    return float(differ / pairs)


def count_regions(grid: np.ndarray) -> int:
    """Number of connected regions (4-neighbour) of equal class in grid (R, R)."""
    grid = _grid("count_regions", grid)
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

    train_acc, val_acc, boundary (``boundary_fraction``), regions (``count_regions``) and
    objective (the final training objective) are tuples aligned with ``settings``; grids[i]
    (R, R) is network i's predicted class over ``data.extent``; models[i] the trained MLP.
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
        key = (hidden_size, reg)
        if key not in self.settings:
            raise ValueError(f"Sweep.index: no setting (hidden_size, reg) = {key!r}; "
                             f"the settings are {self.settings}")
        return self.settings.index(key)

    def row(self, hidden_size: int, reg: float = 0.0) -> dict:
        """The numbers of one setting: train_acc, val_acc, boundary, regions, objective."""
        i = self.index(hidden_size, reg)
        return {"train_acc": self.train_acc[i], "val_acc": self.val_acc[i],
                "boundary": self.boundary[i], "regions": self.regions[i],
                "objective": self.objective[i]}


def _settings(where, settings):
    if isinstance(settings, (str, bytes)) or not isinstance(settings, Sequence) or not settings:
        raise TypeError(f"{where}: settings must be a non-empty list of (hidden_size, reg) "
                        f"pairs, got {settings!r}")
    out = []
    for i, pair in enumerate(settings):
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise TypeError(f"{where}: settings[{i}] must be a (hidden_size, reg) pair, "
                            f"got {pair!r}")
        out.append((validate.whole_number(where, f"settings[{i}][0]", pair[0]),
                    validate.number(where, f"settings[{i}][1]", pair[1], low=0)))
    return tuple(out)


def sweep(settings: Sequence[tuple[int, float]], *, data: Data, init_seed: int = INIT_SEED,
          lr: float = LR, steps: int = STEPS, momentum: float = MOMENTUM,
          resolution: int = RESOLUTION) -> Sweep:
    """Train one network per (hidden_size, reg) on data.X_train, each from seed init_seed.

    Networks of equal hidden size start from the same weights, so only reg differs.
    """
    where = "sweep"
    settings = _settings(where, settings)
    data = _data(where, data)
    init_seed = validate.whole_number(where, "init_seed", init_seed, minimum=0)
    lr, steps, momentum = _training(where, lr, steps, momentum)
    resolution = validate.whole_number(where, "resolution", resolution, minimum=2)
    trained = {}
    for h, r in dict.fromkeys(settings):
        (net,), history = train_seeds(data, hidden_size=h, init_seeds=[init_seed], reg=r,
                                      lr=lr, steps=steps, momentum=momentum)
        trained[h, r] = net, float(history.train_loss[-1][0])
    models = tuple(trained[s][0] for s in settings)
    grids = tuple(plotting.decision_grid(m, extent=data.extent, resolution=resolution)
                  for m in models)
    return Sweep(settings=settings,
                 train_acc=tuple(train.accuracy(m, data.X_train, data.y_train) for m in models),
                 val_acc=tuple(train.accuracy(m, data.X_val, data.y_val) for m in models),
                 boundary=tuple(boundary_fraction(g) for g in grids),
                 regions=tuple(count_regions(g) for g in grids),
                 objective=tuple(trained[s][1] for s in settings),
                 data=data, models=models, grids=grids)


def capacity_and_regularization(*, data_seed: int = DATA_SEED, init_seed: int = INIT_SEED,
                                hidden_sizes: Sequence[int] = CAPACITY_SIZES,
                                regs: Sequence[float] = REGS, reg_hidden_size: int = 20,
                                steps: int = STEPS,
                                resolution: int = RESOLUTION) -> tuple[Sweep, Sweep]:
    """Both classic figures on one draw of ``outlier_data`` (rng seeded with data_seed).

    Returns (capacity: hidden_sizes with reg 0, regularization: reg_hidden_size units with
    each reg).  A setting in both (such as 20 units, reg 0) is trained once.
    """
    where = "capacity_and_regularization"
    data_seed = validate.whole_number(where, "data_seed", data_seed, minimum=0)
    hidden_sizes = _seeds(where, "hidden_sizes", hidden_sizes, minimum=1)
    if isinstance(regs, (str, bytes)) or not isinstance(regs, Sequence) or not regs:
        raise TypeError(f"{where}: regs must be a non-empty list of L2 strengths, got {regs!r}")
    regs = [validate.number(where, f"regs[{i}]", r, low=0) for i, r in enumerate(regs)]
    reg_hidden_size = validate.whole_number(where, "reg_hidden_size", reg_hidden_size)
    data = outlier_data(rng=np.random.default_rng(data_seed))
    cap_settings = [(h, 0.0) for h in hidden_sizes]
    reg_settings = [(reg_hidden_size, r) for r in regs]
    both = sweep(cap_settings + [s for s in reg_settings if s not in cap_settings], data=data,
                 init_seed=init_seed, steps=steps, resolution=resolution)
    return _select(both, cap_settings), _select(both, reg_settings)


def _select(result: Sweep, settings) -> Sweep:
    rows = [result.settings.index(s) for s in settings]

    def pick(values):
        return tuple(values[i] for i in rows)

    return dataclasses.replace(
        result, settings=tuple(settings), train_acc=pick(result.train_acc),
        val_acc=pick(result.val_acc), boundary=pick(result.boundary),
        regions=pick(result.regions), objective=pick(result.objective),
        models=pick(result.models), grids=pick(result.grids))


# --- regularizers compared ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class RegularizerComparison:
    """Accuracies of one network recipe per method over S data draws.

    methods: the method names; regs: the L2 strength each trained with; data_seeds,
    init_seeds (S,): the draw of ``outlier_data`` and the seed of the initial weights of
    run s; train_acc[m], val_acc[m]: (S,) arrays for method m.
    """

    methods: tuple[str, ...]
    regs: tuple[float, ...]
    data_seeds: tuple[int, ...]
    init_seeds: tuple[int, ...]
    steps: int
    train_acc: dict
    val_acc: dict

    def mean(self, method: str) -> float:
        """Mean held-out accuracy of a method over the draws."""
        return float(np.mean(self.val_acc[self._method("mean", method)]))

    def std(self, method: str) -> float:
        """Standard deviation of a method's held-out accuracy over the draws."""
        return float(np.std(self.val_acc[self._method("std", method)]))

    def gain(self, method: str, baseline: str) -> np.ndarray:
        """Held-out accuracy of method minus that of baseline, draw by draw: (S,)."""
        return (self.val_acc[self._method("gain", method)]
                - self.val_acc[self._method("gain", baseline, "baseline")])

    def _method(self, call, method, name="method"):
        return validate.choice(f"RegularizerComparison.{call}", name, method, self.methods)


def regularizer_comparison(build: Callable, methods: dict, *, data_seeds: Sequence[int],
                           init_seeds: Sequence[int], lr: float = LR, steps: int = STEPS,
                           momentum: float = MOMENTUM) -> RegularizerComparison:
    """Train build(method, rng) for every method on S draws of ``outlier_data``.

    build(method, rng) -> a model (a ``model.Sequential``) for a method name; methods maps
    each name to the L2 strength reg it trains with.  Run s draws its data with
    np.random.default_rng(data_seeds[s]) and builds every method's model with
    np.random.default_rng(init_seeds[s]) (the same initial weights for all methods, and the
    same dropout masks or noise where a method draws them), then trains it with
    ``train.train`` (full batch) and records training and held-out accuracy.
    """
    where = "regularizer_comparison"
    validate.callable_(where, "build", build, "a function build(method, rng) -> model")
    if not isinstance(methods, dict) or not methods:
        raise TypeError(f"{where}: methods must be a non-empty dict {{name: reg}}, "
                        f"got {methods!r}")
    for m in methods:
        if not isinstance(m, str):
            raise TypeError(f"{where}: methods must have names (str) as keys, got {m!r}")
    regs = {m: validate.number(where, f"methods[{m!r}]", r, low=0) for m, r in methods.items()}
    data_seeds = _seeds(where, "data_seeds", data_seeds)
    init_seeds = _seeds(where, "init_seeds", init_seeds)
    if len(init_seeds) != len(data_seeds):
        raise ValueError(f"{where}: init_seeds must pair with data_seeds one to one, got "
                         f"{len(init_seeds)} init seeds for {len(data_seeds)} data seeds")
    lr, steps, momentum = _training(where, lr, steps, momentum)
    train_acc = {m: [] for m in regs}
    val_acc = {m: [] for m in regs}
    for data_seed, init_seed in zip(data_seeds, init_seeds):
        data = outlier_data(rng=np.random.default_rng(data_seed))
        for method, reg in regs.items():
            net = build(method, np.random.default_rng(init_seed))
            validate.has_attributes(where, "build(...)", net, ("forward", "backward", "layers"),
                                    "a model such as model.Sequential")
            train.train(net, data.X_train, data.y_train, lr=lr, steps=steps, reg=reg,
                        momentum=momentum, eval_every=steps)
            train_acc[method].append(train.accuracy(net, data.X_train, data.y_train))
            val_acc[method].append(train.accuracy(net, data.X_val, data.y_val))
    return RegularizerComparison(
        methods=tuple(regs), regs=tuple(regs.values()), data_seeds=data_seeds,
        init_seeds=init_seeds, steps=steps,
        train_acc={m: np.array(v) for m, v in train_acc.items()},
        val_acc={m: np.array(v) for m, v in val_acc.items()})


# --- small networks are harder to train -------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Spread:
    """Final training objectives of many seeds per hidden size.

    losses[h] (S,): the final objective of every seed with h hidden units; late_change[h]
    (S,): how much it changed (in absolute value) over the last late_steps steps (about a
    fifth of them).
    """

    hidden_sizes: tuple[int, ...]
    seeds: tuple[int, ...]
    reg: float
    steps: int
    losses: dict
    late_change: dict
    late_steps: int

    def std(self, hidden_size: int) -> float:
        """Standard deviation of the final objectives over the seeds."""
        return float(np.std(self.losses[self._size("std", hidden_size)]))

    def range(self, hidden_size: int) -> float:
        """Largest minus smallest final objective over the seeds."""
        return float(np.ptp(self.losses[self._size("range", hidden_size)]))

    def distinct(self, hidden_size: int, *, tol: float = 2e-3) -> int:
        """How many distinct final values (values closer than tol count as one)."""
        tol = validate.number("Spread.distinct", "tol", tol, low=0)
        values = np.sort(self.losses[self._size("distinct", hidden_size)])
        return int(1 + np.count_nonzero(np.diff(values) > tol))

    def _size(self, call, hidden_size):
        return validate.choice(f"Spread.{call}", "hidden_size", hidden_size, self.hidden_sizes)


SPREAD_SIZES = (3, 20)
SPREAD_SEEDS = tuple(range(1000, 1040))


def seed_spread(*, data_seed: int = DATA_SEED, seeds: Sequence[int] = SPREAD_SEEDS,
                hidden_sizes: Sequence[int] = SPREAD_SIZES, reg: float = 0.01, steps: int = 1000,
                lr: float = LR) -> Spread:
    """Train one network per seed and hidden size on the chapter's training set.

    With a little L2 (reg) every size has the same kind of objective to minimise, so the
    spread of final values over seeds shows how much the outcome depends on the initial
    weights; late_change shows whether training had come to rest.
    """
    where = "seed_spread"
    data_seed = validate.whole_number(where, "data_seed", data_seed, minimum=0)
    seeds = _seeds(where, "seeds", seeds)
    hidden_sizes = _seeds(where, "hidden_sizes", hidden_sizes, minimum=1)
    reg = validate.number(where, "reg", reg, low=0)
    steps = validate.whole_number(where, "steps", steps, minimum=5)
    data = outlier_data(rng=np.random.default_rng(data_seed))
    losses, change = {}, {}
    for h in hidden_sizes:
        _, history = train_seeds(data, hidden_size=h, init_seeds=seeds, reg=reg, lr=lr,
                                 steps=steps, eval_every=steps // 5)
        losses[h] = np.asarray(history.train_loss[-1])
        change[h] = np.abs(losses[h] - history.train_loss[-2])
    return Spread(hidden_sizes=hidden_sizes, seeds=seeds, reg=reg, steps=steps, losses=losses,
                  late_change=change, late_steps=steps - history.step[-2])


# --- one quick run for the exercise checker ------------------------------------------------


TEST_SEED = 2026
TEST_POINTS = 1000


def evaluate_settings(hidden_size: int, reg: float, *, data_seed: int = DATA_SEED,
                      init_seed: int = INIT_SEED, steps: int = 3000,
                      test_seed: int | None = TEST_SEED) -> dict:
    """Train one network 2 -> hidden_size relu -> 2 with L2 strength reg; its accuracies.

    Returns {"train_acc", "val_acc"} on the chapter's data draw and, unless test_seed is None,
    "test_acc" on a fresh draw of TEST_POINTS points from the same distribution (the same
    share of outliers) that no tuning has seen.  Takes a second or less.
    """
    where = "evaluate_settings"
    hidden_size = validate.whole_number(where, "hidden_size", hidden_size)
    reg = validate.number(where, "reg", reg, low=0)
    data_seed = validate.whole_number(where, "data_seed", data_seed, minimum=0)
    init_seed = validate.whole_number(where, "init_seed", init_seed, minimum=0)
    steps = validate.whole_number(where, "steps", steps)
    if test_seed is not None:
        test_seed = validate.whole_number(where, "test_seed", test_seed, minimum=0)
    data = outlier_data(rng=np.random.default_rng(data_seed))
    (net,), _ = train_seeds(data, hidden_size=hidden_size, init_seeds=[init_seed], reg=reg,
                            steps=steps)
    result = {"train_acc": train.accuracy(net, data.X_train, data.y_train),
              "val_acc": train.accuracy(net, data.X_val, data.y_val)}
    if test_seed is not None:
        X, y = datasets.outliers(n=TEST_POINTS,
                                 num_outliers=round(TEST_POINTS * NUM_OUTLIERS / NUM_POINTS),
                                 rng=np.random.default_rng(test_seed))
        result["test_acc"] = train.accuracy(net, X, y)
    return result
