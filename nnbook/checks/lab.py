"""Checks for the lab of chapter 8 (the playground, by hand).

Training a network through nnkit and judging it on data drawn at check time, the fraction of
dead ReLU units, where each hidden unit's boundary line lies, what to do when units die, and a
network of at most 60 parameters that still learns the spiral.
The spiral is turned at every check, its two draws by angles at least 90 degrees apart (a
network trained once and pasted in fits at most one of them), and the bar (90% held out) is far
above what untrained networks reach.
Shapes: N points, 2 inputs, H hidden units, 3 classes; W (2, H), b (H,).
"""

from __future__ import annotations

import numpy as np

from nnkit import datasets, model, train, validate
from nnbook.checks import core

TARGET = 0.90  # held-out accuracy on every fresh draw
DRAWS = 2
SMALL_PARAMS = 60


def spiral_draw(seed=None, *, angle=None):
    """One draw of the lab's data: X_train (300, 2), y_train, X_val (300, 2), y_val.

    Chapter 5's 3-arm spiral (noise 0.2), training and held-out points drawn separately, the
    whole picture turned by ``angle`` (radians; by default a random one).
    """
    rng = np.random.default_rng(core.seed_value("spiral_draw", "seed", seed))
    if angle is not None:
        angle = validate.number("spiral_draw", "angle", angle)
    X, y = datasets.spiral(100, 3, noise=0.2, rng=rng)
    X_val, y_val = datasets.spiral(100, 3, noise=0.2, rng=rng)
    drawn = rng.uniform(0, 2 * np.pi)
    angle = drawn if angle is None else angle
    turn = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    return X @ turn, y, X_val @ turn, y_val


def _trained_net(result, fn, label):
    if result is None:
        raise core.CheckFailed(f"`{fn}` returned None for {label}",
                               "end with `return net`, the trained model.MLP")
    if isinstance(result, (tuple, list)):
        raise core.CheckFailed(f"`{fn}` returned {core.kind(result)} for {label}; expected the "
                               "network alone", "train.train returns a history; return the "
                                                "network you trained, `net`")
    if type(result).__name__ == "History":
        raise core.CheckFailed(f"`{fn}` returned the training history for {label}",
                               "return the network you trained, `net`, not train.train's result")
    if not isinstance(result, model.MLP):
        raise core.CheckFailed(f"`{fn}` returned {core.kind(result)} for {label}; expected an "
                               "nnkit model.MLP", "build it with model.MLP([2, ..., 3], rng=rng)")
    sizes = list(result.sizes)
    if sizes[0] != 2 or sizes[-1] != 3:
        raise core.CheckFailed(f"your network has sizes {sizes}; it must read 2 inputs and give 3 "
                               "scores", "model.MLP([2, hidden, 3], rng=rng)")
    return result


def _judge(train_fn, fn, rng, *, max_params=None):
    accuracies = []
    # Each draw turned at least 90 degrees from the one before: a 3-arm spiral matches itself,
    # labels included, only under a full turn, so one fixed network fits at most one of them.
    angles = rng.uniform(0, 2 * np.pi) + np.cumsum(rng.uniform(np.pi / 2, 3 * np.pi / 2, DRAWS))
    for draw, angle in enumerate(angles, start=1):
        X, y, X_val, y_val = spiral_draw(int(rng.integers(2**32)), angle=float(angle))
        label = f"fresh spiral {draw} of {DRAWS}"
        with np.errstate(all="ignore"):
            result = core.call(train_fn, X, y, np.random.default_rng(int(rng.integers(2**32))),
                               name=fn, inputs=label)
        net = _trained_net(result, fn, label)
        if max_params is not None and net.num_params() > max_params:
            raise core.CheckFailed(f"your network {net} has {net.num_params()} parameters; the "
                                   f"exercise allows {max_params}",
                                   "count (inputs + 1) x outputs per layer: 2 -> 8 -> 3 has 51")
        with np.errstate(all="ignore"):
            train_acc = train.accuracy(net, X, y)
            acc = train.accuracy(net, X_val, y_val)
        if acc < TARGET:
            if train_acc < 0.5:
                hint = ("the network has hardly learned anything: train it on X and y (and "
                        "return the trained one) with a learning rate near 1 for a few "
                        "thousand steps")
            elif train_acc < TARGET:
                hint = ("it has not fitted the training points yet: more steps, a learning rate "
                        "near 1, or (for a small network) a few restarts from different seeds, "
                        "keeping the best")
            else:
                hint = "it fits the training points but not new ones: add a little L2 (reg)"
            raise core.CheckFailed(f"held-out accuracy on {label} is {acc:.0%} (training "
                                   f"{train_acc:.0%}); the target is {TARGET:.0%} on every draw",
                                   hint)
        accuracies.append(acc)
    return accuracies


# --- Exercise 8.1: train through nnkit, judged on fresh data ---------------------------------


@core.checker("Exercise 8.1 (train_spiral)", settings={"seed": core.seed_value})
def check_train_spiral(train_spiral, *, seed=None):
    """train_spiral(X, y, rng) -> a trained model.MLP; >= 90% held out on fresh, turned spirals."""
    rng = core.fresh_rng(seed)
    accuracies = _judge(train_spiral, "train_spiral", rng)
    return (f"held-out accuracy {', '.join(f'{a:.0%}' for a in accuracies)} on {DRAWS} spirals "
            f"drawn and turned just now")


# --- Exercise 8.2: the fraction of dead units ------------------------------------------------


def _dead_reference(X, W, b):
    """Fraction of the H units whose pre-activation X @ W + b is <= 0 on every row of X."""
    return float(np.mean(np.all(X @ W + b <= 0, axis=0)))


def _dead_case(rng, N, H, dead):
    X = rng.standard_normal((N, 2))
    W = rng.standard_normal((2, H))
    b = rng.uniform(0.5, 1.0, H) + np.abs(X @ W).max(axis=0)  # alive everywhere ...
    b[:dead] = -b[:dead] - 2 * np.abs(X @ W[:, :dead]).max(axis=0)  # ... except the first `dead`
    return X, W, b


@core.checker("Exercise 8.2 (dead_fraction)")
def check_dead_fraction(dead_fraction):
    """dead_fraction(X, W, b) -> the share of units that output 0 on every row of X."""
    rng = core.fresh_rng()
    # Small whole numbers: every way of computing X @ W + b (a product per unit, a loop) gets
    # unit 0's largest input exactly 0. The points +-e1 and +-e2 make every unit's input vary
    # over the points, so unit 1 is on at some points and off at others: counting pairs or
    # "any point off" then gives another fraction than counting dead units.
    X = rng.permutation(np.vstack([rng.integers(-3, 4, (2, 2)),
                                   [[1, 0], [-1, 0], [0, 1], [0, -1]]]).astype(float))
    W = rng.choice([-2.0, -1.0, 1.0, 2.0], (2, 4))
    z = X @ W
    b_mixed = np.array([-z[:, 0].max(), -z[:, 1].max() + 0.5, -z[:, 2].max() - 1.0,
                        -z[:, 3].min() + 0.1])
    cases = [("50 points, 8 units of which 3 are dead", _dead_case(rng, 50, 8, 3)),
             ("no dead unit", _dead_case(rng, 20, 5, 0)),
             ("every unit dead", _dead_case(rng, 10, 3, 3)),
             ("a batch of one point, 5 units, 2 dead", _dead_case(rng, 1, 5, 2)),
             ("6 points; unit 0 reaches exactly 0 at most, units 1 and 3 are on somewhere",
              (X, W, b_mixed))]
    for inputs, (X, W, b) in cases:
        out = core.call(dead_fraction, X, W, b, inputs=inputs)
        want = _dead_reference(X, W, b)
        value = core.number_result(out, what="your fraction", inputs=inputs,
                                   hint="return one number: the share of dead units, 0 to 1")
        z = X @ W + b
        H = W.shape[1]
        mistakes = [
            (float(np.mean(z <= 0)), "counts (point, unit) pairs that are off, not units",
             "a unit is dead only when it is off on EVERY point: np.all(z <= 0, axis=0)"),
            (float(np.mean(np.any(z <= 0, axis=0))), "counts the units that are off on at least "
                                                     "one point", "a dead unit is off on every "
                                                                  "point: np.all, not np.any"),
            (float(np.sum(np.all(z <= 0, axis=0))), "is a count of units, not a fraction",
             f"divide by the number of units, H = {H}"),
            (100 * want, "is a percentage", "return a fraction between 0 and 1"),
            (float(np.mean(np.all(z < 0, axis=0))), "does not count a unit whose largest input "
                                                    "is exactly 0",
             "relu(0) = 0 and its gradient is 0 there: a unit with z <= 0 everywhere is dead"),
            (float(np.mean(np.all(z <= 0, axis=1))), "looks at points (rows), not at units "
                                                     "(columns)", "z = X @ W + b has one column "
                                                                  "per unit: reduce over axis 0"),
            (1 - want, "is the share of live units", "dead units are the ones that never turn "
                                                     "on")]
        for wrong, why, hint in mistakes:
            if np.isclose(value, wrong) and not np.isclose(wrong, want):
                raise core.CheckFailed(f"your fraction for {inputs} {why}", hint)
        core.compare(value, want, what="your fraction", inputs=inputs,
                     hint="dead = np.all(X @ W + b <= 0, axis=0); fraction = dead.mean()")
    return "the share of units that never turn on, over all the points: the playground's dead count"


# --- Exercise 8.3: where each hidden unit's boundary lies (derivation) -----------------------


def _boundary_reference(W, b):
    """(H, 2): for each unit j, the point of the line x . W[:, j] + b[j] = 0 nearest the origin."""
    return (-b * W / np.sum(W**2, axis=0)).T


@core.checker("Exercise 8.3 (boundary_points)")
def check_boundary_points(boundary_points):
    """boundary_points(W (2, H), b (H,)) -> (H, 2): -b_j w_j / |w_j|^2 for each unit j."""
    rng = core.fresh_rng()
    cases = [("W = [[1, -1], [2, 2]], b = [-3, 4]", np.array([[1.0, -1.0], [2.0, 2.0]]),
              np.array([-3.0, 4.0])),
             ("6 random units", rng.standard_normal((2, 6)), rng.standard_normal(6)),
             ("one unit through the origin (b = 0)", rng.standard_normal((2, 1)), np.zeros(1)),
             ("units with large weights", 50 * rng.standard_normal((2, 3)), rng.standard_normal(3))]
    for inputs, W, b in cases:
        H = W.shape[1]
        out = core.call(boundary_points, W, b, inputs=inputs)
        want = _boundary_reference(W, b)
        norms2 = np.sum(W**2, axis=0)
        if isinstance(out, np.ndarray) and out.shape == (2, H) and H != 2:
            raise core.CheckFailed(f"your points for {inputs} have shape (2, {H}): one column per "
                                   "unit", f"return one row per unit: shape ({H}, 2) (transpose)")
        for wrong, why, hint in (
                (want.T, "have one column per unit", "return one row (x1, x2) per unit: "
                                                     "transpose"),
                ((b * W / norms2).T, "are on the wrong side of the origin",
                 "the line is x . w + b = 0; its nearest point is -b w / |w|^2"),
                ((-b * W / np.sqrt(norms2)).T, "divide by |w| instead of |w|^2",
                 "the point t w on the line has t |w|^2 + b = 0, so t = -b / |w|^2"),
                ((-b / W).T, "are the line's two intercepts with the axes",
                 "the nearest point lies along w: x = t w with t = -b / |w|^2"),
                ((-b * W).T, "forget to divide by |w|^2", "x = t w with t |w|^2 + b = 0")):
            with np.errstate(all="ignore"):
                finite = np.all(np.isfinite(wrong))
            if finite and core.close(out, wrong) and core.differ(wrong, want):
                raise core.CheckFailed(f"your points for {inputs} {why}", hint)
        core.compare(out, want, what="your points", inputs=inputs,
                     hint="unit j's boundary is x . W[:, j] + b[j] = 0; its nearest point to the "
                          "origin is -b[j] W[:, j] / |W[:, j]|^2",
                     shape_hint=f"one row (x1, x2) per unit: shape ({H}, 2)")
    return ("each unit's boundary passes -b w / |w|^2, at distance |b| / |w| from the origin, "
            "across w: the creases of the playground's decision regions")


# --- Exercise 8.4: what to do when units die -------------------------------------------------

DEAD_OPTIONS = {
    "a": "No: new units die in the same way at this learning rate, and the dead ones stay dead; "
         "a bigger network hides the problem instead of removing its cause.",
    "b": "No: a dead unit gets no gradient at all, so more steps cannot revive it; training on "
         "only moves the units that are still alive.",
    "c": "Right: the large steps pushed units into the region where they never turn on, and "
         "they cannot come back; a smaller learning rate from fresh weights (or leaky units) "
         "keeps them alive.",
    "d": "No: the output layer has no activation on purpose (its scores may be negative); a ReLU "
         "there would kill scores too and change nothing in the hidden layer.",
}


@core.checker("Exercise 8.4 (units that died)")
def check_dead_units_question(answer):
    """Option c: lower the learning rate and start again from fresh weights."""
    return core.choice(answer, DEAD_OPTIONS, "c", what="`answer`")


# --- Exercise 8.5: a spiral learner of at most 60 parameters (stretch) -----------------------


@core.checker("Exercise 8.5 (train_small)", settings={"seed": core.seed_value})
def check_train_small(train_small, *, seed=None):
    """train_small(X, y, rng) -> a model.MLP of at most 60 parameters, >= 90% held out."""
    rng = core.fresh_rng(seed)
    accuracies = _judge(train_small, "train_small", rng, max_params=SMALL_PARAMS)
    return (f"at most {SMALL_PARAMS} parameters and {', '.join(f'{a:.0%}' for a in accuracies)} "
            "held out: a small network can learn the spiral, but only reliably with restarts")
