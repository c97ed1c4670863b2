"""Checks for the exercises of chapter 7 (capacity and regularization).

Reading decision regions, the L2 penalty and its gradient, one step of weight decay by hand, an
SGD step with L2, why not a small network, tuning hidden size and reg, where L2 moves the
minimum of a quadratic, and inverted dropout.
Every case is drawn fresh on each call; common mistakes get their own message: a missing 1/2
in the penalty, a gradient of 2 reg W, forgetting the learning rate, regularising with the
wrong sign, a network too small for the exercise, a dropout that does not rescale, drops the
wrong share or ignores the generator it is given.
Shapes: W any shape (a weight matrix is (D, H)); dW has W's shape; H (N, H) hidden activations.
"""

from __future__ import annotations

import functools

import numpy as np

from nnkit import datasets, losses, model, train, validate
from nnbook.checks import core

# --- Exercise 7.1: which picture came from 20 hidden units? ----------------------------------

_PANELS = (6, 20, 3)  # hidden sizes of panels A, B and C
PICTURE_LR, PICTURE_MOMENTUM, PICTURE_STEPS = 0.3, 0.9, 6000


def pictures(seed: int = 0):
    """The three trained networks of exercise 7.1 (panels A, B, C) and their data (cached).

    Returns (models, (X_train, y_train, X_val, y_val)): one hidden layer of ReLU units trained
    full batch with momentum on 60 points of chapter 7's data with outliers; which panel has
    which size is the exercise's question.
    """
    # checked before the cache, which would take True for 1 and 1.0 for 1
    return _pictures(validate.whole_number("pictures", "seed", seed, minimum=0))


@functools.lru_cache(maxsize=2)
def _pictures(seed: int):
    """The three trained networks of exercise 7.1 (panels A, B, C) and their data.

    Returns (models, (X_train, y_train, X_val, y_val)): one hidden layer of ReLU units trained
    full batch with momentum on 60 points of chapter 7's data with outliers; which panel has
    which size is the exercise's question.
    """
    rng = np.random.default_rng(seed)
    X, y = datasets.outliers(n=300, num_outliers=18, rng=rng)
    data = datasets.split(X, y, held_out=0.8, rng=rng)
    models = []
    for hidden in _PANELS:
        net = model.MLP([2, hidden, 2], rng=np.random.default_rng(seed + 100))
        train.train(net, data[0], data[1], lr=PICTURE_LR, momentum=PICTURE_MOMENTUM,
                    steps=PICTURE_STEPS, eval_every=PICTURE_STEPS)
        models.append(net)
    return tuple(models), data


def draw_pictures(seed: int = 0):
    """Draw the decision regions of the three networks as panels A, B and C; returns the Axes."""
    from nnkit import plotting  # drawing only when asked

    models, (X_train, y_train, _, _) = _pictures(
        validate.whole_number("draw_pictures", "seed", seed, minimum=0))
    return plotting.decision_regions_grid(list(models), X_train, y_train, titles=["A", "B", "C"],
                                          resolution=120)


def picture_accuracies(seed: int = 0) -> dict:
    """{panel: training accuracy}, for the assertions behind the solution's words."""
    models, (X_train, y_train, _, _) = _pictures(
        validate.whole_number("picture_accuracies", "seed", seed, minimum=0))
    return {panel: train.accuracy(net, X_train, y_train) for panel, net in zip("ABC", models)}


PICTURE_OPTIONS = {
    "A": "A has one long band of one colour cutting across the other class's side, but some stray "
         "points are still on the wrong side: that is the 6-unit network. Look for the panel "
         "where every training point sits in its own class's colour.",
    "B": "Right: B has the most bends, with thin tongues reaching out to single stray points, "
         "which is what 20 creases allow and what fitting every training point requires.",
    "C": "C is one broad, gently bent boundary that leaves the stray points on the wrong side: "
         "that is the 3-unit network, which has only three creases to bend along.",
}


@core.checker("Exercise 7.1 (which picture has 20 hidden units?)")
def check_pictures(answer):
    """answer: "A", "B" or "C", the panel drawn by the network with 20 hidden units."""
    return core.choice(answer, PICTURE_OPTIONS, "ABC"[_PANELS.index(20)], what="`answer`")


# --- Exercise 7.2: the L2 penalty and its gradient -------------------------------------------


def _l2_cases(rng):
    return [
        (rng.standard_normal((3, 4)), 0.1, "a random W of shape (3, 4), reg = 0.1"),
        (np.array([[-2.0, 0.5], [3.0, -1.0]]), 0.01, "W = [[-2, 0.5], [3, -1]], reg = 0.01"),
        (np.zeros((2, 3)), 0.5, "W = zeros((2, 3)), reg = 0.5"),
        (rng.standard_normal((4, 2)), 0.0, "a random W of shape (4, 2), reg = 0"),
        (np.array([[1000.0, -2000.0]]), 1e-3, "W = [[1000, -2000]] (one row), reg = 0.001"),
        (rng.standard_normal(3), 2.0, "a random 1-D W of shape (3,), reg = 2"),
    ]


@core.checker("Exercise 7.2 (the L2 penalty)")
def check_l2_penalty(l2_penalty):
    """l2_penalty(W, reg) -> (loss, dW): loss = 0.5 * reg * sum(W**2) (a float), dW = reg * W."""
    rng = core.fresh_rng()
    for W, reg, label in _l2_cases(rng):
        result = core.call(l2_penalty, W, reg, name="l2_penalty", inputs=label)
        loss, dW = core.unpack(result, ["loss", "dW"], fn="l2_penalty", inputs=label,
                               looks_like=[core.is_number, core.has_shape(W.shape)])
        want_loss, want_dW = losses.l2_penalty(W, reg)
        value = core.number_result(loss, what="the loss", inputs=label,
                                   hint="sum the squares over every entry of W: np.sum(W ** 2)")
        if want_loss > 0:
            for wrong, why, hint in (
                    (2 * want_loss, f"is {core.show(value)}, twice the expected "
                                    f"{core.show(want_loss)}",
                     "the penalty is one half of reg times the sum of squares"),
                    (want_loss / reg if reg else -1.0, "leaves out the strength reg",
                     "multiply by the strength reg"),
                    (0.5 * reg * np.sum(np.abs(W)), "sums absolute values: that is the L1 penalty",
                     "L2 squares the weights: 0.5 * reg * np.sum(W ** 2)"),
                    (0.5 * reg * np.sum(W) ** 2, "squares the sum instead of summing the squares",
                     "square each weight first, then add: np.sum(W ** 2)")):
                if np.isclose(value, wrong, rtol=1e-9) and not np.isclose(wrong, want_loss,
                                                                          rtol=1e-9):
                    raise core.CheckFailed(f"the loss for {label} {why}", hint)
        core.compare(value, want_loss, what="the loss", inputs=label, atol=1e-12,
                     hint="loss = 0.5 * reg * np.sum(W ** 2), one number for the whole array")
        if reg > 0 and np.any(W != 0):
            for wrong, why, hint in (
                    (2 * want_dW, "is 2 * reg * W", "the 1/2 in the penalty cancels the 2 of the "
                                                    "derivative of W**2: dW = reg * W"),
                    (-want_dW, "has the wrong sign", "the gradient points uphill, towards a larger "
                                                     "penalty: dW = +reg * W"),
                    (W if reg != 1 else -W, "equals W", "multiply by the strength: dW = reg * W")):
                if core.close(dW, wrong, atol=1e-12) and core.differ(wrong, want_dW, atol=1e-12):
                    raise core.CheckFailed(f"dW for {label} {why}", hint)
        core.compare(dW, want_dW, what="dW", inputs=label, atol=1e-12,
                     hint="dW = reg * W, with W's shape",
                     shape_hint="the gradient has one entry per weight: W's shape")
    return ("loss = 0.5 * reg * sum(W**2) and dW = reg * W on every input, including zeros, "
            "reg = 0 and a single row")


# --- Exercise 7.3: the shrink factor of one step, by hand ------------------------------------

SHRINK_LR, SHRINK_REG = 0.3, 0.2


@core.checker("Exercise 7.3 (one step of forgetting)")
def check_shrink_factor(factor):
    """factor: what every weight is multiplied by in one SGD step with lr = 0.3, reg = 0.2 and
    no data gradient."""
    expected = 1 - SHRINK_LR * SHRINK_REG
    if factor is None:
        raise core.NotAttempted("set `factor` to a number, then run this cell again")
    value = core.typed_number(factor, "`factor`", example="factor = 0.5")
    mistakes = {
        SHRINK_LR * SHRINK_REG: "that is how much is taken away (lr * reg), not the factor that "
                                "is left",
        1 + SHRINK_LR * SHRINK_REG: "the step goes downhill: W - lr * reg * W makes W smaller, "
                                    "not larger",
        1 - SHRINK_REG: "the learning rate scales the whole step, including the L2 part",
        1 - SHRINK_LR: "the learning rate multiplies the gradient reg * W, not W itself",
        1 - SHRINK_LR * SHRINK_REG / 2: "the gradient of 0.5 * reg * W**2 is reg * W: the 1/2 "
                                        "cancels",
    }
    for wrong, why in mistakes.items():
        if np.isclose(value, wrong, rtol=1e-6):
            raise core.CheckFailed(f"`factor` = {core.show(value)} is not right: {why}",
                                   "write out W - lr * (reg * W) and factor out W")
    core.number(factor, expected, what="`factor`", rtol=1e-6,
                hint="one step is W <- W - lr * dW with dW = reg * W; factor out W")
    return (f"W - {SHRINK_LR:g} * ({SHRINK_REG:g} * W) = {expected:g} W: every step keeps "
            f"{expected:.0%} of each weight before the data gradient is added")


# --- Exercise 7.4: one SGD step with L2 ------------------------------------------------------


def _step_cases(rng):
    return [
        (rng.standard_normal((3, 2)), rng.standard_normal((3, 2)), 0.1, 0.01,
         "random W and dW_data of shape (3, 2), lr = 0.1, reg = 0.01"),
        (np.array([[2.0, -4.0]]), np.zeros((1, 2)), 0.5, 0.1,
         "W = [[2, -4]], dW_data = 0 (no data gradient), lr = 0.5, reg = 0.1"),
        (np.array([[1.0], [-1.0]]), np.array([[0.5], [0.5]]), 1.0, 0.0,
         "W = [[1], [-1]], dW_data = [[0.5], [0.5]], lr = 1, reg = 0"),
        (np.zeros((2, 2)), np.ones((2, 2)), 0.3, 1.0, "W = 0, dW_data = 1, lr = 0.3, reg = 1"),
        (rng.standard_normal((4, 5)) * 100, rng.standard_normal((4, 5)), 0.01, 0.5,
         "large W (entries around 100), lr = 0.01, reg = 0.5"),
    ]


@core.checker("Exercise 7.4 (an SGD step with L2)")
def check_sgd_step(sgd_step):
    """sgd_step(W, dW_data, lr, reg) -> the new W = W - lr * (dW_data + reg * W), a new array."""
    rng = core.fresh_rng()
    for W, dW_data, lr, reg, label in _step_cases(rng):
        out = core.call(sgd_step, W, dW_data, lr, reg, name="sgd_step", inputs=label)
        want = W - lr * (dW_data + reg * W)
        for wrong, why, hint in (
                (W - lr * dW_data, "ignores reg", "add the L2 gradient reg * W to the data "
                                                  "gradient before stepping"),
                (W + lr * (dW_data + reg * W), "steps uphill",
                 "gradient descent subtracts: W - lr * (dW_data + reg * W)"),
                (W - (lr * dW_data + reg * W), "does not multiply the L2 part by lr",
                 "the learning rate scales the whole gradient, data and L2 together"),
                (W - lr * (dW_data + 2 * reg * W), "uses 2 * reg * W as the L2 gradient",
                 "the gradient of 0.5 * reg * W**2 is reg * W")):
            if core.close(out, wrong, atol=1e-12) and core.differ(wrong, want, atol=1e-12):
                raise core.CheckFailed(f"`sgd_step` for {label} {why}", hint)
        core.compare(out, want, what="the new W", inputs=label, atol=1e-12,
                     hint="new W = W - lr * (dW_data + reg * W) = (1 - lr * reg) * W - lr * "
                          "dW_data", shape_hint="the new W has W's shape")
    return "every step shrinks W by (1 - lr * reg) and then follows the data gradient"


# --- Exercise 7.5: why not a small network? --------------------------------------------------

SMALL_NET_OPTIONS = {
    "a": "Right: a small network limits every function it can draw, good ones included, and "
         "gradient descent often leaves it in a poor local minimum that depends on the seed; a "
         "large network with L2, dropout or input noise is controlled with one smooth knob.",
    "b": "No: small networks overfit too, only less flexibly; chapter 7's 6-unit network "
         "overfitted its 60 training points.",
    "c": "No: a small network takes cheaper steps, not more expensive ones. The argument against "
         "it is about what it can represent and how reliably it trains, not its speed.",
    "d": "No: on chapter 7's data the 3-unit network had the best held-out accuracy of the "
         "unregularized networks. Small networks can generalise well; the problem is that they "
         "are a blunt and unreliable tool.",
}


@core.checker("Exercise 7.5 (why not a small network?)")
def check_small_network(answer):
    """answer: "a", "b", "c" or "d"; the correct option is "a"."""
    return core.choice(answer, SMALL_NET_OPTIONS, "a", what="`answer`")


# --- Exercise 7.6: tune hidden size and reg --------------------------------------------------

TARGET = 0.83
MIN_HIDDEN = 20
MAX_HIDDEN = 64


def _setting(value, what, *, integer):
    if value is None:
        raise core.NotAttempted(f"set {what} to a number, then run this cell again")
    number = core.typed_number(value, what, example="reg = 0.01")
    if integer and not number.is_integer():
        raise core.CheckFailed(f"{what} is {core.show(number)}, not a whole number of units",
                               "a layer has a whole number of units")
    return int(number) if integer else number


@core.checker("Exercise 7.6 (tune hidden size and reg)",
              settings={"evaluate": core.optional_function})
def check_tuning(hidden_size, reg, *, evaluate=None):
    """hidden_size (MIN_HIDDEN..MAX_HIDDEN) and reg (>= 0) must reach TARGET held-out and test
    accuracy.

    evaluate(hidden_size, reg) -> {"train_acc", "val_acc", "test_acc"}; by default
    ``nnbook.experiments.capacity.evaluate_settings`` (about a second).
    """
    h = _setting(hidden_size, "`hidden_size`", integer=True)
    r = _setting(reg, "`reg`", integer=False)
    if h < 1:
        raise core.CheckFailed(f"`hidden_size` is {h}; a hidden layer needs at least one unit")
    if h < MIN_HIDDEN:
        raise core.CheckFailed(f"`hidden_size` is {h}: the exercise asks for a large network, at "
                               f"least {MIN_HIDDEN} units", "the point is to keep the network "
                                                            "large and control it with reg, not "
                                                            "to shrink it")
    if h > MAX_HIDDEN:
        raise core.CheckFailed(f"`hidden_size` is {h}; please stay at or below {MAX_HIDDEN} so "
                               "the check stays quick")
    if r < 0:
        raise core.CheckFailed(f"`reg` is {core.show(r)}; an L2 strength cannot be negative",
                               "a negative reg would reward large weights")
    if evaluate is None:
        from nnbook.experiments import capacity  # trains a network: only imported when needed

        evaluate = capacity.evaluate_settings
    with np.errstate(all="ignore"):
        result = evaluate(h, r)
    train_acc, val_acc, test_acc = result["train_acc"], result["val_acc"], result["test_acc"]
    summary = (f"hidden_size = {h}, reg = {core.show(r)}: training accuracy {train_acc:.1%}, "
               f"held-out {val_acc:.1%}, fresh test set {test_acc:.1%}")
    if train_acc <= 0.55:
        raise core.CheckFailed(f"{summary}: the network predicts (almost) one class everywhere",
                               "reg is so strong that the penalty wins over the data; try a "
                               "value 10 times smaller")
    if val_acc < TARGET:
        hint = ("the network still fits its training points almost perfectly: it overfits, so "
                "increase reg" if train_acc > 0.95 else
                "try a few values of reg between 0.001 and 0.3 and keep the best")
        raise core.CheckFailed(f"{summary}; the target is {TARGET:.0%} held-out accuracy", hint)
    if test_acc < TARGET:
        raise core.CheckFailed(f"{summary}; the held-out target is met but the fresh test set is "
                               f"below {TARGET:.0%}", "you may have tuned too closely to the "
                                                      "held-out points; prefer a setting that "
                                                      "does well for a range of nearby reg values")
    return f"{summary}: the large network generalises once reg controls it"


# --- Exercise 7.7: where L2 moves the minimum (derivation) -----------------------------------


def shrunk_reference(w_star, a, reg):
    """argmin over w of a/2 (w - w_star)^2 + reg/2 w^2, entry by entry."""
    where = "shrunk_reference"
    w_star = validate.finite(where, "w_star", validate.real_array(where, "w_star", w_star))
    a = validate.finite(where, "a", validate.real_array(where, "a", a))
    if np.any(a <= 0):
        raise ValueError(f"{where}: a (the curvatures) must be > 0, got {core.show(a)}")
    if a.shape not in (w_star.shape, ()):
        raise ValueError(f"{where}: a must be one number or have w_star's shape {w_star.shape}, "
                         f"got {a.shape}")
    reg = validate.number(where, "reg", reg, low=0)
    return a * w_star / (a + reg)


@core.checker("Exercise 7.7 (shrunk_optimum)")
def check_shrunk_optimum(shrunk_optimum):
    """shrunk_optimum(w_star, a, reg) -> a w* / (a + reg), elementwise."""
    rng = core.fresh_rng()
    cases = [("w_star = [2, -1], a = [1, 1], reg = 1", np.array([2.0, -1.0]), np.ones(2), 1.0),
             ("random w_star, a of shape (5,), reg = 0.3", rng.normal(0, 2, 5),
              rng.uniform(0.1, 5, 5), 0.3),
             ("reg = 0 (no penalty)", rng.normal(0, 1, 3), rng.uniform(0.5, 2, 3), 0.0),
             ("a 2-D w_star of shape (2, 3), reg = 10", rng.normal(0, 1, (2, 3)),
              rng.uniform(0.1, 3, (2, 3)), 10.0)]
    for inputs, w_star, a, reg in cases:
        out = core.call(shrunk_optimum, w_star, a, reg, inputs=inputs)
        want = shrunk_reference(w_star, a, reg)
        if reg > 0:
            with np.errstate(divide="ignore", invalid="ignore"):
                minus = a * w_star / (a - reg)
            for wrong, why, hint in (
                    (w_star / (1 + reg), "assumes a curvature a of 1",
                     "set the derivative a (w - w*) + reg w to 0 and solve for w"),
                    (minus, "subtracts reg: it moves the minimum away from 0",
                     "the penalty pulls towards 0: a (w - w*) + reg w = 0"),
                    (w_star * (1 - reg), "is one step of forgetting, not the minimum",
                     "the minimum is where the derivative is 0, not one SGD step"),
                    (reg * w_star / (a + reg), "is the part that was taken away",
                     "w = a w* / (a + reg): what remains"),
                    (a * w_star / (a + 2 * reg), "differentiates reg/2 w^2 to 2 reg w",
                     "d/dw (reg/2) w^2 = reg w")):
                if core.close(out, wrong) and core.differ(wrong, want):
                    raise core.CheckFailed(f"your minimum for {inputs} {why}", hint)
        core.compare(out, want, what="your minimum", inputs=inputs,
                     hint="d/dw [a/2 (w - w*)^2 + reg/2 w^2] = a (w - w*) + reg w = 0",
                     shape_hint="one minimum per entry: the shape of w_star")
    core.loop_free(shrunk_optimum, lambda n: (rng.normal(0, 1, n), rng.uniform(0.5, 2, n), 0.5),
                   name="shrunk_optimum", per="entry")
    return ("w = a w* / (a + reg): L2 shrinks each weight towards 0 by a / (a + reg), most where "
            "the loss is flat (small a) and least where it is steep")


# --- Exercise 7.8: inverted dropout (stretch) ------------------------------------------------


def _dropout_cases(rng):
    return [("H of shape (400, 250), p = 0.2", rng.normal(0, 1, (400, 250)) + 2.0, 0.2),
            ("H of shape (300, 300), p = 0.7", rng.uniform(0.5, 3, (300, 300)), 0.7)]


@core.checker("Exercise 7.8 (dropout_forward)")
def check_dropout_forward(dropout_forward):
    """dropout_forward(H, p, rng): each entry dropped with probability p, kept ones scaled by
    1 / (1 - p); the randomness comes from rng."""
    rng = core.fresh_rng()
    H0 = rng.uniform(0.5, 2, (20, 10))
    out = core.call(dropout_forward, H0, 0.0, np.random.default_rng(1), inputs="p = 0")
    core.compare(out, H0, what="your output", inputs="p = 0 (nothing dropped)",
                 hint="with p = 0 every unit is kept and scaled by 1 / (1 - 0) = 1")
    for inputs, H, p in _dropout_cases(rng):
        seed = int(rng.integers(2**32))
        out = core.call(dropout_forward, H, p, np.random.default_rng(seed), inputs=inputs)
        out = core.array_result(out, what="your output", inputs=inputs, shape=H.shape,
                                hint="return the dropped-out H, same shape as H (not the mask)")
        dropped = out == 0
        kept = ~dropped
        share = float(dropped.mean())
        if abs(share - (1 - p)) < 0.02 and abs(share - p) > 0.05:
            raise core.CheckFailed(f"for {inputs} you dropped {share:.0%} of the units: p is the "
                                   "probability of DROPPING a unit, not of keeping it",
                                   "drop where rng.random(H.shape) < p")
        if share < 0.01:
            raise core.CheckFailed(f"for {inputs} no unit was set to 0", "set each entry to 0 "
                                                                         "with probability p")
        ratio = out[kept] / H[kept]
        for scale, why, hint in (
                (1.0, "keeps the surviving units as they are, without rescaling",
                 "divide the kept units by 1 - p, so that the expected output equals H"),
                (1 - p, "multiplies the kept units by 1 - p",
                 "inverted dropout divides by 1 - p during training, so nothing changes at test "
                 "time"),
                (1 / p, "divides by p", "divide by the keep probability, 1 - p")):
            if np.allclose(ratio, scale, rtol=1e-9) and not np.isclose(scale, 1 / (1 - p)):
                raise core.CheckFailed(f"your dropout for {inputs} {why}", hint)
        core.compare(ratio, np.full(ratio.shape, 1 / (1 - p)), what="kept / H",
                     inputs=inputs, hint="every kept entry is H / (1 - p)")
        if abs(share - p) > 0.02:
            raise core.CheckFailed(f"for {inputs} you dropped {share:.1%} of the units; with "
                                   f"{H.size:,} units that should be {p:.0%} within 2 points",
                                   "drop each entry independently with probability p: "
                                   "rng.random(H.shape) < p")
        again = core.call(dropout_forward, H, p, np.random.default_rng(seed), inputs=inputs)
        if not (isinstance(again, np.ndarray) and np.array_equal(again, out)):
            raise core.CheckFailed(f"for {inputs}, two calls with generators made from the same "
                                   "seed dropped different units",
                                   "draw the random numbers from the rng argument (rng.random), "
                                   "not from np.random's global generator")
        other = core.call(dropout_forward, H, p, np.random.default_rng(seed + 1), inputs=inputs)
        if isinstance(other, np.ndarray) and np.array_equal(other, out):
            raise core.CheckFailed(f"for {inputs}, generators from different seeds dropped the "
                                   "same units", "choose the units at random, with the rng you "
                                                 "are given: not by their values, and not with a "
                                                 "generator of fixed seed made inside the "
                                                 "function")
    return ("each unit dropped with probability p, the rest scaled by 1 / (1 - p), from the rng "
            "you were given: the expected output is H, so the test-time network needs no change")
