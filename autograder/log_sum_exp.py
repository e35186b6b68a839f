"""Checks of notebook ``04_log_sum_exp``: ``logsumexp``, ``log_softmax`` and ``smooth_max``.

The visible checks use values whose log-sum-exp is known by hand: ``[c, c + ln 2, c + ln 3]``
gives ``c + ln 6`` for any ``c`` (equivariance), ``[c, c]`` gives ``c + ln 2``. Choosing ``c``
far from 0 (``±1000``) exposes a missing max shift, and choosing it non-zero separates the
classic slips (the max not added back, a mean instead of a sum, tied maxima dropped), since
each gives a different, recognisable number. Accuracy is checked by hand too:
``lse([0, -40]) = log1p(e^-40)``, 4.25e-18 to full precision, which only the log1p form gets
(and ``log_softmax`` of float32 ``[1e8, 1e8]``, ``[-ln 2, -ln 2]``, which only the shift-first
form gets, once the reference gets it too). The rules every exercise shares (lists, batches,
``axis``, dtypes, ``ValueError``, the named edges) are declared once, in each exercise's
:class:`Contract` at the end. The hidden tests add random shapes, axes and dtypes, huge and
far-offset values, against the reference, to a few ulps.
"""

from __future__ import annotations

import math

import numpy as np

from autograder.contract import GENERAL_LOGITS, Contract, Edge, Invalid, wrapping
from autograder.feedback import Mistake, fail
from autograder.harness import describe, exercise_check, expect_close, expect_shape
from autograder.mistakes import (
    GLOBAL_MAX_SHIFT,
    GLOBAL_NORMALISATION,
    WRONG_AXIS,
    WRONG_SHAPE,
)
from autograder.shift_invariance import (
    EMPTY_AXIS_REFUSED,
    FLOAT16_SUM,
    against_reference,
    expect_accepted,
    run_learner,
    visible_contract,
)

__all__ = ["check_log_softmax", "check_logsumexp", "check_smooth_max"]

LSE_NO_MAX_SHIFT = Mistake(
    "lse-no-max-shift",
    "exp overflows for large values (exp(1000) = inf) and underflows for very negative ones "
    "(exp(-1000) = 0, and log 0 = -inf). Factor out the maximum m along `axis`: "
    "log sum exp(z) = m + log sum exp(z - m), where every exponent is <= 0 and one term is 1.",
    fix="factor out the max along `axis`",
)
LSE_FORGOT_MAX = Mistake(
    "lse-forgot-to-add-max",
    "You computed log sum exp(z - m) but did not add m back. Log-sum-exp is not shift "
    "invariant but equivariant: lse(z) = m + lse(z - m).",
    fix="add the max m back",
)
LSE_MEAN_NOT_SUM = Mistake(
    "lse-mean-instead-of-sum",
    "Your result is log K too small: you averaged the exponentials (np.mean) instead of "
    "summing them (np.sum).",
    fix="sum the exponentials, don't average",
)
LSE_TIED_MAXIMA = Mistake(
    "lse-dropped-tied-maxima",
    "With several equal maxima you left all of them out of the sum. In m + log1p(sum of the "
    "other terms) only *one* maximum is the 1 of log1p; the others each add exp(0) = 1 to the "
    "sum (lse([c, c]) = c + log 2).",
    fix="leave only one maximum out of the sum",
)
LSE_KEEPDIMS = Mistake(
    "lse-keepdims-ignored",
    "Honour `keepdims`: with keepdims=False the reduced axis disappears (shape (2,) for a "
    "(2, 3) input), with keepdims=True it stays with length 1 (shape (2, 1)). A common slip is "
    "adding back an m computed with keepdims=True and never squeezing it.",
    fix="honour `keepdims`",
)
LSE_WHOLE_ARRAY = Mistake(
    "lse-reduced-whole-array",
    "You reduced over the whole array (np.max(z), np.sum(...) without `axis`): reduce along "
    "`axis` only, which gives one value per slice.",
    fix="reduce along `axis` only",
)
LSE_ALL_NEG_INF = Mistake(
    "lse-all-neg-inf-nan",
    "A slice of only -inf must give -inf (log of a sum of zeros), not NaN. Its max m is -inf "
    "and z - m is -inf - (-inf) = NaN: shift by 0 where m is not finite, e.g. "
    "np.where(np.isfinite(m), m, 0).",
    fix="give an all -inf slice -inf",
)
LSE_POS_INF = Mistake(
    "lse-pos-inf-nan",
    "A +inf entry must give +inf. Its max m is +inf and z - m is inf - inf = NaN: shift by 0 "
    "where m is not finite (np.where(np.isfinite(m), m, 0)), then m + log(...) is +inf.",
    fix="give a slice holding +inf +inf",
)
LSE_HID_NAN = Mistake(
    "lse-hid-nan",
    "A NaN entry must give NaN (never a silent wrong answer). Do not use np.nanmax, "
    "np.nansum or np.nan_to_num: plain np.max and np.sum let NaN through.",
    fix="let NaN through (no nanmax/nansum)",
)
LSE_EMPTY_AXIS = Mistake(
    "lse-empty-axis",
    "An empty axis must give -inf: the sum of no exponentials is 0 and log 0 = -inf. np.max "
    "refuses an empty axis, so treat that case first and return np.full(shape, -np.inf).",
    fix="give -inf for an empty axis",
)
LSE_LOST_SMALL_TERMS = Mistake(
    "lse-lost-small-terms",
    "Small terms are lost next to the 1 that the maximum contributes: m + log(1 + 4e-18) "
    "rounds to m. Leave one maximum out of the sum and use log1p: "
    "lse = m + np.log1p(sum of exp(z_j - m) over the other entries).",
    fix="use log1p, leaving one maximum out",
)
LSE_LOG1P_KEPT_MAX = Mistake(
    "lse-log1p-kept-max",
    "log1p(x) is log(1 + x), and that 1 *is* the maximum's own term exp(m - m). Leave one "
    "maximum out of the sum (set its exponential to 0) before calling log1p; otherwise it is "
    "counted twice: lse = m + log1p(sum of exp(z_j - m) over the other entries).",
    fix="leave one maximum out of the log1p sum",
)
LOG_SOFTMAX_LOG_OF_SOFTMAX = Mistake(
    "log-softmax-log-of-softmax",
    "You took the log of the softmax: a probability that underflows to 0 gives log 0 = -inf "
    "(log_softmax([0, -1000]) must be [0, -1000]). Compute (z - m) - logsumexp(z - m) along "
    "`axis` (m the max, keepdims=True), which never forms the tiny probability.",
    fix="don't take the log of the softmax",
)
LOG_SOFTMAX_CLIPPED = Mistake(
    "log-softmax-clipped-probability",
    "You took the log of a softmax whose tiny probabilities were clipped or padded "
    "(np.maximum(p, eps), p + eps, np.clip): log_softmax([0, -1000]) must be exactly "
    "[0, -1000], not log(eps). Compute (z - m) - logsumexp(z - m) along `axis`, which never "
    "forms the tiny probability.",
    fix="don't clip: use (z - m) - lse(z - m)",
)
LOG_SOFTMAX_UNSHIFTED = Mistake(
    "log-softmax-lost-digits",
    "z - logsumexp(z) subtracts two numbers of the size of the logits, and loses every digit "
    "below their rounding error: in float32, logsumexp([1e8, 1e8]) = 1e8 + ln 2 rounds to 1e8, "
    "giving [0, 0]. Shift first: with m the max along `axis` (keepdims=True), return "
    "(z - m) - logsumexp(z - m), whose terms are small.",
    fix="compute (z - m) - logsumexp(z - m)",
)
LOG_SOFTMAX_ALL_NEG_INF = Mistake(
    "log-softmax-all-neg-inf-nan",
    "A slice of only -inf logits has probability 0 everywhere, so its log-softmax is -inf "
    "everywhere, not NaN (-inf - (-inf)). Where the log-sum-exp is -inf, return -inf, e.g. "
    "np.where(lse == -np.inf, -np.inf, out).",
    fix="give an all -inf slice -inf",
)
LOG_SOFTMAX_SIGN_FLIPPED = Mistake(
    "log-softmax-sign-flipped",
    "Log-probabilities are <= 0, yours are >= 0: it is z - logsumexp(z), not logsumexp(z) - z.",
    fix="flip the sign: z - lse, not lse - z",
)
LOG_SOFTMAX_ONLY_MAX = Mistake(
    "log-softmax-subtracted-max-only",
    "You subtracted the maximum but not the log-sum-exp: z - m is only the first step. "
    "log_softmax(z) = (z - m) - logsumexp(z - m), so that exp of it sums to 1.",
    fix="also subtract logsumexp(z - m)",
)
LOG_SOFTMAX_RETURNED_PROBABILITIES = Mistake(
    "log-softmax-returned-probabilities",
    "You returned the probabilities (the softmax); log_softmax returns their logarithms, "
    "(z - m) - logsumexp(z - m), which are <= 0.",
    fix="return log-probabilities, not probabilities",
)
LOG_SOFTMAX_NOT_NORMALISED = Mistake(
    "log-softmax-not-normalised",
    "exp(log_softmax(z)) must sum to 1 along `axis`: subtract the log-sum-exp along `axis` "
    "(keepdims=True), (z - m) - logsumexp(z - m).",
    fix="subtract the log-sum-exp along `axis`",
)
LOG_SOFTMAX_POS_INF = Mistake(
    "log-softmax-pos-inf",
    "A +inf logit does not make a certain class: in a slice holding +inf the log-sum-exp is "
    "+inf, and z - lse is inf - inf = NaN at the +inf entries and -inf at the others (as "
    "scipy.special.log_softmax gives). Keep those values: do not replace NaN by 0 or -inf "
    "afterwards; (z - m) - logsumexp(z - m), shifted by a finite m only, gives them.",
    fix="give +inf entries NaN and the others -inf",
)
SMOOTH_MAX_UPPER_BOUND = Mistake(
    "smooth-max-used-upper-bound",
    "max + t log K is only the upper bound of the smooth max (reached when all K values are "
    "equal). Compute t * logsumexp(z / t).",
    fix="compute t * logsumexp(z / t)",
)
SMOOTH_MAX_MISSING_T_FACTOR = Mistake(
    "smooth-max-missing-t-factor",
    "You returned logsumexp(z / t): multiply it by t. Without the factor the result does not "
    "tend to max(z) as t -> 0 (it blows up instead).",
    fix="multiply logsumexp(z / t) by t",
)
SMOOTH_MAX_NOT_DIVIDED = Mistake(
    "smooth-max-forgot-divide-by-t",
    "You returned t * logsumexp(z): the values must be divided by the temperature inside, "
    "t * logsumexp(z / t).",
    fix="divide z by t inside the logsumexp",
)
SMOOTH_MAX_IGNORED_T = Mistake(
    "smooth-max-ignored-t",
    "Your result is logsumexp(z), as if t were 1: the temperature must scale the values "
    "inside and the result outside, t * logsumexp(z / t).",
    fix="use t: t * logsumexp(z / t)",
)
SMOOTH_MAX_MULTIPLIED = Mistake(
    "smooth-max-multiplied-by-t",
    "You multiplied the values by t inside the log-sum-exp; they must be *divided* by it: "
    "t * logsumexp(z / t).",
    fix="divide by t inside, don't multiply",
)
SMOOTH_MAX_HARD_MAX = Mistake(
    "smooth-max-returned-hard-max",
    "You returned the hard maximum; the smooth max is t * logsumexp(z / t), which lies "
    "strictly above max(z) when there are several values, and tends to it only as t -> 0.",
    fix="return t * logsumexp(z / t), not max",
)
SMOOTH_MAX_SMOOTH_MIN = Mistake(
    "smooth-max-computed-smooth-min",
    "Your result lies below the minimum: -t * logsumexp(-z / t) is the smooth *minimum*. The "
    "smooth max is t * logsumexp(z / t), without the minus signs.",
    fix="drop the minus signs",
)
SMOOTH_MAX_SCALED_SHIFT = Mistake(
    "smooth-max-scaled-the-shift",
    "You added t * m back; the maximum m was subtracted from z *before* dividing by t, so add "
    "back m itself: smooth_max = m + t * logsumexp((z - m) / t).",
    fix="add back m, not t * m",
)
SMOOTH_MAX_OUT_OF_BOUNDS = Mistake(
    "smooth-max-out-of-bounds",
    "The smooth max must lie between max(z) and max(z) + t log K (K values along `axis`). "
    "Compute t * logsumexp(z / t) along `axis`.",
    fix="compute t * logsumexp(z / t) along `axis`",
)

SMOOTH_MAX_T_IN_FLOAT32 = Mistake(
    "smooth-max-t-rounded-to-float32",
    "t is a float64 number, and float32 arithmetic rounds it to float32: t = 1e-50 becomes 0, "
    "so (z - m) / t is 0 / 0 = NaN at a maximum (and 1 / t is inf), and t = 1e300 becomes "
    "inf, so t * logsumexp(...) is inf * 0 = NaN for a single value. Compute (z - m) / t and "
    "t * logsumexp(...) in float64 (z.astype(np.float64)) and round the result to z's dtype "
    "once, at the end.",
    fix="divide in float64: t may not fit float32",
)
SMOOTH_MAX_REFUSED_0D_T = Mistake(
    "smooth-max-refused-0d-t",
    "A 0-d array such as np.array(0.5) holds one number, so it is a valid t: test "
    "`np.ndim(t) == 0` rather than isinstance(t, float), and refuse only arrays with a "
    "dimension, such as np.array([0.5]).",
    fix="accept a 0-d array t such as np.array(0.5)",
)

_LN2, _LN3, _LN6 = math.log(2.0), math.log(3.0), math.log(6.0)
_E = math.e
#: [c, c + ln 2, c + ln 3] has log-sum-exp c + ln 6 and log-softmax [ln 1, ln 2, ln 3] - ln 6.
_OFFSETS = np.array([0.0, _LN2, _LN3])
_LOG_P = _OFFSETS - _LN6
#: [1, 2, 0] (and [1000, 1001, 999]): log-softmax log([e, e², 1] / (1 + e + e²)).
_LOG_P120 = np.array([1.0, 2.0, 0.0]) - math.log(1.0 + _E + _E * _E)


def _reduced(shape, axis, keepdims):
    shape = list(shape)
    if keepdims:
        shape[axis] = 1
    else:
        del shape[axis]
    return tuple(shape)


def _expect_reduced_shape(out, z, axis, keepdims, shown):
    """Fail unless ``out`` has the shape of a reduction of ``z`` along ``axis``; say why."""
    __tracebackhide__ = True
    z = np.asarray(z)
    expected = _reduced(z.shape, axis, keepdims)
    if out.shape == expected:
        return
    problem = f"{shown} has shape {out.shape}, but the result should have shape {expected}."
    if out.shape == _reduced(z.shape, axis, not keepdims):
        raise fail(problem, LSE_KEEPDIMS)
    if z.ndim > 1 and out.shape in ((), (1,) * z.ndim):
        raise fail(problem, LSE_WHOLE_ARRAY)
    others = [_reduced(z.shape, a, keepdims) for a in range(z.ndim) if a != axis % z.ndim]
    if out.shape in others:
        raise fail(problem, WRONG_AXIS)
    raise fail(problem, WRONG_SHAPE)


def _diagnose_lse(value, z, expected, shown):
    """Fail with the likely mistake if a log-sum-exp of the 1-D ``z`` is not ``expected``."""
    __tracebackhide__ = True
    v = float(value)
    m, k = float(np.max(z)), len(z)
    problem = f"{shown} returned {v:.6g}."
    if not math.isfinite(v):
        raise fail(problem, LSE_NO_MAX_SHIFT)
    close = lambda a, b: math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)  # noqa: E731
    if close(v, expected):
        return
    if m != 0 and close(v, expected - m):
        raise fail(problem, LSE_FORGOT_MAX)
    if np.sum(z == m) > 1 and close(v, m):  # tied maxima first: a mean gives m here too
        raise fail(problem, LSE_TIED_MAXIMA)
    if close(v, expected - math.log(k)):
        raise fail(problem, LSE_MEAN_NOT_SUM)
    if math.isfinite(m) and close(v, m + math.log1p(math.exp(expected - m))):
        raise fail(problem, LSE_LOG1P_KEPT_MAX)  # m + log1p(sum of *all* exp(z - m))
    expect_close(np.asarray(v), expected, shown, rtol=1e-6, atol=1e-9)


@exercise_check("logsumexp")
def check_logsumexp(logsumexp, reference=None):
    """Check a learner's ``logsumexp(z, axis=-1, keepdims=False)``.

    Visible: ``[1, 1 + ln 2, 1 + ln 3]`` -> 1 + ln 6; ``[±1000, ±1000]`` -> ±1000 + ln 2; a
    batch of rows at levels 1 and -1000 along the default axis, ``axis=0`` and with
    ``keepdims=True``; an empty axis accepted. Then the contract: lists, batches, ``axis``,
    dtypes, ``ValueError`` (an axis out of range on either side included), and the edges
    (all -inf -> -inf, +inf -> +inf, NaN -> NaN, an empty axis -> -inf, in float32 too and
    with ``keepdims``, ``[0, -40]`` -> 4.25e-18 to full precision, a float16 row of 65,520
    zeros, a length-1 batch axis). Hidden (``reference`` given): accuracy of tiny terms in
    float64 and float32, random shapes, axes, keepdims and dtypes, huge values, mixed special
    rows, empty axes other than the last, all compared with the reference.
    """
    __tracebackhide__ = True
    name = "logsumexp"
    for z, expected in [
        (1.0 + _OFFSETS, 1.0 + _LN6),
        (np.array([1000.0, 1000.0]), 1000.0 + _LN2),
        (np.array([-1000.0, -1000.0]), -1000.0 + _LN2),
    ]:
        out, shown = run_learner(logsumexp, name, z)
        _expect_reduced_shape(out, z, -1, False, shown)
        _diagnose_lse(out, np.asarray(z), expected, shown)

    z = np.stack([1.0 + _OFFSETS, -1000.0 + _OFFSETS])
    expected = np.array([1.0 + _LN6, -1000.0 + _LN6])
    for args, kwargs, exp in [
        ((z,), {}, expected),
        ((z.T.copy(),), {"axis": 0}, expected),
        ((z,), {"keepdims": True}, expected[:, None]),
        ((z.T.copy(),), {"axis": 0, "keepdims": True}, expected[None, :]),
    ]:
        out, shown = run_learner(logsumexp, name, *args, **kwargs)
        _expect_reduced_shape(out, args[0], kwargs.get("axis", -1), "keepdims" in kwargs, shown)
        if not np.all(np.isfinite(out)) and np.all(np.isfinite(out.ravel()[:1])):
            raise fail(f"{shown} returned {describe(out)}.", GLOBAL_MAX_SHIFT)
        expect_close(out, exp, shown, rtol=1e-9, atol=1e-12)
    if reference is not None:
        visible_contract(logsumexp, "logsumexp")
        _hidden_logsumexp(logsumexp, reference)


def _hidden_logsumexp(fn, reference):
    __tracebackhide__ = True
    name = "logsumexp"
    # Accuracy: terms far below the 1 of the maximum, which only the log1p form keeps.
    for z in (
        np.array([0.0, -40.0]),
        np.array([[-45.0, 0.0, -38.0], [0.0, -60.0, -700.0]]),
        np.array([0.0, -20.0], dtype=np.float32),
    ):
        expected = np.asarray(reference(z))
        out, shown = run_learner(fn, name, z)
        expect_shape(out, expected.shape, shown)
        eps = np.finfo(z.dtype).eps
        with np.errstate(all="ignore"):
            bad = ~np.isclose(out.astype(np.float64), expected, rtol=16 * eps, atol=0.0)
        if bad.any():
            index = tuple(int(i) for i in np.argwhere(bad)[0])
            raise fail(
                f"{shown} holds {out[index]!r} at index {index}, where {expected[index]!r} is "
                "correct.",
                LSE_LOST_SMALL_TERMS,
            )
    rng = np.random.default_rng(4)
    cases = [
        ((6,), -1),
        ((3, 7), -1),
        ((3, 7), 0),
        ((2, 3, 4), 1),
        ((2, 3, 4), -3),
        ((2, 3, 4), 0),  # axis 0 of a 3-D array: z.T is not the way
        ((2, 1, 3), -1),  # a length-1 axis that is not reduced: np.squeeze(m) drops it
        ((4, 1), -1),
    ]
    for dtype, rtol, scale_atol in [
        (np.float64, 1e-12, 1e-14),
        (np.float32, 1e-5, 1e-6),
        (np.float16, 5e-3, 5e-3),
    ]:
        for i, (shape, axis) in enumerate(cases):
            z = (rng.normal(size=shape) * 4).astype(dtype)
            atol = scale_atol * (1.0 + float(np.max(np.abs(z))))
            kwargs = {"axis": axis, "keepdims": bool(i % 2)}
            against_reference(
                fn,
                reference,
                name,
                (z,),
                kwargs,
                rtol=rtol,
                atol=atol,
                overflow_mistake=LSE_NO_MAX_SHIFT,
            )
    huge = np.array([[1e300, 1e300, -1e300], [1.5e308, 1.7e308, -1.7e308], [1e4, 1e4 - 1, 3e4]])
    against_reference(
        fn, reference, name, (huge,), {}, rtol=1e-12, atol=0.0, overflow_mistake=LSE_NO_MAX_SHIFT
    )
    for dtype in (np.float32, np.float16):
        big = np.array([[1e4, -1e4, 2e4], [-2e4, -2e4, -3e4]], dtype=dtype)
        against_reference(
            fn, reference, name, (big,), {}, rtol=1e-6, atol=0.0, overflow_mistake=LSE_NO_MAX_SHIFT
        )
    ints = rng.integers(-900, 900, size=(3, 5))
    against_reference(fn, reference, name, (ints,), {"axis": 0}, rtol=1e-12, atol=1e-12)
    special = np.array(
        [
            [0.0, -np.inf, 1.0],
            [-np.inf, -np.inf, -np.inf],
            [np.nan, 0.0, 1.0],
            [np.inf, 0.0, 1.0],
            [np.inf, -np.inf, np.inf],
            [2.0, 2.0, 2.0],
            [-np.inf, np.nan, np.inf],
        ]
    )
    for dtype in (np.float64, np.float32):
        against_reference(
            fn,
            reference,
            name,
            (special.astype(dtype),),
            {},
            rtol=1e-6,
            atol=1e-6,
            nan_mistake=LSE_HID_NAN,
            neg_inf_mistake=LSE_ALL_NEG_INF,
        )
    against_reference(
        fn, reference, name, (special.T.copy(),), {"axis": 0, "keepdims": True}, rtol=1e-6
    )
    against_reference(fn, reference, name, (np.zeros((0, 4)),), {})
    against_reference(fn, reference, name, (np.zeros((3, 0), np.float32),), {"keepdims": True})
    # An empty axis that is not the last one.
    for z, kwargs in [(np.zeros((0, 3)), {"axis": 0}), (np.zeros((2, 0, 3)), {"axis": 1})]:
        expect_accepted(fn, name, z, LSE_EMPTY_AXIS, **kwargs)
        against_reference(fn, reference, name, (z,), kwargs, mistake=LSE_EMPTY_AXIS)


def _diagnose_log_softmax(out, z, expected, axis, shown):
    """Fail with the likely mistake if ``out`` is not the log-softmax ``expected`` of ``z``."""
    __tracebackhide__ = True
    z = np.asarray(z, dtype=np.float64)
    expect_shape(out, z.shape, shown)
    values = out.astype(np.float64)

    def near(a, b):
        with np.errstate(all="ignore"):
            return bool(np.allclose(a, b, rtol=1e-6, atol=1e-9))

    if near(values, expected):
        return
    problem = f"{shown} returned {describe(out)}"
    if not np.all(np.isfinite(values)):
        raise fail(problem + ".", LSE_NO_MAX_SHIFT)
    if near(values, -expected):
        raise fail(problem + ", which is >= 0.", LOG_SOFTMAX_SIGN_FLIPPED)
    top = np.max(z, axis=axis, keepdims=True)
    if near(values, z - top):
        raise fail(problem + ": its largest entry is 0.", LOG_SOFTMAX_ONLY_MAX)
    if np.any(top != 0) and near(values, expected + top):
        raise fail(problem + ": it is too large by exactly max(z).", LSE_FORGOT_MAX)
    if near(values, expected + math.log(z.shape[axis])):
        raise fail(
            problem + f": it is too large by exactly log K = log {z.shape[axis]}.", LSE_MEAN_NOT_SUM
        )
    with np.errstate(all="ignore"):
        if near(values, np.exp(expected)):
            raise fail(problem + ", which lies in (0, 1).", LOG_SOFTMAX_RETURNED_PROBABILITIES)
        p = np.exp(values)
        sums = p.sum(axis=axis)
    if not np.allclose(sums, 1.0, rtol=1e-6):
        index = tuple(int(i) for i in np.argwhere(~np.isclose(sums, 1.0, rtol=1e-6))[0])
        where = f" in the slice at {index}" if index else ""
        problem += f": exp of it sums to {sums[index]:.6g}{where} along axis {axis}"
        if z.ndim > 1 and np.isclose(p.sum(), 1.0, rtol=1e-6):
            raise fail(problem + ", and to 1 over the whole array.", GLOBAL_NORMALISATION)
        for other in range(z.ndim):
            if other != axis % z.ndim and np.allclose(p.sum(axis=other), 1.0, rtol=1e-6):
                raise fail(problem + f", but to 1 along axis {other}.", WRONG_AXIS)
        raise fail(problem + ".", LOG_SOFTMAX_NOT_NORMALISED)
    expect_close(out, expected, shown, rtol=1e-6, atol=1e-9)


@exercise_check("log_softmax")
def check_log_softmax(log_softmax, reference=None):
    """Check a learner's ``log_softmax(z, axis=-1)``.

    Visible: ``[1, 1 + ln 2, 1 + ln 3]`` -> ``[ln 1, ln 2, ln 3] - ln 6``; ``[0, -1000]`` ->
    ``[0, -1000]`` (where log of the softmax gives -inf); ``[1000, 1001, 999]`` and
    ``[-999, -998, -1000]``; a batch of rows at levels 1 and -1000 along the default axis and
    along ``axis=0``; a length-1 batch axis; an empty axis accepted. Then the contract: lists,
    batches, ``axis``, dtypes, ``ValueError``, and the edges (-inf, an all -inf row -> -inf,
    NaN, empty axis and batch, ``[0, -40]`` to full precision, float32 ``[-101, -102]``, a
    float16 row of 65,520 zeros). Hidden (``reference`` given): random shapes, axes and
    dtypes, huge logits, logits far from 0 (1e6 + k in float32, 1e12 + k in float64, where
    ``z - logsumexp(z)`` loses the digits), mixed special rows, all compared with the
    reference to a few ulps.
    """
    __tracebackhide__ = True
    name = "log_softmax"
    z = 1.0 + _OFFSETS
    out, shown = run_learner(log_softmax, name, z)
    _diagnose_log_softmax(out, z, _LOG_P, -1, shown)
    z = np.array([0.0, -1000.0])
    out, shown = run_learner(log_softmax, name, z)
    expect_shape(out, z.shape, shown)
    if np.any(np.isneginf(out)):
        raise fail(f"{shown} returned {describe(out)}.", LOG_SOFTMAX_LOG_OF_SOFTMAX)
    if abs(float(out[0])) < 1e-6 and -1000.0 + 1.0 < float(out[1]) < -1.0:
        raise fail(
            f"{shown} returned {describe(out)}: its second entry is log(eps), not -1000.",
            LOG_SOFTMAX_CLIPPED,
        )
    _diagnose_log_softmax(out, z, z, -1, shown)
    for z in ([1000.0, 1001.0, 999.0], [-999.0, -998.0, -1000.0]):
        z = np.array(z)
        out, shown = run_learner(log_softmax, name, z)
        _diagnose_log_softmax(out, z, _LOG_P120, -1, shown)

    z = np.stack([1.0 + _OFFSETS, -1000.0 + _OFFSETS])
    out, shown = run_learner(log_softmax, name, z)
    expect_shape(out, z.shape, shown)
    if not np.all(np.isfinite(out[1])) and np.all(np.isfinite(out[0])):
        raise fail(f"row 1 of {shown} is {describe(out[1])}.", GLOBAL_MAX_SHIFT)
    _diagnose_log_softmax(out, z, np.stack([_LOG_P, _LOG_P]), -1, shown)
    out, shown = run_learner(log_softmax, name, z.T.copy(), axis=0)
    _diagnose_log_softmax(out, z.T, np.stack([_LOG_P, _LOG_P]).T, 0, shown)
    # A length-1 batch axis: an np.squeeze of the log-sum-exp drops it too.
    z = np.stack([[_OFFSETS], [5.0 + _OFFSETS]])
    out, shown = run_learner(log_softmax, name, z)
    _diagnose_log_softmax(out, z, np.broadcast_to(_LOG_P, z.shape), -1, shown)
    if reference is not None:
        visible_contract(log_softmax, "log_softmax")
        _hidden_log_softmax(log_softmax, reference)


def _hidden_log_softmax(fn, reference):
    __tracebackhide__ = True
    name = "log_softmax"
    rng = np.random.default_rng(5)
    cases = [
        ((6,), -1),
        ((3, 7), -1),
        ((3, 7), 0),
        ((2, 3, 4), 1),
        ((2, 3, 4), -3),
        ((2, 3, 4), 0),  # axis 0 of a 3-D array: z.T is not the way
        ((4, 1), -1),
        ((2, 1, 3), -1),  # a length-1 axis that is not reduced: np.squeeze(m) drops it
    ]
    # (z - m) - log1p(s) is accurate to a few ulps of each entry plus a few of log K: the
    # tolerances are in units of eps, and never grow with the size of the logits (which is
    # what z - logsumexp(z) would need).
    for dtype, ulps in [(np.float64, 8), (np.float32, 8), (np.float16, 4)]:
        eps = float(np.finfo(dtype).eps)
        for shape, axis in cases:
            z = (rng.normal(size=shape) * 4).astype(dtype)
            atol = ulps * eps * (1.0 + math.log(z.shape[axis]))
            against_reference(
                fn,
                reference,
                name,
                (z,),
                {"axis": axis},
                rtol=ulps * eps,
                atol=atol,
                overflow_mistake=LSE_NO_MAX_SHIFT,
            )
    # Logits far from 0: the differences z - m are exact, while z - logsumexp(z) rounds
    # logsumexp to the spacing of the logits (64 in float32 near 1e9, 2e-4 in float64 near 1e12).
    for dtype, offset in [(np.float32, 1e6), (np.float32, 1e9), (np.float64, 1e12)]:
        z = (rng.integers(-20, 20, size=(3, 10)) + offset).astype(dtype)
        eps = float(np.finfo(dtype).eps)
        against_reference(
            fn, reference, name, (z,), {}, rtol=8 * eps, atol=8 * eps, mistake=LOG_SOFTMAX_UNSHIFTED
        )
    huge = np.array([[1e300, -1e300, 0.0], [1e300, 1e300, 1e300], [0.0, -40.0, -1e4]])
    against_reference(
        fn,
        reference,
        name,
        (huge,),
        {},
        rtol=1e-15,
        atol=1e-15,
        overflow_mistake=LSE_NO_MAX_SHIFT,
        mistake=LOG_SOFTMAX_UNSHIFTED,
    )
    ints = rng.integers(-900, 900, size=(3, 5))
    against_reference(fn, reference, name, (ints,), {"axis": 0}, rtol=1e-15, atol=1e-14)
    special = np.array(
        [[0.0, -np.inf, 1.0], [np.nan, 0.0, 1.0], [2.0, 2.0, 2.0], [-np.inf, -np.inf, -np.inf]]
    )
    for dtype in (np.float64, np.float32, np.float16):
        against_reference(
            fn,
            reference,
            name,
            (special.astype(dtype),),
            {},
            nan_mistake=LSE_HID_NAN,
            neg_inf_mistake=LOG_SOFTMAX_ALL_NEG_INF,
        )
    long16 = rng.normal(size=(2, 70_000)).astype(np.float16)
    against_reference(fn, reference, name, (long16,), {}, mistake=FLOAT16_SUM)
    against_reference(fn, reference, name, (np.zeros((2, 0, 3)),), {"axis": 1})


def _diagnose_smooth_max(value, expected, variants, shown, rel_tol=1e-6):
    """Fail with the likely mistake if ``value`` is not ``expected``; variants are (x, mistake)."""
    __tracebackhide__ = True
    v = float(value)
    if not math.isfinite(v):
        raise fail(f"{shown} returned {v}.", LSE_NO_MAX_SHIFT)
    if math.isclose(v, expected, rel_tol=rel_tol, abs_tol=1e-9):
        return
    for wrong, mistake in variants:
        if math.isclose(v, wrong, rel_tol=rel_tol, abs_tol=1e-12):
            raise fail(f"{shown} returned {v:.10g}.", mistake)
    expect_close(np.asarray(v), expected, shown, rtol=rel_tol, atol=1e-9)


def _expect_bounds(value, z, t, shown):
    """Fail unless max(z) <= value <= max(z) + t log K for the 1-D ``z``."""
    __tracebackhide__ = True
    v, top, k = float(value), float(np.max(z)), len(z)
    if v < float(np.min(z)) - 1e-12:
        raise fail(f"{shown} returned {v:.6g}, below the minimum.", SMOOTH_MAX_SMOOTH_MIN)
    if not top - 1e-12 <= v <= top + t * math.log(k) + 1e-12:
        raise fail(
            f"{shown} returned {v:.6g}, outside [max, max + t log K] = [{top:.6g}, "
            f"{top:.6g} + {t:g} log {k}].",
            SMOOTH_MAX_OUT_OF_BOUNDS,
        )


@exercise_check("smooth_max")
def check_smooth_max(smooth_max, reference=None):
    """Check a learner's ``smooth_max(z, t, axis=-1)``.

    Visible: ``[2, 2 + 2 ln 2, 2 + 2 ln 3]`` at t = 2 -> 2 (1 + ln 6) (while the classic
    slips give ln 6, 2 ln 14, 2 ln 98, 4 ln 3, 2 ln 3 or a value below the minimum);
    ``[0, ln 2, ln 3]`` at t = 1; no overflow for ``[1000, 1000]`` or for t = 1e-3; the bounds
    max <= . <= max + t log K; a batch along the default axis and ``axis=0``; an empty axis
    accepted. Then the contract: lists, batches, ``axis``, dtypes, ``ValueError`` (t <= 0,
    non-finite, a 1-D array or a bool; an axis out of range), and the edges (all -inf, +inf,
    NaN, an empty axis, a length-1 batch axis, float32 z with t = 1e-50 or 1e300, which do
    not fit float32, and a 0-d array t, which is accepted). Hidden (``reference`` given): random shapes, axes, dtypes and
    temperatures, small t, near ties, huge values, mixed special rows, against the reference.
    """
    __tracebackhide__ = True
    name = "smooth_max"
    # [2, 2 + 2 ln 2, 2 + 2 ln 3] at t = 2: z / t = 1 + [0, ln 2, ln 3], so the smooth max is
    # 2 (1 + ln 6); each classic slip gives a different number, worked out beside it.
    z = 2.0 + 2.0 * _OFFSETS
    variants = [
        (1.0 + _LN6, SMOOTH_MAX_MISSING_T_FACTOR),  # lse(z / t)
        (2.0 * (2.0 + math.log(14.0)), SMOOTH_MAX_NOT_DIVIDED),  # t lse(z)
        (2.0 * (4.0 + math.log(98.0)), SMOOTH_MAX_MULTIPLIED),  # t lse(z t)
        (2.0 + 4.0 * _LN3, SMOOTH_MAX_UPPER_BOUND),  # max + t log K
        (2.0 + 2.0 * _LN3, SMOOTH_MAX_HARD_MAX),  # max
        (2.0 - 2.0 * math.log(11.0 / 6.0), SMOOTH_MAX_SMOOTH_MIN),  # -t lse(-z / t)
        (2.0 * _LN2, LSE_FORGOT_MAX),  # t log sum exp(z / t - max(z / t))
        (2.0 + 2.0 * _LN2, LSE_MEAN_NOT_SUM),  # t (max + log mean exp(...))
        (2.0 + math.log(14.0), SMOOTH_MAX_IGNORED_T),  # lse(z)
        (2.0 + 0.5 * math.log(98.0), SMOOTH_MAX_MULTIPLIED),  # lse(z t) / t
        (
            2.0 + 2.0 * _LN6 + (2.0 - 1.0) * (2.0 + 2.0 * _LN3),
            SMOOTH_MAX_SCALED_SHIFT,
        ),  # + (t - 1) m
    ]
    out, shown = run_learner(smooth_max, name, z, 2.0)
    _expect_reduced_shape(out, z, -1, False, shown)
    _diagnose_smooth_max(out, 2.0 + 2.0 * _LN6, variants, shown)
    _expect_bounds(out, z, 2.0, shown)
    out, shown = run_learner(smooth_max, name, _OFFSETS, 1.0)
    _expect_reduced_shape(out, _OFFSETS, -1, False, shown)
    _diagnose_smooth_max(out, _LN6, [(2.0 * _LN3, SMOOTH_MAX_UPPER_BOUND)], shown)
    for z, t, expected in [
        ([1000.0, 1000.0], 1.0, 1000.0 + _LN2),
        ([1.0, 2.0], 1e-3, 2.0),
        # tied maxima stay ln 2 * t above the max however small t is: not the hard max
        ([5.0, 5.0, -1.0], 1e-3, 5.0 + 1e-3 * _LN2),
    ]:
        out, shown = run_learner(smooth_max, name, np.array(z), t)
        _diagnose_smooth_max(out, expected, [(max(z), SMOOTH_MAX_HARD_MAX)], shown, rel_tol=1e-9)

    z, t = np.array([3.0, 1.0, -2.0, 0.5]), 0.7
    out, shown = run_learner(smooth_max, name, z, t)
    _expect_reduced_shape(out, z, -1, False, shown)
    _expect_bounds(out, z, t, shown)

    z = np.stack([2.0 * _OFFSETS, -2000.0 + 2.0 * _OFFSETS])
    expected = np.array([2.0 * _LN6, -2000.0 + 2.0 * _LN6])
    for args, kwargs in [((z, 2.0), {}), ((z.T.copy(), 2.0), {"axis": 0})]:
        out, shown = run_learner(smooth_max, name, *args, **kwargs)
        _expect_reduced_shape(out, args[0], kwargs.get("axis", -1), False, shown)
        if not np.all(np.isfinite(out)) and np.isfinite(out.ravel()[0]):
            raise fail(f"{shown} returned {describe(out)}.", GLOBAL_MAX_SHIFT)
        expect_close(out, expected, shown, rtol=1e-9, atol=1e-12)

    if reference is not None:
        visible_contract(smooth_max, "smooth_max")
        _hidden_smooth_max(smooth_max, reference)


def _hidden_smooth_max(fn, reference):
    __tracebackhide__ = True
    name = "smooth_max"
    rng = np.random.default_rng(6)
    cases = [
        ((6,), -1),
        ((3, 7), -1),
        ((3, 7), 0),
        ((2, 3, 4), 1),
        ((4, 1), -1),
        ((2, 3, 4), 0),  # axis 0 of a 3-D array: z.T is not the way
        ((2, 1, 3), -1),  # a length-1 axis that is not reduced: np.squeeze(m) drops it
    ]
    for dtype, rtol, scale_atol in [
        (np.float64, 1e-12, 1e-14),
        (np.float32, 1e-5, 1e-6),
        (np.float16, 5e-3, 5e-3),
    ]:
        for (shape, axis), t in zip(cases, (0.25, 1.0, 3.0, 0.5, 10.0, 2.0, 0.7), strict=True):
            z = (rng.normal(size=shape) * 4).astype(dtype)
            atol = scale_atol * (1.0 + float(np.max(np.abs(z))))
            against_reference(
                fn,
                reference,
                name,
                (z, t),
                {"axis": axis},
                rtol=rtol,
                atol=atol,
                overflow_mistake=LSE_NO_MAX_SHIFT,
            )
    z = rng.normal(size=(4, 5)) * 3
    for t in (1e-3, 1e-6, 50.0):
        against_reference(
            fn,
            reference,
            name,
            (z, t),
            {},
            rtol=1e-12,
            atol=1e-12,
            overflow_mistake=LSE_NO_MAX_SHIFT,
        )
    # Near ties at a small t: the result is not the hard maximum.
    near_ties = np.array([[1.0, 1.0 + 1e-3, -2.0], [3.0, 3.0, 3.0 - 2e-3]])
    against_reference(fn, reference, name, (near_ties, 1e-3), {}, rtol=1e-12, atol=0.0)
    huge = np.array([[1e300, 1e300, -1e300], [1e4, 1e4 - 1, 3e4]])
    against_reference(
        fn,
        reference,
        name,
        (huge, 1.0),
        {},
        rtol=1e-12,
        atol=0.0,
        overflow_mistake=LSE_NO_MAX_SHIFT,
    )
    ints = rng.integers(-900, 900, size=(3, 5))
    against_reference(fn, reference, name, (ints, 2), {"axis": 0}, rtol=1e-12, atol=1e-12)
    special = np.array(
        [[0.0, -np.inf, 1.0], [-np.inf, -np.inf, -np.inf], [np.nan, 0.0, 1.0], [np.inf, 0.0, 1.0]]
    )
    against_reference(
        fn,
        reference,
        name,
        (special, 0.5),
        {},
        rtol=1e-9,
        atol=1e-12,
        nan_mistake=LSE_HID_NAN,
        neg_inf_mistake=LSE_ALL_NEG_INF,
    )
    against_reference(fn, reference, name, (np.zeros((2, 0, 3)), 0.5), {"axis": 1})


# --- The contracts the exercise texts state (probed by autograder.contract) -------------------

_INF, _NAN = np.inf, np.nan
#: Two rows along a length-1 middle axis: an np.squeeze without `axis` drops that one too.
_LENGTH_1_BATCH = np.stack([[_OFFSETS], [5.0 + _OFFSETS]])  # (2, 1, 3)
_NOT_REAL = (
    Invalid("complex", (np.array([1 + 2j, 0.5]),)),
    Invalid("strings", (np.array(["1.0", "2.0"]),)),
    Invalid("0-d z", (np.array(1.0),)),
    Invalid("axis out of range", (np.zeros((2, 3)),), {"axis": 2}),
)
_SAMPLE = np.array([[1.0, 2.0, 0.0], [0.0, _LN2, _LN3], [-1.0, -1.0, 0.5]])

#: COURSE.md's accuracy rule: log_softmax of float32 [1e8, 1e8] is [-ln 2, -ln 2]. The
#: logits are equal, so the shifted logits are [0, 0] and the answer is -log(2) exactly.
_FLOAT32_1E8 = Edge(
    "float32 [1e8, 1e8]",
    (np.array([1e8, 1e8], np.float32),),
    expected=[-_LN2, -_LN2],
    dtype=np.float32,
    rtol=1e-6,
    atol=0.0,
    mistake=LOG_SOFTMAX_UNSHIFTED,
)

Contract(
    "logsumexp",
    wrap_sample=wrapping((3, 3)),
    float16_sample=GENERAL_LOGITS,
    sample=_SAMPLE,
    reduces=True,
    axis=True,
    batch=True,
    batch_mistake=GLOBAL_MAX_SHIFT,
    errors=_NOT_REAL,
    edges=(
        Edge(
            "float64 [[0, ln 2, ln 3]] to 1e-13",  # ln(1 + 2 + 3); a row, not a number
            (np.array([[0.0, np.log(2.0), np.log(3.0)]]),),
            expected=[np.log(6.0)],
            dtype=np.float64,
            rtol=1e-13,
            atol=0.0,
        ),
        # 2-D inputs, so that a 0-d array where a number is meant does not mask these edges:
        # "one row" checks that rule on its own.
        Edge("-inf", (np.array([[-_INF, 0.0], [0.0, 0.0]]),), expected=[0.0, _LN2]),
        Edge(
            "all -inf",
            (np.array([[-_INF, -_INF], [0.0, 0.0]]),),
            expected=[-_INF, _LN2],
            mistake=LSE_ALL_NEG_INF,
        ),
        Edge(
            "+inf",
            # Two +inf in one row: a shift by the max gives inf - inf = NaN there.
            (np.array([[0.0, _INF, -_INF], [_INF, _INF, 0.0]]),),
            expected=[_INF] * 2,
            mistake=LSE_POS_INF,
        ),
        Edge(
            "NaN",
            (np.array([[_NAN, 0.0], [0.0, 0.0]]),),
            expected=[_NAN, _LN2],
            mistake=LSE_HID_NAN,
        ),
        Edge("an empty batch", (np.zeros((0, 3)),), expected=np.zeros(0)),
        Edge(
            "a (2, 1, 3) batch",
            (_LENGTH_1_BATCH,),
            expected=[[_LN6], [5.0 + _LN6]],
            mistake=WRONG_SHAPE,
        ),
        # log(1 + e^-40) = e^-40 - e^-80/2 + ...: the plain shifted formula rounds it to 0.
        Edge(
            "[0, -40] exactly",
            (np.array([[0.0, -40.0], [-40.0, 0.0]]),),
            expected=[4.248354255291589e-18] * 2,
            rtol=1e-13,
            atol=0.0,
            mistake=LSE_LOST_SMALL_TERMS,
        ),
        # 65,520 in float16 rounds to inf: a float16 sum of all 65,520 exp(0) overflows.
        Edge(
            "65,520 float16 zeros",
            (np.zeros((1, 65_520), np.float16),),
            expected=[math.log(65_520)],
            dtype=np.float16,
            rtol=1e-3,
            atol=0.0,
            mistake=FLOAT16_SUM,
        ),
        Edge("one row", (1.0 + _OFFSETS,), expected=1.0 + _LN6),
        Edge(
            "an empty axis",
            (np.zeros((2, 0)),),
            expected=[-_INF] * 2,
            mistake=LSE_EMPTY_AXIS,
            refused=LSE_EMPTY_AXIS,
        ),
        Edge(
            "empty axis 0",
            (np.zeros((0, 3)),),
            {"axis": 0},
            expected=[-_INF] * 3,
            mistake=LSE_EMPTY_AXIS,
            refused=LSE_EMPTY_AXIS,
        ),
        # The empty-axis result is like any other: the input's dtype, and `keepdims` honoured
        # (np.full(shape, -np.inf) alone is float64).
        Edge(
            "an empty float32 axis, shape (3, 0)",
            (np.zeros((3, 0), np.float32),),
            expected=[-_INF] * 3,
            dtype=np.float32,
            mistake=LSE_EMPTY_AXIS,
            refused=LSE_EMPTY_AXIS,
        ),
        Edge(
            "the same with keepdims=True",
            (np.zeros((3, 0), np.float32),),
            {"keepdims": True},
            expected=[[-_INF]] * 3,
            dtype=np.float32,
            mistake=LSE_KEEPDIMS,
            refused=LSE_EMPTY_AXIS,
        ),
    ),
    long_row=np.zeros((1, 70_000)),
    values="hand-worked values, ±1000, keepdims, rows far apart",
)

Contract(
    "log_softmax",
    wrap_sample=wrapping((3, 3)),
    float16_sample=GENERAL_LOGITS,
    sample=_SAMPLE,
    axis=True,
    batch=True,
    batch_mistake=GLOBAL_NORMALISATION,
    errors=_NOT_REAL,
    edges=(
        Edge(
            "float64 [0, ln 2, ln 3] to 1e-13",  # ln of 1/6, 2/6, 3/6
            (np.array([0.0, np.log(2.0), np.log(3.0)]),),
            expected=-np.log([6.0, 3.0, 2.0]),
            dtype=np.float64,
            rtol=1e-13,
            atol=0.0,
        ),
        Edge(
            "-inf",
            (np.array([[-_INF, 0.0, _LN2], [0.0, 0.0, -_INF]]),),
            expected=[[-_INF, -_LN3, _LN2 - _LN3], [-_LN2, -_LN2, -_INF]],
        ),
        Edge(
            "NaN",
            (np.array([[1.0, _NAN, 0.0], [0.0, 0.0, 0.0]]),),
            expected=[[_NAN] * 3, [-_LN3] * 3],
            mistake=LSE_HID_NAN,
        ),
        Edge(
            "an all -inf row",
            (np.array([[-_INF, -_INF], [0.0, -_INF]]),),
            expected=[[-_INF, -_INF], [0.0, -_INF]],
            mistake=LOG_SOFTMAX_ALL_NEG_INF,
        ),
        Edge("an empty batch", (np.zeros((0, 3)),), expected=np.zeros((0, 3))),
        # -log(1 + e^-40) = -4.248e-18, which log(1 + s) rounds to 0.
        Edge(
            "[0, -40] exactly",
            (np.array([0.0, -40.0]),),
            expected=[-4.248354255291589e-18, -40.0 - 4.248354255291589e-18],
            rtol=1e-13,
            atol=0.0,
            mistake=LSE_LOST_SMALL_TERMS,
        ),
        _FLOAT32_1E8,
        # Shifted by the batch's maximum, the second row becomes 0 - 1e8 and -1 - 1e8, both
        # -1e8 in float32 (spacing 8): its own difference is lost before any log is taken.
        Edge(
            "float32 rows far apart, [[1e8, 1e8], [0, -1]]",
            (np.array([[1e8, 1e8], [0.0, -1.0]], np.float32),),
            expected=[
                [-_LN2, -_LN2],
                [-math.log1p(math.exp(-1.0)), -1.0 - math.log1p(math.exp(-1.0))],
            ],
            dtype=np.float32,
            rtol=1e-6,
            atol=0.0,
            mistake=GLOBAL_MAX_SHIFT,
        ),
        Edge(
            "float32 [-101, -102]",
            (np.array([-101.0, -102.0], np.float32),),
            expected=[-math.log1p(math.exp(-1.0)), -math.log1p(_E)],
            dtype=np.float32,
            rtol=1e-6,
            mistake=LSE_NO_MAX_SHIFT,
        ),
        Edge(
            "65,520 float16 zeros",
            (np.zeros(65_520, np.float16),),
            expected=np.full(65_520, -math.log(65_520)),
            dtype=np.float16,
            rtol=1e-3,
            atol=0.0,
            mistake=FLOAT16_SUM,
        ),
        Edge(
            "an empty axis",
            (np.zeros((3, 0)),),
            expected=np.zeros((3, 0)),
            mistake=EMPTY_AXIS_REFUSED,
            refused=EMPTY_AXIS_REFUSED,
        ),
        # z - lse with lse = +inf: NaN at the +inf entry, -inf at the finite ones (as SciPy).
        Edge(
            "+inf",
            (np.array([[_INF, 0.0], [0.0, 0.0]]),),
            expected=[[_NAN, -_INF], [-_LN2, -_LN2]],
            mistake=LOG_SOFTMAX_POS_INF,
        ),
    ),
    long_row=np.zeros((1, 70_000)),
    values="hand-worked values, [0, -1000], ±1000, rows far apart",
)

Contract(
    "smooth_max",
    wrap_sample=wrapping((3, 3)),
    float16_sample=GENERAL_LOGITS,
    sample=_SAMPLE,
    call=lambda z: ((z, 2.0), {}),
    reduces=True,
    axis=True,
    batch=True,
    batch_mistake=GLOBAL_MAX_SHIFT,
    errors=(
        Invalid("t = 0", (np.array([1.0, 2.0]), 0.0)),
        Invalid("t < 0", (np.array([1.0, 2.0]), -1.0)),
        Invalid("t = inf", (np.array([1.0, 2.0]), _INF)),
        Invalid("t = NaN", (np.array([1.0, 2.0]), _NAN)),
        Invalid("a 1-D array t", (np.array([1.0, 2.0]), np.array([0.5]))),
        Invalid("a bool t", (np.array([1.0, 2.0]), True)),
        Invalid("complex", (np.array([1 + 2j, 0.5]), 1.0)),
        Invalid("axis out of range", (np.zeros((2, 3)), 1.0), {"axis": 2}),
    ),
    edges=(
        Edge(
            "all -inf",
            (np.array([[-_INF, -_INF], [0.0, 0.0]]), 0.5),
            expected=[-_INF, 0.5 * _LN2],
            mistake=LSE_ALL_NEG_INF,
        ),
        Edge(
            "+inf",
            (np.array([[_INF, _INF], [0.0, 0.0]]), 0.5),
            expected=[_INF, 0.5 * _LN2],
            mistake=LSE_POS_INF,
        ),
        Edge(
            "NaN",
            (np.array([[_NAN, 0.0], [0.0, 0.0]]), 0.5),
            expected=[_NAN, 0.5 * _LN2],
            mistake=LSE_HID_NAN,
        ),
        Edge(
            "a (2, 1, 3) batch",
            (2.0 * _LENGTH_1_BATCH, 2.0),
            expected=[[2.0 * _LN6], [10.0 + 2.0 * _LN6]],
            mistake=WRONG_SHAPE,
        ),
        Edge("one row", (2.0 * _OFFSETS, 2.0), expected=2.0 * _LN6),
        # t · lse(z / t) taken literally: z / t = 1e310 overflows before any shift.
        Edge(
            "[1e300, 0] with t = 1e-10",
            (np.array([1e300, 0.0]), 1e-10),
            expected=1e300,
            mistake=LSE_NO_MAX_SHIFT,
        ),
        Edge(
            "an empty axis",
            (np.zeros((2, 0)), 0.5),
            expected=[-_INF] * 2,
            mistake=LSE_EMPTY_AXIS,
            refused=LSE_EMPTY_AXIS,
        ),
        # t = np.float64(1.0) must not turn float32 values into float64.
        Edge(
            "float32 z with np.float64 t",
            (np.array([1.0, 2.0], np.float32), np.float64(1.0)),
            expected=2.0 + math.log1p(math.exp(-1.0)),
            dtype=np.float32,
            rtol=1e-6,
        ),
        # t must not be rounded to float32: 1e-50 is 0 there ((z - m) / t is 0 / 0 = NaN at
        # the tied maxima; the answer is the limit, the maximum), and 1e300 is inf there
        # (t * lse of one value is inf * 0 = NaN; the smooth max of one value is that value).
        Edge(
            "float32 [1, 3, 3] with t = 1e-50",
            (np.array([1.0, 3.0, 3.0], np.float32), 1e-50),
            expected=3.0,
            dtype=np.float32,
            mistake=SMOOTH_MAX_T_IN_FLOAT32,
        ),
        Edge(
            "float32 [1] with t = 1e300",
            (np.array([1.0], np.float32), 1e300),
            expected=1.0,
            dtype=np.float32,
            mistake=SMOOTH_MAX_T_IN_FLOAT32,
        ),
        Edge(
            "float16 [1, 3, 3] with t = 1e-50",
            (np.array([1.0, 3.0, 3.0], np.float16), 1e-50),
            expected=3.0,
            dtype=np.float16,
            mistake=SMOOTH_MAX_T_IN_FLOAT32,
        ),
        # t · log(1 + e^(-40/t)) at t = 1 is 4.248e-18, which log(1 + s) rounds to 0.
        Edge(
            "[0, -40] with t = 1, exactly",
            (np.array([0.0, -40.0]), 1.0),
            expected=4.248354255291589e-18,
            rtol=1e-13,
            atol=0.0,
            mistake=LSE_LOST_SMALL_TERMS,
        ),
        # A 0-d array is one number: a valid t (an array with a dimension is not).
        Edge(
            "a 0-d array t, np.array(0.5)",
            (np.array([1.0, 2.0]), np.array(0.5)),
            expected=2.0 + 0.5 * math.log1p(math.exp(-2.0)),
            refused=SMOOTH_MAX_REFUSED_0D_T,
        ),
    ),
    long_row=np.zeros((1, 70_000)),
    values="hand-worked values, bounds, small t, ±1000, rows far apart",
)
