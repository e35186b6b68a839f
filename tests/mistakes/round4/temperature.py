"""Held-out answers (round D) for notebook 05_temperature."""

import numbers

import numpy as np
from numpy.lib.array_utils import normalize_axis_index

from tests.mistakes import right, wrong


def _as_float(a, name="z"):
    a = np.asarray(a)
    if a.dtype.kind not in "biuf":
        raise ValueError(f"{name} must hold real numbers, got dtype {a.dtype}")
    if a.dtype.kind in "biu":
        a = a.astype(np.float64)
    return a


def _check_T(T, allow_inf=False):
    if isinstance(T, (bool, np.bool_)) or not isinstance(
        T, (numbers.Real, np.floating, np.integer)
    ):
        raise ValueError(f"T must be a single real number, got {T!r}")
    T = float(T)
    if not (T > 0) or (not allow_inf and not np.isfinite(T)):
        raise ValueError(f"T must be a finite number greater than 0, got {T}")
    return T


def _swt(z, T, axis=-1, *, slip=None):
    z = _as_float(z)
    T = _check_T(T, allow_inf=(slip == "T_inf"))
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if isinstance(axis, (bool, np.bool_)):
        raise ValueError("axis must be an integer")
    axis = normalize_axis_index(axis, z.ndim)
    out_dtype = z.dtype
    if z.shape[axis] == 0:
        return np.empty(z.shape, dtype=out_dtype)
    if slip == "float16_acc":
        w = z  # works in the input dtype
        Tw = w.dtype.type(T)
    else:
        w = z.astype(np.longdouble if z.dtype == np.longdouble else np.float64)
        Tw = T
    if slip == "divide_first":
        w = w / Tw
        m = np.max(w, axis=axis, keepdims=True)
        with np.errstate(invalid="ignore"):
            x = w - np.where(np.isneginf(m), 0, m)
    else:
        m = np.max(w, axis=axis, keepdims=True)
        if slip != "no_standin":
            m = np.where(np.isneginf(m), 0, m)
        with np.errstate(invalid="ignore", over="ignore"):
            x = (w - m) / Tw
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        e = np.exp(x)
        s = np.sum(e, axis=axis, keepdims=True)
        if slip == "no_standin":
            p = e / s
        else:
            p = np.where(s == 0, 0.0, e / np.where(s == 0, 1, s))
    return p.astype(out_dtype)


@right(
    "softmax_with_temperature"
)  # max shifted first, float64 arithmetic, stand-in for all -inf slices
def swt_ok(z, T, axis=-1):
    return _swt(z, T, axis)


@wrong(
    "softmax_with_temperature", "temperature-divided-first"
)  # divides by T before subtracting the max: z=[1.0, 2.0], T=1e-308 overflows to inf-inf = NaN instead of [0, 1]
def swt_divide_first(z, T, axis=-1):
    return _swt(z, T, axis, slip="divide_first")


@wrong(
    "softmax_with_temperature", "temperature-float16-sum-overflow"
)  # computes in the input dtype: float16 row of 70,000 zeros, T=1 sums exp to inf in float16 and gives 0 instead of 1/70000
def swt_f16(z, T, axis=-1):
    return _swt(z, T, axis, slip="float16_acc")


@wrong(
    "softmax_with_temperature", "wrong-values"
)  # no stand-in for an all -inf slice: [[-inf, -inf]], T=0.5 gives NaN instead of zeros
def swt_nostandin(z, T, axis=-1):
    return _swt(z, T, axis, slip="no_standin")


@wrong(
    "softmax_with_temperature", "no-value-error"
)  # validates only T > 0, so T=inf is accepted (gives uniform) instead of ValueError
def swt_Tinf(z, T, axis=-1):
    return _swt(z, T, axis, slip="T_inf")


# ---------------------------------------------------------------- entropy


def _entropy(p, axis=-1, *, slip=None):
    p = _as_float(p, "p")
    if p.ndim == 0:
        raise ValueError("p must have at least one dimension")
    if isinstance(axis, (bool, np.bool_)):
        raise ValueError("axis must be an integer")
    if slip != "no_range" and np.any((p < 0) | (p > 1)):
        raise ValueError("probabilities must lie in [0, 1]")
    if slip == "last_axis":
        axis = -1
    w = p.astype(np.float32) if p.dtype == np.float16 else p
    with np.errstate(divide="ignore", invalid="ignore"):
        logw = np.log(w)
        if slip == "where_gt0":
            terms = np.where(w > 0, w * logw, 0)
        else:
            terms = np.where(w == 0, 0, w * logw)
    h = -np.sum(terms, axis=axis)
    h = np.asarray(h).astype(p.dtype)
    return h[()]


@right("entropy")  # 0 log 0 = 0 via np.where(p == 0), NaN kept, float16 in float32
def entropy_ok(p, axis=-1):
    return _entropy(p, axis)


@wrong(
    "entropy", "entropy-nan-swallowed"
)  # np.where(p > 0, p log p, 0) also zeroes NaN terms: entropy([nan, 0.5]) is finite (0.3466) instead of NaN
def entropy_where_gt0(p, axis=-1):
    return _entropy(p, axis, slip="where_gt0")


@wrong(
    "entropy", "no-value-error"
)  # no [0, 1] range check: entropy([0.5, -0.5, 1.0]) returns NaN instead of raising ValueError
def entropy_norange(p, axis=-1):
    return _entropy(p, axis, slip="no_range")


@wrong(
    "entropy", "wrong-axis"
)  # always sums over the last axis: entropy([[0.5, 0.1], [0.5, 0.9]], axis=0) gives row entropies instead of column ones
def entropy_lastaxis(p, axis=-1):
    return _entropy(p, axis, slip="last_axis")


# ---------------------------------------------------------------- sampling


def _check_size(size):
    if size is None:
        return None
    if isinstance(size, (bool, np.bool_)):
        raise ValueError("size must be an integer or a tuple of integers")
    if isinstance(size, (int, np.integer)):
        if size < 0:
            raise ValueError("size must be non-negative")
        return int(size)
    if isinstance(size, (tuple, list)):
        out = []
        for s in size:
            if isinstance(s, (bool, np.bool_)) or not isinstance(s, (int, np.integer)) or s < 0:
                raise ValueError("size must be a tuple of non-negative integers")
            out.append(int(s))
        return tuple(out)
    raise ValueError("size must be None, an integer or a tuple of integers")


def _sample(z, T, rng, size=None, *, slip=None):
    if slip == "seed_ok":
        if not isinstance(rng, np.random.Generator):
            rng = np.random.default_rng(rng)
    elif not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng must be a numpy.random.Generator, got {rng!r}")
    z = _as_float(z)
    if z.ndim != 1 or z.size == 0:
        raise ValueError("z must be a non-empty 1-D array of logits")
    if slip != "nan_ok":
        if np.any(np.isnan(z)) or np.any(np.isposinf(z)) or np.all(np.isneginf(z)):
            raise ValueError("logits must not be NaN or +inf, and not all -inf")
    _check_T(T)
    size = _check_size(size)
    p = _swt(z.astype(np.float64), T)
    if slip == "nan_ok":
        p = np.nan_to_num(p)
        if p.sum() == 0:
            p = np.full(p.shape, 1.0 / p.size)
    c = np.cumsum(p)
    c = c / c[-1]
    if slip == "global_state":
        u = np.random.random(size)
    elif slip == "size_none_array":
        u = rng.random(1 if size is None else size)
    else:
        u = rng.random(size)
    idx = np.searchsorted(c, u, side="right")
    return idx


@right("sample_with_temperature")  # inverse transform with the given Generator
def sample_ok(z, T, rng, size=None):
    return _sample(z, T, rng, size)


@wrong(
    "sample_with_temperature", "sampling-ignores-rng"
)  # draws u from NumPy's global state (np.random.random): two calls with default_rng(0) give different draws and rng is never advanced
def sample_global(z, T, rng, size=None):
    return _sample(z, T, rng, size, slip="global_state")


@wrong(
    "sample_with_temperature", "no-value-error"
)  # no NaN/+inf check (NaN mapped to 0 probability): z=[nan, 0.0], T=1 returns an index instead of ValueError
def sample_nan(z, T, rng, size=None):
    return _sample(z, T, rng, size, slip="nan_ok")


@wrong(
    "sample_with_temperature", "wrong-shape"
)  # rng.random(1 if size is None else size): size=None returns an array of shape (1,) instead of a single index
def sample_size_none(z, T, rng, size=None):
    return _sample(z, T, rng, size, slip="size_none_array")


@wrong(
    "sample_with_temperature", "no-value-error"
)  # wraps a non-Generator in default_rng: rng=0 is accepted instead of raising ValueError
def sample_seed(z, T, rng, size=None):
    return _sample(z, T, rng, size, slip="seed_ok")


# ---------------------------------------------------------------- fit_temperature


def _labels(labels, N, K, *, allow_frac=False, allow_negative=False):
    y = np.asarray(labels)
    if y.dtype.kind == "b":
        raise ValueError("labels must be integer class indices, got bool values")
    if y.dtype.kind == "f":
        if not np.all(np.isfinite(y)) or (not allow_frac and np.any(y != np.round(y))):
            raise ValueError("labels must be whole numbers")
        y = y.astype(np.int64)
    elif y.dtype.kind not in "iu":
        if y.size == 0 and y.dtype.kind == "f":
            y = y.astype(np.int64)
        else:
            raise ValueError("labels must be integers")
    if y.ndim != 1 or y.shape[0] != N:
        raise ValueError(f"labels must have shape ({N},), got {y.shape}")
    lo = -K if allow_negative else 0
    if np.any(y < lo) or np.any(y >= K):
        raise ValueError(f"labels must lie in [0, {K})")
    return y.astype(np.intp)


def _fit_T(logits, labels, *, slip=None):
    z = _as_float(logits, "logits").astype(np.float64)
    if z.ndim != 2 or z.shape[0] < 1 or z.shape[1] < 2:
        raise ValueError("logits must have shape (N, K) with N >= 1, K >= 2")
    if not np.all(np.isfinite(z)):
        raise ValueError("logits must be finite")
    N, K = z.shape
    y = _labels(labels, N, K, allow_frac=(slip == "frac_labels"))
    zy = z[np.arange(N), y]
    if slip != "no_argmax_check" and np.all(zy >= z.max(axis=1)):
        raise ValueError("every label is the largest logit of its row: no finite temperature")
    if slip != "no_uniform_check" and np.mean(z.mean(axis=1) - zy) >= 0:
        raise ValueError("the logits are no better than uniform: no finite temperature")
    zs = z - z.max(axis=1, keepdims=True)
    zys = zs[np.arange(N), y]

    def nll(b):
        return np.mean(np.log(np.sum(np.exp(b * zs), axis=1)) - b * zys)

    if slip == "bounded":
        # golden-section search for T on a fixed interval [0.05, 10]
        a_, c_ = 0.05, 10.0
        g = (np.sqrt(5) - 1) / 2
        for _ in range(200):
            x1 = c_ - g * (c_ - a_)
            x2 = a_ + g * (c_ - a_)
            if nll(1 / x1) < nll(1 / x2):
                c_ = x2
            else:
                a_ = x1
        return float((a_ + c_) / 2)

    def g_h(b):
        w = np.exp(b * zs)
        p = w / w.sum(axis=1, keepdims=True)
        ez = np.sum(p * zs, axis=1)
        var = np.sum(p * zs * zs, axis=1) - ez * ez
        return np.mean(ez - zys), np.mean(np.maximum(var, 0))

    lo, hi = 0.0, np.inf
    b = 1.0
    for _ in range(200):
        gb, hb = g_h(b)
        if gb == 0:
            break
        if gb < 0:
            lo = b
        else:
            hi = b
        if hb > 0:
            nb = b - gb / hb
        else:
            nb = np.nan
        if not (lo < nb < hi):
            nb = 2 * b if not np.isfinite(hi) else (lo + hi) / 2
        if abs(nb - b) <= 1e-15 * max(1.0, abs(b)):
            b = nb
            break
        b = nb
        if hi < np.inf and hi - lo <= 1e-15 * hi:
            break
        if b > 1e300:
            break
    return float(1.0 / b)


@right("fit_temperature")  # safeguarded Newton on beta = 1/T with both no-minimiser checks
def fit_ok(logits, labels):
    return _fit_T(logits, labels)


@wrong(
    "fit_temperature", "fit-temperature-scaled-logits"
)  # golden-section search for T restricted to [0.05, 10]: logits [[40 ln 3, 0]]*4, labels [0,0,0,1] gives ~10 instead of 40
def fit_bounded(logits, labels):
    return _fit_T(logits, labels, slip="bounded")


@wrong(
    "fit_temperature", "no-value-error"
)  # misses the T -> 0 case: [[1, 0], [0, 1]], labels [0, 1] returns a tiny T instead of ValueError
def fit_noargmax(logits, labels):
    return _fit_T(logits, labels, slip="no_argmax_check")


@wrong(
    "fit_temperature", "no-value-error"
)  # misses the T -> infinity case (no g(0) < 0 check): [[0, 1], [0, 1]], labels [0, 0] returns a huge T instead of ValueError
def fit_nouniform(logits, labels):
    return _fit_T(logits, labels, slip="no_uniform_check")


@wrong(
    "fit_temperature", "no-value-error"
)  # float labels truncated with astype(int): labels [0, 0, 0, 1.5] with 4 rows of [[2 ln 3, 0]] are accepted instead of ValueError
def fit_fraclabels(logits, labels):
    return _fit_T(logits, labels, slip="frac_labels")


# ---------------------------------------------------------------- ECE


def _ece(probs, labels, n_bins=15, *, slip=None):
    if slip == "bool_bins":
        ok = isinstance(n_bins, (int, np.integer))
    else:
        ok = isinstance(n_bins, (int, np.integer)) and not isinstance(n_bins, (bool, np.bool_))
    if not ok or n_bins < 1:
        raise ValueError("n_bins must be a positive integer")
    P = _as_float(probs, "probs")
    if P.ndim != 2 or P.shape[0] < 1 or P.shape[1] < 1:
        raise ValueError("probs must have shape (N, K) with N >= 1")
    N, K = P.shape
    y = _labels(labels, N, K)
    if not np.all((P >= 0) & (P <= 1)):
        raise ValueError("probs must lie in [0, 1]")
    Pw = P.astype(np.float64)
    if slip != "no_rowsum":
        tol = np.sqrt(np.finfo(P.dtype).eps)
        if np.any(np.abs(Pw.sum(axis=1) - 1) > tol):
            raise ValueError("every row of probs must sum to 1")
    pred = np.argmax(Pw, axis=1)
    conf = Pw[np.arange(N), pred]
    correct = (pred == y).astype(np.float64)
    edges = np.linspace(0.0, 1.0, int(n_bins) + 1)
    if slip == "left_closed":
        b = np.digitize(conf, edges) - 1
    else:
        b = np.searchsorted(edges, conf, side="left") - 1
    b = np.clip(b, 0, int(n_bins) - 1)
    total = 0.0
    gaps = []
    for k in range(int(n_bins)):
        sel = b == k
        nb = int(sel.sum())
        if nb == 0:
            continue
        gap = abs(correct[sel].mean() - conf[sel].mean())
        gaps.append(gap)
        total += nb / N * gap
    if slip == "unweighted":
        return float(np.mean(gaps))
    return float(total)


@right("expected_calibration_error")  # (lo, hi] bins via searchsorted, weighted by n_b / N
def ece_ok(probs, labels, n_bins=15):
    return _ece(probs, labels, n_bins)


@wrong(
    "expected_calibration_error", "ece-left-closed-bins"
)  # np.digitize bins are [lo, hi): probs [[0.5, 0.5], [0.6, 0.4]], labels [1, 0], n_bins=2 gives 0.05 instead of 0.45
def ece_leftclosed(probs, labels, n_bins=15):
    return _ece(probs, labels, n_bins, slip="left_closed")


@wrong(
    "expected_calibration_error", "ece-unweighted-bins"
)  # averages the bin gaps without weighting by n_b / N: [[0.9,0.1],[0.9,0.1],[0.6,0.4]], labels [0,0,0] gives 0.25 instead of 0.2
def ece_unweighted(probs, labels, n_bins=15):
    return _ece(probs, labels, n_bins, slip="unweighted")


@wrong(
    "expected_calibration_error", "no-value-error"
)  # isinstance(n_bins, int) lets bool through: n_bins=True is accepted instead of ValueError
def ece_boolbins(probs, labels, n_bins=15):
    return _ece(probs, labels, n_bins, slip="bool_bins")


@wrong(
    "expected_calibration_error", "no-value-error"
)  # never checks that rows sum to 1: probs [[0.6, 0.6]], labels [0] returns 0.4 instead of ValueError
def ece_norowsum(probs, labels, n_bins=15):
    return _ece(probs, labels, n_bins, slip="no_rowsum")
