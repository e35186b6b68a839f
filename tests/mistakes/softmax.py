"""Known-wrong answers to notebook ``02_softmax`` (``softmax``, ``sigmoid`` and ``soft_argmax``).

The wrong ``soft_argmax`` answers compute their softmax inline, as the reference does: each
must run on its own, pasted into a notebook in place of the answer.
"""

import math

import numpy as np

from tests.mistakes import wrong

# --- softmax ----------------------------------------------------------------------------


@wrong("softmax", "global-normalisation")
def softmax_global_sum(z, axis=-1):
    """Divided by the sum of all exponentials in the array, not per slice."""
    e = np.exp(np.asarray(z))
    return e / e.sum()


@wrong("softmax", "wrong-axis")
def softmax_axis_zero(z, axis=-1):
    """Normalised along axis 0 whatever `axis` says."""
    e = np.exp(np.asarray(z))
    return e / e.sum(axis=0, keepdims=True)


@wrong("softmax", "wrong-axis")
def softmax_ignores_axis(z, axis=-1):
    """Always normalised along the last axis, ignoring the `axis` argument."""
    e = np.exp(np.asarray(z))
    return e / e.sum(axis=-1, keepdims=True)


@wrong("softmax", "wrong-axis")
def softmax_hardcoded_axis_one(z, axis=-1):
    """Wrote axis=1 (the last axis of a 2-D batch) instead of using `axis`."""
    e = np.exp(np.asarray(z))
    return e / e.sum(axis=1, keepdims=True)


@wrong("softmax", "missing-keepdims")
def softmax_no_keepdims(z, axis=-1):
    """Summed without keepdims, so the sums broadcast against the wrong axis."""
    e = np.exp(np.asarray(z))
    return e / e.sum(axis=axis)


@wrong("softmax", "missing-keepdims")
def softmax_shift_without_keepdims(z, axis=-1):
    """Subtracted the max without keepdims, so each column got another row's max."""
    z = np.asarray(z)
    e = np.exp(z - np.max(z, axis=axis))
    return e / np.sum(e, axis=axis, keepdims=True)


@wrong("softmax", "softmax-missing-exp")
def softmax_without_exp(z, axis=-1):
    """Normalised the logits themselves, without exponentiating."""
    z = np.asarray(z, dtype=float)
    return z / z.sum(axis=axis, keepdims=True)


@wrong("softmax", "softmax-divided-by-max")
def softmax_divided_by_max(z, axis=-1):
    """Divided the exponentials by their maximum instead of their sum."""
    e = np.exp(np.asarray(z))
    return e / e.max(axis=axis, keepdims=True)


@wrong("softmax", "softmax-divided-by-max")
def softmax_shift_but_no_division(z, axis=-1):
    """Subtracted the max and exponentiated, then forgot to divide by the sum."""
    z = np.asarray(z)
    return np.exp(z - z.max(axis=axis, keepdims=True))


@wrong("softmax", "softmax-divided-by-sum-of-logits")
def softmax_sum_of_logits(z, axis=-1):
    """Divided the exponentials by np.sum(z), the sum of the logits."""
    z = np.asarray(z)
    return np.exp(z) / np.sum(z)


@wrong("softmax", "softmax-divided-by-sum-of-logits")
def softmax_row_sum_of_logits(z, axis=-1):
    """Divided the exponentials by the per-slice sum of the logits."""
    z = np.asarray(z)
    return np.exp(z) / np.sum(z, axis=axis, keepdims=True)


@wrong("softmax", "softmax-not-normalised")
def softmax_exp_only(z, axis=-1):
    """Returned the exponentials without normalising them."""
    return np.exp(np.asarray(z))


@wrong("softmax", "softmax-returned-log-probabilities")
def softmax_log_probabilities(z, axis=-1):
    """Returned the log-softmax instead of the probabilities."""
    z = np.asarray(z)
    return z - np.log(np.sum(np.exp(z), axis=axis, keepdims=True))


@wrong("softmax", "softmax-negated-logits")
def softmax_negated(z, axis=-1):
    """Exponentiated -z, reversing the order of the probabilities."""
    e = np.exp(-np.asarray(z))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("softmax", "softmax-extra-one-in-denominator")
def softmax_sigmoid_denominator(z, axis=-1):
    """Used the sigmoid's denominator 1 + sum(exp)."""
    e = np.exp(np.asarray(z))
    return e / (1 + e.sum(axis=axis, keepdims=True))


@wrong("softmax", "modified-input")
def softmax_in_place(z, axis=-1):
    """Shifted the caller's array in place with `z -= max`."""
    z -= np.max(z, axis=axis, keepdims=True)
    np.exp(z, out=z)
    z /= np.sum(z, axis=axis, keepdims=True)
    return z


@wrong("softmax", "not-array-like")
def softmax_needs_ndarray(z, axis=-1):
    """Used array methods (z.max()) that a Python list does not have."""
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("softmax", "wrong-dtype")
def softmax_always_float64(z, axis=-1):
    """Converted the input to float64, so float32 in gives float64 out."""
    e = np.exp(np.asarray(z, dtype=np.float64))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("softmax", "wrong-dtype")
def softmax_float32_everywhere(z, axis=-1):
    """Computed in float32 to save memory, whatever the input's dtype."""
    e = np.exp(np.asarray(z, dtype=np.float32))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("softmax", "global-max-shift")
def softmax_global_max_shift(z, axis=-1):
    """Shifted by the maximum of the whole array; a row far below it underflows."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    e = np.exp(z - np.max(z))
    return e / e.sum(axis=axis, keepdims=True)


# --- sigmoid ----------------------------------------------------------------------------


@wrong("sigmoid", "sigmoid-sign-flipped")
def sigmoid_sign_flip(x):
    """Wrote 1 / (1 + exp(x)), with the sign of the exponent flipped."""
    return 1 / (1 + np.exp(np.asarray(x)))


@wrong("sigmoid", "sigmoid-overflow")
def sigmoid_naive(x):
    """The textbook 1 / (1 + exp(-x)), which overflows for very negative x."""
    return 1 / (1 + np.exp(-np.asarray(x)))


@wrong("sigmoid", "sigmoid-overflow")
def sigmoid_exp_ratio(x):
    """exp(x) / (1 + exp(x)), which gives inf/inf = NaN for large x."""
    e = np.exp(np.asarray(x))
    return e / (1 + e)


@wrong("sigmoid", "sigmoid-overflow")
def sigmoid_where_both_branches(x):
    """np.where over two formulas: both are computed everywhere, so one overflows."""
    x = np.asarray(x)
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


@wrong("sigmoid", "sigmoid-cancellation")
def sigmoid_one_minus(x):
    """Stable for x >= 0, but 1 - sigmoid(-x) for x < 0, which cancels to 0."""
    x = np.asarray(x)
    s = 1 / (1 + np.exp(-np.abs(x)))
    return np.where(x >= 0, s, 1 - s)


@wrong("sigmoid", "sigmoid-cancellation")
def sigmoid_via_tanh(x):
    """(1 + tanh(x / 2)) / 2: no overflow, but cancellation for very negative x."""
    return (1 + np.tanh(np.asarray(x) / 2)) / 2


@wrong("sigmoid", "sigmoid-used-tanh")
def sigmoid_is_tanh(x):
    """Returned tanh(x) instead of the logistic function."""
    return np.tanh(np.asarray(x))


@wrong("sigmoid", "sigmoid-used-tanh")
def sigmoid_tanh_missing_half(x):
    """(1 + tanh(x)) / 2, without halving x."""
    return (1 + np.tanh(np.asarray(x))) / 2


@wrong("sigmoid", "sigmoid-not-vectorised")
def sigmoid_math_exp(x):
    """Used math.exp, which accepts one number, not an array."""
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    return math.exp(x) / (1 + math.exp(x))


@wrong("sigmoid", "modified-input")
def sigmoid_negates_in_place(x):
    """Negated the caller's array in place to reuse one formula."""
    if not isinstance(x, np.ndarray):
        x = np.array(x, dtype=float)
    negative = x < 0
    x[negative] *= -1
    s = 1 / (1 + np.exp(-x))
    return np.where(negative, 1 - s, s)


@wrong("sigmoid", "wrong-values")
def sigmoid_clipped(x):
    """Clipped x to [-500, 500] to avoid overflow, which distorts the far tails."""
    x = np.clip(np.asarray(x), -500, 500)
    return 1 / (1 + np.exp(-x))


@wrong("sigmoid", "wrong-dtype")
def sigmoid_always_float64(x):
    """Converted the input to float64, so float32 in gives float64 out."""
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


@wrong("sigmoid", "wrong-dtype")
def sigmoid_empty_like(x):
    """Filled np.empty_like(x), which is an integer array for integer input."""
    x = np.asarray(x)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1 + e)
    return out


# --- soft_argmax ------------------------------------------------------------------------


@wrong("soft_argmax", "soft-argmax-hard-argmax")
def soft_argmax_hard(z, axis=-1):
    """Returned the index of the largest logit, np.argmax, which is not smooth."""
    return np.argmax(np.asarray(z), axis=axis)


@wrong("soft_argmax", "soft-argmax-hard-argmax")
def soft_argmax_argmax_of_probabilities(z, axis=-1):
    """Took the argmax of the probabilities and returned it as a float."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    p = e / np.sum(e, axis=axis, keepdims=True)
    return np.argmax(p, axis=axis).astype(z.dtype)


@wrong("soft_argmax", "soft-argmax-rounded-to-integer")
def soft_argmax_rounded(z, axis=-1):
    """Rounded the expected index to the nearest whole position."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    p = e / np.sum(e, axis=axis, keepdims=True)
    p = np.moveaxis(p, axis, -1)
    return np.round(p @ np.arange(p.shape[-1]))


@wrong("soft_argmax", "soft-argmax-indices-from-one")
def soft_argmax_from_one(z, axis=-1):
    """Counted the positions 1, ..., K instead of 0, ..., K-1."""
    z = np.moveaxis(np.asarray(z, dtype=float), axis, -1)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    p = e / np.sum(e, axis=-1, keepdims=True)
    return np.sum(np.arange(1, z.shape[-1] + 1) * p, axis=-1)


@wrong("soft_argmax", "soft-argmax-weighted-logits")
def soft_argmax_weights_logits(z, axis=-1):
    """Weighted the positions by the logits: sum of k * z_k."""
    z = np.moveaxis(np.asarray(z, dtype=float), axis, -1)
    return np.sum(np.arange(z.shape[-1]) * z, axis=-1)


@wrong("soft_argmax", "soft-argmax-not-normalised")
def soft_argmax_unnormalised(z, axis=-1):
    """Weighted the positions by exp(z_k) without dividing by their sum."""
    z = np.moveaxis(np.asarray(z, dtype=float), axis, -1)
    return np.sum(np.arange(z.shape[-1]) * np.exp(z), axis=-1)


@wrong("soft_argmax", "soft-argmax-not-normalised")
def soft_argmax_shifted_unnormalised(z, axis=-1):
    """Subtracted the max and exponentiated, but forgot to divide by the sum."""
    z = np.moveaxis(np.asarray(z, dtype=float), axis, -1)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return np.sum(np.arange(z.shape[-1]) * e, axis=-1)


@wrong("soft_argmax", "soft-argmax-returned-max-probability")
def soft_argmax_max_probability(z, axis=-1):
    """Returned the largest probability instead of the expected position."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return np.max(e / np.sum(e, axis=axis, keepdims=True), axis=axis)


@wrong("soft_argmax", "soft-argmax-mean-instead-of-sum")
def soft_argmax_mean(z, axis=-1):
    """Averaged k * p_k over the classes (np.mean) instead of summing."""
    z = np.moveaxis(np.asarray(z, dtype=float), axis, -1)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    p = e / np.sum(e, axis=-1, keepdims=True)
    return np.mean(np.arange(z.shape[-1]) * p, axis=-1)


@wrong("soft_argmax", "soft-argmax-positions-scaled-to-unit")
def soft_argmax_unit_positions(z, axis=-1):
    """Used positions np.linspace(0, 1, K), as for normalised coordinates."""
    z = np.moveaxis(np.asarray(z, dtype=float), axis, -1)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    p = e / np.sum(e, axis=-1, keepdims=True)
    return np.sum(np.linspace(0, 1, z.shape[-1]) * p, axis=-1)


@wrong("soft_argmax", "soft-argmax-negated-logits")
def soft_argmax_negated(z, axis=-1):
    """Exponentiated -z, which gives a soft argmin."""
    z = np.moveaxis(-np.asarray(z, dtype=float), axis, -1)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    p = e / np.sum(e, axis=-1, keepdims=True)
    return np.sum(np.arange(z.shape[-1]) * p, axis=-1)


@wrong("soft_argmax", "soft-argmax-weighted-log-probabilities")
def soft_argmax_log_probabilities(z, axis=-1):
    """Weighted the positions by the log-softmax instead of the softmax."""
    z = np.moveaxis(np.asarray(z, dtype=float), axis, -1)
    shifted = z - np.max(z, axis=-1, keepdims=True)
    log_p = shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))
    return np.sum(np.arange(z.shape[-1]) * log_p, axis=-1)


@wrong("soft_argmax", "soft-argmax-index-weights-wrong-axis")
def soft_argmax_unshaped_positions(z, axis=-1):
    """Multiplied by np.arange(K) unshaped, which lines up with the last axis."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    p = e / np.sum(e, axis=axis, keepdims=True)
    return np.sum(np.arange(z.shape[axis]) * p, axis=axis)


@wrong("soft_argmax", "soft-argmax-softmax-wrong-axis")
def soft_argmax_softmax_default_axis(z, axis=-1):
    """Called the softmax without axis=axis, so it normalised along the last axis."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    p = e / np.sum(e, axis=-1, keepdims=True)
    shape = [1] * z.ndim
    shape[axis] = z.shape[axis]
    return np.sum(np.arange(z.shape[axis]).reshape(shape) * p, axis=axis)


@wrong("soft_argmax", "wrong-axis")
def soft_argmax_ignores_axis(z, axis=-1):
    """Worked along the last axis whatever `axis` says."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    p = e / np.sum(e, axis=-1, keepdims=True)
    return np.sum(np.arange(z.shape[-1]) * p, axis=-1)


@wrong("soft_argmax", "wrong-axis")
def soft_argmax_hardcoded_axis_one(z, axis=-1):
    """Wrote axis=1 everywhere, thinking of an (N, K) batch."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    p = e / np.sum(e, axis=1, keepdims=True)
    return np.sum(np.arange(z.shape[1]) * p, axis=1)


@wrong("soft_argmax", "wrong-axis")
def soft_argmax_summed_along_last(z, axis=-1):
    """Shaped the positions along `axis` but summed the products along the last axis."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    p = e / np.sum(e, axis=axis, keepdims=True)
    shape = [1] * z.ndim
    shape[axis] = z.shape[axis]
    return np.sum(np.arange(z.shape[axis]).reshape(shape) * p, axis=-1)


@wrong("soft_argmax", "soft-argmax-kept-axis")
def soft_argmax_keepdims(z, axis=-1):
    """Kept the class axis (keepdims=True) in the final sum."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    p = e / np.sum(e, axis=axis, keepdims=True)
    shape = [1] * z.ndim
    shape[axis] = z.shape[axis]
    return np.sum(np.arange(z.shape[axis]).reshape(shape) * p, axis=axis, keepdims=True)


@wrong("soft_argmax", "soft-argmax-not-summed")
def soft_argmax_products(z, axis=-1):
    """Returned the products k * p_k without adding them up."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    p = e / np.sum(e, axis=axis, keepdims=True)
    shape = [1] * z.ndim
    shape[axis] = z.shape[axis]
    return np.arange(z.shape[axis]).reshape(shape) * p


@wrong("soft_argmax", "soft-argmax-summed-whole-array")
def soft_argmax_sum_without_axis(z, axis=-1):
    """Forgot `axis` in the final np.sum, adding up every slice of the batch."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    p = e / np.sum(e, axis=axis, keepdims=True)
    shape = [1] * z.ndim
    shape[axis] = z.shape[axis]
    return np.sum(np.arange(z.shape[axis]).reshape(shape) * p)


@wrong("soft_argmax", "global-normalisation")
def soft_argmax_global_softmax(z, axis=-1):
    """Normalised the exponentials over the whole array, not along `axis`."""
    z = np.moveaxis(np.asarray(z, dtype=float), axis, -1)
    e = np.exp(z - np.max(z))
    return np.sum(np.arange(z.shape[-1]) * e / np.sum(e), axis=-1)


@wrong("soft_argmax", "no-max-shift")
def soft_argmax_naive_softmax(z, axis=-1):
    """Used the plain exp(z) / sum(exp(z)), which overflows for logits near 1000."""
    z = np.moveaxis(np.asarray(z, dtype=float), axis, -1)
    p = np.exp(z) / np.sum(np.exp(z), axis=-1, keepdims=True)
    return np.sum(np.arange(z.shape[-1]) * p, axis=-1)


@wrong("soft_argmax", "no-max-shift")
def soft_argmax_min_shift(z, axis=-1):
    """Subtracted the minimum instead of the maximum, so exp overflows for spread logits."""
    z = np.moveaxis(np.asarray(z, dtype=float), axis, -1)
    e = np.exp(z - np.min(z, axis=-1, keepdims=True))
    p = e / np.sum(e, axis=-1, keepdims=True)
    return np.sum(np.arange(z.shape[-1]) * p, axis=-1)


@wrong("soft_argmax", "global-max-shift")
def soft_argmax_global_max_shift(z, axis=-1):
    """Shifted by the maximum of the whole array; a row far below it becomes 0 / 0."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    if not -z.ndim <= axis < z.ndim or z.shape[axis] == 0:
        raise ValueError("axis out of range or empty")
    z = np.moveaxis(z.astype(z.dtype if z.dtype.kind == "f" else np.float64), axis, -1)
    e = np.exp(z - np.max(z))
    p = e / np.sum(e, axis=-1, keepdims=True)
    return p @ np.arange(z.shape[-1], dtype=p.dtype)


@wrong("soft_argmax", "missing-keepdims")
def soft_argmax_shift_without_keepdims(z, axis=-1):
    """Subtracted the max without keepdims, so it broadcast against the wrong axis."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=axis))
    p = e / np.sum(e, axis=axis, keepdims=True)
    shape = [1] * z.ndim
    shape[axis] = z.shape[axis]
    return np.sum(np.arange(z.shape[axis]).reshape(shape) * p, axis=axis)


@wrong("soft_argmax", "wrong-dtype")
def soft_argmax_integer_positions(z, axis=-1):
    """Weighted by np.arange(K) (int64), which turns float32 probabilities into float64."""
    z = np.asarray(z)
    if z.dtype.kind != "f":
        z = z.astype(np.float64)
    z = np.moveaxis(z, axis, -1)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    p = e / np.sum(e, axis=-1, keepdims=True)
    return np.sum(np.arange(z.shape[-1]) * p, axis=-1)


@wrong("soft_argmax", "wrong-dtype")
def soft_argmax_always_float64(z, axis=-1):
    """Converted the logits to float64, so float32 in gives float64 out."""
    z = np.moveaxis(np.asarray(z, dtype=np.float64), axis, -1)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    p = e / np.sum(e, axis=-1, keepdims=True)
    return np.sum(np.arange(z.shape[-1]) * p, axis=-1)


@wrong("soft_argmax", "wrong-dtype")
def soft_argmax_keeps_integers(z, axis=-1):
    """Filled an array like the input, which is an integer array for integer logits."""
    z = np.moveaxis(np.asarray(z), axis, -1)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    p = e / np.sum(e, axis=-1, keepdims=True)
    out = np.empty_like(z[..., 0])
    out[...] = p @ np.arange(z.shape[-1], dtype=p.dtype)
    return out


@wrong("soft_argmax", "modified-input")
def soft_argmax_in_place(z, axis=-1):
    """Shifted the caller's array in place with `z -= max`."""
    z -= np.max(z, axis=axis, keepdims=True)
    np.exp(z, out=z)
    z /= np.sum(z, axis=axis, keepdims=True)
    shape = [1] * z.ndim
    shape[axis] = z.shape[axis]
    return np.sum(np.arange(z.shape[axis], dtype=z.dtype).reshape(shape) * z, axis=axis)


@wrong("soft_argmax", "not-array-like")
def soft_argmax_needs_ndarray(z, axis=-1):
    """Used array methods (z.max(), z.shape) that a Python list does not have."""
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    p = np.moveaxis(e / e.sum(axis=axis, keepdims=True), axis, -1)
    return p @ np.arange(p.shape[-1], dtype=p.dtype)


@wrong("soft_argmax", "missing-return")
def soft_argmax_no_return(z, axis=-1):
    """Computed the result but forgot to return it."""
    z = np.moveaxis(np.asarray(z, dtype=float), axis, -1)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    p = e / np.sum(e, axis=-1, keepdims=True)
    result = p @ np.arange(z.shape[-1], dtype=p.dtype)  # noqa: F841


@wrong("soft_argmax", "no-value-error")
def soft_argmax_empty_axis_gives_zero(z, axis=-1):
    """Shifted with max(initial=-inf), so an empty class axis silently gives 0."""
    z = np.asarray(z)
    z = z.astype(z.dtype if z.dtype.kind == "f" else np.float64)
    m = np.max(z, axis=axis, keepdims=True, initial=-np.inf)
    e = np.exp(z - m)
    p = e / np.sum(e, axis=axis, keepdims=True)
    shape = [1] * z.ndim
    shape[axis] = z.shape[axis]
    positions = np.arange(z.shape[axis], dtype=p.dtype).reshape(shape)
    return np.sum(positions * p, axis=axis)


@wrong("soft_argmax", "no-value-error")
def soft_argmax_shape_lookup_first(z, axis=-1):
    """Read z.shape[axis] first: an out-of-range axis raises IndexError, not ValueError."""
    z = np.asarray(z)
    z = z.astype(z.dtype if z.dtype.kind == "f" else np.float64)
    k = z.shape[axis]
    if k == 0:
        raise ValueError("no classes")
    zm = np.moveaxis(z, axis, -1)
    e = np.exp(zm - np.max(zm, axis=-1, keepdims=True))
    p = e / np.sum(e, axis=-1, keepdims=True)
    return p @ np.arange(k, dtype=p.dtype)


# --- found by red-teaming the checks: contract edges the first checks did not probe ---------


@wrong("softmax", "no-value-error")
def softmax_accepts_complex(z, axis=-1):
    """Never checked that the logits are real: complex input silently gives complex output."""
    z = np.asarray(z)
    z = z if z.dtype.kind in "fc" else z.astype(np.float64)
    e = np.exp(z)
    return e / np.sum(e, axis=axis, keepdims=True)


@wrong("softmax", "returned-list")
def softmax_returns_list(z, axis=-1):
    """Returned the probabilities as a Python list (tolist)."""
    z = np.asarray(z)
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    e = np.exp(z)
    return (e / np.sum(e, axis=axis, keepdims=True)).tolist()


@wrong("softmax", "wrong-values")
def softmax_float32_sum(z, axis=-1):
    """Accumulated the denominator in float32, losing half the digits of float64 input."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    e = np.exp(z)
    return (e / np.sum(e, axis=axis, keepdims=True, dtype=np.float32)).astype(z.dtype)


@wrong("softmax", "wrong-values")
def softmax_epsilon_denominator(z, axis=-1):
    """Added 1e-9 to the denominator 'to avoid division by zero'."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    e = np.exp(z)
    return e / (np.sum(e, axis=axis, keepdims=True) + 1e-9)


@wrong("softmax", "wrong-dtype")
def softmax_float16_via_float32(z, axis=-1):
    """Computed float16 input in float32 (good) but forgot to round back to float16."""
    z = np.asarray(z)
    if z.dtype == np.float16:
        z = z.astype(np.float32)
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    e = np.exp(z)
    return e / np.sum(e, axis=axis, keepdims=True)


@wrong("softmax", "no-value-error")
def softmax_axis_clamped(z, axis=-1):
    """Clamped axis to the last one (min(axis, ndim - 1)), so axis=2 on 2-D silently works."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    axis = min(axis, z.ndim - 1)
    e = np.exp(z)
    return e / np.sum(e, axis=axis, keepdims=True)


@wrong("sigmoid", "sigmoid-overflow")
def sigmoid_math_for_scalars(x):
    """Stable on arrays, but a Python scalar goes through math.exp, which overflows."""
    if np.isscalar(x):
        return 1 / (1 + math.exp(-x))
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError("x must be real numbers")
    x = x if x.dtype.kind == "f" else x.astype(np.float64)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


@wrong("sigmoid", "no-value-error")
def sigmoid_accepts_complex(x):
    """Never checked that x is real: complex input silently gives a complex answer."""
    x = np.asarray(x)
    x = x if x.dtype.kind in "fc" else x.astype(np.float64)
    e = np.exp(-np.abs(x))
    return np.where(x.real >= 0, 1 / (1 + e), e / (1 + e))


@wrong("sigmoid", "returned-list")
def sigmoid_returns_list(x):
    """Returned a Python list (tolist) instead of an array."""
    x = np.asarray(x)
    x = x if x.dtype.kind == "f" else x.astype(np.float64)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e)).tolist()


@wrong("sigmoid", "wrong-values")
def sigmoid_hides_nan(x):
    """Wrapped the result in np.nan_to_num 'for safety': NaN in gives 0 out."""
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError("x must be real numbers")
    x = x if x.dtype.kind == "f" else x.astype(np.float64)
    e = np.exp(-np.abs(x))
    return np.nan_to_num(np.where(x >= 0, 1 / (1 + e), e / (1 + e)))


@wrong("sigmoid", "wrong-values")
def sigmoid_clipped_700(x):
    """Clipped x to [-700, 700], which still bends the far negative tail."""
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError("x must be real numbers")
    x = x if x.dtype.kind == "f" else x.astype(np.float64)
    return 1 / (1 + np.exp(-np.clip(x, -700, 700)))


@wrong("soft_argmax", "returned-list")
def soft_argmax_returns_list(z, axis=-1):
    """Returned the expected indices as a Python list."""
    z = np.asarray(z)
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    if z.shape[axis] == 0:
        raise ValueError("no class along axis")
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    p = np.moveaxis(e / np.sum(e, axis=axis, keepdims=True), axis, -1)
    return np.atleast_1d(p @ np.arange(p.shape[-1], dtype=p.dtype)).tolist()


@wrong("soft_argmax", "no-value-error")
def soft_argmax_accepts_complex(z, axis=-1):
    """Checked the axis but not that the logits are real: complex input gives a number."""
    z = np.asarray(z)
    z = z if z.dtype.kind in "fc" else z.astype(np.float64)
    if not -z.ndim <= axis < z.ndim or z.shape[axis] == 0:
        raise ValueError("axis out of range or empty")
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    p = np.moveaxis(e / np.sum(e, axis=axis, keepdims=True), axis, -1)
    return p @ np.arange(p.shape[-1], dtype=p.dtype)


# --- kinds of miss found on fresh answers (issue 6): edges, valid input refused, return types --


def _real_logits(z, axis):
    """The validation every answer below gets right (so that each keeps its one mistake)."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    if not -z.ndim <= axis < z.ndim or z.shape[axis] == 0:
        raise ValueError("axis out of range or empty")
    return z if z.dtype.kind == "f" else z.astype(np.float64)


@wrong("softmax", "raised-error")
def softmax_max_shift_empty_axis(z, axis=-1):
    """Shifted by the max (stable, fine) without `initial`: an empty axis raises, not returns."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


@wrong("softmax", "wrong-values")
def softmax_nansum(z, axis=-1):
    """Summed with np.nansum: a NaN logit stays NaN but its neighbours look like a distribution."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    e = np.exp(z)
    return e / np.nansum(e, axis=axis, keepdims=True)


@wrong("softmax", "float16-sum-overflow")
def softmax_float16_sum(z, axis=-1):
    """Kept float16 throughout: the sum of 65,520 ones overflows float16, so all become 0."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    e = np.exp(z)
    return e / np.sum(e, axis=axis, keepdims=True)


# The 02 text names no all -inf row (the docstring does), but a NaN row trips the same guard.
@wrong("softmax", "wrong-values")
def softmax_guarded_division(z, axis=-1):
    """Divided only where the sum is positive, so an all -inf row gives zeros instead of NaN."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = z.astype(np.float32 if dtype == np.float16 else dtype)
    e = np.exp(work)
    total = np.sum(e, axis=axis, keepdims=True)
    safe = np.where(total > 0, total, 1)
    return np.where(total > 0, e / safe, 0).astype(dtype)


@wrong("sigmoid", "wrong-dtype")
def sigmoid_boolean_masks_empty_like(x):
    """Two boolean masks filling np.empty_like(x): integer x gives an integer array ([0, 0])."""
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError("x must be real numbers")
    out = np.empty_like(x)
    pos = x >= 0
    neg = ~pos
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    e = np.exp(x[neg])
    out[neg] = e / (1 + e)
    return out


@wrong("sigmoid", "wrong-values")
def sigmoid_masks_miss_nan(x):
    """Masks x >= 0 and x < 0 on np.zeros_like: NaN is in neither, so NaN in gives 0 out."""
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError("x must be real numbers")
    x = x if x.dtype.kind == "f" else x.astype(np.float64)
    out = np.zeros_like(x)
    pos, neg = x >= 0, x < 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    e = np.exp(x[neg])
    out[neg] = e / (1 + e)
    return out[()]


@wrong("sigmoid", "returned-0d-array")
def sigmoid_where_on_scalar(x):
    """np.where on a Python number gives a 0-d array, not a number."""
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError("x must be real numbers")
    x = x if x.dtype.kind == "f" else x.astype(np.float64)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


@wrong("soft_argmax", "global-max-shift")
def soft_argmax_global_max_then_softmax(z, axis=-1):
    """Shifted every logit by z.max() (the whole batch's) before a per-slice softmax."""
    z = _real_logits(z, axis)
    e = np.exp(z - z.max())
    p = e / np.sum(e, axis=axis, keepdims=True)
    shape = [1] * z.ndim
    shape[axis] = z.shape[axis]
    positions = np.arange(z.shape[axis], dtype=p.dtype).reshape(shape)
    return np.sum(positions * p, axis=axis)


@wrong("soft_argmax", "returned-0d-array")
def soft_argmax_tensordot(z, axis=-1):
    """np.tensordot(p, positions) along `axis`: a 1-D z gives a 0-d array, not a number."""
    z = _real_logits(z, axis)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    p = e / np.sum(e, axis=axis, keepdims=True)
    positions = np.arange(z.shape[axis], dtype=p.dtype)
    return np.tensordot(p, positions, axes=([axis % z.ndim], [0]))


@wrong("soft_argmax", "wrong-values")
def soft_argmax_nan_safe(z, axis=-1):
    """Used np.nanmax and np.nansum 'to be safe': a slice with a NaN logit gets a number."""
    z = _real_logits(z, axis)
    e = np.exp(z - np.nanmax(z, axis=axis, keepdims=True))
    p = e / np.nansum(e, axis=axis, keepdims=True)
    shape = [1] * z.ndim
    shape[axis] = z.shape[axis]
    positions = np.arange(z.shape[axis], dtype=p.dtype).reshape(shape)
    return np.nansum(positions * p, axis=axis)


@wrong("soft_argmax", "raised-error")
def soft_argmax_rejects_empty_batch(z, axis=-1):
    """Rejected any empty z, so an empty batch (0 rows of K classes) raises instead of giving []."""
    z = _real_logits(z, axis)
    if z.size == 0:
        raise ValueError("z is empty")
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    p = e / np.sum(e, axis=axis, keepdims=True)
    shape = [1] * z.ndim
    shape[axis] = z.shape[axis]
    positions = np.arange(z.shape[axis], dtype=p.dtype).reshape(shape)
    return np.sum(positions * p, axis=axis)


@wrong("softmax", "slice-without-distribution")
def softmax_two_steps_only(z, axis=-1):
    """The two steps as written (float16 in float32): a slice holding +inf gives [nan, 0]."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    e = np.exp(z.astype(np.float32 if dtype == np.float16 else dtype))
    return (e / np.sum(e, axis=axis, keepdims=True)).astype(dtype)


@wrong("softmax", "axis-out-of-range")
def softmax_axis_wraps_negative(z, axis=-1):
    """Refused only `axis >= z.ndim`, then took `axis % z.ndim`: axis -3 of a 2-D z is axis 1."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("softmax needs real numbers")
    if axis >= z.ndim:
        raise ValueError(f"axis {axis} is out of range")
    axis = axis % z.ndim
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = z.astype(np.float32 if dtype == np.float16 else dtype)
    m = np.max(work, axis=axis, keepdims=True, initial=-np.inf)
    finite = np.isfinite(m)
    e = np.exp(work - np.where(finite, m, 0))
    return np.where(finite, e / np.sum(e, axis=axis, keepdims=True), np.nan).astype(dtype)


# --- Precision: float64 computed in float32, float16 rounded twice -----------------------------


@wrong("softmax", "float64-computed-in-float32")
def softmax_everything_in_float32(z, axis=-1):
    """'Compute in float32 and round once at the end' applied to float64 input too."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("softmax needs real numbers")
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise ValueError("axis must be an integer")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    w = z.astype(np.float32)
    m = np.max(w, axis=axis, keepdims=True, initial=-np.inf)
    finite = np.isfinite(m)
    e = np.exp(w - np.where(finite, m, 0))
    p = np.where(finite, e / np.sum(e, axis=axis, keepdims=True), np.nan)
    return p.astype(dtype)


@wrong("softmax", "float16-double-rounding")
def softmax_float16_exponentials(z, axis=-1):
    """float16: exp rounded to float16, then summed and divided in float32 (two roundings)."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("softmax needs real numbers")
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise ValueError("axis must be an integer")
    if z.dtype.kind != "f":
        z = z.astype(np.float64)
    m = np.max(z, axis=axis, keepdims=True, initial=-np.inf)
    finite = np.isfinite(m)
    e = np.exp(z - np.where(finite, m, 0).astype(z.dtype))  # float16 for float16 input
    wide = e.astype(np.float32) if z.dtype == np.float16 else e
    p = np.where(finite, wide / np.sum(wide, axis=axis, keepdims=True), np.nan)
    return p.astype(z.dtype)
