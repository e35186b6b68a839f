"""Known-wrong answers to notebook ``05_temperature``.

Each function is a realistic learner's answer to one exercise, with the exercise's
signature, self-contained (NumPy and ``math`` only), and the tag of the mistake that the
checks must name when they reject it.
"""

import math
import random

import numpy as np

from tests.mistakes import wrong
from tests.mistakes.round3.temperature import _prep_fit, ece_ok, fit_ok, smp_ok2, swt_ok

# --- softmax_with_temperature ------------------------------------------------------------


@wrong("softmax_with_temperature", "temperature-multiplied")
def swt_multiplies_by_T(z, T, axis=-1):
    """Multiplied the logits by T instead of dividing."""
    if not (math.isfinite(T) and T > 0):
        raise ValueError("T must be positive")
    s = np.asarray(z, dtype=float) * T
    e = np.exp(s - s.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("softmax_with_temperature", "temperature-after-softmax")
def swt_power_after_softmax(z, T, axis=-1):
    """Raised softmax(z) to the power 1/T and did not renormalise."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return (e / e.sum(axis=axis, keepdims=True)) ** (1 / T)


@wrong("softmax_with_temperature", "temperature-after-softmax")
def swt_divides_probabilities(z, T, axis=-1):
    """Divided the probabilities by T."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True) / T


@wrong("softmax_with_temperature", "temperature-ignored")
def swt_ignores_T(z, T, axis=-1):
    """Validated T and then forgot to use it."""
    if not (math.isfinite(T) and T > 0):
        raise ValueError("T must be positive")
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("softmax_with_temperature", "temperature-log-probabilities")
def swt_log_softmax(z, T, axis=-1):
    """Returned log softmax(z / T)."""
    s = np.asarray(z, dtype=float) / T
    s = s - s.max(axis=axis, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=axis, keepdims=True))


@wrong("softmax_with_temperature", "temperature-not-normalised")
def swt_denominator_without_T(z, T, axis=-1):
    """Divided exp(z / T) by the sum of exp(z), forgetting T in the denominator."""
    z = np.asarray(z, dtype=float)
    m = z.max(axis=axis, keepdims=True)
    return np.exp((z - m) / T) / np.exp(z - m).sum(axis=axis, keepdims=True)


@wrong("softmax_with_temperature", "no-max-shift")
def swt_no_max_shift(z, T, axis=-1):
    """exp(z / T) without subtracting the maximum: overflows."""
    if not (math.isfinite(T) and T > 0):
        raise ValueError("T must be positive")
    e = np.exp(np.asarray(z, dtype=float) / T)
    return e / e.sum(axis=axis, keepdims=True)


@wrong("softmax_with_temperature", "temperature-unscaled-shift")
def swt_shift_by_max_of_z(z, T, axis=-1):
    """Subtracted max(z), but from z / T: overflows for a small T."""
    if not (math.isfinite(T) and T > 0):
        raise ValueError("T must be positive")
    z = np.asarray(z, dtype=float)
    e = np.exp(z / T - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("softmax_with_temperature", "global-max-shift")
def swt_global_max(z, T, axis=-1):
    """Subtracted the maximum of the whole array."""
    if not (math.isfinite(T) and T > 0):
        raise ValueError("T must be positive")
    s = np.asarray(z, dtype=float) / T
    e = np.exp(s - s.max())
    return e / e.sum(axis=axis, keepdims=True)


@wrong("softmax_with_temperature", "global-normalisation")
def swt_global_sum(z, T, axis=-1):
    """Normalised over the whole array."""
    s = np.asarray(z, dtype=float) / T
    e = np.exp(s - s.max())
    return e / e.sum()


@wrong("softmax_with_temperature", "wrong-axis")
def swt_ignores_axis(z, T, axis=-1):
    """Always worked along the last axis."""
    if not (math.isfinite(T) and T > 0):
        raise ValueError("T must be positive")
    s = np.asarray(z, dtype=float) / T
    e = np.exp(s - s.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


@wrong("softmax_with_temperature", "wrong-axis")
def swt_axis_zero(z, T, axis=-1):
    """Reduced along axis 0 whatever `axis` says."""
    s = np.asarray(z, dtype=float) / T
    e = np.exp(s - s.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


@wrong("softmax_with_temperature", "missing-keepdims")
def swt_sum_without_keepdims(z, T, axis=-1):
    """Summed without keepdims, so the sums broadcast along the wrong axis."""
    s = np.asarray(z, dtype=float) / T
    e = np.exp(s - s.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis)


@wrong("softmax_with_temperature", "missing-keepdims")
def swt_max_without_keepdims(z, T, axis=-1):
    """Took the maximum without keepdims."""
    s = np.asarray(z, dtype=float) / T
    e = np.exp(s - s.max(axis=axis))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("softmax_with_temperature", "no-value-error")
def swt_no_validation(z, T, axis=-1):
    """Never checked T: T = 0 gives NaN, T < 0 inverts the order."""
    z = np.asarray(z)
    s = (z.astype(float) if z.dtype.kind in "biu" else z) / T
    e = np.exp(s - s.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("softmax_with_temperature", "no-value-error")
def swt_allows_infinite_T(z, T, axis=-1):
    """Checked T > 0 only: T = inf (uniform) and T = nan slip through."""
    if T <= 0:
        raise ValueError("T must be positive")
    z = np.asarray(z)
    s = (z.astype(float) if z.dtype.kind in "biu" else z) / T
    e = np.exp(s - s.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("softmax_with_temperature", "modified-input")
def swt_in_place(z, T, axis=-1):
    """Divided the caller's array by T in place."""
    if not (math.isfinite(T) and T > 0):
        raise ValueError("T must be positive")
    z /= T
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("softmax_with_temperature", "missing-return")
def swt_no_return(z, T, axis=-1):
    """Computed the probabilities and forgot to return them."""
    s = np.asarray(z, dtype=float) / T
    e = np.exp(s - s.max(axis=axis, keepdims=True))
    e / e.sum(axis=axis, keepdims=True)


@wrong("softmax_with_temperature", "wrong-dtype")
def swt_always_float64(z, T, axis=-1):
    """Converted the input to float64, so float32 logits give float64 probabilities."""
    if not (math.isfinite(T) and T > 0):
        raise ValueError("T must be positive")
    s = np.asarray(z, dtype=np.float64) / T
    e = np.exp(s - s.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("softmax_with_temperature", "wrong-values")
def swt_floors_minus_inf(z, T, axis=-1):
    """Replaced -inf logits by -100 to dodge NaN: those classes get a probability."""
    if np.ndim(T) != 0 or not (np.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number > 0")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be an array of real numbers")
    if z.dtype.kind in "biu":
        z = z.astype(float)
    s = np.where(np.isneginf(z), z.dtype.type(-100.0), z) / T
    e = np.exp(s - s.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("softmax_with_temperature", "raised-error")
def swt_crashes_on_empty_batch(z, T, axis=-1):
    """Took the global max of the array, which fails for an empty batch."""
    if np.ndim(T) != 0 or not (np.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number > 0")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be an array of real numbers")
    s = (z.astype(float) if z.dtype.kind in "biu" else z) / T
    if np.max(s) > 700:
        s = s - s.max(axis=axis, keepdims=True)
    e = np.exp(s - s.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("softmax_with_temperature", "temperature-argmax-shortcut")
def swt_one_hot_for_small_T(z, T, axis=-1):
    """Returned the one-hot argmax for T < 0.01 'since it is the limit': wrong for near ties."""
    if not (math.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number > 0")
    z = np.asarray(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    m = np.max(z, axis=axis, keepdims=True, initial=-np.inf)
    if T < 0.01:
        first = np.cumsum(z == m, axis=axis) == 1
        return ((z == m) & first).astype(z.dtype)
    e = np.exp((z - m) / T)
    return e / np.sum(e, axis=axis, keepdims=True)


# The issue-6 kinds: silent wrong values on named edges, valid input refused, invalid
# arguments let through, return types. Each is otherwise a correct answer.


@wrong("softmax_with_temperature", "temperature-divided-first")
def swt_float16_divides_first(z, T, axis=-1):
    """Kept the dtype, but divided by T before shifting: float16 z / T overflows or rounds."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be an array of real numbers")
    if np.ndim(T) != 0 or not (np.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number > 0")
    T = float(T)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    s = z / T
    e = np.exp(s - np.max(s, axis=axis, keepdims=True, initial=-np.inf))
    total = np.sum(e, axis=axis, keepdims=True, dtype=np.promote_types(z.dtype, np.float32))
    return e / total.astype(z.dtype)


@wrong("softmax_with_temperature", "temperature-float16-sum-overflow")
def swt_float16_sum(z, T, axis=-1):
    """Shifted, then divided, all in the input's dtype: the float16 sum of a long row is inf."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be an array of real numbers")
    if np.ndim(T) != 0 or not (np.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number > 0")
    T = float(T)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    e = np.exp((z - np.max(z, axis=axis, keepdims=True, initial=-np.inf)) / T)
    return e / np.sum(e, axis=axis, keepdims=True)


@wrong("softmax_with_temperature", "temperature-nan-swallowed")
def swt_nan_functions(z, T, axis=-1):
    """Used np.nanmax and np.nansum 'to be safe': a NaN logit vanishes from its row."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be an array of real numbers")
    if np.ndim(T) != 0 or not (np.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number > 0")
    T = float(T)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    e = np.exp((z - np.nanmax(z, axis=axis, keepdims=True)) / T)
    return e / np.nansum(e, axis=axis, keepdims=True)


@wrong("softmax_with_temperature", "no-value-error")
def swt_array_T(z, T, axis=-1):
    """Validated T element-wise, so an array of temperatures passes and broadcasts."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be an array of real numbers")
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    if np.any(np.asarray(T) <= 0) or not np.all(np.isfinite(T)):
        raise ValueError("T must be a finite number > 0")
    e = np.exp((z - np.max(z, axis=axis, keepdims=True, initial=-np.inf)) / T)
    return e / np.sum(e, axis=axis, keepdims=True)


@wrong("softmax_with_temperature", "no-value-error")
def swt_complex_passes(z, T, axis=-1):
    """Promoted integers but let complex logits through: a complex 'probability' comes back."""
    z = np.asarray(z)
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if np.ndim(T) != 0 or not (np.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number > 0")
    T = float(T)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    e = np.exp((z - np.max(z, axis=axis, keepdims=True, initial=-np.inf)) / T)
    return e / np.sum(e, axis=axis, keepdims=True)


@wrong("softmax_with_temperature", "raised-error")
def swt_empty_axis_raises(z, T, axis=-1):
    """The textbook max shift: np.max of an empty axis raises instead of giving an empty result."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be an array of real numbers")
    if np.ndim(T) != 0 or not (np.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number > 0")
    T = float(T)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    e = np.exp((z - np.max(z, axis=axis, keepdims=True)) / T)
    return e / np.sum(e, axis=axis, keepdims=True)


@wrong("softmax_with_temperature", "raised-error")
def swt_refuses_numpy_T(z, T, axis=-1):
    """Accepted only Python numbers as T: np.float32(0.5) is refused."""
    if isinstance(T, bool) or not isinstance(T, (int, float)):
        raise ValueError("T must be a number")
    if not (math.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number > 0")
    T = float(T)
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be an array of real numbers")
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    e = np.exp((z - np.max(z, axis=axis, keepdims=True, initial=-np.inf)) / T)
    return e / np.sum(e, axis=axis, keepdims=True)


@wrong("softmax_with_temperature", "wrong-dtype")
def swt_T_as_array(z, T, axis=-1):
    """Validated T as np.asarray(T, dtype=float): a float64 0-d array turns float32 into float64."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be an array of real numbers")
    T = np.asarray(T, dtype=float)
    if T.ndim != 0 or not (np.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number > 0")
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    e = np.exp((z - np.max(z, axis=axis, keepdims=True, initial=-np.inf)) / T)
    return e / np.sum(e, axis=axis, keepdims=True)


@wrong("softmax_with_temperature", "returned-list")
def swt_returns_list(z, T, axis=-1):
    """Returned the probabilities as a list (.tolist()), 'to print nicely'."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be an array of real numbers")
    if np.ndim(T) != 0 or not (np.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number > 0")
    T = float(T)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    e = np.exp((z - np.max(z, axis=axis, keepdims=True, initial=-np.inf)) / T)
    return (e / np.sum(e, axis=axis, keepdims=True)).tolist()


# --- entropy -----------------------------------------------------------------------------


@wrong("entropy", "entropy-not-in-nats")
def entropy_bits(p, axis=-1):
    """Used log2: the entropy in bits."""
    p = np.asarray(p, dtype=float)
    terms = np.where(p > 0, p * np.log2(np.where(p > 0, p, 1.0)), 0.0)
    return -terms.sum(axis=axis)


@wrong("entropy", "entropy-not-in-nats")
def entropy_normalised(p, axis=-1):
    """Divided by log K (the 'normalised entropy')."""
    p = np.asarray(p, dtype=float)
    terms = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    return -terms.sum(axis=axis) / np.log(p.shape[axis])


@wrong("entropy", "entropy-missing-minus-sign")
def entropy_no_minus(p, axis=-1):
    """Forgot the minus sign."""
    p = np.asarray(p, dtype=float)
    return np.sum(np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0), axis=axis)


@wrong("entropy", "entropy-nan-at-zero")
def entropy_nan_at_zero(p, axis=-1):
    """Plain -sum(p log p): 0 * log 0 is NaN."""
    p = np.asarray(p, dtype=float)
    return -np.sum(p * np.log(p), axis=axis)


@wrong("entropy", "entropy-averaged")
def entropy_mean(p, axis=-1):
    """Averaged -p log p over the classes instead of summing."""
    p = np.asarray(p, dtype=float)
    return -np.mean(np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0), axis=axis)


@wrong("entropy", "entropy-summed-over-everything")
def entropy_total(p, axis=-1):
    """Summed over the whole array."""
    p = np.asarray(p, dtype=float)
    return -np.sum(np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0))


@wrong("entropy", "wrong-axis")
def entropy_ignores_axis(p, axis=-1):
    """Always summed along the last axis."""
    p = np.asarray(p, dtype=float)
    return -np.sum(np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0), axis=-1)


@wrong("entropy", "wrong-axis")
def entropy_axis_zero(p, axis=-1):
    """Summed along axis 0."""
    p = np.asarray(p, dtype=float)
    return -np.sum(np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0), axis=0)


@wrong("entropy", "modified-input")
def entropy_patches_zeros_in_place(p, axis=-1):
    """Replaced zeros by ones in the caller's array to avoid log 0."""
    p[p == 0] = 1.0
    return -np.sum(np.where(p < 1, p * np.log(p), 0.0), axis=axis)


@wrong("entropy", "wrong-values")
def entropy_large_epsilon(p, axis=-1):
    """Added 1e-6 inside the log: biased by about K * 1e-6."""
    p = np.asarray(p, dtype=float)
    return -np.sum(p * np.log(p + 1e-6), axis=axis)


@wrong("entropy", "wrong-values")
def entropy_of_softmax(p, axis=-1):
    """Applied softmax to the probabilities first, as if they were logits."""
    p = np.asarray(p, dtype=float)
    q = np.exp(p) / np.exp(p).sum(axis=axis, keepdims=True)
    return -np.sum(q * np.log(q), axis=axis)


@wrong("entropy", "wrong-dtype")
def entropy_always_float64(p, axis=-1):
    """Converted to float64, so float32 input gives float64 entropies."""
    p = np.asarray(p, dtype=np.float64)
    return -np.sum(np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0), axis=axis)


@wrong("entropy", "no-value-error")
def entropy_accepts_negative(p, axis=-1):
    """Skipped the terms with p <= 0, so negative 'probabilities' pass silently."""
    p = np.asarray(p)
    if p.dtype.kind in "iu":
        p = p.astype(float)
    safe = np.where(p > 0, p, 1.0)
    return -np.sum(np.where(p > 0, p * np.log(safe), 0.0), axis=axis)


@wrong("entropy", "wrong-dtype")
def entropy_python_float(p, axis=-1):
    """Returned float(h) for a single distribution: a Python float, float64 for float32 input."""
    p = np.asarray(p)
    if p.dtype.kind in "biu":
        p = p.astype(np.float64)
    if np.any(p < 0):
        raise ValueError("probabilities cannot be negative")
    h = -np.sum(np.where(p > 0, p * np.log(np.where(p > 0, p, 1)), 0), axis=axis)
    return float(h) if h.ndim == 0 else h


@wrong("entropy", "entropy-nan-swallowed")
def entropy_nansum(p, axis=-1):
    """-np.nansum(p * log p): handles 0 log 0, but a NaN probability vanishes too."""
    p = np.asarray(p)
    if p.dtype.kind not in "biuf" or p.ndim == 0:
        raise ValueError("p must be an array of real numbers")
    if p.dtype.kind in "biu":
        p = p.astype(np.float64)
    if np.any(p < 0) or np.any(p > 1):
        raise ValueError("probabilities must lie in [0, 1]")
    return -np.nansum(p * np.log(p), axis=axis)


@wrong("entropy", "entropy-nan-swallowed")
def entropy_where_positive(p, axis=-1):
    """np.where(p > 0, p log p, 0): NaN > 0 is False, so a NaN term becomes 0."""
    p = np.asarray(p)
    if p.dtype.kind not in "biuf" or p.ndim == 0:
        raise ValueError("p must be an array of real numbers")
    if p.dtype.kind in "biu":
        p = p.astype(np.float64)
    if np.any(p < 0) or np.any(p > 1):
        raise ValueError("probabilities must lie in [0, 1]")
    safe = np.where(p > 0, p, 1)
    return -np.sum(np.where(p > 0, p * np.log(safe), 0), axis=axis)


@wrong("entropy", "returned-0d-array")
def entropy_as_array(p, axis=-1):
    """Wrapped the result in np.asarray(..., dtype=p.dtype): a 1-D p gives a 0-d array."""
    p = np.asarray(p)
    if p.dtype.kind not in "biuf" or p.ndim == 0:
        raise ValueError("p must be an array of real numbers")
    if p.dtype.kind in "biu":
        p = p.astype(np.float64)
    if np.any(p < 0) or np.any(p > 1):
        raise ValueError("probabilities must lie in [0, 1]")
    log_p = np.log(p, out=np.zeros_like(p), where=p > 0)
    return np.asarray(-np.sum(p * log_p, axis=axis), dtype=p.dtype)


@wrong("entropy", "raised-error")
def entropy_refuses_nan(p, axis=-1):
    """Checked 0 <= p <= 1 with np.all, which is False for NaN: a NaN entry raises."""
    p = np.asarray(p)
    if p.dtype.kind not in "biuf" or p.ndim == 0:
        raise ValueError("p must be an array of real numbers")
    if p.dtype.kind in "biu":
        p = p.astype(np.float64)
    if not np.all((p >= 0) & (p <= 1)):
        raise ValueError("probabilities must lie in [0, 1]")
    log_p = np.log(p, out=np.zeros_like(p), where=p > 0)
    return -np.sum(p * log_p, axis=axis)


@wrong("entropy", "raised-error")
def entropy_min_max_check(p, axis=-1):
    """Validated with p.min() and p.max(), which raise on an empty array."""
    p = np.asarray(p)
    if p.dtype.kind not in "biuf" or p.ndim == 0:
        raise ValueError("p must be an array of real numbers")
    if p.dtype.kind in "biu":
        p = p.astype(np.float64)
    if p.min() < 0 or p.max() > 1:
        raise ValueError("probabilities must lie in [0, 1]")
    log_p = np.log(p, out=np.zeros_like(p), where=p > 0)
    return -np.sum(p * log_p, axis=axis)


@wrong("entropy", "no-value-error")
def entropy_allows_above_one(p, axis=-1):
    """Rejected negative entries only: p = [1.5, 0] passes."""
    p = np.asarray(p)
    if p.dtype.kind not in "biuf" or p.ndim == 0:
        raise ValueError("p must be an array of real numbers")
    if p.dtype.kind in "biu":
        p = p.astype(np.float64)
    if np.any(p < 0):
        raise ValueError("probabilities cannot be negative")
    log_p = np.log(p, out=np.zeros_like(p), where=p > 0)
    return -np.sum(p * log_p, axis=axis)


# --- sample_with_temperature -------------------------------------------------------------


@wrong("sample_with_temperature", "sampling-argmax")
def sample_argmax(z, T, rng, size=None):
    """Returned the most likely class instead of sampling."""
    if not T > 0:
        raise ValueError("T must be positive")
    k = int(np.argmax(np.asarray(z, dtype=float)))
    return k if size is None else np.full(size, k)


@wrong("sample_with_temperature", "temperature-ignored")
def sample_ignores_T(z, T, rng, size=None):
    """Sampled from softmax(z), forgetting T."""
    if not T > 0:
        raise ValueError("T must be positive")
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max())
    return rng.choice(len(z), size=size, p=e / e.sum())


@wrong("sample_with_temperature", "temperature-multiplied")
def sample_multiplies_T(z, T, rng, size=None):
    """Sampled from softmax(z * T)."""
    if not T > 0:
        raise ValueError("T must be positive")
    s = np.asarray(z, dtype=float) * T
    e = np.exp(s - s.max())
    return rng.choice(len(s), size=size, p=e / e.sum())


@wrong("sample_with_temperature", "sampling-from-logits")
def sample_from_logits(z, T, rng, size=None):
    """Used z / T, normalised to sum 1, as the probabilities (no softmax)."""
    if not T > 0:
        raise ValueError("T must be positive")
    s = np.asarray(z, dtype=float) / T
    return rng.choice(len(s), size=size, p=s / s.sum())


@wrong("sample_with_temperature", "sampling-wrong-frequencies")
def sample_gumbel_wrong_sign(z, T, rng, size=None):
    """Gumbel-max trick with the noise subtracted instead of added."""
    if not T > 0:
        raise ValueError("T must be positive")
    s = np.asarray(z, dtype=float) / T
    shape = () if size is None else ((size,) if isinstance(size, int) else tuple(size))
    g = rng.gumbel(size=shape + (len(s),))
    return np.argmax(s - g, axis=-1)


@wrong("sample_with_temperature", "sampling-wrong-frequencies")
def sample_unnormalised_cdf(z, T, rng, size=None):
    """Inverse CDF on the cumulative sum of exp((z - max) / T), never divided by its total."""
    if not T > 0:
        raise ValueError("T must be positive")
    s = np.asarray(z, dtype=float) / T
    cdf = np.cumsum(np.exp(s - s.max()))
    return np.minimum(np.searchsorted(cdf, rng.random(size), side="right"), len(cdf) - 1)


@wrong("sample_with_temperature", "sampling-index-out-of-range")
def sample_one_based(z, T, rng, size=None):
    """Inverse CDF that returns 1-based indices."""
    if not T > 0:
        raise ValueError("T must be positive")
    s = np.asarray(z, dtype=float) / T
    e = np.exp(s - s.max())
    cdf = np.cumsum(e / e.sum())
    return np.searchsorted(cdf, rng.random(size), side="right") + 1


@wrong("sample_with_temperature", "sampling-ignores-rng")
def sample_global_state(z, T, rng, size=None):
    """Used NumPy's global random state instead of the generator."""
    if not T > 0:
        raise ValueError("T must be positive")
    s = np.asarray(z, dtype=float) / T
    e = np.exp(s - s.max())
    return np.random.choice(len(s), size=size, p=e / e.sum())  # noqa: NPY002


@wrong("sample_with_temperature", "sampling-ignores-rng")
def sample_own_generator(z, T, rng, size=None):
    """Created a fresh unseeded generator inside the function."""
    if not T > 0:
        raise ValueError("T must be positive")
    s = np.asarray(z, dtype=float) / T
    e = np.exp(s - s.max())
    return np.random.default_rng().choice(len(s), size=size, p=e / e.sum())


@wrong("sample_with_temperature", "sampling-ignores-rng")
def sample_fixed_seed(z, T, rng, size=None):
    """Seeded its own generator with 0, so every call gives the same draws."""
    if not T > 0:
        raise ValueError("T must be positive")
    s = np.asarray(z, dtype=float) / T
    e = np.exp(s - s.max())
    return np.random.default_rng(0).choice(len(s), size=size, p=e / e.sum())


@wrong("sample_with_temperature", "sampling-ignores-rng")
def sample_python_random(z, T, rng, size=None):
    """Used Python's random module and a loop."""
    if not T > 0:
        raise ValueError("T must be positive")
    s = np.asarray(z, dtype=float) / T
    e = np.exp(s - s.max())
    p = (e / e.sum()).tolist()
    if size is None:
        return random.choices(range(len(p)), weights=p)[0]
    n = int(np.prod(size))
    return np.array(random.choices(range(len(p)), weights=p, k=n)).reshape(size)


@wrong("sample_with_temperature", "no-max-shift")
def sample_no_max_shift(z, T, rng, size=None):
    """exp(z / T) without the max shift: NaN probabilities for a small T."""
    if not T > 0:
        raise ValueError("T must be positive")
    e = np.exp(np.asarray(z, dtype=float) / T)
    return rng.choice(len(e), size=size, p=e / e.sum())


@wrong("sample_with_temperature", "no-max-shift")
def sample_no_max_shift_cdf(z, T, rng, size=None):
    """Inverse CDF on exp(z / T) without the max shift: NaN CDF for a small T."""
    if not T > 0:
        raise ValueError("T must be positive")
    e = np.exp(np.asarray(z, dtype=float) / T)
    cdf = np.cumsum(e) / e.sum()
    return np.searchsorted(cdf, rng.random(size), side="right")


@wrong("sample_with_temperature", "sampling-returned-probabilities")
def sample_returns_probabilities(z, T, rng, size=None):
    """Returned softmax(z / T) instead of drawing from it."""
    if not T > 0:
        raise ValueError("T must be positive")
    s = np.asarray(z, dtype=float) / T
    e = np.exp(s - s.max())
    return e / e.sum()


@wrong("sample_with_temperature", "wrong-shape")
def sample_ignores_size(z, T, rng, size=None):
    """Always drew a single index, whatever `size` says."""
    if not T > 0:
        raise ValueError("T must be positive")
    s = np.asarray(z, dtype=float) / T
    e = np.exp(s - s.max())
    return rng.choice(len(s), p=e / e.sum())


@wrong("sample_with_temperature", "wrong-shape")
def sample_always_array(z, T, rng, size=None):
    """Returned a 1-element array for size=None and flattened tuple sizes."""
    if not T > 0:
        raise ValueError("T must be positive")
    s = np.asarray(z, dtype=float) / T
    e = np.exp(s - s.max())
    n = 1 if size is None else int(np.prod(size))
    return rng.choice(len(s), size=n, p=e / e.sum())


@wrong("sample_with_temperature", "sampling-not-integer")
def sample_float_indices(z, T, rng, size=None):
    """Inverse CDF computed with floats and returned as floats."""
    if not T > 0:
        raise ValueError("T must be positive")
    s = np.asarray(z, dtype=float) / T
    e = np.exp(s - s.max())
    cdf = np.cumsum(e / e.sum())
    u = rng.random(size)
    return np.sum(np.asarray(u)[..., None] >= cdf, axis=-1) * 1.0


@wrong("sample_with_temperature", "no-value-error")
def sample_no_T_check(z, T, rng, size=None):
    """Never checked T: T < 0 samples from softmax(-z)."""
    s = np.asarray(z, dtype=float) / T
    e = np.exp(s - s.max())
    return rng.choice(len(s), size=size, p=e / e.sum())


@wrong("sample_with_temperature", "no-value-error")
def sample_accepts_random_state(z, T, rng, size=None):
    """Correct draws, but any object with .choice is accepted as the generator."""
    if not (math.isfinite(T) and T > 0):
        raise ValueError("T must be positive")
    s = np.asarray(z, dtype=float) / T
    e = np.exp(s - s.max())
    return rng.choice(len(s), size=size, p=e / e.sum())


@wrong("sample_with_temperature", "modified-input")
def sample_in_place(z, T, rng, size=None):
    """Divided the caller's logits by T in place."""
    if not T > 0:
        raise ValueError("T must be positive")
    z /= T
    e = np.exp(z - z.max())
    return rng.choice(len(z), size=size, p=e / e.sum())


@wrong("sample_with_temperature", "sampling-wrong-frequencies")
def sample_from_sorted_probabilities(z, T, rng, size=None):
    """Inverse CDF on np.sort(p): the index found is a rank, not the class."""
    if not (math.isfinite(T) and T > 0):
        raise ValueError("T must be positive")
    s = np.asarray(z, dtype=float) / T
    e = np.exp(s - s.max())
    cdf = np.cumsum(np.sort(e / e.sum()))
    return np.searchsorted(cdf / cdf[-1], rng.random(size), side="right")


@wrong("sample_with_temperature", "returned-list")
def sample_returns_list(z, T, rng, size=None):
    """Returned the draws as a Python list (.tolist())."""
    if not (math.isfinite(T) and T > 0):
        raise ValueError("T must be positive")
    s = np.asarray(z, dtype=float) / T
    e = np.exp(s - s.max())
    out = rng.choice(len(s), size=size, p=e / e.sum())
    return out.tolist() if size is not None else out


@wrong("sample_with_temperature", "temperature-divided-first")
def sample_float16_divides_first(z, T, rng, size=None):
    """Kept float16 logits as they are and divided by T first: z / T overflows to inf."""
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy.random.Generator")
    if np.ndim(T) != 0 or not (np.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number > 0")
    z = np.asarray(z)
    if z.ndim != 1 or len(z) == 0 or z.dtype.kind not in "biuf":
        raise ValueError("z must be a non-empty 1-D array of real logits")
    s = z / float(T)
    e = np.exp(s - s.max())
    p = (e / e.sum()).astype(np.float64)
    if not np.all(np.isfinite(p)):
        raise ValueError("the logits must be finite or -inf, not all -inf")
    return rng.choice(len(z), size=size, p=p / p.sum())


@wrong("sample_with_temperature", "no-value-error")
def sample_gumbel_unchecked_logits(z, T, rng, size=None):
    """Gumbel-max (a correct method), but NaN or +inf logits are never rejected: argmax
    returns the NaN's index as if it were a class."""
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy.random.Generator")
    if np.ndim(T) != 0 or not (np.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number > 0")
    z = np.asarray(z, dtype=np.float64)
    shape = () if size is None else ((size,) if isinstance(size, int) else tuple(size))
    g = rng.gumbel(size=shape + (len(z),))
    return np.argmax(z / T + g, axis=-1)


@wrong("sample_with_temperature", "no-value-error")
def sample_array_T(z, T, rng, size=None):
    """Validated T with np.all, so an array of temperatures passes and broadcasts."""
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy.random.Generator")
    if not (np.all(np.isfinite(T)) and np.all(np.asarray(T) > 0)):
        raise ValueError("T must be a finite number > 0")
    s = np.asarray(z, dtype=np.float64) / T
    e = np.exp(s - s.max())
    return rng.choice(len(s), size=size, p=e / e.sum())


@wrong("sample_with_temperature", "no-value-error")
def sample_seed_for_rng(z, T, rng, size=None):
    """'Helpfully' turned anything that is not a Generator into one: rng=0 is accepted."""
    if np.ndim(T) != 0 or not (np.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number > 0")
    if not isinstance(rng, np.random.Generator):
        rng = np.random.default_rng(rng)
    s = np.asarray(z, dtype=np.float64) / T
    e = np.exp(s - s.max())
    return rng.choice(len(s), size=size, p=e / e.sum())


@wrong("sample_with_temperature", "returned-0d-array")
def sample_as_array(z, T, rng, size=None):
    """Inverse CDF wrapped in np.asarray(..., dtype=np.intp): one draw is a 0-d array."""
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy.random.Generator")
    if np.ndim(T) != 0 or not (np.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number > 0")
    z = np.asarray(z)
    if z.ndim != 1 or len(z) == 0 or z.dtype.kind not in "biuf":
        raise ValueError("z must be a non-empty 1-D array of real logits")
    z = z.astype(np.float64)
    e = np.exp((z - z.max()) / T)
    if not np.all(np.isfinite(e)):
        raise ValueError("the logits must be finite or -inf, not all -inf")
    cdf = np.cumsum(e / e.sum())
    return np.asarray(np.searchsorted(cdf / cdf[-1], rng.random(size), side="right"), np.intp)


# --- fit_temperature ---------------------------------------------------------------------


@wrong("fit_temperature", "fit-temperature-returned-beta")
def fit_returns_beta(logits, labels):
    """Newton on beta = 1/T, and returned beta."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    if y.min() < 0 or y.max() >= z.shape[1] or len(y) != len(z):
        raise ValueError("bad labels")
    z = z - z.max(axis=1, keepdims=True)
    zy = z[np.arange(len(y)), y]
    b = 1.0
    for _ in range(100):
        p = np.exp(b * z)
        p /= p.sum(axis=1, keepdims=True)
        m = (p * z).sum(axis=1)
        g = np.mean(m - zy)
        h = np.mean((p * (z - m[:, None]) ** 2).sum(axis=1))
        new = b - g / h
        b = new if new > 0 else b / 2
    return float(b)


@wrong("fit_temperature", "fit-temperature-returned-beta")
def fit_multiplies_logits(logits, labels):
    """Grid search over a factor that multiplies the logits, returned as T."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    if y.min() < 0 or y.max() >= z.shape[1] or len(y) != len(z):
        raise ValueError("bad labels")
    best, best_t = np.inf, 1.0
    for t in np.exp(np.linspace(np.log(1e-4), np.log(1e4), 200001)[::10]):
        s = z * t
        m = s.max(axis=1, keepdims=True)
        lse = m[:, 0] + np.log(np.exp(s - m).sum(axis=1))
        nll = np.mean(lse - s[np.arange(len(y)), y])
        if nll < best:
            best, best_t = nll, t
    # refine around the best point by golden-section on log t
    lo, hi = np.log(best_t) - 1e-3, np.log(best_t) + 1e-3
    for _ in range(60):
        a, b = lo + 0.382 * (hi - lo), lo + 0.618 * (hi - lo)
        vals = []
        for c in (a, b):
            s = z * np.exp(c)
            m = s.max(axis=1, keepdims=True)
            lse = m[:, 0] + np.log(np.exp(s - m).sum(axis=1))
            vals.append(np.mean(lse - s[np.arange(len(y)), y]))
        if vals[0] < vals[1]:
            hi = b
        else:
            lo = a
    return float(np.exp((lo + hi) / 2))


@wrong("fit_temperature", "fit-temperature-ignores-data")
def fit_maximises_accuracy(logits, labels):
    """Grid search maximising accuracy, which does not depend on T."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    if y.min() < 0 or y.max() >= z.shape[1] or len(y) != len(z):
        raise ValueError("bad labels")
    best_acc, best_t = -1.0, None
    for t in np.linspace(0.05, 10.0, 200):
        acc = np.mean(np.argmax(z / t, axis=1) == y)
        if acc > best_acc:
            best_acc, best_t = acc, t
    return float(best_t)


@wrong("fit_temperature", "fit-temperature-not-minimum")
def fit_coarse_grid(logits, labels):
    """Picked the best T of a coarse grid."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    if y.min() < 0 or y.max() >= z.shape[1] or len(y) != len(z):
        raise ValueError("bad labels")
    best, best_t = np.inf, 1.0
    for t in np.exp(np.linspace(np.log(0.01), np.log(1e5), 60)):
        s = z / t
        m = s.max(axis=1, keepdims=True)
        lse = m[:, 0] + np.log(np.exp(s - m).sum(axis=1))
        nll = np.mean(lse - s[np.arange(len(y)), y])
        if nll < best:
            best, best_t = nll, t
    return float(best_t)


@wrong("fit_temperature", "fit-temperature-not-minimum")
def fit_few_gradient_steps(logits, labels):
    """Ran 20 steps of gradient descent on T from T = 1 and stopped."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    if y.min() < 0 or y.max() >= z.shape[1] or len(y) != len(z):
        raise ValueError("bad labels")
    z = z - z.max(axis=1, keepdims=True)
    zy = z[np.arange(len(y)), y]
    t = 1.0
    for _ in range(20):
        p = np.exp(z / t)
        p /= p.sum(axis=1, keepdims=True)
        dnll_dbeta = np.mean((p * z).sum(axis=1) - zy)
        t = max(t - 0.5 * dnll_dbeta * (-1.0 / t**2), 1e-3)
    return float(t)


@wrong("fit_temperature", "fit-temperature-not-minimum")
def fit_wrong_label_indexing(logits, labels):
    """Picked z_y with logits[:, labels] (an N x N matrix) instead of per-row indexing."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    if y.min() < 0 or y.max() >= z.shape[1] or len(y) != len(z):
        raise ValueError("bad labels")
    lo, hi = np.log(1e-4), np.log(1e6)
    for _ in range(200):
        a, b = lo + 0.382 * (hi - lo), lo + 0.618 * (hi - lo)
        vals = []
        for c in (a, b):
            s = z / np.exp(c)
            m = s.max(axis=1, keepdims=True)
            lse = m[:, 0] + np.log(np.exp(s - m).sum(axis=1))
            vals.append(np.mean(lse) - np.mean(s[:, y]))
        if vals[0] < vals[1]:
            hi = b
        else:
            lo = a
    return float(np.exp((lo + hi) / 2))


@wrong("fit_temperature", "fit-temperature-overflow")
def fit_naive_nll(logits, labels):
    """Golden-section search on log T with NLL = -log(softmax) computed without a max shift."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    if y.min() < 0 or y.max() >= z.shape[1] or len(y) != len(z):
        raise ValueError("bad labels")
    lo, hi = np.log(1e-4), np.log(1e6)
    for _ in range(200):
        a, b = lo + 0.382 * (hi - lo), lo + 0.618 * (hi - lo)
        vals = []
        for c in (a, b):
            e = np.exp(z / np.exp(c))
            p = e / e.sum(axis=1, keepdims=True)
            vals.append(-np.mean(np.log(p[np.arange(len(y)), y])))
        if vals[0] < vals[1]:
            hi = b
        else:
            lo = a
    return float(np.exp((lo + hi) / 2))


@wrong("fit_temperature", "fit-temperature-scaled-logits")
def fit_bounded_range(logits, labels):
    """Exact search, but only for T in [0.05, 20]."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    if y.min() < 0 or y.max() >= z.shape[1] or len(y) != len(z):
        raise ValueError("bad labels")
    lo, hi = np.log(0.05), np.log(20.0)
    for _ in range(200):
        a, b = lo + 0.382 * (hi - lo), lo + 0.618 * (hi - lo)
        vals = []
        for c in (a, b):
            s = z / np.exp(c)
            m = s.max(axis=1, keepdims=True)
            lse = m[:, 0] + np.log(np.exp(s - m).sum(axis=1))
            vals.append(np.mean(lse - s[np.arange(len(y)), y]))
        if vals[0] < vals[1]:
            hi = b
        else:
            lo = a
    return float(np.exp((lo + hi) / 2))


@wrong("fit_temperature", "fit-temperature-not-positive")
def fit_unsafe_newton(logits, labels):
    """Newton on beta from beta = 1 with no safeguard: can jump below 0."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    if y.min() < 0 or y.max() >= z.shape[1] or len(y) != len(z):
        raise ValueError("bad labels")
    z = z - z.max(axis=1, keepdims=True)
    zy = z[np.arange(len(y)), y]
    b = 1.0
    for _ in range(50):
        s = b * z
        p = np.exp(s - s.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        m = (p * z).sum(axis=1)
        g = np.mean(m - zy)
        h = np.mean((p * (z - m[:, None]) ** 2).sum(axis=1))
        b = b - g / h
    return float(1.0 / b)


@wrong("fit_temperature", "no-value-error")
def fit_no_label_check(logits, labels):
    """Correct Newton, but labels are never validated (-1 wraps around)."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    z = z - z.max(axis=1, keepdims=True)
    zy = z[np.arange(len(z)), y[: len(z)] if len(y) >= len(z) else np.resize(y, len(z))]
    lo, hi, b = 0.0, np.inf, 1.0
    for _ in range(200):
        p = np.exp(b * z)
        p /= p.sum(axis=1, keepdims=True)
        m = (p * z).sum(axis=1)
        g = np.mean(m - zy)
        h = np.mean((p * (z - m[:, None]) ** 2).sum(axis=1))
        if g < 0:
            lo = b
        else:
            hi = b
        new = b - g / h if h > 0 else np.nan
        if not lo < new < hi:
            new = 2 * b if np.isinf(hi) else (lo + hi) / 2
        b = new
    return float(1.0 / b)


@wrong("fit_temperature", "no-value-error")
def fit_no_degenerate_check(logits, labels):
    """Safeguarded Newton, but returns a huge or tiny T when no finite T minimises the NLL."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    if z.ndim != 2 or len(y) != len(z) or y.min() < 0 or y.max() >= z.shape[1]:
        raise ValueError("bad input")
    z = z - z.max(axis=1, keepdims=True)
    zy = z[np.arange(len(y)), y]
    lo, hi, b = 0.0, np.inf, 1.0
    for _ in range(200):
        p = np.exp(b * z)
        p /= p.sum(axis=1, keepdims=True)
        m = (p * z).sum(axis=1)
        g = np.mean(m - zy)
        h = np.mean((p * (z - m[:, None]) ** 2).sum(axis=1))
        if g < 0:
            lo = b
        else:
            hi = b
        new = b - g / h if h > 0 else np.nan
        if not lo < new < hi:
            new = min(2 * b, 1e300) if np.isinf(hi) else (lo + hi) / 2
        b = max(new, 1e-300)
    return float(1.0 / b)


@wrong("fit_temperature", "wrong-shape")
def fit_returns_array(logits, labels):
    """Returned the optimiser's x, an array of shape (1,)."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    if y.min() < 0 or y.max() >= z.shape[1] or len(y) != len(z):
        raise ValueError("bad labels")
    lo, hi = np.log(1e-4), np.log(1e6)
    for _ in range(200):
        a, b = lo + 0.382 * (hi - lo), lo + 0.618 * (hi - lo)
        vals = []
        for c in (a, b):
            s = z / np.exp(c)
            m = s.max(axis=1, keepdims=True)
            lse = m[:, 0] + np.log(np.exp(s - m).sum(axis=1))
            vals.append(np.mean(lse - s[np.arange(len(y)), y]))
        if vals[0] < vals[1]:
            hi = b
        else:
            lo = a
    return np.array([np.exp((lo + hi) / 2)])


@wrong("fit_temperature", "modified-input")
def fit_shifts_in_place(logits, labels):
    """Subtracted the row maxima from the caller's logits in place."""
    z = logits
    y = np.asarray(labels)
    if y.min() < 0 or y.max() >= z.shape[1] or len(y) != len(z):
        raise ValueError("bad labels")
    z -= z.max(axis=1, keepdims=True)
    zy = z[np.arange(len(y)), y]
    lo, hi, b = 0.0, np.inf, 1.0
    for _ in range(200):
        p = np.exp(b * z)
        p /= p.sum(axis=1, keepdims=True)
        m = (p * z).sum(axis=1)
        g = np.mean(m - zy)
        h = np.mean((p * (z - m[:, None]) ** 2).sum(axis=1))
        if g < 0:
            lo = b
        else:
            hi = b
        new = b - g / h if h > 0 else np.nan
        if not lo < new < hi:
            new = 2 * b if np.isinf(hi) else (lo + hi) / 2
        b = new
    return float(1.0 / b)


@wrong("fit_temperature", "returned-0d-array")
def fit_squeezed_array(logits, labels):
    """Bisection on log T kept in a 1-element array, returned with .squeeze(): a 0-d array."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    if z.ndim != 2 or z.shape[1] < 2 or len(z) == 0 or not np.all(np.isfinite(z)):
        raise ValueError("logits must be a finite (N, K) array with K >= 2")
    if y.shape != (len(z),) or np.any(y != np.round(y)) or y.min() < 0 or y.max() >= z.shape[1]:
        raise ValueError("labels must be class indices, one per row")
    y = y.astype(int)
    z = z - z.max(axis=1, keepdims=True)
    zy = z[np.arange(len(y)), y]
    if np.all(zy == 0) or np.mean(z.mean(axis=1) - zy) >= 0:
        raise ValueError("no finite temperature minimises the NLL")

    def slope(b):  # d NLL / d beta, increasing in beta
        p = np.exp(b * z)
        p /= p.sum(axis=1, keepdims=True)
        return np.mean((p * z).sum(axis=1) - zy)

    lo, hi = np.array([1.0]), np.array([1.0])
    while slope(lo[0]) > 0:
        lo = lo / 2
    while slope(hi[0]) < 0:
        hi = hi * 2
    for _ in range(200):
        mid = (lo + hi) / 2
        if slope(mid[0]) < 0:
            lo = mid
        else:
            hi = mid
    return (2.0 / (lo + hi)).squeeze()


@wrong("fit_temperature", "no-value-error")
def fit_truncates_labels(logits, labels):
    """Converted labels with .astype(int): a label 0.5 silently becomes class 0."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels).astype(int)
    if z.ndim != 2 or z.shape[1] < 2 or len(z) == 0 or not np.all(np.isfinite(z)):
        raise ValueError("logits must be a finite (N, K) array with K >= 2")
    if y.shape != (len(z),) or y.min() < 0 or y.max() >= z.shape[1]:
        raise ValueError("labels must be class indices, one per row")
    z = z - z.max(axis=1, keepdims=True)
    zy = z[np.arange(len(y)), y]
    if np.all(zy == 0) or np.mean(z.mean(axis=1) - zy) >= 0:
        raise ValueError("no finite temperature minimises the NLL")
    lo, hi, b = 0.0, np.inf, 1.0
    for _ in range(200):
        p = np.exp(b * z)
        p /= p.sum(axis=1, keepdims=True)
        m = (p * z).sum(axis=1)
        g = np.mean(m - zy)
        h = np.mean((p * (z - m[:, None]) ** 2).sum(axis=1))
        if g < 0:
            lo = b
        else:
            hi = b
        new = b - g / h if h > 0 else np.nan
        if not lo < new < hi:
            new = 2 * b if np.isinf(hi) else (lo + hi) / 2
        b = new
    return float(1.0 / b)


@wrong("fit_temperature", "no-value-error")
def fit_skips_nan_rows(logits, labels):
    """Dropped rows with a non-finite logit 'to be robust': NaN data is never reported."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    if z.ndim != 2 or z.shape[1] < 2 or len(z) == 0:
        raise ValueError("logits must be an (N, K) array with K >= 2")
    if y.shape != (len(z),) or np.any(y != np.round(y)) or y.min() < 0 or y.max() >= z.shape[1]:
        raise ValueError("labels must be class indices, one per row")
    keep = np.all(np.isfinite(z), axis=1)
    z, y = z[keep], y[keep].astype(int)
    z = z - z.max(axis=1, keepdims=True)
    zy = z[np.arange(len(y)), y]
    if np.all(zy == 0) or np.mean(z.mean(axis=1) - zy) >= 0:
        raise ValueError("no finite temperature minimises the NLL")
    lo, hi, b = 0.0, np.inf, 1.0
    for _ in range(200):
        p = np.exp(b * z)
        p /= p.sum(axis=1, keepdims=True)
        m = (p * z).sum(axis=1)
        g = np.mean(m - zy)
        h = np.mean((p * (z - m[:, None]) ** 2).sum(axis=1))
        if g < 0:
            lo = b
        else:
            hi = b
        new = b - g / h if h > 0 else np.nan
        if not lo < new < hi:
            new = 2 * b if np.isinf(hi) else (lo + hi) / 2
        b = new
    return float(1.0 / b)


def _labels_as_integers(labels, n, k):
    """The label check as many learners write it: integer dtype only, so 1.0 is refused."""
    y = np.asarray(labels)
    if y.dtype.kind not in "iu" or y.shape != (n,):
        raise ValueError("labels must be integers, one per row")
    if y.min() < 0 or y.max() >= k:
        raise ValueError("labels out of range")
    return y


@wrong("fit_temperature", "raised-error")
def fit_refuses_float_labels(logits, labels):
    """Bisection on beta = 1/T; labels read from a file as 0.0, 1.0 are refused."""
    z = np.asarray(logits)
    if z.ndim != 2 or z.dtype.kind not in "iuf" or z.shape[0] == 0 or z.shape[1] < 2:
        raise ValueError("logits must be (N, K) real numbers with N >= 1, K >= 2")
    z = z.astype(float)
    if not np.all(np.isfinite(z)):
        raise ValueError("logits must be finite")
    y = _labels_as_integers(labels, *z.shape)
    z = z - z.max(axis=1, keepdims=True)
    z_y = z[np.arange(len(y)), y]
    if np.mean(z.mean(axis=1) - z_y) >= 0 or np.all(z_y == 0):
        raise ValueError("no finite temperature minimises the NLL")

    def slope(b):  # d NLL / d beta: E_p[z] - z_y, averaged
        e = np.exp(b * z)
        return np.mean(np.sum(e * z, axis=1) / np.sum(e, axis=1) - z_y)

    lo, hi = 0.0, 1.0
    while slope(hi) < 0:
        lo, hi = hi, 2 * hi
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if slope(mid) < 0 else (lo, mid)
    return float(2 / (lo + hi))


@wrong("expected_calibration_error", "raised-error")
def ece_refuses_float_labels(probs, labels, n_bins=15):
    """Right ECE, but labels read from a file as 0.0, 1.0 are refused."""
    P = np.asarray(probs)
    if P.ndim != 2 or P.dtype.kind not in "iuf" or P.shape[0] == 0 or P.shape[1] == 0:
        raise ValueError("probs must be (N, K) real numbers")
    y = _labels_as_integers(labels, *P.shape)
    if isinstance(n_bins, (bool, np.bool_)) or not isinstance(n_bins, (int, np.integer)):
        raise ValueError("n_bins must be an integer")
    if n_bins < 1:
        raise ValueError("n_bins must be positive")
    tol = np.sqrt(np.finfo(P.dtype if P.dtype.kind == "f" else float).eps)
    P = P.astype(float)
    if not (np.all(P >= 0) and np.all(P <= 1)) or np.any(np.abs(P.sum(axis=1) - 1) > tol):
        raise ValueError("rows of probs must be distributions")
    confidence = P.max(axis=1)
    correct = P.argmax(axis=1) == y
    bins = np.clip(np.ceil(confidence * n_bins).astype(int) - 1, 0, n_bins - 1)
    total = 0.0
    for b in range(n_bins):
        inside = bins == b
        if inside.any():
            total += abs(correct[inside].sum() - confidence[inside].sum())
    return float(total / len(y))


# --- expected_calibration_error ----------------------------------------------------------


@wrong("expected_calibration_error", "ece-unweighted-bins")
def ece_unweighted(probs, labels, n_bins=15):
    """Plain mean of |acc - conf| over the non-empty bins."""
    P, y = np.asarray(probs, dtype=float), np.asarray(labels)
    if len(y) != len(P) or y.min() < 0 or y.max() >= P.shape[1] or n_bins < 1:
        raise ValueError("bad input")
    conf, correct = P.max(axis=1), P.argmax(axis=1) == y
    b = np.clip(np.ceil(conf * n_bins).astype(int) - 1, 0, n_bins - 1)
    gaps = [
        abs(correct[b == i].mean() - conf[b == i].mean()) for i in range(n_bins) if np.any(b == i)
    ]
    return float(np.mean(gaps))


@wrong("expected_calibration_error", "ece-counts-empty-bins")
def ece_divides_by_bins(probs, labels, n_bins=15):
    """Summed |acc - conf| over the bins and divided by n_bins."""
    P, y = np.asarray(probs, dtype=float), np.asarray(labels)
    if len(y) != len(P) or y.min() < 0 or y.max() >= P.shape[1] or n_bins < 1:
        raise ValueError("bad input")
    conf, correct = P.max(axis=1), P.argmax(axis=1) == y
    b = np.clip(np.ceil(conf * n_bins).astype(int) - 1, 0, n_bins - 1)
    total = 0.0
    for i in range(n_bins):
        if np.any(b == i):
            total += abs(correct[b == i].mean() - conf[b == i].mean())
    return total / n_bins


@wrong("expected_calibration_error", "ece-gaps-cancel")
def ece_signed_gaps(probs, labels, n_bins=15):
    """Weighted sum of signed gaps acc - conf (they cancel)."""
    P, y = np.asarray(probs, dtype=float), np.asarray(labels)
    if len(y) != len(P) or y.min() < 0 or y.max() >= P.shape[1] or n_bins < 1:
        raise ValueError("bad input")
    conf, correct = P.max(axis=1), P.argmax(axis=1) == y
    b = np.clip(np.ceil(conf * n_bins).astype(int) - 1, 0, n_bins - 1)
    total = 0.0
    for i in range(n_bins):
        if np.any(b == i):
            total += np.mean(b == i) * (correct[b == i].mean() - conf[b == i].mean())
    return float(total)


@wrong("expected_calibration_error", "ece-gaps-cancel")
def ece_no_bins(probs, labels, n_bins=15):
    """|overall accuracy - mean confidence|, ignoring the bins."""
    P, y = np.asarray(probs, dtype=float), np.asarray(labels)
    if len(y) != len(P) or y.min() < 0 or y.max() >= P.shape[1] or n_bins < 1:
        raise ValueError("bad input")
    return float(abs(np.mean(P.argmax(axis=1) == y) - np.mean(P.max(axis=1))))


@wrong("expected_calibration_error", "ece-true-class-confidence")
def ece_true_class_probability(probs, labels, n_bins=15):
    """Used the probability of the true class as the confidence."""
    P, y = np.asarray(probs, dtype=float), np.asarray(labels)
    if len(y) != len(P) or y.min() < 0 or y.max() >= P.shape[1] or n_bins < 1:
        raise ValueError("bad input")
    conf, correct = P[np.arange(len(y)), y], P.argmax(axis=1) == y
    b = np.clip(np.ceil(conf * n_bins).astype(int) - 1, 0, n_bins - 1)
    total = 0.0
    for i in range(n_bins):
        if np.any(b == i):
            total += np.mean(b == i) * abs(correct[b == i].mean() - conf[b == i].mean())
    return float(total)


@wrong("expected_calibration_error", "ece-bin-midpoint")
def ece_bin_midpoints(probs, labels, n_bins=15):
    """Compared accuracy with the bin's midpoint instead of its mean confidence."""
    P, y = np.asarray(probs, dtype=float), np.asarray(labels)
    if len(y) != len(P) or y.min() < 0 or y.max() >= P.shape[1] or n_bins < 1:
        raise ValueError("bad input")
    conf, correct = P.max(axis=1), P.argmax(axis=1) == y
    b = np.clip(np.ceil(conf * n_bins).astype(int) - 1, 0, n_bins - 1)
    total = 0.0
    for i in range(n_bins):
        if np.any(b == i):
            total += np.mean(b == i) * abs(correct[b == i].mean() - (i + 0.5) / n_bins)
    return float(total)


@wrong("expected_calibration_error", "ece-max-gap")
def ece_maximum_gap(probs, labels, n_bins=15):
    """Returned the largest bin gap (MCE)."""
    P, y = np.asarray(probs, dtype=float), np.asarray(labels)
    if len(y) != len(P) or y.min() < 0 or y.max() >= P.shape[1] or n_bins < 1:
        raise ValueError("bad input")
    conf, correct = P.max(axis=1), P.argmax(axis=1) == y
    b = np.clip(np.ceil(conf * n_bins).astype(int) - 1, 0, n_bins - 1)
    return float(
        max(
            abs(correct[b == i].mean() - conf[b == i].mean())
            for i in range(n_bins)
            if np.any(b == i)
        )
    )


@wrong("expected_calibration_error", "ece-squared-gap")
def ece_squared(probs, labels, n_bins=15):
    """Weighted mean of squared gaps."""
    P, y = np.asarray(probs, dtype=float), np.asarray(labels)
    if len(y) != len(P) or y.min() < 0 or y.max() >= P.shape[1] or n_bins < 1:
        raise ValueError("bad input")
    conf, correct = P.max(axis=1), P.argmax(axis=1) == y
    b = np.clip(np.ceil(conf * n_bins).astype(int) - 1, 0, n_bins - 1)
    total = 0.0
    for i in range(n_bins):
        if np.any(b == i):
            total += np.mean(b == i) * (correct[b == i].mean() - conf[b == i].mean()) ** 2
    return float(total)


@wrong("expected_calibration_error", "ece-percent")
def ece_in_percent(probs, labels, n_bins=15):
    """Correct ECE, multiplied by 100."""
    P, y = np.asarray(probs, dtype=float), np.asarray(labels)
    if len(y) != len(P) or y.min() < 0 or y.max() >= P.shape[1] or n_bins < 1:
        raise ValueError("bad input")
    conf, correct = P.max(axis=1), P.argmax(axis=1) == y
    b = np.clip(np.ceil(conf * n_bins).astype(int) - 1, 0, n_bins - 1)
    total = 0.0
    for i in range(n_bins):
        if np.any(b == i):
            total += np.mean(b == i) * abs(correct[b == i].mean() - conf[b == i].mean())
    return 100.0 * total


@wrong("expected_calibration_error", "ece-wrong-bin-count")
def ece_linspace_n_edges(probs, labels, n_bins=15):
    """Edges np.linspace(0, 1, n_bins): only n_bins - 1 bins."""
    P, y = np.asarray(probs, dtype=float), np.asarray(labels)
    if len(y) != len(P) or y.min() < 0 or y.max() >= P.shape[1] or n_bins < 1:
        raise ValueError("bad input")
    conf, correct = P.max(axis=1), P.argmax(axis=1) == y
    edges = np.linspace(0, 1, max(n_bins, 2))
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        inside = (conf > lo) & (conf <= hi)
        if inside.any():
            total += inside.mean() * abs(correct[inside].mean() - conf[inside].mean())
    return float(total)


@wrong("expected_calibration_error", "ece-wrong-bin-count")
def ece_ignores_n_bins(probs, labels, n_bins=15):
    """Always used 15 bins."""
    P, y = np.asarray(probs, dtype=float), np.asarray(labels)
    if len(y) != len(P) or y.min() < 0 or y.max() >= P.shape[1] or n_bins < 1:
        raise ValueError("bad input")
    conf, correct = P.max(axis=1), P.argmax(axis=1) == y
    b = np.clip(np.ceil(conf * 15).astype(int) - 1, 0, 14)
    total = 0.0
    for i in range(15):
        if np.any(b == i):
            total += np.mean(b == i) * abs(correct[b == i].mean() - conf[b == i].mean())
    return float(total)


@wrong("expected_calibration_error", "ece-left-closed-bins")
def ece_left_closed(probs, labels, n_bins=15):
    """Bins [lo, hi) via floor(conf * n_bins), clipped."""
    P, y = np.asarray(probs, dtype=float), np.asarray(labels)
    if len(y) != len(P) or y.min() < 0 or y.max() >= P.shape[1] or n_bins < 1:
        raise ValueError("bad input")
    conf, correct = P.max(axis=1), P.argmax(axis=1) == y
    b = np.minimum(np.floor(conf * n_bins).astype(int), n_bins - 1)
    total = 0.0
    for i in range(n_bins):
        if np.any(b == i):
            total += np.mean(b == i) * abs(correct[b == i].mean() - conf[b == i].mean())
    return float(total)


@wrong("expected_calibration_error", "ece-left-closed-bins")
def ece_digitize_drops_one(probs, labels, n_bins=15):
    """np.digitize(conf, edges) - 1: [lo, hi) bins, and confidence 1.0 falls off the end."""
    P, y = np.asarray(probs, dtype=float), np.asarray(labels)
    if len(y) != len(P) or y.min() < 0 or y.max() >= P.shape[1] or n_bins < 1:
        raise ValueError("bad input")
    conf, correct = P.max(axis=1), P.argmax(axis=1) == y
    b = np.digitize(conf, np.linspace(0, 1, n_bins + 1)) - 1
    total = 0.0
    for i in range(n_bins):
        if np.any(b == i):
            total += np.mean(b == i) * abs(correct[b == i].mean() - conf[b == i].mean())
    return float(total)


@wrong("expected_calibration_error", "wrong-shape")
def ece_per_bin(probs, labels, n_bins=15):
    """Returned the weighted gap of every bin instead of their sum."""
    P, y = np.asarray(probs, dtype=float), np.asarray(labels)
    if len(y) != len(P) or y.min() < 0 or y.max() >= P.shape[1] or n_bins < 1:
        raise ValueError("bad input")
    conf, correct = P.max(axis=1), P.argmax(axis=1) == y
    b = np.clip(np.ceil(conf * n_bins).astype(int) - 1, 0, n_bins - 1)
    out = np.zeros(n_bins)
    for i in range(n_bins):
        if np.any(b == i):
            out[i] = np.mean(b == i) * abs(correct[b == i].mean() - conf[b == i].mean())
    return out


@wrong("expected_calibration_error", "no-value-error")
def ece_no_validation(probs, labels, n_bins=15):
    """Correct ECE, but never validates labels, lengths or n_bins."""
    P, y = np.asarray(probs, dtype=float), np.asarray(labels)
    conf = P.max(axis=1)
    correct = P.argmax(axis=1) == np.resize(y, len(P))
    b = np.clip(np.ceil(conf * max(n_bins, 1)).astype(int) - 1, 0, max(n_bins, 1) - 1)
    total = 0.0
    for i in range(max(n_bins, 1)):
        if np.any(b == i):
            total += np.mean(b == i) * abs(correct[b == i].mean() - conf[b == i].mean())
    return float(total)


@wrong("expected_calibration_error", "no-value-error")
def ece_negative_labels_wrap(probs, labels, n_bins=15):
    """Checks labels < K but not labels >= 0."""
    P, y = np.asarray(probs, dtype=float), np.asarray(labels)
    if P.ndim != 2 or len(y) != len(P) or y.max() >= P.shape[1] or n_bins < 1:
        raise ValueError("bad input")
    conf, correct = P.max(axis=1), P.argmax(axis=1) == y
    b = np.clip(np.ceil(conf * n_bins).astype(int) - 1, 0, n_bins - 1)
    total = 0.0
    for i in range(n_bins):
        if np.any(b == i):
            total += np.mean(b == i) * abs(correct[b == i].mean() - conf[b == i].mean())
    return float(total)


@wrong("expected_calibration_error", "ece-ties-not-lowest-index")
def ece_ties_count_as_correct(probs, labels, n_bins=15):
    """Counted a prediction as right when the true class ties for the maximum."""
    P, y = np.asarray(probs, dtype=float), np.asarray(labels)
    if len(y) != len(P) or y.min() < 0 or y.max() >= P.shape[1] or n_bins < 1:
        raise ValueError("bad input")
    conf = P.max(axis=1)
    correct = P[np.arange(len(y)), y] == conf
    b = np.clip(np.ceil(conf * n_bins).astype(int) - 1, 0, n_bins - 1)
    total = 0.0
    for i in range(n_bins):
        if np.any(b == i):
            total += np.mean(b == i) * abs(correct[b == i].mean() - conf[b == i].mean())
    return float(total)


@wrong("expected_calibration_error", "no-value-error")
def ece_accepts_logits(probs, labels, n_bins=15):
    """Correct ECE, but never checks that probs are probabilities: logits pass silently."""
    P, y = np.asarray(probs, dtype=float), np.asarray(labels)
    if P.ndim != 2 or y.shape != (len(P),) or y.min() < 0 or y.max() >= P.shape[1]:
        raise ValueError("labels must be class indices, one per row")
    if not isinstance(n_bins, (int, np.integer)) or n_bins < 1:
        raise ValueError("n_bins must be a positive integer")
    conf, correct = P.max(axis=1), P.argmax(axis=1) == y
    b = np.clip(np.ceil(conf * n_bins).astype(int) - 1, 0, n_bins - 1)
    total = 0.0
    for i in range(n_bins):
        if np.any(b == i):
            total += np.mean(b == i) * abs(correct[b == i].mean() - conf[b == i].mean())
    return float(total)


@wrong("expected_calibration_error", "no-value-error")
def ece_bool_n_bins(probs, labels, n_bins=15):
    """isinstance(n_bins, int) is True for True: n_bins=True is taken as 1 bin."""
    P, y = np.asarray(probs, dtype=float), np.asarray(labels)
    if P.ndim != 2 or len(P) == 0 or y.shape != (len(P),):
        raise ValueError("probs must be (N, K) with one label per row")
    if np.any(y != np.round(y)) or y.min() < 0 or y.max() >= P.shape[1]:
        raise ValueError("labels must be class indices")
    if not isinstance(n_bins, (int, np.integer)) or n_bins < 1:
        raise ValueError("n_bins must be a positive integer")
    if np.any(P < 0) or np.any(P > 1) or not np.allclose(P.sum(axis=1), 1, atol=1e-3):
        raise ValueError("every row of probs must be a distribution")
    conf, correct = P.max(axis=1), P.argmax(axis=1) == y
    b = np.clip(np.ceil(conf * n_bins).astype(int) - 1, 0, n_bins - 1)
    total = 0.0
    for i in range(n_bins):
        if np.any(b == i):
            total += np.mean(b == i) * abs(correct[b == i].mean() - conf[b == i].mean())
    return float(total)


@wrong("expected_calibration_error", "no-value-error")
def ece_int_n_bins(probs, labels, n_bins=15):
    """n_bins = int(n_bins): 15.0 (and True) are silently accepted."""
    P, y = np.asarray(probs, dtype=float), np.asarray(labels)
    if P.ndim != 2 or len(P) == 0 or y.shape != (len(P),):
        raise ValueError("probs must be (N, K) with one label per row")
    if np.any(y != np.round(y)) or y.min() < 0 or y.max() >= P.shape[1]:
        raise ValueError("labels must be class indices")
    n_bins = int(n_bins)
    if n_bins < 1:
        raise ValueError("n_bins must be a positive integer")
    if np.any(P < 0) or np.any(P > 1) or not np.allclose(P.sum(axis=1), 1, atol=1e-3):
        raise ValueError("every row of probs must be a distribution")
    conf, correct = P.max(axis=1), P.argmax(axis=1) == y
    b = np.clip(np.ceil(conf * n_bins).astype(int) - 1, 0, n_bins - 1)
    total = 0.0
    for i in range(n_bins):
        if np.any(b == i):
            total += np.mean(b == i) * abs(correct[b == i].mean() - conf[b == i].mean())
    return float(total)


@wrong("expected_calibration_error", "raised-error")
def ece_strict_row_sums(probs, labels, n_bins=15):
    """Row sums checked with np.allclose in float64: float16 probabilities are refused."""
    P, y = np.asarray(probs), np.asarray(labels)
    if P.ndim != 2 or len(P) == 0 or y.shape != (len(P),) or P.dtype.kind not in "biuf":
        raise ValueError("probs must be a real (N, K) array with one label per row")
    if np.any(y != np.round(y)) or y.min() < 0 or y.max() >= P.shape[1]:
        raise ValueError("labels must be class indices")
    if isinstance(n_bins, bool) or not isinstance(n_bins, (int, np.integer)) or n_bins < 1:
        raise ValueError("n_bins must be a positive integer")
    P = P.astype(np.float64)
    if not (np.all(P >= 0) and np.all(P <= 1) and np.allclose(P.sum(axis=1), 1.0)):
        raise ValueError("every row of probs must be a distribution")
    conf, correct = P.max(axis=1), P.argmax(axis=1) == y
    b = np.clip(np.ceil(conf * n_bins).astype(int) - 1, 0, n_bins - 1)
    total = 0.0
    for i in range(n_bins):
        if np.any(b == i):
            total += np.mean(b == i) * abs(correct[b == i].mean() - conf[b == i].mean())
    return float(total)


@wrong("expected_calibration_error", "no-value-error")
def ece_nan_functions(probs, labels, n_bins=15):
    """np.nanmax and np.nanargmax, and no check of probs: a NaN probability is skipped."""
    P, y = np.asarray(probs, dtype=float), np.asarray(labels)
    if P.ndim != 2 or len(P) == 0 or y.shape != (len(P),):
        raise ValueError("probs must be (N, K) with one label per row")
    if np.any(y != np.round(y)) or y.min() < 0 or y.max() >= P.shape[1]:
        raise ValueError("labels must be class indices")
    if isinstance(n_bins, bool) or not isinstance(n_bins, (int, np.integer)) or n_bins < 1:
        raise ValueError("n_bins must be a positive integer")
    conf, correct = np.nanmax(P, axis=1), np.nanargmax(P, axis=1) == y
    b = np.clip(np.ceil(conf * n_bins).astype(int) - 1, 0, n_bins - 1)
    total = 0.0
    for i in range(n_bins):
        if np.any(b == i):
            total += np.mean(b == i) * abs(correct[b == i].mean() - conf[b == i].mean())
    return float(total)


@wrong("expected_calibration_error", "returned-0d-array")
def ece_accumulated_in_array(probs, labels, n_bins=15):
    """Accumulated into np.array(0.0) and returned it: a 0-d array, not a number."""
    P, y = np.asarray(probs, dtype=float), np.asarray(labels)
    if P.ndim != 2 or len(P) == 0 or y.shape != (len(P),):
        raise ValueError("probs must be (N, K) with one label per row")
    if np.any(y != np.round(y)) or y.min() < 0 or y.max() >= P.shape[1]:
        raise ValueError("labels must be class indices")
    if isinstance(n_bins, bool) or not isinstance(n_bins, (int, np.integer)) or n_bins < 1:
        raise ValueError("n_bins must be a positive integer")
    if not (np.all(P >= 0) and np.all(P <= 1) and np.allclose(P.sum(axis=1), 1, atol=1e-3)):
        raise ValueError("every row of probs must be a distribution")
    conf, correct = P.max(axis=1), P.argmax(axis=1) == y
    b = np.clip(np.ceil(conf * n_bins).astype(int) - 1, 0, n_bins - 1)
    ece = np.array(0.0)
    for i in range(n_bins):
        if np.any(b == i):
            ece += np.mean(b == i) * abs(correct[b == i].mean() - conf[b == i].mean())
    return ece


@wrong("expected_calibration_error", "raised-error")
def ece_python_int_only(probs, labels, n_bins=15):
    """type(n_bins) is int: a NumPy integer such as np.int64(2) is refused."""
    P, y = np.asarray(probs), np.asarray(labels)
    if P.ndim != 2 or len(P) == 0 or y.shape != (len(P),) or P.dtype.kind not in "biuf":
        raise ValueError("probs must be a real (N, K) array with one label per row")
    P = P.astype(np.float64)
    if np.any(y != np.round(y)) or y.min() < 0 or y.max() >= P.shape[1]:
        raise ValueError("labels must be class indices")
    if type(n_bins) is not int or n_bins < 1:
        raise ValueError("n_bins must be a positive int")
    if not (np.all(P >= 0) and np.all(P <= 1) and np.allclose(P.sum(axis=1), 1, atol=1e-3)):
        raise ValueError("every row of probs must be a distribution")
    conf, correct = P.max(axis=1), P.argmax(axis=1) == y
    b = np.clip(np.ceil(conf * n_bins).astype(int) - 1, 0, n_bins - 1)
    total = 0.0
    for i in range(n_bins):
        if np.any(b == i):
            total += np.mean(b == i) * abs(correct[b == i].mean() - conf[b == i].mean())
    return float(total)


# --- over-strict about numbers: what the texts allow and the hidden tests try -------------
# Each is a correct answer of the held-out round 3 behind one check too many.


@wrong("softmax_with_temperature", "raised-error")
def swt_refuses_an_integer_T(z, T, axis=-1):
    """Refused an integer temperature: `2` and `np.int64(2)` are numbers too."""
    if not isinstance(T, (float, np.floating)):
        raise ValueError("T must be a float")
    return swt_ok(z, T, axis=axis)


@wrong("sample_with_temperature", "raised-error")
def sample_refuses_integer_logits(z, T, rng, size=None):
    """Refused integer logits (and an integer T)."""
    if np.asarray(z).dtype.kind != "f" or not isinstance(T, (float, np.floating)):
        raise ValueError("logits and T must be floats")
    return smp_ok2(z, T, rng, size=size)


@wrong("fit_temperature", "raised-error")
def fit_refuses_float32(logits, labels):
    """Accepted float64 logits only."""
    if np.asarray(logits).dtype not in (np.float64, np.int64):
        raise ValueError("logits must be float64")
    return fit_ok(logits, labels)


@wrong("expected_calibration_error", "raised-error")
def ece_row_sums_to_float64_rounding(probs, labels, n_bins=15):
    """Checked that rows sum to 1 to float64's rounding: float32 rows are refused."""
    p = np.asarray(probs)
    sums = p.sum(axis=1, dtype=np.float64) if p.ndim == 2 else None
    if p.size and sums is not None and not np.allclose(sums, 1.0, rtol=0, atol=1e-12):
        raise ValueError("each row of probs must sum to 1")
    return ece_ok(probs, labels, n_bins=n_bins)


@wrong("expected_calibration_error", "raised-error")
def ece_refuses_integer_probs(probs, labels, n_bins=15):
    """Refused integer probabilities (a one-hot row is a distribution)."""
    if np.asarray(probs).dtype.kind != "f":
        raise ValueError("probs must be floats")
    return ece_ok(probs, labels, n_bins=n_bins)


# --- what a learner walking through notebook 05 wrote -------------------------------------


@wrong("fit_temperature", "fit-temperature-float32")
def fit_nll_values_in_float32(logits, labels):
    """Minimised the NLL's values by golden-section search on log beta, in the logits' own
    dtype: in float32 the NLL is flat to its ~7 digits over a range of T of ~1e-4."""
    fit_ok(logits, labels)  # its argument checks
    Z, zy = _prep_fit(logits, labels)
    if np.asarray(logits).dtype == np.float32:
        Z, zy = Z.astype(np.float32), zy.astype(np.float32)

    def nll(log_beta):
        x = Z * Z.dtype.type(np.exp(log_beta))
        m = x.max(axis=1, keepdims=True)
        lse = m[:, 0] + np.log(np.exp(x - m).sum(axis=1))
        return np.mean(lse - x[np.arange(len(zy)), np.argmax(Z == zy[:, None], axis=1)])

    lo, hi, ratio = -30.0, 30.0, (np.sqrt(5.0) - 1.0) / 2.0
    for _ in range(200):
        a, b = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
        if nll(a) < nll(b):
            hi = b
        else:
            lo = a
    return float(np.exp(-(lo + hi) / 2.0))


@wrong("sample_with_temperature", "sampling-cdf-below-one")
def sample_float16_cumulative_sums(z, T, rng, size=None):
    """Cumulative sums of float16 probabilities, in float16, not ended at exactly 1."""
    if np.asarray(z).dtype != np.float16:
        return smp_ok2(z, T, rng, size=size)
    smp_ok2(z, T, np.random.default_rng(0))  # its argument checks
    cdf = np.cumsum(swt_ok(z, T))  # float16 probabilities summed in float16
    index = np.searchsorted(cdf, rng.random(size), side="right")
    return index if size is not None else int(index)
