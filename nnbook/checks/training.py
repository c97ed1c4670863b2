"""Checks for the exercises of chapter 5 (training a small network): a stable softmax loss with its gradient, the backward passes of a fully connected layer and a ReLU, a gradient by hand, centred differences, reading a relative error, and fitting the spiral.

Each checker runs the learner's answer on several inputs, including a batch of one, negative
and zero values and scores near +-1000, and returns a ``Feedback`` that says "passed" only
when nothing failed. Common mistakes get their own message: a sum instead of a mean, a
gradient not divided by N, a missing max shift, a transposed dW, db summed over the wrong
axis, a ReLU that lets gradient through at z = 0, a one-sided difference.
Shapes: N examples, D inputs, H outputs of a layer, C classes.
"""

from __future__ import annotations

import numpy as np

from nnkit import datasets, gradcheck, losses, model, train
from nnbook.checks import core

# --- helpers -------------------------------------------------------------------------------


def _fmt(a):
    return np.array2string(np.asarray(a, dtype=float), precision=3, separator=", ",
                           suppress_small=True)



def _unpack(result, count, names, label, inputs):
    """Split a tuple result into ``count`` parts or explain what came back instead."""
    if result is None:
        raise core.CheckFailed(f"`{label}` on {inputs} returned None",
                               f"end with `return {', '.join(names)}`")
    if not isinstance(result, (tuple, list)) or len(result) != count:
        got = f"a {type(result).__name__}" + (f" of length {len(result)}" if isinstance(result, (tuple, list)) else "")
        raise core.CheckFailed(f"`{label}` on {inputs} returned {got}; expected a tuple ({', '.join(names)})",
                               f"end with `return {', '.join(names)}`")
    return result


def _onehot(y, C):
    out = np.zeros((len(y), C))
    out[np.arange(len(y)), y] = 1.0
    return out


# --- Exercise 5.1: softmax cross-entropy ------------------------------------------------------

SOFTMAX_CASES = [
    ("scores = [[1, 2, 3], [0, -1, 4]], y = [2, 0]",
     np.array([[1.0, 2.0, 3.0], [0.0, -1.0, 4.0]]), np.array([2, 0])),
    ("a batch of one, scores = [[0.5, -0.5, 2.0, 0.0]], y = [1]",
     np.array([[0.5, -0.5, 2.0, 0.0]]), np.array([1])),
    ("large scores, [[1000, 999, 998], [-1000, -998, -999]], y = [0, 1]",
     np.array([[1000.0, 999.0, 998.0], [-1000.0, -998.0, -999.0]]), np.array([0, 1])),
    ("scores = [[1000, -1000, 0]], y = [1] (the correct class has probability about e^-2000)",
     np.array([[1000.0, -1000.0, 0.0]]), np.array([1])),
    ("random scores (5, 4) between -3 and 3",
     np.random.default_rng(5).uniform(-3, 3, (5, 4)), np.array([0, 3, 1, 1, 2])),
]


def _check_softmax_loss(loss, scores, y, inputs):
    N, C = scores.shape
    expected, _ = losses.softmax_cross_entropy(scores, y)
    if loss is None:
        raise core.CheckFailed(f"the loss for {inputs} is None", "return the loss as the first item")
    arr = np.asarray(loss, dtype=float) if not isinstance(loss, str) else None
    if arr is None or arr.dtype.kind not in "fiu":
        raise core.CheckFailed(f"the loss for {inputs} is {loss!r}, not a number",
                               "return the loss as a single float")
    if arr.size != 1:
        per_example = -np.log(losses.softmax(scores)[np.arange(N), y])
        if arr.shape == (N,) and np.allclose(arr, per_example, rtol=1e-6):
            raise core.CheckFailed(f"the loss for {inputs} has shape {arr.shape}: one loss per example",
                                   "return their mean over the batch, a single number")
        raise core.CheckFailed(f"the loss for {inputs} has shape {arr.shape}; expected a single number",
                               "the loss is the mean over the batch of -log p[correct class]")
    value = float(arr.reshape(()))
    if not np.isfinite(value):
        raise core.CheckFailed(f"the loss for {inputs} is {value}; expected {expected:.6g}",
                               "subtract each row's max score before np.exp, and compute -log p_y as "
                               "log(sum(exp(shifted))) - shifted[y] so that log never sees 0")
    if not np.isclose(value, expected, rtol=1e-6, atol=1e-9):
        if N > 1 and np.isclose(value, expected * N, rtol=1e-6):
            raise core.CheckFailed(f"the loss for {inputs} is {value:.6g}, the sum over the batch; "
                                   f"expected the mean {expected:.6g}", "divide by N")
        if np.isclose(value, -expected, rtol=1e-6):
            raise core.CheckFailed(f"the loss for {inputs} is {value:.6g}; expected {expected:.6g} (the sign is flipped)",
                                   "the loss is MINUS the log-probability of the correct class")
        raise core.CheckFailed(f"the loss for {inputs} is {value:.6g}; expected {expected:.6g}",
                               "loss = mean over rows of -log(softmax(scores)[row, y[row]])")


def _check_softmax_grad(dscores, scores, y, inputs):
    N, C = scores.shape
    _, expected = losses.softmax_cross_entropy(scores, y)
    probs = losses.softmax(scores)
    if dscores is None:
        raise core.CheckFailed(f"dscores for {inputs} is None", "return (loss, dscores)")
    try:
        arr = np.asarray(dscores, dtype=float)
    except (TypeError, ValueError):
        raise core.CheckFailed(f"dscores for {inputs} is a {type(dscores).__name__}, not an array",
                               "dscores has the same shape as scores") from None
    if arr.shape != scores.shape:
        raise core.CheckFailed(f"dscores for {inputs} has shape {arr.shape}; expected {scores.shape}, the shape of scores",
                               "dscores[n, k] is dLoss/dscores[n, k]")
    if not np.all(np.isfinite(arr)):
        raise core.CheckFailed(f"dscores for {inputs} contains nan or inf",
                               "compute the probabilities from scores minus each row's max")
    if np.allclose(arr, expected, rtol=1e-6, atol=1e-9):
        return
    if N > 1 and np.allclose(arr, expected * N, rtol=1e-6, atol=1e-9):
        raise core.CheckFailed(f"dscores for {inputs} is N = {N} times too large",
                               "the loss is a mean over the batch, so divide the gradient by N too")
    if np.allclose(arr, probs / N, rtol=1e-6, atol=1e-9) or np.allclose(arr, probs, rtol=1e-6, atol=1e-9):
        raise core.CheckFailed(f"dscores for {inputs} equals the probabilities: the -1 at the correct class is missing",
                               "dLoss/ds_k = p_k - 1[k == y]; subtract 1 at [n, y[n]] for every row n")
    if np.allclose(arr, -expected, rtol=1e-6, atol=1e-9) or np.allclose(arr, -expected * N, rtol=1e-6, atol=1e-9):
        raise core.CheckFailed(f"dscores for {inputs} has the wrong sign",
                               "it is p - onehot(y), not onehot(y) - p: raising the correct score lowers the loss")
    index = tuple(int(i) for i in np.argwhere(~np.isclose(arr, expected, rtol=1e-6, atol=1e-9))[0])
    raise core.CheckFailed(f"dscores for {inputs} is {arr[index]:.6g} at index {index}; expected {expected[index]:.6g}",
                           "dscores = (softmax(scores) - onehot(y)) / N")


@core.checker("Exercise 5.1: softmax cross-entropy")
def check_softmax_cross_entropy(softmax_cross_entropy):
    """Compare the learner's (loss, dscores) with nnkit's on several batches, including |scores| ~ 1000."""
    for inputs, scores, y in SOFTMAX_CASES:
        with np.errstate(all="ignore"):  # a naive version overflows: we report that ourselves
            result = core.call(softmax_cross_entropy, scores.copy(), y.copy(), inputs=inputs)
        loss, dscores = _unpack(result, 2, ["loss", "dscores"], "softmax_cross_entropy", inputs)
        _check_softmax_loss(loss, scores, y, inputs)
        _check_softmax_grad(dscores, scores, y, inputs)
    # The learner's gradient must also agree with centred differences of the learner's own loss.
    scores, y = SOFTMAX_CASES[-1][1].copy(), SOFTMAX_CASES[-1][2]
    _, dscores = softmax_cross_entropy(scores.copy(), y)
    numerical = gradcheck.numerical_gradient(lambda: float(softmax_cross_entropy(scores, y)[0]), scores)
    error = gradcheck.rel_error(dscores, numerical)
    if not error < 1e-6:
        raise core.CheckFailed(f"your dscores disagree with centred differences of your own loss "
                               f"(relative error {error:.1e})", "loss and dscores must describe the same function")
    return (f"loss and dscores match on all {len(SOFTMAX_CASES)} batches, including scores near "
            f"+-1000 and a batch of one; gradient check relative error {error:.0e}")


# --- Exercise 5.2: Linear backward ----------------------------------------------------------

def _linear_cases():
    rng = np.random.default_rng(52)
    return [
        ("X (4, 3), W (3, 5), dout (4, 5)", rng.standard_normal((4, 3)), rng.standard_normal((3, 5)),
         rng.standard_normal((4, 5))),
        ("a batch of one: X (1, 2), W (2, 3), dout (1, 3)", np.array([[2.0, -1.0]]),
         np.array([[1.0, 0.0, -2.0], [0.5, 3.0, 1.0]]), np.array([[1.0, -1.0, 0.5]])),
        ("X (6, 2) with zeros and negatives, W (2, 4), dout (6, 4)",
         np.array([[0.0, 0.0], [-1.0, 2.0], [3.0, -4.0], [0.5, 0.5], [-2.0, -2.0], [10.0, 0.0]]),
         rng.standard_normal((2, 4)), rng.standard_normal((6, 4))),
    ]


@core.checker("Exercise 5.2: backward pass of a fully connected layer")
def check_linear_backward(linear_backward):
    """The learner's (dX, dW, db) for out = X @ W + b against dout @ W.T, X.T @ dout, dout.sum(0)."""
    for inputs, X, W, dout in _linear_cases():
        result = core.call(linear_backward, X.copy(), W.copy(), dout.copy(), inputs=inputs)
        dX, dW, db = _unpack(result, 3, ["dX", "dW", "db"], "linear_backward", inputs)
        N, D = X.shape
        H = W.shape[1]
        # dX (N, D) = dout @ W.T
        expected = dout @ W.T
        if dX is not None and np.shape(dX) == (D, H) and N != D:
            raise core.CheckFailed(f"dX for {inputs} has shape {np.shape(dX)}, the shape of W: dX and dW "
                                   "seem to be swapped", "return dX, dW, db in this order")
        core.compare(dX, expected, what="dX", inputs=inputs,
                     hint="dX = dout @ W.T: each input feeds every output through one row of W")
        # dW (D, H) = X.T @ dout
        expected = X.T @ dout
        if dW is not None and np.shape(dW) == (H, D) and H != D and core.close(dW, expected.T):
            raise core.CheckFailed(f"dW for {inputs} has shape {np.shape(dW)}, the transpose of W's shape {W.shape}",
                                   "use X.T @ dout (D, N) @ (N, H) -> (D, H), not dout.T @ X")
        if core.close(dW, expected / N) and N > 1:
            raise core.CheckFailed(f"dW for {inputs} is divided by N = {N}",
                                   "dout already carries the 1/N of a mean loss; dW = X.T @ dout with no extra factor")
        core.compare(dW, expected, what="dW", inputs=inputs,
                     hint="dW[d, h] = sum over n of X[n, d] * dout[n, h], that is X.T @ dout")
        # db (H,) = dout.sum(axis=0)
        expected = dout.sum(axis=0)
        if db is not None and np.shape(db) == (N,) and N != H:
            raise core.CheckFailed(f"db for {inputs} has shape {np.shape(db)}, one number per example",
                                   "sum dout over the examples, axis 0, to get one number per output unit (H,)")
        if db is not None and np.shape(db) == (1, H):
            raise core.CheckFailed(f"db for {inputs} has shape (1, {H}); expected ({H},), the shape of b",
                                   "use dout.sum(axis=0) without keepdims")
        if core.close(db, dout.mean(axis=0)) and N > 1:
            raise core.CheckFailed(f"db for {inputs} is the mean of dout over the batch; expected the sum",
                                   "b is added to every row, so its gradient is the sum of dout over the rows")
        core.compare(db, expected, what="db", inputs=inputs, hint="db = dout.sum(axis=0)")
    return "dX, dW and db are right on all three cases, including a batch of one"


# --- Exercise 5.3: ReLU backward ------------------------------------------------------------

RELU_CASES = [
    ("z = [[-2, -0.5, 0, 0.5, 3]], dout = [[1, 2, 3, 4, 5]]",
     np.array([[-2.0, -0.5, 0.0, 0.5, 3.0]]), np.array([[1.0, 2.0, 3.0, 4.0, 5.0]])),
    ("z (3, 4) with large values, dout with negative entries",
     np.array([[1e3, -1e3, 2.0, -2.0], [0.1, -0.1, 5.0, 0.0], [-7.0, 7.0, -1e-3, 1e-3]]),
     np.array([[-1.0, 2.0, -3.0, 4.0], [0.5, -0.5, 1.5, 2.5], [3.0, -3.0, 9.0, -9.0]])),
]


@core.checker("Exercise 5.3: backward pass of a ReLU")
def check_relu_backward(relu_backward):
    """The learner's dz = dout * (z > 0), with 0 at z == 0 as in nnkit."""
    for inputs, z, dout in RELU_CASES:
        dz = core.call(relu_backward, dout.copy(), z.copy(), inputs=inputs)
        expected = dout * (z > 0)
        if core.close(dz, dout * (z >= 0)) and not core.close(dz, expected):
            raise core.CheckFailed(f"relu_backward on {inputs} lets the gradient through at z = 0",
                                   "use the convention relu'(0) = 0, as nnkit does: mask with z > 0, not z >= 0")
        if core.close(dz, dout * np.maximum(z, 0)) and not core.close(dz, expected):
            raise core.CheckFailed(f"relu_backward on {inputs} multiplies dout by relu(z)",
                                   "the local derivative of max(0, z) is 1 where z > 0 and 0 elsewhere, "
                                   "not the output itself")
        if core.close(dz, (z > 0).astype(float)) and not core.close(dz, expected):
            raise core.CheckFailed(f"relu_backward on {inputs} returns the mask (z > 0) without dout",
                                   "multiply the upstream gradient dout by the mask")
        if core.close(dz, dout) and not core.close(dz, expected):
            raise core.CheckFailed(f"relu_backward on {inputs} returns dout unchanged",
                                   "block the gradient where z <= 0: dz = dout * (z > 0)")
        if core.close(dz, dout * (z < 0)) and not core.close(dz, expected):
            raise core.CheckFailed(f"relu_backward on {inputs} passes the gradient where z < 0: the mask is inverted",
                                   "the gradient passes where the input was POSITIVE")
        core.compare(dz, expected, what="dz", inputs=inputs, hint="dz = dout * (z > 0)")
    return "dz is right, including z = 0 exactly and large positive and negative z"


# --- Exercise 5.4: a gradient by hand ------------------------------------------------------

HAND_PROBS = np.array([[0.1, 0.6, 0.3], [0.5, 0.25, 0.25]])
HAND_Y = np.array([1, 2])
HAND_DSCORES = (HAND_PROBS - _onehot(HAND_Y, 3)) / 2


@core.checker("Exercise 5.4: the gradient on the scores, by hand")
def check_dscores_by_hand(dscores_by_hand):
    """The learner's (2, 3) gradient for the chapter's worked batch of two."""
    if dscores_by_hand is None:
        raise core.NotAttempted("set dscores_by_hand to a 2 x 3 list of numbers, then run this cell again")
    try:
        arr = np.asarray(dscores_by_hand, dtype=float)
    except (TypeError, ValueError):
        raise core.CheckFailed(f"dscores_by_hand is {dscores_by_hand!r}, not a list of numbers",
                               "write it like [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]") from None
    if arr.shape != (2, 3):
        raise core.CheckFailed(f"dscores_by_hand has shape {arr.shape}; expected (2, 3), one row per example",
                               "write two rows of three numbers")
    tol = dict(rtol=0, atol=2e-3)
    if np.allclose(arr, HAND_DSCORES * 2, **tol):
        raise core.CheckFailed("each row is p - onehot(y), but the loss is the MEAN over the batch of two",
                               "divide every entry by N = 2")
    if np.allclose(arr, HAND_PROBS, **tol) or np.allclose(arr, HAND_PROBS / 2, **tol):
        raise core.CheckFailed("those are the probabilities: the -1 at the correct class is missing",
                               "subtract 1 at the correct class of each row (class 1 in row 0, class 2 in row 1)")
    if np.allclose(arr, -HAND_DSCORES, **tol) or np.allclose(arr, -HAND_DSCORES * 2, **tol):
        raise core.CheckFailed("the signs are flipped", "the gradient is p - onehot(y): positive on the wrong classes")
    for wrong_y in ([2, 1], [0, 0], [1, 1], [2, 2]):
        guess = (HAND_PROBS - _onehot(np.array(wrong_y), 3)) / 2
        if np.allclose(arr, guess, **tol) or np.allclose(arr, guess * 2, **tol):
            raise core.CheckFailed(f"the -1 sits at classes {wrong_y}; the correct classes are {HAND_Y.tolist()}",
                                   "classes are counted from 0")
    if not np.allclose(arr, HAND_DSCORES, **tol):
        index = tuple(int(i) for i in np.argwhere(~np.isclose(arr, HAND_DSCORES, **tol))[0])
        raise core.CheckFailed(f"entry {index} is {arr[index]:.4g}, which is not right",
                               "entry [n, k] is (p[n, k] - 1[k == y[n]]) / N with N = 2")
    if np.any(np.abs(arr.sum(axis=1)) > 2e-3):
        raise core.CheckFailed("each row should sum to 0", "probabilities sum to 1 and the one-hot row too")
    return f"right: {_fmt(HAND_DSCORES)}; each row sums to 0, as every softmax gradient row does"


# --- Exercise 5.5: centred differences ------------------------------------------------------

def _numgrad_cases():
    rng = np.random.default_rng(55)
    A = rng.standard_normal((3, 3))
    cases = [
        ("f(x) = sum(x**3) at x = [[1, -2], [0.5, 3]]", lambda x: float(np.sum(x ** 3)),
         np.array([[1.0, -2.0], [0.5, 3.0]]), lambda x: 3 * x ** 2),
        ("f(x) = sum(sin(x)) at x of shape (4,), including 0", lambda x: float(np.sum(np.sin(x))),
         np.array([0.0, 1.0, -2.5, 4.0]), np.cos),
        ("f(x) = x @ A @ x for a 3 x 3 matrix A", lambda x: float(x @ A @ x),
         rng.standard_normal(3), lambda x: (A + A.T) @ x),
        ("f(x) = sum(exp(x)) at a single entry x = [2.0]", lambda x: float(np.sum(np.exp(x))),
         np.array([2.0]), np.exp),
    ]
    return cases


def _one_sided(f, x, h):
    grad = np.zeros_like(x)
    base = f(x.copy())
    for i in np.ndindex(x.shape):
        xp = x.copy()
        xp[i] += h
        grad[i] = (f(xp) - base) / h
    return grad


@core.checker("Exercise 5.5: a centred-difference gradient")
def check_numerical_gradient(numerical_gradient):
    """The learner's numerical_gradient(f, x, h) against exact derivatives of smooth functions."""
    h = 1e-5
    for inputs, f, x, exact in _numgrad_cases():
        calls = []

        def counted(v, f=f):
            calls.append(1)
            return f(v)

        grad = core.call(numerical_gradient, counted, x, h, inputs=inputs)
        expected = exact(x)
        if grad is None:
            raise core.CheckFailed(f"numerical_gradient on {inputs} returned None", "return the gradient array")
        if core.close(grad, expected * 2, rtol=1e-4, atol=1e-6) and not core.close(grad, expected, rtol=1e-4, atol=1e-6):
            raise core.CheckFailed(f"numerical_gradient on {inputs} is twice the true gradient",
                                   "divide f(x + h) - f(x - h) by 2h, the distance between the two points")
        if core.close(grad, expected / 2, rtol=1e-4, atol=1e-6) and not core.close(grad, expected, rtol=1e-4, atol=1e-6):
            raise core.CheckFailed(f"numerical_gradient on {inputs} is half the true gradient",
                                   "divide f(x + h) - f(x - h) by 2h, not 4h (or use f(x + h) - f(x - h), not f(x + h/2) ...)")
        if np.size(grad) == x.size and np.shape(grad) != x.shape:
            raise core.CheckFailed(f"numerical_gradient on {inputs} has shape {np.shape(grad)}; expected {x.shape}",
                                   "return an array shaped like x, e.g. np.zeros_like(x) filled with np.ndindex(x.shape)")
        forward = _one_sided(f, x, h)
        error = gradcheck.rel_error(np.asarray(grad, dtype=float), expected) if np.shape(grad) == x.shape else np.inf
        if error > 1e-8 and core.close(grad, forward, rtol=1e-9, atol=1e-12):
            raise core.CheckFailed(f"numerical_gradient on {inputs} is a one-sided difference (f(x + h) - f(x)) / h: "
                                   f"relative error {error:.1e}",
                                   "use the centred difference (f(x + h) - f(x - h)) / 2h, whose error shrinks like h**2")
        core.compare(grad, expected, what="the numerical gradient", inputs=inputs, rtol=1e-6, atol=1e-7,
                     hint="nudge one entry at a time: x[i] + h and x[i] - h, all other entries unchanged")
        if len(calls) < 2 * x.size:
            raise core.CheckFailed(f"numerical_gradient on {inputs} called f only {len(calls)} times for "
                                   f"{x.size} entries", "the centred difference needs two evaluations per entry")
    return "the centred differences match the exact derivatives to about 1e-9 on all four functions"


# --- Exercise 5.6: reading a relative error -------------------------------------------------

RELATIVE_ERROR_OPTIONS = {
    "a": "No. In float64 with h = 1e-5, rounding and truncation give relative errors of about 1e-7 or less; "
         "1e-2 is five orders of magnitude more than they can explain.",
    "b": "Right. A relative error of 1e-2 means the analytic and numerical values differ by about 2% of "
         "their size: almost certainly a bug in the backward pass, unless the check happened to straddle "
         "a kink (a ReLU input or hinge margin within h of 0), which re-running at another point settles.",
    "c": "No. A relative error |a - n| / (|a| + |n|) of 1e-2 means the two numbers agree to about 2%; a factor "
         "of 100 between them would give a relative error close to 1.",
    "d": "No. Making h larger increases the truncation error of the centred difference (it grows like h**2), "
         "so a relative error of 1e-2 is not cured by a larger step; and h = 1e-5 is not too small in float64.",
}


@core.checker("Exercise 5.6: what a relative error of 1e-2 means")
def check_relative_error_meaning(answer):
    """Multiple choice: the meaning of a relative error of 1e-2 in a float64 gradient check."""
    if isinstance(answer, str):
        answer = answer.strip().lower()
    return core.choice(answer, RELATIVE_ERROR_OPTIONS, "b")


# --- Exercise 5.7: fit the spiral -----------------------------------------------------------

MAX_HIDDEN = 300
MAX_STEPS = 5000
TARGET = 0.97


def spiral_training_accuracy(hidden_size, lr, steps, *, data_seed=0, init_seed=1, reg=1e-3):
    """(training accuracy, dead-ReLU fraction) of MLP([2, hidden_size, 3]) after full-batch SGD on the chapter's spiral."""
    rng = np.random.default_rng(data_seed)
    X, y = datasets.spiral(100, 3, rng=rng)
    net = model.MLP([2, hidden_size, 3], rng=np.random.default_rng(init_seed))
    history = train.train(net, X, y, lr=lr, steps=steps, reg=reg, eval_every=max(1, steps))
    return history.final()["train_acc"], train.dead_fraction(net, X)


def _whole(value, name, low, high):
    if value is None:
        raise core.NotAttempted(f"set {name} (and the other two settings), then run this cell again")
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) and not (
            isinstance(value, (float, np.floating)) and float(value).is_integer()):
        raise core.CheckFailed(f"{name} is {value!r}; expected a whole number", f"for example {name} = 100")
    value = int(value)
    if not low <= value <= high:
        raise core.CheckFailed(f"{name} is {value}; this exercise allows {low} to {high}",
                               "the target is reachable well inside these limits")
    return value


@core.checker("Exercise 5.7: fit the spiral")
def check_spiral_training(hidden_size, lr, steps):
    """Train MLP([2, hidden_size, 3]) with the learner's settings; pass at >= 97% training accuracy."""
    hidden_size = _whole(hidden_size, "hidden_size", 1, MAX_HIDDEN)
    if lr is None:
        raise core.NotAttempted("set lr (and the other two settings), then run this cell again")
    if isinstance(lr, bool) or not isinstance(lr, (int, float, np.integer, np.floating)) or not 0 < lr <= 100:
        raise core.CheckFailed(f"lr is {lr!r}; expected a positive number up to 100", "for example lr = 1.0")
    steps = _whole(steps, "steps", 1, MAX_STEPS)
    try:
        acc, dead = spiral_training_accuracy(hidden_size, float(lr), steps)
    except train.Diverged as err:
        raise core.CheckFailed(f"with lr = {lr:g} training diverged ({err})",
                               "divide the learning rate by 3 or 10") from None
    if acc < TARGET:
        if dead > 0.5:
            hint = (f"{dead:.0%} of the hidden ReLUs output 0 on every point (dead): the learning rate "
                    "is too large; try values around 1")
        elif hidden_size < 10:
            hint = "a few hidden units can only draw a few bends; try tens to a hundred"
        elif steps < 300:
            hint = "train for more steps (hundreds to a few thousand)"
        elif lr < 0.1:
            hint = "the learning rate is small for full-batch training here; try values around 1"
        else:
            hint = "try more hidden units or more steps"
        raise core.CheckFailed(f"training accuracy {acc:.1%} with hidden_size = {hidden_size}, lr = {lr:g}, "
                               f"steps = {steps}; the target is {TARGET:.0%}", hint)
    return f"training accuracy {acc:.1%} with hidden_size = {hidden_size}, lr = {lr:g}, steps = {steps}"
