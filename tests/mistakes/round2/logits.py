"""Held-out answers for notebook 01_logits (module ``solutions.logits``).

Each answer is written as a learner would write the whole function: self-contained,
NumPy / math only.  ``correct=False`` answers carry one plausible slip each; the note
says what it is and names one input on which it breaks the contract in SPEC.md.
"""

import math

import numpy as np

from tests.mistakes import right, wrong

# =====================================================================================
# linear_logits(X, W, b)
# =====================================================================================


# Correct when this round was written; the course's conventions now also say that
# float16 is computed in float32 and rounded once, which this answer does not do.
@wrong(
    "linear_logits", "float16-sum-overflow"
)  # einsum over the feature axis; explicit shape/dtype checks, result_type promotion
def linear_logits_einsum(X, W, b):
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    for name, a in (("X", X), ("W", W), ("b", b)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got dtype {a.dtype}")
    if W.ndim != 2:
        raise ValueError(f"W must be 2-D (D, K), got shape {W.shape}")
    D, K = W.shape
    if X.ndim < 1 or X.shape[-1] != D:
        raise ValueError(f"X of shape {X.shape} does not fit W of shape {W.shape}")
    if b.shape != (K,):
        raise ValueError(f"b must have shape ({K},), got {b.shape}")
    dtype = np.result_type(X, W, b)
    if dtype.kind != "f":
        dtype = np.dtype(np.float64)
    work = np.float32 if dtype == np.float16 else dtype  # float16 sums accumulate in float32
    out = np.einsum("...d,dk->...k", X.astype(work), W.astype(work))
    return out.astype(dtype) + b.astype(dtype)


# Correct when this round was written; the course's conventions now also say that
# float16 is computed in float32 and rounded once, which this answer does not do.
@wrong(
    "linear_logits", "float16-sum-overflow"
)  # tensordot over the last axis of X and the first of W, then add b
def linear_logits_tensordot(X, W, b):
    X = np.asarray(X)
    W = np.asarray(W)
    b = np.asarray(b)
    if not all(
        np.issubdtype(a.dtype, np.signedinteger)
        and a.dtype.kind == "i"
        or np.issubdtype(a.dtype, np.unsignedinteger)
        or np.issubdtype(a.dtype, np.floating)
        or a.dtype == np.bool_
        for a in (X, W, b)
    ):
        raise ValueError("X, W and b must be arrays of real numbers")
    if W.ndim != 2:
        raise ValueError("W must be a 2-D array")
    if X.ndim == 0 or X.shape[-1] != W.shape[0]:
        raise ValueError("X's last axis must match W's first axis")
    if b.ndim != 1 or b.shape[0] != W.shape[1]:
        raise ValueError("b must have shape (K,)")
    # NumPy's promotion gives the common dtype; integers alone become float64
    out_dtype = np.result_type(*[a.dtype for a in (X, W, b)])
    if not np.issubdtype(out_dtype, np.floating):
        out_dtype = np.dtype(np.float64)
    Xf = X.astype(out_dtype, copy=False)
    Wf = W.astype(out_dtype, copy=False)
    out = np.tensordot(Xf, Wf, axes=([-1], [0]))
    return out + b.astype(out_dtype, copy=False)


# Correct when this round was written; the course's conventions now also say that
# float16 is computed in float32 and rounded once, which this answer does not do.
@wrong(
    "linear_logits", "float16-sum-overflow"
)  # explicit loop over the D features, accumulating X[...,d] * W[d] (float16 accumulates in float32)
def linear_logits_loop(X, W, b):
    X, W, b = (np.asarray(a) for a in (X, W, b))
    if any(a.dtype.kind not in "biuf" for a in (X, W, b)):
        raise ValueError("arguments must be arrays of real numbers")
    if W.ndim != 2:
        raise ValueError("W must be 2-D")
    D, K = W.shape
    if X.ndim == 0 or X.shape[-1] != D:
        raise ValueError("X.shape[-1] must equal W.shape[0]")
    if b.shape != (K,):
        raise ValueError("b must have shape (K,)")
    dtype = np.result_type(X, W, b)
    if dtype.kind != "f":
        dtype = np.dtype(np.float64)
    work = np.float32 if dtype == np.float16 else dtype
    acc = np.zeros(X.shape[:-1] + (K,), dtype=work)
    Xw = X.astype(work)
    Ww = W.astype(work)
    for d in range(D):
        acc += Xw[..., d, None] * Ww[d]
    acc = acc.astype(dtype) + b.astype(dtype)
    return acc


# Correct when this round was written; the course's conventions now also say that
# float16 is computed in float32 and rounded once, which this answer does not do.
@wrong(
    "linear_logits", "float16-sum-overflow"
)  # matmul on a 2-D reshape of X, reshaped back; dtype from np.result_type of the three dtypes
def linear_logits_reshape(X, W, b):
    X = np.asarray(X)
    W = np.asarray(W)
    b = np.asarray(b)
    for a in (X, W, b):
        if (
            not (np.issubdtype(a.dtype, np.number) or a.dtype == bool)
            or np.iscomplexobj(a)
            or a.dtype.kind == "m"
        ):
            raise ValueError("only real numbers are allowed")
    if W.ndim != 2:
        raise ValueError("W must be 2-D")
    if X.ndim < 1 or X.shape[-1] != W.shape[0]:
        raise ValueError("shape mismatch between X and W")
    if b.shape != W.shape[1:]:
        raise ValueError("b must have shape (K,)")
    dt = np.result_type(X.dtype, W.dtype, b.dtype)
    if not np.issubdtype(dt, np.floating):
        dt = np.dtype("float64")
    lead = X.shape[:-1]
    X2 = X.reshape(int(np.prod(lead)), X.shape[-1]).astype(dt)
    out = np.matmul(X2, W.astype(dt)) + b.astype(dt)
    return out.reshape(lead + (W.shape[1],))


# ---- wrong answers -----------------------------------------------------------------


@wrong(
    "linear_logits", "linear-logits-wrong-product"
)  # multiplies by W.T (rows of W taken as classes); with D=K: X=[[1,0]], W=[[1,2],[3,4]], b=[0,0] gives [[1,3]] not [[1,2]]
def linear_logits_transposed(X, W, b):
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    if X.dtype.kind not in "biuf" or W.dtype.kind not in "biuf" or b.dtype.kind not in "biuf":
        raise ValueError("real numbers only")
    if W.ndim != 2 or b.shape != (W.shape[1],):
        raise ValueError("bad shapes")
    dtype = np.result_type(X, W, b)
    if dtype.kind != "f":
        dtype = np.float64
    return X.astype(dtype) @ W.T.astype(dtype) + b.astype(dtype)


@wrong(
    "linear_logits", "no-value-error"
)  # no check on b's shape: b=[1.0] (shape (1,)) broadcasts to every class instead of ValueError
def linear_logits_no_bias_check(X, W, b):
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    if any(a.dtype.kind not in "biuf" for a in (X, W, b)):
        raise ValueError("real numbers only")
    if W.ndim != 2:
        raise ValueError("W must be 2-D")
    if X.ndim == 0 or X.shape[-1] != W.shape[0]:
        raise ValueError("X and W do not fit")
    dtype = np.result_type(X, W, b)
    if dtype.kind != "f":
        dtype = np.float64
    return X.astype(dtype) @ W.astype(dtype) + b.astype(dtype)


@wrong(
    "linear_logits", "no-value-error"
)  # checks b.size == K instead of b.shape == (K,): b=[[0,0,1]] of shape (1,3) is accepted (1-D X then gives shape (1,3)) instead of ValueError
def linear_logits_bias_size_check(X, W, b):
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    if any(a.dtype.kind not in "biuf" for a in (X, W, b)):
        raise ValueError("real numbers only")
    if W.ndim != 2:
        raise ValueError("W must be 2-D")
    if X.ndim == 0 or X.shape[-1] != W.shape[0]:
        raise ValueError("X and W do not fit")
    if b.size != W.shape[1]:
        raise ValueError("b must have K entries")
    dtype = np.result_type(X, W, b)
    if dtype.kind != "f":
        dtype = np.float64
    return X.astype(dtype) @ W.astype(dtype) + b.astype(dtype)


@wrong(
    "linear_logits", "wrong-dtype"
)  # integer input not promoted: linear_logits([[1,2]], [[1],[2]], [3]) returns int64 [[8]] instead of float64
def linear_logits_int_kept(X, W, b):
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    if any(a.dtype.kind not in "biuf" for a in (X, W, b)):
        raise ValueError("real numbers only")
    if W.ndim != 2 or X.ndim == 0 or X.shape[-1] != W.shape[0] or b.shape != (W.shape[1],):
        raise ValueError("shapes do not fit")
    return X @ W + b


@wrong(
    "linear_logits", "integer-arithmetic"
)  # computes in the integer dtype and casts at the end: uint8 X=[[200,100]], W=[[2],[3]], b=[1] wraps around to 189. instead of 701.
def linear_logits_cast_after(X, W, b):
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    if any(a.dtype.kind not in "biuf" for a in (X, W, b)):
        raise ValueError("real numbers only")
    if W.ndim != 2 or X.ndim == 0 or X.shape[-1] != W.shape[0] or b.shape != (W.shape[1],):
        raise ValueError("shapes do not fit")
    out = X @ W + b
    if out.dtype.kind != "f":
        out = out.astype(np.float64)
    return out


@wrong(
    "linear_logits", "wrong-dtype"
)  # np.asarray(..., dtype=float) everywhere: float32 X, W, b give float64 instead of float32
def linear_logits_always_float64(X, W, b):
    X = np.asarray(X, dtype=float)
    W = np.asarray(W, dtype=float)
    b = np.asarray(b, dtype=float)
    if W.ndim != 2 or X.ndim == 0 or X.shape[-1] != W.shape[0] or b.shape != (W.shape[1],):
        raise ValueError("shapes do not fit")
    return X @ W + b


@wrong(
    "linear_logits", "wrong-dtype"
)  # output dtype taken from X alone: float32 X with float64 W, b gives float32 instead of the common dtype float64
def linear_logits_dtype_of_X(X, W, b):
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    if any(a.dtype.kind not in "biuf" for a in (X, W, b)):
        raise ValueError("real numbers only")
    if W.ndim != 2 or X.ndim == 0 or X.shape[-1] != W.shape[0] or b.shape != (W.shape[1],):
        raise ValueError("shapes do not fit")
    dtype = X.dtype if X.dtype.kind == "f" else np.dtype(np.float64)
    return X.astype(dtype) @ W.astype(dtype) + b.astype(dtype)


@wrong(
    "linear_logits", "no-value-error"
)  # no check that W is 2-D: W of shape (2,2,3) with X (4,2), b (3,) returns a (2,4,3) stack instead of ValueError
def linear_logits_no_W_ndim_check(X, W, b):
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    if any(a.dtype.kind not in "biuf" for a in (X, W, b)):
        raise ValueError("real numbers only")
    if X.ndim == 0 or X.shape[-1] != W.shape[0]:
        raise ValueError("X and W do not fit")
    if b.shape != (W.shape[-1],):
        raise ValueError("b must have shape (K,)")
    dtype = np.result_type(X, W, b)
    if dtype.kind != "f":
        dtype = np.float64
    return X.astype(dtype) @ W.astype(dtype) + b.astype(dtype)


@wrong(
    "linear_logits", "no-value-error"
)  # no real-number check: complex X returns a complex array instead of ValueError
def linear_logits_no_real_check(X, W, b):
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    if W.ndim != 2 or X.ndim == 0 or X.shape[-1] != W.shape[0] or b.shape != (W.shape[1],):
        raise ValueError("shapes do not fit")
    dtype = np.result_type(X, W, b)
    if dtype.kind in "biu":
        dtype = np.float64
    return X.astype(dtype) @ W.astype(dtype) + b.astype(dtype)


@wrong(
    "linear_logits", "raised-error"
)  # shape check reads X.shape[1] (assumes 2-D X): a single example X=[1.,2.] raises IndexError instead of giving shape (K,)
def linear_logits_assumes_2d(X, W, b):
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    if any(a.dtype.kind not in "biuf" for a in (X, W, b)):
        raise ValueError("real numbers only")
    if W.ndim != 2:
        raise ValueError("W must be 2-D")
    if X.shape[1] != W.shape[0]:
        raise ValueError("X and W do not fit")
    if b.shape != (W.shape[1],):
        raise ValueError("b must have shape (K,)")
    dtype = np.result_type(X, W, b)
    if dtype.kind != "f":
        dtype = np.float64
    return X.astype(dtype) @ W.astype(dtype) + b.astype(dtype)


@wrong(
    "linear_logits", "float16-sum-overflow"
)  # broadcast-multiply then sum over D in the input dtype: float16 sums accumulate in float16, X=ones((1,4000)), W=ones((4000,2)) gives 2048 not 4000
def linear_logits_broadcast_sum(X, W, b):
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    if any(a.dtype.kind not in "biuf" for a in (X, W, b)):
        raise ValueError("real numbers only")
    if W.ndim != 2 or X.ndim < 1 or X.shape[-1] != W.shape[0] or b.shape != (W.shape[1],):
        raise ValueError("shapes do not fit")
    dtype = np.result_type(X, W, b)
    if dtype.kind != "f":
        dtype = np.float64
    prod = X.astype(dtype)[..., :, None] * W.astype(dtype)
    return prod.sum(axis=-2) + b.astype(dtype)


@wrong(
    "linear_logits", "not-array-like"
)  # reads X.shape before converting: list input linear_logits([[1.,0.]], W, b) raises AttributeError
def linear_logits_no_asarray(X, W, b):
    if X.shape[-1] != W.shape[0] or W.ndim != 2 or np.shape(b) != (W.shape[1],):
        raise ValueError("shapes do not fit")
    dtype = np.result_type(X, W, b)
    if dtype.kind == "c" or dtype.kind not in "biuf":
        raise ValueError("real numbers only")
    if dtype.kind != "f":
        dtype = np.float64
    return np.asarray(X, dtype) @ np.asarray(W, dtype) + np.asarray(b, dtype)


# =====================================================================================
# predict(logits)
# =====================================================================================


@right("predict")  # np.argmax along the last axis after checking real dtype, ndim >= 1, K >= 1
def predict_argmax(logits):
    z = np.asarray(logits)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"logits must be real, got {z.dtype}")
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError(f"need at least one class along the last axis, got shape {z.shape}")
    return np.argmax(z, axis=-1)


@right(
    "predict"
)  # mask of the per-row maximum (NaN treated as the maximum) and argmax of that boolean mask
def predict_mask(logits):
    z = np.asarray(logits)
    if z.dtype.kind == "m" or not (
        np.issubdtype(z.dtype, np.integer)
        or np.issubdtype(z.dtype, np.floating)
        or z.dtype == np.bool_
    ):
        raise ValueError("logits must be real numbers")
    if z.ndim < 1 or z.shape[-1] < 1:
        raise ValueError("logits need a non-empty class axis")
    if z.dtype.kind == "f":
        nan = np.isnan(z)
        has_nan = nan.any(axis=-1, keepdims=True)
        top = z == np.max(z, axis=-1, keepdims=True)
        hit = np.where(has_nan, nan, top)
    else:
        hit = z == np.max(z, axis=-1, keepdims=True)
    return np.argmax(hit, axis=-1)  # first True = lowest index


@right("predict")  # explicit Python loop over the rows, first index wins ties, first NaN wins
def predict_loop(logits):
    z = np.asarray(logits)
    if z.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    if z.ndim == 0:
        raise ValueError("a scalar has no classes")
    K = z.shape[-1]
    if K == 0:
        raise ValueError("no classes")
    rows = z.reshape(-1, K)
    out = np.empty(rows.shape[0], dtype=np.intp)
    for n in range(rows.shape[0]):
        row = rows[n]
        best = 0
        for k in range(1, K):
            if row.dtype.kind == "f" and np.isnan(row[best]):
                break
            if (row.dtype.kind == "f" and np.isnan(row[k])) or row[k] > row[best]:
                best = k
        out[n] = best
    out = out.reshape(z.shape[:-1])
    return out[()]


# ---- wrong answers -----------------------------------------------------------------


@wrong(
    "predict", "predict-flattened-argmax"
)  # argmax without axis (flattened): predict([[3.,3.,1.],[-2.,-1.,-5.]]) gives 0 (a flat index) not [0, 1]
def predict_flat(logits):
    z = np.asarray(logits)
    if z.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("no classes")
    return np.argmax(z)


@wrong(
    "predict", "predict-wrong-axis"
)  # hard-codes axis=1 (assumes a 2-D batch): predict([0.5, 2.0, -1.0]) raises AxisError; a 3-D batch is reduced over the wrong axis
def predict_axis1(logits):
    z = np.asarray(logits)
    if z.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("no classes")
    return np.argmax(z, axis=1)


@wrong(
    "predict", "predict-ignored-nan"
)  # np.nanargmax ignores NaN: predict([1., nan, 2.]) gives 2 instead of 1 (NaN counts as the largest)
def predict_nanargmax(logits):
    z = np.asarray(logits)
    if z.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("no classes")
    if z.dtype.kind == "f" and np.isnan(z).all(axis=-1).any():
        return np.argmax(z, axis=-1)
    return np.nanargmax(z, axis=-1)


@wrong(
    "predict", "predict-tie-break"
)  # scan with >= so ties go to the highest index: predict([3., 3., 1.]) gives 1 not 0
def predict_ties_last(logits):
    z = np.asarray(logits)
    if z.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("no classes")
    K = z.shape[-1]
    rows = z.reshape(-1, K)
    out = np.zeros(rows.shape[0], dtype=np.intp)
    for n, row in enumerate(rows):
        best = 0
        for k in range(K):
            if row[k] >= row[best]:
                best = k
        out[n] = best
    return out.reshape(z.shape[:-1])[()]


@wrong(
    "predict", "predict-softmax-overflow"
)  # argmax of an unshifted softmax: predict([999., 1000.]) gives 0 (exp overflows, inf/inf = nan) not 1
def predict_via_softmax(logits):
    z = np.asarray(logits)
    if z.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("no classes")
    e = np.exp(z)
    p = e / e.sum(axis=-1, keepdims=True)
    return np.argmax(p, axis=-1)


@wrong("predict", "no-value-error")  # no scalar check: predict(3.0) returns 0 instead of ValueError
def predict_no_scalar_check(logits):
    z = np.asarray(logits)
    if z.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    return np.argmax(z, axis=-1)


@wrong(
    "predict", "no-value-error"
)  # no real-number check: predict([1+0j, 2]) returns 1 instead of ValueError
def predict_no_real_check(logits):
    z = np.asarray(logits)
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("no classes")
    return np.argmax(z, axis=-1)


@wrong(
    "predict", "returned-list"
)  # returns .tolist(): predict([[3.,3.,1.],[-2.,-1.,-5.]]) is a Python list and predict([0.5,2.,-1.]) a Python int, not NumPy
def predict_tolist(logits):
    z = np.asarray(logits)
    if z.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("no classes")
    return np.argmax(z, axis=-1).tolist()


@wrong(
    "predict", "wrong-shape"
)  # keepdims=True: predict([[3.,3.,1.],[-2.,-1.,-5.]]) has shape (2,1) not (2,), and a 1-D input gives shape (1,)
def predict_keepdims(logits):
    z = np.asarray(logits)
    if z.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("no classes")
    return np.argmax(z, axis=-1, keepdims=True)


@wrong(
    "predict", "modified-input"
)  # subtracts the row max in place 'for stability' (z -= ...): a float64 array passed in is modified
def predict_inplace_shift(logits):
    z = np.asarray(logits)
    if z.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("no classes")
    if z.dtype.kind == "b":
        z = z.astype(np.int64)
    z -= z.max(axis=-1, keepdims=True)
    return np.argmax(z, axis=-1)


@wrong(
    "predict", "predict-lost-precision"
)  # casts to float32 first: predict([1.0, 1.0 + 1e-12]) collapses to a tie and gives 0 not 1
def predict_float32(logits):
    z = np.asarray(logits)
    if z.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("no classes")
    return np.argmax(z.astype(np.float32), axis=-1)


@wrong(
    "predict", "not-array-like"
)  # calls logits.argmax without np.asarray: list input predict([0.5, 2.0, -1.0]) raises AttributeError
def predict_method(logits):
    if logits.ndim == 0 or logits.shape[-1] == 0:
        raise ValueError("no classes")
    if logits.dtype.kind not in "biuf":
        raise ValueError("real logits only")
    return logits.argmax(axis=-1)


# =====================================================================================
# probability_ratio(z, i, j)
# =====================================================================================


# Correct when this round was written; the course's conventions now also say that
# float16 is computed in float32 and rounded once, which this answer does not do.
@wrong(
    "probability_ratio", "float16-sum-overflow"
)  # exp of the difference of the two columns z[..., i] - z[..., j]
def probability_ratio_diff(z, i, j):
    for name, k in (("i", i), ("j", j)):
        if not (isinstance(k, (int, np.integer)) and not isinstance(k, (bool, np.bool_))):
            raise ValueError(f"{name} must be an integer, got {k!r}")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"z must be real, got {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must be at least 1-D")
    K = z.shape[-1]
    for name, k in (("i", i), ("j", j)):
        if not -K <= k < K:
            raise ValueError(f"{name}={k} out of range for {K} classes")
    if z.dtype.kind != "f":
        z = z.astype(np.float64)
    return np.exp(z[..., i] - z[..., j])


# Correct when this round was written; the course's conventions now also say that
# float16 is computed in float32 and rounded once, which this answer does not do.
@wrong(
    "probability_ratio", "float16-sum-overflow"
)  # np.take of both classes along the last axis, then np.subtract / np.exp on the pair
def probability_ratio_take(z, i, j):
    if (
        type(i) is bool
        or type(j) is bool
        or not isinstance(i, (int, np.integer))
        or not isinstance(j, (int, np.integer))
    ):
        raise ValueError("class indices must be integers")
    arr = np.asarray(z)
    if arr.dtype.kind == "m" or not (
        np.issubdtype(arr.dtype, np.floating)
        or np.issubdtype(arr.dtype, np.integer)
        or arr.dtype == np.bool_
    ):
        raise ValueError("z must hold real numbers")
    if arr.ndim < 1:
        raise ValueError("z needs a class axis")
    K = arr.shape[-1]
    if not (-K <= int(i) < K and -K <= int(j) < K):
        raise ValueError("index out of range")
    dt = arr.dtype if np.issubdtype(arr.dtype, np.floating) else np.dtype(np.float64)
    pair = np.take(arr.astype(dt, copy=False), [int(i) % K, int(j) % K], axis=-1)
    d = np.subtract(pair[..., 0], pair[..., 1])
    return np.exp(d)[()]


# Correct when this round was written; the course's conventions now also say that
# float16 is computed in float32 and rounded once, which this answer does not do.
@wrong(
    "probability_ratio", "float16-sum-overflow"
)  # moves the class axis to the front and loops over the batch rows computing exp(z_i - z_j) row by row
def probability_ratio_loop(z, i, j):
    for k in (i, j):
        if isinstance(k, (bool, np.bool_)) or not isinstance(k, (int, np.integer)):
            raise ValueError("i and j must be integers")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must be real")
    if z.ndim == 0:
        raise ValueError("z must have a class axis")
    K = z.shape[-1]
    if i < -K or i >= K or j < -K or j >= K:
        raise ValueError("class index out of range")
    dt = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    rows = z.astype(dt).reshape(-1, K)
    out = np.empty(rows.shape[0], dtype=dt)
    for n in range(rows.shape[0]):
        out[n] = np.exp(rows[n, i] - rows[n, j])
    return out.reshape(z.shape[:-1])[()]


# ---- wrong answers -----------------------------------------------------------------


@wrong(
    "probability_ratio", "probability-ratio-overflow"
)  # forms the unshifted softmax and divides: probability_ratio([1000., 999.], 0, 1) gives nan not e
def probability_ratio_via_softmax(z, i, j):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("bad z")
    if (
        isinstance(i, (bool, np.bool_))
        or not isinstance(i, (int, np.integer))
        or isinstance(j, (bool, np.bool_))
        or not isinstance(j, (int, np.integer))
    ):
        raise ValueError("bad index")
    K = z.shape[-1]
    if not (-K <= i < K and -K <= j < K):
        raise ValueError("bad index")
    dt = z.dtype if z.dtype.kind == "f" else np.float64
    e = np.exp(z.astype(dt))
    p = e / e.sum(axis=-1, keepdims=True)
    return p[..., i] / p[..., j]


@wrong(
    "probability_ratio", "probability-ratio-via-softmax-underflow"
)  # forms the max-shifted softmax and divides: probability_ratio([0., -800., -801.], 2, 1) gives nan (0/0) not 0.3679
def probability_ratio_via_stable_softmax(z, i, j):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("bad z")
    if (
        isinstance(i, (bool, np.bool_))
        or not isinstance(i, (int, np.integer))
        or isinstance(j, (bool, np.bool_))
        or not isinstance(j, (int, np.integer))
    ):
        raise ValueError("bad index")
    K = z.shape[-1]
    if not (-K <= i < K and -K <= j < K):
        raise ValueError("bad index")
    dt = z.dtype if z.dtype.kind == "f" else np.float64
    z = z.astype(dt)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    p = e / e.sum(axis=-1, keepdims=True)
    return p[..., i] / p[..., j]


@wrong(
    "probability_ratio", "probability-ratio-overflow"
)  # exp(z_i) / exp(z_j) without taking the difference first: probability_ratio([1000., 999.], 0, 1) gives nan (inf/inf)
def probability_ratio_exp_over_exp(z, i, j):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("bad z")
    if (
        isinstance(i, (bool, np.bool_))
        or not isinstance(i, (int, np.integer))
        or isinstance(j, (bool, np.bool_))
        or not isinstance(j, (int, np.integer))
    ):
        raise ValueError("bad index")
    K = z.shape[-1]
    if not (-K <= i < K and -K <= j < K):
        raise ValueError("bad index")
    dt = z.dtype if z.dtype.kind == "f" else np.float64
    z = z.astype(dt)
    return np.exp(z[..., i]) / np.exp(z[..., j])


@wrong(
    "probability_ratio", "probability-ratio-inverted"
)  # sign slip exp(z_j - z_i): probability_ratio([2., 1., 0.], 0, 1) gives 0.3679 not 2.718
def probability_ratio_sign(z, i, j):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("bad z")
    if (
        isinstance(i, (bool, np.bool_))
        or not isinstance(i, (int, np.integer))
        or isinstance(j, (bool, np.bool_))
        or not isinstance(j, (int, np.integer))
    ):
        raise ValueError("bad index")
    K = z.shape[-1]
    if not (-K <= i < K and -K <= j < K):
        raise ValueError("bad index")
    dt = z.dtype if z.dtype.kind == "f" else np.float64
    z = z.astype(dt)
    return np.exp(z[..., j] - z[..., i])


@wrong(
    "probability_ratio", "probability-ratio-indexed-examples"
)  # indexes z[i] - z[j] (the first axis): for a batch [[0.,1.],[3.,1.]], i=1, j=0 gives [e^3, e^0] not [e, e^-2]
def probability_ratio_first_axis(z, i, j):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("bad z")
    if (
        isinstance(i, (bool, np.bool_))
        or not isinstance(i, (int, np.integer))
        or isinstance(j, (bool, np.bool_))
        or not isinstance(j, (int, np.integer))
    ):
        raise ValueError("bad index")
    K = z.shape[-1]
    if not (-K <= i < K and -K <= j < K):
        raise ValueError("bad index")
    dt = z.dtype if z.dtype.kind == "f" else np.float64
    z = z.astype(dt)
    return np.exp(z[i] - z[j])


@wrong(
    "probability_ratio", "no-value-error"
)  # no range check on i, j: probability_ratio([0.,1.,2.], 3, 0) raises IndexError instead of ValueError
def probability_ratio_no_range_check(z, i, j):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("bad z")
    if (
        isinstance(i, (bool, np.bool_))
        or not isinstance(i, (int, np.integer))
        or isinstance(j, (bool, np.bool_))
        or not isinstance(j, (int, np.integer))
    ):
        raise ValueError("bad index")
    dt = z.dtype if z.dtype.kind == "f" else np.float64
    z = z.astype(dt)
    return np.exp(z[..., i] - z[..., j])


@wrong(
    "probability_ratio", "raised-error"
)  # range check 0 <= i < K rejects Python negative indices: probability_ratio([0.,1.,2.], -1, 0) raises ValueError instead of e^2
def probability_ratio_rejects_negative(z, i, j):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("bad z")
    if (
        isinstance(i, (bool, np.bool_))
        or not isinstance(i, (int, np.integer))
        or isinstance(j, (bool, np.bool_))
        or not isinstance(j, (int, np.integer))
    ):
        raise ValueError("bad index")
    K = z.shape[-1]
    if not (0 <= i < K and 0 <= j < K):
        raise ValueError("index out of range")
    dt = z.dtype if z.dtype.kind == "f" else np.float64
    z = z.astype(dt)
    return np.exp(z[..., i] - z[..., j])


@wrong(
    "probability_ratio", "no-value-error"
)  # converts indices with int(): i=1.5 is silently truncated to 1 instead of ValueError
def probability_ratio_int_cast(z, i, j):
    i, j = int(i), int(j)
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("bad z")
    K = z.shape[-1]
    if not (-K <= i < K and -K <= j < K):
        raise ValueError("index out of range")
    dt = z.dtype if z.dtype.kind == "f" else np.float64
    z = z.astype(dt)
    return np.exp(z[..., i] - z[..., j])


@wrong(
    "probability_ratio", "wrong-dtype"
)  # np.asarray(z, dtype=float): float32 z gives a float64 ratio instead of float32
def probability_ratio_float64(z, i, j):
    z = np.asarray(z, dtype=float)
    if z.ndim == 0:
        raise ValueError("bad z")
    if (
        isinstance(i, (bool, np.bool_))
        or not isinstance(i, (int, np.integer))
        or isinstance(j, (bool, np.bool_))
        or not isinstance(j, (int, np.integer))
    ):
        raise ValueError("bad index")
    K = z.shape[-1]
    if not (-K <= i < K and -K <= j < K):
        raise ValueError("bad index")
    return np.exp(z[..., i] - z[..., j])


@wrong(
    "probability_ratio", "probability-ratio-not-vectorised"
)  # uses math.exp: a batch [[0.,1.],[3.,1.]] raises TypeError, and 1-D z returns a Python float, not a NumPy scalar
def probability_ratio_math_exp(z, i, j):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("bad z")
    if (
        isinstance(i, (bool, np.bool_))
        or not isinstance(i, (int, np.integer))
        or isinstance(j, (bool, np.bool_))
        or not isinstance(j, (int, np.integer))
    ):
        raise ValueError("bad index")
    K = z.shape[-1]
    if not (-K <= i < K and -K <= j < K):
        raise ValueError("bad index")
    return math.exp(z[..., i] - z[..., j])


@wrong(
    "probability_ratio", "no-value-error"
)  # no check for a scalar z: probability_ratio(1.0, 0, 0) raises IndexError instead of ValueError
def probability_ratio_no_scalar_check(z, i, j):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("bad z")
    if (
        isinstance(i, (bool, np.bool_))
        or not isinstance(i, (int, np.integer))
        or isinstance(j, (bool, np.bool_))
        or not isinstance(j, (int, np.integer))
    ):
        raise ValueError("bad index")
    K = z.shape[-1]
    if not (-K <= i < K and -K <= j < K):
        raise ValueError("bad index")
    dt = z.dtype if z.dtype.kind == "f" else np.float64
    z = z.astype(dt)
    return np.exp(z[..., i] - z[..., j])


@wrong(
    "probability_ratio", "no-value-error"
)  # no real-number check: complex z=[1+0j, 2] returns a complex ratio instead of ValueError
def probability_ratio_no_real_check(z, i, j):
    z = np.asarray(z)
    if z.ndim == 0:
        raise ValueError("bad z")
    if (
        isinstance(i, (bool, np.bool_))
        or not isinstance(i, (int, np.integer))
        or isinstance(j, (bool, np.bool_))
        or not isinstance(j, (int, np.integer))
    ):
        raise ValueError("bad index")
    K = z.shape[-1]
    if not (-K <= i < K and -K <= j < K):
        raise ValueError("bad index")
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    return np.exp(z[..., i] - z[..., j])


@wrong(
    "probability_ratio", "modified-input"
)  # makes class j the reference in place (z -= z[..., j, None]) and returns exp(z[..., i]): a float64 array passed in is modified
def probability_ratio_inplace(z, i, j):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("bad z")
    if (
        isinstance(i, (bool, np.bool_))
        or not isinstance(i, (int, np.integer))
        or isinstance(j, (bool, np.bool_))
        or not isinstance(j, (int, np.integer))
    ):
        raise ValueError("bad index")
    K = z.shape[-1]
    if not (-K <= i < K and -K <= j < K):
        raise ValueError("bad index")
    if z.dtype.kind != "f":
        z = z.astype(np.float64)
    z -= z[..., j, None]
    return np.exp(z[..., i])


# =====================================================================================
# logits_from_probabilities(p)
# =====================================================================================


@right(
    "logits_from_probabilities"
)  # log p minus its mean along the last axis; positivity and dtype-dependent sum checks
def logits_from_probabilities_mean(p):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf":
        raise ValueError(f"p must be real, got {p.dtype}")
    if p.ndim == 0:
        raise ValueError("p must have a class axis")
    if p.dtype.kind != "f":
        p = p.astype(np.float64)
    if not np.all(p > 0):
        raise ValueError("every probability must be > 0")
    acc = np.float32 if p.dtype == np.float16 else p.dtype
    tol = max(1e-6, float(np.sqrt(np.finfo(p.dtype).eps)))
    s = p.sum(axis=-1, dtype=acc)
    if not np.all(np.abs(s - 1) <= tol):
        raise ValueError("p must sum to 1 along the last axis")
    logp = np.log(p)
    return logp - logp.mean(axis=-1, keepdims=True)


@right(
    "logits_from_probabilities"
)  # centres with sum(log p) / K accumulated in float64 (rounded once to the input dtype); checks with np.isfinite / np.less_equal
def logits_from_probabilities_sum(p):
    arr = np.asarray(p)
    if arr.dtype.kind == "m" or not (
        np.issubdtype(arr.dtype, np.floating)
        or np.issubdtype(arr.dtype, np.integer)
        or arr.dtype == np.bool_
    ):
        raise ValueError("p must hold real numbers")
    if arr.ndim < 1:
        raise ValueError("p must be at least 1-D")
    dt = arr.dtype if np.issubdtype(arr.dtype, np.floating) else np.dtype(np.float64)
    arr = arr.astype(dt, copy=False)
    bad = ~(arr > 0)  # catches 0, negatives and NaN
    if bad.any():
        raise ValueError("probabilities must be strictly positive")
    total = np.sum(arr, axis=-1, dtype=np.float64 if dt != np.longdouble else dt)
    tol = max(1e-6, np.finfo(dt).eps ** 0.5)
    if not (np.isfinite(total).all() and (np.abs(total - 1.0) <= tol).all()):
        raise ValueError("each slice of p must sum to 1")
    K = arr.shape[-1]
    work = np.float64 if dt != np.longdouble else dt
    logp = np.log(arr.astype(work))
    centred = logp - (logp.sum(axis=-1, keepdims=True) / K)
    return centred.astype(dt)


@right(
    "logits_from_probabilities"
)  # Python loop over the slices with math.log and math.fsum, written into an array of the input dtype
def logits_from_probabilities_loop(p):
    arr = np.asarray(p)
    if arr.dtype.kind not in "biuf":
        raise ValueError("p must be real")
    if arr.ndim == 0:
        raise ValueError("p must have a class axis")
    dt = arr.dtype if arr.dtype.kind == "f" else np.dtype(np.float64)
    arr = arr.astype(dt)
    K = arr.shape[-1]
    tol = max(1e-6, math.sqrt(float(np.finfo(dt).eps)))
    rows = arr.reshape(-1, K)
    out = np.empty(rows.shape, dtype=dt)
    for n in range(rows.shape[0]):
        row = [float(v) for v in rows[n]]
        for v in row:
            if not v > 0:
                raise ValueError(f"probability {v} is not > 0")
        s = math.fsum(row)
        if not abs(s - 1.0) <= tol:
            raise ValueError(f"a slice sums to {s}, not 1")
        logs = [math.log(v) for v in row]
        mean = math.fsum(logs) / K
        out[n] = [v - mean for v in logs]
    return out.reshape(arr.shape)


# ---- wrong answers -----------------------------------------------------------------


@wrong(
    "logits_from_probabilities", "inverse-softmax-not-centred"
)  # returns log p without centring: [0.25, 0.25, 0.5] gives [-1.386, -1.386, -0.693], mean not 0
def logits_from_probabilities_no_centre(p):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf" or p.ndim == 0:
        raise ValueError("bad p")
    if p.dtype.kind != "f":
        p = p.astype(np.float64)
    if not np.all(p > 0):
        raise ValueError("p must be > 0")
    tol = max(1e-6, np.sqrt(np.finfo(p.dtype).eps))
    if np.any(
        np.abs(p.sum(axis=-1, dtype=np.float32 if p.dtype == np.float16 else None) - 1) > tol
    ):
        raise ValueError("p must sum to 1")
    return np.log(p)


@wrong(
    "logits_from_probabilities", "inverse-softmax-not-centred"
)  # shifts by the max of log p instead of the mean: [0.25, 0.25, 0.5] gives [-0.693, -0.693, 0], not zero-mean
def logits_from_probabilities_max_shift(p):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf" or p.ndim == 0:
        raise ValueError("bad p")
    if p.dtype.kind != "f":
        p = p.astype(np.float64)
    if not np.all(p > 0):
        raise ValueError("p must be > 0")
    tol = max(1e-6, np.sqrt(np.finfo(p.dtype).eps))
    if np.any(
        np.abs(p.sum(axis=-1, dtype=np.float32 if p.dtype == np.float16 else None) - 1) > tol
    ):
        raise ValueError("p must sum to 1")
    logp = np.log(p)
    return logp - logp.max(axis=-1, keepdims=True)


@wrong(
    "logits_from_probabilities", "inverse-softmax-centred-over-whole-array"
)  # subtracts the mean of the whole array: for [[0.25,0.25,0.5],[0.1,0.2,0.7]] the rows do not each have zero mean
def logits_from_probabilities_global_mean(p):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf" or p.ndim == 0:
        raise ValueError("bad p")
    if p.dtype.kind != "f":
        p = p.astype(np.float64)
    if not np.all(p > 0):
        raise ValueError("p must be > 0")
    tol = max(1e-6, np.sqrt(np.finfo(p.dtype).eps))
    if np.any(
        np.abs(p.sum(axis=-1, dtype=np.float32 if p.dtype == np.float16 else None) - 1) > tol
    ):
        raise ValueError("p must sum to 1")
    logp = np.log(p)
    return logp - logp.mean()


@wrong(
    "logits_from_probabilities", "missing-keepdims"
)  # mean without keepdims: for [[0.5,0.5],[0.2,0.8]] the row means broadcast along columns (wrong values); (2,3) input raises
def logits_from_probabilities_no_keepdims(p):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf" or p.ndim == 0:
        raise ValueError("bad p")
    if p.dtype.kind != "f":
        p = p.astype(np.float64)
    if not np.all(p > 0):
        raise ValueError("p must be > 0")
    tol = max(1e-6, np.sqrt(np.finfo(p.dtype).eps))
    if np.any(
        np.abs(p.sum(axis=-1, dtype=np.float32 if p.dtype == np.float16 else None) - 1) > tol
    ):
        raise ValueError("p must sum to 1")
    logp = np.log(p)
    return logp - logp.mean(axis=-1)


@wrong(
    "logits_from_probabilities", "no-value-error"
)  # checks p < 0 instead of p <= 0: [0.5, 0.5, 0.0] returns -inf/nan logits instead of ValueError
def logits_from_probabilities_allows_zero(p):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf" or p.ndim == 0:
        raise ValueError("bad p")
    if p.dtype.kind != "f":
        p = p.astype(np.float64)
    if np.any(p < 0):
        raise ValueError("p must be non-negative")
    tol = max(1e-6, np.sqrt(np.finfo(p.dtype).eps))
    if np.any(
        np.abs(p.sum(axis=-1, dtype=np.float32 if p.dtype == np.float16 else None) - 1) > tol
    ):
        raise ValueError("p must sum to 1")
    logp = np.log(p)
    return logp - logp.mean(axis=-1, keepdims=True)


@wrong(
    "logits_from_probabilities", "no-value-error"
)  # checks np.any(p <= 0) and np.any(|sum-1| > tol): both are False for NaN, so [0.5, nan, 0.5] returns NaN instead of ValueError
def logits_from_probabilities_nan_passes(p):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf" or p.ndim == 0:
        raise ValueError("bad p")
    if p.dtype.kind != "f":
        p = p.astype(np.float64)
    if np.any(p <= 0):
        raise ValueError("p must be > 0")
    tol = max(1e-6, np.sqrt(np.finfo(p.dtype).eps))
    if np.any(
        np.abs(p.sum(axis=-1, dtype=np.float32 if p.dtype == np.float16 else None) - 1) > tol
    ):
        raise ValueError("p must sum to 1")
    logp = np.log(p)
    return logp - logp.mean(axis=-1, keepdims=True)


@wrong(
    "logits_from_probabilities", "no-value-error"
)  # never checks the sum: [0.5, 0.25] returns logits instead of ValueError
def logits_from_probabilities_no_sum_check(p):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf" or p.ndim == 0:
        raise ValueError("bad p")
    if p.dtype.kind != "f":
        p = p.astype(np.float64)
    if not np.all(p > 0):
        raise ValueError("p must be > 0")
    logp = np.log(p)
    return logp - logp.mean(axis=-1, keepdims=True)


@wrong(
    "logits_from_probabilities", "inverse-softmax-rejects-valid-probabilities"
)  # sum check with np.allclose defaults (rtol 1e-5): float64 [0.5, 0.50001] (sum off by 1e-5 > 1e-6) is accepted instead of ValueError
def logits_from_probabilities_allclose(p):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf" or p.ndim == 0:
        raise ValueError("bad p")
    if p.dtype.kind != "f":
        p = p.astype(np.float64)
    if not np.all(p > 0):
        raise ValueError("p must be > 0")
    if not np.allclose(p.sum(axis=-1), 1.0):
        raise ValueError("p must sum to 1")
    logp = np.log(p)
    return logp - logp.mean(axis=-1, keepdims=True)


@wrong(
    "logits_from_probabilities", "inverse-softmax-rejects-valid-probabilities"
)  # fixed tolerance 1e-6 for every dtype: float32 [0.5, 0.5001] (off by 1e-4 < 3.5e-4) raises ValueError on valid input
def logits_from_probabilities_fixed_tol(p):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf" or p.ndim == 0:
        raise ValueError("bad p")
    if p.dtype.kind != "f":
        p = p.astype(np.float64)
    if not np.all(p > 0):
        raise ValueError("p must be > 0")
    if np.any(np.abs(p.sum(axis=-1) - 1) > 1e-6):
        raise ValueError("p must sum to 1")
    logp = np.log(p)
    return logp - logp.mean(axis=-1, keepdims=True)


@wrong(
    "logits_from_probabilities", "inverse-softmax-rejects-valid-probabilities"
)  # checks the sum of the whole array: a valid batch [[0.5,0.5],[0.2,0.8]] (total 2) raises ValueError
def logits_from_probabilities_global_sum(p):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf" or p.ndim == 0:
        raise ValueError("bad p")
    if p.dtype.kind != "f":
        p = p.astype(np.float64)
    if not np.all(p > 0):
        raise ValueError("p must be > 0")
    tol = max(1e-6, np.sqrt(np.finfo(p.dtype).eps))
    if abs(p.sum() - 1) > tol:
        raise ValueError("p must sum to 1")
    logp = np.log(p)
    return logp - logp.mean(axis=-1, keepdims=True)


@wrong(
    "logits_from_probabilities", "wrong-dtype"
)  # computes in float64 (np.asarray(p, dtype=float)) and never casts back: float32 p gives float64 logits instead of float32
def logits_from_probabilities_float64(p):
    given = np.asarray(p)
    if given.dtype.kind not in "biuf" or given.ndim == 0:
        raise ValueError("bad p")
    tol = max(1e-6, np.sqrt(np.finfo(given.dtype).eps)) if given.dtype.kind == "f" else 1e-6
    p = np.asarray(given, dtype=float)
    if not np.all(p > 0):
        raise ValueError("p must be > 0")
    if np.any(np.abs(p.sum(axis=-1) - 1) > tol):
        raise ValueError("p must sum to 1")
    logp = np.log(p)
    return logp - logp.mean(axis=-1, keepdims=True)


@wrong(
    "logits_from_probabilities", "float16-sum-overflow"
)  # mean as log p .sum(-1) / K in the input dtype: float16 uniform p with K=8000 sums to -inf, giving inf logits instead of zeros
def logits_from_probabilities_f16_sum(p):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf" or p.ndim == 0:
        raise ValueError("bad p")
    if p.dtype.kind != "f":
        p = p.astype(np.float64)
    if not np.all(p > 0):
        raise ValueError("p must be > 0")
    tol = max(1e-6, np.sqrt(np.finfo(p.dtype).eps))
    if np.any(
        np.abs(p.sum(axis=-1, dtype=np.float32 if p.dtype == np.float16 else None) - 1) > tol
    ):
        raise ValueError("p must sum to 1")
    logp = np.log(p)
    K = p.shape[-1]
    return logp - logp.sum(axis=-1, keepdims=True) / K


@wrong(
    "logits_from_probabilities", "modified-input"
)  # np.log(p, out=p) to save memory: a float64 array passed in is overwritten with its logarithm
def logits_from_probabilities_inplace_log(p):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf" or p.ndim == 0:
        raise ValueError("bad p")
    if p.dtype.kind != "f":
        p = p.astype(np.float64)
    if not np.all(p > 0):
        raise ValueError("p must be > 0")
    tol = max(1e-6, np.sqrt(np.finfo(p.dtype).eps))
    if np.any(
        np.abs(p.sum(axis=-1, dtype=np.float32 if p.dtype == np.float16 else None) - 1) > tol
    ):
        raise ValueError("p must sum to 1")
    np.log(p, out=p)
    return p - p.mean(axis=-1, keepdims=True)
