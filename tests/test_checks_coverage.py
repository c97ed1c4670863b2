"""The adversarial suite covers every checker: at least 10 wrong answers (each rejected with a
message that names the mistake) and 2 right answers written differently; and every checker
that runs learner code stops a learner loop that swallows every Exception, instead of hanging."""

import importlib
import inspect
import pkgutil
import time

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
