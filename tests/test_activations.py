import math
import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nnkit import activations, gradcheck

FAST = settings(max_examples=40, deadline=None)
finite_z = hnp.arrays(np.float64, hnp.array_shapes(max_dims=3, max_side=5),
                      elements=st.floats(-30, 30, allow_nan=False))
# Beyond |z| ~ 4 the slopes of sigmoid, tanh and elu are tiny, and a centred difference loses
# their digits to rounding (error ~ eps / h ~ 1e-11); the tails are checked in closed form below.
moderate_z = hnp.arrays(np.float64, hnp.array_shapes(max_dims=3, max_side=5),
                        elements=st.floats(-4, 4, allow_nan=False))


@pytest.mark.parametrize("name", activations.NAMES)
@FAST
@given(z=moderate_z)
def test_derivative_matches_centred_differences(name, z):
    f, f_grad = activations.get(name)
    assume(np.all(np.abs(z) > 1e-3))  # relu, leaky_relu and elu have a kink at 0
    numeric = np.empty_like(z)
    for i in np.ndindex(z.shape):
        x = np.array([z[i]])
        numeric[i] = gradcheck.numerical_gradient(lambda: float(f(x)[0]), x)[0]
    assert gradcheck.rel_error(f_grad(z), numeric) < 1e-7


@pytest.mark.parametrize("name", activations.NAMES)
@FAST
@given(z=finite_z)
def test_elementwise_pure_and_shape_preserving(name, z):
    f, f_grad = activations.get(name)
    before = z.copy()
    out, slope = f(z), f_grad(z)
    assert out.shape == z.shape and slope.shape == z.shape
    np.testing.assert_array_equal(z, before)  # input untouched
    for i in np.ndindex(z.shape):  # each entry depends only on its own input
        assert out[i] == f(np.array(z[i])) and slope[i] == f_grad(np.array(z[i]))


@FAST
@given(z=finite_z)
def test_tanh_is_a_scaled_sigmoid(z):
    np.testing.assert_allclose(activations.tanh(z), 2 * activations.sigmoid(2 * z) - 1, atol=1e-15)


@pytest.mark.parametrize("name", activations.NAMES)
def test_no_warnings_and_finite_at_1000(name):
    f, f_grad = activations.get(name)
    z = np.array([-1000.0, -700.0, 0.0, 700.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.all(np.isfinite(f(z))) and np.all(np.isfinite(f_grad(z)))


def test_known_values():
    np.testing.assert_allclose(activations.sigmoid(np.array([0.0, -1000.0, 1000.0])), [0.5, 0.0, 1.0])
    # The stable form keeps full relative precision in the tail, where 1 + exp(40) would not.
    np.testing.assert_allclose(activations.sigmoid(np.array([-40.0])), np.exp(-40.0), rtol=1e-12)
    assert activations.sigmoid_grad(np.array(0.0)) == 0.25
    assert activations.tanh_grad(np.array(0.0)) == 1.0
    np.testing.assert_array_equal(activations.relu(np.array([-2.0, 0.0, 3.0])), [0, 0, 3])
    np.testing.assert_array_equal(activations.relu_grad(np.array([-2.0, 0.0, 3.0])), [0, 0, 1])
    assert activations.relu_grad(np.array(0.0)) == 0
    np.testing.assert_allclose(activations.leaky_relu(np.array([-2.0, 3.0])), [-0.02, 3])
    np.testing.assert_allclose(activations.leaky_relu_grad(np.array([-2.0, 3.0]), alpha=0.1), [0.1, 1])
    np.testing.assert_allclose(activations.elu(np.array([-1000.0, 2.0]), alpha=2.0), [-2.0, 2.0])
    np.testing.assert_allclose(activations.elu_grad(np.array([-1.0, 2.0])), [np.exp(-1.0), 1.0])


def test_saturated_tails_in_closed_form():
    z = np.array([-30.0, -12.0, 12.0, 30.0])
    e = np.exp(-np.abs(z))
    np.testing.assert_allclose(activations.sigmoid_grad(z), e / (1 + e) ** 2, rtol=1e-12)
    np.testing.assert_allclose(activations.elu_grad(z[:2]), np.exp(z[:2]), rtol=1e-12)
    np.testing.assert_allclose(activations.tanh_grad(np.array([-5.0, 5.0])), 1 / np.cosh(5.0) ** 2, rtol=1e-9)


def test_relu_family_at_zero():
    zero = np.zeros(3)
    np.testing.assert_array_equal(activations.relu_grad(zero), 0)
    np.testing.assert_array_equal(activations.leaky_relu(zero), 0)
    np.testing.assert_array_equal(activations.elu(zero), 0)


def test_leaky_relu_alpha_broadcasts_per_unit():
    z = np.array([[-1.0, -1.0], [2.0, -3.0]])
    alpha = np.array([0.1, 0.5])
    np.testing.assert_allclose(activations.leaky_relu(z, alpha), [[-0.1, -0.5], [2.0, -1.5]])
    np.testing.assert_allclose(activations.leaky_relu_grad(z, alpha), [[0.1, 0.5], [1.0, 0.5]])


def test_one_registry_of_names():
    assert activations.get("relu") == (activations.relu, activations.relu_grad)
    assert activations.NAMES == tuple(activations.ACTIVATIONS)
    assert activations.NAMES == ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "silu")
    for name, (f, f_grad) in activations.ACTIVATIONS.items():
        assert f is getattr(activations, name) and f_grad is getattr(activations, name + "_grad")
    with pytest.raises(ValueError, match=r"name must be one of \('sigmoid'.*'silu'\), got 'swish'"):
        activations.get("swish")


def test_gelu_is_the_tanh_approximation_of_z_times_the_normal_cdf():
    z = np.linspace(-6, 6, 241)
    u = np.sqrt(2 / np.pi) * (z + 0.044715 * z ** 3)
    np.testing.assert_allclose(activations.gelu(z), 0.5 * z * (1 + np.tanh(u)), rtol=1e-12,
                               atol=1e-15)
    exact = 0.5 * z * (1 + np.vectorize(math.erf)(z / np.sqrt(2)))  # z * Phi(z)
    assert np.max(np.abs(activations.gelu(z) - exact)) < 5e-4  # the approximation is close
    assert activations.gelu(np.array(0.0)) == 0 and activations.gelu_grad(np.array(0.0)) == 0.5
    # Its minimum: about -0.17 near z = -0.75, where the slope changes sign.
    assert -0.18 < activations.gelu(z).min() < -0.16
    assert activations.gelu_grad(np.array(-0.8)) < 0 < activations.gelu_grad(np.array(-0.7))


def test_silu_is_z_times_sigmoid():
    z = np.linspace(-8, 8, 161)
    np.testing.assert_allclose(activations.silu(z), z / (1 + np.exp(-z)), rtol=1e-12, atol=1e-15)
    s = 1 / (1 + np.exp(-z))
    np.testing.assert_allclose(activations.silu_grad(z), s + z * s * (1 - s), rtol=1e-9,
                               atol=1e-15)
    assert activations.silu_grad(np.array(0.0)) == 0.5


@pytest.mark.parametrize("name", activations.NAMES)
def test_extreme_inputs_stay_finite_and_relu_like(name):
    f, f_grad = activations.get(name)
    z = np.array([-1e300, -1e6, 1e6, 1e300])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out, slope = f(z), f_grad(z)
    assert np.all(np.isfinite(out)) and np.all(np.isfinite(slope))
    if name in ("relu", "gelu", "silu"):
        np.testing.assert_array_equal(out, [0, 0, 1e6, 1e300])
        np.testing.assert_array_equal(slope, [0, 0, 1, 1])


@pytest.mark.parametrize("name", activations.NAMES)
def test_complex_and_text_inputs_are_refused(name):
    for f in activations.get(name):
        with pytest.raises(TypeError, match=rf"^{f.__name__}: z must hold real numbers"):
            f(np.array([1 + 2j]))
        with pytest.raises(TypeError, match=rf"^{f.__name__}: z must hold real numbers"):
            f("1.0")
