"""A dataset here is a small 2-D classification problem: points X (N, 2) with labels y (N,).

Every generator takes a keyword ``rng`` (a numpy Generator), returns X as float64 (N, 2)
and y as int64 (N,) with labels 0..C-1, and splits the N points as evenly as possible
between the classes, in class order. ``split`` divides a dataset into training and held-out parts.
"""

import numpy as np

from nnkit import validate


def _class_sizes(n, num_classes):
    """How many of n points each class gets: as equal as possible, earlier classes first."""
    return [n // num_classes + (k < n % num_classes) for k in range(num_classes)]


def _labels(sizes):
    return np.repeat(np.arange(len(sizes)), sizes).astype(np.int64)


def spiral(points_per_class=100, num_classes=3, noise=0.2, *, rng):
    """num_classes spiral arms with points_per_class points each; noise jitters the angle."""
    points_per_class = validate.whole_number("spiral", "points_per_class", points_per_class)
    num_classes = validate.whole_number("spiral", "num_classes", num_classes)
    noise = validate.number("spiral", "noise", noise, low=0)
    validate.generator("spiral", rng)
    X = np.zeros((points_per_class * num_classes, 2))
    for k in range(num_classes):
        rows = slice(k * points_per_class, (k + 1) * points_per_class)
        radius = np.linspace(0.0, 1.0, points_per_class)
        angle = np.linspace(4.0 * k, 4.0 * (k + 1), points_per_class)
        angle = angle + noise * rng.standard_normal(points_per_class)
        X[rows] = np.column_stack([radius * np.sin(angle), radius * np.cos(angle)])
    return X, _labels([points_per_class] * num_classes)


def circles(n=200, noise=0.1, factor=0.5, *, rng):
    """Class 0 on the unit circle, class 1 on a circle of radius factor inside it."""
    n = validate.whole_number("circles", "n", n, minimum=2)
    noise = validate.number("circles", "noise", noise, low=0)
    factor = validate.number("circles", "factor", factor,
                              low=0, high=1, low_open=True, high_open=True)
    validate.generator("circles", rng)
    sizes = _class_sizes(n, 2)
    radius = np.repeat([1.0, factor], sizes)
    angle = rng.uniform(0, 2 * np.pi, n)
    X = radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    return X + noise * rng.standard_normal((n, 2)), _labels(sizes)


def moons(n=200, noise=0.1, *, rng):
    """Two interleaving half circles: class 0 arching up, class 1 arching down and shifted."""
    n = validate.whole_number("moons", "n", n, minimum=2)
    noise = validate.number("moons", "noise", noise, low=0)
    validate.generator("moons", rng)
    n0, n1 = _class_sizes(n, 2)
    upper = np.linspace(0, np.pi, n0)
    lower = np.linspace(0, np.pi, n1)
    X = np.concatenate([np.column_stack([np.cos(upper), np.sin(upper)]),
                        np.column_stack([1 - np.cos(lower), 0.5 - np.sin(lower)])])
    return X + noise * rng.standard_normal((n, 2)), _labels([n0, n1])


def xor(n=200, noise=0.1, *, rng):
    """Points in the square [-1, 1]^2; class 1 where the two coordinates have opposite signs."""
    n = validate.whole_number("xor", "n", n, minimum=2)
    noise = validate.number("xor", "noise", noise, low=0)
    validate.generator("xor", rng)
    sizes = _class_sizes(n, 2)
    # Draw points in the first quadrant and send each to a quadrant of its class.
    X = rng.uniform(0.05, 1.0, (n, 2))
    quadrant = np.concatenate([rng.choice([[1, 1], [-1, -1]], sizes[0]),
                               rng.choice([[1, -1], [-1, 1]], sizes[1])])
    return X * quadrant + noise * rng.standard_normal((n, 2)), _labels(sizes)


def blobs(n=200, num_classes=3, std=1.0, *, rng):
    """Gaussian clusters of spread std around centres spaced evenly on a circle of radius 4."""
    n = validate.whole_number("blobs", "n", n)
    num_classes = validate.whole_number("blobs", "num_classes", num_classes)
    std = validate.number("blobs", "std", std, low=0)
    validate.generator("blobs", rng)
    if n < num_classes:
        raise ValueError(f"blobs: n must be at least num_classes = {num_classes}, got {n}")
    angles = 2 * np.pi * np.arange(num_classes) / num_classes
    centres = 4.0 * np.column_stack([np.cos(angles), np.sin(angles)])
    y = _labels(_class_sizes(n, num_classes))
    return centres[y] + std * rng.standard_normal((n, 2)), y


def outliers(n=200, num_outliers=10, *, rng):
    """Two broad clusters, plus num_outliers points placed deep inside the other class's cluster.

    The outliers (split between the two classes, the last rows of each class) are what a
    high-capacity network bends its decision boundary around, as in the CS231n capacity figure.
    """
    n = validate.whole_number("outliers", "n", n, minimum=2)
    num_outliers = validate.whole_number("outliers", "num_outliers", num_outliers, minimum=0)
    validate.generator("outliers", rng)
    if num_outliers > n - 2:
        raise ValueError(
            f"outliers: num_outliers must be at most n - 2 = {n - 2}, got {num_outliers}")
    sizes = _class_sizes(n, 2)
    extra = _class_sizes(num_outliers, 2)
    centres = np.array([[-1.0, 0.0], [1.0, 0.0]])
    parts = []
    for k in range(2):
        regular = centres[k] + 0.7 * rng.standard_normal((sizes[k] - extra[k], 2))
        stray = centres[1 - k] + 0.3 * rng.standard_normal((extra[k], 2))
        parts += [regular, stray]
    return np.concatenate(parts), _labels(sizes)


def split(X, y, *, held_out=0.3, rng):
    """Stratified split of X (N, D), y (N,) -> (X_train, y_train, X_val, y_val).

    round(held_out * n) of each class's n points go to the held-out part (rows in random
    order); every class must keep at least one point on each side.
    """
    validate.finite("split", "X", validate.matrix("split", "X", X))
    validate.labels("split", y, X.shape[0])
    held_out = validate.number("split", "held_out", held_out,
                               low=0, high=1, low_open=True, high_open=True)
    validate.generator("split", rng)
    val_rows = []
    for k in np.unique(y):
        rows = np.flatnonzero(y == k)
        n_val = round(held_out * len(rows))
        if not 0 < n_val < len(rows):
            side = "held-out" if n_val == 0 else "training"
            raise ValueError(
                f"split: held_out={held_out:g} leaves class {k} ({len(rows)} points) with no "
                f"{side} point; for {len(rows)} points use held_out in "
                f"[{1 / len(rows):.3g}, {1 - 1 / len(rows):.3g}]")
        val_rows.append(rng.permutation(rows)[:n_val])
    is_val = np.zeros(len(y), dtype=bool)
    is_val[np.concatenate(val_rows)] = True
    train_rows = rng.permutation(np.flatnonzero(~is_val))
    val_rows = rng.permutation(np.flatnonzero(is_val))
    return X[train_rows], y[train_rows], X[val_rows], y[val_rows]
