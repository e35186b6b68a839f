"""Known-wrong answers to ``04_log_sum_exp``: ``logsumexp``, ``log_softmax``, ``smooth_max``.

Each function is a realistic learner's attempt, with the exercise's signature, and the tag of
the mistake the checks must name when they reject it. They are self-contained: a learner's
``log_softmax`` would call their own ``logsumexp``, here the needed lines are inlined.
"""

import math

import numpy as np

from tests.mistakes import wrong


def _real(z):
    """The input as an array, refused unless it holds real numbers (the usual first lines)."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be an array of real numbers with at least one dimension")
    return z


# --- logsumexp --------------------------------------------------------------------------------


@wrong("logsumexp", "lse-no-max-shift")
def logsumexp_naive(z, axis=-1, keepdims=False):
    """Took log(sum(exp(z))) directly: exp(1000) overflows to inf."""
    return np.log(np.sum(np.exp(np.asarray(z)), axis=axis, keepdims=keepdims))


@wrong("logsumexp", "lse-forgot-to-add-max")
def logsumexp_forgot_max(z, axis=-1, keepdims=False):
    """Shifted by the max but never added it back."""
    z = np.asarray(z)
    m = np.max(z, axis=axis, keepdims=True)
    return np.log(np.sum(np.exp(z - m), axis=axis, keepdims=keepdims))


@wrong("logsumexp", "lse-mean-instead-of-sum")
def logsumexp_mean(z, axis=-1, keepdims=False):
    """Averaged the exponentials instead of summing them (off by log K)."""
    z = np.asarray(z)
    m = np.max(z, axis=axis, keepdims=True)
    out = m + np.log(np.mean(np.exp(z - m), axis=axis, keepdims=True))
    return out if keepdims else np.squeeze(out, axis=axis)


@wrong("logsumexp", "lse-dropped-tied-maxima")
def logsumexp_drops_all_maxima(z, axis=-1, keepdims=False):
    """Used log1p but left every entry equal to the max out of the sum, not just one."""
    z = np.asarray(z)
    m = np.max(z, axis=axis, keepdims=True)
    e = np.where(z == m, 0.0, np.exp(z - m))
    out = m + np.log1p(np.sum(e, axis=axis, keepdims=True))
    return out if keepdims else np.squeeze(out, axis=axis)


@wrong("logsumexp", "lse-keepdims-ignored")
def logsumexp_always_keepdims(z, axis=-1, keepdims=False):
    """Added back m computed with keepdims=True, so the reduced axis never disappears."""
    z = np.asarray(z)
    m = np.max(z, axis=axis, keepdims=True)
    return m + np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))


@wrong("logsumexp", "lse-keepdims-ignored")
def logsumexp_never_keepdims(z, axis=-1, keepdims=False):
    """Ignored the keepdims argument: the axis is always dropped."""
    z = np.asarray(z)
    m = np.max(z, axis=axis)
    return m + np.log(np.sum(np.exp(z - np.expand_dims(m, axis)), axis=axis))


@wrong("logsumexp", "missing-keepdims")
def logsumexp_max_without_keepdims(z, axis=-1, keepdims=False):
    """Subtracted a max taken without keepdims, which broadcasts against the wrong axis."""
    z = np.asarray(z)
    m = np.max(z, axis=axis)
    out = m + np.log(np.sum(np.exp(z - m), axis=axis))
    return np.expand_dims(out, axis) if keepdims else out


@wrong("logsumexp", "global-max-shift")
def logsumexp_global_max(z, axis=-1, keepdims=False):
    """Shifted every row by the maximum of the whole array."""
    z = np.asarray(z)
    m = np.max(z)
    return m + np.log(np.sum(np.exp(z - m), axis=axis, keepdims=keepdims))


@wrong("logsumexp", "lse-reduced-whole-array")
def logsumexp_whole_array(z, axis=-1, keepdims=False):
    """Reduced over every axis (no `axis` in max and sum)."""
    z = np.asarray(z)
    m = np.max(z)
    return m + np.log(np.sum(np.exp(z - m)))


@wrong("logsumexp", "wrong-axis")
def logsumexp_ignores_axis(z, axis=-1, keepdims=False):
    """Always reduced the last axis, whatever `axis` was asked for."""
    z = np.asarray(z)
    m = np.max(z, axis=-1, keepdims=True)
    out = m + np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))
    return out if keepdims else np.squeeze(out, axis=-1)


@wrong("logsumexp", "lse-all-neg-inf-nan")
def logsumexp_textbook(z, axis=-1, keepdims=False):
    """The textbook formula: a row of only -inf gives -inf - (-inf) = NaN."""
    z = _real(z)
    m = np.max(z, axis=axis, keepdims=True)
    out = m + np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))
    return out if keepdims else np.squeeze(out, axis=axis)


@wrong("logsumexp", "lse-pos-inf-nan")
def logsumexp_only_neg_inf_guarded(z, axis=-1, keepdims=False):
    """Guarded the all -inf case only: a +inf entry still gives inf - inf = NaN."""
    z = _real(z)
    m = np.max(z, axis=axis, keepdims=True)
    m = np.where(np.isneginf(m), 0, m)
    out = m + np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))
    return out if keepdims else np.squeeze(out, axis=axis)


@wrong("logsumexp", "lse-hid-nan")
def logsumexp_nan_functions(z, axis=-1, keepdims=False):
    """Used nanmax and nansum 'to be safe', which silently skip NaN entries."""
    z = _real(z)
    m = np.nanmax(z, axis=axis, keepdims=True)
    s = np.where(np.isfinite(m), m, 0)
    out = s + np.log(np.nansum(np.exp(z - s), axis=axis, keepdims=True))
    return out if keepdims else np.squeeze(out, axis=axis)


@wrong("logsumexp", "lse-empty-axis")
def logsumexp_no_empty_case(z, axis=-1, keepdims=False):
    """Right everywhere except an empty axis, where np.max raises."""
    z = _real(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    m = np.max(z, axis=axis, keepdims=True)
    s = np.where(np.isfinite(m), m, 0)
    e = np.exp(z - s)
    np.put_along_axis(e, np.argmax(z, axis=axis, keepdims=True), 0, axis=axis)
    out = m + np.log1p(np.sum(e, axis=axis, keepdims=True))
    return out if keepdims else np.squeeze(out, axis=axis)[()]


@wrong("logsumexp", "lse-lost-small-terms")
def logsumexp_without_log1p(z, axis=-1, keepdims=False):
    """The plain shifted formula with every edge case handled, but log instead of log1p."""
    z = _real(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis {axis} does not exist")
    if z.shape[axis] == 0:
        out = np.full(z.shape[: axis % z.ndim] + (1,) + z.shape[axis % z.ndim + 1 :], -np.inf)
        out = out.astype(z.dtype)
    else:
        m = np.max(z, axis=axis, keepdims=True)
        s = np.where(np.isfinite(m), m, 0)
        out = m + np.log(np.sum(np.exp(z - s), axis=axis, keepdims=True))
    return out if keepdims else np.squeeze(out, axis=axis)


@wrong("logsumexp", "wrong-dtype")
def logsumexp_float64(z, axis=-1, keepdims=False):
    """Converted the input to float64, so float32 values give a float64 result."""
    z = np.asarray(z, dtype=np.float64)
    if z.shape[axis] == 0:
        out = np.full(z.shape[: axis % z.ndim] + (1,) + z.shape[axis % z.ndim + 1 :], -np.inf)
        return out if keepdims else np.squeeze(out, axis=axis)
    m = np.max(z, axis=axis, keepdims=True)
    s = np.where(np.isfinite(m), m, 0)
    out = m + np.log(np.sum(np.exp(z - s), axis=axis, keepdims=True))
    return out if keepdims else np.squeeze(out, axis=axis)


@wrong("logsumexp", "modified-input")
def logsumexp_in_place(z, axis=-1, keepdims=False):
    """Shifted the input in place (z -= m)."""
    z = np.asarray(z)
    m = np.max(z, axis=axis, keepdims=True)
    z -= m
    out = m + np.log(np.sum(np.exp(z), axis=axis, keepdims=True))
    return out if keepdims else np.squeeze(out, axis=axis)


@wrong("logsumexp", "lse-log1p-kept-max")
def logsumexp_log1p_of_full_sum(z, axis=-1, keepdims=False):
    """Used log1p on the full sum of exp(z - m), so the maximum's own 1 is counted twice."""
    z = np.asarray(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    m = np.max(z, axis=axis, keepdims=True, initial=-np.inf)
    s = np.where(np.isfinite(m), m, 0)
    out = m + np.log1p(np.sum(np.exp(z - s), axis=axis, keepdims=True))
    return out if keepdims else np.squeeze(out, axis=axis)


@wrong("logsumexp", "wrong-shape")
def logsumexp_squeezes_every_axis(z, axis=-1, keepdims=False):
    """Added back np.squeeze(m) without an axis: other length-1 axes vanish and broadcast."""
    z = _real(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    m = np.max(z, axis=axis, keepdims=True, initial=-np.inf)
    s = np.where(np.isfinite(m), m, 0)
    e = np.exp(z - s)
    if z.shape[axis] > 0:
        np.put_along_axis(e, np.argmax(z, axis=axis, keepdims=True), 0, axis=axis)
        rest = np.log1p(np.sum(e, axis=axis, keepdims=keepdims))
    else:
        rest = np.log(np.sum(e, axis=axis, keepdims=keepdims))
    return rest + (m if keepdims else np.squeeze(m))


@wrong("logsumexp", "lse-empty-axis")
def logsumexp_empty_last_axis_only(z, axis=-1, keepdims=False):
    """Treated an empty *last* axis only (z.shape[-1] == 0): an empty axis 0 still crashes."""
    z = _real(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    if z.shape[-1] == 0:
        return np.full(z.shape[:-1] + ((1,) if keepdims else ()), -np.inf, dtype=z.dtype)
    m = np.max(z, axis=axis, keepdims=True)
    s = np.where(np.isfinite(m), m, 0)
    e = np.exp(z - s)
    np.put_along_axis(e, np.argmax(z, axis=axis, keepdims=True), 0, axis=axis)
    out = m + np.log1p(np.sum(e, axis=axis, keepdims=True))
    return out if keepdims else np.squeeze(out, axis=axis)[()]


# --- log_softmax ------------------------------------------------------------------------------


@wrong("log_softmax", "log-softmax-log-of-softmax")
def log_softmax_log_of_softmax(z, axis=-1):
    """Took the log of a (stable) softmax: a probability that underflows gives -inf."""
    z = np.asarray(z)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return np.log(e / e.sum(axis=axis, keepdims=True))


@wrong("log_softmax", "log-softmax-log-of-softmax")
def log_softmax_log_of_naive_softmax(z, axis=-1):
    """Took the log of the naive softmax."""
    e = np.exp(np.asarray(z))
    return np.log(e / e.sum(axis=axis, keepdims=True))


@wrong("log_softmax", "lse-no-max-shift")
def log_softmax_naive_lse(z, axis=-1):
    """Subtracted a naive log(sum(exp(z))), which overflows for large logits."""
    z = np.asarray(z)
    return z - np.log(np.sum(np.exp(z), axis=axis, keepdims=True))


@wrong("log_softmax", "log-softmax-sign-flipped")
def log_softmax_sign_flipped(z, axis=-1):
    """Computed lse(z) - z instead of z - lse(z)."""
    z = np.asarray(z)
    m = np.max(z, axis=axis, keepdims=True)
    return m + np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True)) - z


@wrong("log_softmax", "log-softmax-subtracted-max-only")
def log_softmax_max_only(z, axis=-1):
    """Subtracted the max and stopped: exp of the result does not sum to 1."""
    z = np.asarray(z)
    return z - np.max(z, axis=axis, keepdims=True)


@wrong("log_softmax", "log-softmax-returned-probabilities")
def log_softmax_returns_softmax(z, axis=-1):
    """Returned the softmax itself, forgetting the log."""
    z = np.asarray(z)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("log_softmax", "missing-keepdims")
def log_softmax_lse_without_keepdims(z, axis=-1):
    """Subtracted a log-sum-exp computed without keepdims."""
    z = np.asarray(z)
    m = np.max(z, axis=axis, keepdims=True)
    lse = np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(z - m), axis=axis))
    return z - lse


@wrong("log_softmax", "global-normalisation")
def log_softmax_whole_array_lse(z, axis=-1):
    """Subtracted the log-sum-exp of the whole array."""
    z = np.asarray(z)
    m = np.max(z)
    return z - (m + np.log(np.sum(np.exp(z - m))))


@wrong("log_softmax", "global-max-shift")
def log_softmax_global_max(z, axis=-1):
    """Shifted every row by the global maximum: a low row underflows to log 0."""
    z = np.asarray(z)
    m = np.max(z)
    return z - (m + np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True)))


@wrong("log_softmax", "wrong-axis")
def log_softmax_ignores_axis(z, axis=-1):
    """Always normalised along the last axis."""
    z = np.asarray(z)
    m = np.max(z, axis=-1, keepdims=True)
    return z - (m + np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True)))


@wrong("log_softmax", "wrong-dtype")
def log_softmax_float64(z, axis=-1):
    """Converted the input to float64, so float32 logits give float64 log-probabilities."""
    z = np.asarray(z, dtype=np.float64)
    m = np.max(z, axis=axis, keepdims=True)
    return z - (m + np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True)))


@wrong("log_softmax", "modified-input")
def log_softmax_in_place(z, axis=-1):
    """Subtracted the log-sum-exp in place."""
    z = np.asarray(z)
    m = np.max(z, axis=axis, keepdims=True)
    z -= m + np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))
    return z


@wrong("log_softmax", "lse-hid-nan")
def log_softmax_nan_to_num(z, axis=-1):
    """Replaced NaN by 0 in the result 'to be safe', hiding a NaN logit."""
    z = _real(z)
    m = np.max(z, axis=axis, keepdims=True)
    s = np.where(np.isfinite(m), m, 0)
    out = z - (m + np.log(np.sum(np.exp(z - s), axis=axis, keepdims=True)))
    return np.nan_to_num(out, nan=0.0, neginf=-np.inf, posinf=np.inf)


@wrong("log_softmax", "lse-forgot-to-add-max")
def log_softmax_lse_without_max(z, axis=-1):
    """Subtracted log(sum(exp(z - m))), a log-sum-exp that lacks its + m."""
    z = np.asarray(z)
    m = np.max(z, axis=axis, keepdims=True)
    return z - np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))


@wrong("log_softmax", "lse-mean-instead-of-sum")
def log_softmax_lse_with_mean(z, axis=-1):
    """Subtracted a log-sum-exp that averages the exponentials (log K too small)."""
    z = np.asarray(z)
    m = np.max(z, axis=axis, keepdims=True)
    return z - (m + np.log(np.mean(np.exp(z - m), axis=axis, keepdims=True)))


@wrong("log_softmax", "log-softmax-clipped-probability")
def log_softmax_log_of_clipped_softmax(z, axis=-1):
    """log(np.maximum(softmax, 1e-300)) to avoid log 0: a clipped value, not the answer."""
    z = np.asarray(z)
    m = np.max(z, axis=axis, keepdims=True)
    e = np.exp(z - m)
    return np.log(np.maximum(e / np.sum(e, axis=axis, keepdims=True), 1e-300))


@wrong("log_softmax", "log-softmax-clipped-probability")
def log_softmax_log_with_epsilon(z, axis=-1):
    """log(softmax + 1e-12), the 'epsilon' habit."""
    z = np.asarray(z)
    m = np.max(z, axis=axis, keepdims=True)
    e = np.exp(z - m)
    return np.log(e / np.sum(e, axis=axis, keepdims=True) + 1e-12)


@wrong("log_softmax", "missing-keepdims")
def log_softmax_squeezed_lse(z, axis=-1):
    """np.squeeze of the log-sum-exp, expanded again: a length-1 batch axis breaks it."""
    z = _real(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    m = np.max(z, axis=axis, keepdims=True, initial=-np.inf)
    s = np.where(np.isfinite(m), m, 0)
    lse = np.squeeze(s + np.log(np.sum(np.exp(z - s), axis=axis, keepdims=True)))
    if lse.ndim == z.ndim - 1:
        lse = np.expand_dims(lse, axis)
    return z - lse


# --- smooth_max -------------------------------------------------------------------------------


@wrong("smooth_max", "smooth-max-used-upper-bound")
def smooth_max_upper_bound(z, t, axis=-1):
    """Returned max + t log K, the upper bound, instead of the smooth max."""
    z = np.asarray(z)
    return np.max(z, axis=axis) + t * np.log(z.shape[axis])


@wrong("smooth_max", "smooth-max-missing-t-factor")
def smooth_max_missing_t(z, t, axis=-1):
    """Returned logsumexp(z / t) without multiplying by t."""
    y = np.asarray(z) / t
    m = np.max(y, axis=axis, keepdims=True)
    return np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(y - m), axis=axis))


@wrong("smooth_max", "smooth-max-forgot-divide-by-t")
def smooth_max_not_divided(z, t, axis=-1):
    """Returned t * logsumexp(z), never dividing by t."""
    z = np.asarray(z)
    m = np.max(z, axis=axis, keepdims=True)
    return t * (np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(z - m), axis=axis)))


@wrong("smooth_max", "smooth-max-multiplied-by-t")
def smooth_max_multiplied(z, t, axis=-1):
    """Multiplied the values by t inside instead of dividing."""
    y = np.asarray(z) * t
    m = np.max(y, axis=axis, keepdims=True)
    return t * (np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(y - m), axis=axis)))


@wrong("smooth_max", "smooth-max-returned-hard-max")
def smooth_max_hard(z, t, axis=-1):
    """Returned the hard maximum, ignoring t."""
    return np.max(np.asarray(z), axis=axis)


@wrong("smooth_max", "smooth-max-computed-smooth-min")
def smooth_max_smooth_min(z, t, axis=-1):
    """Computed -t * logsumexp(-z / t), the smooth minimum."""
    y = -np.asarray(z) / t
    m = np.max(y, axis=axis, keepdims=True)
    return -t * (np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(y - m), axis=axis)))


@wrong("smooth_max", "lse-no-max-shift")
def smooth_max_naive(z, t, axis=-1):
    """t * log(sum(exp(z / t))) without the max shift: overflows for small t."""
    return t * np.log(np.sum(np.exp(np.asarray(z) / t), axis=axis))


@wrong("smooth_max", "wrong-values")
def smooth_max_log2(z, t, axis=-1):
    """Used log base 2 instead of the natural log."""
    y = np.asarray(z) / t
    m = np.max(y, axis=axis, keepdims=True)
    return t * (np.squeeze(m, axis=axis) + np.log2(np.sum(np.exp(y - m), axis=axis)))


@wrong("smooth_max", "global-max-shift")
def smooth_max_global_max(z, t, axis=-1):
    """Shifted every row by the global maximum."""
    y = np.asarray(z) / t
    m = np.max(y)
    return t * (m + np.log(np.sum(np.exp(y - m), axis=axis)))


@wrong("smooth_max", "wrong-axis")
def smooth_max_ignores_axis(z, t, axis=-1):
    """Always reduced the last axis."""
    y = np.asarray(z) / t
    m = np.max(y, axis=-1, keepdims=True)
    return t * (np.squeeze(m, axis=-1) + np.log(np.sum(np.exp(y - m), axis=-1)))


@wrong("smooth_max", "no-value-error")
def smooth_max_no_validation(z, t, axis=-1):
    """Never checked t: t = 0 divides by zero and returns NaN silently."""
    y = np.asarray(z) / t
    m = np.max(y, axis=axis, keepdims=True)
    return t * (np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(y - m), axis=axis)))


@wrong("smooth_max", "no-value-error")
def smooth_max_accepts_infinite_t(z, t, axis=-1):
    """Rejected t <= 0 but accepted t = inf or NaN."""
    if t <= 0:
        raise ValueError("t must be > 0")
    z = np.asarray(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    if z.shape[axis] == 0:
        return np.full(z.shape[: axis % z.ndim] + z.shape[axis % z.ndim + 1 :], -np.inf)
    m = np.max(z, axis=axis, keepdims=True)
    s = np.where(np.isfinite(m), m, 0)
    y = (z - s) / z.dtype.type(t)
    k = np.argmax(y, axis=axis, keepdims=True)
    e = np.exp(y)
    np.put_along_axis(e, k, 0, axis=axis)
    out = m + z.dtype.type(t) * np.log1p(np.sum(e, axis=axis, keepdims=True))
    return np.squeeze(out, axis=axis)


@wrong("smooth_max", "wrong-dtype")
def smooth_max_float64(z, t, axis=-1):
    """Converted the input to float64."""
    if t <= 0:
        raise ValueError("t must be > 0")
    y = np.asarray(z, dtype=np.float64) / t
    m = np.max(y, axis=axis, keepdims=True)
    return t * (np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(y - m), axis=axis)))


@wrong("smooth_max", "lse-forgot-to-add-max")
def smooth_max_forgot_max(z, t, axis=-1):
    """Shifted z / t by its max inside the log-sum-exp and never added it back."""
    y = np.asarray(z) / t
    m = np.max(y, axis=axis, keepdims=True)
    return t * np.log(np.sum(np.exp(y - m), axis=axis))


@wrong("smooth_max", "lse-mean-instead-of-sum")
def smooth_max_mean(z, t, axis=-1):
    """Averaged the exponentials instead of summing them: t log K too small."""
    y = np.asarray(z) / t
    m = np.max(y, axis=axis, keepdims=True)
    return t * (np.squeeze(m, axis=axis) + np.log(np.mean(np.exp(y - m), axis=axis)))


@wrong("smooth_max", "smooth-max-ignored-t")
def smooth_max_ignores_t(z, t, axis=-1):
    """Returned the plain log-sum-exp, never using t."""
    z = np.asarray(z)
    m = np.max(z, axis=axis, keepdims=True)
    return np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(z - m), axis=axis))


@wrong("smooth_max", "smooth-max-returned-hard-max")
def smooth_max_hard_max_for_small_t(z, t, axis=-1):
    """Returned the hard maximum for t < 0.01, 'the limit', which is off for near ties."""
    if not (math.isfinite(t) and t > 0):
        raise ValueError("t must be > 0")
    z = np.asarray(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    m = np.max(z, axis=axis, keepdims=True)
    if t < 0.01:
        return np.squeeze(m, axis=axis)
    return np.squeeze(m + t * np.log(np.sum(np.exp((z - m) / t), axis=axis, keepdims=True)), axis)


@wrong("smooth_max", "smooth-max-multiplied-by-t")
def smooth_max_inverted_t(z, t, axis=-1):
    """logsumexp(z * t) / t: t used the wrong way round on both sides."""
    y = np.asarray(z) * t
    m = np.max(y, axis=axis, keepdims=True)
    return (np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(y - m), axis=axis))) / t


@wrong("smooth_max", "smooth-max-scaled-the-shift")
def smooth_max_adds_t_times_m(z, t, axis=-1):
    """Subtracted m from z before dividing by t, but added t * m back instead of m."""
    z = np.asarray(z)
    m = np.max(z, axis=axis, keepdims=True)
    out = t * m + t * np.log(np.sum(np.exp((z - m) / t), axis=axis, keepdims=True))
    return np.squeeze(out, axis=axis)


@wrong("smooth_max", "wrong-shape")
def smooth_max_squeezes_every_axis(z, t, axis=-1):
    """Added back np.squeeze(m) without an axis: other length-1 axes vanish and broadcast."""
    if np.ndim(t) != 0 or isinstance(t, bool) or not (math.isfinite(t) and t > 0):
        raise ValueError("t must be a finite number > 0")
    z = _real(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    m = np.max(z, axis=axis, keepdims=True)
    s = np.where(np.isfinite(m), m, 0)
    return np.squeeze(s) + t * np.log(np.sum(np.exp((z - s) / t), axis=axis))


# --- issue 6: the kinds of mistake the first checks let through --------------------------------


def _checked(z, axis):
    """``_real(z)``, an axis in range, and integers promoted: the usual first lines."""
    z = _real(z)
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis {axis} does not exist for a {z.ndim}-D array")
    return z.astype(np.float64) if z.dtype.kind in "biu" else z


def _lse(z, axis):
    """A correct log-sum-exp with keepdims=True, as a learner's own earlier exercise."""
    m = np.max(z, axis=axis, keepdims=True)
    s = np.where(np.isfinite(m), m, 0)
    e = np.exp(z - s)
    np.put_along_axis(e, np.argmax(z, axis=axis, keepdims=True), 0, axis=axis)
    return m + np.log1p(np.sum(e, axis=axis, keepdims=True))


@wrong("logsumexp", "returned-0d-array")
def logsumexp_0d_for_one_row(z, axis=-1, keepdims=False):
    """Right values, but np.squeeze of a 1-D input's result is a 0-d array, not a number."""
    z = _checked(z, axis)
    if z.shape[axis] == 0:
        out = np.full(z.shape[: axis % z.ndim] + (1,) + z.shape[axis % z.ndim + 1 :], -np.inf)
        out = out.astype(z.dtype)
    else:
        out = _lse(z, axis)
    return out if keepdims else np.squeeze(out, axis=axis)


@wrong("logsumexp", "no-value-error")
def logsumexp_index_error_for_bad_axis(z, axis=-1, keepdims=False):
    """Tested `z.shape[axis] == 0` first: an axis out of range raises IndexError, not ValueError."""
    z = _real(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    if z.shape[axis] == 0:
        out = np.full(z.shape[: axis % z.ndim] + (1,) + z.shape[axis % z.ndim + 1 :], -np.inf)
        out = out.astype(z.dtype)
    else:
        out = _lse(z, axis)
    return out if keepdims else np.squeeze(out, axis=axis)[()]


@wrong("log_softmax", "log-softmax-all-neg-inf-nan")
def log_softmax_all_neg_inf_nan(z, axis=-1):
    """(z - m) - log1p(s), shifted by a finite max only, but an all -inf row is -inf - -inf."""
    z = _checked(z, axis)
    if z.shape[axis] == 0:
        return np.empty_like(z)
    m = np.max(z, axis=axis, keepdims=True)
    shifted = z - np.where(np.isfinite(m), m, 0)
    return shifted - _lse(shifted, axis)


@wrong("log_softmax", "empty-axis-refused")
def log_softmax_empty_axis_raises(z, axis=-1):
    """Right everywhere, but np.max raises on an empty axis instead of giving an empty result."""
    z = _checked(z, axis)
    m = np.max(z, axis=axis, keepdims=True)
    shifted = z - np.where(np.isfinite(m), m, 0)
    lse = _lse(shifted, axis)
    return np.where(lse == -np.inf, -np.inf, shifted - lse)


@wrong("log_softmax", "lse-hid-nan")
def log_softmax_nanmax_nansum(z, axis=-1):
    """np.nanmax and np.nansum 'to be safe': a NaN logit no longer spoils its row."""
    z = _checked(z, axis)
    if z.shape[axis] == 0:
        return np.empty_like(z)
    m = np.nanmax(z, axis=axis, keepdims=True)
    shifted = z - np.where(np.isfinite(m), m, 0)
    lse = np.log(np.nansum(np.exp(shifted), axis=axis, keepdims=True))
    return np.where(lse == -np.inf, -np.inf, shifted - lse)


@wrong("log_softmax", "lse-lost-small-terms")
def log_softmax_without_log1p(z, axis=-1):
    """Shift first, then log of the sum: log(1 + 4e-18) rounds to 0, losing the small term."""
    z = _checked(z, axis)
    if z.shape[axis] == 0:
        return np.empty_like(z)
    m = np.max(z, axis=axis, keepdims=True)
    shifted = z - np.where(np.isfinite(m), m, 0)
    lse = np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))
    return np.where(lse == -np.inf, -np.inf, shifted - lse)


@wrong("log_softmax", "log-softmax-lost-digits")
def log_softmax_z_minus_lse(z, axis=-1):
    """z - logsumexp(z): in float32, lse([1e8, 1e8]) = 1e8 + ln 2 rounds to 1e8, giving [0, 0]."""
    z = _checked(z, axis)
    if z.shape[axis] == 0:
        return np.empty_like(z)
    lse = _lse(z, axis)
    return np.where(lse == -np.inf, -np.inf, z - lse)


def _smooth_max(z, t, axis):
    """A correct smooth max once t is validated."""
    z = _checked(z, axis)
    if z.shape[axis] == 0:
        return np.full(z.shape[: axis % z.ndim] + z.shape[axis % z.ndim + 1 :], -np.inf, z.dtype)
    m = np.max(z, axis=axis, keepdims=True)
    s = np.where(np.isfinite(m), m, 0)
    out = s + z.dtype.type(t) * _lse((z - s) / z.dtype.type(t), axis)
    return np.squeeze(out, axis=axis)[()]


@wrong("smooth_max", "no-value-error")
def smooth_max_array_t(z, t, axis=-1):
    """Checked `np.all(t > 0)` and finiteness, so an array of temperatures goes through."""
    t_values = np.asarray(t, dtype=float)
    if not (np.all(np.isfinite(t_values)) and np.all(t_values > 0)):
        raise ValueError("t must be a finite number > 0")
    return _smooth_max(z, t, axis)


@wrong("smooth_max", "no-value-error")
def smooth_max_bool_t(z, t, axis=-1):
    """Accepted any int or float t > 0: True is an int equal to 1, so it passes."""
    if not isinstance(t, (int, float, np.integer, np.floating)):
        raise ValueError("t must be a number")
    if not (math.isfinite(t) and t > 0):
        raise ValueError("t must be a finite number > 0")
    return _smooth_max(z, t, axis)


@wrong("smooth_max", "returned-0d-array")
def smooth_max_0d_for_one_row(z, t, axis=-1):
    """Right values, but np.squeeze of a 1-D input's result is a 0-d array, not a number."""
    if np.ndim(t) != 0 or isinstance(t, bool) or not (math.isfinite(t) and t > 0):
        raise ValueError("t must be a finite number > 0")
    return np.asarray(_smooth_max(z, t, axis))


@wrong("smooth_max", "lse-hid-nan")
def smooth_max_nan_functions(z, t, axis=-1):
    """np.nanmax and np.nansum 'to be safe': a NaN value no longer spoils its row."""
    if np.ndim(t) != 0 or isinstance(t, bool) or not (math.isfinite(t) and t > 0):
        raise ValueError("t must be a finite number > 0")
    z = _checked(z, axis)
    if z.shape[axis] == 0:
        return np.full(z.shape[: axis % z.ndim] + z.shape[axis % z.ndim + 1 :], -np.inf, z.dtype)
    m = np.nanmax(z, axis=axis, keepdims=True)
    s = np.where(np.isfinite(m), m, 0)
    t = z.dtype.type(t)
    out = s + t * np.log(np.nansum(np.exp((z - s) / t), axis=axis, keepdims=True))
    return np.squeeze(out, axis=axis)[()]


@wrong("smooth_max", "lse-empty-axis")
def smooth_max_empty_axis_raises(z, t, axis=-1):
    """Right everywhere, but np.max raises on an empty axis instead of giving -inf."""
    if np.ndim(t) != 0 or isinstance(t, bool) or not (math.isfinite(t) and t > 0):
        raise ValueError("t must be a finite number > 0")
    z = _checked(z, axis)
    m = np.max(z, axis=axis, keepdims=True)
    s = np.where(np.isfinite(m), m, 0)
    out = s + z.dtype.type(t) * _lse((z - s) / z.dtype.type(t), axis)
    return np.squeeze(out, axis=axis)[()]


# --- answers written from the exercise text alone, which the first visible checks passed -------


def _lse_of(z, axis, keepdims):
    """A correct log-sum-exp of a validated float ``z`` along a validated ``axis``."""
    dtype = z.dtype
    work = z.astype(np.float32) if dtype == np.float16 else z
    if work.shape[axis] == 0:
        shape = list(work.shape)
        shape[axis] = 1
        out = np.full(shape, -np.inf, dtype=dtype)
    else:
        out = _lse(work, axis).astype(dtype)
    return (out if keepdims else np.squeeze(out, axis=axis))[()]


def _log_softmax_of(z, axis):
    """A correct log-softmax of a validated float ``z`` along a validated ``axis``."""
    dtype = z.dtype
    if z.shape[axis] == 0:
        return np.empty_like(z)
    work = z.astype(np.float32) if dtype == np.float16 else z
    m = np.max(work, axis=axis, keepdims=True)
    shifted = work - np.where(np.isfinite(m), m, 0)
    lse = _lse(shifted, axis)
    return np.where(lse == -np.inf, -np.inf, shifted - lse).astype(dtype)


def _smooth_max_of(z, t, axis):
    """A correct smooth max of a validated float ``z`` (t checked), computed in float64."""
    if z.shape[axis] == 0:
        return np.full(np.delete(z.shape, axis), -np.inf, dtype=z.dtype)[()]
    work = z.astype(np.float64)
    m = np.max(work, axis=axis, keepdims=True)
    shift = np.where(np.isfinite(m), m, 0)
    out = m + np.float64(t) * _lse((work - shift) / np.float64(t), axis)
    return np.squeeze(out, axis=axis).astype(z.dtype)[()]


def _positive_t(t):
    """t checked the way the text says: one finite number > 0, a 0-d array included."""
    if np.ndim(t) != 0 or isinstance(t, (bool, np.bool_)) or np.asarray(t).dtype.kind not in "iuf":
        raise ValueError("t must be a single real number")
    if not (math.isfinite(float(t)) and float(t) > 0):
        raise ValueError("t must be a finite number > 0")
    return float(t)


@wrong("logsumexp", "axis-out-of-range")
def logsumexp_axis_wraps_negative(z, axis=-1, keepdims=False):
    """Refused only `axis >= z.ndim`, then took `axis % z.ndim`: axis -3 of a 2-D z is axis 1."""
    z = _real(z)
    if axis >= z.ndim:
        raise ValueError("axis out of range")
    axis = axis % z.ndim
    return _lse_of(z.astype(np.float64) if z.dtype.kind in "biu" else z, axis, keepdims)


@wrong("logsumexp", "wrong-dtype")
def logsumexp_empty_axis_float64(z, axis=-1, keepdims=False):
    """The empty axis answered with np.full(shape, -np.inf): float64 always, keepdims ignored."""
    z = _checked(z, axis)
    if z.shape[axis] == 0:
        return np.full(np.delete(z.shape, axis), -np.inf)[()]
    return _lse_of(z, axis, keepdims)


@wrong("logsumexp", "wrong-dtype")
def logsumexp_empty_axis_dtype(z, axis=-1, keepdims=False):
    """The empty axis honours keepdims, but np.full without dtype= makes it float64."""
    z = _checked(z, axis)
    if z.shape[axis] == 0:
        shape = list(z.shape)
        shape[axis] = 1
        out = np.full(shape, -np.inf)
        return (out if keepdims else np.squeeze(out, axis=axis))[()]
    return _lse_of(z, axis, keepdims)


@wrong("logsumexp", "lse-keepdims-ignored")
def logsumexp_empty_axis_drops_keepdims(z, axis=-1, keepdims=False):
    """The empty axis keeps the dtype, but always drops the axis, whatever keepdims says."""
    z = _checked(z, axis)
    if z.shape[axis] == 0:
        return np.full(np.delete(z.shape, axis), -np.inf, dtype=z.dtype)[()]
    return _lse_of(z, axis, keepdims)


@wrong("log_softmax", "axis-out-of-range")
def log_softmax_axis_wraps_negative(z, axis=-1):
    """Refused only `axis >= z.ndim`, then took `axis % z.ndim`: axis -3 of a 2-D z is axis 1."""
    z = _real(z)
    if axis >= z.ndim:
        raise ValueError("axis out of range")
    axis = axis % z.ndim
    return _log_softmax_of(z.astype(np.float64) if z.dtype.kind in "biu" else z, axis)


@wrong("log_softmax", "log-softmax-pos-inf")
def log_softmax_pos_inf_is_certain(z, axis=-1):
    """Read a +inf logit as a certain class: 0 (probability 1) where the answer is NaN."""
    z = _checked(z, axis)
    out = _log_softmax_of(z, axis)
    return np.where(np.isposinf(z) & np.isnan(out), 0.0, out).astype(out.dtype)


@wrong("smooth_max", "axis-out-of-range")
def smooth_max_axis_wraps_negative(z, t, axis=-1):
    """Refused only `axis >= z.ndim`, then took `axis % z.ndim`: axis -3 of a 2-D z is axis 1."""
    t = _positive_t(t)
    z = _real(z)
    if axis >= z.ndim:
        raise ValueError("axis out of range")
    axis = axis % z.ndim
    return _smooth_max_of(z.astype(np.float64) if z.dtype.kind in "biu" else z, t, axis)


@wrong("smooth_max", "smooth-max-t-rounded-to-float32")
def smooth_max_t_rounded_to_float32(z, t, axis=-1):
    """t made a Python float, z kept float32: NumPy rounds t to float32, 1e-50 to 0 (0 / 0)."""
    if isinstance(t, (bool, np.bool_)) or not isinstance(t, (int, float, np.integer, np.floating)):
        raise ValueError(f"t must be a single real number, got {t!r}")
    t = float(t)
    if not (math.isfinite(t) and t > 0):
        raise ValueError(f"t must be finite and > 0, got {t}")
    z = _checked(z, axis)
    work = z.astype(np.float32) if z.dtype == np.float16 else z
    if work.shape[axis] == 0:
        return np.full(np.delete(work.shape, axis), -np.inf, dtype=z.dtype)[()]
    m = np.max(work, axis=axis, keepdims=True)
    shift = np.where(np.isfinite(m), m, 0)
    out = m + t * _lse((work - shift) / t, axis)
    return np.squeeze(out, axis=axis).astype(z.dtype)[()]


@wrong("smooth_max", "smooth-max-t-rounded-to-float32")
def smooth_max_reciprocal_t(z, t, axis=-1):
    """Multiplied by 1 / t in float32: for t = 1e-50, 1 / t = 1e50 is inf there, and 0 * inf NaN."""
    t = _positive_t(t)
    z = _checked(z, axis)
    work = z.astype(np.float32) if z.dtype == np.float16 else z
    if work.shape[axis] == 0:
        return np.full(np.delete(work.shape, axis), -np.inf, dtype=z.dtype)[()]
    m = np.max(work, axis=axis, keepdims=True)
    shift = np.where(np.isfinite(m), m, 0)
    out = np.squeeze(m, axis=axis) + t * np.squeeze(_lse((work - shift) * (1.0 / t), axis), axis)
    return np.asarray(out).astype(z.dtype)[()]


@wrong("smooth_max", "smooth-max-refused-0d-t")
def smooth_max_refuses_0d_t(z, t, axis=-1):
    """Asked isinstance(t, (int, float, ...)): np.array(0.5), one number, is refused."""
    if isinstance(t, (bool, np.bool_)) or not isinstance(t, (int, float, np.integer, np.floating)):
        raise ValueError(f"t must be a single real number, got {t!r}")
    t = _positive_t(t)
    return _smooth_max_of(_checked(z, axis), t, axis)


# --- Precision: float64 computed in float32, float16 rounded twice -----------------------------


@wrong("logsumexp", "float64-computed-in-float32")
def logsumexp_everything_in_float32(z, axis=-1, keepdims=False):
    """'Accumulate in float32' applied to every dtype: float64 loses half its digits."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be an array of real numbers with at least one dimension")
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise ValueError("axis must be an integer")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError("axis out of range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    w = z.astype(np.float32)
    if w.shape[axis] == 0:
        out = np.full(w.shape[: axis % w.ndim] + (1,) + w.shape[axis % w.ndim + 1 :], -np.inf)
    else:
        m = np.max(w, axis=axis, keepdims=True)
        e = np.exp(w - np.where(np.isfinite(m), m, 0))
        np.put_along_axis(e, np.argmax(w, axis=axis, keepdims=True), 0, axis=axis)
        out = m + np.log1p(np.sum(e, axis=axis, keepdims=True))
    if not keepdims:
        out = np.squeeze(out, axis=axis)
    return out.astype(dtype)[()]


@wrong("logsumexp", "float16-double-rounding")
def logsumexp_float16_log(z, axis=-1, keepdims=False):
    """float16: the sum accumulated in float32, but its log1p rounded to float16 before the
    max is added back (two roundings)."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be an array of real numbers with at least one dimension")
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise ValueError("axis must be an integer")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError("axis out of range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    w = z.astype(np.float32) if dtype == np.float16 else z.astype(dtype)
    if w.shape[axis] == 0:
        out = np.full(w.shape[: axis % w.ndim] + (1,) + w.shape[axis % w.ndim + 1 :], -np.inf)
    else:
        m = np.max(w, axis=axis, keepdims=True)
        e = np.exp(w - np.where(np.isfinite(m), m, 0))
        np.put_along_axis(e, np.argmax(w, axis=axis, keepdims=True), 0, axis=axis)
        tail = np.log1p(np.sum(e, axis=axis, keepdims=True)).astype(dtype)  # first rounding
        out = m.astype(dtype) + tail
    if not keepdims:
        out = np.squeeze(out, axis=axis)
    return out.astype(dtype)[()]


@wrong("log_softmax", "float64-computed-in-float32")
def log_softmax_everything_in_float32(z, axis=-1):
    """float64 input computed in float32 and converted back."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be an array of real numbers with at least one dimension")
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise ValueError("axis must be an integer")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError("axis out of range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    w = z.astype(np.float32)
    if w.shape[axis] == 0:
        return np.empty(z.shape, dtype)
    m = np.max(w, axis=axis, keepdims=True)
    shifted = w - np.where(np.isfinite(m), m, 0)
    e = np.exp(shifted)
    np.put_along_axis(e, np.argmax(w, axis=axis, keepdims=True), 0, axis=axis)
    lse = np.log1p(np.sum(e, axis=axis, keepdims=True))
    lse = np.where(np.isfinite(m), lse, m)
    out = np.where(lse == -np.inf, -np.inf, shifted - lse)
    return out.astype(dtype)


@wrong("log_softmax", "float16-double-rounding")
def log_softmax_float16_shift(z, axis=-1):
    """float16: z - max and log Σ exp each rounded to float16, then subtracted (rounded again)."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be an array of real numbers with at least one dimension")
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise ValueError("axis must be an integer")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError("axis out of range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    z = z.astype(dtype)
    if z.shape[axis] == 0:
        return np.empty_like(z)
    m = np.max(z, axis=axis, keepdims=True)
    shifted = z - np.where(np.isfinite(m), m, 0).astype(dtype)  # float16 for float16 input
    w = shifted.astype(np.float32) if dtype == np.float16 else shifted
    e = np.exp(w)
    np.put_along_axis(e, np.argmax(w, axis=axis, keepdims=True), 0, axis=axis)
    lse = np.log1p(np.sum(e, axis=axis, keepdims=True)).astype(dtype)  # rounded to float16
    lse = np.where(np.isfinite(m), lse, m)
    return np.where(lse == -np.inf, -np.inf, shifted - lse).astype(dtype)


def _checked_smooth_max_args(z, t, axis):
    """What every smooth_max entry below validates the same way (not the mistake itself)."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be an array of real numbers with at least one dimension")
    if isinstance(t, (bool, np.bool_)) or np.ndim(t) != 0 or np.asarray(t).dtype.kind not in "iuf":
        raise ValueError("t must be one real number")
    t = float(t)
    if not (np.isfinite(t) and t > 0):
        raise ValueError("t must be positive and finite")
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise ValueError("axis must be an integer")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError("axis out of range")
    return z, t


@wrong("log_softmax", "global-max-shift")
def log_softmax_batch_max_shift(z, axis=-1):
    """Shifted by the maximum of the whole batch, then a correct per-row log-sum-exp."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be an array of real numbers with at least one dimension")
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise ValueError("axis must be an integer")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError("axis out of range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    w = z.astype(np.float32 if dtype == np.float16 else dtype)
    if w.size == 0:
        return np.empty(z.shape, dtype)
    top = np.max(w)  # one maximum for the whole batch
    shifted = w - (top if np.isfinite(top) else 0)
    m = np.max(shifted, axis=axis, keepdims=True)
    inner = shifted - np.where(np.isfinite(m), m, 0)
    e = np.exp(inner)
    np.put_along_axis(e, np.argmax(inner, axis=axis, keepdims=True), 0, axis=axis)
    lse = np.where(np.isfinite(m), m + np.log1p(np.sum(e, axis=axis, keepdims=True)), m)
    return np.where(lse == -np.inf, -np.inf, shifted - lse).astype(dtype)


@wrong("smooth_max", "lse-lost-small-terms")
def smooth_max_plain_log(z, t, axis=-1):
    """m + t log Σ exp((z - m) / t): the plain log rounds 1 + e^-40 to 1, and 4.2e-18 to 0."""
    z, t = _checked_smooth_max_args(z, t, axis)
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    w = z.astype(np.float64)
    if w.shape[axis] == 0:
        return np.full(np.delete(w.shape, axis % w.ndim), -np.inf, dtype)[()]
    m = np.max(w, axis=axis, keepdims=True)
    shift = np.where(np.isfinite(m), m, 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.squeeze(shift, axis) + t * np.log(np.sum(np.exp((w - shift) / t), axis=axis))
    out = np.where(np.isfinite(np.squeeze(m, axis)), out, np.squeeze(m, axis))
    return np.asarray(out).astype(dtype)[()]


@wrong("smooth_max", "smooth-max-t-rounded-to-float32")
def smooth_max_float16_divides_in_float32(z, t, axis=-1):
    """float32 z keeps t in float64, but float16 z is computed with t rounded to float32."""
    z, t = _checked_smooth_max_args(z, t, axis)
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    w = z.astype(np.float32) if dtype == np.float16 else z.astype(dtype)
    t_w = np.float32(t) if dtype == np.float16 else np.float64(t)  # 1e-50 -> 0 in float32
    if w.shape[axis] == 0:
        return np.full(np.delete(w.shape, axis % w.ndim), -np.inf, dtype)[()]
    m = np.max(w, axis=axis, keepdims=True)
    shift = np.where(np.isfinite(m), m, 0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        scaled = (w - shift) / t_w
        top = np.max(scaled, axis=axis, keepdims=True)
        e = np.exp(scaled - np.where(np.isfinite(top), top, 0))
        np.put_along_axis(e, np.argmax(scaled, axis=axis, keepdims=True), 0, axis=axis)
        lse = np.where(np.isfinite(top), top + np.log1p(np.sum(e, axis=axis, keepdims=True)), top)
        out = np.squeeze(shift, axis) + t_w * np.squeeze(lse, axis)
    out = np.where(np.isfinite(np.squeeze(m, axis)), out, np.squeeze(m, axis))
    return np.asarray(out).astype(dtype)[()]
