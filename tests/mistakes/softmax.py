"""Known-wrong answers to notebook ``02_softmax`` (``softmax`` and ``sigmoid``)."""

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


@wrong("softmax", "wrong-dtype", visible=False)
def softmax_always_float64(z, axis=-1):
    """Converted the input to float64, so float32 in gives float64 out."""
    e = np.exp(np.asarray(z, dtype=np.float64))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("softmax", "wrong-dtype", visible=False)
def softmax_float32_everywhere(z, axis=-1):
    """Computed in float32 to save memory, whatever the input's dtype."""
    e = np.exp(np.asarray(z, dtype=np.float32))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("softmax", "global-max-shift", visible=False)
def softmax_global_max_shift(z, axis=-1):
    """Shifted by the maximum of the whole array; a row far below it underflows."""
    z = np.asarray(z)
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


@wrong("sigmoid", "wrong-dtype", visible=False)
def sigmoid_always_float64(x):
    """Converted the input to float64, so float32 in gives float64 out."""
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


@wrong("sigmoid", "wrong-dtype", visible=False)
def sigmoid_empty_like(x):
    """Filled np.empty_like(x), which is an integer array for integer input."""
    x = np.asarray(x)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1 + e)
    return out
