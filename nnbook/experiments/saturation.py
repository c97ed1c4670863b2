"""A saturating unit is one whose activation flattens out, so it passes back almost no gradient.

The experiments of chapter 3's first page (sigmoid and tanh): how saturation and the weight
scale shape the gradients of a deep sigmoid network, why all-positive inputs give weight
gradients of one sign and zig-zag updates, how far off-centre each activation's outputs sit,
and which initial weight scale keeps a deep network's signal steady. Each function computes
numbers only (no drawing: see nnbook.figures.activations) and returns a frozen dataclass.
Randomness comes from a ``data_seed``/``init_seed`` pair (``init_seeds`` for several
networks) or an explicit ``rng``. Shapes: N examples, D inputs, H hidden units, L hidden
layers, I initial scales, S seeds, B batch sizes.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from nnkit import activations, datasets, model, train, validate
from nnbook.experiments import _args

# A unit counts as saturated where |f'(z)| is below 5% of its peak: the same rule as the light
# bands of nnkit.plotting (SATURATION_FRACTION there; a test keeps the two equal).
SATURATION_FRACTION = 0.05


# --- sigmoid saturation in a deep network --------------------------------------------------


@dataclasses.dataclass(frozen=True)
class SigmoidSaturation:
    """One forward and backward pass of a deep sigmoid MLP per initial weight scale and seed.

    saturated (I, L): share of the (example, unit) pairs of hidden layer l + 1 where
    sigmoid'(z) < 5% of its peak 0.25, mean over the seeds, for init_stds[i].
    grad_norms (I, L + 1): norm of the gradient on the weights of layer l + 1 (the last
    column is the output layer), geometric mean over the seeds.
    """

    init_stds: tuple
    init_seeds: tuple
    hidden_sizes: tuple
    saturated: np.ndarray
    grad_norms: np.ndarray

    def first_to_last(self) -> np.ndarray:
        """(I,) norm of the first layer's weight gradient over the output layer's."""
        return self.grad_norms[:, 0] / self.grad_norms[:, -1]


def sigmoid_saturation(*, init_stds=(0.1, 1.0, 3.0, 10.0), depth: int = 5, width: int = 50,
                       init_seeds=(0, 1, 2), data_seed: int = 0) -> SigmoidSaturation:
    """Saturation and per-layer gradient norms of MLP([2] + [width] * depth + [3], "sigmoid").

    Every weight matrix starts from a normal distribution with standard deviation init_std
    (biases 0); one full-batch softmax cross-entropy backward pass on the spiral
    (datasets.spiral with data_seed) gives the gradients.
    """
    where = "sigmoid_saturation"
    init_stds = _args.numbers(where, "init_stds", init_stds)
    depth = validate.whole_number(where, "depth", depth)
    width = validate.whole_number(where, "width", width)
    init_seeds = _args.whole_numbers(where, "init_seeds", init_seeds)
    X, y = datasets.spiral(rng=np.random.default_rng(
        validate.whole_number(where, "data_seed", data_seed, minimum=0)))
    sizes = [2] + [width] * depth + [3]
    saturated = np.zeros((len(init_stds), depth))
    log_norms = np.zeros((len(init_stds), depth + 1))
    for i, std in enumerate(init_stds):
        for seed in init_seeds:
            net = model.MLP(sizes, activation="sigmoid", rng=np.random.default_rng(seed),
                            init=std)
            train.loss_and_grads(net, X, y)  # the gradients land in each layer's grads
            small = SATURATION_FRACTION * 0.25
            saturated[i] += [np.mean(activations.sigmoid_grad(z) < small)
                             for z in net.pre_activations(X)]
            norms = train.gradient_norms(net)
            log_norms[i] += np.log([norms[f"layer{k}.W"] for k in range(1, depth + 2)])
    return SigmoidSaturation(init_stds, init_seeds, tuple(sizes[1:-1]),
                             saturated / len(init_seeds), np.exp(log_norms / len(init_seeds)))


# --- all-positive inputs: one sign for every weight gradient -------------------------------


@dataclasses.dataclass(frozen=True)
class SignMixing:
    """How often a batch's weight gradient has both signs, for a unit whose inputs are positive.

    mixed (B,): the share of trials in which the gradient X.T @ dz of a batch of
    batch_sizes[b] examples (the weight gradient of Linear.backward) has a positive and a
    negative component. Inputs X are sigmoid outputs of standard normal numbers times 2, all in
    (0, 1); upstream gradients dz are standard normal. mixed_centred (B,): the same for the
    same inputs minus 0.5, their mean, so centred on zero.
    """

    batch_sizes: tuple
    inputs: int
    trials: int
    mixed: np.ndarray
    mixed_centred: np.ndarray


def sign_mixing(*, rng: np.random.Generator, batch_sizes=(1, 2, 4, 8, 16, 32), inputs: int = 5,
                trials: int = 2000) -> SignMixing:
    """The share of random batches whose weight gradient mixes signs, per batch size."""
    where = "sign_mixing"
    validate.generator(where, rng)
    batch_sizes = _args.whole_numbers(where, "batch_sizes", batch_sizes, minimum=1)
    inputs = validate.whole_number(where, "inputs", inputs)
    trials = validate.whole_number(where, "trials", trials)
    mixed = np.zeros((2, len(batch_sizes)))
    for b, n in enumerate(batch_sizes):
        X = activations.sigmoid(2.0 * rng.standard_normal((trials, n, inputs)))
        dz = rng.standard_normal((trials, n, 1))
        for row, inputs_ in enumerate((X, X - 0.5)):
            dW = inputs_.mT @ dz  # (trials, inputs, 1): each trial's X.T @ dz
            mixed[row, b] = np.mean((dW > 0).any(axis=(1, 2)) & (dW < 0).any(axis=(1, 2)))
    return SignMixing(batch_sizes, inputs, trials, mixed[0], mixed[1])


# --- the zig-zag path ----------------------------------------------------------------------

ZIGZAG_RUNS = ("positive", "positive, batch", "centred")


@dataclasses.dataclass(frozen=True)
class Zigzag:
    """Paths of a 2-weight linear unit z = w1 x1 + w2 x2 (no bias) towards w_star = (1, -1).

    Runs (ZIGZAG_RUNS): "positive" (inputs in (0, 1), one example per step), "positive,
    batch" (the same inputs, batch_size examples per step) and "centred" (the inputs minus
    their mean, one example per step), each at every learning rate of lrs.
    paths[(run, lr)] (K + 1, 2): the weights before the first and after each update.
    steps[(run, lr)]: updates until |w - w_star| < tol (None if not within max_steps, or the
    run blew up). same_sign[(run, lr)]: share of the updates that moved w1 and w2 the same way.
    """

    w_star: np.ndarray
    lrs: tuple
    tol: float
    max_steps: int
    batch_size: int
    paths: dict
    steps: dict
    same_sign: dict

    def best(self, run: str):
        """(lr, steps) of the learning rate reaching w_star in the fewest steps, or (None, None)."""
        validate.choice("Zigzag.best", "run", run, ZIGZAG_RUNS)
        done = [(self.steps[run, lr], lr) for lr in self.lrs if self.steps[run, lr] is not None]
        if not done:
            return None, None
        steps, lr = min(done)
        return lr, steps

    def detour(self, run: str, lr: float) -> float:
        """Length of the path of (run, lr) over the straight distance from (0, 0) to w_star."""
        validate.choice("Zigzag.detour", "run", run, ZIGZAG_RUNS)
        validate.choice("Zigzag.detour", "lr", lr, self.lrs)
        path = self.paths[run, lr]
        length = np.linalg.norm(np.diff(path, axis=0), axis=1).sum()
        return float(length / np.linalg.norm(self.w_star))


def zigzag_inputs(*, data_seed: int = 0, n: int = 200, max_steps: int = 400,
                  batch_size: int = 16):
    """The zig-zag data: X_pos (n, 2) uniform in (0, 1) and order (max_steps, batch_size).

    Step k of a run uses the rows order[k, :b] (b = 1 or batch_size), so every run sees the
    same examples in the same order.
    """
    where = "zigzag_inputs"
    rng = np.random.default_rng(validate.whole_number(where, "data_seed", data_seed, minimum=0))
    n = validate.whole_number(where, "n", n)
    X_pos = rng.uniform(0.0, 1.0, (n, 2))
    order = rng.integers(n, size=(validate.whole_number(where, "max_steps", max_steps),
                                  validate.whole_number(where, "batch_size", batch_size)))
    return X_pos, order


def zigzag(*, data_seed: int = 0, n: int = 200, lrs=(0.5, 1.0, 2.0, 3.0, 5.0), tol: float = 0.1,
           max_steps: int = 400, batch_size: int = 16) -> Zigzag:
    """Fit t = x . w_star with the squared error 0.5 (x . w - t)**2, from w = (0, 0).

    The gradient of one example is (x . w - t) x, one number times x: with x > 0 both
    components share that number's sign. Each step uses the rows of zigzag_inputs' order
    (the mean gradient over them) and the update w -= lr * gradient.
    """
    where = "zigzag"
    lrs = _args.numbers(where, "lrs", lrs)
    tol = validate.number(where, "tol", tol, low=0, low_open=True)
    validate.whole_number(where, "data_seed", data_seed, minimum=0)
    for name, value in (("n", n), ("max_steps", max_steps), ("batch_size", batch_size)):
        validate.whole_number(where, name, value)
    X_pos, order = zigzag_inputs(data_seed=data_seed, n=n, max_steps=max_steps,
                                 batch_size=batch_size)
    w_star = np.array([1.0, -1.0])
    runs = {"positive": (X_pos, 1), "positive, batch": (X_pos, batch_size),
            "centred": (X_pos - X_pos.mean(axis=0), 1)}
    paths, steps, same = {}, {}, {}
    for run, (X, b) in runs.items():
        t = X @ w_star
        for lr in lrs:
            w, path, agree, reached = np.zeros(2), [np.zeros(2)], 0, None
            for k in range(max_steps):
                rows = order[k, :b]
                grad = (X[rows] @ w - t[rows]) @ X[rows] / b
                agree += np.sign(grad[0]) == np.sign(grad[1])
                w = w - lr * grad
                path.append(w)
                if np.linalg.norm(w - w_star) < tol:
                    reached = k + 1
                    break
                if np.linalg.norm(w) > 1e3:  # blowing up: stop before it overflows
                    break
            paths[run, lr], steps[run, lr] = np.array(path), reached
            same[run, lr] = agree / (len(path) - 1)
    return Zigzag(w_star, lrs, tol, max_steps, batch_size, paths, steps, same)


# --- how far off-centre are the outputs? ---------------------------------------------------


@dataclasses.dataclass(frozen=True)
class OutputOffsets:
    """Mean and spread of f(z) for standard normal z, and what the offset does to a layer above.

    mean, std: of all the outputs f(Z), Z (N, H) standard normal, per name.
    condition: condition number of the (H, H) matrix f(Z).T @ f(Z) / N, the curvature of a
    squared error for a linear unit that takes these H outputs as its inputs. A common offset
    m with spread s makes it about 1 + H m**2 / s**2; zero-centred outputs give about 1.
    """

    names: tuple
    width: int
    mean: dict
    std: dict
    condition: dict


def output_offsets(names=("sigmoid", "tanh", "relu"), *, rng: np.random.Generator,
                   num_points: int = 20000, width: int = 50) -> OutputOffsets:
    """How far off zero each activation's outputs sit, for the same Z (num_points, width)."""
    where = "output_offsets"
    names = _args.names(where, names)
    validate.generator(where, rng)
    width = validate.whole_number(where, "width", width)
    num_points = validate.whole_number(where, "num_points", num_points, minimum=width)
    Z = rng.standard_normal((num_points, width))
    mean, std, condition = {}, {}, {}
    for name in names:
        out = activations.get(name)[0](Z)
        mean[name], std[name] = float(out.mean()), float(out.std())
        condition[name] = float(np.linalg.cond(out.T @ out / num_points))
    return OutputOffsets(names, width, mean, std, condition)


# --- initial weight scale ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class InitScales:
    """The spread of each hidden layer's pre-activations at initialisation.

    std[(name, init)] (L,): standard deviation of the pre-activations z of hidden layers
    1..L of MLP([width] * (L + 1) + [3], name, init=init) on X (num_points, width), standard
    normal. saturated[(name, init)] (L,): share of the (example, unit) pairs with |f'(z)|
    below 5% of its peak (0 for relu, whose slope is never small but not zero).
    """

    names: tuple
    inits: tuple
    depth: int
    width: int
    std: dict
    saturated: dict


def init_scales(*, names=("relu", "tanh"), inits=("he", "lecun", "glorot"), depth: int = 10,
                width: int = 50, num_points: int = 1000, data_seed: int = 0,
                init_seed: int = 1) -> InitScales:
    """One forward pass of a deep network per activation name and initialisation scheme."""
    where = "init_scales"
    names = _args.names(where, names)
    if isinstance(inits, str) or not isinstance(inits, (tuple, list)) or not inits:
        raise TypeError(f"{where}: inits must be a non-empty tuple like ('he', 'lecun'), "
                        f"got {inits!r}")
    inits = tuple(_args.init_scheme(where, f"inits[{i}]", init) for i, init in enumerate(inits))
    depth = validate.whole_number(where, "depth", depth)
    width = validate.whole_number(where, "width", width)
    data_rng = np.random.default_rng(validate.whole_number(where, "data_seed", data_seed,
                                                           minimum=0))
    X = data_rng.standard_normal((validate.whole_number(where, "num_points", num_points), width))
    init_seed = validate.whole_number(where, "init_seed", init_seed, minimum=0)
    std, saturated = {}, {}
    for name in names:
        f_grad = activations.get(name)[1]
        peak = float(np.abs(f_grad(np.linspace(-3, 3, 601))).max())
        for init in inits:
            net = model.MLP([width] * (depth + 1) + [3], activation=name,
                            rng=np.random.default_rng(init_seed), init=init)
            pre = net.pre_activations(X)
            std[name, init] = np.array([z.std() for z in pre])
            saturated[name, init] = np.array(
                [np.mean((np.abs(f_grad(z)) < SATURATION_FRACTION * peak) & (f_grad(z) != 0))
                 for z in pre])
    return InitScales(names, inits, depth, width, std, saturated)
