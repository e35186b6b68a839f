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

from autograder.feedback import CheckFailed, Mistake, fail
from autograder.harness import (
    call,
    describe,
    exercise_check,
    expect_close,
    expect_raises,
    expect_shape,
    matches_reference,
    to_array,
)
from autograder.mistakes import (
    MISSING_KEEPDIMS,
    NO_VALUE_ERROR,
    NOT_ARRAY_LIKE,
    RAISED_ERROR,
    UNREADABLE_OUTPUT,
    WRONG_AXIS,
    WRONG_SHAPE,
    WRONG_VALUES,
)

__all__ = [
    "check_linear_logits",
    "check_predict",
    "check_probability_ratio",
    "check_logits_from_probabilities",
]

LINEAR_MISSING_BIAS = Mistake(
    "linear-logits-missing-bias",
    "The bias is missing: the logits are `X @ W + b`, with `b` added to every row.",
)
LINEAR_BIAS_SUBTRACTED = Mistake(
    "linear-logits-bias-subtracted",
    "The bias is subtracted: the logits are `X @ W + b`, not `X @ W - b`.",
)
LINEAR_TRANSPOSED = Mistake(
    "linear-logits-transposed",
    "Your logits are transposed, shape (K, N): one row per example is expected, so compute "
    "`X @ W + b` (N, D) @ (D, K) -> (N, K) rather than `W.T @ X.T` or `(...).T`.",
)
LINEAR_BIAS_BROADCAST = Mistake(
    "linear-logits-bias-broadcast",
    "`X @ W` has shape (N, K) and `b` has shape (K,): adding them as they are adds b to every "
    "row. Reshaping b into a column (K, 1) lines it up with the wrong axis.",
)
LINEAR_WRONG_PRODUCT = Mistake(
    "linear-logits-wrong-product",
    "The product failed on shapes that fit: X is (N, D) with one example per row and W is "
    "(D, K), so the logits are the matrix product `X @ W` (not `W @ X`, `X.T @ W` or the "
    "elementwise `X * W`), plus `b`.",
)
PREDICT_RETURNED_MAX = Mistake(
    "predict-returned-max-value",
    "You returned the largest logit itself; the prediction is its *index*, the class: use "
    "`np.argmax(logits, axis=-1)` rather than `np.max`.",
)
PREDICT_ARGMIN = Mistake(
    "predict-argmin",
    "You returned the class with the *smallest* logit; the prediction is the class with the "
    "largest one (`np.argmax`).",
)
PREDICT_FLATTENED = Mistake(
    "predict-flattened-argmax",
    "`np.argmax(logits)` without `axis` flattens the whole batch and returns one index into "
    "it. Take the argmax of each example: `np.argmax(logits, axis=-1)`.",
)
PREDICT_ONE_HOT = Mistake(
    "predict-one-hot",
    "You returned a one-hot array; the prediction is the integer index of the class, one "
    "per example (shape of the logits without the last axis).",
)
PREDICT_TIE_BREAK = Mistake(
    "predict-tie-break",
    "When several classes share the largest logit, the lowest index must win (as "
    "`np.argmax` does); your function picked another one.",
)
PREDICT_NOT_INTEGER = Mistake(
    "predict-not-integer",
    "Class indices must be integers (they index arrays): return `np.argmax(...)` as it is, "
    "without converting it to float.",
)
PREDICT_SOFTMAX_OVERFLOW = Mistake(
    "predict-softmax-overflow",
    "For large logits your prediction is wrong: exponentiating them (a softmax first) "
    "overflows to inf and NaN. Softmax keeps the order of the logits, so the prediction is "
    "simply the argmax of the logits themselves.",
)
PREDICT_FROM_ONE = Mistake(
    "predict-counted-from-one",
    "Your classes are 1 too large: class indices count from 0, like NumPy's indices, so "
    "return `np.argmax(logits, axis=-1)` as it is, without adding 1.",
)
PREDICT_LOST_PRECISION = Mistake(
    "predict-lost-precision",
    "Logits that differ only slightly must still be told apart: take `np.argmax` of the "
    "logits as they are. Converting them to a smaller dtype (float16/float32) or passing them "
    "through `exp`/softmax first rounds tiny differences away and creates false ties.",
)
RATIO_DIVIDED_LOGITS = Mistake(
    "probability-ratio-divided-logits",
    "You divided the logits (z_i / z_j). Logits are log-scores: the probability ratio is "
    "exp(z_i - z_j).",
)
RATIO_INVERTED = Mistake(
    "probability-ratio-inverted",
    "You computed p_j / p_i: the ratio asked for is p_i / p_j = exp(z_i - z_j), with z_i first.",
)
RATIO_MISSING_EXP = Mistake(
    "probability-ratio-missing-exp",
    "z_i - z_j is the *log* of the probability ratio; exponentiate it: exp(z_i - z_j).",
)
RATIO_WRONG_BASE = Mistake(
    "probability-ratio-wrong-base",
    "Softmax uses the natural exponential: the ratio is e^(z_i - z_j) (`np.exp`), not "
    "2^(z_i - z_j) or 10^(z_i - z_j).",
)
RATIO_OVERFLOW = Mistake(
    "probability-ratio-overflow",
    "For large logits exp(z_i) and exp(z_j) overflow to inf (and inf / inf is NaN). Subtract "
    "first, then exponentiate once: exp(z_i - z_j).",
)
RATIO_VIA_SOFTMAX = Mistake(
    "probability-ratio-via-softmax-underflow",
    "You formed the probabilities first: for logits far below the largest, both underflow to "
    "0 and 0 / 0 is NaN. The normaliser cancels, so compute exp(z_i - z_j) directly.",
)
RATIO_WRONG_INDICES = Mistake(
    "probability-ratio-wrong-indices",
    "You used the wrong entries of z: Python indices start at 0, so class i is `z[i]` (not "
    "`z[i - 1]`).",
)
RATIO_INDEXED_EXAMPLES = Mistake(
    "probability-ratio-indexed-examples",
    "On a batch of shape (N, K), `z[i]` is example i, not class i. Index the class axis "
    "(the last one) with `z[..., i] - z[..., j]`, which works for a single example too.",
)
RATIO_NOT_VECTORISED = Mistake(
    "probability-ratio-not-vectorised",
    "Your function handles one example but not a batch: `math.exp`, `float(...)` or `.item()` "
    "accept a single number only. Use `np.exp(z[..., i] - z[..., j])`, which gives one ratio "
    "per example (and a NumPy scalar for a single example).",
)
INVERSE_NOT_CENTRED = Mistake(
    "inverse-softmax-not-centred",
    "Your logits are log p plus a constant, but they must have zero mean along the last axis: "
    "subtract `np.mean(np.log(p), axis=-1, keepdims=True)`.",
)
INVERSE_GLOBAL_CENTRING = Mistake(
    "inverse-softmax-centred-over-whole-array",
    "You subtracted the mean of the whole array; each example (each slice along the last "
    "axis) must have zero mean on its own: `np.mean(..., axis=-1, keepdims=True)`.",
)
INVERSE_WRONG_LOG_BASE = Mistake(
    "inverse-softmax-wrong-log-base",
    "Softmax uses e^z, so its inverse uses the natural logarithm `np.log`, not `np.log10` "
    "or `np.log2`.",
)
INVERSE_SIGN_FLIPPED = Mistake(
    "inverse-softmax-sign-flipped",
    "The most probable class got the smallest logit: the logits are +log p (centred), not -log p.",
)
INVERSE_BINARY_LOGIT = Mistake(
    "inverse-softmax-binary-logit",
    "log(p / (1 - p)) is the inverse of the two-class sigmoid, not of the K-class softmax. "
    "Use log p, centred to zero mean along the last axis.",
)
INVERSE_ADDED_EPSILON = Mistake(
    "inverse-softmax-added-epsilon",
    "A small probability got the wrong logit: adding an epsilon (`np.log(p + 1e-12)`) or "
    "clipping changes tiny probabilities. Since p > 0 is required, take `np.log(p)` as it is.",
)
INVERSE_LOW_PRECISION = Mistake(
    "inverse-softmax-low-precision",
    "Your logits are right to only about 7 digits: part of the computation ran in float32 "
    "(or float16). Work in the input's own dtype, float64 for float64 (and integer) input.",
)
INVERSE_REJECTS_VALID = Mistake(
    "inverse-softmax-rejects-valid-probabilities",
    "Your function rejected valid probabilities. Check each slice along the last axis "
    "(`p.sum(axis=-1)`), and compare with a tolerance (`np.allclose(..., 1)`): floats that "
    "should sum to 1 often sum to 0.9999999999999999.",
)

_TYPE_ERRORS = ("raised TypeError", "raised AttributeError")


def _close(a, b, rtol=1e-6, atol=1e-12):
    """Whether two arrays agree (shapes included), ignoring any warning on odd values."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        return False
    with np.errstate(all="ignore"):
        return bool(np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=True))


def _attempt(fn, args, shown, *, lists=False, rejected=None):
    """Call ``fn(*args)`` on copies and read its output as an array.

    A ``TypeError``/``AttributeError`` on list input becomes ``not-array-like``; a
    ``ValueError`` on a valid input becomes ``rejected`` when given.
    """
    __tracebackhide__ = True
    try:
        result = call(fn, *copy.deepcopy(args))
    except CheckFailed as failure:
        if failure.tag == RAISED_ERROR.tag:
            if lists and any(kind in failure.problem for kind in _TYPE_ERRORS):
                raise fail(
                    failure.problem + " The input was a Python list.", NOT_ARRAY_LIKE
                ) from None
            if rejected is not None and "raised ValueError" in failure.problem:
                raise fail(f"{failure.problem} But this input is valid.", rejected) from None
        raise
    if isinstance(result, (list, tuple)):
        # A list loses the dtype (and a list of no rows loses the shape): ask for an array.
        raise fail(
            f"{shown} returned a Python {type(result).__name__}; return a NumPy array.",
            UNREADABLE_OUTPUT,
        )
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


def _call_linear(fn, args, shown, *, lists=False):
    __tracebackhide__ = True
    try:
        return _attempt(fn, args, shown, lists=lists)
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

    Visible: a (2, 3) @ (3, 4) + (4,) case worked by hand, list input, a ``ValueError`` when X
    and W do not fit. Hidden (``reference`` given): random shapes (including N = 0 and
    D = 0), a single example (D,) and a 3-D batch, float16/32/64, mixed and integer input
    (common dtype; integers promoted to float64), a bias of the wrong shape (including (1,)
    and (1, K), which would broadcast silently) and a W that is not 2-D.
    """
    __tracebackhide__ = True
    shown = "linear_logits(X, W, b) with X (2, 3), W (3, 4), b (4,)"
    out = _call_linear(linear_logits, (_X, _W, _B), shown)
    _diagnose_linear(out, shown, _XW, _B, _LOGITS)
    expect_close(out, _LOGITS, shown)
    shown_lists = "linear_logits(X, W, b) with Python lists"
    out = _call_linear(
        linear_logits, (_X.tolist(), _W.tolist(), _B.tolist()), shown_lists, lists=True
    )
    _diagnose_linear(out, shown_lists, _XW, _B, _LOGITS)
    expect_close(out, _LOGITS, shown_lists)
    expect_raises(
        linear_logits,
        (np.ones((2, 3)), np.ones((2, 4)), np.zeros(4)),
        why="X has 3 features but W expects 2",
    )
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
    # Mixed dtypes give the common type (np.result_type): float32 features with float64
    # weights must not be rounded to float32.
    mixed = (X.astype(np.float32), W, b)
    matches_reference(linear_logits, reference, mixed, rtol=1e-9, atol=1e-12)
    mixed = (X, W.astype(np.float32), b.astype(np.float16))
    matches_reference(linear_logits, reference, mixed, rtol=1e-9, atol=1e-12)
    # A single example (D,) gives (K,); a batch (..., D) gives (..., K): `@` handles both.
    for x in (X[0], rng.normal(size=(2, 4, 3))):
        args = (x, W, b)
        shown = f"linear_logits(X, W, b) with X {x.shape}, W {W.shape}, b {b.shape}"
        out = _call_linear(linear_logits, args, shown)
        _diagnose_linear(out, shown, x @ W, b, reference(*args))
        matches_reference(linear_logits, reference, args, rtol=1e-9, atol=1e-12)
    for bias in (np.zeros(2), np.zeros(1), np.zeros((3, 5)), np.zeros((1, 5))):
        expect_raises(
            linear_logits,
            (X, W, bias),
            why=f"b has shape {bias.shape}, but W has 5 columns, so b must have shape (5,)",
        )
    expect_raises(
        linear_logits,
        (np.ones((4, 2)), W, b),
        why="X has 2 features but W expects 3",
    )
    expect_raises(
        linear_logits,
        (X, np.ones(3), np.zeros(1)),
        why="W has shape (3,), but it must be 2-D, of shape (D, K)",
    )


# --- predict ----------------------------------------------------------------------------

_PREDICT_Z = np.array([[0.1, 2.0, -1.0, 0.5], [3.0, 3.0, 1.0, 0.0], [-5.0, -2.0, -3.0, -4.0]])
_PREDICT_Y = np.array([1, 0, 1])  # row 1 is a tie between classes 0 and 1: the lowest wins
_PREDICT_Z3 = np.array([[[0.0, 1.0, 2.0], [5.0, 4.0, 3.0]], [[1.0, 1.0, 0.0], [-1, -3, -2]]])
_PREDICT_Y3 = np.array([[2, 0], [0, 0]])


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
                    WRONG_AXIS,
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


@exercise_check("predict")
def check_predict(predict, reference=None):
    """Check a learner's ``predict(logits)``.

    Visible: a (3, 4) batch with a tie and an all-negative row, a single example with
    logits near 1000, a 3-D batch, a Python list. Hidden (``reference`` given): random
    batches full of ties, float16/32 and integer logits, -inf entries, an empty batch,
    logits too close for float16 or exp to tell apart, and ValueError for a scalar or K = 0.
    """
    __tracebackhide__ = True
    shown = f"predict({describe(_PREDICT_Z)})"
    out = _attempt(predict, (_PREDICT_Z,), shown)
    _diagnose_predict(_PREDICT_Z, out, _PREDICT_Y, shown)
    z = np.array([1000.0, 1001.0, 999.0])
    shown = "predict([1000, 1001, 999])"
    try:
        out = _attempt(predict, (z,), shown)
    except CheckFailed as failure:
        if failure.tag == RAISED_ERROR.tag and "AxisError" in failure.problem:
            raise fail(failure.problem, WRONG_AXIS) from None
        raise
    expect_shape(out, (), shown)
    if out != 1 and out != np.argmin(z):
        raise fail(f"{shown} returned {describe(out)}.", PREDICT_SOFTMAX_OVERFLOW)
    _diagnose_predict(z, out, np.array(1), shown)
    shown = "predict(a (2, 2, 3) array)"
    out = _attempt(predict, (_PREDICT_Z3,), shown)
    _diagnose_predict(_PREDICT_Z3, out, _PREDICT_Y3, shown)
    shown = "predict([[0.5, -1.0], [2.0, 3.0]])"
    out = _attempt(predict, ([[0.5, -1.0], [2.0, 3.0]],), shown, lists=True)
    _diagnose_predict(np.array([[0.5, -1.0], [2.0, 3.0]]), out, np.array([0, 1]), shown)
    if reference is None:
        return
    # Logits that differ by less than float16/float32 (or exp) can resolve: still no tie.
    close = np.array([[0.0, 1e-20, -1e-20], [1.0, 1.0 + 2.0**-40, 1.0], [-3.0, -3.0, -3.0 + 1e-9]])
    shown = "predict([[0, 1e-20, -1e-20], [1, 1 + 2**-40, 1], [-3, -3, -3 + 1e-9]])"
    out = _attempt(predict, (close,), shown)
    expect_shape(out, (3,), shown)
    if not np.array_equal(out, reference(close)):
        raise fail(f"{shown} returned {describe(out)}.", PREDICT_LOST_PRECISION)
    rng = np.random.default_rng(12)
    cases = [
        rng.integers(-2, 3, size=(8, 5)).astype(float),
        rng.normal(size=(2, 3, 4)),
        rng.normal(size=7),
        rng.normal(size=(6, 1)),
        np.array([[-np.inf, -np.inf, 0.0], [-np.inf, 5.0, np.inf], [1e308, -1e308, 1e308]]),
        np.zeros((0, 4)),
        rng.integers(-3, 3, size=(5, 4)),
        rng.normal(size=(3, 6)).astype(np.float32),
        rng.normal(size=(3, 6)).astype(np.float16),
    ]
    for z in cases:
        shown = f"predict({describe(z)})"
        expected = np.asarray(reference(z))
        out = _attempt(predict, (z,), shown)
        _diagnose_predict(z, out, expected, shown)
        matches_reference(predict, reference, (z,), rtol=0.0, check_dtype=False)
    for z, why in [
        (np.array(2.5), "a scalar has no class axis"),
        (np.zeros((3, 0)), "there are no classes (K = 0)"),
    ]:
        expect_raises(predict, (z,), why=why)


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
    (no overflow) and logits 800 below the largest (no underflow through a softmax), a
    Python list, a ratio below 1 and a (2, 3) batch (one ratio per example). Hidden
    (``reference`` given): random logits and index pairs, batches of 2 and 3 dimensions,
    float16/32, integer and uint8 logits (dtype kept / promoted), and errors for an index
    out of range, a non-integer index (1.0, 1.7, True) and a scalar z.
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
    shown = "probability_ratio([0.0, 1.0], 1, 0)"
    out = _attempt(probability_ratio, ([0.0, 1.0], 1, 0), shown, lists=True)
    expect_shape(out, (), shown)
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
    for i, j in [(3, 0), (0, 7)]:
        _expect_index_error(probability_ratio, (np.array([1.0, 2.0, 3.0]), i, j))
    z = np.array([1.0, 2.0, 3.0])
    for args, why in [
        ((z, 1.0, 0), "i = 1.0 is a float, not an integer class index"),
        ((z, 0, 1.7), "j = 1.7 is not an integer class index"),
        ((z, True, 0), "i = True is a boolean, not a class index"),
        ((np.array(2.0), 0, 0), "a scalar z has no class axis"),
    ]:
        expect_raises(probability_ratio, args, why=why)


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


def _expect_index_error(fn, args):
    """Fail unless ``fn(*args)`` raises (IndexError or ValueError) for an index out of range."""
    __tracebackhide__ = True
    shown = f"probability_ratio({describe(args[0])}, {args[1]}, {args[2]})"
    try:
        result = call(fn, *args)
    except CheckFailed as failure:
        if failure.tag == RAISED_ERROR.tag and (
            "raised IndexError" in failure.problem or "raised ValueError" in failure.problem
        ):
            return
        raise
    raise fail(
        f"{shown} returned {describe(result)}, but there is no class {max(args[1:])} among 3: "
        "it should raise an error.",
        NO_VALUE_ERROR,
    )


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
            (log_p - np.mean(log_p, axis=0, keepdims=True), WRONG_AXIS),
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
    that sum to 1 only up to rounding, a tiny probability, a Python list, and a
    ``ValueError`` for p that does not sum to 1 (per row), has a zero or a negative entry.
    Hidden (``reference`` given): random probabilities of several shapes (some extremely
    small), float16/32 and integer input; ValueError for NaN and inf entries, sums off by
    more than the dtype's tolerance (0.999 in float64, 0.99 in float32) and a scalar p.
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
    for p in ([0.3, 0.6, 0.1], [1e-20, 0.5, 0.5], [[0.5, 0.5]]):
        shown = f"logits_from_probabilities({p})"
        out = _attempt(fn, (p,), shown, lists=True, rejected=INVERSE_REJECTS_VALID)
        _diagnose_inverse(np.array(p), out, shown)
    for p, why in [
        ([0.2, 0.3], "p sums to 0.5"),
        ([0.5, 0.5, 0.0], "a probability is 0, whose logit would be -inf"),
        ([1.5, -0.5], "a probability is negative"),
        ([[0.2, 0.3], [0.8, 0.7]], "its rows sum to 0.5 and 1.5 (the columns sum to 1)"),
    ]:
        expect_raises(fn, (np.array(p),), why=why)
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
    for p, why in [
        ([0.5, np.nan, 0.5], "p contains NaN"),
        ([np.inf, 0.5], "p contains inf"),
        ([[0.5, 0.5], [0.6, 0.6]], "row 1 sums to 1.2"),
        ([0.5, 0.4], "p sums to 0.9"),
        ([0.5, 0.499], "p sums to 0.999, off by far more than rounding (1e-6 in float64)"),
        (1.0, "a scalar p has no class axis"),
    ]:
        expect_raises(fn, (np.array(p),), why=why)
    p = np.array([0.5, 0.49], dtype=np.float32)
    expect_raises(fn, (p,), why="float32 p sums to 0.99; float32 rounding allows about 3.5e-4")
