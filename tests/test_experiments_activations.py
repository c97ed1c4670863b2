"""The experiments of chapter 3 (activation functions) return the numbers the chapter asserts."""

import numpy as np
import pytest

from nnkit import train
from nnbook import playground, static
from nnbook.experiments import activations as ex


def test_spiral_data_is_the_running_example():
    X, y = ex.spiral_data(seed=0)
    assert X.shape == (300, 2) and y.shape == (300,) and set(np.unique(y)) == {0, 1, 2}
    X2, _ = ex.spiral_data(seed=0)
    assert np.array_equal(X, X2)


def test_tanh_is_a_rescaled_sigmoid():
    assert ex.tanh_identity_error() < 1e-12


def test_large_weights_saturate_sigmoid_units_and_small_weights_shrink_gradients():
    result = ex.sigmoid_saturation(init_stds=(0.1, 3.0, 10.0), depth=4, width=30, seeds=(0,))
    assert result.saturated.shape == (3, 4) and result.grad_norms.shape == (3, 5)
    deep = result.saturated[:, 1:].mean(axis=1)
    assert deep[0] == 0 and deep[1] > 0.5 and deep[2] > deep[1]
    ratios = result.first_to_last()
    assert ratios[0] < 1e-2 < ratios[2]
    assert np.all(np.diff(np.log(result.grad_norms[0])) > 0)  # small weights: shrinks layer by layer


def test_one_example_gives_one_sign_and_a_batch_mixes_signs():
    pattern = ex.sign_pattern(rng=np.random.default_rng(0), batch=6, inputs=4)
    assert (pattern.X > 0).all()
    assert (np.sign(pattern.dW_one) == np.sign(pattern.dz[0])).all()
    np.testing.assert_allclose(pattern.dW_one, pattern.dz[0] * pattern.X[0])
    np.testing.assert_allclose(pattern.dW_batch, pattern.X.T @ pattern.dz)
    assert (pattern.dW_batch > 0).any() and (pattern.dW_batch < 0).any()


def test_zigzag_positive_inputs_always_move_both_weights_the_same_way():
    zz = ex.zigzag(lrs=(1.0, 2.0))
    assert all(zz.same_sign[("positive", lr)] == 1.0 for lr in zz.lrs)
    assert zz.same_sign[("centred", 1.0)] < 0.8
    _, steps_pos = zz.best("positive")
    _, steps_cen = zz.best("centred")
    assert steps_cen < steps_pos
    path = zz.paths[("positive", 1.0)]
    moves = np.diff(path, axis=0)
    assert np.all(np.sign(moves[:, 0]) == np.sign(moves[:, 1]))


def test_zigzag_stops_a_diverging_run():
    zz = ex.zigzag(lrs=(50.0,), max_steps=50)
    assert zz.best("positive") == (None, None)
    assert np.all(np.isfinite(zz.paths[("positive", 50.0)]))


def test_relu_reaches_the_target_in_fewer_steps_than_tanh():
    result = ex.relu_vs_tanh(lrs=(1.0,), seeds=(0, 1), max_steps=300)
    assert result.steps.shape == (2, 1, 2)
    assert result.best_lr("relu") == 1.0
    assert result.ratio() > 1.5
    assert not result.diverged.any() and result.dead.shape == (2, 1, 2)
    assert np.all(result.dead[1] == 0)  # tanh units have no dead fraction


def test_steps_to_target_returns_none_when_the_target_is_out_of_reach():
    X, y = ex.spiral_data(seed=0)
    steps, diverged, dead = ex.steps_to_target("relu", lr=0.01, seed=0, X=X, y=y, max_steps=20)
    assert steps is None and not diverged and 0 <= dead < 0.2
    steps, diverged, dead = ex.steps_to_target("relu", lr=1.0, seed=0, X=X, y=y, max_steps=300)
    assert steps is not None and 0 < steps < 300 and not diverged and 0 <= dead < 0.5


def test_steps_to_target_reports_a_diverged_run(monkeypatch):
    def diverge(*args, **kwargs):
        raise train.Diverged(3, float("inf"), kwargs["lr"], train.History())

    monkeypatch.setattr(ex.train, "train", diverge)
    X, y = ex.spiral_data(seed=0)
    steps, diverged, dead = ex.steps_to_target("relu", lr=1.0, seed=0, X=X, y=y)
    assert steps is None and diverged and np.isnan(dead)


def test_dead_fraction_grows_with_the_learning_rate():
    result = ex.dead_relus(lrs=(1.0, 8.0), seeds=(0, 1), hidden=30, steps=150, keep_nets=True)
    assert result.dead.shape == (2, 2)
    assert result.mean_dead()[0] < 0.1 < 0.5 < result.mean_dead()[1]
    assert set(result.nets) == {1.0, 8.0}
    pngs, captions = ex.render_dead_pictures(result, resolution=30)
    assert len(pngs) == 2 and all(p.startswith(b"\x89PNG") for p in pngs)
    assert "dead" in captions[1]


def test_render_dead_pictures_needs_the_nets():
    result = ex.dead_relus(lrs=(1.0,), seeds=(0,), hidden=10, steps=5)
    with pytest.raises(ValueError, match="keep_nets=True"):
        ex.render_dead_pictures(result)


def test_prelu_slopes_move_away_from_their_start():
    result = ex.prelu_slopes(hidden=20, steps=200)
    assert result.alphas.shape == (20,) and result.init_alpha == 0.25
    assert np.ptp(result.alphas) > 0.1


def test_maxout_doubles_the_parameters():
    counts = ex.maxout_params(7, 5)
    assert counts == {"linear": 40, "maxout": 80, "ratio": 2.0}


def test_activation_pictures_reuse_the_static_frames():
    frames = static.activation_frames(rng=np.random.default_rng(0), names=("relu", "maxout"), steps=5,
                                      resolution=20)
    run = playground.Run(frames[0].settings, rng=np.random.default_rng(frames[0].seed))
    pngs = ex.render_activation_pictures(frames, data=(run.X_train, run.y_train, run.X_val, run.y_val))
    assert len(pngs) == 2 and all(p.startswith(b"\x89PNG") for p in pngs)


def test_figures_draw(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    ex.draw_saturation(ex.sigmoid_saturation(init_stds=(0.1, 3.0), depth=2, width=10, seeds=(0,)))
    ex.draw_zigzag(ex.zigzag(lrs=(1.0,)), lr=1.0)
    ex.draw_convergence(ex.relu_vs_tanh(lrs=(1.0,), seeds=(0,), max_steps=50))
    ex.draw_dead(ex.dead_relus(lrs=(1.0, 8.0), seeds=(0,), hidden=10, steps=20))
    ex.draw_prelu(ex.prelu_slopes(hidden=5, steps=10))
    plt.savefig(tmp_path / "last.png")
    plt.close("all")
