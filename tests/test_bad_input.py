"""Every public callable of nnkit and of the book's package (nnbook) refuses bad input with an
error that names the argument (issue 16).

One enumerator covers both packages. ``test_every_public_callable_has_a_row`` finds the public
callables by introspection (module-level functions and classes, and the public methods of public
classes, inherited ones included; plus the shared argument checks of SHARED_PRIVATE) and fails,
listing them, when one that takes arguments has no row in any table, so new code can't slip
past it. The rows come from TABLE here (nnkit) and from every per-topic table,
tests/test_bad_input_*.py, whose ``CASES`` (or ``TABLE``) is keyed "prefix.callable" with the
prefix one of that file's ``MODULES`` (else a module of nnbook or nnkit): ``topic_tables``
reads them all, so a new topic file counts by existing.

A row (tests/bad_input_rows.py) is either ``Bad``: the call raises the exception type given,
its message starts with the call's name ("Linear.forward: ...", or the row's ``where`` when the
error comes from the call it delegates to) and names the argument; or ``Told``, for the
exercise checks of nnbook.checks: a check never raises for a learner's answer, it returns
feedback that is not "passed" and names the problem (its own configuration arguments, such as
a seed, still raise named errors: ``Bad`` rows); or ``Accepts``, for the rare callable that
has no bad input (it puts any value into words). Every row of every table runs here.

A callable that takes no arguments, or a dataclass of results that the packages build
themselves, has nothing to get wrong and needs no row (nnkit's TABLE lists them with an empty
list). Adding a package is one line in PACKAGES, plus its rows.
"""

import dataclasses
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from bad_input_rows import Accepts, Bad, Told, normalise  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

from nnkit import activations, datasets, gradcheck, layers, losses, model, neuron, train, validate  # noqa: E402
from nnbook.checks import core as checks_core  # noqa: E402

PACKAGES = ["nnkit", "nnbook"]
# Private modules whose functions every experiment calls: they are checked as if public.
SHARED_PRIVATE = ["nnbook.experiments._args"]


def public_callables(package_name):
    """{qualified name: callable} for the public functions, classes and methods of a package."""
    package = importlib.import_module(package_name)
    names = [info.name for info in pkgutil.walk_packages(package.__path__, package_name + ".")
             if not any(part.startswith("_") for part in info.name.split("."))]
    names += [name for name in SHARED_PRIVATE if name.startswith(package_name + ".")]
    return callables_of(names, package_name)


def callables_of(module_names, package_name):
    found = {}
    for module_name in module_names:
        module = importlib.import_module(module_name)
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(obj) or inspect.isclass(obj):
                found[f"{module.__name__}.{name}"] = obj
            if inspect.isclass(obj):
                for attr, member in inspect.getmembers(obj):
                    ours = getattr(member, "__module__", "") or ""
                    if (not attr.startswith("_") and ours.startswith(package_name)
                            and (inspect.isfunction(member) or inspect.ismethod(member))):
                        found[f"{module.__name__}.{name}.{attr}"] = member
    return found


CALLABLES = {name: obj for package in PACKAGES for name, obj in public_callables(package).items()}

# --- shared inputs ------------------------------------------------------------------------

rng = np.random.default_rng(0)
X = rng.standard_normal((5, 2))
y = np.array([0, 1, 2, 0, 1])
X_nan = X.copy()
X_nan[1, 0] = np.nan
Z = np.ones((2, 2), dtype=complex)


def mlp(activation="relu"):
    return model.MLP([2, 4, 3], activation=activation, rng=np.random.default_rng(1))


def forwarded(layer, X_in):
    layer.forward(X_in)
    return layer


def backward_of(make, X_in, dout):
    return lambda: forwarded(make(), X_in).backward(dout)


TABLE = {}

# --- activations --------------------------------------------------------------------------
for _name in activations.NAMES:
    for _f in activations.get(_name):
        TABLE[f"nnkit.activations.{_f.__name__}"] = [
            Bad(lambda f=_f: f(Z), TypeError, "z"),
            Bad(lambda f=_f: f("1.0"), TypeError, "z"),
        ]
for _f in (activations.leaky_relu, activations.leaky_relu_grad):
    TABLE[f"nnkit.activations.{_f.__name__}"].append(
        Bad(lambda f=_f: f(X, alpha="0.1"), TypeError, "alpha"))
for _f in (activations.elu, activations.elu_grad):
    TABLE[f"nnkit.activations.{_f.__name__}"].append(
        Bad(lambda f=_f: f(X, alpha=1j), TypeError, "alpha"))
TABLE["nnkit.activations.get"] = [Bad(lambda: activations.get("swish"), ValueError, "name",
                                      "activations.get"),
                                  Bad(lambda: activations.get(None), ValueError, "name",
                                      "activations.get")]

# --- layers -------------------------------------------------------------------------------
TABLE["nnkit.layers.num_params"] = [Bad(lambda: layers.num_params("W"), TypeError, "layer")]
TABLE["nnkit.layers.Linear"] = [
    Bad(lambda: layers.Linear(0, 3, rng=rng), ValueError, "in_features"),
    Bad(lambda: layers.Linear(2.5, 3, rng=rng), TypeError, "in_features"),
    Bad(lambda: layers.Linear(2, True, rng=rng), TypeError, "out_features"),
    Bad(lambda: layers.Linear(2, 3, rng=42), TypeError, "rng"),
    Bad(lambda: layers.Linear(2, 3, rng=rng, init="xavier"), ValueError, "init"),
    Bad(lambda: layers.Linear(2, 3, rng=rng, init=np.nan), ValueError, "init"),
]
TABLE["nnkit.layers.Linear.forward"] = [
    Bad(lambda: layers.Linear(3, 4, rng=rng).forward(X), ValueError, "X"),
    Bad(lambda: layers.Linear(2, 4, rng=rng).forward(X.tolist()), TypeError, "X"),
    Bad(lambda: layers.Linear(2, 4, rng=rng).forward(Z), TypeError, "X"),
    Bad(lambda: layers.Linear(2, 4, rng=rng).forward(np.ones((3, 5, 2))), ValueError, "X"),
]
TABLE["nnkit.layers.Linear.backward"] = [
    Bad(backward_of(lambda: layers.Linear(2, 4, rng=rng), X, np.ones((5, 3))), ValueError,
        "dout"),
    Bad(backward_of(lambda: layers.Linear(2, 4, rng=rng), X, np.ones((5, 4), int)), TypeError,
        "dout"),
]
_ELEMENTWISE = {"Activation": lambda: layers.Activation("gelu"), "Sigmoid": layers.Sigmoid,
                "Tanh": layers.Tanh, "ReLU": layers.ReLU, "GELU": layers.GELU,
                "SiLU": layers.SiLU, "LeakyReLU": layers.LeakyReLU, "ELU": layers.ELU,
                "PReLU": lambda: layers.PReLU(2),
                "Dropout": lambda: layers.Dropout(0.5, rng=np.random.default_rng(2)),
                "GaussianNoise": lambda: layers.GaussianNoise(0.1, rng=np.random.default_rng(2))}
for _cls, _make in _ELEMENTWISE.items():
    TABLE[f"nnkit.layers.{_cls}.forward"] = [
        Bad(lambda m=_make: m().forward("X"), TypeError, "X"),
        Bad(lambda m=_make: m().forward(Z), TypeError, "X"),
    ]
    TABLE[f"nnkit.layers.{_cls}.backward"] = [
        Bad(backward_of(_make, X, np.ones((4, 2))), ValueError, "dout"),
        Bad(backward_of(_make, X, [[1.0, 2.0]]), TypeError, "dout"),
    ]
for _cls in ("Sigmoid", "Tanh", "ReLU", "GELU", "SiLU"):
    TABLE[f"nnkit.layers.{_cls}"] = []  # no arguments
TABLE["nnkit.layers.Activation"] = [Bad(lambda: layers.Activation("swish"), ValueError, "name"),
                                    Bad(lambda: layers.Activation("prelu"), ValueError, "name")]
TABLE["nnkit.layers.LeakyReLU"] = [Bad(lambda: layers.LeakyReLU(-0.1), ValueError, "alpha"),
                                   Bad(lambda: layers.LeakyReLU("0.1"), TypeError, "alpha")]
TABLE["nnkit.layers.ELU"] = [Bad(lambda: layers.ELU(np.inf), ValueError, "alpha")]
TABLE["nnkit.layers.PReLU"] = [Bad(lambda: layers.PReLU(0), ValueError, "num_units"),
                               Bad(lambda: layers.PReLU(3, init_alpha=-1), ValueError,
                                   "init_alpha")]
TABLE["nnkit.layers.PReLU.forward"].append(
    Bad(lambda: layers.PReLU(3).forward(X), ValueError, "X"))
TABLE["nnkit.layers.Maxout"] = [
    Bad(lambda: layers.Maxout(2, 3, pieces=0, rng=rng), ValueError, "pieces"),
    Bad(lambda: layers.Maxout(2, 3, pieces=2.0, rng=rng), TypeError, "pieces"),
    Bad(lambda: layers.Maxout(2, 3, rng=np.random.RandomState(0)), TypeError, "rng"),
]
TABLE["nnkit.layers.Maxout.forward"] = [
    Bad(lambda: layers.Maxout(3, 2, rng=rng).forward(X), ValueError, "X")]
TABLE["nnkit.layers.Maxout.backward"] = [
    Bad(backward_of(lambda: layers.Maxout(2, 3, rng=rng), X, np.ones((5, 2))), ValueError,
        "dout")]
TABLE["nnkit.layers.Dropout"] = [Bad(lambda: layers.Dropout(1.0, rng=rng), ValueError, "p"),
                                 Bad(lambda: layers.Dropout(0.5, rng=None), TypeError, "rng")]
TABLE["nnkit.layers.GaussianNoise"] = [
    Bad(lambda: layers.GaussianNoise(-1.0, rng=rng), ValueError, "std"),
    Bad(lambda: layers.GaussianNoise(0.1, rng=0), TypeError, "rng")]

# --- losses -------------------------------------------------------------------------------
scores = rng.standard_normal((5, 3))
TABLE["nnkit.losses.softmax"] = [Bad(lambda: losses.softmax(np.ones(3)), ValueError, "scores"),
                                 Bad(lambda: losses.softmax(Z), TypeError, "scores")]
for _f in (losses.softmax_cross_entropy, losses.multiclass_hinge):
    TABLE[f"nnkit.losses.{_f.__name__}"] = [
        Bad(lambda f=_f: f(np.ones((5, 0)), y), ValueError, "scores"),
        Bad(lambda f=_f: f(scores, y[:4]), ValueError, "y"),
        Bad(lambda f=_f: f(scores, y.astype(float)), TypeError, "y"),
        Bad(lambda f=_f: f(scores, np.array([0, 1, 3, 0, 1])), ValueError, "y"),
    ]
TABLE["nnkit.losses.softmax_cross_entropy"].append(
    Bad(lambda: losses.softmax_cross_entropy(np.ones((2, 5, 3, 1)), y), ValueError, "scores"))
TABLE["nnkit.losses.multiclass_hinge"].append(
    Bad(lambda: losses.multiclass_hinge(scores, y, margin=-1), ValueError, "margin"))
for _f in (losses.binary_logistic, losses.binary_hinge):
    TABLE[f"nnkit.losses.{_f.__name__}"] = [
        Bad(lambda f=_f: f(scores, y), ValueError, "scores"),
        Bad(lambda f=_f: f(np.ones(5), y), ValueError, "y"),
        Bad(lambda f=_f: f(np.ones(5), [0, 1, 1, 0, 1]), TypeError, "y"),
    ]
TABLE["nnkit.losses.binary_hinge"].append(
    Bad(lambda: losses.binary_hinge(np.ones(2), np.array([0, 1]), margin="1"), TypeError,
        "margin"))
TABLE["nnkit.losses.l2_penalty"] = [
    Bad(lambda: losses.l2_penalty(np.ones(2), -1.0), ValueError, "reg"),
    Bad(lambda: losses.l2_penalty(np.ones(2), 10**400), ValueError, "reg"),
    Bad(lambda: losses.l2_penalty([1.0, 2.0], 0.1), TypeError, "W")]

# --- model --------------------------------------------------------------------------------
for _cls, _make in (("Sequential", lambda: model.Sequential(mlp().layers)), ("MLP", mlp)):
    TABLE[f"nnkit.model.{_cls}.forward"] = [
        Bad(lambda m=_make: m().forward(np.ones((5, 3))), ValueError, "X", "Linear.forward"),
        Bad(lambda m=_make: m().forward(Z), TypeError, "X", "Linear.forward")]
    TABLE[f"nnkit.model.{_cls}.backward"] = [
        Bad(lambda m=_make: forwarded(m(), X).backward(np.ones((5, 2))), ValueError, "dscores"),
        Bad(lambda m=_make: forwarded(m(), X).backward(np.ones(5)), ValueError, "dscores")]
    TABLE[f"nnkit.model.{_cls}.predict"] = [
        Bad(lambda m=_make: m().predict(X_nan), ValueError, "X"),
        Bad(lambda m=_make: m().predict(X.tolist()), TypeError, "X")]
    TABLE[f"nnkit.model.{_cls}.labels_from_scores"] = [
        Bad(lambda m=_make: m().labels_from_scores(np.ones(3)), ValueError, "scores",
            "labels_from_scores")]
    for _method in ("linear_layers", "num_params", "param_items"):
        TABLE[f"nnkit.model.{_cls}.{_method}"] = []  # no arguments
TABLE["nnkit.model.Sequential"] = [
    Bad(lambda: model.Sequential([]), ValueError, "layers"),
    Bad(lambda: model.Sequential(None), ValueError, "layers"),
    Bad(lambda: model.Sequential([layers.ReLU(), "relu"]), TypeError, "layers[1]")]
TABLE["nnkit.model.MLP"] = [
    Bad(lambda: model.MLP([2], rng=rng), ValueError, "sizes"),
    Bad(lambda: model.MLP([2, 3.7, 2], rng=rng), TypeError, "sizes[1]"),
    Bad(lambda: model.MLP([2, True, 2], rng=rng), TypeError, "sizes[1]"),
    Bad(lambda: model.MLP([2, 3], activation="swish", rng=rng), ValueError, "activation"),
    Bad(lambda: model.MLP([2, 3], rng=None), TypeError, "rng"),
    Bad(lambda: model.MLP([2, 3], rng=rng, init="glorot?"), ValueError, "init", "Linear")]
for _method in ("layer_table", "num_neurons", "summary", "unstack"):
    TABLE[f"nnkit.model.MLP.{_method}"] = []  # no arguments
TABLE["nnkit.model.MLP.hidden_outputs"] = [Bad(lambda: mlp().hidden_outputs(X_nan), ValueError,
                                               "X")]
TABLE["nnkit.model.MLP.pre_activations"] = [
    Bad(lambda: mlp().pre_activations(np.ones((5, 3))), ValueError, "X")]
TABLE["nnkit.model.MLP.stack"] = [
    Bad(lambda: model.MLP.stack([]), ValueError, "nets"),
    Bad(lambda: model.MLP.stack([mlp(), mlp("tanh")]), ValueError, "nets[1]"),
    Bad(lambda: model.MLP.stack([mlp(), None]), TypeError, "nets[1]")]

# --- neuron -------------------------------------------------------------------------------
TABLE["nnkit.neuron.Neuron"] = [
    Bad(lambda: neuron.Neuron([1 + 1j], 0.0), TypeError, "weights"),
    Bad(lambda: neuron.Neuron([1.0], "0"), TypeError, "bias"),
    Bad(lambda: neuron.Neuron([1.0], 0.0, activation="relu"), TypeError, "activation")]
TABLE["nnkit.neuron.Neuron.forward"] = [
    Bad(lambda: neuron.Neuron([1.0, 2.0], 0.0).forward([1.0]), ValueError, "inputs")]
TABLE["nnkit.neuron.Neuron.forward_batch"] = [
    Bad(lambda: neuron.Neuron([1.0, 2.0], 0.0).forward_batch(Z), TypeError, "X")]

# --- train --------------------------------------------------------------------------------


def train_with(**changes):
    kwargs = dict(model=mlp(), X=X, y=y, lr=0.1, steps=2)
    kwargs.update(changes)
    return lambda: train.train(**kwargs)


TABLE["nnkit.train.train"] = [
    Bad(train_with(model="mlp"), TypeError, "model"),
    Bad(train_with(X=X_nan), ValueError, "X"),
    Bad(train_with(y=y[:4]), ValueError, "y"),
    Bad(train_with(y=np.array([0, 1, 3, 0, 1])), ValueError, "y", "softmax_cross_entropy"),
    Bad(train_with(loss_fn="softmax"), TypeError, "loss_fn"),
    Bad(train_with(lr=0), ValueError, "lr"),
    Bad(train_with(lr=10**400), ValueError, "lr"),
    Bad(train_with(steps=2.0), TypeError, "steps"),
    Bad(train_with(reg=np.nan), ValueError, "reg"),
    Bad(train_with(batch_size=6, rng=rng), ValueError, "batch_size"),
    Bad(train_with(momentum=1.0), ValueError, "momentum"),
    Bad(train_with(rng=42), TypeError, "rng"),
    Bad(train_with(X_val=X), ValueError, "X_val"),
    Bad(train_with(X_val=np.ones((5, 3)), y_val=y), ValueError, "X_val"),
    Bad(train_with(X_val=X, y_val=y[:3]), ValueError, "y_val"),
    Bad(train_with(eval_every=0), ValueError, "eval_every"),
    Bad(train_with(callback="print"), TypeError, "callback")]
TABLE["nnkit.train.step"] = [
    Bad(lambda: train.step(mlp(), X, y, optimizer=None), TypeError, "optimizer"),
    Bad(lambda: train.step(None, X, y, optimizer=train.SGD(0.1)), TypeError, "model",
        "loss_and_grads"),
    Bad(lambda: train.step(mlp(), X, y, optimizer=train.SGD(0.1), reg=-1), ValueError, "reg",
        "l2_penalty")]
TABLE["nnkit.train.loss_and_grads"] = [
    Bad(lambda: train.loss_and_grads(None, X, y), TypeError, "model"),
    Bad(lambda: train.loss_and_grads(mlp(), X, y, loss_fn=None), TypeError, "loss_fn"),
    Bad(lambda: train.loss_and_grads(mlp(), X, y[:3]), ValueError, "y", "softmax_cross_entropy")]
TABLE["nnkit.train.SGD"] = [Bad(lambda: train.SGD(-1.0), ValueError, "lr"),
                            Bad(lambda: train.SGD(0.1, momentum=-0.1), ValueError, "momentum")]
TABLE["nnkit.train.SGD.step"] = [Bad(lambda: train.SGD(0.1).step([]), TypeError, "model")]
TABLE["nnkit.train.History"] = []  # no arguments
TABLE["nnkit.train.History.final"] = []
TABLE["nnkit.train.History.unstack"] = []
TABLE["nnkit.train.History.record"] = [
    Bad(lambda: train.History().record(-1, 1.0, 0.5), ValueError, "step"),
    Bad(lambda: train.History().record(0, "1.0", 0.5), TypeError, "train_loss"),
    Bad(lambda: train.History().record(0, 1.0, None), TypeError, "train_acc"),
    Bad(lambda: train.History().record(0, 1.0, 0.5, val_loss=1.0), ValueError, "val_acc")]
TABLE["nnkit.train.Diverged"] = [
    Bad(lambda: train.Diverged(1.5, np.inf, 0.1, train.History()), TypeError, "step"),
    Bad(lambda: train.Diverged(1, np.inf, "0.1", train.History()), TypeError, "lr")]
for _f in (train.accuracy, train.dead_units, train.dead_fraction):
    _where = "accuracy" if _f is train.accuracy else "dead_units"  # dead_fraction counts those
    TABLE[f"nnkit.train.{_f.__name__}"] = [
        Bad(lambda f=_f: f(None, X, y) if f is train.accuracy else f(None, X), TypeError,
            "model", _where),
        Bad(lambda f=_f: f(mlp(), X_nan, y) if f is train.accuracy else f(mlp(), X_nan),
            ValueError, "X", _where)]
TABLE["nnkit.train.accuracy"].append(
    Bad(lambda: train.accuracy(mlp(), X, y.astype(float)), TypeError, "y"))
TABLE["nnkit.train.gradient_norms"] = [Bad(lambda: train.gradient_norms("net"), TypeError,
                                           "model")]

# --- datasets -----------------------------------------------------------------------------
for _f, _size in ((datasets.spiral, "points_per_class"), (datasets.circles, "n"),
                  (datasets.moons, "n"), (datasets.xor, "n"), (datasets.blobs, "n"),
                  (datasets.outliers, "n")):
    TABLE[f"nnkit.datasets.{_f.__name__}"] = [
        Bad(lambda f=_f, s=_size: f(**{s: 0}, rng=rng), ValueError, _size),
        Bad(lambda f=_f, s=_size: f(**{s: 10.5}, rng=rng), TypeError, _size),
        Bad(lambda f=_f: f(rng=None), TypeError, "rng")]
for _f in (datasets.spiral, datasets.circles, datasets.moons, datasets.xor):
    TABLE[f"nnkit.datasets.{_f.__name__}"].append(
        Bad(lambda f=_f: f(noise=-0.1, rng=rng), ValueError, "noise"))
TABLE["nnkit.datasets.circles"].append(
    Bad(lambda: datasets.circles(factor=1.0, rng=rng), ValueError, "factor"))
TABLE["nnkit.datasets.blobs"] += [
    Bad(lambda: datasets.blobs(n=2, num_classes=3, rng=rng), ValueError, "n"),
    Bad(lambda: datasets.blobs(std=np.nan, rng=rng), ValueError, "std")]
TABLE["nnkit.datasets.outliers"].append(
    Bad(lambda: datasets.outliers(n=20, num_outliers=19, rng=rng), ValueError, "num_outliers"))
TABLE["nnkit.datasets.split"] = [
    Bad(lambda: datasets.split(X_nan, y, rng=rng), ValueError, "X"),
    Bad(lambda: datasets.split(X, y[:4], rng=rng), ValueError, "y"),
    Bad(lambda: datasets.split(X, y, held_out=0.01, rng=rng), ValueError, "held_out"),
    Bad(lambda: datasets.split(X, y, held_out=1, rng=rng), ValueError, "held_out"),
    Bad(lambda: datasets.split(X, y, rng=np.random.RandomState(0)), TypeError, "rng")]

# --- gradcheck ----------------------------------------------------------------------------
TABLE["nnkit.gradcheck.numerical_gradient"] = [
    Bad(lambda: gradcheck.numerical_gradient(None, np.ones(2)), TypeError, "f"),
    Bad(lambda: gradcheck.numerical_gradient(lambda: 0.0, np.ones(2, int)), TypeError, "x"),
    Bad(lambda: gradcheck.numerical_gradient(lambda: 0.0, np.ones(2), h=0), ValueError, "h")]
TABLE["nnkit.gradcheck.numerical_gradient_array"] = [
    Bad(lambda: gradcheck.numerical_gradient_array(lambda: X, X, "dout"), TypeError, "dout"),
    Bad(lambda: gradcheck.numerical_gradient_array(lambda: X, X, X, h=-1e-5), ValueError, "h")]
TABLE["nnkit.gradcheck.rel_error"] = [
    Bad(lambda: gradcheck.rel_error(np.ones(3), np.ones(4)), ValueError, "b"),
    Bad(lambda: gradcheck.rel_error(Z, Z), TypeError, "a")]
TABLE["nnkit.gradcheck.check_layer"] = [
    Bad(lambda: gradcheck.check_layer(layers.ReLU(), X, rng=None), TypeError, "rng"),
    Bad(lambda: gradcheck.check_layer("relu", X, rng=rng), TypeError, "layer"),
    Bad(lambda: gradcheck.check_layer(layers.ReLU(), Z, rng=rng), TypeError, "X")]
TABLE["nnkit.gradcheck.check_model"] = [
    Bad(lambda: gradcheck.check_model(None, X, y, loss_fn=losses.softmax_cross_entropy),
        TypeError, "model"),
    Bad(lambda: gradcheck.check_model(mlp(), X, y, loss_fn="softmax"), TypeError, "loss_fn"),
    Bad(lambda: gradcheck.check_model(mlp(), X, y, loss_fn=losses.softmax_cross_entropy,
                                      reg=-1), ValueError, "reg")]
TABLE["nnkit.gradcheck.assert_close"] = [
    Bad(lambda: gradcheck.assert_close([1e-9]), TypeError, "errors"),
    Bad(lambda: gradcheck.assert_close({"W": 1e-9}, tol=0), ValueError, "tol")]

# --- validate: each check names the argument it is given ----------------------------------
TABLE.update({
    "nnkit.validate.float_array": [Bad(lambda: validate.float_array("f", "A", Z), TypeError,
                                       "A", "f")],
    "nnkit.validate.real_array": [Bad(lambda: validate.real_array("f", "A", "x"), TypeError, "A",
                                      "f")],
    "nnkit.validate.matrix": [Bad(lambda: validate.matrix("f", "A", np.ones(3)), ValueError, "A",
                                  "f")],
    "nnkit.validate.same_shape": [Bad(lambda: validate.same_shape("f", "A", X, (2, 5)),
                                      ValueError, "A", "f")],
    "nnkit.validate.extent": [Bad(lambda: validate.extent("f", (0, 1, 1, 0), name="box"),
                                  ValueError, "box", "f"),
                              Bad(lambda: validate.extent("f", "wide"), TypeError, "extent", "f")],
    "nnkit.validate.finite": [Bad(lambda: validate.finite("f", "A", X_nan), ValueError, "A",
                                  "f")],
    "nnkit.validate.labels": [Bad(lambda: validate.labels("f", y, 5, 2, name="t"), ValueError,
                                  "t", "f")],
    "nnkit.validate.whole_number": [Bad(lambda: validate.whole_number("f", "k", 3.7), TypeError,
                                        "k", "f")],
    "nnkit.validate.number": [Bad(lambda: validate.number("f", "k", 1j), TypeError, "k", "f")],
    "nnkit.validate.generator": [Bad(lambda: validate.generator("f", 0, name="g"), TypeError,
                                     "g", "f")],
    "nnkit.validate.choice": [Bad(lambda: validate.choice("f", "k", "c", ("a", "b")),
                                  ValueError, "k", "f")],
    "nnkit.validate.callable_": [Bad(lambda: validate.callable_("f", "k", 3), TypeError, "k",
                                     "f")],
    "nnkit.validate.has_attributes": [
        Bad(lambda: validate.has_attributes("f", "k", 3, ("forward",), "a layer"), TypeError,
            "k", "f")],
})


TABLE.update({name: [] for name in ("nnkit.plotting.house_style",  # no arguments
                                    "nnkit.plotting.use_house_style",
                                    "nnkit.plotting.SlopeZones",  # results nnkit builds itself
                                    "nnkit.model.ParamCount")})


# --- the per-topic tables -----------------------------------------------------------------


def qualified(key, modules):
    """The full name of a per-topic key such as "figures.dead_pictures" or "widgets.KEEP"."""
    prefix, _, rest = key.partition(".")
    if prefix in modules:
        return f"{modules[prefix].__name__}.{rest}"
    candidates = [key] if key.split(".")[0] in PACKAGES else []
    candidates += [f"{package}.{key}" for package in PACKAGES]
    return next((name for name in candidates if name in CALLABLES), candidates[-1])


def topic_tables():
    """{file stem: {qualified name: [rows]}} for every tests/test_bad_input_*.py."""
    tables = {}
    for path in sorted(Path(__file__).parent.glob("test_bad_input_*.py")):
        topic = importlib.import_module(path.stem)
        table = getattr(topic, "CASES", None)
        table = getattr(topic, "TABLE", None) if table is None else table
        assert isinstance(table, dict), f"{path.name} must define CASES (or TABLE), a dict"
        modules = {prefix: module for prefix, module in getattr(topic, "MODULES", {}).items()}
        tables[path.stem] = {qualified(key, modules): [normalise(row) for row in rows]
                             for key, rows in table.items()}
    return tables


TOPICS = topic_tables()
ROWS_FROM = {name: "test_bad_input" for name in TABLE}
for _stem, _table in TOPICS.items():
    for _name, _rows in _table.items():
        TABLE.setdefault(_name, []).extend(_rows)
        ROWS_FROM.setdefault(_name, _stem)


def takes_arguments(obj):
    if inspect.isclass(obj) and dataclasses.is_dataclass(obj):
        return False  # a result that the package builds itself (History takes no arguments)
    if inspect.isclass(obj) and issubclass(obj, BaseException) and "__init__" not in vars(obj):
        return False  # an exception with Exception's own message argument (NotAttempted)
    parameters = inspect.signature(obj).parameters
    return any(name not in ("self", "cls") for name in parameters)


MODULES = sorted({obj.__module__ for obj in CALLABLES.values()} | set(SHARED_PRIVATE),
                 key=len, reverse=True)


def module_of(name):
    """"nnbook.widgets" for "nnbook.widgets.Blitter.png"."""
    return next(module for module in MODULES if name.startswith(module + "."))


def by_module(names):
    """{"nnbook.widgets": ["Blitter", ...]}: what a list of qualified names is missing, grouped."""
    grouped = {}
    for name in sorted(names):
        grouped.setdefault(module_of(name), []).append(name[len(module_of(name)) + 1:])
    return grouped


def test_every_public_callable_has_a_row():
    assert set(PACKAGES) == {"nnkit", "nnbook"} and len(CALLABLES) > 400, len(CALLABLES)
    missing = by_module(name for name, obj in CALLABLES.items()
                        if takes_arguments(obj) and not TABLE.get(name))
    lines = "\n".join(f"  {module}: {', '.join(names)}" for module, names in missing.items())
    assert not missing, (f"{sum(map(len, missing.values()))} public callables take arguments "
                         f"but have no bad-input row in any table:\n{lines}")
    stale = sorted(f"{name} ({ROWS_FROM[name]})" for name in set(TABLE) - set(CALLABLES))
    assert not stale, f"rows for callables that do not exist: {stale}"


def test_every_topic_table_is_read():
    stems = {path.stem for path in Path(__file__).parent.glob("test_bad_input_*.py")}
    assert set(TOPICS) == stems and len(stems) >= 6, sorted(stems)
    assert all(TOPICS[stem] for stem in stems), "a topic table with no rows"


ROWS = [(name, i, row) for name, rows in TABLE.items() for i, row in enumerate(rows)]


def feedback_text(feedback):
    return f"{feedback.message} {feedback.hint}"


@pytest.mark.parametrize("name, i, row", ROWS, ids=[f"{name}-{i}" for name, i, _ in ROWS])
def test_bad_input_is_refused_with_a_named_error(name, i, row):
    check_row(name, row)


def test_a_row_that_is_not_met_fails():
    """Each kind of row fails when its promise is broken (so a passing row means something)."""
    passed = checks_core.Feedback.passed("Exercise 0")
    failed = checks_core.Feedback("Exercise 0", "failed", "`x` is the string \"abc\"")
    crashed = checks_core.Feedback("Exercise 0", "failed", "the checker itself hit KeyError: 0")
    name = "nnkit.layers.Linear"
    broken = [Bad(lambda: None, ValueError, "in_features"),  # does not raise
              Bad(lambda: layers.Linear(0, 3, rng=rng), TypeError, "in_features"),  # other type
              Bad(lambda: layers.Linear(0, 3, rng=rng), ValueError, "out_features"),  # other name
              Bad(lambda: layers.Linear(0, 3, rng=rng), ValueError, "in_features", "MLP"),
              Told(lambda: passed, ()), Told(lambda: crashed, ()), Told(lambda: failed, ("nan",)),
              Told(lambda: "text", ()), Accepts(lambda: 1 / 0, str), Accepts(lambda: 1, str)]
    for row in broken:  # a wrong exception type escapes the row, as it would in the test
        with pytest.raises((AssertionError, pytest.fail.Exception, ValueError, ZeroDivisionError)):
            check_row(name, row)
    check_row(name, Told(lambda: failed, ('"abc"',)))  # and one that is met passes


def check_row(name, row):
    try:
        if isinstance(row, Accepts):
            assert isinstance(row.call(), row.returns)
            return
        if isinstance(row, Told):
            feedback = row.call()  # must not raise
            assert isinstance(feedback, checks_core.Feedback), type(feedback)
            assert feedback.status != "passed", str(feedback)
            assert not feedback.message.startswith("the checker itself hit"), str(feedback)
            text = feedback_text(feedback)
            for mention in row.mentions:
                assert mention in text, f"{str(feedback)!r} should mention {mention!r}"
            return
        with pytest.raises(row.error) as info:
            row.call()
    finally:
        plt.close("all")
    message = str(info.value)
    where = row.where or name[len(module_of(name)) + 1:]  # "Linear.forward", "spiral"
    if ROWS_FROM[name] == "test_bad_input" or name.startswith("nnkit."):
        assert message.startswith(where + ":"), f"{message!r} should start with {where!r}"
    else:  # the topic tables' rule: the message names the call somewhere (a wrapped error)
        assert f"{where}:" in message, f"{message!r} should name the call {where!r}"
    assert re.search(rf"(?<![\w.]){re.escape(row.argument)}(?!\w)", message), \
        f"{message!r} should name the argument {row.argument!r}"
