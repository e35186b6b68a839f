"""Known-wrong answers to the exercises of ``07_attention_and_masking``.

Each function is one way a learner actually gets an exercise wrong, written as they would
write it (self-contained, NumPy and ``math`` only, the exercise's own signature), and tagged
with the mistake the checks must name.
"""

import math

import numpy as np
from scipy.special import logsumexp as scipy_logsumexp
from scipy.special import softmax as scipy_softmax

from tests.mistakes import right, wrong

# --------------------------------------------------------------------------------------
# scaled_dot_product_attention
# --------------------------------------------------------------------------------------


@wrong("scaled_dot_product_attention", "attention-no-scaling")
def attention_without_scaling(Q, K, V, mask=None):
    """Took the softmax of Q Kᵀ without dividing by √d_k."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ np.swapaxes(K, -1, -2)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    m = scores.max(axis=-1, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    e = np.exp(scores - m)
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(total == 0, 1.0, total)
    return weights @ V, weights


@wrong("scaled_dot_product_attention", "attention-scaled-by-d")
def attention_scaled_by_d(Q, K, V, mask=None):
    """Divided the scores by d_k instead of its square root."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ np.swapaxes(K, -1, -2) / Q.shape[-1]
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    m = scores.max(axis=-1, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    e = np.exp(scores - m)
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(total == 0, 1.0, total)
    return weights @ V, weights


@wrong("scaled_dot_product_attention", "attention-multiplied-by-sqrt-d")
def attention_times_sqrt_d(Q, K, V, mask=None):
    """Multiplied the scores by √d_k instead of dividing."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ np.swapaxes(K, -1, -2) * math.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    m = scores.max(axis=-1, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    e = np.exp(scores - m)
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(total == 0, 1.0, total)
    return weights @ V, weights


@wrong("scaled_dot_product_attention", "attention-scaled-by-wrong-dimension")
def attention_scaled_by_d_v(Q, K, V, mask=None):
    """Divided by the square root of the values' size d_v."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ np.swapaxes(K, -1, -2) / math.sqrt(V.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    m = scores.max(axis=-1, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    e = np.exp(scores - m)
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(total == 0, 1.0, total)
    return weights @ V, weights


@wrong("scaled_dot_product_attention", "attention-softmax-over-queries")
def attention_softmax_over_queries(Q, K, V, mask=None):
    """Normalised the weights over the queries (axis -2) instead of the keys."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ np.swapaxes(K, -1, -2) / math.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    m = scores.max(axis=-2, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    e = np.exp(scores - m)
    total = e.sum(axis=-2, keepdims=True)
    weights = e / np.where(total == 0, 1.0, total)
    return weights @ V, weights


@wrong("scaled_dot_product_attention", "mask-after-softmax")
def attention_mask_after_softmax(Q, K, V, mask=None):
    """Zeroed the masked weights after the softmax, without renormalising."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ np.swapaxes(K, -1, -2) / math.sqrt(Q.shape[-1])
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = e / e.sum(axis=-1, keepdims=True)
    if mask is not None:
        weights = weights * mask
    return weights @ V, weights


@wrong("scaled_dot_product_attention", "mask-after-softmax-renormalised")
def attention_mask_after_softmax_renormalised(Q, K, V, mask=None):
    """Softmax over every key, then masked and renormalised."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ np.swapaxes(K, -1, -2) / math.sqrt(Q.shape[-1])
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = e / e.sum(axis=-1, keepdims=True)
    if mask is not None:
        weights = weights * mask
        weights = weights / weights.sum(axis=-1, keepdims=True)
    return weights @ V, weights


@wrong("scaled_dot_product_attention", "mask-after-softmax-renormalised")
def attention_max_over_masked_keys(Q, K, V, mask=None):
    """Subtracted the maximum over all keys, masked ones included."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ np.swapaxes(K, -1, -2) / math.sqrt(Q.shape[-1])
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    if mask is not None:
        e = np.where(mask, e, 0.0)
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(total == 0, 1.0, total)
    return weights @ V, weights


@wrong("scaled_dot_product_attention", "mask-inverted")
def attention_mask_inverted(Q, K, V, mask=None):
    """Read True in the mask as 'blocked'."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ np.swapaxes(K, -1, -2) / math.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, -np.inf, scores)
    m = scores.max(axis=-1, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    e = np.exp(scores - m)
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(total == 0, 1.0, total)
    return weights @ V, weights


@wrong("scaled_dot_product_attention", "fully-masked-row-uniform")
def attention_fill_minus_1e9(Q, K, V, mask=None):
    """Filled masked scores with -1e9, as many tutorials do."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ np.swapaxes(K, -1, -2) / math.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -1e9)
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = e / e.sum(axis=-1, keepdims=True)
    return weights @ V, weights


@wrong("scaled_dot_product_attention", "fully-masked-row-uniform")
def attention_fill_finfo_min(Q, K, V, mask=None):
    """Filled masked scores with the dtype's most negative finite number."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ np.swapaxes(K, -1, -2) / math.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, np.finfo(scores.dtype).min)
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = e / e.sum(axis=-1, keepdims=True)
    return weights @ V, weights


@wrong("scaled_dot_product_attention", "fully-masked-row-nan")
def attention_fill_minus_inf_unguarded(Q, K, V, mask=None):
    """Filled masked scores with -inf and did not guard fully masked rows."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ np.swapaxes(K, -1, -2) / math.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = e / e.sum(axis=-1, keepdims=True)
    return weights @ V, weights


@wrong("scaled_dot_product_attention", "mask-ignored")
def attention_ignores_mask(Q, K, V, mask=None):
    """Accepted a mask but never used it."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ np.swapaxes(K, -1, -2) / math.sqrt(Q.shape[-1])
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = e / e.sum(axis=-1, keepdims=True)
    return weights @ V, weights


@wrong("scaled_dot_product_attention", "masked-weight-not-zero")
def attention_fill_minus_1e9_guarded(Q, K, V, mask=None):
    """Filled with -1e9 and zeroed fully masked rows, but -1e9 wins over scores below it."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for array in (Q, K, V):
        if array.ndim < 2 or array.dtype.kind not in "biuf":
            raise ValueError("Q, K and V must be real arrays of shape (..., n, d)")
    if Q.shape[-1] == 0:
        raise ValueError("d_k must be at least 1")
    dtype = np.result_type(Q, K, V, np.float16)
    scores = Q @ np.swapaxes(K, -1, -2) / math.sqrt(Q.shape[-1])
    if mask is None:
        mask = np.ones(scores.shape, dtype=bool)
    mask = np.asarray(mask)
    if mask.dtype != bool or np.broadcast_shapes(mask.shape, scores.shape) != scores.shape:
        raise ValueError("mask must be boolean and broadcast to the scores")
    scores = np.where(mask, scores.astype(np.float64), -1e9)  # -1e9 is -inf in float16
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = e / e.sum(axis=-1, keepdims=True) * mask.any(axis=-1, keepdims=True)
    return (weights @ V).astype(dtype), weights.astype(dtype)


@wrong("scaled_dot_product_attention", "masked-weight-not-zero")
def attention_scores_times_mask(Q, K, V, mask=None):
    """Multiplied the scores by the mask, so masked scores become 0, not -inf."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ np.swapaxes(K, -1, -2) / math.sqrt(Q.shape[-1])
    if mask is not None:
        scores = scores * mask
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = e / e.sum(axis=-1, keepdims=True)
    return weights @ V, weights


@wrong("scaled_dot_product_attention", "attention-keys-as-values")
def attention_averages_keys(Q, K, V, mask=None):
    """Returned the weighted average of the keys instead of the values."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ np.swapaxes(K, -1, -2) / math.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    m = scores.max(axis=-1, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    e = np.exp(scores - m)
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(total == 0, 1.0, total)
    return weights @ K, weights


@wrong("scaled_dot_product_attention", "attention-key-transpose")
def attention_without_transpose(Q, K, V, mask=None):
    """Multiplied Q by K without transposing K."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ K / math.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    m = scores.max(axis=-1, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    e = np.exp(scores - m)
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(total == 0, 1.0, total)
    return weights @ V, weights


@wrong("scaled_dot_product_attention", "attention-key-transpose")
def attention_with_dot_T(Q, K, V, mask=None):
    """Used K.T, which reverses every axis of a batch of keys."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ K.T / math.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    m = scores.max(axis=-1, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    e = np.exp(scores - m)
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(total == 0, 1.0, total)
    return weights @ V, weights


@wrong("scaled_dot_product_attention", "no-max-shift")
def attention_without_max_shift(Q, K, V, mask=None):
    """Exponentiated the scores without subtracting their maximum."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ np.swapaxes(K, -1, -2) / math.sqrt(Q.shape[-1])
    e = np.exp(scores)
    if mask is not None:
        e = np.where(mask, e, 0.0)
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(total == 0, 1.0, total)
    return weights @ V, weights


@wrong("scaled_dot_product_attention", "global-max-shift")
def attention_global_max_shift(Q, K, V, mask=None):
    """Subtracted the maximum of the whole batch of scores."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ np.swapaxes(K, -1, -2) / math.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    m = scores.max()
    e = np.exp(scores - m)
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(total == 0, 1.0, total)
    return weights @ V, weights


@wrong("scaled_dot_product_attention", "attention-not-a-pair")
def attention_returns_output_only(Q, K, V, mask=None):
    """Returned only the output, not the pair (output, weights)."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ np.swapaxes(K, -1, -2) / math.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    m = scores.max(axis=-1, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    e = np.exp(scores - m)
    total = e.sum(axis=-1, keepdims=True)
    return e / np.where(total == 0, 1.0, total) @ V


@wrong("scaled_dot_product_attention", "attention-pair-swapped")
def attention_returns_weights_first(Q, K, V, mask=None):
    """Returned (weights, output) instead of (output, weights)."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ np.swapaxes(K, -1, -2) / math.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    m = scores.max(axis=-1, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    e = np.exp(scores - m)
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(total == 0, 1.0, total)
    return weights, weights @ V


@wrong("scaled_dot_product_attention", "no-value-error")
def attention_accepts_integer_mask(Q, K, V, mask=None):
    """Converted any mask to bool instead of rejecting a non-boolean one."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ np.swapaxes(K, -1, -2) / math.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(np.asarray(mask).astype(bool), scores, -np.inf)
    m = scores.max(axis=-1, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    e = np.exp(scores - m)
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(total == 0, 1.0, total)
    return weights @ V, weights


@wrong("scaled_dot_product_attention", "modified-input")
def attention_scales_queries_in_place(Q, K, V, mask=None):
    """Scaled the caller's query array in place."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    Q /= math.sqrt(Q.shape[-1])
    scores = Q @ np.swapaxes(K, -1, -2)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    m = scores.max(axis=-1, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    e = np.exp(scores - m)
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(total == 0, 1.0, total)
    return weights @ V, weights


@wrong("scaled_dot_product_attention", "not-array-like")
def attention_without_asarray(Q, K, V, mask=None):
    """Used array attributes on the inputs without converting lists first."""
    scores = Q @ np.swapaxes(K, -1, -2) / math.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    m = scores.max(axis=-1, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    e = np.exp(scores - m)
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(total == 0, 1.0, total)
    return weights @ V, weights


@wrong("scaled_dot_product_attention", "wrong-dtype")
def attention_promotes_float32(Q, K, V, mask=None):
    """Divided by np.sqrt of an int, a float64 scalar that promotes float32 scores."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    if mask is not None and np.asarray(mask).dtype != bool:
        raise ValueError("mask must be boolean")
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    m = scores.max(axis=-1, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    e = np.exp(scores - m)
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(total == 0, 1.0, total)
    return weights @ V, weights


# --------------------------------------------------------------------------------------
# causal_mask
# --------------------------------------------------------------------------------------


@wrong("causal_mask", "causal-mask-transposed")
def causal_upper_triangle(n):
    """Kept the upper triangle: every query sees the future."""
    return np.triu(np.ones((n, n), dtype=bool))


@wrong("causal_mask", "causal-mask-transposed")
def causal_comparison_reversed(n):
    """Compared positions the wrong way round (i <= j)."""
    i = np.arange(n)
    return i[:, None] <= i[None, :]


@wrong("causal_mask", "causal-mask-excludes-diagonal")
def causal_strictly_lower(n):
    """Used k=-1, so a position cannot attend to itself."""
    return np.tril(np.ones((n, n), dtype=bool), k=-1)


@wrong("causal_mask", "causal-mask-excludes-diagonal")
def causal_strict_comparison(n):
    """Compared with > instead of >=."""
    i = np.arange(n)
    return i[:, None] > i[None, :]


@wrong("causal_mask", "causal-mask-sees-next-position")
def causal_one_step_ahead(n):
    """Used k=1, so each query also sees the next position."""
    return np.tril(np.ones((n, n), dtype=bool), k=1)


@wrong("causal_mask", "mask-not-boolean")
def causal_float_ones(n):
    """Returned a float matrix of ones and zeros."""
    return np.tril(np.ones((n, n)))


@wrong("causal_mask", "mask-not-boolean")
def causal_integer_matrix(n):
    """Returned 0/1 integers instead of booleans."""
    i = np.arange(n)
    return (i[:, None] >= i[None, :]).astype(int)


@wrong("causal_mask", "mask-inverted")
def causal_true_means_blocked(n):
    """Marked the blocked (future) positions with True."""
    return np.triu(np.ones((n, n), dtype=bool), k=1)


@wrong("causal_mask", "no-value-error")
def causal_no_validation(n):
    """Let np.tri turn a negative n into an empty mask."""
    return np.tri(n, dtype=bool)


# --------------------------------------------------------------------------------------
# padding_mask
# --------------------------------------------------------------------------------------


@wrong("padding_mask", "padding-mask-off-by-one")
def padding_less_or_equal(lengths, n):
    """Kept position == length as a real token."""
    lengths = np.asarray(lengths)
    return np.arange(n)[None, :] <= lengths[:, None]


@wrong("padding_mask", "padding-mask-off-by-one")
def padding_positions_from_one(lengths, n):
    """Numbered positions from 1, dropping the last real token."""
    lengths = np.asarray(lengths)
    return np.arange(1, n + 1)[None, :] < lengths[:, None]


@wrong("padding_mask", "padding-mask-off-by-one")
def padding_loop_one_too_far(lengths, n):
    """Filled each row up to and including position length."""
    lengths = np.asarray(lengths)
    mask = np.zeros((len(lengths), n), dtype=bool)
    for b, length in enumerate(lengths):
        mask[b, : length + 1] = True
    return mask


@wrong("padding_mask", "mask-inverted")
def padding_true_on_padding(lengths, n):
    """Marked the padding with True."""
    lengths = np.asarray(lengths)
    return np.arange(n)[None, :] >= lengths[:, None]


@wrong("padding_mask", "padding-mask-transposed")
def padding_one_row_per_position(lengths, n):
    """Broadcast the other way round: shape (n, B)."""
    lengths = np.asarray(lengths)
    return np.arange(n)[:, None] < lengths[None, :]


@wrong("padding_mask", "padding-mask-width")
def padding_width_from_lengths(lengths, n):
    """Used the longest length as the width instead of n."""
    lengths = np.asarray(lengths)
    return np.arange(lengths.max())[None, :] < lengths[:, None]


@wrong("padding_mask", "mask-not-boolean")
def padding_float_mask(lengths, n):
    """Returned 0.0/1.0 floats."""
    lengths = np.asarray(lengths)
    return (np.arange(n)[None, :] < lengths[:, None]).astype(float)


@wrong("padding_mask", "not-array-like")
def padding_without_asarray(lengths, n):
    """Indexed the lengths with [:, None] without converting a list."""
    return np.arange(n)[None, :] < lengths[:, None]


@wrong("padding_mask", "no-value-error")
def padding_no_validation(lengths, n):
    """Accepted lengths longer than n (or negative) silently."""
    lengths = np.asarray(lengths)
    return np.arange(n)[None, :] < lengths[:, None]


# --------------------------------------------------------------------------------------
# masked_softmax
# --------------------------------------------------------------------------------------


@wrong("masked_softmax", "fully-masked-row-uniform")
def masked_softmax_fill_minus_1e9(scores, mask, axis=-1):
    """Filled masked scores with -1e9."""
    z = np.where(mask, np.asarray(scores, dtype=float), -1e9)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("masked_softmax", "fully-masked-row-nan")
def masked_softmax_fill_minus_inf(scores, mask, axis=-1):
    """Filled masked scores with -inf, without a guard for fully masked rows."""
    z = np.where(mask, np.asarray(scores, dtype=float), -np.inf)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("masked_softmax", "mask-after-softmax")
def masked_softmax_mask_after(scores, mask, axis=-1):
    """Took the softmax of every entry, then zeroed the masked ones."""
    z = np.asarray(scores, dtype=float)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True) * mask


@wrong("masked_softmax", "mask-after-softmax-renormalised")
def masked_softmax_mask_after_renormalised(scores, mask, axis=-1):
    """Took the softmax of every entry, zeroed the masked ones and renormalised."""
    z = np.asarray(scores, dtype=float)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    p = e / e.sum(axis=axis, keepdims=True) * mask
    total = p.sum(axis=axis, keepdims=True)
    return p / np.where(total == 0, 1.0, total)


@wrong("masked_softmax", "mask-inverted")
def masked_softmax_inverted(scores, mask, axis=-1):
    """Treated True as 'masked out'."""
    z = np.where(mask, -np.inf, np.asarray(scores, dtype=float))
    m = z.max(axis=axis, keepdims=True)
    e = np.exp(z - np.where(np.isfinite(m), m, 0.0))
    total = e.sum(axis=axis, keepdims=True)
    return e / np.where(total == 0, 1.0, total)


@wrong("masked_softmax", "masked-weight-not-zero")
def masked_softmax_scores_times_mask(scores, mask, axis=-1):
    """Multiplied the scores by the mask."""
    z = np.asarray(scores, dtype=float) * mask
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("masked_softmax", "mask-ignored")
def masked_softmax_plain_softmax(scores, mask, axis=-1):
    """Wrote a plain softmax and forgot the mask."""
    z = np.asarray(scores, dtype=float)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("masked_softmax", "masked-weight-not-zero")
def masked_softmax_fill_minus_1e9_guarded(scores, mask, axis=-1):
    """Filled with -1e9 (in float64) and zeroed empty rows, but -1e9 wins over scores below it."""
    z = np.asarray(scores)
    if z.dtype.kind not in "biuf":
        raise ValueError("scores must be real")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    mask = np.ones(z.shape, bool) if mask is None else np.asarray(mask)
    if mask.dtype != bool or np.broadcast_shapes(mask.shape, z.shape) != z.shape:
        raise ValueError("mask must be boolean and broadcast to the scores")
    z = np.where(mask, z.astype(np.float64), -1e9)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    p = e / e.sum(axis=axis, keepdims=True)
    return (p * np.broadcast_to(mask, z.shape).any(axis=axis, keepdims=True)).astype(dtype)


@wrong("masked_softmax", "masked-weight-not-zero")
def masked_softmax_fill_minus_100(scores, mask, axis=-1):
    """Filled masked scores with -100, which exp does not send to 0."""
    z = np.where(mask, np.asarray(scores, dtype=float), -100.0)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("masked_softmax", "wrong-axis")
def masked_softmax_ignores_axis(scores, mask, axis=-1):
    """Always normalised along the last axis."""
    z = np.where(mask, np.asarray(scores, dtype=float), -np.inf)
    m = z.max(axis=-1, keepdims=True)
    e = np.exp(z - np.where(np.isfinite(m), m, 0.0))
    total = e.sum(axis=-1, keepdims=True)
    return e / np.where(total == 0, 1.0, total)


@wrong("masked_softmax", "missing-keepdims")
def masked_softmax_without_keepdims(scores, mask, axis=-1):
    """Reduced without keepdims, so the max broadcasts against the wrong axis."""
    z = np.where(mask, np.asarray(scores, dtype=float), -np.inf)
    m = z.max(axis=axis)
    e = np.exp(z - np.where(np.isfinite(m), m, 0.0))
    total = e.sum(axis=axis)
    return e / np.where(total == 0, 1.0, total)


@wrong("masked_softmax", "no-max-shift")
def masked_softmax_no_max_shift(scores, mask, axis=-1):
    """Exponentiated the scores without subtracting the maximum."""
    e = np.where(mask, np.exp(np.asarray(scores, dtype=float)), 0.0)
    total = e.sum(axis=axis, keepdims=True)
    return e / np.where(total == 0, 1.0, total)


@wrong("masked_softmax", "global-max-shift")
def masked_softmax_global_max(scores, mask, axis=-1):
    """Subtracted the maximum of the whole array."""
    z = np.where(mask, np.asarray(scores, dtype=float), -np.inf)
    m = z.max()
    e = np.exp(z - (m if np.isfinite(m) else 0.0))
    total = e.sum(axis=axis, keepdims=True)
    return e / np.where(total == 0, 1.0, total)


@wrong("masked_softmax", "global-normalisation")
def masked_softmax_global_sum(scores, mask, axis=-1):
    """Divided by the sum of the whole array."""
    z = np.where(mask, np.asarray(scores, dtype=float), -np.inf)
    m = z.max(axis=axis, keepdims=True)
    e = np.exp(z - np.where(np.isfinite(m), m, 0.0))
    return e / e.sum()


@wrong("masked_softmax", "no-value-error")
def masked_softmax_casts_mask(scores, mask, axis=-1):
    """Cast any mask to bool instead of rejecting numbers."""
    mask = np.ones(1, bool) if mask is None else np.asarray(mask).astype(bool)
    scores = np.asarray(scores)
    if scores.dtype.kind not in "biuf":
        raise ValueError("scores must be real")
    scores = scores if scores.dtype.kind == "f" else scores.astype(np.float64)
    z = np.where(mask, scores, -np.inf)
    m = z.max(axis=axis, keepdims=True)
    e = np.exp(z - np.where(np.isfinite(m), m, 0.0))
    total = e.sum(axis=axis, keepdims=True)
    return e / np.where(total == 0, 1.0, total)


@wrong("masked_softmax", "modified-input")
def masked_softmax_fills_in_place(scores, mask, axis=-1):
    """Wrote -inf into the caller's scores array."""
    z = np.asarray(scores)
    z[~np.broadcast_to(mask, z.shape)] = -np.inf
    m = z.max(axis=axis, keepdims=True)
    e = np.exp(z - np.where(np.isfinite(m), m, 0.0))
    total = e.sum(axis=axis, keepdims=True)
    return e / np.where(total == 0, 1.0, total)


@wrong("masked_softmax", "not-array-like")
def masked_softmax_without_asarray(scores, mask, axis=-1):
    """Called array methods on the mask without converting a list."""
    z = np.where(mask, scores, -np.inf)
    m = z.max(axis=axis, keepdims=True)
    e = np.exp(z - np.where(mask.any(axis=axis, keepdims=True), m, 0.0))
    total = e.sum(axis=axis, keepdims=True)
    return e / np.where(total == 0, 1.0, total)


@wrong("masked_softmax", "wrong-dtype")
def masked_softmax_always_float64(scores, mask, axis=-1):
    """Converted the scores to float64, whatever their dtype."""
    if np.asarray(mask).dtype != bool:
        raise ValueError("mask must be boolean")
    z = np.where(mask, np.asarray(scores, dtype=np.float64), -np.inf)
    m = z.max(axis=axis, keepdims=True)
    e = np.exp(z - np.where(np.isfinite(m), m, 0.0))
    total = e.sum(axis=axis, keepdims=True)
    return e / np.where(total == 0, 1.0, total)


# --------------------------------------------------------------------------------------
# online_softmax
# --------------------------------------------------------------------------------------


@wrong("online_softmax", "online-softmax-rescale")
def online_softmax_no_rescale(z, block_size):
    """Added each block's sum without rescaling the running sum when the max grew."""
    z = np.asarray(z, dtype=float)
    m = np.full(z.shape[:-1] + (1,), -np.inf)
    total = np.zeros(z.shape[:-1] + (1,))
    for start in range(0, z.shape[-1], block_size):
        block = z[..., start : start + block_size]
        m = np.maximum(m, block.max(axis=-1, keepdims=True))
        total = total + np.exp(block - m).sum(axis=-1, keepdims=True)
    return np.exp(z - m) / total


@wrong("online_softmax", "online-softmax-rescale")
def online_softmax_rescale_upside_down(z, block_size):
    """Rescaled the running sum by exp(m_new - m) instead of exp(m - m_new)."""
    z = np.asarray(z, dtype=float)
    m = np.full(z.shape[:-1] + (1,), -np.inf)
    total = np.zeros(z.shape[:-1] + (1,))
    for start in range(0, z.shape[-1], block_size):
        block = z[..., start : start + block_size]
        new_m = np.maximum(m, block.max(axis=-1, keepdims=True))
        factor = np.where(np.isfinite(m), np.exp(new_m - m), 0.0)
        total = total * factor + np.exp(block - new_m).sum(axis=-1, keepdims=True)
        m = new_m
    return np.exp(z - m) / total


@wrong("online_softmax", "blocks-last-partial-block")
def online_softmax_drops_last_block(z, block_size):
    """Stopped the loop before a last, shorter block."""
    z = np.asarray(z, dtype=float)
    n = z.shape[-1]
    m = np.full(z.shape[:-1] + (1,), -np.inf)
    total = np.zeros(z.shape[:-1] + (1,))
    for start in range(0, n - block_size + 1, block_size):
        block = z[..., start : start + block_size]
        new_m = np.maximum(m, block.max(axis=-1, keepdims=True))
        shift = np.where(np.isfinite(new_m), new_m, 0.0)
        total = total * np.exp(m - shift) + np.exp(block - shift).sum(axis=-1, keepdims=True)
        m = new_m
    shift = np.where(np.isfinite(m), m, 0.0)
    return np.exp(z - shift) / np.where(total == 0, 1.0, total)


@wrong("online_softmax", "blocks-last-partial-block")
def online_softmax_whole_blocks_only(z, block_size):
    """Looped over n // block_size blocks and returned only the entries it read."""
    z = np.asarray(z, dtype=float)
    count = z.shape[-1] // block_size
    m = np.full(z.shape[:-1] + (1,), -np.inf)
    total = np.zeros(z.shape[:-1] + (1,))
    for b in range(count):
        block = z[..., b * block_size : (b + 1) * block_size]
        new_m = np.maximum(m, block.max(axis=-1, keepdims=True))
        shift = np.where(np.isfinite(new_m), new_m, 0.0)
        total = total * np.exp(m - shift) + np.exp(block - shift).sum(axis=-1, keepdims=True)
        m = new_m
    shift = np.where(np.isfinite(m), m, 0.0)
    seen = z[..., : count * block_size]
    return np.exp(seen - shift) / np.where(total == 0, 1.0, total)


@wrong("online_softmax", "online-softmax-per-block-normalisation")
def online_softmax_per_block(z, block_size):
    """Took the softmax of every block separately."""
    z = np.asarray(z, dtype=float)
    out = np.zeros_like(z)
    for start in range(0, z.shape[-1], block_size):
        block = z[..., start : start + block_size]
        e = np.exp(block - block.max(axis=-1, keepdims=True))
        out[..., start : start + block_size] = e / e.sum(axis=-1, keepdims=True)
    return out


@wrong("online_softmax", "online-softmax-running-max")
def online_softmax_first_block_max(z, block_size):
    """Fixed the maximum from the first block and never updated it."""
    z = np.asarray(z, dtype=float)
    m = z[..., :block_size].max(axis=-1, keepdims=True)
    total = np.zeros(z.shape[:-1] + (1,))
    for start in range(0, z.shape[-1], block_size):
        total = total + np.exp(z[..., start : start + block_size] - m).sum(axis=-1, keepdims=True)
    return np.exp(z - m) / total


@wrong("online_softmax", "no-max-shift")
def online_softmax_without_max(z, block_size):
    """Streamed plain exponentials without any maximum."""
    z = np.asarray(z, dtype=float)
    total = np.zeros(z.shape[:-1] + (1,))
    for start in range(0, z.shape[-1], block_size):
        total = total + np.exp(z[..., start : start + block_size]).sum(axis=-1, keepdims=True)
    return np.exp(z) / np.where(total == 0, 1.0, total)


@wrong("online_softmax", "blocks-masked-block-running-max")
def online_softmax_no_minus_inf_guard(z, block_size):
    """Did not guard the running max while it is still -inf."""
    z = np.asarray(z, dtype=float)
    m = np.full(z.shape[:-1] + (1,), -np.inf)
    total = np.zeros(z.shape[:-1] + (1,))
    for start in range(0, z.shape[-1], block_size):
        block = z[..., start : start + block_size]
        new_m = np.maximum(m, block.max(axis=-1, keepdims=True))
        total = total * np.exp(m - new_m) + np.exp(block - new_m).sum(axis=-1, keepdims=True)
        m = new_m
    return np.exp(z - m) / total


@wrong("online_softmax", "fully-masked-row-nan")
def online_softmax_divides_by_zero(z, block_size):
    """Guarded the loop, but divided an all -inf row by a zero sum."""
    z = np.asarray(z, dtype=float)
    m = np.full(z.shape[:-1] + (1,), -np.inf)
    total = np.zeros(z.shape[:-1] + (1,))
    for start in range(0, z.shape[-1], block_size):
        block = z[..., start : start + block_size]
        new_m = np.maximum(m, block.max(axis=-1, keepdims=True))
        shift = np.where(np.isfinite(new_m), new_m, 0.0)
        total = total * np.exp(m - shift) + np.exp(block - shift).sum(axis=-1, keepdims=True)
        m = new_m
    return np.exp(z - np.where(np.isfinite(m), m, 0.0)) / total


@wrong("online_softmax", "global-normalisation")
def online_softmax_one_dimensional(z, block_size):
    """Written for a 1-D vector: on a batch, one max and one sum for everything."""
    z = np.asarray(z, dtype=float)
    m, total = -np.inf, 0.0
    for start in range(0, len(z), block_size):
        block = z[start : start + block_size]
        new_m = max(m, block.max())
        shift = new_m if np.isfinite(new_m) else 0.0
        total = total * np.exp(m - shift) + np.exp(block - shift).sum()
        m = new_m
    return np.exp(z - (m if np.isfinite(m) else 0.0)) / (total if total > 0 else 1.0)


@wrong("online_softmax", "no-value-error")
def online_softmax_no_validation(z, block_size):
    """Did not reject a negative block_size (the loop just never runs)."""
    z = np.asarray(z)
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    m = np.full(z.shape[:-1] + (1,), -np.inf, dtype=z.dtype)
    total = np.zeros(z.shape[:-1] + (1,), dtype=z.dtype)
    for start in range(0, z.shape[-1], block_size):
        block = z[..., start : start + block_size]
        new_m = np.maximum(m, block.max(axis=-1, keepdims=True))
        shift = np.where(np.isfinite(new_m), new_m, 0.0)
        total = total * np.exp(m - shift) + np.exp(block - shift).sum(axis=-1, keepdims=True)
        m = new_m
    shift = np.where(np.isfinite(m), m, 0.0)
    return np.exp(z - shift) / np.where(total == 0, 1.0, total)


@wrong("online_softmax", "not-array-like")
def online_softmax_without_asarray(z, block_size):
    """Sliced the input with [..., a:b] without converting a list."""
    if block_size < 1:
        raise ValueError("block_size must be at least 1")
    m = np.full(z.shape[:-1] + (1,), -np.inf, dtype=z.dtype)
    total = np.zeros(z.shape[:-1] + (1,), dtype=z.dtype)
    for start in range(0, z.shape[-1], block_size):
        block = z[..., start : start + block_size]
        new_m = np.maximum(m, block.max(axis=-1, keepdims=True))
        shift = np.where(np.isfinite(new_m), new_m, 0.0)
        total = total * np.exp(m - shift) + np.exp(block - shift).sum(axis=-1, keepdims=True)
        m = new_m
    shift = np.where(np.isfinite(m), m, 0.0)
    return np.exp(z - shift) / np.where(total == 0, 1.0, total)


@wrong("online_softmax", "modified-input")
def online_softmax_shifts_in_place(z, block_size):
    """Subtracted the final maximum from the caller's array in place."""
    if block_size < 1:
        raise ValueError("block_size must be at least 1")
    z = np.asarray(z)
    m = np.full(z.shape[:-1] + (1,), -np.inf)
    total = np.zeros(z.shape[:-1] + (1,))
    for start in range(0, z.shape[-1], block_size):
        block = z[..., start : start + block_size]
        new_m = np.maximum(m, block.max(axis=-1, keepdims=True))
        shift = np.where(np.isfinite(new_m), new_m, 0.0)
        total = total * np.exp(m - shift) + np.exp(block - shift).sum(axis=-1, keepdims=True)
        m = new_m
    z -= np.where(np.isfinite(m), m, 0.0)
    return np.exp(z) / np.where(total == 0, 1.0, total)


@wrong("online_softmax", "wrong-dtype")
def online_softmax_float64_accumulators(z, block_size):
    """Kept float64 running statistics, which turn a float32 result into float64."""
    if block_size < 1:
        raise ValueError("block_size must be at least 1")
    z = np.asarray(z)
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    m = np.full(z.shape[:-1] + (1,), -np.inf)
    total = np.zeros(z.shape[:-1] + (1,))
    for start in range(0, z.shape[-1], block_size):
        block = z[..., start : start + block_size]
        new_m = np.maximum(m, block.max(axis=-1, keepdims=True, initial=-np.inf))
        shift = np.where(np.isfinite(new_m), new_m, 0.0)
        total = total * np.exp(m - shift) + np.exp(block - shift).sum(axis=-1, keepdims=True)
        m = new_m
    shift = np.where(np.isfinite(m), m, 0.0)
    return np.exp(z - shift) / np.where(total == 0, 1.0, total)


# --------------------------------------------------------------------------------------
# tiled_attention
# --------------------------------------------------------------------------------------


@wrong("tiled_attention", "tiled-attention-rescale")
def tiled_no_output_rescale(Q, K, V, block_size, mask=None):
    """Rescaled the running sum but not the output accumulator."""
    Q, K, V = np.asarray(Q, dtype=float), np.asarray(K, dtype=float), np.asarray(V, dtype=float)
    Q = Q / math.sqrt(Q.shape[-1])
    m = np.full(Q.shape[:-1] + (1,), -np.inf)
    total = np.zeros(Q.shape[:-1] + (1,))
    acc = np.zeros(Q.shape[:-1] + (V.shape[-1],))
    for start in range(0, K.shape[-2], block_size):
        s = Q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2)
        if mask is not None:
            s = np.where(np.asarray(mask)[..., start : start + block_size], s, -np.inf)
        new_m = np.maximum(m, s.max(axis=-1, keepdims=True))
        shift = np.where(np.isfinite(new_m), new_m, 0.0)
        p = np.exp(s - shift)
        total = total * np.exp(m - shift) + p.sum(axis=-1, keepdims=True)
        acc = acc + p @ V[..., start : start + block_size, :]
        m = new_m
    return acc / np.where(total == 0, 1.0, total)


@wrong("tiled_attention", "tiled-attention-rescale")
def tiled_no_sum_rescale(Q, K, V, block_size, mask=None):
    """Rescaled the output accumulator but not the running sum."""
    Q, K, V = np.asarray(Q, dtype=float), np.asarray(K, dtype=float), np.asarray(V, dtype=float)
    Q = Q / math.sqrt(Q.shape[-1])
    m = np.full(Q.shape[:-1] + (1,), -np.inf)
    total = np.zeros(Q.shape[:-1] + (1,))
    acc = np.zeros(Q.shape[:-1] + (V.shape[-1],))
    for start in range(0, K.shape[-2], block_size):
        s = Q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2)
        if mask is not None:
            s = np.where(np.asarray(mask)[..., start : start + block_size], s, -np.inf)
        new_m = np.maximum(m, s.max(axis=-1, keepdims=True))
        shift = np.where(np.isfinite(new_m), new_m, 0.0)
        p = np.exp(s - shift)
        total = total + p.sum(axis=-1, keepdims=True)
        acc = acc * np.exp(m - shift) + p @ V[..., start : start + block_size, :]
        m = new_m
    return acc / np.where(total == 0, 1.0, total)


@wrong("tiled_attention", "blocks-last-partial-block")
def tiled_drops_last_block(Q, K, V, block_size, mask=None):
    """Looped over whole blocks only, dropping the last, shorter one."""
    Q, K, V = np.asarray(Q, dtype=float), np.asarray(K, dtype=float), np.asarray(V, dtype=float)
    Q = Q / math.sqrt(Q.shape[-1])
    m = np.full(Q.shape[:-1] + (1,), -np.inf)
    total = np.zeros(Q.shape[:-1] + (1,))
    acc = np.zeros(Q.shape[:-1] + (V.shape[-1],))
    for b in range(K.shape[-2] // block_size):
        start = b * block_size
        s = Q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2)
        if mask is not None:
            s = np.where(np.asarray(mask)[..., start : start + block_size], s, -np.inf)
        new_m = np.maximum(m, s.max(axis=-1, keepdims=True))
        shift = np.where(np.isfinite(new_m), new_m, 0.0)
        p = np.exp(s - shift)
        total = total * np.exp(m - shift) + p.sum(axis=-1, keepdims=True)
        acc = acc * np.exp(m - shift) + p @ V[..., start : start + block_size, :]
        m = new_m
    return acc / np.where(total == 0, 1.0, total)


@wrong("tiled_attention", "tiled-attention-full-score-matrix")
def tiled_computes_full_attention(Q, K, V, block_size, mask=None):
    """Ignored the blocks and computed the whole (n_q, n_k) score matrix."""
    if block_size < 1:
        raise ValueError("block_size must be at least 1")
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    if mask is not None and np.asarray(mask).dtype != bool:
        raise ValueError("mask must be boolean")
    s = Q @ np.swapaxes(K, -1, -2) / math.sqrt(Q.shape[-1])
    if mask is not None:
        s = np.where(mask, s, -np.inf)
    m = s.max(axis=-1, keepdims=True)
    e = np.exp(s - np.where(np.isfinite(m), m, 0.0))
    total = e.sum(axis=-1, keepdims=True)
    return e / np.where(total == 0, 1.0, total) @ V


@wrong("tiled_attention", "tiled-attention-full-score-matrix")
def tiled_collects_block_scores(Q, K, V, block_size, mask=None):
    """Computed the scores block by block, but kept them all and concatenated them."""
    if block_size < 1:
        raise ValueError("block_size must be at least 1")
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    if mask is not None and np.asarray(mask).dtype != bool:
        raise ValueError("mask must be boolean")
    blocks = []
    for start in range(0, K.shape[-2], block_size):
        blocks.append(Q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2))
    s = np.concatenate(blocks, axis=-1) / math.sqrt(Q.shape[-1])
    if mask is not None:
        s = np.where(mask, s, -np.inf)
    m = s.max(axis=-1, keepdims=True)
    e = np.exp(s - np.where(np.isfinite(m), m, 0.0))
    total = e.sum(axis=-1, keepdims=True)
    return e / np.where(total == 0, 1.0, total) @ V


@wrong("tiled_attention", "tiled-attention-output-only")
def tiled_returns_output_and_weights(Q, K, V, block_size, mask=None):
    """Returned (output, weights) like scaled_dot_product_attention."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    s = Q @ np.swapaxes(K, -1, -2) / math.sqrt(Q.shape[-1])
    if mask is not None:
        s = np.where(mask, s, -np.inf)
    m = s.max(axis=-1, keepdims=True)
    e = np.exp(s - np.where(np.isfinite(m), m, 0.0))
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(total == 0, 1.0, total)
    return weights @ V, weights


@wrong("tiled_attention", "attention-no-scaling")
def tiled_without_scaling(Q, K, V, block_size, mask=None):
    """Forgot to divide the block scores by √d_k."""
    Q, K, V = np.asarray(Q, dtype=float), np.asarray(K, dtype=float), np.asarray(V, dtype=float)
    m = np.full(Q.shape[:-1] + (1,), -np.inf)
    total = np.zeros(Q.shape[:-1] + (1,))
    acc = np.zeros(Q.shape[:-1] + (V.shape[-1],))
    for start in range(0, K.shape[-2], block_size):
        s = Q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2)
        if mask is not None:
            s = np.where(np.asarray(mask)[..., start : start + block_size], s, -np.inf)
        new_m = np.maximum(m, s.max(axis=-1, keepdims=True))
        shift = np.where(np.isfinite(new_m), new_m, 0.0)
        p = np.exp(s - shift)
        total = total * np.exp(m - shift) + p.sum(axis=-1, keepdims=True)
        acc = acc * np.exp(m - shift) + p @ V[..., start : start + block_size, :]
        m = new_m
    return acc / np.where(total == 0, 1.0, total)


@wrong("tiled_attention", "attention-keys-as-values")
def tiled_accumulates_keys(Q, K, V, block_size, mask=None):
    """Accumulated the key rows instead of the value rows."""
    Q, K, V = np.asarray(Q, dtype=float), np.asarray(K, dtype=float), np.asarray(V, dtype=float)
    Q = Q / math.sqrt(Q.shape[-1])
    m = np.full(Q.shape[:-1] + (1,), -np.inf)
    total = np.zeros(Q.shape[:-1] + (1,))
    acc = np.zeros(Q.shape[:-1] + (K.shape[-1],))
    for start in range(0, K.shape[-2], block_size):
        s = Q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2)
        if mask is not None:
            s = np.where(np.asarray(mask)[..., start : start + block_size], s, -np.inf)
        new_m = np.maximum(m, s.max(axis=-1, keepdims=True))
        shift = np.where(np.isfinite(new_m), new_m, 0.0)
        p = np.exp(s - shift)
        total = total * np.exp(m - shift) + p.sum(axis=-1, keepdims=True)
        acc = acc * np.exp(m - shift) + p @ K[..., start : start + block_size, :]
        m = new_m
    return acc / np.where(total == 0, 1.0, total)


@wrong("tiled_attention", "fully-masked-row-uniform")
def tiled_fill_minus_1e9(Q, K, V, block_size, mask=None):
    """Filled masked block scores with -1e9."""
    Q, K, V = np.asarray(Q, dtype=float), np.asarray(K, dtype=float), np.asarray(V, dtype=float)
    Q = Q / math.sqrt(Q.shape[-1])
    m = np.full(Q.shape[:-1] + (1,), -np.inf)
    total = np.zeros(Q.shape[:-1] + (1,))
    acc = np.zeros(Q.shape[:-1] + (V.shape[-1],))
    for start in range(0, K.shape[-2], block_size):
        s = Q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2)
        if mask is not None:
            s = np.where(np.asarray(mask)[..., start : start + block_size], s, -1e9)
        new_m = np.maximum(m, s.max(axis=-1, keepdims=True))
        p = np.exp(s - new_m)
        total = total * np.exp(m - new_m) + p.sum(axis=-1, keepdims=True)
        acc = acc * np.exp(m - new_m) + p @ V[..., start : start + block_size, :]
        m = new_m
    return acc / total


@wrong("tiled_attention", "blocks-masked-block-running-max")
def tiled_minus_inf_unguarded(Q, K, V, block_size, mask=None):
    """Filled masked scores with -inf and never guarded a -inf running max."""
    Q, K, V = np.asarray(Q, dtype=float), np.asarray(K, dtype=float), np.asarray(V, dtype=float)
    Q = Q / math.sqrt(Q.shape[-1])
    m = np.full(Q.shape[:-1] + (1,), -np.inf)
    total = np.zeros(Q.shape[:-1] + (1,))
    acc = np.zeros(Q.shape[:-1] + (V.shape[-1],))
    for start in range(0, K.shape[-2], block_size):
        s = Q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2)
        if mask is not None:
            s = np.where(np.asarray(mask)[..., start : start + block_size], s, -np.inf)
        new_m = np.maximum(m, s.max(axis=-1, keepdims=True))
        p = np.exp(s - new_m)
        total = total * np.exp(m - new_m) + p.sum(axis=-1, keepdims=True)
        acc = acc * np.exp(m - new_m) + p @ V[..., start : start + block_size, :]
        m = new_m
    return acc / np.where(total == 0, 1.0, total)


@wrong("tiled_attention", "fully-masked-row-nan")
def tiled_divides_by_zero_sum(Q, K, V, block_size, mask=None):
    """Guarded the running max, but divided a fully masked query by a zero sum."""
    Q, K, V = np.asarray(Q, dtype=float), np.asarray(K, dtype=float), np.asarray(V, dtype=float)
    Q = Q / math.sqrt(Q.shape[-1])
    m = np.full(Q.shape[:-1] + (1,), -np.inf)
    total = np.zeros(Q.shape[:-1] + (1,))
    acc = np.zeros(Q.shape[:-1] + (V.shape[-1],))
    for start in range(0, K.shape[-2], block_size):
        s = Q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2)
        if mask is not None:
            s = np.where(np.asarray(mask)[..., start : start + block_size], s, -np.inf)
        new_m = np.maximum(m, s.max(axis=-1, keepdims=True))
        shift = np.where(np.isfinite(new_m), new_m, 0.0)
        p = np.exp(s - shift)
        total = total * np.exp(m - shift) + p.sum(axis=-1, keepdims=True)
        acc = acc * np.exp(m - shift) + p @ V[..., start : start + block_size, :]
        m = new_m
    return acc / total


@wrong("tiled_attention", "tiled-attention-mask-slice")
def tiled_reuses_first_mask_block(Q, K, V, block_size, mask=None):
    """Applied the mask's first block of columns to every key block."""
    Q, K, V = np.asarray(Q, dtype=float), np.asarray(K, dtype=float), np.asarray(V, dtype=float)
    Q = Q / math.sqrt(Q.shape[-1])
    m = np.full(Q.shape[:-1] + (1,), -np.inf)
    total = np.zeros(Q.shape[:-1] + (1,))
    acc = np.zeros(Q.shape[:-1] + (V.shape[-1],))
    for start in range(0, K.shape[-2], block_size):
        keys = K[..., start : start + block_size, :]
        s = Q @ np.swapaxes(keys, -1, -2)
        if mask is not None:
            s = np.where(np.asarray(mask)[..., : keys.shape[-2]], s, -np.inf)
        new_m = np.maximum(m, s.max(axis=-1, keepdims=True))
        shift = np.where(np.isfinite(new_m), new_m, 0.0)
        p = np.exp(s - shift)
        total = total * np.exp(m - shift) + p.sum(axis=-1, keepdims=True)
        acc = acc * np.exp(m - shift) + p @ V[..., start : start + block_size, :]
        m = new_m
    return acc / np.where(total == 0, 1.0, total)


@wrong("tiled_attention", "mask-ignored")
def tiled_ignores_mask(Q, K, V, block_size, mask=None):
    """Accepted a mask but never applied it to the blocks."""
    Q, K, V = np.asarray(Q, dtype=float), np.asarray(K, dtype=float), np.asarray(V, dtype=float)
    Q = Q / math.sqrt(Q.shape[-1])
    m = np.full(Q.shape[:-1] + (1,), -np.inf)
    total = np.zeros(Q.shape[:-1] + (1,))
    acc = np.zeros(Q.shape[:-1] + (V.shape[-1],))
    for start in range(0, K.shape[-2], block_size):
        s = Q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2)
        new_m = np.maximum(m, s.max(axis=-1, keepdims=True))
        p = np.exp(s - new_m)
        total = total * np.exp(m - new_m) + p.sum(axis=-1, keepdims=True)
        acc = acc * np.exp(m - new_m) + p @ V[..., start : start + block_size, :]
        m = new_m
    return acc / total


@wrong("tiled_attention", "mask-inverted")
def tiled_mask_inverted(Q, K, V, block_size, mask=None):
    """Read True in the mask as 'blocked'."""
    Q, K, V = np.asarray(Q, dtype=float), np.asarray(K, dtype=float), np.asarray(V, dtype=float)
    Q = Q / math.sqrt(Q.shape[-1])
    m = np.full(Q.shape[:-1] + (1,), -np.inf)
    total = np.zeros(Q.shape[:-1] + (1,))
    acc = np.zeros(Q.shape[:-1] + (V.shape[-1],))
    for start in range(0, K.shape[-2], block_size):
        s = Q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2)
        if mask is not None:
            s = np.where(np.asarray(mask)[..., start : start + block_size], -np.inf, s)
        new_m = np.maximum(m, s.max(axis=-1, keepdims=True))
        shift = np.where(np.isfinite(new_m), new_m, 0.0)
        p = np.exp(s - shift)
        total = total * np.exp(m - shift) + p.sum(axis=-1, keepdims=True)
        acc = acc * np.exp(m - shift) + p @ V[..., start : start + block_size, :]
        m = new_m
    return acc / np.where(total == 0, 1.0, total)


@wrong("tiled_attention", "attention-key-transpose")
def tiled_with_dot_T(Q, K, V, block_size, mask=None):
    """Transposed each key block with .T, which breaks on a batch."""
    Q, K, V = np.asarray(Q, dtype=float), np.asarray(K, dtype=float), np.asarray(V, dtype=float)
    Q = Q / math.sqrt(Q.shape[-1])
    m = np.full(Q.shape[:-1] + (1,), -np.inf)
    total = np.zeros(Q.shape[:-1] + (1,))
    acc = np.zeros(Q.shape[:-1] + (V.shape[-1],))
    for start in range(0, K.shape[-2], block_size):
        s = Q @ K[..., start : start + block_size, :].T
        if mask is not None:
            s = np.where(np.asarray(mask)[..., start : start + block_size], s, -np.inf)
        new_m = np.maximum(m, s.max(axis=-1, keepdims=True))
        shift = np.where(np.isfinite(new_m), new_m, 0.0)
        p = np.exp(s - shift)
        total = total * np.exp(m - shift) + p.sum(axis=-1, keepdims=True)
        acc = acc * np.exp(m - shift) + p @ V[..., start : start + block_size, :]
        m = new_m
    return acc / np.where(total == 0, 1.0, total)


@wrong("tiled_attention", "no-max-shift")
def tiled_without_max(Q, K, V, block_size, mask=None):
    """Accumulated plain exponentials of the scores, without a running max."""
    Q, K, V = np.asarray(Q, dtype=float), np.asarray(K, dtype=float), np.asarray(V, dtype=float)
    Q = Q / math.sqrt(Q.shape[-1])
    total = np.zeros(Q.shape[:-1] + (1,))
    acc = np.zeros(Q.shape[:-1] + (V.shape[-1],))
    for start in range(0, K.shape[-2], block_size):
        p = np.exp(Q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2))
        if mask is not None:
            p = np.where(np.asarray(mask)[..., start : start + block_size], p, 0.0)
        total = total + p.sum(axis=-1, keepdims=True)
        acc = acc + p @ V[..., start : start + block_size, :]
    return acc / np.where(total == 0, 1.0, total)


@wrong("tiled_attention", "online-softmax-running-max")
def tiled_first_block_max(Q, K, V, block_size, mask=None):
    """Took the maximum of the first key block and never updated it."""
    Q, K, V = np.asarray(Q, dtype=float), np.asarray(K, dtype=float), np.asarray(V, dtype=float)
    Q = Q / math.sqrt(Q.shape[-1])
    total = np.zeros(Q.shape[:-1] + (1,))
    acc = np.zeros(Q.shape[:-1] + (V.shape[-1],))
    m = None
    for start in range(0, K.shape[-2], block_size):
        s = Q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2)
        if mask is not None:
            s = np.where(np.asarray(mask)[..., start : start + block_size], s, -np.inf)
        if m is None:
            m = s.max(axis=-1, keepdims=True)
            m = np.where(np.isfinite(m), m, 0.0)
        p = np.exp(s - m)
        total = total + p.sum(axis=-1, keepdims=True)
        acc = acc + p @ V[..., start : start + block_size, :]
    return acc / np.where(total == 0, 1.0, total)


@wrong("tiled_attention", "no-value-error")
def tiled_no_validation(Q, K, V, block_size, mask=None):
    """Did not reject a negative block_size: the loop never runs."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    dtype = np.result_type(Q, K, V, np.float16)
    Q = Q / math.sqrt(Q.shape[-1])
    m = np.full(Q.shape[:-1] + (1,), -np.inf, dtype=dtype)
    total = np.zeros(Q.shape[:-1] + (1,), dtype=dtype)
    acc = np.zeros(Q.shape[:-1] + (V.shape[-1],), dtype=dtype)
    if mask is not None:
        mask = np.broadcast_to(mask, Q.shape[:-1] + (K.shape[-2],))
    for start in range(0, K.shape[-2], block_size):
        s = Q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2)
        if mask is not None:
            s = np.where(mask[..., start : start + block_size], s, -np.inf)
        new_m = np.maximum(m, s.max(axis=-1, keepdims=True))
        shift = np.where(np.isfinite(new_m), new_m, 0.0)
        p = np.exp(s - shift)
        total = total * np.exp(m - shift) + p.sum(axis=-1, keepdims=True)
        acc = acc * np.exp(m - shift) + p @ V[..., start : start + block_size, :]
        m = new_m
    return acc / np.where(total == 0, 1.0, total)


@wrong("tiled_attention", "wrong-dtype")
def tiled_float64_accumulators(Q, K, V, block_size, mask=None):
    """Validated everything, but accumulated in float64 whatever the input dtype."""
    if block_size < 1:
        raise ValueError("block_size must be at least 1")
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    if mask is not None:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError("mask must be boolean")
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2])
        mask = np.broadcast_to(mask, batch + (Q.shape[-2], K.shape[-2]))
    Q = Q / math.sqrt(Q.shape[-1])
    m = np.full(Q.shape[:-1] + (1,), -np.inf)
    total = np.zeros(Q.shape[:-1] + (1,))
    acc = np.zeros(Q.shape[:-1] + (V.shape[-1],))
    for start in range(0, K.shape[-2], block_size):
        s = Q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2)
        if mask is not None:
            s = np.where(mask[..., start : start + block_size], s, -np.inf)
        new_m = np.maximum(m, s.max(axis=-1, keepdims=True))
        shift = np.where(np.isfinite(new_m), new_m, 0.0)
        p = np.exp(s - shift)
        total = total * np.exp(m - shift) + p.sum(axis=-1, keepdims=True)
        acc = acc * np.exp(m - shift) + p @ V[..., start : start + block_size, :]
        m = new_m
    return acc / np.where(total == 0, 1.0, total)


# --------------------------------------------------------------------------------------
# More wrong answers, one per gap the checks had
# --------------------------------------------------------------------------------------


@wrong("scaled_dot_product_attention", "max-shift-from-constant")
def attention_max_clipped_at_zero(Q, K, V, mask=None):
    """Shifted by max(row maximum, 0), so scores all far below 0 underflow to zero weights."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ np.swapaxes(K, -1, -2) / math.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    m = np.maximum(scores.max(axis=-1, keepdims=True), 0.0)
    e = np.exp(scores - m)
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(total == 0, 1.0, total)
    return weights @ V, weights


@wrong("scaled_dot_product_attention", "fully-masked-row-nan")
def attention_cleans_weights_after_output(Q, K, V, mask=None):
    """Replaced the NaN weights of fully masked queries by 0, after computing the output."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ np.swapaxes(K, -1, -2) / math.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = e / e.sum(axis=-1, keepdims=True)
    output = weights @ V
    return output, np.nan_to_num(weights)


@wrong("scaled_dot_product_attention", "mask-boolean-indexing")
def attention_boolean_index_mask(Q, K, V, mask=None):
    """Masked with scores[~mask] = -inf, which fails for a mask that only broadcasts."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    scores = Q @ np.swapaxes(K, -1, -2) / math.sqrt(Q.shape[-1])
    if mask is not None:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError("mask must be boolean")
        scores[~mask] = -np.inf
    m = scores.max(axis=-1, keepdims=True)
    e = np.exp(scores - np.where(np.isfinite(m), m, 0.0))
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(total == 0, 1.0, total)
    return weights @ V, weights


@wrong("masked_softmax", "max-shift-from-constant")
def masked_softmax_max_clipped_at_zero(scores, mask, axis=-1):
    """Took max(row maximum, 0) as the shift to avoid a -inf maximum."""
    z = np.where(mask, scores, -np.inf)
    m = np.maximum(np.max(z, axis=axis, keepdims=True), 0.0)
    e = np.exp(z - m)
    total = e.sum(axis=axis, keepdims=True)
    return e / np.where(total == 0, 1.0, total)


@wrong("masked_softmax", "mask-boolean-indexing")
def masked_softmax_boolean_index(scores, mask, axis=-1):
    """Masked with z[~mask] = -inf, which needs a mask of exactly the scores' shape."""
    z = np.array(scores, dtype=float)
    mask = np.asarray(mask)
    if mask.dtype != bool or np.broadcast_shapes(mask.shape, z.shape) != z.shape:
        raise ValueError("mask must be boolean and broadcast to the scores")
    z[~mask] = -np.inf
    m = np.max(z, axis=axis, keepdims=True)
    e = np.exp(z - np.where(np.isfinite(m), m, 0.0))
    total = e.sum(axis=axis, keepdims=True)
    return e / np.where(total == 0, 1.0, total)


@wrong("masked_softmax", "nan-not-propagated")
def masked_softmax_divides_where_positive(scores, mask, axis=-1):
    """Divided only where the total is > 0, so a NaN row silently becomes zeros."""
    scores = np.asarray(scores)
    if scores.dtype.kind not in "biuf":
        raise ValueError("scores must be real")
    mask = np.ones(scores.shape, bool) if mask is None else np.asarray(mask)
    if mask.dtype != bool or np.broadcast_shapes(mask.shape, scores.shape) != scores.shape:
        raise ValueError("mask must be boolean and broadcast to the scores")
    z = np.where(mask, scores, -np.inf)
    m = np.max(z, axis=axis, keepdims=True)
    e = np.exp(z - np.where(m == -np.inf, 0.0, m))
    total = e.sum(axis=axis, keepdims=True)
    out = np.zeros_like(e)
    np.divide(e, total, out=out, where=total > 0)
    return out


@wrong("masked_softmax", "wrong-dtype")
def masked_softmax_zeros_like_scores(scores, mask, axis=-1):
    """Wrote the result into np.zeros_like(scores), which is an integer array for integer scores."""
    scores = np.asarray(scores)
    mask = np.asarray(mask)
    if mask.dtype != bool:
        raise ValueError("mask must be boolean")
    z = np.where(mask, scores, -np.inf)
    m = np.max(z, axis=axis, keepdims=True)
    e = np.exp(z - np.where(m == -np.inf, 0.0, m))
    total = e.sum(axis=axis, keepdims=True)
    out = np.zeros_like(scores)
    out[...] = e / np.where(total == 0, 1.0, total)
    return out


@wrong("online_softmax", "online-softmax-empty-rescale")
def online_softmax_running_max_from_zero(z, block_size):
    """Started the running maximum at 0 instead of -inf."""
    if block_size < 1:
        raise ValueError("block_size must be at least 1")
    z = np.asarray(z, dtype=float)
    m = np.zeros(z.shape[:-1] + (1,))
    total = np.zeros(z.shape[:-1] + (1,))
    for start in range(0, z.shape[-1], block_size):
        block = z[..., start : start + block_size]
        new_m = np.maximum(m, block.max(axis=-1, keepdims=True))
        total = total * np.exp(m - new_m) + np.exp(block - new_m).sum(axis=-1, keepdims=True)
        m = new_m
    return np.exp(z - m) / np.where(total == 0, 1.0, total)


@wrong("online_softmax", "max-shift-from-constant")
def online_softmax_running_max_from_minus_1e9(z, block_size):
    """Started the running maximum at -1e9 ("minus infinity" as a number)."""
    if isinstance(block_size, bool) or not isinstance(block_size, (int, np.integer)):
        raise ValueError("block_size must be an integer")
    if block_size < 1:
        raise ValueError("block_size must be at least 1")
    z = np.asarray(z)
    if z.ndim == 0 or z.dtype.kind not in "biuf":
        raise ValueError("z must be an array of real numbers")
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    m = np.full(z.shape[:-1] + (1,), -1e9, dtype=z.dtype)
    total = np.zeros(z.shape[:-1] + (1,), dtype=z.dtype)
    for start in range(0, z.shape[-1], block_size):
        block = z[..., start : start + block_size]
        new_m = np.maximum(m, block.max(axis=-1, keepdims=True))
        total = total * np.exp(m - new_m) + np.exp(block - new_m).sum(axis=-1, keepdims=True)
        m = new_m
    return np.exp(z - m) / np.where(total == 0, 1.0, total)


@wrong("online_softmax", "no-value-error")
def online_softmax_truncates_block_size(z, block_size):
    """Turned block_size into an int, so 1.5 silently becomes 1."""
    if block_size < 1:
        raise ValueError("block_size must be at least 1")
    block_size = int(block_size)
    z = np.asarray(z)
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.promote_types(dtype, np.float32)
    m = np.full(z.shape[:-1] + (1,), -np.inf, dtype=work)
    total = np.zeros(z.shape[:-1] + (1,), dtype=work)
    with np.errstate(invalid="ignore"):
        for start in range(0, z.shape[-1], block_size):
            block = z[..., start : start + block_size].astype(work)
            new_m = np.maximum(m, block.max(axis=-1, keepdims=True))
            shift = np.where(new_m == -np.inf, 0.0, new_m)
            total = total * np.exp(m - shift) + np.exp(block - shift).sum(axis=-1, keepdims=True)
            m = new_m
        shift = np.where(m == -np.inf, 0.0, m)
        out = np.exp(z.astype(work) - shift) / np.where(total == 0, 1.0, total)
    return out.astype(dtype)


@wrong("tiled_attention", "online-softmax-empty-rescale")
def tiled_running_max_from_zero(Q, K, V, block_size, mask=None):
    """Started each query's running maximum at 0 instead of -inf."""
    if block_size < 1:
        raise ValueError("block_size must be at least 1")
    Q, K, V = np.asarray(Q, dtype=float), np.asarray(K, dtype=float), np.asarray(V, dtype=float)
    if mask is not None:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError("mask must be boolean")
        mask = np.broadcast_to(mask, Q.shape[:-1] + (K.shape[-2],))
    Q = Q / math.sqrt(Q.shape[-1])
    m = np.zeros(Q.shape[:-1] + (1,))
    total = np.zeros(Q.shape[:-1] + (1,))
    acc = np.zeros(Q.shape[:-1] + (V.shape[-1],))
    for start in range(0, K.shape[-2], block_size):
        s = Q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2)
        if mask is not None:
            s = np.where(mask[..., start : start + block_size], s, -np.inf)
        new_m = np.maximum(m, s.max(axis=-1, keepdims=True))
        p = np.exp(s - new_m)
        total = total * np.exp(m - new_m) + p.sum(axis=-1, keepdims=True)
        acc = acc * np.exp(m - new_m) + p @ V[..., start : start + block_size, :]
        m = new_m
    return acc / np.where(total == 0, 1.0, total)


@wrong("tiled_attention", "no-value-error")
def tiled_no_shape_check(Q, K, V, block_size, mask=None):
    """Checked block_size and the mask, but not the shapes: extra rows of V are ignored."""
    if block_size < 1:
        raise ValueError("block_size must be at least 1")
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    V = V[..., : K.shape[-2], :]
    dtype = np.result_type(Q, K, V)
    dtype = dtype if dtype.kind == "f" else np.dtype(np.float64)
    work = np.promote_types(dtype, np.float32)
    if mask is not None:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError("mask must be boolean")
        mask = np.broadcast_to(mask, Q.shape[:-1] + (K.shape[-2],))
    q = Q.astype(work) / math.sqrt(Q.shape[-1])
    m = np.full(Q.shape[:-1] + (1,), -np.inf, dtype=work)
    total = np.zeros(Q.shape[:-1] + (1,), dtype=work)
    acc = np.zeros(Q.shape[:-1] + (V.shape[-1],), dtype=work)
    with np.errstate(invalid="ignore"):
        for start in range(0, min(K.shape[-2], V.shape[-2]), block_size):
            s = q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2).astype(work)
            v = V[..., start : start + block_size, :].astype(work)
            s = s[..., : v.shape[-2]]
            if mask is not None:
                s = np.where(mask[..., start : start + s.shape[-1]], s, -np.inf)
            new_m = np.maximum(m, s.max(axis=-1, keepdims=True))
            shift = np.where(new_m == -np.inf, 0.0, new_m)
            p = np.exp(s - shift)
            total = total * np.exp(m - shift) + p.sum(axis=-1, keepdims=True)
            acc = acc * np.exp(m - shift) + p @ v
            m = new_m
    return (acc / np.where(total == 0, 1.0, total)).astype(dtype)


# --------------------------------------------------------------------------------------
# Issue 6: edges tolerated, valid input refused, silent wrong values on named edges,
# invalid arguments accepted, return types, and a process the output cannot show
# --------------------------------------------------------------------------------------


def _checked_qkv(Q, K, V):
    """What a careful learner writes first: arrays, real, (..., n, d), d_k >= 1."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for array in (Q, K, V):
        if array.ndim < 2 or array.dtype.kind not in "biuf":
            raise ValueError("Q, K and V must be real arrays of shape (..., n, d)")
    if Q.shape[-1] == 0:
        raise ValueError("d_k must be at least 1")
    return Q, K, V


def _checked_block_size(block_size):
    if isinstance(block_size, bool) or not isinstance(block_size, (int, np.integer)):
        raise ValueError("block_size must be an integer")
    if block_size < 1:
        raise ValueError("block_size must be at least 1")


@wrong("scaled_dot_product_attention", "nan-not-propagated")
def attention_nan_to_num_weights(Q, K, V, mask=None):
    """Cleaned the NaN of fully masked rows with nan_to_num, which hides a NaN query too."""
    Q, K, V = _checked_qkv(Q, K, V)
    dtype = np.result_type(Q, K, V, np.float16)
    work = np.promote_types(dtype, np.float32)
    scores = Q.astype(work) @ np.swapaxes(K.astype(work), -1, -2) / math.sqrt(Q.shape[-1])
    if mask is not None:
        mask = np.asarray(mask)
        if mask.dtype != bool or np.broadcast_shapes(mask.shape, scores.shape) != scores.shape:
            raise ValueError("mask must be boolean and broadcast to the scores")
        scores = np.where(mask, scores, -np.inf)
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = np.nan_to_num(e / e.sum(axis=-1, keepdims=True))
    return (weights @ V).astype(dtype), weights.astype(dtype)


@wrong("scaled_dot_product_attention", "raised-error")
def attention_requires_mask(Q, K, V, mask=None):
    """Validated the mask without allowing mask=None: np.asarray(None) has dtype object."""
    Q, K, V = _checked_qkv(Q, K, V)
    mask = np.asarray(mask)
    if mask.dtype != bool:
        raise ValueError("mask must be boolean")
    dtype = np.result_type(Q, K, V, np.float16)
    work = np.promote_types(dtype, np.float32)
    scores = Q.astype(work) @ np.swapaxes(K.astype(work), -1, -2) / math.sqrt(Q.shape[-1])
    scores = np.where(mask, scores, -np.inf)
    m = scores.max(axis=-1, keepdims=True)
    e = np.exp(scores - np.where(m == -np.inf, 0.0, m))
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(total == 0, 1.0, total)
    return (weights @ V).astype(dtype), weights.astype(dtype)


@wrong("scaled_dot_product_attention", "no-value-error")
def attention_accepts_complex(Q, K, V, mask=None):
    """Checked shapes and the mask, but not that the numbers are real."""
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    if min(Q.ndim, K.ndim, V.ndim) < 2 or Q.shape[-1] == 0:
        raise ValueError("Q, K and V must have shape (..., n, d) with d >= 1")
    dtype = np.result_type(Q, K, V, np.float16)
    work = np.promote_types(dtype, np.float32)
    scores = Q.astype(work) @ np.swapaxes(K.astype(work), -1, -2) / math.sqrt(Q.shape[-1])
    if mask is not None:
        mask = np.asarray(mask)
        if mask.dtype != bool or np.broadcast_shapes(mask.shape, scores.shape) != scores.shape:
            raise ValueError("mask must be boolean and broadcast to the scores")
        scores = np.where(mask, scores, -np.inf)
    m = scores.real.max(axis=-1, keepdims=True)
    e = np.exp(scores - np.where(m == -np.inf, 0.0, m))
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(total == 0, 1.0, total)
    return (weights @ V).astype(dtype), weights.astype(dtype)


@wrong("scaled_dot_product_attention", "masking-float16-sum")
def attention_float16_sum(Q, K, V, mask=None):
    """Computed everything in the input's dtype: a float16 sum of 70,000 exps is inf."""
    Q, K, V = _checked_qkv(Q, K, V)
    dtype = np.result_type(Q, K, V, np.float16)
    scores = Q.astype(dtype) @ np.swapaxes(K.astype(dtype), -1, -2) / math.sqrt(Q.shape[-1])
    if mask is not None:
        mask = np.asarray(mask)
        if mask.dtype != bool or np.broadcast_shapes(mask.shape, scores.shape) != scores.shape:
            raise ValueError("mask must be boolean and broadcast to the scores")
        scores = np.where(mask, scores, -np.inf)
    m = scores.max(axis=-1, keepdims=True)
    e = np.exp(scores - np.where(m == -np.inf, 0.0, m))
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(total == 0, 1.0, total)
    return weights @ V.astype(dtype), weights


@wrong("causal_mask", "returned-list")
def causal_nested_list(n):
    """Built the mask as a list of lists."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError("n must be a non-negative integer")
    return [[j <= i for j in range(n)] for i in range(n)]


@wrong("causal_mask", "no-value-error")
def causal_accepts_float_n(n):
    """Rejected a negative n only: n = 2.0 or True still gives a mask."""
    if n < 0:
        raise ValueError("n must be at least 0")
    i = np.arange(n)
    return i[:, None] >= i[None, :]


@wrong("causal_mask", "raised-error")
def causal_python_int_only(n):
    """Accepted Python ints only, so np.int64(3) (from len of an array's shape) is refused."""
    if type(n) is not int or n < 0:
        raise ValueError("n must be a non-negative integer")
    i = np.arange(n)
    return i[:, None] >= i[None, :]


@wrong("causal_mask", "raised-error")
def causal_rejects_zero(n):
    """Refused n = 0, whose mask is simply empty."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n <= 0:
        raise ValueError("n must be a positive integer")
    return np.tril(np.ones((n, n), dtype=bool))


@wrong("padding_mask", "returned-list")
def padding_list_of_lists(lengths, n):
    """Built one Python list per sequence."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError("n must be a non-negative integer")
    return [[t < length for t in range(n)] for length in lengths]


@wrong("padding_mask", "no-value-error")
def padding_float_lengths(lengths, n):
    """Checked n and the range of the lengths, but not that they are integers."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError("n must be a non-negative integer")
    lengths = np.asarray(lengths)
    if lengths.ndim != 1 or np.any(lengths < 0) or np.any(lengths > n):
        raise ValueError("lengths must be 1-D, each between 0 and n")
    return np.arange(n)[None, :] < lengths[:, None]


@wrong("padding_mask", "raised-error")
def padding_rejects_empty_list(lengths, n):
    """Required an integer dtype, which np.asarray([]) (float64) does not have."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError("n must be a non-negative integer")
    lengths = np.asarray(lengths)
    if lengths.ndim != 1 or lengths.dtype.kind not in "iu":
        raise ValueError("lengths must be a 1-D array of integers")
    if np.any(lengths < 0) or np.any(lengths > n):
        raise ValueError("every length must lie between 0 and n")
    return np.arange(n)[None, :] < lengths[:, None]


def _checked_scores(scores, mask):
    """Scores as a real array, its dtype, and the mask validated (None stays None)."""
    scores = np.asarray(scores)
    if scores.dtype.kind not in "biuf":
        raise ValueError("scores must be real")
    dtype = scores.dtype if scores.dtype.kind == "f" else np.dtype(np.float64)
    if mask is not None:
        mask = np.asarray(mask)
        if mask.dtype != bool or np.broadcast_shapes(mask.shape, scores.shape) != scores.shape:
            raise ValueError("mask must be boolean and broadcast to the scores")
    return scores, dtype, mask


@wrong("masked_softmax", "mask-none-not-handled")
def masked_softmax_where_none(scores, mask, axis=-1):
    """Validated a mask only when given, but passed mask=None to np.where (None is False)."""
    scores, dtype, mask = _checked_scores(scores, mask)
    z = np.where(mask, scores.astype(np.promote_types(dtype, np.float32)), -np.inf)
    m = z.max(axis=axis, keepdims=True)
    e = np.exp(z - np.where(m == -np.inf, 0.0, m))
    total = e.sum(axis=axis, keepdims=True)
    return (e / np.where(total == 0, 1.0, total)).astype(dtype)


@wrong("masked_softmax", "mask-none-not-handled")
def masked_softmax_requires_mask(scores, mask, axis=-1):
    """Refused mask=None: np.asarray(None) has dtype object."""
    scores = np.asarray(scores)
    mask = np.asarray(mask)
    if mask.dtype != bool or scores.dtype.kind not in "biuf":
        raise ValueError("mask must be boolean and scores real")
    if np.broadcast_shapes(mask.shape, scores.shape) != scores.shape:
        raise ValueError("mask must broadcast to the scores")
    dtype = scores.dtype if scores.dtype.kind == "f" else np.dtype(np.float64)
    z = np.where(mask, scores.astype(np.promote_types(dtype, np.float32)), -np.inf)
    m = z.max(axis=axis, keepdims=True)
    e = np.exp(z - np.where(m == -np.inf, 0.0, m))
    total = e.sum(axis=axis, keepdims=True)
    return (e / np.where(total == 0, 1.0, total)).astype(dtype)


@wrong("masked_softmax", "masked-score-leaks")
def masked_softmax_additive_mask(scores, mask, axis=-1):
    """Added a -inf bias to masked scores, as transformer code does: inf + (-inf) is NaN."""
    scores, dtype, mask = _checked_scores(scores, mask)
    z = scores.astype(np.promote_types(dtype, np.float32))
    if mask is not None:
        z = z + np.where(mask, 0.0, -np.inf)
    m = z.max(axis=axis, keepdims=True)
    e = np.exp(z - np.where(m == -np.inf, 0.0, m))
    total = e.sum(axis=axis, keepdims=True)
    return (e / np.where(total == 0, 1.0, total)).astype(dtype)


@wrong("masked_softmax", "fully-masked-row-nan")
def masked_softmax_guard_by_mask_any(scores, mask, axis=-1):
    """Guarded rows without an allowed entry by the mask alone, not by -inf scores."""
    scores, dtype, mask = _checked_scores(scores, mask)
    mask = np.ones(scores.shape, bool) if mask is None else np.broadcast_to(mask, scores.shape)
    z = np.where(mask, scores.astype(np.promote_types(dtype, np.float32)), -np.inf)
    m = np.where(mask.any(axis=axis, keepdims=True), z.max(axis=axis, keepdims=True), 0.0)
    e = np.exp(z - m)
    total = e.sum(axis=axis, keepdims=True)
    return (e / np.where(total == 0, 1.0, total)).astype(dtype)


@wrong("masked_softmax", "raised-error")
def masked_softmax_exact_shape_mask(scores, mask, axis=-1):
    """Required the mask to have exactly the scores' shape, refusing a broadcast mask."""
    scores = np.asarray(scores)
    if scores.dtype.kind not in "biuf":
        raise ValueError("scores must be real")
    dtype = scores.dtype if scores.dtype.kind == "f" else np.dtype(np.float64)
    mask = np.ones(scores.shape, bool) if mask is None else np.asarray(mask)
    if mask.dtype != bool or mask.shape != scores.shape:
        raise ValueError("mask must be boolean, of the same shape as the scores")
    z = np.where(mask, scores.astype(np.promote_types(dtype, np.float32)), -np.inf)
    m = z.max(axis=axis, keepdims=True)
    e = np.exp(z - np.where(m == -np.inf, 0.0, m))
    total = e.sum(axis=axis, keepdims=True)
    return (e / np.where(total == 0, 1.0, total)).astype(dtype)


@wrong("masked_softmax", "masking-float16-sum")
def masked_softmax_float16_sum(scores, mask, axis=-1):
    """Computed in the input's dtype: a float16 sum of 70,000 exps is inf."""
    scores, dtype, mask = _checked_scores(scores, mask)
    z = scores.astype(dtype)
    if mask is not None:
        z = np.where(mask, z, -np.inf)
    m = z.max(axis=axis, keepdims=True)
    e = np.exp(z - np.where(m == -np.inf, 0.0, m))
    total = e.sum(axis=axis, keepdims=True)
    return e / np.where(total == 0, 1.0, total)


def _checked_logits(z, block_size):
    _checked_block_size(block_size)
    z = np.asarray(z)
    if z.ndim == 0 or z.dtype.kind not in "biuf":
        raise ValueError("z must be an array of real numbers")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    return z.astype(np.promote_types(dtype, np.float32)), dtype


@wrong("online_softmax", "online-softmax-two-pass")
def online_softmax_two_passes(z, block_size):
    """Streamed the blocks twice: once for the maximum, once for the sum."""
    z, dtype = _checked_logits(z, block_size)
    m = np.full(z.shape[:-1] + (1,), -np.inf, dtype=z.dtype)
    for start in range(0, z.shape[-1], block_size):
        m = np.maximum(m, z[..., start : start + block_size].max(axis=-1, keepdims=True))
    shift = np.where(m == -np.inf, 0.0, m)
    total = np.zeros_like(m)
    for start in range(0, z.shape[-1], block_size):
        total = total + np.exp(z[..., start : start + block_size] - shift).sum(-1, keepdims=True)
    return (np.exp(z - shift) / np.where(total == 0, 1.0, total)).astype(dtype)


@wrong("online_softmax", "online-softmax-two-pass")
def online_softmax_ignores_block_size(z, block_size):
    """Validated block_size, then computed a plain stable softmax of the whole row."""
    z, dtype = _checked_logits(z, block_size)
    m = z.max(axis=-1, keepdims=True, initial=-np.inf)
    e = np.exp(z - np.where(m == -np.inf, 0.0, m))
    total = e.sum(axis=-1, keepdims=True)
    return (e / np.where(total == 0, 1.0, total)).astype(dtype)


def _online(z, block_size):
    """The running max and sum over blocks, guarded while the max is -inf."""
    m = np.full(z.shape[:-1] + (1,), -np.inf, dtype=z.dtype)
    total = np.zeros_like(m)
    for start in range(0, z.shape[-1], block_size):
        block = z[..., start : start + block_size]
        new_m = np.maximum(m, block.max(axis=-1, keepdims=True))
        shift = np.where(new_m == -np.inf, 0.0, new_m)
        total = total * np.exp(m - shift) + np.exp(block - shift).sum(axis=-1, keepdims=True)
        m = new_m
    return np.where(m == -np.inf, 0.0, m), total


@wrong("online_softmax", "no-value-error")
def online_softmax_accepts_bool_block_size(z, block_size):
    """Checked that block_size is an int of at least 1, but True is an int too."""
    if not isinstance(block_size, (int, np.integer)) or block_size < 1:
        raise ValueError("block_size must be an integer of at least 1")
    z = np.asarray(z)
    if z.ndim == 0 or z.dtype.kind not in "biuf":
        raise ValueError("z must be an array of real numbers")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    z = z.astype(np.promote_types(dtype, np.float32))
    shift, total = _online(z, block_size)
    return (np.exp(z - shift) / np.where(total == 0, 1.0, total)).astype(dtype)


@wrong("online_softmax", "raised-error")
def online_softmax_python_int_only(z, block_size):
    """Accepted Python ints only, so a NumPy integer block_size is refused."""
    if type(block_size) is not int or block_size < 1:
        raise ValueError("block_size must be an integer of at least 1")
    z = np.asarray(z)
    if z.ndim == 0 or z.dtype.kind not in "biuf":
        raise ValueError("z must be an array of real numbers")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    z = z.astype(np.promote_types(dtype, np.float32))
    shift, total = _online(z, block_size)
    return (np.exp(z - shift) / np.where(total == 0, 1.0, total)).astype(dtype)


@wrong("online_softmax", "nan-not-propagated")
def online_softmax_nan_to_num(z, block_size):
    """Turned the 0/0 of an all -inf row into 0 with nan_to_num, and a NaN row with it."""
    z, dtype = _checked_logits(z, block_size)
    shift, total = _online(z, block_size)
    return np.nan_to_num(np.exp(z - shift) / total).astype(dtype)


@wrong("online_softmax", "masking-float16-sum")
def online_softmax_float16_sum(z, block_size):
    """Kept the running sum in the input's dtype: in float16 it overflows past 65,504."""
    _checked_block_size(block_size)
    z = np.asarray(z)
    if z.ndim == 0 or z.dtype.kind not in "biuf":
        raise ValueError("z must be an array of real numbers")
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    shift, total = _online(z, block_size)
    return np.exp(z - shift) / np.where(total == 0, 1.0, total)


def _tiled_setup(Q, K, V, block_size, mask):
    """Validated inputs, working dtype, scaled queries and a broadcast mask (or None)."""
    _checked_block_size(block_size)
    Q, K, V = _checked_qkv(Q, K, V)
    dtype = np.result_type(Q, K, V, np.float16)
    work = np.promote_types(dtype, np.float32)
    if mask is not None:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError("mask must be boolean")
        shape = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2]) + (Q.shape[-2], K.shape[-2])
        mask = np.broadcast_to(mask, shape)
    return Q.astype(work) / math.sqrt(Q.shape[-1]), K.astype(work), V.astype(work), mask, dtype


def _tiled_loop(q, K, V, block_size, mask):
    """The running max, sum and accumulator over key blocks."""
    m = np.full(q.shape[:-1] + (1,), -np.inf, dtype=q.dtype)
    total = np.zeros_like(m)
    acc = np.zeros(q.shape[:-1] + (V.shape[-1],), dtype=q.dtype)
    for start in range(0, K.shape[-2], block_size):
        s = q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2)
        if mask is not None:
            s = np.where(mask[..., start : start + block_size], s, -np.inf)
        new_m = np.maximum(m, s.max(axis=-1, keepdims=True))
        shift = np.where(new_m == -np.inf, 0.0, new_m)
        p = np.exp(s - shift)
        rescale = np.exp(m - shift)
        total = total * rescale + p.sum(axis=-1, keepdims=True)
        acc = acc * rescale + p @ V[..., start : start + block_size, :]
        m = new_m
    return acc, total


def _mix(p, V):
    """``p @ V`` in which a key of weight 0 contributes nothing, even when its value is inf/NaN."""
    finite = np.isfinite(V)
    out = p @ np.where(finite, V, 0.0)
    if not finite.all():
        hit = (p > 0).astype(p.dtype)
        pos = hit @ (V == np.inf).astype(p.dtype) > 0
        neg = hit @ (V == -np.inf).astype(p.dtype) > 0
        out = np.where(pos, np.inf, np.where(neg, -np.inf, out))
        out = np.where((hit @ np.isnan(V).astype(p.dtype) > 0) | (pos & neg), np.nan, out)
    return out


@wrong("tiled_attention", "tiled-attention-not-online")
def tiled_one_query_at_a_time(Q, K, V, block_size, mask=None):
    """Never held the (n_q, n_k) matrix, but took each query's whole row of scores at once."""
    q, K, V, mask, dtype = _tiled_setup(Q, K, V, block_size, mask)
    rows = []
    for i in range(q.shape[-2]):
        s = q[..., i : i + 1, :] @ np.swapaxes(K, -1, -2)
        if mask is not None:
            s = np.where(mask[..., i : i + 1, :], s, -np.inf)
        m = s.max(axis=-1, keepdims=True, initial=-np.inf)
        e = np.exp(s - np.where(m == -np.inf, 0.0, m))
        total = e.sum(axis=-1, keepdims=True)
        rows.append(_mix(e / np.where(total == 0, 1.0, total), V))
    shape = np.broadcast_shapes(q.shape[:-2], V.shape[:-2]) + (0, V.shape[-1])
    return np.concatenate(rows, axis=-2).astype(dtype) if rows else np.zeros(shape, dtype)


@wrong("tiled_attention", "tiled-attention-not-online")
def tiled_two_passes(Q, K, V, block_size, mask=None):
    """Went over the key blocks twice: once for each query's maximum, then for sum and output."""
    q, K, V, mask, dtype = _tiled_setup(Q, K, V, block_size, mask)
    m = np.full(q.shape[:-1] + (1,), -np.inf, dtype=q.dtype)
    for start in range(0, K.shape[-2], block_size):
        s = q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2)
        if mask is not None:
            s = np.where(mask[..., start : start + block_size], s, -np.inf)
        m = np.maximum(m, s.max(axis=-1, keepdims=True))
    shift = np.where(m == -np.inf, 0.0, m)
    total = np.zeros_like(m)
    acc = np.zeros(q.shape[:-1] + (V.shape[-1],), dtype=q.dtype)
    for start in range(0, K.shape[-2], block_size):
        s = q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2)
        if mask is not None:
            s = np.where(mask[..., start : start + block_size], s, -np.inf)
        p = np.exp(s - shift)
        total = total + p.sum(axis=-1, keepdims=True)
        acc = acc + _mix(p, V[..., start : start + block_size, :])
    return (acc / np.where(total == 0, 1.0, total)).astype(dtype)


@wrong("tiled_attention", "no-value-error")
def tiled_accepts_bool_block_size(Q, K, V, block_size, mask=None):
    """Checked that block_size is an int of at least 1, but True is an int too."""
    if not isinstance(block_size, (int, np.integer)) or block_size < 1:
        raise ValueError("block_size must be an integer of at least 1")
    q, K, V, mask, dtype = _tiled_setup(Q, K, V, int(block_size), mask)
    acc, total = _tiled_loop(q, K, V, block_size, mask)
    return (acc / np.where(total == 0, 1.0, total)).astype(dtype)


@wrong("tiled_attention", "mask-none-not-handled")
def tiled_mask_none_as_false(Q, K, V, block_size, mask=None):
    """Converted the mask with np.asarray(mask, dtype=bool): None becomes False, all masked."""
    q, K, V, _, dtype = _tiled_setup(Q, K, V, block_size, None)
    mask = np.broadcast_to(np.asarray(mask, dtype=bool), q.shape[:-1] + (K.shape[-2],))
    acc, total = _tiled_loop(q, K, V, block_size, mask)
    return (acc / np.where(total == 0, 1.0, total)).astype(dtype)


@wrong("tiled_attention", "nan-not-propagated")
def tiled_nan_to_num(Q, K, V, block_size, mask=None):
    """Cleaned the 0/0 of fully masked queries with nan_to_num, hiding a NaN query too."""
    q, K, V, mask, dtype = _tiled_setup(Q, K, V, block_size, mask)
    acc, total = _tiled_loop(q, K, V, block_size, mask)
    return np.nan_to_num(acc / total).astype(dtype)


@wrong("tiled_attention", "masking-float16-sum")
def tiled_float16_sum(Q, K, V, block_size, mask=None):
    """Kept the running sum and accumulator in the input's dtype (float16 overflows)."""
    _checked_block_size(block_size)
    Q, K, V = _checked_qkv(Q, K, V)
    dtype = np.result_type(Q, K, V, np.float16)
    if mask is not None:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError("mask must be boolean")
        mask = np.broadcast_to(mask, Q.shape[:-1] + (K.shape[-2],))
    q = Q.astype(dtype) / math.sqrt(Q.shape[-1])
    acc, total = _tiled_loop(q, K.astype(dtype), V.astype(dtype), block_size, mask)
    return acc / np.where(total == 0, 1.0, total)


# A masked key's value must not reach the output, even inf or NaN (0 * inf is NaN).


@wrong("scaled_dot_product_attention", "masked-value-leaks")
def attention_weights_times_values(Q, K, V, mask=None):
    """Masked correctly, then `weights @ V`: a masked key holding inf gives 0 * inf = NaN."""
    Q, K, V = _checked_qkv(Q, K, V)
    dtype = np.result_type(Q, K, V, np.float16)
    work = np.promote_types(dtype, np.float32)
    scores = Q.astype(work) @ np.swapaxes(K.astype(work), -1, -2) / math.sqrt(Q.shape[-1])
    if mask is not None:
        mask = np.asarray(mask)
        if mask.dtype != bool or np.broadcast_shapes(mask.shape, scores.shape) != scores.shape:
            raise ValueError("mask must be boolean and broadcast to the scores")
        scores = np.where(mask, scores, -np.inf)
    m = scores.max(axis=-1, keepdims=True)
    e = np.exp(scores - np.where(m == -np.inf, 0.0, m))
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(total == 0, 1.0, total)
    return (weights @ V.astype(work)).astype(dtype), weights.astype(dtype)


@wrong("tiled_attention", "masked-value-leaks")
def tiled_weights_times_values(Q, K, V, block_size, mask=None):
    """Folded `p @ V_block` into the accumulator: a masked inf gives 0 * inf = NaN."""
    q, K, V, mask, dtype = _tiled_setup(Q, K, V, block_size, mask)
    acc, total = _tiled_loop(q, K, V, block_size, mask)
    return (acc / np.where(total == 0, 1.0, total)).astype(dtype)


# --------------------------------------------------------------------------------------
# The process seen through any route to an exponential: blocks larger than block_size,
# two passes in other styles, and correct single passes in other styles
# --------------------------------------------------------------------------------------


@wrong("online_softmax", "blocks-larger-than-block-size")
def online_softmax_array_split(z, block_size):
    """Cut the row with np.array_split(z, block_size): block_size pieces, not blocks of it."""
    z, dtype = _checked_logits(z, block_size)
    m = np.full(z.shape[:-1] + (1,), -np.inf, dtype=z.dtype)
    total = np.zeros_like(m)
    for block in np.array_split(z, block_size, axis=-1):
        new_m = np.maximum(m, block.max(axis=-1, keepdims=True, initial=-np.inf))
        shift = np.where(new_m == -np.inf, 0.0, new_m)
        total = total * np.exp(m - shift) + np.exp(block - shift).sum(axis=-1, keepdims=True)
        m = new_m
    shift = np.where(m == -np.inf, 0.0, m)
    return (np.exp(z - shift) / np.where(total == 0, 1.0, total)).astype(dtype)


@wrong("online_softmax", "online-softmax-two-pass")
def online_softmax_e_power_two_pass(z, block_size):
    """A first pass over the blocks for the maximum, then powers of np.e relative to it."""
    z, dtype = _checked_logits(z, block_size)
    m = np.full(z.shape[:-1] + (1,), -np.inf, dtype=z.dtype)
    for start in range(0, z.shape[-1], block_size):
        m = np.maximum(m, z[..., start : start + block_size].max(axis=-1, keepdims=True))
    e = np.e ** (z - np.where(m == -np.inf, 0.0, m))
    total = e.sum(axis=-1, keepdims=True)
    return (e / np.where(total == 0, 1.0, total)).astype(dtype)


@wrong("online_softmax", "online-softmax-two-pass")
def online_softmax_scipy_whole_row(z, block_size):
    """Checked block_size, then handed the whole row to scipy.special.softmax."""
    z, dtype = _checked_logits(z, block_size)
    dead = (z == -np.inf).all(axis=-1, keepdims=True)
    p = scipy_softmax(np.where(dead, 0.0, z), axis=-1)
    return np.where(dead, 0.0, p).astype(dtype)


@wrong("online_softmax", "online-softmax-two-pass")
def online_softmax_logaddexp_whole_row(z, block_size):
    """The log-sum-exp of the whole row by np.logaddexp.reduce, then exp(z - lse)."""
    z, dtype = _checked_logits(z, block_size)
    lse = np.logaddexp.reduce(z, axis=-1, keepdims=True)
    p = np.exp(z - np.where(lse == -np.inf, 0.0, lse))
    return p.astype(dtype)


@right("online_softmax")
def online_softmax_one_entry_at_a_time(z, block_size):
    """Milakov & Gimelshein's loop with math.exp, entry by entry within each block."""
    z, dtype = _checked_logits(z, block_size)
    rows = z.reshape(math.prod(z.shape[:-1]), z.shape[-1]).astype(np.float64)
    out = np.empty_like(rows)
    for r, row in enumerate(rows):
        m, total = -math.inf, 0.0
        for start in range(0, row.size, block_size):
            for x in row[start : start + block_size].tolist():
                if x == -math.inf:
                    continue  # weight 0, and nothing to update
                if x > m:  # a new maximum: rescale what was summed relative to the old one
                    total = (total * math.exp(m - x) if m > -math.inf else 0.0) + 1.0
                    m = x
                else:  # includes NaN (x > m is False), which makes the sum NaN
                    total += math.exp(x - m)
        if m == -math.inf:
            out[r] = 0.0
        else:
            out[r] = [math.exp(x - m) / total for x in row.tolist()]
    return out.reshape(z.shape).astype(dtype)


def _lse_stream(z, block_size, block_lse):
    """The running log-sum-exp of each row, one block at a time."""
    lse = np.full(z.shape[:-1] + (1,), -np.inf, dtype=z.dtype)
    for start in range(0, z.shape[-1], block_size):
        lse = np.logaddexp(lse, block_lse(z[..., start : start + block_size]))
    return lse


def _softmax_from_lse(z, lse):
    """exp(z - lse): zeros for a row of only -inf, NaN for a row whose lse is NaN."""
    with np.errstate(invalid="ignore"):
        p = np.exp(z - np.where(lse == -np.inf, 0.0, lse))
    return np.where(np.isnan(lse), np.nan, p)


@right("online_softmax")
def online_softmax_running_logsumexp(z, block_size):
    """A running log-sum-exp with np.logaddexp, then exp(z - lse) at the end."""
    z, dtype = _checked_logits(z, block_size)
    lse = _lse_stream(z, block_size, lambda b: np.logaddexp.reduce(b, axis=-1, keepdims=True))
    return _softmax_from_lse(z, lse).astype(dtype)


@right("online_softmax")
def online_softmax_scipy_blocks(z, block_size):
    """scipy.special.logsumexp of each block, folded into a running one with np.logaddexp."""
    z, dtype = _checked_logits(z, block_size)
    with np.errstate(divide="ignore"):
        lse = _lse_stream(z, block_size, lambda b: scipy_logsumexp(b, axis=-1, keepdims=True))
    return _softmax_from_lse(z, lse).astype(dtype)


@right("online_softmax")
def online_softmax_base_two(z, block_size):
    """The online normaliser in base 2: exp2 of z · log2(e), a running max and a running sum."""
    z, dtype = _checked_logits(z, block_size)
    y = z * np.log2(np.e).astype(z.dtype)
    m = np.full(y.shape[:-1] + (1,), -np.inf, dtype=y.dtype)
    total = np.zeros_like(m)
    with np.errstate(invalid="ignore"):
        for start in range(0, y.shape[-1], block_size):
            block = y[..., start : start + block_size]
            new_m = np.maximum(m, block.max(axis=-1, keepdims=True))
            shift = np.where(new_m == -np.inf, 0.0, new_m)
            total = total * np.exp2(m - shift) + np.exp2(block - shift).sum(-1, keepdims=True)
            m = new_m
        p = np.exp2(y - np.where(m == -np.inf, 0.0, m)) / np.where(total == 0, 1.0, total)
    return p.astype(dtype)


def _tiled_inputs(Q, K, V, block_size, mask):
    """As ``_tiled_setup``, with every shape checked and integers promoted to float64."""
    given = np.result_type(np.asarray(Q), np.asarray(K), np.asarray(V))
    q, K, V, mask, dtype = _tiled_setup(Q, K, V, block_size, mask)
    if K.shape[-2] != V.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        np.broadcast_shapes(q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    if given.kind != "f":
        dtype = np.dtype(np.float64)
        q, K, V = q.astype(dtype), K.astype(dtype), V.astype(dtype)
    return q, K, V, mask, dtype


def _tiled_blocks(q, K, V, mask, blocks, exp=None):
    """The running max, sum and accumulator over the given blocks of key indices."""
    exp = exp or np.exp  # looked up at call time, as a learner's code does
    m = np.full(q.shape[:-1] + (1,), -np.inf, dtype=q.dtype)
    total = np.zeros_like(m)
    acc = np.zeros(q.shape[:-1] + (V.shape[-1],), dtype=q.dtype)
    for keys in blocks:
        s = q @ np.swapaxes(K[..., keys, :], -1, -2)
        if mask is not None:
            s = np.where(mask[..., keys], s, -np.inf)
        new_m = np.maximum(m, s.max(axis=-1, keepdims=True, initial=-np.inf))
        shift = np.where(new_m == -np.inf, 0.0, new_m)
        p = exp(s - shift)
        rescale = exp(m - shift)
        total = total * rescale + p.sum(axis=-1, keepdims=True)
        acc = acc * rescale + _mix(p, V[..., keys, :])
        m = new_m
    return (acc / np.where(total == 0, 1.0, total)).astype(q.dtype)


@wrong("tiled_attention", "blocks-larger-than-block-size")
def tiled_array_split(Q, K, V, block_size, mask=None):
    """Cut the keys with np.array_split into block_size pieces instead of blocks of it."""
    q, K, V, mask, dtype = _tiled_inputs(Q, K, V, block_size, mask)
    blocks = np.array_split(np.arange(K.shape[-2]), block_size)
    return _tiled_blocks(q, K, V, mask, blocks).astype(dtype)


@wrong("tiled_attention", "tiled-attention-not-online")
def tiled_e_power_two_passes(Q, K, V, block_size, mask=None):
    """A first pass over the key blocks for each query's maximum, then powers of np.e."""
    q, K, V, mask, dtype = _tiled_inputs(Q, K, V, block_size, mask)
    n_k = K.shape[-2]
    m = np.full(q.shape[:-1] + (1,), -np.inf, dtype=q.dtype)
    for start in range(0, n_k, block_size):
        s = q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2)
        if mask is not None:
            s = np.where(mask[..., start : start + block_size], s, -np.inf)
        m = np.maximum(m, s.max(axis=-1, keepdims=True))
    shift = np.where(m == -np.inf, 0.0, m)
    total = np.zeros_like(m)
    acc = np.zeros(q.shape[:-1] + (V.shape[-1],), dtype=q.dtype)
    for start in range(0, n_k, block_size):
        s = q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2)
        if mask is not None:
            s = np.where(mask[..., start : start + block_size], s, -np.inf)
        p = np.e ** (s - shift)
        total = total + p.sum(axis=-1, keepdims=True)
        acc = acc + _mix(p, V[..., start : start + block_size, :])
    return (acc / np.where(total == 0, 1.0, total)).astype(dtype)


@right("tiled_attention")
def tiled_attention_powers_of_e(Q, K, V, block_size, mask=None):
    """The running max, sum and accumulator, with np.e ** x for the exponentials."""
    q, K, V, mask, dtype = _tiled_inputs(Q, K, V, block_size, mask)
    n_k = K.shape[-2]
    blocks = [np.arange(s, min(s + block_size, n_k)) for s in range(0, n_k, block_size)]
    with np.errstate(invalid="ignore"):
        out = _tiled_blocks(q, K, V, mask, blocks, exp=lambda x: np.e**x)
    return out.astype(dtype)


@right("tiled_attention")
def tiled_attention_running_logsumexp(Q, K, V, block_size, mask=None):
    """Keeps each query's running log-sum-exp and an output already normalised by it."""
    q, K, V, mask, dtype = _tiled_inputs(Q, K, V, block_size, mask)
    lse = np.full(q.shape[:-1] + (1,), -np.inf, dtype=q.dtype)
    out = np.zeros(q.shape[:-1] + (V.shape[-1],), dtype=q.dtype)
    with np.errstate(invalid="ignore"):
        for start in range(0, K.shape[-2], block_size):
            s = q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2)
            if mask is not None:
                s = np.where(mask[..., start : start + block_size], s, -np.inf)
            new_lse = np.logaddexp(lse, np.logaddexp.reduce(s, axis=-1, keepdims=True))
            shift = np.where(new_lse == -np.inf, 0.0, new_lse)
            # What was normalised by the old lse is renormalised by the new one.
            out = out * np.exp(lse - shift) + _mix(
                np.exp(s - shift), V[..., start : start + block_size, :]
            )
            lse = new_lse
    return np.where(np.isnan(lse), np.nan, out).astype(dtype)


@wrong("tiled_attention", "tiled-attention-full-score-matrix")
def tiled_full_mask_bias(Q, K, V, block_size, mask=None):
    """Streamed the key blocks, but first turned the mask into a full (n_q, n_k) -inf bias."""
    q, K, V, mask, dtype = _tiled_inputs(Q, K, V, block_size, mask)
    bias = None if mask is None else np.where(mask, 0.0, -np.inf)
    m = np.full(q.shape[:-1] + (1,), -np.inf, dtype=q.dtype)
    total = np.zeros_like(m)
    acc = np.zeros(q.shape[:-1] + (V.shape[-1],), dtype=q.dtype)
    for start in range(0, K.shape[-2], block_size):
        s = q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2)
        if bias is not None:
            s = np.where(bias[..., start : start + block_size] == 0.0, s, -np.inf)
        new_m = np.maximum(m, s.max(axis=-1, keepdims=True))
        shift = np.where(new_m == -np.inf, 0.0, new_m)
        p = np.exp(s - shift)
        rescale = np.exp(m - shift)
        total = total * rescale + p.sum(axis=-1, keepdims=True)
        acc = acc * rescale + _mix(p, V[..., start : start + block_size, :])
        m = new_m
    return (acc / np.where(total == 0, 1.0, total)).astype(dtype)


@wrong("scaled_dot_product_attention", "attention-batch-mixed")
def attention_first_member_keys(Q, K, V, mask=None):
    """Took the keys of the first batch member for every member (K flattened to 2-D)."""
    q, K, V, mask, dtype = _tiled_inputs(Q, K, V, 1, mask)  # (validation; block_size unused)
    keys = K.reshape((-1,) + K.shape[-2:])[0] if K.ndim > 2 and K.size else K
    batch = np.broadcast_shapes(q.shape[:-2], K.shape[:-2], V.shape[:-2])
    s = np.broadcast_to(q @ keys.T, batch + (q.shape[-2], K.shape[-2]))
    allowed = (s != -np.inf) if mask is None else mask & (s != -np.inf)
    top = np.max(np.where(allowed, s, -np.inf), axis=-1, keepdims=True, initial=-np.inf)
    with np.errstate(invalid="ignore"):
        e = np.exp(np.where(allowed, s - np.where(top == -np.inf, 0.0, top), -np.inf))
    total = e.sum(axis=-1, keepdims=True)
    w = e / np.where(total == 0, 1.0, total)
    return _mix(w, V).astype(dtype), w.astype(dtype)


@wrong("online_softmax", "online-softmax-two-pass")
def online_softmax_exp_as_default_argument(z, block_size, exp=np.exp):
    """Two passes, with np.exp held in a default argument rather than looked up."""
    z, dtype = _checked_logits(z, block_size)
    m = np.full(z.shape[:-1] + (1,), -np.inf, dtype=z.dtype)
    for start in range(0, z.shape[-1], block_size):
        m = np.maximum(m, z[..., start : start + block_size].max(axis=-1, keepdims=True))
    e = exp(z - np.where(m == -np.inf, 0.0, m))
    total = e.sum(axis=-1, keepdims=True)
    return (e / np.where(total == 0, 1.0, total)).astype(dtype)


def _two_pass_tiled(exp):
    """A tiled_attention that finds each query's maximum first, exponentiating with ``exp``."""

    def tiled_attention(Q, K, V, block_size, mask=None):
        q, K, V, mask, dtype = _tiled_inputs(Q, K, V, block_size, mask)
        n_k = K.shape[-2]
        blocks = [np.arange(s, min(s + block_size, n_k)) for s in range(0, n_k, block_size)]
        m = np.full(q.shape[:-1] + (1,), -np.inf, dtype=q.dtype)
        for keys in blocks:
            s = q @ np.swapaxes(K[..., keys, :], -1, -2)
            if mask is not None:
                s = np.where(mask[..., keys], s, -np.inf)
            m = np.maximum(m, s.max(axis=-1, keepdims=True))
        shift = np.where(m == -np.inf, 0.0, m)
        total = np.zeros_like(m)
        acc = np.zeros(q.shape[:-1] + (V.shape[-1],), dtype=q.dtype)
        for keys in blocks:
            s = q @ np.swapaxes(K[..., keys, :], -1, -2)
            if mask is not None:
                s = np.where(mask[..., keys], s, -np.inf)
            with np.errstate(over="ignore"):
                p = exp(s - shift)
            total = total + p.sum(axis=-1, keepdims=True)
            acc = acc + _mix(p, V[..., keys, :])
        return (acc / np.where(total == 0, 1.0, total)).astype(dtype)

    return tiled_attention


#: Two passes, each weight written as 1 / exp(m - s); np.exp held in a closure.
tiled_two_passes_reciprocal = wrong("tiled_attention", "tiled-attention-not-online")(
    _two_pass_tiled(lambda x: 1.0 / np.exp(-x))
)
#: Two passes, with np.exp itself held in the closure of a function factory.
tiled_two_passes_closure = wrong("tiled_attention", "tiled-attention-not-online")(
    _two_pass_tiled(np.exp)
)


def _finite_only(p, V):
    """``p @ V`` over the finite values only: a masked inf stays out, but so does an allowed one."""
    return p @ np.where(np.isfinite(V), V, 0.0)


@wrong("tiled_attention", "allowed-value-dropped")
def tiled_finite_values_only(Q, K, V, block_size, mask=None):
    """Kept every non-finite value out of the accumulator and never put back the allowed ones."""
    q, K, V, mask, dtype = _tiled_inputs(Q, K, V, block_size, mask)
    m = np.full(q.shape[:-1] + (1,), -np.inf, dtype=q.dtype)
    total = np.zeros_like(m)
    acc = np.zeros(q.shape[:-1] + (V.shape[-1],), dtype=q.dtype)
    for start in range(0, K.shape[-2], block_size):
        s = q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2)
        if mask is not None:
            s = np.where(mask[..., start : start + block_size], s, -np.inf)
        new_m = np.maximum(m, s.max(axis=-1, keepdims=True))
        shift = np.where(new_m == -np.inf, 0.0, new_m)
        p = np.exp(s - shift)
        rescale = np.exp(m - shift)
        total = total * rescale + p.sum(axis=-1, keepdims=True)
        acc = acc * rescale + _finite_only(p, V[..., start : start + block_size, :])
        m = new_m
    return (acc / np.where(total == 0, 1.0, total)).astype(dtype)


@wrong("scaled_dot_product_attention", "allowed-value-dropped")
def attention_finite_values_only(Q, K, V, mask=None):
    """Multiplied the finite values only, so an allowed key's inf or NaN never arrives."""
    q, K, V, mask, dtype = _tiled_inputs(Q, K, V, 1, mask)  # (validation; block_size unused)
    batch = np.broadcast_shapes(q.shape[:-2], K.shape[:-2], V.shape[:-2])
    s = np.broadcast_to(q @ np.swapaxes(K, -1, -2), batch + (q.shape[-2], K.shape[-2]))
    allowed = (s != -np.inf) if mask is None else mask & (s != -np.inf)
    top = np.max(np.where(allowed, s, -np.inf), axis=-1, keepdims=True, initial=-np.inf)
    with np.errstate(invalid="ignore"):
        e = np.exp(np.where(allowed, s - np.where(top == -np.inf, 0.0, top), -np.inf))
    total = e.sum(axis=-1, keepdims=True)
    w = e / np.where(total == 0, 1.0, total)
    return _finite_only(w, V).astype(dtype), w.astype(dtype)


@wrong("tiled_attention", "mask-after-softmax-renormalised")
def tiled_block_max_before_mask(Q, K, V, block_size, mask=None):
    """Took each block's maximum over all its scores, masked ones included, then masked."""
    q, K, V, mask, dtype = _tiled_inputs(Q, K, V, block_size, mask)
    m = np.full(q.shape[:-1] + (1,), -np.inf, dtype=q.dtype)
    total = np.zeros_like(m)
    acc = np.zeros(q.shape[:-1] + (V.shape[-1],), dtype=q.dtype)
    for start in range(0, K.shape[-2], block_size):
        s = q @ np.swapaxes(K[..., start : start + block_size, :], -1, -2)
        new_m = np.maximum(m, s.max(axis=-1, keepdims=True))
        if mask is not None:
            s = np.where(mask[..., start : start + block_size], s, -np.inf)
        shift = np.where(new_m == -np.inf, 0.0, new_m)
        p = np.exp(s - shift)
        rescale = np.exp(m - shift)
        total = total * rescale + p.sum(axis=-1, keepdims=True)
        acc = acc * rescale + _mix(p, V[..., start : start + block_size, :])
        m = new_m
    return (acc / np.where(total == 0, 1.0, total)).astype(dtype)


@wrong("tiled_attention", "mask-boolean-indexing")
def tiled_mask_sliced_unbroadcast(Q, K, V, block_size, mask=None):
    """Sliced the mask's columns as given, so a mask of shape (n_q, 1) has none to slice."""
    q, K, V, _, dtype = _tiled_inputs(Q, K, V, block_size, None)
    if mask is not None:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError("mask must be boolean")
        shape = np.broadcast_shapes(q.shape[:-2], K.shape[:-2]) + (q.shape[-2], K.shape[-2])
        try:
            if np.broadcast_shapes(mask.shape, shape) != shape:
                raise ValueError("mask does not broadcast to the scores")
        except ValueError:
            raise ValueError("mask does not broadcast to the scores") from None
    n_k = K.shape[-2]
    blocks = [np.arange(s, min(s + block_size, n_k)) for s in range(0, n_k, block_size)]
    if mask is None:
        return _tiled_blocks(q, K, V, None, blocks).astype(dtype)
    m = np.full(q.shape[:-1] + (1,), -np.inf, dtype=q.dtype)
    total = np.zeros_like(m)
    acc = np.zeros(q.shape[:-1] + (V.shape[-1],), dtype=q.dtype)
    for keys in blocks:
        s = q @ np.swapaxes(K[..., keys, :], -1, -2)
        s = np.where(mask[..., keys[0] : keys[-1] + 1], s, -np.inf)
        new_m = np.maximum(m, s.max(axis=-1, keepdims=True))
        shift = np.where(new_m == -np.inf, 0.0, new_m)
        p = np.exp(s - shift)
        rescale = np.exp(m - shift)
        total = total * rescale + p.sum(axis=-1, keepdims=True)
        acc = acc * rescale + _mix(p, V[..., keys, :])
        m = new_m
    return (acc / np.where(total == 0, 1.0, total)).astype(dtype)
