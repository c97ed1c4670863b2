"""nnbook: the machinery of the book "Setting up a neural network", built on nnkit.

nnkit is the library a learner reads; nnbook holds what only the book needs: the chapters'
seeded experiments (``nnbook.experiments``), the exercise checkers (``nnbook.checks``), the
claim ledger (``nnbook.claims``), the live widgets and the playground (``nnbook.widgets``,
``nnbook.playground``), the kernel-free demos of the website (``nnbook.static``) and the
hand-built approximators of chapter 6 (``nnbook.approximation``).
nnbook imports nnkit; nnkit never imports nnbook. Importing it changes no global state.
"""

from nnkit import __version__  # noqa: F401  (one version for the distribution nn-setup)
