"""nnkit: the small numpy package behind the book "Setting up a neural network".

Import the module you need and name it at the call site, for example
``from nnkit import layers`` then ``layers.Linear(2, 100, rng=rng)``.
Importing nnkit itself loads nothing else and changes no global state.
"""

__version__ = "0.2.0"
