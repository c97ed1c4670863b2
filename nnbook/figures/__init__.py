"""The book's own figures: they draw the numbers that nnbook.experiments computes.

One module per chapter topic (``nnbook.figures.activations`` draws chapter 3's experiments, and
so on), in nnkit.plotting's house style. Every drawing function takes keyword ``ax=None``
(``axes=None`` for several panels) and returns the Axes. Pictures that any user of nnkit wants
(decision regions, curves, network diagrams) live in nnkit; a picture made for one page lives here.
"""
