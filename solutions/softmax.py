"""Reference answers of notebook ``02_softmax``: the softmax, the logistic sigmoid and the
soft argmax.

Each function is self-contained (NumPy only) because its source is pasted into the
notebook's solution cell as it is. ``soft_argmax`` computes its own softmax rather than
calling ``softmax``, so that its grade never depends on another exercise's answer.
"""

import numpy as np

__all__ = ["softmax", "sigmoid", "soft_argmax"]


def softmax(z, axis=-1):
    """Turn logits into probabilities: exponentiate, then normalise along ``axis``.

    Parameters
    ----------
    z : array_like
        Logits, of any shape. Integer (and boolean) input is promoted to float64;
        float16, float32 and float64 input keep their dtype.
    axis : int, optional
        The axis that holds the classes; every slice along it is turned into a
        probability distribution. Default -1, the last axis. (``scipy.special.softmax``
        defaults to ``axis=None``, which normalises over the whole array.)

    Returns
    -------
    numpy.ndarray
        Same shape as ``z``: entries in [0, 1] that sum to 1 along ``axis`` (up to
        rounding), in the order of the logits; NaN in every entry of a slice that holds
        NaN or +inf, or only -inf.

    Raises
    ------
    ValueError
        If ``z`` is not an array of real numbers, or if ``axis`` is out of range for ``z``
        (NumPy's ``AxisError`` is a ``ValueError``); also if ``axis`` is not an integer (bool
        rejected), where NumPy's own ``TypeError`` would do as well.

    Notes
    -----
    The softmax is :math:`p_k = e^{z_k} / \\sum_j e^{z_j}`. Subtracting the maximum along
    ``axis`` first does not change the result (the factor :math:`e^{-m}` cancels between
    numerator and denominator) but keeps ``exp`` from overflowing; notebook 03 is about
    why. A -inf logit gets probability exactly 0. A slice that contains NaN or +inf, or
    only -inf, has no meaningful distribution and comes out as NaN in every entry. An
    empty slice gives an empty result. float16 input is computed in float32 (its sums of
    exponentials would overflow past 65,504 terms) and rounded once at the end.

    Examples
    --------
    >>> softmax([1.0, 3.0, 2.0])
    array([0.09003057, 0.66524096, 0.24472847])
    >>> softmax(np.log([[1, 1, 2], [1, 2, 1]]))
    array([[0.25, 0.25, 0.5 ],
           [0.25, 0.5 , 0.25]])
    >>> softmax([[0.0, 1.0], [2.0, 3.0]], axis=0).sum(axis=0)
    array([1., 1.])
    >>> softmax(np.array([0.0, 0.0], dtype=np.float32)).dtype
    dtype('float32')
    """
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"softmax needs real-valued logits, got an array of dtype {z.dtype}")
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise ValueError(f"axis must be an integer, got {axis!r}")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    # float16 has only 11 significant bits: compute in float32 and round once at the end.
    work = z.astype(np.float32 if dtype == np.float16 else dtype)
    # `initial` lets an empty axis through (the max of nothing is -inf) instead of raising.
    m = np.max(work, axis=axis, keepdims=True, initial=-np.inf)
    # A slice whose max is not finite (all -inf, or holding +inf or NaN) has no
    # distribution: shift it by 0 so nothing warns, then mark the whole slice NaN.
    finite = np.isfinite(m)
    e = np.exp(work - np.where(finite, m, 0))
    p = np.where(finite, e / np.sum(e, axis=axis, keepdims=True), np.nan)
    return p.astype(dtype, copy=False)


def sigmoid(x):
    """The logistic sigmoid ``1 / (1 + exp(-x))``, computed without overflow for any ``x``.

    Parameters
    ----------
    x : array_like
        Real numbers, of any shape. Integer (and boolean) input is promoted to float64;
        float16, float32 and float64 input keep their dtype.

    Returns
    -------
    numpy.ndarray or numpy.floating
        The sigmoid of every entry, in [0, 1], with the shape of ``x`` (a NumPy scalar for
        scalar input). ``sigmoid(-inf)`` is 0, ``sigmoid(inf)`` is 1 and NaN stays NaN.

    Raises
    ------
    ValueError
        If ``x`` is not an array of real numbers.

    Notes
    -----
    Only ``exp(-|x|)`` is ever computed, and it lies in [0, 1], so nothing overflows
    (underflow to 0 is harmless: ``1 / (1 + 0) = 1`` and ``0 / (1 + 0) = 0``):
    for ``x >= 0`` the value is ``1 / (1 + e)``, and for ``x < 0`` it is ``e / (1 + e)``,
    the same fraction multiplied by ``exp(x)`` above and below. The second form also keeps
    tiny values accurate (``sigmoid(-40)`` is about ``4.25e-18``, not 0), which
    ``1 - sigmoid(-x)`` would lose to cancellation. The sigmoid is the two-class softmax:
    ``softmax([a, b])[0] == sigmoid(a - b)``. float16 input is computed in float32 and
    rounded once at the end.

    Examples
    --------
    >>> sigmoid(0.0)
    np.float64(0.5)
    >>> sigmoid(np.log([1 / 3, 3.0]))
    array([0.25, 0.75])
    >>> sigmoid(np.array([-1000.0, 1000.0]))
    array([0., 1.])
    >>> float(sigmoid(-40.0))
    4.248354255291589e-18
    """
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError(f"sigmoid needs real numbers, got an array of dtype {x.dtype}")
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    # float16 would round exp, the sum and the quotient separately: compute in float32.
    work = x.astype(np.float32) if x.dtype == np.float16 else x
    e = np.exp(-np.abs(work))
    out = np.where(work >= 0, 1 / (1 + e), e / (1 + e)).astype(x.dtype, copy=False)
    # `[()]` turns a 0-d result back into a NumPy scalar, as NumPy's ufuncs do.
    return out[()]


def soft_argmax(z, axis=-1):
    """The expected index under ``softmax(z)`` along ``axis``: a smooth stand-in for argmax.

    Parameters
    ----------
    z : array_like
        Logits, of any shape, with at least one class along ``axis``. Integer (and boolean)
        input is promoted to float64; float16, float32 and float64 input keep their dtype.
    axis : int, optional
        The axis that holds the classes, counted 0, 1, ..., K-1 along it. Default -1, the
        last axis.

    Returns
    -------
    numpy.ndarray or numpy.floating
        :math:`\\sum_k k \\, \\mathrm{softmax}(z)_k` for every slice along ``axis``: the shape
        of ``z`` with ``axis`` removed (a NumPy scalar for 1-D ``z``), values in [0, K-1].

    Raises
    ------
    ValueError
        If ``z`` is not an array of real numbers, if ``axis`` is out of range for ``z``, or
        if ``z`` has no class along ``axis`` (the expected index of an empty distribution
        does not exist); also if ``axis`` is not an integer, where NumPy's own ``TypeError``
        would do as well.

    Notes
    -----
    Unlike ``argmax``, the result moves smoothly with the logits, so it can be
    differentiated. Equal logits give the middle position :math:`(K-1)/2`; scaling the
    logits up (``c * z`` with ``c`` large) moves the result onto the argmax index; a class
    that dominates at index ``i`` gives about ``i``. Two peaks of equal height give their
    midpoint, which is why the soft argmax works best with one clear maximum.

    The softmax is computed inline, with one division per slice:
    :math:`\\sum_k k\\, e_k / \\sum_k e_k` with :math:`e_k = \\exp(z_k - \\max_j z_j)`. Like
    softmax, the result does not change when a constant is added to every logit of a
    slice, and after subtracting the maximum the largest exponential is 1, so ``exp``
    cannot overflow and the denominator is at least 1. The positions ``0, ..., K-1`` are
    shaped to broadcast along ``axis`` and have the computation's dtype, so that float32
    stays float32 (``np.arange(K)`` alone is int64 and would promote it to float64).
    float16 input is computed in float32 and rounded once at the end. A -inf logit gets
    weight 0; a slice containing NaN or +inf, or only -inf, gives NaN, as its softmax does.

    Examples
    --------
    >>> soft_argmax([0.0, 0.0, 0.0, 0.0])
    np.float64(1.5)
    >>> soft_argmax(np.log([[1.0, 3.0], [1.0, 1.0]]))
    array([0.75, 0.5 ])
    >>> soft_argmax(np.log([[1.0, 1.0], [3.0, 1.0]]), axis=0)
    array([0.75, 0.5 ])
    >>> soft_argmax(100.0 * np.array([1.0, 2.5, 0.5, 2.0]))
    np.float64(1.0)
    >>> soft_argmax(np.array([1000.0, 1000.0, 1000.0], dtype=np.float32))
    np.float32(1.0)
    """
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"soft_argmax needs real-valued logits, got an array of dtype {z.dtype}")
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise ValueError(f"axis must be an integer, got {axis!r}")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis {axis} is out of range for an array with {z.ndim} dimension(s)")
    n_classes = z.shape[axis]
    if n_classes == 0:
        raise ValueError(f"soft_argmax needs at least one class, but axis {axis} is empty")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    # float16 has only 11 significant bits: compute in float32 and round once at the end.
    work = z.astype(np.float32 if dtype == np.float16 else dtype)
    # Shift invariance: the largest logit of each slice becomes 0, so exp never overflows.
    m = np.max(work, axis=axis, keepdims=True)
    # A slice whose max is not finite (only -inf, or holding +inf or NaN) has no
    # distribution: give it harmless zeros here (no warning) and NaN as its result below.
    finite = np.isfinite(m)
    e = np.exp(np.where(finite, work - np.where(finite, m, 0), 0))
    # Positions 0, ..., K-1 along `axis` (and length 1 elsewhere) broadcast against e.
    shape = [1] * z.ndim
    shape[axis] = n_classes
    positions = np.arange(n_classes, dtype=e.dtype).reshape(shape)
    expected = np.sum(positions * e, axis=axis) / np.sum(e, axis=axis)
    expected = np.where(np.squeeze(finite, axis=axis), expected, np.nan)
    # Rounding may push the ratio a few ulps past K-1; the exact value never leaves [0, K-1].
    # `[()]` turns a 0-d result (from 1-D z) into a NumPy scalar, as NumPy's reductions do.
    return np.clip(expected, 0, n_classes - 1).astype(dtype, copy=False)[()]
