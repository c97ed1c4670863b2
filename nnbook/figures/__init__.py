"""Figures draw the numbers that nnbook.experiments computes, with nnkit.plotting's house style.

One module per topic (``nnbook.figures.activations`` draws chapter 3's experiments, and so on);
every drawing function takes keyword ``ax=None`` (``axes=None`` for several panels) and
returns the Axes.
"""
