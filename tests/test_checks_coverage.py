"""The adversarial suite covers every checker: at least 10 wrong answers (each rejected with a
message that names the mistake) and 2 right answers written differently; and every checker
that runs learner code stops a learner loop that swallows every Exception, instead of hanging."""

import importlib
import inspect
import pkgutil
import time

import numpy as np
import pytest

import nnbook.checks
from adversarial import seeded, swallowing
from nnbook.checks import core

MODULES = sorted(m.name for m in pkgutil.iter_modules(nnbook.checks.__path__) if m.name != "core")


def checkers(module):
    """The module's check functions: the ones the core.checker decorator wrapped."""
    return [fn for name, fn in vars(module).items()
            if name.startswith("check_") and inspect.isfunction(fn) and hasattr(fn, "__wrapped__")
            and fn.__module__ == module.__name__]


ALL = [(name, fn) for name in MODULES
       for fn in checkers(importlib.import_module(f"nnbook.checks.{name}"))]


def tables(name):
    tests = importlib.import_module(f"test_checks_{name}")
    return tests.WRONG, tests.RIGHT


def test_every_module_has_checkers_and_a_table():
    assert len(MODULES) >= 8, MODULES
    assert len(ALL) >= 60, len(ALL)


@pytest.mark.parametrize("name, fn", ALL, ids=[f"{n}.{f.__name__}" for n, f in ALL])
def test_each_checker_has_ten_wrong_and_two_right_answers(name, fn):
    wrong, right = tables(name)
    assert len(wrong.get(fn, [])) >= 10, f"{fn.__name__}: {len(wrong.get(fn, []))} wrong answers"
    assert len(right.get(fn, [])) >= 2, f"{fn.__name__}: {len(right.get(fn, []))} right answers"
    labels = [row[0] for row in wrong[fn]]
    assert len(set(labels)) == len(labels), f"{fn.__name__}: repeated labels"


FUNCTION_CHECKERS = []
for _name, _fn in ALL:
    _, _right = tables(_name)
    _args = _right[_fn][0][1]
    _index = next((i for i, a in enumerate(_args) if callable(a)), None)
    if _index is not None:
        FUNCTION_CHECKERS.append((_fn, _args, _index))


@pytest.mark.parametrize("fn, args, index", FUNCTION_CHECKERS,
                         ids=[f.__name__ for f, _, _ in FUNCTION_CHECKERS])
def test_a_loop_that_swallows_exceptions_is_stopped(fn, args, index, monkeypatch):
    monkeypatch.setattr(core, "TIME_LIMIT", 0.3)
    monkeypatch.setattr(core, "WALL_LIMIT", 3.0)
    answer = list(args)
    answer[index] = swallowing
    start = time.monotonic()
    with seeded(0):
        feedback = fn(*answer)
    assert time.monotonic() - start < 20
    assert feedback.status == "failed" and "was stopped" in feedback.message, feedback


def test_there_are_function_checkers_to_stop():
    assert len(FUNCTION_CHECKERS) >= 35, len(FUNCTION_CHECKERS)


SWEEP_SEEDS, SWEEP_SECONDS = range(1000, 1060), 0.5


def on_fresh_draws(fn, answers, seconds, wrong):
    """Run each of ``answers`` (label, args) through checker ``fn`` on fresh draws, seed after
    seed, until ``seconds`` have passed (at least one draw); the answers whose feedback
    ``wrong(feedback)`` calls wrong, each with its seed."""
    start, found = time.monotonic(), []
    for count, seed in enumerate(SWEEP_SEEDS):
        if count and time.monotonic() - start > seconds:
            break
        for label, args in answers:
            with seeded(seed):
                feedback = fn(*args)
            if wrong(feedback):
                found.append(f"{label!r} with seed {seed}: {feedback}")
    return found


@pytest.mark.parametrize("name, fn", ALL, ids=[f"{n}.{f.__name__}" for n, f in ALL])
def test_right_answers_pass_on_every_draw(name, fn):
    """Checkers draw their cases afresh on every run: a right answer must pass on all of them,
    including the rare draws where a right answer looks like a named mistake (a unit off on
    every example: its zero gradient equals itself divided by N; float32 scores of large inputs,
    as close to a missing bias as to the truth; a unit whose largest input is exactly 0 in one
    order of summation and not in another). Each checker's right answers run on up to 60 draws,
    as many as fit in half a second (one for the checkers that train networks)."""
    _, right = tables(name)
    rejected = on_fresh_draws(fn, right[fn], SWEEP_SECONDS, lambda feedback: not feedback.ok)
    assert not rejected, f"{fn.__name__} rejects right answers: {rejected[:3]}"


@pytest.mark.parametrize("name, fn", ALL, ids=[f"{n}.{f.__name__}" for n, f in ALL])
def test_wrong_answers_fail_on_every_draw(name, fn):
    """A wrong answer must fail on every fresh draw, not only on the draw of its own test (a
    network pasted in passed when both of a check's spirals happened to be turned alike; a case
    whose units were on everywhere could not tell units from (point, unit) pairs). Each checker's
    wrong answers run on fresh draws for a third of a second (one draw for the slow ones)."""
    wrong, _ = tables(name)
    with np.errstate(all="ignore"):  # as run_wrong: wrong formulas may overflow
        passed = on_fresh_draws(
            fn, [row[:2] for row in wrong[fn]], SWEEP_SECONDS / 1.5,
            lambda feedback: feedback.ok or "checker itself" in feedback.message)
    assert not passed, f"{fn.__name__} lets wrong answers through: {passed[:3]}"
