"""The figures of chapter 3 (activation functions), drawn from nnbook.experiments' results.

Each function draws one result with nnkit.plotting's palette and house style, into the Axes
it is given (keyword ``ax=None`` or ``axes=None``; None makes a new figure sized to stay
legible on a phone: at most two panels in a row, legends below the data) and returns them.
``activation_pictures`` and ``dead_pictures`` render PNG frames for nnbook.static's
kernel-free demos instead. Shapes: L layers, R learning rates, S seeds.
"""

from __future__ import annotations

import numpy as np
from matplotlib import colors as mcolors
from matplotlib.axes import Axes

from nnbook import widgets
from nnbook.experiments import rectifiers, saturation
from nnkit import activations, datasets, plotting, train, validate

MARKERS = ("o", "s", "^", "D", "v", "P")


def _result(where, name, value, kind):
    if not isinstance(value, kind):
        raise TypeError(f"{where}: {name} must be a {kind.__module__.split('.')[-1]}."
                        f"{kind.__name__}, got {type(value).__name__}")
    return value


def _axes(where, name, axes, k, panel_size):
    """axes as a flat (k,) array of Axes, or k new panels of panel_size inches."""
    if axes is None:
        return plotting.panels(k, ncols=min(k, 2), panel_size=panel_size)
    flat = np.asarray(axes, dtype=object).ravel()
    if len(flat) != k or not all(isinstance(ax, Axes) for ax in flat):
        raise TypeError(f"{where}: {name} must be {k} matplotlib Axes, got {axes!r}")
    return flat


def _style(i):
    """Colour, line style and marker of series i."""
    return dict(color=plotting.SERIES_COLORS[i % len(plotting.SERIES_COLORS)],
                linestyle=plotting.SERIES_STYLES[i % len(plotting.SERIES_STYLES)],
                marker=MARKERS[i % len(MARKERS)])


def _legend_below(axes, handles, ncols, title=None):
    """One legend under the panels, clear of the data (the figure's constrained layout makes
    room for it)."""
    fig = axes[0].figure
    if fig.get_layout_engine() is not None:
        return fig.legend(handles=handles, loc="outside lower center", ncols=ncols,
                          frameon=False, title=title)
    return axes[-1].legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.25),
                           ncols=ncols, frameon=False, title=title)


# --- page 1: saturating units --------------------------------------------------------------


def saturation_panels(result, *, axes=None):
    """Left: norm of each layer's weight gradient (log scale); right: share of saturated units
    per hidden layer. One line per initial weight scale. Returns the (2,) Axes."""
    where = "saturation_panels"
    result = _result(where, "result", result, saturation.SigmoidSaturation)
    ax_g, ax_s = _axes(where, "axes", axes, 2, (3.5, 3.0))
    layers_g = np.arange(1, result.grad_norms.shape[1] + 1)
    handles = []
    for i, std in enumerate(result.init_stds):
        line, = ax_g.plot(layers_g, result.grad_norms[i], label=f"std {std:g}", **_style(i))
        ax_s.plot(layers_g[:-1], result.saturated[i], **_style(i))
        handles.append(line)
    ax_g.set_yscale("log")
    ax_g.set(xlabel="layer (1 = next to the input)", ylabel="norm of the weight gradient",
             xticks=layers_g)
    ax_s.set(xlabel="hidden layer", ylabel="share of units saturated", ylim=(-0.02, 1.02),
             xticks=layers_g[:-1])
    _legend_below([ax_g, ax_s], handles, len(handles), title="initial weight std")
    return np.array([ax_g, ax_s])


ZIGZAG_STYLES = {"positive": 0, "positive, batch": 2, "centred": 1}  # series index per run


def zigzag_paths(result, *, lr: float, ax=None, max_drawn: int = 40):
    """The paths of ``saturation.zigzag`` at one learning rate in the (w1, w2) plane (first
    max_drawn steps), with the optimum as a star; the legend sits under the plane."""
    where = "zigzag_paths"
    result = _result(where, "result", result, saturation.Zigzag)
    validate.choice(where, "lr", lr, result.lrs)
    max_drawn = validate.whole_number(where, "max_drawn", max_drawn)
    ax = _axes(where, "ax", ax, 1, (4.2, 4.2))[0]
    handles = []
    for run in saturation.ZIGZAG_RUNS:
        style = _style(ZIGZAG_STYLES[run])
        path = result.paths[run, lr][:max_drawn + 1]
        steps = result.steps[run, lr]
        inputs = (f"positive inputs, batches of {result.batch_size}" if run == "positive, batch"
                  else f"{run} inputs, one example per step")
        label = f"{inputs}: " + (f"{steps} steps" if steps else "not reached")
        line, = ax.plot(path[:, 0], path[:, 1], markersize=3.5, linewidth=1.3, label=label,
                        **style)
        handles.append(line)
    star, = ax.plot(*result.w_star, marker="*", color=plotting.OKABE_ITO["black"],
                    markersize=14, linestyle="none", label="optimum (1, -1)")
    ax.plot(0, 0, marker="o", color=plotting.OKABE_ITO["black"], markersize=5, linestyle="none")
    for line in (ax.axhline, ax.axvline):
        line(0, color=plotting.REFERENCE_COLOR, linewidth=0.6, zorder=0)
    ax.set(xlabel="w1", ylabel="w2", aspect="equal")
    _legend_below([ax], handles + [star], 1)
    return ax


def init_scale_panels(result, *, axes=None):
    """One panel per activation of ``saturation.init_scales``: the spread of each hidden
    layer's pre-activations at initialisation (log scale), one line per init scheme. Schemes
    whose lines coincide share one legend entry. Returns the (len(names),) Axes."""
    where = "init_scale_panels"
    result = _result(where, "result", result, saturation.InitScales)
    axes = _axes(where, "axes", axes, len(result.names), (3.5, 3.0))
    depth = np.arange(1, result.depth + 1)
    shown = []  # [(init, label)]: an init drawn, with the inits whose lines are the same
    for init in result.inits:
        twin = next((i for i, (other, _) in enumerate(shown)
                     if all(np.array_equal(result.std[n, init], result.std[n, other])
                            for n in result.names)), None)
        if twin is None:
            shown.append((init, str(init)))
        else:
            shown[twin] = (shown[twin][0], f"{shown[twin][1]} = {init}")
    handles = []
    for ax, name in zip(axes, result.names):
        for i, (init, label) in enumerate(shown):
            line, = ax.plot(depth, result.std[name, init], label=label, **_style(i))
            if ax is axes[0]:
                handles.append(line)
        ax.set_yscale("log")
        ax.set(xlabel="hidden layer", ylabel="std of pre-activations z", xticks=depth[::2],
               title=f"{name.replace('_', ' ')} network")
    _legend_below(list(axes), handles, len(handles), title="initialisation")
    return axes


# --- page 2: rectifiers --------------------------------------------------------------------


def _sweeps(where, sweeps):
    if isinstance(sweeps, rectifiers.LearningRateSweep) or not isinstance(
            sweeps, (list, tuple)) or not sweeps:
        raise TypeError(f"{where}: sweeps must be a non-empty list of "
                        f"rectifiers.LearningRateSweep, got {type(sweeps).__name__}")
    return [_result(where, f"sweeps[{i}]", s, rectifiers.LearningRateSweep)
            for i, s in enumerate(sweeps)]


def sweep_label(sweep) -> str:
    """A short name for a sweep's network, e.g. "relu 2-50-50-3"."""
    sweep = _result("sweep_label", "sweep", sweep, rectifiers.LearningRateSweep)
    sizes = "-".join(str(s) for s in (2, *sweep.hidden_sizes, 3))
    return f"{sweep.activation.replace('_', ' ')} {sizes}"


def _seed_dots(ax, lrs, values, offset, style):
    """One dot per seed at each learning rate, nudged sideways by the factor offset."""
    for column in np.asarray(values).T:
        ax.scatter(lrs * offset, column, s=12, alpha=0.6, color=style["color"],
                   marker=style["marker"], zorder=3)


def steps_to_target(sweeps, *, ax=None):
    """Steps until each sweep's networks reach their training-accuracy target, against the
    learning rate: a dot per seed, a line through the medians; runs that never got there
    sit above the dotted cap. Returns the Axes."""
    where = "steps_to_target"
    sweeps = _sweeps(where, sweeps)
    ax = _axes(where, "ax", ax, 1, (4.4, 3.2))[0]
    cap = max(s.steps for s in sweeps)
    handles = []
    for i, sweep in enumerate(sweeps):
        style = _style(i)
        lrs = np.array(sweep.lrs)
        shown = np.where(np.isnan(sweep.reached), cap * 1.15, sweep.reached)
        offset = 1 + 0.04 * (i - (len(sweeps) - 1) / 2)
        _seed_dots(ax, lrs, shown, offset, style)
        line, = ax.plot(lrs * offset, np.median(shown, axis=1), label=sweep_label(sweep),
                        **style)
        handles.append(line)
    ax.axhline(cap, color=plotting.REFERENCE_COLOR, linestyle=":", linewidth=1)
    lrs = sorted({lr for s in sweeps for lr in s.lrs})
    ax.set_xscale("log")
    ax.set_xticks(lrs, [f"{v:g}" for v in lrs])
    ax.minorticks_off()
    ax.set(ylim=(0, cap * 1.25), xlabel="learning rate",
           ylabel=f"steps to {sweeps[0].target:.0%} train accuracy")
    ticks = [t for t in ax.get_yticks() if 0 <= t <= cap]
    ax.set_yticks(ticks + [cap * 1.15], [f"{t:g}" for t in ticks] + ["not\nreached"])
    _legend_below([ax], handles, len(handles), title="median of the seeds (line)")
    return ax


def dead_panels(sweeps, *, axes=None, reference: float | None = 0.4):
    """Left: share of dead hidden ReLUs after training against the learning rate; right: the
    final training accuracy. A dot per seed, a band for their range, a line through the
    means; one colour per sweep. A dotted line at ``reference`` (the 40% of the lecture
    notes). Returns the (2,) Axes."""
    where = "dead_panels"
    sweeps = _sweeps(where, sweeps)
    if reference is not None:
        reference = validate.number(where, "reference", reference, 0, 1)
    ax_d, ax_a = _axes(where, "axes", axes, 2, (3.5, 3.0))
    handles = []
    for i, sweep in enumerate(sweeps):
        style = _style(i)
        lrs = np.array(sweep.lrs)
        for ax, values in ((ax_d, np.where(sweep.diverged, np.nan, sweep.dead)),
                           (ax_a, sweep.acc)):
            with np.errstate(invalid="ignore"):
                low, high = np.nanmin(values, axis=1), np.nanmax(values, axis=1)
                mean = np.nanmean(values, axis=1)
            ax.fill_between(lrs, low, high, color=style["color"], alpha=0.15, linewidth=0)
            _seed_dots(ax, lrs, values, 1.0, style)
            line, = ax.plot(lrs, mean, label=sweep_label(sweep), **style)
        handles.append(line)
    if reference is not None:
        ax_d.axhline(reference, color=plotting.REFERENCE_COLOR, linestyle=":", linewidth=1)
        ax_d.text(0.02, reference + 0.02, f"{reference:.0%}", transform=ax_d.get_yaxis_transform(),
                  va="bottom", color=plotting.REFERENCE_COLOR)
    for ax, label in ((ax_d, "share of hidden relus dead"), (ax_a, "training accuracy")):
        ax.set(xlabel="learning rate", ylabel=label, ylim=(-0.02, 1.02))
    _legend_below([ax_d, ax_a], handles, len(handles), title="mean of the seeds (line)")
    return np.array([ax_d, ax_a])


def prelu_bars(result, *, ax=None):
    """The learned PReLU slopes, sorted, against their common starting value (dashed)."""
    where = "prelu_bars"
    result = _result(where, "result", result, rectifiers.PReLUSlopes)
    ax = _axes(where, "ax", ax, 1, (4.4, 3.0))[0]
    alphas = np.sort(result.alphas)
    ax.bar(np.arange(1, len(alphas) + 1), alphas, color=plotting.FUNCTION_COLOR, width=0.8)
    start = ax.axhline(result.init_alpha, color=plotting.DERIVATIVE_COLOR, linestyle="--",
                       label=f"starting slope {result.init_alpha:g}")
    ax.axhline(0, color=plotting.REFERENCE_COLOR, linewidth=0.8)
    ax.set(xlabel="hidden unit (sorted by its learned slope)", ylabel="learned slope alpha")
    _legend_below([ax], [start], 1)
    return ax


# --- frames for the kernel-free demos ------------------------------------------------------

MAXOUT_PIECES = ((1.0, 0.0), (-0.5, -0.5))  # the (slope, intercept) pieces drawn for "maxout"


def _draw_function(ax, name, z):
    """f (solid) and f' (dashed) of an activation name, or of a 1-D maxout unit."""
    if name == "maxout":
        pieces = np.array([a * z + b for a, b in MAXOUT_PIECES])
        f = pieces.max(axis=0)
        df = np.array([a for a, _ in MAXOUT_PIECES])[pieces.argmax(axis=0)]
        title = "maxout: max(z, -0.5z - 0.5)"
    elif name == "prelu":
        f, df = activations.leaky_relu(z, 0.25), activations.leaky_relu_grad(z, 0.25)
        title = "prelu (slope 0.25 at the start)"
    else:
        f_fn, df_fn = activations.get(name)
        f, df = f_fn(z), df_fn(z)
        title = name.replace("_", " ")
    for line in (ax.axhline, ax.axvline):
        line(0, color=plotting.REFERENCE_COLOR, linewidth=0.6, zorder=0)
    ax.plot(z, f, color=plotting.FUNCTION_COLOR, label="f(z)")
    ax.plot(z, df, color=plotting.DERIVATIVE_COLOR, linestyle="--", label="f'(z)")
    ax.set(xlim=(z[0], z[-1]), ylim=(-1.6, 3.2), xlabel="z", title=title)
    ax.legend(frameon=False, loc="upper left")


def activation_pictures(result, *, resolution: int = 100, dpi: float = 80.0) -> list[bytes]:
    """One PNG per network of ``rectifiers.activation_comparison``: its activation and
    derivative (left) next to its decision regions with the data (right)."""
    where = "activation_pictures"
    result = _result(where, "result", result, rectifiers.ActivationComparison)
    resolution = validate.whole_number(where, "resolution", resolution, minimum=2)
    dpi = validate.number(where, "dpi", dpi, low=0, high=widgets.MAX_DPI, low_open=True)
    fig = widgets.offscreen_figure(7.2, 3.3, dpi)
    pngs = []
    with plotting.house_style():
        ax_f = fig.add_axes((0.08, 0.15, 0.38, 0.72))
        ax_r = fig.add_axes((0.56, 0.15, 0.40, 0.72))
        z = np.linspace(-4, 4, 401)
        extent = plotting.square_extent(result.X_train, result.X_val, margin=0.08)
        region = plotting.RegionPlot(ax=ax_r, extent=extent, num_classes=3,
                                     resolution=resolution, legend=False)
        region.set_points(result.X_train, result.y_train, result.X_val, result.y_val)
        for name in result.names:
            ax_f.clear()
            _draw_function(ax_f, name, z)
            region.set_regions(plotting.decision_grid(result.nets[name], extent=extent,
                                                      resolution=resolution))
            ax_r.set_title(f"train {result.train_acc[name]:.0%}, "
                           f"held out {result.val_acc[name]:.0%}")
            pngs.append(widgets.render_png(fig, colors=64))
    return pngs


def dead_pictures(sweep, *, resolution: int = 80, dpi: float = 80.0):
    """One PNG per learning rate of a ReLU ``rectifiers.lr_sweep`` with one hidden layer: the
    first seed's decision regions (left) and a map of its hidden units, dead ones in black
    (right). Returns (pngs, captions)."""
    where = "dead_pictures"
    sweep = _result(where, "sweep", sweep, rectifiers.LearningRateSweep)
    if sweep.activation != "relu" or len(sweep.hidden_sizes) != 1:
        raise ValueError(f"{where}: sweep must train relu networks with one hidden layer, got "
                         f"{sweep_label(sweep)}")
    resolution = validate.whole_number(where, "resolution", resolution, minimum=2)
    dpi = validate.number(where, "dpi", dpi, low=0, high=widgets.MAX_DPI, low_open=True)
    X, y = datasets.spiral(rng=np.random.default_rng(sweep.data_seed))
    hidden = sweep.hidden_sizes[0]
    cols = int(np.ceil(np.sqrt(hidden)))
    rows = -(-hidden // cols)
    fig = widgets.offscreen_figure(7.2, 3.4, dpi)
    pngs, captions = [], []
    with plotting.house_style():
        ax_r = fig.add_axes((0.06, 0.13, 0.42, 0.72))
        ax_u = fig.add_axes((0.56, 0.13, 0.40, 0.72))
        extent = plotting.square_extent(X, margin=0.08)
        region = plotting.RegionPlot(ax=ax_r, extent=extent, num_classes=3,
                                     resolution=resolution, legend=False)
        region.set_points(X, y)
        unit_colors = mcolors.ListedColormap([plotting.OKABE_ITO["sky_blue"],
                                              plotting.DEAD_COLOR, "white"])
        cells = ax_u.imshow(np.zeros((rows, cols)), vmin=0, vmax=2, cmap=unit_colors)
        ax_u.set_xticks(np.arange(-0.5, cols, 1), minor=True)
        ax_u.set_yticks(np.arange(-0.5, rows, 1), minor=True)
        ax_u.grid(which="minor", color="white", linewidth=1.5)
        ax_u.tick_params(which="both", length=0, labelbottom=False, labelleft=False)
        ax_u.spines[:].set_visible(False)
        for lr, net, acc in zip(sweep.lrs, sweep.nets, sweep.acc[:, 0]):
            if net is None:
                continue
            dead = train.dead_units(net, X)[0]
            region.set_regions(plotting.decision_grid(net, extent=extent, resolution=resolution))
            ax_r.set_title(f"lr {lr:g}: train accuracy {acc:.0%}")
            grid = np.full(rows * cols, 2.0)
            grid[:hidden] = dead.astype(float)
            cells.set_data(grid.reshape(rows, cols))
            ax_u.set_title(f"{dead.sum()} of {hidden} units dead (black)")
            pngs.append(widgets.render_png(fig, colors=64))
            captions.append(f"Learning rate {lr:g}: after {sweep.steps} steps of full-batch "
                            f"gradient descent, {dead.sum()} of the {hidden} hidden ReLUs of "
                            f"the first seed's network are dead (black squares) and its "
                            f"training accuracy is {acc:.0%}.")
    return pngs, captions

