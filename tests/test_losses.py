import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from nnkit import gradcheck, losses

FAST = settings(max_examples=30, deadline=None, database=None)
seeds = st.integers(0, 2**32 - 1)


def resolvable(dscores, floor=1e-3):
    """True unless an entry is nonzero but below floor: a centred difference of a loss near 1
    carries ~1e-11 of rounding error, too much to check such an entry to 1e-7 relative error."""
    return bool(np.all((dscores == 0) | (np.abs(dscores) >= floor)))


def numeric_dscores(loss_fn, scores, y, **kwargs):
    return gradcheck.numerical_gradient(lambda: loss_fn(scores, y, **kwargs)[0], scores)


@FAST
@given(seed=seeds, N=st.integers(1, 6), C=st.integers(2, 5), scale=st.sampled_from([0.1, 1.0, 5.0]))
def test_softmax_cross_entropy_gradient(seed, N, C, scale):
    rng = np.random.default_rng(seed)
    scores = scale * rng.standard_normal((N, C))
    y = rng.integers(0, C, N)
    loss, dscores = losses.softmax_cross_entropy(scores, y)
    assert dscores.shape == scores.shape
    assume(resolvable(dscores))  # a probability of 1e-6 gives a gradient entry of 1e-6 / N
    assert gradcheck.rel_error(dscores, numeric_dscores(losses.softmax_cross_entropy, scores, y)) < 1e-7


@FAST
@given(seed=seeds, N=st.integers(1, 6), C=st.integers(2, 5), margin=st.sampled_from([0.5, 1.0]))
def test_multiclass_hinge_gradient(seed, N, C, margin):
    rng = np.random.default_rng(seed)
    scores = rng.standard_normal((N, C))
    y = rng.integers(0, C, N)
    margins = scores - scores[np.arange(N), y][:, None] + margin
    margins[np.arange(N), y] = 1.0
    assume(np.abs(margins).min() > 1e-3)  # stay off the hinge's kink
    _, dscores = losses.multiclass_hinge(scores, y, margin=margin)
    numeric = numeric_dscores(losses.multiclass_hinge, scores, y, margin=margin)
    assert gradcheck.rel_error(dscores, numeric) < 1e-7


@pytest.mark.parametrize("shape", ["flat", "column"])
@pytest.mark.parametrize("loss_fn", [losses.binary_logistic, losses.binary_hinge])
@FAST
@given(seed=seeds, N=st.integers(1, 8))
def test_binary_loss_gradients(loss_fn, shape, seed, N):
    rng = np.random.default_rng(seed)
    scores = 2 * rng.standard_normal(N if shape == "flat" else (N, 1))
    y = rng.integers(0, 2, N)
    if loss_fn is losses.binary_hinge:
        assume(np.abs(1 - (2 * y - 1) * scores.ravel()).min() > 1e-3)  # stay off the kink
    loss, dscores = loss_fn(scores, y)
    assert dscores.shape == scores.shape and isinstance(loss, float)
    assume(resolvable(dscores))
    assert gradcheck.rel_error(dscores, numeric_dscores(loss_fn, scores, y)) < 1e-7


@FAST
@given(seed=seeds, reg=st.floats(0, 1))
def test_l2_penalty_value_and_gradient(seed, reg):
    W = np.random.default_rng(seed).standard_normal((3, 4))
    loss, dW = losses.l2_penalty(W, reg)
    assume(resolvable(dW))
    assert loss == pytest.approx(0.5 * reg * np.sum(W ** 2))
    np.testing.assert_allclose(dW, reg * W)
    assert gradcheck.rel_error(dW, gradcheck.numerical_gradient(lambda: losses.l2_penalty(W, reg)[0], W)) < 1e-7


def test_softmax_gradient_known_value():
    probs = np.array([[0.2, 0.3, 0.5]])
    loss, dscores = losses.softmax_cross_entropy(np.log(probs), np.array([2]))
    np.testing.assert_allclose(dscores, [[0.2, 0.3, -0.5]], atol=1e-15)
    assert loss == pytest.approx(-np.log(0.5))


def test_loss_is_the_mean_over_rows():
    scores = np.log(np.array([[0.2, 0.3, 0.5], [0.1, 0.1, 0.8]]))
    loss, dscores = losses.softmax_cross_entropy(scores, np.array([2, 0]))
    assert loss == pytest.approx((-np.log(0.5) - np.log(0.1)) / 2)
    np.testing.assert_allclose(dscores, [[0.1, 0.15, -0.25], [-0.45, 0.05, 0.4]], atol=1e-15)


def test_multiclass_hinge_known_value():
    """The CS231n example: scores (3.2, 5.1, -1.7) for the cat class give loss 2.9."""
    loss, dscores = losses.multiclass_hinge(np.array([[3.2, 5.1, -1.7]]), np.array([0]))
    assert loss == pytest.approx(2.9)
    np.testing.assert_allclose(dscores, [[-1.0, 1.0, 0.0]])


def test_binary_known_values():
    loss, dscores = losses.binary_logistic(np.array([0.0, 0.0]), np.array([0, 1]))
    assert loss == pytest.approx(np.log(2))
    np.testing.assert_allclose(dscores, [0.25, -0.25])
    loss, dscores = losses.binary_hinge(np.array([[2.0], [0.5], [-0.5]]), np.array([1, 1, 0]))
    assert loss == pytest.approx((0 + 0.5 + 0.5) / 3)
    np.testing.assert_allclose(dscores, [[0.0], [-1 / 3], [1 / 3]])


def test_softmax_probabilities():
    scores = np.array([[1.0, 2.0, 3.0], [1000.0, 1000.0, -1000.0]])
    probs = losses.softmax(scores)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0)
    np.testing.assert_allclose(probs[1], [0.5, 0.5, 0.0])
    np.testing.assert_allclose(losses.softmax(scores[:1] + 100.0), probs[:1])  # shift invariant


@pytest.mark.parametrize("loss_fn", [losses.softmax_cross_entropy, losses.multiclass_hinge])
def test_multiclass_losses_stable_at_1000(loss_fn):
    scores = np.array([[1000.0, 0.0, -1000.0], [-1000.0, 1000.0, 999.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        right, d_right = loss_fn(scores, np.array([0, 1]))
        wrong, d_wrong = loss_fn(scores, np.array([2, 0]))
    assert np.isfinite([right, wrong]).all() and np.isfinite(d_right).all() and np.isfinite(d_wrong).all()
    assert right == pytest.approx(np.log1p(np.exp(-1.0)) / 2 if loss_fn is losses.softmax_cross_entropy else 0)
    assert wrong > 1000


@pytest.mark.parametrize("loss_fn", [losses.binary_logistic, losses.binary_hinge])
def test_binary_losses_stable_at_1000(loss_fn):
    scores = np.array([1000.0, -1000.0, 1000.0, -1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        right, _ = loss_fn(scores, np.array([1, 0, 1, 0]))
        wrong, dscores = loss_fn(scores, np.array([0, 1, 0, 1]))
    assert right == 0.0 and wrong == pytest.approx(1000 + (loss_fn is losses.binary_hinge))
    assert np.isfinite(dscores).all()
    np.testing.assert_array_equal(losses.softmax(np.array([[1000.0, -1000.0]])), [[1.0, 0.0]])


def test_l2_step_is_gradual_forgetting():
    W = np.random.default_rng(0).standard_normal((4, 5))
    lr, reg = 0.1, 0.5
    _, dW = losses.l2_penalty(W, reg)
    np.testing.assert_allclose(W - lr * dW, (1 - lr * reg) * W)


def test_losses_do_not_modify_their_inputs():
    rng = np.random.default_rng(1)
    scores, y = rng.standard_normal((4, 3)), np.array([0, 2, 1, 1])
    for loss_fn in (losses.softmax_cross_entropy, losses.multiclass_hinge):
        before = scores.copy()
        loss_fn(scores, y)
        np.testing.assert_array_equal(scores, before)


@pytest.mark.parametrize("dtype", [np.uint8, np.int8, np.uint16, np.int32, np.uint64])
def test_labels_of_any_integer_dtype_give_the_same_loss(dtype):
    """The labels are compared, never computed with: 2 * y - 1 wraps for uint8 (issue 16)."""
    rng = np.random.default_rng(2)
    y = np.array([0, 1, 1, 0, 1])
    scores = rng.standard_normal((5, 3))
    flat = rng.standard_normal(5)
    for loss_fn, s in [(losses.softmax_cross_entropy, scores), (losses.multiclass_hinge, scores),
                       (losses.binary_logistic, flat), (losses.binary_hinge, flat)]:
        expected, expected_d = loss_fn(s, y)
        loss, d = loss_fn(s, y.astype(dtype))
        assert loss == expected, loss_fn.__name__
        np.testing.assert_array_equal(d, expected_d)


def test_binary_hinge_with_uint8_labels_learns_the_circles():
    from nnkit import datasets, model, train
    rng = np.random.default_rng(3)
    X, y = datasets.circles(n=200, noise=0.05, rng=rng)
    net = model.MLP([2, 20, 1], rng=rng)
    history = train.train(net, X, y.astype(np.uint8), loss_fn=losses.binary_hinge, lr=0.5,
                          steps=1000, eval_every=1000)
    assert history.train_acc[-1] >= 0.95 and history.train_loss[-1] < 0.3


def test_scores_without_columns_are_blamed_not_the_labels():
    for loss_fn in (losses.softmax_cross_entropy, losses.multiclass_hinge, losses.softmax):
        with pytest.raises(ValueError, match=r"scores must have at least one row and one column"):
            loss_fn(np.ones((4, 0)), np.zeros(4, dtype=int)) if loss_fn is not losses.softmax \
                else loss_fn(np.ones((4, 0)))
