"""Checks for the exercises of chapter 2 (the neuron).

A neuron's forward pass, the logistic loss with labels t in {-1, +1} and its gradient, the
hinge loss and its gradient, L2 forgetting by hand and in closed form, which loss gives
probabilities, and training a neuron (judged on data drawn at check time).
Every case is drawn fresh on each call. Common mistakes get their own message: no bias, no
sigmoid, a sum instead of a mean, a gradient not divided by N or with the wrong sign, the
{0, 1} formula used with signs, an overflow for large scores, a division by zero at reg = 0.
Shapes: N examples, D inputs; X (N, D), w (D,), scores (N,), y or t (N,).
"""

from __future__ import annotations

import math
import warnings

import numpy as np

from nnkit import activations, validate
from nnbook.checks import core


def _quiet_call(fn, *args, **kwargs):
    """core.call with numpy's overflow warnings silenced (the values are checked instead)."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        return core.call(fn, *args, **kwargs)


# --- Exercise 2.1: a neuron's forward pass ---------------------------------------------------


@core.checker("Exercise 2.1 (neuron_forward)")
def check_forward(neuron_forward):
    """neuron_forward(X, w, b) = sigmoid(X @ w + b): X (N, D), w (D,), b float -> (N,)."""
    rng = core.fresh_rng()
    normal = rng.standard_normal
    cases = [("X (4, 3), w (3,), b = 0.5", (normal((4, 3)), normal(3), 0.5)),
             ("a batch of one, X (1, 2)", (normal((1, 2)), normal(2), -1.0)),
             ("one input, D = 1", (rng.standard_normal((5, 1)), np.array([2.0]), 0.0)),
             ("negative b = -3", (rng.standard_normal((3, 4)), rng.standard_normal(4), -3.0)),
             ("large sums, |X @ w| ~ 1000", (np.array([[1000.0, 0.0], [-1000.0, 0.0], [0.0, 2.0]]),
                                              np.array([1.0, 0.5]), 0.0))]
    for label, (X, w, b) in cases:
        out = _quiet_call(neuron_forward, X, w, b, inputs=label)
        expected = activations.sigmoid(X @ w + b)
        if isinstance(out, np.ndarray) and out.shape == (len(X), 1):
            raise core.CheckFailed(f"your output for {label} has shape {out.shape}; expected "
                                   f"({len(X)},)", "w is a vector (D,), so X @ w has shape (N,); "
                                                   "don't reshape w into a column")
        for wrong, why, hint in (
                (activations.sigmoid(X @ w), "ignores the bias b", "sigmoid(X @ w + b)"),
                (X @ w + b, "is the weighted sum itself, without the sigmoid",
                 "pass X @ w + b through 1 / (1 + exp(-z)) (or activations.sigmoid)"),
                (1 - expected, "is 1 - sigmoid(...): a sign is flipped",
                 "sigmoid(z) = 1 / (1 + exp(-z)): note the minus sign")):
            if core.close(out, wrong) and core.differ(wrong, expected):
                raise core.CheckFailed(f"your output for {label} {why}", hint)
        core.compare(out, expected, what="the neuron's output", inputs=label,
                     hint="one firing rate per row of X: sigmoid(X @ w + b), shape (N,)")
    core.loop_free(neuron_forward, lambda n: (rng.standard_normal((n, 3)), rng.standard_normal(3),
                                              0.1), name="neuron_forward")
    return "your neuron computes sigmoid(X @ w + b) for a whole batch at once, even for large sums"


# --- Exercise 2.2: the logistic loss with labels t in {-1, +1} -------------------------------


def _logistic_pm(scores, t):
    """The reference: mean of log(1 + exp(-t s)) and its gradient -t sigmoid(-t s) / N."""
    margins = t * scores
    loss = float(np.mean(np.logaddexp(0, -margins)))
    return loss, -t * activations.sigmoid(-margins) / len(scores)


def _signs(rng, n):
    return rng.choice([-1.0, 1.0], n)


@core.checker("Exercise 2.2 (logistic_loss)")
def check_logistic_loss(logistic_loss):
    """logistic_loss(scores, t) -> (mean of log(1 + e^(-t s)), dscores = -t sigmoid(-t s) / N)."""
    rng = core.fresh_rng()
    cases = [("scores [2, -1, 0.5, 0], t [1, -1, -1, 1]", np.array([2.0, -1.0, 0.5, 0.0]),
              np.array([1.0, -1.0, -1.0, 1.0])),
             ("a batch of one, scores [0.3], t [-1]", np.array([0.3]), np.array([-1.0])),
             ("8 random scores", rng.standard_normal(8) * 3, _signs(rng, 8)),
             ("large scores [1000, -1000, 30], t [-1, 1, 1]", np.array([1000.0, -1000.0, 30.0]),
              np.array([-1.0, 1.0, 1.0]))]
    for label, s, t in cases:
        n = len(s)
        result = _quiet_call(logistic_loss, s, t, inputs=label)
        loss, dscores = core.unpack(result, ["loss", "dscores"], fn="logistic_loss", inputs=label,
                                    looks_like=[core.is_number, core.has_shape((n,))])
        want_loss, want_d = _logistic_pm(s, t)
        if isinstance(loss, (float, np.floating)) and not math.isfinite(loss):
            raise core.CheckFailed(f"the loss for {label} is {core.show(loss)}; expected "
                                   f"{core.show(want_loss)}", "log(1 + exp(1000)) overflows; "
                                   "np.logaddexp(0, x) computes log(1 + e^x) without overflow")
        value = core.number_result(loss, what="the loss", inputs=label)
        wrong_formula = float(np.mean(np.logaddexp(0, s) - t * s))
        if np.isclose(value, wrong_formula) and not np.isclose(wrong_formula, want_loss):
            raise core.CheckFailed(f"the loss for {label} is {core.show(value)}: the {{0, 1}} "
                                   "formula log(1 + e^s) - y s, used with t = -1 or +1",
                                   "with signs, the loss of one example is log(1 + e^(-t s))")
        if n > 1 and np.isclose(value, want_loss * n) and not np.isclose(value, want_loss):
            raise core.CheckFailed(f"the loss for {label} is {core.show(value)}, the sum over "
                                   f"examples; expected the mean {core.show(want_loss)}",
                                   "divide by N (np.mean instead of np.sum)")
        if np.isclose(value, float(np.mean(np.logaddexp(0, t * s)))) and not np.isclose(
                value, want_loss):
            raise core.CheckFailed(f"the loss for {label} is {core.show(value)}; expected "
                                   f"{core.show(want_loss)}: the sign of t s is flipped",
                                   "a correct, confident score (t s large) must cost almost "
                                   "nothing: log(1 + e^(-t s))")
        core.compare(value, want_loss, what="the loss", inputs=label,
                     hint="loss = mean over examples of log(1 + exp(-t * s))")
        for wrong, why, hint in (
                (want_d * n, "is N times too large", "the loss is a mean, so divide by N"),
                (-want_d, "has the wrong sign", "d/ds log(1 + e^(-t s)) = -t e^(-t s) / "
                                                "(1 + e^(-t s)) = -t sigmoid(-t s)"),
                (-t * activations.sigmoid(t * s) / n, "uses sigmoid(t s) instead of "
                                                      "sigmoid(-t s)",
                 "differentiate log(1 + e^(-t s)) carefully: the chain rule brings down -t"),
                ((activations.sigmoid(s) - t) / n,
                 "is (sigmoid(s) - t) / N, the {0, 1} gradient used with signs",
                 "with labels t = -1 or +1 the gradient is -t sigmoid(-t s) / N")):
            if core.close(dscores, wrong) and core.differ(wrong, want_d):
                raise core.CheckFailed(f"dscores for {label} {why}", hint)
        core.compare(dscores, want_d, what="dscores", inputs=label,
                     hint="dscores = -t * sigmoid(-t * s) / N, one entry per score",
                     finite_hint="sigmoid of a large number overflows in 1 / (1 + np.exp(-z)); "
                                 "use activations.sigmoid or exp of -|z| only")
    core.loop_free(logistic_loss, lambda k: (rng.standard_normal(k), _signs(rng, k)),
                   name="logistic_loss")
    return ("loss and gradient match for labels -1 and +1, stay finite for scores of +-1000, "
            "and work on the whole batch at once")


# --- Exercise 2.3: the hinge loss ------------------------------------------------------------


def _hinge(scores, y):
    t = 2 * y - 1
    return float(np.mean(np.maximum(0, 1 - t * scores)))


def _hinge_cases(rng):
    return [("scores [2, -1, 0.5, 0], y [1, 0, 0, 1]", np.array([2.0, -1.0, 0.5, 0.0]),
             np.array([1, 0, 0, 1])),
            ("a batch of one, scores [-0.5], y [1]", np.array([-0.5]), np.array([1])),
            ("every point beyond the margin", np.array([3.0, -2.0, 1.5]), np.array([1, 0, 1])),
            ("10 random scores", rng.standard_normal(10) * 2, rng.integers(0, 2, 10)),
            ("large scores [1000, -1000], y [0, 0]", np.array([1000.0, -1000.0]), np.array([0, 0]))]


@core.checker("Exercise 2.3 (hinge_loss)")
def check_hinge_loss(hinge_loss):
    """hinge_loss(scores, y) = mean of max(0, 1 - t s) with t = 2y - 1, one float."""
    rng = core.fresh_rng()
    for label, s, y in _hinge_cases(rng):
        result = _quiet_call(hinge_loss, s, y, inputs=label)
        value = core.number_result(result, what="the loss", inputs=label,
                                   hint="return only the loss, one number: np.mean(...)")
        expected = _hinge(s, y)
        n, t = len(s), 2 * y - 1
        mistakes = [
            (float(np.mean(np.maximum(0, 1 - y * s))), "uses the labels y in {0, 1} as the sign",
             "turn the labels into signs first: t = 2 * y - 1"),
            (float(np.mean(np.maximum(0, -t * s))), "has no margin of 1",
             "the hinge is max(0, 1 - t * s): a point must clear the boundary by 1"),
            (float(np.mean(1 - t * s)), "has no max(0, .)",
             "points beyond the margin cost 0, not a negative amount")]
        if n > 1:
            mistakes.append((expected * n, "is the sum, not the mean",
                             "divide by N (np.mean, not np.sum)"))
        for wrong, why, hint in mistakes:
            if np.isclose(value, wrong) and not np.isclose(wrong, expected):
                raise core.CheckFailed(f"the loss for {label} is {core.show(value)}: it {why}; "
                                       f"expected {core.show(expected)}", hint)
        core.compare(value, expected, what="the loss", inputs=label, atol=1e-9,
                     hint="loss = mean over examples of max(0, 1 - t * s) with t = 2y - 1")
    return "your hinge loss matches on every input, including points beyond the margin"


# --- Exercise 2.4: how long until L2 halves a weight -----------------------------------------

HALVING_LR, HALVING_REG = 0.1, 0.05


@core.checker("Exercise 2.4 (halving steps)")
def check_halving_steps(steps):
    """Smallest whole k with (1 - 0.1 * 0.05)^k <= 1/2: k = 139."""
    if steps is None:
        raise core.NotAttempted("set `steps` to a whole number, then run this cell again")
    value = core.typed_number(steps, "`steps`", example="steps = 42")
    factor = 1 - HALVING_LR * HALVING_REG
    exact = math.log(0.5) / math.log(factor)
    answer = math.ceil(exact)
    if not value.is_integer():
        raise core.CheckFailed(f"`steps` is {core.show(value)}, not a whole number of steps",
                               f"the exact solution of (1 - lr*reg)^k = 1/2 is {exact:.2f}; "
                               "round it the right way")
    k = int(value)
    if k == answer - 1:
        raise core.CheckFailed(f"after {k} steps the weight is still {factor ** k:.4f} of its "
                               "start, above one half", "round the exact solution up, not down")
    if k == answer + 1:
        raise core.CheckFailed(f"after {k - 1} steps the weight is already "
                               f"{factor ** (k - 1):.4f} of its start",
                               "the question asks for the first step at which it is at most half")
    if k in (math.ceil(math.log(0.5) / math.log(1 - HALVING_REG)),
             math.ceil(math.log(0.5) / math.log(1 - HALVING_LR))):
        raise core.CheckFailed(f"`steps` = {k} uses only one of lr and reg",
                               "each step multiplies the weight by 1 - lr * reg")
    if k != answer:
        raise core.CheckFailed(f"after {k} steps the weight is {factor ** k:.4f} of its start; "
                               "that is not the first step at which it is at most one half",
                               "solve (1 - lr * reg)^k <= 1/2 for k with logarithms")
    return (f"{answer} steps: (1 - {HALVING_LR} * {HALVING_REG})^{answer} = "
            f"{factor ** answer:.4f} <= 0.5 < {factor ** (answer - 1):.4f}")


# --- Exercise 2.5: which loss gives probabilities? -------------------------------------------

PROBABILITY_OPTIONS = {
    "a": "No: the hinge loss only asks the score to clear the margin; any score above 1 is "
         "equally good, so its size carries no probability and need not lie in (0, 1).",
    "b": "Yes: with the cross-entropy loss the neuron's sigmoid(w . x + b) is trained to be "
         "P(y = 1 | x), so it says how sure the neuron is.",
    "c": "No: only one of them does; the hinge loss is zero for every score beyond the margin, "
         "so nothing calibrates its scores as probabilities.",
    "d": "No: the logistic neuron's output is trained as a probability (its loss is the "
         "negative log of it).",
}


@core.checker("Exercise 2.5 (which loss gives probabilities)")
def check_probabilities(answer):
    """Option b: the logistic (binary softmax) neuron."""
    return core.choice(answer, PROBABILITY_OPTIONS, "b", what="`answer`")


# --- Exercise 2.6: train a neuron (judged on fresh data) -------------------------------------

TARGET = 0.90  # held-out accuracy to reach on every fresh draw
DRAWS = 5  # data sets drawn per check (a random line through the data's centre passes all
#            five about once in 500 tries: see tests/test_checks_neuron.py)
TRAIN_SIZE, VAL_SIZE = 120, 300


def exercise_data(seed=None):
    """One draw of Exercise 2.6's data: X_train (120, 2), y_train, X_val (300, 2), y_val.

    Two Gaussian clouds (std 0.75, centres 3 apart) side by side along a random direction u,
    centred 3 to 5 units from the origin along u: every draw has a new orientation, so weights
    pasted from one draw do not fit the next, and a boundary through the origin (a bias left at
    0) puts both clouds on the same side.
    """
    rng = np.random.default_rng(core.seed_value("exercise_data", "seed", seed))
    angle = rng.uniform(0, 2 * np.pi)
    u = np.array([np.cos(angle), np.sin(angle)])
    centre = rng.uniform(3.0, 5.0) * u
    sign = rng.choice([-1.0, 1.0])
    n = TRAIN_SIZE + VAL_SIZE
    y = np.arange(n) % 2
    rng.shuffle(y)
    X = centre + np.outer(sign * (2 * y - 1) * 1.5, u) + 0.75 * rng.standard_normal((n, 2))
    return X[:TRAIN_SIZE], y[:TRAIN_SIZE], X[TRAIN_SIZE:], y[TRAIN_SIZE:]


def neuron_accuracy(w, b, X, y) -> float:
    """Fraction of rows classified right, predicting class 1 where X @ w + b > 0."""
    where = "neuron_accuracy"
    w = core.array_argument(where, "w", w, (None,))
    b = validate.number(where, "b", b)
    X = core.array_argument(where, "X", X, (None, len(w)))
    validate.labels(where, y, len(X), 2)
    return float(np.mean((X @ w + b > 0) == (y == 1)))


@core.checker("Exercise 2.6 (train a neuron)", settings={"seed": core.seed_value})
def check_train(train_my_neuron, *, seed=None):
    """train_my_neuron(X_train, y_train) -> (w (2,), b); >= 90% held out on 5 fresh draws."""
    rng = core.fresh_rng(seed)
    accuracies = []
    for draw in range(1, DRAWS + 1):
        X, y, X_val, y_val = exercise_data(int(rng.integers(2**32)))
        label = f"fresh data set {draw} of {DRAWS}"
        result = _quiet_call(train_my_neuron, X, y, inputs=label)
        w, b = core.unpack(result, ["w", "b"], fn="train_my_neuron", inputs=label,
                           looks_like=[core.has_shape((2,)), core.is_number])
        if isinstance(w, np.ndarray) and w.shape in ((2, 1), (1, 2)):
            raise core.CheckFailed(f"w has shape {w.shape}; expected (2,)",
                                   "keep w a flat vector of 2 weights: np.zeros(2)")
        w = core.array_result(w, what="w", inputs=label, shape=(2,),
                              finite_hint="the weights overflowed: use a smaller learning rate")
        b = core.number_result(b, what="b", inputs=label)
        acc = neuron_accuracy(w, b, X_val, y_val)
        if acc <= 1 - TARGET:
            raise core.CheckFailed(f"held-out accuracy on {label} is {acc:.0%}: the neuron "
                                   "predicts the classes the wrong way round",
                                   "class 1 is where w . x + b > 0; check the sign of your "
                                   "gradient step (w = w - lr * dw)")
        if acc < TARGET:
            train_acc = neuron_accuracy(w, b, X, y)
            hint = ("the bias matters: these clouds sit 3 to 5 units from the origin, so a "
                    "boundary through the origin cannot separate them"
                    if abs(b) < 0.5 else
                    "train longer or with a larger learning rate, and compute the gradient "
                    "inside the loop, from the current w and b")
            raise core.CheckFailed(f"held-out accuracy on {label} is {acc:.0%} (training "
                                   f"{train_acc:.0%}); the target is {TARGET:.0%} on every draw",
                                   hint)
        accuracies.append(acc)
    return (f"held-out accuracy {', '.join(f'{a:.0%}' for a in accuracies)} on {DRAWS} data "
            f"sets drawn just now, each at least {TARGET:.0%}")


# --- Exercise 2.7: the gradient of the hinge loss (derivation) -------------------------------


def _hinge_grad_reference(scores, y):
    t = 2 * y - 1
    return -t * ((1 - t * scores) > 0) / len(scores)


@core.checker("Exercise 2.7 (hinge_grad)")
def check_hinge_grad(hinge_grad):
    """hinge_grad(scores, y) -> dscores (N,) = -t / N where 1 - t s > 0, else 0."""
    rng = core.fresh_rng()
    cases = [(f"scores [2, -1, 0.5, 0], y [1, 0, 0, 1]", np.array([2.0, -1.0, 0.5, 0.0]),
              np.array([1, 0, 0, 1])),
             ("points exactly on the margin, scores [1, -1], y [1, 0]", np.array([1.0, -1.0]),
              np.array([1, 0])),
             ("a batch of one, scores [-0.5], y [1]", np.array([-0.5]), np.array([1])),
             ("12 random scores", rng.standard_normal(12) * 2, rng.integers(0, 2, 12)),
             ("every point beyond the margin", np.array([3.0, -2.0, 1.5]), np.array([1, 0, 1]))]
    for label, s, y in cases:
        n, t = len(s), 2 * y - 1
        out = core.call(hinge_grad, s, y, inputs=label)
        expected = _hinge_grad_reference(s, y)
        for wrong, why, hint in (
                (expected * n, "is N times too large", "the loss is a mean: divide by N"),
                (-expected, "has the wrong sign", "raising the score of a class-1 point lowers "
                                                  "its loss, so its gradient is negative"),
                (-y * ((1 - y * s) > 0) / n, "uses y in {0, 1} as the sign",
                 "the sign is t = 2y - 1"),
                (-t / n * np.ones(n), "does not switch off beyond the margin",
                 "where 1 - t s <= 0 the loss is flat, so the gradient is 0 there"),
                (-t * ((1 - t * s) >= 0) / n, "is not 0 exactly on the margin",
                 "at 1 - t s = 0 use 0, like relu'(0) = 0: compare with > 0")):
            if core.close(out, wrong) and core.differ(wrong, expected):
                raise core.CheckFailed(f"your gradient for {label} {why}", hint)
        core.compare(out, expected, what="dscores", inputs=label,
                     hint="d/ds max(0, 1 - t s) is -t where 1 - t s > 0, else 0; divide by N")
    core.loop_free(hinge_grad, lambda k: (rng.standard_normal(k), rng.integers(0, 2, k)),
                   name="hinge_grad")
    return "dscores = -t / N inside the margin and 0 beyond it (and on it), for the whole batch"


# --- Exercise 2.8: a weight under L2 and a constant push (stretch) ---------------------------


def _weight_after_reference(k, w0, g, lr, reg):
    if reg == 0:
        return w0 - k * lr * g
    a = (1 - lr * reg) ** k
    return a * w0 - g * (1 - a) / reg


@core.checker("Exercise 2.8 (weight_after, a closed form)")
def check_weight_after(weight_after):
    """weight_after(k, w0, g, lr, reg): k steps of w <- w - lr (g + reg w), in closed form."""
    rng = core.fresh_rng()
    cases = [(k, float(rng.normal()), float(rng.normal()), float(rng.uniform(0.05, 0.5)),
              float(rng.uniform(0.05, 1.0))) for k in (1, 7, 30)]
    cases += [(0, 1.5, 0.3, 0.1, 0.2), (12, 2.0, 0.0, 0.1, 0.5), (25, -1.0, 0.4, 0.2, 0.0),
              (1_000_000, 3.0, 0.5, 0.1, 0.2)]
    for k, w0, g, lr, reg in cases:
        label = f"k = {k}, w0 = {core.show(w0)}, g = {core.show(g)}, lr = {core.show(lr)}, " \
                f"reg = {core.show(reg)}"
        try:
            with np.errstate(all="ignore"):
                out = core.call(weight_after, k, w0, g, lr, reg, inputs=label)
        except core.CheckFailed as exc:
            if reg == 0 and "ZeroDivisionError" in exc.message:
                raise core.CheckFailed(exc.message, "for reg = 0 there is no decay and your "
                                       "formula divides by zero: handle it separately (the "
                                       "pushes just add up: w0 - k lr g)") from None
            raise
        expected = _weight_after_reference(k, w0, g, lr, reg)
        value = core.number_result(out, what="your weight", inputs=label,
                                   hint="for reg = 0 there is no decay: the pushes just add up"
                                   if reg == 0 else "")
        a = (1 - lr * reg)
        if reg > 0 and g != 0 and k > 0:
            for wrong, why, hint in (
                    (a ** k * w0 - lr * g * (1 - a ** k) / reg, "has one factor lr too many "
                                                                "in the push term",
                     "the pushes add up to lr g (1 + a + ... + a^(k-1)) = lr g (1 - a^k) / "
                     "(1 - a), and 1 - a = lr reg"),
                    (a ** k * w0 + g * (1 - a ** k) / reg, "pushes the wrong way",
                     "each step subtracts lr g"),
                    (a ** (k + 1) * w0 - g * (1 - a ** (k + 1)) / reg, "takes one step too many",
                     "after k steps the factor is a^k"),
                    (a ** (k - 1) * w0 - g * (1 - a ** (k - 1)) / reg, "takes one step too few",
                     "after k steps the factor is a^k"),
                    (a ** k * w0 - k * lr * g, "lets the pushes add up without decaying",
                     "each earlier push is shrunk by every later step")):
                if np.isclose(value, wrong, rtol=1e-6) and not np.isclose(wrong, expected,
                                                                          rtol=1e-6):
                    raise core.CheckFailed(f"your weight for {label} {why}", hint)
        core.compare(value, expected, what="your weight", inputs=label, atol=1e-9,
                     hint="with a = 1 - lr * reg: w_k = a^k w0 - lr g (1 + a + ... + a^(k-1)); "
                          "sum the geometric series")
    core.loop_free(weight_after, lambda n: (n, 1.0, 0.5, 0.1, 0.3), name="weight_after",
                   per="step", what="k steps",
                   hint="the exercise asks for a formula: sum the geometric series instead of "
                        "stepping k times")
    return ("w_k = a^k w0 - g (1 - a^k) / reg with a = 1 - lr reg (and w0 - k lr g without L2): "
            "it settles at -g / reg, where the push and the decay balance")
