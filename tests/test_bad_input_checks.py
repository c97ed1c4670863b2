"""Bad-input rows for the exercise checks, nnbook.checks.

The contract: a check (``check_*``) never raises for a learner's answer, however wrong its type
or value; it returns feedback that is not "passed" and names what arrived (``Told`` rows, made
here for every check with three hostile answers: a string, NaN and True in every argument).
tests/test_exercise_solutions.py and the adversarial tables (tests/test_checks_*.py) test the
wrong-but-plausible answers. A check's own configuration (a seed, an evaluation function) is
code, not an answer, and raises a named error before the check runs, as does every helper of
``core`` given a bad argument by a checker's author, and every reference solution (``Bad``
rows). ``kind``, ``is_number`` and ``show`` describe any value at all (``Accepts`` rows).

Rows only: tests/test_bad_input.py reads CASES (keyed "prefix.callable", the prefixes being
MODULES) and runs every row.
"""

import importlib
import inspect
import pkgutil

import numpy as np
from bad_input_rows import Accepts, Bad, Told

import nnbook.checks
from nnbook.checks import core

MODULES = {name: importlib.import_module(f"nnbook.checks.{name}")
           for name in sorted(m.name for m in pkgutil.iter_modules(nnbook.checks.__path__))}
acts, archs, cap, lab, lin, neu, rep, trn = (MODULES[name] for name in (
    "activations", "architectures", "capacity", "lab", "linear", "neuron", "representation",
    "training"))
HOSTILE = (("abc", '"abc"'), (float("nan"), "nan"), (True, "True"))
X = np.array([[0.0, 1.0], [1.0, -1.0], [0.5, 0.5]])
Y = np.array([0, 1, 1])
NAN = np.array([1.0, np.nan])


def checks(module):
    """The module's check functions (the ones core.checker wrapped)."""
    return {name: fn for name, fn in vars(module).items()
            if name.startswith("check_") and hasattr(fn, "__wrapped__")
            and fn.__module__ == module.__name__}


def answers(fn):
    """How many answers the check takes (its positional parameters)."""
    return sum(p.kind == p.POSITIONAL_OR_KEYWORD for p in inspect.signature(fn).parameters.values())


CASES = {}
for _prefix, _module in MODULES.items():
    for _name, _check in checks(_module).items():
        CASES[f"{_prefix}.{_name}"] = [
            Told(lambda c=_check, v=value: c(*[v] * answers(c)), (shown,))
            for value, shown in HOSTILE]

# --- a check's configuration is code: a named error -----------------------------------------
CASES["lab.check_train_spiral"] += [
    Bad(lambda: lab.check_train_spiral(None, seed=-1), ValueError, "seed", "check_train_spiral"),
    Bad(lambda: lab.check_train_spiral(None, seed=1.5), TypeError, "seed", "check_train_spiral")]
CASES["lab.check_train_small"].append(
    Bad(lambda: lab.check_train_small(None, seed=True), TypeError, "seed", "check_train_small"))
CASES["neuron.check_train"].append(
    Bad(lambda: neu.check_train(None, seed="0"), TypeError, "seed", "check_train"))
CASES["capacity.check_tuning"].append(
    Bad(lambda: cap.check_tuning(32, 0.1, evaluate="fast"), TypeError, "evaluate",
        "check_tuning"))

# --- core: the checker author's arguments ---------------------------------------------------
CASES.update({
    "core.CheckFailed": [Bad(lambda: core.CheckFailed(None), TypeError, "message"),
                         Bad(lambda: core.CheckFailed("wrong", hint=3), TypeError, "hint")],
    "core.Feedback": [Bad(lambda: core.Feedback("Exercise 1", "ok", "fine"), ValueError,
                          "status"),
                      Bad(lambda: core.Feedback("Exercise 1", "failed", None), TypeError,
                          "message")],
    "core.Feedback.passed": [Bad(lambda: core.Feedback.passed(None), TypeError, "exercise")],
    "core.run_checker": [
        Bad(lambda: core.run_checker(3, lambda: "ok"), TypeError, "exercise"),
        Bad(lambda: core.run_checker("Exercise 1", "ok"), TypeError, "body")],
    "core.checker": [
        Bad(lambda: core.checker(None), TypeError, "exercise"),
        Bad(lambda: core.checker("Exercise 1", settings={"seed": 0}), TypeError, "settings")],
    "core.show": [Accepts(lambda: [core.show(v) for v in (None, object(), 1j, [np.nan])], list),
                  Bad(lambda: core.show(1.0, limit=2), ValueError, "limit"),
                  Bad(lambda: core.show(1.0, limit=6.5), TypeError, "limit")],
    "core.kind": [Accepts(lambda: [core.kind(v) for v in (None, object(), 1j, print)], list)],
    "core.is_number": [Accepts(lambda: all(not core.is_number(v)
                                           for v in (None, True, 1j, "1", [1.0])), bool)],
    "core.number_result": [Bad(lambda: core.number_result(1.0, what=None), TypeError, "what")],
    "core.array_result": [
        Bad(lambda: core.array_result(X, what=3), TypeError, "what"),
        Bad(lambda: core.array_result(X, what="W", shape=3), TypeError, "shape"),
        Bad(lambda: core.array_result(X, what="W", shape=(3, 2.0)), TypeError, "shape[1]")],
    "core.typed_array": [Bad(lambda: core.typed_array([1.0], "W", shape=(-1,)), ValueError,
                             "shape[0]")],
    "core.tolerance": [Bad(lambda: core.tolerance(X, -1e-6, 0.0), ValueError, "rtol"),
                       Bad(lambda: core.tolerance(X, 1e-6, np.nan), ValueError, "atol"),
                       Bad(lambda: core.tolerance(X, 1e-6, 0.0, scale=-1), ValueError, "scale")],
    "core.close": [Bad(lambda: core.close(X, X, rtol="1e-6"), TypeError, "rtol")],
    "core.differ": [Bad(lambda: core.differ(X, X, atol=-1.0), ValueError, "atol")],
    "core.compare": [Bad(lambda: core.compare(X, X, what=None), TypeError, "what"),
                     Bad(lambda: core.compare(X, X, rtol=np.inf), ValueError, "rtol")],
    "core.unpack": [
        Bad(lambda: core.unpack((1, 2), "ab", fn="f"), TypeError, "names"),
        Bad(lambda: core.unpack((1, 2), ["a", 2], fn="f"), TypeError, "names[1]"),
        Bad(lambda: core.unpack((1, 2), ["a", "b"], fn=None), TypeError, "fn"),
        Bad(lambda: core.unpack((1, 2), ["a", "b"], fn="f", looks_like=[core.is_number]),
            ValueError, "looks_like")],
    "core.has_shape": [Bad(lambda: core.has_shape(3), TypeError, "shape")],
    "core.number": [Bad(lambda: core.number(1.0, "0.5"), TypeError, "expected"),
                    Bad(lambda: core.number(1.0, 0.5, what=None), TypeError, "what"),
                    Bad(lambda: core.number(1.0, 0.5, atol=-1), ValueError, "atol")],
    "core.typed_number": [Bad(lambda: core.typed_number(1.0, "x", example=None), TypeError,
                              "example")],
    "core.whole_number": [Bad(lambda: core.whole_number(3, 3, example="n = 3", why=""),
                              TypeError, "what")],
    "core.letters": [Bad(lambda: core.letters([]), TypeError, "options"),
                     Bad(lambda: core.letters({"ab": "two letters"}), ValueError, "options")],
    "core.choice": [Bad(lambda: core.choice("a", {"a": "yes"}, "b"), ValueError, "correct"),
                    Bad(lambda: core.choice("a", ["a", "b"], "a"), TypeError, "options")],
    "core.call": [Bad(lambda: core.call(abs, 1.0, time_limit=0), ValueError, "time_limit"),
                  Bad(lambda: core.call(abs, 1.0, name=None), TypeError, "name")],
    "core.loop_free": [
        Bad(lambda: core.loop_free(abs, None, name="f"), TypeError, "make_args"),
        Bad(lambda: core.loop_free(abs, lambda n: (n,), name="f", sizes=(3,)), TypeError,
            "sizes"),
        Bad(lambda: core.loop_free(abs, lambda n: (n,), name="f", sizes=(40, 3)), ValueError,
            "sizes[1]")],
    "core.fresh_rng": [Bad(lambda: core.fresh_rng(-1), ValueError, "seed"),
                       Bad(lambda: core.fresh_rng(2.5), TypeError, "seed"),
                       Bad(lambda: core.fresh_rng(np.random.default_rng(0)), TypeError, "seed")],
    "core.seed_value": [Bad(lambda: core.seed_value("f", "seed", "0"), TypeError, "seed", "f")],
    "core.optional_function": [Bad(lambda: core.optional_function("f", "evaluate", 3),
                                   TypeError, "evaluate", "f")],
    "core.array_argument": [
        Bad(lambda: core.array_argument("f", "X", X.tolist(), (None, 2)), TypeError, "X", "f"),
        Bad(lambda: core.array_argument("f", "X", X, (None, 3)), ValueError, "X", "f"),
        Bad(lambda: core.array_argument("f", "X", NAN, (2,)), ValueError, "X", "f")],
})

# --- reference solutions: arrays and numbers built by tests and notebooks -------------------
W23 = np.ones((2, 3))
CASES.update({
    "activations.lr_trial": [
        Bad(lambda: acts.lr_trial(0.0, seed=0), ValueError, "lr"),
        Bad(lambda: acts.lr_trial(1.0, seed=1.5), TypeError, "seed"),
        Bad(lambda: acts.lr_trial(1.0, seed=0, hidden=True), TypeError, "hidden"),
        Bad(lambda: acts.lr_trial(1.0, seed=0, steps=0), ValueError, "steps")],
    "architectures.reference_forward": [
        Bad(lambda: archs.reference_forward(X, [W23], []), ValueError, "biases"),
        Bad(lambda: archs.reference_forward(X, W23, [np.ones(3)]), TypeError, "weights"),
        Bad(lambda: archs.reference_forward(X, [np.ones((3, 3))], [np.ones(3)]), ValueError,
            "weights[0]"),
        Bad(lambda: archs.reference_forward(X, [W23], [np.ones(2)]), ValueError, "biases[0]"),
        Bad(lambda: archs.reference_forward(X.astype(complex), [W23], [np.ones(3)]), TypeError,
            "X"),
        Bad(lambda: archs.reference_forward(X, [W23], [np.ones(3)], hidden="relu"), TypeError,
            "hidden")],
    "architectures.formula_reference": [
        Bad(lambda: archs.formula_reference(3, 4, 2, 0), ValueError, "L"),
        Bad(lambda: archs.formula_reference(3.5, 4, 2, 2), TypeError, "D")],
    "capacity.pictures": [Bad(lambda: cap.pictures(True), TypeError, "seed"),
                          Bad(lambda: cap.pictures(-1), ValueError, "seed")],
    "capacity.draw_pictures": [Bad(lambda: cap.draw_pictures(0.5), TypeError, "seed")],
    "capacity.picture_accuracies": [Bad(lambda: cap.picture_accuracies("0"), TypeError,
                                        "seed")],
    "capacity.shrunk_reference": [
        Bad(lambda: cap.shrunk_reference(np.ones(2), np.array([1.0, 0.0]), 1.0), ValueError,
            "a"),
        Bad(lambda: cap.shrunk_reference(np.ones(2), np.ones(3), 1.0), ValueError, "a"),
        Bad(lambda: cap.shrunk_reference(NAN, 1.0, 1.0), ValueError, "w_star"),
        Bad(lambda: cap.shrunk_reference(np.ones(2), 1.0, -0.1), ValueError, "reg")],
    "lab.spiral_draw": [Bad(lambda: lab.spiral_draw(-3), ValueError, "seed"),
                        Bad(lambda: lab.spiral_draw(np.random.default_rng(0)), TypeError,
                            "seed"),
                        Bad(lambda: lab.spiral_draw(1, angle=float("nan")), ValueError, "angle"),
                        Bad(lambda: lab.spiral_draw(1, angle="90"), TypeError, "angle")],
    "linear.local_map": [
        Bad(lambda: lin.local_map(np.ones(3), W23, np.ones(3), np.ones((3, 2)), np.ones(2)),
            ValueError, "x"),
        Bad(lambda: lin.local_map(np.ones(2), W23, np.ones(3), np.ones((2, 2)), np.ones(2)),
            ValueError, "W2"),
        Bad(lambda: lin.local_map(np.ones(2), W23, np.ones(3), np.ones((3, 2)), np.ones(3)),
            ValueError, "b2")],
    "neuron.exercise_data": [Bad(lambda: neu.exercise_data(1.5), TypeError, "seed")],
    "neuron.neuron_accuracy": [
        Bad(lambda: neu.neuron_accuracy(np.ones(3), 0.0, X, Y), ValueError, "X"),
        Bad(lambda: neu.neuron_accuracy(np.ones(2), np.nan, X, Y), ValueError, "b"),
        Bad(lambda: neu.neuron_accuracy(np.ones(2), 0.0, X, np.array([0, 1, 2])), ValueError,
            "y"),
        Bad(lambda: neu.neuron_accuracy(np.ones(2), 0.0, X, Y[:2]), ValueError, "y")],
    "representation.target": [Bad(lambda: rep.target(np.ones(2, complex)), TypeError, "x"),
                              Bad(lambda: rep.target("0.5"), TypeError, "x")],
    "representation.reference_approximate": [
        Bad(lambda: rep.reference_approximate(None, X[:, 0], 4, -1.0, 1.0), TypeError, "f"),
        Bad(lambda: rep.reference_approximate(np.sin, X[:, 0], 4.5, -1.0, 1.0), TypeError,
            "n_bumps"),
        Bad(lambda: rep.reference_approximate(np.sin, X[:, 0], 4, 1.0, -1.0), ValueError, "lo"),
        Bad(lambda: rep.reference_approximate(np.sin, NAN, 4, -1.0, 1.0), ValueError, "x")],
    "training.weighted_reference": [
        Bad(lambda: trn.weighted_reference(X, Y, np.zeros(3)), ValueError, "weights"),
        Bad(lambda: trn.weighted_reference(X, Y, np.ones(2)), ValueError, "weights"),
        Bad(lambda: trn.weighted_reference(X, Y.astype(float), np.ones(3)), TypeError, "y"),
        Bad(lambda: trn.weighted_reference(X, np.array([0, 1, 2]), np.ones(3)), ValueError,
            "y")],
    "training.block_reference": [
        Bad(lambda: trn.block_reference(X, np.ones((3, 4)), np.ones(4), np.ones((3, 4))),
            ValueError, "W"),
        Bad(lambda: trn.block_reference(X, W23, np.ones(3), np.ones((2, 3))), ValueError,
            "dout")],
    "training.jacobian_reference": [
        Bad(lambda: trn.jacobian_reference(X), ValueError, "scores"),
        Bad(lambda: trn.jacobian_reference([1.0, 2.0]), TypeError, "scores")],
    "training.two_layer_reference": [
        Bad(lambda: trn.two_layer_reference(X, Y, W23, np.ones(3), np.ones((3, 2)),
                                            np.ones(2), -1.0), ValueError, "reg"),
        Bad(lambda: trn.two_layer_reference(X, Y, W23, np.ones(3), np.ones((2, 2)),
                                            np.ones(2), 0.1), ValueError, "W2"),
        Bad(lambda: trn.two_layer_reference(X, Y + 5, W23, np.ones(3), np.ones((3, 2)),
                                            np.ones(2), 0.1), ValueError, "y")],
})
