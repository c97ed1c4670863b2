"""Depth at a fixed parameter budget: do deeper fully connected networks predict better?

The experiment of the claim ledger's depth section (chapter 9). Networks with 1 to 6 hidden
layers of equal width, the width chosen so that every depth has about the same number of
parameters (model.count_params), learn the spiral (datasets.spiral) from a few hundred
training points and are scored on thousands of held-out points, enough to resolve a
difference of one percentage point. Every data seed draws its own spiral and split; for each
data seed and depth the init seeds' networks train together as one stack (model.MLP.stack)
through train.train, full batch with momentum. Results are frozen dataclasses; drawing lives
in nnbook.figures.depth. Shapes: L depths, S data seeds, K init seeds.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from nnbook.experiments import _args
from nnkit import datasets, model, train, validate

BUDGET = 400  # parameters per network, at every depth
DEPTHS = (1, 2, 3, 4, 5, 6)
DATA_SEEDS = (0, 1, 2, 3, 4)
INIT_SEEDS = (100, 101)
NUM_TRAIN = 100  # training points per class (3 classes)
NUM_VAL = 1000  # held-out points per class
LR, MOMENTUM, STEPS = 0.05, 0.9, 200


def width_for_budget(depth: int, budget: int = BUDGET, *, D: int = 2, C: int = 3) -> int:
    """The width H whose network [D, H, ..., H, C] (depth hidden layers) is closest to budget.

    Ties go to the narrower network. The count is model.count_params's.
    """
    where = "width_for_budget"
    depth = validate.whole_number(where, "depth", depth)
    budget = validate.whole_number(where, "budget", budget)
    D = validate.whole_number(where, "D", D)
    C = validate.whole_number(where, "C", C)
    best, best_gap, width = 1, None, 1
    while True:
        total = model.count_params([D, *[width] * depth, C]).total
        gap = abs(total - budget)
        if best_gap is None or gap < best_gap:
            best, best_gap = width, gap
        if total >= budget:
            return best
        width += 1


def depth_data(*, data_seed: int, num_train: int = NUM_TRAIN, num_val: int = NUM_VAL):
    """(X, y, X_val, y_val): one spiral of num_train + num_val points per class, split at random.

    X (3 num_train, 2) and X_val (3 num_val, 2); the data seed draws both the spiral's noise and
    the split, so two data seeds give two different problems of the same kind.
    """
    where = "depth_data"
    data_seed = validate.whole_number(where, "data_seed", data_seed, minimum=0)
    num_train = validate.whole_number(where, "num_train", num_train, minimum=2)
    num_val = validate.whole_number(where, "num_val", num_val)
    rng = np.random.default_rng(data_seed)
    X, y = datasets.spiral(num_train + num_val, 3, rng=rng)
    return datasets.split(X, y, held_out=num_val / (num_train + num_val), rng=rng)


@dataclasses.dataclass(frozen=True)
class DepthSweep:
    """Final accuracies of every (depth, data seed, init seed) network.

    depths (L,), widths (L,) and params (L,): the hidden layers, their width and the network's
    parameter count; train_acc and val_acc (L, S, K): training and held-out accuracy after
    steps full-batch steps (a network that blew up would raise train.Diverged, none is hidden).
    num_val: held-out points per data seed.
    """

    depths: tuple
    widths: tuple
    params: tuple
    data_seeds: tuple
    init_seeds: tuple
    num_val: int
    lr: float
    momentum: float
    steps: int
    train_acc: np.ndarray
    val_acc: np.ndarray

    def per_data_seed(self) -> np.ndarray:
        """(L, S) held-out accuracy of each depth on each data seed, mean over init seeds."""
        return self.val_acc.mean(axis=2)

    def mean(self) -> np.ndarray:
        """(L,) mean held-out accuracy of each depth over all its networks."""
        return self.val_acc.mean(axis=(1, 2))

    def spread(self) -> tuple[np.ndarray, np.ndarray]:
        """(low, high), each (L,): the smallest and largest per-data-seed accuracy of each depth."""
        per_seed = self.per_data_seed()
        return per_seed.min(axis=1), per_seed.max(axis=1)

    def gain_over(self, depth: int, reference: int) -> np.ndarray:
        """(S,) per-data-seed held-out gain of `depth` hidden layers over `reference` ones."""
        where = "DepthSweep.gain_over"
        validate.choice(where, "depth", depth, self.depths)
        validate.choice(where, "reference", reference, self.depths)
        per_seed = self.per_data_seed()
        return per_seed[self.depths.index(depth)] - per_seed[self.depths.index(reference)]

    def failed(self) -> np.ndarray:
        """(L,) how many networks of each depth ended below 50% training accuracy."""
        return (self.train_acc < 0.5).sum(axis=(1, 2))

    def standard_error(self) -> float:
        """Largest binomial standard error of one network's held-out accuracy, at each depth's
        median accuracy (the resolution of the held-out set, in fractions)."""
        p = np.median(self.val_acc, axis=(1, 2))
        return float(np.sqrt(p * (1 - p) / (3 * self.num_val)).max())


def train_depth(X, y, X_val, y_val, *, depth: int, width: int, init_seeds=INIT_SEEDS,
                lr: float = LR, momentum: float = MOMENTUM, steps: int = STEPS):
    """Train one stack of len(init_seeds) ReLU networks [2, width x depth, 3]; (train, val) (K,).

    The stack's networks start from their own init seeds and see the same data.
    """
    where = "train_depth"
    validate.finite(where, "X", validate.matrix(where, "X", X))
    validate.labels(where, y, X.shape[0])
    validate.finite(where, "X_val", validate.matrix(where, "X_val", X_val, cols=X.shape[1]))
    validate.labels(where, y_val, X_val.shape[0], name="y_val")
    depth = validate.whole_number(where, "depth", depth)
    width = validate.whole_number(where, "width", width)
    init_seeds = _args.whole_numbers(where, "init_seeds", init_seeds)
    lr = validate.number(where, "lr", lr, low=0, low_open=True)
    momentum = validate.number(where, "momentum", momentum, low=0, high=1, high_open=True)
    steps = validate.whole_number(where, "steps", steps)
    nets = [model.MLP([X.shape[1], *[width] * depth, 3], rng=np.random.default_rng(seed))
            for seed in init_seeds]
    stack = model.MLP.stack(nets)
    train.train(stack, X, y, lr=lr, momentum=momentum, steps=steps, eval_every=steps)
    return (np.atleast_1d(train.accuracy(stack, X, y)),
            np.atleast_1d(train.accuracy(stack, X_val, y_val)))


def depth_sweep(*, depths=DEPTHS, budget: int = BUDGET, data_seeds=DATA_SEEDS,
                init_seeds=INIT_SEEDS, num_train: int = NUM_TRAIN, num_val: int = NUM_VAL,
                lr: float = LR, momentum: float = MOMENTUM, steps: int = STEPS) -> DepthSweep:
    """train_depth for every depth and data seed, at one parameter budget."""
    where = "depth_sweep"
    depths = _args.whole_numbers(where, "depths", depths, minimum=1)
    budget = validate.whole_number(where, "budget", budget)
    data_seeds = _args.whole_numbers(where, "data_seeds", data_seeds)
    init_seeds = _args.whole_numbers(where, "init_seeds", init_seeds)
    lr = validate.number(where, "lr", lr, low=0, low_open=True)
    momentum = validate.number(where, "momentum", momentum, low=0, high=1, high_open=True)
    steps = validate.whole_number(where, "steps", steps)
    widths = tuple(width_for_budget(d, budget) for d in depths)
    params = tuple(model.count_params([2, *[w] * d, 3]).total for d, w in zip(depths, widths))
    shape = (len(depths), len(data_seeds), len(init_seeds))
    train_acc, val_acc = np.zeros(shape), np.zeros(shape)
    for s, data_seed in enumerate(data_seeds):
        X, y, X_val, y_val = depth_data(data_seed=data_seed, num_train=num_train,
                                        num_val=num_val)
        for i, (depth, width) in enumerate(zip(depths, widths)):
            train_acc[i, s], val_acc[i, s] = train_depth(
                X, y, X_val, y_val, depth=depth, width=width, init_seeds=init_seeds, lr=lr,
                momentum=momentum, steps=steps)
    return DepthSweep(depths, widths, params, data_seeds, init_seeds, num_val, lr, momentum,
                      steps, train_acc, val_acc)
