import numpy as np

from tests.mistakes import right, wrong
from tests.mistakes.round4._common import asf, work


def _conv(a, name):
    a = np.asarray(a)
    if a.dtype.kind not in "biuf":
        raise ValueError(f"{name} must hold real numbers, got dtype {a.dtype}")
    return a


def _shapes(X, W, b):
    if W.ndim != 2:
        raise ValueError(f"W must be 2-D, got shape {W.shape}")
    if X.ndim < 1 or X.shape[-1] != W.shape[0]:
        raise ValueError(f"X.shape[-1] must be W.shape[0] = {W.shape[0]}, got {X.shape}")
    if b.shape != (W.shape[1],):
        raise ValueError(f"b must have shape ({W.shape[1]},), got {b.shape}")


def _dtype(X, W, b):
    rt = np.result_type(X, W, b)
    return rt if rt.kind == "f" else np.dtype(np.float64)


# ---------------- linear_logits ----------------


@right("linear_logits")  # reference-equivalent
def linear_logits_ok(X, W, b):
    X, W, b = _conv(X, "X"), _conv(W, "W"), _conv(b, "b")
    _shapes(X, W, b)
    out = _dtype(X, W, b)
    wd = np.float32 if out == np.float16 else out
    return (X.astype(wd) @ W.astype(wd) + b.astype(wd)).astype(out)


@wrong(
    "linear_logits", "no-value-error"
)  # b shape check is b.shape[-1] == K, so a (1, K) bias broadcasts silently; X=[[1,0]], W=eye(2), b=[[0,0]] returns instead of ValueError
def linear_logits_b2d(X, W, b):
    X, W, b = _conv(X, "X"), _conv(W, "W"), _conv(b, "b")
    if W.ndim != 2:
        raise ValueError("W must be 2-D")
    if X.shape[-1] != W.shape[0]:
        raise ValueError("X.shape[-1] must equal W.shape[0]")
    if b.shape[-1] != W.shape[1]:
        raise ValueError("b must have K entries")
    out = _dtype(X, W, b)
    wd = np.float32 if out == np.float16 else out
    return (X.astype(wd) @ W.astype(wd) + b.astype(wd)).astype(out)


@wrong(
    "linear_logits", "integer-arithmetic"
)  # multiplies in the input integer dtype and converts afterwards: uint8 X=[[200,100]], W=[[2],[3]], b=[1] wraps around instead of giving [[701.0]]
def linear_logits_late_cast(X, W, b):
    X, W, b = _conv(X, "X"), _conv(W, "W"), _conv(b, "b")
    _shapes(X, W, b)
    out = _dtype(X, W, b)
    if out == np.float16:
        return (X.astype(np.float32) @ W.astype(np.float32) + b.astype(np.float32)).astype(out)
    return (X @ W + b).astype(out)


@wrong(
    "linear_logits", "wrong-dtype"
)  # always returns float64 (np.asarray(..., dtype=float)): float32 X, W, b give float64 instead of float32
def linear_logits_f64(X, W, b):
    X, W, b = _conv(X, "X"), _conv(W, "W"), _conv(b, "b")
    _shapes(X, W, b)
    return X.astype(np.float64) @ W.astype(np.float64) + b.astype(np.float64)


@wrong(
    "linear_logits", "no-value-error"
)  # checks that X holds real numbers but not W and b: complex W=[[1j]] with X=[[1.0]], b=[0.0] returns a complex result instead of ValueError
def linear_logits_check_x_only(X, W, b):
    X = _conv(X, "X")
    W, b = np.asarray(W), np.asarray(b)
    _shapes(X, W, b)
    rt = np.result_type(X, W, b)
    out = rt if rt.kind in "fc" else np.dtype(np.float64)
    wd = np.float32 if out == np.float16 else out
    return (X.astype(wd) @ W.astype(wd) + b.astype(wd)).astype(out)


@wrong(
    "linear_logits", "no-value-error"
)  # does not check W is 2-D: a 1-D W=[1.0, 2.0] with X=[[1.0, 1.0]], b=[0.0] is accepted (matmul gives a vector) instead of ValueError
def linear_logits_w1d(X, W, b):
    X, W, b = _conv(X, "X"), _conv(W, "W"), _conv(b, "b")
    if X.shape[-1] != W.shape[0]:
        raise ValueError("X.shape[-1] must equal W.shape[0]")
    K = W.shape[-1] if W.ndim == 2 else 1
    if b.shape != (K,):
        raise ValueError("b must have shape (K,)")
    out = _dtype(X, W, b)
    wd = np.float32 if out == np.float16 else out
    return (X.astype(wd) @ W.astype(wd) + b.astype(wd)).astype(out)


# ---------------- predict ----------------


def _pred_checks(z):
    if z.ndim == 0:
        raise ValueError("logits must have a class axis")
    if z.shape[-1] == 0:
        raise ValueError("logits must have at least one class")


@right("predict")  # reference-equivalent
def predict_ok(logits):
    z = asf(logits, "logits")
    _pred_checks(z)
    return np.argmax(z, axis=-1)


@wrong(
    "predict", "predict-ignored-nan"
)  # np.nanargmax skips NaN: predict([0.0, nan, 1.0]) gives 2 instead of 1
def predict_nan(logits):
    z = asf(logits, "logits")
    _pred_checks(z)
    with np.errstate(all="ignore"):
        try:
            return np.nanargmax(z, axis=-1)
        except ValueError:
            return np.argmax(z, axis=-1)


@wrong(
    "predict", "no-value-error"
)  # uses np.asarray without a real-number check: complex [1+0j, 2+0j] returns 1 instead of ValueError
def predict_no_real_check(logits):
    z = np.asarray(logits)
    _pred_checks(z)
    return np.argmax(z, axis=-1)


@wrong(
    "predict", "predict-tie-break"
)  # finds the last maximum (K-1-argmax of the reversed row): ties go to the highest index, predict([3.0, 3.0, 1.0]) gives 1 instead of 0
def predict_last_tie(logits):
    z = asf(logits, "logits")
    _pred_checks(z)
    K = z.shape[-1]
    return K - 1 - np.argmax(z[..., ::-1], axis=-1)


# Not catalogued: a Python int is as good an index as a NumPy integer (the docstring says so).
# returns a Python int for a single example (int(np.argmax(...))): predict([0.5, 2.0]) is int, not a NumPy integer
def predict_pyint(logits):
    z = asf(logits, "logits")
    _pred_checks(z)
    r = np.argmax(z, axis=-1)
    return int(r) if z.ndim == 1 else r


@wrong(
    "predict", "no-value-error"
)  # no K = 0 check, returns an empty result for a batch of no classes: predict(np.zeros((0, 0))) returns instead of ValueError
def predict_no_k0(logits):
    z = asf(logits, "logits")
    if z.ndim == 0:
        raise ValueError("logits must have a class axis")
    if z.size == 0:
        return np.zeros(z.shape[:-1], dtype=np.intp)
    return np.argmax(z, axis=-1)


# ---------------- probability_ratio ----------------


def _idx(i, K, name):
    if isinstance(i, (bool, np.bool_)) or not isinstance(i, (int, np.integer)):
        raise ValueError(f"{name} must be an integer, got {i!r}")
    if not -K <= i < K:
        raise ValueError(f"{name}={i} out of range for K={K}")
    return int(i)


@right("probability_ratio")  # reference-equivalent
def probability_ratio_ok(z, i, j):
    z = asf(z)
    if z.ndim == 0:
        raise ValueError("z must have a class axis")
    K = z.shape[-1]
    i, j = _idx(i, K, "i"), _idx(j, K, "j")
    w, out = work(z)
    r = np.exp(w[..., i] - w[..., j]).astype(out)
    return r[()]


@wrong(
    "probability_ratio", "no-value-error"
)  # index check uses isinstance(i, int), which lets True through: probability_ratio([1.0, 2.0], True, 0) returns instead of ValueError
def probability_ratio_bool(z, i, j):
    z = asf(z)
    if z.ndim == 0:
        raise ValueError("z must have a class axis")
    K = z.shape[-1]
    for name, v in (("i", i), ("j", j)):
        if not isinstance(v, (int, np.integer)):
            raise ValueError(f"{name} must be an integer")
        if not -K <= v < K:
            raise ValueError(f"{name} out of range")
    w, out = work(z)
    return np.exp(w[..., i] - w[..., j]).astype(out)[()]


@wrong(
    "probability_ratio", "no-value-error"
)  # converts indices with int(i) instead of checking: probability_ratio([1.0, 2.0], 1.0, 0) returns e instead of ValueError
def probability_ratio_intcast(z, i, j):
    z = asf(z)
    if z.ndim == 0:
        raise ValueError("z must have a class axis")
    K = z.shape[-1]
    i, j = int(i), int(j)
    if not (-K <= i < K and -K <= j < K):
        raise ValueError("index out of range")
    w, out = work(z)
    return np.exp(w[..., i] - w[..., j]).astype(out)[()]


@wrong(
    "probability_ratio", "no-value-error"
)  # no range check, relies on indexing: probability_ratio([1.0, 2.0], 2, 0) raises IndexError, not ValueError
def probability_ratio_no_range(z, i, j):
    z = asf(z)
    if z.ndim == 0:
        raise ValueError("z must have a class axis")
    if (
        isinstance(i, (bool, np.bool_))
        or not isinstance(i, (int, np.integer))
        or isinstance(j, (bool, np.bool_))
        or not isinstance(j, (int, np.integer))
    ):
        raise ValueError("indices must be integers")
    w, out = work(z)
    return np.exp(w[..., i] - w[..., j]).astype(out)[()]


@wrong(
    "probability_ratio", "float16-sum-overflow"
)  # subtracts in float16 before the float32 exp: float16 z=[8.375, -0.0039], i=0, j=1 rounds the difference to 8.375 and gives 4336 instead of 4356
def probability_ratio_f16_diff(z, i, j):
    z = asf(z)
    if z.ndim == 0:
        raise ValueError("z must have a class axis")
    K = z.shape[-1]
    i, j = _idx(i, K, "i"), _idx(j, K, "j")
    d = z[..., i] - z[..., j]
    return np.exp(d.astype(np.float32) if d.dtype == np.float16 else d).astype(z.dtype)[()]


@wrong(
    "probability_ratio", "wrong-dtype"
)  # uses math.exp on the difference: returns a Python float, so float32 z=[2.0, 1.0] gives float instead of np.float32 (and a batch raises TypeError)
def probability_ratio_math(z, i, j):
    import math

    z = asf(z)
    if z.ndim == 0:
        raise ValueError("z must have a class axis")
    K = z.shape[-1]
    i, j = _idx(i, K, "i"), _idx(j, K, "j")
    if z.ndim == 1:
        return math.exp(float(z[i]) - float(z[j]))
    w, out = work(z)
    return np.exp(w[..., i] - w[..., j]).astype(out)


# ---------------- logits_from_probabilities ----------------


def _tol(dt):
    return max(1e-6, float(np.sqrt(np.finfo(dt).eps)))


def _lfp_core(p, out):
    w = p.astype(np.float32) if out == np.float16 else p
    lp = np.log(w)
    return (lp - lp.mean(axis=-1, keepdims=True)).astype(out)


@right("logits_from_probabilities")  # reference-equivalent
def lfp_ok(p):
    p = asf(p, "p")
    if p.ndim == 0:
        raise ValueError("p must have a class axis")
    if np.any(~(p > 0)):
        raise ValueError("every entry of p must be > 0")
    w = p.astype(np.float32) if p.dtype == np.float16 else p
    total = w.sum(axis=-1)
    if np.any(~(np.abs(total - 1) <= _tol(p.dtype))):
        raise ValueError("p must sum to 1 along the last axis")
    return _lfp_core(p, p.dtype)


@wrong(
    "logits_from_probabilities", "no-value-error"
)  # tests np.any(p <= 0), which is False for NaN, and the sum test abs(total-1) > tol is False for NaN too: [nan, 0.5, 0.5] returns NaN instead of ValueError
def lfp_nan(p):
    p = asf(p, "p")
    if p.ndim == 0:
        raise ValueError("p must have a class axis")
    if np.any(p <= 0):
        raise ValueError("every entry of p must be > 0")
    w = p.astype(np.float32) if p.dtype == np.float16 else p
    total = w.sum(axis=-1)
    if np.any(np.abs(total - 1) > _tol(p.dtype)):
        raise ValueError("p must sum to 1 along the last axis")
    return _lfp_core(p, p.dtype)


@wrong(
    "logits_from_probabilities", "inverse-softmax-rejects-valid-probabilities"
)  # fixed tolerance 1e-6 for every dtype: float32 p=[0.5, 0.5001] (within sqrt(eps32)=3.5e-4) raises instead of being accepted
def lfp_fixed_tol(p):
    p = asf(p, "p")
    if p.ndim == 0:
        raise ValueError("p must have a class axis")
    if np.any(~(p > 0)):
        raise ValueError("every entry of p must be > 0")
    total = p.astype(np.float64).sum(axis=-1)
    if np.any(~(np.abs(total - 1) <= 1e-6)):
        raise ValueError("p must sum to 1 along the last axis")
    return _lfp_core(p, p.dtype)


@wrong(
    "logits_from_probabilities", "inverse-softmax-rejects-valid-probabilities"
)  # sum test with np.allclose (rtol 1e-5): float64 p=[0.5, 0.500005] (sums to 1+5e-6) is accepted instead of ValueError
def lfp_allclose(p):
    p = asf(p, "p")
    if p.ndim == 0:
        raise ValueError("p must have a class axis")
    if np.any(~(p > 0)):
        raise ValueError("every entry of p must be > 0")
    w = p.astype(np.float32) if p.dtype == np.float16 else p
    total = w.sum(axis=-1)
    if not np.allclose(total, 1.0) or total.size and not np.all(np.isfinite(total)):
        raise ValueError("p must sum to 1 along the last axis")
    return _lfp_core(p, p.dtype)


@wrong(
    "logits_from_probabilities", "float16-sum-overflow"
)  # computes float16 in float16 with the mean as sum/K: a float16 row of 8000 entries 1/8000 overflows the sum of logs to -inf and returns NaN instead of ~0
def lfp_f16(p):
    p = asf(p, "p")
    if p.ndim == 0:
        raise ValueError("p must have a class axis")
    if np.any(~(p > 0)):
        raise ValueError("every entry of p must be > 0")
    total = p.astype(np.float64).sum(axis=-1)
    if np.any(~(np.abs(total - 1) <= _tol(p.dtype))):
        raise ValueError("p must sum to 1 along the last axis")
    lp = np.log(p)
    with np.errstate(all="ignore"):
        return lp - np.sum(lp, axis=-1, keepdims=True) / p.shape[-1]


@wrong(
    "logits_from_probabilities", "wrong-dtype"
)  # accumulates the mean in float64 (mean(dtype=np.float64)): float32 p=[0.25, 0.75] returns float64 instead of float32
def lfp_f64(p):
    p = asf(p, "p")
    if p.ndim == 0:
        raise ValueError("p must have a class axis")
    if np.any(~(p > 0)):
        raise ValueError("every entry of p must be > 0")
    total = p.astype(np.float64).sum(axis=-1)
    if np.any(~(np.abs(total - 1) <= _tol(p.dtype))):
        raise ValueError("p must sum to 1 along the last axis")
    lp = np.log(p)
    r = lp - lp.mean(axis=-1, keepdims=True, dtype=np.float64)
    return r.astype(np.float16) if p.dtype == np.float16 else r
