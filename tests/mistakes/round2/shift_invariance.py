"""Held-out answers for notebook 03 (shift invariance): stable_softmax, overflow_threshold."""

import math

import numpy as np

from tests.mistakes import right, wrong

# ---------------------------------------------------------------------------
# stable_softmax: CORRECT answers
# ---------------------------------------------------------------------------


@right(
    "stable_softmax"
)  # vectorised: per-slice max (keepdims), a -inf-only slice is shifted by 0 and its 0/0 mapped to 0 with np.where; float16 computed in float32 and rounded once
def stable_softmax_where(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"z must hold real numbers, got dtype {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise ValueError(f"axis must be an integer, got {axis!r}")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis {axis} is out of range for {z.ndim}-d input")
    out_dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.float32 if out_dtype == np.float16 else out_dtype
    x = z.astype(work)
    if x.shape[axis] == 0:
        return np.empty(z.shape, dtype=out_dtype)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        m = np.where(m == -np.inf, 0, m)
        e = np.exp(x - m)
        s = np.sum(e, axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(out_dtype)


@right(
    "stable_softmax"
)  # loop style: move axis last, flatten to rows and treat each row on its own (NaN/+inf row -> NaN, all -inf row -> zeros), float16 rows in float32
def stable_softmax_loop(z, axis=-1):
    arr = np.asarray(z)
    if not (
        np.issubdtype(arr.dtype, np.floating)
        or np.issubdtype(arr.dtype, np.integer)
        or arr.dtype == np.bool_
    ):
        raise ValueError("z must be real-valued")
    if arr.ndim < 1:
        raise ValueError("z must be at least 1-D")
    if (
        type(axis) is bool
        or not isinstance(axis, (int, np.integer))
        or not (-arr.ndim <= axis < arr.ndim)
    ):
        raise ValueError("bad axis")
    dtype = arr.dtype if np.issubdtype(arr.dtype, np.floating) else np.dtype("float64")
    calc = np.dtype("float32") if dtype == np.float16 else dtype
    moved = np.moveaxis(arr.astype(calc), axis, -1)
    shape = moved.shape
    rows = moved.reshape(int(np.prod(shape[:-1])), shape[-1])
    out = np.empty_like(rows)
    for i in range(rows.shape[0]):
        row = rows[i]
        if row.size == 0:
            continue
        if np.any(np.isnan(row)) or np.any(row == np.inf):
            out[i] = np.nan
        elif np.all(row == -np.inf):
            out[i] = 0
        else:
            e = np.exp(row - row.max())
            out[i] = e / e.sum()
    out = np.moveaxis(out.reshape(shape), -1, axis)
    return out.astype(dtype)


@right(
    "stable_softmax"
)  # exp(z - m - log sum exp(z - m)) (no division), arithmetic in float64 (longdouble kept) and rounded once to the input dtype; -inf-only slices set to 0 explicitly
def stable_softmax_logspace(z, axis=-1):
    z = np.asarray(z)
    if not np.isrealobj(z) or z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise ValueError("axis must be an integer")
    if axis >= z.ndim or axis < -z.ndim:
        raise ValueError("axis out of range")
    out_dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.longdouble if out_dtype == np.longdouble else np.float64
    x = np.array(z, dtype=work)
    if x.shape[axis] == 0:
        return x.astype(out_dtype)
    with np.errstate(all="ignore"):
        m = x.max(axis=axis, keepdims=True)
        dead = m == -np.inf
        m_safe = np.where(dead, 0.0, m)
        log_s = np.log(np.exp(x - m_safe).sum(axis=axis, keepdims=True))
        p = np.exp(x - m_safe - log_s)
        p = np.where(dead, 0.0, p)
    return p.astype(out_dtype)


# ---------------------------------------------------------------------------
# stable_softmax: WRONG answers (each is the full function with one slip)
# ---------------------------------------------------------------------------


@wrong(
    "stable_softmax", "no-max-shift"
)  # no max shift at all: stable_softmax([1000., 1001., 999.]) overflows to NaN instead of [0.245, 0.665, 0.090]
def stable_softmax_noshift(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    x = z.astype(np.float32 if dtype == np.float16 else dtype)
    with np.errstate(all="ignore"):
        e = np.exp(x)
        s = np.sum(e, axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(dtype)


@wrong(
    "stable_softmax", "global-max-shift"
)  # subtracts the global max of the whole array instead of each slice's max: stable_softmax([[0., 0.], [-1000., -1000.]]) gives row 2 = [0, 0] (exp underflow) instead of [0.5, 0.5]
def stable_softmax_globalmax(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    x = z.astype(np.float32 if dtype == np.float16 else dtype)
    if x.size == 0:
        return x.astype(dtype)
    with np.errstate(all="ignore"):
        m = np.max(x)
        if m == -np.inf:
            m = x.dtype.type(0)
        e = np.exp(x - m)
        s = np.sum(e, axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(dtype)


@wrong(
    "stable_softmax", "missing-keepdims"
)  # max taken without keepdims, so it broadcasts along the wrong axis: stable_softmax([[0., 1.], [2., 5.]]) gives [[0.953, 0.047], [0.731, 0.269]] instead of [[0.269, 0.731], [0.047, 0.953]]
def stable_softmax_nokeepdims_max(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    x = z.astype(np.float32 if dtype == np.float16 else dtype)
    if x.shape[axis] == 0:
        return x.astype(dtype)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis)
        m = np.where(m == -np.inf, 0, m).astype(x.dtype)
        e = np.exp(x - m)
        s = np.sum(e, axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(dtype)


@wrong(
    "stable_softmax", "missing-keepdims"
)  # sum taken without keepdims: e / e.sum(axis) divides by the wrong slice's sum; stable_softmax([[0., 1.], [2., 5.]]) row 0 is [0.269, 0.953] instead of [0.269, 0.731]
def stable_softmax_nokeepdims_sum(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    x = z.astype(np.float32 if dtype == np.float16 else dtype)
    if x.shape[axis] == 0:
        return x.astype(dtype)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        m = np.where(m == -np.inf, 0, m).astype(x.dtype)
        e = np.exp(x - m)
        s = np.sum(e, axis=axis)
        p = np.where(s == 0, 0, e / s)
    return p.astype(dtype)


@wrong(
    "stable_softmax", "stable-softmax-neg-inf"
)  # no guard for a slice of only -inf: stable_softmax([[0., -inf], [-inf, -inf]]) gives row 2 = [nan, nan] instead of [0, 0]
def stable_softmax_allneginf_nan(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    x = z.astype(np.float32 if dtype == np.float16 else dtype)
    if x.shape[axis] == 0:
        return x.astype(dtype)
    with np.errstate(all="ignore"):
        e = np.exp(x - np.max(x, axis=axis, keepdims=True))
        p = e / np.sum(e, axis=axis, keepdims=True)
    return p.astype(dtype)


@wrong(
    "stable_softmax", "stable-softmax-hid-nan"
)  # fixes all -inf slices with np.nan_to_num, which also turns NaN slices into zeros: stable_softmax([1., nan]) gives [0, 0] instead of [nan, nan] (NaN must propagate)
def stable_softmax_nan_to_num(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    x = z.astype(np.float32 if dtype == np.float16 else dtype)
    if x.shape[axis] == 0:
        return x.astype(dtype)
    with np.errstate(all="ignore"):
        e = np.exp(x - np.max(x, axis=axis, keepdims=True))
        p = e / np.sum(e, axis=axis, keepdims=True)
    return np.nan_to_num(p, nan=0.0).astype(dtype)


@wrong(
    "stable_softmax", "wrong-values"
)  # guards the max with np.isinf (meant for -inf), so a +inf slice is not all NaN: stable_softmax([1., inf]) gives [0, nan] instead of [nan, nan]
def stable_softmax_isinf_guard(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    x = z.astype(np.float32 if dtype == np.float16 else dtype)
    if x.shape[axis] == 0:
        return x.astype(dtype)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        m = np.where(np.isinf(m), 0, m).astype(x.dtype)
        e = np.exp(x - m)
        s = np.sum(e, axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(dtype)


@wrong(
    "stable_softmax", "wrong-dtype"
)  # converts with np.asarray(z, dtype=float): float32 input comes back float64 (stable_softmax(np.float32([-101, -102])).dtype is float64, must stay float32)
def stable_softmax_float64(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    x = np.asarray(z, dtype=float)
    if x.shape[axis] == 0:
        return x.copy()
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        m = np.where(m == -np.inf, 0.0, m)
        e = np.exp(x - m)
        s = np.sum(e, axis=axis, keepdims=True)
        return np.where(s == 0, 0.0, e / s)


@wrong(
    "stable_softmax", "wrong-dtype"
)  # computes float16 in float32 (good) but forgets to round back: stable_softmax(np.float16([1, 2])).dtype is float32 instead of float16
def stable_softmax_f16_not_cast_back(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    x = z.astype(np.float32 if dtype == np.float16 else dtype)
    if x.shape[axis] == 0:
        return x
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        m = np.where(m == -np.inf, 0, m).astype(x.dtype)
        e = np.exp(x - m)
        s = np.sum(e, axis=axis, keepdims=True)
        return np.where(s == 0, 0, e / s).astype(x.dtype)


@wrong(
    "stable_softmax", "modified-input"
)  # shifts in place with z -= max: the caller's float64 array is modified (z = np.array([1., 2., 3.]) becomes [-2, -1, 0])
def stable_softmax_inplace(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    x = (
        z
        if z.dtype in (np.float32, np.float64, np.longdouble)
        else z.astype(np.float32 if dtype == np.float16 else dtype)
    )
    if x.shape[axis] == 0:
        return x.astype(dtype)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        x -= np.where(m == -np.inf, 0, m).astype(x.dtype)
        e = np.exp(x)
        s = np.sum(e, axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(dtype)


@wrong(
    "stable_softmax", "empty-axis-refused"
)  # empty axis not handled (np.max of an empty axis raises): stable_softmax(np.zeros((2, 0))) raises ValueError instead of returning an empty (2, 0) array
def stable_softmax_empty_raises(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    x = z.astype(np.float32 if dtype == np.float16 else dtype)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        m = np.where(m == -np.inf, 0, m).astype(x.dtype)
        e = np.exp(x - m)
        s = np.sum(e, axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(dtype)


@wrong(
    "stable_softmax", "stable-softmax-shift-by-min"
)  # subtracts the minimum instead of the maximum: stable_softmax([0., 1000.]) overflows (exp(1000) = inf) and gives [0, nan] instead of [0, 1]
def stable_softmax_min_shift(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    x = z.astype(np.float32 if dtype == np.float16 else dtype)
    if x.shape[axis] == 0:
        return x.astype(dtype)
    with np.errstate(all="ignore"):
        lo = np.min(np.where(x == -np.inf, np.inf, x), axis=axis, keepdims=True)
        lo = np.where(np.isfinite(lo), lo, 0).astype(x.dtype)
        e = np.exp(x - lo)
        s = np.sum(e, axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(dtype)


@wrong(
    "stable_softmax", "wrong-axis"
)  # ignores the axis argument (always uses the last axis): stable_softmax([[1, 2], [3, 4]], axis=0) gives rows [0.269, 0.731] instead of [[0.119, 0.119], [0.881, 0.881]]
def stable_softmax_ignores_axis(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    x = z.astype(np.float32 if dtype == np.float16 else dtype)
    if x.shape[-1] == 0:
        return x.astype(dtype)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=-1, keepdims=True)
        m = np.where(m == -np.inf, 0, m).astype(x.dtype)
        e = np.exp(x - m)
        s = np.sum(e, axis=-1, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(dtype)


@wrong(
    "stable_softmax", "not-array-like"
)  # array-likes not accepted (uses z.dtype / z.max directly): stable_softmax([1000.0, 1001.0, 999.0]) raises AttributeError on a Python list
def stable_softmax_no_asarray(z, axis=-1):
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    x = z.astype(np.float32 if dtype == np.float16 else dtype)
    if x.shape[axis] == 0:
        return x.astype(dtype)
    with np.errstate(all="ignore"):
        m = x.max(axis=axis, keepdims=True)
        m = np.where(m == -np.inf, 0, m).astype(x.dtype)
        e = np.exp(x - m)
        s = e.sum(axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(dtype)


@wrong(
    "stable_softmax", "empty-axis-refused"
)  # rejects an empty batch: raises ValueError when z.size == 0, e.g. stable_softmax(np.zeros((0, 3))) must return an empty (0, 3) array
def stable_softmax_rejects_empty(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0 or z.size == 0:
        raise ValueError("z must be a non-empty array of logits")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    x = z.astype(np.float32 if dtype == np.float16 else dtype)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        m = np.where(m == -np.inf, 0, m).astype(x.dtype)
        e = np.exp(x - m)
        s = np.sum(e, axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(dtype)


# ---------------------------------------------------------------------------
# overflow_threshold: CORRECT answers
# ---------------------------------------------------------------------------


@right(
    "overflow_threshold"
)  # start from log(finfo.max) computed in the dtype, step down with nextafter while exp overflows, then up while the next number's exp is still finite
def overflow_threshold_step(dtype):
    try:
        dt = np.dtype(dtype)
    except TypeError:
        raise ValueError(f"{dtype!r} is not a NumPy dtype") from None
    if dt.kind != "f":
        raise ValueError(f"dtype must be a real floating dtype, not {dt}")
    t = dt.type
    inf = t(np.inf)
    with np.errstate(over="ignore"):
        x = np.log(np.finfo(dt).max)
        x = t(x)
        while not np.isfinite(np.exp(x)):
            x = np.nextafter(x, -inf)
        while np.isfinite(np.exp(np.nextafter(x, inf))):
            x = np.nextafter(x, inf)
    return t(x)


@right(
    "overflow_threshold"
)  # bisection on the values: keep lo with exp(lo) finite and hi with exp(hi) inf, halve until they are adjacent floats (works for longdouble too)
def overflow_threshold_bisect(dtype):
    try:
        dt = np.dtype(dtype)
    except TypeError as exc:
        raise ValueError(str(exc)) from None
    if not np.issubdtype(dt, np.floating):
        raise ValueError(f"dtype must be a real floating dtype, not {dt}")
    t = dt.type
    lo, hi = t(0), np.finfo(dt).max
    two = t(2)
    with np.errstate(over="ignore"):
        while np.nextafter(lo, hi) != hi:
            mid = t(lo / two + hi / two)
            if mid <= lo or mid >= hi:
                mid = np.nextafter(lo, hi)
            if np.isfinite(np.exp(mid)):
                lo = mid
            else:
                hi = mid
    return t(lo)


@right(
    "overflow_threshold"
)  # bisection on the bit patterns (uint view) for float16/32/64, so every candidate is a representable number; longdouble falls back to nextafter stepping
def overflow_threshold_bits(dtype):
    try:
        dt = np.dtype(dtype)
    except TypeError:
        raise ValueError(f"not a dtype: {dtype!r}") from None
    if dt.kind != "f":
        raise ValueError(f"dtype must be a real floating dtype, not {dt}")
    uint = {2: np.uint16, 4: np.uint32, 8: np.uint64}.get(dt.itemsize)
    with np.errstate(over="ignore"):
        if uint is None or dt == np.longdouble:
            x = dt.type(np.log(np.finfo(dt).max))
            inf = dt.type(np.inf)
            while not np.isfinite(np.exp(x)):
                x = np.nextafter(x, -inf)
            while np.isfinite(np.exp(np.nextafter(x, inf))):
                x = np.nextafter(x, inf)
            return dt.type(x)
        lo = int(np.array(0, dt).view(uint))
        hi = int(np.array(np.finfo(dt).max, dt).view(uint))
        while hi - lo > 1:
            mid = (lo + hi) // 2
            val = np.array(mid, dtype=uint).view(dt)[()]
            if np.isfinite(np.exp(val)):
                lo = mid
            else:
                hi = mid
        return np.array(lo, dtype=uint).view(dt)[()]


# ---------------------------------------------------------------------------
# overflow_threshold: WRONG answers
# ---------------------------------------------------------------------------


@wrong(
    "overflow_threshold", "overflow-threshold-exp-overflows"
)  # returns log(finfo.max) rounded to nearest in the dtype: overflow_threshold('float32') is 88.72284, whose exp is inf (must be 88.72283)
def overflow_threshold_log_nearest(dtype):
    dt = np.dtype(dtype)
    if dt.kind != "f":
        raise ValueError("need a float dtype")
    return np.log(np.finfo(dt).max)


@wrong(
    "overflow_threshold", "overflow-threshold-exp-overflows"
)  # uses max ~ 2**maxexp, i.e. maxexp * ln 2 cast to the dtype: overflow_threshold(np.float16) is 11.09 (exp overflows) instead of 11.086
def overflow_threshold_maxexp(dtype):
    dt = np.dtype(dtype)
    if dt.kind != "f":
        raise ValueError("need a float dtype")
    return dt.type(np.finfo(dt).maxexp * math.log(2.0))


@wrong(
    "overflow_threshold", "wrong-dtype"
)  # returns a Python float instead of a scalar of the dtype: overflow_threshold(np.float32) is the float 88.72283172607422, not np.float32
def overflow_threshold_pyfloat(dtype):
    dt = np.dtype(dtype)
    if dt.kind != "f":
        raise ValueError("need a float dtype")
    x = dt.type(np.log(np.finfo(dt).max))
    with np.errstate(over="ignore"):
        while not np.isfinite(np.exp(x)):
            x = np.nextafter(x, dt.type(-np.inf))
        while np.isfinite(np.exp(np.nextafter(x, dt.type(np.inf)))):
            x = np.nextafter(x, dt.type(np.inf))
    return float(x)


@wrong(
    "overflow_threshold", "overflow-threshold-exp-overflows"
)  # hard-codes the rounded values from the notebook table (11.09, 88.72, 709.78): overflow_threshold(np.float64) is 709.78, not the largest safe 709.782712893384
def overflow_threshold_table(dtype):
    dt = np.dtype(dtype)
    table = {np.dtype(np.float16): 11.09, np.dtype(np.float32): 88.72, np.dtype(np.float64): 709.78}
    if dt not in table:
        raise ValueError(f"unsupported dtype {dt}")
    return dt.type(table[dt])


@wrong(
    "overflow_threshold", "overflow-threshold-exp-overflows"
)  # off by one step: walks up until exp overflows and returns that first overflowing number: overflow_threshold(np.float64) is 709.7827128933841, whose exp is inf
def overflow_threshold_first_overflow(dtype):
    dt = np.dtype(dtype)
    if dt.kind != "f":
        raise ValueError("need a float dtype")
    x = dt.type(np.log(np.finfo(dt).max))
    inf = dt.type(np.inf)
    with np.errstate(over="ignore"):
        while not np.isfinite(np.exp(x)):
            x = np.nextafter(x, -inf)
        while np.isfinite(np.exp(x)):
            x = np.nextafter(x, inf)
    return dt.type(x)


@wrong(
    "overflow_threshold", "no-value-error"
)  # trusts np.finfo to reject non-floats, but np.finfo(complex) works: overflow_threshold(np.complex128) returns 709.78 instead of raising ValueError
def overflow_threshold_accepts_complex(dtype):
    info = np.finfo(dtype)  # raises ValueError for ints and bools ...
    t = info.dtype.type  # ... but complex128 gives float64's finfo
    x = t(np.log(info.max))
    with np.errstate(over="ignore"):
        while not np.isfinite(np.exp(x)):
            x = np.nextafter(x, t(-np.inf))
        while np.isfinite(np.exp(np.nextafter(x, t(np.inf)))):
            x = np.nextafter(x, t(np.inf))
    return t(x)


@wrong(
    "overflow_threshold", "raised-error"
)  # assumes a numpy.dtype object (dtype.type / dtype.kind): overflow_threshold(np.float16) and overflow_threshold('float32') raise AttributeError
def overflow_threshold_dtype_object_only(dtype):
    if dtype.kind != "f":
        raise ValueError("need a float dtype")
    t = dtype.type
    x = t(np.log(np.finfo(dtype).max))
    with np.errstate(over="ignore"):
        while not np.isfinite(np.exp(x)):
            x = np.nextafter(x, t(-np.inf))
        while np.isfinite(np.exp(np.nextafter(x, t(np.inf)))):
            x = np.nextafter(x, t(np.inf))
    return t(x)


@wrong(
    "overflow_threshold", "overflow-threshold-not-largest"
)  # always steps one number down from log(max) 'to be safe': overflow_threshold(np.float64) is 709.7827128933839, not the largest safe 709.782712893384
def overflow_threshold_one_below(dtype):
    dt = np.dtype(dtype)
    if dt.kind != "f":
        raise ValueError("need a float dtype")
    x = dt.type(np.log(np.finfo(dt).max))
    return np.nextafter(x, dt.type(-np.inf))


@wrong(
    "overflow_threshold", "overflow-threshold-exp-overflows"
)  # tests overflow with math.exp (float64) instead of exp in the dtype: overflow_threshold('float32') is 88.72284, whose float32 exp is inf
def overflow_threshold_math_exp(dtype):
    dt = np.dtype(dtype)
    if dt.kind != "f":
        raise ValueError("need a float dtype")
    x = dt.type(np.log(np.finfo(dt).max))
    inf = dt.type(np.inf)

    def finite(v):
        try:
            return math.isfinite(math.exp(float(v)))
        except OverflowError:
            return False

    for _ in range(100):  # a few steps down are always enough (they think)
        if finite(x):
            break
        x = np.nextafter(x, -inf)
    return dt.type(x)


@wrong(
    "overflow_threshold", "overflow-threshold-not-in-dtype"
)  # computes in float64 via float(finfo.max): overflow_threshold(np.float32) returns a float64 709-style scalar of the wrong dtype (np.float64(88.72283905206835), exp finite only in float64)
def overflow_threshold_float64(dtype):
    dt = np.dtype(dtype)
    if dt.kind != "f":
        raise ValueError("need a float dtype")
    x = np.log(np.float64(np.finfo(dt).max))
    with np.errstate(over="ignore"):
        for _ in range(100):
            if np.isfinite(np.exp(x)):
                break
            x = np.nextafter(x, -np.inf)
    return x
