"""The shared exercise-check machinery: every learner mistake becomes specific feedback."""

import time

import numpy as np
import pytest

from nnbook import checks


@checks.checker("Exercise 0.1: relu")
def check_relu(relu):
    z = np.array([-2.0, -0.5, 0.0, 0.5, 3.0])
    checks.compare(checks.call(relu, z, inputs="z = [-2, -0.5, 0, 0.5, 3]"), np.maximum(0, z),
                   what="relu(z)", inputs="z = [-2, -0.5, 0, 0.5, 3]")
    return "relu is right"


def stub(z):
    raise NotImplementedError("not attempted yet")


def looping(z):
    while True:
        pass


def mutating(z):
    z[z < 0] = 0
    return z


@pytest.mark.parametrize("answer, status, words", [
    (lambda z: np.maximum(0, z), "passed", "relu is right"),
    (stub, "not attempted", "stub"),
    (None, "failed", "not a function"),
    (lambda z: None, "failed", "is None"),
    (lambda z: z[:3], "failed", "shape (3,); expected shape (5,)"),
    (lambda z: np.where(z > 0, z, np.nan), "failed", "contains nan"),
    (lambda z: np.abs(z), "failed", "is 2 at index (0,); expected 0"),
    (lambda z: 1 / 0, "failed", "ZeroDivisionError"),
    (mutating, "failed", "modified its argument 1 in place"),
    (lambda z: "relu", "failed", "not a number"),
])
def test_each_mistake_gets_its_own_message(answer, status, words):
    feedback = check_relu(answer)
    assert feedback.status == status, str(feedback)
    assert words in str(feedback)
    assert "Traceback" not in str(feedback)


def test_a_looping_answer_is_stopped(monkeypatch):
    monkeypatch.setattr(checks.core, "TIME_LIMIT", 0.3)
    start = time.perf_counter()
    feedback = checks.run_checker("loop", lambda: checks.call(looping, np.zeros(2), time_limit=0.3))
    assert time.perf_counter() - start < 2
    assert feedback.status == "failed" and "stopped" in feedback.message


def test_number_and_choice():
    assert checks.run_checker("n", lambda: checks.number(None, 26)).status == "not attempted"
    assert checks.run_checker("n", lambda: checks.number("26", 26)).status == "failed"
    assert checks.run_checker("n", lambda: checks.number(25, 26, hint="count biases")).hint == "count biases"
    assert checks.run_checker("n", lambda: checks.number(26, 26)).ok
    options = {"relu": "ReLU units can die: a unit whose input is always negative gets zero gradient",
               "tanh": "tanh saturates but its gradient is never exactly zero"}
    wrong = checks.run_checker("c", lambda: checks.choice("tanh", options, "relu"))
    assert wrong.status == "failed" and "never exactly zero" in wrong.hint
    assert checks.run_checker("c", lambda: checks.choice("relu", options, "relu")).message.startswith("ReLU units")
    assert "not one of the options" in checks.run_checker("c", lambda: checks.choice("elu?", options, "relu")).message


def test_feedback_renders_as_text_and_html():
    feedback = checks.Feedback("Exercise 1", "failed", "a < b", "look at <this>")
    assert "NOT YET RIGHT" in str(feedback) and "hint: look at <this>" in str(feedback)
    assert "&lt;this&gt;" in feedback._repr_html_()


def test_a_broken_checker_does_not_crash_the_notebook():
    feedback = checks.run_checker("x", lambda: {}["missing"])
    assert feedback.status == "failed" and "checker itself" in feedback.message
