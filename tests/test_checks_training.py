"""Adversarial tables for the chapter 5 checkers (nnbook.checks.training); the references of
the new exercises are checked against centred differences."""

import numpy as np
import pytest

from adversarial import (crashing, returns_none, right_params, run_right, run_wrong, stub,
                         wrong_params)
from nnkit import gradcheck, losses
from nnbook.checks import training as checks


# --- answers ---------------------------------------------------------------------------------

def wce(scores, y, w):
    N = len(y)
    shifted = scores - scores.max(axis=1, keepdims=True)
    log_sums = np.log(np.exp(shifted).sum(axis=1))
    per = log_sums - shifted[np.arange(N), y]
    probs = np.exp(shifted - log_sums[:, None])
    probs[np.arange(N), y] -= 1
    return float(w @ per / w.sum()), w[:, None] * probs / w.sum()


def wce_normalised_first(scores, y, w):
    share = (w / np.sum(w)).astype(np.float32)
    shifted = (scores - np.max(scores, axis=1, keepdims=True)).astype(np.float32)
    logp = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    rows = np.arange(len(y))
    loss = -np.sum(share * logp[rows, y])
    d = np.exp(logp)
    d[rows, y] -= 1
    return loss, d * share[:, None]


def wce_variant(kind):
    def variant(scores, y, w):
        loss, d = wce(scores, y, w)
        N = len(y)
        if kind == "ignores":
            return losses.softmax_cross_entropy(scores, y)
        if kind == "by N":
            return loss * w.sum() / N, d * w.sum() / N
        if kind == "sum":
            return loss * w.sum(), d
        if kind == "sign":
            return -loss, d
        if kind == "d sum":
            return loss, d * w.sum()
        if kind == "no -1":
            p = np.exp(scores - scores.max(1, keepdims=True))
            return loss, w[:, None] * p / p.sum(1, keepdims=True) / w.sum()
        if kind == "d sign":
            return loss, -d
        if kind == "d plain":
            return loss, losses.softmax_cross_entropy(scores, y)[1]
        if kind == "order":
            return d, loss
        if kind == "(1,)":
            return np.array([loss]), d
        raise AssertionError(kind)
    variant.__name__ = "wce_" + kind.replace(" ", "_")
    return variant


def wce_naive(scores, y, w):
    p = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    loss = -np.sum(w * np.log(p[np.arange(len(y)), y])) / w.sum()
    d = p.copy()
    d[np.arange(len(y)), y] -= 1
    return float(loss), w[:, None] * d / w.sum()


def wce_log_of_prob(scores, y, w):
    shifted = scores - scores.max(axis=1, keepdims=True)
    p = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    loss = -np.sum(w * np.log(p[np.arange(len(y)), y])) / w.sum()
    return float(loss), wce(scores, y, w)[1]


def wce_loop(scores, y, w):
    total, d = 0.0, np.zeros_like(scores)
    for n in range(len(y)):
        loss_n, d_n = losses.softmax_cross_entropy(scores[n:n + 1], y[n:n + 1])
        total += w[n] * loss_n
        d[n] = w[n] * d_n[0]
    return total / w.sum(), d / w.sum()


def wce_shifts_in_place(scores, y, w):
    scores -= scores.max(axis=1, keepdims=True)
    return wce(scores, y, w)


def block(X, W, b, dout):
    dz = dout * (X @ W + b > 0)
    return dz @ W.T, X.T @ dz, dz.sum(axis=0)


def block_einsum(X, W, b, dout):
    dz = np.where(X @ W + b > 0, dout, 0.0)
    return [np.einsum("nh,dh->nd", dz, W), np.einsum("nd,nh->dh", X, dz), np.sum(dz, axis=0)]


def block_variant(kind):
    def variant(X, W, b, dout):
        dX, dW, db = block(X, W, b, dout)
        z = X @ W + b
        if kind == "no mask":
            return dout @ W.T, X.T @ dout, dout.sum(0)
        if kind == ">=":
            dz = dout * (z >= 0)
            return dz @ W.T, X.T @ dz, dz.sum(0)
        if kind == "relu(z)":
            dz = dout * np.maximum(z, 0)
            return dz @ W.T, X.T @ dz, dz.sum(0)
        if kind == "dW.T":
            return dX, dW.T, db
        if kind == "dW / N":
            return dX, dW / len(X), db
        if kind == "db mean":
            return dX, dW, db / len(X)
        if kind == "keepdims":
            return dX, dW, db[None, :]
        if kind == "order":
            return dW, dX, db
        if kind == "two":
            return dX, dW
        if kind == "dout mask":
            dz = dout * (dout > 0)
            return dz @ W.T, X.T @ dz, dz.sum(0)
        if kind == "lists":
            return dX.tolist(), dW, db
        raise AssertionError(kind)
    variant.__name__ = "block_" + kind.replace(" ", "_")
    return variant


def block_loop(X, W, b, dout):
    dX, dW, db = np.zeros_like(X), np.zeros_like(W), np.zeros_like(b)
    for n in range(len(X)):
        dz = dout[n] * (X[n] @ W + b > 0)
        dX[n] = W @ dz
        dW += np.outer(X[n], dz)
        db += dz
    return dX, dW, db


def block_in_place(X, W, b, dout):
    dout *= (X @ W + b > 0)
    return dout @ W.T, X.T @ dout, dout.sum(0)


def sig_back(dout, out):
    return dout * out * (1 - out)


def sig_back_in_place(dout, out):
    dout *= out * (1 - out)
    return dout


def numgrad(f, x, h=1e-5):
    grad = np.zeros_like(x, dtype=float)
    for i in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[i] += h
        xm[i] -= h
        grad[i] = (f(xp) - f(xm)) / (2 * h)
    return grad


def numgrad_restore(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    flat = x.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        up = f(x)
        flat[i] = old - h
        down = f(x)
        flat[i] = old
        grad.reshape(-1)[i] = (up - down) / (2 * h)
    return grad


def numgrad_variant(kind):
    def variant(f, x, h=1e-5):
        g = numgrad(f, x, h)
        if kind == "twice":
            return 2 * g
        if kind == "half":
            return g / 2
        if kind == "flat":
            return g.ravel()
        if kind == "list":
            return g.tolist()
        if kind == "zeros":
            return np.zeros_like(x)
        raise AssertionError(kind)
    variant.__name__ = "numgrad_" + kind
    return variant


def numgrad_one_sided(f, x, h=1e-5):
    grad = np.zeros_like(x)
    base = f(x)
    for i in np.ndindex(x.shape):
        xp = x.copy()
        xp[i] += h
        grad[i] = (f(xp) - base) / h
    return grad


def numgrad_no_restore(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        x[i] += h
        up = f(x)
        x[i] -= 2 * h
        grad[i] = (up - f(x)) / (2 * h)
    return grad


def numgrad_rows(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for i in range(x.shape[0]):
        xp, xm = x.copy(), x.copy()
        xp[i] += h
        xm[i] -= h
        grad[i] = (f(xp) - f(xm)) / (2 * h)
    return grad


def probs(s):
    p = np.exp(s - s.max())
    return p / p.sum()


def jacobian(s):
    p = np.exp(s - s.max())
    p /= p.sum()
    return np.diag(p) - np.outer(p, p)


def jacobian_broadcast(s):
    p = np.exp(s - np.max(s))
    p = p / np.sum(p)
    return p[:, None] * (np.eye(len(s)) - p[None, :])


def jacobian_naive(s):
    p = np.exp(s) / np.exp(s).sum()
    return np.diag(p) - np.outer(p, p)


def two_layer(X, y, W1, b1, W2, b2, reg):
    return checks.two_layer_reference(X, y, W1, b1, W2, b2, reg)


def two_layer_other(X, y, W1, b1, W2, b2, reg):
    N = X.shape[0]
    z = np.einsum("nd,dh->nh", X, W1) + b1
    a = np.where(z > 0, z, 0.0)
    s = a @ W2 + b2
    s = s - s.max(axis=1, keepdims=True)
    logp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
    loss = -logp[np.arange(N), y].mean() + reg / 2 * ((W1 * W1).sum() + (W2 * W2).sum())
    d = np.exp(logp)
    d[np.arange(N), y] -= 1
    d /= N
    da = d @ W2.T
    dz = np.where(z > 0, da, 0.0)
    return [loss, X.T @ dz + reg * W1, dz.sum(0), a.T @ d + reg * W2, d.sum(0)]


def two_layer_variant(kind):
    def variant(X, y, W1, b1, W2, b2, reg):
        loss, dW1, db1, dW2, db2 = two_layer(X, y, W1, b1, W2, b2, reg)
        plain = two_layer(X, y, W1, b1, W2, b2, 0.0)
        if kind == "no L2 loss":
            return plain[0], dW1, db1, dW2, db2
        if kind == "no L2 grads":
            return loss, plain[1], db1, plain[3], db2
        if kind == "2 reg":
            return loss, plain[1] + 2 * reg * W1, db1, plain[3] + 2 * reg * W2, db2
        if kind == "no mask":
            N = len(y)
            z = X @ W1 + b1
            d = losses.softmax_cross_entropy(np.maximum(z, 0) @ W2 + b2, y)[1]
            dz = d @ W2.T
            return loss, X.T @ dz + reg * W1, dz.sum(0), dW2, db2
        if kind == "db / N":
            return loss, dW1, db1 / len(y), dW2, db2 / len(y)
        if kind == "times N":
            n = len(y)
            return loss, dW1 + (n - 1) * (dW1 - reg * W1), db1 * n, dW2 + (n - 1) * (dW2 - reg * W2), db2 * n
        if kind == "dW2.T":
            return loss, dW1, db1, dW2.T, db2
        if kind == "order":
            return loss, dW1, dW2, db1, db2
        if kind == "four":
            return dW1, db1, dW2, db2
        if kind == "(1,) loss":
            return np.array([loss]), dW1, db1, dW2, db2
        raise AssertionError(kind)
    variant.__name__ = "two_layer_" + kind.replace(" ", "_")
    return variant


def two_layer_loop(X, y, W1, b1, W2, b2, reg):
    grads = [np.zeros_like(W1), np.zeros_like(b1), np.zeros_like(W2), np.zeros_like(b2)]
    total = 0.0
    for n in range(len(y)):
        out = two_layer(X[n:n + 1], y[n:n + 1], W1, b1, W2, b2, 0.0)
        total += out[0] / len(y)
        for g, v in zip(grads, out[1:]):
            g += v / len(y)
    total += 0.5 * reg * (np.sum(W1 ** 2) + np.sum(W2 ** 2))
    return total, grads[0] + reg * W1, grads[1], grads[2] + reg * W2, grads[3]


HAND = [[0.05, -0.2, 0.15], [0.25, 0.125, -0.375]]

WRONG = {
    checks.check_weighted_cross_entropy: [
        ("weights ignored", (wce_variant("ignores"),), ["ignore", "weights"]),
        ("divided by N", (wce_variant("by N"),), ["sum of the weights"]),
        ("a weighted sum", (wce_variant("sum"),), ["weighted sum"]),
        ("sign", (wce_variant("sign"),), ["sign is flipped"]),
        ("no max shift", (wce_naive,), ["subtract each row's max"]),
        ("log of a probability", (wce_log_of_prob,), ["log never sees 0"]),
        ("gradient not divided", (wce_variant("d sum"),), ["not divided by the sum"]),
        ("no -1", (wce_variant("no -1"),), ["-1 at the correct class"]),
        ("gradient sign", (wce_variant("d sign"),), ["wrong sign"]),
        ("unweighted gradient", (wce_variant("d plain"),), ["ignores the weights"]),
        ("(dscores, loss)", (wce_variant("order"),), ["wrong order"]),
        ("loss in a (1,) array", (wce_variant("(1,)"),), ["holding one number"]),
        ("a loop", (wce_loop,), ["once per example"]),
        ("shifts scores in place", (wce_shifts_in_place,), ["in place", "`scores`"]),
        ("no return", (returns_none,), ["returned none"]),
    ],
    checks.check_block_backward: [
        (kind, (block_variant(kind),), words) for kind, words in (
            ("no mask", ["skip the relu"]), (">=", ["at z = 0"]), ("relu(z)", ["instead of its slope"]),
            ("dW.T", ["transpose"]), ("dW / N", ["divided by n"]), ("db mean", ["mean over the batch"]),
            ("keepdims", ["(1, "]), ("order", ["wrong order"]), ("two", ["expected 3"]),
            ("dout mask", ["expected"]), ("lists", ["numpy array"]))] + [
        ("a loop", (block_loop,), ["once per example"]),
        ("masks dout in place", (block_in_place,), ["in place", "`dout`"]),
        ("a crash", (crashing,), ["valueerror"]),
    ],
    checks.check_sigmoid_backward: [
        ("sigmoid again", (lambda d, o: d * checks.activations.sigmoid(o) * (1 - checks.activations.sigmoid(o)),),
         ["sigmoid to out again"]),
        ("no dout", (lambda d, o: o * (1 - o),), ["leaves out dout"]),
        ("1 + out", (lambda d, o: d * o * (1 + o),), ["out * (1 + out)"]),
        ("dout * out", (lambda d, o: d * o,), ["not by its slope"]),
        ("dout * (1 - out)", (lambda d, o: d * (1 - o),), ["missing the factor out"]),
        ("a loop", (lambda d, o: np.array([d[i] * o[i] * (1 - o[i]) for i in range(len(o))]),),
         ["once per example"]),
        ("a list", (lambda d, o: sig_back(d, o).tolist(),), ["numpy array"]),
        ("in place", (sig_back_in_place,), ["in place", "`dout`"]),
        ("no return", (returns_none,), ["return"]),
        ("a crash", (crashing,), ["valueerror"]),
        ("with the output", (lambda d, o: (sig_back(d, o), o),), ["one array"]),
        ("transposed", (lambda d, o: sig_back(d, o).T,), ["shape"]),
    ],
    checks.check_dscores_by_hand: [
        ("not divided by N", ([[0.1, -0.4, 0.3], [0.5, 0.25, -0.75]],), ["divide every entry by n = 2"]),
        ("the probabilities", ([[0.1, 0.6, 0.3], [0.5, 0.25, 0.25]],), ["-1 at the correct class"]),
        ("half the probabilities", ([[0.05, 0.3, 0.15], [0.25, 0.125, 0.125]],), ["-1 at the correct"]),
        ("flipped", ([[-0.05, 0.2, -0.15], [-0.25, -0.125, 0.375]],), ["signs are flipped"]),
        ("swapped classes", ((np.array([[0.1, 0.6, 0.3], [0.5, 0.25, 0.25]]) - np.eye(3)[[2, 1]]) / 2,),
         ["classes [2, 1]"]),
        ("class 0 everywhere", ((np.array([[0.1, 0.6, 0.3], [0.5, 0.25, 0.25]]) - np.eye(3)[[0, 0]]) / 2,),
         ["classes [0, 0]"]),
        ("a typo", ([[0.05, -0.2, 0.15], [0.25, 0.125, -0.5]],), ["entry (1, 2)"]),
        ("strings", ([["0.05", "-0.2", "0.15"], ["0.25", "0.125", "-0.375"]],), ["string"]),
        ("transposed", (np.array(HAND).T,), ["reshape"]),
        ("ragged", ([[0.05, -0.2, 0.15], [0.25, 0.125]],), ["not a grid"]),
        ("a number", (0.05,), ["the number 0.05"]),
        ("a None inside", ([[0.05, None, 0.15], [0.25, 0.125, -0.375]],), ["none"]),
        ("one row", ([0.05, -0.2, 0.15],), ["shape (3,)"]),
    ],
    checks.check_numerical_gradient: [
        ("twice", (numgrad_variant("twice"),), ["twice the true"]),
        ("half", (numgrad_variant("half"),), ["half the true"]),
        ("flattened", (numgrad_variant("flat"),), ["shaped like x"]),
        ("a list", (numgrad_variant("list"),), ["numpy array"]),
        ("zeros", (numgrad_variant("zeros"),), ["expected"]),
        ("one-sided", (numgrad_one_sided,), ["one-sided"]),
        ("x not restored", (numgrad_no_restore,), ["in place", "`x`"]),
        ("rows at once", (numgrad_rows,), ["expected"]),
        ("no return", (returns_none,), ["none"]),
        ("a crash", (crashing,), ["valueerror"]),
        ("the function's value", (lambda f, x, h=1e-5: f(x),), ["expected an array"]),
    ],
    checks.check_relative_error_meaning: [
        (letter, (letter,), ["not the best answer"]) for letter in "abc"] + [
        ("e", ("e",), ["not one of the letters"]), ("a list", (["d"],), ["brackets"]),
        ("a number", (1e-2,), ["letter"]), ("two letters", ("b or d",), ["just the letter"]),
        ("empty", ("",), ["not one of the letters"]), ("True", (True,), ["bool"]),
        ("a word", ("bug",), ["just the letter"]), ("a tuple", (("d", "b"),), ["tuple"]),
    ],
    checks.check_spiral_training: [
        ("three units", (3, 1.0, 1000), ["few hidden units"]),
        ("a tiny learning rate", (100, 0.01, 1000), ["learning rate is small"]),
        ("a huge learning rate", (100, 50.0, 1000), ["diverged"]),
        ("a large learning rate", (100, 5.0, 300), ["dead"]),
        ("too few steps", (100, 1.0, 10), ["more steps"]),
        ("no hidden units", (0, 1.0, 1000), ["allows 1 to 300"]),
        ("too many units", (500, 1.0, 1000), ["allows 1 to 300"]),
        ("too many steps", (100, 1.0, 10000), ["allows 1 to 5000"]),
        ("a string", ("100", 1.0, 1000), ["string"]),
        ("a negative lr", (100, -1.0, 1000), ["allows"]),
        ("a fractional width", (100.5, 1.0, 1000), ["whole number"]),
        ("True steps", (100, 1.0, True), ["bool"]),
        ("NaN lr", (100, float("nan"), 1000), ["finite"]),
    ],
    checks.check_softmax_jacobian: [
        ("diagonal only", (lambda s: np.diag(np.diag(jacobian(s))),), ["only the diagonal"]),
        ("a vector", (lambda s: np.diag(jacobian(s)),), ["shape", "only its diagonal"]),
        ("diag(p)", (lambda s: np.diag(probs(s)),), ["without the - p p^t"]),
        ("- p p^T", (lambda s: -np.outer(probs(s), probs(s)),), ["without the diagonal"]),
        ("sign", (lambda s: -jacobian(s),), ["wrong sign"]),
        ("overflow", (jacobian_naive,), ["nan", "max"]),
        ("a list", (lambda s: jacobian(s).tolist(),), ["holding arrays"]),
        ("no return", (returns_none,), ["return"]),
        ("a crash", (crashing,), ["valueerror"]),
        ("of the scores", (lambda s: np.diag(s) - np.outer(s, s),), ["expected"]),
        ("the softmax itself", (probs,), ["shape"]),
    ],
    checks.check_two_layer_grads: [
        (kind, (two_layer_variant(kind),), words) for kind, words in (
            ("no L2 loss", ["l2 term"]), ("no L2 grads", ["l2 gradient"]), ("2 reg", ["2 * reg"]),
            ("no mask", ["relu's mask"]), ("db / N", ["divided by n again"]),
            ("times N", ["n times too large"]), ("dW2.T", ["transposed"]),
            ("order", ["wrong order"]), ("four", ["expected 5"]), ("(1,) loss", ["holding one number"]))] + [
        ("a loop", (two_layer_loop,), ["once per example"]),
        ("no return", (returns_none,), ["returned none"]),
        ("a crash", (crashing,), ["valueerror"]),
    ],
}

RIGHT = {
    checks.check_weighted_cross_entropy: [("reference", (wce,)), ("normalised weights, float32",
                                                                  (wce_normalised_first,))],
    checks.check_block_backward: [("mask", (block,)), ("einsum, np.where, list", (block_einsum,))],
    checks.check_sigmoid_backward: [("reference", (sig_back,)),
                                    ("out - out**2, float32", (lambda d, o: (d * (o - o ** 2)).astype(np.float32),))],
    checks.check_dscores_by_hand: [("nested list", (HAND,)), ("array", (np.array(HAND),)),
                                   ("tuples of fractions", (((1 / 20, -1 / 5, 3 / 20), (1 / 4, 1 / 8, -3 / 8)),))],
    checks.check_numerical_gradient: [("copies", (numgrad,)), ("nudge and restore", (numgrad_restore,))],
    checks.check_relative_error_meaning: [("d", ("d",)), ("D", ("D",)), ("spaced", ("d ",))],
    checks.check_spiral_training: [("100 units", (100, 1.0, 1000)), ("floats", (100.0, 2, 1500.0))],
    checks.check_softmax_jacobian: [("diag - outer", (jacobian,)), ("broadcast", (jacobian_broadcast,))],
    checks.check_two_layer_grads: [("reference", (two_layer,)), ("einsum, list", (two_layer_other,))],
}


@pytest.mark.parametrize("fn, args, words", wrong_params(WRONG))
def test_wrong_answers_are_named(fn, args, words):
    run_wrong(fn, args, words)


@pytest.mark.parametrize("fn, args", right_params(RIGHT))
def test_right_answers_pass(fn, args):
    run_right(fn, args)


@pytest.mark.parametrize("fn, args", [
    (checks.check_weighted_cross_entropy, (stub,)), (checks.check_block_backward, (stub,)),
    (checks.check_sigmoid_backward, (stub,)), (checks.check_dscores_by_hand, (None,)),
    (checks.check_numerical_gradient, (stub,)), (checks.check_relative_error_meaning, (None,)),
    (checks.check_spiral_training, (None, None, None)), (checks.check_softmax_jacobian, (stub,)),
    (checks.check_two_layer_grads, (stub,)),
])
def test_stubs_are_not_attempted(fn, args):
    assert fn(*args).status == "not attempted"


def test_the_new_references_agree_with_centred_differences():
    rng = np.random.default_rng(5)
    scores, y, w = rng.normal(0, 2, (5, 4)), rng.integers(0, 4, 5), rng.uniform(0.2, 2, 5)
    num = gradcheck.numerical_gradient(lambda: checks.weighted_reference(scores, y, w)[0], scores)
    assert gradcheck.rel_error(checks.weighted_reference(scores, y, w)[1], num) < 1e-7

    X, W, b, dout = rng.normal(size=(4, 3)), rng.normal(size=(3, 2)), rng.normal(size=2), rng.normal(size=(4, 2))
    dX, dW, db = checks.block_reference(X, W, b, dout)
    for value, grad in ((X, dX), (W, dW), (b, db)):
        num = gradcheck.numerical_gradient(lambda: float(np.sum(np.maximum(0, X @ W + b) * dout)), value)
        assert gradcheck.rel_error(grad, num) < 1e-7

    s = rng.normal(0, 1, 4)
    J = checks.jacobian_reference(s)
    for j in range(4):
        e = np.zeros(4)
        e[j] = 1e-6
        column = (losses.softmax((s + e)[None])[0] - losses.softmax((s - e)[None])[0]) / 2e-6
        assert np.allclose(J[:, j], column, atol=1e-8)

    args = [rng.normal(size=(5, 3)), rng.integers(0, 3, 5), rng.normal(size=(3, 4)), rng.normal(size=4),
            rng.normal(size=(4, 3)), rng.normal(size=3), 0.1]
    grads = checks.two_layer_reference(*args)
    for position, grad in zip((2, 3, 4, 5), grads[1:]):
        num = gradcheck.numerical_gradient(lambda: checks.two_layer_reference(*args)[0], args[position])
        assert gradcheck.rel_error(grad, num) < 1e-6
