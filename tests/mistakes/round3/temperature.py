"""Held-out answers (set B) for notebook 05 temperature."""

import numpy as np

from tests.mistakes import right, wrong


def _f(x, name="z"):
    a = np.asarray(x)
    if a.dtype.kind not in "biuf":
        raise ValueError(f"{name} must hold real numbers")
    if a.dtype.kind in "biu":
        a = a.astype(np.float64)
    return a


def _check_T(T, slip=None):
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError(f"T must be a single real number, got {T!r}")
    if slip == "T_le0":
        if T <= 0:
            raise ValueError("T must be > 0")
    elif not (np.isfinite(T) and T > 0):
        raise ValueError(f"T must be a finite number greater than 0, got {T!r}")


def _labels(labels, N, K):
    y = np.asarray(labels)
    if y.dtype.kind == "b" or (y.dtype.kind not in "iuf" and y.size):
        raise ValueError("labels must be integers")
    if y.ndim != 1 or y.shape[0] != N:
        raise ValueError("labels must have shape (N,)")
    if y.dtype.kind == "f":
        if not np.all(np.isfinite(y)) or np.any(y != np.floor(y)):
            raise ValueError("labels must be whole numbers")
    if np.any(y < 0) or np.any(y >= K):
        raise ValueError("label out of range")
    return y.astype(np.intp)


# ---------------------------------------------------------------- softmax_with_temperature
def _swt(z, T, axis=-1, slip=None):
    z = _f(z)
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    _check_T(T, slip)
    dt = z.dtype
    wd = np.longdouble if dt == np.longdouble else np.float64
    if slip == "dtype_T":
        wd = dt
    w = z.astype(wd)
    Tw = np.dtype(wd).type(T)
    if slip == "divide_first":
        w = w / Tw
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        m = np.max(w, axis=axis, keepdims=True, initial=-np.inf)
        if slip == "isfinite_standin":
            m = np.where(np.isfinite(m), m, 0)
        elif slip != "allneginf":
            m = np.where(np.isneginf(m), 0, m)
        x = w - m
        if slip != "divide_first":
            x = x / Tw
        e = np.exp(x)
        s = np.sum(e, axis=axis, keepdims=True)
        if slip == "allneginf":
            p = e / s
        else:
            p = np.where(s == 0, 0, e / np.where(s == 0, 1, s))
    if slip == "no_cast":
        return p
    return p.astype(dt)


@right("softmax_with_temperature")  # shift by max, divide by T, in float64, cast once
def swt_ok(z, T, axis=-1):
    return _swt(z, T, axis)


@right(
    "softmax_with_temperature"
)  # moveaxis to last axis, exp via np.exp of (z-m)/T, per-slice zero guard with divide(where=)
def swt_ok2(z, T, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must be real")
    if z.dtype.kind != "f":
        z = z.astype(np.float64)
    if z.ndim == 0:
        raise ValueError("z must not be a scalar")
    if (
        isinstance(T, (bool, np.bool_))
        or not isinstance(T, (int, float, np.integer, np.floating))
        or not np.isfinite(T)
        or T <= 0
    ):
        raise ValueError("T must be a finite number > 0")
    if (
        not isinstance(axis, (int, np.integer))
        or isinstance(axis, bool)
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis out of range")
    out_dt = z.dtype
    a = np.moveaxis(z, axis, -1).astype(np.float64 if out_dt != np.longdouble else out_dt)
    res = np.empty(a.shape, dtype=a.dtype)
    if a.shape[-1] == 0:
        return np.moveaxis(res, -1, axis).astype(out_dt)
    m = a.max(axis=-1, keepdims=True)
    shift = np.where(m == -np.inf, 0.0, m)
    with np.errstate(invalid="ignore"):
        e = np.exp(
            (a - shift) / float(T) if out_dt != np.longdouble else (a - shift) / np.longdouble(T)
        )
        tot = e.sum(axis=-1, keepdims=True)
        nonzero = tot != 0
        res[...] = 0
        np.divide(e, tot, out=res, where=np.broadcast_to(nonzero, e.shape))
    return np.moveaxis(res, -1, axis).astype(out_dt)


@wrong(
    "softmax_with_temperature", "temperature-divided-first"
)  # divides z by T before subtracting the max: z/T overflows; [1.0, 2.0] with T=1e-308 gives NaN instead of [0, 1]
def swt_w1(z, T, axis=-1):
    return _swt(z, T, axis, slip="divide_first")


@wrong(
    "softmax_with_temperature", "temperature-float16-sum-overflow"
)  # computes in the input dtype, so T is cast to float16 and underflows: float16 [1,2,3] with T=1e-8 gives NaN instead of [0,0,1]
def swt_w2(z, T, axis=-1):
    return _swt(z, T, axis, slip="dtype_T")


@wrong(
    "softmax_with_temperature", "wrong-values"
)  # no stand-in for an all -inf max: [[-inf, -inf]] gives NaN instead of zeros
def swt_w3(z, T, axis=-1):
    return _swt(z, T, axis, slip="allneginf")


@wrong(
    "softmax_with_temperature", "wrong-values"
)  # stand-in uses isfinite instead of isneginf, so a +inf max is replaced by 0: [inf, 0.0] gives [nan, 0] instead of an all-NaN slice
def swt_w4(z, T, axis=-1):
    return _swt(z, T, axis, slip="isfinite_standin")


@wrong(
    "softmax_with_temperature", "no-value-error"
)  # validates T with T <= 0 only: T=inf (and NaN) accepted, [1.0, 2.0] with T=np.inf gives uniform instead of ValueError
def swt_w5(z, T, axis=-1):
    return _swt(z, T, axis, slip="T_le0")


@wrong(
    "softmax_with_temperature", "wrong-dtype"
)  # forgets to round back to the input dtype: float32 [1, 2] returns float64
def swt_w6(z, T, axis=-1):
    return _swt(z, T, axis, slip="no_cast")


# ---------------------------------------------------------------- entropy
def _entropy(p, axis=-1, slip=None):
    if slip == "int_out":
        p = np.asarray(p)
        if p.dtype.kind not in "biuf":
            raise ValueError("p must be real")
    else:
        p = _f(p, "p")
    if p.ndim == 0:
        raise ValueError("p must have at least one dimension (the classes)")
    if slip == "reject_nan":
        if not np.all((p >= 0) & (p <= 1)):
            raise ValueError("probabilities must lie in [0, 1]")
    elif slip == "no_upper":
        if np.any(p < 0):
            raise ValueError("probabilities must be >= 0")
    else:
        if np.any(p < 0) or np.any(p > 1):
            raise ValueError("probabilities must lie in [0, 1]")
    dt = p.dtype
    w = p.astype(np.float32) if dt == np.float16 else p
    if slip == "axis_ignored":
        axis = -1
    if slip == "eps":
        terms = w * np.log(w + 1e-12)
    elif slip == "int_out":
        lg = np.log(w, out=np.zeros_like(w), where=w > 0)
        terms = w * lg
    else:
        terms = w * np.log(np.where(w == 0, 1, w))
    if slip == "nansum":
        H = -np.nansum(terms, axis=axis) + 0.0
    else:
        H = -np.sum(terms, axis=axis) + 0.0
    if slip == "int_out":
        return np.asarray(H)[()]
    return np.asarray(H).astype(dt)[()]


@right("entropy")  # p*log(p) with log(1) substituted at zeros, float16 in float32
def ent_ok(p, axis=-1):
    return _entropy(p, axis)


@right("entropy")  # uses scipy-free xlogy-style masking via np.log with where/out, moveaxis to last
def ent_ok2(p, axis=-1):
    a = np.asarray(p)
    if a.dtype.kind not in "biuf":
        raise ValueError("p must hold real numbers")
    if a.ndim == 0:
        raise ValueError("p must have at least one dimension")
    a = a.astype(np.float64) if a.dtype.kind != "f" else a
    bad = (a < 0) | (a > 1)
    if bad.any():
        raise ValueError("probabilities must lie in [0, 1]")
    out_dt = a.dtype
    a = np.moveaxis(a, axis, -1)
    work = a.astype(np.float32) if out_dt == np.float16 else a
    logs = np.zeros(work.shape, dtype=work.dtype)
    np.log(work, out=logs, where=work != 0)  # NaN != 0: log(NaN) = NaN kept
    h = np.zeros(work.shape[:-1], dtype=work.dtype)
    h = h - np.einsum("...k,...k->...", work, logs) if work.shape[-1] else h
    h = h + 0.0
    return np.asarray(h, dtype=out_dt)[()]


@wrong(
    "entropy", "entropy-nan-swallowed"
)  # np.nansum to dodge 0*log 0 swallows NaN: [0.5, nan] gives 0.3466 instead of NaN
def ent_w1(p, axis=-1):
    return _entropy(p, axis, slip="nansum")


@wrong(
    "entropy", "raised-error"
)  # range check written as not all((p>=0)&(p<=1)) rejects NaN: [0.5, nan] raises instead of returning NaN
def ent_w2(p, axis=-1):
    return _entropy(p, axis, slip="reject_nan")


@wrong(
    "entropy", "wrong-values"
)  # p*log(p+1e-12): one-hot [1.0, 0.0] gives -1e-12 instead of exactly 0
def ent_w3(p, axis=-1):
    return _entropy(p, axis, slip="eps")


@wrong(
    "entropy", "raised-error"
)  # no integer promotion before log(out=zeros_like(p)): integer [1, 0] raises a casting TypeError instead of 0.0
def ent_w4(p, axis=-1):
    return _entropy(p, axis, slip="int_out")


@wrong(
    "entropy", "no-value-error"
)  # checks p >= 0 but not p <= 1: [0.5, 1.5] gives a value instead of ValueError
def ent_w5(p, axis=-1):
    return _entropy(p, axis, slip="no_upper")


@wrong(
    "entropy", "wrong-axis"
)  # always sums over the last axis: [[0.5, 1.0, 0.0], [0.5, 0.0, 1.0]] with axis=0 gives shape (2,) instead of (3,)
def ent_w6(p, axis=-1):
    return _entropy(p, axis, slip="axis_ignored")


# ---------------------------------------------------------------- sample_with_temperature
def _size_ok(size, allow_list=True, allow_bool=False):
    def is_int(v):
        if isinstance(v, (bool, np.bool_)):
            return allow_bool
        return isinstance(v, (int, np.integer)) and v >= 0

    if size is None:
        return True
    if isinstance(size, tuple) or (allow_list and isinstance(size, list)):
        return all(is_int(v) for v in size)
    return is_int(size)


def _sample_probs(z, T, rng, size, check_rng=True, check_bad=True, size_kw=None):
    if check_rng and not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng must be a numpy.random.Generator, got {rng!r}")
    z = _f(z)
    if z.ndim != 1 or z.size == 0:
        raise ValueError("z must be a non-empty 1-D array")
    if check_bad:
        if np.any(np.isnan(z)) or np.any(np.isposinf(z)):
            raise ValueError("logits must not be NaN or +inf")
        if np.all(np.isneginf(z)):
            raise ValueError("all logits are -inf")
    _check_T(T)
    if not _size_ok(size, **(size_kw or {})):
        raise ValueError("size must be None, a non-negative int or a tuple of them")
    return _swt(z.astype(np.float64), T)


def _sample(z, T, rng, size=None, slip=None):
    if slip == "seed_ok" and not isinstance(rng, np.random.Generator):
        rng = np.random.default_rng(rng)
    kw = {}
    if slip == "bool_size":
        kw = dict(allow_bool=True)
    if slip == "list_size":
        kw = dict(allow_list=False)
    if slip == "times_T":
        p = _sample_probs(np.asarray(z, dtype=float) * T * T, T, rng, size)  # softmax(z*T)
    else:
        p = _sample_probs(z, T, rng, size, size_kw=kw)
    c = np.cumsum(p)
    c = c / c[-1]
    if slip == "size0" and not size:
        size = None
    if slip == "global":
        u = np.random.random_sample(size)
    else:
        u = rng.random(size)
    return np.searchsorted(c, u, side="right")


@right(
    "sample_with_temperature"
)  # inverse transform with rng.random and searchsorted (the reference's method)
def smp_ok(z, T, rng, size=None):
    return _sample(z, T, rng, size)


@right("sample_with_temperature")  # Gumbel-max: argmax((z - max)/T + rng.gumbel)
def smp_ok2(z, T, rng, size=None):
    p = _sample_probs(z, T, rng, size)
    zz = np.asarray(z, dtype=np.float64)
    zz = (zz - zz.max()) / float(T)
    shape = (
        () if size is None else (tuple(size) if isinstance(size, (tuple, list)) else (int(size),))
    )
    g = rng.gumbel(size=shape + (zz.size,))
    idx = np.argmax(zz + g, axis=-1)
    return int(idx) if size is None else idx


@right(
    "sample_with_temperature"
)  # rng.choice(K, size=size, p=p) with p from the stable tempered softmax
def smp_ok3(z, T, rng, size=None):
    p = _sample_probs(z, T, rng, size)
    p = p / p.sum()
    if isinstance(size, list):
        size = tuple(size)
    return rng.choice(p.size, size=size, p=p)


@wrong(
    "sample_with_temperature", "sampling-ignores-rng"
)  # draws u from NumPy's global state (np.random.random_sample), not from rng: rng's state never advances and default_rng(0) twice gives different draws
def smp_w1(z, T, rng, size=None):
    return _sample(z, T, rng, size, slip="global")


@wrong(
    "sample_with_temperature", "temperature-multiplied"
)  # treats T as inverse temperature, samples softmax(z*T): z=[0,1], T=2 draws class 1 with p=0.98 instead of 0.62
def smp_w2(z, T, rng, size=None):
    return _sample(z, T, rng, size, slip="times_T")


@wrong(
    "sample_with_temperature", "wrong-values"
)  # 'if not size' treats size=0 like None: size=0 returns one index instead of an empty array of shape (0,)
def smp_w3(z, T, rng, size=None):
    return _sample(z, T, rng, size, slip="size0")


# Not catalogued: NumPy's own TypeError for a bool size is accepted (the docstring says so).
# size check isinstance(size, int) accepts bool: size=True passes validation and rng.random(True) raises TypeError instead of ValueError
def smp_w4(z, T, rng, size=None):
    return _sample(z, T, rng, size, slip="bool_size")


@wrong(
    "sample_with_temperature", "raised-error"
)  # size accepted only as int or tuple: size=[2, 3] (a list, allowed) raises ValueError
def smp_w5(z, T, rng, size=None):
    return _sample(z, T, rng, size, slip="list_size")


@wrong(
    "sample_with_temperature", "no-value-error"
)  # Gumbel-max without the NaN/+inf check: z=[0, inf] returns 1 instead of ValueError
def smp_w6(z, T, rng, size=None):
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy.random.Generator")
    zz = _f(z)
    if zz.ndim != 1 or zz.size == 0:
        raise ValueError("z must be a non-empty 1-D array")
    _check_T(T)
    if not _size_ok(size):
        raise ValueError("bad size")
    if np.all(np.isneginf(zz)):
        raise ValueError("all logits are -inf")
    zz = zz.astype(np.float64)
    with np.errstate(invalid="ignore"):
        zz = (zz - np.max(zz)) / float(T)
    shape = (
        () if size is None else (tuple(size) if isinstance(size, (tuple, list)) else (int(size),))
    )
    idx = np.argmax(
        np.nan_to_num(zz, nan=np.inf, neginf=-np.inf) + rng.gumbel(size=shape + (zz.size,)), axis=-1
    )
    return int(idx) if size is None else idx


@wrong(
    "sample_with_temperature", "no-value-error"
)  # convenience rng = np.random.default_rng(rng): an int seed rng=0 is accepted instead of ValueError
def smp_w7(z, T, rng, size=None):
    return _sample(z, T, rng, size, slip="seed_ok")


# ---------------------------------------------------------------- fit_temperature
def _prep_fit(logits, labels, slip=None):
    Z = _f(logits, "logits")
    if Z.ndim != 2 or Z.shape[0] < 1 or Z.shape[1] < 2:
        raise ValueError("logits must have shape (N, K), N >= 1, K >= 2")
    N, K = Z.shape
    if slip != "no_finite" and not np.all(np.isfinite(Z)):
        raise ValueError("logits must all be finite")
    if slip == "trunc_labels":
        y = np.asarray(labels)
        if (
            y.dtype.kind not in "iuf"
            or y.ndim != 1
            or y.shape[0] != N
            or np.any(y < 0)
            or np.any(y >= K)
        ):
            raise ValueError("bad labels")
        y = y.astype(np.intp)
    elif slip == "neg_labels":
        y = np.asarray(labels)
        if y.dtype.kind not in "iuf" or y.ndim != 1 or y.shape[0] != N or np.any(y >= K):
            raise ValueError("bad labels")
        if y.dtype.kind == "f" and np.any(y != np.floor(y)):
            raise ValueError("bad labels")
        y = y.astype(np.intp)
    else:
        y = _labels(labels, N, K)
    Z = Z.astype(np.float64)
    with np.errstate(invalid="ignore"):
        Z = Z - Z.max(axis=1, keepdims=True)
    zy = Z[np.arange(N), y]
    return Z, zy


def _g(Z, zy, b):
    x = b * Z
    e = np.exp(x - x.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    Ez = (p * Z).sum(1)
    var = (p * Z * Z).sum(1) - Ez**2
    return np.mean(Ez - zy), np.mean(np.maximum(var, 0))


def _fit(logits, labels, slip=None):
    Z, zy = _prep_fit(logits, labels, slip)
    if slip != "no_uniform_raise":
        if np.mean(Z.mean(1) - zy) >= 0:
            raise ValueError("no better than uniform: NLL keeps decreasing as T -> infinity")
    if slip != "no_T0_raise":
        if np.all(zy == 0):
            raise ValueError("every label is the largest logit of its row: T -> 0")
    b, lo, hi = 1.0, 0.0, np.inf
    for _ in range(200):
        gb, hb = _g(Z, zy, b)
        if gb == 0:
            break
        if gb > 0:
            hi = b
        else:
            lo = b
        nb = b - gb / hb if hb > 0 else np.nan
        if slip != "unsafe":
            if not (lo < nb < hi):
                nb = (lo + hi) / 2 if np.isfinite(hi) else 2 * b
        if abs(nb - b) <= 1e-15 * b:
            b = nb
            break
        b = nb
    return float(1.0 / b)


@right("fit_temperature")  # safeguarded Newton on beta = 1/T with a bracket
def fit_ok(logits, labels):
    return _fit(logits, labels)


@right(
    "fit_temperature"
)  # pure bisection on beta of the monotone derivative g, to machine precision
def fit_ok2(logits, labels):
    Z, zy = _prep_fit(logits, labels)
    if np.mean(Z.mean(1) - zy) >= 0:
        raise ValueError("logits no better than uniform: no finite T")
    if np.all(zy == 0):
        raise ValueError("every label is the argmax: no finite T")
    lo, hi = 0.0, 1.0
    while _g(Z, zy, hi)[0] < 0:
        lo, hi = hi, 2 * hi
    for _ in range(2000):
        mid = 0.5 * (lo + hi)
        if mid <= lo or mid >= hi:
            break
        if _g(Z, zy, mid)[0] > 0:
            hi = mid
        else:
            lo = mid
    return float(1.0 / (0.5 * (lo + hi)))


@wrong(
    "fit_temperature", "fit-temperature-scaled-logits"
)  # golden-section search over T restricted to [0.01, 10]: [[50 ln 3, 0]]*4 with labels [0,0,0,1] gives 10 instead of 50
def fit_w1(logits, labels):
    Z, zy = _prep_fit(logits, labels)
    if np.mean(Z.mean(1) - zy) >= 0:
        raise ValueError("no better than uniform")
    if np.all(zy == 0):
        raise ValueError("every label is the argmax")

    def nll(T):
        x = Z / T
        m = x.max(1)
        return np.mean(m + np.log(np.exp(x - m[:, None]).sum(1)) - zy / T)

    a, c = 0.01, 10.0
    r = (np.sqrt(5) - 1) / 2
    for _ in range(200):
        x1, x2 = c - r * (c - a), a + r * (c - a)
        if nll(x1) < nll(x2):
            c = x2
        else:
            a = x1
    return float((a + c) / 2)


@wrong(
    "fit_temperature", "no-value-error"
)  # no check for 'every label is the argmax': [[1,0],[0,1]] with [0,1] returns a tiny T instead of ValueError
def fit_w2(logits, labels):
    return _fit(logits, labels, slip="no_T0_raise")


@wrong(
    "fit_temperature", "no-value-error"
)  # no check g(0) < 0: [[1,0],[0,1]] with labels [1,0] (worse than uniform) returns a huge T instead of ValueError
def fit_w3(logits, labels):
    return _fit(logits, labels, slip="no_uniform_raise")


@wrong(
    "fit_temperature", "no-value-error"
)  # labels cast with astype(int) without the whole-number check: labels [0,0,0,1.5] on [[2 ln 3, 0]]*4 return 2.0 instead of ValueError
def fit_w4(logits, labels):
    return _fit(logits, labels, slip="trunc_labels")


@wrong(
    "fit_temperature", "no-value-error"
)  # checks labels < K but not >= 0: label -1 indexes the last class, [[2 ln 3, 0]]*4 with [0,0,0,-1] returns 2.0 instead of ValueError
def fit_w5(logits, labels):
    return _fit(logits, labels, slip="neg_labels")


@wrong(
    "fit_temperature", "no-value-error"
)  # no finiteness check on logits: [[inf, 0], [0, 1]] with [0, 1] returns NaN instead of ValueError
def fit_w6(logits, labels):
    return _fit(logits, labels, slip="no_finite")


# ---------------------------------------------------------------- expected_calibration_error
def _prep_ece(probs, labels, n_bins, slip=None):
    P = _f(probs, "probs")
    if P.ndim != 2 or P.shape[0] < 1 or P.shape[1] < 1:
        raise ValueError("probs must have shape (N, K), N >= 1")
    N, K = P.shape
    if slip == "reject_float_labels":
        if np.asarray(labels).dtype.kind not in "iu":
            raise ValueError("labels must be integers")
    y = _labels(labels, N, K)
    if slip == "float_nbins":
        if isinstance(n_bins, bool) or int(n_bins) < 1:
            raise ValueError("n_bins must be a positive integer")
        n_bins = int(n_bins)
    elif (
        isinstance(n_bins, (bool, np.bool_))
        or not isinstance(n_bins, (int, np.integer))
        or n_bins < 1
    ):
        raise ValueError("n_bins must be a positive integer")
    if not np.all((P >= 0) & (P <= 1)):
        raise ValueError("probabilities must lie in [0, 1]")
    if slip != "no_sum_check":
        tot = P.astype(np.float64).sum(1)
        if slip == "exact_sum":
            if np.any(tot != 1):
                raise ValueError("rows must sum to 1")
        else:
            tol = float(np.sqrt(np.finfo(P.dtype).eps))
            if np.any(np.abs(tot - 1) > tol):
                raise ValueError("every row must be a probability distribution")
    P = P.astype(np.float64)
    pred = np.argmax(P, axis=1)
    conf = P[np.arange(N), y if slip == "true_conf" else pred]
    correct = (pred == y).astype(np.float64)
    return conf, correct, int(n_bins), N


def _ece(probs, labels, n_bins=15, slip=None):
    conf, correct, nb, N = _prep_ece(probs, labels, n_bins, slip)
    edges = np.linspace(0, 1, nb + 1)
    if slip == "left_closed":
        idx = np.clip(np.digitize(conf, edges) - 1, 0, nb - 1)
    else:
        idx = np.clip(np.searchsorted(edges, conf, side="left") - 1, 0, nb - 1)
    cnt = np.bincount(idx, minlength=nb)
    sc = np.bincount(idx, weights=conf, minlength=nb)
    sa = np.bincount(idx, weights=correct, minlength=nb)
    ne = cnt > 0
    gaps = np.abs(sa[ne] / cnt[ne] - sc[ne] / cnt[ne])
    if slip == "unweighted":
        return float(np.mean(gaps))
    return float(np.sum(cnt[ne] / N * gaps))


@right("expected_calibration_error")  # searchsorted(side='left') bin index and bincount
def ece_ok(probs, labels, n_bins=15):
    return _ece(probs, labels, n_bins)


@right("expected_calibration_error")  # explicit loop over (lo, hi] bins with boolean masks
def ece_ok2(probs, labels, n_bins=15):
    conf, correct, nb, N = _prep_ece(probs, labels, n_bins)
    edges = np.linspace(0.0, 1.0, nb + 1)
    total = 0.0
    for b in range(nb):
        lo, hi = edges[b], edges[b + 1]
        inside = (conf > lo) & (conf <= hi)
        if b == 0:
            inside |= conf == 0
        k = int(inside.sum())
        if k:
            total += k / N * abs(correct[inside].mean() - conf[inside].mean())
    return float(total)


@wrong(
    "expected_calibration_error", "ece-left-closed-bins"
)  # np.digitize puts edge confidences in [lo, hi): n_bins=2, [[0.5,0.5],[0.9,0.1]] with [1,0] gives 0.2 instead of 0.3
def ece_w1(probs, labels, n_bins=15):
    return _ece(probs, labels, n_bins, slip="left_closed")


@wrong(
    "expected_calibration_error", "ece-unweighted-bins"
)  # averages |acc-conf| over non-empty bins without weighting by n_b/N: [[.9,.1],[.9,.1],[.6,.4]] with [0,0,1] gives 0.35 instead of 0.2667
def ece_w2(probs, labels, n_bins=15):
    return _ece(probs, labels, n_bins, slip="unweighted")


@wrong(
    "expected_calibration_error", "no-value-error"
)  # checks entries in [0,1] but not row sums: [[0.5, 0.6]] with [0] gives a value instead of ValueError
def ece_w3(probs, labels, n_bins=15):
    return _ece(probs, labels, n_bins, slip="no_sum_check")


@wrong(
    "expected_calibration_error", "no-value-error"
)  # int(n_bins) accepts floats: n_bins=2.0 gives a value instead of ValueError
def ece_w4(probs, labels, n_bins=15):
    return _ece(probs, labels, n_bins, slip="float_nbins")


@wrong(
    "expected_calibration_error", "raised-error"
)  # requires an integer label dtype: whole-number float labels [0.0, 0.0] with [[0.9,0.1],[0.1,0.9]] raise instead of giving 0.4
def ece_w5(probs, labels, n_bins=15):
    return _ece(probs, labels, n_bins, slip="reject_float_labels")


@wrong(
    "expected_calibration_error", "ece-true-class-confidence"
)  # uses the probability of the true label as the confidence instead of the top probability: [[0.9,0.1],[0.1,0.9]] with [0,0] gives 0.1 instead of 0.4
def ece_w6(probs, labels, n_bins=15):
    return _ece(probs, labels, n_bins, slip="true_conf")


@wrong(
    "expected_calibration_error", "raised-error"
)  # row sums tested with == 1 exactly: [[0.7, 0.2, 0.1]] with [0] sums to 0.9999999999999999 and raises instead of giving 0.3
def ece_w7(probs, labels, n_bins=15):
    return _ece(probs, labels, n_bins, slip="exact_sum")
