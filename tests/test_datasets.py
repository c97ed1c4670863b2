import numpy as np
import pytest

from nnkit import datasets

GENERATORS = {
    "spiral": lambda rng: datasets.spiral(rng=rng),
    "circles": lambda rng: datasets.circles(rng=rng),
    "moons": lambda rng: datasets.moons(rng=rng),
    "xor": lambda rng: datasets.xor(rng=rng),
    "blobs": lambda rng: datasets.blobs(rng=rng),
    "outliers": lambda rng: datasets.outliers(rng=rng),
}


@pytest.mark.parametrize("name", GENERATORS)
def test_shapes_dtypes_and_labels(name):
    X, y = GENERATORS[name](np.random.default_rng(0))
    N = 300 if name == "spiral" else 200
    assert X.shape == (N, 2) and X.dtype == np.float64
    assert y.shape == (N,) and y.dtype == np.int64
    C = 2 if name in ("circles", "moons", "xor", "outliers") else 3
    counts = np.bincount(y)
    assert len(counts) == C and counts.sum() == N and counts.max() - counts.min() <= 1
    assert np.all(np.isfinite(X))


@pytest.mark.parametrize("name", GENERATORS)
def test_same_seed_same_data_new_seed_new_data(name):
    X1, y1 = GENERATORS[name](np.random.default_rng(1))
    X2, y2 = GENERATORS[name](np.random.default_rng(1))
    X3, _ = GENERATORS[name](np.random.default_rng(2))
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(X1, X3)


def test_spiral_matches_the_cs231n_construction():
    X, y = datasets.spiral(points_per_class=50, num_classes=4, noise=0.0, rng=np.random.default_rng(0))
    assert X.shape == (200, 2) and set(y) == {0, 1, 2, 3}
    radius = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(radius[:50], np.linspace(0, 1, 50))
    np.testing.assert_allclose(X[49], [np.sin(4.0), np.cos(4.0)])  # arm 0 ends at angle 4


def test_circles_radii_and_xor_quadrants_without_noise():
    X, y = datasets.circles(n=101, noise=0.0, factor=0.3, rng=np.random.default_rng(0))
    radius = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(radius[y == 0], 1.0)
    np.testing.assert_allclose(radius[y == 1], 0.3)
    assert np.bincount(y).tolist() == [51, 50]
    X, y = datasets.xor(n=100, noise=0.0, rng=np.random.default_rng(0))
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(int))


def test_moons_and_blobs_are_separated_as_described():
    X, y = datasets.moons(n=100, noise=0.0, rng=np.random.default_rng(0))
    np.testing.assert_allclose(np.hypot(X[y == 0, 0], X[y == 0, 1]), 1.0)
    np.testing.assert_allclose(np.hypot(X[y == 1, 0] - 1, X[y == 1, 1] - 0.5), 1.0)
    X, y = datasets.blobs(n=300, num_classes=3, std=0.5, rng=np.random.default_rng(0))
    centres = np.array([X[y == k].mean(axis=0) for k in range(3)])
    np.testing.assert_allclose(np.hypot(centres[:, 0], centres[:, 1]), 4.0, atol=0.2)


def test_outliers_sit_inside_the_other_class():
    X, y = datasets.outliers(n=200, num_outliers=10, rng=np.random.default_rng(0))
    # Class 0 lives around x = -1, class 1 around x = +1; five of each sit across the border.
    assert np.sum((y == 0) & (X[:, 0] > 0.3)) >= 5 and np.sum((y == 1) & (X[:, 0] < -0.3)) >= 5
    assert np.median(X[y == 0, 0]) < -0.5 < 0.5 < np.median(X[y == 1, 0])


def test_split_is_stratified_disjoint_and_complete():
    y = np.repeat(np.arange(3), 100)
    X = np.column_stack([np.arange(300.0), y])  # column 0 names the row, column 1 its label
    X_tr, y_tr, X_val, y_val = datasets.split(X, y, held_out=0.2, rng=np.random.default_rng(1))
    assert len(y_tr) == 240 and len(y_val) == 60
    np.testing.assert_array_equal(np.bincount(y_val), [20, 20, 20])
    np.testing.assert_array_equal(np.sort(np.concatenate([X_tr[:, 0], X_val[:, 0]])), np.arange(300))
    np.testing.assert_array_equal(X_tr[:, 1], y_tr)
    np.testing.assert_array_equal(X_val[:, 1], y_val)
    again = datasets.split(X, y, held_out=0.2, rng=np.random.default_rng(1))
    np.testing.assert_array_equal(again[2], X_val)


@pytest.mark.parametrize("held_out, side", [(0.01, "held-out"), (0.99, "training")])
def test_split_refuses_to_leave_a_class_empty_on_one_side(held_out, side):
    X, y = datasets.spiral(points_per_class=30, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match=rf"split: held_out={held_out} leaves class 0 \(30 points\)"
                                         rf" with no {side} point; for 30 points use held_out in "
                                         r"\[0.0333, 0.967\]"):
        datasets.split(X, y, held_out=held_out, rng=np.random.default_rng(1))
    for edge in (1 / 30, 1 - 1 / 30):  # the edges of that range work
        parts = datasets.split(X, y, held_out=edge, rng=np.random.default_rng(1))
        assert all(len(np.unique(part)) == 3 for part in (parts[1], parts[3]))


def test_one_spiral_and_whole_numbers():
    assert [name for name in dir(datasets) if "spiral" in name] == ["spiral"]
    for bad in (2.0, 2.5, True):
        with pytest.raises(TypeError, match=r"moons: n must be a whole number"):
            datasets.moons(n=bad, rng=np.random.default_rng(0))
    with pytest.raises(TypeError, match=r"outliers: num_outliers must be a whole number"):
        datasets.outliers(num_outliers=3.0, rng=np.random.default_rng(0))
