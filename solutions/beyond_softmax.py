"""Reference answers of notebook ``08_beyond_softmax``.

Softmax never gives an exact zero. Sparsemax (Martins & Astudillo 2016) is the closest point
of the probability simplex to the logits: a threshold ``tau`` found by sorting, subtracted,
and everything below it clipped to exactly 0. 1.5-entmax (Peters, Niculae & Martins 2019)
lies in between: the clipped differences are squared, so it is sparse like sparsemax and
smooth like softmax. Then sampling: the argmax of the logits plus Gumbel noise is a draw from
``softmax(z)`` (the Gumbel-max trick), and the softmax of the noisy logits at a temperature
is its relaxed, differentiable version (Gumbel-softmax; Jang, Gu & Poole 2017; Maddison,
Mnih & Teh 2017).

Every function is self-contained (NumPy and ``math`` only), because its source is pasted
into the notebook.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["sparsemax", "entmax15", "gumbel_max_sample", "gumbel_softmax"]


def sparsemax(z, axis=-1):
    """Sparsemax along ``axis``: the Euclidean projection of the logits onto the simplex.

    Parameters
    ----------
    z : array_like
        Logits, any shape with at least one dimension. Integer (and boolean) input is
        promoted to float64; float16/32/64 input keeps its dtype.
    axis : int, optional
        The axis along which the probabilities sum to 1 (default: the last one).

    Returns
    -------
    numpy.ndarray
        Probabilities of the same shape as ``z``, summing to 1 along ``axis``, with exact
        zeros for every logit at or below the threshold ``tau``.

    Raises
    ------
    ValueError
        If ``z`` is not real or is a scalar, or if ``axis`` is not an integer in range (for
        a non-integer ``axis``, NumPy's own ``TypeError`` would do as well).

    Notes
    -----
    ``sparsemax(z) = argmin_p ||p - z||^2`` over the distributions ``p``; its solution is
    ``p_i = max(z_i - tau, 0)`` with the ``tau`` that makes them sum to 1 (Martins &
    Astudillo 2016, Algorithm 1). With the logits sorted in decreasing order,
    ``z_(1) >= ... >= z_(K)``, and their running sums ``c_k``, the support holds the ``k``
    largest logits for which ``1 + k z_(k) > c_k``; with ``k*`` of them,
    ``tau = (c_(k*) - 1) / k*``. Sorting costs O(K log K).

    Like softmax, sparsemax does not change when a constant is added to every logit, and
    keeps their order. The maximum is subtracted first, which keeps the running sums small.
    No probability exceeds 1, so ``tau >= max(z) - 1``: a logit at or below ``max(z) - 1``
    always gets exactly 0 (the logits are floored at ``max(z) - 2`` before the sums, which
    changes nothing and keeps them finite). Two classes give
    ``sparsemax([t, 0]) = [clip((t + 1) / 2, 0, 1), ...]``.

    Edge cases, decided as in ``stable_softmax``: a ``-inf`` logit gets exactly 0; a slice
    of only ``-inf`` (every class excluded) gets all zeros; a NaN or a ``+inf`` logit makes
    its slice NaN; tied logits get equal probabilities; one class gets probability 1; an
    empty axis gives an empty result. The arithmetic runs in float64 (or wider, for
    ``longdouble``), and the result is rounded once to the input's dtype.

    Examples
    --------
    >>> sparsemax([-2.0, 0.0, 0.5])
    array([0.  , 0.25, 0.75])
    >>> sparsemax([1.0, 2.0, 3.0])      # a 1-point lead takes everything
    array([0., 0., 1.])
    >>> sparsemax([[0.1, 0.2], [3.0, -np.inf]])
    array([[0.45, 0.55],
           [1.  , 0.  ]])
    >>> sparsemax([[1, 0], [1, 2]], axis=0)    # int -> float64
    array([[0.5, 0. ],
           [0.5, 1. ]])
    >>> sparsemax(np.array([0.5, 0.0, -1.0], dtype=np.float32))
    array([0.75, 0.25, 0.  ], dtype=float32)
    >>> sparsemax(2.0)
    Traceback (most recent call last):
    ...
    ValueError: z must have at least one dimension (the classes)
    """
    z = np.asarray(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    elif z.dtype.kind != "f":
        raise ValueError(f"z must hold real numbers, got dtype {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension (the classes)")
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise ValueError(f"axis must be an integer, got {axis!r}")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis must be an integer in [-{z.ndim}, {z.ndim}), got {axis}")
    x = np.moveaxis(z.astype(np.promote_types(z.dtype, np.float64)), axis, -1)
    if x.shape[-1] == 0:
        return np.zeros(z.shape, dtype=z.dtype)
    m = np.max(x, axis=-1, keepdims=True)
    excluded = m == -np.inf  # every class -inf: no distribution, all zeros
    undefined = np.isnan(m) | (m == np.inf)  # a NaN or a +inf logit: NaN
    with np.errstate(invalid="ignore", over="ignore"):
        # Shifted so that the largest logit is 0, floored at -2: entries at or below -1
        # never reach the support, and a floor keeps -inf and -1e308 out of the sums.
        x = np.maximum(x - np.where(excluded | undefined, 0.0, m), -2.0)
        s = -np.sort(-x, axis=-1)  # decreasing
        k = np.arange(1, x.shape[-1] + 1, dtype=x.dtype)
        c = np.cumsum(s, axis=-1)
        support = np.sum(1.0 + k * s > c, axis=-1, keepdims=True)
        size = np.maximum(support, 1)  # at least the largest logit, whatever rounding does
        tau = (np.take_along_axis(c, size - 1, axis=-1) - 1.0) / size
        p = np.maximum(x - tau, 0.0)
    p = np.where(excluded, 0.0, np.where(undefined, np.nan, p))
    return np.moveaxis(p, -1, axis).astype(z.dtype, copy=False)


def entmax15(z, axis=-1):
    """1.5-entmax along ``axis``: sparse like sparsemax, smooth like softmax.

    Parameters
    ----------
    z : array_like
        Logits, any shape with at least one dimension. Integer (and boolean) input is
        promoted to float64; float16/32/64 input keeps its dtype.
    axis : int, optional
        The axis along which the probabilities sum to 1 (default: the last one).

    Returns
    -------
    numpy.ndarray
        Probabilities of the same shape as ``z``, summing to 1 along ``axis``, with exact
        zeros for every logit with ``z / 2`` at or below the threshold ``tau``.

    Raises
    ------
    ValueError
        If ``z`` is not real or is a scalar, or if ``axis`` is not an integer in range (for
        a non-integer ``axis``, NumPy's own ``TypeError`` would do as well).

    Notes
    -----
    alpha-entmax maximises ``p . z + H_alpha(p)`` with the Tsallis entropy ``H_alpha``;
    ``alpha = 1`` is softmax and ``alpha = 2`` sparsemax. For ``alpha = 1.5`` the solution
    is ``p_i = max(z_i / 2 - tau, 0) ** 2`` with the ``tau`` that makes them sum to 1.
    With ``x = z / 2`` sorted in decreasing order, each candidate support of the ``k``
    largest entries gives ``tau_k = mean_k - sqrt((1 - ss_k) / k)``, where ``mean_k`` is
    their mean and ``ss_k`` the sum of their squared deviations from it (the root of
    ``sum_(j<=k) (x_(j) - tau)^2 = 1`` below ``x_(k)``); the support is the ``k`` with
    ``tau_k <= x_(k)``, and its ``tau_k`` is exact (Peters, Niculae & Martins 2019,
    Algorithm 2). Sorting costs O(K log K).

    Shift invariance and order hold as for softmax. The maximum is subtracted first, so the
    squares are of numbers between -2 and 0 and lose nothing to cancellation. No
    probability exceeds 1, so ``tau >= max(z) / 2 - 1``: a logit at or below ``max(z) - 2``
    always gets exactly 0. Two classes ``[t, 0]`` with ``|t| < 2`` give
    ``p_1 = ((t + sqrt(8 - t^2)) / 4)^2``; e.g. ``entmax15([1, 0])`` is
    ``[(4 + sqrt(7)) / 8, (4 - sqrt(7)) / 8]``.

    Edge cases, decided as in ``stable_softmax`` and ``sparsemax``: a ``-inf`` logit gets
    exactly 0; a slice of only ``-inf`` gets all zeros; a NaN or a ``+inf`` logit makes its
    slice NaN; tied logits get equal probabilities; one class gets probability 1; an empty
    axis gives an empty result. The arithmetic runs in float64 (or wider), and the result
    is rounded once to the input's dtype.

    Examples
    --------
    >>> entmax15([-2.0, 0.0, 0.5])
    array([0.        , 0.32600...,  0.67399...])
    >>> entmax15([1.0, 2.0, 3.0])
    array([0.        , 0.16928...,  0.83071...])
    >>> entmax15([0.0, 2 / 3, 2 / 3])     # (x - tau) = [1/3, 2/3, 2/3]
    array([0.11111111, 0.44444444, 0.44444444])
    >>> entmax15([[0.0, 0.0], [-np.inf, -np.inf]])
    array([[0.5, 0.5],
           [0. , 0. ]])
    """
    z = np.asarray(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    elif z.dtype.kind != "f":
        raise ValueError(f"z must hold real numbers, got dtype {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension (the classes)")
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise ValueError(f"axis must be an integer, got {axis!r}")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis must be an integer in [-{z.ndim}, {z.ndim}), got {axis}")
    x = np.moveaxis(z.astype(np.promote_types(z.dtype, np.float64)), axis, -1)
    if x.shape[-1] == 0:
        return np.zeros(z.shape, dtype=z.dtype)
    m = np.max(x, axis=-1, keepdims=True)
    excluded = m == -np.inf  # every class -inf: no distribution, all zeros
    undefined = np.isnan(m) | (m == np.inf)  # a NaN or a +inf logit: NaN
    with np.errstate(invalid="ignore", over="ignore"):
        # x = (z - max) / 2, floored at -2: entries at or below -1 never reach the support
        # (tau >= -1), and the floor keeps -inf and -1e308 out of the sums of squares.
        x = np.maximum((x - np.where(excluded | undefined, 0.0, m)) / 2.0, -2.0)
        s = -np.sort(-x, axis=-1)  # decreasing
        k = np.arange(1, x.shape[-1] + 1, dtype=x.dtype)
        mean = np.cumsum(s, axis=-1) / k
        mean_sq = np.cumsum(s * s, axis=-1) / k
        ss = k * (mean_sq - mean * mean)  # sum of squared deviations from the mean
        delta = np.maximum((1.0 - ss) / k, 0.0)  # < 0 only past the support
        taus = mean - np.sqrt(delta)
        support = np.sum(taus <= s, axis=-1, keepdims=True)
        size = np.maximum(support, 1)  # at least the largest entry, whatever rounding does
        tau = np.take_along_axis(taus, size - 1, axis=-1)
        p = np.maximum(x - tau, 0.0) ** 2
    p = np.where(excluded, 0.0, np.where(undefined, np.nan, p))
    return np.moveaxis(p, -1, axis).astype(z.dtype, copy=False)


def gumbel_max_sample(z, rng, size=None):
    """Draw class indices as ``argmax(z + g)`` with Gumbel noise ``g`` from the generator.

    Parameters
    ----------
    z : array_like
        1-D logits of ``K >= 1`` classes (``-inf`` allowed: that class is never drawn).
    rng : numpy.random.Generator
        The generator that supplies the noise (never NumPy's global state).
    size : int or tuple of int, optional
        The shape of the draws: a non-negative Python or NumPy integer (not bool), or a
        tuple or list of them. ``None`` (default) draws one index.

    Returns
    -------
    int or numpy.ndarray of int
        One index in ``0 .. K-1`` for ``size=None`` (a NumPy integer), else an integer
        array of shape ``size``. Class ``k`` is drawn with probability ``softmax(z)[k]``.

    Raises
    ------
    ValueError
        If ``rng`` is not a ``numpy.random.Generator``, if ``z`` is not a non-empty 1-D
        array of real numbers, if a logit is NaN or ``+inf`` (or all are ``-inf``), or if
        ``size`` is not ``None``, a non-negative integer or a tuple of them.

    Notes
    -----
    Each draw adds to the logits ``K`` independent standard Gumbel numbers
    ``g_k = -log(-log u_k)``, ``u_k`` uniform on (0, 1), and takes the index of the
    largest sum. ``P(argmax = k) = softmax(z)_k`` (Gumbel 1954; Maddison, Tarlow & Minka
    2014): no exponential and no normaliser is computed, and the maximum itself,
    ``max_k (z_k + g_k)``, is Gumbel-distributed with location ``logsumexp(z)`` (mean
    ``logsumexp(z) + 0.5772...``, Euler's constant).

    This reference draws ``rng.gumbel(size=size + (K,))``: one row of ``K`` noises per
    draw, in the same layout whatever the logits, so that raising one logit with the same
    seed changes draws only to that class. NumPy's ``gumbel`` never returns an infinite
    number (it rejects the ``u`` that would give one); ``-log(-log u)`` with
    ``u = rng.random()`` would be ``-inf`` when ``u`` is exactly 0, which ``rng.random``
    can return.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> gumbel_max_sample([1.0, 2.0, 3.0], rng, size=8)
    array([2, 0, 2, 2, 1, 2, 2, 0])
    >>> draws = gumbel_max_sample([0.0, np.log(3.0)], rng, size=100_000)
    >>> float(np.mean(draws == 1).round(2))   # softmax: 3/4
    0.75
    >>> int(gumbel_max_sample([5.0, -np.inf], rng))
    0
    >>> gumbel_max_sample([1.0, 2.0], rng=None)
    Traceback (most recent call last):
    ...
    ValueError: rng must be a numpy.random.Generator (e.g. np.random.default_rng(seed)), got None
    """
    if not isinstance(rng, np.random.Generator):
        raise ValueError(
            f"rng must be a numpy.random.Generator (e.g. np.random.default_rng(seed)), got {rng!r}"
        )
    shape = ()
    if size is not None:
        dims = tuple(size) if isinstance(size, (tuple, list)) else (size,)
        for d in dims:
            if isinstance(d, (bool, np.bool_)) or not isinstance(d, (int, np.integer)) or d < 0:
                raise ValueError(
                    f"size must be None, a non-negative integer or a tuple of them, got {size!r}"
                )
        shape = tuple(int(d) for d in dims)
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"z must hold real numbers, got dtype {z.dtype}")
    if z.ndim != 1 or z.shape[0] == 0:
        raise ValueError(f"z must be a non-empty 1-D array of logits, got shape {z.shape}")
    z = z.astype(np.float64)
    if np.any(np.isnan(z)) or np.any(z == np.inf) or np.all(z == -np.inf):
        raise ValueError("the logits must not be NaN or +inf, nor all -inf")
    g = rng.gumbel(size=shape + z.shape)
    return np.argmax(z + g, axis=-1)


def gumbel_softmax(z, T, rng):
    """A relaxed sample: ``softmax((z + g) / T)`` with Gumbel noise ``g`` from the generator.

    Parameters
    ----------
    z : array_like
        Logits, any shape with at least one dimension; the classes lie along the last axis,
        and every entry gets its own noise (every row of a batch is its own sample).
        Integer (and boolean) input is promoted to float64; float16/32/64 input keeps its
        dtype.
    T : float
        The temperature, a finite number ``> 0`` (a Python or NumPy real scalar).
    rng : numpy.random.Generator
        The generator that supplies the noise (never NumPy's global state).

    Returns
    -------
    numpy.ndarray
        Probabilities of the same shape as ``z``, summing to 1 along the last axis.

    Raises
    ------
    ValueError
        If ``rng`` is not a ``numpy.random.Generator``, if ``T`` is not a finite real number
        greater than 0, or if ``z`` is not real or is a scalar.

    Notes
    -----
    The argmax of a sample is a Gumbel-max draw, ``argmax(z + g)``, whatever ``T``: class
    ``k`` comes out on top with probability ``softmax(z)_k``. As ``T -> 0`` the sample
    becomes that one-hot vector; as ``T`` grows it flattens towards uniform. Unlike the
    argmax, the sample is a differentiable function of ``z`` (Jang, Gu & Poole 2017;
    Maddison, Mnih & Teh 2017).

    This reference draws ``g = rng.gumbel(size=z.shape)`` (finite: NumPy rejects the
    uniform number that would give an infinite one), then computes the softmax of
    ``(z + g) / T`` as ``softmax_with_temperature`` does: the maximum of ``z + g`` is
    subtracted before dividing by ``T``, so a tiny ``T`` cannot overflow. ``-inf`` logits
    get probability 0, a row of only ``-inf`` gets all zeros, a NaN or ``+inf`` logit
    makes its row NaN, one class gets 1, an empty axis gives an empty result. The
    arithmetic runs in float64 (or wider), rounded once to the input's dtype.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> gumbel_softmax([1.0, 2.0, 3.0], T=1.0, rng=rng).round(4)
    array([0.0053, 0.0464, 0.9483])
    >>> gumbel_softmax([[1.0, 2.0, 3.0]] * 3, T=1e-3, rng=rng)  # T -> 0: one-hot draws
    array([[1., 0., 0.],
           [0., 0., 1.],
           [0., 0., 1.]])
    >>> gumbel_softmax([[0.0, -np.inf], [-np.inf, -np.inf]], T=0.5, rng=rng)
    array([[1., 0.],
           [0., 0.]])
    >>> gumbel_softmax([1.0, 2.0], T=0.0, rng=rng)
    Traceback (most recent call last):
    ...
    ValueError: T must be a finite number greater than 0, got 0.0
    """
    if not isinstance(rng, np.random.Generator):
        raise ValueError(
            f"rng must be a numpy.random.Generator (e.g. np.random.default_rng(seed)), got {rng!r}"
        )
    z = np.asarray(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    elif z.dtype.kind != "f":
        raise ValueError(f"z must hold real numbers, got dtype {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension (the classes)")
    t = np.asarray(T)
    if t.ndim != 0 or t.dtype.kind not in "iuf":
        raise ValueError(f"T must be a single real number, got {T!r}")
    t = float(t)
    if not (math.isfinite(t) and t > 0.0):
        raise ValueError(f"T must be a finite number greater than 0, got {T!r}")
    y = z.astype(np.promote_types(z.dtype, np.float64)) + rng.gumbel(size=z.shape)
    m = np.max(y, axis=-1, keepdims=True, initial=-np.inf)
    # A row of only -inf has max -inf, and -inf - (-inf) is NaN: shift it by 0 instead, so
    # that its entries stay -inf and get exp(-inf) = 0. (+inf and NaN maxima stay: NaN.)
    m = np.where(m == -np.inf, 0.0, m)
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp((y - m) / t)
    total = np.sum(e, axis=-1, keepdims=True)
    # total >= 1 except for a row of only -inf, where every entry is 0 too: divide by 1.
    return (e / np.where(total == 0, 1.0, total)).astype(z.dtype, copy=False)
