"""nnkit: the small numpy package behind the book "Setting up a neural network".

Read it in this order; each module opens with a sentence that defines its concept.

1. neuron: one unit, f(w . x + b), as the book's chapter 2 first builds it.
2. activations: the elementwise functions f and their derivatives, one registry of names.
3. layers: Linear, activation, PReLU, Maxout, Dropout and noise layers, forward and backward.
4. losses: softmax cross-entropy, hinge and logistic losses with their gradients, and L2.
5. model: Sequential and MLP chain layers; MLP.stack trains K networks as one.
6. train: one SGD step, the training loop on top of it, History and what to watch.
7. datasets: small seeded 2-D problems (spiral, circles, moons, xor, blobs, outliers), split.
8. gradcheck: numerical gradients that check every backward pass.
9. validate: the argument checks behind every error message.
10. plotting and diagrams: decision regions, curves and network diagrams (matplotlib).

Import the module you need and name it at the call site, for example
``from nnkit import layers`` then ``layers.Linear(2, 100, rng=rng)``.
Importing nnkit itself loads nothing else and changes no global state.
"""

__version__ = "0.2.0"
