"""Held-out answers for notebook 03 (module solutions.shift_invariance)."""

import math

import numpy as np

from tests.mistakes import right, wrong


def _as_float(a, name="z"):
    a = np.asarray(a)
    if a.dtype.kind not in "biuf":
        raise ValueError(f"{name} must hold real numbers, got dtype {a.dtype}")
    if a.dtype.kind != "f":
        a = a.astype(np.float64)
    return a


def _axis(axis, ndim):
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise ValueError(f"axis must be an integer, got {axis!r}")
    if not -ndim <= axis < ndim:
        raise ValueError(f"axis {axis} is out of range for {ndim} dimension(s)")
    return int(axis) % ndim


def _work(dtype):
    return np.dtype(np.float32) if dtype == np.float16 else dtype


def _prep(z, axis):
    z = _as_float(z)
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    return z, _axis(axis, z.ndim)


# ---------------------------------------------------------------- stable_softmax


@right("stable_softmax")  # max shift with a 0 shift for all -inf slices, zeros where the sum is 0
def stable_softmax_ok(z, axis=-1):
    z, axis = _prep(z, axis)
    x = z.astype(_work(z.dtype))
    if x.shape[axis] == 0:
        return x.astype(z.dtype, copy=True)
    m = x.max(axis=axis, keepdims=True)
    m = np.where(m == -np.inf, 0, m)
    with np.errstate(invalid="ignore", divide="ignore"):
        e = np.exp(x - m)
        s = e.sum(axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(z.dtype, copy=False)


@right("stable_softmax")  # row by row in Python over the moved axis, explicit edge cases
def stable_softmax_ok_loop(z, axis=-1):
    arr = np.asarray(z)
    if arr.dtype.kind not in "biuf":
        raise ValueError("z must be real")
    if arr.ndim == 0:
        raise ValueError("z must be at least 1-D")
    if type(axis) is bool or not isinstance(axis, (int, np.integer)):
        raise ValueError("axis must be an integer")
    if not -arr.ndim <= axis < arr.ndim:
        raise ValueError("axis out of range")
    out = arr.dtype if arr.dtype.kind == "f" else np.dtype(np.float64)
    work = np.promote_types(out, np.float32)
    moved = np.moveaxis(arr.astype(work), axis, -1)
    K = moved.shape[-1]
    flat = moved.reshape(int(np.prod(moved.shape[:-1])), K)
    res = np.zeros(flat.shape, dtype=work)
    for r in range(flat.shape[0]):
        row = flat[r]
        if np.isnan(row).any() or (row == np.inf).any():
            res[r] = np.nan
        elif K and not (row == -np.inf).all():
            e = np.exp(row - row.max())
            res[r] = e / e.sum()
    return np.moveaxis(res.reshape(moved.shape), -1, axis).astype(out)


@wrong(
    "stable_softmax", "stable-softmax-neg-inf"
)  # no special case for an all -inf slice: stable_softmax([-inf, -inf]) gives [nan, nan], not [0, 0]
def stable_softmax_w_neginf_nan(z, axis=-1):
    z, axis = _prep(z, axis)
    x = z.astype(_work(z.dtype))
    if x.shape[axis] == 0:
        return x.astype(z.dtype, copy=True)
    with np.errstate(invalid="ignore"):
        e = np.exp(x - x.max(axis=axis, keepdims=True))
        p = e / e.sum(axis=axis, keepdims=True)
    return p.astype(z.dtype, copy=False)


@wrong(
    "stable_softmax", "float16-sum-overflow"
)  # float16 sum in float16: stable_softmax(np.zeros(65520, np.float16)) gives 0, not 1/65520
def stable_softmax_w_f16(z, axis=-1):
    z, axis = _prep(z, axis)
    if z.shape[axis] == 0:
        return z.copy()
    m = z.max(axis=axis, keepdims=True)
    m = np.where(m == -np.inf, 0, m).astype(z.dtype)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        e = np.exp(z - m)
        s = e.sum(axis=axis, keepdims=True)
        return np.where(s == 0, 0, e / s).astype(z.dtype)


@wrong(
    "stable_softmax", "empty-axis-refused"
)  # max of an empty axis raises: stable_softmax(np.zeros((2, 0))) raises ValueError instead of an empty result
def stable_softmax_w_empty(z, axis=-1):
    z, axis = _prep(z, axis)
    x = z.astype(_work(z.dtype))
    m = x.max(axis=axis, keepdims=True)
    m = np.where(m == -np.inf, 0, m)
    with np.errstate(invalid="ignore", divide="ignore"):
        e = np.exp(x - m)
        s = e.sum(axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(z.dtype, copy=False)


@wrong(
    "stable_softmax", "no-value-error"
)  # np.atleast_1d accepts a scalar: stable_softmax(3.0) gives [1.] instead of ValueError
def stable_softmax_w_scalar(z, axis=-1):
    z = np.atleast_1d(_as_float(z))
    axis = _axis(axis, z.ndim)
    x = z.astype(_work(z.dtype))
    if x.shape[axis] == 0:
        return x.astype(z.dtype, copy=True)
    m = x.max(axis=axis, keepdims=True)
    m = np.where(m == -np.inf, 0, m)
    with np.errstate(invalid="ignore", divide="ignore"):
        e = np.exp(x - m)
        s = e.sum(axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(z.dtype, copy=False)


@wrong(
    "stable_softmax", "global-max-shift"
)  # subtracts the max of the whole array: stable_softmax([[0., 1.], [-1000., -1001.]]) gives row 2 = [0, 0], not [0.73, 0.27]
def stable_softmax_w_global_max(z, axis=-1):
    z, axis = _prep(z, axis)
    x = z.astype(_work(z.dtype))
    if x.size == 0:
        return x.astype(z.dtype, copy=True)
    m = x.max()
    m = 0 if m == -np.inf else m
    with np.errstate(invalid="ignore", divide="ignore"):
        e = np.exp(x - m)
        s = e.sum(axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(z.dtype, copy=False)


@wrong(
    "stable_softmax", "stable-softmax-hid-nan"
)  # np.nan_to_num to get zeros for all -inf slices also zeroes NaN slices: stable_softmax([nan, 0.]) gives [0, 0], not [nan, nan]
def stable_softmax_w_nan_to_num(z, axis=-1):
    z, axis = _prep(z, axis)
    x = z.astype(_work(z.dtype))
    if x.shape[axis] == 0:
        return x.astype(z.dtype, copy=True)
    with np.errstate(invalid="ignore"):
        e = np.exp(x - x.max(axis=axis, keepdims=True))
        p = np.nan_to_num(e / e.sum(axis=axis, keepdims=True), nan=0.0)
    return p.astype(z.dtype, copy=False)


@wrong(
    "stable_softmax", "wrong-values"
)  # replaces every non-finite max by 0, so +inf is not caught: stable_softmax([inf, 0.]) gives [nan, 0], not [nan, nan]
def stable_softmax_w_posinf(z, axis=-1):
    z, axis = _prep(z, axis)
    x = z.astype(_work(z.dtype))
    if x.shape[axis] == 0:
        return x.astype(z.dtype, copy=True)
    m = x.max(axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        e = np.exp(x - m)
        s = e.sum(axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(z.dtype, copy=False)


# Not catalogued: NumPy's own TypeError for a non-integer axis is accepted (the docstrings now say so).
# axis passed to NumPy unchecked: stable_softmax([1., 2.], axis=1.0) raises TypeError, the docstring requires ValueError
def stable_softmax_w_axis_type(z, axis=-1):
    z = _as_float(z)
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    x = z.astype(_work(z.dtype))
    m = x.max(axis=axis, keepdims=True, initial=-np.inf)
    m = np.where(m == -np.inf, 0, m)
    with np.errstate(invalid="ignore", divide="ignore"):
        e = np.exp(x - m)
        s = e.sum(axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(z.dtype, copy=False)


@wrong(
    "stable_softmax", "modified-input"
)  # shifts the caller's array in place: stable_softmax(x) with x = np.array([1., 2.]) leaves x == [-1, 0]
def stable_softmax_w_inplace(z, axis=-1):
    z, axis = _prep(z, axis)
    if z.shape[axis] == 0:
        return z.copy()
    m = z.max(axis=axis, keepdims=True)
    m = np.where(m == -np.inf, 0, m)
    with np.errstate(invalid="ignore", divide="ignore"):
        z -= m.astype(z.dtype)
        e = np.exp(z.astype(_work(z.dtype)))
        s = e.sum(axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(z.dtype, copy=False)


# ---------------------------------------------------------------- overflow_threshold


def _float_dtype(dtype):
    try:
        dt = np.dtype(dtype)
    except TypeError as e:
        raise ValueError(f"{dtype!r} is not a NumPy dtype") from e
    if dt.kind != "f":
        raise ValueError(f"dtype must be a real floating dtype, not {dt}")
    return dt


@right("overflow_threshold")  # log of max in the dtype, then step with nextafter both ways
def overflow_threshold_ok_step(dtype):
    dt = _float_dtype(dtype)
    t = dt.type
    up, down = t(np.inf), t(-np.inf)
    with np.errstate(over="ignore"):
        x = np.log(np.finfo(dt).max)
        while not np.isfinite(np.exp(x)):
            x = np.nextafter(x, down)
        while np.isfinite(np.exp(np.nextafter(x, up))):
            x = np.nextafter(x, up)
    return x


@right("overflow_threshold")  # bisection on [0, max] keeping exp(lo) finite and exp(hi) infinite
def overflow_threshold_ok_bisect(dtype):
    try:
        dt = np.dtype(dtype)
    except TypeError:
        raise ValueError("not a dtype") from None
    if not np.issubdtype(dt, np.floating):
        raise ValueError("need a real floating dtype")
    t = dt.type
    lo, hi = t(0), np.finfo(dt).max
    two = t(2)
    with np.errstate(over="ignore"):
        while np.nextafter(lo, hi) != hi:
            mid = lo + (hi - lo) / two
            if mid == lo or mid == hi:
                mid = np.nextafter(lo, hi)
            if np.isfinite(np.exp(mid)):
                lo = mid
            else:
                hi = mid
    return t(lo)


@wrong(
    "overflow_threshold", "overflow-threshold-exp-overflows"
)  # rounds log(max) to nearest without stepping: overflow_threshold(np.float32) gives 88.72284, whose exp is inf
def overflow_threshold_w_nearest(dtype):
    dt = _float_dtype(dtype)
    return dt.type(
        np.log(np.float64(np.finfo(dt).max)) if dt.itemsize <= 8 else np.log(np.finfo(dt).max)
    )


@wrong(
    "overflow_threshold", "wrong-dtype"
)  # steps in float64 and returns float64: overflow_threshold('float32').dtype is float64, not float32
def overflow_threshold_w_f64_result(dtype):
    dt = _float_dtype(dtype)
    t = dt.type
    with np.errstate(over="ignore"):
        x = np.log(np.finfo(dt).max)
        while not np.isfinite(np.exp(x)):
            x = np.nextafter(x, t(-np.inf))
        while np.isfinite(np.exp(np.nextafter(x, t(np.inf)))):
            x = np.nextafter(x, t(np.inf))
    return np.float64(x) if dt.itemsize <= 8 else x


# Not catalogued: np.dtype's own TypeError for a name that is no dtype is accepted.
# np.dtype's TypeError not converted: overflow_threshold('foo') raises TypeError, not ValueError
def overflow_threshold_w_typeerror(dtype):
    dt = np.dtype(dtype)
    if dt.kind != "f":
        raise ValueError(f"dtype must be a real floating dtype, not {dt}")
    t = dt.type
    with np.errstate(over="ignore"):
        x = np.log(np.finfo(dt).max)
        while not np.isfinite(np.exp(x)):
            x = np.nextafter(x, t(-np.inf))
        while np.isfinite(np.exp(np.nextafter(x, t(np.inf)))):
            x = np.nextafter(x, t(np.inf))
    return x


@wrong(
    "overflow_threshold", "no-value-error"
)  # tests issubdtype(inexact), so complex passes: overflow_threshold('complex64') returns a number, not ValueError
def overflow_threshold_w_complex(dtype):
    try:
        dt = np.dtype(dtype)
    except TypeError as e:
        raise ValueError("not a dtype") from e
    if not np.issubdtype(dt, np.inexact):
        raise ValueError("dtype must be floating")
    fi = np.finfo(dt)
    t = fi.dtype.type
    with np.errstate(over="ignore"):
        x = np.log(fi.max)
        while not np.isfinite(np.exp(x)):
            x = np.nextafter(x, t(-np.inf))
        while np.isfinite(np.exp(np.nextafter(x, t(np.inf)))):
            x = np.nextafter(x, t(np.inf))
    return x


@wrong(
    "overflow_threshold", "overflow-threshold-not-largest"
)  # 'rounds down' by always taking one step below log(max): overflow_threshold(np.float64) gives 709.7827128933839, one below 709.782712893384 whose exp is still finite
def overflow_threshold_w_one_step(dtype):
    dt = _float_dtype(dtype)
    t = dt.type
    x = np.log(np.finfo(dt).max)
    return np.nextafter(x, t(-np.inf))


@wrong(
    "overflow_threshold", "overflow-threshold-ignores-dtype"
)  # finiteness tested with math.exp (float64): overflow_threshold(np.float32) gives 88.72284, whose float32 exp is inf
def overflow_threshold_w_math_exp(dtype):
    dt = _float_dtype(dtype)
    t = dt.type

    def finite(v):
        try:
            return math.isfinite(math.exp(float(v)))
        except OverflowError:
            return False

    x = t(np.log(np.finfo(dt).max))
    while not finite(x):
        x = np.nextafter(x, t(-np.inf))
    while finite(np.nextafter(x, t(np.inf))):
        x = np.nextafter(x, t(np.inf))
    return x


# Not catalogued: a Python float is the same float64 number.
# returns float(x): type(overflow_threshold(np.float64)) is Python float, not a NumPy float64 scalar
def overflow_threshold_w_python_float(dtype):
    dt = _float_dtype(dtype)
    t = dt.type
    with np.errstate(over="ignore"):
        x = np.log(np.finfo(dt).max)
        while not np.isfinite(np.exp(x)):
            x = np.nextafter(x, t(-np.inf))
        while np.isfinite(np.exp(np.nextafter(x, t(np.inf)))):
            x = np.nextafter(x, t(np.inf))
    return float(x) if dt == np.float64 else x
