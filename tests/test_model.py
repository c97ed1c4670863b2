import numpy as np
import pytest

from nnkit import layers, losses, model


@pytest.fixture
def rng():
    return np.random.default_rng(0)


def test_param_counts_match_the_note(rng):
    assert model.MLP([3, 4, 2], rng=rng).num_params() == 26
    assert model.MLP([3, 4, 4, 1], rng=rng).num_params() == 41
    assert model.MLP([3, 4, 4, 1], rng=rng).num_neurons() == 9


def test_repr(rng):
    assert repr(model.MLP([2, 100, 3], rng=rng)) == "MLP(2 -> 100 relu -> 3)"
    assert repr(model.MLP([3, 4, 4, 1], activation="tanh", rng=rng)) == "MLP(3 -> 4 tanh -> 4 tanh -> 1)"
    assert repr(model.MLP([2, 3], rng=rng)) == "MLP(2 -> 3)"
