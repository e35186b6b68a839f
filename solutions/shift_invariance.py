"""Reference answers of ``03_shift_invariance``: a softmax that never overflows.

Softmax does not change when the same constant is added to every logit, so subtracting the
maximum along the axis first keeps every exponent at or below 0: nothing overflows, and the
largest term is exactly 1, so the sum never underflows either. ``overflow_threshold`` tells
how large a logit the naive formula survives in each floating dtype.

Because only differences of logits matter, one of the K logits can be fixed at 0 and the
model can give the other K - 1 only: ``baseline_softmax`` turns those K - 1 logits, measured
from a baseline class, into the K probabilities.
"""

import numpy as np

__all__ = ["stable_softmax", "baseline_softmax", "overflow_threshold"]


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


def baseline_softmax(d, axis=-1):
    """Probabilities of K classes from the K - 1 logits measured from a baseline class.

    Parameters
    ----------
    d : array_like
        Logits of the first K - 1 classes relative to the last (baseline) class, whose own
        logit is 0: ``d[k] = z[k] - z[K-1]``. Any shape with at least one dimension; along
        ``axis`` it holds the K - 1 logits (K - 1 may be 0). Integer and boolean input is
        promoted to float64; float16, float32 and float64 input keep their dtype.
    axis : int, optional
        The axis that holds the logits (default: the last one).

    Returns
    -------
    numpy.ndarray
        The K probabilities: the shape of ``d`` with ``axis`` one longer, the baseline
        class's probability last along ``axis``. Every slice along ``axis`` sums to 1.

    Raises
    ------
    ValueError
        If ``d`` is not real-valued, is 0-dimensional, or ``axis`` is not an integer in
        range (for a non-integer ``axis``, NumPy's own ``TypeError`` would do as well).

    Notes
    -----
    This is the baseline-category logit model of multinomial logistic regression (Agresti,
    *Categorical Data Analysis*, 3rd ed., 2013, Section 8.1): with the last class as the
    baseline, ``log(p[k] / p[K-1]) = d[k]``, so

        p[k] = exp(d[k]) / (1 + sum_j exp(d[j])),    p[K-1] = 1 / (1 + sum_j exp(d[j])),

    which is ``stable_softmax(concatenate([d, zeros], axis))``: softmax is unchanged by a
    shift, so fixing one logit at 0 loses nothing. To stay finite, every exponent is
    shifted by ``m = max(0, max(d))``, the largest of *all* K logits, the baseline's 0
    included: shifted by ``max(d)`` alone, the baseline's term ``exp(0 - m)`` overflows
    when every ``d`` is very negative (``d = [-1000, -1000]``). For K = 2 the result is
    ``[sigmoid(d), sigmoid(-d)]``.

    Edge cases, as for ``stable_softmax``: a ``-inf`` logit gets probability exactly 0; a
    slice of only ``-inf`` gives the baseline probability 1; a NaN or a ``+inf`` logit makes
    its whole slice NaN. An empty axis (K = 1, only the baseline) gives probability 1.
    float16 input is computed in float32 and rounded once at the end.

    Examples
    --------
    >>> baseline_softmax([np.log(2.0), np.log(3.0)])  # weights 2 : 3 : 1
    array([0.33333333, 0.5       , 0.16666667])
    >>> baseline_softmax([0.0])  # K = 2: [sigmoid(0), sigmoid(-0)]
    array([0.5, 0.5])
    >>> baseline_softmax(np.array([-1000.0, -1000.0], dtype=np.float32))
    array([0., 0., 1.], dtype=float32)
    >>> baseline_softmax([[-np.inf], [np.inf]])
    array([[ 0.,  1.],
           [nan, nan]])
    >>> baseline_softmax(np.zeros((3, 0))).shape
    (3, 1)
    >>> baseline_softmax([[0.0, np.log(2.0)], [0.0, np.log(3.0)]], axis=0)  # baseline: last row
    array([[0.33333333, 0.33333333],
           [0.33333333, 0.5       ],
           [0.33333333, 0.16666667]])
    """
    d = np.asarray(d)
    if d.dtype.kind in "biu":
        d = d.astype(np.float64)
    if d.dtype.kind != "f":
        raise ValueError(f"d must hold real numbers, but it has dtype {d.dtype}")
    if d.ndim == 0:
        raise ValueError("d must have at least one dimension (a vector of K - 1 logits)")
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise ValueError(f"axis must be an integer, not {axis!r}")
    if not -d.ndim <= axis < d.ndim:
        raise ValueError(f"axis must be an integer in [-{d.ndim}, {d.ndim}), not {axis!r}")
    dtype = d.dtype
    if dtype == np.float16:
        d = d.astype(np.float32)  # one rounding at the end, as in stable_softmax
    # The baseline's logit 0 joins as the last entry along `axis`; then the softmax of all K
    # logits, whose max shift includes that 0: m = max(0, max(d)) is never -inf, so no slice
    # needs the all -inf guard of stable_softmax (its baseline term exp(0 - 0) = 1 stays).
    shape = list(d.shape)
    shape[axis] = 1
    z = np.concatenate([d, np.zeros(shape, d.dtype)], axis=axis)
    m = np.max(z, axis=axis, keepdims=True)
    with np.errstate(over="ignore", invalid="ignore"):  # z - m may be -inf: exp gives 0
        e = z - m
        np.exp(e, out=e)
        e /= np.sum(e, axis=axis, keepdims=True)  # the sum is >= 1: the max gives exp(0)
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
