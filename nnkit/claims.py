"""A claim is a statement of the source note paired with an experiment that checks it.

The registry below is the book's claim ledger: each `Claim` says, in our own words, what the
CS231n note (or a paper it cites) states, where the book teaches it, and how to test it. Its
`run()` performs the experiment (seconds at most) and returns a `Result` with what we measured,
a verdict, and whether the book's expected outcome still holds. The appendix page renders the
table and the test suite runs the same registry, so a claim that stops holding fails CI.

Verdicts: "reproduced" (the claim holds as stated), "reproduced, different number" (the
qualitative claim holds but our number differs from the source's), "not reproduced", and
"not testable at this scale" (reported with the closest experiment we can run).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

VERDICTS = ("reproduced", "reproduced, different number", "not reproduced", "not testable at this scale")


@dataclass(frozen=True)
class Result:
    """What an experiment measured: `holds` is False when the book's expected outcome failed."""

    measured: str
    verdict: str
    holds: bool
    numbers: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"Result.verdict must be one of {VERDICTS}, got {self.verdict!r}")


@dataclass(frozen=True)
class Claim:
    """One checked statement: `experiment()` returns a Result."""

    key: str
    statement: str
    source: str
    says: str
    expected: str
    chapter: str
    experiment: Callable[[], Result]

    def run(self) -> Result:
        return self.experiment()


REGISTRY: list[Claim] = []


def claim(*, key, statement, source, says, expected, chapter):
    """Decorator that registers an experiment function as a Claim."""
    def register(fn):
        REGISTRY.append(Claim(key, statement, source, says, expected, chapter, fn))
        return fn
    return register


def _experiment(module: str):
    """Import nnkit.experiments.<module> (the chapter's own experiments: one source of truth)."""
    return importlib.import_module(f"nnkit.experiments.{module}")


# --- A. From linear classifiers to neural networks -------------------------------------------

@claim(key="cifar-shapes", chapter="ch-linear", source="cs231n-nn1, introduction",
       statement="A linear classifier on CIFAR-10 maps a 3072-entry image to 10 scores with a 10 x 3072 weight matrix.",
       says="x is 3072 x 1 (32 x 32 x 3), W is 10 x 3072, s = W x has 10 entries",
       expected="the same shapes, written batch first: X (N, 3072) @ W (3072, 10) -> (N, 10)")
def _cifar_shapes():
    from nnkit import layers
    rng = np.random.default_rng(0)
    X = rng.random((4, 32 * 32 * 3))
    layer = layers.Linear(3072, 10, rng=rng)
    scores = layer.forward(X)
    holds = X.shape[1] == 3072 and layer.params["W"].shape == (3072, 10) and scores.shape == (4, 10)
    return Result(f"X {X.shape} @ W {layer.params['W'].shape} -> scores {scores.shape}", "reproduced", holds,
                  {"D": X.shape[1], "C": scores.shape[1]})


@claim(key="linear-collapse", chapter="ch-linear", source="cs231n-nn1, introduction",
       statement="Without a nonlinearity, two stacked linear maps are a single linear map.",
       says="W2 W1 could be merged into one matrix, giving a linear classifier again",
       expected="(X @ W1) @ W2 equals X @ (W1 @ W2) to rounding error")
def _linear_collapse():
    rng = np.random.default_rng(1)
    X, W1, W2 = rng.normal(size=(50, 3072)), rng.normal(size=(3072, 100)), rng.normal(size=(100, 10))
    two = (X @ W1) @ W2
    error = float(np.max(np.abs(two - X @ (W1 @ W2))) / np.max(np.abs(two)))
    relu_error = float(np.max(np.abs(np.maximum(0, X @ W1) @ W2 - X @ (W1 @ W2))) / np.max(np.abs(two)))
    holds = error < 1e-12 and relu_error > 0.1
    return Result(f"relative difference {error:.1e} without ReLU, {relu_error:.2f} with ReLU", "reproduced", holds,
                  {"error": error, "relu_error": relu_error})


# --- C. Activation functions -----------------------------------------------------------------

@claim(key="tanh-sigmoid", chapter="ch-activations", source="cs231n-nn1, section 1.2 (tanh)",
       statement="tanh is a scaled, shifted sigmoid: tanh(x) = 2 sigmoid(2x) - 1.",
       says="tanh(x) = 2 sigma(2x) - 1", expected="max |difference| below 1e-12 on [-20, 20]")
def _tanh_sigmoid():
    from nnkit import activations
    x = np.linspace(-20, 20, 4001)
    error = float(np.max(np.abs(activations.tanh(x) - (2 * activations.sigmoid(2 * x) - 1))))
    return Result(f"max |difference| = {error:.1e}", "reproduced", error < 1e-12, {"error": error})


@claim(key="sigmoid-saturation", chapter="ch-activations", source="cs231n-nn1, section 1.2 (sigmoid)",
       statement="A sigmoid's local gradient is at most 0.25 and nearly zero when the unit saturates near 0 or 1.",
       says="saturated sigmoids kill the gradient; large initial weights saturate most neurons",
       expected="max sigmoid' = 0.25; sigmoid'(10) < 1e-4")
def _sigmoid_saturation():
    from nnkit import activations
    z = np.linspace(-10, 10, 2001)
    peak, tail = float(activations.sigmoid_grad(z).max()), float(activations.sigmoid_grad(np.array(10.0)))
    holds = abs(peak - 0.25) < 1e-9 and tail < 1e-4
    return Result(f"max sigmoid' = {peak:.3f}; sigmoid'(10) = {tail:.1e}", "reproduced", holds,
                  {"peak": peak, "tail": tail})


@claim(key="same-sign-gradients", chapter="ch-activations", source="cs231n-nn1, section 1.2 (sigmoid)",
       statement="When a neuron's inputs are all positive, the gradients on its weights (for one example) all share one sign.",
       says="gradients on w are all positive or all negative, giving zig-zag updates",
       expected="for 1000 random examples with positive inputs, every per-example weight gradient is one-signed")
def _same_sign():
    from nnkit import layers
    rng = np.random.default_rng(2)
    layer = layers.Linear(5, 1, rng=rng)
    one_signed = 0
    for _ in range(1000):
        x = rng.random((1, 5)) + 0.01          # all inputs positive, like sigmoid outputs
        layer.forward(x)
        layer.backward(rng.normal(size=(1, 1)))  # any upstream gradient dL/dz
        dW = layer.grads["W"].ravel()
        one_signed += bool(np.all(dW > 0) or np.all(dW < 0))
    return Result(f"{one_signed} of 1000 examples gave one-signed weight gradients", "reproduced",
                  one_signed == 1000, {"one_signed": one_signed})


@claim(key="maxout-params", chapter="ch-activations", source="goodfellow2013; cs231n-nn1, section 1.2 (maxout)",
       statement="A maxout unit with two pieces has twice the parameters of a ReLU unit.",
       says="maxout doubles the number of parameters for every single neuron",
       expected="Maxout(D, H, pieces=2) has exactly 2x the parameters of Linear(D, H)")
def _maxout_params():
    from nnkit import layers
    rng = np.random.default_rng(3)
    linear, maxout = layers.Linear(100, 50, rng=rng), layers.Maxout(100, 50, pieces=2, rng=rng)
    ratio = layers.num_params(maxout) / layers.num_params(linear)
    return Result(f"{layers.num_params(maxout)} / {layers.num_params(linear)} = {ratio:g}x", "reproduced",
                  ratio == 2, {"ratio": ratio})


# --- D. Layered architectures ----------------------------------------------------------------

@claim(key="param-counts", chapter="ch-architectures", source="cs231n-nn1, section 2.1 (sizing)",
       statement="The 3-4-2 network has 26 learnable parameters; the 3-4-4-1 network has 41.",
       says="3-4-2: 6 neurons, 20 weights, 6 biases (26); 3-4-4-1: 9 neurons, 32 weights, 9 biases (41)",
       expected="nnkit.model.MLP reports 26 and 41 parameters, 6 and 9 neurons")
def _param_counts():
    from nnkit import model
    rng = np.random.default_rng(4)
    a, b = model.MLP([3, 4, 2], rng=rng), model.MLP([3, 4, 4, 1], rng=rng)
    numbers = {"p342": a.num_params(), "n342": a.num_neurons(), "p3441": b.num_params(), "n3441": b.num_neurons()}
    holds = numbers == {"p342": 26, "n342": 6, "p3441": 41, "n3441": 9}
    return Result(f"3-4-2: {numbers['p342']} parameters, {numbers['n342']} neurons; "
                  f"3-4-4-1: {numbers['p3441']} parameters, {numbers['n3441']} neurons", "reproduced", holds, numbers)


# --- G. Training a small network (companion) -------------------------------------------------

@claim(key="softmax-gradient", chapter="ch-training", source="cs231n-nn1 companion (softmax classifier)",
       statement="For probabilities [0.2, 0.3, 0.5] and correct class 2, the softmax loss gradient on the scores is [0.2, 0.3, -0.5].",
       says="dL/ds = p - onehot(y)", expected="nnkit.losses.softmax_cross_entropy returns [0.2, 0.3, -0.5]")
def _softmax_gradient():
    from nnkit import losses
    scores = np.log(np.array([[0.2, 0.3, 0.5]]))
    _, dscores = losses.softmax_cross_entropy(scores, np.array([2]))
    holds = bool(np.allclose(dscores, [[0.2, 0.3, -0.5]], atol=1e-12))
    return Result(f"gradient = {np.round(dscores.ravel(), 6).tolist()}", "reproduced", holds,
                  {"dscores": dscores.ravel().tolist()})


def run_all(keys=None) -> list[tuple[Claim, Result]]:
    """Run every registered claim (or those in `keys`) and return (claim, result) pairs."""
    chosen = [c for c in REGISTRY if keys is None or c.key in keys]
    return [(c, c.run()) for c in chosen]
