"""Reference answers of notebook ``02_softmax``: the softmax and the logistic sigmoid.

Each function is self-contained (NumPy only) because its source is pasted into the
notebook's solution cell as it is.
"""

import numpy as np

__all__ = ["softmax", "sigmoid"]


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
        Same shape as ``z``: positive entries that sum to 1 along ``axis``, in the same
        order as the logits.

    Raises
    ------
    ValueError
        If ``z`` is not an array of real numbers, or if ``axis`` is out of range for ``z``
        (NumPy's ``AxisError`` is a ``ValueError``).

    Notes
    -----
    The softmax is :math:`p_k = e^{z_k} / \\sum_j e^{z_j}`. Subtracting the maximum along
    ``axis`` first does not change the result (the factor :math:`e^{-m}` cancels between
    numerator and denominator) but keeps ``exp`` from overflowing; notebook 03 is about
    why. A -inf logit gets probability exactly 0. A slice that contains NaN or +inf, or
    only -inf, has no meaningful distribution and comes out as NaN in every entry. An
    empty slice gives an empty result.

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
    Only ``exp(-|x|)`` is ever computed, and it lies in (0, 1], so nothing overflows:
    for ``x >= 0`` the value is ``1 / (1 + e)``, and for ``x < 0`` it is ``e / (1 + e)``,
    the same fraction multiplied by ``exp(x)`` above and below. The second form also keeps
    tiny values accurate (``sigmoid(-40)`` is about ``4.25e-18``, not 0), which
    ``1 - sigmoid(-x)`` would lose to cancellation. The sigmoid is the two-class softmax:
    ``softmax([a, b])[0] == sigmoid(a - b)``.

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
    e = np.exp(-np.abs(x))
    out = np.where(x >= 0, 1 / (1 + e), e / (1 + e))
    # `[()]` turns a 0-d result back into a NumPy scalar, as NumPy's ufuncs do.
    return out[()]
