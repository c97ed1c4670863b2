"""The training chapter's experiments: losses, gradient checks and a small network trained end to end.

Each function takes explicit seeds (or builds everything deterministically), runs in well
under a few seconds, and returns a small dataclass or dict of numbers that the chapter and
the claim ledger assert. Shapes: N examples, D = 2 inputs, H hidden units, C classes,
R grid resolution.
"""

import dataclasses

import numpy as np

from nnkit import datasets, gradcheck, layers, losses, model, train

# The chapter's recipe for the 3-arm spiral: 100 points per class, full-batch SGD.
SPIRAL_POINTS_PER_CLASS = 100
SPIRAL_CLASSES = 3
SPIRAL_LR = 1.0
SPIRAL_REG = 1e-3
SPIRAL_HIDDEN = 100
LINEAR_STEPS = 200
NET_STEPS = 2000
SNAPSHOT_STEPS = (0, 5, 10, 20, 40, 80, 150, 300, 600, 1000, 2000)


# --- losses ----------------------------------------------------------------------------------


def softmax_example(probs=(0.2, 0.3, 0.5), correct=2):
    """The worked softmax example: scores whose softmax is ``probs``, and the loss and gradient.

    Scores log(p) have softmax exactly p, so with one example (N = 1) the gradient on the
    scores is p - onehot(correct). Returns a dict with scores (C,), probs (C,), loss, dscores (C,).
    """
    p = np.asarray(probs, dtype=float)
    scores = np.log(p)[None, :]
    loss, dscores = losses.softmax_cross_entropy(scores, np.array([correct]))
    return {"scores": scores[0], "probs": losses.softmax(scores)[0], "loss": loss,
            "dscores": dscores[0]}


def hinge_example(scores=(-1.0, 0.5, 1.2), correct=2, margin=1.0):
    """Multiclass hinge loss of one example: its loss, margins (C,) and gradient (C,)."""
    s = np.asarray(scores, dtype=float)[None, :]
    loss, dscores = losses.multiclass_hinge(s, np.array([correct]), margin=margin)
    margins = np.maximum(s[0] - s[0, correct] + margin, 0)
    margins[correct] = 0
    return {"scores": s[0], "loss": loss, "margins": margins, "dscores": dscores[0]}


def naive_softmax(scores):
    """Softmax WITHOUT subtracting the row max (scores (N, C) -> (N, C)): for showing overflow only."""
    exp_scores = np.exp(scores)
    return exp_scores / exp_scores.sum(axis=1, keepdims=True)


def stability_example(scores=(998.0, 999.0, 1000.0)):
    """Naive and stable softmax of large positive and large negative scores.

    Returns a dict with naive_big, stable_big, naive_small, stable_small (each (C,)), for the
    scores as given and for their negatives. Overflow warnings are silenced here on purpose.
    """
    big = np.asarray(scores, dtype=float)[None, :]
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        naive_big, naive_small = naive_softmax(big)[0], naive_softmax(-big)[0]
    return {"scores": big[0], "naive_big": naive_big, "stable_big": losses.softmax(big)[0],
            "naive_small": naive_small, "stable_small": losses.softmax(-big)[0]}


# --- gradient checking ----------------------------------------------------------------------


def difference_errors(hs=tuple(10.0 ** -k for k in range(1, 13)), *, x0=0.5):
    """Error of forward and centred differences for d/dx of log(1 + exp(3x)) at x0, per step h.

    The exact derivative is 3 sigmoid(3 x0). Forward differences err like h, centred ones like
    h**2, until float64 rounding (about 1e-16 / h) takes over for tiny h.
    Returns a dict with h (K,), forward (K,), centred (K,) absolute errors.
    """
    def f(x):
        return np.logaddexp(0.0, 3.0 * x)

    exact = 3.0 / (1.0 + np.exp(-3.0 * x0))
    hs = np.asarray(hs, dtype=float)
    forward = np.array([abs((f(x0 + h) - f(x0)) / h - exact) for h in hs])
    centred = np.array([abs((f(x0 + h) - f(x0 - h)) / (2 * h) - exact) for h in hs])
    return {"h": hs, "forward": forward, "centred": centred}


class BuggyLinear(layers.Linear):
    """A Linear layer with a deliberate bug in backward, for showing what a gradient check catches.

    bug "mean": dW is divided by N once more (a double average, off by a factor N);
    bug "bias": db sums dout over the wrong axis and averages that, so every entry of db is
    the same number (a typical way of forcing the shape to fit).
    """

    def __init__(self, in_features, out_features, *, rng, bug="mean"):
        super().__init__(in_features, out_features, rng=rng)
        if bug not in ("mean", "bias"):
            raise ValueError(f"BuggyLinear: bug must be 'mean' or 'bias', got {bug!r}")
        self.bug = bug

    def backward(self, dout, *, input_grad=True):
        dX = super().backward(dout, input_grad=input_grad)
        if self.bug == "mean":
            self.grads["W"] = self.grads["W"] / dout.shape[0]
        else:
            self.grads["b"] = np.full(self.out_features, dout.sum(axis=1).mean())
        return dX


def gradient_checks(*, seed=0, num_points=8, hidden=10):
    """Relative errors of analytic against numerical gradients, correct and with bugs.

    Checks a Linear layer and a ReLU layer on their own (nnkit.gradcheck.check_layer), then a
    whole 2 -> hidden ReLU -> 3 network under softmax cross-entropy and under the multiclass
    hinge loss (check_model, reg = 0.01), then the same network with each BuggyLinear bug as
    its first layer. Returns {case: {parameter: relative error}}.
    """
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((num_points, 2))
    y = rng.integers(0, 3, num_points)
    results = {
        "linear layer": gradcheck.check_layer(layers.Linear(2, hidden, rng=rng), X, rng=rng),
        # Inputs kept away from 0, where relu has a kink and the numerical gradient is unreliable.
        "relu layer": gradcheck.check_layer(
            layers.ReLU(), np.sign(X) * (0.1 + np.abs(X)), rng=rng),
    }
    init_seed = int(rng.integers(2**32))
    for name, loss_fn in (("softmax net", losses.softmax_cross_entropy),
                          ("hinge net", losses.multiclass_hinge)):
        net = model.MLP([2, hidden, 3], rng=np.random.default_rng(init_seed))
        results[name] = gradcheck.check_model(net, X, y, loss_fn=loss_fn, reg=0.01)
    for bug in ("mean", "bias"):
        net = model.MLP([2, hidden, 3], rng=np.random.default_rng(init_seed))
        buggy = BuggyLinear(2, hidden, rng=np.random.default_rng(init_seed), bug=bug)
        buggy.params = net.layers[0].params  # the same weights as the correct network
        net.layers[0] = buggy
        results[f"bug: {bug}"] = gradcheck.check_model(net, X, y,
                                                       loss_fn=losses.softmax_cross_entropy, reg=0.01)
    return results


# --- the spiral -----------------------------------------------------------------------------


def spiral_data(*, seed=0):
    """Training and held-out spirals: two independent draws of 3 x 100 points.

    Returns (X (300, 2), y (300,), X_val (300, 2), y_val (300,)).
    """
    rng = np.random.default_rng(seed)
    X, y = datasets.spiral(SPIRAL_POINTS_PER_CLASS, SPIRAL_CLASSES, rng=rng)
    X_val, y_val = datasets.spiral(SPIRAL_POINTS_PER_CLASS, SPIRAL_CLASSES, rng=rng)
    return X, y, X_val, y_val


@dataclasses.dataclass
class SpiralResult:
    """The linear softmax classifier and the 2 -> H ReLU -> 3 network trained on the spiral.

    *_train_acc / *_val_acc: accuracies on the 300 training points and on 300 fresh points.
    net_watch: per recorded step, gradient norms per parameter and the dead-ReLU fraction.
    snapshots: {step: decision grid (R, R)} of the network over ``extent`` during training.
    """

    linear_train_acc: float
    linear_val_acc: float
    net_train_acc: float
    net_val_acc: float
    linear: model.MLP
    net: model.MLP
    linear_history: train.History
    net_history: train.History
    watch_steps: list
    grad_norms: dict
    dead: list
    snapshots: dict
    extent: tuple
    data: tuple


def _grid_points(extent, resolution):
    x0, x1, y0, y1 = extent
    xx, yy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    return np.column_stack([xx.ravel(), yy.ravel()])


def _watched_training(net, X, y, X_val, y_val, *, lr, reg, steps, watch_every, grid=None,
                      resolution=None, snapshot_steps=()):
    """Full-batch training that also records gradient norms, dead ReLUs and decision grids.

    Returns (history, watch_steps, grad_norms {name: [...]}, dead [...], snapshots {step: (R, R)}).
    """
    watch_steps, dead, snapshots = [], [], {}
    grad_norms = {name: [] for name, _, _ in net.param_items()}
    wanted = set(snapshot_steps)

    def watch(step, current, history):
        # Called after the backward pass of `step`, before its update: grads are fresh.
        if step % watch_every == 0 or step == steps:
            watch_steps.append(step)
            for name, value in train.gradient_norms(current).items():
                grad_norms[name].append(value)
            dead.append(train.dead_fraction(current, X))
        if step in wanted:
            snapshots[step] = current.predict(grid).reshape(resolution, resolution)

    history = train.train(net, X, y, lr=lr, steps=steps, reg=reg, X_val=X_val, y_val=y_val,
                          eval_every=5, callback=watch)
    return history, watch_steps, grad_norms, dead, snapshots


def spiral_experiment(*, data_seed=0, init_seed=1, hidden=SPIRAL_HIDDEN, lr=SPIRAL_LR,
                      reg=SPIRAL_REG, linear_steps=LINEAR_STEPS, net_steps=NET_STEPS,
                      snapshot_steps=SNAPSHOT_STEPS, resolution=100, watch_every=20):
    """Train a linear softmax classifier and a 2 -> hidden ReLU -> 3 network on the spiral.

    Full-batch SGD with learning rate lr and L2 strength reg. While the network trains, every
    watch_every steps (a multiple of 5, the recording interval) we record each parameter's
    gradient norm and the fraction of dead ReLUs on the training points, and at
    snapshot_steps (multiples of 5) its decision grid over a fixed square.
    """
    X, y, X_val, y_val = spiral_data(seed=data_seed)
    rng = np.random.default_rng(init_seed)
    linear = model.MLP([2, SPIRAL_CLASSES], rng=rng)
    linear_history = train.train(linear, X, y, lr=lr, steps=linear_steps, reg=reg,
                                 X_val=X_val, y_val=y_val, eval_every=10)
    net = model.MLP([2, hidden, SPIRAL_CLASSES], rng=rng)
    pts = np.concatenate([X, X_val])
    half = 1.08 * float(np.abs(pts).max())
    extent = (-half, half, -half, half)
    net_history, watch_steps, grad_norms, dead, snapshots = _watched_training(
        net, X, y, X_val, y_val, lr=lr, reg=reg, steps=net_steps, watch_every=watch_every,
        grid=_grid_points(extent, resolution), resolution=resolution, snapshot_steps=snapshot_steps)
    return SpiralResult(
        linear_train_acc=linear_history.train_acc[-1], linear_val_acc=linear_history.val_acc[-1],
        net_train_acc=net_history.train_acc[-1], net_val_acc=net_history.val_acc[-1],
        linear=linear, net=net, linear_history=linear_history, net_history=net_history,
        watch_steps=watch_steps, grad_norms=grad_norms, dead=dead, snapshots=snapshots,
        extent=extent, data=(X, y, X_val, y_val))


def learning_rate_watch(*, lrs=(1.0, 5.0), data_seed=0, init_seed=1, hidden=SPIRAL_HIDDEN,
                        reg=SPIRAL_REG, steps=500, watch_every=10):
    """The spiral network trained from the same initial weights at several learning rates.

    For each lr: {"steps": [...], "dead": [...], "grad_norms": {name: [...]}, "train_acc": float}.
    A too-large lr pushes many ReLUs to output 0 on every training point, where they get no
    gradient and stay dead.
    """
    X, y, X_val, y_val = spiral_data(seed=data_seed)
    out = {}
    for lr in lrs:
        rng = np.random.default_rng(init_seed)
        model.MLP([2, SPIRAL_CLASSES], rng=rng)  # same draws as spiral_experiment: same start
        net = model.MLP([2, hidden, SPIRAL_CLASSES], rng=rng)
        history, watch_steps, grad_norms, dead, _ = _watched_training(
            net, X, y, X_val, y_val, lr=lr, reg=reg, steps=steps, watch_every=watch_every)
        out[lr] = {"steps": watch_steps, "dead": dead, "grad_norms": grad_norms,
                   "train_acc": history.train_acc[-1], "val_acc": history.val_acc[-1]}
    return out


def overfit_tiny(*, data_seed=0, init_seed=2, num_points=15, hidden=50, lr=1.0, steps=1000):
    """The sanity check: a small network fits a tiny random subset of the spiral perfectly.

    Draws num_points distinct training points (no regularisation, full batch) and returns a
    dict with the subset X (n, 2), y (n,), the model, its History and the first step at which
    the training accuracy reached 100% (None if never).
    """
    X, y, _, _ = spiral_data(seed=data_seed)
    rng = np.random.default_rng(init_seed)
    # Every arm starts at the origin; skip those rows so no two points coincide.
    usable = np.flatnonzero(np.linalg.norm(X, axis=1) > 0.05)
    rows = np.sort(rng.choice(usable, size=num_points, replace=False))
    Xt, yt = X[rows], y[rows]
    net = model.MLP([2, hidden, SPIRAL_CLASSES], rng=rng)
    history = train.train(net, Xt, yt, lr=lr, steps=steps, eval_every=5)
    first = next((s for s, a in zip(history.step, history.train_acc) if a == 1.0), None)
    return {"X": Xt, "y": yt, "model": net, "history": history, "first_perfect_step": first,
            "train_acc": history.train_acc[-1], "train_loss": history.train_loss[-1]}


def snapshot_pngs(result, *, resolution=100):
    """PNG pictures (bytes) of ``result.snapshots``, one per step, with the training points on top.

    For the chapter's kernel-free slider (nnbook.static.image_stack). Draws on one reused
    off-screen figure; returns (steps, pngs, captions).
    """
    from nnkit import plotting  # plotting stays out of the numerical experiments
    from nnbook import widgets  # plotting stays out of the numerical experiments

    X, y, _, _ = result.data
    fig = widgets.offscreen_figure(4.0, 3.6, 80.0)
    with plotting.house_style():
        ax = fig.add_axes((0.14, 0.13, 0.82, 0.78))
        plot = plotting.RegionPlot(ax=ax, extent=result.extent, num_classes=SPIRAL_CLASSES,
                                   resolution=resolution, legend=False)
    plot.set_points(X, y)
    index = {s: i for i, s in enumerate(result.net_history.step)}
    steps, pngs, captions = [], [], []
    for step in sorted(result.snapshots):
        acc = result.net_history.train_acc[index[step]]
        loss = result.net_history.train_loss[index[step]]
        plot.set_regions(result.snapshots[step])
        ax.set_title(f"step {step}: loss {loss:.2f}, train accuracy {acc:.0%}", fontsize=10)
        steps.append(step)
        pngs.append(widgets.render_png(fig))
        captions.append(f"Decision regions of the 2 -> {result.net.sizes[1]} relu -> 3 network "
                        f"after {step} SGD steps on the spiral: loss {loss:.2f}, "
                        f"training accuracy {acc:.0%}.")
    return steps, pngs, captions
