"""The experiments of chapter 3: what an activation function does to the gradients, the speed and the health of a network.

Each experiment takes explicit seeds, trains small networks full batch on the 300-point,
3-class spiral (``spiral_data``) and returns its numbers in a small dataclass, so the chapter
and the claim ledger can assert them.  Shapes: N examples, D inputs, H hidden units,
L layers, S seeds.  The ``draw_*``/``render_*`` helpers at the end import matplotlib only
when called.  BLAS is limited to one thread inside each experiment: for these small matrices
several threads on a shared machine are many times slower, never faster.
"""

from __future__ import annotations

import contextlib
import dataclasses

import numpy as np

from nnkit import activations, datasets, layers, losses, model, train

try:  # threadpoolctl is installed with the book; nnkit itself only needs numpy
    from threadpoolctl import threadpool_limits
except ImportError:  # pragma: no cover
    threadpool_limits = None

SATURATION_FRACTION = 0.05  # a unit is saturated where f'(z) < 5% of its peak (as nnkit.plotting shades)


def one_blas_thread():
    """Context manager: one BLAS thread inside the block (a no-op without threadpoolctl)."""
    if threadpool_limits is None:  # pragma: no cover
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def spiral_data(*, seed: int = 0):
    """The book's running example: 3 spiral arms of 100 points, X (300, 2), y (300,)."""
    return datasets.spiral(points_per_class=100, num_classes=3, noise=0.2,
                           rng=np.random.default_rng(seed))


# --- tanh is a rescaled sigmoid ------------------------------------------------------------


def tanh_identity_error(*, z_max: float = 10.0, num: int = 2001) -> float:
    """Largest |tanh(z) - (2 sigmoid(2z) - 1)| over num points z evenly spaced in [-z_max, z_max]."""
    z = np.linspace(-z_max, z_max, num)
    return float(np.max(np.abs(activations.tanh(z) - (2 * activations.sigmoid(2 * z) - 1))))


# --- sigmoid saturation in a deep network --------------------------------------------------


@dataclasses.dataclass
class Saturation:
    """One forward/backward pass of a deep sigmoid MLP per initial weight scale and seed.

    saturated[i, l]: fraction of (example, unit) pairs of hidden layer l + 1 where
    sigmoid'(z) < 5% of its peak 0.25, averaged over seeds, for init_stds[i].
    grad_norms[i, l]: L2 norm of the gradient on the weights of layer l + 1 (the last entry
    is the output layer), geometric mean over seeds.
    """

    init_stds: tuple
    seeds: tuple
    hidden_sizes: tuple
    saturated: np.ndarray  # (len(init_stds), number of hidden layers)
    grad_norms: np.ndarray  # (len(init_stds), number of hidden layers + 1)

    def first_to_last(self) -> np.ndarray:
        """Gradient norm of the first layer's weights over the last layer's, per init std."""
        return self.grad_norms[:, 0] / self.grad_norms[:, -1]


def sigmoid_saturation(*, init_stds=(0.1, 1.0, 3.0, 10.0), depth: int = 5, width: int = 50,
                       seeds=(0, 1, 2), data_seed: int = 0) -> Saturation:
    """Measure saturation and per-layer gradient norms of MLP([2] + [width] * depth + [3], "sigmoid").

    Every weight matrix starts with standard deviation init_std (biases at 0); one full-batch
    softmax cross-entropy backward pass on the spiral gives the gradients.
    """
    X, y = spiral_data(seed=data_seed)
    sizes = [2] + [width] * depth + [3]
    threshold = SATURATION_FRACTION * 0.25
    saturated = np.zeros((len(init_stds), depth))
    log_norms = np.zeros((len(init_stds), depth + 1))
    with one_blas_thread():
        for i, std in enumerate(init_stds):
            for seed in seeds:
                net = model.MLP(sizes, activation="sigmoid", rng=np.random.default_rng(seed), init=float(std))
                train.loss_and_grads(net, X, y, loss_fn=losses.softmax_cross_entropy)
                pre = net.pre_activations(X)  # the inputs z (N, H) of the sigmoid layers
                saturated[i] += [np.mean(activations.sigmoid_grad(z) < threshold) for z in pre]
                norms = train.gradient_norms(net)
                log_norms[i] += np.log([norms[f"layer{l}.W"] for l in range(1, depth + 2)])
    return Saturation(init_stds=tuple(init_stds), seeds=tuple(seeds), hidden_sizes=tuple(sizes[1:-1]),
                      saturated=saturated / len(seeds), grad_norms=np.exp(log_norms / len(seeds)))


# --- all-positive inputs: one sign for every weight gradient -------------------------------


@dataclasses.dataclass
class SignPattern:
    """Weight gradients of one linear unit z = x . w + b whose inputs x are all positive.

    X (N, D) are sigmoid outputs of an earlier layer (so all in (0, 1)), dz (N,) the upstream
    gradients dL/dz.  dW_one (D,) is the gradient from example 0 alone, dW_batch (D,) the
    gradient from the whole batch (the sum over examples, as Linear.backward computes it).
    """

    X: np.ndarray
    dz: np.ndarray
    dW_one: np.ndarray
    dW_batch: np.ndarray


def sign_pattern(*, rng: np.random.Generator, batch: int = 8, inputs: int = 5) -> SignPattern:
    """The weight gradients of a Linear(inputs -> 1) layer for positive inputs, from nnkit's backward pass.

    The batch's upstream gradients are drawn with both signs; example 0's is negative, the
    rest are redrawn until the batch gradient has both signs (it usually does at once).
    """
    unit = layers.Linear(inputs, 1, rng=rng)
    X = activations.sigmoid(2.0 * rng.standard_normal((batch, inputs)))  # all in (0, 1)
    while True:
        dz = rng.standard_normal(batch)
        dz[0] = -abs(dz[0])
        unit.forward(X[:1])
        unit.backward(dz[:1, None])  # a batch of one: example 0 only
        dW_one = unit.grads["W"][:, 0].copy()
        unit.forward(X)
        unit.backward(dz[:, None])
        dW_batch = unit.grads["W"][:, 0].copy()
        if (dW_batch > 0).any() and (dW_batch < 0).any():
            return SignPattern(X=X, dz=dz, dW_one=dW_one, dW_batch=dW_batch)


# --- the zig-zag path ----------------------------------------------------------------------


@dataclasses.dataclass
class Zigzag:
    """SGD paths of a 2-weight linear unit z = w1 x1 + w2 x2 towards w_star = (1, -1).

    Runs (NAMES): "positive" (inputs in (0, 1), one example per step), "positive, batch"
    (the same inputs, batch_size examples per step) and "centred" (the inputs minus their
    mean, one example per step), each at every learning rate in lrs.
    paths[(name, lr)] (K + 1, 2): the weights after each update, from w = (0, 0).
    steps[(name, lr)]: updates until |w - w_star| < tol (None if not within max_steps or diverged).
    same_sign[(name, lr)]: fraction of updates that moved w1 and w2 in the same direction.
    """

    w_star: np.ndarray
    lrs: tuple
    tol: float
    max_steps: int
    batch_size: int
    paths: dict
    steps: dict
    same_sign: dict

    NAMES = ("positive", "positive, batch", "centred")

    def best(self, name: str):
        """(lr, steps) of the learning rate that reaches the optimum in the fewest steps."""
        done = [(self.steps[(name, lr)], lr) for lr in self.lrs if self.steps[(name, lr)] is not None]
        if not done:
            return None, None
        steps, lr = min(done)
        return lr, steps


def zigzag(*, seed: int = 0, n: int = 200, lrs=(0.5, 1.0, 2.0, 3.0, 5.0), tol: float = 0.1,
           max_steps: int = 400, batch_size: int = 16) -> Zigzag:
    """Fit t = x . w_star with squared error 0.5 (x . w - t)^2 by SGD from w = (0, 0).

    The gradient of one example is (x . w - t) x: a scalar times x, so with x > 0 both
    components share the scalar's sign.  Every run sees the same sequence of examples.
    """
    rng = np.random.default_rng(seed)
    X_pos = rng.uniform(0.0, 1.0, (n, 2))
    order = rng.integers(n, size=(max_steps, batch_size))
    w_star = np.array([1.0, -1.0])
    inputs = {"positive": (X_pos, 1), "positive, batch": (X_pos, batch_size),
              "centred": (X_pos - X_pos.mean(axis=0), 1)}
    paths, steps, same = {}, {}, {}
    for name, (X, b) in inputs.items():
        t = X @ w_star
        for lr in lrs:
            w = np.zeros(2)
            path, agree, reached = [w.copy()], 0, None
            for k in range(max_steps):
                rows = order[k, :b]
                grad = (X[rows] @ w - t[rows]) @ X[rows] / b
                agree += np.sign(grad[0]) == np.sign(grad[1])
                w = w - lr * grad
                path.append(w.copy())
                if np.linalg.norm(w - w_star) < tol:
                    reached = k + 1
                    break
                if np.linalg.norm(w) > 1e3:  # diverging: stop before it overflows
                    break
            key = (name, lr)
            paths[key], steps[key], same[key] = np.array(path), reached, agree / (len(path) - 1)
    return Zigzag(w_star=w_star, lrs=tuple(lrs), tol=tol, max_steps=max_steps, batch_size=batch_size,
                  paths=paths, steps=steps, same_sign=same)


# --- ReLU against tanh: steps to a training-accuracy target --------------------------------


def steps_to_target(activation: str, *, lr: float, seed: int, X, y, hidden_sizes=(50, 50),
                    target: float = 0.95, max_steps: int = 500, momentum: float = 0.0):
    """Train until the training accuracy reaches target; returns (steps, diverged, dead fraction).

    steps: full-batch SGD steps taken when the target was first reached, None if it was not
    reached within max_steps (or the run diverged).  dead fraction: of the hidden ReLU units
    at the end (0.0 for other activations; NaN after divergence).
    The network is MLP([2, *hidden_sizes, 3]) with He init for ReLU-like units and LeCun
    init otherwise (std sqrt(2 / fan-in) and sqrt(1 / fan-in)), seeded with seed.
    """
    init = "he" if activation in ("relu", "leaky_relu", "prelu", "maxout") else "lecun"
    net = model.MLP([X.shape[1], *hidden_sizes, int(y.max()) + 1], activation=activation,
                    rng=np.random.default_rng(seed), init=init)
    reached = []

    def stop_at_target(step, net, history):
        if history.train_acc[-1] >= target:
            reached.append(step)
            return False
        return True

    try:
        train.train(net, X, y, lr=lr, steps=max_steps, momentum=momentum, callback=stop_at_target)
    except train.Diverged:
        return None, True, float("nan")
    return (reached[0] if reached else None), False, train.dead_fraction(net, X)


@dataclasses.dataclass
class Convergence:
    """Steps to reach a training-accuracy target, per activation, learning rate and seed.

    steps[a, i, s]: steps for names[a] at lrs[i] with seeds[s]; NaN where the target was not
    reached within max_steps.  diverged[a, i, s]: the loss became NaN or inf.  dead[a, i, s]:
    fraction of dead hidden ReLUs when the run stopped.  Each activation is judged at its own
    best lr: the one with the lowest median (a run that never reached the target counts as
    infinitely slow).
    """

    names: tuple
    lrs: tuple
    seeds: tuple
    target: float
    max_steps: int
    hidden_sizes: tuple
    steps: np.ndarray  # (A, len(lrs), S)
    diverged: np.ndarray  # (A, len(lrs), S) bool
    dead: np.ndarray  # (A, len(lrs), S)

    def _median(self, a: int, i: int) -> float:
        return float(np.median(np.where(np.isnan(self.steps[a, i]), np.inf, self.steps[a, i])))

    def best_lr(self, name: str) -> float:
        a = self.names.index(name)
        return self.lrs[min(range(len(self.lrs)), key=lambda i: self._median(a, i))]

    def best_median(self, name: str) -> float:
        """Median steps to the target at this activation's best learning rate."""
        a = self.names.index(name)
        return min(self._median(a, i) for i in range(len(self.lrs)))

    def ratio(self, slow: str = "tanh", fast: str = "relu") -> float:
        """How many times more steps slow needs than fast, each at its best lr."""
        return self.best_median(slow) / self.best_median(fast)


def relu_vs_tanh(*, names=("relu", "tanh"), lrs=(0.3, 1.0, 3.0), seeds=(0, 1, 2, 3, 4),
                 hidden_sizes=(50, 50), target: float = 0.95, max_steps: int = 500,
                 data_seed: int = 0) -> Convergence:
    """Steps until each activation's network reaches target training accuracy on the spiral.

    Every (activation, lr, seed) cell is one full-batch SGD run from its own seeded init.
    """
    X, y = spiral_data(seed=data_seed)
    shape = (len(names), len(lrs), len(seeds))
    steps, dead = np.full(shape, np.nan), np.full(shape, np.nan)
    diverged = np.zeros(shape, dtype=bool)
    with one_blas_thread():
        for a, name in enumerate(names):
            for i, lr in enumerate(lrs):
                for s, seed in enumerate(seeds):
                    k, diverged[a, i, s], dead[a, i, s] = steps_to_target(
                        name, lr=lr, seed=seed, X=X, y=y, hidden_sizes=hidden_sizes, target=target,
                        max_steps=max_steps)
                    steps[a, i, s] = np.nan if k is None else k
    return Convergence(names=tuple(names), lrs=tuple(lrs), seeds=tuple(seeds), target=target,
                       max_steps=max_steps, hidden_sizes=tuple(hidden_sizes), steps=steps,
                       diverged=diverged, dead=dead)


# --- dead ReLUs against the learning rate --------------------------------------------------


def train_relu_net(*, lr: float, seed: int, X, y, hidden: int = 50, steps: int = 300):
    """Train MLP([2, hidden, 3], "relu") full batch; returns (net, training accuracy, diverged)."""
    net = model.MLP([X.shape[1], hidden, int(y.max()) + 1], activation="relu",
                    rng=np.random.default_rng(seed))
    try:
        history = train.train(net, X, y, lr=lr, steps=steps, eval_every=steps)
    except train.Diverged:
        return net, float("nan"), True
    return net, float(history.train_acc[-1]), False


@dataclasses.dataclass
class DeadRelus:
    """Fraction of dead hidden ReLUs (0 on every training point) after training, per lr and seed.

    dead[i, s], acc[i, s]: dead fraction and training accuracy at lrs[i] with seeds[s].
    """

    lrs: tuple
    seeds: tuple
    hidden: int
    steps: int
    dead: np.ndarray  # (len(lrs), S)
    acc: np.ndarray  # (len(lrs), S)
    diverged: np.ndarray  # (len(lrs), S) bool
    nets: dict = dataclasses.field(default_factory=dict)  # {lr: trained net of seeds[0]} if kept

    def mean_dead(self) -> np.ndarray:
        return self.dead.mean(axis=1)


def dead_relus(*, lrs=(1.0, 3.0, 4.0, 5.0, 6.0, 8.0), seeds=(0, 1, 2, 3, 4), hidden: int = 50,
               steps: int = 300, data_seed: int = 0, keep_nets: bool = False) -> DeadRelus:
    """Train MLP([2, hidden, 3], "relu") on the spiral at every lr and seed; count dead units.

    keep_nets: also return the trained networks of the first seed (for pictures).
    """
    X, y = spiral_data(seed=data_seed)
    dead = np.zeros((len(lrs), len(seeds)))
    acc = np.zeros_like(dead)
    diverged = np.zeros(dead.shape, dtype=bool)
    nets = {}
    with one_blas_thread():
        for i, lr in enumerate(lrs):
            for s, seed in enumerate(seeds):
                net, acc[i, s], diverged[i, s] = train_relu_net(lr=lr, seed=seed, X=X, y=y,
                                                                hidden=hidden, steps=steps)
                dead[i, s] = train.dead_fraction(net, X) if not diverged[i, s] else np.nan
                if keep_nets and s == 0:
                    nets[lr] = net
    return DeadRelus(lrs=tuple(lrs), seeds=tuple(seeds), hidden=hidden, steps=steps, dead=dead,
                     acc=acc, diverged=diverged, nets=nets)


# --- PReLU and maxout ----------------------------------------------------------------------


@dataclasses.dataclass
class PReLUResult:
    """A PReLU network after training: each hidden unit's learned negative slope."""

    init_alpha: float
    alphas: np.ndarray  # (H,)
    train_acc: float


def prelu_slopes(*, seed: int = 0, hidden: int = 50, lr: float = 1.0, steps: int = 500,
                 data_seed: int = 0) -> PReLUResult:
    """Train MLP([2, hidden, 3], "prelu") on the spiral; return the learned alphas (H,)."""
    X, y = spiral_data(seed=data_seed)
    net = model.MLP([2, hidden, 3], activation="prelu", rng=np.random.default_rng(seed))
    prelu = next(layer for layer in net.layers if isinstance(layer, layers.PReLU))
    init_alpha = float(prelu.params["alpha"][0])
    with one_blas_thread():
        history = train.train(net, X, y, lr=lr, steps=steps, eval_every=steps)
    return PReLUResult(init_alpha=init_alpha, alphas=prelu.params["alpha"].copy(),
                       train_acc=float(history.train_acc[-1]))


def maxout_params(in_features: int = 100, out_features: int = 100, *, seed: int = 0) -> dict:
    """Parameter counts of Linear(D -> H) (+ an activation, which has none) and Maxout(D -> H, pieces=2)."""
    rng = np.random.default_rng(seed)
    linear = layers.num_params(layers.Linear(in_features, out_features, rng=rng))
    maxout = layers.num_params(layers.Maxout(in_features, out_features, pieces=2, rng=rng))
    return {"linear": linear, "maxout": maxout, "ratio": maxout / linear}


# --- figures (matplotlib is imported only here) --------------------------------------------


def draw_saturation(result: Saturation, *, axes=None):
    """Left: gradient norm per layer (log scale); right: saturated fraction per hidden layer.

    One line per initial weight scale.  Returns the (2,) Axes.
    """
    from matplotlib import pyplot as plt

    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(8.6, 3.2), layout="constrained")
    ax_g, ax_s = axes
    markers = "osD^v"
    for i, std in enumerate(result.init_stds):
        layers_g = np.arange(1, result.grad_norms.shape[1] + 1)
        ax_g.plot(layers_g, result.grad_norms[i], marker=markers[i % 5], label=f"std {std:g}")
        ax_s.plot(layers_g[:-1], result.saturated[i], marker=markers[i % 5], label=f"std {std:g}")
    ax_g.set_yscale("log")
    ax_g.set_xlabel("layer (1 = next to the input)")
    ax_g.set_ylabel("norm of dL/dW")
    ax_g.set_xticks(np.arange(1, result.grad_norms.shape[1] + 1))
    ax_s.set_xlabel("hidden layer")
    ax_s.set_ylabel("fraction saturated")
    ax_s.set_ylim(0, 1.02)
    ax_s.set_xticks(np.arange(1, result.saturated.shape[1] + 1))
    ax_s.legend(title="initial weights", frameon=False, loc="center right")
    return axes


def draw_zigzag(result: Zigzag, *, lr: float, ax=None, max_drawn: int = 40):
    """The SGD paths of ``zigzag`` at one learning rate in the (w1, w2) plane (first max_drawn steps)."""
    from matplotlib import pyplot as plt

    ax = ax if ax is not None else plt.subplots(figsize=(5.2, 4.4), layout="constrained")[1]
    styles = {"positive": ("#0072B2", "o", "-"), "positive, batch": ("#009E73", "s", ":"),
              "centred": ("#E69F00", "^", "--")}
    for name in result.NAMES:
        color, marker, ls = styles[name]
        path = result.paths[(name, lr)][:max_drawn + 1]
        steps = result.steps[(name, lr)]
        label = f"{name} inputs: {steps} steps" if steps else f"{name} inputs: not reached"
        if name == "positive, batch":
            label = f"positive inputs, batch of {result.batch_size}: {steps} steps"
        ax.plot(path[:, 0], path[:, 1], color=color, marker=marker, markersize=3.5, linestyle=ls,
                linewidth=1.3, label=label)
    ax.plot(*result.w_star, marker="*", color="black", markersize=14, linestyle="none", label="optimum")
    ax.plot(0, 0, marker="o", color="black", markersize=5, linestyle="none")
    ax.axhline(0, color="0.7", linewidth=0.8, zorder=0)
    ax.axvline(0, color="0.7", linewidth=0.8, zorder=0)
    ax.set_xlabel("w1")
    ax.set_ylabel("w2")
    ax.set_aspect("equal")
    ax.legend(frameon=False, loc="lower left", fontsize=8.5)
    return ax


def draw_convergence(result: Convergence, *, ax=None):
    """Steps to the accuracy target against lr (median line, min-max band, dots per seed)."""
    from matplotlib import pyplot as plt

    ax = ax if ax is not None else plt.subplots(figsize=(5.2, 3.4), layout="constrained")[1]
    colors = ("#0072B2", "#E69F00", "#009E73", "#CC79A7")
    lrs = np.array(result.lrs)
    for a, name in enumerate(result.names):
        c = colors[a % len(colors)]
        steps = result.steps[a]
        shown = np.where(np.isnan(steps), result.max_steps * 1.15, steps)  # failures drawn above the cap
        offset = lrs * (1 + 0.04 * (a - (len(result.names) - 1) / 2))
        for s in range(steps.shape[1]):
            ax.scatter(offset, shown[:, s], color=c, s=12, alpha=0.6, marker="os"[a % 2])
        med = np.array([np.median(shown[i]) for i in range(len(lrs))])
        ax.plot(offset, med, color=c, marker="os"[a % 2], label=f"{name.replace('_', ' ')} (median)")
    ax.axhline(result.max_steps, color="0.5", linestyle=":", linewidth=1)
    ax.text(lrs[0], result.max_steps * 1.15, "not reached", va="center", fontsize=8.5, color="0.35")
    ax.set_xscale("log")
    ax.set_xticks(lrs, [f"{v:g}" for v in lrs])
    ax.minorticks_off()
    ax.set_ylim(0, result.max_steps * 1.25)
    ax.set_xlabel("learning rate")
    ax.set_ylabel(f"steps to {result.target:.0%} train accuracy")
    ax.legend(frameon=False, loc="upper center")
    return ax


def draw_dead(result: DeadRelus, *, ax=None, reference: float | None = 0.4):
    """Fraction of dead ReLUs against lr: mean line, min-max band, one dot per seed."""
    from matplotlib import pyplot as plt

    ax = ax if ax is not None else plt.subplots(figsize=(5.2, 3.4), layout="constrained")[1]
    lrs = np.array(result.lrs)
    ax.fill_between(lrs, np.nanmin(result.dead, axis=1), np.nanmax(result.dead, axis=1),
                    color="#56B4E9", alpha=0.35, linewidth=0, label="range over seeds")
    for s in range(result.dead.shape[1]):
        ax.scatter(lrs, result.dead[:, s], color="#0072B2", s=12, alpha=0.7)
    ax.plot(lrs, np.nanmean(result.dead, axis=1), color="#0072B2", marker="o", label="mean")
    ax.plot(lrs, np.nanmean(result.acc, axis=1), color="#E69F00", linestyle="--", marker="s",
            label="train accuracy (mean)")
    if reference is not None:
        ax.axhline(reference, color="0.4", linestyle=":", linewidth=1)
        ax.text((lrs[-2] + lrs[-1]) / 2, reference - 0.03, f"{reference:.0%}", fontsize=8.5,
                color="0.3", ha="center", va="top")
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("learning rate")
    ax.set_ylabel("fraction (dead relus, accuracy)")
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, fontsize=8.5)
    return ax


def draw_prelu(result: PReLUResult, *, ax=None):
    """The learned PReLU slopes, sorted, against their common starting value."""
    from matplotlib import pyplot as plt

    ax = ax if ax is not None else plt.subplots(figsize=(5.2, 3.0), layout="constrained")[1]
    alphas = np.sort(result.alphas)
    ax.bar(np.arange(1, len(alphas) + 1), alphas, color="#0072B2", width=0.8)
    ax.axhline(result.init_alpha, color="#E69F00", linestyle="--", label=f"initial alpha {result.init_alpha:g}")
    ax.axhline(0, color="0.6", linewidth=0.8)
    ax.set_xlabel("hidden unit (sorted by its learned slope)")
    ax.set_ylabel("learned alpha")
    ax.legend(frameon=False, loc="upper left")
    return ax


MAXOUT_PIECES = ((1.0, 0.0), (-0.5, -0.5))  # the (slope, intercept) pieces drawn for "maxout"


def _draw_function(ax, name: str, z):
    """f (solid) and f' (dashed) of an activation name, or of a 1-D maxout unit with MAXOUT_PIECES."""
    from nnkit import plotting

    if name == "maxout":
        pieces = np.array([a * z + b for a, b in MAXOUT_PIECES])
        f = pieces.max(axis=0)
        df = np.array([a for a, _ in MAXOUT_PIECES])[pieces.argmax(axis=0)]
        title = "maxout: max(z, -0.5z - 0.5)"
    else:
        f_fn, df_fn = activations.get(name)
        f, df = f_fn(z), df_fn(z)
        title = name.replace("_", " ")
    ax.axhline(0, color="0.6", linewidth=0.8, zorder=0)
    ax.axvline(0, color="0.6", linewidth=0.8, zorder=0)
    ax.plot(z, f, color=plotting.FUNCTION_COLOR, label="f(z)")
    ax.plot(z, df, color=plotting.DERIVATIVE_COLOR, linestyle="--", label="f'(z)")
    ax.set_xlim(z[0], z[-1])
    ax.set_ylim(-1.6, 3.2)
    ax.set_xlabel("z")
    ax.set_title(title, fontsize=10)
    ax.legend(frameon=False, loc="upper left", fontsize=8)


def render_activation_pictures(frames, *, data, dpi: float = 80.0) -> list[bytes]:
    """One PNG per ``nnbook.static`` frame: the activation and its derivative next to the decision regions.

    frames: from ``static.activation_frames`` (their grids are reused, nothing is retrained);
    data: (X_train, y_train, X_val, y_val) of those frames, for the points on top.
    """
    from nnkit import plotting
    from nnbook import widgets

    X, y, X_val, y_val = data
    fig = widgets.offscreen_figure(7.2, 3.1, dpi)
    pngs = []
    with plotting.house_style():
        ax_f = fig.add_axes((0.08, 0.16, 0.38, 0.72))
        ax_r = fig.add_axes((0.56, 0.16, 0.40, 0.72))
        z = np.linspace(-4, 4, 401)
        region = None
        for frame in frames:
            ax_f.clear()
            _draw_function(ax_f, frame.label, z)
            if region is None:
                extent = plotting.square_extent(X, X_val, margin=0.08)
                region = plotting.RegionPlot(ax=ax_r, extent=extent, num_classes=3,
                                             resolution=frame.resolution, legend=False)
                region.set_points(X, y, X_val, y_val)
            region.set_regions(frame.grid)
            ax_r.set_title(f"after {frame.steps} steps: train {frame.train_acc:.0%}, "
                           f"held out {frame.val_acc:.0%}", fontsize=10)
            pngs.append(widgets.render_png(fig))
    return pngs


def render_dead_pictures(result: DeadRelus, *, data_seed: int = 0, resolution: int = 80,
                         dpi: float = 80.0):
    """One PNG per lr of ``result`` (made with keep_nets=True): decision regions and a map of dead units.

    Returns (pngs, captions), one per lr in result.lrs.
    """
    from matplotlib import colors as mcolors

    from nnkit import plotting
    from nnbook import widgets

    if set(result.nets) != set(result.lrs):
        raise ValueError("render_dead_pictures: run dead_relus(..., keep_nets=True) first")
    X, y = spiral_data(seed=data_seed)
    hidden = result.hidden
    cols = int(np.ceil(np.sqrt(hidden)))
    rows = -(-hidden // cols)
    fig = widgets.offscreen_figure(7.2, 3.3, dpi)
    pngs, captions = [], []
    with plotting.house_style(), one_blas_thread():
        ax_r = fig.add_axes((0.06, 0.13, 0.42, 0.74))
        ax_u = fig.add_axes((0.56, 0.13, 0.40, 0.74))
        region = plotting.RegionPlot(ax=ax_r, extent=plotting.square_extent(X, margin=0.08),
                                     num_classes=3, resolution=resolution, legend=False)
        region.set_points(X, y)
        cells = ax_u.imshow(np.zeros((rows, cols)), vmin=0, vmax=2,
                            cmap=mcolors.ListedColormap(["#56B4E9", "black", "white"]))
        ax_u.set_xticks(np.arange(-0.5, cols, 1), minor=True)
        ax_u.set_yticks(np.arange(-0.5, rows, 1), minor=True)
        ax_u.grid(which="minor", color="white", linewidth=1.5)
        ax_u.tick_params(which="both", length=0, labelbottom=False, labelleft=False)
        for i, lr in enumerate(result.lrs):
            net, acc = result.nets[lr], result.acc[i, 0]
            dead = train.dead_units(net, X)[0]
            region.set_regions(plotting.decision_grid(net, extent=region.extent, resolution=resolution))
            ax_r.set_title(f"lr {lr:g}: train accuracy {acc:.0%}", fontsize=10)
            grid = np.full(rows * cols, 2.0)
            grid[:hidden] = dead.astype(float)
            cells.set_data(grid.reshape(rows, cols))
            ax_u.set_title(f"{dead.sum()} of {hidden} hidden units dead (black)", fontsize=10)
            pngs.append(widgets.render_png(fig))
            captions.append(f"Learning rate {lr:g}: after {result.steps} full-batch steps, {dead.sum()} "
                            f"of {hidden} hidden ReLUs are dead (black squares) and the training "
                            f"accuracy is {acc:.0%}.")
    return pngs, captions
