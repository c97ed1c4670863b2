"""A loss function turns a network's scores and the true labels into one number to minimise.

Every loss returns ``(loss, dscores)``: the mean loss over the N examples (a float) and
dscores, the gradient dLoss/dscores with the same shape as scores, ready for backward().
Multiclass losses take scores (N, C) and labels y (N,) in 0..C-1; binary losses take
scores (N,) or (N, 1) and labels y (N,) in {0, 1}. All are stable for scores near +-1000.
"""

import numpy as np

from nnkit import activations, validate


def softmax(scores):
    """Class probabilities probs (N, C) from scores (N, C); each row sums to 1."""
    validate.matrix("softmax", "scores", scores, width="C")
    # Subtracting the row max leaves the probabilities unchanged and keeps exp from overflowing.
    exp_scores = np.exp(scores - scores.max(axis=1, keepdims=True))
    return exp_scores / exp_scores.sum(axis=1, keepdims=True)


def softmax_cross_entropy(scores, y):
    """Softmax classifier loss: mean over rows of -log(probability of the correct class).

    scores (N, C), y (N,) int -> (loss, dscores (N, C)) with dscores = (probs - onehot(y)) / N.
    Scores (K, N, C) of K stacked networks share the labels y (N,): the loss is the sum of
    the K networks' mean losses, so that each network's gradient dscores[k] is its own.
    """
    stack = scores.shape[0] if getattr(scores, "ndim", 0) == 3 else None
    validate.matrix("softmax_cross_entropy", "scores", scores, width="C", stack=stack)
    N, C = scores.shape[-2:]
    validate.labels("softmax_cross_entropy", y, N, C)
    # The largest shifted score is 0, so exp cannot overflow and the row sum is at least 1.
    shifted = scores - scores.max(axis=-1, keepdims=True)
    exp_shifted = np.exp(shifted)
    row_sums = exp_shifted.sum(axis=-1, keepdims=True)
    rows = np.arange(N)
    # -log p_y = log(sum_j exp s_j) - s_y, computed in log space so log never sees 0.
    loss = (np.log(row_sums[..., 0]) - shifted[..., rows, y]).sum() / N
    dscores = exp_shifted / row_sums  # probs
    dscores[..., rows, y] -= 1
    dscores /= N
    return float(loss), dscores


def multiclass_hinge(scores, y, margin=1.0):
    """Multiclass SVM loss: mean over rows of sum over j != y of max(0, s_j - s_y + margin).

    scores (N, C), y (N,) int -> (loss, dscores (N, C)).
    """
    N, C = validate.matrix("multiclass_hinge", "scores", scores, width="C").shape
    validate.labels("multiclass_hinge", y, N, C)
    margin = validate.number("multiclass_hinge", "margin", margin, low=0)
    rows = np.arange(N)
    margins = np.maximum(scores - scores[rows, y][:, None] + margin, 0)
    margins[rows, y] = 0  # the correct class is not compared with itself
    loss = margins.sum() / N
    # Each violating class pushes its own score up and the correct class's score down.
    violated = (margins > 0).astype(scores.dtype)
    violated[rows, y] = -violated.sum(axis=1)
    return float(loss), violated / N


def _binary_inputs(where, scores, y):
    """Check binary scores (N,) or (N, 1) and labels y (N,) in {0, 1}; return scores as (N,)."""
    validate.float_array(where, "scores", scores)
    if scores.ndim == 2 and scores.shape[1] == 1:
        scores = scores[:, 0]
    if scores.ndim != 1 or scores.shape[0] == 0:
        raise ValueError(f"{where}: scores must have shape (N,) or (N, 1), got {scores.shape}")
    validate.labels(where, y, scores.shape[0], 2)
    return scores


def binary_logistic(scores, y):
    """Binary logistic loss: mean of -log sigmoid(s) for y = 1 and -log(1 - sigmoid(s)) for y = 0.

    scores (N,) or (N, 1), y (N,) in {0, 1} -> (loss, dscores shaped like scores).
    """
    s = _binary_inputs("binary_logistic", scores, y)
    positive = y == 1  # labels are compared, never computed with: uint8 labels cannot wrap
    # -log sigmoid(s) = log(1 + exp(-s)); logaddexp(0, x) = log(1 + exp(x)) never overflows.
    loss = np.mean(np.logaddexp(0, s) - positive * s)
    dscores = (activations.sigmoid(s) - positive) / len(s)
    return float(loss), dscores.reshape(scores.shape)


def binary_hinge(scores, y, margin=1.0):
    """Binary SVM loss: mean of max(0, margin - t * s) with t = +1 for y = 1 and -1 for y = 0.

    scores (N,) or (N, 1), y (N,) in {0, 1} -> (loss, dscores shaped like scores).
    """
    s = _binary_inputs("binary_hinge", scores, y)
    margin = validate.number("binary_hinge", "margin", margin, low=0)
    t = np.where(y == 1, 1.0, -1.0)  # not 2 * y - 1, which wraps around for uint8 labels
    gaps = margin - t * s
    loss = np.maximum(gaps, 0).mean()
    dscores = -t * (gaps > 0) / len(s)
    return float(loss), dscores.reshape(scores.shape)


def l2_penalty(W, reg):
    """L2 regularisation of weights W (any shape): loss = 0.5 * reg * sum(W**2), dW = reg * W.

    One SGD step with this gradient multiplies W by (1 - lr * reg): weights decay towards 0.
    """
    validate.float_array("l2_penalty", "W", W)
    reg = validate.number("l2_penalty", "reg", reg, low=0)
    return 0.5 * reg * float(np.vdot(W, W)), reg * W  # vdot(W, W): sum(W**2) in one call
