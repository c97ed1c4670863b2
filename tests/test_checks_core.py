"""The checker harness (nnbook.checks.core): learner code cannot fool it, break it or hang it,
and every mistake comes back as one specific message in the learner's terms."""

import threading
import time

import numpy as np
import pytest

from nnbook import checks
from nnbook.checks import core


@checks.checker("Exercise 0.1: relu")
def check_relu(relu):
    z = np.array([-2.0, -0.5, 0.0, 0.5, 3.0])
    checks.compare(checks.call(relu, z, inputs="z = [-2, -0.5, 0, 0.5, 3]"), np.maximum(0, z),
                   what="relu(z)", inputs="z = [-2, -0.5, 0, 0.5, 3]")
    return "relu is right"


def stub(z):
    raise NotImplementedError("not attempted yet")


def mutating(z):
    z[z < 0] = 0
    return z


def np_max(z):
    return np.max(0, z)


@pytest.mark.parametrize("answer, status, words", [
    (lambda z: np.maximum(0, z), "passed", "relu is right"),
    (lambda z: np.maximum(0, z).astype(np.float32), "passed", "relu is right"),
    (stub, "not attempted", "stub"),
    (None, "failed", "not a function"),
    (lambda z: None, "failed", "is None"),
    (lambda z: z[:3], "failed", "shape (3,); expected (5,)"),
    (lambda z: np.where(z > 0, z, np.nan), "failed", "contains nan"),
    (lambda z: np.abs(z), "failed", "is 2 at index (0,); expected 0"),
    (lambda z: 1 / 0, "failed", "ZeroDivisionError"),
    (mutating, "failed", "changed its argument `z` in place"),
    (lambda z: "relu", "failed", "the string"),
    (lambda z: [np.maximum(0, z), z], "failed", "holding arrays"),
    (lambda z: [0.0, 0.0, 0.0, 0.5, 3.0], "failed", "a list; expected a numpy array"),
    (lambda z: z > 0, "failed", "booleans"),
    (np_max, "failed", "np.maximum(0, z)"),
])
def test_each_mistake_gets_its_own_message(answer, status, words):
    feedback = check_relu(answer)
    assert feedback.status == status, str(feedback)
    assert words in str(feedback)
    assert "Traceback" not in str(feedback) and "np.float64" not in str(feedback)


def test_the_learners_own_line_is_quoted_not_numpys():
    feedback = check_relu(np_max)
    assert "in `np_max`" in feedback.message and "return np.max(0, z)" in feedback.message
    assert "numpy" not in feedback.message.split("(in")[1]


def test_a_finished_function_whose_helper_is_a_stub_is_told_so():
    def helper(z):
        raise NotImplementedError

    def relu(z):
        return helper(z)

    feedback = check_relu(relu)
    assert feedback.status == "failed" and "calls `helper`, which is still the stub" in feedback.message


def swallowing(z):
    while True:
        try:
            sum(range(10000))
        except Exception:
            pass


def sleeping(z):
    while True:
        try:
            time.sleep(0.05)
        except Exception:
            pass


def test_a_loop_that_swallows_every_exception_is_still_stopped(monkeypatch):
    monkeypatch.setattr(core, "TIME_LIMIT", 0.3)
    start = time.monotonic()
    feedback = check_relu(swallowing)
    assert time.monotonic() - start < 5
    assert feedback.status == "failed" and "0.3 CPU seconds" in feedback.message


def test_code_that_sleeps_is_stopped_by_the_wall_clock(monkeypatch):
    monkeypatch.setattr(core, "TIME_LIMIT", 0.3)
    monkeypatch.setattr(core, "WALL_LIMIT", 0.6)
    start = time.monotonic()
    feedback = check_relu(sleeping)
    assert time.monotonic() - start < 5
    assert "wall-clock" in feedback.message


def test_the_limit_counts_cpu_time_so_a_busy_machine_does_not_fail_slow_right_code(monkeypatch):
    """A right answer that waits (as on a machine shared with others) longer than the CPU limit
    in wall-clock time, but uses little CPU, passes."""
    monkeypatch.setattr(core, "TIME_LIMIT", 0.2)

    def slow_but_right(z):
        time.sleep(0.5)
        return np.maximum(0, z)

    assert check_relu(slow_but_right).ok


def test_the_limit_also_works_off_the_main_thread(monkeypatch):
    monkeypatch.setattr(core, "TIME_LIMIT", 0.3)
    results = []
    thread = threading.Thread(target=lambda: results.append(check_relu(swallowing)))
    thread.start()
    thread.join(20)
    assert results and results[0].status == "failed" and "was stopped" in results[0].message
    assert check_relu(lambda z: np.maximum(0, z)).ok  # nothing left armed afterwards


def test_learner_code_gets_copies_and_cannot_damage_the_checker():
    data = np.array([1.0, -2.0])
    seen = []

    def keeps_a_reference(z):
        seen.append(z)
        return z

    core.call(keeps_a_reference, data)
    seen[0][:] = 99.0
    assert np.array_equal(data, [1.0, -2.0])


def test_loops_over_examples_are_found_by_the_lines_they_run():
    def looping(X):
        return np.array([x.sum() for x in X])

    def whole(X):
        return X.sum(axis=1)

    make = lambda n: (np.ones((n, 3)),)  # noqa: E731
    assert core.run_checker("e", lambda: core.loop_free(whole, make, name="whole")).ok
    feedback = core.run_checker("e", lambda: core.loop_free(looping, make, name="looping"))
    assert feedback.status == "failed" and "once per example" in feedback.message


@pytest.mark.parametrize("value, words", [
    (None, "is None"), (True, "a bool"), ((1.0, 2.0), "a tuple of 2 items"),
    (np.array([0.5]), "shape (1,) holding one number"), (np.ones(3), "shape (3,)"),
    ("0.5", "the string"), (float("nan"), "finite"), (1 + 2j, "a complex"),
])
def test_one_number_is_validated_before_it_is_used(value, words):
    feedback = core.run_checker("e", lambda: core.number_result(value, what="x"))
    assert feedback.status == "failed" and words in feedback.message, feedback


def test_plain_numbers_in_messages():
    assert core.show(np.float64(0.9)) == "0.9" and core.show(np.int64(3)) == "3"
    assert core.show(np.array([1.0, 2.5])) == "[1, 2.5]" and core.show("b") == '"b"'
    assert core.show([np.float64(1.5), 2]) == "[1.5, 2]"


def test_tolerances_follow_the_learners_dtype():
    expected = np.array([1.0, 1.0 / 3.0])
    assert core.close(expected.astype(np.float32), expected)
    assert not core.close(expected.astype(np.float32), expected + 1e-4)
    assert core.run_checker("e", lambda: core.compare(expected.astype(np.float32), expected)).ok


@pytest.mark.parametrize("answer, status, words", [
    ("b", "passed", ""), ("B", "passed", ""), (" b ", "passed", ""), ("(b)", "passed", ""),
    (["b"], "failed", 'drop the brackets: `answer = "b"`'), (2, "failed", "the number 2"),
    ("e", "failed", "not one of the letters a, b or c"), ("ab", "failed", "one letter only"),
    ("a", "failed", "not the best answer"), (None, "not attempted", "a, b or c"),
])
def test_multiple_choice_accepts_any_case_and_names_other_types(answer, status, words):
    options = {"a": "no: reason a", "b": "yes", "c": "no: reason c"}
    feedback = core.run_checker("e", lambda: core.choice(answer, options, "b"))
    assert feedback.status == status, feedback
    assert words in feedback.message + feedback.hint
    if answer == "a":
        assert feedback.hint == "no: reason a"


def test_pairs_come_as_tuples_or_lists_and_a_swapped_order_is_named():
    looks = [core.is_number, core.has_shape((3,))]
    assert core.unpack([1.0, np.ones(3)], ["loss", "d"], fn="f", looks_like=looks)[0] == 1.0
    feedback = core.run_checker("e", lambda: core.unpack((np.ones(3), 1.0), ["loss", "d"], fn="f",
                                                         looks_like=looks))
    assert "wrong order" in feedback.message and "(d, loss)" in feedback.message


def test_hand_typed_arrays_are_checked_entry_by_entry():
    assert core.typed_array([[1, 2], [3, 4]], "x", shape=(2, 2)).dtype == float
    for value, words in ((["1", 2], "the string"), ([[1, 2], [3]], "not a grid"), (3.0, "the number 3"),
                         ([1, 2, 3, 4], "reshape")):
        feedback = core.run_checker("e", lambda: core.typed_array(value, "x", shape=(2, 2)))
        assert feedback.status == "failed" and words in feedback.message + feedback.hint, feedback


def test_feedback_renders_as_text_and_html():
    feedback = checks.Feedback("Exercise 1", "failed", "a < b", "look at <this>")
    assert "NOT YET RIGHT" in str(feedback) and "hint: look at <this>" in str(feedback)
    html = feedback._repr_html_()
    assert "&lt;this&gt;" in html and "nnbook-feedback" in html


def test_a_broken_checker_does_not_crash_the_notebook():
    feedback = checks.run_checker("x", lambda: {}["missing"])
    assert feedback.status == "failed" and "checker itself" in feedback.message


def test_fresh_draws_differ_between_calls_unless_seeded():
    assert core.fresh_rng().integers(2**62) != core.fresh_rng().integers(2**62)
    assert core.fresh_rng(3).integers(2**62) == core.fresh_rng(3).integers(2**62)


def test_differ_compares_an_array_with_a_number_entry_by_entry():
    # differ(dW, 0) asks whether dW has a non-zero entry (it used to say True for any array,
    # so a right gradient that is all zero on a draw was named "divided by N")
    assert not core.differ(np.zeros((4, 2)), 0)
    assert core.differ(np.array([0.0, 1e-3]), 0)
    assert not core.differ(0.0, np.zeros(3))
    assert core.differ(np.zeros((2, 3)), np.zeros((3, 2)))
