"""The adversarial suite's shared pieces: answers of the kinds learners write, fed to a checker
exactly as a workbook's check cell feeds them, and what must come back.

Each tests/test_checks_<module>.py holds two tables for its checkers:

- WRONG[checker]: (label, args, words): the checker must say "failed" (never "passed", never
  "the checker itself hit ...", never an exception) with every word of ``words`` in its message
  or hint, so the message names the mistake;
- RIGHT[checker]: (label, args): right answers written differently from the reference; each
  must pass.

tests/test_checks_coverage.py fails when a checker has fewer than 10 wrong or 2 right answers,
and feeds every checker that takes a function one more learner: a loop that swallows every
``Exception`` around a slow body, which must be stopped, not hang.
"""

from __future__ import annotations

import contextlib

import numpy as np
import pytest

from nnbook import checks


def stub(*args, **kwargs):
    raise NotImplementedError("not attempted yet")


def crashing(*args, **kwargs):
    raise ValueError("something broke")


def returns_none(*args, **kwargs):
    return None


def swallowing(*args, **kwargs):
    """A learner loop that catches every Exception around a slow body: it must still stop."""
    total = 0
    while True:
        try:
            total += sum(i * i for i in range(20000))
        except Exception:
            pass


def rejected(feedback, words) -> None:
    text = (feedback.message + " " + feedback.hint).lower()
    assert feedback.status == "failed", f"a wrong answer was not rejected: {feedback}"
    assert "checker itself" not in feedback.message, f"the checker crashed: {feedback}"
    missing = [w for w in words if w.lower() not in text]
    assert not missing, f"the message does not name the mistake ({missing}): {feedback}"
    assert "np.float64" not in text and "np.int64" not in text, f"numpy reprs: {feedback}"
    assert "Traceback" not in feedback.message


def passed(feedback) -> None:
    assert feedback.ok, f"a right answer was rejected: {feedback}"


def wrong_params(table):
    return [pytest.param(fn, args, words, id=f"{fn.__name__}: {label}")
            for fn, rows in table.items() for label, args, words in rows]


def right_params(table):
    return [pytest.param(fn, args, id=f"{fn.__name__}: {label}")
            for fn, rows in table.items() for label, args in rows]


@contextlib.contextmanager
def seeded(seed):
    """Make the checkers' fresh draws reproducible for one test."""
    before = checks.core.SEED
    checks.core.SEED = seed
    try:
        yield
    finally:
        checks.core.SEED = before


def run_wrong(fn, args, words, seed=0):
    with seeded(seed), np.errstate(all="ignore"):
        rejected(fn(*args), words)


def run_right(fn, args, seeds=(0, 1)):
    for seed in seeds:
        with seeded(seed):
            passed(fn(*args))


__all__ = ["checks", "stub", "crashing", "returns_none", "swallowing", "rejected", "passed",
           "wrong_params", "right_params", "run_wrong", "run_right"]
