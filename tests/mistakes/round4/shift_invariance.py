import numpy as np

from tests.mistakes import right, wrong
from tests.mistakes.round4._common import asf, check_axis, work


def _checks(z, axis):
    check_axis(axis)
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis {axis} out of range for {z.ndim}-D input")


def _ss(w, axis):
    with np.errstate(all="ignore"):
        if w.shape[axis] == 0:
            return w.copy()
        m = w.max(axis=axis, keepdims=True)
        m = np.where(np.isneginf(m), 0, m)
        e = np.exp(w - m)
        s = e.sum(axis=axis, keepdims=True)
        return np.where(s == 0, 0, e / np.where(s == 0, 1, s))


# ---------------- stable_softmax ----------------


@right("stable_softmax")  # reference-equivalent
def stable_softmax_ok(z, axis=-1):
    z = asf(z)
    _checks(z, axis)
    w, out = work(z)
    return _ss(w, axis).astype(out)


@wrong(
    "stable_softmax", "stable-softmax-neg-inf"
)  # plain max shift: an all -inf slice gives -inf - (-inf) = NaN, stable_softmax([-inf, -inf]) is [nan, nan] instead of [0, 0]
def stable_softmax_neginf(z, axis=-1):
    z = asf(z)
    _checks(z, axis)
    w, out = work(z)
    with np.errstate(all="ignore"):
        e = np.exp(w - w.max(axis=axis, keepdims=True))
        return (e / e.sum(axis=axis, keepdims=True)).astype(out)


@wrong(
    "stable_softmax", "float16-sum-overflow"
)  # computes float16 in float16: a float16 row of 65,520 zeros sums to inf and gives 0 instead of 1/65520
def stable_softmax_f16(z, axis=-1):
    z = asf(z)
    _checks(z, axis)
    return _ss(z, axis).astype(z.dtype)


@wrong(
    "stable_softmax", "global-max-shift"
)  # subtracts the global max of the batch: stable_softmax([[0, 1], [-2000, -2001]]) gives row 2 as zeros instead of [0.731, 0.269]
def stable_softmax_global(z, axis=-1):
    z = asf(z)
    _checks(z, axis)
    w, out = work(z)
    with np.errstate(all="ignore"):
        if w.size == 0:
            return w.astype(out)
        m = w.max()
        m = 0 if np.isneginf(m) else m
        e = np.exp(w - m)
        s = e.sum(axis=axis, keepdims=True)
        return np.where(s == 0, 0, e / np.where(s == 0, 1, s)).astype(out)


@wrong(
    "stable_softmax", "wrong-values"
)  # replaces every non-finite max by 0 (np.isfinite, not np.isneginf): stable_softmax([1.0, inf]) gives [0, nan] instead of [nan, nan]
def stable_softmax_isfinite(z, axis=-1):
    z = asf(z)
    _checks(z, axis)
    w, out = work(z)
    with np.errstate(all="ignore"):
        if w.shape[axis] == 0:
            return w.astype(out)
        m = w.max(axis=axis, keepdims=True)
        m = np.where(np.isfinite(m), m, 0)
        e = np.exp(w - m)
        s = e.sum(axis=axis, keepdims=True)
        return np.where(s == 0, 0, e / np.where(s == 0, 1, s)).astype(out)


@wrong(
    "stable_softmax", "modified-input"
)  # shifts in place (z -= max) on the caller's float64 array: stable_softmax(a) with a=np.array([1.0, 2.0]) leaves a = [-1, 0]
def stable_softmax_inplace(z, axis=-1):
    z = asf(z)
    _checks(z, axis)
    if z.dtype == np.float16:
        return _ss(z.astype(np.float32), axis).astype(np.float16)
    with np.errstate(all="ignore"):
        if z.shape[axis] == 0:
            return z.copy()
        m = z.max(axis=axis, keepdims=True)
        z -= np.where(np.isneginf(m), 0, m)
        e = np.exp(z)
        s = e.sum(axis=axis, keepdims=True)
        return np.where(s == 0, 0, e / np.where(s == 0, 1, s)).astype(z.dtype)


# ---------------- overflow_threshold ----------------


def _dt(dtype):
    try:
        dt = np.dtype(dtype)
    except TypeError as exc:
        raise ValueError(f"{dtype!r} is not a dtype") from exc
    if dt.kind != "f":
        raise ValueError(f"dtype must be a real floating dtype, not {dt}")
    return dt


def _step(dt, x):
    with np.errstate(over="ignore"):
        while not np.isfinite(np.exp(x)):
            x = np.nextafter(x, dt.type(-np.inf))
        while np.isfinite(np.exp(np.nextafter(x, dt.type(np.inf)))):
            x = np.nextafter(x, dt.type(np.inf))
    return x


@right("overflow_threshold")  # reference-equivalent
def overflow_threshold_ok(dtype):
    dt = _dt(dtype)
    return _step(dt, np.log(np.finfo(dt).max))


@wrong(
    "overflow_threshold", "overflow-threshold-exp-overflows"
)  # rounds log(max) to nearest without checking: overflow_threshold('float32') is 88.72284, whose exp is inf (expected 88.72283)
def overflow_threshold_nearest(dtype):
    dt = _dt(dtype)
    return dt.type(np.log(np.finfo(dt).max.astype(np.float64)))


@wrong(
    "overflow_threshold", "no-value-error"
)  # uses np.finfo(dtype) without checking the kind: complex128 returns 709.78 instead of ValueError
def overflow_threshold_complex(dtype):
    fi = np.finfo(dtype)
    dt = np.dtype(fi.dtype)
    return _step(dt, np.log(fi.max))


@wrong(
    "overflow_threshold", "wrong-dtype"
)  # returns float(x): overflow_threshold(np.float32) is a Python float, not np.float32
def overflow_threshold_pyfloat(dtype):
    dt = _dt(dtype)
    return float(_step(dt, np.log(np.finfo(dt).max)))


@wrong(
    "overflow_threshold", "overflow-threshold-not-largest"
)  # always steps one ulp down from log(max): overflow_threshold(np.float64) is 709.7827128933839, but exp of the next number up (709.782712893384) is finite
def overflow_threshold_one_down(dtype):
    dt = _dt(dtype)
    x = np.log(np.finfo(dt).max)
    return np.nextafter(x, dt.type(-np.inf))


@wrong(
    "overflow_threshold", "raised-error"
)  # calls dtype.type without np.dtype(): the string 'float32' raises AttributeError instead of returning 88.72283
def overflow_threshold_str(dtype):
    if not (
        isinstance(dtype, np.dtype) or (isinstance(dtype, type) and issubclass(dtype, np.generic))
    ):
        dtype.type  # AttributeError for strings
    dt = _dt(dtype)
    return _step(dt, np.log(np.finfo(dt).max))
