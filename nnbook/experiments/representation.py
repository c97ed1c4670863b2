"""Representational power is what functions a network's weights can make it compute; these experiments build approximations by hand and compare depths at a fixed parameter budget.

Every experiment returns plain numbers (a dataclass) that chapter 6 and the claim ledger
assert.  The figure helpers at the end draw those numbers; they live here because they are
specific to this chapter.  Shapes: N inputs, H hidden units, K bumps.
"""

import dataclasses

import numpy as np
from matplotlib import pyplot as plt
from matplotlib import ticker as mticker
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from nnkit import datasets, losses, model, plotting, train
from nnbook import approximation, widgets

LO, HI = -2.0, 2.0
UNIT_COUNTS = (10, 20, 40, 80, 160, 320)


def target(x):
    """The function the chapter approximates: sin(3x) + 0.3 x^2 on [LO, HI] = [-2, 2]."""
    x = np.asarray(x, dtype=float)
    return np.sin(3.0 * x) + 0.3 * x**2


# --- constructive approximation --------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ApproximationErrors:
    """Max |target - g| on [LO, HI] for H hidden units, three constructions.

    units (M,); sigmoid: sigmoid bumps (H / 2 bumps, two units each); indicator: H / 2 exact
    rectangles (each counted as two infinitely steep steps); relu: H ReLU units joining the
    target's values at H + 1 knots by straight lines.
    """

    units: tuple
    sigmoid: tuple
    indicator: tuple
    relu: tuple

    def slope(self, name):
        """Least-squares slope of log(error) against log(units): -1 means error ~ 1 / H."""
        return float(np.polyfit(np.log(self.units), np.log(getattr(self, name)), 1)[0])


def approximation_errors(units=UNIT_COUNTS, *, sharpness=20.0):
    """Max errors of the three constructions for every even unit count in ``units`` (no randomness)."""
    units = tuple(int(h) for h in units)
    if any(h < 2 or h % 2 for h in units):
        raise ValueError(f"approximation_errors: unit counts must be even and >= 2, got {units}")
    sig, ind, rel = [], [], []
    for h in units:
        sig.append(approximation.max_error(
            target, approximation.sigmoid_bump_network(target, LO, HI, h // 2, sharpness=sharpness), LO, HI))
        ind.append(approximation.max_error(
            target, approximation.IndicatorBumps.fit(target, LO, HI, h // 2), LO, HI))
        rel.append(approximation.max_error(
            target, approximation.relu_interpolation_network(target, LO, HI, h), LO, HI))
    return ApproximationErrors(units=units, sigmoid=tuple(sig), indicator=tuple(ind), relu=tuple(rel))


SHARPNESSES = (1.0, 2.0, 4.0, 6.0, 10.0, 20.0, 80.0)


def sharpness_errors(units=40, sharpnesses=SHARPNESSES):
    """Max error of the sigmoid-bump network with ``units`` hidden units for each sharpness.

    Sharpness is the steepness times the bump width (see ``approximation.sigmoid_bump_network``).
    Returns {sharpness: max error} (no randomness).
    """
    if units < 2 or units % 2:
        raise ValueError(f"sharpness_errors: units must be even and >= 2, got {units}")
    return {float(s): approximation.max_error(
        target, approximation.sigmoid_bump_network(target, LO, HI, units // 2, sharpness=s), LO, HI)
        for s in sharpnesses}


def units_for_error(eps, *, max_units=100_000, sharpness=20.0):
    """Smallest even H (searched by doubling, then bisection) whose sigmoid-bump error is < eps."""
    def err(h):
        net = approximation.sigmoid_bump_network(target, LO, HI, h // 2, sharpness=sharpness)
        return approximation.max_error(target, net, LO, HI)

    hi = 2
    while err(hi) >= eps:
        hi *= 2
        if hi > max_units:
            raise ValueError(f"units_for_error: more than {max_units} units needed for eps={eps}")
    lo = hi // 2 if hi > 2 else 0  # err(lo) >= eps (or lo is below the smallest network)
    while hi - lo > 2:
        mid = (lo + hi) // 4 * 2
        if err(mid) < eps:
            hi = mid
        else:
            lo = mid
    return hi


def mlp_agreement(n_bumps, *, rng, num_points=2001):
    """Load hand-built weights into nnkit MLPs and compare their outputs with the construction.

    Builds MLP([1, 2 K, 1], "sigmoid") for the K-bump sigmoid network and MLP([1, 2 K, 1],
    "relu") for the ReLU interpolant (rng only draws the initial weights, all overwritten).
    Returns {"sigmoid": max |mlp - hand-built|, "relu": ..., "units": 2 K, "params": ...}.
    """
    x = np.linspace(LO, HI, num_points)
    out = {}
    for name, net in (("sigmoid", approximation.sigmoid_bump_network(target, LO, HI, n_bumps)),
                      ("relu", approximation.relu_interpolation_network(target, LO, HI, 2 * n_bumps))):
        mlp = model.MLP([1, net.num_units, 1], activation=name, rng=rng)
        net.load_into(mlp)
        out[name] = float(np.max(np.abs(mlp.forward(x.reshape(-1, 1))[:, 0] - net(x))))
        out["params"] = mlp.num_params()
    out["units"] = 2 * n_bumps
    return out


# --- depth at a fixed parameter budget -------------------------------------------------------


def mlp_params(sizes):
    """Weights plus biases of a fully connected network with these layer sizes."""
    return sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))


def width_for_budget(depth, budget, *, D=2, C=3):
    """The hidden width H (same for every hidden layer) whose parameter count is nearest budget."""
    if depth < 1 or budget < 1:
        raise ValueError(f"width_for_budget: need depth >= 1 and budget >= 1, got {depth}, {budget}")
    widths = np.arange(1, budget + 1)
    counts = np.array([mlp_params([D] + [int(h)] * depth + [C]) for h in widths])
    return int(widths[np.argmin(np.abs(counts - budget))])


@dataclasses.dataclass(frozen=True)
class DepthRun:
    """One trained network: final full-training-set and held-out loss and accuracy."""

    lr: float
    depth: int
    width: int
    params: int
    seed: int
    train_loss: float
    train_acc: float
    val_loss: float
    val_acc: float
    diverged: bool


@dataclasses.dataclass(frozen=True)
class DepthComparison:
    """All runs of ``depth_comparison`` plus helpers to summarise them."""

    runs: tuple
    budget: int
    steps: int

    def select(self, *, lr, depth):
        """The runs with this learning rate and number of hidden layers."""
        return [r for r in self.runs if r.lr == lr and r.depth == depth]

    def mean(self, field, *, lr, depth):
        """Mean of a DepthRun field over seeds (diverged runs count with their last values)."""
        return float(np.mean([getattr(r, field) for r in self.select(lr=lr, depth=depth)]))

    def values(self, field, *, lr, depth):
        """The field for every seed, (S,)."""
        return np.array([getattr(r, field) for r in self.select(lr=lr, depth=depth)])

    @property
    def depths(self):
        return tuple(sorted({r.depth for r in self.runs}))

    @property
    def lrs(self):
        return tuple(sorted({r.lr for r in self.runs}))


def train_together(models, X, y, *, lrs, momentum, steps):
    """Full-batch SGD with momentum on S ReLU MLPs of one shape at once; the models are updated.

    The same arithmetic as ``train.train(model, X, y, lr=lrs[s], momentum=momentum,
    steps=steps)`` for each model s (softmax cross-entropy, no regularization), done on
    stacked weights W (S, D_in, D_out) so that S small networks cost about as much as one
    (tests check it against ``train.train``).  X (N, D), y (N,) int, lrs (S,).
    Returns diverged (S,) bool: True where the loss became NaN or inf.
    """
    if any(m.activation != "relu" or m.sizes != models[0].sizes for m in models):
        raise ValueError("train_together: every model must be a ReLU MLP with the same sizes")
    stages = models[0].linear_layers()
    Ws = [np.stack([m.linear_layers()[l].params["W"] for m in models]) for l in range(len(stages))]
    bs = [np.stack([m.linear_layers()[l].params["b"] for m in models])[:, None, :] for l in range(len(stages))]
    vW = [np.zeros_like(W) for W in Ws]
    vb = [np.zeros_like(b) for b in bs]
    lr = np.asarray(lrs, dtype=float).reshape(-1, 1, 1)
    N, rows = X.shape[0], np.arange(X.shape[0])
    diverged = np.zeros(len(models), dtype=bool)
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            acts, zs = [X], []
            for l, (W, b) in enumerate(zip(Ws, bs)):
                z = acts[-1] @ W + b  # (S, N, H_l)
                zs.append(z)
                acts.append(np.maximum(z, 0.0) if l < len(Ws) - 1 else z)
            scores = acts[-1]
            shifted = scores - scores.max(axis=2, keepdims=True)  # no overflow in exp
            exp = np.exp(shifted)
            sums = exp.sum(axis=2, keepdims=True)
            loss = np.log(sums[:, :, 0]).mean(axis=1) - shifted[:, rows, y].mean(axis=1)
            diverged |= ~np.isfinite(loss)
            dout = exp / sums
            dout[:, rows, y] -= 1
            dout /= N
            for l in reversed(range(len(Ws))):
                prev = acts[l]
                dW = (prev.T if prev.ndim == 2 else prev.transpose(0, 2, 1)) @ dout
                db = dout.sum(axis=1, keepdims=True)
                if l > 0:
                    dout = (dout @ Ws[l].transpose(0, 2, 1)) * (zs[l - 1] > 0)
                vW[l] *= momentum
                vW[l] -= lr * dW
                Ws[l] += vW[l]
                vb[l] *= momentum
                vb[l] -= lr * db
                bs[l] += vb[l]
    for s, m in enumerate(models):
        for l, layer in enumerate(m.linear_layers()):
            layer.params["W"][...] = Ws[l][s]
            layer.params["b"][...] = bs[l][s, 0]
    return diverged


def depth_comparison(*, seeds, data_seed, depths=(1, 2, 3), budget=300, lrs=(0.05, 0.1),
                     steps=1000, momentum=0.9, points_per_class=100, noise=0.2, held_out=0.3):
    """Train ReLU nets with 1, 2, 3 hidden layers of equal width at about ``budget`` parameters.

    Data: the 3-class spiral (points_per_class per class, 2-D), drawn and split 70/30 with
    np.random.default_rng(data_seed).  Each (lr, depth, seed) trains MLP([2, H, ..., H, 3])
    initialised with np.random.default_rng(seed), full batch, SGD with momentum, softmax
    cross-entropy, no regularization, ``steps`` steps (all seeds and learning rates of one
    depth together, see ``train_together``).  Final losses and accuracies are nnkit's own.
    A run whose loss blows up is kept (diverged=True, loss inf, accuracy 1/3), not dropped.
    """
    data_rng = np.random.default_rng(data_seed)
    X, y = datasets.spiral(points_per_class, 3, noise, rng=data_rng)
    X_train, y_train, X_val, y_val = datasets.split(X, y, held_out=held_out, rng=data_rng)
    runs = []
    for depth in depths:
        width = width_for_budget(depth, budget)
        sizes = [2] + [width] * depth + [3]
        jobs = [(float(lr), int(seed)) for lr in lrs for seed in seeds]
        nets = [model.MLP(sizes, activation="relu", rng=np.random.default_rng(seed)) for _, seed in jobs]
        diverged = train_together(nets, X_train, y_train, lrs=[lr for lr, _ in jobs], momentum=momentum,
                                  steps=steps)
        for (lr, seed), net, bad in zip(jobs, nets, diverged):
            if bad:
                numbers = (np.inf, 1 / 3, np.inf, 1 / 3)
            else:
                numbers = (losses.softmax_cross_entropy(net.forward(X_train), y_train)[0],
                           train.accuracy(net, X_train, y_train),
                           losses.softmax_cross_entropy(net.forward(X_val), y_val)[0],
                           train.accuracy(net, X_val, y_val))
            runs.append(DepthRun(lr=lr, depth=depth, width=width, params=net.num_params(), seed=seed,
                                 train_loss=float(numbers[0]), train_acc=float(numbers[1]),
                                 val_loss=float(numbers[2]), val_acc=float(numbers[3]),
                                 diverged=bool(bad)))
    runs.sort(key=lambda r: (r.lr, r.depth, r.seed))
    return DepthComparison(runs=tuple(runs), budget=budget, steps=steps)


# --- figures ---------------------------------------------------------------------------------


def _axes(ncols, width=3.6, height=2.8):
    _, axes = plt.subplots(1, ncols, figsize=(width * ncols, height), facecolor="white",
                           layout="constrained", squeeze=False)
    return axes[0]


def plot_steps(*, axes=None, steepnesses=(1.0, 4.0, 16.0, 64.0), center=0.5, relu_width=0.5):
    """Left: sigmoid steps at ``center`` for several steepnesses; right: a step from two ReLUs.

    Returns the two Axes.
    """
    axes = _axes(2) if axes is None else axes
    x = np.linspace(-1.5, 2.5, 801)
    for k, s in enumerate(steepnesses):
        axes[0].plot(x, approximation.sigmoid_step(x, center, s), color=plotting.CLASS_COLORS[k % 4],
                     label=f"steepness {s:g}")
    axes[0].axvline(center, color="0.6", lw=1, ls=":")
    axes[0].set_xlabel("x")
    axes[0].set_ylabel(r"$\sigma(w(x - c))$")
    axes[0].legend(frameon=False, loc="upper left")
    a, c = center - relu_width / 2, center + relu_width / 2
    axes[1].plot(x, np.maximum(0, x - a) / relu_width, color=plotting.OKABE_ITO["sky_blue"], lw=1.5,
                 ls="--", label=r"relu$(x - a)$ / width")
    axes[1].plot(x, -np.maximum(0, x - c) / relu_width, color=plotting.OKABE_ITO["orange"], lw=1.5,
                 ls="--", label=r"$-$relu$(x - b)$ / width")
    axes[1].plot(x, approximation.relu_step(x, center, relu_width), color=plotting.OKABE_ITO["black"],
                 label="their sum: a step")
    axes[1].set_ylim(-2.2, 2.2)
    axes[1].set_xlabel("x")
    axes[1].set_ylabel("unit output")
    axes[1].legend(frameon=False, loc="lower right")
    return axes


def plot_bump(*, ax=None, left=-0.5, right=1.0, height=1.0, steepness=12.0):
    """A sigmoid bump as the difference of the steps at its two edges.  Returns the Axes."""
    ax = _axes(1, 5.0, 3.0)[0] if ax is None else ax
    x = np.linspace(-2.5, 3.0, 801)
    ax.plot(x, approximation.sigmoid_step(x, left, steepness), ls="--", lw=1.5,
            color=plotting.OKABE_ITO["sky_blue"], label=f"step at {left:g}")
    ax.plot(x, -approximation.sigmoid_step(x, right, steepness), ls="--", lw=1.5,
            color=plotting.OKABE_ITO["orange"], label=f"minus the step at {right:g}")
    ax.plot(x, approximation.sigmoid_bump(x, left, right, height, steepness),
            color=plotting.OKABE_ITO["black"], label="sum: a bump")
    ax.plot(x, approximation.indicator_bump(x, left, right, height), lw=1,
            color=plotting.OKABE_ITO["reddish_purple"], label="indicator bump (infinitely steep)")
    ax.set_xlabel("x")
    ax.set_ylabel("output")
    ax.legend(frameon=False, loc="lower left", fontsize=8.5)
    return ax


def draw_approximation(ax, units, *, sharpness=20.0, legend=True, show_sharpness=False):
    """Target and its sigmoid-bump approximation with ``units`` hidden units on one Axes.

    The title gives the units (and the sharpness if show_sharpness) and the max error,
    which is returned.
    """
    x = np.linspace(LO, HI, 1601)
    net = approximation.sigmoid_bump_network(target, LO, HI, units // 2, sharpness=sharpness)
    err = approximation.max_error(target, net, LO, HI)
    ax.plot(x, target(x), color=plotting.OKABE_ITO["black"], lw=1.2, label="target f")
    ax.plot(x, net(x), color=plotting.OKABE_ITO["orange"], lw=2, label="network g")
    ax.set_xlabel("x")
    ax.set_ylim(-1.3, 2.4)
    what = f"{units} units, sharpness {sharpness:g}" if show_sharpness else f"{units} units"
    ax.set_title(f"{what}: max error {err:.2f}", fontsize=10)
    if legend:
        ax.legend(frameon=False, loc="upper center")
    return err


def plot_approximations(units=(10, 40, 160), *, axes=None):
    """One panel per unit count: the target and the sigmoid-bump network.  Returns the Axes."""
    axes = _axes(len(units), 3.3, 2.8) if axes is None else axes
    for k, (ax, h) in enumerate(zip(axes, units)):
        draw_approximation(ax, h, legend=k == 0)
    axes[0].set_ylabel("output")
    return axes


def plot_errors(result, *, ax=None):
    """Log-log max error against hidden units for the three constructions.  Returns the Axes."""
    ax = _axes(1, 5.0, 3.4)[0] if ax is None else ax
    styles = (("sigmoid", "sigmoid bumps", "o", plotting.OKABE_ITO["orange"]),
              ("indicator", "indicator bumps", "s", plotting.OKABE_ITO["reddish_purple"]),
              ("relu", "relu interpolation", "^", plotting.OKABE_ITO["blue"]))
    for name, label, marker, color in styles:
        ax.loglog(result.units, getattr(result, name), marker=marker, color=color,
                  label=f"{label} (slope {result.slope(name):.2f})")
    ax.set_xlabel("hidden units")
    ax.set_ylabel("max error on [-2, 2]")
    ax.legend(frameon=False, fontsize=9)
    return ax


def plot_unit_responses(net, *, axes=None):
    """Left: what every hidden unit adds to the output; right: their sum and the target.

    net: a ``OneHiddenLayer`` on [LO, HI] with few units (each gets its own line).
    """
    axes = _axes(2, 4.4, 3.0) if axes is None else axes
    x = np.linspace(LO, HI, 801)
    parts = net.contributions(x)
    for j in range(net.num_units):
        axes[0].plot(x, parts[:, j], lw=1.3, color=plotting.CLASS_COLORS[(j // 2) % 4],
                     ls="-" if j % 2 == 0 else "--")
    axes[0].set_xlabel("x")
    axes[0].set_ylabel(r"unit output $\times$ its weight")
    axes[1].plot(x, target(x), color=plotting.OKABE_ITO["black"], lw=1.2, label="target f")
    axes[1].plot(x, net(x), color=plotting.OKABE_ITO["orange"], label=f"sum of the {net.num_units} units")
    axes[1].set_xlabel("x")
    axes[1].set_ylabel("output")
    axes[1].legend(frameon=False, loc="upper center")
    return axes


def plot_depth(result, *, axes=None):
    """Per learning rate: final training loss and held-out accuracy of every seed (dots) and the
    median over seeds (line), by number of hidden layers.  Returns the two Axes."""
    axes = _axes(2, 4.2, 3.0) if axes is None else axes
    offsets = np.linspace(-0.12, 0.12, len(result.lrs))
    markers = ("o", "s", "^", "D")
    for k, lr in enumerate(result.lrs):
        color = plotting.CLASS_COLORS[k]
        for field, ax in (("train_loss", axes[0]), ("val_acc", axes[1])):
            for depth in result.depths:
                vals = result.values(field, lr=lr, depth=depth)
                if field == "train_loss":
                    vals = np.where(np.isfinite(vals), vals, np.nan)
                ax.scatter(np.full(vals.shape, depth + offsets[k]), vals, s=22, marker=markers[k],
                           color=color, alpha=0.8, edgecolors="none",
                           label=f"lr {lr:g}" if depth == result.depths[0] else None)
            medians = [np.median(result.values(field, lr=lr, depth=d)) for d in result.depths]
            ax.plot(np.array(result.depths) + offsets[k], medians, color=color, lw=1.2)
    axes[0].set_yscale("log")
    axes[0].set_ylabel("final training loss")
    axes[1].set_ylabel("held-out accuracy")
    # A full-width accuracy axis: small differences between depths should look small.
    lowest = min(r.val_acc for r in result.runs)
    axes[1].set_ylim(min(0.9, np.floor(lowest * 20) / 20), 1.0)
    axes[1].yaxis.set_major_formatter(mticker.PercentFormatter(1.0, decimals=0))
    for ax in axes:
        ax.set_xticks(result.depths)
        ax.set_xlabel("hidden layers")
    axes[1].legend(frameon=False, loc="lower right")
    return axes


def approximation_pictures(units=(2, 4, 6, 10, 16, 24, 40, 64, 100, 160), *, sharpness=20.0):
    """PNG pictures of the sigmoid-bump approximation for each unit count, for a static slider.

    Returns (pngs, labels, captions, errors): labels are the unit counts as text, captions
    describe each picture in words (its alt text), errors (M,) are the max errors.
    """
    with plotting.house_style():
        fig = Figure(figsize=(4.0, 3.0), dpi=80.0, facecolor="white")  # not tracked by pyplot
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.13, 0.16, 0.83, 0.72))
    pngs, labels, captions, errors = [], [], [], []
    for h in units:
        ax.clear()
        with plotting.house_style():
            err = draw_approximation(ax, int(h), sharpness=sharpness, legend=True)
        pngs.append(widgets.render_png(fig, colors=32))
        labels.append(str(h))
        captions.append(f"The target f(x) = sin(3x) + 0.3 x^2 on [-2, 2] and a one-hidden-layer sigmoid "
                        f"network of {h} units ({h // 2} bumps): the network is a staircase with "
                        f"{h // 2} treads and its largest error is {err:.2f}.")
        errors.append(err)
    return pngs, labels, captions, np.array(errors)


def sharpness_pictures(units=40, sharpnesses=SHARPNESSES):
    """PNG pictures of the ``units``-unit sigmoid-bump network for each sharpness (a static slider).

    Returns (pngs, labels, captions, errors) like ``approximation_pictures``.
    """
    with plotting.house_style():
        fig = Figure(figsize=(4.0, 3.0), dpi=80.0, facecolor="white")  # not tracked by pyplot
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.13, 0.16, 0.83, 0.72))
    pngs, labels, captions, errors = [], [], [], []
    for sharp in sharpnesses:
        ax.clear()
        with plotting.house_style():
            err = draw_approximation(ax, int(units), sharpness=sharp, legend=True, show_sharpness=True)
        pngs.append(widgets.render_png(fig, colors=32))
        labels.append(f"{sharp:g}")
        captions.append(f"The target f(x) = sin(3x) + 0.3 x^2 on [-2, 2] and a sigmoid network of {units} units "
                        f"whose steps have sharpness {sharp:g} (steepness times bump width): largest error {err:.2f}.")
        errors.append(err)
    return pngs, labels, captions, np.array(errors)
