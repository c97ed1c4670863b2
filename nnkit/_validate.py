"""Argument checks shared by nnkit's modules, each raising an error that names the argument.

Every check takes ``where`` (the caller, e.g. "Linear.forward") so the message says which
call failed, which argument was wrong, what was expected and what arrived.
All checks cost O(1) except ``finite`` and ``labels``, which look at every entry once.
"""

import math
import numbers

import numpy as np


def _shape_text(shape):
    """Format a shape template such as ("N", 3) as "(N, 3)"."""
    return "(" + ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"


def float_array(where, name, x):
    """Return x if it is a numpy array of floats; otherwise raise TypeError."""
    if not isinstance(x, np.ndarray):
        raise TypeError(
            f"{where}: {name} must be a numpy array, got {type(x).__name__}; "
            f"try np.asarray({name}, dtype=float)"
        )
    if x.dtype.kind != "f":
        raise TypeError(
            f"{where}: {name} must be a float array, got dtype {x.dtype}; try {name}.astype(float)"
        )
    return x


def matrix(where, name, x, cols=None, width="D"):
    """Return x if it is a 2-D float array (N, cols); cols=None accepts any width, named width."""
    if not (isinstance(x, np.ndarray) and x.dtype.kind == "f"):
        float_array(where, name, x)
    if x.ndim != 2 or (cols is not None and x.shape[1] != cols):
        want = ("N", width if cols is None else cols)
        raise ValueError(f"{where}: {name} must have shape {_shape_text(want)}, got {x.shape}")
    if x.shape[0] == 0:
        raise ValueError(f"{where}: {name} must have at least one row, got shape {x.shape}")
    return x


def same_shape(where, name, x, shape):
    """Return x if it is a float array of exactly this shape (used for upstream gradients)."""
    if not (isinstance(x, np.ndarray) and x.dtype.kind == "f"):
        float_array(where, name, x)
    if x.shape != shape:
        raise ValueError(
            f"{where}: {name} must have shape {shape} like the forward output, got {x.shape}")
    return x


def finite(where, name, x):
    """Return x if it holds no NaN or inf; otherwise raise ValueError saying where the first is."""
    if not np.isfinite(x).all():
        index = tuple(int(i) for i in np.argwhere(~np.isfinite(x))[0])
        raise ValueError(
            f"{where}: {name} must not contain NaN or inf, found {x[index]} at index {index}")
    return x


def labels(where, y, n, num_classes, name="y"):
    """Return y if it is an int array (n,) with every value in 0..num_classes-1."""
    if not isinstance(y, np.ndarray):
        raise TypeError(
            f"{where}: {name} must be a numpy array of integer labels, got {type(y).__name__}")
    if y.dtype.kind not in "iu":
        raise TypeError(
            f"{where}: {name} must hold integer class labels, got dtype {y.dtype}; "
            f"try {name}.astype(int)"
        )
    if y.shape != (n,):
        raise ValueError(
            f"{where}: {name} must have shape ({n},), one label per row, got {y.shape}")
    if y.min() < 0 or y.max() >= num_classes:
        bad = y[(y < 0) | (y >= num_classes)][0]
        raise ValueError(
            f"{where}: {name} values must be class labels in 0..{num_classes - 1} "
            f"({num_classes} classes), got {bad}"
        )
    return y


def positive_int(where, name, value, minimum=1):
    """Return value if it is an integer >= minimum (1 unless told otherwise)."""
    if not isinstance(value, numbers.Integral) or isinstance(value, bool):
        raise TypeError(
            f"{where}: {name} must be an integer, got {type(value).__name__} {value!r}")
    if value < minimum:
        kind = "a positive integer" if minimum == 1 else f"an integer >= {minimum}"
        raise ValueError(f"{where}: {name} must be {kind}, got {value}")
    return int(value)


def number(where, name, value, low=None, high=None, *, low_open=False, high_open=False):
    """Return value as a float if it is a finite real number within [low, high] (or open ends)."""
    if not isinstance(value, (int, float, np.integer, np.floating)) or isinstance(value, bool):
        raise TypeError(f"{where}: {name} must be a number, got {type(value).__name__} {value!r}")
    value = float(value)
    too_low = low is not None and (value <= low if low_open else value < low)
    too_high = high is not None and (value >= high if high_open else value > high)
    if not math.isfinite(value) or too_low or too_high:
        if high is None:
            want = f"{'>' if low_open else '>='} {low:g}"
        else:
            want = f"in {'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
        raise ValueError(f"{where}: {name} must be a finite number {want}, got {value}")
    return value


def generator(where, rng):
    """Return rng if it is a numpy Generator; nnkit never falls back to the global RNG."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"{where}: rng must be a numpy Generator such as np.random.default_rng(0), "
            f"got {type(rng).__name__}"
        )
    return rng
