"""A gradient check compares a backward pass with numerical derivatives of the forward pass.

The numerical derivative of f at x uses centred differences, (f(x + h) - f(x - h)) / 2h,
whose error shrinks like h**2. Near a kink (relu at 0, a hinge, a maxout tie) the two
sides disagree, so check at points away from kinks rather than loosening the tolerance.
Rounding adds an absolute error of about 1e-16 * |f| / h ~ 1e-11 for a loss near 1, so a
gradient entry far smaller than 1e-4 cannot show a relative error below 1e-7 either.
In float64 a correct backward pass typically gives relative errors of 1e-8 or less.
"""

import functools

import numpy as np

from nnkit import validate


def _centred_pairs(x, h, evaluate):
    """Yield (i, evaluate() at x[i] + h, evaluate() at x[i] - h) for every entry i of x.

    x is nudged in place and restored before each yield (also if evaluate raises).
    """
    for i in np.ndindex(x.shape):
        old = x[i]
        try:
            x[i] = old + h
            plus = evaluate()
            x[i] = old - h
            minus = evaluate()
        finally:
            x[i] = old
        yield i, plus, minus


def _check_step(where, f, x, h):
    validate.callable_(where, "f", f, "a function of no arguments")
    if not validate.float_array(where, "x", x).flags.writeable:
        raise ValueError(f"{where}: x must be writeable (it is perturbed in place)")
    validate.number(where, "h", h, low=0, low_open=True)


def numerical_gradient(f, x, *, h=1e-5):
    """Gradient (shaped like x) of f() with respect to the float array x, by centred differences.

    f takes no arguments and reads x; each entry of x is nudged in place and then restored.
    """
    _check_step("numerical_gradient", f, x, h)
    grad = np.zeros_like(x)
    for i, f_plus, f_minus in _centred_pairs(x, h, f):
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def numerical_gradient_array(f, x, dout, *, h=1e-5):
    """Gradient (shaped like x) of sum(f() * dout), where f() returns an array shaped like dout.

    Differencing f's outputs before weighting them by dout keeps rounding error small:
    outputs that x[i] does not affect cancel exactly instead of adding noise to a large sum.
    """
    _check_step("numerical_gradient_array", f, x, h)
    validate.float_array("numerical_gradient_array", "dout", dout)
    grad = np.zeros_like(x)
    # copy: f may return the same buffer for both evaluations
    for i, out_plus, out_minus in _centred_pairs(x, h, lambda: f().copy()):
        grad[i] = np.sum((out_plus - out_minus) * dout) / (2 * h)
    return grad


def rel_error(a, b):
    """Largest elementwise |a - b| / (|a| + |b|), with a floor of 1e-8 on the denominator."""
    a = validate.real_array("rel_error", "a", a).astype(float)
    b = validate.real_array("rel_error", "b", b).astype(float)
    if a.shape != b.shape:
        raise ValueError(
            f"rel_error: a and b must have the same shape, got {a.shape} and {b.shape}")
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


def check_layer(layer, X, *, rng):
    """{"X": error, "W": error, ...}: rel_error of a layer's backward against numerical gradients.

    Checks the scalar f = sum(layer.forward(X) * dout) for a random upstream gradient dout,
    whose exact gradient is what backward(dout) returns. X (N, D) is copied, not changed.
    """
    validate.generator("check_layer", rng)
    validate.has_attributes("check_layer", "layer", layer, ("forward", "backward", "params",
                                                            "grads"), "a layer")
    X = validate.real_array("check_layer", "X", X).astype(float)  # a private copy, nudged below
    dout = rng.standard_normal(layer.forward(X).shape)
    dX = layer.backward(dout)
    analytic = {key: grad.copy() for key, grad in layer.grads.items()}
    f = functools.partial(layer.forward, X)  # reads X, which the differences nudge in place
    errors = {"X": rel_error(dX, numerical_gradient_array(f, X, dout))}
    for key, p in layer.params.items():
        errors[key] = rel_error(analytic[key], numerical_gradient_array(f, p, dout))
    return errors


def check_model(model, X, y, *, loss_fn, reg=0.0):
    """{"X": error, "layer1.W": error, ...} for a model's full loss including the L2 term.

    The objective is loss_fn(model.forward(X), y)[0] + 0.5 * reg * sum(W**2) over parameters
    named W; its analytic gradient comes from model.backward plus reg * W.
    """
    validate.has_attributes("check_model", "model", model, ("forward", "backward",
                                                            "param_items"), "a model")
    validate.callable_("check_model", "loss_fn", loss_fn, "a loss function")
    reg = validate.number("check_model", "reg", reg, low=0)
    X = validate.real_array("check_model", "X", X).astype(float)  # a private copy
    items = model.param_items()

    def objective():
        penalty = sum(np.sum(layer.params[key] ** 2) for _, layer, key in items if key == "W")
        return float(loss_fn(model.forward(X), y)[0] + 0.5 * reg * penalty)

    _, dscores = loss_fn(model.forward(X), y)
    analytic = {"X": model.backward(dscores)}
    for name, layer, key in items:
        analytic[name] = layer.grads[key] + (reg * layer.params[key] if key == "W" else 0)

    errors = {"X": rel_error(analytic["X"], numerical_gradient(objective, X))}
    for name, layer, key in items:
        errors[name] = rel_error(analytic[name], numerical_gradient(objective, layer.params[key]))
    return errors


def assert_close(errors, *, tol=1e-7):
    """Raise AssertionError naming every gradient whose relative error is tol or more."""
    if not isinstance(errors, dict):
        raise TypeError(f"assert_close: errors must be a dict {{name: relative error}}, "
                        f"got {type(errors).__name__}")
    tol = validate.number("assert_close", "tol", tol, low=0, low_open=True)
    bad = {name: err for name, err in errors.items() if not err < tol}
    if bad:
        listing = ", ".join(f"{name}: {err:.1e}" for name, err in bad.items())
        raise AssertionError(f"gradient check failed (tolerance {tol:.0e}): {listing}; "
                             "a backward pass is wrong or a point sits on a kink")
    return errors
