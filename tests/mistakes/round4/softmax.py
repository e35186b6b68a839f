import numpy as np

from tests.mistakes import right, wrong
from tests.mistakes.round4._common import asf, check_axis, work


def _sm(z, axis, work_f16=True, nan_fix=True, keep=True):
    w, out = work(z) if work_f16 else (z, z.dtype)
    with np.errstate(all="ignore"):
        e = np.exp(w)
        s = e.sum(axis=axis, keepdims=keep)
        p = e / s
        if nan_fix:
            s_b = s if keep else np.expand_dims(s, axis)
            p = np.where(np.isfinite(s_b) & (s_b > 0), p, np.nan)
    return p.astype(out)


# ---------------- softmax ----------------


@right("softmax")  # reference-equivalent
def softmax_ok(z, axis=-1):
    z = asf(z)
    check_axis(axis)
    w, out = work(z)
    with np.errstate(all="ignore"):
        if w.size == 0:
            np.sum(w, axis=axis)  # validates axis (AxisError is a ValueError)
            return w.astype(out)
        e = np.exp(w - w.max(axis=axis, keepdims=True))
        return np.asarray(e / e.sum(axis=axis, keepdims=True)).astype(out)


@wrong(
    "softmax", "float16-sum-overflow"
)  # computes float16 in float16: a float16 row of 70,000 zeros sums to inf and gives 0 everywhere instead of 1/70000
def softmax_f16(z, axis=-1):
    z = asf(z)
    check_axis(axis)
    return _sm(z, axis, work_f16=False)


@wrong(
    "softmax", "slice-without-distribution"
)  # no fix for +inf: softmax([1.0, inf]) gives [0, nan] instead of [nan, nan]
def softmax_inf(z, axis=-1):
    z = asf(z)
    check_axis(axis)
    w, out = work(z)
    with np.errstate(all="ignore"):
        e = np.exp(w)
        return (e / e.sum(axis=axis, keepdims=True)).astype(out)


@wrong(
    "softmax", "missing-keepdims"
)  # forgets keepdims=True, so the sums broadcast against the wrong axis: softmax([[0.0, 1.0], [2.0, 3.0]]) divides each column by a row sum (rows do not sum to 1)
def softmax_no_keepdims(z, axis=-1):
    z = asf(z)
    check_axis(axis)
    return _sm(z, axis, keep=False)


@wrong(
    "softmax", "slice-without-distribution"
)  # uses the notebook-03 convention for an all -inf slice: softmax([-inf, -inf]) gives [0, 0] instead of [nan, nan]
def softmax_neginf_zero(z, axis=-1):
    z = asf(z)
    check_axis(axis)
    w, out = work(z)
    with np.errstate(all="ignore"):
        e = np.exp(w)
        s = e.sum(axis=axis, keepdims=True)
        p = np.where(s > 0, e / np.where(s > 0, s, 1), 0.0)
        p = np.where(np.isfinite(s), p, np.nan)
    return p.astype(out)


@wrong(
    "softmax", "no-value-error"
)  # converts axis with int(axis): softmax([[1.0, 2.0]], axis=1.0) returns instead of raising
def softmax_float_axis(z, axis=-1):
    z = asf(z)
    if isinstance(axis, (bool, np.bool_)):
        raise ValueError("axis must be an integer")
    return _sm(z, int(axis))


# ---------------- sigmoid ----------------


def _sig(x):
    w, out = work(x)
    u = np.exp(-np.abs(w))
    r = np.where(w >= 0, 1 / (1 + u), u / (1 + u))
    return r.astype(out)[()]


@right("sigmoid")  # reference-equivalent
def sigmoid_ok(x):
    x = asf(x, "x")
    return _sig(x)


@wrong(
    "sigmoid", "sigmoid-cancellation"
)  # negative side as 1 - sigmoid(-x): sigmoid(-40.0) gives 0 instead of 4.25e-18
def sigmoid_cancel(x):
    x = asf(x, "x")
    w, out = work(x)
    pos = 1 / (1 + np.exp(-np.abs(w)))
    r = np.where(w >= 0, pos, 1 - pos)
    return r.astype(out)[()]


@wrong(
    "sigmoid", "returned-0d-array"
)  # forgets result[()]: sigmoid(0.0) is a 0-d array, not np.float64(0.5)
def sigmoid_0d(x):
    x = asf(x, "x")
    w, out = work(x)
    u = np.exp(-np.abs(w))
    return np.where(w >= 0, 1 / (1 + u), u / (1 + u)).astype(out)


@wrong(
    "sigmoid", "sigmoid-overflow"
)  # np.where evaluates both textbook formulas: sigmoid(np.array([-1000.0, 1000.0])) emits overflow RuntimeWarnings (values right)
def sigmoid_where(x):
    x = asf(x, "x")
    w, out = work(x)
    r = np.where(w >= 0, 1 / (1 + np.exp(-w)), np.exp(w) / (1 + np.exp(w)))
    return r.astype(out)[()]


@wrong(
    "sigmoid", "wrong-values"
)  # fills two boolean-mask branches into np.zeros: NaN is in neither branch, so sigmoid([nan]) gives 0 instead of NaN
def sigmoid_masks(x):
    x = asf(x, "x")
    w, out = work(x)
    r = np.zeros(w.shape, dtype=w.dtype)
    pos, neg = w >= 0, w < 0
    r[pos] = 1 / (1 + np.exp(-w[pos]))
    e = np.exp(w[neg])
    r[neg] = e / (1 + e)
    return r.astype(out)[()]


@wrong(
    "sigmoid", "wrong-dtype"
)  # computes with np.exp(-np.abs(x), dtype=np.float64): float32 input gives float64 output, sigmoid(np.float32(1.0)) is np.float64
def sigmoid_f64(x):
    x = asf(x, "x")
    u = np.exp(-np.abs(x), dtype=np.float64)
    r = np.where(x >= 0, 1 / (1 + u), u / (1 + u))
    return (r.astype(np.float16) if x.dtype == np.float16 else r)[()]


@wrong(
    "sigmoid", "wrong-dtype"
)  # builds the result with np.empty_like(x) before converting: integer sigmoid([1, -1]) truncates to [0, 0] instead of [0.731, 0.269]
def sigmoid_empty_like(x):
    xin = np.asarray(x)
    if xin.dtype.kind not in "biuf":
        raise ValueError("x must hold real numbers")
    r = np.empty_like(xin)
    xf = (
        xin.astype(np.float32)
        if xin.dtype == np.float16
        else xin.astype(np.float64)
        if xin.dtype.kind in "biu"
        else xin
    )
    u = np.exp(-np.abs(xf))
    r[...] = np.where(xf >= 0, 1 / (1 + u), u / (1 + u))
    if r.dtype.kind == "b":
        r = r.astype(np.float64)
    return r[()]


# ---------------- soft_argmax ----------------


def _sa(z, axis, pos_dtype=None, per_slice=True, along_axis=True, f16=True, k0=True):
    if k0 and np.size(z, axis) == 0 if z.ndim else False:
        raise ValueError("z has no class along axis")
    w, out = work(z) if f16 else (z, z.dtype)
    K = w.shape[axis]
    pos = np.arange(K, dtype=pos_dtype if pos_dtype is not None else w.dtype)
    if along_axis:
        shape = [1] * w.ndim
        shape[axis] = K
        pos = pos.reshape(shape)
    with np.errstate(all="ignore"):
        m = w.max(axis=axis, keepdims=True) if per_slice else w.max()
        e = np.exp(w - m)
        r = (pos * e).sum(axis=axis) / e.sum(axis=axis)
    return np.asarray(r).astype(np.result_type(out, r) if pos_dtype is not None else out)[()]


def _sa_checks(z, axis):
    check_axis(axis)
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis {axis} out of range")


@right("soft_argmax")  # reference-equivalent
def soft_argmax_ok(z, axis=-1):
    z = asf(z)
    _sa_checks(z, axis)
    return _sa(z, axis)


@wrong(
    "soft_argmax", "wrong-dtype"
)  # positions np.arange(K) stay int64: float32 soft_argmax(np.float32([1000, 1000, 1000])) returns float64 instead of float32
def soft_argmax_int_pos(z, axis=-1):
    z = asf(z)
    _sa_checks(z, axis)
    return _sa(z, axis, pos_dtype=np.int64)


@wrong(
    "soft_argmax", "soft-argmax-index-weights-wrong-axis"
)  # positions always along the last axis: soft_argmax(log([[1,1],[3,1]]), axis=0) gives [0.5, 0.5] instead of [0.75, 0.5]
def soft_argmax_last_axis_pos(z, axis=-1):
    z = asf(z)
    _sa_checks(z, axis)
    return _sa(z, axis, along_axis=False)


@wrong(
    "soft_argmax", "global-max-shift"
)  # subtracts the global max of the batch: soft_argmax([[0, 1], [-2000, -2001]]) gives NaN for row 2 instead of 0.269
def soft_argmax_global_max(z, axis=-1):
    z = asf(z)
    _sa_checks(z, axis)
    return _sa(z, axis, per_slice=False)


@wrong(
    "soft_argmax", "no-value-error"
)  # no K = 0 check: soft_argmax(np.zeros((2, 0))) returns NaN instead of ValueError
def soft_argmax_k0(z, axis=-1):
    z = asf(z)
    check_axis(axis)
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError("axis out of range")
    if z.shape[axis] == 0:
        return np.full(np.delete(np.array(z.shape), axis), np.nan, dtype=z.dtype)[()]
    return _sa(z, axis)


@wrong(
    "soft_argmax", "float16-sum-overflow"
)  # computes float16 in float16: a float16 row of 70,000 zeros sums to inf and gives NaN instead of 34999.5
def soft_argmax_f16(z, axis=-1):
    z = asf(z)
    _sa_checks(z, axis)
    return _sa(z, axis, f16=False)
