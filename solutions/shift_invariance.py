"""Reference answers of ``03_shift_invariance``: a softmax that never overflows.

Softmax does not change when the same constant is added to every logit, so subtracting the
maximum along the axis first keeps every exponent at or below 0: nothing overflows, and the
largest term is exactly 1, so the sum never underflows either. ``overflow_threshold`` tells
how large a logit the naive formula survives in each floating dtype.
"""

import numpy as np

__all__ = ["overflow_threshold", "stable_softmax"]


def stable_softmax(z, axis=-1):
    """Softmax along ``axis``, computed after subtracting the maximum so it never overflows.

    Parameters
    ----------
    z : array_like
        Logits, of any shape with at least one dimension. Integer input is promoted to
        float64; float16, float32 and float64 input keep their dtype.
    axis : int, optional
        The axis along which the probabilities sum to 1 (default: the last one).

    Returns
    -------
    numpy.ndarray
        Probabilities with the shape of ``z``; every slice along ``axis`` sums to 1.

    Raises
    ------
    ValueError
        If ``z`` is not real-valued, is 0-dimensional, or ``axis`` is not an integer in
        range (for a non-integer ``axis``, NumPy's own ``TypeError`` would do as well).

    Notes
    -----
    ``softmax(z) == softmax(z - c)`` for any constant ``c``; with ``c = max(z)`` every
    exponent is ``<= 0``, so ``exp`` cannot overflow, and the largest term is exactly 1,
    so the denominator cannot underflow to 0.

    Edge cases: a ``-inf`` logit gets probability exactly 0; a slice made only of ``-inf``
    (every entry excluded) gets all zeros, not NaN; a NaN logit makes its whole slice NaN.
    A slice containing ``+inf`` is NaN (the limit is not a number the formula can give).
    An empty axis gives an empty result. float16 input is computed in float32 and rounded
    once at the end, so a float16 row of 65,520 zeros gets 1/65520 everywhere (a float16
    sum of its exponentials would overflow to ``inf``).

    Examples
    --------
    >>> stable_softmax([1000.0, 1001.0, 999.0])
    array([0.24472847, 0.66524096, 0.09003057])
    >>> stable_softmax([[0.0, -np.inf], [-np.inf, -np.inf]])
    array([[1., 0.],
           [0., 0.]])
    >>> stable_softmax(np.array([-101.0, -102.0], dtype=np.float32))
    array([0.7310586, 0.2689414], dtype=float32)
    >>> stable_softmax([[1, 2], [3, 4]], axis=0)
    array([[0.11920292, 0.11920292],
           [0.88079708, 0.88079708]])
    """
    z = np.asarray(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    if z.dtype.kind != "f":
        raise ValueError(f"z must hold real numbers, but it has dtype {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension (a vector of logits)")
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise ValueError(f"axis must be an integer, not {axis!r}")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis must be an integer in [-{z.ndim}, {z.ndim}), not {axis!r}")
    if z.shape[axis] == 0:
        return np.empty_like(z)
    dtype = z.dtype
    if dtype == np.float16:
        # A float16 sum of exponentials overflows past 65,504 terms and rounds at every
        # step: compute in float32 and round once at the end.
        z = z.astype(np.float32)
    m = np.max(z, axis=axis, keepdims=True)
    # A slice of only -inf has max -inf, and -inf - (-inf) is NaN: shift such a slice by 0
    # instead, so that its entries stay -inf and get exp(-inf) = 0 like any other -inf.
    m = np.where(m == -np.inf, np.zeros_like(m), m)
    with np.errstate(over="ignore", invalid="ignore"):  # z - m may be -inf: exp gives 0
        e = z - m
        np.exp(e, out=e)  # in place: one array of the input's size instead of two
        total = np.sum(e, axis=axis, keepdims=True)
        # total is >= 1 (the max contributes exp(0)) except for an all -inf slice, where it
        # is 0 and so is every entry: dividing that slice by 1 keeps its zeros (not 0/0 = NaN).
        total[total == 0] = 1
        e /= total
        return e.astype(dtype, copy=False)


def overflow_threshold(dtype):
    """The largest number ``x`` of a floating dtype whose ``exp(x)`` is finite in that dtype.

    Parameters
    ----------
    dtype : data-type
        A real floating dtype: ``np.float16``, ``np.float32``, ``np.float64`` (or
        ``np.longdouble``), as a type, a ``numpy.dtype`` or a string such as ``"float32"``.

    Returns
    -------
    numpy.floating
        A scalar of that dtype: ``np.exp(x)`` is finite, and ``np.exp`` of the next
        representable number above ``x`` is ``inf`` (both computed in that dtype).

    Raises
    ------
    ValueError
        If ``dtype`` is not a real floating dtype (integers, complex, bool, objects); for a
        name that is no dtype at all (``"foo"``), ``np.dtype``'s own ``TypeError`` would do
        as well.

    Notes
    -----
    The answer is ``log(finfo(dtype).max)`` rounded *down* to the dtype: rounding to
    nearest may land just above the true logarithm, where ``exp`` already overflows (for
    float32, ``np.float32(np.log(np.finfo(np.float32).max))`` is 88.72284, and ``exp`` of
    it is ``inf``). Starting from the logarithm computed in the dtype, the function steps
    one representable number at a time until ``exp`` is finite and the next one's is not.

    Examples
    --------
    >>> overflow_threshold(np.float16)
    np.float16(11.086)
    >>> overflow_threshold("float32")
    np.float32(88.72283)
    >>> x = overflow_threshold(np.float64)
    >>> x
    np.float64(709.782712893384)
    >>> with np.errstate(over="ignore"):
    ...     print(np.isfinite(np.exp(x)), np.isinf(np.exp(np.nextafter(x, np.inf))))
    True True
    """
    try:
        dtype = np.dtype(dtype)
    except TypeError:
        raise ValueError(f"{dtype!r} is not a NumPy dtype") from None
    if dtype.kind != "f":
        raise ValueError(f"dtype must be a real floating dtype, not {dtype}")
    kind = dtype.type
    up, down = kind(np.inf), kind(-np.inf)
    x = np.log(np.finfo(dtype).max)  # computed in the dtype, so within an ulp or two
    with np.errstate(over="ignore"):
        while not np.isfinite(np.exp(x)):
            x = np.nextafter(x, down)
        while np.isfinite(np.exp(np.nextafter(x, up))):
            x = np.nextafter(x, up)
    return x
