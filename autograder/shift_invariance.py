"""Checks of notebook ``03_shift_invariance``: ``stable_softmax``, ``baseline_softmax`` and
``overflow_threshold``.

The visible checks use logits whose softmax is known by hand through shift invariance:
``[1000, 1001, 999]`` has the softmax of ``[1, 2, 0]``, that is ``[e, e², 1] / (1 + e + e²)``,
and ``[0, ln 2, ln 3]`` gives ``[1, 2, 3] / 6``. Each probe is chosen to expose one classic
way of getting stability wrong (no shift, shift by the min or the mean, one max for the whole
array, a max taken along the wrong axis), and a failure names that mistake. The rules every
exercise shares (lists, batches, ``axis``, dtypes, ``ValueError``, the named edges such as an
all -inf row) are declared once, in each exercise's :class:`Contract` at the end.
``baseline_softmax`` takes the K - 1 logits measured from a baseline class whose logit is 0:
its checks read each probability's log ratio to the baseline's, which must be the logit given,
so that a baseline put first, given another logit than 0 or left out is named as such.
``overflow_threshold`` is checked through its defining property only: ``exp`` is finite at
the answer and overflows at the next representable number above it, both in the dtype asked
for.

The small helpers at the bottom of this module (calling the learner's function and reading
its output, tolerances per dtype) are shared with ``autograder.log_sum_exp``.
"""

from __future__ import annotations

import math

import numpy as np

from autograder.contract import (
    CONTRACTS,
    GENERAL_LOGITS,
    Contract,
    Edge,
    Invalid,
    check_contract,
    wrapping,
)
from autograder.feedback import CheckFailed, Mistake, fail
from autograder.harness import (
    call,
    describe,
    exercise_check,
    expect_close,
    expect_dtype,
    expect_shape,
    to_array,
)
from autograder.mistakes import (
    FLOAT16_SUM,
    GLOBAL_MAX_SHIFT,
    GLOBAL_NORMALISATION,
    MISSING_KEEPDIMS,
    NO_MAX_SHIFT,
    NOT_ARRAY_LIKE,
    RAISED_ERROR,
    RETURNED_LIST,
    WRONG_AXIS,
    WRONG_DTYPE,
    WRONG_SHAPE,
    WRONG_VALUES,
)

__all__ = ["check_baseline_softmax", "check_overflow_threshold", "check_stable_softmax"]

STABLE_SOFTMAX_SHIFT_BY_MIN = Mistake(
    "stable-softmax-shift-by-min",
    "You subtracted the minimum: then z - min is >= 0 and can be huge (softmax([0, -1000]) "
    "needs exp(1000)), so exp still overflows. Subtract the *maximum* along `axis`, which "
    "makes every exponent <= 0.",
    fix="subtract the max, not the min",
)
STABLE_SOFTMAX_SHIFT_BY_MEAN = Mistake(
    "stable-softmax-shift-by-mean",
    "You subtracted the mean (or another value below the maximum): the logits above it still "
    "reach exp(z - mean), which overflows when the logits spread widely ([1e4, 0, -1e4]). "
    "Subtract the *maximum* along `axis`, so that every exponent is <= 0.",
    fix="subtract the max, not the mean",
)
STABLE_SOFTMAX_CLIPPED = Mistake(
    "stable-softmax-clipped-logits",
    "Clipping the logits (np.clip) avoids the overflow but changes the answer: [1000, 1001, "
    "999] became equal logits and a uniform distribution. Shift instead of clipping: "
    "softmax(z - max(z)) is exactly softmax(z).",
    fix="shift by the max instead of clipping",
)
STABLE_SOFTMAX_UNSHIFTED_DENOMINATOR = Mistake(
    "stable-softmax-unshifted-denominator",
    "You shifted the numerator but not the denominator: exp(z - m) / sum(exp(z)) is "
    "softmax(z) times exp(-m), so the probabilities no longer sum to 1. Compute e = exp(z - m) "
    "once and divide e by its own sum along `axis`.",
    fix="divide exp(z - m) by its own sum",
)
STABLE_SOFTMAX_NOT_NORMALISED = Mistake(
    "stable-softmax-not-normalised",
    "The probabilities along `axis` must sum to 1: after e = exp(z - m), divide e by "
    "e.sum(axis=axis, keepdims=True).",
    fix="divide by the sum along `axis`",
)
STABLE_SOFTMAX_NEG_INF = Mistake(
    "stable-softmax-neg-inf",
    "A -inf logit means 'impossible' and must get probability exactly 0, and a slice whose "
    "logits are all -inf gets all zeros (never NaN). With m = max = -inf, z - m is "
    "-inf - (-inf) = NaN: shift such slices by 0 instead (np.where(m == -np.inf, 0, m)) and "
    "keep 0 where the sum of the exponentials is 0.",
    fix="give -inf logits probability 0",
)
STABLE_SOFTMAX_HID_NAN = Mistake(
    "stable-softmax-hid-nan",
    "A NaN logit must make its slice NaN: replacing NaN by a number (np.nan_to_num, "
    "np.nanmax, np.nansum, or a division `where=total > 0`) returns a silent wrong answer. "
    "Let NaN propagate, and handle only the -inf cases explicitly.",
    fix="let a NaN logit make its slice NaN",
)
EMPTY_AXIS_REFUSED = Mistake(
    "empty-axis-refused",
    "An empty axis (no logits along `axis`) is a valid input and gives an empty result of the "
    "same shape, not an error. np.max refuses an empty axis: test `z.shape[axis] == 0` first "
    "and return an empty array of the input's shape and dtype.",
    fix="return an empty result for an empty axis",
)
OVERFLOW_THRESHOLD_RETURNED_MAX = Mistake(
    "overflow-threshold-returned-max",
    "np.finfo(dtype).max is the largest finite *number*; the question is the largest x whose "
    "exp(x) is finite, which is about log(np.finfo(dtype).max).",
    fix="take the log of finfo(dtype).max",
)
OVERFLOW_THRESHOLD_FINFO_MIN = Mistake(
    "overflow-threshold-finfo-min",
    "np.finfo(dtype).min is the most negative number (-max), not the smallest positive one, "
    "and its log is NaN. The threshold comes from np.finfo(dtype).max.",
    fix="start from finfo(dtype).max, not .min",
)
OVERFLOW_THRESHOLD_UNDERFLOW = Mistake(
    "overflow-threshold-underflow-threshold",
    "A negative threshold is where exp *underflows* (log of np.finfo(dtype).tiny); exp "
    "overflows for large positive x, near log(np.finfo(dtype).max).",
    fix="use finfo(dtype).max, not .tiny",
)
OVERFLOW_THRESHOLD_IGNORES_DTYPE = Mistake(
    "overflow-threshold-ignores-dtype",
    "You returned the float64 threshold (about 709.78) for a smaller dtype: every dtype has "
    "its own largest number, so use np.finfo(dtype).max of the dtype you are given.",
    fix="use the finfo of the dtype you are given",
)
OVERFLOW_THRESHOLD_NOT_IN_DTYPE = Mistake(
    "overflow-threshold-not-in-dtype",
    "The answer must be a number of the dtype asked for, and log(finfo.max) computed in "
    "float64 is not one: converted to float16/float32 it rounds to the nearest number of that "
    "dtype, which can be just above the true threshold. Work in the dtype and step down with "
    "np.nextafter(x, -np.inf) until np.exp(x) is finite.",
    fix="return a number of the dtype asked for",
)
OVERFLOW_THRESHOLD_LEFT_DTYPE = Mistake(
    "overflow-threshold-left-dtype",
    "np.finfo(np.longdouble).max is larger than any float64: converted to float64 (np.float64, "
    "float(), math.log) it becomes inf, and so does its log. Take np.log of finfo(dtype).max "
    "as it is, a number of the dtype, and keep every step in that dtype.",
    fix="keep finfo(dtype).max in its own dtype",
)
OVERFLOW_THRESHOLD_EXP_OVERFLOWS = Mistake(
    "overflow-threshold-exp-overflows",
    "exp of your threshold already overflows in that dtype: log(finfo.max) rounded to the "
    "dtype can land just above the true logarithm. Step down with np.nextafter(x, -np.inf) "
    "until np.exp(x), computed in the dtype, is finite.",
    fix="step down with np.nextafter",
)
OVERFLOW_THRESHOLD_NOT_LARGEST = Mistake(
    "overflow-threshold-not-largest",
    "exp is still finite a little above your value, so it is not the *largest* such x. "
    "Start from log(np.finfo(dtype).max) in the dtype and step with np.nextafter until exp "
    "of the next number up overflows; rounded or hard-coded values are not exact.",
    fix="step up with np.nextafter",
)

BASELINE_SHIFT_WITHOUT_ZERO = Mistake(
    "baseline-softmax-shift-without-zero",
    "You shifted by max(d) alone, but the baseline's logit 0 is one of the K logits too: when "
    "every d is very negative (d = [-1000, -1000]), the baseline's term exp(0 - max(d)) = "
    "exp(1000) overflows. Shift by m = max(0, max(d)), the largest of all K logits.",
    fix="shift by max(0, max(d)), not max(d)",
)
BASELINE_FIRST = Mistake(
    "baseline-softmax-baseline-first",
    "The baseline class's probability goes *last* along `axis`, after the K - 1 classes that "
    "d describes: append the 0 logit at the end (np.concatenate([d, zeros], axis=axis)), not "
    "at the start.",
    fix="put the baseline's probability last",
)
BASELINE_MISSING = Mistake(
    "baseline-softmax-baseline-missing",
    "d holds K - 1 logits and the result K probabilities: the baseline class, whose logit is "
    "0, is a class too. Append a 0 to d along `axis` before the softmax (a softmax of d "
    "alone forgets the baseline).",
    fix="add the baseline's logit 0 as a K-th class",
)
BASELINE_NONZERO_LOGIT = Mistake(
    "baseline-softmax-baseline-not-zero",
    "The baseline's logit is 0 by definition (d_k = z_k - z_baseline), so log(p_k / "
    "p_baseline) must equal d_k. Append zeros (np.zeros), not ones or another constant.",
    fix="give the baseline the logit 0",
)
BASELINE_LAST_AXIS = Mistake(
    "baseline-softmax-appended-on-last-axis",
    "The baseline's 0 joins the logits along `axis`, which is not always the last axis: build "
    "the zeros with the shape of d but 1 along `axis` and concatenate with axis=axis.",
    fix="append the 0 along `axis`",
)
BASELINE_PER_ENTRY_SIGMOID = Mistake(
    "baseline-softmax-per-entry-sigmoid",
    "sigmoid(d_k) = 1 / (1 + exp(-d_k)) compares class k with the baseline alone; it is the "
    "answer only for K = 2. With more classes every probability shares one denominator: "
    "p = softmax of the K logits [d, 0].",
    fix="use a softmax of [d, 0], not sigmoids",
)
BASELINE_NEG_INF = Mistake(
    "baseline-softmax-neg-inf",
    "A -inf logit means 'impossible' (probability exactly 0); if every d is -inf, only the "
    "baseline is possible and gets probability 1, not NaN. With the baseline's 0 inside the "
    "max shift, m = max(0, max(d)) is never -inf and nothing becomes -inf - (-inf).",
    fix="give the baseline 1 when every d is -inf",
)
SOFTMAX_VIA_LSE = Mistake(
    "softmax-via-logsumexp",
    "exp(z - logsumexp(z)) is the softmax in exact arithmetic, but z - logsumexp(z) subtracts "
    "two numbers of the logits' size: the rounding error of logsumexp, an ulp of that size, "
    "becomes a relative error of every probability. Compute e = exp(z - m) and divide it by "
    "its own sum along `axis`: both steps are accurate to a few ulps.",
    fix="divide exp(z - m) by its sum, not exp(z - lse)",
)
BASELINE_ONE_MINUS_SUM = Mistake(
    "baseline-softmax-one-minus-sum",
    "The baseline's probability as 1 - (sum of the others) cancels: when the others add up "
    "to nearly 1, only their rounding errors are left (d = [40] gives 0 instead of "
    "4.25e-18). Compute it like every other class: exp(0 - m) divided by the same sum.",
    fix="compute the baseline as exp(-m) / sum",
)
BASELINE_EMPTY_AXIS = Mistake(
    "baseline-softmax-empty-axis",
    "An empty axis (K - 1 = 0 logits) is valid: only the baseline class is left, with "
    "probability 1. Return ones with the shape of d but 1 along `axis` (appending the 0 "
    "logit and taking the softmax gives exactly that; np.max refuses an empty axis).",
    fix="give probability 1 when d has no logits",
)

# Logits [1, 2, 0] (and any shift of them, such as [1000, 1001, 999]): worked by hand.
_E = math.e
_P120 = np.array([_E, _E * _E, 1.0]) / (1.0 + _E + _E * _E)  # 0.2447, 0.6652, 0.0900
_LN2, _LN3 = math.log(2.0), math.log(3.0)


@exercise_check("stable_softmax")
def check_stable_softmax(stable_softmax, reference=None):
    """Check a learner's ``stable_softmax(z, axis=-1)``.

    Visible: ``[0, ln 2, ln 3]`` -> 1/6, 2/6, 3/6; large logits of either sign
    (``[1000, 1001, 999]`` -> softmax of ``[1, 2, 0]``); widely spread logits (``[0, -1000]``,
    ``[1e4, 0, -1e4]``); a batch of rows at very different levels along the default axis and
    along ``axis=0``; an empty axis accepted. Then the contract: lists, batches, ``axis``,
    dtypes, ``ValueError``, and the edges (-inf, all -inf, NaN, +inf, float32 ``[-101, -102]``,
    float16 ±1e4, empty axis and batch). Hidden (``reference`` given): random shapes, axes and
    dtypes, long float16 rows, logits of 1e4 to 1e300, mixed special rows, all compared with
    the reference.
    """
    __tracebackhide__ = True
    name = "stable_softmax"
    z = np.array([0.0, _LN2, _LN3])
    out, shown = run_learner(stable_softmax, name, z)
    expect_shape(out, z.shape, shown)
    _expect_normalised(out, z, -1, shown)
    expect_close(out, [1 / 6, 2 / 6, 3 / 6], shown)

    # Large logits: exp overflows (or underflows to 0 everywhere) without the max shift.
    for z, expected in [([1000.0, 1001.0, 999.0], _P120), ([-999.0, -998.0, -1000.0], _P120)]:
        z = np.array(z)
        out, shown = run_learner(stable_softmax, name, z)
        expect_shape(out, z.shape, shown)
        expect_finite(out, shown, NO_MAX_SHIFT)
        if np.all(out == 0):  # exp(z) overflowed or underflowed inside another formula
            raise fail(f"{shown} returned {describe(out)}.", NO_MAX_SHIFT)
        if np.allclose(out, 1 / 3, rtol=1e-3):
            raise fail(
                f"{shown} returned {describe(out)}, a uniform distribution.", STABLE_SOFTMAX_CLIPPED
            )
        _expect_normalised(out, z, -1, shown)
        expect_close(out, expected, shown, rtol=1e-6)

    # Widely spread logits: a shift by anything below the max leaves a huge exponent.
    for z, mistake in [
        ([0.0, -1000.0], STABLE_SOFTMAX_SHIFT_BY_MIN),
        ([1e4, 0.0, -1e4], STABLE_SOFTMAX_SHIFT_BY_MEAN),
    ]:
        z = np.array(z)
        out, shown = run_learner(stable_softmax, name, z)
        expect_shape(out, z.shape, shown)
        expect_finite(out, shown, mistake)
        _expect_normalised(out, z, -1, shown)
        expect_close(out, (z == z.max()).astype(float), shown, rtol=1e-9, atol=1e-300)

    # A batch of moderate rows, along the last axis and along axis 0: a max or a sum taken
    # along the other axis gives finite but wrong values, recognised as such.
    z = np.array([[1.0, 2.0, 0.0], [0.0, _LN2, _LN3]])
    expected = np.stack([_P120, [1 / 6, 2 / 6, 3 / 6]])
    for zz, axis, want in [(z, -1, expected), (z.T.copy(), 0, expected.T)]:
        kwargs = {} if axis == -1 else {"axis": axis}
        out, shown = run_learner(stable_softmax, name, zz, **kwargs)
        expect_shape(out, zz.shape, shown)
        if not _close(out, want):
            _diagnose_axis(out, zz, axis, shown)
        _expect_normalised(out, zz, axis, shown)
        expect_close(out, want, shown)
    # Row 1 lies 1000 below row 0, so one max for the whole array empties it.
    z = np.array([[1.0, 2.0, 0.0], [-999.0, -998.0, -1000.0]])
    for zz, axis in [(z, -1), (z.T.copy(), 0)]:
        kwargs = {} if axis == -1 else {"axis": axis}
        out, shown = run_learner(stable_softmax, name, zz, **kwargs)
        expect_shape(out, zz.shape, shown)
        expected = np.stack([_P120, _P120]) if axis == -1 else np.stack([_P120, _P120]).T
        if not _close(out, expected):
            _diagnose_axis(out, zz, axis, shown)
            row = np.take(out, 1, axis=1 - axis % 2)
            if not np.all(np.isfinite(row)) or np.all(row == 0):
                raise fail(
                    f"subtract each slice's own max: in {shown} the slice 1000 below the other "
                    f"came out as {describe(row)}.",
                    GLOBAL_MAX_SHIFT,
                )
        _expect_normalised(out, zz, axis, shown)
        expect_close(out, expected, shown)

    if reference is not None:
        visible_contract(stable_softmax, "stable_softmax")
        _hidden_stable_softmax(stable_softmax, reference)


def _close(a, b, rtol=1e-6, atol=1e-12):
    """Whether two arrays agree (shapes and NaN included), ignoring warnings on odd values."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        return False
    with np.errstate(all="ignore"):
        return bool(np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=True))


def _diagnose_axis(out, z, axis, shown):
    """Fail with ``wrong-axis`` if ``out`` is a softmax whose max or sum ran along another axis.

    The variants are the stable softmax of ``z`` with its max taken along another axis, its
    sum taken along another axis, or both (the ``axis`` argument ignored).
    """
    __tracebackhide__ = True
    ax = axis % z.ndim
    with np.errstate(all="ignore"):
        own = np.exp(z - np.max(z, axis=ax, keepdims=True))
        for other in range(z.ndim):
            if other == ax:
                continue
            moved = np.exp(z - np.max(z, axis=other, keepdims=True))
            for variant, fix in [
                (moved / moved.sum(axis=ax, keepdims=True), f"subtract the max along axis {ax}"),
                (own / own.sum(axis=other, keepdims=True), f"divide by the sum along axis {ax}"),
                (moved / moved.sum(axis=other, keepdims=True), f"work along axis {ax}"),
            ]:
                if _close(out, variant):
                    raise fail(
                        f"{fix} (`axis`), not along axis {other}: {shown} returned "
                        f"{describe(out)}.",
                        WRONG_AXIS,
                    )


def _hidden_stable_softmax(fn, reference):
    __tracebackhide__ = True
    name = "stable_softmax"
    rng = np.random.default_rng(3)
    cases = [((6,), -1), ((3, 7), -1), ((3, 7), 0), ((2, 3, 4), 1), ((2, 3, 4), -3), ((4, 1), -1)]
    for dtype in (np.float64, np.float32, np.float16):
        for shape, axis in cases:
            z = (rng.normal(size=shape) * 4).astype(dtype)
            against_reference(
                fn, reference, name, (z,), {"axis": axis}, overflow_mistake=NO_MAX_SHIFT
            )
    # Long float16 rows: their sums must be accumulated in float32 and rounded once.
    long16 = rng.normal(size=(2, 70_000)).astype(np.float16)
    against_reference(fn, reference, name, (long16,), {}, rtol=4e-3, atol=0.0, mistake=FLOAT16_SUM)
    # Logits of 1e4 and far beyond: exact integers near the max, so rounding stays small.
    big = np.array(
        [[1e4, 1e4 - 1, -1e4, 0.0], [-1e4, -1e4 + 2, -3e4, -1e4 + 1], [-1e4, 0.0, 1e4 - 1, 1e4]]
    )
    for dtype in (np.float64, np.float32):
        z = big.astype(dtype)
        against_reference(fn, reference, name, (z,), {}, overflow_mistake=NO_MAX_SHIFT)
        against_reference(
            fn, reference, name, (z.T.copy(),), {"axis": 0}, overflow_mistake=NO_MAX_SHIFT
        )
    huge = np.array([[1e300, -1e300, 0.0], [1.5e308, -1.5e308, 1e308], [1e6, 1e6 + 1, -1e6]])
    against_reference(fn, reference, name, (huge,), {}, overflow_mistake=NO_MAX_SHIFT)
    half = np.array([[20.0, 10.0, 0.0], [-20.0, -25.0, -30.0], [6e4, -6e4, 0.0]], np.float16)
    against_reference(fn, reference, name, (half,), {}, overflow_mistake=NO_MAX_SHIFT)
    # Integers are promoted; -inf, all -inf and NaN rows in one batch.
    ints = rng.integers(-900, 900, size=(3, 5))
    against_reference(fn, reference, name, (ints,), {"axis": 0})
    special = np.array(
        [[0.0, -np.inf, 1.0], [-np.inf, -np.inf, -np.inf], [np.nan, 0.0, 1.0], [2.0, 2.0, 2.0]]
    )
    for dtype in (np.float64, np.float32, np.float16):
        against_reference(
            fn,
            reference,
            name,
            (special.astype(dtype),),
            {},
            nan_mistake=STABLE_SOFTMAX_HID_NAN,
            neg_inf_mistake=STABLE_SOFTMAX_NEG_INF,
        )
    against_reference(
        fn, reference, name, (special.T.copy(),), {"axis": 0}, nan_mistake=STABLE_SOFTMAX_HID_NAN
    )
    against_reference(fn, reference, name, (np.zeros((2, 0, 3)),), {"axis": 1})


#: sigmoid(1) = e / (1 + e): the softmax of [1000, 1001, 0] is [1 - sigmoid(1), sigmoid(1), 0].
_SIG1 = _E / (1.0 + _E)


@exercise_check("baseline_softmax")
def check_baseline_softmax(baseline_softmax, reference=None):
    """Check a learner's ``baseline_softmax(d, axis=-1)``.

    Visible: ``d = [ln 2, ln 3]`` -> weights 2 : 3 : 1, so ``[2/6, 3/6, 1/6]`` with the
    baseline last; K = 2 is the sigmoid (``d = [0]`` -> ``[1/2, 1/2]``, ``d = [x]`` ->
    ``[sigmoid(x), sigmoid(-x)]``); ``[1000, 1001]``, ``[1e4, -1e4]`` and ``[-1000, -1000]``
    finite in float64, float32 and float16 (the last one needs the baseline's 0 in the max
    shift); a batch along the default axis and along ``axis=0``, and one with a row 1000
    above another. A wrong result is read through its log ratios to the last entry, which
    must be ``d``: that names a baseline put first, a baseline logit other than 0, sigmoids
    per entry, or the baseline left out. Then the contract: lists, batches, ``axis``,
    dtypes, ``ValueError``, and the edges (-inf, all -inf, NaN, +inf, float16 ±1e4, 65,519
    float16 zeros, an empty axis and batch). Hidden (``reference`` given): random shapes,
    axes and dtypes, logits of 1e4 to 1e300, mixed special rows, compared with the reference.
    """
    __tracebackhide__ = True
    fn = baseline_softmax
    # Weights e^{ln 2} : e^{ln 3} : e^0 = 2 : 3 : 1.
    _expect_baseline(fn, np.array([_LN2, _LN3]), -1, [2 / 6, 3 / 6, 1 / 6])
    # K = 2 is logistic regression: [sigmoid(x), sigmoid(-x)].
    for x in (0.0, 2.0, -3.0):
        s = 1.0 / (1.0 + math.exp(-x))
        _expect_baseline(fn, np.array([x]), -1, [s, 1.0 - s])

    # Stability in every float dtype: without any shift exp(1000) overflows; shifted by
    # max(d) alone, the baseline's exp(0 - (-1000)) does.
    cases = [
        ([1000.0, 1001.0], [1.0 - _SIG1, _SIG1, 0.0], NO_MAX_SHIFT),
        ([1e4, -1e4], [1.0, 0.0, 0.0], NO_MAX_SHIFT),
        ([-1000.0, -1000.0], [0.0, 0.0, 1.0], BASELINE_SHIFT_WITHOUT_ZERO),
    ]
    for dtype in (np.float64, np.float32, np.float16):
        for d, expected, mistake in cases:
            _expect_baseline(
                fn, np.array(d, dtype), -1, expected, dtype=dtype, overflow=mistake, atol=1e-7
            )

    # A batch along the last axis and along axis 0: the baseline comes last along `axis`.
    d = np.array([[_LN2, _LN3], [0.0, 0.0], [-_LN2, _LN2]])
    expected = np.array([[2 / 6, 3 / 6, 1 / 6], [1 / 3, 1 / 3, 1 / 3], [1 / 7, 4 / 7, 2 / 7]])
    _expect_baseline(fn, d, -1, expected)
    _expect_baseline(fn, d.T.copy(), 0, expected.T)
    # Row 0 lies 1000 above row 1: one max for the whole batch leaves row 1 with 0 / 0.
    d = np.array([[1000.0, 1001.0], [_LN2, _LN3]])
    expected = np.array([[1.0 - _SIG1, _SIG1, 0.0], [2 / 6, 3 / 6, 1 / 6]])
    _expect_baseline(fn, d, -1, expected, far_apart=True)
    _expect_baseline(fn, d.T.copy(), 0, expected.T, far_apart=True)

    if reference is not None:
        visible_contract(fn, "baseline_softmax")
        _hidden_baseline_softmax(fn, reference)


def _expect_baseline(
    fn, d, axis, expected, *, dtype=None, overflow=None, far_apart=False, rtol=None, atol=1e-12
):
    """Run ``fn`` on ``d`` and compare with the hand-worked ``expected``, naming the mistake.

    ``overflow`` names a NaN or inf in the result; ``far_apart`` says that the slices of
    ``d`` lie 1000 apart, so that a slice that is NaN or all zeros comes from one max shift
    for the whole batch.
    """
    __tracebackhide__ = True
    name = "baseline_softmax"
    kwargs = {} if axis == -1 else {"axis": axis}
    out, shown = run_learner(fn, name, d, **kwargs)
    _expect_baseline_shape(out, d, axis, shown)
    if dtype is not None:
        expect_dtype(out, dtype, shown)
    if rtol is None:
        rtol = 2e-3 if out.dtype == np.float16 else 1e-6
    if overflow is not None:
        expect_finite(out, shown, overflow)
    expected = np.asarray(expected, dtype=np.float64)
    if _close(out, expected, rtol=rtol, atol=atol):
        return
    ax = axis % d.ndim
    if far_apart:
        for i in range(d.shape[1 - ax]):
            part = np.take(out, i, axis=1 - ax)
            if not np.all(np.isfinite(part)) or np.all(part == 0):
                raise fail(
                    f"in {shown} the slice {i}, 1000 below the other, came out as "
                    f"{describe(part)}.",
                    GLOBAL_MAX_SHIFT,
                )
    _diagnose_baseline(out, d, ax, shown)
    _expect_sums_to_one(out, ax, shown, rtol=max(rtol, 1e-5))
    if ax != d.ndim - 1:
        raise fail(
            f"{shown} (the logits along axis {ax}) is wrong at some entries while each slice "
            "sums to 1.",
            WRONG_AXIS,
        )
    expect_close(out, expected, shown, rtol=rtol, atol=atol)


def _expect_baseline_shape(out, d, axis, shown):
    """Fail unless ``out`` has the shape of ``d`` with ``axis`` one longer, naming why."""
    __tracebackhide__ = True
    want = list(d.shape)
    want[axis] += 1
    if out.shape == tuple(want):
        return
    if out.shape == d.shape:
        raise fail(
            f"{shown} has the shape of d, {out.shape}: K - 1 numbers along `axis`, where the "
            f"K probabilities need shape {tuple(want)}.",
            BASELINE_MISSING,
        )
    last = list(d.shape)
    last[-1] += 1
    if axis % d.ndim != d.ndim - 1 and out.shape == tuple(last):
        raise fail(
            f"{shown} has shape {out.shape}, one longer along the last axis, not along "
            f"axis {axis % d.ndim}: it should have shape {tuple(want)}.",
            BASELINE_LAST_AXIS,
        )
    expect_shape(out, tuple(want), shown)


def _diagnose_baseline(out, d, ax, shown):
    """Name the mistake behind a wrong result of the right shape, from its log ratios.

    In a right answer, log(p_k / p_last) = d_k. A baseline put first gives log(p_k / p_0) =
    d_k; a baseline logit c gives log(p_k / p_last) = d_k - c for every k; sigmoids per entry
    give p_k = 1 / (1 + exp(-d_k)).
    """
    __tracebackhide__ = True
    with np.errstate(all="ignore"):
        p = np.moveaxis(out.astype(np.float64), ax, -1)
        z = np.moveaxis(np.asarray(d, dtype=np.float64), ax, -1)
        if not (np.all(np.isfinite(p)) and np.all(np.isfinite(z))):
            return
        k1 = z.shape[-1]
        if k1 >= 2 and np.allclose(p[..., :-1], 1.0 / (1.0 + np.exp(-z)), rtol=1e-5):
            raise fail(
                f"{shown} returned {describe(out)}: the first K - 1 entries are "
                "1 / (1 + exp(-d)), each class against the baseline alone.",
                BASELINE_PER_ENTRY_SIGMOID,
            )
        if not np.all(p > 0):
            return
        if k1 >= 1 and np.allclose(np.log(p[..., 1:] / p[..., :1]), z, rtol=1e-5, atol=1e-5):
            raise fail(
                f"{shown} returned {describe(out)}: log(p_k / p_0) = d_k, so the baseline's "
                "probability came first.",
                BASELINE_FIRST,
            )
        offset = np.log(p[..., :-1] / p[..., -1:]) - z
        sums_to_one = np.allclose(p.sum(axis=-1), 1.0, rtol=1e-5)
        if k1 >= 2 and sums_to_one and np.ptp(offset) < 1e-5 and abs(offset.flat[0]) > 1e-5:
            c = -float(offset.flat[0])
            raise fail(
                f"{shown} returned {describe(out)}: log(p_k / p_last) is d_k - {c:.4g} for "
                f"every k, as if the baseline's logit were {c:.4g}.",
                BASELINE_NONZERO_LOGIT,
            )


def _expect_sums_to_one(out, ax, shown, rtol):
    """Fail unless every slice of ``out`` along axis ``ax`` sums to 1, naming the likely slip."""
    __tracebackhide__ = True
    with np.errstate(all="ignore"):
        values = out.astype(np.float64)
        sums = values.sum(axis=ax)
        ok = np.isclose(sums, 1.0, rtol=rtol, atol=0)
    if ok.all():
        return
    index = tuple(int(i) for i in np.argwhere(~ok)[0])
    where = f"the slice at {index}" if index else "it"
    problem = f"{shown} returned {describe(out)}: {where} sums to {sums[index]:.6g}"
    if values.ndim > 1 and np.isclose(values.sum(), 1.0, rtol=rtol):
        raise fail(problem + ", and the whole array sums to 1.", GLOBAL_NORMALISATION)
    for other in range(values.ndim):
        if other != ax and np.allclose(values.sum(axis=other), 1.0, rtol=rtol):
            raise fail(problem + f", but it sums to 1 along axis {other}.", WRONG_AXIS)
    raise fail(problem + ".", STABLE_SOFTMAX_NOT_NORMALISED)


def _hidden_baseline_softmax(fn, reference):
    __tracebackhide__ = True
    name = "baseline_softmax"
    rng = np.random.default_rng(4)
    cases = [((6,), -1), ((3, 7), -1), ((3, 7), 0), ((2, 3, 4), 1), ((2, 3, 4), -3), ((4, 1), -1)]
    for dtype in (np.float64, np.float32, np.float16):
        for shape, axis in cases:
            d = (rng.normal(size=shape) * 4).astype(dtype)
            against_reference(
                fn, reference, name, (d,), {"axis": axis}, overflow_mistake=NO_MAX_SHIFT
            )
    # Logits of 1e4 and far beyond, of both signs: rows entirely below the baseline too.
    big = np.array([[1e4, 1e4 - 1, -1e4], [-1e4, -1e4 + 2, -3e4], [-1e4, 0.0, 1e4 - 1]])
    for dtype in (np.float64, np.float32):
        d = big.astype(dtype)
        against_reference(fn, reference, name, (d,), {}, overflow_mistake=NO_MAX_SHIFT)
        against_reference(
            fn, reference, name, (d.T.copy(),), {"axis": 0}, overflow_mistake=NO_MAX_SHIFT
        )
    huge = np.array([[1e300, -1e300], [-1.5e308, -1e308], [1e6, 1e6 + 1]])
    against_reference(fn, reference, name, (huge,), {}, overflow_mistake=NO_MAX_SHIFT)
    half = np.array([[20.0, 10.0], [-20.0, -25.0], [6e4, -6e4], [-6e4, -6e4]], np.float16)
    against_reference(fn, reference, name, (half,), {}, overflow_mistake=NO_MAX_SHIFT)
    # Integers are promoted; -inf, all -inf, NaN and +inf rows in one batch.
    ints = rng.integers(-900, 900, size=(3, 5))
    against_reference(fn, reference, name, (ints,), {"axis": 0}, overflow_mistake=NO_MAX_SHIFT)
    special = np.array(
        [[0.0, -np.inf], [-np.inf, -np.inf], [np.nan, 0.0], [np.inf, 1.0], [2.0, 2.0]]
    )
    for dtype in (np.float64, np.float32, np.float16):
        against_reference(
            fn, reference, name, (special.astype(dtype),), {}, nan_mistake=STABLE_SOFTMAX_HID_NAN
        )
    against_reference(
        fn, reference, name, (special.T.copy(),), {"axis": 0}, nan_mistake=STABLE_SOFTMAX_HID_NAN
    )
    against_reference(
        fn, reference, name, (np.zeros((2, 0, 3)),), {"axis": 1}, mistake=BASELINE_EMPTY_AXIS
    )


@exercise_check("overflow_threshold")
def check_overflow_threshold(overflow_threshold, reference=None):
    """Check a learner's ``overflow_threshold(dtype)``.

    Visible: for float16, float32, float64 and ``np.longdouble``, given as types, as
    ``numpy.dtype`` objects and as strings, the answer is a number of that dtype whose ``exp``
    is finite while ``exp`` of the next number up is inf (both computed in that dtype). Then
    the contract: a NumPy scalar (not a 0-d array), and ``ValueError`` for integer, complex,
    bool and object dtypes. Hidden (``reference`` given): equality with the reference.
    """
    __tracebackhide__ = True
    for dtype, label in _THRESHOLD_DTYPES:
        x = _expect_threshold(overflow_threshold, dtype, label)
        if reference is None:
            continue
        expected = reference(dtype)
        if x != expected:
            raise fail(
                f"overflow_threshold({label}) returned {x!r}, where {expected!r} is correct.",
                WRONG_VALUES,
            )


#: The dtypes probed, as the learner's function receives them and as a message shows them.
_THRESHOLD_DTYPES = [
    (np.float16, "np.float16"),
    (np.float32, "np.float32"),
    (np.float64, "np.float64"),
    (np.dtype(np.float32), "np.dtype('float32')"),
    ("float16", "'float16'"),
    ("float64", "'float64'"),
    (np.longdouble, "np.longdouble"),
]


def _expect_threshold(fn, dtype, label):
    """The learner's threshold for ``dtype``, as a scalar of that dtype, checked exactly."""
    __tracebackhide__ = True
    kind = np.dtype(dtype).type
    name = np.dtype(dtype).name
    shown = f"overflow_threshold({label})"
    result = call(fn, dtype)
    if isinstance(result, (list, tuple)):
        raise fail(f"return one number: {shown} returned {describe(result)}.", RETURNED_LIST)
    out = to_array(result, shown)
    expect_shape(out, (), shown)
    value = out[()]
    maximum = np.finfo(kind).max
    if np.isnan(value):
        raise fail(f"{shown} returned NaN.", OVERFLOW_THRESHOLD_FINFO_MIN)
    if value < 0:
        raise fail(f"{shown} returned {value!r}, a negative number.", OVERFLOW_THRESHOLD_UNDERFLOW)
    if maximum > np.finfo(np.float64).max and not value < maximum / 2:
        # The float64 threshold came right (it is checked first), so the log was taken: a
        # wider dtype's max went through float64 and became inf (and inf stepped down, max).
        raise fail(
            f"{shown} returned {value!r}: {name}'s largest number, converted to float64 "
            "anywhere on the way, is inf, and so is its log.",
            OVERFLOW_THRESHOLD_LEFT_DTYPE,
        )
    if value >= maximum / 2:
        raise fail(f"{shown} returned {value!r}.", OVERFLOW_THRESHOLD_RETURNED_MAX)
    if kind in (np.float16, np.float32) and 700 < value < 720:
        raise fail(f"{shown} returned {value!r}.", OVERFLOW_THRESHOLD_IGNORES_DTYPE)
    with np.errstate(all="ignore"):
        x = kind(value)
        if x != value or np.isnan(x):
            raise fail(
                f"{shown} returned {value!r}, which is not a {name} number: as a {name} it "
                f"becomes {x!r}.",
                OVERFLOW_THRESHOLD_NOT_IN_DTYPE,
            )
        if not np.isfinite(np.exp(x)):
            raise fail(
                f"{shown} returned {x!r}, but np.exp of it is {np.exp(x)!r} in {name}.",
                OVERFLOW_THRESHOLD_EXP_OVERFLOWS,
            )
        # A Python float or np.float64 for another dtype: for float16/32 the value may be
        # right, but it is not a number *of that dtype* (and for longdouble it lost digits).
        type_problem = (
            f"{shown} returned {value!r} of dtype {out.dtype}; return a number of the dtype "
            f"asked for, e.g. `np.dtype(dtype).type(x)`, or compute x in that dtype throughout."
        )
        above = np.nextafter(x, kind(np.inf))
        if np.isfinite(np.exp(above)):
            if out.dtype != np.dtype(kind) and out.dtype.kind == "f":
                raise fail(type_problem, OVERFLOW_THRESHOLD_NOT_IN_DTYPE)
            raise fail(
                f"{shown} returned {x!r}, but the next {name} number, {above!r}, still has a "
                f"finite exp ({np.exp(above)!r}).",
                OVERFLOW_THRESHOLD_NOT_LARGEST,
            )
    if out.dtype != np.dtype(kind):
        raise fail(type_problem, WRONG_DTYPE)
    return x


# ---------------------------------------------------------------------------------------------
# Helpers shared with autograder.log_sum_exp.

#: (rtol, atol) for comparing with the reference, per dtype: float16 results differ by a few
#: of its ulps (about 1e-3) between equally good methods (every float16 reduction is
#: accumulated in float32 and rounded once), float64 ones by about 1e-15.
TOLERANCE = {
    np.dtype(np.float16): (4e-3, 1e-5),
    np.dtype(np.float32): (1e-5, 1e-35),
    np.dtype(np.float64): (1e-9, 1e-300),
}
_TYPE_ERRORS = ("raised TypeError", "raised AttributeError")


#: What to change, for the shared mistakes that carry no ``fix`` of their own.
def shown_call(name, *args, **kwargs):
    """``name(args, key=value)`` as a learner reads it in a message."""
    parts = [describe(np.asarray(a)) if isinstance(a, list) else describe(a) for a in args]
    parts += [f"{key}={describe(value)}" for key, value in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def run_learner(fn, name, *args, **kwargs):
    """Call the learner's function; return its output as an array, and how the call reads.

    Names the likely mistake of an error: a broadcast failure is a reduction that lost its
    axis (keepdims), a type error on a Python list means the input was not converted with
    ``np.asarray``. A list or tuple returned instead of an array is refused.
    """
    __tracebackhide__ = True
    shown = shown_call(name, *args, **kwargs)
    args = tuple(a.copy() if isinstance(a, np.ndarray) else a for a in args)
    try:
        result = call(fn, *args, **kwargs)
    except CheckFailed as failure:
        if failure.tag == RAISED_ERROR.tag:
            text = failure.problem
            if "could not be broadcast" in text:
                raise fail(text, MISSING_KEEPDIMS) from None
            if any(isinstance(a, list) for a in args) and any(e in text for e in _TYPE_ERRORS):
                raise fail(f"{text} The input was a list.", NOT_ARRAY_LIKE) from None
            if "AxisError" in text or "out of bounds for array" in text:
                raise fail(text, WRONG_AXIS) from None
        raise
    return to_array(result, shown), shown


def visible_contract(fn, name):
    """Run the contract's visible probes before the hidden comparisons with the reference.

    ``exercise_check`` runs the contract after the exercise's own checks, hidden ones included;
    running its visible probes first here means a wrong answer is named by the same mistake
    in the hidden tests as in the visible check (an all -inf row, not a random input that
    happens to hold one).
    """
    __tracebackhide__ = True
    check_contract(fn, CONTRACTS[name])


def expect_accepted(fn, name, z, mistake, **kwargs):
    """Fail with ``mistake`` if ``fn`` raises on the valid input ``z`` (an empty axis, say).

    Only that the call returns is checked here: its value is a contract edge.
    """
    __tracebackhide__ = True
    try:
        run_learner(fn, name, z, **kwargs)
    except CheckFailed as failure:
        if failure.tag != RAISED_ERROR.tag:
            raise
        raise fail(failure.problem, mistake) from None


def expect_finite(out, shown, mistake):
    """Fail with ``mistake`` if ``out`` holds NaN or inf."""
    __tracebackhide__ = True
    bad = ~np.isfinite(out)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        raise fail(f"{shown} holds {out[index]} at index {index}.", mistake)


def _expect_normalised(out, z, axis, shown):
    """Fail unless every slice of ``out`` along ``axis`` sums to 1, naming the likely mistake."""
    __tracebackhide__ = True
    with np.errstate(all="ignore"):
        values = out.astype(np.float64)
        sums = values.sum(axis=axis)
        ok = np.isclose(sums, 1.0, rtol=1e-5, atol=0)
    if ok.all():
        return
    if values.ndim > 1:
        _diagnose_axis(out, np.asarray(z, dtype=np.float64), axis, shown)
    index = tuple(int(i) for i in np.argwhere(~ok)[0])
    where = f"the slice at {index}" if index else "it"
    problem = f"{shown} returned {describe(out)}: {where} sums to {sums[index]:.6g}"
    if np.isclose(values.sum(), 1.0, rtol=1e-5) and values.ndim > 1:
        raise fail(problem + ", and the whole array sums to 1.", GLOBAL_NORMALISATION)
    for other in range(values.ndim):
        if other != axis % values.ndim and np.allclose(values.sum(axis=other), 1.0, rtol=1e-5):
            raise fail(problem + f", but it sums to 1 along axis {other}.", WRONG_AXIS)
    with np.errstate(all="ignore"):
        m = np.max(np.asarray(z, dtype=np.float64), axis=axis)
        if np.isclose(sums[index], np.exp(-m[index]), rtol=1e-5) and m[index] != 0:
            raise fail(
                problem + f", which is exp(-max) = exp({-m[index]:.6g}).",
                STABLE_SOFTMAX_UNSHIFTED_DENOMINATOR,
            )
    # Off by a little, not by a factor: the sum of exp(z - lse(z)) is 1 only to the rounding
    # of lse, an ulp of the logits' size (3e-5 relative at 1000 in float32).
    if abs(sums[index] - 1) < 1e-3 and np.max(np.abs(np.asarray(z, dtype=np.float64))) >= 100:
        raise fail(problem + ", off by a rounding error of the logits' size.", SOFTMAX_VIA_LSE)
    raise fail(problem + ".", STABLE_SOFTMAX_NOT_NORMALISED)


def against_reference(
    fn,
    reference,
    name,
    args,
    kwargs,
    *,
    rtol=None,
    atol=None,
    nan_mistake=None,
    neg_inf_mistake=None,
    overflow_mistake=None,
    mistake=WRONG_VALUES,
):
    """Hidden-test comparison with the reference: shape, dtype, NaN pattern, then values.

    Tolerances default to :data:`TOLERANCE` of the result's dtype; ``nan_mistake`` names a
    result that has a number where the reference has NaN, ``neg_inf_mistake`` one that
    differs where the input slice is all -inf, ``overflow_mistake`` one that is NaN or
    infinite where the reference is finite, and ``mistake`` any other difference.
    """
    __tracebackhide__ = True
    expected = np.asarray(reference(*args, **kwargs))
    out, shown = run_learner(fn, name, *args, **kwargs)
    expect_shape(out, expected.shape, shown, WRONG_SHAPE)
    expect_dtype(out, expected.dtype, shown)
    default_rtol, default_atol = TOLERANCE.get(expected.dtype, (1e-9, 0.0))
    rtol = default_rtol if rtol is None else rtol
    atol = default_atol if atol is None else atol
    if neg_inf_mistake is not None:
        z = np.asarray(args[0])
        axis = kwargs.get("axis", -1)
        # The slices of only -inf, as a mask shaped like the result (reduced or not).
        keep = np.all(z == -np.inf, axis=axis, keepdims=True)
        masks = [keep & np.ones(z.shape, bool), keep, np.all(z == -np.inf, axis=axis)]
        all_neg_inf = next((mask for mask in masks if mask.shape == out.shape), None)
        if all_neg_inf is not None:
            with np.errstate(invalid="ignore"):
                differs = all_neg_inf & ~np.isclose(out, expected, equal_nan=True)
            if differs.any():
                index = tuple(int(i) for i in np.argwhere(differs)[0])
                raise fail(
                    f"{shown} holds {out[index]} at index {index}, in a slice of only -inf "
                    f"logits, where {expected[index]} is correct.",
                    neg_inf_mistake,
                )
    if nan_mistake is not None:
        hidden = np.isnan(expected) & ~np.isnan(out)
        if hidden.any():
            index = tuple(int(i) for i in np.argwhere(hidden)[0])
            raise fail(
                f"{shown} holds {out[index]} at index {index}, where the input has NaN in the "
                "same slice: the result there should be NaN.",
                nan_mistake,
            )
    if overflow_mistake is not None:
        with np.errstate(invalid="ignore"):
            blown = np.isfinite(expected) & ~np.isfinite(out)
        if blown.any():
            index = tuple(int(i) for i in np.argwhere(blown)[0])
            raise fail(
                f"{shown} holds {out[index]} at index {index}, where {expected[index]!r} is "
                "correct.",
                overflow_mistake,
            )
    expect_close(out, expected, shown, mistake, rtol=rtol, atol=atol, reveal=True)
    return out


# --- The contracts the exercise texts state (probed by autograder.contract) -------------------

_INF, _NAN = np.inf, np.nan

#: COURSE.md settles it: every float16 reduction accumulates in float32, so a float16 row of
#: 65,520 zeros (whose float16 sum of exponentials, 65,520, rounds to inf) still gets
#: 1/65520 everywhere. 1/65520 is a float16 subnormal, exact to about 2e-3.
_FLOAT16_ZEROS = Edge(
    "65,520 float16 zeros",
    (np.zeros(65_520, np.float16),),
    expected=np.full(65_520, 1 / 65_520),
    dtype=np.float16,
    rtol=4e-3,
    atol=0.0,
    mistake=FLOAT16_SUM,
)

Contract(
    "stable_softmax",
    wrap_sample=wrapping((3, 3)),
    float16_sample=GENERAL_LOGITS,
    sample=np.array([[1.0, 2.0, 0.0], [0.0, _LN2, _LN3], [-1.0, -1.0, 0.5]]),
    axis=True,
    batch=True,
    errors=(
        Invalid("complex", (np.array([1 + 2j, 0.5]),)),
        Invalid("strings", (np.array(["1.0", "2.0"]),)),
        Invalid("0-d z", (np.array(1.0),)),
        Invalid("axis out of range", (np.zeros((2, 3)),), {"axis": 2}),
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
        Edge(
            "-inf",
            (np.array([0.0, -_INF, _LN3]),),
            expected=[0.25, 0.0, 0.75],
            mistake=STABLE_SOFTMAX_NEG_INF,
        ),
        Edge(
            "an all -inf row",
            (np.array([[-_INF, -_INF], [0.0, -_INF]]),),
            expected=[[0.0, 0.0], [1.0, 0.0]],
            mistake=STABLE_SOFTMAX_NEG_INF,
        ),
        Edge(
            "NaN",
            (np.array([[1.0, _NAN, 0.0], [0.0, 0.0, _LN2]]),),
            expected=[[_NAN] * 3, [0.25, 0.25, 0.5]],
            mistake=STABLE_SOFTMAX_HID_NAN,
        ),
        Edge("+inf", (np.array([[_INF, 0.0], [0.0, 0.0]]),), expected=[[_NAN] * 2, [0.5] * 2]),
        # exp(z - lse(z)) loses ~1e-10 here (an ulp of 1e6); exp(z - m) / sum does not.
        Edge(
            "float64 [1e6, 1e6 + 1] to 1e-13",
            (np.array([1e6, 1e6 + 1.0]),),
            expected=[1 / (1 + _E), _E / (1 + _E)],
            dtype=np.float64,
            rtol=1e-13,
            atol=0.0,
            mistake=SOFTMAX_VIA_LSE,
        ),
        # Computed in float32 without the shift, exp(-101) and exp(-102) are subnormal.
        Edge(
            "float32 [-101, -102]",
            (np.array([-101.0, -102.0], np.float32),),
            expected=[1 / (1 + math.exp(-1.0)), 1 / (1 + math.exp(1.0))],
            dtype=np.float32,
            mistake=NO_MAX_SHIFT,
        ),
        Edge(
            "float16 ±1e4",
            (np.array([1e4, 0.0, -1e4], np.float16),),
            expected=[1.0, 0.0, 0.0],
            dtype=np.float16,
            mistake=NO_MAX_SHIFT,
        ),
        _FLOAT16_ZEROS,
        Edge(
            "an empty axis",
            (np.zeros((3, 0)),),
            expected=np.zeros((3, 0)),
            mistake=EMPTY_AXIS_REFUSED,
            refused=EMPTY_AXIS_REFUSED,
        ),
        Edge("an empty batch", (np.zeros((0, 3)),), expected=np.zeros((0, 3))),
    ),
    long_row=np.zeros((1, 70_000)),
    values="hand-worked values, ±1000 and ±1e4, rows far apart",
)

Contract(
    "baseline_softmax",
    wrap_sample=wrapping((3, 2)),
    float16_sample=GENERAL_LOGITS,
    # Rows of K - 1 = 2 logits: weights 2.7 : 7.4 : 1, 2 : 3 : 1, and 0.37 : 1.6 : 1.
    sample=np.array([[1.0, 2.0], [_LN2, _LN3], [-1.0, 0.5]]),
    axis=True,
    batch=True,
    errors=(
        Invalid("complex", (np.array([1 + 2j, 0.5]),)),
        Invalid("strings", (np.array(["1.0", "2.0"]),)),
        Invalid("objects", (np.array([{}, None], dtype=object),)),
        Invalid("0-d d", (np.array(1.0),)),
        Invalid("axis out of range", (np.zeros((2, 3)),), {"axis": 2}),
        Invalid("axis -3 of a 2-D d", (np.zeros((2, 3)),), {"axis": -3}),
        Invalid(
            "a non-integer axis",
            (np.zeros((2, 3)),),
            {"axis": 1.0},
            exception=(ValueError, TypeError),
        ),
    ),
    edges=(
        Edge(
            "float64 [ln 2, ln 3] to 1e-13",  # weights 2 : 3 : 1
            (np.array([np.log(2.0), np.log(3.0)]),),
            expected=[1 / 3, 1 / 2, 1 / 6],
            dtype=np.float64,
            rtol=1e-13,
            atol=0.0,
        ),
        # The baseline's share e^-40 / (1 + e^-40) = 4.25e-18: 1 - (the others' sum) gives 0.
        Edge(
            "float64 [40], the baseline's 4.25e-18",
            (np.array([40.0]),),
            expected=[1 / (1 + math.exp(-40.0)), math.exp(-40.0) / (1 + math.exp(-40.0))],
            dtype=np.float64,
            rtol=1e-13,
            atol=0.0,
            mistake=BASELINE_ONE_MINUS_SUM,
        ),
        Edge(
            "float64 [1e6, 1e6 + 1] to 1e-13",
            (np.array([1e6, 1e6 + 1.0]),),
            expected=[1 / (1 + _E), _E / (1 + _E), 0.0],
            dtype=np.float64,
            rtol=1e-13,
            atol=0.0,
            mistake=SOFTMAX_VIA_LSE,
        ),
        # Weights 1 : 0 : 3 : 1 (the baseline's e^0 last).
        Edge(
            "-inf",
            (np.array([0.0, -_INF, _LN3]),),
            expected=[0.2, 0.0, 0.6, 0.2],
            mistake=BASELINE_NEG_INF,
        ),
        Edge(
            "an all -inf row",
            (np.array([[-_INF, -_INF], [0.0, -_INF]]),),
            expected=[[0.0, 0.0, 1.0], [0.5, 0.0, 0.5]],
            mistake=BASELINE_NEG_INF,
        ),
        Edge(
            "NaN",
            (np.array([[1.0, _NAN], [_LN2, _LN3]]),),
            expected=[[_NAN] * 3, [2 / 6, 3 / 6, 1 / 6]],
            mistake=STABLE_SOFTMAX_HID_NAN,
        ),
        Edge(
            "+inf",
            (np.array([[_INF, 0.0], [0.0, 0.0]]),),
            expected=[[_NAN] * 3, [1 / 3] * 3],
        ),
        Edge(
            "float16 ±1e4",
            (np.array([1e4, -1e4], np.float16),),
            expected=[1.0, 0.0, 0.0],
            dtype=np.float16,
            mistake=NO_MAX_SHIFT,
        ),
        # With the baseline, 65,520 equal logits: the float16 sum of their exponentials is inf.
        Edge(
            "65,519 float16 zeros",
            (np.zeros(65_519, np.float16),),
            expected=np.full(65_520, 1 / 65_520),
            dtype=np.float16,
            rtol=4e-3,
            atol=0.0,
            mistake=FLOAT16_SUM,
        ),
        Edge(
            "an empty axis",
            (np.zeros((3, 0)),),
            expected=np.ones((3, 1)),
            mistake=BASELINE_EMPTY_AXIS,
            refused=BASELINE_EMPTY_AXIS,
        ),
        Edge("an empty batch", (np.zeros((0, 2)),), expected=np.zeros((0, 3))),
    ),
    long_row=np.zeros((1, 70_000)),
    values="hand-worked values, the sigmoid for K = 2, ±1000 and ±1e4, rows far apart",
)

Contract(
    "overflow_threshold",
    sample=np.zeros((1, 1)),  # unused: the function takes a dtype, not an array
    call=lambda z: ((np.float32,), {}),
    returns="scalar",
    dtype=None,
    lists=False,
    errors=tuple(
        Invalid(f"{np.dtype(kind)}", (kind,))
        for kind in (np.int64, np.complex128, np.bool_, np.uint16, object)
    ),
    values="exact thresholds (float16/32/64, longdouble; types, dtypes, names)",
)
