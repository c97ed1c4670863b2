"""A training figure draws what nnbook.experiments.training measured, in the house style.

Chapter 5's pictures: the two losses against the correct score, the error of numerical
derivatives, gradient-check errors with and without bugs, minibatch SGD against full-batch
gradient descent, the watched quantities at two learning rates, the overfitting check, and the
frames of the kernel-free training replay. Every function takes keyword ``ax=None`` (or
``axes=None``), draws with nnkit.plotting's palette and returns the Axes.
"""

import numpy as np

from nnkit import losses, plotting, train, validate
from nnbook import widgets
from nnbook.experiments import training as experiments
from nnbook.figures import axes_or_panels


def _history(where, name, history):
    if not isinstance(history, train.History) or len(history) < 2:
        raise TypeError(f"{where}: {name} must be a train.History with at least 2 records, "
                        f"got {type(history).__name__}")
    return history


def _curve(where, name, values, n=None):
    values = validate.real_array(where, name, values).astype(float)
    if values.ndim != 1 or (n is not None and len(values) != n) or len(values) < 2:
        want = "(T,)" if n is None else f"({n},)"
        raise ValueError(f"{where}: {name} must have shape {want} with T >= 2, "
                         f"got {values.shape}")
    return values


def loss_shapes(*, wrong_scores=(0.0, 0.5), score_range=(-3.0, 4.0), ax=None):
    """Softmax cross-entropy and multiclass hinge loss of one example against its correct score.

    The C - 1 wrong classes keep wrong_scores; the correct class (the last) moves over
    score_range. A grey line marks where the hinge loss reaches 0: the best wrong score plus
    the margin 1.
    """
    where = "loss_shapes"
    if not isinstance(wrong_scores, (list, tuple)) or not wrong_scores:
        raise TypeError(f"{where}: wrong_scores must be a non-empty tuple of numbers, "
                        f"got {wrong_scores!r}")
    wrong = np.array([validate.number(where, f"wrong_scores[{i}]", s)
                      for i, s in enumerate(wrong_scores)])
    if not isinstance(score_range, (list, tuple)) or len(score_range) != 2:
        raise TypeError(f"{where}: score_range must be (low, high), got {score_range!r}")
    low, high = (validate.number(where, f"score_range[{i}]", s) for i, s in enumerate(score_range))
    if not low < high:
        raise ValueError(f"{where}: score_range must have low < high, got {score_range!r}")
    ax = axes_or_panels(where, "ax", ax, 1, (5.0, 3.2))[0]
    correct = np.linspace(low, high, 281)
    scores = np.column_stack([np.tile(wrong, (len(correct), 1)), correct])
    label = np.array([len(wrong)])
    cross_entropy = [losses.softmax_cross_entropy(row[None], label)[0] for row in scores]
    hinge = [losses.multiclass_hinge(row[None], label)[0] for row in scores]
    ax.plot(correct, cross_entropy, color=plotting.SERIES_COLORS[0],
            label="softmax cross-entropy")
    ax.plot(correct, hinge, color=plotting.SERIES_COLORS[1], linestyle="--",
            label="multiclass hinge")
    ax.axvline(wrong.max() + 1.0, color=plotting.REFERENCE_COLOR, linewidth=0.8, zorder=0)
    ax.set_xlabel("score of the correct class")
    ax.set_ylabel("loss")
    ax.legend(frameon=False)
    return ax


def difference_errors(h, forward, centred, *, ax=None):
    """Error of forward and centred differences, forward (K,) and centred (K,), against h (K,)."""
    where = "difference_errors"
    h = _curve(where, "h", h)
    if np.any(h <= 0):
        raise ValueError(f"{where}: h must be positive steps, got {h.min()}")
    forward = _curve(where, "forward", forward, len(h))
    centred = _curve(where, "centred", centred, len(h))
    ax = axes_or_panels(where, "ax", ax, 1, (5.0, 3.3))[0]
    ax.loglog(h, forward, marker="o", color=plotting.SERIES_COLORS[0], label="forward difference")
    ax.loglog(h, centred, marker="s", linestyle="--", color=plotting.SERIES_COLORS[1],
              label="centred difference")
    ax.set_xlabel("step h")
    ax.set_ylabel("absolute error of the derivative")
    ax.legend(frameon=False)
    return ax


GRADCHECK_CASES = {"softmax net": "correct", "bug: mean": "bug: dW divided by N again",
                   "bug: bias": "bug: db summed over the wrong axis"}


def gradcheck_bars(checks, *, ax=None):
    """Grouped bars of relative errors per parameter for the cases of GRADCHECK_CASES.

    checks: {case: {parameter: error}} as experiments.gradient_checks returns it. A dotted
    line marks 1e-7; errors below 1e-13 are drawn at 1e-13.
    """
    where = "gradcheck_bars"
    if not isinstance(checks, dict) or not all(case in checks for case in GRADCHECK_CASES):
        raise TypeError(f"{where}: checks must be a dict with the cases {list(GRADCHECK_CASES)}, "
                        f"got {type(checks).__name__}")
    names = list(checks["softmax net"])
    ax = axes_or_panels(where, "ax", ax, 1, (7.0, 3.6))[0]
    width = 0.27
    for i, (case, label) in enumerate(GRADCHECK_CASES.items()):
        values = [max(validate.number(where, f"checks[{case!r}][{name!r}]", checks[case][name],
                                      low=0), 1e-13) for name in names]
        ax.bar(np.arange(len(names)) + (i - 1) * width, values, width, label=label,
               color=plotting.SERIES_COLORS[i], hatch=["", "//", ".."][i], edgecolor="white")
    ax.axhline(1e-7, color=plotting.REFERENCE_COLOR, linewidth=1.0, linestyle=":")
    ax.text(len(names) - 0.5, 1.6e-7, "1e-7", ha="right", va="bottom",
            color=plotting.REFERENCE_COLOR)
    ax.set_yscale("log")
    ax.set_ylim(1e-12, 3.0)
    ax.set_xticks(np.arange(len(names)), names)
    ax.set_xlabel("gradient checked")
    ax.set_ylabel("relative error")
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncols=2)
    return ax


def batch_curves(full, minibatch, *, batch_size, num_points, axes=None):
    """Training objective of full-batch gradient descent and minibatch SGD, two panels.

    full, minibatch: train.History of the two runs. Left: against the step. Right: against
    passes over the data (epochs: step * batch_size / num_points for the minibatch run, the
    step itself for full batch), on a log axis.
    """
    where = "batch_curves"
    full = _history(where, "full", full)
    minibatch = _history(where, "minibatch", minibatch)
    num_points = validate.whole_number(where, "num_points", num_points)
    batch_size = validate.whole_number(where, "batch_size", batch_size, maximum=num_points)
    axes = axes_or_panels(where, "axes", axes, 2, (3.6, 3.1))
    runs = ((full, 1.0, "full batch", plotting.TRAIN_COLOR, "-"),
            (minibatch, batch_size / num_points, f"minibatches of {batch_size}",
             plotting.VAL_COLOR, "-"))
    for history, per_step, label, color, style in runs:
        steps = np.array(history.step, dtype=float)
        axes[0].plot(steps, history.train_loss, color=color, linestyle=style, label=label,
                     linewidth=1.4)
        shown = steps > 0
        axes[1].semilogx(steps[shown] * per_step, np.array(history.train_loss)[shown],
                         color=color, linestyle=style, label=label, linewidth=1.4)
    axes[0].set_xlabel("step")
    axes[1].set_xlabel("passes over the training data")
    for ax in axes:
        ax.set_ylabel("training loss")
    axes[0].legend(frameon=False)
    return axes


def watch_panels(runs, *, max_step=None, axes=None):
    """Gradient norms of the weight matrices (left) and the dead fraction (right) per run.

    runs: {lr: experiments.Watched}; max_step limits the steps shown. Colour tells the learning
    rates apart, line style the layers; the legends sit under the panels, clear of the curves.
    """
    where = "watch_panels"
    if not isinstance(runs, dict) or not runs or not all(
            isinstance(w, experiments.Watched) for w in runs.values()):
        raise TypeError(f"{where}: runs must be a dict {{lr: Watched}}, got {runs!r}")
    ax_grad, ax_dead = axes_or_panels(where, "axes", axes, 2, (3.6, 3.2))
    colors = plotting.SERIES_COLORS
    last = np.inf if max_step is None else validate.whole_number(where, "max_step", max_step)
    for i, (lr, watched) in enumerate(runs.items()):
        shown = watched.steps <= last
        weights = [name for name in watched.grad_norms if name.endswith(".W")]
        for name, style in zip(weights, ("-", ":", "--", "-.")):
            ax_grad.semilogy(watched.steps[shown], watched.grad_norms[name][shown],
                             color=colors[i], linestyle=style, linewidth=1.4,
                             label=f"lr {lr:g}, {name}")
        plotting.dead_fraction(watched.steps[shown], watched.dead[shown], ax=ax_dead,
                               label=f"lr {lr:g}")
        ax_dead.lines[-1].set_color(colors[i])
    ax_grad.set_xlabel("step")
    ax_grad.set_ylabel("gradient norm")
    ax_dead.set_ylim(-0.03, 1.03)
    for ax, ncols in ((ax_grad, 2), (ax_dead, 1)):
        ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=ncols)
    return np.array([ax_grad, ax_dead])


def overfit(tiny, *, extent, axes=None):
    """The overfitting check: decision regions of tiny.net with its points, and its loss curve."""
    where = "overfit"
    if not isinstance(tiny, experiments.TinyResult):
        raise TypeError(f"{where}: tiny must be a TinyResult (experiments.overfit_tiny), "
                        f"got {type(tiny).__name__}")
    ax_regions, ax_loss = axes_or_panels(where, "axes", axes, 2, (3.5, 3.2))
    plotting.decision_regions(tiny.net, tiny.X, tiny.y, ax=ax_regions, legend=False,
                              extent=extent, resolution=150)
    ax_loss.semilogy(tiny.history.step, tiny.history.train_loss, color=plotting.TRAIN_COLOR)
    ax_loss.set_xlabel("step")
    ax_loss.set_ylabel("training loss (log scale)")
    return np.array([ax_regions, ax_loss])


def snapshot_frames(history, watched, X, y):
    """PNG frames of the decision regions at each snapshot step, for a kernel-free slider.

    history: the network's train.History (recorded at every snapshot step); watched: its
    experiments.Watched with snapshots; X (N, 2), y (N,): the training points drawn on top.
    Draws on one reused off-screen figure. Returns (steps, pngs, captions).
    """
    where = "snapshot_frames"
    history = _history(where, "history", history)
    if not isinstance(watched, experiments.Watched) or not watched.snapshots:
        raise TypeError(f"{where}: watched must be an experiments.Watched with snapshots, "
                        f"got {type(watched).__name__}")
    index = {s: i for i, s in enumerate(history.step)}
    missing = [s for s in watched.snapshots if s not in index]
    if missing:
        raise ValueError(f"{where}: history has no record at the snapshot steps {missing}")
    X = validate.matrix(where, "X", X, 2)
    validate.labels(where, y, len(X))
    resolution = next(iter(watched.snapshots.values())).shape[0]
    fig = widgets.offscreen_figure(4.0, 3.6, 80.0)
    with plotting.house_style():
        ax = fig.add_axes((0.14, 0.13, 0.82, 0.78))
        plot = plotting.RegionPlot(ax=ax, extent=watched.extent, num_classes=int(y.max()) + 1,
                                   resolution=resolution, legend=False)
    plot.set_points(X, y)
    steps, pngs, captions = [], [], []
    for step in sorted(watched.snapshots):
        acc, loss = history.train_acc[index[step]], history.train_loss[index[step]]
        plot.set_regions(watched.snapshots[step])
        ax.set_title(f"step {step}: loss {loss:.2f}, train accuracy {acc:.0%}", fontsize=10)
        steps.append(step)
        pngs.append(widgets.render_png(fig))
        captions.append(f"Decision regions after {step} steps of full-batch gradient descent "
                        f"on the spiral: loss {loss:.2f}, training accuracy {acc:.0%}.")
    return steps, pngs, captions
