"""Checks for the exercises of chapter 5 (training a small network).

A stable, weighted softmax cross-entropy with its gradient, the backward pass of a Linear +
ReLU block, a sigmoid backward pass from the cached output, a gradient by hand, centred
differences, reading a relative error, fitting the spiral, the softmax Jacobian and the full
backward pass of a two-layer network.
Every case is drawn fresh on each call (a batch of one, zeros, negatives, scores near +-1000);
common mistakes get their own message: a sum instead of a mean, a gradient not divided by the
total weight, a missing max shift, a transposed dW, db averaged, a ReLU that lets gradient
through at z = 0, a one-sided difference, a forgotten L2 term.
Shapes: N examples, D inputs, H hidden units, C classes.
"""

from __future__ import annotations

import numpy as np

from nnkit import activations, datasets, losses, model, train, validate
from nnbook.checks import core


def _fmt(a):
    return np.array2string(np.asarray(a, dtype=float), precision=3, separator=", ",
                           suppress_small=True)


def _onehot(y, C):
    out = np.zeros((len(y), C))
    out[np.arange(len(y)), y] = 1.0
    return out


def _probs(scores):
    shifted = scores - scores.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)


# --- Exercise 5.1: a weighted softmax cross-entropy ------------------------------------------


def weighted_reference(scores, y, weights):
    """loss = sum_n w_n (-log p[n, y_n]) / sum_n w_n; dscores = w_n (p_n - onehot_n) / sum w."""
    where = "weighted_reference"
    scores = core.array_argument(where, "scores", scores, (None, None))
    validate.labels(where, y, len(scores), scores.shape[1])
    weights = core.array_argument(where, "weights", weights, (len(scores),))
    if np.any(weights < 0) or not weights.sum() > 0:
        raise ValueError(f"{where}: weights must be >= 0 with a positive sum, "
                         f"got {core.show(weights)}")
    N = len(y)
    shifted = scores - scores.max(axis=1, keepdims=True)
    log_sums = np.log(np.exp(shifted).sum(axis=1))
    per_example = log_sums - shifted[np.arange(N), y]
    total = weights.sum()
    return float(weights @ per_example / total), weights[:, None] * (_probs(scores) - _onehot(
        y, scores.shape[1])) / total


def _weighted_cases(rng):
    return [
        ("scores [[1, 2, 3], [0, -1, 4]], y [2, 0], weights [1, 1]",
         np.array([[1.0, 2.0, 3.0], [0.0, -1.0, 4.0]]), np.array([2, 0]), np.array([1.0, 1.0])),
        ("a batch of one, weight 2.5", rng.normal(0, 2, (1, 4)), np.array([1]), np.array([2.5])),
        ("large scores, [[1000, 999, 998], [-1000, -998, -999]], y [0, 1], weights [1, 3]",
         np.array([[1000.0, 999.0, 998.0], [-1000.0, -998.0, -999.0]]), np.array([0, 1]),
         np.array([1.0, 3.0])),
        ("scores [[1000, -1000, 0]], y [1] (probability about e^-2000), weight 1",
         np.array([[1000.0, -1000.0, 0.0]]), np.array([1]), np.array([1.0])),
        ("random scores (6, 4), weights with a zero", rng.uniform(-3, 3, (6, 4)),
         rng.integers(0, 4, 6), np.array([0.5, 2.0, 0.0, 1.0, 3.0, 1.5])),
    ]


@core.checker("Exercise 5.1 (weighted_cross_entropy)")
def check_weighted_cross_entropy(weighted_cross_entropy):
    """(loss, dscores) of the weighted mean of -log p[n, y_n], stable for scores near +-1000."""
    rng = core.fresh_rng()
    for inputs, scores, y, weights in _weighted_cases(rng):
        N, C = scores.shape
        with np.errstate(all="ignore"):  # a naive version overflows: we report that ourselves
            result = core.call(weighted_cross_entropy, scores, y, weights, inputs=inputs)
        loss, dscores = core.unpack(result, ["loss", "dscores"], fn="weighted_cross_entropy",
                                    inputs=inputs, looks_like=[core.is_number,
                                                               core.has_shape((N, C))])
        want_loss, want_d = weighted_reference(scores, y, weights)
        plain_loss, plain_d = losses.softmax_cross_entropy(scores, y)
        if isinstance(loss, (float, np.floating)) and not np.isfinite(loss):
            raise core.CheckFailed(f"the loss for {inputs} is {core.show(loss)}; expected "
                                   f"{core.show(want_loss)}", "subtract each row's max score "
                                   "before np.exp, and compute -log p_y as log(sum(exp(shifted)))"
                                   " - shifted[y] so that log never sees 0")
        value = core.number_result(loss, what="the loss", inputs=inputs,
                                   hint="the loss is one number: the weighted mean over the batch")
        if not np.allclose(weights, weights[0]):
            if np.isclose(value, plain_loss) and not np.isclose(plain_loss, want_loss):
                raise core.CheckFailed(f"the loss for {inputs} is {core.show(value)}, the plain "
                                       "mean: the weights are ignored",
                                       "multiply each example's -log p by its weight, then divide "
                                       "by the sum of the weights")
            if np.isclose(value, want_loss * weights.sum() / N):
                raise core.CheckFailed(f"the loss for {inputs} is {core.show(value)}: divided by "
                                       f"N = {N} instead of the sum of the weights "
                                       f"({core.show(weights.sum())})",
                                       "a weighted mean divides by the total weight")
        if np.isclose(value, want_loss * weights.sum()) and not np.isclose(weights.sum(), 1):
            raise core.CheckFailed(f"the loss for {inputs} is {core.show(value)}, the weighted "
                                   f"sum; expected the weighted mean {core.show(want_loss)}",
                                   "divide by the sum of the weights")
        if np.isclose(value, -want_loss) and want_loss > 1e-9:
            raise core.CheckFailed(f"the loss for {inputs} is {core.show(value)}: the sign is "
                                   "flipped", "the loss is MINUS the log-probability of the "
                                              "correct class")
        core.compare(value, want_loss, what="the loss", inputs=inputs, atol=1e-9,
                     hint="loss = sum_n w_n * (-log softmax(scores)[n, y_n]) / sum_n w_n")
        probs = _probs(scores)
        mistakes = [(want_d * weights.sum(), "is not divided by the sum of the weights",
                     "the loss is a weighted mean, so divide the gradient by sum(weights) too"),
                    (weights[:, None] * probs / weights.sum(), "has no -1 at the correct class",
                     "d loss / d s_k = p_k - 1[k == y]: subtract 1 at [n, y[n]] for every row n"),
                    (-want_d, "has the wrong sign", "it is p - onehot(y), not onehot(y) - p")]
        if not np.allclose(weights, weights[0]):
            mistakes += [(plain_d, "ignores the weights", "scale row n by w_n / sum(weights)"),
                         (want_d * weights.sum() / N, "divides by N instead of the sum of the "
                                                      "weights", "a weighted mean divides by the "
                                                                 "total weight")]
        for wrong, why, hint in mistakes:
            if core.close(dscores, wrong) and core.differ(wrong, want_d):
                raise core.CheckFailed(f"dscores for {inputs} {why}", hint)
        core.compare(dscores, want_d, what="dscores", inputs=inputs,
                     hint="dscores = w_n * (softmax(scores)[n] - onehot(y_n)) / sum(weights)",
                     finite_hint="compute the probabilities from scores minus each row's max")
    core.loop_free(weighted_cross_entropy,
                   lambda n: (rng.normal(0, 1, (n, 3)), rng.integers(0, 3, n),
                              rng.uniform(0.5, 2, n)), name="weighted_cross_entropy")
    return (f"loss and dscores match on all {len(_weighted_cases(rng))} batches, including "
            "scores near +-1000, a zero weight and a batch of one, computed for the whole batch")


# --- Exercise 5.2: backward through a Linear + ReLU block ------------------------------------


def block_reference(X, W, b, dout):
    """dX, dW, db of relu(X @ W + b), given dout (N, H)."""
    where = "block_reference"
    X = core.array_argument(where, "X", X, (None, None))
    W = core.array_argument(where, "W", W, (X.shape[1], None))
    core.array_argument(where, "b", b, (W.shape[1],))
    core.array_argument(where, "dout", dout, (len(X), W.shape[1]))
    dz = dout * ((X @ W + b) > 0)
    return dz @ W.T, X.T @ dz, dz.sum(axis=0)


def _block_cases(rng):
    """Small integer inputs, so that some pre-activations are exactly 0 (the kink)."""
    X = rng.integers(-3, 4, (5, 3)).astype(float)
    W = rng.integers(-2, 3, (3, 4)).astype(float)
    b = -(X[0] @ W)  # the first example sits exactly on every unit's kink
    b[1] += 1.0
    one = (rng.standard_normal((1, 2)), rng.standard_normal((2, 3)), rng.standard_normal(3))
    wide = (rng.standard_normal((6, 4)), rng.standard_normal((4, 2)), rng.standard_normal(2))
    return [("X (5, 3), W (3, 4), some pre-activations exactly 0", (X, W, b,
                                                                    rng.standard_normal((5, 4)))),
            ("a batch of one: X (1, 2), W (2, 3)", one + (rng.standard_normal((1, 3)),)),
            ("X (6, 4), W (4, 2)", wide + (rng.standard_normal((6, 2)),))]


@core.checker("Exercise 5.2 (block_backward)")
def check_block_backward(block_backward):
    """(dX, dW, db) for out = max(0, X @ W + b), given dout."""
    rng = core.fresh_rng()
    for inputs, (X, W, b, dout) in _block_cases(rng):
        N, D = X.shape
        H = W.shape[1]
        result = core.call(block_backward, X, W, b, dout, inputs=inputs)
        dX, dW, db = core.unpack(result, ["dX", "dW", "db"], fn="block_backward", inputs=inputs,
                                 looks_like=[core.has_shape((N, D)), core.has_shape((D, H)),
                                             core.has_shape((H,))])
        z = X @ W + b
        want = block_reference(X, W, b, dout)
        no_mask = (dout @ W.T, X.T @ dout, dout.sum(axis=0))
        at_kink = (dout * (z >= 0) @ W.T, X.T @ (dout * (z >= 0)), (dout * (z >= 0)).sum(0))
        relu_out = np.maximum(z, 0) * dout
        by_output = (relu_out @ W.T, X.T @ relu_out, relu_out.sum(0))
        for wrong, why, hint in (
                (no_mask, "skip the ReLU: the gradient passes where the unit was off",
                 "first dz = dout * (z > 0) with z = X @ W + b, then the Linear backward on dz"),
                (at_kink, "let the gradient through at z = 0",
                 "use relu'(0) = 0, as nnkit does: mask with z > 0, not z >= 0"),
                (by_output, "multiply dout by relu(z) instead of its slope",
                 "the slope of max(0, z) is 1 where z > 0 and 0 elsewhere")):
            if all(core.close(g, w) for g, w in zip((dX, dW, db), wrong)) and any(
                    core.differ(w, v) for w, v in zip(wrong, want)):
                raise core.CheckFailed(f"your gradients for {inputs} {why}", hint)
        core.compare(dX, want[0], what="dX", inputs=inputs,
                     hint="dX = dz @ W.T with dz = dout * (X @ W + b > 0)")
        if isinstance(dW, np.ndarray) and dW.shape == (H, D) and H != D:
            raise core.CheckFailed(f"dW for {inputs} has shape {dW.shape}, the transpose of W's",
                                   "use X.T @ dz (D, N) @ (N, H) -> (D, H), not dz.T @ X")
        if N > 1 and core.close(dW, want[1] / N) and core.differ(want[1], 0):
            raise core.CheckFailed(f"dW for {inputs} is divided by N = {N}",
                                   "dout already carries the 1/N of a mean loss; dW = X.T @ dz")
        core.compare(dW, want[1], what="dW", inputs=inputs, hint="dW = X.T @ dz")
        if isinstance(db, np.ndarray) and db.shape == (1, H):
            raise core.CheckFailed(f"db for {inputs} has shape (1, {H}); expected ({H},)",
                                   "sum without keepdims: dz.sum(axis=0)")
        if N > 1 and core.close(db, want[2] / N) and core.differ(want[2], 0):
            raise core.CheckFailed(f"db for {inputs} is the mean over the batch; expected the sum",
                                   "b is added to every row, so its gradient adds up over rows")
        core.compare(db, want[2], what="db", inputs=inputs, hint="db = dz.sum(axis=0)")
    normal = rng.standard_normal
    core.loop_free(block_backward,
                   lambda n: (normal((n, 3)), normal((3, 2)), normal(2), normal((n, 2))),
                   name="block_backward")
    return "dX, dW and db are right, with the ReLU's gradient 0 exactly at the kink"


# --- Exercise 5.3: sigmoid backward from the cached output -----------------------------------


def _sigmoid_cases(rng):
    z = rng.normal(0, 3, (3, 4))
    return [("out = sigmoid(z) for z of shape (3, 4)", rng.standard_normal((3, 4)),
             activations.sigmoid(z)),
            ("a batch of one, out = [[0.5, 0.9, 0.01]]", np.array([[1.0, -2.0, 3.0]]),
             np.array([[0.5, 0.9, 0.01]])),
            ("saturated outputs, out = [[1.0, 0.0]] (z = +-1000)", np.array([[2.0, -1.0]]),
             activations.sigmoid(np.array([[1000.0, -1000.0]])))]


@core.checker("Exercise 5.3 (sigmoid_backward)")
def check_sigmoid_backward(sigmoid_backward):
    """sigmoid_backward(dout, out) -> dz = dout * out * (1 - out), from the cached output."""
    rng = core.fresh_rng()
    for inputs, dout, out in _sigmoid_cases(rng):
        dz = core.call(sigmoid_backward, dout, out, inputs=inputs)
        expected = dout * out * (1 - out)
        s = activations.sigmoid(out)
        for wrong, why, hint in (
                (dout * s * (1 - s), "applies the sigmoid to out again",
                 "out is already sigmoid(z): the slope is out * (1 - out)"),
                (out * (1 - out), "leaves out dout", "multiply the local slope by dout"),
                (dout * out * (1 + out), "uses out * (1 + out)", "the slope is out * (1 - out)"),
                (dout * out, "multiplies dout by the output, not by its slope",
                 "the sigmoid's slope is out * (1 - out)"),
                (dout * (1 - out), "is missing the factor out", "the slope is out * (1 - out)")):
            if core.close(dz, wrong) and core.differ(wrong, expected):
                raise core.CheckFailed(f"dz for {inputs} {why}", hint)
        core.compare(dz, expected, what="dz", inputs=inputs,
                     hint="dz = dout * out * (1 - out), same shape as out")
    core.loop_free(sigmoid_backward, lambda n: (rng.standard_normal((n, 2)),
                                                rng.uniform(0, 1, (n, 2))),
                   name="sigmoid_backward")
    return "dz = dout * out * (1 - out): the backward pass needs only the forward pass's output"


# --- Exercise 5.4: a gradient by hand --------------------------------------------------------

HAND_PROBS = ((0.1, 0.6, 0.3), (0.5, 0.25, 0.25))
HAND_Y = (1, 2)


@core.checker("Exercise 5.4 (the gradient on the scores, by hand)")
def check_dscores_by_hand(dscores_by_hand):
    """The learner's (2, 3) gradient for the exercise's batch of two."""
    if dscores_by_hand is None:
        raise core.NotAttempted("set dscores_by_hand to a 2 x 3 list of numbers, then run this "
                                "cell again")
    probs, y = np.array(HAND_PROBS), np.array(HAND_Y)
    want = (probs - _onehot(y, 3)) / 2
    arr = core.typed_array(dscores_by_hand, "dscores_by_hand", shape=(2, 3),
                           example="write two rows of three numbers, like "
                                   "[[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]")
    tol = dict(rtol=0, atol=2e-3)
    if np.allclose(arr, want * 2, **tol):
        raise core.CheckFailed("each row is p - onehot(y), but the loss is the MEAN over the "
                               "batch of two", "divide every entry by N = 2")
    if np.allclose(arr, probs, **tol) or np.allclose(arr, probs / 2, **tol):
        raise core.CheckFailed("those are the probabilities: the -1 at the correct class is "
                               "missing", "subtract 1 at the correct class of each row (class 1 "
                                          "in row 0, class 2 in row 1)")
    if np.allclose(arr, -want, **tol) or np.allclose(arr, -want * 2, **tol):
        raise core.CheckFailed("the signs are flipped",
                               "the gradient is p - onehot(y): positive on the wrong classes")
    for wrong_y in ([2, 1], [0, 0], [1, 1], [2, 2], [0, 1]):
        guess = (probs - _onehot(np.array(wrong_y), 3)) / 2
        if np.allclose(arr, guess, **tol) or np.allclose(arr, guess * 2, **tol):
            raise core.CheckFailed(f"the -1 sits at classes {wrong_y}; the correct classes are "
                                   f"{list(HAND_Y)}", "classes are counted from 0")
    if not np.allclose(arr, want, **tol):
        index = tuple(int(i) for i in np.argwhere(~np.isclose(arr, want, **tol))[0])
        raise core.CheckFailed(f"entry {index} is {core.show(arr[index])}, which is not right",
                               "entry [n, k] is (p[n, k] - 1[k == y[n]]) / N with N = 2")
    return f"right: {_fmt(want)}; each row sums to 0, as every softmax gradient row does"


# --- Exercise 5.5: centred differences -------------------------------------------------------


def _numgrad_cases(rng):
    A = rng.standard_normal((3, 3))
    return [
        ("f(x) = sum(x**3) at a 2 x 2 x", lambda x: float(np.sum(x ** 3)),
         rng.uniform(-2, 3, (2, 2)), lambda x: 3 * x ** 2),
        ("f(x) = sum(sin(x)) at x of shape (4,), including 0", lambda x: float(np.sum(np.sin(x))),
         np.concatenate([[0.0], rng.uniform(-3, 4, 3)]), np.cos),
        ("f(x) = x @ A @ x for a 3 x 3 matrix A", lambda x: float(x @ A @ x),
         rng.standard_normal(3), lambda x: (A + A.T) @ x),
        ("f(x) = sum(exp(x)) at a single entry x", lambda x: float(np.sum(np.exp(x))),
         rng.uniform(0, 2, 1), np.exp),
    ]


def _one_sided(f, x, h):
    grad = np.zeros_like(x)
    base = f(x.copy())
    for i in np.ndindex(x.shape):
        xp = x.copy()
        xp[i] += h
        grad[i] = (f(xp) - base) / h
    return grad


@core.checker("Exercise 5.5 (a centred-difference gradient)")
def check_numerical_gradient(numerical_gradient):
    """The learner's numerical_gradient(f, x, h) against exact derivatives of smooth functions."""
    rng = core.fresh_rng()
    h = 1e-5
    for inputs, f, x, exact in _numgrad_cases(rng):
        calls = []

        def counted(v, f=f, calls=calls):
            calls.append(1)
            return f(np.array(v, dtype=float))

        grad = core.call(numerical_gradient, counted, x, h, inputs=inputs)
        expected = exact(x)
        if isinstance(grad, np.ndarray) and grad.size == x.size and grad.shape != x.shape:
            raise core.CheckFailed(f"numerical_gradient on {inputs} has shape {grad.shape}; "
                                   f"expected {x.shape}", "return an array shaped like x, e.g. "
                                                          "np.zeros_like(x) filled with "
                                                          "np.ndindex(x.shape)")
        for wrong, why, hint in (
                (expected * 2, "is twice the true gradient", "divide f(x + h) - f(x - h) by 2h, "
                                                             "the distance between the points"),
                (expected / 2, "is half the true gradient", "divide f(x + h) - f(x - h) by 2h, "
                                                            "not 4h")):
            if core.close(grad, wrong, rtol=1e-4, atol=1e-6) and not np.allclose(wrong, expected):
                raise core.CheckFailed(f"numerical_gradient on {inputs} {why}", hint)
        forward = _one_sided(f, x, h)
        error = (np.max(np.abs(np.asarray(grad, dtype=float) - expected))
                 if core.close(grad, forward, rtol=1e-9, atol=1e-12) else 0.0)
        if error > 1e-8:
            raise core.CheckFailed(f"numerical_gradient on {inputs} is a one-sided difference "
                                   f"(f(x + h) - f(x)) / h: off by up to {error:.1e}",
                                   "use the centred difference (f(x + h) - f(x - h)) / 2h, whose "
                                   "error shrinks like h**2")
        core.compare(grad, expected, what="the numerical gradient", inputs=inputs, rtol=1e-6,
                     atol=1e-7, hint="nudge one entry at a time: x[i] + h and x[i] - h, all other "
                                     "entries unchanged")
        if len(calls) < 2 * x.size:
            raise core.CheckFailed(f"numerical_gradient on {inputs} called f only {len(calls)} "
                                   f"times for {x.size} entries",
                                   "the centred difference needs two evaluations per entry")
    return "the centred differences match the exact derivatives to about 1e-9 on all four functions"


# --- Exercise 5.6: reading a relative error --------------------------------------------------

RELATIVE_ERROR_OPTIONS = {
    "a": "No. In float64 with h = 1e-5, rounding and truncation give relative errors of about "
         "1e-7 or less; 1e-2 is five orders of magnitude more than they can explain.",
    "b": "No. A relative error |a - n| / (|a| + |n|) of 1e-2 means the two numbers agree to about "
         "2%; a factor of 100 between them would give a relative error close to 1.",
    "c": "No. Making h larger increases the truncation error of the centred difference (it grows "
         "like h**2), so it does not cure a relative error of 1e-2; and h = 1e-5 is not too small "
         "in float64.",
    "d": "Right. A relative error of 1e-2 means the analytic and numerical values differ by about "
         "2% of their size: almost certainly a bug in the backward pass, unless the check "
         "straddled a kink, which re-running at another point settles.",
}


@core.checker("Exercise 5.6 (what a relative error of 1e-2 means)")
def check_relative_error_meaning(answer):
    """Multiple choice: option d."""
    return core.choice(answer, RELATIVE_ERROR_OPTIONS, "d", what="`answer`")


# --- Exercise 5.7: fit the spiral ------------------------------------------------------------

MAX_HIDDEN = 300
MAX_STEPS = 5000
TARGET = 0.97


def _spiral_training_accuracy(hidden_size, lr, steps, *, data_seed=0, init_seed=1, reg=1e-3):
    """(training accuracy, dead-ReLU fraction) of MLP([2, hidden_size, 3]) after full-batch
    gradient descent on the chapter's spiral."""
    X, y = datasets.spiral(100, 3, rng=np.random.default_rng(data_seed))
    net = model.MLP([2, hidden_size, 3], rng=np.random.default_rng(init_seed))
    history = train.train(net, X, y, lr=lr, steps=steps, reg=reg, eval_every=max(1, steps))
    return history.final()["train_acc"], train.dead_fraction(net, X)


def _setting(value, name, low, high, *, whole):
    if value is None:
        raise core.NotAttempted(f"set {name} (and the other two settings), then run this cell "
                                "again")
    number = core.typed_number(value, name, example=f"{name} = 100")
    if whole and not number.is_integer():
        raise core.CheckFailed(f"{name} is {core.show(number)}; expected a whole number",
                               f"for example {name} = 100")
    if not low <= number <= high:
        raise core.CheckFailed(f"{name} is {core.show(number)}; this exercise allows {low:g} to "
                               f"{high:g}", "the target is reachable well inside these limits")
    return int(number) if whole else number


@core.checker("Exercise 5.7 (fit the spiral)")
def check_spiral_training(hidden_size, lr, steps):
    """Train MLP([2, hidden_size, 3]) with the learner's settings; >= 97% training accuracy."""
    hidden_size = _setting(hidden_size, "hidden_size", 1, MAX_HIDDEN, whole=True)
    lr = _setting(lr, "lr", 1e-6, 100, whole=False)
    steps = _setting(steps, "steps", 1, MAX_STEPS, whole=True)
    try:
        with np.errstate(all="ignore"):
            acc, dead = _spiral_training_accuracy(hidden_size, lr, steps)
    except train.Diverged:
        raise core.CheckFailed(f"with lr = {core.show(lr)} training diverged: the loss blew up "
                               "within the first steps", "divide the learning rate by 3 or 10"
                               ) from None
    if acc < TARGET:
        if dead > 0.5:
            hint = (f"{dead:.0%} of the hidden ReLUs output 0 on every point (dead): the "
                    "learning rate is too large; try values around 1")
        elif hidden_size < 10:
            hint = "a few hidden units can only draw a few bends; try tens to a hundred"
        elif steps < 300:
            hint = "train for more steps (hundreds to a few thousand)"
        elif lr < 0.1:
            hint = "the learning rate is small for full-batch training here; try values around 1"
        else:
            hint = "try more hidden units or more steps"
        raise core.CheckFailed(f"training accuracy {acc:.1%} with hidden_size = {hidden_size}, "
                               f"lr = {core.show(lr)}, steps = {steps}; the target is "
                               f"{TARGET:.0%}", hint)
    return (f"training accuracy {acc:.1%} with hidden_size = {hidden_size}, lr = {core.show(lr)}, "
            f"steps = {steps}")


# --- Exercise 5.8: the softmax Jacobian (derivation) -----------------------------------------


def jacobian_reference(scores):
    """The softmax Jacobian (C, C) at one row of scores (C,)."""
    core.array_argument("jacobian_reference", "scores", scores, (None,))
    p = _probs(scores[None, :])[0]
    return np.diag(p) - np.outer(p, p)


@core.checker("Exercise 5.8 (softmax_jacobian)")
def check_softmax_jacobian(softmax_jacobian):
    """softmax_jacobian(scores (C,)) -> J (C, C), J[i, j] = d p_i / d s_j = p_i (1[i=j] - p_j)."""
    rng = core.fresh_rng()
    cases = [("scores = [1, 2, 3]", np.array([1.0, 2.0, 3.0])),
             ("5 random scores", rng.normal(0, 2, 5)),
             ("two classes, scores = [0, 0]", np.zeros(2)),
             ("large scores = [1000, 999, -1000]", np.array([1000.0, 999.0, -1000.0])),
             ("one class, scores = [4]", np.array([4.0]))]
    for inputs, scores in cases:
        C = len(scores)
        with np.errstate(all="ignore"):
            J = core.call(softmax_jacobian, scores, inputs=inputs)
        want = jacobian_reference(scores)
        p = _probs(scores[None, :])[0]
        if isinstance(J, np.ndarray) and J.shape == (C,) and C > 1:
            raise core.CheckFailed(f"your Jacobian for {inputs} has shape ({C},): only its "
                                   "diagonal", "d p_i / d s_j is also non-zero for i != j: "
                                               "return the whole (C, C) matrix")
        for wrong, why, hint in (
                (np.diag(p * (1 - p)), "is only the diagonal; the off-diagonal entries are 0",
                 "raising s_j lowers every other p_i: d p_i / d s_j = -p_i p_j for i != j"),
                (np.diag(p), "is diag(p) without the - p p^T term",
                 "J = diag(p) - outer(p, p)"),
                (-np.outer(p, p), "is - p p^T without the diagonal term",
                 "J = diag(p) - outer(p, p)"),
                (-want, "has the wrong sign", "J = diag(p) - outer(p, p): the diagonal is "
                                              "positive")):
            if core.close(J, wrong) and core.differ(wrong, want):
                raise core.CheckFailed(f"your Jacobian for {inputs} {why}", hint)
        core.compare(J, want, what="J", inputs=inputs,
                     hint="J[i, j] = p_i * (1[i == j] - p_j), that is diag(p) - outer(p, p)",
                     finite_hint="compute p from scores minus their max, so exp cannot overflow")
    return ("J = diag(p) - p p^T: every row sums to 0, and J @ (p - onehot) style chains give "
            "the familiar p - onehot(y) gradient")


# --- Exercise 5.9: the full backward pass of a two-layer network (stretch) -------------------


def two_layer_reference(X, y, W1, b1, W2, b2, reg):
    """Loss and gradients of a ReLU network with one hidden layer, softmax and L2 penalty."""
    where = "two_layer_reference"
    X = core.array_argument(where, "X", X, (None, None))
    W1 = core.array_argument(where, "W1", W1, (X.shape[1], None))
    core.array_argument(where, "b1", b1, (W1.shape[1],))
    W2 = core.array_argument(where, "W2", W2, (W1.shape[1], None))
    core.array_argument(where, "b2", b2, (W2.shape[1],))
    validate.labels(where, y, len(X), W2.shape[1])
    reg = validate.number(where, "reg", reg, low=0)
    z = X @ W1 + b1
    hidden = np.maximum(0, z)
    scores = hidden @ W2 + b2
    loss, dscores = losses.softmax_cross_entropy(scores, y)
    loss += 0.5 * reg * (np.sum(W1 ** 2) + np.sum(W2 ** 2))
    dW2 = hidden.T @ dscores + reg * W2
    db2 = dscores.sum(axis=0)
    dz = (dscores @ W2.T) * (z > 0)
    dW1 = X.T @ dz + reg * W1
    db1 = dz.sum(axis=0)
    return float(loss), dW1, db1, dW2, db2


def _two_layer_case(rng, N, D, H, C, reg):
    return (rng.standard_normal((N, D)), rng.integers(0, C, N), rng.standard_normal((D, H)),
            rng.standard_normal(H) * 0.5, rng.standard_normal((H, C)), rng.standard_normal(C), reg)


@core.checker("Exercise 5.9 (two_layer_grads)")
def check_two_layer_grads(two_layer_grads):
    """(loss, dW1, db1, dW2, db2) of softmax cross-entropy + 0.5 reg (|W1|^2 + |W2|^2)."""
    rng = core.fresh_rng()
    cases = [("N = 6, D = 3, H = 5, C = 4, reg = 0.1", _two_layer_case(rng, 6, 3, 5, 4, 0.1)),
             ("a batch of one, reg = 0", _two_layer_case(rng, 1, 2, 3, 3, 0.0)),
             ("N = 8, D = 2, H = 7, C = 3, reg = 0.01", _two_layer_case(rng, 8, 2, 7, 3, 0.01))]
    names = ["loss", "dW1", "db1", "dW2", "db2"]
    for inputs, args in cases:
        X, y, W1, b1, W2, b2, reg = args
        D, H = W1.shape
        C = W2.shape[1]
        result = core.call(two_layer_grads, *args, inputs=inputs)
        got = core.unpack(result, names, fn="two_layer_grads", inputs=inputs,
                          looks_like=[core.is_number, core.has_shape((D, H)), core.has_shape((H,)),
                                      core.has_shape((H, C)), core.has_shape((C,))])
        want = two_layer_reference(*args)
        value = core.number_result(got[0], what="the loss", inputs=inputs)
        if reg > 0 and np.isclose(value, two_layer_reference(X, y, W1, b1, W2, b2, 0.0)[0]):
            raise core.CheckFailed(f"the loss for {inputs} leaves out the L2 term",
                                   "add 0.5 * reg * (np.sum(W1**2) + np.sum(W2**2))")
        core.compare(value, want[0], what="the loss", inputs=inputs,
                     hint="mean softmax cross-entropy of the scores, plus 0.5 * reg * (sum of "
                          "squared weights of W1 and W2)")
        no_reg = two_layer_reference(X, y, W1, b1, W2, b2, 0.0)
        for i, name in enumerate(names[1:], start=1):
            g, w = got[i], want[i]
            if name.startswith("dW") and reg > 0:
                W = W1 if name == "dW1" else W2
                if core.close(g, no_reg[i]):
                    raise core.CheckFailed(f"{name} for {inputs} leaves out the L2 gradient",
                                           f"add reg * {name[1:]} to {name}")
                if core.close(g, no_reg[i] + 2 * reg * W):
                    raise core.CheckFailed(f"{name} for {inputs} uses 2 * reg * W",
                                           "the 1/2 in 0.5 * reg * W**2 cancels the 2: reg * W")
            if name in ("dW1", "db1"):
                z = X @ W1 + b1
                dscores = losses.softmax_cross_entropy(np.maximum(0, z) @ W2 + b2, y)[1]
                dz_unmasked = dscores @ W2.T
                unmasked = X.T @ dz_unmasked + reg * W1 if name == "dW1" else dz_unmasked.sum(0)
                if core.close(g, unmasked) and core.differ(unmasked, w):
                    raise core.CheckFailed(f"{name} for {inputs} skips the ReLU's mask",
                                           "dz = (dscores @ W2.T) * (z > 0) before the first "
                                           "layer's gradients")
            if len(y) > 1 and name.startswith("db") and core.close(g, w / len(y)) and \
                    core.differ(w, 0):
                raise core.CheckFailed(f"{name} for {inputs} is divided by N again",
                                       "dscores already carries the 1/N of the mean loss")
            times_n = no_reg[i] * len(y) + (reg * (W1 if name == "dW1" else W2)
                                            if name.startswith("dW") else 0.0)
            if len(y) > 1 and core.close(g, times_n) and core.differ(times_n, w):
                raise core.CheckFailed(f"{name} for {inputs} is N times too large",
                                       "the loss is a mean: dscores = (probs - onehot) / N")
            if name.startswith("dW") and core.close(g, np.asarray(w).T) and w.shape[0] != \
                    w.shape[1]:
                raise core.CheckFailed(f"{name} for {inputs} is transposed", "dW has W's shape")
            core.compare(g, w, what=name, inputs=inputs,
                         hint="backward in reverse order: dscores, then dW2 = hidden.T @ dscores "
                              "+ reg * W2, db2, dhidden = dscores @ W2.T, dz = dhidden * (z > 0), "
                              "dW1 = X.T @ dz + reg * W1, db1")
    core.loop_free(two_layer_grads, lambda n: _two_layer_case(rng, n, 2, 3, 3, 0.1),
                   name="two_layer_grads")
    return ("loss and all four gradients match, with L2 and the ReLU mask: this is the whole "
            "backward pass that train.train runs at every step")
