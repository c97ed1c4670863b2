import numpy as np
import pytest

from nnkit import gradcheck, layers, losses, model


def test_numerical_gradient_of_a_known_function_restores_x():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    before = x.copy()
    grad = gradcheck.numerical_gradient(lambda: float(np.sum(x ** 3)), x)
    np.testing.assert_allclose(grad, 3 * before ** 2, rtol=1e-9)
    np.testing.assert_array_equal(x, before)


def test_numerical_gradient_array_weights_outputs_by_dout():
    x = np.array([1.0, 2.0, 3.0])
    dout = np.array([1.0, -1.0, 2.0])
    grad = gradcheck.numerical_gradient_array(lambda: x ** 2, x, dout)
    np.testing.assert_allclose(grad, 2 * x * dout, rtol=1e-9)


def test_x_is_restored_even_if_f_fails():
    x = np.array([1.0, 2.0])
    calls = []

    def f():
        calls.append(x.copy())
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        gradcheck.numerical_gradient(f, x)
    np.testing.assert_array_equal(x, [1.0, 2.0])


def test_rel_error_values():
    assert gradcheck.rel_error(np.array([1.0, 2.0]), np.array([1.0, 2.0])) == 0.0
    assert gradcheck.rel_error(np.array([1.0]), np.array([3.0])) == pytest.approx(0.5)
    assert gradcheck.rel_error(np.zeros(3), np.zeros(3)) == 0.0  # the floor avoids 0 / 0
    assert gradcheck.rel_error(np.array([0.0]), np.array([1e-10])) == pytest.approx(1e-2)
    assert gradcheck.rel_error(np.array([1.0, 100.0]), np.array([1.1, 100.0])) == pytest.approx(0.1 / 2.1)


def test_check_layer_passes_a_correct_layer_and_catches_a_wrong_one():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((4, 3))
    errors = gradcheck.check_layer(layers.Linear(3, 2, rng=rng), X, rng=rng)
    assert set(errors) == {"X", "W", "b"} and max(errors.values()) < 1e-7

    class WrongBias(layers.Linear):
        def backward(self, dout, *, input_grad=True):
            dX = super().backward(dout, input_grad=input_grad)
            self.grads["b"] = 2 * self.grads["b"]
            return dX

    errors = gradcheck.check_layer(WrongBias(3, 2, rng=rng), X, rng=rng)
    assert errors["b"] > 0.1 and errors["W"] < 1e-7
    with pytest.raises(AssertionError, match=r"gradient check failed \(tolerance 1e-07\): b: 3\.3e-01"):
        gradcheck.assert_close(errors)


def test_check_model_covers_every_parameter_and_the_input():
    rng = np.random.default_rng(1)
    net = model.MLP([3, 4, 3], activation="tanh", rng=rng)
    X, y = rng.standard_normal((5, 3)), np.array([0, 1, 2, 0, 1])
    errors = gradcheck.check_model(net, X, y, loss_fn=losses.softmax_cross_entropy, reg=0.1)
    assert list(errors) == ["X", "layer1.W", "layer1.b", "layer2.W", "layer2.b"]
    assert gradcheck.assert_close(errors) is errors


def test_check_model_catches_a_wrong_backward_in_one_layer():
    class ForgetfulReLU(layers.ReLU):
        def backward(self, dout, *, input_grad=True):  # forgets to zero where the input was < 0
            super().backward(dout)
            return dout

    rng = np.random.default_rng(2)
    first, second = layers.Linear(3, 4, rng=rng), layers.Linear(4, 3, rng=rng)
    first.params["b"][:] = [-2.0, 2.0, 2.0, 2.0]  # unit 0 is off for every row
    net = model.Sequential([first, ForgetfulReLU(), second])
    X, y = rng.uniform(-0.5, 0.5, (5, 3)), np.array([0, 1, 2, 0, 1])
    errors = gradcheck.check_model(net, X, y, loss_fn=losses.softmax_cross_entropy, reg=0.1)
    assert errors["0.W"] > 0.1 and errors["2.W"] < 1e-7 and errors["2.b"] < 1e-7
    with pytest.raises(AssertionError, match=r"0\.W: .*0\.b: "):
        gradcheck.assert_close(errors)
