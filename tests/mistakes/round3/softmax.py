"""Held-out answers for notebook 02 (module solutions.softmax)."""

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


# ---------------------------------------------------------------- softmax


@right("softmax")  # shift by the slice max, exp, one division; float16 via float32
def softmax_ok_shift(z, axis=-1):
    z = _as_float(z)
    axis = _axis(axis, z.ndim)
    x = z.astype(_work(z.dtype))
    if x.shape[axis] == 0:
        return x.astype(z.dtype, copy=True)
    with np.errstate(invalid="ignore"):
        m = x.max(axis=axis, keepdims=True)
        e = np.exp(x - m)
        p = e / e.sum(axis=axis, keepdims=True)
    return p.astype(z.dtype, copy=False)


@right("softmax")  # moveaxis to the end, 2-D rows, explicit NaN for slices without a distribution
def softmax_ok_rows(z, axis=-1):
    arr = np.asarray(z)
    if not (
        arr.dtype == np.bool_
        or np.issubdtype(arr.dtype, np.integer)
        or np.issubdtype(arr.dtype, np.floating)
    ):
        raise ValueError("z must be real")
    if type(axis) is bool or not isinstance(axis, (int, np.integer)):
        raise ValueError("axis must be an integer")
    if axis >= arr.ndim or axis < -arr.ndim:
        raise ValueError("axis out of range")
    out = arr.dtype if arr.dtype.kind == "f" else np.dtype(np.float64)
    work = np.promote_types(out, np.float32)
    moved = np.moveaxis(arr.astype(work), axis, -1)
    shape = moved.shape
    K = shape[-1]
    rows = moved.reshape(-1, K) if K else moved.reshape(0, 0)
    res = np.empty(rows.shape, dtype=work)
    if K:
        bad = (
            ~np.isfinite(rows).any(axis=1)
            | np.isnan(rows).any(axis=1)
            | (rows == np.inf).any(axis=1)
        )
        good = ~bad
        r = rows[good]
        e = np.exp(r - r.max(axis=1)[:, None])
        res[good] = e / e.sum(axis=1)[:, None]
        res[bad] = np.nan
    res = res.reshape(shape)
    return np.moveaxis(res, -1, axis).astype(out)


@wrong(
    "softmax", "slice-without-distribution"
)  # the two plain steps without the non-finite fix: softmax([1.0, inf]) gives [0, nan], not [nan, nan]
def softmax_w_posinf(z, axis=-1):
    z = _as_float(z)
    axis = _axis(axis, z.ndim)
    x = z.astype(_work(z.dtype))
    with np.errstate(invalid="ignore", over="ignore"):
        e = np.exp(x)
        p = e / e.sum(axis=axis, keepdims=True)
    return p.astype(z.dtype, copy=False)


@wrong(
    "softmax", "float16-sum-overflow"
)  # float16 sum of exponentials in float16: softmax(np.zeros(70000, np.float16)) gives 0, not 1/70000
def softmax_w_f16_sum(z, axis=-1):
    z = _as_float(z)
    axis = _axis(axis, z.ndim)
    if z.shape[axis] == 0:
        return z.copy()
    with np.errstate(invalid="ignore", over="ignore"):
        m = z.max(axis=axis, keepdims=True)
        e = np.exp(z - m)
        return e / e.sum(axis=axis, keepdims=True)


@wrong(
    "softmax", "wrong-dtype"
)  # float16 computed in float32 but not rounded back: softmax(np.zeros(2, np.float16)).dtype is float32
def softmax_w_f16_dtype(z, axis=-1):
    z = _as_float(z)
    axis = _axis(axis, z.ndim)
    x = z.astype(_work(z.dtype))
    if x.shape[axis] == 0:
        return x.copy()
    with np.errstate(invalid="ignore"):
        m = x.max(axis=axis, keepdims=True)
        e = np.exp(x - m)
        return e / e.sum(axis=axis, keepdims=True)


@wrong(
    "softmax", "softmax-not-normalised"
)  # sums without keepdims, then s[..., None]: softmax([[0., 1.], [2., 5.]], axis=0) columns do not sum to 1
def softmax_w_no_keepdims(z, axis=-1):
    z = _as_float(z)
    axis = _axis(axis, z.ndim)
    x = z.astype(_work(z.dtype))
    if x.shape[axis] == 0:
        return x.astype(z.dtype, copy=True)
    with np.errstate(invalid="ignore"):
        m = x.max(axis=axis, keepdims=True)
        e = np.exp(x - m)
        s = e.sum(axis=axis)
        p = e / s[..., None]
    return p.astype(z.dtype, copy=False)


@wrong(
    "softmax", "wrong-dtype"
)  # checks the kind but never converts integers, so np.exp picks float16: softmax(np.array([1, 2], np.int8)) is float16, not float64
def softmax_w_int_not_promoted(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    axis = _axis(axis, z.ndim)
    x = z.astype(np.float32) if z.dtype == np.float16 else z
    with np.errstate(invalid="ignore", over="ignore"):
        e = np.exp(x)
        s = e.sum(axis=axis, keepdims=True)
        p = np.where(np.isfinite(s), e / s, np.nan)
    return p.astype(np.float16) if z.dtype == np.float16 else p


@wrong(
    "softmax", "no-value-error"
)  # real test np.issubdtype(number) lets complex in: softmax(np.array([1j, 0])) returns complex, no ValueError
def softmax_w_complex(z, axis=-1):
    z = np.asarray(z)
    if not (np.issubdtype(z.dtype, np.number) or z.dtype == np.bool_):
        raise ValueError("z must hold numbers")
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    axis = _axis(axis, z.ndim)
    x = z.astype(np.float32) if z.dtype == np.float16 else z
    with np.errstate(invalid="ignore", over="ignore"):
        e = np.exp(x)
        s = e.sum(axis=axis, keepdims=True)
        p = np.where(np.isfinite(s), e / s, np.nan)
    return p.astype(z.dtype, copy=False)


@wrong(
    "softmax", "slice-without-distribution"
)  # gives an all -inf slice zeros (stable_softmax's rule): softmax([-inf, -inf]) is [0, 0], not [nan, nan]
def softmax_w_neginf_zeros(z, axis=-1):
    z = _as_float(z)
    axis = _axis(axis, z.ndim)
    x = z.astype(_work(z.dtype))
    with np.errstate(invalid="ignore", over="ignore"):
        e = np.exp(x)
        s = e.sum(axis=axis, keepdims=True)
        p = np.where(np.isfinite(s), e / np.where(s == 0, 1, s), np.nan)
    return p.astype(z.dtype, copy=False)


@wrong(
    "softmax", "modified-input"
)  # shifts in place: softmax(x) with x = np.array([1., 2.]) leaves x == [-1, 0]
def softmax_w_inplace(z, axis=-1):
    z = _as_float(z)
    axis = _axis(axis, z.ndim)
    if z.shape[axis] == 0:
        return z.copy()
    with np.errstate(invalid="ignore"):
        z -= z.max(axis=axis, keepdims=True)
        e = np.exp(z.astype(_work(z.dtype)))
        p = e / e.sum(axis=axis, keepdims=True)
    return p.astype(z.dtype, copy=False)


@wrong(
    "softmax", "raised-error"
)  # max of an empty slice raises: softmax(np.zeros((2, 0))) raises ValueError instead of an empty result
def softmax_w_empty_axis(z, axis=-1):
    z = _as_float(z)
    axis = _axis(axis, z.ndim)
    x = z.astype(_work(z.dtype))
    with np.errstate(invalid="ignore"):
        m = x.max(axis=axis, keepdims=True)
        e = np.exp(x - m)
        p = e / e.sum(axis=axis, keepdims=True)
    return p.astype(z.dtype, copy=False)


# ---------------------------------------------------------------- sigmoid


@right("sigmoid")  # u = exp(-|x|), both branches from u, [()] for scalars
def sigmoid_ok_u(x):
    x = _as_float(x, "x")
    w = x.astype(_work(x.dtype))
    u = np.exp(-np.abs(w))
    r = np.where(w >= 0, 1 / (1 + u), u / (1 + u))
    return r.astype(x.dtype)[()]


@right("sigmoid")  # boolean masks, each branch computed on its own entries, NaN falls in the second
def sigmoid_ok_masks(x):
    arr = np.asarray(x)
    if arr.dtype.kind not in "biuf":
        raise ValueError("x must be real")
    out_dt = arr.dtype if arr.dtype.kind == "f" else np.dtype(np.float64)
    w = np.array(arr, dtype=np.promote_types(out_dt, np.float32), ndmin=0)
    res = np.zeros(w.shape, dtype=w.dtype)
    pos = w >= 0
    neg = ~pos
    res[pos] = 1.0 / (1.0 + np.exp(-w[pos]))
    e = np.exp(w[neg])
    res[neg] = e / (1.0 + e)
    res = res.astype(out_dt)
    return res[()] if res.ndim == 0 else res


@wrong(
    "sigmoid", "sigmoid-overflow"
)  # np.where over both textbook formulas overflows in the discarded branch: sigmoid(np.array([-1000., 1000.])) emits RuntimeWarnings (must be warning-free)
def sigmoid_w_where_both(x):
    x = _as_float(x, "x")
    w = x.astype(_work(x.dtype))
    r = np.where(w >= 0, 1 / (1 + np.exp(-w)), np.exp(w) / (1 + np.exp(w)))
    return r.astype(x.dtype)[()]


@wrong(
    "sigmoid", "sigmoid-cancellation"
)  # negative side as 1 - sigmoid(-x): sigmoid(-40.0) gives 0, not 4.25e-18
def sigmoid_w_one_minus(x):
    x = _as_float(x, "x")
    w = x.astype(_work(x.dtype))
    pos = 1 / (1 + np.exp(-np.abs(w)))
    r = np.where(w >= 0, pos, 1 - pos)
    return r.astype(x.dtype)[()]


@wrong(
    "sigmoid", "returned-0d-array"
)  # no [()] at the end: sigmoid(0.0) is a 0-d ndarray, not np.float64(0.5)
def sigmoid_w_0d(x):
    x = _as_float(x, "x")
    w = x.astype(_work(x.dtype))
    u = np.exp(-np.abs(w))
    return np.where(w >= 0, 1 / (1 + u), u / (1 + u)).astype(x.dtype)


@wrong(
    "sigmoid", "wrong-dtype"
)  # np.empty_like of an unconverted integer x truncates: sigmoid([1, 2]) gives int [0, 0], not float64 [0.73, 0.88]
def sigmoid_w_empty_like_int(x):
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError("x must hold real numbers")
    if x.dtype == np.bool_:
        x = x.astype(np.float64)
    out = np.empty_like(x)
    pos = x >= 0
    neg = ~pos
    w = x.astype(np.float32) if x.dtype == np.float16 else x
    out[pos] = 1 / (1 + np.exp(-w[pos]))
    e = np.exp(w[neg])
    out[neg] = e / (1 + e)
    return out[()]


@wrong(
    "sigmoid", "wrong-values"
)  # masks x >= 0 and x < 0 on a zeros array skip NaN: sigmoid(nan) gives 0, not NaN
def sigmoid_w_nan_zero(x):
    x = _as_float(x, "x")
    w = x.astype(_work(x.dtype))
    out = np.zeros(w.shape, dtype=w.dtype)
    pos = w >= 0
    neg = w < 0
    out[pos] = 1 / (1 + np.exp(-w[pos]))
    e = np.exp(w[neg])
    out[neg] = e / (1 + e)
    return out.astype(x.dtype)[()]


@wrong(
    "sigmoid", "raised-error"
)  # real test 'iuf' forgets booleans: sigmoid(True) raises ValueError instead of 0.731
def sigmoid_w_no_bool(x):
    x = np.asarray(x)
    if x.dtype.kind not in "iuf":
        raise ValueError("x must hold real numbers")
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    w = x.astype(_work(x.dtype))
    u = np.exp(-np.abs(w))
    return np.where(w >= 0, 1 / (1 + u), u / (1 + u)).astype(x.dtype)[()]


@wrong(
    "sigmoid", "sigmoid-overflow"
)  # textbook formula with the overflow warning silenced: sigmoid(np.float32(-89.0)) gives 0, not 2.2e-39 (exp(89) overflows float32)
def sigmoid_w_textbook_silenced(x):
    x = _as_float(x, "x")
    w = x.astype(_work(x.dtype))
    with np.errstate(over="ignore"):
        r = 1 / (1 + np.exp(-w))
    return r.astype(x.dtype)[()]


# ---------------------------------------------------------------- soft_argmax


@right("soft_argmax")  # shift per slice, positions reshaped along axis, one division
def soft_argmax_ok(z, axis=-1):
    z = _as_float(z)
    axis = _axis(axis, z.ndim)
    K = z.shape[axis]
    if K == 0:
        raise ValueError("soft_argmax needs at least one class along axis")
    x = z.astype(_work(z.dtype))
    shape = [1] * z.ndim
    shape[axis] = K
    pos = np.arange(K, dtype=x.dtype).reshape(shape)
    with np.errstate(invalid="ignore"):
        e = np.exp(x - x.max(axis=axis, keepdims=True))
        r = (pos * e).sum(axis=axis) / e.sum(axis=axis)
    return np.asarray(r).astype(z.dtype)[()]


@right("soft_argmax")  # moveaxis to the end and a matrix-vector product with the positions
def soft_argmax_ok_matvec(z, axis=-1):
    arr = np.asarray(z)
    if arr.dtype.kind not in "biuf":
        raise ValueError("z must be real")
    if type(axis) is bool or not isinstance(axis, (int, np.integer)):
        raise ValueError("axis must be an integer")
    if arr.ndim == 0 or not -arr.ndim <= axis < arr.ndim:
        raise ValueError("axis out of range")
    out = arr.dtype if arr.dtype.kind == "f" else np.dtype(np.float64)
    work = np.promote_types(out, np.float32)
    x = np.moveaxis(arr.astype(work), axis, -1)
    K = x.shape[-1]
    if K == 0:
        raise ValueError("empty class axis")
    with np.errstate(invalid="ignore"):
        e = np.exp(x - np.max(x, axis=-1)[..., None])
        num = np.einsum("...k,k->...", e, np.arange(K, dtype=work))
        res = num / np.sum(e, axis=-1)
    res = np.asarray(res, dtype=out)
    return res[()]


@wrong(
    "soft_argmax", "soft-argmax-index-weights-wrong-axis"
)  # positions always broadcast along the last axis: soft_argmax(np.log([[1., 1.], [3., 1.]]), axis=0) gives wrong values, not [0.75, 0.5]
def soft_argmax_w_positions_last(z, axis=-1):
    z = _as_float(z)
    axis = _axis(axis, z.ndim)
    K = z.shape[axis]
    if K == 0:
        raise ValueError("no class")
    x = z.astype(_work(z.dtype))
    pos = np.arange(K, dtype=x.dtype)
    with np.errstate(invalid="ignore"):
        e = np.exp(x - x.max(axis=axis, keepdims=True))
        r = (pos * e).sum(axis=axis) / e.sum(axis=axis)
    return np.asarray(r).astype(z.dtype)[()]


@wrong(
    "soft_argmax", "wrong-dtype"
)  # integer np.arange promotes the computation: soft_argmax(np.zeros(3, np.float32)) is float64, not float32
def soft_argmax_w_int_positions(z, axis=-1):
    z = _as_float(z)
    axis = _axis(axis, z.ndim)
    K = z.shape[axis]
    if K == 0:
        raise ValueError("no class")
    x = z.astype(np.float32) if z.dtype == np.float16 else z
    shape = [1] * z.ndim
    shape[axis] = K
    pos = np.arange(K).reshape(shape)
    with np.errstate(invalid="ignore"):
        e = np.exp(x - x.max(axis=axis, keepdims=True))
        r = (pos * e).sum(axis=axis) / e.sum(axis=axis)
    if z.dtype == np.float16:
        r = np.asarray(r).astype(np.float16)
    return np.asarray(r)[()]


@wrong(
    "soft_argmax", "global-max-shift"
)  # subtracts the max of the whole batch: soft_argmax([[0., 1.], [-1000., -1001.]]) gives NaN for row 2, not 0.269
def soft_argmax_w_global_max(z, axis=-1):
    z = _as_float(z)
    axis = _axis(axis, z.ndim)
    K = z.shape[axis]
    if K == 0:
        raise ValueError("no class")
    x = z.astype(_work(z.dtype))
    shape = [1] * z.ndim
    shape[axis] = K
    pos = np.arange(K, dtype=x.dtype).reshape(shape)
    with np.errstate(invalid="ignore"):
        e = np.exp(x - (x.max() if x.size else 0))
        r = (pos * e).sum(axis=axis) / e.sum(axis=axis)
    return np.asarray(r).astype(z.dtype)[()]


@wrong(
    "soft_argmax", "float16-sum-overflow"
)  # float16 sums in float16: soft_argmax(np.zeros(70000, np.float16)) gives NaN, not 35000
def soft_argmax_w_f16(z, axis=-1):
    z = _as_float(z)
    axis = _axis(axis, z.ndim)
    K = z.shape[axis]
    if K == 0:
        raise ValueError("no class")
    shape = [1] * z.ndim
    shape[axis] = K
    pos = np.arange(K).astype(z.dtype).reshape(shape)
    with np.errstate(invalid="ignore", over="ignore"):
        e = np.exp(z - z.max(axis=axis, keepdims=True))
        r = (pos * e).sum(axis=axis) / e.sum(axis=axis)
    return np.asarray(r)[()]


@wrong(
    "soft_argmax", "no-value-error"
)  # K = z.shape[axis] before any range check: soft_argmax([1., 2.], axis=5) raises IndexError, not ValueError
def soft_argmax_w_indexerror(z, axis=-1):
    z = _as_float(z)
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise ValueError("axis must be an integer")
    K = z.shape[axis]
    if K == 0:
        raise ValueError("no class")
    axis = axis % z.ndim
    x = z.astype(_work(z.dtype))
    shape = [1] * z.ndim
    shape[axis] = K
    pos = np.arange(K, dtype=x.dtype).reshape(shape)
    with np.errstate(invalid="ignore"):
        e = np.exp(x - x.max(axis=axis, keepdims=True))
        r = (pos * e).sum(axis=axis) / e.sum(axis=axis)
    return np.asarray(r).astype(z.dtype)[()]


@wrong(
    "soft_argmax", "returned-0d-array"
)  # keepdims sums then squeeze(axis): soft_argmax([0., 0., 0., 0.]) is a 0-d ndarray, not np.float64(1.5)
def soft_argmax_w_0d(z, axis=-1):
    z = _as_float(z)
    axis = _axis(axis, z.ndim)
    K = z.shape[axis]
    if K == 0:
        raise ValueError("no class")
    x = z.astype(_work(z.dtype))
    shape = [1] * z.ndim
    shape[axis] = K
    pos = np.arange(K, dtype=x.dtype).reshape(shape)
    with np.errstate(invalid="ignore"):
        e = np.exp(x - x.max(axis=axis, keepdims=True))
        r = (pos * e).sum(axis=axis, keepdims=True) / e.sum(axis=axis, keepdims=True)
    return r.squeeze(axis).astype(z.dtype)


@wrong(
    "soft_argmax", "wrong-dtype"
)  # checks the kind but does not convert integers, np.exp of int8 is float16: soft_argmax(np.array([1, 2], np.int8)) is float16, not float64
def soft_argmax_w_int_not_promoted(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.dtype == np.bool_:
        z = z.astype(np.float64)
    axis = _axis(axis, z.ndim)
    K = z.shape[axis]
    if K == 0:
        raise ValueError("no class")
    x = z.astype(np.float32) if z.dtype == np.float16 else z
    with np.errstate(invalid="ignore"):
        e = np.exp(x - x.max(axis=axis, keepdims=True))
        shape = [1] * z.ndim
        shape[axis] = K
        pos = np.arange(K, dtype=e.dtype).reshape(shape)
        r = (pos * e).sum(axis=axis) / e.sum(axis=axis)
    if z.dtype == np.float16:
        r = np.asarray(r).astype(np.float16)
    return np.asarray(r)[()]
