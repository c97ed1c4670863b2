"""Representational power is what functions a network's weights can make it compute; these
experiments build approximations by hand (depth at a fixed budget is nnbook.experiments.depth).

Chapter 6 (ch-representation) and the claim ledger run them; nnbook.figures.representation
draws their results.  Every experiment returns plain numbers (a frozen dataclass or a dict).

* ``approximation_errors``, ``sharpness_errors``, ``units_for_error``: how close the
  hand-built networks of ``nnbook.approximation`` come to ``target`` (no randomness);

Shapes: N inputs, H hidden units, K bumps or stacked networks, S runs.
"""

import dataclasses
from collections.abc import Sequence

import numpy as np

from nnbook import approximation
from nnkit import validate

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
