"""Reference answers of notebook ``01_logits``: where logits come from and what they mean.

Each function is self-contained (NumPy only) because its source is pasted into the
notebook's solution cell as it is.
"""

import numpy as np

__all__ = ["linear_logits", "predict", "probability_ratio", "logits_from_probabilities"]


def linear_logits(X, W, b):
    """The logits of a linear layer: ``X @ W + b``.

    Parameters
    ----------
    X : array_like, shape (N, D)
        One example per row, D features each. (A single example of shape (D,), or a batch
        of shape (..., D), works too and gives logits of shape (K,) or (..., K).)
    W : array_like, shape (D, K)
        Weights: column k scores class k.
    b : array_like, shape (K,)
        One bias per class.

    Returns
    -------
    numpy.ndarray, shape (N, K)
        Row n holds the K logits of example n. Integer input is promoted to float64;
        floating input gives the common floating dtype of the three arguments
        (float32 in, float32 out).

    Raises
    ------
    ValueError
        If the shapes do not fit together (``X.shape[-1] != W.shape[0]``, ``W`` not 2-D,
        ``b`` not of shape (K,)), or an argument is not an array of real numbers.

    Notes
    -----
    ``b`` must have exactly K entries: a bias of shape (1,) would broadcast silently and
    add the same number to every class, which is never what a layer with K outputs means.
    float16 input is computed in float32 (the dot products and the bias) and rounded once
    at the end.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 2.0]])
    >>> W = np.array([[1.0, -1.0, 0.5], [0.0, 3.0, 1.0]])
    >>> linear_logits(X, W, [0.0, 0.0, 1.0])
    array([[ 1. , -1. ,  1.5],
           [ 0. ,  6. ,  3. ]])
    >>> linear_logits(X, W, [0.0, 1.0])
    Traceback (most recent call last):
    ...
    ValueError: b must have shape (K,) = (3,) to match W of shape (2, 3), got shape (2,)
    """
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    for name, a in (("X", X), ("W", W), ("b", b)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers, got an array of dtype {a.dtype}")
    if W.ndim != 2:
        raise ValueError(f"W must be a 2-D array of shape (D, K), got shape {W.shape}")
    if X.ndim < 1 or X.shape[-1] != W.shape[0]:
        raise ValueError(
            f"X of shape {X.shape} does not fit W of shape {W.shape}: X needs "
            f"{W.shape[0]} features (its last axis) to match W's first axis"
        )
    if b.shape != (W.shape[1],):
        raise ValueError(
            f"b must have shape (K,) = ({W.shape[1]},) to match W of shape {W.shape}, "
            f"got shape {b.shape}"
        )
    dtype = np.result_type(X, W, b)
    if dtype.kind != "f":
        dtype = np.dtype(np.float64)
    # float16 would round the dot products and then the bias: compute in float32, round once.
    work = np.float32 if dtype == np.float16 else dtype
    return (X.astype(work) @ W.astype(work) + b.astype(work)).astype(dtype, copy=False)


def predict(logits):
    """The predicted class: the index of the largest logit along the last axis.

    Parameters
    ----------
    logits : array_like, shape (..., K)
        Logits, classes along the last axis (K >= 1).

    Returns
    -------
    numpy.ndarray or numpy.intp, shape (...)
        Integer class indices (a NumPy integer for a single example of shape (K,), as
        ``np.argmax`` gives it; a Python ``int`` is as good). Ties go to the lowest index.

    Raises
    ------
    ValueError
        If ``logits`` is a scalar, has no classes (K = 0) or is not real-valued.

    Notes
    -----
    The softmax keeps the order of the logits, so the most probable class is the argmax
    of the logits themselves: no exponential is needed (and none can overflow). NaN
    counts as the largest value, as in ``numpy.argmax``.

    Examples
    --------
    >>> predict([0.5, 2.0, -1.0])
    np.int64(1)
    >>> predict([[3.0, 3.0, 1.0], [-2.0, -1.0, -5.0]])
    array([0, 1])
    """
    z = np.asarray(logits)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"logits must be real numbers, got an array of dtype {z.dtype}")
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError(f"logits need at least one class along the last axis, got {z.shape}")
    # np.argmax returns the first occurrence of the maximum: exactly the tie rule we want.
    return np.argmax(z, axis=-1)


def probability_ratio(z, i, j):
    """How many times more probable class ``i`` is than class ``j``: ``exp(z_i - z_j)``.

    Parameters
    ----------
    z : array_like, shape (K,) or (..., K)
        Logits, classes along the last axis.
    i, j : int
        Class indices (Python's negative indices count from the end).

    Returns
    -------
    numpy.floating or numpy.ndarray
        ``p_i / p_j`` where ``p = softmax(z)``: a scalar for 1-D ``z``, one ratio per
        example for a batch. Integer input is promoted to float64; float input keeps its
        dtype.

    Raises
    ------
    ValueError
        If ``i`` or ``j`` is not an integer in ``[-K, K)``, or ``z`` is a scalar or not
        real-valued.

    Notes
    -----
    The normaliser of the softmax cancels in the ratio:
    :math:`p_i / p_j = e^{z_i} / e^{z_j} = e^{z_i - z_j}`. Computing the difference first
    is exact where forming the probabilities is not: ``exp(1000)`` overflows, and
    ``softmax([0, -800, -801])`` underflows to 0 in both classes 1 and 2. float16 input is
    computed in float32 and rounded once at the end.

    Examples
    --------
    >>> probability_ratio([2.0, 1.0, 0.0], 0, 1)
    np.float64(2.718281828459045)
    >>> probability_ratio([1000.0, 999.0], 0, 1)
    np.float64(2.718281828459045)
    >>> probability_ratio([0.0, -800.0, -801.0], 2, 1)
    np.float64(0.36787944117144233)
    """
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"z must hold real logits, got an array of dtype {z.dtype}")
    if z.dtype.kind != "f":
        z = z.astype(np.float64)
    if z.ndim == 0:
        raise ValueError("z must have a class axis (at least 1-D), got a scalar")
    k = z.shape[-1]
    for name, index in (("i", i), ("j", j)):
        if isinstance(index, (bool, np.bool_)) or not isinstance(index, (int, np.integer)):
            raise ValueError(f"{name} must be an integer class index, got {index!r}")
        if not -k <= index < k:
            raise ValueError(f"{name}={index} is out of range for {k} classes")
    # float16: the difference and its exp in float32, rounded once at the end.
    work = z.astype(np.float32) if z.dtype == np.float16 else z
    return np.exp(work[..., i] - work[..., j]).astype(z.dtype, copy=False)[()]


def logits_from_probabilities(p):
    """Logits that the softmax maps back to ``p``: ``log p``, centred to zero mean.

    Parameters
    ----------
    p : array_like, shape (..., K)
        Probabilities along the last axis: every entry > 0 and every slice summing to 1
        (up to rounding: within ``max(1e-6, sqrt(eps))``, with ``eps`` of p's float dtype,
        float64 for integer input; that is 1e-6 for float64, 3.5e-4 for float32, 0.031
        for float16).

    Returns
    -------
    numpy.ndarray, shape (..., K)
        ``log p - mean(log p)`` along the last axis: ``softmax`` of it gives ``p`` back, and
        it has zero mean along the last axis. Integer input is promoted to float64; float
        input keeps its dtype.

    Raises
    ------
    ValueError
        If an entry is not > 0 (zero, negative, NaN), a slice does not sum to 1, ``p`` is a
        scalar or not real-valued.

    Notes
    -----
    Softmax is unchanged by adding a constant to every logit, so it has no unique inverse:
    any ``log p + c`` maps to ``p``. Centring picks the one with zero mean. A probability
    of exactly 0 would need a logit of -inf, which no finite logit vector produces, so it
    is rejected rather than silently turned into -inf or NaN. float16 input is computed in
    float32 and rounded once at the end.

    Examples
    --------
    >>> z = logits_from_probabilities([0.25, 0.25, 0.5])
    >>> z
    array([-0.23104906, -0.23104906,  0.46209812])
    >>> np.exp(z) / np.exp(z).sum()
    array([0.25, 0.25, 0.5 ])
    >>> logits_from_probabilities([0.5, 0.25])
    Traceback (most recent call last):
    ...
    ValueError: p must sum to 1 along the last axis; a slice sums to 0.75
    """
    p = np.asarray(p)
    if p.dtype.kind not in "biuf":
        raise ValueError(f"p must hold real probabilities, got an array of dtype {p.dtype}")
    if p.dtype.kind != "f":
        p = p.astype(np.float64)
    if p.ndim == 0:
        raise ValueError("p must have a class axis (at least 1-D), got a scalar")
    # `not (p > 0)` rather than `p <= 0`, so that NaN is rejected too.
    bad = ~(p > 0)
    if bad.any():
        raise ValueError(
            f"every probability must be > 0, got {p[bad].flat[0]} (a logit of -inf or "
            "a negative probability has no meaning)"
        )
    tolerance = max(1e-6, float(np.sqrt(np.finfo(p.dtype).eps)))
    # Sum in float64 so that the test itself adds no rounding error.
    total = np.sum(p, axis=-1, dtype=np.float64)
    off = np.abs(total - 1) > tolerance
    if off.any():
        raise ValueError(
            f"p must sum to 1 along the last axis; a slice sums to {total[off].flat[0]:.6g}"
        )
    # float16: the logs and their mean in float32 (the mean is a sum), rounded once.
    work = p.astype(np.float32) if p.dtype == np.float16 else p
    log_p = np.log(work)
    return (log_p - np.mean(log_p, axis=-1, keepdims=True)).astype(p.dtype, copy=False)
