"""nnbook.checks.representation: every checker passes the reference, reports stubs as not
attempted, and gives a specific message for each common mistake."""

import numpy as np
import pytest

from nnkit import activations
from nnbook import approximation
from nnbook.checks import representation as checks


def stub(*args):
    raise NotImplementedError


def ref_step(x, center, steepness):
    return activations.sigmoid(steepness * (x - center))


def ref_bump(x, left, right, height, steepness):
    return height * (ref_step(x, left, steepness) - ref_step(x, right, steepness))


def assert_fails(feedback, *fragments):
    assert feedback.status == "failed", feedback
    for fragment in fragments:
        assert fragment in feedback.message + " " + feedback.hint, feedback


# --- step ----------------------------------------------------------------------------------

def test_step_reference_and_naive_formula_pass():
    assert checks.check_step(ref_step).ok
    assert checks.check_step(lambda x, c, s: 1 / (1 + np.exp(-s * (x - c)))).ok


def test_step_stub_not_attempted():
    assert checks.check_step(stub).status == "not attempted"


def mutating_step(x, center, steepness):
    x -= center
    return activations.sigmoid(steepness * x)


@pytest.mark.parametrize("wrong, fragments", [
    (lambda x, c, s: None, ["None"]),
    (lambda x, c, s: 1 - ref_step(x, c, s), ["falls from 1 to 0"]),
    (lambda x, c, s: activations.sigmoid(s * x - c), ["should sit exactly at the center"]),
    (lambda x, c, s: activations.sigmoid(x - c), ["expected"]),  # steepness ignored
    (lambda x, c, s: ref_step(x, c, s).ravel()[:1], ["shape"]),
    (lambda x, c, s: 1 / 0, ["ZeroDivisionError"]),
    (mutating_step, ["in place"]),
    ("not a function", ["not a function"]),
])
def test_step_wrong_answers(wrong, fragments):
    assert_fails(checks.check_step(wrong), *fragments)


# --- bump ----------------------------------------------------------------------------------

def test_bump_reference_passes_and_stub_not_attempted():
    assert checks.check_bump(ref_bump).ok
    assert checks.check_bump(approximation.sigmoid_bump).ok
    assert checks.check_bump(stub).status == "not attempted"


@pytest.mark.parametrize("wrong, fragments", [
    (lambda x, l, r, h, s: h * (ref_step(x, l, s) + ref_step(x, r, s)), ["added the two steps"]),
    (lambda x, l, r, h, s: h * (ref_step(x, r, s) - ref_step(x, l, s)), ["points down"]),
    (lambda x, l, r, h, s: ref_step(x, l, s) - ref_step(x, r, s), ["multiply", "height"]),
    (lambda x, l, r, h, s: h * (ref_step(x, l, 1.0) - ref_step(x, r, 1.0)), ["expected"]),
    (lambda x, l, r, h, s: None, ["None"]),
    (lambda x, l, r, h, s: "bump", ["not an array"]),
    (lambda x, l, r, h, s: np.sum(ref_bump(x, l, r, h, s)), ["shape"]),
])
def test_bump_wrong_answers(wrong, fragments):
    assert_fails(checks.check_bump(wrong), *fragments)


# --- hand-entered weights ------------------------------------------------------------------

def test_step_weights():
    assert checks.check_step_weights(20.0, -10.0).ok
    assert checks.check_step_weights(20, -10).ok
    assert checks.check_step_weights(None, None).status == "not attempted"
    assert checks.check_step_weights(20.0, None).status == "not attempted"


@pytest.mark.parametrize("w, b, fragments", [
    (-20.0, 10.0, ["falls from 1 to 0"]),
    (20.0, 10.0, ["x = -0.5"]),
    (20.0, -0.5, ["scaled by w"]),
    (1.0, -0.5, ["steepness"]),
    (20.0, -5.0, ["x = 0.25"]),
    ("20", -10.0, ["expected a number"]),
    (20.0, True, ["expected a number"]),
])
def test_step_weights_wrong(w, b, fragments):
    assert_fails(checks.check_step_weights(w, b), *fragments)


# --- approximate ---------------------------------------------------------------------------

def test_approximate_reference_passes_and_stub_not_attempted():
    assert checks.check_approximate(checks.reference_approximate).ok
    assert checks.check_approximate(stub).status == "not attempted"


def ends_on_edges(f, x, n_bumps, lo, hi):
    """Bumps tiling exactly [lo, hi]: the ends get only half a bump."""
    edges = np.linspace(lo, hi, n_bumps + 1)
    width = edges[1] - edges[0]
    return sum(ref_bump(x, a, a + width, f(np.array([a + width / 2]))[0], 20 / width) for a in edges[:-1])


def fixed_steepness(f, x, n_bumps, lo, hi):
    centers, width = approximation.bump_grid(lo, hi, n_bumps)
    return sum(ref_bump(x, c - width / 2, c + width / 2, f(np.array([c]))[0], 5.0) for c in centers)


@pytest.mark.parametrize("wrong, fragments", [
    (ends_on_edges, ["end of the interval"]),
    (fixed_steepness, ["max error"]),
    (lambda f, x, n, lo, hi: np.zeros(len(x) + 1), ["shape"]),
    (lambda f, x, n, lo, hi: None, ["None"]),
    (lambda f, x, n, lo, hi: np.full(len(x), np.nan), ["NaN"]),
    (lambda f, x, n, lo, hi: checks.reference_approximate(f, x, n, lo, hi)[:, None], ["shape"]),
    (lambda f, x, n, lo, hi: f(x[0]) * np.ones_like(x), ["max error"]),
])
def test_approximate_wrong_answers(wrong, fragments):
    assert_fails(checks.check_approximate(wrong), *fragments)


# --- how many bumps ------------------------------------------------------------------------

def test_bumps_needed():
    assert checks.check_bumps_needed(checks.reference_approximate, 248).ok
    assert checks.check_bumps_needed(checks.reference_approximate, 260).ok
    assert checks.check_bumps_needed(checks.reference_approximate, None).status == "not attempted"


@pytest.mark.parametrize("n, fragments", [
    (100, ["not below 0.02"]),
    (400, ["so do"]),
    (2.5, ["positive whole number"]),
    ("248", ["positive whole number"]),
    (0, ["positive whole number"]),
    (10**6, ["far more"]),
])
def test_bumps_needed_wrong(n, fragments):
    assert_fails(checks.check_bumps_needed(checks.reference_approximate, n), *fragments)


def test_bumps_needed_with_a_stub_approximate():
    feedback = checks.check_bumps_needed(stub, 248)
    assert feedback.status == "not attempted"


# --- multiple choice -----------------------------------------------------------------------

@pytest.mark.parametrize("check, correct", [(checks.check_training_question, "a"),
                                            (checks.check_indicator_question, "c")])
def test_multiple_choice(check, correct):
    assert check(correct).ok
    assert check(None).status == "not attempted"
    wrong = [option for option in "abcd" if option != correct]
    hints = set()
    for option in wrong:
        feedback = check(option)
        assert feedback.status == "failed" and feedback.hint
        hints.add(feedback.hint)
    assert len(hints) == 3  # each wrong option explains itself
    assert_fails(check("e"), "not one of the options")
    assert_fails(check(1), "not one of the options")
