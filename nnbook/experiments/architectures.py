"""An architecture's size is its number of parameters, and these experiments count them.

The counts behind chapter 4 (``ch-architectures``) that go beyond one network: how the count of
a fully connected network grows with width and depth (every count from ``nnkit.model.
count_params``, the one counter), and the order of magnitude of two classic convolutional
networks, counted from their published layer sizes. The chapter computes its small examples
itself; ``nnbook.figures.architectures`` draws these results. Deterministic, no randomness.
"""

import dataclasses

import numpy as np

from nnkit import model, validate


def _whole_numbers(where, name, values, minimum=1):
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__") or len(values) == 0:
        raise TypeError(f"{where}: {name} must be a non-empty sequence of whole numbers, "
                        f"got {values!r}")
    return tuple(validate.whole_number(where, f"{name}[{i}]", v, minimum=minimum)
                 for i, v in enumerate(values))


def growth(d_in, d_out, *, widths, depths):
    """Parameter counts of [d_in, H, ..., H, d_out] for every depth (rows) and width H (columns).

    depths: numbers of hidden layers (0 allowed: no hidden layer). Returns an int64 array
    (len(depths), len(widths)).
    """
    d_in = validate.whole_number("growth", "d_in", d_in)
    d_out = validate.whole_number("growth", "d_out", d_out)
    widths = _whole_numbers("growth", "widths", widths)
    depths = _whole_numbers("growth", "depths", depths, minimum=0)
    return np.array([[model.count_params([d_in] + [w] * k + [d_out]).total for w in widths]
                     for k in depths], dtype=np.int64)


def doubling_ratios(d_in, d_out, *, widths, depth=2):
    """How many times the count grows when each width H of ``widths`` doubles to 2H.

    For [d_in, H, ..., H, d_out] with ``depth`` hidden layers; returns a float array
    (len(widths),). With two or more hidden layers the H * H weights dominate as H grows, so
    the ratio approaches 4 from below.
    """
    widths = _whole_numbers("doubling_ratios", "widths", widths)
    depth = validate.whole_number("doubling_ratios", "depth", depth)
    counts = growth(d_in, d_out, widths=widths + tuple(2 * w for w in widths), depths=[depth])[0]
    return counts[len(widths):] / counts[:len(widths)]


# --- convolutional networks: the order of magnitude ----------------------------------------


def conv_params(kernel, c_in, c_out, *, groups=1):
    """Weights plus biases of a conv layer: c_out filters of kernel x kernel x (c_in / groups).

    The same filters are reused at every position of the image (weight sharing), so the
    count does not depend on the image size.
    """
    where = "conv_params"
    kernel, c_in, c_out, groups = (validate.whole_number(where, name, v) for name, v in
                                   (("kernel", kernel), ("c_in", c_in), ("c_out", c_out),
                                    ("groups", groups)))
    if c_in % groups or c_out % groups:
        raise ValueError(f"{where}: groups={groups} must divide c_in={c_in} and c_out={c_out}")
    return kernel * kernel * (c_in // groups) * c_out + c_out


def dense_params(d_in, d_out):
    """Weights plus biases of a fully connected layer: d_in * d_out + d_out."""
    return model.count_params([validate.whole_number("dense_params", "d_in", d_in),
                               validate.whole_number("dense_params", "d_out", d_out)]).total


# Layer specs: ("conv", kernel, c_in, c_out, groups) or ("fc", d_in, d_out).
# AlexNet as described by Krizhevsky et al. (2012): five conv layers, conv2/4/5 split over two
# GPUs (groups=2), then three fully connected layers; the last conv output is 6 x 6 x 256.
ALEXNET = (
    ("conv", 11, 3, 96, 1), ("conv", 5, 96, 256, 2), ("conv", 3, 256, 384, 1),
    ("conv", 3, 384, 384, 2), ("conv", 3, 384, 256, 2),
    ("fc", 6 * 6 * 256, 4096), ("fc", 4096, 4096), ("fc", 4096, 1000),
)
# VGG-16 (configuration D of Simonyan and Zisserman, 2015): thirteen 3x3 conv layers, three
# fully connected layers; the last conv output is 7 x 7 x 512.
_VGG_CHANNELS = (64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512)
VGG16 = tuple(("conv", 3, c_in, c_out, 1)
              for c_in, c_out in zip((3,) + _VGG_CHANNELS[:-1], _VGG_CHANNELS)) + (
    ("fc", 7 * 7 * 512, 4096), ("fc", 4096, 4096), ("fc", 4096, 1000),
)
CONVNETS = {"AlexNet": ALEXNET, "VGG-16": VGG16}


@dataclasses.dataclass(frozen=True)
class StackSize:
    """Parameters of a conv net, per weight layer and in total, and how many sit in fc layers."""

    name: str
    num_layers: int
    per_layer: tuple
    kinds: tuple
    params: int
    fc_params: int

    @property
    def fc_share(self):
        return self.fc_params / self.params


def stack_size(name, spec):
    """Count a conv net's parameters from its layer spec (see ``ALEXNET`` for the format)."""
    if not isinstance(name, str):
        raise TypeError(f"stack_size: name must be a str, got {type(name).__name__}")
    if not isinstance(spec, (list, tuple)) or not spec:
        raise TypeError(f"stack_size: spec must be a non-empty tuple of layers, got {spec!r}")
    per_layer, kinds = [], []
    for i, layer in enumerate(spec):
        kind = layer[0] if isinstance(layer, (list, tuple)) and layer else None
        if kind == "conv" and len(layer) == 5:
            per_layer.append(conv_params(layer[1], layer[2], layer[3], groups=layer[4]))
        elif kind == "fc" and len(layer) == 3:
            per_layer.append(dense_params(layer[1], layer[2]))
        else:
            raise ValueError(f"stack_size: spec[{i}] must be ('conv', kernel, c_in, c_out, "
                             f"groups) or ('fc', d_in, d_out), got {layer!r}")
        kinds.append(kind)
    fc = sum(p for p, k in zip(per_layer, kinds) if k == "fc")
    return StackSize(name=name, num_layers=len(spec), per_layer=tuple(per_layer),
                     kinds=tuple(kinds), params=int(sum(per_layer)), fc_params=int(fc))


def convnet_sizes():
    """``stack_size`` of every net in ``CONVNETS``: {name: StackSize}."""
    return {name: stack_size(name, spec) for name, spec in CONVNETS.items()}
