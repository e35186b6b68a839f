"""Checks of notebook ``01_logits``: ``linear_logits``, ``predict``, ``probability_ratio`` and
``logits_from_probabilities``.

The visible checks use small inputs whose answers are worked out by hand (written below as
literal numbers, never computed by a correct algorithm) and properties: a prediction is an
integer index of a largest logit, a probability ratio is ``exp`` of a logit difference, the
logits recovered from probabilities differ by log-ratios and have zero mean. Wrong variants
(no bias, argmin, ``z_i / z_j``, ``log10``, ...) are recognised before a generic failure.
"""

from __future__ import annotations

import copy

import numpy as np

from autograder.contract import GENERAL_LOGITS, Contract, Edge, Invalid, wrapping
from autograder.feedback import CheckFailed, Mistake, fail
from autograder.harness import (
    call,
    describe,
    exercise_check,
    expect_close,
    expect_shape,
    matches_reference,
    to_array,
)
from autograder.mistakes import (
    FLOAT16_SUM,
    MISSING_KEEPDIMS,
    RAISED_ERROR,
    WRONG_DTYPE,
    WRONG_SHAPE,
    WRONG_VALUES,
)

__all__ = [
    "check_linear_logits",
    "check_predict",
    "check_probability_ratio",
    "check_logits_from_probabilities",
]


INTEGER_ARITHMETIC = Mistake(
    "integer-arithmetic",
    "Integer arrays do arithmetic in their own type: in uint8, 200 * 2 is 144, and X @ W of "
    "integers stays integer. Convert every argument to float before any arithmetic "
    "(float64 for integers), not the result at the end.",
    fix="convert integers to float before arithmetic",
)
LINEAR_MISSING_BIAS = Mistake(
    "linear-logits-missing-bias",
    "The bias is missing: the logits are `X @ W + b`, with `b` added to every row.",
    fix="add the bias b to every row",
)
LINEAR_BIAS_SUBTRACTED = Mistake(
    "linear-logits-bias-subtracted",
    "The bias is subtracted: the logits are `X @ W + b`, not `X @ W - b`.",
    fix="add b, do not subtract it",
)
LINEAR_TRANSPOSED = Mistake(
    "linear-logits-transposed",
    "Your logits are transposed, shape (K, N): one row per example is expected, so compute "
    "`X @ W + b` (N, D) @ (D, K) -> (N, K) rather than `W.T @ X.T` or `(...).T`.",
    fix="return shape (N, K), one row per example",
)
LINEAR_BIAS_BROADCAST = Mistake(
    "linear-logits-bias-broadcast",
    "`X @ W` has shape (N, K) and `b` has shape (K,): adding them as they are adds b to every "
    "row. Reshaping b into a column (K, 1) lines it up with the wrong axis.",
    fix="add b as it is, shape (K,)",
)
LINEAR_WRONG_PRODUCT = Mistake(
    "linear-logits-wrong-product",
    "The product failed on shapes that fit: X is (N, D) with one example per row and W is "
    "(D, K), so the logits are the matrix product `X @ W` (not `W @ X`, `X.T @ W` or the "
    "elementwise `X * W`), plus `b`.",
    fix="compute X @ W (not W @ X, X.T @ W, X * W)",
)
PREDICT_RETURNED_MAX = Mistake(
    "predict-returned-max-value",
    "You returned the largest logit itself; the prediction is its *index*, the class: use "
    "`np.argmax(logits, axis=-1)` rather than `np.max`.",
    fix="return the index (np.argmax), not the max",
)
PREDICT_ARGMIN = Mistake(
    "predict-argmin",
    "You returned the class with the *smallest* logit; the prediction is the class with the "
    "largest one (`np.argmax`).",
    fix="use np.argmax, not np.argmin",
)
PREDICT_FLATTENED = Mistake(
    "predict-flattened-argmax",
    "`np.argmax(logits)` without `axis` flattens the whole batch and returns one index into "
    "it. Take the argmax of each example: `np.argmax(logits, axis=-1)`.",
    fix="take the argmax of each example (axis=-1)",
)
PREDICT_ONE_HOT = Mistake(
    "predict-one-hot",
    "You returned a one-hot array; the prediction is the integer index of the class, one "
    "per example (shape of the logits without the last axis).",
    fix="return integer indices, not a one-hot array",
)
PREDICT_TIE_BREAK = Mistake(
    "predict-tie-break",
    "When several classes share the largest logit, the lowest index must win (as "
    "`np.argmax` does); your function picked another one.",
    fix="break ties towards the lowest index",
)
PREDICT_NOT_INTEGER = Mistake(
    "predict-not-integer",
    "Class indices must be integers (they index arrays): return `np.argmax(...)` as it is, "
    "without converting it to float.",
    fix="return integer class indices",
)
PREDICT_SOFTMAX_OVERFLOW = Mistake(
    "predict-softmax-overflow",
    "For large logits your prediction is wrong: exponentiating them (a softmax first) "
    "overflows to inf and NaN. Softmax keeps the order of the logits, so the prediction is "
    "simply the argmax of the logits themselves.",
    fix="take the argmax of the logits themselves",
)
PREDICT_FROM_ONE = Mistake(
    "predict-counted-from-one",
    "Your classes are 1 too large: class indices count from 0, like NumPy's indices, so "
    "return `np.argmax(logits, axis=-1)` as it is, without adding 1.",
    fix="count classes from 0 (no + 1)",
)
PREDICT_LOST_PRECISION = Mistake(
    "predict-lost-precision",
    "Logits that differ only slightly must still be told apart: take `np.argmax` of the "
    "logits as they are. Converting them to a smaller dtype (float16/float32) or passing them "
    "through `exp`/softmax first rounds tiny differences away and creates false ties.",
    fix="take the argmax of the logits as they are",
)
PREDICT_WRONG_AXIS = Mistake(
    "predict-wrong-axis",
    "The classes lie along the last axis, whatever the number of dimensions: a single "
    "example (K,) has only that axis, a batch (N, K) has it second. Take "
    "`np.argmax(logits, axis=-1)` rather than `axis=0` or `axis=1`.",
    fix="take the argmax along the last axis (-1)",
)
PREDICT_IGNORED_NAN = Mistake(
    "predict-ignored-nan",
    "A NaN logit must not be skipped: NaN in gives NaN out, and for an index that means the "
    "NaN wins, as `np.argmax` does. `np.nanargmax` (or replacing NaN first) hides a broken "
    "model behind a plausible class.",
    fix="let NaN win, as np.argmax does",
)
RATIO_DIVIDED_LOGITS = Mistake(
    "probability-ratio-divided-logits",
    "You divided the logits (z_i / z_j). Logits are log-scores: the probability ratio is "
    "exp(z_i - z_j).",
    fix="use exp(z_i - z_j), not z_i / z_j",
)
RATIO_INVERTED = Mistake(
    "probability-ratio-inverted",
    "You computed p_j / p_i: the ratio asked for is p_i / p_j = exp(z_i - z_j), with z_i first.",
    fix="return p_i / p_j = exp(z_i - z_j)",
)
RATIO_MISSING_EXP = Mistake(
    "probability-ratio-missing-exp",
    "z_i - z_j is the *log* of the probability ratio; exponentiate it: exp(z_i - z_j).",
    fix="exponentiate the difference: exp(z_i - z_j)",
)
RATIO_WRONG_BASE = Mistake(
    "probability-ratio-wrong-base",
    "Softmax uses the natural exponential: the ratio is e^(z_i - z_j) (`np.exp`), not "
    "2^(z_i - z_j) or 10^(z_i - z_j).",
    fix="use np.exp (base e)",
)
RATIO_OVERFLOW = Mistake(
    "probability-ratio-overflow",
    "For large logits exp(z_i) and exp(z_j) overflow to inf (and inf / inf is NaN). Subtract "
    "first, then exponentiate once: exp(z_i - z_j).",
    fix="subtract first, then exp once: exp(z_i - z_j)",
)
RATIO_VIA_SOFTMAX = Mistake(
    "probability-ratio-via-softmax-underflow",
    "You formed the probabilities first: for logits far below the largest, both underflow to "
    "0 and 0 / 0 is NaN. The normaliser cancels, so compute exp(z_i - z_j) directly.",
    fix="compute exp(z_i - z_j) directly",
)
RATIO_WRONG_INDICES = Mistake(
    "probability-ratio-wrong-indices",
    "You used the wrong entries of z: Python indices start at 0, so class i is `z[i]` (not "
    "`z[i - 1]`).",
    fix="count classes from 0: class i is z[..., i]",
)
RATIO_INDEXED_EXAMPLES = Mistake(
    "probability-ratio-indexed-examples",
    "On a batch of shape (N, K), `z[i]` is example i, not class i. Index the class axis "
    "(the last one) with `z[..., i] - z[..., j]`, which works for a single example too.",
    fix="index the class axis: z[..., i] - z[..., j]",
)
RATIO_NOT_VECTORISED = Mistake(
    "probability-ratio-not-vectorised",
    "Your function handles one example but not a batch: `math.exp`, `float(...)` or `.item()` "
    "accept a single number only. Use `np.exp(z[..., i] - z[..., j])`, which gives one ratio "
    "per example (and a NumPy scalar for a single example).",
    fix="use np.exp(z[..., i] - z[..., j])",
)
INVERSE_NOT_CENTRED = Mistake(
    "inverse-softmax-not-centred",
    "Your logits are log p plus a constant, but they must have zero mean along the last axis: "
    "subtract `np.mean(np.log(p), axis=-1, keepdims=True)`.",
    fix="centre each row to zero mean",
)
INVERSE_GLOBAL_CENTRING = Mistake(
    "inverse-softmax-centred-over-whole-array",
    "You subtracted the mean of the whole array; each example (each slice along the last "
    "axis) must have zero mean on its own: `np.mean(..., axis=-1, keepdims=True)`.",
    fix="centre each row, not the whole array",
)
INVERSE_WRONG_AXIS = Mistake(
    "inverse-softmax-wrong-axis",
    "The classes lie along the last axis: centre each example, "
    "`log_p - np.mean(log_p, axis=-1, keepdims=True)`, not each column (`axis=0`).",
    fix="centre along the last axis (axis=-1)",
)
INVERSE_WRONG_LOG_BASE = Mistake(
    "inverse-softmax-wrong-log-base",
    "Softmax uses e^z, so its inverse uses the natural logarithm `np.log`, not `np.log10` "
    "or `np.log2`.",
    fix="use np.log (the natural log)",
)
INVERSE_SIGN_FLIPPED = Mistake(
    "inverse-softmax-sign-flipped",
    "The most probable class got the smallest logit: the logits are +log p (centred), not -log p.",
    fix="return +log p centred, not -log p",
)
INVERSE_BINARY_LOGIT = Mistake(
    "inverse-softmax-binary-logit",
    "log(p / (1 - p)) is the inverse of the two-class sigmoid, not of the K-class softmax. "
    "Use log p, centred to zero mean along the last axis.",
    fix="use log p, not log(p / (1 - p))",
)
INVERSE_ADDED_EPSILON = Mistake(
    "inverse-softmax-added-epsilon",
    "A small probability got the wrong logit: adding an epsilon (`np.log(p + 1e-12)`) or "
    "clipping changes tiny probabilities. Since p > 0 is required, take `np.log(p)` as it is.",
    fix="take np.log(p) without an epsilon",
)
INVERSE_LOW_PRECISION = Mistake(
    "inverse-softmax-low-precision",
    "Your logits are right to only about 7 digits: part of the computation ran in float32 "
    "(or float16). Work in the input's own dtype, float64 for float64 (and integer) input.",
    fix="compute in the input's dtype",
)
INVERSE_REJECTS_VALID = Mistake(
    "inverse-softmax-rejects-valid-probabilities",
    "Your function rejected valid probabilities. Check each slice along the last axis "
    "(`total = p.sum(axis=-1)`) with the exercise's tolerance, "
    "`abs(total - 1) <= max(1e-6, sqrt(eps))` for p's dtype: floats that should sum to 1 "
    "often sum to 0.9999999999999999.",
    fix="accept sums within the dtype's tolerance",
)


def _close(a, b, rtol=1e-6, atol=1e-12):
    """Whether two arrays agree (shapes included), ignoring any warning on odd values."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        return False
    with np.errstate(all="ignore"):
        return bool(np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=True))


def _attempt(fn, args, shown, *, rejected=None):
    """Call ``fn(*args)`` on copies and read its output as an array.

    A ``ValueError`` on a valid input becomes ``rejected`` when given; a list or tuple
    returned instead of an array is refused.
    """
    __tracebackhide__ = True
    try:
        result = call(fn, *copy.deepcopy(args))
    except CheckFailed as failure:
        if (
            failure.tag == RAISED_ERROR.tag
            and rejected is not None
            and "raised ValueError" in failure.problem
        ):
            raise fail(f"{failure.problem} But this input is valid.", rejected) from None
        raise
    return to_array(result, shown)


# --- linear_logits ----------------------------------------------------------------------

# Worked by hand: row 0 of X picks row 0 of W; row 1 adds rows 1 and 2 of W; then + b.
_X = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 1.0]])
_W = np.array([[1.0, 0.0, -1.0, 2.0], [0.0, 1.0, 1.0, 0.0], [3.0, -2.0, 0.0, 1.0]])
_B = np.array([0.5, -1.0, 0.0, 2.0])
_XW = np.array([[1.0, 0.0, -1.0, 2.0], [3.0, -1.0, 1.0, 1.0]])
_LOGITS = np.array([[1.5, -1.0, -1.0, 4.0], [3.5, -2.0, 1.0, 3.0]])


def _diagnose_linear(out, shown, xw, bias, expected):
    """Name the mistake if ``out`` is not ``expected`` (= xw + bias)."""
    __tracebackhide__ = True
    if out.shape == expected.T.shape and out.shape != expected.shape:
        raise fail(f"{shown} has shape {out.shape}, one column per example.", LINEAR_TRANSPOSED)
    expect_shape(out, expected.shape, shown)
    if _close(out, expected, rtol=1e-6, atol=1e-9):
        return
    if _close(out, xw, rtol=1e-6, atol=1e-9):
        raise fail(f"{shown} returned {describe(out)}, which is X @ W alone.", LINEAR_MISSING_BIAS)
    if _close(out, xw - bias, rtol=1e-6, atol=1e-9):
        raise fail(f"{shown} returned {describe(out)}.", LINEAR_BIAS_SUBTRACTED)


def _call_linear(fn, args, shown):
    __tracebackhide__ = True
    try:
        return _attempt(fn, args, shown)
    except CheckFailed as failure:
        words = ("matmul", "broadcast", "not aligned", "mismatch")
        if failure.tag != RAISED_ERROR.tag:
            raise
        k = np.shape(args[1])[-1]
        if "broadcast" in failure.problem and f"({k},1)" in failure.problem.replace(" ", ""):
            raise fail(failure.problem, LINEAR_BIAS_BROADCAST) from None
        if any(word in failure.problem for word in words):
            raise fail(failure.problem, LINEAR_WRONG_PRODUCT) from None
        raise


@exercise_check("linear_logits")
def check_linear_logits(linear_logits, reference=None):
    """Check a learner's ``linear_logits(X, W, b)``.

    Visible: a (2, 3) @ (3, 4) + (4,) case worked by hand, a single example (D,) -> (K,), and
    float32 X with float64 W and b (the common dtype, float64); the contract adds lists, a
    (2, 1, 3) batch, an empty batch, the dtype rule and the shape errors. Hidden
    (``reference`` given): random shapes (including N = 0 and D = 0), a 3-D batch,
    float16/32/64, mixed and integer input, all compared with the reference.
    """
    __tracebackhide__ = True
    shown = "linear_logits(X, W, b) with X (2, 3), W (3, 4), b (4,)"
    out = _call_linear(linear_logits, (_X, _W, _B), shown)
    _diagnose_linear(out, shown, _XW, _B, _LOGITS)
    expect_close(out, _LOGITS, shown)
    # One example (D,) gives its K logits (K,): `@` handles it, `np.atleast_2d` or an
    # einsum written for (N, D) does not.
    shown = "linear_logits(x, W, b) with one example x (3,)"
    out = _call_linear(linear_logits, (_X[1].copy(), _W, _B), shown)
    _diagnose_linear(out, shown, _XW[1], _B, _LOGITS[1])
    expect_close(out, _LOGITS[1], shown)
    # Mixed dtypes give the common type (np.result_type): float32 features with float64
    # weights must not be rounded to float32.
    shown = "linear_logits(X, W, b) with float32 X, float64 W and b"
    out = _call_linear(linear_logits, (_X.astype(np.float32), _W, _B), shown)
    if out.dtype != np.float64:
        raise fail(
            f"return the common dtype np.result_type(X, W, b): {shown} returned {out.dtype}, "
            "but float32 with float64 gives float64 (do not cast W and b to X's dtype).",
            WRONG_DTYPE,
        )
    expect_close(out, _LOGITS, shown)
    if reference is None:
        return
    rng = np.random.default_rng(11)
    for n, d, k in [(5, 3, 4), (1, 1, 1), (7, 2, 10), (3, 6, 2), (0, 3, 2), (4, 0, 3)]:
        X, W, b = rng.normal(size=(n, d)), rng.normal(size=(d, k)), rng.normal(size=k)
        args = (X, W, b)
        shown = f"linear_logits(X, W, b) with X {X.shape}, W {W.shape}, b {b.shape}"
        out = _call_linear(linear_logits, args, shown)
        _diagnose_linear(out, shown, X @ W, b, reference(*args))
        matches_reference(linear_logits, reference, args, rtol=1e-9, atol=1e-12)
    X, W, b = rng.normal(size=(4, 3)), rng.normal(size=(3, 5)), rng.normal(size=5)
    for dtype, rtol, atol in [(np.float32, 1e-5, 1e-5), (np.float16, 1e-2, 1e-2)]:
        args = (X.astype(dtype), W.astype(dtype), b.astype(dtype))
        matches_reference(linear_logits, reference, args, rtol=rtol, atol=atol)
    ints = (np.array([[1, 2], [3, -1]]), np.array([[2, 0, 1], [1, -1, 0]]), np.array([1, 0, -2]))
    matches_reference(linear_logits, reference, ints)
    for mixed in [(X, W.astype(np.float32), b.astype(np.float16)), (X.astype(np.float16), W, b)]:
        matches_reference(linear_logits, reference, mixed, rtol=1e-9, atol=1e-12)
    x = rng.normal(size=(2, 4, 3))
    shown = f"linear_logits(X, W, b) with X {x.shape}, W {W.shape}, b {b.shape}"
    out = _call_linear(linear_logits, (x, W, b), shown)
    _diagnose_linear(out, shown, x @ W, b, reference(x, W, b))
    matches_reference(linear_logits, reference, (x, W, b), rtol=1e-9, atol=1e-12)


# --- predict ----------------------------------------------------------------------------

_PREDICT_Z = np.array([[0.1, 2.0, -1.0, 0.5], [3.0, 3.0, 1.0, 0.0], [-5.0, -2.0, -3.0, -4.0]])
_PREDICT_Y = np.array([1, 0, 1])  # row 1 is a tie between classes 0 and 1: the lowest wins
# (2, 3, 4), not square, so that `.T` or a wrong axis shows in the shape.
_PREDICT_Z3 = np.array(
    [
        [[0.0, 1.0, 2.0, 3.0], [5.0, 4.0, 3.0, 2.0], [1.0, 1.0, 0.0, 0.0]],
        [[-1.0, -3.0, -2.0, -4.0], [0.0, 0.0, 0.0, 1.0], [2.0, 9.0, 9.0, 1.0]],
    ]
)
_PREDICT_Y3 = np.array([[3, 0, 0], [0, 3, 1]])
# Logits that float16, integers or exp cannot tell apart: the largest is still class 1.
_PREDICT_CLOSE = np.array([[0.0, 1e-20, -1e-20], [0.1, 0.9, 0.5], [1.0, 1.0 + 2.0**-40, 1.0]])


def _diagnose_predict(z, out, expected, shown):
    """Name the mistake if ``out`` is not ``expected`` (the argmax of ``z`` along -1)."""
    __tracebackhide__ = True
    if out.shape != expected.shape:
        if out.shape == () and z.ndim > 1 and out == np.argmax(z):
            raise fail(f"{shown} returned the single number {describe(out)}.", PREDICT_FLATTENED)
        if out.shape == z.shape and np.all((out == 0) | (out == 1)):
            raise fail(f"{shown} returned {describe(out)}.", PREDICT_ONE_HOT)
        for axis in range(z.ndim - 1):
            if out.shape == z.shape[:axis] + z.shape[axis + 1 :]:
                raise fail(
                    f"{shown} has shape {out.shape}: it reduced axis {axis}, not the last axis.",
                    PREDICT_WRONG_AXIS,
                )
        expect_shape(out, expected.shape, shown)
    if z.size and _close(out, np.max(z, axis=-1)) and not _close(out, expected):
        raise fail(f"{shown} returned {describe(out)}, the largest logits.", PREDICT_RETURNED_MAX)
    if not np.array_equal(out, expected):
        if np.array_equal(out, np.argmin(z, axis=-1)):
            raise fail(f"{shown} returned {describe(out)}.", PREDICT_ARGMIN)
        if np.array_equal(out, expected + 1):
            raise fail(f"{shown} returned {describe(out)}.", PREDICT_FROM_ONE)
        last = z.shape[-1] - 1 - np.argmax(np.flip(z, axis=-1), axis=-1)
        if np.array_equal(out, last):
            raise fail(f"{shown} returned {describe(out)}, breaking a tie.", PREDICT_TIE_BREAK)
        raise fail(f"{shown} returned {describe(out)}.", WRONG_VALUES)
    if out.dtype.kind not in "iu":
        raise fail(f"{shown} returned indices of dtype {out.dtype}.", PREDICT_NOT_INTEGER)


def _call_predict(predict, z, shown):
    """Call the learner's predict; an AxisError means a hard-coded axis other than -1."""
    __tracebackhide__ = True
    try:
        return _attempt(predict, (z,), shown)
    except CheckFailed as failure:
        if failure.tag == RAISED_ERROR.tag and "AxisError" in failure.problem:
            # The line NumPy raised from is inside NumPy: say what it means instead.
            error = failure.problem.split(" (at line")[0]
            raise fail(
                f"{error}; logits of shape {z.shape} have their classes along axis -1 only.",
                PREDICT_WRONG_AXIS,
            ) from None
        raise


@exercise_check("predict")
def check_predict(predict, reference=None):
    """Check a learner's ``predict(logits)``.

    Visible: a (3, 4) batch with a tie and an all-negative row, a single example with
    logits near 1000, a (2, 3, 4) batch, logits too close for float16, integers or exp to
    tell apart, integer indices for an empty batch; the contract adds lists, one example
    (a NumPy integer), NaN and the ValueErrors. Hidden (``reference`` given): random batches
    full of ties, float16/32 and integer logits, -inf entries, compared with the reference.
    """
    __tracebackhide__ = True
    shown = f"predict({describe(_PREDICT_Z)})"
    out = _call_predict(predict, _PREDICT_Z, shown)
    _diagnose_predict(_PREDICT_Z, out, _PREDICT_Y, shown)
    z = np.array([1000.0, 1001.0, 999.0])
    shown = "predict([1000, 1001, 999])"
    out = _call_predict(predict, z, shown)
    expect_shape(out, (), shown)
    if out != 1 and out != np.argmin(z):
        raise fail(f"{shown} returned {describe(out)}.", PREDICT_SOFTMAX_OVERFLOW)
    _diagnose_predict(z, out, np.array(1), shown)
    shown = "predict(a (2, 3, 4) array)"
    out = _call_predict(predict, _PREDICT_Z3, shown)
    _diagnose_predict(_PREDICT_Z3, out, _PREDICT_Y3, shown)
    shown = "predict([[0, 1e-20, -1e-20], [0.1, 0.9, 0.5], [1, 1 + 2**-40, 1]])"
    out = _call_predict(predict, _PREDICT_CLOSE, shown)
    expect_shape(out, (3,), shown)
    if not np.array_equal(out, [1, 1, 1]):
        raise fail(f"{shown} returned {describe(out)}.", PREDICT_LOST_PRECISION)
    shown = "predict(np.zeros((0, 4))) (an empty batch)"
    out = _call_predict(predict, np.zeros((0, 4)), shown)
    expect_shape(out, (0,), shown)
    if out.dtype.kind not in "iu":
        raise fail(f"{shown} returned indices of dtype {out.dtype}.", PREDICT_NOT_INTEGER)
    if reference is None:
        return
    rng = np.random.default_rng(12)
    cases = [
        rng.integers(-2, 3, size=(8, 5)).astype(float),
        rng.normal(size=(2, 3, 4)),
        rng.normal(size=7),
        rng.normal(size=(6, 1)),
        np.array([[-np.inf, -np.inf, 0.0], [-np.inf, 5.0, np.inf], [1e308, -1e308, 1e308]]),
        np.array([[1.0, 1.0 + 2.0**-52, 1.0], [-3.0, -3.0, -3.0 + 1e-9]]),
        rng.integers(-3, 3, size=(5, 4)),
        rng.normal(size=(3, 6)).astype(np.float32),
        rng.normal(size=(3, 6)).astype(np.float16),
    ]
    for z in cases:
        shown = f"predict({describe(z)})"
        expected = np.asarray(reference(z))
        out = _call_predict(predict, z, shown)
        _diagnose_predict(z, out, expected, shown)
        matches_reference(predict, reference, (z,), rtol=0.0, check_dtype=False)


# --- probability_ratio ------------------------------------------------------------------


def _diagnose_ratio(z, i, j, out, expected, shown):
    """Name the mistake if the ratio ``out`` is not ``expected`` (= exp(z_i - z_j))."""
    __tracebackhide__ = True
    if out.shape == z.shape and z.shape != ():
        raise fail(f"{shown} returned an array {describe(out)}, not one number.", WRONG_SHAPE)
    expect_shape(out, (), shown)
    if _close(out, expected, rtol=1e-6, atol=0.0):
        return
    d = z[i] - z[j]
    with np.errstate(all="ignore"):
        variants = [
            (z[i] / z[j], RATIO_DIVIDED_LOGITS),
            (np.exp(-d), RATIO_INVERTED),
            (d, RATIO_MISSING_EXP),
            (2.0**d, RATIO_WRONG_BASE),
            (10.0**d, RATIO_WRONG_BASE),
            (np.exp(z[i - 1] - z[j - 1]), RATIO_WRONG_INDICES),
        ]
    for variant, mistake in variants:
        if _close(out, variant, rtol=1e-6, atol=0.0):
            raise fail(f"{shown} returned {float(out):.6g}.", mistake)


@exercise_check("probability_ratio")
def check_probability_ratio(probability_ratio, reference=None):
    """Check a learner's ``probability_ratio(z, i, j)``.

    Visible: a 2-point and a 1-point logit lead (ratios e^2 and e), i = j, logits near 1000
    (no overflow) and logits 800 below the largest (no underflow through a softmax), uint8
    logits (promoted before subtracting), a ratio below 1 and a (2, 3) batch (one ratio per
    example); the contract adds lists, the dtype rule, negative indices, NaN, an empty batch
    and the ValueErrors for bad indices and a scalar z. Hidden (``reference`` given): random
    logits and index pairs, batches of 2 and 3 dimensions, float16/32 and integer logits.
    """
    __tracebackhide__ = True
    hand = [
        (np.array([3.0, 1.0, 0.5]), 0, 1, np.exp(2.0)),
        (np.array([0.5, -1.0, 2.0, 1.0]), 2, 3, np.e),
        (np.array([2.0, -1.0]), 1, 1, 1.0),
    ]
    for z, i, j, expected in hand:
        shown = f"probability_ratio({describe(z)}, {i}, {j})"
        out = _attempt(probability_ratio, (z, i, j), shown)
        _diagnose_ratio(z, i, j, out, expected, shown)
        expect_close(out, expected, shown)
    z = np.array([1000.0, 999.0])
    shown = "probability_ratio([1000, 999], 0, 1)"
    out = _attempt(probability_ratio, (z, 0, 1), shown)
    expect_shape(out, (), shown)
    if not np.isfinite(out):
        raise fail(f"{shown} returned {describe(out)}.", RATIO_OVERFLOW)
    expect_close(out, np.e, shown)
    z = np.array([0.0, -800.0, -801.0])
    shown = "probability_ratio([0, -800, -801], 1, 2)"
    out = _attempt(probability_ratio, (z, 1, 2), shown)
    expect_shape(out, (), shown)
    if not np.isfinite(out) or out == 0:
        raise fail(f"{shown} returned {describe(out)}.", RATIO_VIA_SOFTMAX)
    expect_close(out, np.e, shown)
    # Class i less probable than class j: the ratio is below 1.
    z = np.array([0.5, 2.5, -1.0])
    shown = "probability_ratio([0.5, 2.5, -1.0], 0, 1)"
    out = _attempt(probability_ratio, (z, 0, 1), shown)
    _diagnose_ratio(z, 0, 1, out, np.exp(-2.0), shown)
    expect_close(out, np.exp(-2.0), shown)
    # A batch: one ratio per example, from the class axis (the last one).
    batch = np.array([[3.0, 1.0, 0.5], [0.0, 1.0, 2.0]])
    shown = "probability_ratio([[3, 1, 0.5], [0, 1, 2]], 0, 1)"
    try:
        out = _attempt(probability_ratio, (batch, 0, 1), shown)
    except CheckFailed as failure:
        scalar_only = ("converted to Python scalars", "length-1 arrays", "truth value of an")
        if failure.tag == RAISED_ERROR.tag and any(w in failure.problem for w in scalar_only):
            raise fail(failure.problem, RATIO_NOT_VECTORISED) from None
        raise
    _diagnose_ratio_batch(batch, 0, 1, out, np.exp([2.0, -1.0]), shown)
    # Integer logits are promoted to float64 before subtracting: unsigned integers would
    # wrap around (1 - 3 = 254 in uint8), and exp of uint8 is float16.
    z = np.array([1, 3], dtype=np.uint8)
    shown = "probability_ratio(np.array([1, 3], dtype=np.uint8), 0, 1)"
    out = _attempt(probability_ratio, (z, 0, 1), shown)
    if out.dtype != np.float64 or not _close(out, np.exp(-2.0), rtol=1e-12, atol=0.0):
        raise fail(
            f"promote integer logits to float64 first: {shown} returned {describe(out)} of "
            f"dtype {out.dtype} (uint8 arithmetic wraps around: 1 - 3 is 254).",
            WRONG_DTYPE,
        )
    if reference is None:
        return
    rng = np.random.default_rng(13)
    for _ in range(4):
        z = rng.normal(size=6) * 5
        for i, j in [(0, 5), (5, 0), (2, 3), (4, 4)]:
            shown = f"probability_ratio({describe(z)}, {i}, {j})"
            out = _attempt(probability_ratio, (z, i, j), shown)
            _diagnose_ratio(z, i, j, out, np.exp(z[i] - z[j]), shown)
            matches_reference(probability_ratio, reference, (z, i, j), rtol=1e-9)
    big = np.array([1e4, 1e4 - 2.0, -1e4])
    for i, j in [(0, 1), (1, 0), (2, 2)]:
        matches_reference(probability_ratio, reference, (big, i, j), rtol=1e-9)
    z = np.array([1.5, -0.5, 0.25, 2.0])
    for dtype, rtol in [(np.float32, 1e-5), (np.float16, 4e-3)]:
        matches_reference(probability_ratio, reference, (z.astype(dtype), 0, 3), rtol=rtol)
    matches_reference(probability_ratio, reference, (np.array([3, 1, 2]), 0, 1), rtol=1e-9)
    # Unsigned integers wrap around on subtraction (1 - 3 = 254) unless promoted first.
    matches_reference(probability_ratio, reference, (np.array([1, 3], np.uint8), 0, 1), rtol=1e-9)
    for shape in [(4, 5), (2, 3, 5)]:
        z = rng.normal(size=shape) * 3
        for i, j in [(0, 4), (3, 1), (-1, 0)]:
            shown = f"probability_ratio({describe(z)}, {i}, {j})"
            out = _attempt(probability_ratio, (z, i, j), shown)
            _diagnose_ratio_batch(z, i, j, out, reference(z, i, j), shown)
            matches_reference(probability_ratio, reference, (z, i, j), rtol=1e-9)


def _diagnose_ratio_batch(z, i, j, out, expected, shown):
    """Name the mistake if the ratios ``out`` of a batch ``z`` are not ``expected``."""
    __tracebackhide__ = True
    rows = z.shape[:-1]
    if out.shape != rows:
        if z.ndim > 1 and out.shape == z.shape[1:]:
            raise fail(
                f"{shown} has shape {out.shape}, but a batch of shape {z.shape} needs one ratio "
                f"per example, shape {rows}.",
                RATIO_INDEXED_EXAMPLES,
            )
        expect_shape(out, rows, shown)
    if not _close(out, expected, rtol=1e-6, atol=0.0):
        with np.errstate(all="ignore"):
            d = z[..., i] - z[..., j]
            if _close(out, np.exp(-d), rtol=1e-6, atol=0.0):
                raise fail(f"{shown} returned {describe(out)}.", RATIO_INVERTED)
            if _close(out, d, rtol=1e-6, atol=0.0):
                raise fail(f"{shown} returned {describe(out)}.", RATIO_MISSING_EXP)
        expect_close(out, expected, shown)


# --- logits_from_probabilities ----------------------------------------------------------

_LN2 = np.log(2.0)
# log p for rows (1/4, 1/4, 1/2), (1/3, 1/3, 1/3), (1/2, 1/4, 1/4), centred by hand.
_P_ROWS = np.array([[0.25, 0.25, 0.5], [1 / 3, 1 / 3, 1 / 3], [0.5, 0.25, 0.25]])
_Z_ROWS = np.array([[-1, -1, 2], [0, 0, 0], [2, -1, -1]]) * _LN2 / 3


def _is_row_shift(a, b, tol=1e-7):
    """Whether ``a - b`` is constant along the last axis (finite values only)."""
    with np.errstate(all="ignore"):
        d = np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)
        if d.shape != np.shape(b) or not np.all(np.isfinite(d)):
            return False
        spread = d - np.mean(d, axis=-1, keepdims=True)
    return bool(np.all(np.abs(spread) <= tol * (1 + np.abs(np.asarray(b, dtype=np.float64)))))


def _diagnose_inverse(p, out, shown):
    """Name the mistake if ``out`` is not centred log ``p`` (checked through properties)."""
    __tracebackhide__ = True
    expect_shape(out, p.shape, shown)
    values = out.astype(np.float64)
    log_p = np.log(p)
    means = np.mean(values, axis=-1)
    centred = np.all(np.abs(means) <= 1e-9 * (1 + np.max(np.abs(log_p))))
    if _is_row_shift(values, log_p) and centred:
        return
    with np.errstate(all="ignore"):
        variants = [
            (log_p - np.mean(log_p), INVERSE_GLOBAL_CENTRING),
            (log_p - np.mean(log_p, axis=0, keepdims=True), INVERSE_WRONG_AXIS),
        ]
        try:  # the mean without keepdims broadcasts against the last axis, when it can
            variants.append((log_p - np.mean(log_p, axis=-1), MISSING_KEEPDIMS))
        except ValueError:
            pass
    for variant, mistake in variants:
        if p.ndim > 1 and _close(values, variant, rtol=1e-6, atol=1e-9):
            raise fail(
                f"{shown} returned {describe(out)}: its rows do not all have mean 0.", mistake
            )
    scale = 1 + np.max(np.abs(log_p))
    if out.dtype == np.float64 and p.dtype == np.float64 and np.all(np.abs(means) <= 1e-6 * scale):
        if _is_row_shift(values, log_p, tol=1e-5) and not _is_row_shift(values, log_p, tol=1e-10):
            raise fail(
                f"{shown} returned {describe(out)}, right only to about 7 digits (row means "
                f"up to {np.max(np.abs(means)):.2g} instead of 0) for float64 input.",
                INVERSE_LOW_PRECISION,
            )
    if _is_row_shift(values, log_p):
        index = int(np.argmax(np.abs(means)))
        raise fail(
            f"{shown} returned {describe(out)}, whose slice {index} has mean "
            f"{means.flat[index]:.6g} along the last axis instead of 0.",
            INVERSE_NOT_CENTRED,
        )
    for factor in (np.log(10.0), np.log(2.0)):
        if _is_row_shift(values * factor, log_p):
            raise fail(f"{shown} returned {describe(out)}.", INVERSE_WRONG_LOG_BASE)
    if _is_row_shift(-values, log_p):
        raise fail(f"{shown} returned {describe(out)}.", INVERSE_SIGN_FLIPPED)
    with np.errstate(all="ignore"):
        if _is_row_shift(values, np.log(p / (1 - p))):
            raise fail(f"{shown} returned {describe(out)}.", INVERSE_BINARY_LOGIT)
    tiny = p < 1e-6
    with np.errstate(all="ignore"):
        # The shift from log p, over the entries that are not tiny only.
        d = np.where(tiny, np.nan, values - log_p)
        spread = np.nanmax(d, axis=-1) - np.nanmin(d, axis=-1) if (~tiny).any() else None
    if tiny.any() and spread is not None and np.all(np.nan_to_num(spread) <= 1e-7):
        raise fail(
            f"{shown} returned {describe(out)}: the logits of the tiny probabilities do not "
            "differ from the others by the log of the probability ratio.",
            INVERSE_ADDED_EPSILON,
        )
    raise fail(
        f"{shown} returned {describe(out)}: logits recovered from p must differ by the log of "
        "the probability ratios (z_i - z_j = log(p_i / p_j)).",
        WRONG_VALUES,
    )


@exercise_check("logits_from_probabilities")
def check_logits_from_probabilities(logits_from_probabilities, reference=None):
    """Check a learner's ``logits_from_probabilities(p)``.

    Visible: probabilities (1/4, 1/4, 1/2) and a 3 x 3 batch worked by hand, probabilities
    that sum to 1 only up to rounding (in float64, float32 and float16), a tiny probability;
    the contract adds lists, the dtype rule, an empty batch and the ValueErrors (sums off
    by more than the dtype's tolerance, per row; a zero, negative or NaN entry; a scalar).
    Hidden (``reference`` given): random probabilities of several shapes (some extremely
    small), float16/32 and integer input, compared with the reference.
    """
    __tracebackhide__ = True
    fn = logits_from_probabilities
    shown = "logits_from_probabilities([0.25, 0.25, 0.5])"
    out = _attempt(fn, (_P_ROWS[0].copy(),), shown, rejected=INVERSE_REJECTS_VALID)
    _diagnose_inverse(_P_ROWS[0], out, shown)
    expect_close(out, _Z_ROWS[0], shown, atol=1e-12)
    shown = f"logits_from_probabilities({describe(_P_ROWS)})"
    out = _attempt(fn, (_P_ROWS.copy(),), shown, rejected=INVERSE_REJECTS_VALID)
    _diagnose_inverse(_P_ROWS, out, shown)
    expect_close(out, _Z_ROWS, shown, atol=1e-12)
    # 0.3 + 0.6 + 0.1 is 0.9999999999999999 in float64; 1e-20 is tiny but positive.
    for p in ([0.3, 0.6, 0.1], [1e-20, 0.5, 0.5], [[0.5, 0.5]]):
        p = np.array(p)
        shown = f"logits_from_probabilities({describe(p)})"
        out = _attempt(fn, (p,), shown, rejected=INVERSE_REJECTS_VALID)
        _diagnose_inverse(p, out, shown)
    # Sums off by less than the dtype's tolerance, max(1e-6, sqrt(eps)): valid.
    for p, off in (([0.5, 0.4999], "1e-4"), ([0.5, 0.49], "0.01")):
        dtype = np.float32 if off == "1e-4" else np.float16
        p = np.array(p, dtype=dtype)
        shown = f"logits_from_probabilities({describe(p)}) ({np.dtype(dtype).name}, off by {off})"
        _attempt(fn, (p,), shown, rejected=INVERSE_REJECTS_VALID)
    if reference is None:
        return
    rng = np.random.default_rng(14)
    for shape, alpha in [
        ((5,), 1.0),
        ((3, 7), 0.5),
        ((2, 3, 4), 2.0),
        ((1, 1), 1.0),
        ((4, 6), 0.02),
    ]:
        p = rng.dirichlet(np.full(shape[-1], alpha), size=shape[:-1])
        p = np.maximum(p, 1e-300)
        p = p / p.sum(axis=-1, keepdims=True)
        shown = f"logits_from_probabilities({describe(p)})"
        out = _attempt(fn, (p,), shown, rejected=INVERSE_REJECTS_VALID)
        _diagnose_inverse(p, out, shown)
        matches_reference(fn, reference, (p,), rtol=1e-9, atol=1e-9)
    dyadic = np.array([[0.125, 0.375, 0.5], [0.25, 0.25, 0.5]])
    for dtype, rtol, atol in [(np.float32, 1e-5, 1e-6), (np.float16, 4e-3, 4e-3)]:
        p = dyadic.astype(dtype)
        _attempt(
            fn, (p,), f"logits_from_probabilities({describe(p)})", rejected=INVERSE_REJECTS_VALID
        )
        matches_reference(fn, reference, (p,), rtol=rtol, atol=atol)
    p32 = rng.dirichlet(np.ones(7), size=3).astype(np.float32)
    shown = f"logits_from_probabilities({describe(p32)})"
    _attempt(fn, (p32,), shown, rejected=INVERSE_REJECTS_VALID)
    matches_reference(fn, reference, (p32,), rtol=1e-4, atol=1e-5)
    matches_reference(fn, reference, (np.array([[1], [1]]),))


# --- The contracts the exercise texts state (probed by autograder.contract) -------------------

_INF, _NAN = np.inf, np.nan


def _linear_call(X):
    """``linear_logits(X, W, b)`` with the hand-worked W and b in X's kind of input.

    W and b follow X: lists with a list, X's float dtype with a float X, integers with an
    integer X, so that the contract's dtype probe sees one dtype in all three arguments.
    """
    if isinstance(X, list):
        return (X, _W.tolist(), _B.tolist()), {}
    X = np.asarray(X)
    dtype = X.dtype if X.dtype.kind == "f" else np.dtype(np.int64)
    return (X, _W.astype(dtype), _B.astype(dtype)), {}


Contract(
    "linear_logits",
    precision_sample=GENERAL_LOGITS[:2, :3],
    sample=_X,
    call=_linear_call,
    batch=True,
    batch_mistake=WRONG_SHAPE,
    errors=(
        Invalid("X with 2 features for a W with 3 rows", (np.ones((2, 2)), _W, _B)),
        Invalid("a 1-D W", (_X, np.ones(3), np.zeros(1))),
        Invalid("b of shape (1,)", (_X, _W, np.zeros(1))),
        Invalid("b of shape (1, 4)", (_X, _W, np.zeros((1, 4)))),
        Invalid("b of shape (3,)", (_X, _W, np.zeros(3))),
        # Its first axis matches X's features, so only a check of W.ndim catches it.
        Invalid("a 3-D W", (_X, np.ones((3, 3, 4)), _B)),
        Invalid("complex X", (_X + 1j, _W, _B)),
        Invalid("complex W", (_X, _W + 1j, _B)),
        Invalid("complex b", (_X, _W, _B + 1j)),
    ),
    edges=(
        Edge("a (2, 1, 3) batch", (_X.reshape(2, 1, 3), _W, _B), expected=_LOGITS.reshape(2, 1, 4)),
        Edge("an empty batch", (np.zeros((0, 3)), _W, _B), expected=np.zeros((0, 4))),
        # Integers are converted before any arithmetic: uint8 would wrap 200 * 2 + 100 * 3.
        Edge(
            "uint8 X",
            (np.array([[200, 100]], np.uint8), np.array([[2], [3]], np.uint8), np.array([1])),
            expected=[[701.0]],
            dtype=np.float64,
            mistake=INTEGER_ARITHMETIC,
        ),
        # COURSE.md: float16 sums accumulate in float32 (4,000 in float16 steps stalls at 2,048
        # or overflows when the terms are larger).
        # X W is 1 + 2^-11 (a tie in float16, rounded to 1), + 2^-11 gives 1 + 2^-10 exactly:
        # rounding X W to float16 before adding b loses it. Compute in float32, round once.
        Edge(
            "float16 [[1, 2^-11]] with b = [2^-11]",
            (
                np.array([[1.0, 2.0**-11]], np.float16),
                np.ones((2, 1), np.float16),
                np.array([2.0**-11], np.float16),
            ),
            expected=[[1.0 + 2.0**-10]],
            dtype=np.float16,
            rtol=0.0,
            atol=0.0,
            mistake=FLOAT16_SUM,
        ),
        Edge(
            "float16 with D = 4,000",
            (
                np.ones((1, 4000), np.float16),
                np.ones((4000, 2), np.float16),
                np.zeros(2, np.float16),
            ),
            expected=[[4000.0, 4000.0]],
            dtype=np.float16,
            mistake=FLOAT16_SUM,
        ),
        Edge(
            "no features (D = 0)",
            (np.zeros((2, 0)), np.zeros((0, 4)), _B),
            expected=np.stack([_B, _B]),
            hidden=True,
        ),
    ),
    values="hand-worked logits, one example, mixed dtypes",
)

Contract(
    "predict",
    sample=_PREDICT_Z,
    reduces=True,
    dtype=None,
    batch=True,
    errors=(
        Invalid("a scalar", (np.array(2.5),)),
        Invalid("K = 0 classes", (np.zeros((3, 0)),)),
        Invalid("complex logits", (np.array([1 + 2j, 0.5]),)),
    ),
    edges=(
        Edge("one example", (np.array([0.5, 2.0, -1.0]),), expected=1),
        Edge("booleans", (np.array([[True, False], [False, True]]),), expected=[0, 1]),
        Edge(
            "NaN",
            (np.array([[0.0, _NAN, 1.0], [2.0, 1.0, 0.0]]),),
            expected=[1, 0],
            mistake=PREDICT_IGNORED_NAN,
        ),
        Edge("-inf", (np.array([[-_INF, -_INF, -3.0], [-_INF, 5.0, _INF]]),), expected=[2, 2]),
    ),
    values="hand-worked batches, ties, close logits, 1-D to 3-D",
)

_RATIO_Z = np.array([[3.0, 1.0, 0.5], [0.0, 1.0, 2.0]])

Contract(
    "probability_ratio",
    wrap_sample=wrapping((2, 3)),
    float16_sample=GENERAL_LOGITS[:, :3],
    sample=_RATIO_Z,
    call=lambda z: ((z, 0, 2), {}),
    reduces=True,
    batch=True,
    batch_mistake=RATIO_INDEXED_EXAMPLES,
    errors=(
        Invalid("i = 1.0", (_RATIO_Z, 1.0, 0)),
        Invalid("i = True", (_RATIO_Z, True, 0)),
        Invalid("i = 3 of 3 classes", (_RATIO_Z, 3, 0)),
        Invalid("j = -4", (_RATIO_Z, 0, -4)),
        Invalid("a scalar z", (np.array(2.0), 0, 0)),
        Invalid("j = 1.7", (_RATIO_Z, 0, 1.7)),
        Invalid("i = 7", (np.array([1.0, 2.0, 3.0]), 7, 0)),
        Invalid("complex logits", (np.array([1 + 2j, 0.5]), 0, 1)),
    ),
    edges=(
        Edge("negative indices", (np.array([0.0, 1.0, 3.0]), -1, 0), expected=np.exp(3.0)),
        Edge(
            "NumPy integer indices", (np.array([0.0, 1.0]), np.int64(1), np.int32(0)), expected=np.e
        ),
        # The difference 8 - (-0.004883) rounded to float16 (8.0) before exp loses the ratio's
        # third digit: compute in float32, round the ratio once.
        Edge(
            "float16 [8, -0.004883]",
            (np.array([8.0, -0.004883], np.float16), 0, 1),
            expected=np.exp(8.0 - float(np.float16(-0.004883))),
            dtype=np.float16,
            rtol=1e-3,
            mistake=FLOAT16_SUM,
        ),
        Edge("NaN", (np.array([_NAN, 0.0, 1.0]), 0, 2), expected=_NAN),
        Edge("an empty batch", (np.zeros((0, 3)), 0, 1), expected=np.zeros(0)),
    ),
    values="hand-worked ratios, logits near ±1000 and -800",
)

Contract(
    "logits_from_probabilities",
    sample=_P_ROWS,
    # Rounding the sample would not give probabilities: one class of probability 1 does.
    integer_sample=np.array([[1], [1]]),
    batch=True,
    errors=(
        Invalid("a sum of 0.5", (np.array([0.2, 0.3]),)),
        Invalid("rows summing to 0.5 and 1.5", (np.array([[0.2, 0.3], [0.8, 0.7]]),)),
        Invalid("a sum of 0.999", (np.array([0.5, 0.499]),)),
        Invalid("a float32 sum of 0.99", (np.array([0.5, 0.49], dtype=np.float32),)),
        Invalid("a zero", (np.array([0.5, 0.5, 0.0]),)),
        Invalid("a negative entry", (np.array([1.5, -0.5]),)),
        Invalid("NaN", (np.array([0.5, _NAN, 0.5]),)),
        Invalid("a scalar", (np.array(1.0),)),
        Invalid("inf", (np.array([_INF, 0.5]),)),
        Invalid("a sum of 0.9", (np.array([0.5, 0.4]),)),
        Invalid("complex p", (np.array([0.5 + 0j, 0.5]),)),
        Invalid("a float64 sum of 1 + 5e-6", (np.array([0.5, 0.500005]),)),
    ),
    edges=(Edge("an empty batch", (np.zeros((0, 3)),), expected=np.zeros((0, 3))),),
    long_row=np.full((1, 8000), 1 / 8000),
    values="hand-worked logits, sums within rounding, a tiny p",
)
