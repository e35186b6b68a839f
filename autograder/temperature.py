"""Checks of notebook ``05_temperature``.

The visible checks use inputs whose answers are worked out by hand: logits ``2 ln w`` at
``T = 2`` give probabilities proportional to ``w``; the entropy of ``[1/4] * 4`` is ``ln 4``;
a model that says 90% but is right 3 times in 4 has ``T = 2``; a set where confidence is 0.9
but accuracy 0.5 has ECE 0.4. Before a generic failure they compare the learner's output with
*wrong* answers of the same hand-worked case (``z * T`` instead of ``z / T``, entropy in
bits, an unweighted mean over bins, ...) to name the mistake. The rules every exercise states
(lists, batches, ``axis``, dtypes, the ``ValueError``s, the named edges) are declared once per
exercise in a :class:`~autograder.contract.Contract` at the end of this module and probed by
:func:`~autograder.contract.check_contract`. The hidden part receives the reference and also
compares with it on random data, extreme values and dtypes.

``sample_with_temperature`` is random, so its checks are statistical (chi-square statistics
of frequencies over many draws, with fixed seeds, hence deterministic) and behavioural: the
same seed must give the same draws, whatever NumPy's global random state. They never compare
draws one by one with a particular method: ``rng.choice``, an inverse CDF on ``rng.random``
and the Gumbel-max trick all draw differently from the same generator, and all are right.
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
    expect_shape,
    matches_reference,
    silenced,
    to_array,
)
from autograder.mistakes import (
    GLOBAL_MAX_SHIFT,
    GLOBAL_NORMALISATION,
    MISSING_KEEPDIMS,
    NO_MAX_SHIFT,
    NO_VALUE_ERROR,
    RAISED_ERROR,
    RETURNED_LIST,
    WRONG_AXIS,
    WRONG_DTYPE,
    WRONG_SHAPE,
    WRONG_VALUES,
)

__all__ = [
    "check_softmax_with_temperature",
    "check_entropy",
    "check_sample_with_temperature",
    "check_fit_temperature",
    "check_expected_calibration_error",
]

# --- mistakes ----------------------------------------------------------------------------

TEMPERATURE_MULTIPLIED = Mistake(
    "temperature-multiplied",
    "You multiplied the logits by T. Temperature *divides* them: softmax(z / T), so that "
    "T > 1 flattens the distribution and T < 1 sharpens it.",
    fix="divide the logits by T, not multiply",
)
TEMPERATURE_IGNORED = Mistake(
    "temperature-ignored",
    "The result does not depend on T: it is the plain softmax(z). Divide the logits by T "
    "before exponentiating.",
    fix="divide the logits by T",
)
TEMPERATURE_AFTER_SOFTMAX = Mistake(
    "temperature-after-softmax",
    "You applied T to the probabilities (p ** (1 / T) or p / T) and did not normalise "
    "again. Apply it to the logits: softmax(z / T).",
    fix="apply T to the logits: softmax(z / T)",
)
TEMPERATURE_LOG_PROBABILITIES = Mistake(
    "temperature-log-probabilities",
    "You returned log-probabilities (their exponentials sum to 1). Return the probabilities "
    "softmax(z / T) themselves.",
    fix="return probabilities, not their logs",
)
TEMPERATURE_NOT_NORMALISED = Mistake(
    "temperature-not-normalised",
    "The slices along `axis` do not sum to 1. Divide exp((z - max) / T) by its own sum along "
    "`axis` (keepdims=True) - the same exponentials in the numerator and the denominator.",
    fix="divide by the sum of the same exponentials",
)
TEMPERATURE_UNSCALED_SHIFT = Mistake(
    "temperature-unscaled-shift",
    "exp overflows for a small T: you subtracted max(z) but exponentiated z / T, so the "
    "exponent is still huge. Subtract the maximum of z / T (or compute (z - max(z)) / T): "
    "then every exponent is <= 0.",
    fix="exponentiate (z - max(z)) / T",
)
TEMPERATURE_DIVIDED_FIRST = Mistake(
    "temperature-divided-first",
    "z / T overflows before any shift when the logits are large and T is small (1e306 / 1e-3 "
    "is inf in float64; in float16, which ends at 65504, 100 / 1e-3 already is), and inf - inf "
    "is NaN. Subtract the maximum first and divide the differences: (z - max(z)) / T, whose "
    "largest entry is exactly 0 (or compute float16 in float32 and round once at the end).",
    fix="subtract the max first, then divide by T",
)
TEMPERATURE_FLOAT16_SUM = Mistake(
    "temperature-float16-sum-overflow",
    "A float16 sum of exponentials overflows past 65504 for a long row (65,520 ones sum to "
    "inf, and every probability becomes 0). Accumulate in float32 "
    "(np.sum(e, axis=axis, keepdims=True, dtype=np.float32)) and round the result once.",
    fix="sum float16 exponentials in float32",
)
TEMPERATURE_ARGMAX_SHORTCUT = Mistake(
    "temperature-argmax-shortcut",
    "For a small T the answer is close to one-hot, but not one-hot: logits closer together "
    "than about T still share the probability. Compute softmax((z - max) / T) for every "
    "T > 0 instead of switching to the argmax below some T.",
    fix="compute the softmax for every T > 0",
)
TEMPERATURE_NAN_SWALLOWED = Mistake(
    "temperature-nan-swallowed",
    "A NaN logit must give NaN probabilities in its slice (NaN in, NaN out): np.nanmax, "
    "np.nansum or np.nan_to_num hide it and return numbers that look valid. Use np.max and "
    "np.sum, which let NaN through.",
    fix="let NaN through: no nanmax or nansum",
)
ENTROPY_NOT_IN_NATS = Mistake(
    "entropy-not-in-nats",
    "The entropy must be in nats: use the natural logarithm np.log, not np.log2 (bits) or "
    "np.log10, and do not divide by log K.",
    fix="use the natural log (nats)",
)
ENTROPY_SIGN = Mistake(
    "entropy-missing-minus-sign",
    "Your entropy is negative: H = -sum(p log p). Since log p <= 0, the minus sign makes it >= 0.",
    fix="negate the sum: H = -sum(p log p)",
)
ENTROPY_NORMALISED = Mistake(
    "entropy-normalised",
    "Take p as it is given: the entropy is -sum(p log p) of these numbers, without dividing "
    "each slice by its sum first (scipy.stats.entropy rescales each slice to sum to 1; "
    "the exercise does not).",
    fix="do not normalise p",
)
ENTROPY_CLIPPED_LOG = Mistake(
    "entropy-clipped-log",
    "Do not clip p before the log: the term -p log p of a tiny p is tiny but it counts "
    "(near one-hot it is all there is). Take the log only where p > 0, e.g. "
    "np.log(p, out=np.zeros_like(p), where=p > 0).",
    fix="take the log of p itself, only where p > 0",
)
ENTROPY_NAN_AT_ZERO = Mistake(
    "entropy-nan-at-zero",
    "A probability of 0 gives 0 * log 0 = 0 * (-inf) = NaN. Its term must count as 0 (the "
    "limit of p log p): take the log only where p > 0, e.g. "
    "np.log(p, out=np.zeros_like(p), where=p > 0).",
    fix="count 0 * log 0 as 0",
)
ENTROPY_NAN_SWALLOWED = Mistake(
    "entropy-nan-swallowed",
    "A NaN probability must give a NaN entropy (NaN in, NaN out). np.nansum hides it, and so "
    "does np.where(p > 0, p * np.log(p), 0), because NaN > 0 is False. Zero only the terms "
    "where p == 0: np.log(p, out=np.zeros_like(p), where=p > 0) multiplied by p keeps NaN.",
    fix="let NaN through: zero only the p == 0 terms",
)
ENTROPY_AVERAGED = Mistake(
    "entropy-averaged",
    "You took the mean of -p log p over the classes; the entropy is their *sum* along `axis`.",
    fix="sum -p log p, do not average it",
)
ENTROPY_TOTAL = Mistake(
    "entropy-summed-over-everything",
    "You summed over the whole array and returned one number. Sum along `axis` only, so that "
    "each distribution gets its own entropy.",
    fix="sum along `axis` only",
)
SAMPLING_RETURNED_PROBABILITIES = Mistake(
    "sampling-returned-probabilities",
    "You returned the probabilities softmax(z / T). Draw class indices from them with the "
    "generator: rng.choice(len(z), size=size, p=p).",
    fix="draw class indices from the probabilities",
)
SAMPLING_NOT_INTEGER = Mistake(
    "sampling-not-integer",
    "Samples are class indices: return integers (rng.choice or np.searchsorted give them), "
    "not floats.",
    fix="return integer class indices",
)
SAMPLING_OUT_OF_RANGE = Mistake(
    "sampling-index-out-of-range",
    "Class indices are 0-based: 0 .. K-1. If you used a cumulative sum, the index of a draw u "
    "is the first k with cdf[k] > u (np.searchsorted(cdf, u, side='right')), without +1.",
    fix="return 0-based indices 0..K-1",
)
SAMPLING_CDF_BELOW_ONE = Mistake(
    "sampling-cdf-below-one",
    "Cumulative sums of rounded probabilities can end a hair below 1 (0.999 for float16 "
    "probabilities summed in float16), and a draw u above the last one finds no class: "
    "divide the cumulative sums by the last one (cdf /= cdf[-1]), or sum float64 "
    "probabilities.",
    fix="make the cumulative sums end at exactly 1",
)
SAMPLING_ARGMAX = Mistake(
    "sampling-argmax",
    "You always return the most likely class (argmax): that is T -> 0, not sampling. Draw at "
    "random with probabilities softmax(z / T).",
    fix="draw at random, not the argmax",
)
SAMPLING_FROM_LOGITS = Mistake(
    "sampling-from-logits",
    "You sampled with probabilities proportional to the logits themselves. Logits are not "
    "probabilities: sample from softmax(z / T).",
    fix="sample from softmax(z / T)",
)
SAMPLING_WRONG_FREQUENCIES = Mistake(
    "sampling-wrong-frequencies",
    "Over many draws, each class must come up with probability softmax(z / T)[k]. Check how "
    "you build the probabilities and how you turn one uniform number into an index.",
    fix="draw class k with probability p[k]",
)
SAMPLING_IGNORES_RNG = Mistake(
    "sampling-ignores-rng",
    "Use the generator you are given for every random number (rng.choice(..., p=p) or "
    "rng.random(...)): not np.random.*, not the `random` module, and no generator of your "
    "own. Otherwise a seed does not reproduce the samples.",
    fix="draw every random number from `rng`",
)
FIT_NOT_POSITIVE = Mistake(
    "fit-temperature-not-positive",
    "A temperature must be a finite number > 0. Newton's method can overshoot below 0, or "
    "divide by a second derivative of 0 when softmax is one-hot: keep a bracket "
    "lo < beta < hi from the sign of the derivative and bisect when a step would leave it.",
    fix="return a finite T > 0 (bracket Newton)",
)
FIT_OVERFLOW = Mistake(
    "fit-temperature-overflow",
    "exp overflows in your NLL when some z / T is large (above ~709). Compute "
    "logsumexp(z / T) with the row maximum subtracted first, never log(softmax) from raw "
    "exponentials.",
    fix="shift each row by its max in the NLL",
)
FIT_RETURNED_BETA = Mistake(
    "fit-temperature-returned-beta",
    "You returned beta = 1 / T (or fitted a factor that multiplies the logits). Return the "
    "temperature T that divides them: T = 1 / beta.",
    fix="return T = 1 / beta",
)
FIT_IGNORES_DATA = Mistake(
    "fit-temperature-ignores-data",
    "Your T is the same for data sets that need different temperatures. Accuracy (and argmax) "
    "does not change with T, so optimising it leaves T where the search starts: minimise the "
    "mean negative log-likelihood mean(logsumexp(z / T) - z_y / T).",
    fix="minimise the mean NLL over T",
)
FIT_NOT_MINIMUM = Mistake(
    "fit-temperature-not-minimum",
    "The mean NLL is not smallest at your T. Use NLL(T) = mean(logsumexp(z / T) - z_y / T) "
    "with z_y = logits[np.arange(N), labels], and iterate (Newton on beta = 1 / T) until the "
    "step is a few rounding errors of beta (T to 1e-6 or better), not for a fixed few steps "
    "or on a coarse grid.",
    fix="iterate until the Newton step is ~0",
)
FIT_IN_FLOAT32 = Mistake(
    "fit-temperature-float32",
    "float32 logits must give the T that the same numbers give in float64: compute the NLL "
    "and its derivatives in float64 (z = np.asarray(logits, dtype=np.float64)). In float32 "
    "they carry only ~7 digits, so Newton stalls short of the minimum (|NLL'| stops falling "
    "near 1e-7) or never meets a tight stopping rule.",
    fix="compute in float64",
)
FIT_SCALED_LOGITS = Mistake(
    "fit-temperature-scaled-logits",
    "Scaling the logits by a must scale the fitted T by a, but not in your function when the "
    "logits are large (or small). Compute the NLL stably (subtract the row maximum inside "
    "logsumexp) and do not restrict T to a fixed search range.",
    fix="search T without a fixed range",
)
ECE_UNWEIGHTED = Mistake(
    "ece-unweighted-bins",
    "You averaged |acc - conf| over the bins with equal weights. Weight each bin by its share "
    "of the samples, n_b / N.",
    fix="weight each bin by n_b / N",
)
ECE_COUNTS_EMPTY_BINS = Mistake(
    "ece-counts-empty-bins",
    "You divided by the number of bins (empty ones included). ECE is sum_b (n_b / N) "
    "|acc_b - conf_b|: weights by share of samples, empty bins add nothing.",
    fix="weight bins by n_b / N, not 1 / n_bins",
)
ECE_GAPS_CANCEL = Mistake(
    "ece-gaps-cancel",
    "Over- and under-confident bins cancelled out: you compared the overall accuracy with the "
    "overall confidence, or summed signed gaps. Take |acc_b - conf_b| inside each bin, then "
    "the weighted sum.",
    fix="take |acc_b - conf_b| in each bin",
)
ECE_TRUE_CLASS_CONFIDENCE = Mistake(
    "ece-true-class-confidence",
    "Top-label ECE uses the confidence of the *predicted* class, the row maximum, and "
    "accuracy = (argmax == label); you used the probability of the true class.",
    fix="use the top probability as confidence",
)
ECE_BIN_MIDPOINT = Mistake(
    "ece-bin-midpoint",
    "conf_b is the mean confidence of the samples in the bin, not the middle of the bin.",
    fix="use the bin's mean confidence",
)
ECE_MAX_GAP = Mistake(
    "ece-max-gap",
    "You returned the largest gap over the bins (the maximum calibration error). ECE is the "
    "weighted average sum_b (n_b / N) |acc_b - conf_b|.",
    fix="sum the gaps weighted by n_b / N",
)
ECE_SQUARED_GAP = Mistake(
    "ece-squared-gap",
    "ECE uses the absolute gap |acc_b - conf_b|, not its square.",
    fix="use |acc_b - conf_b|, not its square",
)
ECE_PERCENT = Mistake(
    "ece-percent",
    "Return ECE as a fraction between 0 and 1, not in percent.",
    fix="return a fraction, not percent",
)
ECE_WRONG_BIN_COUNT = Mistake(
    "ece-wrong-bin-count",
    "Use exactly `n_bins` equal-width bins: the edges are np.linspace(0, 1, n_bins + 1) "
    "(n_bins + 1 edges, n_bins bins), and the `n_bins` argument, not a fixed number.",
    fix="use exactly `n_bins` equal-width bins",
)
ECE_LEFT_CLOSED_BINS = Mistake(
    "ece-left-closed-bins",
    "The bins are (lo, hi]: a confidence exactly on an edge belongs to the bin it closes, "
    "and a confidence of 1 to the last bin (np.searchsorted(edges, conf, side='left') - 1, "
    "or np.digitize(conf, edges, right=True) - 1).",
    fix="use bins (lo, hi]",
)
ECE_TIES = Mistake(
    "ece-ties-not-lowest-index",
    "The prediction is the argmax of each row, and a tie goes to the lowest index (as "
    "np.argmax does): a true class tied with an earlier one is a wrong prediction.",
    fix="predict with np.argmax (ties: lowest index)",
)


# --- helpers -----------------------------------------------------------------------------


def _first_match(out, variants, *, rtol=1e-6, atol=1e-12):
    """The first mistake whose (wrong) value ``out`` reproduces, or None."""
    for mistake, value in variants:
        value = np.asarray(value, dtype=np.float64)
        if out.shape == value.shape and np.allclose(out, value, rtol=rtol, atol=atol):
            return mistake
    return None


def _scalar(result, what, kind="number"):
    """Read a result that must be a single real number."""
    __tracebackhide__ = True
    out = to_array(result, what)
    if out.shape != ():
        raise fail(
            f"return a single {kind}: {what} returned {describe(out)} (shape {out.shape}).",
            WRONG_SHAPE,
        )
    return float(out)


def _slice_sums(out, axis):
    with np.errstate(all="ignore"):
        return np.sum(out.astype(np.float64), axis=axis)


def _expect_normalised(out, axis, what):
    """Fail with ``temperature-not-normalised`` if a slice along ``axis`` does not sum to 1."""
    __tracebackhide__ = True
    sums = np.atleast_1d(_slice_sums(out, axis))
    bad = ~np.isclose(sums, 1.0, rtol=0.0, atol=1e-6)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        where = "it sums" if sums.size == 1 else f"the slice at {index} sums"
        raise fail(
            f"{what}: {where} to {sums[index]:.6g} along axis {axis}, not 1.",
            TEMPERATURE_NOT_NORMALISED,
        )


def _weights_softmax(w, axis=-1):
    """softmax(2 ln w / 2) of hand-picked positive weights: simply w over its sum."""
    w = np.asarray(w, dtype=np.float64)
    return w / w.sum(axis=axis, keepdims=True)


def _stated_rules_first(fn, exercise):
    """Hidden tests: probe the contract the text states before comparing with the reference.

    The runner probes the contract after the exercise's own checks, hidden part included; a
    wrong answer that also slips on a dtype would then be named by a reference comparison
    (``wrong-dtype``) in the hidden tests but by a contract probe in the visible ones. Probing
    the stated rules here first keeps the two verdicts the same.
    """
    __tracebackhide__ = True
    check_contract(fn, CONTRACTS[exercise])


# --- softmax_with_temperature ------------------------------------------------------------


def _diagnose_temperature(out, expected, variants, shown):
    """Compare one hand-worked case; name the mistake before a generic failure."""
    __tracebackhide__ = True
    expect_shape(out, np.shape(expected), shown)
    if np.allclose(out, expected, rtol=1e-6, atol=1e-12):
        return
    mistake = _first_match(out, variants)
    if mistake is not None:
        raise fail(f"{shown} returned {describe(out)}.", mistake)
    _expect_normalised(out, -1, shown)
    expect_close(out, expected, shown, rtol=1e-6, atol=1e-12)


def _temperature_values(f):
    """Two temperatures on 1-D logits: z = 2 ln w at T = 2 gives w / sum(w)."""
    __tracebackhide__ = True
    # The wrong answers are worked out the same way: z * T gives w**4 / sum, plain
    # softmax(z) gives w**2 / sum.
    shown = "softmax_with_temperature([0, ln 4], T=2)"
    out = to_array(call(f, np.array([0.0, np.log(4.0)]), 2.0), shown)
    _diagnose_temperature(
        out,
        [1 / 3, 2 / 3],
        [
            (TEMPERATURE_MULTIPLIED, [1 / 17, 16 / 17]),
            (TEMPERATURE_IGNORED, [0.2, 0.8]),
            (TEMPERATURE_AFTER_SOFTMAX, np.sqrt([0.2, 0.8])),
            (TEMPERATURE_AFTER_SOFTMAX, [0.1, 0.4]),
            (TEMPERATURE_AFTER_SOFTMAX, [0.04, 0.64]),
            (TEMPERATURE_LOG_PROBABILITIES, np.log([1 / 3, 2 / 3])),
        ],
        shown,
    )
    # T < 1 sharpens: ln 2 / 0.5 = ln 4, so [1/5, 4/5].
    shown = "softmax_with_temperature([0, ln 2], T=0.5)"
    out = to_array(call(f, np.array([0.0, np.log(2.0)]), 0.5), shown)
    root2 = math.sqrt(2.0)
    _diagnose_temperature(
        out,
        [0.2, 0.8],
        [
            (TEMPERATURE_MULTIPLIED, [1 / (1 + root2), root2 / (1 + root2)]),
            (TEMPERATURE_IGNORED, [1 / 3, 2 / 3]),
            (TEMPERATURE_AFTER_SOFTMAX, [1 / 9, 4 / 9]),
            (TEMPERATURE_AFTER_SOFTMAX, [2 / 3, 4 / 3]),
            (TEMPERATURE_LOG_PROBABILITIES, np.log([0.2, 0.8])),
        ],
        shown,
    )


def _temperature_batches(f):
    """A square batch (a missing keepdims broadcasts silently) and axis=0 on a non-square one."""
    __tracebackhide__ = True
    W = np.array([[1.0, 2.0, 1.0], [2.0, 3.0, 3.0], [1.0, 1.0, 2.0]])
    Z = 2.0 * np.log(W)
    shown = f"softmax_with_temperature({describe(Z)}, T=2)"
    out = to_array(call(f, Z, 2.0), shown)
    expect_shape(out, W.shape, shown)
    if not np.allclose(out, _weights_softmax(W), rtol=1e-6, atol=1e-12):
        per_column_max = W / W.max(axis=-1)[None, :]  # shifted by the max of another row
        per_row_max = W / W.max(axis=-1, keepdims=True)  # shifted right, summed wrong
        mistake = _first_match(
            out,
            [
                (GLOBAL_NORMALISATION, W / W.sum()),
                (WRONG_AXIS, W / W.sum(axis=0, keepdims=True)),
                (MISSING_KEEPDIMS, W / W.sum(axis=-1)[None, :]),
                (MISSING_KEEPDIMS, per_row_max / per_row_max.sum(axis=-1)[None, :]),
                (MISSING_KEEPDIMS, _weights_softmax(per_column_max)),
                (MISSING_KEEPDIMS, per_column_max / per_column_max.sum(axis=-1)[None, :]),
            ],
        )
        if mistake is not None:
            sums = _slice_sums(out, -1)
            raise fail(
                f"{shown} returned {describe(out)}: its rows sum to {describe(sums)}.", mistake
            )
        _expect_normalised(out, -1, shown)
        expect_close(out, _weights_softmax(W), shown, rtol=1e-6, atol=1e-12)

    W2 = np.array([[1.0, 2.0], [2.0, 3.0], [1.0, 3.0]])
    Z2 = 2.0 * np.log(W2)
    shown = f"softmax_with_temperature({describe(Z2)}, T=2, axis=0)"
    out = to_array(call(f, Z2, 2.0, axis=0), shown)
    expect_shape(out, W2.shape, shown)
    if not np.allclose(out, _weights_softmax(W2, axis=0), rtol=1e-6, atol=1e-12):
        if _first_match(out, [(WRONG_AXIS, _weights_softmax(W2, axis=-1))]) is not None:
            raise fail(
                f"{shown} returned {describe(out)}: its rows sum to 1, but with axis=0 each "
                "column must.",
                WRONG_AXIS,
            )
        if _first_match(out, [(GLOBAL_NORMALISATION, W2 / W2.sum())]) is not None:
            raise fail(
                f"{shown} returned {describe(out)}, which sums to 1 overall.", GLOBAL_NORMALISATION
            )
        _expect_normalised(out, 0, shown)
        expect_close(out, _weights_softmax(W2, axis=0), shown, rtol=1e-6, atol=1e-12)


def _temperature_extremes(f):
    """Large logits, rows far apart, a tiny T, and a near tie at a tiny T."""
    __tracebackhide__ = True
    # At T = 1 a shift by max(z) is right, so only a missing shift fails here.
    big = np.exp([-2.0, -1.0, 0.0]) / np.exp([-2.0, -1.0, 0.0]).sum()
    shown = "softmax_with_temperature([1000, 1001, 1002], T=1)"
    out = to_array(call(f, np.array([1000.0, 1001.0, 1002.0]), 1.0), shown)
    expect_shape(out, (3,), shown)
    if not np.all(np.isfinite(out)):
        raise fail(f"{shown} returned {describe(out)}.", NO_MAX_SHIFT)
    expect_close(out, big, shown, rtol=1e-6, atol=1e-12)
    Z = np.array([[0.0, 1.0, 2.0], [1000.0, 1001.0, 1002.0]])
    shown = "softmax_with_temperature([[0, 1, 2], [1000, 1001, 1002]], T=1)"
    out = to_array(call(f, Z, 1.0), shown)
    expect_shape(out, Z.shape, shown)
    if not np.allclose(out, [big, big], rtol=1e-6, atol=1e-12):
        if not np.all(np.isfinite(out[0])) or np.all(out[0] == 0.0):
            raise fail(
                f"{shown} returned {describe(out)}: the row far below the other one lost its "
                "probabilities.",
                GLOBAL_MAX_SHIFT,
            )
        expect_close(out, [big, big], shown, rtol=1e-6, atol=1e-12)
    # A small T: z / T reaches 1e4 (e^10000 overflows); the answer is one-hot on the max.
    shown = "softmax_with_temperature([9, 10, 0], T=0.001)"
    out = to_array(call(f, np.array([9.0, 10.0, 0.0]), 1e-3), shown)
    expect_shape(out, (3,), shown)
    if not np.all(np.isfinite(out)):
        raise fail(f"{shown} returned {describe(out)}.", TEMPERATURE_UNSCALED_SHIFT)
    expect_close(out, [0.0, 1.0, 0.0], shown, rtol=1e-6, atol=1e-12)
    # ... but a near tie at the same T is not one-hot: (0.001 ln 3) / 0.001 = ln 3.
    shown = "softmax_with_temperature([2, 2 + 0.001 ln 3], T=0.001)"
    out = to_array(call(f, np.array([2.0, 2.0 + 1e-3 * math.log(3.0)]), 1e-3), shown)
    expect_shape(out, (2,), shown)
    if np.allclose(out, [0.0, 1.0]):
        raise fail(
            f"{shown} returned {describe(out)}; the two logits are within T of each other.",
            TEMPERATURE_ARGMAX_SHORTCUT,
        )
    # The division by 0.001 loses a few digits of 0.001 ln 3 (z is rounded near 2).
    expect_close(out, [0.25, 0.75], shown, rtol=1e-9, atol=1e-9)


@exercise_check("softmax_with_temperature")
def check_softmax_with_temperature(softmax_with_temperature, reference=None):
    """Check ``softmax_with_temperature``.

    Visible: hand-worked values (``2 ln w`` at ``T = 2`` is ``w / sum(w)``) with the classic
    wrong answers named, batches and ``axis``, logits of 1000, a tiny ``T`` and a near tie
    at a tiny ``T``; then its contract (below). Hidden: random shapes, axes, temperatures and
    dtypes against the reference.
    """
    __tracebackhide__ = True
    f = softmax_with_temperature
    _temperature_values(f)
    _temperature_batches(f)
    _temperature_extremes(f)
    if reference is None:
        return
    _stated_rules_first(f, "softmax_with_temperature")

    rng = np.random.default_rng(5)
    tol = {"rtol": 1e-9, "atol": 1e-300}
    for shape, axis, T in [
        ((6,), -1, 0.7),
        ((4, 7), -1, 3.5),
        ((4, 7), 0, 0.25),
        ((2, 3, 5), 1, 1.0),
        ((2, 3, 5), -1, 10.0),
        ((3, 4, 2), 0, 0.1),
    ]:
        z = rng.normal(size=shape) * 3.0
        matches_reference(f, reference, (z, T), {"axis": axis}, **tol)
    # Extremes: huge logits, tiny and huge temperatures, -inf entries, near ties.
    matches_reference(f, reference, (rng.normal(size=(3, 6)) * 1000.0, 1.0), **tol)
    matches_reference(f, reference, (rng.normal(size=(3, 10)) * 10.0, 1e-3), **tol)
    matches_reference(f, reference, (rng.normal(size=(2, 5)), 1e-6), **tol)
    matches_reference(f, reference, (rng.normal(size=(2, 5)), 1e6), **tol)
    z = np.array([[2.0, 2.001, 0.0], [1.0, 1.0, 0.9995]])
    matches_reference(f, reference, (z, 1e-3), **tol)
    z = np.array([[-np.inf, 0.0, 1.0, 2.0], [3.0, -np.inf, -np.inf, 0.0]])
    matches_reference(f, reference, (z, 0.5), **tol)
    # Dtypes: float32 and float16 kept, integers promoted, NumPy scalar temperatures.
    z = rng.normal(size=(3, 5)) * 3.0
    matches_reference(f, reference, (z.astype(np.float32), 0.7), rtol=1e-5, atol=1e-30)
    matches_reference(f, reference, (z.astype(np.float32), np.float32(0.7)), rtol=1e-5, atol=1e-30)
    z16 = rng.uniform(-2.0, 2.0, size=(3, 4)).astype(np.float16)
    matches_reference(f, reference, (z16, 1.5), rtol=1e-2, atol=1e-3)
    matches_reference(f, reference, (np.array([[1, 2, 3], [0, 0, 5]]), 2), **tol)
    matches_reference(f, reference, ([[1.0, 2.0], [3.0, 5.0]], np.int64(2)), **tol)


# --- entropy -----------------------------------------------------------------------------


def _diagnose_entropy(out, expected, variants, shown):
    __tracebackhide__ = True
    if out.shape != np.shape(expected):
        expect_shape(out, np.shape(expected), shown)
    if np.allclose(out, expected, rtol=1e-6, atol=1e-12):
        return
    mistake = _first_match(out, variants)
    raise fail(f"{shown} returned {float(out):.10g}.", mistake or WRONG_VALUES)


def _entropy_values(f):
    """ln 4, 1.5 ln 2, and zeros (0 log 0 = 0), each with its classic wrong answers."""
    __tracebackhide__ = True
    ln2, ln4 = math.log(2.0), math.log(4.0)

    def wrong_units(h, k):
        """The same entropy in bits, in log10 units, and divided by log K."""
        return [h / ln2, h / math.log(10.0), h / math.log(k)]

    for p, h, text in (
        (np.full(4, 0.25), ln4, "[0.25, 0.25, 0.25, 0.25]"),
        (np.array([0.5, 0.25, 0.25]), 1.5 * ln2, "[0.5, 0.25, 0.25]"),
    ):
        shown = f"entropy({text})"
        out = to_array(call(f, p), shown)
        _diagnose_entropy(
            out,
            h,
            [(ENTROPY_NOT_IN_NATS, v) for v in wrong_units(h, len(p))]
            + [(ENTROPY_SIGN, -h), (ENTROPY_AVERAGED, h / len(p))],
            shown,
        )
    for p, h in (([0.5, 0.5, 0.0], ln2), ([0.0, 1.0, 0.0], 0.0)):
        p = np.array(p)
        shown = f"entropy({describe(p)})"
        out = to_array(call(f, p), shown)
        expect_shape(out, (), shown)
        if np.isnan(out):
            raise fail(f"{shown} returned nan.", ENTROPY_NAN_AT_ZERO)
        expect_close(out, h, shown, rtol=1e-6, atol=1e-12)


def _entropy_batches(f):
    """One entropy per row; with axis=0, one per column (named before the generic probes)."""
    __tracebackhide__ = True
    P = np.array([[0.5, 0.25, 0.25], [0.125, 0.125, 0.75]])
    rows = np.array([1.5 * math.log(2.0), 0.25 * math.log(8.0) + 0.75 * math.log(4.0 / 3.0)])
    for p, kwargs, other in ((P, {}, "column"), (P.T, {"axis": 0}, "row")):
        shown = f"entropy({describe(p)}{', axis=0' if kwargs else ''})"
        out = to_array(call(f, p, **kwargs), shown)
        if out.shape == () and np.isclose(out, rows.sum(), rtol=1e-6):
            raise fail(f"{shown} returned the single number {float(out):.6g}.", ENTROPY_TOTAL)
        if out.shape == (3,):
            raise fail(f"{shown} returned shape (3,), one value per {other}.", WRONG_AXIS)
        expect_shape(out, (2,), shown)
        expect_close(out, rows, shown, rtol=1e-6, atol=1e-12)
    # A Python float for one distribution loses a float32 input's dtype; say why.
    shown = "entropy(float32 [0.5, 0.5])"
    result = call(f, np.array([0.5, 0.5], dtype=np.float32))
    if type(result) is float:
        raise fail(
            f"return a NumPy float32 scalar: {shown} returned a Python float, which is "
            "float64; drop float(...): np.sum already gives a NumPy scalar.",
            WRONG_DTYPE,
        )


@exercise_check("entropy")
def check_entropy(entropy, reference=None):
    """Check ``entropy``.

    Visible: hand-worked values (``ln 4``, ``1.5 ln 2``, zeros) with the classic wrong
    answers named (bits, a missing minus, a mean, NaN at 0), a batch and ``axis=0``; then
    its contract (below). Hidden: random distributions with exact zeros, axes and dtypes
    against the reference.
    """
    __tracebackhide__ = True
    f = entropy
    _entropy_values(f)
    _entropy_batches(f)
    if reference is None:
        return
    _stated_rules_first(f, "entropy")

    rng = np.random.default_rng(11)
    tol = {"rtol": 1e-9, "atol": 1e-14}
    for shape, axis in [((6,), -1), ((4, 5), -1), ((5, 4), 0), ((2, 3, 4), 1), ((3, 2, 6), -1)]:
        p = np.moveaxis(
            rng.dirichlet(np.full(shape[axis], 0.5), size=_without(shape, axis)), -1, axis
        )
        # exact zeros, never the largest entry, so every slice stays a distribution
        p[(rng.random(p.shape) < 0.2) & (p < p.max(axis=axis, keepdims=True))] = 0.0
        p = p / p.sum(axis=axis, keepdims=True)
        matches_reference(f, reference, (p,), {"axis": axis}, **tol)
    tiny = np.array([[1.0 - 2e-300, 1e-300, 1e-300], [1.0, 0.0, 0.0]])
    matches_reference(f, reference, (tiny,), **tol)
    p = rng.dirichlet(np.ones(5), size=3)
    matches_reference(f, reference, (p.astype(np.float32),), rtol=1e-5, atol=1e-7)
    matches_reference(f, reference, (p.astype(np.float16),), rtol=1e-2, atol=1e-3)
    matches_reference(f, reference, (p[0].astype(np.float32),), rtol=1e-5, atol=1e-7)
    matches_reference(f, reference, (np.array([[0, 1, 0], [1, 0, 0]]),), **tol)
    matches_reference(f, reference, ([[0.5, 0.5], [0.2, 0.8]],), **tol)
    # A long float16 row: 4096 classes of 2^-12 each, entropy 12 ln 2.
    matches_reference(f, reference, (np.full(4096, 2.0**-12, dtype=np.float16),), rtol=1e-3)


def _without(shape, axis):
    """``shape`` with ``axis`` removed."""
    axis = axis % len(shape)
    return shape[:axis] + shape[axis + 1 :]


# --- sample_with_temperature -------------------------------------------------------------


def _draw(f, z, T, seed, size, shown):
    """Draws of the learner's sampler with ``default_rng(seed)``, read as integer indices."""
    __tracebackhide__ = True
    result = call(f, z, T, np.random.default_rng(seed), size=size)
    if isinstance(result, (list, tuple)):
        raise fail(
            f"return a NumPy array of indices: {shown} returned a Python "
            f"{type(result).__name__} (rng.choice and np.searchsorted give an array).",
            RETURNED_LIST,
        )
    out = to_array(result, shown)
    if out.dtype.kind == "f":
        if out.ndim == 1 and out.shape[0] == len(z) and np.isclose(out.sum(), 1.0):
            raise fail(
                f"{shown} returned {describe(out)}, a probability vector.",
                SAMPLING_RETURNED_PROBABILITIES,
            )
        raise fail(f"{shown} returned {describe(out)} of dtype {out.dtype}.", SAMPLING_NOT_INTEGER)
    if out.dtype.kind not in "iu":
        raise fail(f"{shown} returned {describe(out)} of dtype {out.dtype}.", SAMPLING_NOT_INTEGER)
    expected = () if size is None else (size,) if isinstance(size, int) else tuple(size)
    expect_shape(out, expected, shown)
    if out.size and (out.min() < 0 or out.max() >= len(z)):
        raise fail(
            f"{shown} returned indices from {out.min()} to {out.max()}; with {len(z)} classes "
            f"they must lie in 0..{len(z) - 1}.",
            SAMPLING_OUT_OF_RANGE,
        )
    return out


def _chi_square(counts, p):
    """Pearson's statistic of ``counts`` against probabilities ``p`` (all > 0)."""
    expected = counts.sum() * np.asarray(p)
    return float(np.sum((counts - expected) ** 2 / expected))


def _chi_square_two_samples(a, b):
    """Statistic of the test that two equal-size count vectors share one distribution."""
    both = a + b
    used = both > 0
    return float(np.sum((a[used] - b[used]) ** 2 / both[used]))


#: Chi-square statistics above which frequencies are rejected: a correct sampler exceeds them
#: with probability ~1.2e-7 (3 degrees of freedom) and ~3.8e-7 (5 degrees of freedom). The
#: seeds are fixed, so a check's verdict never changes between runs; the bounds are generous
#: so that no correct method of drawing (choice, inverse CDF, Gumbel-max) is ever rejected.
_CHI_SQUARE_LIMIT = {3: 35.0, 5: 38.0}


def _sampling_frequencies(f):
    """10,000 draws from p = [0.3, 0.1, 0.4, 0.2]; a failure names the distribution drawn."""
    __tracebackhide__ = True
    # z = 2 ln w at T = 2 gives p = w / sum(w). Not in increasing order, so that sampling
    # from the *sorted* probabilities shows.
    w = np.array([3.0, 1.0, 4.0, 2.0])
    z = 2.0 * np.log(w)
    n = 10000
    shown = f"sample_with_temperature(2 ln [3, 1, 4, 2], T=2, rng, size={n})"
    out = _draw(f, z, 2.0, 2024, n, shown)
    counts = np.bincount(out.ravel(), minlength=4).astype(np.float64)
    if _chi_square(counts, w / w.sum()) <= _CHI_SQUARE_LIMIT[3]:
        return
    freq = counts / n
    mistake = SAMPLING_WRONG_FREQUENCIES
    for candidate, p in [
        (SAMPLING_ARGMAX, (w == w.max()).astype(np.float64)),
        (TEMPERATURE_IGNORED, w**2 / np.sum(w**2)),
        (TEMPERATURE_MULTIPLIED, w**4 / np.sum(w**4)),
        (SAMPLING_FROM_LOGITS, z / z.sum()),
    ]:
        if 0.5 * np.abs(freq - np.asarray(p)).sum() < 0.02:
            mistake = candidate
            break
    raise fail(
        f"{shown} drew the classes with frequencies {describe(freq.round(4))}; over "
        f"{n} draws these are too far from softmax(z / T) to be chance.",
        mistake,
    )


def _sampling_uses_rng(f):
    """The generator, and only it, decides: same seed -> same draws, whatever np.random holds."""
    __tracebackhide__ = True
    z = 2.0 * np.log([3.0, 1.0, 4.0, 2.0])
    shown = "sample_with_temperature(z, T=2, rng=default_rng({}), size=64)"
    state = np.random.get_state()  # noqa: NPY002 - the global state the learner must not use
    try:
        np.random.seed(1)  # noqa: NPY002 - the global state the learner must not use
        a = _draw(f, z, 2.0, 7, 64, shown.format(7))
        np.random.seed(2)  # noqa: NPY002 - the global state the learner must not use
        b = _draw(f, z, 2.0, 7, 64, shown.format(7))
        np.random.seed(1)  # noqa: NPY002 - the global state the learner must not use
        c = _draw(f, z, 2.0, 8, 64, shown.format(8))
    finally:
        np.random.set_state(state)  # noqa: NPY002 - the global state the learner must not use
    if not np.array_equal(a, b):
        raise fail(
            "two calls with generators seeded identically (np.random.default_rng(7)) gave "
            "different samples.",
            SAMPLING_IGNORES_RNG,
        )
    if np.array_equal(a, c):
        raise fail(
            "generators with different seeds (7 and 8) gave exactly the same 64 samples.",
            SAMPLING_IGNORES_RNG,
        )


def _sampling_small_T(f, z, T, seed, size, shown, mistake):
    """At a tiny T only the largest logit may be drawn; a crash or NaN names ``mistake``."""
    __tracebackhide__ = True
    try:
        out = _draw(f, z, T, seed, size, shown)
    except CheckFailed as failure:
        if failure.mistake in (RAISED_ERROR, SAMPLING_OUT_OF_RANGE):
            raise fail(f"{failure.problem} For a small T, z / T is huge.", mistake) from None
        raise
    top = int(np.argmax(np.asarray(z, dtype=np.float64)))
    if np.any(out != top):
        raise fail(
            f"{shown} drew classes {describe(np.unique(out))}; at such a small T only the "
            f"largest logit (index {top}) has any probability.",
            mistake,
        )


@exercise_check("sample_with_temperature")
def check_sample_with_temperature(sample_with_temperature, reference=None):
    """Check ``sample_with_temperature``.

    Visible: shapes and integer indices, frequencies over 10,000 draws (chi-square, fixed
    seed), the generator alone deciding the draws, a tiny ``T`` in float64 and in float16;
    then its contract (below). Hidden: frequencies against the reference's on random
    logits (a two-sample test, never draw by draw), integer and list input, 50 classes at
    ``T = 1e-8``.
    """
    __tracebackhide__ = True
    f = sample_with_temperature
    z0 = np.array([0.5, 1.0, 1.5])
    _draw(f, z0, 1.0, 0, None, "sample_with_temperature([0.5, 1, 1.5], T=1, rng)")
    _draw(f, z0, 1.0, 1, 5, "sample_with_temperature([0.5, 1, 1.5], T=1, rng, size=5)")
    _draw(f, z0, 1.0, 2, (2, 3), "sample_with_temperature([0.5, 1, 1.5], T=1, rng, size=(2, 3))")
    _sampling_frequencies(f)
    _sampling_uses_rng(f)
    # T -> 0: z / T differ by 100, so the largest logit is drawn every time.
    shown = "sample_with_temperature([1, 3, 2.9], T=0.001, rng, size=200)"
    _sampling_small_T(f, np.array([1.0, 3.0, 2.9]), 1e-3, 3, 200, shown, NO_MAX_SHIFT)
    # In float16, z / T = 3 / 1e-5 overflows to inf: shift first (or compute in float64).
    z16 = np.array([1.0, 2.0, 3.0], dtype=np.float16)
    shown = "sample_with_temperature(float16 [1, 2, 3], T=1e-5, rng, size=20)"
    _sampling_small_T(f, z16, 1e-5, 9, 20, shown, TEMPERATURE_DIVIDED_FIRST)
    # Rounded to float16 and summed in float16, these probabilities end at 0.99902: about 20
    # of 20,000 draws u lie above the last cumulative sum, where no class is.
    z16 = np.array([-0.8, 0.5, 1.2, -1.9, 1.5, 0.5, 1.6, 0.5], dtype=np.float16)
    shown = "sample_with_temperature(8 float16 logits, T=1, rng, size=20000)"
    try:
        _draw(f, z16, 1.0, 11, 20000, shown)
    except CheckFailed as failure:
        if failure.mistake is SAMPLING_OUT_OF_RANGE:
            raise fail(failure.problem, SAMPLING_CDF_BELOW_ONE) from None
        raise
    if reference is None:
        return
    _stated_rules_first(f, "sample_with_temperature")

    # Two-sample tests against the reference on random logits and temperatures.
    rng = np.random.default_rng(99)
    n = 10000
    for T in (0.5, 1.0, 3.0):
        z = rng.normal(size=6) * 2.0
        shown = f"sample_with_temperature({describe(z)}, T={T}, rng, size={n})"
        ours = _draw(f, z, T, 1000, n, shown)
        theirs = np.asarray(reference(z, T, np.random.default_rng(2000), size=n))
        a = np.bincount(ours, minlength=6).astype(np.float64)
        b = np.bincount(theirs, minlength=6).astype(np.float64)
        if _chi_square_two_samples(a, b) > _CHI_SQUARE_LIMIT[5]:
            raise fail(
                f"{shown} drew the classes {describe(a / n)} of the time; softmax(z / T) "
                f"gives about {describe(b / n)}.",
                SAMPLING_WRONG_FREQUENCIES,
            )
    _draw(f, np.array([1, 2, 3]), 2, 5, 10, "sample_with_temperature([1, 2, 3], T=2, rng, size=10)")
    _draw(
        f, [0.5, 1.5], 1.0, 6, (3, 4), "sample_with_temperature([0.5, 1.5], T=1, rng, size=(3, 4))"
    )
    z = rng.normal(size=50) * 5.0
    shown = "sample_with_temperature(z, T=1e-8, rng, size=20) for 50 random logits"
    _sampling_small_T(f, z, 1e-8, 7, 20, shown, NO_MAX_SHIFT)


# --- fit_temperature ---------------------------------------------------------------------

# Hand-worked data sets. Binary logits [s, 0] on every row, label 0 in 3 rows of 4: the
# best T makes sigmoid(s / T) = 3/4, i.e. s / T = ln 3.
_OVERCONFIDENT = (np.array([[2.0 * math.log(3.0), 0.0]] * 4), np.array([0, 0, 0, 1]), 2.0)
_UNDERCONFIDENT = (np.array([[0.5 * math.log(3.0), 0.0]] * 4), np.array([0, 0, 0, 1]), 0.5)
# Three classes, the confident class in different columns; p_max = 6 / (6 + 2) at T = 2.
_C = 2.0 * math.log(6.0)
_THREE_CLASSES = (
    np.array([[_C, 0.0, 0.0], [0.0, _C, 0.0], [0.0, 0.0, _C], [0.0, _C, 0.0]]),
    np.array([0, 1, 2, 0]),
    2.0,
)


def _binary_slope(s, T):
    """d(mean NLL)/dT on a data set of binary rows [s, 0] with label 0 in 3 of 4 rows."""
    # NLL(beta) has derivative s (sigmoid(beta s) - 3/4); dT = -dbeta / T^2 flips the sign.
    return -s * (1.0 / (1.0 + math.exp(-s / T)) - 0.75)


def _nll_slope(logits, labels, beta):
    """d(mean NLL)/d(beta) at ``beta``: the mean over rows of E_p[z] - z_y, p = softmax(beta z)."""
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(beta * z)
    p = e / e.sum(axis=1, keepdims=True)
    return float(np.mean(np.sum(p * z, axis=1) - z[np.arange(len(labels)), labels]))


def _fit(f, logits, labels, shown):
    __tracebackhide__ = True
    T = _scalar(call(f, logits, labels), shown, "temperature")
    if not (math.isfinite(T) and T > 0.0):
        raise fail(f"{shown} returned {T}.", FIT_NOT_POSITIVE)
    return T


@exercise_check("fit_temperature")
def check_fit_temperature(fit_temperature, reference=None):
    """Check ``fit_temperature``.

    Visible: hand-worked data sets (an overconfident model needs ``T = 2``, an
    underconfident one ``T = 1/2``, three classes), a confident row of 2000 that must not
    overflow, ``T`` scaling with the logits; then its contract (below). Hidden: data whose
    labels are drawn at a known temperature, small, shifted and float32 logits, lists,
    against the reference.
    """
    __tracebackhide__ = True
    f = fit_temperature
    rtol = 1e-4  # to name a specific mistake first; the minimum itself is held to 1e-6 below

    logits, labels, best = _OVERCONFIDENT
    shown_a = "fit_temperature(overconfident logits [[2 ln 3, 0]] * 4, labels [0, 0, 0, 1])"
    t_a = _fit(f, logits, labels, shown_a)
    logits, labels, best = _UNDERCONFIDENT
    shown_b = "fit_temperature(underconfident logits [[0.5 ln 3, 0]] * 4, labels [0, 0, 0, 1])"
    t_b = _fit(f, logits, labels, shown_b)
    for t, (_, _, best), shown in ((t_a, _OVERCONFIDENT, shown_a), (t_b, _UNDERCONFIDENT, shown_b)):
        if abs(t - best) > rtol * best and abs(t * best - 1.0) <= 1e-3:
            raise fail(
                f"{shown} returned {t:.6g}: the model is "
                f"{'over' if best > 1 else 'under'}confident, so T should be "
                f"{'above' if best > 1 else 'below'} 1.",
                FIT_RETURNED_BETA,
            )
    if abs(t_a - t_b) <= 1e-9 * t_a:
        raise fail(
            f"fit_temperature returned {t_a:.6g} both for an overconfident and for an "
            "underconfident model.",
            FIT_IGNORES_DATA,
        )
    for t, (logits, _, best), shown in (
        (t_a, _OVERCONFIDENT, shown_a),
        (t_b, _UNDERCONFIDENT, shown_b),
    ):
        if abs(t - best) > rtol * best:
            slope = _binary_slope(logits[0, 0], t)
            direction = "larger" if slope < 0 else "smaller"
            raise fail(
                f"{shown} returned {t:.6g}, but the mean NLL still decreases for a {direction} "
                "T there.",
                FIT_NOT_MINIMUM,
            )

    logits, labels, best = _THREE_CLASSES
    shown = "fit_temperature(three-class logits, labels [0, 1, 2, 0])"
    t = _fit(f, logits, labels, shown)
    if abs(t - best) > rtol * best:
        raise fail(
            f"{shown} returned {t:.6g}, which does not minimise the mean NLL.", FIT_NOT_MINIMUM
        )
    # At the minimum, d(mean NLL)/d(beta) = mean over rows of (E_p[z] - z_y) is 0 (beta = 1/T).
    # A T chosen by another rule (mean confidence = accuracy) is not a zero of it here.
    logits, labels = np.array([[5.0, 0.0, 0.0], [0.0, 1.0, 0.0]]), np.array([0, 2])
    shown = "fit_temperature([[5, 0, 0], [0, 1, 0]], labels [0, 2])"
    t = _fit(f, logits, labels, shown)
    slope = _nll_slope(logits, labels, 1.0 / t)
    if abs(slope) > 1e-6:
        direction = "larger" if slope > 0 else "smaller"
        raise fail(
            f"{shown} returned {t:.6g}, but the mean NLL still decreases for a {direction} "
            "T there: minimise the NLL itself.",
            FIT_NOT_MINIMUM,
        )

    # One more, very confident and right, row [2000, 0]: it hardly moves the best T (its
    # share of the derivative is ~e^-1000), but 2000 / T overflows exp near T = 2.
    logits, labels, best = _OVERCONFIDENT
    logits = np.vstack([logits, [2000.0, 0.0]])
    labels = np.append(labels, 0)
    shown = "fit_temperature([[2 ln 3, 0]] * 4 + [[2000, 0]], labels [0, 0, 0, 1, 0])"
    try:
        t = _scalar(call(f, logits, labels), shown, "temperature")
    except CheckFailed as failure:
        if failure.mistake is RAISED_ERROR:
            raise fail(failure.problem, FIT_OVERFLOW) from None
        raise
    if not (math.isfinite(t) and abs(t - best) <= rtol * best):
        raise fail(
            f"{shown} returned {t:.6g}; the extra row is confident and right, so the best T "
            f"hardly differs from the {t_a:.6g} without it.",
            FIT_OVERFLOW,
        )

    # Equivariance: logits 1000 times larger need a 1000 times larger T.
    logits, labels, best = _OVERCONFIDENT
    shown = "fit_temperature(1000 * [[2 ln 3, 0]] * 4, labels [0, 0, 0, 1])"
    try:
        t = _fit(f, 1000.0 * logits, labels, shown)
    except CheckFailed as failure:
        if failure.mistake is RAISED_ERROR:
            raise fail(failure.problem, FIT_SCALED_LOGITS) from None
        raise
    if not abs(t - 1000.0 * t_a) <= rtol * 1000.0 * t_a:
        raise fail(
            f"{shown} returned {t:.6g}, but fit_temperature(...) on the same logits / 1000 "
            f"returned {t_a:.6g}: scaling the logits must scale T the same way.",
            FIT_SCALED_LOGITS,
        )

    # And 1000 times smaller: T 1000 times smaller. NLL' scales with the logits, so a stop
    # on a fixed |NLL'| < 1e-6 leaves this T off by ~1e-3.
    shown = "fit_temperature([[2 ln 3, 0]] * 4 / 1000, labels [0, 0, 0, 1])"
    t = _fit(f, logits / 1000.0, labels, shown)
    if not abs(t - t_a / 1000.0) <= 1e-6 * t_a / 1000.0:
        raise fail(
            f"{shown} returned {t!r}, but the same logits * 1000 give {t_a!r} here: scaling "
            "the logits must scale T the same way. Stop on the Newton step, not on |NLL'| "
            "(which shrinks with the logits).",
            FIT_NOT_MINIMUM,
        )

    # float32 logits: the same numbers in float64 give the T (to the 1e-6 that float32
    # input is held to). Computed in float32, Newton's derivative stalls near 1e-7.
    rng = np.random.default_rng(5)
    logits = (rng.normal(size=(200, 4)) * 3.0).astype(np.float32)
    labels = np.argmax(logits / 2.0 + rng.gumbel(size=logits.shape), axis=1)
    t64 = _fit(f, logits.astype(np.float64), labels, "fit_temperature(200 x 4 float64 logits)")
    shown = "fit_temperature(the same 200 x 4 logits in float32)"
    t32 = _fit(f, logits, labels, shown)
    if not abs(t32 - t64) <= 1e-6 * t64:
        raise fail(
            f"{shown} returned {t32!r}, but the same numbers in float64 give {t64!r}.",
            FIT_IN_FLOAT32,
        )

    # The minimum to 1e-6, as the graded tests hold it (a minimiser found from NLL values
    # alone is determined to about sqrt(eps) = 1.5e-8; Newton on NLL' does far better).
    for (_, _, best), t, shown in (
        (_OVERCONFIDENT, t_a, shown_a),
        (_UNDERCONFIDENT, t_b, shown_b),
    ):
        if abs(t - best) > 1e-6 * best:
            raise fail(
                f"{shown} returned {t!r}; the mean NLL is smallest at T = {best!r}.",
                FIT_NOT_MINIMUM,
            )

    if reference is None:
        return
    _stated_rules_first(f, "fit_temperature")

    # Hidden: synthetic data whose labels are drawn at a known temperature (Gumbel-max).
    rng = np.random.default_rng(17)
    cases = [(500, 10, 4.0, 3.0), (400, 5, 2.0, 0.5), (300, 8, 10.0, 20.0), (60, 3, 1.0, 1.3)]
    for n, k, scale, T0 in cases:
        logits = rng.normal(size=(n, k)) * scale
        labels = np.argmax(logits / T0 + rng.gumbel(size=(n, k)), axis=1)
        _compare_fit(
            f,
            reference,
            logits,
            labels,
            f"fit_temperature(N={n}, K={k} random logits, labels drawn at T={T0})",
        )
    logits = rng.normal(size=(200, 4)) * 3.0
    labels = np.argmax(logits / 2.0 + rng.gumbel(size=logits.shape), axis=1)
    _compare_fit(
        f,
        reference,
        logits * 1e-3,
        labels,
        "fit_temperature(random logits * 0.001)",
        FIT_SCALED_LOGITS,
    )
    _compare_fit(
        f,
        reference,
        logits + rng.normal(size=(200, 1)) * 50.0,
        labels,
        "fit_temperature(random logits + a shift per row)",
    )
    _compare_fit(f, reference, logits.astype(np.float32), labels, "fit_temperature(float32 logits)")
    _compare_fit(f, reference, logits[:40].tolist(), labels[:40].tolist(), "fit_temperature(lists)")


def _compare_fit(f, reference, logits, labels, shown, mistake=FIT_NOT_MINIMUM):
    __tracebackhide__ = True
    best = float(reference(logits, labels))
    try:
        t = _scalar(call(f, logits, labels), shown, "temperature")
    except CheckFailed as failure:
        if mistake is FIT_SCALED_LOGITS and failure.mistake is RAISED_ERROR:
            raise fail(failure.problem, mistake) from None
        raise
    if not (math.isfinite(t) and t > 0.0):
        raise fail(f"{shown} returned {t}.", FIT_NOT_POSITIVE)
    if abs(t - best) <= 1e-4 * best:
        return
    if abs(t * best - 1.0) <= 1e-3:
        raise fail(f"{shown} returned {t:.6g}, about 1 / {best:.6g}.", FIT_RETURNED_BETA)
    raise fail(f"{shown} returned {t:.6g}; the mean NLL is smallest at T = {best:.6g}.", mistake)


# --- expected_calibration_error ----------------------------------------------------------


def _ece(f, probs, labels, n_bins, shown, expected, variants=()):
    """One hand-worked ECE case; name a known wrong variant before a generic failure."""
    __tracebackhide__ = True
    kwargs = {} if n_bins is None else {"n_bins": n_bins}
    result = call(f, np.asarray(probs, dtype=np.float64), np.asarray(labels), **kwargs)
    value = _scalar(result, shown)
    if math.isclose(value, expected, rel_tol=1e-6, abs_tol=1e-9):
        return
    mistake = _first_match(np.asarray(value), variants, rtol=1e-6, atol=1e-9)
    raise fail(f"{shown} returned {value:.10g}.", mistake or WRONG_VALUES)


@exercise_check("expected_calibration_error")
def check_expected_calibration_error(expected_calibration_error, reference=None):
    """Check ``expected_calibration_error``.

    Visible: hand-worked sets (90% confident and right half the time: 0.4; calibrated: 0,
    bins of different sizes, ``n_bins=2``, confidences on bin edges and at 1, a tie) with
    the classic wrong answers named, and a NaN probability that must not be swallowed; then
    its contract (below). Hidden: random probabilities and labels, confidences on the edges
    of 8 bins, ties, float32, integer and list input, against the reference.
    """
    __tracebackhide__ = True
    f = expected_calibration_error

    # Confidence 0.9 both times, right once: |0.5 - 0.9| = 0.4. The true-class probabilities
    # are 0.9 and 0.1 (two bins, gaps 0.1 and 0.1).
    _ece(
        f,
        [[0.9, 0.1], [0.1, 0.9]],
        [0, 0],
        None,
        "expected_calibration_error([[0.9, 0.1], [0.1, 0.9]], labels [0, 0])",
        0.4,
        [
            (ECE_TRUE_CLASS_CONFIDENCE, 0.1),
            (ECE_PERCENT, 40.0),
            (ECE_SQUARED_GAP, 0.16),
            (ECE_GAPS_CANCEL, -0.4),
            (ECE_COUNTS_EMPTY_BINS, 0.4 / 15),
        ],
    )
    # Calibrated: says 75%, right 3 times in 4.
    _ece(
        f,
        [[0.75, 0.25]] * 4,
        [0, 0, 0, 1],
        None,
        "expected_calibration_error([[0.75, 0.25]] * 4, labels [0, 0, 0, 1])",
        0.0,
        [
            # 0.75 lies in bin (11/15, 12/15], whose midpoint is 11.5 / 15.
            (ECE_BIN_MIDPOINT, 11.5 / 15 - 0.75),
            # true-class probabilities 0.75 (x3, right) and 0.25 (wrong): 3/4 * 0.25 + 1/4 * 0.25
            (ECE_TRUE_CLASS_CONFIDENCE, 0.25),
        ],
    )
    # Two bins of different sizes (15 bins): one sample at 0.9, right (gap 0.1); three at
    # 0.65, one right (gap |1/3 - 0.65| = 0.95 / 3). Weighted: (0.1 + 0.95) / 4 = 0.2625.
    gap = 0.65 - 1.0 / 3.0
    _ece(
        f,
        [[0.9, 0.1], [0.65, 0.35], [0.65, 0.35], [0.65, 0.35]],
        [0, 0, 1, 1],
        None,
        "expected_calibration_error(confidences [0.9, 0.65, 0.65, 0.65], labels [0, 0, 1, 1])",
        0.2625,
        [
            (ECE_UNWEIGHTED, (0.1 + gap) / 2),
            (ECE_COUNTS_EMPTY_BINS, (0.1 + gap) / 15),
            (ECE_COUNTS_EMPTY_BINS, (0.1 + 3 * gap) / 15),
            (ECE_GAPS_CANCEL, 0.2125),
            (ECE_GAPS_CANCEL, -0.2125),
            # bin midpoints 0.9 and 0.6333: (0.1 + 3 |1/3 - 0.6333|) / 4
            (ECE_BIN_MIDPOINT, 0.25),
            # true-class probabilities 0.9, 0.65, 0.35, 0.35 in three bins
            (ECE_TRUE_CLASS_CONFIDENCE, (0.1 + 0.35 + 2 * 0.35) / 4),
            (ECE_MAX_GAP, gap),
            (ECE_SQUARED_GAP, (0.01 + 3 * gap**2) / 4),
            (ECE_PERCENT, 26.25),
        ],
    )
    # n_bins = 2 (K = 3): bin (0, 0.5] holds 0.45 (right); bin (0.5, 1] holds 0.7 (wrong) and
    # 0.9 (right): (0.55 + 2 |0.5 - 0.8|) / 3 = 0.38333. One bin gives |2/3 - 0.68333|;
    # 15 bins (n_bins ignored) give (0.55 + 0.7 + 0.1) / 3.
    _ece(
        f,
        [[0.45, 0.35, 0.2], [0.7, 0.2, 0.1], [0.05, 0.9, 0.05]],
        [0, 1, 1],
        2,
        "expected_calibration_error(confidences [0.45, 0.7, 0.9], labels [0, 1, 1], n_bins=2)",
        (0.55 + 0.6) / 3,
        [(ECE_WRONG_BIN_COUNT, abs(2 / 3 - 2.05 / 3)), (ECE_WRONG_BIN_COUNT, 1.35 / 3)],
    )
    # Confidences on bin edges (n_bins = 4): 0.5 closes (0.25, 0.5], 0.75 closes (0.5, 0.75].
    # (lo, hi]: {0.5 right} and {0.75 wrong, 0.6875 right}: (0.5 + 2 * 0.21875) / 3 = 0.3125.
    # [lo, hi): {0.5, 0.6875 right} and {0.75 wrong}: (2 * 0.40625 + 0.75) / 3.
    _ece(
        f,
        [[0.5, 0.5], [0.75, 0.25], [0.6875, 0.3125]],
        [0, 1, 0],
        4,
        "expected_calibration_error(confidences [0.5, 0.75, 0.6875], labels [0, 1, 0], n_bins=4)",
        0.3125,
        [(ECE_LEFT_CLOSED_BINS, (2 * 0.40625 + 0.75) / 3)],
    )
    # Confidence exactly 1 belongs to the last bin (0.9333, 1].
    shown = "expected_calibration_error([[1, 0], [0, 1], [0.9, 0.1]], labels [0, 1, 0])"
    try:
        _ece(f, [[1.0, 0.0], [0.0, 1.0], [0.9, 0.1]], [0, 1, 0], None, shown, 0.1 / 3)
    except CheckFailed as failure:
        if failure.mistake in (RAISED_ERROR, WRONG_VALUES):
            raise fail(
                failure.problem + " (confidence 1.0 is on the last edge)", ECE_LEFT_CLOSED_BINS
            ) from None
        raise

    # A tie goes to the lowest index: 0 is predicted, the label 1 is wrong: |0 - 0.4|.
    # Counting the tied true class as right gives |1 - 0.4|.
    _ece(
        f,
        [[0.4, 0.4, 0.2]],
        [1],
        None,
        "expected_calibration_error([[0.4, 0.4, 0.2]], labels [1])",
        0.4,
        [(ECE_TIES, 0.6)],
    )
    _ece_nan(f)

    if reference is None:
        return
    _stated_rules_first(f, "expected_calibration_error")

    # Hidden: random probabilities and labels against the reference.
    rng = np.random.default_rng(23)
    tol = {"rtol": 1e-9, "atol": 1e-12, "check_dtype": False}
    for n, k, alpha, n_bins in [
        (200, 5, 0.3, 15),
        (500, 10, 0.1, 10),
        (50, 3, 1.0, 1),
        (300, 2, 0.5, 20),
        (120, 4, 0.2, 7),
    ]:
        probs = rng.dirichlet(np.full(k, alpha), size=n)
        right = rng.random(n) < 0.7
        labels = np.where(right, probs.argmax(axis=1), rng.integers(0, k, size=n))
        _ece_reference(f, reference, probs, labels, n_bins, tol)
    # Confidences on the edges of 8 bins (exact in binary), and at 1.
    c = rng.integers(4, 9, size=100) / 8.0
    probs = np.stack([c, 1.0 - c], axis=1)
    probs[::2] = probs[::2, ::-1]
    labels = rng.integers(0, 2, size=100)
    _ece_reference(f, reference, probs, labels, 8, tol)
    # Ties: the prediction is the lowest index.
    _ece_reference(
        f, reference, np.array([[0.4, 0.4, 0.2], [0.25, 0.5, 0.25]]), np.array([1, 1]), 15, tol
    )
    probs = rng.dirichlet(np.ones(4), size=80)
    labels = rng.integers(0, 4, size=80)
    _ece_reference(
        f,
        reference,
        probs.astype(np.float32),
        labels,
        15,
        {"rtol": 1e-5, "atol": 1e-7, "check_dtype": False},
    )
    _ece_reference(
        f, reference, np.eye(3, dtype=np.int64)[[0, 1, 2, 1]], np.array([0, 1, 1, 1]), 15, tol
    )
    _ece_reference(f, reference, probs[:3].tolist(), labels[:3].tolist(), 15, tol)


def _ece_nan(f):
    """A NaN probability is no distribution: a ValueError, or NaN (never a number)."""
    __tracebackhide__ = True
    probs = np.array([[np.nan, 0.5], [0.9, 0.1], [0.2, 0.8]])
    shown = "expected_calibration_error([[nan, 0.5], [0.9, 0.1], [0.2, 0.8]], labels [0, 0, 1])"
    try:
        with np.errstate(all="ignore"), silenced():
            result = f(probs.copy(), np.array([0, 0, 1]))
    except ValueError:
        return
    except Exception as exc:
        raise fail(
            f"raise ValueError (a NaN probability): {shown} raised {type(exc).__name__}: {exc}.",
            NO_VALUE_ERROR,
        ) from None
    try:
        value = float(np.asarray(result, dtype=np.float64))
    except (TypeError, ValueError):
        value = 0.0  # not one number: the value checks above already name that
    if not math.isnan(value):
        raise fail(
            f"raise ValueError (a NaN probability): {shown} returned {describe(result)}; "
            "np.nanmax or np.nanargmax hid the NaN.",
            NO_VALUE_ERROR,
        )


def _ece_reference(f, reference, probs, labels, n_bins, tol):
    __tracebackhide__ = True
    shown = f"expected_calibration_error({describe(np.asarray(probs))}, labels, n_bins={n_bins})"
    expected = float(reference(probs, labels, n_bins=n_bins))
    value = _scalar(call(f, probs, labels, n_bins=n_bins), shown)
    if not math.isclose(value, expected, rel_tol=tol["rtol"], abs_tol=tol["atol"]):
        raise fail(f"{shown} returned {value:.10g}, but {expected:.10g} is correct.", WRONG_VALUES)


# --- The contracts the exercise texts state (probed by autograder.contract) -------------------
#
# Each exercise's text states COURSE.md's contract and the reference's docstring, so every
# rule below is visible. Arguments are built fresh for every probe (the contract copies them).

_INF, _NAN = np.inf, np.nan
_LN3 = math.log(3.0)
_W = np.array([[1.0, 2.0, 1.0], [2.0, 3.0, 3.0], [1.0, 1.0, 2.0]])
_PAIR = np.array([1.0, 2.0])

Contract(
    "softmax_with_temperature",
    wrap_sample=wrapping((3, 3)),
    precision_sample=GENERAL_LOGITS,
    float16_sample=GENERAL_LOGITS,
    sample=2.0 * np.log(_W),
    call=lambda z: ((z, 2.0), {}),
    axis=True,
    batch=True,
    batch_mistake=GLOBAL_NORMALISATION,
    errors=(
        Invalid("T = 0", (_PAIR, 0.0)),
        Invalid("T < 0", (_PAIR, -1.0)),
        Invalid("T = inf", (_PAIR, _INF)),
        Invalid("T = nan", (_PAIR, _NAN)),
        Invalid("an array T", (_PAIR, np.array([1.0, 2.0]))),
        Invalid("complex logits", (np.array([1 + 2j, 0.5]), 1.0)),
        Invalid("a scalar z", (1.5, 1.0)),
        Invalid("axis 2 of a 2-D array", (np.zeros((2, 3)), 1.0), {"axis": 2}),
    ),
    edges=(
        # (100 ln 3) / 100 = ln 3; a -inf floored to a finite number would get e^-1 or so.
        Edge("-inf", (np.array([0.0, -_INF, 100 * _LN3]), 100.0), expected=[0.25, 0.0, 0.75]),
        Edge(
            "NaN",
            (np.array([[1.0, _NAN], [0.0, 0.0]]), 2.0),
            expected=[[_NAN] * 2, [0.5] * 2],
            mistake=TEMPERATURE_NAN_SWALLOWED,
        ),
        Edge("+inf", (np.array([[_INF, 0.0], [0.0, 0.0]]), 2.0), expected=[[_NAN] * 2, [0.5] * 2]),
        Edge("an empty batch", (np.zeros((0, 3)), 2.0), expected=np.zeros((0, 3))),
        Edge("an empty axis", (np.zeros((2, 0)), 2.0), expected=np.zeros((2, 0))),
        Edge("a NumPy T", (np.array([0.0, math.log(2.0)]), np.float32(0.5)), expected=[0.2, 0.8]),
        # Integers are numbers too: an integer T (NumPy or Python) and integer logits, which
        # give float64 probabilities. [0, 2] / 2 = [0, 1].
        Edge(
            "an integer T",
            (np.array([0.0, 2 * math.log(3.0)]), np.int64(2)),
            expected=[0.25, 0.75],
        ),
        Edge(
            "integer z and T",
            (np.array([0, 2]), 2),
            expected=[1 / (1 + math.e), 1 / (1 + 1 / math.e)],
            dtype=np.float64,
        ),
        Edge(
            "[1e306, 0] at T = 1e-3",
            (np.array([1e306, 0.0]), 1e-3),
            expected=[1.0, 0.0],
            mistake=TEMPERATURE_DIVIDED_FIRST,
        ),
        # The float64 T must not turn float32 logits into float64 probabilities.
        Edge(
            "float32 z with np.float64 T",
            (np.array([0.0, math.log(4.0)], dtype=np.float32), np.float64(2.0)),
            expected=[1 / 3, 2 / 3],
            dtype=np.float32,
            rtol=1e-6,
        ),
        # (10.0078125 - 10) / 0.01 = 0.78125 exactly: [1, e^0.78125] / (1 + e^0.78125).
        # Divided first in float16, 10 / 0.01 and 10.0078125 / 0.01 round to 1000 and 1000.5.
        Edge(
            "float16 z at T = 0.01",
            (np.array([10.0, 10.0078125], dtype=np.float16), 0.01),
            expected=[1 / (1 + math.exp(0.78125)), 1 / (1 + math.exp(-0.78125))],
            dtype=np.float16,
            rtol=2e-3,
            mistake=TEMPERATURE_DIVIDED_FIRST,
        ),
        # 3 / 1e-5 overflows float16 (max 65504) unless the max is subtracted first.
        Edge(
            "float16 z at T = 1e-5",
            (np.array([1.0, 2.0, 3.0], dtype=np.float16), 1e-5),
            expected=[0.0, 0.0, 1.0],
            dtype=np.float16,
            mistake=TEMPERATURE_DIVIDED_FIRST,
        ),
        # 65,520 ones sum to inf in float16; 1/65520 is 2^-16 in float16 (within 2.4e-4).
        Edge(
            "65,520 float16 zeros",
            (np.zeros(65520, dtype=np.float16), 2.0),
            expected=np.full(65520, 1 / 65520),
            dtype=np.float16,
            rtol=1e-3,
            mistake=TEMPERATURE_FLOAT16_SUM,
        ),
        # COURSE.md: an all -inf slice gives zeros (no class is possible), not NaN. Last, so
        # that a slip named by an earlier edge is named first.
        Edge(
            "an all -inf row",
            (np.array([[-_INF, -_INF], [0.0, 0.0]]), 2.0),
            expected=[[0.0, 0.0], [0.5, 0.5]],
        ),
    ),
    values="hand-worked values, T from 0.001 to 2",
)

_P = np.array([[0.5, 0.25, 0.25], [0.125, 0.125, 0.75], [0.25, 0.5, 0.25]])
_LN2 = math.log(2.0)

Contract(
    "entropy",
    sample=_P,
    integer_sample=np.eye(3, dtype=np.int64)[[0, 2, 1]],
    reduces=True,
    axis=True,
    batch=True,
    batch_mistake=ENTROPY_TOTAL,
    errors=(
        Invalid("a negative p", (np.array([0.5, -0.5, 1.0]),)),
        Invalid("p > 1", (np.array([1.5, 0.0]),)),
        Invalid("complex p", (np.array([0.5 + 0j, 0.5]),)),
        Invalid("a scalar p", (0.5,)),
        Invalid("axis 2 of a 2-D array", (np.full((2, 2), 0.5),), {"axis": 2}),
    ),
    edges=(
        Edge("one-hot", (np.array([0.0, 1.0, 0.0]),), expected=0.0, mistake=ENTROPY_NAN_AT_ZERO),
        # ln 2 / 2 + ln 4 / 4 = ln 2; rescaled to [2/3, 1/3] it would be 0.6365.
        Edge(
            "a row not summing to 1",
            (np.array([0.5, 0.25]),),
            expected=_LN2,
            mistake=ENTROPY_NORMALISED,
        ),
        # softmax([1, 3, 2] / 0.02): 100 e^-100 + 50 e^-50 nats, all from the tiny entries.
        Edge(
            "near one-hot",
            (np.array([math.exp(-100.0), 1.0, math.exp(-50.0)]),),
            expected=100.0 * math.exp(-100.0) + 50.0 * math.exp(-50.0),
            rtol=1e-9,
            atol=0.0,
            mistake=ENTROPY_CLIPPED_LOG,
        ),
        Edge(
            "NaN",
            (np.array([[_NAN, 0.5], [0.5, 0.5]]),),
            expected=[_NAN, _LN2],
            mistake=ENTROPY_NAN_SWALLOWED,
        ),
        Edge(
            "float32 1-D",
            (np.array([0.5, 0.5], dtype=np.float32),),
            expected=_LN2,
            dtype=np.float32,
        ),
        Edge("an empty batch", (np.zeros((0, 3)),), expected=np.zeros(0)),
        Edge("an empty axis", (np.zeros((2, 0)),), expected=[0.0, 0.0]),
    ),
    values="hand-worked values in nats, 0 log 0 = 0",
)


def _rng():
    return np.random.default_rng(0)


# A sampler's draws depend on its method (rng.choice, an inverse CDF, Gumbel-max), so the
# probes use logits whose draws every correct method agrees on: class 1 has probability
# 1 - 2e^-30 at T = 1. The lists probe then compares a list with an array, and the hidden
# comparison with the reference compares draws that cannot differ.
_CERTAIN = np.array([0.0, 30.0, 0.0])
_ONE = np.array([-_INF, 0.0, -_INF])  # only class 1 can be drawn

Contract(
    "sample_with_temperature",
    wrap_sample=wrapping((3,)),
    sample=_CERTAIN,
    call=lambda z: ((z, 1.0, _rng()), {"size": 6}),
    dtype=None,
    errors=(
        Invalid("T = 0", (_PAIR, 0.0, _rng())),
        Invalid("T < 0", (_PAIR, -1.0, _rng())),
        Invalid("T = inf", (_PAIR, _INF, _rng())),
        Invalid("T = nan", (_PAIR, _NAN, _rng())),
        Invalid("an array T", (_PAIR, np.array([1.0, 2.0]), _rng())),
        Invalid("rng = 0", (_PAIR, 1.0, 0)),
        Invalid("a RandomState", (_PAIR, 1.0, np.random.RandomState(0))),  # noqa: NPY002
        Invalid("a NaN logit", (np.array([0.0, _NAN]), 1.0, _rng())),
        Invalid("a +inf logit", (np.array([0.0, _INF]), 1.0, _rng())),
        Invalid("all -inf", (np.array([-_INF, -_INF]), 1.0, _rng())),
        Invalid("2-D z", (np.zeros((2, 2)), 1.0, _rng())),
        Invalid("empty z", (np.zeros(0), 1.0, _rng())),
        Invalid("complex z", (np.array([1 + 2j, 0.5]), 1.0, _rng())),
        # NumPy's own TypeError (rng.random(True)) is as good an answer as a ValueError.
        Invalid(
            "size=True", (_PAIR, 1.0, _rng()), {"size": True}, exception=(ValueError, TypeError)
        ),
    ),
    edges=(
        Edge("size=None", (_ONE, 2.0, _rng()), expected=1),
        Edge("-inf logits", (_ONE, 2.0, _rng()), {"size": (2, 3)}, expected=np.ones((2, 3))),
        Edge("one class", (np.array([5.0]), 1.0, _rng()), {"size": 4}, expected=np.zeros(4)),
        Edge("size=0", (_ONE, 1.0, _rng()), {"size": 0}, expected=np.zeros(0)),
        Edge("size=[2, 3]", (_ONE, 2.0, _rng()), {"size": [2, 3]}, expected=np.ones((2, 3))),
        # Integer logits and T: class 1 has probability 1 - 2e^-30 at T = 2.
        Edge(
            "integer z and T", (np.array([0, 120, 0]), 2, _rng()), {"size": 4}, expected=np.ones(4)
        ),
    ),
    values="class frequencies (χ², fixed seeds), the generator used",
)

_LOGITS, _LABELS, _ = _OVERCONFIDENT
_LABEL_LIST = [0, 0, 0, 1]


def _with(array, index, value):
    """A copy of ``array`` with one entry replaced (one bad value among good rows)."""
    array = array.copy()
    array[index] = value
    return array


Contract(
    "fit_temperature",
    reference_rtol=1e-6,
    # Labels [0, 0, 0, 1]: two rows right, two wrong; a finite best T.
    wrap_sample=np.array([[-128, 127], [127, -128], [0, 100], [-50, 60]]),
    sample=_LOGITS,
    call=lambda z: ((z, _LABEL_LIST), {}),
    returns="scalar",
    dtype=None,
    errors=(
        Invalid("a label out of range", (_LOGITS, np.array([0, 0, 0, 2]))),
        Invalid("a negative label", (_LOGITS, np.array([-1, 0, 0, 1]))),
        # -1 would index the last class: the data would stay fittable, silently.
        Invalid("a label -1", (_LOGITS, np.array([0, 0, 0, -1]))),
        Invalid("a label 0.5", (_LOGITS, np.array([0.5, 0.0, 0.0, 1.0]))),
        Invalid("logits worse than uniform", (np.array([[1.0, 0.0], [0.0, 1.0]]), [1, 0])),
        Invalid("3 labels for 4 rows", (_LOGITS, np.array([0, 0, 1]))),
        Invalid("1-D logits", (_LOGITS[0], np.array([0]))),
        Invalid("a NaN logit", (_with(_LOGITS, (1, 1), _NAN), _LABELS)),
        Invalid("an inf logit", (_with(_LOGITS, (1, 1), -_INF), _LABELS)),
        Invalid("complex logits", (_LOGITS + 0j, _LABELS)),
        Invalid("an empty batch", (np.zeros((0, 2)), np.zeros(0, dtype=np.int64))),
        Invalid("one class", (np.zeros((3, 1)), np.zeros(3, dtype=np.int64))),
        Invalid("labels all on top", (np.array([[3.0, 0.0, 1.0], [0.0, 2.0, 1.0]]), [0, 1])),
        # A label tied for the largest logit is on top too (argmax would say it is not).
        Invalid("labels on top, one tied", (np.array([[1.0, 1.0], [0.0, 1.0]]), [1, 1])),
        # Exactly as good as uniform: mean(z) - z_y sums to 0, the NLL falls all the way.
        Invalid("logits as good as uniform", (np.array([[1.0, 0.0], [1.0, 0.0]]), [0, 1])),
        Invalid("equal logits", (np.ones((4, 3)), np.array([0, 1, 2, 0]))),
    ),
    edges=(
        Edge(
            "float labels 0.0, 1.0",
            (_LOGITS, np.array([0.0, 0.0, 0.0, 1.0])),
            expected=2.0,
            rtol=1e-6,
        ),
        Edge(
            "float32 logits",
            (_LOGITS.astype(np.float32), np.array([0, 0, 0, 1])),
            expected=2.0,
            rtol=1e-6,
        ),
    ),
    values="the NLL minimum on hand-worked data, T scaling with the logits",
)

_PROBS = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7]])
_PROB_LABELS = np.array([0, 1, 1, 1])
_TWO = np.array([[0.5, 0.5], [0.75, 0.25]])

Contract(
    "expected_calibration_error",
    sample=_PROBS,
    call=lambda p: ((p, [0, 1, 1, 1]), {}),
    returns="scalar",
    dtype=None,
    errors=(
        Invalid("a label out of range", (_PROBS, np.array([0, 2, 1, 1]))),
        Invalid("a negative label", (_PROBS, np.array([0, -1, 1, 1]))),
        Invalid("a label 0.5", (_PROBS, np.array([0.0, 0.5, 1.0, 1.0]))),
        Invalid("3 labels for 4 rows", (_PROBS, np.array([0, 1, 1]))),
        Invalid("n_bins = 0", (_PROBS, _PROB_LABELS), {"n_bins": 0}),
        Invalid("n_bins = -3", (_PROBS, _PROB_LABELS), {"n_bins": -3}),
        Invalid("n_bins = True", (_PROBS, _PROB_LABELS), {"n_bins": True}),
        Invalid("n_bins = 15.0", (_PROBS, _PROB_LABELS), {"n_bins": 15.0}),
        Invalid("1-D probs", (_PROBS[0], np.array([0]))),
        Invalid("logits", (np.log(_PROBS), _PROB_LABELS)),
        Invalid("rows not summing to 1", (_PROBS * 0.5, _PROB_LABELS)),
        Invalid("a row summing to 0.999", (np.array([[0.9, 0.099], [0.2, 0.8]]), [0, 1])),
        Invalid("complex probs", (_PROBS + 0j, _PROB_LABELS)),
        Invalid("an empty batch", (np.zeros((0, 2)), np.zeros(0, dtype=np.int64))),
    ),
    edges=(
        # float16(1/3) * 3 is 0.99976: a row sum within float16's rounding of 1. Predicted
        # class 0 (ties: lowest index), right, confidence ~1/3.
        Edge(
            "float16 probs",
            (np.full((1, 3), 1 / 3, dtype=np.float16), np.array([0])),
            expected=2 / 3,
            rtol=1e-3,
        ),
        Edge("a NumPy n_bins", (_TWO, np.array([0, 0])), {"n_bins": np.int64(2)}, expected=0.375),
        Edge("float labels 0.0", ([[0.9, 0.1], [0.1, 0.9]], np.array([0.0, 0.0])), expected=0.4),
        # float32 rows that sum to 1 in float32 but not to float64's rounding (-7e-9, 4e-8):
        # one example per bin, so the ECE is the mean of |correct - confidence|,
        # (0.3 + 0.4 + 0.8 + 0.6) / 4, whichever side of a bin edge float32's 0.6 falls.
        Edge(
            "float32 probs",
            (
                np.array(
                    [[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.05, 0.15, 0.8], [0.25, 0.35, 0.4]],
                    dtype=np.float32,
                ),
                np.array([0, 2, 1, 2]),
            ),
            expected=0.525,
            rtol=1e-6,
        ),
        # Integer one-hot probabilities: confidence 1 everywhere, 2 of 3 right.
        Edge(
            "integer one-hot probs",
            (np.eye(2, dtype=np.int64)[[0, 1, 1]], np.array([0, 1, 0])),
            expected=1 / 3,
        ),
    ),
    values="hand-worked ECEs, bins (lo, hi], ties",
)
