"""Checks of notebook ``05_temperature``.

The visible checks use inputs whose answers are worked out by hand: logits ``2 ln w`` at
``T = 2`` give probabilities proportional to ``w``; the entropy of ``[1/4] * 4`` is ``ln 4``;
a model that says 90% but is right 3 times in 4 has ``T = 2``; a set where confidence is 0.9
but accuracy 0.5 has ECE 0.4. Before a generic failure they compare the learner's output with
*wrong* answers of the same hand-worked case (``z * T`` instead of ``z / T``, entropy in
bits, an unweighted mean over bins, ...) to name the mistake. The hidden part receives the
reference and also compares with it on random data, dtypes and every edge of the contract.

``sample_with_temperature`` is random, so its checks are statistical (chi-square statistics
of frequencies over many draws, with fixed seeds, hence deterministic) and behavioural: the
same seed must give the same draws, whatever NumPy's global random state.
"""

from __future__ import annotations

import functools
import math

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
    GLOBAL_MAX_SHIFT,
    GLOBAL_NORMALISATION,
    MISSING_KEEPDIMS,
    NO_MAX_SHIFT,
    NO_VALUE_ERROR,
    RAISED_ERROR,
    UNREADABLE_OUTPUT,
    WRONG_AXIS,
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
)
TEMPERATURE_IGNORED = Mistake(
    "temperature-ignored",
    "The result does not depend on T: it is the plain softmax(z). Divide the logits by T "
    "before exponentiating.",
)
TEMPERATURE_AFTER_SOFTMAX = Mistake(
    "temperature-after-softmax",
    "You applied T to the probabilities (p ** (1 / T) or p / T) and did not normalise "
    "again. Apply it to the logits: softmax(z / T).",
)
TEMPERATURE_LOG_PROBABILITIES = Mistake(
    "temperature-log-probabilities",
    "You returned log-probabilities (their exponentials sum to 1). Return the probabilities "
    "softmax(z / T) themselves.",
)
TEMPERATURE_NOT_NORMALISED = Mistake(
    "temperature-not-normalised",
    "The slices along `axis` do not sum to 1. Divide exp((z - max) / T) by its own sum along "
    "`axis` (keepdims=True) - the same exponentials in the numerator and the denominator.",
)
TEMPERATURE_UNSCALED_SHIFT = Mistake(
    "temperature-unscaled-shift",
    "exp overflows for a small T: you subtracted max(z) but exponentiated z / T, so the "
    "exponent is still huge. Subtract the maximum of z / T (or compute (z - max(z)) / T): "
    "then every exponent is <= 0.",
)
ENTROPY_NOT_IN_NATS = Mistake(
    "entropy-not-in-nats",
    "The entropy must be in nats: use the natural logarithm np.log, not np.log2 (bits) or "
    "np.log10, and do not divide by log K.",
)
ENTROPY_SIGN = Mistake(
    "entropy-missing-minus-sign",
    "Your entropy is negative: H = -sum(p log p). Since log p <= 0, the minus sign makes it >= 0.",
)
ENTROPY_NAN_AT_ZERO = Mistake(
    "entropy-nan-at-zero",
    "A probability of 0 gives 0 * log 0 = 0 * (-inf) = NaN. Its term must count as 0 (the "
    "limit of p log p): take the log only where p > 0, e.g. "
    "np.log(p, out=np.zeros_like(p), where=p > 0).",
)
ENTROPY_AVERAGED = Mistake(
    "entropy-averaged",
    "You took the mean of -p log p over the classes; the entropy is their *sum* along `axis`.",
)
ENTROPY_TOTAL = Mistake(
    "entropy-summed-over-everything",
    "You summed over the whole array and returned one number. Sum along `axis` only, so that "
    "each distribution gets its own entropy.",
)
SAMPLING_RETURNED_PROBABILITIES = Mistake(
    "sampling-returned-probabilities",
    "You returned the probabilities softmax(z / T). Draw class indices from them with the "
    "generator: rng.choice(len(z), size=size, p=p).",
)
SAMPLING_NOT_INTEGER = Mistake(
    "sampling-not-integer",
    "Samples are class indices: return integers (rng.choice or np.searchsorted give them), "
    "not floats.",
)
SAMPLING_OUT_OF_RANGE = Mistake(
    "sampling-index-out-of-range",
    "Class indices are 0-based: 0 .. K-1. If you used a cumulative sum, the index of a draw u "
    "is the first k with cdf[k] > u (np.searchsorted(cdf, u, side='right')), without +1.",
)
SAMPLING_ARGMAX = Mistake(
    "sampling-argmax",
    "You always return the most likely class (argmax): that is T -> 0, not sampling. Draw at "
    "random with probabilities softmax(z / T).",
)
SAMPLING_FROM_LOGITS = Mistake(
    "sampling-from-logits",
    "You sampled with probabilities proportional to the logits themselves. Logits are not "
    "probabilities: sample from softmax(z / T).",
)
SAMPLING_WRONG_FREQUENCIES = Mistake(
    "sampling-wrong-frequencies",
    "Over many draws, each class must come up with probability softmax(z / T)[k]. Check how "
    "you build the probabilities and how you turn one uniform number into an index.",
)
SAMPLING_IGNORES_RNG = Mistake(
    "sampling-ignores-rng",
    "Use the generator you are given for every random number (rng.choice(..., p=p) or "
    "rng.random(...)): not np.random.*, not the `random` module, and no generator of your "
    "own. Otherwise a seed does not reproduce the samples.",
)
FIT_NOT_POSITIVE = Mistake(
    "fit-temperature-not-positive",
    "A temperature must be a finite number > 0. Newton's method can overshoot below 0, or "
    "divide by a second derivative of 0 when softmax is one-hot: keep a bracket "
    "lo < beta < hi from the sign of the derivative and bisect when a step would leave it.",
)
FIT_OVERFLOW = Mistake(
    "fit-temperature-overflow",
    "exp overflows in your NLL when some z / T is large (above ~709). Compute "
    "logsumexp(z / T) with the row maximum subtracted first, never log(softmax) from raw "
    "exponentials.",
)
FIT_RETURNED_BETA = Mistake(
    "fit-temperature-returned-beta",
    "You returned beta = 1 / T (or fitted a factor that multiplies the logits). Return the "
    "temperature T that divides them: T = 1 / beta.",
)
FIT_IGNORES_DATA = Mistake(
    "fit-temperature-ignores-data",
    "Your T is the same for data sets that need different temperatures. Accuracy (and argmax) "
    "does not change with T, so optimising it leaves T where the search starts: minimise the "
    "mean negative log-likelihood mean(logsumexp(z / T) - z_y / T).",
)
FIT_NOT_MINIMUM = Mistake(
    "fit-temperature-not-minimum",
    "The mean NLL is not smallest at your T. Use NLL(T) = mean(logsumexp(z / T) - z_y / T) "
    "with z_y = logits[np.arange(N), labels], and iterate (Newton on beta = 1 / T) until its "
    "derivative is ~0, not for a fixed few steps or on a coarse grid.",
)
FIT_SCALED_LOGITS = Mistake(
    "fit-temperature-scaled-logits",
    "Scaling the logits by a must scale the fitted T by a, but not in your function when the "
    "logits are large (or small). Compute the NLL stably (subtract the row maximum inside "
    "logsumexp) and do not restrict T to a fixed search range.",
)
ECE_UNWEIGHTED = Mistake(
    "ece-unweighted-bins",
    "You averaged |acc - conf| over the bins with equal weights. Weight each bin by its share "
    "of the samples, n_b / N.",
)
ECE_COUNTS_EMPTY_BINS = Mistake(
    "ece-counts-empty-bins",
    "You divided by the number of bins (empty ones included). ECE is sum_b (n_b / N) "
    "|acc_b - conf_b|: weights by share of samples, empty bins add nothing.",
)
ECE_GAPS_CANCEL = Mistake(
    "ece-gaps-cancel",
    "Over- and under-confident bins cancelled out: you compared the overall accuracy with the "
    "overall confidence, or summed signed gaps. Take |acc_b - conf_b| inside each bin, then "
    "the weighted sum.",
)
ECE_TRUE_CLASS_CONFIDENCE = Mistake(
    "ece-true-class-confidence",
    "Top-label ECE uses the confidence of the *predicted* class, the row maximum, and "
    "accuracy = (argmax == label); you used the probability of the true class.",
)
ECE_BIN_MIDPOINT = Mistake(
    "ece-bin-midpoint",
    "conf_b is the mean confidence of the samples in the bin, not the middle of the bin.",
)
ECE_MAX_GAP = Mistake(
    "ece-max-gap",
    "You returned the largest gap over the bins (the maximum calibration error). ECE is the "
    "weighted average sum_b (n_b / N) |acc_b - conf_b|.",
)
ECE_SQUARED_GAP = Mistake(
    "ece-squared-gap",
    "ECE uses the absolute gap |acc_b - conf_b|, not its square.",
)
ECE_PERCENT = Mistake(
    "ece-percent",
    "Return ECE as a fraction between 0 and 1, not in percent.",
)
ECE_WRONG_BIN_COUNT = Mistake(
    "ece-wrong-bin-count",
    "Use exactly `n_bins` equal-width bins: the edges are np.linspace(0, 1, n_bins + 1) "
    "(n_bins + 1 edges, n_bins bins), and the `n_bins` argument, not a fixed number.",
)
ECE_LEFT_CLOSED_BINS = Mistake(
    "ece-left-closed-bins",
    "The bins are (lo, hi]: a confidence exactly on an edge belongs to the bin it closes, "
    "and a confidence of 1 to the last bin (np.searchsorted(edges, conf, side='left') - 1, "
    "or np.digitize(conf, edges, right=True) - 1).",
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
            f"{what} returned {describe(out)} (shape {out.shape}); it should return a single "
            f"{kind}.",
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


@exercise_check("softmax_with_temperature")
def check_softmax_with_temperature(softmax_with_temperature, reference=None):
    """Check ``softmax_with_temperature`` (visible: hand-worked cases; hidden: vs reference)."""
    f = softmax_with_temperature

    # z = 2 ln w at T = 2 gives probabilities w / sum(w); the wrong answers are worked out
    # the same way: z * T gives w**4 / sum, plain softmax(z) gives w**2 / sum.
    z = np.array([0.0, np.log(4.0)])  # = 2 ln [1, 2]
    shown = "softmax_with_temperature([0, ln 4], T=2)"
    out = to_array(call(f, z, 2.0), shown)
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
    z = np.array([0.0, np.log(2.0)])
    shown = "softmax_with_temperature([0, ln 2], T=0.5)"
    out = to_array(call(f, z, 0.5), shown)
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

    # A square batch, so that a missing keepdims broadcasts silently instead of raising.
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

    # axis=0 on a non-square batch: the columns must sum to 1.
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

    # Large logits at T = 1: exp(1000) overflows unless the max is subtracted. (At T = 1 a
    # shift by max(z) is right, so only a missing shift fails here.)
    big = np.exp([-2.0, -1.0, 0.0]) / np.exp([-2.0, -1.0, 0.0]).sum()
    z = np.array([1000.0, 1001.0, 1002.0])
    shown = "softmax_with_temperature([1000, 1001, 1002], T=1)"
    out = to_array(call(f, z, 1.0), shown)
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
    z = np.array([9.0, 10.0, 0.0])
    shown = "softmax_with_temperature([9, 10, 0], T=0.001)"
    out = to_array(call(f, z, 1e-3), shown)
    expect_shape(out, (3,), shown)
    if not np.all(np.isfinite(out)):
        raise fail(f"{shown} returned {describe(out)}.", TEMPERATURE_UNSCALED_SHIFT)
    expect_close(out, [0.0, 1.0, 0.0], shown, rtol=1e-6, atol=1e-12)

    z = np.array([1.0, 2.0])
    for T in (0.0, -1.0, math.inf, math.nan):
        expect_raises(f, (z, T), why="T must be a finite number greater than 0")

    if reference is None:
        return

    # Hidden: random shapes, axes and temperatures against the reference.
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
    # Extremes: huge logits, tiny and huge temperatures, -inf entries.
    matches_reference(f, reference, (rng.normal(size=(3, 6)) * 1000.0, 1.0), **tol)
    matches_reference(f, reference, (rng.normal(size=(3, 10)) * 10.0, 1e-3), **tol)
    matches_reference(f, reference, (rng.normal(size=(2, 5)), 1e-6), **tol)
    matches_reference(f, reference, (rng.normal(size=(2, 5)), 1e6), **tol)
    # Near ties at a small T: close to one-hot, but not exactly (no argmax shortcut).
    z = np.array([[2.0, 2.001, 0.0], [1.0, 1.0, 0.9995]])
    matches_reference(f, reference, (z, 1e-3), **tol)
    z = np.array([[-np.inf, 0.0, 1.0, 2.0], [3.0, -np.inf, -np.inf, 0.0]])
    matches_reference(f, reference, (z, 0.5), **tol)
    # An empty batch is fine.
    matches_reference(f, reference, (np.zeros((0, 4)), 2.0))
    # dtypes: float32 and float16 kept, integers promoted to float64; array-likes accepted.
    z = rng.normal(size=(3, 5)) * 3.0
    matches_reference(f, reference, (z.astype(np.float32), 0.7), rtol=1e-4, atol=1e-30)
    z16 = rng.uniform(-2.0, 2.0, size=(3, 4)).astype(np.float16)
    matches_reference(f, reference, (z16, 1.5), rtol=1e-2, atol=1e-3)
    matches_reference(f, reference, (np.array([[1, 2, 3], [0, 0, 5]]), 2), **tol)
    matches_reference(f, reference, ([[1.0, 2.0], [3.0, 5.0]], 0.5), **tol)
    for T in (-1e-300, -math.inf, np.float64(0.0)):
        expect_raises(f, (np.array([1.0, 2.0]), T), why="T must be a finite number greater than 0")


# --- entropy -----------------------------------------------------------------------------


def _diagnose_entropy(out, expected, variants, shown):
    __tracebackhide__ = True
    if out.shape != np.shape(expected):
        expect_shape(out, np.shape(expected), shown)
    if np.allclose(out, expected, rtol=1e-6, atol=1e-12):
        return
    mistake = _first_match(out, variants)
    raise fail(f"{shown} returned {float(out):.10g}.", mistake or WRONG_VALUES)


@exercise_check("entropy")
def check_entropy(entropy, reference=None):
    """Check ``entropy`` (visible: hand-worked cases; hidden: vs the reference)."""
    f = entropy
    ln2, ln4 = math.log(2.0), math.log(4.0)

    def wrong_units(h, k):
        """The same entropy in bits, in log10 units, and divided by log K."""
        return [h / ln2, h / math.log(10.0), h / math.log(k)]

    # Uniform over 4 classes: ln 4.
    p = np.full(4, 0.25)
    shown = "entropy([0.25, 0.25, 0.25, 0.25])"
    out = to_array(call(f, p), shown)
    _diagnose_entropy(
        out,
        ln4,
        [(ENTROPY_NOT_IN_NATS, v) for v in wrong_units(ln4, 4)]
        + [(ENTROPY_SIGN, -ln4), (ENTROPY_AVERAGED, ln4 / 4)],
        shown,
    )
    # [1/2, 1/4, 1/4]: (1/2) ln 2 + 2 (1/4) ln 4 = 1.5 ln 2.
    p = np.array([0.5, 0.25, 0.25])
    shown = "entropy([0.5, 0.25, 0.25])"
    out = to_array(call(f, p), shown)
    h = 1.5 * ln2
    _diagnose_entropy(
        out,
        h,
        [(ENTROPY_NOT_IN_NATS, v) for v in wrong_units(h, 3)]
        + [(ENTROPY_SIGN, -h), (ENTROPY_AVERAGED, h / 3)],
        shown,
    )
    # Zeros: 0 log 0 = 0.
    for p, h in (([0.5, 0.5, 0.0], ln2), ([0.0, 1.0, 0.0], 0.0)):
        p = np.array(p)
        shown = f"entropy({describe(p)})"
        out = to_array(call(f, p), shown)
        expect_shape(out, (), shown)
        if np.isnan(out):
            raise fail(f"{shown} returned nan.", ENTROPY_NAN_AT_ZERO)
        expect_close(out, h, shown, rtol=1e-6, atol=1e-12)

    # A batch: one entropy per row.
    P = np.array([[0.5, 0.25, 0.25], [0.125, 0.125, 0.75]])
    rows = np.array([1.5 * ln2, 0.25 * math.log(8.0) + 0.75 * math.log(4.0 / 3.0)])
    shown = f"entropy({describe(P)})"
    out = to_array(call(f, P), shown)
    if out.shape == () and np.isclose(out, rows.sum(), rtol=1e-6):
        raise fail(f"{shown} returned the single number {float(out):.6g}.", ENTROPY_TOTAL)
    if out.shape == (3,):
        raise fail(f"{shown} returned one value per column, shape (3,).", WRONG_AXIS)
    expect_shape(out, (2,), shown)
    expect_close(out, rows, shown, rtol=1e-6, atol=1e-12)
    # axis=0 on the transposed batch: the same two entropies.
    shown = f"entropy({describe(P.T)}, axis=0)"
    out = to_array(call(f, P.T, axis=0), shown)
    if out.shape == () and np.isclose(out, rows.sum(), rtol=1e-6):
        raise fail(f"{shown} returned the single number {float(out):.6g}.", ENTROPY_TOTAL)
    if out.shape == (3,):
        raise fail(
            f"{shown} returned shape (3,): one value per row, but axis=0 asks for one per column.",
            WRONG_AXIS,
        )
    expect_shape(out, (2,), shown)
    expect_close(out, rows, shown, rtol=1e-6, atol=1e-12)

    if reference is None:
        return

    # Hidden: random distributions (with exact zeros), axes, dtypes, edges.
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
    matches_reference(f, reference, (np.zeros((0, 3)),))
    expect_raises(f, (np.array([0.5, -0.5, 1.0]),), why="probabilities cannot be negative")


def _without(shape, axis):
    """``shape`` with ``axis`` removed."""
    axis = axis % len(shape)
    return shape[:axis] + shape[axis + 1 :]


# --- sample_with_temperature -------------------------------------------------------------


def _with_rng(f, rng, size):
    """``f`` with the generator bound, so that ``call`` does not compare generators."""

    @functools.wraps(f)
    def draw(z, T):
        return f(z, T, rng, size=size)

    return draw


def _draw(f, z, T, seed, size, shown):
    __tracebackhide__ = True
    result = call(_with_rng(f, np.random.default_rng(seed), size), z, T)
    if isinstance(result, (list, tuple)):
        raise fail(
            f"{shown} returned a Python {type(result).__name__}; return the NumPy array of "
            "indices (rng.choice and np.searchsorted give one).",
            UNREADABLE_OUTPUT,
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
#: with probability ~1.2e-7 (3 degrees of freedom) and ~3.8e-7 (5 degrees of freedom).
_CHI_SQUARE_LIMIT = {3: 35.0, 5: 38.0}


@exercise_check("sample_with_temperature")
def check_sample_with_temperature(sample_with_temperature, reference=None):
    """Check ``sample_with_temperature`` (statistics with fixed seeds; hidden: vs reference)."""
    f = sample_with_temperature

    # One draw, then shapes.
    z0 = np.array([0.5, 1.0, 1.5])
    _draw(f, z0, 1.0, 0, None, "sample_with_temperature([0.5, 1, 1.5], T=1, rng)")
    _draw(f, z0, 1.0, 1, 5, "sample_with_temperature([0.5, 1, 1.5], T=1, rng, size=5)")
    _draw(f, z0, 1.0, 2, (2, 3), "sample_with_temperature([0.5, 1, 1.5], T=1, rng, size=(2, 3))")

    # Frequencies: z = 2 ln w at T = 2 gives p = w / sum(w) = [0.3, 0.1, 0.4, 0.2]. Not in
    # increasing order, so that sampling from the *sorted* probabilities shows.
    w = np.array([3.0, 1.0, 4.0, 2.0])
    z = 2.0 * np.log(w)
    n = 10000
    shown = f"sample_with_temperature(2 ln [3, 1, 4, 2], T=2, rng, size={n})"
    out = _draw(f, z, 2.0, 2024, n, shown)
    counts = np.bincount(out.ravel(), minlength=4).astype(np.float64)
    if _chi_square(counts, w / w.sum()) > _CHI_SQUARE_LIMIT[3]:
        freq = counts / n
        candidates = [
            (SAMPLING_ARGMAX, (w == w.max()).astype(np.float64)),
            (TEMPERATURE_IGNORED, w**2 / np.sum(w**2)),
            (TEMPERATURE_MULTIPLIED, w**4 / np.sum(w**4)),
            (SAMPLING_FROM_LOGITS, z / z.sum()),
        ]
        mistake = SAMPLING_WRONG_FREQUENCIES
        for candidate, p in candidates:
            if 0.5 * np.abs(freq - np.asarray(p)).sum() < 0.02:
                mistake = candidate
                break
        raise fail(
            f"{shown} drew the classes with frequencies {describe(freq.round(4))}; over "
            f"{n} draws these are too far from softmax(z / T) to be chance.",
            mistake,
        )

    # The generator, and only it, decides: same seed -> same draws, whatever np.random holds.
    state = np.random.get_state()  # noqa: NPY002 - the global state the learner must not use
    try:
        np.random.seed(1)  # noqa: NPY002 - the global state the learner must not use
        a = _draw(f, z, 2.0, 7, 64, "sample_with_temperature(z, T=2, rng=default_rng(7), size=64)")
        np.random.seed(2)  # noqa: NPY002 - the global state the learner must not use
        b = _draw(f, z, 2.0, 7, 64, "sample_with_temperature(z, T=2, rng=default_rng(7), size=64)")
        np.random.seed(1)  # noqa: NPY002 - the global state the learner must not use
        c = _draw(f, z, 2.0, 8, 64, "sample_with_temperature(z, T=2, rng=default_rng(8), size=64)")
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

    # T -> 0: z / T differ by 100, so the largest logit is drawn every time.
    shown = "sample_with_temperature([1, 3, 2.9], T=0.001, rng, size=200)"
    try:
        out = _draw(f, np.array([1.0, 3.0, 2.9]), 1e-3, 3, 200, shown)
    except CheckFailed as failure:
        if failure.mistake in (RAISED_ERROR, SAMPLING_OUT_OF_RANGE):
            raise fail(failure.problem + " For a small T, z / T is huge.", NO_MAX_SHIFT) from None
        raise
    if np.any(out != 1):
        raise fail(
            f"{shown} drew classes {describe(np.unique(out))}; at such a small T only the "
            "largest logit (index 1) has any probability.",
            NO_MAX_SHIFT,
        )

    for T in (0.0, -1.0):
        expect_raises(
            f, (np.array([1.0, 2.0]), T, np.random.default_rng(0)), why="T must be greater than 0"
        )

    if reference is None:
        return

    # Hidden: two-sample tests against the reference on random logits and temperatures.
    rng = np.random.default_rng(99)
    for T in (0.5, 1.0, 3.0):
        z = rng.normal(size=6) * 2.0
        ours = _draw(
            f, z, T, 1000, n, f"sample_with_temperature({describe(z)}, T={T}, rng, size={n})"
        )
        theirs = np.asarray(reference(z, T, np.random.default_rng(2000), size=n))
        a = np.bincount(ours, minlength=6).astype(np.float64)
        b = np.bincount(theirs, minlength=6).astype(np.float64)
        if _chi_square_two_samples(a, b) > _CHI_SQUARE_LIMIT[5]:
            raise fail(
                f"sample_with_temperature({describe(z)}, T={T}) drew the classes "
                f"{describe(a / n)} of the time; softmax(z / T) gives about {describe(b / n)}.",
                SAMPLING_WRONG_FREQUENCIES,
            )
    # -inf logits are never drawn; integers and lists are fine; tiny T is the argmax.
    z = np.array([-np.inf, 0.0, 0.5, -np.inf])
    out = _draw(
        f, z, 1.0, 4, 500, "sample_with_temperature([-inf, 0, 0.5, -inf], T=1, rng, size=500)"
    )
    if np.any((out == 0) | (out == 3)):
        raise fail(
            "sample_with_temperature([-inf, 0, 0.5, -inf], T=1) drew a class whose logit is "
            "-inf (probability 0).",
            SAMPLING_WRONG_FREQUENCIES,
        )
    _draw(f, np.array([1, 2, 3]), 2, 5, 10, "sample_with_temperature([1, 2, 3], T=2, rng, size=10)")
    _draw(
        f, [0.5, 1.5], 1.0, 6, (3, 4), "sample_with_temperature([0.5, 1.5], T=1, rng, size=(3, 4))"
    )
    z = rng.normal(size=50) * 5.0
    shown = "sample_with_temperature(z, T=1e-8, rng, size=20) for 50 random logits"
    try:
        out = _draw(f, z, 1e-8, 7, 20, shown)
    except CheckFailed as failure:
        if failure.mistake in (RAISED_ERROR, SAMPLING_OUT_OF_RANGE):
            raise fail(failure.problem + " For a small T, z / T is huge.", NO_MAX_SHIFT) from None
        raise
    if np.any(out != np.argmax(z)):
        raise fail(f"{shown} did not always draw the largest logit.", NO_MAX_SHIFT)
    expect_raises(
        f, (np.array([1.0, 2.0]), math.nan, np.random.default_rng(0)), why="T must be finite"
    )
    # The generator must be a numpy.random.Generator, not the legacy RandomState.
    shown = "sample_with_temperature([1, 2], T=1, rng=np.random.RandomState(0))"
    try:
        result = f(np.array([1.0, 2.0]), 1.0, np.random.RandomState(0))
    except (ValueError, TypeError):
        pass
    except Exception as exc:
        raise fail(f"{shown} raised {type(exc).__name__}: {exc}.", NO_VALUE_ERROR) from None
    else:
        raise fail(
            f"{shown} should raise ValueError (rng must be a numpy.random.Generator), but it "
            f"returned {describe(result)}.",
            NO_VALUE_ERROR,
        )


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


def _fit(f, logits, labels, shown):
    __tracebackhide__ = True
    T = _scalar(call(f, logits, labels), shown, "temperature")
    if not (math.isfinite(T) and T > 0.0):
        raise fail(f"{shown} returned {T}.", FIT_NOT_POSITIVE)
    return T


@exercise_check("fit_temperature")
def check_fit_temperature(fit_temperature, reference=None):
    """Check ``fit_temperature`` (visible: hand-worked data; hidden: vs the reference)."""
    f = fit_temperature
    rtol = 1e-4

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

    logits, labels, _ = _OVERCONFIDENT
    why = "labels must be class indices 0..K-1"
    expect_raises(f, (logits, np.array([0, 0, 0, 2])), why=why)
    expect_raises(f, (logits, np.array([-1, 0, 0, 1])), why=why)
    expect_raises(f, (logits, np.array([0, 1])), why="one label per row of logits")

    if reference is None:
        return

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
    # No finite T minimises the NLL: every label is the top logit, or the logits are useless.
    expect_raises(
        f,
        (np.array([[3.0, 0.0, 1.0], [0.0, 2.0, 1.0]]), np.array([0, 1])),
        why="every label is the top logit: the NLL keeps falling as T -> 0",
    )
    expect_raises(
        f,
        (np.ones((4, 3)), np.array([0, 1, 2, 0])),
        why="equal logits: the NLL does not depend on T",
    )
    expect_raises(f, (np.array([1.0, 2.0]), np.array([0])), why="logits must be 2-D (N, K)")


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
    """Check ``expected_calibration_error`` (visible: hand-worked sets; hidden: vs reference)."""
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

    probs, labels = np.array([[0.9, 0.1], [0.2, 0.8]]), np.array([0, 1])
    expect_raises(f, (probs, np.array([0, 2])), why="labels must be class indices 0..K-1")
    expect_raises(f, (probs, np.array([0, 1, 1])), why="one label per row of probs")
    expect_raises(f, (probs, labels), {"n_bins": 0}, why="n_bins must be at least 1")

    if reference is None:
        return

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
    expect_raises(f, (probs, -labels - 1), why="labels must be class indices 0..K-1")
    expect_raises(f, (probs[0], labels[:1]), why="probs must be 2-D (N, K)")
    # Logits passed by mistake: not probabilities (outside [0, 1], rows not summing to 1).
    expect_raises(
        f,
        (np.log(probs), labels),
        why="probs must be probabilities in [0, 1] summing to 1 per row; these look like logits",
    )
    expect_raises(f, (probs, labels), {"n_bins": -3}, why="n_bins must be at least 1")


def _ece_reference(f, reference, probs, labels, n_bins, tol):
    __tracebackhide__ = True
    shown = f"expected_calibration_error({describe(np.asarray(probs))}, labels, n_bins={n_bins})"
    expected = float(reference(probs, labels, n_bins=n_bins))
    value = _scalar(call(f, probs, labels, n_bins=n_bins), shown)
    if not math.isclose(value, expected, rel_tol=tol["rtol"], abs_tol=tol["atol"]):
        raise fail(f"{shown} returned {value:.10g}, but {expected:.10g} is correct.", WRONG_VALUES)
