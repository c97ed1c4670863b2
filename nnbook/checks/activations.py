"""Checks for the exercises of chapter 3 (activation functions): a stable sigmoid, ReLU and leaky ReLU with their derivatives, two derivative peaks by hand, a neuron's weight gradient by hand, which units can die, which are zero-centred, and a learning rate that trains without killing units.

Each checker runs the learner's answer on several inputs including edge cases (zero, negative
and large values, |z| = 1000, a batch of one, a 2-D batch) and returns a ``Feedback`` that
says "passed" only when nothing failed.  Common mistakes get their own message: an overflow
(numpy warnings are turned into errors), a flipped sign, the function returned where its
derivative was asked for, a derivative of 1 at the ReLU kink, a hard-coded alpha.
Shapes: z is any shape (the functions are elementwise); N examples, H hidden units.
"""

from __future__ import annotations

import warnings

import numpy as np

from nnkit import activations, datasets, model, train
from nnbook.checks import core


def _strict_call(fn, *args, inputs):
    """core.call with every numpy floating-point warning (overflow, invalid, divide) raised as an error.

    Underflow (exp(-1000) = 0) is harmless and stays silent.
    """
    label = getattr(fn, "__name__", "your function")
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
        warnings.simplefilter("error", RuntimeWarning)
        try:
            return core.call(fn, *args, inputs=inputs)
        except core.CheckFailed as exc:
            if "FloatingPointError" in exc.message or "RuntimeWarning" in exc.message:
                raise core.CheckFailed(
                    f"`{label}` on {inputs} triggers a numpy floating-point error: {exc.message.split('raised ', 1)[-1]}",
                    "exp(1000) overflows. Only ever take exp of a number <= 0: exp(-|z|) is at most 1. "
                    "Careful with np.where(cond, a, b): numpy computes both a and b on every element "
                    "before choosing, so the overflow happens in the branch you thought you skipped") from None
            raise



ELEMENTWISE_CASES = (
    ("z = [-3, -0.5, 0, 0.5, 3]", np.array([-3.0, -0.5, 0.0, 0.5, 3.0])),
    ("z = [0] (a single zero)", np.array([0.0])),
    ("a batch of one, z of shape (1, 4)", np.array([[-2.0, -1e-3, 1e-3, 2.0]])),
    ("z of shape (2, 3)", np.array([[-4.0, 1.5, 0.0], [7.0, -0.25, -9.0]])),
    ("large z = [-1000, -40, 40, 1000]", np.array([-1000.0, -40.0, 40.0, 1000.0])),
)


# --- Exercise 3.1: a numerically stable sigmoid and its derivative -------------------------


@core.checker("Exercise 3.1 (sigmoid, sigmoid_grad)")
def check_sigmoid(sigmoid, sigmoid_grad):
    """sigmoid(z) = 1 / (1 + exp(-z)) without overflow; sigmoid_grad(z) = sigmoid(z) (1 - sigmoid(z))."""
    for label, z in ELEMENTWISE_CASES:
        out = _strict_call(sigmoid, z, inputs=label)
        expected = activations.sigmoid(z)
        if core.close(out, 1 - expected) and not core.close(out, expected):
            raise core.CheckFailed(f"`sigmoid` on {label} gives 1 - sigmoid(z): a sign is flipped",
                                   "sigmoid(z) = 1 / (1 + exp(-z)) grows with z: sigmoid(3) is about 0.95")
        core.compare(out, expected, what="sigmoid(z)", inputs=label,
                     hint="sigmoid(z) = 1 / (1 + exp(-z)), elementwise, same shape as z")
    for label, z in ELEMENTWISE_CASES:
        out = _strict_call(sigmoid_grad, z, inputs=label)
        s = activations.sigmoid(z)
        expected = activations.sigmoid_grad(z)
        if core.close(out, s) and not core.close(out, expected):
            raise core.CheckFailed(f"`sigmoid_grad` on {label} returns sigmoid(z) itself, not its derivative",
                                   "sigmoid'(z) = sigmoid(z) * (1 - sigmoid(z))")
        if core.close(out, s * (1 + s)) and not core.close(out, expected):
            raise core.CheckFailed(f"`sigmoid_grad` on {label} computes sigmoid(z) * (1 + sigmoid(z))",
                                   "the second factor is 1 - sigmoid(z): the derivative is largest, 0.25, at z = 0")
        if core.close(out, -expected) and not core.close(out, expected):
            raise core.CheckFailed(f"`sigmoid_grad` on {label} has the wrong sign",
                                   "the sigmoid only ever increases, so its derivative is positive")
        core.compare(out, expected, what="sigmoid_grad(z)", inputs=label,
                     hint="sigmoid'(z) = sigmoid(z) * (1 - sigmoid(z)), at most 0.25")
    return "both functions are right, and neither overflows at |z| = 1000"


# --- Exercise 3.2: ReLU and its derivative -------------------------------------------------


@core.checker("Exercise 3.2 (relu, relu_grad)")
def check_relu(relu, relu_grad):
    """relu(z) = max(0, z); relu_grad(z) = 1 where z > 0, else 0 (also at z = 0)."""
    for label, z in ELEMENTWISE_CASES:
        out = core.call(relu, z, inputs=label)
        expected = activations.relu(z)
        if core.close(out, np.abs(z)) and not core.close(out, expected):
            raise core.CheckFailed(f"`relu` on {label} gives |z|: negative inputs come out positive",
                                   "relu sets negative inputs to 0: np.maximum(0, z)")
        if core.close(out, np.minimum(0, z)) and not core.close(out, expected):
            raise core.CheckFailed(f"`relu` on {label} keeps the negative part instead of the positive one",
                                   "relu(z) = max(0, z), not min(0, z)")
        core.compare(out, expected, what="relu(z)", inputs=label, hint="relu(z) = np.maximum(0, z), elementwise")
    for label, z in ELEMENTWISE_CASES:
        out = core.call(relu_grad, z, inputs=label)
        expected = activations.relu_grad(z)
        if core.close(out, (z >= 0).astype(float)) and not core.close(out, expected):
            raise core.CheckFailed(f"`relu_grad` on {label} gives 1 at z = 0",
                                   "the kink at z = 0 has no derivative; this book (like most libraries) uses 0 "
                                   "there: compare with z > 0, not z >= 0")
        if core.close(out, activations.relu(z)) and not core.close(out, expected):
            raise core.CheckFailed(f"`relu_grad` on {label} returns relu(z) itself, not its derivative",
                                   "the slope of max(0, z) is 1 for z > 0 and 0 otherwise, whatever the size of z")
        if core.close(out, (z < 0).astype(float)) and not core.close(out, expected):
            raise core.CheckFailed(f"`relu_grad` on {label} is 1 on the negative side and 0 on the positive side",
                                   "the gradient passes where the unit is active, z > 0")
        core.compare(out, expected, what="relu_grad(z)", inputs=label,
                     hint="relu'(z) = 1.0 where z > 0, else 0.0, same shape as z")
    return "relu and relu_grad are right, including relu_grad(0) = 0"


# --- Exercise 3.3: leaky ReLU and its derivative -------------------------------------------


@core.checker("Exercise 3.3 (leaky_relu, leaky_relu_grad)")
def check_leaky_relu(leaky_relu, leaky_relu_grad):
    """leaky_relu(z, alpha) = z if z > 0 else alpha z; its derivative is 1 or alpha."""
    cases = [(label, z, alpha) for alpha in (0.01, 0.2) for label, z in ELEMENTWISE_CASES[:4]]
    for label, z, alpha in cases:
        where = f"{label} with alpha = {alpha}"
        out = core.call(leaky_relu, z, alpha, inputs=where)
        expected = activations.leaky_relu(z, alpha)
        if alpha != 0.01 and core.close(out, activations.leaky_relu(z, 0.01)) and not core.close(out, expected):
            raise core.CheckFailed(f"`leaky_relu` on {where} uses slope 0.01 on the negative side",
                                   "use the argument alpha instead of a fixed 0.01")
        if core.close(out, activations.relu(z)) and not core.close(out, expected):
            raise core.CheckFailed(f"`leaky_relu` on {where} is an ordinary relu: negative inputs give 0",
                                   "negative inputs should give alpha * z")
        core.compare(out, expected, what="leaky_relu(z, alpha)", inputs=where,
                     hint="z where z > 0, else alpha * z: np.where(z > 0, z, alpha * z)")
    for label, z, alpha in cases:
        where = f"{label} with alpha = {alpha}"
        out = core.call(leaky_relu_grad, z, alpha, inputs=where)
        expected = activations.leaky_relu_grad(z, alpha)
        if alpha != 0.01 and core.close(out, activations.leaky_relu_grad(z, 0.01)) and not core.close(out, expected):
            raise core.CheckFailed(f"`leaky_relu_grad` on {where} uses slope 0.01 on the negative side",
                                   "use the argument alpha instead of a fixed 0.01")
        if core.close(out, activations.relu_grad(z)) and not core.close(out, expected):
            raise core.CheckFailed(f"`leaky_relu_grad` on {where} is 0 on the negative side, like relu's",
                                   "the whole point of the leak: the derivative there is alpha, never 0")
        if core.close(out, activations.leaky_relu(z, alpha)) and not core.close(out, expected):
            raise core.CheckFailed(f"`leaky_relu_grad` on {where} returns the function, not its derivative",
                                   "the derivative is 1.0 where z > 0, else alpha")
        core.compare(out, expected, what="leaky_relu_grad(z, alpha)", inputs=where,
                     hint="1.0 where z > 0, else alpha (also at z = 0)")
    return "leaky_relu and its derivative are right for alpha = 0.01 and alpha = 0.2"


# --- Exercise 3.4: two peaks by hand ------------------------------------------------------


@core.checker("Exercise 3.4 (largest slopes)")
def check_peaks(sigmoid_peak, tanh_peak):
    """max sigmoid'(z) = 0.25 (at z = 0); max tanh'(z) = 1 (tanh'(z) = 4 sigmoid'(2z))."""
    if sigmoid_peak is None or tanh_peak is None:
        raise core.NotAttempted("set both `sigmoid_peak` and `tanh_peak` to numbers, then run this cell again")
    for name, value in (("sigmoid_peak", sigmoid_peak), ("tanh_peak", tanh_peak)):
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise core.CheckFailed(f"`{name}` is {value!r} ({type(value).__name__}); expected a number",
                                   "write the number itself, for example `sigmoid_peak = 0.3`")
    s, t = float(sigmoid_peak), float(tanh_peak)
    if np.isclose(s, 0.5):
        raise core.CheckFailed("`sigmoid_peak` is 0.5: that is sigmoid(0), the value of the function, not of its slope",
                               "sigmoid'(0) = sigmoid(0) * (1 - sigmoid(0))")
    if np.isclose(s, 1.0):
        raise core.CheckFailed("`sigmoid_peak` is 1: the sigmoid's slope is never that steep",
                               "sigmoid'(z) = s (1 - s) with s = sigmoid(z) in (0, 1); when is s (1 - s) largest?")
    core.number(s, 0.25, what="`sigmoid_peak`",
                hint="sigmoid'(z) = s (1 - s) with s = sigmoid(z); a product of two numbers adding to 1 is largest when both are 1/2")
    if np.isclose(t, 0.25):
        raise core.CheckFailed("`tanh_peak` is 0.25, the sigmoid's peak; tanh is steeper",
                               "tanh(z) = 2 sigmoid(2z) - 1, so tanh'(z) = 4 sigmoid'(2z)")
    if np.isclose(t, 0.5):
        raise core.CheckFailed("`tanh_peak` is 0.5: the chain rule gives two factors of 2, not one",
                               "tanh(z) = 2 sigmoid(2z) - 1: one factor 2 in front, one from the inner 2z")
    core.number(t, 1.0, what="`tanh_peak`", hint="tanh'(z) = 1 - tanh(z)^2; where is tanh(z) = 0?")
    return "sigmoid' peaks at 0.25 and tanh' at 1, both at z = 0: four times steeper"


# --- Exercise 3.5: the weight gradient of a neuron with positive inputs --------------------

SIGN_X = np.array([0.2, 0.7, 0.1])
SIGN_DZ = -1.5


@core.checker("Exercise 3.5 (dL/dw with positive inputs)")
def check_weight_gradient(dw, same_sign):
    """dL/dw = dL/dz * x = [-0.3, -1.05, -0.15]; same_sign is True."""
    if dw is None or same_sign is None:
        raise core.NotAttempted("set both `dw` and `same_sign`, then run this cell again")
    expected = SIGN_DZ * SIGN_X
    if core.close(dw, SIGN_X) and not core.close(dw, expected):
        raise core.CheckFailed("`dw` equals x: the upstream gradient dL/dz is missing",
                               "chain rule: dL/dw_i = dL/dz * dz/dw_i, and dz/dw_i = x_i")
    if core.close(dw, -expected):
        raise core.CheckFailed("`dw` has the wrong sign", "dL/dz = -1.5 is negative, and every x_i is positive")
    if core.close(dw, np.full(3, SIGN_DZ)):
        raise core.CheckFailed("`dw` is dL/dz repeated; each component is multiplied by its own input",
                               "dL/dw_i = dL/dz * x_i")
    core.compare(dw, expected, what="`dw`", inputs="x = [0.2, 0.7, 0.1], dL/dz = -1.5",
                 hint="dL/dw = dL/dz * x, a vector of 3 numbers")
    if not isinstance(same_sign, (bool, np.bool_)):
        raise core.CheckFailed(f"`same_sign` is {same_sign!r}; expected True or False")
    if not same_sign:
        raise core.CheckFailed("`same_sign` is False, but for one example every component is dL/dz times a positive "
                               "number", "whatever x is, as long as every x_i > 0, all components share dL/dz's sign")
    return "dL/dw = dL/dz * x: one upstream number times positive inputs, so one sign for the whole vector"


# --- Exercise 3.6 and 3.7: which units can die, which are zero-centred ---------------------

DIE_OPTIONS = {
    "a": "sigmoid and tanh saturate, but their derivatives are never exactly 0: a saturated unit still passes a "
         "tiny gradient and can recover, slowly.",
    "b": "Right. A ReLU's derivative is exactly 0 wherever z < 0; if z < 0 on every input, no gradient reaches its "
         "weights or bias and nothing can revive it.",
    "c": "leaky ReLU's derivative on the negative side is alpha, not 0, so a leaky unit always passes some gradient.",
    "d": "maxout is linear wherever one piece wins, so it passes gradient to the winning piece; it never saturates "
         "and does not die in practice.",
}

CENTRED_OPTIONS = {
    "a": "sigmoid's outputs lie in (0, 1), so they are always positive: the next layer sees all-positive inputs.",
    "b": "Right. tanh maps into (-1, 1) symmetrically around 0: tanh(-z) = -tanh(z).",
    "c": "relu's outputs are never negative: max(0, z) >= 0, so they are not centred on zero.",
    "d": "the bias shifts the input z, not the range of the output: sigmoid's outputs stay in (0, 1) and relu's stay "
         ">= 0 whatever the bias is.",
}


@core.checker("Exercise 3.6 (which units can die)")
def check_can_die(answer):
    return core.choice(answer, DIE_OPTIONS, "b", what="`can_die`")


@core.checker("Exercise 3.7 (zero-centred outputs)")
def check_zero_centred(answer):
    return core.choice(answer, CENTRED_OPTIONS, "b", what="`zero_centred`")


# --- Exercise 3.8: a learning rate that trains well without killing units ------------------

LR_SEEDS = (0, 1, 2)
LR_HIDDEN, LR_STEPS = 50, 300
MAX_DEAD, MIN_ACC = 0.10, 0.95


def lr_trial(lr, *, seed, hidden=LR_HIDDEN, steps=LR_STEPS):
    """Train MLP([2, hidden, 3], "relu") full batch on the 300-point spiral (data seed 0) with lr.

    Returns (training accuracy, dead fraction); (nan, nan) if training diverged.
    """
    X, y = datasets.spiral(points_per_class=100, num_classes=3, noise=0.2, rng=np.random.default_rng(0))
    net = model.MLP([2, hidden, 3], activation="relu", rng=np.random.default_rng(seed))
    try:
        history = train.train(net, X, y, lr=lr, steps=steps, eval_every=steps)
    except train.Diverged:
        return float("nan"), float("nan")
    return float(history.train_acc[-1]), float(train.dead_fraction(net, X))


@core.checker("Exercise 3.8 (a learning rate that keeps units alive)")
def check_learning_rate(chosen_lr):
    """Every seed in LR_SEEDS: fewer than 10% dead hidden units and at least 95% training accuracy."""
    if chosen_lr is None:
        raise core.NotAttempted("set `chosen_lr` to a learning rate, then run this cell again")
    if isinstance(chosen_lr, bool) or not isinstance(chosen_lr, (int, float, np.integer, np.floating)):
        raise core.CheckFailed(f"`chosen_lr` is {chosen_lr!r} ({type(chosen_lr).__name__}); expected a number",
                               "for example `chosen_lr = 0.5`")
    lr = float(chosen_lr)
    if not np.isfinite(lr) or lr <= 0:
        raise core.CheckFailed(f"`chosen_lr` is {lr:g}; a learning rate must be a positive number")
    if lr > 100:
        raise core.CheckFailed(f"`chosen_lr` = {lr:g} is far too large: the first update throws every weight away",
                               "try values between 0.1 and 10")
    for seed in LR_SEEDS:
        acc, dead = lr_trial(lr, seed=seed)
        if np.isnan(acc):
            raise core.CheckFailed(f"with lr = {lr:g} training diverged (seed {seed})", "use a smaller learning rate")
        if dead >= MAX_DEAD:
            raise core.CheckFailed(f"with lr = {lr:g}, {dead:.0%} of the hidden units died (seed {seed}), "
                                   f"at least {MAX_DEAD:.0%}", "the steps are too large: try a smaller learning rate")
        if acc < MIN_ACC:
            raise core.CheckFailed(f"with lr = {lr:g} the training accuracy after {LR_STEPS} steps is only {acc:.0%} "
                                   f"(seed {seed}); the target is {MIN_ACC:.0%}",
                                   "no units died, but the steps are too small to get there in time: try a larger "
                                   "learning rate")
    return (f"with lr = {lr:g} every seed reached {MIN_ACC:.0%} training accuracy with fewer than "
            f"{MAX_DEAD:.0%} dead units")
