"""Checks of notebook ``02_softmax``: ``softmax``, ``sigmoid`` and ``soft_argmax``.

The visible checks work on small logits whose answers can be derived by hand (logits
``[0, ln 2, ln 3]`` give probabilities 1/6, 2/6, 3/6) and on properties every softmax has
(positive, sums to 1 along ``axis``, ratios ``p_i / p_j = exp(z_i - z_j)``). Before a
generic failure they try to recognise the classic mistakes by comparing the learner's output
with *wrong* variants (normalised over the whole array, without ``exp``, ...).

Notebook 02's ``softmax`` is "exponentiate, then normalise": numerical stability for huge
logits is notebook 03's topic (``stable_softmax``), so these checks never use logits large
enough to overflow ``exp``. ``sigmoid``, on the contrary, must be stable for any ``x``, and
so must ``soft_argmax``: its checks use logits of ±1000, and their hint is to subtract the
maximum along ``axis`` first (the soft argmax, like softmax, is unchanged by a shift). Its
hand-worked cases use logits ``ln a`` (plus a constant), whose probabilities are ``a / sum(a)``.
"""

from __future__ import annotations

import copy
import warnings

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
    float32_numbers_only,
    matches_reference,
    silenced,
    to_array,
)
from autograder.mistakes import (
    FLOAT16_SUM,
    FLOAT64_IN_FLOAT32,
    GLOBAL_MAX_SHIFT,
    GLOBAL_NORMALISATION,
    MISSING_KEEPDIMS,
    NO_MAX_SHIFT,
    RAISED_ERROR,
    WRONG_AXIS,
    WRONG_DTYPE,
    WRONG_SHAPE,
    WRONG_VALUES,
)

__all__ = ["check_softmax", "check_sigmoid", "check_soft_argmax"]

SOFTMAX_NOT_NORMALISED = Mistake(
    "softmax-not-normalised",
    "The exponentials are not divided by their sum, so the slices along `axis` do not sum "
    "to 1. Divide `np.exp(z)` by `np.sum(np.exp(z), axis=axis, keepdims=True)`.",
    fix="divide by the sum along `axis`",
)
SOFTMAX_MISSING_EXP = Mistake(
    "softmax-missing-exp",
    "You normalised the logits themselves. Exponentiate first (`e = np.exp(z)`), then divide "
    "by the sum of the exponentials: logits can be negative, probabilities cannot.",
    fix="exponentiate first, then normalise",
)
SOFTMAX_DIVIDED_BY_MAX = Mistake(
    "softmax-divided-by-max",
    "The largest entry of each slice is 1: you divided the exponentials by their maximum, or "
    "shifted by it (`np.exp(z - z.max(...))`) without dividing by the sum. Divide by the "
    "*sum* of the exponentials along `axis`.",
    fix="divide by the sum, not the max",
)
SOFTMAX_DIVIDED_BY_SUM_OF_LOGITS = Mistake(
    "softmax-divided-by-sum-of-logits",
    "You divided by the sum of the logits (`np.sum(z)`), not by the sum of their "
    "exponentials. The denominator must be `np.sum(np.exp(z), axis=axis, keepdims=True)`.",
    fix="divide by the sum of the exponentials",
)
SOFTMAX_EXTRA_ONE = Mistake(
    "softmax-extra-one-in-denominator",
    "The denominator has an extra `1 +` (as in the sigmoid `e^x / (1 + e^x)`). For softmax the "
    "denominator is only the sum of the exponentials of all K logits.",
    fix="drop the `1 +` from the denominator",
)
SOFTMAX_RETURNED_LOG = Mistake(
    "softmax-returned-log-probabilities",
    "You returned log-probabilities (the log-softmax): the values are negative and their "
    "exponentials sum to 1. Return the probabilities themselves.",
    fix="return probabilities, not their logs",
)
SOFTMAX_NEGATED = Mistake(
    "softmax-negated-logits",
    "The largest logit got the smallest probability: you exponentiated `-z` (or took "
    "`1 / exp(z)`). Softmax uses `np.exp(z)` and keeps the order of the logits.",
    fix="use np.exp(z), not np.exp(-z)",
)
SLICE_WITHOUT_DISTRIBUTION = Mistake(
    "slice-without-distribution",
    "A slice that holds +inf (or only -inf) has no distribution: e^inf / e^inf is NaN, but "
    "the other entries of that slice come out as 0, which looks like an answer. Set every "
    "entry of a slice whose sum of exponentials is not finite (or is 0) to NaN, e.g. with "
    "`np.where(np.isfinite(total) & (total > 0), e / total, np.nan)`.",
    fix="make a slice with no distribution all NaN",
)
SIGMOID_SIGN_FLIPPED = Mistake(
    "sigmoid-sign-flipped",
    "Your sigmoid decreases as x grows: the sign in the exponent is flipped. The logistic "
    "function is 1 / (1 + exp(-x)) (equivalently exp(x) / (1 + exp(x))).",
    fix="flip the sign: 1 / (1 + exp(-x))",
)
SIGMOID_OVERFLOW = Mistake(
    "sigmoid-overflow",
    "exp overflows for large |x|: 1 / (1 + exp(-x)) overflows for x = -1000 and "
    "exp(x) / (1 + exp(x)) gives inf/inf = NaN for x = 1000. Compute only e = exp(-|x|), "
    "which lies in (0, 1], and return 1 / (1 + e) where x >= 0 and e / (1 + e) where x < 0. "
    "Note that `np.where(c, a, b)` computes both a and b for every entry, so an overflowing "
    "branch overflows even where it is not selected.",
    fix="compute only exp(-|x|), never exp(|x|)",
)
SIGMOID_CANCELLATION = Mistake(
    "sigmoid-cancellation",
    "For very negative x your sigmoid rounds to 0 (or loses its digits): a form such as "
    "1 - 1/(1 + exp(x)) or (1 + tanh(x/2)) / 2 subtracts two numbers close to 1. For x < 0 "
    "use exp(x) / (1 + exp(x)), which is accurate down to the smallest floats.",
    fix="use exp(x) / (1 + exp(x)) for x < 0",
)
SIGMOID_USED_TANH = Mistake(
    "sigmoid-used-tanh",
    "Your function behaves like tanh: the sigmoid lies in (0, 1) with sigmoid(0) = 0.5, "
    "while tanh lies in (-1, 1). Note sigmoid(x) = (1 + tanh(x / 2)) / 2, with x / 2.",
    fix="use the logistic function, not tanh",
)
SIGMOID_NOT_VECTORISED = Mistake(
    "sigmoid-not-vectorised",
    "Your sigmoid works for one number but not for an array: `math.exp` (or an `if x >= 0` "
    "test) handles a single value. Use `np.exp` and array operations such as `np.where` or "
    "boolean masks so that every entry is handled.",
    fix="use np.exp and masks, not math or `if`",
)


def _call_softmax(softmax, z, axis):
    """Call the learner's softmax and read its output, recognising axis and broadcast errors."""
    __tracebackhide__ = True
    # A fresh copy: an in-place learner must not damage the check's own arrays.
    args = (z.copy(),)
    kwargs = {} if axis is None else {"axis": axis}
    shown = f"softmax({describe(z)}{'' if axis is None else f', axis={axis}'})"
    try:
        result = call(softmax, *args, **kwargs)
    except CheckFailed as failure:
        if failure.tag == RAISED_ERROR.tag:
            text = failure.problem
            if "could not be broadcast" in text:
                raise fail(text, MISSING_KEEPDIMS) from None
            if "AxisError" in text or "out of bounds for array" in text:
                raise fail(text, WRONG_AXIS) from None
        raise
    return to_array(result, shown), shown


def _close(a, b, rtol=1e-6, atol=1e-12):
    """Whether two arrays agree (shapes included), ignoring any warning on odd values."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        return False
    with np.errstate(all="ignore"):
        return bool(np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=True))


def _wrong_variants(z, axis):
    """Outputs of the classic wrong softmaxes on ``z`` (small logits), most specific first."""
    with np.errstate(all="ignore"):
        e = np.exp(z)
        total = np.sum(e, axis=axis, keepdims=True)
        variants = [
            (e, SOFTMAX_NOT_NORMALISED),
            (e / e.sum(), GLOBAL_NORMALISATION),
            (z / np.sum(z, axis=axis, keepdims=True), SOFTMAX_MISSING_EXP),
            (e / np.max(e, axis=axis, keepdims=True), SOFTMAX_DIVIDED_BY_MAX),
            (e / np.sum(z, axis=axis, keepdims=True), SOFTMAX_DIVIDED_BY_SUM_OF_LOGITS),
            (e / np.sum(z), SOFTMAX_DIVIDED_BY_SUM_OF_LOGITS),
            (e / (1 + total), SOFTMAX_EXTRA_ONE),
        ]
        # A max or sum without keepdims broadcasts against the last axes, when it can.
        shifted = np.exp(z - np.max(z, axis=axis, keepdims=True))
        for attempt in (
            lambda: e / np.sum(e, axis=axis),
            lambda: shifted / np.sum(shifted, axis=axis),
            lambda: _normalise(np.exp(z - np.max(z, axis=axis)), axis),
        ):
            try:
                variants.append((attempt(), MISSING_KEEPDIMS))
            except ValueError:
                pass
    return variants


def _normalise(e, axis):
    return e / np.sum(e, axis=axis, keepdims=True)


def _diagnose_softmax(z, out, axis, shown):
    """Fail with the most specific mistake if ``out`` is not a softmax of ``z`` along ``axis``.

    Uses only properties of the softmax (positive, sums to 1 along ``axis``, ratios
    ``p_k / p_0 = exp(z_k - z_0)``) and comparisons with known-wrong variants; it never
    computes the right answer.
    """
    __tracebackhide__ = True
    ax = -1 if axis is None else axis
    expect_shape(out, z.shape, shown)
    values = out.astype(np.float64)
    sums = np.sum(values, axis=ax, keepdims=True)
    sums_to_one = _close(sums, np.ones_like(sums), rtol=1e-5, atol=1e-6)
    with np.errstate(all="ignore"):
        ratio = values / np.take(values, [0], axis=ax)
        gaps = z - np.take(z, [0], axis=ax)
    ratios_ok = _close(ratio, np.exp(gaps), rtol=1e-4, atol=1e-9)
    if sums_to_one and ratios_ok and np.all(np.isfinite(out)):
        return
    detail = (
        "its ratios p_i / p_j are not exp(z_i - z_j)"
        if sums_to_one
        else f"it does not sum to 1 along axis {ax} ({_first_bad_sum(sums, ax)})"
    )
    for variant, mistake in _wrong_variants(z, ax):
        if _close(out, variant, rtol=1e-5, atol=1e-9):
            raise fail(f"{shown} returned {describe(out)}: {detail}.", mistake)
    with np.errstate(all="ignore"):
        exp_sums = np.sum(np.exp(values), axis=ax)
    if np.all(values <= 0) and _close(exp_sums, np.ones_like(exp_sums), rtol=1e-5, atol=1e-6):
        raise fail(f"{shown} returned {describe(out)}: {detail}.", SOFTMAX_RETURNED_LOG)
    if not np.all(np.isfinite(out)):
        index = tuple(int(i) for i in np.argwhere(~np.isfinite(out))[0])
        raise fail(f"{shown} contains {out[index]} at index {index}.", WRONG_VALUES)
    if not sums_to_one:
        for other in range(z.ndim):
            if other == ax % z.ndim or z.shape[other] < 2:
                continue
            other_sums = np.sum(values, axis=other)
            if _close(other_sums, np.ones_like(other_sums), rtol=1e-5, atol=1e-6):
                raise fail(
                    f"{shown} sums to 1 along axis {other} instead of axis {ax}: "
                    f"{_first_bad_sum(sums, ax)}.",
                    WRONG_AXIS,
                )
        raise fail(f"{shown} returned {describe(out)}: {detail}.", SOFTMAX_NOT_NORMALISED)
    if _close(ratio, np.exp(-gaps), rtol=1e-4, atol=1e-9):
        raise fail(
            f"{shown} gives the largest logit the smallest probability: {describe(out)}.",
            SOFTMAX_NEGATED,
        )
    raise fail(f"{shown} returned {describe(out)}: {detail}.", WRONG_VALUES)


def _first_bad_sum(sums, axis):
    """'slice (1,) sums to 1.37', for the first slice whose sum is not 1."""
    flat = np.squeeze(sums, axis=axis)
    with np.errstate(invalid="ignore"):
        bad = ~np.isclose(flat, 1.0, rtol=1e-5, atol=1e-6)
    if flat.ndim == 0:
        return f"it sums to {float(flat):.6g}"
    if not bad.any():
        return "every slice sums to 1"
    index = tuple(int(i) for i in np.argwhere(bad)[0])
    label = f"row {index[0]}" if len(index) == 1 else f"the slice at {index}"
    return f"{label} sums to {float(flat[index]):.6g}"


# softmax([0, 1, 2]) = (1, e, e^2) / (1 + e + e^2), correctly rounded (from 30 digits).
_SOFTMAX_012 = np.array([0.09003057317038046, 0.24472847105479764, 0.6652409557748219])
# Hand-worked rows: logits ln(a), ln(b), ln(c) give probabilities a, b, c / (a + b + c).
_ROWS = np.log(np.array([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0], [4.0, 1.0, 1.0]]))
_ROW_PROBS = np.array([[1, 2, 3], [2, 2, 2], [4, 1, 1]]) / 6.0


@exercise_check("softmax")
def check_softmax(softmax, reference=None):
    """Check a learner's ``softmax(z, axis=-1)``.

    Visible: hand-worked cases (logits ``ln 1, ln 2, ln 3`` -> 1/6, 2/6, 3/6; equal logits ->
    uniform) in 1-D, 2-D and 3-D, along the last axis, ``axis=0`` and a negative axis, to
    float64 accuracy, and rows 750 apart (no shift by the whole array's maximum); the
    contract adds lists, batches, every axis, the dtype rule, the ValueErrors and the named
    edges (-inf, NaN, empty, 65,520 float16 zeros). Hidden
    (``reference`` given): random shapes along every axis, float16/32/64 and integer input,
    logits up to ±60, compared with the reference.
    """
    __tracebackhide__ = True
    cases = [
        (_ROWS[0], None, _ROW_PROBS[0]),
        # 1 + e + e^2 is no float32 number: a float32 sum (or an epsilon) shows at 1e-12.
        (np.array([0.0, 1.0, 2.0]), None, _SOFTMAX_012),
        (_ROWS, None, _ROW_PROBS),
        (_ROWS.T.copy(), 0, _ROW_PROBS.T),
        (np.stack([_ROWS[:2], _ROWS[1:]]), None, np.stack([_ROW_PROBS[:2], _ROW_PROBS[1:]])),
        (
            np.stack([_ROWS[:2].T, _ROWS[1:].T]),
            -2,
            np.stack([_ROW_PROBS[:2].T, _ROW_PROBS[1:].T]),
        ),
        (np.stack([_ROWS.T, _ROWS.T]), 1, np.stack([_ROW_PROBS.T, _ROW_PROBS.T])),
    ]
    for z, axis, expected in cases:
        out, shown = _call_softmax(softmax, z, axis)
        _diagnose_softmax(z, out, axis, shown)
        # float64 in, float64 accuracy out: a float32 sum or an epsilon in the denominator
        # is off by far more than 1e-12.
        if out.dtype != np.float64:
            raise fail(
                f"return float64 for float64 logits: {shown} returned {out.dtype}.", WRONG_DTYPE
            )
        if _close(out, expected, rtol=1e-6, atol=1e-12) and not _close(
            out, expected, rtol=1e-12, atol=1e-15
        ):
            error = np.max(np.abs(out.astype(np.float64) / expected - 1))
            if float32_numbers_only(out, expected):
                raise fail(
                    f"{shown} is off by {error:.1g} (relative), and each of its values is a "
                    "float32 number: it was computed in float32 and converted back.",
                    FLOAT64_IN_FLOAT32,
                )
            raise fail(
                f"keep float64 accuracy: {shown} is off by {error:.1g} (relative): is a sum "
                "done in float32, or an epsilon added to the denominator?",
                WRONG_VALUES,
            )
        expect_close(out, expected, shown, rtol=1e-12, atol=1e-15)
    # Rows 750 apart: exp(701.1) still fits in float64, so the plain formula copes, while a
    # shift by the whole array's maximum sends the second row to exp(-750) = 0, and 0 / 0.
    out, shown = _call_softmax(softmax, _FAR_ROWS, None)
    expect_shape(out, _FAR_ROWS.shape, shown)
    if np.all(np.isfinite(out[0])) and not np.all(np.isfinite(out[1])):
        raise fail(
            f"{shown} returned {describe(out)}: the row far below the array's largest logit "
            "came out as 0 / 0.",
            GLOBAL_MAX_SHIFT,
        )
    _diagnose_softmax(_FAR_ROWS, out, None, shown)
    expect_close(out, _ROW_PROBS[[0, 2]], shown, rtol=1e-9, atol=1e-15)
    if reference is None:
        return
    _hidden_softmax(softmax, reference)


_FAR_ROWS = np.stack([700 + _ROWS[0], _ROWS[2] - 50])


def _hidden_softmax(softmax, reference):
    __tracebackhide__ = True
    rng = np.random.default_rng(2)
    for shape, axes in [
        ((5,), [-1, 0]),
        ((3, 7), [-1, 0, 1, -2]),
        ((2, 3, 4), [-1, 0, 1, 2, -2, -3]),
        ((4, 1), [-1]),
        ((1, 1), [-1, 0]),
    ]:
        z = rng.normal(size=shape) * 4
        for axis in axes:
            out, shown = _call_softmax(softmax, z, axis)
            _diagnose_softmax(z, out, axis, shown)
            matches_reference(softmax, reference, (z,), {"axis": axis}, rtol=1e-9, atol=1e-300)
    # Moderately large logits still fit exp in float64; no stability is asked for here.
    z = rng.uniform(-60, 60, size=(4, 6))
    matches_reference(softmax, reference, (z,), rtol=1e-9, atol=1e-300)
    # Dtypes: kept for floats (small logits, so that exp fits even in float16), promoted for ints.
    z = rng.normal(size=(3, 5)) * 2
    for dtype, rtol, atol in [(np.float32, 1e-5, 1e-7), (np.float16, 1e-2, 1e-3)]:
        zd = z.astype(dtype)
        for axis in (-1, 0):
            matches_reference(softmax, reference, (zd,), {"axis": axis}, rtol=rtol, atol=atol)
    zi = np.array([[1, 3, 2], [0, 0, 0], [-2, 5, 1]])
    matches_reference(softmax, reference, (zi,), rtol=1e-9)
    matches_reference(softmax, reference, (zi,), {"axis": 0}, rtol=1e-9)


def _warnings_of(fn, *args):
    """The floating-point warnings (or exception) that ``fn(*args)`` raises, as text, or ''."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with np.errstate(over="warn", invalid="warn", divide="warn", under="ignore"):
            try:
                with silenced(warnings_too=False):  # the warnings are what we record
                    fn(*copy.deepcopy(args))
            except (ArithmeticError, FloatingPointError) as exc:
                return f"raised {type(exc).__name__}: {exc}"
            except Exception:  # other errors are reported by `call`
                return ""
    found = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    return f"warned: {found[0]}" if found else ""


def _call_sigmoid(sigmoid, x, shown):
    """Call the learner's sigmoid; recognise overflow errors and scalar-only code."""
    __tracebackhide__ = True
    try:
        result = call(sigmoid, x)
        return to_array(result, shown)
    except CheckFailed as failure:
        if failure.tag == RAISED_ERROR.tag:
            if "OverflowError" in failure.problem:
                raise fail(failure.problem, SIGMOID_OVERFLOW) from None
            if isinstance(x, np.ndarray) and x.ndim > 0 and "raised TypeError" in failure.problem:
                raise fail(failure.problem, SIGMOID_NOT_VECTORISED) from None
            if "truth value of an array" in failure.problem:
                raise fail(failure.problem, SIGMOID_NOT_VECTORISED) from None
        raise


@exercise_check("sigmoid")
def check_sigmoid(sigmoid, reference=None):
    """Check a learner's ``sigmoid(x)``.

    Visible: ``sigmoid(0) = 0.5``, ``sigmoid(±ln 3) = 0.75 / 0.25``, shape kept, symmetry
    ``sigmoid(-x) = 1 - sigmoid(x)``, exactly 0 and 1 without overflow (nor warning) at
    x = ±1000, as arrays and as Python floats, and no cancellation for very negative x
    (``sigmoid(x) ≈ e^x`` there); the contract adds lists, batches, the dtype rule, the
    ValueErrors and the named edges (±inf, NaN, empty). Hidden (``reference`` given): random
    values over the whole float range, float16/32/64 and integer input, Python and NumPy
    scalars, compared with the reference (values below the smallest normal float64 to
    within that, as SciPy's ``expit`` returns 0 there).
    """
    __tracebackhide__ = True
    out = _call_sigmoid(sigmoid, 0.0, "sigmoid(0.0)")
    expect_shape(out, (), "sigmoid(0.0)")
    if _close(out, 0.0):
        raise fail("sigmoid(0.0) returned 0.0.", SIGMOID_USED_TANH)
    expect_close(out, 0.5, "sigmoid(0.0)")

    x = np.log(np.array([1 / 3, 1.0, 3.0]))  # sigmoid(ln r) = r / (1 + r): 1/4, 1/2, 3/4
    shown = "sigmoid([-ln 3, 0, ln 3])"
    out = _call_sigmoid(sigmoid, x, shown)
    expect_shape(out, x.shape, shown)
    if out[0] > out[2]:
        raise fail(f"{shown} returned {describe(out)}, which decreases.", SIGMOID_SIGN_FLIPPED)
    if _close(out, np.tanh(x)) or _close(out, (1 + np.tanh(x)) / 2):
        raise fail(f"{shown} returned {describe(out)}.", SIGMOID_USED_TANH)
    expect_close(out, [0.25, 0.5, 0.75], shown)

    rng = np.random.default_rng(5)
    x = rng.normal(size=(2, 3)) * 4
    shown = f"sigmoid({describe(x)})"
    out = _call_sigmoid(sigmoid, x, shown)
    expect_shape(out, x.shape, shown)
    with np.errstate(all="ignore"):
        mirrored = to_array(call(sigmoid, -x), f"sigmoid({describe(-x)})")
        if mirrored.shape != x.shape or not _close(out + mirrored, np.ones_like(x), atol=1e-12):
            raise fail(
                f"sigmoid(x) + sigmoid(-x) should be 1 for every x, but for x = {describe(x)} "
                f"it is {describe(out + mirrored)}.",
                WRONG_VALUES,
            )

    x = np.array([-1000.0, 1000.0])
    shown = "sigmoid([-1000, 1000])"
    out = _call_sigmoid(sigmoid, x, shown)
    expect_shape(out, x.shape, shown)
    trouble = _warnings_of(sigmoid, x)
    if trouble:
        raise fail(f"{shown} {trouble}.", SIGMOID_OVERFLOW)
    if not np.all(np.isfinite(out)):
        raise fail(f"{shown} returned {describe(out)}.", SIGMOID_OVERFLOW)
    # e^-1000 is about 5e-435, far below the smallest float64 (5e-324): exactly 0 and 1.
    if out[0] != 0.0 or out[1] != 1.0:
        raise fail(
            f"{shown} returned {describe(out)}; the limits are 0 and 1 (to the last digit).",
            WRONG_VALUES,
        )
    # A Python number must not take another path (math.exp overflows where np.exp warns).
    for x, limit in ((-1000.0, 0.0), (1000.0, 1.0)):
        shown = f"sigmoid({x:g}) (a Python float)"
        out = _call_sigmoid(sigmoid, x, shown)
        if out.shape != () or not np.isfinite(out) or out != limit:
            raise fail(f"{shown} returned {describe(out)}.", SIGMOID_OVERFLOW)

    for x in (-40.0, -300.0):
        shown = f"sigmoid({x:g})"
        out = _call_sigmoid(sigmoid, np.array([x]), shown)
        # For x << 0, sigmoid(x) = e^x / (1 + e^x) agrees with e^x to 1e-17 relative.
        if not _close(out, [np.exp(x)], rtol=1e-6, atol=0.0):
            raise fail(
                f"{shown} returned {describe(out)}, but for very negative x the sigmoid is "
                "positive and almost exactly e^x.",
                SIGMOID_CANCELLATION,
            )
    if reference is None:
        return
    _hidden_sigmoid(sigmoid, reference)


def _hidden_sigmoid(sigmoid, reference):
    __tracebackhide__ = True
    rng = np.random.default_rng(6)
    grid = np.concatenate([np.linspace(-745.0, 745.0, 301), rng.normal(size=50) * 30])
    # Below x = -709.78 the sigmoid is subnormal; scipy.special.expit returns 0 there, so
    # values under the smallest normal float64 are not required to the last digit.
    tiny = float(np.finfo(np.float64).tiny)
    matches_reference(sigmoid, reference, (grid,), rtol=1e-9, atol=tiny)
    matches_reference(sigmoid, reference, (grid[:343].reshape(7, 7, 7)[:2],), rtol=1e-9, atol=tiny)
    for scalar in (-3.0, 0.5, 37.0, -708.0, -1000.0, 1000.0, np.float32(-2.5), 3):
        shown = f"sigmoid({scalar!r})"
        out = _call_sigmoid(sigmoid, scalar, shown)
        expect_shape(out, (), shown)
        matches_reference(sigmoid, reference, (scalar,), rtol=1e-6, atol=tiny)
    specials = np.array([-np.inf, np.inf, np.nan, -0.0, 0.0, 1e-300, -1e-300])
    matches_reference(sigmoid, reference, (specials,), rtol=1e-12, atol=0.0)
    x32 = (rng.normal(size=40) * 30).astype(np.float32)
    matches_reference(sigmoid, reference, (x32,), rtol=1e-5, atol=1e-38)
    x16 = rng.uniform(-8, 8, size=40).astype(np.float16)
    matches_reference(sigmoid, reference, (x16,), rtol=4e-3, atol=1e-6)
    ints = np.array([-800, -3, 0, 2, 800])
    matches_reference(sigmoid, reference, (ints,), rtol=1e-9, atol=0.0)
    for dtype in (np.float32, np.float16):
        trouble = _warnings_of(sigmoid, np.array([-1000.0, 1000.0], dtype=dtype))
        if trouble:
            raise fail(f"sigmoid([-1000, 1000]) in {np.dtype(dtype)} {trouble}.", SIGMOID_OVERFLOW)


# --- soft_argmax --------------------------------------------------------------------------

SOFT_ARGMAX_HARD_ARGMAX = Mistake(
    "soft-argmax-hard-argmax",
    "You returned the hard argmax (the index of the largest logit). The soft argmax is the "
    "*expected* index under softmax: sum over k of k * softmax(z)_k, which moves smoothly "
    "with the logits (equal logits give the middle position (K-1)/2, not 0).",
    fix="return sum of k * softmax(z)_k, not argmax",
)
SOFT_ARGMAX_ROUNDED = Mistake(
    "soft-argmax-rounded-to-integer",
    "Your result is a whole number where the expected index lies between two positions: you "
    "rounded it or turned it into an integer (`round`, `int`, `astype(int)`, `//`). Return "
    "the weighted average itself; it is meant to be fractional and smooth.",
    fix="return the fractional index, unrounded",
)
SOFT_ARGMAX_FROM_ONE = Mistake(
    "soft-argmax-indices-from-one",
    "Your result is 1 too large everywhere: the positions must count from 0 like NumPy's "
    "indices, 0, 1, ..., K-1 (`np.arange(K)`), not 1, ..., K.",
    fix="count positions from 0 (np.arange(K))",
)
SOFT_ARGMAX_MEAN = Mistake(
    "soft-argmax-mean-instead-of-sum",
    "Your result is K times too small: you averaged k * p_k over the K classes (`np.mean`). "
    "The probabilities already weight the positions, so take the *sum* of k * p_k along "
    "`axis`.",
    fix="sum k * p_k along `axis`, do not average",
)
SOFT_ARGMAX_UNIT_POSITIONS = Mistake(
    "soft-argmax-positions-scaled-to-unit",
    "Your result lies in [0, 1]: you used positions scaled to the unit interval "
    "(`np.linspace(0, 1, K)` or k / (K - 1)). The soft argmax is an index, so weight the "
    "positions 0, 1, ..., K-1 themselves.",
    fix="weight the positions 0, 1, ..., K-1",
)
SOFT_ARGMAX_WEIGHTED_LOGITS = Mistake(
    "soft-argmax-weighted-logits",
    "You weighted the positions by the logits (sum of k * z_k). Weight them by the "
    "probabilities p = softmax(z): sum of k * p_k along `axis`.",
    fix="weight positions by softmax(z), not z",
)
SOFT_ARGMAX_NOT_NORMALISED = Mistake(
    "soft-argmax-not-normalised",
    "You weighted the positions by the exponentials exp(z_k) (perhaps shifted) without "
    "dividing by their sum, so the weights do not sum to 1. Use the probabilities "
    "softmax(z), which are normalised along `axis`.",
    fix="weight by softmax(z), normalised",
)
SOFT_ARGMAX_MAX_PROBABILITY = Mistake(
    "soft-argmax-returned-max-probability",
    "You returned the largest probability (`np.max(softmax(z))`), which says how confident "
    "the model is, not where. The soft argmax is a position: sum of k * softmax(z)_k.",
    fix="return the expected index, not max p",
)
SOFT_ARGMAX_NEGATED = Mistake(
    "soft-argmax-negated-logits",
    "Your result leans towards the *smallest* logit (a soft argmin): the sign of z is "
    "flipped somewhere (`np.exp(-z)`). Use softmax(z) itself.",
    fix="use softmax(z), not softmax(-z)",
)
SOFT_ARGMAX_LOG_PROBABILITIES = Mistake(
    "soft-argmax-weighted-log-probabilities",
    "You weighted the positions by log-probabilities (negative numbers), so the result is "
    "negative. Weight them by the probabilities softmax(z) themselves.",
    fix="weight by probabilities, not their logs",
)
SOFT_ARGMAX_WEIGHTS_WRONG_AXIS = Mistake(
    "soft-argmax-index-weights-wrong-axis",
    "The positions 0, ..., K-1 run along the last axis, but the classes lie along `axis`: "
    "`np.arange(K)` broadcasts against the *last* axis. Reshape it so that it runs along "
    "`axis` (length K there, 1 elsewhere), or move `axis` to the end with `np.moveaxis` "
    "first.",
    fix="shape np.arange(K) to run along `axis`",
)
SOFT_ARGMAX_SOFTMAX_WRONG_AXIS = Mistake(
    "soft-argmax-softmax-wrong-axis",
    "The probabilities are normalised along a different axis than the one you weight and "
    "sum over: pass `axis=axis` to your softmax too, so that every slice along `axis` is a "
    "distribution.",
    fix="pass axis=axis to your softmax too",
)
SOFT_ARGMAX_KEPT_AXIS = Mistake(
    "soft-argmax-kept-axis",
    "Your result still has the class axis, of length 1 (`keepdims=True` in the final sum). "
    "The soft argmax removes `axis`: a batch of shape (N, K) gives N numbers, a 1-D input "
    "gives a single number. Sum along `axis` without keepdims.",
    fix="sum along `axis` without keepdims",
)
SOFT_ARGMAX_NOT_SUMMED = Mistake(
    "soft-argmax-not-summed",
    "Your result has the shape of the logits: you returned the products k * p_k (or the "
    "probabilities) without adding them up. Sum them along `axis`.",
    fix="sum k * p_k along `axis`",
)
SOFT_ARGMAX_SUMMED_EVERYTHING = Mistake(
    "soft-argmax-summed-whole-array",
    "You returned one number for a whole batch: the final `np.sum` has no `axis`, so it "
    "adds up every slice. Sum along `axis` only, to get one soft argmax per slice.",
    fix="sum along `axis` only",
)


def _call_soft_argmax(soft_argmax, z, axis):
    """Call the learner's soft_argmax; recognise axis and broadcasting errors."""
    __tracebackhide__ = True
    args = (z.copy(),)
    kwargs = {} if axis is None else {"axis": axis}
    shown = f"soft_argmax({describe(z)}{'' if axis is None else f', axis={axis}'})"
    try:
        result = call(soft_argmax, *args, **kwargs)
    except CheckFailed as failure:
        if failure.tag == RAISED_ERROR.tag:
            text = failure.problem
            if "could not be broadcast" in text:
                # The offending line is quoted at the end: a reduction without keepdims, or
                # the positions 0..K-1 lined up with the last axis instead of `axis`.
                line = text.rsplit("`", 2)[-2] if text.count("`") >= 2 else ""
                reduced = any(word in line for word in ("max(", "sum(", "logsumexp("))
                mistake = MISSING_KEEPDIMS if reduced else SOFT_ARGMAX_WEIGHTS_WRONG_AXIS
                raise fail(text, mistake) from None
            if "AxisError" in text or "out of bounds for array" in text:
                raise fail(text, WRONG_AXIS) from None
        raise
    return to_array(result, shown), shown


def _positions(k, ndim, axis):
    """0, ..., k-1 shaped to run along ``axis`` of an ``ndim``-dimensional array."""
    shape = [1] * ndim
    shape[axis] = k
    return np.arange(k, dtype=np.float64).reshape(shape)


def _soft_argmax_variants(z, axis, weights, expected):
    """Outputs of classic wrong soft argmaxes, most specific first.

    ``z = log(weights) + c`` along ``axis`` for hand-chosen ``weights >= 0``, so that
    the probabilities are ``weights`` normalised along ``axis``, and ``expected`` is the
    hand-worked answer. Every variant is a *wrong* answer, used to name the mistake.
    """
    ax = axis % z.ndim
    k = z.shape[ax]
    a = np.asarray(weights, dtype=np.float64)
    e_out = np.asarray(expected, dtype=np.float64)
    along = _positions(k, z.ndim, ax)
    with np.errstate(all="ignore"):
        probs = a / np.sum(a, axis=ax, keepdims=True)
        inverse = (1 / a) / np.sum(1 / a, axis=ax, keepdims=True)
        exps = np.exp(z)
        variants = [
            (np.argmax(z, axis=ax), SOFT_ARGMAX_HARD_ARGMAX),
            (np.argmin(z, axis=ax), SOFT_ARGMAX_HARD_ARGMAX),
            (e_out + 1, SOFT_ARGMAX_FROM_ONE),
            (e_out / k, SOFT_ARGMAX_MEAN),
            (np.sum(along * z, axis=ax), SOFT_ARGMAX_WEIGHTED_LOGITS),
            (np.mean(along * z, axis=ax), SOFT_ARGMAX_WEIGHTED_LOGITS),
            (np.sum(along * exps, axis=ax), SOFT_ARGMAX_NOT_NORMALISED),
            (
                np.sum(along * np.exp(z - np.max(z, axis=ax, keepdims=True)), axis=ax),
                SOFT_ARGMAX_NOT_NORMALISED,
            ),
            (np.max(probs, axis=ax), SOFT_ARGMAX_MAX_PROBABILITY),
            (np.sum(along * a / np.sum(a), axis=ax), GLOBAL_NORMALISATION),
            (np.sum(along * inverse, axis=ax), SOFT_ARGMAX_NEGATED),
            (np.sum(along * np.log(probs), axis=ax), SOFT_ARGMAX_LOG_PROBABILITIES),
        ]
        if k > 1:
            variants.append((e_out / (k - 1), SOFT_ARGMAX_UNIT_POSITIONS))
        last = z.ndim - 1
        if ax != last and z.shape[last] == k:
            # np.arange(K) unshaped lines up with the last axis.
            row = np.arange(k, dtype=np.float64)
            variants.append((np.sum(row * probs, axis=ax), SOFT_ARGMAX_WEIGHTS_WRONG_AXIS))
            # softmax(z) without axis=axis: normalised along the last axis.
            by_last = a / np.sum(a, axis=last, keepdims=True)
            variants.append((np.sum(along * by_last, axis=ax), SOFT_ARGMAX_SOFTMAX_WRONG_AXIS))
            # Everything along the last axis: `axis` ignored.
            variants.append((np.sum(row * by_last, axis=last), WRONG_AXIS))
            # Right weights and probabilities, summed along the last axis.
            variants.append((np.sum(along * probs, axis=last), WRONG_AXIS))
        try:
            # The max subtracted without keepdims broadcasts against another axis, so each
            # slice is shifted by a different slice's max (no longer a constant per slice).
            shifted = np.exp(z - np.max(z, axis=ax))
            misshifted = shifted / np.sum(shifted, axis=ax, keepdims=True)
            variants.append((np.sum(along * misshifted, axis=ax), MISSING_KEEPDIMS))
        except ValueError:
            pass
    return [(np.asarray(value, dtype=np.float64), mistake) for value, mistake in variants]


def _diagnose_soft_argmax_shape(out, z, axis, shown):
    """Fail with the most specific mistake unless ``out`` has ``z``'s shape without ``axis``."""
    __tracebackhide__ = True
    ax = axis % z.ndim
    wanted = z.shape[:ax] + z.shape[ax + 1 :]
    if out.shape == wanted:
        return
    said = f"{shown} has shape {out.shape}, but the result should have shape {wanted}"
    kept = z.shape[:ax] + (1,) + z.shape[ax + 1 :]
    if out.shape == kept:
        raise fail(f"{said} (the input's shape without axis {axis}).", SOFT_ARGMAX_KEPT_AXIS)
    if out.shape == z.shape:
        raise fail(f"{said} (one number per slice).", SOFT_ARGMAX_NOT_SUMMED)
    if out.shape == () and wanted != ():
        raise fail(f"{said} (one number per slice).", SOFT_ARGMAX_SUMMED_EVERYTHING)
    others = [z.shape[:i] + z.shape[i + 1 :] for i in range(z.ndim) if i != ax]
    if out.shape in others:
        raise fail(f"{said}: you removed a different axis than axis {axis}.", WRONG_AXIS)
    raise fail(f"{said}.", WRONG_SHAPE)


def _diagnose_soft_argmax(out, shown, z, axis, weights, expected):
    """Fail with the most specific mistake unless ``out`` is the hand-worked ``expected``."""
    __tracebackhide__ = True
    ax = -1 if axis is None else axis
    _diagnose_soft_argmax_shape(out, z, ax, shown)
    values = out.astype(np.float64)
    if _close(values, expected, rtol=1e-6, atol=1e-9) and np.all(np.isfinite(values)):
        return
    k = z.shape[ax]
    if not np.all(np.isfinite(values)):
        index = tuple(int(i) for i in np.argwhere(~np.isfinite(values))[0])
        problem = f"{shown} contains {values[index]} at index {index}"
        if _lost_far_slices(values, z, ax):
            raise fail(
                f"{problem}: the slices far below the array's largest logit became 0 / 0.",
                GLOBAL_MAX_SHIFT,
            )
        if np.max(np.abs(z)) > 700:
            raise fail(f"{problem}; the logits are large.", NO_MAX_SHIFT)
        raise fail(f"{problem}.", WRONG_VALUES)
    for variant, mistake in _soft_argmax_variants(z, ax, weights, expected):
        if _close(values, variant, rtol=1e-6, atol=1e-9):
            raise fail(f"{shown} returned {_shown(out)}{_remark(values, k)}.", mistake)
    integral = np.all(values == np.round(values))
    if integral and not np.all(np.asarray(expected) == np.round(expected)):
        raise fail(f"{shown} returned {_shown(out)}{_remark(values, k)}.", SOFT_ARGMAX_ROUNDED)
    raise fail(f"{shown} returned {_shown(out)}{_remark(values, k)}.", WRONG_VALUES)


def _lost_far_slices(values, z, axis):
    """Whether only the slices far below the whole array's maximum came out non-finite."""
    if values.ndim == 0:
        return False
    lost = ~np.isfinite(values)
    tops = np.max(z, axis=axis)
    return bool(lost.any() and not lost.all() and np.all(tops[lost] < np.max(z) - 700))


def _shown(out):
    """A learner's result for a message: a number for a 0-d result, else like ``describe``."""
    return f"{float(out):.6g}" if out.ndim == 0 else describe(out)


def _remark(values, k):
    """What is visibly odd about a soft argmax result, as a clause ('' if nothing)."""
    if np.any(values < 0) or np.any(values > k - 1):
        return f", but a soft argmax lies between 0 and K-1 = {k - 1}"
    if k > 1 and np.all(values == np.round(values)):
        return ", only whole numbers although the probabilities are spread over several classes"
    return ""


# Hand-worked cases. Logits ln a_k (plus any constant) give probabilities a_k / sum(a), so the
# soft argmax of rows a = (1, 2, 3), (1, 1, 1), (4, 1, 1) is 8/6, 1 and 3/6.
_A = np.array([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0], [4.0, 1.0, 1.0]])
_A_SOFT = np.array([4 / 3, 1.0, 0.5])
_SCORES = np.array([1.0, 2.5, 0.5, 2.0, -1.0])  # argmax 1, runner-up 1.5 points lower
_A3 = np.stack([_A[:2].T, _A[1:].T])  # (2, 3, 2): classes along axis 1
_A3_SOFT = np.array([[4 / 3, 1.0], [1.0, 0.5]])


_FAR = np.stack([1000 + np.log(_A[0]), np.log(_A[2]) - 1000])


def _soft_argmax_cases():
    """``(z, axis, weights, expected)``: ``z = log(weights) + shift``, answers worked by hand."""
    return [
        (np.log(_A), None, _A, _A_SOFT),
        (np.log(_A.T), 0, _A.T, _A_SOFT),
        (np.log(_A3), -2, _A3, _A3_SOFT),
        (np.log(np.moveaxis(_A3, 1, 0)), 0, np.moveaxis(_A3, 1, 0), _A3_SOFT),
        (np.log(_A3), 1, _A3, _A3_SOFT),
        (np.zeros(4), None, np.ones(4), 1.5),
        (np.array([0.0, np.log(3.0)]), None, np.array([1.0, 3.0]), 0.75),
        (np.array([3.0, 0.0, 0.0, 0.0, 3.0]), None, np.exp([3.0, 0, 0, 0, 3.0]), 2.0),
        (np.array([[5.0], [-2.0]]), None, np.ones((2, 1)), np.zeros(2)),
        # Sharp logits: the soft argmax is the argmax index (to about 1e-25).
        (40 * _SCORES, None, np.exp(40 * _SCORES), 1.0),
        # Huge logits: exp overflows (or underflows to 0/0) unless the max is subtracted.
        (1000 + np.log(_A), None, _A, _A_SOFT),
        (np.log(_A.T) - 1000, 0, _A.T, _A_SOFT),
        # Rows 2000 apart: each row must be shifted by its own maximum. A shift by the
        # maximum of the whole batch leaves the second row exp(-2000) = 0 everywhere: 0 / 0.
        (_FAR, None, _A[[0, 2]], _A_SOFT[[0, 2]]),
        # A logit 1000 below the others has probability e^-1000 = 0 (in float64): it must
        # not overflow exp, as a shift by the minimum would make it.
        (np.array([0.0, np.log(3.0), -1000.0]), None, np.array([1.0, 3.0, 0.0]), 0.75),
    ]


@exercise_check("soft_argmax")
def check_soft_argmax(soft_argmax, reference=None):
    """Check a learner's ``soft_argmax(z, axis=-1)``.

    Visible: hand-worked cases (logits ``ln a`` give probabilities ``a / sum(a)``: ``[0, 0,
    0, 0]`` -> 1.5, ``[0, ln 3]`` -> 0.75, a batch along the last axis, along axis 0 and
    along the middle axis of a 3-D array), a single class, sharp logits (-> the argmax
    index), logits of ±1000, rows 2000 apart (each shifted by its own maximum), shift
    invariance and bounds on random logits, and float32 kept as float32 (naming the cause
    when it is not); the contract adds lists, batches, every axis, the dtype rule, the
    ValueErrors and the named edges. Hidden (``reference`` given): random shapes along every
    axis, float16/32/64 and integer input, extreme logits in every dtype, compared with the
    reference.
    """
    __tracebackhide__ = True
    for z, axis, weights, expected in _soft_argmax_cases():
        out, shown = _call_soft_argmax(soft_argmax, z, axis)
        _diagnose_soft_argmax(out, shown, z, axis, weights, expected)
    _soft_argmax_properties(soft_argmax)
    _soft_argmax_float32(soft_argmax)
    if reference is None:
        return
    _hidden_soft_argmax(soft_argmax, reference)


def _soft_argmax_float32(soft_argmax):
    """float32 in, float32 out; if not, tell the usual cause from the less usual one."""
    __tracebackhide__ = True
    z32 = np.log(_A).astype(np.float32)
    out, shown = _call_soft_argmax(soft_argmax, z32, None)
    shown = shown.replace("soft_argmax(", "soft_argmax(float32 ", 1)
    _diagnose_soft_argmax_shape(out, z32, -1, shown)
    if out.dtype == np.float64:
        # In float32, exp(-1e-8) rounds to 1, so a float32 computation gives exactly 0.5 here,
        # while a float64 one gives 0.5 + 2.5e-9: this tells where float64 came in.
        probe, _ = _call_soft_argmax(soft_argmax, np.array([0.0, 1e-8], np.float32), None)
        if abs(float(probe) - 0.5) < 1e-12:
            fix, why = (
                "build the positions as np.arange(K, dtype=p.dtype)",
                "np.arange(K) is int64, and int64 times float32 is float64",
            )
        else:
            fix, why = (
                "keep float32 logits float32",
                "they were converted to float64; convert only integer input",
            )
        raise fail(f"{fix}: soft_argmax(float32 logits) returned float64; {why}.", WRONG_DTYPE)
    expect_dtype(out, np.float32, shown)
    expect_close(out, _A_SOFT, shown, rtol=1e-5)


def _soft_argmax_properties(soft_argmax):
    """Bounds [0, K-1] and shift invariance on random logits (no answer needed)."""
    __tracebackhide__ = True
    z = np.random.default_rng(8).normal(size=(4, 6)) * 3
    out, shown = _call_soft_argmax(soft_argmax, z, None)
    _diagnose_soft_argmax_shape(out, z, -1, shown)
    values = out.astype(np.float64)
    if not np.all((values >= 0) & (values <= 5)):
        raise fail(f"{shown} returned {_shown(out)}{_remark(values, 6)}.", WRONG_VALUES)
    moved, moved_shown = _call_soft_argmax(soft_argmax, z + 7.5, None)
    if not _close(moved, values, rtol=1e-6, atol=1e-9):
        raise fail(
            f"{moved_shown} returned {_shown(moved)} but {shown} returned {_shown(out)}: "
            "adding the same constant to every logit changes no probability, so it must not "
            "change the soft argmax either.",
            WRONG_VALUES,
        )


def _hidden_soft_argmax(soft_argmax, reference):
    __tracebackhide__ = True
    rng = np.random.default_rng(9)
    # Random shapes along every axis (square sizes included, where a wrong axis still
    # broadcasts), then scaled up towards the argmax.
    for shape, axes in [
        ((5,), [-1, 0]),
        ((3, 7), [-1, 0, 1, -2]),
        ((4, 4), [0, 1]),
        ((2, 3, 4), [-1, 0, 1, 2, -2, -3]),
        ((3, 3, 3), [0, 1]),
        ((4, 1), [-1, 0]),
        ((1, 1), [-1]),
    ]:
        z = rng.normal(size=shape) * 3
        for axis in axes:
            _against_reference(soft_argmax, reference, z, axis, rtol=1e-9, atol=1e-12)
    z = rng.normal(size=(5, 6))
    _against_reference(soft_argmax, reference, z * 1e3, -1, rtol=1e-9, atol=1e-12)
    _against_reference(soft_argmax, reference, z * 1e4, 0, rtol=1e-9, atol=1e-12)
    dominant = np.zeros((2, 7))
    dominant[0, 4], dominant[1, 0] = 50.0, 80.0
    _against_reference(soft_argmax, reference, dominant, -1, rtol=1e-9, atol=1e-12)
    # Extreme logits in every dtype, and rows far apart in one batch.
    far = np.array([[1000.0, 1001.0, 999.0], [-1000.0, -999.0, -1001.0]])
    out, shown = _call_soft_argmax(soft_argmax, far, None)
    if out.shape == (2,) and not np.all(np.isfinite(out.astype(np.float64))):
        raise fail(f"{shown} returned {_shown(out)}.", GLOBAL_MAX_SHIFT)
    _against_reference(soft_argmax, reference, far, -1, rtol=1e-9, atol=1e-12)
    _against_reference(soft_argmax, reference, far.T.copy(), 0, rtol=1e-9, atol=1e-12)
    wide = rng.uniform(-1e4, 1e4, size=(4, 5))
    _against_reference(soft_argmax, reference, wide, -1, rtol=1e-9, atol=1e-12)
    big32 = np.array([[100.0, 101.0, 99.0], [-100.0, -101.0, -99.0]], dtype=np.float32)
    _against_reference(soft_argmax, reference, big32, -1, rtol=1e-5, atol=1e-6)
    big16 = np.array([[10.0, 12.0, 11.0], [-12.0, -10.0, -11.0]], dtype=np.float16)
    _against_reference(soft_argmax, reference, big16, -1, rtol=1e-2, atol=1e-2)
    # Dtypes: float kept, integers (and lists of them) promoted to float64.
    z = rng.normal(size=(3, 5)) * 2
    _against_reference(soft_argmax, reference, z.astype(np.float32), -1, rtol=1e-5, atol=1e-6)
    _against_reference(soft_argmax, reference, z.astype(np.float32), 0, rtol=1e-5, atol=1e-6)
    _against_reference(soft_argmax, reference, z.astype(np.float16), -1, rtol=1e-2, atol=1e-2)
    _against_reference(soft_argmax, reference, z[0].astype(np.float32), -1, rtol=1e-5, atol=1e-6)
    ints = np.array([[1, 3, 2], [0, 0, 0], [-2, 5, 1]])
    _against_reference(soft_argmax, reference, ints, -1, rtol=1e-9, atol=1e-12)
    _against_reference(soft_argmax, reference, ints, 0, rtol=1e-9, atol=1e-12)
    # A -inf logit is a class with probability 0; NaN spoils only its own slice.
    special = np.array([[0.0, -np.inf, np.log(3.0)], [-np.inf, 0.0, -np.inf], [1.0, np.nan, 2.0]])
    _against_reference(soft_argmax, reference, special, -1, rtol=1e-9, atol=1e-12)


def _against_reference(soft_argmax, reference, z, axis, *, rtol, atol):
    """Compare with the reference on ``z``; name the mistake first when it can be told."""
    __tracebackhide__ = True
    expected = np.asarray(reference(z.copy(), axis=axis))
    out, shown = _call_soft_argmax(soft_argmax, z, axis)
    _diagnose_soft_argmax_shape(out, z, axis, shown)
    values = out.astype(np.float64)
    wanted = expected.astype(np.float64)
    if not _close(values, wanted, rtol=max(rtol, 1e-6), atol=max(atol, 1e-9)):
        k = z.shape[axis]
        with np.errstate(all="ignore"):
            hard = np.argmax(np.where(np.isnan(z), -np.inf, z), axis=axis)
        for variant, mistake in [
            (hard, SOFT_ARGMAX_HARD_ARGMAX),
            (wanted + 1, SOFT_ARGMAX_FROM_ONE),
            (wanted / k, SOFT_ARGMAX_MEAN),
            (wanted / max(k - 1, 1), SOFT_ARGMAX_UNIT_POSITIONS),
        ]:
            if k > 1 and _close(values, variant, rtol=1e-6, atol=1e-9):
                raise fail(f"{shown} returned {_shown(out)}.", mistake)
        lost = np.isfinite(wanted) & ~np.isfinite(values)
        if np.any(lost) and np.max(np.abs(z[np.isfinite(z)])) > 60:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")  # all-NaN slices
                tops = np.nanmax(np.where(np.isinf(z), np.nan, z), axis=axis)
            # Only slices far below the array's overall max broke: the shift was global.
            if np.all(tops[lost] < np.nanmax(tops) - 60) and not np.all(lost):
                raise fail(
                    f"{shown} returned {_shown(out)}: the slices whose logits lie far below "
                    "the largest logit of the whole array came out as NaN.",
                    GLOBAL_MAX_SHIFT,
                )
            raise fail(f"{shown} returned {_shown(out)}; the logits are large.", NO_MAX_SHIFT)
        if out.dtype.kind != "f":
            # An integer result cannot hold a fractional expected index.
            expect_dtype(out, expected.dtype, shown)
    expect_close(out, expected, shown, rtol=rtol, atol=atol, reveal=True)
    expect_dtype(out, expected.dtype, shown)


# --- The contracts the exercise texts state (probed by autograder.contract) -------------------

_INF, _NAN = np.inf, np.nan
# A non-integer axis: NumPy's reductions raise TypeError, as good an answer as ValueError.
_AXIS_ERRORS = (ValueError, TypeError)
_LOGITS = np.log(np.array([[1.0, 2.0, 3.0], [4.0, 1.0, 1.0], [1.0, 1.0, 2.0]]))

Contract(
    "softmax",
    wrap_sample=wrapping((3, 3)),
    float16_sample=GENERAL_LOGITS,
    sample=_LOGITS,
    axis=True,
    batch=True,
    batch_mistake=GLOBAL_NORMALISATION,
    errors=(
        Invalid("complex logits", (np.array([1 + 2j, 0.5]),)),
        Invalid("strings", (np.array(["1.0", "2.0"]),)),
        Invalid("axis 2 of a 2-D array", (np.zeros((2, 3)),), {"axis": 2}),
        Invalid("axis=1.0", (np.zeros((2, 3)),), {"axis": 1.0}, exception=_AXIS_ERRORS),
    ),
    edges=(
        Edge(
            "float64 [0, ln 2, ln 3] to 1e-13",
            (np.array([0.0, np.log(2.0), np.log(3.0)]),),
            expected=[1 / 6, 1 / 3, 1 / 2],
            dtype=np.float64,
            rtol=1e-13,
            atol=0.0,
        ),
        Edge("-inf", (np.array([0.0, -_INF, np.log(3.0)]),), expected=[0.25, 0.0, 0.75]),
        Edge("NaN", (np.array([[1.0, _NAN], [0.0, 0.0]]),), expected=[[_NAN] * 2, [0.5] * 2]),
        Edge("an empty batch", (np.zeros((0, 3)),), expected=np.zeros((0, 3))),
        Edge("an empty axis", (np.zeros((2, 0)),), expected=np.zeros((2, 0))),
        # COURSE.md: every float16 reduction accumulates in float32 and rounds once.
        Edge(
            "65,520 float16 zeros",
            (np.zeros(65520, np.float16),),
            expected=np.full(65520, 1 / 65520),
            dtype=np.float16,
            rtol=1e-2,
            mistake=FLOAT16_SUM,
        ),
        Edge(
            "float16 [12, 0]",
            (np.array([12.0, 0.0], np.float16),),
            # 1 / (1 + e^-12) and e^-12 / (1 + e^-12); e^12 itself overflows float16.
            expected=[1 / (1 + np.exp(-12.0)), np.exp(-12.0) / (1 + np.exp(-12.0))],
            dtype=np.float16,
            rtol=1e-3,
            mistake=FLOAT16_SUM,
        ),
        Edge(
            "+inf",
            (np.array([[1.0, _INF], [0.0, 0.0]]),),
            expected=[[_NAN, _NAN], [0.5, 0.5]],
            mistake=SLICE_WITHOUT_DISTRIBUTION,
        ),
        Edge(
            "an all -inf row",
            (np.array([[-_INF, -_INF], [0.0, 0.0]]),),
            expected=[[_NAN, _NAN], [0.5, 0.5]],
            mistake=SLICE_WITHOUT_DISTRIBUTION,
        ),
    ),
    long_row=np.zeros((1, 70_000)),
    values="hand-worked values (1-D to 3-D) to float64 accuracy, rows far apart",
)

Contract(
    "sigmoid",
    wrap_sample=wrapping((2, 3)),
    sample=np.array([[-2.0, 0.0, 1.5], [3.0, -0.5, 0.25]]),
    batch=True,
    errors=(
        Invalid("complex input", (np.array([1 + 2j, 0.5]),)),
        Invalid("strings", (np.array(["1.0", "2.0"]),)),
    ),
    edges=(
        Edge("a Python number", (0.0,), expected=0.5),
        Edge("±1000", (np.array([1000.0, -1000.0]),), expected=[1.0, 0.0]),
        # e^89 overflows float32 (it ends near e^88.72); sigmoid(-89) = e^-89 / (1 + e^-89) is
        # a float32 subnormal, not 0.
        Edge(
            "float32 -89",
            (np.float32(-89.0),),
            expected=np.float32(np.exp(-89.0)),
            dtype=np.float32,
            rtol=1e-5,
            atol=0.0,
            mistake=SIGMOID_OVERFLOW,
        ),
        Edge("±inf", (np.array([_INF, -_INF]),), expected=[1.0, 0.0]),
        Edge("NaN", (np.array([_NAN, 0.0]),), expected=[_NAN, 0.5]),
        Edge("an empty array", (np.zeros(0),), expected=np.zeros(0)),
    ),
    values="hand-worked values, symmetry, accuracy near e^x",
)

Contract(
    "soft_argmax",
    wrap_sample=wrapping((3, 3)),
    float16_sample=GENERAL_LOGITS,
    sample=np.log(_A),
    reduces=True,
    axis=True,
    batch=True,
    batch_mistake=GLOBAL_MAX_SHIFT,
    errors=(
        Invalid("an empty class axis", (np.zeros((2, 0)),)),
        Invalid("axis 2 of a 2-D array", (np.zeros((2, 3)),), {"axis": 2}),
        Invalid("axis=1.0", (np.zeros((2, 3)),), {"axis": 1.0}, exception=_AXIS_ERRORS),
        Invalid("complex logits", (np.array([1 + 2j, 0.5]),)),
        Invalid("an empty 1-D z", (np.zeros(0),)),
        Invalid("an empty axis 0", (np.zeros((0, 3)),), {"axis": 0}),
        Invalid("axis -2 of a 1-D z", (np.zeros(3),), {"axis": -2}),
        Invalid("strings", (np.array(["1.0", "2.0"]),)),
    ),
    edges=(
        Edge("-inf", (np.array([0.0, -_INF, np.log(3.0)]),), expected=1.5),
        Edge("NaN", (np.array([[1.0, _NAN], [0.0, 0.0]]),), expected=[_NAN, 0.5]),
        Edge("an empty batch", (np.zeros((0, 3)),), expected=np.zeros(0)),
        Edge(
            "+inf",
            (np.array([[0.0, _INF, 1.0], [0.0, 0.0, 0.0]]),),
            expected=[_NAN, 1.0],
            mistake=SLICE_WITHOUT_DISTRIBUTION,
        ),
        Edge(
            "an all -inf row",
            (np.array([[-_INF, -_INF], [0.0, 0.0]]),),
            expected=[_NAN, 0.5],
            mistake=SLICE_WITHOUT_DISTRIBUTION,
        ),
        # Every float16 reduction accumulates in float32 (COURSE.md): (K - 1) / 2 = 32759.5,
        # 32768 in float16.
        Edge(
            "65,520 float16 zeros",
            (np.zeros(65520, np.float16),),
            expected=32759.5,
            dtype=np.float16,
            rtol=1e-2,
            mistake=FLOAT16_SUM,
        ),
    ),
    long_row=np.zeros((1, 70_000)),
    values="hand-worked values, sharp and ±1000 logits, rows far apart",
)
