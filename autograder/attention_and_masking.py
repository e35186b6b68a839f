"""Checks of ``07_attention_and_masking``: attention, masks, online softmax, tiled attention.

The visible checks use small cases whose answers follow by hand. Most attention probes use
the identity as ``V``, so that the output *is* the weights, and scores built from logarithms
(keys ``[0, ln 3, ln 4]`` against a query ``[1]``) so that the weights are simple fractions.
From such outputs the checks read back what the learner computed: the scale of the scores
(the ratio of two weights is ``exp(scale · gap)``), whether masked entries got weight,
whether a row sums to 1, to less, or the whole array does. The hidden checks add random
shapes and masks, extreme scores, every dtype and the edge cases of the contract, and compare
with the reference passed in.

Contract decisions (see ``solutions.attention_and_masking``): a mask is boolean with ``True``
= may attend; a query with nothing to attend to gets zero weights and a zero output;
``online_softmax`` works along the last axis of any shape, and a slice of only ``-inf``
comes out as zeros (as ``stable_softmax`` gives); ``tiled_attention`` returns the output
only.
"""

from __future__ import annotations

import copy
import math
import tracemalloc
import warnings

import numpy as np

from autograder.contract import GENERAL_LOGITS, Contract, Edge, Invalid, wrapping
from autograder.exponentials import exponentials
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
    GLOBAL_MAX_SHIFT,
    GLOBAL_NORMALISATION,
    MISSING_KEEPDIMS,
    NO_MAX_SHIFT,
    RAISED_ERROR,
    WRONG_AXIS,
    WRONG_VALUES,
)

__all__ = [
    "check_scaled_dot_product_attention",
    "check_causal_mask",
    "check_padding_mask",
    "check_masked_softmax",
    "check_online_softmax",
    "check_tiled_attention",
]

# --------------------------------------------------------------------------------------
# Mistakes of this notebook
# --------------------------------------------------------------------------------------

MASK_INVERTED = Mistake(
    "mask-inverted",
    "In this course, as in PyTorch's `scaled_dot_product_attention`, a mask is True where "
    "attending is ALLOWED and False where it is blocked. Your code reads it the other way "
    "round: use the mask itself where you used its negation (or vice versa).",
    fix="read True in the mask as 'may attend'",
)
MASK_IGNORED = Mistake(
    "mask-ignored",
    "The mask has no effect on your result. Use it before the softmax: replace the scores "
    "of masked entries by -inf (`np.where(mask, scores, -np.inf)`), so that they get weight 0.",
    fix="apply the mask to the scores",
)
MASK_NOT_BOOLEAN = Mistake(
    "mask-not-boolean",
    "A mask must be a boolean array (dtype bool), not 0/1 numbers: build it from a "
    "comparison such as `i >= j` or `positions < length`, or convert with `.astype(bool)`.",
    fix="return a boolean mask",
)
FULLY_MASKED_NAN = Mistake(
    "fully-masked-row-nan",
    "A row with nothing it may attend to (fully masked, or every score -inf) must come out "
    "as all zeros. With a -inf fill its maximum is -inf, so exp(-inf - (-inf)) and the "
    "division 0/0 give NaN: subtract 0 instead of a -inf maximum and divide by 1 where the "
    "sum is 0 (`np.where(total == 0, 1, total)`).",
    fix="give a fully masked row zeros, not NaN",
)
FULLY_MASKED_UNIFORM = Mistake(
    "fully-masked-row-uniform",
    "A finite fill value (-1e9, finfo.min) turns a fully masked row into equal scores and "
    "so into a uniform distribution: the query then attends to keys it must not see. Leave "
    "masked entries out (np.where with -inf, or weights set to 0) and give a row with "
    "nothing allowed all-zero weights.",
    fix="give a fully masked row zeros, not uniform",
)
FULLY_MASKED_NOT_ZERO = Mistake(
    "fully-masked-row-not-zero",
    "A row with no allowed entry must have all-zero weights (and a zero attention output): "
    "check for such rows (e.g. `mask.any(axis)`) and return zeros there.",
    fix="give a fully masked row all zeros",
)
MASKED_WEIGHT_NOT_ZERO = Mistake(
    "masked-weight-not-zero",
    "A masked entry must get a weight of exactly 0. Multiplying the scores by the mask "
    "gives masked entries a score of 0, not -inf; a small fill such as -100 still leaves "
    "exp(-100) > 0; and a fill of -1e9 loses once the scores themselves are below -1e9. "
    "Replace masked scores by -inf (`np.where(mask, scores, -np.inf)`) before the softmax.",
    fix="give masked entries exactly 0 (use -inf)",
)
MASK_AFTER_SOFTMAX = Mistake(
    "mask-after-softmax",
    "You applied the mask after the softmax, so the probability that went to masked "
    "entries is simply lost and the row sums to less than 1. Mask the scores before the "
    "softmax, so that it normalises over the allowed entries only.",
    fix="mask the scores before the softmax",
)
MASK_AFTER_SOFTMAX_RENORMALISED = Mistake(
    "mask-after-softmax-renormalised",
    "You took the softmax (or its maximum) over all entries, masked ones included, and "
    "kept the allowed ones afterwards. On paper that is the same, but when a masked score "
    "is far above the allowed ones every allowed exp underflows to 0 and the row becomes 0 "
    "or 0/0 = NaN. Mask the scores first, so that the maximum is taken over allowed entries "
    "only.",
    fix="take the max over allowed entries only",
)
MAX_SHIFT_FROM_CONSTANT = Mistake(
    "max-shift-from-constant",
    "Shift each row by its own maximum over the allowed entries, and start a running "
    "maximum at -inf. A shift by 0 or by a fixed constant, or a maximum that starts at 0 or "
    "-1e9, stays above scores that are all far below it (about -1000 here), and then every "
    "exp(score - shift) underflows to 0.",
    fix="shift by each row's own max (start at -inf)",
)
NAN_NOT_PROPAGATED = Mistake(
    "nan-not-propagated",
    "A NaN score must give NaN in its row, so that the bug upstream shows. Guard the "
    "division with `total == 0` (or `np.divide(..., where=total != 0)`), not `total > 0`, "
    "and do not clean the result with np.nan_to_num: both turn NaN into 0 silently.",
    fix="let NaN propagate (no nan_to_num, no > 0)",
)
MASK_NOT_BROADCAST = Mistake(
    "mask-boolean-indexing",
    "A mask only has to BROADCAST to the scores (a key mask of shape (n_k,), a padding mask "
    "of shape (B, 1, n_k)); `scores[~mask] = ...` needs the exact same shape. Use "
    "`np.where(mask, scores, -np.inf)`, which broadcasts.",
    fix="let the mask broadcast (np.where)",
)
NO_SCALING = Mistake(
    "attention-no-scaling",
    "The scores must be divided by √d_k (d_k = Q.shape[-1]): `Q @ K^T / np.sqrt(d_k)`. "
    "Without it, dot products of d_k-dimensional vectors grow like √d_k and the softmax "
    "becomes nearly one-hot.",
    fix="divide the scores by √d_k",
)
SCALED_BY_D = Mistake(
    "attention-scaled-by-d",
    "You divided the scores by d_k; divide by its square root, √d_k: the standard deviation "
    "of a dot product of d_k random unit-variance entries is √d_k.",
    fix="divide by √d_k, not by d_k",
)
MULTIPLIED_BY_SQRT_D = Mistake(
    "attention-multiplied-by-sqrt-d",
    "You multiplied the scores by √d_k; divide by it instead: `scores / np.sqrt(d_k)`.",
    fix="divide by √d_k, not multiply",
)
WRONG_SCALE_DIMENSION = Mistake(
    "attention-scaled-by-wrong-dimension",
    "You divided by the square root of the wrong size. d_k is the feature size shared by "
    "queries and keys, `Q.shape[-1]`, not the size of the values or the number of "
    "queries or keys.",
    fix="scale by √d_k with d_k = Q.shape[-1]",
)
SOFTMAX_OVER_QUERIES = Mistake(
    "attention-softmax-over-queries",
    "The weights of each query must sum to 1 over the keys, i.e. along the last axis of the "
    "(..., n_q, n_k) scores. You normalised over the queries (axis -2) instead.",
    fix="normalise over the keys (last axis)",
)
KEYS_AS_VALUES = Mistake(
    "attention-keys-as-values",
    "The output is the weighted average of the VALUES: `weights @ V`, not of the keys.",
    fix="average the values: weights @ V",
)
KEY_TRANSPOSE = Mistake(
    "attention-key-transpose",
    "The scores are Q times K transposed. A matrix product failed on its shapes: use "
    "`Q @ np.swapaxes(K, -1, -2)` (or `np.einsum('...qd,...kd->...qk', Q, K)`); `K` "
    "without a transpose only fits when n_k == d_k, and `K.T` reverses every axis, which "
    "is wrong as soon as there is a batch axis.",
    fix="transpose K's last two axes",
)
NOT_A_PAIR = Mistake(
    "attention-not-a-pair",
    "scaled_dot_product_attention returns two arrays, the output and the weights: "
    "`return output, weights`.",
    fix="return (output, weights)",
)
PAIR_SWAPPED = Mistake(
    "attention-pair-swapped",
    "Return the output first and the weights second: `return output, weights`.",
    fix="return output first, then weights",
)
CAUSAL_TRANSPOSED = Mistake(
    "causal-mask-transposed",
    "Your mask lets each query see the FUTURE (the upper triangle). Query i may attend to "
    "keys j <= i: True on and below the diagonal (`np.tril`, or `i >= j`).",
    fix="keep the lower triangle (j <= i)",
)
CAUSAL_EXCLUDES_DIAGONAL = Mistake(
    "causal-mask-excludes-diagonal",
    "A position may attend to itself: the diagonal must be True (`j <= i`, not `j < i`; "
    "`np.tril(..., k=0)`). Without it the first query has nothing to attend to.",
    fix="include the diagonal (j <= i)",
)
CAUSAL_SEES_NEXT = Mistake(
    "causal-mask-sees-next-position",
    "Your mask lets query i see key i + 1, one step into the future. The boundary is the "
    "diagonal: True exactly where j <= i (`np.tril(..., k=0)`).",
    fix="stop at the diagonal (j <= i)",
)
PADDING_OFF_BY_ONE = Mistake(
    "padding-mask-off-by-one",
    "Positions count from 0, so a sequence of length L holds positions 0, ..., L - 1: the "
    "mask is `positions < L`, not `<= L` (nor `< L - 1`).",
    fix="use positions < length",
)
PADDING_TRANSPOSED = Mistake(
    "padding-mask-transposed",
    "The mask has one row per sequence: shape (B, n) = (len(lengths), n), not (n, B). "
    "Compare `np.arange(n)[None, :]` with `lengths[:, None]`.",
    fix="return shape (len(lengths), n)",
)
PADDING_WIDTH = Mistake(
    "padding-mask-width",
    "The mask has n columns, the padded length that is passed in, whatever the lengths "
    "are: use `np.arange(n)`, not `np.arange(max(lengths))`.",
    fix="make n columns",
)
ONLINE_RESCALE = Mistake(
    "online-softmax-rescale",
    "When a block raises the running maximum from m to m_new, every term already in the "
    "running sum was computed as exp(x - m): multiply the sum by exp(m - m_new) before "
    "adding the new block's exp(x - m_new).",
    fix="rescale the running sum by exp(m - m_new)",
)
ONLINE_EMPTY_RESCALE = Mistake(
    "online-softmax-empty-rescale",
    "Before the first block the running max is -inf and the running sum 0. A running max "
    "that starts at 0 (or any constant) underflows logits far below it, and rescaling the "
    "empty sum by exp(m_old - m_new) with a finite stand-in for m_old gives 0 * exp(1000) = "
    "0 * inf = NaN. Start the max at -inf, and rescale only while the running max is finite.",
    fix="start at -inf; don't rescale the empty sum",
)
ONLINE_RUNNING_MAX = Mistake(
    "online-softmax-running-max",
    "The running maximum must be updated with every block (m_new = max(m, block max)) and "
    "used in the exponentials; with a stale maximum, a later, much larger value overflows "
    "exp.",
    fix="update the running max with every block",
)
ONLINE_PER_BLOCK = Mistake(
    "online-softmax-per-block-normalisation",
    "You normalised every block on its own. The blocks share one normaliser: carry a "
    "running maximum and a running sum across blocks, and divide by the final sum at the "
    "end.",
    fix="share one normaliser across blocks",
)
LAST_BLOCK = Mistake(
    "blocks-last-partial-block",
    "When the length is not a multiple of block_size, the last block is shorter, and it "
    "still counts. Loop with `for start in range(0, n, block_size)` and slice "
    "`[start:start + block_size]` (slicing stops at the end by itself).",
    fix="include the last, shorter block",
)
MINUS_INF_BLOCK = Mistake(
    "blocks-masked-block-running-max",
    "While a row has seen only masked (-inf) entries, its running maximum is -inf, and "
    "exp(-inf - (-inf)) is NaN, which then poisons the running sum. Use a finite stand-in "
    "(0) for the maximum while it is -inf: `np.where(m_new == -np.inf, 0.0, m_new)`.",
    fix="use a stand-in 0 while the max is -inf",
)
BATCH_MIXED = Mistake(
    "attention-batch-mixed",
    "Every batch member attends with its own keys: the scores are "
    "`Q @ np.swapaxes(K, -1, -2)`, which pairs Q[b] with K[b] for every leading index b. "
    "Taking one member's keys (K[0], a reshape that drops the batch) mixes the batch up.",
    fix="pair each batch member's Q with its own K",
)
TILED_RESCALE = Mistake(
    "tiled-attention-rescale",
    "When a key block raises a query's running maximum from m to m_new, BOTH the running "
    "sum and the output accumulator were built with exp(score - m): multiply both by "
    "exp(m - m_new) before adding the block's contribution.",
    fix="rescale both the sum and the accumulator",
)
TILED_FULL_SCORES = Mistake(
    "tiled-attention-full-score-matrix",
    "Tiled attention must never hold all (n_q, n_k) scores or weights at once: compute "
    "the scores of one key block at a time, fold them into the running max, sum and "
    "output accumulator, and drop them before the next block.",
    fix="never hold all (n_q, n_k) scores",
)
TILED_OUTPUT_ONLY = Mistake(
    "tiled-attention-output-only",
    "tiled_attention returns the output only: the weights are never formed as a whole, "
    "which is the point of tiling.",
    fix="return the output only",
)
TILED_MASK_SLICE = Mistake(
    "tiled-attention-mask-slice",
    "Each key block must use the mask's columns for that block, "
    "`mask[..., start:start + block_size]` (broadcast against the block's scores), and "
    "leave masked keys out with -inf before the exponential.",
    fix="use the mask's columns of each block",
)

MASKED_VALUE_LEAKS = Mistake(
    "masked-value-leaks",
    "A masked key's value must never reach the output, even when it is NaN or inf: in "
    "`weights @ V` a weight of 0 times inf (or NaN) is NaN. Leave the non-finite values of "
    "keys with weight 0 out of the product, e.g. multiply `np.where(np.isfinite(V), V, 0)` "
    "and put back inf/NaN only where an allowed key holds them.",
    fix="keep masked keys' values out of the output",
)
ALLOWED_VALUE_DROPPED = Mistake(
    "allowed-value-dropped",
    "An allowed key's inf or NaN value must reach the output, as the formula says: "
    "inf with a positive weight gives inf, +inf and -inf in one column give NaN, NaN gives "
    "NaN. Keeping the non-finite values out of "
    "`weights @ V` is only half of it: put them back where an *allowed* key holds one, e.g. "
    "`allowed.astype(float) @ (V == np.inf) > 0` marks where +inf arrives.",
    fix="put back the inf/NaN values of allowed keys",
)
MASKED_SCORE_LEAKS = Mistake(
    "masked-score-leaks",
    "A masked entry must not take part at all, whatever its score: adding a -inf bias "
    "(`scores + np.where(mask, 0, -np.inf)`) gives inf + (-inf) = NaN for a masked +inf, "
    "and multiplying by the mask gives 0 * inf = NaN. Select instead: "
    "`np.where(mask, scores, -np.inf)`.",
    fix="select with np.where(mask, scores, -inf)",
)
MASK_NONE = Mistake(
    "mask-none-not-handled",
    "`mask=None` means that nothing is masked: every entry takes part. `np.where(None, ...)` "
    "treats None as False and masks everything; test `if mask is None:` first.",
    fix="treat mask=None as 'every entry allowed'",
)
FLOAT16_SUM = Mistake(
    "masking-float16-sum",
    "A sum of exponentials in float16 overflows past 65,504 (65,520 entries of 1 already "
    "give inf), so every weight becomes 0. Accumulate float16 input in float32 "
    "(`np.sum(e, axis=..., dtype=np.float32)` or compute in float32) and round the result "
    "to float16 once at the end.",
    fix="sum float16 exponentials in float32",
)
ONLINE_TWO_PASS = Mistake(
    "online-softmax-two-pass",
    "Online softmax reads the blocks once and updates the running maximum AND the "
    "rescaled running sum as it goes: when it reads the first block it cannot know the "
    "maximum of the whole row yet. A first pass for the maximum (or `z.max()` over the "
    "whole row) and a second for the sum gives the same numbers, but it is not the online "
    "algorithm the exercise asks for.",
    fix="update max and sum in one pass over blocks",
)
TILED_NOT_ONLINE = Mistake(
    "tiled-attention-not-online",
    "Tiled attention folds each key block into the running maximum, sum and output "
    "accumulator as it reads it, rescaling what came before; it never needs the maximum "
    "of all the keys in advance. Computing each query's full row of scores, or a first "
    "pass over the blocks for the maximum, is not the tiled algorithm.",
    fix="fold each key block in as you read it",
)

BLOCK_SIZE_IGNORED = Mistake(
    "blocks-larger-than-block-size",
    "Read block_size entries at a time, in order: `for start in range(0, n, block_size)` "
    "and the slice `[..., start:start + block_size]`. A larger first block (or "
    "`np.array_split(z, block_size)`, which makes block_size *pieces*, not pieces of "
    "block_size) gives the same numbers but reads more than a block before it folds it in.",
    fix="read block_size entries at a time",
)

# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------

LN2, LN3, LN4 = math.log(2.0), math.log(3.0), math.log(4.0)
_MATMUL_ERRORS = ("matmul", "not aligned", "core dimension")


def _tolerance(dtype: np.dtype) -> tuple[float, float]:
    """Relative and absolute tolerance for comparing results of a float dtype."""
    return {2: (3e-2, 3e-3), 4: (1e-4, 1e-6)}.get(np.dtype(dtype).itemsize, (1e-9, 1e-12))


def _shown(name: str, *args, **kwargs) -> str:
    parts = [describe(np.asarray(a)) if isinstance(a, list) else describe(a) for a in args]
    parts += [f"{k}={describe(v)}" for k, v in kwargs.items() if v is not None]
    return f"{name}({', '.join(parts)})"


def _row(index: tuple, one_d: bool = False) -> str:
    if one_d:
        return "the result"
    return f"row {index[0]}" if len(index) == 1 else f"row {index}"


def _first(where: np.ndarray) -> tuple:
    return tuple(int(i) for i in np.argwhere(where)[0])


def _call_relabelled(fn, args: tuple, kwargs: dict | None = None):
    """``call`` that names two mistakes a raised error often means.

    A matrix product failing on its shapes points to the transpose of K; boolean indexing
    failing on a mask that only broadcasts, to ``scores[~mask] = ...``.
    """
    __tracebackhide__ = True
    try:
        return call(fn, *args, **(kwargs or {}))
    except CheckFailed as failure:
        if failure.tag != RAISED_ERROR.tag:
            raise
        if any(text in failure.problem for text in _MATMUL_ERRORS):
            raise fail(failure.problem, KEY_TRANSPOSE) from None
        if "boolean index did not match" in failure.problem:
            raise fail(failure.problem, MASK_NOT_BROADCAST) from None
        raise


def _diagnose_weights(
    w: np.ndarray,
    allowed: np.ndarray,
    what: str,
    *,
    axis: int = -1,
    axis_mistake: Mistake = WRONG_AXIS,
    leak_mistake: Mistake = MASKED_WEIGHT_NOT_ZERO,
    nan_mistake: Mistake = WRONG_VALUES,
    scores: np.ndarray | None = None,
    rtol: float = 1e-6,
) -> None:
    """Name what is wrong with weights that should be a masked softmax along ``axis``.

    ``allowed`` says which entries may get weight (the mask, and scores that are not
    -inf). The diagnoses run from the most specific to the most generic: an inverted mask,
    the softmax taken before masking, fully masked rows, masked entries with weight, NaN,
    and finally rows that do not sum to 1 (whole array, other axis, or lost mass).
    """
    __tracebackhide__ = True
    one_d = np.ndim(w) == 1
    w = np.atleast_1d(w).astype(np.float64)
    allowed = np.moveaxis(np.broadcast_to(allowed, w.shape), axis, -1)
    s = None if scores is None else np.broadcast_to(np.asarray(scores, dtype=np.float64), w.shape)
    w = np.moveaxis(w, axis, -1)
    if s is not None:
        s = np.moveaxis(s, axis, -1)
    if one_d:
        w, allowed = w[None], allowed[None]
        s = None if s is None else s[None]
    has_allowed = allowed.any(-1)
    mixed = has_allowed & (~allowed).any(-1)
    nothing = ~has_allowed
    with np.errstate(invalid="ignore"):
        on_allowed = np.where(allowed, np.abs(w), 0.0).sum(-1)
        on_masked = np.where(allowed, 0.0, np.abs(w)).sum(-1)

    if mixed.any() and np.all(on_allowed[mixed] == 0) and np.all(on_masked[mixed] > 0):
        # Weight only on masked entries: an inverted mask, unless the masked entries share
        # it equally in every row where two or more are masked, which is what a finite fill
        # value gives when it is above the scores (-1e9 against scores of -2e9).
        several = mixed & ((~allowed).sum(-1) >= 2)
        masked_w = np.where(allowed, np.nan, w)[several]  # rows with 2+ NaN-free entries
        with warnings.catch_warnings():  # a row of NaN weights gives NaN: not "equal"
            warnings.simplefilter("ignore", RuntimeWarning)
            spread = np.nanmax(masked_w, axis=-1) - np.nanmin(masked_w, axis=-1)
        if several.any() and np.all(spread <= 1e-12 + 1e-9 * on_masked[several]):
            j = _first((~allowed) & several[..., None])
            entry = j[-1] if one_d else j
            raise fail(
                f"{what}: the weight goes to the masked entries only, in equal shares (entry "
                f"{entry} holds {w[j]:.6g}), and the allowed entries get 0.",
                leak_mistake,
            )
        i = _first(mixed)
        raise fail(
            f"{what}: in {_row(i, one_d)} the weights are 0 exactly where the mask is True "
            "and nonzero where it is False.",
            MASK_INVERTED,
        )
    if s is not None and mixed.any():
        top_allowed = np.where(allowed, s, -np.inf).max(-1)
        top_masked = np.where(allowed, -np.inf, s).max(-1)
        lost = mixed & (np.isnan(w).any(-1) | (on_allowed == 0)) & (top_masked > top_allowed + 700)
        if lost.any():
            i = _first(lost)
            held = "NaN" if np.isnan(w[i]).any() else "only zeros"
            raise fail(
                f"{what}: {_row(i, one_d)} holds {held}, although it has allowed entries; a "
                f"masked entry there scores {top_masked[i]:.6g}, far above the allowed "
                f"maximum {top_allowed[i]:.6g}.",
                MASK_AFTER_SOFTMAX_RENORMALISED,
            )
    if nothing.any():
        rows = w[nothing]
        i = _first(nothing)
        if np.isnan(rows).any():
            i = _first(nothing & np.isnan(w).any(-1))
            raise fail(
                f"{what}: {_row(i, one_d)} has no allowed entry, and your result there "
                f"holds NaN: {describe(w[i])}.",
                FULLY_MASKED_NAN,
            )
        if (rows != 0).any():
            i = _first(nothing & (w != 0).any(-1))
            uniform = np.allclose(w[i], 1.0 / w.shape[-1], rtol=1e-3)
            raise fail(
                f"{what}: {_row(i, one_d)} has no allowed entry, so its weights must all "
                f"be 0, but they are {describe(w[i])}"
                + (", a uniform distribution." if uniform else "."),
                FULLY_MASKED_UNIFORM if uniform else FULLY_MASKED_NOT_ZERO,
            )
    leaked = (~allowed) & (w != 0) & mixed[..., None]
    if leaked.any():
        j = _first(leaked)
        entry = j[-1] if one_d else j
        raise fail(
            f"{what}: entry {entry} is masked but holds {w[j]:.6g}; masked entries must be "
            "exactly 0.",
            leak_mistake,
        )
    bad_nan = has_allowed & np.isnan(w).any(-1)
    if bad_nan.any():
        i = _first(bad_nan)
        raise fail(f"{what}: {_row(i, one_d)} contains NaN: {describe(w[i])}.", nan_mistake)
    sums = w.sum(-1)
    bad = has_allowed & ~np.isclose(sums, 1.0, rtol=rtol, atol=0.0)
    if not bad.any():
        return
    i = _first(bad)
    problem = f"{what}: {_row(i, one_d)} sums to {sums[i]:.6g} over the allowed entries"
    if not one_d:
        if np.isclose(w.sum(), 1.0, rtol=rtol) or (
            w.ndim >= 3 and np.allclose(w.sum(axis=(-2, -1)), 1.0, rtol=rtol)
        ):
            raise fail(problem + ", and the whole array sums to 1.", GLOBAL_NORMALISATION)
        columns = allowed.any(-2)
        if w.shape[-2] > 1 and np.allclose(w.sum(-2)[columns], 1.0, rtol=rtol):
            raise fail(problem + ", and the sums along the other axis are 1.", axis_mistake)
    if mixed[i] and np.all(sums[bad] < 1.0) and np.all(bad <= mixed):
        raise fail(
            problem + " and its masked entries are 0: some probability went missing.",
            MASK_AFTER_SOFTMAX,
        )
    raise fail(problem + "; the weights of each row must sum to 1.", WRONG_VALUES)


def _diagnose_scale(w0: float, w1: float, gap: float, what: str, d_k: int, others) -> None:
    """Name a wrong scale from two weights whose unscaled scores differ by ``gap``.

    Their ratio is ``exp(scale · gap)``, so the learner's scale can be read back and
    compared with the classic wrong ones (none, 1/d_k, √d_k, 1/√(another size)).
    """
    __tracebackhide__ = True
    if not (np.isfinite(w0) and np.isfinite(w1) and w0 > 0 and w1 > 0):
        return
    scale = math.log(w0 / w1) / gap
    if math.isclose(scale, 1 / math.sqrt(d_k), rel_tol=1e-3):
        return
    candidates = [
        (1.0, NO_SCALING, "Q·K not divided at all"),
        (1 / d_k, SCALED_BY_D, f"Q·K divided by d_k = {d_k}"),
        (math.sqrt(d_k), MULTIPLIED_BY_SQRT_D, f"Q·K multiplied by √d_k = {math.sqrt(d_k):g}"),
    ] + [(1 / math.sqrt(x), WRONG_SCALE_DIMENSION, f"Q·K divided by √{x}") for x in others]
    for value, mistake, how in candidates:
        if math.isclose(scale, value, rel_tol=1e-3):
            raise fail(
                f"{what}: the first query's weights on keys 0 and 1 are {w0:.6g} and "
                f"{w1:.6g}, which is what scores {how} give (here d_k = {d_k}).",
                mistake,
            )


def _expect_like(actual, expected, what: str, mistake: Mistake = WRONG_VALUES, scale=1.0):
    """Hidden comparison with the reference's result, tolerance by dtype."""
    __tracebackhide__ = True
    rtol, atol = _tolerance(expected.dtype)
    expect_close(actual, expected, what, mistake, rtol=rtol, atol=atol * scale, reveal=True)


def _expect_output_from_weights(out, w, V, K, what: str) -> None:
    """The output must be ``weights @ V`` for the weights returned alongside it."""
    __tracebackhide__ = True
    rtol, atol = _tolerance(out.dtype)
    V64 = np.asarray(V, dtype=np.float64)
    scale = max(1.0, float(np.abs(V64).max(initial=0.0)))
    with np.errstate(all="ignore"):
        combined = w.astype(np.float64) @ V64
        good = np.isclose(out, combined, rtol=rtol, atol=atol * scale * 10, equal_nan=True)
    if good.all():
        return
    empty = ~np.asarray(w, dtype=np.float64).any(-1)  # rows with nothing allowed
    if (empty & np.isnan(out).any(-1)).any():
        i = _first(empty & np.isnan(out).any(-1))
        raise fail(
            f"{what}: query {i} has all-zero weights, but its output holds NaN: "
            f"{describe(out[i])}.",
            FULLY_MASKED_NAN,
        )
    K64 = np.asarray(K, dtype=np.float64)
    if K64.shape[-1] == V64.shape[-1]:
        with np.errstate(all="ignore"):
            if np.allclose(out, w.astype(np.float64) @ K64, rtol=rtol, atol=atol * scale * 10):
                raise fail(f"{what}: the output equals weights @ K.", KEYS_AS_VALUES)
    i = _first(~good)
    raise fail(
        f"{what}: the output at {i} is {out[i]:.6g}, which is not the weights you returned "
        "times V; each output row must be the weighted sum of the rows of V.",
        WRONG_VALUES,
    )


def _peak_bytes(fn, args: tuple, kwargs: dict | None = None):
    """Call ``fn`` and measure the peak of memory it allocated (tracemalloc sees NumPy)."""
    __tracebackhide__ = True
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = call(fn, *args, **(kwargs or {}))
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        if not was_tracing:
            tracemalloc.stop()
    return result, peak


def _expect_mask_used(with_mask: np.ndarray, without_mask: np.ndarray, what: str) -> None:
    """Fail if a result computed with a mask that blocks something equals the unmasked one."""
    __tracebackhide__ = True
    if with_mask.shape == without_mask.shape and np.allclose(
        with_mask, without_mask, rtol=1e-9, atol=1e-12, equal_nan=True
    ):
        raise fail(f"{what} gives the same result as with nothing masked.", MASK_IGNORED)


def _expect_no_underflow(row: np.ndarray, what: str) -> None:
    """Name the mistake when a row of scores all far below 0 came out NaN or all zeros."""
    __tracebackhide__ = True
    row = np.asarray(row, dtype=np.float64)
    if np.isnan(row).any():
        raise fail(f"{what} holds {describe(row)} (exp of every shifted score is 0).", NO_MAX_SHIFT)
    if not row.any():
        raise fail(
            f"{what} holds {describe(row)}, although every entry is allowed: exp of every "
            "shifted score underflowed to 0.",
            MAX_SHIFT_FROM_CONSTANT,
        )


def _bool_mask(out: np.ndarray, what: str) -> None:
    __tracebackhide__ = True
    if out.dtype != np.bool_:
        raise fail(
            f"{what} returned dtype {out.dtype}, but a mask must be boolean.", MASK_NOT_BOOLEAN
        )


def _array_result(result, what: str) -> np.ndarray:
    """The learner's result as an array (``to_array`` names a Python list as such)."""
    __tracebackhide__ = True
    return to_array(result, what)


# A row whose first block (block_size 2) has its maximum 0 and whose overall maximum, 40, lies
# in a later block. A single pass over blocks of 2 exponentiates the first block relative to
# 0, so some exponential sees -0.75 (so does a pass over single entries, which reads less at
# a time). Larger first blocks cannot avoid a larger maximum: blocks of 3 or 4 (or
# `np.array_split(z, 2)`, two pieces of 4 and 3) see -0.75 - 5 = -5.75 instead, and a pass
# that knows the row's maximum in advance sees -40.75. The log-sum-exp of the row is about
# 40.46, so the final exp(z - logsumexp(z)) of a correct pass adds neither.
_STREAM = np.array([0.0, -0.75, 5.0, 1.0, 40.0, 38.5, 39.0])


def _expect_streaming(fn, args: tuple, what: str, mistake: Mistake) -> None:
    """Fail if the first block was exponentiated relative to a maximum it cannot know yet."""
    __tracebackhide__ = True
    _, seen = exponentials(fn, args)
    if not seen:
        return  # no exponential seen: cannot tell
    values = np.concatenate(seen)

    def took(x: float) -> bool:  # exp(-x) or 1 / exp(x): the same exponential
        return bool(np.isclose(np.abs(values), abs(x), rtol=0, atol=1e-6).any())

    if took(-0.75):
        return  # the first block relative to its own maximum: a single pass over blocks
    shown = f"{what} on keys/logits {describe(_STREAM)} in blocks of 2"
    if took(-5.75):
        raise fail(
            f"{shown} took the exponential of -0.75 relative to 5, the maximum of the first "
            "3 or 4 entries: its first block was larger than block_size.",
            BLOCK_SIZE_IGNORED,
        )
    if took(-40.75):
        raise fail(
            f"{shown} took the exponentials of the first block [0, -0.75] relative to 40, "
            "the maximum of the whole row, which a single pass cannot know when it reads "
            "the first block.",
            mistake,
        )


# --------------------------------------------------------------------------------------
# scaled_dot_product_attention
# --------------------------------------------------------------------------------------

_QUERY_MASK = np.array([[True], [False]])  # shape (n_q, 1): the second query sees nothing


def _query_mask_probe(run) -> None:
    """``run(mask)`` returns (weights, what); with ``_QUERY_MASK`` and keys [0, ln 3, ln 4]."""
    __tracebackhide__ = True
    try:
        w, what = run(_QUERY_MASK)
    except CheckFailed as failure:
        if failure.tag != RAISED_ERROR.tag:
            raise
        raise fail(
            failure.problem + " A mask of shape (n_q, 1) only broadcasts to the scores: "
            "broadcast it (`np.broadcast_to(mask, scores_shape)`) before slicing or indexing.",
            MASK_NOT_BROADCAST,
        ) from None
    expect_close(w, [[1 / 8, 3 / 8, 4 / 8], [0.0, 0.0, 0.0]], what, atol=1e-12)


# The hand-worked case: d_k = 4 (√d_k = 2), the first query's scores are [2 ln 3, 0, 0] / 2,
# so its weights are [3, 1, 1] / 5; the second query is zero, so its weights are uniform.
_Q1 = np.array([[2 * LN3, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]])
_K1 = np.array([[1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]])
_W1 = np.array([[0.6, 0.2, 0.2], [1 / 3, 1 / 3, 1 / 3]])
# Values of size d_v = 2 (unlike n_k = 3 and d_k = 4), so that no two results share a shape.
_V1 = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
_V2 = np.array([[2.0, 4.0, 6.0], [0.0, 0.0, 0.0], [1.0, 1.0, 1.0]])
_OUT2 = np.array([[1.4, 2.6, 3.8], [1.0, 5 / 3, 7 / 3]])  # _W1 @ _V2
# A query [1] against keys [[k]] with d_k = 1 scores exactly k.
_KEYS_MODERATE = np.array([[0.0], [LN3], [LN4]])
_KEY_MASK = np.array([True, True, False])  # a mask over the keys only, shape (n_k,)


def _attention_pair(fn, args, kwargs, what, out_shape, w_shape, d_k):
    """Call the learner's attention and return ``(output, weights)`` with their shapes checked."""
    __tracebackhide__ = True
    result = _call_relabelled(fn, args, kwargs)
    if result is None:
        to_array(result, what)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise fail(f"{what} returned {describe(result)}, not a pair (output, weights).", NOT_A_PAIR)
    out = _array_result(result[0], f"the output of {what}")
    w = _array_result(result[1], f"the weights of {what}")
    if out.shape == tuple(w_shape) and w.shape == tuple(out_shape) and out_shape != w_shape:
        raise fail(
            f"{what}: the first array returned has shape {out.shape} and the second "
            f"{w.shape}, the shapes of the weights and of the output.",
            PAIR_SWAPPED,
        )
    expect_shape(w, w_shape, f"the weights of {what}")
    if out.shape[:-1] == tuple(out_shape[:-1]) and out.shape[-1] == d_k != out_shape[-1]:
        raise fail(
            f"the output of {what} has shape {out.shape}: its last axis has the size d_k of "
            f"the keys, not the size d_v = {out_shape[-1]} of the values.",
            KEYS_AS_VALUES,
        )
    expect_shape(out, out_shape, f"the output of {what}")
    return out, w


def _attention_probe(fn, Q, K, V, mask=None, *, scores=None, nan_mistake=None, diagnose=True):
    """Run one probe of ``scaled_dot_product_attention`` and diagnose its weights."""
    __tracebackhide__ = True
    Qa, Ka, Va = np.asarray(Q), np.asarray(K), np.asarray(V)
    batch = np.broadcast_shapes(Qa.shape[:-2], Ka.shape[:-2], Va.shape[:-2])
    w_shape = batch + (Qa.shape[-2], Ka.shape[-2])
    out_shape = batch + (Qa.shape[-2], Va.shape[-1])
    kwargs = {} if mask is None else {"mask": mask}
    what = _shown("scaled_dot_product_attention", Q, K, V, **kwargs)
    out, w = _attention_pair(fn, (Q, K, V), kwargs, what, out_shape, w_shape, Qa.shape[-1])
    if not diagnose:
        return out, w, what
    if mask is None and w.size and not w.any():
        raise fail(f"the weights of {what} are all 0, with no mask given.", MASK_NONE)
    allowed = np.ones(w_shape, bool) if mask is None else np.broadcast_to(mask, w_shape)
    _diagnose_weights(
        w,
        allowed,
        f"the weights of {what}",
        axis_mistake=SOFTMAX_OVER_QUERIES,
        nan_mistake=nan_mistake or WRONG_VALUES,
        scores=scores,
        rtol=max(1e-6, _tolerance(w.dtype)[0]),
    )
    _expect_output_from_weights(out, w, Va, Ka, what)
    return out, w, what


@exercise_check("scaled_dot_product_attention")
def check_scaled_dot_product_attention(attention, reference=None):
    """Check ``scaled_dot_product_attention`` (visible: hand-worked cases; hidden: vs reference)."""
    # 1. The scale, read back from the weights of a query whose scores are [ln 3, 0, 0].
    out, w, what = _attention_probe(attention, _Q1, _K1, _V1)
    _diagnose_scale(w[0, 0], w[0, 1], 2 * LN3, f"the weights of {what}", 4, (3, 2))
    expect_close(w, _W1, f"the weights of {what}", atol=1e-12)
    expect_close(out, _W1[:, :2], f"the output of {what}", atol=1e-12)

    # 2. A batch of two: the same queries and values, then the same queries and keys with
    # two different value matrices, then keys in reverse order in the second member.
    Qb, Kb, Vb = np.stack([_Q1, _Q1]), np.stack([_K1, _K1]), np.stack([np.eye(3), _V2])
    out, w, what = _attention_probe(attention, Qb, Kb, Vb)
    expect_close(w, np.stack([_W1, _W1]), f"the weights of {what}", atol=1e-12)
    expect_close(out, np.stack([_W1, _OUT2]), f"the output of {what}", atol=1e-12)
    Kb = np.stack([_K1, _K1[::-1]])
    out, w, what = _attention_probe(attention, Qb, Kb, np.stack([np.eye(3)] * 2))
    if np.allclose(w[1], _W1, rtol=1e-9, atol=1e-12):
        raise fail(
            f"the weights of {what} hold {describe(w[1])} in the second batch member, which "
            "are the weights of the first member's keys, not of its own (reversed) keys.",
            BATCH_MIXED,
        )
    expect_close(w, np.stack([_W1, _W1[:, ::-1]]), f"the weights of {what}", atol=1e-12)

    # 3. Large scores: [1000, 1000 + ln 3] and, in a second batch element, [0, ln 3].
    Q = np.ones((2, 1, 1))
    K = np.array([[[1000.0], [1000.0 + LN3]], [[0.0], [LN3]]])
    out, w, what = _attention_probe(attention, Q, K, np.stack([np.eye(2)] * 2), diagnose=False)
    if not np.isfinite(w[0]).all() or not np.isfinite(out[0]).all():
        raise fail(
            f"the weights of {what} hold {describe(w[0])} for scores [1000, 1000 + ln 3].",
            NO_MAX_SHIFT,
        )
    if not np.isfinite(w[1]).all() or not w[1].any():
        raise fail(
            f"the weights of {what} hold {describe(w[1])} for the second batch element, "
            "whose scores [0, ln 3] are far below the first one's.",
            GLOBAL_MAX_SHIFT,
        )
    _attention_probe(attention, Q, K, np.stack([np.eye(2)] * 2))
    expect_close(w, [[[0.25, 0.75]]] * 2, f"the weights of {what}", atol=1e-12)
    # A wide range of scores, [ln 3, 0, -1000]: only a shift by the maximum keeps exp finite.
    K = np.array([[LN3], [0.0], [-1000.0]])
    _, w, what = _attention_probe(
        attention, np.ones((1, 1)), K, np.eye(3), nan_mistake=NO_MAX_SHIFT
    )
    expect_close(w, [[0.75, 0.25, 0.0]], f"the weights of {what}", atol=1e-12)

    # 4. Masks. Keys [0, ln 3, ln 4] against the query [1] (d_k = 1) score exactly that.
    Q, V = np.ones((2, 1)), np.eye(3)
    mask = np.array([[True, True, False], [False, True, True]])
    _, free, _ = _attention_probe(attention, Q, _KEYS_MODERATE, V)
    _, w, what = _attention_probe(attention, Q, _KEYS_MODERATE, V, mask, diagnose=False)
    _expect_mask_used(w, free, f"the weights of {what}")
    _, w, what = _attention_probe(attention, Q, _KEYS_MODERATE, V, mask)
    expect_close(w, [[0.25, 0.75, 0], [0, 3 / 7, 4 / 7]], f"the weights of {what}", atol=1e-12)
    K = np.array([[0.0], [LN3], [1000.0]])  # the masked key scores far above the others
    scores = np.array([[0.0, LN3, 1000.0]])
    _, w, what = _attention_probe(attention, Q[:1], K, V, mask[:1], scores=scores)
    expect_close(w, [[0.25, 0.75, 0]], f"the weights of {what}", atol=1e-12)
    mask = np.array([[False, False, False], [True, True, False]])
    V = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    out, w, what = _attention_probe(attention, Q, _KEYS_MODERATE, V, mask)
    expect_close(out, [[0.0, 0.0], [2.5, 3.5]], f"the output of {what}", atol=1e-12)
    # A key mask of shape (n_k,) only broadcasts to the scores (boolean indexing fails).
    _, w, what = _attention_probe(attention, Q, _KEYS_MODERATE, np.eye(3), _KEY_MASK)
    expect_close(w, [[0.25, 0.75, 0]] * 2, f"the weights of {what}", atol=1e-12)

    # Scores all far below 0, [-1000, -1000 + ln 3]: only the row's own maximum works.
    K = np.array([[-1000.0], [-1000.0 + LN3]])
    _, w, what = _attention_probe(attention, np.ones((1, 1)), K, np.eye(2), diagnose=False)
    _expect_no_underflow(w[0], f"the weights of {what}")
    expect_close(w, [[0.25, 0.75]], f"the weights of {what}", atol=1e-12)
    # A query mask of shape (n_q, 1) only broadcasts to the scores too.
    Q = np.ones((2, 1))
    _query_mask_probe(lambda m: _attention_probe(attention, Q, _KEYS_MODERATE, np.eye(3), m)[1:])

    # Invalid arguments and the named edges: see the contract at the end of the module.
    if reference is not None:
        _hidden_attention(attention, reference)


def _compare_attention(fn, reference, Q, K, V, mask=None, nan_mistake=None):
    __tracebackhide__ = True
    kwargs = {} if mask is None else {"mask": mask}
    exp_out, exp_w = reference(*copy.deepcopy((Q, K, V)), **copy.deepcopy(kwargs))
    out, w, what = _attention_probe(fn, Q, K, V, mask, nan_mistake=nan_mistake)
    expect_dtype(w, exp_w.dtype, f"the weights of {what}")
    expect_dtype(out, exp_out.dtype, f"the output of {what}")
    _expect_like(w, exp_w, f"the weights of {what}")
    scale = max(1.0, float(np.abs(np.asarray(V, dtype=np.float64)).max(initial=0.0)))
    _expect_like(out, exp_out, f"the output of {what}", scale=scale)


def _random_mask(rng, shape, p=0.7):
    """A random boolean mask whose first row is fully masked and second row fully allowed."""
    mask = rng.random(shape) < p
    mask[..., 0, :] = False
    if shape[-2] > 1:
        mask[..., 1, :] = True
    return mask


def _hidden_attention(fn, reference):
    __tracebackhide__ = True
    rng = np.random.default_rng(7)
    shapes = [  # (batch, n_q, n_k, d_k, d_v)
        ((), 3, 5, 4, 2),
        ((), 1, 1, 1, 1),
        ((), 6, 2, 3, 3),
        ((), 0, 3, 2, 2),
        ((2,), 4, 7, 5, 3),
        ((2, 3), 3, 4, 2, 6),
    ]
    for batch, n_q, n_k, d_k, d_v in shapes:
        Q = rng.normal(size=batch + (n_q, d_k))
        K = rng.normal(size=batch + (n_k, d_k))
        V = rng.normal(size=batch + (n_k, d_v))
        _compare_attention(fn, reference, Q, K, V)
        if n_q >= 2:
            _compare_attention(fn, reference, Q, K, V, _random_mask(rng, batch + (n_q, n_k)))
        _compare_attention(fn, reference, Q, K, V, rng.random(n_k) < 0.5)  # key mask, broadcast
    # Causal and padding masks, as the notebook builds them.
    Q, K, V = rng.normal(size=(2, 5, 4)), rng.normal(size=(2, 5, 4)), rng.normal(size=(2, 5, 3))
    _compare_attention(fn, reference, Q, K, V, np.tril(np.ones((5, 5), dtype=bool)))
    padding = np.arange(5)[None, :] < np.array([3, 0])[:, None]
    _compare_attention(fn, reference, Q, K, V, padding[:, None, :])
    _compare_attention(fn, reference, Q, K, V, np.array([True, False, True, True, False]))
    _compare_attention(fn, reference, Q, K, V, np.array([[True], [False], [True], [True], [True]]))
    # Scores around -1e10: below a running maximum that starts at 0 or -1e9.
    K = np.array([[-1e10], [-1e10 + 1.0], [-1e10 + 2.0]])
    _compare_attention(fn, reference, np.ones((2, 1)), K, rng.normal(size=(3, 2)))
    # Extreme scores (|Q K^T| / 2 up to about 1e4), with and without a mask.
    Q, K, V = rng.normal(size=(4, 4)) * 100, rng.normal(size=(6, 4)) * 100, rng.normal(size=(6, 2))
    _compare_attention(fn, reference, Q, K, V, nan_mistake=NO_MAX_SHIFT)
    _compare_attention(fn, reference, Q, K, V, _random_mask(rng, (4, 6)), nan_mistake=NO_MAX_SHIFT)
    # Scores around -2e9 (d_k = 1): below a fill of -1e9, which would then win.
    K = -2e9 - 10 * rng.random((6, 1))
    mask = np.array([[0] * 6, [1] * 6, [1, 0, 1, 0, 1, 0], [0, 0, 1, 1, 1, 1]], dtype=bool)
    _compare_attention(fn, reference, np.ones((4, 1)), K, V, mask)
    # Dtypes: float32 and float16 kept, integers promoted to float64.
    Q, K, V = rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 5, 4)), rng.normal(size=(2, 5, 3))
    mask = _random_mask(rng, (2, 3, 5))
    for dtype in (np.float32, np.float16):
        _compare_attention(fn, reference, Q.astype(dtype), K.astype(dtype), V.astype(dtype))
        _compare_attention(fn, reference, Q.astype(dtype), K.astype(dtype), V.astype(dtype), mask)
    Qi, Ki, Vi = (rng.integers(-3, 4, size=a.shape) for a in (Q, K, V))
    _compare_attention(fn, reference, Qi, Ki, Vi, mask)


# --------------------------------------------------------------------------------------
# causal_mask and padding_mask
# --------------------------------------------------------------------------------------


def _diagnose_causal(out: np.ndarray, n: int, what: str) -> None:
    __tracebackhide__ = True
    i, j = np.indices((n, n))
    if np.array_equal(out, i >= j):
        return
    if np.array_equal(out, i <= j):
        raise fail(
            f"{what}: query 0 may attend to every key and the last query only to itself; "
            "that is the upper triangle.",
            CAUSAL_TRANSPOSED,
        )
    if np.array_equal(out, i < j):
        raise fail(
            f"{what} is True exactly where a key lies in the query's future and False "
            "everywhere else.",
            MASK_INVERTED,
        )
    future = out & (j > i)
    if future.any():
        q, k = _first(future)
        mistake = CAUSAL_SEES_NEXT if np.array_equal(out, j <= i + 1) else WRONG_VALUES
        raise fail(f"{what}: query {q} may attend to key {k}, a later position.", mistake)
    if not out[i == j].all():
        q = int(np.argmin(out[i == j]))
        mistake = CAUSAL_EXCLUDES_DIAGONAL if out[i > j].all() else WRONG_VALUES
        raise fail(f"{what}: query {q} may not attend to key {q}, its own position.", mistake)
    if not out[i > j].all():
        q, k = _first(~out & (i > j))
        raise fail(
            f"{what}: query {q} may not attend to key {k}, an earlier position.", WRONG_VALUES
        )


@exercise_check("causal_mask")
def check_causal_mask(causal_mask, reference=None):
    """Check ``causal_mask`` (visible: its pattern; hidden: more sizes; the contract: the rest)."""
    for n in (4, 1):
        what = f"causal_mask({n})"
        out = _array_result(call(causal_mask, n), what)
        expect_shape(out, (n, n), what)
        _bool_mask(out, what)
        _diagnose_causal(out, n, what)
    if reference is not None:
        for n in (2, 3, 5, 8, 13, np.int64(6)):
            what = f"causal_mask({n})"
            out = _array_result(call(causal_mask, n), what)
            expected = reference(n)
            expect_shape(out, expected.shape, what)
            expect_dtype(out, expected.dtype, what, MASK_NOT_BOOLEAN)
            _diagnose_causal(out, int(n), what)
            expect_close(out, expected, what, reveal=True)


def _diagnose_padding(out: np.ndarray, lengths: np.ndarray, n: int, what: str) -> None:
    __tracebackhide__ = True
    lengths = np.asarray(lengths)
    B = len(lengths)
    if out.shape == (n, B) and n != B:
        raise fail(
            f"{what} has shape {out.shape}: one row per position, not per sequence.",
            PADDING_TRANSPOSED,
        )
    if B and out.shape == (B, int(lengths.max())) and lengths.max() != n:
        raise fail(
            f"{what} has shape {out.shape}: {out.shape[1]} columns, not n = {n}.", PADDING_WIDTH
        )
    expect_shape(out, (B, n), what)
    _bool_mask(out, what)
    positions = np.arange(n)[None, :]
    correct = positions < lengths[:, None]
    if np.array_equal(out, correct):
        return
    if B and n and np.array_equal(out, ~correct):
        raise fail(f"{what} is True on the padding and False on the real tokens.", MASK_INVERTED)
    b, t = _first(out != correct)
    state = "True" if out[b, t] else "False"
    problem = f"{what}: sequence {b} has length {lengths[b]}, and its position {t} is {state}."
    if np.array_equal(out, positions <= lengths[:, None]) or np.array_equal(
        out, positions < lengths[:, None] - 1
    ):
        raise fail(problem, PADDING_OFF_BY_ONE)
    raise fail(problem, WRONG_VALUES)


@exercise_check("padding_mask")
def check_padding_mask(padding_mask, reference=None):
    """Check ``padding_mask`` (visible: hand-checked batches; hidden: random batches)."""
    for lengths, n in [(np.array([2, 0, 4]), 5), (np.array([5, 3]), 5)]:
        what = f"padding_mask({describe(lengths)}, {n})"
        _diagnose_padding(
            _array_result(_call_relabelled(padding_mask, (lengths, n)), what), lengths, n, what
        )
    if reference is not None:
        rng = np.random.default_rng(3)
        cases = [(rng.integers(0, n + 1, size=B), n) for B, n in [(1, 1), (4, 7), (6, 3), (9, 12)]]
        cases += [
            (np.array([3, 1], dtype=np.int32), 4),
            (np.array([2, 2, 0]), 2),
            (np.array([], dtype=np.int64), 3),
            (np.array([0, 0]), 0),
        ]
        for lengths, n in cases:
            what = f"padding_mask({describe(np.asarray(lengths))}, {n})"
            out = _array_result(_call_relabelled(padding_mask, (lengths, n)), what)
            expected = reference(lengths, n)
            _diagnose_padding(out, np.asarray(lengths), n, what)
            expect_dtype(out, expected.dtype, what, MASK_NOT_BOOLEAN)
            expect_close(out, expected, what, reveal=True)


# --------------------------------------------------------------------------------------
# masked_softmax
# --------------------------------------------------------------------------------------


def _masked_probe(
    fn,
    scores,
    mask,
    axis=None,
    *,
    nan_mistake=None,
    diagnose_scores=False,
    diagnose=True,
    dtype=None,
):
    __tracebackhide__ = True
    kwargs = {} if axis is None else {"axis": axis}
    what = _shown("masked_softmax", scores, mask, **kwargs)
    try:
        out = _array_result(_call_relabelled(fn, (scores, mask), kwargs), what)
    except CheckFailed as failure:
        # A reduction without keepdims broadcasts against the wrong axis: on a non-square
        # array that is an error about broadcasting.
        if failure.tag == RAISED_ERROR.tag and "broadcast" in failure.problem:
            s, m = np.asarray(scores), np.asarray(mask)
            if np.shape(m) == np.shape(s) and s.ndim >= 2 and len(set(s.shape)) > 1:
                raise fail(failure.problem, MISSING_KEEPDIMS) from None
        raise
    s = np.asarray(scores, dtype=np.float64)
    expect_shape(out, s.shape, what)
    if dtype is not None:
        expect_dtype(out, dtype, what)
    if not diagnose:
        return out, what
    allowed = np.broadcast_to(np.asarray(mask), s.shape) & (s != -np.inf)
    _diagnose_weights(
        out,
        allowed,
        what,
        axis=-1 if axis is None else axis,
        nan_mistake=nan_mistake or WRONG_VALUES,
        scores=s if diagnose_scores else None,
        rtol=max(1e-6, _tolerance(out.dtype)[0]),
    )
    return out, what


# Row 0: [0, ln 2, ln 3] allowed -> [1, 2, 3] / 6; row 1 fully masked; row 2: [ln 4, 0] -> [4, 1] / 5.
_S3 = np.array([[0.0, LN2, LN3, 7.0], [1.0, 2.0, 3.0, 4.0], [LN4, 0.0, 9.0, 0.0]])
_M3 = np.array([[True, True, True, False], [False] * 4, [True, False, False, True]])
_P3 = np.array([[1 / 6, 2 / 6, 3 / 6, 0.0], [0.0] * 4, [0.8, 0.0, 0.0, 0.2]])


@exercise_check("masked_softmax")
def check_masked_softmax(masked_softmax, reference=None):
    """Check ``masked_softmax`` (visible: hand-worked rows; hidden: vs the reference)."""
    scores, mask = np.array([0.0, LN2, LN3, 5.0]), np.array([True, True, True, False])
    free, _ = _masked_probe(masked_softmax, scores, np.ones(4, dtype=bool), diagnose=False)
    out, what = _masked_probe(masked_softmax, scores, mask, diagnose=False)
    _expect_mask_used(out, free, what)
    out, what = _masked_probe(masked_softmax, scores, mask)
    expect_close(out, [1 / 6, 2 / 6, 3 / 6, 0.0], what, atol=1e-12)
    out, what = _masked_probe(
        masked_softmax,
        np.array([0.0, 1000.0, LN3]),
        np.array([True, False, True]),
        diagnose_scores=True,
    )
    expect_close(out, [0.25, 0.0, 0.75], what, atol=1e-12)
    out, what = _masked_probe(masked_softmax, _S3, _M3)
    expect_close(out, _P3, what, atol=1e-12)
    out, what = _masked_probe(masked_softmax, _S3.T, _M3.T, axis=0)
    expect_close(out, _P3.T, what, atol=1e-12)
    # Large scores, and a row far below the other.
    big = np.array([[1000.0 + LN3, 1000.0], [0.0, LN3]])
    out, what = _masked_probe(masked_softmax, big, np.ones((2, 2), bool), diagnose=False)
    if not np.isfinite(out[0]).all():
        raise fail(f"{what}: row 0 holds {describe(out[0])}.", NO_MAX_SHIFT)
    if not np.isfinite(out[1]).all() or not out[1].any():
        raise fail(
            f"{what}: row 1 holds {describe(out[1])}; its scores are far below row 0's.",
            GLOBAL_MAX_SHIFT,
        )
    out, what = _masked_probe(masked_softmax, big, np.ones((2, 2), bool))
    expect_close(out, [[0.75, 0.25], [0.25, 0.75]], what, atol=1e-12)
    # Scores all far below 0: only the row's own maximum keeps the exps from underflowing.
    low = np.array([-1000.0, -1000.0 + LN3])
    out, what = _masked_probe(masked_softmax, low, np.ones(2, bool), diagnose=False)
    _expect_no_underflow(out, what)
    expect_close(out, [0.25, 0.75], what, atol=1e-12)
    # A wide range in one row: only a shift by the maximum keeps every exp finite.
    wide = np.array([LN3, 0.0, -1000.0])
    out, what = _masked_probe(masked_softmax, wide, np.ones(3, bool), nan_mistake=NO_MAX_SHIFT)
    expect_close(out, [0.75, 0.25, 0.0], what, atol=1e-12)
    # One mask for every row: it only broadcasts to the scores (boolean indexing fails).
    out, what = _masked_probe(
        masked_softmax, np.array([[0.0, LN3, 5.0], [LN3, 0.0, 5.0]]), _KEY_MASK
    )
    expect_close(out, [[0.25, 0.75, 0.0], [0.75, 0.25, 0.0]], what, atol=1e-12)
    if reference is not None:
        _hidden_masked_softmax(masked_softmax, reference)


def _hidden_masked_softmax(fn, reference):
    __tracebackhide__ = True
    rng = np.random.default_rng(11)

    def compare(scores, mask, axis=None, nan_mistake=None):
        kwargs = {} if axis is None else {"axis": axis}
        expected = reference(copy.deepcopy(scores), copy.deepcopy(mask), **kwargs)
        out, what = _masked_probe(
            fn, scores, mask, axis, nan_mistake=nan_mistake, dtype=expected.dtype
        )
        _expect_like(out, expected, what)

    for shape in [(5,), (3, 7), (2, 3, 4), (4, 1)]:
        scores = rng.normal(size=shape) * 3
        mask = rng.random(shape) < 0.6
        compare(scores, mask)
        compare(scores, mask, axis=0)
        if len(shape) == 3:
            compare(scores, mask, axis=1)
            compare(scores, mask[:1, :, :1], axis=-2)  # broadcast mask
    scores = rng.normal(size=(4, 6))
    compare(scores, rng.random(6) < 0.5)  # one mask for every row
    compare(scores, np.array([[True], [False], [True], [False]]))  # whole rows masked
    compare(scores, np.tril(np.ones((4, 6), dtype=bool)))
    # Extreme scores, and -inf among the allowed entries.
    extreme = rng.uniform(-1e4, 1e4, size=(5, 8))
    compare(extreme, rng.random((5, 8)) < 0.5, nan_mistake=NO_MAX_SHIFT)
    compare(extreme - 1e5, rng.random((5, 8)) < 0.5, nan_mistake=NO_MAX_SHIFT)
    compare(extreme - 3e9, rng.random((5, 8)) < 0.5)  # below any "large negative" fill value
    with_inf = rng.normal(size=(3, 5))
    with_inf[0, :2] = -np.inf
    with_inf[2, 4] = -np.inf
    compare(with_inf, rng.random((3, 5)) < 0.8)
    # Dtypes.
    scores, mask = rng.normal(size=(3, 5)), rng.random((3, 5)) < 0.6
    mask[1] = False
    for dtype in (np.float32, np.float16):
        compare(scores.astype(dtype), mask)
    compare(rng.integers(-5, 6, size=(3, 5)), mask)
    compare(np.zeros((0, 4)), np.zeros((0, 4), dtype=bool))


# --------------------------------------------------------------------------------------
# online_softmax
# --------------------------------------------------------------------------------------


def _online_probe(fn, z, block_size, expected=None, *, mistake=WRONG_VALUES):
    """Run ``online_softmax`` on a hand-worked case; ``mistake`` names any failure of it."""
    __tracebackhide__ = True
    what = _shown("online_softmax", z, block_size=block_size)
    out = _array_result(_call_relabelled(fn, (z, block_size)), what)
    z = np.asarray(z, dtype=np.float64)
    if out.shape != z.shape and mistake is LAST_BLOCK:
        raise fail(f"{what} has shape {out.shape} instead of {z.shape}.", LAST_BLOCK)
    expect_shape(out, z.shape, what)
    n = z.shape[-1]
    if n > block_size:
        blocks = [out[..., s : s + block_size].sum(-1) for s in range(0, n, block_size)]
        if np.allclose(blocks, 1.0, rtol=1e-6) and not np.allclose(out.sum(-1), 1.0, rtol=1e-6):
            raise fail(
                f"{what}: every block of {block_size} entries sums to 1 on its own.",
                ONLINE_PER_BLOCK,
            )
    if mistake is not WRONG_VALUES and expected is not None:
        if not np.allclose(out, expected, rtol=1e-6, atol=1e-12):
            sums = f"{out.sum():.6g}" if out.ndim == 1 else describe(out.sum(-1))
            raise fail(f"{what} holds {describe(out)}, which sums to {sums}.", mistake)
    _diagnose_weights(out, z != -np.inf, what, rtol=max(1e-6, _tolerance(out.dtype)[0]))
    if expected is not None:
        expect_close(out, expected, what, atol=1e-12)
    return out, what


@exercise_check("online_softmax")
def check_online_softmax(online_softmax, reference=None):
    """Check ``online_softmax`` (visible: hand-worked streams; hidden: vs the reference)."""
    p = np.array([0.1, 0.2, 0.3, 0.4])
    _online_probe(online_softmax, np.log(p[::-1]), 1, p[::-1])  # the maximum comes first
    _online_probe(online_softmax, np.log(p), 1, p, mistake=ONLINE_RESCALE)  # it grows
    _online_probe(
        online_softmax, np.log(np.arange(1.0, 7.0)), 3, np.arange(1, 7) / 21, mistake=ONLINE_RESCALE
    )
    v = np.array([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0])
    _online_probe(online_softmax, np.log(v), 3, v / 25, mistake=LAST_BLOCK)
    _online_probe(online_softmax, np.log(v), 10, v / 25, mistake=LAST_BLOCK)
    # Large values: one block, then a maximum that grows by 2000.
    _online_probe(
        online_softmax, np.array([1000.0, 1000.0 + LN3]), 2, [0.25, 0.75], mistake=NO_MAX_SHIFT
    )
    # One block far below 0: nothing to update yet, only the start of the running values.
    _online_probe(
        online_softmax,
        np.array([-1000.0, -1000.0 + LN3]),
        2,
        [0.25, 0.75],
        mistake=ONLINE_EMPTY_RESCALE,
    )
    _online_probe(
        online_softmax,
        np.array([-1000.0, 1000.0, 1000.0 + LN3]),
        1,
        [0.0, 0.25, 0.75],
        mistake=ONLINE_RUNNING_MAX,
    )
    # Batches: every row along the last axis on its own.
    z = np.log(np.array([p, p[::-1]]))
    _online_probe(online_softmax, z, 3, np.array([p, p[::-1]]))
    # -inf: a leading block of -inf, then a row of only -inf.
    _online_probe(
        online_softmax,
        np.array([-np.inf, -np.inf, 0.0, LN3]),
        2,
        [0, 0, 0.25, 0.75],
        mistake=MINUS_INF_BLOCK,
    )
    _online_probe(
        online_softmax,
        np.array([-1000.0, -1000.0 + LN3]),
        1,
        [0.25, 0.75],
        mistake=MAX_SHIFT_FROM_CONSTANT,
    )
    z = np.array([[0.0, LN3, -np.inf], [-np.inf, -np.inf, -np.inf]])
    _online_probe(online_softmax, z, 2, [[0.25, 0.75, 0.0], [0.0, 0.0, 0.0]])
    # The process, which the values cannot show: one pass, not a maximum known in advance
    # (COURSE.md: "one streaming pass over blocks keeping a running max and a rescaled sum").
    _expect_streaming(online_softmax, (_STREAM, 2), "online_softmax", ONLINE_TWO_PASS)
    if reference is not None:
        _hidden_online_softmax(online_softmax, reference)


def _hidden_online_softmax(fn, reference):
    __tracebackhide__ = True
    rng = np.random.default_rng(5)

    def compare(z, block_size):
        expected = reference(copy.deepcopy(z), block_size)
        out, what = _online_probe(fn, z, block_size)
        expect_dtype(out, expected.dtype, what)
        _expect_like(out, expected, what)

    for n in (1, 2, 5, 16, 37):
        z = rng.normal(size=n) * 4
        for block_size in sorted({1, 2, 3, 7, n, n + 3}):
            compare(z, block_size)
    compare(np.sort(rng.normal(size=20)) * 30, 3)  # the maximum grows in every block
    compare(rng.normal(size=(3, 11)), 4)
    compare(rng.normal(size=(2, 3, 9)), 2)
    compare(rng.uniform(-1e4, 1e4, size=(4, 25)), 6)
    compare(np.linspace(-1e4, 1e4, 30), 7)
    z = rng.normal(size=(4, 10))
    z[0, :6] = -np.inf
    z[1] = -np.inf
    z[2, 3::2] = -np.inf
    compare(z, 3)
    for dtype in (np.float32, np.float16):
        compare((rng.normal(size=(3, 13)) * 4).astype(dtype), 5)
    compare(rng.integers(-6, 7, size=(2, 9)), 4)
    compare(np.zeros(0), 2)
    compare(np.zeros((3, 0)), 1)
    compare(np.linspace(0.0, 0.01, 12), 1)  # a maximum that grows by tiny steps


# --------------------------------------------------------------------------------------
# tiled_attention
# --------------------------------------------------------------------------------------


def _tiled_probe(fn, Q, K, V, block_size, mask=None, expected=None, *, mistake=None, diagnose=True):
    """Run ``tiled_attention`` on a case with ``V = I`` (so that the output is the weights)."""
    __tracebackhide__ = True
    Qa, Ka, Va = np.asarray(Q), np.asarray(K), np.asarray(V)
    batch = np.broadcast_shapes(Qa.shape[:-2], Ka.shape[:-2], Va.shape[:-2])
    out_shape = batch + (Qa.shape[-2], Va.shape[-1])
    kwargs = {} if mask is None else {"mask": mask}
    what = _shown("tiled_attention", Q, K, V, block_size, **kwargs)
    result = _call_relabelled(fn, (Q, K, V, block_size), kwargs)
    if isinstance(result, tuple) and len(result) == 2:
        raise fail(
            f"{what} returned a pair; it must return the output array only.", TILED_OUTPUT_ONLY
        )
    out = _array_result(result, what)
    if (
        out.shape != out_shape
        and out.shape[:-1] == out_shape[:-1]
        and out.shape[-1] == Qa.shape[-1]
    ):
        raise fail(
            f"{what} has shape {out.shape}: its last axis has the size d_k of the keys, not "
            f"the size d_v = {out_shape[-1]} of the values.",
            KEYS_AS_VALUES,
        )
    if out.shape != out_shape and mistake is LAST_BLOCK:
        raise fail(f"{what} has shape {out.shape} instead of {out_shape}.", LAST_BLOCK)
    expect_shape(out, out_shape, what)
    identity = Va.shape[-1] == Va.shape[-2] and np.array_equal(
        Va, np.broadcast_to(np.eye(Va.shape[-1]), Va.shape)
    )
    if mistake is not None and expected is not None:
        if not np.allclose(out, expected, rtol=1e-6, atol=1e-12):
            raise fail(
                f"{what} holds {describe(out)}"
                + (f", whose rows sum to {describe(out.sum(-1))}." if identity else "."),
                mistake,
            )
    if identity and mask is None and out.size and not out.any():
        raise fail(f"{what}: with no mask every weight is 0 (V = I shows them).", MASK_NONE)
    if identity and diagnose:
        allowed = np.ones(out.shape, bool) if mask is None else np.broadcast_to(mask, out.shape)
        _diagnose_weights(
            out,
            allowed,
            what + " (with V = I its output rows are the weights)",
            axis_mistake=SOFTMAX_OVER_QUERIES,
            leak_mistake=TILED_MASK_SLICE,
            rtol=max(1e-6, _tolerance(out.dtype)[0]),
        )
    if expected is not None:
        expect_close(out, expected, what, atol=1e-12)
    return out, what


@exercise_check("tiled_attention")
def check_tiled_attention(tiled_attention, reference=None):
    """Check ``tiled_attention`` (visible: hand-worked cases and memory; hidden: vs reference)."""
    fn = tiled_attention
    # 1. The scale, read back from the output (= weights, since V = I) of the first query.
    for block_size in (1, 3):
        out, what = _tiled_probe(fn, _Q1, _K1, np.eye(3), block_size)
        _diagnose_scale(out[0, 0], out[0, 1], 2 * LN3, what, 4, (3, 2))
        expect_close(out, _W1, what, atol=1e-12)
    # 2. Rescaling: the maximum first (nothing to rescale), then a maximum that grows.
    p = np.array([0.1, 0.2, 0.3, 0.4])
    q = np.ones((1, 1))
    _tiled_probe(fn, q, np.log(p[::-1])[:, None], np.eye(4), 1, expected=[p[::-1]])
    _tiled_probe(fn, q, np.log(p)[:, None], np.eye(4), 1, expected=[p], mistake=TILED_RESCALE)
    keys = np.log(np.arange(1.0, 7.0))[:, None]
    _tiled_probe(fn, q, keys, np.eye(6), 3, expected=[np.arange(1, 7) / 21], mistake=TILED_RESCALE)
    # 3. Block boundaries: 7 keys in blocks of 3 (the last one short), then one big block.
    v = np.array([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0])
    for block_size in (3, 10):
        _tiled_probe(
            fn, q, np.log(v)[:, None], np.eye(7), block_size, expected=[v / 25], mistake=LAST_BLOCK
        )
    # 4. A batch with two different value matrices.
    Qb, Kb, Vb = np.stack([_Q1, _Q1]), np.stack([_K1, _K1]), np.stack([np.eye(3), _V2])
    _tiled_probe(fn, Qb, Kb, Vb, 2, expected=np.stack([_W1, _OUT2]))
    # 5. Large scores: one block, a batch far below, then a maximum that grows by 2000.
    K = np.array([[[1000.0], [1000.0 + LN3]], [[0.0], [LN3]]])
    out, what = _tiled_probe(
        fn, np.ones((2, 1, 1)), K, np.stack([np.eye(2)] * 2), 2, diagnose=False
    )
    if not np.isfinite(out[0]).all():
        raise fail(f"{what}: the first output holds {describe(out[0])}.", NO_MAX_SHIFT)
    if not np.isfinite(out[1]).all() or not out[1].any():
        raise fail(
            f"{what}: the second output holds {describe(out[1])}, although its scores "
            "[0, ln 3] are only far below the first batch element's.",
            GLOBAL_MAX_SHIFT,
        )
    expect_close(out, [[[0.25, 0.75]]] * 2, what, atol=1e-12)
    low = np.array([[-1000.0], [-1000.0 + LN3]])
    _tiled_probe(fn, q, low, np.eye(2), 2, expected=[[0.25, 0.75]], mistake=ONLINE_EMPTY_RESCALE)
    K = np.array([[-1000.0], [1000.0], [1000.0 + LN3]])
    _tiled_probe(fn, q, K, np.eye(3), 1, expected=[[0.0, 0.25, 0.75]], mistake=ONLINE_RUNNING_MAX)
    K = np.array([[-1000.0], [-1000.0 + LN3]])  # every score far below 0
    _tiled_probe(fn, q, K, np.eye(2), 1, expected=[[0.25, 0.75]], mistake=MAX_SHIFT_FROM_CONSTANT)
    # 6. Masks: partial, then a masked first block, then a fully masked query.
    Q = np.ones((1, 1))
    mask = np.array([[True, True, False]])
    free, _ = _tiled_probe(fn, Q, _KEYS_MODERATE, np.eye(3), 3)
    out, what = _tiled_probe(fn, Q, _KEYS_MODERATE, np.eye(3), 3, mask, diagnose=False)
    _expect_mask_used(out, free, what)
    _tiled_probe(fn, Q, _KEYS_MODERATE, np.eye(3), 1, mask, expected=[[0.25, 0.75, 0.0]])
    mask = np.array([[False, True, True]])
    out, what = _tiled_probe(fn, Q, _KEYS_MODERATE, np.eye(3), 1, mask, diagnose=False)
    if not np.isfinite(out).all() or not out.any():
        raise fail(
            f"{what} holds {describe(out)}, although the query may attend to keys 1 and 2.",
            MINUS_INF_BLOCK,
        )
    expect_close(out, [[0.0, 3 / 7, 4 / 7]], what, atol=1e-12)
    mask = np.array([[False, False, False], [True, True, False]])
    V = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    _tiled_probe(
        fn,
        np.ones((2, 1)),
        _KEYS_MODERATE,
        np.eye(3),
        2,
        mask,
        expected=[[0, 0, 0], [0.25, 0.75, 0]],
    )
    _tiled_probe(fn, np.ones((2, 1)), _KEYS_MODERATE, V, 2, mask, expected=[[0.0, 0.0], [2.5, 3.5]])
    # A masked key scoring far above the allowed ones must not set the block's maximum.
    K = np.array([[0.0], [LN3], [1000.0]])
    out, what = _tiled_probe(
        fn, Q, K, np.eye(3), 3, np.array([[True, True, False]]), diagnose=False
    )
    if out.size and (not np.isfinite(out).all() or not out.any()):
        raise fail(
            f"{what} holds {describe(out)}: the masked key's score 1000 set the maximum.",
            MASK_AFTER_SOFTMAX_RENORMALISED,
        )
    expect_close(out, [[0.25, 0.75, 0.0]], what, atol=1e-12)
    # 7. A key mask of shape (n_k,), which only broadcasts.
    _tiled_probe(fn, Q, _KEYS_MODERATE, np.eye(3), 2, _KEY_MASK, expected=[[0.25, 0.75, 0.0]])
    # 8. Memory: 128 queries and 8192 keys in blocks of 256, far below the scores' 8 MiB.
    _check_tiled_memory(fn)
    # The process, which the values cannot show: key blocks folded in as they are read.
    stream = (np.ones((1, 1)), _STREAM[:, None], np.eye(len(_STREAM)), 2)
    _expect_streaming(fn, stream, "tiled_attention", TILED_NOT_ONLINE)
    # A query mask of shape (n_q, 1) also only broadcasts: its columns cannot be sliced
    # block by block before it is broadcast.
    _query_mask_probe(lambda m: _tiled_probe(fn, np.ones((2, 1)), _KEYS_MODERATE, np.eye(3), 2, m))
    if reference is not None:
        _hidden_tiled_attention(fn, reference)


def _check_tiled_memory(fn) -> None:
    """Tiled attention over 8192 keys must stay far below the 8 MiB of its score matrix.

    Few queries and many keys keep a learner's loop over single queries fast, while the
    (n_q, n_k) matrix is still 32 times larger than one block of scores. The threshold, half
    the matrix, leaves room on both sides: correct answers that convert or copy K and V
    (512 KiB) and keep a few (n_q, block_size) temporaries peak near 1 MiB; an answer that
    forms the matrix needs at least its 8 MiB.
    """
    __tracebackhide__ = True
    rng = np.random.default_rng(1)
    n_q, n_k, d, block_size = 128, 8192, 4, 256
    Q, K, V = rng.normal(size=(n_q, d)), rng.normal(size=(n_k, d)), rng.normal(size=(n_k, d))
    # Without a mask, then with a key mask of shape (n_k,): an additive bias of -inf made
    # from it, or a mask broadcast and then converted to floats, is a full matrix too.
    for mask in (None, rng.random(n_k) < 0.9):
        kwargs = {} if mask is None else {"mask": mask}
        result, peak = _peak_bytes(fn, (Q, K, V, block_size), kwargs)
        # The copies `call` keeps to spot modified inputs.
        peak -= Q.nbytes + K.nbytes + V.nbytes + (0 if mask is None else mask.nbytes)
        what = (
            f"tiled_attention(Q, K, V, block_size={block_size}"
            + ("" if mask is None else ", mask=<shape (8192,)>")
            + f") with {n_q} queries and {n_k} keys"
        )
        out = _array_result(result, what)
        expect_shape(out, (n_q, d), what)
        full = n_q * n_k * 8
        if peak > full // 2:
            raise fail(
                f"{what} allocated {peak / 2**20:.1f} MiB at its peak, besides its inputs; the "
                f"full score matrix takes {full / 2**20:.0f} MiB, and one block of scores "
                f"{n_q * block_size * 8 / 2**10:.0f} KiB.",
                TILED_FULL_SCORES,
            )


def _hidden_tiled_attention(fn, reference):
    __tracebackhide__ = True
    rng = np.random.default_rng(13)

    def compare(Q, K, V, block_size, mask=None):
        kwargs = {} if mask is None else {"mask": mask}
        expected = reference(*copy.deepcopy((Q, K, V, block_size)), **copy.deepcopy(kwargs))
        out, what = _tiled_probe(fn, Q, K, V, block_size, mask)
        expect_dtype(out, expected.dtype, what)
        scale = max(1.0, float(np.abs(np.asarray(V, dtype=np.float64)).max(initial=0.0)))
        _expect_like(out, expected, what, scale=scale)

    for batch, n_q, n_k, d_k, d_v in [((), 3, 7, 4, 2), ((2,), 5, 9, 3, 3), ((2, 2), 2, 4, 2, 5)]:
        Q = rng.normal(size=batch + (n_q, d_k))
        K = rng.normal(size=batch + (n_k, d_k))
        V = rng.normal(size=batch + (n_k, d_v))
        for block_size in (1, 2, 3, n_k, n_k + 4):
            compare(Q, K, V, block_size)
        compare(Q, K, V, 2, _random_mask(rng, batch + (n_q, n_k)))
        compare(Q, K, V, 3, rng.random(n_k) < 0.5)
    Q, K, V = rng.normal(size=(6, 4)), rng.normal(size=(6, 4)), rng.normal(size=(6, 3))
    compare(Q, K, V, 4, np.tril(np.ones((6, 6), dtype=bool)))
    compare(Q, K, V, 2, ~np.tril(np.ones((6, 6), dtype=bool)))  # the last query sees nothing
    compare(Q[:0], K, V, 2)
    compare(Q * 100, K * 100, V, 3, _random_mask(rng, (6, 6)))  # scores up to about 1e4
    keys = np.sort(rng.normal(size=(12, 1)), axis=0) * 50  # the maximum grows block by block
    compare(np.ones((1, 1)), keys, rng.normal(size=(12, 3)), 5)
    for dtype in (np.float32, np.float16):
        compare(Q.astype(dtype), K.astype(dtype), V.astype(dtype), 4, _random_mask(rng, (6, 6)))
    Qi, Ki, Vi = (rng.integers(-3, 4, size=a.shape) for a in (Q, K, V))
    compare(Qi, Ki, Vi, 4)
    compare(Q, K, V, 2, np.array([[True], [False], [True], [True], [False], [True]]))  # queries


# --------------------------------------------------------------------------------------
# The contracts the exercise texts state (probed by autograder.contract)
# --------------------------------------------------------------------------------------

_INF, _NAN = np.inf, np.nan
# A query [1] against keys [0, ln 3] (d_k = 1): weights [1/4, 3/4]; with V rows [1, 2] and
# [3, 4] the output is [2.5, 3.5].
_V12 = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
_FULLY_MASKED = np.array([[False, False, False], [True, True, False]])
# Two allowed keys of equal weight 1/2: a finite column, +inf with -inf (NaN), a finite value
# with +inf (inf) and a NaN.
_WILD_V = np.array([[1.0, _INF, 1.0, _NAN], [2.0, -_INF, _INF, 3.0]])
_WILD_OUT = [[1.5, _NAN, _INF, _NAN]]
# 70,000 equal scores: each weight is 1/70000, unless a float16 sum overflows (past 65,504).
_LONG = 70_000
_LONG16 = np.zeros(_LONG, np.float16)
_LONG_P = np.full(_LONG, np.float16(1 / _LONG))
# Scores of -2e9, below a "large negative" fill of -1e9, which would then win.
_LOW_K = np.full((4, 1), -2e9)
_LOW_MASK = np.array([[True, True, False, False]])
_LOW_W = np.array([[0.5, 0.5, 0.0, 0.0]])
# Scores near -1e10, below a running maximum started at 0 or at -1e9.
_FAR = np.array([-1e10, -1e10 + 1.0, -1e10 + 2.0])
_FAR_P = np.exp([-2.0, -1.0, 0.0]) / np.exp([-2.0, -1.0, 0.0]).sum()


def _attention_call(Q, *extra):
    """Q with _K1 and _V1 in Q's dtype (lists for a list), so that every probe sees one dtype."""
    dtype = np.asarray(Q).dtype
    K, V = _K1.astype(dtype), _V1.astype(dtype)
    if isinstance(Q, list):
        K, V = K.tolist(), V.tolist()
    return (Q, K, V, *extra), {}


_LONG_K = np.zeros((_LONG, 2), np.float16)
_LONG_V = np.ones((_LONG, 1), np.float16)
_LONG_V[::2] = 3.0  # the mean of the values is 2

Contract(
    "scaled_dot_product_attention",
    wrap_sample=wrapping((2, 4)),
    float16_sample=GENERAL_LOGITS[:3, :4],
    sample=_Q1,
    call=_attention_call,
    returns="arrays",
    integer_sample=np.array([[2, 0, 0, 0], [0, 1, 0, 0]]),
    errors=(
        Invalid("0/1 mask", (_Q1, _K1, _V1), {"mask": np.array([[1, 1, 0], [0, 1, 1]])}),
        Invalid("bad mask shape", (_Q1, _K1, _V1), {"mask": np.ones((2, 2), bool)}),
        # Broadcastable *to* the scores: a mask with a batch axis the scores lack is not.
        Invalid("mask larger than scores", (_Q1, _K1, _V1), {"mask": np.ones((2, 2, 3), bool)}),
        Invalid("d_k mismatch", (_Q1, np.ones((3, 5)), _V1)),
        Invalid("n_k mismatch", (_Q1, _K1, np.eye(2))),
        Invalid("complex Q", (_Q1 + 1j, _K1, _V1)),
        Invalid("1-D Q", (_Q1[0], _K1, _V1)),
        Invalid("d_k = 0", (np.zeros((2, 0)), np.zeros((3, 0)), _V1)),
    ),
    edges=(
        Edge(
            "fully masked query",
            (np.ones((2, 1)), _KEYS_MODERATE[:3], _V12),
            {"mask": _FULLY_MASKED},
            expected=([[0.0, 0.0], [2.5, 3.5]], [[0.0, 0.0, 0.0], [0.25, 0.75, 0.0]]),
            mistake=FULLY_MASKED_NOT_ZERO,
        ),
        Edge(
            "scores < -1e9",
            (np.ones((1, 1)), _LOW_K, np.eye(4)),
            {"mask": _LOW_MASK},
            expected=(_LOW_W, _LOW_W),
            mistake=MASKED_WEIGHT_NOT_ZERO,
        ),
        Edge(
            "NaN in Q",
            (np.array([[_NAN], [1.0]]), _KEYS_MODERATE[:2], _V12[:2]),
            expected=([[_NAN, _NAN], [2.5, 3.5]], [[_NAN, _NAN], [0.25, 0.75]]),
            mistake=NAN_NOT_PROPAGATED,
        ),
        Edge(
            "no queries",
            (np.zeros((0, 4)), _K1, _V1),
            expected=(np.zeros((0, 2)), np.zeros((0, 3))),
        ),
        Edge(
            "70,000 float16 keys",
            (np.zeros((1, 2), np.float16), _LONG_K, _LONG_V),
            expected=([[2.0]], _LONG_P[None]),
            dtype=np.float16,
            mistake=FLOAT16_SUM,
        ),
        Edge(
            "masked NaN/inf in V",
            (np.zeros((1, 1)), np.zeros((2, 1)), np.array([[1.0, 2.0], [_NAN, _INF]])),
            {"mask": np.array([[True, False]])},
            expected=([[1.0, 2.0]], [[1.0, 0.0]]),
            mistake=MASKED_VALUE_LEAKS,
        ),
        Edge(
            "allowed NaN/inf in V",
            (np.zeros((1, 1)), np.zeros((2, 1)), _WILD_V),
            expected=(_WILD_OUT, [[0.5, 0.5]]),
            mistake=ALLOWED_VALUE_DROPPED,
        ),
        Edge(
            "inf in V, nothing allowed",
            (np.zeros((1, 1)), np.zeros((2, 1)), np.array([[1.0, _INF], [2.0, 3.0]])),
            {"mask": np.array([[False, False]])},
            expected=([[0.0, 0.0]], [[0.0, 0.0]]),
            mistake=MASKED_VALUE_LEAKS,
        ),
    ),
    values="hand-worked weights and outputs, √d_k, masks, batches, ±1000",
)

Contract(
    "causal_mask",
    sample=np.zeros((1, 1)),  # unused: the call is causal_mask(4)
    call=lambda z: ((4,), {}),
    dtype=None,
    lists=False,
    errors=(
        Invalid("n = -1", (-1,)),
        Invalid("n = 2.0", (2.0,)),
        Invalid("n = True", (True,)),
    ),
    edges=(
        Edge("n = 0", (0,), expected=np.zeros((0, 0), bool)),
        Edge("NumPy integer n", (np.int64(3),), expected=np.tri(3, dtype=bool)),
    ),
    values="the pattern for n = 4 and n = 1, boolean",
)

Contract(
    "padding_mask",
    sample=np.array([2, 0, 4]),
    # The lengths stay integers whatever dtype the hidden comparison tries.
    call=lambda z: ((z if isinstance(z, list) else np.asarray(z).astype(np.int64), 5), {}),
    dtype=None,
    errors=(
        Invalid("a length above n", (np.array([6, 2]), 5)),
        Invalid("a negative length", (np.array([-1, 2]), 5)),
        Invalid("n = 5.0", (np.array([2, 1]), 5.0)),
        Invalid("n = True", (np.array([1, 0]), True)),
        Invalid("float lengths", (np.array([2.0, 1.0]), 3)),
        Invalid("bool lengths", (np.array([True, False]), 2)),
        Invalid("2-D lengths", (np.array([[1, 2]]), 3)),
        Invalid("a scalar length", (2, 3)),
    ),
    edges=(
        Edge("n = 0", (np.array([0, 0]), 0), expected=np.zeros((2, 0), bool)),
        Edge("no sequences", (np.zeros(0, np.int64), 3), expected=np.zeros((0, 3), bool)),
        Edge("empty list", ([], 3), expected=np.zeros((0, 3), bool)),
        Edge(
            "NumPy integers",
            (np.array([1, 3], np.int32), np.int64(3)),
            expected=[[True, False, False], [True, True, True]],
        ),
    ),
    values="hand-checked batches, boolean",
)


def _masked_call(z):
    """Scores with the mask `z < 5`: the 9s are masked (one row entirely), far above the rest.

    For scores given as a list, the mask is a list too.
    """
    mask = np.asarray(z) < 5
    return (z, mask.tolist() if isinstance(z, list) else mask), {}


Contract(
    "masked_softmax",
    wrap_sample=wrapping((3, 4)),
    float16_sample=GENERAL_LOGITS,
    sample=np.array([[0.0, LN2, LN3, 9.0], [9.0, 9.0, 9.0, 9.0], [LN4, 9.0, 0.0, 9.0]]),
    call=_masked_call,
    axis=True,
    batch=True,
    errors=(
        Invalid("0/1 mask", (np.zeros(3), np.array([1, 1, 0]))),
        Invalid("bad mask shape", (np.zeros(4), np.ones(3, bool))),
        Invalid("mask larger than scores", (np.zeros(3), np.ones((2, 3), bool))),
        Invalid("complex scores", (np.array([1 + 2j, 0.5]), None)),
        Invalid("axis 2 of 2-D scores", (np.zeros((2, 3)), None), {"axis": 2}),
    ),
    edges=(
        Edge(
            "mask=None",
            (np.array([0.0, LN3]), None),
            expected=[0.25, 0.75],
            mistake=MASK_NONE,
            refused=MASK_NONE,
        ),
        Edge(
            "scores < -1e9",
            (np.full((1, 4), -2e9), _LOW_MASK),
            expected=_LOW_W,
            mistake=MASKED_WEIGHT_NOT_ZERO,
        ),
        Edge(
            "fully masked row with -inf",
            (
                np.array([[-_INF, 1.0, -_INF], [0.0, LN3, -_INF]]),
                np.array([[False] * 3, [True] * 3]),
            ),
            expected=[[0.0, 0.0, 0.0], [0.25, 0.75, 0.0]],
            mistake=FULLY_MASKED_NAN,
        ),
        Edge(
            "allowed scores all -inf",
            (np.array([[-_INF, -_INF, 2.0]]), np.array([[True, True, False]])),
            expected=[[0.0, 0.0, 0.0]],
            mistake=FULLY_MASKED_NAN,
        ),
        Edge(
            "NaN",
            (np.array([[_NAN, 0.0], [0.0, 0.0]]), np.ones((2, 2), bool)),
            expected=[[_NAN, _NAN], [0.5, 0.5]],
            mistake=NAN_NOT_PROPAGATED,
        ),
        Edge(
            "masked NaN/inf scores",
            (np.array([[_NAN, 0.0, LN3], [_INF, 0.0, LN3]]), np.array([[False, True, True]] * 2)),
            expected=[[0.0, 0.25, 0.75]] * 2,
            mistake=MASKED_SCORE_LEAKS,
        ),
        Edge(
            "empty batch",
            (np.zeros((0, 3)), np.zeros((0, 3), bool)),
            expected=np.zeros((0, 3)),
        ),
        Edge(
            "70,000 float16 zeros",
            (_LONG16, np.ones(_LONG, bool)),
            expected=_LONG_P,
            dtype=np.float16,
            mistake=FLOAT16_SUM,
        ),
    ),
    values="hand-worked rows, broadcast masks, ±1000",
)

Contract(
    "online_softmax",
    wrap_sample=wrapping((2, 5)),
    float16_sample=GENERAL_LOGITS,
    sample=np.log(np.array([[1.0, 2.0, 3.0, 4.0, 5.0], [4.0, 3.0, 2.0, 1.0, 1.0]])),
    call=lambda z: ((z, 2), {}),
    batch=True,
    errors=(
        Invalid("block_size = 0", (np.zeros(3), 0)),
        Invalid("block_size = 1.5", (np.zeros(3), 1.5)),
        Invalid("block_size = True", (np.zeros(3), True)),
        Invalid("complex z", (np.array([1 + 2j, 0.5]), 1)),
        Invalid("0-d z", (np.array(1.0), 1)),
    ),
    edges=(
        Edge(
            "leading -inf block",
            (np.array([-_INF, -_INF, 0.0, LN3]), 2),
            expected=[0.0, 0.0, 0.25, 0.75],
            mistake=MINUS_INF_BLOCK,
        ),
        Edge(
            "all -inf row",
            (np.array([[0.0, LN3, -_INF], [-_INF, -_INF, -_INF]]), 2),
            expected=[[0.25, 0.75, 0.0], [0.0, 0.0, 0.0]],
            mistake=FULLY_MASKED_NAN,
        ),
        Edge(
            "NaN",
            (np.array([[1.0, _NAN, 0.0], [0.0, LN3, -_INF]]), 2),
            expected=[[_NAN, _NAN, _NAN], [0.25, 0.75, 0.0]],
            mistake=NAN_NOT_PROPAGATED,
        ),
        Edge("values ≈ -1e10", (_FAR, 2), expected=_FAR_P, mistake=MAX_SHIFT_FROM_CONSTANT),
        Edge(
            "block_size > n", (np.array([0.0, LN3]), 5), expected=[0.25, 0.75], mistake=LAST_BLOCK
        ),
        Edge(
            "NumPy integer block_size", (np.array([0.0, LN3]), np.int64(1)), expected=[0.25, 0.75]
        ),
        Edge("empty row", (np.zeros((2, 0)), 3), expected=np.zeros((2, 0))),
        Edge(
            "70,000 float16 zeros",
            (_LONG16, 1000),
            expected=_LONG_P,
            dtype=np.float16,
            mistake=FLOAT16_SUM,
        ),
    ),
    values="hand-worked streams, growing maxima, short last block, ±1000",
)

Contract(
    "tiled_attention",
    wrap_sample=wrapping((2, 4)),
    float16_sample=GENERAL_LOGITS[:3, :4],
    sample=_Q1,
    call=lambda Q: _attention_call(Q, 2),
    integer_sample=np.array([[2, 0, 0, 0], [0, 1, 0, 0]]),
    errors=(
        Invalid("block_size = 0", (_Q1, _K1, _V1, 0)),
        Invalid("block_size = 1.5", (_Q1, _K1, _V1, 1.5)),
        Invalid("block_size = True", (_Q1, _K1, _V1, True)),
        Invalid("0/1 mask", (_Q1, _K1, _V1, 2), {"mask": np.array([[1, 1, 0], [0, 1, 1]])}),
        Invalid("bad mask shape", (_Q1, _K1, _V1, 2), {"mask": np.ones((2, 2), bool)}),
        Invalid("mask larger than scores", (_Q1, _K1, _V1, 2), {"mask": np.ones((2, 2, 3), bool)}),
        Invalid("d_k mismatch", (_Q1, np.ones((3, 5)), _V1, 2)),
        Invalid("n_k mismatch", (_Q1, _K1, np.eye(2), 2)),
        Invalid("complex Q", (_Q1 + 1j, _K1, _V1, 2)),
        Invalid("1-D Q", (_Q1[0], _K1, _V1, 2)),
    ),
    edges=(
        Edge(
            "fully masked query",
            (np.ones((2, 1)), _KEYS_MODERATE[:3], _V12, 2),
            {"mask": _FULLY_MASKED},
            expected=[[0.0, 0.0], [2.5, 3.5]],
            mistake=FULLY_MASKED_NOT_ZERO,
        ),
        Edge(
            "scores < -1e9",
            (np.ones((1, 1)), _LOW_K, np.eye(4), 3),
            {"mask": _LOW_MASK},
            expected=_LOW_W,
            mistake=MASKED_WEIGHT_NOT_ZERO,
        ),
        Edge(
            "scores ≈ -1e10",
            (np.ones((1, 1)), _FAR[:, None], np.eye(3), 2),
            expected=_FAR_P[None],
            mistake=MAX_SHIFT_FROM_CONSTANT,
        ),
        Edge(
            "NaN in Q",
            (np.array([[_NAN], [1.0]]), _KEYS_MODERATE[:2], _V12[:2], 1),
            expected=[[_NAN, _NAN], [2.5, 3.5]],
            mistake=NAN_NOT_PROPAGATED,
        ),
        Edge("no queries", (np.zeros((0, 4)), _K1, _V1, 2), expected=np.zeros((0, 2))),
        Edge(
            "NumPy integer block_size",
            (np.ones((1, 1)), _KEYS_MODERATE[:2], _V12[:2], np.int64(1)),
            expected=[[2.5, 3.5]],
        ),
        Edge(
            "70,000 float16 keys",
            (np.zeros((1, 2), np.float16), _LONG_K, _LONG_V, 4096),
            expected=[[2.0]],
            dtype=np.float16,
            mistake=FLOAT16_SUM,
        ),
        Edge(
            "masked NaN/inf in V",
            (np.zeros((1, 1)), np.zeros((2, 1)), np.array([[1.0, 2.0], [_NAN, _INF]]), 1),
            {"mask": np.array([[True, False]])},
            expected=[[1.0, 2.0]],
            mistake=MASKED_VALUE_LEAKS,
        ),
        Edge(
            "allowed NaN/inf in V",
            (np.zeros((1, 1)), np.zeros((2, 1)), _WILD_V, 1),
            expected=_WILD_OUT,
            mistake=ALLOWED_VALUE_DROPPED,
        ),
    ),
    values="hand-worked outputs, rescaling, short last block, masks, memory",
)
