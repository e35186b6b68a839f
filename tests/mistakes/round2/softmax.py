"""Held-out answers for notebook 02_softmax (module ``solutions.softmax``).

Each answer is written as a learner would write the whole function: self-contained,
NumPy / math (and, where it meets the contract, scipy.special) only.  ``correct=False``
answers carry one plausible slip each; the note says what it is and names one input on
which it breaks the contract in SPEC.md.  Answers to soft_argmax compute their softmax
inline.
"""

import math

import numpy as np

from tests.mistakes import right, wrong

# =====================================================================================
# softmax(z, axis=-1)
# =====================================================================================


@right(
    "softmax"
)  # max shift with np.max(..., initial=-inf) so an empty axis works; float16 computed in float32
def softmax_initial(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"softmax needs real logits, got {z.dtype}")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.float32 if dtype == np.float16 else dtype
    zw = z.astype(work)
    m = np.max(zw, axis=axis, keepdims=True, initial=-np.inf)
    e = np.exp(zw - m)
    p = e / np.sum(e, axis=axis, keepdims=True)
    return np.asarray(p, dtype=dtype)


@right(
    "softmax"
)  # wraps scipy.special.softmax(axis=axis) with the contract's dtype rules, real check and empty-axis case
def softmax_scipy(z, axis=-1):
    from scipy.special import softmax as sp_softmax

    arr = np.asarray(z)
    if not (np.issubdtype(arr.dtype, np.floating) or arr.dtype.kind in "biu"):
        raise ValueError("z must be an array of real numbers")
    out_dtype = arr.dtype if np.issubdtype(arr.dtype, np.floating) else np.dtype(np.float64)
    if arr.size == 0:
        np.sum(arr, axis=axis)  # raises AxisError for a bad axis
        return np.empty(arr.shape, dtype=out_dtype)
    work = np.float32 if out_dtype == np.float16 else out_dtype
    return np.asarray(sp_softmax(arr.astype(work), axis=axis), dtype=out_dtype)


@right(
    "softmax"
)  # log-space: exp(d - log(sum(exp(d)))) with d = z - max; the log-sum-exp and the final exp in extended precision
def softmax_logspace(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    shift_dtype = np.float32 if dtype == np.float16 else dtype
    ext = np.float64 if dtype in (np.float16, np.float32) else np.longdouble
    zs = z.astype(shift_dtype)
    if zs.size == 0:
        np.sum(zs, axis=axis)
        return zs.astype(dtype)
    with np.errstate(invalid="ignore"):
        m = np.max(zs, axis=axis, keepdims=True)
        d = (zs - m).astype(ext)  # shifted logits, all <= 0
        log_norm = np.log(np.sum(np.exp(d), axis=axis, keepdims=True))
        p = np.exp(d - log_norm)
        # a slice whose shift is not finite (only -inf, or +inf) has no distribution
        p = np.where(np.isfinite(m), p, np.nan)
    return np.asarray(p, dtype=dtype)


@right(
    "softmax"
)  # moves axis to the end and loops over the 1-D slices, one shifted exp / sum per slice
def softmax_loop(z, axis=-1):
    arr = np.asarray(z)
    if arr.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    dtype = arr.dtype if arr.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dtype == np.float16 else dtype
    if arr.ndim == 0:  # a single logit: one slice of length 1
        np.sum(arr, axis=axis)  # NumPy's own axis check for 0-d input
        v = arr.astype(work)
        with np.errstate(invalid="ignore"):
            e = np.exp(v - v)  # 1, or NaN for NaN / +inf / -inf
        return np.asarray(e / e, dtype=dtype)
    moved = np.moveaxis(arr.astype(work), axis, -1)  # AxisError for a bad axis
    K = moved.shape[-1]
    if moved.size == 0:  # nothing to normalise
        return np.moveaxis(moved, -1, axis).astype(dtype)
    flat = moved.reshape(-1, K)
    out = np.empty_like(flat)
    for n in range(flat.shape[0]):
        row = flat[n]
        shifted = row - row.max()
        e = np.exp(shifted)
        out[n] = e / e.sum()
    out = out.reshape(moved.shape)
    return np.moveaxis(out, -1, axis).astype(dtype)


# ---- wrong answers -----------------------------------------------------------------


@wrong(
    "softmax", "softmax-not-normalised"
)  # normalises over the whole array (the axis=None bug): rows of softmax([[0.,1.],[2.,3.]]) do not each sum to 1
def softmax_global_sum(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.float32 if dtype == np.float16 else dtype
    zw = z.astype(work)
    if zw.size == 0:
        np.sum(zw, axis=axis)
        return zw.astype(dtype)
    e = np.exp(zw - np.max(zw, axis=axis, keepdims=True))
    return np.asarray((e / e.sum()).astype(dtype))


@wrong(
    "softmax", "missing-keepdims"
)  # sum without keepdims: softmax([[0.,1.],[0.,3.]]) divides by the row sums broadcast along columns (wrong values); (2,3) raises
def softmax_no_keepdims(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.float32 if dtype == np.float16 else dtype
    zw = z.astype(work)
    if zw.size == 0:
        np.sum(zw, axis=axis)
        return zw.astype(dtype)
    e = np.exp(zw - np.max(zw, axis=axis, keepdims=True))
    return np.asarray((e / e.sum(axis=axis)).astype(dtype))


@wrong(
    "softmax", "softmax-missing-exp"
)  # normalises the logits without exponentiating: softmax([1.,3.,2.]) gives [1/6, 1/2, 1/3]
def softmax_no_exp(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    zw = z.astype(dtype)
    return np.asarray(zw / zw.sum(axis=axis, keepdims=True))


@wrong(
    "softmax", "wrong-axis"
)  # ignores the axis argument (always the last axis): softmax([[0.,1.],[2.,3.]], axis=0) normalises rows, not columns
def softmax_ignores_axis(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.float32 if dtype == np.float16 else dtype
    zw = z.astype(work)
    if zw.size == 0:
        return zw.astype(dtype)
    e = np.exp(zw - np.max(zw, axis=-1, keepdims=True))
    return np.asarray((e / e.sum(axis=-1, keepdims=True)).astype(dtype))


@wrong(
    "softmax", "global-max-shift"
)  # subtracts the max of the whole array, not of each slice, computed in the input dtype: float16 [[0,1],[-20,-19]] gives a NaN second row (exp underflows, 0/0)
def softmax_global_max(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    zw = z.astype(dtype)
    if zw.size == 0:
        np.sum(zw, axis=axis)
        return zw
    e = np.exp(zw - zw.max())
    return np.asarray(
        e
        / e.sum(axis=axis, keepdims=True, dtype=np.float32 if dtype == np.float16 else None).astype(
            dtype
        )
    )


@wrong(
    "softmax", "float16-sum-overflow"
)  # no max shift (plain exp / sum): softmax([inf, 0.]) gives [nan, 0.] instead of NaN everywhere; float16 [12., 0.] overflows to [nan, 0.]
def softmax_naive(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    e = np.exp(z.astype(dtype))
    s = np.sum(e, axis=axis, keepdims=True, dtype=np.float32 if dtype == np.float16 else None)
    return np.asarray((e / s).astype(dtype))


@wrong(
    "softmax", "float16-sum-overflow"
)  # sums the exponentials in float16: softmax(np.zeros(65520, float16)) gives 0 (the sum overflows to inf) instead of 1/65520
def softmax_f16_accumulate(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    zw = z.astype(dtype)
    if zw.size == 0:
        np.sum(zw, axis=axis)
        return zw
    e = np.exp(zw - np.max(zw, axis=axis, keepdims=True))
    return np.asarray(e / np.sum(e, axis=axis, keepdims=True))


@wrong("softmax", "wrong-dtype")  # np.asarray(z, dtype=float): float32 input gives float64 output
def softmax_always_float64(z, axis=-1):
    z = np.asarray(z, dtype=float)
    if z.size == 0:
        np.sum(z, axis=axis)
        return z.copy()
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return np.asarray(e / np.sum(e, axis=axis, keepdims=True))


@wrong(
    "softmax", "modified-input"
)  # shifts in place (z -= z.max(...)): a float64 array passed in is modified
def softmax_inplace(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    if z.dtype.kind != "f":
        z = z.astype(np.float64)
    dtype = z.dtype
    if z.size == 0:
        np.sum(z, axis=axis)
        return z.copy()
    z -= np.max(z, axis=axis, keepdims=True)
    if dtype == np.float16:
        e = np.exp(z.astype(np.float32))
        return (e / e.sum(axis=axis, keepdims=True)).astype(dtype)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=axis, keepdims=True))


@wrong(
    "softmax", "no-value-error"
)  # no real-number check: softmax([1+0j, 2+0j]) returns complex probabilities instead of ValueError
def softmax_no_real_check(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    dtype = z.dtype
    work = np.float32 if dtype == np.float16 else dtype
    zw = z.astype(work)
    if zw.size == 0:
        np.sum(zw, axis=axis)
        return zw.astype(dtype)
    e = np.exp(zw - np.max(zw, axis=axis, keepdims=True))
    return np.asarray((e / e.sum(axis=axis, keepdims=True)).astype(dtype))


@wrong(
    "softmax", "wrong-values"
)  # np.nan_to_num on the logits 'to avoid NaN': softmax([nan, 0.]) gives [0.5, 0.5] and softmax([inf, 0.]) gives [1, 0] instead of NaN
def softmax_nan_to_num(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.float32 if dtype == np.float16 else dtype
    zw = np.nan_to_num(z.astype(work))
    if zw.size == 0:
        np.sum(zw, axis=axis)
        return zw.astype(dtype)
    e = np.exp(zw - np.max(zw, axis=axis, keepdims=True))
    return np.asarray((e / e.sum(axis=axis, keepdims=True)).astype(dtype))


@wrong(
    "softmax", "raised-error"
)  # np.max(..., keepdims=True) over an empty axis raises: softmax(np.zeros((2, 0))) raises ValueError instead of returning an empty array
def softmax_empty_raises(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.float32 if dtype == np.float16 else dtype
    zw = z.astype(work)
    e = np.exp(zw - np.max(zw, axis=axis, keepdims=True))
    return np.asarray((e / e.sum(axis=axis, keepdims=True)).astype(dtype))


@wrong(
    "softmax", "missing-keepdims"
)  # max without keepdims: softmax([[0.,5.],[1.,0.]]) subtracts the row maxima along the wrong axis and gives wrong rows
def softmax_max_no_keepdims(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.float32 if dtype == np.float16 else dtype
    zw = z.astype(work)
    if zw.size == 0:
        np.sum(zw, axis=axis)
        return zw.astype(dtype)
    e = np.exp(zw - np.max(zw, axis=axis))
    return np.asarray((e / e.sum(axis=axis, keepdims=True)).astype(dtype))


@wrong(
    "softmax", "not-array-like"
)  # uses z.max / z.astype without np.asarray: softmax([1., 3., 2.]) (a list) raises AttributeError
def softmax_no_asarray(z, axis=-1):
    if z.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.float32 if dtype == np.float16 else dtype
    zw = z.astype(work)
    if zw.size == 0:
        np.sum(zw, axis=axis)
        return zw.astype(dtype)
    e = np.exp(zw - zw.max(axis=axis, keepdims=True))
    return np.asarray((e / e.sum(axis=axis, keepdims=True)).astype(dtype))


# =====================================================================================
# sigmoid(x)
# =====================================================================================


@right(
    "sigmoid"
)  # u = exp(-|x|) once, then np.where(x >= 0, 1/(1+u), u/(1+u)); [()] turns 0-d into a scalar
def sigmoid_where(x):
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError(f"sigmoid needs real numbers, got {x.dtype}")
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    u = np.exp(-np.abs(x))
    out = np.where(x >= 0, 1 / (1 + u), u / (1 + u))
    return out[()]


@right(
    "sigmoid"
)  # boolean masks: each branch evaluated only on its own entries; NaN copied through
def sigmoid_masks(x):
    arr = np.asarray(x)
    if not (np.issubdtype(arr.dtype, np.floating) or arr.dtype.kind in "biu"):
        raise ValueError("x must be real")
    dtype = arr.dtype if np.issubdtype(arr.dtype, np.floating) else np.dtype(np.float64)
    arr = arr.astype(dtype)
    out = arr.copy()  # NaN entries stay NaN
    pos = arr >= 0
    neg = arr < 0
    out[pos] = 1 / (1 + np.exp(-arr[pos]))
    e = np.exp(arr[neg])
    out[neg] = e / (1 + e)
    if out.ndim == 0:
        return out[()]
    return out


@right(
    "sigmoid"
)  # ufunc where= arguments: np.exp(-x, where=x>=0) and np.exp(x, where=x<0) so no branch overflows
def sigmoid_ufunc_where(x):
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError("real input only")
    dtype = x.dtype if x.dtype.kind == "f" else np.dtype(np.float64)
    x = x.astype(dtype)
    pos = x >= 0
    neg = x < 0
    e_pos = np.exp(-x, out=np.zeros_like(x), where=pos)
    e_neg = np.exp(x, out=np.zeros_like(x), where=neg)
    out = np.full_like(x, np.nan)
    np.divide(1, 1 + e_pos, out=out, where=pos)
    np.divide(e_neg, 1 + e_neg, out=out, where=neg)
    return out[()]


@right(
    "sigmoid"
)  # element-by-element Python loop with math.exp, two branches, cast to the output dtype
def sigmoid_loop(x):
    arr = np.asarray(x)
    if arr.dtype.kind not in "biuf":
        raise ValueError("sigmoid needs real numbers")
    dtype = arr.dtype if arr.dtype.kind == "f" else np.dtype(np.float64)
    flat = arr.astype(dtype).ravel()
    out = np.empty(flat.shape, dtype=dtype)
    for n, v in enumerate(flat.tolist()):
        if v != v:  # NaN
            out[n] = v
        elif v >= 0:
            out[n] = 1.0 / (1.0 + math.exp(-v))
        else:
            e = math.exp(v)
            out[n] = e / (1.0 + e)
    return out.reshape(arr.shape)[()]


# ---- wrong answers -----------------------------------------------------------------


@wrong(
    "sigmoid", "sigmoid-overflow"
)  # textbook 1/(1+exp(-x)): sigmoid(-1000.) (or float32 -100) overflows in exp and emits a RuntimeWarning
def sigmoid_textbook(x):
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError("real input only")
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    return (1 / (1 + np.exp(-x)))[()]


@wrong(
    "sigmoid", "sigmoid-overflow"
)  # exp(x)/(1+exp(x)) everywhere: sigmoid(1000.) is inf/inf = nan instead of 1
def sigmoid_mirror(x):
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError("real input only")
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    e = np.exp(x)
    return (e / (1 + e))[()]


@wrong(
    "sigmoid", "sigmoid-overflow"
)  # np.where of both textbook branches: values right but sigmoid(np.array([-1000., 1000.])) overflows in the discarded branch (RuntimeWarning)
def sigmoid_where_both(x):
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError("real input only")
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))[()]


@wrong(
    "sigmoid", "sigmoid-cancellation"
)  # negative side as 1 - sigmoid(-x): sigmoid(-40.) cancels to 0.0 instead of 4.25e-18
def sigmoid_one_minus(x):
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError("real input only")
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    s = 1 / (1 + np.exp(-np.abs(x)))  # sigmoid(|x|), safe
    return np.where(x >= 0, s, 1 - s)[()]


@wrong(
    "sigmoid", "sigmoid-cancellation"
)  # 0.5 * (1 + tanh(x / 2)): sigmoid(-40.) gives 0.0 instead of 4.25e-18 (cancellation)
def sigmoid_tanh(x):
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError("real input only")
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    return (0.5 * (1 + np.tanh(x / 2)))[()]


@wrong(
    "sigmoid", "wrong-values"
)  # sign slip in the x >= 0 branch, 1/(1+exp(x)): sigmoid(2.) gives 0.119 instead of 0.881
def sigmoid_sign_slip(x):
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError("real input only")
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    u = np.exp(-np.abs(x))
    return np.where(x >= 0, u / (1 + u), u / (1 + u))[()]


@wrong(
    "sigmoid", "sigmoid-used-tanh"
)  # masks x > 0 and x < 0 on a zeros_like output: x = 0 falls in neither, sigmoid(0.) gives 0.0 instead of 0.5
def sigmoid_strict_masks(x):
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError("real input only")
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    out = np.zeros_like(x)
    pos, neg = x > 0, x < 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    e = np.exp(x[neg])
    out[neg] = e / (1 + e)
    return out[()]


@wrong(
    "sigmoid", "wrong-values"
)  # masks x >= 0 / x < 0 on a zeros_like output: NaN matches neither, sigmoid(nan) gives 0.0 instead of nan
def sigmoid_nan_lost(x):
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError("real input only")
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    out = np.zeros_like(x)
    pos = x >= 0
    neg = x < 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    e = np.exp(x[neg])
    out[neg] = e / (1 + e)
    return out[()]


@wrong(
    "sigmoid", "wrong-dtype"
)  # np.asarray(x, dtype=float): float32 (and float16) input gives float64 output
def sigmoid_float64(x):
    x = np.asarray(x, dtype=float)
    u = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + u), u / (1 + u))[()]


@wrong(
    "sigmoid", "wrong-dtype"
)  # output allocated with np.empty_like(x): integer input stays integer, sigmoid([0, 1]) gives int array [0, 0]
def sigmoid_empty_like_int(x):
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError("real input only")
    out = np.empty_like(x)
    pos = x >= 0
    neg = ~pos
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    e = np.exp(x[neg])
    out[neg] = e / (1 + e)
    return out[()]


@wrong(
    "sigmoid", "returned-0d-array"
)  # returns the mask-filled array as is: sigmoid(0.0) is a 0-d ndarray, not a NumPy scalar
def sigmoid_zero_d(x):
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError("real input only")
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    out = np.empty_like(x)
    pos = x >= 0
    neg = ~pos
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    e = np.exp(x[neg])
    out[neg] = e / (1 + e)
    return out


@wrong(
    "sigmoid", "modified-input"
)  # writes the result into the input array (x[pos] = ...): a float64 array passed in is overwritten
def sigmoid_inplace(x):
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError("real input only")
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    pos = x >= 0
    neg = ~pos
    e = np.exp(x[neg])
    x[pos] = 1 / (1 + np.exp(-x[pos]))
    x[neg] = e / (1 + e)
    return x[()]


@wrong(
    "sigmoid", "no-value-error"
)  # no real-number check: sigmoid(1j) returns a number instead of raising ValueError
def sigmoid_no_real_check(x):
    x = np.asarray(x)
    if x.dtype.kind in "biu":
        x = x.astype(np.float64)
    u = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + u), u / (1 + u))[()]


@wrong(
    "sigmoid", "sigmoid-not-vectorised"
)  # uses math.exp on a scalar: array input sigmoid(np.array([-1., 2.])) raises TypeError
def sigmoid_math(x):
    if isinstance(x, complex) or isinstance(x, str):
        raise ValueError("real input only")
    if x >= 0:
        return np.float64(1.0 / (1.0 + math.exp(-x)))
    e = math.exp(x)
    return np.float64(e / (1.0 + e))


@wrong(
    "sigmoid", "wrong-values"
)  # clips x to [-500, 500] before the textbook formula: sigmoid(-600.) gives 7.1e-218 instead of 2.7e-261
def sigmoid_clip(x):
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError("real input only")
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    x = np.clip(x, -500, 500)
    return (1 / (1 + np.exp(-x)))[()]


# =====================================================================================
# soft_argmax(z, axis=-1)
# =====================================================================================


@right(
    "soft_argmax"
)  # inline shifted softmax, positions reshaped to broadcast along axis in the work dtype
def soft_argmax_broadcast(z, axis=-1):
    with np.errstate(invalid="ignore"):  # +inf or all -inf slices: NaN, quietly
        z = np.asarray(z)
        if z.dtype.kind not in "biuf":
            raise ValueError(f"soft_argmax needs real logits, got {z.dtype}")
        if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
            raise ValueError(f"axis must be an integer, got {axis!r}")
        if not -z.ndim <= axis < z.ndim:
            raise ValueError(f"axis {axis} out of range for {z.ndim}-D input")
        ax = int(axis) % z.ndim
        K = z.shape[ax]
        if K == 0:
            raise ValueError("no class along axis")
        dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
        work = np.dtype(np.float32) if dtype == np.float16 else dtype
        zw = z.astype(work)
        e = np.exp(zw - np.max(zw, axis=ax, keepdims=True))
        shape = [1] * z.ndim
        shape[ax] = K
        k = np.arange(K, dtype=work).reshape(shape)
        r = np.sum(k * e, axis=ax) / np.sum(e, axis=ax)
        return r.astype(dtype)[()]


@right("soft_argmax")  # moveaxis to the end, then (e @ arange(K)) / e.sum(-1)
def soft_argmax_matmul(z, axis=-1):
    with np.errstate(invalid="ignore"):  # +inf or all -inf slices: NaN, quietly
        arr = np.asarray(z)
        if not (np.issubdtype(arr.dtype, np.floating) or arr.dtype.kind in "biu"):
            raise ValueError("z must be real")
        if type(axis) is bool or not isinstance(axis, (int, np.integer)):
            raise ValueError("axis must be an int")
        if arr.ndim == 0 or axis >= arr.ndim or axis < -arr.ndim:
            raise ValueError("axis out of range")
        dtype = arr.dtype if np.issubdtype(arr.dtype, np.floating) else np.dtype(np.float64)
        work = np.dtype(np.float32) if dtype == np.float16 else dtype
        moved = np.moveaxis(arr.astype(work), axis, -1)
        K = moved.shape[-1]
        if K == 0:
            raise ValueError("empty class axis")
        e = np.exp(moved - moved.max(axis=-1, keepdims=True))
        positions = np.arange(K, dtype=work)
        r = (e @ positions) / e.sum(axis=-1)
        return np.asarray(r, dtype=work).astype(dtype)[()]


@right(
    "soft_argmax"
)  # Python loop over the slices: shifted exp weights, sum(k * w) / sum(w) per slice
def soft_argmax_loop(z, axis=-1):
    with np.errstate(invalid="ignore"):  # +inf or all -inf slices: NaN, quietly
        arr = np.asarray(z)
        if arr.dtype.kind not in "biuf":
            raise ValueError("real logits only")
        if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
            raise ValueError("axis must be an integer")
        nd = arr.ndim
        if nd == 0 or not (-nd <= axis < nd):
            raise ValueError("axis out of range")
        dtype = arr.dtype if arr.dtype.kind == "f" else np.dtype(np.float64)
        work = np.dtype(np.float32) if dtype == np.float16 else dtype
        moved = np.moveaxis(arr.astype(work), axis, -1)
        K = moved.shape[-1]
        if K == 0:
            raise ValueError("need at least one class")
        rows = moved.reshape(-1, K)
        out = np.empty(rows.shape[0], dtype=work)
        positions = np.arange(K, dtype=work)
        for n in range(rows.shape[0]):
            w = np.exp(rows[n] - rows[n].max())
            out[n] = np.sum(positions * w) / np.sum(w)
        return out.reshape(moved.shape[:-1]).astype(dtype)[()]


@right(
    "soft_argmax"
)  # log-space weights exp(z - logsumexp(z)) in extended precision, then sum of k * weight
def soft_argmax_logspace(z, axis=-1):
    with np.errstate(invalid="ignore"):  # +inf or all -inf slices: NaN, quietly
        z = np.asarray(z)
        if z.dtype.kind not in "biuf":
            raise ValueError("real logits only")
        if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
            raise ValueError("axis must be an integer")
        if z.ndim == 0 or not -z.ndim <= axis < z.ndim:
            raise ValueError("axis out of range")
        ax = int(axis) % z.ndim
        K = z.shape[ax]
        if K == 0:
            raise ValueError("no class along axis")
        dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
        work = np.float64 if dtype in (np.float16, np.float32) else np.longdouble
        zw = z.astype(work)
        with np.errstate(invalid="ignore"):
            m = np.max(zw, axis=ax, keepdims=True)
            lse = m + np.log(np.sum(np.exp(zw - m), axis=ax, keepdims=True))
            w = np.exp(zw - lse)
            w = np.where(np.isfinite(m), w, np.nan)
        k = np.expand_dims(np.arange(K, dtype=work), tuple(i for i in range(z.ndim) if i != ax))
        r = np.sum(k * w, axis=ax)
        return r.astype(dtype)[()]


# ---- wrong answers -----------------------------------------------------------------


@wrong(
    "soft_argmax", "soft-argmax-indices-from-one"
)  # positions counted from 1: soft_argmax([0.,0.,0.,0.]) gives 2.5 instead of 1.5
def soft_argmax_from_one(z, axis=-1):
    with np.errstate(invalid="ignore"):  # +inf or all -inf slices: NaN, quietly
        z = np.asarray(z)
        if z.dtype.kind not in "biuf":
            raise ValueError("real logits only")
        if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
            raise ValueError("axis must be an integer")
        if not -z.ndim <= axis < z.ndim:
            raise ValueError("axis out of range")
        ax = int(axis) % z.ndim
        K = z.shape[ax]
        if K == 0:
            raise ValueError("no class along axis")
        dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
        work = np.dtype(np.float32) if dtype == np.float16 else dtype
        zw = z.astype(work)
        e = np.exp(zw - np.max(zw, axis=ax, keepdims=True))
        shape = [1] * z.ndim
        shape[ax] = K
        k = np.arange(1, K + 1, dtype=work).reshape(shape)
        return (np.sum(k * e, axis=ax) / np.sum(e, axis=ax)).astype(dtype)[()]


@wrong(
    "soft_argmax", "soft-argmax-index-weights-wrong-axis"
)  # positions np.arange(K) not reshaped, so they always run along the last axis: soft_argmax(log([[1,1],[3,1]]), axis=0) gives [0, 1] not [0.75, 0.5]
def soft_argmax_positions_last_axis(z, axis=-1):
    with np.errstate(invalid="ignore"):  # +inf or all -inf slices: NaN, quietly
        z = np.asarray(z)
        if z.dtype.kind not in "biuf":
            raise ValueError("real logits only")
        if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
            raise ValueError("axis must be an integer")
        if not -z.ndim <= axis < z.ndim:
            raise ValueError("axis out of range")
        K = z.shape[axis]
        if K == 0:
            raise ValueError("no class along axis")
        dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
        work = np.dtype(np.float32) if dtype == np.float16 else dtype
        zw = z.astype(work)
        e = np.exp(zw - np.max(zw, axis=axis, keepdims=True))
        k = np.arange(K, dtype=work)
        return (np.sum(k * e, axis=axis) / np.sum(e, axis=axis)).astype(dtype)[()]


@wrong(
    "soft_argmax", "wrong-values"
)  # averages the logits instead of the probabilities, sum(k*z)/sum(z): soft_argmax([0.,0.,0.,0.]) gives nan (0/0) not 1.5
def soft_argmax_average_logits(z, axis=-1):
    with np.errstate(invalid="ignore"):  # +inf or all -inf slices: NaN, quietly
        z = np.asarray(z)
        if z.dtype.kind not in "biuf":
            raise ValueError("real logits only")
        if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
            raise ValueError("axis must be an integer")
        if not -z.ndim <= axis < z.ndim:
            raise ValueError("axis out of range")
        ax = int(axis) % z.ndim
        K = z.shape[ax]
        if K == 0:
            raise ValueError("no class along axis")
        dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
        zw = z.astype(dtype)
        shape = [1] * z.ndim
        shape[ax] = K
        k = np.arange(K, dtype=dtype).reshape(shape)
        return (np.sum(k * zw, axis=ax) / np.sum(zw, axis=ax))[()]


@wrong(
    "soft_argmax", "no-max-shift"
)  # no max shift before exp: soft_argmax([1000, 1001, 999]) gives nan instead of 0.845
def soft_argmax_no_shift(z, axis=-1):
    with np.errstate(invalid="ignore"):  # +inf or all -inf slices: NaN, quietly
        z = np.asarray(z)
        if z.dtype.kind not in "biuf":
            raise ValueError("real logits only")
        if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
            raise ValueError("axis must be an integer")
        if not -z.ndim <= axis < z.ndim:
            raise ValueError("axis out of range")
        ax = int(axis) % z.ndim
        K = z.shape[ax]
        if K == 0:
            raise ValueError("no class along axis")
        dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
        work = np.dtype(np.float32) if dtype == np.float16 else dtype
        e = np.exp(z.astype(work))
        shape = [1] * z.ndim
        shape[ax] = K
        k = np.arange(K, dtype=work).reshape(shape)
        return (np.sum(k * e, axis=ax) / np.sum(e, axis=ax)).astype(dtype)[()]


@wrong(
    "soft_argmax", "global-max-shift"
)  # subtracts the max of the whole batch: soft_argmax([[0.,1.],[-1000.,-999.]]) gives nan (0/0) for the second row instead of 0.731
def soft_argmax_global_max(z, axis=-1):
    with np.errstate(invalid="ignore"):  # +inf or all -inf slices: NaN, quietly
        z = np.asarray(z)
        if z.dtype.kind not in "biuf":
            raise ValueError("real logits only")
        if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
            raise ValueError("axis must be an integer")
        if not -z.ndim <= axis < z.ndim:
            raise ValueError("axis out of range")
        ax = int(axis) % z.ndim
        K = z.shape[ax]
        if K == 0:
            raise ValueError("no class along axis")
        dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
        work = np.dtype(np.float32) if dtype == np.float16 else dtype
        zw = z.astype(work)
        e = np.exp(zw - zw.max())
        shape = [1] * z.ndim
        shape[ax] = K
        k = np.arange(K, dtype=work).reshape(shape)
        return (np.sum(k * e, axis=ax) / np.sum(e, axis=ax)).astype(dtype)[()]


@wrong(
    "soft_argmax", "missing-keepdims"
)  # max without keepdims: soft_argmax([[0.,5.],[1.,0.]]) subtracts row maxima along the wrong axis, giving [0.9999, 0.0067] not [0.9933, 0.2689]
def soft_argmax_max_no_keepdims(z, axis=-1):
    with np.errstate(invalid="ignore"):  # +inf or all -inf slices: NaN, quietly
        z = np.asarray(z)
        if z.dtype.kind not in "biuf":
            raise ValueError("real logits only")
        if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
            raise ValueError("axis must be an integer")
        if not -z.ndim <= axis < z.ndim:
            raise ValueError("axis out of range")
        ax = int(axis) % z.ndim
        K = z.shape[ax]
        if K == 0:
            raise ValueError("no class along axis")
        dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
        work = np.dtype(np.float32) if dtype == np.float16 else dtype
        zw = z.astype(work)
        e = np.exp(zw - np.max(zw, axis=ax))
        shape = [1] * z.ndim
        shape[ax] = K
        k = np.arange(K, dtype=work).reshape(shape)
        return (np.sum(k * e, axis=ax) / np.sum(e, axis=ax)).astype(dtype)[()]


@wrong(
    "soft_argmax", "wrong-dtype"
)  # positions np.arange(K) left as int64: float32 input soft_argmax(np.zeros(3, float32)) returns float64 instead of float32
def soft_argmax_int_positions(z, axis=-1):
    with np.errstate(invalid="ignore"):  # +inf or all -inf slices: NaN, quietly
        z = np.asarray(z)
        if z.dtype.kind not in "biuf":
            raise ValueError("real logits only")
        if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
            raise ValueError("axis must be an integer")
        if not -z.ndim <= axis < z.ndim:
            raise ValueError("axis out of range")
        ax = int(axis) % z.ndim
        K = z.shape[ax]
        if K == 0:
            raise ValueError("no class along axis")
        zw = z.astype(np.float64) if z.dtype.kind != "f" else z
        e = np.exp(zw - np.max(zw, axis=ax, keepdims=True))
        shape = [1] * z.ndim
        shape[ax] = K
        k = np.arange(K).reshape(shape)
        return (np.sum(k * e, axis=ax) / np.sum(e, axis=ax))[()]


@wrong(
    "soft_argmax", "float16-sum-overflow"
)  # computes float16 in float16: soft_argmax(np.zeros(3000, float16)) overflows sum(k*e) and gives inf instead of 1500
def soft_argmax_f16(z, axis=-1):
    with np.errstate(invalid="ignore"):  # +inf or all -inf slices: NaN, quietly
        z = np.asarray(z)
        if z.dtype.kind not in "biuf":
            raise ValueError("real logits only")
        if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
            raise ValueError("axis must be an integer")
        if not -z.ndim <= axis < z.ndim:
            raise ValueError("axis out of range")
        ax = int(axis) % z.ndim
        K = z.shape[ax]
        if K == 0:
            raise ValueError("no class along axis")
        dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
        zw = z.astype(dtype)
        e = np.exp(zw - np.max(zw, axis=ax, keepdims=True))
        shape = [1] * z.ndim
        shape[ax] = K
        k = np.arange(K, dtype=dtype).reshape(shape)
        return (np.sum(k * e, axis=ax) / np.sum(e, axis=ax))[()]


@wrong(
    "soft_argmax", "raised-error"
)  # rejects any empty array (if z.size == 0): soft_argmax(np.zeros((0, 3))) raises ValueError instead of returning an empty result (each of the 0 rows has 3 classes)
def soft_argmax_rejects_empty_batch(z, axis=-1):
    with np.errstate(invalid="ignore"):  # +inf or all -inf slices: NaN, quietly
        z = np.asarray(z)
        if z.dtype.kind not in "biuf":
            raise ValueError("real logits only")
        if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
            raise ValueError("axis must be an integer")
        if not -z.ndim <= axis < z.ndim:
            raise ValueError("axis out of range")
        if z.size == 0:
            raise ValueError("soft_argmax of an empty array")
        ax = int(axis) % z.ndim
        K = z.shape[ax]
        dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
        work = np.dtype(np.float32) if dtype == np.float16 else dtype
        zw = z.astype(work)
        e = np.exp(zw - np.max(zw, axis=ax, keepdims=True))
        shape = [1] * z.ndim
        shape[ax] = K
        k = np.arange(K, dtype=work).reshape(shape)
        return (np.sum(k * e, axis=ax) / np.sum(e, axis=ax)).astype(dtype)[()]


@wrong(
    "soft_argmax", "no-value-error"
)  # reads K = z.shape[axis] before any range check: soft_argmax([1., 2.], axis=1) raises IndexError instead of ValueError
def soft_argmax_shape_index(z, axis=-1):
    with np.errstate(invalid="ignore"):  # +inf or all -inf slices: NaN, quietly
        z = np.asarray(z)
        if z.dtype.kind not in "biuf":
            raise ValueError("real logits only")
        K = z.shape[axis]
        if K == 0:
            raise ValueError("no class along axis")
        dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
        work = np.dtype(np.float32) if dtype == np.float16 else dtype
        zw = z.astype(work)
        e = np.exp(zw - np.max(zw, axis=axis, keepdims=True))
        shape = [1] * z.ndim
        shape[axis] = K
        k = np.arange(K, dtype=work).reshape(shape)
        return (np.sum(k * e, axis=axis) / np.sum(e, axis=axis)).astype(dtype)[()]


@wrong(
    "soft_argmax", "returned-0d-array"
)  # keepdims all the way, then np.squeeze(r, axis): a 1-D z gives a 0-d ndarray, not a NumPy scalar (soft_argmax([0.,0.,0.,0.]))
def soft_argmax_zero_d(z, axis=-1):
    with np.errstate(invalid="ignore"):  # +inf or all -inf slices: NaN, quietly
        z = np.asarray(z)
        if z.dtype.kind not in "biuf":
            raise ValueError("real logits only")
        if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
            raise ValueError("axis must be an integer")
        if not -z.ndim <= axis < z.ndim:
            raise ValueError("axis out of range")
        ax = int(axis) % z.ndim
        K = z.shape[ax]
        if K == 0:
            raise ValueError("no class along axis")
        dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
        work = np.dtype(np.float32) if dtype == np.float16 else dtype
        zw = z.astype(work)
        e = np.exp(zw - np.max(zw, axis=ax, keepdims=True))
        shape = [1] * z.ndim
        shape[ax] = K
        k = np.arange(K, dtype=work).reshape(shape)
        r = np.sum(k * e, axis=ax, keepdims=True) / np.sum(e, axis=ax, keepdims=True)
        return np.squeeze(r, axis=ax).astype(dtype)


@wrong(
    "soft_argmax", "soft-argmax-kept-axis"
)  # sums with keepdims=True and never drops the axis: soft_argmax(log([[1,3],[1,1]])) has shape (2, 1) instead of (2,)
def soft_argmax_keepdims(z, axis=-1):
    with np.errstate(invalid="ignore"):  # +inf or all -inf slices: NaN, quietly
        z = np.asarray(z)
        if z.dtype.kind not in "biuf":
            raise ValueError("real logits only")
        if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
            raise ValueError("axis must be an integer")
        if not -z.ndim <= axis < z.ndim:
            raise ValueError("axis out of range")
        ax = int(axis) % z.ndim
        K = z.shape[ax]
        if K == 0:
            raise ValueError("no class along axis")
        dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
        work = np.dtype(np.float32) if dtype == np.float16 else dtype
        zw = z.astype(work)
        e = np.exp(zw - np.max(zw, axis=ax, keepdims=True))
        shape = [1] * z.ndim
        shape[ax] = K
        k = np.arange(K, dtype=work).reshape(shape)
        r = np.sum(k * e, axis=ax, keepdims=True) / np.sum(e, axis=ax, keepdims=True)
        return r.astype(dtype)


@wrong(
    "soft_argmax", "modified-input"
)  # shifts in place (z -= z.max(axis, keepdims=True)): a float64 array passed in is modified
def soft_argmax_inplace(z, axis=-1):
    with np.errstate(invalid="ignore"):  # +inf or all -inf slices: NaN, quietly
        z = np.asarray(z)
        if z.dtype.kind not in "biuf":
            raise ValueError("real logits only")
        if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
            raise ValueError("axis must be an integer")
        if not -z.ndim <= axis < z.ndim:
            raise ValueError("axis out of range")
        ax = int(axis) % z.ndim
        K = z.shape[ax]
        if K == 0:
            raise ValueError("no class along axis")
        if z.dtype.kind != "f":
            z = z.astype(np.float64)
        dtype = z.dtype
        z -= np.max(z, axis=ax, keepdims=True)
        work = np.dtype(np.float32) if dtype == np.float16 else dtype
        e = np.exp(z.astype(work))
        shape = [1] * z.ndim
        shape[ax] = K
        k = np.arange(K, dtype=work).reshape(shape)
        return (np.sum(k * e, axis=ax) / np.sum(e, axis=ax)).astype(dtype)[()]


@wrong(
    "soft_argmax", "no-value-error"
)  # no real-number check: soft_argmax([1j, 0]) returns a complex number instead of ValueError
def soft_argmax_no_real_check(z, axis=-1):
    with np.errstate(invalid="ignore"):  # +inf or all -inf slices: NaN, quietly
        z = np.asarray(z)
        if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
            raise ValueError("axis must be an integer")
        if not -z.ndim <= axis < z.ndim:
            raise ValueError("axis out of range")
        ax = int(axis) % z.ndim
        K = z.shape[ax]
        if K == 0:
            raise ValueError("no class along axis")
        if z.dtype.kind in "biu":
            z = z.astype(np.float64)
        dtype = z.dtype
        work = np.dtype(np.float32) if dtype == np.float16 else dtype
        zw = z.astype(work)
        e = np.exp(zw - np.max(zw, axis=ax, keepdims=True))
        shape = [1] * z.ndim
        shape[ax] = K
        k = np.arange(K, dtype=work).reshape(shape)
        return (np.sum(k * e, axis=ax) / np.sum(e, axis=ax)).astype(dtype)[()]
