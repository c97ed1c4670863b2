"""Checks for the exercises of chapter 3 (activation functions).

A stable sigmoid, ReLU and leaky ReLU with their derivatives, slopes by hand, a neuron's weight
gradient by hand, which units can die, which are zero-centred, a learning rate that trains
without killing units, the PReLU gradient and the maxout gradient.
Every case is drawn fresh on each call (zero, negative, huge inputs, a batch of one, a 2-D
batch); common mistakes get their own message: an overflow (numpy warnings become errors), a
flipped sign, the function returned where its derivative was asked for, a derivative of 1 at
the ReLU kink, a hard-coded alpha, booleans instead of numbers, a loop over the entries.
Shapes: z any shape (the functions are elementwise); N examples, D inputs, H units.
"""

from __future__ import annotations

import warnings

import numpy as np

from nnkit import activations, datasets, model, train, validate
from nnbook.checks import core


def _strict_call(fn, *args, inputs):
    """core.call with every numpy floating-point warning (overflow, invalid, divide) an error.

    Underflow (exp(-1000) = 0) is harmless and stays silent.
    """
    label = getattr(fn, "__name__", "your function")
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise",
                                                under="ignore"):
        warnings.simplefilter("error", RuntimeWarning)
        try:
            return core.call(fn, *args, inputs=inputs)
        except core.CheckFailed as exc:
            if "FloatingPointError" in exc.message or "RuntimeWarning" in exc.message:
                raise core.CheckFailed(
                    f"`{label}` on {inputs} overflows: {exc.message.split('raised ', 1)[-1]}",
                    "exp(1000) overflows. Only ever take exp of a number <= 0: exp(-|z|) is at "
                    "most 1. Careful with np.where(cond, a, b): numpy computes both a and b on "
                    "every element before choosing, so the overflow happens in the branch you "
                    "thought you skipped") from None
            raise


def _elementwise_cases(rng):
    """Fresh inputs for the elementwise functions, new on every call."""
    return (
        ("z = [-3, -0.5, 0, 0.5, 3]", np.array([-3.0, -0.5, 0.0, 0.5, 3.0])),
        ("z = [0] (a single zero)", np.array([0.0])),
        ("a batch of one, z of shape (1, 4)", np.array([[-2.0, -1e-3, 1e-3, 2.0]])),
        ("a random z of shape (2, 3)", rng.normal(0, 4, (2, 3))),
        ("large z = [-1000, -40, 40, 1000]", np.array([-1000.0, -40.0, 40.0, 1000.0])),
    )


def _vector(rng, n):
    return (rng.normal(0, 3, n),)


def _elementwise_array(out, expected, what, label):
    """Validate the form: an array of numbers of z's shape (booleans and lists are named)."""
    core.array_result(out, what=what, inputs=label, shape=expected.shape,
                      hint="an elementwise function returns an array of z's shape",
                      finite_hint="NaN or inf: somewhere exp overflowed or 0 was divided by 0")


# --- Exercise 3.1: a numerically stable sigmoid and its derivative ---------------------------


@core.checker("Exercise 3.1 (sigmoid, sigmoid_grad)")
def check_sigmoid(sigmoid, sigmoid_grad):
    """sigmoid(z) = 1 / (1 + exp(-z)) without overflow; sigmoid_grad(z) = s (1 - s)."""
    rng = core.fresh_rng()
    for label, z in _elementwise_cases(rng):
        out = _strict_call(sigmoid, z, inputs=label)
        expected = activations.sigmoid(z)
        if core.close(out, 1 - expected) and core.differ(1 - expected, expected):
            raise core.CheckFailed(f"`sigmoid` on {label} gives 1 - sigmoid(z): a sign is flipped",
                                   "sigmoid(z) = 1 / (1 + exp(-z)) grows with z: sigmoid(3) is "
                                   "about 0.95")
        _elementwise_array(out, expected, "sigmoid(z)", label)
        core.compare(out, expected, what="sigmoid(z)", inputs=label,
                     hint="sigmoid(z) = 1 / (1 + exp(-z)), elementwise, same shape as z")
    for label, z in _elementwise_cases(rng):
        out = _strict_call(sigmoid_grad, z, inputs=label)
        s = activations.sigmoid(z)
        expected = activations.sigmoid_grad(z)
        for wrong, why, hint in (
                (s, "returns sigmoid(z) itself, not its derivative",
                 "sigmoid'(z) = sigmoid(z) * (1 - sigmoid(z))"),
                (s * (1 + s), "computes sigmoid(z) * (1 + sigmoid(z))",
                 "the second factor is 1 - sigmoid(z): the derivative is largest, 0.25, at z = 0"),
                (-expected, "has the wrong sign", "the sigmoid only ever increases, so its "
                                                  "derivative is positive")):
            if core.close(out, wrong) and core.differ(wrong, expected):
                raise core.CheckFailed(f"`sigmoid_grad` on {label} {why}", hint)
        _elementwise_array(out, expected, "sigmoid_grad(z)", label)
        core.compare(out, expected, what="sigmoid_grad(z)", inputs=label,
                     hint="sigmoid'(z) = sigmoid(z) * (1 - sigmoid(z)), at most 0.25")
    core.loop_free(sigmoid, lambda n: _vector(rng, n), name="sigmoid", per="entry")
    core.loop_free(sigmoid_grad, lambda n: _vector(rng, n), name="sigmoid_grad", per="entry")
    return "both functions are right, work on whole arrays, and never overflow at |z| = 1000"


# --- Exercise 3.2: ReLU and its derivative ---------------------------------------------------


@core.checker("Exercise 3.2 (relu, relu_grad)")
def check_relu(relu, relu_grad):
    """relu(z) = max(0, z); relu_grad(z) = 1.0 where z > 0, else 0.0 (also at z = 0)."""
    rng = core.fresh_rng()
    for label, z in _elementwise_cases(rng):
        out = core.call(relu, z, inputs=label)
        expected = activations.relu(z)
        for wrong, why, hint in (
                (np.abs(z), "gives |z|: negative inputs come out positive",
                 "relu sets negative inputs to 0: np.maximum(0, z)"),
                (np.minimum(0, z), "keeps the negative part instead of the positive one",
                 "relu(z) = max(0, z), not min(0, z)")):
            if core.close(out, wrong) and core.differ(wrong, expected):
                raise core.CheckFailed(f"`relu` on {label} {why}", hint)
        _elementwise_array(out, expected, "relu(z)", label)
        core.compare(out, expected, what="relu(z)", inputs=label,
                     hint="relu(z) = np.maximum(0, z), elementwise")
    for label, z in _elementwise_cases(rng):
        out = core.call(relu_grad, z, inputs=label)
        expected = activations.relu_grad(z)
        for wrong, why, hint in (
                ((z >= 0).astype(float), "gives 1 at z = 0",
                 "the kink at z = 0 has no derivative; this book (like most libraries) uses 0 "
                 "there: compare with z > 0, not z >= 0"),
                (activations.relu(z), "returns relu(z) itself, not its derivative",
                 "the slope of max(0, z) is 1 for z > 0 and 0 otherwise, whatever the size of z"),
                ((z < 0).astype(float), "is 1 on the negative side and 0 on the positive side",
                 "the gradient passes where the unit is active, z > 0")):
            if core.close(out, wrong) and core.differ(wrong, expected):
                raise core.CheckFailed(f"`relu_grad` on {label} {why}", hint)
        _elementwise_array(out, expected, "relu_grad(z)", label)
        core.compare(out, expected, what="relu_grad(z)", inputs=label,
                     hint="relu'(z) = 1.0 where z > 0, else 0.0, same shape as z")
    core.loop_free(relu, lambda n: _vector(rng, n), name="relu", per="entry")
    core.loop_free(relu_grad, lambda n: _vector(rng, n), name="relu_grad", per="entry")
    return "relu and relu_grad are right on whole arrays, including relu_grad(0) = 0"


# --- Exercise 3.3: leaky ReLU and its derivative ---------------------------------------------


@core.checker("Exercise 3.3 (leaky_relu, leaky_relu_grad)")
def check_leaky_relu(leaky_relu, leaky_relu_grad):
    """leaky_relu(z, alpha) = z if z > 0 else alpha z; its derivative is 1 or alpha."""
    rng = core.fresh_rng()
    alphas = (0.01, round(float(rng.uniform(0.1, 0.4)), 3))
    cases = [(label, z, alpha) for alpha in alphas for label, z in _elementwise_cases(rng)[:4]]
    for label, z, alpha in cases:
        where = f"{label} with alpha = {core.show(alpha)}"
        out = core.call(leaky_relu, z, alpha, inputs=where)
        expected = activations.leaky_relu(z, alpha)
        if alpha != 0.01 and core.close(out, activations.leaky_relu(z, 0.01)) and \
                core.differ(activations.leaky_relu(z, 0.01), expected):
            raise core.CheckFailed(f"`leaky_relu` on {where} uses slope 0.01 on the negative side",
                                   "use the argument alpha instead of a fixed 0.01")
        if core.close(out, activations.relu(z)) and core.differ(activations.relu(z), expected):
            raise core.CheckFailed(f"`leaky_relu` on {where} is an ordinary relu: negative inputs "
                                   "give 0", "negative inputs should give alpha * z")
        _elementwise_array(out, expected, "leaky_relu(z, alpha)", where)
        core.compare(out, expected, what="leaky_relu(z, alpha)", inputs=where,
                     hint="z where z > 0, else alpha * z: np.where(z > 0, z, alpha * z)")
    for label, z, alpha in cases:
        where = f"{label} with alpha = {core.show(alpha)}"
        out = core.call(leaky_relu_grad, z, alpha, inputs=where)
        expected = activations.leaky_relu_grad(z, alpha)
        for wrong, why, hint in (
                (activations.leaky_relu_grad(z, 0.01) if alpha != 0.01 else expected,
                 "uses slope 0.01 on the negative side", "use the argument alpha instead of a "
                                                         "fixed 0.01"),
                (activations.relu_grad(z), "is 0 on the negative side, like relu's",
                 "the whole point of the leak: the derivative there is alpha, never 0"),
                (activations.leaky_relu(z, alpha), "returns the function, not its derivative",
                 "the derivative is 1.0 where z > 0, else alpha")):
            if core.close(out, wrong) and core.differ(wrong, expected):
                raise core.CheckFailed(f"`leaky_relu_grad` on {where} {why}", hint)
        _elementwise_array(out, expected, "leaky_relu_grad(z, alpha)", where)
        core.compare(out, expected, what="leaky_relu_grad(z, alpha)", inputs=where,
                     hint="1.0 where z > 0, else alpha (also at z = 0)")
    core.loop_free(leaky_relu, lambda n: _vector(rng, n) + (0.1,), name="leaky_relu", per="entry")
    core.loop_free(leaky_relu_grad, lambda n: _vector(rng, n) + (0.1,), name="leaky_relu_grad",
                   per="entry")
    return (f"leaky_relu and its derivative are right for alpha = {core.show(alphas[0])} and "
            f"alpha = {core.show(alphas[1])}")


# --- Exercise 3.4: two slopes by hand --------------------------------------------------------

SIGMOID_AT = "ln 3"  # sigmoid(ln 3) = 3/4, so sigmoid'(ln 3) = 3/4 * 1/4 = 3/16
TANH_AT = "ln 2"  # tanh(ln 2) = (2 - 1/2) / (2 + 1/2) = 3/5, so tanh'(ln 2) = 1 - 9/25 = 16/25


@core.checker("Exercise 3.4 (two slopes by hand)")
def check_slopes(sigmoid_slope, tanh_slope):
    """sigmoid'(ln 3) = 3/16 = 0.1875 and tanh'(ln 2) = 16/25 = 0.64."""
    if sigmoid_slope is None or tanh_slope is None:
        raise core.NotAttempted("set both `sigmoid_slope` and `tanh_slope` to numbers, then run "
                                "this cell again")
    s = core.typed_number(sigmoid_slope, "`sigmoid_slope`", example="sigmoid_slope = 0.3")
    t = core.typed_number(tanh_slope, "`tanh_slope`", example="tanh_slope = 0.3")
    sig_mistakes = {0.75: "that is sigmoid(ln 3) itself, the value of the function, not its slope",
                    0.25: "0.25 is the largest slope, at z = 0; at z = ln 3 the curve is flatter",
                    0.75 * 1.75: "the second factor is 1 - sigmoid(z), not 1 + sigmoid(z)",
                    0.5625: "that is sigmoid(z)^2; the slope is sigmoid(z) (1 - sigmoid(z))"}
    for wrong, why in sig_mistakes.items():
        if np.isclose(s, wrong, atol=5e-4):
            raise core.CheckFailed(f"`sigmoid_slope` = {core.show(s)} is not right: {why}",
                                   "sigmoid(ln 3) = 1 / (1 + 1/3) = 3/4; then use "
                                   "sigmoid' = sigmoid (1 - sigmoid)")
    core.number(s, 3 / 16, what="`sigmoid_slope`", atol=5e-4,
                hint="sigmoid(ln 3) = 1 / (1 + e^(-ln 3)) = 1 / (1 + 1/3); then "
                     "sigmoid' = sigmoid (1 - sigmoid)")
    tanh_mistakes = {0.6: "that is tanh(ln 2) itself, not its slope",
                     1.0: "1 is the largest slope, at z = 0; at z = ln 2 the curve is flatter",
                     0.16: "that is sigmoid'(2 ln 2) alone; tanh(z) = 2 sigmoid(2z) - 1 brings "
                           "two factors of 2",
                     0.32: "the chain rule gives two factors of 2, not one",
                     1.36: "tanh'(z) = 1 - tanh(z)^2, not 1 + tanh(z)^2",
                     0.4: "tanh'(z) = 1 - tanh(z)^2: the tanh is squared"}
    for wrong, why in tanh_mistakes.items():
        if np.isclose(t, wrong, atol=5e-4):
            raise core.CheckFailed(f"`tanh_slope` = {core.show(t)} is not right: {why}",
                                   "tanh(ln 2) = (e^(ln 2) - e^(-ln 2)) / (e^(ln 2) + e^(-ln 2)) "
                                   "= 3/5")
    core.number(t, 16 / 25, what="`tanh_slope`", atol=5e-4,
                hint="tanh(ln 2) = (2 - 1/2) / (2 + 1/2); then tanh' = 1 - tanh^2")
    return ("sigmoid'(ln 3) = 3/4 * 1/4 = 0.1875 and tanh'(ln 2) = 1 - (3/5)^2 = 0.64 "
            "(= 4 sigmoid'(2 ln 2) = 4 * 0.8 * 0.2)")


# --- Exercise 3.5: the weight gradient of a neuron with positive inputs ----------------------

SIGN_X = (0.2, 0.7, 0.1)
SIGN_DZ = -1.5


@core.checker("Exercise 3.5 (dL/dw with positive inputs)")
def check_weight_gradient(dw, same_sign):
    """dL/dw = dL/dz * x = [-0.3, -1.05, -0.15]; same_sign is True."""
    if dw is None or same_sign is None:
        raise core.NotAttempted("set both `dw` and `same_sign`, then run this cell again")
    x = np.array(SIGN_X)
    expected = SIGN_DZ * x
    arr = core.typed_array(dw, "`dw`", shape=(3,),
                           example="dL/dw has one entry per weight: write three numbers, like "
                                   "[0.1, 0.2, 0.3]")
    for wrong, why, hint in (
            (x, "equals x: the upstream gradient dL/dz is missing",
             "chain rule: dL/dw_i = dL/dz * dz/dw_i, and dz/dw_i = x_i"),
            (-expected, "has the wrong sign",
             "dL/dz = -1.5 is negative, and every x_i is positive"),
            (np.full(3, SIGN_DZ), "is dL/dz repeated; each component is multiplied by its own "
                                  "input", "dL/dw_i = dL/dz * x_i"),
            (x / SIGN_DZ, "divides by dL/dz instead of multiplying", "dL/dw_i = dL/dz * x_i")):
        if core.close(arr, wrong, atol=1e-6):
            raise core.CheckFailed(f"`dw` {why}", hint)
    core.compare(arr, expected, what="`dw`", inputs="x = [0.2, 0.7, 0.1], dL/dz = -1.5",
                 atol=1e-6, hint="dL/dw = dL/dz * x, a vector of 3 numbers")
    if not isinstance(same_sign, (bool, np.bool_)):
        raise core.CheckFailed(f"`same_sign` is {core.kind(same_sign)}; expected True or False",
                               "write `same_sign = True` or `same_sign = False`, without quotes")
    if not same_sign:
        raise core.CheckFailed("`same_sign` is False, but for one example every component is "
                               "dL/dz times a positive number", "whatever x is, as long as every "
                                                                "x_i > 0, all components share "
                                                                "dL/dz's sign")
    return ("dL/dw = dL/dz * x: one upstream number times positive inputs, so one sign for the "
            "whole vector")


# --- Exercises 3.6 and 3.7: which units can die, which are zero-centred ----------------------

DIE_OPTIONS = {
    "a": "sigmoid and tanh saturate, but their derivatives are never exactly 0: a saturated unit "
         "still passes a tiny gradient and can recover, slowly.",
    "b": "leaky ReLU's derivative on the negative side is alpha, not 0, so a leaky unit always "
         "passes some gradient back to its weights.",
    "c": "maxout is linear wherever one piece wins, so it passes gradient to the winning piece; "
         "it never saturates and does not die in practice.",
    "d": "Right. A ReLU's derivative is exactly 0 wherever z < 0; if z < 0 on every input, no "
         "gradient reaches its weights or bias and nothing can revive it.",
}

CENTRED_OPTIONS = {
    "a": "Right. tanh maps into (-1, 1) symmetrically around 0: tanh(-z) = -tanh(z).",
    "b": "sigmoid's outputs lie in (0, 1), so they are always positive: the next layer sees "
         "all-positive inputs.",
    "c": "relu's outputs are never negative: max(0, z) >= 0, so they are not centred on zero.",
    "d": "the bias shifts the input z, not the range of the output: sigmoid's outputs stay in "
         "(0, 1) and relu's stay >= 0 whatever the bias is.",
}


@core.checker("Exercise 3.6 (which units can die)")
def check_can_die(answer):
    """Option d: only ReLU units."""
    return core.choice(answer, DIE_OPTIONS, "d", what="`can_die`")


@core.checker("Exercise 3.7 (zero-centred outputs)")
def check_zero_centred(answer):
    """Option a: tanh."""
    return core.choice(answer, CENTRED_OPTIONS, "a", what="`zero_centred`")


# --- Exercise 3.8: a learning rate that trains well without killing units --------------------

LR_SEEDS = (0, 1, 2)
LR_HIDDEN, LR_STEPS = 50, 300
MAX_DEAD, MIN_ACC = 0.10, 0.95


def lr_trial(lr, *, seed, hidden=LR_HIDDEN, steps=LR_STEPS):
    """Train MLP([2, hidden, 3], "relu") full batch on the 300-point spiral (data seed 0) with lr.

    Returns (training accuracy, dead fraction); (nan, nan) if training diverged.
    """
    lr = validate.number("lr_trial", "lr", lr, low=0, low_open=True)
    seed = validate.whole_number("lr_trial", "seed", seed, minimum=0)
    hidden = validate.whole_number("lr_trial", "hidden", hidden)
    steps = validate.whole_number("lr_trial", "steps", steps)
    X, y = datasets.spiral(points_per_class=100, num_classes=3, noise=0.2,
                           rng=np.random.default_rng(0))
    net = model.MLP([2, hidden, 3], activation="relu", rng=np.random.default_rng(seed))
    try:
        history = train.train(net, X, y, lr=lr, steps=steps, eval_every=steps)
    except train.Diverged:
        return float("nan"), float("nan")
    return float(history.final()["train_acc"]), float(train.dead_fraction(net, X))


@core.checker("Exercise 3.8 (a learning rate that keeps units alive)")
def check_learning_rate(chosen_lr):
    """Every seed in LR_SEEDS: under 10% dead hidden units, at least 95% training accuracy."""
    if chosen_lr is None:
        raise core.NotAttempted("set `chosen_lr` to a learning rate, then run this cell again")
    lr = core.typed_number(chosen_lr, "`chosen_lr`", example="chosen_lr = 0.5")
    if lr <= 0:
        raise core.CheckFailed(f"`chosen_lr` is {core.show(lr)}; a learning rate must be a "
                               "positive number", "gradient descent steps downhill: lr > 0")
    if lr > 100:
        raise core.CheckFailed(f"`chosen_lr` = {core.show(lr)} is far too large: the first update "
                               "throws every weight away", "try values between 0.1 and 10")
    for seed in LR_SEEDS:
        with np.errstate(all="ignore"):
            acc, dead = lr_trial(lr, seed=seed)
        if np.isnan(acc):
            raise core.CheckFailed(f"with lr = {core.show(lr)} training diverged (seed {seed})",
                                   "use a smaller learning rate")
        if dead >= MAX_DEAD:
            raise core.CheckFailed(f"with lr = {core.show(lr)}, {dead:.0%} of the hidden units "
                                   f"died (seed {seed}), at least {MAX_DEAD:.0%}",
                                   "the steps are too large: try a smaller learning rate")
        if acc < MIN_ACC:
            raise core.CheckFailed(f"with lr = {core.show(lr)} the training accuracy after "
                                   f"{LR_STEPS} steps is only {acc:.0%} (seed {seed}); the "
                                   f"target is {MIN_ACC:.0%}",
                                   "no units died, but the steps are too small to get there in "
                                   "time: try a larger learning rate")
    return (f"with lr = {core.show(lr)} every seed reached {MIN_ACC:.0%} training accuracy with "
            f"fewer than {MAX_DEAD:.0%} dead units")


# --- Exercise 3.9: the PReLU gradient (derivation) -------------------------------------------


def _prelu_reference(dout, z, alpha):
    return dout * np.where(z > 0, 1.0, alpha), (dout * np.minimum(z, 0)).sum(axis=0)


def _prelu_case(rng, N, H):
    z = rng.normal(0, 2, (N, H))
    return rng.normal(0, 1, (N, H)), z, rng.uniform(0.05, 0.5, H)


@core.checker("Exercise 3.9 (prelu_backward)")
def check_prelu_backward(prelu_backward):
    """prelu_backward(dout, z, alpha) -> (dz (N, H), dalpha (H,))."""
    rng = core.fresh_rng()
    cases = [("dout, z of shape (5, 3), alpha (3,)", _prelu_case(rng, 5, 3)),
             ("a batch of one, shape (1, 4)", _prelu_case(rng, 1, 4)),
             ("z with exact zeros, shape (4, 2)", (rng.normal(0, 1, (4, 2)),
                                                   np.array([[0.0, -1.0], [2.0, 0.0], [-3.0, 0.5],
                                                             [0.0, 0.0]]), np.array([0.1, 0.3]))),
             ("every z positive, shape (3, 2)", (rng.normal(0, 1, (3, 2)),
                                                 np.abs(rng.normal(0, 1, (3, 2))) + 0.1,
                                                 np.array([0.2, 0.2])))]
    for label, (dout, z, alpha) in cases:
        N, H = z.shape
        result = core.call(prelu_backward, dout, z, alpha, inputs=label)
        dz, dalpha = core.unpack(result, ["dz", "dalpha"], fn="prelu_backward", inputs=label,
                                 looks_like=[core.has_shape((N, H)), core.has_shape((H,))])
        want_dz, want_da = _prelu_reference(dout, z, alpha)
        for wrong, why, hint in (
                (dout * (z > 0), "is 0 on the negative side, like relu's",
                 "on the negative side the slope is alpha: dz = dout * alpha there"),
                (np.where(z > 0, 1.0, alpha) * np.ones_like(dout), "leaves out dout",
                 "multiply the local slope by the upstream gradient dout")):
            if core.close(dz, wrong) and core.differ(wrong, want_dz):
                raise core.CheckFailed(f"dz for {label} {why}", hint)
        core.compare(dz, want_dz, what="dz", inputs=label,
                     hint="dz = dout * (1 where z > 0, else alpha), one alpha per column")
        if isinstance(dalpha, np.ndarray) and dalpha.shape == (N, H) and N > 1:
            raise core.CheckFailed(f"dalpha for {label} has shape {dalpha.shape}, one entry per "
                                   "example and unit", "each unit has one alpha, used by every "
                                                       "example: add up over the examples "
                                                       "(axis 0)")
        if isinstance(dalpha, np.ndarray) and dalpha.shape == (N,) and N != H:
            raise core.CheckFailed(f"dalpha for {label} has shape ({N},): summed over the units",
                                   "sum over the examples, axis 0, to get one number per unit")
        for wrong, why, hint in (
                ((dout * z).sum(axis=0), "also counts the positive side",
                 "where z > 0 the output is z, whatever alpha is: d out / d alpha = 0 there"),
                ((dout * np.minimum(z, 0)).mean(axis=0), "is the mean over the examples",
                 "alpha is used by every example, so its gradient is the sum"),
                (-want_da, "has the wrong sign", "d out / d alpha = z on the negative side, and "
                                                 "z < 0 there"),
                ((dout * alpha * (z <= 0)).sum(axis=0), "multiplies by alpha instead of z",
                 "out = alpha * z on the negative side, so d out / d alpha = z")):
            if core.close(dalpha, wrong) and core.differ(wrong, want_da):
                raise core.CheckFailed(f"dalpha for {label} {why}", hint)
        core.compare(dalpha, want_da, what="dalpha", inputs=label,
                     hint="dalpha[j] = sum over examples of dout[n, j] * z[n, j] where z < 0")
    core.loop_free(prelu_backward, lambda n: _prelu_case(rng, n, 3), name="prelu_backward")
    return ("dz = dout * slope and dalpha = the sum over examples of dout * z on the negative "
            "side: every unit learns its own leak")


# --- Exercise 3.10: the maxout gradient (stretch) --------------------------------------------


def _maxout_reference(X, W1, b1, W2, b2, dout):
    first = (X @ W1 + b1) > (X @ W2 + b2)
    d1, d2 = dout * first, dout * ~first
    return X.T @ d1, d1.sum(axis=0), X.T @ d2, d2.sum(axis=0)


def _maxout_case(rng, N, D, H):
    """Pieces whose values differ by at least 0.1 everywhere (no ties)."""
    while True:
        X = rng.standard_normal((N, D))
        W1, W2 = rng.standard_normal((D, H)), rng.standard_normal((D, H))
        b1, b2 = rng.standard_normal(H), rng.standard_normal(H)
        gap = (X @ W1 + b1) - (X @ W2 + b2)
        if np.all(np.abs(gap) > 0.1) and (N * H < 4 or ((gap > 0).any() and (gap < 0).any())):
            return X, W1, b1, W2, b2, rng.standard_normal((N, H))


@core.checker("Exercise 3.10 (maxout_backward)")
def check_maxout_backward(maxout_backward):
    """maxout_backward(X, W1, b1, W2, b2, dout) -> (dW1, db1, dW2, db2)."""
    rng = core.fresh_rng()
    cases = [("X (6, 3), H = 4", _maxout_case(rng, 6, 3, 4)),
             ("a batch of one, X (1, 2), H = 3", _maxout_case(rng, 1, 2, 3)),
             ("X (5, 4), one unit (H = 1)", _maxout_case(rng, 5, 4, 1)),
             ("X (8, 2), H = 5", _maxout_case(rng, 8, 2, 5))]
    for label, (X, W1, b1, W2, b2, dout) in cases:
        D, H = W1.shape
        result = core.call(maxout_backward, X, W1, b1, W2, b2, dout, inputs=label)
        names = ["dW1", "db1", "dW2", "db2"]
        got = core.unpack(result, names, fn="maxout_backward", inputs=label,
                          looks_like=[core.has_shape((D, H)), core.has_shape((H,))] * 2)
        want = _maxout_reference(X, W1, b1, W2, b2, dout)
        both = (X.T @ dout, dout.sum(axis=0)) * 2
        swapped = _maxout_reference(X, W2, b2, W1, b1, dout)
        relu_mask = (X @ W1 + b1 > 0, X @ W2 + b2 > 0)
        relu_like = (X.T @ (dout * relu_mask[0]), (dout * relu_mask[0]).sum(0),
                     X.T @ (dout * relu_mask[1]), (dout * relu_mask[1]).sum(0))
        for wrong, why, hint in (
                (both, "send the whole of dout to both pieces",
                 "only the winning piece's value reaches the output: mask dout by which piece is "
                 "larger"),
                (swapped, "send dout to the losing piece",
                 "piece 1 gets the gradient where X @ W1 + b1 > X @ W2 + b2"),
                (relu_like, "mask each piece by its own sign, like a ReLU",
                 "the mask is which piece is larger, not whether a piece is positive")):
            if all(core.close(g, w) for g, w in zip(got, wrong)) and any(
                    core.differ(w, v) for w, v in zip(wrong, want)):
                raise core.CheckFailed(f"your gradients for {label} {why}", hint)
        for name, g, w in zip(names, got, want):
            if name.startswith("dW") and D != H and core.close(g, w.T):
                raise core.CheckFailed(f"{name} for {label} is transposed: shape {np.shape(g)}",
                                       "dW = X.T @ (masked dout), shape (D, H) like W")
            if X.shape[0] > 1 and core.close(g, w / X.shape[0]) and core.differ(w, 0):
                raise core.CheckFailed(f"{name} for {label} is divided by N",
                                       "dout already carries any 1/N of a mean loss: sum over "
                                       "the examples")
            core.compare(g, w, what=name, inputs=label,
                         hint="piece k gets dout where it wins: dZk = dout * mask_k, "
                              "dWk = X.T @ dZk, dbk = dZk.sum(axis=0)")
    core.loop_free(maxout_backward, lambda n: _maxout_case(rng, n, 2, 3), name="maxout_backward")
    return ("the gradient flows only through the winning piece of each unit: that is why maxout "
            "never dies (one piece always wins) yet has twice the parameters")
