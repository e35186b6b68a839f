"""Held-out answers (round D) for notebook 07_attention_and_masking."""

import numpy as np
from numpy.lib.array_utils import normalize_axis_index

from tests.mistakes import right, wrong


def _as_float(a, name):
    a = np.asarray(a)
    if a.dtype.kind not in "biuf":
        raise ValueError(f"{name} must hold real numbers, got dtype {a.dtype}")
    if a.dtype.kind in "biu":
        a = a.astype(np.float64)
    return a


def _is_count(n, allow_bool=False, allow_float=False):
    if isinstance(n, (bool, np.bool_)):
        return allow_bool
    if isinstance(n, (int, np.integer)):
        return True
    if allow_float and isinstance(n, float) and n == int(n):
        return True
    return False


def _prep_qkv(Q, K, V, mask):
    Q = _as_float(Q, "Q")
    K = _as_float(K, "K")
    V = _as_float(V, "V")
    for a, nm in ((Q, "Q"), (K, "K"), (V, "V")):
        if a.ndim < 2:
            raise ValueError(f"{nm} must have at least 2 dimensions")
    dk = Q.shape[-1]
    if dk == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != dk:
        raise ValueError("Q and K must have the same feature size")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have the same number of keys")
    batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    sshape = batch + (Q.shape[-2], K.shape[-2])
    out_dtype = np.result_type(Q, K, V)
    wt = np.float32 if out_dtype == np.float16 else out_dtype
    if mask is not None:
        mask = np.asarray(mask)
        if mask.dtype != np.bool_:
            raise ValueError("mask must be boolean")
        if np.broadcast_shapes(mask.shape, sshape) != sshape:
            raise ValueError("mask must broadcast to the shape of the scores")
    return Q.astype(wt), K.astype(wt), V.astype(wt), mask, dk, sshape, out_dtype


def _nonfinite_fix(out, allowed, V):
    """Put back non-finite values of allowed keys (they were left out as 0)."""
    bad = ~np.isfinite(V)
    if not bad.any():
        return out
    al = allowed[..., :, :, None]  # (..., n_q, n_k, 1)
    Vb = V[..., None, :, :]  # (..., 1, n_k, d_v)
    isnan = np.any(al & np.isnan(Vb), axis=-2)
    pos = np.any(al & np.isposinf(Vb), axis=-2)
    neg = np.any(al & np.isneginf(Vb), axis=-2)
    out = np.where(pos, np.inf, out)
    out = np.where(neg, -np.inf, out)
    out = np.where(isnan | (pos & neg), np.nan, out)
    return out


def _sdpa(Q, K, V, mask=None, *, slip=None):
    Q, K, V, mask, dk, sshape, out_dtype = _prep_qkv(Q, K, V, mask)
    if sshape[-1] == 0:
        return (np.zeros(sshape[:-1] + (V.shape[-1],), out_dtype), np.zeros(sshape, out_dtype))
    scale = np.sqrt(V.shape[-1] if slip == "sqrt_dv" else dk)
    S = (Q @ np.swapaxes(K, -1, -2)) / np.asarray(scale, dtype=Q.dtype)
    S = np.broadcast_to(S, sshape)
    m_all = np.ones(sshape, bool) if mask is None else np.broadcast_to(mask, sshape)
    with np.errstate(invalid="ignore", over="ignore"):
        if slip == "fill":
            S2 = np.where(m_all, S, -1e9)
            m = S2.max(axis=-1, keepdims=True)
            E = np.exp(S2 - m)
            W = E / E.sum(axis=-1, keepdims=True)
            allowed = np.ones(sshape, bool)
        else:
            allowed = m_all & ~np.isneginf(S)
            if slip == "global_max":
                m = S.max(axis=-1, keepdims=True)
            else:
                m = np.where(allowed, S, -np.inf).max(axis=-1, keepdims=True)
            m = np.where(np.isneginf(m), 0, m)
            E = np.where(allowed, np.exp(S - m), 0)
            # NaN scores propagate
            E = np.where(np.isnan(S), np.nan, E)
            s = E.sum(axis=-1, keepdims=True)
            W = np.where(s == 0, 0.0, E / np.where(s == 0, 1, s))
        if slip == "plain_matmul":
            out = W @ V
        else:
            Vf = np.where(np.isfinite(V), V, 0)
            out = W @ Vf
            out = _nonfinite_fix(out, allowed, V)
    return out.astype(out_dtype), W.astype(out_dtype)


@right(
    "scaled_dot_product_attention"
)  # masked softmax over allowed keys, masked values never reach the output
def sdpa_ok(Q, K, V, mask=None):
    return _sdpa(Q, K, V, mask)


@wrong(
    "scaled_dot_product_attention", "fully-masked-row-uniform"
)  # fills masked scores with -1e9: the docstring example with mask=[[False, False]] gives weights [[0.5, 0.5]] and output [[2, 4]] instead of zeros
def sdpa_fill(Q, K, V, mask=None):
    return _sdpa(Q, K, V, mask, slip="fill")


@wrong(
    "scaled_dot_product_attention", "masked-value-leaks"
)  # output = weights @ V: a masked key holding [nan, inf] (docstring V_bad, mask=[[True, False]]) gives [[nan, nan]] instead of [[4, 0]]
def sdpa_matmul(Q, K, V, mask=None):
    return _sdpa(Q, K, V, mask, slip="plain_matmul")


@wrong(
    "scaled_dot_product_attention", "attention-scaled-by-wrong-dimension"
)  # scales by sqrt(d_v) (V.shape[-1]) instead of sqrt(d_k): docstring example (d_k=4, d_v=2) gives weights != [[0.75, 0.25]]
def sdpa_dv(Q, K, V, mask=None):
    return _sdpa(Q, K, V, mask, slip="sqrt_dv")


@wrong(
    "scaled_dot_product_attention", "mask-after-softmax-renormalised"
)  # subtracts the max over all keys, masked included: Q=[[1]], K=[[1000],[0]], V=[[1],[2]], mask=[[False, True]] gives zero weights instead of [[0, 1]]
def sdpa_globalmax(Q, K, V, mask=None):
    return _sdpa(Q, K, V, mask, slip="global_max")


# ---------------------------------------------------------------- causal_mask


def _causal(n, *, slip=None):
    if not _is_count(n, allow_bool=(slip == "bool"), allow_float=(slip == "float")):
        raise ValueError("n must be an integer")
    n = int(n)
    if n < 0:
        raise ValueError("n must be non-negative")
    if slip == "dtype":
        return np.tril(np.ones((n, n)))
    return np.tril(np.ones((n, n), dtype=bool), k=-1 if slip == "strict" else 0)


@right("causal_mask")  # np.tril of a boolean ones matrix
def causal_ok(n):
    return _causal(n)


@wrong(
    "causal_mask", "causal-mask-excludes-diagonal"
)  # k=-1 leaves out the diagonal: causal_mask(2)[0, 0] is False (a query cannot see itself)
def causal_strict(n):
    return _causal(n, slip="strict")


@wrong(
    "causal_mask", "no-value-error"
)  # accepts bool n: causal_mask(True) returns [[True]] instead of ValueError
def causal_bool(n):
    return _causal(n, slip="bool")


@wrong(
    "causal_mask", "mask-not-boolean"
)  # returns np.tril(np.ones((n, n))), a float array: causal_mask(3).dtype is float64, not bool
def causal_dtype(n):
    return _causal(n, slip="dtype")


@wrong(
    "causal_mask", "no-value-error"
)  # int(n) accepts whole floats: causal_mask(3.0) returns a mask instead of ValueError
def causal_float(n):
    return _causal(n, slip="float")


# ---------------------------------------------------------------- padding_mask


def _padding(lengths, n, *, slip=None):
    if not _is_count(n):
        raise ValueError("n must be an integer")
    if n < 0:
        raise ValueError("n must be non-negative")
    L = np.asarray(lengths)
    if L.size == 0 and L.dtype.kind == "f" and L.ndim == 1:
        L = L.astype(np.int64)
    ok_kinds = "iuf" if slip == "float" else ("iub" if slip == "bool" else "iu")
    if L.dtype.kind not in ok_kinds:
        raise ValueError("lengths must be integers")
    if L.dtype.kind == "f":
        if np.any(L != np.round(L)):
            raise ValueError("lengths must be whole numbers")
        L = L.astype(np.int64)
    if slip != "ndim" and L.ndim != 1:
        raise ValueError("lengths must be 1-D")
    L = L.astype(np.int64)
    if np.any(L < 0) or (slip != "clip" and np.any(L > n)):
        raise ValueError("lengths must lie in [0, n]")
    pos = np.arange(int(n))
    if slip == "le":
        return pos <= L[..., None]
    return pos < L[..., None]


@right("padding_mask")  # arange(n) < lengths[:, None] with full validation
def padding_ok(lengths, n):
    return _padding(lengths, n)


@wrong(
    "padding_mask", "padding-mask-off-by-one"
)  # <= instead of <: padding_mask([2, 0, 3], 3) marks one padding position too many (row 1 is [True, False, False])
def padding_le(lengths, n):
    return _padding(lengths, n, slip="le")


@wrong(
    "padding_mask", "no-value-error"
)  # no upper bound check: padding_mask([4], 3) returns [[True, True, True]] instead of ValueError
def padding_clip(lengths, n):
    return _padding(lengths, n, slip="clip")


@wrong(
    "padding_mask", "no-value-error"
)  # accepts float lengths: padding_mask([2.0], 3) returns a mask instead of ValueError
def padding_float(lengths, n):
    return _padding(lengths, n, slip="float")


@wrong(
    "padding_mask", "no-value-error"
)  # no 1-D check: padding_mask([[2]], 3) returns shape (1, 1, 3) instead of ValueError
def padding_ndim(lengths, n):
    return _padding(lengths, n, slip="ndim")


# ---------------------------------------------------------------- masked_softmax


def _msm(scores, mask, axis=-1, *, slip=None):
    S = _as_float(scores, "scores")
    if isinstance(axis, (bool, np.bool_)):
        raise ValueError("axis must be an integer")
    if S.ndim == 0:
        raise ValueError("scores must have at least one dimension")
    axis = normalize_axis_index(axis, S.ndim)
    if mask is None:
        if slip == "no_none":
            raise ValueError("mask must be boolean")
        M = np.ones(S.shape, bool)
    else:
        M = np.asarray(mask)
        if M.dtype != np.bool_:
            raise ValueError("mask must be boolean")
        if slip == "enlarge":
            S, M = np.broadcast_arrays(S, M)
        else:
            if np.broadcast_shapes(M.shape, S.shape) != S.shape:
                raise ValueError("mask does not broadcast to scores.shape")
            M = np.broadcast_to(M, S.shape)
    out_dtype = S.dtype
    w = S.astype(np.float32) if S.dtype == np.float16 else S
    if S.shape[axis] == 0:
        return np.empty(S.shape, out_dtype)
    with np.errstate(invalid="ignore", over="ignore"):
        if slip == "fill":
            w2 = np.where(M, w, -1e9)
            m = w2.max(axis=axis, keepdims=True)
            e = np.exp(w2 - m)
            p = e / e.sum(axis=axis, keepdims=True)
            return p.astype(out_dtype)
        allowed = M & ~np.isneginf(w)
        if slip == "global_max":
            m = w.max(axis=axis, keepdims=True)
        else:
            m = np.where(allowed, w, -np.inf).max(axis=axis, keepdims=True)
        m = np.where(np.isneginf(m), 0, m)
        e = np.where(allowed, np.exp(w - m), 0)
        s = e.sum(axis=axis, keepdims=True)
        p = np.where(s == 0, 0.0, e / np.where(s == 0, 1, s))
    return p.astype(out_dtype)


@right("masked_softmax")  # np.where masking, max over allowed entries, fully masked -> zeros
def msm_ok(scores, mask, axis=-1):
    return _msm(scores, mask, axis)


@wrong(
    "masked_softmax", "fully-masked-row-uniform"
)  # fills masked entries with -1e9: scores [[0, 0]], mask [[False, False]] gives [[0.5, 0.5]] instead of zeros
def msm_fill(scores, mask, axis=-1):
    return _msm(scores, mask, axis, slip="fill")


@wrong(
    "masked_softmax", "mask-after-softmax-renormalised"
)  # subtracts the max over all entries: scores [1000, 0], mask [False, True] gives [0, 0] instead of [0, 1]
def msm_globalmax(scores, mask, axis=-1):
    return _msm(scores, mask, axis, slip="global_max")


@wrong(
    "masked_softmax", "mask-none-not-handled"
)  # mask=None rejected as not boolean: masked_softmax([1.0, 2.0], None) raises instead of giving the softmax
def msm_nonone(scores, mask, axis=-1):
    return _msm(scores, mask, axis, slip="no_none")


@wrong(
    "masked_softmax", "no-value-error"
)  # broadcasts scores and mask together: scores shape (2,), mask shape (2, 2) returns a (2, 2) result instead of ValueError
def msm_enlarge(scores, mask, axis=-1):
    return _msm(scores, mask, axis, slip="enlarge")


# ---------------------------------------------------------------- online_softmax


def _online(z, block_size, *, slip=None):
    if not _is_count(block_size, allow_bool=(slip == "bool")) or block_size < 1:
        raise ValueError("block_size must be an integer >= 1")
    bs = int(block_size)
    z = _as_float(z, "z")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    out_dtype = z.dtype
    w = z.astype(np.float32) if (z.dtype == np.float16 and slip != "f16") else z
    n = w.shape[-1]
    m = np.full(w.shape[:-1] + (1,), -np.inf, dtype=w.dtype)
    l = np.zeros(w.shape[:-1] + (1,), dtype=w.dtype)
    stop = n - n % bs if slip == "drop_last" else n
    with np.errstate(invalid="ignore", over="ignore"):
        for start in range(0, stop, bs):
            blk = w[..., start : start + bs]
            m_new = np.maximum(m, blk.max(axis=-1, keepdims=True))
            if slip == "no_standin":
                m_safe = m_new
            else:
                m_safe = np.where(np.isneginf(m_new), 0, m_new)
            m_old = m if slip == "no_standin" else np.where(np.isneginf(m), -np.inf, m)
            if slip == "no_rescale":
                l = l + np.exp(blk - m_safe).sum(axis=-1, keepdims=True)
            else:
                l = l * np.exp(m_old - m_safe) + np.exp(blk - m_safe).sum(axis=-1, keepdims=True)
            m = m_new
        m_safe = m if slip == "no_standin" else np.where(np.isneginf(m), 0, m)
        e = np.exp(w - m_safe)
        if slip == "no_standin":
            p = e / l
        else:
            p = np.where(l == 0, 0.0, e / np.where(l == 0, 1, l))
    return p.astype(out_dtype)


@right(
    "online_softmax"
)  # running max and rescaled running sum over blocks, stand-in 0 for -inf max
def online_ok(z, block_size):
    return _online(z, block_size)


@wrong(
    "online_softmax", "online-softmax-rescale"
)  # does not rescale the running sum when the max grows: z=[0, 1], block_size=1 gives [0.269, 0.731]/(1/e + 1)-style wrong values ([0.212, 0.576])
def online_norescale(z, block_size):
    return _online(z, block_size, slip="no_rescale")


@wrong(
    "online_softmax", "blocks-masked-block-running-max"
)  # no stand-in for a -inf running max: [[-inf, -inf]], block_size=1 gives NaN instead of zeros
def online_nostandin(z, block_size):
    return _online(z, block_size, slip="no_standin")


@wrong(
    "online_softmax", "blocks-last-partial-block"
)  # drops the shorter last block: z=[0, 0, 0], block_size=2 gives [0.5, 0.5, 0.5] instead of 1/3 each
def online_droplast(z, block_size):
    return _online(z, block_size, slip="drop_last")


@wrong(
    "online_softmax", "masking-float16-sum"
)  # float16 running sum kept in float16: 70,000 float16 zeros, block_size=1000 overflow l to inf and give 0 instead of 1/70000
def online_f16(z, block_size):
    return _online(z, block_size, slip="f16")


@wrong(
    "online_softmax", "no-value-error"
)  # isinstance(block_size, int) lets bool through: block_size=True is accepted instead of ValueError
def online_bool(z, block_size):
    return _online(z, block_size, slip="bool")


# ---------------------------------------------------------------- tiled_attention


def _tiled(Q, K, V, block_size, mask=None, *, slip=None):
    if not _is_count(block_size, allow_bool=(slip == "bool")) or block_size < 1:
        raise ValueError("block_size must be an integer >= 1")
    bs = int(block_size)
    Q, K, V, mask, dk, sshape, out_dtype = _prep_qkv(Q, K, V, mask)
    batch = sshape[:-2]
    n_q, n_k = sshape[-2], sshape[-1]
    d_v = V.shape[-1]
    wt = Q.dtype
    m = np.full(batch + (n_q, 1), -np.inf, wt)
    l = np.zeros(batch + (n_q, 1), wt)
    acc = np.zeros(batch + (n_q, d_v), wt)
    isnan = np.zeros(batch + (n_q, d_v), bool)
    pos = np.zeros_like(isnan)
    neg = np.zeros_like(isnan)
    scale = np.asarray(np.sqrt(dk), dtype=wt)
    Mfull = None if mask is None else np.broadcast_to(mask, sshape)
    stop = n_k - n_k % bs if slip == "drop_last" else n_k
    with np.errstate(invalid="ignore", over="ignore"):
        for st in range(0, stop, bs):
            Kb = K[..., st : st + bs, :]
            Vb = V[..., st : st + bs, :]
            S = (Q @ np.swapaxes(Kb, -1, -2)) / scale
            S = np.broadcast_to(S, batch + (n_q, S.shape[-1]))
            Mb = np.ones(S.shape, bool) if Mfull is None else Mfull[..., st : st + bs]
            allowed = Mb & ~np.isneginf(S)
            bm = np.where(allowed, S, -np.inf).max(axis=-1, keepdims=True)
            m_new = np.maximum(m, bm)
            m_new = np.where(np.isnan(bm), np.nan, m_new)
            m_safe = np.where(np.isneginf(m_new), 0, m_new)
            c = np.exp(m - m_safe)
            P = np.where(allowed, np.exp(S - m_safe), 0)
            P = np.where(np.isnan(S) & Mb, np.nan, P)
            l = l * c + P.sum(axis=-1, keepdims=True)
            if slip == "plain_matmul":
                contrib = P @ Vb
            else:
                contrib = P @ np.where(np.isfinite(Vb), Vb, 0)
                al = allowed[..., :, :, None]
                Vx = Vb[..., None, :, :]
                isnan |= np.any(al & np.isnan(Vx), axis=-2)
                pos |= np.any(al & np.isposinf(Vx), axis=-2)
                neg |= np.any(al & np.isneginf(Vx), axis=-2)
            acc = contrib + (acc if slip == "no_acc_rescale" else acc * c)
            m = m_new
        if slip == "no_zero_guard":
            out = acc / l
        else:
            out = np.where(l == 0, 0.0, acc / np.where(l == 0, 1, l))
        out = np.where(pos, np.inf, out)
        out = np.where(neg, -np.inf, out)
        out = np.where(isnan | (pos & neg), np.nan, out)
    return out.astype(out_dtype)


@right(
    "tiled_attention"
)  # running max/sum/acc over key blocks, non-finite values of allowed keys put back at the end
def tiled_ok(Q, K, V, block_size, mask=None):
    return _tiled(Q, K, V, block_size, mask)


@wrong(
    "tiled_attention", "tiled-attention-rescale"
)  # rescales l but not acc when the max grows: Q=[[1]], K=[[0],[1]], V=[[1],[0]], block_size=1 gives 0.731 instead of 0.269
def tiled_noacc(Q, K, V, block_size, mask=None):
    return _tiled(Q, K, V, block_size, mask, slip="no_acc_rescale")


@wrong(
    "tiled_attention", "masked-value-leaks"
)  # acc += P @ V_block: the docstring masked [nan, inf] value row with mask=[[True, False]] gives [[nan, nan]] instead of [[4, 0]]
def tiled_matmul(Q, K, V, block_size, mask=None):
    return _tiled(Q, K, V, block_size, mask, slip="plain_matmul")


@wrong(
    "tiled_attention", "fully-masked-row-nan"
)  # acc / l with no guard: a fully masked query (docstring, mask=[[False, False]]) gives NaN instead of a zero row
def tiled_noguard(Q, K, V, block_size, mask=None):
    return _tiled(Q, K, V, block_size, mask, slip="no_zero_guard")


@wrong(
    "tiled_attention", "blocks-last-partial-block"
)  # drops the shorter last key block: n_k=3, block_size=2 (Q=[[0]], K=[[0],[0],[0]], V=[[0],[0],[3]]) gives 0 instead of 1
def tiled_droplast(Q, K, V, block_size, mask=None):
    return _tiled(Q, K, V, block_size, mask, slip="drop_last")
