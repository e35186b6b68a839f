"""Known-wrong answers to ``03_shift_invariance``: ``stable_softmax``, ``baseline_softmax`` and
``overflow_threshold``.

Each function is a realistic learner's attempt, with the exercise's signature, and the tag of
the mistake the checks must name when they reject it. At the end, correct answers to
``baseline_softmax`` written in other styles than the reference's, which every check must
accept.
"""

import math

import numpy as np

from tests.mistakes import right, wrong


def _real(z):
    """The input as an array, refused unless it holds real numbers (the usual first lines)."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be an array of real numbers with at least one dimension")
    return z


# --- stable_softmax ---------------------------------------------------------------------------


@wrong("stable_softmax", "no-max-shift")
def stable_softmax_naive(z, axis=-1):
    """Exponentiated the logits as they are: exp(1000) overflows to inf, inf/inf is NaN."""
    e = np.exp(np.asarray(z))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("stable_softmax", "no-max-shift")
def stable_softmax_shift_only_positive(z, axis=-1):
    """Shifted only when the max is positive: very negative logits still underflow to 0/0."""
    z = np.asarray(z)
    m = np.maximum(np.max(z, axis=axis, keepdims=True), 0)
    e = np.exp(z - m)
    return e / e.sum(axis=axis, keepdims=True)


@wrong("stable_softmax", "global-max-shift")
def stable_softmax_global_max(z, axis=-1):
    """Subtracted the maximum of the whole array instead of each row's own maximum."""
    z = np.asarray(z)
    e = np.exp(z - np.max(z))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("stable_softmax", "missing-keepdims")
def stable_softmax_max_without_keepdims(z, axis=-1):
    """Took the max without keepdims, so it broadcasts against the wrong axis."""
    z = np.asarray(z)
    e = np.exp(z - np.max(z, axis=axis))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("stable_softmax", "stable-softmax-shift-by-min")
def stable_softmax_shift_by_min(z, axis=-1):
    """Subtracted the minimum: z - min is >= 0 and overflows for widely spread logits."""
    z = np.asarray(z)
    e = np.exp(z - np.min(z, axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("stable_softmax", "stable-softmax-shift-by-mean")
def stable_softmax_shift_by_mean(z, axis=-1):
    """Subtracted the mean: the logits far above it still overflow."""
    z = np.asarray(z)
    e = np.exp(z - np.mean(z, axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("stable_softmax", "stable-softmax-clipped-logits")
def stable_softmax_clipped(z, axis=-1):
    """Clipped the logits to [-500, 500] to avoid overflow, which changes the answer."""
    e = np.exp(np.clip(np.asarray(z), -500, 500))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("stable_softmax", "stable-softmax-unshifted-denominator")
def stable_softmax_unshifted_denominator(z, axis=-1):
    """Shifted the numerator by the max but divided by the sum of the unshifted exponentials."""
    z = np.asarray(z)
    m = np.max(z, axis=axis, keepdims=True)
    return np.exp(z - m) / np.exp(z).sum(axis=axis, keepdims=True)


@wrong("stable_softmax", "stable-softmax-not-normalised")
def stable_softmax_divided_by_max(z, axis=-1):
    """Shifted by the max and stopped there: the largest entry is 1, nothing sums to 1."""
    z = np.asarray(z)
    return np.exp(z - np.max(z, axis=axis, keepdims=True))


@wrong("stable_softmax", "modified-input")
def stable_softmax_in_place(z, axis=-1):
    """Shifted in place (z -= max), changing the caller's array."""
    z = np.asarray(z)
    z -= np.max(z, axis=axis, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


@wrong("stable_softmax", "global-normalisation")
def stable_softmax_global_sum(z, axis=-1):
    """Shifted each row correctly but divided by the sum of the whole array."""
    z = np.asarray(z)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / e.sum()


@wrong("stable_softmax", "wrong-axis")
def stable_softmax_ignores_axis(z, axis=-1):
    """Hard-coded the last axis and ignored the `axis` argument."""
    z = np.asarray(z)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


@wrong("stable_softmax", "stable-softmax-neg-inf")
def stable_softmax_all_neg_inf_nan(z, axis=-1):
    """The textbook version: a row of only -inf has max -inf, and z - m is NaN there."""
    z = _real(z)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("stable_softmax", "stable-softmax-neg-inf")
def stable_softmax_uniform_when_all_neg_inf(z, axis=-1):
    """Replaced -inf logits by -1e9 first, so an all -inf row becomes uniform."""
    z = _real(z)
    z = np.where(np.isneginf(z), -1e9, z)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("stable_softmax", "stable-softmax-hid-nan")
def stable_softmax_nan_to_num(z, axis=-1):
    """Silenced every NaN with nan_to_num, so a NaN logit gives a finite row."""
    z = _real(z)
    m = np.max(z, axis=axis, keepdims=True)
    e = np.exp(z - np.where(np.isneginf(m), 0, m))
    return np.nan_to_num(e / e.sum(axis=axis, keepdims=True))


@wrong("stable_softmax", "wrong-dtype")
def stable_softmax_always_float64(z, axis=-1):
    """Converted the input to float64, so float32 logits give float64 probabilities."""
    z = np.asarray(z, dtype=np.float64)
    m = np.max(z, axis=axis, keepdims=True)
    e = np.exp(z - np.where(np.isneginf(m), 0, m))
    s = e.sum(axis=axis, keepdims=True)
    return np.divide(e, s, out=np.zeros_like(e), where=s != 0)


@wrong("stable_softmax", "not-array-like")
def stable_softmax_list_input(z, axis=-1):
    """Called array methods on the input, which fails for a Python list."""
    m = z.max(axis=axis, keepdims=True)
    e = np.exp(z - m)
    return e / e.sum(axis=axis, keepdims=True)


@wrong("stable_softmax", "missing-return")
def stable_softmax_no_return(z, axis=-1):
    """Computed the probabilities and forgot to return them."""
    z = np.asarray(z)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    e / e.sum(axis=axis, keepdims=True)


@wrong("stable_softmax", "returned-list")
def stable_softmax_returns_list(z, axis=-1):
    """Returned a Python list (tolist) instead of an array."""
    z = np.asarray(z, dtype=float)
    m = np.max(z, axis=axis, keepdims=True)
    e = np.exp(z - np.where(np.isneginf(m), 0, m))
    return (e / e.sum(axis=axis, keepdims=True)).tolist()


@wrong("stable_softmax", "no-max-shift")
def stable_softmax_float16_unshifted(z, axis=-1):
    """Right in float64/32, but float16 computed without the shift (overflows past 11.09)."""
    z = _real(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    m = np.max(z, axis=axis, keepdims=True)
    m = np.where(np.isneginf(m), 0, m).astype(z.dtype)
    if z.dtype == np.float16:
        m = np.zeros_like(m)
    e = np.exp(z - m)
    s = e.sum(axis=axis, keepdims=True)
    return np.divide(e, s, out=np.zeros_like(e), where=s != 0)


# --- overflow_threshold -----------------------------------------------------------------------


@wrong("overflow_threshold", "overflow-threshold-returned-max")
def overflow_threshold_finfo_max(dtype):
    """Returned the largest finite number itself instead of its logarithm."""
    return np.finfo(dtype).max


@wrong("overflow_threshold", "overflow-threshold-not-in-dtype")
def overflow_threshold_float64_log(dtype):
    """Took log(finfo.max) in float64: not a number of float16/float32."""
    return math.log(float(np.finfo(dtype).max))


@wrong("overflow_threshold", "overflow-threshold-exp-overflows")
def overflow_threshold_rounded_to_nearest(dtype):
    """Rounded log(finfo.max) to the nearest number of the dtype, which lies just above it."""
    return np.dtype(dtype).type(math.log(float(np.finfo(dtype).max)))


@wrong("overflow_threshold", "overflow-threshold-ignores-dtype")
def overflow_threshold_always_float64(dtype):
    """Returned the float64 threshold whatever the dtype."""
    return math.log(np.finfo(np.float64).max)


@wrong("overflow_threshold", "overflow-threshold-not-largest")
def overflow_threshold_floor(dtype):
    """Rounded the logarithm down to an integer: safe, but not the largest such x."""
    return np.dtype(dtype).type(math.floor(math.log(float(np.finfo(dtype).max))))


@wrong("overflow_threshold", "overflow-threshold-not-in-dtype")
def overflow_threshold_hard_coded(dtype):
    """Hard-coded the rounded values quoted in the notebook."""
    return {"float16": 11.09, "float32": 88.72, "float64": 709.78}[np.dtype(dtype).name]


@wrong("overflow_threshold", "overflow-threshold-finfo-min")
def overflow_threshold_log_of_min(dtype):
    """Took the log of finfo.min, which is the most negative number, giving NaN."""
    with np.errstate(invalid="ignore"):
        return np.log(np.finfo(dtype).min)


@wrong("overflow_threshold", "overflow-threshold-underflow-threshold")
def overflow_threshold_log_of_tiny(dtype):
    """Took the log of finfo.tiny: that is where exp underflows, not where it overflows."""
    return np.log(np.finfo(dtype).tiny)


@wrong("overflow_threshold", "no-value-error")
def overflow_threshold_dict_lookup(dtype):
    """Looked the dtype up in a table of thresholds: an integer dtype raises KeyError, not
    ValueError."""
    table = {}
    for kind in (np.float16, np.float32, np.float64, np.longdouble):
        x = np.log(np.finfo(kind).max)
        with np.errstate(over="ignore"):
            while not np.isfinite(np.exp(x)):
                x = np.nextafter(x, kind(-np.inf))
        table[np.dtype(kind)] = x
    return table[np.dtype(dtype)]


@wrong("overflow_threshold", "no-value-error")
def overflow_threshold_accepts_complex(dtype):
    """Right for real dtypes, but finfo also accepts complex128 and it never raised."""
    info = np.finfo(dtype)
    kind = info.dtype.type
    x = np.log(info.max)
    with np.errstate(over="ignore"):
        while not np.isfinite(np.exp(x)):
            x = np.nextafter(x, kind(-np.inf))
        while np.isfinite(np.exp(np.nextafter(x, kind(np.inf)))):
            x = np.nextafter(x, kind(np.inf))
    return x


@wrong("overflow_threshold", "raised-error")
def overflow_threshold_types_only(dtype):
    """Worked for np.float16/32/64 given as types, but read `dtype.__name__` for the others."""
    name = dtype.__name__
    kind = getattr(np, name)
    x = np.log(np.finfo(kind).max)
    with np.errstate(over="ignore"):
        while not np.isfinite(np.exp(x)):
            x = np.nextafter(x, kind(-np.inf))
    return x


# --- found by red-teaming the checks: contract edges the first checks did not probe ---------


@wrong("stable_softmax", "stable-softmax-hid-nan")
def stable_softmax_zeroes_nan_output(z, axis=-1):
    """Fixed the all -inf rows by turning NaN *results* into 0, which also hides NaN logits."""
    z = _real(z)
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return np.nan_to_num(e / np.sum(e, axis=axis, keepdims=True), nan=0.0).astype(z.dtype)


@wrong("stable_softmax", "stable-softmax-hid-nan")
def stable_softmax_divide_where_positive(z, axis=-1):
    """np.divide(..., where=total > 0) into zeros: a NaN total (NaN logit) gives zeros too."""
    z = _real(z)
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    m = np.max(z, axis=axis, keepdims=True)
    e = np.exp(z - np.where(m == -np.inf, 0, m))
    total = np.sum(e, axis=axis, keepdims=True)
    return np.divide(e, total, out=np.zeros_like(e), where=total > 0)


@wrong("stable_softmax", "wrong-dtype")
def stable_softmax_float16_as_float64(z, axis=-1):
    """Worked in float64 for accuracy and cast back to float32, but forgot float16."""
    z = np.asarray(z)
    w = z.astype(np.float64)
    m = np.max(w, axis=axis, keepdims=True)
    e = np.exp(w - np.where(m == -np.inf, 0, m))
    total = np.sum(e, axis=axis, keepdims=True)
    p = e / np.where(total == 0, 1, total)
    return p.astype(np.float32) if z.dtype == np.float32 else p


@wrong("overflow_threshold", "wrong-dtype")
def overflow_threshold_python_float(dtype):
    """Found the right number in the dtype, then returned float(x), a Python float."""
    dtype = np.dtype(dtype)
    if dtype.kind != "f":
        raise ValueError("dtype must be a real floating dtype")
    x = np.log(np.finfo(dtype).max)
    with np.errstate(over="ignore"):
        while not np.isfinite(np.exp(x)):
            x = np.nextafter(x, dtype.type(-np.inf))
    return float(x)


@wrong("overflow_threshold", "overflow-threshold-not-largest")
def overflow_threshold_bisect_in_float64(dtype):
    """Bisected in float64 (exp tested in the dtype): too coarse for np.longdouble."""
    dtype = np.dtype(dtype)
    if dtype.kind != "f":
        raise ValueError("dtype must be a real floating dtype")
    lo, hi = 0.0, 1e5
    with np.errstate(over="ignore"):
        for _ in range(200):
            mid = (lo + hi) / 2
            if np.isfinite(np.exp(dtype.type(mid))):
                lo = mid
            else:
                hi = mid
    return dtype.type(lo)


@wrong("overflow_threshold", "overflow-threshold-not-in-dtype")
def overflow_threshold_longdouble_as_float64(dtype):
    """Treated np.longdouble as float64, returning float64's threshold."""
    dtype = np.dtype(dtype)
    if dtype.kind != "f":
        raise ValueError("dtype must be a real floating dtype")
    if dtype.itemsize > 8:
        dtype = np.dtype(np.float64)
    x = np.log(np.finfo(dtype).max)
    with np.errstate(over="ignore"):
        while not np.isfinite(np.exp(x)):
            x = np.nextafter(x, dtype.type(-np.inf))
        while np.isfinite(np.exp(np.nextafter(x, dtype.type(np.inf)))):
            x = np.nextafter(x, dtype.type(np.inf))
    return x


# --- issue 6: the kinds of mistake the first checks let through --------------------------------


@wrong("stable_softmax", "wrong-axis")
def stable_softmax_shift_along_last_axis(z, axis=-1):
    """Normalised along `axis`, but took the max along the last axis whatever `axis` is."""
    z = _real(z)
    m = np.max(z, axis=-1, keepdims=True)
    e = np.exp(z - np.where(m == -np.inf, 0, m))
    total = np.sum(e, axis=axis, keepdims=True)
    return e / np.where(total == 0, 1, total)


@wrong("stable_softmax", "wrong-axis")
def stable_softmax_max_of_columns(z, axis=-1):
    """Subtracted z.max(axis=0), the max of each column, as if the classes ran down axis 0."""
    z = _real(z)
    m = z.max(axis=0)
    e = np.exp(z - np.where(m == -np.inf, 0, m))
    total = np.sum(e, axis=axis, keepdims=True)
    return e / np.where(total == 0, 1, total)


@wrong("stable_softmax", "empty-axis-refused")
def stable_softmax_empty_axis_raises(z, axis=-1):
    """Right everywhere, but np.max raises on an empty axis instead of giving an empty result."""
    z = _real(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    work = z.astype(np.float32) if z.dtype == np.float16 else z
    m = np.max(work, axis=axis, keepdims=True)
    e = np.exp(work - np.where(m == -np.inf, 0, m))
    total = np.sum(e, axis=axis, keepdims=True)
    return (e / np.where(total == 0, 1, total)).astype(z.dtype)


@wrong("stable_softmax", "stable-softmax-hid-nan")
def stable_softmax_nanmax_nansum(z, axis=-1):
    """np.nanmax and np.nansum 'to be safe': a NaN logit no longer spoils its row."""
    z = _real(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis {axis} does not exist")
    if z.shape[axis] == 0:
        return np.empty_like(z)
    m = np.nanmax(z, axis=axis, keepdims=True)
    e = np.exp(z - np.where(np.isneginf(m), 0, m))
    total = np.nansum(e, axis=axis, keepdims=True, dtype=np.float64)
    return (e / np.where(total == 0, 1, total)).astype(z.dtype)


@wrong("stable_softmax", "no-value-error")
def stable_softmax_never_validates(z, axis=-1):
    """Right for real logits, but never checks them: complex logits give a complex result."""
    z = np.asarray(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    if z.shape[axis] == 0:
        return np.empty_like(z)
    m = np.max(z, axis=axis, keepdims=True)
    e = np.exp(z - np.where(m == -np.inf, 0, m))
    total = np.sum(e, axis=axis, keepdims=True)
    return e / np.where(total == 0, 1, total)


@wrong("stable_softmax", "float16-sum-overflow")
def stable_softmax_float16_sum(z, axis=-1):
    """The textbook stable softmax, all in float16: 65,520 terms of 1 sum to inf, e / inf = 0."""
    z = _real(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis {axis} does not exist")
    if z.shape[axis] == 0:
        return np.empty_like(z)
    m = np.max(z, axis=axis, keepdims=True)
    e = np.exp(z - np.where(m == -np.inf, 0, m))
    total = np.sum(e, axis=axis, keepdims=True)
    return e / np.where(total == 0, 1, total)


@wrong("overflow_threshold", "returned-0d-array")
def overflow_threshold_0d_array(dtype):
    """Right number, but wrapped by np.asarray: a 0-d array, not a NumPy scalar."""
    dtype = np.dtype(dtype)
    if dtype.kind != "f":
        raise ValueError("dtype must be a real floating dtype")
    x = np.log(np.finfo(dtype).max)
    with np.errstate(over="ignore"):
        while not np.isfinite(np.exp(x)):
            x = np.nextafter(x, dtype.type(-np.inf))
    return np.asarray(x)


@wrong("overflow_threshold", "no-value-error")
def overflow_threshold_bool_is_a_number(dtype):
    """Refused only complex and object dtypes, so bool and integers go through np.finfo."""
    dtype = np.dtype(dtype)
    if dtype.kind in "cO":
        raise ValueError("dtype must be a real floating dtype")
    info = np.finfo(dtype if dtype.kind == "f" else np.float64)
    kind = info.dtype.type
    x = np.log(info.max)
    with np.errstate(over="ignore"):
        while not np.isfinite(np.exp(x)):
            x = np.nextafter(x, kind(-np.inf))
    return x


# --- baseline_softmax -------------------------------------------------------------------------


def _with_baseline(d, axis, value=0.0):
    """d with the baseline's logit ``value`` appended along ``axis`` (float64 unless float)."""
    d = _real(d)
    if d.dtype.kind in "biu":
        d = d.astype(np.float64)
    if not isinstance(axis, (int, np.integer)) or not -d.ndim <= axis < d.ndim:
        raise ValueError(f"axis {axis!r} does not exist")
    shape = list(d.shape)
    shape[axis] = 1
    return np.concatenate([d, np.full(shape, value, d.dtype)], axis=axis)


@wrong("baseline_softmax", "baseline-softmax-shift-without-zero")
def baseline_softmax_shift_by_max_of_d(d, axis=-1):
    """Shifted by max(d) only: for d = [-1000, -1000] the baseline's exp(0 + 1000) is inf."""
    # Self-contained (no module helper): the nbgrader pipeline submits it as an answer cell.
    d = np.asarray(d)
    if d.dtype.kind in "biu":
        d = d.astype(np.float64)
    m = np.max(d, axis=axis, keepdims=True)
    e = np.exp(d - m)
    base = np.exp(-m)
    total = e.sum(axis=axis, keepdims=True) + base
    return np.concatenate([e / total, base / total], axis=axis)


@wrong("baseline_softmax", "baseline-softmax-baseline-first")
def baseline_softmax_baseline_first(d, axis=-1):
    """Put the baseline's 0 in front, as in 'class 0 is the reference' conventions."""
    d = _real(d)
    if d.dtype.kind in "biu":
        d = d.astype(np.float64)
    shape = list(d.shape)
    shape[axis] = 1
    z = np.concatenate([np.zeros(shape, d.dtype), d], axis=axis)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("baseline_softmax", "baseline-softmax-baseline-missing")
def baseline_softmax_of_d_alone(d, axis=-1):
    """The stable softmax of d itself: K - 1 probabilities, the baseline class forgotten."""
    d = _real(d)
    e = np.exp(d - np.max(d, axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("baseline_softmax", "no-max-shift")
def baseline_softmax_unshifted(d, axis=-1):
    """Appended the 0 and exponentiated as is: exp(1000) is inf, and inf / inf is NaN."""
    e = np.exp(_with_baseline(d, axis))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("baseline_softmax", "no-max-shift")
def baseline_softmax_agresti_unshifted(d, axis=-1):
    """Agresti's formula as printed, 1 / (1 + Σ e^d) for the baseline, without any shift."""
    d = _real(d)
    if d.dtype.kind in "biu":
        d = d.astype(np.float64)
    e = np.exp(d)
    base = 1 / (1 + e.sum(axis=axis, keepdims=True))
    return np.concatenate([e * base, base], axis=axis)


@wrong("baseline_softmax", "baseline-softmax-baseline-not-zero")
def baseline_softmax_baseline_logit_one(d, axis=-1):
    """Appended np.ones instead of np.zeros: the baseline's logit became 1."""
    z = _with_baseline(d, axis, value=1.0)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("baseline_softmax", "baseline-softmax-baseline-not-zero")
def baseline_softmax_baseline_at_the_mean(d, axis=-1):
    """Gave the baseline the mean of the other logits, 'a neutral value', instead of 0."""
    d = _real(d)
    if d.dtype.kind in "biu":
        d = d.astype(np.float64)
    z = np.concatenate([d, np.mean(d, axis=axis, keepdims=True)], axis=axis)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("baseline_softmax", "baseline-softmax-appended-on-last-axis")
def baseline_softmax_zeros_on_last_axis(d, axis=-1):
    """Appended the zeros as a last column whatever `axis` is, then normalised along `axis`."""
    d = _real(d)
    if d.dtype.kind in "biu":
        d = d.astype(np.float64)
    z = np.concatenate([d, np.zeros(d.shape[:-1] + (1,), d.dtype)], axis=-1)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("baseline_softmax", "global-max-shift")
def baseline_softmax_batch_max(d, axis=-1):
    """Shifted every row by the max of the whole batch (and 0): a row far below it is 0 / 0."""
    z = _with_baseline(d, axis)
    e = np.exp(z - np.max(z))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("baseline_softmax", "baseline-softmax-per-entry-sigmoid")
def baseline_softmax_sigmoids(d, axis=-1):
    """Generalised K = 2 by a sigmoid per class, the baseline taking what is left to 1."""
    d = _real(d)
    if d.dtype.kind in "biu":
        d = d.astype(np.float64)
    p = 1 / (1 + np.exp(-d))
    return np.concatenate([p, 1 - p.sum(axis=axis, keepdims=True)], axis=axis)


@wrong("baseline_softmax", "float16-sum-overflow")
def baseline_softmax_all_in_float16(d, axis=-1):
    """Right, but float16 stays float16 throughout: 65,520 terms of 1 sum to inf."""
    z = _with_baseline(d, axis)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@wrong("baseline_softmax", "baseline-softmax-empty-axis")
def baseline_softmax_max_of_d_refuses_empty(d, axis=-1):
    """m = max(0, max(d)) computed from d: np.max raises when d has no logits."""
    d = _real(d)
    if d.dtype.kind in "biu":
        d = d.astype(np.float64)
    dtype = d.dtype
    work = d.astype(np.float32) if dtype == np.float16 else d
    m = np.maximum(np.max(work, axis=axis, keepdims=True), 0)
    e = np.exp(work - m)
    base = np.exp(-m)
    total = base + e.sum(axis=axis, keepdims=True)
    return np.concatenate([e / total, base / total], axis=axis).astype(dtype)


@wrong("baseline_softmax", "softmax-via-logsumexp")
def baseline_softmax_log_sum_exp_of_d(d, axis=-1):
    """log p = [d, 0] - log(1 + Σ e^d), with Σ e^d as a log-sum-exp shifted by max(d): the
    subtraction loses an ulp of the logits' size (and an all -inf d gives -inf - (-inf))."""
    d = _real(d)
    if d.dtype.kind in "biu":
        d = d.astype(np.float64)
    dtype = d.dtype
    work = d.astype(np.float64)  # log-domain differences of large logits need the digits
    z = _with_baseline(work, axis)
    if work.shape[axis] == 0:
        return np.ones(z.shape, dtype)
    m = np.max(work, axis=axis, keepdims=True)
    lse_d = m + np.log(np.sum(np.exp(work - m), axis=axis, keepdims=True))
    log_total = np.logaddexp(0, lse_d)
    return np.exp(z - log_total).astype(dtype)


def _baseline_from(z, axis, dtype):
    """The stable softmax of the K logits ``z`` (the 0 already in), rounded to ``dtype``."""
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return (e / np.sum(e, axis=axis, keepdims=True)).astype(dtype)


@wrong("baseline_softmax", "wrong-dtype")
def baseline_softmax_float64_zeros(d, axis=-1):
    """np.zeros(shape) is float64, and concatenating it with float32 d gives float64."""
    d = _real(d)
    if d.dtype.kind in "biu":
        d = d.astype(np.float64)
    if not -d.ndim <= axis < d.ndim:
        raise ValueError(f"axis {axis} does not exist")
    shape = list(d.shape)
    shape[axis] = 1
    z = np.concatenate(
        [d.astype(np.float32) if d.dtype == np.float16 else d, np.zeros(shape)], axis
    )
    return _baseline_from(z, axis, z.dtype)


@wrong("baseline_softmax", "modified-input")
def baseline_softmax_shifts_d_in_place(d, axis=-1):
    """Shifted d in place by m = max(0, max d) before appending the baseline's -m."""
    d = _real(d)
    if d.dtype.kind in "biu":
        d = d.astype(np.float64)
    m = np.maximum(np.max(d, axis=axis, keepdims=True), 0)
    d -= m
    z = np.concatenate([d, -m], axis=axis)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


@wrong("baseline_softmax", "baseline-softmax-appended-on-last-axis")
def baseline_softmax_ignores_axis(d, axis=-1):
    """Worked along the last axis whatever `axis` says."""
    return _baseline_from(_with_baseline(d, -1), -1, _with_baseline(d, -1).dtype)


@wrong("baseline_softmax", "no-value-error")
def baseline_softmax_never_validates(d, axis=-1):
    """Right for real logits, but complex logits go through and give a complex answer."""
    d = np.asarray(d)
    if d.dtype.kind in "biu":
        d = d.astype(np.float64)
    shape = list(d.shape)
    shape[axis] = 1
    work = d.astype(np.float32) if d.dtype == np.float16 else d
    z = np.concatenate([work, np.zeros(shape, work.dtype)], axis=axis)
    m = np.max(z.real, axis=axis, keepdims=True)
    e = np.exp(z - m)
    return (e / e.sum(axis=axis, keepdims=True)).astype(d.dtype)


@wrong("baseline_softmax", "stable-softmax-hid-nan")
def baseline_softmax_nan_to_num(d, axis=-1):
    """Cleaned the result with np.nan_to_num 'for safety': a NaN logit gives numbers."""
    z = _with_baseline(d, axis)
    dtype = z.dtype
    work = z.astype(np.float32) if dtype == np.float16 else z
    return np.nan_to_num(_baseline_from(work, axis, dtype))


@wrong("baseline_softmax", "baseline-softmax-empty-axis")
def baseline_softmax_empty_like_stable_softmax(d, axis=-1):
    """Copied stable_softmax's empty case: an empty result, where the baseline's 1 belongs."""
    d = _real(d)
    z = _with_baseline(d, axis)
    if d.shape[axis] == 0:
        return np.empty_like(d, dtype=z.dtype)
    work = z.astype(np.float32) if z.dtype == np.float16 else z
    return _baseline_from(work, axis, z.dtype)


@wrong("baseline_softmax", "baseline-softmax-baseline-missing")
def baseline_softmax_class_probabilities_only(d, axis=-1):
    """Computed all K probabilities, then returned the K - 1 of the classes d describes."""
    z = _with_baseline(d, axis)
    work = z.astype(np.float32) if z.dtype == np.float16 else z
    p = _baseline_from(work, axis, z.dtype)
    return np.delete(p, -1, axis=axis)


# --- correct answers in other styles: no check may reject them --------------------------------


@right("baseline_softmax")
def baseline_softmax_agresti_formula(d, axis=-1):
    """Agresti's formula read literally: p_k = e^{d_k - m} / (e^{-m} + Σ_j e^{d_j - m}),
    the baseline's e^{-m} added to the denominator, with m = max(0, max d)."""
    d = np.asarray(d)
    if d.dtype.kind not in "biuf" or d.ndim == 0:
        raise ValueError("d must be an array of real numbers with at least one dimension")
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise ValueError("axis must be an integer")
    if not -d.ndim <= axis < d.ndim:
        raise ValueError(f"axis {axis} does not exist")
    out_dtype = d.dtype if d.dtype.kind == "f" else np.dtype(np.float64)
    work = d.astype(np.float32 if out_dtype == np.float16 else out_dtype)
    if work.shape[axis] == 0:  # only the baseline: m = 0
        shape = list(work.shape)
        shape[axis] = 1
        m = np.zeros(shape, work.dtype)
    else:
        m = np.maximum(np.max(work, axis=axis, keepdims=True), 0)
    with np.errstate(invalid="ignore", over="ignore"):
        e = np.exp(work - m)
        base = np.exp(-m)
        total = base + np.sum(e, axis=axis, keepdims=True)
        return np.concatenate([e / total, base / total], axis=axis).astype(out_dtype)


@right("baseline_softmax")
def baseline_softmax_padded(d, axis=-1):
    """np.pad adds the baseline's 0 after the last logit along `axis`; then a stable softmax."""
    d = np.asarray(d)
    if d.dtype.kind not in "biuf" or d.ndim == 0:
        raise ValueError("d must be an array of real numbers with at least one dimension")
    if not isinstance(axis, (int, np.integer)) or isinstance(axis, bool):
        raise ValueError("axis must be an integer")
    if not -d.ndim <= axis < d.ndim:
        raise ValueError(f"axis {axis} does not exist")
    dtype = np.float64 if d.dtype.kind in "biu" else d.dtype
    work = d.astype(np.float32 if dtype == np.float16 else dtype)
    widths = [(0, 0)] * d.ndim
    widths[axis] = (0, 1)
    z = np.pad(work, widths)  # pads with 0
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return (e / e.sum(axis=axis, keepdims=True)).astype(dtype)


@wrong("baseline_softmax", "softmax-via-logsumexp")
def baseline_softmax_through_log_sum_exp(d, axis=-1):
    """In the log domain: p = exp([d, 0] - logsumexp([d, 0])). Right in exact arithmetic, but
    the subtraction costs an ulp of the logits' size: 4.5e-12 relative at d = [1e6, 1e6 + 1]."""
    d = np.asarray(d)
    if d.dtype.kind not in "biuf" or d.ndim == 0:
        raise ValueError("d must be an array of real numbers with at least one dimension")
    try:
        moved = np.moveaxis(d, axis, -1)
    except (TypeError, np.exceptions.AxisError) as error:
        raise ValueError(f"bad axis {axis!r}: {error}") from None
    out_dtype = d.dtype if d.dtype.kind == "f" else np.dtype(np.float64)
    z = moved.astype(np.float64)
    z = np.concatenate([z, np.zeros(z.shape[:-1] + (1,))], axis=-1)
    m = z.max(axis=-1, keepdims=True)  # >= 0: the baseline's 0 is among the logits
    with np.errstate(invalid="ignore"):
        lse = m + np.log(np.exp(z - m).sum(axis=-1, keepdims=True))
        p = np.exp(z - lse)
    return np.moveaxis(p, -1, axis).astype(out_dtype)


@wrong("stable_softmax", "axis-out-of-range")
def stable_softmax_axis_wraps_negative(z, axis=-1):
    """Refused only `axis >= z.ndim`, then took `axis % z.ndim`: axis -3 of a 2-D z is axis 1."""
    z = _real(z)
    if axis >= z.ndim:
        raise ValueError(f"axis {axis} is out of range")
    axis = axis % z.ndim
    z = z.astype(np.float64) if z.dtype.kind in "biu" else z
    if z.shape[axis] == 0:
        return np.empty_like(z)
    work = z.astype(np.float32) if z.dtype == np.float16 else z
    m = np.max(work, axis=axis, keepdims=True)
    e = np.exp(work - np.where(m == -np.inf, 0, m))
    total = np.sum(e, axis=axis, keepdims=True)
    return (e / np.where(total == 0, 1, total)).astype(z.dtype)


# --- Precision: float64 computed in float32, float16 rounded twice -----------------------------


@wrong("stable_softmax", "float64-computed-in-float32")
def stable_softmax_everything_in_float32(z, axis=-1):
    """'Compute in float32, round once at the end' applied to every dtype, float64 too."""
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
    m = np.where(m == -np.inf, np.float32(0), m)
    with np.errstate(invalid="ignore"):
        e = np.exp(w - m)
    s = np.sum(e, axis=axis, keepdims=True)
    s = np.where(s == 0, np.float32(1), s)
    return (e / s).astype(dtype)


@wrong("stable_softmax", "float16-double-rounding")
def stable_softmax_float16_exp(z, axis=-1):
    """float16: exp taken in float16 (rounded), then summed and divided in float32 and
    rounded again; float32 and float64 are computed right."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be an array of real numbers with at least one dimension")
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise ValueError("axis must be an integer")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError("axis out of range")
    if z.dtype.kind != "f":
        z = z.astype(np.float64)
    if z.shape[axis] == 0:
        return np.empty_like(z)
    m = np.max(z, axis=axis, keepdims=True)
    m = np.where(m == -np.inf, np.zeros_like(m), m)
    with np.errstate(invalid="ignore"):
        e = np.exp(z - m)  # float16 for float16 input: the first rounding
    wide = e.astype(np.float32) if z.dtype == np.float16 else e
    s = np.sum(wide, axis=axis, keepdims=True)
    s = np.where(s == 0, np.ones_like(s), s)
    return (wide / s).astype(z.dtype)


@wrong("baseline_softmax", "float64-computed-in-float32")
def baseline_softmax_everything_in_float32(d, axis=-1):
    """The closed form of the baseline softmax, computed in float32 for every dtype."""
    d = np.asarray(d)
    if d.dtype.kind not in "biuf" or d.ndim == 0:
        raise ValueError("d must be an array of real numbers with at least one dimension")
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise ValueError("axis must be an integer")
    if not -d.ndim <= axis < d.ndim:
        raise ValueError("axis out of range")
    dtype = d.dtype if d.dtype.kind == "f" else np.dtype(np.float64)
    shape = list(d.shape)
    shape[axis] = 1
    z = np.concatenate([d.astype(np.float32), np.zeros(shape, np.float32)], axis=axis)
    with np.errstate(invalid="ignore"):
        e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return (e / np.sum(e, axis=axis, keepdims=True)).astype(dtype)


@wrong("baseline_softmax", "float16-double-rounding")
def baseline_softmax_float16_exp(d, axis=-1):
    """float16: the exponentials rounded to float16, then normalised in float32."""
    d = np.asarray(d)
    if d.dtype.kind not in "biuf" or d.ndim == 0:
        raise ValueError("d must be an array of real numbers with at least one dimension")
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise ValueError("axis must be an integer")
    if not -d.ndim <= axis < d.ndim:
        raise ValueError("axis out of range")
    if d.dtype.kind != "f":
        d = d.astype(np.float64)
    shape = list(d.shape)
    shape[axis] = 1
    z = np.concatenate([d, np.zeros(shape, d.dtype)], axis=axis)
    with np.errstate(invalid="ignore"):
        e = np.exp(z - np.max(z, axis=axis, keepdims=True))  # float16 for float16 input
    wide = e.astype(np.float32) if d.dtype == np.float16 else e
    return (wide / np.sum(wide, axis=axis, keepdims=True)).astype(d.dtype)


@wrong("overflow_threshold", "overflow-threshold-left-dtype")
def overflow_threshold_log_in_float64(dtype):
    """log(finfo.max) taken in float64, then stepped in the dtype: right for float16/32/64,
    but longdouble's max is inf in float64."""
    dt = np.dtype(dtype)
    if dt.kind != "f":
        raise ValueError(f"{dt} is not a real floating dtype")
    t = dt.type
    x = t(np.log(np.float64(np.finfo(dt).max)))
    with np.errstate(over="ignore"):
        for _ in range(100):  # bounded: from inf, stepping down never reaches a finite exp
            if np.isfinite(np.exp(x)):
                break
            x = np.nextafter(x, t(-np.inf))
        while np.isfinite(np.exp(np.nextafter(x, t(np.inf)))):
            x = np.nextafter(x, t(np.inf))
    return x


@wrong("baseline_softmax", "baseline-softmax-one-minus-sum")
def baseline_softmax_one_minus_the_rest(d, axis=-1):
    """The others as exp(d - m) / sum, the baseline as 1 minus their sum: 1 - (1 - 4e-18) = 0."""
    d = np.asarray(d)
    if d.dtype.kind not in "biuf" or d.ndim == 0:
        raise ValueError("d must be an array of real numbers with at least one dimension")
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise ValueError("axis must be an integer")
    if not -d.ndim <= axis < d.ndim:
        raise ValueError("axis out of range")
    dtype = d.dtype if d.dtype.kind == "f" else np.dtype(np.float64)
    w = d.astype(np.float32 if dtype == np.float16 else dtype)
    m = np.max(w, axis=axis, keepdims=True, initial=0.0)  # the baseline's 0 counts
    with np.errstate(invalid="ignore"):
        e = np.exp(w - m)
        p = e / (np.exp(-m) + np.sum(e, axis=axis, keepdims=True))
    rest = 1 - np.sum(p, axis=axis, keepdims=True)
    return np.concatenate([p, rest], axis=axis).astype(dtype)


@wrong("stable_softmax", "softmax-via-logsumexp")
def stable_softmax_exp_of_z_minus_lse(z, axis=-1):
    """exp(z - lse(z)), lse shifted by the max: right in exact arithmetic, an ulp of the logits'
    size off in floating point (4.5e-12 relative at [1e6, 1e6 + 1])."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be an array of real numbers with at least one dimension")
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise ValueError("axis must be an integer")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError("axis out of range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    w = z.astype(np.float32 if dtype == np.float16 else dtype)
    if w.shape[axis] == 0:
        return np.empty(w.shape, dtype)
    m = np.max(w, axis=axis, keepdims=True)
    shift = np.where(np.isfinite(m), m, 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        lse = shift + np.log(np.sum(np.exp(w - shift), axis=axis, keepdims=True))
        p = np.exp(w - lse)
    p = np.where(m == -np.inf, 0.0, np.where(m == np.inf, np.nan, p))
    return p.astype(dtype)
