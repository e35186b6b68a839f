"""Held-out answers for notebook 04 (module solutions.log_sum_exp)."""

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


def _lse_keep(x, axis):
    """Accurate log-sum-exp of x along axis, keepdims=True (x already in the working dtype)."""
    if x.shape[axis] == 0:
        shape = list(x.shape)
        shape[axis] = 1
        return np.full(shape, -np.inf, dtype=x.dtype)
    m = x.max(axis=axis, keepdims=True)
    k = x.argmax(axis=axis, keepdims=True)
    m_safe = np.where(np.isfinite(m), m, 0).astype(x.dtype)
    with np.errstate(invalid="ignore", over="ignore"):
        e = np.exp(x - m_safe)
        np.put_along_axis(e, k, 0, axis=axis)
        s = e.sum(axis=axis, keepdims=True)
        return m + np.log1p(s)


def _finish(r, axis, keepdims, dtype):
    if not keepdims:
        r = np.squeeze(r, axis=axis)
    return np.asarray(r).astype(dtype)[()]


# ---------------------------------------------------------------- logsumexp


@right("logsumexp")  # max, leave one maximum out, log1p; edges fall out of a 0 shift
def logsumexp_ok(z, axis=-1, keepdims=False):
    z, axis = _prep(z, axis)
    r = _lse_keep(z.astype(_work(z.dtype)), axis)
    return _finish(r, axis, keepdims, z.dtype)


def _lse_sorted_last(x):
    """log-sum-exp over the last axis via a sort; x non-empty along it."""
    xs = np.sort(x, axis=-1)
    m = xs[..., -1:]
    rest = xs[..., :-1]
    shift = np.where(np.isfinite(m), m, 0).astype(x.dtype)
    with np.errstate(invalid="ignore", over="ignore"):
        s = np.exp(rest - shift).sum(axis=-1, keepdims=True)
        out = m + np.log1p(s)
    out = np.where(np.isnan(xs).any(axis=-1, keepdims=True), np.nan, out)
    return out[..., 0]


@right("logsumexp")  # moveaxis + sort: the last sorted entry is the maximum left out
def logsumexp_ok_sort(z, axis=-1, keepdims=False):
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
    x = np.moveaxis(arr.astype(work), axis, -1)
    if x.shape[-1] == 0:
        res = np.full(x.shape[:-1], -np.inf, dtype=work)
    else:
        res = _lse_sorted_last(x)
    if keepdims:
        res = np.expand_dims(res, axis)
    res = np.asarray(res, dtype=out)
    return res[()] if res.ndim == 0 else res


@wrong(
    "logsumexp", "lse-lost-small-terms"
)  # plain shifted formula m + log(sum(exp(z - m))): logsumexp([0., -40.]) gives 0, not 4.25e-18
def logsumexp_w_plain(z, axis=-1, keepdims=False):
    z, axis = _prep(z, axis)
    x = z.astype(_work(z.dtype))
    if x.shape[axis] == 0:
        shape = list(x.shape)
        shape[axis] = 1
        return _finish(np.full(shape, -np.inf, x.dtype), axis, keepdims, z.dtype)
    m = x.max(axis=axis, keepdims=True)
    m_safe = np.where(np.isfinite(m), m, 0)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        r = m_safe + np.log(np.exp(x - m_safe).sum(axis=axis, keepdims=True))
    r = np.where(np.isnan(m), np.nan, r)
    return _finish(r, axis, keepdims, z.dtype)


@wrong(
    "logsumexp", "lse-lost-small-terms"
)  # log1p(sum - 1) re-adds the tiny terms to 1: logsumexp([0., -40.]) gives 0, not 4.25e-18
def logsumexp_w_sum_minus_one(z, axis=-1, keepdims=False):
    z, axis = _prep(z, axis)
    x = z.astype(_work(z.dtype))
    if x.shape[axis] == 0:
        shape = list(x.shape)
        shape[axis] = 1
        return _finish(np.full(shape, -np.inf, x.dtype), axis, keepdims, z.dtype)
    m = x.max(axis=axis, keepdims=True)
    m_safe = np.where(np.isfinite(m), m, 0)
    with np.errstate(invalid="ignore", over="ignore"):
        s = np.exp(x - m_safe).sum(axis=axis, keepdims=True)
        r = m_safe + np.log1p(s - 1)
    r = np.where(np.isnan(m), np.nan, np.where(m == np.inf, np.inf, r))
    return _finish(r, axis, keepdims, z.dtype)


@wrong(
    "logsumexp", "lse-dropped-tied-maxima"
)  # leaves out every entry equal to the max, not one: logsumexp([0., 0.]) gives 0, not ln 2
def logsumexp_w_all_maxima(z, axis=-1, keepdims=False):
    z, axis = _prep(z, axis)
    x = z.astype(_work(z.dtype))
    if x.shape[axis] == 0:
        shape = list(x.shape)
        shape[axis] = 1
        return _finish(np.full(shape, -np.inf, x.dtype), axis, keepdims, z.dtype)
    m = x.max(axis=axis, keepdims=True)
    m_safe = np.where(np.isfinite(m), m, 0)
    with np.errstate(invalid="ignore", over="ignore"):
        e = np.where(x == m, 0, np.exp(x - m_safe))
        r = m + np.log1p(e.sum(axis=axis, keepdims=True))
    return _finish(r, axis, keepdims, z.dtype)


@wrong(
    "logsumexp", "lse-all-neg-inf-nan"
)  # no guard for an all -inf slice (-inf - -inf): logsumexp([-inf, -inf]) gives NaN, not -inf
def logsumexp_w_neginf(z, axis=-1, keepdims=False):
    z, axis = _prep(z, axis)
    x = z.astype(_work(z.dtype))
    if x.shape[axis] == 0:
        shape = list(x.shape)
        shape[axis] = 1
        return _finish(np.full(shape, -np.inf, x.dtype), axis, keepdims, z.dtype)
    m = x.max(axis=axis, keepdims=True)
    k = x.argmax(axis=axis, keepdims=True)
    with np.errstate(invalid="ignore", over="ignore"):
        e = np.exp(x - m)
        np.put_along_axis(e, k, 0, axis=axis)
        r = m + np.log1p(e.sum(axis=axis, keepdims=True))
    r = np.where(m == np.inf, np.inf, r)
    return _finish(r, axis, keepdims, z.dtype)


@wrong(
    "logsumexp", "lse-empty-axis"
)  # max of an empty axis raises: logsumexp(np.zeros((2, 0))) raises ValueError instead of [-inf, -inf]
def logsumexp_w_empty(z, axis=-1, keepdims=False):
    z, axis = _prep(z, axis)
    x = z.astype(_work(z.dtype))
    m = x.max(axis=axis, keepdims=True)
    k = x.argmax(axis=axis, keepdims=True)
    m_safe = np.where(np.isfinite(m), m, 0)
    with np.errstate(invalid="ignore", over="ignore"):
        e = np.exp(x - m_safe)
        np.put_along_axis(e, k, 0, axis=axis)
        r = m + np.log1p(e.sum(axis=axis, keepdims=True))
    return _finish(r, axis, keepdims, z.dtype)


@wrong(
    "logsumexp", "returned-0d-array"
)  # squeezes but never unwraps the 0-d result: logsumexp([1., 2.]) is a 0-d ndarray, not np.float64
def logsumexp_w_0d(z, axis=-1, keepdims=False):
    z, axis = _prep(z, axis)
    r = _lse_keep(z.astype(_work(z.dtype)), axis)
    if not keepdims:
        r = np.squeeze(r, axis=axis)
    return np.asarray(r, dtype=z.dtype)


@wrong(
    "logsumexp", "float16-sum-overflow"
)  # float16 computed in float16: logsumexp(np.zeros(70000, np.float16)) gives inf, not 11.16
def logsumexp_w_f16(z, axis=-1, keepdims=False):
    z, axis = _prep(z, axis)
    r = _lse_keep(z, axis)
    return _finish(r, axis, keepdims, z.dtype)


@wrong(
    "logsumexp", "lse-pos-inf-nan"
)  # shift guard only for -inf, so two +inf entries give inf - inf: logsumexp([inf, inf]) gives NaN, not +inf
def logsumexp_w_posinf(z, axis=-1, keepdims=False):
    z, axis = _prep(z, axis)
    x = z.astype(_work(z.dtype))
    if x.shape[axis] == 0:
        shape = list(x.shape)
        shape[axis] = 1
        return _finish(np.full(shape, -np.inf, x.dtype), axis, keepdims, z.dtype)
    m = x.max(axis=axis, keepdims=True)
    k = x.argmax(axis=axis, keepdims=True)
    m_safe = np.where(m == -np.inf, 0, m)
    with np.errstate(invalid="ignore", over="ignore"):
        e = np.exp(x - m_safe)
        np.put_along_axis(e, k, 0, axis=axis)
        r = m + np.log1p(e.sum(axis=axis, keepdims=True))
    return _finish(r, axis, keepdims, z.dtype)


# Not catalogued: NumPy's own TypeError for a non-integer axis is accepted (the docstrings now say so).
# axis handed to NumPy unchecked: logsumexp([1., 2.], axis=1.0) raises TypeError, the docstring requires ValueError
def logsumexp_w_axis_type(z, axis=-1, keepdims=False):
    z = _as_float(z)
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    x = z.astype(_work(z.dtype))
    m = x.max(axis=axis, keepdims=True, initial=-np.inf)
    ax = axis % z.ndim
    if x.shape[ax] == 0:
        return _finish(m, ax, keepdims, z.dtype)
    k = x.argmax(axis=axis, keepdims=True)
    m_safe = np.where(np.isfinite(m), m, 0)
    with np.errstate(invalid="ignore", over="ignore"):
        e = np.exp(x - m_safe)
        np.put_along_axis(e, k, 0, axis=ax)
        r = m + np.log1p(e.sum(axis=axis, keepdims=True))
    return _finish(r, ax, keepdims, z.dtype)


# ---------------------------------------------------------------- log_softmax


def _log_softmax_core(x, axis):
    """(z - m) - log1p(s) with edges; x in working dtype, non-empty axis."""
    m = x.max(axis=axis, keepdims=True)
    k = x.argmax(axis=axis, keepdims=True)
    m_safe = np.where(np.isfinite(m), m, 0).astype(x.dtype)
    with np.errstate(invalid="ignore", over="ignore"):
        d = x - m_safe
        e = np.exp(d)
        np.put_along_axis(e, k, 0, axis=axis)
        r = d - np.log1p(e.sum(axis=axis, keepdims=True))
    r = np.where(m == np.inf, np.where(x == np.inf, np.nan, -np.inf), r)
    r = np.where(np.isnan(m), np.nan, r)
    return r


@right("log_softmax")  # (z - m) - log1p(sum over all but one maximum), explicit +inf/NaN slices
def log_softmax_ok(z, axis=-1):
    z, axis = _prep(z, axis)
    x = z.astype(_work(z.dtype))
    if x.shape[axis] == 0:
        return x.astype(z.dtype, copy=True)
    return _log_softmax_core(x, axis).astype(z.dtype, copy=False)


@right("log_softmax")  # moveaxis, sorted log-sum-exp of the shifted logits, NaN via a mask
def log_softmax_ok_sort(z, axis=-1):
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
    x = np.moveaxis(arr.astype(work), axis, -1)
    if x.shape[-1] == 0:
        return np.moveaxis(x, -1, axis).astype(out)
    m = x.max(axis=-1, keepdims=True)
    has_nan = np.isnan(x).any(axis=-1, keepdims=True)
    pinf = (m == np.inf) & ~has_nan
    ninf = (m == -np.inf) & ~has_nan
    normal = ~(has_nan | pinf | ninf)
    msafe = np.where(normal, m, 0).astype(work)
    with np.errstate(invalid="ignore", over="ignore"):
        d = x - msafe
        lse = _lse_sorted_last(np.where(normal, d, 0).astype(work))[..., None]
        res = d - lse
    res = np.where(ninf, -np.inf, res)
    res = np.where(pinf, np.where(x == np.inf, np.nan, -np.inf), res)
    res = np.where(has_nan, np.nan, res)
    return np.moveaxis(res, -1, axis).astype(out)


@wrong(
    "log_softmax", "log-softmax-lost-digits"
)  # z - logsumexp(z) without shifting first: log_softmax(np.array([1e8, 1e8], np.float32)) gives [0, 0], not [-ln 2, -ln 2]
def log_softmax_w_unshifted(z, axis=-1):
    z, axis = _prep(z, axis)
    x = z.astype(_work(z.dtype))
    if x.shape[axis] == 0:
        return x.astype(z.dtype, copy=True)
    lse = _lse_keep(x, axis)
    with np.errstate(invalid="ignore"):
        r = x - lse
    m = x.max(axis=axis, keepdims=True)
    r = np.where(m == -np.inf, -np.inf, r)
    r = np.where(m == np.inf, np.where(x == np.inf, np.nan, -np.inf), r)
    r = np.where(np.isnan(m), np.nan, r)
    return r.astype(z.dtype, copy=False)


@wrong(
    "log_softmax", "log-softmax-log-of-softmax"
)  # log of the stable softmax: log_softmax([0., -1000.]) gives [0, -inf], not [0, -1000]
def log_softmax_w_log_of_softmax(z, axis=-1):
    z, axis = _prep(z, axis)
    x = z.astype(_work(z.dtype))
    if x.shape[axis] == 0:
        return x.astype(z.dtype, copy=True)
    m = x.max(axis=axis, keepdims=True)
    m_safe = np.where(m == -np.inf, 0, m)
    with np.errstate(invalid="ignore", divide="ignore"):
        e = np.exp(x - m_safe)
        s = e.sum(axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
        r = np.log(p)
    r = np.where(m == np.inf, np.where(x == np.inf, np.nan, -np.inf), r)
    return r.astype(z.dtype, copy=False)


@wrong(
    "log_softmax", "lse-lost-small-terms"
)  # log(sum) instead of log1p over all but one maximum: log_softmax([0., -40.])[0] gives 0, not -4.25e-18
def log_softmax_w_log_not_log1p(z, axis=-1):
    z, axis = _prep(z, axis)
    x = z.astype(_work(z.dtype))
    if x.shape[axis] == 0:
        return x.astype(z.dtype, copy=True)
    m = x.max(axis=axis, keepdims=True)
    m_safe = np.where(np.isfinite(m), m, 0)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        d = x - m_safe
        r = d - np.log(np.exp(d).sum(axis=axis, keepdims=True))
    r = np.where(m == -np.inf, -np.inf, r)
    r = np.where(m == np.inf, np.where(x == np.inf, np.nan, -np.inf), r)
    r = np.where(np.isnan(m), np.nan, r)
    return r.astype(z.dtype, copy=False)


@wrong(
    "log_softmax", "log-softmax-all-neg-inf-nan"
)  # no guard for an all -inf slice: log_softmax([-inf, -inf]) gives NaN, not [-inf, -inf]
def log_softmax_w_neginf(z, axis=-1):
    z, axis = _prep(z, axis)
    x = z.astype(_work(z.dtype))
    if x.shape[axis] == 0:
        return x.astype(z.dtype, copy=True)
    m = x.max(axis=axis, keepdims=True)
    k = x.argmax(axis=axis, keepdims=True)
    with np.errstate(invalid="ignore", over="ignore"):
        d = x - m
        e = np.exp(d)
        np.put_along_axis(e, k, 0, axis=axis)
        r = d - np.log1p(e.sum(axis=axis, keepdims=True))
    r = np.where(m == np.inf, np.where(x == np.inf, np.nan, -np.inf), r)
    return r.astype(z.dtype, copy=False)


@wrong(
    "log_softmax", "float16-sum-overflow"
)  # float16 computed in float16: log_softmax(np.zeros(70000, np.float16)) gives -inf, not -11.16
def log_softmax_w_f16(z, axis=-1):
    z, axis = _prep(z, axis)
    if z.shape[axis] == 0:
        return z.copy()
    return _log_softmax_core(z, axis).astype(z.dtype, copy=False)


@wrong(
    "log_softmax", "log-softmax-pos-inf"
)  # treats a +inf slice like a NaN slice: log_softmax([inf, 0.]) gives [nan, nan], not [nan, -inf]
def log_softmax_w_posinf(z, axis=-1):
    z, axis = _prep(z, axis)
    x = z.astype(_work(z.dtype))
    if x.shape[axis] == 0:
        return x.astype(z.dtype, copy=True)
    r = _log_softmax_core(x, axis)
    m = x.max(axis=axis, keepdims=True)
    r = np.where(m == np.inf, np.nan, r)
    return r.astype(z.dtype, copy=False)


@wrong(
    "log_softmax", "empty-axis-refused"
)  # max of an empty axis raises: log_softmax(np.zeros((2, 0))) raises ValueError instead of an empty result
def log_softmax_w_empty(z, axis=-1):
    z, axis = _prep(z, axis)
    x = z.astype(_work(z.dtype))
    return _log_softmax_core(x, axis).astype(z.dtype, copy=False)


@wrong(
    "log_softmax", "wrong-values"
)  # leaves out every tied maximum: log_softmax([0., 0.]) gives [0, 0], not [-ln 2, -ln 2]
def log_softmax_w_ties(z, axis=-1):
    z, axis = _prep(z, axis)
    x = z.astype(_work(z.dtype))
    if x.shape[axis] == 0:
        return x.astype(z.dtype, copy=True)
    m = x.max(axis=axis, keepdims=True)
    m_safe = np.where(np.isfinite(m), m, 0)
    with np.errstate(invalid="ignore", over="ignore"):
        d = x - m_safe
        e = np.where(x == m, 0, np.exp(d))
        r = d - np.log1p(e.sum(axis=axis, keepdims=True))
    r = np.where(m == np.inf, np.where(x == np.inf, np.nan, -np.inf), r)
    r = np.where(np.isnan(m), np.nan, r)
    return r.astype(z.dtype, copy=False)


# ---------------------------------------------------------------- smooth_max


def _check_t(t):
    if isinstance(t, np.ndarray) and t.ndim == 0:
        t = t[()]
    if isinstance(t, (bool, np.bool_)) or not isinstance(t, (int, float, np.integer, np.floating)):
        raise ValueError(f"t must be a single real number, not {t!r}")
    if not (np.isfinite(t) and t > 0):
        raise ValueError(f"t must be a finite number > 0, not {t!r}")
    return t


def _smooth_max_keep(x, t, axis):
    """t in the working dtype, x non-empty along axis."""
    m = x.max(axis=axis, keepdims=True)
    if t == 0:
        return m
    m_safe = np.where(np.isfinite(m), m, 0).astype(x.dtype)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        y = (x - m_safe) / t
        lse = _lse_keep(y, axis)
        return m_safe + np.where(lse == 0, 0, t * lse).astype(x.dtype)


@right("smooth_max")  # m + t * lse((z - m) / t), t cast to the working dtype, t -> 0 gives max
def smooth_max_ok(z, t, axis=-1):
    t = _check_t(t)
    z, axis = _prep(z, axis)
    work = _work(z.dtype)
    x = z.astype(work)
    with np.errstate(over="ignore"):
        tw = work.type(t)
    if x.shape[axis] == 0:
        r = _lse_keep(x, axis)
    else:
        r = _smooth_max_keep(x, tw, axis)
    return _finish(r, axis, False, z.dtype)


@right("smooth_max")  # moveaxis + sorted log-sum-exp, edges by masks
def smooth_max_ok_sort(z, t, axis=-1):
    if isinstance(t, np.ndarray) and t.shape == ():
        t = t.item()
    if (
        type(t) is bool
        or isinstance(t, np.bool_)
        or not isinstance(t, (int, float, np.number))
        or isinstance(t, np.complexfloating)
    ):
        raise ValueError("t must be a real number")
    if not (t > 0 and t < np.inf):
        raise ValueError("t must be a finite number > 0")
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
    x = np.moveaxis(arr.astype(work), axis, -1)
    with np.errstate(over="ignore"):
        tw = np.asarray(t).astype(work)[()]
    if x.shape[-1] == 0:
        res = np.full(x.shape[:-1], -np.inf, dtype=work)
    else:
        m = x.max(axis=-1)
        if tw == 0:
            res = m
        else:
            finite = np.isfinite(m)
            shift = np.where(finite, m, 0).astype(work)[..., None]
            with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
                lse = _lse_sorted_last((x - shift) / tw)
                res = np.where(finite, m + np.where(lse == 0, 0, tw * lse), m)
    res = np.asarray(res, dtype=out)
    return res[()]


@wrong(
    "smooth_max", "no-value-error"
)  # validates with 'not t > 0', letting inf through: smooth_max([1., 2., 3.], np.inf) returns instead of ValueError
def smooth_max_w_inf_t(z, t, axis=-1):
    if isinstance(t, (bool, np.bool_)) or not isinstance(t, (int, float, np.integer, np.floating)):
        raise ValueError("t must be a real number")
    if not t > 0:
        raise ValueError("t must be > 0")
    z, axis = _prep(z, axis)
    work = _work(z.dtype)
    x = z.astype(work)
    tw = work.type(t)
    r = _lse_keep(x, axis) if x.shape[axis] == 0 else _smooth_max_keep(x, tw, axis)
    return _finish(r, axis, False, z.dtype)


@wrong(
    "smooth_max", "no-value-error"
)  # validates with 't <= 0 or isinf', letting NaN through: smooth_max([1., 2., 3.], np.nan) returns NaN instead of ValueError
def smooth_max_w_nan_t(z, t, axis=-1):
    if isinstance(t, (bool, np.bool_)) or not isinstance(t, (int, float, np.integer, np.floating)):
        raise ValueError("t must be a real number")
    if t <= 0 or np.isinf(t):
        raise ValueError("t must be a finite number > 0")
    z, axis = _prep(z, axis)
    work = _work(z.dtype)
    x = z.astype(work)
    tw = work.type(t)
    r = _lse_keep(x, axis) if x.shape[axis] == 0 else _smooth_max_keep(x, tw, axis)
    return _finish(r, axis, False, z.dtype)


@wrong(
    "smooth_max", "lse-no-max-shift"
)  # divides z by t before shifting: smooth_max([1e306, 0.], 1e-3) gives inf, not 1e306
def smooth_max_w_divide_first(z, t, axis=-1):
    t = _check_t(t)
    z, axis = _prep(z, axis)
    work = _work(z.dtype)
    x = z.astype(work)
    tw = work.type(t)
    if x.shape[axis] == 0 or tw == 0:
        r = _lse_keep(x, axis) if x.shape[axis] == 0 else x.max(axis=axis, keepdims=True)
    else:
        with np.errstate(over="ignore"):
            r = tw * _lse_keep(x / tw, axis)
    return _finish(r, axis, False, z.dtype)


@wrong(
    "smooth_max", "float16-sum-overflow"
)  # float16 kept in float16: smooth_max(np.zeros(70000, np.float16), 1.0) gives inf, not 11.16
def smooth_max_w_f16(z, t, axis=-1):
    t = _check_t(t)
    z, axis = _prep(z, axis)
    tw = z.dtype.type(t)
    r = _lse_keep(z, axis) if z.shape[axis] == 0 else _smooth_max_keep(z, tw, axis)
    return _finish(r, axis, False, z.dtype)


@wrong(
    "smooth_max", "lse-empty-axis"
)  # max of an empty axis raises: smooth_max(np.zeros((2, 0)), 1.0) raises ValueError instead of [-inf, -inf]
def smooth_max_w_empty(z, t, axis=-1):
    t = _check_t(t)
    z, axis = _prep(z, axis)
    work = _work(z.dtype)
    x = z.astype(work)
    r = _smooth_max_keep(x, work.type(t), axis)
    return _finish(r, axis, False, z.dtype)


@wrong(
    "smooth_max", "lse-all-neg-inf-nan"
)  # shift by m without a guard: smooth_max([-inf, -inf], 1.0) gives NaN, not -inf
def smooth_max_w_neginf(z, t, axis=-1):
    t = _check_t(t)
    z, axis = _prep(z, axis)
    work = _work(z.dtype)
    x = z.astype(work)
    tw = work.type(t)
    if x.shape[axis] == 0:
        return _finish(_lse_keep(x, axis), axis, False, z.dtype)
    if tw == 0:
        return _finish(x.max(axis=axis, keepdims=True), axis, False, z.dtype)
    m = x.max(axis=axis, keepdims=True)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        r = m + tw * _lse_keep((x - m) / tw, axis)
    r = np.where(m == np.inf, np.inf, r)
    return _finish(r, axis, False, z.dtype)


# Hidden only: t rounding to 0 in float32 is stated only by the reference's Notes.
@wrong(
    "smooth_max", "smooth-max-t-rounded-to-float32"
)  # no case for t rounding to 0 in the working dtype: smooth_max(np.array([1., 2., 3.], np.float32), 1e-50) gives NaN, not 3
def smooth_max_w_t_underflow(z, t, axis=-1):
    t = _check_t(t)
    z, axis = _prep(z, axis)
    work = _work(z.dtype)
    x = z.astype(work)
    tw = work.type(t)
    if x.shape[axis] == 0:
        return _finish(_lse_keep(x, axis), axis, False, z.dtype)
    m = x.max(axis=axis, keepdims=True)
    m_safe = np.where(np.isfinite(m), m, 0).astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        r = m_safe + tw * _lse_keep((x - m_safe) / tw, axis)
    return _finish(r, axis, False, z.dtype)


@wrong(
    "smooth_max", "wrong-dtype"
)  # t not cast to the working dtype, a NumPy float64 t promotes: smooth_max(np.array([1., 2.], np.float32), np.float64(1.0)).dtype is float64, not float32
def smooth_max_w_t_dtype(z, t, axis=-1):
    t = _check_t(t)
    z, axis = _prep(z, axis)
    x = z.astype(np.float32) if z.dtype == np.float16 else z
    if x.shape[axis] == 0:
        r = _lse_keep(x, axis)
    elif np.asarray(t, dtype=x.dtype) == 0:
        r = x.max(axis=axis, keepdims=True)
    else:
        m = x.max(axis=axis, keepdims=True)
        m_safe = np.where(np.isfinite(m), m, 0).astype(x.dtype)
        with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
            r = m_safe + t * _lse_keep((x - m_safe) / t, axis)
    r = np.squeeze(r, axis=axis)
    if z.dtype == np.float16:
        r = np.asarray(r).astype(np.float16)
    return np.asarray(r)[()]


@wrong(
    "smooth_max", "returned-0d-array"
)  # squeeze without unwrapping: smooth_max([1., 2., 3.], 1.0) is a 0-d ndarray, not a NumPy scalar
def smooth_max_w_0d(z, t, axis=-1):
    t = _check_t(t)
    z, axis = _prep(z, axis)
    work = _work(z.dtype)
    x = z.astype(work)
    with np.errstate(over="ignore"):
        tw = work.type(t)
    r = _lse_keep(x, axis) if x.shape[axis] == 0 else _smooth_max_keep(x, tw, axis)
    return np.squeeze(r, axis=axis).astype(z.dtype)
