"""Glue hands a value computed in a chapter to the chapter's prose on the website.

A markdown cell writes {glue:text}`key` (or a ``{glue:figure} key`` block, whose caption may
itself use {glue:text}), and a code cell computes the value and calls ``glue("key", value)``.
The website is built by myst-nb, whose own glue stores the value in the cell's output without
displaying it. In a plain Jupyter kernel (Binder, Colab, a local Jupyter) myst-nb is usually
absent and the markdown cannot show glued values, so text is only checked and returned, and a
figure is displayed right there, under the code that drew it.
"""

import numbers


def glue(name: str, value):
    """Store value (text, a whole number or a matplotlib Figure) under name; return it.

    Other numbers must be formatted first (e.g. f"{acc:.1%}"), so the page shows the digits
    the prose means.
    """
    if not isinstance(name, str):
        raise TypeError(f"glue: name must be a str such as 'ch1_accuracy', "
                        f"got {type(name).__name__} {name!r}")
    if not name.isidentifier():
        raise ValueError(f"glue: name must be an identifier such as 'ch1_accuracy', got {name!r}")
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        value = str(int(value))
    is_figure = type(value).__name__ == "Figure" and hasattr(value, "savefig")
    if not (isinstance(value, str) or is_figure):
        raise TypeError(f"glue: value must be a str, an int or a matplotlib Figure (format other "
                        f"numbers first, e.g. f'{{x:.1%}}'), got {type(value).__name__} {value!r}")
    try:
        from myst_nb import glue as myst_glue  # present where the website is built
    except ImportError:
        if is_figure:
            from IPython.display import display

            display(value)
        return value
    myst_glue(name, value, display=False)
    return value
