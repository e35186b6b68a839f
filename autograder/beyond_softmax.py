"""Checks of notebook ``08_beyond_softmax``.

The visible checks of ``sparsemax`` and ``entmax15`` use logits whose answers are worked out
by hand: two classes (``sparsemax([t, 0])`` is ``clip((t + 1) / 2, 0, 1)`` for the first
class; ``entmax15([t, 0])`` solves ``a - b = t / 2, a^2 + b^2 = 1``), and supports of three
whose differences ``x - tau`` are chosen first (``1/3, 2/3, 2/3`` squared are
``1/9, 4/9, 4/9``). Before a generic failure they name the mistake from the shape of the
output: all entries positive (softmax), a negative entry (no clip), right on sorted logits
but wrong on the same logits unsorted (no sort), slices that do not sum to 1 (a threshold
from the wrong support), the values of sparsemax where entmax is asked for, and so on.

The samplers are random, so their checks are statistical (chi-square statistics of
frequencies over 10,000 draws with fixed seeds, hence deterministic) and behavioural:

- the generator alone decides: equal seeds give equal draws, whatever NumPy's global state;
- each draw (each row) gets its own noise;
- ``rng.random()`` can return exactly 0.0, and ``-log(-log 0)`` is ``-inf``: the checks pass
  a genuine ``numpy.random.Generator`` whose first number *is* 0.0 (an SFC64 generator set
  to a state whose next output is 0), and the draw must not change because of it;
- ``gumbel_max_sample`` draws *as* ``argmax(z + g)`` (the exercise's text): with the same
  seed, raising one logit can move a draw only to that class, because the noise does not
  depend on the logits. An inverse-CDF sampler draws from the right distribution but not by
  the Gumbel-max trick, and fails this check (run before the u = 0 one, which it would fail
  for a log it does not take).

They never compare draws one by one with a particular method: ``rng.gumbel`` and
``-log(-log u)`` on ``rng.random`` draw differently from the same generator, and both are
right. The hidden part receives the reference and compares frequencies with the reference's
(two-sample tests), values of ``sparsemax`` and ``entmax15`` on random shapes, axes, scales
and dtypes, and the declared contract (below) on every probe.
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
from autograder.feedback import Mistake, fail
from autograder.harness import (
    call,
    describe,
    exercise_check,
    expect_close,
    expect_shape,
    float32_numbers_only,
    matches_reference,
    to_array,
)
from autograder.mistakes import (
    FLOAT16_SUM,
    FLOAT64_IN_FLOAT32,
    NO_MAX_SHIFT,
    RETURNED_LIST,
    WRONG_VALUES,
)
from autograder.temperature import (
    SAMPLING_NOT_INTEGER,
    SAMPLING_OUT_OF_RANGE,
    TEMPERATURE_DIVIDED_FIRST,
    TEMPERATURE_IGNORED,
    TEMPERATURE_MULTIPLIED,
)

__all__ = [
    "check_sparsemax",
    "check_entmax15",
    "check_gumbel_max_sample",
    "check_gumbel_softmax",
]

# --- mistakes ----------------------------------------------------------------------------

SPARSE_IS_SOFTMAX = Mistake(
    "sparse-is-softmax",
    "Every entry is positive: this is softmax. Sparse maps subtract a threshold tau from the "
    "(sorted) logits and clip at 0, so entries below tau are exactly 0; no exponentials.",
    fix="threshold and clip, no exponentials",
)
SPARSE_NOT_CLIPPED = Mistake(
    "sparse-not-clipped",
    "An entry is negative: logits below the threshold tau must give exactly 0. Clip: "
    "np.maximum(z - tau, 0) for sparsemax, np.maximum(z / 2 - tau, 0) ** 2 for 1.5-entmax.",
    fix="clip the entries below tau to 0",
)
SPARSE_NOT_EXACT_ZERO = Mistake(
    "sparse-not-exact-zero",
    "An entry below the threshold must be exactly 0, not a tiny number: that is the point of "
    "a sparse map. Clip with np.maximum(..., 0) instead of adding or flooring by a small "
    "epsilon.",
    fix="give exact zeros below tau",
)
SPARSE_NOT_SORTED = Mistake(
    "sparse-not-sorted",
    "Right on logits already in decreasing order, wrong on the same logits shuffled: the "
    "running sums that find the support must run over the logits sorted in decreasing "
    "order (-np.sort(-z) along the axis), while the output keeps the original order.",
    fix="sort the logits in decreasing order first",
)
SPARSE_WRONG_SUPPORT = Mistake(
    "sparse-wrong-support",
    "The entries do not sum to 1: the threshold tau came from the wrong support. Sort the "
    "logits in decreasing order; sparsemax keeps the k largest with 1 + k z_(k) > "
    "z_(1) + ... + z_(k) (ranks k from 1) and takes tau from the largest such k.",
    fix="take tau from the right support size k",
)
SPARSE_GLOBAL_THRESHOLD = Mistake(
    "sparse-global-threshold",
    "One threshold for the whole array mixes the rows. Sort, sum and count along `axis` only, "
    "so that every slice gets its own tau and sums to 1 on its own.",
    fix="compute one tau per slice along `axis`",
)
SPARSE_ALL_INF_ROW = Mistake(
    "sparse-all-inf-row",
    "A slice of only -inf (every class excluded) must give zeros, as in stable_softmax, not "
    "NaN: -inf - (-inf) is NaN, so shift such a slice by 0 instead of by its max.",
    fix="give zeros for a slice of only -inf",
)
SPARSE_NAN_SWALLOWED = Mistake(
    "sparse-nan-swallowed",
    "A NaN logit must make its whole slice NaN (NaN in, NaN out). Sorting puts NaN last and "
    "comparisons with NaN are False, so a NaN can silently drop out of the support: "
    "propagate it explicitly.",
    fix="let NaN through to the whole slice",
)
SPARSE_INF = Mistake(
    "sparse-inf-logit",
    "A +inf logit makes its slice NaN, as in stable_softmax (inf - inf is not a number the "
    "formula can give); give the whole slice NaN rather than a one-hot guess.",
    fix="give NaN for a slice holding +inf",
)
SPARSE_NO_MAX_SHIFT = Mistake(
    "sparse-no-max-shift",
    "Subtract each slice's maximum first (the map does not change under a shift): unshifted, "
    "[1e308, -1e308] puts 1e308 and -1e308 into the running sums, where 1 + 1e308 rounds to "
    "1e308 and the test 1 + k z_(k) > c_k fails even for k = 1.",
    fix="subtract each slice's maximum first",
)
SPARSEMAX_RENORMALISED = Mistake(
    "sparsemax-renormalised",
    "The entries sum to 1 only because you divided by their sum: the threshold tau itself "
    "must make max(z - tau, 0) sum to 1. Find tau from the sorted logits instead of "
    "normalising afterwards (the projection is not a rescaling).",
    fix="find tau so that max(z - tau, 0) sums to 1",
)
ENTMAX_IS_SPARSEMAX = Mistake(
    "entmax-is-sparsemax",
    "These are sparsemax's values. 1.5-entmax squares the clipped differences: "
    "p = max(z / 2 - tau, 0) ** 2, with the tau that makes these squares sum to 1.",
    fix="square the clipped differences: (z/2 - tau)^2",
)
ENTMAX_NOT_HALVED = Mistake(
    "entmax-not-halved",
    "1.5-entmax works on z / 2 ((alpha - 1) z with alpha = 1.5): p = max(z / 2 - tau, 0) ** 2. "
    "Using z itself gives the entmax of 2 z, which is too sharp.",
    fix="use z / 2, not z",
)
ENTMAX_NOT_SQUARED = Mistake(
    "entmax-not-squared",
    "Square the clipped differences: 1.5-entmax is max(z / 2 - tau, 0) ** 2 (exponent "
    "1 / (alpha - 1) = 2), with tau making the squares sum to 1.",
    fix="square max(z/2 - tau, 0)",
)
ENTMAX_SPARSEMAX_THRESHOLD = Mistake(
    "entmax-sparsemax-threshold",
    "The squares do not sum to 1: tau, or the support it comes from, was not found by "
    "1.5-entmax's rule. With x = z / 2 sorted in decreasing order, a support of the k largest "
    "has tau_k = mean - sqrt((1 - ss) / k) (ss the sum of squared deviations from their "
    "mean), which solves sum (x_j - tau)^2 = 1; the support is the largest k with "
    "tau_k <= x_(k), and tau is that tau_k (sparsemax's (c_k - 1) / k is the wrong tau).",
    fix="solve sum (z/2 - tau)^2 = 1 for tau",
)
ENTMAX_SPARSEMAX_SUPPORT = Mistake(
    "entmax-sparsemax-support",
    "Right tau formula, wrong support: the support was chosen by sparsemax's test "
    "1 + k x_(k) > x_(1) + ... + x_(k), which keeps too few classes here. For 1.5-entmax the "
    "support is the largest k whose own threshold tau_k = mean - sqrt((1 - ss) / k) does not "
    "exceed x_(k), the smallest of the k largest of x = z / 2.",
    fix="take the largest k with tau_k <= x_(k)",
)
ENTMAX_IMPRECISE = Mistake(
    "entmax-imprecise-threshold",
    "The values are close but not exact: tau was found only approximately (bisection "
    "stopped early, or a loose tolerance). Sorting gives tau exactly; bisection needs about "
    "60 halvings of an interval of width 1 to reach float64 precision.",
    fix="find tau to a relative 1e-9 or better",
)
ENTMAX_NO_SHIFT = Mistake(
    "entmax-no-max-shift",
    "Right on small logits, wrong on logits near 1e8: the mean of squares minus the square "
    "of the mean cancels catastrophically there. Subtract the maximum first (entmax does not "
    "change under a shift); then every number is between -1 and 0.",
    fix="subtract the max first",
)
GUMBEL_WRONG_NOISE = Mistake(
    "gumbel-wrong-noise",
    "The noise is not standard Gumbel: with u uniform on (0, 1), g = -log(-log u) (or "
    "rng.gumbel). -log u is exponential noise, and argmax(z + exponential) does not follow "
    "softmax(z).",
    fix="use Gumbel noise g = -log(-log u)",
)
GUMBEL_NOISE_SCALE = Mistake(
    "gumbel-noise-scale",
    "The draws follow softmax(c z) for some c != 1: the noise has the wrong scale (g / 2, "
    "2 g) or the logits were scaled. Add standard Gumbel noise to the logits as they are.",
    fix="add standard Gumbel noise to z as it is",
)
GUMBEL_ARGMIN = Mistake(
    "gumbel-argmin",
    "The least likely class comes up most: take the argmax of z + g, not the argmin.",
    fix="take the argmax of z + g",
)
GUMBEL_NO_NOISE = Mistake(
    "gumbel-no-noise",
    "Every draw is the largest logit: the noise is missing (or too small). Add fresh "
    "Gumbel noise g from rng to the logits before taking the argmax.",
    fix="add Gumbel noise before the argmax",
)
GUMBEL_SAME_NOISE = Mistake(
    "gumbel-same-noise",
    "Every draw (every row) came out the same: one noise vector was reused. Draw noise of "
    "shape size + (K,) for the sampler (z.shape for a batch of logits), so that each draw and "
    "each row gets its own.",
    fix="draw fresh noise for every draw and row",
)
GUMBEL_LOG_ZERO = Mistake(
    "gumbel-log-of-zero",
    "rng.random() returns numbers in [0, 1): it can return exactly 0.0, and -log(-log 0) is "
    "-inf (with 1 - u, or -log of an exponential draw, +inf), which decides the draw. Use "
    "rng.gumbel(size=...), or keep u away from 0 (u = rng.uniform(np.finfo(float).tiny, 1)).",
    fix="never take log(0): rng.random() can be 0",
)
GUMBEL_NOT_ARGMAX = Mistake(
    "gumbel-not-argmax-of-noise",
    "This sampler does not draw as argmax(z + g): with the same seed, raising one logit moved "
    "draws between the other classes, as a sampler by the inverse CDF or rng.choice does. "
    "Draw Gumbel noise g the same way whatever z is (e.g. rng.gumbel(size=size + (K,))) and "
    "take the argmax of z + g; then raising one logit can only move draws to that class.",
    fix="draw as argmax(z + g), noise independent of z",
)
GUMBEL_WRONG_FREQUENCIES = Mistake(
    "gumbel-wrong-frequencies",
    "Over many draws class k must come up with probability softmax(z)[k]. Check the noise "
    "(g = -log(-log u), standard Gumbel), its sign (+g) and scale, and that the argmax runs "
    "over the classes (the last axis).",
    fix="draw argmax(z + g), g standard Gumbel",
)
GUMBEL_IGNORES_RNG = Mistake(
    "gumbel-ignores-rng",
    "Draw every random number from the generator you are given (rng.gumbel or rng.random): "
    "not np.random.*, not the `random` module, nor a generator seeded independently of it. "
    "Otherwise a seed does not reproduce the samples.",
    fix="draw every random number from `rng`",
)
GUMBEL_SOFTMAX_T_FIRST = Mistake(
    "gumbel-softmax-temperature-before-noise",
    "The argmax of a sample follows softmax(z / T), not softmax(z): T divided the logits "
    "before the noise was added. Add the noise first, then divide the sum: "
    "softmax((z + g) / T).",
    fix="divide (z + g) by T, not z alone",
)
GUMBEL_SOFTMAX_HARD = Mistake(
    "gumbel-softmax-hard",
    "You returned a one-hot vector at T = 1: Gumbel-softmax is the soft, differentiable "
    "sample softmax((z + g) / T), one-hot only in the limit T -> 0.",
    fix="return softmax((z + g) / T), not one-hot",
)
GUMBEL_SOFTMAX_NO_NOISE = Mistake(
    "gumbel-softmax-no-noise",
    "Every row is softmax(z / T): the Gumbel noise is missing. Add g (drawn from rng, one "
    "per entry) to the logits: softmax((z + g) / T).",
    fix="add Gumbel noise: softmax((z + g) / T)",
)
GUMBEL_SOFTMAX_NOISE_DTYPE = Mistake(
    "gumbel-softmax-noise-dtype",
    "With the same seed, float32 logits must give the sample that the same logits give in "
    "float64, to float32's precision: draw the noise the same way whatever the dtype "
    "(rng.gumbel(size=z.shape), in float64), compute in float64 and round once at the end.",
    fix="draw the noise the same way for every dtype",
)
GUMBEL_SOFTMAX_SHIFT_BY_Z = Mistake(
    "gumbel-softmax-shift-by-z",
    "At a small T the rows overflow: subtract the maximum of z + g along the last axis, not "
    "the maximum of z. The noise can lift another entry above max(z), and (z + g - max z) / T "
    "is then huge; after subtracting max(z + g) every exponent is at most 0.",
    fix="subtract the max of z + g, not of z",
)
GUMBEL_SOFTMAX_NOT_NORMALISED = Mistake(
    "gumbel-softmax-not-normalised",
    "Each row must sum to 1 along the last axis: divide exp((z + g - max) / T) by its own "
    "sum along the last axis (keepdims=True).",
    fix="normalise each row along the last axis",
)

#: Chi-square statistics above which frequencies are rejected, by degrees of freedom: a
#: correct sampler exceeds them with probability about 1e-7 (1 dof: 7.4e-8, 3 dof: 1.2e-7,
#: 5 dof: 3.8e-7). The seeds are fixed, so a check's verdict never changes between runs.
#: With 200 other seeds, no correct sampler exceeds them and every wrong distribution of the
#: catalogue does (``tests/test_beyond_softmax_checks.py``).
_CHI_SQUARE_LIMIT = {1: 29.0, 3: 35.0, 5: 38.0}
_N = 10_000

# --- helpers -----------------------------------------------------------------------------


def _stated_rules_first(fn, exercise):
    """Hidden tests: probe the contract the text states before comparing with the reference
    (as in the other notebooks: the visible and the hidden verdicts name the same mistake)."""
    __tracebackhide__ = True
    check_contract(fn, CONTRACTS[exercise])


def _close(out, value, rtol=1e-6, atol=1e-9):
    value = np.asarray(value, dtype=np.float64)
    with np.errstate(all="ignore"):
        return out.shape == value.shape and bool(
            np.allclose(out.astype(np.float64), value, rtol=rtol, atol=atol)
        )


def _zero_first_generator():
    """A genuine ``numpy.random.Generator`` whose first random number is exactly 0.

    SFC64's output is ``a + b + counter`` of its state (mod 2**64): with the counter set to
    ``-(a + b)`` the first output is 0, so the first ``random()`` is 0.0 (and the first
    ``random(dtype=np.float32)`` too). Every later number is an ordinary one.
    """
    bits = np.random.SFC64()
    a, b, c = 0x243F6A8885A308D3, 0x13198A2E03707344, 0xA4093822299F31D0
    state = bits.state
    state["state"]["state"] = np.array([a, b, c, (-(a + b)) % 2**64], dtype=np.uint64)
    state["has_uint32"] = 0
    state["uinteger"] = 0
    bits.state = state
    return np.random.Generator(bits)


def _global_state_varies(draw):
    """``draw()`` three times: np.random seeded 1, 2, 1. Restores NumPy's global state."""
    state = np.random.get_state()  # noqa: NPY002 - the global state the learner must not use
    try:
        results = []
        for seed in (1, 2):
            np.random.seed(seed)  # noqa: NPY002 - the global state the learner must not use
            results.append(draw(seed))
        return results
    finally:
        np.random.set_state(state)  # noqa: NPY002 - the global state the learner must not use


def _chi_square(counts, p):
    """Pearson's statistic of ``counts`` against probabilities ``p`` (all > 0)."""
    expected = counts.sum() * np.asarray(p, dtype=np.float64)
    return float(np.sum((counts - expected) ** 2 / expected))


def _chi_square_two_samples(a, b):
    """Statistic of the test that two equal-size count vectors share one distribution."""
    both = a + b
    used = both > 0
    return float(np.sum((a[used] - b[used]) ** 2 / both[used]))


# --- sparsemax and entmax15 ----------------------------------------------------------------

_LN3 = math.log(3.0)


def _entmax_two(t):
    """entmax15([t, 0]) for |t| < 2, worked by hand: a - b = t / 2 and a^2 + b^2 = 1."""
    root = math.sqrt(8.0 - t * t)
    return [((root + t) / 4) ** 2, ((root - t) / 4) ** 2]


def _diagnose_sparse(f, name, z, expected, variants, unnormalised, imprecise=None):
    """One hand-worked case: name the mistake from the output's shape before a generic failure.

    ``variants`` are (mistake, value) pairs of wrong answers worked out for this case. A case
    whose logits are not in decreasing order is also run sorted: right there but wrong here is
    a missing sort. A result that does not sum to 1 is blamed on ``unnormalised``; one within
    1e-4 of the answer but not within 1e-9, on ``imprecise``.
    """
    rtol, atol = 1e-9, 1e-12
    __tracebackhide__ = True
    z = np.asarray(z, dtype=np.float64)
    shown = f"{name}({describe(z)})"
    out = to_array(call(f, z.copy()), shown)
    expect_shape(out, z.shape, shown)
    expected = np.asarray(expected, dtype=np.float64)
    if _close(out, expected, rtol, atol):
        zero = (expected == 0) & (out != 0)
        if zero.any():
            index = int(np.argwhere(zero)[0][0])
            raise fail(
                f"{shown} holds {out[index]!r} at index {index}, below the threshold.",
                SPARSE_NOT_EXACT_ZERO,
            )
        return
    if float32_numbers_only(out, expected):
        raise fail(
            f"{shown} returned {describe(out)}, close but not to float64 accuracy, and each of "
            "its values is a float32 number: it was computed in float32 and converted back.",
            FLOAT64_IN_FLOAT32,
        )
    # softmax of the logits (and of z / 2, entmax's scale) is named whatever the case.
    softmaxes = [(SPARSE_IS_SOFTMAX, _softmax_rows(z, t)) for t in (1.0, 2.0)]
    for mistake, value in variants + softmaxes:
        if _close(out, value):
            raise fail(f"{shown} returned {describe(out)}.", mistake)
    if name == "entmax15" and np.all(out >= 0) and _close(out**2, expected):
        raise fail(f"{shown} returned {describe(out)}, the square roots.", ENTMAX_NOT_SQUARED)
    if np.all(out > 0) and len(z) > 1 and np.any(expected == 0):
        raise fail(f"{shown} returned {describe(out)}: no entry is 0.", SPARSE_IS_SOFTMAX)
    if np.any(out < 0):
        raise fail(f"{shown} returned {describe(out)}, with a negative entry.", SPARSE_NOT_CLIPPED)
    order = np.argsort(-z, kind="stable")
    if not np.array_equal(order, np.arange(len(z))):
        ordered = to_array(call(f, z[order]), f"{name}({describe(z[order])})")
        if _close(ordered, expected[order], rtol, atol):
            raise fail(
                f"{name}({describe(z[order])}) is right, but {shown} (the same logits in "
                f"another order) returned {describe(out)}.",
                SPARSE_NOT_SORTED,
            )
    if imprecise is not None and _close(out, expected, 1e-4, 1e-5):
        off = np.abs(out - expected)
        relative = float(np.max(off / np.maximum(np.abs(expected), atol / rtol)))
        raise fail(
            f"{shown} is close but off by up to {float(off.max()):.1e}, a relative error of "
            f"{relative:.1e} (allowed: a relative 1e-9): {describe(out)}.",
            imprecise,
        )
    total = float(np.sum(out, dtype=np.float64))
    if not math.isclose(total, 1.0, rel_tol=0.0, abs_tol=1e-9):
        raise fail(f"{shown} returned {describe(out)}, which sums to {total:.6g}.", unnormalised)
    expect_close(out, expected, shown, rtol=rtol, atol=atol)


#: Wrong answers of sparsemax on the hand-worked cases, worked out the same way. softmax is
#: named by its own test (all entries positive).
_SPARSEMAX_CASES = [
    # two classes in the support: clip((t + 1) / 2) = 0.45 for t = -0.1
    ([0.1, 0.2], [0.45, 0.55], []),
    # sorted [3, 2.5, 1]: support 2, tau = (5.5 - 1) / 2 = 2.25. Unclipped: z - tau. From all
    # three (an increasing sort, or no support search): tau = 5.5 / 3, then clipped, and that
    # rescaled to sum 1.
    (
        [3.0, 1.0, 2.5],
        [0.75, 0.0, 0.25],
        [
            (SPARSE_NOT_CLIPPED, [0.75, -1.25, 0.25]),
            (SPARSEMAX_RENORMALISED, [7 / 11, 0.0, 4 / 11]),
        ],
    ),
    # ties share; the third is 1 below the top: exactly 0 (tau = 0.5)
    ([1.0, 1.0, 0.0], [0.5, 0.5, 0.0], []),
    # a 1-point lead takes everything (tau = 2)
    ([1.0, 2.0, 3.0], [0.0, 0.0, 1.0], [(SPARSEMAX_RENORMALISED, [0.0, 0.25, 0.75])]),
    # 1.2 below: out, although 1 + 1 * (-1.2) > -1.2 (ranks from 0 would keep it)
    ([0.2, -1.0], [1.0, 0.0], []),
    # the first is 1.5 below the top: out; tau = (0.4 - 1) / 2 = -0.3
    ([-1.5, 0.0, 0.4], [0.0, 0.3, 0.7], []),
    ([0.0, 0.0, 0.0, 0.0], [0.25] * 4, []),
    # The support of the widget's first four logits is 2, tau = (2.5 - 1) / 2 = 0.75: a rule
    # that keeps every logit within 1 of the maximum keeps 0.6 too (and sums to 1.1).
    ([1.5, 1.0, 0.6, 0.1], [0.75, 0.25, 0.0, 0.0], []),
]


def _sparsemax_values(f):
    __tracebackhide__ = True
    for z, expected, variants in _SPARSEMAX_CASES:
        _diagnose_sparse(f, "sparsemax", z, expected, variants, SPARSE_WRONG_SUPPORT)


@exercise_check("sparsemax")
def check_sparsemax(sparsemax, reference=None):
    """Check ``sparsemax``.

    Visible: hand-worked values (two classes, a support of two among three logits, ties, a
    1-point lead, uniform, a support of two among four) with the classic wrong answers named;
    then its contract (below):
    lists, batches, ``axis``, dtypes, the ``ValueError`` cases and the edges. Hidden: random
    shapes, axes, scales and dtypes against the reference.
    """
    __tracebackhide__ = True
    f = sparsemax
    _sparsemax_values(f)
    if reference is None:
        return
    _stated_rules_first(f, "sparsemax")
    _sparse_against_reference(f, reference)


def _sparse_against_reference(f, reference):
    __tracebackhide__ = True
    rng = np.random.default_rng(8)
    tol = {"rtol": 1e-9, "atol": 1e-12}
    for shape, axis, scale in [
        ((7,), -1, 1.0),
        ((4, 9), -1, 0.3),
        ((4, 9), 0, 3.0),
        ((2, 3, 5), 1, 1.0),
        ((3, 4, 6), -1, 0.05),
        ((2, 300), -1, 0.5),
        ((3, 2, 4), 0, 10.0),
    ]:
        z = rng.normal(size=shape) * scale
        matches_reference(f, reference, (z,), {"axis": axis}, **tol)
    # Extremes: large logits, a near tie, huge magnitudes, -inf entries, K = 1000.
    matches_reference(f, reference, (rng.normal(size=(3, 6)) * 1000.0 + 1e8,), **tol)
    matches_reference(f, reference, (np.array([[2.0, 2.0 + 1e-12, 1.0], [5.0, 5.0, 5.0]]),), **tol)
    matches_reference(f, reference, (np.array([[1e300, -1e300, 0.0], [-1e300, -1e300, 1.0]]),))
    z = np.array([[-np.inf, 0.3, 0.1, -np.inf], [0.0, -np.inf, -np.inf, -np.inf]])
    matches_reference(f, reference, (z,), **tol)
    matches_reference(f, reference, (rng.normal(size=1000) * 0.01,), **tol)
    # Dtypes: float32 and float16 kept, integers promoted.
    z = rng.normal(size=(3, 5))
    matches_reference(f, reference, (z.astype(np.float32),), rtol=1e-5, atol=1e-6)
    matches_reference(f, reference, (z.astype(np.float16),), rtol=1e-2, atol=1e-3)
    matches_reference(f, reference, (np.array([[1, 2, 3], [0, 0, 5]]),), **tol)


_ROOT7 = math.sqrt(7.0)


def _entmax_on_support(z, k):
    """[z/2 - tau_k]_+^2 with tau_k of the k largest entries: hand-worked for a given support."""
    x = np.asarray(z, dtype=np.float64) / 2
    top = -np.sort(-x)[:k]
    mean = top.mean()
    tau = mean - math.sqrt((1 - np.sum((top - mean) ** 2)) / k)
    return list(np.maximum(x - tau, 0.0) ** 2)


#: Wrong answers of entmax15 on the hand-worked cases. "Not halved" is the entmax of 2 z:
#: [0.5, 0] then differs by 1, as [1, 0] does at the right scale. sparsemax's threshold on
#: x = z / 2 squared: for [-1.5, 0, 0.4], x = [-0.75, 0, 0.2], tau = -0.4: [0, 0.16, 0.36].
_ENTMAX_CASES = [
    ([0.0, 0.0, 0.0, 0.0], [0.25] * 4, []),
    (
        [0.5, 0.0],
        _entmax_two(0.5),
        [
            (ENTMAX_IS_SPARSEMAX, [0.75, 0.25]),
            (ENTMAX_NOT_HALVED, _entmax_two(1.0)),
        ],
    ),
    # x - tau = [1/3, 2/3, 2/3] (x = z / 2, tau = -1/3): squares [1/9, 4/9, 4/9]
    (
        [2 / 3, 0.0, 2 / 3],
        [4 / 9, 1 / 9, 4 / 9],
        [(ENTMAX_NOT_SQUARED, [2 / 3, 1 / 3, 2 / 3])],
    ),
    # x = [-0.75, 0, 0.2], tau = -0.6: the first is below it; squares of [0.6, 0.8]
    (
        [-1.5, 0.0, 0.4],
        [0.0, 0.36, 0.64],
        [
            (ENTMAX_IS_SPARSEMAX, [0.0, 0.3, 0.7]),
            (ENTMAX_NOT_SQUARED, [0.0, 0.6, 0.8]),
            (SPARSE_NOT_CLIPPED, [0.0225, 0.36, 0.64]),  # (-0.75 + 0.6) ** 2 unclipped
            (ENTMAX_SPARSEMAX_THRESHOLD, [0.0, 0.16, 0.36]),
        ],
    ),
    # [1, 2, 3]: the first is 2 below the top, out; the others differ by 1
    (
        [1.0, 2.0, 3.0],
        [0.0, (4 - _ROOT7) / 8, (4 + _ROOT7) / 8],
        [(ENTMAX_IS_SPARSEMAX, [0.0, 0.0, 1.0])],
    ),
    # The widget's first four logits: x = [0.75, 0.5, 0.3, 0.05], mean 0.4, ss = 0.265, so
    # tau_4 = 0.4 - sqrt(0.18375) = -0.0287 <= 0.05 and all four stay in. Sparsemax's test
    # 1 + k x_(k) > c_k stops at k = 3 (1.2 > 1.6 fails), and tau_3 gives other values.
    (
        [1.5, 1.0, 0.6, 0.1],
        _entmax_on_support([1.5, 1.0, 0.6, 0.1], 4),
        [
            (ENTMAX_SPARSEMAX_SUPPORT, _entmax_on_support([1.5, 1.0, 0.6, 0.1], 3)),
            (ENTMAX_IS_SPARSEMAX, [0.75, 0.25, 0.0, 0.0]),
        ],
    ),
]


def _entmax_values(f):
    __tracebackhide__ = True
    for z, expected, variants in _ENTMAX_CASES:
        _diagnose_sparse(
            f, "entmax15", z, expected, variants, ENTMAX_SPARSEMAX_THRESHOLD, ENTMAX_IMPRECISE
        )
    # Shift invariance where it costs: logits near 1e8 (the squares near 2.5e15).
    z = np.array([1e8 + 0.5, 1e8])
    shown = "entmax15([1e8 + 0.5, 1e8])"
    out = to_array(call(f, z), shown)
    expect_shape(out, (2,), shown)
    if not _close(out, _entmax_two(0.5), 1e-9, 1e-12):
        raise fail(
            f"{shown} returned {describe(out)}; entmax15([0.5, 0]) is right.", ENTMAX_NO_SHIFT
        )


@exercise_check("entmax15")
def check_entmax15(entmax15, reference=None):
    """Check ``entmax15``.

    Visible: hand-worked values (uniform, two classes, a support of three, one of two among
    three, all four of [1.5, 1, 0.6, 0.1]) to a relative 1e-9 with the classic wrong answers
    named (sparsemax's values, z instead of z / 2, no square, sparsemax's threshold or
    support test, an approximate tau), logits near 1e8; then its
    contract (below). Hidden: random shapes, axes, scales and dtypes against the reference.
    """
    __tracebackhide__ = True
    f = entmax15
    _entmax_values(f)
    if reference is None:
        return
    _stated_rules_first(f, "entmax15")
    _sparse_against_reference(f, reference)


# --- gumbel_max_sample ---------------------------------------------------------------------


def _draw(f, z, rng, size, shown):
    """Draws of the learner's sampler, read as integer indices of the right shape."""
    __tracebackhide__ = True
    rng = np.random.default_rng(rng) if isinstance(rng, int) else rng
    result = call(f, z, rng, size=size)
    if isinstance(result, (list, tuple)):
        raise fail(
            f"return a NumPy array of indices: {shown} returned a Python "
            f"{type(result).__name__} (np.argmax gives an array).",
            RETURNED_LIST,
        )
    out = to_array(result, shown)
    if out.dtype.kind not in "iu":
        raise fail(f"{shown} returned {describe(out)} of dtype {out.dtype}.", SAMPLING_NOT_INTEGER)
    expected = () if size is None else (size,) if isinstance(size, int) else tuple(size)
    expect_shape(out, expected, shown)
    k = len(z)
    if out.size and (out.min() < 0 or out.max() >= k):
        raise fail(
            f"{shown} returned indices from {out.min()} to {out.max()}; with {k} classes "
            f"they must lie in 0..{k - 1}.",
            SAMPLING_OUT_OF_RANGE,
        )
    return out


def _name_frequencies(freq0, named):
    """The mistake whose class-0 frequency (of two classes) ``freq0`` reproduces, or None."""
    for mistake, value in named:
        if abs(freq0 - value) < 0.02:
            return mistake
    return None


#: Two classes [0, ln 3]: softmax gives class 0 a quarter. Wrong answers, worked by hand:
#: exponential noise (-log u, or log u) gives z_1 + E_1 > E_0 with 1 - e^(-ln 3) / 2 = 5/6;
#: argmin gives 3/4 to class 0; noise at half its scale is softmax(2 z): 1/10; twice: z / 2.
_TWO = np.array([0.0, _LN3])
_TWO_NAMED = [
    (GUMBEL_WRONG_NOISE, 1 / 6),
    (GUMBEL_ARGMIN, 0.75),
    (GUMBEL_NOISE_SCALE, 0.1),
    (GUMBEL_NOISE_SCALE, 1 / (1 + math.sqrt(3.0))),
    (GUMBEL_NO_NOISE, 0.0),
]
#: Four classes ln [3, 1, 4, 2]: probabilities [0.3, 0.1, 0.4, 0.2], not in sorted order.
_W = np.array([3.0, 1.0, 4.0, 2.0])
_FOUR = np.log(_W)


def _frequency_failure(shown, freq, extra=""):
    return (
        f"{shown} drew the classes with frequencies {describe(freq.round(4))}; over {_N} "
        f"draws these are too far from softmax(z) to be chance{extra}."
    )


def _sampler_frequencies(f):
    __tracebackhide__ = True
    shown = f"gumbel_max_sample([0, ln 3], rng, size={_N})"
    out = _draw(f, _TWO, 2024, _N, shown)
    counts = np.bincount(out, minlength=2).astype(np.float64)
    if _chi_square(counts, [0.25, 0.75]) > _CHI_SQUARE_LIMIT[1]:
        freq = counts / _N
        mistake = _name_frequencies(freq[0], _TWO_NAMED) or GUMBEL_WRONG_FREQUENCIES
        raise fail(_frequency_failure(shown, freq), mistake)
    shown = f"gumbel_max_sample(ln [3, 1, 4, 2], rng, size={_N})"
    out = _draw(f, _FOUR, 2025, _N, shown)
    counts = np.bincount(out, minlength=4).astype(np.float64)
    if _chi_square(counts, _W / _W.sum()) > _CHI_SQUARE_LIMIT[3]:
        freq = counts / _N
        mistake = GUMBEL_WRONG_FREQUENCIES
        if np.argmax(freq) == np.argmin(_W):
            mistake = GUMBEL_ARGMIN
        raise fail(_frequency_failure(shown, freq), mistake)


def _sampler_fresh_noise(f):
    """64 draws from nearly uniform logits are not all one class; if they are for two seeds,
    and it is the largest logit, there is no noise at all."""
    __tracebackhide__ = True
    z = np.array([0.0, 0.1, 0.0, 0.0])
    shown = "gumbel_max_sample([0, 0.1, 0, 0], rng=default_rng({}), size=64)"
    out = _draw(f, z, 0, 64, shown.format(0))
    if np.all(out == out[0]):
        other = _draw(f, z, 1, 64, shown.format(1))
        if np.all(out == 1) and np.all(other == 1):
            raise fail(f"{shown.format('0 and 1')} drew class 1 every time.", GUMBEL_NO_NOISE)
        raise fail(f"{shown.format(0)} drew class {out[0]} all 64 times.", GUMBEL_SAME_NOISE)


def _expect_the_generator_decides(sample) -> None:
    """``sample(seed)`` must repeat for equal seeds (whatever np.random's state) and vary."""
    __tracebackhide__ = True
    a, b = _global_state_varies(lambda _: sample(7))
    if not np.array_equal(a, b):
        raise fail(
            "two calls with generators seeded identically (np.random.default_rng(7)) gave "
            "different samples.",
            GUMBEL_IGNORES_RNG,
        )
    if np.array_equal(a, sample(8)):
        raise fail(
            "generators with different seeds (7 and 8) gave exactly the same samples.",
            GUMBEL_IGNORES_RNG,
        )


def _sampler_uses_rng(f):
    __tracebackhide__ = True
    shown = "gumbel_max_sample(ln [3, 1, 4, 2], rng=default_rng({}), size=64)"
    _expect_the_generator_decides(lambda seed: _draw(f, _FOUR, seed, 64, shown.format(seed)))


def _sampler_zero_uniform(f):
    """A generator whose first number is 0.0 must not decide a draw."""
    __tracebackhide__ = True
    for z, top in (([20.0, 0.0, 0.0], 0), ([0.0, 20.0, 20.0], None)):
        shown = f"gumbel_max_sample({z}, rng, size=4) with a generator whose first random() is 0.0"
        out = _draw(f, np.array(z), _zero_first_generator(), 4, shown)
        bad = out != top if top is not None else out == 0
        if bad.any():
            raise fail(f"{shown} drew {describe(out)}.", GUMBEL_LOG_ZERO)


def _sampler_mechanism(f):
    """Raising one logit with the same seed moves draws only to that class."""
    __tracebackhide__ = True
    z = np.array([0.2, 1.0, -0.5, 0.7])
    raised = z + np.array([0.0, 0.0, 1.0, 0.0])
    n = 2000
    before = _draw(f, z, 31, n, f"gumbel_max_sample([0.2, 1, -0.5, 0.7], rng, size={n})")
    after = _draw(f, raised, 31, n, f"gumbel_max_sample([0.2, 1, 0.5, 0.7], rng, size={n})")
    moved = (before != after) & (after != 2)
    if moved.any() or np.any(after[before == 2] != 2):
        i = int(np.argwhere((before != after) & ((after != 2) | (before == 2)))[0][0])
        raise fail(
            f"with the same seed, raising logit 2 from -0.5 to 0.5 changed draw {i} from class "
            f"{before[i]} to class {after[i]} ({int(np.sum(before != after))} of {n} draws "
            "changed); with argmax(z + g) only a move to class 2 is possible.",
            GUMBEL_NOT_ARGMAX,
        )


@exercise_check("gumbel_max_sample")
def check_gumbel_max_sample(gumbel_max_sample, reference=None):
    """Check ``gumbel_max_sample``.

    Visible: shapes and integer indices; fresh noise for every draw; the generator alone
    deciding the draws; frequencies over 10,000 draws (chi-square, fixed seeds) with the
    classic wrong distributions named; draws made as argmax(z + g) (raising one logit moves
    draws only to it); a generator whose first number is 0.0; then its contract (below).
    Hidden: frequencies against the reference's on random logits (a two-sample test, never
    draw by draw), 50 classes, integer and float16 logits.
    """
    __tracebackhide__ = True
    f = gumbel_max_sample
    z0 = np.array([0.5, 1.0, 1.5])
    _draw(f, z0, 0, None, "gumbel_max_sample([0.5, 1, 1.5], rng)")
    _draw(f, z0, 1, 5, "gumbel_max_sample([0.5, 1, 1.5], rng, size=5)")
    _draw(f, z0, 2, (2, 3), "gumbel_max_sample([0.5, 1, 1.5], rng, size=(2, 3))")
    _sampler_fresh_noise(f)
    _sampler_uses_rng(f)
    _sampler_frequencies(f)
    # The mechanism before u = 0: an inverse-CDF or rng.choice sampler takes no log, and its
    # answer to a first number of 0.0 would blame a log it does not have.
    _sampler_mechanism(f)
    _sampler_zero_uniform(f)
    if reference is None:
        return
    _stated_rules_first(f, "gumbel_max_sample")

    rng = np.random.default_rng(99)
    for scale in (0.5, 2.0, 6.0):
        z = rng.normal(size=6) * scale
        shown = f"gumbel_max_sample({describe(z)}, rng, size={_N})"
        ours = _draw(f, z, 1000, _N, shown)
        theirs = np.asarray(reference(z, np.random.default_rng(2000), size=_N))
        a = np.bincount(ours, minlength=6).astype(np.float64)
        b = np.bincount(theirs, minlength=6).astype(np.float64)
        if _chi_square_two_samples(a, b) > _CHI_SQUARE_LIMIT[5]:
            raise fail(
                f"{shown} drew the classes {describe(a / _N)} of the time; softmax(z) gives "
                f"about {describe(b / _N)}.",
                GUMBEL_WRONG_FREQUENCIES,
            )
    _draw(f, np.array([1, 2, 3]), 5, 10, "gumbel_max_sample([1, 2, 3], rng, size=10)")
    _draw(f, [0.5, 1.5], 6, (3, 4), "gumbel_max_sample([0.5, 1.5], rng, size=(3, 4))")
    z = rng.normal(size=50)
    z[17] = 60.0
    shown = "gumbel_max_sample(z, rng, size=20) for 50 logits, one 60 above the others"
    out = _draw(f, z, 7, 20, shown)
    if np.any(out != 17):
        raise fail(f"{shown} drew {describe(np.unique(out))}.", GUMBEL_WRONG_FREQUENCIES)


# --- gumbel_softmax --------------------------------------------------------------------------


def _soft(f, z, T, rng, shown):
    """The learner's sample, read as a float array of z's shape."""
    __tracebackhide__ = True
    rng = np.random.default_rng(rng) if isinstance(rng, int) else rng
    out = to_array(call(f, z, T, rng), shown)
    expect_shape(out, np.shape(z), shown)
    return out.astype(np.float64)


def _rows_normalised(out, shown):
    __tracebackhide__ = True
    with np.errstate(all="ignore"):
        sums = out.sum(axis=-1)
    bad = ~np.isclose(sums, 1.0, rtol=0.0, atol=1e-6)
    if bad.any() or np.any(out < 0):
        index = tuple(int(i) for i in np.argwhere(bad)[0]) if bad.any() else ()
        raise fail(
            f"{shown}: row {index} sums to {float(sums[index]):.6g}."
            if bad.any()
            else f"{shown} holds a negative entry.",
            GUMBEL_SOFTMAX_NOT_NORMALISED,
        )


def _softmax_rows(z, T):
    """softmax(z / T) of hand-picked logits, for naming a noise-free answer."""
    e = np.exp((z - z.max(axis=-1, keepdims=True)) / T)
    return e / e.sum(axis=-1, keepdims=True)


def _relaxed_rows(f):
    __tracebackhide__ = True
    z = np.tile(np.log([1.0, 2.0, 3.0, 4.0]), (8, 1))
    shown = "gumbel_softmax(8 rows of ln [1, 2, 3, 4], T=1, rng)"
    out = _soft(f, z, 1.0, 0, shown)
    _rows_normalised(out, shown)
    if np.allclose(out, out[0]):
        if np.allclose(out, _softmax_rows(z, 1.0)):
            raise fail(f"{shown}: every row is {describe(out[0])}.", GUMBEL_SOFTMAX_NO_NOISE)
        raise fail(f"{shown}: every row is {describe(out[0])}.", GUMBEL_SAME_NOISE)
    if np.all(np.isin(out, (0.0, 1.0))):
        raise fail(f"{shown} returned one-hot rows, e.g. {describe(out[0])}.", GUMBEL_SOFTMAX_HARD)


def _relaxed_uses_rng(f):
    __tracebackhide__ = True
    z = np.log([[3.0, 1.0, 4.0, 2.0]] * 4)
    shown = "gumbel_softmax(z, T=1, rng=default_rng({}))"
    _expect_the_generator_decides(lambda seed: _soft(f, z, 1.0, seed, shown.format(seed)))


def _relaxed_frequencies(f):
    """The argmax of each row is a Gumbel-max draw, for any T: its frequencies are softmax(z)."""
    __tracebackhide__ = True
    T = 0.5
    # softmax(z / T) = softmax(2 z): [0.1, 0.9] for [0, ln 3], the "T before the noise" draws.
    named = [(GUMBEL_SOFTMAX_T_FIRST, 0.1)] + _TWO_NAMED
    shown = f"the argmax of each row of gumbel_softmax({_N} rows of [0, ln 3], T={T}, rng)"
    out = _soft(f, np.tile(_TWO, (_N, 1)), T, 2024, shown)
    counts = np.bincount(np.argmax(out, axis=1), minlength=2).astype(np.float64)
    if _chi_square(counts, [0.25, 0.75]) > _CHI_SQUARE_LIMIT[1]:
        freq = counts / _N
        mistake = _name_frequencies(freq[0], named) or GUMBEL_WRONG_FREQUENCIES
        raise fail(_frequency_failure(shown, freq), mistake)
    shown = f"the argmax of each row of gumbel_softmax({_N} rows of ln [3, 1, 4, 2], T={T}, rng)"
    out = _soft(f, np.tile(_FOUR, (_N, 1)), T, 2025, shown)
    counts = np.bincount(np.argmax(out, axis=1), minlength=4).astype(np.float64)
    if _chi_square(counts, _W / _W.sum()) > _CHI_SQUARE_LIMIT[3]:
        freq = counts / _N
        wrong = _W**2 / np.sum(_W**2)  # softmax(z / T) with T = 1/2
        mistake = GUMBEL_WRONG_FREQUENCIES
        if 0.5 * np.abs(freq - wrong).sum() < 0.02:
            mistake = GUMBEL_SOFTMAX_T_FIRST
        raise fail(_frequency_failure(shown, freq), mistake)


def _relaxed_dtype(f):
    """float32 logits give the float64 sample to float32's precision, with the same seed."""
    __tracebackhide__ = True
    z = np.tile(np.log([3.0, 1.0, 4.0, 2.0]), (8, 1))
    wide = _soft(f, z, 1.0, 11, "gumbel_softmax(8 rows of ln [3, 1, 4, 2], T=1, rng)")
    shown = "gumbel_softmax(the same rows in float32, T=1, rng) with the same seed"
    narrow = _soft(f, z.astype(np.float32), 1.0, 11, shown)
    if not _close(narrow, wide, rtol=1e-5, atol=1e-6):
        index = tuple(int(i) for i in np.unravel_index(np.argmax(np.abs(narrow - wide)), z.shape))
        raise fail(
            f"{shown} holds {narrow[index]:.6g} at index {index} where float64 gives "
            f"{wide[index]:.6g}.",
            GUMBEL_SOFTMAX_NOISE_DTYPE,
        )


def _relaxed_float64(f):
    """float64 logits are computed in float64: random samples are not all float32 numbers."""
    __tracebackhide__ = True
    shown = "gumbel_softmax(8 rows of ln [3, 1, 4, 2] in float64, T=1, rng)"
    z = np.tile(np.log([3.0, 1.0, 4.0, 2.0]), (8, 1))
    out = to_array(call(f, z, 1.0, np.random.default_rng(12)), shown)
    if float32_numbers_only(out, out):
        raise fail(
            f"{shown} returned only float32 numbers: it was computed in float32 and converted "
            "back.",
            FLOAT64_IN_FLOAT32,
        )


def _relaxed_temperature(f):
    """Large logits stay finite; T -> 0: one-hot rows; the same noise at T = 1 is not one-hot."""
    __tracebackhide__ = True
    shown = "gumbel_softmax([1000, 1001, 1002], T=1, rng)"
    out = _soft(f, np.array([1000.0, 1001.0, 1002.0]), 1.0, 6, shown)
    if not np.all(np.isfinite(out)):
        raise fail(f"{shown} returned {describe(out)}.", NO_MAX_SHIFT)
    _rows_normalised(out, shown)
    z = np.tile(np.log([3.0, 1.0, 4.0, 2.0]), (50, 1))
    shown = "gumbel_softmax(50 rows of ln [3, 1, 4, 2], T=0.001, rng)"
    cold = _soft(f, z, 1e-3, 5, shown)
    if not np.all(np.isfinite(cold)):
        # Large logits passed, so something was subtracted: the max of z, not of z + g.
        raise fail(f"{shown} holds NaN or inf.", GUMBEL_SOFTMAX_SHIFT_BY_Z)
    warm = _soft(f, z, 1.0, 5, "gumbel_softmax(the same rows, T=1, rng)")
    if np.mean(cold.max(axis=1) > 0.99) < 0.9:
        if np.allclose(cold, warm):
            raise fail(f"{shown} is the same as at T=1.", TEMPERATURE_IGNORED)
        if np.mean(cold.max(axis=1)) < 0.3:
            raise fail(
                f"{shown} is nearly uniform, e.g. {describe(cold[0])}.", TEMPERATURE_MULTIPLIED
            )
        raise fail(f"{shown} is not one-hot, e.g. {describe(cold[0])}.", WRONG_VALUES)
    _rows_normalised(cold, shown)


def _relaxed_zero_uniform(f):
    """A generator whose first number is 0.0 must not decide the first entry's noise."""
    __tracebackhide__ = True
    for z, top in (([20.0, 0.0, 0.0], True), ([0.0, 20.0, 20.0], False)):
        shown = f"gumbel_softmax({z}, T=1, rng) with a generator whose first random() is 0.0"
        out = _soft(f, np.array(z), 1.0, _zero_first_generator(), shown)
        if not np.all(np.isfinite(out)) or (out[0] > 0.5) != top:
            raise fail(f"{shown} returned {describe(out)}.", GUMBEL_LOG_ZERO)


@exercise_check("gumbel_softmax")
def check_gumbel_softmax(gumbel_softmax, reference=None):
    """Check ``gumbel_softmax``.

    Visible: rows that sum to 1, each row its own noise, a soft (not one-hot) sample at
    ``T = 1``; the generator alone deciding the sample; the argmax of each row following
    softmax(z) over 10,000 rows (chi-square, fixed seeds) with the classic wrong
    distributions named; large logits, one-hot rows as ``T -> 0``; a generator whose first
    number is 0.0; float32 logits giving the float64 sample (same seed); then its contract
    (below). Hidden: the argmax frequencies and the mean
    sample against the reference's on random logits and temperatures.
    """
    __tracebackhide__ = True
    f = gumbel_softmax
    _relaxed_rows(f)
    _relaxed_uses_rng(f)
    _relaxed_frequencies(f)
    _relaxed_temperature(f)
    _relaxed_zero_uniform(f)
    _relaxed_dtype(f)
    _relaxed_float64(f)
    if reference is None:
        return
    _stated_rules_first(f, "gumbel_softmax")

    rng = np.random.default_rng(77)
    n = 5000
    for T in (0.3, 1.0, 4.0):
        z = rng.normal(size=5) * 1.5
        shown = f"gumbel_softmax({n} rows of {describe(z)}, T={T}, rng)"
        ours = _soft(f, np.tile(z, (n, 1)), T, 1000, shown)
        theirs = np.asarray(reference(np.tile(z, (n, 1)), T, np.random.default_rng(2000)))
        a = np.bincount(np.argmax(ours, axis=1), minlength=5).astype(np.float64)
        b = np.bincount(np.argmax(theirs, axis=1), minlength=5).astype(np.float64)
        if _chi_square_two_samples(a, b) > _CHI_SQUARE_LIMIT[5]:
            raise fail(
                f"the argmax of the rows of {shown} fell on the classes {describe(a / n)} of "
                f"the time; softmax(z) gives about {describe(b / n)}.",
                GUMBEL_WRONG_FREQUENCIES,
            )
        # The mean sample: each entry's mean over n rows, to 6 standard errors.
        spread = np.sqrt(ours.var(axis=0) / n + theirs.var(axis=0) / n) * 6 + 1e-9
        if np.any(np.abs(ours.mean(axis=0) - theirs.mean(axis=0)) > spread):
            raise fail(
                f"the mean of the rows of {shown} is {describe(ours.mean(axis=0))}; "
                f"softmax((z + g) / T) averages about {describe(theirs.mean(axis=0))}.",
                WRONG_VALUES,
            )


# --- contracts -------------------------------------------------------------------------------
# Each exercise's text states COURSE.md's contract and the reference's docstring, so every
# rule below is visible. Arguments are built fresh for every probe (the contract copies them).

_INF, _NAN = np.inf, np.nan
_SPARSE_SAMPLE = np.array([[3.0, 1.0, 2.5], [0.1, 0.2, -1.0], [1.0, 1.0, 0.0]])


def _sparse_contract(name, two, **extra):
    """The contract sparsemax and entmax15 share; ``two`` is f([0.5, 0])."""
    Contract(
        name,
        sample=_SPARSE_SAMPLE,
        wrap_sample=wrapping((3, 3)),
        precision_sample=GENERAL_LOGITS,
        float16_sample=GENERAL_LOGITS,
        long_row=np.zeros((1, 65520)),
        axis=True,
        batch=True,
        batch_mistake=SPARSE_GLOBAL_THRESHOLD,
        errors=(
            Invalid("complex logits", (np.array([1 + 2j, 0.5]),)),
            Invalid("string logits", (np.array(["a", "b"]),)),
            Invalid("a scalar z", (1.5,)),
            Invalid("axis 2 of a 2-D array", (np.zeros((2, 3)),), {"axis": 2}),
        ),
        edges=(
            Edge("-inf", (np.array([-_INF, 0.5, 0.0]),), expected=[0.0, *two]),
            Edge("one class", (np.array([[7.5], [-3.0]]),), expected=[[1.0], [1.0]]),
            Edge("ties", (np.array([2.0, 2.0, 2.0]),), expected=[1 / 3] * 3),
            Edge(
                "NaN",
                (np.array([[1.0, _NAN], [0.5, 0.0]]),),
                expected=[[_NAN] * 2, two],
                mistake=SPARSE_NAN_SWALLOWED,
            ),
            Edge(
                "+inf",
                (np.array([[_INF, 0.0], [0.5, 0.0]]),),
                expected=[[_NAN] * 2, two],
                mistake=SPARSE_INF,
            ),
            Edge("an empty batch", (np.zeros((0, 3)),), expected=np.zeros((0, 3))),
            Edge("an empty axis", (np.zeros((2, 0)),), expected=np.zeros((2, 0))),
            Edge(
                "[1e308, -1e308]",
                (np.array([1e308, -1e308]),),
                expected=[1.0, 0.0],
                mistake=SPARSE_NO_MAX_SHIFT,
            ),
            Edge(
                "65,520 float16 zeros",
                (np.zeros(65520, dtype=np.float16),),
                expected=np.full(65520, 1 / 65520),
                dtype=np.float16,
                rtol=1e-3,
                mistake=FLOAT16_SUM,
            ),
            # Last, so that a slip named by an earlier edge is named first.
            Edge(
                "an all -inf row",
                (np.array([[-_INF, -_INF], [0.5, 0.0]]),),
                expected=[[0.0, 0.0], two],
                mistake=SPARSE_ALL_INF_ROW,
            ),
        ),
        **extra,
    )


_sparse_contract(
    "sparsemax",
    two=[0.75, 0.25],
    values="hand-worked values, exact zeros",
)
_sparse_contract(
    "entmax15",
    two=_entmax_two(0.5),
    values="hand-worked values to a relative 1e-9, exact zeros",
)


def _rng():
    return np.random.default_rng(0)


# A sampler's draws depend on its method (rng.gumbel, -log(-log u)), so the probes use logits
# whose draws every correct method agrees on: class 1 leads by 30, so it comes out unless some
# noise exceeds 30 (probability about 1e-13). The hidden comparison with the reference then
# compares draws that cannot differ.
_CERTAIN = np.array([0.0, 30.0, 0.0])
_ONE = np.array([-_INF, 0.0, -_INF])  # only class 1 can be drawn
_PAIR = np.array([1.0, 2.0])

Contract(
    "gumbel_max_sample",
    wrap_sample=wrapping((3,)),
    sample=_CERTAIN,
    call=lambda z: ((z, _rng()), {"size": 6}),
    dtype=None,
    errors=(
        Invalid("rng = 0", (_PAIR, 0)),
        Invalid("rng = None", (_PAIR, None)),
        Invalid("a RandomState", (_PAIR, np.random.RandomState(0))),  # noqa: NPY002
        Invalid("a NaN logit", (np.array([0.0, _NAN]), _rng())),
        Invalid("a +inf logit", (np.array([0.0, _INF]), _rng())),
        Invalid("all -inf", (np.array([-_INF, -_INF]), _rng())),
        Invalid("2-D z", (np.zeros((2, 2)), _rng())),
        Invalid("empty z", (np.zeros(0), _rng())),
        Invalid("complex z", (np.array([1 + 2j, 0.5]), _rng())),
        Invalid("size=-1", (_PAIR, _rng()), {"size": -1}),
        Invalid("size=2.5", (_PAIR, _rng()), {"size": 2.5}, exception=(ValueError, TypeError)),
        # NumPy's own TypeError (rng.gumbel(size=True)) is as good an answer as a ValueError.
        Invalid("size=True", (_PAIR, _rng()), {"size": True}, exception=(ValueError, TypeError)),
    ),
    edges=(
        Edge("size=None", (_ONE, _rng()), expected=1),
        Edge("-inf logits", (_ONE, _rng()), {"size": (2, 3)}, expected=np.ones((2, 3))),
        Edge("one class", (np.array([5.0]), _rng()), {"size": 4}, expected=np.zeros(4)),
        Edge("size=0", (_ONE, _rng()), {"size": 0}, expected=np.zeros(0)),
        Edge("size=[2, 3]", (_ONE, _rng()), {"size": [2, 3]}, expected=np.ones((2, 3))),
        Edge("integer z", (np.array([0, 60, 0]), _rng()), {"size": 4}, expected=np.ones(4)),
        Edge(
            "float16 z",
            (np.array([0.0, 60.0, 0.0], dtype=np.float16), _rng()),
            {"size": 4},
            expected=np.ones(4),
        ),
    ),
    values="fresh noise per draw, the generator used, frequencies (χ², fixed seeds), "
    "u = 0.0 handled, argmax of z + g",
)

# Rows whose sample every correct method agrees on to 1e-12: one logit 60 above the others
# (e^-60 = 9e-27), so that the list, dtype and reference probes compare equal numbers.
_SURE = np.array([[0.0, 60.0, 0.0], [60.0, 0.0, 0.0], [0.0, 0.0, 60.0]])

Contract(
    "gumbel_softmax",
    wrap_sample=wrapping((3, 3)),
    precision_sample=GENERAL_LOGITS,
    float16_sample=GENERAL_LOGITS,
    sample=_SURE,
    call=lambda z: ((z, 1.0, _rng()), {}),
    errors=(
        Invalid("T = 0", (_PAIR, 0.0, _rng())),
        Invalid("T < 0", (_PAIR, -1.0, _rng())),
        Invalid("T = inf", (_PAIR, _INF, _rng())),
        Invalid("T = nan", (_PAIR, _NAN, _rng())),
        Invalid("an array T", (_PAIR, np.array([1.0, 2.0]), _rng())),
        Invalid("rng = 0", (_PAIR, 1.0, 0)),
        Invalid("a RandomState", (_PAIR, 1.0, np.random.RandomState(0))),  # noqa: NPY002
        Invalid("complex logits", (np.array([1 + 2j, 0.5]), 1.0, _rng())),
        Invalid("a scalar z", (1.5, 1.0, _rng())),
    ),
    edges=(
        Edge(
            "-inf", (np.array([[-_INF, 0.0], [0.0, -_INF]]), 1.0, _rng()), expected=np.eye(2)[::-1]
        ),
        Edge("one class", (np.array([[4.0], [-2.0]]), 0.5, _rng()), expected=[[1.0], [1.0]]),
        Edge(
            "NaN",
            (np.array([[1.0, _NAN], [60.0, 0.0]]), 1.0, _rng()),
            expected=[[_NAN] * 2, [1.0, 0.0]],
        ),
        Edge(
            "+inf",
            (np.array([[_INF, 0.0], [60.0, 0.0]]), 1.0, _rng()),
            expected=[[_NAN] * 2, [1.0, 0.0]],
        ),
        Edge("an empty batch", (np.zeros((0, 3)), 1.0, _rng()), expected=np.zeros((0, 3))),
        Edge("an empty axis", (np.zeros((2, 0)), 1.0, _rng()), expected=np.zeros((2, 0))),
        Edge("a NumPy T", (_SURE, np.float32(0.5), _rng()), expected=np.eye(3)[[1, 0, 2]]),
        Edge("an integer T", (_SURE, np.int64(2), _rng()), expected=np.eye(3)[[1, 0, 2]]),
        Edge(
            "[1e306, 0] at T = 1e-3",
            (np.array([1e306, 0.0]), 1e-3, _rng()),
            expected=[1.0, 0.0],
            mistake=TEMPERATURE_DIVIDED_FIRST,
        ),
        # 60 / 1e-5 overflows float16 (max 65504) unless the max is subtracted first.
        Edge(
            "float16 z at T = 1e-5",
            (np.array([1.0, 2.0, 60.0], dtype=np.float16), 1e-5, _rng()),
            expected=[0.0, 0.0, 1.0],
            dtype=np.float16,
            mistake=TEMPERATURE_DIVIDED_FIRST,
        ),
        # At T = 1e4 the noise moves each share by well under 0.1%: all about 1/65520, and
        # 65,520 exponentials near 1 sum to inf in float16.
        Edge(
            "65,520 float16 zeros at T = 1e4",
            (np.zeros(65520, dtype=np.float16), 1e4, _rng()),
            expected=np.full(65520, 1 / 65520),
            dtype=np.float16,
            rtol=2e-3,
            mistake=FLOAT16_SUM,
        ),
        # Last, so that a slip named by an earlier edge is named first.
        Edge(
            "an all -inf row",
            (np.array([[-_INF, -_INF], [60.0, 0.0]]), 1.0, _rng()),
            expected=[[0.0, 0.0], [1.0, 0.0]],
        ),
    ),
    values="rows summing to 1 with their own noise, the generator used, argmax frequencies "
    "(χ², fixed seeds), T → 0 one-hot, u = 0.0 handled",
)
