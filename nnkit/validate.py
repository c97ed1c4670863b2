"""A validator checks one argument and raises an error that says exactly what is wrong with it.

Every check takes ``where`` (the call, e.g. "Linear.forward") and the argument's name, and its
message names the call, the argument, what was expected and what arrived: TypeError for a wrong
type, ValueError for a wrong shape or value. Each returns what it accepted (``number`` as a
float). nnkit and the book's package share it. Only ``finite`` and ``labels`` cost O(N).
"""

import math
import numbers

import numpy as np


def _shape_text(shape):
    """Format a shape template such as ("N", 3) as "(N, 3)"."""
    return "(" + ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"


def _type_text(value):
    return f"{type(value).__name__} {value!r}" if np.ndim(value) == 0 else type(value).__name__


def float_array(where, name, x):
    """Return x if it is a numpy array of real floats; otherwise raise TypeError."""
    if not isinstance(x, np.ndarray):
        raise TypeError(f"{where}: {name} must be a numpy array, got {type(x).__name__}; "
                        f"try np.asarray({name}, dtype=float)")
    if x.dtype.kind != "f":
        hint = ("complex numbers are not supported" if x.dtype.kind == "c"
                else f"try {name}.astype(float)")
        raise TypeError(f"{where}: {name} must be a float array, got dtype {x.dtype}; {hint}")
    return x


def real_array(where, name, x):
    """Return np.asarray(x) if it holds real numbers (int or float; not bool, complex or text)."""
    x = np.asarray(x)
    if x.dtype.kind not in "iuf":
        raise TypeError(f"{where}: {name} must hold real numbers (int or float), "
                        f"got dtype {x.dtype}")
    return x


def matrix(where, name, x, cols=None, width="D", stack=None):
    """Return x if it is a float array (N, cols) with N >= 1; cols=None accepts any width >= 1.

    With stack=K, x may also be (K, N, cols): one batch for each of K stacked networks.
    """
    if not (isinstance(x, np.ndarray) and x.dtype.kind == "f"):
        float_array(where, name, x)
    ok_3d = stack is not None and x.ndim == 3 and x.shape[0] == stack
    if (x.ndim != 2 and not ok_3d) or (cols is not None and x.shape[-1] != cols):
        want = _shape_text(("N", width if cols is None else cols))
        if stack is not None:
            want += " or " + _shape_text((stack, "N", width if cols is None else cols))
        raise ValueError(f"{where}: {name} must have shape {want}, got {x.shape}")
    if x.shape[-2] == 0 or x.shape[-1] == 0:
        raise ValueError(
            f"{where}: {name} must have at least one row and one column, got shape {x.shape}")
    return x


def extent(where, box, name="extent"):
    """Return box as 4 floats (xmin, xmax, ymin, ymax): finite, xmin < xmax and ymin < ymax."""
    v = real_array(where, name, box)
    if v.shape != (4,) or not (np.isfinite(v).all() and v[0] < v[1] and v[2] < v[3]):
        raise ValueError(f"{where}: {name} must be 4 finite numbers (xmin, xmax, ymin, ymax) "
                         f"with xmin < xmax and ymin < ymax, got {box!r}")
    return tuple(float(x) for x in v)


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


def labels(where, y, n, num_classes=None, name="y"):
    """Return y if it is an int array (n,) of class labels: 0..num_classes-1, or any >= 0."""
    if not isinstance(y, np.ndarray):
        raise TypeError(
            f"{where}: {name} must be a numpy array of integer labels, got {type(y).__name__}")
    if y.dtype.kind not in "iu":
        raise TypeError(f"{where}: {name} must hold integer class labels, got dtype {y.dtype}; "
                        f"try {name}.astype(int)")
    if y.shape != (n,):
        raise ValueError(
            f"{where}: {name} must have shape ({n},), one label per row, got {y.shape}")
    high = np.inf if num_classes is None else num_classes
    if y[y.argmin()] < 0 or y[y.argmax()] >= high:  # y.min() and y.max(), only cheaper
        bad = y[(y < 0) | (y >= high)][0]
        want = ("labels >= 0" if num_classes is None else
                f"class labels in 0..{num_classes - 1} ({num_classes} classes)")
        raise ValueError(f"{where}: {name} values must be {want}, got {bad}")
    return y


def whole_number(where, name, value, minimum=1, maximum=None):
    """Return value as an int if it is a whole number in [minimum, maximum] (not 3.7, not True)."""
    if type(value) is not int and (not isinstance(value, numbers.Integral)  # (fast for ints)
                                   or isinstance(value, (bool, np.bool_))):
        raise TypeError(f"{where}: {name} must be a whole number (int), got {_type_text(value)}")
    if value < minimum or (maximum is not None and value > maximum):
        want = (("a positive integer" if minimum == 1 else f"an integer >= {minimum}")
                if maximum is None else f"an integer in {minimum}..{maximum}")
        raise ValueError(f"{where}: {name} must be {want}, got {value}")
    return int(value)


def number(where, name, value, low=None, high=None, *, low_open=False, high_open=False):
    """Return value as a float if it is a finite real number within [low, high] (or open ends)."""
    if type(value) is not float and (not isinstance(value, (numbers.Integral, np.floating))
                                     or isinstance(value, (bool, np.bool_))):
        raise TypeError(f"{where}: {name} must be a number, got {_type_text(value)}")
    try:
        value = float(value)
    except OverflowError:  # an int such as 10**400 has no float
        value = math.inf
    too_low = low is not None and (value <= low if low_open else value < low)
    too_high = high is not None and (value >= high if high_open else value > high)
    if not math.isfinite(value) or too_low or too_high:
        if high is None:
            want = "" if low is None else f" {'>' if low_open else '>='} {low:g}"
        else:
            want = f" in {'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
        raise ValueError(f"{where}: {name} must be a finite number{want}, got {value}")
    return value


def generator(where, rng, name="rng"):
    """Return rng if it is a numpy Generator; nnkit never falls back to the global RNG."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"{where}: {name} must be a numpy Generator such as "
                        f"np.random.default_rng(0), got {type(rng).__name__}")
    return rng


def choice(where, name, value, options):
    """Return value if it is one of options (a tuple of strings or numbers), listing them if not."""
    if not (isinstance(value, (str, numbers.Number)) and value in options):
        raise ValueError(f"{where}: {name} must be one of {tuple(options)}, got {value!r}")
    return value


def callable_(where, name, value, expected="a function"):
    """Return value if it can be called; expected says what kind of callable is wanted."""
    if not callable(value):
        raise TypeError(f"{where}: {name} must be {expected}, got {type(value).__name__}")
    return value


def has_attributes(where, name, value, attributes, expected):
    """Return value if it has every attribute named (duck typing: a layer, a model, ...)."""
    for attribute in attributes:
        if not hasattr(value, attribute):
            raise TypeError(f"{where}: {name} must be {expected} (with "
                            f"{', '.join(attributes)}), got {type(value).__name__}")
    return value
