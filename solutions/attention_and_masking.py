"""Reference answers of ``07_attention_and_masking``.

Attention weights are a softmax over similarity scores, restricted by a boolean mask in which
``True`` means "may attend" (the convention of PyTorch's ``scaled_dot_product_attention``).
Three rules hold across every function of this module:

* a masked entry gets a weight of exactly 0 (it is left out, not filled with a large negative
  number that could still win);
* a query (a row) with nothing it may attend to gets all-zero weights and a zero output, never
  NaN and never a uniform distribution; an entry whose score is ``-inf`` counts as masked, so
  a row whose allowed scores are all ``-inf`` is treated the same way;
* integer (and boolean) inputs are promoted to float64; float16/32/64 inputs keep their dtype
  (float16 is computed in float32 internally and rounded once at the end).

``online_softmax`` and ``tiled_attention`` compute the same numbers as ``masked_softmax`` and
``scaled_dot_product_attention`` in a single streaming pass over blocks, keeping a running
maximum and a rescaled running sum (Milakov & Gimelshein, 2018); ``tiled_attention`` never
holds the full (n_q, n_k) score matrix (the idea behind FlashAttention) and returns the output
only.

Each function is self-contained (NumPy and ``math`` only): its source is pasted verbatim into
the notebook's solution cell.
"""

import math

import numpy as np

__all__ = [
    "scaled_dot_product_attention",
    "causal_mask",
    "padding_mask",
    "masked_softmax",
    "online_softmax",
    "tiled_attention",
]


def scaled_dot_product_attention(Q, K, V, mask=None):
    """Scaled dot-product attention with an optional boolean mask.

    Parameters
    ----------
    Q : array_like, shape (..., n_q, d_k)
        Queries.
    K : array_like, shape (..., n_k, d_k)
        Keys.
    V : array_like, shape (..., n_k, d_v)
        Values, one row per key.
    mask : array_like of bool, optional
        Broadcastable to ``(..., n_q, n_k)``; ``True`` where a query may attend to a key.
        ``None`` lets every query attend to every key.

    Returns
    -------
    output : ndarray, shape (..., n_q, d_v)
        ``weights @ V``: each query's convex combination of the value rows.
    weights : ndarray, shape (..., n_q, n_k)
        Softmax over the keys of ``Q Kᵀ / √d_k``, taken over allowed keys only. Masked
        entries are exactly 0; a query with no allowed key has all-zero weights (and so a zero
        output).

    Raises
    ------
    ValueError
        If an array has fewer than 2 dimensions or holds non-real numbers, if ``d_k`` is 0, if
        the shapes of ``Q``, ``K`` and ``V`` do not fit together (feature sizes, number of
        keys, leading batch dimensions), or if ``mask`` is not boolean or does not broadcast
        to ``(..., n_q, n_k)``.

    Notes
    -----
    Dividing by √d_k keeps the scores of order 1: the dot product of two random vectors with
    unit-variance entries has variance d_k, and large scores make the softmax nearly one-hot,
    where its gradients vanish. The softmax subtracts each row's maximum over its *allowed*
    entries, so it is finite for any finite scores. Leading batch dimensions of ``Q``, ``K``
    and ``V`` broadcast against each other as in ``numpy.matmul``; ``mask`` must broadcast to
    the shape of the scores without enlarging it.

    A masked key's value never reaches the output, even when it is NaN or infinite (a plain
    ``weights @ V`` would give ``0 * inf = NaN``); a NaN or infinite value of an allowed key
    makes that output entry NaN or infinite, as the formula says. A NaN score propagates to
    its query's weights and output. float16 input is computed in float32 (scores, sums and
    the weighted sum of values) and rounded once at the end.

    Examples
    --------
    A single query that matches the first key: scores [ln 3, 0] give weights [3/4, 1/4].

    >>> Q = [[2 * np.log(3.0), 0.0, 0.0, 0.0]]
    >>> K = [[1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]]
    >>> V = [[4.0, 0.0], [0.0, 8.0]]
    >>> output, weights = scaled_dot_product_attention(Q, K, V)
    >>> weights
    array([[0.75, 0.25]])
    >>> output
    array([[3., 2.]])

    A query that may attend to nothing gets a zero output:

    >>> output, weights = scaled_dot_product_attention(Q, K, V, mask=[[False, False]])
    >>> weights, output
    (array([[0., 0.]]), array([[0., 0.]]))

    A masked key's value never reaches the output, not even NaN or inf:

    >>> V_bad = [[4.0, 0.0], [np.nan, np.inf]]
    >>> scaled_dot_product_attention(Q, K, V_bad, mask=[[True, False]])[0]
    array([[4., 0.]])
    """
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, array in (("Q", Q), ("K", K), ("V", V)):
        if array.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), but it has shape {array.shape}")
        if array.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, not {array.dtype}")
    if Q.shape[-1] != K.shape[-1]:
        raise ValueError(
            f"Q and K must have the same last dimension d_k, but Q has shape {Q.shape} "
            f"and K has shape {K.shape}"
        )
    if Q.shape[-1] == 0:
        raise ValueError("d_k must be at least 1: there are no features to compare")
    if K.shape[-2] != V.shape[-2]:
        raise ValueError(
            f"K and V must have one row per key, but K has shape {K.shape} and V has shape "
            f"{V.shape}"
        )
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError(
            f"the batch dimensions of Q {Q.shape}, K {K.shape} and V {V.shape} do not broadcast"
        ) from None
    scores_shape = batch + (Q.shape[-2], K.shape[-2])

    dtype = np.result_type(Q, K, V)
    if dtype.kind != "f":
        dtype = np.dtype(np.float64)  # integers and booleans are promoted
    work = np.promote_types(dtype, np.float32)  # float16 is computed in float32

    allowed = np.ones(scores_shape, dtype=bool)
    if mask is not None:
        mask = np.asarray(mask)
        if mask.dtype != np.bool_:
            raise ValueError(
                f"mask must be boolean (True = may attend), but it has dtype {mask.dtype}"
            )
        try:
            fits = np.broadcast_shapes(mask.shape, scores_shape) == scores_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(
                f"mask of shape {mask.shape} does not broadcast to the scores' shape "
                f"{scores_shape} (..., n_q, n_k)"
            )
        allowed = np.broadcast_to(mask, scores_shape)

    scores = (Q.astype(work) @ np.swapaxes(K.astype(work), -1, -2)) / math.sqrt(Q.shape[-1])
    # A score of -inf is "may not attend" too; NaN stays allowed so that it propagates.
    allowed = allowed & (scores != -np.inf)
    # The maximum over allowed entries only: a masked score, however large, must not shift it.
    row_max = np.max(np.where(allowed, scores, -np.inf), axis=-1, keepdims=True, initial=-np.inf)
    # A row with nothing allowed has max -inf; any finite stand-in avoids -inf - (-inf) = NaN.
    row_max = np.where(row_max == -np.inf, 0.0, row_max)
    with np.errstate(invalid="ignore"):
        exps = np.exp(np.where(allowed, scores - row_max, -np.inf))
    total = np.sum(exps, axis=-1, keepdims=True)
    # Nothing allowed: the sum is 0 and every exp is 0, so dividing by 1 gives the zero row.
    weights = exps / np.where(total == 0, 1.0, total)
    values = V.astype(work)
    finite = np.isfinite(values)
    if finite.all():
        output = weights @ values
    else:
        # 0 * inf and 0 * NaN are NaN, so a masked key (weight 0) holding inf or NaN would
        # poison its query's output. Multiply the finite values only, then put back what
        # the non-finite values of the *allowed* keys give: NaN for a NaN (or for +inf
        # meeting -inf), else +inf or -inf.
        output = weights @ np.where(finite, values, 0.0)
        reach = allowed.astype(work)

        def reached(special):  # does an allowed key hold `special` in this column?
            return (reach @ special.astype(work)) > 0

        pos, neg = reached(values == np.inf), reached(values == -np.inf)
        nan = reached(np.isnan(values)) | (pos & neg) | np.isnan(output)  # NaN stays NaN
        output = np.where(nan, np.nan, np.where(pos, np.inf, np.where(neg, -np.inf, output)))
    return output.astype(dtype, copy=False), weights.astype(dtype, copy=False)


def causal_mask(n):
    """The causal (autoregressive) mask of a sequence of length ``n``.

    Parameters
    ----------
    n : int
        Sequence length, at least 0.

    Returns
    -------
    ndarray of bool, shape (n, n)
        ``True`` on and below the diagonal: query ``i`` may attend to keys ``0, ..., i``
        (itself and the past), never to a later position.

    Raises
    ------
    ValueError
        If ``n`` is not an integer or is negative.

    Examples
    --------
    >>> causal_mask(3)
    array([[ True, False, False],
           [ True,  True, False],
           [ True,  True,  True]])
    """
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise ValueError(f"n must be an integer, not {n!r}")
    if n < 0:
        raise ValueError(f"n must be at least 0, but it is {n}")
    positions = np.arange(n)
    # Key j is visible from query i when it is not in i's future: j <= i.
    return positions[:, None] >= positions[None, :]


def padding_mask(lengths, n):
    """The key-padding mask of a batch of sequences padded to length ``n``.

    Parameters
    ----------
    lengths : array_like of int, shape (B,)
        The true length of each sequence, each between 0 and ``n``.
    n : int
        The padded length, at least 0.

    Returns
    -------
    ndarray of bool, shape (B, n)
        Row ``b`` is ``True`` at positions ``0, ..., lengths[b] - 1`` (real tokens) and
        ``False`` on the padding. To mask keys in attention, give it a query axis:
        ``padding_mask(lengths, n)[:, None, :]`` broadcasts to ``(B, n_q, n)``.

    Raises
    ------
    ValueError
        If ``lengths`` is not a 1-D array of integers, if a length is negative or larger than
        ``n``, or if ``n`` is not a non-negative integer.

    Examples
    --------
    >>> padding_mask([2, 0, 3], 3)
    array([[ True,  True, False],
           [False, False, False],
           [ True,  True,  True]])
    """
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise ValueError(f"n must be an integer, not {n!r}")
    if n < 0:
        raise ValueError(f"n must be at least 0, but it is {n}")
    lengths = np.asarray(lengths)
    if lengths.ndim != 1:
        raise ValueError(f"lengths must be 1-D (one length per sequence), not {lengths.shape}")
    if lengths.size == 0:
        lengths = lengths.astype(np.int64)  # np.asarray([]) is float64: nothing to check
    if lengths.dtype.kind not in "iu":
        raise ValueError(f"lengths must be integers, not {lengths.dtype}")
    if np.any(lengths < 0) or np.any(lengths > n):
        raise ValueError(f"every length must lie between 0 and n={n}, but lengths={lengths}")
    # Position t holds a real token when t < length (positions count from 0).
    return np.arange(n)[None, :] < lengths[:, None]


def masked_softmax(scores, mask, axis=-1):
    """Softmax over the allowed entries only.

    Parameters
    ----------
    scores : array_like
        Real scores (logits), any shape.
    mask : array_like of bool or None
        Broadcastable to ``scores.shape``; ``True`` where an entry takes part. ``None`` allows
        every entry.
    axis : int, optional
        The axis along which to normalise (default: the last).

    Returns
    -------
    ndarray
        Same shape as ``scores``. Along ``axis``, the allowed entries hold the softmax of
        their scores and sum to 1; masked entries are exactly 0. A slice with nothing allowed
        (fully masked, or every allowed score ``-inf``) is all zeros. Float dtypes are kept,
        integers promoted to float64.

    Raises
    ------
    ValueError
        If ``mask`` is not boolean or does not broadcast to ``scores.shape``, if ``scores``
        holds non-real numbers, or if ``axis`` is not an integer (bool rejected) in range
        (for a non-integer ``axis``, NumPy's own ``TypeError`` would do as well).

    Notes
    -----
    Masked entries are left out with ``np.where`` rather than filled with a large negative
    number: a fill of -1e9 turns a fully masked row into a uniform one, and it is no fill at
    all once the scores themselves are below -1e9 (or in float16, where -1e9 is -inf). The
    maximum that is subtracted is taken over allowed entries only, so a masked score far
    above the others cannot make every allowed exponential underflow. An entry scoring
    ``-inf`` gets 0, like a masked one; NaN in an allowed entry propagates to its slice.

    Examples
    --------
    >>> scores = np.log([[1.0, 2.0, 3.0, 4.0], [1.0, 1.0, 1.0, 1.0]])
    >>> mask = np.array([[True, True, True, False], [False, False, False, False]])
    >>> masked_softmax(scores, mask)
    array([[0.1667, 0.3333, 0.5   , 0.    ],
           [0.    , 0.    , 0.    , 0.    ]])
    """
    scores = np.asarray(scores)
    if scores.dtype.kind not in "biuf":
        raise ValueError(f"scores must hold real numbers, not {scores.dtype}")
    dtype = scores.dtype if scores.dtype.kind == "f" else np.dtype(np.float64)
    work = np.promote_types(dtype, np.float32)  # float16 is computed in float32
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise ValueError(f"axis must be an integer, not {axis!r}")
    if not -scores.ndim <= axis < scores.ndim:
        raise ValueError(f"axis {axis} is out of range for scores of shape {scores.shape}")
    if mask is None:
        allowed = np.ones(scores.shape, dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != np.bool_:
            raise ValueError(
                f"mask must be boolean (True = may attend), but it has dtype {mask.dtype}"
            )
        try:
            fits = np.broadcast_shapes(mask.shape, scores.shape) == scores.shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(
                f"mask of shape {mask.shape} does not broadcast to the scores' shape {scores.shape}"
            )
        allowed = np.broadcast_to(mask, scores.shape)

    z = scores.astype(work)
    # -inf scores count as masked; NaN stays allowed so that it propagates.
    allowed = allowed & (z != -np.inf)
    top = np.max(np.where(allowed, z, -np.inf), axis=axis, keepdims=True, initial=-np.inf)
    top = np.where(top == -np.inf, 0.0, top)  # nothing allowed: any finite shift will do
    with np.errstate(invalid="ignore"):
        exps = np.exp(np.where(allowed, z - top, -np.inf))
    total = np.sum(exps, axis=axis, keepdims=True)
    probs = exps / np.where(total == 0, 1.0, total)
    return probs.astype(dtype, copy=False)


def online_softmax(z, block_size):
    """Softmax along the last axis in one streaming pass over blocks (online normaliser).

    Parameters
    ----------
    z : array_like, at least 1-D
        Logits. Leading axes are batch axes: every slice along the last axis is normalised
        on its own.
    block_size : int
        How many entries of the last axis are read at a time, at least 1. The last block may
        be shorter.

    Returns
    -------
    ndarray
        Same shape as ``z``: the softmax along the last axis, equal (to rounding) to the
        stable softmax. Entries equal to ``-inf`` get 0; a slice that is entirely ``-inf``
        comes out as all zeros (as a fully masked row of ``masked_softmax``), not NaN. NaN
        propagates. Float dtypes are kept, integers promoted to float64.

    Raises
    ------
    ValueError
        If ``block_size`` is not an integer of at least 1, if ``z`` is 0-D or holds non-real
        numbers.

    Notes
    -----
    The pass keeps, per slice, the running maximum ``m`` of the entries read so far and the
    running sum ``l`` of ``exp(entry - m)``. When a block raises the maximum from ``m`` to
    ``m'``, every term already in ``l`` was scaled by ``exp(-m)`` instead of ``exp(-m')``, so
    ``l`` is multiplied by ``exp(m - m')`` before the block's own terms are added (Milakov &
    Gimelshein, 2018, "Online normalizer calculation for softmax"). At the end ``l`` is the
    normaliser of the stable softmax, and one more elementwise pass writes
    ``exp(z - m) / l``. While a slice has shown only ``-inf``, its maximum is ``-inf``; a
    stand-in of 0 avoids the NaN of ``-inf - (-inf)``.

    Examples
    --------
    >>> online_softmax(np.log([1.0, 2.0, 3.0, 4.0]), block_size=3)
    array([0.1, 0.2, 0.3, 0.4])
    >>> online_softmax([[1000.0, 1001.0], [-np.inf, -np.inf]], block_size=1)
    array([[0.2689, 0.7311],
           [0.    , 0.    ]])
    """
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    z = np.asarray(z)
    if z.ndim == 0:
        raise ValueError("z must have at least one axis to normalise along")
    if z.dtype.kind not in "biuf":
        raise ValueError(f"z must hold real numbers, not {z.dtype}")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.promote_types(dtype, np.float32)  # float16 is accumulated in float32

    n = z.shape[-1]
    running_max = np.full(z.shape[:-1] + (1,), -np.inf, dtype=work)
    running_sum = np.zeros(z.shape[:-1] + (1,), dtype=work)
    with np.errstate(invalid="ignore"):  # +inf entries give NaN, as in the stable softmax
        for start in range(0, n, block_size):
            block = z[..., start : start + block_size].astype(work)
            new_max = np.maximum(running_max, np.max(block, axis=-1, keepdims=True))
            shift = np.where(new_max == -np.inf, 0.0, new_max)
            # Rescale what was summed relative to the old maximum, then add this block.
            running_sum = running_sum * np.exp(running_max - shift) + np.sum(
                np.exp(block - shift), axis=-1, keepdims=True
            )
            running_max = new_max
        shift = np.where(running_max == -np.inf, 0.0, running_max)
        probs = np.exp(z.astype(work) - shift) / np.where(running_sum == 0, 1.0, running_sum)
    return probs.astype(dtype, copy=False)


def tiled_attention(Q, K, V, block_size, mask=None):
    """Scaled dot-product attention over blocks of keys, without the full score matrix.

    Parameters
    ----------
    Q : array_like, shape (..., n_q, d_k)
        Queries.
    K : array_like, shape (..., n_k, d_k)
        Keys.
    V : array_like, shape (..., n_k, d_v)
        Values, one row per key.
    block_size : int
        How many keys are processed at a time, at least 1; the last block may be shorter.
    mask : array_like of bool, optional
        Broadcastable to ``(..., n_q, n_k)``; ``True`` where a query may attend to a key.

    Returns
    -------
    ndarray, shape (..., n_q, d_v)
        The attention output, equal (to rounding) to the ``output`` of
        ``scaled_dot_product_attention(Q, K, V, mask)``; a query with no allowed key gets a
        zero row. Only the output is returned: the whole point is that the (n_q, n_k)
        weights never exist at once.

    Raises
    ------
    ValueError
        As ``scaled_dot_product_attention``, and if ``block_size`` is not an integer of at
        least 1.

    Notes
    -----
    For each key block the scores ``Q K_blockᵀ / √d_k`` (shape (..., n_q, block_size)) update
    three running quantities per query: the maximum ``m`` of the allowed scores so far, the
    sum ``l`` of their ``exp(score - m)`` and the accumulator ``acc`` of
    ``exp(score - m) · v``. When the maximum grows from ``m`` to ``m'``, both ``l`` and
    ``acc`` are multiplied by ``exp(m - m')`` first. At the end ``acc / l`` is the output
    (FlashAttention, Dao et al., 2022, does the same on GPU tiles). Memory is
    O(n_q · (block_size + d_v)) besides the inputs; a boolean mask is read one block of
    columns at a time through a broadcast view.

    As in ``scaled_dot_product_attention``, a masked key's value never reaches the output,
    even when it is NaN or infinite: non-finite values are left out of ``acc`` (where a
    weight of 0 would turn them into NaN) and recorded per query and column for the allowed
    keys only, then put back at the end. float16 input is computed in float32 and rounded
    once at the end.

    Examples
    --------
    >>> Q = [[2 * np.log(3.0), 0.0, 0.0, 0.0]]
    >>> K = [[1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]]
    >>> V = [[4.0, 0.0], [0.0, 8.0]]
    >>> tiled_attention(Q, K, V, block_size=1)
    array([[3., 2.]])
    >>> tiled_attention(Q, K, V, block_size=1, mask=[[False, False]])
    array([[0., 0.]])
    >>> tiled_attention(Q, K, [[4.0, 0.0], [np.nan, np.inf]], block_size=1, mask=[[True, False]])
    array([[4., 0.]])
    """
    if (
        isinstance(block_size, (bool, np.bool_))
        or not isinstance(block_size, (int, np.integer))
        or block_size < 1
    ):
        raise ValueError(f"block_size must be an integer of at least 1, not {block_size!r}")
    Q, K, V = np.asarray(Q), np.asarray(K), np.asarray(V)
    for name, array in (("Q", Q), ("K", K), ("V", V)):
        if array.ndim < 2:
            raise ValueError(f"{name} must have shape (..., n, d), but it has shape {array.shape}")
        if array.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, not {array.dtype}")
    if Q.shape[-1] != K.shape[-1]:
        raise ValueError(
            f"Q and K must have the same last dimension d_k, but Q has shape {Q.shape} "
            f"and K has shape {K.shape}"
        )
    if Q.shape[-1] == 0:
        raise ValueError("d_k must be at least 1: there are no features to compare")
    if K.shape[-2] != V.shape[-2]:
        raise ValueError(
            f"K and V must have one row per key, but K has shape {K.shape} and V has shape "
            f"{V.shape}"
        )
    try:
        batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    except ValueError:
        raise ValueError(
            f"the batch dimensions of Q {Q.shape}, K {K.shape} and V {V.shape} do not broadcast"
        ) from None
    n_q, n_k, d_v = Q.shape[-2], K.shape[-2], V.shape[-1]
    scores_shape = batch + (n_q, n_k)

    dtype = np.result_type(Q, K, V)
    if dtype.kind != "f":
        dtype = np.dtype(np.float64)
    work = np.promote_types(dtype, np.float32)

    if mask is not None:
        mask = np.asarray(mask)
        if mask.dtype != np.bool_:
            raise ValueError(
                f"mask must be boolean (True = may attend), but it has dtype {mask.dtype}"
            )
        try:
            fits = np.broadcast_shapes(mask.shape, scores_shape) == scores_shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(
                f"mask of shape {mask.shape} does not broadcast to the scores' shape "
                f"{scores_shape} (..., n_q, n_k)"
            )
        # A read-only view: broadcasting allocates nothing, blocks are sliced from it.
        mask = np.broadcast_to(mask, scores_shape)

    # Scaling the queries once costs O(n_q d_k) instead of O(n_q n_k).
    queries = Q.astype(work) / math.sqrt(Q.shape[-1])
    keys_t = np.swapaxes(K, -1, -2)
    running_max = np.full(batch + (n_q, 1), -np.inf, dtype=work)
    running_sum = np.zeros(batch + (n_q, 1), dtype=work)
    acc = np.zeros(batch + (n_q, d_v), dtype=work)
    # Per query and value column: has an allowed key shown +inf, -inf or NaN there? Those
    # values stay out of acc (0 * inf is NaN for the keys of weight 0) and come back at the end.
    pos = np.zeros(acc.shape, dtype=bool)
    neg = np.zeros(acc.shape, dtype=bool)
    nan = np.zeros(acc.shape, dtype=bool)
    with np.errstate(invalid="ignore"):
        for start in range(0, n_k, block_size):
            stop = min(start + block_size, n_k)
            # The only (n_q, block) arrays: this block's scores, turned into exps in place.
            scores = queries @ keys_t[..., start:stop].astype(work)
            if mask is not None:  # masked keys score -inf (a masked NaN is dropped too)
                np.copyto(scores, -np.inf, where=~mask[..., start:stop])
            values = V[..., start:stop, :].astype(work)
            finite = np.isfinite(values)
            if not finite.all():
                reach = (scores != -np.inf).astype(work)  # the allowed keys of this block
                pos |= (reach @ (values == np.inf).astype(work)) > 0
                neg |= (reach @ (values == -np.inf).astype(work)) > 0
                nan |= (reach @ np.isnan(values).astype(work)) > 0
                values = np.where(finite, values, 0.0)
            new_max = np.maximum(running_max, np.max(scores, axis=-1, keepdims=True))
            # While a query has seen no allowed key its maximum is -inf: use a stand-in.
            shift = np.where(new_max == -np.inf, 0.0, new_max)
            scores -= shift  # -inf stays -inf
            exps = np.exp(scores, out=scores)
            rescale = np.exp(running_max - shift)
            running_sum = running_sum * rescale + np.sum(exps, axis=-1, keepdims=True)
            acc = acc * rescale + exps @ values
            running_max = new_max
    output = acc / np.where(running_sum == 0, 1.0, running_sum)
    nan |= (pos & neg) | np.isnan(output)  # a NaN score's NaN stays NaN
    output = np.where(nan, np.nan, np.where(pos, np.inf, np.where(neg, -np.inf, output)))
    return output.astype(dtype, copy=False)
