"""nnbook.experiments.representation: the numbers chapter 6 asserts, checked by property."""

import numpy as np
import pytest

from nnbook import approximation
from nnbook.experiments import representation


def test_approximation_errors_fall_with_the_expected_rates():
    errors = representation.approximation_errors((10, 40, 160))
    for name in ("sigmoid", "indicator", "relu"):
        values = getattr(errors, name)
        assert values[0] > values[1] > values[2]
    assert -1.2 < errors.slope("sigmoid") < -0.85
    assert -2.1 < errors.slope("relu") < -1.9
    with pytest.raises(ValueError, match="even"):
        representation.approximation_errors((3,))


def test_units_for_error_is_the_smallest_even_count():
    h = representation.units_for_error(0.1)
    assert h % 2 == 0

    def err(units):
        net = approximation.sigmoid_bump_network(representation.target, -2, 2, units // 2)
        return approximation.max_error(representation.target, net, -2, 2)

    assert err(h) < 0.1 <= err(h - 2)


def test_sharpness_has_a_sweet_spot():
    errs = representation.sharpness_errors(40)
    best = min(errs, key=errs.get)
    assert min(errs) < best < max(errs)
    assert errs[80.0] > errs[20.0] > errs[best]
    with pytest.raises(ValueError, match="even"):
        representation.sharpness_errors(7)


def test_target_is_the_chapters_function():
    x = np.linspace(-2, 2, 5)
    assert np.allclose(representation.target(x), np.sin(3 * x) + 0.3 * x ** 2)
