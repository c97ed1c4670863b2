"""Checks for the exercises of chapter 6 (representational power): a step from a sigmoid, a bump from two steps, a neuron's weights by hand, a bump approximator and what the universality theorem does and does not say.

Each checker runs the learner's answer on several inputs, including edge cases (a batch of one,
2-D input arrays, very large inputs, negative and zero heights), and returns a ``Feedback``
that says "passed" only when nothing failed.  Common mistakes get their own message: a step
in the wrong place or facing the wrong way, a bump that adds its steps instead of subtracting
them, a bias of -c instead of -w c, an approximation whose error does not shrink at the ends
of the interval.  Shapes: N inputs (x of any shape for steps and bumps, (N,) for approximate).
"""

from __future__ import annotations

import numpy as np

from nnkit import activations
from nnbook import approximation
from nnbook.checks import core

TARGET_LO, TARGET_HI = -2.0, 2.0


def target(x):
    """sin(3x) + 0.3 x^2, the chapter's target."""
    return np.sin(3.0 * x) + 0.3 * x**2


def _ref_step(x, center, steepness):
    return activations.sigmoid(steepness * (np.asarray(x, dtype=float) - center))


def _ref_bump(x, left, right, height, steepness):
    return height * (_ref_step(x, left, steepness) - _ref_step(x, right, steepness))


def _run(fn, *args, name, inputs):
    """core.call with overflow warnings silenced (1 / (1 + exp(-z)) is right even when exp overflows)."""
    with np.errstate(over="ignore", under="ignore"):
        return core.call(fn, *args, name=name, inputs=inputs)


def _as_float(result, what, inputs):
    if result is None:
        raise core.CheckFailed(f"{what} for {inputs} is None", "did you forget a `return` statement?")
    try:
        return np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        raise core.CheckFailed(f"{what} for {inputs} is a {type(result).__name__}, not an array of numbers",
                               "return a numpy array with the same shape as x") from None


# --- Exercise 1: step(x, center, steepness) ------------------------------------------------

STEP_CASES = (
    (np.linspace(-1.0, 2.0, 7), 0.5, 10.0),
    (np.array([0.0]), 0.0, 1.0),  # a batch of one
    (np.array([[-3.0, -1.0, 0.0], [1.0, 2.5, 4.0]]), 1.0, 2.0),  # 2-D input
    (np.array([-1000.0, -2.0, 2.0, 1000.0]), -2.0, 5.0),  # huge inputs
    (np.array([-0.3, 0.2, 0.7]), 0.2, 100.0),
)


@core.checker("Exercise 6.1 (a step from a sigmoid)")
def check_step(step):
    """step(x, center, steepness) must equal sigmoid(steepness * (x - center)), x of any shape."""
    # Where the step sits and which way it faces, first: the two commonest mistakes.
    x = np.array([-4.0, 0.5, 5.0])
    got = _as_float(_run(step, x, 0.5, 20.0, name="step", inputs="x = [-4, 0.5, 5], center 0.5, steepness 20"),
                    "`step(x, 0.5, 20)`", "x = [-4, 0.5, 5]")
    if got.shape == (3,):
        if np.all(np.isfinite(got)) and got[0] > 0.9 and got[2] < 0.1:
            raise core.CheckFailed("your step falls from 1 to 0; it should rise from 0 (left of the center) to 1 (right of it)",
                                   "use sigmoid(+steepness * (x - center)), not sigmoid(-...) or 1 - sigmoid(...)")
        if np.isfinite(got[1]) and abs(got[1] - 0.5) > 1e-6:
            raise core.CheckFailed(f"at x = center = 0.5 your step is {got[1]:.4g}; the middle of the step (0.5) "
                                   "should sit exactly at the center",
                                   "subtract the center before scaling: steepness * (x - center), "
                                   "not steepness * x - center")
    for x, center, steepness in STEP_CASES:
        inputs = f"x = {np.array2string(x, precision=3)}, center = {center}, steepness = {steepness}"
        got = _run(step, x, center, steepness, name="step", inputs=inputs)
        core.compare(got, _ref_step(x, center, steepness), what="`step`", inputs=inputs, rtol=1e-6, atol=1e-9,
                     hint="step(x, c, w) = sigmoid(w * (x - c)); activations.sigmoid is stable for huge inputs")
    return "step(x, c, w) = sigmoid(w (x - c)): 0 left of c, 0.5 at c, 1 right of c"


# --- Exercise 2: bump(x, left, right, height, steepness) -------------------------------------

BUMP_CASES = (
    (np.linspace(-2.0, 3.0, 11), -0.5, 1.0, 1.0, 12.0),
    (np.array([0.25]), -0.5, 1.0, 2.0, 12.0),  # a batch of one
    (np.array([[-1.0, 0.0], [0.5, 2.0]]), 0.0, 1.0, -1.5, 30.0),  # 2-D input, negative height
    (np.linspace(-1.0, 1.0, 5), -0.5, 0.5, 0.0, 10.0),  # zero height
    (np.array([-500.0, 0.0, 500.0]), -1.0, 1.0, 3.0, 50.0),  # huge inputs
)


@core.checker("Exercise 6.2 (a bump from two steps)")
def check_bump(bump):
    """bump(...) must equal height * (step at left - step at right)."""
    x = np.array([-3.0, 0.25, 3.0])
    inputs = "x = [-3, 0.25, 3], left = -0.5, right = 1, height = 2, steepness = 12"
    got = _as_float(_run(bump, x, -0.5, 1.0, 2.0, 12.0, name="bump", inputs=inputs), "`bump`", inputs)
    if got.shape == (3,) and np.all(np.isfinite(got)):
        if np.isclose(got[2], 4.0, atol=1e-3):
            raise core.CheckFailed("right of the bump your output is 4 instead of 0: you added the two steps",
                                   "subtract the step at the right edge from the step at the left edge")
        if np.isclose(got[1], -2.0, atol=1e-3):
            raise core.CheckFailed("your bump points down (-2 in the middle instead of +2)",
                                   "it is step(left) - step(right), in that order, times height")
        if np.isclose(got[1], 1.0, atol=1e-3):
            raise core.CheckFailed("in the middle of a bump of height 2 your output is 1",
                                   "multiply the difference of the two steps by height")
    for x, left, right, height, steepness in BUMP_CASES:
        inputs = (f"x = {np.array2string(x, precision=3)}, left = {left}, right = {right}, "
                  f"height = {height}, steepness = {steepness}")
        got = _run(bump, x, left, right, height, steepness, name="bump", inputs=inputs)
        core.compare(got, _ref_bump(x, left, right, height, steepness), what="`bump`", inputs=inputs,
                     rtol=1e-6, atol=1e-9,
                     hint="bump = height * (step(x, left, steepness) - step(x, right, steepness))")
    return "a bump is height times (step at the left edge minus step at the right edge): two neurons"


# --- Exercise 3: the weights of a step at x = 0.5 --------------------------------------------


@core.checker("Exercise 6.3 (a neuron's weights by hand)")
def check_step_weights(w, b):
    """sigmoid(w x + b) with steepness 20 and its step at x = 0.5: w = 20, b = -10."""
    if w is None or b is None:
        missing = [n for n, v in (("w", w), ("b", b)) if v is None]
        raise core.NotAttempted(f"set {' and '.join(f'`{n}`' for n in missing)} to a number, then run this cell again")
    for name, value in (("w", w), ("b", b)):
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise core.CheckFailed(f"`{name}` is {value!r} ({type(value).__name__}); expected a number",
                                   "write the number itself, for example `w = 3.0`")
    w, b = float(w), float(b)
    if np.isclose(w, -20.0):
        raise core.CheckFailed("with w = -20 the neuron's output falls from 1 to 0 as x grows",
                               "the steepness is the weight itself, and a rising step needs a positive weight")
    if not np.isclose(w, 20.0):
        raise core.CheckFailed(f"`w` is {w:g}; the steepness of the step is the input weight",
                               "sigmoid(w (x - c)) has steepness w")
    if np.isclose(b, 10.0):
        raise core.CheckFailed("with b = +10 the step sits at x = -0.5, not 0.5",
                               "w x + b = w (x - c) means b = -w c")
    if np.isclose(b, -0.5) or np.isclose(b, 0.5):
        raise core.CheckFailed(f"with b = {b:g} the step sits at x = {-b / w:g}, not at 0.5: the bias is scaled by w too",
                               "w x + b = w (x - c) means b = -w c = -20 * 0.5")
    if not np.isclose(b, -10.0):
        raise core.CheckFailed(f"with w = 20 and b = {b:g} the step sits at x = {-b / w:g}, not at 0.5",
                               "the step is where w x + b = 0, that is x = -b / w")
    return "w = 20, b = -w c = -10: sigmoid(20 x - 10) = 0.5 exactly at x = 0.5"


# --- Exercise 4: approximate(f, x, n_bumps, lo, hi) ------------------------------------------

APPROX_TARGETS = (
    ("sin(3x) + 0.3 x^2 on [-2, 2]", target, -2.0, 2.0, {10: 0.9, 40: 0.25, 160: 0.06}),
    ("cos(x) on [0, 3]", np.cos, 0.0, 3.0, {10: 0.3, 40: 0.08, 160: 0.02}),
)


def _approx_error(approximate, f, lo, hi, n_bumps, label, num_points=2001):
    x = np.linspace(lo, hi, num_points)
    inputs = f"f = {label}, x = {num_points} points from {lo:g} to {hi:g}, n_bumps = {n_bumps}"
    got = _run(approximate, f, x, n_bumps, lo, hi, name="approximate", inputs=inputs)
    got = _as_float(got, "`approximate`", inputs)
    if got.shape != x.shape:
        raise core.CheckFailed(f"`approximate` for {inputs} has shape {got.shape}; expected {x.shape}, one value per x",
                               "sum the bumps so that each x gets one number")
    if not np.all(np.isfinite(got)):
        raise core.CheckFailed(f"`approximate` for {inputs} contains NaN or inf",
                               "check for a division by zero when you compute the bump width")
    err = np.abs(got - f(x))
    return float(err.max()), x[int(err.argmax())]


@core.checker("Exercise 6.4 (a bump approximator)")
def check_approximate(approximate):
    """approximate(f, x, n_bumps, lo, hi) -> (N,) must get close to f and closer with more bumps."""
    x1 = np.array([0.3])
    inputs = "f = sin(3x) + 0.3 x^2, x = [0.3] (a batch of one), n_bumps = 40, lo = -2, hi = 2"
    one = _as_float(_run(approximate, target, x1, 40, -2.0, 2.0, name="approximate", inputs=inputs),
                    "`approximate`", inputs)
    if one.shape != (1,):
        raise core.CheckFailed(f"`approximate` for {inputs} has shape {one.shape}; expected (1,)",
                               "return one value per entry of x")
    for label, f, lo, hi, limits in APPROX_TARGETS:
        errors = {}
        for n_bumps, limit in limits.items():
            err, where = _approx_error(approximate, f, lo, hi, n_bumps, label)
            errors[n_bumps] = err
            if err >= limit:
                at_end = min(abs(where - lo), abs(where - hi)) < (hi - lo) / n_bumps
                hint = ("the worst point is at the end of the interval: if a bump's edge sits exactly on lo or hi, "
                        "g there is only half the bump's height; let the outer bumps reach past the ends"
                        if at_end else
                        "give each bump the height of f at its center, make the bumps tile [lo, hi] edge to edge, "
                        "and use a steepness of about 20 / (bump width)")
                raise core.CheckFailed(f"with {n_bumps} bumps on f = {label} the max error is {err:.3g} (at x = {where:.3g}); "
                                       f"it should be below {limit:g}", hint)
        if not errors[160] < errors[40] < errors[10]:
            raise core.CheckFailed(f"on f = {label} the max error does not shrink as bumps are added: "
                                   + ", ".join(f"{n} bumps: {e:.3g}" for n, e in errors.items()),
                                   "narrower bumps need steeper steps: make the steepness proportional to 1 / width")
    return "the max error falls roughly like 1 / n_bumps, as in the chapter"


# --- Exercise 5: how many bumps for an error of 0.02? ----------------------------------------

NEEDED_EPS = 0.02


@core.checker("Exercise 6.5 (how many bumps?)")
def check_bumps_needed(approximate, n_needed):
    """n_needed bumps of the learner's approximate reach max error < 0.02; 10% fewer do not."""
    if n_needed is None:
        raise core.NotAttempted("set `n_needed` to a whole number of bumps, then run this cell again")
    if isinstance(n_needed, bool) or not isinstance(n_needed, (int, np.integer)) or n_needed < 1:
        raise core.CheckFailed(f"`n_needed` is {n_needed!r}; expected a positive whole number (an int)",
                               "count bumps: 1, 2, 3, ...")
    n_needed = int(n_needed)
    if n_needed > 5000:
        raise core.CheckFailed(f"`n_needed` = {n_needed} is far more than needed",
                               "the chapter's construction reaches 0.05 with about a hundred bumps")
    err, _ = _approx_error(approximate, target, TARGET_LO, TARGET_HI, n_needed, "sin(3x) + 0.3 x^2")
    if err >= NEEDED_EPS:
        raise core.CheckFailed(f"with n_needed = {n_needed} bumps your approximate() has max error {err:.4f}, "
                               f"not below {NEEDED_EPS}", "try more bumps: the error falls roughly like 1 / n_bumps")
    fewer = int(np.floor(0.9 * n_needed))
    if fewer >= 1:
        err_fewer, _ = _approx_error(approximate, target, TARGET_LO, TARGET_HI, fewer, "sin(3x) + 0.3 x^2")
        if err_fewer < NEEDED_EPS:
            raise core.CheckFailed(f"{n_needed} bumps work, but so do {fewer} (max error {err_fewer:.4f}): "
                                   "find the smallest number, within 10%",
                                   "halve the gap between a count that works and one that does not, a few times")
    return f"{n_needed} bumps reach max error {err:.4f} < {NEEDED_EPS}; 10% fewer do not"


# --- Exercises 6 and 7: what universality says ----------------------------------------------

TRAINING_OPTIONS = {
    "a": "No: the theorem promises that a network with small error exists; gradient descent on finite data can "
         "get stuck, and the network it finds may not generalise. The theorem says nothing about finding weights.",
    "b": "Not so: the theorem is about existence only. Nothing in it mentions gradient descent, data or how many "
         "steps or units you need.",
    "c": "Not so: the theorem does not depend on training at all, and ReLU units are universal approximators too "
         "(the chapter built ReLU steps and a ReLU interpolant).",
    "d": "Not so: one hidden layer is enough for the theorem; depth is about what is cheap and easy to learn, "
         "not about what is possible.",
}


@core.checker("Exercise 6.6 (does universality promise training works?)")
def check_training_question(answer):
    """The correct option is "a"."""
    return core.choice(answer, TRAINING_OPTIONS, "a", what="`answer_training`")


INDICATOR_OPTIONS = {
    "a": "Not so: indicator bumps are discontinuous, but the theorem is about approximating continuous targets, "
         "and the staircase of rectangles does approximate them uniformly. The theorem is true.",
    "b": "Not so: a sigmoid network approximates an indicator bump as closely as you like on most of the interval "
         "(make the steps steeper); the chapter's staircase turns into one.",
    "c": "Yes: a lookup table of rectangles is universal too, yet nobody learns with it: it needs K^D cells in D "
         "dimensions, cannot be trained by gradient descent and says nothing about unseen inputs. So universality "
         "alone cannot explain why neural networks work.",
    "d": "Not so: one hidden layer is universal, and for small fully-connected tasks it often works well; the "
         "indicator argument is about what universality fails to explain, not about depth.",
}


@core.checker("Exercise 6.7 (why the indicator bumps are a warning)")
def check_indicator_question(answer):
    """The correct option is "c"."""
    return core.choice(answer, INDICATOR_OPTIONS, "c", what="`answer_indicator`")


def reference_approximate(f, x, n_bumps, lo, hi):
    """The solution of exercise 6.4 (the chapter's construction), for tests."""
    net = approximation.sigmoid_bump_network(f, lo, hi, n_bumps)
    return net(x)
