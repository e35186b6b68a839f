"""Held-out answers for notebook 01 (module solutions.logits)."""

import operator

import numpy as np

from tests.mistakes import right, wrong


def _as_float(a, name="z"):
    a = np.asarray(a)
    if a.dtype.kind not in "biuf":
        raise ValueError(f"{name} must hold real numbers, got dtype {a.dtype}")
    if a.dtype.kind != "f":
        a = a.astype(np.float64)
    return a


def _real(a, name):
    a = np.asarray(a)
    if a.dtype.kind not in "biuf":
        raise ValueError(f"{name} must hold real numbers, got dtype {a.dtype}")
    return a


def _check_shapes(X, W, b):
    if W.ndim != 2:
        raise ValueError(f"W must be 2-D (D, K), got shape {W.shape}")
    if X.ndim < 1 or X.shape[-1] != W.shape[0]:
        raise ValueError(f"X of shape {X.shape} does not fit W of shape {W.shape}")
    if b.shape != (W.shape[1],):
        raise ValueError(f"b must have shape ({W.shape[1]},), got {b.shape}")


# ---------------------------------------------------------------- linear_logits


@right("linear_logits")  # explicit plumbing, result_type, float16 via float32
def linear_logits_ok_matmul(X, W, b):
    X, W, b = _real(X, "X"), _real(W, "W"), _real(b, "b")
    _check_shapes(X, W, b)
    rt = np.result_type(X, W, b)
    out = rt if rt.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if out == np.float16 else out
    Z = np.matmul(X.astype(work), W.astype(work)) + b.astype(work)
    return Z.astype(out, copy=False)


@right("linear_logits")  # einsum over the feature axis, dtype chosen by promote_types
def linear_logits_ok_einsum(X, W, b):
    arrays = []
    for name, a in (("X", X), ("W", W), ("b", b)):
        a = np.asarray(a)
        if not (
            np.issubdtype(a.dtype, np.floating)
            or np.issubdtype(a.dtype, np.integer)
            or a.dtype == np.bool_
        ):
            raise ValueError(f"{name} is not an array of real numbers")
        arrays.append(a)
    X, W, b = arrays
    if W.ndim != 2:
        raise ValueError("W must be two-dimensional")
    D, K = W.shape
    if X.ndim == 0 or X.shape[-1] != D:
        raise ValueError("X's last axis must have W.shape[0] entries")
    if b.ndim != 1 or b.shape[0] != K:
        raise ValueError("b must have shape (K,)")
    floats = [a.dtype for a in arrays if a.dtype.kind == "f"]
    out = np.result_type(*floats) if floats else np.dtype(np.float64)
    out = np.promote_types(out, np.result_type(*arrays)) if floats else out
    work = np.promote_types(out, np.float32)
    Z = np.einsum("...d,dk->...k", X.astype(work), W.astype(work)) + b.astype(work)
    return np.asarray(Z, dtype=out)


@wrong(
    "linear_logits", "float16-sum-overflow"
)  # float16 computed in float16 (bias added after rounding XW): linear_logits(f16 [[1, 2**-11]], f16 [[1],[1]], f16 [2**-11]) gives 1.0, not 1.000977
def linear_logits_w_f16(X, W, b):
    X, W, b = _real(X, "X"), _real(W, "W"), _real(b, "b")
    _check_shapes(X, W, b)
    rt = np.result_type(X, W, b)
    out = rt if rt.kind == "f" else np.dtype(np.float64)
    return X.astype(out) @ W.astype(out) + b.astype(out)


@wrong(
    "linear_logits", "integer-arithmetic"
)  # converts to float after multiplying, so uint8 wraps: linear_logits(uint8 [[200,100]], uint8 [[2],[3]], uint8 [1]) gives 189, not 701
def linear_logits_w_late_cast(X, W, b):
    X, W, b = _real(X, "X"), _real(W, "W"), _real(b, "b")
    _check_shapes(X, W, b)
    rt = np.result_type(X, W, b)
    out = rt if rt.kind == "f" else np.dtype(np.float64)
    if out == np.float16:
        return (X.astype(np.float32) @ W.astype(np.float32) + b.astype(np.float32)).astype(out)
    return (X @ W + b).astype(out)


@wrong(
    "linear_logits", "no-value-error"
)  # checks only b.shape[-1] == K, so a (1, K) bias broadcasts silently: linear_logits(ones((2,3)), ones((3,2)), ones((1,2))) returns instead of ValueError
def linear_logits_w_bias_2d(X, W, b):
    X, W, b = _real(X, "X"), _real(W, "W"), _real(b, "b")
    if W.ndim != 2:
        raise ValueError("W must be 2-D")
    if X.ndim < 1 or X.shape[-1] != W.shape[0]:
        raise ValueError("X does not fit W")
    if b.ndim == 0 or b.shape[-1] != W.shape[1]:
        raise ValueError("b must have K entries")
    rt = np.result_type(X, W, b)
    out = rt if rt.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if out == np.float16 else out
    return (X.astype(work) @ W.astype(work) + b.astype(work)).astype(out)


@wrong(
    "linear_logits", "no-value-error"
)  # real-number test is issubdtype(number), complex passes: linear_logits(ones((1,3)), ones((3,2)), ones(2, complex)) returns complex, no ValueError
def linear_logits_w_complex(X, W, b):
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    for name, a in (("X", X), ("W", W), ("b", b)):
        if not (np.issubdtype(a.dtype, np.number) or a.dtype == np.bool_):
            raise ValueError(f"{name} must hold numbers")
    _check_shapes(X, W, b)
    rt = np.result_type(X, W, b)
    out = rt if rt.kind in "fc" else np.dtype(np.float64)
    work = np.dtype(np.float32) if out == np.float16 else out
    return (X.astype(work) @ W.astype(work) + b.astype(work)).astype(out)


@wrong(
    "linear_logits", "wrong-dtype"
)  # dtype taken from X alone: linear_logits(f32 ones((1,2)), f64 ones((2,2)), f64 zeros(2)) gives float32, not result_type float64
def linear_logits_w_dtype_of_x(X, W, b):
    X, W, b = _real(X, "X"), _real(W, "W"), _real(b, "b")
    _check_shapes(X, W, b)
    out = X.dtype if X.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if out == np.float16 else np.promote_types(out, np.float64)
    return (X.astype(work) @ W.astype(work) + b.astype(work)).astype(out)


@wrong(
    "linear_logits", "no-value-error"
)  # no check that W is 2-D, a 3-D W batch-multiplies: linear_logits(ones((4,3)), ones((3,3,2)), ones(2)) returns shape (3,4,2) instead of ValueError
def linear_logits_w_w_ndim(X, W, b):
    X, W, b = _real(X, "X"), _real(W, "W"), _real(b, "b")
    if W.ndim < 1 or X.ndim < 1 or X.shape[-1] != W.shape[0]:
        raise ValueError("X does not fit W")
    if b.shape != (W.shape[-1],):
        raise ValueError("b must have shape (K,)")
    rt = np.result_type(X, W, b)
    out = rt if rt.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if out == np.float16 else out
    return (X.astype(work) @ W.astype(work) + b.astype(work)).astype(out)


@wrong(
    "linear_logits", "raised-error"
)  # shape check uses X.shape[1], so a single example fails: linear_logits([1., 2.], [[1.], [2.]], [0.]) raises IndexError instead of giving [5.]
def linear_logits_w_single_example(X, W, b):
    X, W, b = _real(X, "X"), _real(W, "W"), _real(b, "b")
    if W.ndim != 2:
        raise ValueError("W must be 2-D")
    if X.shape[1] != W.shape[0]:
        raise ValueError("X does not fit W")
    if b.shape != (W.shape[1],):
        raise ValueError("b must have shape (K,)")
    rt = np.result_type(X, W, b)
    out = rt if rt.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if out == np.float16 else out
    return (X.astype(work) @ W.astype(work) + b.astype(work)).astype(out)


@wrong(
    "linear_logits", "wrong-dtype"
)  # float16 computed in float32 but never rounded back: linear_logits(f16 ones((1,2)), f16 ones((2,2)), f16 zeros(2)) returns float32
def linear_logits_w_f16_not_rounded(X, W, b):
    X, W, b = _real(X, "X"), _real(W, "W"), _real(b, "b")
    _check_shapes(X, W, b)
    rt = np.result_type(X, W, b)
    out = rt if rt.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if out == np.float16 else out
    return X.astype(work) @ W.astype(work) + b.astype(work)


# ---------------------------------------------------------------- predict


@right("predict")  # as_float-style check, explicit K and scalar checks, np.argmax
def predict_ok_argmax(logits):
    z = _as_float(logits, "logits")
    if z.ndim == 0:
        raise ValueError("logits must have a class axis")
    if z.shape[-1] == 0:
        raise ValueError("logits need at least one class")
    return np.argmax(z, axis=-1)


@right("predict")  # first position equal to the row max (or first NaN), via a boolean argmax
def predict_ok_first_hit(logits):
    z = np.asarray(logits)
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real")
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("logits need a non-empty class axis")
    m = z.max(axis=-1, keepdims=True)
    hit = (z == m) | np.isnan(z) if z.dtype.kind == "f" else (z == m)
    return hit.argmax(axis=-1)


@wrong(
    "predict", "predict-ignored-nan"
)  # np.nanargmax skips NaN: predict([nan, 1.0]) gives 1, not 0 (first NaN)
def predict_w_nanargmax(logits):
    z = _as_float(logits, "logits")
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("logits need a non-empty class axis")
    return np.nanargmax(z, axis=-1)


@wrong(
    "predict", "no-value-error"
)  # np.atleast_1d lets a scalar through: predict(3.0) gives 0 instead of ValueError
def predict_w_scalar(logits):
    z = np.atleast_1d(_as_float(logits, "logits"))
    if z.shape[-1] == 0:
        raise ValueError("logits need at least one class")
    return np.argmax(z, axis=-1)


@wrong(
    "predict", "no-value-error"
)  # np.asarray(..., dtype=float) drops imaginary parts: predict(np.array([1+0j, 2+0j])) gives 1 instead of ValueError
def predict_w_complex(logits):
    with np.errstate(all="ignore"):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                z = np.asarray(logits, dtype=np.float64)
            except (TypeError, ValueError) as e:
                raise ValueError("logits must be real numbers") from e
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("logits need a non-empty class axis")
    return np.argmax(z, axis=-1)


# Not catalogued: a Python int is as good an index as a NumPy integer.
# returns a Python int for one example: type(predict([0.5, 2.0, -1.0])) is int, not a NumPy integer
def predict_w_python_int(logits):
    z = _as_float(logits, "logits")
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("logits need a non-empty class axis")
    idx = np.argmax(z, axis=-1)
    return int(idx) if z.ndim == 1 else idx


@wrong(
    "predict", "predict-tie-break"
)  # last element of a stable argsort, ties go to the highest index: predict([3.0, 3.0, 1.0]) gives 1, not 0
def predict_w_argsort(logits):
    z = _as_float(logits, "logits")
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("logits need a non-empty class axis")
    return np.argsort(z, axis=-1, kind="stable")[..., -1]


@wrong(
    "predict", "wrong-shape"
)  # reshapes to (-1, K) and never back: predict(np.zeros((2,3,4))) has shape (6,), not (2,3)
def predict_w_flat_batch(logits):
    z = _as_float(logits, "logits")
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("logits need a non-empty class axis")
    if z.ndim == 1:
        return np.argmax(z)
    return np.argmax(z.reshape(-1, z.shape[-1]), axis=1)


@wrong(
    "predict", "raised-error"
)  # real-number test 'iuf' forgets booleans: predict([True, False]) raises ValueError instead of 0
def predict_w_no_bool(logits):
    z = np.asarray(logits)
    if z.dtype.kind not in "iuf":
        raise ValueError("logits must hold real numbers")
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("logits need a non-empty class axis")
    return np.argmax(z.astype(np.float64) if z.dtype.kind != "f" else z, axis=-1)


# ---------------------------------------------------------------- probability_ratio


def _class_index(i, K, name):
    if isinstance(i, (bool, np.bool_)) or not isinstance(i, (int, np.integer)):
        raise ValueError(f"{name} must be an integer class index, got {i!r}")
    if not -K <= i < K:
        raise ValueError(f"{name}={i} is out of range for {K} classes")
    return int(i)


@right("probability_ratio")  # exp of the difference, float16 through float32, [()]
def probability_ratio_ok(z, i, j):
    z = _as_float(z)
    if z.ndim == 0:
        raise ValueError("z must have a class axis")
    K = z.shape[-1]
    i, j = _class_index(i, K, "i"), _class_index(j, K, "j")
    work = np.float32 if z.dtype == np.float16 else z.dtype
    with np.errstate(invalid="ignore"):
        r = np.exp(z[..., i].astype(work) - z[..., j].astype(work))
    return r.astype(z.dtype)[()]


@right("probability_ratio")  # operator.index validation, np.take, np.subtract with dtype
def probability_ratio_ok_take(z, i, j):
    arr = np.asarray(z)
    if arr.dtype.kind not in "biuf":
        raise ValueError("z must be real")
    if arr.ndim < 1:
        raise ValueError("z must be at least 1-D")
    out = arr.dtype if arr.dtype.kind == "f" else np.dtype(np.float64)
    work = np.promote_types(out, np.float32)
    K = arr.shape[-1]
    idx = []
    for name, k in (("i", i), ("j", j)):
        if type(k) is bool or isinstance(k, np.bool_):
            raise ValueError(f"{name} must be an integer")
        try:
            k = operator.index(k)
        except TypeError:
            raise ValueError(f"{name} must be an integer") from None
        if k < -K or k >= K:
            raise ValueError(f"{name} out of range")
        idx.append(k % K)
    zi = np.take(arr, idx[0], axis=-1).astype(work)
    zj = np.take(arr, idx[1], axis=-1).astype(work)
    with np.errstate(invalid="ignore"):
        d = np.subtract(zi, zj, dtype=work)
    res = np.asarray(np.exp(d), dtype=out)
    return res[()] if res.ndim == 0 else res


@wrong(
    "probability_ratio", "no-value-error"
)  # isinstance(i, int) accepts bools: probability_ratio([1., 2.], True, 0) gives e instead of ValueError
def probability_ratio_w_bool_index(z, i, j):
    z = _as_float(z)
    if z.ndim == 0:
        raise ValueError("z must have a class axis")
    K = z.shape[-1]
    for name, k in (("i", i), ("j", j)):
        if not isinstance(k, (int, np.integer)):
            raise ValueError(f"{name} must be an integer")
        if not -K <= k < K:
            raise ValueError(f"{name} out of range")
    work = np.float32 if z.dtype == np.float16 else z.dtype
    with np.errstate(invalid="ignore"):
        r = np.exp(z[..., i].astype(work) - z[..., j].astype(work))
    return r.astype(z.dtype)[()]


@wrong(
    "probability_ratio", "no-value-error"
)  # index converted with int(): probability_ratio([1., 2.], 1.0, 0) gives e instead of ValueError
def probability_ratio_w_float_index(z, i, j):
    z = _as_float(z)
    if z.ndim == 0:
        raise ValueError("z must have a class axis")
    K = z.shape[-1]
    if isinstance(i, bool) or isinstance(j, bool):
        raise ValueError("class indices must be integers")
    i, j = int(i), int(j)
    if not (-K <= i < K and -K <= j < K):
        raise ValueError("class index out of range")
    work = np.float32 if z.dtype == np.float16 else z.dtype
    with np.errstate(invalid="ignore"):
        r = np.exp(z[..., i].astype(work) - z[..., j].astype(work))
    return r.astype(z.dtype)[()]


@wrong(
    "probability_ratio", "raised-error"
)  # only isinstance(i, int): probability_ratio([1., 2.], np.int64(0), 1) raises ValueError on a valid NumPy integer
def probability_ratio_w_numpy_int(z, i, j):
    z = _as_float(z)
    if z.ndim == 0:
        raise ValueError("z must have a class axis")
    K = z.shape[-1]
    for name, k in (("i", i), ("j", j)):
        if isinstance(k, bool) or not isinstance(k, int):
            raise ValueError(f"{name} must be an integer")
        if not -K <= k < K:
            raise ValueError(f"{name} out of range")
    work = np.float32 if z.dtype == np.float16 else z.dtype
    with np.errstate(invalid="ignore"):
        r = np.exp(z[..., i].astype(work) - z[..., j].astype(work))
    return r.astype(z.dtype)[()]


@wrong(
    "probability_ratio", "no-value-error"
)  # no range check, relies on NumPy: probability_ratio([1., 2.], 2, 0) raises IndexError, not ValueError
def probability_ratio_w_no_range(z, i, j):
    z = _as_float(z)
    if z.ndim == 0:
        raise ValueError("z must have a class axis")
    for name, k in (("i", i), ("j", j)):
        if isinstance(k, (bool, np.bool_)) or not isinstance(k, (int, np.integer)):
            raise ValueError(f"{name} must be an integer")
    work = np.float32 if z.dtype == np.float16 else z.dtype
    with np.errstate(invalid="ignore"):
        r = np.exp(z[..., i].astype(work) - z[..., j].astype(work))
    return r.astype(z.dtype)[()]


@wrong(
    "probability_ratio", "float16-sum-overflow"
)  # difference taken in float16 (rounded twice): probability_ratio(f16 [8, -0.004883], 0, 1) gives 2980, not 2992
def probability_ratio_w_f16_diff(z, i, j):
    z = _as_float(z)
    if z.ndim == 0:
        raise ValueError("z must have a class axis")
    K = z.shape[-1]
    i, j = _class_index(i, K, "i"), _class_index(j, K, "j")
    with np.errstate(invalid="ignore"):
        d = z[..., i] - z[..., j]
    work = np.float32 if z.dtype == np.float16 else z.dtype
    return np.exp(d.astype(work)).astype(z.dtype)[()]


@wrong(
    "probability_ratio", "probability-ratio-indexed-examples"
)  # z[i] - z[j] picks examples on a batch: probability_ratio([[1., 2.], [3., 5.]], 1, 0) gives [e^2, e^3], not [e, e^2]
def probability_ratio_w_batch_index(z, i, j):
    z = _as_float(z)
    if z.ndim == 0:
        raise ValueError("z must have a class axis")
    K = z.shape[-1]
    i, j = _class_index(i, K, "i"), _class_index(j, K, "j")
    work = np.float32 if z.dtype == np.float16 else z.dtype
    with np.errstate(invalid="ignore"):
        r = np.exp(z[i].astype(work) - z[j].astype(work))
    return r.astype(z.dtype)[()]


@wrong(
    "probability_ratio", "returned-0d-array"
)  # returns a 0-d array for 1-D z: type(probability_ratio([2., 1., 0.], 0, 1)) is ndarray, not np.float64
def probability_ratio_w_0d(z, i, j):
    z = _as_float(z)
    if z.ndim == 0:
        raise ValueError("z must have a class axis")
    K = z.shape[-1]
    i, j = _class_index(i, K, "i"), _class_index(j, K, "j")
    work = np.float32 if z.dtype == np.float16 else z.dtype
    out = np.empty(z.shape[:-1], dtype=z.dtype)
    with np.errstate(invalid="ignore"):
        out[...] = np.exp(z[..., i].astype(work) - z[..., j].astype(work))
    return out


@wrong(
    "probability_ratio", "no-value-error"
)  # K read from z.shape[-1] before the scalar check: probability_ratio(3.0, 0, 0) raises IndexError, not ValueError
def probability_ratio_w_scalar(z, i, j):
    z = _as_float(z)
    K = z.shape[-1]
    i, j = _class_index(i, K, "i"), _class_index(j, K, "j")
    work = np.float32 if z.dtype == np.float16 else z.dtype
    with np.errstate(invalid="ignore"):
        r = np.exp(z[..., i].astype(work) - z[..., j].astype(work))
    return r.astype(z.dtype)[()]


# ---------------------------------------------------------------- logits_from_probabilities


def _tol(dtype):
    return max(1e-6, float(np.sqrt(np.finfo(dtype).eps)))


@right("logits_from_probabilities")  # validate, log in the working dtype, centre with keepdims
def logits_from_probabilities_ok(p):
    p = _as_float(p, "p")
    if p.ndim == 0:
        raise ValueError("p must have a class axis")
    if not np.all(p > 0):
        raise ValueError("every probability must be > 0")
    work = np.float32 if p.dtype == np.float16 else p.dtype
    total = p.sum(axis=-1, dtype=work)
    if not np.all(np.abs(total - 1) <= _tol(p.dtype)):
        raise ValueError("p must sum to 1 along the last axis")
    lp = np.log(p.astype(work))
    return (lp - lp.mean(axis=-1, keepdims=True)).astype(p.dtype)


@right("logits_from_probabilities")  # any()-style checks, centring by sum / K via np.add.reduce
def logits_from_probabilities_ok_reduce(p):
    arr = np.asarray(p)
    if arr.dtype.kind not in "biuf":
        raise ValueError("p must hold real numbers")
    if arr.ndim < 1:
        raise ValueError("p must not be a scalar")
    out = arr.dtype if arr.dtype.kind == "f" else np.dtype(np.float64)
    work = np.promote_types(out, np.float32)
    x = arr.astype(work)
    if (~(x > 0)).any():
        raise ValueError("p holds an entry that is not > 0")
    tol = max(1e-6, np.sqrt(np.finfo(out).eps))
    if (np.abs(np.add.reduce(x, axis=-1) - 1) > tol).any():
        raise ValueError("a slice of p does not sum to 1")
    lp = np.log(x)
    K = x.shape[-1]
    centred = lp - np.add.reduce(lp, axis=-1, keepdims=True) / K
    return centred.astype(out)


@wrong(
    "logits_from_probabilities", "no-value-error"
)  # tests p <= 0, which NaN passes (and NaN fails the > tol sum test): logits_from_probabilities([nan, 0.5, 0.5]) returns NaN instead of ValueError
def logits_from_probabilities_w_nan(p):
    p = _as_float(p, "p")
    if p.ndim == 0:
        raise ValueError("p must have a class axis")
    if np.any(p <= 0):
        raise ValueError("every probability must be > 0")
    work = np.float32 if p.dtype == np.float16 else p.dtype
    total = p.sum(axis=-1, dtype=work)
    if np.any(np.abs(total - 1) > _tol(p.dtype)):
        raise ValueError("p must sum to 1 along the last axis")
    lp = np.log(p.astype(work))
    return (lp - lp.mean(axis=-1, keepdims=True)).astype(p.dtype)


@wrong(
    "logits_from_probabilities", "inverse-softmax-rejects-valid-probabilities"
)  # fixed tolerance 1e-6 for every dtype: logits_from_probabilities(f32 [0.5, 0.4999]) raises, though float32 allows 3.5e-4
def logits_from_probabilities_w_fixed_tol(p):
    p = _as_float(p, "p")
    if p.ndim == 0:
        raise ValueError("p must have a class axis")
    if not np.all(p > 0):
        raise ValueError("every probability must be > 0")
    work = np.float32 if p.dtype == np.float16 else p.dtype
    total = p.sum(axis=-1, dtype=work)
    if not np.all(np.abs(total - 1) <= 1e-6):
        raise ValueError("p must sum to 1 along the last axis")
    lp = np.log(p.astype(work))
    return (lp - lp.mean(axis=-1, keepdims=True)).astype(p.dtype)


@wrong(
    "logits_from_probabilities", "no-value-error"
)  # sum test with np.allclose (rtol 1e-5): logits_from_probabilities([0.5, 0.500005]) is accepted, should raise ValueError
def logits_from_probabilities_w_allclose(p):
    p = _as_float(p, "p")
    if p.ndim == 0:
        raise ValueError("p must have a class axis")
    if not np.all(p > 0):
        raise ValueError("every probability must be > 0")
    work = np.float32 if p.dtype == np.float16 else p.dtype
    total = p.sum(axis=-1, dtype=work)
    tol = _tol(p.dtype)
    if not np.allclose(total, 1, rtol=1e-5, atol=tol if p.dtype != np.float64 else 1e-8):
        raise ValueError("p must sum to 1 along the last axis")
    lp = np.log(p.astype(work))
    return (lp - lp.mean(axis=-1, keepdims=True)).astype(p.dtype)


@wrong(
    "logits_from_probabilities", "float16-sum-overflow"
)  # log and centring in float16 (sum / K): logits_from_probabilities(np.full(8000, 1/8000, np.float16)) gives inf (the float16 sum of logs overflows), not zeros
def logits_from_probabilities_w_f16(p):
    p = _as_float(p, "p")
    if p.ndim == 0:
        raise ValueError("p must have a class axis")
    if not np.all(p > 0):
        raise ValueError("every probability must be > 0")
    work = np.float32 if p.dtype == np.float16 else p.dtype
    total = p.sum(axis=-1, dtype=work)
    if not np.all(np.abs(total - 1) <= _tol(p.dtype)):
        raise ValueError("p must sum to 1 along the last axis")
    with np.errstate(all="ignore"):
        lp = np.log(p)
        return lp - lp.sum(axis=-1, keepdims=True) / p.shape[-1]


@wrong(
    "logits_from_probabilities", "inverse-softmax-centred-over-whole-array"
)  # mean over the whole array: logits_from_probabilities([[0.5, 0.5], [0.25, 0.75]]) rows do not have zero mean
def logits_from_probabilities_w_global_mean(p):
    p = _as_float(p, "p")
    if p.ndim == 0:
        raise ValueError("p must have a class axis")
    if not np.all(p > 0):
        raise ValueError("every probability must be > 0")
    work = np.float32 if p.dtype == np.float16 else p.dtype
    total = p.sum(axis=-1, dtype=work)
    if not np.all(np.abs(total - 1) <= _tol(p.dtype)):
        raise ValueError("p must sum to 1 along the last axis")
    lp = np.log(p.astype(work))
    return (lp - lp.mean()).astype(p.dtype)


@wrong(
    "logits_from_probabilities", "raised-error"
)  # checks the worst slice with .max(), which fails on an empty batch: logits_from_probabilities(np.zeros((0, 3))) raises instead of returning shape (0, 3)
def logits_from_probabilities_w_empty_batch(p):
    p = _as_float(p, "p")
    if p.ndim == 0:
        raise ValueError("p must have a class axis")
    if not np.all(p > 0):
        raise ValueError("every probability must be > 0")
    work = np.float32 if p.dtype == np.float16 else p.dtype
    worst = np.abs(p.sum(axis=-1, dtype=work) - 1).max()
    if not worst <= _tol(p.dtype):
        raise ValueError(f"p must sum to 1 along the last axis (off by {worst})")
    lp = np.log(p.astype(work))
    return (lp - lp.mean(axis=-1, keepdims=True)).astype(p.dtype)


@wrong(
    "logits_from_probabilities", "no-value-error"
)  # no real-number check: logits_from_probabilities(['0.5', '0.5']) raises TypeError (ufunc), not ValueError
def logits_from_probabilities_w_strings(p):
    p = np.asarray(p)
    if p.ndim == 0:
        raise ValueError("p must have a class axis")
    if not np.all(p > 0):
        raise ValueError("every probability must be > 0")
    if p.dtype.kind != "f":
        p = p.astype(np.float64)
    work = np.float32 if p.dtype == np.float16 else p.dtype
    total = p.sum(axis=-1, dtype=work)
    if not np.all(np.abs(total - 1) <= _tol(p.dtype)):
        raise ValueError("p must sum to 1 along the last axis")
    lp = np.log(p.astype(work))
    return (lp - lp.mean(axis=-1, keepdims=True)).astype(p.dtype)
