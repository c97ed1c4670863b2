"""Chapter 2's experiments: the two clouds, a neuron's boundary angle, logistic versus hinge,
the sweep of directions and L2 as gradual forgetting."""

import math

import numpy as np
import pytest

from nnbook.experiments import neuron as experiments
from nnkit import activations, neuron


def test_neuron_forward_matches_the_formula():
    cell = neuron.Neuron([0.5, -1.2, 2.0], -0.3)
    z = 0.5 * 1.0 - 1.2 * 0.4 + 2.0 * 0.25 - 0.3
    assert cell.forward(np.array([1.0, 0.4, 0.25])) == pytest.approx(1 / (1 + math.exp(-z)))
    X = np.random.default_rng(0).standard_normal((6, 3))
    np.testing.assert_allclose(cell.forward_batch(X), [cell.forward(x) for x in X])


def test_make_data_is_seeded_and_split():
    a, b = experiments.make_data(data_seed=5), experiments.make_data(data_seed=5)
    assert all(np.array_equal(u, v) for u, v in zip(a, b))
    X, y, X_val, y_val = a
    assert X.shape == (140, 2) and X_val.shape == (60, 2)
    assert set(y) == set(y_val) == {0, 1}
    assert not np.array_equal(X, experiments.make_data(data_seed=6)[0])


@pytest.mark.parametrize("w, angle", [((0.0, 1.0), 0.0), ((1.0, 0.0), 90.0), ((1.0, 1.0), 135.0),
                                      ((-1.0, 0.6), 59.03624346792648)])
def test_boundary_angle(w, angle):
    got = experiments.boundary_angle(np.array(w))
    assert got == pytest.approx(angle) and 0 <= got < 180
    assert experiments.boundary_angle(-np.array(w)) == pytest.approx(angle)  # same line
    # The line runs in that direction: moving along it leaves w . x unchanged.
    direction = np.array([math.cos(math.radians(got)), math.sin(math.radians(got))])
    assert abs(direction @ np.array(w)) < 1e-12


def test_logistic_vs_svm():
    r = experiments.logistic_vs_svm(data_seed=2026, init_seed=2027)
    for name in ("logistic", "hinge"):
        assert r.train_acc[name] > 0.9 and r.val_acc[name] > 0.9
        np.testing.assert_array_equal(r.models[name].layers[0].params["W"][:, 0], r.w[name])
    assert r.angle_deg < 15 and r.agreement > 0.9 and r.prob_rule_agrees
    cos = r.w["logistic"] @ r.w["hinge"] / np.prod([np.linalg.norm(v) for v in r.w.values()])
    assert r.angle_deg == pytest.approx(math.degrees(math.acos(cos)))


def test_direction_sweep():
    X, y, _, _ = experiments.make_data(data_seed=2026)
    d = experiments.direction_sweep(X, y, np.arange(0, 360, 45))
    assert d.w.shape == (8, 2) and d.b.shape == d.accuracy.shape == (8,)
    np.testing.assert_allclose(d.w @ X.mean(axis=0) + d.b, 0, atol=1e-12)  # through the centre
    np.testing.assert_allclose(d.accuracy + np.roll(d.accuracy, -4), 1.0)  # opposites swap sides
    for w, b, acc in zip(d.w, d.b, d.accuracy):
        assert acc == np.mean((activations.sigmoid(X @ w + b) > 0.5) == (y == 1))
    assert d.accuracy.max() > 0.9


@pytest.mark.parametrize("lr, reg, k", [(0.1, 0.01, 693), (0.5, 0.5, 3), (0.9, 1.0, 1)])
def test_steps_to_halve(lr, reg, k):
    assert experiments.steps_to_halve(lr, reg) == k
    assert (1 - lr * reg) ** k <= 0.5 < (1 - lr * reg) ** (k - 1)


def test_forgetting_is_geometric():
    f = experiments.forgetting(np.array([1.5, -0.8, 0.4]), lr=0.1, reg=0.01, steps=1000)
    assert f.weights.shape == f.predicted.shape == (1001, 3)
    assert f.max_rel_error < 1e-12 and f.halving_steps == experiments.steps_to_halve(0.1, 0.01)
    np.testing.assert_allclose(f.weights[1:] / f.weights[:-1], 0.999, rtol=1e-12)
    short = experiments.forgetting([1.0], lr=0.1, reg=0.01, steps=10)
    assert short.halving_steps == -1  # not halved within 10 steps
