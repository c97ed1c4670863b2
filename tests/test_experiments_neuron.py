"""Chapter 2's experiments and nnkit.neuron: the Neuron class, logistic versus hinge, the rate
code and L2 forgetting."""

import math

import numpy as np
import pytest

from nnkit import activations, neuron
from nnbook.experiments import neuron as experiments


def test_neuron_forward_by_hand():
    cell = neuron.Neuron([0.5, -1.2, 2.0], -0.3)
    z = 0.5 * 1.0 - 1.2 * 0.4 + 2.0 * 0.25 - 0.3
    assert cell.forward(np.array([1.0, 0.4, 0.25])) == pytest.approx(1 / (1 + math.exp(-z)), rel=1e-12)
    X = np.random.default_rng(0).standard_normal((6, 3))
    np.testing.assert_allclose(cell.forward_batch(X), [cell.forward(x) for x in X])
    assert repr(cell) == "Neuron(3 inputs, sigmoid)"


def test_neuron_is_stable_and_validates():
    cell = neuron.Neuron([1.0], 0.0)
    assert cell.forward(np.array([-1000.0])) == 0.0 and cell.forward(np.array([1000.0])) == 1.0
    with pytest.raises(ValueError, match=r"inputs must have shape \(1,\)"):
        cell.forward(np.array([1.0, 2.0]))
    with pytest.raises(ValueError, match=r"\(N, 1\)"):
        cell.forward_batch(np.array([1.0]))
    with pytest.raises(ValueError, match="weights"):
        neuron.Neuron(np.zeros((2, 2)), 0.0)
    with pytest.raises(TypeError, match="activation"):
        neuron.Neuron([1.0], 0.0, activation="relu")
    assert neuron.Neuron([1.0], 0.0, activation=activations.relu).forward(np.array([-2.0])) == 0.0


def test_make_data_is_seeded():
    a, b = experiments.make_data(seed=5), experiments.make_data(seed=5)
    assert all(np.array_equal(u, v) for u, v in zip(a, b))
    assert a[0].shape == (140, 2) and a[2].shape == (60, 2)


def test_logistic_vs_svm():
    r = experiments.logistic_vs_svm(data_seed=2026, model_seed=2027)
    for name in ("logistic", "hinge"):
        assert r.train_acc[name] > 0.9 and r.val_acc[name] > 0.9
    assert r.angle_deg < 15 and r.agreement > 0.9 and r.prob_rule_agrees


def test_train_neuron_rejects_unknown_loss():
    X, y, _, _ = experiments.make_data(seed=0)
    with pytest.raises(ValueError, match="loss"):
        experiments.train_neuron(X, y, loss="squared", rng=np.random.default_rng(0))


def test_per_example_losses():
    curves = experiments.per_example_losses(np.array([-1.0, 0.0, 1.0, 2.0]))
    np.testing.assert_allclose(curves["hinge"], [2, 1, 0, 0])
    np.testing.assert_allclose(curves["logistic"], np.log1p(np.exp(-np.array([-1.0, 0.0, 1.0, 2.0]))))


def test_rate_code_counts_follow_the_sigmoid():
    r = experiments.rate_code(np.linspace(-4, 4, 9), rng=np.random.default_rng(1), duration=20.0)
    np.testing.assert_allclose(r.model_rate, 100 * activations.sigmoid(r.z))
    assert np.all(np.abs(r.counted_rate - r.model_rate) < 4 * np.sqrt(r.model_rate / 20.0) + 1)
    assert all(np.all((t >= 0) & (t < 20.0)) for t in r.spikes)


@pytest.mark.parametrize("lr, reg, k", [(0.1, 0.01, 693), (0.1, 0.05, 139), (0.5, 0.5, 3)])
def test_steps_to_halve(lr, reg, k):
    assert experiments.steps_to_halve(lr, reg) == k
    assert (1 - lr * reg) ** k <= 0.5 < (1 - lr * reg) ** (k - 1)


def test_steps_to_halve_validates():
    with pytest.raises(ValueError, match="lr \\* reg"):
        experiments.steps_to_halve(1.0, 2.0)


def test_forgetting_is_geometric():
    f = experiments.forgetting(np.array([1.5, -0.8, 0.4]), lr=0.1, reg=0.01, steps=1000)
    assert f.max_rel_error < 1e-12 and f.halving_steps == 693
    assert f.weights.shape == (1001, 3)


def test_unused_input_decays_while_others_learn():
    u = experiments.unused_input(data_seed=2026, model_seed=2027)
    assert u.max_rel_error < 1e-12
    assert u.unused[0] == 1.0 and u.unused[-1] < 0.2
    assert u.train_acc > 0.9


def test_direction_frames():
    X, y, _, _ = experiments.make_data(seed=2026)
    frames = experiments.direction_frames(X, y, [0, 90, 180, 270])
    for a, b in ((0, 2), (1, 3)):  # opposite directions classify the opposite way
        assert frames[a]["accuracy"] + frames[b]["accuracy"] == pytest.approx(1.0, abs=0.02)
    pngs = experiments.render_direction_frames(frames[:1], X, y)
    assert pngs[0][:4] == b"\x89PNG"
