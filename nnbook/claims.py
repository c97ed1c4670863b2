"""A claim is a statement of the source note paired with an experiment that checks it.

The registry below is the book's claim ledger: each `Claim` says, in our own words, what the
CS231n note (or a paper it cites) states, where the book teaches it, the criterion under which
it counts as reproduced, and how to test it. Its `run()` performs the experiment (seconds at
most) and returns a `Result`: what we measured, whether the claim holds as stated and whether
its direction holds, and whether the book's own expected outcome still holds. The verdict is
computed from those two booleans by `verdict` (no verdict is typed by hand):

- "reproduced": the source's claim holds as stated (its criterion is met);
- "reproduced, different number": the direction holds (faster, more, smaller) but the
  source's number or scale does not;
- "not reproduced at this scale": not even the direction holds in our small experiment;
- "not checkable here": no experiment of ours can test it (the claim says why).

The appendix page renders the table and the test suite runs the same registry, so a claim whose
expected outcome stops holding fails CI.
"""

from __future__ import annotations

import functools
import importlib
import re
import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from nnkit import validate

VERDICTS = ("reproduced", "reproduced, different number", "not reproduced at this scale",
            "not checkable here")
NOTE = "cs231n-nn1"  # the source note; sections are named as in its English original


def verdict(as_stated: bool | None, direction: bool) -> str:
    """The verdict for a claim: None for as_stated means no experiment can check it.

    A claim that holds as stated also holds in direction; asking otherwise is an error.
    """
    if as_stated is None:
        return "not checkable here"
    if not isinstance(as_stated, (bool, np.bool_)) or not isinstance(direction, (bool, np.bool_)):
        raise TypeError(f"verdict: as_stated and direction must be True or False, got "
                        f"{as_stated!r} and {direction!r}")
    if as_stated and not direction:
        raise ValueError("verdict: a claim that holds as stated must also hold in direction")
    if as_stated:
        return "reproduced"
    return "reproduced, different number" if direction else "not reproduced at this scale"


@dataclass(frozen=True)
class Result:
    """What an experiment measured.

    as_stated: the source's claim holds as stated (None: not checkable here); direction: its
    qualitative part holds (defaults to as_stated); holds: the book's expected outcome held
    (False fails the test suite and the build). `verdict` is computed from as_stated and
    direction.
    """

    measured: str
    as_stated: bool | None
    holds: bool
    numbers: dict = field(default_factory=dict)
    direction: bool | None = None

    def __post_init__(self):
        if self.direction is None:
            object.__setattr__(self, "direction", bool(self.as_stated))
        verdict(self.as_stated, self.direction)  # refuses an inconsistent pair

    @property
    def verdict(self) -> str:
        return verdict(self.as_stated, self.direction)


@dataclass(frozen=True)
class Claim:
    """One statement: `experiment()` returns a Result; None when it is not checkable here.

    criterion: when the claim counts as reproduced as stated (or, for a claim that is not
    checkable here, why not); expected: the book's own outcome, precise enough to fail.
    """

    key: str
    statement: str
    source: str
    says: str
    criterion: str
    expected: str
    chapter: str
    section: str
    experiment: Callable[[], Result] | None

    def run(self) -> Result:
        if self.experiment is None:
            return Result("no experiment", None, True)
        return self.experiment()


REGISTRY: list[Claim] = []


def claim(*, key, statement, source, says, criterion, expected, chapter, section):
    """Decorator that registers an experiment function as a Claim.

    chapter: the label of the chapter that teaches the claim ("ch-activations"); section: the
    exact text of the heading, in that chapter, of the section that shows the experiment.
    """
    _check_entry("claim", key, statement, source, says, criterion, expected, chapter, section)

    def register(fn):
        validate.callable_("claim", "the decorated experiment", fn, "a function returning a Result")
        REGISTRY.append(Claim(key, statement, source, says, criterion, expected, chapter,
                              section, fn))
        return fn
    return register


def _check_entry(where, key, *texts):
    """A new key and non-empty texts, or a ValueError/TypeError naming the argument."""
    names = ("key", "statement", "source", "says", "criterion", "expected", "chapter", "section")
    for name, text in zip(names, (key, *texts)):
        if not isinstance(text, str) or not text.strip():
            raise TypeError(f"{where}: {name} must be a non-empty str, got {text!r}")
    if any(c.key == key for c in REGISTRY):
        raise ValueError(f"{where}: key must be new, but {key!r} is already in the registry")


def not_checkable(*, key, statement, source, says, why, chapter, section):
    """Register a claim of the note that no experiment of ours can check; why says why."""
    _check_entry("not_checkable", key, statement, source, says, why, "-", chapter, section)
    REGISTRY.append(Claim(key, statement, source, says, why, "nothing to run", chapter,
                          section, None))


def slug(heading: str) -> str:
    """The anchor the website gives a section heading (myst-parser's rule), e.g. "a-b-c"."""
    if not isinstance(heading, str):
        raise TypeError(f"slug: heading must be a str, got {type(heading).__name__} {heading!r}")
    return re.sub(r"[^\w\u4e00-\u9fff\- ]", "", heading.lower().replace(" ", "-"))


def _experiment(module: str):
    """Import nnbook.experiments.<module> (the chapter's own experiments: one source of truth)."""
    return importlib.import_module(f"nnbook.experiments.{module}")


def _src(section: str, detail: str = "") -> str:
    """A source string: the note and the name of its section in the English original."""
    return f"{NOTE}, '{section}'" + (f" ({detail})" if detail else "")


INTRO, NEURON, ACTIVATIONS = "Quick intro", "Single neuron as a linear classifier", \
    "Commonly used activation functions"
BIOLOGY, LAYERS, POWER = "Biological motivation and connections", "Layer-wise organization", \
    "Representational power"
SIZES = "Setting number of layers and their sizes"


# --- A. From linear classifiers to neural networks -------------------------------------------

@claim(key="cifar-shapes", chapter="ch-linear", section="A linear classifier, shape by shape",
       source=_src(INTRO),
       statement="A linear classifier on CIFAR-10 maps a 3072-entry image to 10 scores with a "
                 "10 x 3072 weight matrix.",
       says="x is 3072 x 1 (32 x 32 x 3), W is 10 x 3072, s = W x has 10 entries",
       criterion="the same shapes, written batch first",
       expected="X (N, 3072) @ W (3072, 10) -> (N, 10)")
def _cifar_shapes():
    r = _experiment("linear").linear_shapes(rng=np.random.default_rng(2026), num_images=4)
    ok = (r.x_len == 3072 and r.W_shape == (3072, 10) and r.W_shape_note == (10, 3072)
          and r.scores_shape == (4, 10))
    return Result(f"x has {r.x_len} entries; W is {r.W_shape} here, {r.W_shape_note} in the "
                  f"note; scores {r.scores_shape}", ok, ok,
                  {"x_len": r.x_len, "num_params": r.num_params})


@claim(key="linear-collapse", chapter="ch-linear",
       section="Without the nonlinearity, two layers are one", source=_src(INTRO),
       statement="Without a nonlinearity, two stacked linear layers are a single linear layer.",
       says="W2 W1 could be merged into one matrix, giving a linear classifier again",
       criterion="the merged layer gives the same scores to rounding error",
       expected="the 3072-100-10 stack equals one 3072-10 layer to 1e-12; with ReLU it does not")
def _linear_collapse():
    r = _experiment("linear").collapse_demo((3072, 100, 10), rng=np.random.default_rng(2026),
                                            num_images=50)
    merged = r.linear_error < 1e-12
    return Result(f"relative difference {r.linear_error:.0e} without ReLU, {r.relu_gap:.0%} with "
                  f"ReLU ({r.stack_params:,} parameters doing the work of "
                  f"{r.collapsed_params:,})", merged, merged and r.relu_gap > 0.1,
                  {"linear_error": r.linear_error, "relu_gap": r.relu_gap})


# --- B. The neuron -----------------------------------------------------------------------------

not_checkable(
    key="brain-counts", chapter="ch-neuron", section="The biological picture, coarsely",
    source=_src(BIOLOGY),
    statement="The human nervous system has about 86 billion neurons joined by about "
              "10^14 to 10^15 synapses.",
    says="about 86 billion neurons, 10^14 - 10^15 synapses",
    why="a fact about brains: no computation on this page can check it")


@claim(key="neuron-linear-classifier", chapter="ch-neuron",
       section="A single neuron is a linear classifier", source=_src(NEURON),
       statement="One neuron is a linear classifier: trained as binary softmax or as a binary "
                 "SVM it draws a straight boundary.",
       says="a single neuron can implement binary softmax (logistic regression) or a binary SVM",
       criterion="both losses train one neuron into a working classifier (>= 90% held out)",
       expected="both reach >= 90% held-out accuracy on two blobs, boundaries within 10 degrees")
def _neuron_classifier():
    r = _experiment("neuron").logistic_vs_svm(data_seed=2026, init_seed=2027, lr=0.1, steps=300,
                                              reg=1e-3)
    works = min(r.val_acc.values()) >= 0.9
    return Result(f"held-out accuracy {r.val_acc['logistic']:.1%} (logistic), "
                  f"{r.val_acc['hinge']:.1%} (hinge); weight vectors {r.angle_deg:.1f} degrees "
                  f"apart", works, works and r.angle_deg < 10 and r.prob_rule_agrees,
                  {"val_acc": dict(r.val_acc), "angle_deg": r.angle_deg})


@claim(key="gradual-forgetting", chapter="ch-neuron",
       section="Regularization as gradual forgetting", source=_src(NEURON),
       statement="L2 regularization is gradual forgetting: with no data gradient each update "
                 "multiplies every weight by (1 - lr * reg), a geometric decay towards zero.",
       says="the regularization drives all synaptic weights towards zero after every update",
       criterion="every weight moves towards zero at every update",
       expected="weights follow (1 - lr * reg)^k to 1e-12 relative error")
def _forgetting():
    r = _experiment("neuron").forgetting(np.array([1.5, -0.8, 0.4]), lr=0.1, reg=0.01,
                                         steps=1000)
    shrinks = bool(np.all(np.abs(np.diff(r.weights, axis=0)) > 0)
                   and np.all(np.diff(np.abs(r.weights), axis=0) < 0))
    return Result(f"each update multiplied the weights by {1 - r.lr * r.reg:g} (largest "
                  f"deviation {r.max_rel_error:.0e}); they halved after {r.halving_steps} steps",
                  shrinks, r.max_rel_error < 1e-12, {"halving_steps": r.halving_steps})


# --- C. Activation functions -----------------------------------------------------------------

@claim(key="tanh-sigmoid", chapter="ch-activations", section="Tanh: a zero-centred sigmoid",
       source=_src(ACTIVATIONS, "tanh"),
       statement="tanh is a scaled, shifted sigmoid: tanh(x) = 2 sigmoid(2x) - 1.",
       says="tanh(x) = 2 sigma(2x) - 1", criterion="equal to rounding error",
       expected="max |difference| below 1e-12 on [-20, 20]")
def _tanh_sigmoid():
    from nnkit import activations
    x = np.linspace(-20, 20, 4001)
    error = float(np.max(np.abs(activations.tanh(x) - (2 * activations.sigmoid(2 * x) - 1))))
    return Result(f"max |difference| = {error:.1e}", error < 1e-12, error < 1e-12,
                  {"error": error})


@claim(key="tanh-zero-centred", chapter="ch-activations", section="Tanh: a zero-centred sigmoid",
       source=_src(ACTIVATIONS, "tanh"),
       statement="Unlike the sigmoid's, tanh's outputs are zero-centred.",
       says="tanh squashes to [-1, 1]; its output is zero-centred, the sigmoid's is not",
       criterion="for standard normal inputs, tanh's mean output is within 0.01 of 0 while the "
                 "sigmoid's is near 0.5",
       expected="|mean tanh| < 0.01, |mean sigmoid - 0.5| < 0.01 (chapter 3's 20000 x 50 draw)")
def _tanh_centred():
    r = _experiment("saturation").output_offsets(("sigmoid", "tanh", "relu"),
                                                 rng=np.random.default_rng(7),
                                                 num_points=20000, width=50)
    centred = abs(r.mean["tanh"]) < 0.01 and abs(r.mean["sigmoid"] - 0.5) < 0.01
    return Result(f"mean output: tanh {r.mean['tanh']:+.4f}, sigmoid {r.mean['sigmoid']:.4f}; "
                  f"condition number of the layer above {r.condition['tanh']:.1f} vs "
                  f"{r.condition['sigmoid']:.0f}", centred,
                  centred and r.condition["tanh"] < r.condition["sigmoid"],
                  {"mean": dict(r.mean), "condition": dict(r.condition)})


@claim(key="sigmoid-saturation", chapter="ch-activations", section="Sigmoid and saturation",
       source=_src(ACTIVATIONS, "sigmoid"),
       statement="A sigmoid's local gradient is at most 0.25 and nearly zero when the unit "
                 "saturates near 0 or 1.",
       says="saturated sigmoids kill the gradient",
       criterion="the local gradient vanishes in the tails",
       expected="max sigmoid' = 0.25; sigmoid'(10) < 1e-4")
def _sigmoid_saturation():
    from nnkit import activations
    z = np.linspace(-10, 10, 2001)
    peak = float(activations.sigmoid_grad(z).max())
    tail = float(activations.sigmoid_grad(np.array(10.0)))
    ok = abs(peak - 0.25) < 1e-9 and tail < 1e-4
    return Result(f"max sigmoid' = {peak:.3f}; sigmoid'(10) = {tail:.1e}", ok, ok,
                  {"peak": peak, "tail": tail})


@claim(key="large-weights-saturate", chapter="ch-activations", section="Sigmoid and saturation",
       source=_src(ACTIVATIONS, "sigmoid"),
       statement="With large initial weights most sigmoid units start saturated.",
       says="if the initial weights are too large, most neurons saturate and the network "
            "barely learns",
       criterion="over half the deep units saturated at a large initial scale",
       expected="in a 5 x 50 sigmoid net, over half the deep units are saturated at init std 10 "
                "and under 10% at std 0.1")
def _large_weights():
    r = _experiment("saturation").sigmoid_saturation(init_stds=(0.1, 1.0, 3.0, 10.0),
                                                     init_seeds=(0, 1, 2))
    deep = r.saturated[:, 1:].mean(axis=1)  # hidden layers 2 and deeper (layer 1 sees raw inputs)
    shown = ", ".join(f"std {s:g}: {f:.0%}" for s, f in zip(r.init_stds, deep))
    return Result(f"saturated share of layers 2-5 by init std: {shown}", bool(deep[-1] > 0.5),
                  bool(deep[-1] > 0.5 and deep[0] < 0.1),
                  {"saturated": dict(zip(r.init_stds, deep.tolist()))})


@claim(key="same-sign-gradients", chapter="ch-activations",
       section="Outputs that are not zero-centred", source=_src(ACTIVATIONS, "sigmoid"),
       statement="When a neuron's inputs are all positive, the gradients on its weights (for one "
                 "example) all share one sign.",
       says="gradients on w are all positive or all negative, giving zig-zag updates",
       criterion="every per-example weight gradient is one-signed",
       expected="for 1000 random examples with positive inputs, every weight gradient is "
                "one-signed")
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
    return Result(f"{one_signed} of 1000 examples gave one-signed weight gradients",
                  one_signed == 1000, one_signed == 1000, {"one_signed": one_signed})


@claim(key="batches-soften-zigzag", chapter="ch-activations",
       section="Outputs that are not zero-centred", source=_src(ACTIVATIONS, "sigmoid"),
       statement="Summed over a batch, the weight gradients of a unit with positive inputs can "
                 "have mixed signs, which softens the zig-zag.",
       says="added up across a batch the update can have variable signs, somewhat mitigating "
            "the issue",
       criterion="every batch size from 2 up mixes signs in some trials, and batch updates move "
                 "both weights the same way less often than single-example updates",
       expected="a batch of 1 never mixes signs; batches of 32 mix in over 25% of trials")
def _batches_zigzag():
    sat = _experiment("saturation")
    mixing = sat.sign_mixing(rng=np.random.default_rng(3), batch_sizes=(1, 2, 4, 8, 16, 32),
                             inputs=5, trials=2000)
    zz = sat.zigzag(lrs=(0.5, 1.0, 2.0, 3.0, 5.0))
    lr = 1.0
    single, batch = zz.same_sign["positive", lr], zz.same_sign["positive, batch", lr]
    softened = bool(mixing.mixed[0] == 0 and np.all(mixing.mixed[1:] > 0) and batch < single)
    shown = ", ".join(f"{n}: {m:.0%}" for n, m in zip(mixing.batch_sizes, mixing.mixed))
    return Result(f"share of batches whose weight gradient mixes signs, by batch size: {shown}; "
                  f"updates moving both weights the same way at lr {lr:g}: {single:.0%} one "
                  f"example per step, {batch:.0%} with batches of {zz.batch_size}", softened,
                  bool(mixing.mixed[0] == 0 and mixing.mixed[-1] > 0.25),
                  {"mixed": mixing.mixed.tolist(), "same_sign": (single, batch)})


@claim(key="relu-faster-than-tanh", chapter="ch-rectifiers",
       section="ReLU: the rectified linear unit",
       source=_src(ACTIVATIONS, "ReLU") + "; krizhevsky2012",
       statement="ReLU networks reach a training target in fewer gradient descent steps than "
                 "tanh networks.",
       says="about 6x faster convergence than tanh (a 4-layer convolutional network on "
            "CIFAR-10, to 25% training error)",
       criterion="as stated: tanh needs 5 to 7 times as many steps; in direction: more steps",
       expected="a 2-50-50-3 net on the spiral: ReLU needs fewer median steps to 95% than tanh, "
                "each at its best lr")
def _relu_vs_tanh():
    sweep = _experiment("rectifiers").lr_sweep  # the chapter's two sweeps
    relu = sweep(activation="relu", hidden_sizes=(50, 50), lrs=(0.5, 1.0, 2.0, 3.0, 4.0),
                 init="he")
    tanh = sweep(activation="tanh", hidden_sizes=(50, 50), lrs=(0.3, 0.5, 1.0), init="lecun")
    ratio = tanh.best_median() / relu.best_median()
    return Result(f"median steps to 95%: ReLU {relu.best_median():.0f}, tanh "
                  f"{tanh.best_median():.0f}; ratio {ratio:.1f}x", bool(5 <= ratio <= 7),
                  bool(ratio > 1), {"ratio": ratio}, direction=bool(ratio > 1))


def time_activations(names=("relu", "sigmoid", "tanh"), *, size: int = 200_000,
                     repeats: int = 31, rng: np.random.Generator) -> dict:
    """{name: median seconds} to apply each activation to `size` standard normal numbers.

    The runs interleave the functions, so a busy machine slows all of them alike, and the
    median of `repeats` runs ignores the runs that another process interrupted.
    """
    from nnkit import activations
    where = "time_activations"
    validate.generator(where, rng)
    size = validate.whole_number(where, "size", size)
    repeats = validate.whole_number(where, "repeats", repeats)
    if isinstance(names, str) or not isinstance(names, (list, tuple)) or not names:
        raise TypeError(f"{where}: names must be a non-empty tuple of activation names, "
                        f"got {names!r}")
    functions = {name: activations.get(validate.choice(where, "names", name,
                                                       activations.NAMES))[0]
                 for name in names}
    z = rng.standard_normal(size)
    times = {name: [] for name in functions}
    for _ in range(repeats):
        for name, f in functions.items():
            start = time.perf_counter()
            f(z)
            times[name].append(time.perf_counter() - start)
    return {name: float(np.median(t)) for name, t in times.items()}


@claim(key="relu-cheaper", chapter="ch-rectifiers", section="ReLU: the rectified linear unit",
       source=_src(ACTIVATIONS, "ReLU"),
       statement="ReLU is cheaper to compute than the sigmoid and tanh.",
       says="ReLU is a threshold, where tanh and sigmoid need expensive operations (exponentials)",
       criterion="both the sigmoid and tanh take longer than ReLU (medians of 31 interleaved "
                 "runs on 200,000 numbers)",
       expected="each takes at least 1.5 times as long as ReLU (a timing: only a generous ratio "
                "is asserted)")
def _relu_cheaper():
    t = time_activations(rng=np.random.default_rng(5))
    ratios = {name: t[name] / t["relu"] for name in ("sigmoid", "tanh")}
    return Result(f"time relative to ReLU: sigmoid {ratios['sigmoid']:.1f}x, tanh "
                  f"{ratios['tanh']:.1f}x (on the machine that built this page)",
                  min(ratios.values()) > 1, min(ratios.values()) >= 1.5, {"ratios": ratios})


@claim(key="dead-relus", chapter="ch-rectifiers", section="Dead ReLUs",
       source=_src(ACTIVATIONS, "ReLU"),
       statement="With a learning rate set too high, a large share of a network's ReLU units can "
                 "die; with a proper rate it is rare.",
       says="as much as 40% of the network can be dead",
       criterion="as stated: the mean dead share reaches 40% at some learning rate and stays "
                 "under 5% at a moderate one; in direction: it grows with the learning rate",
       expected="on the spiral (2-50-3, 5 seeds) the mean dead share is under 5% at lr 1 and "
                "over 40% at lr 8")
def _dead_relus():
    r = _experiment("rectifiers").lr_sweep(activation="relu", hidden_sizes=(50,),
                                           lrs=(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0), steps=200)
    mean = dict(zip(r.lrs, r.mean_dead().tolist()))
    as_stated = max(mean.values()) >= 0.4 and mean[1.0] < 0.05
    shown = ", ".join(f"lr {lr:g}: {m:.0%}" for lr, m in mean.items())
    return Result(f"mean dead share by lr: {shown}; worst run {r.dead.max():.0%}", as_stated,
                  mean[1.0] < 0.05 and mean[8.0] > 0.4, {"mean_dead": mean},
                  direction=bool(mean[8.0] > mean[1.0]))


@claim(key="maxout-generalises", chapter="ch-rectifiers", section="Maxout",
       source=_src(ACTIVATIONS, "Maxout") + "; goodfellow2013",
       statement="ReLU and leaky ReLU are special cases of a two-piece maxout unit.",
       says="maxout generalizes ReLU and leaky ReLU: ReLU is maxout with w1, b1 = 0",
       criterion="with one piece the constant 0 maxout equals ReLU, with one piece 0.01 times the "
                 "other it equals leaky ReLU, to rounding error",
       expected="largest differences below 1e-12 on 1000 random inputs")
def _maxout_generalises():
    from nnkit import activations, layers
    rng = np.random.default_rng(8)
    unit = layers.Maxout(3, 4, pieces=2, rng=rng)
    W, b = unit.params["W"], unit.params["b"]
    X = rng.standard_normal((1000, 3))
    W[1], b[1] = 0.0, 0.0  # second piece: the constant 0
    Z = X @ W[0] + b[0]
    relu_error = float(np.max(np.abs(unit.forward(X) - activations.relu(Z))))
    W[1], b[1] = 0.01 * W[0], 0.01 * b[0]  # second piece: 0.01 times the first
    leaky_error = float(np.max(np.abs(unit.forward(X) - activations.leaky_relu(Z, 0.01))))
    ok = max(relu_error, leaky_error) < 1e-12
    return Result(f"largest difference from ReLU {relu_error:.0e}, from leaky ReLU "
                  f"{leaky_error:.0e}", ok, ok, {"relu": relu_error, "leaky": leaky_error})


@claim(key="maxout-params", chapter="ch-rectifiers", section="Maxout",
       source=_src(ACTIVATIONS, "Maxout") + "; goodfellow2013",
       statement="A maxout unit with two pieces has twice the parameters of a ReLU unit.",
       says="maxout doubles the number of parameters for every single neuron",
       criterion="exactly twice", expected="Maxout(100, 50, pieces=2) has 2x Linear(100, 50)")
def _maxout_params():
    from nnkit import layers
    rng = np.random.default_rng(3)
    linear, maxout = layers.Linear(100, 50, rng=rng), layers.Maxout(100, 50, pieces=2, rng=rng)
    ratio = layers.num_params(maxout) / layers.num_params(linear)
    return Result(f"{layers.num_params(maxout)} / {layers.num_params(linear)} = {ratio:g}x",
                  ratio == 2, ratio == 2, {"ratio": ratio})


not_checkable(
    key="mixing-activations", chapter="ch-rectifiers", section="Choosing an activation function",
    source=_src(ACTIVATIONS),
    statement="It is rare to mix different types of neurons in one network, though nothing is "
              "wrong with doing so.",
    says="it is very rare to mix and match different types of neurons in the same network",
    why="a statement about common practice, not about what a network computes")


# --- D. Layered architectures ----------------------------------------------------------------

@claim(key="output-no-activation", chapter="ch-architectures",
       section="The output layer has no activation", source=_src(LAYERS, "output layer"),
       statement="The output layer has no activation function: its outputs are class scores, "
                 "real numbers of any sign and size.",
       says="the output layer neurons most commonly do not have an activation function",
       criterion="nnkit's MLP ends in a plain Linear layer whose scores take both signs and "
                 "leave (0, 1), even when every hidden unit is a sigmoid",
       expected="the same for MLP([3, 4, 4, 1], sigmoid, init std 3) on 1000 random inputs")
def _output_layer():
    from nnkit import layers, model
    net = model.MLP([3, 4, 4, 1], activation="sigmoid", rng=np.random.default_rng(4), init=3.0)
    scores = net.forward(np.random.default_rng(5).standard_normal((1000, 3)))
    plain = type(net.layers[-1]) is layers.Linear
    free = bool(scores.min() < 0 and scores.max() > 1)
    table = [row["activation"] for row in net.layer_table()]
    return Result(f"last layer {type(net.layers[-1]).__name__} (activations by layer: "
                  f"{', '.join(table)}); scores from {scores.min():.2f} to {scores.max():.2f}",
                  plain and free, plain and free, {"min": float(scores.min()),
                                                   "max": float(scores.max())})


@claim(key="param-counts", chapter="ch-architectures", section="Counting the size of a network",
       source=_src(LAYERS, "sizing neural networks"),
       statement="The 3-4-2 network has 26 learnable parameters; the 3-4-4-1 network has 41.",
       says="3-4-2: 6 neurons, 20 weights, 6 biases (26); 3-4-4-1: 9 neurons, 32 weights, "
            "9 biases (41)",
       criterion="the same counts",
       expected="nnkit.model.MLP reports 26 and 41 parameters, 6 and 9 neurons")
def _param_counts():
    from nnkit import model
    rng = np.random.default_rng(4)
    a, b = model.MLP([3, 4, 2], rng=rng), model.MLP([3, 4, 4, 1], rng=rng)
    numbers = {"p342": a.num_params(), "n342": a.num_neurons(), "p3441": b.num_params(),
               "n3441": b.num_neurons()}
    ok = numbers == {"p342": 26, "n342": 6, "p3441": 41, "n3441": 9}
    return Result(f"3-4-2: {numbers['p342']} parameters, {numbers['n342']} neurons; "
                  f"3-4-4-1: {numbers['p3441']} parameters, {numbers['n3441']} neurons", ok, ok,
                  numbers)


@claim(key="convnet-size", chapter="ch-architectures", section="How big do real networks get?",
       source=_src(LAYERS, "sizing neural networks") + "; krizhevsky2012; simonyan2015",
       statement="Modern convolutional networks have on the order of 100 million parameters in "
                 "10 to 20 layers.",
       says="about 100 million parameters, 10-20 layers",
       criterion="as stated: AlexNet and VGG-16 each have 10^7.5 to 10^8.5 parameters and 10 to "
                 "20 weight layers; in direction: the parameter counts alone",
       expected="AlexNet and VGG-16, counted from their published layer sizes, have 10^7.5 to "
                "10^8.5 parameters")
def _convnet_size():
    sizes = _experiment("architectures").convnet_sizes()
    nets = (sizes["AlexNet"], sizes["VGG-16"])
    counts = all(10 ** 7.5 <= n.params <= 10 ** 8.5 for n in nets)
    depths = all(10 <= n.num_layers <= 20 for n in nets)
    return Result(f"AlexNet {nets[0].params / 1e6:.0f} M in {nets[0].num_layers} weight layers; "
                  f"VGG-16 {nets[1].params / 1e6:.0f} M in {nets[1].num_layers}",
                  counts and depths, counts,
                  {"alexnet": nets[0].params, "vgg16": nets[1].params}, direction=counts)


# --- G. Training a small network (companion) -------------------------------------------------

@claim(key="softmax-gradient", chapter="ch-training",
       section="From scores to a loss: softmax cross-entropy", source="cs231n-case-study",
       statement="For probabilities [0.2, 0.3, 0.5] and correct class 2, the softmax loss "
                 "gradient on the scores is [0.2, 0.3, -0.5].",
       says="dL/ds = p - onehot(y)", criterion="the same vector to 1e-12",
       expected="nnkit.losses.softmax_cross_entropy returns [0.2, 0.3, -0.5]")
def _softmax_gradient():
    from nnkit import losses
    scores = np.log(np.array([[0.2, 0.3, 0.5]]))
    _, dscores = losses.softmax_cross_entropy(scores, np.array([2]))
    ok = bool(np.allclose(dscores, [[0.2, 0.3, -0.5]], atol=1e-12))
    return Result(f"gradient = {np.round(dscores.ravel(), 6).tolist()}", ok, ok,
                  {"dscores": dscores.ravel().tolist()})


@claim(key="spiral-accuracy", chapter="ch-training", section="Training on the spiral",
       source="cs231n-case-study",
       statement="On the 3-arm spiral a linear softmax classifier is near 50% training accuracy; "
                 "a 2 -> 100 ReLU -> 3 net is near 98%.",
       says="about 49% for the linear classifier, about 98% for the two-layer network",
       criterion="as stated: within 3 points of 49% and 1.5 points of 98%; in direction: the "
                 "network far above the linear classifier",
       expected="linear 40-60%, network >= 97% (training accuracy)")
def _spiral():
    r = _experiment("training").spiral_experiment(data_seed=0, init_seed=1)
    as_stated = abs(r.linear_train_acc - 0.49) < 0.03 and abs(r.net_train_acc - 0.98) < 0.015
    return Result(f"linear {r.linear_train_acc:.1%}, network {r.net_train_acc:.1%} (held out: "
                  f"{r.linear_val_acc:.1%}, {r.net_val_acc:.1%})", as_stated,
                  0.40 <= r.linear_train_acc <= 0.60 and r.net_train_acc >= 0.97,
                  {"linear": r.linear_train_acc, "net": r.net_train_acc},
                  direction=r.net_train_acc > r.linear_train_acc + 0.3)


@claim(key="overfit-tiny", chapter="ch-training",
       section="A sanity check: overfit a tiny training set", source="cs231n-case-study",
       statement="A network can overfit a tiny training set to 100% accuracy.",
       says="overfitting a tiny subset is a sanity check of the training code",
       criterion="100% training accuracy",
       expected="15 spiral points, 50 hidden units: 100% training accuracy within 1000 steps")
def _overfit_tiny():
    r = _experiment("training").overfit_tiny(data_seed=0, init_seed=2, num_points=15, hidden=50,
                                             steps=1000)
    ok = r.train_acc == 1.0
    return Result(f"100% first reached at step {r.first_perfect_step}; final loss "
                  f"{r.train_loss:.3f}", ok, ok, {"first_perfect_step": r.first_perfect_step})


# --- E. Representational power ---------------------------------------------------------------

@claim(key="universal-approximation", chapter="ch-representation",
       section="Many bumps make a staircase", source=_src(POWER) + "; cybenko1989",
       statement="One hidden layer suffices to approximate a continuous function to any "
                 "accuracy, given enough units.",
       says="a one-hidden-layer network can approximate any continuous function (Cybenko, 1989)",
       criterion="the error keeps falling as units are added (a theorem: we can only watch it "
                 "on one function)",
       expected="the max error of a constructed sigmoid-bump network falls at every step from "
                "10 to 160 units, to below 0.1")
def _universal():
    r = _experiment("representation").approximation_errors()
    errors = dict(zip(r.units, r.sigmoid))
    ok = all(a > b for a, b in zip(r.sigmoid, r.sigmoid[1:])) and r.sigmoid[-1] < 0.1
    shown = ", ".join(f"{h}: {errors[h]:.3f}" for h in (10, 40, 160) if h in errors)
    return Result(f"max error by units: {shown}; slope {r.slope('sigmoid'):.2f} on log-log axes",
                  ok, ok, {"errors": errors})


@claim(key="indicator-bumps", chapter="ch-representation",
       section="Indicator bumps: why universality is a weak argument", source=_src(POWER),
       statement="A sum of indicator bumps is also a universal approximator, so universality "
                 "alone explains little.",
       says="universal approximation is 'mathematically cute' but a weak reason networks work",
       criterion="indicator bumps approximate as well as sigmoid bumps (log-log slopes within 0.2)",
       expected="indicator-bump errors fall like 1/H, slopes within 0.2")
def _indicator():
    r = _experiment("representation").approximation_errors()
    ok = abs(r.slope("indicator") - r.slope("sigmoid")) < 0.2 and r.indicator[-1] < r.indicator[0]
    return Result(f"log-log slopes: indicator {r.slope('indicator'):.2f}, sigmoid "
                  f"{r.slope('sigmoid'):.2f}", ok, ok, {"indicator_slope": r.slope("indicator")})


@functools.lru_cache(maxsize=1)
def depth_evidence():
    """The depth sweep of chapter 9 (nnbook.experiments.depth's defaults), computed once."""
    return _experiment("depth").depth_sweep()


@claim(key="depth-helps", chapter="ch-ledger", section="Depth at a fixed parameter budget",
       source=_src(POWER),
       statement="For fully connected networks, two hidden layers often beat one, but more "
                 "hidden layers rarely help much more.",
       says="in practice 3-layer nets often outperform 2-layer nets, but going deeper (4, 5, 6 "
            "layers) rarely helps much more",
       criterion="at a fixed budget, two hidden layers beat one on held-out points for every "
                 "data seed, and no deeper network's mean beats two layers by 1 point or more",
       expected="the held-out sets resolve 1 point: binomial standard error under 0.5 points for "
                "every depth's mean accuracy")
def _depth():
    r = depth_evidence()
    mean, two = r.mean(), r.depths.index(2)
    gain = r.gain_over(2, 1)
    deeper = max(mean[two + 1:]) - mean[two] if len(r.depths) > two + 1 else 0.0
    as_stated = bool(np.all(gain > 0) and deeper < 0.01)
    shown = " / ".join(f"{m:.1%}" for m in mean)
    return Result(f"mean held-out accuracy with {r.depths[0]} to {r.depths[-1]} hidden layers "
                  f"({min(r.params)} to {max(r.params)} parameters): {shown}; two beat one by "
                  f"{100 * gain.min():.1f} to {100 * gain.max():.1f} points across "
                  f"{len(r.data_seeds)} data seeds", as_stated,
                  r.standard_error() < 0.005, {"mean": mean.tolist(), "gain": gain.tolist()},
                  direction=bool(np.all(gain > 0)))


not_checkable(
    key="depth-convnets", chapter="ch-ledger", section="Depth at a fixed parameter budget",
    source=_src(POWER),
    statement="In convolutional networks on images depth matters much more than in fully "
              "connected ones.",
    says="depth is an extremely important component of a good recognition system (e.g. on the "
         "order of 10 learnable layers)",
    why="needs convolutional networks and image data sets; nnkit has neither")


# --- F. Capacity and regularization ----------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _capacity_sweeps():
    """Both classic figures, with chapter 7's seeds (data seed 3, initial weights seed 103)."""
    return _experiment("capacity").capacity_and_regularization(data_seed=3, init_seed=103)


@claim(key="capacity-overfits", chapter="ch-capacity", section="Three sizes of hidden layer",
       source=_src(SIZES),
       statement="More hidden units fit the training set more closely; 20 units fit every "
                 "training point, outliers included, with fragmented regions.",
       says="20 neurons fit all training data but split the space into many disjoint regions; "
            "3 neurons treat outliers as noise",
       criterion="20 units: 100% training accuracy, a longer boundary and lower held-out "
                 "accuracy than 3 units",
       expected="the same")
def _capacity():
    cap, _ = _capacity_sweeps()
    r3, r6, r20 = cap.row(3), cap.row(6), cap.row(20)
    ok = (r20["train_acc"] == 1.0 and r20["boundary"] > r3["boundary"]
          and r20["val_acc"] < r3["val_acc"])
    shown = "; ".join(f"{h} units: train {r['train_acc']:.0%}, held out {r['val_acc']:.1%}, "
                      f"boundary {r['boundary']:.2%}" for h, r in ((3, r3), (6, r6), (20, r20)))
    return Result(shown, ok, ok, {"rows": {3: r3, 6: r6, 20: r20}})


@claim(key="l2-smooths", chapter="ch-capacity", section="Regularization smooths the regions",
       source=_src(SIZES),
       statement="Stronger L2 regularization gives the 20-unit network smoother decision "
                 "regions.",
       says="with lambda 0.001, 0.01, 0.1 the regions become smoother as the strength grows",
       criterion="the boundary fraction falls at every step and held-out accuracy does not drop",
       expected="the same, as reg goes 0.001 -> 0.01 -> 0.1")
def _l2_smooths():
    _, reg = _capacity_sweeps()
    rows = [reg.row(20, r) for r in (0.001, 0.01, 0.1)]
    boundary, val = [r["boundary"] for r in rows], [r["val_acc"] for r in rows]
    ok = boundary[0] > boundary[1] > boundary[2] and val[2] >= val[0]
    return Result(f"boundary fraction {boundary[0]:.2%} -> {boundary[1]:.2%} -> "
                  f"{boundary[2]:.2%}; held out {val[0]:.1%} -> {val[1]:.1%} -> {val[2]:.1%}",
                  ok, ok, {"boundary": boundary, "val_acc": val})


@claim(key="small-nets-vary", chapter="ch-capacity", section="Why not a small network after all?",
       source=_src(SIZES) + "; choromanska2015",
       statement="Small networks land in more varied, often worse minima across random seeds "
                 "than large ones.",
       says="small networks' final losses vary a lot with the seed; large networks reach many "
            "similar, good minima",
       criterion="as stated: the 3-unit net's final-loss standard deviation is at least 3x the "
                 "20-unit net's over 40 seeds; in direction: larger",
       expected="at least 3x")
def _small_nets_vary():
    r = _experiment("capacity").seed_spread(data_seed=3, seeds=range(1000, 1040),
                                            hidden_sizes=(3, 20), reg=0.01, steps=1000)
    ratio = r.std(3) / r.std(20)
    return Result(f"std of final loss: {r.std(3):.4f} (3 units) vs {r.std(20):.4f} (20 units), "
                  f"{ratio:.0f}x; {r.distinct(3)} distinct final values for 3 units",
                  bool(ratio >= 3), bool(ratio >= 3), {"ratio": ratio},
                  direction=bool(ratio > 1))


def keys(*, chapters) -> list[str]:
    """The keys of the claims taught in the given chapters (labels like "ch-neuron"), in order."""
    labels = {c.chapter for c in REGISTRY}
    if isinstance(chapters, str) or not isinstance(chapters, (list, tuple)) or not chapters:
        raise TypeError(f"keys: chapters must be a non-empty tuple of chapter labels, "
                        f"got {chapters!r}")
    unknown = [label for label in chapters if label not in labels]
    if unknown:
        raise ValueError(f"keys: chapters must be labels of the ledger's chapters "
                         f"{sorted(labels)}; unknown: {unknown}")
    return [c.key for c in REGISTRY if c.chapter in chapters]


def run_all(keys=None) -> list[tuple[Claim, Result]]:
    """Run every registered claim (or those in `keys`) and return (claim, result) pairs."""
    if keys is not None:
        known = {c.key for c in REGISTRY}
        if isinstance(keys, str) or not isinstance(keys, (list, tuple, set)):
            raise TypeError(f"run_all: keys must be None or a list of claim keys, got {keys!r}")
        unknown = [k for k in keys if k not in known]
        if unknown:
            raise ValueError(f"run_all: keys must name registered claims; unknown: {unknown}")
    chosen = [c for c in REGISTRY if keys is None or c.key in keys]
    return [(c, c.run()) for c in chosen]
