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

import functools
import importlib
import re
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
    section: str
    experiment: Callable[[], Result]

    def run(self) -> Result:
        return self.experiment()


REGISTRY: list[Claim] = []


def claim(*, key, statement, source, says, expected, chapter, section):
    """Decorator that registers an experiment function as a Claim.

    chapter: the label of the chapter that teaches the claim ("ch-activations"); section: the
    exact text of the heading, in that chapter, of the section that shows the experiment.
    """
    def register(fn):
        REGISTRY.append(Claim(key, statement, source, says, expected, chapter, section, fn))
        return fn
    return register


def slug(heading: str) -> str:
    """The anchor the website gives a section heading (myst-parser's rule), e.g. "a-b-c"."""
    return re.sub(r"[^\w\u4e00-\u9fff\- ]", "", heading.lower().replace(" ", "-"))


def _experiment(module: str):
    """Import nnbook.experiments.<module> (the chapter's own experiments: one source of truth)."""
    return importlib.import_module(f"nnbook.experiments.{module}")


# --- A. From linear classifiers to neural networks -------------------------------------------

@claim(key="cifar-shapes", chapter="ch-linear", section='A linear classifier, shape by shape', source="cs231n-nn1, introduction",
       statement="A linear classifier on CIFAR-10 maps a 3072-entry image to 10 scores with a 10 x 3072 weight matrix.",
       says="x is 3072 x 1 (32 x 32 x 3), W is 10 x 3072, s = W x has 10 entries",
       expected="the same shapes, written batch first: X (N, 3072) @ W (3072, 10) -> (N, 10)")
def _cifar_shapes():
    r = _experiment("linear").linear_shapes(rng=np.random.default_rng(2026), num_images=4)
    holds = r.x_len == 3072 and r.W_shape == (3072, 10) and r.W_shape_note == (10, 3072) and r.scores_shape == (4, 10)
    return Result(f"x has {r.x_len} entries; W is {r.W_shape} here, {r.W_shape_note} in the note; scores {r.scores_shape}",
                  "reproduced", holds, {"x_len": r.x_len, "num_params": r.num_params})


@claim(key="linear-collapse", chapter="ch-linear", section='Without the nonlinearity, two layers are one', source="cs231n-nn1, introduction",
       statement="Without a nonlinearity, two stacked linear layers are a single linear layer.",
       says="W2 W1 could be merged into one matrix, giving a linear classifier again",
       expected="the 3072-100-10 stack equals one 3072-10 layer to rounding error; with ReLU it does not")
def _linear_collapse():
    r = _experiment("linear").collapse_demo((3072, 100, 10), rng=np.random.default_rng(2026), num_images=50)
    holds = r.linear_error < 1e-12 and r.relu_gap > 0.1
    return Result(f"relative difference {r.linear_error:.0e} without ReLU, {r.relu_gap:.0%} with ReLU "
                  f"({r.stack_params:,} parameters doing the work of {r.collapsed_params:,})", "reproduced", holds,
                  {"linear_error": r.linear_error, "relu_gap": r.relu_gap})


# --- B. The neuron -----------------------------------------------------------------------------

@claim(key="neuron-linear-classifier", chapter="ch-neuron", section='A single neuron is a linear classifier', source="cs231n-nn1, section 1.3",
       statement="One neuron is a linear classifier: trained as binary softmax or as a binary SVM it draws a straight boundary.",
       says="a single neuron can implement binary softmax (logistic regression) or a binary SVM",
       expected="both reach >= 90% held-out accuracy on two blobs, with boundaries within 10 degrees of each other")
def _neuron_classifier():
    r = _experiment("neuron").logistic_vs_svm(data_seed=2026, init_seed=2027, lr=0.1, steps=300, reg=1e-3)
    holds = min(r.val_acc.values()) >= 0.9 and r.angle_deg < 10 and r.prob_rule_agrees
    return Result(f"held-out accuracy {r.val_acc['logistic']:.1%} (logistic), {r.val_acc['hinge']:.1%} (hinge); "
                  f"weight vectors {r.angle_deg:.1f} degrees apart", "reproduced", holds,
                  {"val_acc": dict(r.val_acc), "angle_deg": r.angle_deg})


@claim(key="gradual-forgetting", chapter="ch-neuron", section='Regularization as gradual forgetting', source="cs231n-nn1, section 1.3",
       statement="L2 regularization is gradual forgetting: with no data gradient each update multiplies every weight by (1 - lr * reg).",
       says="the regularization term drives all weights linearly toward zero at every update",
       expected="weights follow (1 - lr * reg)^k to 1e-12 relative error")
def _forgetting():
    r = _experiment("neuron").forgetting(np.array([1.5, -0.8, 0.4]), lr=0.1, reg=0.01, steps=1000)
    return Result(f"largest relative deviation {r.max_rel_error:.0e}; weights halve after {r.halving_steps} steps",
                  "reproduced", r.max_rel_error < 1e-12, {"halving_steps": r.halving_steps})


# --- C. Activation functions -----------------------------------------------------------------

@claim(key="tanh-sigmoid", chapter="ch-activations", section='Tanh: a zero-centred sigmoid', source="cs231n-nn1, section 1.2 (tanh)",
       statement="tanh is a scaled, shifted sigmoid: tanh(x) = 2 sigmoid(2x) - 1.",
       says="tanh(x) = 2 sigma(2x) - 1", expected="max |difference| below 1e-12 on [-20, 20]")
def _tanh_sigmoid():
    from nnkit import activations
    x = np.linspace(-20, 20, 4001)
    error = float(np.max(np.abs(activations.tanh(x) - (2 * activations.sigmoid(2 * x) - 1))))
    return Result(f"max |difference| = {error:.1e}", "reproduced", error < 1e-12, {"error": error})


@claim(key="sigmoid-saturation", chapter="ch-activations", section='Sigmoid and saturation', source="cs231n-nn1, section 1.2 (sigmoid)",
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


@claim(key="large-weights-saturate", chapter="ch-activations", section='Sigmoid and saturation', source="cs231n-nn1, section 1.2 (sigmoid)",
       statement="With large initial weights most sigmoid units start saturated.",
       says="if the initial weights are too large, most neurons saturate and the network barely learns",
       expected="in a 5 x 50 sigmoid net, over half the deep units are saturated at init std 10 and under 10% at std 0.1")
def _large_weights():
    r = _experiment("saturation").sigmoid_saturation(init_stds=(0.1, 1.0, 3.0, 10.0), init_seeds=(0, 1, 2))
    deep = r.saturated[:, 1:].mean(axis=1)  # hidden layers 2 and deeper (layer 1 sees raw inputs)
    holds = deep[-1] > 0.5 and deep[0] < 0.1
    shown = ", ".join(f"std {s:g}: {f:.0%}" for s, f in zip(r.init_stds, deep))
    return Result(f"saturated share of layers 2-5 by init std: {shown}", "reproduced", holds,
                  {"saturated": dict(zip(r.init_stds, deep.tolist()))})


@claim(key="same-sign-gradients", chapter="ch-activations", section='Outputs that are not zero-centred', source="cs231n-nn1, section 1.2 (sigmoid)",
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


@claim(key="relu-faster-than-tanh", chapter="ch-rectifiers", section='ReLU: the rectified linear unit', source="krizhevsky2012; cs231n-nn1, section 1.2 (ReLU)",
       statement="ReLU networks reach a training target in fewer SGD steps than tanh networks.",
       says="about 6x faster convergence than tanh (a 4-layer conv net on CIFAR-10, to 25% training error)",
       expected="a 2-50-50-3 net on the spiral: ReLU needs fewer median steps to 95% than tanh, each at its best lr")
def _relu_vs_tanh():
    sweep = _experiment("rectifiers").lr_sweep  # the chapter's two sweeps
    relu = sweep(activation="relu", hidden_sizes=(50, 50), lrs=(0.5, 1.0, 2.0, 3.0, 4.0), init="he")
    tanh = sweep(activation="tanh", hidden_sizes=(50, 50), lrs=(0.3, 0.5, 1.0), init="lecun")
    ratio = tanh.best_median() / relu.best_median()
    verdict = "reproduced" if 5 <= ratio <= 7 else "reproduced, different number"
    return Result(f"median steps to 95%: ReLU {relu.best_median():.0f}, tanh {tanh.best_median():.0f}; "
                  f"ratio {ratio:.1f}x", verdict, ratio > 1, {"ratio": ratio})


@claim(key="dead-relus", chapter="ch-rectifiers", section='Dead ReLUs', source="cs231n-nn1, section 1.2 (ReLU)",
       statement="With a learning rate set too high, a large share of a network's ReLU units can die.",
       says="as much as 40% of the network can be dead",
       expected="on the spiral (2-50-3, 5 seeds) the mean dead share is under 5% at lr 1 and over 40% at lr 8")
def _dead_relus():
    r = _experiment("rectifiers").lr_sweep(activation="relu", hidden_sizes=(50,),
                                           lrs=(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0), steps=200)
    mean = dict(zip(r.lrs, r.mean_dead().tolist()))
    holds = mean[1.0] < 0.05 and mean[8.0] > 0.4
    shown = ", ".join(f"lr {lr:g}: {m:.0%}" for lr, m in mean.items())
    return Result(f"mean dead share by lr: {shown}; worst run {r.dead.max():.0%}",
                  "reproduced, different number", holds, {"mean_dead": mean})


@claim(key="maxout-params", chapter="ch-rectifiers", section='Maxout', source="goodfellow2013; cs231n-nn1, section 1.2 (maxout)",
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

@claim(key="param-counts", chapter="ch-architectures", section='Counting the size of a network', source="cs231n-nn1, section 2.1 (sizing)",
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


@claim(key="convnet-size", chapter="ch-architectures", section='How big do real networks get?', source="cs231n-nn1, section 2.1; krizhevsky2012; simonyan2015",
       statement="Modern convolutional networks have on the order of 100 million parameters in 10 to 20 layers.",
       says="about 100 million parameters, 10-20 layers",
       expected="AlexNet and VGG-16, counted from their published layer sizes, have 10^7.5 to 10^8.5 parameters")
def _convnet_size():
    sizes = _experiment("architectures").convnet_sizes()
    alexnet, vgg = sizes["AlexNet"], sizes["VGG-16"]
    holds = all(10 ** 7.5 <= n.params <= 10 ** 8.5 for n in (alexnet, vgg))
    return Result(f"AlexNet {alexnet.params / 1e6:.0f} M in {alexnet.num_layers} weight layers; "
                  f"VGG-16 {vgg.params / 1e6:.0f} M in {vgg.num_layers}", "reproduced", holds,
                  {"alexnet": alexnet.params, "vgg16": vgg.params})


# --- G. Training a small network (companion) -------------------------------------------------

@claim(key="softmax-gradient", chapter="ch-training", section='From scores to a loss: softmax cross-entropy', source="cs231n-nn1 companion (softmax classifier)",
       statement="For probabilities [0.2, 0.3, 0.5] and correct class 2, the softmax loss gradient on the scores is [0.2, 0.3, -0.5].",
       says="dL/ds = p - onehot(y)", expected="nnkit.losses.softmax_cross_entropy returns [0.2, 0.3, -0.5]")
def _softmax_gradient():
    from nnkit import losses
    scores = np.log(np.array([[0.2, 0.3, 0.5]]))
    _, dscores = losses.softmax_cross_entropy(scores, np.array([2]))
    holds = bool(np.allclose(dscores, [[0.2, 0.3, -0.5]], atol=1e-12))
    return Result(f"gradient = {np.round(dscores.ravel(), 6).tolist()}", "reproduced", holds,
                  {"dscores": dscores.ravel().tolist()})


@claim(key="spiral-accuracy", chapter="ch-training", section='Training on the spiral', source="cs231n-nn1 companion (case study)",
       statement="On the 3-arm spiral a linear softmax classifier is near 50% training accuracy; a 2 -> 100 ReLU -> 3 net is near 98%.",
       says="about 49% for the linear classifier, about 98% for the two-layer network",
       expected="linear 40-60%, network >= 97% (training accuracy)")
def _spiral():
    r = _experiment("training").spiral_experiment(data_seed=0, init_seed=1)
    holds = 0.40 <= r.linear_train_acc <= 0.60 and r.net_train_acc >= 0.97
    verdict = "reproduced" if abs(r.linear_train_acc - 0.49) < 0.03 and abs(r.net_train_acc - 0.98) < 0.015 \
        else "reproduced, different number"
    return Result(f"linear {r.linear_train_acc:.1%}, network {r.net_train_acc:.1%} (held out: "
                  f"{r.linear_val_acc:.1%}, {r.net_val_acc:.1%})", verdict, holds,
                  {"linear": r.linear_train_acc, "net": r.net_train_acc})


@claim(key="overfit-tiny", chapter="ch-training", section='A sanity check: overfit a tiny training set', source="cs231n-nn1 companion (sanity checks)",
       statement="A network can overfit a tiny training set to 100% accuracy.",
       says="overfitting a tiny subset is a sanity check of the training code",
       expected="15 spiral points, 50 hidden units: 100% training accuracy within 1000 steps")
def _overfit_tiny():
    r = _experiment("training").overfit_tiny(data_seed=0, init_seed=2, num_points=15, hidden=50, steps=1000)
    return Result(f"100% first reached at step {r.first_perfect_step}; final loss {r.train_loss:.3f}",
                  "reproduced", r.train_acc == 1.0, {"first_perfect_step": r.first_perfect_step})


# --- E. Representational power ---------------------------------------------------------------

@claim(key="universal-approximation", chapter="ch-representation", section='Many bumps make a staircase', source="cybenko1989; cs231n-nn1, section 3",
       statement="One hidden layer suffices to approximate a continuous function to any accuracy, given enough units.",
       says="a one-hidden-layer network can approximate any continuous function (Cybenko, 1989)",
       expected="the max error of a constructed sigmoid-bump network falls at every step from 10 to 160 units")
def _universal():
    r = _experiment("representation").approximation_errors()
    errors = dict(zip(r.units, r.sigmoid))
    holds = all(a > b for a, b in zip(r.sigmoid, r.sigmoid[1:])) and r.sigmoid[-1] < 0.1
    shown = ", ".join(f"{h}: {errors[h]:.3f}" for h in (10, 40, 160) if h in errors)
    return Result(f"max error by units: {shown}; slope {r.slope('sigmoid'):.2f} on log-log axes", "reproduced", holds,
                  {"errors": errors})


@claim(key="indicator-bumps", chapter="ch-representation", section='Indicator bumps: why universality is a weak argument', source="cs231n-nn1, section 3",
       statement="A sum of indicator bumps is also a universal approximator, so universality alone explains little.",
       says="universal approximation is 'mathematically cute' but a weak reason networks work",
       expected="indicator-bump errors fall like 1/H, the same rate as sigmoid bumps (slopes within 0.2)")
def _indicator():
    r = _experiment("representation").approximation_errors()
    holds = abs(r.slope("indicator") - r.slope("sigmoid")) < 0.2 and r.indicator[-1] < r.indicator[0]
    return Result(f"log-log slopes: indicator {r.slope('indicator'):.2f}, sigmoid {r.slope('sigmoid'):.2f}", "reproduced",
                  holds, {"indicator_slope": r.slope("indicator")})


@claim(key="depth-helps", chapter="ch-representation", section='Depth at a fixed parameter budget', source="cs231n-nn1, section 3; ba2014",
       statement="Deeper fully-connected networks often work better in practice, though one hidden layer has the same representational power.",
       says="three layers often beat two; deeper rarely helps much for fully-connected nets",
       expected="at about 300 parameters on the spiral (3 data draws x 3 seeds, 3,000 held-out points per draw, each depth at its better learning rate), "
                "2 to 4 hidden layers are within one point of held-out accuracy of 1 hidden layer, and 5 or 6 are no better")
def _depth():
    r = _experiment("representation").depth_comparison(data_seeds=range(3), init_seeds=range(3), lrs=(0.03, 0.3), steps=600)
    acc = {d: float(r.accuracy(d).mean()) for d in r.depths}
    gain = {d: float(r.gain(d).mean()) for d in r.depths if d > 1}
    se = {d: float(r.gain(d).std(ddof=1) / np.sqrt(len(r.gain(d)))) for d in gain}
    holds = all(abs(gain[d]) < 0.01 for d in (2, 3, 4)) and gain[5] <= 0 and gain[6] <= 0
    # "Three layers (two hidden) often beat two (one hidden)": a gain well outside the noise.
    better = gain[2] > 0.01 and gain[2] > 2 * se[2]
    shown = " / ".join(f"{acc[d]:.1%}" for d in r.depths)
    return Result(f"held-out accuracy {shown} (1 to 6 hidden layers); 2 hidden layers vs 1: "
                  f"{100 * gain[2]:+.2f} +- {100 * se[2]:.2f} points; 5 and 6: {100 * gain[5]:+.1f} and {100 * gain[6]:+.1f}",
                  "reproduced" if better else "not reproduced", holds, {"val_acc": acc, "gain": gain, "se": se})


# --- F. Capacity and regularization ----------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _capacity_sweeps():
    """Both classic figures, with chapter 7's seeds (data seed 3, initial weights seed 103)."""
    return _experiment("capacity").capacity_and_regularization(data_seed=3, init_seed=103)


@claim(key="capacity-overfits", chapter="ch-capacity", section='Three sizes of hidden layer', source="cs231n-nn1, section 4",
       statement="More hidden units fit the training set more closely; 20 units fit every training point, outliers included, with fragmented regions.",
       says="20 neurons fit all training data but split the space into many disjoint regions; 3 neurons treat outliers as noise",
       expected="20 units: 100% training accuracy, longer boundary and lower held-out accuracy than 3 units")
def _capacity():
    cap, _ = _capacity_sweeps()
    r3, r6, r20 = cap.row(3), cap.row(6), cap.row(20)
    holds = r20["train_acc"] == 1.0 and r20["boundary"] > r3["boundary"] and r20["val_acc"] < r3["val_acc"]
    shown = "; ".join(f"{h} units: train {r['train_acc']:.0%}, held out {r['val_acc']:.1%}, boundary {r['boundary']:.2%}"
                      for h, r in ((3, r3), (6, r6), (20, r20)))
    return Result(shown, "reproduced", holds, {"rows": {3: r3, 6: r6, 20: r20}})


@claim(key="l2-smooths", chapter="ch-capacity", section='Regularization smooths the regions', source="cs231n-nn1, section 4",
       statement="Stronger L2 regularization gives the 20-unit network smoother decision regions.",
       says="with lambda 0.001, 0.01, 0.1 the regions become smoother as the strength grows",
       expected="the boundary fraction falls and held-out accuracy does not drop as reg goes 0.001 -> 0.01 -> 0.1")
def _l2_smooths():
    _, reg = _capacity_sweeps()
    rows = [reg.row(20, r) for r in (0.001, 0.01, 0.1)]
    boundary, val = [r["boundary"] for r in rows], [r["val_acc"] for r in rows]
    holds = boundary[0] > boundary[1] > boundary[2] and val[2] >= val[0]
    return Result(f"boundary fraction {boundary[0]:.2%} -> {boundary[1]:.2%} -> {boundary[2]:.2%}; held out "
                  f"{val[0]:.1%} -> {val[1]:.1%} -> {val[2]:.1%}", "reproduced", holds,
                  {"boundary": boundary, "val_acc": val})


@claim(key="small-nets-vary", chapter="ch-capacity", section='Why not a small network after all?', source="cs231n-nn1, section 4; choromanska2015",
       statement="Small networks land in more varied, often worse minima across random seeds than large ones.",
       says="small networks' final losses vary a lot with the seed; large networks reach many similar, good minima",
       expected="over 40 seeds, the 3-unit net's final-loss standard deviation is at least 3x the 20-unit net's")
def _small_nets_vary():
    r = _experiment("capacity").seed_spread(data_seed=3, seeds=range(1000, 1040), hidden_sizes=(3, 20), reg=0.01,
                                            steps=1000)
    ratio = r.std(3) / r.std(20)
    return Result(f"std of final loss: {r.std(3):.4f} (3 units) vs {r.std(20):.4f} (20 units), {ratio:.0f}x; "
                  f"{r.distinct(3)} distinct final values for 3 units", "reproduced", ratio >= 3, {"ratio": ratio})


def run_all(keys=None) -> list[tuple[Claim, Result]]:
    """Run every registered claim (or those in `keys`) and return (claim, result) pairs."""
    chosen = [c for c in REGISTRY if keys is None or c.key in keys]
    return [(c, c.run()) for c in chosen]
