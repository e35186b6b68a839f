"""Checks of notebook 06, *Cross-entropy gradient*.

The visible part of every check works on small cases whose answers follow by hand: logits
that are logs of whole numbers (``exp`` of the row ``log([1, 2, 3])`` sums to 6, so its
probabilities are 1/6, 2/6, 3/6), the cubic whose central difference is exactly
``3 x^2 + h^2``, one or two training steps from zero weights. Wrong variants of those cases
(a flipped sign, a missing ``1/N``, a one-sided difference...) are computed here only to
recognise the learner's mistake. What every exercise's text states beyond the values (lists,
dtypes, the ``ValueError``s, the named edges) is declared once, in a
:class:`~autograder.contract.Contract` at the end of this module, and probed by the shared
runner. The hidden part compares with the reference passed in, on random shapes, extreme
logits and every dtype.
"""

from __future__ import annotations

import copy
import math

import numpy as np

from autograder.contract import GENERAL_LOGITS, Contract, Edge, Invalid, wrapping
from autograder.feedback import CheckFailed, Mistake, fail
from autograder.harness import (
    call,
    describe,
    exercise_check,
    expect_close,
    expect_dtype,
    expect_shape,
    matches_reference,
    to_array,
)
from autograder.log_sum_exp import LOG_SOFTMAX_UNSHIFTED, LSE_LOST_SMALL_TERMS
from autograder.mistakes import (
    GLOBAL_MAX_SHIFT,
    GLOBAL_NORMALISATION,
    MISSING_KEEPDIMS,
    NO_MAX_SHIFT,
    RAISED_ERROR,
    UNREADABLE_OUTPUT,
    WRONG_AXIS,
    WRONG_DTYPE,
    WRONG_SHAPE,
    WRONG_VALUES,
)

__all__ = [
    "check_cross_entropy",
    "check_cross_entropy_grad",
    "check_softmax_jacobian",
    "check_numerical_gradient",
    "check_train_softmax_regression",
]

# --- mistakes of the cross-entropy loss and its gradient ----------------------------------

CE_LOG_OF_SOFTMAX = Mistake(
    "ce-log-of-softmax",
    "You took the log of a softmax output. For extreme logits the true class's probability "
    "underflows to 0, and log(0) = -inf (an epsilon clip only caps the loss at a wrong "
    "value). Compute the loss as logsumexp(z) - z_y, subtracting the row maximum inside "
    "logsumexp.",
    fix="compute logsumexp(z) - z_y, not log(softmax)",
)
CE_SUM_NOT_MEAN = Mistake(
    "ce-sum-not-mean",
    "The loss is the mean over the batch, not the sum: divide the summed per-sample losses "
    "by N (or use np.mean), so that the loss does not grow with the batch size.",
    fix="average over the batch, do not sum",
)
CE_MEAN_OVER_ALL = Mistake(
    "ce-mean-over-all-entries",
    "You averaged over all N x K entries (as np.mean(onehot * -log_probs) does), which also "
    "divides by the number of classes K. Take each sample's loss (a sum over classes), then "
    "the mean over the N samples.",
    fix="average over the N samples only",
)
CE_SIGN = Mistake(
    "ce-sign-flipped",
    "Cross-entropy is -log p_y = logsumexp(z) - z_y, which is never negative; you computed "
    "its negative, z_y - logsumexp(z).",
    fix="return logsumexp(z) - z_y, not its negative",
)
CE_LABEL_OFF_BY_ONE = Mistake(
    "ce-label-off-by-one",
    "Classes are numbered from 0 to K - 1 and a label is already the column of its class: "
    "index with the labels themselves, not labels - 1 or labels + 1.",
    fix="index with the labels as they are",
)
CE_LABEL_INDEXING = Mistake(
    "ce-label-indexing",
    "Pick each sample's own entry: z[np.arange(N), labels]. z[:, labels] takes the columns "
    "of all the labels for every sample (an N x N array), and z[labels] takes whole rows.",
    fix="pick z[np.arange(N), labels]",
)
CE_LABELS_AS_ONE_HOT = Mistake(
    "ce-labels-used-as-one-hot",
    "labels holds class indices (0 .. K - 1), not one-hot rows: multiplying the "
    "log-probabilities by it weights them by class numbers. Select "
    "log_p[np.arange(N), labels], or build the one-hot matrix first.",
    fix="use the labels as class indices",
)
CE_MISSING_TRUE_LOGIT = Mistake(
    "ce-missing-true-logit",
    "Each sample's loss is logsumexp(z) minus the logit of its true class, z_y; you left out "
    "the z_y term.",
    fix="subtract the true class's logit z_y",
)
CE_MAX_NOT_ADDED_BACK = Mistake(
    "ce-max-not-added-back",
    "logsumexp(z) = m + log(sum(exp(z - m))): after subtracting the row maximum m inside the "
    "exponentials, add it back outside the log (or subtract it from z_y too).",
    fix="add the row maximum back outside the log",
)
CE_NOT_AVERAGED = Mistake(
    "ce-not-averaged",
    "Return a single number, the mean loss over the batch, not one loss per sample.",
    fix="return the mean loss, one number",
)
GRAD_SIGN = Mistake(
    "ce-grad-sign-flipped",
    "The gradient is softmax(z) - onehot(y), predicted minus actual. You computed "
    "onehot - softmax, which points uphill: a step along it would raise the loss.",
    fix="return softmax - onehot, not onehot - softmax",
)
GRAD_MISSING_1_OVER_N = Mistake(
    "ce-grad-missing-1-over-n",
    "The loss is a mean over the N samples, so its gradient carries a factor 1/N: divide "
    "softmax(z) - onehot(y) by the batch size.",
    fix="divide by the batch size N",
)
GRAD_SCALE = Mistake(
    "ce-grad-wrong-scale",
    "Each row of the gradient is (softmax(z_i) - onehot(y_i)) / N: divide by the batch size "
    "N only, with no other factor (not K, not N * K).",
    fix="divide by the batch size N only",
)
GRAD_MISSING_ONEHOT = Mistake(
    "ce-grad-missing-onehot",
    "The gradient is softmax(z) minus the one-hot labels; without the one-hot part every row "
    "sums to 1/N instead of 0. Subtract 1 at each row's label.",
    fix="subtract the one-hot labels",
)
GRAD_ONEHOT = Mistake(
    "ce-grad-wrong-onehot",
    "Build the one-hot matrix with exactly one 1 per row, in the column of that row's label: "
    "onehot[np.arange(N), labels] = 1. onehot[:, labels] = 1 or onehot[labels] = 1 set whole "
    "columns or rows.",
    fix="set onehot[np.arange(N), labels] = 1",
)

# --- mistakes about labels, NaN and float16, shared by the exercises of this notebook -----

FLOAT_LABELS_REFUSED = Mistake(
    "ce-float-labels-refused",
    "Labels read from a file are often floats such as 1.0 and 0.0: accept floats that hold "
    "whole numbers (check labels == np.round(labels), then labels.astype(int)) and raise "
    "ValueError only for a fraction such as 0.5 or a label out of range.",
    fix="accept whole-number float labels",
)
NAN_SWALLOWED = Mistake(
    "ce-nan-not-propagated",
    "A NaN logit must give NaN (NaN in, NaN out): np.nansum, np.nanmax or np.nan_to_num "
    "hide it and return a number that means nothing. Use np.sum and np.max.",
    fix="let NaN propagate (no nansum, nanmax)",
)
FLOAT16_SUMS = Mistake(
    "ce-float16-sums",
    "In float16 a sum of exponentials or a batch mean overflows past 65,504 and rounds at "
    "every step: compute float16 input in float32 (z.astype(np.float32)) and round the "
    "result once at the end (.astype(np.float16)).",
    fix="sum float16 in float32, round once",
)

# --- mistakes of the softmax Jacobian -----------------------------------------------------

JAC_MISSING_DIAG = Mistake(
    "jacobian-missing-diag",
    "J = diag(p) - p p^T: you left out diag(p), so the diagonal holds -p_i^2 instead of "
    "p_i (1 - p_i), and the rows no longer sum to 0.",
    fix="add diag(p): J = diag(p) - p p^T",
)
JAC_OUTER_SIGN = Mistake(
    "jacobian-outer-sign",
    "The outer product is subtracted: J = diag(p) - p p^T. Raising one logit lowers every "
    "other probability, so the off-diagonal entries are negative.",
    fix="subtract the outer product p p^T",
)
JAC_SIGN = Mistake(
    "jacobian-sign-flipped",
    "J = diag(p) - p p^T; you computed p p^T - diag(p), its negative. The diagonal must be "
    "positive: raising z_i raises p_i.",
    fix="return diag(p) - p p^T, not its negative",
)
JAC_OUTER_PRODUCT = Mistake(
    "jacobian-outer-product",
    "p p^T is the K x K outer product, np.outer(p, p). p @ p is one number and p * p a "
    "vector; both broadcast into a wrong matrix.",
    fix="use np.outer(p, p) for p p^T",
)
JAC_OFF_DIAGONAL = Mistake(
    "jacobian-missing-off-diagonal",
    "Every logit moves every probability: the off-diagonal entries of the Jacobian are "
    "-p_i p_j, not 0. Use J = diag(p) - np.outer(p, p).",
    fix="fill the off-diagonal entries with -p_i p_j",
)
JAC_DELTA = Mistake(
    "jacobian-kronecker-delta",
    "J[i, j] = p_i (delta_ij - p_j): the 1 (Kronecker's delta) is there only on the "
    "diagonal. p_i (1 - p_j) in every entry is right on the diagonal only; use "
    "np.diag(p) - np.outer(p, p).",
    fix="use np.diag(p) - np.outer(p, p)",
)
JAC_USED_LOGITS = Mistake(
    "jacobian-used-logits",
    "Build the Jacobian from the probabilities p = softmax(z), not from the logits z.",
    fix="build J from p = softmax(z), not from z",
)

# --- mistakes of the numerical gradient ---------------------------------------------------

NG_ONE_SIDED = Mistake(
    "numerical-gradient-one-sided",
    "Use central differences, (f(x + h e_i) - f(x - h e_i)) / (2 h): their error shrinks "
    "like h^2, while a forward or backward difference is off by a term proportional to h.",
    fix="use central differences",
)
NG_DIVIDES_BY_H = Mistake(
    "numerical-gradient-divides-by-h",
    "The points x + h and x - h are 2h apart: divide their difference by 2 * h, not by h.",
    fix="divide by 2 * h",
)
NG_PRECEDENCE = Mistake(
    "numerical-gradient-operator-precedence",
    "`(f_plus - f_minus) / 2 * h` divides by 2 and then MULTIPLIES by h (Python evaluates "
    "left to right); write `(f_plus - f_minus) / (2 * h)`.",
    fix="write / (2 * h), with the parentheses",
)
NG_IGNORES_H = Mistake(
    "numerical-gradient-ignores-h",
    "Use the step `h` passed to the function (its default is 1e-5) rather than a fixed "
    "number written in the code.",
    fix="use the step h that is passed in",
)
NG_ONLY_1D = Mistake(
    "numerical-gradient-only-1d",
    "x may have any shape (a weight matrix, a single number): loop over every index with "
    "`for i in np.ndindex(x.shape)` on a float copy of x, call f with arrays of x's shape, "
    "and return an array of x's shape.",
    fix="loop over np.ndindex(x.shape)",
)
NG_PERTURBS_X = Mistake(
    "numerical-gradient-perturbs-x",
    "Perturb a copy of x (x_step = x.astype(float), then x_step[i] += h), never the "
    "caller's x itself: f then sees the caller's array changing, and an error in f would "
    "leave x perturbed.",
    fix="perturb a copy of x, not x itself",
)
NG_DEFAULT_STEP = Mistake(
    "numerical-gradient-default-step",
    "Keep the signature `numerical_gradient(f, x, h=1e-5)`: when the caller gives no step, "
    "h is 1e-5, not another value.",
    fix="keep the default step h=1e-5",
)
NG_NOT_RESTORED = Mistake(
    "numerical-gradient-not-restored",
    "Put each coordinate back to its original value after evaluating f(x + h e_i) and "
    "f(x - h e_i): otherwise the next coordinates are differentiated at a shifted point, "
    "which matters as soon as f mixes coordinates (a product, a softmax).",
    fix="restore each coordinate after its step",
)
NG_ALL_AT_ONCE = Mistake(
    "numerical-gradient-all-coordinates-at-once",
    "Perturb one coordinate at a time: x + h e_i changes entry i only. x + h moves every "
    "entry together and measures the slope along the all-ones direction, the same number "
    "for every entry.",
    fix="perturb one coordinate at a time",
)
NG_LOW_PRECISION = Mistake(
    "numerical-gradient-low-precision",
    "Evaluate f at float64 points whatever the dtype of x (x.astype(np.float64)), and cast "
    "the gradient back to x's dtype at the end: in float32 or float16, x + h rounds (in "
    "float16, 1 + 1e-5 == 1) and the difference of f is mostly rounding error.",
    fix="evaluate f at float64 points",
)
NG_INTEGER_X = Mistake(
    "numerical-gradient-integer-x",
    "For an integer x, x + h rounds back to x (and an integer result truncates the slopes): "
    "work on a float copy, x.astype(float), and return a float array.",
    fix="work on a float copy of x",
)

# --- mistakes of the training loop --------------------------------------------------------

TRAIN_ASCENT = Mistake(
    "train-gradient-ascent",
    "Gradient descent steps against the gradient: W -= lr * dW and b -= lr * db. With += "
    "the loss goes up.",
    fix="step against the gradient: W -= lr * dW",
)
TRAIN_MISSING_1_OVER_N = Mistake(
    "train-gradient-missing-1-over-n",
    "The gradient of the mean loss carries 1/N (as cross_entropy_grad does). Without it the "
    "step grows with the number of samples, and a learning rate that suits one dataset "
    "diverges on a larger one.",
    fix="divide the gradient by N",
)
TRAIN_DIVIDED_TWICE = Mistake(
    "train-divided-by-n-twice",
    "cross_entropy_grad already divides by N: the step of W is X.T @ G and that of b is "
    "G.sum(axis=0), with no further mean or division by N (G.mean(axis=0) divides again).",
    fix="divide by N once only",
)
TRAIN_NO_BIAS = Mistake(
    "train-bias-not-updated",
    "Update the bias too: b -= lr * G.sum(axis=0), where G is the gradient of the loss with "
    "respect to the logits.",
    fix="update b too",
)
TRAIN_WD_SIGN = Mistake(
    "train-weight-decay-sign",
    "Weight decay shrinks the weights: add weight_decay * W to the gradient of W, "
    "W -= lr * (dW + weight_decay * W). Your weights grew instead.",
    fix="add weight_decay * W to the gradient",
)
TRAIN_WD_IGNORED = Mistake(
    "train-weight-decay-ignored",
    "weight_decay had no effect: add weight_decay * W to the gradient of W before each step.",
    fix="use weight_decay in the step of W",
)
TRAIN_WD_BIAS = Mistake(
    "train-weight-decay-on-bias",
    "Weight decay penalises W only: the bias step is b -= lr * G.sum(axis=0), with no "
    "weight_decay * b term, and the penalty in the loss is weight_decay / 2 * np.sum(W**2).",
    fix="decay W only, not b",
)
TRAIN_WD_NO_LR = Mistake(
    "train-weight-decay-without-lr",
    "The weight-decay term is part of the gradient, so the learning rate multiplies it too: "
    "W -= lr * (dW + weight_decay * W), not W = (1 - weight_decay) * W - lr * dW.",
    fix="multiply weight_decay * W by lr too",
)
TRAIN_NONDETERMINISTIC = Mistake(
    "train-not-deterministic",
    "Two runs with the same arguments must give the same model: start from W = 0 and b = 0 "
    "(any randomness must come from np.random.default_rng(seed)), never from NumPy's global, "
    "unseeded random state.",
    fix="start from W = 0 and b = 0",
)
TRAIN_FIRST_LOSS = Mistake(
    "train-first-loss-not-log-k",
    "losses[0] is the loss of the untrained model, W = 0 and b = 0, which gives every class "
    "probability 1/K, so its loss is log K. Start from zeros and record the loss of each "
    "epoch before its update.",
    fix="start from zeros, record each loss before its step",
)
TRAIN_LOSS_SUM = Mistake(
    "train-loss-sum-not-mean",
    "Record the mean loss over the samples (as cross_entropy returns it), not the sum.",
    fix="record the mean loss, not the sum",
)
TRAIN_NUM_CLASSES = Mistake(
    "train-number-of-classes",
    "The number of classes is K = max(y) + 1, since labels index the columns of W. "
    "len(np.unique(y)) is smaller when a class is missing from the training set.",
    fix="take K = max(y) + 1 classes",
)
TRAIN_LOSS_PENALTY = Mistake(
    "train-losses-without-penalty",
    "With weight decay, record the objective you minimise: the mean cross-entropy plus "
    "weight_decay / 2 * np.sum(W**2).",
    fix="add weight_decay / 2 * sum(W**2) to each loss",
)

# Tolerances of the hidden comparisons, by dtype. The reference computes float16 in float32
# and rounds once, so a right answer is within a unit or two of float16's last place.
_TOLERANCE = {
    np.float16: {"rtol": 2e-3, "atol": 1e-4},
    np.float32: {"rtol": 1e-5, "atol": 1e-7},
    np.float64: {"rtol": 1e-9, "atol": 1e-13},
}


def _close(actual, expected, rtol=1e-6, atol=1e-12) -> bool:
    """Whether two arrays agree (same shape, close values, no NaN)."""
    actual = np.asarray(actual, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    if actual.shape != expected.shape:
        return False
    with np.errstate(all="ignore"):
        return bool(np.allclose(actual, expected, rtol=rtol, atol=atol))


def _fmt(value) -> str:
    """A number or small array for a message."""
    if np.ndim(value) == 0:
        return f"{float(value):.6g}"
    return describe(np.asarray(value))


def _scalar(result, what: str) -> float:
    """Read a loss: a single number, or fail naming what came back."""
    out = to_array(result, what)
    if out.ndim != 0:
        raise fail(
            f"{what} returned an array of shape {out.shape}, not a single number.", WRONG_SHAPE
        )
    return float(out)


def _array(result, what: str) -> np.ndarray:
    """Read a returned array (``to_array`` refuses a Python list: it loses the dtype)."""
    __tracebackhide__ = True
    return to_array(result, what)


def _expect_number(value: float, correct: float, what: str, *, rtol=1e-9, atol=0.0) -> None:
    """Fail unless a returned number is right, without saying what the right number is."""
    __tracebackhide__ = True
    if not (math.isclose(value, correct, rel_tol=rtol, abs_tol=atol) or value == correct):
        raise fail(f"{what} returned {value:.10g}, which is wrong.", WRONG_VALUES)


def _with_float_labels(fn, shown, *args, **kwargs):
    """Call ``fn`` with whole-number float labels; refusing them is the named mistake."""
    __tracebackhide__ = True
    try:
        return call(fn, *args, **kwargs)
    except CheckFailed as failure:
        if failure.tag == RAISED_ERROR.tag:
            raise fail(f"{failure.problem}", FLOAT_LABELS_REFUSED) from None
        raise


# --- cross_entropy ------------------------------------------------------------------------

# Hand-worked batch: exp(_Z) = _E has rows summing to 6, 7 and 6, so every log-sum-exp is
# the log of a whole number and every probability a simple fraction.
_E = np.array([[1.0, 2.0, 3.0], [4.0, 1.0, 2.0], [1.0, 4.0, 1.0]])
_Z = np.log(_E)
_Y = np.array([1, 0, 1])  # not a permutation: a misplaced one-hot cannot pass
_ROWS = np.arange(3)
# (call() hands the learner's function copies of what it is given, so a function that
# modifies its input cannot corrupt these module-level constants for the next check.)
_LSE = np.log([6.0, 7.0, 6.0])
_P = _E / np.array([[6.0], [7.0], [6.0]])
#: _NEG_LOG_P[i, j] = -log p_ij: the loss of sample i if its label were j.
_NEG_LOG_P = -np.log(_P)
_ONEHOT = np.eye(3)[_Y]
_SIGMOID_1 = 1.0 / (1.0 + math.exp(-1.0))  # softmax([1000, 999])[0] = sigmoid(1)
_SHOWN_Z = "log([[1, 2, 3], [4, 1, 2], [1, 4, 1]])"


def _diagnose_loss(value, correct, shown):
    """Name the mistake behind a wrong loss of the hand-worked batch, or fail generically."""
    __tracebackhide__ = True
    n, k = _Z.shape
    seen = f"{shown} returned {value:.6g}"
    m = _Z.max(axis=1)
    if _close(value, (_LSE - m - _Z[_ROWS, _Y]).mean()):
        raise fail(
            f"{seen}: the row maxima were subtracted but never added back.", CE_MAX_NOT_ADDED_BACK
        )
    if value < 0:
        raise fail(f"{seen}, a negative loss.", CE_SIGN)
    if _close(value, n * correct):
        raise fail(f"{seen}, {n} times too large for the mean of 3 samples.", CE_SUM_NOT_MEAN)
    if _close(value, correct / k):
        raise fail(f"{seen}, {k} times too small: K = {k} classes.", CE_MEAN_OVER_ALL)
    if _close(value, _LSE.mean()):
        raise fail(f"{seen}: the mean log-sum-exp, without z_y.", CE_MISSING_TRUE_LOGIT)
    for shift in (-1, 1):
        if _close(value, _NEG_LOG_P[_ROWS, (_Y + shift) % k].mean()):
            raise fail(f"{seen}: the loss of the class next to each label.", CE_LABEL_OFF_BY_ONE)
    weighted = (_Y * _NEG_LOG_P).sum(axis=1).mean()
    if _close(value, weighted) or _close(value, weighted / k):
        raise fail(
            f"{seen}: the log-probabilities weighted by the labels' values.", CE_LABELS_AS_ONE_HOT
        )
    if _close(value, _NEG_LOG_P[:, _Y].mean()):
        raise fail(f"{seen}: every label's column used for every sample.", CE_LABEL_INDEXING)
    if _close(value, (_LSE - _Z.ravel()[_Y]).mean()):
        raise fail(f"{seen}: the labels indexed the flattened array.", CE_LABEL_INDEXING)
    if _close(value, -np.log(_E[_ROWS, _Y] / _E.sum()).mean()):
        raise fail(
            f"normalise each row on its own: {seen}, as if normalised over the whole batch.",
            GLOBAL_NORMALISATION,
        )
    # The row maxima without keepdims=True: z - z.max(axis=1) subtracts them by column.
    unaligned = m + np.log(np.exp(_Z - m).sum(axis=1)) - _Z[_ROWS, _Y]
    if _close(value, unaligned.mean()):
        raise fail(
            f"reduce with keepdims=True: {seen}: the row maxima were subtracted by column.",
            MISSING_KEEPDIMS,
        )
    raise fail(
        f"{seen}, which is wrong: work out -log p_y of each sample by hand (exp of each row "
        "sums to 6, 7 and 6).",
        WRONG_VALUES,
    )


@exercise_check("cross_entropy")
def check_cross_entropy(cross_entropy, reference=None):
    """Check ``cross_entropy(logits, labels)``: the mean of logsumexp(z) - z_y over the batch."""
    n = _Z.shape[0]
    shown = f"cross_entropy({_SHOWN_Z}, [1, 0, 1])"
    out = to_array(call(cross_entropy, _Z.copy(), _Y.copy()), shown)
    if out.shape == (n,):
        raise fail(f"{shown} returned {n} numbers, one per sample: {_fmt(out)}.", CE_NOT_AVERAGED)
    value = _scalar(out, shown)
    correct = float(_NEG_LOG_P[_ROWS, _Y].mean())  # (log 3 + log 7/4 + log 3/2) / 3
    if not _close(value, correct):
        _diagnose_loss(value, correct, shown)

    # float() makes a Python float, which is float64 whatever the logits were.
    shown = f"cross_entropy({_SHOWN_Z} in float32, [1, 0, 1])"
    result = call(cross_entropy, _Z.astype(np.float32), _Y.copy())
    if type(result) is float:
        raise fail(
            f"return the NumPy scalar of the mean, not float(...): {shown} returned a Python "
            "float, which is float64, not the logits' float32.",
            WRONG_DTYPE,
        )

    # The worked example of notebook 04, a single sample: lse(3, 1, -2, 0) - 1.
    shown = "cross_entropy([[3, 1, -2, 0]], [1])"
    value = _scalar(call(cross_entropy, np.array([[3.0, 1.0, -2.0, 0.0]]), np.array([1])), shown)
    worked = math.log(math.exp(3) + math.e + math.exp(-2) + 1) - 1
    if _close(value, worked / 4):  # on the 3 x 3 batch N = K, so dividing by K went unseen
        raise fail(f"{shown} returned {value:.6g}, 4 times too small: K = 4.", CE_MEAN_OVER_ALL)
    _expect_number(value, worked, shown)

    # Extreme logits: the loss exists and is exact, however large the logits.
    shown = "cross_entropy([[1000, 1000]], [0])"
    value = _scalar(call(cross_entropy, np.array([[1000.0, 1000.0]]), np.array([0])), shown)
    if not np.isfinite(value):
        raise fail(
            f"subtract each row's maximum before exp: {shown} returned {value}.", NO_MAX_SHIFT
        )
    _expect_number(value, math.log(2.0), shown)
    shown = "cross_entropy([[1000, 999], [0, -1]], [0, 0])"
    z = np.array([[1000.0, 999.0], [0.0, -1.0]])
    value = _scalar(call(cross_entropy, z, np.array([0, 0])), shown)
    if not np.isfinite(value):
        raise fail(f"subtract each row's own maximum: {shown} returned {value}.", GLOBAL_MAX_SHIFT)
    _expect_number(value, -math.log(_SIGMOID_1), shown)
    shown = "cross_entropy([[1000, 0]], [1])"
    value = _scalar(call(cross_entropy, np.array([[1000.0, 0.0]]), np.array([1])), shown)
    if np.isnan(value):
        raise fail(f"subtract each row's maximum before exp: {shown} returned nan.", NO_MAX_SHIFT)
    if np.isinf(value) or value < 999.0:
        raise fail(
            f"{shown} returned {value:.6g}, but the true class trails by 1000.", CE_LOG_OF_SOFTMAX
        )
    _expect_number(value, 1000.0, shown)
    shown = "cross_entropy([[1000, 0]], [0])"
    value = _scalar(call(cross_entropy, np.array([[1000.0, 0.0]]), np.array([0])), shown)
    _expect_number(value, 0.0, shown, atol=1e-12)

    # Last, so that a learner's other mistakes are named first.
    shown = f"cross_entropy({_SHOWN_Z}, [1.0, 0.0, 1.0])"
    result = _with_float_labels(cross_entropy, shown, _Z.copy(), _Y.astype(np.float64))
    _expect_number(_scalar(result, shown), correct, shown)

    if reference is not None:
        _hidden_labelled(cross_entropy, reference, np.random.default_rng(60))


def _hidden_labelled(fn, reference, rng):
    """Hidden: ``fn(logits, labels)`` against the reference on random and extreme logits."""
    __tracebackhide__ = True
    exact = _TOLERANCE[np.float64]
    for n, k in [(1, 1), (1, 5), (4, 3), (16, 10), (7, 2), (3, 300)]:
        z = rng.normal(size=(n, k)) * 3
        y = rng.integers(0, k, size=n)
        matches_reference(fn, reference, (z, y), **exact)
    z, y = rng.normal(size=(8, 6)) * 1e4, rng.integers(0, 6, size=8)
    matches_reference(fn, reference, (z, y), **exact)
    z = np.array([[0.0, -np.inf, 2.0], [-np.inf, 1.0, 1.0]])
    matches_reference(fn, reference, (z, np.array([2, 1])), **exact)
    z, y = rng.normal(size=(5, 4)) * 3, rng.integers(0, 4, size=5)
    for dtype in (np.float64, np.float32, np.float16):
        matches_reference(fn, reference, (z.astype(dtype), y), **_TOLERANCE[dtype])
    matches_reference(fn, reference, (np.round(z).astype(np.int64), y), **exact)
    matches_reference(fn, reference, (z, y.astype(np.uint8)), **exact)


# --- cross_entropy_grad -------------------------------------------------------------------


@exercise_check("cross_entropy_grad")
def check_cross_entropy_grad(cross_entropy_grad, reference=None):
    """Check ``cross_entropy_grad(logits, labels)``: (softmax(z) - onehot(y)) / N."""
    n, k = _Z.shape
    shown = f"cross_entropy_grad({_SHOWN_Z}, [1, 0, 1])"
    out = _array(call(cross_entropy_grad, _Z.copy(), _Y.copy()), shown)
    expect_shape(out, (n, k), shown)
    correct = (_P - _ONEHOT) / n
    if not _close(out, correct):
        _diagnose_grad(out, correct, shown)

    shown = "cross_entropy_grad([[1000, 1000]], [0])"
    out = to_array(call(cross_entropy_grad, np.array([[1000.0, 1000.0]]), np.array([0])), shown)
    expect_shape(out, (1, 2), shown)
    if not np.all(np.isfinite(out)):
        raise fail(
            f"subtract each row's maximum before exp: {shown} returned {_fmt(out)}.", NO_MAX_SHIFT
        )
    if _close(out, [[-0.25, 0.25]]):  # on the 3 x 3 batch N = K, so dividing by K went unseen
        raise fail(f"{shown} returned {_fmt(out)}: divided by K = 2, not N = 1.", GRAD_SCALE)
    expect_close(out, [[-0.5, 0.5]], shown)
    shown = "cross_entropy_grad([[1000, 999], [0, -1]], [0, 0])"
    z = np.array([[1000.0, 999.0], [0.0, -1.0]])
    out = to_array(call(cross_entropy_grad, z, np.array([0, 0])), shown)
    expect_shape(out, (2, 2), shown)
    if not np.all(np.isfinite(out)):
        raise fail(
            f"subtract each row's own maximum: {shown} returned {_fmt(out)}.",
            GLOBAL_MAX_SHIFT,
        )
    row = [(_SIGMOID_1 - 1.0) / 2, (1.0 - _SIGMOID_1) / 2]
    expect_close(out, [row, row], shown)
    shown = "cross_entropy_grad([[1000, 0], [0, 1000]], [1, 1])"
    out = to_array(
        call(cross_entropy_grad, np.array([[1000.0, 0.0], [0.0, 1000.0]]), np.array([1, 1])), shown
    )
    expect_shape(out, (2, 2), shown)
    expect_close(out, [[0.5, -0.5], [0.0, 0.0]], shown, atol=1e-12)

    shown = f"cross_entropy_grad({_SHOWN_Z}, [1.0, 0.0, 1.0])"
    result = _with_float_labels(cross_entropy_grad, shown, _Z.copy(), _Y.astype(np.float64))
    expect_close(to_array(result, shown), (_P - _ONEHOT) / n, shown)

    if reference is not None:
        _hidden_labelled(cross_entropy_grad, reference, np.random.default_rng(61))


def _diagnose_grad(out, correct, shown):
    """Name the mistake behind a wrong gradient of the hand-worked batch, or fail generically."""
    __tracebackhide__ = True
    n, k = correct.shape
    if not np.all(np.isfinite(out)):
        raise fail(f"{shown} contains {_fmt(out[~np.isfinite(out)][0])}.", WRONG_VALUES)
    sums = out.sum(axis=1)
    seen = f"{shown} returned {_fmt(out)}"
    # A multiple of the right answer: the sign or the scale is wrong.
    factor = float(np.sum(out * correct) / np.sum(correct * correct))
    if abs(factor) > 1e-6 and _close(out, factor * correct):
        if factor < 0:
            raise fail(
                f"{seen}: the sign is reversed (row 0 has {out[0, 2]:.4g} at its label).", GRAD_SIGN
            )
        if _close(factor, n):
            raise fail(f"{seen}: {n} times too large for a batch of {n}.", GRAD_MISSING_1_OVER_N)
        raise fail(f"{seen}: {factor:.4g} times the right gradient.", GRAD_SCALE)
    if sums[0] > 0 and _close(sums, np.full(n, sums[0])) and _close(out, sums[0] * _P):
        raise fail(
            f"{seen}: row 0 sums to {sums[0]:.4g}, but each row must sum to 0.", GRAD_MISSING_ONEHOT
        )
    # Read back the one-hot matrix that was subtracted, assuming softmax and 1/N are right.
    implied = _P - n * out
    if np.allclose(implied, np.round(implied), atol=1e-6):
        for shift in (-1, 1):
            if _close(implied, np.eye(k)[(_Y + shift) % k]):
                raise fail(f"{seen}: the 1 is subtracted next to each label.", CE_LABEL_OFF_BY_ONE)
        counts = np.round(implied).sum(axis=1).astype(int)
        raise fail(
            f"{seen}: the rows of the subtracted one-hot matrix hold {counts.tolist()} ones.",
            GRAD_ONEHOT,
        )
    # Read back the probabilities, assuming the one-hot part and 1/N are right: they must
    # be positive and sum to 1 along each row, not over the whole batch or down a column.
    probabilities = n * out + _ONEHOT
    if np.all(probabilities > 0):
        if _close(probabilities.sum(), 1.0) and not _close(probabilities.sum(axis=1), np.ones(n)):
            raise fail(
                f"normalise each row on its own: {seen}: the probabilities implied sum to 1 "
                "over the whole batch, "
                f"row 0 to {probabilities[0].sum():.4g}.",
                GLOBAL_NORMALISATION,
            )
        if _close(probabilities.sum(axis=0), np.ones(k)):
            raise fail(
                f"normalise along each row: {seen}: the probabilities implied sum to 1 down "
                "each column, "
                f"row 0 to {probabilities[0].sum():.4g}.",
                WRONG_AXIS,
            )
    # A reduction without keepdims=True lines the row maxima or row sums up with the columns.
    rows_shifted = _E / _E.max(axis=1, keepdims=True)
    columns_shifted = _E / _E.max(axis=1)
    unaligned = [
        _E / _E.sum(axis=1),
        rows_shifted / rows_shifted.sum(axis=1),
        columns_shifted / columns_shifted.sum(axis=1),
        columns_shifted / columns_shifted.sum(axis=1, keepdims=True),
    ]
    if any(_close(probabilities, p) for p in unaligned):
        raise fail(
            f"reduce with keepdims=True: {seen}: row maxima or sums were applied by column.",
            MISSING_KEEPDIMS,
        )
    if not _close(sums, 0.0):
        worst = int(np.argmax(np.abs(sums)))
        raise fail(
            f"make every row sum to 0: {seen}: row {worst} sums to {sums[worst]:.4g}.", WRONG_VALUES
        )
    expect_close(out, correct, shown)


# --- softmax_jacobian ---------------------------------------------------------------------


@exercise_check("softmax_jacobian")
def check_softmax_jacobian(softmax_jacobian, reference=None):
    """Check ``softmax_jacobian(z)``: diag(p) - p p^T, symmetric, rows summing to 0."""
    p = _P[0]  # softmax(log [1, 2, 3]) = [1, 2, 3] / 6
    shown = "softmax_jacobian(log([1, 2, 3]))"
    out = _array(call(softmax_jacobian, _Z[0].copy()), shown)
    expect_shape(out, (3, 3), shown)
    correct = np.array([[5.0, -2.0, -3.0], [-2.0, 8.0, -6.0], [-3.0, -6.0, 9.0]]) / 36
    if not _close(out, correct):
        seen = f"{shown} returned {_fmt(out)}"
        variants = [
            (-np.outer(p, p), JAC_MISSING_DIAG, "the diagonal is negative"),
            (np.diag(p) + np.outer(p, p), JAC_OUTER_SIGN, "the off-diagonal entries are positive"),
            (-correct, JAC_SIGN, "the diagonal is negative"),
            (np.diag(p) - p @ p, JAC_OUTER_PRODUCT, "every off-diagonal entry is the same"),
            (np.diag(p) - p * p, JAC_OUTER_PRODUCT, "each column holds -p_j^2"),
            (np.diag(p) - (p * p)[:, None], JAC_OUTER_PRODUCT, "each row holds -p_i^2"),
            (np.diag(p * (1 - p)), JAC_OFF_DIAGONAL, "the off-diagonal entries are 0"),
            (np.outer(p, 1 - p), JAC_DELTA, "entry (i, j) is p_i (1 - p_j) everywhere"),
            (np.outer(1 - p, p), JAC_DELTA, "entry (i, j) is (1 - p_i) p_j everywhere"),
            (np.diag(_Z[0]) - np.outer(_Z[0], _Z[0]), JAC_USED_LOGITS, "it is built from z"),
        ]
        for variant, mistake, why in variants:
            if _close(out, variant):
                raise fail(f"{seen}: {why}.", mistake)
        sums = out.sum(axis=1)
        if not _close(sums, 0.0):
            worst = int(np.argmax(np.abs(sums)))
            raise fail(
                f"make every row sum to 0: {seen}: row {worst} sums to {sums[worst]:.4g}.",
                WRONG_VALUES,
            )
        if not _close(out, out.T):
            raise fail(f"make J symmetric: {seen}.", WRONG_VALUES)
        expect_close(out, correct, shown)

    shown = "softmax_jacobian([1000, 1000])"
    out = to_array(call(softmax_jacobian, np.array([1000.0, 1000.0])), shown)
    expect_shape(out, (2, 2), shown)
    if not np.all(np.isfinite(out)):
        raise fail(
            f"subtract each row's maximum before exp: {shown} returned {_fmt(out)}.", NO_MAX_SHIFT
        )
    expect_close(out, [[0.25, -0.25], [-0.25, 0.25]], shown)

    if reference is None:
        return
    rng = np.random.default_rng(62)
    exact = _TOLERANCE[np.float64]
    for k in (1, 2, 5, 12, 200):
        matches_reference(softmax_jacobian, reference, (rng.normal(size=k) * 3,), **exact)
    matches_reference(softmax_jacobian, reference, (rng.normal(size=6) * 1e4,), **exact)
    z = rng.normal(size=5) * 3
    for dtype in (np.float64, np.float32, np.float16):
        matches_reference(softmax_jacobian, reference, (z.astype(dtype),), **_TOLERANCE[dtype])
    matches_reference(softmax_jacobian, reference, (np.array([3, -1, 0, 2]),), **exact)


# --- numerical_gradient -------------------------------------------------------------------


class _Probe:
    """A function for the learner's numerical_gradient that notes how it was called.

    It records the shapes it was given and whether it was handed the caller's own array,
    perturbed, instead of a copy; a call with the wrong shape returns 0 instead of raising,
    so that the check can name the shape problem.
    """

    def __init__(self, value, x):
        self.value = value
        self.x = x
        self.original = np.array(x, copy=True)
        self.shapes = set()
        self.perturbed_in_place = False
        self.__name__ = getattr(value, "__name__", "f")

    def __deepcopy__(self, memo):
        # call() hands the learner deep copies of f and x, made together: the probe stays
        # itself (it records what the learner did) but follows x to the copy the learner gets.
        self.x = copy.deepcopy(self.x, memo)
        return self

    def __call__(self, v):
        v_array = np.asarray(v)
        self.shapes.add(v_array.shape)
        if isinstance(self.x, np.ndarray) and np.shares_memory(v_array, self.x):
            if not np.array_equal(self.x, self.original):
                self.perturbed_in_place = True
        if v_array.shape != self.original.shape:
            return 0.0
        return self.value(v_array)


def _run_probe(numerical_gradient, value, x, shown, **kwargs):
    """Call the learner's function on a probe of ``value`` at ``x``; check shape and copying."""
    __tracebackhide__ = True
    f = _Probe(value, x)
    out = _array(call(numerical_gradient, f, x, **kwargs), shown)
    if f.perturbed_in_place:
        raise fail(f"{shown} perturbed the caller's x in place and handed it to f.", NG_PERTURBS_X)
    odd = sorted(s for s in f.shapes if s != np.shape(x))
    if odd:
        raise fail(
            f"{shown} called f with an array of shape {odd[0]}, not x's shape {np.shape(x)}.",
            NG_ONLY_1D,
        )
    return out


# The functions handed to the learner's numerical_gradient; their names show in messages.
def sum_cubes(v):
    return np.sum(v**3)


def sum_exp(v):
    return np.sum(np.exp(v))


_C = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])


def weighted_squares(A):
    # Depends on A's layout: a flattened A gives a different (wrong) function.
    return np.sum(_C * A**2) + A[0, 1] * A[1, 0]


def product(v):
    return v[0] * v[1] * v[2]


def smooth(v):
    return (
        np.sum(np.sin(v) * np.arange(1.0, np.size(v) + 1).reshape(np.shape(v)))
        + np.sum(v**2) ** 2 / 8
    )


def squares(v):
    """Not a scalar function: one square per entry."""
    return v**2


def _check_central_differences(numerical_gradient):
    """The cubic: its central difference is exactly 3 x^2 + h^2; one-sided ones are not."""
    __tracebackhide__ = True
    x = np.array([1.0, 2.0, -1.0])
    h = 0.1
    shown = "numerical_gradient(sum_cubes, [1, 2, -1], h=0.1)"
    out = _run_probe(numerical_gradient, sum_cubes, x, shown, h=h)
    expect_shape(out, x.shape, shown)
    correct = 3 * x**2 + h**2
    if not _close(out, correct, rtol=1e-9):
        seen = f"{shown} returned {_fmt(out)}"
        forward, backward = 3 * x**2 + 3 * x * h + h**2, 3 * x**2 - 3 * x * h + h**2
        for one_sided in (forward, backward, forward / 2, backward / 2):
            if _close(out, one_sided, rtol=1e-9):
                raise fail(f"{seen}: the error grows in proportion to h.", NG_ONE_SIDED)
        if _close(out, 2 * correct, rtol=1e-9):
            raise fail(f"{seen}: twice the slope.", NG_DIVIDES_BY_H)
        if _close(out, correct * h**2, rtol=1e-9) or _close(out, 4 * correct * h**2, rtol=1e-9):
            raise fail(f"{seen}: about h^2 = {h**2:.2g} times the slope.", NG_PRECEDENCE)
        if _close(out, 3 * x**2, rtol=1e-7, atol=1e-7):
            raise fail(f"{seen}: the step used was not h = {h}.", NG_IGNORES_H)
        if _close(out, np.full(x.shape, correct.sum()), rtol=1e-9):
            raise fail(
                f"{seen}: every entry is the same, the sum of the partial derivatives.",
                NG_ALL_AT_ONCE,
            )
        expect_close(out, correct, shown, rtol=1e-9)

    shown = "numerical_gradient(sum_exp, [0, 1, -2])"
    x = np.array([0.0, 1.0, -2.0])
    out = _run_probe(numerical_gradient, sum_exp, x, shown)
    expect_shape(out, x.shape, shown)
    slope = np.exp(x)
    if not _close(out, slope, rtol=1e-8, atol=0.0):
        for one_sided in (slope * (1 + 0.5e-5), slope * (1 - 0.5e-5)):
            if _close(out, one_sided, rtol=1e-8, atol=0.0):
                raise fail(
                    f"{shown} returned {_fmt(out)}, off by a relative 5e-6 = h/2.", NG_ONE_SIDED
                )
        expect_close(out, slope, shown, rtol=1e-8)

    # At 0 the central difference of v^3 is exactly h^2: it reads back the default step.
    shown = "numerical_gradient(sum_cubes, [0, 0])"
    x = np.array([0.0, 0.0])
    out = _run_probe(numerical_gradient, sum_cubes, x, shown)
    expect_shape(out, x.shape, shown)
    if not _close(out, [1e-10, 1e-10], rtol=1e-6, atol=0.0):
        if out[0] > 0 and not math.isclose(math.sqrt(out[0]), 1e-5, rel_tol=1e-3):
            raise fail(
                f"{shown} returned {_fmt(out)}: its first entry is h^2 for a step "
                f"h = {math.sqrt(out[0]):.3g} (the default is 1e-5).",
                NG_DEFAULT_STEP,
            )
        expect_close(out, [1e-10, 1e-10], shown, rtol=1e-6)

    # f = v0 v1 v2 mixes the coordinates: each one must be put back before the next.
    x = np.array([1.0, 2.0, 3.0])
    shown = "numerical_gradient(product, [1, 2, 3], h=0.1)"
    out = _run_probe(numerical_gradient, product, x, shown, h=0.1)
    expect_shape(out, x.shape, shown)
    correct = np.array([6.0, 3.0, 2.0])  # exact: f is linear in each coordinate
    if not _close(out, correct, rtol=1e-9):
        left = x - 0.1  # where the earlier coordinates stay when they are not restored
        drift = np.array([x[1] * x[2], left[0] * x[2], left[0] * left[1]])
        if _close(out, drift, rtol=1e-9):
            raise fail(
                f"{shown} returned {_fmt(out)}: the coordinates already done stayed at x - h.",
                NG_NOT_RESTORED,
            )
        expect_close(out, correct, shown, rtol=1e-9)


def _check_shapes_of_x(numerical_gradient):
    """A matrix x (f needs its layout) and a 0-d x: the gradient has x's shape."""
    __tracebackhide__ = True
    x = np.array([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5]])
    shown = "numerical_gradient(weighted_squares, x) for a 2 x 3 matrix x"
    try:
        out = _run_probe(numerical_gradient, weighted_squares, x, shown)
    except CheckFailed as failure:
        if failure.tag == RAISED_ERROR.tag:
            raise fail(f"it works on vectors, but {failure.problem}", NG_ONLY_1D) from None
        raise
    if out.shape == (x.size,):
        raise fail(
            f"return x's shape: {shown} returned a flat array of shape {out.shape}.",
            WRONG_SHAPE,
        )
    if out.shape != x.shape:
        raise fail(f"{shown} returned shape {out.shape}, not x's shape {x.shape}.", NG_ONLY_1D)
    slope = 2 * _C * x
    slope[0, 1] += x[1, 0]
    slope[1, 0] += x[0, 1]
    if not _close(out, slope, rtol=1e-7, atol=1e-8):
        raise fail(
            f"{shown} is wrong although the vector cases were right: it returned {_fmt(out)}.",
            NG_ONLY_1D,
        )

    shown = "numerical_gradient(sum_cubes, np.array(2.0), h=0.1) for a 0-d x"
    try:
        out = _run_probe(numerical_gradient, sum_cubes, np.array(2.0), shown, h=0.1)
    except CheckFailed as failure:
        if failure.tag == RAISED_ERROR.tag:
            raise fail(failure.problem, NG_ONLY_1D) from None
        raise
    if out.shape != ():
        raise fail(f"{shown} returned shape {out.shape}, not ().", NG_ONLY_1D)
    expect_close(out, 12.01, shown, rtol=1e-9)


def _check_dtypes_of_x(numerical_gradient):
    """Integer x moves by h on a float copy; float32/16 x are differentiated at float64 points."""
    __tracebackhide__ = True
    x = np.array([1, 2, -1])
    shown = "numerical_gradient(sum_cubes, np.array([1, 2, -1]), h=0.1)"
    out = _run_probe(numerical_gradient, sum_cubes, x, shown, h=0.1)
    expect_shape(out, x.shape, shown)
    if out.dtype.kind != "f" or not _close(out, 3 * x**2 + 0.01, rtol=1e-9):
        raise fail(
            f"{shown} (an integer x) returned {_fmt(out)} of dtype {out.dtype}.", NG_INTEGER_X
        )
    # Rounding the gradient to float32 or float16 at the end costs one unit in the last
    # place; a step taken in that dtype costs about eps * |f| / h, percents.
    for dtype, rtol in ((np.float32, 1e-6), (np.float16, 1e-3)):
        x = np.array([1.0, 2.0, -1.0], dtype=dtype)
        shown = f"numerical_gradient(sum_cubes, np.array([1, 2, -1], {np.dtype(dtype).name}))"
        out = _run_probe(numerical_gradient, sum_cubes, x, shown)
        expect_shape(out, x.shape, shown)
        if not _close(out, 3.0 * x.astype(np.float64) ** 2, rtol=rtol, atol=0.0):
            raise fail(
                f"{shown} returned {_fmt(out)}: x + h rounded in {np.dtype(dtype).name}.",
                NG_LOW_PRECISION,
            )


@exercise_check("numerical_gradient")
def check_numerical_gradient(numerical_gradient, reference=None):
    """Check ``numerical_gradient(f, x, h=1e-5)``: central differences, any shape, x unchanged."""
    _check_central_differences(numerical_gradient)
    _check_shapes_of_x(numerical_gradient)
    _check_dtypes_of_x(numerical_gradient)
    if reference is None:
        return
    tolerance = {"rtol": 1e-7, "atol": 1e-8}
    rng = np.random.default_rng(63)
    for shape in [(4,), (2, 3), (2, 2, 2), ()]:
        matches_reference(
            numerical_gradient, reference, (smooth, rng.normal(size=shape)), **tolerance
        )
    matches_reference(
        numerical_gradient, reference, (smooth, rng.normal(size=5), 1e-3), **tolerance
    )
    x = rng.normal(size=4)
    matches_reference(
        numerical_gradient,
        reference,
        (smooth, x.astype(np.float32)),
        rtol=1e-6,
        atol=1e-7,
        mistake=NG_LOW_PRECISION,
    )
    matches_reference(
        numerical_gradient,
        reference,
        (smooth, x.astype(np.float16)),
        rtol=1e-3,
        atol=1e-4,
        mistake=NG_LOW_PRECISION,
    )


# --- train_softmax_regression -------------------------------------------------------------

# One step from zeros on three points, worked by hand: p = [1/2, 1/2] everywhere,
# G = (p - onehot) / 3, dW = X^T G = [[-1, 1]], db = [-1/6, 1/6]; with lr = 3,
# W = [[3, -3]] and b = [0.5, -0.5].
_X_HAND = np.array([[1.0], [2.0], [-3.0]])
_Y_HAND = np.array([0, 0, 1])
_W_HAND, _B_HAND = np.array([[3.0, -3.0]]), np.array([0.5, -0.5])
_SHOWN_HAND = "train_softmax_regression([[1], [2], [-3]], [0, 0, 1], lr=3"


def _blobs(seed=2024, per_class=20):
    """Three well-separated Gaussian blobs in the plane (a linearly separable problem)."""
    rng = np.random.default_rng(seed)
    centres = np.array([[2.0, 0.0], [-1.0, 1.7], [-1.0, -1.7]])
    y = rng.permutation(np.repeat(np.arange(3), per_class))
    return centres[y] + 0.4 * rng.normal(size=(y.size, 2)), y


def _train(train, X, y, shown, *, float_labels=False, **kwargs):
    """Run the learner's training; return W, b, losses as arrays."""
    __tracebackhide__ = True
    if float_labels:
        result = _with_float_labels(train, shown, X, y, **kwargs)
    else:
        result = call(train, X, y, **kwargs)
    if result is None:
        return to_array(result, shown)
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        raise fail(
            f"return the three values (W, b, losses): {shown} returned {describe(result)}.",
            UNREADABLE_OUTPUT,
        )
    W, b, losses = (to_array(part, f"{shown}[{i}]") for i, part in enumerate(result))
    return W, b, losses


def _expect_trained_shapes(W, b, losses, d, k, epochs, shown):
    __tracebackhide__ = True
    expect_shape(W, (d, k), f"W from {shown}")
    expect_shape(b, (k,), f"b from {shown}")
    if losses.shape != (epochs,):
        raise fail(
            f"record one loss per epoch: {shown} returned losses of shape {losses.shape}.",
            WRONG_SHAPE,
        )


def _check_one_step(train):
    """The hand-worked step: zeros start, log K first, the step's direction and size."""
    __tracebackhide__ = True
    shown = f"{_SHOWN_HAND}, epochs=1)"
    W, b, losses = _train(train, _X_HAND.copy(), _Y_HAND.copy(), shown, lr=3.0, epochs=1)
    _expect_trained_shapes(W, b, losses, 1, 2, 1, shown)
    again = _train(train, _X_HAND.copy(), _Y_HAND.copy(), shown, lr=3.0, epochs=1)
    if not all(
        np.array_equal(a, c, equal_nan=True) for a, c in zip((W, b, losses), again, strict=True)
    ):
        raise fail(f"two runs of {shown} returned different models.", TRAIN_NONDETERMINISTIC)
    first = float(losses[0])
    if not _close(first, math.log(2.0), rtol=1e-9):
        if _close(first, 3 * math.log(2.0), rtol=1e-9):
            raise fail(
                f"losses[0] of {shown} is {first:.6g}, 3 times the mean over 3 samples.",
                TRAIN_LOSS_SUM,
            )
        raise fail(
            f"losses[0] of {shown} is {first:.6g}, not the loss log K of an untrained model "
            "with K = 2.",
            TRAIN_FIRST_LOSS,
        )
    if not (_close(W, _W_HAND) and _close(b, _B_HAND)):
        seen = f"{shown} returned W = {_fmt(W)}, b = {_fmt(b)}"
        if _close(W, -_W_HAND) and _close(b, -_B_HAND):
            raise fail(f"{seen}: the step went up the gradient.", TRAIN_ASCENT)
        if _close(W, 3 * _W_HAND):
            raise fail(f"{seen}: a step 3 times too long for 3 samples.", TRAIN_MISSING_1_OVER_N)
        if _close(W, _W_HAND) and np.all(b == 0):
            raise fail(f"{seen}: b did not move.", TRAIN_NO_BIAS)
        if (_close(W, _W_HAND / 3) or _close(W, _W_HAND)) and (
            _close(b, _B_HAND / 3) or _close(b, _B_HAND)
        ):
            raise fail(
                f"{seen}: a step 3 times too short for 3 samples, where it is not right.",
                TRAIN_DIVIDED_TWICE,
            )
        expect_close(W, _W_HAND, f"W from {shown}")
        expect_close(b, _B_HAND, f"b from {shown}")

    # Class 1 absent: K = max(y) + 1 = 3 all the same. By hand: p = 1/3 everywhere,
    # dW = [[-1, 0, 1]], db = [-1/3, 1/3, 0].
    shown = "train_softmax_regression([[1], [2], [-3]], [0, 0, 2], lr=3, epochs=1)"
    try:
        W, b, losses = _train(train, _X_HAND.copy(), np.array([0, 0, 2]), shown, lr=3.0, epochs=1)
    except CheckFailed as failure:
        if failure.tag == RAISED_ERROR.tag:
            raise fail(f"{failure.problem} (class 1 has no sample)", TRAIN_NUM_CLASSES) from None
        raise
    if W.shape != (1, 3) or b.shape != (3,):
        raise fail(
            f"{shown} returned W of shape {W.shape} and b of shape {b.shape}; class 1 has no "
            "sample.",
            TRAIN_NUM_CLASSES,
        )
    expect_close(W, [[3.0, 0.0, -3.0]], f"W from {shown}", atol=1e-12)
    expect_close(b, [1.0, -1.0, 0.0], f"b from {shown}", atol=1e-12)
    expect_close(losses, [math.log(3.0)], f"losses from {shown}")


def _check_weight_decay(train):
    """Two hand-worked steps with weight decay 0.1 (the second starts from W = [[3, -3]])."""
    __tracebackhide__ = True
    wd = 0.1
    shown = f"{_SHOWN_HAND}, epochs=2, weight_decay=0.1)"
    W, b, losses = _train(
        train, _X_HAND.copy(), _Y_HAND.copy(), shown, lr=3.0, epochs=2, weight_decay=wd
    )
    _expect_trained_shapes(W, b, losses, 1, 2, 2, shown)
    # At the second step the margins are 7, 13 and 17: p - onehot = s [-1, 1] (labels 0) or
    # s [1, -1] (label 1) with s = sigmoid(-margin), and the cross-entropy is log1p(e^-margin).
    s7, s13, s17 = (1.0 / (1.0 + math.exp(m)) for m in (7.0, 13.0, 17.0))
    along_w = (s7 + 2 * s13 + 3 * s17) * np.array([[1.0, -1.0]])  # -lr * dW at the 2nd step
    along_b = (s7 + s13 - s17) * np.array([1.0, -1.0])  # -lr * db at the 2nd step
    W_right, b_right = (1 - 3 * wd) * _W_HAND + along_w, _B_HAND + along_b
    seen = f"{shown} returned W = {_fmt(W)}, b = {_fmt(b)}"
    if not _close(W, W_right):
        if _close(W, _W_HAND + along_w):
            raise fail(f"{seen}: W did not shrink.", TRAIN_WD_IGNORED)
        if _close(W, (1 + 3 * wd) * _W_HAND + along_w):
            raise fail(f"{seen}: W grew.", TRAIN_WD_SIGN)
        if _close(W, (1 - wd) * _W_HAND + along_w):
            raise fail(f"{seen}: W shrank by weight_decay, not lr * weight_decay.", TRAIN_WD_NO_LR)
        expect_close(W, W_right, f"W from {shown}")
    if not _close(b, b_right):
        if _close(b, (1 - 3 * wd) * _B_HAND + along_b):
            raise fail(f"{seen}: b shrank as if decayed.", TRAIN_WD_BIAS)
        expect_close(b, b_right, f"b from {shown}")
    cross_entropy = float(np.mean(np.log1p(np.exp([-7.0, -13.0, -17.0]))))
    penalty = wd / 2 * 18.0  # ||[[3, -3]]||^2 = 18
    if not _close(losses[1], cross_entropy + penalty, rtol=1e-9):
        if _close(losses[1], cross_entropy, rtol=1e-6):
            raise fail(
                f"losses[1] of {shown} is {float(losses[1]):.6g}, the cross-entropy alone.",
                TRAIN_LOSS_PENALTY,
            )
        expect_close(losses, [math.log(2.0), cross_entropy + penalty], f"losses from {shown}")


def _check_descent(train):
    """Huge features must not overflow; on separable blobs the loss falls at every step."""
    __tracebackhide__ = True
    # Step 1 gives W = [[500, -500]], so the logits of step 2 are +-5e5: exp overflows
    # without the max shift; the loss is then exactly 0 and the gradient 0.
    shown = "train_softmax_regression([[1000], [-1000]], [0, 1], lr=1, epochs=2)"
    X = np.array([[1000.0], [-1000.0]])
    W, b, losses = _train(train, X, np.array([0, 1]), shown, lr=1.0, epochs=2)
    _expect_trained_shapes(W, b, losses, 1, 2, 2, shown)
    if not (np.all(np.isfinite(W)) and np.all(np.isfinite(losses))):
        raise fail(
            f"subtract each row's maximum before exp: {shown} gave W = {_fmt(W)}, losses = {_fmt(losses)}.",
            NO_MAX_SHIFT,
        )
    expect_close(W, [[500.0, -500.0]], f"W from {shown}")
    expect_close(b, [0.0, 0.0], f"b from {shown}", atol=1e-12)
    expect_close(losses, [math.log(2.0), 0.0], f"losses from {shown}", atol=1e-12)

    X, y = _blobs()
    epochs = 40
    shown = "train_softmax_regression(X, y, lr=0.3, epochs=40) on three separable blobs"
    W, b, losses = _train(train, X, y, shown, lr=0.3, epochs=epochs)
    _expect_trained_shapes(W, b, losses, 2, 3, epochs, shown)
    if not np.all(np.isfinite(losses)):
        raise fail(
            f"keep the losses finite: {shown} recorded {_fmt(losses[~np.isfinite(losses)][0])}.",
            WRONG_VALUES,
        )
    if not _close(losses[0], math.log(3.0), rtol=1e-9):
        raise fail(
            f"losses[0] of {shown} is {losses[0]:.6g}, not log K for K = 3.", TRAIN_FIRST_LOSS
        )
    if losses[-1] >= losses[0]:
        raise fail(
            f"with {shown} the loss went from {losses[0]:.4g} to {losses[-1]:.4g}.", TRAIN_ASCENT
        )
    rises = np.flatnonzero(np.diff(losses) > 1e-12)
    if rises.size:
        e = int(rises[0])
        raise fail(
            f"make every step lower the loss: with {shown} it rose from {losses[e]:.6g} to "
            f"{losses[e + 1]:.6g} at epoch {e + 1}.",
            WRONG_VALUES,
        )
    accuracy = float(np.mean(np.argmax(X @ W + b, axis=1) == y))
    if accuracy < 1.0:
        raise fail(
            f"fit the separable blobs: after {shown} only {accuracy:.0%} of the training "
            "points are classified right.",
            WRONG_VALUES,
        )


def _check_parameter_dtypes(train):
    """W and b come in the dtype of X: integer X gives float64, float16/32 are kept."""
    __tracebackhide__ = True
    for X, want in [
        (np.array([[1], [2], [-3]]), np.float64),
        (_X_HAND.astype(np.float32), np.float32),
        (_X_HAND.astype(np.float16), np.float16),
    ]:
        shown = f"{_SHOWN_HAND}, epochs=1) with X of dtype {X.dtype}"
        W, b, _ = _train(train, X, _Y_HAND.copy(), shown, lr=3.0, epochs=1)
        for name, value in (("W", W), ("b", b)):
            if value.dtype != np.dtype(want):
                why = (
                    "make W and b with dtype=X.dtype (np.zeros makes float64)"
                    if value.dtype.itemsize > np.dtype(want).itemsize
                    else "compute in a wider dtype if you like, but round back once at the end"
                )
                raise fail(
                    f"return {name} of dtype {np.dtype(want).name}: {shown} returned "
                    f"{value.dtype}; {why}.",
                    WRONG_DTYPE,
                )
        expect_close(W, _W_HAND, f"W from {shown}", rtol=1e-3)
        expect_close(b, _B_HAND, f"b from {shown}", rtol=1e-3)


def _check_float_labels(train):
    """Whole-number float labels train the same model (last, so other mistakes come first)."""
    __tracebackhide__ = True
    shown = "train_softmax_regression([[1], [2], [-3]], [0.0, 0.0, 1.0], lr=3, epochs=1)"
    W, b, _ = _train(
        train,
        _X_HAND.copy(),
        _Y_HAND.astype(np.float64),
        shown,
        float_labels=True,
        lr=3.0,
        epochs=1,
    )
    expect_close(W, _W_HAND, f"W from {shown}")
    expect_close(b, _B_HAND, f"b from {shown}")


@exercise_check("train_softmax_regression")
def check_train_softmax_regression(train_softmax_regression, reference=None):
    """Check ``train_softmax_regression``: zeros start, gradient descent steps, weight decay."""
    train = train_softmax_regression
    _check_one_step(train)
    _check_weight_decay(train)
    _check_descent(train)
    _check_parameter_dtypes(train)
    _check_float_labels(train)
    if reference is not None:
        _train_hidden(train, reference)


def _compare_training(train, reference, X, y, what, tolerance=None, **kwargs):
    """Hidden: the learner's W, b and losses equal the reference's."""
    __tracebackhide__ = True
    tolerance = tolerance or {"rtol": 1e-7, "atol": 1e-10}
    W_ref, b_ref, losses_ref = reference(np.copy(X), np.copy(y), **kwargs)
    shown = f"train_softmax_regression({what}, {', '.join(f'{k}={v}' for k, v in kwargs.items())})"
    W, b, losses = _train(train, X, y, shown, **kwargs)
    _expect_trained_shapes(W, b, losses, *W_ref.shape, len(losses_ref), shown)
    for name, mine, theirs in (("W", W, W_ref), ("b", b, b_ref)):
        expect_dtype(mine, np.asarray(theirs).dtype, f"{name} from {shown}")
    finite = np.all(np.isfinite(W_ref)) and np.all(np.isfinite(losses_ref))
    if finite and not (np.all(np.isfinite(W)) and np.all(np.isfinite(losses))):
        raise fail(
            f"subtract each row's maximum before exp: {shown} produced non-finite values.",
            NO_MAX_SHIFT,
        )
    params_right = _close(W, W_ref, **tolerance) and _close(b, b_ref, **tolerance)
    if (
        params_right
        and kwargs.get("weight_decay", 0.0) > 0
        and not _close(losses, losses_ref, **tolerance)
    ):
        raise fail(
            f"{shown} trained the right model but recorded losses {_fmt(losses[:3])}... .",
            TRAIN_LOSS_PENALTY,
        )
    expect_close(W, W_ref, f"W from {shown}", reveal=True, **tolerance)
    expect_close(b, b_ref, f"b from {shown}", reveal=True, **tolerance)
    expect_close(losses, losses_ref, f"losses from {shown}", reveal=True, **tolerance)


def _train_hidden(train, reference):
    __tracebackhide__ = True
    rng = np.random.default_rng(64)
    X, y = _blobs()
    _compare_training(train, reference, X, y, "blobs", lr=0.3, epochs=40)
    _compare_training(train, reference, X, y, "blobs", lr=0.3, epochs=40, weight_decay=0.05)
    X4, y4 = rng.normal(size=(40, 5)), rng.integers(0, 4, size=40)
    y4[:4] = np.arange(4)  # every class present
    _compare_training(train, reference, X4, y4, "random data", lr=0.5, epochs=25, weight_decay=0.02)
    # Features large enough that the logits pass exp's overflow threshold.
    _compare_training(train, reference, 40 * X, y, "40 * blobs", lr=1.0, epochs=15)
    gap = y != 1
    _compare_training(train, reference, X[gap], y[gap], "labels 0 and 2 only", lr=0.3, epochs=5)
    _compare_training(
        train,
        reference,
        X.astype(np.float32),
        y,
        "float32 blobs",
        {"rtol": 1e-4, "atol": 1e-5},
        lr=0.3,
        epochs=10,
    )
    _compare_training(
        train,
        reference,
        X.astype(np.float16),
        y,
        "float16 blobs",
        {"rtol": 5e-3, "atol": 2e-3},
        lr=0.3,
        epochs=10,
    )
    _compare_training(
        train, reference, np.round(4 * X).astype(np.int64), y, "integer X", lr=0.05, epochs=10
    )


# --- contracts: what each exercise's text states beyond the values ------------------------

_INF, _NAN = np.inf, np.nan


def _labels_for(z):
    """One valid label per row of logits ``z``, cycling through the classes (a list for a list)."""
    n, k = np.shape(z)
    labels = np.arange(n) % k
    return labels.tolist() if isinstance(z, list) else labels


def _label_errors():
    """The invalid calls of ``cross_entropy`` and its gradient (``_Z`` is 3 x 3)."""
    return (
        Invalid("label K", (_Z, np.array([0, 3, 1]))),
        Invalid("label -1", (_Z, np.array([0, -1, 1]))),
        Invalid("label 0.5", (_Z, np.array([0.0, 0.5, 1.0]))),
        Invalid("2 labels for 3 rows", (_Z, np.array([0, 1]))),
        Invalid("one-hot labels", (_Z, np.eye(3)[_Y])),
        Invalid("1-D logits", (_Z[0], np.array([1]))),
        Invalid("complex logits", (_Z + 0j, _Y)),
        Invalid("an empty batch", (np.zeros((0, 3)), np.zeros(0, dtype=np.int64))),
    )


# Row 0 has a wrong class at -inf (probabilities 1/4, 0, 3/4); row 1 has its first class at
# -inf (probabilities 0, 1/2, 1/2).
_WITH_INF = np.array([[0.0, -_INF, np.log(3.0)], [-_INF, 0.0, 0.0]])
_WITH_NAN = np.array([[0.0, _NAN, 1.0], [0.0, 0.0, 0.0]])
# COURSE.md: float16 sums of exponentials and means accumulate in float32, so 65,520
# classes (or samples) of float16 do not overflow float16's largest number, 65,504.
_WIDE16 = np.zeros((1, 65520), dtype=np.float16)
_TALL16 = np.zeros((65520, 3), dtype=np.float16)
_WIDE16_GRAD = np.full((1, 65520), 1 / 65520)
_WIDE16_GRAD[0, 0] -= 1.0

Contract(
    "cross_entropy",
    wrap_sample=wrapping((3, 4)),
    float16_sample=GENERAL_LOGITS,
    sample=np.log(np.array([[1.0, 2.0, 3.0, 2.0], [4.0, 1.0, 2.0, 1.0], [1.0, 1.0, 4.0, 2.0]])),
    call=lambda z: ((z, _labels_for(z)), {}),
    returns="scalar",
    errors=_label_errors(),
    edges=(
        Edge("-inf logits", (_WITH_INF, np.array([2, 1])), expected=np.log(4 / 3 * 2) / 2),
        Edge("the true class at -inf", (_WITH_INF, np.array([1, 0])), expected=_INF),
        Edge("NaN", (_WITH_NAN, np.array([0, 1])), expected=_NAN, mistake=NAN_SWALLOWED),
        Edge(
            "65,520 float16 classes",
            (_WIDE16, np.array([0])),
            expected=np.log(65520.0),
            dtype=np.float16,
            rtol=1e-3,
            mistake=FLOAT16_SUMS,
        ),
        Edge(
            "65,520 float16 rows",
            (_TALL16, np.zeros(65520, dtype=np.int64)),
            expected=np.log(3.0),
            dtype=np.float16,
            rtol=1e-3,
            mistake=FLOAT16_SUMS,
        ),
        # COURSE.md, accuracy everywhere: the loss is -log_softmax(z)[y], shift first and
        # keep log1p's digits (notebook 04), never lse(z) - z_y rounded.
        Edge(
            "[[0, -40]], label 0",
            (np.array([[0.0, -40.0]]), np.array([0])),
            expected=4.248354255291589e-18,
            rtol=1e-9,
            atol=0.0,
            mistake=LSE_LOST_SMALL_TERMS,
        ),
        Edge(
            "float32 [[1e8, 1e8]], label 0",
            (np.array([[1e8, 1e8]], np.float32), np.array([0])),
            expected=math.log(2.0),
            dtype=np.float32,
            mistake=LOG_SOFTMAX_UNSHIFTED,
        ),
    ),
    long_row=np.zeros((1, 70_000)),
    values="hand-worked losses, float labels, ±1000 logits",
)

Contract(
    "cross_entropy_grad",
    wrap_sample=wrapping((3, 4)),
    float16_sample=GENERAL_LOGITS,
    sample=np.log(np.array([[1.0, 2.0, 3.0, 2.0], [4.0, 1.0, 2.0, 1.0], [1.0, 1.0, 4.0, 2.0]])),
    call=lambda z: ((z, _labels_for(z)), {}),
    errors=_label_errors(),
    edges=(
        Edge(
            "-inf logits",
            (_WITH_INF, np.array([2, 1])),
            expected=[[1 / 8, 0.0, -1 / 8], [0.0, -1 / 4, 1 / 4]],
        ),
        Edge(
            "the true class at -inf",
            (np.array([[-_INF, 0.0, 0.0]]), np.array([0])),
            expected=[[-1.0, 0.5, 0.5]],
        ),
        Edge(
            "NaN",
            (_WITH_NAN, np.array([0, 1])),
            expected=[[_NAN] * 3, [1 / 6, -1 / 3, 1 / 6]],
            mistake=NAN_SWALLOWED,
        ),
        Edge(
            "65,520 float16 classes",
            (_WIDE16, np.array([0])),
            expected=_WIDE16_GRAD,
            dtype=np.float16,
            rtol=5e-3,
            mistake=FLOAT16_SUMS,
        ),
    ),
    values="hand-worked gradients, float labels, ±1000 logits",
)

_ALL_NAN_2X2 = np.full((2, 2), _NAN)

Contract(
    "softmax_jacobian",
    wrap_sample=wrapping((4,)),
    float16_sample=GENERAL_LOGITS[0],
    sample=np.array([0.5, -1.0, 2.0, 0.0]),  # one logit vector: no batch, no axis
    errors=(
        Invalid("2-D z", (np.zeros((2, 3)),)),
        Invalid("a (1, 3) z", (np.array([[1.0, 2.0, 3.0]]),)),
        Invalid("0-d z", (np.array(1.5),)),
        Invalid("complex z", (np.array([1j, 0.0]),)),
    ),
    edges=(
        Edge("one class", (np.array([7.0]),), expected=[[0.0]]),
        Edge(
            "-inf",
            (np.array([0.0, -_INF, np.log(3.0)]),),
            expected=np.array([[3.0, 0.0, -3.0], [0.0, 0.0, 0.0], [-3.0, 0.0, 3.0]]) / 16,
        ),
        Edge("NaN", (np.array([_NAN, 0.0]),), expected=_ALL_NAN_2X2, mistake=NAN_SWALLOWED),
        Edge("an empty z", (np.zeros(0),), expected=np.zeros((0, 0))),
        # Only the reference's docstring settles these (COURSE.md's all -inf rule names
        # stable_softmax, not the Jacobian): the softmax is undefined, so J is NaN.
        Edge("all -inf", (np.array([-_INF, -_INF]),), expected=_ALL_NAN_2X2, hidden=True),
        Edge("+inf", (np.array([_INF, 0.0]),), expected=_ALL_NAN_2X2, hidden=True),
    ),
    values="hand-worked J, ±1000 logits",
)

_X2 = np.array([1.0, 2.0])

Contract(
    "numerical_gradient",
    sample=np.array([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5]]),
    call=lambda x: ((smooth, x), {}),
    errors=(
        Invalid("h = 0", (sum_cubes, _X2), {"h": 0.0}),
        Invalid("h < 0", (sum_cubes, _X2), {"h": -1e-3}),
        Invalid("h = inf", (sum_cubes, _X2), {"h": _INF}),
        Invalid("bool h", (sum_cubes, _X2), {"h": True}),
        Invalid("array h", (sum_cubes, _X2), {"h": np.array([1e-5, 1e-5])}),
        Invalid("one-element array h", (sum_cubes, _X2), {"h": np.array([1e-5])}),
        Invalid("complex x", (sum_cubes, np.array([1.0 + 1j, 2.0]))),
        Invalid("f returning an array", (squares, _X2)),
    ),
    edges=(
        Edge("an empty x", (sum_cubes, np.zeros((0, 3))), expected=np.zeros((0, 3))),
        # Any positive finite number is a step, an integer too: ((x+1)^3 - (x-1)^3) / 2 is
        # 3x^2 + 1 exactly.
        Edge("an integer h", (sum_cubes, _X2), {"h": 1}, expected=3.0 * _X2**2 + 1.0),
        Edge(
            "a NumPy float32 h",
            (sum_cubes, _X2),
            {"h": np.float32(0.5)},
            expected=3.0 * _X2**2 + 0.25,
        ),
    ),
    values="central differences, x of any shape, float64 points",
)

_X6 = np.array([[2.0, 0.0], [-1.0, 1.7], [-1.0, -1.7], [1.5, 0.5], [-0.5, 1.0], [-1.5, -1.0]])
_Y6 = np.arange(6) % 3
_STEPS = {"lr": 0.5, "epochs": 3}


def _train_labels(X):
    """Three classes, cycling over the rows of ``X`` (a list for a list)."""
    labels = np.arange(np.shape(X)[0]) % 3
    return labels.tolist() if isinstance(X, list) else labels


Contract(
    "train_softmax_regression",
    sample=_X6,
    call=lambda X: ((X, _train_labels(X)), dict(_STEPS)),
    returns="arrays",
    dtype=None,  # W and b follow X's dtype (checked above); the docstring leaves losses free
    errors=(
        Invalid("1-D X", (_X6[:, 0], _Y6), _STEPS),
        Invalid("y too short", (_X6, _Y6[:-1]), _STEPS),
        Invalid("label -1", (_X6, np.where(_Y6 == 0, -1, _Y6)), _STEPS),
        Invalid("label 0.5", (_X6, _Y6 + 0.5), _STEPS),
        Invalid("no samples", (np.zeros((0, 2)), np.zeros(0, dtype=np.int64)), _STEPS),
        Invalid("lr = 0", (_X6, _Y6), {"lr": 0.0, "epochs": 2}),
        Invalid("lr < 0", (_X6, _Y6), {"lr": -0.1, "epochs": 2}),
        Invalid("lr = inf", (_X6, _Y6), {"lr": _INF, "epochs": 2}),
        Invalid("lr = nan", (_X6, _Y6), {"lr": _NAN, "epochs": 2}),
        Invalid("bool lr", (_X6, _Y6), {"lr": True, "epochs": 2}),
        Invalid("epochs = -1", (_X6, _Y6), {"lr": 0.1, "epochs": -1}),
        Invalid("float epochs", (_X6, _Y6), {"lr": 0.1, "epochs": 2.0}),
        Invalid("bool epochs", (_X6, _Y6), {"lr": 0.1, "epochs": True}),
        Invalid("weight_decay < 0", (_X6, _Y6), {"lr": 0.1, "epochs": 2, "weight_decay": -0.1}),
        Invalid("weight_decay = inf", (_X6, _Y6), {"lr": 0.1, "epochs": 2, "weight_decay": _INF}),
        Invalid("weight_decay = nan", (_X6, _Y6), {"lr": 0.1, "epochs": 2, "weight_decay": _NAN}),
    ),
    edges=(
        Edge(
            "epochs = 0",
            (_X6, _Y6),
            {"lr": 0.5, "epochs": 0},
            expected=(np.zeros((2, 3)), np.zeros(3), np.zeros(0)),
        ),
        Edge(
            "a NumPy epochs",
            (_X6, _Y6),
            {"lr": 0.5, "epochs": np.int64(0)},
            expected=(np.zeros((2, 3)), np.zeros(3), np.zeros(0)),
        ),
    ),
    values="hand-worked steps, weight decay, K = max(y) + 1, a falling loss",
)
