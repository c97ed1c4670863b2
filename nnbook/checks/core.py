"""The harness every exercise checker is built on: it runs learner code safely and validates
whatever comes back before anything else looks at it.

A learner's answer is adversarial input. The harness therefore:

- hands the learner fresh deep copies of every argument, so learner code can never change the
  checker's own data, and notices when the copies were changed in place;
- stops learner code after a time limit that ``except Exception`` cannot swallow (a timer
  signal, or off the main thread a trace of the learner's own lines, raises ``TimeUp``, a
  ``BaseException``, again and again until the code stops) and that is fair to slow but correct
  code (it counts CPU seconds, so a busy machine does not make a correct answer fail; a
  generous wall-clock limit catches code that sleeps);
- validates every result (type, shape, dtype, finiteness) before converting or comparing it;
- words every message in the learner's terms: plain numbers, their own line of code when it
  raises, "not attempted yet" only for the stub itself.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import inspect
import os
import re
import signal
import sys
import sysconfig
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nnkit import validate

TIME_LIMIT = 10.0  # CPU seconds one call of learner code may use
WALL_LIMIT = 60.0  # wall-clock seconds (catches learner code that sleeps instead of computing)
RETRY = 0.25  # once the limit is reached, the interrupt repeats this often (seconds)


# --- the checker author's own arguments --------------------------------------------------------
# A learner's answer never raises (it becomes feedback); the arguments a checker's author passes
# to these helpers (words, tolerances, shapes, options) are code, and raise a named error.


def _text(where: str, name: str, value) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{where}: {name} must be a str (words shown to the learner), "
                        f"got {type(value).__name__} {value!r}")
    return value


def _tolerances(where: str, rtol, atol) -> tuple[float, float]:
    return (validate.number(where, "rtol", rtol, low=0),
            validate.number(where, "atol", atol, low=0))


def _shape(where: str, name: str, shape) -> tuple:
    if not isinstance(shape, (tuple, list)):
        raise TypeError(f"{where}: {name} must be a tuple of sizes such as (3, 4), "
                        f"got {type(shape).__name__} {shape!r}")
    return tuple(validate.whole_number(where, f"{name}[{i}]", n, minimum=0)
                 for i, n in enumerate(shape))


def _options(where: str, options) -> dict:
    if not isinstance(options, dict) or not options:
        raise TypeError(f"{where}: options must be a non-empty dict mapping each letter to its "
                        f"explanation, got {type(options).__name__}")
    for key in options:
        if not (isinstance(key, str) and len(key) == 1 and key.isalpha()):
            raise ValueError(f"{where}: options must be keyed by single letters, got {key!r}")
    return options


def seed_value(where: str, name: str, seed):
    """seed as None (fresh entropy) or a whole number >= 0, or a named error (a check's
    ``settings`` validator, too)."""
    return None if seed is None else validate.whole_number(where, name, seed, minimum=0)


def array_argument(where: str, name: str, x, shape) -> np.ndarray:
    """A reference solution's array argument: a finite float array of ``shape`` (None = any
    size on that axis), or a named error. Reference solutions are called by tests and
    notebooks with arrays they built, never with a learner's answer."""
    validate.float_array(where, name, x)
    if x.ndim != len(shape) or any(s is not None and n != s for n, s in zip(x.shape, shape)):
        want = "(" + ", ".join("any" if s is None else str(s) for s in shape) + \
            ("," if len(shape) == 1 else "") + ")"
        raise ValueError(f"{where}: {name} must have shape {want}, got {x.shape}")
    return validate.finite(where, name, x)


def optional_function(where: str, name: str, value):
    """value if it is None or can be called, or a named TypeError (a ``settings`` validator)."""
    return value if value is None else validate.callable_(where, name, value)


class NotAttempted(Exception):
    """The learner's code is still the stub (it raises NotImplementedError or holds None)."""


class CheckFailed(Exception):
    """One specific thing is wrong; the message says what, ``hint`` says what to try next."""

    def __init__(self, message: str, hint: str = ""):
        _text("CheckFailed", "message", message)
        _text("CheckFailed", "hint", hint)
        super().__init__(message)
        self.message, self.hint = message, hint


class TimeUp(BaseException):
    """Raised inside learner code when its time is up.

    A BaseException, so a learner's ``except Exception:`` does not swallow it.
    """


# --- feedback --------------------------------------------------------------------------------

_MARKS = {"passed": "PASSED", "not attempted": "NOT ATTEMPTED YET", "failed": "NOT YET RIGHT"}
_COLOURS = {"passed": "#0072B2", "not attempted": "#6b6b6b", "failed": "#D55E00"}
_ICONS = {"passed": "&#10004;", "not attempted": "&#8230;", "failed": "&#10008;"}


@dataclass(frozen=True)
class Feedback:
    """What a check found: status is "passed", "not attempted" or "failed"."""

    exercise: str
    status: str
    message: str
    hint: str = ""

    def __post_init__(self):
        for name in ("exercise", "message", "hint"):
            _text("Feedback", name, getattr(self, name))
        if self.status not in _MARKS:
            raise ValueError(f"Feedback: status must be one of {tuple(_MARKS)}, "
                             f"got {self.status!r}")

    @classmethod
    def passed(cls, exercise: str, message: str = "all checks passed") -> "Feedback":
        _text("Feedback.passed", "exercise", exercise)
        _text("Feedback.passed", "message", message)
        return cls(exercise, "passed", message)

    @property
    def ok(self) -> bool:
        return self.status == "passed"

    def __str__(self) -> str:
        text = f"[{_MARKS[self.status]}] {self.exercise}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        colour, icon = _COLOURS[self.status], _ICONS[self.status]
        hint = (f"<div style='margin-top:.3em'><b>Hint:</b> {_html(self.hint)}</div>"
                if self.hint else "")
        return (f"<div class='nnbook-feedback' data-status='{self.status}' "
                f"style='border-left:4px solid {colour};padding:.4em .8em;margin:.3em 0'>"
                f"<b style='color:{colour}'>{icon} {_html(self.exercise)}</b>: "
                f"{_html(self.message)}{hint}</div>")


def _html(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br>"))


def run_checker(exercise: str, body, *, not_attempted: str = "") -> Feedback:
    """Run ``body()`` (which raises CheckFailed / NotAttempted or returns a success message).

    "passed" is only reachable when ``body`` returned; no learner mistake escapes as a traceback.
    """
    _text("run_checker", "exercise", exercise)
    validate.callable_("run_checker", "body", body, "a function of no arguments")
    _text("run_checker", "not_attempted", not_attempted)
    try:
        message = body()
    except NotAttempted as exc:
        return Feedback(exercise, "not attempted", str(exc) or not_attempted
                        or "replace the stub (`raise NotImplementedError`) with your code, "
                           "then run this cell again")
    except CheckFailed as exc:
        return Feedback(exercise, "failed", exc.message, exc.hint)
    except TimeUp:
        return Feedback(exercise, "failed", "your code was still running when its time was up",
                        "look for a loop that never ends")
    except Exception as exc:  # a bug in a checker must still not crash the learner's notebook
        return Feedback(exercise, "failed", f"the checker itself hit {type(exc).__name__}: {exc}",
                        "this is probably a problem with the check, not your answer; "
                        "please report it")
    return Feedback.passed(exercise, message or "all checks passed")


def checker(exercise: str, *, settings: dict | None = None):
    """Decorator: ``def check_x(...)`` (raising CheckFailed/NotAttempted) -> returns Feedback.

    settings maps a keyword argument of the check that is configuration, not an answer (a
    seed, an evaluation function), to a validator ``(where, name, value)``: a bad setting
    raises its named error before the check runs, whereas a bad answer only gets feedback.
    """
    _text("checker", "exercise", exercise)
    settings = {} if settings is None else settings
    if not isinstance(settings, dict) or not all(callable(v) for v in settings.values()):
        raise TypeError(f"checker: settings must be a dict of validators, got {settings!r}")

    def wrap(body):
        @functools.wraps(body)
        def run(*args, **kwargs):
            for name, check in settings.items():
                if name in kwargs:
                    check(body.__name__, name, kwargs[name])
            return run_checker(exercise, lambda: body(*args, **kwargs))
        return run
    return wrap


# --- plain words for values ------------------------------------------------------------------


def show(value, *, limit: int = 60) -> str:
    """A value as a learner would type it: 0.9, not np.float64(0.9); arrays as [1, 2, 3]."""
    if type(limit) is not int:
        limit = validate.whole_number("show", "limit", limit)
    if limit < 8:
        raise ValueError(f"show: limit must be at least 8 characters, got {limit}")
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.6g}"
    if isinstance(value, str):
        text = '"' + value + '"'
    elif isinstance(value, np.ndarray):
        if value.dtype.kind in "fiub" and value.size:
            text = np.array2string(value.astype(float) if value.dtype.kind == "b" else value,
                                   separator=", ", threshold=8, edgeitems=3,
                                   formatter={"float_kind": lambda v: f"{v:.4g}"})
            text = re.sub(r"\s+", " ", text)
        else:
            text = re.sub(r"\s+", " ", repr(value.tolist()))
    elif isinstance(value, (list, tuple)):
        inner = ", ".join(show(v, limit=limit) for v in value[:6])
        if len(value) > 6:
            inner += ", ..."
        comma = "," if len(value) == 1 else ""
        text = f"[{inner}]" if isinstance(value, list) else f"({inner}{comma})"
    elif value is None:
        return "None"
    else:
        text = f"a {type(value).__name__}"
    return text if len(text) <= limit else text[: limit - 4] + " ..."


def kind(value) -> str:
    """What a value is, in words: "None", "a list of 2 items", "an array of shape (3,)"."""
    if value is None:
        return "None"
    if isinstance(value, (bool, np.bool_)):
        return f"the bool {bool(value)}"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if isinstance(value, (tuple, list)):
        items = "item" if len(value) == 1 else "items"
        return f"a {type(value).__name__} of {len(value)} {items}"
    if isinstance(value, str):
        return f"the string {show(value)}"
    if isinstance(value, (int, float, np.integer, np.floating)):
        return f"the number {show(value)}"
    if callable(value):
        return f"a function (`{getattr(value, '__name__', 'function')}`)"
    return f"a {type(value).__name__}"


def _where(inputs: str) -> str:
    return f" for {inputs}" if inputs else ""


def is_number(value) -> bool:
    """True for a real number: int, float, numpy scalar or 0-d array (not bool, not complex)."""
    if isinstance(value, (bool, np.bool_)):
        return False
    if isinstance(value, (int, float, np.integer, np.floating)):
        return True
    return isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf"


# --- validating results ----------------------------------------------------------------------


_RETURN_HINT = "did you forget a `return` statement? (a function without one returns None)"


def number_result(value, *, what: str, inputs: str = "", hint: str = "") -> float:
    """``value`` as a float, or CheckFailed naming what it is instead (validated first)."""
    _text("number_result", "what", what)
    where = _where(inputs)
    if value is None:
        raise CheckFailed(f"{what}{where} is None", _RETURN_HINT)
    if isinstance(value, (bool, np.bool_)):
        raise CheckFailed(f"{what}{where} is {bool(value)}, a bool; expected a number",
                          hint or "return the number itself")
    if isinstance(value, (tuple, list)):
        raise CheckFailed(f"{what}{where} is {kind(value)}; expected one number",
                          hint or "return only that number (did you return two values?)")
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "iuf":
            raise CheckFailed(f"{what}{where} is an array of {_dtype_words(value)}; expected "
                              "one number", hint or "return a float")
        if value.ndim != 0:
            if value.size == 1:
                raise CheckFailed(f"{what}{where} is an array of shape {value.shape} holding "
                                  "one number; expected the number itself",
                                  "turn it into a float: `float(x.item())`, or compute it with "
                                  "np.mean / np.sum over the whole array")
            raise CheckFailed(f"{what}{where} has shape {value.shape}; expected one number",
                              hint or "average (np.mean) or add up (np.sum) to a single float")
        value = value[()]
    if isinstance(value, (complex, np.complexfloating)):
        raise CheckFailed(f"{what}{where} is a complex number; expected a real number",
                          hint or "something took the square root or log of a negative number")
    if not isinstance(value, (int, float, np.integer, np.floating)):
        raise CheckFailed(f"{what}{where} is {kind(value)}; expected a number",
                          hint or "return a float")
    number = float(value)
    if not np.isfinite(number):
        raise CheckFailed(f"{what}{where} is {show(number)}; expected a finite number",
                          hint or "NaN or inf usually means an overflow (exp of a large number) "
                                  "or log(0)")
    return number


def _dtype_words(arr: np.ndarray) -> str:
    return {"b": "booleans (True/False)", "O": "Python objects (dtype object)",
            "c": "complex numbers", "U": "strings", "S": "bytes"}.get(arr.dtype.kind,
                                                                   f"dtype {arr.dtype}")


def array_result(value, *, what: str, inputs: str = "", shape=None, allow_lists: bool = False,
                 hint: str = "", finite: bool = True, finite_hint: str = "") -> np.ndarray:
    """Validate ``value`` as an array of real numbers (of ``shape``, when given); return it.

    A list is refused unless ``allow_lists`` (the exercise asked for an array); a tuple or list
    of arrays is named as such (two values returned where one array was asked for).
    """
    _text("array_result", "what", what)
    if shape is not None:
        shape = _shape("array_result", "shape", shape)
    where = _where(inputs)
    if value is None:
        raise CheckFailed(f"{what}{where} is None", _RETURN_HINT)
    if isinstance(value, (tuple, list)):
        if value and all(isinstance(v, np.ndarray) or isinstance(v, (tuple, list)) and v
                         for v in value) and not allow_lists:
            raise CheckFailed(f"{what}{where} is {kind(value)} holding arrays; expected one array",
                              "return a single numpy array: did you write `return a, b`, "
                              "or collect the results in a list?")
        if not allow_lists:
            raise CheckFailed(f"{what}{where} is a {type(value).__name__}; expected a numpy array",
                              "compute with numpy operations on the whole array; they return an "
                              "array (np.array(...) turns a list into one)")
        try:
            value = np.asarray(value)
        except (ValueError, TypeError):
            raise CheckFailed(f"{what}{where} is a {type(value).__name__} that is not a grid of "
                              "numbers", hint or "every row needs the same number of entries"
                              ) from None
    if is_number(value) and shape == ():
        value = np.asarray(value)
    if not isinstance(value, np.ndarray):
        expected = f"an array of shape {shape}" if shape is not None else "a numpy array"
        raise CheckFailed(f"{what}{where} is {kind(value)}; expected {expected}",
                          hint or "return a numpy array")
    if value.dtype.kind not in "iuf":
        extra = " (convert with `.astype(float)`)" if value.dtype.kind == "b" else ""
        raise CheckFailed(f"{what}{where} is an array of {_dtype_words(value)}; expected "
                          f"numbers{extra}", hint or "return an array of floats")
    if shape is not None and value.shape != tuple(shape):
        raise CheckFailed(f"{what}{where} has shape {value.shape}; expected {tuple(shape)}",
                          hint or "check which axis you sum or index over, and whether you kept "
                                  "the batch dimension")
    if finite and value.dtype.kind == "f" and not np.all(np.isfinite(value)):
        index = tuple(int(i) for i in np.argwhere(~np.isfinite(value))[0])
        at = f" at index {index}" if value.ndim else ""
        raise CheckFailed(f"{what}{where} contains {show(value[index])}{at}",
                          finite_hint or "NaN or inf usually means an overflow (exp of a large "
                                         "number) or 0/0")
    return value


def _flatten(value):
    for item in value:
        if isinstance(item, (list, tuple)):
            yield from _flatten(item)
        else:
            yield item


def typed_array(value, what: str, *, shape, example: str = "") -> np.ndarray:
    """Numbers typed by hand (a list, a nested list, a tuple or an array) as a float array of
    ``shape``; each entry is checked to be a number before anything is converted."""
    _text("typed_array", "what", what)
    shape = _shape("typed_array", "shape", shape)
    if is_number(value):
        raise CheckFailed(f"{what} is the number {show(value)}; expected {int(np.prod(shape))} "
                          f"numbers in the shape {shape}", example or f"write it as an array "
                                                                      f"of shape {shape}")
    if isinstance(value, (list, tuple)):
        for item in _flatten(value):
            if not is_number(item):
                raise CheckFailed(f"{what} contains {kind(item)}; expected numbers only",
                                  example or "write the numbers themselves, without quotes")
        try:
            value = np.array(value, dtype=float)
        except (TypeError, ValueError):
            raise CheckFailed(f"{what} is a {type(value).__name__} that is not a grid of numbers",
                              "every row needs the same number of entries") from None
    arr = array_result(value, what=what, hint=example)
    if arr.shape != tuple(shape):
        if arr.size == int(np.prod(shape)):
            raise CheckFailed(f"{what} has shape {arr.shape}; expected {tuple(shape)}",
                              f"same numbers, other shape: reshape it with .reshape{tuple(shape)}")
        raise CheckFailed(f"{what} has shape {arr.shape}; expected {tuple(shape)}",
                          example or f"write {int(np.prod(shape))} numbers")
    return arr.astype(float)


def tolerance(value, rtol: float, atol: float, scale: float = 1.0) -> tuple[float, float]:
    """(rtol, atol) loosened to what the learner's floating dtype can resolve (float32: ~1e-5)."""
    rtol, atol = _tolerances("tolerance", rtol, atol)
    # scale is the size of a reference value: inf or NaN when a wrong formula divides by 0
    if isinstance(scale, (bool, np.bool_)) or not isinstance(scale, (int, float, np.integer,
                                                                     np.floating)):
        raise TypeError(f"tolerance: scale must be a number, got {type(scale).__name__}")
    if scale < 0:
        raise ValueError(f"tolerance: scale must be >= 0, got {scale}")
    dtype = np.asarray(value).dtype
    if dtype.kind != "f":
        return rtol, atol
    eps = float(np.finfo(dtype).eps)
    return max(rtol, 100 * eps), max(atol, 100 * eps * max(scale, 1e-300))


def close(actual, expected, *, rtol: float = 1e-6, atol: float = 1e-8) -> bool:
    """True when ``actual`` is numeric, of ``expected``'s shape and (nearly) equal values.

    Used to recognise one specific mistake (a flipped sign, a missing factor); anything that is
    not numeric is simply "not close". Tolerances follow the learner's dtype.
    """
    _tolerances("close", rtol, atol)
    if actual is None or isinstance(actual, (str, bytes, dict, set)):
        return False
    if isinstance(actual, (list, tuple)) and np.ndim(expected) > 0:
        return False  # the form is wrong first: compare() says so before any value is judged
    try:
        arr = np.asarray(actual)
    except (TypeError, ValueError):
        return False
    if arr.dtype.kind not in "iuf":
        return False
    expected = np.asarray(expected, dtype=float)
    if arr.shape != expected.shape:
        return False
    scale = float(np.max(np.abs(expected))) if expected.size else 1.0
    rtol, atol = tolerance(arr, rtol, atol, scale)
    with np.errstate(all="ignore"):
        return bool(np.allclose(arr.astype(float), expected, rtol=rtol, atol=atol))


def differ(a, b, *, rtol: float = 1e-6, atol: float = 1e-8) -> bool:
    """True when two reference arrays differ at the tolerance ``compare`` uses (used to make
    sure a wrong formula really gives other values before naming it as the mistake). A number
    stands for an array of its value: ``differ(dW, 0)`` asks whether dW has a non-zero entry."""
    _tolerances("differ", rtol, atol)
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.ndim and b.ndim and a.shape != b.shape:
        return True
    with np.errstate(all="ignore"):
        return not np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=True)


def compare(actual, expected, *, what: str = "your result", inputs: str = "", rtol: float = 1e-6,
            atol: float = 1e-8, hint: str = "", shape_hint: str = "", allow_lists: bool = False,
            finite_hint: str = "") -> None:
    """Validate ``actual`` and raise CheckFailed explaining the first way it differs."""
    _text("compare", "what", what)
    _tolerances("compare", rtol, atol)
    expected = np.asarray(expected, dtype=float)
    where = _where(inputs)
    if expected.ndim == 0 and not isinstance(actual, np.ndarray):
        value = number_result(actual, what=what, inputs=inputs, hint=shape_hint)
        rtol, atol = tolerance(actual if isinstance(actual, np.floating) else 1.0, rtol, atol,
                               abs(float(expected)))
        if not np.isclose(value, float(expected), rtol=rtol, atol=atol):
            raise CheckFailed(f"{what}{where} is {show(value)}; expected {show(float(expected))}",
                              hint)
        return
    arr = array_result(actual, what=what, inputs=inputs, shape=expected.shape, hint=shape_hint,
                       allow_lists=allow_lists, finite_hint=finite_hint)
    scale = float(np.max(np.abs(expected))) if expected.size else 1.0
    rtol, atol = tolerance(arr, rtol, atol, scale)
    values = arr.astype(float)
    wrong = ~np.isclose(values, expected, rtol=rtol, atol=atol)
    if wrong.any():
        index = tuple(int(i) for i in np.argwhere(wrong)[0])
        at = f" at index {index}" if expected.ndim else ""
        count = f" ({int(wrong.sum())} of {wrong.size} entries differ)" if wrong.size > 1 else ""
        raise CheckFailed(f"{what}{where} is {show(values[index])}{at}; expected "
                          f"{show(expected[index])}{count}", hint)


def unpack(result, names, *, fn: str, inputs: str = "", looks_like=None) -> list:
    """Split a returned tuple or list into ``len(names)`` items, or say what came back instead.

    looks_like: one predicate per name; when the items only fit them in another order, the
    message names the swapped order instead of a confusing value error later on.
    """
    if not isinstance(names, (list, tuple)) or not names:
        raise TypeError(f"unpack: names must be a non-empty list of the values' names, "
                        f"got {names!r}")
    for i, name in enumerate(names):
        _text("unpack", f"names[{i}]", name)
    _text("unpack", "fn", fn)
    if looks_like is not None and (not isinstance(looks_like, (list, tuple))
                                   or len(looks_like) != len(names)):
        raise ValueError(f"unpack: looks_like must hold one predicate per name "
                         f"({len(names)}), got {looks_like!r}")
    where = f" on {inputs}" if inputs else ""
    wanted = ", ".join(names)
    if result is None:
        raise CheckFailed(f"`{fn}`{where} returned None", f"end with `return {wanted}`")
    if not isinstance(result, (tuple, list)):
        raise CheckFailed(f"`{fn}`{where} returned {kind(result)}; expected {len(names)} values "
                          f"({wanted})", f"end with `return {wanted}`")
    if len(result) != len(names):
        raise CheckFailed(f"`{fn}`{where} returned {kind(result)}; expected {len(names)} "
                          f"({wanted})", f"end with `return {wanted}`")
    items = list(result)
    if looks_like is not None and not all(p(v) for p, v in zip(looks_like, items)):
        import itertools

        for order in itertools.permutations(range(len(items))):
            if all(looks_like[i](items[j]) for i, j in enumerate(order)):
                got = ", ".join(names[order.index(i)] for i in range(len(names)))
                raise CheckFailed(f"`{fn}`{where} returned its values in the wrong order: "
                                  f"they look like ({got})",
                                  f"return them in the order the exercise asks: `return {wanted}`")
    return items


def has_shape(shape):
    """Predicate for ``unpack``: an array (or, for shape (), a number) of this shape."""
    shape = _shape("has_shape", "shape", shape)
    def test(value):
        if shape == ():
            return is_number(value)
        return np.shape(value) == tuple(shape) if isinstance(value, (np.ndarray, list)) else False
    return test


# --- numbers and letters typed by hand -------------------------------------------------------


def number(answer, expected, *, what: str = "your answer", rtol: float = 1e-6, atol: float = 0.0,
           hint: str = "") -> float:
    """Check one number entered by hand; None means not attempted yet. Returns it as a float."""
    _text("number", "what", what)
    validate.number("number", "expected", expected)
    _tolerances("number", rtol, atol)
    if answer is None:
        raise NotAttempted(f"set {what} to a number, then run this cell again")
    value = typed_number(answer, what, example=f"{what.strip('`')} = 0.5")
    rtol, atol = tolerance(answer if isinstance(answer, np.floating) else 1.0, rtol, atol,
                           abs(float(expected)))
    if not np.isclose(value, float(expected), rtol=rtol, atol=atol):
        raise CheckFailed(f"{what} = {show(value)} is not right", hint)
    return value


def typed_number(answer, what: str, *, example: str) -> float:
    """A hand-entered value as a float, or CheckFailed saying what it is instead."""
    _text("typed_number", "what", what)
    _text("typed_number", "example", example)
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        answer = answer[()]
    if isinstance(answer, (bool, np.bool_)) or not isinstance(answer, (int, float, np.integer,
                                                                       np.floating)):
        raise CheckFailed(f"{what} is {kind(answer)}; expected a number",
                          f"write the number itself, for example `{example}`, "
                          "not a string or a list")
    value = float(answer)
    if not np.isfinite(value):
        raise CheckFailed(f"{what} is {show(value)}; expected a finite number",
                          f"write the number itself, for example `{example}`")
    return value


def whole_number(answer, what: str, *, example: str, why: str) -> int:
    """``answer`` as an int, or CheckFailed if it is not a whole number."""
    _text("whole_number", "what", what)
    _text("whole_number", "why", why)
    value = typed_number(answer, what, example=example)
    if not value.is_integer():
        raise CheckFailed(f"{what} is {show(value)}, which is not a whole number", why)
    return int(value)


_LETTER = re.compile(r"^\(?\s*([A-Za-z])\s*[).:]?$")


def letters(options) -> str:
    """The options' letters in words: "a, b, c or d"."""
    keys = sorted(_options("letters", options))
    return ", ".join(keys[:-1]) + " or " + keys[-1]


def choice(answer, options: dict, correct, *, what: str = "`answer`") -> str:
    """Check a multiple-choice answer; ``options`` maps each letter to its explanation.

    Accepts "b", "B", " b " and "(b)"; anything that is not a string gets a message.
    Returns the correct option's explanation (the checker's success message).
    """
    _options("choice", options)
    _text("choice", "what", what)
    if correct not in options:
        raise ValueError(f"choice: correct must be one of the options {sorted(options)}, "
                         f"got {correct!r}")
    upper = all(k.isupper() for k in options)
    example = f'{what.strip("`")} = "{sorted(options)[0]}"'
    if answer is None:
        raise NotAttempted(f"set {what} to one of the letters {letters(options)} (in quotes), "
                           "then run this cell again")
    if not isinstance(answer, str):
        if isinstance(answer, (list, tuple, set)) and len(answer) == 1 and isinstance(
                next(iter(answer)), str):
            inner = next(iter(answer)).strip()
            raise CheckFailed(f"{what} is {kind(answer)} ({show(list(answer))}); expected the "
                              "letter on its own", f'drop the brackets: `{what.strip("`")} = '
                                                   f'"{inner}"`')
        raise CheckFailed(f"{what} is {kind(answer)}; expected one of the letters "
                          f"{letters(options)}", f"write the letter in quotes, for example "
                                                 f"`{example}`")
    match = _LETTER.match(answer.strip())
    if not match:
        found = [c.upper() if upper else c.lower() for c in re.findall(r"[A-Za-z]", answer)]
        several = (len(found) > 1 and all(c in options for c in found)
                   and re.fullmatch(r"[\sA-Za-z,/&()]+", answer) is not None)
        why = "choose one letter only" if several else f"write just the letter, as in `{example}`"
        raise CheckFailed(f"{what} is {show(answer)}, which is not one of the letters "
                          f"{letters(options)}", why)
    letter = match.group(1).upper() if upper else match.group(1).lower()
    if letter not in options:
        raise CheckFailed(f"{what} is {show(answer)}, which is not one of the letters "
                          f"{letters(options)}", "pick one of the options listed in the exercise")
    if letter != correct:
        raise CheckFailed(f"{what} = \"{letter}\" is not the best answer", options[letter])
    return options[correct]


# --- running learner code --------------------------------------------------------------------


def _library_roots() -> tuple[str, ...]:
    roots = {Path(np.__file__).parent, Path(__file__).resolve().parent.parent}
    import nnkit

    roots.add(Path(nnkit.__file__).resolve().parent)
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        path = sysconfig.get_paths().get(key)
        if path:
            roots.add(Path(path))
    return tuple(sorted(str(r.resolve()) + os.sep for r in roots))


_ROOTS = _library_roots()


@functools.lru_cache(maxsize=4096)
def _is_learner_file(filename: str) -> bool:
    if not filename or filename.startswith("<frozen"):
        return False
    try:
        resolved = str(Path(filename).resolve())
    except (OSError, ValueError):
        return True
    return not resolved.startswith(_ROOTS)


def _learner_line(exc: BaseException) -> str:
    """The learner's own line where ``exc`` came from: "(your line 3 in `relu`: `...`)"."""
    frames = traceback.extract_tb(exc.__traceback__)
    own = [f for f in frames if _is_learner_file(f.filename)]
    if not own:
        return ""
    frame = own[-1]
    return f" (in `{frame.name}`, line {frame.lineno}: `{(frame.line or '').strip()}`)"


def _hint_for_error(exc: BaseException, line: str) -> str:
    if re.search(r"np\.max\(\s*0\s*,|np\.amax\(\s*0\s*,", line):
        return ("np.max(0, z) reads z as an axis number; the elementwise maximum of 0 and z is "
                "np.maximum(0, z)")
    if re.search(r"\bmax\(\s*0\s*,", line) and "ambiguous" in str(exc):
        return "Python's max compares whole arrays; use np.maximum(0, z) for an elementwise max"
    if "could not be broadcast" in str(exc):
        return ("two arrays of different shapes were combined entry by entry; print the shapes "
                "of both sides of that line")
    if "@" in line and ("matmul" in str(exc) or "shapes" in str(exc)):
        return "the matrix shapes do not fit: (N, D) @ (D, H) gives (N, H); print the shapes"
    return "run your function on this input yourself to see the whole error"


def _stub_raiser(exc: NotImplementedError, fn) -> str | None:
    """Name of the function whose stub raised, when it is not ``fn`` itself (a helper)."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return None
    last = frames[-1]
    code = getattr(fn, "__code__", None)
    if code is not None and last.filename == code.co_filename and last.name == code.co_name:
        return None
    if not _is_learner_file(last.filename):
        return None
    return last.name


def _param_name(fn, index: int) -> str:
    try:
        params = list(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        params = []
    return f"`{params[index]}`" if index < len(params) else f"number {index + 1}"


def _fresh(value):
    """A copy of the data in ``value`` (arrays, lists, tuples, dicts, numbers); functions and
    other objects are passed as they are (a checker's probe must see the learner's calls)."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, list):
        return [_fresh(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_fresh(v) for v in value)
    if isinstance(value, dict):
        return {k: _fresh(v) for k, v in value.items()}
    if isinstance(value, (np.generic, int, float, complex, str, bytes, bool)) or value is None:
        return value
    if callable(value):
        return value
    return copy.deepcopy(value)


def _same(a, b) -> bool:
    if isinstance(a, np.ndarray):
        return (isinstance(b, np.ndarray) and a.shape == b.shape and a.dtype == b.dtype
                and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")))
    if isinstance(a, (list, tuple)):
        return (type(a) is type(b) and len(a) == len(b)
                and all(_same(x, y) for x, y in zip(a, b)))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if a is b:
        return True
    if not isinstance(a, (int, float, complex, str, bytes, np.generic)) and a is not None:
        return True  # functions, generators, other objects: not data the learner should keep
    try:
        return bool(a == b) or (a != a and b != b)
    except Exception:
        return False


_active = threading.local()


def _signals_usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def _signal_limit(cpu: float, wall: float):
    """On the main thread: SIGPROF after ``cpu`` CPU seconds, SIGALRM after ``wall`` seconds,
    each raising TimeUp in the running code, and again every RETRY seconds until it ends."""
    armed = [True]

    def on_timer(signum, frame):
        if armed[0]:
            raise TimeUp("cpu" if signum == signal.SIGPROF else "wall")

    previous = {s: signal.signal(s, on_timer) for s in (signal.SIGPROF, signal.SIGALRM)}
    signal.setitimer(signal.ITIMER_PROF, cpu, RETRY)
    signal.setitimer(signal.ITIMER_REAL, wall, RETRY)
    try:
        yield
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        for s, handler in previous.items():
            signal.signal(s, handler)


class _Tracer:
    """A trace function for learner code only (not numpy's, nnkit's or the checker's frames).

    It counts the lines the learner's code runs and, off the main thread (where no signal can
    interrupt it), raises TimeUp at the first learner line after the deadline: raised on every
    line from then on, not even a bare ``except:`` keeps the code running.
    """

    def __init__(self, cpu: float | None = None, wall: float | None = None):
        self.lines = 0
        self.cpu_end = None if cpu is None else time.process_time() + cpu
        self.wall_end = None if wall is None else time.monotonic() + wall

    def __call__(self, frame, event, arg):
        if _is_learner_file(frame.f_code.co_filename):
            self.lines += 1
            return self._local
        return None

    def _local(self, frame, event, arg):
        if event == "line":
            self.lines += 1
            if self.cpu_end is not None and time.process_time() > self.cpu_end:
                raise TimeUp("cpu")
            if self.wall_end is not None and time.monotonic() > self.wall_end:
                raise TimeUp("wall")
        return self._local


def call(fn, *args, name: str = "", inputs: str = "", time_limit: float | None = None,
         count_lines: bool = False):
    """Call learner function ``fn`` on fresh copies of ``args``; return its result.

    Raises NotAttempted for the stub itself, CheckFailed for anything else that goes wrong: not
    a function, a helper that is still a stub, an exception (quoting the learner's own line),
    time up, an argument changed in place. With ``count_lines`` returns (result, lines run).
    """
    _text("call", "name", name)
    _text("call", "inputs", inputs)
    if time_limit is not None:
        validate.number("call", "time_limit", time_limit, low=0, low_open=True)
    label = name or getattr(fn, "__name__", "your function")
    if label == "<lambda>":
        label = "your function"
    where = f" on {inputs}" if inputs else ""
    if fn is None or not callable(fn):
        raise CheckFailed(f"`{label}` is {kind(fn)}, not a function",
                          "run the cell that defines it first, and keep its name")
    given, pristine = _fresh(args), _fresh(args)
    cpu = TIME_LIMIT if time_limit is None else time_limit
    try:
        result, lines = _run_limited(fn, given, cpu, max(WALL_LIMIT, cpu), count_lines)
    except TimeUp as exc:
        clock = "seconds of wall-clock time" if exc.args[:1] == ("wall",) else "CPU seconds"
        limit = max(WALL_LIMIT, cpu) if exc.args[:1] == ("wall",) else cpu
        raise CheckFailed(f"`{label}`{where} was still running after {limit:g} {clock} and was "
                          "stopped", "look for a loop that never ends, or a loop over every "
                                     "element that numpy could do at once") from None
    except NotImplementedError as exc:
        helper = _stub_raiser(exc, fn)
        if helper is None:
            raise NotAttempted() from None
        raise CheckFailed(f"`{label}` calls `{helper}`, which is still the stub (it raises "
                          "NotImplementedError)", f"finish `{helper}` first (an earlier exercise), "
                                                  "run its cell, then run this check again"
                          ) from None
    except (Exception, SystemExit) as exc:
        line = _learner_line(exc)
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise CheckFailed(f"`{label}`{where} raised {type(exc).__name__}"
                          f"{': ' + text if text else ''}{line}",
                          _hint_for_error(exc, line)) from None
    for index, (before, after) in enumerate(zip(pristine, given)):
        if not _same(before, after):
            raise CheckFailed(f"`{label}`{where} changed its argument {_param_name(fn, index)} "
                              "in place", "compute into a new array (for example "
                                          "`np.maximum(0, z)` or `W - lr * dW`) instead of "
                                          "assigning into the input or using `-=`")
    return (result, lines) if count_lines else result


def _run_limited(fn, args, cpu: float, wall: float, count_lines: bool):
    """fn(*args) under the time limit; returns (result, learner lines run or 0).

    On the main thread the limit is a signal; elsewhere the learner's own lines check the
    clock (a tracer). A learner function called from inside another (a check's probe) runs
    under the limit already set.
    """
    nested = getattr(_active, "on", False)
    signals = _signals_usable() and not nested
    tracer = None
    if count_lines or not (signals or nested):
        limited = not (signals or nested)
        tracer = _Tracer(cpu if limited else None, wall if limited else None)
    previous_trace = sys.gettrace()
    _active.on = True
    try:
        with _signal_limit(cpu, wall) if signals else contextlib.nullcontext():
            if tracer is not None:
                sys.settrace(tracer)
            try:
                result = fn(*args)
            finally:
                if tracer is not None:
                    sys.settrace(previous_trace)
    finally:
        _active.on = nested
    return result, (tracer.lines if tracer is not None else 0)


def loop_free(fn, make_args, *, name: str, per: str = "example", sizes=(3, 40),
              what: str = "", hint: str = "") -> None:
    """CheckFailed when the learner's Python work grows with the batch: a loop over examples.

    make_args(n) -> the arguments for a batch of n; the learner's function runs on two sizes
    and the number of lines of *their* code that ran is compared (numpy's work does not count,
    so whole-array code runs the same lines for 3 examples as for 40).
    """
    validate.callable_("loop_free", "make_args", make_args, "a function of the batch size")
    _text("loop_free", "name", name)
    if not isinstance(sizes, (tuple, list)) or len(sizes) != 2:
        raise TypeError(f"loop_free: sizes must be two batch sizes (small, large), got {sizes!r}")
    small = validate.whole_number("loop_free", "sizes[0]", sizes[0])
    if validate.whole_number("loop_free", "sizes[1]", sizes[1]) < small + 2:
        raise ValueError(f"loop_free: sizes[1] must exceed sizes[0] by at least 2, got {sizes}")
    counts = []
    for n in sizes:
        _, lines = call(fn, *make_args(n), name=name, inputs=what or f"a batch of {n}",
                        count_lines=True)
        counts.append(lines)
    small, large = sizes
    plural = per[:-1] + "ies" if per.endswith("y") and per[-2:-1] not in "aeiou" else per + "s"
    if counts[1] - counts[0] >= (large - small) // 2:
        raise CheckFailed(f"`{name}` runs Python code once per {per}: {counts[0]} lines of your "
                          f"code ran for {small} {plural}, {counts[1]} for {large}",
                          hint or f"the exercise asks for whole-array numpy operations, with no "
                                  f"Python loop (for, while, a comprehension or np.vectorize) "
                                  f"over the {plural}")


SEED = None  # tests set a number here to make every check's draws reproducible


def fresh_rng(seed=None) -> np.random.Generator:
    """The generator of a check's random cases: fresh entropy on every call, unless a seed is
    given (or ``SEED`` is set by a test), so no two check runs see the same numbers."""
    seed = seed_value("fresh_rng", "seed", seed)
    return np.random.default_rng(SEED if seed is None else seed)
