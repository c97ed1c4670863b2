"""Adversarial tables for the chapter 6 checkers (nnbook.checks.representation)."""

import numpy as np
import pytest

from adversarial import (crashing, returns_none, right_params, run_right, run_wrong, stub,
                         wrong_params)
from nnkit import activations
from nnbook.checks import representation as checks

sig = activations.sigmoid


# --- answers ---------------------------------------------------------------------------------

def step(x, center, steepness):
    return sig(steepness * (x - center))


def step_naive(x, center, steepness):
    return 1 / (1 + np.exp(-steepness * (x - center)))


def step_in_place(x, center, steepness):
    x -= center
    return sig(steepness * x)


def bump(x, left, right, height, steepness):
    return height * (step(x, left, steepness) - step(x, right, steepness))


def bump_product(x, left, right, height, steepness):
    return height * step(x, left, steepness) * (1 - step(x, right, steepness))


def bump_minimum(x, left, right, height, steepness):
    return height * np.minimum(step(x, left, steepness), 1 - step(x, right, steepness))


def bump_mirror(x, left, right, height, steepness):
    return height * (step(x, left, steepness) + step(-x, -right, steepness) - 1)


def approximate(f, x, n_bumps, lo, hi):
    if n_bumps == 1:
        centers, width = np.array([(lo + hi) / 2]), hi - lo
    else:
        centers = np.linspace(lo, hi, n_bumps)
        width = centers[1] - centers[0]
    total = np.zeros(np.shape(x))
    for c in centers:
        total = total + bump(x, c - width / 2, c + width / 2, f(np.array([c]))[0], 20.0 / width)
    return total


def approximate_matrix(f, x, n_bumps, lo, hi):
    return checks.reference_approximate(f, x, n_bumps, lo, hi)


def approximate_scalar_loops(f, x, n_bumps, lo, hi):
    """Correct but slow: a pure-Python double loop (the issue's 2-4 s answer)."""
    import math

    width = (hi - lo) / (n_bumps - 1) if n_bumps > 1 else hi - lo
    centers = [lo + i * width for i in range(n_bumps)] if n_bumps > 1 else [(lo + hi) / 2]
    heights = [float(f(np.array([c]))[0]) for c in centers]
    k = 20.0 / width
    out = []
    for xi in x:
        total = 0.0
        for c, h in zip(centers, heights):
            a, b = k * (xi - c + width / 2), k * (xi - c - width / 2)
            total += h * (1 / (1 + math.exp(-a)) - 1 / (1 + math.exp(-b))) if abs(a) < 700 and abs(b) < 700 \
                else h * (float(a > 0) - float(b > 0))
        out.append(total)
    return np.array(out)


def approximate_interp(f, x, n_bumps, lo, hi):
    centers = np.linspace(lo, hi, n_bumps)
    return np.interp(x, centers, f(centers))


def approximate_rectangles(f, x, n_bumps, lo, hi):
    centers = np.linspace(lo, hi, n_bumps)
    nearest = np.abs(x[:, None] - centers[None, :]).argmin(axis=1)
    return f(centers)[nearest]


def approximate_one_more(f, x, n_bumps, lo, hi):
    return approximate(f, x, n_bumps + 1, lo, hi)


def approximate_cheat(f, x, n_bumps, lo, hi):
    return f(x) + 0.01 / n_bumps


def approximate_edges_on_ends(f, x, n_bumps, lo, hi):
    edges = np.linspace(lo, hi, n_bumps + 1)
    centers = (edges[:-1] + edges[1:]) / 2
    width = edges[1] - edges[0]
    total = np.zeros_like(x)
    heights = f(centers)
    for c, h in zip(centers, heights):
        total = total + bump(x, c - width / 2, c + width / 2, h, 20.0 / width)
    return total


def approximate_fixed_steepness(f, x, n_bumps, lo, hi):
    centers = np.linspace(lo, hi, n_bumps)
    width = centers[1] - centers[0]
    return sum(bump(x, c - width / 2, c + width / 2, h, 10.0) for c, h in zip(centers, f(centers)))


def approximate_relu(f, x, n_bumps, lo, hi):
    centers = np.linspace(lo, hi, n_bumps)
    width = centers[1] - centers[0]
    ramp = lambda v: np.clip((v + width / 2) / width, 0, 1)  # noqa: E731
    return sum(h * (ramp(x - c + width / 2) - ramp(x - c - width / 2)) for c, h in zip(centers, f(centers)))


def approximate_in_place(f, x, n_bumps, lo, hi):
    x -= lo  # distances from lo, computed in place
    return approximate(f, x + lo, n_bumps, lo, hi)


def smallest_bumps(approx):
    xs = np.linspace(-2, 2, 2001)

    def max_err(n):
        return np.max(np.abs(approx(checks.target, xs, n, -2.0, 2.0) - checks.target(xs)))

    low, high = 1, 2
    while max_err(high) >= 0.02:
        low, high = high, 2 * high
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (low, mid) if max_err(mid) < 0.02 else (mid, high)
    return high


N_NEEDED = smallest_bumps(approximate)


def rise(steepness, q):
    return 2 * np.log(q / (1 - q)) / steepness


def rise_logit(steepness, q):
    return (np.log(q) - np.log1p(-q) - (np.log(1 - q) - np.log(q))) / steepness


def tower(X, x_lo, x_hi, y_lo, y_hi, height, steepness):
    bx = bump(X[:, 0], x_lo, x_hi, 1.0, steepness)
    by = bump(X[:, 1], y_lo, y_hi, 1.0, steepness)
    return height * sig(steepness * (bx + by - 1.5))


def tower_weights(X, x_lo, x_hi, y_lo, y_hi, height, steepness):
    """The same tower as a 2-4-1-1 network written out with weight matrices."""
    W1 = steepness * np.array([[1.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 1.0]])
    b1 = -steepness * np.array([x_lo, x_hi, y_lo, y_hi])
    W2 = steepness * np.array([[1.0], [-1.0], [1.0], [-1.0]])
    b2 = np.array([-1.5 * steepness])
    return (height * sig(sig(X @ W1 + b1) @ W2 + b2))[:, 0]


def tower_loop(X, *params):
    return np.array([tower(x[None, :], *params)[0] for x in X])


WRONG = {
    checks.check_step: [
        ("falls instead of rising", (lambda x, c, s: 1 - step(x, c, s),), ["falls from 1 to 0"]),
        ("steepness * x - center", (lambda x, c, s: sig(s * x - c),), ["exactly at the center"]),
        ("steepness ignored", (lambda x, c, s: sig(x - c),), ["expected"]),
        ("a single value", (lambda x, c, s: step(x, c, s).ravel()[:1],), ["shape"]),
        ("a crash", (lambda x, c, s: 1 / 0,), ["zerodivisionerror"]),
        ("changes x", (step_in_place,), ["in place", "`x`"]),
        ("not a function", ("not a function",), ["not a function"]),
        ("a list", (lambda x, c, s: step(x, c, s).tolist(),), ["list"]),
        ("a loop", (lambda x, c, s: np.array([float(step(v, c, s)) for v in np.ravel(x)]).reshape(np.shape(x)),),
         ["once per entry"]),
        ("booleans", (lambda x, c, s: x > c,), ["booleans"]),
        ("no return", (returns_none,), ["return"]),
        ("tanh", (lambda x, c, s: np.tanh(s * (x - c)),), ["0.5"]),
    ],
    checks.check_bump: [
        ("steps added", (lambda x, l, r, h, s: h * (step(x, l, s) + step(x, r, s)),), ["added the two steps"]),
        ("upside down", (lambda x, l, r, h, s: h * (step(x, r, s) - step(x, l, s)),), ["points down"]),
        ("no height", (lambda x, l, r, h, s: step(x, l, s) - step(x, r, s),), ["multiply the difference"]),
        ("a product of steps", (bump_product,), ["multiplies the steps", "difference"]),
        ("the smaller step", (bump_minimum,), ["smaller of the two steps"]),
        ("a crash", (crashing,), ["valueerror"]),
        ("no return", (returns_none,), ["return"]),
        ("a list", (lambda *a: bump(*a).tolist(),), ["list"]),
        ("one steepness ignored", (lambda x, l, r, h, s: h * (step(x, l, s) - step(x, r, 2 * s)),),
         ["expected"]),
        ("height added", (lambda x, l, r, h, s: h + step(x, l, s) - step(x, r, s),), ["expected"]),
        ("the step stub", (lambda x, l, r, h, s: h * (stub(x, l, s) - stub(x, r, s)),), ["still the stub"]),
    ],
    checks.check_step_weights: [
        ("falling", (-40, 30), ["falls from 1 to 0"]),
        ("steepness 20", (20, 30), ["steepness"]),
        ("sign of b", (40, -30), ["sign of b is flipped"]),
        ("b unscaled", (40, 0.75), ["scaled by w"]),
        ("b = c", (40, -0.75), ["scaled by w"]),
        ("a string", ("40", 30), ["string"]),
        ("a list", (40, [30]), ["list"]),
        ("True", (True, 30), ["bool"]),
        ("NaN", (40, float("nan")), ["finite"]),
        ("elsewhere", (40, 20), ["not at -0.75"]),
        ("the chapter's step", (20, -10), ["steepness"]),
    ],
    checks.check_approximate: [
        ("np.interp", (approximate_interp,), ["straight pieces", "np.interp"]),
        ("exact rectangles", (approximate_rectangles,), ["exact rectangles"]),
        ("one bump too many", (approximate_one_more,), ["1 too many"]),
        ("f at the query points", (approximate_cheat,), ["query points"]),
        ("edges on the ends", (approximate_edges_on_ends,), ["end of the interval"]),
        ("a fixed steepness", (approximate_fixed_steepness,), ["max error"]),
        ("ReLU ramps", (approximate_relu,), ["straight pieces"]),
        ("sorts x in place", (approximate_in_place,), ["in place"]),
        ("no return", (returns_none,), ["none"]),
        ("a crash", (crashing,), ["valueerror"]),
        ("a list", (lambda *a: approximate(*a).tolist(),), ["list"]),
        ("the bump stub", (lambda f, x, n, lo, hi: stub(x, lo, hi, 1.0, 1.0),), ["still the stub"]),
    ],
    checks.check_bumps_needed: [
        ("too few", (approximate, N_NEEDED // 2), ["not below"]),
        ("far too many", (approximate, 3 * N_NEEDED), ["so do"]),
        ("a float", (approximate, N_NEEDED + 0.5), ["whole number"]),
        ("a string", (approximate, str(N_NEEDED)), ["string"]),
        ("zero", (approximate, 0), ["positive"]),
        ("huge", (approximate, 100000), ["far more"]),
        ("a list", (approximate, [N_NEEDED]), ["list"]),
        ("True", (approximate, True), ["bool"]),
        ("the interp approximator", (approximate_interp, N_NEEDED), ["straight pieces"]),
        ("one", (approximate, 1), ["not below"]),
        ("negative", (approximate, -5), ["positive"]),
    ],
    checks.check_training_question: [
        (letter, (letter,), ["not the best answer"]) for letter in "acd"] + [
        ("e", ("e",), ["not one of the letters"]), ("a list", (["b"],), ["brackets"]),
        ("a number", (2,), ["letter"]), ("two letters", ("a&b",), ["one letter only"]),
        ("empty", ("",), ["not one of the letters"]), ("True", (True,), ["bool"]),
        ("a word", ("no",), ["just the letter"]), ("a float", (0.5,), ["letter"]),
    ],
    checks.check_indicator_question: [
        (letter, (letter,), ["not the best answer"]) for letter in "abc"] + [
        ("e", ("f",), ["not one of the letters"]), ("a list", (["d"],), ["brackets"]),
        ("a number", (4,), ["letter"]), ("two letters", ("cd",), ["one letter only"]),
        ("empty", ("",), ["not one of the letters"]), ("None in a list", ([None],), ["list"]),
        ("a word", ("lookup",), ["just the letter"]), ("False", (False,), ["bool"]),
    ],
    checks.check_rise_width: [
        ("half", (lambda w, q: np.log(q / (1 - q)) / w,), ["half the width"]),
        ("log10", (lambda w, q: 2 * np.log10(q / (1 - q)) / w,), ["log10"]),
        ("upside down", (lambda w, q: 2 * np.log((1 - q) / q) / w,), ["negative"]),
        ("times w", (lambda w, q: 2 * np.log(q / (1 - q)) * w,), ["multiplies by the steepness"]),
        ("ln q", (lambda w, q: 2 * np.log(q) / w,), ["ln(q)"]),
        ("no log", (lambda w, q: 2 * q / (1 - q) / w,), ["forgets the logarithm"]),
        ("a loop with math", (lambda w, q: 2 * __import__("math").log(q / (1 - q)) / w,), ["typeerror"]),
        ("a list", (lambda w, q: list(np.atleast_1d(rise(w, q))),), ["list"]),
        ("no return", (returns_none,), ["none"]),
        ("a crash", (crashing,), ["valueerror"]),
        ("the chapter's rule of thumb", (lambda w, q: 10 / w,), ["expected"]),
    ],
    checks.check_tower: [
        ("added bumps", (lambda X, a, b, c, d, h, k: h * (bump(X[:, 0], a, b, 1.0, k) + bump(X[:, 1], c, d, 1.0, k)),),
         ["adds the two bumps"]),
        ("multiplied bumps", (lambda X, a, b, c, d, h, k: h * bump(X[:, 0], a, b, 1.0, k) * bump(X[:, 1], c, d, 1.0, k),),
         ["multiplies"]),
        ("no threshold", (lambda X, a, b, c, d, h, k: h * sig(k * (bump(X[:, 0], a, b, 1.0, k) + bump(X[:, 1], c, d, 1.0, k))),),
         ["threshold"]),
        ("one column twice", (lambda X, a, b, c, d, h, k: h * sig(k * (bump(X[:, 0], a, b, 1.0, k) + bump(X[:, 0], c, d, 1.0, k) - 1.5)),),
         ["first column"]),
        ("a loop", (tower_loop,), ["once per point"]),
        ("a column", (lambda *a: tower(*a)[:, None],), ["shape"]),
        ("a list", (lambda *a: tower(*a).tolist(),), ["list"]),
        ("no return", (returns_none,), ["return"]),
        ("a crash", (crashing,), ["valueerror"]),
        ("threshold 1", (lambda X, a, b, c, d, h, k: h * sig(k * (bump(X[:, 0], a, b, 1.0, k) + bump(X[:, 1], c, d, 1.0, k) - 1.0)),),
         ["expected"]),
        ("no height", (lambda X, a, b, c, d, h, k: tower(X, a, b, c, d, 1.0, k),), ["expected"]),
    ],
}

RIGHT = {
    checks.check_step: [("activations.sigmoid", (step,)), ("the naive formula", (step_naive,))],
    checks.check_bump: [("two steps", (bump,)), ("a mirrored step", (bump_mirror,))],
    checks.check_step_weights: [("ints", (40, 30)), ("floats", (40.0, -40.0 * -0.75))],
    checks.check_approximate: [("a loop over bumps", (approximate,)), ("weight matrices", (approximate_matrix,)),
                               ("a pure-Python double loop", (approximate_scalar_loops,))],
    checks.check_bumps_needed: [("the smallest", (approximate, N_NEEDED)),
                                ("a few more", (approximate, N_NEEDED + 2))],
    checks.check_training_question: [("b", ("b",)), ("B", ("B",)), ("b)", ("b)",))],
    checks.check_indicator_question: [("d", ("d",)), ("D", ("D",)), ("spaced", ("\td\n",))],
    checks.check_rise_width: [("formula", (rise,)), ("logs apart", (rise_logit,))],
    checks.check_tower: [("bumps", (tower,)), ("weight matrices", (tower_weights,))],
}


@pytest.mark.parametrize("fn, args, words", wrong_params(WRONG))
def test_wrong_answers_are_named(fn, args, words):
    run_wrong(fn, args, words)


@pytest.mark.parametrize("fn, args", right_params(RIGHT))
def test_right_answers_pass(fn, args):
    run_right(fn, args)


@pytest.mark.parametrize("fn, args", [
    (checks.check_step, (stub,)), (checks.check_bump, (stub,)),
    (checks.check_step_weights, (None, -10)), (checks.check_approximate, (stub,)),
    (checks.check_bumps_needed, (approximate, None)), (checks.check_training_question, (None,)),
    (checks.check_indicator_question, (None,)), (checks.check_rise_width, (stub,)),
    (checks.check_tower, (stub,)),
])
def test_stubs_are_not_attempted(fn, args):
    assert fn(*args).status == "not attempted"


def test_a_finished_bump_whose_step_is_a_stub_is_told_so():
    def step(x, center, steepness):
        raise NotImplementedError("not attempted yet")

    def bump(x, left, right, height, steepness):
        return height * (step(x, left, steepness) - step(x, right, steepness))

    feedback = checks.check_bump(bump)
    assert feedback.status == "failed" and "calls `step`, which is still the stub" in feedback.message


def test_the_product_and_the_difference_disagree_on_the_narrow_case():
    x = np.linspace(-0.2, 0.5, 8)
    assert not np.allclose(bump(x, 0.0, 0.3, 1.0, 10.0), bump_product(x, 0.0, 0.3, 1.0, 10.0), atol=1e-3)
