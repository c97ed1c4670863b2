"""An approximator is a one-hidden-layer network whose weights are written down by hand, unit
by unit, so that it matches a given function as closely as we like.

The pieces, smallest first (x is any array of inputs, the result has x's shape):

- a *step* rises from 0 to 1 around ``center``: ``sigmoid_step`` is one steep sigmoid unit,
  ``relu_step`` is two ReLU units whose ramps cancel beyond the step;
- a *bump* is one step minus a later step: ``height`` between ``left`` and ``right``, 0
  elsewhere (``sigmoid_bump``, ``relu_bump``, and the exact ``indicator_bump``);
- a *network* adds many bumps: ``sigmoid_bump_network`` (two sigmoid units per bump) and
  ``relu_interpolation_network`` (one ReLU unit per knot) return a ``OneHiddenLayer`` whose
  weights ``W1 (1, H)``, ``b1 (H,)``, ``W2 (H, 1)``, ``b2 (1,)`` can be loaded into
  ``nnkit.model.MLP([1, H, 1])``;
- ``IndicatorBumps`` is the same sum of bumps made of exact rectangles, which is just as
  "universal" and is not a neural network anyone would train.

Shapes: N inputs, H hidden units, K bumps.  Scalar functions only (D = 1, one output).
"""

from dataclasses import dataclass

import numpy as np

from nnkit import activations, validate

HIDDEN_ACTIVATIONS = ("sigmoid", "relu")


def _x(where, x):
    """x as a float array (any shape) of real numbers."""
    return validate.real_array(where, "x", x).astype(float)


def _interval(where, lo, hi):
    lo, hi = validate.number(where, "lo", lo), validate.number(where, "hi", hi)
    if not lo < hi:
        raise ValueError(f"{where}: need lo < hi, got lo={lo:g}, hi={hi:g}")
    return lo, hi


# --- steps and bumps ---------------------------------------------------------------------


def sigmoid_step(x, center, steepness):
    """sigmoid(steepness * (x - center)): 0 left of center, 1 right of it, 0.5 at center.

    One sigmoid neuron with weight w = steepness and bias b = -steepness * center.
    The rise takes about 10 / steepness in x (from 0.7% to 99.3%).  x: any shape.
    """
    where = "sigmoid_step"
    x = _x(where, x)
    center = validate.number(where, "center", center)
    steepness = validate.number(where, "steepness", steepness)
    return activations.sigmoid(steepness * (x - center))


def relu_step(x, center, width):
    """A ramp from 0 at center - width/2 to 1 at center + width/2, made of two ReLU units.

    (relu(x - a) - relu(x - c)) / width with a, c the ramp's ends: past c the two ramps grow
    at the same rate and their difference stays 1.  x: any shape.
    """
    where = "relu_step"
    x = _x(where, x)
    center = validate.number(where, "center", center)
    width = validate.number(where, "width", width, low=0, low_open=True)
    a, c = center - width / 2, center + width / 2
    return (activations.relu(x - a) - activations.relu(x - c)) / width


def sigmoid_bump(x, left, right, height, steepness):
    """height * (step at left - step at right): about height on (left, right), 0 elsewhere.

    Two sigmoid neurons with the same weight and output weights +height and -height.
    """
    where = "sigmoid_bump"
    x = _x(where, x)
    left, right, height, steepness = (validate.number(where, name, v) for name, v in (
        ("left", left), ("right", right), ("height", height), ("steepness", steepness)))
    return height * (sigmoid_step(x, left, steepness) - sigmoid_step(x, right, steepness))


def relu_bump(x, left, right, height, width):
    """height * (relu_step at left - relu_step at right): four ReLU neurons, ramps of ``width``."""
    where = "relu_bump"
    x = _x(where, x)
    left, right, height = (validate.number(where, name, v) for name, v in (
        ("left", left), ("right", right), ("height", height)))
    width = validate.number(where, "width", width, low=0, low_open=True)
    return height * (relu_step(x, left, width) - relu_step(x, right, width))


def indicator_bump(x, left, right, height):
    """height on [left, right), exactly 0 elsewhere (the limit of an infinitely steep bump)."""
    where = "indicator_bump"
    x = _x(where, x)
    left, right = validate.number(where, "left", left), validate.number(where, "right", right)
    height = validate.number(where, "height", height)
    return height * ((x >= left) & (x < right)).astype(float)


def max_error(f, g, lo, hi, *, num_points=4001):
    """max |f(x) - g(x)| over num_points evenly spaced x in [lo, hi] (the sup norm, sampled).

    f, g: functions of an (N,) array returning an (N,) array.
    """
    where = "max_error"
    validate.callable_(where, "f", f, "a function of an (N,) array")
    validate.callable_(where, "g", g, "a function of an (N,) array")
    lo, hi = _interval(where, lo, hi)
    num_points = validate.whole_number(where, "num_points", num_points, minimum=2)
    x = np.linspace(lo, hi, num_points)
    return float(np.max(np.abs(np.asarray(f(x), dtype=float) - np.asarray(g(x), dtype=float))))


# --- where the bumps go --------------------------------------------------------------------


def bump_grid(lo, hi, n_bumps):
    """Centers (K,) and the shared width of K bumps that tile [lo, hi] with room at the ends.

    The centers are evenly spaced from lo to hi and each bump spans center +- width / 2, so
    the ends of the interval sit in the middle of a bump rather than on a step.  One bump
    covers the whole interval.
    """
    n_bumps = validate.whole_number("bump_grid", "n_bumps", n_bumps)
    lo, hi = _interval("bump_grid", lo, hi)
    if n_bumps == 1:
        return np.array([(lo + hi) / 2]), float(hi - lo)
    centers = np.linspace(lo, hi, n_bumps)
    return centers, float(centers[1] - centers[0])


# --- the hand-built network ----------------------------------------------------------------


@dataclass(frozen=True)
class OneHiddenLayer:
    """g(x) = act(x W1 + b1) W2 + b2 for scalar x, the same layout as nnkit's MLP([1, H, 1]).

    W1 (1, H) input weights, b1 (H,) hidden biases, W2 (H, 1) output weights, b2 (1,) output
    bias; activation "sigmoid" or "relu".  Unit j computes act(W1[0, j] * x + b1[j]) and
    adds W2[j, 0] times that to the output.
    """

    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    b2: np.ndarray
    activation: str

    def __post_init__(self):
        validate.choice("OneHiddenLayer", "activation", self.activation, HIDDEN_ACTIVATIONS)
        H = np.shape(self.b1)[0] if np.ndim(self.b1) == 1 else -1
        expected = {"W1": (1, H), "b1": (H,), "W2": (H, 1), "b2": (1,)}
        for name, shape in expected.items():
            validate.float_array("OneHiddenLayer", name, getattr(self, name))
            if np.shape(getattr(self, name)) != shape:
                raise ValueError(f"OneHiddenLayer: {name} must have shape {shape} (H = {H}), "
                                 f"got {np.shape(getattr(self, name))}")

    @property
    def num_units(self):
        """H, the number of hidden units."""
        return self.b1.shape[0]

    def num_params(self):
        """Weights and biases: 3 H + 1 (the same count as MLP([1, H, 1]).num_params())."""
        return self.W1.size + self.b1.size + self.W2.size + self.b2.size

    def hidden(self, x):
        """Hidden-unit outputs (N, H) for inputs x (N,)."""
        x = _x("OneHiddenLayer.hidden", x).reshape(-1, 1)
        f, _ = activations.get(self.activation)
        return f(x @ self.W1 + self.b1)

    def contributions(self, x):
        """What each unit adds to the output, (N, H): hidden(x) * W2[:, 0]; rows sum to g - b2."""
        x = _x("OneHiddenLayer.contributions", x)
        return self.hidden(x) * self.W2[:, 0]

    def __call__(self, x):
        """g(x), shape (N,) for x (N,)."""
        return (self.hidden(x) @ self.W2 + self.b2)[:, 0]

    def load_into(self, mlp):
        """Copy these weights into an nnkit MLP with sizes [1, H, 1] and the same activation.

        The MLP's arrays are overwritten in place; afterwards mlp.forward(x.reshape(-1, 1))
        equals self(x) up to rounding.  Returns the MLP.
        """
        validate.has_attributes("OneHiddenLayer.load_into", "mlp", mlp,
                                ("sizes", "activation", "param_items"), "an nnkit model.MLP")
        if list(mlp.sizes) != [1, self.num_units, 1]:
            raise ValueError(f"OneHiddenLayer.load_into: mlp must have sizes "
                             f"[1, {self.num_units}, 1], got {mlp.sizes}")
        if mlp.activation != self.activation:
            raise ValueError(f"OneHiddenLayer.load_into: mlp has activation "
                             f"{mlp.activation!r}, these weights are for {self.activation!r}")
        values = {"layer1.W": self.W1, "layer1.b": self.b1,
                  "layer2.W": self.W2, "layer2.b": self.b2}
        for name, layer, key in mlp.param_items():
            layer.params[key][...] = values[name]
        return mlp

    def __repr__(self):
        return f"OneHiddenLayer(1 -> {self.num_units} {self.activation} -> 1)"


def sigmoid_bump_network(f, lo, hi, n_bumps, *, sharpness=20.0):
    """K = n_bumps sigmoid bumps approximating f on [lo, hi]: H = 2 K hidden units.

    Bump k sits on center_k +- width / 2 (see ``bump_grid``) with height f(center_k); it is
    the step at its left edge (output weight +height) minus the step at its right edge
    (output weight -height).  Every step has steepness sharpness / width, so its rise is a
    fixed fraction of a bump (sharpness 20: about half a bump).
    f: function of an (N,) array.  The hidden units are ordered left step, right step, ...
    """
    where = "sigmoid_bump_network"
    validate.callable_(where, "f", f, "a function of an (N,) array")
    lo, hi = _interval(where, lo, hi)
    n_bumps = validate.whole_number(where, "n_bumps", n_bumps)
    sharpness = validate.number(where, "sharpness", sharpness, low=0, low_open=True)
    centers, width = bump_grid(lo, hi, n_bumps)
    heights = np.asarray(f(centers), dtype=float)
    steepness = sharpness / width
    edges = np.stack([centers - width / 2, centers + width / 2], axis=1).ravel()  # (2K,)
    W1 = np.full((1, edges.size), steepness)
    b1 = -steepness * edges
    W2 = np.stack([heights, -heights], axis=1).reshape(-1, 1)
    return OneHiddenLayer(W1=W1, b1=b1, W2=W2, b2=np.zeros(1), activation="sigmoid")


def relu_interpolation_network(f, lo, hi, n_units):
    """H = n_units ReLU units whose sum joins f's values at H + 1 evenly spaced knots
    x_0 = lo, ..., x_H = hi by H straight segments.

    g(x) = f(x_0) + sum_j c_j relu(x - x_j) for j = 0..H-1: unit j switches on at knot x_j,
    the left end of segment j, and its output weight c_j is the change of slope there (c_0 is
    the first slope).  On [lo, hi] g is the piecewise-linear interpolant of f; the last knot
    x_H = hi needs no unit.
    """
    where = "relu_interpolation_network"
    validate.callable_(where, "f", f, "a function of an (N,) array")
    lo, hi = _interval(where, lo, hi)
    n_units = validate.whole_number(where, "n_units", n_units)
    knots = np.linspace(lo, hi, n_units + 1)
    values = np.asarray(f(knots), dtype=float)
    slopes = np.diff(values) / np.diff(knots)  # (H,)
    W2 = np.diff(slopes, prepend=0.0).reshape(-1, 1)
    return OneHiddenLayer(W1=np.ones((1, n_units)), b1=-knots[:-1], W2=W2,
                          b2=values[:1].copy(), activation="relu")


@dataclass(frozen=True)
class IndicatorBumps:
    """A sum of K exact rectangles: g(x) = heights[k] where x lies in bump k, else 0.

    centers (K,), heights (K,), width: bump k covers [centers[k] - width/2, centers[k] + width/2).
    """

    centers: np.ndarray
    heights: np.ndarray
    width: float

    def __post_init__(self):
        where = "IndicatorBumps"
        centers = validate.real_array(where, "centers", self.centers)
        heights = validate.real_array(where, "heights", self.heights)
        if centers.ndim != 1 or heights.shape != centers.shape or centers.size == 0:
            raise ValueError(f"{where}: centers and heights must be two arrays (K,) of the same "
                             f"length K >= 1, got shapes {centers.shape} and {heights.shape}")
        validate.number(where, "width", self.width, low=0, low_open=True)

    @classmethod
    def fit(cls, f, lo, hi, n_bumps):
        """The bumps of ``bump_grid`` with heights f(center), like ``sigmoid_bump_network``."""
        where = "IndicatorBumps.fit"
        validate.callable_(where, "f", f, "a function of an (N,) array")
        lo, hi = _interval(where, lo, hi)
        n_bumps = validate.whole_number(where, "n_bumps", n_bumps)
        centers, width = bump_grid(lo, hi, n_bumps)
        return cls(centers=centers, heights=np.asarray(f(centers), dtype=float), width=width)

    def __call__(self, x):
        """g(x), same shape as x."""
        x = _x("IndicatorBumps", x)
        total = np.zeros_like(x)
        for center, height in zip(self.centers, self.heights):
            total += indicator_bump(x, center - self.width / 2, center + self.width / 2, height)
        return total

    @property
    def num_bumps(self):
        """K."""
        return self.centers.shape[0]
