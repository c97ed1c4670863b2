"""Argument checks shared by the chapter-3 experiments (saturation, rectifiers).

Each returns the checked value as a tuple or number, or raises the TypeError or ValueError of
nnkit.validate, naming the call (``where``) and the argument.
"""

from nnkit import activations, layers, validate


def whole_numbers(where, name, values, minimum=0):
    """values (seeds, sizes) as a non-empty tuple of whole numbers >= minimum."""
    if not isinstance(values, (tuple, list)) or not values:
        raise TypeError(f"{where}: {name} must be a non-empty tuple of whole numbers like "
                        f"(0, 1, 2), got {values!r}")
    return tuple(validate.whole_number(where, f"{name}[{i}]", v, minimum=minimum)
                 for i, v in enumerate(values))


def numbers(where, name, values, low=0, low_open=True):
    """values as a non-empty tuple of finite numbers above low (at or above if not low_open)."""
    if not isinstance(values, (tuple, list)) or not values:
        raise TypeError(f"{where}: {name} must be a non-empty tuple of numbers, got {values!r}")
    return tuple(validate.number(where, f"{name}[{i}]", v, low=low, low_open=low_open)
                 for i, v in enumerate(values))


def names(where, values):
    """values as a non-empty tuple of activation names from activations.NAMES."""
    if isinstance(values, str) or not isinstance(values, (tuple, list)) or not values:
        raise TypeError(f"{where}: names must be a non-empty tuple of activation names, "
                        f"got {values!r}")
    return tuple(validate.choice(where, f"names[{i}]", n, activations.NAMES)
                 for i, n in enumerate(values))


def init_scheme(where, name, init):
    """An init for layers.Linear: one of layers.INITS or a standard deviation >= 0."""
    if isinstance(init, str):
        return validate.choice(where, name, init, layers.INITS)
    return validate.number(where, name, init, low=0)
