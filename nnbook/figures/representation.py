"""The pictures of chapter 6 (representational power): steps and bumps made of units, the
hand-built staircase against its target, how the error falls with the number of units, and
the depth comparison of ``nnbook.experiments.representation``.

Every function takes keyword ``ax=None`` (``axes=None`` for several panels), draws with
nnkit.plotting's palette and returns the Axes; ``approximation_pictures`` and
``sharpness_pictures`` return PNG pictures for a kernel-free slider (``static.image_stack``).
"""

import numpy as np
from matplotlib.axes import Axes

from nnbook import approximation, widgets
from nnbook.experiments import representation
from nnkit import activations, plotting, validate

_C = plotting.OKABE_ITO
TARGET_COLOR = _C["black"]  # the target function f
NETWORK_COLOR = _C["orange"]  # the network g that approximates it


def _axes(where, name, axes, k, panel_size):
    """axes as k Axes: given ones checked, or k new panels of panel_size inches."""
    if axes is None:
        return plotting.panels(k, panel_size=panel_size)
    flat = np.asarray(axes, dtype=object).ravel()
    if len(flat) != k or not all(isinstance(ax, Axes) for ax in flat):
        raise TypeError(f"{where}: {name} must be {k} matplotlib Axes or None, got {axes!r}")
    return flat


def _even(where, name, units):
    units = validate.whole_number(where, name, units, minimum=2)
    if units % 2:
        raise ValueError(f"{where}: {name} must be even (two units per bump), got {units}")
    return units


def _numbers(where, name, values, **bounds):
    if isinstance(values, (str, bytes)) or not isinstance(values, (list, tuple, range)) \
            or not values:
        raise TypeError(f"{where}: {name} must be a non-empty list of numbers, got {values!r}")
    return [validate.number(where, f"{name}[{i}]", v, **bounds) for i, v in enumerate(values)]


def steps(*, axes=None, steepnesses=(1.0, 4.0, 16.0, 64.0), center: float = 0.5,
          relu_width: float = 0.5):
    """Left: sigmoid steps at ``center`` for several steepnesses; right: a step from two ReLUs.

    Returns the two Axes.
    """
    where = "steps"
    steepnesses = _numbers(where, "steepnesses", steepnesses, low=0, low_open=True)
    center = validate.number(where, "center", center)
    relu_width = validate.number(where, "relu_width", relu_width, low=0, low_open=True)
    axes = _axes(where, "axes", axes, 2, (3.6, 3.0))
    x = np.linspace(-1.5, 2.5, 801)
    for k, s in enumerate(steepnesses):
        axes[0].plot(x, approximation.sigmoid_step(x, center, s),
                     color=plotting.SERIES_COLORS[k % len(plotting.SERIES_COLORS)],
                     linestyle=plotting.SERIES_STYLES[k % len(plotting.SERIES_STYLES)],
                     label=f"steepness {s:g}")
    axes[0].axvline(center, color=plotting.REFERENCE_COLOR, linewidth=1, linestyle=":")
    axes[0].set_xlabel("x")
    axes[0].set_ylabel(r"$\sigma(w(x - c))$")
    axes[0].legend(frameon=False, loc="upper left", fontsize=9)
    a, c = center - relu_width / 2, center + relu_width / 2
    axes[1].plot(x, activations.relu(x - a) / relu_width, color=_C["sky_blue"], linewidth=1.5,
                 linestyle="--", label=r"relu$(x - a)$ / width")
    axes[1].plot(x, -activations.relu(x - c) / relu_width, color=_C["orange"], linewidth=1.5,
                 linestyle="-.", label=r"$-$relu$(x - b)$ / width")
    axes[1].plot(x, approximation.relu_step(x, center, relu_width), color=_C["black"],
                 label="their sum: a step")
    axes[1].set_ylim(-2.2, 2.2)
    axes[1].set_xlabel("x")
    axes[1].set_ylabel("unit output")
    axes[1].legend(frameon=False, loc="lower left", fontsize=9)
    return axes


def bump(*, ax=None, left: float = -0.5, right: float = 1.0, height: float = 1.0,
         steepness: float = 12.0):
    """A sigmoid bump as the difference of the steps at its two edges.  Returns the Axes."""
    where = "bump"
    left, right, height = (validate.number(where, n, v) for n, v in
                           (("left", left), ("right", right), ("height", height)))
    if not left < right:
        raise ValueError(f"{where}: left must be below right, got left={left}, right={right}")
    steepness = validate.number(where, "steepness", steepness, low=0, low_open=True)
    ax = _axes(where, "ax", ax, 1, (5.0, 3.2))[0]
    x = np.linspace(-2.5, 3.0, 801)
    ax.plot(x, approximation.sigmoid_step(x, left, steepness), linestyle="--", linewidth=1.5,
            color=_C["sky_blue"], label=f"step at {left:g}")
    ax.plot(x, -approximation.sigmoid_step(x, right, steepness), linestyle="-.", linewidth=1.5,
            color=_C["orange"], label=f"minus the step at {right:g}")
    ax.plot(x, approximation.sigmoid_bump(x, left, right, height, steepness), color=_C["black"],
            label="sum: a bump")
    ax.plot(x, approximation.indicator_bump(x, left, right, height), linewidth=1,
            color=_C["reddish_purple"], label="indicator bump (infinitely steep)")
    ax.set_xlabel("x")
    ax.set_ylabel("output")
    ax.legend(frameon=False, loc="lower left", fontsize=9)
    return ax


def approximation_panel(units: int, *, ax=None, sharpness: float = 20.0, legend: bool = True,
                        show_sharpness: bool = False):
    """The target and its sigmoid-bump approximation with ``units`` hidden units.

    The title gives the units (and the sharpness if show_sharpness) and the max error on
    [-2, 2].  Returns the Axes.
    """
    where = "approximation_panel"
    units = _even(where, "units", units)
    sharpness = validate.number(where, "sharpness", sharpness, low=0, low_open=True)
    ax = _axes(where, "ax", ax, 1, (3.6, 3.0))[0]
    lo, hi, f = representation.LO, representation.HI, representation.target
    x = np.linspace(lo, hi, 1601)
    net = approximation.sigmoid_bump_network(f, lo, hi, units // 2, sharpness=sharpness)
    err = approximation.max_error(f, net, lo, hi)
    ax.plot(x, f(x), color=TARGET_COLOR, linewidth=1.2, label="target f")
    ax.plot(x, net(x), color=NETWORK_COLOR, linewidth=2, label="network g")
    ax.set_xlabel("x")
    ax.set_ylim(-1.3, 2.4)
    what = f"{units} units, sharpness {sharpness:g}" if show_sharpness else f"{units} units"
    ax.set_title(f"{what}: max error {err:.2f}", fontsize=10)
    if legend:
        ax.legend(frameon=False, loc="upper center")
    return ax


def approximations(units=(10, 40, 160), *, axes=None):
    """One panel per unit count: the target and the sigmoid-bump network.  Returns the Axes."""
    if isinstance(units, (str, bytes)) or not isinstance(units, (list, tuple)) or not units:
        raise TypeError(f"approximations: units must be a non-empty list of even unit counts, "
                        f"got {units!r}")
    axes = _axes("approximations", "axes", axes, len(units), (3.3, 2.9))
    for k, (ax, h) in enumerate(zip(axes, units)):
        approximation_panel(h, ax=ax, legend=k == 0)
    axes[0].set_ylabel("output")
    return axes


def errors(result, *, ax=None):
    """Log-log max error against hidden units for the three constructions.  Returns the Axes."""
    if not isinstance(result, representation.ApproximationErrors):
        raise TypeError(f"errors: result must be a representation.ApproximationErrors, "
                        f"got {type(result).__name__}")
    ax = _axes("errors", "ax", ax, 1, (5.0, 3.6))[0]
    styles = (("sigmoid", "sigmoid bumps", "o", "-", _C["orange"]),
              ("indicator", "indicator bumps", "s", "--", _C["reddish_purple"]),
              ("relu", "relu interpolation", "^", "-.", _C["blue"]))
    for name, label, marker, line, color in styles:
        ax.loglog(result.units, getattr(result, name), marker=marker, linestyle=line,
                  color=color, label=f"{label} (slope {result.slope(name):.2f})")
    ax.set_xlabel("hidden units")
    ax.set_ylabel("max error on [-2, 2]")
    ax.legend(frameon=False, fontsize=9)
    return ax


def unit_responses(net, *, axes=None):
    """Left: what every hidden unit adds to the output; right: their sum and the target.

    net: an ``approximation.OneHiddenLayer`` on [-2, 2] with few units (each gets a line;
    the two units of a bump share a colour, solid for its left edge, dashed for its right).
    """
    if not isinstance(net, approximation.OneHiddenLayer):
        raise TypeError(f"unit_responses: net must be an approximation.OneHiddenLayer, "
                        f"got {type(net).__name__}")
    axes = _axes("unit_responses", "axes", axes, 2, (4.0, 3.2))
    x = np.linspace(representation.LO, representation.HI, 801)
    parts = net.contributions(x)
    for j in range(net.num_units):
        axes[0].plot(x, parts[:, j], linewidth=1.3,
                     color=plotting.SERIES_COLORS[(j // 2) % 4],
                     linestyle="-" if j % 2 == 0 else "--")
    axes[0].set_xlabel("x")
    axes[0].set_ylabel(r"unit output $\times$ its weight")
    axes[1].plot(x, representation.target(x), color=TARGET_COLOR, linewidth=1.2,
                 label="target f")
    axes[1].plot(x, net(x), color=NETWORK_COLOR, label=f"sum of the {net.num_units} units")
    axes[1].set_xlabel("x")
    axes[1].set_ylabel("output")
    axes[1].legend(frameon=False, loc="upper center", fontsize=9)
    return axes


def _pictures(draws, alts):
    """PNG pictures (and their alt texts) of one small figure redrawn by each draw(ax)."""
    fig = widgets.offscreen_figure(4.0, 3.0, 80.0)
    with plotting.house_style():
        ax = fig.add_axes((0.13, 0.16, 0.83, 0.72))
    pngs = []
    for draw in draws:
        ax.clear()
        with plotting.house_style():
            draw(ax)
        pngs.append(widgets.render_png(fig, colors=32))
    return pngs, list(alts)


def approximation_pictures(units=(2, 4, 6, 10, 16, 24, 40, 64, 100, 160), *,
                           sharpness: float = 20.0):
    """PNG pictures of the sigmoid-bump approximation for each unit count, for a static slider.

    Returns (pngs, labels, captions): labels are the unit counts as text, captions describe
    each picture in words (its alt text).
    """
    where = "approximation_pictures"
    if isinstance(units, (str, bytes)) or not isinstance(units, (list, tuple, range)) \
            or not units:
        raise TypeError(f"{where}: units must be a non-empty list of even unit counts, "
                        f"got {units!r}")
    units = [_even(where, f"units[{i}]", h) for i, h in enumerate(units)]
    sharpness = validate.number(where, "sharpness", sharpness, low=0, low_open=True)
    lo, hi, f = representation.LO, representation.HI, representation.target
    captions = []
    for h in units:
        err = approximation.max_error(f, approximation.sigmoid_bump_network(
            f, lo, hi, h // 2, sharpness=sharpness), lo, hi)
        captions.append(f"The target f(x) = sin(3x) + 0.3 x^2 on [-2, 2] and a one-hidden-layer "
                        f"sigmoid network of {h} units ({h // 2} bumps): the network is a "
                        f"staircase with {h // 2} treads and its largest error is {err:.2f}.")
    draws = [lambda ax, h=h: approximation_panel(h, ax=ax, sharpness=sharpness) for h in units]
    pngs, captions = _pictures(draws, captions)
    return pngs, [str(h) for h in units], captions


def sharpness_pictures(units: int = 40, sharpnesses=representation.SHARPNESSES):
    """PNG pictures of the ``units``-unit sigmoid-bump network for each sharpness.

    Returns (pngs, labels, captions) like ``approximation_pictures``.
    """
    where = "sharpness_pictures"
    units = _even(where, "units", units)
    sharpnesses = _numbers(where, "sharpnesses", sharpnesses, low=0, low_open=True)
    lo, hi, f = representation.LO, representation.HI, representation.target
    captions = []
    for s in sharpnesses:
        err = approximation.max_error(f, approximation.sigmoid_bump_network(
            f, lo, hi, units // 2, sharpness=s), lo, hi)
        captions.append(f"The target f(x) = sin(3x) + 0.3 x^2 on [-2, 2] and a sigmoid network "
                        f"of {units} units whose steps have sharpness {s:g} (steepness times "
                        f"bump width): largest error {err:.2f}.")
    draws = [lambda ax, s=s: approximation_panel(units, ax=ax, sharpness=s, show_sharpness=True)
             for s in sharpnesses]
    pngs, captions = _pictures(draws, captions)
    return pngs, [f"{s:g}" for s in sharpnesses], captions
