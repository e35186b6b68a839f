"""Held-out student answers for notebook 07 (module ``attention_and_masking``).

Every answer is self-contained (NumPy / math only).  CORRECT answers follow the
whole contract of SPEC.md (including its settled details: a masked key's value never
reaches the output, even NaN or inf); WRONG answers each contain one plausible slip,
and the note names it together with one concrete input where it shows.
"""

import math

import numpy as np

from tests.mistakes import right, wrong

# =====================================================================================
# scaled_dot_product_attention(Q, K, V, mask=None)
# =====================================================================================


@right(
    "scaled_dot_product_attention"
)  # np.where-masked softmax over allowed keys (max over allowed only, 0 stand-in for rows with nothing allowed); output summed only over allowed (query, key) pairs with a score above -inf, so a masked NaN/inf value row never reaches it
def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        scores = q @ np.swapaxes(k, -1, -2) / math.sqrt(d_k)
        scores = np.broadcast_to(scores, score_shape)
        masked = np.where(allowed, scores, -np.inf)
        m = np.max(masked, axis=-1, keepdims=True, initial=-np.inf)
        m = np.where(m == -np.inf, 0, m)
        e = np.where(allowed, np.exp(masked - m), 0)
        total = e.sum(axis=-1, keepdims=True)
        weights = e / np.where(total == 0, 1, total)
        # a key reaches the output only if it is allowed and its score is not -inf;
        # an infinite or NaN value of such a key shows whatever its (positive) weight
        reach = (allowed & (scores != -np.inf))[..., None]
        fin = np.where(np.isfinite(v), v, 0)[..., None, :, :]
        wild = np.where(np.isfinite(v), 0, v)[..., None, :, :]
        output = np.where(reach, weights[..., None] * fin, 0).sum(axis=-2) + np.where(
            reach, wild, 0
        ).sum(axis=-2)
    return output.astype(dt), weights.astype(dt)


@right(
    "scaled_dot_product_attention"
)  # einsum for scores and output; output = weights @ V on the fast path, and when V holds NaN/inf the non-finite part is added only for allowed pairs
def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        scores = np.einsum("...qd,...kd->...qk", q, k) / np.sqrt(work.type(d_k))
        scores = np.broadcast_to(scores, score_shape)
        row_max = np.where(allowed, scores, -np.inf).max(axis=-1, keepdims=True, initial=-np.inf)
        row_max[np.isneginf(row_max)] = 0
        e = np.exp(np.where(allowed, scores - row_max, -np.inf))
        z = np.sum(e, axis=-1, keepdims=True)
        z[z == 0] = 1
        weights = e / z
        finite_v = np.where(np.isfinite(v), v, 0)
        output = np.einsum("...qk,...kd->...qd", weights, finite_v)
        if not np.all(np.isfinite(v)):
            # non-finite values count for allowed keys whose score is above -inf
            wild = np.where(np.isfinite(v), 0, v)
            reach = allowed & ~np.isneginf(scores)
            extra = np.where(reach[..., None], wild[..., None, :, :], 0)
            output = output + extra.sum(axis=-2)
    return output.astype(dt), weights.astype(dt)


@right(
    "scaled_dot_product_attention"
)  # explicit loops over batch index and query: softmax over the indices of the allowed keys (score above -inf) only, output from those value rows only
def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)
    d_v = v.shape[-1]
    qb = np.broadcast_to(q, batch + q.shape[-2:])
    kb = np.broadcast_to(k, batch + k.shape[-2:])
    vb = np.broadcast_to(v, batch + v.shape[-2:])
    weights = np.zeros(score_shape, dtype=work)
    output = np.zeros(batch + (n_q, d_v), dtype=work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        for bi in np.ndindex(*batch):
            for i in range(n_q):
                keep = np.flatnonzero(allowed[bi + (i,)])
                s = (kb[bi][keep] @ qb[bi][i]) / math.sqrt(d_k)
                live = s != -np.inf  # -inf scores weigh exactly 0
                keep, s = keep[live], s[live]
                if keep.size == 0:
                    continue
                e = np.exp(s - s.max())
                total = e.sum()
                row = np.zeros(n_k, dtype=work)
                row[keep] = e
                weights[bi + (i,)] = row / total
                vals = vb[bi][keep]
                ok = np.isfinite(vals)
                output[bi + (i,)] = (e / total) @ np.where(ok, vals, 0) + np.where(ok, 0, vals).sum(
                    axis=0
                )
    return output.astype(dt), weights.astype(dt)


@wrong(
    "scaled_dot_product_attention", "attention-scaled-by-d"
)  # scales the scores by d_k instead of sqrt(d_k): the docstring example (Q=[[2 ln 3, 0, 0, 0]]) gives weights [0.634, 0.366] instead of [0.75, 0.25]
def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        scores = np.broadcast_to(q @ np.swapaxes(k, -1, -2) / d_k, score_shape)
        masked = np.where(allowed, scores, -np.inf)
        m = np.max(masked, axis=-1, keepdims=True, initial=-np.inf)
        m = np.where(m == -np.inf, 0, m)
        e = np.where(allowed, np.exp(masked - m), 0)
        total = e.sum(axis=-1, keepdims=True)
        weights = e / np.where(total == 0, 1, total)
        output = np.where(allowed[..., None], weights[..., None] * v[..., None, :, :], 0).sum(-2)
    return output.astype(dt), weights.astype(dt)


@wrong(
    "scaled_dot_product_attention", "attention-no-scaling"
)  # forgets the 1/sqrt(d_k) scaling: the docstring example gives weights [0.9, 0.1] instead of [0.75, 0.25]
def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        scores = np.broadcast_to(q @ np.swapaxes(k, -1, -2), score_shape)
        masked = np.where(allowed, scores, -np.inf)
        m = np.max(masked, axis=-1, keepdims=True, initial=-np.inf)
        m = np.where(m == -np.inf, 0, m)
        e = np.where(allowed, np.exp(masked - m), 0)
        total = e.sum(axis=-1, keepdims=True)
        weights = e / np.where(total == 0, 1, total)
        output = np.where(allowed[..., None], weights[..., None] * v[..., None, :, :], 0).sum(-2)
    return output.astype(dt), weights.astype(dt)


@wrong(
    "scaled_dot_product_attention", "attention-key-transpose"
)  # multiplies Q @ K instead of Q @ K^T (works only when n_k == d_k): Q=[[1, 0]], K=[[1, 2], [3, 4]], V=I gives weights from the column scores [1, 2]/sqrt2 instead of the row scores [1, 3]/sqrt2
def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        scores = np.broadcast_to(q @ k / math.sqrt(d_k), score_shape)
        masked = np.where(allowed, scores, -np.inf)
        m = np.max(masked, axis=-1, keepdims=True, initial=-np.inf)
        m = np.where(m == -np.inf, 0, m)
        e = np.where(allowed, np.exp(masked - m), 0)
        total = e.sum(axis=-1, keepdims=True)
        weights = e / np.where(total == 0, 1, total)
        output = np.where(allowed[..., None], weights[..., None] * v[..., None, :, :], 0).sum(-2)
    return output.astype(dt), weights.astype(dt)


@wrong(
    "scaled_dot_product_attention", "mask-after-softmax"
)  # applies the mask after the softmax (weights * mask) without renormalising: docstring example with mask=[True, False] gives weights [0.75, 0] instead of [1, 0]
def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        scores = np.broadcast_to(q @ np.swapaxes(k, -1, -2) / math.sqrt(d_k), score_shape)
        e = np.exp(scores - scores.max(axis=-1, keepdims=True, initial=-np.inf))
        p = e / e.sum(axis=-1, keepdims=True)
        weights = np.where(allowed, p, 0)
        output = np.where(allowed[..., None], weights[..., None] * v[..., None, :, :], 0).sum(-2)
    return output.astype(dt), weights.astype(dt)


@wrong(
    "scaled_dot_product_attention", "mask-inverted"
)  # reads the mask with the opposite meaning (True = blocked, the old key_padding_mask convention): mask=[True, False] on the docstring example gives weights [0, 1] instead of [1, 0]
def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)
    if mask is not None:
        allowed = ~allowed
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        scores = np.broadcast_to(q @ np.swapaxes(k, -1, -2) / math.sqrt(d_k), score_shape)
        masked = np.where(allowed, scores, -np.inf)
        m = np.max(masked, axis=-1, keepdims=True, initial=-np.inf)
        m = np.where(m == -np.inf, 0, m)
        e = np.where(allowed, np.exp(masked - m), 0)
        total = e.sum(axis=-1, keepdims=True)
        weights = e / np.where(total == 0, 1, total)
        output = np.where(allowed[..., None], weights[..., None] * v[..., None, :, :], 0).sum(-2)
    return output.astype(dt), weights.astype(dt)


@wrong(
    "scaled_dot_product_attention", "fully-masked-row-uniform"
)  # fills masked scores with -1e9 and takes a plain softmax: a fully masked query (docstring example, mask=[[False, False]]) gets uniform weights [0.5, 0.5] and output [2, 4] instead of zeros
def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        scores = np.broadcast_to(q @ np.swapaxes(k, -1, -2) / math.sqrt(d_k), score_shape)
        filled = np.where(allowed, scores, -1e9)
        e = np.exp(filled - filled.max(axis=-1, keepdims=True, initial=-np.inf))
        weights = e / e.sum(axis=-1, keepdims=True)
        output = weights @ v
    return output.astype(dt), weights.astype(dt)


@wrong(
    "scaled_dot_product_attention", "fully-masked-row-nan"
)  # fills masked scores with -inf and takes a plain softmax: a fully masked query gets 0/0 = NaN weights and output (docstring example, mask=[[False, False]])
def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        scores = np.broadcast_to(q @ np.swapaxes(k, -1, -2) / math.sqrt(d_k), score_shape)
        filled = np.where(allowed, scores, -np.inf)
        e = np.exp(filled - filled.max(axis=-1, keepdims=True, initial=-np.inf))
        weights = e / e.sum(axis=-1, keepdims=True)
        output = np.where(allowed[..., None], weights[..., None] * v[..., None, :, :], 0).sum(-2)
    return output.astype(dt), weights.astype(dt)


@wrong(
    "scaled_dot_product_attention", "masked-value-leaks"
)  # output = weights @ V: a masked key whose value row holds NaN or inf leaks (0 * NaN = NaN); docstring example with V=[[4, 0], [nan, inf]] and mask=[True, False] gives [nan, nan] instead of [4, 0]
def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        scores = np.broadcast_to(q @ np.swapaxes(k, -1, -2) / math.sqrt(d_k), score_shape)
        masked = np.where(allowed, scores, -np.inf)
        m = np.max(masked, axis=-1, keepdims=True, initial=-np.inf)
        m = np.where(m == -np.inf, 0, m)
        e = np.where(allowed, np.exp(masked - m), 0)
        total = e.sum(axis=-1, keepdims=True)
        weights = e / np.where(total == 0, 1, total)
        output = weights @ v
    return output.astype(dt), weights.astype(dt)


@wrong(
    "scaled_dot_product_attention", "attention-softmax-over-queries"
)  # softmax over axis -2 (over the queries) instead of over the keys: with two queries the weights' rows no longer sum to 1 (Q=[[1, 0], [0, 1]], K=[[1, 0], [0, 2]])
def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        scores = np.broadcast_to(q @ np.swapaxes(k, -1, -2) / math.sqrt(d_k), score_shape)
        masked = np.where(allowed, scores, -np.inf)
        m = np.max(masked, axis=-2, keepdims=True, initial=-np.inf)
        m = np.where(m == -np.inf, 0, m)
        e = np.where(allowed, np.exp(masked - m), 0)
        total = e.sum(axis=-2, keepdims=True)
        weights = e / np.where(total == 0, 1, total)
        output = np.where(allowed[..., None], weights[..., None] * v[..., None, :, :], 0).sum(-2)
    return output.astype(dt), weights.astype(dt)


@wrong(
    "scaled_dot_product_attention", "no-max-shift"
)  # softmax without subtracting the row maximum: Q=[[1000, 0, 0, 0]], K=[[1000, 0, 0, 0], [0, 0, 0, 0]] overflows to NaN weights instead of [1, 0]
def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        scores = np.broadcast_to(q @ np.swapaxes(k, -1, -2) / math.sqrt(d_k), score_shape)
        e = np.where(allowed, np.exp(np.where(allowed, scores, -np.inf)), 0)
        total = e.sum(axis=-1, keepdims=True)
        weights = e / np.where(total == 0, 1, total)
        output = np.where(allowed[..., None], weights[..., None] * v[..., None, :, :], 0).sum(-2)
    return output.astype(dt), weights.astype(dt)


@wrong(
    "scaled_dot_product_attention", "wrong-dtype"
)  # divides by np.sqrt(d_k), a float64 NumPy scalar, which promotes float32 scores to float64 (NEP 50): the docstring example in float32 gives float64 output and weights
def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        scores = np.broadcast_to(q @ np.swapaxes(k, -1, -2) / np.sqrt(d_k), score_shape)
        masked = np.where(allowed, scores, -np.inf)
        m = np.max(masked, axis=-1, keepdims=True, initial=-np.inf)
        m = np.where(m == -np.inf, 0, m)
        e = np.where(allowed, np.exp(masked - m), 0)
        total = e.sum(axis=-1, keepdims=True)
        weights = e / np.where(total == 0, 1, total)
        output = np.where(allowed[..., None], weights[..., None] * v[..., None, :, :], 0).sum(-2)
    if dt == np.float16:
        return output.astype(dt), weights.astype(dt)
    return output, weights


@wrong(
    "scaled_dot_product_attention", "no-value-error"
)  # converts the mask with astype(bool) instead of requiring a boolean mask: an integer mask [1, 0] is accepted instead of raising ValueError
def scaled_dot_product_attention(Q, K, V, mask=None):
    if mask is not None:
        mask = np.asarray(mask).astype(bool)
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        scores = np.broadcast_to(q @ np.swapaxes(k, -1, -2) / math.sqrt(d_k), score_shape)
        masked = np.where(allowed, scores, -np.inf)
        m = np.max(masked, axis=-1, keepdims=True, initial=-np.inf)
        m = np.where(m == -np.inf, 0, m)
        e = np.where(allowed, np.exp(masked - m), 0)
        total = e.sum(axis=-1, keepdims=True)
        weights = e / np.where(total == 0, 1, total)
        output = np.where(allowed[..., None], weights[..., None] * v[..., None, :, :], 0).sum(-2)
    return output.astype(dt), weights.astype(dt)


@wrong(
    "scaled_dot_product_attention", "no-value-error"
)  # never checks that the mask fits the scores, np.where just broadcasts it: a mask of shape (2, 1, 2) on the docstring example silently gives a batch of 2 outputs instead of raising ValueError
def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        allowed = mask
        score_shape = np.broadcast_shapes(mask.shape, score_shape)
        batch = score_shape[:-2]
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        scores = np.broadcast_to(q @ np.swapaxes(k, -1, -2) / math.sqrt(d_k), score_shape)
        masked = np.where(allowed, scores, -np.inf)
        m = np.max(masked, axis=-1, keepdims=True, initial=-np.inf)
        m = np.where(m == -np.inf, 0, m)
        e = np.where(allowed, np.exp(masked - m), 0)
        total = e.sum(axis=-1, keepdims=True)
        weights = e / np.where(total == 0, 1, total)
        output = np.where(allowed[..., None], weights[..., None] * v[..., None, :, :], 0).sum(-2)
    return output.astype(dt), weights.astype(dt)


@wrong(
    "scaled_dot_product_attention", "attention-key-transpose"
)  # transposes K with K.T, which reverses every axis: batched input Q (2, 1, 4), K (2, 3, 4), V (2, 3, 5) raises a matmul ValueError instead of working
def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        scores = np.broadcast_to(q @ k.T / math.sqrt(d_k), score_shape)
        masked = np.where(allowed, scores, -np.inf)
        m = np.max(masked, axis=-1, keepdims=True, initial=-np.inf)
        m = np.where(m == -np.inf, 0, m)
        e = np.where(allowed, np.exp(masked - m), 0)
        total = e.sum(axis=-1, keepdims=True)
        weights = e / np.where(total == 0, 1, total)
        output = np.where(allowed[..., None], weights[..., None] * v[..., None, :, :], 0).sum(-2)
    return output.astype(dt), weights.astype(dt)


@wrong(
    "scaled_dot_product_attention", "mask-after-softmax-renormalised"
)  # subtracts the maximum over all keys, masked ones included: a masked key with a huge score makes every allowed exp underflow, 0/0 = NaN; Q=[[100, 0]], K=[[100, 0], [0, 0], [1, 0]], mask=[False, True, True] gives NaN
def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        scores = np.broadcast_to(q @ np.swapaxes(k, -1, -2) / math.sqrt(d_k), score_shape)
        e = np.where(
            allowed, np.exp(scores - scores.max(axis=-1, keepdims=True, initial=-np.inf)), 0
        )
        total = e.sum(axis=-1, keepdims=True)
        fully_masked = ~allowed.any(axis=-1, keepdims=True)
        weights = e / np.where(fully_masked, 1, total)
        output = np.where(allowed[..., None], weights[..., None] * v[..., None, :, :], 0).sum(-2)
    return output.astype(dt), weights.astype(dt)


# =====================================================================================
# causal_mask(n)
# =====================================================================================


@right("causal_mask")  # np.tril of a boolean ones matrix, n checked as a non-bool int >= 0
def causal_mask(n):
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise ValueError(f"n must be an integer, not {n!r}")
    if n < 0:
        raise ValueError(f"n must be at least 0, got {n}")
    return np.tril(np.ones((n, n), dtype=bool))


@right("causal_mask")  # broadcast comparison of aranges: key index <= query index
def causal_mask(n):
    if type(n) is bool or not isinstance(n, (int, np.integer)) or isinstance(n, np.bool_):
        raise ValueError("n must be an integer")
    n = int(n)
    if n < 0:
        raise ValueError("n must be non-negative")
    idx = np.arange(n)
    return idx[None, :] <= idx[:, None]


@right("causal_mask")  # explicit double loop filling an np.zeros((n, n), dtype=bool)
def causal_mask(n):
    import numbers

    if isinstance(n, (bool, np.bool_)) or not isinstance(n, numbers.Integral):
        raise ValueError("n must be an integer")
    if n < 0:
        raise ValueError("n must be >= 0")
    out = np.zeros((int(n), int(n)), dtype=bool)
    for i in range(int(n)):
        for j in range(i + 1):
            out[i, j] = True
    return out


@wrong(
    "causal_mask", "causal-mask-transposed"
)  # np.triu instead of np.tril: True on and above the diagonal, every query sees the future; causal_mask(3)[0] is [T, T, T] instead of [T, F, F]
def causal_mask(n):
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise ValueError("n must be an integer")
    if n < 0:
        raise ValueError("n must be at least 0")
    return np.triu(np.ones((n, n), dtype=bool))


@wrong(
    "causal_mask", "causal-mask-excludes-diagonal"
)  # strictly below the diagonal (k=-1): a query may not attend to itself; causal_mask(3)[0] is all False, diagonal False
def causal_mask(n):
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise ValueError("n must be an integer")
    if n < 0:
        raise ValueError("n must be at least 0")
    return np.tril(np.ones((n, n), dtype=bool), k=-1)


@wrong(
    "causal_mask", "causal-mask-sees-next-position"
)  # off-by-one the other way, np.tril(..., k=1): each query also sees the next position; causal_mask(3)[0] is [T, T, F]
def causal_mask(n):
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise ValueError("n must be an integer")
    if n < 0:
        raise ValueError("n must be at least 0")
    return np.tril(np.ones((n, n), dtype=bool), k=1)


@wrong(
    "causal_mask", "mask-not-boolean"
)  # np.tril(np.ones((n, n))) left as float64: causal_mask(3).dtype is float64, not bool (ones and zeros instead of True/False)
def causal_mask(n):
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise ValueError("n must be an integer")
    if n < 0:
        raise ValueError("n must be at least 0")
    return np.tril(np.ones((n, n)))


@wrong(
    "causal_mask", "mask-inverted"
)  # returns the positions to block (True above the diagonal), the opposite of True = may attend; causal_mask(3)[0] is [F, T, T]
def causal_mask(n):
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise ValueError("n must be an integer")
    if n < 0:
        raise ValueError("n must be at least 0")
    return ~np.tril(np.ones((n, n), dtype=bool))


@wrong(
    "causal_mask", "no-value-error"
)  # converts n with int(n) instead of checking its type: causal_mask(2.0) (and 2.7) returns a mask instead of raising ValueError
def causal_mask(n):
    n = int(n)
    if n < 0:
        raise ValueError("n must be at least 0")
    return np.tril(np.ones((n, n), dtype=bool))


@wrong(
    "causal_mask", "no-value-error"
)  # isinstance(n, int) without excluding bool: causal_mask(True) returns [[True]] instead of raising ValueError
def causal_mask(n):
    if not isinstance(n, (int, np.integer)):
        raise ValueError("n must be an integer")
    if n < 0:
        raise ValueError("n must be at least 0")
    return np.tril(np.ones((n, n), dtype=bool))


@wrong(
    "causal_mask", "no-value-error"
)  # no check for negative n, and arange comparison does not fail: causal_mask(-1) returns an empty (0, 0) mask instead of raising ValueError
def causal_mask(n):
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise ValueError("n must be an integer")
    i = np.arange(n)
    return i[:, None] >= i[None, :]


@wrong(
    "causal_mask", "wrong-values"
)  # builds the mask with a nested list comprehension: causal_mask(0) has shape (0,) instead of (0, 0)
def causal_mask(n):
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise ValueError("n must be an integer")
    if n < 0:
        raise ValueError("n must be at least 0")
    return np.array([[j <= i for j in range(n)] for i in range(n)], dtype=bool)


# =====================================================================================
# padding_mask(lengths, n)
# =====================================================================================


@right(
    "padding_mask"
)  # np.arange(n)[None, :] < lengths[:, None] after checking types and ranges (an empty list of lengths gives a (0, n) mask)
def padding_mask(lengths, n):
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise ValueError(f"n must be an integer, not {n!r}")
    if n < 0:
        raise ValueError(f"n must be at least 0, got {n}")
    L = np.asarray(lengths)
    if L.ndim != 1:
        raise ValueError(f"lengths must be 1-D, got shape {L.shape}")
    if L.size == 0:
        L = L.astype(np.intp)
    elif L.dtype == bool or L.dtype.kind not in "iu":
        raise ValueError(f"lengths must be integers, not {L.dtype}")
    if np.any(L < 0) or np.any(L > n):
        raise ValueError(f"every length must lie between 0 and n={n}")
    return np.arange(n)[None, :] < L[:, None]


@right("padding_mask")  # row-by-row loop: np.zeros((B, n), bool) and row[:length] = True
def padding_mask(lengths, n):
    if type(n) is bool or isinstance(n, np.bool_) or not isinstance(n, (int, np.integer)):
        raise ValueError("n must be an integer")
    if n < 0:
        raise ValueError("n must be >= 0")
    arr = np.asarray(lengths)
    if arr.ndim != 1:
        raise ValueError("lengths must be a 1-D array")
    if arr.size and (arr.dtype == np.bool_ or not np.issubdtype(arr.dtype, np.integer)):
        raise ValueError("lengths must be integers")
    out = np.zeros((arr.shape[0], int(n)), dtype=bool)
    for b, length in enumerate(arr.tolist()):
        if not 0 <= length <= n:
            raise ValueError(f"length {length} outside [0, {n}]")
        out[b, : int(length)] = True
    return out


@right(
    "padding_mask"
)  # reuses a lower-triangular table: row L of tril(ones(n+1, n), -1) is True at positions < L, picked by fancy indexing
def padding_mask(lengths, n):
    import numbers

    if isinstance(n, (bool, np.bool_)) or not isinstance(n, numbers.Integral):
        raise ValueError("n must be an integer")
    if n < 0:
        raise ValueError("n must be non-negative")
    lens = np.asarray(lengths)
    if lens.ndim != 1:
        raise ValueError("lengths must be 1-D")
    if lens.size == 0:
        return np.zeros((0, int(n)), dtype=bool)
    if lens.dtype.kind not in "iu":
        raise ValueError("lengths must be integers")
    if lens.min() < 0 or lens.max() > n:
        raise ValueError("lengths must lie in [0, n]")
    table = np.tril(np.ones((int(n) + 1, int(n)), dtype=bool), k=-1)
    return table[lens.astype(np.intp)]


@wrong(
    "padding_mask", "padding-mask-off-by-one"
)  # uses <= instead of <: one padding position too many is marked real; padding_mask([2, 0, 3], 3)[1] is [T, F, F] instead of all False
def padding_mask(lengths, n):
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise ValueError("n must be an integer")
    if n < 0:
        raise ValueError("n must be at least 0")
    L = np.asarray(lengths)
    if L.ndim != 1:
        raise ValueError("lengths must be 1-D")
    if L.size and (L.dtype == bool or L.dtype.kind not in "iu"):
        raise ValueError("lengths must be integers")
    if np.any(L < 0) or np.any(L > n):
        raise ValueError("length out of range")
    return np.arange(n)[None, :] <= L[:, None]


@wrong(
    "padding_mask", "mask-inverted"
)  # marks the padding instead of the real tokens (True = pad): padding_mask([2, 0, 3], 3)[0] is [F, F, T] instead of [T, T, F]
def padding_mask(lengths, n):
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise ValueError("n must be an integer")
    if n < 0:
        raise ValueError("n must be at least 0")
    L = np.asarray(lengths)
    if L.ndim != 1:
        raise ValueError("lengths must be 1-D")
    if L.size and (L.dtype == bool or L.dtype.kind not in "iu"):
        raise ValueError("lengths must be integers")
    if np.any(L < 0) or np.any(L > n):
        raise ValueError("length out of range")
    return np.arange(n)[None, :] >= L[:, None]


@wrong(
    "padding_mask", "padding-mask-transposed"
)  # broadcasts the other way round, lengths[None, :] > arange(n)[:, None]: shape (n, B) instead of (B, n); padding_mask([2, 0], 3) has shape (3, 2)
def padding_mask(lengths, n):
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise ValueError("n must be an integer")
    if n < 0:
        raise ValueError("n must be at least 0")
    L = np.asarray(lengths)
    if L.ndim != 1:
        raise ValueError("lengths must be 1-D")
    if L.size and (L.dtype == bool or L.dtype.kind not in "iu"):
        raise ValueError("lengths must be integers")
    if np.any(L < 0) or np.any(L > n):
        raise ValueError("length out of range")
    return L[None, :] > np.arange(n)[:, None]


@wrong(
    "padding_mask", "no-value-error"
)  # no check that a length is at most n: padding_mask([4], 3) returns [[T, T, T]] instead of raising ValueError
def padding_mask(lengths, n):
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise ValueError("n must be an integer")
    if n < 0:
        raise ValueError("n must be at least 0")
    L = np.asarray(lengths)
    if L.ndim != 1:
        raise ValueError("lengths must be 1-D")
    if L.size and (L.dtype == bool or L.dtype.kind not in "iu"):
        raise ValueError("lengths must be integers")
    if np.any(L < 0):
        raise ValueError("lengths must be non-negative")
    return np.arange(n)[None, :] < L[:, None]


@wrong(
    "padding_mask", "no-value-error"
)  # loop with row[:length] = True and no check for negative lengths: padding_mask([-1], 3) gives [[T, T, F]] (slice up to -1) instead of ValueError
def padding_mask(lengths, n):
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise ValueError("n must be an integer")
    if n < 0:
        raise ValueError("n must be at least 0")
    L = np.asarray(lengths)
    if L.ndim != 1:
        raise ValueError("lengths must be 1-D")
    if L.size and (L.dtype == bool or L.dtype.kind not in "iu"):
        raise ValueError("lengths must be integers")
    if np.any(L > n):
        raise ValueError("length larger than n")
    out = np.zeros((len(L), n), dtype=bool)
    for b, length in enumerate(L):
        out[b, :length] = True
    return out


@wrong(
    "padding_mask", "no-value-error"
)  # does not check the dtype of lengths: float lengths [1.5] are accepted and give [[T, T, F]] instead of ValueError
def padding_mask(lengths, n):
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise ValueError("n must be an integer")
    if n < 0:
        raise ValueError("n must be at least 0")
    L = np.asarray(lengths)
    if L.ndim != 1:
        raise ValueError("lengths must be 1-D")
    if np.any(L < 0) or np.any(L > n):
        raise ValueError("length out of range")
    return np.arange(n)[None, :] < L[:, None]


@wrong(
    "padding_mask", "no-value-error"
)  # checks n only for being >= 0, not for being an integer: padding_mask([1], 3.0) returns a mask instead of raising ValueError
def padding_mask(lengths, n):
    if n < 0:
        raise ValueError("n must be at least 0")
    L = np.asarray(lengths)
    if L.ndim != 1:
        raise ValueError("lengths must be 1-D")
    if L.size and (L.dtype == bool or L.dtype.kind not in "iu"):
        raise ValueError("lengths must be integers")
    if np.any(L < 0) or np.any(L > n):
        raise ValueError("length out of range")
    return np.arange(n)[None, :] < L[:, None]


@wrong(
    "padding_mask", "mask-not-boolean"
)  # fills an np.zeros((B, n)) with 1s: padding_mask([2, 0, 3], 3) comes back float64, not bool
def padding_mask(lengths, n):
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise ValueError("n must be an integer")
    if n < 0:
        raise ValueError("n must be at least 0")
    L = np.asarray(lengths)
    if L.ndim != 1:
        raise ValueError("lengths must be 1-D")
    if L.size and (L.dtype == bool or L.dtype.kind not in "iu"):
        raise ValueError("lengths must be integers")
    if np.any(L < 0) or np.any(L > n):
        raise ValueError("length out of range")
    out = np.zeros((len(L), n))
    for b, length in enumerate(L):
        out[b, :length] = 1
    return out


@wrong(
    "padding_mask", "padding-mask-width"
)  # pads to the longest sequence, max(lengths), instead of n: padding_mask([2, 0, 1], 3) has shape (3, 2) instead of (3, 3)
def padding_mask(lengths, n):
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise ValueError("n must be an integer")
    if n < 0:
        raise ValueError("n must be at least 0")
    L = np.asarray(lengths)
    if L.ndim != 1:
        raise ValueError("lengths must be 1-D")
    if L.size and (L.dtype == bool or L.dtype.kind not in "iu"):
        raise ValueError("lengths must be integers")
    if np.any(L < 0) or np.any(L > n):
        raise ValueError("length out of range")
    width = int(L.max()) if L.size else 0
    return np.arange(width)[None, :] < L[:, None]


# =====================================================================================
# masked_softmax(scores, mask, axis=-1)
# =====================================================================================


@right(
    "masked_softmax"
)  # np.where throughout: max over allowed entries with a 0 stand-in for empty slices, exp only of allowed entries, division guarded where the sum is 0
def masked_softmax(scores, mask, axis=-1):
    s = np.asarray(scores)
    if s.dtype.kind not in "biuf":
        raise ValueError(f"scores must hold real numbers, not {s.dtype}")
    dt = s.dtype if s.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    if mask is None:
        allowed = np.ones(s.shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, s.shape) == s.shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {s.shape}")
        allowed = np.broadcast_to(mask, s.shape)
    s_last = np.moveaxis(s, axis, -1)  # AxisError (a ValueError) if out of range
    allowed_last = np.moveaxis(allowed, axis, -1)
    x = s_last.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        m = np.max(np.where(allowed_last, x, -np.inf), axis=-1, keepdims=True, initial=-np.inf)
        m = np.where(m == -np.inf, 0, m)
        e = np.exp(np.where(allowed_last, x - m, -np.inf))
        total = e.sum(axis=-1, keepdims=True)
        p = e / np.where(total == 0, 1, total)
    return np.moveaxis(p, -1, axis).astype(dt)


@right(
    "masked_softmax"
)  # loop over the slices along axis (np.ndindex over the other axes), boolean indexing of the allowed entries of each slice
def masked_softmax(scores, mask, axis=-1):
    s = np.asarray(scores)
    if s.dtype.kind not in "biuf":
        raise ValueError(f"scores must hold real numbers, not {s.dtype}")
    dt = s.dtype if s.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    if mask is None:
        allowed = np.ones(s.shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, s.shape) == s.shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {s.shape}")
        allowed = np.broadcast_to(mask, s.shape)
    s_last = np.moveaxis(s, axis, -1)  # AxisError (a ValueError) if out of range
    allowed_last = np.moveaxis(allowed, axis, -1)
    x = s_last.astype(work)
    out = np.zeros(x.shape, dtype=work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        for idx in np.ndindex(*x.shape[:-1]):
            row = x[idx]
            keep = allowed_last[idx]
            vals = row[keep]
            if vals.size == 0:
                continue
            top = vals.max()
            if top == -np.inf:
                continue
            e = np.exp(vals - top)
            total = e.sum()
            full = np.zeros(row.shape, dtype=work)
            full[keep] = e
            out[idx] = full / total
    return np.moveaxis(out, -1, axis).astype(dt)


@right(
    "masked_softmax"
)  # log-domain: log-softmax over allowed entries via a guarded logsumexp, then exp; masked entries set with np.where to exactly 0
def masked_softmax(scores, mask, axis=-1):
    s = np.asarray(scores)
    if s.dtype.kind not in "biuf":
        raise ValueError(f"scores must hold real numbers, not {s.dtype}")
    dt = s.dtype if s.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    if mask is None:
        allowed = np.ones(s.shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, s.shape) == s.shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {s.shape}")
        allowed = np.broadcast_to(mask, s.shape)
    s_last = np.moveaxis(s, axis, -1)  # AxisError (a ValueError) if out of range
    allowed_last = np.moveaxis(allowed, axis, -1)
    x = s_last.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        xm = np.where(allowed_last, x, -np.inf)
        m = np.max(xm, axis=-1, keepdims=True, initial=-np.inf)
        safe_m = np.where(np.isneginf(m), 0, m)
        lse = safe_m + np.log(np.sum(np.exp(xm - safe_m), axis=-1, keepdims=True))
        empty = np.isneginf(lse)
        logp = xm - np.where(empty, 0, lse)
        p = np.where(allowed_last & ~empty, np.exp(logp), 0)
        p = np.where(np.isnan(lse), np.nan, p)
    return np.moveaxis(p, -1, axis).astype(dt)


@wrong(
    "masked_softmax", "fully-masked-row-uniform"
)  # fills masked scores with -1e9 and takes a plain softmax: a fully masked row comes out uniform (docstring example row 2 gives 0.25 each instead of zeros)
def masked_softmax(scores, mask, axis=-1):
    s = np.asarray(scores)
    if s.dtype.kind not in "biuf":
        raise ValueError(f"scores must hold real numbers, not {s.dtype}")
    dt = s.dtype if s.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    if mask is None:
        allowed = np.ones(s.shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, s.shape) == s.shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {s.shape}")
        allowed = np.broadcast_to(mask, s.shape)
    s_last = np.moveaxis(s, axis, -1)  # AxisError (a ValueError) if out of range
    allowed_last = np.moveaxis(allowed, axis, -1)
    x = s_last.astype(work)
    with np.errstate(invalid="ignore", over="ignore"):
        filled = np.where(allowed_last, x, -1e9)
        e = np.exp(filled - filled.max(axis=-1, keepdims=True, initial=-np.inf))
        p = e / e.sum(axis=-1, keepdims=True)
    return np.moveaxis(p, -1, axis).astype(dt)


@wrong(
    "masked_softmax", "mask-after-softmax"
)  # softmax over all entries, then zero the masked ones without renormalising: docstring example row 1 gives [0.1, 0.2, 0.3, 0] instead of [1/6, 1/3, 1/2, 0]
def masked_softmax(scores, mask, axis=-1):
    s = np.asarray(scores)
    if s.dtype.kind not in "biuf":
        raise ValueError(f"scores must hold real numbers, not {s.dtype}")
    dt = s.dtype if s.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    if mask is None:
        allowed = np.ones(s.shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, s.shape) == s.shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {s.shape}")
        allowed = np.broadcast_to(mask, s.shape)
    s_last = np.moveaxis(s, axis, -1)  # AxisError (a ValueError) if out of range
    allowed_last = np.moveaxis(allowed, axis, -1)
    x = s_last.astype(work)
    with np.errstate(invalid="ignore", over="ignore"):
        e = np.exp(x - x.max(axis=-1, keepdims=True, initial=-np.inf))
        p = e / e.sum(axis=-1, keepdims=True)
        p = np.where(allowed_last, p, 0)
    return np.moveaxis(p, -1, axis).astype(dt)


@wrong(
    "masked_softmax", "mask-after-softmax-renormalised"
)  # softmax over all entries, zero the masked ones, renormalise: a fully masked row is 0/0 = NaN (docstring example row 2) instead of zeros
def masked_softmax(scores, mask, axis=-1):
    s = np.asarray(scores)
    if s.dtype.kind not in "biuf":
        raise ValueError(f"scores must hold real numbers, not {s.dtype}")
    dt = s.dtype if s.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    if mask is None:
        allowed = np.ones(s.shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, s.shape) == s.shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {s.shape}")
        allowed = np.broadcast_to(mask, s.shape)
    s_last = np.moveaxis(s, axis, -1)  # AxisError (a ValueError) if out of range
    allowed_last = np.moveaxis(allowed, axis, -1)
    x = s_last.astype(work)
    with np.errstate(invalid="ignore", over="ignore"):
        e = np.exp(x - x.max(axis=-1, keepdims=True, initial=-np.inf))
        p = e / e.sum(axis=-1, keepdims=True)
        p = np.where(allowed_last, p, 0)
        p = p / p.sum(axis=-1, keepdims=True)
    return np.moveaxis(p, -1, axis).astype(dt)


@wrong(
    "masked_softmax", "mask-inverted"
)  # reads the mask as True = masked out: docstring example row 1 gives [0, 0, 0, 1] instead of [1/6, 1/3, 1/2, 0]
def masked_softmax(scores, mask, axis=-1):
    s = np.asarray(scores)
    if s.dtype.kind not in "biuf":
        raise ValueError(f"scores must hold real numbers, not {s.dtype}")
    dt = s.dtype if s.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    if mask is None:
        allowed = np.ones(s.shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, s.shape) == s.shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {s.shape}")
        allowed = np.broadcast_to(mask, s.shape)
    s_last = np.moveaxis(s, axis, -1)  # AxisError (a ValueError) if out of range
    allowed_last = np.moveaxis(allowed, axis, -1)
    if mask is not None:
        allowed_last = ~allowed_last
    x = s_last.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        m = np.max(np.where(allowed_last, x, -np.inf), axis=-1, keepdims=True, initial=-np.inf)
        m = np.where(m == -np.inf, 0, m)
        e = np.exp(np.where(allowed_last, x - m, -np.inf))
        total = e.sum(axis=-1, keepdims=True)
        p = e / np.where(total == 0, 1, total)
    return np.moveaxis(p, -1, axis).astype(dt)


@wrong(
    "masked_softmax", "mask-after-softmax-renormalised"
)  # subtracts the maximum over all entries, masked ones included: scores [[1e4, 0, 1]] with mask [[F, T, T]] underflow to 0/0 = NaN instead of [0, 0.269, 0.731]
def masked_softmax(scores, mask, axis=-1):
    s = np.asarray(scores)
    if s.dtype.kind not in "biuf":
        raise ValueError(f"scores must hold real numbers, not {s.dtype}")
    dt = s.dtype if s.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    if mask is None:
        allowed = np.ones(s.shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, s.shape) == s.shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {s.shape}")
        allowed = np.broadcast_to(mask, s.shape)
    s_last = np.moveaxis(s, axis, -1)  # AxisError (a ValueError) if out of range
    allowed_last = np.moveaxis(allowed, axis, -1)
    x = s_last.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        e = np.where(allowed_last, np.exp(x - x.max(axis=-1, keepdims=True, initial=-np.inf)), 0)
        total = e.sum(axis=-1, keepdims=True)
        nothing = ~allowed_last.any(axis=-1, keepdims=True)
        p = e / np.where(nothing, 1, total)
    return np.moveaxis(p, -1, axis).astype(dt)


@wrong(
    "masked_softmax", "mask-none-not-handled"
)  # requires a boolean array and rejects mask=None: masked_softmax(scores, None) raises ValueError although None means 'no mask'
def masked_softmax(scores, mask, axis=-1):
    m_arr = np.asarray(mask)
    if m_arr.dtype != bool:
        raise ValueError(f"mask must be a boolean array, got {m_arr.dtype}")
    s = np.asarray(scores)
    if s.dtype.kind not in "biuf":
        raise ValueError(f"scores must hold real numbers, not {s.dtype}")
    dt = s.dtype if s.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    if mask is None:
        allowed = np.ones(s.shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, s.shape) == s.shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {s.shape}")
        allowed = np.broadcast_to(mask, s.shape)
    s_last = np.moveaxis(s, axis, -1)  # AxisError (a ValueError) if out of range
    allowed_last = np.moveaxis(allowed, axis, -1)
    x = s_last.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        m = np.max(np.where(allowed_last, x, -np.inf), axis=-1, keepdims=True, initial=-np.inf)
        m = np.where(m == -np.inf, 0, m)
        e = np.exp(np.where(allowed_last, x - m, -np.inf))
        total = e.sum(axis=-1, keepdims=True)
        p = e / np.where(total == 0, 1, total)
    return np.moveaxis(p, -1, axis).astype(dt)


@wrong(
    "masked_softmax", "no-value-error"
)  # casts the mask with np.asarray(mask, dtype=bool): mask=None becomes False, so masked_softmax([1., 2.], None) is all zeros instead of the softmax (and an integer mask is accepted)
def masked_softmax(scores, mask, axis=-1):
    mask = np.asarray(mask, dtype=bool)
    s = np.asarray(scores)
    if s.dtype.kind not in "biuf":
        raise ValueError(f"scores must hold real numbers, not {s.dtype}")
    dt = s.dtype if s.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    if mask is None:
        allowed = np.ones(s.shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, s.shape) == s.shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {s.shape}")
        allowed = np.broadcast_to(mask, s.shape)
    s_last = np.moveaxis(s, axis, -1)  # AxisError (a ValueError) if out of range
    allowed_last = np.moveaxis(allowed, axis, -1)
    x = s_last.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        m = np.max(np.where(allowed_last, x, -np.inf), axis=-1, keepdims=True, initial=-np.inf)
        m = np.where(m == -np.inf, 0, m)
        e = np.exp(np.where(allowed_last, x - m, -np.inf))
        total = e.sum(axis=-1, keepdims=True)
        p = e / np.where(total == 0, 1, total)
    return np.moveaxis(p, -1, axis).astype(dt)


@wrong(
    "masked_softmax", "mask-after-softmax-renormalised"
)  # masks by multiplying exp(scores - m) by the mask: a NaN in a masked entry leaks (nan * 0 = nan); scores [[nan, 0.]] with mask [[F, T]] give NaN instead of [0, 1]
def masked_softmax(scores, mask, axis=-1):
    s = np.asarray(scores)
    if s.dtype.kind not in "biuf":
        raise ValueError(f"scores must hold real numbers, not {s.dtype}")
    dt = s.dtype if s.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    if mask is None:
        allowed = np.ones(s.shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, s.shape) == s.shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {s.shape}")
        allowed = np.broadcast_to(mask, s.shape)
    s_last = np.moveaxis(s, axis, -1)  # AxisError (a ValueError) if out of range
    allowed_last = np.moveaxis(allowed, axis, -1)
    x = s_last.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        m = np.max(np.where(allowed_last, x, -np.inf), axis=-1, keepdims=True, initial=-np.inf)
        m = np.where(m == -np.inf, 0, m)
        e = np.exp(x - m) * allowed_last
        total = e.sum(axis=-1, keepdims=True)
        p = e / np.where(total == 0, 1, total)
    return np.moveaxis(p, -1, axis).astype(dt)


@wrong(
    "masked_softmax", "fully-masked-row-nan"
)  # no stand-in for an empty slice: the allowed max is -inf and -inf - (-inf) = NaN; a row of only -inf scores (mask None) or a fully masked row gives NaN instead of zeros
def masked_softmax(scores, mask, axis=-1):
    s = np.asarray(scores)
    if s.dtype.kind not in "biuf":
        raise ValueError(f"scores must hold real numbers, not {s.dtype}")
    dt = s.dtype if s.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    if mask is None:
        allowed = np.ones(s.shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, s.shape) == s.shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {s.shape}")
        allowed = np.broadcast_to(mask, s.shape)
    s_last = np.moveaxis(s, axis, -1)  # AxisError (a ValueError) if out of range
    allowed_last = np.moveaxis(allowed, axis, -1)
    x = s_last.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        xm = np.where(allowed_last, x, -np.inf)
        m = np.max(xm, axis=-1, keepdims=True, initial=-np.inf)
        e = np.exp(xm - m)
        p = e / e.sum(axis=-1, keepdims=True)
    return np.moveaxis(p, -1, axis).astype(dt)


@wrong(
    "masked_softmax", "wrong-dtype"
)  # output buffer np.zeros(scores.shape) is float64 and filled in place: masked_softmax(np.array([[1., 2.]], np.float32), None) is float64 (dtype not kept)
def masked_softmax(scores, mask, axis=-1):
    s = np.asarray(scores)
    if s.dtype.kind not in "biuf":
        raise ValueError(f"scores must hold real numbers, not {s.dtype}")
    dt = s.dtype if s.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    if mask is None:
        allowed = np.ones(s.shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, s.shape) == s.shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {s.shape}")
        allowed = np.broadcast_to(mask, s.shape)
    s_last = np.moveaxis(s, axis, -1)  # AxisError (a ValueError) if out of range
    allowed_last = np.moveaxis(allowed, axis, -1)
    x = s_last.astype(work)
    out = np.zeros(x.shape)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        m = np.max(np.where(allowed_last, x, -np.inf), axis=-1, keepdims=True, initial=-np.inf)
        m = np.where(m == -np.inf, 0, m)
        e = np.exp(np.where(allowed_last, x - m, -np.inf))
        total = e.sum(axis=-1, keepdims=True)
        out[...] = e / np.where(total == 0, 1, total)
    out = np.moveaxis(out, -1, axis)
    return out.astype(np.float16) if dt == np.float16 else out


@wrong(
    "masked_softmax", "wrong-axis"
)  # normalises along the last axis whatever axis says (the sum is hard-coded axis=-1): masked_softmax([[1., 2.], [3., 4.]], None, axis=0) gives the row softmax
def masked_softmax(scores, mask, axis=-1):
    s = np.asarray(scores)
    if s.dtype.kind not in "biuf":
        raise ValueError(f"scores must hold real numbers, not {s.dtype}")
    dt = s.dtype if s.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    if mask is None:
        allowed = np.ones(s.shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, s.shape) == s.shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {s.shape}")
        allowed = np.broadcast_to(mask, s.shape)
    s_last = np.moveaxis(s, axis, -1)  # AxisError (a ValueError) if out of range
    allowed_last = np.moveaxis(allowed, axis, -1)
    x = s.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        m = np.max(np.where(allowed, x, -np.inf), axis=-1, keepdims=True, initial=-np.inf)
        m = np.where(m == -np.inf, 0, m)
        e = np.exp(np.where(allowed, x - m, -np.inf))
        total = e.sum(axis=-1, keepdims=True)
        p = e / np.where(total == 0, 1, total)
    return p.astype(dt)


@wrong(
    "masked_softmax", "masking-float16-sum"
)  # computes float16 input in float16: the sum of a row of 65,520 float16 zeros overflows to inf and every probability becomes 0 instead of 1/65520
def masked_softmax(scores, mask, axis=-1):
    s = np.asarray(scores)
    if s.dtype.kind not in "biuf":
        raise ValueError(f"scores must hold real numbers, not {s.dtype}")
    dt = s.dtype if s.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    if mask is None:
        allowed = np.ones(s.shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, s.shape) == s.shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {s.shape}")
        allowed = np.broadcast_to(mask, s.shape)
    s_last = np.moveaxis(s, axis, -1)  # AxisError (a ValueError) if out of range
    allowed_last = np.moveaxis(allowed, axis, -1)
    x = s_last.astype(dt)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        m = np.max(np.where(allowed_last, x, -np.inf), axis=-1, keepdims=True, initial=-np.inf)
        m = np.where(m == -np.inf, 0, m).astype(dt)
        e = np.exp(np.where(allowed_last, x - m, -np.inf)).astype(dt)
        total = np.add.reduce(e, axis=-1, keepdims=True, dtype=dt)
        p = e / np.where(total == 0, 1, total).astype(dt)
    return np.moveaxis(p, -1, axis).astype(dt)


# =====================================================================================
# online_softmax(z, block_size)
# =====================================================================================


@right(
    "online_softmax"
)  # vectorised over the batch axes, one pass over blocks of the last axis keeping running max m and rescaled sum l (0 stand-in while only -inf was seen), then exp(z - m) / l
def online_softmax(z, block_size):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"z must hold real numbers, not {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one axis")
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    dt = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    x = z.astype(work)
    n = x.shape[-1]
    m = np.full(x.shape[:-1], -np.inf, dtype=work)
    ms = np.zeros(x.shape[:-1], dtype=work)  # m with the 0 stand-in
    l = np.zeros(x.shape[:-1], dtype=work)
    with np.errstate(invalid="ignore", over="ignore"):
        for start in range(0, n, block_size):
            blk = x[..., start : start + block_size]
            m_new = np.maximum(m, blk.max(axis=-1))
            ms_new = np.where(m_new == -np.inf, 0, m_new)
            l = l * np.exp(m - ms_new) + np.exp(blk - ms_new[..., None]).sum(axis=-1)
            m, ms = m_new, ms_new
        out = np.exp(x - ms[..., None]) / np.where(l == 0, 1, l)[..., None]
    return out.astype(dt)


@right(
    "online_softmax"
)  # per-slice Python loop with scalar running max and sum over blocks (slices from a (-1, n) reshape), rescaling the sum when the max grows
def online_softmax(z, block_size):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"z must hold real numbers, not {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one axis")
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    dt = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    x = z.astype(work)
    if x.size == 0:
        return x.astype(dt)
    n = x.shape[-1]
    rows = x.reshape(-1, n)
    out = np.empty(rows.shape, dtype=work)
    zero, neg_inf = work.type(0), work.type(-np.inf)
    with np.errstate(invalid="ignore", over="ignore"):
        for r in range(rows.shape[0]):
            row = rows[r]
            run_max, run_sum = neg_inf, zero
            for start in range(0, n, block_size):
                blk = row[start : start + block_size]
                new_max = np.maximum(run_max, blk.max())
                new_shift = zero if new_max == neg_inf else new_max
                run_sum = run_sum * np.exp(run_max - new_shift) + np.exp(blk - new_shift).sum()
                run_max = new_max
            shift = zero if run_max == neg_inf else run_max
            out[r] = np.exp(row - shift) / (run_sum if run_sum != 0 else work.type(1))
    return out.reshape(x.shape).astype(dt)


@right(
    "online_softmax"
)  # reads block by block but updates the running (max, sum) one element at a time inside each block (Milakov-Gimelshein per-element form), vectorised over the batch axes
def online_softmax(z, block_size):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"z must hold real numbers, not {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one axis")
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    dt = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    x = z.astype(work)
    n = x.shape[-1]
    batch = x.shape[:-1]
    m = np.full(batch, -np.inf, dtype=work)
    d = np.zeros(batch, dtype=work)
    with np.errstate(invalid="ignore", over="ignore"):
        start = 0
        while start < n:
            blk = x[..., start : min(start + block_size, n)]
            for j in range(blk.shape[-1]):
                xj = blk[..., j]
                m_new = np.maximum(m, xj)
                new_shift = np.where(np.isneginf(m_new), 0, m_new)
                d = d * np.exp(m - new_shift) + np.exp(xj - new_shift)
                m = m_new
            start += block_size
        shift = np.where(np.isneginf(m), 0, m)[..., None]
        out = np.exp(x - shift) / np.where(d == 0, 1, d)[..., None]
    return out.astype(dt)


@wrong(
    "online_softmax", "online-softmax-empty-rescale"
)  # uses the 0 stand-in for the old max as well when rescaling (l * exp(0 - m_new)): a first block far below 0 overflows exp, 0 * inf = NaN; online_softmax([-800., -801.], 1) is NaN instead of [0.731, 0.269]
def online_softmax(z, block_size):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"z must hold real numbers, not {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one axis")
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    dt = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    x = z.astype(work)
    n = x.shape[-1]
    m = np.full(x.shape[:-1], -np.inf, dtype=work)
    ms = np.zeros(x.shape[:-1], dtype=work)  # m with the 0 stand-in
    l = np.zeros(x.shape[:-1], dtype=work)
    with np.errstate(invalid="ignore", over="ignore"):
        for start in range(0, n, block_size):
            blk = x[..., start : start + block_size]
            m_new = np.maximum(m, blk.max(axis=-1))
            ms_new = np.where(m_new == -np.inf, 0, m_new)
            l = l * np.exp(ms - ms_new) + np.exp(blk - ms_new[..., None]).sum(axis=-1)
            m, ms = m_new, ms_new
        out = np.exp(x - ms[..., None]) / np.where(l == 0, 1, l)[..., None]
    return out.astype(dt)


@wrong(
    "online_softmax", "online-softmax-rescale"
)  # does not rescale the running sum when the max grows (l += sum exp(block - m_new)): online_softmax(log [1, 2, 3, 4], block_size=1) does not sum to 1
def online_softmax(z, block_size):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"z must hold real numbers, not {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one axis")
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    dt = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    x = z.astype(work)
    n = x.shape[-1]
    m = np.full(x.shape[:-1], -np.inf, dtype=work)
    l = np.zeros(x.shape[:-1], dtype=work)
    with np.errstate(invalid="ignore", over="ignore"):
        for start in range(0, n, block_size):
            blk = x[..., start : start + block_size]
            m = np.maximum(m, blk.max(axis=-1))
            ms = np.where(m == -np.inf, 0, m)
            l = l + np.exp(blk - ms[..., None]).sum(axis=-1)
        ms = np.where(m == -np.inf, 0, m)
        out = np.exp(x - ms[..., None]) / np.where(l == 0, 1, l)[..., None]
    return out.astype(dt)


@wrong(
    "online_softmax", "online-softmax-rescale"
)  # rescales the running sum by exp(m_new - m) instead of exp(m - m_new): online_softmax(log [1, 2, 3, 4], block_size=1) is wrong
def online_softmax(z, block_size):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"z must hold real numbers, not {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one axis")
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    dt = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    x = z.astype(work)
    n = x.shape[-1]
    m = np.full(x.shape[:-1], -np.inf, dtype=work)
    ms = np.zeros(x.shape[:-1], dtype=work)
    l = np.zeros(x.shape[:-1], dtype=work)
    with np.errstate(invalid="ignore", over="ignore"):
        for start in range(0, n, block_size):
            blk = x[..., start : start + block_size]
            m_new = np.maximum(m, blk.max(axis=-1))
            ms_new = np.where(m_new == -np.inf, 0, m_new)
            l = l * np.exp(ms_new - ms) + np.exp(blk - ms_new[..., None]).sum(axis=-1)
            m, ms = m_new, ms_new
        out = np.exp(x - ms[..., None]) / np.where(l == 0, 1, l)[..., None]
    return out.astype(dt)


@wrong(
    "online_softmax", "online-softmax-two-pass"
)  # process: two passes (global max first, then the sum), block_size only validated; the numbers equal the reference's, the streaming is missing
def online_softmax(z, block_size):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"z must hold real numbers, not {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one axis")
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    dt = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    x = z.astype(work)
    with np.errstate(invalid="ignore", over="ignore"):
        m = x.max(axis=-1, keepdims=True, initial=-np.inf)
        m = np.where(m == -np.inf, 0, m)
        e = np.exp(x - m)
        total = e.sum(axis=-1, keepdims=True)
        out = e / np.where(total == 0, 1, total)
    return out.astype(dt)


@wrong(
    "online_softmax", "online-softmax-two-pass"
)  # ignores block_size altogether (a whole-row stable softmax): process not streaming, and online_softmax([1., 2.], block_size=0) returns instead of raising ValueError
def online_softmax(z, block_size):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one axis")
    dt = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    x = z.astype(work)
    with np.errstate(invalid="ignore", over="ignore"):
        m = x.max(axis=-1, keepdims=True, initial=-np.inf)
        m = np.where(m == -np.inf, 0, m)
        e = np.exp(x - m)
        total = e.sum(axis=-1, keepdims=True)
        out = e / np.where(total == 0, 1, total)
    return out.astype(dt)


@wrong(
    "online_softmax", "blocks-last-partial-block"
)  # loops over n // block_size full blocks only, dropping the short last block: online_softmax([1., 2., 3.], block_size=2) leaves 3 out of the max and sum
def online_softmax(z, block_size):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"z must hold real numbers, not {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one axis")
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    dt = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    x = z.astype(work)
    n = x.shape[-1]
    m = np.full(x.shape[:-1], -np.inf, dtype=work)
    ms = np.zeros(x.shape[:-1], dtype=work)
    l = np.zeros(x.shape[:-1], dtype=work)
    with np.errstate(invalid="ignore", over="ignore"):
        for b in range(n // block_size):
            blk = x[..., b * block_size : (b + 1) * block_size]
            m_new = np.maximum(m, blk.max(axis=-1))
            ms_new = np.where(m_new == -np.inf, 0, m_new)
            l = l * np.exp(m - ms_new) + np.exp(blk - ms_new[..., None]).sum(axis=-1)
            m, ms = m_new, ms_new
        out = np.exp(x - ms[..., None]) / np.where(l == 0, 1, l)[..., None]
    return out.astype(dt)


@wrong(
    "online_softmax", "raised-error"
)  # cuts the row with np.array_split(x, n // block_size, axis=-1): for block_size larger than n there are 0 sections and online_softmax([1., 2.], 5) raises instead of returning the softmax
def online_softmax(z, block_size):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"z must hold real numbers, not {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one axis")
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    dt = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    x = z.astype(work)
    n = x.shape[-1]
    m = np.full(x.shape[:-1], -np.inf, dtype=work)
    ms = np.zeros(x.shape[:-1], dtype=work)
    l = np.zeros(x.shape[:-1], dtype=work)
    with np.errstate(invalid="ignore", over="ignore"):
        for blk in np.array_split(x, n // block_size, axis=-1):
            m_new = np.maximum(m, blk.max(axis=-1))
            ms_new = np.where(m_new == -np.inf, 0, m_new)
            l = l * np.exp(m - ms_new) + np.exp(blk - ms_new[..., None]).sum(axis=-1)
            m, ms = m_new, ms_new
        out = np.exp(x - ms[..., None]) / np.where(l == 0, 1, l)[..., None]
    return out.astype(dt)


@wrong(
    "online_softmax", "blocks-masked-block-running-max"
)  # no stand-in for a -inf running max: -inf - (-inf) = NaN, so online_softmax([[-inf, -inf]], 1) is NaN instead of zeros and [-inf, -inf, 1, 2] with block_size=1 is NaN instead of [0, 0, 0.269, 0.731]
def online_softmax(z, block_size):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"z must hold real numbers, not {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one axis")
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    dt = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    x = z.astype(work)
    n = x.shape[-1]
    m = np.full(x.shape[:-1], -np.inf, dtype=work)
    l = np.zeros(x.shape[:-1], dtype=work)
    with np.errstate(invalid="ignore", over="ignore"):
        for start in range(0, n, block_size):
            blk = x[..., start : start + block_size]
            m_new = np.maximum(m, blk.max(axis=-1))
            l = l * np.exp(m - m_new) + np.exp(blk - m_new[..., None]).sum(axis=-1)
            m = m_new
        out = np.exp(x - m[..., None]) / l[..., None]
    return out.astype(dt)


@wrong(
    "online_softmax", "no-value-error"
)  # block_size checked only as >= 1 and used through int(): online_softmax([1., 2.], block_size=2.0) returns instead of raising ValueError
def online_softmax(z, block_size):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one axis")
    if block_size < 1:
        raise ValueError("block_size must be at least 1")
    block_size = int(block_size)
    dt = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    x = z.astype(work)
    n = x.shape[-1]
    m = np.full(x.shape[:-1], -np.inf, dtype=work)
    ms = np.zeros(x.shape[:-1], dtype=work)
    l = np.zeros(x.shape[:-1], dtype=work)
    with np.errstate(invalid="ignore", over="ignore"):
        for start in range(0, n, block_size):
            blk = x[..., start : start + block_size]
            m_new = np.maximum(m, blk.max(axis=-1))
            ms_new = np.where(m_new == -np.inf, 0, m_new)
            l = l * np.exp(m - ms_new) + np.exp(blk - ms_new[..., None]).sum(axis=-1)
            m, ms = m_new, ms_new
        out = np.exp(x - ms[..., None]) / np.where(l == 0, 1, l)[..., None]
    return out.astype(dt)


@wrong(
    "online_softmax", "no-max-shift"
)  # streams a running sum of exp(z) with no running max: online_softmax([1000., 1001.], 1) overflows to NaN instead of [0.269, 0.731]
def online_softmax(z, block_size):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"z must hold real numbers, not {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one axis")
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    dt = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    x = z.astype(work)
    n = x.shape[-1]
    l = np.zeros(x.shape[:-1], dtype=work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        for start in range(0, n, block_size):
            l = l + np.exp(x[..., start : start + block_size]).sum(axis=-1)
        out = np.exp(x) / np.where(l == 0, 1, l)[..., None]
    return out.astype(dt)


@wrong(
    "online_softmax", "wrong-dtype"
)  # running sum initialised with np.zeros(batch_shape), which is float64: online_softmax(np.array([1., 2.], np.float32), 1) is float64 (dtype not kept)
def online_softmax(z, block_size):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"z must hold real numbers, not {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one axis")
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    dt = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    x = z.astype(work)
    n = x.shape[-1]
    m = np.full(x.shape[:-1], -np.inf, dtype=work)
    ms = np.zeros(x.shape[:-1], dtype=work)
    l = np.zeros(x.shape[:-1])
    with np.errstate(invalid="ignore", over="ignore"):
        for start in range(0, n, block_size):
            blk = x[..., start : start + block_size]
            m_new = np.maximum(m, blk.max(axis=-1))
            ms_new = np.where(m_new == -np.inf, 0, m_new)
            l = l * np.exp(m - ms_new) + np.exp(blk - ms_new[..., None]).sum(axis=-1)
            m, ms = m_new, ms_new
        out = np.exp(x - ms[..., None]) / np.where(l == 0, 1, l)[..., None]
    return out.astype(np.float16) if dt == np.float16 else out


@wrong(
    "online_softmax", "global-normalisation"
)  # takes the block max and sum without axis=-1, i.e. over the whole batch: online_softmax([[0., 0.], [5., 5.]], 2) normalises across rows (rows do not each sum to 1)
def online_softmax(z, block_size):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"z must hold real numbers, not {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one axis")
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    dt = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    x = z.astype(work)
    n = x.shape[-1]
    m = -np.inf
    ms = work.type(0)
    l = work.type(0)
    with np.errstate(invalid="ignore", over="ignore"):
        for start in range(0, n, block_size):
            blk = x[..., start : start + block_size]
            m_new = max(m, blk.max()) if blk.size else m
            ms_new = work.type(0 if m_new == -np.inf else m_new)
            l = l * np.exp(m - ms_new) + np.exp(blk - ms_new).sum()
            m, ms = m_new, ms_new
        out = np.exp(x - ms) / (l if l != 0 else 1)
    return out.astype(dt)


# =====================================================================================
# tiled_attention(Q, K, V, block_size, mask=None)
# =====================================================================================


@right(
    "tiled_attention"
)  # vectorised over batch and queries, loop over key blocks with running max m, sum l and accumulator acc (both rescaled by exp(m - m')); mask read per block from a broadcast view; non-finite values added only for allowed pairs
def tiled_attention(Q, K, V, block_size, mask=None):
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)
    d_v = v.shape[-1]
    mask_view = np.broadcast_to(allowed, score_shape)
    m = np.full(batch + (n_q, 1), -np.inf, dtype=work)
    ms = np.zeros(batch + (n_q, 1), dtype=work)
    l = np.zeros(batch + (n_q, 1), dtype=work)
    acc = np.zeros(batch + (n_q, d_v), dtype=work)
    wild_acc = np.zeros(batch + (n_q, d_v), dtype=work)  # inf / NaN values that reach
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        for start in range(0, n_k, block_size):
            stop = min(start + block_size, n_k)
            kb, vb = k[..., start:stop, :], v[..., start:stop, :]
            ok = mask_view[..., start:stop]
            s = np.broadcast_to(q @ np.swapaxes(kb, -1, -2) / math.sqrt(d_k), ok.shape)
            s = np.where(ok, s, -np.inf)
            m_new = np.maximum(m, s.max(axis=-1, keepdims=True))
            ms_new = np.where(m_new == -np.inf, 0, m_new)
            alpha = np.exp(m - ms_new)
            p = np.where(ok, np.exp(s - ms_new), 0)
            l = l * alpha + p.sum(axis=-1, keepdims=True)
            finite = np.isfinite(vb)
            acc = acc * alpha + p @ np.where(finite, vb, 0)
            if not finite.all():
                reach = ok & (s != -np.inf)
                for j in np.flatnonzero(
                    ~finite.all(axis=tuple(range(finite.ndim - 2)) + (finite.ndim - 1,))
                ):
                    wild = np.where(finite[..., j : j + 1, :], 0, vb[..., j : j + 1, :])
                    wild_acc = wild_acc + np.where(reach[..., j : j + 1], wild, 0)
            m, ms = m_new, ms_new
        out = acc / np.where(l == 0, 1, l) + wild_acc
    return np.broadcast_to(out, batch + (n_q, d_v)).astype(dt)


@right(
    "tiled_attention"
)  # explicit loops over batch index and query, scalar running (max, sum) and a d_v accumulator per query; only allowed keys of each block are read
def tiled_attention(Q, K, V, block_size, mask=None):
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)
    d_v = v.shape[-1]
    qb = np.broadcast_to(q, batch + q.shape[-2:])
    kb = np.broadcast_to(k, batch + k.shape[-2:])
    vb = np.broadcast_to(v, batch + v.shape[-2:])
    out = np.zeros(batch + (n_q, d_v), dtype=work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        for bi in np.ndindex(*batch):
            for i in range(n_q):
                run_m = -np.inf
                run_l = work.type(0)
                acc = np.zeros(d_v, dtype=work)
                wild = np.zeros(d_v, dtype=work)
                for start in range(0, n_k, block_size):
                    stop = min(start + block_size, n_k)
                    keep = start + np.flatnonzero(allowed[bi + (i,)][start:stop])
                    s = (kb[bi][keep] @ qb[bi][i]) / math.sqrt(d_k)
                    live = s != -np.inf  # a -inf score weighs exactly 0
                    keep, s = keep[live], s[live]
                    if keep.size == 0:
                        continue
                    new_m = np.maximum(run_m, s.max())
                    new_shift = 0.0 if new_m == -np.inf else new_m
                    scale = np.exp(work.type(run_m) - work.type(new_shift))
                    p = np.exp(s - work.type(new_shift))
                    run_l = run_l * scale + p.sum()
                    vals = vb[bi][keep]
                    fin = np.isfinite(vals)
                    acc = acc * scale + p @ np.where(fin, vals, 0)
                    wild = wild + np.where(fin, 0, vals).sum(axis=0)
                    run_m = new_m
                if run_l != 0:
                    out[bi + (i,)] = acc / run_l + wild
    return out.astype(dt)


@right(
    "tiled_attention"
)  # einsum scores per key block, running max / sum kept without a keepdims axis, value rows accumulated one key at a time through np.where(allowed, p * v, 0)
def tiled_attention(Q, K, V, block_size, mask=None):
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)
    d_v = v.shape[-1]
    view = np.broadcast_to(allowed, score_shape)
    run_max = np.full(batch + (n_q,), -np.inf, dtype=work)
    run_sum = np.zeros(batch + (n_q,), dtype=work)
    acc = np.zeros(batch + (n_q, d_v), dtype=work)
    wild_acc = np.zeros(batch + (n_q, d_v), dtype=work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        for start in range(0, n_k, block_size):
            sl = slice(start, start + block_size)
            ok = view[..., sl]
            s = np.einsum("...qd,...kd->...qk", q, k[..., sl, :]) / math.sqrt(d_k)
            s = np.where(ok, s, -np.inf)
            new_max = np.maximum(run_max, s.max(axis=-1, initial=-np.inf))
            new_ref = np.where(np.isneginf(new_max), 0, new_max)
            factor = np.exp(run_max - new_ref)
            p = np.exp(s - new_ref[..., None])
            p = np.where(ok, p, 0)
            run_sum = run_sum * factor + p.sum(axis=-1)
            vb = v[..., sl, :]
            fin = np.where(np.isfinite(vb), vb, 0)
            wild = np.where(np.isfinite(vb), 0, vb)
            reach = ok & (s != -np.inf)
            acc = acc * factor[..., None]
            for j in range(vb.shape[-2]):  # one key at a time: O(n_q * d_v) memory
                r = reach[..., j : j + 1]
                acc = acc + np.where(r, p[..., j : j + 1] * fin[..., j : j + 1, :], 0)
                wild_acc = wild_acc + np.where(r, wild[..., j : j + 1, :], 0)
            run_max = new_max
        out = acc / np.where(run_sum == 0, 1, run_sum)[..., None] + wild_acc
    return out.astype(dt)


@wrong(
    "tiled_attention", "online-softmax-empty-rescale"
)  # rescales with the 0 stand-in for the old max (exp(0 - m_new)) on the first block: scores far below 0 overflow exp, 0 * inf = NaN; Q=[[-2000, 0]], K=[[1, 0], [2, 0]], V=I, block_size=1 gives NaN instead of [1, 0]
def tiled_attention(Q, K, V, block_size, mask=None):
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)
    d_v = v.shape[-1]
    mask_view = np.broadcast_to(allowed, score_shape)
    m = np.full(batch + (n_q, 1), -np.inf, dtype=work)
    ms = np.zeros(batch + (n_q, 1), dtype=work)
    l = np.zeros(batch + (n_q, 1), dtype=work)
    acc = np.zeros(batch + (n_q, d_v), dtype=work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        for start in range(0, n_k, block_size):
            stop = min(start + block_size, n_k)
            kb, vb = k[..., start:stop, :], v[..., start:stop, :]
            ok = mask_view[..., start:stop]
            s = np.broadcast_to(q @ np.swapaxes(kb, -1, -2) / math.sqrt(d_k), ok.shape)
            s = np.where(ok, s, -np.inf)
            m_new = np.maximum(m, s.max(axis=-1, keepdims=True))
            ms_new = np.where(m_new == -np.inf, 0, m_new)
            alpha = np.exp(ms - ms_new)
            p = np.where(ok, np.exp(s - ms_new), 0)
            l = l * alpha + p.sum(axis=-1, keepdims=True)
            if np.all(np.isfinite(vb)):
                step = p @ vb
            else:
                step = np.zeros(batch + (n_q, d_v), dtype=work)
                for j in range(stop - start):
                    step = step + np.where(
                        ok[..., j : j + 1], p[..., j : j + 1] * vb[..., j : j + 1, :], 0
                    )
            acc = acc * alpha + step
            m, ms = m_new, ms_new
        out = acc / np.where(l == 0, 1, l)
    return np.broadcast_to(out, batch + (n_q, d_v)).astype(dt)


@wrong(
    "tiled_attention", "tiled-attention-rescale"
)  # rescales the running sum l but forgets to rescale the accumulator acc when the max grows: keys in increasing score order (Q=[[1, 0]], K=[[0, 0], [3, 0]], V=[[1, 0], [0, 1]], block_size=1) give a wrong output
def tiled_attention(Q, K, V, block_size, mask=None):
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)

    def _acc_step(p, ok, vb):
        if np.all(np.isfinite(vb)):
            return p @ vb
        step = 0
        for j in range(vb.shape[-2]):
            step = step + np.where(ok[..., j : j + 1], p[..., j : j + 1] * vb[..., j : j + 1, :], 0)
        return step

    d_v = v.shape[-1]
    view = np.broadcast_to(allowed, score_shape)
    m = np.full(batch + (n_q, 1), -np.inf, dtype=work)
    ms = np.zeros(batch + (n_q, 1), dtype=work)
    l = np.zeros(batch + (n_q, 1), dtype=work)
    acc = np.zeros(batch + (n_q, d_v), dtype=work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        for start in range(0, n_k, block_size):
            sl = slice(start, start + block_size)
            ok = view[..., sl]
            s = np.where(ok, q @ np.swapaxes(k[..., sl, :], -1, -2) / math.sqrt(d_k), -np.inf)
            m_new = np.maximum(m, s.max(axis=-1, keepdims=True))
            ms_new = np.where(m_new == -np.inf, 0, m_new)
            p = np.where(ok, np.exp(s - ms_new), 0)
            l = l * np.exp(m - ms_new) + p.sum(axis=-1, keepdims=True)
            acc = acc + _acc_step(p, ok, v[..., sl, :])
            m, ms = m_new, ms_new
        out = acc / np.where(l == 0, 1, l)
    return out.astype(dt)


@wrong(
    "tiled_attention", "tiled-attention-rescale"
)  # rescales acc but not the running sum l: with keys in increasing score order (Q=[[1, 0]], K=[[0, 0], [3, 0]], V=[[1, 0], [0, 1]], block_size=1) the output is wrong
def tiled_attention(Q, K, V, block_size, mask=None):
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)

    def _acc_step(p, ok, vb):
        if np.all(np.isfinite(vb)):
            return p @ vb
        step = 0
        for j in range(vb.shape[-2]):
            step = step + np.where(ok[..., j : j + 1], p[..., j : j + 1] * vb[..., j : j + 1, :], 0)
        return step

    d_v = v.shape[-1]
    view = np.broadcast_to(allowed, score_shape)
    m = np.full(batch + (n_q, 1), -np.inf, dtype=work)
    ms = np.zeros(batch + (n_q, 1), dtype=work)
    l = np.zeros(batch + (n_q, 1), dtype=work)
    acc = np.zeros(batch + (n_q, d_v), dtype=work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        for start in range(0, n_k, block_size):
            sl = slice(start, start + block_size)
            ok = view[..., sl]
            s = np.where(ok, q @ np.swapaxes(k[..., sl, :], -1, -2) / math.sqrt(d_k), -np.inf)
            m_new = np.maximum(m, s.max(axis=-1, keepdims=True))
            ms_new = np.where(m_new == -np.inf, 0, m_new)
            alpha = np.exp(m - ms_new)
            p = np.where(ok, np.exp(s - ms_new), 0)
            l = l + p.sum(axis=-1, keepdims=True)
            acc = acc * alpha + _acc_step(p, ok, v[..., sl, :])
            m, ms = m_new, ms_new
        out = acc / np.where(l == 0, 1, l)
    return out.astype(dt)


@wrong(
    "tiled_attention", "tiled-attention-full-score-matrix"
)  # process: builds the whole (n_q, n_k) score matrix and does an ordinary masked softmax (block_size only validated); numbers agree, no tiling
def tiled_attention(Q, K, V, block_size, mask=None):
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        scores = np.broadcast_to(q @ np.swapaxes(k, -1, -2) / math.sqrt(d_k), score_shape)
        masked = np.where(allowed, scores, -np.inf)
        m = np.max(masked, axis=-1, keepdims=True, initial=-np.inf)
        m = np.where(m == -np.inf, 0, m)
        e = np.where(allowed, np.exp(masked - m), 0)
        total = e.sum(axis=-1, keepdims=True)
        weights = e / np.where(total == 0, 1, total)
        output = np.where(allowed[..., None], weights[..., None] * v[..., None, :, :], 0).sum(-2)
    return output.astype(dt)


@wrong(
    "tiled_attention", "blocks-last-partial-block"
)  # loops over n_k // block_size full blocks, dropping the short last block: the docstring example with a third key [0, 1, 0, 0] (value [1, 1]) and block_size=2 ignores that key, giving [3, 2] instead of [2.6, 1.8]
def tiled_attention(Q, K, V, block_size, mask=None):
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)

    def _acc_step(p, ok, vb):
        if np.all(np.isfinite(vb)):
            return p @ vb
        step = 0
        for j in range(vb.shape[-2]):
            step = step + np.where(ok[..., j : j + 1], p[..., j : j + 1] * vb[..., j : j + 1, :], 0)
        return step

    d_v = v.shape[-1]
    view = np.broadcast_to(allowed, score_shape)
    m = np.full(batch + (n_q, 1), -np.inf, dtype=work)
    ms = np.zeros(batch + (n_q, 1), dtype=work)
    l = np.zeros(batch + (n_q, 1), dtype=work)
    acc = np.zeros(batch + (n_q, d_v), dtype=work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        for b in range(n_k // block_size):
            sl = slice(b * block_size, (b + 1) * block_size)
            ok = view[..., sl]
            s = np.where(ok, q @ np.swapaxes(k[..., sl, :], -1, -2) / math.sqrt(d_k), -np.inf)
            m_new = np.maximum(m, s.max(axis=-1, keepdims=True))
            ms_new = np.where(m_new == -np.inf, 0, m_new)
            alpha = np.exp(m - ms_new)
            p = np.where(ok, np.exp(s - ms_new), 0)
            l = l * alpha + p.sum(axis=-1, keepdims=True)
            acc = acc * alpha + _acc_step(p, ok, v[..., sl, :])
            m, ms = m_new, ms_new
        out = acc / np.where(l == 0, 1, l)
    return out.astype(dt)


@wrong(
    "tiled_attention", "wrong-values"
)  # normalises every block on its own and averages the block outputs: the docstring example with block_size=1 gives [2, 4] instead of [3, 2]
def tiled_attention(Q, K, V, block_size, mask=None):
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)

    def _acc_step(p, ok, vb):
        if np.all(np.isfinite(vb)):
            return p @ vb
        step = 0
        for j in range(vb.shape[-2]):
            step = step + np.where(ok[..., j : j + 1], p[..., j : j + 1] * vb[..., j : j + 1, :], 0)
        return step

    d_v = v.shape[-1]
    view = np.broadcast_to(allowed, score_shape)
    total = np.zeros(batch + (n_q, d_v), dtype=work)
    count = np.zeros(batch + (n_q, 1), dtype=work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        for start in range(0, n_k, block_size):
            sl = slice(start, start + block_size)
            ok = view[..., sl]
            s = np.where(ok, q @ np.swapaxes(k[..., sl, :], -1, -2) / math.sqrt(d_k), -np.inf)
            mb = s.max(axis=-1, keepdims=True)
            mb_s = np.where(mb == -np.inf, 0, mb)
            p = np.where(ok, np.exp(s - mb_s), 0)
            lb = p.sum(axis=-1, keepdims=True)
            part = _acc_step(p, ok, v[..., sl, :])
            total = total + part / np.where(lb == 0, 1, lb)
            count = count + (lb > 0)
        out = total / np.where(count == 0, 1, count)
    return out.astype(dt)


@wrong(
    "tiled_attention", "fully-masked-row-nan"
)  # no guard for a query with no allowed key: acc / l = 0/0, so the docstring example with mask=[[False, False]] gives [nan, nan] instead of [0, 0]
def tiled_attention(Q, K, V, block_size, mask=None):
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)

    def _acc_step(p, ok, vb):
        if np.all(np.isfinite(vb)):
            return p @ vb
        step = 0
        for j in range(vb.shape[-2]):
            step = step + np.where(ok[..., j : j + 1], p[..., j : j + 1] * vb[..., j : j + 1, :], 0)
        return step

    d_v = v.shape[-1]
    view = np.broadcast_to(allowed, score_shape)
    m = np.full(batch + (n_q, 1), -np.inf, dtype=work)
    ms = np.zeros(batch + (n_q, 1), dtype=work)
    l = np.zeros(batch + (n_q, 1), dtype=work)
    acc = np.zeros(batch + (n_q, d_v), dtype=work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        for start in range(0, n_k, block_size):
            sl = slice(start, start + block_size)
            ok = view[..., sl]
            s = np.where(ok, q @ np.swapaxes(k[..., sl, :], -1, -2) / math.sqrt(d_k), -np.inf)
            m_new = np.maximum(m, s.max(axis=-1, keepdims=True))
            ms_new = np.where(m_new == -np.inf, 0, m_new)
            alpha = np.exp(m - ms_new)
            p = np.where(ok, np.exp(s - ms_new), 0)
            l = l * alpha + p.sum(axis=-1, keepdims=True)
            acc = acc * alpha + _acc_step(p, ok, v[..., sl, :])
            m, ms = m_new, ms_new
        out = acc / l
    return out.astype(dt)


@wrong(
    "tiled_attention", "masked-value-leaks"
)  # accumulates acc += p @ V_block: a masked key whose value row holds NaN/inf leaks (0 * NaN); docstring example with V=[[4, 0], [nan, inf]] and mask=[True, False] gives [nan, nan] instead of [4, 0]
def tiled_attention(Q, K, V, block_size, mask=None):
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)
    d_v = v.shape[-1]
    view = np.broadcast_to(allowed, score_shape)
    m = np.full(batch + (n_q, 1), -np.inf, dtype=work)
    ms = np.zeros(batch + (n_q, 1), dtype=work)
    l = np.zeros(batch + (n_q, 1), dtype=work)
    acc = np.zeros(batch + (n_q, d_v), dtype=work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        for start in range(0, n_k, block_size):
            sl = slice(start, start + block_size)
            ok = view[..., sl]
            s = np.where(ok, q @ np.swapaxes(k[..., sl, :], -1, -2) / math.sqrt(d_k), -np.inf)
            m_new = np.maximum(m, s.max(axis=-1, keepdims=True))
            ms_new = np.where(m_new == -np.inf, 0, m_new)
            alpha = np.exp(m - ms_new)
            p = np.where(ok, np.exp(s - ms_new), 0)
            l = l * alpha + p.sum(axis=-1, keepdims=True)
            acc = acc * alpha + p @ v[..., sl, :]
            m, ms = m_new, ms_new
        out = acc / np.where(l == 0, 1, l)
    return out.astype(dt)


@wrong(
    "tiled_attention", "online-softmax-empty-rescale"
)  # running max initialised to 0 instead of -inf: when every score is very negative all exps underflow; Q=[[-2000, 0]], K=[[1, 0], [2, 0]], V=I gives [0, 0] (a 'fully masked' answer) instead of [1, 0]
def tiled_attention(Q, K, V, block_size, mask=None):
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)

    def _acc_step(p, ok, vb):
        if np.all(np.isfinite(vb)):
            return p @ vb
        step = 0
        for j in range(vb.shape[-2]):
            step = step + np.where(ok[..., j : j + 1], p[..., j : j + 1] * vb[..., j : j + 1, :], 0)
        return step

    d_v = v.shape[-1]
    view = np.broadcast_to(allowed, score_shape)
    m = np.zeros(batch + (n_q, 1), dtype=work)
    l = np.zeros(batch + (n_q, 1), dtype=work)
    acc = np.zeros(batch + (n_q, d_v), dtype=work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        for start in range(0, n_k, block_size):
            sl = slice(start, start + block_size)
            ok = view[..., sl]
            s = np.where(ok, q @ np.swapaxes(k[..., sl, :], -1, -2) / math.sqrt(d_k), -np.inf)
            m_new = np.maximum(m, s.max(axis=-1, keepdims=True))
            alpha = np.exp(m - m_new)
            p = np.where(ok, np.exp(s - m_new), 0)
            l = l * alpha + p.sum(axis=-1, keepdims=True)
            acc = acc * alpha + _acc_step(p, ok, v[..., sl, :])
            m = m_new
        out = acc / np.where(l == 0, 1, l)
    return out.astype(dt)


@wrong(
    "tiled_attention", "no-value-error"
)  # block_size not type-checked, used in range(0, n_k, block_size): block_size=1.0 raises TypeError instead of ValueError
def tiled_attention(Q, K, V, block_size, mask=None):
    if block_size < 1:
        raise ValueError("block_size must be at least 1")
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)

    def _acc_step(p, ok, vb):
        if np.all(np.isfinite(vb)):
            return p @ vb
        step = 0
        for j in range(vb.shape[-2]):
            step = step + np.where(ok[..., j : j + 1], p[..., j : j + 1] * vb[..., j : j + 1, :], 0)
        return step

    d_v = v.shape[-1]
    view = np.broadcast_to(allowed, score_shape)
    m = np.full(batch + (n_q, 1), -np.inf, dtype=work)
    ms = np.zeros(batch + (n_q, 1), dtype=work)
    l = np.zeros(batch + (n_q, 1), dtype=work)
    acc = np.zeros(batch + (n_q, d_v), dtype=work)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        for start in range(0, n_k, block_size):
            sl = slice(start, start + block_size)
            ok = view[..., sl]
            s = np.where(ok, q @ np.swapaxes(k[..., sl, :], -1, -2) / math.sqrt(d_k), -np.inf)
            m_new = np.maximum(m, s.max(axis=-1, keepdims=True))
            ms_new = np.where(m_new == -np.inf, 0, m_new)
            alpha = np.exp(m - ms_new)
            p = np.where(ok, np.exp(s - ms_new), 0)
            l = l * alpha + p.sum(axis=-1, keepdims=True)
            acc = acc * alpha + _acc_step(p, ok, v[..., sl, :])
            m, ms = m_new, ms_new
        out = acc / np.where(l == 0, 1, l)
    return out.astype(dt)


@wrong(
    "tiled_attention", "wrong-dtype"
)  # accumulator created with np.zeros((..., n_q, d_v)) in float64 and never cast back: the docstring example in float32 gives a float64 output (dtype not kept)
def tiled_attention(Q, K, V, block_size, mask=None):
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), got {a.shape}")
    d_k = Q.shape[-1]
    if d_k == 0:
        raise ValueError("d_k must be at least 1")
    if K.shape[-1] != d_k:
        raise ValueError("Q and K must have the same last dimension d_k")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError("K and V must have one row per key")
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError("the batch dimensions of Q, K and V do not broadcast") from None
    n_q, n_k = Q.shape[-2], K.shape[-2]
    score_shape = batch + (n_q, n_k)
    if mask is None:
        allowed = np.ones(score_shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be boolean, got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {score_shape}")
        allowed = np.broadcast_to(mask, score_shape)
    dt = np.result_type(Q, K, V)
    if dt.kind != "f":
        dt = np.dtype(np.float64)
    work = np.dtype(np.float32) if dt == np.float16 else dt
    q, k, v = Q.astype(work), K.astype(work), V.astype(work)

    def _acc_step(p, ok, vb):
        if np.all(np.isfinite(vb)):
            return p @ vb
        step = 0
        for j in range(vb.shape[-2]):
            step = step + np.where(ok[..., j : j + 1], p[..., j : j + 1] * vb[..., j : j + 1, :], 0)
        return step

    d_v = v.shape[-1]
    view = np.broadcast_to(allowed, score_shape)
    m = np.full(batch + (n_q, 1), -np.inf, dtype=work)
    ms = np.zeros(batch + (n_q, 1), dtype=work)
    l = np.zeros(batch + (n_q, 1), dtype=work)
    acc = np.zeros(batch + (n_q, d_v))
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        for start in range(0, n_k, block_size):
            sl = slice(start, start + block_size)
            ok = view[..., sl]
            s = np.where(ok, q @ np.swapaxes(k[..., sl, :], -1, -2) / math.sqrt(d_k), -np.inf)
            m_new = np.maximum(m, s.max(axis=-1, keepdims=True))
            ms_new = np.where(m_new == -np.inf, 0, m_new)
            alpha = np.exp(m - ms_new)
            p = np.where(ok, np.exp(s - ms_new), 0)
            l = l * alpha + p.sum(axis=-1, keepdims=True)
            acc = acc * alpha + _acc_step(p, ok, v[..., sl, :])
            m, ms = m_new, ms_new
        out = acc / np.where(l == 0, 1, l)
    return out.astype(np.float16) if dt == np.float16 else out
