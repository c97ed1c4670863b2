"""nnkit.validate: each check accepts what it should, and otherwise names call, argument, value."""

import numpy as np
import pytest

from nnkit import datasets, model, train, validate


@pytest.mark.parametrize("value", [3.7, 3.0, True, np.True_, "3", None, np.float64(2.0)])
def test_whole_number_refuses_what_is_not_whole(value):
    with pytest.raises(TypeError, match=r"^f: n must be a whole number \(int\), got "):
        validate.whole_number("f", "n", value)


def test_whole_number_accepts_ints_and_checks_the_range():
    assert validate.whole_number("f", "n", np.int64(3)) == 3
    assert type(validate.whole_number("f", "n", np.uint8(3))) is int
    assert validate.whole_number("f", "n", 0, minimum=0) == 0
    with pytest.raises(ValueError, match=r"f: n must be a positive integer, got 0"):
        validate.whole_number("f", "n", 0)
    with pytest.raises(ValueError, match=r"f: n must be an integer in 2..5, got 6"):
        validate.whole_number("f", "n", 6, minimum=2, maximum=5)


def test_whole_numbers_are_whole_at_every_call_site():
    rng = np.random.default_rng(0)
    with pytest.raises(TypeError, match=r"spiral: points_per_class must be a whole number"):
        datasets.spiral(points_per_class=100.0, rng=rng)
    with pytest.raises(TypeError, match=r"MLP: sizes\[0\] must be a whole number"):
        model.MLP([True, 3], rng=rng)
    X, y = datasets.spiral(points_per_class=5, rng=rng)
    with pytest.raises(TypeError, match=r"train: batch_size must be a whole number .*2.5"):
        train.train(model.MLP([2, 3], rng=rng), X, y, lr=0.1, steps=1, batch_size=2.5, rng=rng)


def test_number_refuses_huge_ints_nan_bool_and_complex():
    with pytest.raises(ValueError, match=r"f: lr must be a finite number > 0, got inf"):
        validate.number("f", "lr", 10**400, low=0, low_open=True)
    with pytest.raises(ValueError, match=r"f: reg must be a finite number, got nan"):
        validate.number("f", "reg", float("nan"))
    for bad in (True, 1j, "0.1", None, np.array([0.1])):
        with pytest.raises(TypeError, match=r"f: x must be a number, got "):
            validate.number("f", "x", bad)
    assert validate.number("f", "x", np.float32(0.5), low=0, high=1) == 0.5


@pytest.mark.parametrize("rng", [42, None, np.random.RandomState(0), "seed"])
def test_generator_is_required(rng):
    with pytest.raises(TypeError, match=r"f: rng must be a numpy Generator .*got "):
        validate.generator("f", rng)


@pytest.mark.parametrize("rng", [42, np.random.RandomState(0), "seed"])
def test_train_refuses_a_bad_rng_even_without_minibatches(rng):
    X, y = datasets.spiral(points_per_class=5, rng=np.random.default_rng(0))
    net = model.MLP([2, 3], rng=np.random.default_rng(1))
    with pytest.raises(TypeError, match=r"train: rng must be a numpy Generator"):
        train.train(net, X, y, lr=0.1, steps=1, rng=rng)


def test_choice_lists_the_options():
    assert validate.choice("f", "name", "b", ("a", "b")) == "b"
    for bad in ("c", None, ["a"], np.array(["a"])):
        with pytest.raises(ValueError, match=r"f: name must be one of \('a', 'b'\), got "):
            validate.choice("f", "name", bad, ("a", "b"))


def test_callable_and_attributes():
    assert validate.callable_("f", "fn", len) is len
    with pytest.raises(TypeError, match=r"f: fn must be a loss function, got str"):
        validate.callable_("f", "fn", "softmax", "a loss function")
    with pytest.raises(TypeError,
                       match=r"f: layer must be a layer \(with forward, params\), got int"):
        validate.has_attributes("f", "layer", 3, ("forward", "params"), "a layer")


def test_complex_arrays_are_refused():
    z = np.ones((2, 2), dtype=complex)
    with pytest.raises(TypeError, match=r"f: X must be a float array, got dtype complex128; "
                                        r"complex numbers are not supported"):
        validate.float_array("f", "X", z)
    with pytest.raises(TypeError, match=r"f: z must hold real numbers \(int or float\), got dtype"):
        validate.real_array("f", "z", z)
    for bad in (np.array([True]), np.array(["a"]), [1 + 2j]):
        with pytest.raises(TypeError, match=r"f: z must hold real numbers"):
            validate.real_array("f", "z", bad)
    np.testing.assert_array_equal(validate.real_array("f", "z", [1, 2]), [1, 2])


def test_matrix_shapes_including_stacks():
    X = np.ones((4, 3))
    assert validate.matrix("f", "X", X, 3) is X
    assert validate.matrix("f", "X", np.ones((2, 4, 3)), 3, stack=2).shape == (2, 4, 3)
    with pytest.raises(ValueError, match=r"f: X must have shape \(N, 3\) or \(2, N, 3\), got"):
        validate.matrix("f", "X", np.ones((5, 4, 3)), 3, stack=2)
    with pytest.raises(ValueError, match=r"f: scores must have at least one row and one column"):
        validate.matrix("f", "scores", np.ones((4, 0)))


def test_labels_with_and_without_a_class_count():
    y = np.array([0, 2, 1], dtype=np.uint8)
    assert validate.labels("f", y, 3, 3) is y
    assert validate.labels("f", y, 3) is y
    with pytest.raises(ValueError, match=r"f: y values must be labels >= 0, got -1"):
        validate.labels("f", np.array([0, -1]), 2)
    with pytest.raises(TypeError, match=r"f: y must hold integer class labels, got dtype bool"):
        validate.labels("f", np.array([True, False]), 2)
