"""The machinery shared by every exercise checker: safe calls, explanations, feedback."""

from __future__ import annotations

import contextlib
import functools
import signal
import threading
import traceback
from dataclasses import dataclass

import numpy as np

TIME_LIMIT = 5.0  # seconds a learner's function may run before it is stopped


class NotAttempted(Exception):
    """The learner's code still raises the stub's NotImplementedError (or returns the stub None)."""


class CheckFailed(Exception):
    """One specific thing is wrong; the message says what, `hint` says where to look."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass(frozen=True)
class Feedback:
    """What a check found: status is "passed", "not attempted" or "failed"."""

    exercise: str
    status: str
    message: str
    hint: str = ""

    @classmethod
    def passed(cls, exercise: str, message: str = "all checks passed") -> "Feedback":
        return cls(exercise, "passed", message)

    @property
    def ok(self) -> bool:
        return self.status == "passed"

    def __str__(self) -> str:
        mark = {"passed": "PASSED", "not attempted": "NOT ATTEMPTED YET", "failed": "NOT YET RIGHT"}[self.status]
        text = f"[{mark}] {self.exercise}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        colour = {"passed": "#0072B2", "not attempted": "#6b6b6b", "failed": "#D55E00"}[self.status]
        icon = {"passed": "&#10004;", "not attempted": "&#8230;", "failed": "&#10008;"}[self.status]
        hint = f"<div style='margin-top:.3em'><b>Hint:</b> {_html(self.hint)}</div>" if self.hint else ""
        return (f"<div style='border-left:4px solid {colour};padding:.4em .8em;margin:.3em 0'>"
                f"<b style='color:{colour}'>{icon} {_html(self.exercise)}</b>: {_html(self.message)}{hint}</div>")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


def run_checker(exercise: str, body, *, not_attempted: str = "") -> Feedback:
    """Run `body()` (which raises CheckFailed / NotAttempted or returns a success message).

    Every checker is written as `return run_checker("Exercise 1.2", lambda: ...)`, so no learner
    mistake ever escapes as a traceback and "passed" is only reachable when `body` returned.
    """
    try:
        message = body()
    except NotAttempted as exc:
        return Feedback(exercise, "not attempted", str(exc) or not_attempted
                        or "replace the stub (`raise NotImplementedError`) with your code, then run this cell again")
    except CheckFailed as exc:
        return Feedback(exercise, "failed", exc.message, exc.hint)
    except Exception as exc:  # a bug in a checker must still not crash the learner's notebook
        return Feedback(exercise, "failed", f"the checker itself hit {type(exc).__name__}: {exc}",
                        "this is probably a problem with the check, not your answer; please report it")
    return Feedback.passed(exercise, message or "all checks passed")


class _TimeLimit(Exception):
    pass


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Interrupt the body after `seconds` (only possible on the main thread, with SIGALRM)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def on_alarm(signum, frame):
        raise _TimeLimit()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _learner_line(exc: BaseException) -> str:
    """The last traceback frame that is not nnkit's own, as 'line N in fn'."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "nnkit/checks" not in f.filename.replace("\\", "/")]
    if not frames:
        return ""
    frame = frames[-1]
    return f" (in `{frame.name}`, line {frame.lineno}: `{(frame.line or '').strip()}`)"


def _copy(value):
    return value.copy() if isinstance(value, np.ndarray) else value


def call(fn, *args, name: str = "", inputs: str = "", time_limit: float = TIME_LIMIT):
    """Call learner function `fn(*args)` and return its result, or raise NotAttempted/CheckFailed.

    name: how to refer to the function in messages (defaults to its __name__).
    inputs: a short description of the arguments, quoted in messages ("z = [-2, 0, 3]").
    The arguments are checked afterwards: a function that modifies its input arrays fails.
    """
    label = name or getattr(fn, "__name__", "your function")
    if fn is None or not callable(fn):
        raise CheckFailed(f"`{label}` is {type(fn).__name__}, not a function",
                          "run the cell that defines it first, and keep its name")
    saved = [_copy(a) for a in args]
    where = f" on {inputs}" if inputs else ""
    try:
        with _time_limit(time_limit):
            result = fn(*args)
    except NotImplementedError as exc:
        raise NotAttempted() from exc
    except _TimeLimit:
        raise CheckFailed(f"`{label}`{where} was still running after {time_limit:g} s and was stopped",
                          "look for a loop that never ends, or a loop over every element that numpy could do at once") from None
    except Exception as exc:
        raise CheckFailed(f"`{label}`{where} raised {type(exc).__name__}: {exc}{_learner_line(exc)}",
                          "run your function on this input yourself to see the error") from None
    for index, (before, after) in enumerate(zip(saved, args)):
        if isinstance(before, np.ndarray) and (before.shape != after.shape or not np.array_equal(before, after, equal_nan=True)):
            raise CheckFailed(f"`{label}`{where} modified its argument {index + 1} in place",
                              "compute into a new array (for example `np.maximum(0, z)`) instead of assigning into the input")
    return result


def compare(actual, expected, *, what: str = "your result", inputs: str = "", rtol: float = 1e-6,
            atol: float = 1e-8, hint: str = "") -> None:
    """Raise CheckFailed explaining the first way `actual` differs from `expected`.

    expected: a number or an array (any shape); actual must match its shape and values.
    """
    where = f" for {inputs}" if inputs else ""
    if actual is None:
        raise CheckFailed(f"{what}{where} is None", hint or "did you forget a `return` statement?")
    expected = np.asarray(expected, dtype=float)
    try:
        actual_arr = np.asarray(actual, dtype=float)
    except (TypeError, ValueError):
        raise CheckFailed(f"{what}{where} is a {type(actual).__name__}, not a number or an array of numbers",
                          hint or "return a numpy array (or a float for a single number)") from None
    if actual_arr.shape != expected.shape:
        raise CheckFailed(f"{what}{where} has shape {actual_arr.shape}; expected shape {expected.shape}",
                          hint or "check which axis you sum or index over, and whether you kept the batch dimension")
    bad = ~np.isfinite(actual_arr) & np.isfinite(expected)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        raise CheckFailed(f"{what}{where} contains {actual_arr[index]} at index {index}; expected {expected[index]:.6g}",
                          hint or "NaN or inf usually means an overflow (exp of a large number) or 0/0")
    wrong = ~np.isclose(actual_arr, expected, rtol=rtol, atol=atol, equal_nan=True)
    if wrong.any():
        index = tuple(int(i) for i in np.argwhere(wrong)[0])
        at = f" at index {index}" if expected.ndim else ""
        count = f" ({int(wrong.sum())} of {wrong.size} entries differ)" if wrong.size > 1 else ""
        raise CheckFailed(f"{what}{where} is {actual_arr[index]:.6g}{at}; expected {expected[index]:.6g}{count}", hint)


def number(answer, expected, *, what: str = "your answer", rtol: float = 1e-6, atol: float = 0.0,
           hint: str = "") -> None:
    """Check a single number entered by hand; None means not attempted yet."""
    if answer is None:
        raise NotAttempted(f"set {what} to a number, then run this cell again")
    if isinstance(answer, bool) or not isinstance(answer, (int, float, np.integer, np.floating)):
        raise CheckFailed(f"{what} is {answer!r} ({type(answer).__name__}); expected a number", hint)
    if not np.isclose(float(answer), float(expected), rtol=rtol, atol=atol):
        raise CheckFailed(f"{what} is {answer!r}, which is not right", hint)


def choice(answer, options: dict, correct, *, what: str = "your answer") -> str:
    """Check a multiple-choice answer; `options` maps each option to its explanation.

    Returns the explanation of the correct option (a checker can pass it on as its success
    message); a wrong option fails with that option's own explanation as the hint.
    """
    if answer is None:
        raise NotAttempted(f"set {what} to one of {sorted(map(repr, options))}")
    if answer not in options:
        raise CheckFailed(f"{what} is {answer!r}, which is not one of the options {sorted(map(repr, options))}")
    if answer != correct:
        raise CheckFailed(f"{what} {answer!r} is not the best answer", options[answer])
    return options[correct]


def close(actual, expected, *, rtol: float = 1e-6, atol: float = 1e-8) -> bool:
    """True when ``actual`` converts to numbers of ``expected``'s shape and (nearly) equal values.

    Checkers use it to recognise one specific mistake (a flipped sign, a missing factor) before the
    generic ``compare``; anything that is not numeric is simply "not close".
    """
    try:
        actual = np.asarray(actual, dtype=float)
    except (TypeError, ValueError):
        return False
    expected = np.asarray(expected, dtype=float)
    return actual.shape == expected.shape and bool(np.allclose(actual, expected, rtol=rtol, atol=atol))


def whole_number(answer, what: str, *, example: str, why: str) -> int:
    """Return ``answer`` as an int, or raise CheckFailed if it is not a whole number.

    example: an assignment shown in the hint ("num_scores = 7"); why: the hint for a fractional value.
    """
    if isinstance(answer, bool) or not isinstance(answer, (int, float, np.integer, np.floating)):
        raise CheckFailed(f"{what} is {answer!r} ({type(answer).__name__}); expected a whole number",
                          f"write the number itself, for example `{example}`, not a string or a list")
    if not float(answer).is_integer():
        raise CheckFailed(f"{what} is {answer!r}, which is not a whole number", why)
    return int(answer)


def checker(exercise: str):
    """Decorator: turn `def check_x(...)` (which raises CheckFailed/NotAttempted) into a checker
    that always returns Feedback."""
    def wrap(body):
        @functools.wraps(body)
        def run(*args, **kwargs):
            return run_checker(exercise, lambda: body(*args, **kwargs))
        return run
    return wrap
