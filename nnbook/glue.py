"""Glue hands a value computed in a chapter to the chapter's prose on the website.

A markdown cell writes {glue:text}`key`, and a code cell computes the value and calls
``glue("key", text)``. The website is built by myst-nb, whose own glue stores the text in the
cell's output. In a plain Jupyter kernel (Binder, Colab, a local Jupyter) myst-nb is usually
absent and there is no page to fill, so glue only checks its arguments.
"""

import numbers


def glue(name: str, text: str | int) -> str:
    """Store text (or a whole number) under name for {glue:text}`name`; return the text.

    Other numbers must be formatted first, so the page shows the digits the prose means.
    """
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"glue: name must be an identifier such as 'ch1_accuracy', got {name!r}")
    if isinstance(text, numbers.Integral) and not isinstance(text, bool):
        text = str(int(text))
    if not isinstance(text, str):
        raise TypeError(f"glue: text must be a str or an int (format other numbers first, "
                        f"e.g. f'{{x:.1%}}'), got {type(text).__name__} {text!r}")
    try:
        from myst_nb import glue as myst_glue  # present where the website is built
    except ImportError:
        return text
    myst_glue(name, text, display=False)
    return text
