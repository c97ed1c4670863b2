"""Representational power is what functions a network's weights can make it compute; these
experiments build approximations by hand and compare depths at a fixed parameter budget.

Chapter 6 (ch-representation) and the claim ledger run them; nnbook.figures.representation
draws their results.  Every experiment returns plain numbers (a frozen dataclass or a dict).

* ``approximation_errors``, ``sharpness_errors``, ``units_for_error``: how close the
  hand-built networks of ``nnbook.approximation`` come to ``target`` (no randomness);
* ``depth_comparison``: ReLU networks of 1 to 6 hidden layers with about the same number of
  parameters, on several draws of the spiral (``spiral_split``) with many held-out points,
  each initial seed of a depth trained at once as one ``model.MLP.stack`` per learning rate.

Shapes: N inputs, H hidden units, K bumps or stacked networks, S runs.
"""

import dataclasses
from collections.abc import Sequence

import numpy as np

from nnkit import datasets, losses, model, train, validate
from nnbook import approximation

LO, HI = -2.0, 2.0
UNIT_COUNTS = (10, 20, 40, 80, 160, 320)


def target(x):
    """The function the chapter approximates: sin(3x) + 0.3 x^2 on [LO, HI] = [-2, 2]."""
    x = validate.real_array("target", "x", x).astype(float)
    return np.sin(3.0 * x) + 0.3 * x**2


def _even_units(where, name, h):
    h = validate.whole_number(where, name, h, minimum=2)
    if h % 2:
        raise ValueError(f"{where}: {name} must be even (two units per bump), got {h}")
    return h


def _numbers(where, name, values, convert):
    if isinstance(values, (str, bytes)) or not isinstance(values, (Sequence, range)) or not values:
        raise TypeError(f"{where}: {name} must be a non-empty list, got {values!r}")
    return tuple(convert(f"{name}[{i}]", v) for i, v in enumerate(values))


# --- constructive approximation --------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ApproximationErrors:
    """Max |target - g| on [LO, HI] for H hidden units, three constructions.

    units (M,); sigmoid: sigmoid bumps (H / 2 bumps, two units each); indicator: H / 2 exact
    rectangles (each counted as two infinitely steep steps); relu: H ReLU units joining the
    target's values at H + 1 evenly spaced knots by H straight segments.
    """

    units: tuple
    sigmoid: tuple
    indicator: tuple
    relu: tuple

    def slope(self, name: str) -> float:
        """Least-squares slope of log(error) against log(units): -1 means error ~ 1 / H."""
        name = validate.choice("ApproximationErrors.slope", "name", name,
                               ("sigmoid", "indicator", "relu"))
        return float(np.polyfit(np.log(self.units), np.log(getattr(self, name)), 1)[0])


def approximation_errors(units: Sequence[int] = UNIT_COUNTS, *, sharpness: float = 20.0):
    """Max errors of the three constructions for every even unit count in ``units``."""
    where = "approximation_errors"
    units = _numbers(where, "units", units, lambda n, h: _even_units(where, n, h))
    sharpness = validate.number(where, "sharpness", sharpness, low=0, low_open=True)
    sig, ind, rel = [], [], []
    for h in units:
        sig.append(approximation.max_error(target, approximation.sigmoid_bump_network(
            target, LO, HI, h // 2, sharpness=sharpness), LO, HI))
        ind.append(approximation.max_error(
            target, approximation.IndicatorBumps.fit(target, LO, HI, h // 2), LO, HI))
        rel.append(approximation.max_error(
            target, approximation.relu_interpolation_network(target, LO, HI, h), LO, HI))
    return ApproximationErrors(units=units, sigmoid=tuple(sig), indicator=tuple(ind),
                               relu=tuple(rel))


SHARPNESSES = (1.0, 2.0, 4.0, 6.0, 10.0, 20.0, 80.0)


def sharpness_errors(units: int = 40, sharpnesses: Sequence[float] = SHARPNESSES) -> dict:
    """Max error of the sigmoid-bump network with ``units`` hidden units for each sharpness.

    Sharpness is the steepness times the bump width (see
    ``approximation.sigmoid_bump_network``).  Returns {sharpness: max error}.
    """
    where = "sharpness_errors"
    units = _even_units(where, "units", units)
    sharpnesses = _numbers(where, "sharpnesses", sharpnesses,
                           lambda n, s: validate.number(where, n, s, low=0, low_open=True))
    return {s: approximation.max_error(target, approximation.sigmoid_bump_network(
        target, LO, HI, units // 2, sharpness=s), LO, HI) for s in sharpnesses}


def units_for_error(eps: float, *, max_units: int = 100_000, sharpness: float = 20.0) -> int:
    """Smallest even H (searched by doubling, then bisection) whose sigmoid-bump error is < eps."""
    where = "units_for_error"
    eps = validate.number(where, "eps", eps, low=0, low_open=True)
    max_units = validate.whole_number(where, "max_units", max_units, minimum=2)
    sharpness = validate.number(where, "sharpness", sharpness, low=0, low_open=True)

    def err(h):
        net = approximation.sigmoid_bump_network(target, LO, HI, h // 2, sharpness=sharpness)
        return approximation.max_error(target, net, LO, HI)

    hi = 2
    while err(hi) >= eps:
        hi *= 2
        if hi > max_units:
            raise ValueError(f"{where}: more than max_units = {max_units} units needed for "
                             f"eps = {eps:g}")
    lo = hi // 2 if hi > 2 else 0  # err(lo) >= eps (or lo is below the smallest network)
    while hi - lo > 2:
        mid = (lo + hi) // 4 * 2
        if err(mid) < eps:
            hi = mid
        else:
            lo = mid
    return hi


# --- depth at a fixed parameter budget -------------------------------------------------------


def width_for_budget(depth: int, budget: int, *, D: int = 2, C: int = 3) -> int:
    """The hidden width H (the same in every hidden layer) whose parameter count
    ``model.count_params([D] + [H] * depth + [C])`` is nearest budget (the narrower on a tie)."""
    where = "width_for_budget"
    depth = validate.whole_number(where, "depth", depth)
    budget = validate.whole_number(where, "budget", budget)
    D = validate.whole_number(where, "D", D)
    C = validate.whole_number(where, "C", C)
    widths = range(1, budget + 1)
    return min(widths, key=lambda h: abs(model.count_params([D] + [h] * depth + [C]).total
                                         - budget))


@dataclasses.dataclass(frozen=True)
class SpiralSplit:
    """One draw of the 3-class spiral: X_* (N, 2) floats and y_* (N,) labels 0, 1, 2."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray


def spiral_split(data_seed: int, *, train_per_class: int = 50, held_out_per_class: int = 1000,
                 noise: float = 0.2) -> SpiralSplit:
    """The spiral with train_per_class + held_out_per_class points per class, drawn and split
    (stratified) with np.random.default_rng(data_seed): a few training points, many held out."""
    where = "spiral_split"
    data_seed = validate.whole_number(where, "data_seed", data_seed, minimum=0)
    n_train = validate.whole_number(where, "train_per_class", train_per_class, minimum=2)
    n_val = validate.whole_number(where, "held_out_per_class", held_out_per_class)
    noise = validate.number(where, "noise", noise, low=0)
    rng = np.random.default_rng(data_seed)
    X, y = datasets.spiral(n_train + n_val, 3, noise, rng=rng)
    return SpiralSplit(*datasets.split(X, y, held_out=n_val / (n_train + n_val), rng=rng))


@dataclasses.dataclass(frozen=True)
class DepthRun:
    """One trained network: its final training objective and accuracies.

    A run whose loss blew up (train.Diverged) is kept with diverged=True, train_loss inf and
    both accuracies 1/3 (chance), not dropped.
    """

    lr: float
    depth: int
    width: int
    params: int
    data_seed: int
    init_seed: int
    train_loss: float
    train_acc: float
    val_acc: float
    diverged: bool


@dataclasses.dataclass(frozen=True)
class DepthComparison:
    """All runs of ``depth_comparison``, with the helpers the chapter reports through.

    For each depth, ``best_lr`` is chosen on the training data alone (the lowest median final
    training objective); ``accuracy`` and ``gain`` report held-out accuracy at that rate.
    """

    runs: tuple
    budget: int
    steps: int
    held_out: int  # held-out points per data draw

    @property
    def depths(self) -> tuple:
        return tuple(sorted({r.depth for r in self.runs}))

    @property
    def lrs(self) -> tuple:
        return tuple(sorted({r.lr for r in self.runs}))

    def select(self, *, lr: float, depth: int) -> list:
        """The runs with this learning rate and number of hidden layers, by (data, init) seed."""
        lr = validate.choice("DepthComparison.select", "lr", lr, self.lrs)
        depth = validate.choice("DepthComparison.select", "depth", depth, self.depths)
        return [r for r in self.runs if r.lr == lr and r.depth == depth]

    def values(self, field: str, *, lr: float, depth: int) -> np.ndarray:
        """A DepthRun field for every run of (lr, depth): (S,)."""
        field = validate.choice("DepthComparison.values", "field", field,
                                ("train_loss", "train_acc", "val_acc", "width", "params"))
        return np.array([getattr(r, field) for r in self.select(lr=lr, depth=depth)])

    def best_lr(self, depth: int) -> float:
        """The learning rate with the lowest median final training objective at this depth."""
        depth = validate.choice("DepthComparison.best_lr", "depth", depth, self.depths)
        return min(self.lrs, key=lambda lr: np.median(self.values("train_loss", lr=lr,
                                                                  depth=depth)))

    def accuracy(self, depth: int) -> np.ndarray:
        """Held-out accuracy of every run of this depth at its best learning rate: (S,)."""
        validate.choice("DepthComparison.accuracy", "depth", depth, self.depths)
        return self.values("val_acc", lr=self.best_lr(depth), depth=depth)

    def gain(self, depth: int, baseline: int = 1) -> np.ndarray:
        """Held-out accuracy of depth minus baseline, each at its best rate, run by run (S,).

        Runs are paired by data draw (the same training and held-out points) and initial seed.
        """
        validate.choice("DepthComparison.gain", "depth", depth, self.depths)
        validate.choice("DepthComparison.gain", "baseline", baseline, self.depths)
        return self.accuracy(depth) - self.accuracy(baseline)


def _train(sizes, data, init_seeds, lr, steps, momentum):
    """Train one MLP(sizes) per initial seed as one stack; (nets, diverged (K,) bool).

    If one network's loss blows up it stops the whole stack (train.Diverged), so then each
    network is trained on its own to find out which one diverged.
    """
    def fresh():
        return [model.MLP(sizes, rng=np.random.default_rng(s)) for s in init_seeds]

    stack = model.MLP.stack(fresh())
    try:
        train.train(stack, data.X_train, data.y_train, lr=lr, momentum=momentum, steps=steps,
                    eval_every=steps)
        return stack.unstack(), [False] * len(init_seeds)
    except train.Diverged:
        nets, diverged = fresh(), []
        for net in nets:
            try:
                train.train(net, data.X_train, data.y_train, lr=lr, momentum=momentum,
                            steps=steps, eval_every=steps)
                diverged.append(False)
            except train.Diverged:
                diverged.append(True)
        return nets, diverged


DEPTHS = (1, 2, 3, 4, 5, 6)


def depth_comparison(*, data_seeds: Sequence[int], init_seeds: Sequence[int],
                     depths: Sequence[int] = DEPTHS, budget: int = 300,
                     lrs: Sequence[float] = (0.02, 0.1), steps: int = 600,
                     momentum: float = 0.9, train_per_class: int = 50,
                     held_out_per_class: int = 1000) -> DepthComparison:
    """Train ReLU MLPs of each depth at about ``budget`` parameters on several spiral draws.

    For every depth d, data seed and learning rate: the K = len(init_seeds) networks
    MLP([2] + [H] * d + [3]) (H from ``width_for_budget``), initialised with
    np.random.default_rng(init_seed), train together as one stack with ``train.train``
    (full batch, momentum, softmax cross-entropy, no L2) on ``spiral_split(data_seed)``.
    Final numbers are evaluated per network with nnkit (train.accuracy).
    """
    where = "depth_comparison"
    data_seeds = _numbers(where, "data_seeds", data_seeds,
                          lambda n, s: validate.whole_number(where, n, s, minimum=0))
    init_seeds = _numbers(where, "init_seeds", init_seeds,
                          lambda n, s: validate.whole_number(where, n, s, minimum=0))
    depths = _numbers(where, "depths", depths, lambda n, d: validate.whole_number(where, n, d))
    budget = validate.whole_number(where, "budget", budget)
    lrs = _numbers(where, "lrs", lrs,
                   lambda n, lr: validate.number(where, n, lr, low=0, low_open=True))
    steps = validate.whole_number(where, "steps", steps)
    momentum = validate.number(where, "momentum", momentum, low=0, high=1, high_open=True)
    runs = []
    for data_seed in data_seeds:
        data = spiral_split(data_seed, train_per_class=train_per_class,
                            held_out_per_class=held_out_per_class)
        for depth in depths:
            width = width_for_budget(depth, budget)
            sizes = [2] + [width] * depth + [3]
            params = model.count_params(sizes).total
            for lr in lrs:
                nets, diverged = _train(sizes, data, init_seeds, lr, steps, momentum)
                for seed, net, bad in zip(init_seeds, nets, diverged):
                    if bad:
                        loss, train_acc, val_acc = np.inf, 1 / 3, 1 / 3
                    else:
                        scores = net.forward(data.X_train)
                        loss = losses.softmax_cross_entropy(scores, data.y_train)[0]
                        train_acc = train.accuracy(net, data.X_train, data.y_train)
                        val_acc = train.accuracy(net, data.X_val, data.y_val)
                    runs.append(DepthRun(lr=lr, depth=depth, width=width, params=params,
                                         data_seed=data_seed, init_seed=seed,
                                         train_loss=float(loss), train_acc=float(train_acc),
                                         val_acc=float(val_acc), diverged=bool(bad)))
    runs.sort(key=lambda r: (r.lr, r.depth, r.data_seed, r.init_seed))
    return DepthComparison(runs=tuple(runs), budget=budget, steps=steps,
                           held_out=3 * held_out_per_class)
