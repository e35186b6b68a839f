import numpy as np

from tests.mistakes import right, wrong
from tests.mistakes.round4._common import asf, check_axis, work


def _checks(z, axis):
    check_axis(axis)
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis {axis} out of range for {z.ndim}-D input")


def _lse_work(w, axis, log1p=True, ties_all=False):
    """Returns lse with keepdims=True, in w's dtype; w non-empty along axis."""
    with np.errstate(all="ignore"):
        m = w.max(axis=axis, keepdims=True)
        ms = np.where(np.isfinite(m), m, 0)
        e = np.exp(w - ms)
        if log1p:
            k = np.argmax(w, axis=axis)
            k = np.expand_dims(k, axis)
            emax = np.take_along_axis(e, k, axis=axis)
            if ties_all:
                s = np.where(w == m, 0, e).sum(axis=axis, keepdims=True)
                r = ms + np.log1p(s)
            else:
                s = e.sum(axis=axis, keepdims=True) - emax
                # s may be slightly negative through rounding; exact: sum over others
                others = e.copy()
                np.put_along_axis(others, k, 0, axis=axis)
                s = others.sum(axis=axis, keepdims=True)
                r = ms + np.log1p(s)
            # all -inf: e all 0, emax 0 -> log(0)
            r = np.where(np.isneginf(m), -np.inf, r)
            r = np.where(np.isposinf(m) & ~np.isnan(w).any(axis=axis, keepdims=True), np.inf, r)
            r = np.where(np.isnan(w).any(axis=axis, keepdims=True), np.nan, r)
        else:
            r = ms + np.log(e.sum(axis=axis, keepdims=True))
    return r


def _lse(z, axis, keepdims, f16=True, **kw):
    w, out = work(z) if f16 else (z, z.dtype)
    if w.shape[axis] == 0:
        shape = list(w.shape)
        shape[axis] = 1
        r = np.full(shape, -np.inf, dtype=w.dtype)
    else:
        r = _lse_work(w, axis, **kw)
    if not keepdims:
        r = np.squeeze(r, axis=axis)
    return np.asarray(r).astype(out)[()]


# ---------------- logsumexp ----------------


@right("logsumexp")  # reference-equivalent
def logsumexp_ok(z, axis=-1, keepdims=False):
    z = asf(z)
    _checks(z, axis)
    return _lse(z, axis, keepdims)


@wrong(
    "logsumexp", "lse-lost-small-terms"
)  # plain shifted formula m + log(sum(exp(z - m))), no log1p: logsumexp([0, -40]) gives 0 instead of 4.248e-18
def logsumexp_plain(z, axis=-1, keepdims=False):
    z = asf(z)
    _checks(z, axis)
    return _lse(z, axis, keepdims, log1p=False)


@wrong(
    "logsumexp", "lse-dropped-tied-maxima"
)  # log1p leaves out every tied maximum instead of one: logsumexp([1000, 1000]) gives 1000 instead of 1000.693
def logsumexp_ties(z, axis=-1, keepdims=False):
    z = asf(z)
    _checks(z, axis)
    return _lse(z, axis, keepdims, ties_all=True)


@wrong(
    "logsumexp", "lse-all-neg-inf-nan"
)  # unguarded max shift: an all -inf slice gives NaN, logsumexp([-inf, -inf]) is nan instead of -inf
def logsumexp_neginf(z, axis=-1, keepdims=False):
    z = asf(z)
    _checks(z, axis)
    w, out = work(z)
    if w.shape[axis] == 0:
        return _lse(z, axis, keepdims)
    with np.errstate(all="ignore"):
        m = w.max(axis=axis, keepdims=True)
        e = np.exp(w - m)
        k = np.expand_dims(np.argmax(w, axis=axis), axis)
        np.put_along_axis(e, k, 0, axis=axis)
        r = m + np.log1p(e.sum(axis=axis, keepdims=True))
    if not keepdims:
        r = np.squeeze(r, axis=axis)
    return r.astype(out)[()]


@wrong(
    "logsumexp", "lse-empty-axis"
)  # np.max on an empty axis raises: logsumexp(np.zeros((2, 0))) raises ValueError instead of [-inf, -inf]
def logsumexp_empty(z, axis=-1, keepdims=False):
    z = asf(z)
    _checks(z, axis)
    w, out = work(z)
    r = _lse_work(w, axis)  # np.max raises on the empty axis
    if not keepdims:
        r = np.squeeze(r, axis=axis)
    return r.astype(out)[()]


@wrong(
    "logsumexp", "float16-sum-overflow"
)  # computes float16 in float16: a float16 row of 70,000 zeros overflows the sum to inf instead of log(70000) = 11.16
def logsumexp_f16(z, axis=-1, keepdims=False):
    z = asf(z)
    _checks(z, axis)
    return _lse(z, axis, keepdims, f16=False)


@wrong(
    "logsumexp", "returned-0d-array"
)  # forgets [()]: logsumexp([0.0, 0.0]) is a 0-d array, not a NumPy scalar
def logsumexp_0d(z, axis=-1, keepdims=False):
    z = asf(z)
    _checks(z, axis)
    r = _lse(z, axis, keepdims)
    return np.asarray(r)


# ---------------- log_softmax ----------------


def _lsm(z, axis, f16=True, mode="ok"):
    w, out = work(z) if f16 else (z, z.dtype)
    if w.shape[axis] == 0:
        return w.astype(out)
    with np.errstate(all="ignore"):
        m = w.max(axis=axis, keepdims=True)
        if mode == "z_minus_lse":
            r = w - _lse_work(w, axis)
        elif mode == "log_softmax_prob":
            ms = np.where(np.isneginf(m), 0, m)
            e = np.exp(w - ms)
            r = np.log(e / e.sum(axis=axis, keepdims=True))
        else:
            ms = np.where(np.isfinite(m), m, 0)
            d = w - ms
            e = np.exp(d)
            if mode == "plain":
                l = np.log(e.sum(axis=axis, keepdims=True))
            else:
                k = np.expand_dims(np.argmax(w, axis=axis), axis)
                others = e.copy()
                np.put_along_axis(others, k, 0, axis=axis)
                l = np.log1p(others.sum(axis=axis, keepdims=True))
            r = d - l
            if mode != "neginf_nan":
                r = np.where(np.isneginf(m), -np.inf, r)
            else:
                r = np.where(np.isneginf(m), np.nan, r)
            # +inf in slice: +inf entries NaN, others -inf
            r = np.where(
                np.isposinf(m) & ~np.isnan(w).any(axis=axis, keepdims=True),
                np.where(np.isposinf(w), np.nan, -np.inf),
                r,
            )
            r = np.where(np.isnan(w).any(axis=axis, keepdims=True), np.nan, r)
    return r.astype(out)


@right("log_softmax")  # reference-equivalent
def log_softmax_ok(z, axis=-1):
    z = asf(z)
    _checks(z, axis)
    return _lsm(z, axis)


@wrong(
    "log_softmax", "log-softmax-all-neg-inf-nan"
)  # z - logsumexp(z, keepdims=True) without shifting first: float32 [1e8, 1e8] gives [0, 0] instead of [-ln 2, -ln 2]
def log_softmax_z_minus_lse(z, axis=-1):
    z = asf(z)
    _checks(z, axis)
    return _lsm(z, axis, mode="z_minus_lse")


@wrong(
    "log_softmax", "log-softmax-log-of-softmax"
)  # log of the (stable) softmax: log_softmax([0, -1000]) gives [0, -inf] instead of [0, -1000]
def log_softmax_logprob(z, axis=-1):
    z = asf(z)
    _checks(z, axis)
    return _lsm(z, axis, mode="log_softmax_prob")


@wrong(
    "log_softmax", "lse-lost-small-terms"
)  # shift then plain log(sum), no log1p: log_softmax([0, -40])[0] gives 0 instead of -4.25e-18
def log_softmax_plain(z, axis=-1):
    z = asf(z)
    _checks(z, axis)
    return _lsm(z, axis, mode="plain")


@wrong(
    "log_softmax", "log-softmax-all-neg-inf-nan"
)  # all -inf slice comes out NaN: log_softmax([-inf, -inf]) is [nan, nan] instead of [-inf, -inf]
def log_softmax_neginf(z, axis=-1):
    z = asf(z)
    _checks(z, axis)
    return _lsm(z, axis, mode="neginf_nan")


@wrong(
    "log_softmax", "float16-sum-overflow"
)  # computes float16 in float16: a float16 row of 70,000 zeros overflows the sum and gives -inf instead of -11.16
def log_softmax_f16(z, axis=-1):
    z = asf(z)
    _checks(z, axis)
    return _lsm(z, axis, f16=False)


# ---------------- smooth_max ----------------


def _check_t(t):
    if isinstance(t, (bool, np.bool_)) or not isinstance(t, (int, float, np.integer, np.floating)):
        raise ValueError(f"t must be a single real number, not {t!r}")
    if not (np.isfinite(t) and t > 0):
        raise ValueError(f"t must be a finite number > 0, got {t!r}")


def _smax(z, t, axis, divide_first=False, t_array=False, tiny_fix=True, guard=True):
    w, out = work(z)
    tw = np.asarray(t, dtype=np.float64) if t_array else w.dtype.type(t)
    if w.shape[axis] == 0:
        shape = list(w.shape)
        del shape[axis]
        return np.full(shape, -np.inf, dtype=out)[()]
    with np.errstate(all="ignore"):
        m = w.max(axis=axis, keepdims=True)
        ms = np.where(np.isfinite(m), m, 0) if guard else m
        if divide_first:
            r = tw * _lse_work(w / tw, axis)
        elif tw == 0 and tiny_fix:
            r = m
        else:
            r = ms + tw * _lse_work((w - ms) / tw, axis)
            if guard:
                r = np.where(np.isinf(m) & ~np.isnan(w).any(axis=axis, keepdims=True), m, r)
    r = np.squeeze(r, axis=axis)
    return np.asarray(r).astype(np.result_type(out, r) if t_array else out)[()]


@wrong(
    "smooth_max", "smooth-max-t-rounded-to-float32"
)  # reference-equivalent but for t cast to float32 without care for inf: smooth_max(np.float32([1]), 1e300) is inf * 0 = NaN instead of 1
def smooth_max_ok(z, t, axis=-1):
    z = asf(z)
    _check_t(t)
    _checks(z, axis)
    return _smax(z, t, axis)


@wrong(
    "smooth_max", "no-value-error"
)  # checks only t <= 0: t = nan (and inf) pass, smooth_max([1.0, 2.0], nan) returns NaN instead of ValueError
def smooth_max_t_nan(z, t, axis=-1):
    z = asf(z)
    if t <= 0:
        raise ValueError("t must be > 0")
    _checks(z, axis)
    return _smax(z, t, axis)


@wrong(
    "smooth_max", "lse-no-max-shift"
)  # divides before shifting, t * logsumexp(z / t): smooth_max([1e306, 0.0], 1e-3) overflows to inf instead of 1e306
def smooth_max_divide_first(z, t, axis=-1):
    z = asf(z)
    _check_t(t)
    _checks(z, axis)
    return _smax(z, t, axis, divide_first=True)


# Hidden only: t rounding to 0 in float32 is stated only by the reference's Notes.
@wrong(
    "smooth_max", "smooth-max-t-rounded-to-float32"
)  # no care for t rounding to 0 in the working dtype: float32 z=[1, 2], t=1e-50 gives NaN (0/0) instead of the max 2.0
def smooth_max_tiny_t(z, t, axis=-1):
    z = asf(z)
    _check_t(t)
    _checks(z, axis)
    return _smax(z, t, axis, tiny_fix=False)


@wrong(
    "smooth_max", "wrong-dtype"
)  # makes t a float64 array (np.asarray(t, dtype=float)): float32 z gives a float64 result, smooth_max(np.float32([1, 2]), 0.5) is float64
def smooth_max_t_array(z, t, axis=-1):
    z = asf(z)
    _check_t(t)
    _checks(z, axis)
    return _smax(z, t, axis, t_array=True)


@wrong(
    "smooth_max", "lse-all-neg-inf-nan"
)  # unguarded max shift: an all -inf slice gives NaN, smooth_max([-inf, -inf], 1.0) is nan instead of -inf
def smooth_max_neginf(z, t, axis=-1):
    z = asf(z)
    _check_t(t)
    _checks(z, axis)
    return _smax(z, t, axis, guard=False)
