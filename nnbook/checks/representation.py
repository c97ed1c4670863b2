"""Checks for the exercises of chapter 6 (representational power).

A step from a sigmoid, a bump from two steps, a neuron's weights by hand, a bump approximator
(the number and kind of its bumps checked), how many bumps an error needs, what universality
does and does not say, how wide a sigmoid step rises, and a 2-D tower from sigmoid units.
Every case is drawn fresh on each call; common mistakes get their own message: a step in the
wrong place or facing the wrong way, a product of steps where their difference is asked, a bias
of -c instead of -w c, straight-line interpolation or exact rectangles instead of sigmoid bumps,
one bump too many, f evaluated at the query points themselves.
Shapes: N inputs (x of any shape for steps and bumps, (N,) for approximate, X (N, 2) for tower).
"""

from __future__ import annotations

import numpy as np

from nnkit import activations, validate
from nnbook import approximation
from nnbook.checks import core

TARGET_LO, TARGET_HI = -2.0, 2.0


def target(x):
    """sin(3x) + 0.3 x^2, the chapter's target."""
    x = validate.real_array("target", "x", x)
    return np.sin(3.0 * x) + 0.3 * x**2


def _ref_step(x, center, steepness):
    return activations.sigmoid(steepness * (np.asarray(x, dtype=float) - center))


def _ref_bump(x, left, right, height, steepness):
    return height * (_ref_step(x, left, steepness) - _ref_step(x, right, steepness))


def _run(fn, *args, name, inputs):
    """core.call with overflow warnings silenced (1 / (1 + exp(-z)) is right even when exp
    overflows)."""
    with np.errstate(over="ignore", under="ignore"):
        return core.call(fn, *args, name=name, inputs=inputs)


def _x(x):
    return np.array2string(np.asarray(x), precision=3, separator=", ", threshold=6)


# --- Exercise 6.1: step(x, center, steepness) ------------------------------------------------


def _step_cases(rng):
    return (
        (np.linspace(-1.0, 2.0, 7), 0.5, 10.0),
        (np.array([0.0]), 0.0, 1.0),  # a batch of one
        (rng.uniform(-3, 4, (2, 3)), 1.0, 2.0),  # 2-D input
        (np.array([-1000.0, -2.0, 2.0, 1000.0]), -2.0, 5.0),  # huge inputs
        (rng.uniform(-0.5, 0.9, 5), float(rng.uniform(-0.3, 0.5)), 100.0),
    )


@core.checker("Exercise 6.1 (a step from a sigmoid)")
def check_step(step):
    """step(x, center, steepness) must equal sigmoid(steepness * (x - center)), x of any shape."""
    rng = core.fresh_rng()
    x = np.array([-4.0, 0.5, 5.0])
    inputs = "x = [-4, 0.5, 5], center = 0.5, steepness = 20"
    got = _run(step, x, 0.5, 20.0, name="step", inputs=inputs)
    core.array_result(got, what="`step(x, 0.5, 20)`", inputs=inputs, shape=(3,),
                      hint="return one value per entry of x, in x's shape")
    if got[0] > 0.9 and got[2] < 0.1:
        raise core.CheckFailed("your step falls from 1 to 0; it should rise from 0 (left of the "
                               "center) to 1 (right of it)",
                               "use sigmoid(+steepness * (x - center)), not sigmoid(-...) or "
                               "1 - sigmoid(...)")
    if abs(got[1] - 0.5) > 1e-6:
        raise core.CheckFailed(f"at x = center = 0.5 your step is {core.show(got[1])}; the "
                               "middle of the step (0.5) should sit exactly at the center",
                               "subtract the center before scaling: steepness * (x - center), "
                               "not steepness * x - center")
    for x, center, steepness in _step_cases(rng):
        inputs = f"x = {_x(x)}, center = {core.show(center)}, steepness = {core.show(steepness)}"
        got = _run(step, x, center, steepness, name="step", inputs=inputs)
        core.compare(got, _ref_step(x, center, steepness), what="`step`", inputs=inputs,
                     rtol=1e-6, atol=1e-9,
                     hint="step(x, c, w) = sigmoid(w * (x - c)); activations.sigmoid is stable "
                          "for huge inputs", shape_hint="return an array of x's shape")
    core.loop_free(step, lambda n: (rng.uniform(-2, 2, n), 0.1, 5.0), name="step", per="entry")
    return "step(x, c, w) = sigmoid(w (x - c)): 0 left of c, 0.5 at c, 1 right of c"


# --- Exercise 6.2: bump(x, left, right, height, steepness) -----------------------------------


def _bump_cases(rng):
    return (
        (np.linspace(-2.0, 3.0, 11), -0.5, 1.0, 1.0, 12.0),
        (np.array([0.25]), -0.5, 1.0, 2.0, 12.0),  # a batch of one
        (rng.uniform(-1.5, 2.5, (2, 2)), 0.0, 1.0, -1.5, 30.0),  # 2-D input, negative height
        (np.linspace(-1.0, 1.0, 5), -0.5, 0.5, 0.0, 10.0),  # zero height
        (np.array([-500.0, 0.0, 500.0]), -1.0, 1.0, 3.0, 50.0),  # huge inputs
        (np.linspace(-0.2, 0.5, 8), 0.0, 0.3, 1.0, 10.0),  # narrow: both steps half on
    )


@core.checker("Exercise 6.2 (a bump from two steps)")
def check_bump(bump):
    """bump(...) must equal height * (step at left - step at right)."""
    rng = core.fresh_rng()
    x = np.array([-3.0, 0.25, 3.0])
    inputs = "x = [-3, 0.25, 3], left = -0.5, right = 1, height = 2, steepness = 12"
    got = core.array_result(_run(bump, x, -0.5, 1.0, 2.0, 12.0, name="bump", inputs=inputs),
                            what="`bump`", inputs=inputs, shape=(3,),
                            hint="return one value per entry of x, in x's shape")
    if np.isclose(got[2], 4.0, atol=1e-3):
        raise core.CheckFailed("right of the bump your output is 4 instead of 0: you added the "
                               "two steps", "subtract the step at the right edge from the step "
                                            "at the left edge")
    if np.isclose(got[1], -2.0, atol=1e-3):
        raise core.CheckFailed("your bump points down (-2 in the middle instead of +2)",
                               "it is step(left) - step(right), in that order, times height")
    if np.isclose(got[1], 1.0, atol=1e-3):
        raise core.CheckFailed("in the middle of a bump of height 2 your output is 1",
                               "multiply the difference of the two steps by height")
    for x, left, right, height, steepness in _bump_cases(rng):
        inputs = (f"x = {_x(x)}, left = {core.show(left)}, right = {core.show(right)}, "
                  f"height = {core.show(height)}, steepness = {core.show(steepness)}")
        got = _run(bump, x, left, right, height, steepness, name="bump", inputs=inputs)
        want = _ref_bump(x, left, right, height, steepness)
        up, down = _ref_step(x, left, steepness), _ref_step(x, right, steepness)
        for wrong, why, hint in (
                (height * up * (1 - down), "multiplies the steps (on at left times off at "
                                          "right) instead of subtracting them",
                 "the exercise asks for a difference of steps: height * (step(left) - "
                 "step(right)); near the edges, where both steps are partly on, a product "
                 "gives other values"),
                (height * np.minimum(up, 1 - down), "takes the smaller of the two steps",
                 "subtract the steps: height * (step(left) - step(right))")):
            if core.close(got, wrong, atol=1e-9) and core.differ(wrong, want, atol=1e-9):
                raise core.CheckFailed(f"your bump for {inputs} {why}", hint)
        core.compare(got, want, what="`bump`", inputs=inputs, rtol=1e-6, atol=1e-9,
                     hint="bump = height * (step(x, left, steepness) - step(x, right, steepness))",
                     shape_hint="return an array of x's shape")
    return ("a bump is height times (step at the left edge minus step at the right edge): two "
            "neurons")


# --- Exercise 6.3: the weights of a step at x = -0.75 ----------------------------------------

STEP_AT, STEP_STEEPNESS = -0.75, 40.0


@core.checker("Exercise 6.3 (a neuron's weights by hand)")
def check_step_weights(w, b):
    """sigmoid(w x + b) with steepness 40 and its step at x = -0.75: w = 40, b = 30."""
    if w is None or b is None:
        missing = [n for n, v in (("w", w), ("b", b)) if v is None]
        raise core.NotAttempted(f"set {' and '.join(f'`{n}`' for n in missing)} to a number, "
                                "then run this cell again")
    w = core.typed_number(w, "`w`", example="w = 3.0")
    b = core.typed_number(b, "`b`", example="b = 3.0")
    if np.isclose(w, -STEP_STEEPNESS):
        raise core.CheckFailed(f"with w = {core.show(w)} the neuron's output falls from 1 to 0 as "
                               "x grows", "the steepness is the weight itself, and a rising step "
                                          "needs a positive weight")
    if not np.isclose(w, STEP_STEEPNESS):
        raise core.CheckFailed(f"`w` is {core.show(w)}; the steepness of the step is the input "
                               "weight", "sigmoid(w (x - c)) has steepness w")
    if np.isclose(b, STEP_STEEPNESS * STEP_AT):
        raise core.CheckFailed(f"with b = {core.show(b)} the step sits at x = {core.show(-b / w)},"
                               f" not {core.show(STEP_AT)}: the sign of b is flipped",
                               "w x + b = w (x - c) means b = -w c")
    if np.isclose(b, STEP_AT) or np.isclose(b, -STEP_AT):
        raise core.CheckFailed(f"with b = {core.show(b)} the step sits at x = {core.show(-b / w)},"
                               f" not at {core.show(STEP_AT)}: the bias is scaled by w too",
                               "w x + b = w (x - c) means b = -w c")
    if not np.isclose(b, -STEP_STEEPNESS * STEP_AT):
        raise core.CheckFailed(f"with w = {core.show(w)} and b = {core.show(b)} the step sits at "
                               f"x = {core.show(-b / w)}, not at {core.show(STEP_AT)}",
                               "the step is where w x + b = 0, that is x = -b / w")
    return (f"w = {core.show(STEP_STEEPNESS)}, b = -w c = {core.show(-STEP_STEEPNESS * STEP_AT)}: "
            f"sigmoid(w x + b) = 0.5 exactly at x = {core.show(STEP_AT)}")


# --- Exercise 6.4: approximate(f, x, n_bumps, lo, hi) ----------------------------------------

APPROX_TARGETS = (
    ("sin(3x) + 0.3 x^2 on [-2, 2]", target, -2.0, 2.0, {10: 0.9, 40: 0.25, 160: 0.06}),
    ("cos(x) on [0, 3]", np.cos, 0.0, 3.0, {10: 0.3, 40: 0.08, 160: 0.02}),
)


class _Probe:
    """Wraps f and records every point at which the learner's code evaluates it."""

    def __init__(self, f):
        self.f, self.points = f, set()

    def __call__(self, v):
        arr = np.asarray(v, dtype=float)
        self.points.update(np.round(arr.ravel(), 12).tolist())
        return self.f(arr)


def _form(values, inputs):
    """The kind of function the learner built: smooth (sigmoid bumps), or made of straight
    pieces (np.interp, ReLU ramps) or of flat pieces (exact rectangles)."""
    scale = max(float(np.max(np.abs(values))), 1e-9)
    first = np.diff(values)
    second = np.diff(values, 2)
    if np.mean(np.abs(first) <= 1e-12 * scale) > 0.5:
        raise core.CheckFailed(f"`approximate` for {inputs} is flat between jumps: a staircase "
                               "of exact rectangles (indicator bumps), not sigmoid bumps",
                               "build each bump from two sigmoid steps with steepness about "
                               "20 / width, so that it rises smoothly")
    if np.mean(np.abs(second) <= 1e-9 * scale) > 0.5:
        raise core.CheckFailed(f"`approximate` for {inputs} is made of straight pieces: that is "
                               "straight-line interpolation (np.interp) or ReLU ramps, not a sum "
                               "of sigmoid bumps", "add up n_bumps sigmoid bumps: your bump() "
                                                   "from exercise 6.2")


def _approx_error(approximate, f, lo, hi, n_bumps, label, num_points=2001):
    x = np.linspace(lo, hi, num_points)
    inputs = f"f = {label}, x = {num_points} points from {lo:g} to {hi:g}, n_bumps = {n_bumps}"
    probe = _Probe(f)
    got = _run(approximate, probe, x, n_bumps, lo, hi, name="approximate", inputs=inputs)
    got = core.array_result(got, what="`approximate`", inputs=inputs, shape=x.shape,
                            hint="sum the bumps so that each x gets one number",
                            finite_hint="check for a division by zero when you compute the bump "
                                        "width")
    used = len(probe.points)
    if used > n_bumps:
        at_x = len(probe.points & set(np.round(x, 12).tolist()))
        if at_x > x.size // 2:
            raise core.CheckFailed(f"`approximate` for {inputs} evaluates f at {at_x} of the "
                                   "query points x themselves",
                                   f"a network of {n_bumps} bumps only knows f at its {n_bumps} "
                                   "bump centres: evaluate f there, once per bump")
        raise core.CheckFailed(f"`approximate` for {inputs} evaluates f at {used} points, so it "
                               f"has {used} bumps: one per point, {used - n_bumps} too many",
                               "use exactly n_bumps centres: np.linspace(lo, hi, n_bumps)")
    if used < n_bumps and n_bumps > 1:
        raise core.CheckFailed(f"`approximate` for {inputs} evaluates f at only {used} points: "
                               f"{n_bumps - used} of the {n_bumps} bumps have no height of "
                               "their own", "give each bump the height of f at its own centre")
    if n_bumps >= 4:
        _form(got, inputs)
    err = np.abs(got - f(x))
    return float(err.max()), x[int(err.argmax())]


@core.checker("Exercise 6.4 (a bump approximator)")
def check_approximate(approximate):
    """approximate(f, x, n_bumps, lo, hi) -> (N,): n_bumps sigmoid bumps, closer with more."""
    x1 = np.array([0.3])
    inputs = "f = sin(3x) + 0.3 x^2, x = [0.3] (a batch of one), n_bumps = 40, lo = -2, hi = 2"
    one = _run(approximate, target, x1, 40, -2.0, 2.0, name="approximate", inputs=inputs)
    core.array_result(one, what="`approximate`", inputs=inputs, shape=(1,),
                      hint="return one value per entry of x")
    for label, f, lo, hi, limits in APPROX_TARGETS:
        errors = {}
        for n_bumps, limit in limits.items():
            err, where = _approx_error(approximate, f, lo, hi, n_bumps, label)
            errors[n_bumps] = err
            if err >= limit:
                at_end = min(abs(where - lo), abs(where - hi)) < (hi - lo) / n_bumps
                hint = ("the worst point is at the end of the interval: if a bump's edge sits "
                        "exactly on lo or hi, g there is only half the bump's height; let the "
                        "outer bumps reach past the ends" if at_end else
                        "give each bump the height of f at its center, make the bumps tile "
                        "[lo, hi] edge to edge, and use a steepness of about 20 / (bump width)")
                raise core.CheckFailed(f"with {n_bumps} bumps on f = {label} the max error is "
                                       f"{err:.3g} (at x = {where:.3g}); it should be below "
                                       f"{limit:g}", hint)
        if not errors[160] < errors[40] < errors[10]:
            raise core.CheckFailed(f"on f = {label} the max error does not shrink as bumps are "
                                   "added: " + ", ".join(f"{n} bumps: {e:.3g}"
                                                         for n, e in errors.items()),
                                   "narrower bumps need steeper steps: make the steepness "
                                   "proportional to 1 / width")
    return "n_bumps sigmoid bumps, and the max error falls roughly like 1 / n_bumps"


# --- Exercise 6.5: how many bumps for an error of 0.02? --------------------------------------

NEEDED_EPS = 0.02


@core.checker("Exercise 6.5 (how many bumps?)")
def check_bumps_needed(approximate, n_needed):
    """n_needed bumps of the learner's approximate reach max error < 0.02; 10% fewer do not."""
    if n_needed is None:
        raise core.NotAttempted("set `n_needed` to a whole number of bumps, then run this cell "
                                "again")
    count = core.whole_number(n_needed, "`n_needed`", example="n_needed = 10",
                              why="count bumps: 1, 2, 3, ...")
    if count < 1:
        raise core.CheckFailed(f"`n_needed` is {count}; expected a positive number of bumps",
                               "count bumps: 1, 2, 3, ...")
    if count > 5000:
        raise core.CheckFailed(f"`n_needed` = {count} is far more than needed",
                               "the chapter's construction reaches 0.05 with about a hundred "
                               "bumps")
    err, _ = _approx_error(approximate, target, TARGET_LO, TARGET_HI, count, "sin(3x) + 0.3 x^2")
    if err >= NEEDED_EPS:
        raise core.CheckFailed(f"with n_needed = {count} bumps your approximate() has max error "
                               f"{err:.4f}, not below {NEEDED_EPS}",
                               "try more bumps: the error falls roughly like 1 / n_bumps")
    fewer = int(np.floor(0.9 * count))
    if fewer >= 1:
        err_fewer, _ = _approx_error(approximate, target, TARGET_LO, TARGET_HI, fewer,
                                     "sin(3x) + 0.3 x^2")
        if err_fewer < NEEDED_EPS:
            raise core.CheckFailed(f"{count} bumps work, but so do {fewer} (max error "
                                   f"{err_fewer:.4f}): find the smallest number, within 10%",
                                   "halve the gap between a count that works and one that does "
                                   "not, a few times")
    return f"{count} bumps reach max error {err:.4f} < {NEEDED_EPS}; 10% fewer do not"


# --- Exercises 6.6 and 6.7: what universality says -------------------------------------------

TRAINING_OPTIONS = {
    "a": "Not so: the theorem is about existence only. Nothing in it mentions gradient descent, "
         "data or how many steps or units you need.",
    "b": "Right: the theorem promises that a network with small error exists; gradient descent on "
         "finite data can get stuck, and the network it finds may not generalise. It says "
         "nothing about finding the weights.",
    "c": "Not so: the theorem does not depend on training at all, and ReLU units are universal "
         "approximators too (the chapter built ReLU steps and a ReLU interpolant).",
    "d": "Not so: one hidden layer is enough for the theorem; depth is about what is cheap and "
         "easy to learn, not about what is possible.",
}


@core.checker("Exercise 6.6 (does universality promise training works?)")
def check_training_question(answer):
    """The correct option is "b"."""
    return core.choice(answer, TRAINING_OPTIONS, "b", what="`answer_training`")


INDICATOR_OPTIONS = {
    "a": "Not so: indicator bumps are discontinuous, but the theorem is about approximating "
         "continuous targets, and the staircase of rectangles does approximate them. The theorem "
         "is true.",
    "b": "Not so: a sigmoid network approximates an indicator bump as closely as you like on most "
         "of the interval (make the steps steeper); the chapter's staircase turns into one.",
    "c": "Not so: one hidden layer is universal, and for small fully-connected tasks it often "
         "works well; the indicator argument is about what universality fails to explain.",
    "d": "Yes: a lookup table of rectangles is universal too, yet nobody learns with it: it needs "
         "K^D cells in D dimensions, cannot be trained by gradient descent and says nothing about "
         "unseen inputs. So universality alone cannot explain why neural networks work.",
}


@core.checker("Exercise 6.7 (why the indicator bumps are a warning)")
def check_indicator_question(answer):
    """The correct option is "d"."""
    return core.choice(answer, INDICATOR_OPTIONS, "d", what="`answer_indicator`")


# --- Exercise 6.8: how wide a step rises (derivation) ----------------------------------------


def _rise_reference(steepness, q):
    """Distance between the points where sigmoid(steepness * x) is 1 - q and q."""
    return 2 * np.log(q / (1 - q)) / steepness


@core.checker("Exercise 6.8 (rise_width)")
def check_rise_width(rise_width):
    """rise_width(steepness, q) = 2 ln(q / (1 - q)) / steepness, elementwise on arrays."""
    rng = core.fresh_rng()
    cases = [("steepness = 1, q = 0.9", 1.0, 0.9), ("steepness = 20, q = 0.99", 20.0, 0.99),
             ("steepness = 4, q = 0.5 (no rise at all)", 4.0, 0.5),
             ("arrays: 6 random steepnesses and q's", rng.uniform(0.5, 50, 6),
              rng.uniform(0.55, 0.999, 6))]
    for inputs, w, q in cases:
        with np.errstate(all="ignore"):
            out = core.call(rise_width, w, q, inputs=inputs)
        want = _rise_reference(w, q)
        if np.ndim(want) == 0:
            value = core.number_result(out, what="your width", inputs=inputs)
            got = np.array(value)
        else:
            got = core.array_result(out, what="your widths", inputs=inputs, shape=np.shape(want),
                                    hint="work elementwise: numpy operations on the arrays "
                                         "steepness and q")
        logit = np.log(q / (1 - q))
        for wrong, why, hint in (
                (logit / w, "is half the width: from the middle to one side only",
                 "the step reaches q at +ln(q/(1-q))/w and 1 - q at -ln(q/(1-q))/w: "
                 "the width spans both"),
                (2 * np.log10(q / (1 - q)) / w, "uses log10", "the sigmoid's inverse uses the "
                                                              "natural log, np.log"),
                (-want, "is negative: the logit is the wrong way up",
                 "sigmoid(t) = q means t = ln(q / (1 - q)), positive for q > 1/2"),
                (2 * logit * w, "multiplies by the steepness",
                 "a steeper step rises over a shorter distance: divide by the steepness"),
                (2 * np.log(q) / w, "uses ln(q) instead of ln(q / (1 - q))",
                 "solve 1 / (1 + e^(-t)) = q for t"),
                (2 * q / (1 - q) / w, "forgets the logarithm", "solve 1 / (1 + e^(-t)) = q for "
                                                               "t: t = ln(q / (1 - q))")):
            if np.all(np.isfinite(wrong)) and core.close(got, wrong) and core.differ(
                    wrong, want):
                raise core.CheckFailed(f"your width for {inputs} {why}", hint)
        core.compare(got, want, what="your width", inputs=inputs,
                     hint="solve sigmoid(w x) = q and sigmoid(w x) = 1 - q for x; the width is "
                          "the distance between the two solutions")
    return ("width = 2 ln(q / (1 - q)) / steepness: 2 ln 9 / w, about 4.4 / w, from 10% to 90%, "
            "and about 9.2 / w from 1% to 99%: the chapter's '10 / w'")


# --- Exercise 6.9: a 2-D tower from sigmoid units (stretch) ----------------------------------


def _tower_reference(X, x_lo, x_hi, y_lo, y_hi, height, steepness):
    bump_x = _ref_bump(X[:, 0], x_lo, x_hi, 1.0, steepness)
    bump_y = _ref_bump(X[:, 1], y_lo, y_hi, 1.0, steepness)
    return height * activations.sigmoid(steepness * (bump_x + bump_y - 1.5))


@core.checker("Exercise 6.9 (tower)")
def check_tower(tower):
    """tower(X (N, 2), x_lo, x_hi, y_lo, y_hi, height, steepness) -> (N,), the exercise's units."""
    rng = core.fresh_rng()
    cases = [("a 9 x 9 grid around the square [0, 1] x [0, 1], height 2, steepness 30",
              np.stack(np.meshgrid(np.linspace(-0.5, 1.5, 9), np.linspace(-0.5, 1.5, 9)),
                       axis=-1).reshape(-1, 2), (0.0, 1.0, 0.0, 1.0, 2.0, 30.0)),
             ("random points, the rectangle [-1, 0.5] x [0.2, 2], height -1, steepness 20",
              rng.uniform(-2, 3, (40, 2)), (-1.0, 0.5, 0.2, 2.0, -1.0, 20.0)),
             ("one point, the centre of [0, 2] x [0, 2], height 3, steepness 10",
              np.array([[1.0, 1.0]]), (0.0, 2.0, 0.0, 2.0, 3.0, 10.0))]
    for inputs, X, params in cases:
        x_lo, x_hi, y_lo, y_hi, height, k = params
        with np.errstate(over="ignore"):
            out = core.call(tower, X, *params, inputs=inputs)
        want = _tower_reference(X, *params)
        bx = _ref_bump(X[:, 0], x_lo, x_hi, 1.0, k)
        by = _ref_bump(X[:, 1], y_lo, y_hi, 1.0, k)
        by_x = _ref_bump(X[:, 0], y_lo, y_hi, 1.0, k)
        for wrong, why, hint in (
                (height * (bx + by), "adds the two bumps: the result is a cross, 2 x height in "
                                     "the middle and height along both arms",
                 "feed the sum into one more sigmoid unit with bias -1.5 (times the steepness), "
                 "so it fires only where both bumps are on"),
                (height * bx * by, "multiplies the two bumps",
                 "a unit cannot multiply; it adds and squashes: height * sigmoid(steepness * "
                 "(bump_x + bump_y - 1.5))"),
                (height * activations.sigmoid(k * (bx + by)), "has no threshold: the output "
                                                              "unit needs the bias -1.5",
                 "outside the rectangle bump_x + bump_y is 0, and sigmoid(0) = 0.5, not 0"),
                (height * activations.sigmoid(k * (bx + by_x - 1.5)), "uses the first column "
                                                                      "of X for both bumps",
                 "bump_x reads X[:, 0] and bump_y reads X[:, 1]")):
            if core.close(out, wrong) and core.differ(wrong, want):
                raise core.CheckFailed(f"your tower on {inputs} {why}", hint)
        core.compare(out, want, what="your tower", inputs=inputs,
                     hint="height * sigmoid(steepness * (bump_x + bump_y - 1.5)) with unit-height "
                          "bumps in x (X[:, 0]) and y (X[:, 1])",
                     shape_hint="one value per row of X: shape (N,)")
    core.loop_free(tower, lambda n: (rng.uniform(-1, 2, (n, 2)), 0.0, 1.0, 0.0, 1.0, 1.0, 20.0),
                   name="tower", per="point")
    return ("a tower from 5 sigmoid units (4 steps and 1 unit that fires where both bumps are "
            "on): in 2-D, a grid of such towers approximates any continuous function")


def reference_approximate(f, x, n_bumps, lo, hi):
    """The solution of exercise 6.4 (the chapter's construction), for tests."""
    where = "reference_approximate"
    validate.callable_(where, "f", f)
    x = validate.finite(where, "x", validate.real_array(where, "x", x))
    n_bumps = validate.whole_number(where, "n_bumps", n_bumps)
    lo, hi = validate.number(where, "lo", lo), validate.number(where, "hi", hi)
    if not lo < hi:
        raise ValueError(f"{where}: need lo < hi, got lo={lo}, hi={hi}")
    net = approximation.sigmoid_bump_network(f, lo, hi, n_bumps)
    return net(x)
