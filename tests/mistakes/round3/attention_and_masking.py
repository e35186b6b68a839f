"""Held-out answers (set B) for notebook 07 attention and masking."""

import numpy as np

from tests.mistakes import right, wrong


def _f(x, name="z"):
    a = np.asarray(x)
    if a.dtype.kind not in "biuf":
        raise ValueError(f"{name} must hold real numbers")
    if a.dtype.kind in "biu":
        a = a.astype(np.float64)
    return a


def _work(dt):
    return np.dtype(np.float32) if dt == np.float16 else dt


def _is_int(v):
    return isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_))


def _msm(s, M, axis=-1, slip=None):
    """softmax of s over allowed M (both arrays of the same shape) along axis."""
    with np.errstate(invalid="ignore", over="ignore"):
        if slip == "fill_neg":
            s2 = np.where(M, s, -1e9)
            m = np.max(s2, axis=axis, keepdims=True, initial=-np.inf)
            e = np.exp(s2 - m)
        else:
            s2 = np.where(M, s, -np.inf) if slip != "mul_mask" else s
            if slip == "max_all":
                m = np.max(s, axis=axis, keepdims=True, initial=-np.inf)
            else:
                m = np.max(np.where(M, s, -np.inf), axis=axis, keepdims=True, initial=-np.inf)
            if slip != "no_standin":
                m = np.where(np.isneginf(m), 0, m)
            if slip == "mul_mask":
                e = np.exp(s2 - m) * M
            else:
                e = np.exp(s2 - m)
        tot = np.sum(e, axis=axis, keepdims=True)
        if slip == "no_standin":
            return e / tot
        return np.where(tot == 0, 0, e / np.where(tot == 0, 1, tot))


def _qkv(Q, K, V):
    Q, K, V = _f(Q, "Q"), _f(K, "K"), _f(V, "V")
    for a, n in ((Q, "Q"), (K, "K"), (V, "V")):
        if a.ndim < 2:
            raise ValueError(f"{n} must have at least 2 dimensions")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same feature size")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("V must have one row per key")
    batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    return Q, K, V, batch


def _mask(mask, shape, slip=None):
    if mask is None:
        return None
    M = np.asarray(mask)
    if slip == "int_mask":
        M = M.astype(bool)
    if M.dtype != bool:
        raise ValueError("mask must be boolean")
    if slip == "enlarge":
        return M
    if np.broadcast_shapes(M.shape, shape) != tuple(shape):
        raise ValueError("mask does not broadcast to the scores' shape")
    return np.broadcast_to(M, shape)


# ---------------------------------------------------------------- scaled_dot_product_attention
def _sdpa(Q, K, V, mask=None, slip=None):
    Q, K, V, batch = _qkv(Q, K, V)
    dt = np.result_type(Q, K, V)
    w = dt if slip == "f16" else _work(dt)
    Qw, Kw, Vw = Q.astype(w), K.astype(w), V.astype(w)
    d_k = Q.shape[-1]
    if slip == "K_T":
        raw = Qw @ Kw.T
    else:
        raw = Qw @ np.swapaxes(Kw, -1, -2)
    if slip == "scale_dk":
        scores = raw / w.type(d_k)
    elif slip == "f64_scale":
        scores = raw / np.sqrt(d_k)
    else:
        scores = raw / w.type(np.sqrt(d_k))
    M = _mask(mask, scores.shape, slip)
    if M is None:
        M = np.ones(scores.shape, dtype=bool)
    Mb = np.broadcast_to(M, np.broadcast_shapes(M.shape, scores.shape))
    scores = np.broadcast_to(scores, Mb.shape)
    weights = _msm(scores, Mb, -1, slip if slip in ("fill_neg", "max_all") else None)
    Vb = np.broadcast_to(Vw, Mb.shape[:-2] + Vw.shape[-2:]) if Mb.ndim >= Vw.ndim else Vw
    with np.errstate(invalid="ignore", over="ignore"):
        if slip == "nan_values" or np.all(np.isfinite(Vw)):
            out = weights @ Vw
        else:
            contrib = np.where(Mb[..., None], weights[..., None] * Vb[..., None, :, :], 0)
            out = contrib.sum(axis=-2)
    if slip == "f64_scale":
        return out, weights
    return out.astype(dt), weights.astype(dt)


@right(
    "scaled_dot_product_attention"
)  # masked softmax over allowed keys, masked values excluded via np.where
def sdpa_ok(Q, K, V, mask=None):
    return _sdpa(Q, K, V, mask)


@right(
    "scaled_dot_product_attention"
)  # np.divide(where=) for the normaliser, weighted sum over an explicit (n_q, n_k, d_v) product with masked values zeroed
def sdpa_ok2(Q, K, V, mask=None):
    arrs = []
    for a, n in ((Q, "Q"), (K, "K"), (V, "V")):
        a = np.asarray(a)
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{n} must be real")
        if a.ndim < 2:
            raise ValueError(f"{n} must be at least 2-D")
        arrs.append(a.astype(np.float64) if a.dtype.kind != "f" else a)
    Q, K, V = arrs
    if Q.shape[-1] == 0 or K.shape[-1] != Q.shape[-1] or V.shape[-2] != K.shape[-2]:
        raise ValueError("Q, K, V shapes do not fit")
    np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    out_dt = np.result_type(Q, K, V)
    work = np.dtype(np.float32 if out_dt == np.float16 else out_dt).type
    Q, K, V = Q.astype(work), K.astype(work), V.astype(work)
    S = Q @ np.swapaxes(K, -1, -2) / work(np.sqrt(Q.shape[-1]))
    if mask is None:
        allow = np.ones(S.shape, dtype=bool)
    else:
        allow = np.asarray(mask)
        if allow.dtype != np.bool_:
            raise ValueError("mask must be boolean")
        try:
            full = np.broadcast_shapes(allow.shape, S.shape)
        except ValueError:
            raise ValueError("mask does not broadcast to the scores")
        if full != S.shape:
            raise ValueError("mask would enlarge the scores")
        allow = np.broadcast_to(allow, S.shape)
    with np.errstate(invalid="ignore", over="ignore"):
        Sm = np.where(allow, S, -np.inf)
        top = Sm.max(axis=-1, keepdims=True, initial=-np.inf)
        top = np.where(top == -np.inf, 0, top)
        E = np.where(allow, np.exp(Sm - top), 0)
        Z = E.sum(axis=-1, keepdims=True)
        Wt = np.divide(E, Z, out=np.zeros_like(E), where=(Z != 0))
        Wt = np.where(np.isnan(Z), np.nan, Wt)
        Vbig = np.broadcast_to(V, S.shape[:-2] + V.shape[-2:])
        prod = np.where(allow[..., :, :, None], Wt[..., :, :, None] * Vbig[..., None, :, :], 0)
        out = prod.sum(axis=-2)
    return out.astype(out_dt), Wt.astype(out_dt)


@wrong(
    "scaled_dot_product_attention", "attention-scaled-by-d"
)  # divides the scores by d_k instead of sqrt(d_k): the docstring example (d_k=4) gives weights [0.634, 0.366] instead of [0.75, 0.25]
def sdpa_w1(Q, K, V, mask=None):
    return _sdpa(Q, K, V, mask, slip="scale_dk")


@wrong(
    "scaled_dot_product_attention", "fully-masked-row-uniform"
)  # masks by filling -1e9: the example with mask=[[False, False]] gives uniform weights [0.5, 0.5] instead of zeros
def sdpa_w2(Q, K, V, mask=None):
    return _sdpa(Q, K, V, mask, slip="fill_neg")


@wrong(
    "scaled_dot_product_attention", "masked-value-leaks"
)  # output = weights @ V: masked value [nan, inf] (V_bad example with mask [[True, False]]) gives NaN instead of [[4, 0]]
def sdpa_w3(Q, K, V, mask=None):
    return _sdpa(Q, K, V, mask, slip="nan_values")


@wrong(
    "scaled_dot_product_attention", "mask-after-softmax-renormalised"
)  # row max taken over all scores, masked included: Q=[[1]], K=[[1000],[0]], V=[[1],[2]], mask=[[False, True]] gives zero weights instead of [0, 1]
def sdpa_w4(Q, K, V, mask=None):
    return _sdpa(Q, K, V, mask, slip="max_all")


@wrong(
    "scaled_dot_product_attention", "no-value-error"
)  # casts the mask with astype(bool): an integer mask [[1, 0]] is accepted instead of ValueError
def sdpa_w5(Q, K, V, mask=None):
    return _sdpa(Q, K, V, mask, slip="int_mask")


@wrong(
    "scaled_dot_product_attention", "no-value-error"
)  # lets the mask enlarge the scores: Q (1,4), K (2,4), mask of shape (3,1,2) gives a (3,1,2) result instead of ValueError
def sdpa_w6(Q, K, V, mask=None):
    return _sdpa(Q, K, V, mask, slip="enlarge")


@wrong(
    "scaled_dot_product_attention", "masking-float16-sum"
)  # float16 computed in float16: Q=[[300]], K=[[300],[0]], V=[[1],[2]] float16 overflow the score 90000 and give NaN instead of output [[1]]
def sdpa_w7(Q, K, V, mask=None):
    return _sdpa(Q, K, V, mask, slip="f16")


@wrong(
    "scaled_dot_product_attention", "wrong-dtype"
)  # divides by np.sqrt(d_k), a float64 NumPy scalar: float32 Q, K, V give float64 output and weights
def sdpa_w8(Q, K, V, mask=None):
    return _sdpa(Q, K, V, mask, slip="f64_scale")


@wrong(
    "scaled_dot_product_attention", "attention-key-transpose"
)  # K.T instead of swapaxes(K, -1, -2): batched Q, K, V of shape (2, 3, 4) raise instead of attending per batch
def sdpa_w9(Q, K, V, mask=None):
    return _sdpa(Q, K, V, mask, slip="K_T")


# ---------------------------------------------------------------- causal_mask
def _causal(n, slip=None):
    if slip == "float_n":
        if isinstance(n, bool) or int(n) != n:
            raise ValueError("n must be an integer")
        n = int(n)
    elif slip == "bool_n":
        if not isinstance(n, (int, np.integer)):
            raise ValueError("n must be an integer")
    elif slip == "py_int_only":
        if not isinstance(n, int) or isinstance(n, bool):
            raise ValueError("n must be an integer")
    elif not _is_int(n):
        raise ValueError("n must be an integer")
    if (n <= 0) if slip == "zero_reject" else (n < 0):
        raise ValueError("n must be >= 0")
    n = int(n)
    if slip == "strict":
        return np.tril(np.ones((n, n), dtype=bool), k=-1)
    if slip == "float_dtype":
        return np.tril(np.ones((n, n)))
    return np.tril(np.ones((n, n), dtype=bool))


@right("causal_mask")  # np.tril of a boolean ones matrix
def cm_ok(n):
    return _causal(n)


@right("causal_mask")  # broadcast comparison of row and column indices
def cm_ok2(n):
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise ValueError(f"n must be an integer, got {n!r}")
    if n < 0:
        raise ValueError("n must be non-negative")
    i = np.arange(int(n))
    return i[:, None] >= i[None, :]


@wrong(
    "causal_mask", "causal-mask-excludes-diagonal"
)  # np.tril(..., k=-1) leaves out the diagonal: causal_mask(2)[0, 0] is False instead of True
def cm_w1(n):
    return _causal(n, slip="strict")


@wrong(
    "causal_mask", "mask-not-boolean"
)  # np.tril(np.ones((n, n))) is float64, not boolean: causal_mask(3).dtype is float64
def cm_w2(n):
    return _causal(n, slip="float_dtype")


@wrong(
    "causal_mask", "no-value-error"
)  # accepts whole floats via int(n): n=3.0 returns a mask instead of ValueError
def cm_w3(n):
    return _causal(n, slip="float_n")


@wrong(
    "causal_mask", "no-value-error"
)  # isinstance(n, (int, np.integer)) lets bool through: n=True returns a (1, 1) mask instead of ValueError
def cm_w4(n):
    return _causal(n, slip="bool_n")


@wrong(
    "causal_mask", "raised-error"
)  # accepts only Python int: n=np.int64(3) raises instead of returning the (3, 3) mask
def cm_w5(n):
    return _causal(n, slip="py_int_only")


@wrong(
    "causal_mask", "raised-error"
)  # rejects n <= 0: n=0 raises instead of returning an empty (0, 0) mask
def cm_w6(n):
    return _causal(n, slip="zero_reject")


# ---------------------------------------------------------------- padding_mask
def _padding(lengths, n, slip=None):
    if slip == "float_n":
        if isinstance(n, bool) or int(n) != n or n < 0:
            raise ValueError("n must be a non-negative integer")
        n = int(n)
    elif not _is_int(n) or n < 0:
        raise ValueError("n must be a non-negative integer")
    L = np.asarray(lengths)
    if slip == "atleast1d":
        L = np.atleast_1d(L)
    if L.ndim != 1 and slip != "no_ndim":
        raise ValueError("lengths must be 1-D")
    if L.size:
        ok = "iub" if slip == "bool_lengths" else ("iuf" if slip == "float_lengths" else "iu")
        if L.dtype.kind not in ok:
            raise ValueError("lengths must be integers")
        if slip == "float_lengths" and np.any(L != np.floor(L)):
            raise ValueError("lengths must be whole numbers")
        if np.any(L < 0) or (slip != "no_upper" and np.any(L > n)):
            raise ValueError("lengths must lie in [0, n]")
    elif L.dtype.kind not in "iuf":
        raise ValueError("lengths must be integers")
    pos = np.arange(n)
    if slip == "le":
        return pos <= L[..., None]
    return pos < L[..., None]


@right("padding_mask")  # arange(n) < lengths[:, None]
def pm_ok(lengths, n):
    return _padding(lengths, n)


@right("padding_mask")  # fills rows one sequence at a time
def pm_ok2(lengths, n):
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError("n must be a non-negative integer")
    L = np.asarray(lengths)
    if L.ndim != 1:
        raise ValueError("lengths must be a 1-D array")
    if L.size and L.dtype.kind not in "iu":
        raise ValueError("lengths must hold integers")
    out = np.zeros((L.shape[0], int(n)), dtype=bool)
    for i, length in enumerate(L.tolist()):
        if not 0 <= length <= n:
            raise ValueError(f"length {length} outside [0, {n}]")
        out[i, : int(length)] = True
    return out


@wrong(
    "padding_mask", "padding-mask-off-by-one"
)  # uses <= instead of <: padding_mask([2, 0, 3], 3) marks position 2 of the first row and position 0 of the second as real
def pm_w1(lengths, n):
    return _padding(lengths, n, slip="le")


@wrong(
    "padding_mask", "no-value-error"
)  # no check length <= n: padding_mask([4], 3) returns all True instead of ValueError
def pm_w2(lengths, n):
    return _padding(lengths, n, slip="no_upper")


@wrong(
    "padding_mask", "no-value-error"
)  # accepts whole-number float lengths: padding_mask([2.0, 1.0], 3) returns a mask instead of ValueError
def pm_w3(lengths, n):
    return _padding(lengths, n, slip="float_lengths")


@wrong(
    "padding_mask", "no-value-error"
)  # accepts boolean lengths: padding_mask([True, False], 2) returns a mask instead of ValueError
def pm_w4(lengths, n):
    return _padding(lengths, n, slip="bool_lengths")


@wrong(
    "padding_mask", "no-value-error"
)  # no 1-D check: padding_mask([[1, 2]], 3) returns a (1, 2, 3) array instead of ValueError
def pm_w5(lengths, n):
    return _padding(lengths, n, slip="no_ndim")


@wrong(
    "padding_mask", "no-value-error"
)  # np.atleast_1d on lengths: a scalar padding_mask(2, 3) returns shape (1, 3) instead of ValueError
def pm_w6(lengths, n):
    return _padding(lengths, n, slip="atleast1d")


@wrong(
    "padding_mask", "no-value-error"
)  # accepts a whole-float n via int(n): padding_mask([1, 2], 3.0) returns a mask instead of ValueError
def pm_w7(lengths, n):
    return _padding(lengths, n, slip="float_n")


# ---------------------------------------------------------------- masked_softmax
def _masked(scores, mask, axis=-1, slip=None):
    s = _f(scores, "scores")
    if not _is_int(axis):
        raise ValueError("axis must be an integer")
    if not -s.ndim <= axis < max(s.ndim, 1) or s.ndim == 0:
        raise ValueError("axis out of range")
    if mask is None and slip == "none_reject":
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError("mask must be boolean")
    M = _mask(mask, s.shape, slip if slip in ("int_mask", "enlarge") else None)
    dt = s.dtype
    w = s.astype(_work(dt))
    if M is None:
        M = np.ones(w.shape, dtype=bool)
    shape = np.broadcast_shapes(M.shape, w.shape)
    w = np.broadcast_to(w, shape)
    M = np.broadcast_to(M, shape)
    return _msm(w, M, axis, slip).astype(dt)


@right(
    "masked_softmax"
)  # np.where(mask, s, -inf), max over allowed entries with a 0 stand-in, zero-safe division
def ms_ok(scores, mask, axis=-1):
    return _masked(scores, mask, axis)


@right(
    "masked_softmax"
)  # moveaxis to last, exp only of the allowed entries through boolean indexing
def ms_ok2(scores, mask, axis=-1):
    s = np.asarray(scores)
    if s.dtype.kind not in "biuf":
        raise ValueError("scores must be real")
    s = s.astype(np.float64) if s.dtype.kind != "f" else s
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise ValueError("axis must be an integer")
    if s.ndim == 0 or not -s.ndim <= axis < s.ndim:
        raise ValueError("axis out of range")
    if mask is None:
        allow = np.ones(s.shape, dtype=bool)
    else:
        allow = np.asarray(mask)
        if allow.dtype != bool:
            raise ValueError("mask must be boolean")
        try:
            allow = np.broadcast_to(allow, s.shape)
        except ValueError:
            raise ValueError("mask does not broadcast to scores.shape")
    out_dt = s.dtype
    work = np.float32 if out_dt == np.float16 else out_dt
    a = np.moveaxis(s.astype(work), axis, -1)
    al = np.moveaxis(allow, axis, -1)
    res = np.zeros(a.shape, dtype=work)
    a2 = (
        a.reshape(-1, a.shape[-1]) if a.size else a.reshape(int(np.prod(a.shape[:-1])), a.shape[-1])
    )
    al2 = al.reshape(a2.shape)
    r2 = res.reshape(a2.shape)
    with np.errstate(invalid="ignore", over="ignore"):
        for i in range(a2.shape[0]):
            vals = a2[i][al2[i]]
            if vals.size == 0:
                continue
            top = vals.max()
            if top == -np.inf:
                continue
            ex = np.exp(vals - top)
            r2[i][al2[i]] = ex / ex.sum()
    return np.moveaxis(r2.reshape(a.shape), -1, axis).astype(out_dt)


@wrong(
    "masked_softmax", "fully-masked-row-uniform"
)  # fills masked scores with -1e9: the docstring's fully masked second row gives 0.25 everywhere instead of zeros
def ms_w1(scores, mask, axis=-1):
    return _masked(scores, mask, axis, slip="fill_neg")


@wrong(
    "masked_softmax", "mask-after-softmax-renormalised"
)  # subtracts the max over all entries, masked included: [[1000, 0]] with mask [[False, True]] gives [0, 0] instead of [0, 1]
def ms_w2(scores, mask, axis=-1):
    return _masked(scores, mask, axis, slip="max_all")


@wrong(
    "masked_softmax", "mask-none-not-handled"
)  # requires a boolean array, so mask=None raises instead of meaning no mask: [1, 2] with None
def ms_w3(scores, mask, axis=-1):
    return _masked(scores, mask, axis, slip="none_reject")


@wrong(
    "masked_softmax", "no-value-error"
)  # casts the mask with astype(bool): an integer mask [1, 0] is accepted instead of ValueError
def ms_w4(scores, mask, axis=-1):
    return _masked(scores, mask, axis, slip="int_mask")


@wrong(
    "masked_softmax", "no-value-error"
)  # lets the mask enlarge the scores: scores of shape (3,) with a (2, 3) mask give a (2, 3) result instead of ValueError
def ms_w5(scores, mask, axis=-1):
    return _masked(scores, mask, axis, slip="enlarge")


@wrong(
    "masked_softmax", "fully-masked-row-nan"
)  # no stand-in when every allowed score is -inf: [-inf, -inf, 0] with mask [True, True, False] gives NaN instead of zeros
def ms_w6(scores, mask, axis=-1):
    return _masked(scores, mask, axis, slip="no_standin")


@wrong(
    "masked_softmax", "mask-after-softmax-renormalised"
)  # masks by multiplying exp(s - m) by the mask: a masked NaN score gives NaN*0; [nan, 0] with mask [False, True] gives [nan, nan] instead of [0, 1]
def ms_w7(scores, mask, axis=-1):
    return _masked(scores, mask, axis, slip="mul_mask")


# ---------------------------------------------------------------- online_softmax
def _online(z, block_size, slip=None):
    if slip == "empty_like_int":
        za = np.asarray(z)
        if za.dtype.kind not in "biuf":
            raise ValueError("z must be real")
        z = za
    else:
        z = _f(z)
    if slip == "float_bs":
        if isinstance(block_size, bool) or int(block_size) != block_size or block_size < 1:
            raise ValueError("block_size must be an integer >= 1")
        block_size = int(block_size)
    elif not _is_int(block_size) or block_size < 1:
        raise ValueError("block_size must be an integer >= 1")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    dt = z.dtype
    w = z if slip == "f16" else z.astype(_work(dt) if dt.kind == "f" else np.float64)
    K = w.shape[-1]
    bshape = w.shape[:-1]
    m = np.full(bshape, -np.inf, dtype=w.dtype)
    l = np.zeros(bshape, dtype=w.dtype)

    def standin(v):
        if slip == "isfinite_standin":
            return np.where(np.isfinite(v), v, 0)
        if slip == "no_standin":
            return v
        return np.where(np.isneginf(v), 0, v)

    with np.errstate(invalid="ignore", over="ignore"):
        for s in range(0, K, block_size):
            blk = w[..., s : s + block_size]
            if slip == "first_max" and s > 0:
                m_new = m
            else:
                m_new = np.maximum(m, np.max(blk, axis=-1))
            ms_old, ms = standin(m), standin(m_new)
            add = np.sum(np.exp(blk - ms[..., None]), axis=-1)
            if slip == "no_rescale":
                l = l + add
            else:
                l = l * np.exp(ms_old - ms) + add
            m = m_new
        ms = standin(m)
        e = np.exp(w - ms[..., None])
        lb = l[..., None]
        if slip == "no_standin":
            p = e / lb
        else:
            p = np.where(lb == 0, 0, e / np.where(lb == 0, 1, lb))
    if slip == "empty_like_int":
        out = np.empty_like(z)
        out[...] = p
        return out
    return p.astype(dt)


# Meant as correct, but it breaks the contract (see the message of its check).
@wrong(
    "online_softmax", "online-softmax-empty-rescale", visible=True
)  # vectorised over batch, running max and rescaled running sum per block
def os_ok(z, block_size):
    return _online(z, block_size)


# Meant as correct, but it breaks the contract (see the message of its check).
@wrong(
    "online_softmax", "online-softmax-empty-rescale", visible=True
)  # row-by-row Python loop, scalar running max/sum per row, block at a time
def os_ok2(z, block_size):
    a = np.asarray(z)
    if a.dtype.kind not in "biuf":
        raise ValueError("z must be real")
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError("block_size must be an integer >= 1")
    if a.ndim == 0:
        raise ValueError("z must be at least 1-D")
    out_dt = a.dtype if a.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32 if out_dt == np.float16 else out_dt).type
    a = a.astype(work)
    rows = a.reshape(int(np.prod(a.shape[:-1])), a.shape[-1])
    res = np.zeros(rows.shape, dtype=work)
    bs = int(block_size)
    with np.errstate(invalid="ignore", over="ignore"):
        for i, row in enumerate(rows):
            m, l = -np.inf, work(0)
            for s in range(0, row.shape[0], bs):
                blk = row[s : s + bs]
                bm = blk.max()
                new_m = bm if (np.isnan(bm) or bm > m) else m
                if np.isnan(m):
                    new_m = m
                ref = 0 if new_m == -np.inf else new_m
                old_ref = 0 if m == -np.inf else m
                l = l * np.exp(work(old_ref) - work(ref)) + np.exp(blk - work(ref)).sum()
                m = new_m
            ref = 0 if m == -np.inf else m
            if l == 0:
                continue
            res[i] = np.exp(row - work(ref)) / l
    return res.reshape(a.shape).astype(out_dt)


@wrong(
    "online_softmax", "online-softmax-rescale"
)  # does not rescale the running sum when the max grows: log([1,2,3,4]) with block_size=1 gives wrong probabilities instead of [0.1,0.2,0.3,0.4]
def os_w1(z, block_size):
    return _online(z, block_size, slip="no_rescale")


@wrong(
    "online_softmax", "blocks-masked-block-running-max"
)  # no 0 stand-in for a -inf running max: [[-inf, -inf]] with block_size=1 gives NaN instead of zeros
def os_w2(z, block_size):
    return _online(z, block_size, slip="no_standin")


@wrong(
    "online_softmax", "online-softmax-empty-rescale"
)  # keeps the first block's max and never raises it: [0, 1000] with block_size=1 gives NaN instead of [0, 1]
def os_w3(z, block_size):
    return _online(z, block_size, slip="first_max")


@wrong(
    "online_softmax", "online-softmax-empty-rescale"
)  # int(block_size) accepts whole floats: block_size=2.0 returns a result instead of ValueError
def os_w4(z, block_size):
    return _online(z, block_size, slip="float_bs")


@wrong(
    "online_softmax", "online-softmax-empty-rescale"
)  # stand-in uses isfinite, so a +inf max becomes 0: [0, inf] with block_size=1 gives [0, nan] instead of [nan, nan] (stable_softmax)
def os_w5(z, block_size):
    return _online(z, block_size, slip="isfinite_standin")


@wrong(
    "online_softmax", "online-softmax-empty-rescale"
)  # writes the result into np.empty_like(z) of an integer z: [1, 2, 3] gives integer zeros instead of float64 probabilities
def os_w6(z, block_size):
    return _online(z, block_size, slip="empty_like_int")


@wrong(
    "online_softmax", "online-softmax-empty-rescale"
)  # running sum kept in float16 for float16 input: 70000 float16 zeros with block_size=1000 overflow l to inf and give 0 instead of 1/70000
def os_w7(z, block_size):
    return _online(z, block_size, slip="f16")


# ---------------------------------------------------------------- tiled_attention
def _tiled(Q, K, V, block_size, mask=None, slip=None):
    if slip == "float_bs":
        if isinstance(block_size, bool) or int(block_size) != block_size or block_size < 1:
            raise ValueError("block_size must be an integer >= 1")
        block_size = int(block_size)
    elif not _is_int(block_size) or block_size < 1:
        raise ValueError("block_size must be an integer >= 1")
    Q, K, V, batch = _qkv(Q, K, V)
    dt = np.result_type(Q, K, V)
    w = dt if slip == "f16" else _work(dt)
    Qw, Kw, Vw = Q.astype(w), K.astype(w), V.astype(w)
    n_q, n_k, d_v = Q.shape[-2], K.shape[-2], V.shape[-1]
    sshape = batch + (n_q, n_k)
    if mask is not None:
        M = np.asarray(mask)
        if M.dtype != bool:
            raise ValueError("mask must be boolean")
        if np.broadcast_shapes(M.shape, sshape) != sshape:
            raise ValueError("mask does not broadcast to the scores' shape")
        Mv = M if slip == "mask_slice" else np.broadcast_to(M, sshape)
    scale = w.type(np.sqrt(V.shape[-1] if slip == "scale_dv" else Q.shape[-1]))
    if slip == "full_matrix":
        S = Qw @ np.swapaxes(Kw, -1, -2) / scale
        allow = np.ones(sshape, bool) if mask is None else Mv
        Wt = _msm(np.broadcast_to(S, sshape), allow)
        Vb = np.broadcast_to(Vw, batch + Vw.shape[-2:])
        with np.errstate(invalid="ignore"):
            out = np.where(allow[..., None], Wt[..., None] * Vb[..., None, :, :], 0).sum(-2)
        return out.astype(dt)
    m = np.full(batch + (n_q,), -np.inf, dtype=w)
    l = np.zeros(batch + (n_q,), dtype=w)
    acc = np.zeros(batch + (n_q, d_v), dtype=w)
    bad = np.zeros(batch + (n_q, d_v), dtype=w)
    with np.errstate(invalid="ignore", over="ignore"):
        for s in range(0, n_k, block_size):
            Kb = Kw[..., s : s + block_size, :]
            Vb = Vw[..., s : s + block_size, :]
            S = Qw @ np.swapaxes(Kb, -1, -2) / scale
            S = np.broadcast_to(S, batch + S.shape[-2:])
            allow = (
                np.ones(S.shape, bool)
                if mask is None
                else np.broadcast_to(Mv[..., s : s + block_size], S.shape)
            )
            Sm = np.where(allow, S, -np.inf)
            if slip == "max_all":
                m_new = np.maximum(m, S.max(axis=-1))
            else:
                m_new = np.maximum(m, Sm.max(axis=-1))
            ms_old = np.where(np.isneginf(m), 0, m)
            ms = np.where(np.isneginf(m_new), 0, m_new)
            alpha = np.exp(ms_old - ms)
            P = np.exp(Sm - ms[..., None])
            l = l * alpha + P.sum(axis=-1)
            if slip == "nan_values":
                acc = acc * alpha[..., None] + P @ Vb
            else:
                fin = np.isfinite(Vb)
                Vsafe = np.where(fin, Vb, 0)
                a = acc if slip == "no_acc_rescale" else acc * alpha[..., None]
                acc = a + P @ Vsafe
                if not fin.all():
                    Vbad = np.broadcast_to(np.where(fin, 0, Vb), batch + Vb.shape[-2:])
                    contrib = np.where(
                        allow[..., None], P[..., None] * Vbad[..., None, :, :], 0
                    ).sum(-2)
                    bad = bad * alpha[..., None] + contrib
            m = m_new
        lb = l[..., None]
        tot = acc + bad
        if slip == "no_zero_guard":
            out = tot / lb
        else:
            out = np.where(lb == 0, 0, tot / np.where(lb == 0, 1, lb))
    return out.astype(dt)


# Meant as correct, but it breaks the contract (see the message of its check).
@wrong(
    "tiled_attention", "online-softmax-empty-rescale", visible=True
)  # running max, sum and accumulator over key blocks; non-finite values kept out of acc
def ta_ok(Q, K, V, block_size, mask=None):
    return _tiled(Q, K, V, block_size, mask)


# Meant as correct, but it breaks the contract (see the message of its check).
@wrong(
    "tiled_attention", "online-softmax-empty-rescale", visible=True
)  # loops over queries and key blocks (one query at a time), with masked values skipped
def ta_ok2(Q, K, V, block_size, mask=None):
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError("block_size must be a positive integer")
    Q, K, V, batch = _qkv(Q, K, V)
    out_dt = np.result_type(Q, K, V)
    work = np.dtype(np.float32 if out_dt == np.float16 else out_dt).type
    n_q, d_k = Q.shape[-2:]
    n_k, d_v = V.shape[-2:]
    Qb = np.broadcast_to(Q.astype(work), batch + (n_q, d_k)).reshape(-1, n_q, d_k)
    Kb = np.broadcast_to(K.astype(work), batch + (n_k, d_k)).reshape(-1, n_k, d_k)
    Vb = np.broadcast_to(V.astype(work), batch + (n_k, d_v)).reshape(-1, n_k, d_v)
    if mask is not None:
        M = np.asarray(mask)
        if M.dtype != bool:
            raise ValueError("mask must be boolean")
        sshape = batch + (n_q, n_k)
        if np.broadcast_shapes(M.shape, sshape) != sshape:
            raise ValueError("mask does not broadcast to the scores")
        Mb = np.broadcast_to(M, sshape).reshape(-1, n_q, n_k)
    out = np.zeros((Qb.shape[0], n_q, d_v), dtype=work)
    r = work(np.sqrt(d_k))
    with np.errstate(invalid="ignore", over="ignore"):
        for bi in range(Qb.shape[0]):
            for qi in range(n_q):
                q = Qb[bi, qi]
                m, l = -np.inf, work(0)
                acc = np.zeros(d_v, dtype=work)
                for s in range(0, n_k, int(block_size)):
                    sc = Kb[bi, s : s + block_size] @ q / r
                    vv = Vb[bi, s : s + block_size]
                    ok = np.ones(sc.shape, bool) if mask is None else Mb[bi, qi, s : s + block_size]
                    if not ok.any():
                        continue
                    sc, vv = sc[ok], vv[ok]
                    bm = sc.max()
                    nm = bm if (np.isnan(bm) or bm > m) else m
                    ref = 0 if nm == -np.inf else nm
                    oref = 0 if m == -np.inf else m
                    c = np.exp(work(oref) - work(ref))
                    p = np.exp(sc - work(ref))
                    l = l * c + p.sum()
                    acc = acc * c + p @ vv
                    m = nm
                if l != 0:
                    out[bi, qi] = acc / l
    return out.reshape(batch + (n_q, d_v)).astype(out_dt)


@wrong(
    "tiled_attention", "tiled-attention-rescale"
)  # rescales l but not acc when the max grows: random Q, K, V with block_size=1 differ from scaled_dot_product_attention
def ta_w1(Q, K, V, block_size, mask=None):
    return _tiled(Q, K, V, block_size, mask, slip="no_acc_rescale")


@wrong(
    "tiled_attention", "online-softmax-empty-rescale"
)  # acc += P @ V_block: a masked [nan, inf] value (docstring example 3) gives NaN instead of [[4, 0]]
def ta_w2(Q, K, V, block_size, mask=None):
    return _tiled(Q, K, V, block_size, mask, slip="nan_values")


@wrong(
    "tiled_attention", "online-softmax-empty-rescale"
)  # output acc / l without a zero guard: mask=[[False, False]] gives NaN instead of a zero row
def ta_w3(Q, K, V, block_size, mask=None):
    return _tiled(Q, K, V, block_size, mask, slip="no_zero_guard")


@wrong(
    "tiled_attention", "online-softmax-empty-rescale"
)  # int(block_size) accepts whole floats: block_size=2.0 gives a result instead of ValueError
def ta_w4(Q, K, V, block_size, mask=None):
    return _tiled(Q, K, V, block_size, mask, slip="float_bs")


@wrong(
    "tiled_attention", "online-softmax-empty-rescale"
)  # slices the raw mask per block without broadcasting it first: a (n_q, 1) all-True mask with n_k=3, block_size=1 fails (empty slice) instead of equalling the unmasked output
def ta_w5(Q, K, V, block_size, mask=None):
    return _tiled(Q, K, V, block_size, mask, slip="mask_slice")


@wrong(
    "tiled_attention", "attention-scaled-by-wrong-dimension"
)  # scales by sqrt(d_v) instead of sqrt(d_k): docstring example (d_k=4, d_v=2) gives a different output than [[3, 2]]
def ta_w6(Q, K, V, block_size, mask=None):
    return _tiled(Q, K, V, block_size, mask, slip="scale_dv")


@wrong(
    "tiled_attention", "online-softmax-empty-rescale"
)  # running max over all scores, masked included: Q=[[1]], K=[[1000],[0]], V=[[1],[2]], mask=[[False, True]] gives 0 instead of [[2]]
def ta_w7(Q, K, V, block_size, mask=None):
    return _tiled(Q, K, V, block_size, mask, slip="max_all")


@wrong(
    "tiled_attention", "tiled-attention-full-score-matrix"
)  # not tiled: builds the full (n_q, n_k) score and weight matrices; values are right but peak memory for n_q=500, n_k=8000 is O(n_q*n_k) (tens of MB), breaking the stated O(n_q*(block_size+d_v)) memory
def ta_w8(Q, K, V, block_size, mask=None):
    return _tiled(Q, K, V, block_size, mask, slip="full_matrix")
