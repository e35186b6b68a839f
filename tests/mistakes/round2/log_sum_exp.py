"""Held-out answers for notebook 04 (log-sum-exp): logsumexp, log_softmax, smooth_max."""

import math

import numpy as np

from tests.mistakes import right, wrong

# ---------------------------------------------------------------------------
# logsumexp: CORRECT answers
# ---------------------------------------------------------------------------


@right(
    "logsumexp"
)  # vectorised Blanchard-Higham-Higham form: zero the exp at one argmax position (put_along_axis), m + log1p(rest); non-finite max shifted by 0; float16 via float32
def logsumexp_mask(z, axis=-1, keepdims=False):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"z must hold real numbers, got dtype {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise ValueError(f"axis must be an integer, got {axis!r}")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis {axis} out of range")
    out_dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.float32 if out_dtype == np.float16 else out_dtype
    x = z.astype(work)
    if x.shape[axis] == 0:
        shape = list(x.shape)
        if keepdims:
            shape[axis] = 1
        else:
            del shape[axis]
        return np.full(shape, -np.inf, dtype=out_dtype)[()]
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        k = np.argmax(x, axis=axis, keepdims=True)
        shift = np.where(np.isfinite(m), m, 0).astype(work)
        e = np.exp(x - shift)
        np.put_along_axis(e, k, 0, axis=axis)
        out = m + np.log1p(np.sum(e, axis=axis, keepdims=True))
    if not keepdims:
        out = np.squeeze(out, axis=axis)
    return out.astype(out_dtype)[()]


@right(
    "logsumexp"
)  # sort-based: sort along axis (NaN sorts last), the last entry is the one max left out, log1p of the sum of the others' exponentials; float16 via float32
def logsumexp_sorted(z, axis=-1, keepdims=False):
    arr = np.asarray(z)
    if not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool) or np.iscomplexobj(arr):
        raise ValueError("z must be real")
    if arr.ndim < 1:
        raise ValueError("z must be at least 1-D")
    if (
        type(axis) is bool
        or not isinstance(axis, (int, np.integer))
        or not (-arr.ndim <= axis < arr.ndim)
    ):
        raise ValueError("axis must be an integer in range")
    dtype = arr.dtype if np.issubdtype(arr.dtype, np.floating) else np.dtype("float64")
    calc = np.dtype("float32") if dtype == np.float16 else dtype
    x = np.moveaxis(arr.astype(calc), axis, -1)
    if x.shape[-1] == 0:
        res = np.full(x.shape[:-1], -np.inf, dtype=calc)
    else:
        xs = np.sort(x, axis=-1)
        top = xs[..., -1]
        rest = xs[..., :-1]
        base = np.where(np.isfinite(top), top, 0)
        with np.errstate(all="ignore"):
            tail = np.exp(rest - base[..., None]).sum(axis=-1)
            res = top + np.log1p(tail)
    if keepdims:
        res = np.expand_dims(res, axis)
    return np.asarray(res, dtype=dtype)[()]


@right(
    "logsumexp"
)  # row loop in plain Python: math.fsum of the exponentials of all entries but one max, math.log1p, special cases spelled out; rounded once to the input dtype (longdouble rows with NumPy)
def logsumexp_rows(z, axis=-1, keepdims=False):
    a = np.asarray(z)
    if a.dtype.kind not in "biuf":
        raise ValueError("z must be an array of real numbers")
    if a.ndim == 0:
        raise ValueError("z is 0-dimensional")
    if not isinstance(axis, (int, np.integer)) or isinstance(axis, (bool, np.bool_)):
        raise ValueError("axis must be an integer")
    if axis < -a.ndim or axis >= a.ndim:
        raise ValueError("axis out of range")
    dtype = a.dtype if a.dtype.kind == "f" else np.dtype(np.float64)
    moved = np.moveaxis(a, axis, -1)
    batch = moved.shape[:-1]
    rows = (
        moved.reshape(-1, moved.shape[-1]) if moved.shape[-1] else np.zeros((math.prod(batch), 0))
    )
    out = np.empty(rows.shape[0], dtype=dtype)
    for i, row in enumerate(rows):
        if dtype == np.longdouble:
            row = row.astype(np.longdouble)
            if row.size == 0 or np.all(row == -np.inf):
                out[i] = -np.inf
            elif np.any(np.isnan(row)):
                out[i] = np.nan
            elif np.any(row == np.inf):
                out[i] = np.inf
            else:
                k = int(np.argmax(row))
                m = row[k]
                others = np.delete(row, k)
                out[i] = m + np.log1p(np.sum(np.exp(others - m)))
            continue
        vals = [float(v) for v in row]
        if not vals or all(v == -math.inf for v in vals):
            out[i] = -math.inf
        elif any(math.isnan(v) for v in vals):
            out[i] = math.nan
        elif any(v == math.inf for v in vals):
            out[i] = math.inf
        else:
            k = max(range(len(vals)), key=lambda j: vals[j])
            m = vals[k]
            s = math.fsum(math.exp(v - m) for j, v in enumerate(vals) if j != k)
            out[i] = m + math.log1p(s)
    out = out.reshape(batch)
    if keepdims:
        out = np.expand_dims(out, axis)
    return out[()]


# ---------------------------------------------------------------------------
# logsumexp: WRONG answers (each is the full function with exactly one slip)
# ---------------------------------------------------------------------------


@wrong(
    "logsumexp", "lse-no-max-shift"
)  # no max shift: log(sum(exp(z))) overflows, logsumexp([1000., 1000.]) is inf instead of 1000.693
def logsumexp_naive(z, axis=-1, keepdims=False):
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
        out = np.log(np.sum(np.exp(x), axis=axis, keepdims=keepdims))
    return out.astype(dtype)[()]


@wrong(
    "logsumexp", "lse-lost-small-terms"
)  # plain shifted formula m + log(sum(exp(z - m))) without the log1p refinement: logsumexp([0., -40.]) is 0.0 instead of 4.248354255291589e-18
def logsumexp_plain_shift(z, axis=-1, keepdims=False):
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
        with np.errstate(divide="ignore"):
            return np.log(np.sum(np.exp(x), axis=axis, keepdims=keepdims)).astype(dtype)[()]
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        shift = np.where(np.isfinite(m), m, 0).astype(x.dtype)
        out = m + np.log(np.sum(np.exp(x - shift), axis=axis, keepdims=True))
    if not keepdims:
        out = np.squeeze(out, axis=axis)
    return out.astype(dtype)[()]


@wrong(
    "logsumexp", "lse-dropped-tied-maxima"
)  # log1p refinement leaves out ALL entries equal to the max instead of one: tied maxima are lost, logsumexp([1000., 1000.]) is 1000.0 instead of 1000.6931471805599
def logsumexp_drops_ties(z, axis=-1, keepdims=False):
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
        with np.errstate(divide="ignore"):
            return np.log(np.sum(np.exp(x), axis=axis, keepdims=keepdims)).astype(dtype)[()]
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        shift = np.where(np.isfinite(m), m, 0).astype(x.dtype)
        e = np.where(x == m, 0, np.exp(x - shift))
        out = m + np.log1p(np.sum(e, axis=axis, keepdims=True))
    if not keepdims:
        out = np.squeeze(out, axis=axis)
    return out.astype(dtype)[()]


@wrong(
    "logsumexp", "wrong-values"
)  # refinement written with log instead of log1p (the 1 of the left-out max is forgotten): logsumexp([0., -40.]) is -40.0 instead of 4.248e-18, and logsumexp([5.]) is -inf
def logsumexp_log_not_log1p(z, axis=-1, keepdims=False):
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
        with np.errstate(divide="ignore"):
            return np.log(np.sum(np.exp(x), axis=axis, keepdims=keepdims)).astype(dtype)[()]
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        k = np.argmax(x, axis=axis, keepdims=True)
        e = np.exp(x - np.where(np.isfinite(m), m, 0).astype(x.dtype))
        np.put_along_axis(e, k, 0, axis=axis)
        out = m + np.log(np.sum(e, axis=axis, keepdims=True))
    if not keepdims:
        out = np.squeeze(out, axis=axis)
    return out.astype(dtype)[()]


@wrong(
    "logsumexp", "missing-keepdims"
)  # max taken without keepdims, so z - m broadcasts across the wrong axis: logsumexp([[0., 1.], [10., 11.]]) is [1.3133, 20.0001] instead of [1.3133, 11.3133]
def logsumexp_nokeepdims(z, axis=-1, keepdims=False):
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
        with np.errstate(divide="ignore"):
            return np.log(np.sum(np.exp(x), axis=axis, keepdims=keepdims)).astype(dtype)[()]
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis)
        k = np.argmax(x, axis=axis, keepdims=True)
        e = np.exp(x - np.where(np.isfinite(m), m, 0).astype(x.dtype))
        np.put_along_axis(e, k, 0, axis=axis)
        out = m + np.log1p(np.sum(e, axis=axis))
    if keepdims:
        out = np.expand_dims(out, axis)
    return out.astype(dtype)[()]


@wrong(
    "logsumexp", "lse-all-neg-inf-nan"
)  # no guard for a slice of only -inf (-inf - -inf = NaN): logsumexp([-inf, -inf]) is nan instead of -inf
def logsumexp_allneginf_nan(z, axis=-1, keepdims=False):
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
        with np.errstate(divide="ignore"):
            return np.log(np.sum(np.exp(x), axis=axis, keepdims=keepdims)).astype(dtype)[()]
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        k = np.argmax(x, axis=axis, keepdims=True)
        e = np.exp(x - m)
        np.put_along_axis(e, k, 0, axis=axis)
        out = m + np.log1p(np.sum(e, axis=axis, keepdims=True))
    if not keepdims:
        out = np.squeeze(out, axis=axis)
    return out.astype(dtype)[()]


@wrong(
    "logsumexp", "lse-pos-inf-nan"
)  # guards only m == -inf, so with +inf the shift gives inf - inf = NaN: logsumexp([inf, inf]) is nan instead of inf
def logsumexp_posinf_nan(z, axis=-1, keepdims=False):
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
        with np.errstate(divide="ignore"):
            return np.log(np.sum(np.exp(x), axis=axis, keepdims=keepdims)).astype(dtype)[()]
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        k = np.argmax(x, axis=axis, keepdims=True)
        e = np.exp(x - np.where(m == -np.inf, 0, m).astype(x.dtype))
        np.put_along_axis(e, k, 0, axis=axis)
        out = m + np.log1p(np.sum(e, axis=axis, keepdims=True))
    if not keepdims:
        out = np.squeeze(out, axis=axis)
    return out.astype(dtype)[()]


@wrong(
    "logsumexp", "lse-keepdims-ignored"
)  # ignores keepdims=True: logsumexp([[0., 0.], [-inf, -inf]], keepdims=True) has shape (2,) instead of (2, 1)
def logsumexp_ignores_keepdims(z, axis=-1, keepdims=False):
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
        with np.errstate(divide="ignore"):
            return np.log(np.sum(np.exp(x), axis=axis)).astype(dtype)[()]
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        k = np.argmax(x, axis=axis, keepdims=True)
        e = np.exp(x - np.where(np.isfinite(m), m, 0).astype(x.dtype))
        np.put_along_axis(e, k, 0, axis=axis)
        out = m + np.log1p(np.sum(e, axis=axis, keepdims=True))
    return np.squeeze(out, axis=axis).astype(dtype)[()]


@wrong(
    "logsumexp", "wrong-dtype"
)  # np.asarray(z, dtype=np.float64) up front: float32 input returns float64 (logsumexp(np.float32([0, -40])).dtype is float64, must stay float32)
def logsumexp_float64(z, axis=-1, keepdims=False):
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
    x = np.asarray(z, dtype=np.float64)
    if x.shape[axis] == 0:
        with np.errstate(divide="ignore"):
            return np.log(np.sum(np.exp(x), axis=axis, keepdims=keepdims))[()]
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        k = np.argmax(x, axis=axis, keepdims=True)
        e = np.exp(x - np.where(np.isfinite(m), m, 0.0))
        np.put_along_axis(e, k, 0.0, axis=axis)
        out = m + np.log1p(np.sum(e, axis=axis, keepdims=True))
    if not keepdims:
        out = np.squeeze(out, axis=axis)
    return out[()]


@wrong(
    "logsumexp", "lse-empty-axis"
)  # empty axis not handled (np.max of an empty axis raises): logsumexp(np.zeros((2, 0))) raises ValueError instead of returning [-inf, -inf]
def logsumexp_empty_raises(z, axis=-1, keepdims=False):
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
        k = np.argmax(x, axis=axis, keepdims=True)
        e = np.exp(x - np.where(np.isfinite(m), m, 0).astype(x.dtype))
        np.put_along_axis(e, k, 0, axis=axis)
        out = m + np.log1p(np.sum(e, axis=axis, keepdims=True))
    if not keepdims:
        out = np.squeeze(out, axis=axis)
    return out.astype(dtype)[()]


@wrong(
    "logsumexp", "lse-hid-nan"
)  # uses np.nanmax / np.nansum 'to be robust', which swallows NaN: logsumexp([nan, 1.]) is 1.0 instead of nan
def logsumexp_nan_swallowed(z, axis=-1, keepdims=False):
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
        with np.errstate(divide="ignore"):
            return np.log(np.sum(np.exp(x), axis=axis, keepdims=keepdims)).astype(dtype)[()]
    import warnings

    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        m = np.nanmax(x, axis=axis, keepdims=True)
        e = np.exp(x - np.where(np.isfinite(m), m, 0).astype(x.dtype))
        k = np.argmax(np.where(np.isnan(x), -np.inf, x), axis=axis, keepdims=True)
        np.put_along_axis(e, k, 0, axis=axis)
        out = m + np.log1p(np.nansum(e, axis=axis, keepdims=True))
    if not keepdims:
        out = np.squeeze(out, axis=axis)
    return out.astype(dtype)[()]


@wrong(
    "logsumexp", "float16-sum-overflow"
)  # computes float16 natively, so the float16 sum of exponentials overflows: logsumexp(np.zeros(70000, np.float16)) is inf instead of 11.16 (must accumulate in float32)
def logsumexp_f16_native(z, axis=-1, keepdims=False):
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
    x = z.astype(dtype)
    if x.shape[axis] == 0:
        with np.errstate(divide="ignore"):
            return np.log(np.sum(np.exp(x), axis=axis, keepdims=keepdims)).astype(dtype)[()]
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        k = np.argmax(x, axis=axis, keepdims=True)
        e = np.exp(x - np.where(np.isfinite(m), m, 0).astype(x.dtype))
        np.put_along_axis(e, k, 0, axis=axis)
        out = m + np.log1p(np.sum(e, axis=axis, keepdims=True))
    if not keepdims:
        out = np.squeeze(out, axis=axis)
    return out.astype(dtype)[()]


@wrong(
    "logsumexp", "modified-input"
)  # shifts in place (z -= m) on the caller's float array: z = np.array([1., 2.]) is modified to [-1, 0]
def logsumexp_inplace(z, axis=-1, keepdims=False):
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
        with np.errstate(divide="ignore"):
            return np.log(np.sum(np.exp(x), axis=axis, keepdims=keepdims)).astype(dtype)[()]
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        k = np.argmax(x, axis=axis, keepdims=True)
        x -= np.where(np.isfinite(m), m, 0).astype(x.dtype)
        e = np.exp(x)
        np.put_along_axis(e, k, 0, axis=axis)
        out = m + np.log1p(np.sum(e, axis=axis, keepdims=True))
    if not keepdims:
        out = np.squeeze(out, axis=axis)
    return out.astype(dtype)[()]


@wrong(
    "logsumexp", "returned-0d-array"
)  # squeezes at the end but returns the 0-d array itself instead of a NumPy scalar: type(logsumexp([1., 2.])) is numpy.ndarray (shape ()), not numpy.float64
def logsumexp_0d_array(z, axis=-1, keepdims=False):
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
        with np.errstate(divide="ignore"):
            return np.asarray(np.log(np.sum(np.exp(x), axis=axis, keepdims=keepdims))).astype(dtype)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        k = np.argmax(x, axis=axis, keepdims=True)
        e = np.exp(x - np.where(np.isfinite(m), m, 0).astype(x.dtype))
        np.put_along_axis(e, k, 0, axis=axis)
        out = m + np.log1p(np.sum(e, axis=axis, keepdims=True))
    if not keepdims:
        out = np.squeeze(out, axis=axis)
    return out.astype(dtype)


# ---------------------------------------------------------------------------
# log_softmax: CORRECT answers
# ---------------------------------------------------------------------------


@right(
    "log_softmax"
)  # (z - m) - log1p(sum of exp(z - m) over all but one argmax), vectorised; all -inf slice -> -inf, +inf slice -> z - inf, NaN propagates; float16 via float32
def log_softmax_mask(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"z must hold real numbers, got dtype {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise ValueError(f"axis must be an integer, got {axis!r}")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis {axis} out of range")
    out_dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.float32 if out_dtype == np.float16 else out_dtype
    x = z.astype(work)
    if x.shape[axis] == 0:
        return x.astype(out_dtype)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        k = np.argmax(x, axis=axis, keepdims=True)
        shift = np.where(np.isfinite(m), m, 0).astype(work)
        y = x - shift
        e = np.exp(y)
        np.put_along_axis(e, k, 0, axis=axis)
        out = y - np.log1p(np.sum(e, axis=axis, keepdims=True))
        out = np.where(np.isnan(m), np.nan, out)
        out = np.where(m == np.inf, x - m, out)
    return out.astype(out_dtype)


@right(
    "log_softmax"
)  # row loop: move the axis last, each row handled on its own with np.delete of one argmax and log1p; special rows (-inf only, NaN, +inf) spelled out
def log_softmax_rows(z, axis=-1):
    a = np.asarray(z)
    if not (
        np.issubdtype(a.dtype, np.integer) or np.issubdtype(a.dtype, np.floating) or a.dtype == bool
    ):
        raise ValueError("z must be real-valued")
    if a.ndim == 0:
        raise ValueError("z must be at least 1-D")
    if (
        type(axis) is bool
        or not isinstance(axis, (int, np.integer))
        or not (-a.ndim <= axis < a.ndim)
    ):
        raise ValueError("axis must be an integer in range")
    dtype = a.dtype if np.issubdtype(a.dtype, np.floating) else np.dtype(np.float64)
    calc = np.float32 if dtype == np.float16 else dtype
    moved = np.moveaxis(a.astype(calc), axis, -1)
    shape = moved.shape
    if shape[-1] == 0:
        return np.moveaxis(moved, -1, axis).astype(dtype)
    rows = moved.reshape(-1, shape[-1])
    out = np.empty_like(rows)
    with np.errstate(invalid="ignore"):
        for i, row in enumerate(rows):
            if np.isnan(row).any():
                out[i] = np.nan
            elif (row == np.inf).any():
                out[i] = row - np.inf
            elif (row == -np.inf).all():
                out[i] = -np.inf
            else:
                k = int(np.argmax(row))
                y = row - row[k]
                out[i] = y - np.log1p(np.exp(np.delete(y, k)).sum())
    return np.moveaxis(out.reshape(shape), -1, axis).astype(dtype)


@right(
    "log_softmax"
)  # sort-based log-normaliser: the largest entry (last after np.sort) is left out, the others' exponentials summed into log1p; result (z - m) - that; computed in float32 for float16
def log_softmax_sorted(z, axis=-1):
    z = np.asarray(z)
    if not np.isrealobj(z) or z.dtype.kind not in "biuf":
        raise ValueError("z must be real")
    if z.ndim < 1:
        raise ValueError("z must be at least 1-D")
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise ValueError("axis must be an integer")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError("axis out of range")
    dt = z.dtype if z.dtype.kind == "f" else np.dtype("float64")
    cd = np.dtype("float32") if dt == np.float16 else dt
    x = z.astype(cd)
    if x.shape[axis] == 0:
        return x.astype(dt)
    xs = np.sort(x, axis=axis)
    top = np.take(xs, [-1], axis=axis)
    rest = np.delete(xs, -1, axis=axis)
    with np.errstate(all="ignore"):
        base = np.where(np.isfinite(top), top, 0).astype(cd)
        lognorm = np.log1p(np.exp(rest - base).sum(axis=axis, keepdims=True))
        out = (x - base) - lognorm
        out = np.where(np.isnan(top), np.nan, out)
        out = np.where(top == np.inf, x - top, out)
    return out.astype(dt)


# ---------------------------------------------------------------------------
# log_softmax: WRONG answers (each is the full function with exactly one slip)
# ---------------------------------------------------------------------------


@wrong(
    "log_softmax", "log-softmax-log-of-softmax"
)  # log of the (stable) softmax: the underflowed probability becomes log 0, log_softmax([0., -1000.]) is [0, -inf] instead of [0, -1000]
def log_softmax_log_of_softmax(z, axis=-1):
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
        e = np.exp(x - np.where(m == -np.inf, 0, m).astype(x.dtype))
        s = np.sum(e, axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
        return np.log(p).astype(dtype)


@wrong(
    "log_softmax", "log-softmax-lost-digits"
)  # z - logsumexp(z, keepdims=True), the form the Settled details forbid: z and lse cancel, log_softmax(np.float32([1e8, 1e8])) is [0, 0] instead of [-ln 2, -ln 2]
def log_softmax_z_minus_lse(z, axis=-1):
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
        k = np.argmax(x, axis=axis, keepdims=True)
        e = np.exp(x - np.where(np.isfinite(m), m, 0).astype(x.dtype))
        np.put_along_axis(e, k, 0, axis=axis)
        lse = m + np.log1p(np.sum(e, axis=axis, keepdims=True))
        out = np.where(m == -np.inf, -np.inf, x - lse)
    return out.astype(dtype)


@wrong(
    "log_softmax", "lse-lost-small-terms"
)  # (z - m) - log(sum(exp(z - m))) without the log1p refinement: log_softmax([0., -40.])[0] is 0.0 instead of -4.248e-18
def log_softmax_no_log1p(z, axis=-1):
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
        y = x - np.where(np.isfinite(m), m, 0).astype(x.dtype)
        out = y - np.log(np.sum(np.exp(y), axis=axis, keepdims=True))
        out = np.where(m == -np.inf, -np.inf, out)
        out = np.where(m == np.inf, x - m, out)
    return out.astype(dtype)


@wrong(
    "log_softmax", "missing-keepdims"
)  # log-normaliser summed without keepdims, so it broadcasts across the wrong axis: log_softmax([[0., 1.], [2., 5.]]) is [[-1.313, -0.049], [-3.313, -0.049]] instead of [[-1.313, -0.313], [-3.049, -0.049]]
def log_softmax_nokeepdims(z, axis=-1):
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
        k = np.argmax(x, axis=axis, keepdims=True)
        y = x - np.where(np.isfinite(m), m, 0).astype(x.dtype)
        e = np.exp(y)
        np.put_along_axis(e, k, 0, axis=axis)
        out = y - np.log1p(np.sum(e, axis=axis))
        out = np.where(np.isnan(m), np.nan, out)
        out = np.where(m == np.inf, x - m, out)
    return out.astype(dtype)


@wrong(
    "log_softmax", "log-softmax-all-neg-inf-nan"
)  # no special case for a slice of only -inf: log_softmax([[0., -inf], [-inf, -inf]]) gives row 2 = [nan, nan] instead of [-inf, -inf]
def log_softmax_allneginf_nan(z, axis=-1):
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
        k = np.argmax(x, axis=axis, keepdims=True)
        y = x - m
        e = np.exp(y)
        np.put_along_axis(e, k, 0, axis=axis)
        out = y - np.log1p(np.sum(e, axis=axis, keepdims=True))
        out = np.where(np.isnan(m), np.nan, out)
        out = np.where(m == np.inf, x - m, out)
    return out.astype(dtype)


@wrong(
    "log_softmax", "log-softmax-not-normalised"
)  # log1p of the full sum (the max's own exp(0) = 1 is not left out): log_softmax([0., 0.]) is [-1.0986, -1.0986] (-ln 3) instead of [-0.6931, -0.6931]
def log_softmax_log1p_full_sum(z, axis=-1):
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
        y = x - np.where(np.isfinite(m), m, 0).astype(x.dtype)
        out = y - np.log1p(np.sum(np.exp(y), axis=axis, keepdims=True))
        out = np.where(m == -np.inf, -np.inf, out)
        out = np.where(m == np.inf, x - m, out)
    return out.astype(dtype)


@wrong(
    "log_softmax", "wrong-axis"
)  # ignores axis (hard-coded axis=-1): log_softmax([[0., 1.], [2., 3.]], axis=0) normalises the rows instead of the columns ([[-2.127, -2.127], [-0.127, -0.127]] expected)
def log_softmax_ignores_axis(z, axis=-1):
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
        k = np.argmax(x, axis=-1, keepdims=True)
        y = x - np.where(np.isfinite(m), m, 0).astype(x.dtype)
        e = np.exp(y)
        np.put_along_axis(e, k, 0, axis=-1)
        out = y - np.log1p(np.sum(e, axis=-1, keepdims=True))
        out = np.where(np.isnan(m), np.nan, out)
        out = np.where(m == np.inf, x - m, out)
    return out.astype(dtype)


@wrong(
    "log_softmax", "wrong-dtype"
)  # np.asarray(z, dtype=float): float32 and float16 come back as float64 (log_softmax(np.float32([1, 2, 3])).dtype is float64)
def log_softmax_float64(z, axis=-1):
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
        k = np.argmax(x, axis=axis, keepdims=True)
        y = x - np.where(np.isfinite(m), m, 0.0)
        e = np.exp(y)
        np.put_along_axis(e, k, 0.0, axis=axis)
        out = y - np.log1p(np.sum(e, axis=axis, keepdims=True))
        out = np.where(np.isnan(m), np.nan, out)
        return np.where(m == np.inf, x - m, out)


@wrong(
    "log_softmax", "modified-input"
)  # subtracts the max in place (x -= m) on the caller's float array: z = np.array([1., 2.]) becomes [-1, 0]
def log_softmax_inplace(z, axis=-1):
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
        k = np.argmax(x, axis=axis, keepdims=True)
        x -= np.where(np.isfinite(m), m, 0).astype(x.dtype)
        e = np.exp(x)
        np.put_along_axis(e, k, 0, axis=axis)
        out = x - np.log1p(np.sum(e, axis=axis, keepdims=True))
        out = np.where(np.isnan(m), np.nan, out)
        out = np.where(m == np.inf, x - np.inf, out)
    return out.astype(dtype)


@wrong(
    "log_softmax", "lse-hid-nan"
)  # np.nanmax + np.nansum swallow NaN: log_softmax([nan, 0.]) is [nan, 0.] instead of [nan, nan]
def log_softmax_nan_swallowed(z, axis=-1):
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
    import warnings

    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        m = np.nanmax(x, axis=axis, keepdims=True)
        y = x - np.where(np.isfinite(m), m, 0).astype(x.dtype)
        k = np.argmax(np.where(np.isnan(y), -np.inf, y), axis=axis, keepdims=True)
        e = np.exp(y)
        np.put_along_axis(e, k, 0, axis=axis)
        out = y - np.log1p(np.nansum(e, axis=axis, keepdims=True))
        out = np.where(m == np.inf, x - m, out)
    return out.astype(dtype)


@wrong(
    "log_softmax", "float16-sum-overflow"
)  # float16 kept in float16 for the sum, which overflows: log_softmax(np.zeros(70000, np.float16)) is -inf everywhere instead of -11.16 (sums must accumulate in float32)
def log_softmax_f16_native(z, axis=-1):
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
    x = z.astype(dtype)
    if x.shape[axis] == 0:
        return x.astype(dtype)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        k = np.argmax(x, axis=axis, keepdims=True)
        y = x - np.where(np.isfinite(m), m, 0).astype(x.dtype)
        e = np.exp(y)
        np.put_along_axis(e, k, 0, axis=axis)
        out = y - np.log1p(np.sum(e, axis=axis, keepdims=True))
        out = np.where(np.isnan(m), np.nan, out)
        out = np.where(m == np.inf, x - m, out)
    return out.astype(dtype)


@wrong(
    "log_softmax", "empty-axis-refused"
)  # empty axis not handled (np.max of an empty axis raises): log_softmax(np.zeros((2, 0))) raises ValueError instead of returning an empty (2, 0) array
def log_softmax_empty_raises(z, axis=-1):
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
        k = np.argmax(x, axis=axis, keepdims=True)
        y = x - np.where(np.isfinite(m), m, 0).astype(x.dtype)
        e = np.exp(y)
        np.put_along_axis(e, k, 0, axis=axis)
        out = y - np.log1p(np.sum(e, axis=axis, keepdims=True))
        out = np.where(np.isnan(m), np.nan, out)
        out = np.where(m == np.inf, x - m, out)
    return out.astype(dtype)


# ---------------------------------------------------------------------------
# smooth_max: CORRECT answers
# ---------------------------------------------------------------------------


@right(
    "smooth_max"
)  # m + t * log1p(sum over all but one argmax of exp((z - m) / t)), vectorised; t validated (real scalar or 0-d array, not bool, finite, > 0); t rounding to 0 in z's dtype gives the max
def smooth_max_mask(z, t, axis=-1):
    if isinstance(t, (bool, np.bool_)):
        raise ValueError(f"t must be a single real number, not {t!r}")
    if isinstance(t, np.ndarray):
        if t.ndim != 0 or t.dtype.kind not in "iuf":
            raise ValueError(f"t must be a single real number, not {t!r}")
        t = t[()]
    if not isinstance(t, (int, float, np.integer, np.floating)):
        raise ValueError(f"t must be a single real number, not {t!r}")
    if not (np.isfinite(t) and t > 0):
        raise ValueError(f"t must be a finite number > 0, not {t!r}")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"z must hold real numbers, got dtype {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise ValueError(f"axis must be an integer, got {axis!r}")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis {axis} out of range")
    out_dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if out_dtype == np.float16 else out_dtype
    x = z.astype(work)
    if x.shape[axis] == 0:
        shape = list(x.shape)
        del shape[axis]
        return np.full(shape, -np.inf, dtype=out_dtype)[()]
    with np.errstate(all="ignore"):
        tt = work.type(t)
        m = np.max(x, axis=axis, keepdims=True)
        if out_dtype.type(t) == 0:
            return np.squeeze(m, axis=axis).astype(out_dtype)[()]
        k = np.argmax(x, axis=axis, keepdims=True)
        shift = np.where(np.isfinite(m), m, 0).astype(work)
        e = np.exp((x - shift) / tt)
        np.put_along_axis(e, k, 0, axis=axis)
        s = np.sum(e, axis=axis, keepdims=True)
        out = m + np.where(
            s == 0, 0, tt * np.log1p(s)
        )  # K = 1: exactly the max, even if t is inf in this dtype
    return np.squeeze(out, axis=axis).astype(out_dtype)[()]


@right(
    "smooth_max"
)  # row loop: each row's max m plus t * log1p(fsum of exp((z_j - m) / t) over j != argmax), Python floats (float64) rounded once; longdouble rows kept in NumPy longdouble
def smooth_max_rows(z, t, axis=-1):
    ok_scalar = (
        isinstance(t, (int, float, np.integer, np.floating)) and not isinstance(t, (bool, np.bool_))
    ) or (isinstance(t, np.ndarray) and t.ndim == 0 and t.dtype.kind in "iuf")
    if not ok_scalar:
        raise ValueError("t must be a single real number")
    t = t[()] if isinstance(t, np.ndarray) else t
    if not (math.isfinite(float(t)) and t > 0):
        raise ValueError("t must be a finite number > 0")
    a = np.asarray(z)
    if a.dtype.kind not in "biuf":
        raise ValueError("z must be real")
    if a.ndim == 0:
        raise ValueError("z must be at least 1-D")
    if (
        type(axis) is bool
        or not isinstance(axis, (int, np.integer))
        or not (-a.ndim <= axis < a.ndim)
    ):
        raise ValueError("axis must be an integer in range")
    dtype = a.dtype if a.dtype.kind == "f" else np.dtype(np.float64)
    t_zero = dtype.type(t) == 0
    moved = np.moveaxis(a.astype(dtype), axis, -1)
    batch = moved.shape[:-1]
    n = int(np.prod(batch))
    rows = moved.reshape(n, moved.shape[-1])
    out = np.empty(n, dtype=dtype)
    for i in range(n):
        row = rows[i]
        if row.size == 0:
            out[i] = -np.inf
            continue
        if np.isnan(row).any():
            out[i] = np.nan
            continue
        k = int(np.argmax(row))
        m = row[k]
        if not np.isfinite(m) or t_zero:
            out[i] = m
            continue
        if dtype == np.longdouble:
            tt = np.longdouble(t)
            with np.errstate(all="ignore"):
                s = np.sum(np.exp((np.delete(row, k) - m) / tt))
                out[i] = m + (tt * np.log1p(s) if s != 0 else 0)
        else:
            tf, mf = float(t), float(m)
            s = 0.0
            terms = []
            for j, v in enumerate(row.tolist()):
                if j == k:
                    continue
                try:
                    terms.append(math.exp((v - mf) / tf))
                except OverflowError:  # cannot happen: (v - m) <= 0
                    terms.append(math.inf)
            s = math.fsum(terms)
            out[i] = mf + tf * math.log1p(s)
    return out.reshape(batch)[()]


@right(
    "smooth_max"
)  # sort-based: np.sort along the axis, top = last entry, m + t * log1p(sum exp((rest - top) / t)); float16 computed in float32; a t that rounds to 0 in z's dtype returns the max
def smooth_max_sorted(z, t, axis=-1):
    if isinstance(t, np.ndarray) and t.ndim == 0:
        t = t[()]
    if isinstance(t, (bool, np.bool_)) or not isinstance(t, (int, float, np.integer, np.floating)):
        raise ValueError("t must be a single real number")
    if not np.isfinite(t) or not t > 0:
        raise ValueError("t must be a finite number > 0")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must be real")
    if z.ndim == 0:
        raise ValueError("z must be at least 1-D")
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise ValueError("axis must be an integer")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError("axis out of range")
    dt = z.dtype if z.dtype.kind == "f" else np.dtype("float64")
    cd = np.dtype("float32") if dt == np.float16 else dt
    x = np.moveaxis(z.astype(cd), axis, -1)
    if x.shape[-1] == 0:
        return np.full(x.shape[:-1], -np.inf, dtype=dt)[()]
    xs = np.sort(x, axis=-1)
    top = xs[..., -1]
    if dt.type(t) == 0:
        return top.astype(dt)[()]
    tt = cd.type(t)
    with np.errstate(all="ignore"):
        base = np.where(np.isfinite(top), top, 0).astype(cd)
        s = np.exp((xs[..., :-1] - base[..., None]) / tt).sum(axis=-1)
        res = top + np.where(s == 0, 0, tt * np.log1p(s))
    return res.astype(dt)[()]


# ---------------------------------------------------------------------------
# smooth_max: WRONG answers (each is the full function with exactly one slip)
# ---------------------------------------------------------------------------


@wrong(
    "smooth_max", "lse-no-max-shift"
)  # literal t * logsumexp(z / t): z / t is formed before any shift and overflows, smooth_max([1e300, 0.], 1e-10) is inf instead of 1e300
def smooth_max_divide_first(z, t, axis=-1):
    if isinstance(t, np.ndarray) and t.ndim == 0:
        t = t[()]
    if isinstance(t, (bool, np.bool_)) or not isinstance(t, (int, float, np.integer, np.floating)):
        raise ValueError("t must be a single real number")
    if not (np.isfinite(t) and t > 0):
        raise ValueError("t must be a finite number > 0")
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
        return np.max(x, axis=axis, initial=-np.inf).astype(dtype)[()]
    if dtype.type(t) == 0:
        return np.max(x, axis=axis).astype(dtype)[()]
    tt = x.dtype.type(t)
    with np.errstate(all="ignore"):
        y = x / tt
        m = np.max(y, axis=axis, keepdims=True)
        k = np.argmax(y, axis=axis, keepdims=True)
        e = np.exp(y - np.where(np.isfinite(m), m, 0).astype(y.dtype))
        np.put_along_axis(e, k, 0, axis=axis)
        out = tt * (m + np.log1p(np.sum(e, axis=axis, keepdims=True)))
    return np.squeeze(out, axis=axis).astype(dtype)[()]


@wrong(
    "smooth_max", "wrong-values"
)  # multiplies by t inside instead of dividing: m + t * lse((z - m) * t); smooth_max([1., 2., 3.], 2.0) is 3.2859 instead of 4.3605
def smooth_max_times_t(z, t, axis=-1):
    if isinstance(t, np.ndarray) and t.ndim == 0:
        t = t[()]
    if isinstance(t, (bool, np.bool_)) or not isinstance(t, (int, float, np.integer, np.floating)):
        raise ValueError("t must be a single real number")
    if not (np.isfinite(t) and t > 0):
        raise ValueError("t must be a finite number > 0")
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
        return np.max(x, axis=axis, initial=-np.inf).astype(dtype)[()]
    if dtype.type(t) == 0:
        return np.max(x, axis=axis).astype(dtype)[()]
    tt = x.dtype.type(t)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        k = np.argmax(x, axis=axis, keepdims=True)
        e = np.exp((x - np.where(np.isfinite(m), m, 0).astype(x.dtype)) * tt)
        np.put_along_axis(e, k, 0, axis=axis)
        s = np.sum(e, axis=axis, keepdims=True)
        out = m + np.where(
            s == 0, 0, tt * np.log1p(s)
        )  # K = 1: exactly the max, even if t is inf in this dtype
    return np.squeeze(out, axis=axis).astype(dtype)[()]


@wrong(
    "smooth_max", "wrong-values"
)  # forgets the outer factor t: m + lse((z - m) / t); smooth_max([1., 2., 3.], 2.0) is 3.6803 instead of 4.3605
def smooth_max_missing_outer_t(z, t, axis=-1):
    if isinstance(t, np.ndarray) and t.ndim == 0:
        t = t[()]
    if isinstance(t, (bool, np.bool_)) or not isinstance(t, (int, float, np.integer, np.floating)):
        raise ValueError("t must be a single real number")
    if not (np.isfinite(t) and t > 0):
        raise ValueError("t must be a finite number > 0")
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
        return np.max(x, axis=axis, initial=-np.inf).astype(dtype)[()]
    if dtype.type(t) == 0:
        return np.max(x, axis=axis).astype(dtype)[()]
    tt = x.dtype.type(t)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        k = np.argmax(x, axis=axis, keepdims=True)
        e = np.exp((x - np.where(np.isfinite(m), m, 0).astype(x.dtype)) / tt)
        np.put_along_axis(e, k, 0, axis=axis)
        out = m + np.log1p(np.sum(e, axis=axis, keepdims=True))
    return np.squeeze(out, axis=axis).astype(dtype)[()]


@wrong(
    "smooth_max", "no-value-error"
)  # no validation of t at all: smooth_max([1., 2., 3.], -1.0) returns 0.5924 (a soft minimum) instead of raising ValueError for t <= 0
def smooth_max_no_t_check(z, t, axis=-1):
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
        return np.max(x, axis=axis, initial=-np.inf).astype(dtype)[()]
    if dtype.type(t) == 0:
        return np.max(x, axis=axis).astype(dtype)[()]
    tt = x.dtype.type(t)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        k = np.argmax(x, axis=axis, keepdims=True)
        e = np.exp((x - np.where(np.isfinite(m), m, 0).astype(x.dtype)) / tt)
        np.put_along_axis(e, k, 0, axis=axis)
        s = np.sum(e, axis=axis, keepdims=True)
        out = m + np.where(
            s == 0, 0, tt * np.log1p(s)
        )  # K = 1: exactly the max, even if t is inf in this dtype
    return np.squeeze(out, axis=axis).astype(dtype)[()]


@wrong(
    "smooth_max", "no-value-error"
)  # checks only t <= 0, not finiteness: smooth_max([1., 2., 3.], np.inf) returns inf (and t=nan returns nan) instead of raising ValueError
def smooth_max_inf_t(z, t, axis=-1):
    if isinstance(t, np.ndarray) and t.ndim == 0:
        t = t[()]
    if isinstance(t, (bool, np.bool_)) or not isinstance(t, (int, float, np.integer, np.floating)):
        raise ValueError("t must be a single real number")
    if t <= 0:
        raise ValueError("t must be > 0")
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
        return np.max(x, axis=axis, initial=-np.inf).astype(dtype)[()]
    if dtype.type(t) == 0:
        return np.max(x, axis=axis).astype(dtype)[()]
    tt = x.dtype.type(t)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        k = np.argmax(x, axis=axis, keepdims=True)
        e = np.exp((x - np.where(np.isfinite(m), m, 0).astype(x.dtype)) / tt)
        np.put_along_axis(e, k, 0, axis=axis)
        s = np.sum(e, axis=axis, keepdims=True)
        out = m + np.where(
            s == 0, 0, tt * np.log1p(s)
        )  # K = 1: exactly the max, even if t is inf in this dtype
    return np.squeeze(out, axis=axis).astype(dtype)[()]


@wrong(
    "smooth_max", "no-value-error"
)  # validates t with np.any / np.all on np.asarray(t), so an array t slips through: smooth_max([1., 2., 3.], np.array([1.0])) returns 3.4076 instead of raising ValueError
def smooth_max_array_t(z, t, axis=-1):
    t_arr = np.asarray(t)
    if t_arr.dtype.kind not in "iuf" or np.any(t_arr <= 0) or not np.all(np.isfinite(t_arr)):
        raise ValueError("t must be a finite number > 0")
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
        return np.max(x, axis=axis, initial=-np.inf).astype(dtype)[()]
    if np.all(t_arr.astype(dtype) == 0):
        return np.max(x, axis=axis).astype(dtype)[()]
    tt = t_arr.astype(x.dtype)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        k = np.argmax(x, axis=axis, keepdims=True)
        e = np.exp((x - np.where(np.isfinite(m), m, 0).astype(x.dtype)) / tt)
        np.put_along_axis(e, k, 0, axis=axis)
        s = np.sum(e, axis=axis, keepdims=True)
        out = m + np.where(
            s == 0, 0, tt * np.log1p(s)
        )  # K = 1: exactly the max, even if t is inf in this dtype
    return np.squeeze(out, axis=axis).astype(dtype)[()]


@wrong(
    "smooth_max", "wrong-dtype"
)  # casts the result back with .astype(z.dtype) of the original input, so integer logits give an integer: smooth_max([1, 2], 1.0) is 2 (int64) instead of 2.3133 (float64)
def smooth_max_int_result(z, t, axis=-1):
    if isinstance(t, np.ndarray) and t.ndim == 0:
        t = t[()]
    if isinstance(t, (bool, np.bool_)) or not isinstance(t, (int, float, np.integer, np.floating)):
        raise ValueError("t must be a single real number")
    if not (np.isfinite(t) and t > 0):
        raise ValueError("t must be a finite number > 0")
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
        return np.max(x, axis=axis, initial=-np.inf).astype(dtype)[()]
    if dtype.type(t) == 0:
        return np.max(x, axis=axis).astype(z.dtype)[()]
    tt = x.dtype.type(t)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        k = np.argmax(x, axis=axis, keepdims=True)
        e = np.exp((x - np.where(np.isfinite(m), m, 0).astype(x.dtype)) / tt)
        np.put_along_axis(e, k, 0, axis=axis)
        s = np.sum(e, axis=axis, keepdims=True)
        out = m + np.where(
            s == 0, 0, tt * np.log1p(s)
        )  # K = 1: exactly the max, even if t is inf in this dtype
    return np.squeeze(out, axis=axis).astype(z.dtype)[()]


# Hidden only: t rounding to 0 in float32 is stated by the reference's Notes, not the text.
@wrong(
    "smooth_max", "smooth-max-t-rounded-to-float32"
)  # casts t to z's dtype and divides, without the 't rounds to 0' case: for float32 z and t=1e-50 (0 in float32) tied maxima give 0/0: smooth_max(np.float32([1, 3, 3]), 1e-50) is nan instead of 3
def smooth_max_t_underflow(z, t, axis=-1):
    if isinstance(t, np.ndarray) and t.ndim == 0:
        t = t[()]
    if isinstance(t, (bool, np.bool_)) or not isinstance(t, (int, float, np.integer, np.floating)):
        raise ValueError("t must be a single real number")
    if not (np.isfinite(t) and t > 0):
        raise ValueError("t must be a finite number > 0")
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
        return np.max(x, axis=axis, initial=-np.inf).astype(dtype)[()]
    tt = x.dtype.type(t)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        k = np.argmax(x, axis=axis, keepdims=True)
        e = np.exp((x - np.where(np.isfinite(m), m, 0).astype(x.dtype)) / tt)
        np.put_along_axis(e, k, 0, axis=axis)
        s = np.sum(e, axis=axis, keepdims=True)
        out = m + np.where(
            s == 0, 0, tt * np.log1p(s)
        )  # K = 1: exactly the max, even if t is inf in this dtype
    return np.squeeze(out, axis=axis).astype(dtype)[()]


@wrong(
    "smooth_max", "lse-all-neg-inf-nan"
)  # no guard for an all -inf slice (-inf - -inf = NaN): smooth_max([[-inf, 0.], [-inf, -inf]], 0.5) gives row 2 = nan instead of -inf
def smooth_max_allneginf(z, t, axis=-1):
    if isinstance(t, np.ndarray) and t.ndim == 0:
        t = t[()]
    if isinstance(t, (bool, np.bool_)) or not isinstance(t, (int, float, np.integer, np.floating)):
        raise ValueError("t must be a single real number")
    if not (np.isfinite(t) and t > 0):
        raise ValueError("t must be a finite number > 0")
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
        return np.max(x, axis=axis, initial=-np.inf).astype(dtype)[()]
    if dtype.type(t) == 0:
        return np.max(x, axis=axis).astype(dtype)[()]
    tt = x.dtype.type(t)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        k = np.argmax(x, axis=axis, keepdims=True)
        e = np.exp((x - m) / tt)
        np.put_along_axis(e, k, 0, axis=axis)
        s = np.sum(e, axis=axis, keepdims=True)
        out = m + np.where(
            s == 0, 0, tt * np.log1p(s)
        )  # K = 1: exactly the max, even if t is inf in this dtype
    return np.squeeze(out, axis=axis).astype(dtype)[()]


@wrong(
    "smooth_max", "wrong-axis"
)  # ignores the axis argument (always reduces the last axis): smooth_max([[1., 1.], [0., 5.]], 2.0, axis=0) gives the row values [2.386, 5.158] instead of the column values [1.948, 5.254]
def smooth_max_ignores_axis(z, t, axis=-1):
    if isinstance(t, np.ndarray) and t.ndim == 0:
        t = t[()]
    if isinstance(t, (bool, np.bool_)) or not isinstance(t, (int, float, np.integer, np.floating)):
        raise ValueError("t must be a single real number")
    if not (np.isfinite(t) and t > 0):
        raise ValueError("t must be a finite number > 0")
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
        return np.max(x, axis=-1, initial=-np.inf).astype(dtype)[()]
    if dtype.type(t) == 0:
        return np.max(x, axis=-1).astype(dtype)[()]
    tt = x.dtype.type(t)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=-1, keepdims=True)
        k = np.argmax(x, axis=-1, keepdims=True)
        e = np.exp((x - np.where(np.isfinite(m), m, 0).astype(x.dtype)) / tt)
        np.put_along_axis(e, k, 0, axis=-1)
        s = np.sum(e, axis=-1, keepdims=True)
        out = m + np.where(
            s == 0, 0, tt * np.log1p(s)
        )  # K = 1: exactly the max, even if t is inf in this dtype
    return np.squeeze(out, axis=-1).astype(dtype)[()]


@wrong(
    "smooth_max", "lse-empty-axis"
)  # empty axis not handled (np.max of an empty axis raises): smooth_max(np.zeros((2, 0)), 1.0) raises ValueError instead of returning [-inf, -inf]
def smooth_max_empty_raises(z, t, axis=-1):
    if isinstance(t, np.ndarray) and t.ndim == 0:
        t = t[()]
    if isinstance(t, (bool, np.bool_)) or not isinstance(t, (int, float, np.integer, np.floating)):
        raise ValueError("t must be a single real number")
    if not (np.isfinite(t) and t > 0):
        raise ValueError("t must be a finite number > 0")
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
    if dtype.type(t) == 0:
        return np.max(x, axis=axis).astype(dtype)[()]
    tt = x.dtype.type(t)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        k = np.argmax(x, axis=axis, keepdims=True)
        e = np.exp((x - np.where(np.isfinite(m), m, 0).astype(x.dtype)) / tt)
        np.put_along_axis(e, k, 0, axis=axis)
        s = np.sum(e, axis=axis, keepdims=True)
        out = m + np.where(
            s == 0, 0, tt * np.log1p(s)
        )  # K = 1: exactly the max, even if t is inf in this dtype
    return np.squeeze(out, axis=axis).astype(dtype)[()]
