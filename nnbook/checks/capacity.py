"""Checks for the exercises of chapter 7 (capacity and regularization): reading decision regions, the L2 penalty and its gradient, one step of weight decay, and tuning hidden size and reg.

Each checker takes the learner's answer (an option letter, a number, a function, or two
settings), runs it on several inputs including edge cases, and returns a ``Feedback`` that
says "passed" only when nothing failed.  Common mistakes get their own message: a missing 1/2
in the penalty, a gradient of 2 reg W, forgetting the learning rate, regularising with the
wrong sign, a network too small for the exercise or a reg so strong that it predicts one class.
Shapes: W any shape (a weight matrix is (D, H)); dW has W's shape.
"""

from __future__ import annotations

import functools

import numpy as np

from nnkit import losses
from nnbook.checks import core

# --- Exercise 1: which picture came from 20 hidden units? -----------------------------------

PICTURE_SIZES = {"A": 20, "B": 3, "C": 6}  # the order in which the exercise draws the networks

PICTURE_OPTIONS = {
    "A": "Right: A has the most bends, with thin tongues reaching out to single stray points, which "
         "is what 20 creases allow and what fitting every training point requires.",
    "B": "B is one broad, gently bent boundary that leaves the stray points on the wrong side: that is "
         "the 3-unit network, which has only three creases to bend along.",
    "C": "C has one long band of one colour cutting across the other class's side, but some stray "
         "points are still on the wrong side: that is the 6-unit network. Look for the panel where "
         "every training point sits in its own class's colour.",
}


def _letter(answer, *, upper: bool):
    """An option letter in the options' case; None stays None; anything but text fails clearly."""
    if answer is None:
        return None
    if not isinstance(answer, str):
        raise core.CheckFailed(f"`answer` is {answer!r} ({type(answer).__name__}); expected a letter in quotes",
                               'write for example `answer = "A"`')
    answer = answer.strip()
    return answer.upper() if upper else answer.lower()


@core.checker("Exercise 7.1 (which picture has 20 hidden units?)")
def check_pictures(answer):
    """answer: "A", "B" or "C", the panel drawn by the network with 20 hidden units."""
    return core.choice(_letter(answer, upper=True), PICTURE_OPTIONS, "A", what="`answer`")


# --- Exercise 2: the L2 penalty and its gradient -------------------------------------------


def _l2_cases():
    rng = np.random.default_rng(7)
    return [
        (rng.standard_normal((3, 4)), 0.1, "a random W of shape (3, 4), reg = 0.1"),
        (np.array([[-2.0, 0.5], [3.0, -1.0]]), 0.01, "W = [[-2, 0.5], [3, -1]], reg = 0.01"),
        (np.zeros((2, 3)), 0.5, "W = zeros((2, 3)), reg = 0.5"),
        (rng.standard_normal((4, 2)), 0.0, "a random W of shape (4, 2), reg = 0"),
        (np.array([[1000.0, -2000.0]]), 1e-3, "W = [[1000, -2000]] (one row), reg = 0.001"),
        (np.array([0.3, -0.7, 1.1]), 2.0, "a 1-D W = [0.3, -0.7, 1.1], reg = 2"),
    ]



# This chapter's expected values are exact, so a mistake is recognised with a tight tolerance.
_close = functools.partial(core.close, atol=1e-12)


@core.checker("Exercise 7.2 (the L2 penalty)")
def check_l2_penalty(l2_penalty):
    """l2_penalty(W, reg) -> (loss, dW) with loss = 0.5 * reg * sum(W**2) (a float) and dW = reg * W."""
    for W, reg, label in _l2_cases():
        result = core.call(l2_penalty, W, reg, name="l2_penalty", inputs=label)
        if result is None:
            raise core.CheckFailed(f"`l2_penalty` returned None for {label}",
                                   "end the function with `return loss, dW`")
        if not isinstance(result, tuple) or len(result) != 2:
            raise core.CheckFailed(
                f"`l2_penalty` returned a {type(result).__name__} for {label}; expected a pair (loss, dW)",
                "return both values: `return loss, dW`")
        loss, dW = result
        want_loss, want_dW = losses.l2_penalty(W, reg)
        if loss is None or isinstance(loss, (str, bytes, bool)):
            raise core.CheckFailed(f"the loss for {label} is {loss!r}; expected a number",
                                   "compute loss = 0.5 * reg * np.sum(W ** 2)")
        if np.ndim(loss) != 0:
            raise core.CheckFailed(
                f"the loss for {label} has shape {np.shape(loss)}; expected a single number",
                "sum the squares over every entry of W: `np.sum(W ** 2)`")
        wrong_loss = not _close(loss, want_loss)
        if wrong_loss and want_loss > 0 and _close(loss, 2 * want_loss):
            raise core.CheckFailed(f"the loss for {label} is {float(loss):.6g}, twice the expected {want_loss:.6g}",
                                   "the penalty is one half of reg times the sum of squares: 0.5 * reg * sum(W**2)")
        if wrong_loss and reg > 0 and want_loss > 0 and _close(loss, want_loss / reg):
            raise core.CheckFailed(f"the loss for {label} is {float(loss):.6g}; expected {want_loss:.6g}",
                                   "multiply by the strength reg")
        if wrong_loss and want_loss > 0 and _close(loss, 0.5 * reg * np.sum(np.abs(W))):
            raise core.CheckFailed(f"the loss for {label} is {float(loss):.6g}; expected {want_loss:.6g}",
                                   "L2 squares the weights; the sum of absolute values is the L1 penalty")
        core.compare(loss, want_loss, what="the loss", inputs=label,
                     hint="loss = 0.5 * reg * np.sum(W ** 2), one number for the whole array")
        if np.shape(dW) != W.shape:
            raise core.CheckFailed(f"dW for {label} has shape {np.shape(dW)}; expected W's shape {W.shape}",
                                   "the gradient has one entry per weight: dW = reg * W")
        if reg > 0 and np.any(W != 0) and not _close(dW, want_dW):
            if _close(dW, 2 * want_dW):
                raise core.CheckFailed(f"dW for {label} is 2 * reg * W",
                                       "the 1/2 in the penalty cancels the 2 of the derivative of W**2: dW = reg * W")
            if _close(dW, -want_dW):
                raise core.CheckFailed(f"dW for {label} has the wrong sign",
                                       "the gradient points uphill, towards larger penalty: dW = +reg * W")
            if _close(dW, W) and reg != 1:
                raise core.CheckFailed(f"dW for {label} equals W", "multiply by the strength: dW = reg * W")
        core.compare(dW, want_dW, what="dW", inputs=label, hint="dW = reg * W, with W's shape")
    return "loss = 0.5 * reg * sum(W**2) and dW = reg * W on every input, including zeros, reg = 0 and a single row"


# --- Exercise 3: the shrink factor of one step, by hand -------------------------------------

SHRINK_LR, SHRINK_REG = 0.5, 0.1


@core.checker("Exercise 7.3 (one step of forgetting)")
def check_shrink_factor(factor):
    """factor: what every weight is multiplied by in one SGD step with lr = 0.5, reg = 0.1 and no data gradient."""
    expected = 1 - SHRINK_LR * SHRINK_REG
    if factor is None:
        raise core.NotAttempted("set `factor` to a number, then run this cell again")
    if isinstance(factor, bool) or not isinstance(factor, (int, float, np.integer, np.floating)):
        raise core.CheckFailed(f"`factor` is {factor!r} ({type(factor).__name__}); expected a number",
                               "write the number itself, for example `factor = 0.5`")
    mistakes = {
        SHRINK_LR * SHRINK_REG: "that is how much is taken away (lr * reg), not the factor that is left",
        1 + SHRINK_LR * SHRINK_REG: "the step goes downhill: W - lr * reg * W makes W smaller, not larger",
        1 - SHRINK_REG: "the learning rate scales the whole step, including the L2 part",
        1 - SHRINK_LR: "the learning rate multiplies the gradient reg * W, not W itself",
        1 - SHRINK_LR * SHRINK_REG / 2: "the gradient of 0.5 * reg * W**2 is reg * W: the 1/2 cancels",
    }
    for wrong, why in mistakes.items():
        if np.isclose(float(factor), wrong, rtol=1e-9):
            raise core.CheckFailed(f"`factor` = {factor!r} is not right: {why}",
                                   "write out W - lr * (reg * W) and factor out W")
    core.number(factor, expected, what="`factor`", rtol=1e-9,
                hint="one step is W <- W - lr * dW with dW = reg * W; factor out W")
    return (f"W - {SHRINK_LR} * ({SHRINK_REG} * W) = {expected:g} W: every step keeps {expected:.0%} of each weight "
            "before the data gradient is added")


# --- Exercise 4: one SGD step with L2 -------------------------------------------------------


def _step_cases():
    rng = np.random.default_rng(11)
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
    for W, dW_data, lr, reg, label in _step_cases():
        out = core.call(sgd_step, W, dW_data, lr, reg, name="sgd_step", inputs=label)
        want = W - lr * (dW_data + reg * W)
        if out is None:
            raise core.CheckFailed(f"`sgd_step` returned None for {label}",
                                   "return the new weights; the check also makes sure you did not change W in place")
        if np.shape(out) == W.shape and not _close(out, want):
            if _close(out, W - lr * dW_data) and reg > 0:
                raise core.CheckFailed(f"`sgd_step` for {label} ignores reg",
                                       "add the L2 gradient reg * W to the data gradient before stepping")
            if _close(out, W + lr * (dW_data + reg * W)):
                raise core.CheckFailed(f"`sgd_step` for {label} steps uphill",
                                       "gradient descent subtracts: W - lr * (dW_data + reg * W)")
            if _close(out, W - (lr * dW_data + reg * W)) and lr != 1:
                raise core.CheckFailed(f"`sgd_step` for {label} does not multiply the L2 part by lr",
                                       "the learning rate scales the whole gradient, data and L2 together")
            if _close(out, W - lr * (dW_data + 2 * reg * W)):
                raise core.CheckFailed(f"`sgd_step` for {label} uses 2 * reg * W as the L2 gradient",
                                       "the gradient of 0.5 * reg * W**2 is reg * W")
        core.compare(out, want, what="the new W", inputs=label,
                     hint="new W = W - lr * (dW_data + reg * W) = (1 - lr * reg) * W - lr * dW_data")
    return "every step shrinks W by (1 - lr * reg) and then follows the data gradient"


# --- Exercise 5: why not a small network? ---------------------------------------------------

SMALL_NET_OPTIONS = {
    "a": "No: small networks overfit too, only less flexibly; chapter 7's 6-unit network overfitted its "
         "60 training points.",
    "b": "Right: a small network limits every function it can draw, good ones included, and gradient "
         "descent often leaves it in a poor local minimum that depends on the seed; a large network "
         "with L2, dropout or input noise is controlled with one smooth knob and trains reliably.",
    "c": "No: a small network takes cheaper steps, not more expensive ones. The argument against it is "
         "about what it can represent and how reliably it trains, not its speed.",
    "d": "No: on chapter 7's data the 3-unit network had the best held-out accuracy of the unregularized "
         "networks. Small networks can generalise well; the problem is that they are a blunt and unreliable tool.",
}


@core.checker("Exercise 7.5 (why not a small network?)")
def check_small_network(answer):
    """answer: "a", "b", "c" or "d"."""
    return core.choice(_letter(answer, upper=False), SMALL_NET_OPTIONS, "b", what="`answer`")


# --- Exercise 6: tune hidden size and reg ----------------------------------------------------

TARGET = 0.83
MIN_HIDDEN = 20
MAX_HIDDEN = 64


def _setting(value, what, *, integer):
    if value is None:
        raise core.NotAttempted(f"set {what} to a number, then run this cell again")
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise core.CheckFailed(f"{what} is {value!r} ({type(value).__name__}); expected a number",
                               "write the number itself, for example `reg = 0.01`")
    if not np.isfinite(float(value)):
        raise core.CheckFailed(f"{what} is {value!r}; expected a finite number")
    if integer and not float(value).is_integer():
        raise core.CheckFailed(f"{what} is {value!r}, not a whole number of units")
    return int(value) if integer else float(value)


@core.checker("Exercise 7.6 (tune hidden size and reg)")
def check_tuning(hidden_size, reg, *, evaluate=None):
    """hidden_size (MIN_HIDDEN..MAX_HIDDEN) and reg (>= 0) must reach TARGET held-out and test accuracy.

    evaluate(hidden_size, reg) -> {"train_acc", "val_acc", "test_acc"}; by default
    ``nnbook.experiments.capacity.evaluate_settings`` (about a second).
    """
    h = _setting(hidden_size, "`hidden_size`", integer=True)
    r = _setting(reg, "`reg`", integer=False)
    if h < 1:
        raise core.CheckFailed(f"`hidden_size` is {h}; a hidden layer needs at least one unit")
    if h < MIN_HIDDEN:
        raise core.CheckFailed(
            f"`hidden_size` is {h}: the exercise asks for a large network, at least {MIN_HIDDEN} units",
            "the point is to keep the network large and control it with reg, not to shrink it")
    if h > MAX_HIDDEN:
        raise core.CheckFailed(f"`hidden_size` is {h}; please stay at or below {MAX_HIDDEN} so the check stays quick")
    if r < 0:
        raise core.CheckFailed(f"`reg` is {r}; an L2 strength cannot be negative",
                               "a negative reg would reward large weights")
    if evaluate is None:
        from nnbook.experiments import capacity  # trains a network: only imported when needed

        evaluate = capacity.evaluate_settings
    result = evaluate(h, r)
    train_acc, val_acc, test_acc = result["train_acc"], result["val_acc"], result["test_acc"]
    summary = (f"hidden_size = {h}, reg = {r:g}: training accuracy {train_acc:.1%}, "
               f"held-out {val_acc:.1%}, fresh test set {test_acc:.1%}")
    if train_acc <= 0.55:
        raise core.CheckFailed(f"{summary}: the network predicts (almost) one class everywhere",
                               "reg is so strong that the penalty wins over the data; try a value 10 times smaller")
    if val_acc < TARGET:
        hint = ("the network still fits its training points almost perfectly: it overfits, so increase reg"
                if train_acc > 0.95 else "try a few values of reg between 0.001 and 0.3 and keep the best")
        raise core.CheckFailed(f"{summary}; the target is {TARGET:.0%} held-out accuracy", hint)
    if test_acc < TARGET:
        raise core.CheckFailed(f"{summary}; the held-out target is met but the fresh test set is below {TARGET:.0%}",
                               "you may have tuned too closely to the held-out points; prefer a setting that "
                               "does well for a range of nearby reg values")
    return f"{summary}: the large network generalises once reg controls it"
